/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rd.h - the one bounds-checked reader for untrusted bytes.
 *
 * A cursor over [begin, end). Every read of packet bytes in rawkit goes
 * through these functions; no other code does arithmetic on packet pointers.
 * A short read sets a sticky RK_E_TRUNC and yields 0, so a decoder reads a
 * whole header and checks rk_rd_err() once. Lengths are compared as
 * "remaining < n", never "cur + n > end" (which a compiler may fold away).
 * Multi-byte reads are big-endian (network order) and alignment-safe.
 */
#ifndef RAWKIT_RD_H
#define RAWKIT_RD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "err.h"

struct rk_rd {
	const uint8_t *base; /* start of the packet: offsets are relative to it */
	const uint8_t *cur;
	const uint8_t *end;
	int err;             /* sticky: RK_OK or the first error */
};

/* An empty buffer for cursors over nothing: C forbids even NULL + 0. */
static const uint8_t rkint_rd_empty[1];

/* Start a cursor over len bytes at p (p may be NULL when len is 0). */
static inline void rk_rd_init(struct rk_rd *rd, const void *p, size_t len)
{
	rd->base = p ? (const uint8_t *)p : rkint_rd_empty;
	if (!p)
		len = 0;
	rd->cur = rd->base;
	rd->end = rd->base + len;
	rd->err = RK_OK;
}

/* Bytes left to read. */
static inline size_t rk_rd_left(const struct rk_rd *rd)
{
	return (size_t)(rd->end - rd->cur);
}

/* Offset of the cursor from the start of the packet. */
static inline size_t rk_rd_offset(const struct rk_rd *rd)
{
	return (size_t)(rd->cur - rd->base);
}

/* The sticky error: RK_OK, or the first failure seen. */
static inline int rk_rd_err(const struct rk_rd *rd)
{
	return rd->err;
}

/* True when n more bytes can be read. */
static inline int rk_rd_has(const struct rk_rd *rd, size_t n)
{
	return rd->err == RK_OK && rk_rd_left(rd) >= n;
}

static inline int rkint_rd_need(struct rk_rd *rd, size_t n)
{
	if (rd->err != RK_OK)
		return 0;
	if (rk_rd_left(rd) < n) {
		rd->err = RK_E_TRUNC;
		return 0;
	}
	return 1;
}

static inline uint8_t rk_rd_u8(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 1))
		return 0;
	return *rd->cur++;
}

static inline uint16_t rk_rd_u16(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 2))
		return 0;
	uint16_t v = (uint16_t)((unsigned)rd->cur[0] << 8 | rd->cur[1]);
	rd->cur += 2;
	return v;
}

static inline uint32_t rk_rd_u32(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 4))
		return 0;
	uint32_t v = (uint32_t)rd->cur[0] << 24 | (uint32_t)rd->cur[1] << 16 |
		     (uint32_t)rd->cur[2] << 8 | rd->cur[3];
	rd->cur += 4;
	return v;
}

/* Borrow n bytes (valid as long as the packet buffer); NULL when short. */
static inline const uint8_t *rk_rd_bytes(struct rk_rd *rd, size_t n)
{
	if (!rkint_rd_need(rd, n))
		return NULL;
	const uint8_t *p = rd->cur;
	rd->cur += n;
	return p;
}

/* Copy n bytes into out (zero-filled when short). */
static inline void rk_rd_copy(struct rk_rd *rd, void *out, size_t n)
{
	const uint8_t *p = rk_rd_bytes(rd, n);
	if (p)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

static inline void rk_rd_skip(struct rk_rd *rd, size_t n)
{
	(void)rk_rd_bytes(rd, n);
}

/* Read without consuming: the byte at offset off from the cursor (0 when short). */
static inline uint8_t rk_rd_peek_u8(const struct rk_rd *rd, size_t off)
{
	if (rd->err != RK_OK || rk_rd_left(rd) <= off)
		return 0;
	return rd->cur[off];
}

static inline uint16_t rk_rd_peek_u16(const struct rk_rd *rd, size_t off)
{
	if (rd->err != RK_OK || rk_rd_left(rd) < 2 || rk_rd_left(rd) - 2 < off)
		return 0;
	return (uint16_t)((unsigned)rd->cur[off] << 8 | rd->cur[off + 1]);
}

/* The unread bytes, borrowed (NULL when none). */
static inline const uint8_t *rk_rd_ptr(const struct rk_rd *rd)
{
	return rd->cur;
}

/*
 * Child cursor over the next n bytes, a length the packet declares, clipped
 * to what was captured; the parent skips past them (clipped too). Returns
 * RK_OK when all n bytes are there, RK_E_TRUNC when the child was clipped.
 */
static inline int rk_rd_sub(struct rk_rd *rd, size_t n, struct rk_rd *inner)
{
	size_t have = rd->err == RK_OK ? rk_rd_left(rd) : 0;
	size_t take = n < have ? n : have;
	inner->base = rd->base;
	inner->cur = rd->cur;
	inner->end = rd->cur + take;
	inner->err = RK_OK;
	rd->cur += take;
	return take == n ? RK_OK : RK_E_TRUNC;
}

/* Shrink the cursor so at most n bytes remain (a declared length). */
static inline void rk_rd_limit(struct rk_rd *rd, size_t n)
{
	if (rk_rd_left(rd) > n)
		rd->end = rd->cur + n;
}

#endif
