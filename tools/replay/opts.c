/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.c - rk-replay's command line, with tcpreplay's flag names where they
 * mean the same (-i/--intf1, -x/--multiplier, -p/--pps, -M/--mbps,
 * -t/--topspeed, -l/--loop, -L/--limit, --duration, -K/--preload-pcap);
 * --help and --version. Every value is checked here, before anything is
 * read, opened or sent.
 */
#include <errno.h>
#include <getopt.h>
#include <libnet.h>
#include <math.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/err.h"
#include "replay.h"
#include "tool.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s -i IFACE [options] FILE...\n"
		"Send the packets of capture files (pcap or pcapng) out of an interface, as\n"
		"recorded or at a chosen rate, like tcpreplay.\n"
		"\n"
		"  FILE                a capture file ('-': standard input); several are sent\n"
		"                      one after the other. Ethernet captures (EN10MB) are sent\n"
		"                      frame by frame, byte for byte, on IFACE; captures without\n"
		"                      an Ethernet header (RAW, IPV4, IPV6, LINUX_SLL,\n"
		"                      LINUX_SLL2, NULL, LOOP) have their IPv4 and IPv6 packets\n"
		"                      sent over raw IP sockets bound to IFACE, routed by their\n"
		"                      destination (other frames, such as ARP, are skipped)\n"
		"  -i, --intf1=IFACE   the interface to send on (required)\n"
		"\n"
		"Timing (one of; default: as recorded):\n"
		"  -x, --multiplier=X  as recorded, X times as fast (0.001..1000000; 2: twice\n"
		"                      as fast)\n"
		"  -p, --pps=N         N packets per second (0.001..100000000)\n"
		"  -M, --mbps=N        N megabits per second of packet bytes (0.001..1000000)\n"
		"  -t, --topspeed      as fast as possible (sendmmsg batches of 64)\n"
		"\n"
		"How much:\n"
		"  -l, --loop=N        send the files N times (default 1; 0: until --limit,\n"
		"                      --duration or ^C)\n"
		"  -L, --limit=N       stop after N packets (1..2^63-1)\n"
		"      --duration=SEC  stop after SEC seconds (e.g. 2.5)\n"
		"\n"
		"Other:\n"
		"      --inject=HOW    how Ethernet frames leave: 'packet' (a PF_PACKET socket,\n"
		"                      sendmmsg batches; default) or 'libnet' (libnet's link\n"
		"                      layer writer, one system call per frame)\n"
		"  -K, --preload-pcap  accepted for tcpreplay users: files are always loaded\n"
		"                      into memory (and checked) before anything is sent\n"
		"  -n, --dry-run       load and check the files, print what would be sent;\n"
		"                      opens no socket, sends nothing, needs no privilege\n"
		"  -q, --quiet         no progress line and no summary\n"
		"  -h, --help          this help, then exit\n"
		"      --version       rawkit's, libpcap's and libnet's versions, then exit\n"
		"\n"
		"The files are read to the end first: a damaged file, an unsupported link\n"
		"type or an unknown interface stops rk-replay before a packet is sent. The\n"
		"packets keep their timing on an absolute schedule (no drift); looping starts\n"
		"each pass right after the previous one. Packets the kernel refuses (too\n"
		"long for the MTU, no route) are counted as failed and the rest still go.\n"
		"SIGINT or SIGTERM stops sending. A summary goes to standard output at the\n"
		"end; a progress line to standard error while it is a terminal.\n"
		"\n"
		"Exit status: 0 when packets were sent (or ^C stopped it); 1 when none could\n"
		"be (all failed, or none is sendable); 2 on a bad command line, file or\n"
		"interface (nothing is sent), a missing privilege, or a send error that\n"
		"stops everything (the interface went away).\n"
		"Sending needs root or CAP_NET_RAW.\n",
		tool_name());
}

static void version(void)
{
	printf("%s (rawkit) %s\n%s\n%s\n", tool_name(), rk_version(), pcap_lib_version(),
	       libnet_version());
}

/* A decimal number ("1000", "0.5", "2e3") within [min, max]; the messages
   follow tool_parse_num()'s. */
