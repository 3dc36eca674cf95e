/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.c - rk-craft's command line: the spec, what to do with its packets
 * (print, -w, --send, --reply), pacing and output formats; --help and
 * --version. Every value is checked here, before anything is opened or
 * sent.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "craft.h"
#include "rawkit/err.h"
#include "tool.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [options] SPEC\n"
		"       %s --from-pcap FILE [--show-spec | --json | -X]\n"
		"Build packets from a one-line spec and print them, write them to a pcap\n"
		"file, or send them; with --reply, wait for each answer (as scapy's sr1).\n"
		"\n"
		"  SPEC                layers outermost first, e.g.\n"
		"                      'ipv4(dst=198.18.0.2,ttl=5)/tcp(dport=80,flags=S)/\"hi\"'\n"
		"                      (grammar, layers and fields: docs/SPEC.md). A range in a\n"
		"                      field (dport=1-1024, ttl=1-30) makes one packet per value.\n"
		"\n"
		"What to do (default: print the packets, send nothing):\n"
		"  -s, --send          send the packets: IP specs over a raw socket (IP_HDRINCL),\n"
		"                      specs starting with eth on -i's interface at layer 2\n"
		"      --reply         send, and wait for the answer to each packet: a reply from\n"
		"                      its destination (matched by addresses and ports, ICMP id\n"
		"                      and sequence) or an ICMP error quoting it; print it with\n"
		"                      its round-trip time. With ttl=1-30 this is a traceroute.\n"
		"  -w FILE             write the packets to a pcap file instead of printing them\n"
		"                      (EN10MB for eth specs, RAW for IP specs)\n"
		"      --from-pcap FILE  print the frames of a capture file instead of a spec\n"
		"\n"
		"Sending:\n"
		"  -i, --interface IF  send (and listen) on interface IF; needed for eth specs\n"
		"  -c, --count N       send (or print) all the packets N times (1..1000000000)\n"
		"      --interval SEC  wait SEC seconds between packets (e.g. 0.5; default 0)\n"
		"      --rate PPS      send at most PPS packets per second (1..100000000)\n"
		"      --timeout SEC   --reply: wait at most SEC seconds per packet (default 1)\n"
		"      --seed N        seed of the random defaults (IP id, source port, TCP\n"
		"                      sequence); default: a random one\n"
		"  -q, --quiet         do not print a line per packet sent (--send)\n"
		"\n"
		"Output:\n"
		"      --json          packet JSON, one object per line (shared/packet-json.md);\n"
		"                      answers to --reply carry \"rtt_ms\"\n"
		"  -X                  after each line, the packet in hex and ASCII\n"
		"      --show-spec     print each packet as a spec that builds it back\n"
		"  -h, --help          this help, then exit\n"
		"      --version       rawkit's and libpcap's versions, then exit\n"
		"\n"
		"Unset fields get defaults: source addresses from the routing table (or\n"
		"-i's interface), MACs from the interface and its neighbour table,\n"
		"random IP id, source port and TCP sequence, lengths and checksums computed.\n"
		"\n"
		"IPv4 packets sent at layer 3 get their checksum and total length (and an id\n"
		"or source of 0) rewritten by the kernel; to send them exactly as built, start\n"
		"the spec with eth(...) and give -i.\n"
		"\n"
		"Exit status: 0 on success; 1 with --reply when no packet got an answer;\n"
		"2 on a bad command line or spec (nothing is sent), or a failure to send.\n"
		"Sending needs root or CAP_NET_RAW.\n",
		tool_name(), tool_name());
}

static void version(void)
{
	printf("%s (rawkit) %s\n%s\n", tool_name(), rk_version(), pcap_lib_version());
}

/* A duration in seconds ("0.5", "2") into nanoseconds, within [0, max_s]. */
static void parse_seconds(const char *opt, const char *arg, double max_s, int64_t *ns)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (end == arg || *end || errno == ERANGE || !isfinite(v))
		tool_usage_error("%s: '%s' is not a number of seconds", opt, arg);
	if (v < 0)
		tool_usage_error("%s: '%s' is negative", opt, arg);
	if (v > max_s)
		tool_usage_error("%s: '%s' is too large (maximum %.0f)", opt, arg, max_s);
	*ns = (int64_t)llround(v * 1e9);
}

