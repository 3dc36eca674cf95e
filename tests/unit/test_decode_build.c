/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_decode_build.c - rk_decode() round trips: packets made with the
 * layered builder (build.h) for every link type, decoded, every field and
 * checksum verdict checked. Addresses are documentation ranges only
 * (192.0.2.0/24, 198.18.0.0/15, 2001:db8::/32).
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/rawkit.h"
#include "testlib.h"

#define A4_SRC 0xc6120001u /* 198.18.0.1 */
#define A4_DST 0xc6120002u /* 198.18.0.2 */
#define A4_GW 0xc0000201u  /* 192.0.2.1 */

static const uint8_t mac_a[6] = {0x02, 0, 0, 0, 0, 0x01};
static const uint8_t mac_b[6] = {0x02, 0, 0, 0, 0, 0x02};
static const uint8_t a6_src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t a6_dst[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
static const uint8_t a6_final[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, [15] = 9};

static struct rk_pkt pkt;

static void eth(struct rk_build *b)
{
	struct rk_eth_hdr h = {.type = 0};
	memcpy(h.dst, mac_b, 6);
	memcpy(h.src, mac_a, 6);
	CHECK_EQ(rk_build_eth(b, &h), RK_OK);
}

static void ip4(struct rk_build *b, uint8_t proto_unused)
{
	(void)proto_unused;
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = A4_SRC;
	h.dst = A4_DST;
	h.id = 0x1234;
	h.df = true;
	CHECK_EQ(rk_build_ipv4(b, &h), RK_OK);
}

static void ip6(struct rk_build *b)
{
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, a6_src, 16);
	memcpy(h.dst, a6_dst, 16);
	h.tc = 0xb8;
	h.flow = 0x12345;
	CHECK_EQ(rk_build_ipv6(b, &h), RK_OK);
}

static void udp(struct rk_build *b, uint16_t sport, uint16_t dport)
{
	struct rk_udp_hdr h = {.sport = sport, .dport = dport};
	CHECK_EQ(rk_build_udp(b, &h), RK_OK);
}

static int finish(struct rk_build *b)
{
	int len = rk_build_finish(b);
	CHECK(len > 0);
	return len;
}

static int decode(const uint8_t *buf, int len, int linktype)
{
	int rc = rk_decode(buf, (uint32_t)len, (uint32_t)len, linktype, &pkt);
	CHECK_EQ(rc, RK_OK);
	CHECK(pkt.error == NULL);
	if (pkt.error)
		fprintf(stderr, "  unexpected error: %s\n", pkt.error);
	for (unsigned i = 0; i < pkt.n; i++)
		CHECK_EQ(pkt.layer[i].flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED), 0);
	return rc;
}

/* The layer list is exactly these kinds. */
static void check_kinds(const int *kinds, unsigned n)
{
	CHECK_EQ(pkt.n, n);
	for (unsigned i = 0; i < n && i < pkt.n; i++) {
		CHECK_EQ(pkt.layer[i].kind, kinds[i]);
		if (pkt.layer[i].kind != kinds[i])
			fprintf(stderr, "  layer %u is %s\n", i, rk_layer_name(pkt.layer[i].kind));
	}
}
#define KINDS(...)                                                             \
	do {                                                                   \
		static const int k_[] = {__VA_ARGS__};                         \
		check_kinds(k_, sizeof(k_) / sizeof(k_[0]));                   \
	} while (0)

static void check_payload(unsigned i, uint32_t off, uint32_t len, uint32_t caplen)
{
	const struct rk_layer *l = &pkt.layer[i];
	CHECK_EQ(l->kind, RK_LAYER_PAYLOAD);
	CHECK_EQ(l->offset, off);
	CHECK_EQ(l->h.payload.len, len);
	CHECK_EQ(l->h.payload.caplen, caplen);
	CHECK_EQ(l->csum_ok, RK_CSUM_NONE);
}

/* eth / ipv4 with options / tcp with every option / payload: the example
   of packet-json.md and more. */
