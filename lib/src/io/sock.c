/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sock.c - raw IP sockets on Linux (sock.h): IP_HDRINCL sending, sendmmsg
 * batches, per-protocol receive sockets with SO_TIMESTAMPNS, and
 * SO_BINDTODEVICE.
 *
 * Linux only for now. The IP_HDRINCL quirks of other systems belong here
 * too when rawkit is ported: old BSDs and macOS want ip_len and ip_off in
 * host byte order (libnet/libnet: src/libnet_write.c, doc/RAWSOCKET.md).
 */
#include "ioint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "rawkit/sock.h"

#define IPV4_DST_OFF 16
#define IPV6_DST_OFF 24
#define IPV4_MIN_LEN 20
#define IPV6_MIN_LEN 40

struct rk_sock {
	int fd;
	int family;   /* AF_INET or AF_INET6 */
	int sender;   /* 1: IPPROTO_RAW, sends whole packets; 0: receives */
	int ifindex;  /* bound interface (rk_sock_bind_dev), 0 when none */
};

union rk_sockaddr {
	struct sockaddr sa;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
};

/* socket(), with EPERM/EACCES turned into RK_E_PERM and its hint. */
static int open_fd(struct rk_sock **out, int family, int proto, int sender, char *errbuf)
{
	*out = NULL;
	int fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0) {
		int err = errno;
		if (err == EAFNOSUPPORT) {
			rkint_errbuf(errbuf, "raw socket: %s (no IPv%c in this kernel)",
				     strerror(err), family == AF_INET6 ? '6' : '4');
			return RK_E_UNSUPPORTED;
		}
		return rkint_errno(errbuf, err, "raw socket");
	}
	struct rk_sock *s = calloc(1, sizeof(*s));
	if (!s) {
		rkint_errbuf(errbuf, "raw socket: %s", strerror(ENOMEM));
		close(fd);
		return RK_E_SYS;
	}
	s->fd = fd;
	s->family = family;
	s->sender = sender;
	*out = s;
	return RK_OK;
}

static int fail_close(struct rk_sock **out, char *errbuf, const char *what)
{
	int rc = rkint_errno(errbuf, errno, what);
	rk_sock_close(*out);
	*out = NULL;
	return rc;
}

RK_API int rk_sock_open_send4(struct rk_sock **out, char *errbuf)
{
	int rc = open_fd(out, AF_INET, IPPROTO_RAW, 1, errbuf);
	if (rc != RK_OK)
		return rc;
	/* IPPROTO_RAW implies IP_HDRINCL on Linux; say it anyway, it is the
	   contract of this socket. */
	int on = 1;
	if (setsockopt((*out)->fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) < 0)
		return fail_close(out, errbuf, "setsockopt IP_HDRINCL");
	return RK_OK;
}

RK_API int rk_sock_open_send6(struct rk_sock **out, char *errbuf)
{
	int rc = open_fd(out, AF_INET6, IPPROTO_RAW, 1, errbuf);
	if (rc != RK_OK)
		return rc;
#ifdef IPV6_HDRINCL
	/* Implied by IPPROTO_RAW as well; the option exists since Linux 4.5. */
	int on = 1;
	if (setsockopt((*out)->fd, IPPROTO_IPV6, IPV6_HDRINCL, &on, sizeof(on)) < 0 &&
	    errno != ENOPROTOOPT)
		return fail_close(out, errbuf, "setsockopt IPV6_HDRINCL");
#endif
	return RK_OK;
}