enum {
	OPT_JSON = 0x100,
	OPT_REPLY,
	OPT_SHOW_SPEC,
	OPT_FROM_PCAP,
	OPT_INTERVAL,
	OPT_RATE,
	OPT_TIMEOUT,
	OPT_SEED,
	OPT_VERSION,
};

void craft_opts_parse(struct craft_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"send", no_argument, NULL, 's'},
		{"reply", no_argument, NULL, OPT_REPLY},
		{"interface", required_argument, NULL, 'i'},
		{"count", required_argument, NULL, 'c'},
		{"quiet", no_argument, NULL, 'q'},
		{"interval", required_argument, NULL, OPT_INTERVAL},
		{"rate", required_argument, NULL, OPT_RATE},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"seed", required_argument, NULL, OPT_SEED},
		{"json", no_argument, NULL, OPT_JSON},
		{"show-spec", no_argument, NULL, OPT_SHOW_SPEC},
		{"from-pcap", required_argument, NULL, OPT_FROM_PCAP},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	bool json = false, show_spec = false;
	int64_t v;

	memset(o, 0, sizeof(*o));
	o->count = 1;
	o->timeout_ns = 1000000000;
	opterr = 0;
	for (;;) {
		int li = -1;
		int c = getopt_long(argc, argv, ":c:hi:qsw:X", longopts, &li);
		if (c == -1)
			break;
		switch (c) {
		case 's':
			o->send = true;
			break;
		case OPT_REPLY:
			o->send = o->reply = true;
			break;
		case 'i':
			if (!*optarg)
				tool_usage_error("-i: empty interface name");
			o->ifname = optarg;
			break;
		case 'c':
			if (tool_parse_num(li >= 0 ? "--count" : "-c", optarg, 1, 1000000000, &o->count) < 0)
				exit(TOOL_EXIT_FAIL);
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'w':
			o->write_file = optarg;
			break;
		case 'X':
			o->hex = true;
			break;
		case OPT_INTERVAL:
			parse_seconds("--interval", optarg, 3600, &o->interval_ns);
			break;
		case OPT_RATE:
			if (tool_parse_num("--rate", optarg, 1, 100000000, &o->rate) < 0)
				exit(TOOL_EXIT_FAIL);
			break;
		case OPT_TIMEOUT:
			parse_seconds("--timeout", optarg, 3600, &o->timeout_ns);
			break;
		case OPT_SEED:
			if (tool_parse_num("--seed", optarg, 0, INT64_MAX, &v) < 0)
				exit(TOOL_EXIT_FAIL);
			o->seed = (uint64_t)v;
			o->have_seed = true;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_SHOW_SPEC:
			show_spec = true;
			break;
		case OPT_FROM_PCAP:
			o->from_pcap = optarg;
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
	if (json && show_spec)
		tool_usage_error("--json and --show-spec cannot be combined");
	o->out = json ? CRAFT_OUT_JSON : show_spec ? CRAFT_OUT_SPEC : CRAFT_OUT_TEXT;
	if (o->hex && o->out != CRAFT_OUT_TEXT)
		tool_usage_error("-X cannot be combined with --json or --show-spec");

	if (o->from_pcap) {
		if (optind < argc)
			tool_usage_error("--from-pcap reads packets from a file: no SPEC as well");
		if (o->send || o->write_file)
			tool_usage_error("--from-pcap only prints (rk-replay sends captures)");
		return;
	}
	if (optind >= argc)
		tool_usage_error("no SPEC given");
	if (optind + 1 < argc)
		tool_usage_error("one SPEC only (quote it: '%s ...')", argv[optind]);
	o->spec_text = argv[optind];
	if (o->send && o->write_file)
		tool_usage_error("-w writes the packets instead of sending them: not with --send/--reply");
	if (o->write_file && (o->out != CRAFT_OUT_TEXT || o->hex))
		tool_usage_error("-w writes a pcap file: nothing to print with --json, -X or --show-spec");
	if (!o->send && (o->interval_ns || o->rate))
		tool_usage_error("--interval and --rate pace sending: give --send or --reply");
}
