/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode.c - rk_decode(): the link layers (Ethernet and 802.1Q/802.1ad tags,
 * Linux cooked v1/v2, BSD NULL/LOOP, raw IP), EtherType dispatch, ARP, and
 * the names of layers and link types. The IP layers and what they carry are
 * in decode_ip.c, decode_l4.c and decode_icmp.c; the rules (which layers
 * are listed, truncated versus malformed) are shared/packet-json.md's.
 */
#include "decode_fast.h"

#define ETH_MAX_8023_LEN 1500 /* an EtherType <= 1500 is an 802.3 length */

static const char *const too_many[RK_LAYER_KIND_COUNT] = {
	[RK_LAYER_ETH] = "eth: too many layers",
	[RK_LAYER_VLAN] = "vlan: too many layers",
	[RK_LAYER_SLL] = "sll: too many layers",
	[RK_LAYER_SLL2] = "sll2: too many layers",
	[RK_LAYER_NULL] = "null: too many layers",
	[RK_LAYER_ARP] = "arp: too many layers",
	[RK_LAYER_IPV4] = "ipv4: too many layers",
	[RK_LAYER_IPV6] = "ipv6: too many layers",
	[RK_LAYER_IPV6_HOP] = "ipv6.hop: too many layers",
	[RK_LAYER_IPV6_DST] = "ipv6.dst: too many layers",
	[RK_LAYER_IPV6_ROUTE] = "ipv6.route: too many layers",
	[RK_LAYER_IPV6_FRAG] = "ipv6.frag: too many layers",
	[RK_LAYER_TCP] = "tcp: too many layers",
	[RK_LAYER_UDP] = "udp: too many layers",
	[RK_LAYER_ICMP] = "icmp: too many layers",
	[RK_LAYER_ICMP6] = "icmpv6: too many layers",
	[RK_LAYER_PAYLOAD] = "payload: too many layers",
};

/* The table is full: the last listed layer cannot be followed, so it ends
   the list as malformed (an absurd nesting of tags, tunnels or extension
   headers). */
void rkint_too_many(struct rkint_dec *d)
{
	struct rk_layer *last = &d->pkt->layer[RK_PKT_MAX_LAYERS - 1];
	rkint_malformed(d, last, too_many[last->kind]);
}

static void dec_ethertype(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, uint16_t type,
			  bool is_8023_len);

/*
 * A link header (l->hdr_len bytes, fixed) of which fewer bytes are in the
 * region than it needs: the fields whose bytes are there, through the
 * public decoder on a copy of the cursor, and truncated or malformed. Kept
 * out of line so the whole-header path stays short.
 */
static __attribute__((noinline, cold)) void link_short(struct rkint_dec *d, struct rk_layer *l,
							const struct rk_rd *r, uint64_t lim)
{
	static const char *const why[RK_LAYER_KIND_COUNT] = {
		[RK_LAYER_ETH] = "eth: header past frame",
		[RK_LAYER_VLAN] = "vlan: header past frame",
		[RK_LAYER_SLL] = "sll: header past frame",
		[RK_LAYER_SLL2] = "sll2: header past frame",
	};
	struct rk_rd f = *r;
	switch (l->kind) {
	case RK_LAYER_ETH:
		(void)rk_eth_decode(&f, &l->h.eth);
		break;
	case RK_LAYER_VLAN:
		(void)rk_vlan_decode(&f, &l->h.vlan);
		break;
	case RK_LAYER_SLL:
		(void)rk_sll_decode(&f, &l->h.sll);
		break;
	case RK_LAYER_SLL2:
		(void)rk_sll2_decode(&f, &l->h.sll2);
		break;
	}
	(void)rkint_fit(d, l, l->hdr_len, rk_rd_left(r), lim, why[l->kind]);
}

static void dec_vlan(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, uint16_t tpid)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_VLAN, r);
	if (!l)
		return;
	struct rk_rd f;
	l->hdr_len = RK_VLAN_HLEN;
	if (!rk_rd_view(r, RK_VLAN_HLEN, &f)) {
		link_short(d, l, r, lim);
		l->h.vlan.tpid = tpid;
		return;
	}
	rkint_vlan_fields(&f, &l->h.vlan);
	l->h.vlan.tpid = tpid;
	l->cap_len = RK_VLAN_HLEN;
	rk_rd_skip(r, RK_VLAN_HLEN);
	dec_ethertype(d, r, lim, l->h.vlan.type, true);
}

static void dec_arp(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_ARP, r);
	if (!l)
		return;
	size_t have = rk_rd_left(r);
	struct rk_rd h = *r;
	(void)rk_arp_decode(&h, &l->h.arp);
	/* hlen and plen are bytes 4 and 5; until they are there, the fixed part. */
	l->hdr_len = have >= 6 ? RK_ARP_FIXED_LEN + 2u * (l->h.arp.hlen + l->h.arp.plen) :
				 RK_ARP_FIXED_LEN;
	(void)rkint_fit(d, l, l->hdr_len, have, lim, "arp: header past frame");
	/* Nothing follows ARP: the rest of the frame is padding. */
}

