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

/* The reads are a few instructions each, and the decoder's fast path is
   made of them: always inlined (the compiler otherwise outlined parts of
   rk_rd_skip() and called them per header). */
#if defined(__GNUC__)
#define RK_RD_INLINE static inline __attribute__((always_inline))
#else
#define RK_RD_INLINE static inline
#endif

/* An empty buffer for cursors over nothing: C forbids even NULL + 0. */
static const uint8_t rkint_rd_empty[1];

/* Start a cursor over len bytes at p (p may be NULL when len is 0). */
RK_RD_INLINE void rk_rd_init(struct rk_rd *rd, const void *p, size_t len)
{
	rd->base = p ? (const uint8_t *)p : rkint_rd_empty;
	if (!p)
		len = 0;
	rd->cur = rd->base;
	rd->end = rd->base + len;
	rd->err = RK_OK;
}

/* Bytes left to read. */
RK_RD_INLINE size_t rk_rd_left(const struct rk_rd *rd)
{
	return (size_t)(rd->end - rd->cur);
}

/* Offset of the cursor from the start of the packet. */
RK_RD_INLINE size_t rk_rd_offset(const struct rk_rd *rd)
{
	return (size_t)(rd->cur - rd->base);
}

/* The sticky error: RK_OK, or the first failure seen. */
RK_RD_INLINE int rk_rd_err(const struct rk_rd *rd)
{
	return rd->err;
}

/* True when n more bytes can be read. */
RK_RD_INLINE int rk_rd_has(const struct rk_rd *rd, size_t n)
{
	return rd->err == RK_OK && rk_rd_left(rd) >= n;
}

RK_RD_INLINE int rkint_rd_need(struct rk_rd *rd, size_t n)
{
	if (rd->err != RK_OK)
		return 0;
	if (rk_rd_left(rd) < n) {
		rd->err = RK_E_TRUNC;
		return 0;
	}
	return 1;
}

RK_RD_INLINE uint8_t rk_rd_u8(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 1))
		return 0;
	return *rd->cur++;
}

/*
 * Big-endian loads as one (unaligned-safe) load and a byte swap: the
 * decoder's fast path reads every header field through these, and a
 * byte-at-a-time shift-and-or costs four loads and six ALU ops per u32 when
 * the compiler does not merge it.
 */
RK_RD_INLINE uint16_t rkint_rd_be16(const uint8_t *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint16_t v;
	memcpy(&v, p, 2);
	return __builtin_bswap16(v);
#else
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
#endif
}

RK_RD_INLINE uint32_t rkint_rd_be32(const uint8_t *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;
	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
#else
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
#endif
}

RK_RD_INLINE uint16_t rk_rd_u16(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 2))
		return 0;
	uint16_t v = rkint_rd_be16(rd->cur);
	rd->cur += 2;
	return v;
}

RK_RD_INLINE uint32_t rk_rd_u32(struct rk_rd *rd)
{
	if (!rkint_rd_need(rd, 4))
		return 0;
	uint32_t v = rkint_rd_be32(rd->cur);
	rd->cur += 4;
	return v;
}

/* Borrow n bytes (valid as long as the packet buffer); NULL when short. */
RK_RD_INLINE const uint8_t *rk_rd_bytes(struct rk_rd *rd, size_t n)
{
	if (!rkint_rd_need(rd, n))
		return NULL;
	const uint8_t *p = rd->cur;
	rd->cur += n;
	return p;
}

/* Copy n bytes into out (zero-filled when short). */
RK_RD_INLINE void rk_rd_copy(struct rk_rd *rd, void *out, size_t n)
{
	const uint8_t *p = rk_rd_bytes(rd, n);
	if (p)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

RK_RD_INLINE void rk_rd_skip(struct rk_rd *rd, size_t n)
{
	(void)rk_rd_bytes(rd, n);
}

/* Read without consuming: the byte at offset off from the cursor (0 when short). */
RK_RD_INLINE uint8_t rk_rd_peek_u8(const struct rk_rd *rd, size_t off)
{
	if (rd->err != RK_OK || rk_rd_left(rd) <= off)
		return 0;
	return rd->cur[off];
}

RK_RD_INLINE uint16_t rk_rd_peek_u16(const struct rk_rd *rd, size_t off)
{
	if (rd->err != RK_OK || rk_rd_left(rd) < 2 || rk_rd_left(rd) - 2 < off)
		return 0;
	return rkint_rd_be16(rd->cur + off);
}

RK_RD_INLINE uint32_t rk_rd_peek_u32(const struct rk_rd *rd, size_t off)
{
	if (rd->err != RK_OK || rk_rd_left(rd) < 4 || rk_rd_left(rd) - 4 < off)
		return 0;
	return rkint_rd_be32(rd->cur + off);
}

/* The unread bytes, borrowed (NULL when none). */
RK_RD_INLINE const uint8_t *rk_rd_ptr(const struct rk_rd *rd)
{
	return rd->cur;
}

/*
 * Child cursor over the next n bytes, a length the packet declares, clipped
 * to what was captured; the parent skips past them (clipped too). Returns
 * RK_OK when all n bytes are there, RK_E_TRUNC when the child was clipped.
 */
RK_RD_INLINE int rk_rd_sub(struct rk_rd *rd, size_t n, struct rk_rd *inner)
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

/*
 * Child cursor over exactly the next n bytes, without consuming them:
 * returns 1 when all n are there (and *view is set), else 0 (*view
 * untouched). Reads through a view of a constant size need no run-time
 * checks once inlined: the compiler sees end - cur == n.
 */
RK_RD_INLINE int rk_rd_view(const struct rk_rd *rd, size_t n, struct rk_rd *view)
{
	if (rd->err != RK_OK || rk_rd_left(rd) < n)
		return 0;
	view->base = rd->base;
	view->cur = rd->cur;
	view->end = rd->cur + n;
	view->err = RK_OK;
	return 1;
}

/* Shrink the cursor so at most n bytes remain (a declared length). */
RK_RD_INLINE void rk_rd_limit(struct rk_rd *rd, size_t n)
{
	if (rk_rd_left(rd) > n)
		rd->end = rd->cur + n;
}

#endif
