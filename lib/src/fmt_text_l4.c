/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_text_l4.c - the transport half of rk_fmt_text(), in tcpdump 4.99's
 * words (print-tcp.c, print-udp.c, print-icmp.c, print-icmp6.c) with -n and
 * -S: absolute sequence numbers, ports as numbers, no application layer.
 *
 *   198.18.0.1.40000 > 198.18.0.2.80: Flags [S], seq 1, win 64240,
 *       options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 *   ICMP 198.18.0.2 udp port 33434 unreachable, length 36
 *   ICMP6, echo request, id 1, seq 1, length 64
 *
 * ICMP errors name what they quote from the inner layers the decoder listed
 * (flag RK_LAYER_INNER); a quotation too short for that ends the line with
 * "[|icmp]", as tcpdump does.
 */
#include "fmt_text_int.h"

/* ---- TCP ---- */

static void ports(struct rkint_txt *t, const struct rk_layer *ip, bool addrs, uint16_t sport,
		  uint16_t dport)
{
	struct rkint_out *o = t->o;
	if (addrs) {
		rkint_txt_addr(t, ip, false);
		rkint_putc(o, '.');
	}
	rkint_u32(o, sport);
	RKINT_LIT(o, " > ");
	if (addrs) {
		rkint_txt_addr(t, ip, true);
		rkint_putc(o, '.');
	}
	rkint_u32(o, dport);
	RKINT_LIT(o, ": ");
}

/* print-tcp.c tcp_flag_values, in bittok2str order; "none" for none. */
static void tcp_flags(struct rkint_out *o, uint8_t f)
{
	static const char letter[8] = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};
	char buf[8];
	size_t n = 0;
	for (unsigned b = 0; b < 8; b++)
		if (f & (1u << b))
			buf[n++] = letter[b];
	if (n)
		rkint_put(o, buf, n);
	else
		RKINT_LIT(o, "none");
}

static const char *tcpopt_name(uint8_t kind)
{
	switch (kind) {
	case 2: return "mss";
	case 3: return "wscale";
	case 4: return "sackOK";
	case 5: return "sack";
	case 6: return "echo";
	case 7: return "echoreply";
	case 8: return "TS";
	case 11: return "cc";
	case 12: return "ccnew";
	case 13: return "ccecho";
	case 19: return "md5";
	case 28: return "uto";
	case 29: return "tcp-ao";
	case 30: return "mptcp";
	case 34: return "tfo";
	case 254: return "exp";
	}
	return NULL;
}

/* "[len L]" when an option's length is not the one its kind has. */
static void opt_len(struct rkint_out *o, unsigned len, unsigned want)
{
	if (len == want)
		return;
	RKINT_LIT(o, "[len ");
	rkint_u32(o, len);
	rkint_putc(o, ']');
}

/* A fast open cookie (print-tcp.c print_tcp_fastopen_opt()). */
static void tfo(struct rkint_out *o, struct rk_rd *d)
{
	size_t n = rk_rd_left(d);
	if (n == 0) {
		RKINT_LIT(o, " cookiereq");
	} else if (n % 2 || n < 4 || n > 16) {
		RKINT_LIT(o, " (invalid)");
	} else {
		RKINT_LIT(o, " cookie ");
		rkint_hexbytes(o, rk_rd_bytes(d, n), n);
	}
}

