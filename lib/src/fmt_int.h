/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_int.h - what the formatters (fmt_*.c) share: a bounded output cursor
 * and hand-rolled number and address writers, so that formatting a packet
 * costs no printf.
 *
 * struct rkint_out is to text what rk_wr is to packets: a cursor over a
 * caller buffer with a sticky RK_E_NOSPACE. A write that does not fit writes
 * nothing and closes the cursor (end = cur), so every later write fails at
 * once and nothing lands past the buffer. Writers first make sure of the room
 * for their longest output, then store without further checks.
 */
#ifndef RAWKIT_FMT_INT_H
#define RAWKIT_FMT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "rawkit/err.h"
#include "rawkit/fmt.h"

struct rkint_out {
	char *cur;
	char *end;
	char *base;
	int err;  /* RK_OK or RK_E_NOSPACE */
};

static inline void rkint_out_init(struct rkint_out *o, char *buf, size_t cap)
{
	o->base = buf;
	o->cur = buf;
	o->end = buf + cap;
	o->err = RK_OK;
}

/* True when n bytes fit; else closes the cursor. */
static inline bool rkint_room(struct rkint_out *o, size_t n)
{
	if ((size_t)(o->end - o->cur) >= n)
		return true;
	o->err = RK_E_NOSPACE;
	o->end = o->cur;
	return false;
}

/* The result: bytes written (a NUL after them when it fits) or the error. */
static inline int rkint_out_done(struct rkint_out *o)
{
	if (o->err)
		return o->err;
	if (o->cur < o->end)
		*o->cur = '\0';
	return (int)(o->cur - o->base);
}

static inline void rkint_putc(struct rkint_out *o, char c)
{
	if (rkint_room(o, 1))
		*o->cur++ = c;
}

static inline void rkint_put(struct rkint_out *o, const char *s, size_t n)
{
	if (!rkint_room(o, n))
		return;
	/* Literals have a constant length and inline as moves; the short
	   variable strings (names, digits) are cheaper copied by hand than
	   through a call to memcpy. */
	if (__builtin_constant_p(n)) {
		memcpy(o->cur, s, n);
		o->cur += n;
		return;
	}
	char *w = o->cur;
	for (size_t i = 0; i < n; i++)
		w[i] = s[i];
	o->cur = w + n;
}

static inline void rkint_puts(struct rkint_out *o, const char *s)
{
	rkint_put(o, s, strlen(s));
}

/* A string literal: its length is known at compile time. */
#define RKINT_LIT(o, s) rkint_put((o), "" s, sizeof(s) - 1)

/* Lowercase hex digits; "00" to "99". */
extern const char rkint_hexdig[16];
extern const char rkint_dig2[200];

/*
 * Raw writers: store at w without any check and return the new end. The
 * caller knows there is room for the longest output, noted with each
 * (fmt_json.c writes whole layers this way into a buffer of a proven size).
 */
#define RKINT_W(w, s) (memcpy((w), "" s, sizeof(s) - 1), (w) + sizeof(s) - 1)

/* Decimal, at most 10 bytes. */
static inline char *rkint_w_u32(char *w, uint32_t v)
{
	if (v < 10) {
		*w = (char)('0' + v);
		return w + 1;
	}
	if (v < 100) {
		memcpy(w, &rkint_dig2[v * 2], 2);
		return w + 2;
	}
	unsigned n = 3;
	for (uint32_t x = v / 1000; x; x /= 10)
		n++;
	char *p = w + n;
	while (v >= 100) {
		unsigned r = v % 100;
		v /= 100;
		p -= 2;
		memcpy(p, &rkint_dig2[r * 2], 2);
	}
	if (v >= 10)
		memcpy(p - 2, &rkint_dig2[v * 2], 2);
	else
		p[-1] = (char)('0' + v);
	return w + n;
}

char *rkint_w_u64(char *w, uint64_t v);              /* at most 20 bytes */
char *rkint_w_hexbytes(char *w, const uint8_t *p, size_t n);  /* 2n */
char *rkint_w_colonhex(char *w, const uint8_t *p, size_t n);  /* 3n - 1 */
char *rkint_w_ipv4(char *w, uint32_t addr);          /* at most 15 */
char *rkint_w_ipv6(char *w, const uint8_t *addr);    /* at most 45 */

/* Decimal, no padding. */
void rkint_u32(struct rkint_out *o, uint32_t v);
void rkint_u64(struct rkint_out *o, uint64_t v);
void rkint_i64(struct rkint_out *o, int64_t v);
/* Decimal, zero-padded to width digits (at most 10; v must fit). */
void rkint_u32_pad(struct rkint_out *o, uint32_t v, unsigned width);
/* Lowercase hex, zero-padded to at least width digits (as "%0*x"). */
void rkint_hex(struct rkint_out *o, uint32_t v, unsigned width);
/* Two lowercase hex digits per byte, no separator. */
void rkint_hexbytes(struct rkint_out *o, const uint8_t *p, size_t n);
/* Bytes as lowercase hex pairs separated by ':' (MAC and link addresses). */
void rkint_colonhex(struct rkint_out *o, const uint8_t *p, size_t n);

void rkint_ipv4(struct rkint_out *o, uint32_t addr);
void rkint_ipv4_bytes(struct rkint_out *o, const uint8_t *p);
void rkint_ipv6(struct rkint_out *o, const uint8_t *addr);

/* ".frac" with digits (6 or 9) fraction digits of nsec. */
void rkint_frac(struct rkint_out *o, uint32_t nsec, unsigned digits);

/* Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
void rkint_civil(int64_t days, int64_t *y, unsigned *m, unsigned *d);

#endif
