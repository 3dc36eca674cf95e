/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_icmp.c - rk_decode()'s ICMP (RFC 792) and ICMPv6 (RFC 4443)
 * layers. Error messages quote the offending datagram; it is decoded as
 * further layers flagged RK_LAYER_INNER, where only truncation applies, no
 * payload follows, and a quoted error's own quotation is left alone.
 */
#include "decode_int.h"
#include "rawkit/csum.h"

/* After an error header: the quotation, to the end of the datagram. */
static void dec_quote(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	if (d->inner)
		return; /* a quoted error's quotation is not decoded */
	d->inner = RK_LAYER_INNER;
	if (ip->v6)
		rkint_dec_ipv6(d, r, ip->lim, NULL);
	else
		rkint_dec_ipv4(d, r, ip->lim, NULL);
}

void rkint_dec_icmp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_ICMP, r);
	if (!l)
		return;
	struct rk_icmp_hdr *h = &l->h.icmp;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	struct rk_rd f;
	if (rk_rd_view(r, RK_ICMP_HLEN, &f))
		rkint_icmp_fields(&f, h);
	bool tstamp = have >= 1 && (rk_rd_peek_u8(r, 0) == RK_ICMP_TSTAMP ||
				    rk_rd_peek_u8(r, 0) == RK_ICMP_TSTAMPREPLY);
	if (have < RK_ICMP_HLEN || tstamp) {
		f = *r;
		(void)rk_icmp_decode(&f, h);
	}

	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = tstamp ? RK_ICMP_TSTAMP_LEN : RK_ICMP_HLEN;
	if (!rkint_fit(d, l, l->hdr_len, have, ip->lim, "icmp: header past datagram"))
		return;
	/* The checksum covers the whole message, no pseudo-header. */
	if (!ip->frag && ip->end >= o + l->hdr_len)
		l->csum_ok = rkint_csum_check(r, ip->end - o, 0);
	rk_rd_skip(r, l->hdr_len);
	if (rk_icmp_is_error(h->type))
		dec_quote(d, r, ip);
	else
		rkint_payload(d, r, rkint_span(ip->end, o + l->hdr_len));
}

void rkint_dec_icmp6(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_ICMP6, r);
	if (!l)
		return;
	struct rk_icmp6_hdr *h = &l->h.icmp6;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	struct rk_rd f;
	if (rk_rd_view(r, RK_ICMP6_HLEN, &f)) {
		rkint_icmp6_fields(&f, h);
	} else {
		f = *r;
		(void)rk_icmp6_decode(&f, h);
	}

	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = RK_ICMP6_HLEN;
	if (!rkint_fit(d, l, RK_ICMP6_HLEN, have, ip->lim, "icmpv6: header past datagram"))
		return;
	if (!ip->frag && ip->end >= o + RK_ICMP6_HLEN) {
		uint32_t len = (uint32_t)(ip->end - o);
		l->csum_ok = rkint_csum_check(r, len, rkint_pseudo(ip, RK_IPPROTO_ICMPV6, len));
	}
	rk_rd_skip(r, RK_ICMP6_HLEN);
	if (rk_icmp6_is_error(h->type))
		dec_quote(d, r, ip);
	else
		rkint_payload(d, r, rkint_span(ip->end, o + RK_ICMP6_HLEN));
}
