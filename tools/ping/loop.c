/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * loop.c - rk-ping's send/receive loop (loop.h).
 *
 * Timing follows iputils ping (ping_common.c main_loop(), pinger(),
 * schedule_exit()): a request every interval measured from the previous
 * send; in flood mode (interval 0) the next request goes as soon as the
 * last one is answered, or after 10 ms without an answer; once COUNT are
 * sent, rk-ping waits for stragglers twice the longest round trip (at least
 * one interval), or -W seconds when nothing came back at all; -w ends the
 * run at its deadline whatever is outstanding, and keeps sending past COUNT
 * until COUNT answers (or errors) are in.
 */
#include "loop.h"
#include "tool.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOOD_WAIT_NS 10000000ull /* iputils' MININTERVAL */
#define PKT_CAP (65536 + 128)

struct run {
	struct ping_loop *lp;
	uint64_t next_send, last_send;
	unsigned retries;
	bool ended; /* the recording ran out, or the input failed */
	int rc;
	uint8_t pkt[PKT_CAP];
	struct rk_pkt dec;
};

static void show_addr(struct run *r, int family, uint32_t a4, const uint8_t *a6, char *name,
		      size_t nsize, char *num, size_t numsize)
{
	if (family == 4) {
		struct in_addr in = {htonl(a4)};
		inet_ntop(AF_INET, &in, num, (socklen_t)numsize);
	} else {
		inet_ntop(AF_INET6, a6, num, (socklen_t)numsize);
	}
	if (r->lp->addr_name)
		r->lp->addr_name(r->lp->addr_ctx, family, a4, a6, name, nsize);
	else
		snprintf(name, nsize, "%s", num);
}

static void send_one(struct run *r, uint64_t now)
{
	struct ping_loop *lp = r->lp;
	const struct ping_opts *o = lp->o;
	struct ping_session *s = lp->s;
	uint64_t interval = o->interval_ns;

	struct timespec wall;
	lp->io->ops->wall(lp->io, &wall);
	if (o->outstanding && s->ntransmitted > 0 && !ping_session_answered(s, s->ntransmitted))
		ping_out_no_answer(lp->out, (uint16_t)s->ntransmitted, &wall);

	uint16_t seq = ping_session_next_seq(s);
	int len =
	    ping_probe_build(lp->probe, seq, s->ntransmitted + 1, &wall, r->pkt, sizeof(r->pkt));
	if (len < 0) {
		tool_warn("cannot build request %u: %s", seq, rk_strerror(len));
		r->ended = true;
		r->rc = 2;
		return;
	}
	struct ping_send_status st;
	lp->io->ops->send(lp->io, r->pkt, (size_t)len, &st);
	switch (st.result) {
	case PING_SEND_EOF: r->ended = true; return;
	case PING_SEND_RETRY: {
		/* iputils: the device queue is full; wait half an interval
		   (at most 0.5 s) and try again, for up to -W seconds. */
		uint64_t wait = interval / 2;
		if (wait < 1000000)
			wait = 1000000;
		if (wait > 500000000)
			wait = 500000000;
		if (++r->retries * wait < o->linger_ns) {
			r->next_send = now + wait;
			return;
		}
		st.result = PING_SEND_FAILED;
		break;
	}
	default: break;
	}
	r->retries = 0;
	ping_session_sent(s, st.t_ns);
	r->last_send = st.t_ns;
	r->next_send = st.t_ns + interval;
	if (st.result == PING_SENT) {
		ping_out_flood_sent(lp->out);
		return;
	}
	if (st.result == PING_SEND_LOCAL_ERROR) {
		ping_session_local_error(s);
		if (o->json) {
			ping_out_local_error_json(lp->out, seq, "message too long", st.mtu);
		} else if (!o->quiet) {
			if (o->flood)
				ping_out_flood_local_error(lp->out);
			else if (st.mtu > 0)
				/* iputils' two spellings, IPv4's and IPv6's */
				tool_warn("local error: message too long, mtu%s%d",
					  lp->probe->family == 4 ? "=" : ": ", st.mtu);
			else
				tool_warn("local error: message too long");
		}
		return;
	}
	/* Another failure: counted as sent, as iputils does. */
	if (o->json)
		ping_out_local_error_json(lp->out, seq, strerror(st.err), 0);
	else if (!o->quiet) {
		if (o->flood)
			ping_out_flood_local_error(lp->out);
		else
			tool_warn_errno(st.err, "sendmsg");
	}
}

