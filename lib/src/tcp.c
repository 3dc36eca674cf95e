/* SPDX-License-Identifier: BSD-2-Clause */
/* tcp.c - TCP header (RFC 9293) and option writers (RFC 7323, RFC 2018). */
#include <string.h>
#include "rawkit/tcp.h"

RK_API void rk_tcp_init(struct rk_tcp_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->win = 64240;
	h->flags = RK_TCP_SYN;
}

static size_t pad4(size_t n)
{
	return (n + 3u) & ~(size_t)3u;
}

RK_API size_t rk_tcp_build_len(const struct rk_tcp_hdr *h)
{
	return RK_TCP_HLEN + pad4(h->opts_len);
}

RK_API int rk_tcp_build(struct rk_wr *wr, const struct rk_tcp_hdr *h)
{
	if (h->opts_len > RK_TCP_OPTS_MAX)
		return RK_E_INVAL;
	size_t opts_padded = pad4(h->opts_len);
	uint8_t doff = (h->set & RK_TCP_SET_DOFF) ? h->doff : (uint8_t)((RK_TCP_HLEN + opts_padded) / 4);
	rk_wr_u16(wr, h->sport);
	rk_wr_u16(wr, h->dport);
	rk_wr_u32(wr, h->seq);
	rk_wr_u32(wr, h->ack);
	rk_wr_u8(wr, (uint8_t)((doff & 0xfu) << 4 | (h->res & 0xfu)));
	rk_wr_u8(wr, h->flags);
	rk_wr_u16(wr, h->win);
	rk_wr_u16(wr, h->csum);
	rk_wr_u16(wr, h->urp);
	rk_wr_bytes(wr, h->opts, h->opts_len);
	rk_wr_zero(wr, opts_padded - h->opts_len);
	return rk_wr_err(wr);
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
