/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_build.c - the layered builder: packets built with rawkit equal the
 * same packets built by scapy (vectors_scapy.h), byte for byte, checksums
 * included; fields fixed by the caller are kept, even when wrong; stacked
 * VLAN TPIDs; and a buffer too small by any amount fails with RK_E_NOSPACE
 * without writing a byte past it.
 */
#include <stdint.h>
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"
#include "testlib.h"
#include "vectors_scapy.h"

#define A4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
static const uint8_t doc6_1[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t doc6_2[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
static const uint8_t mac1[6] = {2, 0, 0, 0, 0, 1};
static const uint8_t mac2[6] = {2, 0, 0, 0, 0, 2};

/* Each builder fills b from scratch (into a buffer of cap bytes) and returns finish's result. */
typedef int (*build_fn)(uint8_t *buf, size_t cap);

static int b_ipv4_tcp_syn(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	uint8_t opts[40];
	struct rk_wr ow;
	rk_wr_init(&ow, opts, sizeof opts);
	rk_tcpopt_mss(&ow, 1460);
	rk_tcpopt_sackok(&ow);
	rk_tcpopt_ts(&ow, 1, 0);
	rk_tcpopt_nop(&ow);
	rk_tcpopt_wscale(&ow, 7);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 0x1234;
	ip.df = true;
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(198, 18, 0, 2);
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = 40000;
	tcp.dport = 80;
	tcp.seq = 1;
	tcp.opts = opts;
	tcp.opts_len = rk_wr_len(&ow);
	rk_build_init(&b, buf, cap);
	rk_build_ipv4(&b, &ip);
	rk_build_tcp(&b, &tcp);
	return rk_build_finish(&b);
}

static int b_eth_ipv4_udp(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	struct rk_eth_hdr eth = {0};
	memcpy(eth.src, mac1, 6);
	memcpy(eth.dst, mac2, 6);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 7;
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	struct rk_udp_hdr udp = {.sport = 5353, .dport = 53};
	rk_build_init(&b, buf, cap);
	rk_build_eth(&b, &eth);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, "hello", 5);
	return rk_build_finish(&b);
}

static int b_ipv6_icmp6_echo(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	memcpy(ip.src, doc6_1, 16);
	memcpy(ip.dst, doc6_2, 16);
	struct rk_icmp6_hdr ic = {.type = RK_ICMP6_ECHO_REQUEST, .id = 1, .seq = 2};
	rk_build_init(&b, buf, cap);
	rk_build_ipv6(&b, &ip);
	rk_build_icmp6(&b, &ic);
	rk_build_payload(&b, "abcdefgh", 8);
	return rk_build_finish(&b);
}

static int b_ipv4_opts_icmp_echo(uint8_t *buf, size_t cap)
{
	static const uint8_t rr[] = {7, 7, 4, 0, 0, 0, 0}; /* record route, one slot */
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 1;
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	ip.opts = rr;
	ip.opts_len = sizeof rr;
	struct rk_icmp_hdr ic = {.type = RK_ICMP_ECHO, .id = 0x42, .seq = 3};
	rk_build_init(&b, buf, cap);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	rk_build_payload(&b, "ping", 4);
	return rk_build_finish(&b);
}

static int b_eth_vlan_arp(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	struct rk_eth_hdr eth = {0};
	memcpy(eth.src, mac1, 6);
	memset(eth.dst, 0xff, 6);
	struct rk_vlan_hdr vlan = {.vid = 10, .pcp = 3};
	struct rk_arp_hdr arp;
	rk_arp_init(&arp);
	memcpy(arp.sha, mac1, 6);
	memcpy(arp.spa, (uint8_t[]){192, 0, 2, 1}, 4);
	memcpy(arp.tpa, (uint8_t[]){192, 0, 2, 2}, 4);
	rk_build_init(&b, buf, cap);
	rk_build_eth(&b, &eth);
	rk_build_vlan(&b, &vlan);
	rk_build_arp(&b, &arp);
	return rk_build_finish(&b);
}

static int b_ipv6_hop_frag_udp(uint8_t *buf, size_t cap)
{
	static const uint8_t router_alert[] = {5, 2, 0, 0};
	struct rk_build b;
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	memcpy(ip.src, doc6_1, 16);
	memcpy(ip.dst, doc6_2, 16);
	struct rk_ipv6_opts_hdr hop = {.opts = router_alert, .opts_len = sizeof router_alert};
	struct rk_ipv6_frag_hdr frag = {.id = 0x11223344};
	struct rk_udp_hdr udp = {.sport = 1, .dport = 2};
	rk_build_init(&b, buf, cap);
	rk_build_ipv6(&b, &ip);
	rk_build_ipv6_opts(&b, RK_LAYER_IPV6_HOP, &hop);
	rk_build_ipv6_frag(&b, &frag);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, "x", 1);
	return rk_build_finish(&b);
}

