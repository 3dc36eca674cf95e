/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv.c - privilege dropping for rk-ping (priv.h), after iputils'
 * limit_capabilities() / drop_capabilities() and OpenBSD ping's setuid()
 * right after socket(): once the sockets are open nothing else needs
 * privilege, so a bug in packet handling cannot be used to gain any.
 * capget/capset are called through syscall(2) with the kernel's own
 * structures (linux/capability.h), so libcap is not needed.
 */
#include "priv.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int capget2(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	return (int)syscall(SYS_capget, &h, d);
}

bool ping_priv_has_net_raw(void)
{
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (capget2(d) < 0)
		return false;
	return (d[CAP_NET_RAW / 32].effective >> (CAP_NET_RAW % 32)) & 1;
}

int ping_priv_drop(char *msg, size_t size)
{
	uid_t ruid = getuid();
	gid_t rgid = getgid();
	/* A set-uid / set-gid install: become the user who ran us, for good
	   (setuid() as root sets the saved ids too). */
	if (getegid() != rgid && setgid(rgid) < 0) {
		snprintf(msg, size, "setgid(%u): %s", (unsigned)rgid, strerror(errno));
		return -1;
	}
	if (geteuid() != ruid && setuid(ruid) < 0) {
		snprintf(msg, size, "setuid(%u): %s", (unsigned)ruid, strerror(errno));
		return -1;
	}
	/* Then no capability at all, whoever we are. Clearing is always
	   permitted. */
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capset, &h, d) < 0) {
		snprintf(msg, size, "capset: %s", strerror(errno));
		return -1;
	}
	/* And no way back through an exec of a set-uid program. */
	(void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	return 0;
}
