/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * run.c - rk-replay's send loop. Every packet has a deadline on an
 * absolute schedule from the start (CLOCK_MONOTONIC): the capture time
 * since the first packet divided by --multiplier, or its index / --pps, or
 * the bits before it / --mbps; so late sends never accumulate into drift.
 * Waiting is clock_nanosleep(TIMER_ABSTIME) to a few microseconds before
 * the deadline (timer slack set to 1 ns), then a spin on the clock. Every
 * packet whose deadline has passed goes out in one sendmmsg batch (up to
 * RK_SOCK_BATCH_MAX of one kind); --topspeed sends batches back to back.
 * Bounded by --loop, --limit, --duration, SIGINT and SIGTERM; the summary
 * follows tcpreplay's.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>
#include "replay.h"
#include "tool.h"

#define SPIN_NS 20000          /* spin on the clock for the last 20 us */
#define PROGRESS_NS 250000000  /* progress line every 250 ms */
#define FAILURES_SHOWN 5

volatile sig_atomic_t replay_stop;

static void on_signal(int sig)
{
	(void)sig;
	replay_stop = 1;
}

struct run {
	const struct replay_opts *o;
	const struct replay_store *s;
	struct replay_out *out;
	int64_t start, end;        /* CLOCK_MONOTONIC; end: --duration's (0: none) */
	/* The schedule: state after the packets handled so far. */
	int64_t cap_ns;            /* capture time of the last one, from the first */
	uint64_t attempts;         /* sent + failed */
	uint64_t att_bytes;        /* their bytes */
	/* Counters for the summary. */
	uint64_t sent, bytes, failed, skipped, truncated, retries;
	int64_t last_send;         /* when the last batch returned */
	bool tty;
	int64_t next_progress;
};

static int64_t mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Deadline of a packet of len bytes, gap_ns after the last handled one. */
static int64_t deadline(const struct run *r, int64_t gap_ns, size_t len)
{
	(void)len;
	switch (r->o->mode) {
	case REPLAY_TIMED:
		return r->start + (int64_t)((double)(r->cap_ns + gap_ns) / r->o->multiplier);
	case REPLAY_PPS:
		return r->start + (int64_t)((double)r->attempts * 1e9 / r->o->pps);
	case REPLAY_MBPS:
		return r->start + (int64_t)((double)r->att_bytes * 8e3 / r->o->mbps);
	default:
		return 0;
	}
}

static void progress(struct run *r, int64_t now, bool last)
{
	if (!r->tty || r->o->quiet)
		return;
	if (!last && now < r->next_progress)
		return;
	r->next_progress = now + PROGRESS_NS;
	double el = (double)(now - r->start) / 1e9;
	if (last) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r%llu packets, %llu bytes sent, %llu failed, %.1f s, %.0f pps\033[K",
		(unsigned long long)r->sent, (unsigned long long)r->bytes,
		(unsigned long long)r->failed, el, el > 0 ? (double)r->sent / el : 0.0);
}

/* Sleep until t (or a signal, or --duration's end). false when the run
   must stop first. */
static bool wait_until(struct run *r, int64_t t)
{
	for (;;) {
		if (replay_stop)
			return false;
		int64_t now = mono();
		if (r->end && now >= r->end)
			return false;
		if (now >= t)
			return true;
		progress(r, now, false);
		int64_t until = t - SPIN_NS;
		if (r->end && r->end < until)
			until = r->end;
		if (r->tty && until > now + PROGRESS_NS)
			until = now + PROGRESS_NS;
		if (until > now) {
			struct timespec ts = { .tv_sec = until / 1000000000, .tv_nsec = until % 1000000000 };
			(void)clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
			continue;
		}
		/* The last microseconds: spin, the clock is a vDSO read. */
		while (!replay_stop && mono() < t)
			;
	}
}

/* The packets i..i+n-1 have been handled (sent or failed). */
static void advance(struct run *r, size_t i, unsigned n)
{
	for (unsigned j = 0; j < n; j++) {
		r->cap_ns += r->s->gap_ns[i + j];
		r->attempts++;
		r->att_bytes += r->s->pkt[i + j].len;
	}
}

