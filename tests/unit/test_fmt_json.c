/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_fmt_json.c - rk_fmt_json() against shared/packet-json.md:
 *  - every layer kind from hand-filled struct rk_pkt values, as exact lines
 *    (keys and their order as the contract's tables list them);
 *  - the contract's own example frame, built with rk_build and decoded;
 *  - truncation: frames cut at every length, the cut layer listing exactly
 *    the keys whose bytes were captured (an independent table below maps
 *    each key to the byte where its field ends), "truncated":true,
 *    "csum_ok":null; inner layers, malformed layers and "error";
 *  - escaping, 9-digit timestamps, unnamed link types;
 *  - every output is valid JSON (a small validator), buffers too small by
 *    any amount fail without writing past them, and RK_FMT_JSON_MAX and
 *    RK_FMT_TEXT_MAX hold the largest lines a full layer table can give.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/fmt.h"
#include "testlib.h"

/* ---- a small JSON validator (RFC 8259 syntax, no semantics) ---- */

static const char *js_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *js_value(const char *p, int depth);

static const char *js_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c >= 0x80) /* control bytes must be escaped; we also want ASCII */
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
				continue;
			}
			if (!*p || !strchr("\"\\/bfnrt", *p))
				return NULL;
		}
		p++;
	}
	return p + 1;
}

