/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mkpcap.c - writes the capture files the rk-sniff tests read, built with
 * rawkit's layered builder (rk_build) and patched by hand where a frame is
 * meant to be malformed. Usage: mkpcap DIR. Files (see run.sh):
 *
 *   eth.pcap      Ethernet frames whose line rk-sniff prints as tcpdump -n -S
 *                 does: TCP (flags, options), UDP, ICMP and ICMPv6 messages
 *                 and errors, ARP, VLAN/QinQ, IPv6 extension headers,
 *                 fragments, tunnels, malformed headers, and frames cut
 *                 short by the snap length at many places
 *   eth.pcapng    the same frames as pcapng (microsecond resolution)
 *   whole.pcap    complete, well-formed frames: compared with -x/-X/-e/-q
 *                 and the -t styles (tcpdump dumps cut frames differently)
 *   nano.pcap     nanosecond pcap (magic a1b23c4d), for --nano
 *   ts.pcap       times out of order, a day apart, at the epoch
 *   sll.pcap, sll2.pcap, null.pcap, loop.pcap, raw.pcap
 *                 the other link types rawkit decodes
 *   differs.pcap  frames where rk-sniff's line deliberately differs from
 *                 tcpdump's (docs/sniff.md): only checked for valid output
 *   cut.pcap      a file whose last record is cut short (corrupt)
 *   garbage.pcap  not a capture file
 *   stream.pcap   25000 UDP frames (about 3 MB): -w with -C and -W
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/build.h"

#define A4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const uint32_t IP_A = A4(198, 18, 0, 1);
static const uint32_t IP_B = A4(198, 18, 0, 2);
static const uint32_t IP_C = A4(203, 0, 113, 9);
static const uint8_t V6_A[16] = {0x20, 0x01, 0x00, 0x02, [15] = 1};
static const uint8_t V6_B[16] = {0x20, 0x01, 0x00, 0x02, [15] = 2};
static const uint8_t V6_C[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, [15] = 9};
static const uint8_t MAC_A[6] = {2, 0, 0, 0, 0, 1};
static const uint8_t MAC_B[6] = {2, 0, 0, 0, 0, 2};

/* ---- capture files ---- */

struct cap {
	FILE *f;
	bool ng;
	bool nano;
	unsigned n;
};

static void put32(FILE *f, uint32_t v)
{
	fwrite(&v, 4, 1, f); /* host order: the magic number tells readers which */
}

static void put16(FILE *f, uint16_t v)
{
	fwrite(&v, 2, 1, f);
}

static struct cap cap_open(const char *dir, const char *name, int linktype, bool nano, bool ng)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct cap c = {.f = fopen(path, "wb"), .ng = ng, .nano = nano};
	if (!c.f) {
		perror(path);
		exit(1);
	}
	if (!ng) {
		put32(c.f, nano ? 0xa1b23c4d : 0xa1b2c3d4);
		put16(c.f, 2);
		put16(c.f, 4);
		put32(c.f, 0);
		put32(c.f, 0);
		put32(c.f, 262144);
		put32(c.f, (uint32_t)linktype);
		return c;
	}
	/* Section header block, then one interface (default: microseconds). */
	put32(c.f, 0x0a0d0d0a);
	put32(c.f, 28);
	put32(c.f, 0x1a2b3c4d);
	put16(c.f, 1);
	put16(c.f, 0);
	put32(c.f, 0xffffffff);
	put32(c.f, 0xffffffff);
	put32(c.f, 28);
	put32(c.f, 1);
	put32(c.f, 20);
	put16(c.f, (uint16_t)linktype);
	put16(c.f, 0);
	put32(c.f, 262144);
	put32(c.f, 20);
	return c;
}

/* One record: frac in microseconds (or nanoseconds in a nano file). */
static void cap_rec(struct cap *c, uint32_t sec, uint32_t frac, const uint8_t *data,
		    uint32_t caplen, uint32_t len)
{
	c->n++;
	if (!c->ng) {
		put32(c->f, sec);
		put32(c->f, frac);
		put32(c->f, caplen);
		put32(c->f, len);
		fwrite(data, 1, caplen, c->f);
		return;
	}
	uint32_t pad = (4 - caplen % 4) % 4;
	uint64_t ts = (uint64_t)sec * 1000000 + frac;
	put32(c->f, 6);
	put32(c->f, 32 + caplen + pad);
	put32(c->f, 0);
	put32(c->f, (uint32_t)(ts >> 32));
	put32(c->f, (uint32_t)ts);
	put32(c->f, caplen);
	put32(c->f, len);
	fwrite(data, 1, caplen, c->f);
	fwrite("\0\0\0", 1, pad, c->f);
	put32(c->f, 32 + caplen + pad);
}

