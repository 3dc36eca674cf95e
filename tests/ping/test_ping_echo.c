/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_ping_echo.c - rk-ping's packets (tools/ping/echo.c): the request
 * bytes rawkit builds (TTL, TOS, DF, IPv4 id, iputils' data layout, both
 * checksums right, checked by decoding them), and the sorting of what comes
 * back: our replies, other pingers' (wrong identifier, source or data), our
 * own request seen in a recording, ICMP errors quoting our requests, and
 * errors that are not about us.
 */
#include <string.h>

#include <rawkit/build.h>
#include <rawkit/link.h>
#include <rawkit/pkt.h>

#include "echo.h"
#include "testlib.h"

#define A4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static struct ping_probe p4, p6;
static struct rk_pkt pkt;
static const uint8_t SRC6[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 1, [15] = 1};
static const uint8_t DST6[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 2, [15] = 1};
static const uint8_t RTR6[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 1, [15] = 0xfe};

static void setup(void)
{
	struct ping_opts o;
	ping_opts_init(&o);
	memset(&p4, 0, sizeof(p4));
	p4.family = 4;
	p4.src4 = A4(198, 18, 1, 1);
	p4.dst4 = A4(198, 18, 2, 1);
	p4.ttl = 17;
	p4.tos = 0xb8;
	p4.df = true;
	p4.ip_id = 0x1000;
	p4.ident = 0xbeef;
	p4.datalen = 56;
	ping_probe_fill(&p4, &o);
	memset(&p6, 0, sizeof(p6));
	p6.family = 6;
	memcpy(p6.src6, SRC6, 16);
	memcpy(p6.dst6, DST6, 16);
	p6.ttl = 9;
	p6.tos = 0x20;
	p6.ident = 0x0102;
	p6.datalen = 56;
	ping_probe_fill(&p6, &o);
}

static const struct timespec WALL = {1750000000, 123456789};

