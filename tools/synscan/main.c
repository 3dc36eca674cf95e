/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-synscan, a stateless TCP SYN port scanner: options, targets
 * and ports, the run key and permutation, the sockets (opened first, then
 * privileges dropped), the receive thread, and the reports.
 *
 * Every input is checked before any socket is opened, so a bad target,
 * port, rate or exclusion exits 2 having sent nothing. See --help and
 * docs/SYNSCAN.md.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sched.h>
#include <unistd.h>

#include "rawkit/err.h"
#include "scan.h"
#include "util.h"

#define DEFAULT_RATE 10000
#define MAX_RATE 100000000
#define FAST_RATE 100000 /* from here on, a sender thread per CPU */
#define DEFAULT_TOP_PORTS 1000

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "Usage: rk-synscan [options] TARGET...\n"
	    "Stateless TCP SYN port scan (nmap -sS style states, masscan/zmap style speed).\n"
	    "\n"
	    "Targets: addresses, CIDR blocks (198.18.0.0/16), ranges (198.18.0.1-198.18.0.40\n"
	    "or 198.18.0.1-40), IPv6 addresses, prefixes and ranges, host names (resolved\n"
	    "once, first address). 0.0.0.0/8, multicast and 255.255.255.255 are refused\n"
	    "(or left out of wider blocks) unless --force.\n"
	    "  -iL FILE             read targets from FILE (whitespace-separated, # comments)\n"
	    "  --exclude LIST       comma-separated targets not to scan\n"
	    "  --excludefile FILE   targets not to scan, from FILE\n"
	    "  -n                   never resolve host names\n"
	    "  --force              scan 0.0.0.0/8, multicast and broadcast addresses too\n"
	    "\n"
	    "Ports (nmap syntax; default: --top-ports %d):\n"
	    "  -p PORTS             22,80,1000-2000; -p- is 1-65535; -p0-65535 adds port 0\n"
	    "  --top-ports N        the N ports nmap finds open most often (1-%d)\n"
	    "\n"
	    "Speed and accuracy:\n"
	    "  --rate PPS           packets per second (default %d; 1-%d)\n"
	    "  --max-rate PPS       never exceed this rate, whatever --rate says\n"
	    "  --sender-threads N   threads sending probes (default: 1 below 100,000 packets/s,\n"
	    "                       else one per CPU, at most 4; 1-16)\n"
	    "  --retries N          resend unanswered probes N more times (default 1; 0-10)\n"
	    "  --wait SECONDS       wait for late replies after each pass (default 2; ends early\n"
	    "                       once every probe is answered)\n"
	    "  --shard I/N          scan only part I of N (needs --seed; N runs cover all)\n"
	    "  --seed N             the probe order (default: random); same seed, same order\n"
	    "  --resume-index K     skip the first K probes of this shard (see the hint on ^C)\n"
	    "\n"
	    "Packets:\n"
	    "  -S, --source-ip ADDR source address (default: the route's; once per family);\n"
	    "                       an address no interface owns gets ARP and neighbour\n"
	    "                       answers from rk-synscan, and no RSTs from the kernel\n"
	    "  -e, --interface IF   send and capture on IF (default: the source's interface)\n"
	    "  --src-port P[-Q]     source port or range (default: 16 random ports)\n"
	    "  --ttl N              IPv4 TTL / IPv6 hop limit of probes (default 64)\n"
	    "  --send l2|l3|auto    IPv4 as Ethernet frames on a packet socket (l2: faster;\n"
	    "                       needs one next hop with a known MAC) or through the\n"
	    "                       IP_HDRINCL socket (l3); auto (default): l2 when it can\n"
	    "  --router-mac MAC     the next hop's MAC for l2 (default: the neighbour table)\n"
	    "\n"
	    "Output (stdout: results only):\n"
	    "  --all-states         list closed and filtered ports too (default: open only)\n"
	    "  --json               JSON Lines: one object per result, then a summary object\n"
	    "  -oG FILE             also write nmap's grepable format to FILE\n"
	    "  -q, --quiet          no progress line or summary on stderr\n"
	    "  --dry-run            print the probes (address, port, source port, sequence\n"
	    "                       number) instead of sending them; needs no privileges\n"
	    "  -h, --help           this help;   -V, --version   versions\n"
	    "\n"
	    "Text lines read: 198.18.0.2  80/tcp  open  (ttl 64, win 64240)\n"
	    "States (nmap's): open (syn-ack), closed (reset), filtered (an ICMP unreachable,\n"
	    "or no-response after the retries and the wait).\n"
	    "\n"
	    "Ctrl-C stops sending, waits for replies, reports, and prints how to resume;\n"
	    "a second Ctrl-C skips the wait.\n"
	    "\n"
	    "Exit status: 0 open ports found, 1 none found, 2 bad usage or failure to run.\n"
	    "Needs root or CAP_NET_RAW (setcap cap_net_raw+ep rk-synscan).\n",
	    DEFAULT_TOP_PORTS, RK_TOP_PORTS_MAX, DEFAULT_RATE, MAX_RATE);
}

