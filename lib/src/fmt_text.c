/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_text.c - rk_fmt_text(): one line per frame in the words of
 * `tcpdump -n -S` (tcpdump 4.99: print.c, print-ether.c, print-sll.c,
 * print-null.c, print-arp.c, print-ip.c, print-ip6.c, print-rt6.c,
 * print-frag6.c): the timestamp, the link layer (only with -e, or when what
 * it carries is not decoded, as tcpdump does), ARP, IPv4 and IPv6 with their
 * extension headers. Transport layers are in fmt_text_l4.c.
 *
 * tcpdump's quirks are kept where a reader or a diff would notice (double
 * spaces before "[|proto]", "truncated-ip6 - N bytes missing!" glued to the
 * address); deliberate differences are listed in docs/sniff.md.
 */
#include "fmt_text_int.h"

/* tcpdump's ethertype_values (print-ether.c), the ones it names; NULL for
   the others. */
static const char *ethertype_name(uint16_t type)
{
	switch (type) {
	case 0x0200: return "PUP";
	case 0x0600: return "NS";
	case 0x0800: return "IPv4";
	case 0x0806: return "ARP";
	case 0x6001: return "MOP DL";
	case 0x6002: return "MOP RC";
	case 0x6003: return "DN";
	case 0x6004: return "LAT";
	case 0x6007: return "SCA";
	case 0x8035: return "Reverse ARP";
	case 0x805b: return "VEXP";
	case 0x809b: return "Appletalk";
	case 0x80f3: return "Appletalk ARP";
	case 0x8100: return "802.1Q";
	case 0x8137: return "IPX";
	case 0x86dd: return "IPv6";
	case 0x8808: return "MPCP";
	case 0x8809: return "Slow Protocols";
	case 0x880b: return "PPP";
	case 0x8847: return "MPLS unicast";
	case 0x8848: return "MPLS multicast";
	case 0x8863: return "PPPoE D";
	case 0x8864: return "PPPoE S";
	case 0x886f: return "MS NLB heartbeat";
	case 0x888e: return "EAPOL";
	case 0x88a2: return "AoE";
	case 0x88a8: return "802.1Q-QinQ";
	case 0x88cc: return "LLDP";
	case 0x88e5: return "802.1AE MACsec";
	case 0x88f7: return "PTP";
	case 0x8902: return "CFM";
	case 0x893a: return "IEEE1905.1";
	case 0x9000: return "Loopback";
	case 0x9100: return "802.1Q-9100";
	case 0x9200: return "802.1Q-9200";
	case 0xfefe: return "OSI";
	}
	return NULL;
}

/* "ethertype IPv4 (0x0800)", or with -q just "IPv4". */
static void ethertype(struct rkint_txt *t, uint16_t type)
{
	const char *name = ethertype_name(type);
	if (t->opt->quiet) {
		if (name) {
			rkint_puts(t->o, name);
		} else {
			RKINT_LIT(t->o, "Unknown Ethertype (0x");
			rkint_hex(t->o, type, 4);
			rkint_putc(t->o, ')');
		}
		return;
	}
	RKINT_LIT(t->o, "ethertype ");
	rkint_puts(t->o, name ? name : "Unknown");
	RKINT_LIT(t->o, " (0x");
	rkint_hex(t->o, type, 4);
	rkint_putc(t->o, ')');
}

/* ---- timestamps (tcpdump's print.c ts_print) ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b < 0) ? q - 1 : q;
}

static void hms(struct rkint_out *o, uint32_t sod)
{
	rkint_u32_pad(o, sod / 3600, 2);
	rkint_putc(o, ':');
	rkint_u32_pad(o, sod / 60 % 60, 2);
	rkint_putc(o, ':');
	rkint_u32_pad(o, sod % 60, 2);
}

/* [-| ]HH:MM:SS.frac of a difference; hours wrap at a day, as tcpdump's. */
static void delta(struct rkint_out *o, const struct rk_fmt_ts *a, const struct rk_fmt_ts *b,
		  unsigned digits)
{
	int64_t ds = a->sec - b->sec;
	int64_t dn = (int64_t)a->nsec - (int64_t)b->nsec;
	bool neg = ds < 0 || (ds == 0 && dn < 0);
	if (neg) {
		ds = -ds;
		dn = -dn;
	}
	if (dn < 0) {
		ds -= 1;
		dn += 1000000000;
	}
	rkint_putc(o, neg ? '-' : ' ');
	hms(o, (uint32_t)(ds % 86400));
	rkint_frac(o, (uint32_t)dn, digits);
}

