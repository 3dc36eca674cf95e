/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sock.h - raw IP sockets (Linux): send whole IPv4/IPv6 packets built by
 * rawkit, one at a time or in batches, and receive one IP protocol with
 * kernel receive timestamps.
 *
 * Sending IPv4 uses socket(AF_INET, SOCK_RAW, IPPROTO_RAW) with IP_HDRINCL:
 * the packet passed in is the whole datagram, header included. Linux does
 * not send it byte for byte; it rewrites:
 *   - the header checksum and the total length, always;
 *   - the identification, when it is 0 (a fresh id is chosen);
 *   - the source address, when it is 0 (the route's source is used).
 * Linux also refuses (EINVAL) a packet whose IHL * 4 exceeds its length and
 * (EMSGSIZE) one longer than the route's MTU; it does not fragment. A packet
 * that must keep a deliberately wrong IPv4 checksum or total length must go
 * out at layer 2: build the Ethernet frame and send it with rk_inject_send()
 * (inject.h), which writes it unchanged.
 *
 * Sending IPv6 uses socket(AF_INET6, SOCK_RAW, IPPROTO_RAW): on Linux the
 * IPv6 header is included as well and sent as given: a wrong payload
 * length stays wrong, an unspecified source (::) is not filled in.
 *
 * The destination a packet is routed to is read from its own header
 * (bytes 16-19 of IPv4, 24-39 of IPv6). A socket bound to an interface
 * (rk_sock_bind_dev) sends only through it, and link-local IPv6
 * destinations use its scope.
 *
 * Opening a raw socket needs root or CAP_NET_RAW. When socket() fails with
 * EPERM or EACCES the open returns RK_E_PERM and errbuf reads, for example:
 *   raw socket: Operation not permitted (needs root or CAP_NET_RAW:
 *   setcap cap_net_raw+ep /usr/local/bin/rk-ping)
 * (one line), the path being the running executable.
 *
 * Every function taking errbuf (RK_ERRBUF_SIZE bytes, may be NULL) writes
 * one sentence into it when it fails, errno text included. A handle is used
 * by one thread at a time.
 */
#ifndef RAWKIT_SOCK_H
#define RAWKIT_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rk_sock;

/* One packet of a batch: len bytes at data (borrowed for the call). */
struct rk_sock_pkt {
	const void *data;
	size_t len;
};

/* What rk_sock_recv() learnt about a received datagram. */
struct rk_sock_msg {
	size_t len;          /* bytes stored in the caller's buffer */
	size_t wire_len;     /* bytes the datagram had (> len: it was cut to fit) */
	struct timespec ts;  /* kernel receive time (SO_TIMESTAMPNS, CLOCK_REALTIME);
				the time of the read when the kernel gave none */
	int family;          /* 4 or 6 */
	uint32_t src4;       /* family 4: source address, host order */
	uint8_t src6[16];    /* family 6: source address */
	int ifindex;         /* receiving interface (IP_PKTINFO / IPV6_PKTINFO; 0 when unknown) */
};

/* Largest number of packets one rk_sock_send_batch() system call carries;
   bigger batches are split. */
#define RK_SOCK_BATCH_MAX 64

/*
 * Open a socket sending whole IPv4 packets (IP_HDRINCL). *out is set on
 * success and must be released with rk_sock_close(). Returns RK_OK,
 * RK_E_PERM (see above) or RK_E_SYS.
 */
RK_API RK_WUR int rk_sock_open_send4(struct rk_sock **out, char *errbuf);

/* The same for whole IPv6 packets (AF_INET6, IPPROTO_RAW). RK_E_UNSUPPORTED
   when the kernel has no IPv6. */
RK_API RK_WUR int rk_sock_open_send6(struct rk_sock **out, char *errbuf);

/*
 * Open a socket receiving the datagrams of one IP protocol (RK_IPPROTO_TCP,
 * RK_IPPROTO_UDP, RK_IPPROTO_ICMP, RK_IPPROTO_ICMPV6...) with kernel receive
 * timestamps. ipver is 4 or 6. An IPv4 socket hands over whole packets,
 * IPv4 header included; an IPv6 socket hands over what follows the IPv6
 * header (the kernel strips it) and the source address in the message.
 * The socket sees a copy of every datagram of that protocol reaching the
 * host (the kernel still answers them). RK_OK, RK_E_INVAL, RK_E_PERM,
 * RK_E_UNSUPPORTED, RK_E_SYS.
 */
RK_API RK_WUR int rk_sock_open_recv(struct rk_sock **out, int ipver, int proto, char *errbuf);

/* Close the socket and free the handle (NULL is ignored). */
RK_API void rk_sock_close(struct rk_sock *s);

/*
 * Send and receive only through interface ifname (SO_BINDTODEVICE). RK_OK,
 * RK_E_INVAL (no such interface, or a name too long), RK_E_PERM, RK_E_SYS.
 */
RK_API RK_WUR int rk_sock_bind_dev(struct rk_sock *s, const char *ifname, char *errbuf);

/*
 * Send one whole IP packet of len bytes (a send socket of the matching
 * version). Returns the bytes sent, RK_E_INVAL (a receive socket, or len
 * shorter than the IP header's fixed part), RK_E_PERM (e.g. a firewall
 * rule), or RK_E_SYS (EMSGSIZE, ENOBUFS, unreachable...). Interrupted calls
 * are retried.
 */
RK_API RK_WUR int rk_sock_send(struct rk_sock *s, const void *pkt, size_t len, char *errbuf);

/*
 * Send n packets with as few system calls as possible (sendmmsg, up to
 * RK_SOCK_BATCH_MAX per call). Returns how many were sent, in order: fewer
 * than n when the kernel stopped early (call again from there to learn
 * why). A failure before any packet went out returns the negative code as
 * rk_sock_send() does; RK_E_INVAL when any packet is shorter than an IP
 * header (then none is sent).
 */
RK_API RK_WUR int rk_sock_send_batch(struct rk_sock *s, const struct rk_sock_pkt *pkts,
				     unsigned n, char *errbuf);

/*
 * Receive one datagram into buf (cap bytes), waiting at most timeout_ms
 * milliseconds (-1: forever, 0: do not wait). Returns 1 with *msg filled,
 * 0 when the time ran out or a signal interrupted the wait (so a caller's
 * loop can look at its flags), or RK_E_INVAL (a send socket) / RK_E_SYS.
 * A datagram longer than cap is cut (msg->wire_len tells).
 */
RK_API RK_WUR int rk_sock_recv(struct rk_sock *s, void *buf, size_t cap, struct rk_sock_msg *msg,
			       int timeout_ms, char *errbuf);

/* The file descriptor, for poll(); owned by the handle. */
RK_API int rk_sock_fd(const struct rk_sock *s);

#ifdef __cplusplus
}
#endif
#endif