static void test_eth_ipv4_tcp(void)
{
	uint8_t buf[256], ipopts[4] = {0x94, 0x04, 0, 0}; /* router alert */
	uint8_t topts[40];
	struct rk_wr w;
	rk_wr_init(&w, topts, sizeof topts);
	rk_tcpopt_mss(&w, 1460);
	rk_tcpopt_sackok(&w);
	rk_tcpopt_ts(&w, 1, 0);
	rk_tcpopt_nop(&w);
	rk_tcpopt_wscale(&w, 7);
	const uint32_t blocks[2][2] = {{100, 200}, {300, 400}};
	rk_tcpopt_sack(&w, blocks, 2); /* 18 bytes: 38 in all */
	CHECK_EQ(rk_wr_err(&w), RK_OK);
	size_t topts_len = rk_wr_len(&w);

	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	eth(&b);
	struct rk_ipv4_hdr ih;
	rk_ipv4_init(&ih);
	ih.src = A4_SRC;
	ih.dst = A4_DST;
	ih.id = 4660;
	ih.df = true;
	ih.tos = 0x10;
	ih.ttl = 57;
	ih.opts = ipopts;
	ih.opts_len = sizeof ipopts;
	CHECK_EQ(rk_build_ipv4(&b, &ih), RK_OK);
	struct rk_tcp_hdr th;
	rk_tcp_init(&th);
	th.sport = 40000;
	th.dport = 80;
	th.seq = 1;
	th.ack = 0xdeadbeef;
	th.flags = RK_TCP_SYN | RK_TCP_ECE;
	th.urp = 7;
	th.opts = topts;
	th.opts_len = topts_len;
	CHECK_EQ(rk_build_tcp(&b, &th), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "hello", 5), RK_OK);
	int len = finish(&b);
	CHECK_EQ(len, 14 + 24 + 60 + 5);

	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV4, RK_LAYER_TCP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.caplen, len);
	CHECK_EQ(pkt.len, len);
	CHECK_EQ(pkt.linktype, RK_DLT_EN10MB);
	CHECK(pkt.data == buf);

	const struct rk_layer *l = &pkt.layer[0];
	CHECK_EQ(l->offset, 0);
	CHECK_EQ(l->hdr_len, 14);
	CHECK_EQ(l->cap_len, 14);
	CHECK_EQ(l->csum_ok, RK_CSUM_NONE);
	CHECK_MEM(l->h.eth.dst, mac_b, 6);
	CHECK_MEM(l->h.eth.src, mac_a, 6);
	CHECK_EQ(l->h.eth.type, RK_ETHERTYPE_IPV4);

	l = &pkt.layer[1];
	const struct rk_ipv4_hdr *ip = &l->h.ipv4;
	CHECK_EQ(l->offset, 14);
	CHECK_EQ(l->hdr_len, 24);
	CHECK_EQ(l->cap_len, 24);
	CHECK_EQ(ip->version, 4);
	CHECK_EQ(ip->ihl, 6);
	CHECK_EQ(ip->tos, 0x10);
	CHECK_EQ(ip->len, 24 + 60 + 5);
	CHECK_EQ(ip->id, 4660);
	CHECK(ip->df && !ip->mf && !ip->rf);
	CHECK_EQ(ip->frag, 0);
	CHECK_EQ(ip->ttl, 57);
	CHECK_EQ(ip->proto, RK_IPPROTO_TCP);
	CHECK_EQ(ip->csum, rk_get_be16(buf + 14 + 10));
	CHECK_EQ(ip->src, A4_SRC);
	CHECK_EQ(ip->dst, A4_DST);
	CHECK_EQ(ip->opts_len, 4);
	CHECK(ip->opts == buf + 14 + 20); /* borrowed, not copied */
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);

	l = &pkt.layer[2];
	const struct rk_tcp_hdr *t = &l->h.tcp;
	CHECK_EQ(l->offset, 38);
	CHECK_EQ(l->hdr_len, 60);
	CHECK_EQ(l->cap_len, 60);
	CHECK_EQ(t->sport, 40000);
	CHECK_EQ(t->dport, 80);
	CHECK_EQ(t->seq, 1);
	CHECK_EQ(t->ack, 0xdeadbeef);
	CHECK_EQ(t->doff, 15);
	CHECK_EQ(t->res, 0);
	CHECK_EQ(t->flags, RK_TCP_SYN | RK_TCP_ECE);
	CHECK_EQ(t->win, 64240);
	CHECK_EQ(t->csum, rk_get_be16(buf + 38 + 16));
	CHECK_EQ(t->urp, 7);
	CHECK_EQ(t->opts_len, 40);
	CHECK(t->opts == buf + 38 + 20);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);

	/* Options, as a formatter walks them. */
	struct rk_rd o;
	struct rk_tcp_opt opt;
	rk_rd_init(&o, t->opts, t->opts_len);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_MSS);
	CHECK_EQ(opt.len, 4);
	CHECK_EQ(opt.data_len, 2);
	CHECK_EQ(rk_get_be16(opt.data), 1460);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_SACKOK);
	CHECK_EQ(opt.data_len, 0);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_TS);
	CHECK_EQ(rk_get_be32(opt.data), 1);
	CHECK_EQ(rk_get_be32(opt.data + 4), 0);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_NOP);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_WSCALE);
	CHECK_EQ(opt.data[0], 7);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1);
	CHECK_EQ(opt.kind, RK_TCPOPT_SACK);
	CHECK_EQ(opt.data_len, 16);
	CHECK_EQ(rk_get_be32(opt.data + 12), 400);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 1); /* the builder's zero padding: EOL */
	CHECK_EQ(opt.kind, RK_TCPOPT_EOL);
	CHECK_EQ(rk_tcp_opt_next(&o, &opt), 0);

	check_payload(3, 98, 5, 5);

	/* A corrupted checksum byte flips the verdict, nothing else. */
	buf[38 + 16] ^= 0x40;
	decode(buf, len, RK_DLT_EN10MB);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_BAD);
	buf[14 + 8] ^= 1; /* ttl: the IPv4 header checksum */
	decode(buf, len, RK_DLT_EN10MB);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_BAD);
}

