/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * match.c - which received frame answers a probe, as scapy's sr1 decides
 * it: a packet from the probe's destination back to its source with the
 * ports swapped (TCP, UDP), the matching ICMP/ICMPv6 reply type with the
 * same identifier and sequence (echo, timestamp, information, mask), an
 * ARP reply from the address asked for; or an ICMP/ICMPv6 error anywhere
 * on the path whose quoted datagram is the probe (RFC 792, RFC 4443 2.4):
 * same addresses, IPv4 identification, ports or ICMP id and sequence.
 */
#include <string.h>
#include "craft.h"

static const struct rk_layer *first_of(const struct rk_pkt *p, unsigned from, bool inner,
				       int k1, int k2, int k3, int k4)
{
	for (unsigned i = from; i < p->n; i++) {
		const struct rk_layer *l = &p->layer[i];
		if (((l->flags & RK_LAYER_INNER) != 0) != inner)
			continue;
		if (l->kind == k1 || l->kind == k2 || l->kind == k3 || l->kind == k4)
			return l;
	}
	return NULL;
}

static unsigned index_of(const struct rk_pkt *p, const struct rk_layer *l)
{
	return (unsigned)(l - p->layer);
}

int craft_probe_key(const struct rk_pkt *probe, struct craft_probe *k)
{
	memset(k, 0, sizeof(*k));
	const struct rk_layer *ip = first_of(probe, 0, false, RK_LAYER_IPV4, RK_LAYER_IPV6, RK_LAYER_ARP, -1);
	if (!ip)
		return -1;
	if (ip->kind == RK_LAYER_ARP) {
		if (ip->h.arp.plen != 4)
			return -1;
		memcpy(k->arp_tpa, ip->h.arp.tpa, 4);
		return 0;
	}
	if (ip->kind == RK_LAYER_IPV4) {
		k->ipver = 4;
		k->src4 = ip->h.ipv4.src;
		k->dst4 = ip->h.ipv4.dst;
		k->ip_id = ip->h.ipv4.id;
	} else {
		k->ipver = 6;
		memcpy(k->src6, ip->h.ipv6.src, 16);
		memcpy(k->dst6, ip->h.ipv6.dst, 16);
	}
	const struct rk_layer *t = first_of(probe, index_of(probe, ip) + 1, false, RK_LAYER_TCP,
					    RK_LAYER_UDP, RK_LAYER_ICMP, RK_LAYER_ICMP6);
	k->l4 = t ? t->kind : RK_LAYER_NONE;
	if (!t)
		return 0;
	switch (t->kind) {
	case RK_LAYER_TCP:
		k->sport = t->h.tcp.sport;
		k->dport = t->h.tcp.dport;
		break;
	case RK_LAYER_UDP:
		k->sport = t->h.udp.sport;
		k->dport = t->h.udp.dport;
		break;
	case RK_LAYER_ICMP:
		k->icmp_type = t->h.icmp.type;
		k->icmp_id = t->h.icmp.id;
		k->icmp_seq = t->h.icmp.seq;
		break;
	default:
		k->icmp_type = t->h.icmp6.type;
		k->icmp_id = t->h.icmp6.id;
		k->icmp_seq = t->h.icmp6.seq;
		break;
	}
	return 0;
}

/* Addresses of an IP layer against the probe's, straight or swapped. */
static bool addrs(const struct craft_probe *k, const struct rk_layer *ip, bool swapped)
{
	if (ip->kind == RK_LAYER_IPV4) {
		if (k->ipver != 4)
			return false;
		return swapped ? ip->h.ipv4.src == k->dst4 && ip->h.ipv4.dst == k->src4 :
				 ip->h.ipv4.src == k->src4 && ip->h.ipv4.dst == k->dst4;
	}
	if (k->ipver != 6)
		return false;
	return swapped ? !memcmp(ip->h.ipv6.src, k->dst6, 16) && !memcmp(ip->h.ipv6.dst, k->src6, 16) :
			 !memcmp(ip->h.ipv6.src, k->src6, 16) && !memcmp(ip->h.ipv6.dst, k->dst6, 16);
}

