/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tool.h - what every rawkit tool shares: its name in diagnostics
 * ("<tool>: <message>" on stderr, errno text last), one bounded number
 * parser whose message names the option and the problem, and the exit
 * codes (STYLE.md section 9):
 *   0  success
 *   1  ran fine, but the answer is no (each tool's --help says what that is)
 *   2  usage error, or failure to run (bad file, permission, ...)
 * stdout carries results only.
 */
#ifndef RK_TOOL_H
#define RK_TOOL_H

#include <stdint.h>
#include <stdnoreturn.h>

enum tool_exit {
	TOOL_EXIT_OK = 0,
	TOOL_EXIT_NO = 1,
	TOOL_EXIT_FAIL = 2,
};

/* Set the name messages start with: the last path component of name
   ("rk-sniff", or argv[0]). Call first; until then it is "rawkit". */
void tool_init(const char *name);
const char *tool_name(void);

/* "<tool>: <message>\n" on stderr. */
void tool_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "<tool>: <message>: <strerror(err)>\n" on stderr. */
void tool_warn_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* tool_warn(), then exit 2. */
noreturn void tool_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* tool_warn(), a pointer to --help, then exit 2: for bad command lines. */
noreturn void tool_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* getopt_long() returned c, ':' (a value missing) or '?' (an unknown
   option): say which option, as tool_usage_error() does. */
noreturn void tool_getopt_error(int c, char *const argv[]);

/*
 * Parse arg as a decimal integer in [min, max] for option opt ("-c",
 * "--count"). Returns 0 with *out set, or -1 after one message such as
 *   rk-sniff: -c: 'ten' is not a number
 *   rk-sniff: -c: '0' is too small (minimum 1)
 *   rk-sniff: -c: '99999999999999999999' is too large (maximum 9223372036854775807)
 */
int tool_parse_num(const char *opt, const char *arg, int64_t min, int64_t max, int64_t *out);

#endif