/* Ethernet padding after a short datagram is not payload. */
static void test_padding(void)
{
	uint8_t buf[64];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	eth(&b);
	ip4(&b, 0);
	udp(&b, 53, 33000);
	CHECK_EQ(rk_build_payload(&b, "ab", 2), RK_OK);
	int len = finish(&b); /* 14 + 20 + 8 + 2 = 44 */
	memset(buf + len, 0, 60 - (size_t)len);
	decode(buf, 60, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	const struct rk_layer *l = &pkt.layer[2];
	CHECK_EQ(l->h.udp.sport, 53);
	CHECK_EQ(l->h.udp.dport, 33000);
	CHECK_EQ(l->h.udp.len, 10);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);
	check_payload(3, 42, 2, 2);

	/* UDP shorter than the IP payload: the checksum and the payload follow
	   udp.len (RFC 768). */
	rk_build_init(&b, buf, sizeof buf);
	eth(&b);
	ip4(&b, 0);
	struct rk_udp_hdr uh = {.sport = 1, .dport = 2, .len = 10, .set = RK_UDP_SET_LEN};
	CHECK_EQ(rk_build_udp(&b, &uh), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "abcdef", 6), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_OK);
	check_payload(3, 42, 2, 2);
}

/* Stacked 802.1ad + 802.1Q tags, IPv6, UDP. */
static void test_vlan_ipv6_udp(void)
{
	uint8_t buf[256];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	eth(&b);
	struct rk_vlan_hdr v1 = {.pcp = 5, .dei = true, .vid = 100, .tpid = RK_ETHERTYPE_QINQ};
	struct rk_vlan_hdr v2 = {.pcp = 0, .vid = 4094};
	CHECK_EQ(rk_build_vlan(&b, &v1), RK_OK);
	CHECK_EQ(rk_build_vlan(&b, &v2), RK_OK);
	ip6(&b);
	udp(&b, 5353, 5353);
	CHECK_EQ(rk_build_payload(&b, "xyz", 3), RK_OK);
	int len = finish(&b);

	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_VLAN, RK_LAYER_VLAN, RK_LAYER_IPV6, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.eth.type, RK_ETHERTYPE_QINQ);
	const struct rk_vlan_hdr *v = &pkt.layer[1].h.vlan;
	CHECK_EQ(pkt.layer[1].offset, 14);
	CHECK_EQ(pkt.layer[1].hdr_len, 4);
	CHECK_EQ(v->pcp, 5);
	CHECK(v->dei);
	CHECK_EQ(v->vid, 100);
	CHECK_EQ(v->type, RK_ETHERTYPE_VLAN);
	CHECK_EQ(v->tpid, RK_ETHERTYPE_QINQ);
	v = &pkt.layer[2].h.vlan;
	CHECK_EQ(v->pcp, 0);
	CHECK(!v->dei);
	CHECK_EQ(v->vid, 4094);
	CHECK_EQ(v->type, RK_ETHERTYPE_IPV6);
	CHECK_EQ(v->tpid, RK_ETHERTYPE_VLAN);

	const struct rk_layer *l = &pkt.layer[3];
	const struct rk_ipv6_hdr *h6 = &l->h.ipv6;
	CHECK_EQ(l->offset, 22);
	CHECK_EQ(l->hdr_len, 40);
	CHECK_EQ(h6->version, 6);
	CHECK_EQ(h6->tc, 0xb8);
	CHECK_EQ(h6->flow, 0x12345);
	CHECK_EQ(h6->plen, 11);
	CHECK_EQ(h6->nh, RK_IPPROTO_UDP);
	CHECK_EQ(h6->hlim, 64);
	CHECK_MEM(h6->src, a6_src, 16);
	CHECK_MEM(h6->dst, a6_dst, 16);
	CHECK_EQ(l->csum_ok, RK_CSUM_NONE);
	CHECK_EQ(pkt.layer[4].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[4].h.udp.len, 11);
	check_payload(5, 70, 3, 3);
}

/* IPv6 with hop-by-hop, routing (type 0, segments left: the pseudo-header
   uses the final destination), destination options, an atomic fragment
   header, and TCP: the checksum must verify. */
