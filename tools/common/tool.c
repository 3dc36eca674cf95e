/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tool.c - diagnostics and number parsing for the rawkit tools (tool.h),
 * after tcpdump's error() and OpenBSD ping's strtonum() messages.
 */
#include "tool.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The one process-wide setting: which program is speaking (as err(3)'s
   __progname). */
static const char *progname = "rawkit";

void tool_init(const char *name)
{
	if (!name || !*name)
		return;
	const char *slash = strrchr(name, '/');
	progname = slash && slash[1] ? slash + 1 : name;
}

const char *tool_name(void)
{
	return progname;
}

static void vwarn(int err, const char *fmt, va_list ap)
{
	fflush(stdout); /* keep results printed so far ahead of the message */
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void tool_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
}

void tool_warn_errno(int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(err, fmt, ap);
	va_end(ap);
}

void tool_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
	exit(TOOL_EXIT_FAIL);
}

void tool_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(TOOL_EXIT_FAIL);
}

void tool_getopt_error(int c, char *const argv[])
{
	const char *arg = argv[optind - 1];
	if (c == ':') {
		if (strncmp(arg, "--", 2) == 0)
			tool_usage_error("option %s needs a value", arg);
		tool_usage_error("option -%c needs a value", optopt);
	}
	if (optopt)
		tool_usage_error("unknown option -%c", optopt);
	tool_usage_error("unknown option %s", arg);
}

int tool_parse_num(const char *opt, const char *arg, int64_t min, int64_t max, int64_t *out)
{
	const char *p = arg ? arg : "";
	/* strtoll would skip blanks and take a sign or a trailing word. */
	bool neg = *p == '-';
	const char *digits = neg || *p == '+' ? p + 1 : p;
	if (*digits < '0' || *digits > '9') {
		tool_warn("%s: '%s' is not a number", opt, p);
		return -1;
	}
	char *end;
	errno = 0;
	long long v = strtoll(p, &end, 10);
	if (*end != '\0') {
		tool_warn("%s: '%s' is not a number", opt, p);
		return -1;
	}
	if ((errno == ERANGE && !neg) || (errno != ERANGE && v > max)) {
		tool_warn("%s: '%s' is too large (maximum %" PRId64 ")", opt, p, max);
		return -1;
	}
	if (errno == ERANGE || v < min) {
		tool_warn("%s: '%s' is too small (minimum %" PRId64 ")", opt, p, min);
		return -1;
	}
	*out = v;
	return 0;
}