static void cap_close(struct cap *c)
{
	if (fclose(c->f) != 0) {
		perror("fclose");
		exit(1);
	}
}

/* ---- frames ---- */

static uint8_t fb[4096];
static struct rk_build B;

static void start(void)
{
	rk_build_init(&B, fb, sizeof fb);
}

static int finish_at(int line)
{
	int n = rk_build_finish(&B);
	if (n < 0) {
		fprintf(stderr, "mkpcap: line %d: build failed: %s\n", line, rk_strerror(n));
		exit(1);
	}
	return n;
}

#define finish() finish_at(__LINE__)

static void eth(void)
{
	struct rk_eth_hdr h = {0};
	memcpy(h.src, MAC_A, 6);
	memcpy(h.dst, MAC_B, 6);
	rk_build_eth(&B, &h);
}

static void eth_type(uint16_t type, const uint8_t *dst)
{
	struct rk_eth_hdr h = {.type = type, .set = RK_ETH_SET_TYPE};
	memcpy(h.src, MAC_A, 6);
	memcpy(h.dst, dst ? dst : MAC_B, 6);
	rk_build_eth(&B, &h);
}

static void ip4(uint32_t src, uint32_t dst)
{
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.id = 0x1234;
	h.df = true;
	h.src = src;
	h.dst = dst;
	rk_build_ipv4(&B, &h);
}

static void ip4_frag(uint32_t src, uint32_t dst, bool mf, uint16_t frag, uint8_t proto)
{
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.id = 0x4321;
	h.mf = mf;
	h.frag = frag;
	h.src = src;
	h.dst = dst;
	h.proto = proto;
	h.set = proto ? RK_IPV4_SET_PROTO : 0;
	rk_build_ipv4(&B, &h);
}

static void ip6(const uint8_t *src, const uint8_t *dst)
{
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, src, 16);
	memcpy(h.dst, dst, 16);
	rk_build_ipv6(&B, &h);
}

static void tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
		uint16_t win, const uint8_t *opts, size_t opts_len)
{
	struct rk_tcp_hdr h;
	rk_tcp_init(&h);
	h.sport = sport;
	h.dport = dport;
	h.seq = seq;
	h.ack = ack;
	h.flags = flags;
	h.win = win;
	h.opts = opts;
	h.opts_len = opts_len;
	rk_build_tcp(&B, &h);
}

static void udp(uint16_t sport, uint16_t dport)
{
	struct rk_udp_hdr h = {.sport = sport, .dport = dport};
	rk_build_udp(&B, &h);
}

static void icmp(uint8_t type, uint8_t code, uint16_t id, uint16_t seq)
{
	struct rk_icmp_hdr h = {.type = type, .code = code, .id = id, .seq = seq};
	rk_build_icmp(&B, &h);
}

static void icmp6(uint8_t type, uint8_t code, uint16_t id, uint16_t seq)
{
	struct rk_icmp6_hdr h = {.type = type, .code = code, .id = id, .seq = seq};
	rk_build_icmp6(&B, &h);
}

static void data(const void *p, size_t n)
{
	rk_build_payload(&B, p, n);
}

static void zeros(size_t n)
{
	rk_build_zero(&B, n);
}

static const uint8_t syn_opts[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};