/* One option with all its bytes: kind, length byte, data. */
static void tcp_opt(struct rkint_out *o, uint8_t kind, uint8_t len, struct rk_rd *d)
{
	size_t dl = rk_rd_left(d);
	const char *name = tcpopt_name(kind);
	switch (kind) {
	case 2:
		RKINT_LIT(o, "mss");
		if (dl >= 2) {
			rkint_putc(o, ' ');
			rkint_u32(o, rk_rd_u16(d));
		}
		opt_len(o, len, 4);
		return;
	case 3:
		RKINT_LIT(o, "wscale");
		if (dl >= 1) {
			rkint_putc(o, ' ');
			rkint_u32(o, rk_rd_u8(d));
		}
		opt_len(o, len, 3);
		return;
	case 4:
		RKINT_LIT(o, "sackOK");
		opt_len(o, len, 2);
		return;
	case 5:
		RKINT_LIT(o, "sack");
		if (dl % 8) {
			RKINT_LIT(o, " invalid sack");
			return;
		}
		rkint_putc(o, ' ');
		rkint_u32(o, (uint32_t)(dl / 8));
		rkint_putc(o, ' ');
		while (rk_rd_left(d) >= 8) {
			rkint_putc(o, '{');
			rkint_u32(o, rk_rd_u32(d));
			rkint_putc(o, ':');
			rkint_u32(o, rk_rd_u32(d));
			rkint_putc(o, '}');
		}
		return;
	case 8:
		RKINT_LIT(o, "TS");
		if (dl >= 8) {
			RKINT_LIT(o, " val ");
			rkint_u32(o, rk_rd_u32(d));
			RKINT_LIT(o, " ecr ");
			rkint_u32(o, rk_rd_u32(d));
		}
		opt_len(o, len, 10);
		return;
	case 6:
	case 7:
	case 11:
	case 12:
	case 13:
		rkint_puts(o, name);
		if (dl >= 4) {
			rkint_putc(o, ' ');
			rkint_u32(o, rk_rd_u32(d));
		}
		opt_len(o, len, 6);
		return;
	case 19:
		RKINT_LIT(o, "md5");
		if (dl == 16) {
			RKINT_LIT(o, " shared secret not supplied with -M, can't check - ");
			rkint_hexbytes(o, rk_rd_bytes(d, 16), 16);
		}
		opt_len(o, len, 18);
		return;
	case 28: /* RFC 5482 user timeout: granularity bit, then minutes or seconds */
		RKINT_LIT(o, "uto");
		if (dl >= 2) {
			uint16_t v = rk_rd_u16(d);
			RKINT_LIT(o, " 0x");
			rkint_hex(o, v, 1);
			rkint_putc(o, ' ');
			rkint_u32(o, v & 1 ? (uint32_t)(v >> 1) * 60 : (uint32_t)(v >> 1));
		}
		opt_len(o, len, 4);
		return;
	case 34: /* RFC 7413 fast open */
		RKINT_LIT(o, "tfo ");
		tfo(o, d);
		return;
	case 254: /* RFC 6994 experimental, by its magic number */
		RKINT_LIT(o, "exp-");
		if (dl < 2)
			return;
		uint16_t magic = rk_rd_u16(d);
		if (magic == 0xf989) {
			RKINT_LIT(o, "tfo");
			tfo(o, d);
		} else {
			rkint_hex(o, magic, 4);
		}
		return;
	}
	if (name) {
		rkint_puts(o, name);
	} else {
		RKINT_LIT(o, "unknown-");
		rkint_u32(o, kind);
	}
	if (dl) {
		RKINT_LIT(o, " 0x");
		rkint_hexbytes(o, rk_rd_bytes(d, dl), dl);
	}
}

/*
 * The option list from the captured option bytes (declared: doff * 4 - 20).
 * Returns 1 when complete, 0 when the line ended at a cut ("[|tcp]") or a
 * bad option ("[bad opt]"), as tcpdump ends it there.
 */
static int tcp_opts(struct rkint_txt *t, const struct rk_layer *l, size_t declared)
{
	struct rkint_out *o = t->o;
	struct rk_rd rd;
	rkint_txt_bytes(t, &rd, (uint64_t)l->offset + RK_TCP_HLEN);
	size_t have = l->cap_len > RK_TCP_HLEN ? l->cap_len - RK_TCP_HLEN : 0;
	rk_rd_limit(&rd, have < declared ? have : declared);
	size_t start = rk_rd_offset(&rd);

	RKINT_LIT(o, ", options [");
	bool first = true;
	for (;; first = false) {
		size_t at = rk_rd_offset(&rd) - start;
		if (at >= declared)
			break;
		if (!first)
			rkint_putc(o, ',');
		if (!rk_rd_has(&rd, 1))
			goto trunc;
		uint8_t kind = rk_rd_u8(&rd);
		if (kind == RK_TCPOPT_EOL) {
			RKINT_LIT(o, "eol");
			break; /* the rest is padding */
		}
		if (kind == RK_TCPOPT_NOP) {
			RKINT_LIT(o, "nop");
			continue;
		}
		if (at + 1 >= declared)
			goto bad;
		if (!rk_rd_has(&rd, 1))
			goto trunc;
		uint8_t len = rk_rd_u8(&rd);
		if (len < 2 || len > declared - at)
			goto bad;
		struct rk_rd d;
		if (rk_rd_sub(&rd, (size_t)len - 2, &d) != RK_OK) {
			const char *name = tcpopt_name(kind);
			if (name) {
				rkint_puts(o, name);
			} else {
				RKINT_LIT(o, "unknown-");
				rkint_u32(o, kind);
			}
			goto trunc;
		}
		tcp_opt(o, kind, len, &d);
	}
	rkint_putc(o, ']');
	return 1;
trunc:
	RKINT_LIT(o, " [|tcp]");
	return 0;
bad:
	/* tcpdump closes the list unless the first option was the bad one. */
	RKINT_LIT(o, "[bad opt]");
	if (!first)
		rkint_putc(o, ']');
	return 0;
}

