/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * targets.c - target address sets and port sets for scanners (targets.h).
 *
 * Addresses are kept as inclusive ranges of 128-bit numbers tagged with
 * their family (IPv4 in the low 32 bits), sorted by (family, first).
 * Finishing merges overlapping and adjacent ranges, subtracts the merged
 * exclusions in one sorted sweep, and stores the running address counts,
 * so index -> address and address -> index are binary searches over
 * ranges. Counts saturate at UINT64_MAX so that ::/0 cannot wrap.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/targets.h"

struct u128 {
	uint64_t hi, lo;
};

static inline int u128_cmp(struct u128 a, struct u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	return a.lo < b.lo ? -1 : a.lo > b.lo;
}

static inline struct u128 u128_add64(struct u128 a, uint64_t b)
{
	struct u128 r = {a.hi, a.lo + b};
	r.hi += r.lo < a.lo;
	return r;
}

static inline struct u128 u128_sub(struct u128 a, struct u128 b)
{
	struct u128 r = {a.hi - b.hi, a.lo - b.lo};
	r.hi -= a.lo < b.lo;
	return r;
}

static inline bool u128_is_max(struct u128 a)
{
	return a.hi == UINT64_MAX && a.lo == UINT64_MAX;
}

static inline struct u128 first_of(const struct rk_target_span *s)
{
	return (struct u128){s->first_hi, s->first_lo};
}

static inline struct u128 last_of(const struct rk_target_span *s)
{
	return (struct u128){s->last_hi, s->last_lo};
}

static inline void set_first(struct rk_target_span *s, struct u128 v)
{
	s->first_hi = v.hi, s->first_lo = v.lo;
}

static inline void set_last(struct rk_target_span *s, struct u128 v)
{
	s->last_hi = v.hi, s->last_lo = v.lo;
}

/* Addresses in a span, saturated at UINT64_MAX. */
static uint64_t span_count(const struct rk_target_span *s)
{
	struct u128 d = u128_sub(last_of(s), first_of(s));
	if (d.hi != 0 || d.lo == UINT64_MAX)
		return UINT64_MAX;
	return d.lo + 1;
}

static inline uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static struct u128 v6_value(const uint8_t a[16])
{
	struct u128 v = {0, 0};
	for (int i = 0; i < 8; i++) {
		v.hi = v.hi << 8 | a[i];
		v.lo = v.lo << 8 | a[8 + i];
	}
	return v;
}

static void v6_bytes(struct u128 v, uint8_t a[16])
{
	for (int i = 7; i >= 0; i--) {
		a[i] = (uint8_t)v.hi;
		a[8 + i] = (uint8_t)v.lo;
		v.hi >>= 8;
		v.lo >>= 8;
	}
}

static void to_addr(int family, struct u128 v, struct rk_target_addr *out)
{
	memset(out, 0, sizeof *out);
	out->family = family;
	if (family == 4)
		out->v4 = (uint32_t)v.lo;
	else
		v6_bytes(v, out->v6);
}

/* ---- parsing ---- */

#define SPEC_MAX 100

/* Parse one address of either family; 4 or 6, or 0 when it is neither. */
static int parse_addr(const char *s, struct u128 *v)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, s, &a4) == 1) {
		*v = (struct u128){0, ntohl(a4.s_addr)};
		return 4;
	}
	if (inet_pton(AF_INET6, s, &a6) == 1) {
		*v = v6_value(a6.s6_addr);
		return 6;
	}
	return 0;
}

