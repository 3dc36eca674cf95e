/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_decode_trunc.c - every vector cut at every length from 0 to its
 * caplen, decoded from a heap copy of exactly that many bytes (so ASan
 * catches any read past caplen): no crash, the layers are a prefix of the
 * full decode, and the cut is marked (a truncated last layer, or a payload
 * with fewer bytes captured). Then a deterministic mutation loop over the
 * same vectors and every link type checks the structural invariants of
 * struct rk_pkt on arbitrary input.
 *
 * The vectors are made with the layered builder, one or more per link type
 * and per decoder path (options, extension headers, tunnels, quotations).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/rawkit.h"
#include "testlib.h"

#define MAXV 32
#define VLEN 512

struct vec {
	const char *name;
	int linktype;
	size_t len;
	uint8_t b[VLEN];
};

static struct vec vecs[MAXV];
static unsigned nvec;

static const uint8_t a6_src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const uint8_t a6_dst[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};

static struct rk_build *vec_start(struct rk_build *b, const char *name, int linktype)
{
	struct vec *v = &vecs[nvec];
	v->name = name;
	v->linktype = linktype;
	rk_build_init(b, v->b, sizeof v->b);
	return b;
}

static void vec_end(struct rk_build *b)
{
	int len = rk_build_finish(b);
	CHECK(len > 0);
	if (len > 0 && nvec < MAXV)
		vecs[nvec++].len = (size_t)len;
}

static void eth(struct rk_build *b)
{
	struct rk_eth_hdr h = {.dst = {2, 0, 0, 0, 0, 2}, .src = {2, 0, 0, 0, 0, 1}};
	CHECK_EQ(rk_build_eth(b, &h), RK_OK);
}

static void ip4(struct rk_build *b, bool opts)
{
	static const uint8_t o[] = {0x07, 0x07, 0x04, 0, 0, 0, 0}; /* record route */
	struct rk_ipv4_hdr h;
	rk_ipv4_init(&h);
	h.src = 0xc6120001u;
	h.dst = 0xc6120002u;
	if (opts) {
		h.opts = o;
		h.opts_len = sizeof o;
	}
	CHECK_EQ(rk_build_ipv4(b, &h), RK_OK);
}

static void ip6(struct rk_build *b)
{
	struct rk_ipv6_hdr h;
	rk_ipv6_init(&h);
	memcpy(h.src, a6_src, 16);
	memcpy(h.dst, a6_dst, 16);
	CHECK_EQ(rk_build_ipv6(b, &h), RK_OK);
}

static void tcp(struct rk_build *b)
{
	uint8_t o[40];
	struct rk_wr w;
	rk_wr_init(&w, o, sizeof o);
	rk_tcpopt_mss(&w, 1460);
	rk_tcpopt_sackok(&w);
	rk_tcpopt_ts(&w, 11, 22);
	rk_tcpopt_nop(&w);
	rk_tcpopt_wscale(&w, 7);
	static const uint32_t blk[1][2] = {{5, 9}};
	rk_tcpopt_sack(&w, blk, 1);
	rk_tcpopt_eol(&w);
	struct rk_tcp_hdr h;
	rk_tcp_init(&h);
	h.sport = 40000;
	h.dport = 80;
	h.opts = o;
	h.opts_len = rk_wr_len(&w);
	CHECK_EQ(rk_build_tcp(b, &h), RK_OK);
}

static void udp(struct rk_build *b)
{
	struct rk_udp_hdr h = {.sport = 53, .dport = 53};
	CHECK_EQ(rk_build_udp(b, &h), RK_OK);
}

