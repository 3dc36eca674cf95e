/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_perm.c - the scan-order permutation (perm.h): a bijection of [0, n)
 * (every n up to 3000 exhaustively, with several seeds, and large n through
 * a bitmap), its inverse, determinism, shards that partition the sequence,
 * and resuming a shard part-way.
 */
#include <stdint.h>
#include <stdlib.h>
#include "rawkit/perm.h"
#include "testlib.h"

/* Visit the whole permutation; 1 when every index came exactly once. */
static int is_bijection(uint64_t n, uint64_t seed, int check_inverse)
{
	struct rk_perm p;
	if (rk_perm_init(&p, n, seed) != RK_OK)
		return 0;
	uint64_t *seen = calloc((size_t)(n + 63) / 64, 8);
	int ok = 1;
	for (uint64_t i = 0; i < n && ok; i++) {
		uint64_t x = rk_perm_map(&p, i);
		if (x >= n || (seen[x / 64] >> (x % 64) & 1))
			ok = 0;
		else
			seen[x / 64] |= UINT64_C(1) << (x % 64);
		if (check_inverse && rk_perm_unmap(&p, x) != i)
			ok = 0;
	}
	free(seen);
	return ok;
}

static void test_small_exhaustive(void)
{
	int bad = 0;
	for (uint64_t n = 1; n <= 3000; n++)
		for (uint64_t seed = 0; seed < 3; seed++)
			if (!is_bijection(n, seed * 0x1234567 + n, 1)) {
				fprintf(stderr, "not a bijection: n=%llu seed=%llu\n",
					(unsigned long long)n, (unsigned long long)seed);
				bad++;
			}
	CHECK_EQ(bad, 0);
}

static void test_large(void)
{
	const uint64_t ns[] = {65536, 65537, 65536 * 20 + 20, 1000003, (1u << 22) - 1, 1u << 22};
	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
		CHECK(is_bijection(ns[i], 42 + i, i < 3));

	/* Huge domains: stays in range and inverts, spot-checked. */
	const uint64_t huge[] = {UINT64_C(1) << 32, (UINT64_C(1) << 48) - 3, UINT64_C(65536) << 32,
				 RK_PERM_MAX};
	for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
		struct rk_perm p;
		CHECK_EQ(rk_perm_init(&p, huge[i], 7), RK_OK);
		uint64_t x = 0x9e3779b97f4a7c15ull;
		int bad = 0;
		for (int k = 0; k < 20000; k++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			uint64_t pos = x % huge[i];
			uint64_t v = rk_perm_map(&p, pos);
			if (v >= huge[i] || rk_perm_unmap(&p, v) != pos)
				bad++;
		}
		CHECK_EQ(bad, 0);
		/* The ends of the range too. */
		CHECK(rk_perm_unmap(&p, rk_perm_map(&p, huge[i] - 1)) == huge[i] - 1);
		CHECK(rk_perm_unmap(&p, rk_perm_map(&p, 0)) == 0);
	}
}

static void test_init_errors(void)
{
	struct rk_perm p;
	CHECK_EQ(rk_perm_init(&p, 0, 1), RK_E_INVAL);
	CHECK_EQ(rk_perm_init(&p, RK_PERM_MAX + 1, 1), RK_E_INVAL);
	CHECK_EQ(rk_perm_init(&p, 1, 1), RK_OK);
	CHECK_EQ(rk_perm_map(&p, 0), 0);
}

static void test_deterministic_and_mixed(void)
{
	struct rk_perm a, b, c;
	const uint64_t n = 65536;
	CHECK_EQ(rk_perm_init(&a, n, 1), RK_OK);
	CHECK_EQ(rk_perm_init(&b, n, 1), RK_OK);
	CHECK_EQ(rk_perm_init(&c, n, 2), RK_OK);
	int same_ab = 0, same_ac = 0, fixed = 0, adjacent = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t x = rk_perm_map(&a, i);
		same_ab += x == rk_perm_map(&b, i);
		same_ac += x == rk_perm_map(&c, i);
		fixed += x == i;
		if (i > 0) {
			uint64_t prev = rk_perm_map(&a, i - 1);
			adjacent += (x > prev ? x - prev : prev - x) == 1;
		}
	}
	CHECK_EQ(same_ab, (int)n);
	/* A random permutation has about one fixed point and agrees with
	   another in about one place; allow generous slack. */
	CHECK(same_ac < 20);
	CHECK(fixed < 20);
	CHECK(adjacent < 20);

	/* The first 1000 ports of a 65536-port scan spread over the range. */
	int low = 0;
	for (uint64_t i = 0; i < 1000; i++)
		low += rk_perm_map(&a, i) < n / 2;
	CHECK(low > 400 && low < 600);
}

