/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io_replay.c - rk-ping's replay backend (io.h) over rawkit's wire file
 * backend (wire.h): frames come from a recorded exchange with their
 * recorded timestamps, on the recording's virtual clock; the requests
 * rk-ping builds are appended to a pcap (or dropped). Deterministic: the
 * same recording and options always print the same lines.
 *
 * A recording made with tcpdump holds our requests too. The loop uses them
 * (io->restamp_own): a request is taken as sent when the recording says it
 * was, so round trips and the "time" of the summary are the recording's,
 * not the virtual clock's approximation of the interval.
 */
#include "io_replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rawkit/cap.h>
#include <rawkit/link.h>
#include <rawkit/pkt.h>
#include <rawkit/wire.h>

#include "tool.h"

struct replay {
	struct ping_io io;
	struct rk_wire *w;
};

static uint64_t ts_ns(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000ull + (uint64_t)t->tv_nsec;
}

static uint64_t replay_now(struct ping_io *io)
{
	struct timespec ts;
	rk_wire_now(((struct replay *)io)->w, &ts);
	return ts_ns(&ts);
}

static void replay_wall(struct ping_io *io, struct timespec *ts)
{
	rk_wire_now(((struct replay *)io)->w, ts);
}

static void replay_send(struct ping_io *io, const uint8_t *pkt, size_t len,
			struct ping_send_status *st)
{
	struct replay *r = (struct replay *)io;
	memset(st, 0, sizeof(*st));
	rk_wire_now(r->w, &st->wall);
	st->t_ns = ts_ns(&st->wall);
	char err[RK_ERRBUF_SIZE];
	int rc = rk_wire_send(r->w, pkt, len, RK_DLT_RAW, err);
	if (rc < 0) {
		tool_warn("%s", err);
		st->result = PING_SEND_FAILED;
		st->err = 0;
	}
}

static int replay_recv(struct ping_io *io, struct ping_rx *rx, uint64_t until_ns, char *errbuf)
{
	struct replay *r = (struct replay *)io;
	uint64_t now = replay_now(io);
	/* wire.h counts whole milliseconds: round up, never wait for nothing. */
	uint64_t left = until_ns > now ? until_ns - now : 0;
	uint64_t ms = (left + 999999) / 1000000;
	struct rk_frame f;
	int rc = rk_wire_recv(r->w, &f, ms > 0x7fffffff ? 0x7fffffff : (int)ms, errbuf);
	if (rc == RK_E_EOF)
		return -1;
	if (rc < 0)
		return -2;
	if (rc == 0)
		return 0;
	rx->data = f.data;
	rx->caplen = f.caplen;
	rx->len = f.len;
	rx->linktype = f.linktype;
	rx->wall = f.ts;
	rx->t_ns = ts_ns(&f.ts);
	return 1;
}

static void replay_close(struct ping_io *io)
{
	struct replay *r = (struct replay *)io;
	char err[RK_ERRBUF_SIZE];
	if (rk_wire_close(r->w, err) != RK_OK)
		tool_warn("%s", err);
	free(r);
}

static const struct ping_io_ops replay_ops = {"replay",	   replay_now,	replay_wall,
					      replay_send, replay_recv, replay_close};

int ping_io_open_replay(struct ping_io **out, const char *rx_pcap, const char *tx_pcap,
			char *errbuf)
{
	*out = NULL;
	struct replay *r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(errbuf, RK_ERRBUF_SIZE, "out of memory");
		return RK_E_SYS;
	}
	int rc = rk_wire_open_file(&r->w, rx_pcap, tx_pcap, errbuf);
	if (rc == RK_OK)
		rc = rk_wire_set_filter(r->w, "icmp or icmp6", errbuf);
	if (rc != RK_OK) {
		if (r->w)
			(void)rk_wire_close(r->w, NULL);
		free(r);
		return rc;
	}
	r->io.ops = &replay_ops;
	r->io.restamp_own = true;
	*out = &r->io;
	return RK_OK;
}

int ping_replay_scan(const char *rx_pcap, int family, uint32_t dst4, const uint8_t *dst6,
		     uint16_t *ident, uint32_t *src4, uint8_t *src6, char *errbuf)
{
	struct rk_cap *c;
	int rc = rk_cap_open_file(&c, rx_pcap, errbuf);
	if (rc != RK_OK)
		return rc;
	static struct rk_pkt pkt;
	struct rk_frame f;
	int found = 0;
	while (!found && (rc = rk_cap_next(c, &f, errbuf)) == 1) {
		if (rk_decode(f.data, f.caplen, f.len, f.linktype, &pkt) != RK_OK)
			continue;
		for (unsigned i = 0; i + 1 < pkt.n; i++) {
			const struct rk_layer *ip = &pkt.layer[i], *ic = &pkt.layer[i + 1];
			if (ip->flags & RK_LAYER_INNER)
				break;
			if (family == 4 && ip->kind == RK_LAYER_IPV4 && ic->kind == RK_LAYER_ICMP &&
			    ic->h.icmp.type == RK_ICMP_ECHO && ip->h.ipv4.dst == dst4) {
				*ident = ic->h.icmp.id;
				*src4 = ip->h.ipv4.src;
				found = 1;
			} else if (family == 6 && ip->kind == RK_LAYER_IPV6 &&
				   ic->kind == RK_LAYER_ICMP6 &&
				   ic->h.icmp6.type == RK_ICMP6_ECHO_REQUEST &&
				   memcmp(ip->h.ipv6.dst, dst6, 16) == 0) {
				*ident = ic->h.icmp6.id;
				memcpy(src6, ip->h.ipv6.src, 16);
				found = 1;
			}
			if (found)
				break;
		}
	}
	rk_cap_close(c);
	if (!found && rc < 0 && rc != RK_E_EOF)
		return rc;
	return found;
}
