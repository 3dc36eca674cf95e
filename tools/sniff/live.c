/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * live.c - rk-sniff's live capture (-i). The order is tcpdump's: look up
 * -Z's user, open the interface (pcap_create, snap length, promiscuous
 * and immediate mode, buffer size, time stamp precision, pcap_activate;
 * "any" switched to LINUX_SLL2), compile and install the filter, open the
 * first -w file, drop privileges (priv.c), and only then read packets.
 * A bad interface or filter fails before any file is created.
 *
 * Frames come in batches: pcap_dispatch() hands over every frame the
 * kernel has ready (with TPACKET_V3, whole blocks of them), each goes to
 * the writer's buffer and/or the output sink, and the buffer is written
 * once per batch. Signals only set a flag and call pcap_breakloop(); the
 * loop then writes what it has, reports as tcpdump does and returns. A
 * one-second SIGALRM drives the -w counter on a terminal and --stats.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "sniff.h"
#include "tool.h"

/* Signal handlers can reach only what is static; this is all they touch. */
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t tick_pending;
static pcap_t *volatile signal_pcap;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
	if (signal_pcap)
		pcap_breakloop(signal_pcap);
}

static void on_tick(int sig)
{
	(void)sig;
	tick_pending = 1;
	if (signal_pcap)
		pcap_breakloop(signal_pcap);
}

struct live {
	const struct sniff_opts *o;
	pcap_t *p;
	struct sniff_out *out;     /* NULL: not printing */
	struct sniff_dump *dump;   /* NULL: not writing */
	int linktype;
	uint32_t ns_per_unit;      /* 1000 for a microsecond handle */
	uint64_t captured;
	uint64_t batch;            /* frames in the current batch */
	bool failed;               /* a write failed: stop */
	bool quiet_stop;           /* the reader of stdout went away */

	/* --stats and the counter */
	bool counter;
	unsigned ticks;
	struct timespec t0, t_last;
	uint64_t recv_total, drop_total, ifdrop_total;
	u_int recv_raw, drop_raw, ifdrop_raw;   /* libpcap's 32-bit counters */
	uint64_t recv_last;
};

static void on_frame(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct live *L = (struct live *)user;
	if (L->failed)
		return;
	L->captured++;
	L->batch++;
	if (L->dump && sniff_dump_frame(L->dump, h, data) < 0) {
		L->failed = true;
		L->quiet_stop = sniff_dump_epipe(L->dump);
		pcap_breakloop(L->p);
		return;
	}
	if (L->out) {
		struct sniff_frame fr = {
		    .n = L->captured,
		    .ts = {.sec = h->ts.tv_sec, .nsec = (uint32_t)h->ts.tv_usec * L->ns_per_unit},
		    .data = data,
		    .caplen = h->caplen,
		    .len = h->len,
		    .linktype = L->linktype,
		};
		if (sniff_out_frame(L->out, &fr) < 0) {
			if (errno == EPIPE) {
				L->quiet_stop = true;
			} else {
				tool_warn_errno(errno, "write error");
			}
			L->failed = true;
			pcap_breakloop(L->p);
		}
	}
}

/* Open and activate dev as o says. On failure, one message in tcpdump's
   words plus what to do about it, and NULL. libpcap's warnings are shown
   and are not failures. */
