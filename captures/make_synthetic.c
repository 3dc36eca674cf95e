/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * make_synthetic.c - rk-make-captures: writes the synthetic pcap fixtures of
 * captures/ (one line each in captures/README.md), built with rawkit's
 * layered builder, for what real traffic does not produce: every link type,
 * every layer, and every malformed or truncated case of packet-json.md's
 * Rules (shared/packet-json.md).
 *
 *   rk-make-captures OUTDIR
 *
 * Deterministic: fixed addresses (192.0.2.0/24, 2001:db8::/32 and MACs
 * 02:00:00:00:00:xx; none of these packets is ever sent) and fixed
 * timestamps (every file starts at 1700000000.000001 and advances 1 ms a
 * packet), so running it again writes byte-identical files. Each packet is
 * built here in a few lines: its comment says what it is for, which is what
 * a reviewer of a changed golden output needs to know.
 */
#include <limits.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/build.h"
#include "rawkit/csum.h"

#define A4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const uint8_t MAC_A[6] = {0x02, 0, 0, 0, 0, 0x01};
static const uint8_t MAC_B[6] = {0x02, 0, 0, 0, 0, 0x02};
static const uint8_t MAC_BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint32_t IP4_A = A4(192, 0, 2, 1);
static const uint32_t IP4_B = A4(192, 0, 2, 2);
static const uint32_t IP4_R = A4(192, 0, 2, 254);
static const uint8_t IP6_A[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x01};
static const uint8_t IP6_B[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x02};
static const uint8_t IP6_R[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0xfe};
static const uint8_t IP6_C[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x01, [15] = 0x03};
static const uint8_t IP6_ALLNODES[16] = {0xff, 0x02, [15] = 0x01};
static const uint8_t IP6_MLDV2[16] = {0xff, 0x02, [15] = 0x16};
static const uint8_t IP6_SOLNODE_B[16] = {0xff, 0x02, [11] = 0x01, 0xff, 0x00, 0x00, 0x02};
static const uint8_t IP6_LL_A[16] = {0xfe, 0x80, [8] = 0x00, 0, 0, 0xff, 0xfe, 0, 0, 0x01};

/* The output file being written. */
struct gen {
	const char *dir;
	const char *name;
	pcap_t *p;
	pcap_dumper_t *d;
	unsigned n;        /* packets written to this file */
	bool nano;
	int failed;
	unsigned total;
};

/* Bytes of every payload: a readable cycle, as ping's pattern. */
static uint8_t pattern[2048];

static void file_open(struct gen *g, const char *name, int dlt, bool nano)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", g->dir, name);
	g->p = pcap_open_dead_with_tstamp_precision(dlt, 262144,
						    nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
	if (!g->p) {
		fprintf(stderr, "rk-make-captures: pcap_open_dead failed for %s\n", name);
		exit(2);
	}
	g->d = pcap_dump_open(g->p, path);
	if (!g->d) {
		fprintf(stderr, "rk-make-captures: %s: %s\n", path, pcap_geterr(g->p));
		exit(2);
	}
	g->name = name;
	g->n = 0;
	g->nano = nano;
}

static void file_close(struct gen *g)
{
	pcap_dump_close(g->d);
	pcap_close(g->p);
	printf("%-22s %3u packets\n", g->name, g->n);
	g->total += g->n;
}

/* Write one record: ts = 1700000000.000001 + n ms. */
static void emit(struct gen *g, const uint8_t *data, uint32_t caplen, uint32_t len)
{
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof h);
	unsigned ms = g->n;
	h.ts.tv_sec = 1700000000 + ms / 1000;
	/* a nanosecond file keeps tv_usec in nanoseconds (pcap_dump writes it as is) */
	h.ts.tv_usec = g->nano ? (suseconds_t)(1001 + (ms % 1000) * 1000000u) : (suseconds_t)(1 + (ms % 1000) * 1000u);
	h.caplen = caplen;
	h.len = len;
	pcap_dump((u_char *)g->d, &h, data);
	g->n++;
}

#define WHOLE (-1L)

/* Finish b and write it: caplen bytes of it (WHOLE: all), the frame first
   zero-padded (fill byte `fill`) to at least pad bytes, as a NIC pads a
   short Ethernet frame. */
static void put_x(struct gen *g, struct rk_build *b, long caplen, uint32_t pad, uint8_t fill, int line)
{
	int n = rk_build_finish(b);
	if (n < 0) {
		fprintf(stderr, "rk-make-captures: %s packet %u (make_synthetic.c:%d): %s\n", g->name, g->n + 1,
			line, rk_strerror(n));
		g->failed = 1;
		return;
	}
	uint32_t len = (uint32_t)n;
	size_t cap = (size_t)(b->wr.end - b->wr.base);
	if (pad > len && pad <= cap) {
		memset(b->wr.base + len, fill, pad - len);
		len = pad;
	}
	uint32_t c = caplen < 0 || (uint32_t)caplen > len ? len : (uint32_t)caplen;
	emit(g, b->wr.base, c, len);
}

#define PUT(b) put_x(g, (b), WHOLE, 0, 0, __LINE__)
#define PUT_CUT(b, c) put_x(g, (b), (c), 0, 0, __LINE__)
#define PUT_PAD(b, m) put_x(g, (b), WHOLE, (m), 0, __LINE__)
#define PUT_PADX(b, m, f) put_x(g, (b), WHOLE, (m), (f), __LINE__)
#define PUT_PAD_CUT(b, m, c) put_x(g, (b), (c), (m), 0, __LINE__)

/* Finish a datagram built on its own (to be quoted or fragmented). */
static size_t fin_alone(struct gen *g, struct rk_build *b, int line)
{
	int n = rk_build_finish(b);
	if (n < 0) {
		fprintf(stderr, "rk-make-captures: %s datagram for packet %u (make_synthetic.c:%d): %s\n", g->name,
			g->n + 1, line, rk_strerror(n));
		g->failed = 1;
		return 0;
	}
	return (size_t)n;
}
#define FIN_ALONE(b) fin_alone(g, (b), __LINE__)

/* ---- layer helpers: push a header with the usual values ---------------- */

static void eth(struct rk_build *b)
{
	struct rk_eth_hdr h = {0};
	memcpy(h.src, MAC_A, 6);
	memcpy(h.dst, MAC_B, 6);
	rk_build_eth(b, &h);
}

static void eth_rev(struct rk_build *b)
{
	struct rk_eth_hdr h = {0};
	memcpy(h.src, MAC_B, 6);
	memcpy(h.dst, MAC_A, 6);
	rk_build_eth(b, &h);
}

static void eth_type(struct rk_build *b, const uint8_t *dst, uint16_t type)
{
	struct rk_eth_hdr h = {.type = type, .set = type ? RK_ETH_SET_TYPE : 0}; /* 0: filled by finish */
	memcpy(h.src, MAC_A, 6);
	memcpy(h.dst, dst, 6);
	rk_build_eth(b, &h);
}

static struct rk_ipv4_hdr v4h(uint32_t src, uint32_t dst, uint16_t id)
{
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = src;
	h.dst = dst;
	h.id = id;
	h.df = true;
	return h;
}

static void ip4(struct rk_build *b, uint16_t id)
{
	struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, id);
	rk_build_ipv4(b, &h);
}

static void ip4_rev(struct rk_build *b, uint16_t id)
{
	struct rk_ipv4_hdr h = v4h(IP4_B, IP4_A, id);
	rk_build_ipv4(b, &h);
}

static struct rk_ipv6_hdr v6h(const uint8_t *src, const uint8_t *dst)
{
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, src, 16);
	memcpy(h.dst, dst, 16);
	return h;
}

static void ip6(struct rk_build *b)
{
	struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B);
	rk_build_ipv6(b, &h);
}

static void ip6_rev(struct rk_build *b)
{
	struct rk_ipv6_hdr h = v6h(IP6_B, IP6_A);
	rk_build_ipv6(b, &h);
}

static struct rk_tcp_hdr tcph(uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack)
{
	struct rk_tcp_hdr h;
	rk_tcp_init(&h);
	h.sport = sport;
	h.dport = dport;
	h.flags = flags;
	h.seq = seq;
	h.ack = ack;
	return h;
}

static void tcp(struct rk_build *b, uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack)
{
	struct rk_tcp_hdr h = tcph(sport, dport, flags, seq, ack);
	rk_build_tcp(b, &h);
}

static void tcp_opts(struct rk_build *b, uint8_t flags, const uint8_t *opts, size_t opts_len)
{
	struct rk_tcp_hdr h = tcph(40000, 7777, flags, 1000000, flags & RK_TCP_ACK ? 2000000 : 0);
	h.opts = opts;
	h.opts_len = opts_len;
	rk_build_tcp(b, &h);
}

static void udp(struct rk_build *b, uint16_t sport, uint16_t dport)
{
	struct rk_udp_hdr h = {.sport = sport, .dport = dport};
	rk_build_udp(b, &h);
}

static void icmp(struct rk_build *b, uint8_t type, uint8_t code, uint16_t id, uint16_t seq)
{
	struct rk_icmp_hdr h = {.type = type, .code = code, .id = id, .seq = seq};
	rk_build_icmp(b, &h);
}

static void icmp6(struct rk_build *b, uint8_t type, uint8_t code, uint16_t id, uint16_t seq)
{
	struct rk_icmp6_hdr h = {.type = type, .code = code, .id = id, .seq = seq};
	rk_build_icmp6(b, &h);
}

static void data(struct rk_build *b, size_t n)
{
	rk_build_payload(b, pattern, n);
}

static void bytes(struct rk_build *b, const void *p, size_t n)
{
	rk_build_payload(b, p, n);
}

static void vlan(struct rk_build *b, uint16_t tpid, uint8_t pcp, bool dei, uint16_t vid)
{
	struct rk_vlan_hdr h = {.tpid = tpid, .pcp = pcp, .dei = dei, .vid = vid};
	rk_build_vlan(b, &h);
}

static void arp(struct rk_build *b, uint16_t op, const uint8_t *sha, uint32_t spa, const uint8_t *tha, uint32_t tpa)
{
	struct rk_arp_hdr h;
	rk_arp_init(&h);
	h.op = op;
	memcpy(h.sha, sha, 6);
	memcpy(h.tha, tha, 6);
	rk_put_be32(h.spa, spa);
	rk_put_be32(h.tpa, tpa);
	rk_build_arp(b, &h);
}

static void hop_opts(struct rk_build *b, int kind, const uint8_t *opts, size_t n)
{
	struct rk_ipv6_opts_hdr h = {.opts = opts, .opts_len = n};
	rk_build_ipv6_opts(b, kind, &h);
}

static void frag6(struct rk_build *b, uint8_t nh, uint16_t offset, bool m, uint32_t id)
{
	struct rk_ipv6_frag_hdr h = {.nh = nh, .offset = offset, .m = m, .id = id,
				     .set = nh ? RK_IPV6_EXT_SET_NH : 0};
	rk_build_ipv6_frag(b, &h);
}

/* An empty builder over the shared packet buffer. */
static uint8_t pkt_buf[4096];
static uint8_t orig_buf[2048];
#define NEW(b) rk_build_init((b), pkt_buf, sizeof pkt_buf)
#define NEW_ORIG(b) rk_build_init((b), orig_buf, sizeof orig_buf)

/* Router Alert (RFC 2711) as a hop-by-hop option, MLD. */
static const uint8_t RTALERT6[] = {0x05, 0x02, 0x00, 0x00};

