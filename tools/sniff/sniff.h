/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sniff.h - rk-sniff's parts and what they pass each other:
 *   opts.c     the command line into struct sniff_opts (--help, --version)
 *   out.c      the output sink: decode a frame, format it (text, JSON, hex),
 *              write it through one large stdio buffer
 *   offline.c  the reader for capture files (-r): libpcap, the BPF filter,
 *              the frame loop
 *   main.c     picks the reader and maps failures to exit codes
 * A live reader (-i) will be a sibling of offline.c feeding the same sink.
 */
#ifndef RK_SNIFF_H
#define RK_SNIFF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "rawkit/fmt.h"
#include "rawkit/pkt.h"

struct sniff_opts {
	const char *read_file;  /* -r: capture file, "-" for stdin */
	char *filter;           /* BPF expression from the remaining arguments, or NULL */
	int64_t count;          /* -c: stop after this many printed frames (0: no limit) */
	bool json;              /* --json */
	unsigned hex;           /* -x, -xx, -X, -XX: RK_HEX_* flags + SNIFF_HEX_ON */
	bool link;              /* -e */
	bool quiet;             /* -q */
	unsigned tstyle;        /* -t count: 0 default ... 5 */
	bool nano;              /* --nano */
	bool line_buffered;     /* -l */
};

#define SNIFF_HEX_ON 0x100u

/* Parse argv; prints and exits on --help, --version and usage errors. The
   filter string is allocated (free with sniff_opts_free). */
void sniff_opts_parse(struct sniff_opts *o, int argc, char **argv);
void sniff_opts_free(struct sniff_opts *o);

/* The output sink. */
struct sniff_out {
	FILE *f;
	struct rk_fmt_opts fmt;
	bool json;
	unsigned hex;             /* as sniff_opts.hex */
	bool have_first;
	struct rk_fmt_ts first;   /* first printed frame (-ttttt) */
	struct rk_fmt_ts prev;    /* previous printed frame (-ttt) */
	int64_t tz_bucket;        /* local-time offset cache, per 15 minutes */
	int32_t tz_offset;
	bool tz_valid;
	struct rk_pkt pkt;        /* decode scratch */
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

/* Read the capture file o->read_file through s. Returns the exit code. */
int sniff_offline(const struct sniff_opts *o, struct sniff_out *s);

#endif