static const char *js_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *js_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = js_ws(p);
	switch (*p) {
	case '{':
		p = js_ws(p + 1);
		if (*p == '}')
			return p + 1;
		for (;;) {
			p = js_string(js_ws(p));
			if (!p)
				return NULL;
			p = js_ws(p);
			if (*p++ != ':')
				return NULL;
			p = js_value(p, depth + 1);
			if (!p)
				return NULL;
			p = js_ws(p);
			if (*p == '}')
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	case '[':
		p = js_ws(p + 1);
		if (*p == ']')
			return p + 1;
		for (;;) {
			p = js_value(p, depth + 1);
			if (!p)
				return NULL;
			p = js_ws(p);
			if (*p == ']')
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	case '"':
		return js_string(p);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	}
	return js_number(p);
}

/* One JSON object, then exactly "\n". */
static bool json_line_ok(const char *s, int n)
{
	if (n <= 0 || s[n - 1] != '\n' || (int)strlen(s) != n)
		return false;
	const char *end = js_value(s, 0);
	return end && *end == '\n' && end[1] == '\0' && s[0] == '{';
}

/* ---- helpers ---- */

static char out[RK_FMT_JSON_MAX];

static const struct rk_fmt_meta meta1 = {.n = 1, .ts = {.sec = 1700000000, .nsec = 123456789}};

static int fmt(const struct rk_pkt *p, unsigned digits)
{
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	o.ts_digits = (uint8_t)digits;
	int n = rk_fmt_json(out, sizeof out, p, &meta1, &o);
	if (!json_line_ok(out, n)) {
		test_failures++;
		fprintf(stderr, "  invalid JSON (%d): %s\n", n, n > 0 ? out : "");
	}
	return n;
}

#define CHECK_LINE(pkt, want)                                                            \
	do {                                                                             \
		int n_ = fmt((pkt), 6);                                                  \
		test_checks++;                                                           \
		if (n_ < 0 || strcmp(out, want) != 0) {                                  \
			test_failures++;                                                 \
			fprintf(stderr, "%s:%d: JSON differs\n  got:  %s  want: %s",     \
				__FILE__, __LINE__, n_ >= 0 ? out : "(error)\n", want);  \
		}                                                                        \
	} while (0)

static struct rk_layer *add(struct rk_pkt *p, int kind, uint32_t hdr_len)
{
	struct rk_layer *l = &p->layer[p->n++];
	memset(l, 0, sizeof *l);
	l->kind = (uint8_t)kind;
	l->hdr_len = hdr_len;
	l->cap_len = hdr_len;
	l->csum_ok = RK_CSUM_NONE;
	return l;
}

static void pkt_init(struct rk_pkt *p, int linktype, uint32_t len)
{
	memset(p, 0, sizeof *p);
	p->linktype = linktype;
	p->caplen = len;
	p->len = len;
}

#define HEAD "{\"n\":1,\"ts\":\"1700000000.123456\",\"caplen\":100,\"len\":100,"

/* ---- every layer kind, hand-filled ---- */

static void link_layers(void)
{
	struct rk_pkt p;
	struct rk_layer *l;

	pkt_init(&p, RK_DLT_EN10MB, 100);
	l = add(&p, RK_LAYER_ETH, 14);
	memcpy(l->h.eth.src, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(l->h.eth.dst, "\xff\xff\xff\xff\xff\xff", 6);
	l->h.eth.type = 0x8100;
	l = add(&p, RK_LAYER_VLAN, 4);
	l->h.vlan.pcp = 5;
	l->h.vlan.dei = true;
	l->h.vlan.vid = 4095;
	l->h.vlan.type = 0x88b5;
	l = add(&p, RK_LAYER_PAYLOAD, 82);
	l->h.payload.len = 82;
	l->h.payload.caplen = 82;
	CHECK_LINE(&p, HEAD "\"linktype\":\"EN10MB\",\"layers\":["
			    "{\"layer\":\"eth\",\"src\":\"02:00:00:00:00:01\",\"dst\":\"ff:ff:ff:ff:ff:ff\",\"type\":33024},"
			    "{\"layer\":\"vlan\",\"pcp\":5,\"dei\":true,\"vid\":4095,\"type\":34997},"
			    "{\"layer\":\"payload\",\"len\":82,\"caplen\":82}]}\n");

	pkt_init(&p, RK_DLT_LINUX_SLL, 100);
	l = add(&p, RK_LAYER_SLL, 16);
	l->h.sll.pkttype = 4;
	l->h.sll.hatype = 1;
	l->h.sll.halen = 6;
	memcpy(l->h.sll.addr, "\x02\xAB\x00\x00\x00\x01\x77\x77", 8);
	l->h.sll.type = 0x0806;
	CHECK_LINE(&p, HEAD "\"linktype\":\"LINUX_SLL\",\"layers\":[{\"layer\":\"sll\",\"pkttype\":4,"
			    "\"hatype\":1,\"addr\":\"02:ab:00:00:00:01\",\"type\":2054}]}\n");
	l->h.sll.halen = 20; /* only the first 8 are kept */
	CHECK_LINE(&p, HEAD "\"linktype\":\"LINUX_SLL\",\"layers\":[{\"layer\":\"sll\",\"pkttype\":4,"
			    "\"hatype\":1,\"addr\":\"02:ab:00:00:00:01:77:77\",\"type\":2054}]}\n");
	l->h.sll.halen = 0;
	CHECK_LINE(&p, HEAD "\"linktype\":\"LINUX_SLL\",\"layers\":[{\"layer\":\"sll\",\"pkttype\":4,"
			    "\"hatype\":1,\"addr\":\"\",\"type\":2054}]}\n");

	pkt_init(&p, RK_DLT_LINUX_SLL2, 100);
	l = add(&p, RK_LAYER_SLL2, 20);
	l->h.sll2.type = 0x86dd;
	l->h.sll2.ifindex = 4000000000u;
	l->h.sll2.hatype = 772;
	l->h.sll2.pkttype = 0;
	l->h.sll2.halen = 6;
	memcpy(l->h.sll2.addr, "\x00\x00\x00\x00\x00\x00\x00\x00", 8);
	CHECK_LINE(&p, HEAD "\"linktype\":\"LINUX_SLL2\",\"layers\":[{\"layer\":\"sll2\",\"type\":34525,"
			    "\"ifindex\":4000000000,\"hatype\":772,\"pkttype\":0,\"addr\":\"00:00:00:00:00:00\"}]}\n");

	pkt_init(&p, RK_DLT_NULL, 100);
	l = add(&p, RK_LAYER_NULL, 4);
	l->h.null.family = 30;
	CHECK_LINE(&p, HEAD "\"linktype\":\"NULL\",\"layers\":[{\"layer\":\"null\",\"family\":30}]}\n");
}

static void arp_layer(void)
{
	struct rk_pkt p;
	pkt_init(&p, RK_DLT_EN10MB, 100);
	struct rk_layer *l = add(&p, RK_LAYER_ARP, 28);
	struct rk_arp_hdr *h = &l->h.arp;
	rk_arp_init(h);
	h->op = 2;
	memcpy(h->sha, "\x02\x00\x00\x00\x00\x02", 6);
	memcpy(h->spa, "\xc6\x12\x00\x02", 4);
	memcpy(h->tha, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(h->tpa, "\xc6\x12\x00\x01", 4);
	CHECK_LINE(&p, HEAD "\"linktype\":\"EN10MB\",\"layers\":[{\"layer\":\"arp\",\"htype\":1,"
			    "\"ptype\":2048,\"op\":2,\"sha\":\"02:00:00:00:00:02\",\"spa\":\"198.18.0.2\","
			    "\"tha\":\"02:00:00:00:00:01\",\"tpa\":\"198.18.0.1\"}]}\n");
	/* Other address types: hex, colon-separated. */
	h->ptype = 0x1234;
	h->plen = 2;
	l->hdr_len = l->cap_len = 8 + 12 + 4;
	CHECK_LINE(&p, HEAD "\"linktype\":\"EN10MB\",\"layers\":[{\"layer\":\"arp\",\"htype\":1,"
			    "\"ptype\":4660,\"op\":2,\"sha\":\"02:00:00:00:00:02\",\"spa\":\"c6:12\","
			    "\"tha\":\"02:00:00:00:00:01\",\"tpa\":\"c6:12\"}]}\n");
	/* Cut inside tha: sha and spa are there. */
	h->ptype = 0x0800;
	h->plen = 4;
	l->hdr_len = 28;
	l->cap_len = 21;
	l->flags = RK_LAYER_TRUNCATED;
	CHECK_LINE(&p, HEAD "\"linktype\":\"EN10MB\",\"layers\":[{\"layer\":\"arp\",\"htype\":1,"
			    "\"ptype\":2048,\"op\":2,\"sha\":\"02:00:00:00:00:02\",\"spa\":\"198.18.0.2\","
			    "\"truncated\":true}]}\n");
}

static const uint8_t v6a[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t v6b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, [15] = 2};

static void ip_layers(void)
{
	struct rk_pkt p;
	struct rk_layer *l;
	static const uint8_t ipopts[8] = {0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00};

	pkt_init(&p, RK_DLT_RAW, 100);
	l = add(&p, RK_LAYER_IPV4, 28);
	rk_ipv4_init(&l->h.ipv4);
	l->h.ipv4.ihl = 7;
	l->h.ipv4.tos = 0xb8;
	l->h.ipv4.len = 100;
	l->h.ipv4.id = 65535;
	l->h.ipv4.mf = true;
	l->h.ipv4.frag = 8191;
	l->h.ipv4.ttl = 255;
	l->h.ipv4.proto = 253;
	l->h.ipv4.csum = 0xffff;
	l->h.ipv4.src = 0xc0000201; /* 192.0.2.1 */
	l->h.ipv4.dst = 0xffffffff;
	l->h.ipv4.opts = ipopts;
	l->h.ipv4.opts_len = sizeof ipopts;
	l->csum_ok = RK_CSUM_BAD;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"ipv4\",\"src\":\"192.0.2.1\","
			    "\"dst\":\"255.255.255.255\",\"ihl\":7,\"tos\":184,\"len\":100,\"id\":65535,"
			    "\"df\":false,\"mf\":true,\"frag\":8191,\"ttl\":255,\"proto\":253,\"csum\":65535,"
			    "\"csum_ok\":false,\"opts\":\"9404000001010100\"}]}\n");

	pkt_init(&p, RK_DLT_IPV6, 100);
	l = add(&p, RK_LAYER_IPV6, 40);
	memcpy(l->h.ipv6.src, v6a, 16);
	memcpy(l->h.ipv6.dst, v6b, 16);
	l->h.ipv6.tc = 0xff;
	l->h.ipv6.flow = 0xfffff;
	l->h.ipv6.plen = 60;
	l->h.ipv6.nh = 0;
	l->h.ipv6.hlim = 1;
	l = add(&p, RK_LAYER_IPV6_HOP, 8);
	l->h.ipv6_opts.nh = 60;
	l->h.ipv6_opts.len = 8;
	l = add(&p, RK_LAYER_IPV6_DST, 16);
	l->h.ipv6_opts.nh = 43;
	l->h.ipv6_opts.len = 16;
	l = add(&p, RK_LAYER_IPV6_ROUTE, 24);
	l->h.ipv6_route.nh = 44;
	l->h.ipv6_route.len = 24;
	l = add(&p, RK_LAYER_IPV6_FRAG, 8);
	l->h.ipv6_frag.nh = 17;
	l->h.ipv6_frag.offset = 8191;
	l->h.ipv6_frag.m = true;
	l->h.ipv6_frag.id = 0xdeadbeef;
	l = add(&p, RK_LAYER_PAYLOAD, 4);
	l->h.payload.len = 4;
	l->h.payload.caplen = 0;
	CHECK_LINE(&p, HEAD "\"linktype\":\"IPV6\",\"layers\":[{\"layer\":\"ipv6\",\"src\":\"2001:db8::1\","
			    "\"dst\":\"2001:db8::1:0:0:2\",\"tc\":255,\"flow\":1048575,\"plen\":60,\"nh\":0,"
			    "\"hlim\":1},{\"layer\":\"ipv6.hop\",\"nh\":60,\"len\":8},"
			    "{\"layer\":\"ipv6.dst\",\"nh\":43,\"len\":16},"
			    "{\"layer\":\"ipv6.route\",\"nh\":44,\"len\":24},"
			    "{\"layer\":\"ipv6.frag\",\"nh\":17,\"offset\":8191,\"m\":true,\"id\":3735928559},"
			    "{\"layer\":\"payload\",\"len\":4,\"caplen\":0}]}\n");
}

static void transport_layers(void)
{
	struct rk_pkt p;
	struct rk_layer *l;
	/* mss, sackOK, TS, nop, wscale, sack (1 block), kind 99 (other),
	   mss of length 3 (a known kind, unexpected length), eol, padding */
	static const uint8_t opts[] = {
		2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
		5, 10, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff,
		99, 2, 2, 3, 9, 0, 0, 0, 0, 0,
	};

	pkt_init(&p, RK_DLT_RAW, 100);
	l = add(&p, RK_LAYER_TCP, 20 + sizeof opts);
	l->h.tcp.sport = 40000;
	l->h.tcp.dport = 80;
	l->h.tcp.seq = 4294967295u;
	l->h.tcp.ack = 7;
	l->h.tcp.doff = (20 + sizeof opts) / 4;
	l->h.tcp.flags = 0xff;
	l->h.tcp.win = 0;
	l->h.tcp.csum = 1;
	l->h.tcp.urp = 9;
	l->h.tcp.opts = opts;
	l->h.tcp.opts_len = sizeof opts;
	l->csum_ok = RK_CSUM_OK;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"tcp\",\"sport\":40000,"
			    "\"dport\":80,\"seq\":4294967295,\"ack\":7,\"doff\":15,\"flags\":255,\"win\":0,"
			    "\"csum\":1,\"csum_ok\":true,\"urp\":9,\"opts\":[{\"kind\":2,\"mss\":1460},"
			    "{\"kind\":4},{\"kind\":8,\"tsval\":1,\"tsecr\":0},{\"kind\":1},"
			    "{\"kind\":3,\"wscale\":7},{\"kind\":5,\"sack\":[[1,4294967295]]},"
			    "{\"kind\":99,\"len\":2,\"data\":\"\"},{\"kind\":2,\"len\":3,\"data\":\"09\"},"
			    "{\"kind\":0}]}]}\n");

	/* Known kinds with unexpected lengths are listed raw. */
	static const uint8_t odd[] = {3, 4, 7, 0, 8, 6, 1, 2, 3, 4, 4, 3, 0xaa, 5, 5, 1, 2, 3, 0};
	l->h.tcp.opts = odd;
	l->h.tcp.opts_len = 20;
	l->h.tcp.doff = 10;
	l->hdr_len = l->cap_len = 40;
	l->h.tcp.flags = 0x12;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"tcp\",\"sport\":40000,"
			    "\"dport\":80,\"seq\":4294967295,\"ack\":7,\"doff\":10,\"flags\":18,\"win\":0,"
			    "\"csum\":1,\"csum_ok\":true,\"urp\":9,\"opts\":[{\"kind\":3,\"len\":4,\"data\":\"0700\"},"
			    "{\"kind\":8,\"len\":6,\"data\":\"01020304\"},{\"kind\":4,\"len\":3,\"data\":\"aa\"},"
			    "{\"kind\":5,\"len\":5,\"data\":\"010203\"},{\"kind\":0}]}]}\n");

	/* A bad option length (the decoder's "tcp: bad option length"): the
	   options before it, then the bad one with the bytes that follow. */
	static const uint8_t bad[] = {1, 2, 9, 0xb4, 0x05, 1, 1, 1};
	l->h.tcp.opts = bad;
	l->h.tcp.opts_len = 8;
	l->h.tcp.doff = 7;
	l->hdr_len = l->cap_len = 28;
	l->flags = RK_LAYER_MALFORMED;
	p.error = "tcp: bad option length";
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"tcp\",\"sport\":40000,"
			    "\"dport\":80,\"seq\":4294967295,\"ack\":7,\"doff\":7,\"flags\":18,\"win\":0,"
			    "\"csum\":1,\"csum_ok\":null,\"urp\":9,\"opts\":[{\"kind\":1},"
			    "{\"kind\":2,\"len\":9,\"data\":\"b405010101\"}]}],\"error\":\"tcp: bad option length\"}\n");

	pkt_init(&p, RK_DLT_RAW, 100);
	l = add(&p, RK_LAYER_UDP, 8);
	l->h.udp.sport = 53;
	l->h.udp.dport = 65535;
	l->h.udp.len = 8;
	l->h.udp.csum = 0;
	l->csum_ok = RK_CSUM_OK;
	l = add(&p, RK_LAYER_PAYLOAD, 0);
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"udp\",\"sport\":53,"
			    "\"dport\":65535,\"len\":8,\"csum\":0,\"csum_ok\":true},"
			    "{\"layer\":\"payload\",\"len\":0,\"caplen\":0}]}\n");
}

