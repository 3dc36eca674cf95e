/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec.h - packet specs: one line of text naming the layers of a packet,
 * scapy-style, turned into bytes by the layered builder (build.h), and
 * printed back from a decoded packet (pkt.h).
 *
 *   ipv4(dst=198.18.0.2,ttl=5)/tcp(dport=80,flags=S,opts=[mss:1460,sackok])/"GET / HTTP/1.0\r\n\r\n"
 *   eth(dst=02:00:00:00:00:02)/vlan(vid=10)/arp(op=1,tpa=198.18.0.2)
 *   ipv6(dst=2001:db8::1)/icmpv6(type=128,id=1,seq=1)
 *   ipv4(dst=198.18.0.2,ttl=1-30)/udp(dport=33434)/zero:32
 *
 * docs/SPEC.md is the grammar and the list of every layer and field.
 *
 * Unset fields get defaults: the builder's (rk_ipv4_init()...), lengths,
 * next-protocol fields and checksums computed by rk_build_finish(), and a
 * few that depend on the environment, taken from the caller's struct
 * rk_spec_env and never looked up here (this code is pure: no sockets, no
 * routing table, no clock): the IPv4/IPv6 source address, the Ethernet
 * addresses, and random values for the IPv4 id, TCP/UDP source port and TCP
 * sequence number, drawn from the env's seed. Setting a length, checksum,
 * ihl, doff, proto, nh, type or version field marks it in the header's
 * `set` mask, so it is written as given, wrong values included.
 *
 * A numeric field may be a range, "dport=1-1024" or "dst=198.18.0.1-198.18.0.9":
 * the spec then stands for one packet per combination (rk_spec_count()),
 * built one at a time by index with no allocation (rk_spec_build()).
 *
 * Nothing here allocates. A parsed spec borrows its text: payload strings
 * are decoded when a packet is built, so the text must stay unchanged for
 * as long as the spec is used.
 */
#ifndef RAWKIT_SPEC_H
#define RAWKIT_SPEC_H

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

