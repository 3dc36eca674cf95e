/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * make_reorder.c - rk-ping-make-captures: writes captures/ping/reorder4.pcap
 * and reorder6.pcap, the exchanges real traffic on the test network cannot
 * produce (no netem in its kernel, so nothing delays a reply): built with
 * rawkit's layered builder, Ethernet frames as tcpdump records them on the
 * client, on the addresses of tests/netns/netns.sh's three-namespace
 * network.
 *
 *   rk-ping-make-captures OUTDIR
 *
 * Eight requests, 200 ms apart (plus 0.1 ms of drift each, as a real
 * pinger's), identifier 0x2a2a, iputils' data layout:
 *   1      answered after 0.5 ms
 *   2      lost (no answer)
 *   3      answered after 300 ms: after request 4's answer (reordered)
 *   4      answered after 0.4 ms
 *   5      answered twice (a duplicate 0.1 ms after the first)
 *   6      Time exceeded / Hop limit from the router
 *   7, 8   answered after 0.6 ms
 * Deterministic: running it again writes byte-identical files.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <rawkit/build.h>
#include <rawkit/cap.h>
#include <rawkit/link.h>

#define A4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const uint8_t MAC_A[6] = {0x02, 0x72, 0x6b, 0x00, 0x01, 0x0a};
static const uint8_t MAC_RA[6] = {0x02, 0x72, 0x6b, 0x00, 0x01, 0xfa};
static const uint32_t IP4_A = A4(198, 18, 1, 1), IP4_R = A4(198, 18, 1, 254),
		      IP4_B = A4(198, 18, 2, 1);
static const uint8_t IP6_A[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 1, [15] = 0x01};
static const uint8_t IP6_R[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 1, [15] = 0xfe};
static const uint8_t IP6_B[16] = {0x20, 0x01, 0, 2, 0, 0, 0, 2, [15] = 0x01};

#define IDENT 0x2a2a
#define DATALEN 56
#define T0_SEC 1750000000
#define US 1000ll

struct frame {
	long long t_us; /* from T0 */
	uint8_t b[256];
	int len;
};

static struct frame frames[32];
static int nframes;

static void put_be64_host(uint8_t *p, long long v)
{
	memcpy(p, &v, 8); /* iputils' timeval is host order */
}

/* The echo data of request seq sent at t_us: timeval, then 16, 17, ... */
static void echo_data(uint8_t *d, long long t_us)
{
	for (int i = 0; i < DATALEN; i++)
		d[i] = (uint8_t)i;
	put_be64_host(d, T0_SEC + t_us / 1000000);
	put_be64_host(d + 8, t_us % 1000000);
}

static struct frame *add(long long t_us)
{
	struct frame *f = &frames[nframes++];
	f->t_us = t_us;
	return f;
}

/* dir 0: A -> B (request), 1: B -> A (reply), 2: R -> A (error). */
static int build(int v6, int dir, uint8_t type, uint8_t code, uint16_t seq, long long sent_us,
		 uint8_t ttl, uint8_t *out, size_t cap)
{
	uint8_t data[DATALEN];
	echo_data(data, sent_us);
	struct rk_build b;
	rk_build_init(&b, out, cap);
	struct rk_eth_hdr eth = {.type = 0};
	memcpy(eth.dst, dir == 0 ? MAC_RA : MAC_A, 6);
	memcpy(eth.src, dir == 0 ? MAC_A : MAC_RA, 6);
	rk_build_eth(&b, &eth);
	if (!v6) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = dir == 0 ? IP4_A : dir == 1 ? IP4_B : IP4_R;
		ip.dst = dir == 0 ? IP4_B : IP4_A;
		ip.ttl = ttl;
		ip.df = dir != 2;
		ip.id = (uint16_t)(0x4000 + seq * 3 + dir);
		rk_build_ipv4(&b, &ip);
	} else {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, dir == 0 ? IP6_A : dir == 1 ? IP6_B : IP6_R, 16);
		memcpy(ip.dst, dir == 0 ? IP6_B : IP6_A, 16);
		ip.hlim = ttl;
		rk_build_ipv6(&b, &ip);
	}
	if (dir != 2) {
		if (!v6) {
			struct rk_icmp_hdr h = {.type = type, .id = IDENT, .seq = seq};
			rk_build_icmp(&b, &h);
		} else {
			struct rk_icmp6_hdr h = {.type = type, .id = IDENT, .seq = seq};
			rk_build_icmp6(&b, &h);
		}
		rk_build_payload(&b, data, sizeof(data));
		return rk_build_finish(&b);
	}
	/* The error quotes the request as the router received it (TTL 1). */
	uint8_t req[256];
	int rlen = build(v6, 0, v6 ? RK_ICMP6_ECHO_REQUEST : RK_ICMP_ECHO, 0, seq, sent_us, 1, req,
			 sizeof(req));
	if (rlen < 0)
		return rlen;
	const uint8_t *quoted = req + RK_ETH_HLEN;
	size_t qlen = (size_t)rlen - RK_ETH_HLEN;
	if (!v6) {
		struct rk_icmp_hdr h = {.type = type, .code = code};
		rk_build_icmp(&b, &h);
		rk_build_payload(&b, quoted, rk_icmp_quote_len(quoted, qlen));
	} else {
		struct rk_icmp6_hdr h = {.type = type, .code = code};
		rk_build_icmp6(&b, &h);
		rk_build_payload(&b, quoted, rk_icmp6_quote_len(qlen));
	}
	return rk_build_finish(&b);
}

