/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * json_check.h - a strict RFC 8259 validator for one JSON text, used inside
 * the fuzz target to prove that the JSON formatter's output parses for every
 * input. Recursive descent with a depth bound; returns 1 when [s, s+n) is
 * exactly one JSON value (surrounding white space allowed), else 0.
 */
#ifndef RK_JSON_CHECK_H
#define RK_JSON_CHECK_H

#include <stddef.h>

struct jc {
	const char *p, *end;
	int depth;
};

static int jc_value(struct jc *j);

static void jc_ws(struct jc *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int jc_lit(struct jc *j, const char *lit)
{
	for (; *lit; lit++, j->p++)
		if (j->p >= j->end || *j->p != *lit)
			return 0;
	return 1;
}

static int jc_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int jc_string(struct jc *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = (unsigned char)*j->p++;
		if (c == '"')
			return 1;
		if (c < 0x20)
			return 0; /* control characters must be escaped */
		if (c == '\\') {
			if (j->p >= j->end)
				return 0;
			char e = *j->p++;
			if (e == 'u') {
				for (int i = 0; i < 4; i++, j->p++)
					if (j->p >= j->end || !jc_hex(*j->p))
						return 0;
			} else if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' ||
				     e == 'n' || e == 'r' || e == 't')) {
				return 0;
			}
		} else if (c >= 0x80) {
			/* UTF-8: a lead byte and its continuation bytes */
			int more = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
			if (more < 0)
				return 0;
			for (int i = 0; i < more; i++, j->p++)
				if (j->p >= j->end || ((unsigned char)*j->p & 0xc0) != 0x80)
					return 0;
		}
	}
	return 0;
}

static int jc_digits(struct jc *j)
{
	const char *s = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static int jc_number(struct jc *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!jc_digits(j))
		return 0;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!jc_digits(j))
			return 0;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!jc_digits(j))
			return 0;
	}
	return 1;
}

static int jc_container(struct jc *j, char close, int object)
{
	if (++j->depth > 64)
		return 0;
	j->p++;
	jc_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 1;
	}
	for (;;) {
		jc_ws(j);
		if (object) {
			if (!jc_string(j))
				return 0;
			jc_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return 0;
		}
		if (!jc_value(j))
			return 0;
		jc_ws(j);
		if (j->p >= j->end)
			return 0;
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p == close) {
			j->p++;
			j->depth--;
			return 1;
		}
		return 0;
	}
}

static int jc_value(struct jc *j)
{
	jc_ws(j);
	if (j->p >= j->end)
		return 0;
	switch (*j->p) {
	case '{': return jc_container(j, '}', 1);
	case '[': return jc_container(j, ']', 0);
	case '"': return jc_string(j);
	case 't': return jc_lit(j, "true");
	case 'f': return jc_lit(j, "false");
	case 'n': return jc_lit(j, "null");
	default: return jc_number(j);
	}
}

/* 1 when s[0..n) is exactly one JSON value. */
static inline int json_check(const char *s, size_t n)
{
	struct jc j = {s, s + n, 0};
	if (!jc_value(&j))
		return 0;
	jc_ws(&j);
	return j.p == j.end;
}

#endif
