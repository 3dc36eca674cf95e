/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_ping_output.c - rk-ping's lines (tools/ping/output.c) against the
 * text iputils ping 20221126 prints (the strings below were copied from its
 * output on the test network): the PING line, time= in its four
 * precisions, (DUP!), ICMP error texts for IPv4 and IPv6, the statistics,
 * and rawkit's additions; --json objects as well.
 */
#include <stdlib.h>
#include <string.h>

#include <rawkit/icmp.h>
#include <rawkit/icmp6.h>

#include "output.h"
#include "testlib.h"

static char buf[8192];
static FILE *f;
static struct ping_out o;

static void start(int family)
{
	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf), "w");
	memset(&o, 0, sizeof(o));
	o.f = f;
	o.family = family;
}

static void expect(const char *want)
{
	fclose(f);
	if (strcmp(buf, want) != 0) {
		fprintf(stderr, "got:  [%s]\nwant: [%s]\n", buf, want);
		CHECK(0);
	} else {
		CHECK(1);
	}
}

static void reply(long long us, bool dup, bool reordered)
{
	struct ping_out_reply r = {.bytes = 64,
				   .from = "198.18.0.2",
				   .from_addr = "198.18.0.2",
				   .seq = 1,
				   .ttl = 64,
				   .timing = true,
				   .rtt_us = us,
				   .rtt_ns = (uint64_t)us * 1000,
				   .dup = dup,
				   .reordered = reordered};
	ping_out_reply(&o, &r);
}

static void test_lines(void)
{
	start(4);
	ping_out_header(&o, "198.18.0.2", "198.18.0.2", NULL, NULL, 56);
	expect("PING 198.18.0.2 (198.18.0.2) 56(84) bytes of data.\n");
	start(4);
	ping_out_header(&o, "198.18.2.2", "198.18.2.2", "198.18.1.2", "eth0", 56);
	expect("PING 198.18.2.2 (198.18.2.2) from 198.18.1.2 eth0: 56(84) bytes of data.\n");
	start(4);
	ping_out_header(&o, "198.18.2.2", "198.18.2.2", "198.18.1.2", "", 56);
	expect("PING 198.18.2.2 (198.18.2.2) from 198.18.1.2 : 56(84) bytes of data.\n");
	start(6);
	ping_out_header(&o, "2001:2:0:2::2", "2001:2:0:2::2", NULL, NULL, 1400);
	expect("PING 2001:2:0:2::2(2001:2:0:2::2) 1400 data bytes\n");

	start(4);
	reply(45, false, false);
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=0.045 ms\n");
	start(4);
	reply(1234, false, false);
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=1.23 ms\n");
	start(4);
	reply(12345, true, false);
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=12.3 ms (DUP!)\n");
	start(4);
	reply(2043160, false, true);
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=2043 ms (reordered)\n");
	start(4);
	reply(9996, false, false); /* rounds up into the next precision, as iputils */
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=10.0 ms\n");
	start(4);
	o.multicast = true; /* broadcast: no (DUP!) */
	reply(45, true, false);
	expect("64 bytes from 198.18.0.2: icmp_seq=1 ttl=64 time=0.045 ms\n");
	start(4);
	o.timestamps = true;
	struct ping_out_reply r = {.wall = {1795323405, 292955123},
				   .bytes = 16,
				   .from = "h (198.18.0.2)",
				   .from_addr = "198.18.0.2",
				   .seq = 3,
				   .ttl = 63};
	ping_out_reply(&o, &r);
	expect("[1795323405.292955] 16 bytes from h (198.18.0.2): icmp_seq=3 ttl=63\n");
	start(4);
	r.truncated = true;
	r.timing = true;
	o.timestamps = false;
	ping_out_reply(&o, &r);
	expect("16 bytes from h (198.18.0.2): icmp_seq=3 ttl=63 (truncated)\n");
	start(4);
	struct timespec now = {1795323405, 999999999};
	ping_out_no_answer(&o, 2, &now);
	expect("no answer yet for icmp_seq=2\n");
	start(4);
	o.timestamps = true;
	ping_out_no_answer(&o, 2, &now);
	expect("[1795323405.999999] no answer yet for icmp_seq=2\n");
	start(4);
	ping_out_pattern(&o, (const uint8_t *)"\xab\x0c", 2);
	expect("PATTERN: 0xab0c\n");
}

