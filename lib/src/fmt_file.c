/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_file.c - the FILE* conveniences of fmt.h: format into a stack buffer
 * sized by the formatters' bounds, then one fwrite(). Hex dumps go out in
 * pieces of whole lines, so a 256 KiB frame needs no 1 MiB buffer.
 */
#include "fmt_int.h"
#include "rawkit/rd.h"

static int put(FILE *f, const char *buf, int n)
{
	if (n <= 0)
		return n;
	if (fwrite(buf, 1, (size_t)n, f) != (size_t)n)
		return RK_E_SYS;
	return n;
}

RK_API int rk_fmt_json_file(FILE *f, const struct rk_pkt *pkt, const struct rk_fmt_meta *m,
			    const struct rk_fmt_opts *o)
{
	char buf[RK_FMT_JSON_MAX];
	return put(f, buf, rk_fmt_json(buf, sizeof buf, pkt, m, o));
}

RK_API int rk_fmt_text_file(FILE *f, const struct rk_pkt *pkt, const struct rk_fmt_meta *m,
			    const struct rk_fmt_opts *o)
{
	char buf[RK_FMT_TEXT_MAX];
	return put(f, buf, rk_fmt_text(buf, sizeof buf, pkt, m, o));
}

#define HEX_PIECE 1024 /* bytes of packet per fwrite: 64 lines */

RK_API int rk_fmt_hex_file(FILE *f, const struct rk_pkt *pkt, unsigned flags)
{
	char buf[HEX_PIECE / 16 * 80];
	uint32_t skip = (flags & RK_HEX_LINK) ? 0 : rk_fmt_link_len(pkt);
	if (!pkt->data || pkt->caplen <= skip)
		return 0;
	struct rk_rd rd;
	rk_rd_init(&rd, pkt->data, pkt->caplen);
	rk_rd_skip(&rd, skip);
	size_t start = rk_rd_offset(&rd);
	long total = 0;
	while (rk_rd_left(&rd)) {
		size_t n = rk_rd_left(&rd) < HEX_PIECE ? rk_rd_left(&rd) : HEX_PIECE;
		uint32_t off = (uint32_t)(rk_rd_offset(&rd) - start);
		int w = put(f, buf, rk_fmt_hex(buf, sizeof buf, rk_rd_bytes(&rd, n), n, off, flags));
		if (w < 0)
			return w;
		total += w;
	}
	return total > INT32_MAX ? INT32_MAX : (int)total;
}
