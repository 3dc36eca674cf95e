/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * output.c - rk-ping's standard output (output.h). The text follows
 * iputils ping 20221126 (ping_common.c gather_statistics() and finish(),
 * ping.c and ping6_common.c pr_icmph()): the same words, the same number
 * formats, the same blank lines. Lines are flushed as they are written, so
 * a reader of a pipe sees each reply when it comes.
 */
#include "output.h"

#include <inttypes.h>
#include <string.h>

#include <rawkit/icmp.h>
#include <rawkit/icmp6.h>

void ping_json_str(FILE *f, const char *s)
{
	putc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			putc(*p, f);
	}
	putc('"', f);
}

static void json_ts(FILE *f, const struct timespec *ts)
{
	fprintf(f, "\"%lld.%09ld\"", (long long)ts->tv_sec, ts->tv_nsec);
}

static void text_ts(const struct ping_out *o, const struct timespec *ts)
{
	if (o->timestamps)
		fprintf(o->f, "[%lld.%06ld] ", (long long)ts->tv_sec, ts->tv_nsec / 1000);
}

void ping_out_pattern(const struct ping_out *o, const uint8_t *pat, int len)
{
	if (o->json || o->quiet)
		return;
	fputs("PATTERN: 0x", o->f);
	for (int i = 0; i < len; i++)
		fprintf(o->f, "%02x", pat[i]);
	fputc('\n', o->f);
	fflush(o->f);
}

void ping_out_header(const struct ping_out *o, const char *host, const char *addr,
		     const char *source, const char *iface, long datalen)
{
	if (o->json)
		return;
	if (o->family == 4)
		fprintf(o->f, "PING %s (%s) ", host, addr);
	else
		fprintf(o->f, "PING %s(%s) ", host, addr);
	if (source || iface)
		fprintf(o->f, "from %s %s: ", source ? source : "", iface ? iface : "");
	if (o->family == 4)
		fprintf(o->f, "%ld(%ld) bytes of data.\n", datalen, datalen + 8 + 20);
	else
		fprintf(o->f, "%ld data bytes\n", datalen);
	fflush(o->f);
}

/* iputils' time=: three significant decimals below 1 ms ... none from 100 ms. */
static void text_rtt(FILE *f, long long t)
{
	if (t >= 100000 - 50)
		fprintf(f, " time=%lld ms", (t + 500) / 1000);
	else if (t >= 10000 - 5)
		fprintf(f, " time=%lld.%01lld ms", (t + 50) / 1000, ((t + 50) % 1000) / 100);
	else if (t >= 1000)
		fprintf(f, " time=%lld.%02lld ms", (t + 5) / 1000, ((t + 5) % 1000) / 10);
	else
		fprintf(f, " time=%lld.%03lld ms", t / 1000, t % 1000);
}

void ping_out_reply(const struct ping_out *o, const struct ping_out_reply *r)
{
	FILE *f = o->f;
	if (o->json) {
		fprintf(f, "{\"type\":\"reply\",\"seq\":%u,\"from\":", r->seq);
		ping_json_str(f, r->from_addr);
		fprintf(f, ",\"bytes\":%" PRIu32 ",\"ttl\":", r->bytes);
		if (r->ttl >= 0)
			fprintf(f, "%d", r->ttl);
		else
			fputs("null", f);
		fputs(",\"rtt_ms\":", f);
		if (r->timing && !r->truncated)
			fprintf(f, "%" PRIu64 ".%06" PRIu64, r->rtt_ns / 1000000,
				r->rtt_ns % 1000000);
		else
			fputs("null", f);
		fputs(",\"ts\":", f);
		json_ts(f, &r->wall);
		fprintf(f, ",\"dup\":%s,\"reordered\":%s,\"truncated\":%s,\"bad_checksum\":%s}\n",
			r->dup ? "true" : "false", r->reordered ? "true" : "false",
			r->truncated ? "true" : "false", r->csum_bad ? "true" : "false");
		fflush(f);
		return;
	}
	if (o->quiet)
		return;
	if (o->flood) {
		fputs(r->csum_bad ? "\bC" : "\b \b", f);
		fflush(f);
		return;
	}
	text_ts(o, &r->wall);
	fprintf(f, "%" PRIu32 " bytes from %s: icmp_seq=%u", r->bytes, r->from, r->seq);
	if (r->ttl >= 0)
		fprintf(f, " ttl=%d", r->ttl);
	if (r->truncated) {
		fputs(" (truncated)\n", f);
		fflush(f);
		return;
	}
	if (r->timing)
		text_rtt(f, r->rtt_us);
	if (r->dup && !o->multicast)
		fputs(" (DUP!)", f);
	if (r->csum_bad)
		fputs(" (BAD CHECKSUM!)", f);
	if (r->reordered)
		fputs(" (reordered)", f);
	fputc('\n', f);
	fflush(f);
}

