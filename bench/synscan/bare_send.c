/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bare_send.c - the machine's raw send limit for SYN probes, measured with
 * bare loops and nothing else: no permutation, no cookie, no receiver.
 * Each mode sends COUNT TCP SYNs (a template whose destination port, or
 * destination address, and checksums change per packet, as a scanner's
 * do) as fast as the kernel takes them, bounded by COUNT and SECONDS:
 *
 *   sendto       raw IPv4 socket, IP_HDRINCL, one sendto() per packet
 *   sendmmsg     the same, 64 packets per sendmmsg()
 *   packet       AF_PACKET socket, whole Ethernet frames, one sendto() each
 *   packet_mmsg  AF_PACKET, 64 frames per sendmmsg()
 *   txring       AF_PACKET with a PACKET_TX_RING (TPACKET_V2), one send()
 *                per 256 frames, PACKET_QDISC_BYPASS
 *
 * Usage: bare_send MODE IFNAME SRC DST DST_MAC COUNT SECONDS [sweep]
 *   DST: the target; ports 1-65535 in turn ("sweep": DST is the first of
 *   a /16, port 80, addresses in turn). Prints "MODE packets seconds pps".
 * Only for the private test network of bench/synscan/run.sh.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rawkit/build.h"
#include "rawkit/csum.h"

#define BATCH 64
#define RING_FRAMES 4096
#define FRAME_SIZE 256
#define RING_FLUSH 256

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct tmpl {
	uint8_t pkt[128];
	size_t len, l3; /* frame length; IP header offset (14 with Ethernet) */
	uint16_t ipc, tcpc;
	uint32_t dst;
};

static void build(struct tmpl *t, int eth, const uint8_t smac[6], const uint8_t dmac[6],
		  uint32_t src, uint32_t dst)
{
	struct rk_build b;
	rk_build_init(&b, t->pkt, sizeof t->pkt);
	if (eth) {
		struct rk_eth_hdr e = {0};
		memcpy(e.src, smac, 6);
		memcpy(e.dst, dmac, 6);
		(void)rk_build_eth(&b, &e);
	}
	t->l3 = rk_build_len(&b);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src;
	ip.dst = t->dst = dst;
	ip.id = 1;
	(void)rk_build_ipv4(&b, &ip);
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = 61000;
	tcp.dport = 80;
	tcp.seq = 12345;
	tcp.win = 1024;
	(void)rk_build_tcp(&b, &tcp);
	int n = rk_build_finish(&b);
	if (n < 0) {
		fprintf(stderr, "bare_send: template: %s\n", rk_strerror(n));
		exit(2);
	}
	t->len = (size_t)n;
	t->ipc = (uint16_t)(t->pkt[t->l3 + 10] << 8 | t->pkt[t->l3 + 11]);
	t->tcpc = (uint16_t)(t->pkt[t->l3 + 36] << 8 | t->pkt[t->l3 + 37]);
}

/* Packet i: port 1 + i % 65535 to dst, or port 80 to dst + i % 65536. */
static void make(const struct tmpl *t, uint64_t i, int sweep, uint8_t *out)
{
	memcpy(out, t->pkt, t->len);
	uint8_t *ip = out + t->l3, *tcp = ip + 20;
	if (sweep) {
		uint32_t d = t->dst + (uint32_t)(i % 65536);
		ip[16] = (uint8_t)(d >> 24), ip[17] = (uint8_t)(d >> 16);
		ip[18] = (uint8_t)(d >> 8), ip[19] = (uint8_t)d;
		uint16_t c = rk_csum_update32(t->ipc, t->dst, d);
		ip[10] = (uint8_t)(c >> 8), ip[11] = (uint8_t)c;
		c = rk_csum_update32(t->tcpc, t->dst, d);
		tcp[16] = (uint8_t)(c >> 8), tcp[17] = (uint8_t)c;
	} else {
		uint16_t p = (uint16_t)(1 + i % 65535);
		tcp[2] = (uint8_t)(p >> 8), tcp[3] = (uint8_t)p;
		uint16_t c = rk_csum_update16(t->tcpc, 80, p);
		tcp[16] = (uint8_t)(c >> 8), tcp[17] = (uint8_t)c;
	}
}

