/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_decode_icmp.c - ICMP and ICMPv6 errors: the quoted datagram is
 * decoded as inner layers (RK_LAYER_INNER), where only truncation applies,
 * no payload follows and a quoted error's own quotation is not decoded.
 * Packets are made with the layered builder: the offending datagram first,
 * then an error quoting rk_icmp_quote_len() / rk_icmp6_quote_len() of it.
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/rawkit.h"
#include "testlib.h"

#define A4_SRC 0xc6120001u /* 198.18.0.1 */
#define A4_DST 0xc6120002u /* 198.18.0.2 */
#define A4_RTR 0xc0000201u /* 192.0.2.1 */

static const uint8_t a6_src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t a6_dst[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
static const uint8_t a6_rtr[16] = {0x20, 0x01, 0x0d, 0xb8, 0xff, [15] = 1};

static struct rk_pkt pkt;

static void check_kinds(const int *kinds, unsigned n)
{
	CHECK_EQ(pkt.n, n);
	for (unsigned i = 0; i < n && i < pkt.n; i++)
		CHECK_EQ(pkt.layer[i].kind, kinds[i]);
}
#define KINDS(...)                                                             \
	do {                                                                   \
		static const int k_[] = {__VA_ARGS__};                         \
		check_kinds(k_, sizeof(k_) / sizeof(k_[0]));                   \
	} while (0)

static void ip4(struct rk_build *b, uint32_t src, uint32_t dst)
{
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = src;
	h.dst = dst;
	h.id = 77;
	CHECK_EQ(rk_build_ipv4(b, &h), RK_OK);
}

static void ip6(struct rk_build *b, const uint8_t *src, const uint8_t *dst)
{
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, src, 16);
	memcpy(h.dst, dst, 16);
	CHECK_EQ(rk_build_ipv6(b, &h), RK_OK);
}

/* The offending datagram: IPv4 + TCP SYN (+ MSS) to port 80. */
static int make_tcp4(uint8_t *buf, size_t cap)
{
	uint8_t opts[4];
	struct rk_wr w;
	rk_wr_init(&w, opts, sizeof opts);
	rk_tcpopt_mss(&w, 1400);
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	ip4(&b, A4_SRC, A4_DST);
	struct rk_tcp_hdr t;
	rk_tcp_init(&t);
	t.sport = 33333;
	t.dport = 80;
	t.seq = 0x01020304;
	t.opts = opts;
	t.opts_len = sizeof opts;
	CHECK_EQ(rk_build_tcp(&b, &t), RK_OK);
	return rk_build_finish(&b);
}

/* Wrap a quotation in eth? no: raw IPv4 + ICMP error. */
static int make_err4(uint8_t *buf, size_t cap, uint8_t type, uint8_t code, const uint8_t *q, size_t qlen)
{
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	ip4(&b, A4_RTR, A4_SRC);
	struct rk_icmp_hdr h = {.type = type, .code = code};
	CHECK_EQ(rk_build_icmp(&b, &h), RK_OK);
	CHECK_EQ(rk_build_payload(&b, q, qlen), RK_OK);
	return rk_build_finish(&b);
}