/* A datagram to quote in an ICMP error, into q; returns its length. */
static int quote4(uint8_t *q, size_t cap, uint8_t proto)
{
	struct rk_build saved = B;
	rk_build_init(&B, q, cap);
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.ttl = 1;
	h.src = IP_A;
	h.dst = IP_C;
	rk_build_ipv4(&B, &h);
	if (proto == 17)
		udp(40000, 33434);
	else if (proto == 6)
		tcp(40000, 443, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
	else
		icmp(8, 0, 7, 1);
	zeros(12);
	int n = finish();
	B = saved;
	return n;
}

static int quote6(uint8_t *q, size_t cap)
{
	struct rk_build saved = B;
	rk_build_init(&B, q, cap);
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	h.hlim = 1;
	memcpy(h.src, V6_A, 16);
	memcpy(h.dst, V6_C, 16);
	rk_build_ipv6(&B, &h);
	udp(40000, 33434);
	zeros(12);
	int n = finish();
	B = saved;
	return n;
}

/* Frames go to one or more files. */
#define TO_ETH 0x1u    /* eth.pcap and eth.pcapng */
#define TO_WHOLE 0x2u  /* whole.pcap */
#define TO_DIFF 0x4u   /* differs.pcap */

struct out {
	struct cap eth, ethng, whole, differs;
	uint32_t t;
};

static void emit(struct out *o, unsigned to, int len, uint32_t caplen)
{
	uint32_t cl = caplen && caplen < (uint32_t)len ? caplen : (uint32_t)len;
	uint32_t sec = 1700000000 + o->t, usec = (o->t * 7919) % 1000000;
	o->t++;
	if (to & TO_ETH) {
		cap_rec(&o->eth, sec, usec, fb, cl, (uint32_t)len);
		cap_rec(&o->ethng, sec, usec, fb, cl, (uint32_t)len);
	}
	if (to & TO_WHOLE)
		cap_rec(&o->whole, sec, usec, fb, cl, (uint32_t)len);
	if (to & TO_DIFF)
		cap_rec(&o->differs, sec, usec, fb, cl, (uint32_t)len);
}

static void tcp_frames(struct out *o)
{
	int n;
	const unsigned W = TO_ETH | TO_WHOLE;

	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, syn_opts, sizeof syn_opts);
	n = finish();
	emit(o, W, n, 0);
	/* The same SYN cut by the snap length at every interesting place. */
	static const uint32_t cuts[] = {10, 14, 20, 34, 36, 38, 40, 48, 53, 54, 55, 56, 57, 58, 60, 70};
	for (unsigned i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
		emit(o, TO_ETH, n, cuts[i]);

	static const uint8_t synack_opts[] = {2, 4, 0x05, 0x8c, 1, 1, 4, 2, 1, 3, 3, 14};
	start(); eth(); ip4(IP_B, IP_A); tcp(50000, 40000, 3000000000u, 2, RK_TCP_SYN | RK_TCP_ACK, 65535, synack_opts, sizeof synack_opts);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_PSH | RK_TCP_ACK, 502, NULL, 0); data("hello world", 11);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, NULL, 0);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, 0xff, 502, NULL, 0);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 0, RK_TCP_RST, 0, NULL, 0);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_FIN | RK_TCP_ACK, 502, NULL, 0);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, 0, 502, NULL, 0);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_URG | RK_TCP_ECE | RK_TCP_CWR, 502, NULL, 0);
	emit(o, W, finish(), 0);
	static const uint8_t sack_opts[] = {1, 1, 5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, sack_opts, sizeof sack_opts);
	emit(o, W, finish(), 0);
	static const uint8_t misc_opts[] = {99, 4, 1, 2, 99, 2, 28, 4, 0, 10, 34, 6, 1, 2, 3, 4, 34, 2, 6, 6, 0, 0, 0, 9, 254, 4, 0xab, 0xcd};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, misc_opts, sizeof misc_opts);
	emit(o, W, finish(), 0);
	static const uint8_t md5_opts[] = {19, 18, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 254, 6, 0xf9, 0x89, 1, 2, 254, 8, 0xf9, 0x89, 1, 2, 3, 4};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, md5_opts, sizeof md5_opts);
	emit(o, W, finish(), 0);
	static const uint8_t sack_odd[] = {5, 6, 0, 0, 0, 1, 1, 1, 5, 2, 1, 1};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, sack_odd, sizeof sack_odd);
	emit(o, TO_ETH, finish(), 0);

	/* Malformed TCP: data offset 3 and 15; an option length of 0. */
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, NULL, 0);
	n = finish();
	fb[14 + 20 + 12] = 3 << 4;
	emit(o, TO_ETH, n, 0);
	fb[14 + 20 + 12] = 15 << 4;
	emit(o, TO_ETH, n, 0);
	static const uint8_t bad_opts[] = {1, 1, 2, 0};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, bad_opts, sizeof bad_opts);
	emit(o, TO_ETH, finish(), 0);
}

static void udp_frames(struct out *o)
{
	int n;
	start(); eth(); ip4(IP_A, IP_B); udp(40000, 50000); data("abcdefghij", 10);
	n = finish();
	emit(o, TO_ETH | TO_WHOLE, n, 0);
	emit(o, TO_ETH, n, 36);
	emit(o, TO_ETH, n, 38);
	emit(o, TO_ETH, n, 40);
	emit(o, TO_ETH, n, 45);
	/* UDP length 4 (< 8) and 100 (past the datagram). */
	fb[14 + 20 + 4] = 0;
	fb[14 + 20 + 5] = 4;
	emit(o, TO_ETH, n, 0);
	fb[14 + 20 + 5] = 100;
	emit(o, TO_ETH, n, 0);
	start(); eth(); ip6(V6_A, V6_B); udp(40000, 50000); data("abc", 3);
	emit(o, TO_ETH | TO_WHOLE, finish(), 0);
}