static pcap_t *open_iface(const struct sniff_opts *o, const char *dev)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(dev, errbuf);
	if (!p) {
		tool_warn("%s: %s", dev, errbuf);
		return NULL;
	}
	bool any = strcmp(dev, "any") == 0;
	(void)pcap_set_snaplen(p, o->snaplen ? o->snaplen : 262144);
	/* "any" cannot be promiscuous; libpcap would only warn about it. */
	(void)pcap_set_promisc(p, !o->no_promisc && !any);
	(void)pcap_set_timeout(p, 200);
	(void)pcap_set_immediate_mode(p, o->immediate);
	/* 4 MiB unless -B: rawkit's default (cap.h), twice libpcap's, so
	   that a burst finds eight TPACKET_V3 blocks free instead of four. */
	(void)pcap_set_buffer_size(p, (o->buffer_kib ? o->buffer_kib : SNIFF_DEFAULT_BUFFER_KIB) *
					  1024);
	int rc = pcap_set_tstamp_precision(p, o->nano ? PCAP_TSTAMP_PRECISION_NANO :
							PCAP_TSTAMP_PRECISION_MICRO);
	if (rc != 0) {
		tool_warn("%s: cannot set %ssecond time stamp precision: %s", dev,
			  o->nano ? "nano" : "micro", pcap_statustostr(rc));
		pcap_close(p);
		return NULL;
	}
	rc = pcap_activate(p);
	if (rc < 0) {
		const char *detail = pcap_geterr(p);
		char why[600];
		switch (rc) {
		case PCAP_ERROR_NO_SUCH_DEVICE:
			tool_warn("%s: %s%s%s%s; %s -D lists the interfaces", dev,
				  pcap_statustostr(rc), *detail ? " (" : "", detail,
				  *detail ? ")" : "", tool_name());
			break;
		case PCAP_ERROR_PERM_DENIED:
		case PCAP_ERROR_PROMISC_PERM_DENIED:
			sniff_priv_explain(why, sizeof why);
			tool_warn("%s: %s%s%s%s: %s", dev, pcap_statustostr(rc),
				  *detail ? " (" : "", detail, *detail ? ")" : "", why);
			break;
		case PCAP_ERROR:
			tool_warn("%s: %s", dev, detail);
			break;
		default:
			if (*detail)
				tool_warn("%s: %s (%s)", dev, pcap_statustostr(rc), detail);
			else
				tool_warn("%s: %s", dev, pcap_statustostr(rc));
			break;
		}
		pcap_close(p);
		return NULL;
	}
	if (rc > 0) {
		const char *detail = pcap_geterr(p);
		if (rc == PCAP_WARNING && *detail)
			tool_warn("warning: %s", detail);
		else if (*detail)
			tool_warn("warning: %s: %s (%s)", dev, pcap_statustostr(rc), detail);
		else
			tool_warn("warning: %s: %s", dev, pcap_statustostr(rc));
	}
	if (any)
		(void)pcap_set_datalink(p, DLT_LINUX_SLL2);
	return p;
}

/* libpcap's counters are 32-bit and wrap; keep 64-bit totals. */
static int read_stats(struct live *L)
{
	struct pcap_stat st;
	memset(&st, 0, sizeof st);
	if (pcap_stats(L->p, &st) < 0) {
		tool_warn("pcap_stats: %s", pcap_geterr(L->p));
		return -1;
	}
	L->recv_total += (u_int)(st.ps_recv - L->recv_raw);
	L->drop_total += (u_int)(st.ps_drop - L->drop_raw);
	L->ifdrop_total += (u_int)(st.ps_ifdrop - L->ifdrop_raw);
	L->recv_raw = st.ps_recv;
	L->drop_raw = st.ps_drop;
	L->ifdrop_raw = st.ps_ifdrop;
	return 0;
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* One --stats record: JSON on stdout with --json (unless stdout carries
   the pcap), else a line on stderr. */
static int print_stats_record(struct live *L)
{
	if (read_stats(L) < 0)
		return 0;
	struct timespec now, wall;
	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_REALTIME, &wall);
	double elapsed = seconds_between(&L->t0, &now);
	double span = seconds_between(&L->t_last, &now);
	double rate = span > 0 ? (double)(L->recv_total - L->recv_last) / span : 0;
	L->t_last = now;
	L->recv_last = L->recv_total;
	bool json = L->o->json && !(L->o->write_file && strcmp(L->o->write_file, "-") == 0);
	if (json) {
		FILE *f = L->out ? L->out->f : stdout;
		/* ts with the frames' precision, as packet-json's "ts" */
		int digits = L->o->nano ? 9 : 6;
		long frac = L->o->nano ? wall.tv_nsec : wall.tv_nsec / 1000;
		fprintf(f,
			"{\"stats\":{\"ts\":\"%lld.%0*ld\",\"elapsed\":%.3f,\"captured\":%llu,"
			"\"received\":%llu,\"dropped_kernel\":%llu,\"dropped_interface\":%llu,"
			"\"rate\":%.1f}}\n",
			(long long)wall.tv_sec, digits, frac, elapsed,
			(unsigned long long)L->captured, (unsigned long long)L->recv_total,
			(unsigned long long)L->drop_total, (unsigned long long)L->ifdrop_total,
			rate);
		if (fflush(f) != 0) {
			if (errno == EPIPE)
				L->quiet_stop = true;
			else
				tool_warn_errno(errno, "write error");
			return -1;
		}
	} else {
		fflush(stdout);
		fprintf(stderr,
			"%s: stats: %.3f s: %llu captured, %llu received by filter, %llu dropped "
			"by kernel, %llu dropped by interface, %.1f packets/s\n",
			tool_name(), elapsed, (unsigned long long)L->captured,
			(unsigned long long)L->recv_total, (unsigned long long)L->drop_total,
			(unsigned long long)L->ifdrop_total, rate);
	}
	return 0;
}

