/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.c - rk-ping's option parser: iputils ping's letters, ranges and
 * defaults (ping/ping.c main(), ping_common.c setup()), every whole number
 * through tools/common's bounded parser, whose message names the option and
 * the problem (STYLE.md section 9); durations through the same wording.
 * Diagnostics are "rk-ping: ..." on stderr. Nothing here touches the
 * network.
 */
#include "opts.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <rawkit/cap.h>
#include <rawkit/err.h>

#include "tool.h"

enum { OPT_JSON = 256, OPT_REPLAY, OPT_REPLAY_SENT, OPT_HELP, OPT_VERSION };

static const struct option long_opts[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"replay-sent", required_argument, NULL, OPT_REPLAY_SENT},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static const char short_opts[] = ":46bc:De:fhi:I:M:nOp:qQ:s:t:Vw:W:";

void ping_opts_init(struct ping_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->interval_ns = PING_NS;
	o->datalen = PING_DEFAULT_DATALEN;
	o->ttl = -1;
	o->tos = -1;
	o->linger_ns = 10 * PING_NS;
	o->ident = -1;
}

void ping_opts_usage(FILE *out)
{
	fputs("Usage: rk-ping [options] DESTINATION\n"
	      "Send ICMP (ICMPv6) echo requests built by rawkit and report the replies,\n"
	      "as iputils ping does.\n"
	      "\n"
	      "  -c COUNT       stop after COUNT replies (or errors); with -w, keep sending\n"
	      "  -i INTERVAL    seconds between requests (default 1; below 0.002 root only)\n"
	      "  -s SIZE        data bytes per request (default 56)\n"
	      "  -t TTL         IP time to live / IPv6 hop limit (1-255)\n"
	      "  -Q TOS         IP type of service / IPv6 traffic class (0-255, or 0x..)\n"
	      "  -M do|dont|want  don't fragment: do (set DF), dont (clear DF), want (= do:\n"
	      "                 rawkit writes the header itself and never fragments)\n"
	      "  -W TIMEOUT     seconds to wait for a reply after the last request (default 10)\n"
	      "  -w DEADLINE    stop after DEADLINE seconds, whatever was received\n"
	      "  -q             quiet: the first line and the statistics only\n"
	      "  -f             flood: a dot per request sent, a backspace per reply\n"
	      "  -I IFACE|ADDR  send from this interface or source address\n"
	      "  -p PATTERN     fill the data with up to 16 bytes given in hex\n"
	      "  -D             print the receive time (seconds since the epoch) first\n"
	      "  -O             report requests still unanswered when the next is sent\n"
	      "  -n             numeric output: no reverse lookups\n"
	      "  -4, -6         IPv4 or IPv6 only\n"
	      "  -b             allow pinging a broadcast address\n"
	      "  -e IDENT       ICMP identifier (default random)\n"
	      "  --json         one JSON object per reply or error, then a summary object\n"
	      "  --replay FILE  play a recorded exchange (pcap) instead of the network:\n"
	      "                 replies and their times come from FILE (no privileges)\n"
	      "  --replay-sent FILE  with --replay: write the requests built to FILE (pcap)\n"
	      "  -h, --help     this text;  -V, --version  rawkit's and libpcap's versions\n"
	      "\n"
	      "Raw sockets need root or CAP_NET_RAW (setcap cap_net_raw+ep rk-ping); without\n"
	      "them rk-ping uses an unprivileged ICMP socket where net.ipv4.ping_group_range\n"
	      "allows it (then -t, -Q and -M are unavailable: the kernel writes the header).\n"
	      "\n"
	      "Exit status: 0 when a reply came back; 1 when none did (or, with -c and -w,\n"
	      "fewer than COUNT before the deadline); 2 for any other error, a malformed\n"
	      "option value included.\n",
	      out);
}

static void version(FILE *out)
{
	fprintf(out, "rk-ping (rawkit) %s\n%s\n", rk_version(), rk_cap_lib_version());
}

