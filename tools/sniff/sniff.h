/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sniff.h - rk-sniff's parts and what they pass each other:
 *   opts.c     the command line into struct sniff_opts (--help, --version)
 *   out.c      the output sink: decode a frame, format it (text, JSON, hex),
 *              write it through one large stdio buffer
 *   verbose.c  -v: tcpdump's extra IP header and checksum fields, spliced
 *              into the text line
 *   offline.c  the reader for capture files (-r): libpcap, the BPF filter,
 *              the frame loop
 *   tsprec.c   a pcapng file's time stamp precision (its if_tsresol)
 *   live.c     the live reader (-i): opening the interface, signals, the
 *              batch loop, statistics
 *   ifaces.c   -D and the default interface (pcap_findalldevs)
 *   dump.c     the pcap writer (-w, -C/-W rotation), one write per batch
 *   priv.c     dropping privileges after the capture is open (-Z)
 *   main.c     picks the reader and maps failures to exit codes
 */
#ifndef RK_SNIFF_H
#define RK_SNIFF_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "rawkit/fmt.h"
#include "rawkit/pkt.h"

struct sniff_opts {
	const char *read_file;  /* -r: capture file, "-" for stdin */
	char *filter;           /* BPF expression (remaining arguments or -F), or NULL */
	int64_t count;          /* -c: stop after this many frames (0: no limit) */
	bool json;              /* --json */
	unsigned hex;           /* -x, -xx, -X, -XX: RK_HEX_* flags + SNIFF_HEX_ON */
	bool link;              /* -e */
	bool quiet;             /* -q */
	unsigned verbose;       /* -v count */
	unsigned tstyle;        /* -t count: 0 default ... 5 */
	bool nano;              /* --nano */
	bool line_buffered;     /* -l, or stdout is a terminal */

	/* Live capture. */
	const char *iface;      /* -i, or NULL: the first suitable interface */
	bool list_ifaces;       /* -D */
	int snaplen;            /* -s (0: 262144) */
	bool no_promisc;        /* -p */
	int buffer_kib;         /* -B (0: SNIFF_DEFAULT_BUFFER_KIB) */
	bool immediate;         /* --immediate-mode */
	const char *user;       /* -Z (NULL: "nobody" when root) */
	int stats_interval;     /* --stats SECONDS (0: none) */

	/* Writing. */
	const char *write_file; /* -w: pcap output, "-" for stdout */
	int64_t rotate_bytes;   /* -C in bytes (0: no rotation) */
	int rotate_files;       /* -W (0: no limit) */
	bool print;             /* --print: also print frames when writing */
	bool packet_buffered;   /* -U: write the file after every frame */
};

#define SNIFF_HEX_ON 0x100u
#define SNIFF_DEFAULT_BUFFER_KIB 4096   /* as cap.h's rk_cap_opts_init() */

/* Parse argv; prints and exits on --help, --version and usage errors. The
   filter string is allocated (free with sniff_opts_free). */
void sniff_opts_parse(struct sniff_opts *o, int argc, char **argv);
void sniff_opts_free(struct sniff_opts *o);

/* True when frames are printed (text or JSON) on stdout. */
static inline bool sniff_printing(const struct sniff_opts *o)
{
	return !o->write_file || o->print;
}

/* The output sink. */
struct sniff_out {
	FILE *f;
	struct rk_fmt_opts fmt;
	bool json;
	unsigned hex;             /* as sniff_opts.hex */
	unsigned verbose;         /* as sniff_opts.verbose */
	bool have_first;
	struct rk_fmt_ts first;   /* first printed frame (-ttttt) */
	struct rk_fmt_ts prev;    /* previous printed frame (-ttt) */
	int64_t tz_bucket;        /* local-time offset cache, per 15 minutes */
	int32_t tz_offset;
	bool tz_valid;
	struct rk_pkt pkt;        /* decode scratch */
	struct rk_pkt inner;      /* -v: decode scratch for quoted datagrams */
};

/* One captured frame, as a reader hands it to the sink. */
struct sniff_frame {
	uint64_t n;               /* 1-based number of the frame in its capture */
	struct rk_fmt_ts ts;
	const uint8_t *data;
	uint32_t caplen, len;
	int linktype;
};

