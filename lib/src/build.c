/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build.c - the layered builder (build.h): push headers outermost first,
 * then finish fills what the caller left unset, innermost layer first, so
 * that a transport checksum is final before anything outside it is summed.
 */
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"

/* Offsets of the fields finish patches, from each header's first byte. */
#define ETH_TYPE_OFF 12
#define VLAN_TYPE_OFF 2
#define SLL_TYPE_OFF 14
#define SLL2_TYPE_OFF 0
#define IPV4_LEN_OFF 2
#define IPV4_PROTO_OFF 9
#define IPV6_PLEN_OFF 4
#define IPV6_NH_OFF 6
#define IPV6_SRC_OFF 8
#define IPV6_DST_OFF 24
#define EXT_NH_OFF 0
#define TCP_CSUM_OFF 16
#define UDP_LEN_OFF 4
#define UDP_CSUM_OFF 6
#define ICMP_CSUM_OFF 2

RK_API void rk_build_init(struct rk_build *b, void *buf, size_t cap)
{
	rk_wr_init(&b->wr, buf, cap);
	b->n = 0;
	b->err = RK_OK;
}

/* Open a layer record; NULL when the builder already failed or is full. */
static struct rk_build_layer *layer_open(struct rk_build *b, int kind, unsigned set)
{
	if (b->err != RK_OK)
		return NULL;
	if (b->n >= RK_BUILD_MAX_LAYERS) {
		b->err = RK_E_NOSPACE;
		return NULL;
	}
	struct rk_build_layer *l = &b->layer[b->n];
	memset(l, 0, sizeof(*l));
	l->kind = (uint8_t)kind;
	l->set = set;
	l->offset = (uint32_t)rk_wr_len(&b->wr);
	return l;
}

/* Close the layer after its builder ran: record its size, or the error. */
static int layer_close(struct rk_build *b, struct rk_build_layer *l, int rc)
{
	if (rc == RK_OK)
		rc = rk_wr_err(&b->wr);
	if (rc != RK_OK) {
		b->err = rc;
		return rc;
	}
	l->hdr_len = (uint32_t)rk_wr_len(&b->wr) - l->offset;
	b->n++;
	return RK_OK;
}

#define PUSH(b, kind, set, call)                                               \
	do {                                                                   \
		struct rk_build_layer *l_ = layer_open((b), (kind), (set));    \
		if (!l_)                                                       \
			return (b)->err;                                       \
		return layer_close((b), l_, (call));                           \
	} while (0)

RK_API int rk_build_eth(struct rk_build *b, const struct rk_eth_hdr *h)
{
	PUSH(b, RK_LAYER_ETH, h->set, rk_eth_build(&b->wr, h));
}

RK_API int rk_build_vlan(struct rk_build *b, const struct rk_vlan_hdr *h)
{
	struct rk_build_layer *l = layer_open(b, RK_LAYER_VLAN, h->set);
	if (!l)
		return b->err;
	l->tpid = h->tpid ? h->tpid : RK_ETHERTYPE_VLAN;
	return layer_close(b, l, rk_vlan_build(&b->wr, h));
}

RK_API int rk_build_sll(struct rk_build *b, const struct rk_sll_hdr *h)
{
	PUSH(b, RK_LAYER_SLL, h->set, rk_sll_build(&b->wr, h));
}

RK_API int rk_build_sll2(struct rk_build *b, const struct rk_sll2_hdr *h)
{
	PUSH(b, RK_LAYER_SLL2, h->set, rk_sll2_build(&b->wr, h));
}

RK_API int rk_build_null(struct rk_build *b, const struct rk_null_hdr *h)
{
	struct rk_build_layer *l = layer_open(b, RK_LAYER_NULL, h->set);
	if (!l)
		return b->err;
	l->tpid = h->loop; /* remembered for finish: byte order of the family */
	return layer_close(b, l, rk_null_build(&b->wr, h));
}

RK_API int rk_build_arp(struct rk_build *b, const struct rk_arp_hdr *h)
{
	PUSH(b, RK_LAYER_ARP, 0, rk_arp_build(&b->wr, h));
}

