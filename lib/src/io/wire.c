/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * wire.c - the send/receive interface of the tools (wire.h): a live backend
 * over sock.c, inject.c and cap.c, and a file backend over pcap files with
 * a virtual clock taken from the recording. Only rawkit's own I/O headers
 * here: libpcap and libnet stay in cap.c and inject.c.
 */
#include "ioint.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "rawkit/cap.h"
#include "rawkit/inject.h"
#include "rawkit/link.h"
#include "rawkit/sock.h"
#include "rawkit/wire.h"

#define NSEC_PER_SEC 1000000000L

struct rk_wire {
	bool live;
	struct rk_cap *rx;         /* live capture, or the rx file (NULL: none) */

	/* live */
	struct rk_sock *s4, *s6;   /* NULL when that family could not be opened */
	struct rk_inject *inj;     /* NULL without an interface */
	char s6_err[RK_ERRBUF_SIZE];   /* why s6 / inj are missing */
	char inj_err[RK_ERRBUF_SIZE];

	/* file */
	char *tx_path;             /* NULL: sent packets are discarded */
	struct rk_dump *tx;        /* opened by the first send */
	int tx_linktype;
	struct timespec now;       /* the virtual clock */
	bool started;              /* now has been initialized */
	bool pending;              /* ahead holds the next frame of rx */
	bool eof;                  /* rx has no more frames */
	struct rk_frame ahead;     /* borrowed from rx until its next read */
};

static struct rk_wire *wire_new(char *errbuf)
{
	struct rk_wire *w = calloc(1, sizeof(*w));
	if (!w)
		rkint_errbuf(errbuf, "wire: %s", strerror(ENOMEM));
	return w;
}

RK_API int rk_wire_open_live(struct rk_wire **out, const char *ifname, const char *filter,
			     char *errbuf)
{
	*out = NULL;
	struct rk_wire *w = wire_new(errbuf);
	if (!w)
		return RK_E_SYS;
	w->live = true;

	/* IPv4 first: its failure is the one to report (RK_E_PERM with the
	   setcap hint when unprivileged). */
	int rc = rk_sock_open_send4(&w->s4, errbuf);
	if (rc == RK_OK && ifname)
		rc = rk_sock_bind_dev(w->s4, ifname, errbuf);
	if (rc != RK_OK)
		goto fail;

	/* A kernel without IPv6 or an interface libnet cannot inject on (not
	   Ethernet, say) only fail the sends that need them. */
	rc = rk_sock_open_send6(&w->s6, w->s6_err);
	if (rc == RK_OK && ifname) {
		rc = rk_sock_bind_dev(w->s6, ifname, w->s6_err);
		if (rc != RK_OK) {
			rk_sock_close(w->s6);
			w->s6 = NULL;
		}
	}
	if (rc == RK_E_PERM) {
		rkint_errbuf(errbuf, "%s", w->s6_err);
		goto fail;
	}
	if (ifname) {
		rc = rk_inject_open(&w->inj, ifname, w->inj_err);
		if (rc == RK_E_PERM || rc == RK_E_INVAL) {
			rkint_errbuf(errbuf, "%s", w->inj_err);
			goto fail;
		}
	} else {
		rkint_errbuf(w->inj_err, "Ethernet send: no interface was given to send frames on");
	}

	rc = rk_cap_open_live(&w->rx, ifname ? ifname : "any", NULL, errbuf);
	if (rc != RK_OK)
		goto fail;
	rc = rk_cap_set_inbound_only(w->rx, true, errbuf);
	if (rc == RK_OK)
		rc = rk_cap_set_filter(w->rx, filter, errbuf);
	if (rc == RK_OK)
		rc = rk_cap_set_nonblock(w->rx, true, errbuf);
	if (rc != RK_OK)
		goto fail;
	*out = w;
	return RK_OK;
fail:
	(void)rk_wire_close(w, NULL);
	return rc;
}

