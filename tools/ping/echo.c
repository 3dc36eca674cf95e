/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * echo.c - rk-ping's echo requests (RFC 792, RFC 4443 section 4.1) built
 * with rawkit's layered builder, and what comes back sorted with
 * rk_decode(): echo replies matched by identifier (and source and data),
 * ICMP errors matched by the request they quote (RFC 792: the IP header and
 * the first 8 bytes of our ICMP message: type, identifier, sequence).
 */
#include "echo.h"

#include <string.h>

#include <rawkit/build.h>
#include <rawkit/rd.h>

void ping_probe_fill(struct ping_probe *p, const struct ping_opts *o)
{
	for (size_t i = 0; i < p->datalen && i < sizeof(p->fill); i++)
		p->fill[i] = o->pattern_len ? o->pattern[i % (size_t)o->pattern_len] : (uint8_t)i;
}

/* The timeval as iputils stores it: two host-order longs. */
static void put_timeval(uint8_t *dst, const struct timespec *wall)
{
	int64_t sec = (int64_t)wall->tv_sec, usec = (int64_t)(wall->tv_nsec / 1000);
	memcpy(dst, &sec, 8);
	memcpy(dst + 8, &usec, 8);
}

int ping_probe_build(const struct ping_probe *p, uint16_t seq, uint64_t num,
		     const struct timespec *wall, uint8_t *buf, size_t cap)
{
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	if (p->mode == PING_BUILD_IP && p->family == 4) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = p->src4;
		ip.dst = p->dst4;
		ip.ttl = p->ttl;
		ip.tos = p->tos;
		ip.df = p->df;
		/* rawkit picks the id: Linux would replace a 0 with its own. */
		ip.id = (uint16_t)((p->ip_id + (num - 1)) % 65535u + 1u);
		(void)rk_build_ipv4(&b, &ip);
	} else if (p->mode == PING_BUILD_IP) {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, p->src6, 16);
		memcpy(ip.dst, p->dst6, 16);
		ip.hlim = p->ttl;
		ip.tc = p->tos;
		(void)rk_build_ipv6(&b, &ip);
	}
	if (p->family == 4) {
		struct rk_icmp_hdr h = {.type = RK_ICMP_ECHO, .id = p->ident, .seq = seq};
		(void)rk_build_icmp(&b, &h);
	} else {
		struct rk_icmp6_hdr h = {.type = RK_ICMP6_ECHO_REQUEST, .id = p->ident, .seq = seq};
		(void)rk_build_icmp6(&b, &h);
	}
	/* The data: the fill, the send time over its first 16 bytes. An
	   ICMPv6 message built alone has no pseudo-header to sum: the datagram
	   socket's kernel computes that checksum. */
	uint8_t stamp[PING_TIMEVAL_LEN];
	if (ping_probe_timing(p)) {
		put_timeval(stamp, wall);
		(void)rk_build_payload(&b, stamp, sizeof(stamp));
		(void)rk_build_payload(&b, p->fill + PING_TIMEVAL_LEN,
				       p->datalen - PING_TIMEVAL_LEN);
	} else {
		(void)rk_build_payload(&b, p->fill, p->datalen);
	}
	return rk_build_finish(&b);
}

/* Bytes [off, off + n) of the frame, or NULL when not all captured. */
static const uint8_t *frame_bytes(const uint8_t *data, uint32_t caplen, uint32_t off, size_t n)
{
	struct rk_rd rd;
	rk_rd_init(&rd, data, caplen);
	rk_rd_skip(&rd, off);
	const uint8_t *b = rk_rd_bytes(&rd, n);
	return rk_rd_err(&rd) ? NULL : b;
}

static bool same_addr(int family, const struct rk_layer *ip, bool src, uint32_t a4,
		      const uint8_t *a6)
{
	if (family == 4)
		return (src ? ip->h.ipv4.src : ip->h.ipv4.dst) == a4;
	return memcmp(src ? ip->h.ipv6.src : ip->h.ipv6.dst, a6, 16) == 0;
}

/* The echo header of layer l (ICMP or ICMPv6), as type/code/id/seq. */
static void icmp_fields(const struct rk_layer *l, uint8_t *type, uint8_t *code, uint16_t *id,
			uint16_t *seq)
{
	if (l->kind == RK_LAYER_ICMP) {
		*type = l->h.icmp.type;
		*code = l->h.icmp.code;
		*id = l->h.icmp.id;
		*seq = l->h.icmp.seq;
	} else {
		*type = l->h.icmp6.type;
		*code = l->h.icmp6.code;
		*id = l->h.icmp6.id;
		*seq = l->h.icmp6.seq;
	}
}

/* Does the echoed data match what we sent (beyond the timestamp)? Only
   the captured bytes are compared. */
static bool data_matches(const struct ping_probe *p, const struct rk_pkt *pkt, unsigned icmp_i)
{
	if (icmp_i + 1 >= pkt->n || pkt->layer[icmp_i + 1].kind != RK_LAYER_PAYLOAD)
		return true; /* no data (-s 0) or not captured */
	const struct rk_layer *pl = &pkt->layer[icmp_i + 1];
	size_t have = pl->h.payload.caplen;
	size_t from = ping_probe_timing(p) ? PING_TIMEVAL_LEN : 0;
	size_t upto = have < p->datalen ? have : p->datalen;
	if (upto <= from)
		return true;
	const uint8_t *d =
	    frame_bytes(pkt->data, pkt->caplen, pl->offset + (uint32_t)from, upto - from);
	return d && memcmp(d, p->fill + from, upto - from) == 0;
}

