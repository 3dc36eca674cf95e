/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_spec_roundtrip.c - spec -> bytes -> rk_decode() -> rk_spec_format()
 * -> spec -> bytes gives the same bytes.
 *
 * Specs are generated from a fixed seed: every layer and every field, with
 * random values, and now and then a wrong length, checksum, protocol number
 * or offset. Each built packet is then also round-tripped with link padding
 * appended, cut short (a snap length), and with random bytes flipped, so the
 * printer is held to its promise for whatever the decoder makes of a frame.
 * Both the minimal form and RK_SPEC_FMT_EXPLICIT are checked, and for the
 * unmutated packets the printed spec keeps every decoded layer as a layer.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/spec.h"
#include "testlib.h"

#ifndef ROUNDS
#define ROUNDS 4000
#endif

static uint64_t rs = 0x2545f4914f6cdd1dull;

static uint32_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return (uint32_t)((rs * 0x2545f4914f6cdd1dull) >> 32);
}

static uint32_t rn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(unsigned pct)
{
	return rn(100) < pct;
}

/* ---- the generator ----------------------------------------------------- */

static char text[8192];
static size_t tlen;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void out(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text + tlen, sizeof(text) - tlen, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(text) - tlen)
		tlen += (size_t)n;
}

static void out_hex(size_t n)
{
	out("hex:");
	for (size_t i = 0; i < n; i++)
		out("%02x", rn(256));
}

static void out_mac(void)
{
	out("%02x:%02x:%02x:%02x:%02x:%02x", rn(256), rn(256), rn(256), rn(256), rn(256), rn(256));
}

static void out_ip4(void)
{
	out("%u.%u.%u.%u", rn(256), rn(256), rn(256), rn(256));
}

static void out_ip6(void)
{
	out("2001:db8:%x:%x::%x:%x", rn(65536), rn(65536), rn(65536), rn(65536));
}

/* A wrong value for a computed field, now and then. */
static void maybe(const char *name, uint32_t max, unsigned pct)
{
	if (chance(pct))
		out(",%s=%lu", name, (unsigned long)(rnd() % ((uint64_t)max + 1)));
}

static void gen_tcp_opts(void)
{
	unsigned used = 0, n = rn(8);
	out(",opts=[");
	for (unsigned i = 0; i < n; i++) {
		unsigned k = rn(9), need;
		static const unsigned size[] = { 4, 3, 2, 10, 10, 1, 1, 4, 2 };
		need = k == 4 ? 2 + 8 * (1 + rn(4)) : size[k];
		if (used + need > 40)
			break;
		if (i)
			out(",");
		switch (k) {
		case 0: out("mss:%u", rn(65536)); break;
		case 1: out("wscale:%u", rn(256)); break;
		case 2: out("sackok"); break;
		case 3: out("ts:%u:%u", rnd(), rnd()); break;
		case 4:
			out("sack");
			for (unsigned b = 0; b < (need - 2) / 8; b++)
				out(":%u-%u", rnd(), rnd());
			break;
		case 5: out("nop"); break;
		case 6: out("eol"); break;
		case 7: out("%u:", 9 + rn(240)); out("%02x%02x", rn(256), rn(256)); break;
		default: out("%u:", 9 + rn(240)); break;
		}
		used += need;
	}
	out("]");
}

static void gen_payload(void)
{
	switch (rn(5)) {
	case 0:
		break;
	case 1: {
		static const char *const bits[] = { "GET / HTTP/1.0", "\\r\\n", "\\t", "x", "\\\\", "\\\"", " ",
						    "\\x00", "\\xff", "\\101" };
		out("/\"");
		for (unsigned i = rn(12); i > 0; i--)
			out("%s", bits[rn(10)]);
		out("\"");
		break;
	}
	case 2:
		out("/");
		out_hex(rn(64));
		break;
	case 3:
		out("/zero:%u", rn(40));
		break;
	default: /* printable text */
		out("/\"");
		for (unsigned i = 1 + rn(30); i > 0; i--)
			out("%c", (char)('a' + rn(26)));
		out("\"");
		break;
	}
}

