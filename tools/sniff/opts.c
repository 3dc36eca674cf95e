/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.c - rk-sniff's command line: tcpdump's letters where tcpdump has
 * them (-r -c -e -n -q -l -t -x -X), --json and --nano, the rest of the
 * arguments as one BPF filter expression; --help and --version.
 */
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/err.h"
#include "sniff.h"
#include "tool.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s -r FILE [options] [FILTER]\n"
		"Print the frames of a capture file (pcap or pcapng; '-' reads standard\n"
		"input), one line each in the style of 'tcpdump -n -S', or as JSON Lines.\n"
		"FILTER is a pcap-filter(7) expression, as tcpdump takes it.\n"
		"\n"
		"  -r, --read=FILE   read frames from FILE ('-': standard input)\n"
		"  -c, --count=N     stop after N printed frames (1..2^63-1)\n"
		"      --json        one JSON object per frame (shared/packet-json.md)\n"
		"  -e                print the link-level header on each line\n"
		"  -q                quieter lines (less protocol detail)\n"
		"  -n                numeric addresses and ports (always; accepted for tcpdump users)\n"
		"  -t                no timestamp; -tt seconds since the epoch; -ttt time since the\n"
		"                    previous printed frame; -tttt date and time; -ttttt time since\n"
		"                    the first printed frame (default: time of day, local time zone)\n"
		"      --nano        nanosecond timestamps (9 digits; default microseconds, 6)\n"
		"  -x, -xx           after each line, the frame in hex (-xx: with its link header)\n"
		"  -X, -XX           the same with an ASCII column\n"
		"  -l                flush after every line (for pipes)\n"
		"  -h, --help        this help, then exit\n"
		"      --version     rawkit's and libpcap's versions, then exit\n"
		"\n"
		"TCP sequence numbers are absolute (as tcpdump -S prints them); rk-sniff keeps\n"
		"no per-connection state. JSON \"n\" is the frame's number in the file, counting\n"
		"every frame read, also those the filter drops (as tshark numbers frames); -c\n"
		"counts printed frames.\n"
		"\n"
		"Exit status: 0 when the file was read to its end (or -c frames were printed),\n"
		"also if no frame matched; 2 on a usage error, a file that cannot be read or is\n"
		"corrupt, a bad filter, or a failed write. rk-sniff does not use 1.\n",
		tool_name());
}

static void version(void)
{
	printf("%s (rawkit) %s\n%s\n", tool_name(), rk_version(), pcap_lib_version());
}

enum { OPT_JSON = 0x100, OPT_NANO, OPT_VERSION };

void sniff_opts_parse(struct sniff_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"read", required_argument, NULL, 'r'},
		{"count", required_argument, NULL, 'c'},
		{"json", no_argument, NULL, OPT_JSON},
		{"nano", no_argument, NULL, OPT_NANO},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	unsigned x = 0, X = 0;

	memset(o, 0, sizeof *o);
	opterr = 0;
	for (;;) {
		int li = -1;
		int c = getopt_long(argc, argv, ":c:ehlnqr:tXx", longopts, &li);
		if (c == -1)
			break;
		switch (c) {
		case 'r':
			o->read_file = optarg;
			break;
		case 'c':
			if (tool_parse_num(li >= 0 ? "--count" : "-c", optarg, 1, INT64_MAX,
					   &o->count) < 0)
				exit(TOOL_EXIT_FAIL);
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_NANO:
			o->nano = true;
			break;
		case 'e':
			o->link = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'n':
			break;
		case 'l':
			o->line_buffered = true;
			break;
		case 't':
			o->tstyle++;
			break;
		case 'x':
			x++;
			break;
		case 'X':
			X++;
			break;
		case 'h':
			usage(stdout);
			exit(TOOL_EXIT_OK);
		case OPT_VERSION:
			version();
			exit(TOOL_EXIT_OK);
		case ':':
			if (strncmp(argv[optind - 1], "--", 2) == 0)
				tool_usage_error("option %s needs a value", argv[optind - 1]);
			tool_usage_error("option -%c needs a value", optopt);
		default:
			if (optopt)
				tool_usage_error("unknown option -%c", optopt);
			tool_usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (o->tstyle > 5)
		tool_usage_error("-t: at most 5 (-ttttt)");
	if (x || X) {
		o->hex = SNIFF_HEX_ON;
		if (X)
			o->hex |= RK_HEX_ASCII;
		if (x > 1 || X > 1)
			o->hex |= RK_HEX_LINK;
	}
	if (o->json && o->hex)
		tool_usage_error("--json cannot be combined with -x or -X");
	if (!o->read_file)
		tool_usage_error("no capture file: give -r FILE (live capture is not supported yet)");

	/* The filter: the remaining arguments joined by spaces, as tcpdump does. */
	size_t len = 0;
	for (int i = optind; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (len) {
		o->filter = malloc(len);
		if (!o->filter)
			tool_die("out of memory");
		char *w = o->filter;
		for (int i = optind; i < argc; i++) {
			size_t n = strlen(argv[i]);
			memcpy(w, argv[i], n);
			w += n;
			*w++ = i + 1 < argc ? ' ' : '\0';
		}
	}
}

void sniff_opts_free(struct sniff_opts *o)
{
	free(o->filter);
	o->filter = NULL;
}