static void icmp_layers(void)
{
	struct rk_pkt p;
	struct rk_layer *l;
	static const uint8_t types_with_id[] = {0, 8, 13, 14};

	for (unsigned i = 0; i < 4; i++) {
		pkt_init(&p, RK_DLT_RAW, 100);
		l = add(&p, RK_LAYER_ICMP, types_with_id[i] >= 13 ? 20 : 8);
		l->h.icmp.type = types_with_id[i];
		l->h.icmp.id = 1;
		l->h.icmp.seq = 2;
		l->h.icmp.csum = 3;
		l->csum_ok = RK_CSUM_UNKNOWN; /* e.g. inside a fragment */
		char want[512];
		snprintf(want, sizeof want,
			 HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"icmp\",\"type\":%u,\"code\":0,"
			      "\"csum\":3,\"csum_ok\":null,\"id\":1,\"seq\":2}]}\n",
			 types_with_id[i]);
		CHECK_LINE(&p, want);
	}

	/* An error quoting a datagram: the quoted layers carry "inner". */
	pkt_init(&p, RK_DLT_RAW, 100);
	l = add(&p, RK_LAYER_ICMP, 8);
	l->h.icmp.type = 3;
	l->h.icmp.code = 3;
	l->h.icmp.id = 0x1234; /* unused bytes: not listed */
	l->csum_ok = RK_CSUM_OK;
	l = add(&p, RK_LAYER_IPV4, 20);
	rk_ipv4_init(&l->h.ipv4);
	l->h.ipv4.ihl = 5;
	l->h.ipv4.len = 40;
	l->h.ipv4.proto = 17;
	l->flags = RK_LAYER_INNER;
	l->csum_ok = RK_CSUM_OK;
	l = add(&p, RK_LAYER_UDP, 8);
	l->h.udp.sport = 1;
	l->h.udp.dport = 33434;
	l->cap_len = 4;
	l->flags = RK_LAYER_INNER | RK_LAYER_TRUNCATED;
	l->csum_ok = RK_CSUM_UNKNOWN;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"icmp\",\"type\":3,\"code\":3,"
			    "\"csum\":0,\"csum_ok\":true},{\"layer\":\"ipv4\",\"src\":\"0.0.0.0\","
			    "\"dst\":\"0.0.0.0\",\"ihl\":5,\"tos\":0,\"len\":40,\"id\":0,\"df\":false,"
			    "\"mf\":false,\"frag\":0,\"ttl\":64,\"proto\":17,\"csum\":0,\"csum_ok\":true,"
			    "\"inner\":true},{\"layer\":\"udp\",\"sport\":1,\"dport\":33434,\"csum_ok\":null,"
			    "\"truncated\":true,\"inner\":true}]}\n");

	pkt_init(&p, RK_DLT_RAW, 100);
	l = add(&p, RK_LAYER_ICMP6, 8);
	l->h.icmp6.type = 129;
	l->h.icmp6.id = 65535;
	l->h.icmp6.seq = 0;
	l->csum_ok = RK_CSUM_BAD;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"icmpv6\",\"type\":129,"
			    "\"code\":0,\"csum\":0,\"csum_ok\":false,\"id\":65535,\"seq\":0}]}\n");
	l->h.icmp6.type = 2; /* packet too big: no id and seq */
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"icmpv6\",\"type\":2,"
			    "\"code\":0,\"csum\":0,\"csum_ok\":false}]}\n");
	/* No byte captured. */
	l->cap_len = 0;
	l->flags = RK_LAYER_TRUNCATED;
	CHECK_LINE(&p, HEAD "\"linktype\":\"RAW\",\"layers\":[{\"layer\":\"icmpv6\",\"truncated\":true}]}\n");
}