static const char *unreach4[16] = {
    "Destination Net Unreachable",
    "Destination Host Unreachable",
    "Destination Protocol Unreachable",
    "Destination Port Unreachable",
    NULL, /* frag needed: with the MTU */
    "Source Route Failed",
    "Destination Net Unknown",
    "Destination Host Unknown",
    "Source Host Isolated",
    "Destination Net Prohibited",
    "Destination Host Prohibited",
    "Destination Net Unreachable for Type of Service",
    "Destination Host Unreachable for Type of Service",
    "Packet filtered",
    "Precedence Violation",
    "Precedence Cutoff",
};

static void text4(uint8_t type, uint8_t code, uint32_t info, const char *gw, char *buf, size_t n)
{
	switch (type) {
	case RK_ICMP_ECHOREPLY: snprintf(buf, n, "Echo Reply"); break;
	case RK_ICMP_UNREACH:
		if (code == RK_ICMP_UNREACH_NEEDFRAG)
			snprintf(buf, n, "Frag needed and DF set (mtu = %u)", info);
		else if (code < 16)
			snprintf(buf, n, "%s", unreach4[code]);
		else
			snprintf(buf, n, "Dest Unreachable, Bad Code: %d", code);
		break;
	case RK_ICMP_SOURCEQUENCH: snprintf(buf, n, "Source Quench"); break;
	case RK_ICMP_REDIRECT: {
		static const char *const r[4] = {
		    "Redirect Network",
		    "Redirect Host",
		    "Redirect Type of Service and Network",
		    "Redirect Type of Service and Host",
		};
		char what[48];
		if (code < 4)
			snprintf(what, sizeof(what), "%s", r[code]);
		else
			snprintf(what, sizeof(what), "Redirect, Bad Code: %d", code);
		snprintf(buf, n, "%s(New nexthop: %s)", what, gw ? gw : "?");
		break;
	}
	case RK_ICMP_ECHO: snprintf(buf, n, "Echo Request"); break;
	case RK_ICMP_TIMXCEED:
		if (code == 0)
			snprintf(buf, n, "Time to live exceeded");
		else if (code == 1)
			snprintf(buf, n, "Frag reassembly time exceeded");
		else
			snprintf(buf, n, "Time exceeded, Bad Code: %d", code);
		break;
	case RK_ICMP_PARAMPROB: snprintf(buf, n, "Parameter problem: pointer = %u", info); break;
	case RK_ICMP_TSTAMP: snprintf(buf, n, "Timestamp"); break;
	case RK_ICMP_TSTAMPREPLY: snprintf(buf, n, "Timestamp Reply"); break;
	default: snprintf(buf, n, "Bad ICMP type: %d", type);
	}
}

static void text6(uint8_t type, uint8_t code, uint32_t info, char *buf, size_t n)
{
	static const char *const unreach[5] = {
	    "No route",
	    "Administratively prohibited",
	    "Beyond scope of source address",
	    "Address unreachable",
	    "Port unreachable",
	};
	switch (type) {
	case RK_ICMP6_DST_UNREACH:
		if (code < 5)
			snprintf(buf, n, "Destination unreachable: %s", unreach[code]);
		else
			snprintf(buf, n, "Destination unreachable: Unknown code %d", code);
		break;
	case RK_ICMP6_PACKET_TOO_BIG:
		if (code)
			snprintf(buf, n, "Packet too big: mtu=%u, code=%d", info, code);
		else
			snprintf(buf, n, "Packet too big: mtu=%u", info);
		break;
	case RK_ICMP6_TIME_EXCEEDED:
		if (code == 0)
			snprintf(buf, n, "Time exceeded: Hop limit");
		else if (code == 1)
			snprintf(buf, n, "Time exceeded: Defragmentation failure");
		else
			snprintf(buf, n, "Time exceeded: code %d", code);
		break;
	case RK_ICMP6_PARAM_PROB: {
		static const char *const pp[3] = {"Wrong header field ", "Unknown header ",
						  "Unknown option "};
		char what[32];
		if (code < 3)
			snprintf(what, sizeof(what), "%s", pp[code]);
		else
			snprintf(what, sizeof(what), "code %d ", code);
		snprintf(buf, n, "Parameter problem: %sat %u", what, info);
		break;
	}
	case RK_ICMP6_ECHO_REQUEST: snprintf(buf, n, "Echo request"); break;
	case RK_ICMP6_ECHO_REPLY: snprintf(buf, n, "Echo reply"); break;
	default: snprintf(buf, n, "unknown icmp type: %u", type);
	}
}

