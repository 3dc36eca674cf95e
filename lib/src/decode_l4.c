/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_l4.c - rk_decode()'s TCP (RFC 9293) and UDP (RFC 768) layers, and
 * the checksum helpers every transport layer uses: pseudo-headers (RFC 793,
 * RFC 8200 8.1) and verification over captured bytes only.
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

/* The sum of the 16-bit words of an IPv6 address (16 bytes, our copy or
   borrowed from a routing header), through a cursor of exactly that size;
   unrolled, so that the bounds checks fold away. */
static inline uint32_t addr6_sum(const uint8_t *a)
{
	struct rk_rd c;
	rk_rd_init(&c, a, 16);
	uint32_t s = rkint_word_sum(rk_rd_u32(&c));
	s += rkint_word_sum(rk_rd_u32(&c));
	s += rkint_word_sum(rk_rd_u32(&c));
	return s + rkint_word_sum(rk_rd_u32(&c));
}

/* Pseudo-headers (RFC 793 3.1, RFC 8200 8.1): not folded, at most a few
   times 0xffff, which rk_csum_partial() takes as its starting sum. */
uint32_t rkint_pseudo(const struct rkint_ip *ip, uint8_t proto, uint32_t len)
{
	uint32_t s = proto + (len >> 16) + (len & 0xffffu);
	if (ip->v6)
		return s + addr6_sum(ip->ip->h.ipv6.src) + addr6_sum(ip->dst6);
	uint32_t src = ip->ip->h.ipv4.src, dst = ip->ip->h.ipv4.dst;
	return s + (src >> 16) + (src & 0xffffu) + (dst >> 16) + (dst & 0xffffu);
}

int8_t rkint_csum_check(const struct rk_rd *r, uint64_t len, uint32_t sum)
{
	struct rk_rd c = *r;
	if (rk_rd_left(&c) < len)
		return RK_CSUM_UNKNOWN;
	const uint8_t *p = rk_rd_bytes(&c, (size_t)len);
	return rk_csum_finish(rk_csum_partial(p, (size_t)len, sum)) == 0 ? RK_CSUM_OK : RK_CSUM_BAD;
}

/* The whole option list must be well formed (rk_tcp_opt_next()'s rules,
   without filling an option per turn); EOL ends it. */
static int tcp_opts_ok(const struct rk_tcp_hdr *h)
{
	struct rk_rd o;
	if (!h->opts_len)
		return 1;
	rk_rd_init(&o, h->opts, h->opts_len);
	while (rk_rd_left(&o)) {
		uint8_t kind = rk_rd_u8(&o);
		if (kind == RK_TCPOPT_EOL)
			return 1;
		if (kind == RK_TCPOPT_NOP)
			continue;
		uint8_t len = rk_rd_peek_u8(&o, 0); /* 0 when missing */
		if (len < 2 || rk_rd_left(&o) < len - 1u)
			return 0;
		rk_rd_skip(&o, len - 1u);
	}
	return 1;
}

void rkint_dec_tcp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_TCP, r);
	if (!l)
		return;
	struct rk_tcp_hdr *h = &l->h.tcp;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	if (have >= RK_TCP_HLEN) {
		struct rk_rd f;
		rk_rd_init(&f, rk_rd_ptr(r), RK_TCP_HLEN);
		rkint_tcp_fields(&f, h);
	} else {
		struct rk_rd f = *r;
		(void)rk_tcp_decode(&f, h);
	}

	uint8_t doff = h->doff; /* 0 when not captured */
	uint32_t hl = doff >= 5 ? doff * 4u : RK_TCP_HLEN;
	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = hl;
	if (!rkint_fit(d, l, RK_TCP_HLEN, have, ip->lim, "tcp: header past datagram"))
		return;
	if (doff < 5) {
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
		if (!rkint_fit(d, l, hl, have, ip->lim, "tcp: data offset past datagram"))
			return;
		if (!tcp_opts_ok(h)) {
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

void rkint_dec_udp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_UDP, r);
	if (!l)
		return;
	struct rk_udp_hdr *h = &l->h.udp;
	size_t have = rk_rd_left(r);
	size_t o = l->offset;
	if (have >= RK_UDP_HLEN) {
		struct rk_rd f;
		rk_rd_init(&f, rk_rd_ptr(r), RK_UDP_HLEN);
		rkint_udp_fields(&f, h);
	} else {
		struct rk_rd f = *r;
		(void)rk_udp_decode(&f, h);
	}

	l->csum_ok = RK_CSUM_UNKNOWN;
	l->hdr_len = RK_UDP_HLEN;
	if (!rkint_fit(d, l, RK_UDP_HLEN, have, ip->lim, "udp: header past datagram"))
		return;
	uint16_t ulen = h->len, csum = h->csum;
	if (ulen < RK_UDP_HLEN) {
		rkint_malformed(d, l, ulen_short[ulen]);
		return;
	}
	/* A first fragment holds only the start of what udp.len covers. */
	if (!d->inner && !ip->frag && ulen > ip->end - o) {
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