static void gen_ipv4(unsigned wrong)
{
	out("ipv4(src=");
	out_ip4();
	out(",dst=");
	out_ip4();
	out(",id=%u,ttl=%u,tos=%u,df=%u,mf=%u,rf=%u", rn(65536), rn(256), rn(256), rn(2), chance(10), chance(5));
	if (chance(8))
		out(",frag=%u", rn(8192));
	if (chance(20)) {
		out(",opts=");
		out_hex(rn(41));
	}
	maybe("csum", 0xffff, wrong);
	maybe("len", 0xffff, wrong / 2);
	maybe("ihl", 15, wrong / 3);
	maybe("proto", 255, wrong / 2);
	maybe("version", 15, wrong / 4);
	out(")");
}

static void gen_ipv6(unsigned wrong)
{
	out("ipv6(src=");
	out_ip6();
	out(",dst=");
	out_ip6();
	out(",hlim=%u,tc=%u,flow=%u", rn(256), rn(256), rn(0x100000));
	maybe("plen", 0xffff, wrong / 2);
	maybe("nh", 255, wrong / 2);
	maybe("version", 15, wrong / 4);
	out(")");
	for (unsigned n = chance(30) ? 1 + rn(3) : 0; n > 0; n--) {
		switch (rn(4)) {
		case 0:
		case 1:
			out(rn(2) ? "/ipv6.hop(" : "/ipv6.dst(");
			out("opts=");
			out_hex(rn(30));
			maybe("len", 64, wrong / 3);
			maybe("nh", 255, wrong / 3);
			out(")");
			break;
		case 2:
			out("/ipv6.route(type=%u,segleft=%u,data=", rn(4), rn(4));
			out_hex(rn(3) * 16 + 4 * rn(2));
			maybe("len", 64, wrong / 3);
			out(")");
			break;
		default:
			out("/ipv6.frag(offset=%u,m=%u,id=%u,res1=%u,res2=%u)", chance(10) ? rn(8192) : 0, rn(2),
			    rnd(), chance(10) ? rn(256) : 0, chance(10) ? rn(4) : 0);
			break;
		}
	}
}

static void gen_transport(int v6, unsigned wrong, int quoted);
static unsigned tunnels;

static void gen_icmp_quote(int v6, unsigned wrong)
{
	out("/");
	if (v6)
		gen_ipv6(0);
	else
		gen_ipv4(0);
	gen_transport(v6, wrong, 1);
}

static void gen_transport(int v6, unsigned wrong, int quoted)
{
	switch (rn(quoted ? 2 : 5)) {
	case 0:
		out("/tcp(sport=%u,dport=%u,seq=%u,ack=%u,flags=%u,win=%u,urp=%u,res=%u", rn(65536), rn(65536),
		    rnd(), rnd(), rn(256), rn(65536), rn(65536), chance(10) ? rn(16) : 0);
		if (chance(50))
			gen_tcp_opts();
		maybe("csum", 0xffff, wrong);
		maybe("doff", 15, wrong / 3);
		out(")");
		break;
	case 1:
		out("/udp(sport=%u,dport=%u", rn(65536), rn(65536));
		maybe("csum", 0xffff, wrong);
		maybe("len", 0xffff, wrong / 2);
		out(")");
		break;
	case 2:
		if (!v6) {
			static const unsigned types[] = { 0, 8, 13, 14, 3, 11, 5, 12, 4, 9, 10, 17 };
			unsigned t = chance(10) ? rn(256) : types[rn(12)];
			out("/icmp(type=%u,code=%u,id=%u,seq=%u", t, rn(4) ? 0 : rn(256), rn(65536), rn(65536));
			if (t == 13 || t == 14)
				out(",otime=%u,rtime=%u,ttime=%u", rnd(), rnd(), rnd());
			maybe("csum", 0xffff, wrong);
			out(")");
			if (t == 3 || t == 4 || t == 5 || t == 11 || t == 12) {
				if (chance(80))
					gen_icmp_quote(0, wrong);
				return;
			}
		} else {
			static const unsigned types[] = { 128, 129, 1, 2, 3, 4, 133, 135 };
			unsigned t = chance(10) ? rn(256) : types[rn(8)];
			out("/icmpv6(type=%u,code=%u,id=%u,seq=%u", t, rn(4) ? 0 : rn(256), rn(65536), rn(65536));
			maybe("csum", 0xffff, wrong);
			out(")");
			if (t >= 1 && t <= 4) {
				if (chance(80))
					gen_icmp_quote(1, wrong);
				return;
			}
		}
		break;
	case 3: /* a tunnel, one deep: specs hold 16 layers */
		if (tunnels++)
			break;
		out("/");
		if (rn(2)) {
			gen_ipv4(wrong);
			gen_transport(0, wrong, 0);
		} else {
			gen_ipv6(wrong);
			gen_transport(1, wrong, 0);
		}
		return;
	default:
		break;
	}
	if (!quoted)
		gen_payload();
}

