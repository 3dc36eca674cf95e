/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv.c - rk-sniff gives up its privileges once the capture (and the
 * first -w file) is open, before it reads a packet: as root it becomes -Z's
 * user (default nobody), and in every case it clears its capabilities
 * (capset), the ambient set, and sets no_new_privs. With -C, root keeps
 * CAP_DAC_OVERRIDE permitted but not effective, and raises it only around
 * opening the next file, as tcpdump does with libcap-ng. Raw system calls:
 * no libcap needed.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sniff.h"
#include "tool.h"

#define NCAPWORDS _LINUX_CAPABILITY_U32S_3

static int cap_get(struct __user_cap_data_struct d[NCAPWORDS])
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	memset(d, 0, sizeof(*d) * NCAPWORDS);
	return (int)syscall(SYS_capget, &h, d);
}

static int cap_set(const struct __user_cap_data_struct d[NCAPWORDS])
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	return (int)syscall(SYS_capset, &h, d);
}

static bool cap_has(const struct __user_cap_data_struct d[NCAPWORDS], int cap, bool effective)
{
	uint32_t word = effective ? d[cap / 32].effective : d[cap / 32].permitted;
	return word & (1u << (cap % 32));
}

int sniff_priv_prepare(struct sniff_priv *pv, const char *user)
{
	memset(pv, 0, sizeof *pv);
	pv->root = getuid() == 0 || geteuid() == 0;
	if (!pv->root)
		return 0;
	if (user && strcmp(user, "root") == 0)
		return 0;
	const char *name = user ? user : "nobody";
	errno = 0;
	struct passwd *pw = getpwnam(name);
	if (!pw) {
		if (user) {
			if (errno)
				tool_warn_errno(errno, "-Z %s: cannot look the user up", user);
			else
				tool_warn("-Z %s: no such user", user);
			return -1;
		}
		/* No "nobody" here: stay uid 0, without capabilities. */
		return 0;
	}
	pv->switch_user = true;
	pv->uid = pw->pw_uid;
	pv->gid = pw->pw_gid;
	snprintf(pv->name, sizeof pv->name, "%s", name);
	return 0;
}

int sniff_priv_drop(const struct sniff_priv *pv, bool keep_dac)
{
	keep_dac = keep_dac && pv->root;
	if (keep_dac && prctl(PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L) < 0) {
		tool_warn_errno(errno, "prctl(PR_SET_KEEPCAPS)");
		return -1;
	}
	if (pv->switch_user) {
		if (initgroups(pv->name, pv->gid) < 0 && setgroups(1, &pv->gid) < 0) {
			tool_warn_errno(errno, "cannot set the groups of user %s", pv->name);
			return -1;
		}
		if (setresgid(pv->gid, pv->gid, pv->gid) < 0) {
			tool_warn_errno(errno, "cannot switch to group %lu",
					(unsigned long)pv->gid);
			return -1;
		}
		if (setresuid(pv->uid, pv->uid, pv->uid) < 0) {
			tool_warn_errno(errno, "cannot switch to user %s", pv->name);
			return -1;
		}
		/* Paranoia: the switch must not be undoable. */
		if (pv->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
			tool_warn("could regain root after switching to user %s", pv->name);
			return -1;
		}
	}
	struct __user_cap_data_struct d[NCAPWORDS];
	memset(d, 0, sizeof d);
	if (keep_dac)
		d[CAP_DAC_OVERRIDE / 32].permitted = 1u << (CAP_DAC_OVERRIDE % 32);
	if (cap_set(d) < 0) {
		tool_warn_errno(errno, "cannot clear the capabilities");
		return -1;
	}
	if (keep_dac)
		(void)prctl(PR_SET_KEEPCAPS, 0L, 0L, 0L, 0L);
	/* Older kernels lack the ambient set: nothing to clear there. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0L, 0L, 0L) < 0 && errno != EINVAL) {
		tool_warn_errno(errno, "cannot clear the ambient capabilities");
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) < 0) {
		tool_warn_errno(errno, "prctl(PR_SET_NO_NEW_PRIVS)");
		return -1;
	}
#if defined(__SANITIZE_ADDRESS__)
	/* LeakSanitizer attaches to the process with ptrace at exit, which a
	   process that changed its credentials refuses (it is no longer
	   dumpable). Sanitizer builds are for tests only. */
	(void)prctl(PR_SET_DUMPABLE, 1L, 0L, 0L, 0L);
#endif
	return 0;
}

void sniff_priv_dac(bool on)
{
	struct __user_cap_data_struct d[NCAPWORDS];
	if (cap_get(d) < 0 || !cap_has(d, CAP_DAC_OVERRIDE, false))
		return;
	if (on)
		d[CAP_DAC_OVERRIDE / 32].effective |= 1u << (CAP_DAC_OVERRIDE % 32);
	else
		d[CAP_DAC_OVERRIDE / 32].effective &= ~(1u << (CAP_DAC_OVERRIDE % 32));
	(void)cap_set(d);
}

void sniff_priv_explain(char *buf, size_t size)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0)
		exe[n] = '\0';
	else
		snprintf(exe, sizeof exe, "%s", tool_name());
	struct __user_cap_data_struct d[NCAPWORDS];
	bool raw = cap_get(d) == 0 && cap_has(d, CAP_NET_RAW, true);
	if (geteuid() != 0 && !raw)
		snprintf(buf, size,
			 "capturing needs root or CAP_NET_RAW, and this process (uid %lu) has "
			 "neither; run it as root, or give the program the capability: "
			 "setcap cap_net_raw+ep %s",
			 (unsigned long)geteuid(), exe);
	else if (!raw)
		snprintf(buf, size,
			 "capturing needs CAP_NET_RAW, which this root process lacks (a "
			 "restricted bounding set or container?)");
	else
		snprintf(buf, size, "the system refused although this process has CAP_NET_RAW "
				    "(a security module or a user namespace?)");
}
