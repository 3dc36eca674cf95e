/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * out.c - rk-replay's senders. Ethernet frames leave through a PF_PACKET
 * socket bound to the interface (protocol 0: it never receives, so no
 * input queue fills up behind it) in sendmmsg batches; libnet's link
 * writer (inject.h, one sendto per frame) is kept as --inject=libnet for
 * comparison: docs/PERFORMANCE.md "Replay" has both. IP packets leave
 * through rawkit's raw sockets (sock.h), bound to the interface with
 * SO_BINDTODEVICE, in sendmmsg batches.
 *
 * A full transmit path (ENOBUFS: e.g. the veth peer's backlog) is waited
 * out, as tcpreplay retries, for up to a second per packet. Errors that
 * belong to one packet (too long for the MTU, no route, refused by a
 * firewall) fail that packet; an interface gone or down stops the run.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "replay.h"
#include "tool.h"

#define ENOBUFS_WAIT_MAX_NS 1000000000LL

/* What setcap needs, as the library words it for its own sockets. */
static void perm_hint(char *buf, size_t size)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		snprintf(exe, sizeof(exe), "%s", tool_name());
	else
		exe[n] = '\0';
	snprintf(buf, size, "needs root or CAP_NET_RAW: setcap cap_net_raw+ep %s", exe);
}

static int packet_open(const char *ifname)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		int err = errno;
		if (err == EPERM || err == EACCES) {
			char hint[600];
			perm_hint(hint, sizeof(hint));
			tool_warn("packet socket on %s: %s (%s)", ifname, strerror(err), hint);
		} else {
			tool_warn_errno(err, "packet socket on %s", ifname);
		}
		return -1;
	}
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = 0,
		.sll_ifindex = (int)if_nametoindex(ifname),
	};
	if (sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		tool_warn_errno(sll.sll_ifindex ? errno : ENODEV, "packet socket on %s: bind", ifname);
		close(fd);
		return -1;
	}
	/* A deeper send buffer keeps the batches flowing at top speed. */
	int sndbuf = 4 << 20;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	return fd;
}

static int ip_open(int ver, const char *ifname, struct rk_sock **out)
{
	char err[RK_ERRBUF_SIZE];
	int rc = ver == 4 ? rk_sock_open_send4(out, err) : rk_sock_open_send6(out, err);
	if (rc == RK_OK) {
		rc = rk_sock_bind_dev(*out, ifname, err);
		if (rc != RK_OK) {
			rk_sock_close(*out);
			*out = NULL;
		}
	}
	if (rc != RK_OK)
		tool_warn("%s", err);
	return rc == RK_OK ? 0 : -1;
}

int replay_out_open(const struct replay_opts *o, const struct replay_store *s,
		    struct replay_out *out)
{
	memset(out, 0, sizeof(*out));
	out->pfd = -1;
	out->l2 = o->l2;
	out->ifname = o->ifname;
	if (s->count[REPLAY_PKT_L2]) {
		if (o->l2 == REPLAY_L2_PACKET) {
			out->pfd = packet_open(o->ifname);
			if (out->pfd < 0)
				goto fail;
		} else {
			char err[RK_ERRBUF_SIZE];
			if (rk_inject_open(&out->inj, o->ifname, err) != RK_OK) {
				tool_warn("%s", err);
				goto fail;
			}
		}
	}
	if (s->count[REPLAY_PKT_IP4] && ip_open(4, o->ifname, &out->s4) < 0)
		goto fail;
	if (s->count[REPLAY_PKT_IP6] && ip_open(6, o->ifname, &out->s6) < 0)
		goto fail;
	return 0;
fail:
	replay_out_close(out);
	return -1;
}

void replay_out_close(struct replay_out *out)
{
	if (out->pfd >= 0)
		close(out->pfd);
	out->pfd = -1;
	rk_inject_close(out->inj);
	out->inj = NULL;
	rk_sock_close(out->s4);
	rk_sock_close(out->s6);
	out->s4 = out->s6 = NULL;
}

static bool fatal_errno(int err)
{
	return err == ENETDOWN || err == ENXIO || err == ENODEV || err == EBADF;
}

/* One attempt: sent count, or -errno. */
static int attempt(struct replay_out *out, const struct replay_store *s, size_t i, unsigned n,
		   int k, char *errbuf)
{
	int r;
	switch (k) {
	case REPLAY_PKT_L2:
		if (out->pfd >= 0) {
			do
				r = sendmmsg(out->pfd, &s->mm[i], n, 0);
			while (r < 0 && errno == EINTR && !replay_stop);
			if (r < 0) {
				snprintf(errbuf, RK_ERRBUF_SIZE, "packet socket on %s: %s", out->ifname,
					 strerror(errno));
				return -errno;
			}
			return r;
		}
		for (unsigned j = 0; j < n; j++) {
			errno = 0;
			r = rk_inject_send(out->inj, s->pkt[i + j].data, s->pkt[i + j].len, errbuf);
			if (r < 0)
				return j ? (int)j : -(errno ? errno : EIO);
		}
		return (int)n;
	default: {
		struct rk_sock *sock = k == REPLAY_PKT_IP4 ? out->s4 : out->s6;
		errno = 0;
		r = rk_sock_send_batch(sock, &s->pkt[i], n, errbuf);
		if (r < 0)
			return -(errno ? errno : EIO);
		return r;
	}
	}
}

int replay_out_send(struct replay_out *out, const struct replay_store *s, size_t i, unsigned n,
		    int k, uint64_t *retries, const char **why)
{
	static char errbuf[RK_ERRBUF_SIZE];
	int64_t waited = 0, pause = 1000;
	*why = errbuf;
	for (;;) {
		int r = attempt(out, s, i, n, k, errbuf);
		if (r > 0)
			return r;
		int err = -r;
		if (err == EINTR && replay_stop)
			return -2;
		if (fatal_errno(err))
			return -1;
		if (err != ENOBUFS && err != EAGAIN)
			return 0;
		/* The queue is full: let it drain, then try the same packet. */
		if (replay_stop)
			return -2;
		if (waited >= ENOBUFS_WAIT_MAX_NS)
			return 0;
		(*retries)++;
		struct timespec t = { 0, (long)pause };
		nanosleep(&t, NULL);
		waited += pause;
		if (pause < 1000000)
			pause *= 2;
	}
}
