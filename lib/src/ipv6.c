/* SPDX-License-Identifier: BSD-2-Clause */
/* ipv6.c - IPv6 header and extension headers (RFC 8200): hop-by-hop and
   destination options (padded with Pad1/PadN, section 4.2), routing,
   fragment. */
#include <string.h>
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/ipv6.h"

RK_API void rk_ipv6_init(struct rk_ipv6_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->version = 6;
	h->hlim = 64;
}

/* Builders: each header is written whole, or not at all (build_int.h). */
RK_API int rk_ipv6_build(struct rk_wr *wr, const struct rk_ipv6_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_IPV6_HLEN);
	if (!p)
		return rk_wr_err(wr);
	uint32_t addr_sum;
	(void)rkint_ipv6_put(p, h, &addr_sum);
	return RK_OK;
}

RK_API size_t rk_ipv6_opts_build_len(const struct rk_ipv6_opts_hdr *h)
{
	return rkint_pad8(2 + h->opts_len);
}

RK_API size_t rk_ipv6_route_build_len(const struct rk_ipv6_route_hdr *h)
{
	return rkint_pad8(4 + h->data_len);
}

RK_API int rk_ipv6_opts_build(struct rk_wr *wr, const struct rk_ipv6_opts_hdr *h)
{
	size_t total = rk_ipv6_opts_build_len(h);
	if (total > 2048)
		return RK_E_INVAL;
	uint8_t *p = rk_wr_reserve(wr, total);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_ipv6_opts_put(p, h, total);
	return RK_OK;
}

RK_API int rk_ipv6_route_build(struct rk_wr *wr, const struct rk_ipv6_route_hdr *h)
{
	size_t total = rk_ipv6_route_build_len(h);
	if (total > 2048)
		return RK_E_INVAL;
	uint8_t *p = rk_wr_reserve(wr, total);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_ipv6_route_put(p, h, total);
	return RK_OK;
}

RK_API int rk_ipv6_frag_build(struct rk_wr *wr, const struct rk_ipv6_frag_hdr *h)
{
	uint8_t *p = rk_wr_reserve(wr, RK_IPV6_FRAG_HLEN);
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_ipv6_frag_put(p, h);
	return RK_OK;
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_ipv6_decode(struct rk_rd *rd, struct rk_ipv6_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_IPV6_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_IPV6_HLEN), RK_IPV6_HLEN);
		rkint_ipv6_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_ipv6_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}

/* Next Header and Hdr Ext Len; *len is the whole header in bytes, 0 when
   the length byte was not there. */
static int ext_start(struct rk_rd *rd, uint8_t *nh, uint16_t *len)
{
	uint8_t v = rk_rd_u8(rd), units = rk_rd_u8(rd);
	*nh = v;
	*len = rk_rd_err(rd) == RK_OK ? (uint16_t)((units + 1u) * 8) : 0;
	return rk_rd_err(rd);
}

RK_API int rk_ipv6_opts_decode(struct rk_rd *rd, struct rk_ipv6_opts_hdr *h)
{
	h->opts = NULL;
	h->opts_len = 0;
	h->set = 0;
	int rc = ext_start(rd, &h->nh, &h->len);
	if (rc != RK_OK)
		return rc;
	struct rk_rd o;
	rc = rk_rd_sub(rd, h->len - 2u, &o);
	h->opts = rk_rd_ptr(&o);
	h->opts_len = rk_rd_left(&o);
	return rc;
}

RK_API int rk_ipv6_route_decode(struct rk_rd *rd, struct rk_ipv6_route_hdr *h)
{
	h->data = NULL;
	h->data_len = 0;
	h->set = 0;
	(void)ext_start(rd, &h->nh, &h->len);
	uint8_t rtype = rk_rd_u8(rd), segleft = rk_rd_u8(rd);
	h->rtype = rtype;
	h->segleft = segleft;
	if (rk_rd_err(rd) != RK_OK)
		return rk_rd_err(rd);
	struct rk_rd o;
	int rc = rk_rd_sub(rd, h->len - 4u, &o);
	h->data = rk_rd_ptr(&o);
	h->data_len = rk_rd_left(&o);
	return rc;
}

RK_API int rk_ipv6_frag_decode(struct rk_rd *rd, struct rk_ipv6_frag_hdr *h)
{
	struct rk_rd f;
	if (rk_rd_has(rd, RK_IPV6_FRAG_HLEN)) {
		rk_rd_init(&f, rk_rd_bytes(rd, RK_IPV6_FRAG_HLEN), RK_IPV6_FRAG_HLEN);
		rkint_ipv6_frag_fields(&f, h);
		return RK_OK;
	}
	f = *rd;
	rkint_ipv6_frag_fields(&f, h);
	*rd = f;
	return rk_rd_err(rd);
}