static void timestamp(struct rkint_txt *t, const struct rk_fmt_meta *m)
{
	struct rkint_out *o = t->o;
	unsigned digits = t->opt->ts_digits == 9 ? 9 : 6;
	int64_t s = m->ts.sec + t->opt->utc_offset;
	switch (t->opt->ts_style) {
	case RK_TS_NONE:
		return;
	case RK_TS_EPOCH:
		rkint_i64(o, m->ts.sec);
		rkint_frac(o, m->ts.nsec, digits);
		break;
	case RK_TS_DELTA:
	case RK_TS_SINCE_FIRST:
		delta(o, &m->ts, &m->ref, digits);
		break;
	case RK_TS_DATE: {
		int64_t y;
		unsigned mo, d;
		rkint_civil(floor_div(s, 86400), &y, &mo, &d);
		if (y < 0 || y > 9999) {
			rkint_i64(o, y);
		} else {
			rkint_u32_pad(o, (uint32_t)y, 4);
		}
		rkint_putc(o, '-');
		rkint_u32_pad(o, mo, 2);
		rkint_putc(o, '-');
		rkint_u32_pad(o, d, 2);
		rkint_putc(o, ' ');
	}
		/* fall through */
	default:
		hms(o, (uint32_t)(s - floor_div(s, 86400) * 86400));
		rkint_frac(o, m->ts.nsec, digits);
		break;
	}
	rkint_putc(o, ' ');
}

/* ---- helpers shared with fmt_text_l4.c ---- */

void rkint_txt_addr(struct rkint_txt *t, const struct rk_layer *ip, bool dst)
{
	if (ip->kind == RK_LAYER_IPV4)
		rkint_ipv4(t->o, dst ? ip->h.ipv4.dst : ip->h.ipv4.src);
	else
		rkint_ipv6(t->o, dst ? ip->h.ipv6.dst : ip->h.ipv6.src);
}

void rkint_txt_addrs(struct rkint_txt *t, const struct rk_layer *ip)
{
	rkint_txt_addr(t, ip, false);
	RKINT_LIT(t->o, " > ");
	rkint_txt_addr(t, ip, true);
	RKINT_LIT(t->o, ": ");
}

uint32_t rkint_txt_left(const struct rk_layer *ip, const struct rk_layer *l)
{
	uint64_t end = ip->kind == RK_LAYER_IPV4 ? (uint64_t)ip->offset + ip->h.ipv4.len :
						   (uint64_t)ip->offset + RK_IPV6_HLEN + ip->h.ipv6.plen;
	return end > l->offset ? (uint32_t)(end - l->offset) : 0;
}

const struct rk_layer *rkint_txt_layer(const struct rkint_txt *t, unsigned i)
{
	if (i >= t->p->n || i >= RK_PKT_MAX_LAYERS)
		return NULL;
	return &t->p->layer[i];
}

/* A cursor over the captured bytes of the frame, at offset off (empty when
   the frame has no bytes there). */
void rkint_txt_bytes(const struct rkint_txt *t, struct rk_rd *rd, uint64_t off)
{
	if (!t->p->data) {
		rk_rd_init(rd, "", 0);
		return;
	}
	rk_rd_init(rd, t->p->data, t->p->caplen);
	rk_rd_skip(rd, off < t->p->caplen ? (size_t)off : t->p->caplen);
	if (rk_rd_err(rd))
		rk_rd_init(rd, "", 0);
}

void rkint_txt_error(struct rkint_txt *t)
{
	if (!t->p->error)
		return;
	RKINT_LIT(t->o, " [");
	/* The decoder's messages are plain; keep the line plain whatever. */
	for (const char *e = t->p->error; *e; e++)
		rkint_putc(t->o, *e >= 0x20 && *e < 0x7f ? *e : '?');
	rkint_putc(t->o, ']');
}

static const char *const ipproto_trunc[] = {
	[RK_IPPROTO_TCP] = " [|tcp]",
	[RK_IPPROTO_UDP] = " [|udp]",
	[RK_IPPROTO_ICMP] = " [|icmp]",
	[RK_IPPROTO_ICMPV6] = " [|icmp6]",
};