static void test_ipv6_ext(void)
{
	uint8_t buf[512];
	uint8_t hopopt[4] = {0x05, 0x02, 0, 0}; /* router alert */
	uint8_t rdata[4 + 32];
	memset(rdata, 0, 4);
	memcpy(rdata + 4, a6_src, 16);
	memcpy(rdata + 20, a6_final, 16);
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	ip6(&b);
	struct rk_ipv6_opts_hdr hop = {.opts = hopopt, .opts_len = sizeof hopopt};
	CHECK_EQ(rk_build_ipv6_opts(&b, RK_LAYER_IPV6_HOP, &hop), RK_OK);
	struct rk_ipv6_route_hdr rt = {.rtype = 0, .segleft = 2, .data = rdata, .data_len = sizeof rdata};
	CHECK_EQ(rk_build_ipv6_route(&b, &rt), RK_OK);
	struct rk_ipv6_opts_hdr dst = {.opts = NULL, .opts_len = 0};
	CHECK_EQ(rk_build_ipv6_opts(&b, RK_LAYER_IPV6_DST, &dst), RK_OK);
	struct rk_ipv6_frag_hdr fr = {.offset = 0, .m = false, .id = 0xabcdef01};
	CHECK_EQ(rk_build_ipv6_frag(&b, &fr), RK_OK);
	struct rk_tcp_hdr th;
	rk_tcp_init(&th);
	th.sport = 1234;
	th.dport = 443;
	CHECK_EQ(rk_build_tcp(&b, &th), RK_OK);
	int len = finish(&b);

	decode(buf, len, RK_DLT_RAW);
	KINDS(RK_LAYER_IPV6, RK_LAYER_IPV6_HOP, RK_LAYER_IPV6_ROUTE, RK_LAYER_IPV6_DST,
	      RK_LAYER_IPV6_FRAG, RK_LAYER_TCP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.ipv6.nh, RK_IPPROTO_HOPOPTS);
	const struct rk_layer *l = &pkt.layer[1];
	CHECK_EQ(l->offset, 40);
	CHECK_EQ(l->hdr_len, 8);
	CHECK_EQ(l->h.ipv6_opts.nh, RK_IPPROTO_ROUTING);
	CHECK_EQ(l->h.ipv6_opts.len, 8);
	CHECK_EQ(l->h.ipv6_opts.opts_len, 6);
	CHECK_MEM(l->h.ipv6_opts.opts, hopopt, 4);
	l = &pkt.layer[2];
	CHECK_EQ(l->offset, 48);
	CHECK_EQ(l->hdr_len, 40);
	CHECK_EQ(l->h.ipv6_route.nh, RK_IPPROTO_DSTOPTS);
	CHECK_EQ(l->h.ipv6_route.len, 40);
	CHECK_EQ(l->h.ipv6_route.rtype, 0);
	CHECK_EQ(l->h.ipv6_route.segleft, 2);
	CHECK_EQ(l->h.ipv6_route.data_len, 36);
	CHECK_MEM(l->h.ipv6_route.data, rdata, 36);
	l = &pkt.layer[3];
	CHECK_EQ(l->offset, 88);
	CHECK_EQ(l->h.ipv6_opts.len, 8);
	CHECK_EQ(l->h.ipv6_opts.nh, RK_IPPROTO_FRAGMENT);
	l = &pkt.layer[4];
	CHECK_EQ(l->offset, 96);
	CHECK_EQ(l->hdr_len, 8);
	CHECK_EQ(l->h.ipv6_frag.nh, RK_IPPROTO_TCP);
	CHECK_EQ(l->h.ipv6_frag.offset, 0);
	CHECK(!l->h.ipv6_frag.m);
	CHECK_EQ(l->h.ipv6_frag.id, 0xabcdef01);
	l = &pkt.layer[5];
	CHECK_EQ(l->offset, 104);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK); /* atomic fragment: verified */
	check_payload(6, 124, 0, 0);

	/* Segments left 0: the destination field is final, so the checksum
	   (made for a9) is now wrong. */
	buf[48 + 3] = 0;
	decode(buf, len, RK_DLT_RAW);
	CHECK_EQ(pkt.layer[5].csum_ok, RK_CSUM_BAD);
	buf[48 + 3] = 2;

	/* M=1: a first fragment, the transport checksum cannot be verified. */
	buf[96 + 3] |= 1;
	decode(buf, len, RK_DLT_RAW);
	KINDS(RK_LAYER_IPV6, RK_LAYER_IPV6_HOP, RK_LAYER_IPV6_ROUTE, RK_LAYER_IPV6_DST,
	      RK_LAYER_IPV6_FRAG, RK_LAYER_TCP, RK_LAYER_PAYLOAD);
	CHECK(pkt.layer[4].h.ipv6_frag.m);
	CHECK_EQ(pkt.layer[5].csum_ok, RK_CSUM_UNKNOWN);

	/* Offset 1: not the first fragment, no transport header. */
	buf[96 + 3] = 0x08;
	decode(buf, len, RK_DLT_RAW);
	KINDS(RK_LAYER_IPV6, RK_LAYER_IPV6_HOP, RK_LAYER_IPV6_ROUTE, RK_LAYER_IPV6_DST,
	      RK_LAYER_IPV6_FRAG, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[4].h.ipv6_frag.offset, 1);
	check_payload(5, 104, 20, 20);
}

/* UDP checksum 0: none over IPv4, invalid over IPv6. */
static void test_udp_zero_csum(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	ip4(&b, 0);
	struct rk_udp_hdr uh = {.sport = 9, .dport = 9, .csum = 0, .set = RK_UDP_SET_CSUM};
	CHECK_EQ(rk_build_udp(&b, &uh), RK_OK);
	int len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	check_payload(2, 28, 0, 0);

	rk_build_init(&b, buf, sizeof buf);
	ip6(&b);
	CHECK_EQ(rk_build_udp(&b, &uh), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_IPV6);
	KINDS(RK_LAYER_IPV6, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_BAD);

	/* A wrong non-zero checksum is bad over IPv4 too. */
	rk_build_init(&b, buf, sizeof buf);
	ip4(&b, 0);
	uh.csum = 0x1234;
	CHECK_EQ(rk_build_udp(&b, &uh), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_BAD);
}

