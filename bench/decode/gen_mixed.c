/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gen_mixed.c - rk-bench-gen: write a pcap of N mixed Ethernet frames for
 * the decoder benchmark, built with rawkit's layered builder: IPv4 and IPv6
 * (about 3:1), TCP SYNs with MSS/SACK-permitted/timestamps/window-scale
 * options, TCP data segments with timestamps, UDP datagrams, ICMP and
 * ICMPv6 echoes. Addresses come from a pool of 4096 hosts per family drawn
 * from the whole address space: spread widely (not one prefix), yet a
 * bounded set of hosts as real traffic has. (With a fresh random address
 * per packet, tcpdump's per-address cache grows to millions of entries and
 * it slows superlinearly: 19k packets/s at 1M packets, which would flatter
 * rawkit.) The file is never sent anywhere. Deterministic for a seed.
 * Usage: rk-bench-gen FILE COUNT [SEED]
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rawkit/rawkit.h>

static uint64_t rng;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static void rnd_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

#define POOL 4096
static uint32_t pool4[POOL];
static uint8_t pool6[POOL][16];

static void make_pools(void)
{
	for (unsigned i = 0; i < POOL; i++) {
		pool4[i] = rnd() << 16 ^ rnd();
		rnd_bytes(pool6[i], 16);
	}
}

static int build_one(uint8_t *buf, size_t cap, unsigned kind)
{
	static const uint8_t payload[1400];
	struct rk_build b;
	struct rk_eth_hdr eth = {.dst = {2, 0, 0, 0, 0, 2}, .src = {2, 0, 0, 0, 0, 1}};
	rk_build_init(&b, buf, cap);
	rk_build_eth(&b, &eth);
	int v6 = rnd() % 4 == 0;
	if (v6) {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, pool6[rnd() % POOL], 16);
		memcpy(ip.dst, pool6[rnd() % POOL], 16);
		ip.flow = rnd() & 0xfffff;
		rk_build_ipv6(&b, &ip);
	} else {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = pool4[rnd() % POOL];
		ip.dst = pool4[rnd() % POOL];
		ip.id = (uint16_t)rnd();
		ip.df = true;
		ip.ttl = (uint8_t)(32 + rnd() % 96);
		rk_build_ipv4(&b, &ip);
	}
	uint8_t opts[40];
	struct rk_wr ow;
	rk_wr_init(&ow, opts, sizeof opts);
	switch (kind % 10) {
	case 0: case 1: case 2: { /* SYN with options */
		rk_tcpopt_mss(&ow, 1460);
		rk_tcpopt_sackok(&ow);
		rk_tcpopt_ts(&ow, rnd(), 0);
		rk_tcpopt_nop(&ow);
		rk_tcpopt_wscale(&ow, 7);
		struct rk_tcp_hdr t;
		rk_tcp_init(&t);
		t.sport = (uint16_t)(1024 + rnd() % 60000);
		t.dport = (uint16_t)(rnd() % 1024);
		t.seq = rnd() << 16 ^ rnd();
		t.opts = opts;
		t.opts_len = rk_wr_len(&ow);
		rk_build_tcp(&b, &t);
		break;
	}
	case 3: case 4: case 5: { /* data segment with timestamps */
		rk_tcpopt_nop(&ow);
		rk_tcpopt_nop(&ow);
		rk_tcpopt_ts(&ow, rnd(), rnd());
		struct rk_tcp_hdr t;
		rk_tcp_init(&t);
		t.flags = RK_TCP_ACK | RK_TCP_PSH;
		t.sport = (uint16_t)(rnd() % 1024);
		t.dport = (uint16_t)(1024 + rnd() % 60000);
		t.seq = rnd() << 16 ^ rnd();
		t.ack = rnd() << 16 ^ rnd();
		t.win = (uint16_t)rnd();
		t.opts = opts;
		t.opts_len = rk_wr_len(&ow);
		rk_build_tcp(&b, &t);
		rk_build_payload(&b, payload, rnd() % 1400);
		break;
	}
	case 6: case 7: case 8: { /* UDP */
		struct rk_udp_hdr u = {.sport = (uint16_t)rnd(), .dport = (uint16_t)(rnd() % 2 ? 53 : 443)};
		rk_build_udp(&b, &u);
		rk_build_payload(&b, payload, 20 + rnd() % 500);
		break;
	}
	default: /* echo request */
		if (v6) {
			struct rk_icmp6_hdr ic = {.type = RK_ICMP6_ECHO_REQUEST, .id = (uint16_t)rnd(), .seq = (uint16_t)rnd()};
			rk_build_icmp6(&b, &ic);
		} else {
			struct rk_icmp_hdr ic = {.type = RK_ICMP_ECHO, .id = (uint16_t)rnd(), .seq = (uint16_t)rnd()};
			rk_build_icmp(&b, &ic);
		}
		rk_build_payload(&b, payload, 56);
		break;
	}
	return rk_build_finish(&b);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: rk-bench-gen FILE COUNT [SEED]\n");
		return 2;
	}
	unsigned long count = strtoul(argv[2], NULL, 10);
	rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 0x5eed;
	if (!rng)
		rng = 1;
	make_pools();
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	pcap_dumper_t *d = pcap_dump_open(dead, argv[1]);
	if (!d) {
		fprintf(stderr, "rk-bench-gen: %s\n", pcap_geterr(dead));
		return 2;
	}
	static uint8_t buf[2048];
	for (unsigned long i = 0; i < count; i++) {
		int n = build_one(buf, sizeof buf, rnd());
		if (n < 0) {
			fprintf(stderr, "rk-bench-gen: build: %s\n", rk_strerror(n));
			return 1;
		}
		struct pcap_pkthdr h = {.caplen = (bpf_u_int32)n, .len = (bpf_u_int32)n};
		h.ts.tv_sec = 1700000000 + (long)(i / 100000);
		h.ts.tv_usec = (long)(i % 100000) * 10;
		pcap_dump((u_char *)d, &h, buf);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return 0;
}
