/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build_finish.c - rk_build_finish() (build.h): fill what the caller left
 * unset, innermost layer first, so that a transport checksum is final
 * before anything outside it is summed.
 *
 * Shaped for speed (docs/PERFORMANCE.md, "Craft"): every sum comes from
 * the layer records (build.c took each header's sum when it wrote it) plus
 * the fields filled here, added arithmetically; no byte just written is
 * read back, which would stall on store forwarding. Only rare cases sum the
 * output or scan the records, out of line: rk_build_zero() bytes, a UDP
 * length fixed shorter than the datagram, an IPv6 routing header naming
 * the final destination.
 */
#include "build_int.h"
#include "build_layer.h"
#include "rawkit/build.h"
#include "rawkit/csum.h"

/* Offsets of the fields finish fills, from each header's first byte. */
#define ETH_TYPE_OFF 12
#define VLAN_TYPE_OFF 2
#define SLL_TYPE_OFF 14
#define SLL2_TYPE_OFF 0
#define IPV4_LEN_OFF 2
#define IPV4_PROTO_OFF 9
#define IPV4_CSUM_OFF 10
#define IPV6_PLEN_OFF 4
#define IPV6_NH_OFF 6
#define IPV6_SRC_OFF 8
#define EXT_NH_OFF 0
#define TCP_CSUM_OFF 16
#define UDP_LEN_OFF 4
#define UDP_CSUM_OFF 6
#define ICMP_CSUM_OFF 2

/* The rare cases: out of line, and laid out away from the walk. */
#define RARE __attribute__((noinline, cold))

/* The walk's state, innermost layer first. */
struct fin {
	uint8_t *base;
	size_t total;      /* packet length */
	uint32_t tail;     /* folded sum of the bytes after the current header,
			      counted from the next layer's first byte */
	unsigned next_kind; /* RK_LAYER_NONE after the innermost */
};

/* The EtherType announcing a layer, or -1 when there is none. */
static inline int ethertype_of(unsigned kind, uint16_t tpid)
{
	switch (kind) {
	case RK_LAYER_IPV4: return RK_ETHERTYPE_IPV4;
	case RK_LAYER_IPV6: return RK_ETHERTYPE_IPV6;
	case RK_LAYER_ARP: return RK_ETHERTYPE_ARP;
	case RK_LAYER_VLAN: return tpid;
	}
	return -1;
}

/* The IP protocol / next-header number announcing a layer, or -1. */
static inline int ipproto_of(unsigned kind)
{
	switch (kind) {
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

/* The checksum field's value for a sum taken with the field zero. */
static inline uint16_t csum_of(uint32_t sum)
{
	return (uint16_t)~rkint_fold(sum);
}

/*
 * The pseudo-header sum (not folded) for the transport layer at t when a
 * routing header lies between it and its IP layer: scan back for the
 * nearest enclosing IPv4 or IPv6 layer; for IPv6, a routing header with
 * segments left on the way names the final destination (RFC 8200 8.1): the
 * last address of a type 0 or 2 header, Segment List[0] of a segment
 * routing header (4, RFC 8754). The addresses are read from the output:
 * nothing patches them. 0 when there is no IP layer.
 */
static RARE uint32_t pseudo_sum_scan(const struct rk_build *b, const struct rk_build_layer *t,
				     unsigned proto, uint32_t len)
{
	const uint8_t *base = b->wr.base;
	const uint8_t *final_dst = NULL;
	for (const struct rk_build_layer *l = t; l-- != b->layer;) {
		const uint8_t *p = base + l->offset;
		if (!final_dst && l->kind == RK_LAYER_IPV6_ROUTE && (l->flags & RKB_F_FINAL_DST))
			final_dst = p[2] == 4 ? p + 8 : base + l[1].offset - 16; /* l < t */
		if (l->kind == RK_LAYER_IPV4)
			return l->aux + proto + rkint_sum32(len);
		if (l->kind == RK_LAYER_IPV6) {
			if (!final_dst)
				return l->aux + proto + rkint_sum32(len);
			return rk_csum_pseudo6(p + IPV6_SRC_OFF, final_dst, len, (uint8_t)proto);
		}
	}
	return 0;
}

/*
 * Next-protocol fields (EtherType, NULL's family, IP protocol, next header)
 * are filled unless fixed or the next layer has no number; then the bytes
 * stay as they are (as given, or as an earlier finish left them) and are
 * read back to be summed: a rare case, and a narrow load of bytes written
 * by a wider or equal store, which forwards.
 */

/* A link layer's EtherType, or NULL's family. Returns the header's sum. */
static inline uint32_t finish_link(const struct rk_build_layer *l, uint8_t *p, unsigned next_kind)
{
	unsigned set = l->set; /* RK_ETH_, RK_VLAN_, RK_SLL_SET_TYPE are all 0x1 */
	if (l->kind == RK_LAYER_NULL) {
		int fam = next_kind == RK_LAYER_IPV4 ? RK_NULL_AF_INET :
			  next_kind == RK_LAYER_IPV6 ? RK_NULL_AF_INET6_BSD : -1;
		if (!(set & RK_SLL_SET_TYPE) && fam >= 0)
			return rkint_null_put(p, (uint32_t)fam, l->tpid != 0);
		return rkint_sum32(rk_get_be32(p));
	}
	size_t at = l->kind == RK_LAYER_ETH ? ETH_TYPE_OFF :
		    l->kind == RK_LAYER_VLAN ? VLAN_TYPE_OFF :
		    l->kind == RK_LAYER_SLL ? SLL_TYPE_OFF : SLL2_TYPE_OFF;
	int t = ethertype_of(next_kind, next_kind == RK_LAYER_VLAN ? l[1].tpid : 0);
	if (!(set & RK_ETH_SET_TYPE) && t >= 0) {
		rk_put_be16(p + at, (uint16_t)t);
		return l->sum + (uint32_t)t;
	}
	return l->sum + rk_get_be16(p + at);
}

/* rk_build_zero() bytes, which the caller may have filled since the push:
   summed from the output. */
static RARE uint32_t lazy_sum(const struct rk_build *b, const struct rk_build_layer *l, size_t total)
{
	size_t end = l + 1 < b->layer + b->n ? l[1].offset : total;
	return rk_csum_partial(b->wr.base + l->offset, end - l->offset, 0);
}

/* A UDP length fixed shorter than the datagram: the checksum covers udp.len
   bytes (RFC 768), fewer than follow, so sum the output (the inner layers
   are final). */
static RARE uint16_t udp_short_csum(uint8_t *p, uint32_t ulen, uint32_t pseudo)
{
	rk_put_be16(p + UDP_CSUM_OFF, 0);
	return csum_of(rk_csum_partial(p, ulen, rkint_fold(pseudo)));
}

/* The pseudo-header sum for the transport layer at l (0 without IP). */
static inline uint32_t pseudo_sum(const struct rk_build *b, const struct rk_build_layer *l,
				  unsigned proto, uint32_t len)
{
	if (l->flags & RKB_F_PSEUDO)
		return l->aux + proto + rkint_sum32(len);
	if (l->flags & RKB_F_PSEUDO_SCAN)
		return pseudo_sum_scan(b, l, proto, len);
	return 0;
}

/* Fill layer l and step the walk past it. RK_OK, or RK_E_INVAL for a
   length that does not fit its field. */
static inline int finish_one(const struct rk_build *b, const struct rk_build_layer *l, struct fin *f)
{
	size_t off = l->offset;
	uint8_t *p = f->base + off;
	size_t span = f->total - off; /* this header and all after it */
	uint32_t body = f->tail; /* after a header of even length; see PAYLOAD */
	unsigned kind = l->kind, set = l->set, next = f->next_kind;
	uint32_t s = l->sum;

	switch (kind) {
	case RK_LAYER_ETH:
	case RK_LAYER_VLAN:
	case RK_LAYER_SLL:
	case RK_LAYER_SLL2:
	case RK_LAYER_NULL:
		s = finish_link(l, p, next);
		break;
	case RK_LAYER_IPV4: {
		int proto = ipproto_of(next);
		if (!(set & RK_IPV4_SET_PROTO) && proto >= 0) {
			p[IPV4_PROTO_OFF] = (uint8_t)proto;
			s += (uint32_t)proto;
		} else {
			s += p[IPV4_PROTO_OFF];
		}
		if (!(set & RK_IPV4_SET_LEN)) {
			if (span > 0xffff)
				return RK_E_INVAL;
			rk_put_be16(p + IPV4_LEN_OFF, (uint16_t)span);
			s += (uint32_t)span;
		}
		if (!(set & RK_IPV4_SET_CSUM)) {
			uint16_t c = csum_of(s);
			rk_put_be16(p + IPV4_CSUM_OFF, c);
			s += c;
		}
		break;
	}
	case RK_LAYER_IPV6:
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
	case RK_LAYER_IPV6_ROUTE:
	case RK_LAYER_IPV6_FRAG: {
		int nh = next == RK_LAYER_NONE ? RK_IPPROTO_NONE : ipproto_of(next);
		int v6 = kind == RK_LAYER_IPV6;
		uint8_t *nhp = p + (v6 ? IPV6_NH_OFF : EXT_NH_OFF);
		/* RK_IPV6_SET_NH and RK_IPV6_EXT_SET_NH differ */
		if (!(set & (v6 ? RK_IPV6_SET_NH : RK_IPV6_EXT_SET_NH)) && nh >= 0)
			*nhp = (uint8_t)nh;
		s += (uint32_t)*nhp << 8; /* the high byte of its word in both */
		if (v6 && !(set & RK_IPV6_SET_PLEN)) {
			if (span - RK_IPV6_HLEN > 0xffff)
				return RK_E_INVAL;
			rk_put_be16(p + IPV6_PLEN_OFF, (uint16_t)(span - RK_IPV6_HLEN));
			s += (uint32_t)(span - RK_IPV6_HLEN);
		}
		break;
	}
	case RK_LAYER_TCP:
		if (!(set & RK_TCP_SET_CSUM)) {
			uint16_t c = csum_of(pseudo_sum(b, l, RK_IPPROTO_TCP, (uint32_t)span) + s + body);
			rk_put_be16(p + TCP_CSUM_OFF, c);
			s += c;
		}
		break;
	case RK_LAYER_UDP: {
		uint32_t ulen = l->ulen;
		if (!(set & RK_UDP_SET_LEN)) {
			if (span > 0xffff)
				return RK_E_INVAL;
			ulen = (uint32_t)span;
			rk_put_be16(p + UDP_LEN_OFF, (uint16_t)ulen);
			s += ulen;
		}
		if (!(set & RK_UDP_SET_CSUM)) {
			uint32_t ps = pseudo_sum(b, l, RK_IPPROTO_UDP, ulen);
			uint16_t c = ulen >= span ? csum_of(ps + s + body) : udp_short_csum(p, ulen, ps);
			c = c ? c : 0xffff; /* RFC 768: a computed 0 is sent as all ones */
			rk_put_be16(p + UDP_CSUM_OFF, c);
			s += c;
		}
		break;
	}
	case RK_LAYER_ICMP:
	case RK_LAYER_ICMP6:
		if (!(set & RK_ICMP_SET_CSUM)) { /* == RK_ICMP6_SET_CSUM */
			/* ICMP for IPv4 has no pseudo-header: its flags are 0 */
			uint16_t c = csum_of(pseudo_sum(b, l, RK_IPPROTO_ICMPV6, (uint32_t)span) + s + body);
			rk_put_be16(p + ICMP_CSUM_OFF, c);
			s += c;
		}
		break;
	case RK_LAYER_PAYLOAD:
		if (l->flags & RKB_F_LAZY)
			s = lazy_sum(b, l, f->total);
		/* the only odd lengths (ARP's are 8 + 2 hlen + 2 plen): what
		   follows then starts an odd number of bytes in, and counts
		   swapped */
		if (l->flags & RKB_F_ODD)
			body = rkint_swap16(body);
		break;
	}
	f->tail = rkint_fold(s + body);
	f->next_kind = kind;
	return RK_OK;
}

RK_API int rk_build_finish(struct rk_build *b)
{
	if (b->err != RK_OK)
		return b->err;
	struct fin f = {.base = b->wr.base, .total = rk_wr_len(&b->wr), .tail = 0,
			.next_kind = RK_LAYER_NONE};
	for (const struct rk_build_layer *l = b->layer + b->n; l-- != b->layer;) {
		int rc = finish_one(b, l, &f);
		if (rc != RK_OK) {
			b->err = rc;
			return rc;
		}
	}
	return (int)f.total;
}
