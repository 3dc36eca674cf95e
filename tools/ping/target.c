/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * target.c - rk-ping's destination and source (target.h), found the way
 * iputils ping finds them (ping.c ping4_run(), ping6_run()): getaddrinfo()
 * with AI_CANONNAME, then a UDP socket connected to the destination whose
 * getsockname() is the source the kernel would use. connect() on a UDP
 * socket sends nothing; it fails with EACCES for a broadcast address unless
 * SO_BROADCAST is set, which is how a broadcast destination is recognised.
 */
#include "target.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

union sa46 {
	struct sockaddr sa;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
};

static void to_sa(int family, uint32_t a4, const uint8_t *a6, union sa46 *sa, socklen_t *len)
{
	memset(sa, 0, sizeof(*sa));
	if (family == 4) {
		sa->in.sin_family = AF_INET;
		sa->in.sin_addr.s_addr = htonl(a4);
		*len = sizeof(sa->in);
	} else {
		sa->in6.sin6_family = AF_INET6;
		memcpy(&sa->in6.sin6_addr, a6, 16);
		*len = sizeof(sa->in6);
	}
}

static void numeric(int family, uint32_t a4, const uint8_t *a6, char *buf, size_t size)
{
	if (family == 4) {
		struct in_addr in = {htonl(a4)};
		inet_ntop(AF_INET, &in, buf, (socklen_t)size);
	} else {
		inet_ntop(AF_INET6, a6, buf, (socklen_t)size);
	}
}

void ping_target_addr_name(void *ctx, int family, uint32_t a4, const uint8_t *a6, char *buf,
			   size_t size)
{
	struct ping_target *t = ctx;
	uint8_t key[16] = {0};
	if (family == 4)
		memcpy(key, &a4, 4);
	else
		memcpy(key, a6, 16);
	if (t->last_family == family && memcmp(t->last, key, 16) == 0) {
		snprintf(buf, size, "%s", t->last_shown);
		return;
	}
	char addr[64], name[NI_MAXHOST] = "";
	numeric(family, a4, a6, addr, sizeof(addr));
	if (!t->numeric) {
		union sa46 sa;
		socklen_t len;
		to_sa(family, a4, a6, &sa, &len);
		if (getnameinfo(&sa.sa, len, name, sizeof(name), NULL, 0, 0) != 0)
			name[0] = '\0';
	}
	/* iputils' pr_addr(): "name (address)" whenever a lookup was made,
	   even when it only gave the address back. */
	if (name[0])
		snprintf(t->last_shown, sizeof(t->last_shown), "%s (%s)", name, addr);
	else
		snprintf(t->last_shown, sizeof(t->last_shown), "%s", addr);
	t->last_family = family;
	memcpy(t->last, key, 16);
	snprintf(buf, size, "%s", t->last_shown);
}

static void finish_names(struct ping_target *t)
{
	numeric(t->family, t->dst4, t->dst6, t->addr, sizeof(t->addr));
	if (t->family == 6)
		ping_target_addr_name(t, 6, 0, t->dst6, t->addr_shown, sizeof(t->addr_shown));
	else
		snprintf(t->addr_shown, sizeof(t->addr_shown), "%s", t->addr);
	t->multicast = t->family == 4 ? (t->dst4 >> 28) == 0xe : t->dst6[0] == 0xff;
}

