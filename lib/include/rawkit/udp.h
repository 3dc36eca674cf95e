/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * udp.h - UDP header (RFC 768).
 *
 * | Source Port (16) | Destination Port (16) | Length (16) | Checksum (16) |
 *
 * A computed checksum of 0 is sent as 0xffff (0 means "none" over IPv4).
 */
#ifndef RAWKIT_UDP_H
#define RAWKIT_UDP_H

#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_UDP_HLEN 8

#define RK_UDP_SET_LEN 0x1u
#define RK_UDP_SET_CSUM 0x2u

struct rk_udp_hdr {
	uint16_t sport, dport;
	uint16_t len;     /* header + data */
	uint16_t csum;
	unsigned set;     /* RK_UDP_SET_* */
};

RK_API RK_WUR int rk_udp_build(struct rk_wr *wr, const struct rk_udp_hdr *h);

/* RK_OK or RK_E_TRUNC (fields read so far are set). */
RK_API int rk_udp_decode(struct rk_rd *rd, struct rk_udp_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