/* One spec; returns the link type its packets have. */
static int gen_spec(void)
{
	unsigned wrong = chance(30) ? 15 : 0;
	int link = RK_DLT_RAW, arp_ok = 0;
	tlen = 0;
	tunnels = 0;
	text[0] = '\0';
	switch (rn(8)) {
	case 0:
	case 1:
		out("eth(dst=");
		out_mac();
		out(",src=");
		out_mac();
		maybe("type", 0xffff, wrong / 3);
		out(")/");
		for (unsigned n = chance(25) ? 1 + rn(3) : 0; n > 0; n--) {
			out("vlan(vid=%u,pcp=%u,dei=%u%s)/", rn(4096), rn(8), rn(2),
			    chance(30) ? ",tpid=0x88a8" : "");
		}
		link = RK_DLT_EN10MB;
		arp_ok = 1;
		break;
	case 2:
		out("sll(pkttype=%u,hatype=%u,halen=%u,addr=", rn(5), rn(2) ? 1 : rn(65536), rn(9));
		out_hex(rn(9));
		out(")/");
		link = RK_DLT_LINUX_SLL;
		arp_ok = 1;
		break;
	case 3:
		out("sll2(ifindex=%u,reserved=%u,hatype=%u,pkttype=%u,halen=%u,addr=", rnd(),
		    chance(10) ? rn(65536) : 0, rn(2) ? 1 : rn(65536), rn(5), rn(9));
		out_mac();
		out(")/");
		link = RK_DLT_LINUX_SLL2;
		arp_ok = 1;
		break;
	case 4:
		if (rn(2)) {
			out("null/");
			link = RK_DLT_NULL;
		} else {
			out("loop/");
			link = RK_DLT_LOOP;
		}
		break;
	default:
		break;
	}
	if (arp_ok && chance(15)) {
		if (rn(2)) {
			out("arp(op=%u,sha=", rn(3));
			out_mac();
			out(",spa=");
			out_ip4();
			out(",tha=");
			out_mac();
			out(",tpa=");
			out_ip4();
			out(")");
		} else {
			unsigned hl = rn(17), pl = rn(17);
			out("arp(htype=%u,ptype=%u,hlen=%u,plen=%u,op=%u,sha=", rn(65536), rn(65536), hl, pl, rn(65536));
			out_hex(hl);
			out(",spa=");
			out_hex(pl);
			out(",tha=");
			out_hex(hl);
			out(",tpa=");
			out_hex(pl);
			out(")");
		}
		if (chance(30))
			out("/zero:%u", rn(30)); /* link padding */
		return link;
	}
	if (link == RK_DLT_NULL || link == RK_DLT_LOOP) {
		/* the family must lead to IP for the decoder to go on */
		if (rn(2)) {
			gen_ipv4(wrong);
			gen_transport(0, wrong, 0);
		} else {
			tlen -= 1 + (link == RK_DLT_NULL ? 4 : 4); /* drop "null/" or "loop/" */
			static const unsigned fam[] = { 24, 28, 30, 10 };
			out("%s(family=%u)/", link == RK_DLT_NULL ? "null" : "loop", fam[rn(4)]);
			gen_ipv6(wrong);
			gen_transport(1, wrong, 0);
		}
		return link;
	}
	if (rn(2)) {
		gen_ipv4(wrong);
		gen_transport(0, wrong, 0);
	} else {
		gen_ipv6(wrong);
		gen_transport(1, wrong, 0);
	}
	return link;
}