RK_API int rk_build_ipv4(struct rk_build *b, const struct rk_ipv4_hdr *h)
{
	PUSH(b, RK_LAYER_IPV4, h->set, rk_ipv4_build(&b->wr, h));
}

RK_API int rk_build_ipv6(struct rk_build *b, const struct rk_ipv6_hdr *h)
{
	PUSH(b, RK_LAYER_IPV6, h->set, rk_ipv6_build(&b->wr, h));
}

RK_API int rk_build_ipv6_opts(struct rk_build *b, int kind, const struct rk_ipv6_opts_hdr *h)
{
	if (kind != RK_LAYER_IPV6_HOP && kind != RK_LAYER_IPV6_DST) {
		if (b->err == RK_OK)
			b->err = RK_E_INVAL;
		return b->err;
	}
	PUSH(b, kind, h->set, rk_ipv6_opts_build(&b->wr, h));
}

RK_API int rk_build_ipv6_route(struct rk_build *b, const struct rk_ipv6_route_hdr *h)
{
	PUSH(b, RK_LAYER_IPV6_ROUTE, h->set, rk_ipv6_route_build(&b->wr, h));
}

RK_API int rk_build_ipv6_frag(struct rk_build *b, const struct rk_ipv6_frag_hdr *h)
{
	PUSH(b, RK_LAYER_IPV6_FRAG, h->set, rk_ipv6_frag_build(&b->wr, h));
}

RK_API int rk_build_tcp(struct rk_build *b, const struct rk_tcp_hdr *h)
{
	PUSH(b, RK_LAYER_TCP, h->set, rk_tcp_build(&b->wr, h));
}

RK_API int rk_build_udp(struct rk_build *b, const struct rk_udp_hdr *h)
{
	PUSH(b, RK_LAYER_UDP, h->set, rk_udp_build(&b->wr, h));
}

RK_API int rk_build_icmp(struct rk_build *b, const struct rk_icmp_hdr *h)
{
	PUSH(b, RK_LAYER_ICMP, h->set, rk_icmp_build(&b->wr, h));
}

RK_API int rk_build_icmp6(struct rk_build *b, const struct rk_icmp6_hdr *h)
{
	PUSH(b, RK_LAYER_ICMP6, h->set, rk_icmp6_build(&b->wr, h));
}

RK_API int rk_build_payload(struct rk_build *b, const void *data, size_t len)
{
	struct rk_build_layer *l = layer_open(b, RK_LAYER_PAYLOAD, 0);
	if (!l)
		return b->err;
	rk_wr_bytes(&b->wr, data, len);
	return layer_close(b, l, RK_OK);
}

RK_API int rk_build_zero(struct rk_build *b, size_t len)
{
	struct rk_build_layer *l = layer_open(b, RK_LAYER_PAYLOAD, 0);
	if (!l)
		return b->err;
	rk_wr_zero(&b->wr, len);
	return layer_close(b, l, RK_OK);
}

/* ---- finish ---------------------------------------------------------- */

/* The EtherType announcing a layer, or -1 when there is none. */
static int ethertype_of(const struct rk_build_layer *next)
{
	switch (next->kind) {
	case RK_LAYER_IPV4: return RK_ETHERTYPE_IPV4;
	case RK_LAYER_IPV6: return RK_ETHERTYPE_IPV6;
	case RK_LAYER_ARP: return RK_ETHERTYPE_ARP;
	case RK_LAYER_VLAN: return next->tpid;
	}
	return -1;
}

/* The IP protocol / next-header number announcing a layer, or -1. */
static int ipproto_of(const struct rk_build_layer *next)
{
	switch (next->kind) {
	case RK_LAYER_TCP: return RK_IPPROTO_TCP;
	case RK_LAYER_UDP: return RK_IPPROTO_UDP;
	case RK_LAYER_ICMP: return RK_IPPROTO_ICMP;
	case RK_LAYER_ICMP6: return RK_IPPROTO_ICMPV6;
	case RK_LAYER_IPV4: return RK_IPPROTO_IPIP;
	case RK_LAYER_IPV6: return RK_IPPROTO_IPV6;
	case RK_LAYER_IPV6_HOP: return RK_IPPROTO_HOPOPTS;
	case RK_LAYER_IPV6_DST: return RK_IPPROTO_DSTOPTS;
	case RK_LAYER_IPV6_ROUTE: return RK_IPPROTO_ROUTING;
	case RK_LAYER_IPV6_FRAG: return RK_IPPROTO_FRAGMENT;
	}
	return -1;
}

