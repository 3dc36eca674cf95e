/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.h - rk-ping's command line: iputils ping's options (same letters,
 * same ranges, same defaults) plus --json, --replay, --help and --version.
 * Parsing is pure: it reads argv and writes diagnostics to stderr, so the
 * tests drive it directly. Every malformed value is a usage error (exit 2),
 * never the "no reply" status 1 that iputils returns for some of them.
 */
#ifndef RK_PING_OPTS_H
#define RK_PING_OPTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PING_DEFAULT_DATALEN 56
#define PING_MAX_DATALEN4 65507 /* 65535 - 20 (IPv4) - 8 (ICMP) */
#define PING_MAX_DATALEN6 65527 /* 65535 payload length - 8 (ICMPv6) */
#define PING_PATTERN_MAX 16
#define PING_MIN_USER_INTERVAL_NS 2000000ull /* 2 ms, iputils' MINUSERINTERVAL */
#define PING_NS 1000000000ull

enum ping_pmtu { PING_PMTU_DEFAULT = 0, PING_PMTU_DO, PING_PMTU_DONT, PING_PMTU_WANT };

struct ping_opts {
	long long count;      /* -c: 0 = until interrupted */
	uint64_t interval_ns; /* -i (default 1 s; flood 0) */
	bool interval_set;
	long datalen;	      /* -s */
	int ttl;	      /* -t: -1 = system default */
	int tos;	      /* -Q: -1 = 0 */
	enum ping_pmtu pmtu;  /* -M */
	uint64_t linger_ns;   /* -W (default 10 s) */
	long long deadline_s; /* -w: 0 = none */
	int ident;	      /* -e: -1 = random */
	bool quiet, flood, timestamps, outstanding, numeric, broadcast, json;
	int family;	    /* 0, 4 or 6 */
	const char *iface;  /* -I NAME */
	const char *source; /* -I ADDR */
	uint8_t pattern[PING_PATTERN_MAX];
	int pattern_len; /* -p: 0 = the default fill */
	const char *target;
	const char *replay;	 /* --replay FILE: the wire's file backend */
	const char *replay_sent; /* --replay-sent FILE: what was "sent" */
};

enum ping_opts_result {
	PING_OPTS_RUN = 0, /* go on */
	PING_OPTS_EXIT_OK, /* --help / --version printed: exit 0 */
	PING_OPTS_USAGE,   /* a message was printed to err: exit 2 */
};

/* Defaults, as iputils ping. */
void ping_opts_init(struct ping_opts *o);

/*
 * Parse argv (getopt_long; resets optind). --help and --version go to out,
 * diagnostics ("rk-ping: -c: ...", tools/common's tool_warn()) to stderr.
 * is_root says whether the real user is root:
 * intervals under 2 ms (flood without -i included) are refused otherwise,
 * as iputils does.
 */
enum ping_opts_result ping_opts_parse(struct ping_opts *o, int argc, char **argv, bool is_root,
				      FILE *out);

/* Checks that need the address family (the largest -s). 0, or -1 after a
   message. */
int ping_opts_check_family(const struct ping_opts *o, int family);

/* The --help text. */
void ping_opts_usage(FILE *out);

#endif
