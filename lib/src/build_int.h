/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build_int.h - header writers shared by the standalone rk_<layer>_build()
 * functions and the layered builder (build.c).
 *
 * rkint_<layer>_put(p, h, ...) stores a whole header at p, where the caller
 * has already reserved its rk_<layer>_build_len() bytes, and returns the
 * header's ones'-complement sum (build_sum.h: value domain, not folded,
 * below 2^24) with the fields rk_build_finish() fills counted as zero:
 * lengths and checksums the caller did not mark in `set`, and EtherType /
 * protocol / next-header fields always (finish adds whichever value ends up
 * there). The standalone builders ignore the sum; inlined, it costs them
 * nothing.
 *
 * Shaped for speed: the header is reserved once and written through the
 * pointer with a few wide big-endian stores, never field by field through
 * struct rk_wr (a uint8_t store may alias the writer, so each per-field
 * write reloads and stores back its cursor); and the sum is formed in
 * registers, from the field values or the words as stored, and from the
 * caller's option bytes as they are copied, never read back from p. No
 * libc call is made for a few bytes of options or padding.
 */
#ifndef RAWKIT_BUILD_INT_H
#define RAWKIT_BUILD_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "build_sum.h"
#include "rawkit/arp.h"
#include "rawkit/eth.h"
#include "rawkit/icmp.h"
#include "rawkit/icmp6.h"
#include "rawkit/ipv4.h"
#include "rawkit/ipv6.h"
#include "rawkit/link.h"
#include "rawkit/tcp.h"
#include "rawkit/udp.h"
#include "rawkit/wr.h"

static inline size_t rkint_pad4(size_t n)
{
	return (n + 3u) & ~(size_t)3u;
}

static inline size_t rkint_pad8(size_t n)
{
	return (n + 7u) & ~(size_t)7u;
}

/* Both halves of a 32-bit field, as two 16-bit words. */
static inline uint32_t rkint_sum32(uint32_t v)
{
	return (v >> 16) + (v & 0xffff);
}

/* ---- link layers ------------------------------------------------------- */

static inline uint32_t rkint_eth_put(uint8_t *p, const struct rk_eth_hdr *h)
{
	uint16_t type = h->type;
	uint32_t s = rkint_copy_sum(p, h->dst, 6);
	s += rkint_copy_sum(p + 6, h->src, 6);
	rk_put_be16(p + 12, type);
	return s;
}

static inline uint32_t rkint_vlan_put(uint8_t *p, const struct rk_vlan_hdr *h)
{
	uint32_t tci = (h->pcp & 7u) << 13 | (h->dei ? 1u : 0u) << 12 | (h->vid & 0xfffu);
	rk_put_be32(p, tci << 16 | h->type);
	return tci;
}

static inline uint32_t rkint_sll_put(uint8_t *p, const struct rk_sll_hdr *h)
{
	uint32_t pkttype = h->pkttype, hatype = h->hatype, halen = h->halen;
	uint16_t type = h->type;
	rk_put_be32(p, pkttype << 16 | hatype);
	rk_put_be16(p + 4, (uint16_t)halen);
	uint32_t s = rkint_copy_sum(p + 6, h->addr, 8);
	rk_put_be16(p + 14, type);
	return s + pkttype + hatype + halen;
}

static inline uint32_t rkint_sll2_put(uint8_t *p, const struct rk_sll2_hdr *h)
{
	uint32_t w0 = (uint32_t)h->type << 16 | h->reserved, ifindex = h->ifindex;
	uint32_t w2 = (uint32_t)h->hatype << 16 | (uint32_t)h->pkttype << 8 | h->halen;
	rk_put_be32(p, w0);
	rk_put_be32(p + 4, ifindex);
	rk_put_be32(p + 8, w2);
	uint32_t s = rkint_copy_sum(p + 12, h->addr, 8);
	return s + (w0 & 0xffff) + rkint_sum32(ifindex) + rkint_sum32(w2);
}

/* NULL / LOOP: the family in network order (LOOP) or little-endian, as
   DLT_NULL captured on x86. The 4 bytes as a big-endian value. */
