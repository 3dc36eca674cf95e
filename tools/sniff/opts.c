/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * opts.c - rk-sniff's command line: tcpdump's letters and long options
 * where tcpdump has them (-i -D -s -p -B -c -r -w -C -W -Z -F -e -n -q -v
 * -l -t -x -X -U, --immediate-mode, --print, --nano), rawkit's own
 * (--json, --stats), the rest of the arguments as one BPF filter
 * expression (or -F's file); --help and --version.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rawkit/err.h"
#include "sniff.h"
#include "tool.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [-i IFACE] [options] [FILTER]     capture live\n"
		"       %s -r FILE [options] [FILTER]        read a capture file\n"
		"       %s -D                                list the interfaces\n"
		"Print frames one line each in the style of 'tcpdump -n -S', or as JSON\n"
		"Lines, or write them to a pcap file. FILTER is a pcap-filter(7)\n"
		"expression, as tcpdump takes it.\n"
		"\n"
		"Capture:\n"
		"  -i, --interface=IF  capture on IF ('any': every interface, LINUX_SLL2\n"
		"                      frames; a number: the Nth interface -D lists);\n"
		"                      default: the first one -D lists, as tcpdump picks it\n"
		"  -D, --list-interfaces  list the interfaces that can be captured on\n"
		"  -s, --snapshot-length=N  keep at most N bytes of each frame (0..262144;\n"
		"                      0 and the default: 262144)\n"
		"  -p, --no-promiscuous-mode  do not put the interface in promiscuous mode\n"
		"  -B, --buffer-size=KIB  kernel capture buffer in KiB (default 4096; libpcap's\n"
		"                      and tcpdump's is 2048)\n"
		"      --immediate-mode  deliver each frame at once (on when printing to a\n"
		"                      terminal; off, frames come in blocks: less CPU)\n"
		"  -c, --count=N       stop after N frames (1..2^63-1)\n"
		"  -F FILE             read the filter from FILE ('#' starts a comment)\n"
		"  -Z, --relinquish-privileges=USER  as root, become USER once the capture\n"
		"                      and the first -w file are open (default: nobody;\n"
		"                      'root' stays root); capabilities are cleared in any case\n"
		"      --stats=SECONDS  every SECONDS (1..86400), a statistics record:\n"
		"                      a JSON line on stdout with --json, else a line on stderr\n"
		"\n"
		"Files:\n"
		"  -r, --read=FILE     read frames from FILE (pcap or pcapng; '-': stdin)\n"
		"  -w FILE             write the frames to FILE as pcap ('-': stdout) instead\n"
		"                      of printing them; a counter on stderr when it is a terminal\n"
		"      --print         print the frames as well when writing them with -w\n"
		"  -C SIZE             with -w: start a new file when the current one is larger\n"
		"                      than SIZE millions of bytes (suffix k, m, g: KiB, MiB, GiB);\n"
		"                      files are FILE, FILE1, FILE2 ...\n"
		"  -W N                with -C: keep N files, FILE0 ... FILE<N-1>, reusing them\n"
		"                      in turn\n"
		"  -U, --packet-buffered  write -w's file after every frame (default: after\n"
		"                      every batch the kernel hands over)\n"
		"      --nano, --time-stamp-precision=nano  nanosecond time stamps (9 digits,\n"
		"                      and -w writes a nanosecond pcap); default microseconds\n"
		"                      (--json of a nanosecond file keeps its 9 digits)\n"
		"\n"
		"Output:\n"
		"      --json          one JSON object per frame (shared/packet-json.md)\n"
		"  -e                  print the link-level header on each line\n"
		"  -q                  quieter lines (less protocol detail)\n"
		"  -v                  more fields: IPv4/IPv6 header fields, checksum status\n"
		"                      (-vv, -vvv: the same)\n"
		"  -n                  numeric addresses and ports (always; accepted for tcpdump users)\n"
		"  -t                  no timestamp; -tt seconds since the epoch; -ttt time since the\n"
		"                      previous printed frame; -tttt date and time; -ttttt time since\n"
		"                      the first printed frame (default: time of day, local time zone)\n"
		"  -x, -xx             after each line, the frame in hex (-xx: with its link header)\n"
		"  -X, -XX             the same with an ASCII column\n"
		"  -l                  flush after every line (on when stdout is a terminal)\n"
		"  -h, --help          this help, then exit\n"
		"      --version       rawkit's and libpcap's versions, then exit\n"
		"\n"
		"TCP sequence numbers are absolute (as tcpdump -S prints them); rk-sniff keeps\n"
		"no per-connection state. JSON \"n\" is the frame's number in the file, counting\n"
		"every frame read, also those the filter drops (as tshark numbers frames); live,\n"
		"it counts captured frames. -c counts printed (or written) frames.\n"
		"\n"
		"A live capture ends after -c frames or on SIGINT, SIGTERM, SIGHUP or SIGPIPE,\n"
		"then reports on stderr, as tcpdump does:\n"
		"  N packets captured / N packets received by filter / N packets dropped by kernel\n"
		"Capturing needs root or CAP_NET_RAW; reading a file needs neither.\n"
		"\n"
		"Exit status: 0 when the file was read to its end, or the capture ended as\n"
		"above, also if no frame matched; 2 on a usage error, an interface that cannot\n"
		"be captured on, a file that cannot be read or is corrupt, a bad filter, or a\n"
		"failed write. rk-sniff does not use 1.\n",
		tool_name(), tool_name(), tool_name());
}

