/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * demo_send.c - what scripts/demo.sh runs on the private test network:
 * builds a few packets with rawkit's layered builder (a UDP datagram, a TCP
 * SYN with options, an ICMP echo request, and over IPv6 a UDP datagram and
 * an ICMPv6 echo request) and sends them over raw sockets, the IPv4 ones in
 * one sendmmsg batch. Prints one line per packet sent.
 *
 * Usage: rk-demo-send SRC4 DST4 [SRC6 DST6]
 * Refuses destinations outside 198.18.0.0/15 and 2001:2::/48: it is a demo
 * for the test network, not a general sender.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <rawkit/rawkit.h>
#include <rawkit/sock.h>

#define PKT_MAX 256

static int parse4(const char *s, uint32_t *out)
{
	struct in_addr a;
	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	*out = ntohl(a.s_addr);
	return 0;
}

static int build_udp4(uint8_t *buf, uint32_t src, uint32_t dst)
{
	static const char msg[] = "hello from rawkit";
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src;
	ip.dst = dst;
	ip.id = 1;
	struct rk_udp_hdr udp = {.sport = 40000, .dport = 9};
	rk_build_init(&b, buf, PKT_MAX);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	rk_build_payload(&b, msg, sizeof msg - 1);
	return rk_build_finish(&b);
}

static int build_syn4(uint8_t *buf, uint32_t src, uint32_t dst)
{
	uint8_t opts[40];
	struct rk_wr ow;
	rk_wr_init(&ow, opts, sizeof opts);
	rk_tcpopt_mss(&ow, 1460);
	rk_tcpopt_sackok(&ow);
	rk_tcpopt_ts(&ow, 1, 0);
	rk_tcpopt_nop(&ow);
	rk_tcpopt_wscale(&ow, 7);
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src;
	ip.dst = dst;
	ip.id = 2;
	ip.df = true;
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = 40001;
	tcp.dport = 80;
	tcp.seq = 1;
	tcp.opts = opts;
	tcp.opts_len = rk_wr_len(&ow);
	rk_build_init(&b, buf, PKT_MAX);
	rk_build_ipv4(&b, &ip);
	rk_build_tcp(&b, &tcp);
	return rk_build_finish(&b);
}

static int build_echo4(uint8_t *buf, uint32_t src, uint32_t dst)
{
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src;
	ip.dst = dst;
	ip.id = 3;
	struct rk_icmp_hdr ic = {.type = RK_ICMP_ECHO, .id = 0x4242, .seq = 1};
	rk_build_init(&b, buf, PKT_MAX);
	rk_build_ipv4(&b, &ip);
	rk_build_icmp(&b, &ic);
	rk_build_payload(&b, "rawkit-echo-data", 16);
	return rk_build_finish(&b);
}

static int build6(uint8_t *buf, const uint8_t *src, const uint8_t *dst, int icmp)
{
	struct rk_build b;
	struct rk_ipv6_hdr ip;
	rk_ipv6_init(&ip);
	memcpy(ip.src, src, 16);
	memcpy(ip.dst, dst, 16);
	rk_build_init(&b, buf, PKT_MAX);
	rk_build_ipv6(&b, &ip);
	if (icmp) {
		struct rk_icmp6_hdr ic = {.type = RK_ICMP6_ECHO_REQUEST, .id = 0x4242, .seq = 1};
		rk_build_icmp6(&b, &ic);
		rk_build_payload(&b, "rawkit-echo-data", 16);
	} else {
		struct rk_udp_hdr udp = {.sport = 40000, .dport = 9};
		rk_build_udp(&b, &udp);
		rk_build_payload(&b, "hello from rawkit over IPv6", 27);
	}
	return rk_build_finish(&b);
}

int main(int argc, char **argv)
{
	char err[RK_ERRBUF_SIZE];
	uint32_t src4, dst4;
	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: rk-demo-send SRC4 DST4 [SRC6 DST6]\n");
		return 2;
	}
	if (parse4(argv[1], &src4) || parse4(argv[2], &dst4)) {
		fprintf(stderr, "rk-demo-send: bad IPv4 address '%s' or '%s'\n", argv[1], argv[2]);
		return 2;
	}
	if ((dst4 & 0xfffe0000u) != 0xc6120000u) {
		fprintf(stderr, "rk-demo-send: %s is outside 198.18.0.0/15, the test network\n", argv[2]);
		return 2;
	}

	static uint8_t pkts[3][PKT_MAX];
	int len[3] = {build_udp4(pkts[0], src4, dst4), build_syn4(pkts[1], src4, dst4),
		      build_echo4(pkts[2], src4, dst4)};
	const char *what[3] = {"UDP 40000 > 9 \"hello from rawkit\"", "TCP SYN 40001 > 80 with options",
			       "ICMP echo request id 0x4242 seq 1"};
	struct rk_sock_pkt batch[3];
	for (int i = 0; i < 3; i++) {
		if (len[i] < 0) {
			fprintf(stderr, "rk-demo-send: build: %s\n", rk_strerror(len[i]));
			return 2;
		}
		batch[i].data = pkts[i];
		batch[i].len = (size_t)len[i];
	}

	struct rk_sock *s4;
	if (rk_sock_open_send4(&s4, err) != RK_OK) {
		fprintf(stderr, "rk-demo-send: %s\n", err);
		return 2;
	}
	int sent = rk_sock_send_batch(s4, batch, 3, err);
	rk_sock_close(s4);
	if (sent != 3) {
		fprintf(stderr, "rk-demo-send: sendmmsg: %s\n", sent < 0 ? err : "short batch");
		return 1;
	}
	for (int i = 0; i < 3; i++)
		printf("sent %3d bytes  %s > %s  %s\n", len[i], argv[1], argv[2], what[i]);

	if (argc == 5) {
		uint8_t src6[16], dst6[16];
		if (inet_pton(AF_INET6, argv[3], src6) != 1 || inet_pton(AF_INET6, argv[4], dst6) != 1) {
			fprintf(stderr, "rk-demo-send: bad IPv6 address '%s' or '%s'\n", argv[3], argv[4]);
			return 2;
		}
		static const uint8_t test6[6] = {0x20, 0x01, 0x00, 0x02, 0x00, 0x00};
		if (memcmp(dst6, test6, 6) != 0) {
			fprintf(stderr, "rk-demo-send: %s is outside 2001:2::/48, the test network\n", argv[4]);
			return 2;
		}
		struct rk_sock *s6;
		if (rk_sock_open_send6(&s6, err) != RK_OK) {
			fprintf(stderr, "rk-demo-send: %s\n", err);
			return 2;
		}
		for (int icmp = 0; icmp < 2; icmp++) {
			uint8_t p[PKT_MAX];
			int n = build6(p, src6, dst6, icmp);
			if (n < 0 || rk_sock_send(s6, p, (size_t)n, err) != n) {
				fprintf(stderr, "rk-demo-send: IPv6 send: %s\n", n < 0 ? rk_strerror(n) : err);
				rk_sock_close(s6);
				return 1;
			}
			printf("sent %3d bytes  %s > %s  %s\n", n, argv[3], argv[4],
			       icmp ? "ICMPv6 echo request id 0x4242 seq 1" : "UDP 40000 > 9 over IPv6");
		}
		rk_sock_close(s6);
	}
	return 0;
}
