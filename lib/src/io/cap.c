/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cap.c - libpcap wrappers (cap.h): live and file captures with nanosecond
 * timestamps, BPF filters, pcap dump files. libpcap's return codes become
 * rk_err codes and its messages one errbuf sentence; nothing else is added.
 */
#include "ioint.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rawkit/cap.h"

#define DEFAULT_SNAPLEN 262144
#define DEFAULT_BUFFER (4 * 1024 * 1024)
#define DEFAULT_TIMEOUT_MS 100

struct rk_cap {
	pcap_t *p;
	int live;
	int nano;            /* timestamps in ts.tv_usec are nanoseconds */
	char name[200];      /* interface or file, for messages */
};

struct rk_dump {
	pcap_t *dead;
	pcap_dumper_t *d;
	int snaplen;
	char path[200];
};

RK_API void rk_cap_opts_init(struct rk_cap_opts *o)
{
	o->snaplen = DEFAULT_SNAPLEN;
	o->promisc = false;
	o->immediate = true;
	o->buffer_size = DEFAULT_BUFFER;
	o->timeout_ms = DEFAULT_TIMEOUT_MS;
}

static struct rk_cap *cap_new(const char *name, char *errbuf)
{
	struct rk_cap *c = calloc(1, sizeof(*c));
	if (!c)
		rkint_errbuf(errbuf, "capture on %s: %s", name, strerror(ENOMEM));
	else
		snprintf(c->name, sizeof(c->name), "%s", name);
	return c;
}

/* pcap_activate() results: errors and what they mean for a tool. */
static int activate_error(pcap_t *p, int status, const char *ifname, char *errbuf)
{
	const char *detail = pcap_geterr(p);
	if (!detail || !*detail)
		detail = pcap_statustostr(status);
	switch (status) {
	case PCAP_ERROR_PERM_DENIED:
	case PCAP_ERROR_PROMISC_PERM_DENIED: {
		char hint[RK_ERRBUF_SIZE];
		rkint_perm_hint(hint, sizeof(hint));
		rkint_errbuf(errbuf, "capture on %s: %s (%s)", ifname, strerror(EPERM), hint);
		return RK_E_PERM;
	}
	case PCAP_ERROR_NO_SUCH_DEVICE:
		rkint_errbuf(errbuf, "capture on %s: %s", ifname, detail);
		return RK_E_INVAL;
	case PCAP_ERROR_IFACE_NOT_UP:
		rkint_errbuf(errbuf, "capture on %s: the interface is down", ifname);
		return RK_E_SYS;
	case PCAP_ERROR_RFMON_NOTSUP:
#ifdef PCAP_ERROR_CAPTURE_NOTSUP
	case PCAP_ERROR_CAPTURE_NOTSUP:
#endif
		rkint_errbuf(errbuf, "capture on %s: %s", ifname, detail);
		return RK_E_UNSUPPORTED;
	default:
		rkint_errbuf(errbuf, "capture on %s: %s", ifname, detail);
		return RK_E_SYS;
	}
}

RK_API int rk_cap_open_live(struct rk_cap **out, const char *ifname,
			    const struct rk_cap_opts *opts, char *errbuf)
{
	*out = NULL;
	if (!ifname || !*ifname) {
		rkint_errbuf(errbuf, "capture: no interface named");
		return RK_E_INVAL;
	}
	struct rk_cap_opts def;
	if (!opts) {
		rk_cap_opts_init(&def);
		opts = &def;
	}
	struct rk_cap *c = cap_new(ifname, errbuf);
	if (!c)
		return RK_E_SYS;
	char perr[PCAP_ERRBUF_SIZE] = "";
	c->p = pcap_create(ifname, perr);
	if (!c->p) {
		rkint_errbuf(errbuf, "capture on %s: %s", ifname, perr);
		free(c);
		return RK_E_SYS;
	}
	/* Setters only fail on an activated handle: their results are moot. */
	(void)pcap_set_snaplen(c->p, opts->snaplen > 0 ? opts->snaplen : DEFAULT_SNAPLEN);
	(void)pcap_set_promisc(c->p, opts->promisc);
	(void)pcap_set_immediate_mode(c->p, opts->immediate);
	(void)pcap_set_timeout(c->p, opts->timeout_ms);
	if (opts->buffer_size > 0)
		(void)pcap_set_buffer_size(c->p, opts->buffer_size);
	/* Without kernel support this stays at microseconds, converted below. */
	(void)pcap_set_tstamp_precision(c->p, PCAP_TSTAMP_PRECISION_NANO);

	int status = pcap_activate(c->p);
	if (status < 0) {
		int rc = activate_error(c->p, status, ifname, errbuf);
		rk_cap_close(c);
		return rc;
	}
	c->live = 1;
	c->nano = pcap_get_tstamp_precision(c->p) == PCAP_TSTAMP_PRECISION_NANO;
	*out = c;
	return RK_OK;
}