/* ---- the round trip ---------------------------------------------------- */

static uint8_t pkt1[70000], pkt2[70000];
static char printed[300000];
static struct rk_spec spec, spec2;
static unsigned layers_checked;

static unsigned count_layers(const struct rk_pkt *p)
{
	unsigned n = 0;
	for (unsigned i = 0; i < p->n; i++)
		if (p->layer[i].kind != RK_LAYER_PAYLOAD && !(p->layer[i].flags & RK_LAYER_INNER))
			n++;
	return n;
}

static void roundtrip(const uint8_t *bytes, uint32_t caplen, uint32_t wire_len, int linktype,
		      const char *origin, int whole)
{
	static struct rk_pkt pkt;
	struct rk_spec_error err;
	CHECK_EQ(rk_decode(bytes, caplen, wire_len, linktype, &pkt), RK_OK);
	for (unsigned mode = 0; mode < 2; mode++) {
		int n = rk_spec_format_ex(&pkt, mode ? RK_SPEC_FMT_EXPLICIT : 0, printed, sizeof(printed));
		CHECK(n > 0);
		if (n <= 0) {
			fprintf(stderr, "  format failed (%d) for %s\n", n, origin);
			return;
		}
		int rc = rk_spec_parse(&spec2, printed, NULL, &err);
		CHECK_EQ(rc, RK_OK);
		if (rc != RK_OK) {
			fprintf(stderr, "  %s\n  printed %s\n  spec:%u:%u: %s\n", origin, printed, err.line, err.col,
				err.msg);
			return;
		}
		int len = rk_spec_build(&spec2, 0, pkt2, sizeof(pkt2));
		int same = len == (int)caplen && memcmp(bytes, pkt2, caplen) == 0;
		CHECK(same);
		if (!same) {
			fprintf(stderr, "  %s (caplen %u, wire %u, link %d, mode %u)\n  printed %s\n  built %d bytes\n",
				origin, caplen, wire_len, linktype, mode, printed, len);
			if (len == (int)caplen)
				test_hexdiff(bytes, pkt2, caplen);
			return;
		}
		if (whole && mode == 0) {
			/* every decoded layer printed as a layer */
			unsigned spec_layers = 0;
			for (unsigned i = 0; i < spec2.n; i++)
				spec_layers += spec2.layer[i].kind != RK_LAYER_PAYLOAD;
			unsigned want = count_layers(&pkt);
			const struct rk_layer *last = pkt.n ? &pkt.layer[pkt.n - 1] : NULL;
			if (last && !(last->flags & RK_LAYER_INNER) &&
			    (last->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)))
				want--;
			CHECK_EQ(spec_layers, want);
			if (spec_layers != want)
				fprintf(stderr, "  %s\n  printed %s\n", origin, printed);
			layers_checked++;
		}
	}
}

