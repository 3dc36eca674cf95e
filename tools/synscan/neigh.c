/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * neigh.c - rk-synscan answering address resolution for a --source-ip that
 * no interface of this host owns, as masscan does for its --source-ip:
 * ARP (RFC 826) for IPv4, neighbour discovery (RFC 4861) for IPv6.
 *
 * Why: replies to an address the kernel owns go through its TCP stack,
 * which answers every SYN-ACK with a RST (a second packet per open port
 * for both hosts to handle). Replies to an address it does not own are
 * dropped at the route lookup, after the capture has seen them. The
 * target still has to find our MAC for that address: the receive thread
 * answers its ARP requests and neighbour solicitations (recv.c hands them
 * here), and before the first probe one ARP request or neighbour
 * solicitation from that address to the next hop puts it in the next
 * hop's neighbour table (RFC 826; RFC 4861 7.2.3: the receiver of a
 * request records the sender), so replies never wait on resolution.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawkit/arp.h"
#include "rawkit/build.h"
#include "rawkit/netif.h"
#include "scan.h"
#include "util.h"

#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_IPV6 0x86dd
#define FRAME_MIN 60 /* Ethernet's minimum frame, without the FCS */
#define ND_NS 135
#define ND_NA 136
#define ND_OPT_SRC_LLADDR 1
#define ND_OPT_TGT_LLADDR 2
#define NA_SOLICITED_OVERRIDE 0x6000 /* the S and O flags (first 16 bits) */

/* Is the address on an interface here? (Cannot tell: say yes, and leave
   the kernel in charge.) */
static bool owned_here(int family, uint32_t v4, const uint8_t *v6)
{
	return l2_addr_interface(family, v4, v6, NULL) != 0;
}

/* The interface and next hop of the main table's IPv6 route to dst, from
   /proc/net/ipv6_route (longest prefix; on-link: the next hop is dst). */
static bool route6(const uint8_t dst[16], char ifname[IF_NAMESIZE], uint8_t hop[16])
{
	FILE *f = fopen("/proc/net/ipv6_route", "r");
	char line[512];
	int best = -1;
	if (!f)
		return false;
	while (fgets(line, sizeof line, f)) {
		char d[33], gw[33], ifn[64];
		unsigned plen, flags;
		uint8_t net[16], nh[16];
		if (sscanf(line, "%32s %x %*32s %*x %32s %*x %*x %*x %x %63s", d, &plen, gw, &flags,
			   ifn) != 5 ||
		    plen > 128 || strlen(ifn) >= IF_NAMESIZE || !strcmp(ifn, "lo") ||
		    !(flags & 0x1) /* RTF_UP */ || (flags & 0x200) /* RTF_REJECT */)
			continue;
		for (int i = 0; i < 16; i++) {
			unsigned a, b;
			if (sscanf(d + 2 * i, "%2x", &a) != 1 || sscanf(gw + 2 * i, "%2x", &b) != 1)
				goto next;
			net[i] = (uint8_t)a;
			nh[i] = (uint8_t)b;
		}
		for (unsigned bit = 0; bit < plen; bit++) {
			unsigned byte = bit / 8, mask = 0x80u >> (bit % 8);
			if ((dst[byte] ^ net[byte]) & mask)
				goto next;
		}
		if ((int)plen > best) {
			static const uint8_t zero[16];
			best = (int)plen;
			strcpy(ifname, ifn);
			memcpy(hop, memcmp(nh, zero, 16) ? nh : dst, 16);
		}
	next:;
	}
	fclose(f);
	return best >= 0;
}

/* Pick the interface to answer on: --interface, else the route's; the
   two families must agree (one capture, one interface). */
static bool pick_interface(struct scan *sc, bool routed, const char *ifn, const char **why)
{
	if (sc->ifname[0])
		return true;
	if (!routed) {
		*why = "the --source-ip is no address of this host and no route tells which "
		       "interface to answer address resolution on (give --interface): "
		       "replies will not come back";
		return false;
	}
	snprintf(sc->ifname, sizeof sc->ifname, "%s", ifn);
	return true;
}