/* IPv4 fragments: the first carries the transport header (checksum
   unknown), later ones only payload. */
static void test_ipv4_frag(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	struct rk_ipv4_hdr ih;
	rk_ipv4_init(&ih);
	ih.src = A4_SRC;
	ih.dst = A4_DST;
	ih.mf = true;
	CHECK_EQ(rk_build_ipv4(&b, &ih), RK_OK);
	/* udp.len says 100: past this fragment, which is allowed. */
	struct rk_udp_hdr uh = {.sport = 7, .dport = 7, .len = 100, .set = RK_UDP_SET_LEN};
	CHECK_EQ(rk_build_udp(&b, &uh), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 16), RK_OK);
	int len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK(pkt.layer[0].h.ipv4.mf);
	CHECK_EQ(pkt.layer[0].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_UNKNOWN);
	check_payload(2, 28, 92, 16);

	rk_build_init(&b, buf, sizeof buf);
	ih.mf = false;
	ih.frag = 3;
	CHECK_EQ(rk_build_ipv4(&b, &ih), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 24), RK_OK);
	len = finish(&b);
	buf[9] = RK_IPPROTO_UDP;
	rk_ipv4_fill_csum(buf, 20);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.ipv4.frag, 3);
	CHECK_EQ(pkt.layer[0].csum_ok, RK_CSUM_OK);
	check_payload(1, 20, 24, 24);
}

/* IP-in-IP both ways, and unknown protocols. */
static void test_tunnels(void)
{
	uint8_t buf[256];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	eth(&b);
	ip4(&b, 0);
	ip6(&b);
	ip4(&b, 0);
	udp(&b, 1000, 2000);
	int len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_IPV4, RK_LAYER_IPV6, RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[1].h.ipv4.proto, RK_IPPROTO_IPV6);
	CHECK_EQ(pkt.layer[2].h.ipv6.nh, RK_IPPROTO_IPIP);
	CHECK_EQ(pkt.layer[2].offset, 34);
	CHECK_EQ(pkt.layer[3].offset, 74);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[3].csum_ok, RK_CSUM_OK);
	CHECK_EQ(pkt.layer[4].csum_ok, RK_CSUM_OK); /* pseudo-header of the inner IPv4 */
	for (unsigned i = 0; i < pkt.n; i++)
		CHECK_EQ(pkt.layer[i].flags, 0);

	/* Unknown IP protocol: payload to the end of the datagram. */
	rk_build_init(&b, buf, sizeof buf);
	struct rk_ipv4_hdr ih;
	rk_ipv4_init(&ih);
	ih.proto = 47;
	ih.set = RK_IPV4_SET_PROTO;
	CHECK_EQ(rk_build_ipv4(&b, &ih), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 12), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_LINKTYPE_RAW);
	KINDS(RK_LAYER_IPV4, RK_LAYER_PAYLOAD);
	check_payload(1, 20, 12, 12);

	/* IPv6 no next header: nothing follows, not even an empty payload. */
	rk_build_init(&b, buf, sizeof buf);
	ip6(&b);
	len = finish(&b);
	CHECK_EQ(buf[6], RK_IPPROTO_NONE);
	decode(buf, len, RK_DLT_IPV6);
	KINDS(RK_LAYER_IPV6);
	/* ...but 59 over IPv4 is just an unknown protocol. */
	rk_build_init(&b, buf, sizeof buf);
	ih.proto = RK_IPPROTO_NONE;
	CHECK_EQ(rk_build_ipv4(&b, &ih), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_PAYLOAD);
	check_payload(1, 20, 0, 0);
}

