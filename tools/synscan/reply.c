/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * reply.c - rk-synscan's reading of one captured frame (pure code: no I/O
 * but the answers neigh.c sends): the link layer stripped, the IP and TCP
 * or ICMP headers read through rawkit's bounds-checked reader, and the
 * reply checked against the SYN cookie before it is believed: a SYN-ACK
 * or RST must acknowledge cookie + 1, an ICMP destination unreachable must
 * quote a probe whose sequence number is the cookie of the quoted 4-tuple
 * (zmap's validate.c idea). Nothing is allocated per reply; the result set
 * (results.c) drops duplicates. ARP requests and neighbour solicitations
 * go to neigh.c. tests/fuzz/fuzz_synscan_reply.c feeds it any bytes.
 *
 * RFC 9293 (TCP), RFC 792 (ICMP type 3), RFC 4443 (ICMPv6 type 1).
 */
#include <string.h>
#include "rawkit/icmp.h"
#include "rawkit/ipv4.h"
#include "rawkit/ipv6.h"
#include "rawkit/link.h"
#include "rawkit/rd.h"
#include "rawkit/tcp.h"
#include "scan.h"
#include "util.h"

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define ETHERTYPE_ARP 0x0806
#define LINK_ARP (-1) /* strip_link: an ARP packet follows */
#define ICMP4_UNREACH 3
#define ICMP6_UNREACH 1
#define ND_SOLICIT 135

/* Skip the link-layer header; the IP version (4 or 6), LINK_ARP, or 0. */
static int strip_link(int linktype, struct rk_rd *rd)
{
	uint16_t type = 0;
	switch (linktype) {
	case RK_DLT_EN10MB:
		rk_rd_skip(rd, 12);
		type = rk_rd_u16(rd);
		while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) {
			rk_rd_skip(rd, 2);
			type = rk_rd_u16(rd);
		}
		break;
	case RK_DLT_LINUX_SLL:
		rk_rd_skip(rd, 14);
		type = rk_rd_u16(rd);
		break;
	case RK_DLT_LINUX_SLL2:
		type = rk_rd_u16(rd);
		rk_rd_skip(rd, 18);
		break;
	case RK_DLT_NULL:
	case RK_DLT_LOOP:
		rk_rd_skip(rd, 4);
		/* the version nibble tells */
		__attribute__((fallthrough));
	case RK_DLT_RAW:
	case RK_DLT_IPV4:
	case RK_DLT_IPV6: {
		uint8_t v = rk_rd_peek_u8(rd, 0) >> 4;
		return rk_rd_err(rd) ? 0 : v == 4 || v == 6 ? v : 0;
	}
	default: return 0;
	}
	if (rk_rd_err(rd))
		return 0;
	return type == ETHERTYPE_IPV4	? 4
	       : type == ETHERTYPE_IPV6 ? 6
	       : type == ETHERTYPE_ARP	? LINK_ARP
					: 0;
}

/* Record a validated reply to the probe of (target, port). */
static void found(struct scan *sc, const struct rk_target_addr *target, uint16_t port,
		  struct result *r, const struct rk_frame *f)
{
	int64_t ti = rk_targets_find(&sc->targets, target);
	int pi = rk_ports_find(&sc->ports, port);
	if (ti < 0 || pi < 0) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	r->key = (uint64_t)ti * sc->ports.n + (uint64_t)pi + 1;
	r->family = (uint8_t)target->family;
	atomic_fetch_add(&sc->rx_valid, 1);
	int added = results_add(&sc->res, r);
	if (added == 0) {
		atomic_fetch_add(&sc->rx_dup, 1);
		return;
	}
	if (added < 0) {
		if (!sc->oom_warned)
			tool_warn("out of memory for results: further replies are only counted");
		sc->oom_warned = true;
		return;
	}
	if (r->state == ST_OPEN)
		atomic_fetch_add(&sc->n_open, 1);
	else if (r->state == ST_CLOSED)
		atomic_fetch_add(&sc->n_closed, 1);
	else
		atomic_fetch_add(&sc->n_filtered, 1);
	out_result(sc, r, &f->ts);
}

static bool our_port(const struct scan *sc, uint16_t port)
{
	return (uint16_t)(port - sc->sport_base) < sc->sport_count;
}

