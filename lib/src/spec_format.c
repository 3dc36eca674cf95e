/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_format.c - rk_spec_format(): a decoded packet printed as a spec that
 * builds back to the same bytes.
 *
 * The printer knows what rk_build_finish() would compute for each field
 * (build_finish.c: next-protocol numbers from the following layer, lengths from the
 * bytes that follow, checksums over them) and prints a field only when the
 * packet's value differs, or when the value comes from the environment
 * (addresses, ids, ports, sequence numbers). Checksums are trusted to come
 * back only when the decoder verified them over exactly the bytes the
 * builder will sum: transport checksums cover to the end of the built
 * packet, so link-layer padding after the datagram forces them out.
 * Whatever the decoder did not finish is printed as payload bytes.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <string.h>
#include "spec_int.h"

struct fctx {
	const struct rk_pkt *pkt;
	struct rkint_out *o;
	bool explicit_all;
	unsigned k;          /* layers printed as layers */
	uint32_t total;      /* bytes the spec builds (the captured bytes) */
	bool trailing;       /* payload bytes follow the last printed layer */
	unsigned nfields;    /* fields printed in the current layer */
};

/* ---- what the builder computes ---------------------------------------- */

static int next_kind(const struct fctx *c, unsigned i)
{
	if (i + 1 < c->k)
		return c->pkt->layer[i + 1].kind;
	return c->trailing ? RK_LAYER_PAYLOAD : RK_LAYER_NONE;
}

/* build_finish.c ethertype_of() and ipproto_of(); -1: left as given. */
static long ethertype_auto(const struct fctx *c, unsigned i)
{
	switch (next_kind(c, i)) {
	case RK_LAYER_IPV4: return RK_ETHERTYPE_IPV4;
	case RK_LAYER_IPV6: return RK_ETHERTYPE_IPV6;
	case RK_LAYER_ARP: return RK_ETHERTYPE_ARP;
	case RK_LAYER_VLAN: {
		uint16_t tpid = c->pkt->layer[i + 1].h.vlan.tpid;
		return tpid ? tpid : RK_ETHERTYPE_VLAN;
	}
	}
	return -1;
}

static long ipproto_auto(int next)
{
	switch (next) {
	case RK_LAYER_TCP: return RK_IPPROTO_TCP;
	case RK_LAYER_UDP: return RK_IPPROTO_UDP;
	case RK_LAYER_ICMP: return RK_IPPROTO_ICMP;
	case RK_LAYER_ICMP6: return RK_IPPROTO_ICMPV6;
	case RK_LAYER_IPV4: return RK_IPPROTO_IPIP;
	case RK_LAYER_IPV6: return RK_IPPROTO_IPV6;
	case RK_LAYER_IPV6_HOP: return RK_IPPROTO_HOPOPTS;
	case RK_LAYER_IPV6_DST: return RK_IPPROTO_DSTOPTS;
	case RK_LAYER_IPV6_ROUTE: return RK_IPPROTO_ROUTING;
	case RK_LAYER_IPV6_FRAG: return RK_IPPROTO_FRAGMENT;
	}
	return -1;
}

/* IPv6 and its extension headers: no next layer at all means 59. */
static long nh_auto(const struct fctx *c, unsigned i)
{
	int next = next_kind(c, i);
	return next == RK_LAYER_NONE ? RK_IPPROTO_NONE : ipproto_auto(next);
}

/* Print a computed field when it differs from what the builder gives
   (auto_val >= 0) or from the struct default it would be left at. */
static bool want(const struct fctx *c, long auto_val, unsigned long actual, unsigned long def)
{
	if (c->explicit_all)
		return true;
	return auto_val >= 0 ? actual != (unsigned long)auto_val : actual != def;
}

/* The end of the datagram around transport layer i, as the decoder summed
   it; 0 when there is no IP layer. */