/* A decimal number of at most 3 digits, or -1. */
static int parse_small(const char *s)
{
	int v = 0, digits = 0;
	for (; *s; s++, digits++) {
		if (*s < '0' || *s > '9' || digits == 3)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return digits ? v : -1;
}

RK_API int rk_target_parse(const char *spec, struct rk_target_span *span, const char **why)
{
	char buf[SPEC_MAX + 1];
	const char *dummy;
	struct u128 first, last;
	size_t len = strlen(spec);

	if (!why)
		why = &dummy;
	if (len == 0) {
		*why = "empty target";
		return RK_E_INVAL;
	}
	if (len > SPEC_MAX) {
		*why = "target too long";
		return RK_E_INVAL;
	}
	memcpy(buf, spec, len + 1);

	char *slash = strchr(buf, '/'), *dash = strchr(buf, '-');
	if (slash && dash) {
		*why = "not an address, CIDR block or range";
		return RK_E_INVAL;
	}
	if (slash) {
		*slash = '\0';
		int fam = parse_addr(buf, &first);
		if (!fam) {
			*why = "not an IPv4 or IPv6 address before the '/'";
			return RK_E_INVAL;
		}
		int plen = parse_small(slash + 1), bits = fam == 4 ? 32 : 128;
		if (plen < 0 || plen > bits) {
			*why = fam == 4 ? "prefix length out of range (0-32)"
					: "prefix length out of range (0-128)";
			return RK_E_INVAL;
		}
		/* Host bits: the mask of the low (bits - plen) bits. */
		unsigned host = (unsigned)(bits - plen);
		struct u128 m = {0, 0};
		if (host >= 128)
			m = (struct u128){UINT64_MAX, UINT64_MAX};
		else if (host >= 64)
			m = (struct u128){(UINT64_C(1) << (host - 64)) - 1, UINT64_MAX};
		else if (host > 0)
			m = (struct u128){0, (UINT64_C(1) << host) - 1};
		first.hi &= ~m.hi, first.lo &= ~m.lo;
		last = (struct u128){first.hi | m.hi, first.lo | m.lo};
		span->family = fam;
	} else if (dash) {
		*dash = '\0';
		int fam = parse_addr(buf, &first);
		if (!fam) {
			*why = "not an IPv4 or IPv6 address before the '-'";
			return RK_E_INVAL;
		}
		int fam2 = parse_addr(dash + 1, &last);
		if (!fam2 && fam == 4) {
			/* nmap's short form: 198.18.0.1-40 replaces the last octet. */
			int oct = parse_small(dash + 1);
			if (oct < 0 || oct > 255) {
				*why = "range end is not an address or a last octet (0-255)";
				return RK_E_INVAL;
			}
			last = (struct u128){0, (first.lo & ~UINT64_C(0xff)) | (unsigned)oct};
			fam2 = 4;
		}
		if (fam2 != fam) {
			*why = fam2 ? "range ends are of different address families"
				    : "range end is not an address";
			return RK_E_INVAL;
		}
		if (u128_cmp(first, last) > 0) {
			*why = "range runs backwards";
			return RK_E_INVAL;
		}
		span->family = fam;
	} else {
		int fam = parse_addr(buf, &first);
		if (!fam) {
			*why = "not an IPv4 or IPv6 address";
			return RK_E_INVAL;
		}
		last = first;
		span->family = fam;
	}
	set_first(span, first);
	set_last(span, last);
	return RK_OK;
}

/* ---- reserved blocks ---- */

static const struct reserved {
	int family;
	struct u128 first, last;
	const char *why;
} reserved[] = {
    {4, {0, 0x00000000}, {0, 0x00ffffff}, "in 0.0.0.0/8 (\"this network\"), refused"},
    {4, {0, 0xe0000000}, {0, 0xefffffff}, "in the multicast range 224.0.0.0/4, refused"},
    {4, {0, 0xffffffff}, {0, 0xffffffff}, "the broadcast address 255.255.255.255, refused"},
    {6, {0, 0}, {0, 0}, "the unspecified address ::, refused"},
    {6,
     {0xff00000000000000ull, 0},
     {UINT64_MAX, UINT64_MAX},
     "in the multicast range ff00::/8, refused"},
};

#define NRESERVED (sizeof reserved / sizeof reserved[0])

static const char *wholly_reserved(const struct rk_target_span *s)
{
	for (size_t i = 0; i < NRESERVED; i++)
		if (s->family == reserved[i].family &&
		    u128_cmp(first_of(s), reserved[i].first) >= 0 &&
		    u128_cmp(last_of(s), reserved[i].last) <= 0)
			return reserved[i].why;
	return NULL;
}

/* ---- the set ---- */

RK_API void rk_targets_init(struct rk_targets *t, uint64_t max_addrs, unsigned flags)
{
	memset(t, 0, sizeof *t);
	t->max_addrs = max_addrs ? max_addrs : RK_TARGETS_MAX_DEFAULT;
	t->flags = flags;
}

RK_API void rk_targets_free(struct rk_targets *t)
{
	free(t->inc);
	free(t->exc);
	free(t->cum);
	memset(t, 0, sizeof *t);
}

static int push(struct rk_target_span **v, size_t *n, size_t *cap, const struct rk_target_span *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct rk_target_span *nv = realloc(*v, nc * sizeof **v);
		if (!nv)
			return RK_E_NOSPACE;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = *s;
	return RK_OK;
}

static int add_span(struct rk_targets *t, const struct rk_target_span *s, const char **why)
{
	const char *r;
	if (t->finished) {
		*why = "the target set is already finished";
		return RK_E_INVAL;
	}
	if (!(t->flags & RK_TARGETS_ALLOW_RESERVED) && (r = wholly_reserved(s))) {
		*why = r;
		return RK_E_INVAL;
	}
	if (span_count(s) > t->max_addrs) {
		*why = "more addresses than the limit";
		return RK_E_NOSPACE;
	}
	if (push(&t->inc, &t->ninc, &t->capinc, s) != RK_OK) {
		*why = "out of memory";
		return RK_E_NOSPACE;
	}
	return RK_OK;
}

RK_API int rk_targets_add(struct rk_targets *t, const char *spec, const char **why)
{
	struct rk_target_span s;
	const char *dummy;
	if (!why)
		why = &dummy;
	int r = rk_target_parse(spec, &s, why);
	if (r != RK_OK)
		return r;
	return add_span(t, &s, why);
}

RK_API int rk_targets_add_addr(struct rk_targets *t, const struct rk_target_addr *a,
			       const char **why)
{
	struct rk_target_span s = {0};
	struct u128 v;
	const char *dummy;
	if (!why)
		why = &dummy;
	if (a->family == 4)
		v = (struct u128){0, a->v4};
	else if (a->family == 6)
		v = v6_value(a->v6);
	else {
		*why = "unknown address family";
		return RK_E_INVAL;
	}
	s.family = a->family;
	set_first(&s, v);
	set_last(&s, v);
	return add_span(t, &s, why);
}

RK_API int rk_targets_exclude(struct rk_targets *t, const char *spec, const char **why)
{
	struct rk_target_span s;
	const char *dummy;
	if (!why)
		why = &dummy;
	int r = rk_target_parse(spec, &s, why);
	if (r != RK_OK)
		return r;
	if (t->finished) {
		*why = "the target set is already finished";
		return RK_E_INVAL;
	}
	if (push(&t->exc, &t->nexc, &t->capexc, &s) != RK_OK) {
		*why = "out of memory";
		return RK_E_NOSPACE;
	}
	return RK_OK;
}

static int span_order(const void *pa, const void *pb)
{
	const struct rk_target_span *a = pa, *b = pb;
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return u128_cmp(first_of(a), first_of(b));
}

/* Sort and merge overlapping or adjacent spans in place; the new count. */
static size_t merge(struct rk_target_span *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, span_order);
	size_t out = 0;
	for (size_t i = 1; i < n; i++) {
		struct rk_target_span *cur = &v[out];
		struct u128 cl = last_of(cur);
		if (v[i].family == cur->family &&
		    (u128_is_max(cl) || u128_cmp(first_of(&v[i]), u128_add64(cl, 1)) <= 0)) {
			if (u128_cmp(last_of(&v[i]), cl) > 0)
				set_last(cur, last_of(&v[i]));
		} else {
			v[++out] = v[i];
		}
	}
	return out + 1;
}

