/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * send.c - rk-synscan's send side: one or more sender threads walk this
 * shard's part of the probe permutation, patch the template SYN per probe
 * (probe.c), and send in batches of 64 with sendmmsg: Ethernet frames on
 * a packet socket when l2.c can address them, else IP packets on the
 * IP_HDRINCL socket (rk_sock_send_batch); each paced by a token bucket at
 * its share of --rate.
 *
 * Pacing: tokens accrue at the rate from CLOCK_MONOTONIC; a sender sleeps
 * until half a millisecond's worth (1 to a batch) is due, so packets
 * leave smoothly; a debt from a late wakeup is paid back, up to 100 ms
 * worth, so each second carries its share. Pass 0 sends every probe once;
 * each of --retries further passes resends only the probes with no result
 * yet, after waiting up to --wait seconds (less when every probe has been
 * answered).
 */
/*
 * send.c - rk-synscan's send side: walks this shard's part of the probe
 * permutation, patches the template SYN per probe (probe.c), and sends in
 * batches of 64 with sendmmsg: Ethernet frames on a packet socket when
 * l2.c can address them, else IP packets on the IP_HDRINCL socket
 * (rk_sock_send_batch); paced by a token bucket.
 *
 * Pacing: tokens accrue at --rate per second from CLOCK_MONOTONIC; the
 * sender sleeps until half a millisecond's worth (1 to a batch) is due, so
 * packets leave smoothly; a debt from a late wakeup is paid back, up to
 * 100 ms worth, so each second carries its share. Pass 0 sends every probe once; each of --retries
 * further passes resends only the probes with no result yet, after waiting up to --wait seconds
 * (less when every probe has been answered).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"
#include "scan.h"
#include "util.h"

#define BATCH 64
#define NS 1000000000ull

static uint64_t mono_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * NS + (uint64_t)t.tv_nsec;
}

static void sleep_ns(uint64_t ns)
{
	struct timespec t = {(time_t)(ns / NS), (long)(ns % NS)};
	nanosleep(&t, NULL);
}

struct bucket {
	double rate; /* tokens per ns; 0: unlimited */
	double tokens;
	double cap; /* the most tokens kept: 100 ms worth, at least 2 */
	double low; /* sleep until this many are due: 0.5 ms worth, 1 to a batch */
	uint64_t last;
};

static void bucket_init(struct bucket *b, double pps)
{
	b->rate = pps / 1e9;
	b->cap = pps * 0.1;
	if (b->cap < 2)
		b->cap = 2;
	b->low = pps * 0.0005;
	if (b->low < 1)
		b->low = 1;
	if (b->low > BATCH)
		b->low = BATCH;
	b->tokens = 0;
	b->last = mono_ns();
}

/*
 * How many packets may go now (1..want), sleeping until some may; 0 when
 * stop is set meanwhile. Tokens owed after an oversleep or a preemption
 * are kept (up to 100 ms worth) and paid back at once, so the rate over
 * every second holds even on a busy machine.
 */
static unsigned bucket_take(struct bucket *b, unsigned want, const atomic_bool *stop)
{
	if (b->rate == 0)
		return want;
	for (;;) {
		uint64_t now = mono_ns();
		b->tokens += (double)(now - b->last) * b->rate;
		b->last = now;
		if (b->tokens > b->cap)
			b->tokens = b->cap;
		if (b->tokens >= b->low || b->tokens >= want) {
			unsigned n = b->tokens < want ? (unsigned)b->tokens : want;
			b->tokens -= n;
			return n;
		}
		if (atomic_load(stop))
			return 0;
		double need = (b->low - b->tokens) / b->rate;
		if (need > 20000)
			sleep_ns((uint64_t)need);
	}
}

/* Progress, and the per-second rate samples for the summary. */
struct meter {
	uint64_t t0, last_print, mark_t;
	uint64_t mark_sent;
	uint64_t total; /* probes in pass 0 */
};

