/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_hex.c - rk_fmt_hex(): tcpdump's -x and -X dumps, byte for byte
 * (tcpdump's print-ascii.c: hex_print_with_offset() and
 * hex_and_ascii_print_with_offset()), and how much of a frame they skip.
 *
 *   \t0x0000:  4500 003c 1c46 4000 4006 b1e6 c612 0001  E..<.F@.@.......
 *
 * 16 bytes a line in 8 groups of " xxxx" (an odd last byte is " xx"); with
 * ASCII, the groups are padded to 40 columns, then two spaces and the bytes
 * 0x21..0x7e as themselves, every other byte (space included) as '.'.
 */
#include "fmt_int.h"
#include "rawkit/rd.h"

#define HEX_LINE_BYTES 16
#define HEX_COLUMN 40 /* 8 groups of 5 */

static void hex_line(struct rkint_out *o, const uint8_t *p, size_t n, uint32_t off, bool ascii)
{
	/* tab, "0x", up to 8 offset digits, ":", 40 + 2 + 16, newline */
	char line[80];
	char *w = line;
	*w++ = '\t';
	*w++ = '0';
	*w++ = 'x';
	unsigned width = 4;
	while (width < 8 && (off >> (4 * width)))
		width++;
	for (unsigned i = width; i-- > 0;)
		*w++ = rkint_hexdig[(off >> (4 * i)) & 0xf];
	*w++ = ':';
	*w++ = ' ';
	char *col = w;
	for (size_t i = 0; i < n; i++) {
		if (!(i & 1))
			*w++ = ' ';
		*w++ = rkint_hexdig[p[i] >> 4];
		*w++ = rkint_hexdig[p[i] & 0xf];
	}
	if (ascii) {
		while (w < col + HEX_COLUMN)
			*w++ = ' ';
		*w++ = ' ';
		*w++ = ' ';
		for (size_t i = 0; i < n; i++)
			*w++ = p[i] > 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	}
	*w++ = '\n';
	rkint_put(o, line, (size_t)(w - line));
}

RK_API int rk_fmt_hex(char *buf, size_t cap, const uint8_t *data, size_t len, uint32_t offset,
		      unsigned flags)
{
	struct rkint_out o;
	rkint_out_init(&o, buf, cap);
	bool ascii = flags & RK_HEX_ASCII;
	struct rk_rd rd;
	rk_rd_init(&rd, data, data ? len : 0);
	while (rk_rd_left(&rd) && !o.err) {
		size_t n = rk_rd_left(&rd) < HEX_LINE_BYTES ? rk_rd_left(&rd) : HEX_LINE_BYTES;
		uint32_t off = offset + (uint32_t)rk_rd_offset(&rd);
		hex_line(&o, rk_rd_bytes(&rd, n), n, off, ascii);
	}
	return rkint_out_done(&o);
}

RK_API uint32_t rk_fmt_link_len(const struct rk_pkt *pkt)
{
	uint32_t n = 0;
	for (unsigned i = 0; i < pkt->n && i < RK_PKT_MAX_LAYERS; i++) {
		const struct rk_layer *l = &pkt->layer[i];
		switch (l->kind) {
		case RK_LAYER_ETH:
		case RK_LAYER_VLAN:
		case RK_LAYER_SLL:
		case RK_LAYER_SLL2:
		case RK_LAYER_NULL:
			/* A cut cooked or loopback header is dumped whole, as
			   tcpdump does; a cut Ethernet header not at all. */
			if ((l->flags & RK_LAYER_TRUNCATED) && l->kind != RK_LAYER_ETH &&
			    l->kind != RK_LAYER_VLAN)
				return 0;
			n = l->offset + l->hdr_len;
			continue;
		}
		break;
	}
	return n < pkt->caplen ? n : pkt->caplen;
}