static void test_unreach_tcp(void)
{
	uint8_t dg[128], buf[256];
	int dlen = make_tcp4(dg, sizeof dg);
	CHECK_EQ(dlen, 44);
	size_t q = rk_icmp_quote_len(dg, (size_t)dlen);
	CHECK_EQ(q, 28);
	int len = make_err4(buf, sizeof buf, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, dg, q);

	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_TCP);
	const struct rk_layer *l = &pkt.layer[1];
	CHECK_EQ(l->flags, 0);
	CHECK_EQ(l->h.icmp.type, RK_ICMP_UNREACH);
	CHECK_EQ(l->h.icmp.code, RK_ICMP_UNREACH_PORT);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK); /* covers the quotation too */

	l = &pkt.layer[2];
	CHECK_EQ(l->flags, RK_LAYER_INNER);
	CHECK_EQ(l->offset, 28);
	CHECK_EQ(l->hdr_len, 20);
	CHECK_EQ(l->cap_len, 20);
	CHECK_EQ(l->h.ipv4.src, A4_SRC);
	CHECK_EQ(l->h.ipv4.dst, A4_DST);
	CHECK_EQ(l->h.ipv4.len, 44); /* not checked against the quotation */
	CHECK_EQ(l->h.ipv4.proto, RK_IPPROTO_TCP);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);

	/* Only 8 bytes of a 24-byte TCP header: cut where the quotation ends. */
	l = &pkt.layer[3];
	CHECK_EQ(l->flags, RK_LAYER_INNER | RK_LAYER_TRUNCATED);
	CHECK_EQ(l->offset, 48);
	CHECK_EQ(l->cap_len, 8);
	CHECK_EQ(l->h.tcp.sport, 33333);
	CHECK_EQ(l->h.tcp.dport, 80);
	CHECK_EQ(l->h.tcp.seq, 0x01020304);
	CHECK_EQ(l->csum_ok, RK_CSUM_UNKNOWN);

	/* The whole datagram quoted: the inner TCP checksum verifies, and no
	   payload follows inner layers. */
	len = make_err4(buf, sizeof buf, RK_ICMP_TIMXCEED, 0, dg, (size_t)dlen);
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_TCP);
	CHECK_EQ(pkt.layer[3].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[3].hdr_len, 24);
	CHECK_EQ(pkt.layer[3].csum_ok, RK_CSUM_OK);

	/* Quoted lengths are not checked: a byte-swapped total length (old BSD
	   stacks) and a quoted doff < 5 set no error. */
	buf[28 + 2] = 44;
	buf[28 + 3] = 0;
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_TCP);
	CHECK_EQ(pkt.layer[2].h.ipv4.len, 44 << 8);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_BAD);
	CHECK_EQ(pkt.layer[3].csum_ok, RK_CSUM_UNKNOWN);
	buf[48 + 12] = 0x20;
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_TCP);
	CHECK_EQ(pkt.layer[3].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[3].h.tcp.doff, 2);
	buf[28] = 0x43; /* ihl 3 */
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4);
	CHECK_EQ(pkt.layer[2].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[2].h.ipv4.ihl, 3);
}

/* TTL exceeded for a ping: inner ipv4 + inner icmp echo with id and seq. */
static void test_timxceed_echo(void)
{
	uint8_t dg[128], buf[256];
	struct rk_build b;
	rk_build_init(&b, dg, sizeof dg);
	ip4(&b, A4_SRC, A4_DST);
	struct rk_icmp_hdr e = {.type = RK_ICMP_ECHO, .id = 0x1234, .seq = 9};
	CHECK_EQ(rk_build_icmp(&b, &e), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 56), RK_OK);
	int dlen = rk_build_finish(&b);
	int len = make_err4(buf, sizeof buf, RK_ICMP_TIMXCEED, 0, dg, rk_icmp_quote_len(dg, (size_t)dlen));
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_ICMP);
	const struct rk_layer *l = &pkt.layer[3];
	CHECK_EQ(l->flags, RK_LAYER_INNER);
	CHECK_EQ(l->h.icmp.type, RK_ICMP_ECHO);
	CHECK_EQ(l->h.icmp.id, 0x1234);
	CHECK_EQ(l->h.icmp.seq, 9);
	CHECK_EQ(l->csum_ok, RK_CSUM_UNKNOWN); /* the 56 data bytes were not quoted */

	/* A quoted error's quotation is not decoded. */
	int elen = len;
	len = make_err4(dg, sizeof dg, RK_ICMP_UNREACH, RK_ICMP_UNREACH_HOST, buf, (size_t)elen);
	CHECK_EQ(rk_decode(dg, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_ICMP);
	CHECK_EQ(pkt.layer[3].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[3].h.icmp.type, RK_ICMP_TIMXCEED);
	CHECK_EQ(pkt.layer[3].csum_ok, RK_CSUM_OK); /* the whole inner error was quoted */
}

/* Edge quotations: empty, cut by the snap length, UDP. */
static void test_quote_edges(void)
{
	uint8_t dg[128] = {0}, buf[256];
	int len = make_err4(buf, sizeof buf, RK_ICMP_SOURCEQUENCH, 0, dg, 0);
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[2].flags, RK_LAYER_INNER | RK_LAYER_TRUNCATED);
	CHECK_EQ(pkt.layer[2].cap_len, 0);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_UNKNOWN);

	/* IPv4 + UDP quoted with 8 bytes: the UDP header is whole. */
	struct rk_build b;
	rk_build_init(&b, dg, sizeof dg);
	ip4(&b, A4_SRC, A4_DST);
	struct rk_udp_hdr u = {.sport = 40000, .dport = 33434};
	CHECK_EQ(rk_build_udp(&b, &u), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 12), RK_OK);
	int dlen = rk_build_finish(&b);
	len = make_err4(buf, sizeof buf, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, dg,
			rk_icmp_quote_len(dg, (size_t)dlen));
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4, RK_LAYER_UDP);
	const struct rk_layer *l = &pkt.layer[3];
	CHECK_EQ(l->flags, RK_LAYER_INNER);
	CHECK_EQ(l->h.udp.sport, 40000);
	CHECK_EQ(l->h.udp.dport, 33434);
	CHECK_EQ(l->h.udp.len, 20);
	CHECK_EQ(l->csum_ok, RK_CSUM_UNKNOWN);

	/* The outer packet cut by the snap length inside the quotation. */
	CHECK_EQ(rk_decode(buf, 40, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_IPV4);
	CHECK_EQ(pkt.layer[0].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_UNKNOWN);
	CHECK_EQ(pkt.layer[1].flags, 0);
	CHECK_EQ(pkt.layer[2].flags, RK_LAYER_INNER | RK_LAYER_TRUNCATED);
	CHECK_EQ(pkt.layer[2].cap_len, 12);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_UNKNOWN);
}

