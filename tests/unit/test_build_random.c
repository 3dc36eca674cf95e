/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_build_random.c - the layered builder against a naive reference, on
 * random stacks: link layers (eth, VLAN/QinQ, SLL, SLL2, NULL/LOOP), IPv4
 * with options, IPv6 with extension headers (hop-by-hop, destination,
 * routing incl. segment routing, fragment), IP in IP, UDP tunnels carrying
 * Ethernet (VXLAN-like) with ARP or IP inside, TCP, UDP, ICMP (echo,
 * timestamp, errors quoting a datagram), ICMPv6, payloads of any length,
 * rk_build_zero() regions filled by the caller after the push. Field values
 * and `set` masks are random: fixed fields carry random, often wrong values;
 * the fields finish fills are given random garbage it must ignore.
 *
 * The reference serializes every header itself and fills what finish
 * should: lengths from the real extents, next-protocol fields from the next
 * layer, checksums as a byte-by-byte RFC 1071 sum over the output bytes
 * with pseudo-headers read from the output (a routing header with segments
 * left names the final destination, as build_finish.c's pseudo_sum_scan
 * does). The whole packet must then equal the reference byte for byte, so
 * every caller-fixed field keeps its value too. Some iterations call
 * rk_build_finish() midway, between pushes (what it filled then, such as an
 * IPv6 next header of 59 that the next layer cannot replace, must be summed
 * as it now is), and some call it twice at the end (the bytes must not
 * change).
 *
 * Usage: test_build_random [seed [first-iteration [count]]]; a failure
 * prints the seed and iteration, and the command line that reruns it alone.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/build.h"
#include "testlib.h"

#define DEFAULT_SEED 0x72617774u /* "rawt" */
#define DEFAULT_ITERATIONS 50000u
#ifndef MAX_FAILED_ITERATIONS
#define MAX_FAILED_ITERATIONS 10
#endif
#define BUF_MAX 4096
#define DATA_MAX 256
#define NONE (-1)

/* ---- random numbers: splitmix64 --------------------------------------- */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* ---- the model: what the test pushed ------------------------------------- */

struct mlayer {
	int kind;            /* enum rk_layer_kind */
	int zero;            /* payload pushed with rk_build_zero() */
	int late_fill;       /* its bytes are filled just before the last finish */
	int midfin_last;     /* the last layer when finish was called midway */
	size_t off, len;
	union {
		struct rk_eth_hdr eth;
		struct rk_vlan_hdr vlan;
		struct rk_sll_hdr sll;
		struct rk_sll2_hdr sll2;
		struct rk_null_hdr null;
		struct rk_arp_hdr arp;
		struct rk_ipv4_hdr ipv4;
		struct rk_ipv6_hdr ipv6;
		struct rk_ipv6_opts_hdr opts;
		struct rk_ipv6_route_hdr route;
		struct rk_ipv6_frag_hdr frag;
		struct rk_tcp_hdr tcp;
		struct rk_udp_hdr udp;
		struct rk_icmp_hdr icmp;
		struct rk_icmp6_hdr icmp6;
	} h;
	uint8_t data[DATA_MAX]; /* options, routing data, payload bytes */
	size_t data_len;
};

struct gen {
	uint64_t seed;
	unsigned iter;
	uint64_t rng;
	int failed;          /* this iteration failed (context printed) */
	int broken;          /* a push failed: the model is not the packet */
	int midfin;          /* finish midway after some pushes */
	unsigned midfins;    /* how many times it did */
	unsigned n;
	struct rk_build b;
	struct mlayer l[RK_BUILD_MAX_LAYERS];
	uint8_t buf[BUF_MAX];
};

static uint32_t rnd32(struct gen *g)
{
	return (uint32_t)(splitmix64(&g->rng) >> 32);
}

/* Uniform in [0, n). */
static unsigned rn(struct gen *g, unsigned n)
{
	return (unsigned)(((uint64_t)rnd32(g) * n) >> 32);
}

static int chance(struct gen *g, unsigned num, unsigned den)
{
	return rn(g, den) < num;
}

static void rnd_bytes(struct gen *g, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd32(g);
}

/* Each bit of mask set with probability 1/4: fixed by the caller. */
static unsigned rnd_set(struct gen *g, unsigned mask)
{
	unsigned set = 0;
	for (unsigned bit = 1; bit <= mask; bit <<= 1)
		if ((mask & bit) && chance(g, 1, 4))
			set |= bit;
	return set;
}

/* A payload length: often tiny, odd as often as even. */
static size_t rnd_len(struct gen *g, size_t max)
{
	return chance(g, 1, 4) ? rn(g, 4) : rn(g, (unsigned)max + 1);
}

/* Documentation addresses with random low bytes. */
static uint32_t rnd_ip4(struct gen *g)
{
	static const uint32_t nets[] = {0xc0000200u, 0xc6336400u, 0xcb007100u};
	return nets[rn(g, 3)] | (rnd32(g) & 0xffu);
}

static void rnd_ip6(struct gen *g, uint8_t *a)
{
	a[0] = 0x20, a[1] = 0x01, a[2] = 0x0d, a[3] = 0xb8;
	rnd_bytes(g, a + 4, 12);
}

/* 00-00-5e-00-53-xx (RFC 7042 documentation range), then random bytes. */
static void rnd_mac(struct gen *g, uint8_t *a, size_t n)
{
	static const uint8_t doc[5] = {0x00, 0x00, 0x5e, 0x00, 0x53};
	rnd_bytes(g, a, n);
	memcpy(a, doc, n < 5 ? n : 5);
}

/* ---- failures -------------------------------------------------------------- */

static const char *kind_name(int kind)
{
	static const char *const names[RK_LAYER_KIND_COUNT] = {
		[RK_LAYER_ETH] = "eth", [RK_LAYER_VLAN] = "vlan", [RK_LAYER_SLL] = "sll",
		[RK_LAYER_SLL2] = "sll2", [RK_LAYER_NULL] = "null", [RK_LAYER_ARP] = "arp",
		[RK_LAYER_IPV4] = "ipv4", [RK_LAYER_IPV6] = "ipv6", [RK_LAYER_IPV6_HOP] = "hop",
		[RK_LAYER_IPV6_DST] = "dst", [RK_LAYER_IPV6_ROUTE] = "route",
		[RK_LAYER_IPV6_FRAG] = "frag", [RK_LAYER_TCP] = "tcp", [RK_LAYER_UDP] = "udp",
		[RK_LAYER_ICMP] = "icmp", [RK_LAYER_ICMP6] = "icmp6", [RK_LAYER_PAYLOAD] = "payload",
	};
	return kind > 0 && kind < RK_LAYER_KIND_COUNT && names[kind] ? names[kind] : "?";
}

