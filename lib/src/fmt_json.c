/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_json.c - rk_fmt_json(): a decoded frame as one line of packet JSON
 * (shared/packet-json.md, version 1), keys in the contract's order.
 *
 * A truncated or malformed layer lists the keys whose bytes were captured:
 * each key below names the byte offset in its header where its field ends,
 * and is written when rk_layer.cap_len reaches it. Checksummed layers carry
 * csum_ok (null when truncated or malformed); a layer of which no byte was
 * captured is {"layer":...,"truncated":true}. Everything that comes from
 * the packet is a number or a hex string, and the few strings that are not
 * (names, the error) are escaped anyway.
 *
 * Speed: a layer is written with the raw writers (no check per field)
 * straight into the caller's buffer when JSON_LAYER_MAX bytes are left,
 * else into a stack buffer of that size and copied in with one check. The
 * largest layer is a TCP header with 40 bytes of two-byte options of an
 * unknown kind (20 times {"kind":255,"len":2,"data":""}): about 830 bytes.
 */
#include "fmt_int.h"
#include "rawkit/rd.h"

/* Bytes any one layer object can take (see above), with room to spare. */
#define JSON_LAYER_MAX 1024
/* The frame keys up to "layers":[ : two 20-digit numbers, 10-digit ones,
   the link type's name (short) or number. */
#define JSON_HEAD_MAX 192

#define KEY(w, k) ((w) = RKINT_W((w), ",\"" k "\":"))

/* A JSON string body from the first n bytes of s (or to its NUL): '"',
   '\\' and control bytes escaped; bytes >= 0x80 as \u00XX (Latin-1), so the
   line is ASCII and valid whatever the input. At most 6 bytes per byte. */
static char *w_esc(char *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			*w++ = (char)c;
			continue;
		}
		*w++ = '\\';
		switch (c) {
		case '"': *w++ = '"'; break;
		case '\\': *w++ = '\\'; break;
		case '\n': *w++ = 'n'; break;
		case '\r': *w++ = 'r'; break;
		case '\t': *w++ = 't'; break;
		default:
			w = RKINT_W(w, "u00");
			*w++ = rkint_hexdig[c >> 4];
			*w++ = rkint_hexdig[c & 0xf];
		}
	}
	return w;
}

/* A quoted name of at most 32 bytes (layer and link type names). */
static char *w_name(char *w, const char *s)
{
	*w++ = '"';
	w = w_esc(w, s, 32);
	*w++ = '"';
	return w;
}

static char *w_bool(char *w, bool v)
{
	return v ? RKINT_W(w, "true") : RKINT_W(w, "false");
}

static char *w_hexstr(char *w, const uint8_t *p, size_t n)
{
	*w++ = '"';
	w = rkint_w_hexbytes(w, p, n);
	*w++ = '"';
	return w;
}

static char *w_colonhex(char *w, const uint8_t *p, size_t n)
{
	*w++ = '"';
	w = rkint_w_colonhex(w, p, n);
	*w++ = '"';
	return w;
}

static char *w_ipv4(char *w, uint32_t a)
{
	*w++ = '"';
	w = rkint_w_ipv4(w, a);
	*w++ = '"';
	return w;
}

static char *w_ipv6(char *w, const uint8_t *a)
{
	*w++ = '"';
	w = rkint_w_ipv6(w, a);
	*w++ = '"';
	return w;
}

/* csum_ok: null unless the layer is whole and the decoder could verify it. */
static char *w_csum_ok(char *w, const struct rk_layer *l)
{
	KEY(w, "csum_ok");
	if (l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED) || l->csum_ok == RK_CSUM_UNKNOWN ||
	    l->csum_ok == RK_CSUM_NONE)
		return RKINT_W(w, "null");
	return w_bool(w, l->csum_ok == RK_CSUM_OK);
}

/* An ARP protocol address: dotted quad or IPv6 when the type and length say
   so, else colon-separated hex (at most 16 bytes are kept). */
static char *w_arp_paddr(char *w, const struct rk_arp_hdr *h, const uint8_t *a)
{
	size_t n = h->plen < RK_ARP_ADDR_MAX ? h->plen : RK_ARP_ADDR_MAX;
	if (h->ptype == 0x0800 && n == 4)
		return w_ipv4(w, (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3]);
	if (h->ptype == 0x86dd && n == 16)
		return w_ipv6(w, a);
	return w_colonhex(w, a, n);
}

