/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ipv6.h - IPv6 header and extension headers (RFC 8200).
 *
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * |                  Source Address (16)                          |
 * |                Destination Address (16)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Hop-by-hop (0) and destination options (60):
 *   | Next Header | Hdr Ext Len | options, padded with Pad1/PadN to 8n |
 * Routing (43):
 *   | Next Header | Hdr Ext Len | Routing Type | Segments Left | data |
 * Fragment (44):
 *   | Next Header | Reserved | Fragment Offset(13) |Res(2)|M| Identification(32) |
 *
 * Hdr Ext Len counts 8-octet units after the first 8; the structs hold the
 * whole header length in bytes (packet-json's "len").
 */
#ifndef RAWKIT_IPV6_H
#define RAWKIT_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "ipv4.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_IPV6_HLEN 40
#define RK_IPV6_FRAG_HLEN 8

#define RK_IPV6_SET_PLEN 0x1u
#define RK_IPV6_SET_NH 0x2u
#define RK_IPV6_SET_VERSION 0x4u

struct rk_ipv6_hdr {
	uint8_t version;  /* 6 unless RK_IPV6_SET_VERSION */
	uint8_t tc;       /* traffic class */
	uint32_t flow;    /* flow label, 20 bits */
	uint16_t plen;    /* payload length */
	uint8_t nh;       /* next header */
	uint8_t hlim;
	uint8_t src[16], dst[16];
	unsigned set;     /* RK_IPV6_SET_* */
};

/* Extension header fields the caller fixed. */
#define RK_IPV6_EXT_SET_NH 0x1u
#define RK_IPV6_EXT_SET_LEN 0x2u

/* Hop-by-hop or destination options header. */
struct rk_ipv6_opts_hdr {
	uint8_t nh;
	uint16_t len;          /* whole header in bytes (multiple of 8) */
	const uint8_t *opts;   /* option TLVs (borrowed); padded with Pad1/PadN */
	size_t opts_len;
	unsigned set;          /* RK_IPV6_EXT_SET_* */
};

/* Routing header. */
struct rk_ipv6_route_hdr {
	uint8_t nh;
	uint16_t len;          /* whole header in bytes (multiple of 8) */
	uint8_t rtype;
	uint8_t segleft;
	const uint8_t *data;   /* type-specific data after the first 4 bytes
				  (borrowed); padded with zeros to 8n */
	size_t data_len;
	unsigned set;
};

/* Fragment header. */
struct rk_ipv6_frag_hdr {
	uint8_t nh;
	uint8_t res1;          /* reserved byte */
	uint16_t offset;       /* fragment offset in 8-byte units (13 bits) */
	uint8_t res2;          /* the 2 reserved bits */
	bool m;                /* more fragments */
	uint32_t id;
	unsigned set;          /* RK_IPV6_EXT_SET_NH */
};

/* Defaults: version 6, hop limit 64. */
RK_API void rk_ipv6_init(struct rk_ipv6_hdr *h);

RK_API RK_WUR int rk_ipv6_build(struct rk_wr *wr, const struct rk_ipv6_hdr *h);

/* Bytes rk_ipv6_opts_build / rk_ipv6_route_build will write. */
RK_API size_t rk_ipv6_opts_build_len(const struct rk_ipv6_opts_hdr *h);
RK_API size_t rk_ipv6_route_build_len(const struct rk_ipv6_route_hdr *h);

/* Write an extension header; len is computed unless RK_IPV6_EXT_SET_LEN
   (then its Hdr Ext Len is written from it, the bytes still padded to 8n). */
RK_API RK_WUR int rk_ipv6_opts_build(struct rk_wr *wr, const struct rk_ipv6_opts_hdr *h);
RK_API RK_WUR int rk_ipv6_route_build(struct rk_wr *wr, const struct rk_ipv6_route_hdr *h);
RK_API RK_WUR int rk_ipv6_frag_build(struct rk_wr *wr, const struct rk_ipv6_frag_hdr *h);

/* Decoders: RK_OK or RK_E_TRUNC (fields read so far are set). The opts and
   route decoders read the first two bytes, then the whole header (borrowed). */
RK_API int rk_ipv6_decode(struct rk_rd *rd, struct rk_ipv6_hdr *h);
RK_API int rk_ipv6_opts_decode(struct rk_rd *rd, struct rk_ipv6_opts_hdr *h);
RK_API int rk_ipv6_route_decode(struct rk_rd *rd, struct rk_ipv6_route_hdr *h);
RK_API int rk_ipv6_frag_decode(struct rk_rd *rd, struct rk_ipv6_frag_hdr *h);

#ifdef __cplusplus
}
#endif
#endif