/* The first failure of an iteration prints how to rerun it and the stack. */
static void fail(struct gen *g, const char *what)
{
	test_failures++;
	if (!g->failed) {
		g->failed = 1;
		fprintf(stderr, "seed 0x%" PRIx64 " iteration %u failed (rerun: test_build_random 0x%" PRIx64
				" %u 1)\n  stack:", g->seed, g->iter, g->seed, g->iter);
		for (unsigned i = 0; i < g->n; i++) {
			const struct mlayer *m = &g->l[i];
			fprintf(stderr, " %s%s(%zu)", m->zero ? "zero-" : "", kind_name(m->kind), m->len);
		}
		if (g->midfins)
			fprintf(stderr, " [finished %u times midway]", g->midfins);
		fprintf(stderr, "\n");
	}
	fprintf(stderr, "  %s\n", what);
}

static void check(struct gen *g, int ok, const char *what)
{
	test_checks++;
	if (!ok)
		fail(g, what);
}

/* The layer holding byte k (the innermost one that starts at or before it). */
static int layer_at(const struct gen *g, size_t k)
{
	int at = -1;
	for (unsigned i = 0; i < g->n; i++)
		if (g->l[i].off <= k && k < g->l[i].off + g->l[i].len)
			at = (int)i;
	return at;
}

/* Compare the packet with the reference: each differing byte is named by
   its layer and its offset in that layer's header. */
static void check_bytes(struct gen *g, const uint8_t *got, const uint8_t *want, size_t n, const char *what)
{
	unsigned shown = 0;
	test_checks++;
	for (size_t k = 0; k < n; k++) {
		if (got[k] == want[k])
			continue;
		if (shown == 0)
			fail(g, what);
		if (shown++ < 8) {
			int i = layer_at(g, k);
			fprintf(stderr, "    byte %zu, layer %d %s byte %zu: got 0x%02x, want 0x%02x\n", k, i,
				i >= 0 ? kind_name(g->l[i].kind) : "-", i >= 0 ? k - g->l[i].off : 0,
				got[k], want[k]);
		}
	}
}

/* ---- pushes: random headers, recorded in the model ---------------------- */

static size_t left(const struct gen *g)
{
	return RK_BUILD_MAX_LAYERS - g->n;
}

static struct mlayer *open_layer(struct gen *g, int kind)
{
	struct mlayer *m = &g->l[g->n];
	memset(m, 0, sizeof *m);
	m->kind = kind;
	m->off = rk_build_len(&g->b);
	return m;
}

/* Record a push's result; finish midway when it is time. */
static void close_layer(struct gen *g, struct mlayer *m, int rc)
{
	test_checks++;
	if (rc != RK_OK) {
		char msg[80];
		snprintf(msg, sizeof msg, "push of %s returned %d", kind_name(m->kind), rc);
		fail(g, msg);
		g->broken = 1;
	}
	m->len = rk_build_len(&g->b) - m->off;
	g->n++;
	if (g->midfin && !g->broken && chance(g, 1, 3)) {
		int len = rk_build_finish(&g->b);
		g->midfins++;
		check(g, len == (int)rk_build_len(&g->b), "finish midway: wrong length");
		m->midfin_last = 1;
	}
}

static void push_eth(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_ETH);
	struct rk_eth_hdr *h = &m->h.eth;
	rnd_mac(g, h->dst, 6);
	rnd_mac(g, h->src, 6);
	h->type = (uint16_t)rnd32(g);
	h->set = rnd_set(g, RK_ETH_SET_TYPE);
	close_layer(g, m, rk_build_eth(&g->b, h));
}

static void push_vlan(struct gen *g)
{
	static const uint16_t tpids[] = {0, RK_ETHERTYPE_VLAN, RK_ETHERTYPE_QINQ, 0x9100};
	struct mlayer *m = open_layer(g, RK_LAYER_VLAN);
	struct rk_vlan_hdr *h = &m->h.vlan;
	h->pcp = (uint8_t)rnd32(g);
	h->dei = rn(g, 2);
	h->vid = (uint16_t)rnd32(g);
	h->type = (uint16_t)rnd32(g);
	h->tpid = tpids[rn(g, 4)];
	h->set = rnd_set(g, RK_VLAN_SET_TYPE);
	close_layer(g, m, rk_build_vlan(&g->b, h));
}

static void push_sll(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_SLL);
	struct rk_sll_hdr *h = &m->h.sll;
	h->pkttype = (uint16_t)rnd32(g);
	h->hatype = (uint16_t)rnd32(g);
	h->halen = (uint16_t)rnd32(g);
	rnd_mac(g, h->addr, 8);
	h->type = (uint16_t)rnd32(g);
	h->set = rnd_set(g, RK_SLL_SET_TYPE);
	close_layer(g, m, rk_build_sll(&g->b, h));
}

static void push_sll2(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_SLL2);
	struct rk_sll2_hdr *h = &m->h.sll2;
	h->type = (uint16_t)rnd32(g);
	h->reserved = (uint16_t)rnd32(g);
	h->ifindex = rnd32(g);
	h->hatype = (uint16_t)rnd32(g);
	h->pkttype = (uint8_t)rnd32(g);
	h->halen = (uint8_t)rnd32(g);
	rnd_mac(g, h->addr, 8);
	h->set = rnd_set(g, RK_SLL_SET_TYPE);
	close_layer(g, m, rk_build_sll2(&g->b, h));
}

static void push_null(struct gen *g)
{
	static const uint32_t fams[] = {2, 24, 28, 30, 10, 0};
	struct mlayer *m = open_layer(g, RK_LAYER_NULL);
	struct rk_null_hdr *h = &m->h.null;
	h->family = fams[rn(g, 6)];
	if (!h->family)
		h->family = rnd32(g);
	h->loop = rn(g, 2);
	h->set = rnd_set(g, RK_SLL_SET_TYPE);
	close_layer(g, m, rk_build_null(&g->b, h));
}

