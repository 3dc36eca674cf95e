/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io.h - the wire rk-ping's loop talks to, behind three backends:
 *
 *  raw     root or CAP_NET_RAW: requests built whole (IP header included)
 *          leave through rawkit's IP_HDRINCL socket (sock.h); replies come
 *          in on a raw ICMP / ICMPv6 socket with kernel receive timestamps
 *          (SO_TIMESTAMPNS).
 *  dgram   no privileges: an unprivileged ICMP datagram socket
 *          (SOCK_DGRAM, IPPROTO_ICMP/ICMPV6; net.ipv4.ping_group_range).
 *          The kernel writes the IP header and the identifier; ICMP errors
 *          come from the socket's error queue (IP_RECVERR).
 *  replay  rawkit's wire file backend (wire.h): a recorded exchange is
 *          played back on the recording's own clock, the requests built
 *          are written to a pcap. No privileges, no network.
 *
 * Every backend hands the loop whole IP packets (a frame plus its link
 * type) for rk_decode(): where the kernel keeps the IP header to itself
 * (received ICMPv6, datagram sockets), the receive side puts back a header
 * made from what the kernel reports (source, destination, TTL / hop limit),
 * and error-queue reports become the ICMP error packets they stand for.
 *
 * Clocks. The loop's clock is "ns": CLOCK_MONOTONIC live, the recording's
 * time in a replay. A packet's receive time comes from the kernel's
 * SO_TIMESTAMPNS stamp (CLOCK_REALTIME); it is moved onto the monotonic
 * clock by the REALTIME - MONOTONIC offset read right after the packet is
 * taken off the socket, so a wall-clock step between a request and its
 * reply does not bend the round trip; only a step in the microseconds
 * between the kernel's stamp and that read could, and a stamp that lands
 * in the future or more than a second back is replaced by the read time.
 */
#ifndef RK_PING_IO_H
#define RK_PING_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct ping_io;

struct ping_rx {
	const uint8_t *data; /* borrowed until the next recv */
	uint32_t caplen, len;
	int linktype;	      /* RK_DLT_* */
	uint64_t t_ns;	      /* receive time, loop clock */
	struct timespec wall; /* receive time, CLOCK_REALTIME (-D, JSON) */
};

/* How a send went. */
enum ping_send_result {
	PING_SENT = 0,
	PING_SEND_RETRY,       /* ENOBUFS/EAGAIN: not sent, try again soon */
	PING_SEND_LOCAL_ERROR, /* EMSGSIZE: counted as an error (mtu set when known) */
	PING_SEND_FAILED,      /* another error: counted as sent, as iputils does */
	PING_SEND_EOF,	       /* replay: the recording has run out */
};

struct ping_send_status {
	enum ping_send_result result;
	int err;	      /* errno */
	int mtu;	      /* PING_SEND_LOCAL_ERROR: the MTU, 0 when unknown */
	uint64_t t_ns;	      /* send time, loop clock */
	struct timespec wall; /* send time, wall clock (the request's timestamp) */
};

struct ping_io_ops {
	const char *name;
	/* The loop clock now, in ns, and the wall clock. */
	uint64_t (*now)(struct ping_io *io);
	void (*wall)(struct ping_io *io, struct timespec *ts);
	/* Send a request (whole IP packet, or the ICMP message for dgram);
	   st->t_ns is read just before the packet goes to the kernel. */
	void (*send)(struct ping_io *io, const uint8_t *pkt, size_t len,
		     struct ping_send_status *st);
	/* Wait until until_ns (loop clock) for a packet. 1: *rx filled;
	   0: time is up or a signal came; -1: the input has ended (replay);
	   -2: a failure, errbuf says which. */
	int (*recv)(struct ping_io *io, struct ping_rx *rx, uint64_t until_ns, char *errbuf);
	void (*close)(struct ping_io *io);
};

struct ping_io {
	const struct ping_io_ops *ops;
	bool restamp_own; /* replay: a recorded copy of a request re-times it */
};

#endif