void rkint_txt_tcp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip, bool addrs)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_tcp_hdr *h = &l->h.tcp;
	uint32_t c = l->cap_len;
	uint32_t seglen = rkint_txt_left(ip, l);

	if (c < 4) {
		rkint_txt_addrs(t, ip);
		RKINT_LIT(o, "[|tcp]");
		return;
	}
	ports(t, ip, addrs, h->sport, h->dport);
	if (c < RK_TCP_HLEN) {
		RKINT_LIT(o, " [|tcp]");
		return;
	}
	uint32_t hlen = h->doff * 4u;
	if (h->doff < 5) {
		RKINT_LIT(o, " tcp ");
		rkint_u32(o, seglen - (hlen < seglen ? hlen : seglen));
		RKINT_LIT(o, " [bad hdr length ");
		rkint_u32(o, hlen);
		RKINT_LIT(o, " - too short, < 20]");
		return;
	}
	if (t->opt->quiet) { /* tcpdump's subtraction wraps when hlen is too long */
		RKINT_LIT(o, "tcp ");
		rkint_u32(o, seglen - hlen);
	} else {
		RKINT_LIT(o, "Flags [");
		tcp_flags(o, h->flags);
		rkint_putc(o, ']');
	}
	if (hlen > seglen) {
		RKINT_LIT(o, " [bad hdr length ");
		rkint_u32(o, hlen);
		RKINT_LIT(o, " - too long, > ");
		rkint_u32(o, seglen);
		rkint_putc(o, ']');
		return;
	}
	if (t->opt->quiet)
		return;
	uint32_t paylen = seglen - hlen;
	if (paylen || (h->flags & (RK_TCP_SYN | RK_TCP_FIN | RK_TCP_RST))) {
		RKINT_LIT(o, ", seq ");
		rkint_u32(o, h->seq);
		if (paylen) {
			rkint_putc(o, ':');
			rkint_u32(o, h->seq + paylen);
		}
	}
	if (h->flags & RK_TCP_ACK) {
		RKINT_LIT(o, ", ack ");
		rkint_u32(o, h->ack);
	}
	RKINT_LIT(o, ", win ");
	rkint_u32(o, h->win);
	if (h->flags & RK_TCP_URG) {
		RKINT_LIT(o, ", urg ");
		rkint_u32(o, h->urp);
	}
	if (hlen > RK_TCP_HLEN && !tcp_opts(t, l, hlen - RK_TCP_HLEN))
		return;
	RKINT_LIT(o, ", length ");
	rkint_u32(o, paylen);
}

/* ---- UDP ---- */

void rkint_txt_udp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip, bool addrs)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_udp_hdr *h = &l->h.udp;
	uint32_t c = l->cap_len;

	if (c < 4) {
		rkint_txt_addrs(t, ip);
		RKINT_LIT(o, " [|udp]");
		return;
	}
	ports(t, ip, addrs, h->sport, h->dport);
	uint32_t left = rkint_txt_left(ip, l);
	if (c < RK_UDP_HLEN) {
		/* The datagram ends inside the header: tcpdump's words. */
		if ((l->flags & RK_LAYER_MALFORMED) && left < RK_UDP_HLEN) {
			RKINT_LIT(o, "truncated-udp ");
			rkint_u32(o, left);
			return;
		}
		RKINT_LIT(o, " [|udp]");
		return;
	}
	if (h->len < RK_UDP_HLEN) {
		RKINT_LIT(o, "truncated-udplength ");
		rkint_u32(o, h->len);
		return;
	}
	if ((l->flags & RK_LAYER_MALFORMED) && h->len > left) {
		RKINT_LIT(o, "UDP, bad length ");
		rkint_u32(o, h->len - 8u);
		RKINT_LIT(o, " > ");
		rkint_u32(o, left > 8 ? left - 8 : 0);
		return;
	}
	RKINT_LIT(o, "UDP, length ");
	rkint_u32(o, h->len - 8u);
}

