/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io_live.c - rk-ping's live backends (io.h, io_live.h).
 *
 * raw: requests go out through rawkit's IP_HDRINCL sockets (sock.h), which
 * send the IPv4 / IPv6 header rawkit built (our TTL, TOS, DF, IPv4 id,
 * ICMPv6 checksum). IPv4 replies come in on sock.h's raw ICMP receiver
 * (whole packets, SO_TIMESTAMPNS), read here without a poll first when
 * something is queued (see recv_own()). ICMPv6 is received on a raw ICMPv6
 * socket of our own, because the kernel strips the IPv6 header and only an
 * IPV6_HOPLIMIT control message tells the hop limit iputils prints as ttl=,
 * which sock.h does not pass on (yet).
 *
 * dgram: the unprivileged ICMP socket (Linux "ping sockets"): the kernel
 * writes the IP header and the identifier and computes the checksum;
 * replies arrive without the IP header, ICMP errors on the error queue.
 *
 * In both, what arrives without its IP header gets one put back (io.h), so
 * the loop decodes every packet with rk_decode() the same way. The socket
 * filters mirror iputils': ICMP_FILTER / ICMP6_FILTER pass echo replies and
 * errors only, and a BPF program drops echo replies carrying another
 * pinger's identifier before they are queued to us.
 */
#include "io_live.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rawkit/build.h>
#include <rawkit/link.h>
#include <rawkit/sock.h>

#define HDR_ROOM 48	     /* room for an IP header put back in front */
#define RX_CAP (65536 + 512) /* the largest datagram, and an error's quotation */

struct live {
	struct ping_io io;
	int family;
	bool dgram;
	struct rk_sock *tx;	    /* raw: IP_HDRINCL sender */
	struct rk_sock *rx4;	    /* raw IPv4: sock.h's ICMP receiver */
	int fd;			    /* raw IPv6 receiver, or the datagram socket */
	int mtu_fd;		    /* UDP socket connected to the target: IP_MTU */
	struct sockaddr_in6 mtu_sa; /* (or a sockaddr_in) what it is connected to */
	socklen_t mtu_salen;
	uint32_t src4, dst4;
	uint8_t src6[16], dst6[16];
	uint8_t buf[HDR_ROOM + RX_CAP];
	uint8_t pkt[RX_CAP + 128]; /* error-queue reports rebuilt as packets */
};

static uint64_t ts_ns(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000ull + (uint64_t)t->tv_nsec;
}

static uint64_t mono_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return ts_ns(&t);
}

/* The kernel's CLOCK_REALTIME receive stamp on the monotonic clock (io.h). */
static uint64_t kernel_to_mono(const struct timespec *kts)
{
	struct timespec r, m;
	clock_gettime(CLOCK_REALTIME, &r);
	clock_gettime(CLOCK_MONOTONIC, &m);
	int64_t age = (int64_t)(ts_ns(&r) - ts_ns(kts));
	if (age < 0 || age > 1000000000)
		return ts_ns(&m);
	return ts_ns(&m) - (uint64_t)age;
}

static uint64_t live_now(struct ping_io *io)
{
	(void)io;
	return mono_ns();
}

static void live_wall(struct ping_io *io, struct timespec *ts)
{
	(void)io;
	clock_gettime(CLOCK_REALTIME, ts);
}

/* Wait for fd until until_ns (monotonic). 1 ready (*revents set), 0 time
   up or a signal, -1 failure. */
static int wait_fd(int fd, uint64_t until_ns, short *revents)
{
	uint64_t now = mono_ns();
	uint64_t left = until_ns > now ? until_ns - now : 0;
	struct timespec to = {.tv_sec = (time_t)(left / 1000000000ull),
			      .tv_nsec = (long)(left % 1000000000ull)};
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r = ppoll(&p, 1, &to, NULL);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	*revents = p.revents;
	return r > 0;
}

static void send_status(struct live *l, int rc, int err, struct ping_send_status *st)
{
	if (rc >= 0) {
		st->result = PING_SENT;
		return;
	}
	st->err = err;
	if (err == ENOBUFS || err == EAGAIN || err == ENOMEM) {
		st->result = PING_SEND_RETRY;
	} else if (err == EMSGSIZE) {
		st->result = PING_SEND_LOCAL_ERROR;
		int mtu = 0;
		socklen_t len = sizeof(mtu);
		/* Connect again: the socket's cached route may predate the
		   path MTU the kernel learnt since. */
		if (l->mtu_fd >= 0)
			(void)connect(l->mtu_fd, (struct sockaddr *)&l->mtu_sa, l->mtu_salen);
		if (l->mtu_fd >= 0 &&
		    getsockopt(l->mtu_fd, l->family == 4 ? IPPROTO_IP : IPPROTO_IPV6,
			       l->family == 4 ? IP_MTU : IPV6_MTU, &mtu, &len) == 0)
			st->mtu = mtu;
	} else {
		st->result = PING_SEND_FAILED;
	}
}

