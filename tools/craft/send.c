/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * send.c - rk-craft --send and --reply: every packet of the spec, -c times,
 * through wire.h (IP packets over the IP_HDRINCL raw socket, Ethernet
 * frames injected on -i's interface), paced by --interval / --rate on
 * CLOCK_MONOTONIC deadlines. With --reply each packet waits, up to
 * --timeout, for the frame that answers it (match.c), read from a capture
 * opened before the first send so no answer is missed; the round-trip time
 * runs from just before the send to the kernel's receive timestamp.
 * The loop is bounded by the packet count; SIGINT or SIGTERM end it early.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "craft.h"
#include "rawkit/fmt.h"
#include "rawkit/wire.h"
#include "tool.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int64_t now_ns(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return ts_ns(&t);
}

/* Sleep until the monotonic deadline (or a signal). */
static void wait_until(int64_t deadline)
{
	struct timespec t = { .tv_sec = deadline / 1000000000, .tv_nsec = deadline % 1000000000 };
	while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

/* Refuse what cannot be sent before anything is opened: nothing leaves. */
static int check_sendable(const struct craft_opts *o, const struct rk_spec *spec, int linktype,
			  uint8_t *buf, size_t cap)
{
	if (linktype == RK_DLT_EN10MB && !o->ifname) {
		tool_warn("a spec starting with eth is sent at layer 2: give -i IFACE");
		return -1;
	}
	if (linktype != RK_DLT_EN10MB && linktype != RK_DLT_RAW) {
		tool_warn("a spec starting with %s cannot be sent (sll, sll2, null and loop are capture "
			  "headers): start with ipv4, ipv6 or eth", rk_layer_name(spec->layer[0].kind));
		return -1;
	}
	int first = spec->layer[0].kind;
	if (linktype == RK_DLT_RAW && first != RK_LAYER_IPV4 && first != RK_LAYER_IPV6) {
		tool_warn("a spec starting with %s cannot be sent: start with ipv4, ipv6 or eth",
			  spec->layer[0].kind == RK_LAYER_PAYLOAD ? "a payload" : rk_layer_name(first));
		return -1;
	}
	int len = rk_spec_build(spec, 0, buf, cap);
	if (len < 0) {
		tool_warn("cannot build the packet: %s", rk_strerror(len));
		return -1;
	}
	if (linktype == RK_DLT_RAW && (len < 1 || ((buf[0] >> 4) != 4 && (buf[0] >> 4) != 6))) {
		tool_warn("not an IP packet: give ipv4 or ipv6 a version of 4 or 6 to send it");
		return -1;
	}
	/* sock.h: Linux rewrites these of an IPv4 packet sent at layer 3. */
	const struct rk_ipv4_hdr *ip = &spec->layer[0].h.ipv4;
	if (first == RK_LAYER_IPV4 && (ip->set & (RK_IPV4_SET_CSUM | RK_IPV4_SET_LEN)))
		tool_warn("the kernel rewrites the IPv4 checksum and total length of packets sent "
			  "at layer 3: send eth(...)/ipv4(...) with -i IFACE to keep them as given");
	if (linktype == RK_DLT_EN10MB && len < 14) {
		tool_warn("an Ethernet frame needs at least 14 bytes");
		return -1;
	}
	return 0;
}

/* Wait for the answer to the probe just sent at sent_rt (CLOCK_REALTIME).
   1 answered (printed), 0 none, -1 a receive error. */
static int await_reply(const struct craft_opts *o, struct rk_wire *w, const struct craft_probe *k,
		       int64_t sent_rt, int64_t sent_mono, uint64_t n)
{
	static struct rk_pkt frame;
	char err[RK_ERRBUF_SIZE];
	int64_t deadline = sent_mono + o->timeout_ns;
	while (!stop) {
		int64_t left = deadline - now_ns(CLOCK_MONOTONIC);
		if (left <= 0)
			return 0;
		struct rk_frame f;
		int rc = rk_wire_recv(w, &f, (int)((left + 999999) / 1000000), err);
		if (rc == 0)
			continue;
		if (rc < 0) {
			tool_warn("receiving: %s", err);
			return -1;
		}
		(void)rk_decode(f.data, f.caplen, f.len, f.linktype, &frame);
		if (!craft_probe_match(k, &frame))
			continue;
		int64_t rtt = ts_ns(&f.ts) - sent_rt;
		if (craft_print_pkt(o, &frame, n, &f.ts, RK_TS_NONE, rtt < 0 ? 0 : rtt) || fflush(stdout)) {
			tool_warn_errno(errno, "standard output");
			return -1;
		}
		return 1;
	}
	return 0;
}

int craft_send(const struct craft_opts *o, const struct rk_spec *spec)
{
	static uint8_t buf[CRAFT_PKT_MAX];
	static struct rk_pkt probe;
	char err[RK_ERRBUF_SIZE];
	int linktype = rk_spec_linktype(spec);
	uint64_t count = rk_spec_count(spec);
	uint64_t sent = 0, answered = 0, bytes = 0;
	int status = TOOL_EXIT_OK;

	if (check_sendable(o, spec, linktype, buf, sizeof(buf)))
		return TOOL_EXIT_FAIL;

	struct rk_wire *w;
	int rc = rk_wire_open_live(&w, o->ifname, craft_probe_filter(), err);
	if (rc != RK_OK) {
		tool_warn("%s", err);
		return TOOL_EXIT_FAIL;
	}
	/* Everything privileged is open: a set-uid install becomes its user. */
	if ((getegid() != getgid() && setgid(getgid()) < 0) ||
	    (geteuid() != getuid() && setuid(getuid()) < 0)) {
		tool_warn_errno(errno, "dropping privileges");
		rk_wire_close(w, NULL);
		return TOOL_EXIT_FAIL;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: waits end at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	int64_t period = o->interval_ns;
	if (o->rate && 1000000000 / o->rate > period)
		period = 1000000000 / o->rate;
	int64_t start = now_ns(CLOCK_MONOTONIC);

	for (int64_t rep = 0; rep < o->count && !stop; rep++) {
		for (uint64_t i = 0; i < count && !stop; i++) {
			uint64_t index = (uint64_t)rep * count + i;
			int len = rk_spec_build(spec, index, buf, sizeof(buf));
			if (len < 0) {
				tool_warn("packet %llu: %s", (unsigned long long)index + 1, rk_strerror(len));
				status = TOOL_EXIT_FAIL;
				goto out;
			}
			if (period && index)
				wait_until(start + (int64_t)index * period);
			if (stop)
				break;
			(void)rk_decode(buf, (uint32_t)len, (uint32_t)len, linktype, &probe);
			struct craft_probe key;
			bool matchable = craft_probe_key(&probe, &key) == 0;

			int64_t sent_rt = now_ns(CLOCK_REALTIME), sent_mono = now_ns(CLOCK_MONOTONIC);
			rc = rk_wire_send(w, buf, (size_t)len, linktype, err);
			if (rc < 0) {
				tool_warn("packet %llu: %s", (unsigned long long)index + 1, err);
				status = TOOL_EXIT_FAIL;
				goto out;
			}
			sent++;
			bytes += (uint64_t)len;
			if (!o->reply) {
				if (!o->quiet) {
					struct timespec ts;
					clock_gettime(CLOCK_REALTIME, &ts);
					if (craft_print_pkt(o, &probe, index + 1, &ts, RK_TS_NONE, -1)) {
						tool_warn_errno(errno, "standard output");
						status = TOOL_EXIT_FAIL;
						goto out;
					}
				}
				continue;
			}
			if (!matchable) {
				tool_warn("packet %llu: not IP or ARP, no answer to wait for",
					  (unsigned long long)index + 1);
				continue;
			}
			rc = await_reply(o, w, &key, sent_rt, sent_mono, index + 1);
			if (rc < 0) {
				status = TOOL_EXIT_FAIL;
				goto out;
			}
			if (rc > 0)
				answered++;
			else if (!stop)
				tool_warn("packet %llu: no answer within %.3g s", (unsigned long long)index + 1,
					  (double)o->timeout_ns / 1e9);
		}
	}
out:
	if (fflush(stdout) != 0 && status == TOOL_EXIT_OK) {
		tool_warn_errno(errno, "standard output");
		status = TOOL_EXIT_FAIL;
	}
	if (rk_wire_close(w, err) != RK_OK && status == TOOL_EXIT_OK) {
		tool_warn("%s", err);
		status = TOOL_EXIT_FAIL;
	}
	if (o->reply)
		tool_warn("%llu packets sent, %llu answered", (unsigned long long)sent,
			  (unsigned long long)answered);
	else
		tool_warn("%llu packets sent, %llu bytes", (unsigned long long)sent, (unsigned long long)bytes);
	if (status == TOOL_EXIT_OK && o->reply && answered == 0)
		status = TOOL_EXIT_NO;
	return status;
}