/* "[|tcp]" and the like for what a malformed IP header carried. */
static void proto_trunc(struct rkint_txt *t, uint8_t proto)
{
	const char *s = proto < sizeof ipproto_trunc / sizeof ipproto_trunc[0] ? ipproto_trunc[proto] :
										 NULL;
	if (s) {
		rkint_puts(t->o, s);
	} else {
		RKINT_LIT(t->o, " ip-proto-");
		rkint_u32(t->o, proto);
	}
}

/* ---- IPv4, IPv6 and what follows them ---- */

/* Bytes from layer i's start to the end of what holds it: the frame, or
   the datagram of the IP layer it is tunnelled in. */
static uint32_t outer_left(const struct rkint_txt *t, unsigned i)
{
	const struct rk_layer *l = &t->p->layer[i];
	for (unsigned j = i; j-- > 0;) {
		const struct rk_layer *e = &t->p->layer[j];
		if (e->kind == RK_LAYER_IPV4 || e->kind == RK_LAYER_IPV6)
			return rkint_txt_left(e, l);
		if (e->kind != RK_LAYER_IPV6_HOP && e->kind != RK_LAYER_IPV6_DST &&
		    e->kind != RK_LAYER_IPV6_ROUTE && e->kind != RK_LAYER_IPV6_FRAG)
			break;
	}
	return t->p->len > l->offset ? t->p->len - l->offset : 0;
}

static void txt_ipv4(struct rkint_txt *t, unsigned i);
static void txt_ipv6(struct rkint_txt *t, unsigned i);

/* An IP layer's content, from layer i on (the first after the IP header). */
static void txt_ip_next(struct rkint_txt *t, unsigned i, const struct rk_layer *ip, uint8_t proto)
{
	const struct rk_layer *l = rkint_txt_layer(t, i);
	if (!l || (l->flags & RK_LAYER_INNER)) {
		rkint_txt_addrs(t, ip);
		rkint_txt_error(t);
		return;
	}
	switch (l->kind) {
	case RK_LAYER_TCP:
		rkint_txt_tcp(t, i, ip, true);
		return;
	case RK_LAYER_UDP:
		rkint_txt_udp(t, i, ip, true);
		return;
	case RK_LAYER_ICMP:
		rkint_txt_addrs(t, ip);
		rkint_txt_icmp(t, i, ip);
		return;
	case RK_LAYER_ICMP6:
		rkint_txt_addrs(t, ip);
		rkint_txt_icmp6(t, i, ip);
		return;
	case RK_LAYER_IPV4:
		rkint_txt_addrs(t, ip);
		txt_ipv4(t, i);
		return;
	case RK_LAYER_IPV6:
		rkint_txt_addrs(t, ip);
		txt_ipv6(t, i);
		return;
	case RK_LAYER_PAYLOAD:
		rkint_txt_addrs(t, ip);
		RKINT_LIT(t->o, " ip-proto-");
		rkint_u32(t->o, proto);
		rkint_putc(t->o, ' ');
		rkint_u32(t->o, l->h.payload.len);
		return;
	}
	rkint_txt_addrs(t, ip);
	rkint_txt_error(t);
}

static void txt_ipv4(struct rkint_txt *t, unsigned i)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_ipv4_hdr *h = &l->h.ipv4;
	uint32_t c = l->cap_len;

	if (c == 0) {
		RKINT_LIT(o, " [|ip]");
		return;
	}
	if (!t->opt->link)
		RKINT_LIT(o, "IP ");
	if (c < RK_IPV4_HLEN) {
		RKINT_LIT(o, " [|ip]");
		return;
	}
	if (l->flags & RK_LAYER_MALFORMED) {
		if (h->ihl < 5) {
			RKINT_LIT(o, "bad-hlen ");
			rkint_u32(o, h->ihl * 4u);
			return;
		}
		if (h->len < h->ihl * 4u) {
			RKINT_LIT(o, "bad-len ");
			rkint_u32(o, h->len);
			return;
		}
		uint32_t have = outer_left(t, i);
		if (h->len > have) {
			RKINT_LIT(o, "truncated-ip - ");
			rkint_u32(o, h->len - have);
			RKINT_LIT(o, " bytes missing! ");
			rkint_txt_addrs(t, l);
			proto_trunc(t, h->proto);
			return;
		}
		rkint_txt_addrs(t, l);
		rkint_txt_error(t);
		return;
	}
	if (l->flags & RK_LAYER_TRUNCATED) { /* options cut short */
		RKINT_LIT(o, " [remaining caplen(");
		rkint_u32(o, c);
		RKINT_LIT(o, ") < header length(");
		rkint_u32(o, l->hdr_len);
		RKINT_LIT(o, ")] [|ip]");
		return;
	}
	if (h->frag) {
		rkint_txt_addrs(t, l);
		RKINT_LIT(o, "ip-proto-");
		rkint_u32(o, h->proto);
		return;
	}
	txt_ip_next(t, i + 1, l, h->proto);
}