static void live_send(struct ping_io *io, const uint8_t *pkt, size_t len,
		      struct ping_send_status *st)
{
	struct live *l = (struct live *)io;
	memset(st, 0, sizeof(*st));
	clock_gettime(CLOCK_REALTIME, &st->wall);
	st->t_ns = mono_ns();
	int rc, err = 0;
	if (!l->dgram) {
		/* sock.h keeps errno from the failed sendto() (its errbuf has the
		   same text, with the destination). */
		rc = rk_sock_send(l->tx, pkt, len, NULL);
		err = errno;
	} else {
		union {
			struct sockaddr_in in;
			struct sockaddr_in6 in6;
		} sa;
		memset(&sa, 0, sizeof(sa));
		socklen_t salen;
		if (l->family == 4) {
			sa.in.sin_family = AF_INET;
			sa.in.sin_addr.s_addr = htonl(l->dst4);
			salen = sizeof(sa.in);
		} else {
			sa.in6.sin6_family = AF_INET6;
			memcpy(&sa.in6.sin6_addr, l->dst6, 16);
			salen = sizeof(sa.in6);
		}
		ssize_t n;
		do
			n = sendto(l->fd, pkt, len, 0, (struct sockaddr *)&sa, salen);
		while (n < 0 && errno == EINTR);
		rc = n < 0 ? -1 : 0;
		err = errno;
	}
	send_status(l, rc, err, st);
}

/* Put an IPv4 header in front of the n bytes at l->buf + HDR_ROOM. */
static const uint8_t *prefix4(struct live *l, uint32_t src, uint32_t dst, int ttl, size_t n,
			      uint32_t *total)
{
	uint8_t *start = l->buf + HDR_ROOM - RK_IPV4_HLEN;
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = src;
	h.dst = dst;
	h.ttl = (uint8_t)ttl;
	h.proto = RK_IPPROTO_ICMP;
	h.len = (uint16_t)(n + RK_IPV4_HLEN > 65535 ? 65535 : n + RK_IPV4_HLEN);
	struct rk_wr wr;
	rk_wr_init(&wr, start, RK_IPV4_HLEN);
	if (rk_ipv4_build(&wr, &h) != RK_OK)
		return NULL; /* cannot happen: 20 bytes, no options */
	rk_ipv4_fill_csum(start, RK_IPV4_HLEN);
	*total = (uint32_t)(n + RK_IPV4_HLEN);
	return start;
}

static const uint8_t *prefix6(struct live *l, const uint8_t *src, const uint8_t *dst, int hlim,
			      size_t n, uint32_t *total)
{
	uint8_t *start = l->buf + HDR_ROOM - RK_IPV6_HLEN;
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, src, 16);
	memcpy(h.dst, dst, 16);
	h.hlim = (uint8_t)hlim;
	h.nh = RK_IPPROTO_ICMPV6;
	h.plen = (uint16_t)(n > 65535 ? 65535 : n);
	struct rk_wr wr;
	rk_wr_init(&wr, start, RK_IPV6_HLEN);
	if (rk_ipv6_build(&wr, &h) != RK_OK)
		return NULL; /* cannot happen: 40 bytes */
	*total = (uint32_t)(n + RK_IPV6_HLEN);
	return start;
}

static int recv_errqueue(struct live *l, struct ping_rx *rx);

/*
 * One datagram, without waiting: 1 (*rx set), 0 (nothing queued), -2.
 * Whole IPv4 packets from sock.h's receiver; ICMPv6 and datagram-socket
 * messages get their IP header put back. The socket is read here rather
 * than with rk_sock_recv(), which polls before every read: a flood's reply
 * is usually queued by the time sendto() returns, and a poll per reply is
 * a fifth of the system calls.
 */