/* The reply type of an ICMP query, -1 when the type has none. */
static int icmp_reply_type(uint8_t t)
{
	switch (t) {
	case RK_ICMP_ECHO: return RK_ICMP_ECHOREPLY;
	case RK_ICMP_TSTAMP: return RK_ICMP_TSTAMPREPLY;
	case 15: return 16; /* information request / reply */
	case 17: return 18; /* address mask request / reply */
	}
	return -1;
}

/* A transport layer l of the frame against the probe's; swapped: an answer
   (ports reversed, reply types), else the probe itself quoted. */
static bool transport(const struct craft_probe *k, const struct rk_layer *l, bool swapped)
{
	if (k->l4 == RK_LAYER_NONE)
		return true;
	if (!l || l->kind != k->l4)
		return false;
	switch (l->kind) {
	case RK_LAYER_TCP:
		return swapped ? l->h.tcp.sport == k->dport && l->h.tcp.dport == k->sport :
				 l->h.tcp.sport == k->sport && l->h.tcp.dport == k->dport;
	case RK_LAYER_UDP:
		return swapped ? l->h.udp.sport == k->dport && l->h.udp.dport == k->sport :
				 l->h.udp.sport == k->sport && l->h.udp.dport == k->dport;
	case RK_LAYER_ICMP: {
		const struct rk_icmp_hdr *h = &l->h.icmp;
		if (!swapped)
			return h->type == k->icmp_type && h->id == k->icmp_id && h->seq == k->icmp_seq;
		if (rk_icmp_is_error(h->type))
			return false;
		int want = icmp_reply_type(k->icmp_type);
		if (want < 0)
			return true; /* a query we know no reply for: any non-error */
		return h->type == want && h->id == k->icmp_id && h->seq == k->icmp_seq;
	}
	default: {
		const struct rk_icmp6_hdr *h = &l->h.icmp6;
		if (!swapped)
			return h->type == k->icmp_type && h->id == k->icmp_id && h->seq == k->icmp_seq;
		if (rk_icmp6_is_error(h->type))
			return false;
		if (k->icmp_type != RK_ICMP6_ECHO_REQUEST)
			return true;
		return h->type == RK_ICMP6_ECHO_REPLY && h->id == k->icmp_id && h->seq == k->icmp_seq;
	}
	}
}

int craft_probe_match(const struct craft_probe *k, const struct rk_pkt *f)
{
	const struct rk_layer *ip = first_of(f, 0, false, RK_LAYER_IPV4, RK_LAYER_IPV6, RK_LAYER_ARP, -1);
	if (!ip)
		return 0;
	if (ip->kind == RK_LAYER_ARP)
		return k->ipver == 0 && ip->h.arp.op == RK_ARP_REPLY && ip->h.arp.plen == 4 &&
		       memcmp(ip->h.arp.spa, k->arp_tpa, 4) == 0;
	unsigned after = index_of(f, ip) + 1;
	const struct rk_layer *t = first_of(f, after, false, RK_LAYER_TCP, RK_LAYER_UDP, RK_LAYER_ICMP,
					    RK_LAYER_ICMP6);

	/* An error about the probe, from anywhere (a router on the path). */
	bool err = t && ((t->kind == RK_LAYER_ICMP && rk_icmp_is_error(t->h.icmp.type)) ||
			 (t->kind == RK_LAYER_ICMP6 && rk_icmp6_is_error(t->h.icmp6.type)));
	if (err) {
		const struct rk_layer *qip = first_of(f, after, true, RK_LAYER_IPV4, RK_LAYER_IPV6, -1, -1);
		if (!qip || !addrs(k, qip, false))
			return 0;
		if (qip->kind == RK_LAYER_IPV4 && k->ip_id && qip->h.ipv4.id != k->ip_id)
			return 0;
		const struct rk_layer *qt = first_of(f, index_of(f, qip) + 1, true, RK_LAYER_TCP,
						     RK_LAYER_UDP, RK_LAYER_ICMP, RK_LAYER_ICMP6);
		if (!qt) /* quoted too little to tell: the addresses (and id) will do */
			return 1;
		return transport(k, qt, false);
	}
	return addrs(k, ip, true) && transport(k, t, true);
}

const char *craft_probe_filter(void)
{
	return "ip or ip6 or arp";
}