/* Random hlen and plen, odd and even, up to the maximum. */
static void push_arp(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_ARP);
	struct rk_arp_hdr *h = &m->h.arp;
	h->htype = (uint16_t)rnd32(g);
	h->ptype = (uint16_t)rnd32(g);
	h->hlen = (uint8_t)rn(g, RK_ARP_ADDR_MAX + 1);
	h->plen = (uint8_t)rn(g, RK_ARP_ADDR_MAX + 1);
	h->op = (uint16_t)rnd32(g);
	rnd_mac(g, h->sha, RK_ARP_ADDR_MAX);
	rnd_mac(g, h->tha, RK_ARP_ADDR_MAX);
	rnd_bytes(g, h->spa, RK_ARP_ADDR_MAX);
	rnd_bytes(g, h->tpa, RK_ARP_ADDR_MAX);
	memcpy(h->spa, (const uint8_t[]){192, 0, 2}, 3);
	memcpy(h->tpa, (const uint8_t[]){198, 51, 100}, 3);
	close_layer(g, m, rk_build_arp(&g->b, h));
}

static void push_ipv4(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_IPV4);
	struct rk_ipv4_hdr *h = &m->h.ipv4;
	h->version = (uint8_t)rnd32(g);
	h->ihl = (uint8_t)rnd32(g);
	h->tos = (uint8_t)rnd32(g);
	h->len = (uint16_t)rnd32(g);
	h->id = (uint16_t)rnd32(g);
	h->rf = rn(g, 2), h->df = rn(g, 2), h->mf = rn(g, 2);
	h->frag = (uint16_t)rnd32(g);
	h->ttl = (uint8_t)rnd32(g);
	h->proto = (uint8_t)rnd32(g);
	h->csum = (uint16_t)rnd32(g);
	h->src = rnd_ip4(g);
	h->dst = rnd_ip4(g);
	m->data_len = chance(g, 1, 2) ? 0 : rn(g, RK_IPV4_OPTS_MAX + 1);
	rnd_bytes(g, m->data, m->data_len);
	h->opts = m->data;
	h->opts_len = m->data_len;
	h->set = rnd_set(g, RK_IPV4_SET_IHL | RK_IPV4_SET_LEN | RK_IPV4_SET_PROTO | RK_IPV4_SET_CSUM |
				    RK_IPV4_SET_VERSION);
	close_layer(g, m, rk_build_ipv4(&g->b, h));
}

/* plen and nh are random even when finish fills them. */
static void push_ipv6(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_IPV6);
	struct rk_ipv6_hdr *h = &m->h.ipv6;
	h->version = (uint8_t)rnd32(g);
	h->tc = (uint8_t)rnd32(g);
	h->flow = rnd32(g);
	h->plen = (uint16_t)rnd32(g);
	h->nh = (uint8_t)rnd32(g);
	h->hlim = (uint8_t)rnd32(g);
	rnd_ip6(g, h->src);
	rnd_ip6(g, h->dst);
	h->set = rnd_set(g, RK_IPV6_SET_PLEN | RK_IPV6_SET_NH | RK_IPV6_SET_VERSION);
	close_layer(g, m, rk_build_ipv6(&g->b, h));
}

/* A fixed extension header length: a right one, or any. */
static uint16_t rnd_ext_len(struct gen *g)
{
	return chance(g, 1, 2) ? (uint16_t)(8 * rn(g, 8)) : (uint16_t)rnd32(g);
}

static void push_ipv6_opts(struct gen *g, int kind)
{
	struct mlayer *m = open_layer(g, kind);
	struct rk_ipv6_opts_hdr *h = &m->h.opts;
	h->nh = (uint8_t)rnd32(g);
	h->len = rnd_ext_len(g);
	m->data_len = rnd_len(g, 30);
	rnd_bytes(g, m->data, m->data_len);
	h->opts = m->data;
	h->opts_len = m->data_len;
	h->set = rnd_set(g, RK_IPV6_EXT_SET_NH | RK_IPV6_EXT_SET_LEN);
	close_layer(g, m, rk_build_ipv6_opts(&g->b, kind, h));
}

/* Types 0, 2 and 4 (segment routing) with addresses, often with segments
   left; sometimes another type, or data of any length. */
static void push_ipv6_route(struct gen *g)
{
	static const uint8_t types[] = {0, 2, 4, 4, 3};
	struct mlayer *m = open_layer(g, RK_LAYER_IPV6_ROUTE);
	struct rk_ipv6_route_hdr *h = &m->h.route;
	h->nh = (uint8_t)rnd32(g);
	h->len = rnd_ext_len(g);
	h->rtype = chance(g, 1, 8) ? (uint8_t)rnd32(g) : types[rn(g, 5)];
	h->segleft = chance(g, 1, 4) ? 0 : chance(g, 1, 8) ? (uint8_t)rnd32(g) : (uint8_t)(1 + rn(g, 3));
	size_t naddr = rn(g, 4);
	rnd_bytes(g, m->data, 4);
	for (size_t i = 0; i < naddr; i++)
		rnd_ip6(g, m->data + 4 + 16 * i);
	m->data_len = chance(g, 1, 6) ? rn(g, 4 + 16 * (unsigned)naddr + 1) : 4 + 16 * naddr;
	h->data = m->data;
	h->data_len = m->data_len;
	h->set = rnd_set(g, RK_IPV6_EXT_SET_NH | RK_IPV6_EXT_SET_LEN);
	close_layer(g, m, rk_build_ipv6_route(&g->b, h));
}

static void push_ipv6_frag(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_IPV6_FRAG);
	struct rk_ipv6_frag_hdr *h = &m->h.frag;
	h->nh = (uint8_t)rnd32(g);
	h->res1 = (uint8_t)rnd32(g);
	h->offset = (uint16_t)rnd32(g);
	h->res2 = (uint8_t)rnd32(g);
	h->m = rn(g, 2);
	h->id = rnd32(g);
	h->set = rnd_set(g, RK_IPV6_EXT_SET_NH);
	close_layer(g, m, rk_build_ipv6_frag(&g->b, h));
}

static void push_tcp(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_TCP);
	struct rk_tcp_hdr *h = &m->h.tcp;
	h->sport = (uint16_t)rnd32(g);
	h->dport = (uint16_t)rnd32(g);
	h->seq = rnd32(g);
	h->ack = rnd32(g);
	h->doff = (uint8_t)rnd32(g);
	h->res = (uint8_t)rnd32(g);
	h->flags = (uint8_t)rnd32(g);
	h->win = (uint16_t)rnd32(g);
	h->csum = (uint16_t)rnd32(g);
	h->urp = (uint16_t)rnd32(g);
	m->data_len = chance(g, 1, 2) ? 0 : rn(g, RK_TCP_OPTS_MAX + 1);
	rnd_bytes(g, m->data, m->data_len);
	h->opts = m->data;
	h->opts_len = m->data_len;
	h->set = rnd_set(g, RK_TCP_SET_DOFF | RK_TCP_SET_CSUM);
	close_layer(g, m, rk_build_tcp(&g->b, h));
}

