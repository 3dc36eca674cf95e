/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-ping: ICMP / ICMPv6 echo with requests built by rawkit and
 * replies decoded by rawkit, as precise and familiar as iputils ping.
 * Options, resolution, sockets, privilege drop, then the loop and the
 * statistics; the pieces live in opts.c, target.c, io_*.c, priv.c,
 * loop.c, echo.c, session.c and output.c. docs/PING.md tells the whole.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <rawkit/err.h>

#include "echo.h"
#include "io_live.h"
#include "io_replay.h"
#include "loop.h"
#include "opts.h"
#include "output.h"
#include "priv.h"
#include "session.h"
#include "target.h"
#include "tool.h"

static volatile sig_atomic_t stop_flag, status_flag;

static void on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void on_status(int sig)
{
	(void)sig;
	status_flag = 1;
}

static void set_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal ends the wait in ppoll() at once. */
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_status;
	sigaction(SIGQUIT, &sa, NULL);
}

static uint32_t random32(void)
{
	uint32_t r = 0;
	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = (uint32_t)getpid() ^ (uint32_t)time(NULL);
	return r;
}

/* The system's default TTL / hop limit for this namespace (64 if unknown). */
static int default_ttl(int family)
{
	const char *path = family == 4 ? "/proc/sys/net/ipv4/ip_default_ttl"
				       : "/proc/sys/net/ipv6/conf/default/hop_limit";
	int v = 64;
	FILE *f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &v) != 1 || v < 1 || v > 255)
			v = 64;
		fclose(f);
	}
	return v;
}

/* Open the replay backend and learn the recording's identifier and source. */
static int open_replay(const struct ping_opts *o, struct ping_target *t, struct ping_probe *p,
		       struct ping_io **io)
{
	char err[RK_ERRBUF_SIZE];
	uint16_t ident = 0;
	uint32_t src4 = 0;
	uint8_t src6[16] = {0};
	int found =
	    ping_replay_scan(o->replay, t->family, t->dst4, t->dst6, &ident, &src4, src6, err);
	if (found < 0) {
		tool_warn("%s", err);
		return -1;
	}
	p->ident = o->ident >= 0 ? (uint16_t)o->ident : ident;
	if (!o->source && found) {
		t->src4 = src4;
		memcpy(t->src6, src6, 16);
	}
	p->src4 = t->src4;
	memcpy(p->src6, t->src6, 16);
	p->ip_id = 0; /* deterministic ids in the pcap of what was sent: 1, 2, 3 ... */
	if (ping_io_open_replay(io, o->replay, o->replay_sent, err) != RK_OK) {
		tool_warn("%s", err);
		return -1;
	}
	return 0;
}

static int open_live(const struct ping_opts *o, struct ping_target *t, struct ping_probe *p,
		     struct ping_io **io)
{
	char msg[512];
	if (ping_target_source(t, o, msg, sizeof(msg)) < 0) {
		tool_warn("%s", msg);
		return -1;
	}
	struct ping_live_cfg cfg = {
	    .family = t->family,
	    .iface = o->iface,
	    .broadcast = t->broadcast,
	    .ident = o->ident >= 0 ? (uint16_t)o->ident : (uint16_t)random32(),
	    .src4 = t->src4,
	    .dst4 = t->dst4,
	    .rcvbuf = 1 << 20,
	};
	memcpy(cfg.src6, t->src6, 16);
	memcpy(cfg.dst6, t->dst6, 16);
	char err[RK_ERRBUF_SIZE];
	int rc = ping_io_open_raw(io, &cfg, err);
	if (rc == RK_OK) {
		p->ident = cfg.ident;
		p->mode = PING_BUILD_IP;
	} else if (rc == RK_E_PERM) {
		if (o->ttl >= 0 || o->tos >= 0 || o->pmtu != PING_PMTU_DEFAULT) {
			tool_warn("%s", err);
			tool_warn(
			    "-t, -Q and -M need that raw socket: rawkit writes TTL, TOS and DF "
			    "into the IP header it builds, and without privileges only the "
			    "kernel writes IP headers");
			return -1;
		}
		char err2[RK_ERRBUF_SIZE];
		uint16_t ident;
		int rc2 = ping_io_open_dgram(io, &cfg, &ident, err2);
		if (rc2 != RK_OK) {
			tool_warn("%s", err);
			tool_warn("the unprivileged fallback failed too: %s", err2);
			return -1;
		}
		p->ident = ident;
		p->mode = PING_BUILD_ICMP;
	} else {
		tool_warn("%s", err);
		return -1;
	}
	/* Everything privileged is done. */
	if (ping_priv_drop(msg, sizeof(msg)) < 0) {
		tool_warn("cannot drop privileges: %s", msg);
		ping_io_close(*io);
		*io = NULL;
		return -1;
	}
	p->src4 = t->src4;
	memcpy(p->src6, t->src6, 16);
	p->ip_id = (uint16_t)random32();
	return 0;
}

