/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_value.c - the value syntaxes of packet specs: numbers, IPv4, IPv6
 * (RFC 4291 text, through inet_pton) and MAC addresses, hex byte strings,
 * C-escaped strings, and the edit distance behind "did you mean" hints.
 * Each parser takes exactly the characters [s, e) the caller delimited.
 */
#include <arpa/inet.h>
#include <string.h>
#include "spec_int.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int rkint_spec_num(const char *s, const char *e, uint32_t *v)
{
	uint64_t x = 0;
	unsigned base = 10;
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (s >= e)
		return -1;
	for (; s < e; s++) {
		int d = hexval(*s);
		if (d < 0 || (unsigned)d >= base)
			return -1;
		x = x * base + (unsigned)d;
		if (x > 0xffffffffu) {
			/* keep scanning for syntax errors first */
			for (s++; s < e; s++)
				if (hexval(*s) < 0 || (unsigned)hexval(*s) >= base)
					return -1;
			return -2;
		}
	}
	*v = (uint32_t)x;
	return 0;
}

int rkint_spec_ip4(const char *s, const char *e, uint32_t *v)
{
	uint32_t a = 0;
	for (int part = 0; part < 4; part++) {
		if (part > 0) {
			if (s >= e || *s != '.')
				return -1;
			s++;
		}
		unsigned x = 0, digits = 0;
		while (s < e && *s >= '0' && *s <= '9' && digits < 3) {
			x = x * 10 + (unsigned)(*s - '0');
			s++;
			digits++;
		}
		if (!digits || x > 255)
			return -1;
		a = a << 8 | x;
	}
	if (s != e)
		return -1;
	*v = a;
	return 0;
}

int rkint_spec_ip6(const char *s, const char *e, uint8_t out[16])
{
	char tmp[INET6_ADDRSTRLEN];
	size_t n = (size_t)(e - s);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET6, tmp, out) == 1 ? 0 : -1;
}

int rkint_spec_mac(const char *s, const char *e, uint8_t out[6])
{
	if (e - s != 17)
		return -1;
	for (int i = 0; i < 6; i++) {
		const char *p = s + 3 * i;
		int hi = hexval(p[0]), lo = hexval(p[1]);
		if (hi < 0 || lo < 0 || (i < 5 && p[2] != ':'))
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

long rkint_spec_hex(const char *s, const char *e, uint8_t *out, size_t cap, const char **bad)
{
	size_t n = 0;
	const char *p = s;
	for (; p < e; p += 2) {
		if (hexval(p[0]) < 0) {
			*bad = p;
			return -1;
		}
		if (p + 1 >= e) {
			*bad = e;
			return -2;
		}
		if (hexval(p[1]) < 0) {
			*bad = p + 1;
			return -1;
		}
		if (n >= cap) {
			*bad = p;
			return -3;
		}
		if (out)
			out[n] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
		n++;
	}
	return (long)n;
}

long rkint_spec_unescape(const char *s, const char *e, uint8_t *out, const char **bad)
{
	size_t n = 0;
	while (s < e) {
		unsigned c = (unsigned char)*s++;
		if (c == '\\') {
			if (s >= e) {
				*bad = s - 1;
				return -1;
			}
			char x = *s++;
			switch (x) {
			case '\\': c = '\\'; break;
			case '"': c = '"'; break;
			case '\'': c = '\''; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'v': c = '\v'; break;
			case 'x': {
				int d0 = s < e ? hexval(*s) : -1;
				if (d0 < 0) {
					*bad = s - 2;
					return -1;
				}
				c = (unsigned)d0;
				s++;
				int d1 = s < e ? hexval(*s) : -1;
				if (d1 >= 0) {
					c = c << 4 | (unsigned)d1;
					s++;
				}
				break;
			}
			default:
				if (x >= '0' && x <= '7') {
					c = (unsigned)(x - '0');
					for (int k = 0; k < 2 && s < e && *s >= '0' && *s <= '7'; k++)
						c = c * 8 + (unsigned)(*s++ - '0');
					if (c > 0xff) {
						*bad = s - 4;
						return -1;
					}
					break;
				}
				*bad = s - 2;
				return -1;
			}
		}
		if (out)
			out[n] = (uint8_t)c;
		n++;
	}
	return (long)n;
}

#define DIST_MAX 9
#define DIST_LEN 32

unsigned rkint_spec_distance(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	if (alen > DIST_LEN || blen > DIST_LEN)
		return DIST_MAX;
	unsigned d[DIST_LEN + 1][DIST_LEN + 1];
	for (size_t i = 0; i <= alen; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= blen; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= alen; i++) {
		for (size_t j = 1; j <= blen; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			/* a transposition of two adjacent characters counts once */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[alen][blen] < DIST_MAX ? d[alen][blen] : DIST_MAX;
}
