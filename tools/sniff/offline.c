/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * offline.c - rk-sniff -r: read a pcap or pcapng file (or standard input)
 * with libpcap at the precision asked for, number every frame read, apply
 * the BPF filter with pcap_offline_filter() (so that frame numbers count
 * the frames the filter drops too), and hand the rest to the output sink
 * and/or the -w writer. As tcpdump does, a root process gives up its
 * privileges once the files are open: the decoder reads untrusted bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <pcap/pcap.h>
#include <string.h>
#include <sys/stat.h>
#include "sniff.h"
#include "tool.h"

/* libpcap's open errors often start with the file name already. */
static void open_error(const char *path, const char *msg)
{
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':')
		tool_warn("%s", msg);
	else
		tool_warn("%s: %s", path, msg);
}

/* How much of a file's start file_is_nano() reads: room for a pcapng
   file's section header and interface blocks before the first packet. */
#define SNIFF_HEAD_MAX 65536

/* True when m (got bytes) starts a nanosecond pcap: magic a1b23c4d, in
   either byte order. */
static bool pcap_is_nano(const uint8_t *m, size_t got)
{
	return got >= 4 && ((m[0] == 0xa1 && m[1] == 0xb2 && m[2] == 0x3c && m[3] == 0x4d) ||
			    (m[0] == 0x4d && m[1] == 0x3c && m[2] == 0xb2 && m[3] == 0xa1));
}

/* True when path is a capture file written with nanosecond timestamps: a
   pcap whose magic number says so, or a pcapng with an interface whose
   if_tsresol is finer than a microsecond (tsprec.c). Stdin and anything
   unreadable are taken as microseconds. */
static bool file_is_nano(const char *path)
{
	struct stat st;
	/* only a regular file: peeking into a FIFO would eat its first bytes */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	uint8_t *m = malloc(SNIFF_HEAD_MAX);
	if (!m)
		return false;
	FILE *f = fopen(path, "rb");
	size_t got = 0;
	if (f) {
		got = fread(m, 1, SNIFF_HEAD_MAX, f);
		fclose(f);
	}
	bool nano = pcap_is_nano(m, got) || sniff_pcapng_is_nano(m, got);
	free(m);
	return nano;
}

int sniff_offline(const struct sniff_opts *o, struct sniff_out *s)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	bool from_stdin = strcmp(o->read_file, "-") == 0;
	/* packet-json: "ts" carries the capture's precision, so JSON from a
	   nanosecond file has 9 digits even without --nano (text keeps
	   tcpdump's microseconds unless --nano). */
	bool nano = o->nano || (s && o->json && !from_stdin && file_is_nano(o->read_file));
	if (nano && s)
		s->fmt.ts_digits = 9;
	unsigned prec = nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
	const char *name = from_stdin ? "standard input" : o->read_file;
	pcap_t *p;
	struct sniff_priv pv;

	if (sniff_priv_prepare(&pv, o->user) < 0)
		return TOOL_EXIT_FAIL;
	if (from_stdin)
		p = pcap_fopen_offline_with_tstamp_precision(stdin, prec, errbuf);
	else
		p = pcap_open_offline_with_tstamp_precision(o->read_file, prec, errbuf);
	if (!p) {
		open_error(name, errbuf[0] ? errbuf : "cannot open");
		return TOOL_EXIT_FAIL;
	}

	struct bpf_program prog;
	bool filtering = false;
	if (o->filter) {
		if (pcap_compile(p, &prog, o->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			tool_warn("bad filter '%s': %s", o->filter, pcap_geterr(p));
			pcap_close(p);
			return TOOL_EXIT_FAIL;
		}
		filtering = true;
	}

	struct sniff_dump *dump = NULL;
	if (o->write_file && sniff_dump_open(&dump, o, p) < 0) {
		if (filtering)
			pcap_freecode(&prog);
		pcap_close(p);
		return TOOL_EXIT_FAIL;
	}
	bool keep_dac = dump && o->rotate_bytes && pv.root;
	if (sniff_priv_drop(&pv, keep_dac) < 0) {
		sniff_dump_discard(dump);
		if (filtering)
			pcap_freecode(&prog);
		pcap_close(p);
		return TOOL_EXIT_FAIL;
	}
	if (dump)
		sniff_dump_keep_dac(dump, keep_dac);

	int linktype = pcap_datalink(p);
	uint32_t ns_per_unit = nano ? 1 : 1000;
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t n = 0;
	int64_t printed = 0;
	int rc, status = TOOL_EXIT_OK;
	bool write_failed = false;

	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		n++;
		if (filtering && !pcap_offline_filter(&prog, h, data))
			continue;
		if (dump && sniff_dump_frame(dump, h, data) < 0) {
			write_failed = true;
			status = sniff_dump_epipe(dump) ? TOOL_EXIT_OK : TOOL_EXIT_FAIL;
			break;
		}
		if (s) {
			/* A pcap record's seconds are an unsigned 32-bit field,
			   which libpcap hands over sign-extended: after 2038
			   they come out negative. pcapng's 64-bit times never
			   do. */
			int64_t sec = h->ts.tv_sec;
			if (sec < 0 && sec >= INT32_MIN)
				sec += (int64_t)1 << 32;
			struct sniff_frame fr = {
				.n = n,
				.ts = {.sec = sec, .nsec = (uint32_t)h->ts.tv_usec * ns_per_unit},
				.data = data,
				.caplen = h->caplen,
				.len = h->len,
				.linktype = linktype,
			};
			if (sniff_out_frame(s, &fr) < 0) {
				tool_warn_errno(errno, "write error");
				status = TOOL_EXIT_FAIL;
				break;
			}
		}
		if (o->count && ++printed >= o->count)
			break;
	}
	if (rc == PCAP_ERROR) {
		tool_warn("%s: %s", name, pcap_geterr(p));
		status = TOOL_EXIT_FAIL;
	}
	if (s && sniff_out_flush(s) < 0 && status == TOOL_EXIT_OK) {
		tool_warn_errno(errno, "write error");
		status = TOOL_EXIT_FAIL;
	}
	if (dump && sniff_dump_close(dump) < 0 && !write_failed)
		status = TOOL_EXIT_FAIL;
	if (filtering)
		pcap_freecode(&prog);
	pcap_close(p);
	return status;
}