static void icmp_frames(struct out *o)
{
	uint8_t q[128];
	int n, ql;
	const unsigned W = TO_ETH | TO_WHOLE;

	start(); eth(); ip4(IP_A, IP_B); icmp(8, 0, 1, 1); zeros(56);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 38);
	emit(o, TO_ETH, n, 40);
	emit(o, TO_ETH, n, 50);
	start(); eth(); ip4(IP_B, IP_A); icmp(0, 0, 1, 1); zeros(56);
	emit(o, W, finish(), 0);

	ql = quote4(q, sizeof q, 17);
	for (uint8_t code = 0; code <= 16; code++) {
		start(); eth(); ip4(IP_B, IP_A); icmp(3, code, 0, code == 4 ? 1400 : 0); data(q, 28);
		emit(o, W, finish(), 0);
	}
	start(); eth(); ip4(IP_B, IP_A); icmp(3, 4, 0, 0); data(q, 28);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_B, IP_A); icmp(3, 3, 0, 0); data(q, 24);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_B, IP_A); icmp(3, 3, 0, 0); data(q, 28);
	n = finish();
	static const uint32_t cuts[] = {38, 42, 50, 62, 64, 66};
	for (unsigned i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
		emit(o, TO_ETH, n, cuts[i]);
	ql = quote4(q, sizeof q, 6);
	start(); eth(); ip4(IP_B, IP_A); icmp(3, 3, 0, 0); data(q, 28);
	emit(o, W, finish(), 0);
	ql = quote4(q, sizeof q, 1);
	start(); eth(); ip4(IP_B, IP_A); icmp(3, 3, 0, 0); data(q, 28);
	emit(o, W, finish(), 0);
	for (uint8_t code = 0; code <= 2; code++) {
		start(); eth(); ip4(IP_B, IP_A); icmp(11, code, 0, 0); data(q, 28);
		emit(o, W, finish(), 0);
	}
	for (uint8_t code = 0; code <= 4; code++) {
		start(); eth(); ip4(IP_B, IP_A); icmp(5, code, 0xc612, 0x0009); data(q, 28);
		emit(o, W, finish(), 0);
	}
	start(); eth(); ip4(IP_B, IP_A); icmp(12, 0, 20 << 8, 0); data(q, 28);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_B, IP_A); icmp(12, 1, 0, 0); data(q, 28);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_B, IP_A); icmp(4, 0, 0, 0); data(q, 28);
	emit(o, W, finish(), 0);
	(void)ql;

	struct rk_icmp_hdr ts = {.type = 13, .id = 1, .seq = 2, .otime = 3, .rtime = 4, .ttime = 5};
	start(); eth(); ip4(IP_A, IP_B); rk_build_icmp(&B, &ts);
	emit(o, W, finish(), 0);
	ts.type = 14;
	ts.otime = 45296789; /* 12:34:56.789 */
	start(); eth(); ip4(IP_B, IP_A); rk_build_icmp(&B, &ts);
	emit(o, W, finish(), 0);
	static const uint8_t radv[] = {198, 18, 0, 1, 0, 0, 0, 5, 198, 18, 0, 2, 0, 0, 0, 6};
	start(); eth(); ip4(IP_B, IP_A); icmp(9, 0, 0x0202, 3600); data(radv, sizeof radv);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_B, IP_A); icmp(9, 0, 0x0202, 90); data(radv, 8);
	emit(o, TO_ETH, finish(), 0);
	static const uint8_t mask[] = {255, 255, 255, 0};
	for (uint8_t type = 10; type <= 18; type++) {
		if (type == 11 || type == 12 || type == 13 || type == 14)
			continue;
		start(); eth(); ip4(IP_B, IP_A); icmp(type, 0, 0, 0);
		if (type >= 17)
			data(mask, 4);
		emit(o, W, finish(), 0);
	}
	start(); eth(); ip4(IP_B, IP_A); icmp(42, 7, 0, 0);
	emit(o, W, finish(), 0);
}

