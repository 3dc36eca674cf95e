/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * perm.c - keyed permutation of [0, n) by an unbalanced Feistel network with
 * cycle walking (perm.h explains the construction and why it is a
 * bijection). The round function is a keyed splitmix64 finalizer: cheap
 * (three multiplies) and well mixed in every output bit, so both halves see
 * all bits of the other after two rounds.
 */
#include "rawkit/perm.h"

static inline uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

RK_API int rk_perm_init(struct rk_perm *p, uint64_t n, uint64_t seed)
{
	if (n == 0 || n > RK_PERM_MAX)
		return RK_E_INVAL;
	unsigned b = 2;
	while (b < 63 && (UINT64_C(1) << b) < n)
		b++;
	p->n = n;
	p->lbits = b / 2;
	p->rbits = b - p->lbits;
	p->lmask = (UINT64_C(1) << p->lbits) - 1;
	p->rmask = (UINT64_C(1) << p->rbits) - 1;
	/* Round keys: the splitmix64 sequence from the seed. */
	uint64_t s = seed;
	for (int r = 0; r < RK_PERM_ROUNDS; r++) {
		s += 0x9e3779b97f4a7c15ull;
		p->key[r] = mix(s);
	}
	return RK_OK;
}

static inline uint64_t encrypt(const struct rk_perm *p, uint64_t x)
{
	uint64_t l = x >> p->rbits, r = x & p->rmask;
	for (int i = 0; i < RK_PERM_ROUNDS; i += 2) {
		l ^= mix(r ^ p->key[i]) & p->lmask;
		r ^= mix(l ^ p->key[i + 1]) & p->rmask;
	}
	return l << p->rbits | r;
}

static inline uint64_t decrypt(const struct rk_perm *p, uint64_t x)
{
	uint64_t l = x >> p->rbits, r = x & p->rmask;
	for (int i = RK_PERM_ROUNDS - 2; i >= 0; i -= 2) {
		r ^= mix(l ^ p->key[i + 1]) & p->rmask;
		l ^= mix(r ^ p->key[i]) & p->lmask;
	}
	return l << p->rbits | r;
}

RK_API uint64_t rk_perm_map(const struct rk_perm *p, uint64_t i)
{
	uint64_t x = encrypt(p, i);
	while (x >= p->n)
		x = encrypt(p, x);
	return x;
}

RK_API uint64_t rk_perm_unmap(const struct rk_perm *p, uint64_t x)
{
	uint64_t i = decrypt(p, x);
	while (i >= p->n)
		i = decrypt(p, i);
	return i;
}

RK_API uint64_t rk_perm_shard_count(uint64_t n, uint32_t shard, uint32_t shards)
{
	if (shards == 0 || shard >= n)
		return 0;
	return (n - shard - 1) / shards + 1;
}

RK_API int rk_perm_iter_init(struct rk_perm_iter *it, const struct rk_perm *p, uint32_t shard,
			     uint32_t shards, uint64_t resume)
{
	if (shards == 0 || shard >= shards)
		return RK_E_INVAL;
	uint64_t count = rk_perm_shard_count(p->n, shard, shards);
	if (resume > count)
		return RK_E_INVAL;
	it->perm = p;
	it->pos = resume;
	it->count = count;
	it->shard = shard;
	it->shards = shards;
	return RK_OK;
}