static int recv_own(struct live *l, struct ping_rx *rx, char *errbuf)
{
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} from;
	union {
		char b[512];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {.iov_base = l->buf + HDR_ROOM, .iov_len = RX_CAP};
	struct msghdr mh = {.msg_name = &from,
			    .msg_namelen = sizeof(from),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl.b,
			    .msg_controllen = sizeof(ctl.b)};
	int fd = l->rx4 ? rk_sock_fd(l->rx4) : l->fd;
	ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return 0;
		/* A datagram socket reports a queued ICMP error once as the
		   errno of a receive: the report itself is on the error queue. */
		if (l->dgram)
			return recv_errqueue(l, rx);
		snprintf(errbuf, 256, "receive: %s", strerror(errno));
		return -2;
	}
	size_t got = (size_t)n < RX_CAP ? (size_t)n : RX_CAP;
	bool have_ts = false;
	int ttl = 64;
	uint32_t dst4 = l->src4;
	uint8_t dst6[16];
	memcpy(dst6, l->src6, 16);
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
			memcpy(&rx->wall, CMSG_DATA(c), sizeof(rx->wall));
			have_ts = true;
		} else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
			int v;
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			ttl = v;
		} else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			dst4 = ntohl(pi.ipi_addr.s_addr);
		} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT) {
			int v;
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			ttl = v;
		} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			memcpy(dst6, &pi.ipi6_addr, 16);
		}
	}
	if (!have_ts)
		clock_gettime(CLOCK_REALTIME, &rx->wall);
	rx->t_ns = kernel_to_mono(&rx->wall);
	rx->linktype = RK_DLT_RAW;
	if (l->rx4) {
		/* A raw IPv4 socket hands over the whole packet. */
		rx->data = l->buf + HDR_ROOM;
		rx->caplen = (uint32_t)got;
		rx->len = (uint32_t)n;
		return 1;
	}
	uint32_t total;
	if (l->family == 4)
		rx->data = prefix4(l, ntohl(from.in.sin_addr.s_addr), dst4, ttl, got, &total);
	else
		rx->data = prefix6(l, (const uint8_t *)&from.in6.sin6_addr, dst6, ttl, got, &total);
	if (!rx->data)
		return 0;
	rx->caplen = total;
	rx->len = (uint32_t)(total - got + (size_t)n);
	return 1;
}

/*
 * Datagram socket: an ICMP error about one of our requests, from the error
 * queue, rebuilt as the packet the router sent: IP (offender -> us) / ICMP
 * error / IP (us -> target) / our request's first bytes.
 */
static int recv_errqueue(struct live *l, struct ping_rx *rx)
{
	uint8_t orig[576];
	union {
		char b[512];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {.iov_base = orig, .iov_len = sizeof(orig)};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl.b,
			    .msg_controllen = sizeof(ctl.b)};
	ssize_t n = recvmsg(l->fd, &mh, MSG_ERRQUEUE | MSG_DONTWAIT);
	if (n < 0)
		return 0;
	struct sock_extended_err ee;
	const struct sockaddr *off = NULL;
	bool have = false, have_ts = false;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
		    (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
			memcpy(&ee, CMSG_DATA(c), sizeof(ee));
			off = SO_EE_OFFENDER((struct sock_extended_err *)CMSG_DATA(c));
			have = true;
		} else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
			memcpy(&rx->wall, CMSG_DATA(c), sizeof(rx->wall));
			have_ts = true;
		}
	}
	/* Local errors (EMSGSIZE ...) were already reported by sendto(). */
	if (!have || (ee.ee_origin != SO_EE_ORIGIN_ICMP && ee.ee_origin != SO_EE_ORIGIN_ICMP6))
		return 0;
	if (!have_ts)
		clock_gettime(CLOCK_REALTIME, &rx->wall);
	rx->t_ns = kernel_to_mono(&rx->wall);

	size_t q = (size_t)n < sizeof(orig) ? (size_t)n : sizeof(orig);
	struct rk_build b;
	rk_build_init(&b, l->pkt, sizeof(l->pkt));
	if (l->family == 4) {
		struct sockaddr_in o;
		memcpy(&o, off, sizeof(o));
		struct rk_ipv4_hdr outer, inner;
		rk_ipv4_init(&outer);
		outer.src = ntohl(o.sin_addr.s_addr);
		outer.dst = l->src4;
		rk_ipv4_init(&inner);
		inner.src = l->src4;
		inner.dst = l->dst4;
		inner.proto = RK_IPPROTO_ICMP; /* what follows is raw bytes to the builder */
		inner.set = RK_IPV4_SET_PROTO;
		struct rk_icmp_hdr e = {.type = ee.ee_type, .code = ee.ee_code};
		if (ee.ee_type == RK_ICMP_UNREACH && ee.ee_code == RK_ICMP_UNREACH_NEEDFRAG)
			e.seq = (uint16_t)ee.ee_info;
		else if (ee.ee_type == RK_ICMP_PARAMPROB)
			e.id = (uint16_t)(ee.ee_info << 8);
		(void)rk_build_ipv4(&b, &outer);
		(void)rk_build_icmp(&b, &e);
		(void)rk_build_ipv4(&b, &inner);
	} else {
		struct sockaddr_in6 o;
		memcpy(&o, off, sizeof(o));
		struct rk_ipv6_hdr outer, inner;
		rk_ipv6_init(&outer);
		memcpy(outer.src, &o.sin6_addr, 16);
		memcpy(outer.dst, l->src6, 16);
		rk_ipv6_init(&inner);
		memcpy(inner.src, l->src6, 16);
		memcpy(inner.dst, l->dst6, 16);
		inner.nh = RK_IPPROTO_ICMPV6;
		inner.set = RK_IPV6_SET_NH;
		struct rk_icmp6_hdr e = {.type = ee.ee_type,
					 .code = ee.ee_code,
					 .id = (uint16_t)(ee.ee_info >> 16),
					 .seq = (uint16_t)ee.ee_info};
		(void)rk_build_ipv6(&b, &outer);
		(void)rk_build_icmp6(&b, &e);
		(void)rk_build_ipv6(&b, &inner);
	}
	(void)rk_build_payload(&b, orig, q);
	int len = rk_build_finish(&b);
	if (len < 0)
		return 0;
	rx->data = l->pkt;
	rx->caplen = rx->len = (uint32_t)len;
	rx->linktype = RK_DLT_RAW;
	return 1;
}