static void meter_tick(struct scan *sc, struct meter *m, uint64_t now, uint64_t done, bool sending)
{
	uint64_t sent = atomic_load(&sc->sent);
	if (sending && now - m->mark_t >= NS) {
		double r = (double)(sent - m->mark_sent) * 1e9 / (double)(now - m->mark_t);
		if (sc->rate_1s_min == 0 || r < sc->rate_1s_min)
			sc->rate_1s_min = r;
		if (r > sc->rate_1s_max)
			sc->rate_1s_max = r;
		m->mark_t = now;
		m->mark_sent = sent;
	}
	if (!sc->progress || now - m->last_print < NS / 2)
		return;
	m->last_print = now;
	double el = (double)(now - m->t0) / 1e9;
	double rate = el > 0 ? (double)sent / el : 0;
	double pct = m->total ? 100.0 * (double)done / (double)m->total : 100;
	double eta = rate > 0 && done < m->total ? (double)(m->total - done) / rate : 0;
	fprintf(stderr,
		"\r%s: sent %" PRIu64 ", %.0f/s, %.1f%% done, ETA %d:%02d, found %" PRIu64 "   ",
		sending ? "sending" : "waiting", sent, rate, pct, (int)eta / 60, (int)eta % 60,
		(uint64_t)atomic_load(&sc->n_open));
}

/* All probes of this run have a result: no point waiting longer. */
static bool all_answered(struct scan *sc, uint64_t attempted)
{
	results_rdlock(&sc->res);
	bool all = sc->res.n >= attempted;
	results_unlock(&sc->res);
	return all;
}

/* Wait up to sc->wait_s for replies; returns early when all are in, or on
   a second interrupt (stop_recv is then set by the signal handler). */
static void wait_replies(struct scan *sc, struct meter *m, uint64_t attempted)
{
	uint64_t start = mono_ns(), limit = (uint64_t)(sc->wait_s * 1e9);
	for (;;) {
		uint64_t now = mono_ns();
		if (now - start >= limit || all_answered(sc, attempted) ||
		    atomic_load(&sc->stop_recv))
			return;
		meter_tick(sc, m, now, m->total, false);
		sleep_ns(1000000);
	}
}

/* Send n packets of one family, retrying what the kernel could not take;
   s NULL: frames on the packet socket (l2.c). */
static void send_all(struct scan *sc, struct rk_sock *s, struct rk_sock_pkt *pk, unsigned n)
{
	char eb[RK_ERRBUF_SIZE];
	unsigned off = 0, stalls = 0;
	while (off < n) {
		int r;
		if (s) {
			r = rk_sock_send_batch(s, pk + off, n - off, eb);
		} else {
			r = l2_send(sc, pk + off, n - off);
			if (r < 0)
				snprintf(eb, sizeof eb, "packet socket send on %s: %s",
					 sc->l2_ifname, strerror(errno));
		}
		if (r > 0) {
			off += (unsigned)r;
			atomic_fetch_add(&sc->sent, (uint64_t)r);
			stalls = 0;
			continue;
		}
		if ((errno == ENOBUFS || errno == EAGAIN) && stalls++ < 1000) {
			sleep_ns(20000); /* the device queue is full: let it drain */
			continue;
		}
		/* This packet cannot go (no route, a firewall): count it, go on. */
		if (atomic_fetch_add(&sc->send_errors, 1) == 0 && !sc->quiet)
			tool_warn("%s (further send errors are only counted)", eb);
		off++;
		stalls = 0;
	}
}

