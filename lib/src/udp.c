/* SPDX-License-Identifier: BSD-2-Clause */
/* udp.c - UDP header (RFC 768). */
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/udp.h"

RK_API int rk_udp_build(struct rk_wr *wr, const struct rk_udp_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_UDP_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_udp_put(p, h);
	return RK_OK;
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