static int live_recv(struct ping_io *io, struct ping_rx *rx, uint64_t until_ns, char *errbuf)
{
	struct live *l = (struct live *)io;
	int fd = l->rx4 ? rk_sock_fd(l->rx4) : l->fd;
	for (;;) {
		int r = recv_own(l, rx, errbuf);
		if (r != 0)
			return r;
		short rev = 0;
		int w = wait_fd(fd, until_ns, &rev);
		if (w < 0) {
			snprintf(errbuf, 256, "poll: %s", strerror(errno));
			return -2;
		}
		if (w == 0)
			return 0;
		if (l->dgram && (rev & POLLERR) && recv_errqueue(l, rx) == 1)
			return 1;
	}
}

static void live_close(struct ping_io *io)
{
	struct live *l = (struct live *)io;
	if (!l)
		return;
	rk_sock_close(l->tx);
	rk_sock_close(l->rx4);
	if (l->fd >= 0)
		close(l->fd);
	if (l->mtu_fd >= 0)
		close(l->mtu_fd);
	free(l);
}

void ping_io_close(struct ping_io *io)
{
	if (io)
		io->ops->close(io);
}

static const struct ping_io_ops raw_ops = {"raw",     live_now,	 live_wall,
					   live_send, live_recv, live_close};
static const struct ping_io_ops dgram_ops = {"dgram",	live_now,  live_wall,
					     live_send, live_recv, live_close};

static struct live *live_new(const struct ping_live_cfg *c, bool dgram)
{
	struct live *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->io.ops = dgram ? &dgram_ops : &raw_ops;
	l->family = c->family;
	l->dgram = dgram;
	l->fd = -1;
	l->mtu_fd = -1;
	l->src4 = c->src4;
	l->dst4 = c->dst4;
	memcpy(l->src6, c->src6, 16);
	memcpy(l->dst6, c->dst6, 16);
	return l;
}

/* A UDP socket connected to the target (no packet is sent) whose IP_MTU
   tells the path MTU after an EMSGSIZE. Best effort. */
static void open_mtu_probe(struct live *l, const struct ping_live_cfg *c)
{
	int fd = socket(c->family == 4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	int on = 1;
	if (c->broadcast)
		(void)setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on));
	if (c->iface)
		(void)setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, c->iface,
				 (socklen_t)strlen(c->iface) + 1);
	memset(&l->mtu_sa, 0, sizeof(l->mtu_sa));
	if (c->family == 4) {
		struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(1025)};
		sa.sin_addr.s_addr = htonl(c->dst4);
		memcpy(&l->mtu_sa, &sa, sizeof(sa));
		l->mtu_salen = sizeof(sa);
	} else {
		l->mtu_sa.sin6_family = AF_INET6;
		l->mtu_sa.sin6_port = htons(1025);
		memcpy(&l->mtu_sa.sin6_addr, c->dst6, 16);
		l->mtu_salen = sizeof(l->mtu_sa);
	}
	if (connect(fd, (struct sockaddr *)&l->mtu_sa, l->mtu_salen) < 0) {
		close(fd);
		return;
	}
	l->mtu_fd = fd;
}