/* ======================================================================== */
/* link_eth.pcap: Ethernet II, 802.1Q, 802.1ad stacked, 802.3, ARP, padding */
static void gen_link_eth(struct gen *g)
{
	struct rk_build b;
	file_open(g, "link_eth.pcap", DLT_EN10MB, false);

	/* 1. eth / ipv4 / udp, 60 bytes, no padding needed */
	NEW(&b); eth(&b); ip4(&b, 1); udp(&b, 40000, 7777); data(&b, 18); PUT(&b);
	/* 2. eth / ipv6 / udp */
	NEW(&b); eth(&b); ip6(&b); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	/* 3. 802.1Q tag (pcp 5, vid 100) / ipv4 / icmp echo */
	NEW(&b); eth(&b); vlan(&b, 0, 5, false, 100); ip4(&b, 3); icmp(&b, RK_ICMP_ECHO, 0, 0x0101, 1); data(&b, 16);
	PUT(&b);
	/* 4. 802.1ad outer tag (vid 300) over 802.1Q (pcp 3, dei, vid 100) / ipv6 / icmpv6 echo */
	NEW(&b); eth(&b); vlan(&b, RK_ETHERTYPE_QINQ, 0, false, 300); vlan(&b, RK_ETHERTYPE_VLAN, 3, true, 100);
	ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 0x0202, 1); data(&b, 8); PUT(&b);
	/* 5. ARP request, broadcast, padded to 60 */
	{
		static const uint8_t zero[6];
		struct rk_eth_hdr h = {0};
		memcpy(h.src, MAC_A, 6);
		memcpy(h.dst, MAC_BCAST, 6);
		NEW(&b); rk_build_eth(&b, &h); arp(&b, RK_ARP_REQUEST, MAC_A, IP4_A, zero, IP4_B); PUT_PAD(&b, 60);
	}
	/* 6. ARP reply, unicast, padded to 60 */
	NEW(&b); eth_rev(&b); arp(&b, RK_ARP_REPLY, MAC_B, IP4_B, MAC_A, IP4_A); PUT_PAD(&b, 60);
	/* 7. ARP request inside an 802.1Q tag (vid 4094), padded to 60 */
	{
		static const uint8_t zero[6];
		struct rk_eth_hdr h = {0};
		memcpy(h.src, MAC_A, 6);
		memcpy(h.dst, MAC_BCAST, 6);
		NEW(&b); rk_build_eth(&b, &h); vlan(&b, 0, 0, false, 4094);
		arp(&b, RK_ARP_REQUEST, MAC_A, IP4_A, zero, IP4_B); PUT_PAD(&b, 60);
	}
	/* 8. 802.3 length frame (38 bytes: LLC 42 42 03 + STP configuration BPDU), padded to 60 */
	{
		static const uint8_t stp_dst[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00};
		static const uint8_t llc_bpdu[38] = {
			0x42, 0x42, 0x03,                                     /* LLC: STP SAP, UI */
			0x00, 0x00, 0x00, 0x00, 0x00,                         /* proto 0, version 0, config, flags */
			0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,       /* root id */
			0x00, 0x00, 0x00, 0x00,                               /* root path cost */
			0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,       /* bridge id */
			0x80, 0x01,                                           /* port id */
			0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,       /* age 0, max 20, hello 2, delay 15 */
		};
		NEW(&b); eth_type(&b, stp_dst, sizeof llc_bpdu); bytes(&b, llc_bpdu, sizeof llc_bpdu); PUT_PAD(&b, 60);
	}
	/* 9. 802.3 frame whose length (100) is more than the 46 bytes that follow */
	{
		static const uint8_t dst[6] = {0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
		static const uint8_t llc[3] = {0xe0, 0xe0, 0x03};
		NEW(&b); eth_type(&b, dst, 100); bytes(&b, llc, 3); data(&b, 43); PUT(&b);
	}
	/* 10. unknown EtherType 0x88b5 (IEEE local experimental): payload, the rest of the frame */
	NEW(&b); eth_type(&b, MAC_B, 0x88b5); data(&b, 46); PUT(&b);
	/* 11. 802.1Q tag with an unknown inner EtherType: payload */
	NEW(&b); eth(&b); { struct rk_vlan_hdr v = {.vid = 7, .type = 0x88b5, .set = RK_VLAN_SET_TYPE};
		rk_build_vlan(&b, &v); } data(&b, 42); PUT(&b);
	/* 12. short IP datagram (tcp RST, 40 bytes) padded to 60 with zeros: padding is not payload */
	NEW(&b); eth(&b); ip4(&b, 12); tcp(&b, 7777, 40000, RK_TCP_RST | RK_TCP_ACK, 0, 1000001); PUT_PAD(&b, 60);
	/* 13. the same with non-zero padding (leaked NIC memory): still not payload, not in checksums */
	NEW(&b); eth(&b); ip4(&b, 13); tcp(&b, 7777, 40000, RK_TCP_RST | RK_TCP_ACK, 0, 1000001);
	PUT_PADX(&b, 60, 0xa5);
	/* 14. icmp echo with 4 bytes of data (datagram 32 bytes), padded: payload len 4 */
	NEW(&b); eth(&b); ip4(&b, 14); icmp(&b, RK_ICMP_ECHO, 0, 0x0e0e, 14); data(&b, 4); PUT_PAD(&b, 60);
	/* 15. udp with 2 bytes of data, padded, 802.1Q tagged (padding after the tag's datagram) */
	NEW(&b); eth(&b); vlan(&b, 0, 0, false, 10); ip4(&b, 15); udp(&b, 40000, 7777); data(&b, 2);
	PUT_PAD(&b, 64);
	/* 16. broadcast eth / ipv4 / udp to 255.255.255.255 */
	{
		NEW(&b); eth_type(&b, MAC_BCAST, 0);
		struct rk_ipv4_hdr h = v4h(IP4_A, A4(255, 255, 255, 255), 16);
		h.df = false;
		h.ttl = 1;
		rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 12); PUT(&b);
	}
	file_close(g);
}

/* link_raw.pcap, link_ipv4.pcap, link_ipv6.pcap: no link header */
static void ip_link_packets(struct gen *g, bool v4, bool v6)
{
	struct rk_build b;
	if (v4) {
		NEW(&b); ip4(&b, 1); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
		NEW(&b); ip4_rev(&b, 2); tcp(&b, 7777, 40000, RK_TCP_SYN | RK_TCP_ACK, 5000000, 1000001); PUT(&b);
		NEW(&b); ip4(&b, 3); udp(&b, 40000, 7777); data(&b, 10); PUT(&b);
		NEW(&b); ip4(&b, 4); icmp(&b, RK_ICMP_ECHO, 0, 0x0404, 1); data(&b, 24); PUT(&b);
	}
	if (v6) {
		NEW(&b); ip6(&b); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
		NEW(&b); ip6(&b); udp(&b, 40000, 7777); data(&b, 10); PUT(&b);
		NEW(&b); ip6_rev(&b); icmp6(&b, RK_ICMP6_ECHO_REPLY, 0, 0x0606, 1); data(&b, 24); PUT(&b);
	}
}

static void gen_link_ip(struct gen *g)
{
	struct rk_build b;
	/* DLT_RAW is written as LINKTYPE_RAW (101): version from the first nibble */
	file_open(g, "link_raw.pcap", DLT_RAW, false);
	ip_link_packets(g, true, true);
	/* a RAW packet cut inside the IPv4 header */
	NEW(&b); ip4(&b, 5); udp(&b, 40000, 7777); data(&b, 4); PUT_CUT(&b, 10);
	file_close(g);

	file_open(g, "link_ipv4.pcap", DLT_IPV4, false);
	ip_link_packets(g, true, false);
	file_close(g);

	file_open(g, "link_ipv6.pcap", DLT_IPV6, false);
	ip_link_packets(g, false, true);
	file_close(g);
}

/* link_sll.pcap: Linux cooked capture v1 */
static void sll(struct rk_build *b, uint16_t pkttype, uint16_t hatype, uint16_t halen, const uint8_t *addr, size_t n)
{
	struct rk_sll_hdr h = {.pkttype = pkttype, .hatype = hatype, .halen = halen};
	memcpy(h.addr, addr, n);
	rk_build_sll(b, &h);
}

static void gen_link_sll(struct gen *g)
{
	struct rk_build b;
	static const uint8_t zero[8];
	static const uint8_t ib[8] = {0x80, 0x00, 0x00, 0x48, 0xfe, 0x80, 0x00, 0x00};
	file_open(g, "link_sll.pcap", DLT_LINUX_SLL, false);
	/* pkttype 0 (to us), Ethernet, halen 6 */
	NEW(&b); sll(&b, 0, 1, 6, MAC_A, 6); ip4(&b, 1); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
	/* pkttype 4 (outgoing) / ipv6 / udp */
	NEW(&b); sll(&b, 4, 1, 6, MAC_B, 6); ip6_rev(&b); udp(&b, 7777, 40000); data(&b, 6); PUT(&b);
	/* pkttype 1 (broadcast) / arp request */
	NEW(&b); sll(&b, 1, 1, 6, MAC_A, 6); arp(&b, RK_ARP_REQUEST, MAC_A, IP4_A, zero, IP4_B); PUT(&b);
	/* pkttype 2 (multicast) / ipv6 / icmpv6 echo to ff02::1 */
	{ struct rk_ipv6_hdr h = v6h(IP6_LL_A, IP6_ALLNODES); h.hlim = 1;
	  NEW(&b); sll(&b, 2, 1, 6, MAC_A, 6); rk_build_ipv6(&b, &h); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 7, 1);
	  PUT(&b); }
	/* pkttype 3 (other host) / ipv4 / icmp */
	NEW(&b); sll(&b, 3, 1, 6, MAC_A, 6); ip4(&b, 5); icmp(&b, RK_ICMP_ECHO, 0, 5, 5); data(&b, 8); PUT(&b);
	/* loopback (ARPHRD_LOOPBACK 772), halen 6 all zero */
	NEW(&b); sll(&b, 0, 772, 6, zero, 6); ip4(&b, 6); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	/* tun (ARPHRD_NONE 65534), halen 0 */
	NEW(&b); sll(&b, 0, 65534, 0, zero, 0); ip4(&b, 7); icmp(&b, RK_ICMP_ECHOREPLY, 0, 7, 7); PUT(&b);
	/* InfiniBand (ARPHRD_INFINIBAND 32): halen 20, only the first 8 bytes are in the header */
	NEW(&b); sll(&b, 0, 32, 20, ib, 8); ip4(&b, 8); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	/* unknown protocol 0x88b5: payload */
	{ struct rk_sll_hdr h = {.pkttype = 0, .hatype = 1, .halen = 6, .type = 0x88b5, .set = RK_SLL_SET_TYPE};
	  memcpy(h.addr, MAC_A, 6);
	  NEW(&b); rk_build_sll(&b, &h); data(&b, 20); PUT(&b); }
	/* truncated inside the SLL header (10 of 16 bytes) */
	NEW(&b); sll(&b, 0, 1, 6, MAC_A, 6); ip4(&b, 10); udp(&b, 40000, 7777); PUT_CUT(&b, 10);
	file_close(g);
}

/* link_sll2.pcap: Linux cooked capture v2 */
static void sll2(struct rk_build *b, uint32_t ifindex, uint8_t pkttype, uint16_t hatype, uint8_t halen,
		 const uint8_t *addr, size_t n)
{
	struct rk_sll2_hdr h = {.ifindex = ifindex, .pkttype = pkttype, .hatype = hatype, .halen = halen};
	memcpy(h.addr, addr, n);
	rk_build_sll2(b, &h);
}