static void frame_keys(void)
{
	struct rk_pkt p;
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);

	/* 9 fraction digits; an unnamed link type as its number; no layers. */
	pkt_init(&p, 147, 3);
	p.caplen = 2;
	o.ts_digits = 9;
	struct rk_fmt_meta m = {.n = UINT64_MAX, .ts = {.sec = 0, .nsec = 5}};
	int n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	CHECK(json_line_ok(out, n));
	CHECK(strcmp(out, "{\"n\":18446744073709551615,\"ts\":\"0.000000005\",\"caplen\":2,\"len\":3,"
			  "\"linktype\":\"147\",\"layers\":[]}\n") == 0);
	o.ts_digits = 6;
	m.ts.nsec = 999999999;
	n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	CHECK(strstr(out, "\"ts\":\"0.999999\"") != NULL);

	/* Error strings are escaped, whatever they hold. */
	pkt_init(&p, RK_DLT_EN10MB, 0);
	p.error = "x\"y\\z\n\t\x01\x7f\xff";
	n = fmt(&p, 6);
	CHECK(strstr(out, "\"error\":\"x\\\"y\\\\z\\n\\t\\u0001\\u007f\\u00ff\"}\n") != NULL);
}

/* ---- the contract's example, built and decoded ---- */

static int build_syn(uint8_t *buf, size_t cap)
{
	uint8_t opts[40];
	struct rk_wr ow;
	rk_wr_init(&ow, opts, sizeof opts);
	rk_tcpopt_mss(&ow, 1460);
	rk_tcpopt_sackok(&ow);
	rk_tcpopt_ts(&ow, 1, 0);
	rk_tcpopt_nop(&ow);
	rk_tcpopt_wscale(&ow, 7);
	struct rk_eth_hdr eth = {.src = {2, 0, 0, 0, 0, 1}, .dst = {2, 0, 0, 0, 0, 2}};
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 4660;
	ip.df = true;
	ip.src = 0xc6120001;
	ip.dst = 0xc6120002;
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = 40000;
	tcp.dport = 80;
	tcp.seq = 1;
	tcp.opts = opts;
	tcp.opts_len = rk_wr_len(&ow);
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	rk_build_eth(&b, &eth);
	rk_build_ipv4(&b, &ip);
	rk_build_tcp(&b, &tcp);
	return rk_build_finish(&b);
}

