/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_bench.c - rk-bench-spec: how many packets per second one core gets
 * from a packet spec, parsed and built every time (rk_spec_parse +
 * rk_spec_build, what a one-shot caller pays), and built only (a parsed
 * spec, rk_spec_build per index, what rk-craft pays per packet). Two specs:
 *   small  ipv4(src=127.0.0.1,dst=127.0.0.1,id=1)/tcp(sport=20,dport=80,seq=0,win=8192)
 *          - the bytes of scapy's bytes(IP()/TCP())
 *   full   the example: TCP options and an HTTP request line
 * bench/spec/run.sh times scapy on the same packets and prints the ratios.
 *
 * Usage: rk-bench-spec [SECONDS [REPEATS]]  (default 1 s, best of 3)
 * Prints "NAME pps=N ns=N hex=FIRST_PACKET" per line; nothing is sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rawkit/spec.h"

static const char *const specs[][2] = {
	{ "small", "ipv4(src=127.0.0.1,dst=127.0.0.1,id=1)/tcp(sport=20,dport=80,seq=0,win=8192)" },
	{ "full", "ipv4(src=198.18.0.1,dst=198.18.0.2,ttl=5,id=1)/tcp(sport=40000,dport=80,seq=1,flags=S,"
		  "opts=[mss:1460,sackok,ts:1:0,nop,wscale:7])/\"GET / HTTP/1.0\\r\\n\\r\\n\"" },
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct rk_spec spec;
static _Alignas(64) unsigned char pkt[256];
static unsigned sink;

/* Packets per second over about secs seconds. parse: parse every time. */
static double run(const char *text, int parse, double secs)
{
	struct rk_spec_error err;
	if (rk_spec_parse(&spec, text, NULL, &err) != RK_OK) {
		fprintf(stderr, "rk-bench-spec: spec:%u:%u: %s\n", err.line, err.col, err.msg);
		exit(2);
	}
	unsigned long n = 0;
	double t0 = now(), t;
	do {
		for (int i = 0; i < 4096; i++, n++) {
			if (parse && rk_spec_parse(&spec, text, NULL, NULL) != RK_OK)
				exit(2);
			int len = rk_spec_build(&spec, n, pkt, sizeof(pkt));
			if (len < 0)
				exit(2);
			sink += pkt[len - 1] + pkt[10];
		}
		t = now();
	} while (t - t0 < secs);
	return (double)n / (t - t0);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 1.0;
	int repeats = argc > 2 ? atoi(argv[2]) : 3;
	if (secs <= 0 || repeats < 1) {
		fprintf(stderr, "usage: rk-bench-spec [SECONDS [REPEATS]]\n");
		return 2;
	}
	for (size_t s = 0; s < sizeof(specs) / sizeof(specs[0]); s++) {
		for (int parse = 1; parse >= 0; parse--) {
			double best = 0;
			run(specs[s][1], parse, secs / 10); /* warm-up */
			for (int r = 0; r < repeats; r++) {
				double pps = run(specs[s][1], parse, secs);
				if (pps > best)
					best = pps;
			}
			int len = rk_spec_build(&spec, 0, pkt, sizeof(pkt));
			printf("%s-%s pps=%.0f ns=%.1f hex=", specs[s][0], parse ? "parse+build" : "build", best,
			       1e9 / best);
			for (int i = 0; i < len; i++)
				printf("%02x", pkt[i]);
			printf("\n");
		}
	}
	fprintf(stderr, "(sink %u)\n", sink);
	return 0;
}