/* 802.3 frames, unknown EtherTypes and ARP. */
static void test_eth_misc(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	struct rk_eth_hdr eh = {.type = 6, .set = RK_ETH_SET_TYPE};
	CHECK_EQ(rk_build_eth(&b, &eh), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "\x42\x42\x03\x00\x00\x00", 6), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 40), RK_OK); /* padding to 60 */
	int len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.eth.type, 6);
	check_payload(1, 14, 6, 6);

	/* An 802.3 length after a VLAN tag too. */
	rk_build_init(&b, buf, sizeof buf);
	eh.type = RK_ETHERTYPE_VLAN;
	CHECK_EQ(rk_build_eth(&b, &eh), RK_OK);
	struct rk_vlan_hdr vh = {.vid = 7, .type = 100, .set = RK_VLAN_SET_TYPE};
	CHECK_EQ(rk_build_vlan(&b, &vh), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 42), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_VLAN, RK_LAYER_PAYLOAD);
	check_payload(2, 18, 100, 42);

	/* Unknown EtherType: the rest of the frame. */
	rk_build_init(&b, buf, sizeof buf);
	eh.type = 0x88cc; /* LLDP */
	CHECK_EQ(rk_build_eth(&b, &eh), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 46), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_PAYLOAD);
	check_payload(1, 14, 46, 46);
	/* ...cut by the snap length: len is the wire's, caplen what was kept. */
	CHECK_EQ(rk_decode(buf, 20, (uint32_t)len, RK_DLT_EN10MB, &pkt), RK_OK);
	check_payload(1, 14, 46, 6);

	/* ARP over Ethernet with padding: nothing follows it. */
	rk_build_init(&b, buf, sizeof buf);
	eh.set = 0;
	memset(eh.dst, 0xff, 6);
	memcpy(eh.src, mac_a, 6);
	CHECK_EQ(rk_build_eth(&b, &eh), RK_OK);
	struct rk_arp_hdr ah;
	rk_arp_init(&ah);
	memcpy(ah.sha, mac_a, 6);
	rk_put_be32(ah.spa, A4_GW);
	rk_put_be32(ah.tpa, A4_DST);
	CHECK_EQ(rk_build_arp(&b, &ah), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 18), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_EN10MB);
	KINDS(RK_LAYER_ETH, RK_LAYER_ARP);
	CHECK_EQ(pkt.layer[0].h.eth.type, RK_ETHERTYPE_ARP);
	const struct rk_layer *l = &pkt.layer[1];
	CHECK_EQ(l->offset, 14);
	CHECK_EQ(l->hdr_len, 28);
	CHECK_EQ(l->cap_len, 28);
	CHECK_EQ(l->h.arp.htype, 1);
	CHECK_EQ(l->h.arp.ptype, 0x0800);
	CHECK_EQ(l->h.arp.hlen, 6);
	CHECK_EQ(l->h.arp.plen, 4);
	CHECK_EQ(l->h.arp.op, RK_ARP_REQUEST);
	CHECK_MEM(l->h.arp.sha, mac_a, 6);
	CHECK_EQ(rk_get_be32(l->h.arp.spa), A4_GW);
	CHECK_EQ(rk_get_be32(l->h.arp.tpa), A4_DST);
	CHECK_EQ(l->csum_ok, RK_CSUM_NONE);
}

/* Linux cooked v1 and v2. */
static void test_sll(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	struct rk_sll_hdr sh = {.pkttype = 4, .hatype = 1, .halen = 6, .addr = {2, 0, 0, 0, 0, 1}};
	CHECK_EQ(rk_build_sll(&b, &sh), RK_OK);
	ip4(&b, 0);
	udp(&b, 68, 67);
	int len = finish(&b);
	decode(buf, len, RK_DLT_LINUX_SLL);
	KINDS(RK_LAYER_SLL, RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	const struct rk_sll_hdr *s = &pkt.layer[0].h.sll;
	CHECK_EQ(pkt.layer[0].hdr_len, 16);
	CHECK_EQ(s->pkttype, 4);
	CHECK_EQ(s->hatype, 1);
	CHECK_EQ(s->halen, 6);
	CHECK_MEM(s->addr, sh.addr, 8);
	CHECK_EQ(s->type, RK_ETHERTYPE_IPV4);
	CHECK_EQ(pkt.layer[1].offset, 16);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_OK);

	rk_build_init(&b, buf, sizeof buf);
	struct rk_sll2_hdr s2 = {.ifindex = 3, .hatype = 1, .pkttype = 0, .halen = 6,
				 .addr = {2, 0, 0, 0, 0, 2}};
	CHECK_EQ(rk_build_sll2(&b, &s2), RK_OK);
	ip6(&b);
	struct rk_tcp_hdr th;
	rk_tcp_init(&th);
	th.flags = RK_TCP_ACK | RK_TCP_PSH;
	CHECK_EQ(rk_build_tcp(&b, &th), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "GET /", 5), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_LINUX_SLL2);
	KINDS(RK_LAYER_SLL2, RK_LAYER_IPV6, RK_LAYER_TCP, RK_LAYER_PAYLOAD);
	const struct rk_sll2_hdr *s2d = &pkt.layer[0].h.sll2;
	CHECK_EQ(pkt.layer[0].hdr_len, 20);
	CHECK_EQ(s2d->type, RK_ETHERTYPE_IPV6);
	CHECK_EQ(s2d->reserved, 0);
	CHECK_EQ(s2d->ifindex, 3);
	CHECK_EQ(s2d->hatype, 1);
	CHECK_EQ(s2d->pkttype, 0);
	CHECK_EQ(s2d->halen, 6);
	CHECK_MEM(s2d->addr, s2.addr, 8);
	CHECK_EQ(pkt.layer[2].h.tcp.flags, RK_TCP_ACK | RK_TCP_PSH);
	CHECK_EQ(pkt.layer[2].h.tcp.doff, 5);
	CHECK_EQ(pkt.layer[2].h.tcp.opts_len, 0);
	CHECK_EQ(pkt.layer[2].csum_ok, RK_CSUM_OK);
	check_payload(3, 80, 5, 5);

	/* SLL with a protocol it does not know (no 802.3 rule): rest of frame. */
	rk_build_init(&b, buf, sizeof buf);
	sh.type = 4; /* LINUX_SLL_P_802_2 */
	sh.set = RK_SLL_SET_TYPE;
	CHECK_EQ(rk_build_sll(&b, &sh), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 9), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_LINUX_SLL);
	KINDS(RK_LAYER_SLL, RK_LAYER_PAYLOAD);
	check_payload(1, 16, 9, 9);
}