/* print-rt6.c: "RT6 (len=2, type=0 [Deprecated], segleft=1, [0]2001:db8::1) ",
   from the captured bytes of the header; returns 0 after "[|rt6]" when
   they end first. */
static int txt_rt6(struct rkint_txt *t, const struct rk_layer *l)
{
	struct rkint_out *o = t->o;
	struct rk_rd d;
	rkint_txt_bytes(t, &d, l->offset);
	rk_rd_limit(&d, l->cap_len);
	(void)rk_rd_u8(&d); /* next header */
	uint8_t len = rk_rd_u8(&d);
	uint8_t type = rk_rd_u8(&d);
	uint8_t segleft = rk_rd_u8(&d);
	if (rk_rd_err(&d))
		goto trunc;
	RKINT_LIT(o, "RT6 (len=");
	rkint_u32(o, len);
	RKINT_LIT(o, ", type=");
	rkint_u32(o, type);
	if (type == 0)
		RKINT_LIT(o, " [Deprecated]");
	RKINT_LIT(o, ", segleft=");
	rkint_u32(o, segleft);
	unsigned addrs;
	if (type == 0 || type == 2) {
		uint32_t rsv = rk_rd_u32(&d);
		if (rk_rd_err(&d))
			goto trunc;
		if (rsv) {
			RKINT_LIT(o, ", rsv=0x");
			rkint_hex(o, rsv, 1);
		}
		addrs = len / 2u;
	} else if (type == 4) {
		uint8_t last = rk_rd_u8(&d);
		uint8_t flags = rk_rd_u8(&d);
		uint16_t tag = rk_rd_u16(&d);
		if (rk_rd_err(&d))
			goto trunc;
		RKINT_LIT(o, ", last-entry=");
		rkint_u32(o, last);
		if (flags) {
			RKINT_LIT(o, ", flags=0x");
			rkint_hex(o, flags, 1);
		}
		RKINT_LIT(o, ", tag=");
		rkint_hex(o, tag, 1);
		addrs = last + 1u;
	} else {
		RKINT_LIT(o, ") ");
		return 1;
	}
	for (unsigned n = 0; n < addrs; n++) {
		const uint8_t *a = rk_rd_bytes(&d, 16);
		if (!a)
			goto trunc;
		RKINT_LIT(o, ", [");
		rkint_u32(o, n);
		rkint_putc(o, ']');
		rkint_ipv6(o, a);
	}
	RKINT_LIT(o, ") ");
	return 1;
trunc:
	RKINT_LIT(o, " [|rt6]");
	return 0;
}

/* print-ip6.c: the header, then "src > dst: " and each extension header
   before what they carry, unless TCP or UDP follow the header directly (they
   print the addresses with their ports). */
