/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * out.c - rk-sniff's output sink: each frame is decoded once (rk_decode),
 * formatted into a stack buffer (fmt.h) and written with one fwrite into a
 * large stdio buffer; -l switches to line buffering for pipes. The local
 * time zone offset for the default timestamps is looked up once per quarter
 * hour of capture time, not per frame. -v lines go through verbose.c.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "sniff.h"
#include "tool.h"

#define OUT_BUFSIZE (1u << 20)

void sniff_out_init(struct sniff_out *s, FILE *f, const struct sniff_opts *o)
{
	memset(s, 0, sizeof *s);
	s->f = f;
	rk_fmt_opts_init(&s->fmt);
	s->fmt.ts_digits = o->nano ? 9 : 6;
	s->fmt.link = o->link;
	s->fmt.quiet = o->quiet;
	static const uint8_t styles[6] = {RK_TS_TIME, RK_TS_NONE, RK_TS_EPOCH, RK_TS_DELTA,
					  RK_TS_DATE, RK_TS_SINCE_FIRST};
	s->fmt.ts_style = styles[o->tstyle < 6 ? o->tstyle : 0];
	s->json = o->json;
	s->hex = o->hex;
	s->verbose = o->verbose;
	if (o->line_buffered)
		setvbuf(f, NULL, _IOLBF, 0);
	else
		setvbuf(f, NULL, _IOFBF, OUT_BUFSIZE);
}

/* Seconds east of UTC at time sec, as localtime_r() says (TZ honoured). */
static int32_t utc_offset(struct sniff_out *s, int64_t sec)
{
	int64_t bucket = sec >= 0 ? sec / 900 : (sec - 899) / 900;
	if (s->tz_valid && bucket == s->tz_bucket)
		return s->tz_offset;
	time_t t = (time_t)sec;
	struct tm tm;
	s->tz_offset = localtime_r(&t, &tm) ? (int32_t)tm.tm_gmtoff : 0;
	s->tz_bucket = bucket;
	s->tz_valid = true;
	return s->tz_offset;
}

/* -v: the plain line, then verbose.c's additions (when it has any). */
static int text_verbose(struct sniff_out *s, const struct rk_fmt_meta *m)
{
	char line[RK_FMT_TEXT_MAX];
	char vline[RK_FMT_TEXT_MAX * 2];
	int n = rk_fmt_text(line, sizeof line, &s->pkt, m, &s->fmt);
	if (n < 0)
		return n;
	int v = sniff_verbose(s, line, (size_t)n, vline, sizeof vline);
	const char *out = v > 0 ? vline : line;
	size_t len = v > 0 ? (size_t)v : (size_t)n;
	if (fwrite(out, 1, len, s->f) != len)
		return RK_E_SYS;
	return (int)len;
}

int sniff_out_frame(struct sniff_out *s, const struct sniff_frame *fr)
{
	struct rk_fmt_meta m = {.n = fr->n, .ts = fr->ts};
	int rc;

	(void)rk_decode(fr->data, fr->caplen, fr->len, fr->linktype, &s->pkt);
	if (s->json) {
		rc = rk_fmt_json_file(s->f, &s->pkt, &m, &s->fmt);
	} else {
		/* A record printed as "[Invalid header...]" has no time on its
		   line and is no reference for -ttt and -ttttt (as tcpdump). */
		bool timed = !rk_fmt_invalid(&s->pkt);
		if (!s->have_first && timed) {
			s->first = fr->ts;
			s->prev = fr->ts;
			s->have_first = true;
		}
		m.ref = s->fmt.ts_style == RK_TS_SINCE_FIRST ? s->first : s->prev;
		if (s->fmt.ts_style == RK_TS_TIME || s->fmt.ts_style == RK_TS_DATE)
			s->fmt.utc_offset = utc_offset(s, fr->ts.sec);
		if (s->verbose)
			rc = text_verbose(s, &m);
		else
			rc = rk_fmt_text_file(s->f, &s->pkt, &m, &s->fmt);
		if (timed)
			s->prev = fr->ts;
		if (rc >= 0 && s->hex)
			rc = rk_fmt_hex_file(s->f, &s->pkt, s->hex & (RK_HEX_ASCII | RK_HEX_LINK));
	}
	if (rc == RK_E_SYS)
		return -1;
	if (rc < 0) /* the formatters' bounds make this impossible */
		tool_warn("frame %llu: %s", (unsigned long long)fr->n, rk_strerror(rc));
	return 0;
}

int sniff_out_flush(struct sniff_out *s)
{
	if (fflush(s->f) != 0 || ferror(s->f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
