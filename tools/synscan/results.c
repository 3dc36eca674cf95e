/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * results.c - the set of results rk-synscan has seen, keyed by probe index:
 * how duplicate replies are reported once, how retransmission passes skip
 * answered probes, and what -oG and --all-states read at the end.
 *
 * Open addressing with linear probing, doubled at half full, so memory
 * follows the replies received, not the probes sent. The receiver inserts
 * under the write lock; the sender reads under the read lock, a batch at
 * a time.
 */
#include <stdlib.h>
#include <string.h>
#include "scan.h"

#define MIN_CAP 4096
#define MAX_INITIAL_CAP (1u << 20)

static inline uint64_t hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}

/*
 * Write to every page of a new table now. Left to the first insert, each
 * page would be mapped read-only to the zero page by a lookup and then
 * copied on the write that follows: a TLB shootdown that interrupts the
 * sending thread's CPU, once per 256 slots (measured: 2% of a one-host
 * scan's CPU time, and a slower sender).
 */
static void prefault(struct result *slot, uint64_t cap)
{
	volatile uint8_t *p = (volatile uint8_t *)slot;
	size_t len = (size_t)cap * sizeof *slot;
	for (size_t off = 0; off < len; off += 4096)
		p[off] = 0;
}

int results_init(struct results *r, uint64_t expected)
{
	/* Room for every expected reply at half load, so a scan where every
	   probe is answered never rehashes (up to 2^19 replies, 16 MiB). */
	uint64_t cap = MIN_CAP;
	while (cap < 2 * expected && cap < MAX_INITIAL_CAP)
		cap *= 2;
	r->slot = calloc(cap, sizeof *r->slot);
	if (!r->slot)
		return -1;
	prefault(r->slot, cap);
	r->cap = cap;
	r->n = 0;
	pthread_rwlock_init(&r->lock, NULL);
	return 0;
}

void results_free(struct results *r)
{
	free(r->slot);
	r->slot = NULL;
	pthread_rwlock_destroy(&r->lock);
}

static struct result *lookup(const struct results *r, uint64_t key)
{
	uint64_t mask = r->cap - 1;
	for (uint64_t i = hash(key) & mask;; i = (i + 1) & mask)
		if (r->slot[i].key == key || r->slot[i].key == 0)
			return &r->slot[i];
}

static int grow(struct results *r)
{
	struct results bigger = {.cap = r->cap * 2};
	bigger.slot = calloc(bigger.cap, sizeof *bigger.slot);
	if (!bigger.slot)
		return -1;
	prefault(bigger.slot, bigger.cap);
	for (uint64_t i = 0; i < r->cap; i++)
		if (r->slot[i].key)
			*lookup(&bigger, r->slot[i].key) = r->slot[i];
	free(r->slot);
	r->slot = bigger.slot;
	r->cap = bigger.cap;
	return 0;
}

int results_add(struct results *r, const struct result *e)
{
	int ret = 1;
	pthread_rwlock_wrlock(&r->lock);
	struct result *s = lookup(r, e->key);
	if (s->key) {
		ret = 0;
	} else if (r->n + 2 >= r->cap) {
		ret = -1; /* an earlier growth failed: keep one slot empty */
	} else {
		*s = *e;
		if (++r->n * 2 > r->cap && grow(r) < 0)
			ret = -1;
	}
	pthread_rwlock_unlock(&r->lock);
	return ret;
}

const struct result *results_find_locked(const struct results *r, uint64_t key)
{
	const struct result *s = lookup(r, key);
	return s->key ? s : NULL;
}

void results_rdlock(struct results *r)
{
	pthread_rwlock_rdlock(&r->lock);
}

void results_unlock(struct results *r)
{
	pthread_rwlock_unlock(&r->lock);
}
