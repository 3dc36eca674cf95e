/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * util.h - rk-synscan's option numbers, on top of tools/common (tool.h:
 * "rk-synscan: <message>" diagnostics, exit codes, the bounded parser).
 */
#ifndef RK_SYNSCAN_UTIL_H
#define RK_SYNSCAN_UTIL_H

#include <stdint.h>
#include "tool.h"

/* A decimal integer in [min, max] (max <= INT64_MAX), or exit 2 after
   tool_parse_num's message naming opt. */
uint64_t parse_uint(const char *opt, const char *s, int64_t min, int64_t max);

/* A decimal number in [min, max], fractions allowed ("--wait 0.5"), or
   exit 2 with a message naming opt. */
double parse_real(const char *opt, const char *s, double min, double max);

#endif