static void icmp6_frames(struct out *o)
{
	uint8_t q[128];
	int n;
	const unsigned W = TO_ETH | TO_WHOLE;

	start(); eth(); ip6(V6_A, V6_B); icmp6(128, 0, 1, 1); zeros(56);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 54);
	emit(o, TO_ETH, n, 56);
	emit(o, TO_ETH, n, 60);
	start(); eth(); ip6(V6_B, V6_A); icmp6(129, 0, 1, 1); zeros(56);
	emit(o, W, finish(), 0);

	int ql = quote6(q, sizeof q);
	for (uint8_t code = 0; code <= 5; code++) {
		start(); eth(); ip6(V6_B, V6_A); icmp6(1, code, 0, 0); data(q, (size_t)ql);
		emit(o, code == 5 ? TO_ETH : W, finish(), 0);
	}
	start(); eth(); ip6(V6_B, V6_A); icmp6(1, 4, 0, 0); data(q, (size_t)ql);
	n = finish();
	emit(o, TO_ETH, n, 62);
	emit(o, TO_ETH, n, 104);
	start(); eth(); ip6(V6_B, V6_A); icmp6(2, 0, 0, 1280); data(q, (size_t)ql);
	emit(o, W, finish(), 0);
	for (uint8_t code = 0; code <= 2; code++) {
		start(); eth(); ip6(V6_B, V6_A); icmp6(3, code, 0, 0); data(q, (size_t)ql);
		emit(o, W, finish(), 0);
	}
	for (uint8_t code = 0; code <= 3; code++) {
		start(); eth(); ip6(V6_B, V6_A); icmp6(4, code, 0, 7); data(q, (size_t)ql);
		emit(o, W, finish(), 0);
	}
	/* Neighbour discovery, MLD, redirect, and types by name only. */
	static const uint8_t types[] = {130, 131, 132, 133, 134, 135, 136, 137, 141, 142, 143, 144, 145, 146, 147, 151, 255};
	for (unsigned i = 0; i < sizeof types; i++) {
		start(); eth(); ip6(V6_B, V6_A); icmp6(types[i], 0, 0, 0); data(V6_C, 16); data(V6_A, 16);
		/* tcpdump dumps unknown types in hex on its own */
		emit(o, types[i] < 150 ? W : TO_ETH, finish(), 0);
	}
	start(); eth(); ip6(V6_B, V6_A); icmp6(130, 0, 0, 0); data(V6_C, 16);
	emit(o, W, finish(), 0);
	start(); eth(); ip6(V6_B, V6_A); icmp6(135, 0, 0, 0); data(V6_C, 8);
	emit(o, TO_ETH, finish(), 0);
}

static void ip_frames(struct out *o)
{
	int n;
	const unsigned W = TO_ETH | TO_WHOLE;
	static const uint8_t ipopts[] = {1, 1, 1, 0};

	start(); eth(); ip6(V6_A, V6_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, syn_opts, sizeof syn_opts);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 20);
	emit(o, TO_ETH, n, 54);
	emit(o, TO_ETH, n, 56);

	/* IPv4 options; fragments; unknown protocol; tunnels. */
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = IP_A;
	h.dst = IP_B;
	h.opts = ipopts;
	h.opts_len = sizeof ipopts;
	start(); eth(); rk_build_ipv4(&B, &h); udp(40000, 50000); data("abc", 3);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 34);
	emit(o, TO_ETH, n, 36);
	start(); eth(); ip4_frag(IP_A, IP_B, true, 0, 0); udp(40000, 50000); zeros(30);
	emit(o, W, finish(), 0);
	start(); eth(); ip4_frag(IP_A, IP_B, false, 5, 17); zeros(30);
	emit(o, W, finish(), 0);
	start(); eth(); ip4_frag(IP_A, IP_B, true, 1, 1); zeros(20);
	emit(o, W, finish(), 0);
	start(); eth(); ip4_frag(IP_A, IP_B, false, 0, 99); zeros(30);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); ip4(IP_B, IP_A); udp(40000, 50000); data("a", 1);
	emit(o, W, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); ip6(V6_A, V6_B); icmp6(128, 0, 1, 1);
	emit(o, W, finish(), 0);
	start(); eth(); ip6(V6_A, V6_B); ip4(IP_A, IP_B); icmp(8, 0, 1, 1);
	emit(o, W, finish(), 0);

	/* IPv6 extension headers. */
	static const uint8_t padn[6] = {1, 4, 0, 0, 0, 0};
	struct rk_ipv6_opts_hdr oh = {.opts = padn, .opts_len = sizeof padn};
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_opts(&B, RK_LAYER_IPV6_HOP, &oh); icmp6(128, 0, 1, 1);
	emit(o, W, finish(), 0);
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_opts(&B, RK_LAYER_IPV6_HOP, &oh); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
	n = finish();
	emit(o, W, n, 0);
	static const uint32_t cuts[] = {54, 55, 56, 62, 64, 66};
	for (unsigned i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
		emit(o, TO_ETH, n, cuts[i]);
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_opts(&B, RK_LAYER_IPV6_DST, &oh); udp(40000, 50000); data("abc", 3);
	emit(o, W, finish(), 0);
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_opts(&B, RK_LAYER_IPV6_HOP, &oh);
	n = finish();
	fb[14 + 40] = 59; /* no next header after the hop-by-hop options */
	emit(o, W, n, 0);
	start(); eth(); ip6(V6_A, V6_B);
	n = finish();
	fb[14 + 6] = 59;
	emit(o, W, n, 0);
	struct rk_ipv6_frag_hdr fh = {.m = true, .id = 7};
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_frag(&B, &fh); udp(40000, 50000); data("abc", 3);
	emit(o, W, finish(), 0);
	fh.m = false;
	fh.offset = 1;
	fh.nh = 17;
	fh.set = RK_IPV6_EXT_SET_NH;
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_frag(&B, &fh); data("abcdefgh", 8);
	emit(o, W, finish(), 0);
	uint8_t rt0[20] = {0};
	memcpy(rt0 + 4, V6_C, 16);
	struct rk_ipv6_route_hdr rh = {.rtype = 0, .segleft = 1, .data = rt0, .data_len = sizeof rt0};
	start(); eth(); ip6(V6_A, V6_B); rk_build_ipv6_route(&B, &rh); udp(40000, 50000); data("abc", 3);
	emit(o, W, finish(), 0);
	start(); eth(); ip6(V6_A, V6_B); zeros(10);
	n = finish();
	fb[14 + 6] = 99;
	emit(o, W, n, 0);

	/* Malformed IPv4: ihl 4, total length 10 and 0. */
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
	n = finish();
	fb[14] = 0x44;
	emit(o, TO_ETH, n, 0);
	fb[14] = 0x45;
	fb[16] = 0;
	fb[17] = 10;
	emit(o, TO_ETH, n, 0);
	fb[17] = 0;
	emit(o, TO_ETH, n, 0);
}