static void dry_print(struct scan *sc, const struct probe_tmpl *t, const uint8_t *pkt,
		      const struct rk_target_addr *dst, uint16_t dport, uint16_t sport)
{
	/* Check the incremental checksums against a full recomputation. */
	uint8_t copy[sizeof t->pkt];
	memcpy(copy, pkt, t->len);
	size_t tl = t->len - t->l4;
	uint32_t ps;
	uint8_t *ip = copy + t->l3;
	copy[t->l4 + 16] = copy[t->l4 + 17] = 0;
	if (t->family == 4) {
		ip[10] = ip[11] = 0;
		uint32_t src = (uint32_t)ip[12] << 24 | ip[13] << 16 | ip[14] << 8 | ip[15];
		ps = rk_csum_pseudo4(src, dst->v4, RK_IPPROTO_TCP, (uint32_t)tl);
		if (rk_csum(ip, 20) != (uint16_t)(pkt[t->l3 + 10] << 8 | pkt[t->l3 + 11]))
			tool_die("internal error: IPv4 checksum of a probe is wrong");
	} else {
		ps = rk_csum_pseudo6(ip + 8, ip + 24, (uint32_t)tl, RK_IPPROTO_TCP);
	}
	uint16_t full = rk_csum_finish(rk_csum_partial(copy + t->l4, tl, ps));
	if (full != (uint16_t)(pkt[t->l4 + 16] << 8 | pkt[t->l4 + 17]))
		tool_die("internal error: TCP checksum of a probe is wrong");
	char addr[INET6_ADDRSTRLEN];
	addr_str(dst, addr, sizeof addr);
	uint32_t seq = (uint32_t)pkt[t->l4 + 4] << 24 | (uint32_t)pkt[t->l4 + 5] << 16 |
		       (uint32_t)pkt[t->l4 + 6] << 8 | pkt[t->l4 + 7];
	printf("%s %u sport %u seq %08x\n", addr, dport, sport, seq);
	(void)sc;
}

/*
 * Closing a packet socket waits for an RCU grace period in the kernel
 * (packet_release() calls synchronize_net()): 10-30 ms each, one after the
 * other at exit. The send sockets are closed by a thread of their own as
 * soon as sending ends, so that wait overlaps the wait for the last
 * replies and the capture's own close.
 */
static void *close_senders(void *arg)
{
	struct scan *sc = arg;
	rk_sock_close(sc->s4);
	rk_sock_close(sc->s6);
	if (sc->use_l2 && sc->l2_fd > 0)
		close(sc->l2_fd);
	return NULL;
}

void send_close_start(struct scan *sc)
{
	if (pthread_create(&sc->closer, NULL, close_senders, sc) == 0)
		sc->closer_started = true;
	else
		close_senders(sc);
}

void send_close_finish(struct scan *sc)
{
	if (sc->closer_started)
		pthread_join(sc->closer, NULL);
	sc->closer_started = false;
}

/*
 * Sender threads share a pass through one counter: each takes the next
 * `want` positions of the shard (as many as its token bucket allows, at
 * most a batch), builds those probes and sends them. Every position taken
 * is sent before the thread looks at the stop flag again, so when all
 * threads have stopped, the positions below the counter are exactly the
 * ones sent: the resume index stays exact with any number of threads.
 */
struct pass {
	unsigned num; /* 0: first sends; 1..: retransmissions */
	uint64_t end; /* shard positions of this pass: [sc->resume, end) */
	atomic_uint_fast64_t next;
};

struct sender {
	struct scan *sc;
	struct pass *pass;
	const struct probe_tmpl *t4, *t6;
	struct bucket b;
	struct meter *m; /* thread 0 only: progress and rate samples */
	pthread_t thread;
	uint8_t buf4[BATCH][80], buf6[BATCH][80];
	struct rk_sock_pkt pk4[BATCH], pk6[BATCH];
};

/* Build and send the probes of positions [start, start + n) of the pass. */
static void send_positions(struct sender *se, uint64_t start, unsigned n)
{
	struct scan *sc = se->sc;
	struct rk_perm_iter it;
	unsigned n4 = 0, n6 = 0, num = se->pass->num;
	uint64_t idx;
	if (rk_perm_iter_init(&it, &sc->perm, sc->shard, sc->shards, start) != RK_OK)
		tool_die("internal error: bad shard or resume index");
	if (num > 0)
		results_rdlock(&sc->res);
	for (unsigned i = 0; i < n && rk_perm_iter_next(&it, &idx); i++) {
		if (num > 0 && results_find_locked(&sc->res, idx + 1))
			continue;
		struct rk_target_addr dst;
		uint16_t dport, sport;
		uint8_t *out;
		const struct probe_tmpl *t;
		/* The target's family picks the template. */
		rk_targets_get(&sc->targets, idx / sc->ports.n, &dst);
		if (dst.family == 4) {
			t = se->t4;
			out = se->buf4[n4];
			se->pk4[n4].data = out;
			se->pk4[n4++].len = t->len;
		} else {
			t = se->t6;
			out = se->buf6[n6];
			se->pk6[n6].data = out;
			se->pk6[n6++].len = t->len;
		}
		probe_make(sc, t, idx, num, out, &dst, &dport, &sport);
		if (sc->dry_run)
			dry_print(sc, t, out, &dst, dport, sport);
	}
	if (num > 0)
		results_unlock(&sc->res);
	if (sc->dry_run) {
		atomic_fetch_add(&sc->sent, n4 + n6);
		return;
	}
	if (n4)
		send_all(sc, sc->use_l2 ? NULL : sc->s4, se->pk4, n4);
	if (n6)
		send_all(sc, sc->s6, se->pk6, n6);
}