static char *w_arp(char *w, const struct rk_layer *l)
{
	const struct rk_arp_hdr *h = &l->h.arp;
	uint32_t c = l->cap_len, hl = h->hlen, pl = h->plen;
	size_t hn = hl < RK_ARP_ADDR_MAX ? hl : RK_ARP_ADDR_MAX;
	if (c >= 2) {
		KEY(w, "htype");
		w = rkint_w_u32(w, h->htype);
	}
	if (c >= 4) {
		KEY(w, "ptype");
		w = rkint_w_u32(w, h->ptype);
	}
	if (c >= 8) {
		KEY(w, "op");
		w = rkint_w_u32(w, h->op);
	}
	if (c >= 8 + hl) {
		KEY(w, "sha");
		w = w_colonhex(w, h->sha, hn);
	}
	if (c >= 8 + hl + pl) {
		KEY(w, "spa");
		w = w_arp_paddr(w, h, h->spa);
	}
	if (c >= 8 + 2 * hl + pl) {
		KEY(w, "tha");
		w = w_colonhex(w, h->tha, hn);
	}
	if (c >= 8 + 2 * hl + 2 * pl) {
		KEY(w, "tpa");
		w = w_arp_paddr(w, h, h->tpa);
	}
	return w;
}

static char *w_ipv4_layer(char *w, const struct rk_layer *l)
{
	const struct rk_ipv4_hdr *h = &l->h.ipv4;
	uint32_t c = l->cap_len;
	if (c >= 16) {
		KEY(w, "src");
		w = w_ipv4(w, h->src);
	}
	if (c >= 20) {
		KEY(w, "dst");
		w = w_ipv4(w, h->dst);
	}
	if (c >= 1) {
		KEY(w, "ihl");
		w = rkint_w_u32(w, h->ihl);
	}
	if (c >= 2) {
		KEY(w, "tos");
		w = rkint_w_u32(w, h->tos);
	}
	if (c >= 4) {
		KEY(w, "len");
		w = rkint_w_u32(w, h->len);
	}
	if (c >= 6) {
		KEY(w, "id");
		w = rkint_w_u32(w, h->id);
	}
	if (c >= 8) {
		KEY(w, "df");
		w = w_bool(w, h->df);
		KEY(w, "mf");
		w = w_bool(w, h->mf);
		KEY(w, "frag");
		w = rkint_w_u32(w, h->frag);
	}
	if (c >= 9) {
		KEY(w, "ttl");
		w = rkint_w_u32(w, h->ttl);
	}
	if (c >= 10) {
		KEY(w, "proto");
		w = rkint_w_u32(w, h->proto);
	}
	if (c >= 12) {
		KEY(w, "csum");
		w = rkint_w_u32(w, h->csum);
	}
	w = w_csum_ok(w, l);
	/* ihl is 4 bits: at most 40 bytes of options, 80 hex digits. */
	if (h->ihl > 5 && c >= h->ihl * 4u && h->opts && h->opts_len >= h->ihl * 4u - 20) {
		KEY(w, "opts");
		w = w_hexstr(w, h->opts, h->ihl * 4u - 20);
	}
	return w;
}

static char *w_ipv6_layer(char *w, const struct rk_layer *l)
{
	const struct rk_ipv6_hdr *h = &l->h.ipv6;
	uint32_t c = l->cap_len;
	if (c >= 24) {
		KEY(w, "src");
		w = w_ipv6(w, h->src);
	}
	if (c >= 40) {
		KEY(w, "dst");
		w = w_ipv6(w, h->dst);
	}
	if (c >= 2) {
		KEY(w, "tc");
		w = rkint_w_u32(w, h->tc);
	}
	if (c >= 4) {
		KEY(w, "flow");
		w = rkint_w_u32(w, h->flow);
	}
	if (c >= 6) {
		KEY(w, "plen");
		w = rkint_w_u32(w, h->plen);
	}
	if (c >= 7) {
		KEY(w, "nh");
		w = rkint_w_u32(w, h->nh);
	}
	if (c >= 8) {
		KEY(w, "hlim");
		w = rkint_w_u32(w, h->hlim);
	}
	return w;
}

