/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_int.h - what the rk_decode() files share: the decoding context,
 * the IP datagram a transport header sits in, and the helpers that list a
 * layer and decide between truncated and malformed (shared/packet-json.md,
 * Rules).
 *
 * Regions. Every step gets a cursor over its region: from its first byte to
 * min(declared end, captured end), plus `lim`, the declared end as a frame
 * offset (the frame's wire length for link layers and the IP header after
 * them; the IP datagram's end inside it). A header that needs more bytes
 * than the cursor holds was cut by the snap length when the capture ends
 * before `lim` (truncated), and does not fit its packet or datagram
 * otherwise (malformed). Inside an ICMP quotation only truncation applies.
 */
#ifndef RAWKIT_DECODE_INT_H
#define RAWKIT_DECODE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "rawkit/pkt.h"
#include "rawkit/rd.h"

struct rkint_dec {
	struct rk_pkt *pkt;
	uint64_t caplen;   /* captured end of the frame */
	uint8_t inner;     /* RK_LAYER_INNER inside a quotation, else 0 */
};

/* The IP datagram around a transport header. */
struct rkint_ip {
	const struct rk_layer *ip;  /* the ipv4 or ipv6 layer (pseudo-header source) */
	const uint8_t *dst6;        /* IPv6: final destination (RFC 8200 8.1), borrowed */
	uint64_t end;               /* declared end of the datagram; 0 = not known
				       (a quoted datagram's insane total length) */
	uint64_t lim;               /* region end for fit decisions: min(end, outer lim) */
	uint32_t addr_sum;          /* IPv4: src and dst's 16-bit words, added (pseudo-header) */
	bool v6;
	bool frag;                  /* a fragment: transport checksums cannot be verified */
};

/*
 * Fixed-size header fields, shared by the rk_<layer>_decode() functions and
 * rk_decode(). Called on a cursor over exactly the header when it was all
 * captured (rk_rd_init() over those bytes), the compiler proves every read
 * in bounds and drops the checks; called on a cursor that runs out, they set
 * the fields whose bytes are there (the rest read as 0) and leave the sticky
 * RK_E_TRUNC. Always inlined: the fast path depends on it.
 */
#define RKINT_INLINE static inline __attribute__((always_inline))

/* A fast path's way out: rare, so its code goes off the straight line. */
#define RKINT_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* The two 16-bit words of w, added (for checksums). */
static inline uint32_t rkint_word_sum(uint32_t w)
{
	return (w >> 16) + (w & 0xffffu);
}

RKINT_INLINE void rkint_eth_fields(struct rk_rd *r, struct rk_eth_hdr *h)
{
	rk_rd_copy(r, h->dst, 6);
	rk_rd_copy(r, h->src, 6);
	h->type = rk_rd_u16(r);
	h->set = 0;
}

RKINT_INLINE void rkint_vlan_fields(struct rk_rd *r, struct rk_vlan_hdr *h)
{
	uint16_t tci = rk_rd_u16(r);
	h->pcp = (uint8_t)(tci >> 13);
	h->dei = (tci >> 12) & 1u;
	h->vid = tci & 0xfffu;
	h->type = rk_rd_u16(r);
	h->tpid = 0; /* the announcing TPID is the previous header's type */
	h->set = 0;
}

RKINT_INLINE void rkint_sll_fields(struct rk_rd *r, struct rk_sll_hdr *h)
{
	h->pkttype = rk_rd_u16(r);
	h->hatype = rk_rd_u16(r);
	h->halen = rk_rd_u16(r);
	rk_rd_copy(r, h->addr, 8);
	h->type = rk_rd_u16(r);
	h->set = 0;
}

RKINT_INLINE void rkint_sll2_fields(struct rk_rd *r, struct rk_sll2_hdr *h)
{
	h->type = rk_rd_u16(r);
	h->reserved = rk_rd_u16(r);
	h->ifindex = rk_rd_u32(r);
	h->hatype = rk_rd_u16(r);
	h->pkttype = rk_rd_u8(r);
	h->halen = rk_rd_u8(r);
	rk_rd_copy(r, h->addr, 8);
	h->set = 0;
}

/* Also returns the sum of the header's ten 16-bit words (its checksum
   without the options), from the values already in hand. A whole header
   is read as five 32-bit words (five loads; the fields are shifts of
   them); a short one field by field, so that every field whose bytes are
   there is set. */
RKINT_INLINE uint32_t rkint_ipv4_fields(struct rk_rd *r, struct rk_ipv4_hdr *h)
{
	if (rk_rd_has(r, RK_IPV4_HLEN)) {
		uint32_t w0 = rk_rd_u32(r), w1 = rk_rd_u32(r), w2 = rk_rd_u32(r);
		uint32_t src = rk_rd_u32(r), dst = rk_rd_u32(r);
		h->version = (uint8_t)(w0 >> 28);
		h->ihl = (uint8_t)(w0 >> 24) & 0xfu;
		h->tos = (uint8_t)(w0 >> 16);
		h->len = (uint16_t)w0;
		h->id = (uint16_t)(w1 >> 16);
		h->rf = (w1 & 0x8000u) != 0;
		h->df = (w1 & 0x4000u) != 0;
		h->mf = (w1 & 0x2000u) != 0;
		h->frag = w1 & 0x1fffu;
		h->ttl = (uint8_t)(w2 >> 24);
		h->proto = (uint8_t)(w2 >> 16);
		h->csum = (uint16_t)w2;
		h->src = src;
		h->dst = dst;
		h->opts = NULL;
		h->opts_len = 0;
		h->set = 0;
		return rkint_word_sum(w0) + rkint_word_sum(w1) + rkint_word_sum(w2) +
		       rkint_word_sum(src) + rkint_word_sum(dst);
	}
	uint8_t vihl = rk_rd_u8(r), tos = rk_rd_u8(r);
	uint16_t len = rk_rd_u16(r), id = rk_rd_u16(r), frag = rk_rd_u16(r);
	uint8_t ttl = rk_rd_u8(r), proto = rk_rd_u8(r);
	uint16_t csum = rk_rd_u16(r);
	uint32_t src = rk_rd_u32(r), dst = rk_rd_u32(r);
	h->version = vihl >> 4;
	h->ihl = vihl & 0xfu;
	h->tos = tos;
	h->len = len;
	h->id = id;
	h->rf = (frag & 0x8000u) != 0;
	h->df = (frag & 0x4000u) != 0;
	h->mf = (frag & 0x2000u) != 0;
	h->frag = frag & 0x1fffu;
	h->ttl = ttl;
	h->proto = proto;
	h->csum = csum;
	h->src = src;
	h->dst = dst;
	h->opts = NULL;
	h->opts_len = 0;
	h->set = 0;
	return (uint32_t)(vihl << 8 | tos) + len + id + frag + (uint32_t)(ttl << 8 | proto) + csum +
	       rkint_word_sum(src) + rkint_word_sum(dst);
}

/*
 * Does an option-less IPv4 header (20 bytes borrowed from a cursor) carry
 * a correct checksum? Its five 32-bit words in native order, added in 64
 * bits: a byte swap multiplies a sum by 256 modulo 65535, so the native
 * sum is 0 modulo 65535 exactly when the header's ones' complement sum is
 * 0xffff, and 0 only when every byte is (rk_csum_finish() of the
 * byte-order sum gives 0 in just those cases). Five loads the field reads
 * share, four adds and a remainder by a constant, instead of folding ten
 * 16-bit words.
 */
RKINT_INLINE uint32_t rkint_ne32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4); /* one scalar load each: an array went through the stack */
	return v;
}