/* A fixed length is often short (the checksum then covers len bytes, fewer
   than follow), sometimes below the header's 8, sometimes long. */
static void push_udp(struct gen *g)
{
	struct mlayer *m = open_layer(g, RK_LAYER_UDP);
	struct rk_udp_hdr *h = &m->h.udp;
	h->sport = (uint16_t)rnd32(g);
	h->dport = (uint16_t)rnd32(g);
	h->len = chance(g, 3, 4) ? (uint16_t)rn(g, 80) : (uint16_t)rnd32(g);
	h->csum = (uint16_t)rnd32(g);
	h->set = rnd_set(g, RK_UDP_SET_LEN | RK_UDP_SET_CSUM);
	close_layer(g, m, rk_build_udp(&g->b, h));
}

static void push_icmp(struct gen *g, uint8_t type)
{
	struct mlayer *m = open_layer(g, RK_LAYER_ICMP);
	struct rk_icmp_hdr *h = &m->h.icmp;
	h->type = type;
	h->code = chance(g, 1, 2) ? 0 : (uint8_t)rnd32(g);
	h->csum = (uint16_t)rnd32(g);
	h->id = (uint16_t)rnd32(g);
	h->seq = (uint16_t)rnd32(g);
	h->otime = rnd32(g);
	h->rtime = rnd32(g);
	h->ttime = rnd32(g);
	h->set = rnd_set(g, RK_ICMP_SET_CSUM);
	close_layer(g, m, rk_build_icmp(&g->b, h));
}

static void push_icmp6(struct gen *g, uint8_t type)
{
	struct mlayer *m = open_layer(g, RK_LAYER_ICMP6);
	struct rk_icmp6_hdr *h = &m->h.icmp6;
	h->type = type;
	h->code = chance(g, 1, 2) ? 0 : (uint8_t)rnd32(g);
	h->csum = (uint16_t)rnd32(g);
	h->id = (uint16_t)rnd32(g);
	h->seq = (uint16_t)rnd32(g);
	h->set = rnd_set(g, RK_ICMP6_SET_CSUM);
	close_layer(g, m, rk_build_icmp6(&g->b, h));
}

static void push_payload(struct gen *g, size_t len)
{
	struct mlayer *m = open_layer(g, RK_LAYER_PAYLOAD);
	m->data_len = len;
	rnd_bytes(g, m->data, len);
	close_layer(g, m, rk_build_payload(&g->b, m->data, len));
}

/* Zero bytes, then left zero, filled at once, or filled just before the
   last finish (after a midway one, maybe). */
static void push_zero(struct gen *g, size_t len)
{
	struct mlayer *m = open_layer(g, RK_LAYER_PAYLOAD);
	m->zero = 1;
	m->data_len = len;
	int rc = rk_build_zero(&g->b, len);
	unsigned how = rn(g, 3);
	if (how > 0 && rc == RK_OK) {
		rnd_bytes(g, m->data, len);
		if (how == 1)
			memcpy(g->buf + m->off, m->data, len);
		else
			m->late_fill = 1;
	}
	close_layer(g, m, rc);
}

/* ---- stacks ------------------------------------------------------------------- */

static void gen_ip(struct gen *g, int depth, int v6);
static void gen_quote(struct gen *g, int depth, int v6);

/* Up to three chunks of payload or zero bytes. */
static void gen_tail(struct gen *g)
{
	size_t k = rn(g, 4);
	for (size_t i = 0; i < k && left(g) > 0; i++) {
		size_t len = rnd_len(g, 64);
		if (chance(g, 2, 3))
			push_payload(g, len);
		else
			push_zero(g, len);
	}
}

/* None, eth with up to two tags, SLL, SLL2, NULL or LOOP. */
static void gen_link(struct gen *g)
{
	switch (rn(g, 6)) {
	case 0:
		break;
	case 1:
	case 2:
		push_eth(g);
		for (unsigned k = rn(g, 3); k > 0; k--)
			push_vlan(g);
		break;
	case 3:
		push_sll(g);
		break;
	case 4:
		push_sll2(g);
		break;
	case 5:
		push_null(g);
		break;
	}
}

/* Up to four extension headers, hop-by-hop usually first; room is kept for
   what follows. */
static void gen_ext_headers(struct gen *g)
{
	size_t k = rn(g, 5);
	for (size_t i = 0; i < k && left(g) > 4; i++) {
		switch (i == 0 && chance(g, 1, 2) ? 0 : rn(g, 4)) {
		case 0:
			push_ipv6_opts(g, RK_LAYER_IPV6_HOP);
			break;
		case 1:
			push_ipv6_opts(g, RK_LAYER_IPV6_DST);
			break;
		case 2:
			push_ipv6_route(g);
			break;
		case 3:
			push_ipv6_frag(g);
			break;
		}
	}
}

/* A UDP tunnel: an encapsulation header (VXLAN's 8 bytes, or any length,
   odd too), then Ethernet carrying ARP or IP, or IP directly. */
static void gen_tunnel(struct gen *g, int depth)
{
	push_payload(g, chance(g, 1, 2) ? 8 : rn(g, 14));
	if (left(g) < 2 || chance(g, 1, 3)) {
		gen_ip(g, depth + 1, rn(g, 2));
		return;
	}
	push_eth(g);
	if (left(g) >= 2 && chance(g, 1, 3))
		push_vlan(g);
	if (chance(g, 1, 2)) {
		push_arp(g);
		gen_tail(g);
	} else {
		gen_ip(g, depth + 1, rn(g, 2));
	}
}

/* ICMP: echo, timestamp, another type, or an error quoting a datagram,
   pushed as layers (IPv4 mostly) or as raw bytes. */
static void gen_icmp(struct gen *g, int depth)
{
	static const uint8_t errors[] = {3, 4, 5, 11, 12};
	static const uint8_t others[] = {0, 8, 13, 14};
	if (chance(g, 2, 5)) {
		push_icmp(g, errors[rn(g, 5)]);
		if (depth < 2 && left(g) >= 3 && chance(g, 3, 4)) {
			gen_quote(g, depth, chance(g, 1, 6));
			return;
		}
	} else {
		push_icmp(g, chance(g, 1, 8) ? (uint8_t)rnd32(g) : others[rn(g, 4)]);
	}
	gen_tail(g);
}

