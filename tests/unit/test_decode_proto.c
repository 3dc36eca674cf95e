/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_decode_proto.c - the per-protocol decoders (rk_<layer>_decode) and
 * the TCP option iterator on their own: return codes, fields set as far as
 * bytes allow, cursors advanced by exactly the header, build/decode round
 * trips of single headers. Vectors are hand-written from the RFC diagrams.
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/rawkit.h"
#include "testlib.h"

static void test_tcp_opt_next(void)
{
	struct rk_rd rd;
	struct rk_tcp_opt o;
	/* MSS, NOP, wscale, SACK-permitted, unknown kind 30 (len 4), EOL, padding */
	static const uint8_t v[] = {2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 30, 4, 0xaa, 0xbb, 0, 9, 9};
	rk_rd_init(&rd, v, sizeof v);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1);
	CHECK_EQ(o.kind, 2);
	CHECK_EQ(o.len, 4);
	CHECK_EQ(o.data_len, 2);
	CHECK(o.data == v + 2);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1);
	CHECK_EQ(o.kind, 1);
	CHECK_EQ(o.len, 1);
	CHECK_EQ(o.data_len, 0);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1);
	CHECK_EQ(o.kind, 3);
	CHECK_EQ(o.data[0], 7);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1);
	CHECK_EQ(o.kind, 4);
	CHECK_EQ(o.len, 2);
	CHECK_EQ(o.data_len, 0);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1);
	CHECK_EQ(o.kind, 30);
	CHECK_EQ(o.len, 4);
	CHECK_EQ(o.data_len, 2);
	CHECK_EQ(o.data[1], 0xbb);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 1); /* EOL, once */
	CHECK_EQ(o.kind, 0);
	CHECK_EQ(o.len, 1);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 0);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 0);
	CHECK_EQ(rk_rd_left(&rd), 0);

	/* Empty: the end at once. */
	rk_rd_init(&rd, v, 0);
	CHECK_EQ(rk_tcp_opt_next(&rd, &o), 0);

	/* Bad lengths: RK_E_MALFORMED, the rest consumed, then the end. */
	static const uint8_t bad[][4] = {
		{2, 0, 1, 1}, /* length 0 */
		{2, 1, 1, 1}, /* length 1 */
		{8, 10, 0, 0}, /* past the bytes */
		{1, 1, 1, 2}, /* no length byte */
	};
	for (unsigned i = 0; i < 4; i++) {
		rk_rd_init(&rd, bad[i], 4);
		int rc, turns = 0;
		while ((rc = rk_tcp_opt_next(&rd, &o)) > 0 && turns < 10)
			turns++;
		CHECK_EQ(rc, RK_E_MALFORMED);
		CHECK(turns <= 3);
		CHECK_EQ(rk_rd_left(&rd), 0);
		CHECK_EQ(rk_tcp_opt_next(&rd, &o), 0);
	}

	/* Every call consumes at least a byte: a run of 40 NOPs takes 40 turns. */
	uint8_t nops[40];
	memset(nops, 1, sizeof nops);
	rk_rd_init(&rd, nops, sizeof nops);
	int turns = 0;
	while (rk_tcp_opt_next(&rd, &o) > 0)
		turns++;
	CHECK_EQ(turns, 40);
}