enum {
	OPT_EXCLUDE = 256,
	OPT_EXCLUDEFILE,
	OPT_INPUT_LIST,
	OPT_OUTPUT_GREP,
	OPT_TOP_PORTS,
	OPT_RATE,
	OPT_MAX_RATE,
	OPT_SENDER_THREADS,
	OPT_RETRIES,
	OPT_WAIT,
	OPT_SHARD,
	OPT_SEED,
	OPT_RESUME,
	OPT_SRC_PORT,
	OPT_TTL,
	OPT_ALL_STATES,
	OPT_JSON,
	OPT_FORCE,
	OPT_DRY_RUN,
	OPT_SEND,
	OPT_ROUTER_MAC,
};

static const struct option longopts[] = {
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"excludefile", required_argument, NULL, OPT_EXCLUDEFILE},
    {"input-list", required_argument, NULL, OPT_INPUT_LIST},
    {"output-grepable", required_argument, NULL, OPT_OUTPUT_GREP},
    {"top-ports", required_argument, NULL, OPT_TOP_PORTS},
    {"rate", required_argument, NULL, OPT_RATE},
    {"max-rate", required_argument, NULL, OPT_MAX_RATE},
    {"sender-threads", required_argument, NULL, OPT_SENDER_THREADS},
    {"retries", required_argument, NULL, OPT_RETRIES},
    {"wait", required_argument, NULL, OPT_WAIT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"seed", required_argument, NULL, OPT_SEED},
    {"resume-index", required_argument, NULL, OPT_RESUME},
    {"src-port", required_argument, NULL, OPT_SRC_PORT},
    {"source-ip", required_argument, NULL, 'S'},
    {"interface", required_argument, NULL, 'e'},
    {"ttl", required_argument, NULL, OPT_TTL},
    {"all-states", no_argument, NULL, OPT_ALL_STATES},
    {"json", no_argument, NULL, OPT_JSON},
    {"force", no_argument, NULL, OPT_FORCE},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"send", required_argument, NULL, OPT_SEND},
    {"router-mac", required_argument, NULL, OPT_ROUTER_MAC},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* A spec that is not an address but could be a host name. */
static bool looks_like_name(const char *s)
{
	bool letter = false;
	for (; *s; s++) {
		if (*s == ':' || *s == '/')
			return false;
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			letter = true;
		else if (!(*s >= '0' && *s <= '9') && *s != '.' && *s != '-' && *s != '_')
			return false;
	}
	return letter;
}