static void on_ticks(struct live *L)
{
	L->ticks++;
	if (L->counter) {
		fprintf(stderr, "Got %llu\r", (unsigned long long)L->captured);
		fflush(stderr);
	}
	if (L->o->stats_interval && L->ticks % (unsigned)L->o->stats_interval == 0) {
		if (print_stats_record(L) < 0)
			L->failed = true;
	}
}

#define PLURAL(n) ((n) == 1 ? "" : "s")

/* tcpdump's info(1): three lines (four with interface drops) on stderr. */
static void print_final_stats(struct live *L)
{
	if (L->counter)
		fputs("\n", stderr);
	if (read_stats(L) < 0)
		return;
	fprintf(stderr, "%llu packet%s captured\n", (unsigned long long)L->captured,
		PLURAL(L->captured));
	fprintf(stderr, "%llu packet%s received by filter\n", (unsigned long long)L->recv_total,
		PLURAL(L->recv_total));
	fprintf(stderr, "%llu packet%s dropped by kernel\n", (unsigned long long)L->drop_total,
		PLURAL(L->drop_total));
	if (L->ifdrop_total)
		fprintf(stderr, "%llu packet%s dropped by interface\n",
			(unsigned long long)L->ifdrop_total, PLURAL(L->ifdrop_total));
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	(void)sigaction(sig, &sa, NULL);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void listening(pcap_t *p, const char *dev)
{
	int dlt = pcap_datalink(p);
	const char *name = pcap_datalink_val_to_name(dlt);
	fprintf(stderr, "%s: listening on %s", tool_name(), dev);
	if (name)
		fprintf(stderr, ", link-type %s (%s)", name, pcap_datalink_val_to_description(dlt));
	else
		fprintf(stderr, ", link-type %d", dlt);
	fprintf(stderr, ", snapshot length %d bytes\n", pcap_snapshot(p));
	fflush(stderr);
}

int sniff_live(const struct sniff_opts *o, struct sniff_out *s)
{
	struct sniff_priv pv;
	if (sniff_priv_prepare(&pv, o->user) < 0)
		return TOOL_EXIT_FAIL;

	char *dev = o->iface ? strdup(o->iface) : sniff_default_iface();
	if (!dev)
		return TOOL_EXIT_FAIL;
	pcap_t *p = NULL;
	if (o->iface && all_digits(o->iface)) {
		/* tcpdump: a number that is not an interface's name is its
		   place in the -D list. Try the name quietly first. */
		char errbuf[PCAP_ERRBUF_SIZE];
		pcap_if_t *list = NULL;
		bool named = false;
		if (pcap_findalldevs(&list, errbuf) == 0) {
			for (pcap_if_t *d = list; d; d = d->next)
				named = named || strcmp(d->name, o->iface) == 0;
			pcap_freealldevs(list);
		}
		if (!named) {
			free(dev);
			dev = sniff_iface_by_number(strtol(o->iface, NULL, 10));
			if (!dev)
				return TOOL_EXIT_FAIL;
		}
	}
	p = open_iface(o, dev);
	if (!p) {
		free(dev);
		return TOOL_EXIT_FAIL;
	}

	if (o->filter) {
		struct bpf_program prog;
		if (pcap_compile(p, &prog, o->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			tool_warn("bad filter '%s': %s", o->filter, pcap_geterr(p));
			pcap_close(p);
			free(dev);
			return TOOL_EXIT_FAIL;
		}
		if (pcap_setfilter(p, &prog) < 0) {
			tool_warn("%s: cannot install the filter: %s", dev, pcap_geterr(p));
			pcap_freecode(&prog);
			pcap_close(p);
			free(dev);
			return TOOL_EXIT_FAIL;
		}
		pcap_freecode(&prog);
	}

	struct live L;
	memset(&L, 0, sizeof L);
	L.o = o;
	L.p = p;
	L.out = s;
	L.linktype = pcap_datalink(p);
	L.ns_per_unit = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO ? 1 : 1000;

	if (o->write_file) {
		if (sniff_dump_open(&L.dump, o, p) < 0) {
			pcap_close(p);
			free(dev);
			return TOOL_EXIT_FAIL;
		}
	}
	bool keep_dac = L.dump && o->rotate_bytes && pv.root;
	if (sniff_priv_drop(&pv, keep_dac) < 0) {
		sniff_dump_discard(L.dump);
		pcap_close(p);
		free(dev);
		return TOOL_EXIT_FAIL;
	}
	if (L.dump)
		sniff_dump_keep_dac(L.dump, keep_dac);

	listening(p, dev);
	free(dev);

	signal_pcap = p;
	set_handler(SIGINT, on_stop);
	set_handler(SIGTERM, on_stop);
	set_handler(SIGHUP, on_stop);
	set_handler(SIGPIPE, on_stop);
	L.counter = L.dump && !s && isatty(STDERR_FILENO);
	if (L.counter || o->stats_interval) {
		clock_gettime(CLOCK_MONOTONIC, &L.t0);
		L.t_last = L.t0;
		set_handler(SIGALRM, on_tick);
		struct itimerval it = {.it_interval = {1, 0}, .it_value = {1, 0}};
		(void)setitimer(ITIMER_REAL, &it, NULL);
	}

	int rc = 0, exit_code = TOOL_EXIT_OK;
	while (!stop_requested && !L.failed) {
		int want = -1;
		if (o->count) {
			uint64_t left = (uint64_t)o->count - L.captured;
			want = left > 0x7fffffff ? 0x7fffffff : (int)left;
		}
		L.batch = 0;
		rc = pcap_dispatch(p, want, on_frame, (u_char *)&L);
		/* Everything of this batch goes out before anything else
		   happens: the file is whole at every batch boundary. */
		if (L.dump && !L.failed && sniff_dump_flush(L.dump) < 0) {
			L.failed = true;
			L.quiet_stop = sniff_dump_epipe(L.dump);
		}
		if (s && L.batch && !L.failed && sniff_out_flush(s) < 0) {
			if (errno == EPIPE)
				L.quiet_stop = true;
			else
				tool_warn_errno(errno, "write error");
			L.failed = true;
		}
		if (rc == PCAP_ERROR) {
			tool_warn("%s", pcap_geterr(p));
			exit_code = TOOL_EXIT_FAIL;
			break;
		}
		if (o->count && L.captured >= (uint64_t)o->count)
			break;
		if (tick_pending) {
			tick_pending = 0;
			on_ticks(&L);
		}
	}
	struct itimerval off = {{0, 0}, {0, 0}};
	(void)setitimer(ITIMER_REAL, &off, NULL);

	if (L.failed && !L.quiet_stop)
		exit_code = TOOL_EXIT_FAIL;
	if (s && !L.failed && sniff_out_flush(s) < 0) {
		if (errno != EPIPE) {
			tool_warn_errno(errno, "write error");
			exit_code = TOOL_EXIT_FAIL;
		}
	}
	if (L.dump) {
		bool epipe_before = sniff_dump_epipe(L.dump);
		if (sniff_dump_close(L.dump) < 0 && !epipe_before)
			exit_code = TOOL_EXIT_FAIL;
	}
	print_final_stats(&L);
	signal_pcap = NULL;
	pcap_close(p);
	return exit_code;
}