static void gen_link_sll2(struct gen *g)
{
	struct rk_build b;
	static const uint8_t zero[8];
	file_open(g, "link_sll2.pcap", DLT_LINUX_SLL2, false);
	NEW(&b); sll2(&b, 2, 0, 1, 6, MAC_A, 6); ip4(&b, 1); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
	NEW(&b); sll2(&b, 2, 4, 1, 6, MAC_B, 6); ip4_rev(&b, 2);
	tcp(&b, 7777, 40000, RK_TCP_SYN | RK_TCP_ACK, 5000000, 1000001); PUT(&b);
	NEW(&b); sll2(&b, 3, 0, 1, 6, MAC_A, 6); ip6(&b); udp(&b, 40000, 7777); data(&b, 12); PUT(&b);
	NEW(&b); sll2(&b, 2, 1, 1, 6, MAC_A, 6); arp(&b, RK_ARP_REQUEST, MAC_A, IP4_A, zero, IP4_B); PUT(&b);
	NEW(&b); sll2(&b, 2, 0, 1, 6, MAC_B, 6); arp(&b, RK_ARP_REPLY, MAC_B, IP4_B, MAC_A, IP4_A); PUT(&b);
	/* loopback: ifindex 1, ARPHRD_LOOPBACK, halen 6 zeros */
	NEW(&b); sll2(&b, 1, 0, 772, 6, zero, 6); ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 9, 1); data(&b, 8);
	PUT(&b);
	/* tun: ARPHRD_NONE, halen 0, pkttype 4 (outgoing) */
	NEW(&b); sll2(&b, 5, 4, 65534, 0, zero, 0); ip4(&b, 7); icmp(&b, RK_ICMP_ECHO, 0, 7, 7); data(&b, 8); PUT(&b);
	/* unknown protocol 0x88b5 */
	{ struct rk_sll2_hdr h = {.type = 0x88b5, .ifindex = 2, .hatype = 1, .halen = 6, .set = RK_SLL_SET_TYPE};
	  memcpy(h.addr, MAC_A, 6);
	  NEW(&b); rk_build_sll2(&b, &h); data(&b, 16); PUT(&b); }
	/* truncated inside the SLL2 header (12 of 20 bytes) */
	NEW(&b); sll2(&b, 2, 0, 1, 6, MAC_A, 6); ip4(&b, 9); udp(&b, 40000, 7777); PUT_CUT(&b, 12);
	file_close(g);
}

/* link_null.pcap (host byte order family, little-endian) and link_loop.pcap (network order) */
static void null_hdr(struct rk_build *b, bool loop, uint32_t family, bool fixed)
{
	struct rk_null_hdr h = {.family = family, .loop = loop, .set = fixed ? RK_SLL_SET_TYPE : 0};
	rk_build_null(b, &h);
}

static void gen_link_null(struct gen *g)
{
	struct rk_build b;
	file_open(g, "link_null.pcap", DLT_NULL, false);
	/* AF_INET (2), little-endian */
	NEW(&b); null_hdr(&b, false, RK_NULL_AF_INET, true); ip4(&b, 1); icmp(&b, RK_ICMP_ECHO, 0, 1, 1); data(&b, 8);
	PUT(&b);
	/* AF_INET6 as NetBSD/OpenBSD (24), FreeBSD (28), Darwin (30) */
	NEW(&b); null_hdr(&b, false, RK_NULL_AF_INET6_BSD, true); ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 2, 1);
	PUT(&b);
	NEW(&b); null_hdr(&b, false, RK_NULL_AF_INET6_FREEBSD, true); ip6(&b); udp(&b, 40000, 7777); data(&b, 4);
	PUT(&b);
	NEW(&b); null_hdr(&b, false, RK_NULL_AF_INET6_DARWIN, true); ip6(&b);
	tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
	/* AF_INET written big-endian (a capture from a big-endian host) */
	NEW(&b); null_hdr(&b, true, RK_NULL_AF_INET, true); ip4(&b, 5); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	/* unknown family 99: payload */
	NEW(&b); null_hdr(&b, false, 99, true); data(&b, 12); PUT(&b);
	/* truncated inside the 4-byte header */
	NEW(&b); null_hdr(&b, false, RK_NULL_AF_INET, true); ip4(&b, 7); udp(&b, 40000, 7777); PUT_CUT(&b, 2);
	file_close(g);

	file_open(g, "link_loop.pcap", DLT_LOOP, false);
	NEW(&b); null_hdr(&b, true, RK_NULL_AF_INET, true); ip4(&b, 1); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0);
	PUT(&b);
	NEW(&b); null_hdr(&b, true, RK_NULL_AF_INET6_BSD, true); ip6(&b); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	NEW(&b); null_hdr(&b, true, RK_NULL_AF_INET, true); ip4(&b, 3); icmp(&b, RK_ICMP_ECHO, 0, 3, 3); PUT(&b);
	file_close(g);
}

/* ======================================================================== */
/* ipv4.pcap: options, TOS, fragments, IP-in-IP, unknown protocols */

/* Build the whole udp/ipv4 datagram into orig_buf; returns its length. */
static size_t orig_udp4(struct gen *g, uint32_t src, uint32_t dst, uint16_t id, size_t n)
{
	struct rk_build o;
	NEW_ORIG(&o);
	struct rk_ipv4_hdr h = v4h(src, dst, id);
	h.df = false;
	rk_build_ipv4(&o, &h);
	udp(&o, 40000, 7777);
	data(&o, n);
	return FIN_ALONE(&o);
}

/* An IPv4 fragment of the datagram in orig_buf (its header is 20 bytes):
   payload bytes [off, off + n) with MF as given. */
static void frag4(struct rk_build *b, uint16_t id, uint8_t proto, size_t off, size_t n, bool mf)
{
	struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, id);
	h.df = false;
	h.mf = mf;
	h.frag = (uint16_t)(off / 8);
	h.proto = proto;
	h.set = RK_IPV4_SET_PROTO;
	rk_build_ipv4(b, &h);
	bytes(b, orig_buf + 20 + off, n);
}

static void gen_ipv4(struct gen *g)
{
	struct rk_build b;
	file_open(g, "ipv4.pcap", DLT_EN10MB, false);
	/* 1. record route (as ping -R): RR len 39, 9 empty slots, then EOL: ihl 15 */
	{
		uint8_t o[40] = {7, 39, 4};
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 1);
		h.opts = o;
		h.opts_len = 40;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); icmp(&b, RK_ICMP_ECHO, 0, 0x0101, 1); data(&b, 56); PUT(&b);
	}
	/* 2. router alert (RFC 2113): ihl 6 */
	{
		static const uint8_t o[] = {0x94, 0x04, 0x00, 0x00};
		struct rk_ipv4_hdr h = v4h(IP4_A, A4(224, 0, 0, 22), 2);
		h.ttl = 1;
		h.opts = o;
		h.opts_len = sizeof o;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	}
	/* 3. NOP, timestamp (len 12, one slot filled), NOP NOP, record route len 7, EOL + pad: ihl 11 */
	{
		static const uint8_t o[] = {0x01, 0x44, 0x0c, 0x09, 0x00, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00,
					    0x00, 0x01, 0x01, 0x07, 0x07, 0x04, 0, 0, 0, 0, 0x00};
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 3);
		h.opts = o;
		h.opts_len = sizeof o;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
	}
	/* 4. TOS 0xbb (DSCP EF, ECN CE), reserved flag set, no DF, TTL 255, id 0 */
	{
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0);
		h.tos = 0xbb;
		h.rf = true;
		h.df = false;
		h.ttl = 255;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	}
	/* 5-7. a 1208-byte udp datagram in three fragments: first (udp header, MF), middle (MF, frag 75), last */
	{
		size_t n = orig_udp4(g, IP4_A, IP4_B, 0x4242, 1200);
		NEW(&b); eth(&b); frag4(&b, 0x4242, RK_IPPROTO_UDP, 0, 600, true); PUT(&b);
		NEW(&b); eth(&b); frag4(&b, 0x4242, RK_IPPROTO_UDP, 600, 600, true); PUT(&b);
		NEW(&b); eth(&b); frag4(&b, 0x4242, RK_IPPROTO_UDP, 1200, n - 20 - 1200, false); PUT(&b);
	}
	/* 8-9. a tcp segment in two fragments: first carries the tcp header (csum unverifiable) */
	{
		struct rk_build o;
		NEW_ORIG(&o);
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x4343);
		h.df = false;
		rk_build_ipv4(&o, &h); tcp(&o, 40000, 7777, RK_TCP_PSH | RK_TCP_ACK, 1000001, 5000001); data(&o, 100);
		size_t n = FIN_ALONE(&o);
		NEW(&b); eth(&b); frag4(&b, 0x4343, RK_IPPROTO_TCP, 0, 64, true); PUT(&b);
		NEW(&b); eth(&b); frag4(&b, 0x4343, RK_IPPROTO_TCP, 64, n - 20 - 64, false); PUT(&b);
	}
	/* 10. a non-first fragment too short for any transport header (8 bytes at offset 8) */
	NEW(&b); eth(&b); frag4(&b, 0x4444, RK_IPPROTO_TCP, 8, 8, true); PUT(&b);
	/* 11. IP-in-IP (protocol 4): tunnel 192.0.2.10 -> 192.0.2.20 / ipv4 / icmp echo */
	{
		struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 11);
		NEW(&b); eth(&b); rk_build_ipv4(&b, &t); ip4(&b, 0x0b0b); icmp(&b, RK_ICMP_ECHO, 0, 0x0b, 1); data(&b, 16);
		PUT(&b);
	}
	/* 12. IPv6 in IPv4 (protocol 41, 6in4) / ipv6 / udp */
	{
		struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 12);
		NEW(&b); eth(&b); rk_build_ipv4(&b, &t); ip6(&b); udp(&b, 40000, 7777); data(&b, 12); PUT(&b);
	}
	/* 13. unknown IP protocol 253 (RFC 3692 experiment): payload */
	{
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 13);
		h.proto = 253;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); data(&b, 12); PUT(&b);
	}
	/* 14. GRE (47), unknown to rawkit but decoded by tcpdump/tshark: payload */
	{
		static const uint8_t gre[4] = {0x00, 0x00, 0x08, 0x00};
		struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 14);
		t.proto = 47;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &t); bytes(&b, gre, 4); PUT(&b);
	}
	/* 15. IP-in-IP whose inner datagram is a non-first fragment: payload after the inner ipv4 */
	{
		struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 15);
		struct rk_ipv4_hdr i = v4h(IP4_A, IP4_B, 0x0f0f);
		i.df = false;
		i.frag = 10;
		i.proto = RK_IPPROTO_UDP;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &t); rk_build_ipv4(&b, &i); data(&b, 24); PUT(&b);
	}
	file_close(g);
}

/* ======================================================================== */
/* ipv6_ext.pcap: extension headers, fragments, tunnels, next header 59 */

static size_t orig_udp6(struct gen *g, size_t n)
{
	struct rk_build o;
	NEW_ORIG(&o);
	ip6(&o); udp(&o, 40000, 7777); data(&o, n);
	return FIN_ALONE(&o);
}

