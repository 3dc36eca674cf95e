/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * icmp.h - ICMP for IPv4 (RFC 792).
 *
 * | Type (8) | Code (8) | Checksum (16) | bytes 4-7, by type | data |
 *
 * Bytes 4-7 are always held as id (4-5) and seq (6-7): the identifier and
 * sequence of echo (8/0) and timestamp (13/14); for destination unreachable
 * code 4 (fragmentation needed, RFC 1191) seq is the next-hop MTU; for
 * redirect (5) the gateway is id << 16 | seq; for parameter problem (12) the
 * pointer is id >> 8. Errors (3, 4, 5, 11, 12) quote the offending datagram
 * in their data: the IP header and at least 8 bytes after it.
 */
#ifndef RAWKIT_ICMP_H
#define RAWKIT_ICMP_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_ICMP_HLEN 8
#define RK_ICMP_TSTAMP_LEN 20

#define RK_ICMP_ECHOREPLY 0
#define RK_ICMP_UNREACH 3
#define RK_ICMP_SOURCEQUENCH 4
#define RK_ICMP_REDIRECT 5
#define RK_ICMP_ECHO 8
#define RK_ICMP_TIMXCEED 11
#define RK_ICMP_PARAMPROB 12
#define RK_ICMP_TSTAMP 13
#define RK_ICMP_TSTAMPREPLY 14

/* Destination unreachable codes. */
#define RK_ICMP_UNREACH_NET 0
#define RK_ICMP_UNREACH_HOST 1
#define RK_ICMP_UNREACH_PROTOCOL 2
#define RK_ICMP_UNREACH_PORT 3
#define RK_ICMP_UNREACH_NEEDFRAG 4
#define RK_ICMP_UNREACH_FILTER_PROHIB 13

#define RK_ICMP_SET_CSUM 0x1u

struct rk_icmp_hdr {
	uint8_t type, code;
	uint16_t csum;
	uint16_t id, seq;            /* bytes 4-7, see above */
	uint32_t otime, rtime, ttime; /* timestamp (13/14) only: ms since midnight UT */
	unsigned set;                /* RK_ICMP_SET_CSUM */
};

/* True for the error types that quote a datagram (3, 4, 5, 11, 12). */
RK_API int rk_icmp_is_error(uint8_t type);

/* Header bytes the builder writes: 20 for timestamp types, else 8. */
RK_API size_t rk_icmp_build_len(const struct rk_icmp_hdr *h);

/* Write the header (and the three timestamps for 13/14); csum as given. */
RK_API RK_WUR int rk_icmp_build(struct rk_wr *wr, const struct rk_icmp_hdr *h);

/*
 * How many bytes of a datagram an error message quotes: the IP header
 * (IHL * 4) plus 8 bytes of its payload (RFC 792), capped at len. Used with
 * rk_build_payload() after an error header.
 */
RK_API size_t rk_icmp_quote_len(const uint8_t *datagram, size_t len);

/* Read the 8-byte header (and timestamps for 13/14). RK_OK or RK_E_TRUNC. */
RK_API int rk_icmp_decode(struct rk_rd *rd, struct rk_icmp_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
