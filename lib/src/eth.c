/* SPDX-License-Identifier: BSD-2-Clause */
/* eth.c - Ethernet II header and 802.1Q/802.1ad VLAN tags (IEEE 802.1Q). */
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/eth.h"

/* Builders: each header is written whole, or not at all (build_int.h). */
RK_API int rk_eth_build(struct rk_wr *wr, const struct rk_eth_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_ETH_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_eth_put(p, h);
	return RK_OK;
}

RK_API int rk_vlan_build(struct rk_wr *wr, const struct rk_vlan_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_VLAN_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_vlan_put(p, h);
	return RK_OK;
}

/*
 * Decoders. The fixed fields (decode_int.h, rkint_<layer>_fields) are read
 * from a cursor over exactly the header when it was all captured, so the
 * reads need no checks; else from a copy of the caller's cursor, which runs
 * out (sticky RK_E_TRUNC) and is handed back.
 */
RK_API int rk_eth_decode(struct rk_rd *rd, struct rk_eth_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_ETH_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_ETH_HLEN), RK_ETH_HLEN);
		rkint_eth_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_eth_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}

RK_API int rk_vlan_decode(struct rk_rd *rd, struct rk_vlan_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_VLAN_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_VLAN_HLEN), RK_VLAN_HLEN);
		rkint_vlan_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_vlan_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}