/* ---- ICMP ---- */

/* The quoted IPv4 header (fully captured), or NULL. */
static const struct rk_layer *quoted_ip(const struct rkint_txt *t, unsigned i, int kind,
					uint32_t need)
{
	const struct rk_layer *q = rkint_txt_layer(t, i + 1);
	if (!q || !(q->flags & RK_LAYER_INNER) || q->kind != kind || q->cap_len < need)
		return NULL;
	return q;
}

/* The destination port of what a quoted IP header (layer qi) carries, past
   any quoted IPv6 extension headers: 1 with *port and *kind (the layer
   kind, or RK_LAYER_NONE for a protocol not decoded) when its bytes were
   captured. */
static int quoted_dport(const struct rkint_txt *t, unsigned qi, uint16_t *port, int *kind)
{
	const struct rk_layer *prev = &t->p->layer[qi];
	unsigned j = qi + 1;
	const struct rk_layer *tr;
	while ((tr = rkint_txt_layer(t, j)) && (tr->flags & RK_LAYER_INNER) &&
	       (tr->kind == RK_LAYER_IPV6_HOP || tr->kind == RK_LAYER_IPV6_DST ||
		tr->kind == RK_LAYER_IPV6_ROUTE || tr->kind == RK_LAYER_IPV6_FRAG)) {
		prev = tr;
		j++;
	}
	if (tr && (tr->flags & RK_LAYER_INNER) && (tr->kind == RK_LAYER_TCP || tr->kind == RK_LAYER_UDP)) {
		if (tr->cap_len < 4)
			return 0;
		*port = tr->kind == RK_LAYER_TCP ? tr->h.tcp.dport : tr->h.udp.dport;
		*kind = tr->kind;
		return 1;
	}
	if (prev->cap_len < prev->hdr_len)
		return 0;
	struct rk_rd rd;
	rkint_txt_bytes(t, &rd, (uint64_t)prev->offset + prev->hdr_len);
	rk_rd_skip(&rd, 2);
	*port = rk_rd_u16(&rd);
	*kind = RK_LAYER_NONE;
	return rk_rd_err(&rd) == RK_OK;
}

static const char *const unreach_fmt[16] = {
	[0] = "net %s unreachable",
	[1] = "host %s unreachable",
	[5] = "%s unreachable - source route failed",
	[6] = "net %s unreachable - unknown",
	[7] = "host %s unreachable - unknown",
	[8] = "%s unreachable - source host isolated",
	[9] = "net %s unreachable - admin prohibited",
	[10] = "host %s unreachable - admin prohibited",
	[11] = "net %s unreachable - tos prohibited",
	[12] = "host %s unreachable - tos prohibited",
	[13] = "host %s unreachable - admin prohibited filter",
	[14] = "host %s unreachable - host precedence violation",
	[15] = "host %s unreachable - precedence cutoff",
};

/* fmt with its one "%s" replaced by the quoted destination. */
static void with_addr(struct rkint_out *o, const char *fmt, const struct rk_layer *q)
{
	const char *s = strstr(fmt, "%s");
	rkint_put(o, fmt, (size_t)(s - fmt));
	rkint_ipv4(o, q->h.ipv4.dst);
	rkint_puts(o, s + 2);
}

/* Milliseconds since midnight as print-icmp.c's icmp_tstamp_print(). */
static void icmp_ms(struct rkint_out *o, uint32_t ms)
{
	uint32_t sec = ms / 1000;
	rkint_u32_pad(o, sec / 3600, 2);
	rkint_putc(o, ':');
	rkint_u32_pad(o, sec / 60 % 60, 2);
	rkint_putc(o, ':');
	rkint_u32_pad(o, sec % 60, 2);
	rkint_putc(o, '.');
	rkint_u32_pad(o, ms % 1000, 3);
}