static int exchange(int v6, const char *path)
{
	nframes = 0;
	uint8_t req_t = v6 ? RK_ICMP6_ECHO_REQUEST : RK_ICMP_ECHO;
	uint8_t rep_t = v6 ? RK_ICMP6_ECHO_REPLY : RK_ICMP_ECHOREPLY;
	uint8_t err_t = v6 ? RK_ICMP6_TIME_EXCEEDED : RK_ICMP_TIMXCEED;
	/* reply delays in microseconds, -1: none, -2: an error instead */
	static const long long delay[9] = {0, 500, -1, 300000, 400, 500, -2, 600, 600};
	for (uint16_t seq = 1; seq <= 8; seq++) {
		long long sent = (seq - 1) * (200000 + 100);
		struct frame *f = add(sent);
		f->len = build(v6, 0, req_t, 0, seq, sent, 64, f->b, sizeof(f->b));
		if (delay[seq] >= 0) {
			f = add(sent + delay[seq]);
			f->len = build(v6, 1, rep_t, 0, seq, sent, 63, f->b, sizeof(f->b));
		}
		if (seq == 5) {
			f = add(sent + delay[seq] + 100);
			f->len = build(v6, 1, rep_t, 0, seq, sent, 63, f->b, sizeof(f->b));
		}
		if (delay[seq] == -2) {
			f = add(sent + 50);
			f->len = build(v6, 2, err_t, 0, seq, sent, 64, f->b, sizeof(f->b));
		}
	}
	/* In time order, as a capture has them (a stable insertion sort). */
	for (int i = 1; i < nframes; i++) {
		struct frame tmp = frames[i];
		int j = i;
		while (j > 0 && frames[j - 1].t_us > tmp.t_us) {
			frames[j] = frames[j - 1];
			j--;
		}
		frames[j] = tmp;
	}
	char err[RK_ERRBUF_SIZE];
	struct rk_dump *d;
	if (rk_dump_open(&d, path, RK_DLT_EN10MB, 0, err) != RK_OK) {
		fprintf(stderr, "rk-ping-make-captures: %s\n", err);
		return -1;
	}
	for (int i = 0; i < nframes; i++) {
		if (frames[i].len < 0) {
			fprintf(stderr, "rk-ping-make-captures: frame %d: %s\n", i,
				rk_strerror(frames[i].len));
			rk_dump_close(d, NULL);
			return -1;
		}
		struct timespec ts = {.tv_sec = T0_SEC + frames[i].t_us / 1000000,
				      .tv_nsec = (long)(frames[i].t_us % 1000000) * 1000};
		if (rk_dump_write(d, frames[i].b, (uint32_t)frames[i].len, (uint32_t)frames[i].len,
				  &ts, err) != RK_OK) {
			fprintf(stderr, "rk-ping-make-captures: %s\n", err);
			rk_dump_close(d, NULL);
			return -1;
		}
	}
	if (rk_dump_close(d, err) != RK_OK) {
		fprintf(stderr, "rk-ping-make-captures: %s\n", err);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: rk-ping-make-captures OUTDIR\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/reorder4.pcap", argv[1]);
	if (exchange(0, path) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/reorder6.pcap", argv[1]);
	if (exchange(1, path) < 0)
		return 1;
	return 0;
}