static void txt_ipv6(struct rkint_txt *t, unsigned i)
{
	struct rkint_out *o = t->o;
	const struct rk_layer *l = &t->p->layer[i];
	const struct rk_ipv6_hdr *h = &l->h.ipv6;

	if (l->cap_len < RK_IPV6_HLEN) {
		RKINT_LIT(o, " [|ip6]");
		return;
	}
	if (!t->opt->link)
		RKINT_LIT(o, "IP6 ");
	if (l->flags & RK_LAYER_MALFORMED) {
		uint32_t have = outer_left(t, i);
		have = have > RK_IPV6_HLEN ? have - RK_IPV6_HLEN : 0;
		if (h->plen > have) {
			RKINT_LIT(o, "truncated-ip6 - ");
			rkint_u32(o, h->plen - have);
			RKINT_LIT(o, " bytes missing!");
			rkint_txt_addrs(t, l);
			proto_trunc(t, h->nh);
			return;
		}
		rkint_txt_addrs(t, l);
		rkint_txt_error(t);
		return;
	}
	const struct rk_layer *n = rkint_txt_layer(t, i + 1);
	if (n && !(n->flags & RK_LAYER_INNER) &&
	    (n->kind == RK_LAYER_TCP || n->kind == RK_LAYER_UDP)) {
		txt_ip_next(t, i + 1, l, h->nh);
		return;
	}
	rkint_txt_addrs(t, l);
	uint8_t nh = h->nh;
	unsigned j = i + 1;
	for (;; j++) {
		const struct rk_layer *e = rkint_txt_layer(t, j);
		if (!e || (e->flags & RK_LAYER_INNER)) {
			if (nh == RK_IPPROTO_NONE && !t->p->error)
				RKINT_LIT(o, "no next header");
			else
				rkint_txt_error(t);
			return;
		}
		switch (e->kind) {
		case RK_LAYER_IPV6_HOP:
		case RK_LAYER_IPV6_DST:
			if (e->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) {
				rkint_puts(o, e->kind == RK_LAYER_IPV6_HOP ? " [|hbhopt]" : " [|dstopt]");
				return;
			}
			rkint_puts(o, e->kind == RK_LAYER_IPV6_HOP ? "HBH " : "DSTOPT ");
			nh = e->h.ipv6_opts.nh;
			continue;
		case RK_LAYER_IPV6_ROUTE:
			if (!txt_rt6(t, e))
				return;
			if (e->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) {
				RKINT_LIT(o, " [|rt6]");
				return;
			}
			nh = e->h.ipv6_route.nh;
			continue;
		case RK_LAYER_IPV6_FRAG: {
			const struct rk_ipv6_frag_hdr *f = &e->h.ipv6_frag;
			/* tcpdump prints the offset when it has it, without -v
			   never the id; a header cut after that ends the line. */
			if (e->cap_len < 4) {
				RKINT_LIT(o, " [|frag]");
				return;
			}
			uint32_t left = rkint_txt_left(l, e);
			RKINT_LIT(o, "frag (");
			rkint_u32(o, f->offset * 8u);
			rkint_putc(o, '|');
			rkint_u32(o, left > RK_IPV6_FRAG_HLEN ? left - RK_IPV6_FRAG_HLEN : 0);
			rkint_putc(o, ')');
			if (e->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) {
				rkint_putc(o, ' ');
				return;
			}
			if (f->offset)
				return; /* a later fragment: its payload is not decoded */
			nh = f->nh;
			const struct rk_layer *x = rkint_txt_layer(t, j + 1);
			if (x && !(x->flags & RK_LAYER_INNER))
				rkint_putc(o, ' ');
			else if (nh == RK_IPPROTO_NONE && !t->p->error)
				rkint_putc(o, ' ');
			continue;
		}
		case RK_LAYER_TCP:
			rkint_txt_tcp(t, j, l, false);
			return;
		case RK_LAYER_UDP:
			rkint_txt_udp(t, j, l, false);
			return;
		case RK_LAYER_ICMP6:
			rkint_txt_icmp6(t, j, l);
			return;
		case RK_LAYER_IPV4:
			txt_ipv4(t, j);
			return;
		case RK_LAYER_IPV6:
			txt_ipv6(t, j);
			return;
		case RK_LAYER_PAYLOAD:
			RKINT_LIT(o, " ip-proto-");
			rkint_u32(o, nh);
			rkint_putc(o, ' ');
			rkint_u32(o, e->h.payload.len);
			return;
		default:
			rkint_txt_error(t);
			return;
		}
	}
}

/* ---- ARP (print-arp.c) ---- */

static void arp_paddr(struct rkint_out *o, const uint8_t *a)
{
	rkint_ipv4_bytes(o, a);
}

static void arp_haddr(struct rkint_out *o, const struct rk_arp_hdr *h, const uint8_t *a)
{
	rkint_colonhex(o, a, h->hlen < RK_ARP_ADDR_MAX ? h->hlen : RK_ARP_ADDR_MAX);
}

static bool all_zero(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i])
			return false;
	return true;
}