static int parse_ll(const char *opt, const char *s, long long min, long long max, long long *v)
{
	int64_t x;
	if (tool_parse_num(opt, s, min, max, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

/* Seconds with a fraction ("0.2", "1", "1e-3") into nanoseconds within
   [min_ns, max_ns], worded as tool_parse_num() words whole numbers. */
static int parse_seconds(const char *opt, const char *s, uint64_t min_ns, uint64_t max_ns,
			 uint64_t *ns)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || isspace((unsigned char)*s) || isnan(x) || isinf(x)) {
		tool_warn("%s: '%s' is not a number of seconds", opt, s);
		return -1;
	}
	double lim = (double)max_ns / 1e9;
	if ((errno == ERANGE && fabs(x) > 1) || x > lim) {
		tool_warn("%s: '%s' is too large (maximum %.15g seconds)", opt, s, lim);
		return -1;
	}
	if (errno == ERANGE || x < 0 || x * 1e9 < (double)min_ns) {
		tool_warn("%s: '%s' is too small (minimum %.15g seconds)", opt, s,
			  (double)min_ns / 1e9);
		return -1;
	}
	*ns = (uint64_t)llround(x * 1e9);
	return 0;
}

/* TOS: decimal or 0x-prefixed hex, as iputils' parsetos(). */
static int parse_tos(const char *s, int *tos)
{
	long long v;
	char *end;
	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2] != '\0')
		v = strtoll(s + 2, &end, 16);
	else
		v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || isspace((unsigned char)*s) || *s == '-' || *s == '+') {
		tool_warn("-Q: '%s' is not a TOS value (decimal, or hex with 0x)", s);
		return -1;
	}
	if (errno == ERANGE || v > 255) {
		tool_warn("-Q: '%s' is too large (maximum 255)", s);
		return -1;
	}
	*tos = (int)v;
	return 0;
}

/* -p: up to 16 bytes as hex digits, two per byte; an odd last digit is a
   byte of its own (iputils reads "%2x" fields, so "abc" is ab 0c). */
static int parse_pattern(struct ping_opts *o, const char *s)
{
	size_t n = strlen(s);
	if (n == 0) {
		tool_warn("-p: the pattern is empty (give up to 16 bytes in hex)");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i])) {
			tool_warn("-p: patterns must be hex digits: '%s'", s);
			return -1;
		}
	}
	if (n > 2 * PING_PATTERN_MAX) {
		tool_warn("-p: '%s' is longer than %d bytes", s, PING_PATTERN_MAX);
		return -1;
	}
	o->pattern_len = 0;
	for (size_t i = 0; i < n; i += 2) {
		char b[3] = {s[i], i + 1 < n ? s[i + 1] : '\0', '\0'};
		o->pattern[o->pattern_len++] = (uint8_t)strtoul(b, NULL, 16);
	}
	return 0;
}

/* An IPv4 or IPv6 literal (with an optional %scope) is a source address,
   anything else an interface name, as iputils decides for -I. */
static bool looks_like_address(const char *s)
{
	if (strchr(s, ':'))
		return true;
	int dots = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if (!isdigit((unsigned char)*p))
			return false;
	}
	return dots == 3;
}

static int bad_usage(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", tool_name());
	return PING_OPTS_USAGE;
}