RKINT_INLINE int rkint_ipv4_hdr_ok(const uint8_t *p)
{
	uint64_t s = (uint64_t)rkint_ne32(p) + rkint_ne32(p + 4) + rkint_ne32(p + 8) +
		     rkint_ne32(p + 12) + rkint_ne32(p + 16);
	return s != 0 && s % 65535u == 0;
}

RKINT_INLINE void rkint_ipv6_fields(struct rk_rd *r, struct rk_ipv6_hdr *h)
{
	uint32_t vtf = rk_rd_u32(r);
	h->version = (uint8_t)(vtf >> 28);
	h->tc = (uint8_t)(vtf >> 20);
	h->flow = vtf & 0xfffffu;
	h->plen = rk_rd_u16(r);
	h->nh = rk_rd_u8(r);
	h->hlim = rk_rd_u8(r);
	rk_rd_copy(r, h->src, 16);
	rk_rd_copy(r, h->dst, 16);
	h->set = 0;
}

RKINT_INLINE void rkint_ipv6_frag_fields(struct rk_rd *r, struct rk_ipv6_frag_hdr *h)
{
	h->nh = rk_rd_u8(r);
	h->res1 = rk_rd_u8(r);
	uint16_t off = rk_rd_u16(r);
	h->offset = off >> 3;
	h->res2 = (off >> 1) & 3u;
	h->m = (off & 1u) != 0;
	h->id = rk_rd_u32(r);
	h->set = 0;
}

RKINT_INLINE void rkint_udp_fields(struct rk_rd *r, struct rk_udp_hdr *h)
{
	h->sport = rk_rd_u16(r);
	h->dport = rk_rd_u16(r);
	h->len = rk_rd_u16(r);
	h->csum = rk_rd_u16(r);
	h->set = 0;
}