static void gen_ipv6_ext(struct gen *g)
{
	struct rk_build b;
	/* PadN-free experimental option 0x1e (RFC 4727), 4 data bytes */
	static const uint8_t exp_opt[] = {0x1e, 0x04, 0xde, 0xad, 0xbe, 0xef};
	file_open(g, "ipv6_ext.pcap", DLT_EN10MB, false);
	/* 1. hop-by-hop (router alert + PadN) / udp */
	NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6);
	udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	/* 2. destination options (experimental option, Pad1 x2) / tcp SYN */
	NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_DST, exp_opt, sizeof exp_opt);
	tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0); PUT(&b);
	/* 3. 24-byte destination options header (Hdr Ext Len 2) / udp */
	{
		uint8_t o[22] = {0x1e, 0x12};
		NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_DST, o, sizeof o); udp(&b, 40000, 7777);
		data(&b, 4); PUT(&b);
	}
	/* 4. routing type 2 (Mobile IPv6), segments left 1, home address 2001:db8:1::3: the upper-layer
	      checksum uses the home address as the final destination (RFC 8200 8.1) */
	{
		uint8_t d[20] = {0};
		memcpy(d + 4, IP6_C, 16);
		struct rk_ipv6_route_hdr r = {.rtype = 2, .segleft = 1, .data = d, .data_len = sizeof d};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_route(&b, &r); tcp(&b, 40000, 7777, RK_TCP_SYN, 1000000, 0);
		PUT(&b);
	}
	/* 5. routing type 4 (segment routing header), segments left 0, one segment / udp */
	{
		uint8_t d[20] = {0x00, 0x00, 0x00, 0x00};  /* last entry 0, flags 0, tag 0 */
		memcpy(d + 4, IP6_B, 16);
		struct rk_ipv6_route_hdr r = {.rtype = 4, .segleft = 0, .data = d, .data_len = sizeof d};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_route(&b, &r); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	}
	/* 6. atomic fragment (offset 0, M 0; RFC 6946) / udp: not fragmented, checksum verifiable */
	NEW(&b); eth(&b); ip6(&b); frag6(&b, 0, 0, false, 0x11223344); udp(&b, 40000, 7777); data(&b, 16); PUT(&b);
	/* 7-9. a 1008-byte udp datagram in three fragments: first (udp header, csum null), middle, last */
	{
		size_t n = orig_udp6(g, 1000);
		const uint8_t *seg = orig_buf + 40;
		NEW(&b); eth(&b); ip6(&b); frag6(&b, RK_IPPROTO_UDP, 0, true, 0xabcd0001); bytes(&b, seg, 400); PUT(&b);
		NEW(&b); eth(&b); ip6(&b); frag6(&b, RK_IPPROTO_UDP, 50, true, 0xabcd0001); bytes(&b, seg + 400, 400);
		PUT(&b);
		NEW(&b); eth(&b); ip6(&b); frag6(&b, RK_IPPROTO_UDP, 100, false, 0xabcd0001);
		bytes(&b, seg + 800, n - 40 - 800); PUT(&b);
	}
	/* 10. hop-by-hop, destination, routing (type 0, deprecated, segments left 0), atomic fragment,
	       destination options / tcp: every extension header kind in RFC 8200 order */
	{
		uint8_t d[20] = {0};
		memcpy(d + 4, IP6_C, 16);
		struct rk_ipv6_route_hdr r = {.rtype = 0, .segleft = 0, .data = d, .data_len = sizeof d};
		NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6);
		hop_opts(&b, RK_LAYER_IPV6_DST, exp_opt, sizeof exp_opt); rk_build_ipv6_route(&b, &r);
		frag6(&b, 0, 0, false, 0x55667788); hop_opts(&b, RK_LAYER_IPV6_DST, NULL, 0);
		tcp(&b, 40000, 7777, RK_TCP_ACK, 1000001, 5000001); PUT(&b);
	}
	/* 11. next header 59 (no next header), payload length 0 */
	NEW(&b); eth(&b); ip6(&b); PUT(&b);
	/* 12. destination options then next header 59, with 8 bytes after it that must not be decoded */
	{
		struct rk_ipv6_opts_hdr h = {.nh = RK_IPPROTO_NONE, .set = RK_IPV6_EXT_SET_NH};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_opts(&b, RK_LAYER_IPV6_DST, &h); data(&b, 8); PUT(&b);
	}
	/* 13. IPv4 in IPv6 (next header 4) / udp */
	NEW(&b); eth(&b); ip6(&b); ip4(&b, 13); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	/* 14. IPv6 in IPv6 (next header 41) / icmpv6 echo */
	{
		struct rk_ipv6_hdr t = v6h(IP6_R, IP6_C);
		NEW(&b); eth(&b); rk_build_ipv6(&b, &t); ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 14, 1); data(&b, 8);
		PUT(&b);
	}
	/* 15. hop-by-hop then unknown next header 253: payload */
	{
		struct rk_ipv6_opts_hdr h = {.nh = 253, .opts = RTALERT6, .opts_len = sizeof RTALERT6,
					     .set = RK_IPV6_EXT_SET_NH};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_opts(&b, RK_LAYER_IPV6_HOP, &h); data(&b, 10); PUT(&b);
	}
	/* 16. traffic class 0xb8, flow label 0x12345, hop limit 255 / udp */
	{
		struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B);
		h.tc = 0xb8;
		h.flow = 0x12345;
		h.hlim = 255;
		NEW(&b); eth(&b); rk_build_ipv6(&b, &h); udp(&b, 40000, 7777); data(&b, 4); PUT(&b);
	}
	/* 17. unknown next header 253 directly after the IPv6 header */
	{
		struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B);
		h.nh = 253;
		NEW(&b); eth(&b); rk_build_ipv6(&b, &h); data(&b, 6); PUT(&b);
	}
	/* 18. a non-first fragment whose next header is tcp: payload, no tcp layer */
	NEW(&b); eth(&b); ip6(&b); frag6(&b, RK_IPPROTO_TCP, 3, false, 0x0c0c0c0c); data(&b, 24); PUT(&b);
	/* 19. routing type 0 with segments left 2 (addresses 2001:db8:1::3, then 2001:db8::fe): the udp
	       checksum uses the last address as the final destination (RFC 8200 8.1) */
	{
		uint8_t d[36] = {0};
		memcpy(d + 4, IP6_C, 16);
		memcpy(d + 20, IP6_R, 16);
		struct rk_ipv6_route_hdr r = {.rtype = 0, .segleft = 2, .data = d, .data_len = sizeof d};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_route(&b, &r); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	}
	/* 20. segment routing header (type 4), segments left 1, segment list [2001:db8::fe, 2001:db8::2]:
	       the final destination is Segment List[0] (RFC 8754 lists segments last first), so the udp
	       checksum is computed with 2001:db8::fe, not the IPv6 destination (the builder does the
	       same; the checksum is taken, independently, from the datagram sent straight to it) */
	{
		struct rk_build o;
		struct rk_ipv6_hdr f = v6h(IP6_A, IP6_R);
		NEW_ORIG(&o); rk_build_ipv6(&o, &f); udp(&o, 40000, 7777); data(&o, 8);
		uint16_t csum = FIN_ALONE(&o) ? rk_get_be16(orig_buf + 40 + 6) : 0;
		uint8_t d[36] = {1, 0, 0, 0};  /* last entry 1, flags 0, tag 0 */
		memcpy(d + 4, IP6_R, 16);
		memcpy(d + 20, IP6_B, 16);
		struct rk_ipv6_route_hdr r = {.rtype = 4, .segleft = 1, .data = d, .data_len = sizeof d};
		struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = csum, .set = RK_UDP_SET_CSUM};
		NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_route(&b, &r); rk_build_udp(&b, &u); data(&b, 8); PUT(&b);
	}
	file_close(g);
}

/* ======================================================================== */
/* tcp.pcap: flags, sequence numbers, window, urgent pointer, over v4 and v6 */
static void gen_tcp(struct gen *g)
{
	struct rk_build b;
	static const struct {
		uint8_t flags;
		uint8_t res;
		uint32_t seq, ack;
		uint16_t win, urp;
		uint16_t datalen;
	} c[] = {
		{RK_TCP_SYN, 0, 1000000, 0, 64240, 0, 0},
		{RK_TCP_SYN | RK_TCP_ACK, 0, 5000000, 1000001, 65535, 0, 0},
		{RK_TCP_ACK, 0, 1000001, 5000001, 502, 0, 0},
		{RK_TCP_PSH | RK_TCP_ACK, 0, 1000001, 5000001, 502, 0, 20},
		{RK_TCP_FIN | RK_TCP_ACK, 0, 1000021, 5000001, 502, 0, 0},
		{RK_TCP_RST, 0, 1000022, 0, 0, 0, 0},
		{RK_TCP_RST | RK_TCP_ACK, 0, 0, 1000001, 0, 0, 0},
		{RK_TCP_URG | RK_TCP_PSH | RK_TCP_ACK, 0, 1000001, 5000001, 502, 5, 10},
		{RK_TCP_SYN | RK_TCP_ECE | RK_TCP_CWR, 0, 1000000, 0, 64240, 0, 0},
		{RK_TCP_ECE | RK_TCP_ACK, 0, 1000001, 5000001, 502, 0, 0},
		{0xff, 0, 0xdeadbeef, 0xfeedface, 1, 0xffff, 0},         /* every flag (christmas tree) */
		{0x00, 0, 0x12345678, 0, 1024, 0, 0},                  /* no flag (null scan) */
		{RK_TCP_ACK, 0x1, 1000001, 5000001, 502, 0, 0},          /* reserved bit 0x1 (AccECN AE) */
		{RK_TCP_ACK, 0xe, 1000001, 5000001, 502, 0, 0},          /* the other three reserved bits */
		{RK_TCP_ACK, 0, 0xffffffff, 0xffffffff, 0, 0, 0},        /* maximal seq/ack, zero window */
		{RK_TCP_PSH | RK_TCP_ACK, 0, 0, 1, 65535, 0, 1},         /* zero seq, one byte of data */
	};
	file_open(g, "tcp.pcap", DLT_EN10MB, false);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		struct rk_tcp_hdr t = tcph(40000, 7777, c[i].flags, c[i].seq, c[i].ack);
		t.res = c[i].res;
		t.win = c[i].win;
		t.urp = c[i].urp;
		NEW(&b); eth(&b); ip4(&b, (uint16_t)(0x100 + i)); rk_build_tcp(&b, &t); data(&b, c[i].datalen);
		PUT(&b);
	}
	/* over IPv6: SYN with options, data */
	{
		static const uint8_t o[] = {2, 4, 0x05, 0xa0, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};
		struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_SYN, 1000000, 0);
		t.opts = o;
		t.opts_len = sizeof o;
		NEW(&b); eth(&b); ip6(&b); rk_build_tcp(&b, &t); PUT(&b);
		NEW(&b); eth_rev(&b); ip6_rev(&b); tcp(&b, 7777, 40000, RK_TCP_PSH | RK_TCP_ACK, 5000001, 1000001);
		data(&b, 30); PUT(&b);
	}
	file_close(g);
}

