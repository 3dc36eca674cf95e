/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_tab.c - the layers a spec can name and their fields: names, value
 * syntax, where each lands in the header struct, the largest value it
 * takes, and the `set` bit it marks. docs/SPEC.md lists the same.
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>
#include "spec_int.h"

#define OFF(m) ((uint16_t)offsetof(union rk_spec_hdr, m))
#define SZ(m) ((uint8_t)sizeof(((union rk_spec_hdr *)0)->m))

#define NUM(n, m, max, set) { n, RKINT_FT_UINT, SZ(m), RKINT_F_RANGE, OFF(m), set, max }
#define NUMA(n, m, max, set) { n, RKINT_FT_UINT, SZ(m), RKINT_F_RANGE | RKINT_F_ALIAS, OFF(m), set, max }
#define FLAG(n, m) { n, RKINT_FT_BOOL, 1, RKINT_F_RANGE, OFF(m), 0, 1 }
#define IP4(n, m) { n, RKINT_FT_IP4, 4, RKINT_F_RANGE, OFF(m), 0, 0xffffffffu }
#define IP6(n, m) { n, RKINT_FT_IP6, 16, 0, OFF(m), 0, 0 }
#define MAC(n, m) { n, RKINT_FT_MAC, 6, 0, OFF(m), 0, 0 }
#define ADDR(n, m) { n, RKINT_FT_ADDR, SZ(m), 0, OFF(m), 0, 0 }
#define HEX(n) { n, RKINT_FT_HEX, 0, 0, 0, 0, 0 }

static_assert(offsetof(struct rk_icmp_hdr, seq) == offsetof(struct rk_icmp_hdr, id) + 2,
	      "icmp id and seq are adjacent uint16_t");
static_assert(offsetof(struct rk_icmp6_hdr, seq) == offsetof(struct rk_icmp6_hdr, id) + 2,
	      "icmpv6 id and seq are adjacent uint16_t");

static const struct rkint_spec_field eth_f[] = {
	[RKINT_ETH_DST] = MAC("dst", eth.dst),
	[RKINT_ETH_SRC] = MAC("src", eth.src),
	[RKINT_ETH_TYPE] = NUM("type", eth.type, 0xffff, RK_ETH_SET_TYPE),
};

static const struct rkint_spec_field vlan_f[] = {
	NUM("vid", vlan.vid, 0xfff, 0),
	NUM("pcp", vlan.pcp, 7, 0),
	FLAG("dei", vlan.dei),
	NUM("type", vlan.type, 0xffff, RK_VLAN_SET_TYPE),
	NUM("tpid", vlan.tpid, 0xffff, 0),
};

static const struct rkint_spec_field sll_f[] = {
	NUM("pkttype", sll.pkttype, 0xffff, 0),
	NUM("hatype", sll.hatype, 0xffff, 0),
	NUM("halen", sll.halen, 0xffff, 0),
	ADDR("addr", sll.addr),
	NUM("type", sll.type, 0xffff, RK_SLL_SET_TYPE),
};

static const struct rkint_spec_field sll2_f[] = {
	NUM("type", sll2.type, 0xffff, RK_SLL_SET_TYPE),
	NUM("reserved", sll2.reserved, 0xffff, 0),
	NUM("ifindex", sll2.ifindex, 0xffffffffu, 0),
	NUM("hatype", sll2.hatype, 0xffff, 0),
	NUM("pkttype", sll2.pkttype, 0xff, 0),
	NUM("halen", sll2.halen, 0xff, 0),
	ADDR("addr", sll2.addr),
};

static const struct rkint_spec_field null_f[] = {
	NUM("family", null.family, 0xffffffffu, RK_SLL_SET_TYPE),
	FLAG("loop", null.loop),
};

static const struct rkint_spec_field arp_f[] = {
	[RKINT_ARP_OP] = NUM("op", arp.op, 0xffff, 0),
	[RKINT_ARP_SHA] = ADDR("sha", arp.sha),
	[RKINT_ARP_SPA] = ADDR("spa", arp.spa),
	[RKINT_ARP_THA] = ADDR("tha", arp.tha),
	[RKINT_ARP_TPA] = ADDR("tpa", arp.tpa),
	NUM("htype", arp.htype, 0xffff, 0),
	NUM("ptype", arp.ptype, 0xffff, 0),
	NUM("hlen", arp.hlen, RK_ARP_ADDR_MAX, 0),
	NUM("plen", arp.plen, RK_ARP_ADDR_MAX, 0),
};

