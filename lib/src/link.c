/* SPDX-License-Identifier: BSD-2-Clause */
/* link.c - Linux cooked capture (SLL, SLL2) and BSD loopback (NULL, LOOP)
   pseudo headers, https://www.tcpdump.org/linktypes.html. */
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