/* ======================================================================== */
/* tcp_options.pcap: every option kind, EOL and padding, wrong lengths */
static void gen_tcp_options(struct gen *g)
{
	struct rk_build b;
	static const struct {
		uint8_t flags;
		uint8_t len;
		uint8_t o[40];
	} c[] = {
		/* 1. Linux SYN: mss 1460, sackOK, ts, nop, wscale 7 */
		{RK_TCP_SYN, 20, {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x30, 0x39, 0, 0, 0, 0, 1, 3, 3, 7}},
		/* 2. Windows SYN-ACK: mss 1400, nop, wscale 8, nop, nop, sackOK */
		{RK_TCP_SYN | RK_TCP_ACK, 12, {2, 4, 0x05, 0x78, 1, 3, 3, 8, 1, 1, 4, 2}},
		/* 3. nop nop ts */
		{RK_TCP_ACK, 12, {1, 1, 8, 10, 0, 0, 0x30, 0x3a, 0x11, 0x22, 0x33, 0x44}},
		/* 4. nop nop sack, one block */
		{RK_TCP_ACK, 12, {1, 1, 5, 10, 0x00, 0x1e, 0x84, 0x81, 0x00, 0x1e, 0x8c, 0x51}},
		/* 5. nop nop ts nop nop sack with three blocks: 40 bytes, doff 15 */
		{RK_TCP_ACK, 40, {1, 1, 8, 10, 0, 0, 0x30, 0x3b, 0x11, 0x22, 0x33, 0x45, 1, 1, 5, 26,
				  0, 0x0f, 0x42, 0x41, 0, 0x0f, 0x46, 0x29, 0, 0x0f, 0x4a, 0x11,
				  0, 0x0f, 0x4d, 0xf9, 0, 0x0f, 0x51, 0xe1, 0, 0x0f, 0x55, 0xc9}},
		/* 6. nop nop sack with four blocks (36 bytes, doff 14) */
		{RK_TCP_ACK, 36, {1, 1, 5, 34, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40,
				  0, 0, 0, 50, 0, 0, 0, 60, 0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 5}},
		/* 7. mss, EOL, zero padding */
		{RK_TCP_SYN, 8, {2, 4, 0x05, 0xb4, 0, 0, 0, 0}},
		/* 8. mss, wscale, EOL, then non-zero bytes: padding after EOL, not options */
		{RK_TCP_SYN, 12, {2, 4, 0x05, 0xb4, 3, 3, 7, 0, 0xde, 0xad, 0xbe, 0xef}},
		/* 9. EOL first: the list is just EOL */
		{RK_TCP_ACK, 4, {0, 0, 0, 0}},
		/* 10. four NOPs */
		{RK_TCP_ACK, 4, {1, 1, 1, 1}},
		/* 11. unknown kind 253 (RFC 4727 experiment), 4 data bytes, nop nop */
		{RK_TCP_ACK, 8, {253, 6, 0x12, 0x34, 0xab, 0xcd, 1, 1}},
		/* 12. unknown kind 99 with no data (len 2), nop nop */
		{RK_TCP_ACK, 4, {99, 2, 1, 1}},
		/* 13. TCP Fast Open cookie (kind 34, RFC 7413) after mss */
		{RK_TCP_SYN, 16, {2, 4, 0x05, 0xb4, 34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1}},
		/* 14. TCP MD5 signature (kind 19, RFC 2385), nop nop */
		{RK_TCP_ACK, 20, {1, 1, 19, 18, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
				  0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
		/* 15. user timeout (kind 28, RFC 5482) */
		{RK_TCP_ACK, 4, {28, 4, 0x80, 0x3c}},
		/* 16. mss with length 6 (known kind, wrong length): listed as kind/len/data */
		{RK_TCP_SYN, 8, {2, 6, 0x05, 0xb4, 0, 0, 1, 1}},
		/* 17. mss with length 2 (too short for its value) */
		{RK_TCP_SYN, 4, {2, 2, 1, 1}},
		/* 18. wscale with length 4 */
		{RK_TCP_SYN, 4, {3, 4, 7, 0}},
		/* 19. sackOK with length 3 */
		{RK_TCP_SYN, 4, {4, 3, 0, 1}},
		/* 20. sack with length 7 (not 2 + 8n) */
		{RK_TCP_ACK, 8, {5, 7, 0, 0, 0, 1, 0, 1}},
		/* 21. timestamps with length 6 */
		{RK_TCP_ACK, 8, {8, 6, 0, 0, 0, 1, 1, 1}},
		/* 22. every kind once: mss, wscale, sackOK, ts, unknown 253, nop, EOL + padding */
		{RK_TCP_SYN, 28, {2, 4, 0x05, 0xb4, 3, 3, 2, 4, 2, 8, 10, 0, 0, 0, 9, 0, 0, 0, 0,
				  253, 4, 0xbe, 0xef, 1, 0, 0, 0, 0}},
	};
	file_open(g, "tcp_options.pcap", DLT_EN10MB, false);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		NEW(&b); eth(&b); ip4(&b, (uint16_t)(0x200 + i)); tcp_opts(&b, c[i].flags, c[i].o, c[i].len); PUT(&b);
	}
	/* 23. over IPv6: nop nop ts nop nop sack(2) */
	{
		static const uint8_t o[] = {1, 1, 8, 10, 0, 0, 1, 0, 0, 0, 2, 0, 1, 1, 5, 18,
					    0, 0, 0x10, 0, 0, 0, 0x20, 0, 0, 0, 0x30, 0, 0, 0, 0x40, 0};
		NEW(&b); eth(&b); ip6(&b); tcp_opts(&b, RK_TCP_ACK, o, sizeof o); PUT(&b);
	}
	file_close(g);
}

/* ======================================================================== */
/* udp.pcap: checksum 0 over v4 and v6, udp.len < IP payload, empty, 0xffff */
static void gen_udp(struct gen *g)
{
	struct rk_build b;
	file_open(g, "udp.pcap", DLT_EN10MB, false);
	/* 1. plain */
	NEW(&b); eth(&b); ip4(&b, 1); udp(&b, 40000, 7777); data(&b, 32); PUT(&b);
	/* 2. checksum 0 over IPv4: "no checksum", csum_ok true */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0, .set = RK_UDP_SET_CSUM};
	  NEW(&b); eth(&b); ip4(&b, 2); rk_build_udp(&b, &u); data(&b, 16); PUT(&b); }
	/* 3. checksum 0 over IPv6: invalid (RFC 8200), csum_ok false */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0, .set = RK_UDP_SET_CSUM};
	  NEW(&b); eth(&b); ip6(&b); rk_build_udp(&b, &u); data(&b, 16); PUT(&b); }
	/* 4. udp.len 12 in a 28-byte IP payload: the checksum covers 12 bytes, payload len 4 */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 12, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip4(&b, 4); rk_build_udp(&b, &u); data(&b, 20); PUT(&b); }
	/* 5. the same over IPv6 */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 12, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip6(&b); rk_build_udp(&b, &u); data(&b, 20); PUT(&b); }
	/* 6. no data: udp.len 8, payload len 0 */
	NEW(&b); eth(&b); ip4(&b, 6); udp(&b, 40000, 7777); PUT(&b);
	/* 7. a datagram whose checksum computes to 0, sent as 0xffff (RFC 768): csum_ok true */
	{
		uint8_t d[2] = {0, 0};
		NEW(&b); eth(&b); ip4(&b, 7); udp(&b, 40000, 7777); bytes(&b, d, 2);
		int n = rk_build_finish(&b);
		if (n > 0) {  /* the data word that makes the sum 0xffff is the checksum with it zero */
			uint16_t c = rk_get_be16(pkt_buf + 14 + 20 + 6);
			d[0] = (uint8_t)(c >> 8);
			d[1] = (uint8_t)c;
		}
		NEW(&b); eth(&b); ip4(&b, 7); udp(&b, 40000, 7777); bytes(&b, d, 2); PUT(&b);
	}
	/* 8. over IPv6 with data */
	NEW(&b); eth(&b); ip6(&b); udp(&b, 40000, 7777); data(&b, 40); PUT(&b);
	/* 9. source port 0, destination port 0 */
	NEW(&b); eth(&b); ip4(&b, 9); udp(&b, 0, 0); data(&b, 4); PUT(&b);
	file_close(g);
}

/* ======================================================================== */
/* icmp.pcap: echo, timestamp, and non-error types (payload after 8 bytes) */
static void gen_icmp(struct gen *g)
{
	struct rk_build b;
	file_open(g, "icmp.pcap", DLT_EN10MB, false);
	NEW(&b); eth(&b); ip4(&b, 1); icmp(&b, RK_ICMP_ECHO, 0, 0x1234, 1); data(&b, 56); PUT(&b);
	NEW(&b); eth_rev(&b); ip4_rev(&b, 2); icmp(&b, RK_ICMP_ECHOREPLY, 0, 0x1234, 1); data(&b, 56); PUT(&b);
	/* echo with no data */
	NEW(&b); eth(&b); ip4(&b, 3); icmp(&b, RK_ICMP_ECHO, 0, 0x1234, 2); PUT_PAD(&b, 60);
	/* timestamp request and reply (20-byte header) */
	{ struct rk_icmp_hdr h = {.type = RK_ICMP_TSTAMP, .id = 0x5678, .seq = 1, .otime = 45296789};
	  NEW(&b); eth(&b); ip4(&b, 4); rk_build_icmp(&b, &h); PUT(&b); }
	{ struct rk_icmp_hdr h = {.type = RK_ICMP_TSTAMPREPLY, .id = 0x5678, .seq = 1, .otime = 45296789,
				  .rtime = 45296790, .ttime = 45296791};
	  NEW(&b); eth_rev(&b); ip4_rev(&b, 5); rk_build_icmp(&b, &h); PUT(&b); }
	/* router advertisement (9): 1 address, lifetime 1800 s; address + preference are payload */
	{ static const uint8_t ra[8] = {192, 0, 2, 254, 0, 0, 0, 0};
	  NEW(&b); eth(&b); { struct rk_ipv4_hdr h = v4h(IP4_R, A4(224, 0, 0, 1), 6); h.ttl = 1;
	  rk_build_ipv4(&b, &h); } icmp(&b, 9, 0, 0x0102, 1800); bytes(&b, ra, 8); PUT(&b); }
	/* router solicitation (10): payload len 0 */
	NEW(&b); eth(&b); ip4(&b, 7); icmp(&b, 10, 0, 0, 0); PUT_PAD(&b, 60);
	/* information request (15, obsolete): identifier/sequence not listed, payload len 0 */
	NEW(&b); eth(&b); ip4(&b, 8); icmp(&b, 15, 0, 0x0f0f, 1); PUT_PAD(&b, 60);
	/* address mask request (17) with its 4-byte mask: payload len 4 */
	{ static const uint8_t mask[4] = {0, 0, 0, 0};
	  NEW(&b); eth(&b); ip4(&b, 9); icmp(&b, 17, 0, 0x1111, 1); bytes(&b, mask, 4); PUT_PAD(&b, 60); }
	/* unknown type 253 (RFC 4727 experiment): payload after 8 bytes */
	NEW(&b); eth(&b); ip4(&b, 10); icmp(&b, 253, 7, 0xabcd, 0xef01); data(&b, 12); PUT(&b);
	/* echo with a large payload (1472 bytes, a full 1500-byte datagram) */
	NEW(&b); eth(&b); ip4(&b, 11); icmp(&b, RK_ICMP_ECHO, 0, 0x1234, 3); data(&b, 1472); PUT(&b);
	file_close(g);
}

/* ======================================================================== */
/* icmp_errors.pcap: ICMPv4 errors quoting datagrams */

/* The error header then the first q bytes of the datagram in orig_buf. */
static void icmp_err(struct gen *g, uint8_t type, uint8_t code, uint16_t id, uint16_t seq, size_t q, uint32_t from)
{
	struct rk_build b;
	NEW(&b); eth_rev(&b);
	struct rk_ipv4_hdr h = v4h(from, IP4_A, (uint16_t)(0x7000 + g->n));
	h.df = false;
	h.tos = 0xc0;
	rk_build_ipv4(&b, &h);
	icmp(&b, type, code, id, seq);
	bytes(&b, orig_buf, q);
	PUT(&b);
}

/* udp/ipv4 A -> B with n data bytes into orig_buf (ttl given) */
static size_t o_udp4(struct gen *g, uint8_t ttl, size_t n)
{
	struct rk_build o;
	NEW_ORIG(&o);
	struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x1111);
	h.ttl = ttl;
	h.df = false;
	rk_build_ipv4(&o, &h); udp(&o, 40000, 33434); data(&o, n);
	return FIN_ALONE(&o);
}

static size_t o_tcp4(struct gen *g)
{
	static const uint8_t mss[4] = {2, 4, 0x05, 0xb4};
	struct rk_build o;
	NEW_ORIG(&o);
	ip4(&o, 0x2222);
	struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_SYN, 0x01020304, 0);
	t.opts = mss;
	t.opts_len = 4;
	rk_build_tcp(&o, &t);
	return FIN_ALONE(&o);
}

