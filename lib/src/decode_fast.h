/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_fast.h - rk_decode()'s fast path: a whole, well-formed IPv4 or
 * IPv6 datagram carrying TCP, UDP or an ICMP/ICMPv6 echo, which is nearly
 * every packet. Inlined
 * into rk_decode() for Ethernet (decode.c) and into rkint_dec_ipv4/_ipv6
 * (decode_ip.c) for everything else: no calls between the layers, few live
 * values, no checks whose outcome the path's entry conditions already fix.
 *
 * Every fast function tests conditions under which the general code
 * (decode_ip.c, decode_l4.c) makes exactly the same decisions and writes
 * exactly the same layers, and declines otherwise, having written nothing
 * but the next, still unlisted, layer slot (which the general code then
 * overwrites): the Rules live in the general code, and the fast path is a
 * shortcut through it, not a second reading of them.
 */
#ifndef RAWKIT_DECODE_FAST_H
#define RAWKIT_DECODE_FAST_H

#include "decode_int.h"

/* decode_ip.c: the general code the fast path falls back to. */
void rkint_dec_ipproto(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip, uint8_t proto);
void rkint_ipv6_chain(struct rkint_dec *d, const struct rk_rd *r, const struct rkint_ip *ip,
		      uint8_t nh);
void rkint_dec_ipv4_general(struct rkint_dec *d, struct rk_rd *r, uint64_t lim,
			    const struct rkint_ip *outer);
void rkint_dec_ipv6_general(struct rkint_dec *d, struct rk_rd *r, uint64_t lim,
			    const struct rkint_ip *outer);

/*
 * TCP, fast: the whole header with its options captured, doff >= 5,
 * well-formed options, not quoted, room in the layer table.
 */
RKINT_INLINE int tcp_fast(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_pkt *p = d->pkt;
	unsigned n = p->n;
	struct rk_rd f;
	if (RKINT_UNLIKELY(d->inner || n + 2 > RK_PKT_MAX_LAYERS || !rk_rd_view(r, RK_TCP_HLEN, &f)))
		return 0;
	struct rk_layer *l = &p->layer[n];
	struct rk_tcp_hdr *h = &l->h.tcp;
	rkint_tcp_fields(&f, h);
	uint32_t hl = h->doff * 4u;
	struct rk_rd whole; /* the header with its options */
	if (RKINT_UNLIKELY(h->doff < 5 || !rk_rd_view(r, hl, &whole)))
		return 0;
	if (hl > RK_TCP_HLEN) {
		rk_rd_skip(&whole, RK_TCP_HLEN);
		h->opts = rk_rd_ptr(&whole);
		h->opts_len = hl - RK_TCP_HLEN;
		if (RKINT_UNLIKELY(!rkint_tcp_opts_ok(h->opts, h->opts_len)))
			return 0;
	}
	size_t o = rk_rd_offset(r);
	/* The segment and its payload, both listed at once: the table's room
	   was checked above, and the layers are written through l, not
	   through pushes that reload the count (a store to a layer might
	   alias it, as far as the compiler knows). */
	p->n = n + 2;
	l->kind = RK_LAYER_TCP;
	l->flags = 0;
	l->offset = (uint32_t)o;
	l->hdr_len = hl;
	l->cap_len = hl;
	/* The checksum covers the rest of the datagram (RFC 9293 3.1). */
	uint64_t end = ip->end;
	int8_t ok = RK_CSUM_UNKNOWN;
	if (!ip->frag && end >= o + hl) {
		uint32_t seg = (uint32_t)(end - o);
		ok = rkint_csum_check(r, seg, rkint_pseudo(ip, RK_IPPROTO_TCP, seg));
	}
	l->csum_ok = ok;
	size_t have = rk_rd_left(r) - hl;
	rk_rd_skip(r, hl);
	rkint_put_payload(l + 1, o + hl, rkint_span(end, o + hl), have);
	return 1;
}

/* UDP, fast: the whole header captured, a length from 8 to what the
   datagram holds (any, in a fragment), not quoted, room in the table. */
