/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_fmt_hex.c - rk_fmt_hex() against tcpdump 4.99.3's -x and -X output,
 * byte for byte. The expected lines were printed by `tcpdump -n -x -r` and
 * `tcpdump -n -X -r` on a pcap holding the 60-byte IPv4 SYN below
 * (tests/sniff/ compares more frames with the real tcpdump when installed).
 * Also: odd lengths, offsets past 0xffff, buffers too small by any amount,
 * and how much of a frame the dump skips (rk_fmt_link_len).
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/fmt.h"
#include "testlib.h"

static const uint8_t syn[60] = {
	0x45, 0x00, 0x00, 0x3c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x9c, 0x60, 0xc6, 0x12, 0x00, 0x01,
	0xc6, 0x12, 0x00, 0x02, 0x9c, 0x40, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0xa0, 0x02, 0xfa, 0xf0, 0x24, 0x55, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07,
};

static const char syn_X[] =
	"\t0x0000:  4500 003c 1234 4000 4006 9c60 c612 0001  E..<.4@.@..`....\n"
	"\t0x0010:  c612 0002 9c40 0050 0000 0001 0000 0000  .....@.P........\n"
	"\t0x0020:  a002 faf0 2455 0000 0204 05b4 0402 080a  ....$U..........\n"
	"\t0x0030:  0000 0001 0000 0000 0103 0307            ............\n";

static const char syn_x[] =
	"\t0x0000:  4500 003c 1234 4000 4006 9c60 c612 0001\n"
	"\t0x0010:  c612 0002 9c40 0050 0000 0001 0000 0000\n"
	"\t0x0020:  a002 faf0 2455 0000 0204 05b4 0402 080a\n"
	"\t0x0030:  0000 0001 0000 0000 0103 0307\n";

/* tcpdump -X on "hello world" (odd length: the last group is one byte;
   space is not printed as itself). */
static const char hello_X[] = "\t0x0000:  6865 6c6c 6f20 776f 726c 64              hello.world\n";
static const char hello_x[] = "\t0x0000:  6865 6c6c 6f20 776f 726c 64\n";

static void check_dump(const uint8_t *data, size_t len, uint32_t off, unsigned flags,
		       const char *want)
{
	char buf[1024];
	int n = rk_fmt_hex(buf, sizeof buf, data, len, off, flags);
	CHECK_EQ(n, (long long)strlen(want));
	if (n < 0 || strcmp(buf, want) != 0)
		fprintf(stderr, "  got:\n%s  want:\n%s", n >= 0 ? buf : "(error)\n", want);
}

static void tcpdump_layout(void)
{
	check_dump(syn, sizeof syn, 0, RK_HEX_ASCII, syn_X);
	check_dump(syn, sizeof syn, 0, 0, syn_x);
	check_dump((const uint8_t *)"hello world", 11, 0, RK_HEX_ASCII, hello_X);
	check_dump((const uint8_t *)"hello world", 11, 0, 0, hello_x);
	check_dump(syn, 0, 0, RK_HEX_ASCII, "");
	check_dump((const uint8_t *)"\x7e\x7f\x20\x21", 4, 0, RK_HEX_ASCII,
		   "\t0x0000:  7e7f 2021                                ~..!\n");
	/* Offsets grow past four digits as "%04x" does. */
	check_dump(syn, 2, 0x10000, 0, "\t0x10000:  4500\n");
	check_dump(syn, 17, 0xfff0, 0,
		   "\t0xfff0:  4500 003c 1234 4000 4006 9c60 c612 0001\n"
		   "\t0x10000:  c6\n");
}

static void small_buffers(void)
{
	int full = (int)strlen(syn_X);
	for (int cap = 0; cap <= full + 1; cap++) {
		char buf[512];
		memset(buf, '#', sizeof buf);
		int n = rk_fmt_hex(buf, (size_t)cap, syn, sizeof syn, 0, RK_HEX_ASCII);
		CHECK_EQ(n, cap < full ? RK_E_NOSPACE : full);
		CHECK(buf[cap] == '#');
	}
	CHECK((size_t)full <= rk_fmt_hex_size(sizeof syn));
}

/* The dump skips Ethernet and its VLAN tags, and nothing of raw IP. */
static void link_len(void)
{
	uint8_t buf[256];
	struct rk_build b;
	struct rk_eth_hdr eth = {.src = {2, 0, 0, 0, 0, 1}, .dst = {2, 0, 0, 0, 0, 2}};
	struct rk_vlan_hdr vlan = {.vid = 10};
	struct rk_ipv4_hdr ip;
	struct rk_udp_hdr udp = {.sport = 1, .dport = 2};
	struct rk_pkt pkt;
	rk_ipv4_init(&ip);
	rk_build_init(&b, buf, sizeof buf);
	rk_build_eth(&b, &eth);
	rk_build_vlan(&b, &vlan);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	int len = rk_build_finish(&b);
	CHECK(len > 0);
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_EN10MB, &pkt), RK_OK);
	CHECK_EQ(rk_fmt_link_len(&pkt), 18);
	CHECK_EQ(rk_decode(buf, 16, (uint32_t)len, RK_DLT_EN10MB, &pkt), RK_OK);
	CHECK_EQ(rk_fmt_link_len(&pkt), 16); /* never past caplen */
	CHECK_EQ(rk_decode(buf + 18, (uint32_t)len - 18, (uint32_t)len - 18, RK_DLT_RAW, &pkt), RK_OK);
	CHECK_EQ(rk_fmt_link_len(&pkt), 0);
}

int main(void)
{
	tcpdump_layout();
	small_buffers();
	link_len();
	return TEST_END();
}
