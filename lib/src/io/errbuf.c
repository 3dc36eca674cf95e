/* SPDX-License-Identifier: BSD-2-Clause */
/* errbuf.c - the errbuf sentences of the I/O layer (ioint.h). */
#include "ioint.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void rkint_errbuf(char *errbuf, const char *fmt, ...)
{
	if (!errbuf)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errbuf, RK_ERRBUF_SIZE, fmt, ap);
	va_end(ap);
}

void rkint_perm_hint(char *buf, size_t size)
{
	/* The path setcap needs: /proc/self/exe is absolute even when the
	   program was started through $PATH or a relative name. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0)
		exe[n] = '\0';
	else
		snprintf(exe, sizeof(exe), "%s",
			 program_invocation_name && *program_invocation_name ?
				 program_invocation_name : "PROGRAM");
	snprintf(buf, size, "needs root or CAP_NET_RAW: setcap cap_net_raw+ep %s", exe);
}

int rkint_errno(char *errbuf, int err, const char *what)
{
	if (err == EPERM || err == EACCES) {
		char hint[RK_ERRBUF_SIZE];
		rkint_perm_hint(hint, sizeof(hint));
		rkint_errbuf(errbuf, "%s: %s (%s)", what, strerror(err), hint);
		return RK_E_PERM;
	}
	rkint_errbuf(errbuf, "%s: %s", what, strerror(err));
	return RK_E_SYS;
}

char *rkint_chomp(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}