/* out = a minus b (both sorted and merged); out has room for na + nb. */
static size_t subtract(const struct rk_target_span *a, size_t na, const struct rk_target_span *b,
		       size_t nb, struct rk_target_span *out)
{
	size_t n = 0, j = 0;
	for (size_t i = 0; i < na; i++) {
		struct rk_target_span cur = a[i];
		bool alive = true;
		/* Skip exclusions wholly before cur. */
		while (j < nb &&
		       (b[j].family < cur.family || (b[j].family == cur.family &&
						     u128_cmp(last_of(&b[j]), first_of(&cur)) < 0)))
			j++;
		for (size_t k = j; alive && k < nb && b[k].family == cur.family &&
				   u128_cmp(first_of(&b[k]), last_of(&cur)) <= 0;
		     k++) {
			/* b[k] overlaps cur: keep what lies before it. */
			if (u128_cmp(first_of(&b[k]), first_of(&cur)) > 0) {
				struct rk_target_span before = cur;
				set_last(&before, u128_sub(first_of(&b[k]), (struct u128){0, 1}));
				out[n++] = before;
			}
			if (u128_is_max(last_of(&b[k])) ||
			    u128_cmp(last_of(&b[k]), last_of(&cur)) >= 0)
				alive = false;
			else
				set_first(&cur, u128_add64(last_of(&b[k]), 1));
		}
		if (alive)
			out[n++] = cur;
	}
	return n;
}