/*
 * Pseudo-header sum for a transport layer at index i: from the nearest
 * enclosing IPv4 or IPv6 layer. For IPv6 the destination is the final one
 * (RFC 8200 8.1) when a routing header has segments left: the last address
 * of a type 0 or 2 header, Segment List[0] of a segment routing header (4).
 * Returns 0 with *found = 0 when there is no IP layer.
 */
static uint32_t pseudo_sum(const struct rk_build *b, unsigned i, uint8_t proto, uint32_t len, int *found)
{
	const uint8_t *base = b->wr.base;
	const uint8_t *final_dst = NULL;
	for (unsigned j = i; j-- > 0;) {
		const struct rk_build_layer *l = &b->layer[j];
		const uint8_t *p = base + l->offset;
		if (l->kind == RK_LAYER_IPV6_ROUTE && !final_dst && p[3] > 0 && l->hdr_len >= 24) {
			if (p[2] == 0 || p[2] == 2) /* the last address */
				final_dst = p + l->hdr_len - 16;
			else if (p[2] == 4) /* SRH (RFC 8754): Segment List[0] */
				final_dst = p + 8;
		}
		if (l->kind == RK_LAYER_IPV4) {
			*found = 1;
			return rk_csum_pseudo4(rk_get_be32(p + 12), rk_get_be32(p + 16), proto, len);
		}
		if (l->kind == RK_LAYER_IPV6) {
			*found = 1;
			return rk_csum_pseudo6(p + IPV6_SRC_OFF, final_dst ? final_dst : p + IPV6_DST_OFF,
					       len, proto);
		}
	}
	*found = 0;
	return 0;
}

static void fill_csum16(uint8_t *field, uint32_t sum_with_field_zero)
{
	rk_put_be16(field, rk_csum_finish(sum_with_field_zero));
}

