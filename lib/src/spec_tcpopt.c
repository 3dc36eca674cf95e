/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_tcpopt.c - TCP option lists in specs, both ways:
 *   opts=[mss:1460,sackok,ts:1:0,nop,wscale:7,sack:100-200:300-400,eol,30:0102]
 * mss (RFC 9293), wscale and ts (RFC 7323), sackok and sack blocks (RFC
 * 2018), nop, eol, and any kind as KIND:HEXDATA (length byte computed).
 */
#include <stdio.h>
#include <string.h>
#include "rawkit/rd.h"
#include "spec_int.h"

static const char *const opt_names[] = { "nop", "eol", "sackok", "mss", "wscale", "ts", "sack" };

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next ':'-separated part of [*p, e), advancing *p past it. */
static void next_part(const char **p, const char *e, const char **ps, const char **pe)
{
	*ps = *p;
	while (*p < e && **p != ':')
		(*p)++;
	*pe = *p;
	if (*p < e)
		(*p)++; /* the ':' */
}

static int item_fail(const char **bad, const char *at, char *msg, size_t cap, const char *text)
{
	*bad = at;
	snprintf(msg, cap, "%s", text);
	return -1;
}

static int num_part(const char *s, const char *e, uint32_t max, uint32_t *v, const char **bad,
		    char *msg, size_t cap, const char *what)
{
	if (rkint_spec_num(s, e, v) != 0 || *v > max) {
		*bad = s;
		snprintf(msg, cap, "bad %s in tcp option (a number, 0-%lu)", what, (unsigned long)max);
		return -1;
	}
	return 0;
}

/* One item [s, e) into wr. */
static int parse_item(const char *s, const char *e, struct rk_wr *wr, const char **bad, char *msg,
		      size_t cap)
{
	const char *p = s, *ns, *ne, *as, *ae;
	next_part(&p, e, &ns, &ne);
	size_t nlen = (size_t)(ne - ns);
	int has_arg = ne < e; /* a ':' followed */
	uint32_t a, b;

	if (nlen == 0)
		return item_fail(bad, s, msg, cap, "empty tcp option");
	if (ns[0] >= '0' && ns[0] <= '9') { /* KIND:HEX */
		uint8_t data[RK_TCP_OPTS_MAX];
		if (num_part(ns, ne, 255, &a, bad, msg, cap, "kind"))
			return -1;
		if (!has_arg)
			return item_fail(bad, ne, msg, cap,
					 "a tcp option kind needs its data: KIND:HEX (may be empty)");
		long n = rkint_spec_hex(p, e, data, sizeof(data), bad);
		if (n < 0) {
			snprintf(msg, cap, n == -2 ? "odd number of hex digits in tcp option" :
					   n == -3 ? "tcp option data longer than 40 bytes" :
						     "bad hex digit in tcp option");
			return -1;
		}
		rk_tcpopt_raw(wr, (uint8_t)a, data, (size_t)n);
		return 0;
	}
	for (unsigned i = 0; i < sizeof(opt_names) / sizeof(opt_names[0]); i++) {
		if (strlen(opt_names[i]) != nlen || memcmp(opt_names[i], ns, nlen) != 0)
			continue;
		unsigned nargs = 0;
		const char *q = p;
		while (has_arg && q <= e) { /* count the parts after the name */
			nargs++;
			while (q < e && *q != ':')
				q++;
			q++;
		}
		switch (i) {
		case 0:
		case 1:
		case 2:
			if (nargs)
				return item_fail(bad, ne, msg, cap, "this tcp option takes no value");
			if (i == 0)
				rk_tcpopt_nop(wr);
			else if (i == 1)
				rk_tcpopt_eol(wr);
			else
				rk_tcpopt_sackok(wr);
			return 0;
		case 3:
		case 4:
			if (nargs != 1)
				return item_fail(bad, ne, msg, cap, i == 3 ? "mss takes one value: mss:N" :
									 "wscale takes one value: wscale:N");
			next_part(&p, e, &as, &ae);
			if (num_part(as, ae, i == 3 ? 0xffff : 0xff, &a, bad, msg, cap,
				     i == 3 ? "mss" : "wscale"))
				return -1;
			if (i == 3)
				rk_tcpopt_mss(wr, (uint16_t)a);
			else
				rk_tcpopt_wscale(wr, (uint8_t)a);
			return 0;
		case 5:
			if (nargs != 2)
				return item_fail(bad, ne, msg, cap, "ts takes two values: ts:TSVAL:TSECR");
			next_part(&p, e, &as, &ae);
			if (num_part(as, ae, 0xffffffffu, &a, bad, msg, cap, "tsval"))
				return -1;
			next_part(&p, e, &as, &ae);
			if (num_part(as, ae, 0xffffffffu, &b, bad, msg, cap, "tsecr"))
				return -1;
			rk_tcpopt_ts(wr, a, b);
			return 0;
		default: { /* sack */
			uint32_t blocks[4][2];
			if (nargs < 1 || nargs > 4)
				return item_fail(bad, ne, msg, cap,
						 "sack takes 1 to 4 blocks: sack:LEFT-RIGHT[:LEFT-RIGHT...]");
			for (unsigned k = 0; k < nargs; k++) {
				next_part(&p, e, &as, &ae);
				const char *dash = as;
				while (dash < ae && *dash != '-')
					dash++;
				if (dash == ae)
					return item_fail(bad, as, msg, cap,
							 "a sack block is LEFT-RIGHT");
				if (num_part(as, dash, 0xffffffffu, &blocks[k][0], bad, msg, cap,
					     "sack left edge") ||
				    num_part(dash + 1, ae, 0xffffffffu, &blocks[k][1], bad, msg, cap,
					     "sack right edge"))
					return -1;
			}
			rk_tcpopt_sack(wr, (const uint32_t(*)[2])blocks, nargs);
			return 0;
		}
		}
	}
	/* Unknown name: suggest the closest. */
	const char *best = NULL;
	unsigned bd = 3;
	for (unsigned i = 0; i < sizeof(opt_names) / sizeof(opt_names[0]); i++) {
		unsigned d = rkint_spec_distance(ns, nlen, opt_names[i]);
		if (d < bd && d < nlen) {
			bd = d;
			best = opt_names[i];
		}
	}
	*bad = s;
	if (best)
		snprintf(msg, cap, "unknown tcp option '%.*s' (did you mean '%s'?)", (int)nlen, ns, best);
	else
		snprintf(msg, cap, "unknown tcp option '%.*s' (nop, eol, sackok, mss:N, wscale:N, "
			 "ts:VAL:ECR, sack:L-R, KIND:HEX)", (int)(nlen > 20 ? 20 : nlen), ns);
	return -1;
}

