/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * l2.c - rk-synscan's link-layer send path: whole Ethernet frames on an
 * AF_PACKET socket, 64 per sendmmsg(). It skips the per-packet route
 * lookup, netfilter hook and neighbour step of the IP_HDRINCL socket,
 * which bench/synscan measured as the faster of the two (docs/PERFORMANCE.md,
 * Synscan), so it is used whenever it can be:
 *
 *   - IPv4 targets only (IPv6 goes through the raw IPv6 socket);
 *   - every target leaves through one interface to one next hop: the same
 *     gateway for all of them, or the target itself when there is exactly
 *     one (a LAN sweep would need a MAC per host: that stays at layer 3);
 *   - the next hop's MAC is in the neighbour table already (or given with
 *     --router-mac): rk-synscan sends nothing to learn it.
 *
 * Routes come from /proc/net/route (the main table), MACs from
 * /proc/net/arp. Otherwise the IP_HDRINCL socket does the work, and
 * --send l3 forces that.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawkit/netif.h"
#include "scan.h"
#include "util.h"

#define RTF_UP_ 0x0001
#define RTF_GATEWAY_ 0x0002
#define RTF_REJECT_ 0x0200
#define ATF_COM_ 0x02

struct route {
	char ifname[IF_NAMESIZE];
	uint32_t dst, mask, gw; /* host order; gw 0: on-link */
	unsigned plen;
};

static int read_routes(struct route **out, size_t *n)
{
	FILE *f = fopen("/proc/net/route", "r");
	char line[256];
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!f)
		return -1;
	if (!fgets(line, sizeof line, f)) { /* the header */
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		char ifn[64];
		unsigned long dst, gw, mask;
		unsigned flags;
		if (sscanf(line, "%63s %lx %lx %x %*d %*d %*d %lx", ifn, &dst, &gw, &flags,
			   &mask) != 5)
			continue;
		if (!(flags & RTF_UP_) || (flags & RTF_REJECT_) || strlen(ifn) >= IF_NAMESIZE)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct route *r = realloc(*out, cap * sizeof *r);
			if (!r)
				break;
			*out = r;
		}
		struct route *r = &(*out)[(*n)++];
		strcpy(r->ifname, ifn);
		/* The kernel prints the network-order words as host integers. */
		r->dst = ntohl((uint32_t)dst);
		r->mask = ntohl((uint32_t)mask);
		r->gw = (flags & RTF_GATEWAY_) ? ntohl((uint32_t)gw) : 0;
		r->plen = (unsigned)__builtin_popcount(r->mask);
	}
	fclose(f);
	return 0;
}

static bool route_holds(const struct route *r, uint32_t a, uint32_t b)
{
	return (a & r->mask) == r->dst && (b & r->mask) == r->dst;
}

static bool route_overlaps(const struct route *r, uint32_t a, uint32_t b)
{
	uint32_t lo = r->dst, hi = r->dst | ~r->mask;
	return lo <= b && a <= hi;
}

/*
 * The one (interface, next hop) all of [a, b] is routed to, or false: the
 * most specific route holding the whole range, and every more specific
 * route overlapping it, must agree.
 */
static bool range_next_hop(const struct route *rt, size_t n, uint32_t a, uint32_t b, char *ifname,
			   uint32_t *hop)
{
	const struct route *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (route_holds(&rt[i], a, b) && (!best || rt[i].plen > best->plen))
			best = &rt[i];
	if (!best)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &rt[i];
		if (r == best || r->plen < best->plen || !route_overlaps(r, a, b))
			continue;
		if (r->gw != best->gw || strcmp(r->ifname, best->ifname))
			return false;
	}
	if (best->gw == 0 && a != b)
		return false; /* on-link hosts: one MAC each */
	strcpy(ifname, best->ifname);
	*hop = best->gw ? best->gw : a;
	return true;
}

bool l2_route(uint32_t dst, char ifname[IF_NAMESIZE], uint32_t *hop)
{
	struct route *rt;
	size_t n;
	if (read_routes(&rt, &n) != 0)
		return false;
	bool ok = range_next_hop(rt, n, dst, dst, ifname, hop);
	free(rt);
	return ok;
}

int l2_addr_interface(int family, uint32_t v4, const uint8_t *v6, char ifname[IF_NAMESIZE])
{
	struct ifaddrs *ifa, *i;
	int found = 0;
	if (getifaddrs(&ifa) != 0)
		return -1;
	for (i = ifa; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != (family == 4 ? AF_INET : AF_INET6))
			continue;
		if (family == 4)
			found = ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr) == v4;
		else
			found = !memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, v6, 16);
		if (found && ifname)
			snprintf(ifname, IF_NAMESIZE, "%s", i->ifa_name);
	}
	freeifaddrs(ifa);
	return found;
}

