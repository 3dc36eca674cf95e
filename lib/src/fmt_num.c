/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fmt_num.c - the number and address writers behind every formatter:
 * decimal by two-digit table, hex, IPv4 dotted quad, IPv6 in RFC 5952 form
 * (section 4: lowercase, no leading zeros, the longest run of two or more
 * zero groups shortened to "::", the first of equal runs; section 5:
 * IPv4-mapped addresses as ::ffff:a.b.c.d), MAC addresses, timestamp
 * fractions and civil dates. No printf, no inet_ntop (pure code, and speed).
 *
 * Each comes raw (rkint_w_*: store at a pointer, the caller has made room)
 * and checked (rkint_*: through struct rkint_out, exact about room: a text
 * that fits is written even into the last bytes of a buffer).
 */
#include "fmt_int.h"

const char rkint_hexdig[16] = "0123456789abcdef";

const char rkint_dig2[200] = "00010203040506070809"
			     "10111213141516171819"
			     "20212223242526272829"
			     "30313233343536373839"
			     "40414243444546474849"
			     "50515253545556575859"
			     "60616263646566676869"
			     "70717273747576777879"
			     "80818283848586878889"
			     "90919293949596979899";

char *rkint_w_u64(char *w, uint64_t v)
{
	if (v <= UINT32_MAX)
		return rkint_w_u32(w, (uint32_t)v);
	char tmp[20];
	char *p = tmp + sizeof tmp;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, &rkint_dig2[r * 2], 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, &rkint_dig2[v * 2], 2);
	} else {
		*--p = (char)('0' + v);
	}
	size_t n = (size_t)(tmp + sizeof tmp - p);
	memcpy(w, p, n);
	return w + n;
}

char *rkint_w_hexbytes(char *w, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*w++ = rkint_hexdig[p[i] >> 4];
		*w++ = rkint_hexdig[p[i] & 0xf];
	}
	return w;
}

char *rkint_w_colonhex(char *w, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			*w++ = ':';
		*w++ = rkint_hexdig[p[i] >> 4];
		*w++ = rkint_hexdig[p[i] & 0xf];
	}
	return w;
}

/* One octet, 1 to 3 digits. */
static char *octet(char *w, unsigned v)
{
	if (v >= 100) {
		*w++ = (char)('0' + v / 100);
		v %= 100;
		memcpy(w, &rkint_dig2[v * 2], 2);
		return w + 2;
	}
	if (v >= 10) {
		memcpy(w, &rkint_dig2[v * 2], 2);
		return w + 2;
	}
	*w++ = (char)('0' + v);
	return w;
}

char *rkint_w_ipv4(char *w, uint32_t a)
{
	w = octet(w, a >> 24);
	*w++ = '.';
	w = octet(w, (a >> 16) & 0xff);
	*w++ = '.';
	w = octet(w, (a >> 8) & 0xff);
	*w++ = '.';
	return octet(w, a & 0xff);
}

/* A 16-bit group without leading zeros. */
static char *group(char *w, unsigned g)
{
	if (g >= 0x1000)
		*w++ = rkint_hexdig[g >> 12];
	if (g >= 0x100)
		*w++ = rkint_hexdig[(g >> 8) & 0xf];
	if (g >= 0x10)
		*w++ = rkint_hexdig[(g >> 4) & 0xf];
	*w++ = rkint_hexdig[g & 0xf];
	return w;
}