int ping_target_resolve(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size)
{
	memset(t, 0, sizeof(*t));
	struct addrinfo hints = {
	    .ai_socktype = SOCK_DGRAM, .ai_protocol = IPPROTO_UDP, .ai_flags = AI_CANONNAME};
	hints.ai_family = o->family == 4 ? AF_INET : o->family == 6 ? AF_INET6 : AF_UNSPEC;
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(o->target, NULL, &hints, &res);
	if (rc != 0) {
		if (rc == EAI_SYSTEM)
			snprintf(msg, size, "%s: %s", o->target, strerror(errno));
		else
			snprintf(msg, size, "%s: %s", o->target, gai_strerror(rc));
		return -1;
	}
	const struct addrinfo *ai = res;
	if (ai->ai_family == AF_INET) {
		t->family = 4;
		t->dst4 = ntohl(((const struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr);
	} else {
		t->family = 6;
		memcpy(t->dst6, &((const struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
	}
	/* A literal address prints as typed and turns lookups off (iputils). */
	uint8_t scratch[16];
	bool literal = inet_pton(AF_INET, o->target, scratch) == 1 ||
		       inet_pton(AF_INET6, o->target, scratch) == 1;
	t->numeric = o->numeric || literal;
	if (literal || !ai->ai_canonname)
		snprintf(t->host, sizeof(t->host), "%s", o->target);
	else
		snprintf(t->host, sizeof(t->host), "%s", ai->ai_canonname);
	freeaddrinfo(res);
	finish_names(t);
	return 0;
}

int ping_target_literal(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size)
{
	memset(t, 0, sizeof(*t));
	uint8_t a[16];
	if (o->family != 6 && inet_pton(AF_INET, o->target, a) == 1) {
		t->family = 4;
		t->dst4 = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
	} else if (o->family != 4 && inet_pton(AF_INET6, o->target, a) == 1) {
		t->family = 6;
		memcpy(t->dst6, a, 16);
	} else {
		snprintf(msg, size,
			 "--replay: '%s' is not an IPv%s address (a replay looks nothing up)",
			 o->target,
			 o->family == 6	  ? "6"
			 : o->family == 4 ? "4"
					  : "4 or IPv6");
		return -1;
	}
	t->numeric = true;
	snprintf(t->host, sizeof(t->host), "%s", o->target);
	if (o->source) {
		if (t->family == 4 && inet_pton(AF_INET, o->source, a) == 1) {
			t->src4 = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 |
				  (uint32_t)a[2] << 8 | a[3];
		} else if (t->family == 6 && inet_pton(AF_INET6, o->source, a) == 1) {
			memcpy(t->src6, a, 16);
		} else {
			snprintf(msg, size, "-I: '%s' is not an IPv%d address", o->source,
				 t->family);
			return -1;
		}
		numeric(t->family, t->src4, t->src6, t->source, sizeof(t->source));
	}
	finish_names(t);
	return 0;
}

int ping_target_source(struct ping_target *t, const struct ping_opts *o, char *msg, size_t size)
{
	int af = t->family == 4 ? AF_INET : AF_INET6;
	int fd = socket(af, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(msg, size, "socket: %s", strerror(errno));
		return -1;
	}
	int rc = -1;
	union sa46 sa;
	socklen_t len;
	if (o->iface) {
		if (if_nametoindex(o->iface) == 0) {
			snprintf(msg, size, "-I: %s: no such interface", o->iface);
			goto out;
		}
		if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o->iface,
			       (socklen_t)strlen(o->iface) + 1) < 0) {
			snprintf(msg, size, "SO_BINDTODEVICE %s: %s", o->iface, strerror(errno));
			goto out;
		}
	}
	if (o->source) {
		uint8_t a[16];
		memset(&sa, 0, sizeof(sa));
		if (t->family == 4 && inet_pton(AF_INET, o->source, a) == 1) {
			sa.in.sin_family = AF_INET;
			memcpy(&sa.in.sin_addr, a, 4);
			len = sizeof(sa.in);
		} else if (t->family == 6 && inet_pton(AF_INET6, o->source, a) == 1) {
			sa.in6.sin6_family = AF_INET6;
			memcpy(&sa.in6.sin6_addr, a, 16);
			len = sizeof(sa.in6);
		} else {
			snprintf(msg, size, "-I: '%s' is not an IPv%d address", o->source,
				 t->family);
			goto out;
		}
		if (bind(fd, &sa.sa, len) < 0) {
			snprintf(msg, size, "-I %s: bind: %s", o->source, strerror(errno));
			goto out;
		}
	}
	to_sa(t->family, t->dst4, t->dst6, &sa, &len);
	if (t->family == 4)
		sa.in.sin_port = htons(1025);
	else
		sa.in6.sin6_port = htons(1025);
	if (connect(fd, &sa.sa, len) < 0) {
		if (errno != EACCES || t->family != 4) {
			snprintf(msg, size, "connect %s: %s", t->addr, strerror(errno));
			goto out;
		}
		if (!o->broadcast) {
			snprintf(
			    msg, size,
			    "%s is a broadcast address: give -b to ping it (if it is not, check "
			    "your local firewall rules)",
			    t->addr);
			goto out;
		}
		int on = 1;
		if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) < 0 ||
		    connect(fd, &sa.sa, len) < 0) {
			snprintf(msg, size, "connect %s: %s", t->addr, strerror(errno));
			goto out;
		}
		t->broadcast = true;
	}
	len = sizeof(sa);
	if (getsockname(fd, &sa.sa, &len) < 0) {
		snprintf(msg, size, "getsockname: %s", strerror(errno));
		goto out;
	}
	if (t->family == 4)
		t->src4 = ntohl(sa.in.sin_addr.s_addr);
	else
		memcpy(t->src6, &sa.in6.sin6_addr, 16);
	numeric(t->family, t->src4, t->src6, t->source, sizeof(t->source));
	if (t->broadcast)
		t->multicast = true;
	rc = 0;
out:
	close(fd);
	return rc;
}