#ifdef __cplusplus
extern "C" {
#endif

#define RK_SPEC_MAX_LAYERS 16   /* layers and payloads in one spec (the builder's limit) */
#define RK_SPEC_MAX_RANGES 8    /* range-valued fields in one spec */
#define RK_SPEC_POOL_SIZE 2048  /* option bytes (TCP, IPv4, IPv6 extension headers) in one spec */
#define RK_SPEC_MSG_SIZE 160
#define RK_SPEC_MAX_COUNT 0xffffffffu /* packets one spec may stand for */

/* Source address lookups the caller may provide (the tool asks the routing
   table). Return 0 and fill *src, or non-zero to fall back to the env's
   fixed address. dst is the packet's destination. */
typedef int (*rk_spec_src4_fn)(void *ctx, uint32_t dst, uint32_t *src);
typedef int (*rk_spec_src6_fn)(void *ctx, const uint8_t dst[16], uint8_t src[16]);

/*
 * What the environment supplies for fields a spec leaves unset. All zero
 * (or a NULL env) is valid: addresses 0, Ethernet destination broadcast,
 * random values from seed 0.
 */
struct rk_spec_env {
	uint64_t seed;           /* random defaults: a pure function of (seed, index) */
	uint32_t src4;           /* IPv4 source (and ARP spa), host order */
	uint8_t src6[16];        /* IPv6 source */
	uint8_t eth_src[6];      /* Ethernet source (and ARP sha) */
	uint8_t eth_dst[6];      /* Ethernet destination; all zero: ff:ff:ff:ff:ff:ff */
	rk_spec_src4_fn src4_fn; /* optional, called per packet before src4 is used */
	rk_spec_src6_fn src6_fn; /* optional, likewise for src6 */
	void *ctx;               /* passed to the two functions */
};

/* Where and why parsing failed. Tools print "spec:LINE:COL: MSG". */
struct rk_spec_error {
	unsigned line;           /* 1-based */
	unsigned col;            /* 1-based, in bytes */
	size_t offset;           /* 0-based byte offset in the text */
	char msg[RK_SPEC_MSG_SIZE];
};

/* Every header a spec layer may hold. */
union rk_spec_hdr {
	struct rk_eth_hdr eth;
	struct rk_vlan_hdr vlan;
	struct rk_sll_hdr sll;
	struct rk_sll2_hdr sll2;
	struct rk_null_hdr null;
	struct rk_arp_hdr arp;
	struct rk_ipv4_hdr ipv4;
	struct rk_ipv6_hdr ipv6;
	struct rk_ipv6_opts_hdr ipv6_opts;
	struct rk_ipv6_route_hdr ipv6_route;
	struct rk_ipv6_frag_hdr ipv6_frag;
	struct rk_tcp_hdr tcp;
	struct rk_udp_hdr udp;
	struct rk_icmp_hdr icmp;
	struct rk_icmp6_hdr icmp6;
};

/* How a payload layer was written. */
#define RK_SPEC_DATA_STR 1   /* "quoted", C escapes (decoded when built) */
#define RK_SPEC_DATA_HEX 2   /* hex:0a0b... */
#define RK_SPEC_DATA_ZERO 3  /* zero:N */

/* One parsed layer. Read-only for callers. */
struct rk_spec_layer {
	uint8_t kind;            /* enum rk_layer_kind; RK_LAYER_PAYLOAD for data */
	uint8_t form;            /* payload: RK_SPEC_DATA_* */
	uint16_t pool_off;       /* option bytes in rk_spec.pool */
	uint16_t pool_len;
	uint32_t given;          /* bit i: the layer's field i was given */
	uint32_t text_off;       /* payload: its bytes in the text (inside quotes, after hex:) */
	uint32_t text_len;
	uint32_t data_len;       /* payload: bytes it builds */
	union rk_spec_hdr h;     /* the header, defaults and given fields applied */
};

/* A range-valued field. */
struct rk_spec_range {
	uint8_t layer;           /* index in rk_spec.layer */
	uint8_t field;           /* index in the layer's field table */
	uint32_t lo, hi;         /* inclusive, lo <= hi */
};

/* A parsed spec: fixed size, no pointers but the borrowed text and env.ctx,
   so it may be copied (a copy borrows the same text). */
struct rk_spec {
	const char *text;        /* borrowed, see above */
	size_t text_len;
	struct rk_spec_env env;  /* copied at parse time; callers may change it later */
	unsigned n;              /* layers used */
	unsigned nranges;
	uint64_t count;          /* packets: the product of the range sizes */
	struct rk_spec_layer layer[RK_SPEC_MAX_LAYERS];
	struct rk_spec_range range[RK_SPEC_MAX_RANGES];
	uint16_t pool_len;
	uint8_t pool[RK_SPEC_POOL_SIZE];
};

/*
 * Parse the NUL-terminated text into *spec, copying *env (NULL: all zero).
 * Returns RK_OK, or RK_E_INVAL with *err filled (err may be NULL): the
 * position of the offending character and a message such as
 *   unknown field 'dprot' in tcp (did you mean 'dport'?)
 * The spec borrows text (see above).
 */
RK_API RK_WUR int rk_spec_parse(struct rk_spec *spec, const char *text,
				const struct rk_spec_env *env, struct rk_spec_error *err);

/* How many packets the spec stands for (1 without ranges). */
RK_API uint64_t rk_spec_count(const struct rk_spec *spec);

/*
 * Build packet number index into buf (cap bytes). Ranges count like an
 * odometer, the last range in the text fastest; an index past the count
 * wraps around for range values (index % count) while random defaults are
 * drawn from the whole index, so repeats (index + k * count) differ only in
 * them. With no src4_fn/src6_fn, the result is a pure function of (spec,
 * index). Returns the packet length, or RK_E_NOSPACE (cap too small) or
 * RK_E_INVAL (the builder refused a value).
 */
RK_API RK_WUR int rk_spec_build(const struct rk_spec *spec, uint64_t index, void *buf, size_t cap);

/*
 * The libpcap link type for the spec's packets, from its first layer:
 * RK_DLT_EN10MB (eth), RK_DLT_LINUX_SLL, RK_DLT_LINUX_SLL2, RK_DLT_NULL,
 * RK_DLT_LOOP, or RK_DLT_RAW (ipv4, ipv6, anything else).
 */
RK_API int rk_spec_linktype(const struct rk_spec *spec);

/* rk_spec_format() flags. */
#define RK_SPEC_FMT_EXPLICIT 0x1u /* print computed fields (lengths, checksums,
				     next-protocol fields) too */

/*
 * Print a decoded packet (rk_decode()) as a spec that parses and builds
 * (index 0, any env) to the same captured bytes: every field the defaults
 * and the builder would not reproduce is printed, and the environment's
 * (addresses, ids, ports, sequence numbers) always are. Checksums are
 * printed only when wrong or not verifiable, so a corrupted checksum
 * survives the round trip. Layers the decoder could not finish (truncated,
 * malformed) and quoted datagrams of ICMP errors are printed as hex:
 * payload. Writes a NUL-terminated line (no newline) and returns its
 * length, or RK_E_NOSPACE when cap is too small (buf then holds a cut,
 * NUL-terminated prefix), RK_E_INVAL when pkt has no layer.
 */
RK_API RK_WUR int rk_spec_format(const struct rk_pkt *pkt, char *buf, size_t cap);

/* The same with RK_SPEC_FMT_* flags. */
RK_API RK_WUR int rk_spec_format_ex(const struct rk_pkt *pkt, unsigned flags, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