static inline uint32_t rkint_null_wire(uint32_t family, int loop)
{
	if (loop)
		return family;
	return family >> 24 | (family >> 8 & 0xff00u) | (family << 8 & 0xff0000u) | family << 24;
}

/* Returns the sum of the 4 bytes: the family is a field finish fills, so
   the layered builder counts it there, not at the push. */
static inline uint32_t rkint_null_put(uint8_t *p, uint32_t family, int loop)
{
	uint32_t w = rkint_null_wire(family, loop);
	rk_put_be32(p, w);
	return rkint_sum32(w);
}

/* hlen and plen must be at most RK_ARP_ADDR_MAX (checked by the caller). */
static inline uint32_t rkint_arp_put(uint8_t *p, const struct rk_arp_hdr *h)
{
	uint32_t htype = h->htype, ptype = h->ptype, op = h->op;
	size_t hl = h->hlen, pl = h->plen;
	rk_put_be64(p, (uint64_t)htype << 48 | (uint64_t)ptype << 32 | (uint64_t)(hl << 8 | pl) << 16 | op);
	/* The addresses at offsets 8, 8+hl, 8+hl+pl, 8+2hl+pl: each sum is
	   swapped when its address starts at an odd offset. */
	uint8_t *q = p + 8;
	uint32_t sha = rkint_copy_sum(q, h->sha, hl);
	uint32_t spa = rkint_copy_sum(q + hl, h->spa, pl);
	uint32_t tha = rkint_copy_sum(q + hl + pl, h->tha, hl);
	uint32_t tpa = rkint_copy_sum(q + 2 * hl + pl, h->tpa, pl);
	if (hl & 1)
		spa = rkint_swap16(spa);
	if ((hl + pl) & 1)
		tha = rkint_swap16(tha);
	if (pl & 1) /* 2 hl + pl */
		tpa = rkint_swap16(tpa);
	return htype + ptype + (uint32_t)(hl << 8 | pl) + op + sha + spa + tha + tpa;
}

/* ---- IP ------------------------------------------------------------------ */

/*
 * opts_len at most RK_IPV4_OPTS_MAX (checked by the caller). *addr_sum: the
 * addresses, for a pseudo-header. Word by word: each word's fields are
 * loaded just before its store, so few values are live at once, and the
 * stored words themselves (masked where a field finish fills lies) go into
 * a native accumulator with the option bytes: an add and an adc per word.
 */
static inline uint32_t rkint_ipv4_put(uint8_t *p, const struct rk_ipv4_hdr *h, size_t opts_len,
				      uint32_t *addr_sum)
{
	unsigned set = h->set;
	const uint8_t *opts = h->opts;
	uint32_t ihl = (set & RK_IPV4_SET_IHL) ? h->ihl : (uint32_t)(RK_IPV4_HLEN + rkint_pad4(opts_len)) / 4;
	uint32_t version = (set & RK_IPV4_SET_VERSION) ? h->version : 4;
	uint32_t vt = (version & 0xfu) << 12 | (ihl & 0xfu) << 8 | h->tos;
	uint32_t frag = (h->rf ? 0x8000u : 0) | (h->df ? 0x4000u : 0) | (h->mf ? 0x2000u : 0) | (h->frag & 0x1fffu);
	uint32_t len = h->len, id = h->id;
	uint64_t w = rkint_be64((uint64_t)(vt << 16 | len) << 32 | id << 16 | frag);
	memcpy(p, &w, 8);
	uint64_t acc = (set & RK_IPV4_SET_LEN) ? w : w & rkint_be64(~(0xffffull << 32));
	uint32_t ttl = h->ttl, proto = h->proto, csum = h->csum, src = h->src;
	w = rkint_be64((uint64_t)((ttl << 8 | proto) << 16 | csum) << 32 | src);
	memcpy(p + 8, &w, 8);
	/* protocol never counted; checksum when fixed */
	acc = rkint_add64(acc, w & ((set & RK_IPV4_SET_CSUM) ? rkint_be64(~(0xffull << 48)) :
							       rkint_be64(~(0xffffffull << 32))));
	uint32_t dst = h->dst, d = rkint_be32(dst);
	memcpy(p + 16, &d, 4);
	acc = rkint_add64(acc, d);
	*addr_sum = rkint_sum32(src) + rkint_sum32(dst);
	if (opts_len)
		acc = rkint_add64(acc, rkint_copy_native(p + RK_IPV4_HLEN, opts, opts_len, 1));
	return rkint_native_value(acc);
}

