/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * env.c - the environment rk-craft gives the pure spec builder
 * (struct rk_spec_env): the source address the kernel would pick for each
 * destination (a UDP socket connect()ed to it, then getsockname(): nothing
 * is sent), -i's interface addresses, the next hop's MAC from the kernel's
 * neighbour table (/proc/net/route, /proc/net/arp), and the random seed.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "craft.h"
#include "rawkit/netif.h"
#include "tool.h"

/* The kernel's choice of source address towards dst (family AF_INET or
   AF_INET6); 0 on success. */
static int route_src(const char *ifname, int family, const void *dst, void *src)
{
	int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (ifname) /* needs CAP_NET_RAW; without it the main table decides */
		(void)setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname) + 1);
	int rc = -1;
	if (family == AF_INET) {
		struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(9) };
		memcpy(&sa.sin_addr, dst, 4);
		socklen_t len = sizeof(sa);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		    getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
			memcpy(src, &sa.sin_addr, 4);
			rc = 0;
		}
	} else {
		struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
		memcpy(&sa.sin6_addr, dst, 16);
		if (ifname && IN6_IS_ADDR_LINKLOCAL(&sa.sin6_addr))
			sa.sin6_scope_id = if_nametoindex(ifname);
		socklen_t len = sizeof(sa);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		    getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
			memcpy(src, &sa.sin6_addr, 16);
			rc = 0;
		}
	}
	close(fd);
	return rc;
}

static int src4_fn(void *ctx, uint32_t dst, uint32_t *src)
{
	struct craft_env *ce = ctx;
	if (dst == 0)
		return -1;
	if (!ce->have4 || ce->dst4 != dst) {
		uint32_t d = htonl(dst), s;
		if (route_src(ce->ifname, AF_INET, &d, &s) != 0)
			return -1;
		ce->dst4 = dst;
		ce->src4 = ntohl(s);
		ce->have4 = true;
	}
	*src = ce->src4;
	return 0;
}

static int src6_fn(void *ctx, const uint8_t dst[16], uint8_t src[16])
{
	struct craft_env *ce = ctx;
	static const uint8_t any[16];
	if (memcmp(dst, any, 16) == 0)
		return -1;
	if (!ce->have6 || memcmp(ce->dst6, dst, 16) != 0) {
		uint8_t s[16];
		if (route_src(ce->ifname, AF_INET6, dst, s) != 0)
			return -1;
		memcpy(ce->dst6, dst, 16);
		memcpy(ce->src6, s, 16);
		ce->have6 = true;
	}
	memcpy(src, ce->src6, 16);
	return 0;
}

/* The IPv4 next hop towards dst through ifname: a gateway from the main
   routing table (longest prefix), or dst itself when it is on-link. */
static uint32_t next_hop(const char *ifname, uint32_t dst)
{
	FILE *f = fopen("/proc/net/route", "r");
	char line[256], dev[IF_NAMESIZE + 1];
	unsigned long d, g, m;
	unsigned flags;
	int best = -1;
	uint32_t hop = dst;
	if (!f)
		return dst;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%16s %lx %lx %x %*d %*d %*d %lx", dev, &d, &g, &flags, &m) != 5)
			continue;
		if (strcmp(dev, ifname) != 0 || !(flags & 1)) /* RTF_UP */
			continue;
		uint32_t dest = ntohl((uint32_t)d), mask = ntohl((uint32_t)m);
		int len = __builtin_popcount(mask);
		if ((dst & mask) == dest && len > best) {
			best = len;
			hop = (flags & 2) ? ntohl((uint32_t)g) : dst; /* RTF_GATEWAY */
		}
	}
	fclose(f);
	return hop;
}

/* The MAC of addr in the neighbour table of ifname; 0 when known. */
static int neighbour_mac(const char *ifname, uint32_t addr, uint8_t mac[6])
{
	FILE *f = fopen("/proc/net/arp", "r");
	char line[256], ip[64], hw[64], dev[IF_NAMESIZE + 1];
	unsigned type, flags;
	int rc = -1;
	struct in_addr a = { .s_addr = htonl(addr) };
	char want[INET_ADDRSTRLEN];
	if (!f)
		return -1;
	inet_ntop(AF_INET, &a, want, sizeof(want));
	while (rc && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %x %x %63s %*s %16s", ip, &type, &flags, hw, dev) != 5)
			continue;
		if (strcmp(ip, want) || strcmp(dev, ifname) || !(flags & 2)) /* ATF_COM */
			continue;
		unsigned b[6];
		if (sscanf(hw, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) == 6) {
			for (int i = 0; i < 6; i++)
				mac[i] = (uint8_t)b[i];
			rc = 0;
		}
	}
	fclose(f);
	return rc;
}

static uint64_t random_seed(void)
{
	uint64_t seed;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed))
		return seed;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15u ^ (uint64_t)ts.tv_sec ^ (uint64_t)getpid() << 32;
}

void craft_env_setup(const struct craft_opts *o, struct rk_spec *spec, struct craft_env *ce)
{
	struct rk_spec_env *env = &spec->env;
	memset(ce, 0, sizeof(*ce));
	ce->ifname = o->ifname;
	env->seed = o->have_seed ? o->seed : random_seed();
	env->src4_fn = src4_fn;
	env->src6_fn = src6_fn;
	env->ctx = ce;
	if (!o->ifname)
		return;
	/* Fallbacks when no route answers: the interface's own. */
	if (rk_netif_ipv4(o->ifname, &env->src4, NULL) != RK_OK)
		env->src4 = 0;
	if (rk_netif_mac(o->ifname, env->eth_src, NULL) != RK_OK)
		memset(env->eth_src, 0, 6);

	/* An Ethernet frame to an IPv4 destination: its next hop's MAC. */
	const struct rk_spec_layer *eth = NULL;
	for (unsigned i = 0; i < spec->n; i++) {
		const struct rk_spec_layer *l = &spec->layer[i];
		if (l->kind == RK_LAYER_ETH && !eth)
			eth = l;
		if (l->kind == RK_LAYER_IPV4 && eth && l->h.ipv4.dst) {
			uint32_t hop = next_hop(o->ifname, l->h.ipv4.dst);
			static const uint8_t zero[6];
			/* (a parsed header holds only given values: zeros mean none) */
			if (neighbour_mac(o->ifname, hop, env->eth_dst) != 0 && o->send &&
			    memcmp(eth->h.eth.dst, zero, 6) == 0) {
				struct in_addr a = { .s_addr = htonl(hop) };
				char txt[INET_ADDRSTRLEN];
				inet_ntop(AF_INET, &a, txt, sizeof(txt));
				tool_warn("no neighbour entry for %s on %s: sending to "
					  "ff:ff:ff:ff:ff:ff (give eth(dst=...))", txt, o->ifname);
			}
			break;
		}
	}
}
