/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io_live.h - opening rk-ping's live backends (see io.h): raw sockets for
 * root / CAP_NET_RAW, the unprivileged ICMP datagram socket otherwise.
 * Both are opened before privileges are dropped and keep working after.
 */
#ifndef RK_PING_IO_LIVE_H
#define RK_PING_IO_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "io.h"

struct ping_live_cfg {
	int family;	     /* 4 or 6 */
	const char *iface;   /* -I NAME, or NULL */
	bool broadcast;	     /* -b: allow a broadcast destination */
	uint16_t ident;	     /* raw: our identifier (filters other pingers out) */
	uint32_t src4, dst4; /* host order */
	uint8_t src6[16], dst6[16];
	int rcvbuf; /* receive buffer wanted, bytes */
};

/*
 * Raw sockets: rawkit's IP_HDRINCL sender (sock.h) and a raw ICMP/ICMPv6
 * receiver with kernel timestamps. RK_OK; RK_E_PERM (no root, no
 * CAP_NET_RAW: errbuf says so); RK_E_INVAL (no such interface); RK_E_SYS.
 */
int ping_io_open_raw(struct ping_io **out, const struct ping_live_cfg *c, char *errbuf);

/*
 * The unprivileged ICMP datagram socket, bound to the source address; the
 * kernel picks the identifier (*ident). RK_OK; RK_E_PERM (the group is
 * outside net.ipv4.ping_group_range: errbuf says so); RK_E_SYS.
 */
int ping_io_open_dgram(struct ping_io **out, const struct ping_live_cfg *c, uint16_t *ident,
		       char *errbuf);

/* Close the backend (NULL is ignored). */
void ping_io_close(struct ping_io *io);

#endif