static void gen_icmp_errors(struct gen *g)
{
	size_t n;
	file_open(g, "icmp_errors.pcap", DLT_EN10MB, false);
	/* 1. port unreachable, RFC 792 quote (IP header + 8 bytes): inner udp header whole,
	      its checksum unverifiable (the 32 data bytes are not quoted) */
	n = o_udp4(g, 64, 32);
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	/* 2. port unreachable quoting the whole datagram (as Linux does): inner udp checksum verifiable */
	n = o_udp4(g, 64, 12);
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, n, IP4_B);
	/* 3. fragmentation needed, next-hop MTU 1400 (RFC 1191), quoting a tcp SYN cut after 8 bytes
	      (ports and sequence number): inner tcp truncated */
	n = o_tcp4(g);
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_NEEDFRAG, 0, 1400, rk_icmp_quote_len(orig_buf, n), IP4_R);
	/* 4. host unreachable, quote cut after 13 bytes of tcp (in the middle of doff/flags) */
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_HOST, 0, 0, 20 + 13, IP4_R);
	/* 5. communication administratively prohibited, quote cut after 19 of the 24 tcp header bytes
	      (in the urgent pointer) */
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_FILTER_PROHIB, 0, 0, 20 + 19, IP4_R);
	/* 6. tcp quoted with its whole header (24 bytes with mss): inner options, csum verifiable */
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, n, IP4_B);
	/* 7. time exceeded in transit, quoting a traceroute probe (ttl 1), RFC 792 quote */
	n = o_udp4(g, 1, 24);
	icmp_err(g, RK_ICMP_TIMXCEED, 0, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_R);
	/* 8. fragment reassembly time exceeded, quoting a first fragment (MF): inner udp csum null */
	{
		struct rk_build o;
		n = orig_udp4(g, IP4_A, IP4_B, 0x3333, 600);
		uint8_t whole[700];
		memcpy(whole, orig_buf, n);
		NEW_ORIG(&o);
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x3333);
		h.df = false;
		h.mf = true;
		h.proto = RK_IPPROTO_UDP;
		h.set = RK_IPV4_SET_PROTO;
		rk_build_ipv4(&o, &h); bytes(&o, whole + 20, 304);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_TIMXCEED, 1, 0, 0, 20 + 8 + 20, IP4_B);
	}
	/* 9. redirect for host (code 1) to gateway 192.0.2.254, quoting an echo request: inner icmp
	      with id/seq, its checksum unverifiable (data not quoted) */
	{
		struct rk_build o;
		NEW_ORIG(&o); ip4(&o, 0x4444); icmp(&o, RK_ICMP_ECHO, 0, 0x0909, 9); data(&o, 56);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_REDIRECT, 1, (uint16_t)(IP4_R >> 16), (uint16_t)IP4_R, rk_icmp_quote_len(orig_buf, n),
			 IP4_R);
	}
	/* 10. parameter problem, pointer 20 (the first option byte), quoting a datagram with options */
	{
		static const uint8_t o_bad[4] = {0x99, 0x04, 0x00, 0x00};
		struct rk_build o;
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x5555);
		h.opts = o_bad;
		h.opts_len = 4;
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); udp(&o, 40000, 7777); data(&o, 8);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_PARAMPROB, 0, 20 << 8, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	}
	/* 11. source quench (deprecated), quoting tcp */
	n = o_tcp4(g);
	icmp_err(g, RK_ICMP_SOURCEQUENCH, 0, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	/* 12. an ICMP error quoting an ICMP error (time exceeded that itself quotes a udp probe): the
	       inner icmp is listed, its own quotation is not decoded */
	{
		struct rk_build o;
		uint8_t inner[64];
		size_t m = o_udp4(g, 1, 8);
		memcpy(inner, orig_buf, m);
		struct rk_ipv4_hdr h = v4h(IP4_R, IP4_A, 0x6666);
		h.df = false;
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); icmp(&o, RK_ICMP_TIMXCEED, 0, 0, 0); bytes(&o, inner, m);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_HOST, 0, 0, n, IP4_B);
	}
	/* 13. quote cut inside the inner IPv4 header (12 bytes) */
	n = o_udp4(g, 64, 8);
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, 12, IP4_B);
	/* 14. no quotation at all (8-byte ICMP error) */
	icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_NET, 0, 0, 0, IP4_R);
	/* 15. quoted lengths that would be malformed outside a quotation (IPv4 total length 0, udp.len 3):
	       not checked inside, no error */
	{
		struct rk_build o;
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x7777);
		h.len = 0;
		h.set = RK_IPV4_SET_LEN;
		struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 3, .set = RK_UDP_SET_LEN};
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); rk_build_udp(&o, &u); data(&o, 8);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, 28, IP4_B);
	}
	/* 16. protocol unreachable for protocol 253: inner ipv4 only, no payload layer after it */
	{
		struct rk_build o;
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x8888);
		h.proto = 253;
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); data(&o, 20);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PROTOCOL, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	}
	/* 17. quoted IPv4 header with a bad header checksum: inner ipv4 csum_ok false */
	{
		struct rk_build o;
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0x9999);
		h.csum = 0xbad0;
		h.set = RK_IPV4_SET_CSUM;
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); udp(&o, 40000, 7777); data(&o, 8);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	}
	/* 18. time exceeded quoting an IP-in-IP datagram: inner ipv4, then the tunnelled ipv4 cut after
	       8 bytes (truncated) */
	{
		struct rk_build o;
		struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 0xaaaa);
		t.ttl = 1;
		NEW_ORIG(&o); rk_build_ipv4(&o, &t); ip4(&o, 0xbbbb); udp(&o, 40000, 7777); data(&o, 8);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_TIMXCEED, 0, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_R);
	}
	/* 19. port unreachable quoting an IPv4 datagram with a non-first fragment (frag 10) */
	{
		struct rk_build o;
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 0xcccc);
		h.df = false;
		h.frag = 10;
		h.proto = RK_IPPROTO_UDP;
		NEW_ORIG(&o); rk_build_ipv4(&o, &h); data(&o, 16);
		n = FIN_ALONE(&o);
		icmp_err(g, RK_ICMP_TIMXCEED, 1, 0, 0, rk_icmp_quote_len(orig_buf, n), IP4_B);
	}
	file_close(g);
}

/* ======================================================================== */
/* icmpv6.pcap: echo, neighbour discovery, MLD, and errors quoting packets */

static void icmp6_err(struct gen *g, uint8_t type, uint8_t code, uint32_t word, size_t q, const uint8_t *from)
{
	struct rk_build b;
	NEW(&b); eth_rev(&b);
	struct rk_ipv6_hdr h = v6h(from, IP6_A);
	rk_build_ipv6(&b, &h);
	icmp6(&b, type, code, (uint16_t)(word >> 16), (uint16_t)word);
	bytes(&b, orig_buf, q);
	PUT(&b);
}

static void gen_icmpv6(struct gen *g)
{
	struct rk_build b;
	struct rk_build o;
	size_t n;
	file_open(g, "icmpv6.pcap", DLT_EN10MB, false);
	/* 1-2. echo request and reply */
	NEW(&b); eth(&b); ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 0x1234, 1); data(&b, 56); PUT(&b);
	NEW(&b); eth_rev(&b); ip6_rev(&b); icmp6(&b, RK_ICMP6_ECHO_REPLY, 0, 0x1234, 1); data(&b, 56); PUT(&b);
	/* 3. neighbour solicitation (135) for 2001:db8::2 with a source link-layer address option */
	{
		static const uint8_t ns[24] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
					       1, 1, 0x02, 0, 0, 0, 0, 0x01};
		static const uint8_t mc[6] = {0x33, 0x33, 0xff, 0x00, 0x00, 0x02};
		struct rk_ipv6_hdr h = v6h(IP6_A, IP6_SOLNODE_B);
		h.hlim = 255;
		NEW(&b); eth_type(&b, mc, 0); rk_build_ipv6(&b, &h); icmp6(&b, 135, 0, 0, 0);
		bytes(&b, ns, sizeof ns); PUT(&b);
	}
	/* 4. neighbour advertisement (136), solicited + override, target link-layer address option */
	{
		static const uint8_t na[24] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
					       2, 1, 0x02, 0, 0, 0, 0, 0x02};
		struct rk_ipv6_hdr h = v6h(IP6_B, IP6_A);
		h.hlim = 255;
		NEW(&b); eth_rev(&b); rk_build_ipv6(&b, &h); icmp6(&b, 136, 0, 0x6000, 0); bytes(&b, na, sizeof na);
		PUT(&b);
	}
	/* 5. router solicitation (133) to ff02::2, no options: payload len 0 */
	{
		static const uint8_t allrouters[16] = {0xff, 0x02, [15] = 0x02};
		static const uint8_t mc[6] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x02};
		struct rk_ipv6_hdr h = v6h(IP6_LL_A, allrouters);
		h.hlim = 255;
		NEW(&b); eth_type(&b, mc, 0); rk_build_ipv6(&b, &h); icmp6(&b, 133, 0, 0, 0);
		PUT(&b);
	}
	/* 6. MLDv2 report (143) with a hop-by-hop router alert: ipv6, ipv6.hop, icmpv6, payload */
	{
		static const uint8_t rec[20] = {4, 0, 0, 0, 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 0x02};
		static const uint8_t mc[6] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x16};
		struct rk_ipv6_hdr h = v6h(IP6_LL_A, IP6_MLDV2);
		h.hlim = 1;
		NEW(&b); eth_type(&b, mc, 0); rk_build_ipv6(&b, &h);
		hop_opts(&b, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6); icmp6(&b, 143, 0, 0, 1);
		bytes(&b, rec, sizeof rec); PUT(&b);
	}
	/* 7. port unreachable (1/4) quoting the whole udp datagram: inner udp checksum verifiable */
	n = orig_udp6(g, 16);
	icmp6_err(g, RK_ICMP6_DST_UNREACH, 4, 0, n, IP6_B);
	/* 8. packet too big, MTU 1280, quoting a tcp SYN cut after 10 bytes of tcp (mid ack) */
	{
		NEW_ORIG(&o); ip6(&o); tcp(&o, 40000, 7777, RK_TCP_SYN, 0x01020304, 0); data(&o, 1400);
		n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_PACKET_TOO_BIG, 0, 1280, 40 + 10, IP6_R);
	}
	/* 9. time exceeded (hop limit) quoting a whole echo request: inner icmpv6 with id/seq */
	{
		struct rk_ipv6_hdr h = v6h(IP6_A, IP6_C);
		h.hlim = 1;
		NEW_ORIG(&o); rk_build_ipv6(&o, &h); icmp6(&o, RK_ICMP6_ECHO_REQUEST, 0, 0x0909, 3); data(&o, 16);
		n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_TIME_EXCEEDED, 0, 0, n, IP6_R);
	}
	/* 10. parameter problem, unrecognized next header (code 1), pointer 40 (the dst opts nh byte),
	       quoting ipv6 / dst opts (nh 253) */
	{
		struct rk_ipv6_opts_hdr d = {.nh = 253, .set = RK_IPV6_EXT_SET_NH};
		NEW_ORIG(&o); ip6(&o); rk_build_ipv6_opts(&o, RK_LAYER_IPV6_DST, &d); data(&o, 8);
		n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_PARAM_PROB, 1, 40, n, IP6_B);
	}
	/* 11. parameter problem (code 0, pointer 4) quoting a first fragment carrying udp: csum null */
	{
		uint8_t seg[64];
		size_t m = orig_udp6(g, 48);
		memcpy(seg, orig_buf + 40, 32);
		(void)m;
		NEW_ORIG(&o); ip6(&o); frag6(&o, RK_IPPROTO_UDP, 0, true, 0x0b0b0b0b); bytes(&o, seg, 32);
		n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_PARAM_PROB, 0, 4, n, IP6_B);
	}
	/* 12. an ICMPv6 error quoting an ICMPv6 error: the inner one's quotation is not decoded */
	{
		uint8_t inner[128];
		size_t m = orig_udp6(g, 8);
		memcpy(inner, orig_buf, m);
		struct rk_ipv6_hdr h = v6h(IP6_B, IP6_A);
		NEW_ORIG(&o); rk_build_ipv6(&o, &h); icmp6(&o, RK_ICMP6_DST_UNREACH, 4, 0, 0); bytes(&o, inner, m);
		n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_DST_UNREACH, 3, 0, n, IP6_R);
	}
	/* 13. quote cut inside the inner IPv6 header (20 bytes) */
	n = orig_udp6(g, 8);
	icmp6_err(g, RK_ICMP6_DST_UNREACH, 0, 0, 20, IP6_R);
	/* 14. administratively prohibited (1/1) quoting a whole 20-byte tcp header of a segment with
	       data: inner tcp complete, checksum unverifiable */
	NEW_ORIG(&o); ip6(&o); tcp(&o, 40000, 7777, RK_TCP_PSH | RK_TCP_ACK, 1000001, 5000001); data(&o, 100);
	n = FIN_ALONE(&o);
	icmp6_err(g, RK_ICMP6_DST_UNREACH, 1, 0, 60, IP6_R);
	/* 15. unknown type 200 (private experimentation, RFC 4443): payload after 8 bytes */
	NEW(&b); eth(&b); ip6(&b); icmp6(&b, 200, 0, 1, 2); data(&b, 8); PUT(&b);
	/* 16. destination unreachable with an empty quotation */
	icmp6_err(g, RK_ICMP6_DST_UNREACH, 0, 0, 0, IP6_R);
	/* 17. quoted packet with a hop-by-hop header and a udp datagram (whole) */
	NEW_ORIG(&o); ip6(&o); hop_opts(&o, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6); udp(&o, 40000, 7777);
	data(&o, 4);
	n = FIN_ALONE(&o);
	icmp6_err(g, RK_ICMP6_TIME_EXCEEDED, 0, 0, n, IP6_R);
	file_close(g);
}