RK_API int rk_cap_open_file(struct rk_cap **out, const char *path, char *errbuf)
{
	*out = NULL;
	if (!path || !*path) {
		rkint_errbuf(errbuf, "capture file: no file named");
		return RK_E_INVAL;
	}
	/* Tell "cannot open" (RK_E_SYS, with errno) from "not a capture
	   file": libpcap's message does not say which. */
	if (strcmp(path, "-") != 0) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			rkint_errbuf(errbuf, "%s: %s", path, strerror(errno));
			return RK_E_SYS;
		}
		fclose(f);
	}
	struct rk_cap *c = cap_new(path, errbuf);
	if (!c)
		return RK_E_SYS;
	char perr[PCAP_ERRBUF_SIZE] = "";
	c->p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
	if (!c->p) {
		rkint_errbuf(errbuf, "%s: %s", strcmp(path, "-") ? path : "standard input", perr);
		free(c);
		return strstr(perr, "truncated") ? RK_E_TRUNC : RK_E_MALFORMED;
	}
	c->nano = pcap_get_tstamp_precision(c->p) == PCAP_TSTAMP_PRECISION_NANO;
	*out = c;
	return RK_OK;
}

RK_API void rk_cap_close(struct rk_cap *c)
{
	if (!c)
		return;
	if (c->p)
		pcap_close(c->p);
	free(c);
}

RK_API int rk_cap_set_filter(struct rk_cap *c, const char *expr, char *errbuf)
{
	if (!expr)
		expr = "";
	struct bpf_program prog;
	/* PCAP_NETMASK_UNKNOWN: only "ip broadcast" needs the netmask. */
	if (pcap_compile(c->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		rkint_errbuf(errbuf, "filter \"%s\": %s", expr, pcap_geterr(c->p));
		return RK_E_INVAL;
	}
	int rc = RK_OK;
	if (pcap_setfilter(c->p, &prog) < 0) {
		rkint_errbuf(errbuf, "filter \"%s\" on %s: %s", expr, c->name, pcap_geterr(c->p));
		rc = RK_E_INVAL;
	}
	pcap_freecode(&prog);
	return rc;
}

RK_API int rk_cap_set_inbound_only(struct rk_cap *c, bool in, char *errbuf)
{
	if (pcap_setdirection(c->p, in ? PCAP_D_IN : PCAP_D_INOUT) < 0) {
		rkint_errbuf(errbuf, "capture on %s: cannot choose the direction: %s", c->name,
			     pcap_geterr(c->p));
		return RK_E_UNSUPPORTED;
	}
	return RK_OK;
}

RK_API int rk_cap_set_nonblock(struct rk_cap *c, bool on, char *errbuf)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	if (pcap_setnonblock(c->p, on, perr) < 0) {
		rkint_errbuf(errbuf, "capture on %s: %s", c->name, perr);
		return RK_E_SYS;
	}
	return RK_OK;
}

RK_API int rk_cap_next(struct rk_cap *c, struct rk_frame *f, char *errbuf)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int r = pcap_next_ex(c->p, &h, &data);
	if (r == 1) {
		f->data = data;
		f->caplen = h->caplen;
		f->len = h->len;
		f->ts.tv_sec = h->ts.tv_sec;
		f->ts.tv_nsec = c->nano ? (long)h->ts.tv_usec : (long)h->ts.tv_usec * 1000;
		f->linktype = pcap_datalink(c->p);
		return 1;
	}
	if (r == 0)
		return 0;
	if (r == PCAP_ERROR_BREAK)
		return RK_E_EOF;
	const char *m = pcap_geterr(c->p);
	rkint_errbuf(errbuf, "%s: %s", c->name, m);
	if (c->live)
		return RK_E_SYS;
	return strstr(m, "truncated") ? RK_E_TRUNC : RK_E_MALFORMED;
}

