/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build.c - the layered builder's pushes (build.h): each writes one header
 * whole (build_int.h) at the end of the packet and records it for
 * rk_build_finish() (build_finish.c): where it starts, the set mask, the
 * values finish may need, and the header's ones'-complement sum, formed
 * from the field values and the caller's option and payload bytes, so that
 * finish never reads back bytes just written (docs/PERFORMANCE.md, "Craft").
 */
#include <string.h>
#include "build_int.h"
#include "build_layer.h"
#include "rawkit/build.h"

RK_API void rk_build_init(struct rk_build *b, void *buf, size_t cap)
{
	rk_wr_init(&b->wr, buf, cap);
	b->n = 0;
	b->err = RK_OK;
	b->covered = 0;
	b->ip = 0;
	b->ip_sum = 0;
}

/* ---- push -------------------------------------------------------------- */

/*
 * A push in progress. The record is written before the header, and each
 * header word's fields are loaded from h just before its store: the stores
 * may alias *b and *h, so nothing loaded from either has to stay live in a
 * register across them, or be loaded again after them.
 */
struct push {
	struct rk_build_layer *l;
	unsigned n;
	uint8_t *p;
};

/* Open a layer record; 0 with the sticky error when the builder already
   failed or its table is full. */
static inline int push_open(struct rk_build *b, struct push *ps)
{
	if (b->err != RK_OK)
		return 0;
	unsigned n = b->n;
	if (n >= RK_BUILD_MAX_LAYERS) {
		b->err = RK_E_NOSPACE;
		return 0;
	}
	ps->l = &b->layer[n];
	ps->n = n;
	return 1;
}

static inline int push_fail(struct rk_build *b, int rc)
{
	b->err = rc;
	return rc;
}

/* Reserve the header's len bytes and fill the fields of the record every
   layer has (a kind's own are written by its push); 0 with the sticky
   error when they do not fit (nothing is written). */
static inline int push_room(struct rk_build *b, struct push *ps, size_t len, int kind, unsigned set)
{
	uint8_t *cur = b->wr.cur;
	if (b->wr.err != RK_OK || (size_t)(b->wr.end - cur) < len) {
		if (b->wr.err == RK_OK)
			b->wr.err = RK_E_NOSPACE;
		b->err = b->wr.err;
		return 0;
	}
	b->wr.cur = cur + len;
	struct rk_build_layer *l = ps->l;
	l->kind = (uint8_t)kind;
	l->flags = 0;
	l->set = (uint16_t)set;
	l->offset = (uint32_t)(cur - b->wr.base);
	b->n = ps->n + 1;
	ps->p = cur;
	return 1;
}

/* For a layer whose checksum covers what follows and has a pseudo-header
   (TCP, UDP, ICMPv6): from the last IP layer pushed (build.h: the nearest
   enclosing one); marks the builder covered. */
static inline void push_pseudo(struct rk_build *b, const struct push *ps)
{
	ps->l->flags = (uint8_t)b->ip;
	ps->l->aux = b->ip_sum;
	b->covered = 1;
}

RK_API int rk_build_eth(struct rk_build *b, const struct rk_eth_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_ETH_HLEN, RK_LAYER_ETH, h->set))
		return b->err;
	ps.l->sum = rkint_eth_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_vlan(struct rk_build *b, const struct rk_vlan_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_VLAN_HLEN, RK_LAYER_VLAN, h->set))
		return b->err;
	ps.l->tpid = h->tpid ? h->tpid : RK_ETHERTYPE_VLAN;
	ps.l->sum = rkint_vlan_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_sll(struct rk_build *b, const struct rk_sll_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_SLL_HLEN, RK_LAYER_SLL, h->set))
		return b->err;
	ps.l->sum = rkint_sll_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_sll2(struct rk_build *b, const struct rk_sll2_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_SLL2_HLEN, RK_LAYER_SLL2, h->set))
		return b->err;
	ps.l->sum = rkint_sll2_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_null(struct rk_build *b, const struct rk_null_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_NULL_HLEN, RK_LAYER_NULL, h->set))
		return b->err;
	int loop = h->loop;
	ps.l->tpid = (uint16_t)loop; /* byte order of the family */
	ps.l->sum = 0;               /* the family is the field finish fills: summed there */
	(void)rkint_null_put(ps.p, h->family, loop);
	return RK_OK;
}

RK_API int rk_build_arp(struct rk_build *b, const struct rk_arp_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps))
		return b->err;
	if (h->hlen > RK_ARP_ADDR_MAX || h->plen > RK_ARP_ADDR_MAX)
		return push_fail(b, RK_E_INVAL);
	size_t len = RK_ARP_FIXED_LEN + 2u * h->hlen + 2u * h->plen;
	if (!push_room(b, &ps, len, RK_LAYER_ARP, 0))
		return b->err;
	ps.l->sum = rkint_arp_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_ipv4(struct rk_build *b, const struct rk_ipv4_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps))
		return b->err;
	size_t opts_len = h->opts_len;
	if (opts_len > RK_IPV4_OPTS_MAX)
		return push_fail(b, RK_E_INVAL);
	if (!push_room(b, &ps, RK_IPV4_HLEN + rkint_pad4(opts_len), RK_LAYER_IPV4, h->set))
		return b->err;
	struct rk_build_layer *l = ps.l;
	uint32_t addr_sum;
	l->sum = rkint_ipv4_put(ps.p, h, opts_len, &addr_sum);
	l->aux = addr_sum;
	b->ip = RKB_F_PSEUDO;
	b->ip_sum = addr_sum;
	return RK_OK;
}

