/* SPDX-License-Identifier: BSD-2-Clause */
/* udp.c - UDP header (RFC 768). */
#include "rawkit/udp.h"

RK_API int rk_udp_build(struct rk_wr *wr, const struct rk_udp_hdr *h)
{
	rk_wr_u16(wr, h->sport);
	rk_wr_u16(wr, h->dport);
	rk_wr_u16(wr, h->len);
	rk_wr_u16(wr, h->csum);
	return rk_wr_err(wr);
}
