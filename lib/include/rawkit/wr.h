/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * wr.h - the bounds-checked writer every builder writes through.
 *
 * A cursor over a caller-owned buffer [base, end). A write that does not fit
 * sets a sticky RK_E_NOSPACE and writes nothing; nothing is ever written past
 * end. Multi-byte writes are big-endian (network order) and alignment-safe.
 */
#ifndef RAWKIT_WR_H
#define RAWKIT_WR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "err.h"

struct rk_wr {
	uint8_t *base;
	uint8_t *cur;
	uint8_t *end;
	int err; /* sticky: RK_OK or RK_E_NOSPACE */
};

static inline void rk_wr_init(struct rk_wr *wr, void *buf, size_t cap)
{
	wr->base = (uint8_t *)buf;
	wr->cur = wr->base;
	wr->end = wr->base + cap;
	wr->err = RK_OK;
}

static inline size_t rk_wr_len(const struct rk_wr *wr)
{
	return (size_t)(wr->cur - wr->base);
}

static inline size_t rk_wr_room(const struct rk_wr *wr)
{
	return (size_t)(wr->end - wr->cur);
}

static inline int rk_wr_err(const struct rk_wr *wr)
{
	return wr->err;
}

/* Reserve n bytes and return them (NULL, sticky RK_E_NOSPACE, when short). */
static inline uint8_t *rk_wr_reserve(struct rk_wr *wr, size_t n)
{
	if (wr->err != RK_OK)
		return NULL;
	if (rk_wr_room(wr) < n) {
		wr->err = RK_E_NOSPACE;
		return NULL;
	}
	uint8_t *p = wr->cur;
	wr->cur += n;
	return p;
}

static inline void rk_wr_u8(struct rk_wr *wr, uint8_t v)
{
	uint8_t *p = rk_wr_reserve(wr, 1);
	if (p)
		p[0] = v;
}

static inline void rk_wr_u16(struct rk_wr *wr, uint16_t v)
{
	uint8_t *p = rk_wr_reserve(wr, 2);
	if (p) {
		p[0] = (uint8_t)(v >> 8);
		p[1] = (uint8_t)v;
	}
}

static inline void rk_wr_u32(struct rk_wr *wr, uint32_t v)
{
	uint8_t *p = rk_wr_reserve(wr, 4);
	if (p) {
		p[0] = (uint8_t)(v >> 24);
		p[1] = (uint8_t)(v >> 16);
		p[2] = (uint8_t)(v >> 8);
		p[3] = (uint8_t)v;
	}
}

static inline void rk_wr_bytes(struct rk_wr *wr, const void *src, size_t n)
{
	uint8_t *p = rk_wr_reserve(wr, n);
	if (p && n)
		memcpy(p, src, n);
}

static inline void rk_wr_zero(struct rk_wr *wr, size_t n)
{
	uint8_t *p = rk_wr_reserve(wr, n);
	if (p && n)
		memset(p, 0, n);
}

/* Overwrite an already written 16-bit field at offset off from base. */
static inline void rk_wr_put_u16_at(struct rk_wr *wr, size_t off, uint16_t v)
{
	if (rk_wr_len(wr) < 2 || off > rk_wr_len(wr) - 2)
		return;
	wr->base[off] = (uint8_t)(v >> 8);
	wr->base[off + 1] = (uint8_t)v;
}

static inline void rk_wr_put_u8_at(struct rk_wr *wr, size_t off, uint8_t v)
{
	if (off < rk_wr_len(wr))
		wr->base[off] = v;
}

/* Big-endian load/store helpers for code that patches its own buffers. */
static inline uint16_t rk_get_be16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t rk_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Stores: one byte swap and one store where the compiler has the builtins.
 * GCC's store merging turns the portable byte-by-byte form into that only
 * in simple functions: inlined into a header writer with many fields it
 * assembled each word a byte at a time, with spills.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline void rk_put_be16(uint8_t *p, uint16_t v)
{
	v = __builtin_bswap16(v);
	memcpy(p, &v, 2);
}

static inline void rk_put_be32(uint8_t *p, uint32_t v)
{
	v = __builtin_bswap32(v);
	memcpy(p, &v, 4);
}

static inline void rk_put_be64(uint8_t *p, uint64_t v)
{
	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
}
#else
static inline void rk_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void rk_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void rk_put_be64(uint8_t *p, uint64_t v)
{
	rk_put_be32(p, (uint32_t)(v >> 32));
	rk_put_be32(p + 4, (uint32_t)v);
}
#endif

#endif
