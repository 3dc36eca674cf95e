/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build_sum.h - the ones'-complement sums the builders compute while they
 * write (RFC 1071), so that rk_build_finish() fills checksums without
 * reading back bytes just written (a load spanning several recent narrow
 * stores cannot be forwarded from the store buffer and stalls until they
 * reach the cache: docs/PERFORMANCE.md, "Where the layered builder's time
 * goes").
 *
 * Two domains. A "value" sum is as in csum.h: big-endian 16-bit words
 * counted from an even offset, an odd last byte as the high byte of a word;
 * it is what the layer records hold and what finish adds lengths and
 * protocol numbers to. A "native" accumulator is a 64-bit end-around-carry
 * sum of words exactly as they lie in memory: a header's words as stored,
 * the caller's option and payload bytes as loaded. Byte order does not
 * matter to such a sum until the end (RFC 1071 2(B)), where one fold and,
 * on a little-endian host, one byte swap turn it into a value sum. A block
 * that starts at an odd offset from the start of a checksum's coverage
 * contributes its folded value sum byte-swapped.
 *
 * Only sums of non-negative terms are ever formed, never differences, so a
 * folded sum is 0 exactly when every byte is 0, as a sum over the bytes is.
 */
#ifndef RAWKIT_BUILD_SUM_H
#define RAWKIT_BUILD_SUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if !defined(__BYTE_ORDER__)
#error "build_sum.h needs __BYTE_ORDER__ (GCC or clang)"
#endif
#define RKINT_LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/*
 * Fold a 32-bit accumulator to 16 bits, end-around carry included: adding
 * the value rotated by 16 leaves hi + lo + carry in the upper half (the
 * Linux csum_fold idiom; three instructions instead of two rounds of mask,
 * shift and add).
 */
static inline uint32_t rkint_fold(uint32_t s)
{
	return (s + (s << 16 | s >> 16)) >> 16;
}

/* The same from 64 bits: first to 32 by the same rotation. */
static inline uint32_t rkint_fold64(uint64_t s)
{
	return rkint_fold((uint32_t)((s + (s << 32 | s >> 32)) >> 32));
}

/* A folded sum as seen from one byte further on (or back). */
static inline uint32_t rkint_swap16(uint32_t s)
{
	return __builtin_bswap16((uint16_t)s); /* one 16-bit rotate */
}

/* A native accumulator as a folded value sum. */
static inline uint32_t rkint_native_value(uint64_t acc)
{
	uint32_t s = rkint_fold64(acc);
	return RKINT_LE ? rkint_swap16(s) : s;
}

/* Add a native 64-bit word with end-around carry (add, adc). */
static inline uint64_t rkint_add64(uint64_t acc, uint64_t w)
{
	acc += w;
	return acc + (acc < w);
}

/* A big-endian word as it lies in memory, read natively: what a store of
   it writes and what the native accumulator adds. */
static inline uint64_t rkint_be64(uint64_t v)
{
	return RKINT_LE ? __builtin_bswap64(v) : v;
}

static inline uint32_t rkint_be32(uint32_t v)
{
	return RKINT_LE ? __builtin_bswap32(v) : v;
}

static inline uint64_t rkint_load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/*
 * Copy n bytes from src to dst and return their native accumulator. With
 * pad4, also store zeros after them up to a multiple of 4 bytes (option
 * padding), which the caller has reserved; without it nothing past dst + n
 * is written. One pass of 8-byte, then 4-byte loads and stores: the bytes
 * are summed from the caller's buffer as they are copied, never read back
 * from dst, and no libc call is made for the few bytes of a header's
 * options (a multiple of 4 bytes, usually: no shifting or merging then).
 */
static inline uint64_t rkint_copy_native(uint8_t *dst, const uint8_t *src, size_t n, int pad4)
{
	uint64_t acc = 0;
	for (; n >= 8; src += 8, dst += 8, n -= 8) {
		uint64_t w = rkint_load64(src);
		memcpy(dst, &w, 8);
		acc = rkint_add64(acc, w);
	}
	if (n & 4) {
		uint32_t w;
		memcpy(&w, src, 4);
		memcpy(dst, &w, 4);
		acc = rkint_add64(acc, w);
		src += 4;
		dst += 4;
	}
	if (n & 3) { /* 1-3 bytes: as a 4-byte word in memory order, zero-filled */
		uint32_t w = 0;
		if (n & 2) {
			uint16_t t;
			memcpy(&t, src, 2);
			w = RKINT_LE ? t : (uint32_t)t << 16;
		}
		if (n & 1) {
			uint32_t c = src[n & 2];
			w |= RKINT_LE ? c << (8 * (n & 2)) : c << (24 - 8 * (n & 2));
		}
		acc = rkint_add64(acc, w);
		if (pad4) {
			memcpy(dst, &w, 4);
		} else {
			if (n & 2)
				memcpy(dst, src, 2);
			if (n & 1)
				dst[n & 2] = src[n & 2];
		}
	}
	return acc;
}

/* The same as a folded value sum. */
static inline uint32_t rkint_copy_sum(uint8_t *dst, const uint8_t *src, size_t n)
{
	return rkint_native_value(rkint_copy_native(dst, src, n, 0));
}

#endif