RKINT_INLINE int udp_fast(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_pkt *p = d->pkt;
	unsigned n = p->n;
	struct rk_rd f;
	if (RKINT_UNLIKELY(d->inner || n + 2 > RK_PKT_MAX_LAYERS || !rk_rd_view(r, RK_UDP_HLEN, &f)))
		return 0;
	struct rk_layer *l = &p->layer[n];
	struct rk_udp_hdr *h = &l->h.udp;
	rkint_udp_fields(&f, h);
	size_t o = rk_rd_offset(r);
	uint32_t ulen = h->len;
	if (RKINT_UNLIKELY(ulen < RK_UDP_HLEN || (!ip->frag && ulen > ip->end - o)))
		return 0;
	p->n = n + 2; /* the datagram and its payload (see tcp_fast) */
	l->kind = RK_LAYER_UDP;
	l->flags = 0;
	l->offset = (uint32_t)o;
	l->hdr_len = RK_UDP_HLEN;
	l->cap_len = RK_UDP_HLEN;
	int8_t ok;
	if (h->csum == 0)
		ok = ip->v6 ? RK_CSUM_BAD : RK_CSUM_OK; /* RFC 8200 8.1 / RFC 768 */
	else if (!ip->frag)
		ok = rkint_csum_check(r, ulen, rkint_pseudo(ip, RK_IPPROTO_UDP, ulen));
	else
		ok = RK_CSUM_UNKNOWN;
	l->csum_ok = ok;
	size_t have = rk_rd_left(r) - RK_UDP_HLEN;
	rk_rd_skip(r, RK_UDP_HLEN);
	rkint_put_payload(l + 1, o + RK_UDP_HLEN, ulen - RK_UDP_HLEN, have);
	return 1;
}

/*
 * ICMP and ICMPv6 echo request and reply (kind RK_LAYER_ICMP or _ICMP6),
 * fast: the whole 8-byte header captured, not quoted, room in the table.
 * Only the echo types, which are neither errors (quotations) nor
 * timestamps (a longer header), so no other rule applies.
 */
RKINT_INLINE int echo_fast(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip, int kind)
{
	struct rk_pkt *p = d->pkt;
	unsigned n = p->n;
	struct rk_rd f;
	if (RKINT_UNLIKELY(d->inner || n + 2 > RK_PKT_MAX_LAYERS || !rk_rd_view(r, RK_ICMP_HLEN, &f)))
		return 0;
	uint8_t type = rk_rd_peek_u8(&f, 0);
	struct rk_layer *l = &p->layer[n];
	if (kind == RK_LAYER_ICMP) {
		if (type != RK_ICMP_ECHO && type != RK_ICMP_ECHOREPLY)
			return 0;
		rkint_icmp_fields(&f, &l->h.icmp);
	} else {
		if (type != RK_ICMP6_ECHO_REQUEST && type != RK_ICMP6_ECHO_REPLY)
			return 0;
		rkint_icmp6_fields(&f, &l->h.icmp6);
	}
	size_t o = rk_rd_offset(r);
	p->n = n + 2; /* the message and its payload (see tcp_fast) */
	l->kind = (uint8_t)kind;
	l->flags = 0;
	l->offset = (uint32_t)o;
	l->hdr_len = RK_ICMP_HLEN;
	l->cap_len = RK_ICMP_HLEN;
	/* The checksum covers the whole message; ICMPv6's a pseudo-header too. */
	uint64_t end = ip->end;
	int8_t ok = RK_CSUM_UNKNOWN;
	if (!ip->frag && end >= o + RK_ICMP_HLEN) {
		uint32_t len = (uint32_t)(end - o);
		ok = rkint_csum_check(r, len,
				      kind == RK_LAYER_ICMP ? 0 : rkint_pseudo(ip, RK_IPPROTO_ICMPV6, len));
	}
	l->csum_ok = ok;
	size_t have = rk_rd_left(r) - RK_ICMP_HLEN;
	rk_rd_skip(r, RK_ICMP_HLEN);
	rkint_put_payload(l + 1, o + RK_ICMP_HLEN, rkint_span(end, o + RK_ICMP_HLEN), have);
	return 1;
}

/*
 * d, r and ip are locals of the inlined fast path (rk_decode()'s, for
 * Ethernet): as long as their addresses go nowhere else, the compiler
 * keeps their fields in registers. So the out-of-line fallbacks get copies
 * (made only on that path), not the locals themselves, which would pin the
 * structures to the stack and cost a dozen stores and reloads per packet.
 * Nothing reads them after a fallback returns.
 */
RKINT_INLINE void ipproto_fast(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip,
				uint8_t proto)
{
	if (proto == RK_IPPROTO_TCP) {
		if (tcp_fast(d, r, ip))
			return;
	} else if (proto == RK_IPPROTO_UDP) {
		if (udp_fast(d, r, ip))
			return;
	} else if (proto == RK_IPPROTO_ICMP && !ip->v6) {
		if (echo_fast(d, r, ip, RK_LAYER_ICMP))
			return;
	} else if (proto == RK_IPPROTO_ICMPV6 && ip->v6) {
		if (echo_fast(d, r, ip, RK_LAYER_ICMP6))
			return;
	}
	struct rkint_dec dc = *d;
	struct rk_rd rc = *r;
	struct rkint_ip ipc = *ip;
	rkint_dec_ipproto(&dc, &rc, &ipc, proto);
}