enum ping_opts_result ping_opts_parse(struct ping_opts *o, int argc, char **argv, bool is_root,
				      FILE *out)
{
	long long v;
	int c;
	optind = 0; /* GNU: full reinitialisation, so tests may call us again */
	opterr = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
		switch (c) {
		case '4':
		case '6':
			if (o->family && o->family != c - '0') {
				tool_warn("only one of -4 and -6 may be given");
				return bad_usage();
			}
			o->family = c - '0';
			break;
		case 'b': o->broadcast = true; break;
		case 'c':
			if (parse_ll("-c", optarg, 1, LLONG_MAX, &v) < 0)
				return bad_usage();
			o->count = v;
			break;
		case 'D': o->timestamps = true; break;
		case 'e':
			if (parse_ll("-e", optarg, 0, 65535, &v) < 0)
				return bad_usage();
			o->ident = (int)v;
			break;
		case 'f':
			o->flood = true;
			o->numeric = true; /* no lookups while flooding, as iputils */
			break;
		case 'i':
			if (parse_seconds("-i", optarg, 0, (uint64_t)(INT_MAX / 1000) * PING_NS,
					  &o->interval_ns) < 0)
				return bad_usage();
			o->interval_set = true;
			break;
		case 'I':
			if (looks_like_address(optarg))
				o->source = optarg;
			else
				o->iface = optarg;
			break;
		case 'M':
			if (strcmp(optarg, "do") == 0)
				o->pmtu = PING_PMTU_DO;
			else if (strcmp(optarg, "dont") == 0)
				o->pmtu = PING_PMTU_DONT;
			else if (strcmp(optarg, "want") == 0)
				o->pmtu = PING_PMTU_WANT;
			else {
				tool_warn("-M: '%s' is not one of do, dont, want", optarg);
				return bad_usage();
			}
			break;
		case 'n': o->numeric = true; break;
		case 'O': o->outstanding = true; break;
		case 'p':
			if (parse_pattern(o, optarg) < 0)
				return bad_usage();
			break;
		case 'q': o->quiet = true; break;
		case 'Q':
			if (parse_tos(optarg, &o->tos) < 0)
				return bad_usage();
			break;
		case 's':
			if (parse_ll("-s", optarg, 0, PING_MAX_DATALEN6, &v) < 0)
				return bad_usage();
			o->datalen = (long)v;
			break;
		case 't':
			if (parse_ll("-t", optarg, 1, 255, &v) < 0)
				return bad_usage();
			o->ttl = (int)v;
			break;
		case 'w':
			if (parse_ll("-w", optarg, 0, INT_MAX, &v) < 0)
				return bad_usage();
			o->deadline_s = v;
			break;
		case 'W':
			if (parse_seconds("-W", optarg, 1000000,
					  (uint64_t)(INT_MAX / 1000) * PING_NS, &o->linger_ns) < 0)
				return bad_usage();
			break;
		case OPT_JSON: o->json = true; break;
		case OPT_REPLAY: o->replay = optarg; break;
		case OPT_REPLAY_SENT: o->replay_sent = optarg; break;
		case 'h':
		case OPT_HELP: ping_opts_usage(out); return PING_OPTS_EXIT_OK;
		case 'V':
		case OPT_VERSION: version(out); return PING_OPTS_EXIT_OK;
		case ':':
			if (optopt)
				tool_warn("option requires an argument -- '%c'", optopt);
			else
				tool_warn("option '%s' requires an argument", argv[optind - 1]);
			return bad_usage();
		default:
			if (optopt)
				tool_warn("invalid option -- '%c'", optopt);
			else
				tool_warn("unrecognized option '%s'", argv[optind - 1]);
			return bad_usage();
		}
	}
	if (optind >= argc) {
		tool_warn("a destination is required");
		return bad_usage();
	}
	if (argc - optind > 1) {
		tool_warn("one destination expected, got %d ('%s' and '%s'...)", argc - optind,
			  argv[optind], argv[optind + 1]);
		return bad_usage();
	}
	o->target = argv[optind];
	if (*o->target == '\0') {
		tool_warn("the destination is empty");
		return bad_usage();
	}
	if (o->flood && !o->interval_set)
		o->interval_ns = 0;
	if (o->replay_sent && !o->replay) {
		tool_warn("--replay-sent needs --replay FILE");
		return bad_usage();
	}
	/* iputils: users may not send faster than every 2 ms (flood included). */
	if (!is_root && !o->replay && o->interval_ns < PING_MIN_USER_INTERVAL_NS) {
		if (o->flood && !o->interval_set)
			tool_warn("-f: flooding needs root; other users may go down to "
				  "-f -i 0.002 (2 ms between requests)");
		else
			tool_warn("-i: intervals below 0.002 s (2 ms) need root");
		return PING_OPTS_USAGE;
	}
	return PING_OPTS_RUN;
}

int ping_opts_check_family(const struct ping_opts *o, int family)
{
	long max = family == 6 ? PING_MAX_DATALEN6 : PING_MAX_DATALEN4;
	if (o->datalen > max) {
		tool_warn("-s: %ld is too large for IPv%d (at most %ld data bytes)", o->datalen,
			  family, max);
		return -1;
	}
	return 0;
}