/* ======================================================================== */
/* bad_csum.pcap: a bad checksum in each checksummed layer (decoding goes on) */
static void gen_bad_csum(struct gen *g)
{
	struct rk_build b;
	file_open(g, "bad_csum.pcap", DLT_EN10MB, false);
	/* 1. IPv4 header checksum wrong (udp inside is right) */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 1); h.csum = 0x1234; h.set = RK_IPV4_SET_CSUM;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 2. tcp over IPv4 */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_SYN, 1000000, 0); t.csum = 0x1234; t.set = RK_TCP_SET_CSUM;
	  NEW(&b); eth(&b); ip4(&b, 2); rk_build_tcp(&b, &t); PUT(&b); }
	/* 3. tcp over IPv6 */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_SYN, 1000000, 0); t.csum = 0x1234; t.set = RK_TCP_SET_CSUM;
	  NEW(&b); eth(&b); ip6(&b); rk_build_tcp(&b, &t); PUT(&b); }
	/* 4. udp over IPv4 */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0x1234, .set = RK_UDP_SET_CSUM};
	  NEW(&b); eth(&b); ip4(&b, 4); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 5. udp over IPv6 */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0x1234, .set = RK_UDP_SET_CSUM};
	  NEW(&b); eth(&b); ip6(&b); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 6. icmp echo */
	{ struct rk_icmp_hdr h = {.type = RK_ICMP_ECHO, .id = 1, .seq = 1, .csum = 0x1234, .set = RK_ICMP_SET_CSUM};
	  NEW(&b); eth(&b); ip4(&b, 6); rk_build_icmp(&b, &h); data(&b, 8); PUT(&b); }
	/* 7. icmpv6 echo */
	{ struct rk_icmp6_hdr h = {.type = RK_ICMP6_ECHO_REQUEST, .id = 1, .seq = 1, .csum = 0x1234,
				   .set = RK_ICMP6_SET_CSUM};
	  NEW(&b); eth(&b); ip6(&b); rk_build_icmp6(&b, &h); data(&b, 8); PUT(&b); }
	/* 8. icmp timestamp */
	{ struct rk_icmp_hdr h = {.type = RK_ICMP_TSTAMP, .id = 2, .seq = 2, .otime = 1, .csum = 0x1234,
				  .set = RK_ICMP_SET_CSUM};
	  NEW(&b); eth(&b); ip4(&b, 8); rk_build_icmp(&b, &h); PUT(&b); }
	/* 9. IPv4 and tcp both wrong, tcp with data */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 9); h.csum = 0xffff; h.set = RK_IPV4_SET_CSUM;
	  struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_PSH | RK_TCP_ACK, 1000001, 5000001); t.csum = 0;
	  t.set = RK_TCP_SET_CSUM;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); rk_build_tcp(&b, &t); data(&b, 10); PUT(&b); }
	/* 10. icmp error with a wrong outer checksum; the quoted datagram is right */
	{
		size_t n = o_udp4(g, 64, 8);
		struct rk_icmp_hdr h = {.type = RK_ICMP_UNREACH, .code = RK_ICMP_UNREACH_PORT, .csum = 0x1234,
					.set = RK_ICMP_SET_CSUM};
		NEW(&b); eth_rev(&b); ip4_rev(&b, 10); rk_build_icmp(&b, &h); bytes(&b, orig_buf, n); PUT(&b);
	}
	/* 11. udp checksum 0xffff where the right value is something else */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0xffff, .set = RK_UDP_SET_CSUM};
	  NEW(&b); eth(&b); ip4(&b, 11); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 12. icmpv6 error quoting a udp datagram whose own checksum is wrong: inner csum_ok false */
	{
		struct rk_build o;
		struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .csum = 0x1234, .set = RK_UDP_SET_CSUM};
		NEW_ORIG(&o); ip6(&o); rk_build_udp(&o, &u); data(&o, 8);
		size_t n = FIN_ALONE(&o);
		icmp6_err(g, RK_ICMP6_DST_UNREACH, 4, 0, n, IP6_B);
	}
	file_close(g);
}

/* ======================================================================== */
/* malformed.pcap: every "malformed input sets error" case of packet-json.md */
static void gen_malformed(struct gen *g)
{
	struct rk_build b;
	file_open(g, "malformed.pcap", DLT_EN10MB, false);
	/* 1. IPv4 ihl 4 (< 5) */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 1); h.ihl = 4; h.set = RK_IPV4_SET_IHL;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 2. IPv4 total length 12 (< ihl*4) */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 2); h.len = 12; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 3. IPv4 total length 0 (as a TSO capture shows it) */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 3); h.len = 0; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); tcp(&b, 40000, 7777, RK_TCP_ACK, 1, 1); data(&b, 8); PUT(&b); }
	/* 4. IPv4 total length 1000, past the frame's 50 bytes */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 4); h.len = 1000; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 5. IPv4 ihl 15 (60 bytes) with total length 40 (< ihl*4) */
	{ uint8_t o[40] = {0}; struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 5); h.opts = o; h.opts_len = 40;
	  h.len = 40; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); PUT(&b); }
	/* 6. IPv6 payload length 1000, past the frame */
	{ struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B); h.plen = 1000; h.set = RK_IPV6_SET_PLEN;
	  NEW(&b); eth(&b); rk_build_ipv6(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 7. tcp doff 4 (< 5) */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_ACK, 1, 1); t.doff = 4; t.set = RK_TCP_SET_DOFF;
	  NEW(&b); eth(&b); ip4(&b, 7); rk_build_tcp(&b, &t); data(&b, 6); PUT(&b); }
	/* 8. tcp doff 15 (60 bytes) in a datagram with 20 tcp bytes */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_ACK, 1, 1); t.doff = 15; t.set = RK_TCP_SET_DOFF;
	  NEW(&b); eth(&b); ip4(&b, 8); rk_build_tcp(&b, &t); PUT(&b); }
	/* 9. tcp doff 6 past the 40-byte datagram, but within the frame's Ethernet padding */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_ACK, 1, 1); t.doff = 6; t.set = RK_TCP_SET_DOFF;
	  NEW(&b); eth(&b); ip4(&b, 9); rk_build_tcp(&b, &t); PUT_PADX(&b, 60, 0x01); }
	/* 10. tcp over IPv6, doff 8 past the payload */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_ACK, 1, 1); t.doff = 8; t.set = RK_TCP_SET_DOFF;
	  NEW(&b); eth(&b); ip6(&b); rk_build_tcp(&b, &t); data(&b, 4); PUT(&b); }
	/* 11. IPv4 total length 30: the 20-byte tcp header does not fit the 10-byte payload */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 11); h.len = 30; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); tcp(&b, 40000, 7777, RK_TCP_ACK, 1, 1); PUT(&b); }
	/* 12. udp.len 4 (< 8) */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 4, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip4(&b, 12); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 13. udp.len 100, past the 16-byte datagram payload (IPv4) */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 100, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip4(&b, 13); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 14. udp.len 100 past the IPv6 payload */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 100, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip6(&b); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 15. udp.len 0 over IPv6 (a jumbogram's value, no jumbo option): < 8 */
	{ struct rk_udp_hdr u = {.sport = 40000, .dport = 7777, .len = 0, .set = RK_UDP_SET_LEN};
	  NEW(&b); eth(&b); ip6(&b); rk_build_udp(&b, &u); data(&b, 8); PUT(&b); }
	/* 16. IPv4 total length leaves 4 bytes for the 8-byte udp header */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 16); h.len = 24; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT(&b); }
	/* 17. udp.len 1008 past a first IPv4 fragment (MF): inside a fragment, not an error */
	{
		orig_udp4(g, IP4_A, IP4_B, 0x1717, 1000);
		NEW(&b); eth(&b); frag4(&b, 0x1717, RK_IPPROTO_UDP, 0, 48, true); PUT(&b);
	}
	/* 18. udp.len 1008 past a first IPv6 fragment: not an error */
	{
		orig_udp6(g, 1000);
		NEW(&b); eth(&b); ip6(&b); frag6(&b, RK_IPPROTO_UDP, 0, true, 0x18181818); bytes(&b, orig_buf + 40, 48);
		PUT(&b);
	}
	/* 19. hop-by-hop Hdr Ext Len 8 (72 bytes) in a 16-byte IPv6 payload */
	{ struct rk_ipv6_opts_hdr h = {.len = 72, .opts = RTALERT6, .opts_len = sizeof RTALERT6,
				       .set = RK_IPV6_EXT_SET_LEN};
	  NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_opts(&b, RK_LAYER_IPV6_HOP, &h); udp(&b, 40000, 7777); PUT(&b); }
	/* 20. destination options (after a good hop-by-hop) whose length runs past the payload */
	{ struct rk_ipv6_opts_hdr h = {.len = 32, .set = RK_IPV6_EXT_SET_LEN};
	  NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6);
	  rk_build_ipv6_opts(&b, RK_LAYER_IPV6_DST, &h); udp(&b, 40000, 7777); PUT(&b); }
	/* 21. routing header of 24 bytes declared in a payload of 16 (its bytes run on in the frame) */
	{ uint8_t d[20] = {0}; struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B); h.plen = 16; h.set = RK_IPV6_SET_PLEN;
	  struct rk_ipv6_route_hdr r = {.rtype = 4, .segleft = 0, .data = d, .data_len = sizeof d};
	  NEW(&b); eth(&b); rk_build_ipv6(&b, &h); rk_build_ipv6_route(&b, &r); udp(&b, 40000, 7777); PUT(&b); }
	/* 22. fragment header (8 bytes) in an IPv6 payload of 4 */
	{ struct rk_ipv6_hdr h = v6h(IP6_A, IP6_B); h.plen = 4; h.set = RK_IPV6_SET_PLEN;
	  NEW(&b); eth(&b); rk_build_ipv6(&b, &h); frag6(&b, RK_IPPROTO_UDP, 0, true, 0x16161616); data(&b, 8);
	  PUT(&b); }
	/* 23. tcp option length 1 (timestamps kind, len 1) */
	{ static const uint8_t o[] = {1, 1, 8, 1};
	  NEW(&b); eth(&b); ip4(&b, 23); tcp_opts(&b, RK_TCP_ACK, o, sizeof o); PUT(&b); }
	/* 24. tcp option length 0 (unknown kind 253, len 0) */
	{ static const uint8_t o[] = {253, 0, 1, 1};
	  NEW(&b); eth(&b); ip4(&b, 24); tcp_opts(&b, RK_TCP_ACK, o, sizeof o); PUT(&b); }
	/* 25. tcp option past the data offset: timestamps (10 bytes) starting 6 bytes before its end */
	{ static const uint8_t o[] = {2, 4, 0x05, 0xb4, 1, 1, 8, 10, 0, 0, 0, 1};
	  NEW(&b); eth(&b); ip4(&b, 25); tcp_opts(&b, RK_TCP_ACK, o, sizeof o); data(&b, 8); PUT(&b); }
	/* 26. sack option whose length (34) runs past the data offset, over IPv6 */
	{ static const uint8_t o[] = {1, 1, 5, 34, 0, 0, 0, 1, 0, 0, 0, 2};
	  NEW(&b); eth(&b); ip6(&b); tcp_opts(&b, RK_TCP_ACK, o, sizeof o); PUT(&b); }
	/* 27. ICMP header that does not fit its datagram (total length leaves 4 bytes) */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 27); h.len = 24; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); icmp(&b, RK_ICMP_ECHO, 0, 1, 1); data(&b, 8); PUT(&b); }
	/* 28. malformed inside IP-in-IP: inner IPv4 total length past the outer datagram */
	{ struct rk_ipv4_hdr i = v4h(IP4_A, IP4_B, 28); i.len = 200; i.set = RK_IPV4_SET_LEN;
	  struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 0x2828);
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &t); rk_build_ipv4(&b, &i); udp(&b, 40000, 7777); data(&b, 4);
	  PUT(&b); }
	file_close(g);
}

