/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt.h - turning a decoded frame (struct rk_pkt, pkt.h) into text: one
 * JSON object per line as ../shared/packet-json.md defines it, one line in
 * the style of `tcpdump -n -S`, and tcpdump's -x / -X hex dumps.
 *
 * Pure code: no I/O apart from the FILE* conveniences, no allocation, no
 * locale, no printf on the hot path. Every formatter writes into a caller
 * buffer of cap bytes and returns the number of bytes written, or
 * RK_E_NOSPACE when the text does not fit (nothing is ever written past
 * buf + cap; what was written before the error is garbage). A NUL follows
 * the text when there is room for it; it is not counted.
 *
 * The text line reads like tcpdump's with -n (numbers, never names) and -S
 * (absolute TCP sequence numbers: rawkit keeps no per-connection state, so
 * it never prints tcpdump's relative numbers). Differences from tcpdump
 * 4.99 are listed in docs/sniff.md.
 */
#ifndef RAWKIT_FMT_H
#define RAWKIT_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "err.h"
#include "pkt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A capture time: seconds since the epoch and nanoseconds (0..999999999).
   Microsecond captures store usec * 1000. */
struct rk_fmt_ts {
	int64_t sec;
	uint32_t nsec;
};

/* How the text line starts, as tcpdump's -t options. */
enum rk_ts_style {
	RK_TS_TIME = 0,     /* HH:MM:SS.frac, time of day (tcpdump's default) */
	RK_TS_NONE,         /* nothing (-t) */
	RK_TS_EPOCH,        /* seconds since the epoch, SSSS.frac (-tt) */
	RK_TS_DELTA,        /* [-]HH:MM:SS.frac since the previous frame (-ttt) */
	RK_TS_DATE,         /* YYYY-MM-DD HH:MM:SS.frac (-tttt) */
	RK_TS_SINCE_FIRST,  /* [-]HH:MM:SS.frac since the first frame (-ttttt) */
};

/* Formatting choices, shared by every frame of a run. */
struct rk_fmt_opts {
	uint8_t ts_style;    /* enum rk_ts_style */
	uint8_t ts_digits;   /* fraction digits: 6 (microseconds) or 9 (nanoseconds) */
	bool link;           /* text: print the link-level header (tcpdump -e) */
	bool quiet;          /* text: less protocol detail (tcpdump -q) */
	int32_t utc_offset;  /* RK_TS_TIME and RK_TS_DATE: seconds east of UTC to
				add (0: UTC). Pure code cannot read the time zone;
				the caller computes it (localtime_r's tm_gmtoff). */
};

/* What a frame carries besides its bytes. */
struct rk_fmt_meta {
	uint64_t n;             /* JSON "n": 1-based frame number */
	struct rk_fmt_ts ts;    /* capture time */
	struct rk_fmt_ts ref;   /* RK_TS_DELTA: the previous frame's time;
				   RK_TS_SINCE_FIRST: the first frame's; for the
				   first frame, ts itself */
};

/* Options as tcpdump -n -S prints by default: time of day in UTC, 6 digits. */
RK_API void rk_fmt_opts_init(struct rk_fmt_opts *o);

/*
 * One JSON object for the frame, followed by '\n' (JSON Lines), exactly as
 * packet-json.md orders its keys. ts has o->ts_digits fraction digits (6
 * unless 9); other options do not apply. A link type without a name is
 * written as its number in a string ("147"). Strings are escaped, so the
 * line is valid JSON whatever the packet holds. Returns bytes written or
 * RK_E_NOSPACE (RK_FMT_JSON_MAX always suffices).
 */
RK_API RK_WUR int rk_fmt_json(char *buf, size_t cap, const struct rk_pkt *pkt,
			      const struct rk_fmt_meta *m, const struct rk_fmt_opts *o);

/*
 * One line in the style of `tcpdump -n -S` (with -e, -q and the -t styles
 * as o says), followed by '\n'. A record tcpdump calls invalid (caplen 0,
 * len 0, len < caplen, caplen > 262144) is its "[Invalid header: ...]"
 * line, without a timestamp: such a frame should not become m->ref for the
 * next one (see rk_fmt_invalid). Truncated headers end the line with
 * tcpdump's "[|proto]" marker, malformed ones with tcpdump's wording where
 * it has one ("[bad hdr length 12 - too short, < 20]", "truncated-ip - 60
 * bytes missing!", "bad-len 10"), else " [<pkt->error>]". Returns bytes
 * written or RK_E_NOSPACE (RK_FMT_TEXT_MAX always suffices).
 */
RK_API RK_WUR int rk_fmt_text(char *buf, size_t cap, const struct rk_pkt *pkt,
			      const struct rk_fmt_meta *m, const struct rk_fmt_opts *o);

/* True for a record rk_fmt_text() prints as "[Invalid header: ...]". */
static inline bool rk_fmt_invalid(const struct rk_pkt *pkt)
{
	return pkt->caplen == 0 || pkt->len == 0 || pkt->len < pkt->caplen ||
	       pkt->caplen > 262144;
}

/* Hex dump styles. */
#define RK_HEX_ASCII 0x1u  /* hex and ASCII columns (tcpdump -X), else hex only (-x) */
#define RK_HEX_LINK 0x2u   /* start at the first byte of the frame (-xx / -XX),
			      else after the link-level header */

/*
 * Bytes of the link-level header(s) tcpdump leaves out of -x / -X: the
 * Ethernet header and its VLAN tags, the cooked or loopback header; 0 for
 * raw IP, and for a cooked or loopback header cut short (tcpdump dumps
 * those whole). At most pkt->caplen.
 */
RK_API uint32_t rk_fmt_link_len(const struct rk_pkt *pkt);

/*
 * tcpdump's hex dump of len bytes at data, one line per 16 bytes, each
 * "\t0x%04x:  " then 8 groups " xxxx" (and with RK_HEX_ASCII, padded to the
 * column, two spaces and the bytes 0x21..0x7e as themselves, others '.'),
 * ending in '\n'. offset numbers the first line and must be a multiple of
 * 16 unless this is the last piece; split a long dump at multiples of 16.
 * Returns bytes written (0 for len 0) or RK_E_NOSPACE; a dump of len bytes
 * needs at most rk_fmt_hex_size(len).
 */
RK_API RK_WUR int rk_fmt_hex(char *buf, size_t cap, const uint8_t *data, size_t len,
			     uint32_t offset, unsigned flags);

/* Upper bound on rk_fmt_hex()'s output for len bytes (offsets below 2^32). */
static inline size_t rk_fmt_hex_size(size_t len)
{
	return (len + 15) / 16 * 80;
}

/* Enough for any rk_fmt_json() / rk_fmt_text() line of any struct rk_pkt
   rk_decode() fills (its error messages are short). */
#define RK_FMT_JSON_MAX 32768
#define RK_FMT_TEXT_MAX 8192

/*
 * The same, written to f (through a stack buffer; the hex dump in pieces,
 * per flags, of the part rk_fmt_link_len() leaves unless RK_HEX_LINK).
 * Return bytes written, RK_E_NOSPACE (never, by the bounds above) or
 * RK_E_SYS when fwrite() fails (errno tells why).
 */
RK_API RK_WUR int rk_fmt_json_file(FILE *f, const struct rk_pkt *pkt,
				   const struct rk_fmt_meta *m, const struct rk_fmt_opts *o);
RK_API RK_WUR int rk_fmt_text_file(FILE *f, const struct rk_pkt *pkt,
				   const struct rk_fmt_meta *m, const struct rk_fmt_opts *o);
RK_API RK_WUR int rk_fmt_hex_file(FILE *f, const struct rk_pkt *pkt, unsigned flags);

/*
 * Address writers, each returning bytes written or RK_E_NOSPACE, with a
 * NUL after the text when there is room (buffers of RK_FMT_IPV4_LEN,
 * RK_FMT_IPV6_LEN and RK_FMT_MAC_LEN always hold text and NUL). IPv4 from a host-order value (198.18.0.1 is 0xc6120001);
 * IPv6 in RFC 5952 form: lowercase, no leading zeros, the longest run of two
 * or more zero groups as "::" (the first of equal runs), IPv4-mapped
 * addresses as ::ffff:a.b.c.d; MAC lowercase, colon-separated.
 */
#define RK_FMT_IPV4_LEN 16
#define RK_FMT_IPV6_LEN 46
#define RK_FMT_MAC_LEN 18
RK_API RK_WUR int rk_fmt_ipv4(char *buf, size_t cap, uint32_t addr);
RK_API RK_WUR int rk_fmt_ipv6(char *buf, size_t cap, const uint8_t addr[16]);
RK_API RK_WUR int rk_fmt_mac(char *buf, size_t cap, const uint8_t mac[6]);

#ifdef __cplusplus
}
#endif
#endif