/* BSD loopback: NULL in either byte order, LOOP in network order. */
static void test_null_loop(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	struct rk_null_hdr nh = {.loop = false};
	CHECK_EQ(rk_build_null(&b, &nh), RK_OK);
	ip4(&b, 0);
	struct rk_icmp_hdr ic = {.type = RK_ICMP_ECHO, .id = 0x4242, .seq = 7};
	CHECK_EQ(rk_build_icmp(&b, &ic), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "ping", 4), RK_OK);
	int len = finish(&b);
	CHECK_EQ(buf[0], 2); /* little-endian AF_INET */
	decode(buf, len, RK_DLT_NULL);
	KINDS(RK_LAYER_NULL, RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.null.family, RK_NULL_AF_INET);
	CHECK(!pkt.layer[0].h.null.loop);
	CHECK_EQ(pkt.layer[0].hdr_len, 4);
	const struct rk_layer *l = &pkt.layer[2];
	CHECK_EQ(l->h.icmp.type, RK_ICMP_ECHO);
	CHECK_EQ(l->h.icmp.code, 0);
	CHECK_EQ(l->h.icmp.id, 0x4242);
	CHECK_EQ(l->h.icmp.seq, 7);
	CHECK_EQ(l->hdr_len, 8);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);
	check_payload(3, 32, 4, 4);
	/* The same family written big-endian: NULL guesses the order. */
	buf[0] = 0;
	buf[3] = 2;
	decode(buf, len, RK_DLT_NULL);
	CHECK_EQ(pkt.layer[0].h.null.family, RK_NULL_AF_INET);
	CHECK_EQ(pkt.n, 4);

	rk_build_init(&b, buf, sizeof buf);
	nh.loop = true;
	CHECK_EQ(rk_build_null(&b, &nh), RK_OK);
	ip6(&b);
	struct rk_icmp6_hdr i6 = {.type = RK_ICMP6_ECHO_REPLY, .id = 1, .seq = 2};
	CHECK_EQ(rk_build_icmp6(&b, &i6), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "pong", 4), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_LOOP);
	KINDS(RK_LAYER_NULL, RK_LAYER_IPV6, RK_LAYER_ICMP6, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[0].h.null.family, RK_NULL_AF_INET6_BSD);
	CHECK(pkt.layer[0].h.null.loop);
	l = &pkt.layer[2];
	CHECK_EQ(l->h.icmp6.type, RK_ICMP6_ECHO_REPLY);
	CHECK_EQ(l->h.icmp6.id, 1);
	CHECK_EQ(l->h.icmp6.seq, 2);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);
	check_payload(3, 52, 4, 4);
	/* An unknown family: the rest is payload. */
	buf[3] = 99;
	decode(buf, len, RK_DLT_LOOP);
	KINDS(RK_LAYER_NULL, RK_LAYER_PAYLOAD);
	check_payload(1, 4, (uint32_t)len - 4, (uint32_t)len - 4);
	/* LOOP is network order only: 99 << 24 is not swapped back. */
	buf[0] = 2;
	buf[3] = 0;
	decode(buf, len, RK_DLT_LOOP);
	CHECK_EQ(pkt.layer[0].h.null.family, 0x02000000u);
	KINDS(RK_LAYER_NULL, RK_LAYER_PAYLOAD);
}

/* Raw IP link types: DLT_RAW 12 and LINKTYPE_RAW 101 pick by version,
   IPV4 and IPV6 do not need to. */