static void link_frames(struct out *o)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	const unsigned W = TO_ETH | TO_WHOLE;
	struct rk_arp_hdr a;
	int n;

	rk_arp_init(&a);
	memcpy(a.sha, MAC_A, 6);
	memcpy(a.spa, "\xc6\x12\x00\x01", 4);
	memcpy(a.tpa, "\xc6\x12\x00\x02", 4);
	start(); eth_type(0x0806, bcast); rk_build_arp(&B, &a); zeros(18);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 30);
	memcpy(a.tha, MAC_B, 6); /* a request that names the target's address */
	start(); eth_type(0x0806, NULL); rk_build_arp(&B, &a);
	emit(o, W, finish(), 0);
	a.op = 2;
	start(); eth_type(0x0806, NULL); rk_build_arp(&B, &a);
	emit(o, W, finish(), 0);
	for (uint16_t op = 3; op <= 9; op += (op == 4 ? 4 : 1)) {
		a.op = op;
		start(); eth_type(0x0806, NULL); rk_build_arp(&B, &a);
		emit(o, W, finish(), 0);
	}
	a.op = 1;
	a.ptype = 0x86dd;
	start(); eth_type(0x0806, NULL); rk_build_arp(&B, &a);
	emit(o, W, finish(), 0);

	struct rk_vlan_hdr v = {.vid = 10};
	start(); eth(); rk_build_vlan(&B, &v); ip4(IP_A, IP_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
	n = finish();
	emit(o, W, n, 0);
	emit(o, TO_ETH, n, 16);
	emit(o, TO_ETH, n, 18);
	struct rk_vlan_hdr outer = {.vid = 10, .pcp = 5, .dei = true, .tpid = RK_ETHERTYPE_QINQ};
	struct rk_vlan_hdr inner = {.vid = 4095, .pcp = 7};
	start(); eth(); rk_build_vlan(&B, &outer); rk_build_vlan(&B, &inner); ip6(V6_A, V6_B); udp(40000, 50000); data("x", 1);
	emit(o, W, finish(), 0);
	start(); eth(); rk_build_vlan(&B, &v); rk_build_arp(&B, &a);
	emit(o, W, finish(), 0);

	/* Types rawkit does not decode: tcpdump's first line ends in ": ". */
	start(); eth_type(0x88b5, NULL); zeros(46);
	emit(o, TO_ETH, finish(), 0);
	start(); eth_type(0x0801, NULL); zeros(46);
	emit(o, TO_ETH, finish(), 0);
	start(); eth(); rk_build_vlan(&B, &(struct rk_vlan_hdr){.vid = 5, .type = 0x88b5, .set = RK_VLAN_SET_TYPE}); zeros(30);
	emit(o, TO_ETH, finish(), 0);
}