/* One option the iterator could not take (length < 2, or past the option
   bytes): its kind, its length byte (0 when missing) and what follows. */
static char *w_bad_opt(char *w, struct rk_rd *at)
{
	uint8_t kind = rk_rd_u8(at);
	uint8_t len = rk_rd_has(at, 1) ? rk_rd_u8(at) : 0;
	size_t rest = rk_rd_left(at);
	w = RKINT_W(w, "{\"kind\":");
	w = rkint_w_u32(w, kind);
	w = RKINT_W(w, ",\"len\":");
	w = rkint_w_u32(w, len);
	w = RKINT_W(w, ",\"data\":");
	w = w_hexstr(w, rk_rd_bytes(at, rest), rest);
	*w++ = '}';
	return w;
}

static char *w_tcp_opt(char *w, const struct rk_tcp_opt *t)
{
	struct rk_rd d;
	rk_rd_init(&d, t->data, t->data_len);
	w = RKINT_W(w, "{\"kind\":");
	w = rkint_w_u32(w, t->kind);
	switch (t->kind) {
	case RK_TCPOPT_EOL:
	case RK_TCPOPT_NOP:
		*w++ = '}';
		return w;
	case RK_TCPOPT_MSS:
		if (t->len != 4)
			break;
		w = RKINT_W(w, ",\"mss\":");
		w = rkint_w_u32(w, rk_rd_u16(&d));
		*w++ = '}';
		return w;
	case RK_TCPOPT_WSCALE:
		if (t->len != 3)
			break;
		w = RKINT_W(w, ",\"wscale\":");
		w = rkint_w_u32(w, rk_rd_u8(&d));
		*w++ = '}';
		return w;
	case RK_TCPOPT_SACKOK:
		if (t->len != 2)
			break;
		*w++ = '}';
		return w;
	case RK_TCPOPT_SACK:
		if ((t->len - 2) % 8)
			break;
		w = RKINT_W(w, ",\"sack\":[");
		for (unsigned i = 0; i < (t->len - 2u) / 8; i++) {
			if (i)
				*w++ = ',';
			*w++ = '[';
			w = rkint_w_u32(w, rk_rd_u32(&d));
			*w++ = ',';
			w = rkint_w_u32(w, rk_rd_u32(&d));
			*w++ = ']';
		}
		return RKINT_W(w, "]}");
	case RK_TCPOPT_TS:
		if (t->len != 10)
			break;
		w = RKINT_W(w, ",\"tsval\":");
		w = rkint_w_u32(w, rk_rd_u32(&d));
		w = RKINT_W(w, ",\"tsecr\":");
		w = rkint_w_u32(w, rk_rd_u32(&d));
		*w++ = '}';
		return w;
	}
	w = RKINT_W(w, ",\"len\":");
	w = rkint_w_u32(w, t->len);
	w = RKINT_W(w, ",\"data\":");
	w = w_hexstr(w, t->data, t->data_len);
	*w++ = '}';
	return w;
}

/* At most 40 option bytes (doff is 4 bits). */
static char *w_tcp_opts(char *w, const uint8_t *opts, size_t n)
{
	struct rk_rd rd;
	struct rk_tcp_opt t;
	rk_rd_init(&rd, opts, n);
	KEY(w, "opts");
	*w++ = '[';
	for (unsigned i = 0;; i++) {
		struct rk_rd at = rd;
		int rc = rk_tcp_opt_next(&rd, &t);
		if (rc == 0)
			break;
		if (i)
			*w++ = ',';
		if (rc < 0) {
			w = w_bad_opt(w, &at);
			break;
		}
		w = w_tcp_opt(w, &t);
	}
	*w++ = ']';
	return w;
}