static void test_build4(void)
{
	uint8_t b[256];
	int n = ping_probe_build(&p4, 7, 3, &WALL, b, sizeof(b));
	CHECK_EQ(n, 84);
	CHECK_EQ(rk_decode(b, (uint32_t)n, (uint32_t)n, RK_DLT_RAW, &pkt), RK_OK);
	CHECK_EQ(pkt.n, 3);
	const struct rk_ipv4_hdr *ip = &pkt.layer[0].h.ipv4;
	CHECK_EQ(ip->ttl, 17);
	CHECK_EQ(ip->tos, 0xb8);
	CHECK(ip->df && !ip->mf);
	CHECK_EQ(ip->id, 0x1000 + 3); /* ip_id + (num - 1) + 1 */
	CHECK_EQ(ip->proto, RK_IPPROTO_ICMP);
	CHECK_EQ(ip->src, p4.src4);
	CHECK_EQ(ip->dst, p4.dst4);
	CHECK_EQ(pkt.layer[0].csum_ok, RK_CSUM_OK);
	const struct rk_icmp_hdr *ic = &pkt.layer[1].h.icmp;
	CHECK_EQ(ic->type, RK_ICMP_ECHO);
	CHECK_EQ(ic->id, 0xbeef);
	CHECK_EQ(ic->seq, 7);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	/* data: the send time as iputils' timeval, then 16, 17, ... 55 */
	int64_t sec, usec;
	memcpy(&sec, b + 28, 8);
	memcpy(&usec, b + 36, 8);
	CHECK_EQ(sec, 1750000000);
	CHECK_EQ(usec, 123456);
	for (int i = 16; i < 56; i++)
		CHECK_EQ(b[28 + i], i);
	/* -M dont; id never 0 (Linux would replace it) */
	p4.df = false;
	p4.ip_id = 65534;
	n = ping_probe_build(&p4, 1, 1, &WALL, b, sizeof(b));
	CHECK_EQ(rk_decode(b, (uint32_t)n, (uint32_t)n, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(!pkt.layer[0].h.ipv4.df);
	CHECK_EQ(pkt.layer[0].h.ipv4.id, 65535);
	n = ping_probe_build(&p4, 2, 2, &WALL, b, sizeof(b));
	CHECK_EQ(rk_decode(b, (uint32_t)n, (uint32_t)n, RK_DLT_RAW, &pkt), RK_OK);
	CHECK_EQ(pkt.layer[0].h.ipv4.id, 1);
	p4.df = true;
	p4.ip_id = 0x1000;
	/* the datagram socket's message: ICMP only */
	p4.mode = PING_BUILD_ICMP;
	n = ping_probe_build(&p4, 5, 5, &WALL, b, sizeof(b));
	CHECK_EQ(n, 64);
	CHECK_EQ(b[0], RK_ICMP_ECHO);
	CHECK_EQ(b[6] << 8 | b[7], 5);
	p4.mode = PING_BUILD_IP;
}

static void test_build6(void)
{
	uint8_t b[256];
	int n = ping_probe_build(&p6, 65535, 65535, &WALL, b, sizeof(b));
	CHECK_EQ(n, 40 + 64);
	CHECK_EQ(rk_decode(b, (uint32_t)n, (uint32_t)n, RK_DLT_RAW, &pkt), RK_OK);
	CHECK_EQ(pkt.layer[0].kind, RK_LAYER_IPV6);
	CHECK_EQ(pkt.layer[0].h.ipv6.hlim, 9);
	CHECK_EQ(pkt.layer[0].h.ipv6.tc, 0x20);
	CHECK_EQ(pkt.layer[0].h.ipv6.nh, RK_IPPROTO_ICMPV6);
	CHECK_EQ(pkt.layer[0].h.ipv6.plen, 64);
	CHECK_EQ(pkt.layer[1].kind, RK_LAYER_ICMP6);
	CHECK_EQ(pkt.layer[1].h.icmp6.type, RK_ICMP6_ECHO_REQUEST);
	CHECK_EQ(pkt.layer[1].h.icmp6.seq, 65535);
	/* rawkit computes the ICMPv6 checksum, pseudo-header included */
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	/* small data: no timestamp, only the fill */
	p6.datalen = 8;
	n = ping_probe_build(&p6, 1, 1, &WALL, b, sizeof(b));
	CHECK_EQ(n, 40 + 16);
	CHECK(!ping_probe_timing(&p6));
	for (int i = 0; i < 8; i++)
		CHECK_EQ(b[48 + i], i);
	p6.datalen = 56;
}

/* An echo reply the way a target answers request seq (from the request). */
static int reply_of(const struct ping_probe *p, uint16_t seq, uint8_t *b, size_t cap)
{
	uint8_t req[256];
	int n = ping_probe_build(p, seq, seq, &WALL, req, sizeof(req));
	size_t hl = p->family == 4 ? 20 : 40;
	struct rk_build bb;
	rk_build_init(&bb, b, cap);
	if (p->family == 4) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = p->dst4;
		ip.dst = p->src4;
		ip.ttl = 63;
		rk_build_ipv4(&bb, &ip);
		struct rk_icmp_hdr h = {.type = RK_ICMP_ECHOREPLY, .id = p->ident, .seq = seq};
		rk_build_icmp(&bb, &h);
	} else {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, p->dst6, 16);
		memcpy(ip.dst, p->src6, 16);
		ip.hlim = 63;
		rk_build_ipv6(&bb, &ip);
		struct rk_icmp6_hdr h = {.type = RK_ICMP6_ECHO_REPLY, .id = p->ident, .seq = seq};
		rk_build_icmp6(&bb, &h);
	}
	rk_build_payload(&bb, req + hl + 8, (size_t)n - hl - 8);
	return rk_build_finish(&bb);
}