static void test_generated(void)
{
	struct rk_spec_error err;
	unsigned built = 0;
	for (unsigned round = 0; round < ROUNDS; round++) {
		int link = gen_spec();
		int rc = rk_spec_parse(&spec, text, NULL, &err);
		CHECK_EQ(rc, RK_OK);
		if (rc != RK_OK) {
			fprintf(stderr, "  generated %s\n  spec:%u:%u: %s\n", text, err.line, err.col, err.msg);
			continue;
		}
		CHECK_EQ(rk_spec_linktype(&spec), link);
		spec.env.seed = rnd();
		int len = rk_spec_build(&spec, 0, pkt1, sizeof(pkt1));
		if (len == RK_E_INVAL)
			continue; /* e.g. a wrong ihl with opts: nothing the builder can write */
		CHECK(len > 0);
		if (len <= 0) {
			fprintf(stderr, "  build %d: %s\n", len, text);
			continue;
		}
		built++;
		uint32_t n = (uint32_t)len;
		roundtrip(pkt1, n, n, link, text, 1);
		/* link padding */
		if (link == RK_DLT_EN10MB && n < 60) {
			memset(pkt1 + n, 0, 60 - n);
			roundtrip(pkt1, 60, 60, link, "padded", 0);
		}
		/* a snap length */
		uint32_t cut = rn(n + 1);
		roundtrip(pkt1, cut, n, link, "cut", 0);
		/* flipped bytes */
		for (unsigned k = 1 + rn(3); k > 0; k--)
			pkt1[rn(n)] ^= (uint8_t)(1 + rn(255));
		roundtrip(pkt1, n, n, link, "flipped", 0);
	}
	CHECK(built > ROUNDS * 9 / 10);
	fprintf(stderr, "%u generated packets round-tripped, %u with their layers checked\n", built,
		layers_checked);
}

