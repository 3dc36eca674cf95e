/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * load.c - rk-replay reads every capture file to its end before anything
 * is opened or sent, so a damaged file or an unsupported link type sends
 * nothing, and the send loop then works from memory (tcpreplay's -K).
 * Each packet is classified once: an Ethernet frame is sent whole; in the
 * captures without an Ethernet header, rk_decode() finds the outermost IPv4
 * or IPv6 header and what follows it is sent over a raw IP socket.
 */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/cap.h"
#include "rawkit/pkt.h"
#include "replay.h"
#include "tool.h"

#define ETH_HLEN_MIN 14
#define IPV4_HLEN_MIN 20
#define IPV6_HLEN 40

struct growing {
	size_t n, cap;       /* packets */
	size_t alen, acap;   /* arena bytes */
	size_t *off;         /* arena offset of each packet's bytes */
	uint32_t *len;
};

static bool link_supported(int lt)
{
	switch (lt) {
	case RK_DLT_EN10MB:
	case RK_DLT_RAW:
	case RK_LINKTYPE_RAW:
	case RK_DLT_IPV4:
	case RK_DLT_IPV6:
	case RK_DLT_LINUX_SLL:
	case RK_DLT_LINUX_SLL2:
	case RK_DLT_NULL:
	case RK_DLT_LOOP:
		return true;
	default:
		return false;
	}
}

static const char *link_name(int lt)
{
	const char *n = rk_linktype_name(lt);
	if (!n)
		n = pcap_datalink_val_to_name(lt);
	return n ? n : "unknown";
}

/* What to send of a frame of link type lt: *off is where the bytes start. */
static int classify(const struct rk_frame *f, struct rk_pkt *pkt, uint32_t *off)
{
	*off = 0;
	if (f->linktype == RK_DLT_EN10MB)
		return f->caplen >= ETH_HLEN_MIN ? REPLAY_PKT_L2 : REPLAY_PKT_SKIP;
	if (rk_decode(f->data, f->caplen, f->len, f->linktype, pkt) != RK_OK)
		return REPLAY_PKT_SKIP;
	for (unsigned i = 0; i < pkt->n; i++) {
		const struct rk_layer *l = &pkt->layer[i];
		if (l->kind == RK_LAYER_SLL || l->kind == RK_LAYER_SLL2 || l->kind == RK_LAYER_NULL)
			continue;
		if (l->kind != RK_LAYER_IPV4 && l->kind != RK_LAYER_IPV6)
			return REPLAY_PKT_SKIP; /* ARP, an unknown protocol... */
		uint32_t left = f->caplen - l->offset;
		*off = l->offset;
		if (l->kind == RK_LAYER_IPV4)
			return left >= IPV4_HLEN_MIN ? REPLAY_PKT_IP4 : REPLAY_PKT_SKIP;
		return left >= IPV6_HLEN ? REPLAY_PKT_IP6 : REPLAY_PKT_SKIP;
	}
	return REPLAY_PKT_SKIP;
}

static int grow(struct growing *g, struct replay_store *s, size_t bytes)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		size_t *off = realloc(g->off, cap * sizeof(*off));
		uint32_t *len = off ? realloc(g->len, cap * sizeof(*len)) : NULL;
		uint8_t *kind = len ? realloc(s->kind, cap) : NULL;
		uint8_t *trunc = kind ? realloc(s->truncated, cap) : NULL;
		int64_t *gap = trunc ? realloc(s->gap_ns, cap * sizeof(*gap)) : NULL;
		if (off)
			g->off = off;
		if (len)
			g->len = len;
		if (kind)
			s->kind = kind;
		if (trunc)
			s->truncated = trunc;
		if (!gap)
			return -1;
		s->gap_ns = gap;
		g->cap = cap;
	}
	if (!s->arena || g->acap - g->alen < bytes) {
		size_t acap = g->acap ? g->acap : 1 << 20;
		while (acap - g->alen < bytes)
			acap *= 2;
		uint8_t *a = realloc(s->arena, acap);
		if (!a)
			return -1;
		s->arena = a;
		g->acap = acap;
	}
	return 0;
}

