/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_ip.c - rk_decode()'s IP layers: IPv4 (RFC 791) with options, IPv6
 * (RFC 8200) with hop-by-hop, destination, routing and fragment extension
 * headers, fragments, IP-in-IP (protocols 4 and 41), and the dispatch to
 * transport headers. Length checks follow shared/packet-json.md's Rules; in
 * a quoted datagram (ICMP error) lengths are not checked.
 *
 * The common, whole, well-formed datagram takes the fast path in
 * decode_fast.h; the functions here are the general code it falls back to
 * and shortcuts (the Rules live here).
 */
#include "decode_fast.h"
#include "rawkit/csum.h"

static const char *const ihl_short[5] = {
	"ipv4: ihl 0 < 5", "ipv4: ihl 1 < 5", "ipv4: ihl 2 < 5", "ipv4: ihl 3 < 5", "ipv4: ihl 4 < 5",
};

void rkint_dec_ipproto(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip, uint8_t proto)
{
	switch (proto) {
	case RK_IPPROTO_TCP:
		rkint_dec_tcp(d, r, ip);
		return;
	case RK_IPPROTO_UDP:
		rkint_dec_udp(d, r, ip);
		return;
	case RK_IPPROTO_ICMP:
		if (!ip->v6) {
			rkint_dec_icmp(d, r, ip);
			return;
		}
		break;
	case RK_IPPROTO_ICMPV6:
		if (ip->v6) {
			rkint_dec_icmp6(d, r, ip);
			return;
		}
		break;
	case RK_IPPROTO_IPIP:
		rkint_dec_ipv4(d, r, ip->lim, ip);
		return;
	case RK_IPPROTO_IPV6:
		rkint_dec_ipv6(d, r, ip->lim, ip);
		return;
	case RK_IPPROTO_NONE:
		if (ip->v6)
			return; /* no next header: nothing follows, not even a payload */
		break;
	}
	rkint_payload(d, r, rkint_span(ip->end, rk_rd_offset(r)));
}

/* Fewer than 20 bytes in the region: the fields whose bytes are there, and
   truncated or malformed. Out of line: the whole-header path stays short. */
static __attribute__((noinline, cold)) void ipv4_short(struct rkint_dec *d, struct rk_rd *r,
							struct rk_layer *l, uint64_t lim,
							const struct rkint_ip *outer)
{
	struct rk_ipv4_hdr *h = &l->h.ipv4;
	struct rk_rd f = *r;
	(void)rk_ipv4_decode(&f, h);
	uint8_t ihl = h->ihl; /* 0 when not captured */
	l->hdr_len = ihl >= 5 ? ihl * 4u : RK_IPV4_HLEN;
	(void)rkint_fit(d, l, RK_IPV4_HLEN, rk_rd_left(r), lim,
			outer ? "ipv4: header past datagram" : "ipv4: header past frame");
}

/* For the general code (tunnels, quotations, extension headers, fallbacks):
   the fast path first all the same. */
void rkint_dec_tcp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	if (!tcp_fast(d, r, ip))
		rkint_dec_tcp_general(d, r, ip);
}

void rkint_dec_udp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	if (!udp_fast(d, r, ip))
		rkint_dec_udp_general(d, r, ip);
}

/* The general case: everything ipv4_fast (decode_fast.h) declines. Out of
   line, so that its many live values do not crowd the fast path's
   registers. */
