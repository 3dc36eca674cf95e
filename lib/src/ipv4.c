/* SPDX-License-Identifier: BSD-2-Clause */
/* ipv4.c - IPv4 header (RFC 791) and its header checksum (RFC 1071). */
#include <string.h>
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/csum.h"
#include "rawkit/ipv4.h"

#define IPV4_CSUM_OFF 10

RK_API void rk_ipv4_init(struct rk_ipv4_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->version = 4;
	h->ttl = 64;
}

RK_API size_t rk_ipv4_build_len(const struct rk_ipv4_hdr *h)
{
	return RK_IPV4_HLEN + rkint_pad4(h->opts_len);
}

/* The header is written whole, or not at all (build_int.h). */
RK_API int rk_ipv4_build(struct rk_wr *wr, const struct rk_ipv4_hdr *h)
{
	size_t opts_len = h->opts_len;
	if (opts_len > RK_IPV4_OPTS_MAX)
		return RK_E_INVAL;
	uint8_t *p = rk_wr_reserve(wr, RK_IPV4_HLEN + rkint_pad4(opts_len));
	if (!p)
		return rk_wr_err(wr);
	uint32_t addr_sum;
	(void)rkint_ipv4_put(p, h, opts_len, &addr_sum);
	return RK_OK;
}

RK_API void rk_ipv4_fill_csum(uint8_t *hdr, size_t hdr_len)
{
	hdr[IPV4_CSUM_OFF] = 0;
	hdr[IPV4_CSUM_OFF + 1] = 0;
	rk_put_be16(hdr + IPV4_CSUM_OFF, rk_csum(hdr, hdr_len));
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_ipv4_decode(struct rk_rd *rd, struct rk_ipv4_hdr *h)
{
	struct rk_rd f;
	if (!rk_rd_has(rd, RK_IPV4_HLEN)) {
		f = *rd;
		(void)rkint_ipv4_fields(&f, h);
		*rd = f;
		return rk_rd_err(rd);
	}
	rk_rd_init(&f, rk_rd_bytes(rd, RK_IPV4_HLEN), RK_IPV4_HLEN);
	(void)rkint_ipv4_fields(&f, h);
	if (h->ihl < RK_IPV4_HLEN / 4)
		return RK_E_MALFORMED;
	if (h->ihl == RK_IPV4_HLEN / 4)
		return RK_OK;
	struct rk_rd o;
	int rc = rk_rd_sub(rd, (size_t)h->ihl * 4 - RK_IPV4_HLEN, &o);
	if (rk_rd_left(&o)) {
		h->opts = rk_rd_ptr(&o);
		h->opts_len = rk_rd_left(&o);
	}
	return rc;
}