static void make_vectors(void)
{
	struct rk_build b;

	vec_start(&b, "eth/ipv4+opts/tcp+opts/payload", RK_DLT_EN10MB);
	eth(&b);
	ip4(&b, true);
	tcp(&b);
	CHECK_EQ(rk_build_payload(&b, "hello", 5), RK_OK);
	vec_end(&b);

	vec_start(&b, "eth/vlan/vlan/ipv6/udp/payload", RK_DLT_EN10MB);
	eth(&b);
	struct rk_vlan_hdr v1 = {.vid = 10, .tpid = RK_ETHERTYPE_QINQ}, v2 = {.vid = 20};
	CHECK_EQ(rk_build_vlan(&b, &v1), RK_OK);
	CHECK_EQ(rk_build_vlan(&b, &v2), RK_OK);
	ip6(&b);
	udp(&b);
	CHECK_EQ(rk_build_zero(&b, 10), RK_OK);
	vec_end(&b);

	vec_start(&b, "eth/arp+padding", RK_DLT_EN10MB);
	eth(&b);
	struct rk_arp_hdr ah;
	rk_arp_init(&ah);
	CHECK_EQ(rk_build_arp(&b, &ah), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 18), RK_OK);
	vec_end(&b);

	vec_start(&b, "eth/ipv4/udp+padding", RK_DLT_EN10MB);
	eth(&b);
	ip4(&b, false);
	udp(&b);
	CHECK_EQ(rk_build_zero(&b, 2), RK_OK);
	vec_end(&b);
	if (nvec) { /* pad the frame to 60 after the datagram was finished */
		struct vec *v = &vecs[nvec - 1];
		memset(v->b + v->len, 0, 60 - v->len);
		v->len = 60;
	}

	vec_start(&b, "sll/ipv4/icmp echo/payload", RK_DLT_LINUX_SLL);
	struct rk_sll_hdr sh = {.hatype = 1, .halen = 6};
	CHECK_EQ(rk_build_sll(&b, &sh), RK_OK);
	ip4(&b, false);
	struct rk_icmp_hdr echo = {.type = RK_ICMP_ECHO, .id = 1, .seq = 2};
	CHECK_EQ(rk_build_icmp(&b, &echo), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 16), RK_OK);
	vec_end(&b);

	vec_start(&b, "sll2/ipv6/hop/route/dst/frag/tcp", RK_DLT_LINUX_SLL2);
	struct rk_sll2_hdr s2 = {.ifindex = 2, .hatype = 1, .halen = 6};
	CHECK_EQ(rk_build_sll2(&b, &s2), RK_OK);
	ip6(&b);
	static const uint8_t hopopt[] = {0x05, 0x02, 0, 0};
	struct rk_ipv6_opts_hdr hop = {.opts = hopopt, .opts_len = sizeof hopopt};
	CHECK_EQ(rk_build_ipv6_opts(&b, RK_LAYER_IPV6_HOP, &hop), RK_OK);
	uint8_t rdata[36] = {0};
	memcpy(rdata + 20, a6_dst, 16);
	struct rk_ipv6_route_hdr rt = {.rtype = 0, .segleft = 1, .data = rdata, .data_len = sizeof rdata};
	CHECK_EQ(rk_build_ipv6_route(&b, &rt), RK_OK);
	struct rk_ipv6_opts_hdr dst = {0};
	CHECK_EQ(rk_build_ipv6_opts(&b, RK_LAYER_IPV6_DST, &dst), RK_OK);
	struct rk_ipv6_frag_hdr fr = {.id = 5};
	CHECK_EQ(rk_build_ipv6_frag(&b, &fr), RK_OK);
	tcp(&b);
	vec_end(&b);

	vec_start(&b, "null/ipv4/ipv6/udp (IP-in-IP)", RK_DLT_NULL);
	struct rk_null_hdr nh = {0};
	CHECK_EQ(rk_build_null(&b, &nh), RK_OK);
	ip4(&b, false);
	ip6(&b);
	udp(&b);
	CHECK_EQ(rk_build_zero(&b, 4), RK_OK);
	vec_end(&b);

	vec_start(&b, "loop/ipv6/icmpv6 echo", RK_DLT_LOOP);
	struct rk_null_hdr lh = {.loop = true};
	CHECK_EQ(rk_build_null(&b, &lh), RK_OK);
	ip6(&b);
	struct rk_icmp6_hdr e6 = {.type = RK_ICMP6_ECHO_REQUEST, .id = 7, .seq = 8};
	CHECK_EQ(rk_build_icmp6(&b, &e6), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 8), RK_OK);
	vec_end(&b);

	/* An ICMP error quoting IPv4 + TCP (28 bytes), raw. */
	uint8_t dg[128];
	struct rk_build q;
	rk_build_init(&q, dg, sizeof dg);
	ip4(&q, false);
	tcp(&q);
	int dlen = rk_build_finish(&q);
	CHECK(dlen > 0);
	vec_start(&b, "raw/ipv4/icmp unreach/inner ipv4/inner tcp", RK_DLT_RAW);
	ip4(&b, false);
	struct rk_icmp_hdr un = {.type = RK_ICMP_UNREACH, .code = 3};
	CHECK_EQ(rk_build_icmp(&b, &un), RK_OK);
	CHECK_EQ(rk_build_payload(&b, dg, rk_icmp_quote_len(dg, (size_t)dlen)), RK_OK);
	vec_end(&b);

	/* ICMPv6 time exceeded quoting a whole IPv6 + UDP packet. */
	rk_build_init(&q, dg, sizeof dg);
	ip6(&q);
	udp(&q);
	CHECK_EQ(rk_build_zero(&q, 12), RK_OK);
	dlen = rk_build_finish(&q);
	CHECK(dlen > 0);
	vec_start(&b, "ipv6/icmpv6 timxceed/inner ipv6/inner udp", RK_DLT_IPV6);
	ip6(&b);
	struct rk_icmp6_hdr te = {.type = RK_ICMP6_TIME_EXCEEDED};
	CHECK_EQ(rk_build_icmp6(&b, &te), RK_OK);
	CHECK_EQ(rk_build_payload(&b, dg, (size_t)dlen), RK_OK);
	vec_end(&b);

	vec_start(&b, "ipv4/icmp tstamp", RK_DLT_IPV4);
	ip4(&b, false);
	struct rk_icmp_hdr ts = {.type = RK_ICMP_TSTAMP, .otime = 1};
	CHECK_EQ(rk_build_icmp(&b, &ts), RK_OK);
	vec_end(&b);

	vec_start(&b, "raw101/ipv4 first fragment/udp", RK_LINKTYPE_RAW);
	struct rk_ipv4_hdr fh;
	rk_ipv4_init(&fh);
	fh.mf = true;
	CHECK_EQ(rk_build_ipv4(&b, &fh), RK_OK);
	struct rk_udp_hdr bigu = {.len = 1000, .set = RK_UDP_SET_LEN};
	CHECK_EQ(rk_build_udp(&b, &bigu), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 24), RK_OK);
	vec_end(&b);

	vec_start(&b, "eth/802.3", RK_DLT_EN10MB);
	struct rk_eth_hdr e3 = {.type = 20, .set = RK_ETH_SET_TYPE};
	CHECK_EQ(rk_build_eth(&b, &e3), RK_OK);
	CHECK_EQ(rk_build_zero(&b, 46), RK_OK);
	vec_end(&b);

	/* Malformed vectors: cutting them must give truncation, not a crash. */
	vec_start(&b, "ipv4 total length < ihl*4", RK_DLT_IPV4);
	struct rk_ipv4_hdr bad;
	rk_ipv4_init(&bad);
	bad.len = 12;
	bad.set = RK_IPV4_SET_LEN;
	CHECK_EQ(rk_build_ipv4(&b, &bad), RK_OK);
	udp(&b);
	vec_end(&b);

	vec_start(&b, "tcp doff past datagram", RK_DLT_IPV4);
	ip4(&b, false);
	struct rk_tcp_hdr bt;
	rk_tcp_init(&bt);
	bt.doff = 15;
	bt.set = RK_TCP_SET_DOFF;
	CHECK_EQ(rk_build_tcp(&b, &bt), RK_OK);
	vec_end(&b);
}

