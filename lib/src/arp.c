/* SPDX-License-Identifier: BSD-2-Clause */
/* arp.c - ARP (RFC 826). */
#include <string.h>
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

RK_API int rk_arp_build(struct rk_wr *wr, const struct rk_arp_hdr *h)
{
	if (h->hlen > RK_ARP_ADDR_MAX || h->plen > RK_ARP_ADDR_MAX)
		return RK_E_INVAL;
	rk_wr_u16(wr, h->htype);
	rk_wr_u16(wr, h->ptype);
	rk_wr_u8(wr, h->hlen);
	rk_wr_u8(wr, h->plen);
	rk_wr_u16(wr, h->op);
	rk_wr_bytes(wr, h->sha, h->hlen);
	rk_wr_bytes(wr, h->spa, h->plen);
	rk_wr_bytes(wr, h->tha, h->hlen);
	rk_wr_bytes(wr, h->tpa, h->plen);
	return rk_wr_err(wr);
}
