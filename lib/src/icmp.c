/* SPDX-License-Identifier: BSD-2-Clause */
/* icmp.c - ICMP for IPv4 (RFC 792): echo, timestamp, errors quoting a
   datagram. */
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/icmp.h"

RK_API int rk_icmp_is_error(uint8_t type)
{
	return type == RK_ICMP_UNREACH || type == RK_ICMP_SOURCEQUENCH || type == RK_ICMP_REDIRECT ||
	       type == RK_ICMP_TIMXCEED || type == RK_ICMP_PARAMPROB;
}

static int is_tstamp(uint8_t type)
{
	return rkint_icmp_is_tstamp(type);
}

RK_API size_t rk_icmp_build_len(const struct rk_icmp_hdr *h)
{
	return is_tstamp(h->type) ? RK_ICMP_TSTAMP_LEN : RK_ICMP_HLEN;
}

/* The header is written whole, or not at all (build_int.h). */
RK_API int rk_icmp_build(struct rk_wr *wr, const struct rk_icmp_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, rk_icmp_build_len(h));
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_icmp_put(p, h);
	return RK_OK;
}

RK_API size_t rk_icmp_quote_len(const uint8_t *datagram, size_t len)
{
	if (len == 0)
		return 0;
	size_t want = (size_t)(datagram[0] & 0xfu) * 4 + 8;
	return want < len ? want : len;
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_icmp_decode(struct rk_rd *rd, struct rk_icmp_hdr *h)
{
	struct rk_rd f;
	if (!rk_rd_has(rd, RK_ICMP_HLEN)) {
		f = *rd;
		rkint_icmp_fields(&f, h);
		*rd = f;
		return rk_rd_err(rd);
	}
	rk_rd_init(&f, rk_rd_bytes(rd, RK_ICMP_HLEN), RK_ICMP_HLEN);
	rkint_icmp_fields(&f, h);
	if (is_tstamp(h->type)) {
		struct rk_rd t = *rd;
		uint32_t o = rk_rd_u32(&t), r = rk_rd_u32(&t), x = rk_rd_u32(&t);
		h->otime = o;
		h->rtime = r;
		h->ttime = x;
		*rd = t;
	}
	return rk_rd_err(rd);
}
