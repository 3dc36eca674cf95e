/* SPDX-License-Identifier: BSD-2-Clause */
/* ipv4.c - IPv4 header (RFC 791) and its header checksum (RFC 1071). */
#include <string.h>
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

static size_t pad4(size_t n)
{
	return (n + 3u) & ~(size_t)3u;
}

RK_API size_t rk_ipv4_build_len(const struct rk_ipv4_hdr *h)
{
	return RK_IPV4_HLEN + pad4(h->opts_len);
}

RK_API int rk_ipv4_build(struct rk_wr *wr, const struct rk_ipv4_hdr *h)
{
	if (h->opts_len > RK_IPV4_OPTS_MAX)
		return RK_E_INVAL;
	size_t opts_padded = pad4(h->opts_len);
	uint8_t ihl = (h->set & RK_IPV4_SET_IHL) ? h->ihl : (uint8_t)((RK_IPV4_HLEN + opts_padded) / 4);
	uint8_t version = (h->set & RK_IPV4_SET_VERSION) ? h->version : 4;
	uint16_t frag = (uint16_t)((h->rf ? 0x8000u : 0) | (h->df ? 0x4000u : 0) |
				   (h->mf ? 0x2000u : 0) | (h->frag & 0x1fffu));
	rk_wr_u8(wr, (uint8_t)((version & 0xfu) << 4 | (ihl & 0xfu)));
	rk_wr_u8(wr, h->tos);
	rk_wr_u16(wr, h->len);
	rk_wr_u16(wr, h->id);
	rk_wr_u16(wr, frag);
	rk_wr_u8(wr, h->ttl);
	rk_wr_u8(wr, h->proto);
	rk_wr_u16(wr, h->csum);
	rk_wr_u32(wr, h->src);
	rk_wr_u32(wr, h->dst);
	rk_wr_bytes(wr, h->opts, h->opts_len);
	rk_wr_zero(wr, opts_padded - h->opts_len);
	return rk_wr_err(wr);
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
