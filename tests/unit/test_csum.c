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

	/* Every implementation this CPU has (portable, SSE2, AVX2), every
	   length to past two of the widest blocks at every alignment, with a
	   starting sum: the same value as the reference and bit for bit the
	   same partial sum as the portable code (0x0000 versus 0xffff too). */
	static uint8_t big[2200];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)rnd();
	int impl_bad = 0, impl_diff = 0, impls = 0;
	for (int impl = RK_CSUM_IMPL_PORTABLE; impl <= RK_CSUM_IMPL_AVX2; impl++) {
		if (!rk_csum_impl_supported(impl))
			continue;
		impls++;
		for (size_t align = 0; align < 64; align++)
			for (size_t len = 0; len <= 300; len++) {
				uint32_t init = (uint32_t)(len * 257u + align) & 0xffff;
				uint32_t s = rk_csum_partial_impl(impl, big + align, len, init);
				if (rk_csum_finish(s) != ref_csum(big + align, len, init))
					impl_bad++;
				if (s != rk_csum_partial_impl(RK_CSUM_IMPL_PORTABLE, big + align, len, init))
					impl_diff++;
			}
		for (size_t len = 300; len <= 2100; len += 7) {
			size_t align = len % 61;
			if (rk_csum_finish(rk_csum_partial_impl(impl, big + align, len, 0)) !=
			    ref_csum(big + align, len, 0))
				impl_bad++;
		}
	}
	CHECK(impls >= 1);
	CHECK_EQ(impl_bad, 0);
	CHECK_EQ(impl_diff, 0);
	CHECK_EQ(rk_csum_impl_supported(-1), 0);

	/* All 0xff bytes: the largest sums must fold without losing a carry. */
	static uint8_t ff[70000];
	for (size_t i = 0; i < sizeof ff; i++)
		ff[i] = 0xff;
	CHECK_EQ(rk_csum(ff, 4096), ref_csum(ff, 4096, 0));
	CHECK_EQ(rk_csum(ff, 4095), ref_csum(ff, 4095, 0));
	for (int impl = RK_CSUM_IMPL_PORTABLE; impl <= RK_CSUM_IMPL_AVX2; impl++)
		for (size_t len = 65530; len <= sizeof ff; len += 1117) {
			CHECK_EQ(rk_csum_finish(rk_csum_partial_impl(impl, ff, len, 0xffff)),
				 ref_csum(ff, len, 0xffff));
			CHECK_EQ(rk_csum_finish(rk_csum_partial_impl(impl, ff + 1, len - 1, 0)),
				 ref_csum(ff + 1, len - 1, 0));
		}
	/* Up to and past 1 MiB, where the AVX2 loop's 32-bit lanes are
	   fullest (all 0x00 and all 0xff are their extremes) and where
	   rk_csum_partial() stops using it. */
	size_t huge_len = 3u << 20 | 17u;
	uint8_t *huge = malloc(huge_len);
	CHECK(huge != NULL);
	if (huge) {
		static const size_t lens[] = {(1u << 20) - 64, (1u << 20) - 1, 1u << 20, 3u << 20 | 17u};
		for (int fill = 0; fill < 3; fill++) {
			for (size_t i = 0; i < huge_len; i++)
				huge[i] = fill == 0 ? 0 : fill == 1 ? 0xff : (uint8_t)rnd();
			for (int impl = RK_CSUM_IMPL_PORTABLE; impl <= RK_CSUM_IMPL_AVX2; impl++)
				for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
					size_t n = lens[k];
					CHECK_EQ(rk_csum_finish(rk_csum_partial_impl(impl, huge, n, 0x1234)),
						 ref_csum(huge, n, 0x1234));
					CHECK_EQ(rk_csum_partial_impl(impl, huge + 1, n - 1, 0),
						 rk_csum_partial_impl(RK_CSUM_IMPL_PORTABLE, huge + 1, n - 1, 0));
				}
		}
		free(huge);
	}

	/* All zero: the sum is 0, not 0xffff, in every implementation. */
	static const uint8_t zero[200];
	for (int impl = RK_CSUM_IMPL_PORTABLE; impl <= RK_CSUM_IMPL_AVX2; impl++)
		for (size_t len = 0; len <= sizeof zero; len += 13)
			CHECK_EQ(rk_csum_partial_impl(impl, zero, len, 0), 0);

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
