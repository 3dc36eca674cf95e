/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tcp.h - TCP header (RFC 9293) and options (RFC 9293 MSS, RFC 7323 window
 * scale and timestamps, RFC 2018 SACK).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * |                        Sequence Number                        |
 * |                    Acknowledgment Number                      |
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |           Checksum            |         Urgent Pointer        |
 * |                           [Options]                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#ifndef RAWKIT_TCP_H
#define RAWKIT_TCP_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "rd.h"
#include "wr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RK_TCP_HLEN 20
#define RK_TCP_OPTS_MAX 40

#define RK_TCP_FIN 0x01
#define RK_TCP_SYN 0x02
#define RK_TCP_RST 0x04
#define RK_TCP_PSH 0x08
#define RK_TCP_ACK 0x10
#define RK_TCP_URG 0x20
#define RK_TCP_ECE 0x40
#define RK_TCP_CWR 0x80

#define RK_TCPOPT_EOL 0
#define RK_TCPOPT_NOP 1
#define RK_TCPOPT_MSS 2
#define RK_TCPOPT_WSCALE 3
#define RK_TCPOPT_SACKOK 4
#define RK_TCPOPT_SACK 5
#define RK_TCPOPT_TS 8

#define RK_TCP_SET_DOFF 0x1u
#define RK_TCP_SET_CSUM 0x2u

struct rk_tcp_hdr {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t doff;          /* data offset in 32-bit words */
	uint8_t res;           /* the 4 reserved bits (low nibble) */
	uint8_t flags;         /* CWR..FIN, RK_TCP_* */
	uint16_t win;
	uint16_t csum;
	uint16_t urp;
	const uint8_t *opts;   /* option bytes (borrowed); zero-padded to 4 */
	size_t opts_len;
	unsigned set;          /* RK_TCP_SET_* */
};

/* One option as found in the header. data/data_len: the bytes after kind
   and length (none for EOL and NOP). */
struct rk_tcp_opt {
	uint8_t kind;
	uint8_t len;           /* the option's length byte (1 for EOL/NOP) */
	const uint8_t *data;
	size_t data_len;
};

/* Defaults: window 64240, flags SYN, everything else 0 and computed. */
RK_API void rk_tcp_init(struct rk_tcp_hdr *h);

/* Header length in bytes the builder will write: 20 + options padded to 4. */
RK_API size_t rk_tcp_build_len(const struct rk_tcp_hdr *h);

/* Write the header and options; doff computed unless RK_TCP_SET_DOFF; csum
   written as given. RK_OK, RK_E_NOSPACE, RK_E_INVAL (options over 40 bytes). */
RK_API RK_WUR int rk_tcp_build(struct rk_wr *wr, const struct rk_tcp_hdr *h);

/*
 * Read the fixed header and the options up to the data offset (opts
 * borrowed). RK_OK; RK_E_TRUNC when cut short; RK_E_MALFORMED when doff < 5.
 */
RK_API int rk_tcp_decode(struct rk_rd *rd, struct rk_tcp_hdr *h);

/*
 * Option iterator over a cursor on the option bytes. Returns 1 with *opt
 * filled, 0 at the end (after EOL, which is returned once, or when no bytes
 * are left), RK_E_MALFORMED when an option length is < 2 or runs past the
 * bytes. Every call consumes at least one byte.
 */
RK_API int rk_tcp_opt_next(struct rk_rd *rd, struct rk_tcp_opt *opt);

/* Option writers, for building the opts bytes of a header. */
RK_API void rk_tcpopt_eol(struct rk_wr *wr);
RK_API void rk_tcpopt_nop(struct rk_wr *wr);
RK_API void rk_tcpopt_mss(struct rk_wr *wr, uint16_t mss);
RK_API void rk_tcpopt_wscale(struct rk_wr *wr, uint8_t shift);
RK_API void rk_tcpopt_sackok(struct rk_wr *wr);
/* n blocks of [left, right] (at most 4). */
RK_API void rk_tcpopt_sack(struct rk_wr *wr, const uint32_t (*blocks)[2], unsigned n);
RK_API void rk_tcpopt_ts(struct rk_wr *wr, uint32_t tsval, uint32_t tsecr);
/* Any kind: writes kind, len (data_len + 2), data. */
RK_API void rk_tcpopt_raw(struct rk_wr *wr, uint8_t kind, const void *data, size_t data_len);

#ifdef __cplusplus
}
#endif
#endif