void ping_icmp_text(int family, uint8_t type, uint8_t code, uint32_t info, const char *gateway,
		    char *buf, size_t size)
{
	if (family == 4)
		text4(type, code, info, gateway, buf, size);
	else
		text6(type, code, info, buf, size);
}

void ping_out_error(const struct ping_out *o, const struct ping_out_error *e)
{
	FILE *f = o->f;
	char text[128];
	ping_icmp_text(o->family, e->type, e->code, e->info, e->gateway, text, sizeof(text));
	if (o->json) {
		fprintf(f, "{\"type\":\"%s\",\"seq\":%u,\"from\":", e->notice ? "notice" : "error",
			e->seq);
		ping_json_str(f, e->from_addr);
		fprintf(f, ",\"icmp_type\":%u,\"icmp_code\":%u,\"message\":", e->type, e->code);
		ping_json_str(f, text);
		bool mtu = (o->family == 4 && e->type == RK_ICMP_UNREACH &&
			    e->code == RK_ICMP_UNREACH_NEEDFRAG) ||
			   (o->family == 6 && e->type == RK_ICMP6_PACKET_TOO_BIG);
		if (mtu)
			fprintf(f, ",\"mtu\":%u", e->info);
		fputs(",\"ts\":", f);
		json_ts(f, &e->wall);
		fputs("}\n", f);
		fflush(f);
		return;
	}
	if (o->quiet)
		return;
	if (o->flood) {
		if (!e->notice) {
			fputs("\bE", f);
			fflush(f);
		}
		return;
	}
	text_ts(o, &e->wall);
	if (e->notice)
		fprintf(f, "From %s: icmp_seq=%u %s\n", e->from, e->seq, text);
	else
		fprintf(f, "From %s icmp_seq=%u %s\n", e->from, e->seq, text);
	fflush(f);
}

void ping_out_no_answer(const struct ping_out *o, uint16_t seq, const struct timespec *wall)
{
	if (o->json) {
		fprintf(o->f, "{\"type\":\"no_answer\",\"seq\":%u}\n", seq);
		fflush(o->f);
		return;
	}
	if (o->quiet)
		return;
	text_ts(o, wall);
	fprintf(o->f, "no answer yet for icmp_seq=%u\n", seq);
	fflush(o->f);
}

void ping_out_flood_sent(const struct ping_out *o)
{
	if (o->flood && !o->quiet && !o->json) {
		fputc('.', o->f);
		fflush(o->f);
	}
}

void ping_out_flood_local_error(const struct ping_out *o)
{
	if (o->flood && !o->quiet && !o->json) {
		fputc('E', o->f);
		fflush(o->f);
	}
}

void ping_out_local_error_json(const struct ping_out *o, uint16_t seq, const char *what, int mtu)
{
	if (!o->json)
		return;
	fprintf(o->f, "{\"type\":\"local_error\",\"seq\":%u,\"message\":", seq);
	ping_json_str(o->f, what);
	if (mtu > 0)
		fprintf(o->f, ",\"mtu\":%d", mtu);
	fputs("}\n", o->f);
	fflush(o->f);
}

static void ms3(FILE *f, long long us)
{
	fprintf(f, "%lld.%03lld", us / 1000, us % 1000);
}

