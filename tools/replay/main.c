/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-replay: send the packets of capture files out of an
 * interface, as recorded or at a chosen rate (docs/REPLAY.md). Everything
 * the user gave is checked (command line, interface, every packet of every
 * file) before a socket is opened, so bad input sends nothing.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "replay.h"
#include "tool.h"

/* 0 when ifname exists and is up, else -1 after a message. */
static int check_interface(const char *ifname)
{
	if (strlen(ifname) >= IFNAMSIZ || if_nametoindex(ifname) == 0) {
		tool_warn("unknown interface '%s'", ifname);
		return -1;
	}
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0; /* cannot tell: sending will */
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	int rc = ioctl(fd, SIOCGIFFLAGS, &ifr);
	close(fd);
	if (rc == 0 && !(ifr.ifr_flags & IFF_UP)) {
		tool_warn("interface '%s' is down", ifname);
		return -1;
	}
	return 0;
}

static void dry_run(const struct replay_opts *o, const struct replay_store *s)
{
	uint64_t bytes = 0;
	for (size_t i = 0; i < s->n; i++)
		bytes += s->pkt[i].len;
	printf("%zu packets (%llu bytes to send) in %d file%s, one pass %.6f seconds as recorded\n",
	       s->n, (unsigned long long)bytes, o->nfiles, o->nfiles == 1 ? "" : "s",
	       (double)s->span_ns / 1e9);
	printf("\tEthernet frames:  %llu\n", (unsigned long long)s->count[REPLAY_PKT_L2]);
	printf("\tIPv4 packets:     %llu\n", (unsigned long long)s->count[REPLAY_PKT_IP4]);
	printf("\tIPv6 packets:     %llu\n", (unsigned long long)s->count[REPLAY_PKT_IP6]);
	printf("\tSkipped packets:  %llu\n", (unsigned long long)s->count[REPLAY_PKT_SKIP]);
}

int main(int argc, char **argv)
{
	static struct replay_opts o;
	static struct replay_store s;
	struct replay_out out;

	tool_init(argv[0]);
	replay_opts_parse(&o, argc, argv);
	if (o.ifname && check_interface(o.ifname) < 0)
		return TOOL_EXIT_FAIL;
	if (replay_load(&o, &s) < 0)
		return TOOL_EXIT_FAIL;
	if (o.dry_run) {
		dry_run(&o, &s);
		replay_store_free(&s);
		return TOOL_EXIT_OK;
	}
	if (replay_out_open(&o, &s, &out) < 0) {
		replay_store_free(&s);
		return TOOL_EXIT_FAIL;
	}
	/* Everything privileged is open: a set-uid install becomes its user. */
	if ((getegid() != getgid() && setgid(getgid()) < 0) ||
	    (geteuid() != getuid() && setuid(getuid()) < 0)) {
		tool_warn_errno(errno, "dropping privileges");
		replay_out_close(&out);
		replay_store_free(&s);
		return TOOL_EXIT_FAIL;
	}
	int status = replay_run(&o, &s, &out);
	replay_out_close(&out);
	replay_store_free(&s);
	return status;
}
