/* SPDX-License-Identifier: BSD-2-Clause */
/* util.c - rk-synscan's option numbers (util.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include "util.h"

uint64_t parse_uint(const char *opt, const char *s, int64_t min, int64_t max)
{
	int64_t v;
	if (tool_parse_num(opt, s, min, max, &v) != 0)
		exit(TOOL_EXIT_FAIL);
	return (uint64_t)v;
}

double parse_real(const char *opt, const char *s, double min, double max)
{
	char *end;
	/* strtod would take blanks, a sign, hex, "inf" and "nan". */
	const char *p = s;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	if (s[0] == '\0' || *p != '\0' || (s[0] == '.' && s[1] == '\0'))
		tool_die("%s: '%s' is not a number", opt, s);
	errno = 0;
	double v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		tool_die("%s: '%s' is not a number", opt, s);
	if (v < min)
		tool_die("%s: '%s' is too small (minimum %g)", opt, s, min);
	if (v > max)
		tool_die("%s: '%s' is too large (maximum %g)", opt, s, max);
	return v;
}
