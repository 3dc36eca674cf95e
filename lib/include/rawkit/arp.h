/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arp.h - ARP (RFC 826).
 *
 *  | htype(2) | ptype(2) | hlen(1) | plen(1) | op(2) |
 *  | sha(hlen) | spa(plen) | tha(hlen) | tpa(plen) |
 */
#ifndef RAWKIT_ARP_H
#define RAWKIT_ARP_H

#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_ARP_FIXED_LEN 8
#define RK_ARP_ADDR_MAX 16
#define RK_ARP_REQUEST 1
#define RK_ARP_REPLY 2

struct rk_arp_hdr {
	uint16_t htype;  /* 1 = Ethernet */
	uint16_t ptype;  /* 0x0800 = IPv4 */
	uint8_t hlen;    /* hardware address length (<= RK_ARP_ADDR_MAX) */
	uint8_t plen;    /* protocol address length (<= RK_ARP_ADDR_MAX) */
	uint16_t op;
	uint8_t sha[RK_ARP_ADDR_MAX];
	uint8_t spa[RK_ARP_ADDR_MAX];
	uint8_t tha[RK_ARP_ADDR_MAX];
	uint8_t tpa[RK_ARP_ADDR_MAX];
};

/* Ethernet/IPv4 defaults: htype 1, ptype 0x0800, hlen 6, plen 4, op request. */
RK_API void rk_arp_init(struct rk_arp_hdr *h);

/* Write the header and the four addresses. RK_E_INVAL when hlen or plen
   exceeds RK_ARP_ADDR_MAX. */
RK_API RK_WUR int rk_arp_build(struct rk_wr *wr, const struct rk_arp_hdr *h);

/* Read the header; addresses longer than RK_ARP_ADDR_MAX are cut to it.
   RK_OK or RK_E_TRUNC. */
RK_API int rk_arp_decode(struct rk_rd *rd, struct rk_arp_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