static char *w_tcp(char *w, const struct rk_layer *l)
{
	const struct rk_tcp_hdr *h = &l->h.tcp;
	uint32_t c = l->cap_len;
	if (c >= 2) {
		KEY(w, "sport");
		w = rkint_w_u32(w, h->sport);
	}
	if (c >= 4) {
		KEY(w, "dport");
		w = rkint_w_u32(w, h->dport);
	}
	if (c >= 8) {
		KEY(w, "seq");
		w = rkint_w_u32(w, h->seq);
	}
	if (c >= 12) {
		KEY(w, "ack");
		w = rkint_w_u32(w, h->ack);
	}
	if (c >= 13) {
		KEY(w, "doff");
		w = rkint_w_u32(w, h->doff);
	}
	if (c >= 14) {
		KEY(w, "flags");
		w = rkint_w_u32(w, h->flags);
	}
	if (c >= 16) {
		KEY(w, "win");
		w = rkint_w_u32(w, h->win);
	}
	if (c >= 18) {
		KEY(w, "csum");
		w = rkint_w_u32(w, h->csum);
	}
	w = w_csum_ok(w, l);
	if (c >= 20) {
		KEY(w, "urp");
		w = rkint_w_u32(w, h->urp);
	}
	if (h->doff > 5 && h->doff <= 15 && c >= h->doff * 4u && h->opts &&
	    h->opts_len >= h->doff * 4u - 20)
		w = w_tcp_opts(w, h->opts, h->doff * 4u - 20);
	return w;
}

static char *w_udp(char *w, const struct rk_layer *l)
{
	const struct rk_udp_hdr *h = &l->h.udp;
	uint32_t c = l->cap_len;
	if (c >= 2) {
		KEY(w, "sport");
		w = rkint_w_u32(w, h->sport);
	}
	if (c >= 4) {
		KEY(w, "dport");
		w = rkint_w_u32(w, h->dport);
	}
	if (c >= 6) {
		KEY(w, "len");
		w = rkint_w_u32(w, h->len);
	}
	if (c >= 8) {
		KEY(w, "csum");
		w = rkint_w_u32(w, h->csum);
	}
	return w_csum_ok(w, l);
}

/* ICMP and ICMPv6 share their first 8 bytes; with_idseq says whether the
   type carries an identifier and sequence number. */
static char *w_icmp_common(char *w, const struct rk_layer *l, uint8_t type, uint8_t code,
			   uint16_t csum, uint16_t id, uint16_t seq, bool with_idseq)
{
	uint32_t c = l->cap_len;
	if (c >= 1) {
		KEY(w, "type");
		w = rkint_w_u32(w, type);
	}
	if (c >= 2) {
		KEY(w, "code");
		w = rkint_w_u32(w, code);
	}
	if (c >= 4) {
		KEY(w, "csum");
		w = rkint_w_u32(w, csum);
	}
	w = w_csum_ok(w, l);
	if (!with_idseq)
		return w;
	if (c >= 6) {
		KEY(w, "id");
		w = rkint_w_u32(w, id);
	}
	if (c >= 8) {
		KEY(w, "seq");
		w = rkint_w_u32(w, seq);
	}
	return w;
}

