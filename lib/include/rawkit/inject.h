/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * inject.h - link-layer injection: send a whole Ethernet frame, built by
 * rawkit, on one interface exactly as given (libnet's LIBNET_LINK_ADV mode,
 * a PF_PACKET socket on Linux).
 *
 * Unlike the raw IP sockets of sock.h, nothing in the frame is rewritten:
 * this is the way to send an IPv4 packet with a deliberately wrong header
 * checksum or total length, a bad IHL, or anything the kernel's IP layer
 * would fix or refuse. The caller supplies the MAC addresses (netif.h gives
 * the interface's own). No padding is added: a frame under 60 bytes leaves
 * as it is on virtual interfaces and is padded by real NICs.
 *
 * Opening needs root or CAP_NET_RAW (RK_E_PERM, errbuf with the setcap
 * hint). errbuf: RK_ERRBUF_SIZE bytes or NULL, one sentence on failure.
 */
#ifndef RAWKIT_INJECT_H
#define RAWKIT_INJECT_H

#include <stddef.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rk_inject;

/*
 * Open an injector on interface ifname (which must be up). *out must be
 * released with rk_inject_close(). RK_OK, RK_E_INVAL (no such interface),
 * RK_E_PERM, RK_E_SYS (the interface is down, or libnet failed otherwise).
 */
RK_API RK_WUR int rk_inject_open(struct rk_inject **out, const char *ifname, char *errbuf);

/*
 * Send one frame of len bytes (Ethernet header included, no FCS). Returns
 * the bytes written, RK_E_INVAL (shorter than an Ethernet header) or
 * RK_E_SYS (EMSGSIZE when longer than the MTU allows, ENOBUFS, ...).
 */
RK_API RK_WUR int rk_inject_send(struct rk_inject *inj, const void *frame, size_t len,
				 char *errbuf);

/* Close the injector (NULL is ignored). */
RK_API void rk_inject_close(struct rk_inject *inj);

#ifdef __cplusplus
}
#endif
#endif
