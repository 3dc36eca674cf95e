/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build.h - the layered packet builder: scapy's IP()/TCP()/"data", in C,
 * over a caller-owned buffer, with no allocation.
 *
 *   uint8_t buf[256];
 *   struct rk_build b;
 *   rk_build_init(&b, buf, sizeof buf);
 *   struct rk_ipv4_hdr ip; rk_ipv4_init(&ip); ip.src = ...; ip.dst = ...;
 *   struct rk_tcp_hdr tcp; rk_tcp_init(&tcp); tcp.dport = 80;
 *   rk_build_ipv4(&b, &ip);
 *   rk_build_tcp(&b, &tcp);
 *   rk_build_payload(&b, "hi", 2);
 *   int len = rk_build_finish(&b);      // bytes in buf, or a negative rk_err
 *
 * Push layers outermost first; rk_build_finish() then fills, innermost
 * first, every field the caller did not mark in the header's `set` mask:
 * EtherTypes and IP protocol / next-header fields from the layer that
 * follows, IPv4 total length, IPv6 payload length, UDP length and extension
 * header lengths from the bytes that follow, and the IPv4, TCP, UDP, ICMP
 * and ICMPv6 checksums (pseudo-headers from the nearest enclosing IP layer).
 * A field marked in `set` is written exactly as given, so malformed packets
 * (a wrong checksum, length, IHL or data offset) are crafted on purpose.
 *
 * Errors are sticky: the first failing push records its code and every later
 * call returns it. Nothing is ever written past the buffer.
 */
#ifndef RAWKIT_BUILD_H
#define RAWKIT_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include "arp.h"
#include "err.h"
#include "eth.h"
#include "icmp.h"
#include "icmp6.h"
#include "ipv4.h"
#include "ipv6.h"
#include "link.h"
#include "pkt.h"
#include "tcp.h"
#include "udp.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_BUILD_MAX_LAYERS 16

/*
 * The builder's record of a pushed layer (internal: written by the pushes
 * in build.c, read by rk_build_finish() in build_finish.c). A header ends
 * where the next one starts. Only the fields a layer's kind uses are
 * written: the others are left as they were.
 */
struct rk_build_layer {
	uint8_t kind;      /* enum rk_layer_kind */
	uint8_t flags;     /* RKB_F_* (lib/src/build_layer.h) */
	uint16_t set;      /* the header's set mask when pushed */
	uint16_t ulen;     /* UDP: the length given */
	uint16_t tpid;     /* VLAN: the TPID announcing it; NULL: loop */
	uint32_t offset;   /* from the start of the buffer */
	uint32_t sum;      /* ones'-complement sum of the bytes as pushed, with
			      the fields finish fills counted as zero */
	uint32_t aux;      /* IPv4/IPv6: its addresses' sum; TCP, UDP, ICMPv6:
			      that of the IP layer enclosing it */
};

struct rk_build {
	struct rk_wr wr;
	unsigned n;
	int err;           /* sticky: RK_OK or the first error */
	unsigned covered;  /* a layer whose checksum covers what follows it
			      (TCP, UDP, ICMP, ICMPv6) was pushed */
	unsigned ip;       /* the flags a transport pushed now gets for its
			      pseudo-header (RKB_F_PSEUDO*, build_layer.h) */
	uint32_t ip_sum;   /* the addresses' sum of the last IP layer pushed */
	struct rk_build_layer layer[RK_BUILD_MAX_LAYERS];
};

/* Start building into buf (cap bytes). */
RK_API void rk_build_init(struct rk_build *b, void *buf, size_t cap);

/* Push one layer. RK_OK, RK_E_NOSPACE (buffer or layer table full),
   RK_E_INVAL (a header value that cannot be written, e.g. options > 40). */
RK_API int rk_build_eth(struct rk_build *b, const struct rk_eth_hdr *h);
RK_API int rk_build_vlan(struct rk_build *b, const struct rk_vlan_hdr *h);
RK_API int rk_build_sll(struct rk_build *b, const struct rk_sll_hdr *h);
RK_API int rk_build_sll2(struct rk_build *b, const struct rk_sll2_hdr *h);
RK_API int rk_build_null(struct rk_build *b, const struct rk_null_hdr *h);
RK_API int rk_build_arp(struct rk_build *b, const struct rk_arp_hdr *h);
RK_API int rk_build_ipv4(struct rk_build *b, const struct rk_ipv4_hdr *h);
RK_API int rk_build_ipv6(struct rk_build *b, const struct rk_ipv6_hdr *h);
/* kind is RK_LAYER_IPV6_HOP or RK_LAYER_IPV6_DST. */
RK_API int rk_build_ipv6_opts(struct rk_build *b, int kind, const struct rk_ipv6_opts_hdr *h);
RK_API int rk_build_ipv6_route(struct rk_build *b, const struct rk_ipv6_route_hdr *h);
RK_API int rk_build_ipv6_frag(struct rk_build *b, const struct rk_ipv6_frag_hdr *h);
RK_API int rk_build_tcp(struct rk_build *b, const struct rk_tcp_hdr *h);
RK_API int rk_build_udp(struct rk_build *b, const struct rk_udp_hdr *h);
RK_API int rk_build_icmp(struct rk_build *b, const struct rk_icmp_hdr *h);
RK_API int rk_build_icmp6(struct rk_build *b, const struct rk_icmp6_hdr *h);
/* Raw bytes: application data, or a quoted datagram after an ICMP error. */
RK_API int rk_build_payload(struct rk_build *b, const void *data, size_t len);
/* len zero bytes of payload. */
RK_API int rk_build_zero(struct rk_build *b, size_t len);

/* Fill lengths, next-protocol fields and checksums (see above). Returns the
   packet length in bytes, or the sticky negative rk_err. May be called again
   after more layers are pushed. */
RK_API RK_WUR int rk_build_finish(struct rk_build *b);

/* The packet length so far. */
static inline size_t rk_build_len(const struct rk_build *b)
{
	return rk_wr_len(&b->wr);
}

#ifdef __cplusplus
}
#endif
#endif