static uint64_t total_of(const struct rk_target_span *v, size_t n)
{
	uint64_t t = 0;
	for (size_t i = 0; i < n; i++)
		t = sat_add(t, span_count(&v[i]));
	return t;
}

RK_API int rk_targets_finish(struct rk_targets *t, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	if (t->finished)
		return RK_OK;
	if (t->ninc == 0) {
		*why = "no targets";
		return RK_E_INVAL;
	}
	t->ninc = merge(t->inc, t->ninc);
	t->nexc = merge(t->exc, t->nexc);

	struct rk_target_span *tmp = malloc((t->ninc + t->nexc + NRESERVED) * sizeof *tmp);
	if (!tmp) {
		*why = "out of memory";
		return RK_E_NOSPACE;
	}
	size_t n = subtract(t->inc, t->ninc, t->exc, t->nexc, tmp);
	if (n == 0) {
		free(tmp);
		*why = "every target is excluded";
		return RK_E_INVAL;
	}
	uint64_t before = total_of(tmp, n);
	if (!(t->flags & RK_TARGETS_ALLOW_RESERVED)) {
		struct rk_target_span res[NRESERVED];
		for (size_t i = 0; i < NRESERVED; i++) {
			res[i].family = reserved[i].family;
			set_first(&res[i], reserved[i].first);
			set_last(&res[i], reserved[i].last);
		}
		size_t nres = merge(res, NRESERVED);
		struct rk_target_span *inc = realloc(t->inc, (n + nres) * sizeof *inc);
		if (!inc) {
			free(tmp);
			*why = "out of memory";
			return RK_E_NOSPACE;
		}
		t->inc = inc;
		t->capinc = n + nres;
		t->ninc = subtract(tmp, n, res, nres, t->inc);
		free(tmp);
	} else {
		free(t->inc);
		t->inc = tmp;
		t->capinc = t->ninc + t->nexc + NRESERVED;
		t->ninc = n;
	}
	if (t->ninc == 0) {
		*why = "every target is reserved (0.0.0.0/8, multicast or broadcast)";
		return RK_E_INVAL;
	}
	t->total = total_of(t->inc, t->ninc);
	t->reserved_removed = before - t->total;
	if (t->total > t->max_addrs) {
		*why = "the targets add up to more addresses than the limit";
		return RK_E_NOSPACE;
	}
	t->cum = malloc(t->ninc * sizeof *t->cum);
	if (!t->cum) {
		*why = "out of memory";
		return RK_E_NOSPACE;
	}
	uint64_t c = 0;
	for (size_t i = 0; i < t->ninc; i++) {
		t->cum[i] = c;
		c += span_count(&t->inc[i]);
	}
	t->finished = true;
	return RK_OK;
}

RK_API void rk_targets_get(const struct rk_targets *t, uint64_t idx, struct rk_target_addr *out)
{
	size_t lo = 0, hi = t->ninc;
	/* The last range whose running count is <= idx. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->cum[mid] <= idx)
			lo = mid;
		else
			hi = mid;
	}
	const struct rk_target_span *s = &t->inc[lo];
	to_addr(s->family, u128_add64(first_of(s), idx - t->cum[lo]), out);
}

RK_API int64_t rk_targets_find(const struct rk_targets *t, const struct rk_target_addr *a)
{
	struct u128 v;
	if (!t->finished)
		return -1;
	if (a->family == 4)
		v = (struct u128){0, a->v4};
	else if (a->family == 6)
		v = v6_value(a->v6);
	else
		return -1;
	size_t lo = 0, hi = t->ninc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rk_target_span *s = &t->inc[mid];
		if (s->family < a->family ||
		    (s->family == a->family && u128_cmp(last_of(s), v) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->ninc)
		return -1;
	const struct rk_target_span *s = &t->inc[lo];
	if (s->family != a->family || u128_cmp(first_of(s), v) > 0)
		return -1;
	return (int64_t)(t->cum[lo] + u128_sub(v, first_of(s)).lo);
}

RK_API size_t rk_targets_nranges(const struct rk_targets *t)
{
	return t->finished ? t->ninc : 0;
}

RK_API void rk_targets_range(const struct rk_targets *t, size_t i, struct rk_target_addr *first,
			     struct rk_target_addr *last)
{
	to_addr(t->inc[i].family, first_of(&t->inc[i]), first);
	to_addr(t->inc[i].family, last_of(&t->inc[i]), last);
}

/* ---- ports ---- */

RK_API void rk_ports_init(struct rk_ports *p)
{
	memset(p, 0, sizeof *p);
}

RK_API void rk_ports_free(struct rk_ports *p)
{
	free(p->port);
	memset(p, 0, sizeof *p);
}

static void set_range(struct rk_ports *p, unsigned a, unsigned b)
{
	for (unsigned i = a; i <= b; i++)
		p->bits[i / 64] |= UINT64_C(1) << (i % 64);
}

/* A port number [0, 65535] spelled with digits only, or -1 (or -2: too big). */
static long parse_port(const char *s, const char *end)
{
	long v = 0;
	if (s == end)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 65535)
			return -2;
	}
	return v;
}