/* Set up the sink on f (setvbuf: a large buffer, or lines with -l). */
void sniff_out_init(struct sniff_out *s, FILE *f, const struct sniff_opts *o);
/* Decode, format and write one frame. 0, or -1 after a write error (errno). */
int sniff_out_frame(struct sniff_out *s, const struct sniff_frame *fr);
/* Flush. 0, or -1 after a write error (errno). */
int sniff_out_flush(struct sniff_out *s);

/*
 * -v: rewrite line (len bytes, ending in '\n', as rk_fmt_text() wrote it
 * for s->pkt with s->fmt) into buf with tcpdump -v's additions. Returns
 * the new length, or -1 when there is nothing to add or it does not fit
 * (the caller then prints the plain line).
 */
int sniff_verbose(struct sniff_out *s, const char *line, size_t len, char *buf, size_t cap);

/* Read the capture file o->read_file through s (NULL: not printing).
   Returns the exit code. */
int sniff_offline(const struct sniff_opts *o, struct sniff_out *s);

/* True when pcapng bytes buf[0..len) declare an interface finer than 1 us. */
bool sniff_pcapng_is_nano(const uint8_t *buf, size_t len);

/* Capture live as o says, through s (NULL: not printing). Returns the
   exit code. */
int sniff_live(const struct sniff_opts *o, struct sniff_out *s);

/* -D: print the interfaces as tcpdump -D does. Returns the exit code. */
int sniff_list_ifaces(void);
/* The interface tcpdump would pick: the first pcap_findalldevs() lists.
   Allocated; NULL after a message. */
char *sniff_default_iface(void);
/* For -i N: the name of the Nth interface -D lists, allocated; NULL after
   a message. */
char *sniff_iface_by_number(long n);

/* The pcap writer. */
struct sniff_dump;

/*
 * Open the first output file of o->write_file for frames from p (its link
 * type, snap length and time stamp precision make the file header, as
 * pcap_dump_open() would write it). Returns 0, or -1 after a message.
 */
int sniff_dump_open(struct sniff_dump **out, const struct sniff_opts *o, pcap_t *p);
/* Append one frame; rotates first when -C says so. 0, or -1 after a
   message (the capture should stop). */
int sniff_dump_frame(struct sniff_dump *d, const struct pcap_pkthdr *h, const uint8_t *data);
/* Write what is buffered. 0, or -1 after a message. */
int sniff_dump_flush(struct sniff_dump *d);
/* Flush and close. 0, or -1 after a message. NULL is ignored. */
int sniff_dump_close(struct sniff_dump *d);
/* Close and remove the file(s) made so far: setup failed before any frame. */
void sniff_dump_discard(struct sniff_dump *d);
/* Raise CAP_DAC_OVERRIDE around opening rotated files (root after -Z). */
void sniff_dump_keep_dac(struct sniff_dump *d, bool on);
/* True when the last failure was EPIPE on standard output (the reader left). */
bool sniff_dump_epipe(const struct sniff_dump *d);

/* Privileges. */
struct sniff_priv {
	bool root;              /* started with uid or euid 0 */
	bool switch_user;       /* setuid to uid/gid below */
	uid_t uid;
	gid_t gid;
	char name[64];
};

/* Before opening anything: as root, look up -Z's user (default "nobody";
   "root" keeps uid 0). 0, or -1 after a message. */
int sniff_priv_prepare(struct sniff_priv *pv, const char *user);
/* After the capture and the first -w file are open: switch user (as
   root), clear every capability (keep_dac: CAP_DAC_OVERRIDE stays
   permitted, not effective, for -C's later files), no new privileges.
   0, or -1 after a message. */
int sniff_priv_drop(const struct sniff_priv *pv, bool keep_dac);
/* Make the kept CAP_DAC_OVERRIDE effective (on) or not. */
void sniff_priv_dac(bool on);
/* One sentence on what the process lacks to capture, for a permission
   error: "capturing needs root or CAP_NET_RAW; ... ". */
void sniff_priv_explain(char *buf, size_t size);

#endif