/* *addr_sum: source and destination, for a pseudo-header. */
static inline uint32_t rkint_ipv6_put(uint8_t *p, const struct rk_ipv6_hdr *h, uint32_t *addr_sum)
{
	unsigned set = h->set;
	uint32_t version = (set & RK_IPV6_SET_VERSION) ? h->version : 6;
	uint32_t w0 = (version & 0xfu) << 28 | (uint32_t)h->tc << 20 | (h->flow & 0xfffffu);
	uint32_t plen = h->plen, nh = h->nh, hlim = h->hlim;
	uint64_t w = rkint_be64((uint64_t)w0 << 32 | plen << 16 | nh << 8 | hlim);
	memcpy(p, &w, 8);
	/* next header never counted; payload length when fixed */
	uint64_t acc = w & ((set & RK_IPV6_SET_PLEN) ? rkint_be64(~0xff00ull) : rkint_be64(~0xffffff00ull));
	uint64_t a = rkint_add64(rkint_copy_native(p + 8, h->src, 16, 0),
				 rkint_copy_native(p + 24, h->dst, 16, 0));
	*addr_sum = rkint_native_value(a);
	return rkint_native_value(rkint_add64(acc, a));
}

/* Hdr Ext Len: 8-octet units after the first 8 (a fixed len is taken as the
   caller's byte count, so a wrong value can be crafted). */
static inline uint32_t rkint_ext_len_field(unsigned set, uint16_t fixed_len, size_t written)
{
	size_t bytes = (set & RK_IPV6_EXT_SET_LEN) ? fixed_len : written;
	return (uint8_t)(bytes >= 8 ? bytes / 8 - 1 : 0);
}

/* Options padded with Pad1 or PadN (RFC 8200 4.2) to total bytes
   (rk_ipv6_opts_build_len(), at most 2048: checked by the caller). */
static inline uint32_t rkint_ipv6_opts_put(uint8_t *p, const struct rk_ipv6_opts_hdr *h, size_t total)
{
	size_t olen = h->opts_len, pad = total - 2 - olen;
	uint32_t hel = rkint_ext_len_field(h->set, h->len, total);
	p[0] = h->nh;
	p[1] = (uint8_t)hel;
	uint32_t s = hel + rkint_copy_sum(p + 2, h->opts, olen);
	uint8_t *q = p + 2 + olen;
	if (pad == 1) {
		q[0] = 0; /* Pad1 */
	} else if (pad > 1) {
		q[0] = 1; /* PadN */
		q[1] = (uint8_t)(pad - 2);
		memset(q + 2, 0, pad - 2);
		/* type 1 and length pad-2 at offsets 2+olen and 3+olen */
		s += (olen & 1) ? 1 + (uint32_t)((pad - 2) << 8) : 0x100 + (uint32_t)(pad - 2);
	}
	return s;
}

/* Type-specific data padded with zeros to total bytes (at most 2048). */
static inline uint32_t rkint_ipv6_route_put(uint8_t *p, const struct rk_ipv6_route_hdr *h, size_t total)
{
	size_t dlen = h->data_len;
	uint32_t hel = rkint_ext_len_field(h->set, h->len, total);
	uint32_t w1 = (uint32_t)h->rtype << 8 | h->segleft;
	const uint8_t *data = h->data;
	p[0] = h->nh;
	p[1] = (uint8_t)hel;
	rk_put_be16(p + 2, (uint16_t)w1);
	uint32_t s = hel + w1 + rkint_copy_sum(p + 4, data, dlen);
	memset(p + 4 + dlen, 0, total - 4 - dlen);
	return s;
}

