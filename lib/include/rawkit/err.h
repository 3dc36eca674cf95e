/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * err.h - rawkit's return codes and the few macros every header shares.
 *
 * Fallible functions return int: 0 (or a count) on success, a negative
 * enum rk_err on failure. I/O functions also take a caller-owned errbuf of
 * RK_ERRBUF_SIZE bytes (may be NULL) and write one full sentence into it.
 */
#ifndef RAWKIT_ERR_H
#define RAWKIT_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#define RK_API __attribute__((visibility("default")))
#define RK_WUR __attribute__((warn_unused_result))
#define RK_ERRBUF_SIZE 256

enum rk_err {
	RK_OK = 0,
	RK_E_TRUNC = -1,       /* input ends before the structure does */
	RK_E_MALFORMED = -2,   /* a field contradicts the packet */
	RK_E_NOSPACE = -3,     /* output buffer too small; nothing past it written */
	RK_E_INVAL = -4,       /* bad argument */
	RK_E_PERM = -5,        /* needs root or CAP_NET_RAW */
	RK_E_SYS = -6,         /* a system call failed; errbuf says which */
	RK_E_UNSUPPORTED = -7, /* link type, protocol or option not handled */
	RK_E_EOF = -8,         /* end of a file: no more packets */
};

/* A static, human-readable name for an rk_err code ("buffer too small"...). */
RK_API const char *rk_strerror(int code);

/* rawkit's version as "MAJOR.MINOR.PATCH". */
RK_API const char *rk_version(void);

#ifdef __cplusplus
}
#endif
#endif