static void summary(const struct run *r)
{
	double el = (double)(r->last_send - r->start) / 1e9;
	if (el < 0)
		el = 0;
	double bps = el > 0 ? (double)r->bytes / el : 0, pps = el > 0 ? (double)r->sent / el : 0;
	printf("Actual: %llu packets (%llu bytes) sent in %.6f seconds\n", (unsigned long long)r->sent,
	       (unsigned long long)r->bytes, el);
	printf("Rated: %.1f Bps, %.3f Mbps, %.2f pps\n", bps, bps * 8 / 1e6, pps);
	printf("Statistics for network device: %s\n", r->o->ifname);
	printf("\tSuccessful packets:        %llu\n", (unsigned long long)r->sent);
	printf("\tFailed packets:            %llu\n", (unsigned long long)r->failed);
	printf("\tSkipped packets:           %llu\n", (unsigned long long)r->skipped);
	printf("\tTruncated packets:         %llu\n", (unsigned long long)r->truncated);
	printf("\tRetried packets (ENOBUFS): %llu\n", (unsigned long long)r->retries);
	fflush(stdout);
}

/* One pass over the store. 0 to go on, 1 to stop (limit, duration,
   signal), -1 on a fatal send error. */
static int pass(struct run *r)
{
	const struct replay_store *s = r->s;
	const struct replay_opts *o = r->o;
	bool top = o->mode == REPLAY_TOPSPEED;
	size_t i = 0;
	while (i < s->n) {
		if (replay_stop)
			return 1;
		if (o->limit && r->attempts >= (uint64_t)o->limit)
			return 1;
		int k = s->kind[i];
		if (k == REPLAY_PKT_SKIP) {
			r->cap_ns += s->gap_ns[i];
			r->skipped++;
			i++;
			continue;
		}
		if (!top && !wait_until(r, deadline(r, s->gap_ns[i], s->pkt[i].len)))
			return 1;
		if (top && r->end && mono() >= r->end)
			return 1;
		/* Everything of this kind that is due goes in one batch. */
		uint64_t room = o->limit ? (uint64_t)o->limit - r->attempts : UINT64_MAX;
		unsigned n = 1;
		int64_t now = top ? 0 : mono();
		int64_t cap = r->cap_ns + s->gap_ns[i];
		uint64_t att = r->attempts + 1, bytes = r->att_bytes + s->pkt[i].len;
		while (n < RK_SOCK_BATCH_MAX && n < room && i + n < s->n && s->kind[i + n] == k) {
			if (!top) {
				/* The next one's deadline, as if the batch so far were done. */
				struct run t = *r;
				t.cap_ns = cap;
				t.attempts = att;
				t.att_bytes = bytes;
				if (deadline(&t, s->gap_ns[i + n], s->pkt[i + n].len) > now)
					break;
			}
			cap += s->gap_ns[i + n];
			att++;
			bytes += s->pkt[i + n].len;
			n++;
		}
		const char *why;
		int sent = replay_out_send(r->out, s, i, n, k, &r->retries, &why);
		r->last_send = mono();
		if (sent == -2)
			return 1;
		if (sent == -1) {
			tool_warn("%s", why);
			return -1;
		}
		if (sent == 0) {
			if (r->failed < FAILURES_SHOWN)
				tool_warn("packet %zu: %s", i + 1, why);
			else if (r->failed == FAILURES_SHOWN)
				tool_warn("more packets failed: not shown");
			r->failed++;
			advance(r, i, 1);
			i++;
		} else {
			for (int j = 0; j < sent; j++) {
				r->bytes += s->pkt[i + (size_t)j].len;
				r->truncated += s->truncated[i + (size_t)j];
			}
			r->sent += (uint64_t)sent;
			advance(r, i, (unsigned)sent);
			i += (size_t)sent;
		}
		progress(r, r->last_send, false);
	}
	return 0;
}

int replay_run(const struct replay_opts *o, const struct replay_store *s, struct replay_out *out)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.s = s;
	r.out = out;
	r.tty = isatty(STDERR_FILENO);

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: sleeps end at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Sleeps end when asked, not up to 50 us later. */
	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

	r.start = r.last_send = mono();
	r.end = o->duration_ns ? r.start + o->duration_ns : 0;
	r.next_progress = r.start + PROGRESS_NS;
	int rc = 0;
	for (int64_t loop = 0; (o->loops == 0 || loop < o->loops) && rc == 0; loop++) {
		rc = pass(&r);
		if (rc == 0 && r.attempts == 0 && s->count[REPLAY_PKT_SKIP] == s->n && o->loops == 0)
			break; /* nothing sendable: looping forever would only spin */
	}
	progress(&r, mono(), true);
	if (!o->quiet)
		summary(&r);
	if (rc < 0)
		return TOOL_EXIT_FAIL;
	if (r.sent == 0 && !replay_stop)
		return TOOL_EXIT_NO;
	return TOOL_EXIT_OK;
}