static void txt_arp(struct rkint_txt *t, const struct rk_layer *l)
{
	struct rkint_out *o = t->o;
	const struct rk_arp_hdr *h = &l->h.arp;
	if (l->cap_len < RK_ARP_FIXED_LEN || l->cap_len < l->hdr_len) {
		RKINT_LIT(o, " [|arp]");
		return;
	}
	if (!t->opt->link)
		RKINT_LIT(o, "ARP, ");
	uint32_t length = t->p->len > l->offset ? t->p->len - l->offset : 0;
	if (h->ptype != RK_ETHERTYPE_IPV4 || h->plen != 4 || h->hlen == 0) {
		if (h->htype == 1) {
			RKINT_LIT(o, "Ethernet");
		} else {
			RKINT_LIT(o, "Unknown Hardware (");
			rkint_u32(o, h->htype);
			rkint_putc(o, ')');
		}
		RKINT_LIT(o, " (len ");
		rkint_u32(o, h->hlen);
		RKINT_LIT(o, "), ");
		const char *pn = ethertype_name(h->ptype);
		if (pn) {
			rkint_puts(o, pn);
		} else {
			RKINT_LIT(o, "Unknown Protocol (0x");
			rkint_hex(o, h->ptype, 4);
			rkint_putc(o, ')');
		}
		RKINT_LIT(o, " (len ");
		rkint_u32(o, h->plen);
		RKINT_LIT(o, ")");
		goto out;
	}
	switch (h->op) {
	case 1:
		RKINT_LIT(o, "Request who-has ");
		arp_paddr(o, h->tpa);
		if (!all_zero(h->tha, h->hlen < RK_ARP_ADDR_MAX ? h->hlen : RK_ARP_ADDR_MAX)) {
			RKINT_LIT(o, " (");
			arp_haddr(o, h, h->tha);
			rkint_putc(o, ')');
		}
		RKINT_LIT(o, " tell ");
		arp_paddr(o, h->spa);
		break;
	case 2:
		RKINT_LIT(o, "Reply ");
		arp_paddr(o, h->spa);
		RKINT_LIT(o, " is-at ");
		arp_haddr(o, h, h->sha);
		break;
	case 3:
	case 8:
		rkint_puts(o, h->op == 3 ? "Reverse Request who-is " : "Inverse Request who-is ");
		arp_haddr(o, h, h->tha);
		RKINT_LIT(o, " tell ");
		arp_haddr(o, h, h->sha);
		break;
	case 4:
		RKINT_LIT(o, "Reverse Reply ");
		arp_haddr(o, h, h->tha);
		RKINT_LIT(o, " at ");
		arp_paddr(o, h->tpa);
		break;
	case 9:
		RKINT_LIT(o, "Inverse Reply ");
		arp_haddr(o, h, h->sha);
		RKINT_LIT(o, " at ");
		arp_paddr(o, h->spa);
		break;
	default:
		/* tcpdump dumps the bytes in hex after this; -X does here. */
		RKINT_LIT(o, "Unknown (");
		rkint_u32(o, h->op);
		RKINT_LIT(o, ") ");
		return;
	}
out:
	RKINT_LIT(o, ", length ");
	rkint_u32(o, length);
}

/* ---- link layers ---- */

/* Index of the first layer after the link layers. */
static unsigned first_net(const struct rkint_txt *t)
{
	unsigned i = 0;
	while (i < t->p->n && i < RK_PKT_MAX_LAYERS) {
		switch (t->p->layer[i].kind) {
		case RK_LAYER_ETH:
		case RK_LAYER_VLAN:
		case RK_LAYER_SLL:
		case RK_LAYER_SLL2:
		case RK_LAYER_NULL:
			i++;
			continue;
		}
		break;
	}
	return i;
}

/* True when the layer after the link layers is one this file prints. */
static bool decoded(const struct rkint_txt *t, unsigned i)
{
	const struct rk_layer *l = rkint_txt_layer(t, i);
	return l && (l->kind == RK_LAYER_ARP || l->kind == RK_LAYER_IPV4 || l->kind == RK_LAYER_IPV6);
}

static const char *pkttype_name(unsigned v)
{
	switch (v) {
	case 0: return "In";
	case 1: return "B";
	case 2: return "M";
	case 3: return "P";
	case 4: return "Out";
	}
	return "?";
}

/* Left-aligned in width columns ("%-*s"). */
static void pad_right(struct rkint_out *o, const char *s, unsigned width)
{
	size_t n = strlen(s);
	rkint_put(o, s, n);
	while (n++ < width)
		rkint_putc(o, ' ');
}

/* Cooked captures: the protocol as print-sll.c names it (not with -q). */
static void sll_proto(struct rkint_txt *t, uint16_t type, uint32_t len)
{
	if (t->opt->quiet)
		return;
	if (type == 1)
		RKINT_LIT(t->o, "802.3");
	else if (type == 4)
		RKINT_LIT(t->o, "802.2");
	else
		ethertype(t, type);
	RKINT_LIT(t->o, ", length ");
	rkint_u32(t->o, len);
	RKINT_LIT(t->o, ": ");
}

static const char *af_name(uint32_t af)
{
	switch (af) {
	case 2: return "IPv4";
	case 7: return "ISO";
	case 10: return "IPv6"; /* Linux's AF_INET6; tcpdump says Unknown */
	case 16: return "Appletalk";
	case 23: return "IPX";
	case 24:
	case 28:
	case 30: return "IPv6";
	}
	return NULL;
}