static void dec_ethertype(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, uint16_t type,
			  bool is_8023_len)
{
	switch (type) {
	case RK_ETHERTYPE_IPV4:
		rkint_dec_ipv4(d, r, lim, NULL);
		return;
	case RK_ETHERTYPE_IPV6:
		rkint_dec_ipv6(d, r, lim, NULL);
		return;
	case RK_ETHERTYPE_ARP:
		dec_arp(d, r, lim);
		return;
	case RK_ETHERTYPE_VLAN:
	case RK_ETHERTYPE_QINQ:
		dec_vlan(d, r, lim, type);
		return;
	}
	if (is_8023_len && type <= ETH_MAX_8023_LEN)
		rkint_payload(d, r, type);
	else
		rkint_payload(d, r, rkint_span(lim, rk_rd_offset(r)));
}

static void dec_sll(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_SLL, r);
	if (!l)
		return;
	struct rk_rd f;
	l->hdr_len = RK_SLL_HLEN;
	if (!rk_rd_view(r, RK_SLL_HLEN, &f)) {
		link_short(d, l, r, lim);
		return;
	}
	rkint_sll_fields(&f, &l->h.sll);
	l->cap_len = RK_SLL_HLEN;
	rk_rd_skip(r, RK_SLL_HLEN);
	dec_ethertype(d, r, lim, l->h.sll.type, false);
}

static void dec_sll2(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_SLL2, r);
	if (!l)
		return;
	struct rk_rd f;
	l->hdr_len = RK_SLL2_HLEN;
	if (!rk_rd_view(r, RK_SLL2_HLEN, &f)) {
		link_short(d, l, r, lim);
		return;
	}
	rkint_sll2_fields(&f, &l->h.sll2);
	l->cap_len = RK_SLL2_HLEN;
	rk_rd_skip(r, RK_SLL2_HLEN);
	dec_ethertype(d, r, lim, l->h.sll2.type, false);
}

static void dec_null(struct rkint_dec *d, struct rk_rd *r, uint64_t lim, bool loop)
{
	struct rk_layer *l = rkint_push(d, RK_LAYER_NULL, r);
	if (!l)
		return;
	size_t have = rk_rd_left(r);
	struct rk_rd h = *r;
	(void)rk_null_decode(&h, &l->h.null, loop);
	l->hdr_len = RK_NULL_HLEN;
	if (!rkint_fit(d, l, RK_NULL_HLEN, have, lim, "null: header past frame"))
		return;
	rk_rd_skip(r, RK_NULL_HLEN);
	switch (l->h.null.family) {
	case RK_NULL_AF_INET:
		rkint_dec_ipv4(d, r, lim, NULL);
		return;
	case RK_NULL_AF_INET6_BSD:
	case RK_NULL_AF_INET6_FREEBSD:
	case RK_NULL_AF_INET6_DARWIN:
	case RK_NULL_AF_INET6_LINUX:
		rkint_dec_ipv6(d, r, lim, NULL);
		return;
	}
	rkint_payload(d, r, rkint_span(lim, rk_rd_offset(r)));
}

/* Raw IP: the version nibble says which. */
static void dec_raw(struct rkint_dec *d, struct rk_rd *r, uint64_t lim)
{
	if (rk_rd_has(r, 1)) {
		uint8_t version = rk_rd_peek_u8(r, 0) >> 4;
		if (version == 4) {
			rkint_dec_ipv4(d, r, lim, NULL);
			return;
		}
		if (version == 6) {
			rkint_dec_ipv6(d, r, lim, NULL);
			return;
		}
	}
	/* Not IP, or not a byte captured to tell: undecoded bytes. */
	rkint_payload(d, r, rkint_span(lim, 0));
}

/*
 * Ethernet, the usual link type, with the IP fast path (decode_fast.h)
 * inlined: d and r are this function's own locals, passed to out-of-line
 * code only as copies, so that the compiler keeps them in registers from
 * the Ethernet header down to the transport checksum. out->n is 0.
 */