/* ICMPv6 packet too big quoting a whole IPv6 + UDP packet. */
static void test_icmp6_error(void)
{
	uint8_t dg[256], buf[512];
	struct rk_build b;
	rk_build_init(&b, dg, sizeof dg);
	ip6(&b, a6_src, a6_dst);
	struct rk_udp_hdr u = {.sport = 4500, .dport = 4500};
	CHECK_EQ(rk_build_udp(&b, &u), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 100), RK_OK);
	int dlen = rk_build_finish(&b);

	rk_build_init(&b, buf, sizeof buf);
	struct rk_eth_hdr eh = {.src = {2, 0, 0, 0, 0, 9}, .dst = {2, 0, 0, 0, 0, 1}};
	CHECK_EQ(rk_build_eth(&b, &eh), RK_OK);
	ip6(&b, a6_rtr, a6_src);
	struct rk_icmp6_hdr h = {.type = RK_ICMP6_PACKET_TOO_BIG, .id = 0, .seq = 1280};
	CHECK_EQ(rk_build_icmp6(&b, &h), RK_OK);
	CHECK_EQ(rk_build_payload(&b, dg, rk_icmp6_quote_len((size_t)dlen)), RK_OK);
	int len = rk_build_finish(&b);

	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_EN10MB, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV6, RK_LAYER_ICMP6, RK_LAYER_IPV6, RK_LAYER_UDP);
	CHECK_EQ(pkt.layer[2].h.icmp6.type, RK_ICMP6_PACKET_TOO_BIG);
	CHECK_EQ(pkt.layer[2].h.icmp6.seq, 1280);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[2].flags, 0);
	CHECK_EQ(pkt.layer[3].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[3].offset, 62);
	CHECK_MEM(pkt.layer[3].h.ipv6.dst, a6_dst, 16);
	CHECK_EQ(pkt.layer[4].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[4].csum_ok, RK_CSUM_OK); /* all of it was quoted */

	/* Cut inside the quotation: the inner UDP checksum is unknown, and so
	   is the outer ICMPv6 one. */
	CHECK_EQ(rk_decode(buf, 120, (uint32_t)len, RK_DLT_EN10MB, &pkt), RK_OK);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV6, RK_LAYER_ICMP6, RK_LAYER_IPV6, RK_LAYER_UDP);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_UNKNOWN);
	CHECK_EQ(pkt.layer[4].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[4].csum_ok, RK_CSUM_UNKNOWN);

	/* An ICMPv6 error quoting an ICMPv6 error: not decoded further. */
	int elen = len - 14;
	rk_build_init(&b, dg, sizeof dg);
	ip6(&b, a6_rtr, a6_src);
	struct rk_icmp6_hdr h2 = {.type = RK_ICMP6_TIME_EXCEEDED};
	CHECK_EQ(rk_build_icmp6(&b, &h2), RK_OK);
	CHECK_EQ(rk_build_payload(&b, buf + 14, 120), RK_OK);
	len = rk_build_finish(&b);
	(void)elen;
	CHECK_EQ(rk_decode(dg, (uint32_t)len, (uint32_t)len, RK_DLT_IPV6, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	KINDS(RK_LAYER_IPV6, RK_LAYER_ICMP6, RK_LAYER_IPV6, RK_LAYER_ICMP6);
	CHECK_EQ(pkt.layer[3].flags, RK_LAYER_INNER);
	CHECK_EQ(pkt.layer[3].h.icmp6.type, RK_ICMP6_PACKET_TOO_BIG);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
}

int main(void)
{
	test_unreach_tcp();
	test_timxceed_echo();
	test_quote_edges();
	test_icmp6_error();
	return TEST_END();
}
