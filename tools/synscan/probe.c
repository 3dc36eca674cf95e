/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * probe.c - the SYN probe: a template built once with rawkit's layered
 * builder, then per probe only the destination address, the ports, the
 * sequence number (the SipHash cookie) and the IPv4 id change, and both
 * checksums follow by RFC 1624 incremental update from the template's
 * (the masscan templ-pkt.c approach: no per-probe summing).
 *
 * The SYN looks like nmap's: window 1024, one option (MSS 1460), no
 * payload, so targets answer it as they answer nmap -sS. For the layer-2
 * path (l2.c) the template starts with the Ethernet header; the IPv4
 * header checksum is then ours alone (no kernel fills it in).
 */
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"
#include "scan.h"

#define IP4_ID_OFF 4
#define IP4_CSUM_OFF 10
#define IP4_DST_OFF 16
#define IP6_DST_OFF 24
#define TCP_SPORT_OFF 0
#define TCP_DPORT_OFF 2
#define TCP_SEQ_OFF 4
#define TCP_CSUM_OFF 16

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int probe_tmpl_init(struct probe_tmpl *t, const struct scan *sc, int family, bool eth)
{
	struct rk_build b;
	struct rk_tcp_hdr tcp;
	uint8_t opts[4];
	struct rk_wr ow;

	memset(t, 0, sizeof *t);
	t->family = family;
	t->sport = sc->sport_base;
	t->dport = 80;
	t->seq = 0;
	rk_build_init(&b, t->pkt, sizeof t->pkt);
	if (eth) {
		struct rk_eth_hdr e = {0};
		memcpy(e.src, sc->own_mac, 6);
		memcpy(e.dst, sc->hop_mac, 6);
		(void)rk_build_eth(&b, &e);
	}
	t->l3 = rk_build_len(&b);
	if (family == 4) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.ttl = sc->ttl;
		ip.src = sc->src4;
		ip.dst = t->dst4 = 0xc6120002; /* any value: patched per probe */
		ip.id = t->id = 1;
		(void)rk_build_ipv4(&b, &ip);
	} else {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		ip.hlim = sc->ttl;
		memcpy(ip.src, sc->src6, 16);
		memset(ip.dst, 0, 16);
		(void)rk_build_ipv6(&b, &ip);
	}
	t->l4 = rk_build_len(&b);
	rk_wr_init(&ow, opts, sizeof opts);
	rk_tcpopt_mss(&ow, 1460);
	rk_tcp_init(&tcp);
	tcp.sport = t->sport;
	tcp.dport = t->dport;
	tcp.seq = t->seq;
	tcp.flags = RK_TCP_SYN;
	tcp.win = sc->win;
	tcp.opts = opts;
	tcp.opts_len = sizeof opts;
	(void)rk_build_tcp(&b, &tcp);
	int len = rk_build_finish(&b);
	if (len < 0)
		return len;
	t->len = (size_t)len;
	if (family == 4)
		t->ip_csum = get16(t->pkt + t->l3 + IP4_CSUM_OFF);
	t->tcp_csum = get16(t->pkt + t->l4 + TCP_CSUM_OFF);
	return RK_OK;
}

uint16_t probe_sport(const struct scan *sc, uint64_t idx, unsigned pass)
{
	return (uint16_t)(sc->sport_base + (idx + pass) % sc->sport_count);
}

uint32_t probe_cookie(const struct scan *sc, const struct rk_target_addr *dst, uint16_t sport,
		      uint16_t dport)
{
	if (dst->family == 4) {
		uint8_t s[4], d[4];
		put32(s, sc->src4);
		put32(d, dst->v4);
		return rk_siphash_cookie(&sc->key, s, d, 4, sport, dport);
	}
	return rk_siphash_cookie(&sc->key, sc->src6, dst->v6, 16, sport, dport);
}

void probe_make(const struct scan *sc, const struct probe_tmpl *t, uint64_t idx, unsigned pass,
		uint8_t *out, const struct rk_target_addr *dst, uint16_t *dport, uint16_t *sport)
{
	*dport = sc->ports.port[idx % sc->ports.n];
	*sport = probe_sport(sc, idx, pass);
	uint32_t seq = probe_cookie(sc, dst, *sport, *dport);

	memcpy(out, t->pkt, t->len);
	uint8_t *ip = out + t->l3, *tcp = out + t->l4;
	uint16_t tc = t->tcp_csum;
	if (t->family == 4) {
		uint16_t id = (uint16_t)(seq >> 16 ^ seq);
		put16(ip + IP4_ID_OFF, id);
		put32(ip + IP4_DST_OFF, dst->v4);
		uint16_t ic = rk_csum_update16(t->ip_csum, t->id, id);
		put16(ip + IP4_CSUM_OFF, rk_csum_update32(ic, t->dst4, dst->v4));
		tc = rk_csum_update32(tc, t->dst4, dst->v4);
	} else {
		memcpy(ip + IP6_DST_OFF, dst->v6, 16);
		for (int i = 0; i < 16; i += 4) {
			uint32_t o = (uint32_t)t->dst6[i] << 24 | (uint32_t)t->dst6[i + 1] << 16 |
				     (uint32_t)t->dst6[i + 2] << 8 | t->dst6[i + 3];
			uint32_t n = (uint32_t)dst->v6[i] << 24 | (uint32_t)dst->v6[i + 1] << 16 |
				     (uint32_t)dst->v6[i + 2] << 8 | dst->v6[i + 3];
			tc = rk_csum_update32(tc, o, n);
		}
	}
	put16(tcp + TCP_SPORT_OFF, *sport);
	put16(tcp + TCP_DPORT_OFF, *dport);
	put32(tcp + TCP_SEQ_OFF, seq);
	tc = rk_csum_update16(tc, t->sport, *sport);
	tc = rk_csum_update16(tc, t->dport, *dport);
	tc = rk_csum_update32(tc, t->seq, seq);
	put16(tcp + TCP_CSUM_OFF, tc);
}