static uint32_t dgram_end(const struct fctx *c, unsigned i)
{
	for (unsigned j = i; j-- > 0;) {
		const struct rk_layer *l = &c->pkt->layer[j];
		if (l->kind == RK_LAYER_IPV4)
			return l->offset + l->h.ipv4.len;
		if (l->kind == RK_LAYER_IPV6)
			return l->offset + RK_IPV6_HLEN + l->h.ipv6.plen;
	}
	return 0;
}

static bool csum_trusted(const struct rk_layer *l, uint16_t csum)
{
	return l->csum_ok == RK_CSUM_OK && csum != 0 && csum != 0xffff;
}

/* TCP, ICMP, ICMPv6: the builder sums to the end of the packet. */
static bool want_l4_csum(const struct fctx *c, unsigned i, uint16_t csum)
{
	const struct rk_layer *l = &c->pkt->layer[i];
	return c->explicit_all || !csum_trusted(l, csum) || dgram_end(c, i) != c->total;
}

/* ---- printing --------------------------------------------------------- */

static void field_sep(struct fctx *c, const char *name)
{
	rkint_out_str(c->o, c->nfields++ ? "," : "(");
	rkint_out_str(c->o, name);
	rkint_out_str(c->o, "=");
}

static void f_num(struct fctx *c, const char *name, unsigned long v)
{
	field_sep(c, name);
	rkint_out_fmt(c->o, "%lu", v);
}

static void f_hex16(struct fctx *c, const char *name, unsigned long v)
{
	field_sep(c, name);
	rkint_out_fmt(c->o, "0x%04lx", v);
}

static void f_ip4(struct fctx *c, const char *name, uint32_t a)
{
	field_sep(c, name);
	rkint_out_fmt(c->o, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255u, (a >> 8) & 255u, a & 255u);
}

static void f_ip6(struct fctx *c, const char *name, const uint8_t a[16])
{
	char tmp[INET6_ADDRSTRLEN];
	field_sep(c, name);
	rkint_out_str(c->o, inet_ntop(AF_INET6, a, tmp, sizeof(tmp)) ? tmp : "::");
}