static const struct rkint_spec_field ipv4_f[] = {
	[RKINT_IPV4_SRC] = IP4("src", ipv4.src),
	[RKINT_IPV4_DST] = IP4("dst", ipv4.dst),
	[RKINT_IPV4_TTL] = NUM("ttl", ipv4.ttl, 0xff, 0),
	[RKINT_IPV4_ID] = NUM("id", ipv4.id, 0xffff, 0),
	NUM("tos", ipv4.tos, 0xff, 0),
	FLAG("df", ipv4.df),
	FLAG("mf", ipv4.mf),
	FLAG("rf", ipv4.rf),
	NUM("frag", ipv4.frag, 0x1fff, 0),
	NUM("proto", ipv4.proto, 0xff, RK_IPV4_SET_PROTO),
	NUM("len", ipv4.len, 0xffff, RK_IPV4_SET_LEN),
	NUM("ihl", ipv4.ihl, 0xf, RK_IPV4_SET_IHL),
	NUM("csum", ipv4.csum, 0xffff, RK_IPV4_SET_CSUM),
	NUM("version", ipv4.version, 0xf, RK_IPV4_SET_VERSION),
	HEX("opts"),
};

static const struct rkint_spec_field ipv6_f[] = {
	[RKINT_IPV6_SRC] = IP6("src", ipv6.src),
	[RKINT_IPV6_DST] = IP6("dst", ipv6.dst),
	NUM("hlim", ipv6.hlim, 0xff, 0),
	NUM("tc", ipv6.tc, 0xff, 0),
	NUM("flow", ipv6.flow, 0xfffff, 0),
	NUM("nh", ipv6.nh, 0xff, RK_IPV6_SET_NH),
	NUM("plen", ipv6.plen, 0xffff, RK_IPV6_SET_PLEN),
	NUM("version", ipv6.version, 0xf, RK_IPV6_SET_VERSION),
	NUMA("ttl", ipv6.hlim, 0xff, 0),
};

static const struct rkint_spec_field ipv6_opts_f[] = {
	NUM("nh", ipv6_opts.nh, 0xff, RK_IPV6_EXT_SET_NH),
	NUM("len", ipv6_opts.len, 2048, RK_IPV6_EXT_SET_LEN),
	HEX("opts"),
};

static const struct rkint_spec_field ipv6_route_f[] = {
	NUM("nh", ipv6_route.nh, 0xff, RK_IPV6_EXT_SET_NH),
	NUM("len", ipv6_route.len, 2048, RK_IPV6_EXT_SET_LEN),
	NUM("type", ipv6_route.rtype, 0xff, 0),
	NUM("segleft", ipv6_route.segleft, 0xff, 0),
	HEX("data"),
};

static const struct rkint_spec_field ipv6_frag_f[] = {
	NUM("nh", ipv6_frag.nh, 0xff, RK_IPV6_EXT_SET_NH),
	NUM("offset", ipv6_frag.offset, 0x1fff, 0),
	FLAG("m", ipv6_frag.m),
	NUM("id", ipv6_frag.id, 0xffffffffu, 0),
	NUM("res1", ipv6_frag.res1, 0xff, 0),
	NUM("res2", ipv6_frag.res2, 3, 0),
};

static const struct rkint_spec_field tcp_f[] = {
	[RKINT_TCP_SPORT] = NUM("sport", tcp.sport, 0xffff, 0),
	[RKINT_TCP_DPORT] = NUM("dport", tcp.dport, 0xffff, 0),
	[RKINT_TCP_FLAGS] = { "flags", RKINT_FT_TCPFLAGS, 1, RKINT_F_RANGE, OFF(tcp.flags), 0, 0xff },
	[RKINT_TCP_SEQ] = NUM("seq", tcp.seq, 0xffffffffu, 0),
	NUM("ack", tcp.ack, 0xffffffffu, 0),
	NUM("win", tcp.win, 0xffff, 0),
	NUM("urp", tcp.urp, 0xffff, 0),
	{ "opts", RKINT_FT_TCPOPTS, 0, 0, 0, 0, 0 },
	NUM("doff", tcp.doff, 0xf, RK_TCP_SET_DOFF),
	NUM("res", tcp.res, 0xf, 0),
	NUM("csum", tcp.csum, 0xffff, RK_TCP_SET_CSUM),
};

static const struct rkint_spec_field udp_f[] = {
	[RKINT_UDP_SPORT] = NUM("sport", udp.sport, 0xffff, 0),
	[RKINT_UDP_DPORT] = NUM("dport", udp.dport, 0xffff, 0),
	NUM("len", udp.len, 0xffff, RK_UDP_SET_LEN),
	NUM("csum", udp.csum, 0xffff, RK_UDP_SET_CSUM),
};