/* Router advertisement (RFC 1256): lifetime and the address entries. */
static int icmp_radv(struct rkint_txt *t, const struct rk_layer *l, struct rkint_out *o)
{
	const struct rk_icmp_hdr *h = &l->h.icmp;
	unsigned num = h->id >> 8, size = h->id & 0xff, life = h->seq;
	RKINT_LIT(o, "router advertisement lifetime ");
	if (life < 60) {
		rkint_u32(o, life);
	} else if (life < 3600) {
		rkint_u32(o, life / 60);
		rkint_putc(o, ':');
		rkint_u32_pad(o, life % 60, 2);
	} else {
		rkint_u32(o, life / 3600);
		rkint_putc(o, ':');
		rkint_u32_pad(o, life % 3600 / 60, 2);
		rkint_putc(o, ':');
		rkint_u32_pad(o, life % 60, 2);
	}
	rkint_putc(o, ' ');
	rkint_u32(o, num);
	rkint_putc(o, ':');
	if (size != 2) {
		RKINT_LIT(o, " [size ");
		rkint_u32(o, size);
		rkint_putc(o, ']');
		return 1;
	}
	struct rk_rd rd;
	rkint_txt_bytes(t, &rd, (uint64_t)l->offset + RK_ICMP_HLEN);
	if (rk_rd_left(&rd) / 8 < num)
		return 0;
	while (num--) {
		RKINT_LIT(o, " {");
		rkint_ipv4(o, rk_rd_u32(&rd));
		rkint_putc(o, ' ');
		rkint_u32(o, rk_rd_u32(&rd));
		rkint_putc(o, '}');
	}
	return 1;
}

/*
 * The ICMP body into o (a scratch buffer, since a quotation or data too
 * short for it replaces the whole body with "[|icmp]"). Returns 1 when
 * written and ", length" should follow, 0 when truncated.
 */
