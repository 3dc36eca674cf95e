/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_ping_session.c - rk-ping's bookkeeping (tools/ping/session.c):
 * sequence mapping across the 16-bit wrap, duplicates, reordering, errors,
 * iputils' statistics to the digit (the expected figures are what iputils'
 * finish() arithmetic gives for the same round trips, worked by hand in
 * the comments), and the exit status.
 */
#include <stdlib.h>

#include "session.h"
#include "testlib.h"

#define MS 1000000ull

static struct ping_session s;

/* iputils' own example from the issue: 3 round trips. */
static void test_basic(void)
{
	ping_session_init(&s, true);
	struct ping_reply r;
	uint64_t t = 1000 * MS;
	for (int i = 0; i < 3; i++)
		CHECK_EQ(ping_session_sent(&s, t + (uint64_t)i * 1000 * MS), i + 1);
	CHECK_EQ(ping_session_in_flight(&s), 3);
	CHECK(ping_session_reply(&s, 1, t + 48000, false, &r));
	CHECK_EQ(r.rtt_us, 48);
	CHECK(!r.dup && !r.reordered);
	CHECK(ping_session_reply(&s, 2, t + 1000 * MS + 137000, false, &r));
	CHECK(ping_session_reply(&s, 3, t + 2000 * MS + 64999, false, &r));
	CHECK_EQ(r.rtt_us, 64); /* truncated to the microsecond, as iputils' timeval */
	CHECK_EQ(ping_session_in_flight(&s), 0);
	struct ping_summary sum;
	ping_session_summary(&s, false, &sum);
	/* 48, 137, 64: avg 249/3 = 83; var = (25169 - 249*249/3)/3 = (25169 - 20667)/3
	   = 1500 (1500.67 truncated); integer sqrt = 38. */
	CHECK(sum.have_rtt);
	CHECK_EQ(sum.min_us, 48);
	CHECK_EQ(sum.avg_us, 83);
	CHECK_EQ(sum.max_us, 137);
	CHECK_EQ(sum.mdev_us, 38);
	CHECK_EQ(sum.time_ms, 2000);
	CHECK(sum.loss_pct == 0.0);
	CHECK(!sum.have_ipg);
	CHECK_EQ(ping_session_exit_code(&s, 3, false), 0);
}

static void test_dup_reorder_error(void)
{
	ping_session_init(&s, true);
	struct ping_reply r;
	for (int i = 0; i < 6; i++)
		ping_session_sent(&s, (uint64_t)i * 200 * MS);
	CHECK(ping_session_reply(&s, 1, 500000, false, &r));
	CHECK(ping_session_reply(&s, 4, 600 * MS + 400000, false, &r));
	CHECK(!r.reordered);
	CHECK(ping_session_reply(&s, 3, 700 * MS, false, &r)); /* after 4's: reordered */
	CHECK(r.reordered && !r.dup);
	CHECK_EQ(s.pipesize, 6); /* 1 was answered with all 6 out: 6 - 1 + 1 */
	CHECK(ping_session_reply(&s, 3, 700 * MS + 1000, false, &r)); /* again: a duplicate */
	CHECK(r.dup && !r.reordered);
	CHECK(ping_session_error(&s, 5));
	CHECK(!ping_session_error(&s, 7)); /* never sent */
	CHECK(!ping_session_reply(&s, 0, 0, false, &r));
	CHECK(!ping_session_reply(&s, 9, 0, false, &r));
	CHECK(ping_session_reply(&s, 6, 1000 * MS + 100000, true, &r)); /* bad checksum */
	CHECK_EQ(s.nreceived, 3);
	CHECK_EQ(s.nrepeats, 1);
	CHECK_EQ(s.nreordered, 1);
	CHECK_EQ(s.nerrors, 1);
	CHECK_EQ(s.nchecksum, 1);
	CHECK(!ping_session_answered(&s, 6));
	struct ping_summary sum;
	ping_session_summary(&s, false, &sum);
	CHECK(sum.loss_pct == (float)50.0);
	CHECK_EQ(ping_session_exit_code(&s, 6, false), 0);
	CHECK_EQ(ping_session_exit_code(&s, 6, true), 1); /* -w: fewer than COUNT */
}