/* Frames whose lines differ from tcpdump's on purpose (docs/sniff.md). */
static void differing_frames(struct out *o)
{
	int n;
	/* Application data on a port tcpdump decodes (": HTTP", DNS ...). */
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 80, 1000, 2000, RK_TCP_PSH | RK_TCP_ACK, 502, NULL, 0); data("GET / HTTP/1.0\r\n\r\n", 18);
	emit(o, TO_DIFF, finish(), 0);
	start(); eth(); ip4(IP_A, IP_B); udp(40000, 53); zeros(12);
	emit(o, TO_DIFF, finish(), 0);
	/* IPv4 and IPv6 total lengths past the frame: rawkit stops there. */
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1000, 2000, RK_TCP_ACK, 502, NULL, 0);
	n = finish();
	fb[17] = 100;
	emit(o, TO_DIFF, n, 0);
	start(); eth(); ip6(V6_A, V6_B); tcp(40000, 50000, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
	n = finish();
	fb[14 + 5] = 200;
	emit(o, TO_DIFF, n, 0);
	/* 802.3 with LLC, loopback: not decoded. */
	start(); eth_type(46, NULL); data("\xaa\xaa\x03", 3); zeros(43);
	emit(o, TO_DIFF, finish(), 0);
	start(); eth_type(0x9000, NULL); zeros(46);
	emit(o, TO_DIFF, finish(), 0);
	/* Option lengths tcpdump reads past; a TS option too short. */
	static const uint8_t opts[] = {2, 3, 5, 0, 3, 4, 7, 0, 8, 8, 0, 0, 0, 1, 0, 0};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1, 2, RK_TCP_ACK, 502, opts, sizeof opts);
	emit(o, TO_DIFF, finish(), 0);
	/* Cut inside a TS or wscale option: tcpdump adds a stray '>'. */
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1, 0, RK_TCP_SYN, 64240, syn_opts, sizeof syn_opts);
	n = finish();
	emit(o, TO_DIFF, n, 62);
	emit(o, TO_DIFF, n, 66);
	emit(o, TO_DIFF, n, 73);
	/* Lengths tcpdump does not follow: it reads mss 5 as mss 4, then the
	   rest of the option as more options. */
	static const uint8_t odd[] = {2, 5, 5, 0, 0, 3, 4, 7, 0, 4, 3, 0};
	start(); eth(); ip4(IP_A, IP_B); tcp(40000, 50000, 1, 2, RK_TCP_ACK, 502, odd, sizeof odd);
	emit(o, TO_DIFF, finish(), 0);
}

/* Capture times: out of order, a second, a day and more apart, epoch 0
   (last: tcpdump -ttt takes a previous time of 0 for "none"). */
static void ts_file(const char *dir)
{
	struct cap c = cap_open(dir, "ts.pcap", 1, false, false);
	static const uint32_t t[][2] = {
		{1700000000, 500000}, {1700000000, 400000}, {1700000001, 400001},
		{1700200000, 0}, {1700000000, 999999}, {86399, 999999}, {0, 0},
	};
	start(); eth(); ip4(IP_A, IP_B); udp(1, 2);
	int n = finish();
	for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++)
		cap_rec(&c, t[i][0], t[i][1], fb, (uint32_t)n, (uint32_t)n);
	cap_close(&c);

	c = cap_open(dir, "nano.pcap", 1, true, false);
	cap_rec(&c, 1700000000, 123456789, fb, (uint32_t)n, (uint32_t)n);
	cap_rec(&c, 1700000000, 123457789, fb, (uint32_t)n, (uint32_t)n);
	cap_rec(&c, 1700000001, 1, fb, (uint32_t)n, (uint32_t)n);
	cap_close(&c);
}

