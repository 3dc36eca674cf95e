/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * siphash.h - SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", INDOCRYPT 2012): a keyed 64-bit hash of short inputs.
 *
 * rk-synscan uses it as its SYN cookie: the sequence number of each probe is
 * the hash of the probe's 4-tuple under a key drawn at random for the run,
 * so a reply is trusted only when its acknowledgment number matches, with no
 * per-probe state (as zmap's validate.c and masscan's syn-cookie.c).
 */
#ifndef RAWKIT_SIPHASH_H
#define RAWKIT_SIPHASH_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The 128-bit key as two 64-bit words: k0 is key bytes 0-7 read
   little-endian, k1 bytes 8-15 (the paper's convention). */
struct rk_siphash_key {
	uint64_t k0, k1;
};

/* Load a key from 16 bytes (the reference implementation's byte order). */
RK_API void rk_siphash_key_from_bytes(struct rk_siphash_key *key, const uint8_t bytes[16]);

/* SipHash-2-4 of len bytes at data under key. Pure; data may be unaligned. */
RK_API uint64_t rk_siphash24(const struct rk_siphash_key *key, const void *data, size_t len);

/*
 * The SYN cookie of a TCP 4-tuple: the low 32 bits of SipHash-2-4 over
 * (src, dst, sport, dport). Addresses are addr_len bytes each (4 for IPv4
 * in network order, 16 for IPv6); ports host order. A probe from src:sport
 * to dst:dport carries the cookie as its sequence number; a reply from
 * dst:dport to src:sport is genuine when its ack - 1 (SYN-ACK, RST) equals
 * the cookie computed with the probe's orientation.
 */
RK_API uint32_t rk_siphash_cookie(const struct rk_siphash_key *key, const uint8_t *src,
				  const uint8_t *dst, size_t addr_len, uint16_t sport,
				  uint16_t dport);

#ifdef __cplusplus
}
#endif
#endif