static int b_icmp_timxceed_quote(uint8_t *buf, size_t cap)
{
	/* The quoted probe is itself built with rawkit. */
	uint8_t probe[64];
	struct rk_build q;
	struct rk_ipv4_hdr qip;
	rk_ipv4_init(&qip);
	qip.id = 9;
	qip.ttl = 1;
	qip.src = A4(192, 0, 2, 2);
	qip.dst = A4(192, 0, 2, 9);
	struct rk_udp_hdr qudp = {.sport = 33434, .dport = 33435};
	rk_build_init(&q, probe, sizeof probe);
	rk_build_ipv4(&q, &qip);
	rk_build_udp(&q, &qudp);
	rk_build_payload(&q, "probe-data", 10);
	int qlen = rk_build_finish(&q);
	if (qlen < 0)
		return qlen;

	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 2;
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	struct rk_icmp_hdr ic = {.type = RK_ICMP_TIMXCEED};
	rk_build_init(&b, buf, cap);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	rk_build_payload(&b, probe, rk_icmp_quote_len(probe, (size_t)qlen));
	return rk_build_finish(&b);
}

static int b_ipv6_route_tcp(uint8_t *buf, size_t cap)
{
	uint8_t data[20] = {0}; /* 4 reserved bytes, then one address */
	memcpy(data + 4, doc6_1, 16);
	data[4 + 15] = 0x99;
	struct rk_build b;
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	memcpy(ip.src, doc6_1, 16);
	memcpy(ip.dst, doc6_2, 16);
	struct rk_ipv6_route_hdr rt = {.rtype = 0, .segleft = 1, .data = data, .data_len = sizeof data};
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = 1234;
	tcp.dport = 80;
	tcp.win = 1024;
	tcp.seq = 5;
	rk_build_init(&b, buf, cap);
	rk_build_ipv6(&b, &ip);
	rk_build_ipv6_route(&b, &rt);
	rk_build_tcp(&b, &tcp);
	return rk_build_finish(&b);
}

static int b_ipip(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	struct rk_ipv4_hdr outer, inner;
	rk_ipv4_init(&outer);
	outer.id = 3;
	outer.src = A4(192, 0, 2, 1);
	outer.dst = A4(192, 0, 2, 2);
	rk_ipv4_init(&inner);
	inner.id = 4;
	inner.src = A4(192, 0, 2, 3);
	inner.dst = A4(192, 0, 2, 4);
	struct rk_udp_hdr udp = {.sport = 7, .dport = 7};
	rk_build_init(&b, buf, cap);
	rk_build_ipv4(&b, &outer);
	rk_build_ipv4(&b, &inner);
	rk_build_udp(&b, &udp);
	return rk_build_finish(&b);
}

static int b_icmp_tstamp(uint8_t *buf, size_t cap)
{
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.id = 5;
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	struct rk_icmp_hdr ic = {.type = RK_ICMP_TSTAMP, .id = 9, .seq = 10, .otime = 1000};
	rk_build_init(&b, buf, cap);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	return rk_build_finish(&b);
}

/* Segment routing header with a segment left: the UDP checksum's
   pseudo-header uses Segment List[0] (RFC 8754 2), as scapy does. */
static int b_ipv6_srh_udp(uint8_t *buf, size_t cap)
{
	uint8_t data[36] = {1, 0, 0, 0}; /* last entry 1, flags, tag */
	memcpy(data + 4, doc6_1, 16);
	data[4 + 15] = 0xfe;
	memcpy(data + 20, doc6_2, 16);
	struct rk_build b;
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	memcpy(ip.src, doc6_1, 16);
	memcpy(ip.dst, doc6_2, 16);
	struct rk_ipv6_route_hdr rt = {.rtype = 4, .segleft = 1, .data = data, .data_len = sizeof data};
	struct rk_udp_hdr udp = {.sport = 40000, .dport = 7777};
	rk_build_init(&b, buf, cap);
	rk_build_ipv6(&b, &ip);
	rk_build_ipv6_route(&b, &rt);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, "srh", 3);
	return rk_build_finish(&b);
}

struct vec {
	const char *name;
	build_fn fn;
	const uint8_t *want;
	size_t len;
};

#define VEC(n) {#n, b_##n, v_##n, sizeof v_##n}
static const struct vec vecs[] = {
	VEC(ipv4_tcp_syn), VEC(eth_ipv4_udp), VEC(ipv6_icmp6_echo), VEC(ipv4_opts_icmp_echo),
	VEC(eth_vlan_arp), VEC(ipv6_hop_frag_udp), VEC(icmp_timxceed_quote), VEC(ipv6_route_tcp),
	VEC(ipip), VEC(icmp_tstamp), VEC(ipv6_srh_udp),
};

static void test_vectors(void)
{
	for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
		uint8_t buf[256];
		int n = vecs[i].fn(buf, sizeof buf);
		if (n != (int)vecs[i].len)
			fprintf(stderr, "vector %s\n", vecs[i].name);
		CHECK_EQ(n, vecs[i].len);
		if (n == (int)vecs[i].len)
			CHECK_MEM(buf, vecs[i].want, vecs[i].len);
	}
}

