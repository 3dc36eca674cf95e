/* SPDX-License-Identifier: BSD-2-Clause */
/* udp.c - UDP header (RFC 768). */
#include "decode_int.h"
#include "rawkit/udp.h"

RK_API int rk_udp_build(struct rk_wr *wr, const struct rk_udp_hdr *h)
{
	rk_wr_u16(wr, h->sport);
	rk_wr_u16(wr, h->dport);
	rk_wr_u16(wr, h->len);
	rk_wr_u16(wr, h->csum);
	return rk_wr_err(wr);
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_udp_decode(struct rk_rd *rd, struct rk_udp_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_UDP_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_UDP_HLEN), RK_UDP_HLEN);
		rkint_udp_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_udp_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}
