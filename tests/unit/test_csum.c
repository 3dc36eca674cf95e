/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_csum.c - checksums: RFC 1071's worked example, a well-known IPv4
 * header, every length 0..300 at every alignment against a byte-by-byte
 * reference, chained partial sums, pseudo-headers, and RFC 1624 incremental
 * updates equal to full recomputation.
 */
#include <stdint.h>
#include <stdlib.h>
#include "rawkit/csum.h"
#include "testlib.h"

/* The obvious RFC 1071 implementation, one 16-bit word at a time. */
static uint16_t ref_csum(const uint8_t *p, size_t n, uint32_t init)
{
	uint64_t s = init;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

int main(void)
{
	/* RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2. */
	static const uint8_t rfc[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
	CHECK_EQ(rk_csum_partial(rfc, sizeof rfc, 0), 0xddf2);
	CHECK_EQ(rk_csum(rfc, sizeof rfc), 0x220d);

	/* The IPv4 header of Wikipedia's "IPv4 header checksum" example. */
	static const uint8_t ip[] = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
				     0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
	CHECK_EQ(rk_csum(ip, sizeof ip), 0xb861);

	/* Every length and alignment against the reference. */
	static uint8_t buf[512];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)rnd();
	int mismatches = 0;
	for (size_t align = 0; align < 8; align++)
		for (size_t len = 0; len <= 300; len++)
			if (rk_csum(buf + align, len) != ref_csum(buf + align, len, 0))
				mismatches++;
	CHECK_EQ(mismatches, 0);

	/* All 0xff bytes: the largest sums must fold without losing a carry. */
	static uint8_t ff[4096];
	for (size_t i = 0; i < sizeof ff; i++)
		ff[i] = 0xff;
	CHECK_EQ(rk_csum(ff, sizeof ff), ref_csum(ff, sizeof ff, 0));
	CHECK_EQ(rk_csum(ff, 4095), ref_csum(ff, 4095, 0));

	/* Chained partial sums (even-length chunks) equal one pass. */
	for (size_t cut = 0; cut <= 200; cut += 2) {
		uint32_t s = rk_csum_partial(buf, cut, 0);
		s = rk_csum_partial(buf + cut, 201 - cut, s);
		CHECK_EQ(rk_csum_finish(s), ref_csum(buf, 201, 0));
	}

	/* Pseudo-headers: the same bytes summed literally. */
	uint8_t ph4[12] = {192, 0, 2, 1, 198, 18, 0, 2, 0, 6, 0x01, 0x02};
	CHECK_EQ(rk_csum_finish(rk_csum_pseudo4(0xc0000201, 0xc6120002, 6, 0x0102)),
		 ref_csum(ph4, sizeof ph4, 0));
	uint8_t src6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
	uint8_t dst6[16] = {0x20, 0x01, 0x0d, 0xb8, [14] = 0xff, [15] = 2};
	uint8_t ph6[40] = {0};
	memcpy(ph6, src6, 16);
	memcpy(ph6 + 16, dst6, 16);
	ph6[33] = 0x01; /* length 0x00012345 */
	ph6[34] = 0x23;
	ph6[35] = 0x45;
	ph6[39] = 58;
	CHECK_EQ(rk_csum_finish(rk_csum_pseudo6(src6, dst6, 0x12345, 58)), ref_csum(ph6, sizeof ph6, 0));

	/* RFC 1624: patching a field and updating equals recomputing. */
	int bad16 = 0, bad32 = 0;
	for (int iter = 0; iter < 100000; iter++) {
		uint8_t pkt[40];
		for (size_t i = 0; i < sizeof pkt; i++)
			pkt[i] = (uint8_t)rnd();
		if (iter % 7 == 0) /* mostly zero, as RFC 1624 section 3's corner */
			memset(pkt + 1, 0, sizeof pkt - 1);
		pkt[0] = 0x45; /* covered data is never all zero (IPv4 version) */
		pkt[10] = pkt[11] = 0;
		uint16_t c = rk_csum(pkt, sizeof pkt);
		size_t off = 12 + 2 * (rnd() % 12);
		uint16_t o16 = (uint16_t)(pkt[off] << 8 | pkt[off + 1]);
		uint16_t n16 = (uint16_t)rnd();
		if (iter % 5 == 0)
			n16 = 0;
		pkt[off] = (uint8_t)(n16 >> 8);
		pkt[off + 1] = (uint8_t)n16;
		uint16_t inc = rk_csum_update16(c, o16, n16);
		/* ones' complement has two zeros: compare the summed result */
		pkt[10] = (uint8_t)(inc >> 8);
		pkt[11] = (uint8_t)inc;
		if (rk_csum(pkt, sizeof pkt) != 0)
			bad16++;

		pkt[10] = pkt[11] = 0;
		c = rk_csum(pkt, sizeof pkt);
		off = 12 + 4 * (rnd() % 6);
		uint32_t o32 = (uint32_t)pkt[off] << 24 | (uint32_t)pkt[off + 1] << 16 |
			       (uint32_t)pkt[off + 2] << 8 | pkt[off + 3];
		uint32_t n32 = rnd() << 8 ^ rnd();
		pkt[off] = (uint8_t)(n32 >> 24);
		pkt[off + 1] = (uint8_t)(n32 >> 16);
		pkt[off + 2] = (uint8_t)(n32 >> 8);
		pkt[off + 3] = (uint8_t)n32;
		inc = rk_csum_update32(c, o32, n32);
		pkt[10] = (uint8_t)(inc >> 8);
		pkt[11] = (uint8_t)inc;
		if (rk_csum(pkt, sizeof pkt) != 0)
			bad32++;
	}
	CHECK_EQ(bad16, 0);
	CHECK_EQ(bad32, 0);
	return TEST_END();
}
