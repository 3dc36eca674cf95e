/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_decode_malformed.c - hand-written byte vectors that contradict their
 * own lengths: the decoder lists the layer whose header was reached, flags
 * it RK_LAYER_MALFORMED, sets pkt.error to "<layer>: <reason>" and stops;
 * and the cases where the snap length cut the same header, which are
 * truncated instead (shared/packet-json.md, Rules).
 *
 * Vectors were written by hand from RFC 791/8200/9293/768 diagrams, starting
 * from the minimal headers below; checksums are left zero unless a test is
 * about them (csum_ok is not asserted for those layers then).
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/rawkit.h"
#include "testlib.h"

static struct rk_pkt pkt;

/* 198.18.0.1 -> 198.18.0.2 */
#define IP4(len_hi, len_lo, proto)                                             \
	0x45, 0x00, len_hi, len_lo, 0x00, 0x01, 0x00, 0x00, 0x40, proto, 0x00, 0x00, \
	0xc6, 0x12, 0x00, 0x01, 0xc6, 0x12, 0x00, 0x02
/* 2001:db8::1 -> 2001:db8::2 */
#define IP6(plen_hi, plen_lo, nh)                                              \
	0x60, 0x00, 0x00, 0x00, plen_hi, plen_lo, nh, 0x40,                    \
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,         \
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02
/* ports 1024 -> 80, seq 1, ack 0, data offset doff, SYN */
#define TCP(doff) 0x04, 0x00, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, (doff) << 4, 0x02, 0xfa, 0xf0, 0, 0, 0, 0
#define ETH(t_hi, t_lo) 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, t_hi, t_lo

/* Decode v (caplen bytes of a wire-byte frame) and check the malformed
   verdict: n layers, the last of kind `kind` flagged malformed, `why`. */
static void expect_malformed(const uint8_t *v, size_t caplen, size_t wire, int linktype,
			     unsigned n, int kind, const char *why, int line)
{
	CHECK_EQ(rk_decode(v, (uint32_t)caplen, (uint32_t)wire, linktype, &pkt), RK_OK);
	CHECK_EQ(pkt.n, n);
	CHECK(pkt.error != NULL && strcmp(pkt.error, why) == 0);
	if (!pkt.error || strcmp(pkt.error, why) != 0)
		fprintf(stderr, "  line %d: error \"%s\", expected \"%s\"\n", line,
			pkt.error ? pkt.error : "(none)", why);
	if (pkt.n != n || pkt.n == 0)
		return;
	const struct rk_layer *l = &pkt.layer[n - 1];
	CHECK_EQ(l->kind, kind);
	CHECK_EQ(l->flags, RK_LAYER_MALFORMED);
	CHECK(l->csum_ok == RK_CSUM_UNKNOWN || l->csum_ok == RK_CSUM_NONE);
	for (unsigned i = 0; i + 1 < n; i++)
		CHECK_EQ(pkt.layer[i].flags, 0);
}
#define MALFORMED(v, caplen, wire, lt, n, kind, why)                           \
	expect_malformed(v, caplen, wire, lt, n, kind, why, __LINE__)

/* The same vector, but the last layer is truncated and there is no error. */
static void expect_truncated(const uint8_t *v, size_t caplen, size_t wire, int linktype,
			     unsigned n, int kind, uint32_t cap_len, int line)
{
	CHECK_EQ(rk_decode(v, (uint32_t)caplen, (uint32_t)wire, linktype, &pkt), RK_OK);
	CHECK_EQ(pkt.n, n);
	CHECK(pkt.error == NULL);
	if (pkt.error)
		fprintf(stderr, "  line %d: unexpected error \"%s\"\n", line, pkt.error);
	if (pkt.n != n || pkt.n == 0)
		return;
	const struct rk_layer *l = &pkt.layer[n - 1];
	CHECK_EQ(l->kind, kind);
	CHECK_EQ(l->flags, RK_LAYER_TRUNCATED);
	CHECK_EQ(l->cap_len, cap_len);
	if (l->kind == RK_LAYER_IPV4 || l->kind == RK_LAYER_TCP || l->kind == RK_LAYER_UDP ||
	    l->kind == RK_LAYER_ICMP || l->kind == RK_LAYER_ICMP6)
		CHECK_EQ(l->csum_ok, RK_CSUM_UNKNOWN);
}
#define TRUNCATED(v, caplen, wire, lt, n, kind, cap_len)                       \
	expect_truncated(v, caplen, wire, lt, n, kind, cap_len, __LINE__)