bool neigh_plan(struct scan *sc, const char **why)
{
	char eb[RK_ERRBUF_SIZE], ifn[IF_NAMESIZE] = "";
	*why = NULL;
	sc->arp_answer = sc->have_src4 && !owned_here(4, sc->src4, NULL);
	sc->nd_answer = sc->have_src6 && !owned_here(6, 0, sc->src6);
	if (sc->arp_answer) {
		struct rk_target_addr first;
		uint32_t hop = 0;
		rk_targets_get(&sc->targets, 0, &first);
		bool routed = l2_route(first.v4, ifn, &hop);
		sc->arp_answer = pick_interface(sc, routed, ifn, why);
		/* Tell the route's next hop, when --interface is that route's. */
		sc->nb_hop4 = routed && !strcmp(ifn, sc->ifname) ? hop : 0;
	}
	if (sc->nd_answer) {
		struct rk_target_addr last;
		rk_targets_get(&sc->targets, rk_targets_count(&sc->targets) - 1, &last);
		bool routed = route6(last.v6, ifn, sc->nb_hop6);
		sc->nd_answer = pick_interface(sc, routed, ifn, why);
		sc->nb_hop6_known = routed && !strcmp(ifn, sc->ifname);
	}
	if ((sc->arp_answer || sc->nd_answer) &&
	    rk_netif_mac(sc->ifname, sc->nb_mac, eb) != RK_OK) {
		*why = "the --source-ip is no address of this host and its interface has no MAC "
		       "to answer address resolution with: replies will not come back";
		sc->arp_answer = sc->nd_answer = false;
	}
	return sc->arp_answer || sc->nd_answer;
}

/* The solicited-node multicast address of a (RFC 4291 2.7.1) and its MAC. */
static void solicited_node(const uint8_t a[16], uint8_t ip[16], uint8_t mac[6])
{
	static const uint8_t prefix[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};
	memcpy(ip, prefix, 13);
	memcpy(ip + 13, a + 13, 3);
	mac[0] = mac[1] = 0x33;
	memcpy(mac + 2, ip + 12, 4);
}

int neigh_open(struct scan *sc, char *errbuf)
{
	int fd, ifindex;
	int r = l2_socket(sc->ifname, &fd, &ifindex, errbuf);
	if (r != RK_OK)
		return r;
	if (sc->nd_answer) {
		/* Solicitations go to our address's solicited-node group: have
		   the interface take them in (kept while the socket is open). */
		uint8_t group[16];
		struct packet_mreq mr = {
		    .mr_ifindex = ifindex, .mr_type = PACKET_MR_MULTICAST, .mr_alen = 6};
		solicited_node(sc->src6, group, mr.mr_address);
		if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
			snprintf(errbuf, RK_ERRBUF_SIZE, "multicast group on %s: %s", sc->ifname,
				 strerror(errno));
			close(fd);
			return RK_E_SYS;
		}
	}
	sc->nb_fd = fd;
	sc->nb_ifindex = ifindex;
	return RK_OK;
}

static void send_frame(struct scan *sc, uint8_t *frame, size_t len, const uint8_t dst[6])
{
	struct sockaddr_ll to = {
	    .sll_family = AF_PACKET, .sll_ifindex = sc->nb_ifindex, .sll_halen = 6};
	memcpy(to.sll_addr, dst, 6);
	if (len < FRAME_MIN) /* frame has FRAME_MIN bytes, zeroed */
		len = FRAME_MIN;
	if (sc->nb_fd < 0) /* not open: the reply fuzzer */
		return;
	if (sendto(sc->nb_fd, frame, len, 0, (struct sockaddr *)&to, sizeof to) < 0) {
		if (atomic_fetch_add(&sc->send_errors, 1) == 0 && !sc->quiet)
			tool_warn("address resolution on %s: %s", sc->ifname, strerror(errno));
	}
}

/* An ARP packet from (nb_mac, src4). */
static void arp_send(struct scan *sc, uint16_t op, const uint8_t eth_dst[6], const uint8_t tha[6],
		     const uint8_t tpa[4])
{
	uint8_t frame[FRAME_MIN] = {0};
	struct rk_build b;
	struct rk_eth_hdr eth = {.type = ETHERTYPE_ARP, .set = RK_ETH_SET_TYPE};
	struct rk_arp_hdr arp;
	memcpy(eth.dst, eth_dst, 6);
	memcpy(eth.src, sc->nb_mac, 6);
	rk_arp_init(&arp);
	arp.op = op;
	memcpy(arp.sha, sc->nb_mac, 6);
	uint32_t spa = htonl(sc->src4);
	memcpy(arp.spa, &spa, 4);
	memcpy(arp.tha, tha, 6);
	memcpy(arp.tpa, tpa, 4);
	rk_build_init(&b, frame, sizeof frame);
	(void)rk_build_eth(&b, &eth);
	(void)rk_build_arp(&b, &arp);
	int len = rk_build_finish(&b);
	if (len > 0)
		send_frame(sc, frame, (size_t)len, eth_dst);
}