/* 70000 requests: sequence numbers wrap and still map to the newest. */
static void test_wrap(void)
{
	ping_session_init(&s, true);
	struct ping_reply r;
	for (uint64_t i = 1; i <= 70000; i++)
		CHECK_EQ(ping_session_sent(&s, i * MS), (uint16_t)i);
	CHECK_EQ(ping_session_lookup(&s, (uint16_t)70000), 70000);
	CHECK_EQ(ping_session_lookup(&s, 1), 65537);	/* 1 again after the wrap */
	CHECK_EQ(ping_session_lookup(&s, 4464), 70000); /* 70000 mod 65536 */
	CHECK_EQ(ping_session_lookup(&s, (uint16_t)(70000 - 32767)), 70000 - 32767);
	CHECK_EQ(ping_session_lookup(&s, (uint16_t)(70000 - 32768)), 0); /* too old */
	CHECK(ping_session_reply(&s, 1, 65537 * MS + 250000, false, &r));
	CHECK_EQ(r.num, 65537);
	CHECK_EQ(r.rtt_us, 250);
	CHECK(!r.dup);
	CHECK(ping_session_reply(&s, 1, 65537 * MS + 260000, false, &r));
	CHECK(r.dup);
	/* Request 1's old answer bit must not leak into 65537's. */
	ping_session_init(&s, true);
	for (uint64_t i = 1; i <= 65536; i++)
		ping_session_sent(&s, i);
	CHECK(ping_session_reply(&s, 0, 65536 + 5, false, &r)); /* seq 0 = request 65536 */
	CHECK_EQ(r.num, 65536);
	ping_session_sent(&s, 65537);
	CHECK(ping_session_reply(&s, 1, 65537 + 5, false, &r));
	CHECK_EQ(r.num, 65537);
	CHECK(!r.dup);
}

static void test_no_reply(void)
{
	ping_session_init(&s, true);
	ping_session_sent(&s, 0);
	ping_session_sent(&s, 1000 * MS);
	ping_session_local_error(&s);
	struct ping_summary sum;
	ping_session_summary(&s, true, &sum);
	CHECK(!sum.have_rtt);
	CHECK(!sum.have_ipg); /* nothing received */
	CHECK(sum.loss_pct == 100.0);
	CHECK_EQ(sum.time_ms, 1000);
	CHECK_EQ(ping_session_exit_code(&s, 0, false), 1);
}

/* Flood figures: ipg is the mean gap between sends, ewma iputils' rtt/8. */
static void test_ipg_ewma(void)
{
	ping_session_init(&s, true);
	struct ping_reply r;
	for (int i = 0; i < 5; i++) {
		ping_session_sent(&s, (uint64_t)i * 52000);
		ping_session_reply(&s, (uint16_t)(i + 1), (uint64_t)i * 52000 + 8000, false, &r);
	}
	struct ping_summary sum;
	ping_session_summary(&s, true, &sum);
	CHECK(sum.have_ipg);
	CHECK_EQ(sum.ipg_us, 52);
	CHECK_EQ(sum.ewma_us, 8);
	/* timing off (-s < 16): no rtt line */
	ping_session_init(&s, false);
	ping_session_sent(&s, 0);
	ping_session_reply(&s, 1, 1000, false, &r);
	ping_session_summary(&s, false, &sum);
	CHECK(!sum.have_rtt);
	CHECK_EQ(s.nreceived, 1);
}

/* A reply stamped before its request (clock trouble) counts as 0, never wraps. */
static void test_negative(void)
{
	ping_session_init(&s, true);
	struct ping_reply r;
	ping_session_sent(&s, 5000);
	CHECK(ping_session_reply(&s, 1, 4000, false, &r));
	CHECK_EQ(r.rtt_ns, 0);
	CHECK_EQ(r.rtt_us, 0);
	/* restamp moves the send time (a recording's copy of the request) */
	ping_session_sent(&s, 10000);
	ping_session_restamp(&s, 2, 9000);
	CHECK(ping_session_reply(&s, 2, 12000, false, &r));
	CHECK_EQ(r.rtt_ns, 3000);
	CHECK_EQ(s.last_tx_ns, 9000);
}

int main(void)
{
	test_basic();
	test_dup_reorder_error();
	test_wrap();
	test_no_reply();
	test_ipg_ewma();
	test_negative();
	return TEST_END();
}