static void error_line(int family, uint8_t type, uint8_t code, uint32_t info, const char *want)
{
	start(family);
	struct ping_out_error e = {.from = "198.18.1.1",
				   .from_addr = "198.18.1.1",
				   .seq = 3,
				   .type = type,
				   .code = code,
				   .info = info};
	ping_out_error(&o, &e);
	expect(want);
}

static void test_errors(void)
{
	error_line(4, RK_ICMP_TIMXCEED, 0, 0, "From 198.18.1.1 icmp_seq=3 Time to live exceeded\n");
	error_line(4, RK_ICMP_UNREACH, 0, 0,
		   "From 198.18.1.1 icmp_seq=3 Destination Net Unreachable\n");
	error_line(4, RK_ICMP_UNREACH, 1, 0,
		   "From 198.18.1.1 icmp_seq=3 Destination Host Unreachable\n");
	error_line(4, RK_ICMP_UNREACH, 3, 0,
		   "From 198.18.1.1 icmp_seq=3 Destination Port Unreachable\n");
	error_line(4, RK_ICMP_UNREACH, 13, 0, "From 198.18.1.1 icmp_seq=3 Packet filtered\n");
	error_line(4, RK_ICMP_UNREACH, 4, 1400,
		   "From 198.18.1.1 icmp_seq=3 Frag needed and DF set (mtu = 1400)\n");
	error_line(4, RK_ICMP_UNREACH, 99, 0,
		   "From 198.18.1.1 icmp_seq=3 Dest Unreachable, Bad Code: 99\n");
	error_line(4, RK_ICMP_PARAMPROB, 0, 12,
		   "From 198.18.1.1 icmp_seq=3 Parameter problem: pointer = 12\n");
	error_line(6, 3, 0, 0, "From 198.18.1.1 icmp_seq=3 Time exceeded: Hop limit\n");
	error_line(
	    6, 1, 1, 0,
	    "From 198.18.1.1 icmp_seq=3 Destination unreachable: Administratively prohibited\n");
	error_line(6, 1, 3, 0,
		   "From 198.18.1.1 icmp_seq=3 Destination unreachable: Address unreachable\n");
	error_line(6, 1, 4, 0,
		   "From 198.18.1.1 icmp_seq=3 Destination unreachable: Port unreachable\n");
	error_line(6, 2, 0, 1400, "From 198.18.1.1 icmp_seq=3 Packet too big: mtu=1400\n");
	error_line(6, 4, 1, 40,
		   "From 198.18.1.1 icmp_seq=3 Parameter problem: Unknown header at 40\n");
	start(4);
	struct ping_out_error e = {.from = "198.18.1.1",
				   .from_addr = "198.18.1.1",
				   .seq = 4,
				   .type = RK_ICMP_REDIRECT,
				   .code = 1,
				   .gateway = "198.18.1.3",
				   .notice = true};
	ping_out_error(&o, &e);
	expect("From 198.18.1.1: icmp_seq=4 Redirect Host(New nexthop: 198.18.1.3)\n");
}

