/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioint.h - private helpers shared by the .c files of lib/src/io: the
 * errbuf writer and the "needs CAP_NET_RAW" hint. Include it first in each
 * of them: it sets the feature macros before any system header.
 */
#ifndef RAWKIT_IOINT_H
#define RAWKIT_IOINT_H

/*
 * libnet-config's --defines (-D_BSD_SOURCE ...) reach every file of
 * lib/src/io through Libnet::Libnet; without _DEFAULT_SOURCE glibc warns that
 * _BSD_SOURCE is deprecated, which -Werror turns into an error.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <stddef.h>
#include "rawkit/err.h"

/* printf into errbuf (RK_ERRBUF_SIZE bytes; NULL: nothing). */
__attribute__((format(printf, 2, 3)))
void rkint_errbuf(char *errbuf, const char *fmt, ...);

/* errbuf = "<what>: <strerror(err)>", plus the CAP_NET_RAW hint when err is
   EPERM or EACCES. Returns RK_E_PERM for those, else RK_E_SYS. */
int rkint_errno(char *errbuf, int err, const char *what);

/* Cut trailing newlines and spaces (libnet ends its messages with "\n"). */
char *rkint_chomp(char *s);

/* The hint appended to permission errors: "needs root or CAP_NET_RAW:
   setcap cap_net_raw+ep PROGRAM", PROGRAM the running executable. */
void rkint_perm_hint(char *buf, size_t size);

#endif