/* ICMPv6: echo, another type, or an error quoting an IPv6 packet. */
static void gen_icmp6(struct gen *g, int depth)
{
	if (chance(g, 2, 5)) {
		push_icmp6(g, (uint8_t)(1 + rn(g, 4)));
		if (depth < 2 && left(g) >= 3 && chance(g, 3, 4)) {
			gen_quote(g, depth, 1);
			return;
		}
	} else {
		push_icmp6(g, chance(g, 1, 8) ? (uint8_t)rnd32(g) : (uint8_t)(128 + rn(g, 2)));
	}
	gen_tail(g);
}

/* What follows an IP header: a transport, a tunnel, IP in IP, raw bytes
   (a quote's 8 bytes, an unknown protocol) or nothing. */
static void gen_after_ip(struct gen *g, int depth, int v6)
{
	int deep = depth < 2 && left(g) >= 4;
	if (left(g) == 0)
		return;
	switch (rn(g, 10)) {
	case 0:
	case 1:
		push_tcp(g);
		gen_tail(g);
		break;
	case 2:
	case 3:
		push_udp(g);
		gen_tail(g);
		break;
	case 4:
		push_udp(g);
		if (deep)
			gen_tunnel(g, depth);
		else
			gen_tail(g);
		break;
	case 5:
	case 6:
		if (v6)
			gen_icmp6(g, depth);
		else
			gen_icmp(g, depth);
		break;
	case 7:
		if (deep)
			gen_ip(g, depth + 1, rn(g, 2));
		else
			gen_tail(g);
		break;
	case 8:
		gen_tail(g);
		break;
	case 9:
		break;
	}
}

static void gen_ip(struct gen *g, int depth, int v6)
{
	if (left(g) == 0)
		return;
	if (v6) {
		push_ipv6(g);
		gen_ext_headers(g);
	} else {
		push_ipv4(g);
	}
	gen_after_ip(g, depth, v6);
}

/* The datagram an ICMP or ICMPv6 error quotes: often its IP header (and
   extension headers) and the first 8 bytes that followed, as raw bytes
   (RFC 792); else a whole one. */
static void gen_quote(struct gen *g, int depth, int v6)
{
	if (chance(g, 1, 2)) {
		gen_ip(g, depth + 1, v6);
		return;
	}
	if (v6) {
		push_ipv6(g);
		gen_ext_headers(g);
	} else {
		push_ipv4(g);
	}
	if (left(g) > 0)
		push_payload(g, chance(g, 3, 4) ? 8 : rnd_len(g, 64));
}

static void gen_packet(struct gen *g)
{
	gen_link(g);
	unsigned r = rn(g, 100);
	if (r < 8) {
		push_arp(g);
		gen_tail(g);
	} else if (r < 11) { /* a transport with no IP: no pseudo-header */
		if (chance(g, 1, 2))
			push_udp(g);
		else
			push_tcp(g);
		gen_tail(g);
	} else {
		gen_ip(g, 0, rn(g, 2));
	}
}

/* ---- the reference -------------------------------------------------------- */

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/* RFC 1071, byte by byte: big-endian 16-bit words from p, an odd last byte
   as the high byte of a word. */
static uint32_t naive_sum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	return s;
}

/* The same with the checksum field at `at` (when covered) counted as zero. */
static uint32_t naive_sum_but(const uint8_t *p, size_t n, size_t at)
{
	uint8_t tmp[BUF_MAX];
	memcpy(tmp, p, n);
	for (size_t i = at; i < at + 2 && i < n; i++)
		tmp[i] = 0;
	return naive_sum(tmp, n);
}

