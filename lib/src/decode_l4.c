/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_l4.c - rk_decode()'s TCP (RFC 9293) and UDP (RFC 768) layers in
 * general: truncated, malformed, quoted, or past the layer table's end. The
 * common, whole, well-formed segment takes the fast path next to the IP
 * layers (decode_fast.h); the checksum helpers are in decode_int.h.
 */
#include "decode_int.h"
#include "rawkit/csum.h"

static const char *const doff_short[5] = {
	"tcp: doff 0 < 5", "tcp: doff 1 < 5", "tcp: doff 2 < 5", "tcp: doff 3 < 5", "tcp: doff 4 < 5",
};

static const char *const ulen_short[8] = {
	"udp: length 0 < 8", "udp: length 1 < 8", "udp: length 2 < 8", "udp: length 3 < 8",
	"udp: length 4 < 8", "udp: length 5 < 8", "udp: length 6 < 8", "udp: length 7 < 8",
};

/* Fewer than 20 bytes in the region: the fields whose bytes are there, and
   truncated or malformed. Out of line: the whole-header path stays short. */
static __attribute__((noinline, cold)) void tcp_short(struct rkint_dec *d, const struct rk_rd *r,
						       struct rk_layer *l, const struct rkint_ip *ip)
{
	struct rk_tcp_hdr *h = &l->h.tcp;
	struct rk_rd f = *r;
	(void)rk_tcp_decode(&f, h);
	uint8_t doff = h->doff; /* 0 when not captured */
	l->hdr_len = doff >= 5 ? doff * 4u : RK_TCP_HLEN;
	(void)rkint_fit(d, l, RK_TCP_HLEN, rk_rd_left(r), ip->lim, "tcp: header past datagram");
}

/* TCP when the fast path (tcp_fast in decode_fast.h) declines: every case. */
void rkint_dec_tcp_general(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_TCP, r);
	if (!l)
		return;
	l->csum_ok = RK_CSUM_UNKNOWN;
	struct rk_rd f;
	if (!rk_rd_view(r, RK_TCP_HLEN, &f)) {
		tcp_short(d, r, l, ip);
		return;
	}
	struct rk_tcp_hdr *h = &l->h.tcp;
	rkint_tcp_fields(&f, h);
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	uint8_t doff = h->doff;
	uint32_t hl = doff >= 5 ? doff * 4u : RK_TCP_HLEN;
	l->hdr_len = hl;
	l->cap_len = (uint32_t)(have < hl ? have : hl);
	if (__builtin_expect(doff < 5, 0)) {
		rkint_malformed(d, l, doff_short[doff]);
		return;
	}
	if (hl > RK_TCP_HLEN) { /* options, borrowed: what was captured of them */
		struct rk_rd opt = *r;
		rk_rd_skip(&opt, RK_TCP_HLEN);
		rk_rd_limit(&opt, hl - RK_TCP_HLEN);
		if (rk_rd_left(&opt)) {
			h->opts = rk_rd_ptr(&opt);
			h->opts_len = rk_rd_left(&opt);
		}
		if (__builtin_expect(have < hl, 0)) {
			(void)rkint_fit(d, l, hl, have, ip->lim, "tcp: data offset past datagram");
			return;
		}
		if (!rkint_tcp_opts_ok(h->opts, h->opts_len)) {
			rkint_malformed(d, l, "tcp: bad option length");
			return;
		}
	}
	/* The checksum covers the rest of the datagram (RFC 9293 3.1). */
	uint64_t end = ip->end;
	if (!ip->frag && end >= o + hl) {
		uint32_t seg = (uint32_t)(end - o);
		l->csum_ok = rkint_csum_check(r, seg, rkint_pseudo(ip, RK_IPPROTO_TCP, seg));
	}
	rk_rd_skip(r, hl);
	rkint_payload(d, r, rkint_span(end, o + hl));
}

/* Fewer than 8 bytes in the region (see tcp_short). */
static __attribute__((noinline, cold)) void udp_short(struct rkint_dec *d, const struct rk_rd *r,
						       struct rk_layer *l, const struct rkint_ip *ip)
{
	struct rk_rd f = *r;
	(void)rk_udp_decode(&f, &l->h.udp);
	(void)rkint_fit(d, l, RK_UDP_HLEN, rk_rd_left(r), ip->lim, "udp: header past datagram");
}

/* UDP when the fast path (udp_fast in decode_fast.h) declines: every case. */
void rkint_dec_udp_general(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_UDP, r);
	if (!l)
		return;
	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = RK_UDP_HLEN;
	struct rk_rd f;
	if (!rk_rd_view(r, RK_UDP_HLEN, &f)) {
		udp_short(d, r, l, ip);
		return;
	}
	struct rk_udp_hdr *h = &l->h.udp;
	rkint_udp_fields(&f, h);
	l->cap_len = RK_UDP_HLEN;
	size_t o = l->offset;
	uint16_t ulen = h->len, csum = h->csum;
	if (__builtin_expect(ulen < RK_UDP_HLEN, 0)) {
		rkint_malformed(d, l, ulen_short[ulen]);
		return;
	}
	/* A first fragment holds only the start of what udp.len covers. */
	if (!d->inner && !ip->frag && __builtin_expect(ulen > ip->end - o, 0)) {
		rkint_malformed(d, l, "udp: length past datagram");
		return;
	}
	if (csum == 0)
		l->csum_ok = ip->v6 ? RK_CSUM_BAD : RK_CSUM_OK; /* RFC 8200 8.1 / RFC 768 */
	else if (!ip->frag)
		l->csum_ok = rkint_csum_check(r, ulen, rkint_pseudo(ip, RK_IPPROTO_UDP, ulen));
	rk_rd_skip(r, RK_UDP_HLEN);
	rkint_payload(d, r, ulen - RK_UDP_HLEN);
}