/* Hand-picked cases the generator reaches only by chance. */
static void test_cases(void)
{
	static const struct {
		const char *spec;
		int link;
		const char *printed; /* minimal form expected, NULL: not checked */
	} cases[] = {
		{ "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1)/tcp(sport=1,dport=80,seq=7,opts=[mss:1460])/\"hi\"",
		  RK_DLT_RAW,
		  "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1)/tcp(sport=1,dport=80,seq=7,flags=S,opts=[mss:1460])/\"hi\"" },
		{ "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,csum=0xbad)/udp(sport=1,dport=2,csum=0)",
		  RK_DLT_RAW, "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,csum=0x0bad)/udp(sport=1,dport=2,csum=0x0000)" },
		{ "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01)/vlan(vid=10)/arp(op=1,sha=02:00:00:00:00:01,"
		  "spa=198.18.0.1,tpa=198.18.0.2)", RK_DLT_EN10MB,
		  "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01)/vlan(vid=10)/arp(op=1,sha=02:00:00:00:00:01,"
		  "spa=198.18.0.1,tha=00:00:00:00:00:00,tpa=198.18.0.2)" },
		{ "ipv6(src=2001:db8::2,dst=2001:db8::1)/icmpv6(type=128,id=1,seq=1)", RK_DLT_RAW,
		  "ipv6(src=2001:db8::2,dst=2001:db8::1)/icmpv6(type=128,id=1,seq=1)" },
		{ "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01,type=0x88b5)/hex:0102", RK_DLT_EN10MB,
		  "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01,type=0x88b5)/hex:0102" },
		{ "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01,type=46)/zero:46", RK_DLT_EN10MB,
		  "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01,type=0x002e)/zero:46" },
		{ "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1)/icmp(type=11)/ipv4(src=198.18.0.2,dst=198.18.0.9,id=2,"
		  "ttl=1)/udp(sport=3,dport=4)", RK_DLT_RAW, NULL },
		{ "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,mf=1)/tcp(sport=1,dport=2,seq=3)", RK_DLT_RAW,
		  "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,mf=1)/tcp(sport=1,dport=2,seq=3,flags=S,csum=0x28c4)" },
		{ "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,frag=3,proto=6)/hex:0102", RK_DLT_RAW,
		  "ipv4(src=198.18.0.1,dst=198.18.0.2,id=1,frag=3,proto=6)/hex:0102" },
		{ "ipv6(src=::1,dst=::2)/ipv6.route(type=0,segleft=1,data=hex:0000000020010db8000000000000000000000009)/"
		  "udp(sport=1,dport=2)", RK_DLT_RAW,
		  "ipv6(src=::1,dst=::2)/ipv6.route(segleft=1,data=hex:0000000020010db8000000000000000000000009)/"
		  "udp(sport=1,dport=2)" },
		{ "ipv6(src=::1,dst=::2)", RK_DLT_RAW, "ipv6(src=::1,dst=::2)" },
		{ "ipv6(src=::1,dst=::2)/ipv6.frag(offset=5,id=9)/hex:00", RK_DLT_RAW,
		  "ipv6(src=::1,dst=::2)/ipv6.frag(offset=5,id=9)/zero:1" },
		{ "null/ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)", RK_DLT_NULL, "null/ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)" },
		{ "loop(family=30)/ipv6(src=::1,dst=::2)", RK_DLT_LOOP, "loop(family=30)/ipv6(src=::1,dst=::2)" },
		{ "sll(pkttype=4,addr=02:00:00:00:00:01)/ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)", RK_DLT_LINUX_SLL,
		  "sll(pkttype=4,addr=02:00:00:00:00:01)/ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)" },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=0,opts=[mss:1,eol])",
		  RK_DLT_RAW,
		  "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=0,opts=[mss:1,eol])" },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=hex:0000000001010101)",
		  RK_DLT_RAW,
		  "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=hex:0000000001010101)" },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=hex:0000000000000000)",
		  RK_DLT_RAW,
		  "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=[eol,eol,eol,eol,eol,eol,eol,eol])" },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=[nop,eol,eol])",
		  RK_DLT_RAW,
		  "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=[nop,eol])" },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/tcp(sport=1,dport=2,seq=3,flags=SA,opts=hex:0000000101010101)",
		  RK_DLT_RAW, NULL },
		{ "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/icmp(type=8,id=1,seq=2)/\"a'b\\\"c\\\\\"", RK_DLT_RAW,
		  "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/icmp(type=8,id=1,seq=2)/\"a\\x27b\\\"c\\\\\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		static struct rk_pkt pkt;
		struct rk_spec_error err;
		CHECK_EQ(rk_spec_parse(&spec, cases[i].spec, NULL, &err), RK_OK);
		int len = rk_spec_build(&spec, 0, pkt1, sizeof(pkt1));
		CHECK(len > 0);
		if (len <= 0)
			continue;
		roundtrip(pkt1, (uint32_t)len, (uint32_t)len, cases[i].link, cases[i].spec, 1);
		if (!cases[i].printed)
			continue;
		CHECK_EQ(rk_decode(pkt1, (uint32_t)len, (uint32_t)len, cases[i].link, &pkt), RK_OK);
		CHECK(rk_spec_format(&pkt, printed, sizeof(printed)) > 0);
		CHECK(strcmp(printed, cases[i].printed) == 0);
		if (strcmp(printed, cases[i].printed) != 0)
			fprintf(stderr, "  printed  %s\n  expected %s\n", printed, cases[i].printed);
	}

	/* A buffer too small: RK_E_NOSPACE and a terminated prefix. */
	static struct rk_pkt pkt;
	CHECK_EQ(rk_spec_parse(&spec, "ipv4(src=192.0.2.1,dst=192.0.2.2,id=3)/udp(sport=1,dport=2)", NULL, NULL), RK_OK);
	int len = rk_spec_build(&spec, 0, pkt1, sizeof(pkt1));
	CHECK_EQ(rk_decode(pkt1, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &pkt), RK_OK);
	char small[16];
	memset(small, 'z', sizeof(small));
	CHECK_EQ(rk_spec_format(&pkt, small, 10), RK_E_NOSPACE);
	CHECK(strcmp(small, "ipv4(src=") == 0);
	CHECK_EQ(small[10], 'z');
	CHECK_EQ(rk_spec_format(&pkt, small, 0), RK_E_NOSPACE);
	/* No layers. */
	CHECK_EQ(rk_decode(pkt1, 0, 0, RK_DLT_EN10MB, &pkt), RK_OK);
	pkt.n = 0;
	CHECK_EQ(rk_spec_format(&pkt, printed, sizeof(printed)), RK_E_INVAL);
}

int main(void)
{
	test_cases();
	test_generated();
	return TEST_END();
}
