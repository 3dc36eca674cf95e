/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * session.h - what rk-ping knows about a run, and nothing else: which
 * requests went out when, which were answered, duplicates, reordering,
 * errors, and the statistics iputils ping prints. Pure (no clock, no I/O):
 * callers pass every time in, so the tests drive it directly.
 *
 * Requests are numbered 1, 2, 3 ... (64-bit, never wrapping); the ICMP
 * sequence is that number modulo 65536. A reply's 16-bit sequence is mapped
 * back to the most recent request carrying it, so a run of more than 65535
 * requests keeps counting right; a sequence never sent, or sent more than
 * 32768 requests ago, is not ours.
 *
 * Times are nanoseconds on one clock chosen by the caller. Round-trip
 * statistics follow iputils exactly: microseconds, integer arithmetic,
 * duplicates included in min/avg/max/mdev.
 */
#ifndef RK_PING_SESSION_H
#define RK_PING_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#define PING_SEQ_WINDOW 65536u

struct ping_session {
	uint64_t ntransmitted; /* requests sent (the last one's number) */
	uint64_t nreceived;    /* distinct requests answered */
	uint64_t nrepeats;     /* duplicate replies */
	uint64_t nchecksum;    /* replies with a bad ICMP checksum */
	uint64_t nerrors;      /* ICMP errors about our requests, local errors */
	uint64_t nreordered;   /* first replies that came after a newer one's */
	uint64_t max_answered; /* highest request number answered */
	int pipesize;	       /* most requests outstanding at once (iputils' pipe) */
	bool timing;	       /* round trips measured */
	/* round trips in microseconds, as iputils sums them */
	long long tsum, tmin, tmax;
	double tsum2;
	long long ewma8; /* 8 x the exponentially weighted average (iputils' rtt) */
	uint64_t first_tx_ns, last_tx_ns;
	uint64_t tx_ns[PING_SEQ_WINDOW];
	uint64_t answered[PING_SEQ_WINDOW / 64];
};

/* What a reply turned out to be. */
struct ping_reply {
	uint64_t num;	 /* the request it answers */
	uint64_t rtt_ns; /* 0 when the receive time precedes the send time */
	long long rtt_us;
	bool dup;
	bool reordered;
};

void ping_session_init(struct ping_session *s, bool timing);

/* Record the next request as sent at t_ns; returns its ICMP sequence. */
uint16_t ping_session_sent(struct ping_session *s, uint64_t t_ns);

/* The sequence the next request will carry. */
uint16_t ping_session_next_seq(const struct ping_session *s);

/* Request number carrying seq, or 0 when seq is not one of ours. */
uint64_t ping_session_lookup(const struct ping_session *s, uint16_t seq);

/* Move a request's send time (a recorded copy of it was seen). */
void ping_session_restamp(struct ping_session *s, uint16_t seq, uint64_t t_ns);

/* An echo reply with sequence seq received at rx_ns. Returns false (and
   changes nothing) when seq is not ours. A bad checksum is counted as
   corrupted, not received. */
bool ping_session_reply(struct ping_session *s, uint16_t seq, uint64_t rx_ns, bool csum_bad,
			struct ping_reply *r);

/* An ICMP error quoting our request seq. Returns false when not ours. */
bool ping_session_error(struct ping_session *s, uint16_t seq);

/* A local error (the request never left): counted as an error. */
void ping_session_local_error(struct ping_session *s);

/* Has request number num been answered? */
bool ping_session_answered(const struct ping_session *s, uint64_t num);

/* Requests sent and neither answered nor reported (iputils' in_flight). */
uint64_t ping_session_in_flight(const struct ping_session *s);

/* Summary figures. */
struct ping_summary {
	double loss_pct;   /* (transmitted - received) * 100 / transmitted */
	long long time_ms; /* first to last request, rounded */
	bool have_rtt;
	long long min_us, avg_us, max_us, mdev_us;
	bool have_ipg; /* flood or interval 0 */
	long long ipg_us, ewma_us;
};

void ping_session_summary(const struct ping_session *s, bool want_ipg, struct ping_summary *out);

/* iputils' exit status: 1 when nothing was received, or with a deadline
   and a count when fewer than count came back; else 0. */
int ping_session_exit_code(const struct ping_session *s, long long count, bool deadline);

#endif