RK_API int rk_build_ipv6(struct rk_build *b, const struct rk_ipv6_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_IPV6_HLEN, RK_LAYER_IPV6, h->set))
		return b->err;
	struct rk_build_layer *l = ps.l;
	uint32_t addr_sum;
	l->sum = rkint_ipv6_put(ps.p, h, &addr_sum);
	l->aux = addr_sum;
	b->ip = RKB_F_PSEUDO;
	b->ip_sum = addr_sum;
	return RK_OK;
}

RK_API int rk_build_ipv6_opts(struct rk_build *b, int kind, const struct rk_ipv6_opts_hdr *h)
{
	struct push ps;
	if (kind != RK_LAYER_IPV6_HOP && kind != RK_LAYER_IPV6_DST) {
		if (b->err == RK_OK)
			b->err = RK_E_INVAL;
		return b->err;
	}
	if (!push_open(b, &ps))
		return b->err;
	size_t len = rk_ipv6_opts_build_len(h);
	if (len > 2048)
		return push_fail(b, RK_E_INVAL);
	if (!push_room(b, &ps, len, kind, h->set))
		return b->err;
	ps.l->sum = rkint_ipv6_opts_put(ps.p, h, len);
	return RK_OK;
}

RK_API int rk_build_ipv6_route(struct rk_build *b, const struct rk_ipv6_route_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps))
		return b->err;
	size_t len = rk_ipv6_route_build_len(h);
	if (len > 2048)
		return push_fail(b, RK_E_INVAL);
	if (!push_room(b, &ps, len, RK_LAYER_IPV6_ROUTE, h->set))
		return b->err;
	/* RFC 8200 8.1: with segments left, a pseudo-header names the final
	   destination: the last address of a type 0 or 2 header, Segment
	   List[0] of a segment routing header (4, RFC 8754). */
	if (h->segleft > 0 && len >= 24 && (h->rtype == 0 || h->rtype == 2 || h->rtype == 4)) {
		ps.l->flags = RKB_F_FINAL_DST;
		b->ip = RKB_F_PSEUDO_SCAN;
	}
	ps.l->sum = rkint_ipv6_route_put(ps.p, h, len);
	return RK_OK;
}

RK_API int rk_build_ipv6_frag(struct rk_build *b, const struct rk_ipv6_frag_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_IPV6_FRAG_HLEN, RK_LAYER_IPV6_FRAG, h->set))
		return b->err;
	ps.l->sum = rkint_ipv6_frag_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_tcp(struct rk_build *b, const struct rk_tcp_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps))
		return b->err;
	size_t opts_len = h->opts_len;
	if (opts_len > RK_TCP_OPTS_MAX)
		return push_fail(b, RK_E_INVAL);
	if (!push_room(b, &ps, RK_TCP_HLEN + rkint_pad4(opts_len), RK_LAYER_TCP, h->set))
		return b->err;
	push_pseudo(b, &ps);
	struct rk_build_layer *l = ps.l;
	l->sum = rkint_tcp_put(ps.p, h, opts_len);
	return RK_OK;
}

RK_API int rk_build_udp(struct rk_build *b, const struct rk_udp_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_UDP_HLEN, RK_LAYER_UDP, h->set))
		return b->err;
	push_pseudo(b, &ps);
	struct rk_build_layer *l = ps.l;
	l->ulen = h->len;
	l->sum = rkint_udp_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_icmp(struct rk_build *b, const struct rk_icmp_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, rk_icmp_build_len(h), RK_LAYER_ICMP, h->set))
		return b->err;
	b->covered = 1;
	struct rk_build_layer *l = ps.l;
	l->sum = rkint_icmp_put(ps.p, h);
	return RK_OK;
}

RK_API int rk_build_icmp6(struct rk_build *b, const struct rk_icmp6_hdr *h)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, RK_ICMP6_HLEN, RK_LAYER_ICMP6, h->set))
		return b->err;
	push_pseudo(b, &ps);
	struct rk_build_layer *l = ps.l;
	l->sum = rkint_icmp6_put(ps.p, h);
	return RK_OK;
}

/* Bytes nothing covers need no sum: a checksum covers its own header and
   what follows it, never what precedes it. */
RK_API int rk_build_payload(struct rk_build *b, const void *data, size_t len)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, len, RK_LAYER_PAYLOAD, 0))
		return b->err;
	struct rk_build_layer *l = ps.l;
	l->flags = (len & 1) ? RKB_F_ODD : 0;
	if (b->covered) {
		l->sum = rkint_copy_sum(ps.p, data, len);
	} else {
		l->sum = 0;
		if (len)
			memcpy(ps.p, data, len);
	}
	return RK_OK;
}

/* Summed in finish from the output: rk_spec_build() fills these bytes
   after the push. */
RK_API int rk_build_zero(struct rk_build *b, size_t len)
{
	struct push ps;
	if (!push_open(b, &ps) || !push_room(b, &ps, len, RK_LAYER_PAYLOAD, 0))
		return b->err;
	ps.l->flags = (b->covered ? RKB_F_LAZY : 0) | ((len & 1) ? RKB_F_ODD : 0);
	ps.l->sum = 0;
	if (len)
		memset(ps.p, 0, len);
	return RK_OK;
}