/* Structural invariants that hold for any input. */
static void check_invariants(const struct rk_pkt *p, uint32_t caplen, const char *what)
{
	int bad = test_failures;
	CHECK(p->n >= 1 && p->n <= RK_PKT_MAX_LAYERS);
	uint32_t prev = 0;
	bool inner = false;
	for (unsigned i = 0; i < p->n; i++) {
		const struct rk_layer *l = &p->layer[i];
		bool last = i + 1 == p->n;
		CHECK(l->kind > RK_LAYER_NONE && l->kind < RK_LAYER_KIND_COUNT);
		CHECK(l->offset >= prev);
		prev = l->offset;
		CHECK(l->offset <= caplen);
		CHECK(l->cap_len <= caplen - l->offset);
		CHECK(l->cap_len <= l->hdr_len);
		if (!last)
			CHECK_EQ(l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED), 0);
		CHECK((l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) !=
		      (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED));
		if (inner)
			CHECK(l->flags & RK_LAYER_INNER);
		inner = l->flags & RK_LAYER_INNER;
		if (inner) {
			CHECK(l->kind != RK_LAYER_PAYLOAD);
			CHECK(!(l->flags & RK_LAYER_MALFORMED));
		}
		if (l->kind != RK_LAYER_PAYLOAD && !(l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)))
			CHECK_EQ(l->cap_len, l->hdr_len);
		if ((l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) && l->csum_ok != RK_CSUM_NONE)
			CHECK_EQ(l->csum_ok, RK_CSUM_UNKNOWN);
		if (l->kind == RK_LAYER_PAYLOAD) {
			CHECK(last);
			CHECK(l->h.payload.caplen <= l->h.payload.len);
			CHECK_EQ(l->cap_len, l->h.payload.caplen);
			CHECK_EQ(l->flags, 0);
		}
	}
	const struct rk_layer *last = &p->layer[p->n - 1];
	CHECK_EQ(p->error != NULL, (last->flags & RK_LAYER_MALFORMED) != 0);
	if (test_failures != bad)
		fprintf(stderr, "  in %s, caplen %u\n", what, caplen);
}