RK_API int rk_ports_parse(struct rk_ports *p, const char *spec, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	const char *s = spec;
	if (*s == '\0') {
		*why = "empty port list";
		return RK_E_INVAL;
	}
	for (;;) {
		const char *end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		if (end - s >= 2 && s[1] == ':') {
			if (s[0] == 'T' || s[0] == 't') {
				s += 2;
			} else {
				*why = "only TCP ports can be scanned (no U:, S: or P:)";
				return RK_E_INVAL;
			}
		}
		if (s == end) {
			*why = "empty element in the port list";
			return RK_E_INVAL;
		}
		const char *dash = memchr(s, '-', (size_t)(end - s));
		long a, b;
		if (dash) {
			a = dash == s ? 1 : parse_port(s, dash);
			b = dash + 1 == end ? 65535 : parse_port(dash + 1, end);
		} else {
			a = b = parse_port(s, end);
		}
		if (a == -2 || b == -2) {
			*why = "port out of range (0-65535)";
			return RK_E_INVAL;
		}
		if (a < 0 || b < 0) {
			*why = "not a port number or range";
			return RK_E_INVAL;
		}
		if (a > b) {
			*why = "port range runs backwards";
			return RK_E_INVAL;
		}
		set_range(p, (unsigned)a, (unsigned)b);
		if (*end == '\0')
			break;
		s = end + 1;
		if (*s == '\0') {
			*why = "empty element in the port list";
			return RK_E_INVAL;
		}
	}
	return RK_OK;
}

RK_API int rk_ports_top(struct rk_ports *p, unsigned n, const char **why)
{
	if (n < 1 || n > RK_TOP_PORTS_MAX) {
		if (why)
			*why = "--top-ports out of range (1-4257, the ports nmap has seen open)";
		return RK_E_INVAL;
	}
	for (unsigned i = 0; i < n; i++)
		set_range(p, rk_ports_top_entry(i), rk_ports_top_entry(i));
	return RK_OK;
}

RK_API int rk_ports_finish(struct rk_ports *p, const char **why)
{
	uint32_t n = 0;
	for (unsigned w = 0; w < 1024; w++) {
		p->rank[w] = n;
		n += (uint32_t)__builtin_popcountll(p->bits[w]);
	}
	if (n == 0) {
		if (why)
			*why = "no ports";
		return RK_E_INVAL;
	}
	free(p->port);
	p->port = malloc(n * sizeof *p->port);
	if (!p->port) {
		if (why)
			*why = "out of memory";
		p->n = 0;
		return RK_E_NOSPACE;
	}
	p->n = 0;
	for (unsigned i = 0; i < 65536; i++)
		if (p->bits[i / 64] >> (i % 64) & 1)
			p->port[p->n++] = (uint16_t)i;
	return RK_OK;
}

/* A rank query: the ports below `port` in the set are the ports of the
   words before its word plus the bits below it in its word. */
RK_API int rk_ports_find(const struct rk_ports *p, uint16_t port)
{
	uint64_t w = p->bits[port / 64];
	if (!p->port || !(w >> (port % 64) & 1))
		return -1;
	uint64_t below = w & ((UINT64_C(1) << (port % 64)) - 1);
	return (int)(p->rank[port / 64] + (uint32_t)__builtin_popcountll(below));
}
