/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * replay.h - what rk-replay's files share: the command line, the capture
 * loaded into memory, the senders and the run state passed down (no
 * globals but the signal flag).
 *
 *   opts.c   command line, --help, --version
 *   load.c   every packet of the capture files read and checked before
 *            anything is opened: what each one is sent as (a whole frame,
 *            an IPv4 or an IPv6 packet) and when
 *   out.c    the senders: Ethernet frames through a PF_PACKET socket in
 *            sendmmsg batches (or libnet, --inject=libnet), IP packets
 *            through rawkit's raw sockets (sock.h) in sendmmsg batches
 *   run.c    pacing (absolute schedule on CLOCK_MONOTONIC), batching,
 *            signals, the progress line and the summary
 */
#ifndef RK_REPLAY_H
#define RK_REPLAY_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include "rawkit/inject.h"
#include "rawkit/sock.h"

enum replay_mode {
	REPLAY_TIMED,     /* as recorded, sped up or slowed down by --multiplier */
	REPLAY_PPS,       /* --pps */
	REPLAY_MBPS,      /* --mbps */
	REPLAY_TOPSPEED,  /* --topspeed */
};

enum replay_l2 {
	REPLAY_L2_PACKET, /* PF_PACKET socket, sendmmsg batches (default) */
	REPLAY_L2_LIBNET, /* libnet_adv_write_link, one frame per call (inject.h) */
};

struct replay_opts {
	const char *ifname;       /* -i */
	char **files;             /* capture files, nfiles of them */
	int nfiles;
	enum replay_mode mode;
	double multiplier;        /* -x */
	double pps;               /* -p */
	double mbps;              /* -M */
	int64_t loops;            /* -l: 0 forever (stop with --limit, --duration or ^C) */
	int64_t limit;            /* -L: packets to send in all (0: no limit) */
	int64_t duration_ns;      /* --duration (0: no limit) */
	enum replay_l2 l2;        /* --inject */
	bool quiet;               /* -q: no progress line, no summary */
	bool dry_run;             /* -n: load and check, open nothing, send nothing */
};

/* opts.c: parse the command line; exits 2 (message on stderr) on errors,
   0 after --help / --version. */
void replay_opts_parse(struct replay_opts *o, int argc, char **argv);

/* What a packet of the capture is sent as. */
enum replay_kind {
	REPLAY_PKT_L2,    /* a whole Ethernet frame */
	REPLAY_PKT_IP4,   /* an IPv4 packet, over the IP_HDRINCL raw socket */
	REPLAY_PKT_IP6,   /* an IPv6 packet, over the IPv6 raw socket */
	REPLAY_PKT_SKIP,  /* cannot be sent: not IP at layer 3, shorter than a header */
};

/*
 * The packets of every file, in order, with their bytes in one arena.
 * pkt[i] / iov[i] / mm[i] are the same packet in the forms the senders
 * take, built once so a batch is a pointer into them (no copying per send).
 */
struct replay_store {
	size_t n;
	uint8_t *kind;            /* enum replay_kind */
	int64_t *gap_ns;          /* capture time since the previous packet (0 for
				     each file's first; negative when out of order) */
	uint8_t *truncated;       /* 1 when the capture cut the packet (caplen < len) */
	struct rk_sock_pkt *pkt;  /* the bytes to send (link header removed at layer 3) */
	struct iovec *iov;        /* the same, for PF_PACKET */
	struct mmsghdr *mm;       /* the same, one message each */
	uint8_t *arena;
	size_t arena_len;
	uint64_t count[4];        /* packets of each kind */
	int64_t span_ns;          /* sum of gap_ns: one pass as recorded */
};

/* load.c: read every file into s. Returns 0, or -1 after a message naming
   the file and the problem (unreadable, damaged, an unsupported link
   type). */
int replay_load(const struct replay_opts *o, struct replay_store *s);
void replay_store_free(struct replay_store *s);

/* out.c: the open senders. */
struct replay_out {
	enum replay_l2 l2;
	int pfd;                  /* PF_PACKET socket, or -1 */
	struct rk_inject *inj;    /* libnet injector, or NULL */
	struct rk_sock *s4, *s6;  /* raw IP sockets, or NULL */
	const char *ifname;
};

/* Open what the store's kinds need, bound to o->ifname. Returns 0, or -1
   after a message (RK_E_PERM names CAP_NET_RAW). */
int replay_out_open(const struct replay_opts *o, const struct replay_store *s,
		    struct replay_out *out);
void replay_out_close(struct replay_out *out);

/*
 * Send n packets starting at store index i, all of kind k. Returns how many
 * left (>= 1), 0 when the first was refused for its own sake (count it as
 * failed, *why says how; move on), -1 when sending cannot go on (*why
 * says why), or -2 when SIGINT/SIGTERM came while it waited (nothing of
 * this call was sent). ENOBUFS is waited out for a moment (counted in *retries)
 * before the packet is taken as failed. *why is a static or errbuf string
 * valid until the next call.
 */
int replay_out_send(struct replay_out *out, const struct replay_store *s, size_t i, unsigned n,
		    int k, uint64_t *retries, const char **why);

/* Set by SIGINT and SIGTERM (run.c): the one global, as a signal handler
   can reach nothing else. */
extern volatile sig_atomic_t replay_stop;

/* run.c: send everything as o asks. Exit status. */
int replay_run(const struct replay_opts *o, const struct replay_store *s, struct replay_out *out);

#endif
