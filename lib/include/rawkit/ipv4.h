/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ipv4.h - IPv4 header (RFC 791).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |R|D|M|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Addresses are host-order integers (198.18.0.1 is 0xc6120001).
 */
#ifndef RAWKIT_IPV4_H
#define RAWKIT_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_IPV4_HLEN 20
#define RK_IPV4_OPTS_MAX 40

#define RK_IPPROTO_HOPOPTS 0
#define RK_IPPROTO_ICMP 1
#define RK_IPPROTO_IPIP 4
#define RK_IPPROTO_TCP 6
#define RK_IPPROTO_UDP 17
#define RK_IPPROTO_IPV6 41
#define RK_IPPROTO_ROUTING 43
#define RK_IPPROTO_FRAGMENT 44
#define RK_IPPROTO_ICMPV6 58
#define RK_IPPROTO_NONE 59
#define RK_IPPROTO_DSTOPTS 60

/* Fields the caller fixed; the layered builder computes the others. */
#define RK_IPV4_SET_IHL 0x1u
#define RK_IPV4_SET_LEN 0x2u
#define RK_IPV4_SET_PROTO 0x4u
#define RK_IPV4_SET_CSUM 0x8u
#define RK_IPV4_SET_VERSION 0x10u

struct rk_ipv4_hdr {
	uint8_t version;       /* 4 unless RK_IPV4_SET_VERSION */
	uint8_t ihl;           /* header length in 32-bit words */
	uint8_t tos;
	uint16_t len;          /* total length in bytes */
	uint16_t id;
	bool rf, df, mf;       /* reserved, don't fragment, more fragments */
	uint16_t frag;         /* fragment offset in 8-byte units */
	uint8_t ttl;
	uint8_t proto;
	uint16_t csum;
	uint32_t src, dst;
	const uint8_t *opts;   /* options bytes (borrowed); padded with zeros to 4 */
	size_t opts_len;
	unsigned set;          /* RK_IPV4_SET_* */
};

/* Defaults: version 4, ttl 64, everything else 0 and computed. */
RK_API void rk_ipv4_init(struct rk_ipv4_hdr *h);

/* Header length in bytes the builder will write: 20 + options padded to 4. */
RK_API size_t rk_ipv4_build_len(const struct rk_ipv4_hdr *h);

/*
 * Write the header and options. ihl is written as given when
 * RK_IPV4_SET_IHL, else computed from opts_len; len, proto and csum are
 * written as given (the layered builder patches them unless fixed).
 * RK_OK, RK_E_NOSPACE, or RK_E_INVAL (options over 40 bytes).
 */
RK_API RK_WUR int rk_ipv4_build(struct rk_wr *wr, const struct rk_ipv4_hdr *h);

/* Compute and store the header checksum of a written header at hdr. */
RK_API void rk_ipv4_fill_csum(uint8_t *hdr, size_t hdr_len);

/*
 * Read the fixed header and, when ihl > 5, the options (opts borrowed from
 * the packet). RK_OK; RK_E_TRUNC when the 20 bytes or the options are cut
 * short (fields read so far are set); RK_E_MALFORMED when ihl < 5.
 */
RK_API int rk_ipv4_decode(struct rk_rd *rd, struct rk_ipv4_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
