/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pkt.h - whole-frame decoding: rk_decode() turns captured bytes into a
 * list of layers, outermost first, with typed host-order fields.
 *
 * The result is caller-owned and fixed-size: no allocation, no copy of the
 * packet (pointers in the layers, such as options, borrow from the bytes and
 * live as long as they do). Decoding follows ../shared/packet-json.md: a
 * layer whose header was reached is listed, truncated (cut by the snap
 * length) or malformed (contradicted by its own lengths) layers end the
 * list, and `error` names the malformed layer and reason.
 *
 * What a formatter can rely on:
 *  - offset, hdr_len and cap_len are in bytes from the start of the frame.
 *    hdr_len is the header as declared (ihl*4, doff*4, an extension header's
 *    length; 20 for an ICMP timestamp; the fixed part when the length field
 *    itself is missing or below its minimum). A header's cap_len is below
 *    hdr_len only on a truncated or malformed layer: exactly the fields
 *    whose bytes lie within the first cap_len bytes are set (the rest are
 *    unspecified), and a layer with cap_len 0 is just its name. Option
 *    pointers (ipv4, tcp, ipv6 extension headers) cover the captured part of
 *    the options.
 *  - Only the last layer can be RK_LAYER_TRUNCATED or RK_LAYER_MALFORMED;
 *    error is non-NULL exactly when it is malformed. Layers flagged
 *    RK_LAYER_INNER (a quoted datagram) are never malformed and are never
 *    followed by a payload.
 *  - csum_ok: RK_CSUM_OK/BAD when every covered byte was captured (UDP:
 *    udp.len bytes; a UDP checksum of 0 is OK over IPv4 and BAD over IPv6,
 *    whatever else), RK_CSUM_UNKNOWN on a truncated or malformed layer, for
 *    a transport header inside a fragmented datagram, or when the covered
 *    bytes were not all captured; RK_CSUM_NONE for layers without one.
 *  - A payload layer has hdr_len = payload.len and cap_len = payload.caplen.
 *  - vlan.tpid is the TPID that announced the tag (0x8100 or 0x88a8).
 *  - More than RK_PKT_MAX_LAYERS layers (absurd nesting of tags, tunnels or
 *    extension headers): the last listed layer is flagged malformed and
 *    error is "<layer>: too many layers".
 */
#ifndef RAWKIT_PKT_H
#define RAWKIT_PKT_H

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
#include "tcp.h"
#include "udp.h"

#ifdef __cplusplus
extern "C" {
#endif

enum rk_layer_kind {
	RK_LAYER_NONE = 0,
	RK_LAYER_ETH,
	RK_LAYER_VLAN,
	RK_LAYER_SLL,
	RK_LAYER_SLL2,
	RK_LAYER_NULL,
	RK_LAYER_ARP,
	RK_LAYER_IPV4,
	RK_LAYER_IPV6,
	RK_LAYER_IPV6_HOP,
	RK_LAYER_IPV6_DST,
	RK_LAYER_IPV6_ROUTE,
	RK_LAYER_IPV6_FRAG,
	RK_LAYER_TCP,
	RK_LAYER_UDP,
	RK_LAYER_ICMP,
	RK_LAYER_ICMP6,
	RK_LAYER_PAYLOAD,
	RK_LAYER_KIND_COUNT
};

#define RK_PKT_MAX_LAYERS 32

/* Layer flags. */
#define RK_LAYER_TRUNCATED 0x1u  /* header cut short by the snap length */
#define RK_LAYER_INNER 0x2u      /* inside an ICMP/ICMPv6 error quotation */
#define RK_LAYER_MALFORMED 0x4u  /* the layer that set rk_pkt.error */

/* csum_ok values. */
#define RK_CSUM_BAD 0
#define RK_CSUM_OK 1
#define RK_CSUM_UNKNOWN (-1)     /* not every covered byte was captured */
#define RK_CSUM_NONE (-2)        /* the layer has no checksum */

struct rk_payload_hdr {
	uint32_t len;     /* bytes the enclosing header says follow */
	uint32_t caplen;  /* of those, bytes captured */
};

struct rk_layer {
	uint8_t kind;       /* enum rk_layer_kind */
	uint8_t flags;      /* RK_LAYER_* */
	int8_t csum_ok;     /* RK_CSUM_* */
	uint32_t offset;    /* header's first byte, from the start of the frame */
	uint32_t hdr_len;   /* header bytes as declared (ihl*4, doff*4, ...) */
	uint32_t cap_len;   /* header bytes captured (< hdr_len when truncated) */
	union {
		struct rk_eth_hdr eth;
		struct rk_vlan_hdr vlan;
		struct rk_sll_hdr sll;
		struct rk_sll2_hdr sll2;
		struct rk_null_hdr null;
		struct rk_arp_hdr arp;
		struct rk_ipv4_hdr ipv4;
		struct rk_ipv6_hdr ipv6;
		struct rk_ipv6_opts_hdr ipv6_opts;  /* HOP and DST */
		struct rk_ipv6_route_hdr ipv6_route;
		struct rk_ipv6_frag_hdr ipv6_frag;
		struct rk_tcp_hdr tcp;
		struct rk_udp_hdr udp;
		struct rk_icmp_hdr icmp;
		struct rk_icmp6_hdr icmp6;
		struct rk_payload_hdr payload;
	} h;
};

struct rk_pkt {
	const uint8_t *data;  /* the frame (borrowed) */
	uint32_t caplen;      /* bytes captured */
	uint32_t len;         /* bytes on the wire */
	int linktype;         /* RK_DLT_* */
	unsigned n;           /* layers used */
	const char *error;    /* NULL, or static "<layer>: <reason>" (malformed) */
	struct rk_layer layer[RK_PKT_MAX_LAYERS];
};

/*
 * Decode caplen captured bytes of a wire_len-byte frame of the given link
 * type into *out. Returns RK_OK (truncated and malformed packets included:
 * see out->error and the layer flags), RK_E_UNSUPPORTED for a link type it
 * does not know (out->n is 0), or RK_E_INVAL when out is NULL or bytes is
 * NULL with caplen > 0. A wire_len below caplen is taken as caplen. Never
 * reads past caplen, never allocates; only the used part of out->layer is
 * written, so *out needs no clearing between calls.
 */
RK_API int rk_decode(const uint8_t *bytes, uint32_t caplen, uint32_t wire_len,
		     int linktype, struct rk_pkt *out);

/* packet-json's layer name: "eth", "ipv6.hop", ... ("?" when unknown). */
RK_API const char *rk_layer_name(int kind);

/* libpcap's DLT name without DLT_: "EN10MB", "LINUX_SLL2", ... (NULL when unknown). */
RK_API const char *rk_linktype_name(int linktype);

#ifdef __cplusplus
}
#endif
#endif