static void test_shards(void)
{
	const uint64_t n = 10007;
	const uint32_t counts[] = {1, 2, 3, 7, 64, 10007, 20000};
	struct rk_perm p;
	CHECK_EQ(rk_perm_init(&p, n, 99), RK_OK);
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		uint32_t S = counts[k];
		unsigned char *hits = calloc(n, 1);
		uint64_t total = 0;
		for (uint32_t s = 0; s < S; s++) {
			struct rk_perm_iter it;
			uint64_t x, c = 0;
			CHECK_EQ(rk_perm_iter_init(&it, &p, s, S, 0), RK_OK);
			while (rk_perm_iter_next(&it, &x)) {
				hits[x]++;
				c++;
			}
			if (c != rk_perm_shard_count(n, s, S))
				CHECK_EQ(c, rk_perm_shard_count(n, s, S));
			total += c;
		}
		CHECK_EQ(total, n);
		int once = 1;
		for (uint64_t i = 0; i < n; i++)
			once &= hits[i] == 1;
		CHECK(once);
		free(hits);
	}
	/* Shard sizes differ by at most one. */
	CHECK_EQ(rk_perm_shard_count(10, 0, 3), 4);
	CHECK_EQ(rk_perm_shard_count(10, 1, 3), 3);
	CHECK_EQ(rk_perm_shard_count(10, 2, 3), 3);
	CHECK_EQ(rk_perm_shard_count(2, 2, 3), 0);
	CHECK_EQ(rk_perm_shard_count(5, 0, 0), 0);
}

static void test_resume(void)
{
	const uint64_t n = 5000;
	struct rk_perm p;
	CHECK_EQ(rk_perm_init(&p, n, 5), RK_OK);
	for (uint32_t s = 0; s < 3; s++) {
		struct rk_perm_iter full, part;
		uint64_t seq[2000], x;
		size_t m = 0;
		CHECK_EQ(rk_perm_iter_init(&full, &p, s, 3, 0), RK_OK);
		while (rk_perm_iter_next(&full, &x))
			seq[m++] = x;
		CHECK_EQ(m, rk_perm_shard_count(n, s, 3));
		/* Stop after 700, resume from the position reported. */
		CHECK_EQ(rk_perm_iter_init(&part, &p, s, 3, 0), RK_OK);
		for (int i = 0; i < 700; i++)
			CHECK(rk_perm_iter_next(&part, &x));
		uint64_t resume = part.pos;
		CHECK_EQ(resume, 700);
		CHECK_EQ(rk_perm_iter_init(&part, &p, s, 3, resume), RK_OK);
		size_t j = 700;
		int same = 1;
		while (rk_perm_iter_next(&part, &x))
			same &= j < m && seq[j++] == x;
		CHECK(same);
		CHECK_EQ(j, m);
		/* Resuming at the end yields nothing; past it is refused. */
		CHECK_EQ(rk_perm_iter_init(&part, &p, s, 3, m), RK_OK);
		CHECK(!rk_perm_iter_next(&part, &x));
		CHECK_EQ(rk_perm_iter_init(&part, &p, s, 3, m + 1), RK_E_INVAL);
	}
	struct rk_perm_iter it;
	CHECK_EQ(rk_perm_iter_init(&it, &p, 3, 3, 0), RK_E_INVAL);
	CHECK_EQ(rk_perm_iter_init(&it, &p, 0, 0, 0), RK_E_INVAL);
}

int main(void)
{
	test_init_errors();
	test_small_exhaustive();
	test_large();
	test_deterministic_and_mixed();
	test_shards();
	test_resume();
	return TEST_END();
}
