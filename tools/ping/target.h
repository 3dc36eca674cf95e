/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * target.h - where rk-ping sends: the destination resolved (getaddrinfo),
 * the source address the kernel would pick for it (a UDP socket connected
 * to it: no packet leaves), broadcast and multicast detection, and
 * addresses shown as iputils shows them ("name (address)" unless numeric).
 */
#ifndef RK_PING_TARGET_H
#define RK_PING_TARGET_H

#include <netdb.h>
#include <stdbool.h>
#include <stdint.h>

#include "opts.h"

struct ping_target {
	int family;	     /* 4 or 6 */
	uint32_t dst4, src4; /* host order */
	uint8_t dst6[16], src6[16];
	char host[NI_MAXHOST];		  /* the PING line's and the statistics' name */
	char addr[64];			  /* the destination, numeric */
	char addr_shown[NI_MAXHOST + 80]; /* IPv6 PING line: pr_addr() of the destination */
	char source[64];		  /* the source, numeric */
	bool numeric;			  /* no reverse lookups (-n, -f, a numeric destination) */
	bool broadcast, multicast;
	/* pr_addr()'s one-entry cache */
	int last_family;
	uint8_t last[16];
	char last_shown[NI_MAXHOST + 80];
};

/*
 * Resolve o->target (family from -4/-6, else the first address found).
 * 0, or -1 with "<target>: <reason>" in msg (exit 2).
 */
int ping_target_resolve(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size);

/*
 * Pick the source (-I ADDR must be local; -I IFACE binds the probe), and
 * refuse a broadcast destination without -b. 0, or -1 with msg (exit 2).
 */
int ping_target_source(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size);

/* A recording's addresses (--replay): numeric, nothing looked up. 0, or -1
   when o->target or source is not an address of the wanted family. */
int ping_target_literal(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size);

/* ping_addr_fn for loop.h: "name (address)", or the address when numeric
   or nameless lookups are off. ctx is the struct ping_target. */
void ping_target_addr_name(void *ctx, int family, uint32_t a4, const uint8_t *a6, char *buf,
			   size_t size);

#endif