static void classify(const struct ping_probe *p, const uint8_t *b, int n, struct ping_rx_info *in)
{
	ping_rx_classify(p, b, (uint32_t)n, (uint32_t)n, RK_DLT_RAW, &pkt, in);
}

static void test_replies(void)
{
	uint8_t b[512];
	struct ping_rx_info in;
	int n = reply_of(&p4, 42, b, sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_REPLY);
	CHECK_EQ(in.seq, 42);
	CHECK_EQ(in.ttl, 63);
	CHECK_EQ(in.icmp_len, 64);
	CHECK(!in.csum_bad && !in.truncated);
	CHECK_EQ(in.from4, p4.dst4);

	n = reply_of(&p6, 43, b, sizeof(b));
	classify(&p6, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_REPLY);
	CHECK_EQ(in.seq, 43);
	CHECK_EQ(in.ttl, 63);
	CHECK_EQ(in.icmp_len, 64);
	/* an IPv6 reply when pinging over IPv4 is not ours */
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);

	/* another pinger's identifier */
	n = reply_of(&p4, 42, b, sizeof(b));
	b[24] ^= 0xff;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	/* from another host (not a broadcast ping) */
	n = reply_of(&p4, 42, b, sizeof(b));
	b[15] ^= 1;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	p4.multicast = true;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_REPLY);
	p4.multicast = false;
	/* same identifier, other data: someone else's (checksum kept valid) */
	p4.fill[30] ^= 1;
	n = reply_of(&p4, 42, b, sizeof(b));
	p4.fill[30] ^= 1;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	/* a corrupted reply: still ours, flagged */
	n = reply_of(&p4, 42, b, sizeof(b));
	b[60] ^= 0x55;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_REPLY);
	CHECK(in.csum_bad);
	/* cut short by the sender: (truncated) */
	n = reply_of(&p4, 42, b, sizeof(b));
	b[3] = 20 + 8 + 30; /* IPv4 total length */
	b[2] = 0;
	rk_ipv4_fill_csum(b, 20);
	classify(&p4, b, 58, &in);
	CHECK_EQ(in.kind, PING_RX_REPLY);
	CHECK(in.truncated);
	CHECK_EQ(in.icmp_len, 38);
	/* our own request, as a recording holds it */
	n = ping_probe_build(&p4, 9, 9, &WALL, b, sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OWN_REQUEST);
	CHECK_EQ(in.seq, 9);
}

/* An error from router src (4: host order) about request seq. */
static int error_of(const struct ping_probe *p, uint32_t src4, const uint8_t *src6, uint8_t type,
		    uint8_t code, uint32_t info, uint16_t seq, uint8_t *b, size_t cap)
{
	uint8_t req[256];
	int n = ping_probe_build(p, seq, seq, &WALL, req, sizeof(req));
	struct rk_build bb;
	rk_build_init(&bb, b, cap);
	if (p->family == 4) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = src4;
		ip.dst = p->src4;
		rk_build_ipv4(&bb, &ip);
		struct rk_icmp_hdr h = {.type = type,
					.code = code,
					.id = (uint16_t)(info >> 16),
					.seq = (uint16_t)info};
		rk_build_icmp(&bb, &h);
		rk_build_payload(&bb, req, rk_icmp_quote_len(req, (size_t)n));
	} else {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, src6, 16);
		memcpy(ip.dst, p->src6, 16);
		rk_build_ipv6(&bb, &ip);
		struct rk_icmp6_hdr h = {.type = type,
					 .code = code,
					 .id = (uint16_t)(info >> 16),
					 .seq = (uint16_t)info};
		rk_build_icmp6(&bb, &h);
		rk_build_payload(&bb, req, rk_icmp6_quote_len((size_t)n));
	}
	return rk_build_finish(&bb);
}

