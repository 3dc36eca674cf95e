/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * decode_bench.c - rk-bench-decode MODE FILE [ROUNDS]: time one of
 *   bare    libpcap's read loop alone (pcap_next_ex, count): the floor
 *   decode  the same loop plus rk_decode of every packet
 *   mem     rk_decode alone, over packets already in memory (ROUNDS passes)
 *   text    rk_decode + rk_fmt_text into a buffer, in memory
 *   json    rk_decode + rk_fmt_json into a buffer, in memory
 * on one core, printing "MODE packets=N seconds=S mpps=R". Results are
 * folded into a checksum printed too, so no work can be optimized away.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rawkit/fmt.h>
#include <rawkit/pkt.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct frame {
	uint32_t off, caplen, len;
	struct rk_fmt_ts ts;
};

static pcap_t *open_file(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p) {
		fprintf(stderr, "rk-bench-decode: %s\n", err);
		exit(2);
	}
	return p;
}

static void report(const char *mode, unsigned long n, double secs, unsigned long sink)
{
	printf("%s packets=%lu seconds=%.3f mpps=%.3f sink=%lu\n", mode, n, secs, n / secs / 1e6, sink);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: rk-bench-decode bare|decode|mem|text|json FILE [ROUNDS]\n");
		return 2;
	}
	const char *mode = argv[1];
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	pcap_t *p = open_file(argv[2]);
	int lt = pcap_datalink(p);
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long n = 0, sink = 0;
	static struct rk_pkt pkt;

	if (!strcmp(mode, "bare") || !strcmp(mode, "decode")) {
		int dec = !strcmp(mode, "decode");
		double t0 = now();
		while (pcap_next_ex(p, &h, &data) == 1) {
			n++;
			sink += h->caplen;
			if (dec) {
				rk_decode(data, h->caplen, h->len, lt, &pkt);
				sink += pkt.n;
			}
		}
		report(mode, n, now() - t0, sink);
		pcap_close(p);
		return 0;
	}

	/* Load every frame into one arena first. */
	size_t cap = 1 << 20, used = 0, nf = 0, fcap = 1 << 16;
	uint8_t *arena = malloc(cap);
	struct frame *fr = malloc(fcap * sizeof *fr);
	while (arena && fr && pcap_next_ex(p, &h, &data) == 1) {
		if (used + h->caplen > cap) {
			cap *= 2;
			arena = realloc(arena, cap);
		}
		if (nf == fcap) {
			fcap *= 2;
			fr = realloc(fr, fcap * sizeof *fr);
		}
		if (!arena || !fr)
			break;
		memcpy(arena + used, data, h->caplen);
		fr[nf] = (struct frame){(uint32_t)used, h->caplen, h->len,
					{h->ts.tv_sec, (uint32_t)h->ts.tv_usec * 1000u}};
		used += h->caplen;
		nf++;
	}
	pcap_close(p);
	if (!arena || !fr) {
		fprintf(stderr, "rk-bench-decode: out of memory\n");
		return 2;
	}
	int fmt = !strcmp(mode, "text") ? 1 : !strcmp(mode, "json") ? 2 : 0;
	if (!fmt && strcmp(mode, "mem")) {
		fprintf(stderr, "rk-bench-decode: unknown mode '%s'\n", mode);
		return 2;
	}
	static char out[RK_FMT_JSON_MAX];
	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	double t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < nf; i++) {
			rk_decode(arena + fr[i].off, fr[i].caplen, fr[i].len, lt, &pkt);
			sink += pkt.n;
			if (fmt) {
				struct rk_fmt_meta m = {.n = i + 1, .ts = fr[i].ts, .ref = fr[i].ts};
				int k = fmt == 1 ? rk_fmt_text(out, sizeof out, &pkt, &m, &o)
						 : rk_fmt_json(out, sizeof out, &pkt, &m, &o);
				sink += (unsigned long)k + (unsigned char)out[k / 2];
			}
			n++;
		}
	}
	report(mode, n, now() - t0, sink);
	free(arena);
	free(fr);
	return 0;
}