RKINT_INLINE void rkint_icmp_fields(struct rk_rd *r, struct rk_icmp_hdr *h)
{
	h->type = rk_rd_u8(r);
	h->code = rk_rd_u8(r);
	h->csum = rk_rd_u16(r);
	h->id = rk_rd_u16(r);
	h->seq = rk_rd_u16(r);
	h->otime = h->rtime = h->ttime = 0;
	h->set = 0;
}

RKINT_INLINE void rkint_icmp6_fields(struct rk_rd *r, struct rk_icmp6_hdr *h)
{
	h->type = rk_rd_u8(r);
	h->code = rk_rd_u8(r);
	h->csum = rk_rd_u16(r);
	h->id = rk_rd_u16(r);
	h->seq = rk_rd_u16(r);
	h->set = 0;
}

RKINT_INLINE void rkint_tcp_fields(struct rk_rd *r, struct rk_tcp_hdr *h)
{
	h->sport = rk_rd_u16(r);
	h->dport = rk_rd_u16(r);
	h->seq = rk_rd_u32(r);
	h->ack = rk_rd_u32(r);
	uint8_t off = rk_rd_u8(r);
	h->doff = off >> 4;
	h->res = off & 0xfu;
	h->flags = rk_rd_u8(r);
	h->win = rk_rd_u16(r);
	h->csum = rk_rd_u16(r);
	h->urp = rk_rd_u16(r);
	h->opts = NULL;
	h->opts_len = 0;
	h->set = 0;
}

/* Called when the layer table is full (decode.c). */
void rkint_too_many(struct rkint_dec *d);

/* List a layer starting at the cursor; NULL (decoding stops) when full. */
RKINT_INLINE struct rk_layer *rkint_push(struct rkint_dec *d, int kind, const struct rk_rd *r)
{
	struct rk_pkt *p = d->pkt;
	if (p->n >= RK_PKT_MAX_LAYERS) {
		rkint_too_many(d);
		return NULL;
	}
	struct rk_layer *l = &p->layer[p->n++];
	l->kind = (uint8_t)kind;
	l->flags = d->inner;
	l->csum_ok = RK_CSUM_NONE;
	l->offset = (uint32_t)rk_rd_offset(r);
	l->hdr_len = 0;
	l->cap_len = 0;
	return l;
}

/* Stop on malformed input; inside a quotation only truncation applies, so
   there the layer just ends the list. */
static inline void rkint_malformed(struct rkint_dec *d, struct rk_layer *l, const char *why)
{
	if (d->inner)
		return;
	l->flags |= RK_LAYER_MALFORMED;
	if (l->csum_ok != RK_CSUM_NONE)
		l->csum_ok = RK_CSUM_UNKNOWN;
	d->pkt->error = why;
}

/*
 * l->hdr_len holds the declared header length; record how much of it was
 * captured (have: bytes in the region from the header's start) and check
 * that need bytes are there. When not: truncated if the capture ends before
 * lim (or inside a quotation), else malformed with why. Returns 1 when the
 * need bytes are there.
 */
static inline int rkint_fit(struct rkint_dec *d, struct rk_layer *l, size_t need, size_t have,
			    uint64_t lim, const char *why)
{
	l->cap_len = (uint32_t)(have < l->hdr_len ? have : l->hdr_len);
	if (have >= need)
		return 1;
	if (d->inner || d->caplen < lim)
		l->flags |= RK_LAYER_TRUNCATED;
	else
		rkint_malformed(d, l, why);
	return 0;
}

/* Bytes from off to end, 0 when end is before off. */
static inline uint32_t rkint_span(uint64_t end, size_t off)
{
	return end > off ? (uint32_t)(end - off) : 0;
}

/* The payload layer that closes the list: len bytes declared from the
   cursor, of which those in the region were captured. Never after inner
   layers. */
RKINT_INLINE void rkint_payload(struct rkint_dec *d, const struct rk_rd *r, uint32_t len)
{
	if (d->inner)
		return;
	struct rk_layer *l = rkint_push(d, RK_LAYER_PAYLOAD, r);
	if (!l)
		return;
	size_t have = rk_rd_left(r);
	uint32_t cap = have < len ? (uint32_t)have : len;
	l->h.payload.len = len;
	l->h.payload.caplen = cap;
	l->hdr_len = len;
	l->cap_len = cap;
}

/* The payload layer in slot l, for the fast paths (decode_fast.h), which
   checked the table's room themselves: as rkint_payload() lists it. */
RKINT_INLINE void rkint_put_payload(struct rk_layer *l, size_t off, uint32_t len, size_t have)
{
	uint32_t cap = have < len ? (uint32_t)have : len;
	l->kind = RK_LAYER_PAYLOAD;
	l->flags = 0;
	l->csum_ok = RK_CSUM_NONE;
	l->offset = (uint32_t)off;
	l->hdr_len = len;
	l->cap_len = cap;
	l->h.payload.len = len;
	l->h.payload.caplen = cap;
}