static void test_ipv4(void)
{
	/* ihl 0..4 */
	uint8_t v[60] = {IP4(0, 40, 6), TCP(5)};
	for (uint8_t ihl = 0; ihl < 5; ihl++) {
		static const char *const why[] = {"ipv4: ihl 0 < 5", "ipv4: ihl 1 < 5", "ipv4: ihl 2 < 5",
						  "ipv4: ihl 3 < 5", "ipv4: ihl 4 < 5"};
		v[0] = (uint8_t)(0x40 | ihl);
		MALFORMED(v, 40, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, why[ihl]);
		CHECK_EQ(pkt.layer[0].h.ipv4.ihl, ihl);
		CHECK_EQ(pkt.layer[0].cap_len, 20);
		CHECK_EQ(pkt.layer[0].h.ipv4.dst, 0xc6120002u); /* every captured key is there */
	}
	v[0] = 0x45;

	/* total length < ihl*4, 0 included */
	v[3] = 19;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length < header length");
	v[3] = 0;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length < header length");
	v[0] = 0x46; /* ihl 6 with total length 20 */
	v[3] = 20;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length < header length");
	CHECK_EQ(pkt.layer[0].hdr_len, 24);
	CHECK_EQ(pkt.layer[0].cap_len, 24);
	v[0] = 0x45;

	/* total length past the frame's len; when the frame was cut by the snap
	   length it is still past len, hence still malformed */
	v[3] = 41;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length past frame");
	v[2] = 1;
	MALFORMED(v, 30, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length past frame");
	v[2] = 0;
	v[3] = 40;

	/* header past the frame: a 12-byte frame, not cut by the snap length */
	MALFORMED(v, 12, 12, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: header past frame");
	CHECK_EQ(pkt.layer[0].cap_len, 12);
	CHECK_EQ(pkt.layer[0].h.ipv4.id, 1);
	/* ...cut by it: truncated */
	TRUNCATED(v, 12, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, 12);

	/* Options cut by the snap length while the total length is also too
	   short: both apply, it is truncated. */
	v[0] = 0x4f;
	v[3] = 40;
	TRUNCATED(v, 30, 100, RK_DLT_IPV4, 1, RK_LAYER_IPV4, 30);
	CHECK_EQ(pkt.layer[0].hdr_len, 60);
	/* ...and the same, fully captured: malformed. */
	MALFORMED(v, 60, 60, RK_DLT_IPV4, 1, RK_LAYER_IPV4, "ipv4: total length < header length");
	v[0] = 0x45;

	/* ihl < 5 in a cut header: truncated wins (the 20 bytes are not there) */
	v[0] = 0x43;
	TRUNCATED(v, 10, 40, RK_DLT_IPV4, 1, RK_LAYER_IPV4, 10);
	v[0] = 0x45;
}

static void test_ip_in_ip(void)
{
	/* IPv4 in IPv4, the inner total length past the outer datagram */
	uint8_t v[80] = {IP4(0, 60, 4), IP4(0, 41, 17)};
	MALFORMED(v, 60, 60, RK_DLT_IPV4, 2, RK_LAYER_IPV4, "ipv4: total length past datagram");
	/* IPv6 in IPv4, payload length past the outer datagram */
	uint8_t w[80] = {IP4(0, 68, 41), IP6(0, 9, 59)};
	MALFORMED(w, 68, 68, RK_DLT_IPV4, 2, RK_LAYER_IPV6, "ipv6: payload length past datagram");
	/* IPv4 in IPv4 whose header does not fit the outer datagram */
	uint8_t x[60] = {IP4(0, 30, 4), IP4(0, 20, 59)};
	MALFORMED(x, 40, 40, RK_DLT_IPV4, 2, RK_LAYER_IPV4, "ipv4: header past datagram");
	CHECK_EQ(pkt.layer[1].cap_len, 10);
}

static void test_ipv6(void)
{
	/* payload length past the frame's len */
	uint8_t v[64] = {IP6(0, 24, 59)};
	MALFORMED(v, 63, 63, RK_DLT_IPV6, 1, RK_LAYER_IPV6, "ipv6: payload length past frame");
	MALFORMED(v, 50, 63, RK_DLT_IPV6, 1, RK_LAYER_IPV6, "ipv6: payload length past frame");
	/* header past the frame */
	MALFORMED(v, 39, 39, RK_DLT_RAW, 1, RK_LAYER_IPV6, "ipv6: header past frame");
	TRUNCATED(v, 39, 64, RK_DLT_RAW, 1, RK_LAYER_IPV6, 39);

	/* Extension headers past the datagram: a 16-byte hop-by-hop header in
	   8 bytes of payload; a fragment header in 4. */
	uint8_t h[72] = {IP6(0, 8, 0), 59, 1, 1, 0, 0, 0, 0, 0, 1, 12, 0};
	MALFORMED(h, 72, 72, RK_DLT_IPV6, 2, RK_LAYER_IPV6_HOP, "ipv6.hop: header past datagram");
	CHECK_EQ(pkt.layer[1].hdr_len, 16);
	CHECK_EQ(pkt.layer[1].cap_len, 8);
	CHECK_EQ(pkt.layer[1].h.ipv6_opts.len, 16);
	h[40] = RK_IPPROTO_DSTOPTS; /* hop (8) then dst options (16) */
	h[41] = 0;
	h[5] = 20;
	h[48] = 59;
	h[49] = 1;
	MALFORMED(h, 72, 72, RK_DLT_IPV6, 3, RK_LAYER_IPV6_DST, "ipv6.dst: header past datagram");
	/* ...the same cut by the snap length inside the datagram: truncated */
	h[5] = 32;
	TRUNCATED(h, 60, 200, RK_DLT_IPV6, 3, RK_LAYER_IPV6_DST, 12);
	h[5] = 8;
	h[6] = RK_IPPROTO_ROUTING;
	h[40] = 59;
	h[41] = 2; /* 24 bytes */
	MALFORMED(h, 72, 72, RK_DLT_IPV6, 2, RK_LAYER_IPV6_ROUTE, "ipv6.route: header past datagram");
	h[5] = 4;
	h[6] = RK_IPPROTO_FRAGMENT;
	MALFORMED(h, 72, 72, RK_DLT_IPV6, 2, RK_LAYER_IPV6_FRAG, "ipv6.frag: header past datagram");
	CHECK_EQ(pkt.layer[1].cap_len, 4);

	/* The extension header's own length byte cut by the snap length. */
	h[5] = 8;
	h[6] = RK_IPPROTO_HOPOPTS;
	TRUNCATED(h, 41, 72, RK_DLT_IPV6, 2, RK_LAYER_IPV6_HOP, 1);
	CHECK_EQ(pkt.layer[1].hdr_len, 8);
	/* No byte of it captured: listed, truncated, cap_len 0. */
	TRUNCATED(h, 40, 72, RK_DLT_IPV6, 2, RK_LAYER_IPV6_HOP, 0);
}

static void test_tcp(void)
{
	uint8_t v[80] = {IP4(0, 40, 6), TCP(5)};
	/* doff 0..4 */
	static const char *const why[] = {"tcp: doff 0 < 5", "tcp: doff 1 < 5", "tcp: doff 2 < 5",
					  "tcp: doff 3 < 5", "tcp: doff 4 < 5"};
	for (uint8_t doff = 0; doff < 5; doff++) {
		v[32] = (uint8_t)(doff << 4);
		MALFORMED(v, 40, 40, RK_DLT_IPV4, 2, RK_LAYER_TCP, why[doff]);
		CHECK_EQ(pkt.layer[1].cap_len, 20);
		CHECK_EQ(pkt.layer[1].h.tcp.dport, 80);
	}
	/* data offset past the datagram (32-byte header in 20) */
	v[32] = 8 << 4;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 2, RK_LAYER_TCP, "tcp: data offset past datagram");
	CHECK_EQ(pkt.layer[1].hdr_len, 32);
	CHECK_EQ(pkt.layer[1].cap_len, 20);
	/* ...with padding after the datagram cut off: still malformed, the
	   capture holds the whole datagram */
	MALFORMED(v, 50, 60, RK_DLT_IPV4, 2, RK_LAYER_TCP, "tcp: data offset past datagram");
	/* ...cut inside the datagram by the snap length: truncated */
	v[3] = 60;
	TRUNCATED(v, 50, 60, RK_DLT_IPV4, 2, RK_LAYER_TCP, 30);
	v[3] = 40;
	v[32] = 5 << 4;
	/* header past the datagram: total length 30 */
	v[3] = 30;
	MALFORMED(v, 40, 40, RK_DLT_IPV4, 2, RK_LAYER_TCP, "tcp: header past datagram");
	CHECK_EQ(pkt.layer[1].cap_len, 10);
	CHECK_EQ(pkt.layer[1].h.tcp.seq, 1); /* 10 bytes: ports and seq */
	CHECK_EQ(pkt.layer[1].h.tcp.win, 0);

	/* Option lengths: doff 6, 4 bytes of options. */
	static const struct {
		uint8_t opts[4];
		int ok;
	} o[] = {
		{{2, 4, 5, 0xb4}, 1},   /* MSS 1460 */
		{{1, 1, 3, 2}, 1},      /* NOP NOP wscale(len 2: unexpected length, listed) */
		{{0, 0xff, 0xff, 0xff}, 1}, /* EOL: the rest is padding */
		{{2, 1, 0, 0}, 0},      /* length < 2 */
		{{2, 0, 0, 0}, 0},      /* length 0: must not loop */
		{{2, 8, 5, 0xb4}, 0},   /* past the data offset */
		{{1, 1, 1, 8}, 0},      /* kind without its length byte */
	};
	for (unsigned i = 0; i < sizeof o / sizeof o[0]; i++) {
		uint8_t t[64] = {IP4(0, 44, 6), TCP(6)};
		memcpy(t + 40, o[i].opts, 4);
		if (o[i].ok) {
			CHECK_EQ(rk_decode(t, 44, 44, RK_DLT_IPV4, &pkt), RK_OK);
			CHECK(pkt.error == NULL);
			CHECK_EQ(pkt.n, 3);
			CHECK_EQ(pkt.layer[1].flags, 0);
			CHECK_EQ(pkt.layer[1].h.tcp.opts_len, 4);
		} else {
			MALFORMED(t, 44, 44, RK_DLT_IPV4, 2, RK_LAYER_TCP, "tcp: bad option length");
			CHECK_EQ(pkt.layer[1].cap_len, 24);
		}
	}
}

static void test_udp(void)
{
	uint8_t v[64] = {IP4(0, 36, 17), 0x04, 0x00, 0x00, 0x35, 0x00, 0x10, 0x00, 0x00};
	static const char *const why[] = {"udp: length 0 < 8", "udp: length 1 < 8", "udp: length 2 < 8",
					  "udp: length 3 < 8", "udp: length 4 < 8", "udp: length 5 < 8",
					  "udp: length 6 < 8", "udp: length 7 < 8"};
	for (uint8_t n = 0; n < 8; n++) {
		v[25] = n;
		MALFORMED(v, 36, 36, RK_DLT_IPV4, 2, RK_LAYER_UDP, why[n]);
		CHECK_EQ(pkt.layer[1].cap_len, 8);
		CHECK_EQ(pkt.layer[1].h.udp.len, n);
	}
	v[25] = 17; /* past the 16-byte datagram payload */
	MALFORMED(v, 36, 36, RK_DLT_IPV4, 2, RK_LAYER_UDP, "udp: length past datagram");
	/* also when the snap length cut the frame: the datagram's end is known */
	MALFORMED(v, 30, 36, RK_DLT_IPV4, 2, RK_LAYER_UDP, "udp: length past datagram");
	/* ...but not inside a first fragment, where a checksum cannot be
	   verified (0, "none" over IPv4, is still known to be fine) */
	v[6] = 0x20; /* MF */
	CHECK_EQ(rk_decode(v, 36, 36, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	CHECK_EQ(pkt.n, 3);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	v[27] = 1;
	CHECK_EQ(rk_decode(v, 36, 36, RK_DLT_IPV4, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	CHECK_EQ(pkt.n, 3);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_UNKNOWN);
	CHECK_EQ(pkt.layer[2].h.payload.len, 9);
	CHECK_EQ(pkt.layer[2].h.payload.caplen, 8);
	v[6] = 0;
	/* header past the datagram */
	v[3] = 24;
	MALFORMED(v, 36, 36, RK_DLT_IPV4, 2, RK_LAYER_UDP, "udp: header past datagram");
	/* over IPv6 too */
	uint8_t w[64] = {IP6(0, 8, 17), 0x04, 0x00, 0x00, 0x35, 0x00, 0x09, 0x00, 0x00};
	MALFORMED(w, 48, 48, RK_DLT_IPV6, 2, RK_LAYER_UDP, "udp: length past datagram");
}

static void test_link(void)
{
	uint8_t v[64] = {ETH(0x08, 0x06), 0, 1, 8, 0, 6, 4, 0, 1};
	MALFORMED(v, 10, 10, RK_DLT_EN10MB, 1, RK_LAYER_ETH, "eth: header past frame");
	TRUNCATED(v, 10, 60, RK_DLT_EN10MB, 1, RK_LAYER_ETH, 10);
	MALFORMED(v, 30, 30, RK_DLT_EN10MB, 2, RK_LAYER_ARP, "arp: header past frame");
	CHECK_EQ(pkt.layer[1].hdr_len, 28);
	CHECK_EQ(pkt.layer[1].cap_len, 16);
	TRUNCATED(v, 30, 60, RK_DLT_EN10MB, 2, RK_LAYER_ARP, 16);
	/* ARP with 20-byte addresses: kept cut to 16, the layer is 48 bytes */
	uint8_t a[64] = {0, 1, 8, 0, 20, 4, 0, 2};
	for (int i = 8; i < 56; i++)
		a[i] = (uint8_t)i;
	uint8_t s[72] = {0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x06};
	memcpy(s + 16, a, 56);
	CHECK_EQ(rk_decode(s, 72, 72, RK_DLT_LINUX_SLL, &pkt), RK_OK);
	CHECK(pkt.error == NULL);
	CHECK_EQ(pkt.n, 2);
	CHECK_EQ(pkt.layer[1].hdr_len, 56);
	CHECK_EQ(pkt.layer[1].h.arp.sha[15], 23);
	CHECK_EQ(pkt.layer[1].h.arp.spa[0], 28);
	CHECK_EQ(pkt.layer[1].h.arp.tpa[3], 55);

	uint8_t s2[20] = {0x08, 0};
	MALFORMED(s2, 19, 19, RK_DLT_LINUX_SLL2, 1, RK_LAYER_SLL2, "sll2: header past frame");
	MALFORMED(s2, 15, 15, RK_DLT_LINUX_SLL, 1, RK_LAYER_SLL, "sll: header past frame");
	MALFORMED(s2, 3, 3, RK_DLT_NULL, 1, RK_LAYER_NULL, "null: header past frame");
	MALFORMED(s2, 3, 3, RK_DLT_LOOP, 1, RK_LAYER_NULL, "null: header past frame");
	uint8_t vl[20] = {ETH(0x81, 0x00), 0, 1};
	MALFORMED(vl, 16, 16, RK_DLT_EN10MB, 2, RK_LAYER_VLAN, "vlan: header past frame");
	CHECK_EQ(pkt.layer[1].h.vlan.vid, 1);
}

/* More tags than the layer table holds: the last listed one ends it. */
static void test_too_many(void)
{
	uint8_t v[14 + 4 * 40 + 20];
	uint8_t e[] = {ETH(0x81, 0x00)};
	memcpy(v, e, 14);
	for (int i = 0; i < 40; i++) {
		v[14 + 4 * i] = 0;
		v[15 + 4 * i] = (uint8_t)i;
		v[16 + 4 * i] = 0x81;
		v[17 + 4 * i] = 0x00;
	}
	memset(v + 14 + 160, 0, 20);
	MALFORMED(v, sizeof v, sizeof v, RK_DLT_EN10MB, RK_PKT_MAX_LAYERS, RK_LAYER_VLAN,
		  "vlan: too many layers");

	/* IPv6 with a chain of 40 empty destination options headers. */
	uint8_t w[40 + 8 * 40] = {IP6(1, 0x40, 60)};
	for (int i = 0; i < 40; i++)
		w[40 + 8 * i] = i == 39 ? 59 : 60;
	MALFORMED(w, sizeof w, sizeof w, RK_DLT_IPV6, RK_PKT_MAX_LAYERS, RK_LAYER_IPV6_DST,
		  "ipv6.dst: too many layers");
}

int main(void)
{
	test_ipv4();
	test_ip_in_ip();
	test_ipv6();
	test_tcp();
	test_udp();
	test_link();
	test_too_many();
	return TEST_END();
}
