/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * targets.h - what a scanner scans: a set of IPv4/IPv6 addresses given as
 * addresses, CIDR blocks and ranges, minus exclusions, kept as sorted
 * disjoint ranges with an index -> address mapping; and a set of TCP ports
 * in nmap's syntax, or nmap's most frequently open ports.
 *
 * Memory grows with the number of ranges given, never with the number of
 * addresses or ports they hold, so a scanner can walk hosts x ports by
 * index (perm.h) without a table.
 *
 * Target syntax (one spec per call; a tool splits lists and files):
 *   198.18.0.1            one IPv4 address
 *   198.18.0.0/15         a CIDR block (host bits may be set: the block)
 *   198.18.0.1-198.18.0.40, 198.18.0.1-40   an inclusive range
 *   2001:2::1, 2001:2::/120, 2001:2::1-2001:2::ff   the same for IPv6
 * Host names are the caller's business (resolve, then rk_targets_add_addr).
 *
 * Pure code: nothing here touches the network. Failing calls return a
 * negative rk_err and point *why (when why is not NULL) at a static
 * message naming the problem ("prefix length out of range (0-32)"); the
 * caller adds the spec it passed.
 */
#ifndef RAWKIT_TARGETS_H
#define RAWKIT_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The default limit on addresses in a set: all of IPv4, or an IPv6 /96. */
#define RK_TARGETS_MAX_DEFAULT (UINT64_C(1) << 32)

/* rk_targets_init() flags. */
#define RK_TARGETS_ALLOW_RESERVED 0x1u /* scan 0.0.0.0/8, multicast, broadcast */

/* One address. */
struct rk_target_addr {
	int family;	/* 4 or 6 */
	uint32_t v4;	/* family 4: host order (198.18.0.1 is 0xc6120001) */
	uint8_t v6[16]; /* family 6 */
};

/* An inclusive range of one family; a private representation (values
   as 128-bit big numbers, IPv4 in the low 32 bits). */
struct rk_target_span {
	int family;
	uint64_t first_hi, first_lo, last_hi, last_lo;
};

/* The set. Fields are private; use the functions. */
struct rk_targets {
	struct rk_target_span *inc, *exc;
	size_t ninc, nexc, capinc, capexc;
	uint64_t *cum;	/* after finish: addresses before each range */
	uint64_t total; /* after finish: addresses in the set */
	uint64_t max_addrs;
	uint64_t reserved_removed; /* after finish: reserved addresses left out */
	unsigned flags;
	bool finished;
};

/*
 * Start an empty set holding at most max_addrs addresses (0: the default,
 * RK_TARGETS_MAX_DEFAULT). Unless flags has RK_TARGETS_ALLOW_RESERVED, a
 * spec lying wholly in 0.0.0.0/8, 224.0.0.0/4 (multicast),
 * 255.255.255.255, ::/128 or ff00::/8 (multicast) is refused, and those
 * blocks are left out of wider specs at finish (see reserved_removed).
 */
RK_API void rk_targets_init(struct rk_targets *t, uint64_t max_addrs, unsigned flags);

/* Free the ranges (the struct itself is the caller's). */
RK_API void rk_targets_free(struct rk_targets *t);

/*
 * Parse one spec (syntax above) into *span. RK_OK, or RK_E_INVAL (not an
 * address, a bad prefix length, a backwards range...) with *why.
 */
RK_API RK_WUR int rk_target_parse(const char *spec, struct rk_target_span *span, const char **why);

/*
 * Add one spec to the set. RK_OK; RK_E_INVAL (malformed, or wholly
 * reserved: *why names the block); RK_E_NOSPACE (the spec alone holds
 * more than max_addrs addresses: *why says so); RK_E_NOSPACE with *why
 * "out of memory" when allocation fails. Not after rk_targets_finish().
 */
RK_API RK_WUR int rk_targets_add(struct rk_targets *t, const char *spec, const char **why);

/* Add one address (a resolved host name). RK_OK, RK_E_INVAL (wholly
   reserved, or a bad family), RK_E_NOSPACE (out of memory). */
RK_API RK_WUR int rk_targets_add_addr(struct rk_targets *t, const struct rk_target_addr *a,
				      const char **why);

/* Remove the addresses of one spec (any size). RK_OK, RK_E_INVAL,
   RK_E_NOSPACE (out of memory). */
RK_API RK_WUR int rk_targets_exclude(struct rk_targets *t, const char *spec, const char **why);

/*
 * Merge the ranges, take out the exclusions (and reserved blocks), and
 * build the index. RK_OK; RK_E_INVAL with *why "no targets" or "every
 * target is excluded"; RK_E_NOSPACE when the set holds more than
 * max_addrs addresses, or out of memory.
 */
RK_API RK_WUR int rk_targets_finish(struct rk_targets *t, const char **why);

/* After finish: how many addresses the set holds. */
static inline uint64_t rk_targets_count(const struct rk_targets *t)
{
	return t->total;
}

/* After finish: the idx-th address in ascending order (IPv4 before IPv6),
   idx < rk_targets_count(). */
RK_API void rk_targets_get(const struct rk_targets *t, uint64_t idx, struct rk_target_addr *out);

/* After finish: the index of address a, or -1 when it is not in the set. */
RK_API int64_t rk_targets_find(const struct rk_targets *t, const struct rk_target_addr *a);

/* Ranges after finish, for display: how many, and the i-th. */
RK_API size_t rk_targets_nranges(const struct rk_targets *t);
RK_API void rk_targets_range(const struct rk_targets *t, size_t i, struct rk_target_addr *first,
			     struct rk_target_addr *last);

/* ---- ports ---- */

/* Entries in the --top-ports table (nmap-services order, see topports.c). */
#define RK_TOP_PORTS_MAX 4257

/* A set of TCP ports, 0-65535. Fields are private; use the functions. */
struct rk_ports {
	uint64_t bits[1024]; /* membership */
	uint32_t rank[1024]; /* after finish: ports in the words before */
	uint16_t *port;	     /* after finish: the ports ascending */
	uint32_t n;	     /* after finish: how many */
};

RK_API void rk_ports_init(struct rk_ports *p);
RK_API void rk_ports_free(struct rk_ports *p);

/*
 * Add ports in nmap's -p syntax: a comma-separated list of ports and
 * ranges ("22,80,1000-2000"); an open end runs to 1 or 65535 ("-1024",
 * "60000-", and "-" alone is 1-65535); "0-65535" includes port 0; a "T:"
 * prefix is allowed. RK_OK, or RK_E_INVAL with *why (not a number, out of
 * range, a backwards range, an empty element, UDP or SCTP ports).
 */
RK_API RK_WUR int rk_ports_parse(struct rk_ports *p, const char *spec, const char **why);

/* Add the n ports nmap finds open most often (1 <= n <= RK_TOP_PORTS_MAX).
   RK_OK or RK_E_INVAL. */
RK_API RK_WUR int rk_ports_top(struct rk_ports *p, unsigned n, const char **why);

/* The i-th entry of the --top-ports table (i < RK_TOP_PORTS_MAX). */
RK_API uint16_t rk_ports_top_entry(unsigned i);

/* Build the sorted list. RK_OK, RK_E_INVAL ("no ports"), RK_E_NOSPACE. */
RK_API RK_WUR int rk_ports_finish(struct rk_ports *p, const char **why);

/* After finish: the index of port in the list, or -1. Constant time. */
RK_API int rk_ports_find(const struct rk_ports *p, uint16_t port);

#ifdef __cplusplus
}
#endif
#endif
