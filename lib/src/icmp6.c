/* SPDX-License-Identifier: BSD-2-Clause */
/* icmp6.c - ICMPv6 (RFC 4443). */
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/icmp6.h"

RK_API int rk_icmp6_is_error(uint8_t type)
{
	return type >= RK_ICMP6_DST_UNREACH && type <= RK_ICMP6_PARAM_PROB;
}

RK_API size_t rk_icmp6_quote_len(size_t len)
{
	const size_t room = 1280 - 40 - 8; /* minimum MTU less IPv6 and ICMPv6 headers */
	return len < room ? len : room;
}

RK_API int rk_icmp6_build(struct rk_wr *wr, const struct rk_icmp6_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_ICMP6_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_icmp6_put(p, h);
	return RK_OK;
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_icmp6_decode(struct rk_rd *rd, struct rk_icmp6_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_ICMP6_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_ICMP6_HLEN), RK_ICMP6_HLEN);
		rkint_icmp6_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_icmp6_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}