/* The link layers from the first; returns the index of the first layer
   after them, or RK_PKT_MAX_LAYERS when the line is complete. */
static unsigned txt_link(struct rkint_txt *t)
{
	struct rkint_out *o = t->o;
	const struct rk_pkt *p = t->p;
	const struct rk_layer *l = &p->layer[0];
	unsigned net = first_net(t);
	bool show = t->opt->link || (!decoded(t, net) && !(net > 0 && (p->layer[net - 1].flags &
					     (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED))));
	bool broken = l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED);

	switch (l->kind) {
	case RK_LAYER_ETH: {
		const struct rk_eth_hdr *h = &l->h.eth;
		if (broken) {
			RKINT_LIT(o, " [|ether]");
			return RK_PKT_MAX_LAYERS;
		}
		if (!show) {
			/* tcpdump names a broken tag only with -e. */
			const struct rk_layer *v = rkint_txt_layer(t, net - 1);
			if (v->kind == RK_LAYER_VLAN && (v->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED))) {
				RKINT_LIT(o, " [|vlan]");
				return RK_PKT_MAX_LAYERS;
			}
			return net;
		}
		rkint_colonhex(o, h->src, 6);
		RKINT_LIT(o, " > ");
		rkint_colonhex(o, h->dst, 6);
		RKINT_LIT(o, ", ");
		const struct rk_layer *v1 = rkint_txt_layer(t, 1);
		if (v1 && v1->kind == RK_LAYER_VLAN &&
		    (v1->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED))) {
			RKINT_LIT(o, " [|vlan]");
			return RK_PKT_MAX_LAYERS;
		}
		/* Without -e, tcpdump shows only the innermost type. */
		unsigned first = 1;
		uint16_t type = h->type;
		if (!t->opt->link) {
			for (first = 1; first < net && p->layer[first].kind == RK_LAYER_VLAN; first++)
				type = p->layer[first].h.vlan.type;
		}
		if (type <= 1500) {
			uint32_t left = p->len > RK_ETH_HLEN ? p->len - RK_ETH_HLEN : 0;
			RKINT_LIT(o, "802.3, length ");
			rkint_u32(o, type < left ? type : left);
			RKINT_LIT(o, ": ");
		} else {
			ethertype(t, type);
			RKINT_LIT(o, ", length ");
			rkint_u32(o, p->len);
			RKINT_LIT(o, ": ");
		}
		for (unsigned i = first; i < net; i++) {
			const struct rk_layer *v = &p->layer[i];
			if (v->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) {
				RKINT_LIT(o, " [|vlan]");
				return RK_PKT_MAX_LAYERS;
			}
			RKINT_LIT(o, "vlan ");
			rkint_u32(o, v->h.vlan.vid);
			RKINT_LIT(o, ", p ");
			rkint_u32(o, v->h.vlan.pcp);
			if (v->h.vlan.dei)
				RKINT_LIT(o, ", DEI");
			RKINT_LIT(o, ", ");
			if (v->h.vlan.type <= 1500) {
				RKINT_LIT(o, "802.3, length ");
				rkint_u32(o, v->h.vlan.type);
				RKINT_LIT(o, ": ");
			} else {
				ethertype(t, v->h.vlan.type);
				RKINT_LIT(o, ", ");
			}
		}
		return net;
	}
	case RK_LAYER_SLL: {
		const struct rk_sll_hdr *h = &l->h.sll;
		if (broken) {
			RKINT_LIT(o, " [|sll]");
			return RK_PKT_MAX_LAYERS;
		}
		if (!show)
			return net;
		const char *pt = pkttype_name(h->pkttype);
		for (size_t n = strlen(pt); n < 3; n++)
			rkint_putc(o, ' ');
		rkint_puts(o, pt);
		rkint_putc(o, ' ');
		if (h->halen == 6) { /* print-sll.c shows Ethernet addresses only */
			rkint_colonhex(o, h->addr, 6);
			rkint_putc(o, ' ');
		}
		sll_proto(t, h->type, p->len);
		return net;
	}
	case RK_LAYER_SLL2: {
		const struct rk_sll2_hdr *h = &l->h.sll2;
		if (broken) {
			RKINT_LIT(o, " [|sll2]");
			return RK_PKT_MAX_LAYERS;
		}
		/* tcpdump looks the interface up on the machine reading the
		   file; pure code cannot, and the index may not be this host's. */
		pad_right(o, "?", 5);
		rkint_putc(o, ' ');
		pad_right(o, pkttype_name(h->pkttype), 3);
		rkint_putc(o, ' ');
		if (!show)
			return net;
		RKINT_LIT(o, "ifindex ");
		rkint_u32(o, h->ifindex);
		rkint_putc(o, ' ');
		if (h->halen == 6) {
			rkint_colonhex(o, h->addr, 6);
			rkint_putc(o, ' ');
		}
		sll_proto(t, h->type, p->len);
		return net;
	}
	case RK_LAYER_NULL: {
		if (broken) {
			RKINT_LIT(o, " [|null]");
			return RK_PKT_MAX_LAYERS;
		}
		if (!show)
			return net;
		const char *af = af_name(l->h.null.family);
		if (!t->opt->quiet) {
			RKINT_LIT(o, "AF ");
			rkint_puts(o, af ? af : "Unknown");
			RKINT_LIT(o, " (");
			rkint_u32(o, l->h.null.family);
			RKINT_LIT(o, "), length ");
		} else if (af) {
			rkint_puts(o, af);
			RKINT_LIT(o, ", length ");
		} else {
			RKINT_LIT(o, "Unknown AF ");
			rkint_u32(o, l->h.null.family);
			RKINT_LIT(o, ", length ");
		}
		rkint_u32(o, p->len);
		RKINT_LIT(o, ": ");
		return net;
	}
	}
	/* Raw IP link types: no link header. */
	if (t->opt->link)
		RKINT_LIT(o, "ip: ");
	if (!decoded(t, 0)) {
		struct rk_rd rd;
		rkint_txt_bytes(t, &rd, 0);
		RKINT_LIT(o, "unknown ip ");
		rkint_u32(o, rk_rd_u8(&rd) >> 4);
		return RK_PKT_MAX_LAYERS;
	}
	return 0;
}