RK_API int rk_wire_open_file(struct rk_wire **out, const char *rx_pcap, const char *tx_pcap,
			     char *errbuf)
{
	*out = NULL;
	struct rk_wire *w = wire_new(errbuf);
	if (!w)
		return RK_E_SYS;
	if (tx_pcap) {
		w->tx_path = strdup(tx_pcap);
		if (!w->tx_path) {
			rkint_errbuf(errbuf, "%s: %s", tx_pcap, strerror(ENOMEM));
			free(w);
			return RK_E_SYS;
		}
	}
	if (rx_pcap) {
		int rc = rk_cap_open_file(&w->rx, rx_pcap, errbuf);
		if (rc != RK_OK) {
			(void)rk_wire_close(w, NULL);
			return rc;
		}
	} else {
		w->eof = true;
	}
	*out = w;
	return RK_OK;
}

/* File backend: read the next rx frame into w->ahead, unless one is there.
   Returns RK_OK (w->pending or w->eof set) or a negative code. */
static int file_peek(struct rk_wire *w, char *errbuf)
{
	if (w->pending || w->eof)
		return RK_OK;
	int r = rk_cap_next(w->rx, &w->ahead, errbuf);
	if (r == 1)
		w->pending = true;
	else if (r == RK_E_EOF)
		w->eof = true;
	else
		return r < 0 ? r : RK_E_SYS;
	return RK_OK;
}

/* Start the virtual clock at the first recorded frame (zero without one). */
static void file_start(struct rk_wire *w)
{
	if (w->started)
		return;
	w->started = true;
	if (file_peek(w, NULL) == RK_OK && w->pending)
		w->now = w->ahead.ts;
}

static int ts_cmp(const struct timespec *a, const struct timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	return a->tv_nsec < b->tv_nsec ? -1 : a->tv_nsec > b->tv_nsec;
}

static struct timespec ts_add_ms(struct timespec t, int ms)
{
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= NSEC_PER_SEC) {
		t.tv_sec++;
		t.tv_nsec -= NSEC_PER_SEC;
	}
	return t;
}

RK_API int rk_wire_set_filter(struct rk_wire *w, const char *filter, char *errbuf)
{
	if (!w->live && (w->started || w->pending)) {
		rkint_errbuf(errbuf, "wire: a file's filter must be set before reading from it");
		return RK_E_INVAL;
	}
	if (!w->rx)
		return RK_OK; /* nothing will arrive anyway */
	return rk_cap_set_filter(w->rx, filter, errbuf);
}

RK_API void rk_wire_now(struct rk_wire *w, struct timespec *ts)
{
	if (w->live) {
		clock_gettime(CLOCK_REALTIME, ts);
		return;
	}
	file_start(w);
	*ts = w->now;
}

static bool is_ip_linktype(int linktype)
{
	return linktype == RK_DLT_RAW || linktype == RK_LINKTYPE_RAW ||
	       linktype == RK_DLT_IPV4 || linktype == RK_DLT_IPV6;
}

/* Which socket an IP packet goes out on, by its version nibble. */
static struct rk_sock *ip_sock(struct rk_wire *w, const void *pkt, size_t len, char *errbuf,
			       int *rc)
{
	unsigned v = len > 0 ? ((const uint8_t *)pkt)[0] >> 4 : 0;
	if (v == 4)
		return w->s4;
	if (v == 6) {
		if (!w->s6) {
			rkint_errbuf(errbuf, "%s", w->s6_err);
			*rc = RK_E_UNSUPPORTED;
		}
		return w->s6;
	}
	rkint_errbuf(errbuf, "wire: cannot send an IP packet of version %u", v);
	*rc = RK_E_INVAL;
	return NULL;
}

/* File backend: check the link type against the tx file, opening it with
   the first packet's. RK_OK, or a negative code. */