static void contract_example(void)
{
	uint8_t buf[128];
	struct rk_pkt p;
	int len = build_syn(buf, sizeof buf);
	CHECK_EQ(len, 74);
	CHECK_EQ(rk_decode(buf, 74, 74, RK_DLT_EN10MB, &p), RK_OK);
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	struct rk_fmt_meta m = {.n = 1, .ts = {.sec = 1700000000, .nsec = 123456000}};
	int n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	CHECK(json_line_ok(out, n));
	/* The example's checksums are placeholders; these are the real ones. */
	static const char want[] =
		"{\"n\":1,\"ts\":\"1700000000.123456\",\"caplen\":74,\"len\":74,\"linktype\":\"EN10MB\","
		"\"layers\":["
		"{\"layer\":\"eth\",\"src\":\"02:00:00:00:00:01\",\"dst\":\"02:00:00:00:00:02\",\"type\":2048},"
		"{\"layer\":\"ipv4\",\"src\":\"198.18.0.1\",\"dst\":\"198.18.0.2\",\"ihl\":5,\"tos\":0,\"len\":60,"
		"\"id\":4660,\"df\":true,\"mf\":false,\"frag\":0,\"ttl\":64,\"proto\":6,\"csum\":40032,\"csum_ok\":true},"
		"{\"layer\":\"tcp\",\"sport\":40000,\"dport\":80,\"seq\":1,\"ack\":0,\"doff\":10,\"flags\":2,"
		"\"win\":64240,\"csum\":9301,\"csum_ok\":true,\"urp\":0,"
		"\"opts\":[{\"kind\":2,\"mss\":1460},{\"kind\":4},{\"kind\":8,\"tsval\":1,\"tsecr\":0},{\"kind\":1},{\"kind\":3,\"wscale\":7}]},"
		"{\"layer\":\"payload\",\"len\":0,\"caplen\":0}"
		"]}\n";
	if (n < 0 || strcmp(out, want) != 0) {
		test_failures++;
		fprintf(stderr, "contract example:\n  got:  %s  want: %s", n >= 0 ? out : "(error)\n", want);
	}
}

/* ---- truncation: the keys of a cut layer ---- */

struct keyend {
	const char *key;
	unsigned end; /* the byte of the header where the field ends */
};

/* The contract's keys in order, with where their bytes end (csum_ok: 0,
   always listed; opts: 0, checked separately). */
static const struct keyend eth_keys[] = {{"src", 12}, {"dst", 6}, {"type", 14}, {NULL, 0}};
static const struct keyend ipv4_keys[] = {
	{"src", 16}, {"dst", 20}, {"ihl", 1}, {"tos", 2}, {"len", 4}, {"id", 6}, {"df", 8},
	{"mf", 8}, {"frag", 8}, {"ttl", 9}, {"proto", 10}, {"csum", 12}, {"csum_ok", 0}, {NULL, 0}};
static const struct keyend tcp_keys[] = {
	{"sport", 2}, {"dport", 4}, {"seq", 8}, {"ack", 12}, {"doff", 13}, {"flags", 14},
	{"win", 16}, {"csum", 18}, {"csum_ok", 0}, {"urp", 20}, {NULL, 0}};
static const struct keyend udp_keys[] = {
	{"sport", 2}, {"dport", 4}, {"len", 6}, {"csum", 8}, {"csum_ok", 0}, {NULL, 0}};
static const struct keyend ipv6_keys[] = {
	{"src", 24}, {"dst", 40}, {"tc", 2}, {"flow", 4}, {"plen", 6}, {"nh", 7}, {"hlim", 8}, {NULL, 0}};
static const struct keyend icmp_keys[] = {
	{"type", 1}, {"code", 2}, {"csum", 4}, {"csum_ok", 0}, {"id", 6}, {"seq", 8}, {NULL, 0}};
static const struct keyend frag_keys[] = {{"nh", 1}, {"offset", 4}, {"m", 4}, {"id", 8}, {NULL, 0}};
static const struct keyend vlan_keys[] = {{"pcp", 2}, {"dei", 2}, {"vid", 2}, {"type", 4}, {NULL, 0}};