/*
 * IPv4, fast: the whole 20-byte header captured, ihl 5, a total length
 * that fits the frame, not a non-first fragment, not tunnelled or quoted,
 * room in the table.
 */
RKINT_INLINE int ipv4_fast(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	struct rk_pkt *p = d->pkt;
	unsigned n = p->n;
	struct rk_rd f;
	if (RKINT_UNLIKELY(d->inner || n >= RK_PKT_MAX_LAYERS || !rk_rd_view(r, RK_IPV4_HLEN, &f)))
		return 0;
	/* Everything goes straight into the unlisted slot, the checksum verdict
	   included, so that few values stay live across the checks. The
	   verdict holds only for ihl 5, checked below before it counts. */
	struct rk_layer *l = &p->layer[n];
	struct rk_ipv4_hdr *h = &l->h.ipv4;
	struct rk_rd whole = f;
	/* the verdict before the fields' stores: a byte store may alias the
	   packet, and the field reads then share the checksum's loads */
	int8_t ok = rkint_ipv4_hdr_ok(rk_rd_bytes(&whole, RK_IPV4_HLEN)) ? RK_CSUM_OK : RK_CSUM_BAD;
	(void)rkint_ipv4_fields(&f, h);
	l->csum_ok = ok;
	size_t o = rk_rd_offset(r);
	uint32_t len = h->len;
	if (RKINT_UNLIKELY(h->ihl != 5 || len < RK_IPV4_HLEN || len > lim - o || h->frag))
		return 0;
	p->n = n + 1;
	l->kind = RK_LAYER_IPV4;
	l->flags = 0;
	l->offset = (uint32_t)o;
	l->hdr_len = RK_IPV4_HLEN;
	l->cap_len = RK_IPV4_HLEN;
	struct rkint_ip ip;
	ip.ip = l;
	ip.dst6 = NULL;
	ip.end = o + len;
	ip.lim = ip.end < lim ? ip.end : lim;
	ip.addr_sum = rkint_word_sum(h->src) + rkint_word_sum(h->dst);
	ip.v6 = false;
	ip.frag = h->mf;
	struct rk_rd dg;
	(void)rk_rd_sub(r, ip.lim - o, &dg);
	rk_rd_skip(&dg, RK_IPV4_HLEN);
	ipproto_fast(d, &dg, &ip, h->proto);
	return 1;
}

/* IPv6, fast: the whole 40-byte header captured, a payload length that
   fits the frame, not tunnelled or quoted, room in the table. */
RKINT_INLINE int ipv6_fast(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	struct rk_pkt *p = d->pkt;
	unsigned n = p->n;
	struct rk_rd f;
	if (RKINT_UNLIKELY(d->inner || n >= RK_PKT_MAX_LAYERS || !rk_rd_view(r, RK_IPV6_HLEN, &f)))
		return 0;
	struct rk_layer *l = &p->layer[n];
	struct rk_ipv6_hdr *h = &l->h.ipv6;
	rkint_ipv6_fields(&f, h);
	size_t o = rk_rd_offset(r);
	if (RKINT_UNLIKELY(h->plen > lim - o - RK_IPV6_HLEN))
		return 0;
	p->n = n + 1;
	l->kind = RK_LAYER_IPV6;
	l->flags = 0;
	l->csum_ok = RK_CSUM_NONE;
	l->offset = (uint32_t)o;
	l->hdr_len = RK_IPV6_HLEN;
	l->cap_len = RK_IPV6_HLEN;
	struct rkint_ip ip;
	ip.ip = l;
	ip.dst6 = h->dst;
	ip.end = o + RK_IPV6_HLEN + h->plen;
	ip.lim = ip.end < lim ? ip.end : lim;
	ip.addr_sum = 0;
	ip.v6 = true;
	ip.frag = false;
	struct rk_rd dg;
	(void)rk_rd_sub(r, ip.lim - o, &dg);
	rk_rd_skip(&dg, RK_IPV6_HLEN);
	uint8_t nh = h->nh;
	if (nh == RK_IPPROTO_HOPOPTS || nh == RK_IPPROTO_DSTOPTS || nh == RK_IPPROTO_ROUTING ||
	    nh == RK_IPPROTO_FRAGMENT) {
		struct rkint_dec dc = *d; /* copies: see ipproto_fast */
		struct rk_rd rc = dg;
		struct rkint_ip ipc = ip;
		rkint_ipv6_chain(&dc, &rc, &ipc, nh);
	} else {
		ipproto_fast(d, &dg, &ip, nh);
	}
	return 1;
}

#endif
