/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * csum.c - RFC 1071 Internet checksum, RFC 1624 incremental update.
 *
 * The ones' complement sum is independent of byte order (RFC 1071 section
 * 2(B)): sum native-order 32-bit halves of 64-bit loads into a 64-bit
 * accumulator (no carry can be lost for any realistic length), fold, and
 * swap once at the end on little-endian hosts. Loads go through memcpy, so
 * alignment never matters.
 */
#include <string.h>
#include "rawkit/csum.h"

static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static uint16_t fold64(uint64_t acc)
{
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

RK_API uint32_t rk_csum_partial(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;
	uint64_t a0 = 0, a1 = 0;

	while (len >= 32) {
		uint64_t w0 = load64(p), w1 = load64(p + 8);
		uint64_t w2 = load64(p + 16), w3 = load64(p + 24);
		a0 += (w0 & 0xffffffffu) + (w0 >> 32) + (w1 & 0xffffffffu) + (w1 >> 32);
		a1 += (w2 & 0xffffffffu) + (w2 >> 32) + (w3 & 0xffffffffu) + (w3 >> 32);
		p += 32;
		len -= 32;
	}
	while (len >= 8) {
		uint64_t w = load64(p);
		a0 += (w & 0xffffffffu) + (w >> 32);
		p += 8;
		len -= 8;
	}
	/* The last 0-7 bytes as native-order 4/2/1-byte loads: a fixed-size
	   memcpy each, never a variable-length libc call. */
	if (len & 4) {
		uint32_t w;
		memcpy(&w, p, 4);
		a1 += w;
		p += 4;
	}
	if (len & 2) {
		uint16_t w;
		memcpy(&w, p, 2);
		a1 += w;
		p += 2;
	}
	if (len & 1) {
		uint8_t last[2] = {p[0], 0};
		uint16_t w;
		memcpy(&w, last, 2);
		a1 += w;
	}
	uint16_t s = fold64(a0 + a1);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	s = (uint16_t)(s << 8 | s >> 8);
#endif
	uint32_t r = sum + s;
	return (r & 0xffff) + (r >> 16);
}

RK_API uint16_t rk_csum(const void *data, size_t len)
{
	return rk_csum_finish(rk_csum_partial(data, len, 0));
}

RK_API uint32_t rk_csum_pseudo4(uint32_t src, uint32_t dst, uint8_t proto, uint32_t len)
{
	uint64_t s = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
		     proto + (len >> 16) + (len & 0xffff);
	return fold64(s);
}

RK_API uint32_t rk_csum_pseudo6(const uint8_t src[16], const uint8_t dst[16],
				uint32_t len, uint8_t next_header)
{
	uint64_t s = (len >> 16) + (len & 0xffff) + next_header;
	for (int i = 0; i < 16; i += 2)
		s += (uint32_t)(src[i] << 8 | src[i + 1]) + (uint32_t)(dst[i] << 8 | dst[i + 1]);
	return fold64(s);
}

RK_API uint16_t rk_csum_update16(uint16_t csum, uint16_t old_val, uint16_t new_val)
{
	uint32_t s = (uint16_t)~csum + (uint32_t)(uint16_t)~old_val + new_val;
	return rk_csum_finish(s);
}

RK_API uint16_t rk_csum_update32(uint16_t csum, uint32_t old_val, uint32_t new_val)
{
	uint32_t s = (uint16_t)~csum;
	s += (uint16_t)~(old_val >> 16) + (uint32_t)(uint16_t)~(old_val & 0xffff);
	s += (new_val >> 16) + (new_val & 0xffff);
	return rk_csum_finish(s);
}