/* decode_ip.c: an IPv4 or IPv6 header at the cursor (region end lim), inside
   outer (NULL when it follows a link layer), and what it carries. */
void rkint_dec_ipv4(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer);
void rkint_dec_ipv6(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, const struct rkint_ip *outer);

/* Transport headers over the datagram region: TCP and UDP in decode_ip.c
   (the fast path, then the general code), ICMP in decode_icmp.c. */
void rkint_dec_tcp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);
void rkint_dec_udp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);
void rkint_dec_icmp(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);
void rkint_dec_icmp6(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);

/* decode_l4.c: TCP and UDP when the fast path (decode_fast.h) declines. */
void rkint_dec_tcp_general(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);
void rkint_dec_udp_general(struct rkint_dec *d, struct rk_rd *r, const struct rkint_ip *ip);

/* The sum of the 16-bit words of an IPv6 address (16 bytes, our copy or
   borrowed from a routing header), through a cursor of exactly that size;
   unrolled, so that the bounds checks fold away. */
RKINT_INLINE uint32_t rkint_addr6_sum(const uint8_t *a)
{
	struct rk_rd c;
	rk_rd_init(&c, a, 16);
	uint32_t s = rkint_word_sum(rk_rd_u32(&c));
	s += rkint_word_sum(rk_rd_u32(&c));
	s += rkint_word_sum(rk_rd_u32(&c));
	return s + rkint_word_sum(rk_rd_u32(&c));
}

/* Pseudo-header sum for a transport checksum over len bytes (RFC 793 3.1,
   RFC 8200 8.1): not folded, at most a few times 0xffff, which
   rk_csum_partial() takes as its starting sum. Inline: a call cost as much
   as the sum. */
RKINT_INLINE uint32_t rkint_pseudo(const struct rkint_ip *ip, uint8_t proto, uint32_t len)
{
	uint32_t s = proto + (len >> 16) + (len & 0xffffu);
	if (ip->v6)
		return s + rkint_addr6_sum(ip->ip->h.ipv6.src) + rkint_addr6_sum(ip->dst6);
	return s + ip->addr_sum;
}

/* csum.c: 1 when len bytes at p plus the value-domain sum add up to
   0xffff (the checksum verifies). */
int rkint_csum_ok(const uint8_t *p, size_t len, uint32_t sum);

/* Verify a checksum over len bytes from the cursor plus sum: RK_CSUM_OK or
   _BAD, RK_CSUM_UNKNOWN when not all of them are in the region. */
RKINT_INLINE int8_t rkint_csum_check(const struct rk_rd *r, uint64_t len, uint32_t sum)
{
	struct rk_rd c = *r;
	if (rk_rd_left(&c) < len)
		return RK_CSUM_UNKNOWN;
	const uint8_t *p = rk_rd_bytes(&c, (size_t)len);
	return rkint_csum_ok(p, (size_t)len, sum) ? RK_CSUM_OK : RK_CSUM_BAD;
}

/*
 * The whole TCP option list must be well formed (rk_tcp_opt_next()'s
 * rules, without filling an option per turn); EOL ends it. Linux's two
 * layouts, which are most of the TCP on any wire, are recognised by a
 * compare or three instead of a walk of three to five turns whose branches
 * depend on the packet (SYN or data): NOP NOP TS (every segment with
 * timestamps) and MSS SACK-permitted TS NOP WS (SYN and SYN-ACK). Both are
 * well formed by the walk's rules too, so the answer is the same.
 */
RKINT_INLINE int rkint_tcp_opts_ok(const uint8_t *opts, size_t opts_len)
{
	struct rk_rd o;
	rk_rd_init(&o, opts, opts_len);
	uint32_t w0 = rk_rd_peek_u32(&o, 0);
	if (opts_len == 12 && w0 == 0x0101080au)
		return 1;
	if (opts_len == 20 && (w0 >> 16) == 0x0204u && rk_rd_peek_u32(&o, 4) == 0x0402080au &&
	    (rk_rd_peek_u32(&o, 16) >> 8) == 0x010303u)
		return 1;
	while (rk_rd_left(&o)) {
		uint8_t kind = rk_rd_u8(&o);
		if (kind == RK_TCPOPT_EOL)
			return 1;
		if (kind == RK_TCPOPT_NOP)
			continue;
		uint8_t len = rk_rd_peek_u8(&o, 0); /* 0 when missing */
		if (len < 2 || rk_rd_left(&o) < len - 1u)
			return 0;
		rk_rd_skip(&o, len - 1u);
	}
	return 1;
}

#endif