static void handle(struct run *r, const struct ping_rx *rx)
{
	struct ping_loop *lp = r->lp;
	struct ping_session *s = lp->s;
	struct ping_rx_info in;
	ping_rx_classify(lp->probe, rx->data, rx->caplen, rx->len, rx->linktype, &r->dec, &in);
	char name[1100], num[64];

	switch (in.kind) {
	case PING_RX_OWN_REQUEST: {
		if (!lp->io->restamp_own)
			return;
		uint64_t n = ping_session_lookup(s, in.seq);
		if (!n)
			return;
		ping_session_restamp(s, in.seq, rx->t_ns);
		if (n == s->ntransmitted) {
			r->last_send = rx->t_ns;
			r->next_send = rx->t_ns + lp->o->interval_ns;
		}
		return;
	}
	case PING_RX_REPLY: {
		struct ping_reply rep;
		if (!ping_session_reply(s, in.seq, rx->t_ns, in.csum_bad, &rep))
			return;
		show_addr(r, in.family, in.from4, in.from6, name, sizeof(name), num, sizeof(num));
		struct ping_out_reply o = {
		    .wall = rx->wall,
		    .bytes = in.icmp_len,
		    .from = name,
		    .from_addr = num,
		    .seq = in.seq,
		    .ttl = in.ttl,
		    .timing = s->timing,
		    .rtt_us = rep.rtt_us,
		    .rtt_ns = rep.rtt_ns,
		    .dup = rep.dup,
		    .reordered = rep.reordered,
		    .csum_bad = in.csum_bad,
		    .truncated = in.truncated,
		};
		ping_out_reply(lp->out, &o);
		return;
	}
	case PING_RX_ERROR:
	case PING_RX_NOTICE: {
		if (in.kind == PING_RX_ERROR) {
			if (!ping_session_error(s, in.seq))
				return;
		} else if (!ping_session_lookup(s, in.seq)) {
			return;
		}
		show_addr(r, in.family, in.from4, in.from6, name, sizeof(name), num, sizeof(num));
		char gw[1100] = "", gwnum[64];
		if (in.family == 4 && in.type == RK_ICMP_REDIRECT)
			show_addr(r, 4, in.info, NULL, gw, sizeof(gw), gwnum, sizeof(gwnum));
		struct ping_out_error e = {
		    .wall = rx->wall,
		    .from = name,
		    .from_addr = num,
		    .seq = in.seq,
		    .type = in.type,
		    .code = in.code,
		    .info = in.info,
		    .gateway = gw,
		    .notice = in.kind == PING_RX_NOTICE,
		};
		ping_out_error(lp->out, &e);
		return;
	}
	default: return;
	}
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

int ping_loop_run(struct ping_loop *lp)
{
	const struct ping_opts *o = lp->o;
	struct ping_session *s = lp->s;
	struct ping_io *io = lp->io;
	struct run *r = calloc(1, sizeof(*r));
	if (!r) {
		tool_warn("out of memory");
		return 2;
	}
	r->lp = lp;
	uint64_t count = (uint64_t)o->count;
	uint64_t start = io->ops->now(io);
	uint64_t deadline_at = o->deadline_s ? start + (uint64_t)o->deadline_s * PING_NS : 0;
	uint64_t exit_wait = 0; /* the wait after the last send, once fixed */
	bool exit_set = false;
	r->next_send = start;

	while (!r->ended) {
		if (*lp->stop)
			break;
		if (count && s->nreceived + s->nerrors >= count)
			break;
		if (o->deadline_s && s->nerrors)
			break;
		if (*lp->status) {
			*lp->status = 0;
			ping_out_status(stderr, s);
		}
		uint64_t now = io->ops->now(io);
		if (deadline_at && now >= deadline_at)
			break;
		/* (last_send may move: a replay re-times it from the recording) */
		uint64_t exit_at = exit_set ? r->last_send + exit_wait : UINT64_MAX;
		if (now >= exit_at)
			break;

		bool more = !(count && s->ntransmitted >= count && !o->deadline_s);
		if (more && now >= r->next_send) {
			bool flood_wait = o->interval_ns == 0 && ping_session_in_flight(s) > 0 &&
					  now - r->last_send < FLOOD_WAIT_NS;
			if (!flood_wait) {
				send_one(r, now);
				continue;
			}
		}
		if (!more && !exit_set) {
			/* iputils' __schedule_exit(): fixed once, after the last send. */
			uint64_t wait;
			if (s->nreceived) {
				wait = 2 * (uint64_t)s->tmax * 1000;
				if (wait < o->interval_ns)
					wait = o->interval_ns;
			} else {
				wait = o->linger_ns;
			}
			exit_wait = wait;
			exit_set = true;
			continue;
		}

		uint64_t until = exit_at;
		if (more) {
			uint64_t t = r->next_send;
			if (o->interval_ns == 0 && ping_session_in_flight(s) > 0)
				t = r->last_send + FLOOD_WAIT_NS;
			until = min64(until, t);
		}
		if (deadline_at)
			until = min64(until, deadline_at);

		struct ping_rx rx;
		char err[256] = "";
		int got = io->ops->recv(io, &rx, until, err);
		if (got == 1) {
			handle(r, &rx);
		} else if (got == -1) {
			break; /* the recording has ended: nothing more will come */
		} else if (got < 0) {
			tool_warn("%s", err);
			r->rc = 2;
			break;
		}
	}
	int rc = r->rc;
	free(r);
	return rc;
}
