/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * craft_bench.c - how fast can a SYN be crafted: packets per second on one
 * core for four ways of building the same 60-byte IPv4+TCP SYN (MSS, SACK
 * permitted, timestamps, NOP, window scale; lengths and checksums filled),
 * with a new destination address and port every packet:
 *
 *   rawkit-layered   rk_build_init/ipv4/tcp/finish for every packet
 *   rawkit-template  one template, then per packet patch dst and dport and
 *                    adjust both checksums by RFC 1624 (rk_csum_update32/16),
 *                    the synscan path
 *   libnet-ptag      libnet 1.1 re-building its TCP and IPv4 pblocks with the
 *                    same ptags, then libnet_pblock_coalesce (malloc + copy +
 *                    checksums) and libnet_adv_free_packet
 *   floor            hand-written: memcpy the template, patch dst and dport,
 *                    recompute the IP and TCP checksums from scratch
 *
 * Nothing is sent (libnet runs in a build-only context). Before timing, the
 * four are checked to produce identical bytes for the first packets. Each
 * result feeds a sink printed at the end, so no work can be optimised away.
 *
 * Usage: rk-bench-craft [COUNT [REPEATS]]  (default 10000000 packets, best
 * of 5 repeats; the contenders take turns, so a burst of load from another
 * process spoils one repeat of one contender, not all of them). Not a test:
 * it asserts nothing about speed; a reader compares the ratios it prints
 * with the targets (docs/PERFORMANCE.md).
 */
#include <errno.h>
#include <libnet.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"

#define PKT_LEN 60
#define SRC_ADDR 0xc0000201u /* 192.0.2.1 */
#define SPORT 40000
#define SEQ 0x5eed1234u
#define TSVAL 0x01020304u
#define IP_ID 0x4242
#define MSS 1460
#define WSCALE 7

/* Offsets in the 60-byte packet. */
#define OFF_IP_CSUM 10
#define OFF_IP_DST 16
#define OFF_TCP 20
#define OFF_TCP_DPORT 22
#define OFF_TCP_CSUM 36

/* ---- the target sequence: identical for every contender ------------------ */

/* xorshift32: a new destination in 198.18.0.0/15 and a port per packet. */
static inline void next_target(uint32_t *state, uint32_t *dst, uint16_t *dport)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	*dst = 0xc6120000u | (x & 0x1ffffu);
	*dport = (uint16_t)(x >> 16 | 1);
}

#define TARGET_SEED 0x9e3779b9u

/* Linux's SYN option layout: MSS, SACK-permitted, timestamps, NOP, wscale. */
static size_t syn_options(uint8_t *out)
{
	struct rk_wr w;
	rk_wr_init(&w, out, RK_TCP_OPTS_MAX);
	rk_tcpopt_mss(&w, MSS);
	rk_tcpopt_sackok(&w);
	rk_tcpopt_ts(&w, TSVAL, 0);
	rk_tcpopt_nop(&w);
	rk_tcpopt_wscale(&w, WSCALE);
	return rk_wr_len(&w);
}

/* ---- 1. rawkit's layered builder ----------------------------------------- */

struct layered {
	struct rk_ipv4_hdr ip;
	struct rk_tcp_hdr tcp;
	uint8_t opts[RK_TCP_OPTS_MAX];
};

static void layered_init(struct layered *c)
{
	rk_ipv4_init(&c->ip);
	c->ip.id = IP_ID;
	c->ip.df = true;
	c->ip.src = SRC_ADDR;
	rk_tcp_init(&c->tcp);
	c->tcp.sport = SPORT;
	c->tcp.seq = SEQ;
	c->tcp.opts = c->opts;
	c->tcp.opts_len = syn_options(c->opts);
}

static inline int layered_craft(struct layered *c, uint8_t *buf, size_t cap, uint32_t dst,
				uint16_t dport)
{
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	c->ip.dst = dst;
	c->tcp.dport = dport;
	if (rk_build_ipv4(&b, &c->ip) != RK_OK || rk_build_tcp(&b, &c->tcp) != RK_OK)
		return -1;
	return rk_build_finish(&b);
}

/* ---- 2. rawkit template + RFC 1624 ---------------------------------------- */

