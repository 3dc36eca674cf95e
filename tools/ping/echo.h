/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * echo.h - rk-ping's packets: echo requests built with rawkit's layered
 * builder, and received packets decoded with rk_decode() and sorted into
 * "a reply to us", "an ICMP error about one of our requests", "our own
 * request" (seen in a recording) and "someone else's". Pure: no sockets.
 *
 * The data of a request is laid out as iputils ping lays it out: the send
 * time as a struct timeval (host order) in the first 16 bytes when there is
 * room, then bytes 16, 17, 18 ... (the byte's offset, modulo 256), or the
 * -p pattern repeated from the first data byte.
 */
#ifndef RK_PING_ECHO_H
#define RK_PING_ECHO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <rawkit/pkt.h>

#include "opts.h"

#define PING_TIMEVAL_LEN 16 /* sizeof(struct timeval) on LP64, as iputils */

/* What is built: a whole IP packet (raw sockets, recordings) or only the
   ICMP message (the unprivileged datagram socket writes the IP header). */
enum ping_build_mode { PING_BUILD_IP = 0, PING_BUILD_ICMP };

struct ping_probe {
	int family; /* 4 or 6 */
	enum ping_build_mode mode;
	uint32_t src4, dst4; /* host order */
	uint8_t src6[16], dst6[16];
	uint8_t ttl;	/* IPv4 TTL / IPv6 hop limit */
	uint8_t tos;	/* IPv4 TOS / IPv6 traffic class */
	bool df;	/* IPv4 don't fragment */
	uint16_t ip_id; /* IPv4 id of request 1; request n has ip_id + n - 1, never 0 */
	uint16_t ident;
	size_t datalen;
	bool multicast;	     /* replies may come from any address */
	uint8_t fill[65536]; /* the data bytes (timestamp area overwritten per request) */
};

/* Set up the data bytes from the options (pattern or default fill). */
void ping_probe_fill(struct ping_probe *p, const struct ping_opts *o);

/* Whether requests carry a timestamp, hence time= in the output. */
static inline bool ping_probe_timing(const struct ping_probe *p)
{
	return p->datalen >= PING_TIMEVAL_LEN;
}

/*
 * Build request seq (request number num, for the IPv4 id) sent at wall time
 * *wall into buf. Returns its length, or a negative rk_err (RK_E_NOSPACE).
 * IPv4: header with our TTL, TOS, DF and id, the header checksum and the
 * ICMP checksum filled by rawkit. IPv6: header with our hop limit and
 * traffic class; the ICMPv6 checksum (pseudo-header included) is rawkit's
 * too. PING_BUILD_ICMP: the ICMP/ICMPv6 message only.
 */
int ping_probe_build(const struct ping_probe *p, uint16_t seq, uint64_t num,
		     const struct timespec *wall, uint8_t *buf, size_t cap);

enum ping_rx_kind {
	PING_RX_OTHER = 0,   /* not about us */
	PING_RX_REPLY,	     /* echo reply carrying our identifier */
	PING_RX_ERROR,	     /* an ICMP error quoting one of our requests */
	PING_RX_NOTICE,	     /* redirect or source quench about our request (not an error) */
	PING_RX_OWN_REQUEST, /* one of our own requests (in a recording) */
};

struct ping_rx_info {
	enum ping_rx_kind kind;
	uint16_t seq;
	int family;
	uint32_t from4; /* the packet's source, host order */
	uint8_t from6[16];
	int ttl;	   /* outer TTL / hop limit, -1 when unknown */
	uint32_t icmp_len; /* ICMP bytes (header + data): iputils' "N bytes" */
	bool csum_bad;
	bool truncated;	    /* fewer data bytes than we sent */
	uint8_t type, code; /* of the outer ICMP message */
	uint32_t info;	    /* MTU (frag needed / packet too big), pointer, gateway */
};

/*
 * Decode one frame (linktype: an RK_DLT_*) and sort it. pkt is scratch
 * space for the decoder. For the datagram mode, frames are whole IP
 * packets too (the receive side puts a header back, see io.h).
 */
void ping_rx_classify(const struct ping_probe *p, const uint8_t *data, uint32_t caplen,
		      uint32_t wire_len, int linktype, struct rk_pkt *pkt,
		      struct ping_rx_info *out);

#endif