static void version(void)
{
	printf("%s (rawkit) %s\n%s\n", tool_name(), rk_version(), pcap_lib_version());
}

enum {
	OPT_JSON = 0x100,
	OPT_NANO,
	OPT_TSPREC,
	OPT_VERSION,
	OPT_IMMEDIATE,
	OPT_PRINT,
	OPT_STATS,
};

/* -C: millions of bytes, or KiB, MiB, GiB with a suffix (tcpdump 4.99). */
static int64_t parse_size(const char *arg)
{
	char num[32];
	size_t n = strlen(arg);
	int64_t mult = 1000000, v;
	if (n > 0 && n < sizeof num) {
		switch (arg[n - 1]) {
		case 'k': case 'K': mult = 1024; n--; break;
		case 'm': case 'M': mult = 1024 * 1024; n--; break;
		case 'g': case 'G': mult = 1024 * 1024 * 1024; n--; break;
		}
	}
	if (n >= sizeof num) {
		tool_warn("-C: '%s' is not a number", arg);
		exit(TOOL_EXIT_FAIL);
	}
	memcpy(num, arg, n);
	num[n] = '\0';
	if (mult != 1000000 && n == 0) {
		tool_warn("-C: '%s' is not a number", arg);
		exit(TOOL_EXIT_FAIL);
	}
	if (tool_parse_num("-C", num, 1, INT64_MAX / mult, &v) < 0)
		exit(TOOL_EXIT_FAIL);
	return v * mult;
}

static int parse_int(const char *opt, const char *arg, int64_t min, int64_t max)
{
	int64_t v;
	if (tool_parse_num(opt, arg, min, max, &v) < 0)
		exit(TOOL_EXIT_FAIL);
	return (int)v;
}

/* -F: the whole file, '#' comments blanked out as tcpdump's read_infile(). */
static char *read_filter_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tool_warn_errno(errno, "-F %s", path);
		exit(TOOL_EXIT_FAIL);
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		tool_warn("-F %s: not a regular file", path);
		exit(TOOL_EXIT_FAIL);
	}
	if (st.st_size > 1 << 20) {
		tool_warn("-F %s: too large for a filter (over 1 MiB)", path);
		exit(TOOL_EXIT_FAIL);
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *buf = malloc(size + 1);
	if (!buf)
		tool_die("out of memory");
	while (got < size) {
		ssize_t r = read(fd, buf + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			tool_warn_errno(errno, "-F %s", path);
			exit(TOOL_EXIT_FAIL);
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	for (size_t i = 0; i < got; i++) {
		if (buf[i] == '#')
			while (i < got && buf[i] != '\n')
				buf[i++] = ' ';
	}
	/* (trailing blanks and newlines would only clutter messages) */
	while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == ' ' || buf[got - 1] == '\t' ||
			   buf[got - 1] == '\r'))
		buf[--got] = '\0';
	return buf;
}