/* One sender's share of a pass. */
static void *sender_pass(void *arg)
{
	struct sender *se = arg;
	struct pass *ps = se->pass;
	for (;;) {
		if (atomic_load(&se->sc->stop_send))
			break;
		unsigned want = bucket_take(&se->b, BATCH, &se->sc->stop_send);
		if (want == 0)
			break;
		uint64_t start = atomic_fetch_add(&ps->next, want);
		if (start >= ps->end)
			break;
		if (want > ps->end - start)
			want = (unsigned)(ps->end - start);
		send_positions(se, start, want);
		if (se->m) {
			uint64_t at = atomic_load(&ps->next);
			meter_tick(se->sc, se->m, mono_ns(),
				   (at < ps->end ? at : ps->end) - se->sc->resume, true);
		}
	}
	return NULL;
}

/* Run one pass on every sender: the calling thread is sender 0 (it gets
   the signals), the others are threads of their own for the pass. */
static void run_pass(struct sender *se, unsigned n)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	unsigned started = 1;
	for (; started < n; started++)
		if (pthread_create(&se[started].thread, NULL, sender_pass, &se[started]) != 0)
			break; /* fewer threads: the counter shares the work anyway */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sender_pass(&se[0]);
	for (unsigned i = 1; i < started; i++)
		pthread_join(se[i].thread, NULL);
}

int send_run(struct scan *sc)
{
	struct probe_tmpl t4, t6;
	struct meter m = {0};
	uint64_t shard_total = rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards);
	unsigned n = sc->dry_run ? 1 : sc->sender_threads;
	struct sender *se = calloc(n, sizeof *se);
	struct pass ps = {.num = 0, .end = shard_total};

	if (!se)
		tool_die("out of memory");
	if ((sc->have_src4 && probe_tmpl_init(&t4, sc, 4, sc->use_l2) != RK_OK) ||
	    (sc->have_src6 && probe_tmpl_init(&t6, sc, 6, false) != RK_OK))
		tool_die("internal error: cannot build the template SYN");
	/* Sleeps end within 1 us of the deadline, not the default 50 us. */
	prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
	for (unsigned i = 0; i < n; i++) {
		se[i] = (struct sender){.sc = sc, .pass = &ps, .t4 = &t4, .t6 = &t6};
		bucket_init(&se[i].b, sc->dry_run ? 0 : sc->rate / n);
	}
	se[0].m = &m;
	m.t0 = m.mark_t = m.last_print = mono_ns();
	m.total = shard_total - sc->resume;
	sc->resume_hint = sc->resume;

	unsigned passes = sc->dry_run ? 1 : sc->retries + 1;
	for (unsigned pass = 0; pass < passes && !atomic_load(&sc->stop_send); pass++) {
		if (pass > 0) {
			wait_replies(sc, &m, m.total);
			if (all_answered(sc, m.total) || atomic_load(&sc->stop_send))
				break;
		}
		ps.num = pass;
		atomic_store(&ps.next, sc->resume);
		run_pass(se, n);
		if (pass == 0) {
			uint64_t at = atomic_load(&ps.next);
			sc->resume_hint = at < ps.end ? at : ps.end;
			sc->pass0_done = at >= ps.end;
		}
	}
	free(se);
	clock_gettime(CLOCK_MONOTONIC, &sc->t_send_end);
	if (!sc->dry_run) {
		/* Nothing more is sent: let the sockets go while replies come in. */
		send_close_start(sc);
		wait_replies(sc, &m, sc->pass0_done ? m.total : sc->resume_hint - sc->resume);
	}
	if (sc->progress)
		fputs("\r\033[K", stderr);
	return 0;
}
