/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * eth.h - Ethernet II / 802.3 (IEEE 802.3) and 802.1Q / 802.1ad VLAN tags.
 *
 *  0                   1                   2                   3
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |              destination MAC (6)              | source MAC (6) ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ...                           | EtherType / length (2)        |
 *
 * A VLAN tag follows an EtherType of 0x8100 (802.1Q) or 0x88a8 (802.1ad):
 *  | PCP(3) | DEI(1) | VID(12) | inner EtherType (16) |
 */
#ifndef RAWKIT_ETH_H
#define RAWKIT_ETH_H

#include <stdbool.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_ETH_HLEN 14
#define RK_VLAN_HLEN 4

#define RK_ETHERTYPE_IPV4 0x0800
#define RK_ETHERTYPE_ARP 0x0806
#define RK_ETHERTYPE_VLAN 0x8100
#define RK_ETHERTYPE_QINQ 0x88a8
#define RK_ETHERTYPE_IPV6 0x86dd

/* Fields of struct rk_eth_hdr the caller fixed (the layered builder fills the rest). */
#define RK_ETH_SET_TYPE 0x1u

struct rk_eth_hdr {
	uint8_t dst[6];
	uint8_t src[6];
	uint16_t type;   /* EtherType; <= 1500 is an 802.3 length */
	unsigned set;    /* RK_ETH_SET_* */
};

#define RK_VLAN_SET_TYPE 0x1u

struct rk_vlan_hdr {
	uint8_t pcp;     /* priority, 3 bits */
	bool dei;        /* drop eligible */
	uint16_t vid;    /* VLAN id, 12 bits */
	uint16_t type;   /* inner EtherType */
	uint16_t tpid;   /* build only: the TPID announcing this tag (0 = 0x8100) */
	unsigned set;    /* RK_VLAN_SET_* */
};

/* Write a 14-byte Ethernet header. Returns RK_OK or RK_E_NOSPACE. */
RK_API RK_WUR int rk_eth_build(struct rk_wr *wr, const struct rk_eth_hdr *h);

/* Write the 4 bytes of a VLAN tag after the TPID (TCI and inner type). */
RK_API RK_WUR int rk_vlan_build(struct rk_wr *wr, const struct rk_vlan_hdr *h);

/* Read an Ethernet header. Returns RK_OK or RK_E_TRUNC (fields read so far are set). */
RK_API int rk_eth_decode(struct rk_rd *rd, struct rk_eth_hdr *h);

/* Read a VLAN tag (TCI and inner type). Returns RK_OK or RK_E_TRUNC. */
RK_API int rk_vlan_decode(struct rk_rd *rd, struct rk_vlan_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