RK_API int rk_fmt_text(char *buf, size_t cap, const struct rk_pkt *pkt, const struct rk_fmt_meta *m,
		       const struct rk_fmt_opts *opts)
{
	struct rkint_out o;
	rkint_out_init(&o, buf, cap);
	if (!pkt || !m || !opts)
		return RK_E_INVAL;
	struct rkint_txt t = {.o = &o, .p = pkt, .opt = opts};

	/* print.c pretty_print_packet(): records libpcap passes but no link
	   layer can be read from get this line instead, without a time. */
	if (rk_fmt_invalid(pkt)) {
		bool more = false;
		RKINT_LIT(&o, "[Invalid header:");
		if (pkt->caplen == 0) {
			RKINT_LIT(&o, " caplen==0");
			more = true;
		}
		if (pkt->len == 0 || pkt->len < pkt->caplen) {
			if (more)
				rkint_putc(&o, ',');
			more = true;
			if (pkt->len == 0) {
				RKINT_LIT(&o, " len==0");
			} else {
				RKINT_LIT(&o, " len(");
				rkint_u32(&o, pkt->len);
				RKINT_LIT(&o, ") < caplen(");
				rkint_u32(&o, pkt->caplen);
				rkint_putc(&o, ')');
			}
		}
		if (pkt->caplen > 262144) { /* tcpdump's MAXIMUM_SNAPLEN */
			if (more)
				rkint_putc(&o, ',');
			RKINT_LIT(&o, " caplen(");
			rkint_u32(&o, pkt->caplen);
			RKINT_LIT(&o, ") > 262144");
		}
		RKINT_LIT(&o, "]\n");
		return rkint_out_done(&o);
	}

	timestamp(&t, m);
	if (pkt->n == 0) {
		RKINT_LIT(&o, "unsupported link type ");
		rkint_i64(&o, pkt->linktype);
		RKINT_LIT(&o, ", length ");
		rkint_u32(&o, pkt->len);
	} else {
		unsigned i = txt_link(&t);
		const struct rk_layer *l = rkint_txt_layer(&t, i);
		if (l) {
			switch (l->kind) {
			case RK_LAYER_ARP:
				txt_arp(&t, l);
				break;
			case RK_LAYER_IPV4:
				txt_ipv4(&t, i);
				break;
			case RK_LAYER_IPV6:
				txt_ipv6(&t, i);
				break;
			}
		}
	}
	rkint_putc(&o, '\n');
	return rkint_out_done(&o);
}