/* The top-level keys of the JSON object starting at s, as "a,b,c". */
static void object_keys(const char *s, char *keys, size_t cap)
{
	int depth = 0;
	bool in_str = false, want_key = false;
	size_t k = 0;
	keys[0] = '\0';
	for (const char *p = s; *p; p++) {
		if (in_str) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_str = false;
			continue;
		}
		if (*p == '{' || *p == '[') {
			depth++;
			want_key = *p == '{' && depth == 1;
		} else if (*p == '}' || *p == ']') {
			if (--depth == 0)
				return;
		} else if (*p == ',' && depth == 1) {
			want_key = true;
		} else if (*p == '"') {
			if (want_key) {
				const char *e = strchr(p + 1, '"');
				size_t n = (size_t)(e - p - 1);
				if (k && k + 1 < cap)
					keys[k++] = ',';
				if (k + n + 1 < cap) {
					memcpy(keys + k, p + 1, n);
					k += n;
					keys[k] = '\0';
				}
				want_key = false;
				p = e;
				continue;
			}
			in_str = true;
		}
	}
}

/* What the cut layer (cap bytes of it captured) must list. */
static void expected_keys(const struct keyend *t, const char *layer, unsigned cap, char *keys,
			  size_t size)
{
	snprintf(keys, size, "layer");
	if (cap == 0) {
		strncat(keys, ",truncated", size - strlen(keys) - 1);
		return;
	}
	for (; t->key; t++) {
		if (t->end && cap < t->end)
			continue;
		/* icmp id and seq only for echo: the tests use echo. */
		strncat(keys, ",", size - strlen(keys) - 1);
		strncat(keys, t->key, size - strlen(keys) - 1);
	}
	(void)layer;
	strncat(keys, ",truncated", size - strlen(keys) - 1);
}

/* Cut frame (len bytes at buf) at every length; whenever the layer of kind
   `kind` at index idx is the truncated one, check its keys against t. */
static void sweep(const uint8_t *buf, int len, int linktype, unsigned idx, int kind,
		  const struct keyend *t)
{
	struct rk_pkt p;
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	for (int cut = 0; cut <= len; cut++) {
		CHECK_EQ(rk_decode(buf, (uint32_t)cut, (uint32_t)len, linktype, &p), RK_OK);
		int n = rk_fmt_json(out, sizeof out, &p, &meta1, &o);
		if (!json_line_ok(out, n)) {
			test_failures++;
			fprintf(stderr, "  cut %d: invalid JSON: %s\n", cut, n > 0 ? out : "");
			continue;
		}
		CHECK(p.error == NULL); /* a cut is never an error */
		char tn[64];
		char text[RK_FMT_TEXT_MAX];
		CHECK(rk_fmt_text(text, sizeof text, &p, &meta1, &o) > 0);
		if (p.n != idx + 1 || p.layer[idx].kind != kind ||
		    !(p.layer[idx].flags & RK_LAYER_TRUNCATED))
			continue;
		/* Find the cut layer's object: the last one in "layers". */
		snprintf(tn, sizeof tn, "{\"layer\":\"%s\"", rk_layer_name(kind));
		const char *obj = NULL;
		for (const char *s = out; (s = strstr(s, tn)); s++)
			obj = s;
		CHECK(obj != NULL);
		if (!obj)
			continue;
		char got[256], want[256];
		object_keys(obj, got, sizeof got);
		expected_keys(t, tn, p.layer[idx].cap_len, want, sizeof want);
		test_checks++;
		if (strcmp(got, want) != 0) {
			test_failures++;
			fprintf(stderr, "  %s cut at %u: keys %s, want %s\n", rk_layer_name(kind),
				p.layer[idx].cap_len, got, want);
		}
		if (strstr(obj, "\"csum_ok\""))
			CHECK(strncmp(strstr(obj, "\"csum_ok\""), "\"csum_ok\":null", 14) == 0);
	}
}

static void truncation(void)
{
	uint8_t buf[256];
	int len = build_syn(buf, sizeof buf);
	sweep(buf, len, RK_DLT_EN10MB, 0, RK_LAYER_ETH, eth_keys);
	sweep(buf, len, RK_DLT_EN10MB, 1, RK_LAYER_IPV4, ipv4_keys);
	sweep(buf, len, RK_DLT_EN10MB, 2, RK_LAYER_TCP, tcp_keys);

	/* VLAN, IPv6, fragment header, UDP. */
	struct rk_build b;
	struct rk_eth_hdr eth = {.src = {2, 0, 0, 0, 0, 1}, .dst = {2, 0, 0, 0, 0, 2}};
	struct rk_vlan_hdr vlan = {.vid = 10, .pcp = 3};
	struct rk_ipv6_hdr ip6;
	rk_ipv6_init(&ip6);
	memcpy(ip6.src, v6a, 16);
	memcpy(ip6.dst, v6b, 16);
	struct rk_ipv6_frag_hdr fh = {.id = 7};
	struct rk_udp_hdr udp = {.sport = 40000, .dport = 53};
	rk_build_init(&b, buf, sizeof buf);
	rk_build_eth(&b, &eth);
	rk_build_vlan(&b, &vlan);
	rk_build_ipv6(&b, &ip6);
	rk_build_ipv6_frag(&b, &fh);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, "abc", 3);
	len = rk_build_finish(&b);
	CHECK(len > 0);
	sweep(buf, len, RK_DLT_EN10MB, 1, RK_LAYER_VLAN, vlan_keys);
	sweep(buf, len, RK_DLT_EN10MB, 2, RK_LAYER_IPV6, ipv6_keys);
	sweep(buf, len, RK_DLT_EN10MB, 3, RK_LAYER_IPV6_FRAG, frag_keys);
	sweep(buf, len, RK_DLT_EN10MB, 4, RK_LAYER_UDP, udp_keys);

	/* ICMP echo over raw IPv4. */
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	struct rk_icmp_hdr ic = {.type = 8, .id = 1, .seq = 2};
	rk_build_init(&b, buf, sizeof buf);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	rk_build_zero(&b, 8);
	len = rk_build_finish(&b);
	CHECK(len > 0);
	sweep(buf, len, RK_DLT_RAW, 1, RK_LAYER_ICMP, icmp_keys);
}

