/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv_perm.c - the unprivileged side of the I/O layer: run without root
 * and without CAP_NET_RAW (perm.sh starts it through setpriv), every open
 * that needs the capability must return RK_E_PERM with the setcap hint in
 * errbuf, and what needs no privilege (netif.h) must still work. Sends
 * nothing.
 *
 *   priv_perm
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <rawkit/rawkit.h>
#include <rawkit/cap.h>
#include <rawkit/inject.h>
#include <rawkit/netif.h>
#include <rawkit/sock.h>
#include <rawkit/wire.h>

#include "privlib.h"

static int failures;

static void expect_perm(const char *what, int rc, const char *err, const char *prefix,
			const char *hint)
{
	if (rc != RK_E_PERM) {
		fprintf(stderr, "%s: returned %d (%s), not RK_E_PERM\n", what, rc, rk_strerror(rc));
		failures++;
		return;
	}
	if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, hint)) {
		fprintf(stderr, "%s: errbuf \"%s\"\n  does not start \"%s\" or lacks \"%s\"\n",
			what, err, prefix, hint);
		failures++;
	}
}

int main(int argc, char **argv)
{
	priv_prog = "priv_perm";
	(void)argc;
	if (geteuid() == 0)
		die("run me as an unprivileged user (perm.sh uses setpriv)");
	char exe[PATH_MAX];
	if (!realpath(argv[0], exe))
		die("realpath %s: %s", argv[0], strerror(errno));
	char hint[PATH_MAX + 64];
	snprintf(hint, sizeof(hint), "(needs root or CAP_NET_RAW: setcap cap_net_raw+ep %s)", exe);

	char err[RK_ERRBUF_SIZE] = "";
	struct rk_sock *s = NULL;
	int rc = rk_sock_open_send4(&s, err);
	if (rc == RK_OK)
		return PRIV_SKIP; /* CAP_NET_RAW after all: nothing to test */
	/* The exact sentence tools print (the path is this program's). */
	char want[PATH_MAX + 128];
	snprintf(want, sizeof(want), "raw socket: Operation not permitted %s", hint);
	want[RK_ERRBUF_SIZE - 1] = '\0'; /* as errbuf cuts it */
	if (rc != RK_E_PERM || strcmp(err, want) != 0) {
		fprintf(stderr, "rk_sock_open_send4: %d \"%s\"\n  expected \"%s\"\n", rc, err,
			want);
		failures++;
	}
	if (s)
		die("handle set on failure");

	rc = rk_sock_open_send6(&s, err);
	expect_perm("rk_sock_open_send6", rc, err, "raw socket: Operation not permitted", hint);
	rc = rk_sock_open_recv(&s, 4, RK_IPPROTO_TCP, err);
	expect_perm("rk_sock_open_recv", rc, err, "raw socket: Operation not permitted", hint);

	struct rk_inject *inj = NULL;
	rc = rk_inject_open(&inj, "lo", err);
	expect_perm("rk_inject_open", rc, err, "packet socket on lo: Operation not permitted",
		    hint);

	struct rk_cap *c = NULL;
	rc = rk_cap_open_live(&c, "lo", NULL, err);
	expect_perm("rk_cap_open_live", rc, err, "capture on lo: Operation not permitted", hint);

	struct rk_wire *w = NULL;
	rc = rk_wire_open_live(&w, "lo", "tcp", err);
	expect_perm("rk_wire_open_live", rc, err, "raw socket: Operation not permitted", hint);

	if (s || inj || c || w)
		die("a handle was set on failure");

	/* No privilege needed for these. */
	uint32_t a = 0;
	uint8_t mac[6] = { 1 };
	if (rk_netif_ipv4("lo", &a, err) != RK_OK || a != 0x7f000001u) {
		fprintf(stderr, "rk_netif_ipv4(lo): 0x%08x %s\n", a, err);
		failures++;
	}
	if (rk_netif_mac("lo", mac, err) != RK_OK || mac[0] != 0) {
		fprintf(stderr, "rk_netif_mac(lo): %s\n", err);
		failures++;
	}
	/* Print one, as a tool would. */
	rc = rk_sock_open_send4(&s, err);
	printf("as uid %u: %s: %s\n", (unsigned)getuid(), rk_strerror(rc), err);
	return failures ? 1 : 0;
}
