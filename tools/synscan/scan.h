/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scan.h - rk-synscan's run state, shared by its files: the options, the
 * probe space (targets x ports walked through a keyed permutation), the
 * sockets, and the counters the sender and receiver threads update.
 *
 * A probe is an index in [0, targets x ports): target = index / nports,
 * port = index % nports. Its SYN carries the SipHash cookie of its 4-tuple
 * as sequence number, so the receiver recognises replies with no
 * per-probe state (rawkit/siphash.h). Results are keyed by probe index.
 */
#ifndef RK_SYNSCAN_SCAN_H
#define RK_SYNSCAN_SCAN_H

#include <net/if.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "rawkit/cap.h"
#include "rawkit/ipv6.h"
#include "rawkit/perm.h"
#include "rawkit/rd.h"
#include "rawkit/siphash.h"
#include "rawkit/sock.h"
#include "rawkit/targets.h"

/* Exit codes (tools/common tool.h): 0 open ports found, 1 none found,
   2 usage error or failure to run. */

enum send_mode { SEND_AUTO = 0, SEND_L2, SEND_L3 };

/* Port states, nmap's model. */
enum state { ST_NONE = 0, ST_OPEN, ST_CLOSED, ST_FILTERED };

/* Why a state was given. */
enum reason { RS_NONE = 0, RS_SYNACK, RS_RESET, RS_NORESPONSE, RS_ICMP };

/* One result, 16 bytes; key 0 marks an empty slot. */
struct result {
	uint64_t key; /* probe index + 1 */
	uint8_t state, reason;
	uint8_t icmp_type, icmp_code;
	uint8_t ttl, family;
	uint16_t win;
};

/* The set of results seen: an open-addressing hash table, bounded by
   the replies received (never by the probes sent). */
struct results {
	struct result *slot;
	uint64_t cap, n; /* cap a power of two; n filled */
	pthread_rwlock_t lock;
};

struct scan {
	/* ---- options ---- */
	struct rk_targets targets;
	struct rk_ports ports;
	uint64_t nprobes; /* targets x ports */
	uint64_t seed;
	bool seed_given;
	uint32_t shard, shards; /* 0-based shard of shards */
	uint64_t resume;	/* positions of this shard already done */
	double rate, max_rate;	/* packets per second; 0: no cap */
	unsigned retries;
	unsigned sender_threads; /* 0 until chosen */
	double wait_s;
	bool all_states, json, dry_run, quiet, force, no_dns;
	const char *og_path;
	uint16_t sport_base, sport_count;
	bool sport_given;
	uint8_t ttl;
	uint16_t win;
	char ifname[IF_NAMESIZE];
	bool have_src4, have_src6;
	uint32_t src4; /* host order */
	uint8_t src6[16];
	int send_mode; /* SEND_AUTO, SEND_L2, SEND_L3 */
	bool router_mac_given;
	uint8_t hop_mac[6]; /* layer 2: the next hop's MAC */
	int argc;
	char **argv;

	/* ---- run ---- */
	struct rk_perm perm;
	struct rk_siphash_key key;
	struct rk_sock *s4, *s6;
	bool use_l2; /* IPv4 probes go out as frames (l2.c) */
	uint8_t own_mac[6];
	char l2_ifname[IF_NAMESIZE];
	int l2_fd, l2_ifindex;
	/* Answering address resolution for an unowned source (neigh.c). */
	bool arp_answer, nd_answer; /* for src4, src6, on ifname */
	int nb_fd, nb_ifindex;	    /* its packet socket; -1: not open */
	uint8_t nb_mac[6];
	uint32_t nb_hop4; /* the next hops told about us first; 0: none */
	uint8_t nb_hop6[16];
	bool nb_hop6_known;
	pthread_t closer; /* closing the send sockets (send.c) */
	bool closer_started;
	struct rk_cap *cap;
	int linktype;
	struct results res;
	FILE *og;
	bool progress;			     /* stderr is a terminal and not --quiet */
	struct timespec t_start, t_send_end; /* CLOCK_MONOTONIC */
	struct timespec wall_start;	     /* CLOCK_REALTIME */
	uint64_t resume_hint;		     /* pass-0 position reached (for the resume hint) */
	bool pass0_done;
	bool oom_warned;		 /* receiver: the result set could not grow */
	double rate_1s_min, rate_1s_max; /* sending rate over whole seconds */

	atomic_bool stop_send; /* SIGINT: stop sending, wait, report */
	atomic_bool stop_recv;
	atomic_uint_fast64_t sent, send_errors;
	atomic_uint_fast64_t rx_valid, rx_invalid, rx_dup;
	atomic_uint_fast64_t n_open, n_closed, n_filtered;
	pthread_mutex_t out_lock; /* stdout lines from both threads */
};

