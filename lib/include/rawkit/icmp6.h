/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * icmp6.h - ICMPv6 (RFC 4443).
 *
 * | Type (8) | Code (8) | Checksum (16) | bytes 4-7, by type | data |
 *
 * Bytes 4-7 are held as id (4-5) and seq (6-7): echo (128/129) identifier
 * and sequence; packet too big (2): the MTU is id << 16 | seq; parameter
 * problem (4): the pointer is id << 16 | seq. Errors (1-4) quote as much of
 * the offending packet as fits in the minimum MTU. The checksum covers the
 * IPv6 pseudo-header (RFC 8200 section 8.1).
 */
#ifndef RAWKIT_ICMP6_H
#define RAWKIT_ICMP6_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_ICMP6_HLEN 8

#define RK_ICMP6_DST_UNREACH 1
#define RK_ICMP6_PACKET_TOO_BIG 2
#define RK_ICMP6_TIME_EXCEEDED 3
#define RK_ICMP6_PARAM_PROB 4
#define RK_ICMP6_ECHO_REQUEST 128
#define RK_ICMP6_ECHO_REPLY 129

#define RK_ICMP6_SET_CSUM 0x1u

struct rk_icmp6_hdr {
	uint8_t type, code;
	uint16_t csum;
	uint16_t id, seq;    /* bytes 4-7, see above */
	unsigned set;        /* RK_ICMP6_SET_CSUM */
};

/* True for the error types 1-4 (they quote a packet). */
RK_API int rk_icmp6_is_error(uint8_t type);

/* How many bytes of a packet an error quotes: up to 1280 - 48 (RFC 4443 2.4(c)). */
RK_API size_t rk_icmp6_quote_len(size_t len);

RK_API RK_WUR int rk_icmp6_build(struct rk_wr *wr, const struct rk_icmp6_hdr *h);

/* Read the 8-byte header. RK_OK or RK_E_TRUNC. */
RK_API int rk_icmp6_decode(struct rk_rd *rd, struct rk_icmp6_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