static void test_raw(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	ip6(&b);
	udp(&b, 1, 2);
	int len = finish(&b);
	static const int raw[] = {RK_DLT_RAW, RK_LINKTYPE_RAW, RK_DLT_IPV6};
	for (unsigned i = 0; i < 3; i++) {
		decode(buf, len, raw[i]);
		KINDS(RK_LAYER_IPV6, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
		CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	}
	rk_build_init(&b, buf, sizeof buf);
	ip4(&b, 0);
	udp(&b, 1, 2);
	len = finish(&b);
	static const int raw4[] = {RK_DLT_RAW, RK_LINKTYPE_RAW, RK_DLT_IPV4};
	for (unsigned i = 0; i < 3; i++) {
		decode(buf, len, raw4[i]);
		KINDS(RK_LAYER_IPV4, RK_LAYER_UDP, RK_LAYER_PAYLOAD);
	}
	/* Neither 4 nor 6: undecoded bytes. */
	buf[0] = 0x55;
	decode(buf, len, RK_DLT_RAW);
	KINDS(RK_LAYER_PAYLOAD);
	check_payload(0, 0, (uint32_t)len, (uint32_t)len);
	/* Nothing captured: nothing to tell the version by. */
	CHECK_EQ(rk_decode(buf, 0, 28, RK_DLT_RAW, &pkt), RK_OK);
	KINDS(RK_LAYER_PAYLOAD);
	check_payload(0, 0, 28, 0);
}

/* ICMP timestamp (20-byte header) and other informational types. */
static void test_icmp_info(void)
{
	uint8_t buf[128];
	struct rk_build b;
	rk_build_init(&b, buf, sizeof buf);
	ip4(&b, 0);
	struct rk_icmp_hdr ic = {.type = RK_ICMP_TSTAMP, .id = 3, .seq = 4,
				 .otime = 1000, .rtime = 2000, .ttime = 3000};
	CHECK_EQ(rk_build_icmp(&b, &ic), RK_OK);
	int len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_PAYLOAD);
	const struct rk_layer *l = &pkt.layer[1];
	CHECK_EQ(l->hdr_len, 20);
	CHECK_EQ(l->h.icmp.type, RK_ICMP_TSTAMP);
	CHECK_EQ(l->h.icmp.id, 3);
	CHECK_EQ(l->h.icmp.seq, 4);
	CHECK_EQ(l->h.icmp.otime, 1000);
	CHECK_EQ(l->h.icmp.rtime, 2000);
	CHECK_EQ(l->h.icmp.ttime, 3000);
	CHECK_EQ(l->csum_ok, RK_CSUM_OK);
	check_payload(2, 40, 0, 0);

	/* Router advertisement (9): 8-byte header, the rest is payload. */
	rk_build_init(&b, buf, sizeof buf);
	ip4(&b, 0);
	struct rk_icmp_hdr ra = {.type = 9, .id = 0x0102, .seq = 1800};
	CHECK_EQ(rk_build_icmp(&b, &ra), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 8), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_IPV4);
	KINDS(RK_LAYER_IPV4, RK_LAYER_ICMP, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	check_payload(2, 28, 8, 8);

	/* ICMPv6 neighbour solicitation (135): likewise. */
	rk_build_init(&b, buf, sizeof buf);
	ip6(&b);
	struct rk_icmp6_hdr ns = {.type = 135};
	CHECK_EQ(rk_build_icmp6(&b, &ns), RK_OK);
	CHECK_EQ(rk_build_payload(&b, a6_dst, 16), RK_OK);
	len = finish(&b);
	decode(buf, len, RK_DLT_IPV6);
	KINDS(RK_LAYER_IPV6, RK_LAYER_ICMP6, RK_LAYER_PAYLOAD);
	CHECK_EQ(pkt.layer[1].csum_ok, RK_CSUM_OK);
	check_payload(2, 48, 16, 16);
}

static void test_names(void)
{
	CHECK(strcmp(rk_layer_name(RK_LAYER_ETH), "eth") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_IPV6_HOP), "ipv6.hop") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_IPV6_ROUTE), "ipv6.route") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_ICMP6), "icmpv6") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_PAYLOAD), "payload") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_NONE), "?") == 0);
	CHECK(strcmp(rk_layer_name(-1), "?") == 0);
	CHECK(strcmp(rk_layer_name(RK_LAYER_KIND_COUNT), "?") == 0);
	for (int k = RK_LAYER_ETH; k < RK_LAYER_KIND_COUNT; k++)
		CHECK(rk_layer_name(k) != NULL && strcmp(rk_layer_name(k), "?") != 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_EN10MB), "EN10MB") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_RAW), "RAW") == 0);
	CHECK(strcmp(rk_linktype_name(RK_LINKTYPE_RAW), "RAW") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_NULL), "NULL") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_LOOP), "LOOP") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_LINUX_SLL), "LINUX_SLL") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_LINUX_SLL2), "LINUX_SLL2") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_IPV4), "IPV4") == 0);
	CHECK(strcmp(rk_linktype_name(RK_DLT_IPV6), "IPV6") == 0);
	CHECK(rk_linktype_name(105) == NULL);

	/* Unknown link type, bad arguments. */
	uint8_t b[1] = {0};
	CHECK_EQ(rk_decode(b, 1, 1, 105, &pkt), RK_E_UNSUPPORTED);
	CHECK_EQ(pkt.n, 0);
	CHECK_EQ(rk_decode(NULL, 1, 1, RK_DLT_EN10MB, &pkt), RK_E_INVAL);
	CHECK_EQ(rk_decode(b, 1, 1, RK_DLT_EN10MB, NULL), RK_E_INVAL);
	CHECK_EQ(rk_decode(NULL, 0, 60, RK_DLT_EN10MB, &pkt), RK_OK);
	CHECK_EQ(pkt.n, 1);
	CHECK_EQ(pkt.layer[0].flags, RK_LAYER_TRUNCATED);
}

int main(void)
{
	test_eth_ipv4_tcp();
	test_padding();
	test_vlan_ipv6_udp();
	test_ipv6_ext();
	test_udp_zero_csum();
	test_ipv4_frag();
	test_tunnels();
	test_eth_misc();
	test_sll();
	test_null_loop();
	test_raw();
	test_icmp_info();
	test_names();
	return TEST_END();
}
