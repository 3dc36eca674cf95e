/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * output.h - everything rk-ping prints on standard output: the lines of
 * iputils ping, character for character (its formats, its roundings, its
 * ICMP texts), rawkit's additions ("(reordered)", "+N reordered"), the
 * flood characters, and the --json objects. Pure formatting into a FILE.
 */
#ifndef RK_PING_OUTPUT_H
#define RK_PING_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "session.h"

struct ping_out {
	FILE *f;
	bool json;
	bool quiet;
	bool flood;
	bool timestamps; /* -D */
	int family;
	bool multicast; /* broadcast or multicast target: no (DUP!) */
};

/* "PATTERN: 0x0102" (text, not quiet). */
void ping_out_pattern(const struct ping_out *o, const uint8_t *pat, int len);

/* "PING host (addr) 56(84) bytes of data." / "PING host(addr) 56 data
   bytes"; source and iface (either may be NULL) add "from SRC IFACE: ". */
void ping_out_header(const struct ping_out *o, const char *host, const char *addr,
		     const char *source, const char *iface, long datalen);

struct ping_out_reply {
	struct timespec wall;  /* receive time (-D, JSON ts) */
	uint32_t bytes;	       /* ICMP bytes */
	const char *from;      /* as displayed: "198.18.0.2" or "name (198.18.0.2)" */
	const char *from_addr; /* numeric, for JSON */
	uint16_t seq;
	int ttl; /* -1: unknown */
	bool timing;
	long long rtt_us;
	uint64_t rtt_ns;
	bool dup, reordered, csum_bad, truncated;
};

void ping_out_reply(const struct ping_out *o, const struct ping_out_reply *r);

struct ping_out_error {
	struct timespec wall;
	const char *from, *from_addr;
	uint16_t seq;
	uint8_t type, code;
	uint32_t info;	     /* MTU, pointer or gateway (host order) */
	const char *gateway; /* redirects: the new next hop, as displayed */
	bool notice;	     /* redirect / source quench: "From X: icmp_seq=N ..." */
};

void ping_out_error(const struct ping_out *o, const struct ping_out_error *e);

/* iputils' text for an ICMP type and code ("Time to live exceeded",
   "Destination unreachable: Port unreachable", ...). */
void ping_icmp_text(int family, uint8_t type, uint8_t code, uint32_t info, const char *gateway,
		    char *buf, size_t size);

/* -O: "no answer yet for icmp_seq=N" (wall: now, for -D). */
void ping_out_no_answer(const struct ping_out *o, uint16_t seq, const struct timespec *wall);

/* A request that could not be sent (local error) or was sent: flood marks. */
void ping_out_flood_sent(const struct ping_out *o);
void ping_out_flood_local_error(const struct ping_out *o);

/* JSON object for a local error (text goes to stderr, see loop.c). */
void ping_out_local_error_json(const struct ping_out *o, uint16_t seq, const char *what, int mtu);

/* The statistics: "--- host ping statistics ---" and the lines after it. */
void ping_out_summary(const struct ping_out *o, const char *host, const char *addr,
		      const struct ping_session *s, const struct ping_summary *sum);

/* SIGQUIT's one-line status, to err: "2/3 packets, 33% loss, min/avg/ewma/max = ..." */
void ping_out_status(FILE *err, const struct ping_session *s);

/* JSON string escaping (quotes included). */
void ping_json_str(FILE *f, const char *s);

#endif
