/* SPDX-License-Identifier: BSD-2-Clause */
/* eth.c - Ethernet II header and 802.1Q/802.1ad VLAN tags (IEEE 802.1Q). */
#include "rawkit/eth.h"

RK_API int rk_eth_build(struct rk_wr *wr, const struct rk_eth_hdr *h)
{
	rk_wr_bytes(wr, h->dst, 6);
	rk_wr_bytes(wr, h->src, 6);
	rk_wr_u16(wr, h->type);
	return rk_wr_err(wr);
}

RK_API int rk_vlan_build(struct rk_wr *wr, const struct rk_vlan_hdr *h)
{
	uint16_t tci = (uint16_t)((h->pcp & 7u) << 13 | (h->dei ? 1u : 0u) << 12 | (h->vid & 0xfffu));
	rk_wr_u16(wr, tci);
	rk_wr_u16(wr, h->type);
	return rk_wr_err(wr);
}