static void f_mac(struct fctx *c, const char *name, const uint8_t m[6])
{
	field_sep(c, name);
	rkint_out_fmt(c->o, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void f_bytes(struct fctx *c, const char *name, const uint8_t *p, size_t n)
{
	field_sep(c, name);
	rkint_out_str(c->o, "hex:");
	rkint_out_hex(c->o, p, n);
}

/* An ARP or cooked-capture address of n meaningful bytes. */
static void f_addr(struct fctx *c, const char *name, const uint8_t *p, size_t n)
{
	if (n == 6)
		f_mac(c, name, p);
	else if (n == 4)
		f_ip4(c, name, rk_get_be32(p));
	else if (n == 16)
		f_ip6(c, name, p);
	else
		f_bytes(c, name, p, n);
}

static void f_tcpflags(struct fctx *c, uint8_t flags)
{
	static const char letters[] = "FSRPAUEC";
	char tmp[9];
	size_t n = 0;
	for (unsigned b = 0; b < 8; b++)
		if (flags & (1u << b))
			tmp[n++] = letters[b];
	tmp[n] = '\0';
	field_sep(c, "flags");
	rkint_out_str(c->o, n ? tmp : "0");
}

static bool any_nonzero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return true;
	return false;
}

static void print_layer(struct fctx *c, unsigned i)
{
	const struct rk_layer *l = &c->pkt->layer[i];
	const uint8_t *raw = c->pkt->data + l->offset;
	bool x = c->explicit_all;
	const char *name = rkint_spec_proto_of(l->kind)->name;

	/* BSD loopback: `loop` writes the family in network order, `null`
	   little-endian; a DLT_NULL frame from a big-endian host keeps its link
	   type with its bytes read little-endian. */
	uint32_t family = 0;
	if (l->kind == RK_LAYER_NULL) {
		bool loop = c->pkt->linktype == RK_DLT_LOOP;
		if (c->pkt->linktype != RK_DLT_NULL && c->pkt->linktype != RK_DLT_LOOP)
			loop = l->h.null.loop;
		family = loop ? rk_get_be32(raw) :
				(uint32_t)raw[0] | (uint32_t)raw[1] << 8 | (uint32_t)raw[2] << 16 |
					(uint32_t)raw[3] << 24;
		if (loop)
			name = "loop";
	}
	rkint_out_str(c->o, name);
	c->nfields = 0;

	switch (l->kind) {
	case RK_LAYER_ETH: {
		const struct rk_eth_hdr *h = &l->h.eth;
		f_mac(c, "dst", h->dst);
		f_mac(c, "src", h->src);
		if (want(c, ethertype_auto(c, i), h->type, 0))
			f_hex16(c, "type", h->type);
		break;
	}
	case RK_LAYER_VLAN: {
		const struct rk_vlan_hdr *h = &l->h.vlan;
		f_num(c, "vid", h->vid);
		if (x || h->pcp)
			f_num(c, "pcp", h->pcp);
		if (x || h->dei)
			f_num(c, "dei", h->dei);
		if (want(c, ethertype_auto(c, i), h->type, 0))
			f_hex16(c, "type", h->type);
		if (h->tpid && h->tpid != RK_ETHERTYPE_VLAN)
			f_hex16(c, "tpid", h->tpid);
		break;
	}
	case RK_LAYER_SLL: {
		const struct rk_sll_hdr *h = &l->h.sll;
		if (x || h->pkttype)
			f_num(c, "pkttype", h->pkttype);
		if (x || h->hatype != 1)
			f_num(c, "hatype", h->hatype);
		if (x || h->halen != 6)
			f_num(c, "halen", h->halen);
		if (x || any_nonzero(h->addr, 8))
			f_addr(c, "addr", h->addr, any_nonzero(h->addr + 6, 2) ? 8 : 6);
		if (want(c, ethertype_auto(c, i), h->type, 0))
			f_hex16(c, "type", h->type);
		break;
	}
	case RK_LAYER_SLL2: {
		const struct rk_sll2_hdr *h = &l->h.sll2;
		if (want(c, ethertype_auto(c, i), h->type, 0))
			f_hex16(c, "type", h->type);
		if (x || h->reserved)
			f_num(c, "reserved", h->reserved);
		if (x || h->ifindex)
			f_num(c, "ifindex", h->ifindex);
		if (x || h->hatype != 1)
			f_num(c, "hatype", h->hatype);
		if (x || h->pkttype)
			f_num(c, "pkttype", h->pkttype);
		if (x || h->halen != 6)
			f_num(c, "halen", h->halen);
		if (x || any_nonzero(h->addr, 8))
			f_addr(c, "addr", h->addr, any_nonzero(h->addr + 6, 2) ? 8 : 6);
		break;
	}
	case RK_LAYER_NULL: {
		int next = next_kind(c, i);
		long fam = next == RK_LAYER_IPV4 ? RK_NULL_AF_INET :
			   next == RK_LAYER_IPV6 ? RK_NULL_AF_INET6_BSD : -1;
		if (want(c, fam, family, 0))
			f_num(c, "family", family);
		break;
	}
	case RK_LAYER_ARP: {
		const struct rk_arp_hdr *h = &l->h.arp;
		f_num(c, "op", h->op);
		if (h->hlen)
			f_addr(c, "sha", h->sha, h->hlen);
		if (h->plen)
			f_addr(c, "spa", h->spa, h->plen);
		if (h->hlen)
			f_addr(c, "tha", h->tha, h->hlen);
		if (h->plen)
			f_addr(c, "tpa", h->tpa, h->plen);
		if (x || h->htype != 1)
			f_num(c, "htype", h->htype);
		if (x || h->ptype != 0x0800)
			f_hex16(c, "ptype", h->ptype);
		if (x || h->hlen != 6)
			f_num(c, "hlen", h->hlen);
		if (x || h->plen != 4)
			f_num(c, "plen", h->plen);
		break;
	}
	case RK_LAYER_IPV4: {
		const struct rk_ipv4_hdr *h = &l->h.ipv4;
		f_ip4(c, "src", h->src);
		f_ip4(c, "dst", h->dst);
		f_num(c, "id", h->id);
		if (x || h->ttl != 64)
			f_num(c, "ttl", h->ttl);
		if (x || h->tos)
			f_num(c, "tos", h->tos);
		if (x || h->df)
			f_num(c, "df", h->df);
		if (x || h->mf)
			f_num(c, "mf", h->mf);
		if (x || h->rf)
			f_num(c, "rf", h->rf);
		if (x || h->frag)
			f_num(c, "frag", h->frag);
		if (want(c, ipproto_auto(next_kind(c, i)), h->proto, 0))
			f_num(c, "proto", h->proto);
		if (want(c, (long)(c->total - l->offset), h->len, 0))
			f_num(c, "len", h->len);
		if (want(c, (long)(5 + h->opts_len / 4), h->ihl, 0))
			f_num(c, "ihl", h->ihl);
		if (x || !csum_trusted(l, h->csum))
			f_hex16(c, "csum", h->csum);
		if (x || h->version != 4)
			f_num(c, "version", h->version);
		if (h->opts_len)
			f_bytes(c, "opts", h->opts, h->opts_len);
		break;
	}
	case RK_LAYER_IPV6: {
		const struct rk_ipv6_hdr *h = &l->h.ipv6;
		f_ip6(c, "src", h->src);
		f_ip6(c, "dst", h->dst);
		if (x || h->hlim != 64)
			f_num(c, "hlim", h->hlim);
		if (x || h->tc)
			f_num(c, "tc", h->tc);
		if (x || h->flow)
			f_num(c, "flow", h->flow);
		if (want(c, nh_auto(c, i), h->nh, 0))
			f_num(c, "nh", h->nh);
		if (want(c, (long)(c->total - l->offset - RK_IPV6_HLEN), h->plen, 0))
			f_num(c, "plen", h->plen);
		if (x || h->version != 6)
			f_num(c, "version", h->version);
		break;
	}
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST: {
		const struct rk_ipv6_opts_hdr *h = &l->h.ipv6_opts;
		if (want(c, nh_auto(c, i), h->nh, 0))
			f_num(c, "nh", h->nh);
		if (want(c, (long)((2 + h->opts_len + 7) & ~(size_t)7), h->len, 0))
			f_num(c, "len", h->len);
		if (h->opts_len)
			f_bytes(c, "opts", h->opts, h->opts_len);
		break;
	}
	case RK_LAYER_IPV6_ROUTE: {
		const struct rk_ipv6_route_hdr *h = &l->h.ipv6_route;
		if (want(c, nh_auto(c, i), h->nh, 0))
			f_num(c, "nh", h->nh);
		if (want(c, (long)((4 + h->data_len + 7) & ~(size_t)7), h->len, 0))
			f_num(c, "len", h->len);
		if (x || h->rtype)
			f_num(c, "type", h->rtype);
		if (x || h->segleft)
			f_num(c, "segleft", h->segleft);
		if (h->data_len)
			f_bytes(c, "data", h->data, h->data_len);
		break;
	}
	case RK_LAYER_IPV6_FRAG: {
		const struct rk_ipv6_frag_hdr *h = &l->h.ipv6_frag;
		if (want(c, nh_auto(c, i), h->nh, 0))
			f_num(c, "nh", h->nh);
		if (x || h->offset)
			f_num(c, "offset", h->offset);
		if (x || h->m)
			f_num(c, "m", h->m);
		if (x || h->id)
			f_num(c, "id", h->id);
		if (x || h->res1)
			f_num(c, "res1", h->res1);
		if (x || h->res2)
			f_num(c, "res2", h->res2);
		break;
	}
	case RK_LAYER_TCP: {
		const struct rk_tcp_hdr *h = &l->h.tcp;
		f_num(c, "sport", h->sport);
		f_num(c, "dport", h->dport);
		f_num(c, "seq", h->seq);
		f_tcpflags(c, h->flags);
		if (x || h->ack)
			f_num(c, "ack", h->ack);
		if (x || h->win != 64240)
			f_num(c, "win", h->win);
		if (x || h->urp)
			f_num(c, "urp", h->urp);
		if (x || h->res)
			f_num(c, "res", h->res);
		if (want(c, (long)(5 + h->opts_len / 4), h->doff, 0))
			f_num(c, "doff", h->doff);
		if (want_l4_csum(c, i, h->csum))
			f_hex16(c, "csum", h->csum);
		if (h->opts_len) {
			field_sep(c, "opts");
			rkint_spec_tcpopts_print(c->o, h->opts, h->opts_len);
		}
		break;
	}
	case RK_LAYER_UDP: {
		const struct rk_udp_hdr *h = &l->h.udp;
		f_num(c, "sport", h->sport);
		f_num(c, "dport", h->dport);
		if (want(c, (long)(c->total - l->offset), h->len, 0))
			f_num(c, "len", h->len);
		if (x || !csum_trusted(l, h->csum))
			f_hex16(c, "csum", h->csum);
		break;
	}
	case RK_LAYER_ICMP: {
		const struct rk_icmp_hdr *h = &l->h.icmp;
		f_num(c, "type", h->type);
		if (x || h->code)
			f_num(c, "code", h->code);
		if (x || h->id)
			f_num(c, "id", h->id);
		if (x || h->seq)
			f_num(c, "seq", h->seq);
		if (h->type == RK_ICMP_TSTAMP || h->type == RK_ICMP_TSTAMPREPLY) {
			if (x || h->otime)
				f_num(c, "otime", h->otime);
			if (x || h->rtime)
				f_num(c, "rtime", h->rtime);
			if (x || h->ttime)
				f_num(c, "ttime", h->ttime);
		}
		if (want_l4_csum(c, i, h->csum))
			f_hex16(c, "csum", h->csum);
		break;
	}
	case RK_LAYER_ICMP6: {
		const struct rk_icmp6_hdr *h = &l->h.icmp6;
		f_num(c, "type", h->type);
		if (x || h->code)
			f_num(c, "code", h->code);
		if (x || h->id)
			f_num(c, "id", h->id);
		if (x || h->seq)
			f_num(c, "seq", h->seq);
		if (want_l4_csum(c, i, h->csum))
			f_hex16(c, "csum", h->csum);
		break;
	}
	}
	if (c->nfields)
		rkint_out_str(c->o, ")");
}

/* Payload bytes: zero:N, a quoted string when it reads as text, else hex:. */
static void print_data(struct fctx *c, const uint8_t *p, size_t n)
{
	bool text = true;
	if (!any_nonzero(p, n)) {
		rkint_out_fmt(c->o, "zero:%zu", n);
		return;
	}
	for (size_t i = 0; i < n && text; i++)
		text = (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\r' || p[i] == '\n' || p[i] == '\t';
	if (!text) {
		rkint_out_str(c->o, "hex:");
		rkint_out_hex(c->o, p, n);
		return;
	}
	char tmp[66];
	size_t k = 0;
	tmp[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		const char *esc = p[i] == '"' ? "\\\"" : p[i] == '\\' ? "\\\\" : p[i] == '\'' ? "\\x27" :
				  p[i] == '\r' ? "\\r" : p[i] == '\n' ? "\\n" : p[i] == '\t' ? "\\t" : NULL;
		if (k + 5 >= sizeof(tmp)) {
			tmp[k] = '\0';
			rkint_out_str(c->o, tmp);
			k = 0;
		}
		if (esc) {
			memcpy(tmp + k, esc, strlen(esc));
			k += strlen(esc);
		} else {
			tmp[k++] = (char)p[i];
		}
	}
	tmp[k++] = '"';
	tmp[k] = '\0';
	rkint_out_str(c->o, tmp);
}

/* Can layer l be printed as a layer (the builder writes it back whole)? */
static bool printable(const struct rk_pkt *pkt, const struct rk_layer *l, uint32_t end, size_t *pool)
{
	if (l->kind == RK_LAYER_PAYLOAD || l->kind == RK_LAYER_NONE || l->kind >= RK_LAYER_KIND_COUNT)
		return false;
	if (l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED | RK_LAYER_INNER))
		return false;
	if (l->offset != end || l->hdr_len > pkt->caplen - l->offset || l->cap_len != l->hdr_len)
		return false;
	size_t opt = 0;
	switch (l->kind) {
	case RK_LAYER_ARP:
		return l->h.arp.hlen <= RK_ARP_ADDR_MAX && l->h.arp.plen <= RK_ARP_ADDR_MAX;
	case RK_LAYER_IPV4:
		opt = l->h.ipv4.opts_len;
		if (l->hdr_len != RK_IPV4_HLEN + opt)
			return false;
		break;
	case RK_LAYER_TCP:
		opt = l->h.tcp.opts_len;
		if (l->hdr_len != RK_TCP_HLEN + opt)
			return false;
		break;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
		opt = l->h.ipv6_opts.opts_len;
		if (l->hdr_len != 2 + opt)
			return false;
		break;
	case RK_LAYER_IPV6_ROUTE:
		opt = l->h.ipv6_route.data_len;
		if (l->hdr_len != 4 + opt)
			return false;
		break;
	}
	if (opt > RK_SPEC_POOL_SIZE - *pool)
		return false;
	*pool += opt;
	return true;
}

RK_API int rk_spec_format_ex(const struct rk_pkt *pkt, unsigned flags, char *buf, size_t cap)
{
	struct rkint_out o = { .buf = buf, .cap = cap, .len = 0, .err = RK_OK };
	struct fctx c = { .pkt = pkt, .o = &o, .explicit_all = (flags & RK_SPEC_FMT_EXPLICIT) != 0 };

	if (!buf || cap == 0)
		return RK_E_NOSPACE;
	buf[0] = '\0';
	if (!pkt || pkt->n == 0 || (pkt->caplen && !pkt->data))
		return RK_E_INVAL;
	c.total = pkt->caplen;

	/* Layers printed as layers, leaving room for two payload chunks. */
	uint32_t end = 0;
	size_t pool = 0;
	while (c.k < pkt->n && c.k < RK_SPEC_MAX_LAYERS - 2 &&
	       printable(pkt, &pkt->layer[c.k], end, &pool)) {
		end = pkt->layer[c.k].offset + pkt->layer[c.k].hdr_len;
		c.k++;
	}
	/* What follows: the payload the decoder listed, then padding. */
	uint32_t chunk1 = pkt->caplen - end, chunk2 = 0;
	if (c.k < pkt->n && pkt->layer[c.k].kind == RK_LAYER_PAYLOAD && pkt->layer[c.k].offset == end &&
	    pkt->layer[c.k].cap_len <= chunk1) {
		chunk2 = chunk1 - pkt->layer[c.k].cap_len;
		chunk1 = pkt->layer[c.k].cap_len;
	}
	c.trailing = chunk1 + chunk2 > 0;

	for (unsigned i = 0; i < c.k; i++) {
		if (i)
			rkint_out_str(&o, "/");
		print_layer(&c, i);
	}
	if (chunk1) {
		if (c.k)
			rkint_out_str(&o, "/");
		print_data(&c, pkt->data + end, chunk1);
	}
	if (chunk2) {
		if (c.k || chunk1)
			rkint_out_str(&o, "/");
		print_data(&c, pkt->data + end + chunk1, chunk2);
	}
	if (!c.k && !c.trailing)
		rkint_out_str(&o, "zero:0");
	return o.err ? o.err : (int)o.len;
}

RK_API int rk_spec_format(const struct rk_pkt *pkt, char *buf, size_t cap)
{
	return rk_spec_format_ex(pkt, 0, buf, cap);
}