/* One layer object; at most JSON_LAYER_MAX bytes. */
static char *w_layer(char *w, const struct rk_layer *l)
{
	uint32_t c = l->cap_len;
	w = RKINT_W(w, "{\"layer\":");
	w = w_name(w, rk_layer_name(l->kind));

	if ((l->flags & RK_LAYER_TRUNCATED) && c == 0)
		goto flags;

	switch (l->kind) {
	case RK_LAYER_ETH: {
		const struct rk_eth_hdr *h = &l->h.eth;
		if (c >= 12) {
			KEY(w, "src");
			w = w_colonhex(w, h->src, 6);
		}
		if (c >= 6) {
			KEY(w, "dst");
			w = w_colonhex(w, h->dst, 6);
		}
		if (c >= 14) {
			KEY(w, "type");
			w = rkint_w_u32(w, h->type);
		}
		break;
	}
	case RK_LAYER_VLAN: {
		const struct rk_vlan_hdr *h = &l->h.vlan;
		if (c >= 2) {
			KEY(w, "pcp");
			w = rkint_w_u32(w, h->pcp);
			KEY(w, "dei");
			w = w_bool(w, h->dei);
			KEY(w, "vid");
			w = rkint_w_u32(w, h->vid);
		}
		if (c >= 4) {
			KEY(w, "type");
			w = rkint_w_u32(w, h->type);
		}
		break;
	}
	case RK_LAYER_SLL: {
		const struct rk_sll_hdr *h = &l->h.sll;
		if (c >= 2) {
			KEY(w, "pkttype");
			w = rkint_w_u32(w, h->pkttype);
		}
		if (c >= 4) {
			KEY(w, "hatype");
			w = rkint_w_u32(w, h->hatype);
		}
		if (c >= 14) {
			KEY(w, "addr");
			w = w_colonhex(w, h->addr, h->halen < 8 ? h->halen : 8);
		}
		if (c >= 16) {
			KEY(w, "type");
			w = rkint_w_u32(w, h->type);
		}
		break;
	}
	case RK_LAYER_SLL2: {
		const struct rk_sll2_hdr *h = &l->h.sll2;
		if (c >= 2) {
			KEY(w, "type");
			w = rkint_w_u32(w, h->type);
		}
		if (c >= 8) {
			KEY(w, "ifindex");
			w = rkint_w_u32(w, h->ifindex);
		}
		if (c >= 10) {
			KEY(w, "hatype");
			w = rkint_w_u32(w, h->hatype);
		}
		if (c >= 11) {
			KEY(w, "pkttype");
			w = rkint_w_u32(w, h->pkttype);
		}
		if (c >= 20) {
			KEY(w, "addr");
			w = w_colonhex(w, h->addr, h->halen < 8 ? h->halen : 8);
		}
		break;
	}
	case RK_LAYER_NULL:
		if (c >= 4) {
			KEY(w, "family");
			w = rkint_w_u32(w, l->h.null.family);
		}
		break;
	case RK_LAYER_ARP:
		w = w_arp(w, l);
		break;
	case RK_LAYER_IPV4:
		w = w_ipv4_layer(w, l);
		break;
	case RK_LAYER_IPV6:
		w = w_ipv6_layer(w, l);
		break;
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
	case RK_LAYER_IPV6_ROUTE: {
		uint8_t nh = l->kind == RK_LAYER_IPV6_ROUTE ? l->h.ipv6_route.nh : l->h.ipv6_opts.nh;
		uint16_t len = l->kind == RK_LAYER_IPV6_ROUTE ? l->h.ipv6_route.len : l->h.ipv6_opts.len;
		if (c >= 1) {
			KEY(w, "nh");
			w = rkint_w_u32(w, nh);
		}
		if (c >= 2) {
			KEY(w, "len");
			w = rkint_w_u32(w, len);
		}
		break;
	}
	case RK_LAYER_IPV6_FRAG: {
		const struct rk_ipv6_frag_hdr *h = &l->h.ipv6_frag;
		if (c >= 1) {
			KEY(w, "nh");
			w = rkint_w_u32(w, h->nh);
		}
		if (c >= 4) {
			KEY(w, "offset");
			w = rkint_w_u32(w, h->offset);
			KEY(w, "m");
			w = w_bool(w, h->m);
		}
		if (c >= 8) {
			KEY(w, "id");
			w = rkint_w_u32(w, h->id);
		}
		break;
	}
	case RK_LAYER_TCP:
		w = w_tcp(w, l);
		break;
	case RK_LAYER_UDP:
		w = w_udp(w, l);
		break;
	case RK_LAYER_ICMP: {
		const struct rk_icmp_hdr *h = &l->h.icmp;
		bool idseq = h->type == RK_ICMP_ECHO || h->type == RK_ICMP_ECHOREPLY ||
			     h->type == RK_ICMP_TSTAMP || h->type == RK_ICMP_TSTAMPREPLY;
		w = w_icmp_common(w, l, h->type, h->code, h->csum, h->id, h->seq, idseq);
		break;
	}
	case RK_LAYER_ICMP6: {
		const struct rk_icmp6_hdr *h = &l->h.icmp6;
		bool idseq = h->type == RK_ICMP6_ECHO_REQUEST || h->type == RK_ICMP6_ECHO_REPLY;
		w = w_icmp_common(w, l, h->type, h->code, h->csum, h->id, h->seq, idseq);
		break;
	}
	case RK_LAYER_PAYLOAD:
		KEY(w, "len");
		w = rkint_w_u32(w, l->h.payload.len);
		KEY(w, "caplen");
		w = rkint_w_u32(w, l->h.payload.caplen);
		break;
	}
flags:
	if (l->flags & RK_LAYER_TRUNCATED)
		w = RKINT_W(w, ",\"truncated\":true");
	if (l->flags & RK_LAYER_INNER)
		w = RKINT_W(w, ",\"inner\":true");
	*w++ = '}';
	return w;
}