/* The MAC of addr on ifname from the neighbour table, if complete. */
static bool arp_lookup(uint32_t addr, const char *ifname, uint8_t mac[6])
{
	FILE *f = fopen("/proc/net/arp", "r");
	char line[256];
	bool found = false;
	if (!f)
		return false;
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return false;
	}
	while (!found && fgets(line, sizeof line, f)) {
		char ip[64], hw[64], dev[64];
		unsigned flags, m[6];
		struct in_addr ia;
		if (sscanf(line, "%63s %*x %x %63s %*s %63s", ip, &flags, hw, dev) != 4)
			continue;
		if (!(flags & ATF_COM_) || strcmp(dev, ifname) ||
		    inet_pton(AF_INET, ip, &ia) != 1 || ntohl(ia.s_addr) != addr)
			continue;
		if (sscanf(hw, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
			continue;
		for (int i = 0; i < 6; i++)
			mac[i] = (uint8_t)m[i];
		found = true;
	}
	fclose(f);
	return found;
}

bool l2_plan(struct scan *sc, const char **why)
{
	struct route *rt;
	size_t n;
	char ifn[IF_NAMESIZE] = "", cur[IF_NAMESIZE];
	uint32_t hop = 0, h;

	if (sc->have_src6) {
		*why = "IPv6 targets";
		return false;
	}
	if (read_routes(&rt, &n) != 0) {
		*why = "no /proc/net/route";
		return false;
	}
	bool ok = true;
	size_t nr = rk_targets_nranges(&sc->targets);
	for (size_t i = 0; ok && i < nr; i++) {
		struct rk_target_addr first, last;
		rk_targets_range(&sc->targets, i, &first, &last);
		if (!range_next_hop(rt, n, first.v4, last.v4, cur, &h) ||
		    (i > 0 && (h != hop || strcmp(cur, ifn)))) {
			*why = "the targets have more than one next hop";
			ok = false;
		}
		strcpy(ifn, cur);
		hop = h;
	}
	free(rt);
	if (!ok)
		return false;
	if (sc->ifname[0] && strcmp(sc->ifname, ifn)) {
		*why = "the targets are routed through another interface";
		return false;
	}
	if (!sc->router_mac_given && !arp_lookup(hop, ifn, sc->hop_mac)) {
		*why = "the next hop's MAC is not in the neighbour table (--router-mac gives it)";
		return false;
	}
	char eb[RK_ERRBUF_SIZE];
	if (rk_netif_mac(ifn, sc->own_mac, eb) != RK_OK) {
		*why = "the interface has no MAC";
		return false;
	}
	snprintf(sc->l2_ifname, sizeof sc->l2_ifname, "%s", ifn);
	return true;
}

int l2_socket(const char *ifname, int *fd_out, int *ifindex, char *errbuf)
{
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(errbuf, RK_ERRBUF_SIZE, "packet socket: %s%s", strerror(errno),
			 errno == EPERM ? " (needs root or CAP_NET_RAW)" : "");
		return RK_E_PERM;
	}
	/* Protocol 0: a send-only socket, nothing is queued to it. */
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_ifindex = (int)if_nametoindex(ifname)};
	if (sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
		snprintf(errbuf, RK_ERRBUF_SIZE, "packet socket on %s: %s", ifname,
			 strerror(errno));
		close(fd);
		return RK_E_SYS;
	}
	*fd_out = fd;
	*ifindex = sll.sll_ifindex;
	return RK_OK;
}

int l2_open(struct scan *sc, char *errbuf)
{
	return l2_socket(sc->l2_ifname, &sc->l2_fd, &sc->l2_ifindex, errbuf);
}

int l2_send(struct scan *sc, const struct rk_sock_pkt *pk, unsigned n)
{
	struct mmsghdr msg[64];
	struct iovec iov[64];
	struct sockaddr_ll to = {
	    .sll_family = AF_PACKET, .sll_ifindex = sc->l2_ifindex, .sll_halen = 6};
	memcpy(to.sll_addr, sc->hop_mac, 6);
	if (n > 64)
		n = 64;
	for (unsigned i = 0; i < n; i++) {
		iov[i] = (struct iovec){(void *)(uintptr_t)pk[i].data, pk[i].len};
		memset(&msg[i], 0, sizeof msg[i]);
		msg[i].msg_hdr.msg_name = &to;
		msg[i].msg_hdr.msg_namelen = sizeof to;
		msg[i].msg_hdr.msg_iov = &iov[i];
		msg[i].msg_hdr.msg_iovlen = 1;
	}
	int r;
	do
		r = sendmmsg(sc->l2_fd, msg, n, 0);
	while (r < 0 && errno == EINTR);
	return r;
}