static int load_file(const char *path, struct replay_store *s, struct growing *g)
{
	static struct rk_pkt pkt;
	char err[RK_ERRBUF_SIZE];
	struct rk_cap *c;
	int rc = rk_cap_open_file(&c, path, err);
	if (rc != RK_OK) {
		tool_warn("%s", err);
		return -1;
	}
	int lt = rk_cap_linktype(c);
	if (!link_supported(lt)) {
		tool_warn("%s: link type %d (%s) is not supported: rk-replay sends EN10MB, RAW, "
			  "IPV4, IPV6, LINUX_SLL, LINUX_SLL2, NULL and LOOP captures",
			  path, lt, link_name(lt));
		rk_cap_close(c);
		return -1;
	}
	bool first = true;
	int64_t prev = 0;
	uint64_t frameno = 0;
	struct rk_frame f;
	for (;;) {
		rc = rk_cap_next(c, &f, err);
		if (rc == RK_E_EOF)
			break;
		if (rc < 0) {
			tool_warn("%s (after %llu good packets; nothing was sent)", err,
				  (unsigned long long)frameno);
			rk_cap_close(c);
			return -1;
		}
		frameno++;
		if (!link_supported(f.linktype)) {
			tool_warn("%s: packet %llu: link type %d (%s) is not supported", path,
				  (unsigned long long)frameno, f.linktype, link_name(f.linktype));
			rk_cap_close(c);
			return -1;
		}
		uint32_t off;
		int kind = classify(&f, &pkt, &off);
		uint32_t len = kind == REPLAY_PKT_SKIP ? 0 : f.caplen - off;
		if (grow(g, s, len) < 0) {
			tool_warn("%s: out of memory after %llu packets", path, (unsigned long long)frameno);
			rk_cap_close(c);
			return -1;
		}
		int64_t t = (int64_t)f.ts.tv_sec * 1000000000 + f.ts.tv_nsec;
		size_t i = g->n++;
		s->kind[i] = (uint8_t)kind;
		s->truncated[i] = f.caplen < f.len;
		s->gap_ns[i] = first ? 0 : t - prev;
		s->span_ns += s->gap_ns[i];
		s->count[kind]++;
		prev = t;
		first = false;
		g->off[i] = g->alen;
		g->len[i] = len;
		if (len)
			memcpy(s->arena + g->alen, f.data + off, len);
		g->alen += len;
	}
	rk_cap_close(c);
	return 0;
}

int replay_load(const struct replay_opts *o, struct replay_store *s)
{
	struct growing g = { 0 };
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < o->nfiles; i++) {
		if (load_file(o->files[i], s, &g) < 0) {
			free(g.off);
			free(g.len);
			return -1;
		}
	}
	s->n = g.n;
	s->arena_len = g.alen;
	/* The arena has stopped moving: point the send forms into it. */
	s->pkt = calloc(g.n ? g.n : 1, sizeof(*s->pkt));
	s->iov = calloc(g.n ? g.n : 1, sizeof(*s->iov));
	s->mm = calloc(g.n ? g.n : 1, sizeof(*s->mm));
	if (!s->pkt || !s->iov || !s->mm) {
		tool_warn("out of memory for %zu packets", g.n);
		free(g.off);
		free(g.len);
		return -1;
	}
	for (size_t i = 0; i < g.n; i++) {
		void *p = s->arena + g.off[i];
		s->pkt[i] = (struct rk_sock_pkt){ .data = p, .len = g.len[i] };
		s->iov[i] = (struct iovec){ .iov_base = p, .iov_len = g.len[i] };
		s->mm[i].msg_hdr.msg_iov = &s->iov[i];
		s->mm[i].msg_hdr.msg_iovlen = 1;
	}
	free(g.off);
	free(g.len);
	return 0;
}

void replay_store_free(struct replay_store *s)
{
	free(s->kind);
	free(s->gap_ns);
	free(s->truncated);
	free(s->pkt);
	free(s->iov);
	free(s->mm);
	free(s->arena);
	memset(s, 0, sizeof(*s));
}
