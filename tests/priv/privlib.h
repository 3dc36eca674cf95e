/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * privlib.h - helpers shared by the live test programs of tests/priv/:
 * address parsing that refuses anything outside the test ranges
 * (198.18.0.0/15, 2001:2::/48), exits with a message, a bounded wait.
 * The programs enter no namespace themselves: the scripts run them with
 * `ip netns exec`.
 */
#ifndef RK_PRIVLIB_H
#define RK_PRIVLIB_H

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Exit status for "not permitted here": ctest's SKIP_RETURN_CODE. */
#define PRIV_SKIP 77

static const char *priv_prog = "priv";

__attribute__((format(printf, 1, 2), noreturn))
static inline void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", priv_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* A parsed test address: family 4 (v4, host order) or 6 (v6). */
struct priv_addr {
	int family;
	uint32_t v4;
	uint8_t v6[16];
};

/* Parse s; die unless it is inside 198.18.0.0/15 or 2001:2::/48. */
static inline struct priv_addr priv_parse_addr(const char *s)
{
	struct priv_addr a;
	memset(&a, 0, sizeof(a));
	struct in_addr in4;
	if (inet_pton(AF_INET, s, &in4) == 1) {
		a.family = 4;
		a.v4 = ntohl(in4.s_addr);
		if ((a.v4 & 0xfffe0000u) != 0xc6120000u)
			die("%s is outside 198.18.0.0/15, the test range", s);
		return a;
	}
	if (inet_pton(AF_INET6, s, a.v6) == 1) {
		static const uint8_t pfx[6] = { 0x20, 0x01, 0x00, 0x02, 0x00, 0x00 };
		a.family = 6;
		if (memcmp(a.v6, pfx, sizeof(pfx)) != 0)
			die("%s is outside 2001:2::/48, the test range", s);
		return a;
	}
	die("%s is not an IP address", s);
}

/* Parse "aa:bb:cc:dd:ee:ff". */
static inline void priv_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned b[6];
	char end;
	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &end) != 6)
		die("%s is not a MAC address", s);
	for (int i = 0; i < 6; i++) {
		if (b[i] > 0xff)
			die("%s is not a MAC address", s);
		mac[i] = (uint8_t)b[i];
	}
}

static inline unsigned long priv_num(const char *s, unsigned long max)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || *end || end == s || v > max)
		die("%s is not a number up to %lu", s, max);
	return v;
}

/* Milliseconds left until a CLOCK_MONOTONIC deadline (0 when past). */
static inline int priv_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
		       (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

static inline struct timespec priv_deadline(int ms)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/* Tell the script we are listening: one line, flushed. */
static inline void priv_ready(void)
{
	printf("ready\n");
	fflush(stdout);
}

#endif
