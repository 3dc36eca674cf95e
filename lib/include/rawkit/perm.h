/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * perm.h - a keyed pseudo-random permutation of [0, n), n up to 2^62, for
 * visiting a scan's (target, port) space in an order that spreads the load
 * over targets, with no table in memory (the role of zmap's cyclic groups
 * and masscan's BlackRock cipher).
 *
 * Construction: an unbalanced Feistel network on the smallest power-of-two
 * domain holding n (2^b, b >= 2 bits, split into halves of b/2 and b - b/2
 * bits), 8 rounds, each round XORing one half with a keyed 64-bit mixing
 * function of the other; every round is a bijection, so the network is.
 * Values that land at or past n are encrypted again ("cycle walking",
 * Black and Rogaway, CT-RSA 2002) until they fall inside, which keeps a
 * bijection on [0, n); as 2^b < 2n, fewer than two steps on average.
 *
 * Not cryptographically strong: it hides nothing from someone who sees the
 * order, and need not. Deterministic: the same (n, seed) always yields the
 * same order, on every host.
 *
 * Sharding splits the permuted sequence so S cooperating runs together
 * visit every index exactly once: shard s (0-based) takes positions
 * s, s + S, s + 2S, ... of the sequence. A shard's resume index is how many
 * of its own positions it has already visited.
 */
#ifndef RAWKIT_PERM_H
#define RAWKIT_PERM_H

#include <stdbool.h>
#include <stdint.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_PERM_MAX (UINT64_C(1) << 62)
#define RK_PERM_ROUNDS 8

struct rk_perm {
	uint64_t n;
	unsigned lbits, rbits; /* the two halves' widths */
	uint64_t lmask, rmask;
	uint64_t key[RK_PERM_ROUNDS];
};

/* Set up a permutation of [0, n) for seed. RK_OK, or RK_E_INVAL when n is 0
   or larger than RK_PERM_MAX. */
RK_API RK_WUR int rk_perm_init(struct rk_perm *p, uint64_t n, uint64_t seed);

/* The index at position i (i < n) of the permuted sequence. */
RK_API uint64_t rk_perm_map(const struct rk_perm *p, uint64_t i);

/* The inverse: the position at which index x (x < n) is visited. */
RK_API uint64_t rk_perm_unmap(const struct rk_perm *p, uint64_t x);

/* How many positions shard `shard` (0-based) of `shards` owns. */
RK_API uint64_t rk_perm_shard_count(uint64_t n, uint32_t shard, uint32_t shards);

/* Walk one shard's part of the sequence. */
struct rk_perm_iter {
	const struct rk_perm *perm; /* borrowed: must outlive the iterator */
	uint64_t pos;		    /* positions of this shard done: the resume index */
	uint64_t count;		    /* positions this shard owns */
	uint32_t shard, shards;
};

/*
 * Start at the resume-th position of shard `shard` (0-based) of `shards`
 * (0 to start from the beginning). RK_OK, or RK_E_INVAL when shards is 0,
 * shard >= shards, or resume is past the shard's count.
 */
RK_API RK_WUR int rk_perm_iter_init(struct rk_perm_iter *it, const struct rk_perm *p,
				    uint32_t shard, uint32_t shards, uint64_t resume);

/* Store the next index in *out and return true, or return false when the
   shard is done. */
static inline bool rk_perm_iter_next(struct rk_perm_iter *it, uint64_t *out)
{
	if (it->pos >= it->count)
		return false;
	*out = rk_perm_map(it->perm, it->shard + it->pos * it->shards);
	it->pos++;
	return true;
}

#ifdef __cplusplus
}
#endif
#endif
