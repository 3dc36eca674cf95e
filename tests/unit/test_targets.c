/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_targets.c - target sets (addresses, CIDR blocks, ranges, IPv6,
 * exclusions, reserved blocks, size limits, index <-> address) and port
 * sets (nmap -p syntax, --top-ports) from targets.h. Addresses from the
 * documentation ranges; nothing is sent.
 */
#include <stdint.h>
#include <stdlib.h>
#include "rawkit/targets.h"
#include "testlib.h"

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

/* Build a set from a NULL-terminated list of specs and excludes. */
static int build(struct rk_targets *t, const char *const *inc, const char *const *exc,
		 unsigned flags, const char **why)
{
	rk_targets_init(t, 0, flags);
	for (; inc && *inc; inc++) {
		int r = rk_targets_add(t, *inc, why);
		if (r)
			return r;
	}
	for (; exc && *exc; exc++) {
		int r = rk_targets_exclude(t, *exc, why);
		if (r)
			return r;
	}
	return rk_targets_finish(t, why);
}

static uint32_t v4_at(const struct rk_targets *t, uint64_t i)
{
	struct rk_target_addr a;
	rk_targets_get(t, i, &a);
	return a.family == 4 ? a.v4 : 0;
}

static void test_forms(void)
{
	struct rk_targets t;
	const char *why = NULL;

	const char *one[] = {"192.0.2.7", NULL};
	CHECK_EQ(build(&t, one, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 1);
	CHECK_EQ(v4_at(&t, 0), IP4(192, 0, 2, 7));
	rk_targets_free(&t);

	/* Host bits in a CIDR spec are ignored: the whole block. */
	const char *cidr[] = {"192.0.2.77/24", NULL};
	CHECK_EQ(build(&t, cidr, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 256);
	CHECK_EQ(v4_at(&t, 0), IP4(192, 0, 2, 0));
	CHECK_EQ(v4_at(&t, 255), IP4(192, 0, 2, 255));
	rk_targets_free(&t);

	const char *range[] = {"198.18.0.1-198.18.0.40", NULL};
	CHECK_EQ(build(&t, range, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 40);
	CHECK_EQ(v4_at(&t, 39), IP4(198, 18, 0, 40));
	rk_targets_free(&t);

	const char *shortr[] = {"198.18.0.1-40", NULL};
	CHECK_EQ(build(&t, shortr, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 40);
	rk_targets_free(&t);

	/* A range across octets, and /32, /31. */
	const char *cross[] = {"198.18.0.250-198.18.1.5", "198.19.0.1/32", "198.19.0.2/31", NULL};
	CHECK_EQ(build(&t, cross, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 12 + 1 + 2);
	CHECK_EQ(v4_at(&t, 6), IP4(198, 18, 1, 0));
	CHECK_EQ(v4_at(&t, 12), IP4(198, 19, 0, 1));
	CHECK_EQ(v4_at(&t, 14), IP4(198, 19, 0, 3));
	rk_targets_free(&t);

	/* The /16 of the AnyIP test, and all of IPv4 (reserved blocks left out). */
	const char *slash16[] = {"198.19.0.0/16", NULL};
	CHECK_EQ(build(&t, slash16, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 65536);
	rk_targets_free(&t);
	const char *all[] = {"0.0.0.0/0", NULL};
	CHECK_EQ(build(&t, all, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), (UINT64_C(1) << 32) - (1u << 24) - (1u << 28) - 1);
	CHECK_EQ(t.reserved_removed, (1u << 24) + (1u << 28) + 1);
	CHECK_EQ(v4_at(&t, 0), IP4(1, 0, 0, 0));
	CHECK_EQ(
	    rk_targets_find(&t, &(struct rk_target_addr){.family = 4, .v4 = IP4(224, 0, 0, 1)}),
	    -1);
	rk_targets_free(&t);
	CHECK_EQ(build(&t, all, NULL, RK_TARGETS_ALLOW_RESERVED, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), UINT64_C(1) << 32);
	CHECK_EQ(t.reserved_removed, 0);
	rk_targets_free(&t);
}

static void test_ipv6(void)
{
	struct rk_targets t;
	const char *why = NULL;
	struct rk_target_addr a;

	const char *p120[] = {"2001:db8::1:0/120", "192.0.2.1", NULL};
	CHECK_EQ(build(&t, p120, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 257);
	/* IPv4 first, then IPv6. */
	rk_targets_get(&t, 0, &a);
	CHECK_EQ(a.family, 4);
	rk_targets_get(&t, 256, &a);
	CHECK_EQ(a.family, 6);
	const uint8_t want[16] = {0x20, 0x01, 0x0d, 0xb8, [13] = 1, [14] = 0, [15] = 0xff};
	CHECK_MEM(a.v6, want, 16);
	CHECK_EQ(rk_targets_find(&t, &a), 256);
	rk_targets_free(&t);

	/* A range crossing a 64-bit boundary inside the address. */
	const char *cross[] = {"2001:db8::ffff:ffff:ffff:fffe-2001:db8:0:1::1", NULL};
	CHECK_EQ(build(&t, cross, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 4);
	rk_targets_get(&t, 2, &a);
	const uint8_t mid[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1};
	CHECK_MEM(a.v6, mid, 16);
	rk_targets_free(&t);

	/* A /96 is the default limit; a /64 is refused, clearly. */
	const char *p96[] = {"2001:db8::/96", NULL};
	CHECK_EQ(build(&t, p96, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), UINT64_C(1) << 32);
	rk_targets_free(&t);
	const char *p64[] = {"2001:db8::/64", NULL};
	why = NULL;
	CHECK_EQ(build(&t, p64, NULL, 0, &why), RK_E_NOSPACE);
	CHECK(why && strstr(why, "limit"));
	rk_targets_free(&t);
	const char *p0[] = {"::/0", NULL};
	CHECK_EQ(build(&t, p0, NULL, 0, &why), RK_E_NOSPACE);
	rk_targets_free(&t);
	/* Two specs under the limit adding up to more than it. */
	rk_targets_init(&t, 1000, 0);
	CHECK_EQ(rk_targets_add(&t, "2001:db8::/119", &why), RK_OK);
	CHECK_EQ(rk_targets_add(&t, "2001:db8:1::/119", &why), RK_OK);
	CHECK_EQ(rk_targets_finish(&t, &why), RK_E_NOSPACE);
	rk_targets_free(&t);
	/* But excluding the whole IPv6 space is fine. */
	const char *big_exc[] = {"::/0", NULL};
	CHECK_EQ(build(&t, p120, big_exc, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 1);
	rk_targets_free(&t);
}

static void test_merge_and_exclude(void)
{
	struct rk_targets t;
	const char *why = NULL;

	/* Overlapping and adjacent specs merge; duplicates count once. */
	const char *ov[] = {"192.0.2.0/25", "192.0.2.100-192.0.2.200",
			    "192.0.2.201",  "192.0.2.7",
			    "192.0.2.0/25", NULL};
	CHECK_EQ(build(&t, ov, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 202);
	CHECK_EQ(rk_targets_nranges(&t), 1);
	rk_targets_free(&t);

	/* Excludes punch holes at the start, middle and end. */
	const char *inc[] = {"192.0.2.0/24", NULL};
	const char *exc[] = {"192.0.2.0-192.0.2.9", "192.0.2.100/30", "192.0.2.250-192.0.2.255",
			     "198.51.100.0/24", NULL};
	CHECK_EQ(build(&t, inc, exc, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 256 - 10 - 4 - 6);
	CHECK_EQ(rk_targets_nranges(&t), 2);
	CHECK_EQ(v4_at(&t, 0), IP4(192, 0, 2, 10));
	CHECK_EQ(v4_at(&t, 89), IP4(192, 0, 2, 99));
	CHECK_EQ(v4_at(&t, 90), IP4(192, 0, 2, 104));
	CHECK_EQ(v4_at(&t, 235), IP4(192, 0, 2, 249));
	/* find() is the inverse of get(). */
	int bad = 0;
	for (uint64_t i = 0; i < rk_targets_count(&t); i++) {
		struct rk_target_addr a;
		rk_targets_get(&t, i, &a);
		bad += rk_targets_find(&t, &a) != (int64_t)i;
	}
	CHECK_EQ(bad, 0);
	struct rk_target_addr hole = {.family = 4, .v4 = IP4(192, 0, 2, 101)};
	CHECK_EQ(rk_targets_find(&t, &hole), -1);
	hole.v4 = IP4(192, 0, 3, 0);
	CHECK_EQ(rk_targets_find(&t, &hole), -1);
	hole.family = 6;
	CHECK_EQ(rk_targets_find(&t, &hole), -1);
	rk_targets_free(&t);

	/* One exclude spanning several ranges. */
	const char *many[] = {"192.0.2.1", "192.0.2.5", "192.0.2.9", "192.0.2.20", NULL};
	const char *span[] = {"192.0.2.2-192.0.2.9", NULL};
	CHECK_EQ(build(&t, many, span, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 2);
	CHECK_EQ(v4_at(&t, 1), IP4(192, 0, 2, 20));
	rk_targets_free(&t);

	/* An exclude that removes everything. */
	const char *allx[] = {"192.0.2.0/24", NULL};
	why = NULL;
	CHECK_EQ(build(&t, inc, allx, 0, &why), RK_E_INVAL);
	CHECK(why && strstr(why, "excluded"));
	rk_targets_free(&t);
	why = NULL;
	CHECK_EQ(build(&t, NULL, NULL, 0, &why), RK_E_INVAL);
	CHECK(why && strstr(why, "no targets"));
	rk_targets_free(&t);

	/* Resolved addresses go in as they are. */
	rk_targets_init(&t, 0, 0);
	struct rk_target_addr a = {.family = 4, .v4 = IP4(192, 0, 2, 1)};
	CHECK_EQ(rk_targets_add_addr(&t, &a, &why), RK_OK);
	a.family = 5;
	CHECK_EQ(rk_targets_add_addr(&t, &a, &why), RK_E_INVAL);
	CHECK_EQ(rk_targets_finish(&t, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 1);
	CHECK_EQ(rk_targets_add(&t, "192.0.2.9", &why), RK_E_INVAL);
	rk_targets_free(&t);
}

static void test_reserved(void)
{
	struct rk_targets t;
	const char *why;
	const char *refused[] = {
	    "224.0.0.1",       "239.255.255.255", "224.0.0.0/4", "0.0.0.0", "0.1.2.3/16",
	    "255.255.255.255", "ff02::1",	  "::",		 NULL};
	for (const char *const *s = refused; *s; s++) {
		rk_targets_init(&t, 0, 0);
		why = NULL;
		CHECK_EQ(rk_targets_add(&t, *s, &why), RK_E_INVAL);
		CHECK(why && strstr(why, "refused"));
		rk_targets_free(&t);
		rk_targets_init(&t, 0, RK_TARGETS_ALLOW_RESERVED);
		CHECK_EQ(rk_targets_add(&t, *s, &why), RK_OK);
		CHECK_EQ(rk_targets_finish(&t, &why), RK_OK);
		rk_targets_free(&t);
	}
	/* Partly reserved: the reserved part is left out and counted. */
	const char *part[] = {"223.255.255.254-224.0.0.1", NULL};
	CHECK_EQ(build(&t, part, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 2);
	CHECK_EQ(t.reserved_removed, 2);
	rk_targets_free(&t);
	/* A spec that is all reserved blocks, though in no single one. */
	const char *mixed[] = {"255.255.255.255", NULL};
	CHECK_EQ(build(&t, mixed, NULL, 0, &why), RK_E_INVAL);
	rk_targets_free(&t);
	const char *two[] = {"239.255.255.255-240.0.0.0", NULL};
	CHECK_EQ(build(&t, two, NULL, 0, &why), RK_OK);
	CHECK_EQ(rk_targets_count(&t), 1);
	rk_targets_free(&t);
}

static void test_parse_errors(void)
{
	const char *bad[] = {
	    "",
	    "198.18.0",
	    "198.18.0.256",
	    "198.18.0.1/33",
	    "198.18.0.1/",
	    "198.18.0.1/-1",
	    "198.18.0.1/2x",
	    "2001:db8::/129",
	    "198.18.0.40-198.18.0.1",
	    "198.18.0.1-256",
	    "198.18.0.1-2001:db8::1",
	    "2001:db8::1-5",
	    "example..com",
	    " 198.18.0.1",
	    "198.18.0.1 ",
	    "198.18.0.0/24-198.18.1.0",
	    "-198.18.0.1",
	    "198.18.0.1-",
	    "1.2.3.4.5",
	    "0x01020304",
	    "2001:db8:::1",
	    /* one over-long literal (clang warns on split ones in an array) */
	    "198.18.0."
	    "11111111111111111111111111111111111111111111111111111111111111111111111111111111111111"
	    "111111111111111111",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct rk_target_span s;
		const char *why = NULL;
		int r = rk_target_parse(bad[i], &s, &why);
		if (r != RK_E_INVAL)
			fprintf(stderr, "accepted bad target '%s'\n", bad[i]);
		CHECK_EQ(r, RK_E_INVAL);
		CHECK(why != NULL);
	}
	struct rk_target_span s;
	CHECK_EQ(rk_target_parse("198.18.0.1/24", &s, NULL), RK_OK);
	CHECK_EQ(s.family, 4);
	CHECK_EQ(s.first_lo, IP4(198, 18, 0, 0));
	CHECK_EQ(s.last_lo, IP4(198, 18, 0, 255));
	CHECK_EQ(rk_target_parse("::/0", &s, NULL), RK_OK);
	CHECK(s.first_hi == 0 && s.first_lo == 0 && s.last_hi == UINT64_MAX &&
	      s.last_lo == UINT64_MAX);
	CHECK_EQ(rk_target_parse("2001:db8::/65", &s, NULL), RK_OK);
	CHECK(s.last_hi == 0x20010db800000000ull && s.last_lo == UINT64_MAX >> 1);
}

static int ports_of(const char *spec, struct rk_ports *p, const char **why)
{
	rk_ports_init(p);
	int r = rk_ports_parse(p, spec, why);
	if (r == RK_OK)
		r = rk_ports_finish(p, why);
	return r;
}

static void test_ports(void)
{
	struct rk_ports p;
	const char *why;

	CHECK_EQ(ports_of("22,80,1000-2000", &p, &why), RK_OK);
	CHECK_EQ(p.n, 1003);
	CHECK_EQ(p.port[0], 22);
	CHECK_EQ(p.port[2], 1000);
	CHECK_EQ(rk_ports_find(&p, 80), 1);
	CHECK_EQ(rk_ports_find(&p, 2000), 1002);
	CHECK_EQ(rk_ports_find(&p, 81), -1);
	rk_ports_free(&p);

	CHECK_EQ(ports_of("-", &p, &why), RK_OK); /* -p- */
	CHECK_EQ(p.n, 65535);
	CHECK_EQ(p.port[0], 1);
	rk_ports_free(&p);
	CHECK_EQ(ports_of("0-65535", &p, &why), RK_OK);
	CHECK_EQ(p.n, 65536);
	CHECK_EQ(rk_ports_find(&p, 0), 0);
	CHECK_EQ(rk_ports_find(&p, 65535), 65535);
	rk_ports_free(&p);
	CHECK_EQ(ports_of("-1024", &p, &why), RK_OK);
	CHECK_EQ(p.n, 1024);
	rk_ports_free(&p);
	CHECK_EQ(ports_of("60000-", &p, &why), RK_OK);
	CHECK_EQ(p.n, 5536);
	rk_ports_free(&p);
	CHECK_EQ(ports_of("T:80,443,80,79-81", &p, &why), RK_OK);
	CHECK_EQ(p.n, 4);
	rk_ports_free(&p);
	CHECK_EQ(ports_of("0", &p, &why), RK_OK);
	CHECK_EQ(p.n, 1);
	rk_ports_free(&p);

	const char *bad[] = {"",	",",	       "80,",	",80",	"80,,81", "65536",
			     "1-65536", "99999999999", "80-22", "http", "U:53",	  "S:80",
			     "22 ",	"-5-6",	       "0x50",	"T:",	"+80"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		int r = ports_of(bad[i], &p, &why);
		if (r != RK_E_INVAL)
			fprintf(stderr, "accepted bad ports '%s'\n", bad[i]);
		CHECK_EQ(r, RK_E_INVAL);
		CHECK(why != NULL);
		rk_ports_free(&p);
	}
	ports_of("65536", &p, &why);
	CHECK(strstr(why, "range") != NULL);
	rk_ports_free(&p);

	/* find() is the list's inverse, for every port 0-65535. */
	const char *sets[] = {"1-10,100,1000-1010,65535", "0-65535", "63,64,127,128", "-"};
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		CHECK_EQ(ports_of(sets[k], &p, &why), RK_OK);
		int wrong = 0;
		uint32_t i = 0;
		for (unsigned port = 0; port < 65536; port++) {
			int want = i < p.n && p.port[i] == port ? (int)i++ : -1;
			wrong += rk_ports_find(&p, (uint16_t)port) != want;
		}
		CHECK_EQ(wrong, 0);
		CHECK_EQ(i, p.n);
		rk_ports_free(&p);
	}

	/* --top-ports: nmap's order starts 80, 23, 443, 21, 22. */
	rk_ports_init(&p);
	CHECK_EQ(rk_ports_top(&p, 5, &why), RK_OK);
	CHECK_EQ(rk_ports_finish(&p, &why), RK_OK);
	CHECK_EQ(p.n, 5);
	CHECK_EQ(p.port[0], 21);
	CHECK_EQ(p.port[4], 443);
	rk_ports_free(&p);
	rk_ports_init(&p);
	CHECK_EQ(rk_ports_top(&p, RK_TOP_PORTS_MAX, &why), RK_OK);
	CHECK_EQ(rk_ports_finish(&p, &why), RK_OK);
	CHECK_EQ(p.n, RK_TOP_PORTS_MAX); /* the table holds no duplicates */
	rk_ports_free(&p);
	rk_ports_init(&p);
	CHECK_EQ(rk_ports_top(&p, 0, &why), RK_E_INVAL);
	CHECK_EQ(rk_ports_top(&p, RK_TOP_PORTS_MAX + 1, &why), RK_E_INVAL);
	CHECK_EQ(rk_ports_finish(&p, &why), RK_E_INVAL);
	rk_ports_free(&p);
	CHECK_EQ(rk_ports_top_entry(0), 80);
	CHECK_EQ(rk_ports_top_entry(19), 5900);
}

int main(void)
{
	test_forms();
	test_ipv6();
	test_merge_and_exclude();
	test_reserved();
	test_parse_errors();
	test_ports();
	return TEST_END();
}
