/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arp.c - rk-synscan answering ARP for an IPv4 --source-ip that no
 * interface of this host owns, as masscan does for its --source-ip.
 *
 * Why: replies to an address the kernel owns go through its TCP stack,
 * which answers every SYN-ACK with a RST (a second packet per open port
 * for both hosts to handle). Replies to an address it does not own are
 * dropped at the route lookup, after the capture has seen them. The
 * target still has to find our MAC for that address: the receive thread
 * answers its ARP requests (recv.c hands them here), and before the
 * first probe one ARP request from that address to the next hop puts it
 * in the next hop's neighbour table (RFC 826: the receiver of a request
 * records the sender), so replies never wait on resolution.
 *
 * IPv6 neighbour discovery is not answered: an unowned IPv6 source gets
 * a warning that replies will not come back.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawkit/arp.h"
#include "rawkit/eth.h"
#include "rawkit/netif.h"
#include "rawkit/wr.h"
#include "scan.h"
#include "util.h"

#define ETHERTYPE_ARP 0x0806
#define ARP_FRAME_LEN 60 /* Ethernet 14 + ARP 28, padded to the 60-byte minimum */

/* Is addr (host order, family 4; or 16 bytes, family 6) on an interface here? */
static bool owned_here(int family, uint32_t v4, const uint8_t *v6)
{
	struct ifaddrs *ifa, *i;
	bool owned = false;
	if (getifaddrs(&ifa) != 0)
		return true; /* cannot tell: leave the kernel in charge */
	for (i = ifa; i && !owned; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != (family == 4 ? AF_INET : AF_INET6))
			continue;
		if (family == 4)
			owned = ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr) == v4;
		else
			owned = !memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, v6, 16);
	}
	freeifaddrs(ifa);
	return owned;
}

bool arp_plan(struct scan *sc, const char **why)
{
	*why = NULL;
	if (sc->have_src6 && !owned_here(6, 0, sc->src6))
		*why = "the IPv6 --source-ip is no address of this host and rk-synscan "
		       "answers no neighbour solicitations: IPv6 replies will not come back";
	if (!sc->have_src4 || owned_here(4, sc->src4, NULL))
		return false;

	struct rk_target_addr first;
	rk_targets_get(&sc->targets, 0, &first);
	char ifn[IF_NAMESIZE] = "";
	uint32_t hop = 0;
	bool routed = l2_route(first.v4, ifn, &hop);
	if (sc->ifname[0]) {
		if (!routed || strcmp(ifn, sc->ifname))
			hop = 0; /* --interface overrides the route: no next hop known */
		snprintf(ifn, sizeof ifn, "%s", sc->ifname);
	} else if (!routed) {
		*why = "the IPv4 --source-ip is no address of this host and no route tells "
		       "which interface to answer ARP on (give --interface): "
		       "IPv4 replies will not come back";
		return false;
	}
	char eb[RK_ERRBUF_SIZE];
	if (rk_netif_mac(ifn, sc->arp_mac, eb) != RK_OK) {
		*why = "the IPv4 --source-ip is no address of this host and its interface has "
		       "no MAC to answer ARP with: IPv4 replies will not come back";
		return false;
	}
	snprintf(sc->ifname, sizeof sc->ifname, "%s", ifn); /* capture there */
	sc->arp_hop = hop;
	return true;
}

int arp_open(struct scan *sc, char *errbuf)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(errbuf, RK_ERRBUF_SIZE, "packet socket: %s%s", strerror(errno),
			 errno == EPERM ? " (needs root or CAP_NET_RAW)" : "");
		return RK_E_PERM;
	}
	/* Protocol 0: send-only; the requests come in through the capture. */
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_ifindex = (int)if_nametoindex(sc->ifname)};
	if (sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
		snprintf(errbuf, RK_ERRBUF_SIZE, "packet socket on %s: %s", sc->ifname,
			 strerror(errno));
		close(fd);
		return RK_E_SYS;
	}
	sc->arp_fd = fd;
	sc->arp_ifindex = sll.sll_ifindex;
	return RK_OK;
}

/* Build and send one ARP packet from (arp_mac, src4) in an Ethernet frame. */
static void arp_send(struct scan *sc, uint16_t op, const uint8_t eth_dst[6], const uint8_t tha[6],
		     const uint8_t tpa[4])
{
	uint8_t frame[ARP_FRAME_LEN] = {0};
	struct rk_wr wr;
	struct rk_eth_hdr eth = {.type = ETHERTYPE_ARP, .set = RK_ETH_SET_TYPE};
	struct rk_arp_hdr arp;
	memcpy(eth.dst, eth_dst, 6);
	memcpy(eth.src, sc->arp_mac, 6);
	rk_arp_init(&arp);
	arp.op = op;
	memcpy(arp.sha, sc->arp_mac, 6);
	uint32_t spa = htonl(sc->src4);
	memcpy(arp.spa, &spa, 4);
	memcpy(arp.tha, tha, 6);
	memcpy(arp.tpa, tpa, 4);
	rk_wr_init(&wr, frame, sizeof frame);
	if (rk_eth_build(&wr, &eth) != RK_OK || rk_arp_build(&wr, &arp) != RK_OK)
		return;
	struct sockaddr_ll to = {
	    .sll_family = AF_PACKET, .sll_ifindex = sc->arp_ifindex, .sll_halen = 6};
	memcpy(to.sll_addr, eth_dst, 6);
	if (sendto(sc->arp_fd, frame, sizeof frame, 0, (struct sockaddr *)&to, sizeof to) < 0) {
		if (atomic_fetch_add(&sc->send_errors, 1) == 0 && !sc->quiet)
			tool_warn("ARP on %s: %s", sc->ifname, strerror(errno));
	}
}

void arp_announce(struct scan *sc)
{
	static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t unknown[6];
	if (sc->arp_fd < 0 || sc->arp_hop == 0)
		return;
	uint32_t hop = htonl(sc->arp_hop);
	/* Unicast when the next hop's MAC is known (the layer-2 path knows it). */
	arp_send(sc, RK_ARP_REQUEST, sc->use_l2 ? sc->hop_mac : broadcast, unknown,
		 (const uint8_t *)&hop);
}

void arp_on_frame(struct scan *sc, struct rk_rd *rd)
{
	struct rk_arp_hdr req;
	if (sc->arp_fd < 0 || rk_arp_decode(rd, &req) != RK_OK)
		return;
	uint32_t want = htonl(sc->src4);
	if (req.htype != 1 || req.ptype != 0x0800 || req.hlen != 6 || req.plen != 4 ||
	    req.op != RK_ARP_REQUEST || memcmp(req.tpa, &want, 4))
		return;
	arp_send(sc, RK_ARP_REPLY, req.sha, req.sha, req.spa);
	atomic_fetch_add(&sc->arp_replies, 1);
}
