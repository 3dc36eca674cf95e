/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_parse.c - rk_spec_parse(): the spec grammar (docs/SPEC.md),
 *
 *   spec    = element *( "/" element )
 *   element = layer [ "(" [ field *( "," field ) ] ")" ] / payload
 *   field   = name "=" value
 *   payload = quoted-string / "hex:" hexdigits / "zero:" number
 *
 * whitespace allowed between tokens. Values are checked against the
 * field's syntax and range here, so building can only fail for want of
 * room; errors carry the position of the offending character.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "spec_int.h"

struct pstate {
	const char *t;   /* the whole text */
	const char *p;   /* cursor */
	struct rk_spec *s;
	struct rk_spec_error *err;
};

static int fail(struct pstate *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct pstate *ps, const char *at, const char *fmt, ...)
{
	struct rk_spec_error *e = ps->err;
	if (!e)
		return RK_E_INVAL;
	unsigned line = 1, col = 1;
	for (const char *q = ps->t; q < at; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	e->line = line;
	e->col = col;
	e->offset = (size_t)(at - ps->t);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return RK_E_INVAL;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(struct pstate *ps)
{
	while (is_ws(*ps->p))
		ps->p++;
}

static int is_ident0(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(char c)
{
	return is_ident0(c) || (c >= '0' && c <= '9') || c == '.';
}

/* End of a bare value token: stops at the spec's punctuation and spaces. */
static const char *token_end(const char *p)
{
	for (;; p++) {
		switch (*p) {
		case '\0': case ' ': case '\t': case '\n': case '\r':
		case ',': case '(': case ')': case '[': case ']': case '/':
			return p;
		}
	}
}

/* Shortened copy of a token for messages. */
#define SHOW(s, e) (int)((e) - (s) > 32 ? 32 : (e) - (s)), (s)

/* The closest of n names to [s, e), or NULL. */
static const char *suggest(const char *s, const char *e, const char *const *names, unsigned n,
			   size_t stride)
{
	const char *best = NULL;
	size_t len = (size_t)(e - s);
	unsigned bd = 3;
	for (unsigned i = 0; i < n; i++) {
		const char *name = *(const char *const *)((const char *)names + i * stride);
		unsigned d = rkint_spec_distance(s, len, name);
		if (d < bd && d < len && d < strlen(name)) {
			bd = d;
			best = name;
		}
	}
	return best;
}

/* ---- values ---------------------------------------------------------- */

static int parse_tcpflags(const char *s, const char *e, uint32_t *v)
{
	static const char letters[] = "FSRPAUEC";
	if (s < e && *s >= '0' && *s <= '9')
		return rkint_spec_num(s, e, v);
	if (s == e)
		return -1;
	uint32_t f = 0;
	for (; s < e; s++) {
		char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		const char *at = c ? strchr(letters, c) : NULL;
		if (!at)
			return -1;
		f |= 1u << (at - letters);
	}
	*v = f;
	return 0;
}

static int parse_bool(const char *s, const char *e, uint32_t *v)
{
	size_t n = (size_t)(e - s);
	if ((n == 1 && *s == '1') || (n == 4 && !memcmp(s, "true", 4)) || (n == 3 && !memcmp(s, "yes", 3))) {
		*v = 1;
		return 0;
	}
	if ((n == 1 && *s == '0') || (n == 5 && !memcmp(s, "false", 5)) || (n == 2 && !memcmp(s, "no", 2))) {
		*v = 0;
		return 0;
	}
	return -1;
}

/* One numeric value of a field; on failure, fills the error. */
static int parse_scalar(struct pstate *ps, const struct rkint_spec_proto *pr,
			const struct rkint_spec_field *f, const char *s, const char *e, uint32_t *v)
{
	int rc;
	switch (f->type) {
	case RKINT_FT_BOOL:
		if (parse_bool(s, e, v))
			return fail(ps, s, "bad value '%.*s' for %s in %s (0 or 1)", SHOW(s, e), f->name,
				    pr->name);
		return 0;
	case RKINT_FT_IP4:
		if (rkint_spec_ip4(s, e, v))
			return fail(ps, s, "bad IPv4 address '%.*s' for %s in %s", SHOW(s, e), f->name,
				    pr->name);
		return 0;
	case RKINT_FT_TCPFLAGS:
		rc = parse_tcpflags(s, e, v);
		if (rc == -1)
			return fail(ps, s, "bad tcp flags '%.*s' (letters of FSRPAUEC, or a number)",
				    SHOW(s, e));
		break;
	case RKINT_FT_SPLIT32:
		if (s < e && memchr(s, '.', (size_t)(e - s))) {
			if (rkint_spec_ip4(s, e, v))
				return fail(ps, s, "bad IPv4 address '%.*s' for %s in %s", SHOW(s, e),
					    f->name, pr->name);
			return 0;
		}
		rc = rkint_spec_num(s, e, v);
		break;
	default:
		rc = rkint_spec_num(s, e, v);
		break;
	}
	if (rc == -1)
		return fail(ps, s, "bad number '%.*s' for %s in %s", SHOW(s, e), f->name, pr->name);
	if (rc == -2 || *v > f->max)
		return fail(ps, s, "value %.*s out of range for %s in %s (0-%lu)", SHOW(s, e), f->name,
			    pr->name, (unsigned long)f->max);
	return 0;
}

/* A numeric field, maybe a range lo-hi. */
static int parse_numeric(struct pstate *ps, unsigned li, const struct rkint_spec_proto *pr, unsigned fi,
			 const char *s, const char *e)
{
	const struct rkint_spec_field *f = &pr->field[fi];
	struct rk_spec *sp = ps->s;
	const char *dash = (f->flags & RKINT_F_RANGE) ? memchr(s, '-', (size_t)(e - s)) : NULL;
	uint32_t lo, hi;
	if (s == e)
		return fail(ps, s, "missing value for %s in %s", f->name, pr->name);
	if (parse_scalar(ps, pr, f, s, dash ? dash : e, &lo))
		return RK_E_INVAL;
	if (dash) {
		if (parse_scalar(ps, pr, f, dash + 1, e, &hi))
			return RK_E_INVAL;
		if (hi < lo)
			return fail(ps, s, "range %.*s of %s in %s goes down", SHOW(s, e), f->name, pr->name);
		if (hi > lo) {
			if (sp->nranges >= RK_SPEC_MAX_RANGES)
				return fail(ps, s, "too many ranges (at most %d)", RK_SPEC_MAX_RANGES);
			uint64_t count = sp->count * ((uint64_t)hi - lo + 1);
			if (count > RK_SPEC_MAX_COUNT)
				return fail(ps, s, "the ranges make more than %lu packets",
					    (unsigned long)RK_SPEC_MAX_COUNT);
			sp->count = count;
			struct rk_spec_range *r = &sp->range[sp->nranges++];
			r->layer = (uint8_t)li;
			r->field = (uint8_t)fi;
			r->lo = lo;
			r->hi = hi;
		}
	}
	rkint_spec_store(f, &sp->layer[li].h, lo);
	return 0;
}

/* ARP and cooked-capture addresses: MAC, IPv4, IPv6 or hex:. */
static int parse_addr(struct pstate *ps, const struct rkint_spec_proto *pr,
		      const struct rkint_spec_field *f, union rk_spec_hdr *h, const char *s, const char *e)
{
	uint8_t *m = (uint8_t *)h + f->off;
	uint8_t tmp[16];
	uint32_t v4;
	memset(m, 0, f->width);
	if (e - s >= 4 && !memcmp(s, "hex:", 4)) {
		const char *bad;
		long n = rkint_spec_hex(s + 4, e, m, f->width, &bad);
		if (n == -3)
			return fail(ps, bad, "%s in %s takes at most %u bytes", f->name, pr->name, f->width);
		if (n < 0)
			return fail(ps, bad, n == -2 ? "odd number of hex digits" : "bad hex digit");
		return 0;
	}
	if (rkint_spec_mac(s, e, tmp) == 0) {
		memcpy(m, tmp, 6);
		return 0;
	}
	if (rkint_spec_ip4(s, e, &v4) == 0) {
		rk_put_be32(m, v4);
		return 0;
	}
	if (rkint_spec_ip6(s, e, tmp) == 0) {
		if (f->width < 16)
			return fail(ps, s, "%s in %s takes at most %u bytes", f->name, pr->name, f->width);
		memcpy(m, tmp, 16);
		return 0;
	}
	return fail(ps, s, "bad address '%.*s' for %s in %s (a MAC, IPv4 or IPv6 address, or hex:...)",
		    SHOW(s, e), f->name, pr->name);
}

/* Option bytes into the pool. */
static int pool_put(struct pstate *ps, struct rk_spec_layer *l, const uint8_t *b, size_t n,
		    const char *at)
{
	struct rk_spec *sp = ps->s;
	if (n > sizeof(sp->pool) - sp->pool_len)
		return fail(ps, at, "options too long: a spec holds at most %d bytes of them",
			    RK_SPEC_POOL_SIZE);
	memcpy(sp->pool + sp->pool_len, b, n);
	l->pool_off = sp->pool_len;
	l->pool_len = (uint16_t)n;
	sp->pool_len = (uint16_t)(sp->pool_len + n);
	return 0;
}

static int parse_hexfield(struct pstate *ps, const struct rkint_spec_proto *pr,
			  const struct rkint_spec_field *f, struct rk_spec_layer *l, const char *s,
			  const char *e, size_t max)
{
	uint8_t buf[RK_SPEC_POOL_SIZE];
	const char *bad;
	if (e - s < 4 || memcmp(s, "hex:", 4) != 0)
		return fail(ps, s, "%s in %s is hex:... bytes", f->name, pr->name);
	long n = rkint_spec_hex(s + 4, e, buf, max, &bad);
	if (n == -3)
		return fail(ps, bad, "%s in %s: more than %lu bytes", f->name, pr->name, (unsigned long)max);
	if (n < 0)
		return fail(ps, bad, n == -2 ? "odd number of hex digits" : "bad hex digit");
	return pool_put(ps, l, buf, (size_t)n, s);
}

static int parse_tcpopts(struct pstate *ps, struct rk_spec_layer *l)
{
	uint8_t buf[RK_TCP_OPTS_MAX];
	struct rk_wr wr;
	const char *s = ps->p;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close)
			return fail(ps, s, "missing ']' to close the tcp option list");
		rk_wr_init(&wr, buf, sizeof(buf));
		const char *bad;
		char msg[RK_SPEC_MSG_SIZE];
		if (rkint_spec_tcpopts_parse(s + 1, close, &wr, &bad, msg, sizeof(msg)))
			return fail(ps, bad, "%s", msg);
		ps->p = close + 1;
		return pool_put(ps, l, buf, rk_wr_len(&wr), s);
	}
	const char *e = token_end(s);
	if (e - s >= 4 && !memcmp(s, "hex:", 4)) {
		const char *bad;
		long n = rkint_spec_hex(s + 4, e, buf, sizeof(buf), &bad);
		if (n == -3)
			return fail(ps, bad, "tcp options longer than %d bytes", RK_TCP_OPTS_MAX);
		if (n < 0)
			return fail(ps, bad, n == -2 ? "odd number of hex digits" : "bad hex digit");
		ps->p = e;
		return pool_put(ps, l, buf, (size_t)n, s);
	}
	return fail(ps, s, "tcp opts are a list [mss:1460,sackok,...] or hex:...");
}

static int parse_value(struct pstate *ps, unsigned li, const struct rkint_spec_proto *pr, unsigned fi)
{
	const struct rkint_spec_field *f = &pr->field[fi];
	struct rk_spec_layer *l = &ps->s->layer[li];
	const char *s = ps->p;
	const char *e = token_end(s);
	int rc;

	if (f->type == RKINT_FT_TCPOPTS)
		return parse_tcpopts(ps, l);
	if (s == e)
		return fail(ps, s, "missing value for %s in %s", f->name, pr->name);
	switch (f->type) {
	case RKINT_FT_IP6: {
		uint8_t *m = (uint8_t *)&l->h + f->off;
		rc = rkint_spec_ip6(s, e, m) ? fail(ps, s, "bad IPv6 address '%.*s' for %s in %s",
						    SHOW(s, e), f->name, pr->name) : 0;
		break;
	}
	case RKINT_FT_MAC: {
		uint8_t *m = (uint8_t *)&l->h + f->off;
		rc = rkint_spec_mac(s, e, m) ? fail(ps, s, "bad MAC address '%.*s' for %s in %s "
						    "(aa:bb:cc:dd:ee:ff)", SHOW(s, e), f->name,
						    pr->name) : 0;
		break;
	}
	case RKINT_FT_ADDR:
		rc = parse_addr(ps, pr, f, &l->h, s, e);
		break;
	case RKINT_FT_HEX:
		rc = parse_hexfield(ps, pr, f, l, s, e,
				    pr->kind == RK_LAYER_IPV4 ? RK_IPV4_OPTS_MAX : RK_SPEC_POOL_SIZE);
		break;
	default:
		rc = parse_numeric(ps, li, pr, fi, s, e);
		break;
	}
	ps->p = e;
	return rc;
}

/* ---- layers and payloads --------------------------------------------- */

static const char *const payload_forms[] = { "hex", "zero" };

static struct rk_spec_layer *new_layer(struct pstate *ps, const char *at)
{
	struct rk_spec *sp = ps->s;
	if (sp->n >= RK_SPEC_MAX_LAYERS) {
		fail(ps, at, "too many layers (at most %d, payloads included)", RK_SPEC_MAX_LAYERS);
		return NULL;
	}
	struct rk_spec_layer *l = &sp->layer[sp->n];
	memset(l, 0, sizeof(*l));
	return l;
}

static int parse_string(struct pstate *ps)
{
	const char *open = ps->p;
	char q = *open;
	const char *p = open + 1;
	while (*p && *p != q) {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	if (!*p)
		return fail(ps, open, "unterminated string (no closing %c)", q);
	const char *bad;
	long n = rkint_spec_unescape(open + 1, p, NULL, &bad);
	if (n < 0)
		return fail(ps, bad, "bad escape in string (\\\\ \\\" \\' \\n \\r \\t \\xHH \\ooo ...)");
	if (n > 0xffff)
		return fail(ps, open, "payload longer than 65535 bytes");
	struct rk_spec_layer *l = new_layer(ps, open);
	if (!l)
		return RK_E_INVAL;
	l->kind = RK_LAYER_PAYLOAD;
	l->form = RK_SPEC_DATA_STR;
	l->text_off = (uint32_t)(open + 1 - ps->t);
	l->text_len = (uint32_t)(p - open - 1);
	l->data_len = (uint32_t)n;
	ps->s->n++;
	ps->p = p + 1;
	return 0;
}

/* hex:... or zero:N; [s, ps->p) is the word before the ':' */
static int parse_payload_word(struct pstate *ps, const char *s)
{
	const char *v = ps->p + 1; /* after ':' */
	const char *e = token_end(v);
	struct rk_spec_layer *l = new_layer(ps, s);
	if (!l)
		return RK_E_INVAL;
	l->kind = RK_LAYER_PAYLOAD;
	if (*s == 'h') {
		const char *bad;
		long n = rkint_spec_hex(v, e, NULL, 0xffff, &bad);
		if (n == -3)
			return fail(ps, s, "payload longer than 65535 bytes");
		if (n < 0)
			return fail(ps, bad, n == -2 ? "odd number of hex digits" : "bad hex digit");
		l->form = RK_SPEC_DATA_HEX;
		l->text_off = (uint32_t)(v - ps->t);
		l->text_len = (uint32_t)(e - v);
		l->data_len = (uint32_t)n;
	} else {
		uint32_t n;
		int rc = rkint_spec_num(v, e, &n);
		if (rc || n > 0xffff)
			return fail(ps, v, "zero: takes a byte count, 0-65535");
		l->form = RK_SPEC_DATA_ZERO;
		l->data_len = n;
	}
	ps->s->n++;
	ps->p = e;
	return 0;
}

static int parse_fields(struct pstate *ps, unsigned li, const struct rkint_spec_proto *pr)
{
	const char *open = ps->p;
	struct rk_spec_layer *l = &ps->s->layer[li];
	ps->p++; /* '(' */
	skip_ws(ps);
	if (*ps->p == ')') {
		ps->p++;
		return 0;
	}
	for (;;) {
		skip_ws(ps);
		const char *ns = ps->p;
		if (!is_ident0(*ns)) {
			if (!*ns)
				return fail(ps, open, "missing ')' to close %s(", pr->name);
			return fail(ps, ns, "expected a field name in %s", pr->name);
		}
		while (is_ident(*ps->p))
			ps->p++;
		const char *ne = ps->p;
		int fi = rkint_spec_field_find(pr, ns, (size_t)(ne - ns));
		if (fi < 0) {
			const char *best = suggest(ns, ne, &pr->field[0].name, pr->nfields, sizeof(pr->field[0]));
			if (best)
				return fail(ps, ns, "unknown field '%.*s' in %s (did you mean '%s'?)", SHOW(ns, ne),
					    pr->name, best);
			return fail(ps, ns, "unknown field '%.*s' in %s", SHOW(ns, ne), pr->name);
		}
		const struct rkint_spec_field *f = &pr->field[fi];
		if (l->given & (1u << fi))
			return fail(ps, ns, "field '%s' given twice in %s", f->name, pr->name);
		skip_ws(ps);
		if (*ps->p != '=')
			return fail(ps, ps->p, "expected '=' after '%s'", f->name);
		ps->p++;
		skip_ws(ps);
		if (parse_value(ps, li, pr, (unsigned)fi))
			return RK_E_INVAL;
		l->given |= 1u << fi;
		if (f->setbit && pr->set_off != RKINT_NO_SET) {
			unsigned set;
			memcpy(&set, (char *)&l->h + pr->set_off, sizeof(set));
			set |= f->setbit;
			memcpy((char *)&l->h + pr->set_off, &set, sizeof(set));
		}
		skip_ws(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == ')') {
			ps->p++;
			return 0;
		}
		if (!*ps->p)
			return fail(ps, open, "missing ')' to close %s(", pr->name);
		return fail(ps, ps->p, "expected ',' or ')' after the value of %s", f->name);
	}
}

static int parse_element(struct pstate *ps)
{
	const char *s = ps->p;
	if (*s == '"' || *s == '\'')
		return parse_string(ps);
	if (!is_ident0(*s))
		return fail(ps, s, "expected a layer (ipv4, tcp, ...) or a payload (\"...\", hex:..., zero:N)");
	while (is_ident(*ps->p))
		ps->p++;
	size_t n = (size_t)(ps->p - s);
	if (*ps->p == ':') {
		if ((n == 3 && !memcmp(s, "hex", 3)) || (n == 4 && !memcmp(s, "zero", 4)))
			return parse_payload_word(ps, s);
		const char *best = suggest(s, ps->p, payload_forms, 2, sizeof(payload_forms[0]));
		if (best)
			return fail(ps, s, "unknown payload '%.*s:' (did you mean '%s:'?)", SHOW(s, ps->p), best);
		return fail(ps, s, "unknown payload '%.*s:' (hex:..., zero:N or a quoted string)",
			    SHOW(s, ps->p));
	}
	const struct rkint_spec_proto *pr = rkint_spec_proto_find(s, n);
	if (!pr) {
		const char *best = suggest(s, ps->p, &rkint_spec_protos[0].name, rkint_spec_nprotos,
					   sizeof(rkint_spec_protos[0]));
		if (best)
			return fail(ps, s, "unknown layer '%.*s' (did you mean '%s'?)", SHOW(s, ps->p), best);
		return fail(ps, s, "unknown layer '%.*s' (payloads are \"quoted\", hex:... or zero:N)",
			    SHOW(s, ps->p));
	}
	struct rk_spec_layer *l = new_layer(ps, s);
	if (!l)
		return RK_E_INVAL;
	unsigned li = ps->s->n;
	l->kind = pr->kind;
	pr->init(&l->h);
	skip_ws(ps);
	if (*ps->p == '(') {
		if (parse_fields(ps, li, pr))
			return RK_E_INVAL;
	} else if (*ps->p && *ps->p != '/') {
		return fail(ps, ps->p, "expected '(' or '/' after %s", pr->name);
	}
	ps->s->n++;
	return 0;
}

RK_API int rk_spec_parse(struct rk_spec *spec, const char *text, const struct rk_spec_env *env,
			 struct rk_spec_error *err)
{
	struct pstate ps = { .t = text, .p = text, .s = spec, .err = err };
	if (err) {
		err->line = err->col = 0;
		err->offset = 0;
		err->msg[0] = '\0';
	}
	if (!spec || !text)
		return RK_E_INVAL;
	spec->text = text;
	spec->text_len = strlen(text);
	if (env)
		spec->env = *env;
	else
		memset(&spec->env, 0, sizeof(spec->env));
	spec->n = 0;
	spec->nranges = 0;
	spec->count = 1;
	spec->pool_len = 0;

	skip_ws(&ps);
	if (!*ps.p)
		return fail(&ps, ps.p, "empty spec");
	for (;;) {
		int rc = parse_element(&ps);
		if (rc) {
			spec->n = 0;
			return rc;
		}
		skip_ws(&ps);
		if (!*ps.p)
			return RK_OK;
		if (*ps.p != '/') {
			spec->n = 0;
			return fail(&ps, ps.p, "expected '/' between layers");
		}
		ps.p++;
		skip_ws(&ps);
		if (!*ps.p) {
			spec->n = 0;
			return fail(&ps, ps.p, "expected a layer or payload after '/'");
		}
	}
}