struct templ {
	_Alignas(64) uint8_t pkt[PKT_LEN];
	uint32_t dst; /* as in the template */
	uint16_t dport;
	uint16_t ip_csum, tcp_csum;
};

static int templ_init(struct templ *t)
{
	struct layered c;
	layered_init(&c);
	if (layered_craft(&c, t->pkt, sizeof t->pkt, 0, 0) != PKT_LEN)
		return -1;
	t->dst = 0;
	t->dport = 0;
	t->ip_csum = rk_get_be16(t->pkt + OFF_IP_CSUM);
	t->tcp_csum = rk_get_be16(t->pkt + OFF_TCP_CSUM);
	return 0;
}

static inline int templ_craft(const struct templ *t, uint8_t *buf, uint32_t dst, uint16_t dport)
{
	memcpy(buf, t->pkt, PKT_LEN);
	rk_put_be32(buf + OFF_IP_DST, dst);
	rk_put_be16(buf + OFF_TCP_DPORT, dport);
	rk_put_be16(buf + OFF_IP_CSUM, rk_csum_update32(t->ip_csum, t->dst, dst));
	uint16_t c = rk_csum_update32(t->tcp_csum, t->dst, dst); /* pseudo-header */
	rk_put_be16(buf + OFF_TCP_CSUM, rk_csum_update16(c, t->dport, dport));
	return PKT_LEN;
}

/* ---- 3. libnet, ptags reused ------------------------------------------------ */

struct lnet {
	libnet_t *l;
	libnet_ptag_t ip, tcp;
	uint8_t opts[RK_TCP_OPTS_MAX];
	size_t opts_len;
};

static int lnet_init(struct lnet *c, char *errbuf)
{
	/* Build-only first; an advanced raw context when that is refused. */
	c->l = libnet_init(LIBNET_NONE, NULL, errbuf);
	if (!c->l)
		c->l = libnet_init(LIBNET_RAW4_ADV, NULL, errbuf);
	if (!c->l)
		return -1;
	c->opts_len = syn_options(c->opts);
	c->ip = c->tcp = 0;
	if (libnet_build_tcp_options(c->opts, (uint32_t)c->opts_len, c->l, 0) == -1) {
		snprintf(errbuf, LIBNET_ERRBUF_SIZE, "%s", libnet_geterror(c->l));
		return -1;
	}
	return 0;
}

/* Rebuild with the same ptags; copy the packet out when copy is set.
   Returns the length, or -1. */
static inline int lnet_craft(struct lnet *c, uint8_t *copy, uint32_t dst, uint16_t dport,
			     uint32_t *csums)
{
	libnet_t *l = c->l;
	c->tcp = libnet_build_tcp(SPORT, dport, SEQ, 0, TH_SYN, 64240, 0, 0,
				  (uint16_t)(LIBNET_TCP_H + c->opts_len), NULL, 0, l, c->tcp);
	c->ip = libnet_build_ipv4(PKT_LEN, 0, IP_ID, IP_DF, 64, IPPROTO_TCP, 0, htonl(SRC_ADDR),
				  htonl(dst), NULL, 0, l, c->ip);
	if (c->tcp == -1 || c->ip == -1)
		return -1;
	uint8_t *pkt;
	uint32_t n;
	if (libnet_pblock_coalesce(l, &pkt, &n) == -1)
		return -1;
	*csums = (uint32_t)rk_get_be16(pkt + OFF_IP_CSUM) << 16 | rk_get_be16(pkt + OFF_TCP_CSUM);
	if (copy)
		memcpy(copy, pkt, n < PKT_LEN ? n : PKT_LEN);
	libnet_adv_free_packet(l, pkt);
	return (int)n;
}

/* ---- 4. the floor: fill and checksum by hand -------------------------------- */

/* Sum of n (even) bytes as native 16-bit words (RFC 1071 2(B): byte order
   does not matter until the end). */
static inline uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i < n; i += 2) {
		uint16_t w;
		memcpy(&w, p + i, 2);
		s += w;
	}
	return s;
}

