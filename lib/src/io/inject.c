/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * inject.c - link-layer frame injection through libnet (inject.h):
 * libnet_init(LIBNET_LINK_ADV) and libnet_adv_write_link(), which hand the
 * frame to a PF_PACKET socket untouched.
 */
#include "ioint.h"

#include <errno.h>
#include <libnet.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rawkit/inject.h"

#define ETH_HDR_LEN 14

struct rk_inject {
	libnet_t *l;
	char ifname[32];
};

/*
 * libnet's link socket is bound to ETH_P_ALL, so the kernel would queue a
 * copy of every frame in the namespace on it for nobody to read. A one-line
 * BPF program that accepts nothing stops that; injection is unaffected.
 */
static void drop_all_input(int fd)
{
	struct sock_filter reject = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = { .len = 1, .filter = &reject };
	(void)setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

RK_API int rk_inject_open(struct rk_inject **out, const char *ifname, char *errbuf)
{
	*out = NULL;
	if (!ifname || !*ifname || strlen(ifname) >= sizeof(((struct rk_inject *)0)->ifname)) {
		rkint_errbuf(errbuf,
			     "link-layer injection: interface name \"%s\" is empty or too long",
			     ifname ? ifname : "");
		return RK_E_INVAL;
	}
	struct rk_inject *inj = calloc(1, sizeof(*inj));
	if (!inj) {
		rkint_errbuf(errbuf, "link-layer injection on %s: %s", ifname, strerror(ENOMEM));
		return RK_E_SYS;
	}
	snprintf(inj->ifname, sizeof(inj->ifname), "%s", ifname);

	char lerr[LIBNET_ERRBUF_SIZE] = "";
	inj->l = libnet_init(LIBNET_LINK_ADV, inj->ifname, lerr);
	if (!inj->l) {
		/* libnet's cleanup overwrites errno; its message is all there
		   is to go on. */
		rkint_chomp(lerr);
		int rc = RK_E_SYS;
		if (strstr(lerr, "CAP_NET_RAW") || strstr(lerr, "ermission") ||
		    strstr(lerr, "not permitted")) {
			char hint[RK_ERRBUF_SIZE];
			rkint_perm_hint(hint, sizeof(hint));
			rkint_errbuf(errbuf, "packet socket on %s: %s (%s)", ifname,
				     strerror(EPERM), hint);
			rc = RK_E_PERM;
		} else {
			if (strstr(lerr, "No such device"))
				rc = RK_E_INVAL;
			rkint_errbuf(errbuf, "link-layer injection on %s: %s", ifname, lerr);
		}
		free(inj);
		return rc;
	}
	drop_all_input(libnet_getfd(inj->l));
	*out = inj;
	return RK_OK;
}

RK_API int rk_inject_send(struct rk_inject *inj, const void *frame, size_t len, char *errbuf)
{
	if (len < ETH_HDR_LEN || len > UINT32_MAX) {
		rkint_errbuf(errbuf, "link-layer send on %s: a %zu-byte frame is %s", inj->ifname,
			     len,
			     len < ETH_HDR_LEN ? "shorter than an Ethernet header" : "too long");
		return RK_E_INVAL;
	}
	for (;;) {
		errno = 0;
		int n = libnet_adv_write_link(inj->l, (const uint8_t *)frame, (uint32_t)len);
		if (n >= 0)
			return n;
		int err = errno;
		if (err == EINTR)
			continue;
		/* errno survives libnet's write path; its own message is the
		   fallback. */
		const char *why = err ? strerror(err) : rkint_chomp(libnet_geterror(inj->l));
		rkint_errbuf(errbuf, "link-layer send on %s: %s", inj->ifname, why);
		return err == EINVAL ? RK_E_INVAL : RK_E_SYS;
	}
}

RK_API void rk_inject_close(struct rk_inject *inj)
{
	if (!inj)
		return;
	if (inj->l)
		libnet_destroy(inj->l);
	free(inj);
}