/* Decode caplen bytes of v from a heap copy of exactly that size. */
static int decode_cut(const uint8_t *v, uint32_t caplen, uint32_t wire, int linktype, struct rk_pkt *p)
{
	uint8_t *copy = malloc(caplen ? caplen : 1);
	if (!copy)
		abort();
	memcpy(copy, v, caplen);
	int rc = rk_decode(copy, caplen, wire, linktype, p);
	free(copy);
	p->data = NULL; /* the copy is gone; nothing below reads through it */
	return rc;
}


/* A digest of n bytes, to compare address fields as numbers. */
static uint64_t bytes_val(const uint8_t *b, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211u;
	return h;
}

/*
 * The fields of a decoded header with the offset where each one's bytes end
 * (in header order), so that a cut decode can be compared with the full one
 * field by field: a formatter prints exactly the fields within cap_len.
 */
static unsigned fields_of(const struct rk_layer *l, uint64_t *v, uint32_t *end)
{
	unsigned n = 0;
#define F(e, x) (end[n] = (e), v[n++] = (uint64_t)(x))
	switch (l->kind) {
	case RK_LAYER_ETH:
		F(6, bytes_val(l->h.eth.dst, 6)); F(12, bytes_val(l->h.eth.src, 6)); F(14, l->h.eth.type);
		break;
	case RK_LAYER_VLAN:
		F(2, l->h.vlan.pcp << 13 | l->h.vlan.dei << 12 | l->h.vlan.vid); F(4, l->h.vlan.type);
		break;
	case RK_LAYER_SLL:
		F(2, l->h.sll.pkttype); F(4, l->h.sll.hatype); F(6, l->h.sll.halen);
		F(14, bytes_val(l->h.sll.addr, 8)); F(16, l->h.sll.type);
		break;
	case RK_LAYER_SLL2:
		F(2, l->h.sll2.type); F(4, l->h.sll2.reserved); F(8, l->h.sll2.ifindex);
		F(10, l->h.sll2.hatype); F(11, l->h.sll2.pkttype); F(12, l->h.sll2.halen);
		F(20, bytes_val(l->h.sll2.addr, 8));
		break;
	case RK_LAYER_NULL:
		F(4, l->h.null.family);
		break;
	case RK_LAYER_ARP: {
		const struct rk_arp_hdr *a = &l->h.arp;
		size_t hl = a->hlen < RK_ARP_ADDR_MAX ? a->hlen : RK_ARP_ADDR_MAX;
		size_t pl = a->plen < RK_ARP_ADDR_MAX ? a->plen : RK_ARP_ADDR_MAX;
		F(2, a->htype); F(4, a->ptype); F(5, a->hlen); F(6, a->plen); F(8, a->op);
		F(8u + a->hlen, bytes_val(a->sha, hl)); F(8u + a->hlen + a->plen, bytes_val(a->spa, pl));
		F(8u + 2u * a->hlen + a->plen, bytes_val(a->tha, hl));
		F(8u + 2u * (a->hlen + a->plen), bytes_val(a->tpa, pl));
		break;
	}
	case RK_LAYER_IPV4: {
		const struct rk_ipv4_hdr *h = &l->h.ipv4;
		F(1, h->version << 4 | h->ihl); F(2, h->tos); F(4, h->len); F(6, h->id);
		F(8, h->rf << 15 | h->df << 14 | h->mf << 13 | h->frag); F(9, h->ttl); F(10, h->proto);
		F(12, h->csum); F(16, h->src); F(20, h->dst);
		break;
	}
	case RK_LAYER_IPV6: {
		const struct rk_ipv6_hdr *h = &l->h.ipv6;
		F(4, (uint32_t)h->version << 28 | (uint32_t)h->tc << 20 | h->flow); F(6, h->plen);
		F(7, h->nh); F(8, h->hlim); F(24, bytes_val(h->src, 16)); F(40, bytes_val(h->dst, 16));
		break;
	}
	case RK_LAYER_IPV6_HOP:
	case RK_LAYER_IPV6_DST:
		F(1, l->h.ipv6_opts.nh); F(2, l->h.ipv6_opts.len);
		break;
	case RK_LAYER_IPV6_ROUTE:
		F(1, l->h.ipv6_route.nh); F(2, l->h.ipv6_route.len); F(3, l->h.ipv6_route.rtype);
		F(4, l->h.ipv6_route.segleft);
		break;
	case RK_LAYER_IPV6_FRAG:
		F(1, l->h.ipv6_frag.nh); F(2, l->h.ipv6_frag.res1);
		F(4, l->h.ipv6_frag.offset << 3 | l->h.ipv6_frag.res2 << 1 | l->h.ipv6_frag.m);
		F(8, l->h.ipv6_frag.id);
		break;
	case RK_LAYER_TCP: {
		const struct rk_tcp_hdr *h = &l->h.tcp;
		F(2, h->sport); F(4, h->dport); F(8, h->seq); F(12, h->ack); F(13, h->doff << 4 | h->res);
		F(14, h->flags); F(16, h->win); F(18, h->csum); F(20, h->urp);
		break;
	}
	case RK_LAYER_UDP:
		F(2, l->h.udp.sport); F(4, l->h.udp.dport); F(6, l->h.udp.len); F(8, l->h.udp.csum);
		break;
	case RK_LAYER_ICMP:
		F(1, l->h.icmp.type); F(2, l->h.icmp.code); F(4, l->h.icmp.csum); F(6, l->h.icmp.id);
		F(8, l->h.icmp.seq);
		if (l->hdr_len == RK_ICMP_TSTAMP_LEN) {
			F(12, l->h.icmp.otime); F(16, l->h.icmp.rtime); F(20, l->h.icmp.ttime);
		}
		break;
	case RK_LAYER_ICMP6:
		F(1, l->h.icmp6.type); F(2, l->h.icmp6.code); F(4, l->h.icmp6.csum); F(6, l->h.icmp6.id);
		F(8, l->h.icmp6.seq);
		break;
	}
#undef F
	return n;
}

