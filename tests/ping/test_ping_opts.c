/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_ping_opts.c - rk-ping's command line (tools/ping/opts.c): iputils'
 * defaults and ranges, and every malformed value a usage error (exit 2)
 * whose message names the option, never the "no reply" status.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "testlib.h"
#include "tool.h"

static char out_buf[8192], err_buf[8192];

/* Parse a NULL-terminated argument list; what it prints on stdout (--help)
   and stderr (diagnostics) lands in the bufs. */
static enum ping_opts_result parse(struct ping_opts *o, bool root, const char *const *args)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"rk-ping";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	ping_opts_init(o);
	FILE *out = fmemopen(out_buf, sizeof(out_buf), "w");
	FILE *err = tmpfile();
	fflush(stderr);
	int saved = dup(2);
	dup2(fileno(err), 2);
	enum ping_opts_result r = ping_opts_parse(o, argc, argv, root, out);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(out);
	rewind(err);
	size_t n = fread(err_buf, 1, sizeof(err_buf) - 1, err);
	err_buf[n] = '\0';
	fclose(err);
	return r;
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void expect_usage(const char *const *args, const char *needle)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, true, args), PING_OPTS_USAGE);
	if (!strstr(err_buf, needle)) {
		fprintf(stderr, "expected '%s' in: %s\n", needle, err_buf);
		CHECK(0);
	}
	CHECK(strncmp(err_buf, "rk-ping: ", 9) == 0);
}

static void test_defaults(void)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, false, ARGS("198.18.0.2")), PING_OPTS_RUN);
	CHECK_EQ(o.count, 0);
	CHECK_EQ(o.interval_ns, 1000000000ull);
	CHECK_EQ(o.datalen, 56);
	CHECK_EQ(o.ttl, -1);
	CHECK_EQ(o.linger_ns, 10000000000ull);
	CHECK_EQ(o.ident, -1);
	CHECK(strcmp(o.target, "198.18.0.2") == 0);
}

static void test_values(void)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, false,
		       ARGS("-c", "3", "-i", "0.2", "-s", "100", "-t", "7", "-Q", "0x10", "-M",
			    "dont", "-W", "1.5", "-w", "9", "-q", "-D", "-O", "-n", "-4", "-b",
			    "-e", "4660", "-p", "abc", "-I", "eth0", "--json", "host")),
		 PING_OPTS_RUN);
	CHECK_EQ(o.count, 3);
	CHECK_EQ(o.interval_ns, 200000000ull);
	CHECK_EQ(o.datalen, 100);
	CHECK_EQ(o.ttl, 7);
	CHECK_EQ(o.tos, 16);
	CHECK_EQ(o.pmtu, PING_PMTU_DONT);
	CHECK_EQ(o.linger_ns, 1500000000ull);
	CHECK_EQ(o.deadline_s, 9);
	CHECK(o.quiet && o.timestamps && o.outstanding && o.numeric && o.broadcast && o.json);
	CHECK_EQ(o.family, 4);
	CHECK_EQ(o.ident, 4660);
	/* iputils reads "abc" as %2x fields: ab, 0c */
	CHECK_EQ(o.pattern_len, 2);
	CHECK_EQ(o.pattern[0], 0xab);
	CHECK_EQ(o.pattern[1], 0x0c);
	CHECK(o.iface && strcmp(o.iface, "eth0") == 0 && !o.source);
	CHECK_EQ(parse(&o, false, ARGS("-I", "198.18.1.1", "-Q", "184", "h")), PING_OPTS_RUN);
	CHECK(o.source && !o.iface);
	CHECK_EQ(o.tos, 184);
	CHECK_EQ(parse(&o, false, ARGS("-I", "2001:2::1", "h")), PING_OPTS_RUN);
	CHECK(o.source && !o.iface);
	/* options after the destination, as GNU getopt permutes */
	CHECK_EQ(parse(&o, false, ARGS("h", "-c", "2")), PING_OPTS_RUN);
	CHECK_EQ(o.count, 2);
	/* -s 0 and the IPv6 maximum are fine; the family check follows later */
	CHECK_EQ(parse(&o, false, ARGS("-s", "0", "h")), PING_OPTS_RUN);
	CHECK_EQ(parse(&o, false, ARGS("-s", "65527", "h")), PING_OPTS_RUN);
	CHECK_EQ(ping_opts_check_family(&o, 6), 0);
}

static void test_flood_interval(void)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, true, ARGS("-f", "h")), PING_OPTS_RUN);
	CHECK_EQ(o.interval_ns, 0);
	CHECK(o.flood && o.numeric);
	CHECK_EQ(parse(&o, true, ARGS("-i", "0.001", "h")), PING_OPTS_RUN);
	CHECK_EQ(o.interval_ns, 1000000ull);
	/* users: not below 2 ms, as iputils */
	CHECK_EQ(parse(&o, false, ARGS("-f", "h")), PING_OPTS_USAGE);
	CHECK(strstr(err_buf, "-f: flooding needs root") != NULL);
	CHECK_EQ(parse(&o, false, ARGS("-i", "0.001", "h")), PING_OPTS_USAGE);
	CHECK(strstr(err_buf, "-i: intervals below 0.002 s") != NULL);
	CHECK_EQ(parse(&o, false, ARGS("-f", "-i", "0.002", "h")), PING_OPTS_RUN);
	/* a replay sends nothing: any interval */
	CHECK_EQ(parse(&o, false, ARGS("-f", "--replay", "x.pcap", "h")), PING_OPTS_RUN);
}

