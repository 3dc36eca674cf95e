/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * session.c - rk-ping's bookkeeping and statistics (session.h). The
 * arithmetic of the summary is iputils ping's (ping_common.c finish(),
 * gather_statistics()), so the figures agree to the last digit given the
 * same round trips.
 */
#include "session.h"

#include <limits.h>
#include <string.h>

void ping_session_init(struct ping_session *s, bool timing)
{
	memset(s, 0, sizeof(*s));
	s->timing = timing;
	s->tmin = LLONG_MAX;
}

uint16_t ping_session_next_seq(const struct ping_session *s)
{
	return (uint16_t)(s->ntransmitted + 1);
}

static void clear_answered(struct ping_session *s, uint64_t num)
{
	unsigned bit = (unsigned)(num % PING_SEQ_WINDOW);
	s->answered[bit / 64] &= ~(1ull << (bit % 64));
}

static void set_answered(struct ping_session *s, uint64_t num)
{
	unsigned bit = (unsigned)(num % PING_SEQ_WINDOW);
	s->answered[bit / 64] |= 1ull << (bit % 64);
}

bool ping_session_answered(const struct ping_session *s, uint64_t num)
{
	unsigned bit = (unsigned)(num % PING_SEQ_WINDOW);
	return (s->answered[bit / 64] >> (bit % 64)) & 1;
}

uint16_t ping_session_sent(struct ping_session *s, uint64_t t_ns)
{
	uint64_t num = ++s->ntransmitted;
	if (num == 1)
		s->first_tx_ns = t_ns;
	s->last_tx_ns = t_ns;
	s->tx_ns[num % PING_SEQ_WINDOW] = t_ns;
	clear_answered(s, num);
	return (uint16_t)num;
}

uint64_t ping_session_lookup(const struct ping_session *s, uint16_t seq)
{
	/* The newest request carrying seq: at most 32767 behind the last one
	   sent (iputils' acknowledge() window). */
	uint16_t back = (uint16_t)((uint16_t)s->ntransmitted - seq);
	if (back > 0x7fff || back >= s->ntransmitted)
		return 0;
	return s->ntransmitted - back;
}

void ping_session_restamp(struct ping_session *s, uint16_t seq, uint64_t t_ns)
{
	uint64_t num = ping_session_lookup(s, seq);
	if (!num)
		return;
	s->tx_ns[num % PING_SEQ_WINDOW] = t_ns;
	if (num == 1)
		s->first_tx_ns = t_ns;
	if (num == s->ntransmitted)
		s->last_tx_ns = t_ns;
}

/* iputils' pipe: how many requests were outstanding when this one was
   answered, the answer included. */
static void acknowledge(struct ping_session *s, uint64_t num)
{
	uint64_t diff = s->ntransmitted - num;
	if (diff + 1 > (uint64_t)s->pipesize)
		s->pipesize = diff + 1 > INT_MAX ? INT_MAX : (int)(diff + 1);
	if (num > s->max_answered)
		s->max_answered = num;
}

bool ping_session_reply(struct ping_session *s, uint16_t seq, uint64_t rx_ns, bool csum_bad,
			struct ping_reply *r)
{
	uint64_t num = ping_session_lookup(s, seq);
	if (!num)
		return false;
	memset(r, 0, sizeof(*r));
	r->num = num;
	uint64_t tx = s->tx_ns[num % PING_SEQ_WINDOW];
	r->rtt_ns = rx_ns > tx ? rx_ns - tx : 0;
	r->rtt_us = (long long)(r->rtt_ns / 1000);

	if (csum_bad) {
		s->nchecksum++;
		return true;
	}
	uint64_t newest_before = s->max_answered;
	acknowledge(s, num);
	if (s->timing) {
		long long t = r->rtt_us;
		s->tsum += t;
		s->tsum2 += (double)(t * t);
		if (t < s->tmin)
			s->tmin = t;
		if (t > s->tmax)
			s->tmax = t;
		if (!s->ewma8)
			s->ewma8 = t * 8;
		else
			s->ewma8 += t - s->ewma8 / 8;
	}
	if (ping_session_answered(s, num)) {
		s->nrepeats++;
		r->dup = true;
	} else {
		set_answered(s, num);
		s->nreceived++;
		if (num < newest_before) {
			r->reordered = true;
			s->nreordered++;
		}
	}
	return true;
}

bool ping_session_error(struct ping_session *s, uint16_t seq)
{
	uint64_t num = ping_session_lookup(s, seq);
	if (!num)
		return false;
	acknowledge(s, num);
	s->nerrors++;
	return true;
}

void ping_session_local_error(struct ping_session *s)
{
	s->nerrors++;
}

uint64_t ping_session_in_flight(const struct ping_session *s)
{
	return s->ntransmitted - s->max_answered;
}

/* Integer square root by Newton's method (iputils' llsqrt). */
static long long isqrt(long long a)
{
	long long prev = LLONG_MAX, x = a;
	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + a / x) / 2;
		}
	}
	return x;
}

void ping_session_summary(const struct ping_session *s, bool want_ipg, struct ping_summary *out)
{
	memset(out, 0, sizeof(*out));
	if (s->ntransmitted) {
		/* iputils prints this float with %g */
		float loss = (float)((double)(long long)(s->ntransmitted - s->nreceived) * 100.0 /
				     (double)s->ntransmitted);
		out->loss_pct = loss;
		uint64_t span = s->last_tx_ns - s->first_tx_ns;
		out->time_ms = (long long)(span / 1000000000ull) * 1000 +
			       (long long)((span % 1000000000ull + 500000) / 1000000);
	}
	if (s->nreceived && s->timing) {
		long long total = (long long)(s->nreceived + s->nrepeats);
		long long avg = s->tsum / total;
		long long var;
		if (s->tsum < INT_MAX)
			/* iputils' order of operations, for its rounding */
			var = (long long)((s->tsum2 - (double)((s->tsum * s->tsum) / total)) /
					  (double)total);
		else
			var = (long long)(s->tsum2 / (double)total) - avg * avg;
		out->have_rtt = true;
		out->min_us = s->tmin;
		out->avg_us = avg;
		out->max_us = s->tmax;
		out->mdev_us = isqrt(var);
	}
	if (want_ipg && s->nreceived && s->ntransmitted > 1) {
		uint64_t span = s->last_tx_ns - s->first_tx_ns;
		out->have_ipg = true;
		out->ipg_us = (long long)(span / 1000) / (long long)(s->ntransmitted - 1);
		out->ewma_us = s->ewma8 / 8;
	}
}

int ping_session_exit_code(const struct ping_session *s, long long count, bool deadline)
{
	if (!s->nreceived)
		return 1;
	if (deadline && count && s->nreceived < (uint64_t)count)
		return 1;
	return 0;
}