char *rkint_w_ipv6(char *w, const uint8_t *a)
{
	unsigned g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];

	/* RFC 5952 section 5: IPv4-mapped (::ffff:0:0/96) in mixed notation. */
	if (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] && g[5] == 0xffff) {
		w = RKINT_W(w, "::ffff:");
		return rkint_w_ipv4(w, (uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 |
					       (uint32_t)a[14] << 8 | a[15]);
	}

	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (g[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !g[j])
			j++;
		if (j - i > best_len) { /* strictly longer: the first run wins ties */
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	if (best_len < 2) /* section 4.2.2: a single zero group is not shortened */
		best = -1;

	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*w++ = ':';
			*w++ = ':';
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			*w++ = ':';
		w = group(w, g[i]);
	}
	return w;
}

/* ---- checked writers ---- */

void rkint_u32(struct rkint_out *o, uint32_t v)
{
	if ((size_t)(o->end - o->cur) >= 10) {
		o->cur = rkint_w_u32(o->cur, v);
		return;
	}
	char tmp[10];
	rkint_put(o, tmp, (size_t)(rkint_w_u32(tmp, v) - tmp));
}

void rkint_u64(struct rkint_out *o, uint64_t v)
{
	char tmp[20];
	rkint_put(o, tmp, (size_t)(rkint_w_u64(tmp, v) - tmp));
}

void rkint_i64(struct rkint_out *o, int64_t v)
{
	if (v < 0) {
		rkint_putc(o, '-');
		rkint_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		rkint_u64(o, (uint64_t)v);
	}
}

void rkint_u32_pad(struct rkint_out *o, uint32_t v, unsigned width)
{
	char tmp[10];
	if (width > sizeof tmp)
		width = sizeof tmp;
	size_t n = (size_t)(rkint_w_u32(tmp, v) - tmp);
	if (n < width) {
		memmove(tmp + (width - n), tmp, n);
		memset(tmp, '0', width - n);
		n = width;
	}
	rkint_put(o, tmp, n);
}

void rkint_hex(struct rkint_out *o, uint32_t v, unsigned width)
{
	char tmp[8];
	char *end = tmp + sizeof tmp;
	char *p = end;
	do {
		*--p = rkint_hexdig[v & 0xf];
		v >>= 4;
	} while (v);
	if (width > sizeof tmp)
		width = sizeof tmp;
	while ((size_t)(end - p) < width)
		*--p = '0';
	rkint_put(o, p, (size_t)(end - p));
}

void rkint_hexbytes(struct rkint_out *o, const uint8_t *p, size_t n)
{
	if (n > SIZE_MAX / 2 || !rkint_room(o, 2 * n))
		return;
	o->cur = rkint_w_hexbytes(o->cur, p, n);
}

void rkint_colonhex(struct rkint_out *o, const uint8_t *p, size_t n)
{
	if (n == 0)
		return;
	if (n > SIZE_MAX / 3 || !rkint_room(o, 3 * n - 1))
		return;
	o->cur = rkint_w_colonhex(o->cur, p, n);
}

void rkint_ipv4(struct rkint_out *o, uint32_t a)
{
	if ((size_t)(o->end - o->cur) >= 15) {
		o->cur = rkint_w_ipv4(o->cur, a);
		return;
	}
	char tmp[15];
	rkint_put(o, tmp, (size_t)(rkint_w_ipv4(tmp, a) - tmp));
}

void rkint_ipv4_bytes(struct rkint_out *o, const uint8_t *p)
{
	rkint_ipv4(o, (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
}

void rkint_ipv6(struct rkint_out *o, const uint8_t *a)
{
	if ((size_t)(o->end - o->cur) >= 45) {
		o->cur = rkint_w_ipv6(o->cur, a);
		return;
	}
	char tmp[45];
	rkint_put(o, tmp, (size_t)(rkint_w_ipv6(tmp, a) - tmp));
}

void rkint_frac(struct rkint_out *o, uint32_t nsec, unsigned digits)
{
	if (nsec > 999999999u)
		nsec = 999999999u;
	rkint_putc(o, '.');
	if (digits == 9)
		rkint_u32_pad(o, nsec, 9);
	else
		rkint_u32_pad(o, nsec / 1000, 6);
}

/* Howard Hinnant's days-to-civil (public domain), for any int64 day count
   a timestamp can give. */
void rkint_civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	uint64_t doe = (uint64_t)(z - era * 146097);
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint64_t mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

RK_API int rk_fmt_ipv4(char *buf, size_t cap, uint32_t addr)
{
	struct rkint_out o;
	rkint_out_init(&o, buf, cap);
	rkint_ipv4(&o, addr);
	return rkint_out_done(&o);
}

RK_API int rk_fmt_ipv6(char *buf, size_t cap, const uint8_t addr[16])
{
	struct rkint_out o;
	rkint_out_init(&o, buf, cap);
	rkint_ipv6(&o, addr);
	return rkint_out_done(&o);
}

RK_API int rk_fmt_mac(char *buf, size_t cap, const uint8_t mac[6])
{
	struct rkint_out o;
	rkint_out_init(&o, buf, cap);
	rkint_colonhex(&o, mac, 6);
	return rkint_out_done(&o);
}
