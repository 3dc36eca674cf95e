/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arrivals.c - the target side of bench/synscan: counts the SYN probes
 * arriving on an interface (libpcap through rawkit's cap.h: a 256 MiB
 * ring, a BPF filter, kernel timestamps) and reports how many came and
 * over how long, so every scanner's rate is measured the same way, where
 * it matters: probes arriving at the target over the time they arrived.
 *
 * Usage: arrivals IFNAME FILTER IDLE_SECONDS MAX_SECONDS
 *   Prints "ready" once capturing, then stops IDLE_SECONDS after the last
 *   probe (or after MAX_SECONDS) and prints
 *   "count N first T0 last T1 span S rate R drops D".
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "rawkit/cap.h"

static double secs(const struct timespec *t)
{
	return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return secs(&t);
}

int main(int argc, char **argv)
{
	char eb[RK_ERRBUF_SIZE];
	struct rk_cap *c;
	struct rk_cap_opts o;
	if (argc != 5) {
		fprintf(stderr, "usage: arrivals IFNAME FILTER IDLE_SECONDS MAX_SECONDS\n");
		return 2;
	}
	double idle = atof(argv[3]), max = atof(argv[4]);
	rk_cap_opts_init(&o);
	o.snaplen = 64;
	o.immediate = false;
	o.timeout_ms = 50;
	o.buffer_size = 256 << 20;
	/* Non-blocking, with our own poll(): a TPACKET_V3 read may otherwise
	   block for good when nothing arrives. */
	if (rk_cap_open_live(&c, argv[1], &o, eb) != RK_OK ||
	    rk_cap_set_filter(c, argv[2], eb) != RK_OK ||
	    rk_cap_set_nonblock(c, true, eb) != RK_OK) {
		fprintf(stderr, "arrivals: %s\n", eb);
		return 2;
	}
	printf("ready\n");
	fflush(stdout);
	unsigned long long n = 0;
	double first = 0, last = 0, start = mono(), last_seen = 0;
	struct rk_frame f;
	for (;;) {
		int r = rk_cap_next(c, &f, eb);
		double t = mono();
		if (r == 1) {
			if (n++ == 0)
				first = secs(&f.ts);
			last = secs(&f.ts);
			last_seen = t;
		} else if (r == 0) {
			struct pollfd p = {rk_cap_fd(c), POLLIN, 0};
			poll(&p, 1, 20);
		} else {
			fprintf(stderr, "arrivals: %s\n", eb);
			break;
		}
		if ((n && t - last_seen > idle) || t - start > max)
			break;
	}
	uint64_t recv = 0, drops = 0;
	if (rk_cap_stats(c, &recv, &drops, NULL) != RK_OK)
		drops = 0;
	double span = last - first;
	printf("count %llu first %.6f last %.6f span %.6f rate %.0f drops %llu\n", n, first, last,
	       span, span > 0 ? (double)(n - 1) / span : 0, (unsigned long long)drops);
	rk_cap_close(c);
	return 0;
}