/* A quoted datagram is cut where the quotation ends: inner, truncated,
   null checksums, no payload after it, no error. */
static void quotation(void)
{
	uint8_t inner[64], buf[256];
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = 0xc6120001;
	ip.dst = 0xcb007109;
	struct rk_udp_hdr udp = {.sport = 40000, .dport = 33434};
	rk_build_init(&b, inner, sizeof inner);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	rk_build_zero(&b, 12);
	int ilen = rk_build_finish(&b);
	CHECK(ilen == 40);

	struct rk_icmp_hdr ic = {.type = 3, .code = 3};
	rk_ipv4_init(&ip);
	rk_build_init(&b, buf, sizeof buf);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	rk_build_payload(&b, inner, 24); /* IP header and 4 bytes of UDP */
	int len = rk_build_finish(&b);
	CHECK(len > 0);
	struct rk_pkt p;
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_RAW, &p), RK_OK);
	int n = fmt(&p, 6);
	CHECK(n > 0);
	CHECK(p.error == NULL);
	CHECK(strstr(out, "{\"layer\":\"udp\",\"sport\":40000,\"dport\":33434,\"csum_ok\":null,"
			  "\"truncated\":true,\"inner\":true}]}\n") != NULL);
	CHECK(strstr(out, "\"proto\":17,\"csum\":") != NULL);
	CHECK(strstr(out, "payload") == NULL);
}

/* Malformed: the layer is listed with what was captured, csum_ok null,
   and "error" names it. */
static void malformed(void)
{
	uint8_t buf[128];
	int len = build_syn(buf, sizeof buf);
	buf[14] = 0x44; /* ihl 4 */
	struct rk_pkt p;
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_EN10MB, &p), RK_OK);
	fmt(&p, 6);
	CHECK(strstr(out, "\"ihl\":4,") != NULL);
	CHECK(strstr(out, "\"csum_ok\":null}],\"error\":\"ipv4: ihl 4 < 5\"}\n") != NULL);
	CHECK(strstr(out, "truncated") == NULL);
}

/* ---- buffers and bounds ---- */

static void small_buffers(void)
{
	uint8_t buf[128];
	struct rk_pkt p;
	int len = build_syn(buf, sizeof buf);
	CHECK_EQ(rk_decode(buf, (uint32_t)len, (uint32_t)len, RK_DLT_EN10MB, &p), RK_OK);
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	int full = rk_fmt_json(out, sizeof out, &p, &meta1, &o);
	CHECK(full > 0);
	static char small[RK_FMT_JSON_MAX + 1];
	for (int cap = 0; cap <= full + 1; cap++) {
		memset(small, '#', (size_t)full + 2);
		int n = rk_fmt_json(small, (size_t)cap, &p, &meta1, &o);
		CHECK_EQ(n, cap < full ? RK_E_NOSPACE : full);
		CHECK(small[cap] == '#');
		if (cap == full)
			CHECK(memcmp(small, out, (size_t)full) == 0);
	}
	int tfull = rk_fmt_text(out, sizeof out, &p, &meta1, &o);
	CHECK(tfull > 0);
	for (int cap = 0; cap <= tfull + 1; cap++) {
		memset(small, '#', (size_t)tfull + 2);
		int n = rk_fmt_text(small, (size_t)cap, &p, &meta1, &o);
		CHECK_EQ(n, cap < tfull ? RK_E_NOSPACE : tfull);
		CHECK(small[cap] == '#');
	}
}

/* The longest lines a full table of layers can give: 32 TCP layers, each
   with 40 bytes of two-byte unknown options, and 32 ARP layers with the
   longest addresses; an error string too. */
