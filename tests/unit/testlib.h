/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * testlib.h - minimal assertions for the unit tests: each failed check
 * prints file:line and what differed, the test keeps going, and main
 * returns TEST_END() (1 if anything failed).
 */
#ifndef RK_TESTLIB_H
#define RK_TESTLIB_H

#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                            \
	do {                                                                   \
		test_checks++;                                                 \
		if (!(cond)) {                                                 \
			test_failures++;                                       \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond);                              \
		}                                                              \
	} while (0)

#define CHECK_EQ(a, b)                                                         \
	do {                                                                   \
		long long va_ = (long long)(a), vb_ = (long long)(b);          \
		test_checks++;                                                 \
		if (va_ != vb_) {                                              \
			test_failures++;                                       \
			fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
				__FILE__, __LINE__, #a, va_, #b, vb_);         \
		}                                                              \
	} while (0)

#define CHECK_MEM(a, b, n)                                                     \
	do {                                                                   \
		test_checks++;                                                 \
		if (memcmp((a), (b), (n)) != 0) {                              \
			test_failures++;                                       \
			fprintf(stderr, "%s:%d: %s and %s differ\n", __FILE__, \
				__LINE__, #a, #b);                             \
			test_hexdiff((const unsigned char *)(a),               \
				     (const unsigned char *)(b), (n));         \
		}                                                              \
	} while (0)

static inline void test_hexdiff(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			fprintf(stderr, "  byte %zu: %02x != %02x\n", i, a[i], b[i]);
}

#define TEST_END()                                                             \
	(fprintf(stderr, "%d checks, %d failed\n", test_checks, test_failures), \
	 test_failures ? 1 : 0)

#endif