static int file_tx_ready(struct rk_wire *w, int linktype, char *errbuf)
{
	int lt = is_ip_linktype(linktype) ? RK_DLT_RAW : linktype;
	if (lt != RK_DLT_RAW && lt != RK_DLT_EN10MB) {
		rkint_errbuf(errbuf, "wire: cannot send frames of link type %d", linktype);
		return RK_E_UNSUPPORTED;
	}
	if (!w->tx_path)
		return RK_OK;
	if (!w->tx) {
		int rc = rk_dump_open(&w->tx, w->tx_path, lt, 0, errbuf);
		if (rc != RK_OK)
			return rc;
		w->tx_linktype = lt;
	}
	if (lt != w->tx_linktype) {
		rkint_errbuf(errbuf, "%s: holds %s frames, cannot add %s ones", w->tx_path,
			     w->tx_linktype == RK_DLT_RAW ? "raw IP" : "Ethernet",
			     lt == RK_DLT_RAW ? "raw IP" : "Ethernet");
		return RK_E_UNSUPPORTED;
	}
	return RK_OK;
}

static int check_len(const void *pkt, size_t len, int linktype, char *errbuf)
{
	size_t min = 1;
	if (is_ip_linktype(linktype)) {
		unsigned v = len > 0 ? ((const uint8_t *)pkt)[0] >> 4 : 0;
		if (v != 4 && v != 6) {
			rkint_errbuf(errbuf, "wire: cannot send an IP packet of version %u", v);
			return RK_E_INVAL;
		}
		min = v == 4 ? 20 : 40;
	} else if (linktype == RK_DLT_EN10MB) {
		min = 14;
	}
	if (len < min || len > UINT32_MAX) {
		rkint_errbuf(errbuf, "wire: cannot send a %zu-byte packet", len);
		return RK_E_INVAL;
	}
	return RK_OK;
}

static int file_send(struct rk_wire *w, const void *pkt, size_t len, int linktype, char *errbuf)
{
	int rc = check_len(pkt, len, linktype, errbuf);
	if (rc == RK_OK)
		rc = file_tx_ready(w, linktype, errbuf);
	if (rc != RK_OK)
		return rc;
	if (w->tx) {
		file_start(w);
		rc = rk_dump_write(w->tx, pkt, (uint32_t)len, (uint32_t)len, &w->now, errbuf);
		if (rc != RK_OK)
			return rc;
	}
	return len > INT32_MAX ? INT32_MAX : (int)len;
}

RK_API int rk_wire_send(struct rk_wire *w, const void *pkt, size_t len, int linktype,
			char *errbuf)
{
	if (!w->live)
		return file_send(w, pkt, len, linktype, errbuf);
	if (is_ip_linktype(linktype)) {
		int rc = RK_OK;
		struct rk_sock *s = ip_sock(w, pkt, len, errbuf, &rc);
		return s ? rk_sock_send(s, pkt, len, errbuf) : rc;
	}
	if (linktype == RK_DLT_EN10MB) {
		if (!w->inj) {
			rkint_errbuf(errbuf, "%s", w->inj_err);
			return RK_E_UNSUPPORTED;
		}
		return rk_inject_send(w->inj, pkt, len, errbuf);
	}
	rkint_errbuf(errbuf, "wire: cannot send frames of link type %d", linktype);
	return RK_E_UNSUPPORTED;
}

RK_API int rk_wire_send_batch(struct rk_wire *w, const struct rk_sock_pkt *pkts, unsigned n,
			      int linktype, char *errbuf)
{
	unsigned sent = 0;
	while (sent < n) {
		int r;
		if (w->live && is_ip_linktype(linktype)) {
			/* The longest run of one IP version goes in one batch. */
			int rc = RK_OK;
			const struct rk_sock_pkt *p = &pkts[sent];
			struct rk_sock *s = ip_sock(w, p->data, p->len, errbuf, &rc);
			if (!s) {
				r = rc;
			} else {
				unsigned run = 1;
				while (sent + run < n &&
				       ip_sock(w, p[run].data, p[run].len, NULL, &rc) == s)
					run++;
				r = rk_sock_send_batch(s, p, run, errbuf);
				if (r >= 0 && (unsigned)r < run) {
					sent += (unsigned)r;
					break;
				}
			}
		} else {
			r = rk_wire_send(w, pkts[sent].data, pkts[sent].len, linktype, errbuf);
			if (r >= 0)
				r = 1;
		}
		if (r < 0)
			return sent > 0 ? (int)sent : r;
		sent += (unsigned)r;
	}
	return (int)sent;
}