int rkint_spec_tcpopts_parse(const char *s, const char *e, struct rk_wr *wr, const char **bad,
			     char *msg, size_t msg_cap)
{
	const char *p = s;
	while (p < e && is_ws(*p))
		p++;
	if (p == e)
		return 0; /* [] */
	for (;;) {
		while (p < e && is_ws(*p))
			p++;
		const char *is = p;
		while (p < e && *p != ',')
			p++;
		const char *ie = p;
		while (ie > is && is_ws(ie[-1]))
			ie--;
		if (parse_item(is, ie, wr, bad, msg, msg_cap))
			return -1;
		if (rk_wr_err(wr) != RK_OK) {
			*bad = is;
			snprintf(msg, msg_cap, "tcp options longer than %d bytes", RK_TCP_OPTS_MAX);
			return -1;
		}
		if (p == e)
			return 0;
		p++; /* ',' */
	}
}

static size_t pad4(size_t n)
{
	return (n + 3u) & ~(size_t)3u;
}

/* Walk the options; print them when out is not NULL. Returns the bytes a
   list covers (EOL included), or -1 when some option has no list form. */
static long walk(struct rkint_out *out, const uint8_t *p, size_t n)
{
	struct rk_rd rd;
	struct rk_tcp_opt opt;
	int rc, first = 1;
	size_t at = 0;
	rk_rd_init(&rd, p, n);
	for (;;) {
		at = rk_rd_offset(&rd);
		rc = rk_tcp_opt_next(&rd, &opt);
		if (rc <= 0)
			break;
		if (out && !first)
			rkint_out_str(out, ",");
		first = 0;
		const uint8_t *d = opt.data;
		switch (opt.kind) {
		case RK_TCPOPT_EOL:
			if (out)
				rkint_out_str(out, "eol");
			return (long)at + 1; /* the iterator skips what follows EOL */
		case RK_TCPOPT_NOP:
			if (out)
				rkint_out_str(out, "nop");
			continue;
		case RK_TCPOPT_MSS:
			if (opt.len == 4) {
				if (out)
					rkint_out_fmt(out, "mss:%u", rk_get_be16(d));
				continue;
			}
			break;
		case RK_TCPOPT_WSCALE:
			if (opt.len == 3) {
				if (out)
					rkint_out_fmt(out, "wscale:%u", d[0]);
				continue;
			}
			break;
		case RK_TCPOPT_SACKOK:
			if (opt.len == 2) {
				if (out)
					rkint_out_str(out, "sackok");
				continue;
			}
			break;
		case RK_TCPOPT_TS:
			if (opt.len == 10) {
				if (out)
					rkint_out_fmt(out, "ts:%lu:%lu", (unsigned long)rk_get_be32(d),
						      (unsigned long)rk_get_be32(d + 4));
				continue;
			}
			break;
		case RK_TCPOPT_SACK:
			if (opt.len >= 10 && opt.len <= 34 && (opt.len - 2) % 8 == 0) {
				if (out) {
					rkint_out_str(out, "sack");
					for (size_t k = 0; k + 8 <= opt.data_len; k += 8)
						rkint_out_fmt(out, ":%lu-%lu",
							      (unsigned long)rk_get_be32(d + k),
							      (unsigned long)rk_get_be32(d + k + 4));
				}
				continue;
			}
			break;
		}
		if (out) { /* any other kind, or a known one with an odd length */
			rkint_out_fmt(out, "%u:", opt.kind);
			rkint_out_hex(out, d, opt.data_len);
		}
	}
	return rc == 0 ? (long)rk_rd_offset(&rd) : -1;
}

void rkint_spec_tcpopts_print(struct rkint_out *o, const uint8_t *p, size_t n)
{
	long used = walk(NULL, p, n);
	int ok = used >= 0;
	size_t extra = 0;
	if (ok) {
		for (size_t i = (size_t)used; i < n; i++)
			if (p[i] != 0)
				ok = 0; /* bytes after EOL that padding would not give back */
		if (pad4((size_t)used) != n)
			extra = n - (size_t)used; /* spell out the zeros as more EOLs */
		if ((size_t)used + extra != n && pad4((size_t)used + extra) != n)
			ok = 0;
	}
	if (!ok || n % 4 != 0) {
		rkint_out_str(o, "hex:");
		rkint_out_hex(o, p, n);
		return;
	}
	rkint_out_str(o, "[");
	walk(o, p, n);
	for (size_t i = 0; i < extra; i++)
		rkint_out_str(o, used == 0 && i == 0 ? "eol" : ",eol");
	rkint_out_str(o, "]");
}
