/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * csum.h - the Internet checksum (RFC 1071), pseudo-header sums for IPv4
 * (RFC 793/768) and IPv6 (RFC 8200 section 8.1), and incremental update
 * (RFC 1624).
 *
 * Sums are 32-bit accumulators of big-endian 16-bit words ("value domain"):
 * chain rk_csum_partial() calls, add a pseudo-header sum, then
 * rk_csum_finish() folds and complements into the 16-bit value stored
 * big-endian in the header. Only the last chunk of a chain may have an odd
 * length.
 */
#ifndef RAWKIT_CSUM_H
#define RAWKIT_CSUM_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Add len bytes at data to the accumulator sum (any alignment, any length). */
RK_API uint32_t rk_csum_partial(const void *data, size_t len, uint32_t sum);

/*
 * rk_csum_partial() picks an implementation by length and CPU: AVX2 (x86-64
 * with AVX2, checked at run time), SSE2 (any x86-64) or portable C. They
 * give identical results; these entry points let tests compare them and
 * benchmarks time them. rk_csum_partial_impl() uses impl where it applies
 * (SSE2 from 32 bytes, AVX2 from 32 bytes to 1 MiB; outside that what
 * rk_csum_partial() would pick) and falls
 * back to rk_csum_partial() when impl is not supported here.
 */
#define RK_CSUM_IMPL_PORTABLE 0
#define RK_CSUM_IMPL_SSE2 1
#define RK_CSUM_IMPL_AVX2 2
RK_API int rk_csum_impl_supported(int impl);
RK_API uint32_t rk_csum_partial_impl(int impl, const void *data, size_t len, uint32_t sum);

/* Fold an accumulator to 16 bits and complement it: the checksum value. */
static inline uint16_t rk_csum_finish(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The checksum of len bytes: rk_csum_finish(rk_csum_partial(data, len, 0)). */
RK_API uint16_t rk_csum(const void *data, size_t len);

/* IPv4 pseudo-header sum: addresses in host order, len = transport length. */
RK_API uint32_t rk_csum_pseudo4(uint32_t src, uint32_t dst, uint8_t proto, uint32_t len);

/* IPv6 pseudo-header sum (upper-layer packet length is 32 bits). */
RK_API uint32_t rk_csum_pseudo6(const uint8_t src[16], const uint8_t dst[16],
				uint32_t len, uint8_t next_header);

/*
 * RFC 1624 incremental update, eqn. 3: HC' = ~(~HC + ~m + m'). Returns the
 * new checksum after a 16-bit field changed from old_val to new_val.
 * Equal to a full recomputation unless every covered byte is zero (then it
 * yields 0x0000 where a full sum gives 0xffff) - impossible for IP, whose
 * headers always carry a version or protocol number.
 */
RK_API uint16_t rk_csum_update16(uint16_t csum, uint16_t old_val, uint16_t new_val);

/* The same for a 32-bit field (an address, a sequence number). */
RK_API uint16_t rk_csum_update32(uint16_t csum, uint32_t old_val, uint32_t new_val);

#ifdef __cplusplus
}
#endif
#endif