static void add_target(struct scan *sc, const char *spec)
{
	const char *why = NULL;
	int r = rk_targets_add(&sc->targets, spec, &why);
	if (r == RK_OK)
		return;
	if (r == RK_E_NOSPACE && why && strstr(why, "limit"))
		tool_die("target '%s': more than %" PRIu64 " addresses (an IPv6 /96), "
			 "rk-synscan's limit",
			 spec, sc->targets.max_addrs);
	if (r == RK_E_INVAL && looks_like_name(spec)) {
		if (sc->no_dns)
			tool_die("target '%s': not an address (and -n forbids resolving names)",
				 spec);
		struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
		int e = getaddrinfo(spec, NULL, &hints, &ai);
		if (e != 0)
			tool_die("target '%s': cannot resolve: %s", spec, gai_strerror(e));
		struct rk_target_addr a = {0};
		if (ai->ai_family == AF_INET) {
			a.family = 4;
			a.v4 = ntohl(((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr);
		} else {
			a.family = 6;
			memcpy(a.v6, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
		}
		freeaddrinfo(ai);
		if (rk_targets_add_addr(&sc->targets, &a, &why) != RK_OK)
			tool_die("target '%s': %s%s", spec, why,
				 strstr(why, "refused") ? " (--force to scan it)" : "");
		return;
	}
	tool_die("target '%s': %s%s", spec, why ? why : rk_strerror(r),
		 why && strstr(why, "refused") ? " (--force to scan it)" : "");
}

static void add_exclude(struct scan *sc, const char *spec)
{
	const char *why = NULL;
	if (rk_targets_exclude(&sc->targets, spec, &why) != RK_OK)
		tool_die("exclude '%s': %s", spec, why ? why : "malformed");
}

/* Split s at commas (and blanks), calling fn on each piece. */
static void each_item(struct scan *sc, const char *s, void (*fn)(struct scan *, const char *),
		      const char *what)
{
	char *copy = strdup(s), *save, *tok;
	if (!copy)
		tool_die("out of memory");
	bool any = false;
	for (tok = strtok_r(copy, ", \t\r\n", &save); tok;
	     tok = strtok_r(NULL, ", \t\r\n", &save)) {
		fn(sc, tok);
		any = true;
	}
	if (!any)
		tool_die("%s: empty list", what);
	free(copy);
}

/* Targets or exclusions from a file: whitespace-separated, # to end of line. */
static void each_in_file(struct scan *sc, const char *path, void (*fn)(struct scan *, const char *),
			 const char *opt)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		tool_die("%s %s: %s", opt, path, strerror(errno));
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		char *hash = strchr(line, '#'), *save, *tok;
		if (hash)
			*hash = '\0';
		for (tok = strtok_r(line, " \t\r\n,", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n,", &save))
			fn(sc, tok);
	}
	if (ferror(f))
		tool_die("%s %s: %s", opt, path, strerror(errno));
	if (f != stdin)
		fclose(f);
}

static void parse_src_ip(struct scan *sc, const char *s)
{
	struct in_addr a4;
	if (inet_pton(AF_INET, s, &a4) == 1) {
		sc->src4 = ntohl(a4.s_addr);
		sc->have_src4 = true;
	} else if (inet_pton(AF_INET6, s, sc->src6) == 1) {
		sc->have_src6 = true;
	} else {
		tool_die("--source-ip: '%s' is not an IPv4 or IPv6 address", s);
	}
}

static void parse_src_port(struct scan *sc, const char *s)
{
	char buf[32];
	const char *dash = strchr(s, '-');
	uint64_t a, b;
	if (strlen(s) >= sizeof buf)
		tool_die("--src-port: '%s' is not a port or range", s);
	if (dash) {
		memcpy(buf, s, (size_t)(dash - s));
		buf[dash - s] = '\0';
		a = parse_uint("--src-port", buf, 1, 65535);
		b = parse_uint("--src-port", dash + 1, 1, 65535);
		if (b < a)
			tool_die("--src-port: range '%s' runs backwards", s);
	} else {
		a = b = parse_uint("--src-port", s, 1, 65535);
	}
	sc->sport_base = (uint16_t)a;
	sc->sport_count = (uint16_t)(b - a + 1);
	sc->sport_given = true;
}

static void parse_shard(struct scan *sc, const char *s)
{
	char buf[32];
	const char *slash = strchr(s, '/');
	if (!slash || strlen(s) >= sizeof buf)
		tool_die("--shard: '%s' is not I/N (e.g. 1/3)", s);
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	uint64_t n = parse_uint("--shard", slash + 1, 1, UINT32_MAX);
	uint64_t i = parse_uint("--shard", buf, 1, n);
	sc->shard = (uint32_t)(i - 1);
	sc->shards = (uint32_t)n;
}

/* The address the kernel would send from to reach dst (connect() on a UDP
   socket sends nothing). */
static bool route_source(const struct rk_target_addr *dst, struct scan *sc)
{
	bool ok = false;
	if (dst->family == 4) {
		struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(9)};
		socklen_t len = sizeof sa;
		sa.sin_addr.s_addr = htonl(dst->v4);
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
		    getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
			sc->src4 = ntohl(sa.sin_addr.s_addr);
			ok = sc->have_src4 = true;
		}
		if (fd >= 0)
			close(fd);
	} else {
		struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons(9)};
		socklen_t len = sizeof sa;
		memcpy(&sa.sin6_addr, dst->v6, 16);
		int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
		    getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
			memcpy(sc->src6, &sa.sin6_addr, 16);
			ok = sc->have_src6 = true;
		}
		if (fd >= 0)
			close(fd);
	}
	return ok;
}