void ping_out_summary(const struct ping_out *o, const char *host, const char *addr,
		      const struct ping_session *s, const struct ping_summary *sum)
{
	FILE *f = o->f;
	if (o->json) {
		fputs("{\"type\":\"summary\",\"host\":", f);
		ping_json_str(f, host);
		fputs(",\"addr\":", f);
		ping_json_str(f, addr);
		fprintf(f,
			",\"transmitted\":%" PRIu64 ",\"received\":%" PRIu64
			",\"duplicates\":%" PRIu64 ",\"reordered\":%" PRIu64
			",\"corrupted\":%" PRIu64 ",\"errors\":%" PRIu64,
			s->ntransmitted, s->nreceived, s->nrepeats, s->nreordered, s->nchecksum,
			s->nerrors);
		if (s->ntransmitted)
			fprintf(f, ",\"loss_pct\":%g,\"time_ms\":%lld", sum->loss_pct,
				sum->time_ms);
		else
			fputs(",\"loss_pct\":null,\"time_ms\":null", f);
		fputs(",\"rtt_ms\":", f);
		if (sum->have_rtt) {
			fputs("{\"min\":", f);
			ms3(f, sum->min_us);
			fputs(",\"avg\":", f);
			ms3(f, sum->avg_us);
			fputs(",\"max\":", f);
			ms3(f, sum->max_us);
			fputs(",\"mdev\":", f);
			ms3(f, sum->mdev_us);
			fputc('}', f);
		} else {
			fputs("null", f);
		}
		fprintf(f, ",\"pipe\":%d", s->pipesize);
		if (sum->have_ipg) {
			fputs(",\"ipg_ms\":", f);
			ms3(f, sum->ipg_us);
			fputs(",\"ewma_ms\":", f);
			ms3(f, sum->ewma_us);
		}
		fputs("}\n", f);
		fflush(f);
		return;
	}
	fputc('\n', f);
	fprintf(f, "--- %s ping statistics ---\n", host);
	fprintf(f, "%" PRIu64 " packets transmitted, %" PRIu64 " received", s->ntransmitted,
		s->nreceived);
	if (s->nrepeats)
		fprintf(f, ", +%" PRIu64 " duplicates", s->nrepeats);
	if (s->nreordered)
		fprintf(f, ", +%" PRIu64 " reordered", s->nreordered);
	if (s->nchecksum)
		fprintf(f, ", +%" PRIu64 " corrupted", s->nchecksum);
	if (s->nerrors)
		fprintf(f, ", +%" PRIu64 " errors", s->nerrors);
	if (s->ntransmitted)
		fprintf(f, ", %g%% packet loss, time %lldms", sum->loss_pct, sum->time_ms);
	fputc('\n', f);
	const char *comma = "";
	if (sum->have_rtt) {
		fputs("rtt min/avg/max/mdev = ", f);
		ms3(f, sum->min_us);
		fputc('/', f);
		ms3(f, sum->avg_us);
		fputc('/', f);
		ms3(f, sum->max_us);
		fputc('/', f);
		ms3(f, sum->mdev_us);
		fputs(" ms", f);
		comma = ", ";
	}
	if (s->pipesize > 1) {
		fprintf(f, "%spipe %d", comma, s->pipesize);
		comma = ", ";
	}
	if (sum->have_ipg) {
		fprintf(f, "%sipg/ewma ", comma);
		ms3(f, sum->ipg_us);
		fputc('/', f);
		ms3(f, sum->ewma_us);
		fputs(" ms", f);
	}
	fputc('\n', f);
	fflush(f);
}

void ping_out_status(FILE *err, const struct ping_session *s)
{
	int loss = 0;
	if (s->ntransmitted)
		loss = (int)((long long)(s->ntransmitted - s->nreceived) * 100 /
			     (long long)s->ntransmitted);
	fprintf(err, "\r%" PRIu64 "/%" PRIu64 " packets, %d%% loss", s->nreceived, s->ntransmitted,
		loss);
	if (s->nreceived && s->timing) {
		long long avg = s->tsum / (long long)(s->nreceived + s->nrepeats);
		fputs(", min/avg/ewma/max = ", err);
		ms3(err, s->tmin);
		fputc('/', err);
		ms3(err, avg);
		fputc('/', err);
		ms3(err, s->ewma8 / 8);
		fputc('/', err);
		ms3(err, s->tmax);
		fputs(" ms", err);
	}
	fputc('\n', err);
}