static void test_bad(void)
{
	expect_usage(ARGS("-c", "0", "h"), "-c: '0' is too small (minimum 1)");
	expect_usage(ARGS("-c", "abc", "h"), "-c: 'abc' is not a number");
	expect_usage(ARGS("-c", "3x", "h"), "-c: '3x' is not a number");
	expect_usage(ARGS("-c", "", "h"), "-c: '' is not a number");
	expect_usage(ARGS("-c", "99999999999999999999", "h"),
		     "-c: '99999999999999999999' is too large (maximum 9223372036854775807)");
	expect_usage(ARGS("-i", "abc", "h"), "-i: 'abc' is not a number of seconds");
	expect_usage(ARGS("-i", "-1", "h"), "-i: '-1' is too small (minimum 0 seconds)");
	expect_usage(ARGS("-i", "nan", "h"), "-i: 'nan' is not a number of seconds");
	expect_usage(ARGS("-i", "1e99", "h"), "-i: '1e99' is too large (maximum 2147483 seconds)");
	expect_usage(ARGS("-s", "-1", "h"), "-s: '-1' is too small (minimum 0)");
	expect_usage(ARGS("-s", "70000", "h"), "-s: '70000' is too large (maximum 65527)");
	expect_usage(ARGS("-t", "0", "h"), "-t: '0' is too small (minimum 1)");
	expect_usage(ARGS("-t", "256", "h"), "-t: '256' is too large (maximum 255)");
	expect_usage(ARGS("-Q", "300", "h"), "-Q: '300' is too large (maximum 255)");
	expect_usage(ARGS("-Q", "0xzz", "h"), "-Q: '0xzz' is not a TOS value");
	expect_usage(ARGS("-M", "foo", "h"), "-M: 'foo' is not one of do, dont, want");
	expect_usage(ARGS("-W", "0", "h"), "-W: '0' is too small (minimum 0.001 seconds)");
	expect_usage(ARGS("-w", "-1", "h"), "-w: '-1' is too small (minimum 0)");
	expect_usage(ARGS("-e", "65536", "h"), "-e: '65536' is too large (maximum 65535)");
	expect_usage(ARGS("-p", "zz", "h"), "-p: patterns must be hex digits: 'zz'");
	expect_usage(ARGS("-p", "000102030405060708090a0b0c0d0e0f10", "h"), "longer than 16 bytes");
	expect_usage(ARGS("-4", "-6", "h"), "only one of -4 and -6");
	expect_usage(ARGS("-x", "h"), "invalid option -- 'x'");
	expect_usage(ARGS("--bogus", "h"), "unrecognized option '--bogus'");
	expect_usage(ARGS("h", "-c"), "option requires an argument -- 'c'");
	expect_usage(ARGS("-c", "1"), "a destination is required");
	expect_usage(ARGS("a", "b"), "one destination expected, got 2");
	expect_usage(ARGS("--replay-sent", "x", "h"), "--replay-sent needs --replay");
	CHECK(strstr(err_buf, "Try 'rk-ping --help'") != NULL);
}

static void test_family(void)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, false, ARGS("-s", "65520", "h")), PING_OPTS_RUN);
	FILE *err = tmpfile();
	fflush(stderr);
	int saved = dup(2);
	dup2(fileno(err), 2);
	int r4 = ping_opts_check_family(&o, 4), r6 = ping_opts_check_family(&o, 6);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(err);
	size_t n = fread(err_buf, 1, sizeof(err_buf) - 1, err);
	err_buf[n] = '\0';
	fclose(err);
	CHECK_EQ(r4, -1);
	CHECK_EQ(r6, 0);
	CHECK(strstr(err_buf, "rk-ping: -s: 65520 is too large for IPv4 (at most 65507") != NULL);
}

static void test_help_version(void)
{
	struct ping_opts o;
	CHECK_EQ(parse(&o, false, ARGS("--help")), PING_OPTS_EXIT_OK);
	CHECK(strncmp(out_buf, "Usage: rk-ping", 14) == 0);
	CHECK(strstr(out_buf, "Exit status: 0") != NULL);
	CHECK_EQ(parse(&o, false, ARGS("-h")), PING_OPTS_EXIT_OK);
	CHECK_EQ(parse(&o, false, ARGS("--version")), PING_OPTS_EXIT_OK);
	CHECK(strncmp(out_buf, "rk-ping (rawkit) ", 17) == 0);
	CHECK(strstr(out_buf, "libpcap") != NULL);
}

int main(void)
{
	tool_init("rk-ping");
	test_defaults();
	test_values();
	test_flood_interval();
	test_bad();
	test_family();
	test_help_version();
	return TEST_END();
}