static void decode_eth(struct rk_pkt *out, const uint8_t *bytes, uint32_t caplen, uint64_t lim)
{
	struct rkint_dec d = {.pkt = out, .caplen = caplen, .inner = 0};
	struct rk_rd r;
	rk_rd_init(&r, bytes, caplen);
	struct rk_layer *l = &out->layer[0];
	out->n = 1;
	l->kind = RK_LAYER_ETH;
	l->flags = 0;
	l->csum_ok = RK_CSUM_NONE;
	l->offset = 0;
	l->hdr_len = RK_ETH_HLEN;
	struct rk_rd f;
	if (!rk_rd_view(&r, RK_ETH_HLEN, &f)) {
		struct rkint_dec dc = d;
		struct rk_rd rc = r;
		l->cap_len = 0;
		link_short(&dc, l, &rc, lim);
		return;
	}
	rkint_eth_fields(&f, &l->h.eth);
	l->cap_len = RK_ETH_HLEN;
	rk_rd_skip(&r, RK_ETH_HLEN);
	uint16_t type = l->h.eth.type;
	if (type == RK_ETHERTYPE_IPV4) {
		if (ipv4_fast(&d, &r, lim))
			return;
	} else if (type == RK_ETHERTYPE_IPV6) {
		if (ipv6_fast(&d, &r, lim))
			return;
	}
	struct rkint_dec dc = d;
	struct rk_rd rc = r;
	dec_ethertype(&dc, &rc, lim, type, true);
}

RK_API int rk_decode(const uint8_t *bytes, uint32_t caplen, uint32_t wire_len, int linktype,
		     struct rk_pkt *out)
{
	static const uint8_t empty[1];

	if (!out)
		return RK_E_INVAL;
	out->n = 0;
	out->error = NULL;
	out->data = bytes;
	out->caplen = caplen;
	out->len = wire_len;
	out->linktype = linktype;
	if (!bytes) {
		if (caplen)
			return RK_E_INVAL;
		bytes = empty;
	}

	/* A record claiming fewer bytes on the wire than captured: the capture wins. */
	uint64_t lim = wire_len > caplen ? wire_len : caplen;
	if (linktype == RK_DLT_EN10MB) { /* the usual one, before the switch's compares */
		decode_eth(out, bytes, caplen, lim);
		return RK_OK;
	}

	struct rkint_dec d = {.pkt = out, .caplen = caplen, .inner = 0};
	struct rk_rd r;
	rk_rd_init(&r, bytes, caplen);
	switch (linktype) {
	case RK_DLT_LINUX_SLL:
		dec_sll(&d, &r, lim);
		break;
	case RK_DLT_LINUX_SLL2:
		dec_sll2(&d, &r, lim);
		break;
	case RK_DLT_NULL:
		dec_null(&d, &r, lim, false);
		break;
	case RK_DLT_LOOP:
		dec_null(&d, &r, lim, true);
		break;
	case RK_DLT_RAW:
	case RK_LINKTYPE_RAW:
		dec_raw(&d, &r, lim);
		break;
	case RK_DLT_IPV4:
		rkint_dec_ipv4(&d, &r, lim, NULL);
		break;
	case RK_DLT_IPV6:
		rkint_dec_ipv6(&d, &r, lim, NULL);
		break;
	default:
		return RK_E_UNSUPPORTED;
	}
	return RK_OK;
}

RK_API const char *rk_layer_name(int kind)
{
	static const char *const names[RK_LAYER_KIND_COUNT] = {
		[RK_LAYER_ETH] = "eth",
		[RK_LAYER_VLAN] = "vlan",
		[RK_LAYER_SLL] = "sll",
		[RK_LAYER_SLL2] = "sll2",
		[RK_LAYER_NULL] = "null",
		[RK_LAYER_ARP] = "arp",
		[RK_LAYER_IPV4] = "ipv4",
		[RK_LAYER_IPV6] = "ipv6",
		[RK_LAYER_IPV6_HOP] = "ipv6.hop",
		[RK_LAYER_IPV6_DST] = "ipv6.dst",
		[RK_LAYER_IPV6_ROUTE] = "ipv6.route",
		[RK_LAYER_IPV6_FRAG] = "ipv6.frag",
		[RK_LAYER_TCP] = "tcp",
		[RK_LAYER_UDP] = "udp",
		[RK_LAYER_ICMP] = "icmp",
		[RK_LAYER_ICMP6] = "icmpv6",
		[RK_LAYER_PAYLOAD] = "payload",
	};
	if (kind <= RK_LAYER_NONE || kind >= RK_LAYER_KIND_COUNT)
		return "?";
	return names[kind];
}

RK_API const char *rk_linktype_name(int linktype)
{
	switch (linktype) {
	case RK_DLT_NULL: return "NULL";
	case RK_DLT_EN10MB: return "EN10MB";
	case RK_DLT_RAW: return "RAW";
	case RK_LINKTYPE_RAW: return "RAW";
	case RK_DLT_LOOP: return "LOOP";
	case RK_DLT_LINUX_SLL: return "LINUX_SLL";
	case RK_DLT_IPV4: return "IPV4";
	case RK_DLT_IPV6: return "IPV6";
	case RK_DLT_LINUX_SLL2: return "LINUX_SLL2";
	}
	return NULL;
}