static int parse_mac(const char *s, uint8_t m[6])
{
	unsigned v[6];
	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		m[i] = (uint8_t)v[i];
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 8) {
		fprintf(stderr,
			"usage: bare_send MODE IFNAME SRC DST DST_MAC COUNT SECONDS [sweep]\n");
		return 2;
	}
	const char *mode = argv[1], *ifname = argv[2];
	struct in_addr s4, d4;
	uint8_t dmac[6], smac[6] = {0};
	uint64_t count = strtoull(argv[6], NULL, 10);
	double limit = atof(argv[7]);
	int sweep = argc > 8 && !strcmp(argv[8], "sweep");
	if (inet_pton(AF_INET, argv[3], &s4) != 1 || inet_pton(AF_INET, argv[4], &d4) != 1 ||
	    parse_mac(argv[5], dmac) || count == 0 || limit <= 0) {
		fprintf(stderr, "bare_send: bad arguments\n");
		return 2;
	}
	int ifindex = (int)if_nametoindex(ifname);
	if (!ifindex) {
		perror(ifname);
		return 2;
	}
	int eth = strncmp(mode, "send", 4) != 0;
	int fd;
	if (eth) {
		fd = socket(AF_PACKET, SOCK_RAW, 0);
		char path[128];
		snprintf(path, sizeof path, "/sys/class/net/%s/address", ifname);
		FILE *f = fopen(path, "r");
		char buf[32] = "";
		if (!f || !fgets(buf, sizeof buf, f) || parse_mac(buf, smac)) {
			fprintf(stderr, "bare_send: no MAC for %s\n", ifname);
			return 2;
		}
		fclose(f);
	} else {
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	}
	if (fd < 0) {
		perror("socket");
		return 2;
	}
	struct tmpl t;
	build(&t, eth, smac, dmac, ntohl(s4.s_addr), ntohl(d4.s_addr));
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr = d4};
	struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_ifindex = ifindex, .sll_halen = 6};
	memcpy(sll.sll_addr, dmac, 6);

	uint64_t sent = 0;
	static uint8_t bufs[BATCH][128];
	struct mmsghdr msg[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in dsts[BATCH];
	double t0 = now(), deadline = t0 + limit;

	if (!strcmp(mode, "sendto") || !strcmp(mode, "packet")) {
		while (sent < count) {
			make(&t, sent, sweep, bufs[0]);
			ssize_t r;
			if (eth) {
				r = sendto(fd, bufs[0], t.len, 0, (struct sockaddr *)&sll,
					   sizeof sll);
			} else {
				sin.sin_addr.s_addr =
				    htonl(t.dst + (sweep ? (uint32_t)(sent % 65536) : 0));
				r = sendto(fd, bufs[0], t.len, 0, (struct sockaddr *)&sin,
					   sizeof sin);
			}
			if (r < 0 && errno != ENOBUFS) {
				perror("sendto");
				return 1;
			}
			if (r >= 0)
				sent++;
			if ((sent & 1023) == 0 && now() > deadline)
				break;
		}
	} else if (!strcmp(mode, "sendmmsg") || !strcmp(mode, "packet_mmsg")) {
		while (sent < count && now() < deadline) {
			unsigned n = count - sent < BATCH ? (unsigned)(count - sent) : BATCH;
			for (unsigned i = 0; i < n; i++) {
				make(&t, sent + i, sweep, bufs[i]);
				iov[i] = (struct iovec){bufs[i], t.len};
				memset(&msg[i], 0, sizeof msg[i]);
				msg[i].msg_hdr.msg_iov = &iov[i];
				msg[i].msg_hdr.msg_iovlen = 1;
				if (eth) {
					msg[i].msg_hdr.msg_name = &sll;
					msg[i].msg_hdr.msg_namelen = sizeof sll;
				} else {
					dsts[i] = sin;
					dsts[i].sin_addr.s_addr = htonl(
					    t.dst + (sweep ? (uint32_t)((sent + i) % 65536) : 0));
					msg[i].msg_hdr.msg_name = &dsts[i];
					msg[i].msg_hdr.msg_namelen = sizeof dsts[i];
				}
			}
			int r = sendmmsg(fd, msg, n, 0);
			if (r < 0 && errno != ENOBUFS) {
				perror("sendmmsg");
				return 1;
			}
			if (r > 0)
				sent += (uint64_t)r;
		}
	} else if (!strcmp(mode, "txring")) {
		int v = TPACKET_V2, one = 1;
		struct tpacket_req req = {.tp_block_size = 4096 * 4,
					  .tp_frame_size = FRAME_SIZE,
					  .tp_block_nr = RING_FRAMES * FRAME_SIZE / (4096 * 4),
					  .tp_frame_nr = RING_FRAMES};
		if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0 ||
		    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) < 0 ||
		    setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req) < 0) {
			perror("PACKET_TX_RING");
			return 1;
		}
		struct sockaddr_ll bind_ll = {.sll_family = AF_PACKET,
					      .sll_protocol = htons(ETH_P_IP),
					      .sll_ifindex = ifindex};
		if (bind(fd, (struct sockaddr *)&bind_ll, sizeof bind_ll) < 0) {
			perror("bind");
			return 1;
		}
		uint8_t *ring = mmap(NULL, (size_t)RING_FRAMES * FRAME_SIZE, PROT_READ | PROT_WRITE,
				     MAP_SHARED, fd, 0);
		if (ring == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		unsigned slot = 0, queued = 0;
		while (sent < count && now() < deadline) {
			struct tpacket2_hdr *h =
			    (struct tpacket2_hdr *)(ring + (size_t)slot * FRAME_SIZE);
			if (h->tp_status != TP_STATUS_AVAILABLE) {
				/* Ring full: flush and wait for the kernel to free frames. */
				if (send(fd, NULL, 0, 0) < 0 && errno != ENOBUFS &&
				    errno != EAGAIN) {
					perror("send");
					return 1;
				}
				struct pollfd p = {fd, POLLOUT, 0};
				poll(&p, 1, 1);
				continue;
			}
			uint8_t *data = (uint8_t *)h + TPACKET2_HDRLEN - sizeof(struct sockaddr_ll);
			make(&t, sent, sweep, data);
			h->tp_len = (uint32_t)t.len;
			__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
			slot = (slot + 1) % RING_FRAMES;
			sent++;
			if (++queued == RING_FLUSH) {
				queued = 0;
				if (send(fd, NULL, 0, 0) < 0 && errno != ENOBUFS &&
				    errno != EAGAIN) {
					perror("send");
					return 1;
				}
			}
		}
		while (send(fd, NULL, 0, 0) < 0 && (errno == ENOBUFS || errno == EAGAIN))
			;
	} else {
		fprintf(stderr, "bare_send: unknown mode %s\n", mode);
		return 2;
	}
	double el = now() - t0;
	printf("%s %llu %.4f %.0f\n", mode, (unsigned long long)sent, el, (double)sent / el);
	return 0;
}
