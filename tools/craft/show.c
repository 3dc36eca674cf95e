/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * show.c - rk-craft's output: a packet as a tcpdump-style line, packet
 * JSON, a hex dump (fmt.h) or a spec (spec.h); the packets of a spec
 * printed or written to a pcap file without sending anything; and
 * --from-pcap, a capture file's frames printed the same ways.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "craft.h"
#include "rawkit/cap.h"
#include "rawkit/fmt.h"
#include "tool.h"

/* Scratch space for one formatted line and one rebuilt packet. */
static char line[RK_FMT_JSON_MAX > 4 * CRAFT_PKT_MAX ? RK_FMT_JSON_MAX : 4 * CRAFT_PKT_MAX];
static uint8_t rebuilt[CRAFT_PKT_MAX];
static struct rk_spec check;

static int write_out(const char *s, size_t n)
{
	return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

/* Does text build back to pkt's captured bytes? */
static bool builds_back(const char *text, const struct rk_pkt *pkt)
{
	if (rk_spec_parse(&check, text, NULL, NULL) != RK_OK)
		return false;
	int n = rk_spec_build(&check, 0, rebuilt, sizeof(rebuilt));
	return n == (int)pkt->caplen && memcmp(rebuilt, pkt->data, pkt->caplen) == 0;
}

int craft_spec_of(const struct rk_pkt *pkt, char *buf, size_t cap)
{
	int n = rk_spec_format(pkt, buf, cap);
	if (n > 0 && builds_back(buf, pkt))
		return n;
	n = rk_spec_format_ex(pkt, RK_SPEC_FMT_EXPLICIT, buf, cap);
	if (n > 0 && builds_back(buf, pkt))
		return n;
	/* Last resort, never needed by the tests: the bytes themselves. */
	static const char digits[] = "0123456789abcdef";
	if (cap < 5 + 2 * (size_t)pkt->caplen)
		return RK_E_NOSPACE;
	memcpy(buf, "hex:", 4);
	for (uint32_t i = 0; i < pkt->caplen; i++) {
		buf[4 + 2 * i] = digits[pkt->data[i] >> 4];
		buf[5 + 2 * i] = digits[pkt->data[i] & 15];
	}
	buf[4 + 2 * (size_t)pkt->caplen] = '\0';
	return (int)(4 + 2 * pkt->caplen);
}

int craft_print_pkt(const struct craft_opts *o, const struct rk_pkt *pkt, uint64_t n,
		    const struct timespec *ts, int ts_style, int64_t rtt_ns)
{
	struct rk_fmt_opts fo;
	struct rk_fmt_meta m = { .n = n, .ts = { .sec = ts->tv_sec, .nsec = (uint32_t)ts->tv_nsec } };
	int len;
	rk_fmt_opts_init(&fo);
	fo.ts_style = (uint8_t)ts_style;
	fo.ts_digits = 6;
	m.ref = m.ts;

	switch (o->out) {
	case CRAFT_OUT_SPEC:
		len = craft_spec_of(pkt, line, sizeof(line) - 1);
		if (len < 0) {
			tool_warn("packet %llu: %s", (unsigned long long)n, rk_strerror(len));
			return 0;
		}
		line[len++] = '\n'; /* no rtt: the line stays a spec */
		return write_out(line, (size_t)len);
	case CRAFT_OUT_JSON:
		len = rk_fmt_json(line, sizeof(line) - 32, pkt, &m, &fo);
		if (len < 2)
			return 0;
		if (rtt_ns >= 0) /* one more key, before the closing brace */
			len = len - 2 + snprintf(line + len - 2, 34, ",\"rtt_ms\":%.3f}\n", (double)rtt_ns / 1e6);
		return write_out(line, (size_t)len);
	default:
		len = rk_fmt_text(line, sizeof(line) - 32, pkt, &m, &fo);
		if (len < 1)
			return 0;
		if (rtt_ns >= 0)
			len = len - 1 + snprintf(line + len - 1, 32, " rtt %.3f ms\n", (double)rtt_ns / 1e6);
		if (write_out(line, (size_t)len))
			return -1;
		if (o->hex) {
			len = rk_fmt_hex(line, sizeof(line), pkt->data, pkt->caplen, 0, RK_HEX_ASCII);
			if (len > 0 && write_out(line, (size_t)len))
				return -1;
		}
		return 0;
	}
}

static int write_failed(void)
{
	tool_warn_errno(errno, "standard output");
	return TOOL_EXIT_FAIL;
}

int craft_show_spec(const struct craft_opts *o, const struct rk_spec *spec)
{
	static uint8_t buf[CRAFT_PKT_MAX];
	static struct rk_pkt pkt;
	char err[RK_ERRBUF_SIZE];
	struct rk_dump *dump = NULL;
	int linktype = rk_spec_linktype(spec);
	uint64_t count = rk_spec_count(spec), n = 0;

	if (o->write_file && rk_dump_open(&dump, o->write_file, linktype, 0, err) != RK_OK) {
		tool_warn("%s", err);
		return TOOL_EXIT_FAIL;
	}
	for (int64_t rep = 0; rep < o->count; rep++) {
		for (uint64_t i = 0; i < count; i++) {
			struct timespec ts;
			int len = rk_spec_build(spec, (uint64_t)rep * count + i, buf, sizeof(buf));
			if (len < 0) {
				tool_warn("packet %llu: %s", (unsigned long long)n + 1, rk_strerror(len));
				rk_dump_close(dump, NULL);
				return TOOL_EXIT_FAIL;
			}
			n++;
			clock_gettime(CLOCK_REALTIME, &ts);
			if (dump) {
				if (rk_dump_write(dump, buf, (uint32_t)len, (uint32_t)len, &ts, err) != RK_OK) {
					tool_warn("%s", err);
					rk_dump_close(dump, NULL);
					return TOOL_EXIT_FAIL;
				}
				continue;
			}
			(void)rk_decode(buf, (uint32_t)len, (uint32_t)len, linktype, &pkt);
			if (craft_print_pkt(o, &pkt, n, &ts, RK_TS_NONE, -1))
				return write_failed();
		}
	}
	if (dump && rk_dump_close(dump, err) != RK_OK) {
		tool_warn("%s", err);
		return TOOL_EXIT_FAIL;
	}
	if (fflush(stdout) != 0)
		return write_failed();
	return TOOL_EXIT_OK;
}

int craft_from_pcap(const struct craft_opts *o)
{
	static struct rk_pkt pkt;
	char err[RK_ERRBUF_SIZE];
	struct rk_cap *cap;
	struct rk_frame f;
	uint64_t n = 0;
	int rc;

	if (rk_cap_open_file(&cap, o->from_pcap, err) != RK_OK) {
		tool_warn("%s", err);
		return TOOL_EXIT_FAIL;
	}
	while ((rc = rk_cap_next(cap, &f, err)) > 0) {
		n++;
		if (rk_decode(f.data, f.caplen, f.len, f.linktype, &pkt) == RK_E_UNSUPPORTED) {
			const char *name = rk_linktype_name(f.linktype);
			tool_warn("%s: link type %d (%s) is not supported", o->from_pcap, f.linktype,
				  name ? name : "unknown");
			rk_cap_close(cap);
			return TOOL_EXIT_FAIL;
		}
		if (craft_print_pkt(o, &pkt, n, &f.ts, RK_TS_EPOCH, -1)) {
			rk_cap_close(cap);
			return write_failed();
		}
	}
	rk_cap_close(cap);
	if (rc != RK_E_EOF) {
		tool_warn("%s: %s", o->from_pcap, err);
		return TOOL_EXIT_FAIL;
	}
	if (fflush(stdout) != 0)
		return write_failed();
	return TOOL_EXIT_OK;
}
