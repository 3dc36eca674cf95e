/* SPDX-License-Identifier: BSD-2-Clause */
/* arp.c - ARP (RFC 826). */
#include <string.h>
#include "build_int.h"
#include "rawkit/arp.h"

RK_API void rk_arp_init(struct rk_arp_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->htype = 1;
	h->ptype = 0x0800;
	h->hlen = 6;
	h->plen = 4;
	h->op = RK_ARP_REQUEST;
}

/* The header is written whole, or not at all (build_int.h). */
RK_API int rk_arp_build(struct rk_wr *wr, const struct rk_arp_hdr *h)
{
	if (h->hlen > RK_ARP_ADDR_MAX || h->plen > RK_ARP_ADDR_MAX)
		return RK_E_INVAL;
	uint8_t *p = rk_wr_reserve(wr, RK_ARP_FIXED_LEN + 2u * h->hlen + 2u * h->plen);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_arp_put(p, h);
	return RK_OK;
}

/* An address of n bytes, of which the first RK_ARP_ADDR_MAX are kept. */
static void rd_addr(struct rk_rd *rd, uint8_t out[RK_ARP_ADDR_MAX], size_t n)
{
	const uint8_t *p = rk_rd_bytes(rd, n);
	if (p)
		memcpy(out, p, n < RK_ARP_ADDR_MAX ? n : RK_ARP_ADDR_MAX);
	else
		memset(out, 0, RK_ARP_ADDR_MAX);
}

RK_API int rk_arp_decode(struct rk_rd *rd, struct rk_arp_hdr *h)
{
	struct rk_rd r = *rd; /* a local cursor: stores to *h cannot alias it */
	h->htype = rk_rd_u16(&r);
	h->ptype = rk_rd_u16(&r);
	h->hlen = rk_rd_u8(&r);
	h->plen = rk_rd_u8(&r);
	h->op = rk_rd_u16(&r);
	rd_addr(&r, h->sha, h->hlen);
	rd_addr(&r, h->spa, h->plen);
	rd_addr(&r, h->tha, h->hlen);
	rd_addr(&r, h->tpa, h->plen);
	*rd = r;
	return rk_rd_err(rd);
}