static inline uint32_t rkint_ipv6_frag_put(uint8_t *p, const struct rk_ipv6_frag_hdr *h)
{
	uint32_t w0 = (uint32_t)h->nh << 24 | (uint32_t)h->res1 << 16 |
		      (h->offset & 0x1fffu) << 3 | (h->res2 & 3u) << 1 | (h->m ? 1u : 0u);
	uint32_t id = h->id;
	rk_put_be64(p, (uint64_t)w0 << 32 | id);
	return rkint_sum32(w0 & 0xffffffu) + rkint_sum32(id); /* next header not counted */
}

/* ---- transport ------------------------------------------------------------- */

/* opts_len at most RK_TCP_OPTS_MAX (checked by the caller). Word by word,
   as rkint_ipv4_put(). */
static inline uint32_t rkint_tcp_put(uint8_t *p, const struct rk_tcp_hdr *h, size_t opts_len)
{
	unsigned set = h->set;
	const uint8_t *opts = h->opts;
	uint32_t ports = (uint32_t)h->sport << 16 | h->dport, seq = h->seq;
	uint64_t w = rkint_be64((uint64_t)ports << 32 | seq);
	memcpy(p, &w, 8);
	uint64_t acc = w;
	uint32_t doff = (set & RK_TCP_SET_DOFF) ? h->doff : (uint32_t)(RK_TCP_HLEN + rkint_pad4(opts_len)) / 4;
	uint32_t df = ((doff & 0xfu) << 4 | (h->res & 0xfu)) << 8 | h->flags;
	uint32_t ack = h->ack, win = h->win;
	w = rkint_be64((uint64_t)ack << 32 | df << 16 | win);
	memcpy(p + 8, &w, 8);
	acc = rkint_add64(acc, w);
	uint32_t csum = h->csum, urp = h->urp;
	uint32_t w2 = rkint_be32(csum << 16 | urp);
	memcpy(p + 16, &w2, 4);
	/* checksum counted when fixed */
	acc = rkint_add64(acc, (set & RK_TCP_SET_CSUM) ? w2 : w2 & rkint_be32(0xffff));
	if (opts_len)
		acc = rkint_add64(acc, rkint_copy_native(p + RK_TCP_HLEN, opts, opts_len, 1));
	return rkint_native_value(acc);
}

static inline uint32_t rkint_udp_put(uint8_t *p, const struct rk_udp_hdr *h)
{
	unsigned set = h->set;
	uint32_t sport = h->sport, dport = h->dport, len = h->len, csum = h->csum;
	rk_put_be64(p, (uint64_t)(sport << 16 | dport) << 32 | len << 16 | csum);
	uint32_t s = sport + dport;
	if (set & RK_UDP_SET_LEN)
		s += len;
	if (set & RK_UDP_SET_CSUM)
		s += csum;
	return s;
}

static inline int rkint_icmp_is_tstamp(uint8_t type)
{
	return type == RK_ICMP_TSTAMP || type == RK_ICMP_TSTAMPREPLY;
}

/* 8 bytes, or 20 for the timestamp types. */
static inline uint32_t rkint_icmp_put(uint8_t *p, const struct rk_icmp_hdr *h)
{
	uint32_t tc = (uint32_t)h->type << 8 | h->code, csum = h->csum, id = h->id, seq = h->seq;
	uint32_t s = tc + id + seq + ((h->set & RK_ICMP_SET_CSUM) ? csum : 0);
	if (rkint_icmp_is_tstamp(h->type)) {
		uint32_t o = h->otime, r = h->rtime, t = h->ttime;
		rk_put_be32(p + 8, o);
		rk_put_be64(p + 12, (uint64_t)r << 32 | t);
		s += rkint_sum32(o) + rkint_sum32(r) + rkint_sum32(t);
	}
	rk_put_be64(p, (uint64_t)(tc << 16 | csum) << 32 | id << 16 | seq);
	return s;
}

static inline uint32_t rkint_icmp6_put(uint8_t *p, const struct rk_icmp6_hdr *h)
{
	uint32_t tc = (uint32_t)h->type << 8 | h->code, csum = h->csum, id = h->id, seq = h->seq;
	rk_put_be64(p, (uint64_t)(tc << 16 | csum) << 32 | id << 16 | seq);
	return tc + id + seq + ((h->set & RK_ICMP6_SET_CSUM) ? csum : 0);
}

#endif