static int icmp_body(struct rkint_txt *t, unsigned i, struct rkint_out *o)
{
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_icmp_hdr *h = &l->h.icmp;
	const struct rk_layer *q;
	uint16_t port;
	int kind;

	switch (h->type) {
	case RK_ICMP_ECHO:
	case RK_ICMP_ECHOREPLY:
		rkint_puts(o, h->type == RK_ICMP_ECHO ? "echo request, id " : "echo reply, id ");
		rkint_u32(o, h->id);
		RKINT_LIT(o, ", seq ");
		rkint_u32(o, h->seq);
		return 1;
	case RK_ICMP_UNREACH:
		if (!(q = quoted_ip(t, i, RK_LAYER_IPV4, RK_IPV4_HLEN)))
			return 0;
		switch (h->code) {
		case RK_ICMP_UNREACH_PROTOCOL:
			rkint_ipv4(o, q->h.ipv4.dst);
			RKINT_LIT(o, " protocol ");
			rkint_u32(o, q->h.ipv4.proto);
			RKINT_LIT(o, " unreachable");
			return 1;
		case RK_ICMP_UNREACH_PORT:
			if (!quoted_dport(t, i + 1, &port, &kind))
				return 0;
			rkint_ipv4(o, q->h.ipv4.dst);
			if (q->h.ipv4.proto == RK_IPPROTO_TCP) {
				RKINT_LIT(o, " tcp port ");
			} else if (q->h.ipv4.proto == RK_IPPROTO_UDP) {
				RKINT_LIT(o, " udp port ");
			} else {
				RKINT_LIT(o, " protocol ");
				rkint_u32(o, q->h.ipv4.proto);
				RKINT_LIT(o, " port ");
			}
			rkint_u32(o, port);
			RKINT_LIT(o, " unreachable");
			return 1;
		case RK_ICMP_UNREACH_NEEDFRAG:
			rkint_ipv4(o, q->h.ipv4.dst);
			RKINT_LIT(o, " unreachable - need to frag");
			if (h->seq) {
				RKINT_LIT(o, " (mtu ");
				rkint_u32(o, h->seq);
				rkint_putc(o, ')');
			}
			return 1;
		}
		if (h->code < 16 && unreach_fmt[h->code]) {
			with_addr(o, unreach_fmt[h->code], q);
			return 1;
		}
		rkint_ipv4(o, q->h.ipv4.dst);
		RKINT_LIT(o, " unreachable - #");
		rkint_u32(o, h->code);
		return 1;
	case RK_ICMP_SOURCEQUENCH:
		RKINT_LIT(o, "source quench");
		return 1;
	case RK_ICMP_REDIRECT: {
		static const char *const what[4] = {"redirect %s to net ", "redirect %s to host ",
						    "redirect-tos %s to net ", "redirect-tos %s to host "};
		if (!(q = quoted_ip(t, i, RK_LAYER_IPV4, RK_IPV4_HLEN)))
			return 0;
		if (h->code < 4) {
			with_addr(o, what[h->code], q);
		} else {
			RKINT_LIT(o, "redirect-#");
			rkint_u32(o, h->code);
			rkint_putc(o, ' ');
			rkint_ipv4(o, q->h.ipv4.dst);
			RKINT_LIT(o, " to ");
		}
		rkint_ipv4(o, (uint32_t)h->id << 16 | h->seq);
		return 1;
	}
	case 9:
		return icmp_radv(t, l, o);
	case 10:
		RKINT_LIT(o, "router solicitation");
		return 1;
	case RK_ICMP_TIMXCEED:
		if (!quoted_ip(t, i, RK_LAYER_IPV4, RK_IPV4_HLEN))
			return 0;
		if (h->code == 0) {
			RKINT_LIT(o, "time exceeded in-transit");
		} else if (h->code == 1) {
			RKINT_LIT(o, "ip reassembly time exceeded");
		} else {
			RKINT_LIT(o, "time exceeded-#");
			rkint_u32(o, h->code);
		}
		return 1;
	case RK_ICMP_PARAMPROB:
		if (h->code) {
			RKINT_LIT(o, "parameter problem - code ");
			rkint_u32(o, h->code);
		} else {
			RKINT_LIT(o, "parameter problem - octet ");
			rkint_u32(o, h->id >> 8);
		}
		return 1;
	case RK_ICMP_TSTAMP:
		RKINT_LIT(o, "time stamp query id ");
		rkint_u32(o, h->id);
		RKINT_LIT(o, " seq ");
		rkint_u32(o, h->seq);
		return 1;
	case RK_ICMP_TSTAMPREPLY:
		if (l->cap_len < RK_ICMP_TSTAMP_LEN)
			return 0;
		RKINT_LIT(o, "time stamp reply id ");
		rkint_u32(o, h->id);
		RKINT_LIT(o, " seq ");
		rkint_u32(o, h->seq);
		RKINT_LIT(o, ": org ");
		icmp_ms(o, h->otime);
		RKINT_LIT(o, ", recv ");
		icmp_ms(o, h->rtime);
		RKINT_LIT(o, ", xmit ");
		icmp_ms(o, h->ttime);
		return 1;
	case 15:
		RKINT_LIT(o, "information request");
		return 1;
	case 16:
		RKINT_LIT(o, "information reply");
		return 1;
	case 17:
		RKINT_LIT(o, "address mask request");
		return 1;
	case 18: {
		struct rk_rd rd;
		rkint_txt_bytes(t, &rd, (uint64_t)l->offset + RK_ICMP_HLEN);
		uint32_t mask = rk_rd_u32(&rd);
		if (rk_rd_err(&rd))
			return 0;
		RKINT_LIT(o, "address mask is 0x");
		rkint_hex(o, mask, 8);
		return 1;
	}
	}
	RKINT_LIT(o, "type-#");
	rkint_u32(o, h->type);
	return 1;
}

void rkint_txt_icmp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	if (l->cap_len < RK_ICMP_HLEN) {
		RKINT_LIT(o, " [|icmp]");
		return;
	}
	/* Bodies are short (two addresses, a few numbers). */
	char body[160];
	struct rkint_out b;
	rkint_out_init(&b, body, sizeof body);
	if (!icmp_body(t, i, &b) || b.err) {
		RKINT_LIT(o, " [|icmp]");
		return;
	}
	RKINT_LIT(o, "ICMP ");
	rkint_put(o, body, (size_t)(b.cur - b.base));
	RKINT_LIT(o, ", length ");
	rkint_u32(o, rkint_txt_left(ip, l));
}

/* ---- ICMPv6 (print-icmp6.c) ---- */

static const char *icmp6_name(uint8_t type)
{
	switch (type) {
	case 1: return "destination unreachable";
	case 2: return "packet too big";
	case 3: return "time exceeded in-transit";
	case 4: return "parameter problem";
	case 128: return "echo request";
	case 129: return "echo reply";
	case 130: return "multicast listener query";
	case 131: return "multicast listener report";
	case 132: return "multicast listener done";
	case 133: return "router solicitation";
	case 134: return "router advertisement";
	case 135: return "neighbor solicitation";
	case 136: return "neighbor advertisement";
	case 137: return "redirect";
	case 138: return "router renumbering";
	case 139: return "who-are-you request";
	case 140: return "who-are-you reply";
	case 141: return "inverse neighbor solicitation";
	case 142: return "inverse neighbor advertisement";
	case 143: return "multicast listener report v2";
	case 144: return "ha discovery request";
	case 145: return "ha discovery reply";
	case 146: return "mobile router solicitation";
	case 147: return "mobile router advertisement";
	case 200: return "mtrace response";
	case 201: return "mtrace message";
	}
	return NULL;
}

