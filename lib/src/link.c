/* SPDX-License-Identifier: BSD-2-Clause */
/* link.c - Linux cooked capture (SLL, SLL2) and BSD loopback (NULL, LOOP)
   pseudo headers, https://www.tcpdump.org/linktypes.html. */
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/link.h"

/* Builders: each header is written whole, or not at all (build_int.h). */
RK_API int rk_sll_build(struct rk_wr *wr, const struct rk_sll_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_SLL_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_sll_put(p, h);
	return RK_OK;
}

RK_API int rk_sll2_build(struct rk_wr *wr, const struct rk_sll2_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_SLL2_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_sll2_put(p, h);
	return RK_OK;
}

RK_API int rk_null_build(struct rk_wr *wr, const struct rk_null_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_NULL_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_null_put(p, h->family, h->loop);
	return RK_OK;
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_sll_decode(struct rk_rd *rd, struct rk_sll_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_SLL_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_SLL_HLEN), RK_SLL_HLEN);
		rkint_sll_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_sll_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}

RK_API int rk_sll2_decode(struct rk_rd *rd, struct rk_sll2_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_SLL2_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_SLL2_HLEN), RK_SLL2_HLEN);
		rkint_sll2_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_sll2_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}

/* NULL carries the family in the capturing host's byte order; families are
   small, so a value with bits in the upper half was written the other way
   round (tcpdump's print-null.c does the same). */
RK_API int rk_null_decode(struct rk_rd *rd, struct rk_null_hdr *h, bool loop)
{
	uint32_t v = rk_rd_u32(rd);
	if (!loop && (v & 0xffff0000u))
		v = (v >> 24) | (v >> 8 & 0xff00u) | (v << 8 & 0xff0000u) | (v << 24);
	h->family = v;
	h->loop = loop;
	h->set = 0;
	return rk_rd_err(rd);
}
