/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_ip.c - rk_decode()'s IP layers: IPv4 (RFC 791) with options, IPv6
 * (RFC 8200) with hop-by-hop, destination, routing and fragment extension
 * headers, fragments, IP-in-IP (protocols 4 and 41), and the dispatch to
 * transport headers. Length checks follow shared/packet-json.md's Rules; in
 * a quoted datagram (ICMP error) lengths are not checked.
 */
#include "decode_int.h"
#include "rawkit/csum.h"

static const char *const ihl_short[5] = {
	"ipv4: ihl 0 < 5", "ipv4: ihl 1 < 5", "ipv4: ihl 2 < 5", "ipv4: ihl 3 < 5", "ipv4: ihl 4 < 5",
};

static void dec_ipproto(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip, uint8_t proto)
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

void rkint_dec_ipv4(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_IPV4, r);
	if (!l)
		return;
	struct rk_ipv4_hdr *h = &l->h.ipv4;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	uint32_t sum = 0; /* the header's words, for its checksum */
	if (have >= RK_IPV4_HLEN) {
		struct rk_rd f;
		rk_rd_init(&f, rk_rd_ptr(r), RK_IPV4_HLEN);
		sum = rkint_ipv4_fields(&f, h);
	} else {
		struct rk_rd f = *r;
		(void)rk_ipv4_decode(&f, h);
	}

	uint8_t ihl = h->ihl; /* 0 when not captured */
	uint32_t hl = ihl >= 5 ? ihl * 4u : RK_IPV4_HLEN;
	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = hl;
	if (!rkint_fit(d, l, RK_IPV4_HLEN, have, lim,
		       outer ? "ipv4: header past datagram" : "ipv4: header past frame"))
		return;
	if (ihl < 5) {
		rkint_malformed(d, l, ihl_short[ihl]);
		return;
	}
	if (hl > RK_IPV4_HLEN) { /* options, borrowed: what was captured of them */
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
	if (have < hl && (d->inner || d->caplen < lim)) {
		l->flags |= RK_LAYER_TRUNCATED;
		return;
	}
	if (!d->inner) {
		if (h->len < hl) {
			rkint_malformed(d, l, "ipv4: total length < header length");
			return;
		}
		if (h->len > lim - o && !outer_frag) {
			rkint_malformed(d, l, outer ? "ipv4: total length past datagram" :
						      "ipv4: total length past frame");
			return;
		}
	}
	if (have < hl) { /* only past a fragment's end */
		rkint_malformed(d, l, "ipv4: header past datagram");
		return;
	}
	if (h->opts_len)
		sum = rk_csum_partial(h->opts, h->opts_len, sum);
	l->csum_ok = rk_csum_finish(sum) == 0 ? RK_CSUM_OK : RK_CSUM_BAD;

	struct rkint_ip ip = {.ip = l, .dst6 = NULL, .v6 = false};
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
	if (h->frag) { /* not the first fragment: no transport header here */
		rkint_payload(d, &dg, rkint_span(ip.end, rk_rd_offset(&dg)));
		return;
	}
	dec_ipproto(d, &dg, &ip, h->proto);
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

void rkint_dec_ipv6(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_IPV6, r);
	if (!l)
		return;
	struct rk_ipv6_hdr *h = &l->h.ipv6;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	if (have >= RK_IPV6_HLEN) {
		struct rk_rd f;
		rk_rd_init(&f, rk_rd_ptr(r), RK_IPV6_HLEN);
		rkint_ipv6_fields(&f, h);
	} else {
		struct rk_rd f = *r;
		(void)rk_ipv6_decode(&f, h);
	}

	l->hdr_len = RK_IPV6_HLEN;
	if (!rkint_fit(d, l, RK_IPV6_HLEN, have, lim,
		       outer ? "ipv6: header past datagram" : "ipv6: header past frame"))
		return;
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

	/* Each turn lists a header of at least 8 bytes or ends the loop. */
	uint8_t nh = h->nh;
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
			dec_ipproto(d, &dg, &ip, nh);
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