static void test_summary(void)
{
	static struct ping_session s;
	struct ping_summary sum;
	/* 3 sent, 2 received, a duplicate, a reordered reply, an error */
	ping_session_init(&s, true);
	struct ping_reply r;
	ping_session_sent(&s, 0);
	ping_session_sent(&s, 1000000000);
	ping_session_sent(&s, 2003000000);
	ping_session_reply(&s, 3, 2003000000 + 60000, false, &r);
	ping_session_reply(&s, 1, 2003000000 + 90000, false, &r);
	ping_session_reply(&s, 1, 2003000000 + 95000, false, &r);
	ping_session_error(&s, 2);
	ping_session_summary(&s, false, &sum);
	start(4);
	ping_out_summary(&o, "h", "198.18.0.2", &s, &sum);
	expect("\n--- h ping statistics ---\n"
	       "3 packets transmitted, 2 received, +1 duplicates, +1 reordered, +1 errors, "
	       "33.3333% packet loss, time 2003ms\n"
	       "rtt min/avg/max/mdev = 0.060/1335.415/2003.095/944.238 ms, pipe 3\n");
	start(4);
	o.json = true;
	ping_out_summary(&o, "h", "198.18.0.2", &s, &sum);
	expect("{\"type\":\"summary\",\"host\":\"h\",\"addr\":\"198.18.0.2\",\"transmitted\":3,"
	       "\"received\":2,\"duplicates\":1,\"reordered\":1,\"corrupted\":0,\"errors\":1,"
	       "\"loss_pct\":33.3333,\"time_ms\":2003,\"rtt_ms\":{\"min\":0.060,\"avg\":1335.415,"
	       "\"max\":2003.095,\"mdev\":944.238},\"pipe\":3}\n");
	/* nothing back: iputils' empty last line */
	ping_session_init(&s, true);
	ping_session_sent(&s, 0);
	ping_session_summary(&s, false, &sum);
	start(4);
	ping_out_summary(&o, "198.18.1.99", "198.18.1.99", &s, &sum);
	expect("\n--- 198.18.1.99 ping statistics ---\n"
	       "1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n");
	/* flood: ipg/ewma */
	ping_session_init(&s, true);
	for (int i = 0; i < 4; i++) {
		ping_session_sent(&s, (uint64_t)i * 52000);
		ping_session_reply(&s, (uint16_t)(i + 1), (uint64_t)i * 52000 + 6000, false, &r);
	}
	ping_session_summary(&s, true, &sum);
	start(4);
	ping_out_summary(&o, "h", "h", &s, &sum);
	expect("\n--- h ping statistics ---\n"
	       "4 packets transmitted, 4 received, 0% packet loss, time 0ms\n"
	       "rtt min/avg/max/mdev = 0.006/0.006/0.006/0.000 ms, ipg/ewma 0.052/0.006 ms\n");
}

static void test_json_lines(void)
{
	start(4);
	o.json = true;
	struct ping_out_reply r = {.wall = {1700000000, 5},
				   .bytes = 64,
				   .from = "x (198.18.0.2)",
				   .from_addr = "198.18.0.2",
				   .seq = 9,
				   .ttl = 63,
				   .timing = true,
				   .rtt_us = 45,
				   .rtt_ns = 45123,
				   .dup = true};
	ping_out_reply(&o, &r);
	expect("{\"type\":\"reply\",\"seq\":9,\"from\":\"198.18.0.2\",\"bytes\":64,\"ttl\":63,"
	       "\"rtt_ms\":0.045123,\"ts\":\"1700000000.000000005\",\"dup\":true,"
	       "\"reordered\":false,\"truncated\":false,\"bad_checksum\":false}\n");
	start(6);
	o.json = true;
	struct ping_out_error e = {.wall = {1700000000, 0},
				   .from = "2001:2::fe",
				   .from_addr = "2001:2::fe",
				   .seq = 2,
				   .type = 2,
				   .info = 1280};
	ping_out_error(&o, &e);
	expect(
	    "{\"type\":\"error\",\"seq\":2,\"from\":\"2001:2::fe\",\"icmp_type\":2,\"icmp_code\":0,"
	    "\"message\":\"Packet too big: mtu=1280\",\"mtu\":1280,"
	    "\"ts\":\"1700000000.000000000\"}\n");
	start(4);
	ping_json_str(f, "a\"b\\c\n\x01");
	expect("\"a\\\"b\\\\c\\u000a\\u0001\"");
}

int main(void)
{
	test_lines();
	test_errors();
	test_summary();
	test_json_lines();
	return TEST_END();
}