static const struct rkint_spec_field icmp_f[] = {
	NUM("type", icmp.type, 0xff, 0),
	NUM("code", icmp.code, 0xff, 0),
	NUM("id", icmp.id, 0xffff, 0),
	NUM("seq", icmp.seq, 0xffff, 0),
	NUM("csum", icmp.csum, 0xffff, RK_ICMP_SET_CSUM),
	NUM("otime", icmp.otime, 0xffffffffu, 0),
	NUM("rtime", icmp.rtime, 0xffffffffu, 0),
	NUM("ttime", icmp.ttime, 0xffffffffu, 0),
	{ "gw", RKINT_FT_SPLIT32, 4, RKINT_F_RANGE | RKINT_F_ALIAS, OFF(icmp.id), 0, 0xffffffffu },
	NUMA("mtu", icmp.seq, 0xffff, 0),
	{ "ptr", RKINT_FT_PTR8, 2, RKINT_F_RANGE | RKINT_F_ALIAS, OFF(icmp.id), 0, 0xff },
};

static const struct rkint_spec_field icmp6_f[] = {
	NUM("type", icmp6.type, 0xff, 0),
	NUM("code", icmp6.code, 0xff, 0),
	NUM("id", icmp6.id, 0xffff, 0),
	NUM("seq", icmp6.seq, 0xffff, 0),
	NUM("csum", icmp6.csum, 0xffff, RK_ICMP6_SET_CSUM),
	{ "mtu", RKINT_FT_SPLIT32, 4, RKINT_F_RANGE | RKINT_F_ALIAS, OFF(icmp6.id), 0, 0xffffffffu },
	{ "ptr", RKINT_FT_SPLIT32, 4, RKINT_F_RANGE | RKINT_F_ALIAS, OFF(icmp6.id), 0, 0xffffffffu },
};

static void init_zero(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
}

static void init_sll(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->sll.hatype = 1; /* ARPHRD_ETHER */
	h->sll.halen = 6;
}

static void init_sll2(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->sll2.hatype = 1;
	h->sll2.halen = 6;
}

static void init_loop(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->null.loop = true;
}

static void init_arp(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	rk_arp_init(&h->arp);
}

static void init_ipv4(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	rk_ipv4_init(&h->ipv4);
}

static void init_ipv6(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	rk_ipv6_init(&h->ipv6);
}

static void init_tcp(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	rk_tcp_init(&h->tcp);
	h->tcp.dport = 80;
}

static void init_udp(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->udp.dport = 53;
}

static void init_icmp(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->icmp.type = RK_ICMP_ECHO;
}

static void init_icmp6(union rk_spec_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->icmp6.type = RK_ICMP6_ECHO_REQUEST;
}

#define N(a) ((uint8_t)(sizeof(a) / sizeof((a)[0])))
#define SETOFF(m) OFF(m)

