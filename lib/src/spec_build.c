/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_build.c - rk_spec_count(), rk_spec_build(), rk_spec_linktype():
 * packet number i of a parsed spec, through the layered builder. Ranges
 * are an odometer over the index; the environment's defaults (addresses,
 * random ids, ports, sequence numbers) are filled per packet here, never
 * at parse time, so a caller may change spec->env after parsing.
 */
#include <string.h>
#include "rawkit/build.h"
#include "spec_int.h"

RK_API uint64_t rk_spec_count(const struct rk_spec *spec)
{
	return spec->count ? spec->count : 1;
}

RK_API int rk_spec_linktype(const struct rk_spec *spec)
{
	if (spec->n == 0)
		return RK_DLT_RAW;
	switch (spec->layer[0].kind) {
	case RK_LAYER_ETH:
		return RK_DLT_EN10MB;
	case RK_LAYER_SLL:
		return RK_DLT_LINUX_SLL;
	case RK_LAYER_SLL2:
		return RK_DLT_LINUX_SLL2;
	case RK_LAYER_NULL:
		return spec->layer[0].h.null.loop ? RK_DLT_LOOP : RK_DLT_NULL;
	}
	return RK_DLT_RAW;
}

/* splitmix64 (Steele, Lea, Flood 2014): a well-mixed 64-bit value per
   (seed, index, slot), so defaults do not depend on build order. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15u;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

static uint32_t rnd(const struct rk_spec *s, uint64_t index, unsigned slot)
{
	return (uint32_t)(mix(mix(s->env.seed ^ mix(index)) + slot) >> 16);
}

static int given(const struct rk_spec_layer *l, unsigned field)
{
	return (l->given >> field) & 1u;
}

/* A random port above the well-known and registered-by-default range. */
static uint16_t rnd_port(uint32_t r)
{
	return (uint16_t)(1024u + r % (65536u - 1024u));
}

static void env_defaults(const struct rk_spec *s, uint64_t index, unsigned li, const struct rk_spec_layer *l,
			 union rk_spec_hdr *h)
{
	const struct rk_spec_env *env = &s->env;
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero6[6];
	switch (l->kind) {
	case RK_LAYER_ETH:
		if (!given(l, RKINT_ETH_DST))
			memcpy(h->eth.dst, memcmp(env->eth_dst, zero6, 6) ? env->eth_dst : bcast, 6);
		if (!given(l, RKINT_ETH_SRC))
			memcpy(h->eth.src, env->eth_src, 6);
		break;
	case RK_LAYER_ARP:
		if (!given(l, RKINT_ARP_SHA))
			memcpy(h->arp.sha, env->eth_src, 6);
		if (!given(l, RKINT_ARP_SPA)) {
			uint32_t src = env->src4;
			if (env->src4_fn && env->src4_fn(env->ctx, rk_get_be32(h->arp.tpa), &src) != 0)
				src = env->src4;
			rk_put_be32(h->arp.spa, src);
		}
		break;
	case RK_LAYER_IPV4:
		if (!given(l, RKINT_IPV4_SRC)) {
			h->ipv4.src = env->src4;
			if (env->src4_fn && env->src4_fn(env->ctx, h->ipv4.dst, &h->ipv4.src) != 0)
				h->ipv4.src = env->src4;
		}
		if (!given(l, RKINT_IPV4_ID))
			h->ipv4.id = (uint16_t)rnd(s, index, li * 4u);
		break;
	case RK_LAYER_IPV6:
		if (!given(l, RKINT_IPV6_SRC)) {
			memcpy(h->ipv6.src, env->src6, 16);
			if (env->src6_fn && env->src6_fn(env->ctx, h->ipv6.dst, h->ipv6.src) != 0)
				memcpy(h->ipv6.src, env->src6, 16);
		}
		break;
	case RK_LAYER_TCP:
		if (!given(l, RKINT_TCP_SPORT))
			h->tcp.sport = rnd_port(rnd(s, index, li * 4u));
		if (!given(l, RKINT_TCP_SEQ))
			h->tcp.seq = rnd(s, index, li * 4u + 1);
		break;
	case RK_LAYER_UDP:
		if (!given(l, RKINT_UDP_SPORT))
			h->udp.sport = rnd_port(rnd(s, index, li * 4u));
		break;
	}
}