/* Write through a raw writer `call`, an expression in w (where to write)
   giving the new end: in place when sizeof(tmp) bytes are left, else into
   tmp and then copied, so that a line ending near the end of the caller's
   buffer is still exact about room. */
#define RAW(o, tmp, call)                                                           \
	do {                                                                        \
		if ((size_t)((o)->end - (o)->cur) >= sizeof(tmp)) {                 \
			char *w = (o)->cur;                                         \
			(o)->cur = call;                                            \
		} else {                                                            \
			char *w = (tmp);                                            \
			char *e_ = call;                                            \
			rkint_put((o), (tmp), (size_t)(e_ - (tmp)));                \
		}                                                                   \
	} while (0)

static char *w_head(char *w, const struct rk_pkt *pkt, const struct rk_fmt_meta *m,
		    unsigned digits)
{
	w = RKINT_W(w, "{\"n\":");
	w = rkint_w_u64(w, m->n);
	w = RKINT_W(w, ",\"ts\":\"");
	if (m->ts.sec < 0) {
		*w++ = '-';
		w = rkint_w_u64(w, (uint64_t)0 - (uint64_t)m->ts.sec);
	} else {
		w = rkint_w_u64(w, (uint64_t)m->ts.sec);
	}
	*w++ = '.';
	uint32_t frac = m->ts.nsec > 999999999u ? 999999999u : m->ts.nsec;
	if (digits != 9)
		frac /= 1000;
	for (unsigned i = digits; i-- > 0; frac /= 10)
		w[i] = (char)('0' + frac % 10);
	w += digits;
	w = RKINT_W(w, "\",\"caplen\":");
	w = rkint_w_u32(w, pkt->caplen);
	w = RKINT_W(w, ",\"len\":");
	w = rkint_w_u32(w, pkt->len);
	w = RKINT_W(w, ",\"linktype\":");
	const char *lt = rk_linktype_name(pkt->linktype);
	if (lt) {
		w = w_name(w, lt);
	} else {
		*w++ = '"';
		if (pkt->linktype < 0) {
			*w++ = '-';
			w = rkint_w_u32(w, (uint32_t)0 - (uint32_t)pkt->linktype);
		} else {
			w = rkint_w_u32(w, (uint32_t)pkt->linktype);
		}
		*w++ = '"';
	}
	return RKINT_W(w, ",\"layers\":[");
}

RK_API void rk_fmt_opts_init(struct rk_fmt_opts *o)
{
	memset(o, 0, sizeof *o);
	o->ts_style = RK_TS_TIME;
	o->ts_digits = 6;
}

RK_API int rk_fmt_json(char *buf, size_t cap, const struct rk_pkt *pkt, const struct rk_fmt_meta *m,
		       const struct rk_fmt_opts *opts)
{
	struct rkint_out o;
	char head[JSON_HEAD_MAX];
	char layer[JSON_LAYER_MAX];

	rkint_out_init(&o, buf, cap);
	if (!pkt || !m)
		return RK_E_INVAL;
	unsigned digits = opts && opts->ts_digits == 9 ? 9 : 6;
	RAW(&o, head, w_head(w, pkt, m, digits));
	unsigned n = pkt->n < RK_PKT_MAX_LAYERS ? pkt->n : RK_PKT_MAX_LAYERS;
	for (unsigned i = 0; i < n; i++) {
		if (i)
			rkint_putc(&o, ',');
		RAW(&o, layer, w_layer(w, &pkt->layer[i]));
	}
	rkint_putc(&o, ']');
	if (pkt->error) {
		/* Any length: escaped in pieces through the checked writer. */
		RKINT_LIT(&o, ",\"error\":\"");
		const char *e = pkt->error;
		while (*e && !o.err) {
			char tmp[6 * 64];
			size_t k = strnlen(e, 64);
			char *w = w_esc(tmp, e, k);
			rkint_put(&o, tmp, (size_t)(w - tmp));
			e += k;
		}
		rkint_putc(&o, '"');
	}
	RKINT_LIT(&o, "}\n");
	return rkint_out_done(&o);
}