/* A neighbour solicitation (type ND_NS) or advertisement (ND_NA) from
   (nb_mac, src6) about target, with our MAC in the link-layer option. */
static void nd_send(struct scan *sc, uint8_t type, const uint8_t eth_dst[6],
		    const uint8_t ip_dst[16], const uint8_t target[16])
{
	uint8_t frame[96] = {0}, body[24];
	struct rk_build b;
	struct rk_eth_hdr eth = {.type = ETHERTYPE_IPV6, .set = RK_ETH_SET_TYPE};
	struct rk_ipv6_hdr ip = {.hlim = 255}; /* RFC 4861 7.1: 255, or dropped */
	struct rk_icmp6_hdr icmp = {.type = type};
	memcpy(eth.dst, eth_dst, 6);
	memcpy(eth.src, sc->nb_mac, 6);
	memcpy(ip.src, sc->src6, 16);
	memcpy(ip.dst, ip_dst, 16);
	if (type == ND_NA)
		icmp.id = NA_SOLICITED_OVERRIDE;
	memcpy(body, target, 16);
	body[16] = type == ND_NA ? ND_OPT_TGT_LLADDR : ND_OPT_SRC_LLADDR;
	body[17] = 1; /* 8 bytes */
	memcpy(body + 18, sc->nb_mac, 6);
	rk_build_init(&b, frame, sizeof frame);
	(void)rk_build_eth(&b, &eth);
	(void)rk_build_ipv6(&b, &ip);
	(void)rk_build_icmp6(&b, &icmp);
	(void)rk_build_payload(&b, body, sizeof body);
	int len = rk_build_finish(&b);
	if (len > 0)
		send_frame(sc, frame, (size_t)len, eth_dst);
}

void neigh_announce(struct scan *sc)
{
	static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t unknown[6];
	if (sc->nb_fd < 0)
		return;
	if (sc->arp_answer && sc->nb_hop4) {
		uint32_t hop = htonl(sc->nb_hop4);
		/* Unicast when the next hop's MAC is known (the layer-2 path knows it). */
		arp_send(sc, RK_ARP_REQUEST, sc->use_l2 ? sc->hop_mac : broadcast, unknown,
			 (const uint8_t *)&hop);
	}
	if (sc->nd_answer && sc->nb_hop6_known) {
		uint8_t group[16], mac[6];
		solicited_node(sc->nb_hop6, group, mac);
		nd_send(sc, ND_NS, mac, group, sc->nb_hop6);
	}
}

void neigh_on_arp(struct scan *sc, struct rk_rd *rd)
{
	struct rk_arp_hdr req;
	if (!sc->arp_answer || rk_arp_decode(rd, &req) != RK_OK)
		return;
	uint32_t want = htonl(sc->src4);
	if (req.htype != 1 || req.ptype != 0x0800 || req.hlen != 6 || req.plen != 4 ||
	    req.op != RK_ARP_REQUEST || memcmp(req.tpa, &want, 4))
		return;
	arp_send(sc, RK_ARP_REPLY, req.sha, req.sha, req.spa);
}

void neigh_on_ns(struct scan *sc, struct rk_rd *rd, const struct rk_ipv6_hdr *ip,
		 const uint8_t eth_src[6])
{
	static const uint8_t unspecified[16];
	if (!sc->nd_answer || ip->hlim != 255)
		return;
	uint8_t type = rk_rd_u8(rd), code = rk_rd_u8(rd);
	rk_rd_skip(rd, 6); /* checksum (the kernel's filter saw the frame whole), reserved */
	const uint8_t *target = rk_rd_bytes(rd, 16);
	/* From :: it is duplicate address detection: someone else wants the address. */
	if (rk_rd_err(rd) || type != ND_NS || code != 0 || !target ||
	    memcmp(target, sc->src6, 16) || !memcmp(ip->src, unspecified, 16))
		return;
	nd_send(sc, ND_NA, eth_src, ip->src, sc->src6);
}