void rkint_dec_ipv4_general(struct rkint_dec *d, struct rk_rd *r, uint64_t lim,
			    const struct rkint_ip *outer)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_IPV4, r);
	if (!l)
		return;
	l->csum_ok = RK_CSUM_UNKNOWN;
	struct rk_rd f;
	if (!rk_rd_view(r, RK_IPV4_HLEN, &f)) {
		ipv4_short(d, r, l, lim, outer);
		return;
	}
	struct rk_ipv4_hdr *h = &l->h.ipv4;
	uint32_t sum = rkint_ipv4_fields(&f, h); /* the header's words, for its checksum */
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	uint8_t ihl = h->ihl;
	uint32_t hl = ihl >= 5 ? ihl * 4u : RK_IPV4_HLEN;
	l->hdr_len = hl;
	l->cap_len = (uint32_t)(have < hl ? have : hl);
	if (__builtin_expect(ihl < 5, 0)) {
		rkint_malformed(d, l, ihl_short[ihl]);
		return;
	}
	if (__builtin_expect(hl > RK_IPV4_HLEN, 0)) { /* options, borrowed: what was captured of them */
		struct rk_rd opt = *r;
		rk_rd_skip(&opt, RK_IPV4_HLEN);
		rk_rd_limit(&opt, hl - RK_IPV4_HLEN);
		if (rk_rd_left(&opt)) {
			h->opts = rk_rd_ptr(&opt);
			h->opts_len = rk_rd_left(&opt);
		}
	}
	bool outer_frag = outer && outer->frag;
	/* The options cut by the snap length: truncated, whatever the lengths say. */
	if (__builtin_expect(have < hl, 0) && (d->inner || d->caplen < lim)) {
		l->flags |= RK_LAYER_TRUNCATED;
		return;
	}
	if (!d->inner) {
		if (__builtin_expect(h->len < hl, 0)) {
			rkint_malformed(d, l, "ipv4: total length < header length");
			return;
		}
		if (__builtin_expect(h->len > lim - o, 0) && !outer_frag) {
			rkint_malformed(d, l, outer ? "ipv4: total length past datagram" :
						      "ipv4: total length past frame");
			return;
		}
	}
	if (__builtin_expect(have < hl, 0)) { /* only past a fragment's end */
		rkint_malformed(d, l, "ipv4: header past datagram");
		return;
	}
	if (h->opts_len)
		sum = rk_csum_partial(h->opts, h->opts_len, sum);
	l->csum_ok = rk_csum_finish(sum) == 0 ? RK_CSUM_OK : RK_CSUM_BAD;

	struct rkint_ip ip = {.ip = l, .dst6 = NULL, .v6 = false};
	ip.addr_sum = rkint_word_sum(h->src) + rkint_word_sum(h->dst);
	ip.frag = outer_frag || h->mf || h->frag;
	struct rk_rd dg;
	if (!d->inner) {
		ip.end = o + h->len;
		ip.lim = ip.end < lim ? ip.end : lim;
		(void)rk_rd_sub(r, ip.lim - o, &dg);
	} else {
		/* A quotation holds a prefix of the datagram and its total length
		   is not checked: decode what was quoted, and trust the length only
		   to tell whether a checksum's bytes are all there. */
		ip.end = h->len >= hl ? o + h->len : 0;
		ip.lim = lim;
		dg = *r;
	}
	rk_rd_skip(&dg, hl);
	if (__builtin_expect(h->frag != 0, 0)) { /* not the first fragment: no transport header here */
		rkint_payload(d, &dg, rkint_span(ip.end, rk_rd_offset(&dg)));
		return;
	}
	rkint_dec_ipproto(d, &dg, &ip, h->proto);
}

void rkint_dec_ipv4(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer)
{
	if (outer || !ipv4_fast(d, r, lim))
		rkint_dec_ipv4_general(d, r, lim, outer);
}

/* The final destination a routing header names (RFC 8200 8.1): the last
   address of a type 0 or 2 header; Segment List[0] of a segment routing
   header (type 4, RFC 8754 2), after its last-entry, flags and tag. */
static const uint8_t *route_final_dst(const struct rk_ipv6_route_hdr *rh)
{
	struct rk_rd t;
	rk_rd_init(&t, rh->data, rh->data_len);
	rk_rd_skip(&t, rh->rtype == 4 ? 4 : rh->data_len - 16);
	return rk_rd_bytes(&t, 16);
}

/* Fewer than 40 bytes in the region (see ipv4_short). */
static __attribute__((noinline, cold)) void ipv6_short(struct rkint_dec *d, struct rk_rd *r,
							struct rk_layer *l, uint64_t lim,
							const struct rkint_ip *outer)
{
	struct rk_rd f = *r;
	(void)rk_ipv6_decode(&f, &l->h.ipv6);
	(void)rkint_fit(d, l, RK_IPV6_HLEN, rk_rd_left(r), lim,
			outer ? "ipv6: header past datagram" : "ipv6: header past frame");
}

/* The extension headers after an IPv6 header (at the cursor, next header
   nh), then what they carry. Each turn lists a header of at least 8 bytes
   or ends the loop. */