int main(int argc, char **argv)
{
	static struct ping_opts o;
	static struct ping_target t;
	static struct ping_probe probe;
	static struct ping_session s;
	tool_init("rk-ping");
	ping_opts_init(&o);
	switch (ping_opts_parse(&o, argc, argv, getuid() == 0, stdout)) {
	case PING_OPTS_RUN: break;
	case PING_OPTS_EXIT_OK: return TOOL_EXIT_OK;
	default: return TOOL_EXIT_FAIL;
	}

	char msg[1200];
	int r = o.replay ? ping_target_literal(&t, &o, msg, sizeof(msg))
			 : ping_target_resolve(&t, &o, msg, sizeof(msg));
	if (r < 0) {
		tool_warn("%s", msg);
		return TOOL_EXIT_FAIL;
	}
	if (ping_opts_check_family(&o, t.family) < 0)
		return TOOL_EXIT_FAIL;
	if (o.broadcast)
		t.multicast = true; /* iputils: -b turns off (DUP!) as for multicast */

	probe.family = t.family;
	probe.dst4 = t.dst4;
	memcpy(probe.dst6, t.dst6, 16);
	probe.datalen = (size_t)o.datalen;
	probe.multicast = t.multicast;
	probe.tos = o.tos >= 0 ? (uint8_t)o.tos : 0;
	probe.df = o.pmtu != PING_PMTU_DONT;
	if (o.ttl >= 0)
		probe.ttl = (uint8_t)o.ttl;
	else
		probe.ttl = t.multicast && !t.broadcast ? 1 : (uint8_t)default_ttl(t.family);
	ping_probe_fill(&probe, &o);

	struct ping_io *io = NULL;
	if (o.replay ? open_replay(&o, &t, &probe, &io) < 0 : open_live(&o, &t, &probe, &io) < 0)
		return TOOL_EXIT_FAIL;

	struct ping_out out = {
	    .f = stdout,
	    .json = o.json,
	    .quiet = o.quiet,
	    .flood = o.flood,
	    .timestamps = o.timestamps,
	    .family = t.family,
	    .multicast = t.multicast,
	};
	set_signals();
	if (o.pattern_len)
		ping_out_pattern(&out, probe.fill, o.pattern_len);
	bool from = o.iface || o.source;
	ping_out_header(&out, t.host, t.family == 4 ? t.addr : t.addr_shown, from ? t.source : NULL,
			from ? (o.iface ? o.iface : "") : NULL, o.datalen);

	ping_session_init(&s, ping_probe_timing(&probe));
	struct ping_loop lp = {
	    .o = &o,
	    .probe = &probe,
	    .io = io,
	    .out = &out,
	    .s = &s,
	    .addr_name = ping_target_addr_name,
	    .addr_ctx = &t,
	    .stop = &stop_flag,
	    .status = &status_flag,
	};
	int rc = ping_loop_run(&lp);
	ping_io_close(io);

	struct ping_summary sum;
	ping_session_summary(&s, o.interval_ns == 0 || o.flood, &sum);
	ping_out_summary(&out, t.host, t.addr, &s, &sum);
	if (rc)
		return rc;
	return ping_session_exit_code(&s, o.count, o.deadline_s > 0);
}
