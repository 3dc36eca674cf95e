/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_fmt_num.c - the address writers of fmt.h: IPv6 in RFC 5952 form
 * (the RFC's own examples from sections 4.1-4.3 and 5, then 20000 random
 * addresses rich in zero groups checked against glibc's inet_ntop, which
 * follows RFC 5952 except for its ::a.b.c.d forms, skipped), IPv4 and MAC
 * writers, and buffers too small by any amount.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/fmt.h"
#include "testlib.h"

static int parse6(const char *s, uint8_t out[16])
{
	return inet_pton(AF_INET6, s, out) == 1;
}

/* in: any valid spelling; want: RFC 5952's. */
static void check6(const char *in, const char *want)
{
	uint8_t a[16];
	char buf[RK_FMT_IPV6_LEN];
	CHECK(parse6(in, a));
	int n = rk_fmt_ipv6(buf, sizeof buf, a);
	CHECK_EQ(n, (long long)strlen(want));
	if (n < 0 || strcmp(buf, want) != 0)
		fprintf(stderr, "  %s: got '%s', want '%s'\n", in, n >= 0 ? buf : "(error)", want);
}

static void rfc5952_examples(void)
{
	/* 4.1: no leading zeros. */
	check6("2001:0db8::0001", "2001:db8::1");
	/* 4.2.1: the longest run is shortened, as far as possible. */
	check6("2001:db8:0:0:0:0:2:1", "2001:db8::2:1");
	check6("2001:db8::0:1", "2001:db8::1");
	/* 4.2.2: a single 16-bit 0 field is not shortened. */
	check6("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
	/* 4.2.3: the longest run; the first of equal runs. */
	check6("2001:0:0:1:0:0:0:1", "2001:0:0:1::1");
	check6("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1");
	/* 4.3: lowercase. */
	check6("2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
	/* Edges: all zero, loopback, runs at either end, the longest text. */
	check6("::", "::");
	check6("::1", "::1");
	check6("1::", "1::");
	check6("fe80::", "fe80::");
	check6("1:0:0:0:0:0:0:0", "1::");
	check6("0:0:1:0:0:0:0:1", "0:0:1::1");
	check6("0:1:0:1:0:1:0:1", "0:1:0:1:0:1:0:1");
	check6("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0");
	check6("0:2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
	check6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	check6("2001:2::1", "2001:2::1");
	check6("1:0:0:2:0:0:0:0", "1:0:0:2::");
	/* 5: IPv4-mapped addresses in mixed notation; others in hex. */
	check6("::ffff:192.0.2.1", "::ffff:192.0.2.1");
	check6("::ffff:0.0.0.0", "::ffff:0.0.0.0");
	check6("::ffff:255.255.255.255", "::ffff:255.255.255.255");
	check6("::192.0.2.1", "::c000:201"); /* IPv4-compatible: deprecated, plain hex */
	check6("64:ff9b::192.0.2.1", "64:ff9b::c000:201");
	check6("0:0:0:0:0:fffe:c000:201", "::fffe:c000:201");
	check6("0:0:0:0:1:ffff:c000:201", "::1:ffff:c000:201");
}

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void random_vs_inet_ntop(void)
{
	int compared = 0;
	for (int i = 0; i < 20000; i++) {
		uint8_t a[16];
		for (int g = 0; g < 8; g++) {
			uint32_t r = next_rand();
			uint16_t v = (r & 3) == 0 ? (uint16_t)(r >> 16) : (r & 3) == 1 ? 1 : 0;
			if ((r & 0x30) == 0x30)
				v = (uint16_t)(r >> 8 & 0xf0); /* one digit followed by zero */
			a[2 * g] = (uint8_t)(v >> 8);
			a[2 * g + 1] = (uint8_t)v;
		}
		/* glibc writes ::a.b.c.d and ::ffff:a.b.c.d by its own rules. */
		bool first5_zero = true;
		for (int k = 0; k < 10; k++)
			if (a[k])
				first5_zero = false;
		if (first5_zero)
			continue;
		char want[INET6_ADDRSTRLEN], got[RK_FMT_IPV6_LEN];
		inet_ntop(AF_INET6, a, want, sizeof want);
		int n = rk_fmt_ipv6(got, sizeof got, a);
		compared++;
		if (n < 0 || strcmp(got, want) != 0) {
			test_failures++;
			fprintf(stderr, "  ipv6: got '%s', inet_ntop '%s'\n", n >= 0 ? got : "(error)", want);
		}
	}
	CHECK(compared > 10000);
}

static void ipv4_and_mac(void)
{
	char buf[RK_FMT_IPV4_LEN];
	CHECK_EQ(rk_fmt_ipv4(buf, sizeof buf, 0xc6120001u), 10);
	CHECK(strcmp(buf, "198.18.0.1") == 0);
	CHECK_EQ(rk_fmt_ipv4(buf, sizeof buf, 0), 7);
	CHECK(strcmp(buf, "0.0.0.0") == 0);
	CHECK_EQ(rk_fmt_ipv4(buf, sizeof buf, 0xffffffffu), 15);
	CHECK(strcmp(buf, "255.255.255.255") == 0);
	CHECK_EQ(rk_fmt_ipv4(buf, sizeof buf, 0xcb007109u), 11);
	CHECK(strcmp(buf, "203.0.113.9") == 0);

	static const uint8_t mac[6] = {0x02, 0x00, 0xAB, 0xcd, 0xef, 0xFF};
	char m[RK_FMT_MAC_LEN];
	CHECK_EQ(rk_fmt_mac(m, sizeof m, mac), 17);
	CHECK(strcmp(m, "02:00:ab:cd:ef:ff") == 0);
}

/* Every capacity below the text's length fails and writes nothing past it;
   the exact length succeeds (without a NUL). */
static void small_buffers(void)
{
	uint8_t a[16];
	CHECK(parse6("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", a));
	for (size_t cap = 0; cap <= 39; cap++) {
		char buf[64];
		memset(buf, '#', sizeof buf);
		int n = rk_fmt_ipv6(buf, cap, a);
		if (cap < 38)
			CHECK_EQ(n, RK_E_NOSPACE);
		else
			CHECK_EQ(n, 38);
		for (size_t k = cap; k < sizeof buf; k++)
			if (buf[k] != '#') {
				test_failures++;
				fprintf(stderr, "  ipv6 cap %zu: byte %zu written\n", cap, k);
				break;
			}
	}
	for (size_t cap = 0; cap <= 16; cap++) {
		char buf[32];
		memset(buf, '#', sizeof buf);
		int n = rk_fmt_ipv4(buf, cap, 0xffffffffu);
		CHECK_EQ(n, cap < 15 ? RK_E_NOSPACE : 15);
		CHECK(buf[cap] == '#');
	}
}

int main(void)
{
	rfc5952_examples();
	random_vs_inet_ntop();
	ipv4_and_mac();
	small_buffers();
	return TEST_END();
}
