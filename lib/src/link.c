/* SPDX-License-Identifier: BSD-2-Clause */
/* link.c - Linux cooked capture (SLL, SLL2) and BSD loopback (NULL, LOOP)
   pseudo headers, https://www.tcpdump.org/linktypes.html. */
#include "decode_int.h"
#include "rawkit/link.h"

RK_API int rk_sll_build(struct rk_wr *wr, const struct rk_sll_hdr *h)
{
	rk_wr_u16(wr, h->pkttype);
	rk_wr_u16(wr, h->hatype);
	rk_wr_u16(wr, h->halen);
	rk_wr_bytes(wr, h->addr, 8);
	rk_wr_u16(wr, h->type);
	return rk_wr_err(wr);
}

RK_API int rk_sll2_build(struct rk_wr *wr, const struct rk_sll2_hdr *h)
{
	rk_wr_u16(wr, h->type);
	rk_wr_u16(wr, h->reserved);
	rk_wr_u32(wr, h->ifindex);
	rk_wr_u16(wr, h->hatype);
	rk_wr_u8(wr, h->pkttype);
	rk_wr_u8(wr, h->halen);
	rk_wr_bytes(wr, h->addr, 8);
	return rk_wr_err(wr);
}

RK_API int rk_null_build(struct rk_wr *wr, const struct rk_null_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, 4);
	if (!p)
		return rk_wr_err(wr);
	if (h->loop) {
		rk_put_be32(p, h->family);
	} else { /* little-endian, as DLT_NULL captured on x86 */
		p[0] = (uint8_t)h->family;
		p[1] = (uint8_t)(h->family >> 8);
		p[2] = (uint8_t)(h->family >> 16);
		p[3] = (uint8_t)(h->family >> 24);
	}
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