/* Addresses in the message after its 8-byte header, at offsets a and b
   from there: pre A [mid B]. Returns 0 when they were not captured. */
static int icmp6_addrs(struct rkint_txt *t, const struct rk_layer *l, size_t a, const char *pre,
		       const char *mid, size_t b)
{
	struct rk_rd ra, rb;
	rkint_txt_bytes(t, &ra, (uint64_t)l->offset + RK_ICMP6_HLEN + a);
	rkint_txt_bytes(t, &rb, (uint64_t)l->offset + RK_ICMP6_HLEN + b);
	const uint8_t *x = rk_rd_bytes(&ra, 16);
	const uint8_t *y = mid ? rk_rd_bytes(&rb, 16) : NULL;
	if (!x || (mid && !y))
		return 0;
	rkint_puts(t->o, pre);
	rkint_ipv6(t->o, x);
	if (mid) {
		rkint_puts(t->o, mid);
		rkint_ipv6(t->o, y);
	}
	return 1;
}

/* MLDv1 (RFC 2710), print-icmp6.c mld6_print(), glued to the type name. */
static int mld(struct rkint_txt *t, const struct rk_layer *l)
{
	struct rk_rd rd;
	rkint_txt_bytes(t, &rd, (uint64_t)l->offset + RK_ICMP6_HLEN);
	const uint8_t *a = rk_rd_bytes(&rd, 16);
	if (!a)
		return 0;
	RKINT_LIT(t->o, "max resp delay: ");
	rkint_u32(t->o, l->h.icmp6.id);
	RKINT_LIT(t->o, " addr: ");
	rkint_ipv6(t->o, a);
	return 1;
}

/* MLDv2 query (RFC 3810): group and number of sources. */
static int mld2_query(struct rkint_txt *t, const struct rk_layer *l, uint32_t length)
{
	struct rkint_out *o = t->o;
	struct rk_rd rd;
	rkint_txt_bytes(t, &rd, (uint64_t)l->offset + RK_ICMP6_HLEN);
	const uint8_t *g = rk_rd_bytes(&rd, 16);
	rk_rd_skip(&rd, 2);
	uint16_t nsrcs = rk_rd_u16(&rd);
	if (!g || rk_rd_err(&rd))
		return 0;
	RKINT_LIT(o, " v2 [gaddr ");
	rkint_ipv6(o, g);
	if (nsrcs) {
		if (length < 28u + nsrcs * 16u) {
			RKINT_LIT(o, " [invalid number of sources]");
		} else {
			RKINT_LIT(o, ", ");
			rkint_u32(o, nsrcs);
			RKINT_LIT(o, " source(s)");
		}
	}
	rkint_putc(o, ']');
	return 1;
}