RK_API void rk_cap_break(struct rk_cap *c)
{
	pcap_breakloop(c->p);
}

RK_API int rk_cap_linktype(const struct rk_cap *c)
{
	return pcap_datalink(c->p);
}

RK_API int rk_cap_snaplen(const struct rk_cap *c)
{
	return pcap_snapshot(c->p);
}

RK_API int rk_cap_fd(const struct rk_cap *c)
{
	return pcap_get_selectable_fd(c->p);
}

RK_API int rk_cap_stats(struct rk_cap *c, uint64_t *received, uint64_t *dropped, char *errbuf)
{
	struct pcap_stat st;
	if (!c->live || pcap_stats(c->p, &st) < 0) {
		rkint_errbuf(errbuf, "%s: no capture statistics%s%s", c->name,
			     c->live ? ": " : "", c->live ? pcap_geterr(c->p) : "");
		return RK_E_UNSUPPORTED;
	}
	*received = st.ps_recv;
	*dropped = (uint64_t)st.ps_drop + st.ps_ifdrop;
	return RK_OK;
}

RK_API const char *rk_cap_lib_version(void)
{
	return pcap_lib_version();
}

RK_API int rk_dump_open(struct rk_dump **out, const char *path, int linktype, int snaplen,
			char *errbuf)
{
	*out = NULL;
	if (!path || !*path) {
		rkint_errbuf(errbuf, "capture file: no file named");
		return RK_E_INVAL;
	}
	if (snaplen <= 0)
		snaplen = DEFAULT_SNAPLEN;
	struct rk_dump *d = calloc(1, sizeof(*d));
	if (!d) {
		rkint_errbuf(errbuf, "%s: %s", path, strerror(ENOMEM));
		return RK_E_SYS;
	}
	snprintf(d->path, sizeof(d->path), "%s", strcmp(path, "-") ? path : "standard output");
	d->snaplen = snaplen;
	d->dead = pcap_open_dead_with_tstamp_precision(linktype, snaplen,
						       PCAP_TSTAMP_PRECISION_NANO);
	if (!d->dead) {
		rkint_errbuf(errbuf, "%s: %s", d->path, strerror(ENOMEM));
		free(d);
		return RK_E_SYS;
	}
	errno = 0;
	d->d = pcap_dump_open(d->dead, path);
	if (!d->d) {
		const char *m = pcap_geterr(d->dead);
		/* "link-layer type N isn't supported in savefiles" */
		int rc = strstr(m, "link-layer type") ? RK_E_INVAL : RK_E_SYS;
		rkint_errbuf(errbuf, "%s: %s", d->path, m);
		pcap_close(d->dead);
		free(d);
		return rc;
	}
	*out = d;
	return RK_OK;
}

RK_API int rk_dump_write(struct rk_dump *d, const void *data, uint32_t caplen, uint32_t len,
			 const struct timespec *ts, char *errbuf)
{
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.caplen = caplen < (uint32_t)d->snaplen ? caplen : (uint32_t)d->snaplen;
	h.len = len < caplen ? caplen : len;
	h.ts.tv_sec = ts->tv_sec;
	h.ts.tv_usec = (suseconds_t)ts->tv_nsec; /* nanoseconds: a nano dumper */
	pcap_dump((u_char *)d->d, &h, (const u_char *)data);
	if (ferror(pcap_dump_file(d->d))) {
		rkint_errbuf(errbuf, "%s: write error: %s", d->path, strerror(errno ? errno : EIO));
		return RK_E_SYS;
	}
	return RK_OK;
}

RK_API int rk_dump_frame(struct rk_dump *d, const struct rk_frame *f, char *errbuf)
{
	return rk_dump_write(d, f->data, f->caplen, f->len, &f->ts, errbuf);
}

RK_API int rk_dump_flush(struct rk_dump *d, char *errbuf)
{
	if (pcap_dump_flush(d->d) < 0 || ferror(pcap_dump_file(d->d))) {
		rkint_errbuf(errbuf, "%s: write error: %s", d->path, strerror(errno ? errno : EIO));
		return RK_E_SYS;
	}
	return RK_OK;
}

RK_API int rk_dump_close(struct rk_dump *d, char *errbuf)
{
	if (!d)
		return RK_OK;
	int rc = rk_dump_flush(d, errbuf);
	pcap_dump_close(d->d);
	pcap_close(d->dead);
	free(d);
	return rc;
}