/* ======================================================================== */
/* truncated.pcap: headers cut by the snap length (caplen < len) */
static void gen_truncated(struct gen *g)
{
	struct rk_build b;
	/* the reference frame: eth(14) ipv4 with router alert (24) tcp with mss+ts+nops (32) data (20) */
	static const uint8_t ra[4] = {0x94, 0x04, 0, 0};
	static const uint8_t to[12] = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
	static const long cuts[] = {
		0,              /* nothing captured: eth listed, truncated, no keys */
		7,              /* in the destination... source MAC */
		13,             /* in the EtherType */
		14,             /* ipv4 with no byte captured */
		14 + 9,         /* in the ipv4 fixed header (before protocol) */
		14 + 22,        /* in the ipv4 options */
		14 + 24,        /* tcp with no byte captured */
		14 + 24 + 13,   /* in the tcp fixed header (flags missing) */
		14 + 24 + 26,   /* in the tcp options */
		14 + 24 + 32,   /* headers whole, no payload byte: payload len 20 caplen 0 */
		14 + 24 + 32 + 7, /* payload cut: len 20 caplen 7 */
	};
	file_open(g, "truncated.pcap", DLT_EN10MB, false);
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, (uint16_t)(0x300 + i));
		h.opts = ra;
		h.opts_len = 4;
		struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_PSH | RK_TCP_ACK, 1000001, 5000001);
		t.opts = to;
		t.opts_len = sizeof to;
		NEW(&b); eth(&b); rk_build_ipv4(&b, &h); rk_build_tcp(&b, &t); data(&b, 20); PUT_CUT(&b, cuts[i]);
	}
	/* 12. in an 802.1Q tag */
	NEW(&b); eth(&b); vlan(&b, 0, 1, false, 100); ip4(&b, 12); udp(&b, 40000, 7777); PUT_CUT(&b, 16);
	/* 13. in ARP (sender protocol address) */
	{ static const uint8_t zero[6];
	  NEW(&b); eth(&b); arp(&b, RK_ARP_REQUEST, MAC_A, IP4_A, zero, IP4_B); PUT_PAD_CUT(&b, 60, 14 + 16); }
	/* 14. in the ipv6 header (source address) */
	NEW(&b); eth(&b); ip6(&b); udp(&b, 40000, 7777); data(&b, 8); PUT_CUT(&b, 14 + 20);
	/* 15. in a hop-by-hop header */
	NEW(&b); eth(&b); ip6(&b); hop_opts(&b, RK_LAYER_IPV6_HOP, RTALERT6, sizeof RTALERT6); udp(&b, 40000, 7777);
	PUT_CUT(&b, 14 + 40 + 4);
	/* 16. in a routing header */
	{ uint8_t d[20] = {0}; struct rk_ipv6_route_hdr r = {.rtype = 4, .data = d, .data_len = sizeof d};
	  NEW(&b); eth(&b); ip6(&b); rk_build_ipv6_route(&b, &r); udp(&b, 40000, 7777); PUT_CUT(&b, 14 + 40 + 10); }
	/* 17. in a fragment header */
	NEW(&b); eth(&b); ip6(&b); frag6(&b, 0, 0, false, 0x17171717); udp(&b, 40000, 7777); PUT_CUT(&b, 14 + 40 + 5);
	/* 18. in the udp header */
	NEW(&b); eth(&b); ip4(&b, 18); udp(&b, 40000, 7777); data(&b, 8); PUT_CUT(&b, 14 + 20 + 5);
	/* 19. udp whole, payload cut */
	NEW(&b); eth(&b); ip4(&b, 19); udp(&b, 40000, 7777); data(&b, 100); PUT_CUT(&b, 14 + 20 + 8 + 10);
	/* 20. in the icmp header (after the checksum) */
	NEW(&b); eth(&b); ip4(&b, 20); icmp(&b, RK_ICMP_ECHO, 0, 1, 1); data(&b, 8); PUT_CUT(&b, 14 + 20 + 6);
	/* 21. icmp timestamp: 8-byte header captured, the timestamps cut */
	{ struct rk_icmp_hdr h = {.type = RK_ICMP_TSTAMP, .id = 0x2121, .seq = 1, .otime = 1};
	  NEW(&b); eth(&b); ip4(&b, 21); rk_build_icmp(&b, &h); PUT_CUT(&b, 14 + 20 + 12); }
	/* 22. in the icmpv6 header */
	NEW(&b); eth(&b); ip6(&b); icmp6(&b, RK_ICMP6_ECHO_REQUEST, 0, 1, 1); data(&b, 8); PUT_CUT(&b, 14 + 40 + 3);
	/* 23. icmp error whose quotation is cut by the snap length inside the inner tcp header */
	{
		size_t n = o_tcp4(g);
		NEW(&b); eth_rev(&b); ip4_rev(&b, 23); icmp(&b, RK_ICMP_UNREACH, RK_ICMP_UNREACH_PORT, 0, 0);
		bytes(&b, orig_buf, n); PUT_CUT(&b, 14 + 20 + 8 + 20 + 6);
	}
	/* 24. truncated and malformed at once (tcp doff 15 past the datagram, cut inside the fixed header):
	       truncated wins, no error */
	{ struct rk_tcp_hdr t = tcph(40000, 7777, RK_TCP_ACK, 1, 1); t.doff = 15; t.set = RK_TCP_SET_DOFF;
	  NEW(&b); eth(&b); ip4(&b, 24); rk_build_tcp(&b, &t); PUT_CUT(&b, 14 + 20 + 10); }
	/* 25. IPv4 total length (1000) past the frame's len, and the IPv4 header itself cut (16 of its 20
	       bytes captured): both apply, truncated wins */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 25); h.len = 1000; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT_CUT(&b, 30); }
	/* 26. only the Ethernet padding cut (60-byte frame, 58 captured): nothing truncated */
	NEW(&b); eth(&b); ip4(&b, 26); tcp(&b, 40000, 7777, RK_TCP_ACK, 1, 1); PUT_PAD_CUT(&b, 60, 58);
	/* 27. 802.3 frame, payload cut */
	{ static const uint8_t dst[6] = {0x03, 0, 0, 0, 0, 1};
	  NEW(&b); eth_type(&b, dst, 40); data(&b, 40); PUT_CUT(&b, 14 + 10); }
	/* 28. in the IPv6 payload of an IPv6-in-IPv4 tunnel (inner ipv6 cut) */
	{ struct rk_ipv4_hdr t = v4h(A4(192, 0, 2, 10), A4(192, 0, 2, 20), 28);
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &t); ip6(&b); udp(&b, 40000, 7777); PUT_CUT(&b, 14 + 20 + 30); }
	/* 29. tcp whole but the checksum-covered data cut (over IPv6): csum_ok null */
	NEW(&b); eth(&b); ip6(&b); tcp(&b, 40000, 7777, RK_TCP_PSH | RK_TCP_ACK, 1, 1); data(&b, 50);
	PUT_CUT(&b, 14 + 40 + 20 + 1);
	/* 30. IPv4 header whole with total length 1000 past the frame's len (malformed), the udp header
	       after it cut by the snap length: the IPv4 layer is malformed, udp is never reached */
	{ struct rk_ipv4_hdr h = v4h(IP4_A, IP4_B, 30); h.len = 1000; h.set = RK_IPV4_SET_LEN;
	  NEW(&b); eth(&b); rk_build_ipv4(&b, &h); udp(&b, 40000, 7777); data(&b, 8); PUT_CUT(&b, 14 + 20 + 4); }
	file_close(g);
}

/* nanosecond.pcap: the same kind of packets with nanosecond timestamps (9 fraction digits) */
static void gen_nano(struct gen *g)
{
	struct rk_build b;
	file_open(g, "nanosecond.pcap", DLT_EN10MB, true);
	NEW(&b); eth(&b); ip4(&b, 1); icmp(&b, RK_ICMP_ECHO, 0, 0x4e4e, 1); data(&b, 16); PUT(&b);
	NEW(&b); eth_rev(&b); ip4_rev(&b, 2); icmp(&b, RK_ICMP_ECHOREPLY, 0, 0x4e4e, 1); data(&b, 16); PUT(&b);
	NEW(&b); eth(&b); ip6(&b); udp(&b, 40000, 7777); data(&b, 8); PUT(&b);
	file_close(g);
}

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: rk-make-captures OUTDIR\n"
				"Writes the synthetic pcap fixtures (see captures/README.md) into OUTDIR.\n");
		return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	for (size_t i = 0; i < sizeof pattern; i++)
		pattern[i] = (uint8_t)('a' + i % 26);
	struct gen g = {.dir = argv[1]};
	gen_link_eth(&g);
	gen_link_ip(&g);
	gen_link_sll(&g);
	gen_link_sll2(&g);
	gen_link_null(&g);
	gen_ipv4(&g);
	gen_ipv6_ext(&g);
	gen_tcp(&g);
	gen_tcp_options(&g);
	gen_udp(&g);
	gen_icmp(&g);
	gen_icmp_errors(&g);
	gen_icmpv6(&g);
	gen_bad_csum(&g);
	gen_malformed(&g);
	gen_truncated(&g);
	gen_nano(&g);
	printf("%-22s %3u packets\n", "total", g.total);
	return g.failed ? 1 : 0;
}