RK_API int rk_sock_open_recv(struct rk_sock **out, int ipver, int proto, char *errbuf)
{
	*out = NULL;
	if (ipver != 4 && ipver != 6) {
		rkint_errbuf(errbuf, "raw socket: IP version %d is not 4 or 6", ipver);
		return RK_E_INVAL;
	}
	/* 255 (IPPROTO_RAW) is send-only; 0 is not a protocol for a raw socket. */
	if (proto <= 0 || proto >= 255) {
		rkint_errbuf(errbuf, "raw socket: cannot receive IP protocol %d", proto);
		return RK_E_INVAL;
	}
	int family = ipver == 4 ? AF_INET : AF_INET6;
	int rc = open_fd(out, family, proto, 0, errbuf);
	if (rc != RK_OK)
		return rc;
	int on = 1;
	if (setsockopt((*out)->fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0)
		return fail_close(out, errbuf, "setsockopt SO_TIMESTAMPNS");
	if (family == AF_INET) {
		if (setsockopt((*out)->fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) < 0)
			return fail_close(out, errbuf, "setsockopt IP_PKTINFO");
	} else {
		if (setsockopt((*out)->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) < 0)
			return fail_close(out, errbuf, "setsockopt IPV6_RECVPKTINFO");
	}
	return RK_OK;
}

RK_API void rk_sock_close(struct rk_sock *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

RK_API int rk_sock_fd(const struct rk_sock *s)
{
	return s->fd;
}

RK_API int rk_sock_bind_dev(struct rk_sock *s, const char *ifname, char *errbuf)
{
	if (!ifname || !*ifname || strlen(ifname) >= IFNAMSIZ) {
		rkint_errbuf(errbuf, "interface name \"%s\" is empty or longer than %d bytes",
			     ifname ? ifname : "", IFNAMSIZ - 1);
		return RK_E_INVAL;
	}
	unsigned idx = if_nametoindex(ifname);
	if (idx == 0) {
		int err = errno;
		rkint_errbuf(errbuf, "interface %s: %s", ifname, strerror(err));
		return err == ENODEV || err == ENXIO ? RK_E_INVAL : RK_E_SYS;
	}
	if (setsockopt(s->fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
		       (socklen_t)strlen(ifname) + 1) < 0) {
		char what[64];
		snprintf(what, sizeof(what), "SO_BINDTODEVICE %s", ifname);
		return rkint_errno(errbuf, errno, what);
	}
	s->ifindex = (int)idx;
	return RK_OK;
}

/* The destination of a whole packet, read from its header. RK_E_INVAL when
   the packet is too short to have one. */
static int packet_dst(const struct rk_sock *s, const void *pkt, size_t len,
		      union rk_sockaddr *sa, socklen_t *salen, char *errbuf)
{
	memset(sa, 0, sizeof(*sa));
	if (s->family == AF_INET) {
		if (len < IPV4_MIN_LEN) {
			rkint_errbuf(errbuf,
				     "raw send: a %zu-byte packet is shorter than an IPv4 header", len);
			return RK_E_INVAL;
		}
		sa->in.sin_family = AF_INET;
		memcpy(&sa->in.sin_addr, (const uint8_t *)pkt + IPV4_DST_OFF, 4);
		*salen = sizeof(sa->in);
	} else {
		if (len < IPV6_MIN_LEN) {
			rkint_errbuf(errbuf,
				     "raw send: a %zu-byte packet is shorter than an IPv6 header", len);
			return RK_E_INVAL;
		}
		sa->in6.sin6_family = AF_INET6;
		memcpy(&sa->in6.sin6_addr, (const uint8_t *)pkt + IPV6_DST_OFF, 16);
		/* Link-local and link-scope multicast need a scope: the bound
		   interface, when there is one. Port 0: the packet's own
		   next header is used. */
		if (IN6_IS_ADDR_LINKLOCAL(&sa->in6.sin6_addr) ||
		    IN6_IS_ADDR_MC_LINKLOCAL(&sa->in6.sin6_addr))
			sa->in6.sin6_scope_id = (uint32_t)s->ifindex;
		*salen = sizeof(sa->in6);
	}
	return RK_OK;
}

/* errbuf for a failed send: names the destination. EPERM/EACCES on send come
   from a firewall or a broadcast without SO_BROADCAST, not from missing
   capabilities, so no setcap hint here. */
static int send_error(const union rk_sockaddr *sa, int err, char *errbuf)
{
	char addr[INET6_ADDRSTRLEN] = "?";
	if (sa->sa.sa_family == AF_INET)
		inet_ntop(AF_INET, &sa->in.sin_addr, addr, sizeof(addr));
	else
		inet_ntop(AF_INET6, &sa->in6.sin6_addr, addr, sizeof(addr));
	rkint_errbuf(errbuf, "raw send to %s: %s", addr, strerror(err));
	return err == EPERM || err == EACCES ? RK_E_PERM : RK_E_SYS;
}

static int check_sender(const struct rk_sock *s, char *errbuf)
{
	if (!s->sender) {
		rkint_errbuf(errbuf, "raw send: this socket was opened for receiving");
		return RK_E_INVAL;
	}
	return RK_OK;
}

RK_API int rk_sock_send(struct rk_sock *s, const void *pkt, size_t len, char *errbuf)
{
	int rc = check_sender(s, errbuf);
	if (rc != RK_OK)
		return rc;
	union rk_sockaddr sa;
	socklen_t salen;
	rc = packet_dst(s, pkt, len, &sa, &salen, errbuf);
	if (rc != RK_OK)
		return rc;
	ssize_t n;
	do
		n = sendto(s->fd, pkt, len, 0, &sa.sa, salen);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return send_error(&sa, errno, errbuf);
	return (int)n;
}

RK_API int rk_sock_send_batch(struct rk_sock *s, const struct rk_sock_pkt *pkts, unsigned n,
			      char *errbuf)
{
	int rc = check_sender(s, errbuf);
	if (rc != RK_OK)
		return rc;
	if (n > INT32_MAX) {
		rkint_errbuf(errbuf, "raw send: a batch of %u packets is too large", n);
		return RK_E_INVAL;
	}
	union rk_sockaddr sa[RK_SOCK_BATCH_MAX];
	struct iovec iov[RK_SOCK_BATCH_MAX];
	struct mmsghdr msg[RK_SOCK_BATCH_MAX];
	socklen_t salen;
	/* Check every packet first, so that a bad one sends nothing. */
	for (unsigned i = 0; i < n; i++) {
		rc = packet_dst(s, pkts[i].data, pkts[i].len, &sa[0], &salen, errbuf);
		if (rc != RK_OK)
			return rc;
	}
	unsigned sent = 0;
	while (sent < n) {
		unsigned chunk = n - sent < RK_SOCK_BATCH_MAX ? n - sent : RK_SOCK_BATCH_MAX;
		memset(msg, 0, sizeof(msg[0]) * chunk);
		for (unsigned i = 0; i < chunk; i++) {
			const struct rk_sock_pkt *p = &pkts[sent + i];
			(void)packet_dst(s, p->data, p->len, &sa[i], &salen, NULL);
			iov[i].iov_base = (void *)(uintptr_t)p->data;
			iov[i].iov_len = p->len;
			msg[i].msg_hdr.msg_name = &sa[i];
			msg[i].msg_hdr.msg_namelen = salen;
			msg[i].msg_hdr.msg_iov = &iov[i];
			msg[i].msg_hdr.msg_iovlen = 1;
		}
		int r;
		do
			r = sendmmsg(s->fd, msg, chunk, 0);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			if (sent > 0)
				break; /* report what went out; the next call fails again */
			return send_error(&sa[0], errno, errbuf);
		}
		sent += (unsigned)r;
		if ((unsigned)r < chunk)
			break;
	}
	return (int)sent;
}

/* Milliseconds from now until deadline (0 when past). */
static int ms_left(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
		       (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : ms > INT32_MAX ? INT32_MAX : (int)ms;
}

RK_API int rk_sock_recv(struct rk_sock *s, void *buf, size_t cap, struct rk_sock_msg *msg,
			int timeout_ms, char *errbuf)
{
	if (s->sender) {
		rkint_errbuf(errbuf, "raw receive: this socket was opened for sending");
		return RK_E_INVAL;
	}
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	if (timeout_ms > 0) {
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
	}
	for (;;) {
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		int wait = timeout_ms < 0 ? -1 : ms_left(&deadline);
		int pr = poll(&pfd, 1, wait);
		if (pr < 0) {
			/* A signal: hand control back so the caller can look at
			   its flags, as if the time had run out. */
			if (errno == EINTR)
				return 0;
			return rkint_errno(errbuf, errno, "raw receive: poll");
		}
		if (pr == 0)
			return 0;

		union rk_sockaddr from;
		union {
			char buf[CMSG_SPACE(sizeof(struct timespec)) +
				 CMSG_SPACE(sizeof(struct in6_pktinfo)) +
				 CMSG_SPACE(sizeof(struct in_pktinfo))];
			struct cmsghdr align;
		} ctl;
		struct iovec iov = { .iov_base = buf, .iov_len = cap };
		struct msghdr mh = {
			.msg_name = &from,
			.msg_namelen = sizeof(from),
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = ctl.buf,
			.msg_controllen = sizeof(ctl.buf),
		};
		ssize_t n = recvmsg(s->fd, &mh, MSG_TRUNC | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				continue; /* taken by someone else: wait again */
			if (errno == EINTR)
				return 0;
			return rkint_errno(errbuf, errno, "raw receive");
		}

		memset(msg, 0, sizeof(*msg));
		msg->wire_len = (size_t)n;
		msg->len = (size_t)n < cap ? (size_t)n : cap;
		int have_ts = 0;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
				memcpy(&msg->ts, CMSG_DATA(c), sizeof(msg->ts));
				have_ts = 1;
			} else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo pi;
				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				msg->ifindex = pi.ipi_ifindex;
			} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
				struct in6_pktinfo pi;
				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				msg->ifindex = (int)pi.ipi6_ifindex;
			}
		}
		if (!have_ts)
			clock_gettime(CLOCK_REALTIME, &msg->ts);
		if (s->family == AF_INET) {
			msg->family = 4;
			msg->src4 = ntohl(from.in.sin_addr.s_addr);
		} else {
			msg->family = 6;
			memcpy(msg->src6, &from.in6.sin6_addr, 16);
		}
		return 1;
	}
}
