/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tsprec.c - the time stamp precision of a pcapng file, from its first
 * bytes: the Section Header Block (its byte-order magic gives the byte
 * order), then every Interface Description Block before the first packet
 * block, whose if_tsresol option says how fine that interface's time
 * stamps are (10^-6 s when absent). Every read goes through rk_rd; its
 * getters are big-endian, so a little-endian section swaps what they
 * return. A malformed block gives "not nano"; a buffer that ends inside a
 * block stops the walk with what the whole blocks before it said.
 */
#include "rawkit/rd.h"
#include "sniff.h"

#define NG_SHB 0x0A0D0D0Au /* Section Header Block: the same in both byte orders */
#define NG_BOM 0x1A2B3C4Du /* byte-order magic, as the writer's order has it */
#define NG_IDB 1u          /* Interface Description Block */
#define NG_PB 2u           /* Packet Block (obsolete) */
#define NG_SPB 3u          /* Simple Packet Block */
#define NG_EPB 6u          /* Enhanced Packet Block */
#define NG_BLOCK_MIN 12u   /* type, total length, trailing total length */
#define NG_SHB_FIXED 16u   /* magic, major, minor, section length */
#define NG_IDB_FIXED 8u    /* link type, reserved, snap length */
#define NG_OPT_END 0u      /* opt_endofopt */
#define NG_OPT_TSRESOL 9u  /* if_tsresol */

/* What reading one block led to. */
enum ng_step {
	NG_NEXT, /* a whole, well-formed block: go on */
	NG_STOP, /* a packet block, or the buffer ends: what was seen stands */
	NG_BAD,  /* malformed: not nano */
};

static uint16_t ng_swap16(uint16_t v)
{
	return (uint16_t)(v >> 8 | v << 8);
}

static uint32_t ng_swap32(uint32_t v)
{
	return v >> 24 | (v >> 8 & 0xff00u) | (v << 8 & 0xff0000u) | v << 24;
}

/* A 16- or 32-bit field in the section's byte order (le: little-endian). */
static uint16_t ng_u16(struct rk_rd *rd, bool le)
{
	uint16_t v = rk_rd_u16(rd);
	return le ? ng_swap16(v) : v;
}

static uint32_t ng_u32(struct rk_rd *rd, bool le)
{
	uint32_t v = rk_rd_u32(rd);
	return le ? ng_swap32(v) : v;
}

/* True when an if_tsresol value is finer than a microsecond: 10^-v with
   v > 6, or (MSB set) 2^-v with v >= 20 (2^-20 s is 0.95 us). */
static bool ng_tsresol_nano(uint8_t v)
{
	if (v & 0x80)
		return (v & 0x7f) >= 20;
	return v > 6;
}

/*
 * The type of the block at rd, unread. A Section Header Block sets *le
 * from its byte-order magic (NG_BAD when it is neither order). NG_STOP
 * when the buffer ends first or the block holds packets.
 */
static enum ng_step ng_peek_type(const struct rk_rd *rd, bool *le, uint32_t *type)
{
	if (!rk_rd_has(rd, 4))
		return NG_STOP;
	*type = rk_rd_peek_u32(rd, 0);
	if (*type == NG_SHB) {
		if (!rk_rd_has(rd, 12))
			return NG_STOP;
		uint32_t bom = rk_rd_peek_u32(rd, 8);
		if (bom != NG_BOM && bom != ng_swap32(NG_BOM))
			return NG_BAD;
		*le = bom != NG_BOM;
		return NG_NEXT;
	}
	if (*le)
		*type = ng_swap32(*type);
	if (*type == NG_EPB || *type == NG_SPB || *type == NG_PB)
		return NG_STOP;
	return NG_NEXT;
}

/*
 * Consume the block at rd: *body covers what lies between its total
 * length and its trailing copy. NG_BAD when the length is below the
 * minimum, not a multiple of 4 or not repeated at the end; NG_STOP when
 * the block runs past the buffer.
 */
static enum ng_step ng_block(struct rk_rd *rd, bool le, struct rk_rd *body)
{
	struct rk_rd whole;
	rk_rd_skip(rd, 4); /* the type, peeked already */
	uint32_t total = ng_u32(rd, le);
	if (rk_rd_err(rd) != RK_OK)
		return NG_STOP;
	if (total < NG_BLOCK_MIN || total % 4 != 0)
		return NG_BAD;
	if (rk_rd_sub(rd, total - 8, &whole) != RK_OK)
		return NG_STOP;
	(void)rk_rd_sub(&whole, total - NG_BLOCK_MIN, body);
	if (ng_u32(&whole, le) != total || rk_rd_err(&whole) != RK_OK)
		return NG_BAD;
	return NG_NEXT;
}

/* One option of an IDB (code and value): 1 for an if_tsresol finer than a
   microsecond, 0 for any other option, -1 for a malformed if_tsresol
   (libpcap takes only one byte). */
static int ng_idb_option(uint16_t code, struct rk_rd *val)
{
	if (code != NG_OPT_TSRESOL)
		return 0;
	if (rk_rd_left(val) != 1)
		return -1;
	return ng_tsresol_nano(rk_rd_u8(val)) ? 1 : 0;
}

/* An IDB's body: 1 when its time stamps are finer than a microsecond, 0
   when not (no if_tsresol: microseconds), -1 when it is malformed. */
static int ng_idb(struct rk_rd *body, bool le)
{
	int nano = 0;
	rk_rd_skip(body, NG_IDB_FIXED);
	if (rk_rd_err(body) != RK_OK)
		return -1;
	/* Each turn consumes at least the 4-byte option header, or fails. */
	while (rk_rd_left(body) > 0) {
		struct rk_rd val;
		uint16_t code = ng_u16(body, le);
		uint16_t len = ng_u16(body, le);
		if (rk_rd_err(body) != RK_OK)
			return -1;
		if (code == NG_OPT_END)
			break;
		if (rk_rd_sub(body, len, &val) != RK_OK)
			return -1;
		rk_rd_skip(body, (4u - len % 4u) % 4u); /* padding to 32 bits */
		if (rk_rd_err(body) != RK_OK)
			return -1;
		int r = ng_idb_option(code, &val);
		if (r < 0)
			return -1;
		if (r > 0)
			nano = 1;
	}
	return nano;
}

bool sniff_pcapng_is_nano(const uint8_t *buf, size_t len)
{
	struct rk_rd rd;
	bool le = false, nano = false;

	rk_rd_init(&rd, buf, len);
	if (rk_rd_peek_u32(&rd, 0) != NG_SHB)
		return false;
	/* Each turn consumes a whole block of at least 12 bytes, or ends. */
	for (;;) {
		struct rk_rd body;
		uint32_t type = 0;
		enum ng_step st = ng_peek_type(&rd, &le, &type);
		if (st == NG_NEXT)
			st = ng_block(&rd, le, &body);
		if (st == NG_BAD)
			return false;
		if (st == NG_STOP)
			return nano;
		if (type == NG_SHB && rk_rd_left(&body) < NG_SHB_FIXED)
			return false;
		if (type == NG_IDB) {
			int r = ng_idb(&body, le);
			if (r < 0)
				return false;
			if (r > 0)
				nano = true;
		}
	}
}
