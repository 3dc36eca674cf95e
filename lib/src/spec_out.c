/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_out.c - the bounded text writer rk_spec_format() prints through:
 * always NUL-terminated, never past cap, the first shortage kept as
 * RK_E_NOSPACE.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "spec_int.h"

static void out_raw(struct rkint_out *o, const char *s, size_t n)
{
	if (o->err)
		return;
	if (o->cap == 0 || n > o->cap - 1 - o->len) {
		size_t room = o->cap ? o->cap - 1 - o->len : 0;
		if (room)
			memcpy(o->buf + o->len, s, room);
		o->len += room;
		if (o->cap)
			o->buf[o->len] = '\0';
		o->err = RK_E_NOSPACE;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

void rkint_out_str(struct rkint_out *o, const char *s)
{
	out_raw(o, s, strlen(s));
}

void rkint_out_fmt(struct rkint_out *o, const char *fmt, ...)
{
	char tmp[96];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* every caller prints one short field */
	out_raw(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void rkint_out_hex(struct rkint_out *o, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[64];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		tmp[k++] = digits[p[i] >> 4];
		tmp[k++] = digits[p[i] & 15];
		if (k == sizeof(tmp)) {
			out_raw(o, tmp, k);
			k = 0;
		}
	}
	out_raw(o, tmp, k);
}