/* Every field whose bytes were captured equals the full decode's. */
static void check_fields(const struct rk_layer *c, const struct rk_layer *f)
{
	uint64_t cv[16], fv[16];
	uint32_t ce[16], fe[16];
	unsigned cn = fields_of(c, cv, ce), fn = fields_of(f, fv, fe);
	for (unsigned i = 0; i < cn && i < fn; i++) {
		if (fe[i] > c->cap_len)
			break;
		CHECK_EQ(ce[i], fe[i]);
		CHECK(cv[i] == fv[i]);
		if (cv[i] != fv[i])
			fprintf(stderr, "  %s field %u (ends at %u, cap_len %u) differs\n",
				rk_layer_name(c->kind), i, fe[i], c->cap_len);
	}
}

static struct rk_pkt full, cut;

static void sweep(const struct vec *v)
{
	uint32_t len = (uint32_t)v->len;
	CHECK_EQ(decode_cut(v->b, len, len, v->linktype, &full), RK_OK);
	check_invariants(&full, len, v->name);
	for (uint32_t k = 0; k < len; k++) {
		int bad = test_failures;
		CHECK_EQ(decode_cut(v->b, k, len, v->linktype, &cut), RK_OK);
		check_invariants(&cut, k, v->name);
		if (cut.n == 0)
			continue;
		/* An error only when the full decode has the same one. */
		if (cut.error)
			CHECK(full.error && strcmp(cut.error, full.error) == 0);
		/* A prefix of the full decode (raw IP with no byte: nothing to tell). */
		bool raw0 = k == 0 && (v->linktype == RK_DLT_RAW || v->linktype == RK_LINKTYPE_RAW);
		CHECK(raw0 || cut.n <= full.n);
		for (unsigned i = 0; !raw0 && i < cut.n && i < full.n; i++) {
			CHECK_EQ(cut.layer[i].kind, full.layer[i].kind);
			CHECK_EQ(cut.layer[i].offset, full.layer[i].offset);
			if (cut.layer[i].kind == full.layer[i].kind)
				check_fields(&cut.layer[i], &full.layer[i]);
			if (i + 1 < cut.n) {
				CHECK_EQ(cut.layer[i].hdr_len, full.layer[i].hdr_len);
				CHECK_EQ(cut.layer[i].flags, full.layer[i].flags);
			}
		}
		/* The cut is marked, or it fell where nothing is decoded. */
		const struct rk_layer *l = &cut.layer[cut.n - 1];
		const struct rk_layer *f = &full.layer[cut.n - 1 < full.n ? cut.n - 1 : full.n - 1];
		bool marked = (l->flags & RK_LAYER_TRUNCATED) ||
			      (l->kind == RK_LAYER_PAYLOAD && l->h.payload.caplen < l->h.payload.len);
		bool same = cut.n == full.n && l->flags == f->flags && l->cap_len == f->cap_len;
		CHECK(marked || same);
		/* A header cut with no byte captured is just the layer. */
		if ((l->flags & RK_LAYER_TRUNCATED) && l->offset == k)
			CHECK_EQ(l->cap_len, 0);
		if (test_failures != bad) {
			fprintf(stderr, "  %s cut at %u of %u:", v->name, k, len);
			for (unsigned i = 0; i < cut.n; i++)
				fprintf(stderr, " %s%s", rk_layer_name(cut.layer[i].kind),
					cut.layer[i].flags & RK_LAYER_TRUNCATED ? "(t)" : "");
			fprintf(stderr, "\n");
		}
	}
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Mutated vectors under every link type: invariants only. */
static void mutate(unsigned rounds)
{
	static const int lts[] = {RK_DLT_EN10MB, RK_DLT_RAW, RK_LINKTYPE_RAW, RK_DLT_IPV4,
				  RK_DLT_IPV6, RK_DLT_LINUX_SLL, RK_DLT_LINUX_SLL2, RK_DLT_NULL,
				  RK_DLT_LOOP};
	uint8_t buf[VLEN];
	for (unsigned r = 0; r < rounds; r++) {
		const struct vec *v = &vecs[rnd() % nvec];
		memcpy(buf, v->b, v->len);
		unsigned flips = 1 + rnd() % 4;
		for (unsigned i = 0; i < flips; i++) {
			uint32_t at = rnd() % (uint32_t)v->len;
			switch (rnd() % 3) {
			case 0: buf[at] ^= (uint8_t)(1u << (rnd() % 8)); break;
			case 1: buf[at] = (uint8_t)rnd(); break;
			default: buf[at] = (uint8_t)(rnd() % 2 ? 0 : 0xff); break;
			}
		}
		uint32_t caplen = (uint32_t)v->len;
		if (rnd() % 4 == 0)
			caplen = rnd() % (caplen + 1);
		uint32_t wire = (uint32_t)v->len;
		switch (rnd() % 4) {
		case 0: wire = caplen + rnd() % 2000; break;
		case 1: wire = rnd() % (caplen + 1); break; /* a record claiming less than captured */
		default: break;
		}
		int lt = rnd() % 3 == 0 ? lts[rnd() % (sizeof lts / sizeof lts[0])] : v->linktype;
		CHECK_EQ(decode_cut(buf, caplen, wire, lt, &cut), RK_OK);
		check_invariants(&cut, caplen, v->name);
	}
}

/* Random bytes, every link type. */
static void noise(unsigned rounds)
{
	static const int lts[] = {RK_DLT_EN10MB, RK_DLT_RAW, RK_DLT_IPV4, RK_DLT_IPV6,
				  RK_DLT_LINUX_SLL, RK_DLT_LINUX_SLL2, RK_DLT_NULL, RK_DLT_LOOP};
	uint8_t buf[256];
	for (unsigned r = 0; r < rounds; r++) {
		uint32_t len = rnd() % sizeof buf;
		for (uint32_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rnd();
		/* Plausible first bytes make the deep paths reachable. */
		if (len > 0 && rnd() % 2)
			buf[0] = rnd() % 2 ? 0x45 : 0x60;
		int lt = lts[rnd() % (sizeof lts / sizeof lts[0])];
		CHECK_EQ(decode_cut(buf, len, len, lt, &cut), RK_OK);
		check_invariants(&cut, len, "noise");
	}
}

int main(void)
{
	make_vectors();
	CHECK_EQ(nvec, 15);
	for (unsigned i = 0; i < nvec; i++)
		sweep(&vecs[i]);
	/* The malformed vectors decode with their error when whole. */
	CHECK_EQ(decode_cut(vecs[13].b, (uint32_t)vecs[13].len, (uint32_t)vecs[13].len,
			    vecs[13].linktype, &full), RK_OK);
	CHECK(full.error && strcmp(full.error, "ipv4: total length < header length") == 0);
	CHECK_EQ(decode_cut(vecs[14].b, (uint32_t)vecs[14].len, (uint32_t)vecs[14].len,
			    vecs[14].linktype, &full), RK_OK);
	CHECK(full.error && strcmp(full.error, "tcp: data offset past datagram") == 0);
	mutate(200000);
	noise(100000);
	return TEST_END();
}