static void bounds(void)
{
	static struct rk_pkt p;
	static const uint8_t opts[40] = {
		255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2,
		255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2, 255, 2,
	};
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	o.ts_digits = 9;
	struct rk_fmt_meta m = {.n = UINT64_MAX, .ts = {.sec = INT64_MIN, .nsec = 999999999}};

	pkt_init(&p, -2147483647 - 1, UINT32_MAX);
	p.error = "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01"
		  "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01";
	for (unsigned i = 0; i < RK_PKT_MAX_LAYERS; i++) {
		struct rk_layer *l = add(&p, RK_LAYER_TCP, 60);
		l->h.tcp = (struct rk_tcp_hdr){.sport = 65535, .dport = 65535, .seq = UINT32_MAX,
					       .ack = UINT32_MAX, .doff = 15, .flags = 255,
					       .win = 65535, .csum = 65535, .urp = 65535,
					       .opts = opts, .opts_len = 40};
		l->flags = RK_LAYER_INNER;
	}
	int n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	CHECK(json_line_ok(out, n));
	fprintf(stderr, "  longest JSON line found: %d of %d\n", n, RK_FMT_JSON_MAX);
	/* Near the end of a buffer the last (largest) layer goes through the
	   formatter's own stack buffer: exact fit, and one byte short. */
	static char exact[RK_FMT_JSON_MAX];
	CHECK_EQ(rk_fmt_json(exact, (size_t)n, &p, &m, &o), n);
	CHECK(memcmp(exact, out, (size_t)n) == 0);
	CHECK_EQ(rk_fmt_json(exact, (size_t)n - 1, &p, &m, &o), RK_E_NOSPACE);

	pkt_init(&p, RK_DLT_EN10MB, UINT32_MAX);
	for (unsigned i = 0; i < RK_PKT_MAX_LAYERS; i++) {
		struct rk_layer *l = add(&p, RK_LAYER_ARP, 8 + 4 * 255);
		memset(&l->h.arp, 0xff, sizeof l->h.arp);
		l->flags = RK_LAYER_INNER | RK_LAYER_TRUNCATED;
	}
	n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	CHECK(json_line_ok(out, n));
	CHECK(n > 0 && n < RK_FMT_JSON_MAX);

	/* Text: IPv6 in IPv6 to the end of the table, then TCP with every
	   option; and the same over IPv4. */
	static uint8_t frame[4096];
	for (int v = 4; v <= 6; v += 2) {
		struct rk_build b;
		rk_build_init(&b, frame, sizeof frame);
		rk_build_sll2(&b, &(struct rk_sll2_hdr){.halen = 8, .ifindex = UINT32_MAX});
		for (int i = 0; i < 14; i++) {
			if (v == 6) {
				struct rk_ipv6_hdr ip6;
				rk_ipv6_init(&ip6);
				memset(ip6.src, 0xff, 16);
				memset(ip6.dst, 0xee, 16);
				rk_build_ipv6(&b, &ip6);
			} else {
				struct rk_ipv4_hdr ip;
				rk_ipv4_init(&ip);
				ip.src = ip.dst = 0xffffffff;
				rk_build_ipv4(&b, &ip);
			}
		}
		uint8_t topts[40];
		memset(topts, 1, sizeof topts);
		topts[0] = 19;
		topts[1] = 18;
		struct rk_tcp_hdr tcp;
		rk_tcp_init(&tcp);
		tcp.flags = 0xff;
		tcp.opts = topts;
		tcp.opts_len = 40;
		rk_build_tcp(&b, &tcp);
		int len = rk_build_finish(&b);
		CHECK(len > 0);
		CHECK_EQ(rk_decode(frame, (uint32_t)len, (uint32_t)len, RK_DLT_LINUX_SLL2, &p), RK_OK);
		o.link = true;
		o.ts_style = RK_TS_DATE;
		m.ts.sec = INT64_MAX / 2;
		char text[RK_FMT_TEXT_MAX];
		n = rk_fmt_text(text, sizeof text, &p, &m, &o);
		CHECK(n > 0);
		fprintf(stderr, "  long text line (IPv%d tunnels): %d of %d\n", v, n, RK_FMT_TEXT_MAX);
		n = rk_fmt_json(out, sizeof out, &p, &m, &o);
		CHECK(json_line_ok(out, n));
	}
}

/* Layers filled with random values (within what the structs can hold),
   random lengths and flags: always a valid line, never past the buffer. */
static void random_layers(void)
{
	static struct rk_pkt p;
	static uint8_t bytes[64];
	static char small[2048];
	uint32_t r = 99;
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	for (int iter = 0; iter < 3000; iter++) {
		pkt_init(&p, (int)(r % 300), r);
		p.n = 1 + r % RK_PKT_MAX_LAYERS;
		for (unsigned i = 0; i < p.n; i++) {
			struct rk_layer *l = &p.layer[i];
			uint8_t *raw = (uint8_t *)l;
			for (size_t k = 0; k < sizeof *l; k++) {
				r ^= r << 13;
				r ^= r >> 17;
				r ^= r << 5;
				raw[k] = (uint8_t)r;
			}
			for (size_t k = 0; k < sizeof bytes; k++)
				bytes[k] = (uint8_t)(r >> (k % 24));
			l->kind = (uint8_t)(1 + r % (RK_LAYER_KIND_COUNT - 1));
			l->flags &= 7;
			l->cap_len %= 100;
			l->csum_ok = (int8_t)((int)(r % 4) - 2);
			/* The decoder's promises: option pointers over real bytes,
			   4-bit header lengths, ARP lengths as the struct holds. */
			l->h.ipv4.opts = bytes;
			l->h.ipv4.opts_len = r % 41;
			l->h.ipv4.ihl &= 15;
			if (l->kind == RK_LAYER_TCP) {
				l->h.tcp.opts = bytes;
				l->h.tcp.opts_len = r % 41;
				l->h.tcp.doff &= 15;
				l->h.tcp.flags = (uint8_t)r;
			}
			if (l->kind == RK_LAYER_IPV4) {
				l->h.ipv4.opts = bytes;
				l->h.ipv4.opts_len = r % 41;
			}
			if (l->kind == RK_LAYER_VLAN)
				l->h.vlan.dei = r & 1;
			if (l->kind == RK_LAYER_IPV4)
				l->h.ipv4.df = l->h.ipv4.mf = r & 1;
			if (l->kind == RK_LAYER_IPV6_FRAG)
				l->h.ipv6_frag.m = r & 1;
		}
		p.error = r & 1 ? "x: \"odd\"\n" : NULL;
		int n = rk_fmt_json(out, sizeof out, &p, &meta1, &o);
		if (!json_line_ok(out, n)) {
			test_failures++;
			fprintf(stderr, "  random %d: invalid JSON: %s\n", iter, n > 0 ? out : "");
			break;
		}
		size_t cap = r % sizeof small;
		int m = rk_fmt_json(small, cap, &p, &meta1, &o);
		CHECK(m == ((size_t)n <= cap ? n : RK_E_NOSPACE));
	}
}

int main(void)
{
	random_layers();
	link_layers();
	arp_layer();
	ip_layers();
	transport_layers();
	icmp_layers();
	frame_keys();
	contract_example();
	truncation();
	quotation();
	malformed();
	small_buffers();
	bounds();
	return TEST_END();
}
