/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netif.h - what a network interface is called on the wire: its IPv4
 * address and its MAC (through libnet, which asks the kernel with
 * SIOCGIFADDR / SIOCGIFHWADDR). Needs no privileges.
 *
 * errbuf: RK_ERRBUF_SIZE bytes or NULL, one sentence on failure.
 */
#ifndef RAWKIT_NETIF_H
#define RAWKIT_NETIF_H

#include <stdint.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The primary IPv4 address of ifname, host order (198.18.0.1 is
 * 0xc6120001), into *addr. RK_OK, RK_E_INVAL (no such interface or a bad
 * name), RK_E_SYS (no IPv4 address, or another failure).
 */
RK_API RK_WUR int rk_netif_ipv4(const char *ifname, uint32_t *addr, char *errbuf);

/*
 * The hardware address of ifname into mac (all zeros for loopback and
 * other interfaces without one). RK_OK, RK_E_INVAL, RK_E_SYS.
 */
RK_API RK_WUR int rk_netif_mac(const char *ifname, uint8_t mac[6], char *errbuf);

#ifdef __cplusplus
}
#endif
#endif
