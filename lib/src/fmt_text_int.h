/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_text_int.h - what the two halves of the text formatter share:
 * fmt_text.c (timestamps, link layers, ARP, IPv4, IPv6) and fmt_text_l4.c
 * (TCP, UDP, ICMP, ICMPv6).
 */
#ifndef RAWKIT_FMT_TEXT_INT_H
#define RAWKIT_FMT_TEXT_INT_H

#include "fmt_int.h"
#include "rawkit/pkt.h"
#include "rawkit/rd.h"

struct rkint_txt {
	struct rkint_out *o;
	const struct rk_pkt *p;
	const struct rk_fmt_opts *opt;
};

/* Layer i, or NULL past the list. */
const struct rk_layer *rkint_txt_layer(const struct rkint_txt *t, unsigned i);
/* The source or destination of an ipv4 or ipv6 layer. */
void rkint_txt_addr(struct rkint_txt *t, const struct rk_layer *ip, bool dst);
/* "src > dst: " */
void rkint_txt_addrs(struct rkint_txt *t, const struct rk_layer *ip);
/* Bytes of ip's datagram (as its header declares) from layer l's start. */
uint32_t rkint_txt_left(const struct rk_layer *ip, const struct rk_layer *l);
/* A cursor over the frame's captured bytes from offset off. */
void rkint_txt_bytes(const struct rkint_txt *t, struct rk_rd *rd, uint64_t off);
/* " [<pkt->error>]" when the decoder stopped on malformed input. */
void rkint_txt_error(struct rkint_txt *t);

/* Transport layer i inside ip. addrs: print the addresses with the ports
   (the transport header follows the IP header directly). */
void rkint_txt_tcp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip, bool addrs);
void rkint_txt_udp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip, bool addrs);
/* After "src > dst: ". */
void rkint_txt_icmp(struct rkint_txt *t, unsigned i, const struct rk_layer *ip);
void rkint_txt_icmp6(struct rkint_txt *t, unsigned i, const struct rk_layer *ip);

#endif