void rkint_txt_icmp6(struct rkint_txt *t, unsigned i, const struct rk_layer *ip)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_icmp6_hdr *h = &l->h.icmp6;
	const char *name = icmp6_name(h->type);
	const struct rk_layer *q;
	uint16_t port;
	int kind;

	if (l->cap_len < 2) {
		RKINT_LIT(o, " [|icmp6]");
		return;
	}
	RKINT_LIT(o, "ICMP6, ");
	if (!name) {
		/* tcpdump dumps the message in hex after this; -X does here. */
		RKINT_LIT(o, "unknown icmp6 type (");
		rkint_u32(o, h->type);
		RKINT_LIT(o, "), length ");
		rkint_u32(o, rkint_txt_left(ip, l));
		return;
	}
	rkint_puts(o, name);
	if (l->cap_len < RK_ICMP6_HLEN)
		goto trunc;
	uint32_t length = rkint_txt_left(ip, l);
	uint32_t word = (uint32_t)h->id << 16 | h->seq;
	switch (h->type) {
	case RK_ICMP6_DST_UNREACH: {
		static const char *const code[5] = {"unreachable route", " unreachable prohibited",
						    "beyond scope", "unreachable address",
						    "unreachable port"};
		if (h->code > 4) {
			RKINT_LIT(o, ", unknown unreach code (");
			rkint_u32(o, h->code);
			rkint_putc(o, ')');
			return; /* tcpdump dumps the message in hex instead of a length */
		}
		RKINT_LIT(o, ", ");
		rkint_puts(o, code[h->code]);
		if (!(q = quoted_ip(t, i, RK_LAYER_IPV6, RK_IPV6_HLEN)))
			goto trunc;
		if (h->code == 4) {
			if (!quoted_dport(t, i + 1, &port, &kind))
				goto trunc;
			RKINT_LIT(o, ", ");
			rkint_ipv6(o, q->h.ipv6.dst);
			if (kind == RK_LAYER_TCP) {
				RKINT_LIT(o, " tcp port ");
			} else if (kind == RK_LAYER_UDP) {
				RKINT_LIT(o, " udp port ");
			} else {
				RKINT_LIT(o, " protocol ");
				rkint_u32(o, q->h.ipv6.nh);
				RKINT_LIT(o, " port ");
			}
			rkint_u32(o, port);
			if (kind == RK_LAYER_NONE)
				RKINT_LIT(o, " unreachable");
			break;
		}
		rkint_putc(o, ' ');
		rkint_ipv6(o, q->h.ipv6.dst);
		if (h->code == 2) {
			RKINT_LIT(o, ", source address ");
			rkint_ipv6(o, q->h.ipv6.src);
		}
		break;
	}
	case RK_ICMP6_PACKET_TOO_BIG:
		RKINT_LIT(o, ", mtu ");
		rkint_u32(o, word);
		break;
	case RK_ICMP6_TIME_EXCEEDED:
		if (h->code == 0) {
			if (!(q = quoted_ip(t, i, RK_LAYER_IPV6, RK_IPV6_HLEN)))
				goto trunc;
			RKINT_LIT(o, " for ");
			rkint_ipv6(o, q->h.ipv6.dst);
		} else if (h->code == 1) {
			RKINT_LIT(o, " (reassembly)");
		} else {
			RKINT_LIT(o, ", unknown code (");
			rkint_u32(o, h->code);
			rkint_putc(o, ')');
		}
		break;
	case RK_ICMP6_PARAM_PROB: {
		static const char *const code[4] = {", erroneous - octet ", ", next header - octet ",
						    ", option - octet ",
						    ", incomplete header chain - octet "};
		if (h->code < 4) {
			rkint_puts(o, code[h->code]);
			rkint_u32(o, word);
		} else {
			RKINT_LIT(o, ", code-#");
			rkint_u32(o, h->code);
		}
		break;
	}
	case RK_ICMP6_ECHO_REQUEST:
	case RK_ICMP6_ECHO_REPLY:
		RKINT_LIT(o, ", id ");
		rkint_u32(o, h->id);
		RKINT_LIT(o, ", seq ");
		rkint_u32(o, h->seq);
		break;
	case 135:
		if (!icmp6_addrs(t, l, 0, ", who has ", NULL, 0))
			goto trunc;
		break;
	case 136:
		if (!icmp6_addrs(t, l, 0, ", tgt is ", NULL, 0))
			goto trunc;
		break;
	case 130:
		if (length == 24) {
			if (!mld(t, l))
				goto trunc;
		} else if (length >= 28) {
			if (!mld2_query(t, l, length))
				goto trunc;
		} else {
			RKINT_LIT(o, " unknown-version (len ");
			rkint_u32(o, length);
			RKINT_LIT(o, ") ");
		}
		break;
	case 131:
	case 132:
		if (!mld(t, l))
			goto trunc;
		break;
	case 137: /* target, then destination; tcpdump names the destination first */
		if (!icmp6_addrs(t, l, 16, ", ", " to ", 0))
			goto trunc;
		break;
	case 143:
		RKINT_LIT(o, ", ");
		rkint_u32(o, h->seq);
		RKINT_LIT(o, " group record(s)");
		break;
	case 144:
	case 146:
		RKINT_LIT(o, ", id 0x");
		rkint_hex(o, h->id, 4);
		break;
	}
	RKINT_LIT(o, ", length ");
	rkint_u32(o, length);
	return;
trunc:
	RKINT_LIT(o, " [|icmp6]");
}