static void test_ipv4_decode(void)
{
	/* 198.18.0.1 -> 198.18.0.2, ihl 6 (NOP NOP NOP EOL), DF, frag 0x123 */
	static const uint8_t v[] = {0x46, 0x1c, 0x00, 0x30, 0xab, 0xcd, 0x41, 0x23, 0x11, 0x06, 0x12, 0x34,
				    0xc6, 0x12, 0x00, 0x01, 0xc6, 0x12, 0x00, 0x02, 1, 1, 1, 0, 0xee};
	struct rk_rd rd;
	struct rk_ipv4_hdr h;
	rk_rd_init(&rd, v, sizeof v);
	CHECK_EQ(rk_ipv4_decode(&rd, &h), RK_OK);
	CHECK_EQ(rk_rd_offset(&rd), 24);
	CHECK_EQ(h.version, 4);
	CHECK_EQ(h.ihl, 6);
	CHECK_EQ(h.tos, 0x1c);
	CHECK_EQ(h.len, 48);
	CHECK_EQ(h.id, 0xabcd);
	CHECK(!h.rf && h.df && !h.mf);
	CHECK_EQ(h.frag, 0x123);
	CHECK_EQ(h.ttl, 0x11);
	CHECK_EQ(h.proto, 6);
	CHECK_EQ(h.csum, 0x1234);
	CHECK_EQ(h.src, 0xc6120001u);
	CHECK_EQ(h.dst, 0xc6120002u);
	CHECK(h.opts == v + 20);
	CHECK_EQ(h.opts_len, 4);
	CHECK_EQ(h.set, 0);

	/* Options cut: RK_E_TRUNC, the captured part borrowed. */
	rk_rd_init(&rd, v, 22);
	CHECK_EQ(rk_ipv4_decode(&rd, &h), RK_E_TRUNC);
	CHECK_EQ(h.opts_len, 2);
	/* Fixed part cut: fields read so far are set. */
	rk_rd_init(&rd, v, 9);
	CHECK_EQ(rk_ipv4_decode(&rd, &h), RK_E_TRUNC);
	CHECK_EQ(h.id, 0xabcd);
	CHECK_EQ(h.ttl, 0x11);
	CHECK_EQ(h.proto, 0);
	CHECK_EQ(h.dst, 0);
	/* ihl < 5 */
	uint8_t w[20];
	memcpy(w, v, 20);
	w[0] = 0x44;
	rk_rd_init(&rd, w, 20);
	CHECK_EQ(rk_ipv4_decode(&rd, &h), RK_E_MALFORMED);
	CHECK_EQ(h.ihl, 4);
	CHECK_EQ(h.opts_len, 0);

	/* Round trip through the builder. */
	struct rk_ipv4_hdr b;
	rk_ipv4_init(&b);
	b.tos = 3;
	b.len = 20;
	b.id = 9;
	b.mf = true;
	b.frag = 8;
	b.proto = 17;
	b.src = 0xc0000201u;
	b.dst = 0xc6130001u;
	uint8_t out[20];
	struct rk_wr wr;
	rk_wr_init(&wr, out, sizeof out);
	CHECK_EQ(rk_ipv4_build(&wr, &b), RK_OK);
	rk_rd_init(&rd, out, sizeof out);
	CHECK_EQ(rk_ipv4_decode(&rd, &h), RK_OK);
	CHECK_EQ(h.tos, 3);
	CHECK(h.mf && !h.df);
	CHECK_EQ(h.frag, 8);
	CHECK_EQ(h.src, 0xc0000201u);
	CHECK_EQ(h.dst, 0xc6130001u);
}

