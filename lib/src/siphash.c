/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * siphash.c - SipHash-2-4 (Aumasson and Bernstein, INDOCRYPT 2012), written
 * from the paper's description: 2 compression rounds per 8-byte word, 4
 * finalization rounds, the last word carrying the length in its top byte.
 * Checked against the paper's Appendix A vector and the reference
 * implementation's 64 vectors in tests/unit/test_siphash.c.
 */
#include <string.h>
#include "rawkit/siphash.h"

static inline uint64_t rotl(uint64_t x, unsigned b)
{
	return (x << b) | (x >> (64 - b));
}

/* Little-endian load, independent of the host's byte order. */
static inline uint64_t load_le64(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

#define SIPROUND(v0, v1, v2, v3)                                                                   \
	do {                                                                                       \
		v0 += v1;                                                                          \
		v1 = rotl(v1, 13);                                                                 \
		v1 ^= v0;                                                                          \
		v0 = rotl(v0, 32);                                                                 \
		v2 += v3;                                                                          \
		v3 = rotl(v3, 16);                                                                 \
		v3 ^= v2;                                                                          \
		v0 += v3;                                                                          \
		v3 = rotl(v3, 21);                                                                 \
		v3 ^= v0;                                                                          \
		v2 += v1;                                                                          \
		v1 = rotl(v1, 17);                                                                 \
		v1 ^= v2;                                                                          \
		v2 = rotl(v2, 32);                                                                 \
	} while (0)

RK_API void rk_siphash_key_from_bytes(struct rk_siphash_key *key, const uint8_t bytes[16])
{
	key->k0 = load_le64(bytes);
	key->k1 = load_le64(bytes + 8);
}

RK_API uint64_t rk_siphash24(const struct rk_siphash_key *key, const void *data, size_t len)
{
	const uint8_t *p = data;
	/* "somepseudorandomlygeneratedbytes" */
	uint64_t v0 = key->k0 ^ 0x736f6d6570736575ull;
	uint64_t v1 = key->k1 ^ 0x646f72616e646f6dull;
	uint64_t v2 = key->k0 ^ 0x6c7967656e657261ull;
	uint64_t v3 = key->k1 ^ 0x7465646279746573ull;
	size_t left = len;

	for (; left >= 8; p += 8, left -= 8) {
		uint64_t m = load_le64(p);
		v3 ^= m;
		SIPROUND(v0, v1, v2, v3);
		SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	uint64_t b = (uint64_t)len << 56;
	for (size_t i = 0; i < left; i++)
		b |= (uint64_t)p[i] << (8 * i);
	v3 ^= b;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	for (int i = 0; i < 4; i++)
		SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

RK_API uint32_t rk_siphash_cookie(const struct rk_siphash_key *key, const uint8_t *src,
				  const uint8_t *dst, size_t addr_len, uint16_t sport,
				  uint16_t dport)
{
	uint8_t buf[36];
	size_t n = addr_len > 16 ? 16 : addr_len;

	memcpy(buf, src, n);
	memcpy(buf + n, dst, n);
	buf[2 * n] = (uint8_t)(sport >> 8);
	buf[2 * n + 1] = (uint8_t)sport;
	buf[2 * n + 2] = (uint8_t)(dport >> 8);
	buf[2 * n + 3] = (uint8_t)dport;
	return (uint32_t)rk_siphash24(key, buf, 2 * n + 4);
}