/* Point the header's option bytes at the pool. */
static void pool_fixup(const struct rk_spec *s, const struct rk_spec_layer *l, union rk_spec_hdr *h)
{
	const uint8_t *p = l->pool_len ? s->pool + l->pool_off : NULL;
	switch (l->kind) {
	case RK_LAYER_IPV4:
		h->ipv4.opts = p;
		h->ipv4.opts_len = l->pool_len;
		break;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
		h->ipv6_opts.opts = p;
		h->ipv6_opts.opts_len = l->pool_len;
		break;
	case RK_LAYER_IPV6_ROUTE:
		h->ipv6_route.data = p;
		h->ipv6_route.data_len = l->pool_len;
		break;
	case RK_LAYER_TCP:
		h->tcp.opts = p;
		h->tcp.opts_len = l->pool_len;
		break;
	}
}

static int push_payload(struct rk_build *b, const struct rk_spec *s, const struct rk_spec_layer *l)
{
	int rc = rk_build_zero(b, l->data_len);
	if (rc != RK_OK || l->form == RK_SPEC_DATA_ZERO)
		return rc;
	uint8_t *dst = b->wr.base + b->layer[b->n - 1].offset;
	const char *t = s->text + l->text_off;
	const char *bad;
	long n = l->form == RK_SPEC_DATA_STR ?
			 rkint_spec_unescape(t, t + l->text_len, dst, &bad) :
			 rkint_spec_hex(t, t + l->text_len, dst, l->data_len, &bad);
	return n == (long)l->data_len ? RK_OK : RK_E_INVAL; /* the text changed since parsing */
}

static int push_layer(struct rk_build *b, int kind, const union rk_spec_hdr *h)
{
	switch (kind) {
	case RK_LAYER_ETH: return rk_build_eth(b, &h->eth);
	case RK_LAYER_VLAN: return rk_build_vlan(b, &h->vlan);
	case RK_LAYER_SLL: return rk_build_sll(b, &h->sll);
	case RK_LAYER_SLL2: return rk_build_sll2(b, &h->sll2);
	case RK_LAYER_NULL: return rk_build_null(b, &h->null);
	case RK_LAYER_ARP: return rk_build_arp(b, &h->arp);
	case RK_LAYER_IPV4: return rk_build_ipv4(b, &h->ipv4);
	case RK_LAYER_IPV6: return rk_build_ipv6(b, &h->ipv6);
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST: return rk_build_ipv6_opts(b, kind, &h->ipv6_opts);
	case RK_LAYER_IPV6_ROUTE: return rk_build_ipv6_route(b, &h->ipv6_route);
	case RK_LAYER_IPV6_FRAG: return rk_build_ipv6_frag(b, &h->ipv6_frag);
	case RK_LAYER_TCP: return rk_build_tcp(b, &h->tcp);
	case RK_LAYER_UDP: return rk_build_udp(b, &h->udp);
	case RK_LAYER_ICMP: return rk_build_icmp(b, &h->icmp);
	case RK_LAYER_ICMP6: return rk_build_icmp6(b, &h->icmp6);
	}
	return RK_E_INVAL;
}

RK_API int rk_spec_build(const struct rk_spec *spec, uint64_t index, void *buf, size_t cap)
{
	const struct rk_spec *s = spec;
	struct rk_build b;
	uint32_t val[RK_SPEC_MAX_RANGES];
	uint64_t rest = index % rk_spec_count(s);

	if (s->n == 0)
		return RK_E_INVAL;
	for (unsigned r = s->nranges; r-- > 0;) {
		uint64_t size = (uint64_t)s->range[r].hi - s->range[r].lo + 1;
		val[r] = (uint32_t)(s->range[r].lo + rest % size);
		rest /= size;
	}

	rk_build_init(&b, buf, cap);
	for (unsigned i = 0; i < s->n; i++) {
		const struct rk_spec_layer *l = &s->layer[i];
		int rc;
		if (l->kind == RK_LAYER_PAYLOAD) {
			rc = push_payload(&b, s, l);
		} else {
			union rk_spec_hdr h = l->h;
			for (unsigned r = 0; r < s->nranges; r++)
				if (s->range[r].layer == i)
					rkint_spec_store(&rkint_spec_proto_of(l->kind)->field[s->range[r].field],
							 &h, val[r]);
			env_defaults(s, index, i, l, &h);
			pool_fixup(s, l, &h);
			rc = push_layer(&b, l->kind, &h);
		}
		if (rc != RK_OK)
			return rc;
	}
	return rk_build_finish(&b);
}