/* results.c */
/* Start empty, sized for `expected` results (it grows past that). */
int results_init(struct results *r, uint64_t expected);
void results_free(struct results *r);
/* Insert e unless its key is present: 1 inserted, 0 duplicate, -1 out of memory. */
int results_add(struct results *r, const struct result *e);
/* Look up a key with the read lock held by the caller (results_rdlock). */
const struct result *results_find_locked(const struct results *r, uint64_t key);
void results_rdlock(struct results *r);
void results_unlock(struct results *r);

/* l2.c: sending Ethernet frames on a packet socket. */
/* Can every probe go to one next hop whose MAC is known? Fills l2_ifname,
   own_mac and (unless given) hop_mac; *why says why not. */
bool l2_plan(struct scan *sc, const char **why);
int l2_open(struct scan *sc, char *errbuf);
/* A send-only packet socket bound to ifname (the requests and replies come
   in through the capture). */
int l2_socket(const char *ifname, int *fd, int *ifindex, char *errbuf);
/* Send up to 64 frames; the count sent, or -1 with errno. */
int l2_send(struct scan *sc, const struct rk_sock_pkt *pk, unsigned n);

/* Which interface holds the address (family 4: v4 in host order; 6: v6)?
   1 and its name in ifname (when not NULL), 0 none, -1 cannot tell. */
int l2_addr_interface(int family, uint32_t v4, const uint8_t *v6, char ifname[IF_NAMESIZE]);
/* The interface and next hop (the gateway, or dst itself on-link) of the
   main table's route to dst. */
bool l2_route(uint32_t dst, char ifname[IF_NAMESIZE], uint32_t *hop);

/* neigh.c: answering ARP and neighbour solicitations for a --source-ip
   no interface here owns. */
/* Should rk-synscan answer for src4 and/or src6? Sets arp_answer,
   nd_answer, ifname (the interface to answer and capture on) and the next
   hops. *why, when set, is a warning: a source address whose replies
   cannot come back. */
bool neigh_plan(struct scan *sc, const char **why);
int neigh_open(struct scan *sc, char *errbuf);
/* Tell the next hops where our addresses are, before probing. */
void neigh_announce(struct scan *sc);
/* An ARP packet captured on the interface (rd at its first byte). */
void neigh_on_arp(struct scan *sc, struct rk_rd *rd);
/* An ICMPv6 packet that may be a neighbour solicitation for src6 (rd at
   the ICMPv6 header), in a frame from eth_src. */
void neigh_on_ns(struct scan *sc, struct rk_rd *rd, const struct rk_ipv6_hdr *ip,
		 const uint8_t eth_src[6]);

/* probe.c: the template SYN and its per-probe patch. */
struct probe_tmpl {
	uint8_t pkt[80];
	size_t len;
	int family;
	size_t l3; /* IP header offset: 14 after an Ethernet header, else 0 */
	size_t l4; /* TCP header offset */
	uint16_t ip_csum, tcp_csum;
	uint32_t dst4; /* the template's values the patch starts from */
	uint8_t dst6[16];
	uint16_t sport, dport, id;
	uint32_t seq;
};
/* Build the template for family 4 or 6, in an Ethernet frame when eth. */
int probe_tmpl_init(struct probe_tmpl *t, const struct scan *sc, int family, bool eth);
/* Fill out (t->len bytes) with the probe for index idx (whose target is
   dst, of t's family) in retransmission pass `pass`; its ports in *dport
   and *sport. */
void probe_make(const struct scan *sc, const struct probe_tmpl *t, uint64_t idx, unsigned pass,
		uint8_t *out, const struct rk_target_addr *dst, uint16_t *dport, uint16_t *sport);
uint16_t probe_sport(const struct scan *sc, uint64_t idx, unsigned pass);
uint32_t probe_cookie(const struct scan *sc, const struct rk_target_addr *dst, uint16_t sport,
		      uint16_t dport);

/* send.c */
int send_run(struct scan *sc);
/* Close the send sockets in a thread of their own (send_run does it when
   sending ends); wait for that thread. */
void send_close_start(struct scan *sc);
void send_close_finish(struct scan *sc);

/* recv.c */
int recv_open(struct scan *sc, char *errbuf);
void *recv_thread(void *arg);

/* reply.c: read one captured frame (of sc->linktype): record a reply
   that passes the cookie check, answer address resolution (neigh.c). */
void recv_frame(struct scan *sc, const struct rk_frame *f);

/* output.c */
const char *state_name(int st);
const char *reason_name(const struct result *r);
void out_result(struct scan *sc, const struct result *r, const struct timespec *ts);
void out_noresponse(struct scan *sc);
int out_grepable(struct scan *sc);
void out_summary(struct scan *sc, bool interrupted);
void addr_str(const struct rk_target_addr *a, char *buf, size_t len);
double ts_diff(const struct timespec *a, const struct timespec *b);

#endif
