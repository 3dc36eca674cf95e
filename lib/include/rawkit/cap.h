/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cap.h - thin libpcap wrappers the rawkit tools share: live capture and
 * capture files in, BPF filters, one packet at a time with a nanosecond
 * struct timespec, and pcap files out.
 *
 * Live captures are opened the modern way (pcap_create, then snap length,
 * promiscuous and immediate mode, buffer size and nanosecond timestamps,
 * then pcap_activate). Files are read and written with nanosecond
 * precision: microsecond files read fine (their times gain three zeros),
 * and files written are nanosecond pcap (magic a1b23c4d), which tcpdump
 * and Wireshark read.
 *
 * Every function taking errbuf (RK_ERRBUF_SIZE bytes, may be NULL) writes
 * one sentence into it when it fails. Handles are used by one thread at a
 * time.
 */
#ifndef RAWKIT_CAP_H
#define RAWKIT_CAP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* rk_cap_next() and rk_wire_recv() return RK_E_EOF (err.h) at the end of
   a capture file (or after rk_cap_break()): not a failure, but negative so
   that `while (rk_cap_next(...) > 0)` ends there. */

struct rk_cap;
struct rk_dump;

/* One captured frame. data is borrowed from the handle: valid until the
   next read from it, or its close. */
struct rk_frame {
	const uint8_t *data;
	uint32_t caplen;      /* bytes at data */
	uint32_t len;         /* bytes the frame had on the wire */
	struct timespec ts;   /* capture time, CLOCK_REALTIME */
	int linktype;         /* DLT_ value (RK_DLT_EN10MB, RK_DLT_LINUX_SLL2 ...) */
};

/* Live capture settings; rk_cap_opts_init() gives the defaults noted. */
struct rk_cap_opts {
	int snaplen;         /* bytes kept per frame: 262144 */
	bool promisc;        /* promiscuous mode: false */
	bool immediate;      /* deliver each frame at once: true */
	int buffer_size;     /* kernel buffer in bytes: 4 MiB (0: libpcap's) */
	int timeout_ms;      /* buffer timeout when not immediate: 100 */
};

RK_API void rk_cap_opts_init(struct rk_cap_opts *o);

/*
 * Open a live capture on ifname ("any": all interfaces, as LINUX_SLL2 or
 * LINUX_SLL) with opts (NULL: defaults). Nanosecond timestamps when the
 * kernel has them, else microseconds converted. RK_OK; RK_E_PERM (errbuf
 * carries the setcap hint); RK_E_INVAL (no such interface);
 * RK_E_UNSUPPORTED (the interface cannot be captured on); RK_E_SYS.
 * libpcap's warnings (promiscuous mode not supported ...) are not errors.
 */
RK_API RK_WUR int rk_cap_open_live(struct rk_cap **out, const char *ifname,
				   const struct rk_cap_opts *opts, char *errbuf);

/* Open a pcap or pcapng file; "-" reads standard input. RK_OK, RK_E_SYS
   (cannot open), RK_E_MALFORMED (not a capture file libpcap knows). */
RK_API RK_WUR int rk_cap_open_file(struct rk_cap **out, const char *path, char *errbuf);

/* Close (NULL is ignored). */
RK_API void rk_cap_close(struct rk_cap *c);

/* Compile and install a BPF filter (tcpdump syntax; NULL or "" captures
   everything). RK_OK or RK_E_INVAL (errbuf has libpcap's reason). */
RK_API RK_WUR int rk_cap_set_filter(struct rk_cap *c, const char *expr, char *errbuf);

/* Live: capture only frames received (in = true) or both directions.
   RK_OK, RK_E_UNSUPPORTED. */
RK_API RK_WUR int rk_cap_set_inbound_only(struct rk_cap *c, bool in, char *errbuf);

/* Live: non-blocking reads (rk_cap_next() returns 0 when nothing waits). */
RK_API RK_WUR int rk_cap_set_nonblock(struct rk_cap *c, bool on, char *errbuf);

/*
 * Read the next frame into *f. Returns 1 (a frame), 0 (live: the buffer
 * timeout expired or, non-blocking, nothing is waiting), RK_E_EOF (end of
 * file, or rk_cap_break() was called), RK_E_TRUNC (a file cut short inside
 * a record), RK_E_MALFORMED (a damaged file) or RK_E_SYS (live).
 */
RK_API RK_WUR int rk_cap_next(struct rk_cap *c, struct rk_frame *f, char *errbuf);

/* Make a blocked or later rk_cap_next() return RK_E_EOF (pcap_breakloop;
   safe from a signal handler). */
RK_API void rk_cap_break(struct rk_cap *c);

/* DLT_ value of the frames (RK_DLT_*). */
RK_API int rk_cap_linktype(const struct rk_cap *c);

/* The snap length. */
RK_API int rk_cap_snaplen(const struct rk_cap *c);

/* A file descriptor to poll() for readability, or -1 when there is none. */
RK_API int rk_cap_fd(const struct rk_cap *c);

/* Frames received and dropped by the kernel since opening (live only).
   RK_OK or RK_E_UNSUPPORTED. */
RK_API RK_WUR int rk_cap_stats(struct rk_cap *c, uint64_t *received, uint64_t *dropped,
			       char *errbuf);

/* libpcap's version line ("libpcap version 1.10.3 ..."), for --version. */
RK_API const char *rk_cap_lib_version(void);

/*
 * Open a pcap file for writing frames of linktype with the given snap
 * length (0: 262144); "-" writes standard output. Nanosecond format.
 * RK_OK, RK_E_INVAL (an unknown link type), RK_E_SYS.
 */
RK_API RK_WUR int rk_dump_open(struct rk_dump **out, const char *path, int linktype,
			       int snaplen, char *errbuf);

/*
 * Append one frame: caplen bytes at data (cut to the snap length), len on
 * the wire (at least caplen), captured at ts. RK_OK or RK_E_SYS (a write
 * error, e.g. a full disk).
 */
RK_API RK_WUR int rk_dump_write(struct rk_dump *d, const void *data, uint32_t caplen,
				uint32_t len, const struct timespec *ts, char *errbuf);

/* The same for a frame from rk_cap_next() or rk_wire_recv(). */
RK_API RK_WUR int rk_dump_frame(struct rk_dump *d, const struct rk_frame *f, char *errbuf);

/* Flush buffered frames to the file. RK_OK or RK_E_SYS. */
RK_API RK_WUR int rk_dump_flush(struct rk_dump *d, char *errbuf);

/* Flush and close. Returns RK_OK, or RK_E_SYS when the last write failed
   (errbuf says why); the handle is freed either way. NULL gives RK_OK. */
RK_API int rk_dump_close(struct rk_dump *d, char *errbuf);

#ifdef __cplusplus
}
#endif
#endif