static int finish_layer(struct rk_build *b, unsigned i)
{
	struct rk_build_layer *l = &b->layer[i];
	const struct rk_build_layer *next = i + 1 < b->n ? &b->layer[i + 1] : NULL;
	uint8_t *p = b->wr.base + l->offset;
	size_t total = rk_wr_len(&b->wr);
	size_t span = total - l->offset; /* this header and everything after it */
	int found;

	switch (l->kind) {
	case RK_LAYER_ETH:
	case RK_LAYER_VLAN:
	case RK_LAYER_SLL:
	case RK_LAYER_SLL2: {
		size_t off = l->kind == RK_LAYER_ETH ? ETH_TYPE_OFF :
			     l->kind == RK_LAYER_VLAN ? VLAN_TYPE_OFF :
			     l->kind == RK_LAYER_SLL ? SLL_TYPE_OFF : SLL2_TYPE_OFF;
		int t = next ? ethertype_of(next) : -1;
		if (!(l->set & RK_ETH_SET_TYPE) && t >= 0)
			rk_put_be16(p + off, (uint16_t)t);
		break;
	}
	case RK_LAYER_NULL: {
		int fam = !next ? -1 : next->kind == RK_LAYER_IPV4 ? RK_NULL_AF_INET :
			  next->kind == RK_LAYER_IPV6 ? RK_NULL_AF_INET6_BSD : -1;
		if (!(l->set & RK_SLL_SET_TYPE) && fam >= 0) {
			struct rk_wr w;
			rk_wr_init(&w, p, 4);
			struct rk_null_hdr h = {.family = (uint32_t)fam, .loop = l->tpid != 0};
			int rc = rk_null_build(&w, &h); /* 4 bytes always fit */
			(void)rc;
		}
		break;
	}
	case RK_LAYER_IPV4: {
		int proto = next ? ipproto_of(next) : -1;
		if (!(l->set & RK_IPV4_SET_PROTO) && proto >= 0)
			p[IPV4_PROTO_OFF] = (uint8_t)proto;
		if (!(l->set & RK_IPV4_SET_LEN)) {
			if (span > 0xffff)
				return RK_E_INVAL;
			rk_put_be16(p + IPV4_LEN_OFF, (uint16_t)span);
		}
		if (!(l->set & RK_IPV4_SET_CSUM))
			rk_ipv4_fill_csum(p, l->hdr_len);
		break;
	}
	case RK_LAYER_IPV6: {
		int nh = next ? ipproto_of(next) : RK_IPPROTO_NONE;
		if (!(l->set & RK_IPV6_SET_NH) && nh >= 0)
			p[IPV6_NH_OFF] = (uint8_t)nh;
		if (!(l->set & RK_IPV6_SET_PLEN)) {
			if (span - RK_IPV6_HLEN > 0xffff)
				return RK_E_INVAL;
			rk_put_be16(p + IPV6_PLEN_OFF, (uint16_t)(span - RK_IPV6_HLEN));
		}
		break;
	}
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
	case RK_LAYER_IPV6_ROUTE:
	case RK_LAYER_IPV6_FRAG: {
		int nh = next ? ipproto_of(next) : RK_IPPROTO_NONE;
		if (!(l->set & RK_IPV6_EXT_SET_NH) && nh >= 0)
			p[EXT_NH_OFF] = (uint8_t)nh;
		break;
	}
	case RK_LAYER_TCP:
		if (!(l->set & RK_TCP_SET_CSUM)) {
			rk_put_be16(p + TCP_CSUM_OFF, 0);
			uint32_t s = pseudo_sum(b, i, RK_IPPROTO_TCP, (uint32_t)span, &found);
			fill_csum16(p + TCP_CSUM_OFF, rk_csum_partial(p, span, s));
		}
		break;
	case RK_LAYER_UDP: {
		if (!(l->set & RK_UDP_SET_LEN)) {
			if (span > 0xffff)
				return RK_E_INVAL;
			rk_put_be16(p + UDP_LEN_OFF, (uint16_t)span);
		}
		if (!(l->set & RK_UDP_SET_CSUM)) {
			/* RFC 768: the checksum covers udp.len bytes. */
			size_t ulen = rk_get_be16(p + UDP_LEN_OFF);
			size_t cover = ulen < span ? ulen : span;
			rk_put_be16(p + UDP_CSUM_OFF, 0);
			uint32_t s = pseudo_sum(b, i, RK_IPPROTO_UDP, (uint32_t)ulen, &found);
			uint16_t c = rk_csum_finish(rk_csum_partial(p, cover, s));
			rk_put_be16(p + UDP_CSUM_OFF, c ? c : 0xffff);
		}
		break;
	}
	case RK_LAYER_ICMP:
		if (!(l->set & RK_ICMP_SET_CSUM)) {
			rk_put_be16(p + ICMP_CSUM_OFF, 0);
			fill_csum16(p + ICMP_CSUM_OFF, rk_csum_partial(p, span, 0));
		}
		break;
	case RK_LAYER_ICMP6:
		if (!(l->set & RK_ICMP6_SET_CSUM)) {
			rk_put_be16(p + ICMP_CSUM_OFF, 0);
			uint32_t s = pseudo_sum(b, i, RK_IPPROTO_ICMPV6, (uint32_t)span, &found);
			fill_csum16(p + ICMP_CSUM_OFF, rk_csum_partial(p, span, s));
		}
		break;
	}
	return RK_OK;
}

RK_API int rk_build_finish(struct rk_build *b)
{
	if (b->err != RK_OK)
		return b->err;
	for (unsigned i = b->n; i-- > 0;) {
		int rc = finish_layer(b, i);
		if (rc != RK_OK) {
			b->err = rc;
			return rc;
		}
	}
	return (int)rk_wr_len(&b->wr);
}
