/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spec_int.h - what the spec files share: the table of layers and their
 * fields (spec_tab.c), value syntax helpers (spec_value.c), TCP option
 * lists (spec_tcpopt.c). The parser (spec_parse.c), the builder glue
 * (spec_build.c) and the printer (spec_format.c) are driven by the table.
 */
#ifndef RAWKIT_SPEC_INT_H
#define RAWKIT_SPEC_INT_H

#include <stddef.h>
#include <stdint.h>
#include "rawkit/spec.h"
#include "rawkit/wr.h"

/* Field value syntaxes. */
enum rkint_ft {
	RKINT_FT_UINT,     /* unsigned integer member of `width` bytes (1, 2, 4) */
	RKINT_FT_BOOL,     /* bool member: 0/1, true/false, yes/no */
	RKINT_FT_IP4,      /* uint32_t host order: dotted quad */
	RKINT_FT_IP6,      /* uint8_t[16]: RFC 4291 text */
	RKINT_FT_MAC,      /* uint8_t[6]: aa:bb:cc:dd:ee:ff */
	RKINT_FT_ADDR,     /* uint8_t[width]: a MAC, IPv4, IPv6 or hex: bytes */
	RKINT_FT_TCPFLAGS, /* uint8_t: letters FSRPAUEC or a number */
	RKINT_FT_HEX,      /* option bytes (hex:...) kept in the spec's pool */
	RKINT_FT_TCPOPTS,  /* [mss:1460,sackok,...] or hex: raw bytes, in the pool */
	RKINT_FT_SPLIT32,  /* 32-bit value (number or dotted quad) into the
			      uint16_t id (high half) and seq (low half) members */
	RKINT_FT_PTR8,     /* ICMP parameter problem pointer: id = value << 8 */
};

#define RKINT_F_RANGE 0x1u  /* a range a-b is accepted */
#define RKINT_F_ALIAS 0x2u  /* another name of a field listed before it */

struct rkint_spec_field {
	const char *name;
	uint8_t type;      /* enum rkint_ft */
	uint8_t width;     /* RKINT_FT_UINT: member bytes; RKINT_FT_ADDR: array bytes */
	uint8_t flags;     /* RKINT_F_* */
	uint16_t off;      /* offset of the member in union rk_spec_hdr */
	uint16_t setbit;   /* OR'd into the header's set mask when given */
	uint32_t max;      /* largest value accepted (numbers) */
};

#define RKINT_NO_SET 0xffffu

struct rkint_spec_proto {
	const char *name;  /* as written in specs (aliases have their own entry) */
	uint8_t kind;      /* enum rk_layer_kind */
	uint8_t nfields;
	uint16_t set_off;  /* offset of the header's set mask, or RKINT_NO_SET */
	const struct rkint_spec_field *field;
	void (*init)(union rk_spec_hdr *h);
};

/* Field indices the builder glue and the printer refer to (each layer's
   table in spec_tab.c lists its fields in this order). */
enum { RKINT_ETH_DST, RKINT_ETH_SRC, RKINT_ETH_TYPE };
enum { RKINT_ARP_OP, RKINT_ARP_SHA, RKINT_ARP_SPA, RKINT_ARP_THA, RKINT_ARP_TPA };
enum { RKINT_IPV4_SRC, RKINT_IPV4_DST, RKINT_IPV4_TTL, RKINT_IPV4_ID };
enum { RKINT_IPV6_SRC, RKINT_IPV6_DST };
enum { RKINT_TCP_SPORT, RKINT_TCP_DPORT, RKINT_TCP_FLAGS, RKINT_TCP_SEQ };
enum { RKINT_UDP_SPORT, RKINT_UDP_DPORT };

extern const struct rkint_spec_proto rkint_spec_protos[];
extern const unsigned rkint_spec_nprotos;

/* The entry named name[0..len), NULL when none. */
const struct rkint_spec_proto *rkint_spec_proto_find(const char *name, size_t len);
/* The canonical entry of a layer kind (its printed name), NULL when none. */
const struct rkint_spec_proto *rkint_spec_proto_of(int kind);
/* Index of the field named name[0..len) in p, -1 when none. */
int rkint_spec_field_find(const struct rkint_spec_proto *p, const char *name, size_t len);

/* Store a numeric value (RKINT_FT_UINT, _BOOL, _IP4, _TCPFLAGS, _SPLIT32,
   _PTR8) into its member. */
void rkint_spec_store(const struct rkint_spec_field *f, union rk_spec_hdr *h, uint32_t v);

/* ---- value syntax (spec_value.c); each parses exactly [s, e) ---- */

/* Decimal or 0x hex. 0, or -1 (not a number) / -2 (over 2^32 - 1). */
int rkint_spec_num(const char *s, const char *e, uint32_t *v);
/* Dotted quad, host order. 0 or -1. */
int rkint_spec_ip4(const char *s, const char *e, uint32_t *v);
int rkint_spec_ip6(const char *s, const char *e, uint8_t out[16]);
int rkint_spec_mac(const char *s, const char *e, uint8_t out[6]);
/* Hex digit pairs into out (cap bytes; out may be NULL to count). Returns
   the byte count, or with *bad at the offending character: -1 a character
   that is not a hex digit, -2 an odd number of digits (*bad = e), -3 more
   than cap bytes. */
long rkint_spec_hex(const char *s, const char *e, uint8_t *out, size_t cap, const char **bad);
/* A quoted string's body [s, e) with C escapes (\\ \" \' \a \b \f \n \r \t
   \v \xHH \ooo), decoded into out (NULL to count). Returns the byte count,
   or -1 with *bad at the backslash of a bad escape. */
long rkint_spec_unescape(const char *s, const char *e, uint8_t *out, const char **bad);
/* Edit distance (optimal string alignment) between a[0..alen) and b,
   capped at 9. */
unsigned rkint_spec_distance(const char *a, size_t alen, const char *b);

/* ---- TCP option lists (spec_tcpopt.c) ---- */

/* Parse the list body between '[' and ']' into wr. Returns 0, or -1 with
   *bad at the offending character and msg filled. */
int rkint_spec_tcpopts_parse(const char *s, const char *e, struct rk_wr *wr, const char **bad,
			     char *msg, size_t msg_cap);

/* A tiny text writer for the printer: keeps the first error. */
struct rkint_out {
	char *buf;
	size_t cap, len;
	int err;
};
void rkint_out_str(struct rkint_out *o, const char *s);
void rkint_out_fmt(struct rkint_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rkint_out_hex(struct rkint_out *o, const uint8_t *p, size_t n);

/* Print TCP option bytes as a list "[...]" reproducing them once padded to
   4 with zeros, or as "hex:..." when no list would. */
void rkint_spec_tcpopts_print(struct rkint_out *o, const uint8_t *p, size_t n);

#endif