void ping_rx_classify(const struct ping_probe *p, const uint8_t *data, uint32_t caplen,
		      uint32_t wire_len, int linktype, struct rk_pkt *pkt, struct ping_rx_info *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = PING_RX_OTHER;
	out->ttl = -1;
	if (rk_decode(data, caplen, wire_len, linktype, pkt) != RK_OK)
		return;

	/* The outer IP layer and the ICMP message it carries. */
	unsigned ip_i = pkt->n, icmp_i = pkt->n;
	int want_ip = p->family == 4 ? RK_LAYER_IPV4 : RK_LAYER_IPV6;
	int want_icmp = p->family == 4 ? RK_LAYER_ICMP : RK_LAYER_ICMP6;
	for (unsigned i = 0; i < pkt->n; i++) {
		const struct rk_layer *l = &pkt->layer[i];
		if (l->flags & RK_LAYER_INNER)
			break;
		if (ip_i == pkt->n && (l->kind == RK_LAYER_IPV4 || l->kind == RK_LAYER_IPV6)) {
			if (l->kind != want_ip)
				return;
			ip_i = i;
		} else if (ip_i < pkt->n && l->kind == want_icmp) {
			icmp_i = i;
			break;
		}
	}
	if (icmp_i == pkt->n || (pkt->layer[icmp_i].flags & RK_LAYER_TRUNCATED))
		return;
	const struct rk_layer *ip = &pkt->layer[ip_i], *icmp = &pkt->layer[icmp_i];

	out->family = p->family;
	if (p->family == 4) {
		out->from4 = ip->h.ipv4.src;
		out->ttl = ip->h.ipv4.ttl;
	} else {
		memcpy(out->from6, ip->h.ipv6.src, 16);
		out->ttl = ip->h.ipv6.hlim;
	}
	uint64_t ip_end = p->family == 4 ? (uint64_t)ip->offset + ip->h.ipv4.len
					 : (uint64_t)ip->offset + RK_IPV6_HLEN + ip->h.ipv6.plen;
	if (ip_end < icmp->offset || ip_end > wire_len)
		ip_end = wire_len;
	out->icmp_len = (uint32_t)(ip_end - icmp->offset);
	out->csum_bad = icmp->csum_ok == RK_CSUM_BAD;

	uint8_t type, code;
	uint16_t id, seq;
	icmp_fields(icmp, &type, &code, &id, &seq);
	out->type = type;
	out->code = code;
	uint8_t t_reply = p->family == 4 ? RK_ICMP_ECHOREPLY : RK_ICMP6_ECHO_REPLY;
	uint8_t t_request = p->family == 4 ? RK_ICMP_ECHO : RK_ICMP6_ECHO_REQUEST;

	if (type == t_reply) {
		if (id != p->ident)
			return;
		if (!p->multicast && !same_addr(p->family, ip, true, p->dst4, p->dst6))
			return;
		if (!out->csum_bad && !data_matches(p, pkt, icmp_i))
			return; /* same identifier, someone else's data */
		out->kind = PING_RX_REPLY;
		out->seq = seq;
		out->truncated = out->icmp_len < p->datalen + RK_ICMP_HLEN;
		return;
	}
	if (type == t_request) {
		if (id == p->ident && same_addr(p->family, ip, true, p->src4, p->src6) &&
		    same_addr(p->family, ip, false, p->dst4, p->dst6)) {
			out->kind = PING_RX_OWN_REQUEST;
			out->seq = seq;
		}
		return;
	}
	bool is_error = p->family == 4 ? rk_icmp_is_error(type) : rk_icmp6_is_error(type);
	if (!is_error)
		return;
	/* Our own stack's error about our own request (IPv6 "packet too big"
	   for a send it refused): the send already reported it. */
	if (same_addr(p->family, ip, true, p->src4, p->src6))
		return;

	/* The quotation: our request's IP header, then its ICMP header. */
	unsigned qip = pkt->n, qicmp = pkt->n;
	for (unsigned i = icmp_i + 1; i < pkt->n; i++) {
		const struct rk_layer *l = &pkt->layer[i];
		if (!(l->flags & RK_LAYER_INNER))
			break;
		if (qip == pkt->n && l->kind == want_ip)
			qip = i;
		else if (qip < pkt->n && l->kind == want_icmp) {
			qicmp = i;
			break;
		}
	}
	if (qicmp == pkt->n || pkt->layer[qicmp].cap_len < RK_ICMP_HLEN)
		return;
	if (!same_addr(p->family, &pkt->layer[qip], false, p->dst4, p->dst6))
		return;
	uint8_t qtype, qcode;
	uint16_t qid, qseq;
	icmp_fields(&pkt->layer[qicmp], &qtype, &qcode, &qid, &qseq);
	if (qtype != t_request || qid != p->ident)
		return;
	out->seq = qseq;
	if (p->family == 4) {
		if (type == RK_ICMP_UNREACH && code == RK_ICMP_UNREACH_NEEDFRAG)
			out->info = icmp->h.icmp.seq;
		else if (type == RK_ICMP_PARAMPROB)
			out->info = (uint32_t)icmp->h.icmp.id >> 8;
		else
			out->info = (uint32_t)icmp->h.icmp.id << 16 | icmp->h.icmp.seq;
		out->kind = type == RK_ICMP_REDIRECT || type == RK_ICMP_SOURCEQUENCH
				? PING_RX_NOTICE
				: PING_RX_ERROR;
	} else {
		out->info = (uint32_t)icmp->h.icmp6.id << 16 | icmp->h.icmp6.seq;
		out->kind = PING_RX_ERROR;
	}
}
