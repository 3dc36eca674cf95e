/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * wire.h - the one interface rawkit tools send and receive through, with
 * two backends behind it:
 *
 *  live  IP packets leave through raw sockets (sock.h, IP_HDRINCL; so the
 *        kernel's rewrites listed there apply), Ethernet frames through the
 *        libnet injector (inject.h, unchanged); frames arriving are read with
 *        libpcap (cap.h) through a BPF filter, with kernel timestamps. Only
 *        inbound frames are captured, not the tool's own.
 *  file  sent packets are appended to a pcap file, byte for byte as built;
 *        received frames are read from a pcap file with their recorded
 *        timestamps. No root, no network: a tool runs against a recorded
 *        exchange deterministically (golden tests, --dry-run).
 *
 * Time in the file backend is virtual and comes from the recording:
 * rk_wire_now() starts at the first frame's timestamp and moves to each
 * frame's as it is received. rk_wire_recv() with a timeout returns 0 and
 * moves the clock on by the timeout when the next recorded frame is later
 * than that, so "no answer within 1 s" is replayed too. Sent packets are
 * stamped with rk_wire_now(). A recording made with tcpdump holds both
 * directions: tools must match replies anyway, and do.
 *
 *   struct rk_wire *w;
 *   char err[RK_ERRBUF_SIZE];
 *   if (rk_wire_open_live(&w, "eth0", "icmp", err) < 0) ... // or _open_file
 *   rk_wire_send(w, pkt, len, RK_DLT_RAW, err);
 *   struct rk_frame f;
 *   int r = rk_wire_recv(w, &f, 1000, err);  // 1 frame, 0 timeout, RK_E_EOF
 *   rk_wire_close(w, err);
 *
 * errbuf: RK_ERRBUF_SIZE bytes or NULL, one sentence on failure. A handle
 * is used by one thread at a time.
 */
#ifndef RAWKIT_WIRE_H
#define RAWKIT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "cap.h"
#include "err.h"
#include "sock.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rk_wire;

/*
 * Live backend on interface ifname (NULL: no interface; capture on "any",
 * IP packets routed by the kernel, no Ethernet injection). filter is a
 * tcpdump expression for what rk_wire_recv() returns (NULL or "": all).
 * Everything that needs privilege is opened here, so a tool can drop it
 * right after. RK_OK, RK_E_PERM (errbuf has the setcap hint), RK_E_INVAL
 * (no such interface, a bad filter), RK_E_SYS.
 */
RK_API RK_WUR int rk_wire_open_live(struct rk_wire **out, const char *ifname, const char *filter,
				    char *errbuf);

/*
 * File backend. rx_pcap: the capture frames are received from ("-":
 * standard input; NULL: nothing ever arrives, timeouts still pass).
 * tx_pcap: where sent packets are appended ("-": standard output; NULL:
 * discarded). The tx file is written as LINKTYPE_RAW when the first packet
 * sent is an IP packet (or none is), EN10MB when it is an Ethernet frame.
 * RK_OK, RK_E_SYS, RK_E_MALFORMED (rx is not a capture file).
 */
RK_API RK_WUR int rk_wire_open_file(struct rk_wire **out, const char *rx_pcap, const char *tx_pcap,
				    char *errbuf);

/*
 * Only frames matching the tcpdump expression will be received. With the
 * file backend, call it before the first rk_wire_recv() or rk_wire_now()
 * (else RK_E_INVAL). RK_OK or RK_E_INVAL.
 */
RK_API RK_WUR int rk_wire_set_filter(struct rk_wire *w, const char *filter, char *errbuf);

/*
 * Send one packet of len bytes. linktype says what it is: RK_DLT_RAW (or
 * RK_LINKTYPE_RAW, RK_DLT_IPV4, RK_DLT_IPV6) for a whole IP packet, the
 * version nibble choosing IPv4 or IPv6; RK_DLT_EN10MB for an Ethernet
 * frame. Returns the bytes sent, RK_E_INVAL (too short, not IPv4/IPv6),
 * RK_E_UNSUPPORTED (another link type; Ethernet without an interface; a
 * tx file already holding the other link type), or what sock.h / inject.h
 * return.
 */
RK_API RK_WUR int rk_wire_send(struct rk_wire *w, const void *pkt, size_t len, int linktype,
			       char *errbuf);

/*
 * Send n packets of one link type; IP packets go out in sendmmsg batches.
 * Returns how many were sent (fewer than n when the kernel stopped early;
 * call again from there to learn why), or a negative code when none was.
 */
RK_API RK_WUR int rk_wire_send_batch(struct rk_wire *w, const struct rk_sock_pkt *pkts,
				     unsigned n, int linktype, char *errbuf);

/*
 * Receive the next frame matching the filter, waiting at most timeout_ms
 * (-1: forever, 0: do not wait; virtual time for the file backend). *f
 * borrows from the handle until the next rk_wire_recv() or the close.
 * Returns 1 (a frame), 0 (the time ran out, or a signal interrupted the
 * wait), RK_E_EOF (the rx file ended; without an rx file, a wait forever),
 * or a negative rk_err (errbuf says why).
 */
RK_API RK_WUR int rk_wire_recv(struct rk_wire *w, struct rk_frame *f, int timeout_ms,
			       char *errbuf);

/* The time: CLOCK_REALTIME live, the recording's time for files (above). */
RK_API void rk_wire_now(struct rk_wire *w, struct timespec *ts);

/* A descriptor to poll() for incoming frames (live: the capture's; file:
   the rx file's, always readable), or -1 when there is none. */
RK_API int rk_wire_fd(const struct rk_wire *w);

/* DLT_ value of the frames rk_wire_recv() returns (RK_DLT_RAW when a file
   backend has no rx file). */
RK_API int rk_wire_linktype(const struct rk_wire *w);

/* True for the live backend. */
RK_API bool rk_wire_is_live(const struct rk_wire *w);

/* Close everything and free the handle (NULL gives RK_OK). Returns RK_E_SYS
   when the tx file could not be completely written (errbuf says why). */
RK_API int rk_wire_close(struct rk_wire *w, char *errbuf);

#ifdef __cplusplus
}
#endif
#endif
