/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * flood.c - rk-bench-flood: the sender of bench/sniff/run.sh. Sends one
 * UDP datagram (built once with rawkit's layered builder, 60-byte IPv4
 * packet unless told otherwise) over and over through an IP_HDRINCL socket
 * in batches of RK_SOCK_BATCH_MAX (rk_sock_send_batch: sendmmsg), as fast
 * as the machine goes, until SECONDS have passed or COUNT packets are out,
 * whichever comes first. Prints "sent=N seconds=S pps=R".
 *
 * Bounded in count and time, and it refuses any address outside
 * 198.18.0.0/15 (RFC 2544's benchmarking range): run it only inside the
 * private test network of tests/netns/netns.sh.
 *
 *   rk-bench-flood SRC DST SECONDS COUNT [PAYLOAD_BYTES]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rawkit/rawkit.h>
#include <rawkit/sock.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint32_t bench_addr(const char *s)
{
	struct in_addr a;
	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "rk-bench-flood: '%s' is not an IPv4 address\n", s);
		exit(2);
	}
	uint32_t v = ntohl(a.s_addr);
	if ((v & 0xfffe0000u) != 0xc6120000u) {
		fprintf(stderr, "rk-bench-flood: %s is outside 198.18.0.0/15: refused\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: rk-bench-flood SRC DST SECONDS COUNT [PAYLOAD_BYTES]\n");
		return 2;
	}
	uint32_t src = bench_addr(argv[1]);
	uint32_t dst = bench_addr(argv[2]);
	double seconds = atof(argv[3]);
	long long count = atoll(argv[4]);
	int payload = argc > 5 ? atoi(argv[5]) : 32;
	if (seconds <= 0 || seconds > 60 || count <= 0 || count > 1000000000LL || payload < 0 ||
	    payload > 1400) {
		fprintf(stderr, "rk-bench-flood: SECONDS 0..60, COUNT 1..1e9, PAYLOAD 0..1400\n");
		return 2;
	}

	static uint8_t pkt[1500];
	static uint8_t zeros[1400];
	struct rk_build b;
	rk_build_init(&b, pkt, sizeof pkt);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src;
	ip.dst = dst;
	ip.id = 1;
	struct rk_udp_hdr udp = {.sport = 40000, .dport = 9};
	(void)rk_build_ipv4(&b, &ip);
	(void)rk_build_udp(&b, &udp);
	(void)rk_build_payload(&b, zeros, (size_t)payload);
	int len = rk_build_finish(&b);
	if (len < 0) {
		fprintf(stderr, "rk-bench-flood: build: %s\n", rk_strerror(len));
		return 2;
	}

	char err[RK_ERRBUF_SIZE];
	struct rk_sock *s;
	int rc = rk_sock_open_send4(&s, err);
	if (rc != RK_OK) {
		fprintf(stderr, "rk-bench-flood: %s\n", err);
		return 2;
	}
	struct rk_sock_pkt batch[RK_SOCK_BATCH_MAX];
	for (unsigned i = 0; i < RK_SOCK_BATCH_MAX; i++)
		batch[i] = (struct rk_sock_pkt){.data = pkt, .len = (size_t)len};

	long long sent = 0;
	unsigned errors = 0;
	double t0 = now(), t = t0, end = t0 + seconds;
	while (sent < count && t < end) {
		unsigned n = RK_SOCK_BATCH_MAX;
		if (count - sent < n)
			n = (unsigned)(count - sent);
		int r = rk_sock_send_batch(s, batch, n, err);
		if (r < 0) {
			/* ENOBUFS and the like under load: go on, but not forever */
			if (++errors > 1000000) {
				fprintf(stderr, "rk-bench-flood: %s\n", err);
				break;
			}
		} else {
			sent += r;
		}
		t = now(); /* vDSO: cheap next to a sendmmsg of 64 packets */
	}
	t = now();
	rk_sock_close(s);
	printf("sent=%lld seconds=%.3f pps=%.0f errors=%u len=%d\n", sent, t - t0,
	       (double)sent / (t - t0), errors, len);
	return 0;
}
