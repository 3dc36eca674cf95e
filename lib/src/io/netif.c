/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netif.c - an interface's IPv4 address and MAC through libnet (netif.h).
 * A LIBNET_NONE context opens no socket of its own and needs no privilege;
 * libnet_get_ipaddr4() and libnet_get_hwaddr() ask the kernel by ioctl.
 */
#include "ioint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libnet.h>
#include <net/if.h>
#include <string.h>

#include "rawkit/netif.h"

/* A build-only libnet context naming the interface. */
static libnet_t *ctx_open(const char *ifname, char *errbuf, int *rc)
{
	if (!ifname || !*ifname || strlen(ifname) >= IFNAMSIZ) {
		rkint_errbuf(errbuf, "interface name \"%s\" is empty or longer than %d bytes",
			     ifname ? ifname : "", IFNAMSIZ - 1);
		*rc = RK_E_INVAL;
		return NULL;
	}
	char lerr[LIBNET_ERRBUF_SIZE] = "";
	libnet_t *l = libnet_init(LIBNET_NONE, ifname, lerr);
	if (!l) {
		rkint_errbuf(errbuf, "interface %s: %s", ifname, rkint_chomp(lerr));
		*rc = RK_E_SYS;
	}
	return l;
}

/* Turn libnet's message and the ioctl's errno into an rk_err and a sentence. */
static int ctx_error(libnet_t *l, const char *ifname, int err, const char *what, char *errbuf)
{
	const char *m = rkint_chomp(libnet_geterror(l));
	if (err == ENODEV || err == ENXIO || strstr(m, "No such device")) {
		rkint_errbuf(errbuf, "interface %s: %s", ifname, strerror(ENODEV));
		return RK_E_INVAL;
	}
	if (err == EADDRNOTAVAIL || strstr(m, "Cannot assign")) {
		rkint_errbuf(errbuf, "interface %s has no %s", ifname, what);
		return RK_E_SYS;
	}
	rkint_errbuf(errbuf, "interface %s: cannot read its %s: %s", ifname, what,
		     *m ? m : strerror(err));
	return RK_E_SYS;
}

RK_API int rk_netif_ipv4(const char *ifname, uint32_t *addr, char *errbuf)
{
	int rc = RK_OK;
	libnet_t *l = ctx_open(ifname, errbuf, &rc);
	if (!l)
		return rc;
	errno = 0;
	uint32_t a = libnet_get_ipaddr4(l);
	int err = errno;
	/* -1 is both the error value and 255.255.255.255; the message tells. */
	if (a == UINT32_MAX && libnet_geterror(l)[0] != '\0')
		rc = ctx_error(l, ifname, err, "IPv4 address", errbuf);
	else
		*addr = ntohl(a);
	libnet_destroy(l);
	return rc;
}

RK_API int rk_netif_mac(const char *ifname, uint8_t mac[6], char *errbuf)
{
	int rc = RK_OK;
	libnet_t *l = ctx_open(ifname, errbuf, &rc);
	if (!l)
		return rc;
	errno = 0;
	struct libnet_ether_addr *e = libnet_get_hwaddr(l);
	int err = errno;
	if (!e)
		rc = ctx_error(l, ifname, err, "hardware address", errbuf);
	else
		memcpy(mac, e->ether_addr_octet, 6);
	libnet_destroy(l);
	return rc;
}