static uint16_t naive_csum(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static uint32_t pseudo4(const uint8_t *src, const uint8_t *dst, unsigned proto, uint32_t len)
{
	uint8_t ph[12] = {0};
	memcpy(ph, src, 4);
	memcpy(ph + 4, dst, 4);
	ph[9] = (uint8_t)proto;
	put16(ph + 10, len);
	return naive_sum(ph, sizeof ph);
}

static uint32_t pseudo6(const uint8_t *src, const uint8_t *dst, unsigned proto, uint32_t len)
{
	uint8_t ph[40] = {0};
	memcpy(ph, src, 16);
	memcpy(ph + 16, dst, 16);
	put32(ph + 32, len);
	ph[39] = (uint8_t)proto;
	return naive_sum(ph, sizeof ph);
}

/* A routing header that makes a pseudo-header name the final destination
   (RFC 8200 8.1): segments left, type 0 or 2 (the last address, the
   header's last 16 bytes) or 4 (RFC 8754: Segment List[0], at 8). */
static const uint8_t *final_dst(const struct mlayer *m, const uint8_t *out)
{
	const struct rk_ipv6_route_hdr *h = &m->h.route;
	if (h->segleft == 0 || m->len < 24 || (h->rtype != 0 && h->rtype != 2 && h->rtype != 4))
		return NULL;
	return h->rtype == 4 ? out + m->off + 8 : out + m->off + m->len - 16;
}

/* The pseudo-header sum for the transport at layer t, from the output:
   the nearest enclosing IP layer's addresses, or the final destination
   named by the nearest routing header on the way; 0 without IP. */
static uint32_t pseudo_sum(const struct gen *g, unsigned t, const uint8_t *out, unsigned proto, uint32_t len)
{
	const uint8_t *fd = NULL;
	for (unsigned i = t; i-- > 0;) {
		const struct mlayer *m = &g->l[i];
		const uint8_t *p = out + m->off;
		if (m->kind == RK_LAYER_IPV6_ROUTE && !fd)
			fd = final_dst(m, out);
		if (m->kind == RK_LAYER_IPV4)
			return pseudo4(p + 12, p + 16, proto, len);
		if (m->kind == RK_LAYER_IPV6)
			return pseudo6(p + 8, fd ? fd : p + 24, proto, len);
	}
	return 0;
}

/* The numbers that announce a layer (RFCs and IANA), or NONE. */
static int ethertype_for(const struct mlayer *next)
{
	switch (next ? next->kind : 0) {
	case RK_LAYER_IPV4: return 0x0800;
	case RK_LAYER_IPV6: return 0x86dd;
	case RK_LAYER_ARP: return 0x0806;
	case RK_LAYER_VLAN: return next->h.vlan.tpid ? next->h.vlan.tpid : 0x8100;
	}
	return NONE;
}

static int family_for(const struct mlayer *next)
{
	switch (next ? next->kind : 0) {
	case RK_LAYER_IPV4: return 2;
	case RK_LAYER_IPV6: return 24;
	}
	return NONE;
}

static int ipproto_for(const struct mlayer *next)
{
	switch (next ? next->kind : 0) {
	case RK_LAYER_IPV6_HOP: return 0;
	case RK_LAYER_ICMP: return 1;
	case RK_LAYER_IPV4: return 4;
	case RK_LAYER_TCP: return 6;
	case RK_LAYER_UDP: return 17;
	case RK_LAYER_IPV6: return 41;
	case RK_LAYER_IPV6_ROUTE: return 43;
	case RK_LAYER_IPV6_FRAG: return 44;
	case RK_LAYER_ICMP6: return 58;
	case RK_LAYER_IPV6_DST: return 60;
	}
	return NONE;
}

/* Hdr Ext Len: 8-octet units after the first 8, of the length given when
   fixed, else of the bytes written. */
static uint8_t ext_len_field(const struct mlayer *m, uint16_t given, unsigned set)
{
	size_t bytes = (set & RK_IPV6_EXT_SET_LEN) ? given : m->len;
	return (uint8_t)(bytes >= 8 ? bytes / 8 - 1 : 0);
}

static void ser_ipv4(const struct mlayer *m, uint8_t *p)
{
	const struct rk_ipv4_hdr *h = &m->h.ipv4;
	unsigned version = (h->set & RK_IPV4_SET_VERSION) ? h->version : 4;
	unsigned ihl = (h->set & RK_IPV4_SET_IHL) ? h->ihl : (unsigned)(m->len / 4);
	p[0] = (uint8_t)((version & 0xf) << 4 | (ihl & 0xf));
	p[1] = h->tos;
	put16(p + 2, h->len);
	put16(p + 4, h->id);
	put16(p + 6, (h->rf ? 0x8000u : 0) | (h->df ? 0x4000u : 0) | (h->mf ? 0x2000u : 0) | (h->frag & 0x1fffu));
	p[8] = h->ttl;
	p[9] = h->proto;
	put16(p + 10, h->csum);
	put32(p + 12, h->src);
	put32(p + 16, h->dst);
	memcpy(p + 20, m->data, m->data_len); /* zero padding: p was cleared */
}

static void ser_ipv6(const struct mlayer *m, uint8_t *p)
{
	const struct rk_ipv6_hdr *h = &m->h.ipv6;
	unsigned version = (h->set & RK_IPV6_SET_VERSION) ? h->version : 6;
	put32(p, (version & 0xfu) << 28 | (uint32_t)h->tc << 20 | (h->flow & 0xfffffu));
	put16(p + 4, h->plen);
	p[6] = h->nh;
	p[7] = h->hlim;
	memcpy(p + 8, h->src, 16);
	memcpy(p + 24, h->dst, 16);
}

/* Options padded with Pad1 or PadN (RFC 8200 4.2). */
static void ser_ipv6_opts(const struct mlayer *m, uint8_t *p)
{
	const struct rk_ipv6_opts_hdr *h = &m->h.opts;
	size_t pad = m->len - 2 - m->data_len;
	p[0] = h->nh;
	p[1] = ext_len_field(m, h->len, h->set);
	memcpy(p + 2, m->data, m->data_len);
	if (pad >= 2) {
		p[2 + m->data_len] = 1;
		p[3 + m->data_len] = (uint8_t)(pad - 2);
	}
}

static void ser_ipv6_route(const struct mlayer *m, uint8_t *p)
{
	const struct rk_ipv6_route_hdr *h = &m->h.route;
	p[0] = h->nh;
	p[1] = ext_len_field(m, h->len, h->set);
	p[2] = h->rtype;
	p[3] = h->segleft;
	memcpy(p + 4, m->data, m->data_len);
}

static void ser_ipv6_frag(const struct mlayer *m, uint8_t *p)
{
	const struct rk_ipv6_frag_hdr *h = &m->h.frag;
	p[0] = h->nh;
	p[1] = h->res1;
	put16(p + 2, (uint32_t)(h->offset & 0x1fffu) << 3 | (h->res2 & 3u) << 1 | (h->m ? 1u : 0u));
	put32(p + 4, h->id);
}

static void ser_tcp(const struct mlayer *m, uint8_t *p)
{
	const struct rk_tcp_hdr *h = &m->h.tcp;
	unsigned doff = (h->set & RK_TCP_SET_DOFF) ? h->doff : (unsigned)(m->len / 4);
	put16(p, h->sport);
	put16(p + 2, h->dport);
	put32(p + 4, h->seq);
	put32(p + 8, h->ack);
	p[12] = (uint8_t)((doff & 0xf) << 4 | (h->res & 0xf));
	p[13] = h->flags;
	put16(p + 14, h->win);
	put16(p + 16, h->csum);
	put16(p + 18, h->urp);
	memcpy(p + 20, m->data, m->data_len);
}

static void ser_arp(const struct mlayer *m, uint8_t *p)
{
	const struct rk_arp_hdr *h = &m->h.arp;
	size_t hl = h->hlen, pl = h->plen;
	put16(p, h->htype);
	put16(p + 2, h->ptype);
	p[4] = h->hlen;
	p[5] = h->plen;
	put16(p + 6, h->op);
	memcpy(p + 8, h->sha, hl);
	memcpy(p + 8 + hl, h->spa, pl);
	memcpy(p + 8 + hl + pl, h->tha, hl);
	memcpy(p + 8 + 2 * hl + pl, h->tpa, pl);
}

static void ser_null(const struct mlayer *m, uint8_t *p, uint32_t family)
{
	if (m->h.null.loop) {
		put32(p, family);
	} else { /* little-endian */
		p[0] = (uint8_t)family;
		p[1] = (uint8_t)(family >> 8);
		p[2] = (uint8_t)(family >> 16);
		p[3] = (uint8_t)(family >> 24);
	}
}

/* A header (or payload) as pushed, at p (cleared: padding stays zero). */
static void ser_layer(const struct mlayer *m, uint8_t *p)
{
	switch (m->kind) {
	case RK_LAYER_ETH:
		memcpy(p, m->h.eth.dst, 6);
		memcpy(p + 6, m->h.eth.src, 6);
		put16(p + 12, m->h.eth.type);
		break;
	case RK_LAYER_VLAN:
		put16(p, (m->h.vlan.pcp & 7u) << 13 | (m->h.vlan.dei ? 1u << 12 : 0) | (m->h.vlan.vid & 0xfffu));
		put16(p + 2, m->h.vlan.type);
		break;
	case RK_LAYER_SLL:
		put16(p, m->h.sll.pkttype);
		put16(p + 2, m->h.sll.hatype);
		put16(p + 4, m->h.sll.halen);
		memcpy(p + 6, m->h.sll.addr, 8);
		put16(p + 14, m->h.sll.type);
		break;
	case RK_LAYER_SLL2:
		put16(p, m->h.sll2.type);
		put16(p + 2, m->h.sll2.reserved);
		put32(p + 4, m->h.sll2.ifindex);
		put16(p + 8, m->h.sll2.hatype);
		p[10] = m->h.sll2.pkttype;
		p[11] = m->h.sll2.halen;
		memcpy(p + 12, m->h.sll2.addr, 8);
		break;
	case RK_LAYER_NULL:
		ser_null(m, p, m->h.null.family);
		break;
	case RK_LAYER_ARP:
		ser_arp(m, p);
		break;
	case RK_LAYER_IPV4:
		ser_ipv4(m, p);
		break;
	case RK_LAYER_IPV6:
		ser_ipv6(m, p);
		break;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
		ser_ipv6_opts(m, p);
		break;
	case RK_LAYER_IPV6_ROUTE:
		ser_ipv6_route(m, p);
		break;
	case RK_LAYER_IPV6_FRAG:
		ser_ipv6_frag(m, p);
		break;
	case RK_LAYER_TCP:
		ser_tcp(m, p);
		break;
	case RK_LAYER_UDP:
		put16(p, m->h.udp.sport);
		put16(p + 2, m->h.udp.dport);
		put16(p + 4, m->h.udp.len);
		put16(p + 6, m->h.udp.csum);
		break;
	case RK_LAYER_ICMP:
		p[0] = m->h.icmp.type;
		p[1] = m->h.icmp.code;
		put16(p + 2, m->h.icmp.csum);
		put16(p + 4, m->h.icmp.id);
		put16(p + 6, m->h.icmp.seq);
		if (m->len == 20) { /* timestamp */
			put32(p + 8, m->h.icmp.otime);
			put32(p + 12, m->h.icmp.rtime);
			put32(p + 16, m->h.icmp.ttime);
		}
		break;
	case RK_LAYER_ICMP6:
		p[0] = m->h.icmp6.type;
		p[1] = m->h.icmp6.code;
		put16(p + 2, m->h.icmp6.csum);
		put16(p + 4, m->h.icmp6.id);
		put16(p + 6, m->h.icmp6.seq);
		break;
	case RK_LAYER_PAYLOAD:
		memcpy(p, m->data, m->data_len);
		break;
	}
}

/* The header length the reference expects for a layer as pushed. */
static size_t ref_len(const struct mlayer *m)
{
	switch (m->kind) {
	case RK_LAYER_ETH: return 14;
	case RK_LAYER_VLAN: return 4;
	case RK_LAYER_SLL: return 16;
	case RK_LAYER_SLL2: return 20;
	case RK_LAYER_NULL: return 4;
	case RK_LAYER_ARP: return 8 + 2u * m->h.arp.hlen + 2u * m->h.arp.plen;
	case RK_LAYER_IPV4:
	case RK_LAYER_TCP: return 20 + ((m->data_len + 3) & ~(size_t)3);
	case RK_LAYER_IPV6: return 40;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST: return (2 + m->data_len + 7) & ~(size_t)7;
	case RK_LAYER_IPV6_ROUTE: return (4 + m->data_len + 7) & ~(size_t)7;
	case RK_LAYER_IPV6_FRAG: return 8;
	case RK_LAYER_UDP: return 8;
	case RK_LAYER_ICMP: return m->h.icmp.type == 13 || m->h.icmp.type == 14 ? 20 : 8;
	case RK_LAYER_ICMP6: return 8;
	}
	return m->data_len;
}

/* The next-protocol field of an IPv6 header or extension header: the next
   layer's number, 59 (no next header) after the last, else as given (or
   59 when a midway finish saw the layer last). */
static uint8_t ref_ipv6_nh(const struct mlayer *m, const struct mlayer *next, uint8_t given)
{
	int nh = ipproto_for(next);
	if (!next)
		return 59;
	if (nh != NONE)
		return (uint8_t)nh;
	return m->midfin_last ? 59 : given;
}

/* A link layer's set mask: its type is fixed when bit 0x1 is set
   (RK_ETH_, RK_VLAN_, RK_SLL_SET_TYPE). */
static unsigned link_set(const struct mlayer *m)
{
	switch (m->kind) {
	case RK_LAYER_ETH: return m->h.eth.set;
	case RK_LAYER_VLAN: return m->h.vlan.set;
	case RK_LAYER_SLL: return m->h.sll.set;
	case RK_LAYER_SLL2: return m->h.sll2.set;
	}
	return 0;
}

/* Fill in exp what finish should fill in layer i; inner layers are done.
   Checksums are summed over the output bytes (out), not over exp. */
static void ref_fill(const struct gen *g, unsigned i, uint8_t *exp, const uint8_t *out, size_t total)
{
	const struct mlayer *m = &g->l[i];
	const struct mlayer *next = i + 1 < g->n ? &g->l[i + 1] : NULL;
	uint8_t *e = exp + m->off;
	const uint8_t *o = out + m->off;
	uint32_t span = (uint32_t)(total - m->off);
	static const size_t type_at[RK_LAYER_KIND_COUNT] = {
		[RK_LAYER_ETH] = 12, [RK_LAYER_VLAN] = 2, [RK_LAYER_SLL] = 14, [RK_LAYER_SLL2] = 0};

	switch (m->kind) {
	case RK_LAYER_ETH:
	case RK_LAYER_VLAN:
	case RK_LAYER_SLL:
	case RK_LAYER_SLL2:
		if (!(link_set(m) & 0x1u) && ethertype_for(next) != NONE)
			put16(e + type_at[m->kind], (uint32_t)ethertype_for(next));
		break;
	case RK_LAYER_NULL:
		if (!(m->h.null.set & RK_SLL_SET_TYPE) && family_for(next) != NONE)
			ser_null(m, e, (uint32_t)family_for(next));
		break;
	case RK_LAYER_IPV4: {
		unsigned set = m->h.ipv4.set;
		if (!(set & RK_IPV4_SET_PROTO) && ipproto_for(next) != NONE)
			e[9] = (uint8_t)ipproto_for(next);
		if (!(set & RK_IPV4_SET_LEN))
			put16(e + 2, span);
		if (!(set & RK_IPV4_SET_CSUM))
			put16(e + 10, naive_csum(naive_sum_but(o, m->len, 10)));
		break;
	}
	case RK_LAYER_IPV6:
		if (!(m->h.ipv6.set & RK_IPV6_SET_NH))
			e[6] = ref_ipv6_nh(m, next, m->h.ipv6.nh);
		if (!(m->h.ipv6.set & RK_IPV6_SET_PLEN))
			put16(e + 4, span - 40);
		break;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
		if (!(m->h.opts.set & RK_IPV6_EXT_SET_NH))
			e[0] = ref_ipv6_nh(m, next, m->h.opts.nh);
		break;
	case RK_LAYER_IPV6_ROUTE:
		if (!(m->h.route.set & RK_IPV6_EXT_SET_NH))
			e[0] = ref_ipv6_nh(m, next, m->h.route.nh);
		break;
	case RK_LAYER_IPV6_FRAG:
		if (!(m->h.frag.set & RK_IPV6_EXT_SET_NH))
			e[0] = ref_ipv6_nh(m, next, m->h.frag.nh);
		break;
	case RK_LAYER_TCP:
		if (!(m->h.tcp.set & RK_TCP_SET_CSUM))
			put16(e + 16, naive_csum(pseudo_sum(g, i, out, 6, span) + naive_sum_but(o, span, 16)));
		break;
	case RK_LAYER_UDP: {
		/* RFC 768: the checksum covers udp.len bytes (all that follow
		   when it is longer), and a computed 0 is sent as all ones */
		unsigned set = m->h.udp.set;
		uint32_t ulen = (set & RK_UDP_SET_LEN) ? m->h.udp.len : span;
		if (!(set & RK_UDP_SET_LEN))
			put16(e + 4, span);
		if (!(set & RK_UDP_SET_CSUM)) {
			uint32_t cover = ulen < span ? ulen : span;
			uint16_t c = naive_csum(pseudo_sum(g, i, out, 17, ulen) + naive_sum_but(o, cover, 6));
			put16(e + 6, c ? c : 0xffff);
		}
		break;
	}
	case RK_LAYER_ICMP: /* no pseudo-header */
		if (!(m->h.icmp.set & RK_ICMP_SET_CSUM))
			put16(e + 2, naive_csum(naive_sum_but(o, span, 2)));
		break;
	case RK_LAYER_ICMP6:
		if (!(m->h.icmp6.set & RK_ICMP6_SET_CSUM))
			put16(e + 2, naive_csum(pseudo_sum(g, i, out, 58, span) + naive_sum_but(o, span, 2)));
		break;
	}
}

/* The packet finish should have produced, given the output it did produce
   (for the checksums' coverage). */
static size_t ref_packet(const struct gen *g, uint8_t *exp, const uint8_t *out)
{
	size_t total = 0;
	for (unsigned i = 0; i < g->n; i++)
		total += g->l[i].len;
	memset(exp, 0, total);
	for (unsigned i = 0; i < g->n; i++)
		ser_layer(&g->l[i], exp + g->l[i].off);
	for (unsigned i = g->n; i-- > 0;)
		ref_fill(g, i, exp, out, total);
	return total;
}

/* ---- one iteration --------------------------------------------------------- */

static int verbose; /* a single iteration was asked for: dump the packets */

static void dump(const char *name, const uint8_t *p, size_t n)
{
	fprintf(stderr, "  %s:", name);
	for (size_t k = 0; k < n; k++)
		fprintf(stderr, "%s%02x", k % 16 ? " " : "\n    ", p[k]);
	fprintf(stderr, "\n");
}

/* Each header where the reference puts it, as long as it expects. */
static void check_layout(struct gen *g)
{
	size_t off = 0;
	for (unsigned i = 0; i < g->n; i++) {
		const struct mlayer *m = &g->l[i];
		test_checks++;
		if (m->off != off || m->len != ref_len(m)) {
			char msg[100];
			snprintf(msg, sizeof msg, "layer %u (%s): offset %zu length %zu, want %zu %zu", i,
				 kind_name(m->kind), m->off, m->len, off, ref_len(m));
			fail(g, msg);
		}
		off += m->len;
	}
}

static void run_one(uint64_t seed, unsigned iter)
{
	static struct gen gs;
	static uint8_t exp[BUF_MAX], again[BUF_MAX];
	struct gen *g = &gs;
	g->seed = seed;
	g->iter = iter;
	g->rng = seed ^ ((uint64_t)iter * 0xd1b54a32d192ed03ull);
	(void)splitmix64(&g->rng);
	g->failed = g->broken = 0;
	g->n = 0;
	g->midfin = chance(g, 1, 2);
	g->midfins = 0;
	memset(g->buf, 0xa5, sizeof g->buf);
	rk_build_init(&g->b, g->buf, sizeof g->buf);

	gen_packet(g);
	if (g->broken)
		return;
	for (unsigned i = 0; i < g->n; i++)
		if (g->l[i].late_fill)
			memcpy(g->buf + g->l[i].off, g->l[i].data, g->l[i].data_len);
	int twice = chance(g, 1, 4);

	int len = rk_build_finish(&g->b);
	check_layout(g);
	if (g->failed)
		return;
	size_t total = ref_packet(g, exp, g->buf);
	check(g, len == (int)total, "finish returned the wrong length");
	if (len != (int)total)
		return;
	check_bytes(g, g->buf, exp, total, "the packet differs from the reference:");
	if (g->failed && verbose) {
		dump("got", g->buf, total);
		dump("want", exp, total);
	}
	if (twice) {
		memcpy(again, g->buf, total);
		check(g, rk_build_finish(&g->b) == len, "finish again returned another length");
		check_bytes(g, g->buf, again, total, "finish again changed the packet:");
	}
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : DEFAULT_SEED;
	unsigned first = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 0;
	unsigned count = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : DEFAULT_ITERATIONS;
	unsigned failed = 0;
	verbose = count == 1;
	fprintf(stderr, "test_build_random: seed 0x%" PRIx64 ", iterations %u..%u\n", seed, first,
		first + count - 1);
	for (unsigned it = first; it - first < count; it++) {
		int before = test_failures;
		run_one(seed, it);
		if (test_failures != before && ++failed >= MAX_FAILED_ITERATIONS) {
			fprintf(stderr, "stopping after %u failed iterations\n", failed);
			break;
		}
	}
	return TEST_END();
}
