/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * craft.h - what rk-craft's files share: the command line, the run state
 * passed down (no globals), and each file's entry points.
 *
 *   opts.c   command line, --help, --version
 *   env.c    the spec environment: source address from the routing table,
 *            MAC addresses, the random seed
 *   show.c   printing packets (text, JSON, hex, spec) and writing pcaps;
 *            --from-pcap
 *   send.c   sending (layer 3 raw socket or layer 2 injection), pacing,
 *            --reply
 *   match.c  which received frame answers a probe
 */
#ifndef RK_CRAFT_H
#define RK_CRAFT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "rawkit/pkt.h"
#include "rawkit/spec.h"

#define CRAFT_PKT_MAX 65600 /* any built packet: 65535 plus link headers */

enum craft_out { CRAFT_OUT_TEXT, CRAFT_OUT_JSON, CRAFT_OUT_SPEC };

struct craft_opts {
	const char *spec_text;    /* the SPEC argument */
	const char *from_pcap;    /* --from-pcap FILE */
	const char *write_file;   /* -w FILE */
	const char *ifname;       /* -i IFACE */
	bool send;                /* --send (or --reply) */
	bool reply;               /* --reply */
	bool quiet;               /* -q: no line per packet sent */
	bool hex;                 /* -X */
	enum craft_out out;       /* --json, --show-spec */
	int64_t count;            /* -c: times the whole spec is sent / printed */
	int64_t interval_ns;      /* --interval */
	int64_t rate;             /* --rate, packets per second (0: unpaced) */
	int64_t timeout_ns;       /* --timeout, per probe */
	bool have_seed;
	uint64_t seed;            /* --seed */
};

/* opts.c: parse the command line; exits 2 (message on stderr) on errors,
   0 after --help / --version. */
void craft_opts_parse(struct craft_opts *o, int argc, char **argv);

/* The route and interface lookups behind the spec environment. */
struct craft_env {
	const char *ifname;
	bool have4, have6;        /* a cached lookup */
	uint32_t dst4, src4;
	uint8_t dst6[16], src6[16];
};

/* env.c: fill env (and ce, its context) for a parsed spec: seed, MACs of
   -i's interface, the next hop's MAC from the neighbour table, source
   addresses from the routing table. Never sends anything. */
void craft_env_setup(const struct craft_opts *o, struct rk_spec *spec, struct craft_env *ce);

/* show.c */
/* Print one packet (decoded as pkt) on stdout as o asks: n is its 1-based
   number, ts its time, ts_style the text line's (enum rk_ts_style);
   rtt_ns >= 0 appends " rtt X ms" to text lines and an "rtt_ms" key to
   JSON (specs stay specs).
   Returns 0, or -1 on a write error. */
int craft_print_pkt(const struct craft_opts *o, const struct rk_pkt *pkt, uint64_t n,
		    const struct timespec *ts, int ts_style, int64_t rtt_ns);
/* A spec for pkt that builds back to its bytes (minimal form when it does,
   else every field, else the bytes as hex:). buf holds cap bytes. */
int craft_spec_of(const struct rk_pkt *pkt, char *buf, size_t cap);
/* Build and print (or -w write) every packet of the spec. Exit status. */
int craft_show_spec(const struct craft_opts *o, const struct rk_spec *spec);
/* --from-pcap. Exit status. */
int craft_from_pcap(const struct craft_opts *o);

/* send.c: send every packet of the spec (o->count times), with --reply
   waiting for each answer. Exit status. */
int craft_send(const struct craft_opts *o, const struct rk_spec *spec);

/* match.c: what identifies a probe and its answers. */
struct craft_probe {
	int ipver;                /* 4 or 6; 0 for ARP */
	uint32_t src4, dst4;
	uint8_t src6[16], dst6[16];
	uint8_t proto;            /* IP protocol of the transport layer (0: none) */
	int l4;                   /* RK_LAYER_TCP, _UDP, _ICMP, _ICMP6 or NONE */
	uint16_t sport, dport;    /* TCP, UDP */
	uint8_t icmp_type;
	uint16_t icmp_id, icmp_seq;
	uint16_t ip_id;           /* IPv4 identification (0: not checked) */
	uint8_t arp_tpa[4];
};

/* Describe a built probe; -1 when it cannot be matched (no IP or ARP). */
int craft_probe_key(const struct rk_pkt *probe, struct craft_probe *k);
/* 1 when frame answers the probe (a reply from its destination, or an
   ICMP error quoting it), else 0. */
int craft_probe_match(const struct craft_probe *k, const struct rk_pkt *frame);
/* A tcpdump filter catching every possible answer (for the capture). */
const char *craft_probe_filter(void);

#endif