/* A TCP segment from target:tport to us:uport. */
static void on_tcp(struct scan *sc, struct rk_rd *rd, const struct rk_target_addr *target,
		   uint8_t ttl, const struct rk_frame *f)
{
	struct rk_tcp_hdr tcp;
	if (rk_tcp_decode(rd, &tcp) == RK_E_MALFORMED || !our_port(sc, tcp.dport)) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	/* Options cut by the snap length (RK_E_TRUNC) leave the fixed fields. */
	if (tcp.ack - 1 != probe_cookie(sc, target, tcp.dport, tcp.sport)) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	struct result r = {.ttl = ttl, .win = tcp.win};
	if ((tcp.flags & (RK_TCP_SYN | RK_TCP_ACK)) == (RK_TCP_SYN | RK_TCP_ACK) &&
	    !(tcp.flags & RK_TCP_RST)) {
		r.state = ST_OPEN;
		r.reason = RS_SYNACK;
	} else if (tcp.flags & RK_TCP_RST) {
		r.state = ST_CLOSED;
		r.reason = RS_RESET;
	} else {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	found(sc, target, tcp.sport, &r, f);
}

/* The first 8 bytes of a quoted TCP header: ports and sequence number. */
static void on_quote(struct scan *sc, struct rk_rd *rd, const struct rk_target_addr *target,
		     uint8_t type, uint8_t code, uint8_t ttl, const struct rk_frame *f)
{
	uint16_t sport = rk_rd_u16(rd), dport = rk_rd_u16(rd);
	uint32_t seq = rk_rd_u32(rd);
	if (rk_rd_err(rd) || !our_port(sc, sport) ||
	    seq != probe_cookie(sc, target, sport, dport)) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	struct result r = {.state = ST_FILTERED,
			   .reason = RS_ICMP,
			   .icmp_type = type,
			   .icmp_code = code,
			   .ttl = ttl};
	found(sc, target, dport, &r, f);
}

static void on_ipv4(struct scan *sc, struct rk_rd *rd, const struct rk_frame *f)
{
	struct rk_ipv4_hdr ip;
	if (rk_ipv4_decode(rd, &ip) != RK_OK || !sc->have_src4 || ip.dst != sc->src4 || ip.mf ||
	    ip.frag) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	if (ip.len >= (size_t)ip.ihl * 4)
		rk_rd_limit(rd, ip.len - (size_t)ip.ihl * 4);
	struct rk_target_addr t = {.family = 4, .v4 = ip.src};
	if (ip.proto == RK_IPPROTO_TCP) {
		on_tcp(sc, rd, &t, ip.ttl, f);
		return;
	}
	if (ip.proto != RK_IPPROTO_ICMP)
		return;
	uint8_t type = rk_rd_u8(rd), code = rk_rd_u8(rd);
	rk_rd_skip(rd, 6);
	struct rk_ipv4_hdr in;
	if (type != ICMP4_UNREACH || rk_ipv4_decode(rd, &in) != RK_OK || in.src != sc->src4 ||
	    in.proto != RK_IPPROTO_TCP) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	struct rk_target_addr qt = {.family = 4, .v4 = in.dst};
	on_quote(sc, rd, &qt, type, code, ip.ttl, f);
}

static void on_ipv6(struct scan *sc, struct rk_rd *rd, const struct rk_frame *f)
{
	struct rk_ipv6_hdr ip;
	if (rk_ipv6_decode(rd, &ip) == RK_OK && ip.nh == RK_IPPROTO_ICMPV6 && sc->nd_answer &&
	    rk_rd_peek_u8(rd, 0) == ND_SOLICIT && f->linktype == RK_DLT_EN10MB && f->caplen >= 12) {
		rk_rd_limit(rd, ip.plen);
		neigh_on_ns(sc, rd, &ip, f->data + 6); /* to a multicast group, or to us */
		return;
	}
	if (rk_rd_err(rd) || !sc->have_src6 || memcmp(ip.dst, sc->src6, 16)) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	rk_rd_limit(rd, ip.plen);
	struct rk_target_addr t = {.family = 6};
	memcpy(t.v6, ip.src, 16);
	if (ip.nh == RK_IPPROTO_TCP) {
		on_tcp(sc, rd, &t, ip.hlim, f);
		return;
	}
	if (ip.nh != RK_IPPROTO_ICMPV6)
		return;
	uint8_t type = rk_rd_u8(rd), code = rk_rd_u8(rd);
	rk_rd_skip(rd, 6);
	struct rk_ipv6_hdr in;
	if (type != ICMP6_UNREACH || rk_ipv6_decode(rd, &in) != RK_OK ||
	    memcmp(in.src, sc->src6, 16) || in.nh != RK_IPPROTO_TCP) {
		atomic_fetch_add(&sc->rx_invalid, 1);
		return;
	}
	struct rk_target_addr qt = {.family = 6};
	memcpy(qt.v6, in.dst, 16);
	on_quote(sc, rd, &qt, type, code, ip.hlim, f);
}

void recv_frame(struct scan *sc, const struct rk_frame *f)
{
	struct rk_rd rd;
	rk_rd_init(&rd, f->data, f->caplen);
	int v = strip_link(f->linktype, &rd);
	if (v == 4)
		on_ipv4(sc, &rd, f);
	else if (v == 6)
		on_ipv6(sc, &rd, f);
	else if (v == LINK_ARP)
		neigh_on_arp(sc, &rd);
}