static double parse_real(const char *opt, const char *arg, double min, double max)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (end == arg || *end || !isfinite(v) || arg[0] == ' ' || arg[0] == '\t')
		tool_usage_error("%s: '%s' is not a number", opt, arg);
	if (v < min || (errno == ERANGE && v < 1))
		tool_usage_error("%s: '%s' is too small (minimum %g)", opt, arg, min);
	if (v > max || errno == ERANGE)
		tool_usage_error("%s: '%s' is too large (maximum %g)", opt, arg, max);
	return v;
}

enum {
	OPT_DURATION = 0x100,
	OPT_INJECT,
	OPT_VERSION,
};

void replay_opts_parse(struct replay_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"intf1", required_argument, NULL, 'i'},
		{"interface", required_argument, NULL, 'i'},
		{"multiplier", required_argument, NULL, 'x'},
		{"pps", required_argument, NULL, 'p'},
		{"mbps", required_argument, NULL, 'M'},
		{"topspeed", no_argument, NULL, 't'},
		{"loop", required_argument, NULL, 'l'},
		{"limit", required_argument, NULL, 'L'},
		{"duration", required_argument, NULL, OPT_DURATION},
		{"inject", required_argument, NULL, OPT_INJECT},
		{"preload-pcap", no_argument, NULL, 'K'},
		{"dry-run", no_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	int timings = 0;

	memset(o, 0, sizeof(*o));
	o->mode = REPLAY_TIMED;
	o->multiplier = 1.0;
	o->loops = 1;
	o->l2 = REPLAY_L2_PACKET;
	opterr = 0;
	for (;;) {
		int li = -1;
		int c = getopt_long(argc, argv, ":hi:Kl:L:M:np:qtx:", longopts, &li);
		if (c == -1)
			break;
		const char *name = li >= 0 ? longopts[li].name : NULL;
		char optname[32];
		if (name)
			snprintf(optname, sizeof(optname), "--%s", name);
		else
			snprintf(optname, sizeof(optname), "-%c", c);
		switch (c) {
		case 'i':
			if (!*optarg)
				tool_usage_error("%s: empty interface name", optname);
			o->ifname = optarg;
			break;
		case 'x':
			o->multiplier = parse_real(optname, optarg, 0.001, 1e6);
			o->mode = REPLAY_TIMED;
			timings++;
			break;
		case 'p':
			o->pps = parse_real(optname, optarg, 0.001, 1e8);
			o->mode = REPLAY_PPS;
			timings++;
			break;
		case 'M':
			o->mbps = parse_real(optname, optarg, 0.001, 1e6);
			o->mode = REPLAY_MBPS;
			timings++;
			break;
		case 't':
			o->mode = REPLAY_TOPSPEED;
			timings++;
			break;
		case 'l':
			if (tool_parse_num(optname, optarg, 0, INT64_MAX, &o->loops) < 0)
				exit(TOOL_EXIT_FAIL);
			break;
		case 'L':
			if (tool_parse_num(optname, optarg, 1, INT64_MAX, &o->limit) < 0)
				exit(TOOL_EXIT_FAIL);
			break;
		case OPT_DURATION: {
			double s = parse_real(optname, optarg, 0.001, 1e7);
			o->duration_ns = (int64_t)llround(s * 1e9);
			break;
		}
		case OPT_INJECT:
			if (strcmp(optarg, "packet") == 0)
				o->l2 = REPLAY_L2_PACKET;
			else if (strcmp(optarg, "libnet") == 0)
				o->l2 = REPLAY_L2_LIBNET;
			else
				tool_usage_error("--inject: '%s' is neither 'packet' nor 'libnet'", optarg);
			break;
		case 'K':
			break;
		case 'n':
			o->dry_run = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			usage(stdout);
			exit(TOOL_EXIT_OK);
		case OPT_VERSION:
			version();
			exit(TOOL_EXIT_OK);
		default: /* ':' or '?' */
			tool_getopt_error(c, argv);
		}
	}
	if (timings > 1)
		tool_usage_error("give one of -x, -p, -M and -t: they choose the timing");
	if (optind >= argc)
		tool_usage_error("no capture file given");
	if (!o->ifname && !o->dry_run)
		tool_usage_error("give the interface to send on: -i IFACE");
	o->files = argv + optind;
	o->nfiles = argc - optind;
	int stdin_files = 0;
	for (int i = 0; i < o->nfiles; i++)
		stdin_files += strcmp(o->files[i], "-") == 0;
	if (stdin_files > 1)
		tool_usage_error("standard input ('-') can be read once only");
}