static int live_recv(struct rk_wire *w, struct rk_frame *f, int timeout_ms, char *errbuf)
{
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	if (timeout_ms > 0)
		deadline = ts_add_ms(deadline, timeout_ms);
	for (;;) {
		int r = rk_cap_next(w->rx, f, errbuf);
		if (r != 0)
			return r;
		int wait = -1;
		if (timeout_ms >= 0) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			long long ms = (long long)(deadline.tv_sec - now.tv_sec) * 1000 +
				       (deadline.tv_nsec - now.tv_nsec) / 1000000;
			if (ms <= 0)
				return 0;
			wait = ms > INT32_MAX ? INT32_MAX : (int)ms;
		}
		struct pollfd pfd = { .fd = rk_cap_fd(w->rx), .events = POLLIN };
		int pr = poll(&pfd, 1, wait);
		if (pr < 0) {
			if (errno == EINTR)
				return 0;
			return rkint_errno(errbuf, errno, "wire: poll");
		}
		/* pr == 0: loop once more, then the deadline check returns 0. */
	}
}

static int file_recv(struct rk_wire *w, struct rk_frame *f, int timeout_ms, char *errbuf)
{
	file_start(w);
	int rc = file_peek(w, errbuf);
	if (rc != RK_OK)
		return rc;
	if (!w->pending) {
		/* Nothing more will arrive: a bounded wait just passes. */
		if (timeout_ms < 0 || w->rx)
			return RK_E_EOF;
		w->now = ts_add_ms(w->now, timeout_ms);
		return 0;
	}
	if (timeout_ms >= 0) {
		struct timespec deadline = ts_add_ms(w->now, timeout_ms);
		if (ts_cmp(&w->ahead.ts, &deadline) > 0) {
			w->now = deadline;
			return 0;
		}
	}
	*f = w->ahead;
	w->pending = false;
	if (ts_cmp(&f->ts, &w->now) > 0)
		w->now = f->ts;
	return 1;
}

RK_API int rk_wire_recv(struct rk_wire *w, struct rk_frame *f, int timeout_ms, char *errbuf)
{
	return w->live ? live_recv(w, f, timeout_ms, errbuf) : file_recv(w, f, timeout_ms, errbuf);
}

RK_API int rk_wire_fd(const struct rk_wire *w)
{
	return w->rx ? rk_cap_fd(w->rx) : -1;
}

RK_API int rk_wire_linktype(const struct rk_wire *w)
{
	return w->rx ? rk_cap_linktype(w->rx) : RK_DLT_RAW;
}

RK_API bool rk_wire_is_live(const struct rk_wire *w)
{
	return w->live;
}

RK_API int rk_wire_close(struct rk_wire *w, char *errbuf)
{
	if (!w)
		return RK_OK;
	int rc = RK_OK;
	/* A file backend that sent nothing still leaves a (empty) tx file. */
	if (!w->live && w->tx_path && !w->tx)
		rc = rk_dump_open(&w->tx, w->tx_path, RK_DLT_RAW, 0, errbuf);
	if (w->tx) {
		int r = rk_dump_close(w->tx, rc == RK_OK ? errbuf : NULL);
		if (rc == RK_OK)
			rc = r;
	}
	rk_cap_close(w->rx);
	rk_sock_close(w->s4);
	rk_sock_close(w->s6);
	rk_inject_close(w->inj);
	free(w->tx_path);
	free(w);
	return rc;
}