/* Every capacity short of the packet fails cleanly and writes nothing past it. */
static void test_overflow(void)
{
	for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
		for (size_t cap = 0; cap < vecs[i].len; cap++) {
			uint8_t buf[300];
			memset(buf, 0xa5, sizeof buf);
			int n = vecs[i].fn(buf, cap);
			CHECK_EQ(n, RK_E_NOSPACE);
			size_t past = 0;
			for (size_t k = cap; k < sizeof buf; k++)
				past += buf[k] != 0xa5;
			CHECK_EQ(past, 0);
		}
	}
}

/* Fields the caller fixes are written as given, however wrong. */
static void test_fixed_fields(void)
{
	uint8_t buf[128];
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	ip.ihl = 3;
	ip.len = 0;
	ip.csum = 0xdead;
	ip.proto = 99;
	ip.set = RK_IPV4_SET_IHL | RK_IPV4_SET_LEN | RK_IPV4_SET_CSUM | RK_IPV4_SET_PROTO;
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.doff = 2;
	tcp.csum = 0xbeef;
	tcp.set = RK_TCP_SET_DOFF | RK_TCP_SET_CSUM;
	rk_build_init(&b, buf, sizeof buf);
	rk_build_ipv4(&b, &ip);
	rk_build_tcp(&b, &tcp);
	CHECK_EQ(rk_build_finish(&b), 40);
	CHECK_EQ(buf[0], 0x43);
	CHECK_EQ(rk_get_be16(buf + 2), 0);
	CHECK_EQ(buf[9], 99);
	CHECK_EQ(rk_get_be16(buf + 10), 0xdead);
	CHECK_EQ(buf[20 + 12] >> 4, 2);
	CHECK_EQ(rk_get_be16(buf + 20 + 16), 0xbeef);

	/* UDP with a fixed short length: the checksum still covers udp.len bytes. */
	struct rk_udp_hdr udp = {.sport = 1, .dport = 2, .len = 9, .set = RK_UDP_SET_LEN};
	rk_ipv4_init(&ip);
	ip.src = A4(192, 0, 2, 1);
	ip.dst = A4(192, 0, 2, 2);
	rk_build_init(&b, buf, sizeof buf);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, "abcd", 4);
	CHECK_EQ(rk_build_finish(&b), 32);
	CHECK_EQ(rk_get_be16(buf + 24), 9);
	uint32_t s = rk_csum_pseudo4(ip.src, ip.dst, 17, 9);
	CHECK_EQ(rk_csum_finish(rk_csum_partial(buf + 20, 9, s)), 0);
	CHECK_EQ(rk_csum(buf, 20), 0); /* IPv4 header checksum verifies */
}

/* 802.1ad outer tag then 802.1Q: each TPID lands in the header before it. */
static void test_qinq(void)
{
	uint8_t buf[128];
	struct rk_build b;
	struct rk_eth_hdr eth = {0};
	struct rk_vlan_hdr outer = {.vid = 100, .tpid = RK_ETHERTYPE_QINQ};
	struct rk_vlan_hdr inner = {.vid = 200, .dei = true, .pcp = 7};
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	rk_build_init(&b, buf, sizeof buf);
	rk_build_eth(&b, &eth);
	rk_build_vlan(&b, &outer);
	rk_build_vlan(&b, &inner);
	rk_build_ipv6(&b, &ip);
	CHECK_EQ(rk_build_finish(&b), 14 + 4 + 4 + 40);
	CHECK_EQ(rk_get_be16(buf + 12), 0x88a8);
	CHECK_EQ(rk_get_be16(buf + 14), 100);
	CHECK_EQ(rk_get_be16(buf + 16), 0x8100);
	CHECK_EQ(rk_get_be16(buf + 18), 0xf000 | 200);
	CHECK_EQ(rk_get_be16(buf + 20), 0x86dd);
	CHECK_EQ(buf[22 + 6], RK_IPPROTO_NONE); /* nothing follows: no next header */
	CHECK_EQ(rk_get_be16(buf + 22 + 4), 0);
}

/* A failing push is sticky; the layer table has a bound. */
static void test_sticky(void)
{
	uint8_t buf[8];
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	rk_build_init(&b, buf, sizeof buf);
	CHECK_EQ(rk_build_ipv4(&b, &ip), RK_E_NOSPACE);
	CHECK_EQ(rk_build_payload(&b, "", 0), RK_E_NOSPACE);
	CHECK_EQ(rk_build_finish(&b), RK_E_NOSPACE);

	uint8_t big[64];
	rk_build_init(&b, big, sizeof big);
	for (int i = 0; i < RK_BUILD_MAX_LAYERS; i++)
		CHECK_EQ(rk_build_payload(&b, "a", 1), RK_OK);
	CHECK_EQ(rk_build_payload(&b, "a", 1), RK_E_NOSPACE);

	uint8_t opts[41] = {0};
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.opts = opts;
	tcp.opts_len = sizeof opts;
	rk_build_init(&b, big, sizeof big);
	CHECK_EQ(rk_build_tcp(&b, &tcp), RK_E_INVAL);
}

int main(void)
{
	test_vectors();
	test_overflow();
	test_fixed_fields();
	test_qinq();
	test_sticky();
	return TEST_END();
}