static void set_rcvbuf(int fd, int bytes)
{
	if (bytes > 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

/* iputils' filter: pass everything but echo replies with another ident.
   hdr: 1 when the socket hands over the IPv4 header first. */
static void attach_ident_filter(int fd, uint16_t ident, bool ipv4_hdr, uint8_t reply_type)
{
	struct sock_filter with_hdr[] = {
	    BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0), /* x = IPv4 header length */
	    BPF_STMT(BPF_LD | BPF_H | BPF_IND, 4),  /* identifier */
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ident, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, 0xffffffff), /* ours */
	    BPF_STMT(BPF_LD | BPF_B | BPF_IND, 0), /* type */
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, reply_type, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, 0xffffffff), /* not a reply: errors pass */
	    BPF_STMT(BPF_RET | BPF_K, 0),	   /* another pinger's reply */
	};
	struct sock_filter no_hdr[] = {
	    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 4),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ident, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
	    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, reply_type, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
	    BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog;
	if (ipv4_hdr) {
		prog.len = sizeof(with_hdr) / sizeof(with_hdr[0]);
		prog.filter = with_hdr;
	} else {
		prog.len = sizeof(no_hdr) / sizeof(no_hdr[0]);
		prog.filter = no_hdr;
	}
	/* Only an optimisation: ping_rx_classify() checks the identifier too. */
	(void)setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

static int sys_fail(struct live *l, char *errbuf, const char *what)
{
	int err = errno;
	snprintf(errbuf, 256, "%s: %s", what, strerror(err));
	live_close(&l->io);
	return err == EPERM || err == EACCES ? RK_E_PERM : RK_E_SYS;
}