/* The remaining arguments joined by spaces, as tcpdump does. */
static char *join_args(int argc, char **argv, int first)
{
	size_t len = 0;
	for (int i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (!len)
		return NULL;
	char *s = malloc(len);
	if (!s)
		tool_die("out of memory");
	char *w = s;
	for (int i = first; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(w, argv[i], n);
		w += n;
		*w++ = i + 1 < argc ? ' ' : '\0';
	}
	return s;
}

void sniff_opts_parse(struct sniff_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"read", required_argument, NULL, 'r'},
		{"count", required_argument, NULL, 'c'},
		{"interface", required_argument, NULL, 'i'},
		{"list-interfaces", no_argument, NULL, 'D'},
		{"snapshot-length", required_argument, NULL, 's'},
		{"no-promiscuous-mode", no_argument, NULL, 'p'},
		{"buffer-size", required_argument, NULL, 'B'},
		{"immediate-mode", no_argument, NULL, OPT_IMMEDIATE},
		{"immediate", no_argument, NULL, OPT_IMMEDIATE},
		{"relinquish-privileges", required_argument, NULL, 'Z'},
		{"packet-buffered", no_argument, NULL, 'U'},
		{"print", no_argument, NULL, OPT_PRINT},
		{"stats", required_argument, NULL, OPT_STATS},
		{"json", no_argument, NULL, OPT_JSON},
		{"nano", no_argument, NULL, OPT_NANO},
		{"time-stamp-precision", required_argument, NULL, OPT_TSPREC},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	unsigned x = 0, X = 0;
	const char *filter_file = NULL;
	bool live_opt = false;
	const char *live_name = NULL;

	memset(o, 0, sizeof *o);
	opterr = 0;
	for (;;) {
		int li = -1;
		int c = getopt_long(argc, argv, ":B:C:c:DeF:hi:lnpqr:s:tUvW:w:XxZ:", longopts, &li);
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
		case 'i':
			if (!*optarg)
				tool_usage_error("-i: no interface named");
			o->iface = optarg;
			live_opt = true;
			live_name = "-i";
			break;
		case 'D':
			o->list_ifaces = true;
			break;
		case 's':
			o->snaplen =
			    parse_int(li >= 0 ? "--snapshot-length" : "-s", optarg, 0, 262144);
			break;
		case 'p':
			o->no_promisc = true;
			live_opt = true;
			live_name = "-p";
			break;
		case 'B':
			o->buffer_kib =
			    parse_int(li >= 0 ? "--buffer-size" : "-B", optarg, 1, INT_MAX / 1024);
			live_opt = true;
			live_name = "-B";
			break;
		case OPT_IMMEDIATE:
			o->immediate = true;
			live_opt = true;
			live_name = "--immediate-mode";
			break;
		case 'Z':
			if (!*optarg)
				tool_usage_error("-Z: no user named");
			o->user = optarg;
			break;
		case OPT_STATS:
			o->stats_interval = parse_int("--stats", optarg, 1, 86400);
			live_opt = true;
			live_name = "--stats";
			break;
		case 'F':
			filter_file = optarg;
			break;
		case 'w':
			if (!*optarg)
				tool_usage_error("-w: no file named");
			o->write_file = optarg;
			break;
		case 'C':
			o->rotate_bytes = parse_size(optarg);
			break;
		case 'W':
			o->rotate_files = parse_int("-W", optarg, 1, 1000000);
			break;
		case 'U':
			o->packet_buffered = true;
			break;
		case OPT_PRINT:
			o->print = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_NANO:
			o->nano = true;
			break;
		case OPT_TSPREC:
			if (strcmp(optarg, "nano") == 0)
				o->nano = true;
			else if (strcmp(optarg, "micro") == 0)
				o->nano = false;
			else
				tool_usage_error(
				    "--time-stamp-precision: '%s' is neither micro nor nano",
				    optarg);
			break;
		case 'e':
			o->link = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose++;
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
		default: /* ':' or '?' */
			tool_getopt_error(c, argv);
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
	if (o->list_ifaces && (o->read_file || o->write_file))
		tool_usage_error("-D cannot be combined with -r or -w");
	if (o->read_file && live_opt)
		tool_usage_error("%s is for live captures: it cannot be combined with -r",
				 live_name);
	if ((o->rotate_bytes || o->rotate_files) && !o->write_file)
		tool_usage_error("-C and -W need -w FILE");
	if (o->rotate_files && !o->rotate_bytes)
		tool_usage_error("-W needs -C SIZE");
	if (o->write_file && strcmp(o->write_file, "-") == 0) {
		if (o->rotate_bytes)
			tool_usage_error("-C cannot rotate standard output (-w -)");
		if (o->print)
			tool_usage_error("--print with -w -: both would go to standard output");
	}
	if (o->write_file && o->read_file && strcmp(o->write_file, o->read_file) == 0 &&
	    strcmp(o->write_file, "-") != 0)
		tool_usage_error("-w %s would overwrite the file -r reads", o->write_file);
	/* tcpdump: when the lines go to a terminal, line buffering, and
	   immediate mode so that they show as the frames arrive. */
	if (sniff_printing(o) && isatty(STDOUT_FILENO)) {
		o->line_buffered = true;
		if (!o->read_file)
			o->immediate = true;
	}

	if (filter_file) {
		if (optind < argc)
			tool_usage_error("a filter both in -F %s and on the command line",
					 filter_file);
		o->filter = read_filter_file(filter_file);
	} else {
		o->filter = join_args(argc, argv, optind);
	}
}

void sniff_opts_free(struct sniff_opts *o)
{
	free(o->filter);
	o->filter = NULL;
}