static void test_tcp_decode(void)
{
	/* 40000 -> 443, doff 6 with MSS, reserved nibble 1 (AE), SYN|ACK */
	static const uint8_t v[] = {0x9c, 0x40, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 2, 0x61, 0x12, 0xff, 0xff,
				    0xab, 0xcd, 0, 5, 2, 4, 5, 0xb4};
	struct rk_rd rd;
	struct rk_tcp_hdr h;
	rk_rd_init(&rd, v, sizeof v);
	CHECK_EQ(rk_tcp_decode(&rd, &h), RK_OK);
	CHECK_EQ(rk_rd_offset(&rd), 24);
	CHECK_EQ(h.sport, 40000);
	CHECK_EQ(h.dport, 443);
	CHECK_EQ(h.seq, 1);
	CHECK_EQ(h.ack, 2);
	CHECK_EQ(h.doff, 6);
	CHECK_EQ(h.res, 1);
	CHECK_EQ(h.flags, RK_TCP_SYN | RK_TCP_ACK);
	CHECK_EQ(h.win, 0xffff);
	CHECK_EQ(h.csum, 0xabcd);
	CHECK_EQ(h.urp, 5);
	CHECK(h.opts == v + 20);
	CHECK_EQ(h.opts_len, 4);
	rk_rd_init(&rd, v, 21);
	CHECK_EQ(rk_tcp_decode(&rd, &h), RK_E_TRUNC);
	CHECK_EQ(h.opts_len, 1);
	rk_rd_init(&rd, v, 19);
	CHECK_EQ(rk_tcp_decode(&rd, &h), RK_E_TRUNC);
	CHECK_EQ(h.win, 0xffff);
	CHECK_EQ(h.urp, 0);
	uint8_t w[20];
	memcpy(w, v, 20);
	w[12] = 0x40;
	rk_rd_init(&rd, w, 20);
	CHECK_EQ(rk_tcp_decode(&rd, &h), RK_E_MALFORMED);
	CHECK_EQ(h.doff, 4);
}

static void test_ipv6_decode(void)
{
	static const uint8_t v[] = {0x6a, 0xbc, 0xde, 0xf1, 0x00, 0x10, 0x2c, 0xff,
				    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
				    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02};
	struct rk_rd rd;
	struct rk_ipv6_hdr h;
	rk_rd_init(&rd, v, sizeof v);
	CHECK_EQ(rk_ipv6_decode(&rd, &h), RK_OK);
	CHECK_EQ(h.version, 6);
	CHECK_EQ(h.tc, 0xab);
	CHECK_EQ(h.flow, 0xcdef1);
	CHECK_EQ(h.plen, 16);
	CHECK_EQ(h.nh, 44);
	CHECK_EQ(h.hlim, 255);
	CHECK_EQ(h.src[15], 1);
	CHECK_EQ(h.dst[15], 2);
	rk_rd_init(&rd, v, 39);
	CHECK_EQ(rk_ipv6_decode(&rd, &h), RK_E_TRUNC);
	CHECK_EQ(h.src[15], 1);

	/* fragment: nh 17, offset 0x1ff, res2 2, M, id */
	static const uint8_t f[] = {17, 0, 0x0f, 0xfd, 0xde, 0xad, 0xbe, 0xef};
	struct rk_ipv6_frag_hdr fh;
	rk_rd_init(&rd, f, sizeof f);
	CHECK_EQ(rk_ipv6_frag_decode(&rd, &fh), RK_OK);
	CHECK_EQ(fh.nh, 17);
	CHECK_EQ(fh.offset, 0x1ff);
	CHECK_EQ(fh.res2, 2);
	CHECK(fh.m);
	CHECK_EQ(fh.id, 0xdeadbeef);

	/* options header of 16 bytes */
	static const uint8_t o[] = {6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x99};
	struct rk_ipv6_opts_hdr oh;
	rk_rd_init(&rd, o, sizeof o);
	CHECK_EQ(rk_ipv6_opts_decode(&rd, &oh), RK_OK);
	CHECK_EQ(rk_rd_offset(&rd), 16);
	CHECK_EQ(oh.nh, 6);
	CHECK_EQ(oh.len, 16);
	CHECK(oh.opts == o + 2);
	CHECK_EQ(oh.opts_len, 14);
	rk_rd_init(&rd, o, 1);
	CHECK_EQ(rk_ipv6_opts_decode(&rd, &oh), RK_E_TRUNC);
	CHECK_EQ(oh.nh, 6);
	CHECK_EQ(oh.len, 0); /* its length byte was not there */
	rk_rd_init(&rd, o, 10);
	CHECK_EQ(rk_ipv6_opts_decode(&rd, &oh), RK_E_TRUNC);
	CHECK_EQ(oh.len, 16);
	CHECK_EQ(oh.opts_len, 8);

	/* routing header type 2, one address */
	uint8_t r[24] = {58, 2, 2, 1, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, [23] = 7};
	struct rk_ipv6_route_hdr rh;
	rk_rd_init(&rd, r, sizeof r);
	CHECK_EQ(rk_ipv6_route_decode(&rd, &rh), RK_OK);
	CHECK_EQ(rh.nh, 58);
	CHECK_EQ(rh.len, 24);
	CHECK_EQ(rh.rtype, 2);
	CHECK_EQ(rh.segleft, 1);
	CHECK(rh.data == r + 4);
	CHECK_EQ(rh.data_len, 20);
	rk_rd_init(&rd, r, 3);
	CHECK_EQ(rk_ipv6_route_decode(&rd, &rh), RK_E_TRUNC);
	CHECK_EQ(rh.rtype, 2);
	CHECK_EQ(rh.data_len, 0);
}

