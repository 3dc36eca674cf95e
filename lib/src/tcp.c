/* SPDX-License-Identifier: BSD-2-Clause */
/* tcp.c - TCP header (RFC 9293) and option writers (RFC 7323, RFC 2018). */
#include <string.h>
#include "build_int.h"
#include "decode_int.h"
#include "rawkit/tcp.h"

RK_API void rk_tcp_init(struct rk_tcp_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->win = 64240;
	h->flags = RK_TCP_SYN;
}

RK_API size_t rk_tcp_build_len(const struct rk_tcp_hdr *h)
{
	return RK_TCP_HLEN + rkint_pad4(h->opts_len);
}

/* The header is written whole, or not at all (build_int.h). */
RK_API int rk_tcp_build(struct rk_wr *wr, const struct rk_tcp_hdr *h)
{
	size_t opts_len = h->opts_len;
	if (opts_len > RK_TCP_OPTS_MAX)
		return RK_E_INVAL;
	uint8_t *p = rk_wr_reserve(wr, RK_TCP_HLEN + rkint_pad4(opts_len));
	if (!p)
		return rk_wr_err(wr);
	(void)rkint_tcp_put(p, h, opts_len);
	return RK_OK;
}

RK_API void rk_tcpopt_eol(struct rk_wr *wr)
{
	rk_wr_u8(wr, RK_TCPOPT_EOL);
}

RK_API void rk_tcpopt_nop(struct rk_wr *wr)
{
	rk_wr_u8(wr, RK_TCPOPT_NOP);
}

RK_API void rk_tcpopt_mss(struct rk_wr *wr, uint16_t mss)
{
	uint8_t *p = rk_wr_reserve(wr, 4);
	if (p) {
		p[0] = RK_TCPOPT_MSS;
		p[1] = 4;
		rk_put_be16(p + 2, mss);
	}
}

RK_API void rk_tcpopt_wscale(struct rk_wr *wr, uint8_t shift)
{
	uint8_t *p = rk_wr_reserve(wr, 3);
	if (p) {
		p[0] = RK_TCPOPT_WSCALE;
		p[1] = 3;
		p[2] = shift;
	}
}

RK_API void rk_tcpopt_sackok(struct rk_wr *wr)
{
	uint8_t *p = rk_wr_reserve(wr, 2);
	if (p) {
		p[0] = RK_TCPOPT_SACKOK;
		p[1] = 2;
	}
}

RK_API void rk_tcpopt_sack(struct rk_wr *wr, const uint32_t (*blocks)[2], unsigned n)
{
	if (n > 4)
		n = 4;
	uint8_t *p = rk_wr_reserve(wr, 2 + 8u * n);
	if (!p)
		return;
	p[0] = RK_TCPOPT_SACK;
	p[1] = (uint8_t)(2 + 8 * n);
	for (unsigned i = 0; i < n; i++) {
		rk_put_be32(p + 2 + 8 * i, blocks[i][0]);
		rk_put_be32(p + 6 + 8 * i, blocks[i][1]);
	}
}

RK_API void rk_tcpopt_ts(struct rk_wr *wr, uint32_t tsval, uint32_t tsecr)
{
	uint8_t *p = rk_wr_reserve(wr, 10);
	if (p) {
		p[0] = RK_TCPOPT_TS;
		p[1] = 10;
		rk_put_be32(p + 2, tsval);
		rk_put_be32(p + 6, tsecr);
	}
}

RK_API void rk_tcpopt_raw(struct rk_wr *wr, uint8_t kind, const void *data, size_t data_len)
{
	if (data_len > 253) {
		wr->err = wr->err ? wr->err : RK_E_INVAL;
		return;
	}
	rk_wr_u8(wr, kind);
	rk_wr_u8(wr, (uint8_t)(data_len + 2));
	rk_wr_bytes(wr, data, data_len);
}

/* Decoders: the fixed fields come from decode_int.h (rkint_<layer>_fields). */
RK_API int rk_tcp_decode(struct rk_rd *rd, struct rk_tcp_hdr *h)
{
	struct rk_rd f;
	if (!rk_rd_has(rd, RK_TCP_HLEN)) {
		f = *rd;
		rkint_tcp_fields(&f, h);
		*rd = f;
		return rk_rd_err(rd);
	}
	rk_rd_init(&f, rk_rd_bytes(rd, RK_TCP_HLEN), RK_TCP_HLEN);
	rkint_tcp_fields(&f, h);
	if (h->doff < RK_TCP_HLEN / 4)
		return RK_E_MALFORMED;
	if (h->doff == RK_TCP_HLEN / 4)
		return RK_OK;
	struct rk_rd o;
	int rc = rk_rd_sub(rd, (size_t)h->doff * 4 - RK_TCP_HLEN, &o);
	if (rk_rd_left(&o)) {
		h->opts = rk_rd_ptr(&o);
		h->opts_len = rk_rd_left(&o);
	}
	return rc;
}

RK_API int rk_tcp_opt_next(struct rk_rd *rd, struct rk_tcp_opt *opt)
{
	struct rk_rd r = *rd; /* a local cursor: stores to *opt cannot alias it */
	if (!rk_rd_has(&r, 1))
		return 0;
	uint8_t kind = rk_rd_u8(&r), len = 1;
	const uint8_t *data = NULL;
	int rc = 1;
	if (kind == RK_TCPOPT_EOL) {
		rk_rd_skip(&r, rk_rd_left(&r)); /* the rest is padding */
	} else if (kind != RK_TCPOPT_NOP) {
		len = rk_rd_peek_u8(&r, 0); /* 0 when missing: caught below */
		if (len < 2 || rk_rd_left(&r) - 1 < (size_t)len - 2u) {
			/* nothing after a bad length can be trusted */
			rk_rd_skip(&r, rk_rd_left(&r));
			rc = RK_E_MALFORMED;
		} else {
			rk_rd_skip(&r, 1);
			data = rk_rd_bytes(&r, (size_t)len - 2u);
		}
	}
	opt->kind = kind;
	opt->len = len;
	opt->data = data;
	opt->data_len = data ? (size_t)len - 2u : 0;
	*rd = r;
	return rc;
}