int ping_io_open_raw(struct ping_io **out, const struct ping_live_cfg *c, char *errbuf)
{
	*out = NULL;
	struct live *l = live_new(c, false);
	if (!l) {
		snprintf(errbuf, 256, "out of memory");
		return RK_E_SYS;
	}
	int on = 1, rc;
	if (c->family == 4) {
		rc = rk_sock_open_send4(&l->tx, errbuf);
		if (rc == RK_OK)
			rc = rk_sock_open_recv(&l->rx4, 4, RK_IPPROTO_ICMP, errbuf);
	} else {
		rc = rk_sock_open_send6(&l->tx, errbuf);
	}
	if (rc != RK_OK) {
		live_close(&l->io);
		return rc;
	}
	if (c->iface) {
		rc = rk_sock_bind_dev(l->tx, c->iface, errbuf);
		if (rc == RK_OK && l->rx4)
			rc = rk_sock_bind_dev(l->rx4, c->iface, errbuf);
		if (rc != RK_OK) {
			live_close(&l->io);
			return rc;
		}
	}
	if (c->broadcast &&
	    setsockopt(rk_sock_fd(l->tx), SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) < 0)
		return sys_fail(l, errbuf, "setsockopt SO_BROADCAST");

	if (c->family == 4) {
		int rfd = rk_sock_fd(l->rx4);
		struct icmp_filter f = {~((1u << RK_ICMP_ECHOREPLY) | (1u << RK_ICMP_UNREACH) |
					  (1u << RK_ICMP_SOURCEQUENCH) | (1u << RK_ICMP_REDIRECT) |
					  (1u << RK_ICMP_TIMXCEED) | (1u << RK_ICMP_PARAMPROB))};
		(void)setsockopt(rfd, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
		attach_ident_filter(rfd, c->ident, true, RK_ICMP_ECHOREPLY);
		set_rcvbuf(rfd, c->rcvbuf);
	} else {
		l->fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
		if (l->fd < 0)
			return sys_fail(l, errbuf, "raw ICMPv6 socket");
		if (setsockopt(l->fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) < 0)
			return sys_fail(l, errbuf, "setsockopt on the ICMPv6 socket");
		if (c->iface && setsockopt(l->fd, SOL_SOCKET, SO_BINDTODEVICE, c->iface,
					   (socklen_t)strlen(c->iface) + 1) < 0)
			return sys_fail(l, errbuf, "SO_BINDTODEVICE");
		struct icmp6_filter f;
		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(RK_ICMP6_ECHO_REPLY, &f);
		ICMP6_FILTER_SETPASS(RK_ICMP6_DST_UNREACH, &f);
		ICMP6_FILTER_SETPASS(RK_ICMP6_PACKET_TOO_BIG, &f);
		ICMP6_FILTER_SETPASS(RK_ICMP6_TIME_EXCEEDED, &f);
		ICMP6_FILTER_SETPASS(RK_ICMP6_PARAM_PROB, &f);
		(void)setsockopt(l->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
		attach_ident_filter(l->fd, c->ident, false, RK_ICMP6_ECHO_REPLY);
		set_rcvbuf(l->fd, c->rcvbuf);
	}
	open_mtu_probe(l, c);
	*out = &l->io;
	return RK_OK;
}

/* Why a datagram socket was refused: the group and the sysctl's range. */
static void dgram_perm_message(char *errbuf, int err)
{
	char range[64] = "?";
	FILE *f = fopen("/proc/sys/net/ipv4/ping_group_range", "r");
	if (f) {
		if (fgets(range, sizeof(range), f)) {
			range[strcspn(range, "\n")] = '\0';
			for (char *p = range; *p; p++)
				if (*p == '\t')
					*p = ' ';
		}
		fclose(f);
	}
	snprintf(
	    errbuf, 256,
	    "unprivileged ICMP socket: %s (group %u is outside net.ipv4.ping_group_range = %s)",
	    strerror(err), (unsigned)getgid(), range);
}

int ping_io_open_dgram(struct ping_io **out, const struct ping_live_cfg *c, uint16_t *ident,
		       char *errbuf)
{
	*out = NULL;
	struct live *l = live_new(c, true);
	if (!l) {
		snprintf(errbuf, 256, "out of memory");
		return RK_E_SYS;
	}
	int af = c->family == 4 ? AF_INET : AF_INET6;
	l->fd =
	    socket(af, SOCK_DGRAM | SOCK_CLOEXEC, c->family == 4 ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (l->fd < 0) {
		int err = errno;
		if (err == EACCES || err == EPERM) {
			dgram_perm_message(errbuf, err);
			live_close(&l->io);
			return RK_E_PERM;
		}
		snprintf(errbuf, 256, "unprivileged ICMP socket: %s%s", strerror(err),
			 err == EPROTONOSUPPORT || err == EAFNOSUPPORT ? " (not in this kernel)"
								       : "");
		live_close(&l->io);
		return RK_E_UNSUPPORTED;
	}
	int on = 1;
	if (setsockopt(l->fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0)
		return sys_fail(l, errbuf, "setsockopt SO_TIMESTAMPNS");
	if (c->family == 4) {
		if (setsockopt(l->fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on)) < 0)
			return sys_fail(l, errbuf, "setsockopt on the ICMP socket");
	} else {
		if (setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) < 0 ||
		    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on)) < 0)
			return sys_fail(l, errbuf, "setsockopt on the ICMPv6 socket");
	}
	if (c->broadcast && setsockopt(l->fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) < 0)
		return sys_fail(l, errbuf, "setsockopt SO_BROADCAST");
	if (c->iface && setsockopt(l->fd, SOL_SOCKET, SO_BINDTODEVICE, c->iface,
				   (socklen_t)strlen(c->iface) + 1) < 0) {
		char what[64];
		snprintf(what, sizeof(what), "SO_BINDTODEVICE %s", c->iface);
		return sys_fail(l, errbuf, what);
	}
	/* Bind to our source with identifier ("port") 0: the kernel picks a
	   free identifier, which getsockname() tells. */
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} sa;
	memset(&sa, 0, sizeof(sa));
	socklen_t salen;
	if (c->family == 4) {
		sa.in.sin_family = AF_INET;
		sa.in.sin_addr.s_addr = htonl(c->src4);
		salen = sizeof(sa.in);
	} else {
		sa.in6.sin6_family = AF_INET6;
		memcpy(&sa.in6.sin6_addr, c->src6, 16);
		salen = sizeof(sa.in6);
	}
	if (bind(l->fd, (struct sockaddr *)&sa, salen) < 0)
		return sys_fail(l, errbuf, "bind");
	salen = sizeof(sa);
	if (getsockname(l->fd, (struct sockaddr *)&sa, &salen) < 0)
		return sys_fail(l, errbuf, "getsockname");
	*ident = ntohs(c->family == 4 ? sa.in.sin_port : sa.in6.sin6_port);
	set_rcvbuf(l->fd, c->rcvbuf);
	open_mtu_probe(l, c);
	*out = &l->io;
	return RK_OK;
}