/* Canonical names first: rkint_spec_proto_of() returns the first entry of a kind. */
const struct rkint_spec_proto rkint_spec_protos[] = {
	{ "eth", RK_LAYER_ETH, N(eth_f), SETOFF(eth.set), eth_f, init_zero },
	{ "vlan", RK_LAYER_VLAN, N(vlan_f), SETOFF(vlan.set), vlan_f, init_zero },
	{ "sll", RK_LAYER_SLL, N(sll_f), SETOFF(sll.set), sll_f, init_sll },
	{ "sll2", RK_LAYER_SLL2, N(sll2_f), SETOFF(sll2.set), sll2_f, init_sll2 },
	{ "null", RK_LAYER_NULL, N(null_f), SETOFF(null.set), null_f, init_zero },
	{ "arp", RK_LAYER_ARP, N(arp_f), RKINT_NO_SET, arp_f, init_arp },
	{ "ipv4", RK_LAYER_IPV4, N(ipv4_f), SETOFF(ipv4.set), ipv4_f, init_ipv4 },
	{ "ipv6", RK_LAYER_IPV6, N(ipv6_f), SETOFF(ipv6.set), ipv6_f, init_ipv6 },
	{ "ipv6.hop", RK_LAYER_IPV6_HOP, N(ipv6_opts_f), SETOFF(ipv6_opts.set), ipv6_opts_f, init_zero },
	{ "ipv6.dst", RK_LAYER_IPV6_DST, N(ipv6_opts_f), SETOFF(ipv6_opts.set), ipv6_opts_f, init_zero },
	{ "ipv6.route", RK_LAYER_IPV6_ROUTE, N(ipv6_route_f), SETOFF(ipv6_route.set), ipv6_route_f, init_zero },
	{ "ipv6.frag", RK_LAYER_IPV6_FRAG, N(ipv6_frag_f), SETOFF(ipv6_frag.set), ipv6_frag_f, init_zero },
	{ "tcp", RK_LAYER_TCP, N(tcp_f), SETOFF(tcp.set), tcp_f, init_tcp },
	{ "udp", RK_LAYER_UDP, N(udp_f), SETOFF(udp.set), udp_f, init_udp },
	{ "icmp", RK_LAYER_ICMP, N(icmp_f), SETOFF(icmp.set), icmp_f, init_icmp },
	{ "icmpv6", RK_LAYER_ICMP6, N(icmp6_f), SETOFF(icmp6.set), icmp6_f, init_icmp6 },
	/* Other names. */
	{ "loop", RK_LAYER_NULL, N(null_f), SETOFF(null.set), null_f, init_loop },
	{ "ether", RK_LAYER_ETH, N(eth_f), SETOFF(eth.set), eth_f, init_zero },
	{ "dot1q", RK_LAYER_VLAN, N(vlan_f), SETOFF(vlan.set), vlan_f, init_zero },
	{ "ip", RK_LAYER_IPV4, N(ipv4_f), SETOFF(ipv4.set), ipv4_f, init_ipv4 },
	{ "hop", RK_LAYER_IPV6_HOP, N(ipv6_opts_f), SETOFF(ipv6_opts.set), ipv6_opts_f, init_zero },
	{ "dstopts", RK_LAYER_IPV6_DST, N(ipv6_opts_f), SETOFF(ipv6_opts.set), ipv6_opts_f, init_zero },
	{ "route", RK_LAYER_IPV6_ROUTE, N(ipv6_route_f), SETOFF(ipv6_route.set), ipv6_route_f, init_zero },
	{ "frag", RK_LAYER_IPV6_FRAG, N(ipv6_frag_f), SETOFF(ipv6_frag.set), ipv6_frag_f, init_zero },
	{ "icmp6", RK_LAYER_ICMP6, N(icmp6_f), SETOFF(icmp6.set), icmp6_f, init_icmp6 },
};

const unsigned rkint_spec_nprotos = sizeof(rkint_spec_protos) / sizeof(rkint_spec_protos[0]);

static bool name_eq(const char *name, const char *s, size_t len)
{
	return strncmp(name, s, len) == 0 && name[len] == '\0';
}

const struct rkint_spec_proto *rkint_spec_proto_find(const char *name, size_t len)
{
	for (unsigned i = 0; i < rkint_spec_nprotos; i++)
		if (name_eq(rkint_spec_protos[i].name, name, len))
			return &rkint_spec_protos[i];
	return NULL;
}

const struct rkint_spec_proto *rkint_spec_proto_of(int kind)
{
	for (unsigned i = 0; i < rkint_spec_nprotos; i++)
		if (rkint_spec_protos[i].kind == kind)
			return &rkint_spec_protos[i];
	return NULL;
}

int rkint_spec_field_find(const struct rkint_spec_proto *p, const char *name, size_t len)
{
	for (unsigned i = 0; i < p->nfields; i++)
		if (name_eq(p->field[i].name, name, len))
			return (int)i;
	return -1;
}

void rkint_spec_store(const struct rkint_spec_field *f, union rk_spec_hdr *h, uint32_t v)
{
	unsigned char *m = (unsigned char *)h + f->off;
	switch (f->type) {
	case RKINT_FT_UINT:
		if (f->width == 1) {
			uint8_t x = (uint8_t)v;
			memcpy(m, &x, 1);
		} else if (f->width == 2) {
			uint16_t x = (uint16_t)v;
			memcpy(m, &x, 2);
		} else {
			memcpy(m, &v, 4);
		}
		break;
	case RKINT_FT_BOOL: {
		bool b = v != 0;
		memcpy(m, &b, sizeof(b));
		break;
	}
	case RKINT_FT_IP4:
		memcpy(m, &v, 4);
		break;
	case RKINT_FT_TCPFLAGS: {
		uint8_t x = (uint8_t)v;
		memcpy(m, &x, 1);
		break;
	}
	case RKINT_FT_SPLIT32: {
		uint16_t hi = (uint16_t)(v >> 16), lo = (uint16_t)v;
		memcpy(m, &hi, 2);
		memcpy(m + 2, &lo, 2);
		break;
	}
	case RKINT_FT_PTR8: {
		uint16_t x = (uint16_t)(v << 8);
		memcpy(m, &x, 2);
		break;
	}
	}
}
