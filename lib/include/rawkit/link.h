/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * link.h - the pseudo link layers of captures: Linux cooked capture v1
 * (LINUX_SLL, 16 bytes) and v2 (LINUX_SLL2, 20 bytes), and BSD loopback
 * (NULL: a 4-byte address family in the capturing host's byte order; LOOP:
 * the same in network order). See https://www.tcpdump.org/linktypes.html.
 *
 * SLL:  pkttype(2) hatype(2) halen(2) addr(8) protocol(2)
 * SLL2: protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) halen(1) addr(8)
 */
#ifndef RAWKIT_LINK_H
#define RAWKIT_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_SLL_HLEN 16
#define RK_SLL2_HLEN 20
#define RK_NULL_HLEN 4

/* libpcap DLT_ values (as on Linux) for the link types rawkit decodes. */
#define RK_DLT_NULL 0
#define RK_DLT_EN10MB 1
#define RK_DLT_RAW 12            /* LINKTYPE_RAW (101) in files; accepted too */
#define RK_LINKTYPE_RAW 101
#define RK_DLT_LOOP 108
#define RK_DLT_LINUX_SLL 113
#define RK_DLT_IPV4 228
#define RK_DLT_IPV6 229
#define RK_DLT_LINUX_SLL2 276

/* BSD address families seen in NULL/LOOP headers. */
#define RK_NULL_AF_INET 2
#define RK_NULL_AF_INET6_BSD 24
#define RK_NULL_AF_INET6_FREEBSD 28
#define RK_NULL_AF_INET6_DARWIN 30
#define RK_NULL_AF_INET6_LINUX 10

#define RK_SLL_SET_TYPE 0x1u

struct rk_sll_hdr {
	uint16_t pkttype;  /* 0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing */
	uint16_t hatype;   /* ARPHRD_ type */
	uint16_t halen;    /* address length (only the first 8 bytes are kept) */
	uint8_t addr[8];
	uint16_t type;     /* EtherType */
	unsigned set;
};

struct rk_sll2_hdr {
	uint16_t type;     /* EtherType */
	uint16_t reserved;
	uint32_t ifindex;
	uint16_t hatype;
	uint8_t pkttype;
	uint8_t halen;
	uint8_t addr[8];
	unsigned set;      /* RK_SLL_SET_TYPE */
};

struct rk_null_hdr {
	uint32_t family;   /* address family, host value */
	bool loop;         /* LOOP: network byte order; NULL: decoded either way,
			      built little-endian (as captured on x86) */
	unsigned set;      /* RK_SLL_SET_TYPE: family fixed by the caller */
};

RK_API RK_WUR int rk_sll_build(struct rk_wr *wr, const struct rk_sll_hdr *h);
RK_API RK_WUR int rk_sll2_build(struct rk_wr *wr, const struct rk_sll2_hdr *h);
RK_API RK_WUR int rk_null_build(struct rk_wr *wr, const struct rk_null_hdr *h);

/* Decoders: RK_OK or RK_E_TRUNC. rk_null_decode guesses NULL's byte order
   as tcpdump does (a family with bits in the upper half is byte-swapped). */
RK_API int rk_sll_decode(struct rk_rd *rd, struct rk_sll_hdr *h);
RK_API int rk_sll2_decode(struct rk_rd *rd, struct rk_sll2_hdr *h);
RK_API int rk_null_decode(struct rk_rd *rd, struct rk_null_hdr *h, bool loop);

#ifdef __cplusplus
}
#endif
#endif