static void test_errors(void)
{
	uint8_t b[512];
	struct ping_rx_info in;
	uint32_t rtr = A4(198, 18, 1, 254);
	int n = error_of(&p4, rtr, NULL, RK_ICMP_TIMXCEED, 0, 0, 3, b, sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_ERROR);
	CHECK_EQ(in.seq, 3);
	CHECK_EQ(in.type, RK_ICMP_TIMXCEED);
	CHECK_EQ(in.from4, rtr);
	n = error_of(&p4, rtr, NULL, RK_ICMP_UNREACH, RK_ICMP_UNREACH_NEEDFRAG, 1400, 4, b,
		     sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_ERROR);
	CHECK_EQ(in.info, 1400);
	n = error_of(&p4, rtr, NULL, RK_ICMP_PARAMPROB, 0, 0x0c000000u >> 16 << 16, 4, b,
		     sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.info, 12); /* pointer: the byte after the code */
	n = error_of(&p4, rtr, NULL, RK_ICMP_REDIRECT, 1, A4(198, 18, 1, 253), 5, b, sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_NOTICE);
	CHECK_EQ(in.info, A4(198, 18, 1, 253));
	/* about another pinger's request */
	p4.ident ^= 1;
	n = error_of(&p4, rtr, NULL, RK_ICMP_TIMXCEED, 0, 0, 3, b, sizeof(b));
	p4.ident ^= 1;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	/* about a request to another destination */
	p4.dst4 ^= 1;
	n = error_of(&p4, rtr, NULL, RK_ICMP_TIMXCEED, 0, 0, 3, b, sizeof(b));
	p4.dst4 ^= 1;
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	/* from our own address: our stack's, the send already said so */
	n = error_of(&p4, p4.src4, NULL, RK_ICMP_UNREACH, 4, 1400, 3, b, sizeof(b));
	classify(&p4, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);
	/* a quotation cut inside the ICMP header is not enough */
	n = error_of(&p4, rtr, NULL, RK_ICMP_TIMXCEED, 0, 0, 3, b, sizeof(b));
	classify(&p4, b, n - 4, &in);
	CHECK_EQ(in.kind, PING_RX_OTHER);

	n = error_of(&p6, 0, RTR6, RK_ICMP6_PACKET_TOO_BIG, 0, 1280, 6, b, sizeof(b));
	classify(&p6, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_ERROR);
	CHECK_EQ(in.seq, 6);
	CHECK_EQ(in.info, 1280);
	n = error_of(&p6, 0, RTR6, RK_ICMP6_TIME_EXCEEDED, 0, 0, 7, b, sizeof(b));
	classify(&p6, b, n, &in);
	CHECK_EQ(in.kind, PING_RX_ERROR);
	CHECK_EQ(in.type, RK_ICMP6_TIME_EXCEEDED);
	CHECK(memcmp(in.from6, RTR6, 16) == 0);
}

/* Every cut of a reply and of an error: never a crash, never a wrong seq. */
static void test_cuts(void)
{
	uint8_t b[512];
	struct ping_rx_info in;
	int n = reply_of(&p4, 42, b, sizeof(b));
	for (int cut = 0; cut < n; cut++) {
		ping_rx_classify(&p4, b, (uint32_t)cut, (uint32_t)n, RK_DLT_RAW, &pkt, &in);
		CHECK(in.kind == PING_RX_OTHER || (in.kind == PING_RX_REPLY && in.seq == 42));
	}
	n = error_of(&p6, 0, RTR6, RK_ICMP6_TIME_EXCEEDED, 0, 0, 7, b, sizeof(b));
	for (int cut = 0; cut < n; cut++) {
		ping_rx_classify(&p6, b, (uint32_t)cut, (uint32_t)n, RK_DLT_RAW, &pkt, &in);
		CHECK(in.kind == PING_RX_OTHER || (in.kind == PING_RX_ERROR && in.seq == 7));
	}
}

int main(void)
{
	setup();
	test_build4();
	test_build6();
	test_replies();
	test_errors();
	test_cuts();
	return TEST_END();
}