static inline uint16_t fold(uint32_t s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static inline int floor_craft(const uint8_t *tmpl, uint8_t *buf, uint32_t dst, uint16_t dport)
{
	memcpy(buf, tmpl, PKT_LEN);
	rk_put_be32(buf + OFF_IP_DST, dst);
	rk_put_be16(buf + OFF_TCP_DPORT, dport);
	buf[OFF_IP_CSUM] = buf[OFF_IP_CSUM + 1] = 0;
	uint16_t c = fold(sum16(buf, 20, 0));
	memcpy(buf + OFF_IP_CSUM, &c, 2);
	buf[OFF_TCP_CSUM] = buf[OFF_TCP_CSUM + 1] = 0;
	/* Pseudo-header: the addresses in place, then protocol and length as
	   native words of their big-endian bytes. */
	static const uint8_t proto_len[4] = {0, 6, 0, PKT_LEN - 20};
	uint32_t s = sum16(buf + 12, 8, 0);
	s = sum16(proto_len, 4, s);
	c = fold(sum16(buf + OFF_TCP, PKT_LEN - 20, s));
	memcpy(buf + OFF_TCP_CSUM, &c, 2);
	return PKT_LEN;
}

/* ---- timing ------------------------------------------------------------------ */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What the loops keep of each packet: both checksums, read with loads of
   exactly the width they were stored with. A wider load spanning several
   recent narrow stores (say bytes 8-11: ttl, protocol, checksum) cannot be
   forwarded from the store buffer and would stall every contender. */
static inline uint32_t consume(const uint8_t *pkt)
{
	return (uint32_t)rk_get_be16(pkt + OFF_IP_CSUM) << 16 | rk_get_be16(pkt + OFF_TCP_CSUM);
}

enum who { W_LAYERED, W_TEMPLATE, W_LIBNET, W_FLOOR, W_N };
static const char *const who_name[W_N] = {"rawkit-layered", "rawkit-template", "libnet-ptag",
					  "floor"};

struct bench {
	struct layered lay;
	struct templ tpl;
	struct lnet ln;
	uint64_t sink;
};

/* One timed loop; returns seconds, or a negative value on a crafting error. */
static double run(struct bench *b, enum who w, uint64_t count)
{
	/* Cache-line aligned, as a send ring's slots are: with the stack's
	   random alignment a 60-byte packet would straddle two lines in some
	   runs and not in others, and the figures would jump between runs. */
	_Alignas(64) uint8_t buf[128];
	uint32_t st = TARGET_SEED, dst, csums = 0;
	uint16_t dport;
	uint64_t sink = 0;
	int bad = 0;
	double t0 = now();
	switch (w) {
	case W_LAYERED:
		for (uint64_t i = 0; i < count; i++) {
			next_target(&st, &dst, &dport);
			int n = layered_craft(&b->lay, buf, sizeof buf, dst, dport);
			bad |= n != PKT_LEN;
			sink += consume(buf);
		}
		break;
	case W_TEMPLATE:
		for (uint64_t i = 0; i < count; i++) {
			next_target(&st, &dst, &dport);
			templ_craft(&b->tpl, buf, dst, dport);
			sink += consume(buf);
		}
		break;
	case W_LIBNET:
		for (uint64_t i = 0; i < count; i++) {
			next_target(&st, &dst, &dport);
			int n = lnet_craft(&b->ln, NULL, dst, dport, &csums);
			bad |= n != PKT_LEN;
			sink += csums;
		}
		break;
	default:
		for (uint64_t i = 0; i < count; i++) {
			next_target(&st, &dst, &dport);
			floor_craft(b->tpl.pkt, buf, dst, dport);
			sink += consume(buf);
		}
		break;
	}
	double t = now() - t0;
	b->sink += sink;
	return bad ? -1.0 : t;
}

/* All four must build the same bytes before any of them is timed. */
static int verify(struct bench *b, unsigned npkts)
{
	uint32_t st = TARGET_SEED, dst, csums;
	uint16_t dport;
	for (unsigned i = 0; i < npkts; i++) {
		uint8_t p[W_N][128];
		int n[W_N];
		next_target(&st, &dst, &dport);
		n[W_LAYERED] = layered_craft(&b->lay, p[W_LAYERED], sizeof p[0], dst, dport);
		n[W_TEMPLATE] = templ_craft(&b->tpl, p[W_TEMPLATE], dst, dport);
		n[W_LIBNET] = lnet_craft(&b->ln, p[W_LIBNET], dst, dport, &csums);
		n[W_FLOOR] = floor_craft(b->tpl.pkt, p[W_FLOOR], dst, dport);
		for (int w = 0; w < W_N; w++) {
			if (n[w] != PKT_LEN || memcmp(p[w], p[W_LAYERED], PKT_LEN) != 0) {
				fprintf(
				    stderr,
				    "rk-bench-craft: packet %u: %s (%d bytes) differs from %s\n", i,
				    who_name[w], n[w], who_name[W_LAYERED]);
				return -1;
			}
		}
		/* Independent of all four: both checksums must verify. */
		if (rk_csum(p[0], 20) != 0 ||
		    rk_csum_finish(rk_csum_partial(p[0] + 20, 40,
						   rk_csum_pseudo4(SRC_ADDR, dst, 6, 40))) != 0) {
			fprintf(stderr, "rk-bench-craft: packet %u: a checksum does not verify\n",
				i);
			return -1;
		}
	}
	return 0;
}

static unsigned long long arg_count(const char *s, const char *what, unsigned long long max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > max) {
		fprintf(stderr, "rk-bench-craft: %s must be 1..%llu, not '%s'\n", what, max, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long count = 10000000, reps = 5;
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf(
		    "usage: rk-bench-craft [COUNT [REPEATS]]\n"
		    "  COUNT packets per contender and repeat (default 10000000), best of REPEATS\n"
		    "  (default 5; the contenders take turns)\n");
		return 0;
	}
	if (argc > 1)
		count = arg_count(argv[1], "COUNT", 1000000000000ull);
	if (argc > 2)
		reps = arg_count(argv[2], "REPEATS", 100);

	/* One core: stay on the CPU we started on. */
	int cpu = sched_getcpu();
	if (cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof set, &set) != 0)
			cpu = -1;
	}

	static struct bench b;
	char eb[LIBNET_ERRBUF_SIZE] = "";
	layered_init(&b.lay);
	if (templ_init(&b.tpl) != 0) {
		fprintf(stderr, "rk-bench-craft: building the template failed\n");
		return 1;
	}
	if (lnet_init(&b.ln, eb) != 0) {
		fprintf(stderr, "rk-bench-craft: libnet_init: %s\n", eb);
		return 1;
	}
	if (verify(&b, 1000) != 0)
		return 1;

	printf("craft: IPv4+TCP SYN, %d bytes (MSS, SACK-permitted, timestamps, NOP, wscale),\n"
	       "       new dst and port per packet; %llu packets, best of %llu, pinned to CPU %d\n",
	       PKT_LEN, count, reps, cpu);
	/* Round robin, best repeat per contender: a burst of load from another
	   process then costs one contender one repeat, not all of its runs. */
	double pps[W_N] = {0};
	for (int w = 0; w < W_N; w++)
		run(&b, (enum who)w, count / 20 + 1); /* warm caches and predictors */
	for (unsigned long long r = 0; r < reps; r++) {
		for (int w = 0; w < W_N; w++) {
			double t = run(&b, (enum who)w, count);
			if (t < 0) {
				fprintf(stderr, "rk-bench-craft: %s failed to build a packet\n",
					who_name[w]);
				return 1;
			}
			if ((double)count / t > pps[w])
				pps[w] = (double)count / t;
		}
	}
	for (int w = 0; w < W_N; w++)
		printf("%-16s %11.0f packets/s  (%6.2f Mpps, %6.1f ns/packet)\n", who_name[w],
		       pps[w], pps[w] / 1e6, 1e9 / pps[w]);
	printf("ratio rawkit-layered/libnet-ptag   %6.2fx  (target >= 10x)\n",
	       pps[W_LAYERED] / pps[W_LIBNET]);
	printf("ratio rawkit-layered/floor         %6.2fx  (target >= 0.6x)\n",
	       pps[W_LAYERED] / pps[W_FLOOR]);
	printf("ratio rawkit-template/libnet-ptag  %6.2fx\n", pps[W_TEMPLATE] / pps[W_LIBNET]);
	printf("ratio rawkit-template/floor        %6.2fx\n", pps[W_TEMPLATE] / pps[W_FLOOR]);
	printf("sink %016llx\n", (unsigned long long)b.sink);
	libnet_destroy(b.ln.l);
	return 0;
}