static void other_links(const char *dir)
{
	int n;
	struct cap c;

	c = cap_open(dir, "sll.pcap", RK_DLT_LINUX_SLL, false, false);
	for (uint16_t pt = 0; pt <= 5; pt++) {
		struct rk_sll_hdr s = {.pkttype = pt, .hatype = 1, .halen = 6};
		memcpy(s.addr, MAC_A, 6);
		start(); rk_build_sll(&B, &s); ip4(IP_A, IP_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
		n = finish();
		cap_rec(&c, 1700000000 + pt, 0, fb, (uint32_t)n, (uint32_t)n);
	}
	struct rk_sll_hdr lo = {.hatype = 772};
	start(); rk_build_sll(&B, &lo); ip6(V6_A, V6_B); icmp6(128, 0, 1, 2);
	n = finish();
	cap_rec(&c, 1700000010, 0, fb, (uint32_t)n, (uint32_t)n);
	struct rk_sll_hdr un = {.hatype = 1, .halen = 6, .type = 0x88b5, .set = RK_SLL_SET_TYPE};
	start(); rk_build_sll(&B, &un); zeros(8);
	n = finish();
	cap_rec(&c, 1700000011, 0, fb, (uint32_t)n, (uint32_t)n);
	cap_close(&c);

	/* An interface index no host has, so tcpdump prints "?" too. */
	c = cap_open(dir, "sll2.pcap", RK_DLT_LINUX_SLL2, false, false);
	for (uint8_t pt = 0; pt <= 5; pt++) {
		struct rk_sll2_hdr s = {.pkttype = pt, .hatype = 1, .halen = 6, .ifindex = 4000000};
		memcpy(s.addr, MAC_A, 6);
		start(); rk_build_sll2(&B, &s); ip4(IP_A, IP_B); udp(40000, 50000); data("abc", 3);
		n = finish();
		cap_rec(&c, 1700000000 + pt, 0, fb, (uint32_t)n, (uint32_t)n);
	}
	cap_close(&c);

	for (int loop = 0; loop <= 1; loop++) {
		c = cap_open(dir, loop ? "loop.pcap" : "null.pcap", loop ? RK_DLT_LOOP : RK_DLT_NULL, false, false);
		static const uint32_t fam[] = {2, 24, 28, 30, 99};
		for (unsigned i = 0; i < sizeof fam / sizeof fam[0]; i++) {
			struct rk_null_hdr h = {.family = fam[i], .loop = loop, .set = RK_SLL_SET_TYPE};
			start(); rk_build_null(&B, &h);
			if (fam[i] == 2) {
				ip4(IP_A, IP_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, NULL, 0);
			} else {
				ip6(V6_A, V6_B); icmp6(128, 0, 1, 2);
			}
			n = finish();
			cap_rec(&c, 1700000000 + i, 0, fb, (uint32_t)n, (uint32_t)n);
		}
		cap_close(&c);
	}

	c = cap_open(dir, "raw.pcap", RK_LINKTYPE_RAW, false, false);
	start(); ip4(IP_A, IP_B); tcp(40000, 80, 1, 0, RK_TCP_SYN, 64240, syn_opts, sizeof syn_opts);
	n = finish();
	cap_rec(&c, 1700000000, 1, fb, (uint32_t)n, (uint32_t)n);
	start(); ip6(V6_A, V6_B); udp(40000, 50000); data("abc", 3);
	n = finish();
	cap_rec(&c, 1700000001, 2, fb, (uint32_t)n, (uint32_t)n);
	cap_close(&c);
}

static void bad_files(const char *dir)
{
	struct cap c = cap_open(dir, "cut.pcap", 1, false, false);
	start(); eth(); ip4(IP_A, IP_B); udp(1, 2);
	int n = finish();
	cap_rec(&c, 1700000000, 0, fb, (uint32_t)n, (uint32_t)n);
	cap_rec(&c, 1700000001, 0, fb, (uint32_t)n, (uint32_t)n);
	/* A record header promising 100 bytes, and 10 of them. */
	put32(c.f, 1700000002);
	put32(c.f, 0);
	put32(c.f, 100);
	put32(c.f, 100);
	fwrite(fb, 1, 10, c.f);
	cap_close(&c);

	char path[4096];
	snprintf(path, sizeof path, "%s/garbage.pcap", dir);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs("this is not a capture file, just some text long enough\n", f);
	fclose(f);
}

/* stream.pcap: 25000 UDP frames of 106 bytes (about 3 MB), for -C/-W. */
static void stream_file(const char *dir)
{
	struct cap c = cap_open(dir, "stream.pcap", 1, false, false);
	for (uint32_t i = 0; i < 25000; i++) {
		start(); eth(); ip4(IP_A, IP_B); udp((uint16_t)(40000 + i % 1000), 9); zeros(64);
		int n = finish();
		cap_rec(&c, 1700000000 + i / 1000, (i % 1000) * 1000, fb, (uint32_t)n, (uint32_t)n);
	}
	cap_close(&c);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkpcap DIR\n");
		return 2;
	}
	const char *dir = argv[1];
	struct out o = {
		.eth = cap_open(dir, "eth.pcap", RK_DLT_EN10MB, false, false),
		.ethng = cap_open(dir, "eth.pcapng", RK_DLT_EN10MB, false, true),
		.whole = cap_open(dir, "whole.pcap", RK_DLT_EN10MB, false, false),
		.differs = cap_open(dir, "differs.pcap", RK_DLT_EN10MB, false, false),
	};
	tcp_frames(&o);
	udp_frames(&o);
	icmp_frames(&o);
	icmp6_frames(&o);
	ip_frames(&o);
	link_frames(&o);
	differing_frames(&o);
	cap_close(&o.eth);
	cap_close(&o.ethng);
	cap_close(&o.whole);
	cap_close(&o.differs);
	ts_file(dir);
	other_links(dir);
	bad_files(dir);
	stream_file(dir);
	return 0;
}
