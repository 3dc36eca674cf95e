/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * verbose.c - rk-sniff -v: the fields tcpdump -v adds to its line, spliced
 * into the line rawkit's formatter wrote (tcpdump 4.99's words):
 *   IPv4   "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6),
 *          length 60[, options (...)][, bad cksum 1234 (->abcd)!])" and a
 *          new line indented by four spaces
 *   IPv6   "(class 0x.., flowlabel 0x....., hlim 64, next-header UDP (17)
 *          payload length: 13) "
 *   TCP    ", cksum 0x1234 (correct)" or "(incorrect -> 0x....)" after the flags
 *   UDP    "[udp sum ok] " or "[bad udp cksum 0x.... -> 0x....!] " over IPv6
 *          (over IPv4 with -vv, and "[no cksum] "), as tcpdump
 *   ICMPv6 "[icmp6 sum ok] " or "[bad icmp6 cksum ...!] "
 *   ICMP   " (wrong icmp cksum ... (->...)!)", and an error's quoted
 *          datagram on a further line ("\n\tIP (tos ...)\n    ...")
 *   ARP    "Ethernet (len 6), IPv4 (len 4), "
 * Checksums are shown only when every byte they cover was captured and the
 * datagram is not a fragment (the decoder's csum_ok), as tcpdump does.
 * Truncated or malformed headers get nothing more than the plain line.
 *
 * The line is not rebuilt: the plain line L is split where the network
 * layer's text starts (found by formatting the frame once more without
 * time stamp and link header: that "bare" line B ends with the same text
 * as L once "IP " or "IP6 " is taken off its front), and the additions go
 * in at the places rawkit's formatter and tcpdump agree on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "rawkit/csum.h"
#include "rawkit/link.h"
#include "sniff.h"

/* tcpdump 4.99's ipproto_values (the names it prints in "proto X (N)"). */
static const char *proto_name(uint8_t p)
{
	switch (p) {
	case 0: return "Options";
	case 1: return "ICMP";
	case 2: return "IGMP";
	case 4: return "IPIP";
	case 6: return "TCP";
	case 8: return "EGP";
	case 9: return "IGRP";
	case 17: return "UDP";
	case 33: return "DCCP";
	case 41: return "IPv6";
	case 43: return "Routing";
	case 44: return "Fragment";
	case 46: return "RSVP";
	case 47: return "GRE";
	case 50: return "ESP";
	case 51: return "AH";
	case 55: return "Mobile IP";
	case 58: return "ICMPv6";
	case 62: return "Mobile IP (old)";
	case 88: return "EIGRP";
	case 89: return "OSPF";
	case 103: return "PIM";
	case 108: return "Compressed IP";
	case 112: return "VRRP";
	case 113: return "PGM";
	case 132: return "SCTP";
	case 135: return "Mobility";
	case 143: return "Ethernet";
	default: return "unknown";
	}
}

/* An output buffer that remembers running out of room. */
struct vbuf {
	char *p;
	size_t len, cap;
	bool full;
};