void rkint_ipv6_chain(struct rkint_dec *d, const struct rk_rd *r, const struct rkint_ip *ipp,
		      uint8_t nh)
{
	struct rk_rd dg = *r;
	struct rkint_ip ip = *ipp;
	for (;;) {
		int kind;
		const char *why;
		switch (nh) {
		case RK_IPPROTO_HOPOPTS:
			kind = RK_LAYER_IPV6_HOP;
			why = "ipv6.hop: header past datagram";
			break;
		case RK_IPPROTO_DSTOPTS:
			kind = RK_LAYER_IPV6_DST;
			why = "ipv6.dst: header past datagram";
			break;
		case RK_IPPROTO_ROUTING:
			kind = RK_LAYER_IPV6_ROUTE;
			why = "ipv6.route: header past datagram";
			break;
		case RK_IPPROTO_FRAGMENT:
			kind = RK_LAYER_IPV6_FRAG;
			why = "ipv6.frag: header past datagram";
			break;
		default:
			rkint_dec_ipproto(d, &dg, &ip, nh);
			return;
		}
		struct rk_layer *e = rkint_push(d, kind, &dg);
		if (!e)
			return;
		size_t ehave = rk_rd_left(&dg);
		struct rk_rd er = dg;
		if (kind == RK_LAYER_IPV6_FRAG) {
			(void)rk_ipv6_frag_decode(&er, &e->h.ipv6_frag);
			e->hdr_len = RK_IPV6_FRAG_HLEN;
			nh = e->h.ipv6_frag.nh;
		} else if (kind == RK_LAYER_IPV6_ROUTE) {
			(void)rk_ipv6_route_decode(&er, &e->h.ipv6_route);
			e->hdr_len = e->h.ipv6_route.len ? e->h.ipv6_route.len : 8u;
			nh = e->h.ipv6_route.nh;
		} else {
			(void)rk_ipv6_opts_decode(&er, &e->h.ipv6_opts);
			e->hdr_len = e->h.ipv6_opts.len ? e->h.ipv6_opts.len : 8u;
			nh = e->h.ipv6_opts.nh;
		}
		if (!rkint_fit(d, e, e->hdr_len, ehave, ip.lim, why))
			return;
		rk_rd_skip(&dg, e->hdr_len);

		if (kind == RK_LAYER_IPV6_ROUTE) {
			/* RFC 8200 8.1: the pseudo-header carries the final destination,
			   as the builder's pseudo_sum() does. */
			const struct rk_ipv6_route_hdr *rh = &e->h.ipv6_route;
			if ((rh->rtype == 0 || rh->rtype == 2 || rh->rtype == 4) && rh->segleft > 0 &&
			    rh->len >= 24)
				ip.dst6 = route_final_dst(rh);
		} else if (kind == RK_LAYER_IPV6_FRAG) {
			const struct rk_ipv6_frag_hdr *fh = &e->h.ipv6_frag;
			if (fh->offset) { /* not the first fragment */
				rkint_payload(d, &dg, rkint_span(ip.end, rk_rd_offset(&dg)));
				return;
			}
			if (fh->m) /* offset 0 and M=0 is atomic (RFC 6946): whole */
				ip.frag = true;
		}
	}
}

/* The general case: everything ipv6_fast (decode_fast.h) declines. */
void rkint_dec_ipv6_general(struct rkint_dec *d, struct rk_rd *r, uint64_t lim,
			    const struct rkint_ip *outer)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_IPV6, r);
	if (!l)
		return;
	struct rk_ipv6_hdr *h = &l->h.ipv6;
	size_t o = l->offset;
	struct rk_rd f;
	l->hdr_len = RK_IPV6_HLEN;
	if (!rk_rd_view(r, RK_IPV6_HLEN, &f)) {
		ipv6_short(d, r, l, lim, outer);
		return;
	}
	rkint_ipv6_fields(&f, h);
	l->cap_len = RK_IPV6_HLEN;
	bool outer_frag = outer && outer->frag;
	if (!d->inner && h->plen > lim - o - RK_IPV6_HLEN && !outer_frag) {
		rkint_malformed(d, l, outer ? "ipv6: payload length past datagram" :
					      "ipv6: payload length past frame");
		return;
	}

	struct rkint_ip ip = {.ip = l, .dst6 = h->dst, .v6 = true, .frag = outer_frag};
	ip.end = o + RK_IPV6_HLEN + h->plen;
	struct rk_rd dg;
	if (!d->inner) {
		ip.lim = ip.end < lim ? ip.end : lim;
		(void)rk_rd_sub(r, ip.lim - o, &dg);
	} else {
		ip.lim = lim;
		dg = *r;
	}
	rk_rd_skip(&dg, RK_IPV6_HLEN);
	rkint_ipv6_chain(d, &dg, &ip, h->nh);
}

void rkint_dec_ipv6(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer)
{
	if (outer || !ipv6_fast(d, r, lim))
		rkint_dec_ipv6_general(d, r, lim, outer);
}
