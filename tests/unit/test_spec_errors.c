/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_spec_errors.c - rk_spec_parse() refusals: each bad spec fails with
 * RK_E_INVAL at the exact line and column of the offending character, with
 * the expected message (suggestions by edit distance included), and leaves
 * an empty spec behind.
 */
#include <string.h>
#include "rawkit/spec.h"
#include "testlib.h"

struct error_case {
	const char *spec;
	unsigned line, col;
	const char *msg; /* the whole message */
};

static const struct error_case cases[] = {
	{ "ipv4(dst=198.18.0.2)/tcp(dprot=80)", 1, 26, "unknown field 'dprot' in tcp (did you mean 'dport'?)" },
	{ "ipv4(dst=198.18.0.2,ttl=5)/tcp(dport=80,flasg=S)", 1, 41,
	  "unknown field 'flasg' in tcp (did you mean 'flags'?)" },
	{ "ipv4(xyzzy=1)", 1, 6, "unknown field 'xyzzy' in ipv4" },
	{ "tpc(dport=80)", 1, 1, "unknown layer 'tpc' (did you mean 'tcp'?)" },
	{ "ipv4/ipv7", 1, 6, "unknown layer 'ipv7' (did you mean 'ipv4'?)" },
	{ "ipv4/GET", 1, 6, "unknown layer 'GET' (payloads are \"quoted\", hex:... or zero:N)" },
	{ "", 1, 1, "empty spec" },
	{ "   ", 1, 4, "empty spec" },
	{ "ipv4/", 1, 6, "expected a layer or payload after '/'" },
	{ "ipv4//tcp", 1, 6, "expected a layer (ipv4, tcp, ...) or a payload (\"...\", hex:..., zero:N)" },
	{ "ipv4 tcp", 1, 6, "expected '(' or '/' after ipv4" },
	{ "ipv4(ttl=5) tcp", 1, 13, "expected '/' between layers" },
	{ "ipv4(ttl=5", 1, 5, "missing ')' to close ipv4(" },
	{ "ipv4(ttl=5,", 1, 5, "missing ')' to close ipv4(" },
	{ "ipv4(ttl=5;tos=1)", 1, 10, "bad number '5;tos=1' for ttl in ipv4" },
	{ "ipv4(ttl=5 tos=1)", 1, 12, "expected ',' or ')' after the value of ttl" },
	{ "ipv4(ttl 5)", 1, 10, "expected '=' after 'ttl'" },
	{ "ipv4(ttl=)", 1, 10, "missing value for ttl in ipv4" },
	{ "ipv4(=5)", 1, 6, "expected a field name in ipv4" },
	{ "ipv4(ttl=256)", 1, 10, "value 256 out of range for ttl in ipv4 (0-255)" },
	{ "ipv4(ttl=0x100)", 1, 10, "value 0x100 out of range for ttl in ipv4 (0-255)" },
	{ "tcp(seq=4294967296)", 1, 9, "value 4294967296 out of range for seq in tcp (0-4294967295)" },
	{ "ipv4(ttl=abc)", 1, 10, "bad number 'abc' for ttl in ipv4" },
	{ "ipv4(ttl=-1)", 1, 10, "bad number '' for ttl in ipv4" },
	{ "ipv4(dst=198.18.0.2,\n  ttl=x)", 2, 7, "bad number 'x' for ttl in ipv4" },
	{ "eth/\n\nipv4(\n\tdst=1.2.3)", 4, 6, "bad IPv4 address '1.2.3' for dst in ipv4" },
	{ "ipv4(dst=198.18.0.256)", 1, 10, "bad IPv4 address '198.18.0.256' for dst in ipv4" },
	{ "ipv4(src=2001:db8::1)", 1, 10, "bad IPv4 address '2001:db8::1' for src in ipv4" },
	{ "ipv6(dst=2001:db8::g)", 1, 10, "bad IPv6 address '2001:db8::g' for dst in ipv6" },
	{ "ipv6(src=198.18.0.1)", 1, 10, "bad IPv6 address '198.18.0.1' for src in ipv6" },
	{ "eth(dst=02:00:00:00:00)", 1, 9, "bad MAC address '02:00:00:00:00' for dst in eth (aa:bb:cc:dd:ee:ff)" },
	{ "arp(tpa=banana)", 1, 9,
	  "bad address 'banana' for tpa in arp (a MAC, IPv4 or IPv6 address, or hex:...)" },
	{ "arp(tpa=hex:0102030405060708090a0b0c0d0e0f1011)", 1, 45, "tpa in arp takes at most 16 bytes" },
	{ "sll(addr=2001:db8::1)", 1, 10, "addr in sll takes at most 8 bytes" },
	{ "tcp(dport=80,dport=81)", 1, 14, "field 'dport' given twice in tcp" },
	{ "tcp(dport=1024-1)", 1, 11, "range 1024-1 of dport in tcp goes down" },
	{ "ipv4(ttl=1-300)", 1, 12, "value 300 out of range for ttl in ipv4 (0-255)" },
	{ "ipv4(dst=198.18.0.1-x)", 1, 21, "bad IPv4 address 'x' for dst in ipv4" },
	{ "ipv6(dst=2001:db8::1-2001:db8::2)", 1, 10,
	  "bad IPv6 address '2001:db8::1-2001:db8::2' for dst in ipv6" },
	{ "ipv4(dst=0.0.0.0-255.255.255.255)", 1, 10, "the ranges make more than 4294967295 packets" },
	{ "ipv4(dst=0.0.0.0-0.0.255.255,id=0-65535)", 1, 33, "the ranges make more than 4294967295 packets" },
	{ "ipv4(ttl=1-2,tos=1-2,id=1-2,len=1-2,frag=1-2,proto=1-2,ihl=1-2,csum=1-2,version=1-2)", 1, 81,
	  "too many ranges (at most 8)" },
	{ "ipv4(df=2)", 1, 9, "bad value '2' for df in ipv4 (0 or 1)" },
	{ "tcp(flags=SX)", 1, 11, "bad tcp flags 'SX' (letters of FSRPAUEC, or a number)" },
	{ "tcp(flags=256)", 1, 11, "value 256 out of range for flags in tcp (0-255)" },
	{ "vlan(vid=4096)", 1, 10, "value 4096 out of range for vid in vlan (0-4095)" },
	{ "ipv6(flow=0x100000)", 1, 11, "value 0x100000 out of range for flow in ipv6 (0-1048575)" },
	{ "ipv4(opts=0101)", 1, 11, "opts in ipv4 is hex:... bytes" },
	{ "ipv4(opts=hex:010)", 1, 18, "odd number of hex digits" },
	{ "ipv4(opts=hex:01zz)", 1, 17, "bad hex digit" },
	{ "ipv4(opts=hex:0000000000000000000000000000000000000000000000000000000000000000000000000000000000)",
	  1, 95, "opts in ipv4: more than 40 bytes" },
	{ "tcp(opts=mss:1460)", 1, 10, "tcp opts are a list [mss:1460,sackok,...] or hex:..." },
	{ "tcp(opts=[mss:1460,msss:1])", 1, 20, "unknown tcp option 'msss' (did you mean 'mss'?)" },
	{ "tcp(opts=[mss:99999])", 1, 15, "bad mss in tcp option (a number, 0-65535)" },
	{ "tcp(opts=[mss])", 1, 14, "mss takes one value: mss:N" },
	{ "tcp(opts=[nop:1])", 1, 14, "this tcp option takes no value" },
	{ "tcp(opts=[ts:1])", 1, 13, "ts takes two values: ts:TSVAL:TSECR" },
	{ "tcp(opts=[ts:1:x])", 1, 16, "bad tsecr in tcp option (a number, 0-4294967295)" },
	{ "tcp(opts=[sack:1-2:3])", 1, 20, "a sack block is LEFT-RIGHT" },
	{ "tcp(opts=[sack:1-2:3-4:5-6:7-8:9-10])", 1, 15,
	  "sack takes 1 to 4 blocks: sack:LEFT-RIGHT[:LEFT-RIGHT...]" },
	{ "tcp(opts=[300:00])", 1, 11, "bad kind in tcp option (a number, 0-255)" },
	{ "tcp(opts=[30])", 1, 13, "a tcp option kind needs its data: KIND:HEX (may be empty)" },
	{ "tcp(opts=[30:0g])", 1, 15, "bad hex digit in tcp option" },
	{ "tcp(opts=[mss:1,])", 1, 17, "empty tcp option" },
	{ "tcp(opts=[mss:1", 1, 10, "missing ']' to close the tcp option list" },
	{ "tcp(opts=[ts:1:2,ts:1:2,ts:1:2,ts:1:2,ts:1:2])", 1, 39, "tcp options longer than 40 bytes" },
	{ "tcp(opts=[bogus])", 1, 11,
	  "unknown tcp option 'bogus' (nop, eol, sackok, mss:N, wscale:N, ts:VAL:ECR, sack:L-R, KIND:HEX)" },
	{ "\"abc", 1, 1, "unterminated string (no closing \")" },
	{ "ipv4/'abc", 1, 6, "unterminated string (no closing ')" },
	{ "\"a\\qb\"", 1, 3, "bad escape in string (\\\\ \\\" \\' \\n \\r \\t \\xHH \\ooo ...)" },
	{ "\"ab\\xg\"", 1, 4, "bad escape in string (\\\\ \\\" \\' \\n \\r \\t \\xHH \\ooo ...)" },
	{ "\"\\777\"", 1, 2, "bad escape in string (\\\\ \\\" \\' \\n \\r \\t \\xHH \\ooo ...)" },
	{ "hex:abc", 1, 8, "odd number of hex digits" },
	{ "ipv4/hex:zz", 1, 10, "bad hex digit" },
	{ "zero:70000", 1, 6, "zero: takes a byte count, 0-65535" },
	{ "zero:", 1, 6, "zero: takes a byte count, 0-65535" },
	{ "heex:00", 1, 1, "unknown payload 'heex:' (did you mean 'hex:'?)" },
	{ "data:00", 1, 1, "unknown payload 'data:' (hex:..., zero:N or a quoted string)" },
	{ "zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/zero:1/"
	  "zero:1/zero:1/zero:1/zero:1", 1, 113, "too many layers (at most 16, payloads included)" },
	{ "icmp(gw=1.2.3)", 1, 9, "bad IPv4 address '1.2.3' for gw in icmp" },
	{ "icmp(ptr=256)", 1, 10, "value 256 out of range for ptr in icmp (0-255)" },
	{ "arp(hlen=17)", 1, 10, "value 17 out of range for hlen in arp (0-16)" },
	{ "ipv6.hop(len=2049)", 1, 14, "value 2049 out of range for len in ipv6.hop (0-2048)" },
	{ "hop(opts=hex:00)/hop(nh=1,opts=hex:00,lne=8)", 1, 39, "unknown field 'lne' in hop (did you mean 'len'?)" },
};

int main(void)
{
	static struct rk_spec spec;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct error_case *c = &cases[i];
		struct rk_spec_error err;
		memset(&err, 0x55, sizeof(err));
		int rc = rk_spec_parse(&spec, c->spec, NULL, &err);
		CHECK_EQ(rc, RK_E_INVAL);
		if (rc != RK_E_INVAL) {
			fprintf(stderr, "  accepted: %s\n", c->spec);
			continue;
		}
		CHECK_EQ(spec.n, 0);
		int ok = err.line == c->line && err.col == c->col && strcmp(err.msg, c->msg) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s\n  got      spec:%u:%u: %s\n  expected spec:%u:%u: %s\n", c->spec,
				err.line, err.col, err.msg, c->line, c->col, c->msg);
		/* offset agrees with line and column */
		if (c->line == 1)
			CHECK_EQ(err.offset, c->col - 1);
	}
	/* A NULL error struct is fine. */
	CHECK_EQ(rk_spec_parse(&spec, "tpc", NULL, NULL), RK_E_INVAL);
	return TEST_END();
}
