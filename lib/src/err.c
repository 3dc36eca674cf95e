/* SPDX-License-Identifier: BSD-2-Clause */
/* err.c - names of rawkit's return codes, and its version string. */
#include "rawkit/err.h"

RK_API const char *rk_strerror(int code)
{
	switch (code) {
	case RK_OK: return "success";
	case RK_E_TRUNC: return "truncated input";
	case RK_E_MALFORMED: return "malformed input";
	case RK_E_NOSPACE: return "buffer too small";
	case RK_E_INVAL: return "invalid argument";
	case RK_E_PERM: return "permission denied";
	case RK_E_SYS: return "system error";
	case RK_E_UNSUPPORTED: return "unsupported";
	case RK_E_EOF: return "end of file";
	}
	return "unknown error";
}

RK_API const char *rk_version(void)
{
	return "0.1.0";
}