static void put(struct vbuf *b, const char *s, size_t n)
{
	if (b->full || b->cap - b->len < n + 1) {
		b->full = true;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void putf(struct vbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		b->full = true;
		return;
	}
	put(b, tmp, (size_t)n);
}

static void put_ipv4(struct vbuf *b, uint32_t a)
{
	putf(b, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

/* tcpdump's in_cksum_shouldbe(): the value the field should hold, from
   the stored one and the sum over the covered bytes (field included). */
static uint16_t should_be(uint16_t stored, uint32_t acc)
{
	uint16_t computed = rk_csum_finish(acc); /* 0 when right */
	uint32_t s = (uint32_t)stored + computed;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* ip_optprint(): names, route addresses, the router alert value. */
static void put_ip_options(struct vbuf *b, const uint8_t *o, size_t len)
{
	const char *sep = "";
	size_t i = 0;
	while (i < len) {
		uint8_t code = o[i];
		put(b, sep, strlen(sep));
		sep = ",";
		switch (code) {
		case 0: put(b, "EOL", 3); break;
		case 1: put(b, "NOP", 3); break;
		case 68: put(b, "timestamp", 9); break;
		case 130: put(b, "security", 8); break;
		case 7: put(b, "RR", 2); break;
		case 137: put(b, "SSRR", 4); break;
		case 131: put(b, "LSRR", 4); break;
		case 148: put(b, "RA", 2); break;
		case 82: put(b, "traceroute", 10); break;
		default: putf(b, "unknown %u", code); break;
		}
		if (code == 0)
			return;
		size_t olen = 1;
		if (code != 1) {
			if (len - i < 2) {
				put(b, " [bad length 0]", 15);
				return;
			}
			olen = o[i + 1];
			if (olen < 2) {
				putf(b, " [bad length %zu]", olen);
				return;
			}
		}
		if (olen > len - i) {
			putf(b, " [bad length %zu]", olen);
			return;
		}
		const uint8_t *c = o + i;
		if (code == 7 || code == 137 || code == 131) {
			if (olen < 3) {
				putf(b, " [bad length %zu]", olen);
			} else {
				if ((olen + 1) & 3)
					putf(b, " [bad length %zu]", olen);
				unsigned ptr = (unsigned)c[2] - 1;
				if (ptr < 3 || ((ptr + 1) & 3) || ptr > olen + 1)
					putf(b, " [bad ptr %u]", c[2]);
				for (size_t k = 3; k + 4 <= olen; k += 4) {
					put(b, " ", 1);
					put_ipv4(b, (uint32_t)c[k] << 24 |
							(uint32_t)c[k + 1] << 16 |
							(uint32_t)c[k + 2] << 8 | c[k + 3]);
					if (ptr > k)
						put(b, ",", 1);
				}
			}
		} else if (code == 148) {
			if (olen < 4)
				putf(b, " [bad length %zu]", olen);
			else if ((c[2] << 8 | c[3]) != 0)
				putf(b, " value %u", c[2] << 8 | c[3]);
		}
		i += olen;
	}
}

/* ip6_opt_process() with -v: each option in parentheses, then a space. */
static void put_ipv6_options(struct vbuf *b, const uint8_t *o, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint8_t t = o[i];
		if (t == 0) {
			put(b, "(pad1)", 6);
			i++;
			continue;
		}
		if (len - i < 2)
			break;
		size_t olen = (size_t)o[i + 1] + 2;
		if (olen > len - i)
			break;
		const uint8_t *v = o + i + 2;
		if (t == 1)
			put(b, "(padn)", 6);
		else if (t == 5 && olen == 4)
			putf(b, "(rtalert: 0x%04x) ", (unsigned)v[0] << 8 | v[1]);
		else if (t == 0xc2 && olen == 6)
			putf(b, "(jumbo: %u) ", (unsigned)v[0] << 24 | (unsigned)v[1] << 16 |
						(unsigned)v[2] << 8 | v[3]);
		else
			putf(b, "(opt_type 0x%02x: len=%zu) ", t, olen - 2);
		i += olen;
	}
	put(b, " ", 1);
}

static void put_ipv4_block(struct vbuf *b, const struct rk_pkt *pkt, const struct rk_layer *l)
{
	const struct rk_ipv4_hdr *h = &l->h.ipv4;
	static const char *const ecn[4] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
	putf(b, "(tos 0x%x%s", h->tos, ecn[h->tos & 3]);
	if (h->ttl >= 1)
		putf(b, ", ttl %u", h->ttl);
	char flags[16] = "";
	if (h->mf)
		strcat(flags, "+");
	if (h->df)
		strcat(flags, flags[0] ? ", DF" : "DF");
	if (h->rf)
		strcat(flags, flags[0] ? ", rsvd" : "rsvd");
	putf(b, ", id %u, offset %u, flags [%s], proto %s (%u), length %u", h->id,
	     (unsigned)h->frag * 8, flags[0] ? flags : "none", proto_name(h->proto), h->proto,
	     h->len);
	if (l->hdr_len > 20) {
		put(b, ", options (", 11);
		put_ip_options(b, pkt->data + l->offset + 20, l->hdr_len - 20);
		put(b, ")", 1);
	}
	if (l->csum_ok == RK_CSUM_BAD) {
		uint32_t acc = rk_csum_partial(pkt->data + l->offset, l->hdr_len, 0);
		putf(b, ", bad cksum %x (->%x)!", h->csum, should_be(h->csum, acc));
	}
	put(b, ")\n    ", 6);
}

static void put_ipv6_block(struct vbuf *b, const struct rk_ipv6_hdr *h)
{
	put(b, "(", 1);
	if (h->tc)
		putf(b, "class 0x%02x, ", h->tc);
	if (h->flow)
		putf(b, "flowlabel 0x%05x, ", h->flow);
	putf(b, "hlim %u, next-header %s (%u) payload length: %u) ", h->hlim, proto_name(h->nh),
	     h->nh, h->plen);
}

/* The pseudo-header sum for a transport layer under IP layer ip. */
static uint32_t pseudo(const struct rk_layer *ip, uint8_t proto, uint32_t len)
{
	if (ip->kind == RK_LAYER_IPV4)
		return rk_csum_pseudo4(ip->h.ipv4.src, ip->h.ipv4.dst, proto, len);
	return rk_csum_pseudo6(ip->h.ipv6.src, ip->h.ipv6.dst, len, proto);
}

/* Where the IP datagram of layer ip ends, in frame bytes. */
static uint32_t datagram_end(const struct rk_layer *ip)
{
	if (ip->kind == RK_LAYER_IPV4)
		return ip->offset + ip->h.ipv4.len;
	return ip->offset + 40 + ip->h.ipv6.plen;
}

static bool plain(const struct rk_layer *l)
{
	return !(l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED));
}

/* text[from..] from the first occurrence of needle, or -1. */
static long find(const char *text, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= len; i++)
		if (memcmp(text + i, needle, n) == 0)
			return (long)i;
	return -1;
}

static int transform(struct sniff_out *s, const struct rk_pkt *pkt, const char *line, size_t len,
		     const char *bare, size_t bare_len, bool inner, bool eflag, struct vbuf *b);

/* An ICMP error's quoted datagram, decoded on its own and printed as
   tcpdump -v does on a line of its own. */
static void put_quotation(struct sniff_out *s, const struct rk_pkt *pkt, unsigned first,
			  struct vbuf *b)
{
	const struct rk_layer *l = &pkt->layer[first];
	if (l->kind != RK_LAYER_IPV4 || l->cap_len < 20)
		return;
	uint32_t off = l->offset;
	uint32_t caplen = pkt->caplen - off;
	uint32_t wire = l->h.ipv4.len > caplen ? l->h.ipv4.len : caplen;
	if (rk_decode(pkt->data + off, caplen, wire, RK_DLT_RAW, &s->inner) != RK_OK)
		return;
	struct rk_fmt_opts fo = s->fmt;
	fo.ts_style = RK_TS_NONE;
	fo.link = false;
	struct rk_fmt_meta m = {0};
	char line[RK_FMT_TEXT_MAX];
	int n = rk_fmt_text(line, sizeof line, &s->inner, &m, &fo);
	if (n <= 0)
		return;
	put(b, "\n\t", 2);
	struct vbuf sub = {b->p + b->len, 0, b->cap - b->len, false};
	if (transform(s, &s->inner, line, (size_t)n, line, (size_t)n, true, false, &sub) < 0 ||
	    sub.full) {
		b->full = true;
		return;
	}
	/* With -e tcpdump's IP printer leaves out its "IP " everywhere. */
	if (s->fmt.link && sub.len > 3 && memcmp(sub.p, "IP ", 3) == 0) {
		memmove(sub.p, sub.p + 3, sub.len - 3);
		sub.len -= 3;
		sub.p[sub.len] = '\0';
	}
	b->len += sub.len;
	/* the quoted line's own '\n' is not wanted: the frame's line ends it */
	if (b->len && b->p[b->len - 1] == '\n')
		b->p[--b->len] = '\0';
}

/*
 * line/len: the plain line; bare/bare_len: the same frame without time
 * stamp and link header. Appends the verbose line to b. Returns 0, or -1
 * when the two do not line up (then nothing is added: print the plain line).
 */
static int transform(struct sniff_out *s, const struct rk_pkt *pkt, const char *line, size_t len,
		     const char *bare, size_t bare_len, bool inner, bool eflag, struct vbuf *b)
{
	/* The first network layer. */
	unsigned i = 0;
	while (i < pkt->n &&
	       (pkt->layer[i].kind == RK_LAYER_ETH || pkt->layer[i].kind == RK_LAYER_VLAN ||
		pkt->layer[i].kind == RK_LAYER_SLL || pkt->layer[i].kind == RK_LAYER_SLL2 ||
		pkt->layer[i].kind == RK_LAYER_NULL))
		i++;
	if (i >= pkt->n)
		return -1;
	const struct rk_layer *net = &pkt->layer[i];
	if (!plain(net))
		return -1;
	const char *tag;
	if (net->kind == RK_LAYER_IPV4)
		tag = "IP ";
	else if (net->kind == RK_LAYER_IPV6)
		tag = "IP6 ";
	else if (net->kind == RK_LAYER_ARP)
		tag = "ARP, ";
	else
		return -1;
	/* The bare line starts with the tag, or (cooked captures) with the
	   direction words tcpdump prints even without -e: "?     In  IP ". */
	size_t tl = strlen(tag);
	long tag_at = -1;
	for (long at = find(bare, bare_len, 0, tag); at >= 0;
	     at = find(bare, bare_len, (size_t)at + 1, tag)) {
		if (at == 0 || bare[at - 1] == ' ') {
			tag_at = at;
			break;
		}
	}
	if (tag_at < 0)
		return -1;
	const char *rest = bare + tag_at + tl;
	size_t rest_len = bare_len - (size_t)tag_at - tl;
	if (rest_len > len || memcmp(line + len - rest_len, rest, rest_len) != 0)
		return -1;
	size_t ins = len - rest_len;
	put(b, line, ins);

	if (net->kind == RK_LAYER_ARP) {
		const struct rk_arp_hdr *a = &net->h.arp;
		if (a->htype == 1 && a->ptype == 0x0800 && a->hlen == 6 && a->plen == 4 &&
		    find(rest, rest_len, 0, "Ethernet (len") != 0)
			put(b, "Ethernet (len 6), IPv4 (len 4), ", 32);
		put(b, rest, rest_len);
		return 0;
	}

	/* Walk the layers, copying rest[c..] up to each insertion point. */
	size_t c = 0;
	const struct rk_layer *ip = NULL;
	bool icmp_bad = false;
	uint16_t icmp_csum = 0, icmp_right = 0;
	unsigned quote = 0;
	enum { KEEP_LENGTH, TRIM_LENGTH, MOVE_LENGTH } icmp6_len = KEEP_LENGTH;
	long icmp6_at = -1;
	int na_flags = -1;
	for (; i < pkt->n; i++) {
		const struct rk_layer *l = &pkt->layer[i];
		if (l->flags & RK_LAYER_INNER) {
			if (!quote)
				quote = i;
			continue;
		}
		if (!plain(l))
			break;
		switch (l->kind) {
		case RK_LAYER_IPV4:
		case RK_LAYER_IPV6:
			if (ip) {
				/* a tunnelled datagram: "...: IP (", or with -e
				   (no "IP " tags) "...: (" */
				const char *needle = eflag ? ": " :
						     l->kind == RK_LAYER_IPV4 ? ": IP " : ": IP6 ";
				long at = find(rest, rest_len, c, needle);
				if (at < 0)
					return -1;
				size_t to = (size_t)at + strlen(needle);
				put(b, rest + c, to - c);
				c = to;
			}
			if (l->kind == RK_LAYER_IPV4)
				put_ipv4_block(b, pkt, l);
			else
				put_ipv6_block(b, &l->h.ipv6);
			ip = l;
			break;
		case RK_LAYER_TCP: {
			if (!ip || (l->csum_ok != RK_CSUM_OK && l->csum_ok != RK_CSUM_BAD))
				break;
			long at = find(rest, rest_len, c, "Flags [");
			long end = at < 0 ? -1 : find(rest, rest_len, (size_t)at, "]");
			if (end < 0)
				break;
			put(b, rest + c, (size_t)end + 1 - c);
			c = (size_t)end + 1;
			putf(b, ", cksum 0x%04x", l->h.tcp.csum);
			if (l->csum_ok == RK_CSUM_OK) {
				put(b, " (correct)", 10);
			} else {
				uint32_t seg = datagram_end(ip) - l->offset;
				uint32_t acc = rk_csum_partial(pkt->data + l->offset, seg,
							       pseudo(ip, 6, seg));
				putf(b, " (incorrect -> 0x%04x)", should_be(l->h.tcp.csum, acc));
			}
			break;
		}
		case RK_LAYER_UDP: {
			if (!ip || (ip->kind == RK_LAYER_IPV4 && s->verbose < 2))
				break;
			long at = find(rest, rest_len, c, "UDP, ");
			if (at < 0)
				break;
			const char *note = NULL;
			char tmp[64];
			if (ip->kind == RK_LAYER_IPV4 && l->h.udp.csum == 0) {
				note = "[no cksum] ";
			} else if (l->csum_ok == RK_CSUM_OK) {
				note = "[udp sum ok] ";
			} else if (l->csum_ok == RK_CSUM_BAD) {
				uint32_t seg = l->h.udp.len;
				uint32_t acc = rk_csum_partial(pkt->data + l->offset, seg,
							       pseudo(ip, 17, seg));
				snprintf(tmp, sizeof tmp, "[bad udp cksum 0x%04x -> 0x%04x!] ",
					 l->h.udp.csum, should_be(l->h.udp.csum, acc));
				note = tmp;
			}
			if (!note)
				break;
			put(b, rest + c, (size_t)at - c);
			c = (size_t)at;
			put(b, note, strlen(note));
			break;
		}
		case RK_LAYER_IPV6_HOP:
		case RK_LAYER_IPV6_DST: {
			/* -v lists the options: "HBH (rtalert: 0x0000) (padn) " */
			const char *tag6 = l->kind == RK_LAYER_IPV6_HOP ? "HBH " : "DSTOPT ";
			long at = find(rest, rest_len, c, tag6);
			if (at < 0)
				break;
			size_t to = (size_t)at + strlen(tag6);
			put(b, rest + c, to - c);
			c = to;
			put_ipv6_options(b, l->h.ipv6_opts.opts, l->h.ipv6_opts.opts_len);
			break;
		}
		case RK_LAYER_IPV6_ROUTE: {
			const struct rk_ipv6_route_hdr *r = &l->h.ipv6_route;
			if (r->rtype != 0 || r->data_len < 4)
				break;
			long at = find(rest, rest_len, c, "segleft=");
			long end = at < 0 ? -1 : find(rest, rest_len, (size_t)at, ", ");
			if (end < 0)
				break;
			put(b, rest + c, (size_t)end + 2 - c);
			c = (size_t)end + 2;
			putf(b, "rsv=0x%x, ",
			     (unsigned)r->data[0] << 24 | (unsigned)r->data[1] << 16 |
				 (unsigned)r->data[2] << 8 | r->data[3]);
			break;
		}
		case RK_LAYER_IPV6_FRAG: {
			/* -v shows the identification: "frag (0x00000007:0|11)" */
			long at = find(rest, rest_len, c, "frag (");
			if (at < 0)
				break;
			put(b, rest + c, (size_t)at + 6 - c);
			c = (size_t)at + 6;
			putf(b, "0x%08x:", l->h.ipv6_frag.id);
			break;
		}
		case RK_LAYER_ICMP6: {
			/* Without -v most types end in ", length N"; with -v
			   tcpdump leaves it out, or (neighbour discovery) says
			   it right after the type's name. */
			uint8_t t = l->h.icmp6.type;
			if (t <= 4 || (t >= 128 && t <= 132) || (t >= 141 && t <= 144) || t == 146)
				icmp6_len = TRIM_LENGTH;
			else if (t >= 135 && t <= 137)
				icmp6_len = MOVE_LENGTH;
			if (t == 136)
				na_flags = (uint8_t)(l->h.icmp6.id >> 8);
			icmp6_at = find(rest, rest_len, c, "ICMP6, ");
			if (!ip || (l->csum_ok != RK_CSUM_OK && l->csum_ok != RK_CSUM_BAD))
				break;
			long at = find(rest, rest_len, c, "ICMP6, ");
			if (at < 0)
				break;
			put(b, rest + c, (size_t)at - c);
			c = (size_t)at;
			if (l->csum_ok == RK_CSUM_OK) {
				put(b, "[icmp6 sum ok] ", 15);
			} else {
				uint32_t seg = datagram_end(ip) - l->offset;
				uint32_t acc = rk_csum_partial(pkt->data + l->offset, seg,
							       pseudo(ip, 58, seg));
				putf(b, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", l->h.icmp6.csum,
				     should_be(l->h.icmp6.csum, acc));
			}
			break;
		}
		case RK_LAYER_ICMP:
			if (ip && l->csum_ok == RK_CSUM_BAD) {
				uint32_t seg = datagram_end(ip) - l->offset;
				icmp_bad = true;
				icmp_csum = l->h.icmp.csum;
				icmp_right = should_be(
				    icmp_csum, rk_csum_partial(pkt->data + l->offset, seg, 0));
			}
			break;
		default:
			break;
		}
	}
	/* The rest of the line, then what tcpdump puts at its end. */
	size_t tail = rest_len;
	if (tail > c && rest[tail - 1] == '\n')
		tail--;
	if (icmp6_len != KEEP_LENGTH) {
		size_t k = tail;
		while (k > c && rest[k - 1] >= '0' && rest[k - 1] <= '9')
			k--;
		if (k < tail && k >= c + 9 && memcmp(rest + k - 9, ", length ", 9) == 0) {
			size_t len_at = k - 9;
			/* where the type's name ends: the ", " after "ICMP6, " */
			long name_end =
			    icmp6_at < 0 ? -1 : find(rest, len_at, (size_t)icmp6_at + 7, ", ");
			if (icmp6_len == MOVE_LENGTH && name_end >= (long)c) {
				put(b, rest + c, (size_t)name_end - c);
				put(b, rest + len_at, tail - len_at);
				c = (size_t)name_end;
			}
			tail = len_at;
		}
	}
	bool cut = tail >= c + 7 && memcmp(rest + tail - 7, "[|icmp]", 7) == 0;
	put(b, rest + c, tail - c);
	if (na_flags >= 0) {
		char fl[40] = "";
		if (na_flags & 0x80)
			strcat(fl, "router");
		if (na_flags & 0x40)
			strcat(fl, fl[0] ? ", solicited" : "solicited");
		if (na_flags & 0x20)
			strcat(fl, fl[0] ? ", override" : "override");
		putf(b, ", Flags [%s]", fl[0] ? fl : "none");
	}
	if (icmp_bad)
		putf(b, " (wrong icmp cksum %x (->%x)!)", icmp_csum, icmp_right);
	if (quote && !inner && !cut)
		put_quotation(s, pkt, quote, b);
	put(b, "\n", 1);
	return 0;
}

int sniff_verbose(struct sniff_out *s, const char *line, size_t len, char *buf, size_t cap)
{
	struct rk_fmt_opts fo = s->fmt;
	fo.ts_style = RK_TS_NONE;
	fo.link = false;
	struct rk_fmt_meta m = {0};
	char bare[RK_FMT_TEXT_MAX];
	int n = rk_fmt_text(bare, sizeof bare, &s->pkt, &m, &fo);
	if (n <= 0)
		return -1;
	/* With -e tcpdump prints no "IP "/"IP6 " tag before a tunnelled
	   datagram either: take those out of the bare line too. */
	if (s->fmt.link) {
		size_t from = 0;
		unsigned ips = 0;
		for (unsigned i = 0; i < s->pkt.n; i++) {
			const struct rk_layer *l = &s->pkt.layer[i];
			if ((l->kind != RK_LAYER_IPV4 && l->kind != RK_LAYER_IPV6) ||
			    (l->flags & RK_LAYER_INNER) || ips++ == 0)
				continue;
			const char *tag = l->kind == RK_LAYER_IPV4 ? ": IP " : ": IP6 ";
			long at = find(bare, (size_t)n, from, tag);
			if (at < 0)
				break;
			size_t cut = strlen(tag) - 2;
			memmove(bare + at + 2, bare + at + 2 + cut,
				(size_t)n - ((size_t)at + 2 + cut) + 1);
			n -= (int)cut;
			from = (size_t)at + 2;
		}
	}
	struct vbuf b = {buf, 0, cap, false};
	if (transform(s, &s->pkt, line, len, bare, (size_t)n, false, s->fmt.link, &b) < 0 || b.full)
		return -1;
	return (int)b.len;
}