/* The interface holding our source address (empty: capture on "any"). */
static void find_interface(struct scan *sc)
{
	if (sc->have_src4)
		(void)l2_addr_interface(4, sc->src4, NULL, sc->ifname);
	else if (sc->have_src6)
		(void)l2_addr_interface(6, 0, sc->src6, sc->ifname);
}

static uint64_t random64(void)
{
	uint64_t v;
	if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
		tool_die("getrandom: %s", strerror(errno));
	return v;
}

static struct scan *signal_scan; /* for the handler only */

static void on_signal(int sig)
{
	(void)sig;
	if (!atomic_load(&signal_scan->stop_send))
		atomic_store(&signal_scan->stop_send, true);
	else
		atomic_store(&signal_scan->stop_recv, true);
}

static void open_io(struct scan *sc, bool want4, bool want6)
{
	char eb[RK_ERRBUF_SIZE];
	int r;
	if (want4 && sc->use_l2 && (r = l2_open(sc, eb)) != RK_OK)
		tool_die("%s", eb);
	if (want4 && !sc->use_l2 && (r = rk_sock_open_send4(&sc->s4, eb)) != RK_OK)
		tool_die("%s", eb);
	if (want6 && (r = rk_sock_open_send6(&sc->s6, eb)) != RK_OK)
		tool_die("%s", eb);
	if (sc->ifname[0]) {
		if (sc->s4 && rk_sock_bind_dev(sc->s4, sc->ifname, eb) != RK_OK)
			tool_die("%s", eb);
		if (sc->s6 && rk_sock_bind_dev(sc->s6, sc->ifname, eb) != RK_OK)
			tool_die("%s", eb);
	}
	if ((sc->arp_answer || sc->nd_answer) && (r = neigh_open(sc, eb)) != RK_OK)
		tool_die("%s", eb);
	if ((r = recv_open(sc, eb)) != RK_OK)
		tool_die("%s", eb);
	/* Sockets and capture are open: a set-uid run goes back to its user. */
	if (getuid() != geteuid() && (setgid(getgid()) != 0 || setuid(getuid()) != 0))
		tool_die("cannot drop privileges: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	static struct scan scan;
	struct scan *sc = &scan;
	bool ports_given = false;
	unsigned top_ports = 0;
	const char *ports_spec = NULL;
	const char **excludes = NULL, **exclude_files = NULL, **input_lists = NULL;
	size_t nexcl = 0, nexclf = 0, ninput = 0;
	char *src_ips[2];
	int nsrc = 0;

	tool_init("rk-synscan");
	sc->argc = argc;
	sc->argv = argv;
	sc->rate = DEFAULT_RATE;
	sc->retries = 1;
	sc->wait_s = 2;
	sc->ttl = 64;
	sc->win = 1024;
	sc->shards = 1;
	sc->nb_fd = -1;
	excludes = calloc((size_t)argc, sizeof *excludes);
	exclude_files = calloc((size_t)argc, sizeof *exclude_files);
	input_lists = calloc((size_t)argc, sizeof *input_lists);
	if (!excludes || !exclude_files || !input_lists)
		tool_die("out of memory");

	/* nmap's two-letter options: -iL FILE and -oG FILE. */
	char **args = calloc((size_t)argc + 1, sizeof *args);
	if (!args)
		tool_die("out of memory");
	for (int i = 0; i < argc; i++) {
		args[i] = argv[i];
		if (!strcmp(argv[i], "-iL"))
			args[i] = "--input-list";
		else if (!strcmp(argv[i], "-oG"))
			args[i] = "--output-grepable";
		else if (!strcmp(argv[i], "--"))
			break;
	}

	int c;
	opterr = 0;
	while ((c = getopt_long(argc, args, ":p:S:e:nqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (ports_spec)
				tool_die("-p given twice");
			ports_spec = optarg;
			ports_given = true;
			break;
		case OPT_TOP_PORTS:
			top_ports =
			    (unsigned)parse_uint("--top-ports", optarg, 1, RK_TOP_PORTS_MAX);
			ports_given = true;
			break;
		case OPT_EXCLUDE: excludes[nexcl++] = optarg; break;
		case OPT_EXCLUDEFILE: exclude_files[nexclf++] = optarg; break;
		case OPT_INPUT_LIST: input_lists[ninput++] = optarg; break;
		case OPT_OUTPUT_GREP: sc->og_path = optarg; break;
		case OPT_RATE: sc->rate = (double)parse_uint("--rate", optarg, 1, MAX_RATE); break;
		case OPT_MAX_RATE:
			sc->max_rate = (double)parse_uint("--max-rate", optarg, 1, MAX_RATE);
			break;
		case OPT_SENDER_THREADS:
			sc->sender_threads =
			    (unsigned)parse_uint("--sender-threads", optarg, 1, 16);
			break;
		case OPT_RETRIES:
			sc->retries = (unsigned)parse_uint("--retries", optarg, 0, 10);
			break;
		case OPT_WAIT: sc->wait_s = parse_real("--wait", optarg, 0, 3600); break;
		case OPT_SHARD: parse_shard(sc, optarg); break;
		case OPT_SEED:
			sc->seed = parse_uint("--seed", optarg, 0, INT64_MAX);
			sc->seed_given = true;
			break;
		case OPT_RESUME:
			sc->resume = parse_uint("--resume-index", optarg, 0, INT64_MAX);
			break;
		case OPT_SRC_PORT: parse_src_port(sc, optarg); break;
		case 'S':
			if (nsrc == 2)
				tool_die("--source-ip: at most one IPv4 and one IPv6 address");
			src_ips[nsrc++] = optarg;
			break;
		case 'e':
			if (strlen(optarg) >= sizeof sc->ifname || !optarg[0])
				tool_die("--interface: '%s' is not an interface name", optarg);
			strcpy(sc->ifname, optarg);
			break;
		case OPT_TTL: sc->ttl = (uint8_t)parse_uint("--ttl", optarg, 1, 255); break;
		case OPT_ALL_STATES: sc->all_states = true; break;
		case OPT_JSON: sc->json = true; break;
		case OPT_FORCE: sc->force = true; break;
		case OPT_DRY_RUN: sc->dry_run = true; break;
		case OPT_SEND:
			if (!strcmp(optarg, "l2"))
				sc->send_mode = SEND_L2;
			else if (!strcmp(optarg, "l3"))
				sc->send_mode = SEND_L3;
			else if (!strcmp(optarg, "auto"))
				sc->send_mode = SEND_AUTO;
			else
				tool_usage_error("--send: '%s' is not l2, l3 or auto", optarg);
			break;
		case OPT_ROUTER_MAC: {
			unsigned m[6];
			char end;
			if (sscanf(optarg, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2], &m[3],
				   &m[4], &m[5], &end) != 6)
				tool_usage_error("--router-mac: '%s' is not a MAC address", optarg);
			for (int i = 0; i < 6; i++)
				sc->hop_mac[i] = (uint8_t)m[i];
			sc->router_mac_given = true;
			break;
		}
		case 'n': sc->no_dns = true; break;
		case 'q': sc->quiet = true; break;
		case 'h': usage(stdout); return 0;
		case 'V':
			printf("rk-synscan (rawkit) %s\n%s\n", rk_version(), rk_cap_lib_version());
			return 0;
		case ':': tool_usage_error("%s needs an argument", argv[optind - 1]);
		default: tool_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc && ninput == 0)
		tool_usage_error("no targets");
	if (ports_spec && top_ports)
		tool_die("-p and --top-ports cannot be combined");
	if (sc->shards > 1 && !sc->seed_given)
		tool_die("--shard needs --seed: every shard must walk the same order");
	if (sc->resume && !sc->seed_given)
		tool_die("--resume-index needs the --seed of the interrupted run");
	if (sc->max_rate && sc->rate > sc->max_rate) {
		if (!sc->quiet)
			tool_warn("--rate %.0f is over --max-rate: sending at %.0f", sc->rate,
				  sc->max_rate);
		sc->rate = sc->max_rate;
	}

	if (sc->sender_threads == 0) {
		/* One sender reached ~0.47 M probes/s on the benchmark's veth pair,
		   two on two CPUs ~0.88 M (docs/PERFORMANCE.md, Synscan, run D).
		   The CPUs counted are those this process may run on. */
		cpu_set_t allowed;
		long cpus = sched_getaffinity(0, sizeof allowed, &allowed) == 0
				? CPU_COUNT(&allowed)
				: sysconf(_SC_NPROCESSORS_ONLN);
		sc->sender_threads = 1;
		if (sc->rate >= FAST_RATE && cpus > 1)
			sc->sender_threads = cpus < 4 ? (unsigned)cpus : 4;
	}

	/* Targets, exclusions, ports: all checked before anything is opened. */
	rk_targets_init(&sc->targets, 0, sc->force ? RK_TARGETS_ALLOW_RESERVED : 0);
	for (int i = optind; i < argc; i++)
		add_target(sc, argv[i]);
	for (size_t i = 0; i < ninput; i++)
		each_in_file(sc, input_lists[i], add_target, "-iL");
	for (size_t i = 0; i < nexcl; i++)
		each_item(sc, excludes[i], add_exclude, "--exclude");
	for (size_t i = 0; i < nexclf; i++)
		each_in_file(sc, exclude_files[i], add_exclude, "--excludefile");
	const char *why = NULL;
	int r = rk_targets_finish(&sc->targets, &why);
	if (r != RK_OK)
		tool_die("targets: %s", why ? why : rk_strerror(r));
	if (sc->targets.reserved_removed && !sc->quiet)
		tool_warn("leaving out %" PRIu64
			  " reserved addresses (0.0.0.0/8, multicast, broadcast; "
			  "--force scans them)",
			  sc->targets.reserved_removed);

	rk_ports_init(&sc->ports);
	if (ports_spec && rk_ports_parse(&sc->ports, ports_spec, &why) != RK_OK)
		tool_die("ports '%s': %s", ports_spec, why);
	if (!ports_given)
		top_ports = DEFAULT_TOP_PORTS;
	if (top_ports && rk_ports_top(&sc->ports, top_ports, &why) != RK_OK)
		tool_die("--top-ports: %s", why);
	if (rk_ports_finish(&sc->ports, &why) != RK_OK)
		tool_die("ports: %s", why);

	sc->nprobes = rk_targets_count(&sc->targets) * sc->ports.n;
	if (!sc->seed_given)
		sc->seed = random64() & INT64_MAX; /* printable back as --seed */
	if (rk_perm_init(&sc->perm, sc->nprobes, sc->seed) != RK_OK)
		tool_die("too many probes (%" PRIu64 ")", sc->nprobes);
	uint64_t shard_total = rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards);
	if (sc->resume > shard_total)
		tool_die("--resume-index %" PRIu64 " is past this shard's %" PRIu64 " probes",
			 sc->resume, shard_total);

	/* Source addresses and ports. */
	for (int i = 0; i < nsrc; i++)
		parse_src_ip(sc, src_ips[i]);
	bool want4 = false, want6 = false;
	{
		struct rk_target_addr first, last;
		rk_targets_get(&sc->targets, 0, &first);
		rk_targets_get(&sc->targets, rk_targets_count(&sc->targets) - 1, &last);
		want4 = first.family == 4;
		want6 = last.family == 6;
		char ip[INET6_ADDRSTRLEN];
		if (want4 && !sc->have_src4 && !route_source(&first, sc)) {
			addr_str(&first, ip, sizeof ip);
			tool_die("no route to %s (give --source-ip)", ip);
		}
		if (want6 && !sc->have_src6 && !route_source(&last, sc)) {
			addr_str(&last, ip, sizeof ip);
			tool_die("no route to %s (give --source-ip)", ip);
		}
		/* Only the families scanned are listened for. */
		sc->have_src4 = sc->have_src4 && want4;
		sc->have_src6 = sc->have_src6 && want6;
	}
	if (!sc->sport_given) {
		sc->sport_count = 16;
		sc->sport_base = (uint16_t)(32768 + random64() % (61000 - 32768 - 16));
	}
	if (!sc->ifname[0])
		find_interface(sc);
	{
		const char *warn = NULL;
		if (!sc->dry_run && neigh_plan(sc, &warn) && !sc->quiet) {
			char ip4[INET6_ADDRSTRLEN] = "", ip6[INET6_ADDRSTRLEN] = "";
			struct rk_target_addr a4 = {.family = 4, .v4 = sc->src4},
					      a6 = {.family = 6};
			memcpy(a6.v6, sc->src6, 16);
			if (sc->arp_answer)
				addr_str(&a4, ip4, sizeof ip4);
			if (sc->nd_answer)
				addr_str(&a6, ip6, sizeof ip6);
			tool_warn("%s%s%s: no address of this host; answering %s for it on %s "
				  "(so the kernel sends no RSTs to open ports)",
				  ip4, ip4[0] && ip6[0] ? " and " : "", ip6,
				  sc->arp_answer && sc->nd_answer
				      ? "ARP and neighbour solicitations"
				  : sc->arp_answer ? "ARP"
						   : "neighbour solicitations",
				  sc->ifname);
		}
		if (warn && !sc->quiet)
			tool_warn("%s", warn);
	}
	if (sc->send_mode != SEND_L3 && !sc->dry_run) {
		const char *no = NULL;
		sc->use_l2 = l2_plan(sc, &no);
		if (!sc->use_l2 && sc->send_mode == SEND_L2)
			tool_die("--send l2: %s", no);
	}

	uint8_t kb[16];
	if (getrandom(kb, sizeof kb, 0) != (ssize_t)sizeof kb)
		tool_die("getrandom: %s", strerror(errno));
	rk_siphash_key_from_bytes(&sc->key, kb);

	if (sc->og_path && !(sc->og = fopen(sc->og_path, "w")))
		tool_die("-oG %s: %s", sc->og_path, strerror(errno));
	if (results_init(&sc->res, rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards)) != 0)
		tool_die("out of memory");
	pthread_mutex_init(&sc->out_lock, NULL);
	clock_gettime(CLOCK_REALTIME, &sc->wall_start);

	int status;
	if (sc->dry_run) {
		clock_gettime(CLOCK_MONOTONIC, &sc->t_start);
		send_run(sc);
		status = TOOL_EXIT_OK;
		goto done;
	}

	open_io(sc, want4, want6);
	sc->progress = !sc->quiet && isatty(STDERR_FILENO);

	/* Signals go to the main (sending) thread only. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	pthread_t rx;
	if (pthread_create(&rx, NULL, recv_thread, sc) != 0)
		tool_die("cannot start the receive thread");
	signal_scan = sc;
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	neigh_announce(sc);
	clock_gettime(CLOCK_MONOTONIC, &sc->t_start);
	send_run(sc);
	bool interrupted = atomic_load(&sc->stop_send);

	atomic_store(&sc->stop_recv, true);
	rk_cap_break(sc->cap);
	pthread_join(rx, NULL);

	if (sc->all_states)
		out_noresponse(sc);
	if (sc->og) {
		if (out_grepable(sc) != 0 || fclose(sc->og) != 0)
			tool_warn("-oG %s: %s", sc->og_path, strerror(errno));
	}
	out_summary(sc, interrupted);
	if (interrupted) {
		if (!sc->pass0_done) {
			char shard[48] = "";
			if (sc->shards > 1)
				snprintf(shard, sizeof shard, " --shard %u/%u", sc->shard + 1,
					 sc->shards);
			tool_warn("interrupted; to continue, run again with --seed %" PRIu64
				  "%s --resume-index %" PRIu64,
				  sc->seed, shard, sc->resume_hint);
		} else {
			tool_warn("interrupted after every probe was sent once");
		}
	}
	status = atomic_load(&sc->n_open) ? TOOL_EXIT_OK : TOOL_EXIT_NO;
done:
	if (sc->og && sc->dry_run)
		fclose(sc->og);
	rk_cap_close(sc->cap);
	if (sc->nb_fd >= 0)
		close(sc->nb_fd);
	send_close_finish(sc); /* the send sockets: closed when sending ended */
	results_free(&sc->res);
	rk_ports_free(&sc->ports);
	rk_targets_free(&sc->targets);
	free(args);
	free(excludes);
	free(exclude_files);
	free(input_lists);
	pthread_mutex_destroy(&sc->out_lock);
	return status;
}