static void test_small_headers(void)
{
	struct rk_rd rd;

	static const uint8_t e[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x86, 0xdd};
	struct rk_eth_hdr eh;
	rk_rd_init(&rd, e, sizeof e);
	CHECK_EQ(rk_eth_decode(&rd, &eh), RK_OK);
	CHECK_EQ(eh.dst[0], 1);
	CHECK_EQ(eh.src[5], 12);
	CHECK_EQ(eh.type, 0x86dd);
	rk_rd_init(&rd, e, 13);
	CHECK_EQ(rk_eth_decode(&rd, &eh), RK_E_TRUNC);

	static const uint8_t t[] = {0xb0, 0x64, 0x08, 0x00};
	struct rk_vlan_hdr vh;
	rk_rd_init(&rd, t, sizeof t);
	CHECK_EQ(rk_vlan_decode(&rd, &vh), RK_OK);
	CHECK_EQ(vh.pcp, 5);
	CHECK(vh.dei);
	CHECK_EQ(vh.vid, 100);
	CHECK_EQ(vh.type, 0x0800);

	static const uint8_t s[] = {0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00};
	struct rk_sll_hdr sh;
	rk_rd_init(&rd, s, sizeof s);
	CHECK_EQ(rk_sll_decode(&rd, &sh), RK_OK);
	CHECK_EQ(sh.pkttype, 4);
	CHECK_EQ(sh.hatype, 1);
	CHECK_EQ(sh.halen, 6);
	CHECK_EQ(sh.addr[0], 2);
	CHECK_EQ(sh.type, 0x0800);

	static const uint8_t s2[] = {0x86, 0xdd, 0, 0, 0, 0, 0, 5, 0, 1, 3, 6, 2, 0, 0, 0, 0, 9, 0, 0};
	struct rk_sll2_hdr h2;
	rk_rd_init(&rd, s2, sizeof s2);
	CHECK_EQ(rk_sll2_decode(&rd, &h2), RK_OK);
	CHECK_EQ(h2.type, 0x86dd);
	CHECK_EQ(h2.ifindex, 5);
	CHECK_EQ(h2.hatype, 1);
	CHECK_EQ(h2.pkttype, 3);
	CHECK_EQ(h2.halen, 6);
	CHECK_EQ(h2.addr[5], 9);

	static const uint8_t le[] = {30, 0, 0, 0}, be[] = {0, 0, 0, 30};
	struct rk_null_hdr nh;
	rk_rd_init(&rd, le, 4);
	CHECK_EQ(rk_null_decode(&rd, &nh, false), RK_OK);
	CHECK_EQ(nh.family, 30);
	rk_rd_init(&rd, be, 4);
	CHECK_EQ(rk_null_decode(&rd, &nh, false), RK_OK);
	CHECK_EQ(nh.family, 30);
	rk_rd_init(&rd, le, 4);
	CHECK_EQ(rk_null_decode(&rd, &nh, true), RK_OK);
	CHECK_EQ(nh.family, 30u << 24);
	CHECK(nh.loop);
	rk_rd_init(&rd, le, 3);
	CHECK_EQ(rk_null_decode(&rd, &nh, false), RK_E_TRUNC);

	static const uint8_t u[] = {0, 53, 0x82, 0x35, 0, 9, 0xbe, 0xef};
	struct rk_udp_hdr uh;
	rk_rd_init(&rd, u, sizeof u);
	CHECK_EQ(rk_udp_decode(&rd, &uh), RK_OK);
	CHECK_EQ(uh.sport, 53);
	CHECK_EQ(uh.dport, 0x8235);
	CHECK_EQ(uh.len, 9);
	CHECK_EQ(uh.csum, 0xbeef);

	static const uint8_t ic[] = {14, 0, 0x12, 0x34, 0, 1, 0, 2, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30};
	struct rk_icmp_hdr ih;
	rk_rd_init(&rd, ic, sizeof ic);
	CHECK_EQ(rk_icmp_decode(&rd, &ih), RK_OK);
	CHECK_EQ(rk_rd_offset(&rd), 20);
	CHECK_EQ(ih.type, 14);
	CHECK_EQ(ih.csum, 0x1234);
	CHECK_EQ(ih.id, 1);
	CHECK_EQ(ih.seq, 2);
	CHECK_EQ(ih.otime, 10);
	CHECK_EQ(ih.rtime, 20);
	CHECK_EQ(ih.ttime, 30);
	rk_rd_init(&rd, ic, 12);
	CHECK_EQ(rk_icmp_decode(&rd, &ih), RK_E_TRUNC);
	static const uint8_t ec[] = {0, 0, 0xff, 0xff, 0, 7, 0, 8, 0xaa};
	rk_rd_init(&rd, ec, sizeof ec);
	CHECK_EQ(rk_icmp_decode(&rd, &ih), RK_OK);
	CHECK_EQ(rk_rd_offset(&rd), 8);
	CHECK_EQ(ih.otime, 0);

	static const uint8_t i6[] = {128, 0, 0xab, 0xcd, 0, 3, 0, 4};
	struct rk_icmp6_hdr h6;
	rk_rd_init(&rd, i6, sizeof i6);
	CHECK_EQ(rk_icmp6_decode(&rd, &h6), RK_OK);
	CHECK_EQ(h6.type, 128);
	CHECK_EQ(h6.csum, 0xabcd);
	CHECK_EQ(h6.id, 3);
	CHECK_EQ(h6.seq, 4);

	struct rk_arp_hdr ah, ad;
	rk_arp_init(&ah);
	ah.op = RK_ARP_REPLY;
	memset(ah.sha, 0x11, 6);
	memset(ah.tha, 0x22, 6);
	rk_put_be32(ah.spa, 0xc0000201u);
	rk_put_be32(ah.tpa, 0xc0000202u);
	uint8_t ab[28];
	struct rk_wr wr;
	rk_wr_init(&wr, ab, sizeof ab);
	CHECK_EQ(rk_arp_build(&wr, &ah), RK_OK);
	rk_rd_init(&rd, ab, sizeof ab);
	CHECK_EQ(rk_arp_decode(&rd, &ad), RK_OK);
	CHECK_EQ(ad.op, RK_ARP_REPLY);
	CHECK_MEM(ad.sha, ah.sha, 6);
	CHECK_MEM(ad.spa, ah.spa, 4);
	CHECK_MEM(ad.tha, ah.tha, 6);
	CHECK_MEM(ad.tpa, ah.tpa, 4);
	rk_rd_init(&rd, ab, 20);
	CHECK_EQ(rk_arp_decode(&rd, &ad), RK_E_TRUNC);
	CHECK_MEM(ad.spa, ah.spa, 4);
}

int main(void)
{
	test_tcp_opt_next();
	test_ipv4_decode();
	test_tcp_decode();
	test_ipv6_decode();
	test_small_headers();
	return TEST_END();
}
