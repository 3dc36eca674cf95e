/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dump.c - rk-sniff -w: pcap files written the way tcpdump writes them
 * (file header from libpcap itself, records in host byte order, micro- or
 * nanosecond as the capture was opened), with tcpdump's -C/-W rotation and
 * file names, but buffered in one large block written with write(2) after
 * each batch the kernel hands over (or each frame with -U), instead of two
 * fwrite() calls per frame into a 4 KiB stdio buffer. The file is whole at
 * every batch boundary, so a signal ending the capture loses nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sniff.h"
#include "tool.h"

#define DUMP_BUFSIZE (1u << 20)
#define PCAP_HDR_MAX 64
#define REC_HDR 16

struct sniff_dump {
	int fd;
	bool to_stdout;
	bool keep_dac;          /* root after -Z: raise CAP_DAC_OVERRIDE to open */
	bool per_frame;         /* -U */
	bool epipe;
	const char *base;       /* -w FILE as given */
	char *name;             /* the current file */
	size_t name_cap;
	unsigned char hdr[PCAP_HDR_MAX];
	size_t hdr_len;
	unsigned char *buf;
	size_t used;
	uint64_t size;          /* bytes of the current file: written + buffered */
	int64_t limit;          /* -C in bytes (0: never rotate) */
	int nfiles;             /* -W (0: no limit) */
	int digits;             /* width of the file number with -W */
	int index;              /* number of the current file */
	bool created;           /* this run created the current file */
};

/* The header pcap_dump_open() would write for frames of p: libpcap maps
   the DLT to its LINKTYPE and picks the magic from p's precision. */
static int make_header(struct sniff_dump *d, pcap_t *p)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f) {
		tool_warn_errno(errno, "open_memstream");
		return -1;
	}
	pcap_dumper_t *pd = pcap_dump_fopen(p, f);
	if (!pd) {
		tool_warn("%s: %s", d->base, pcap_geterr(p));
		fclose(f);
		free(mem);
		return -1;
	}
	pcap_dump_close(pd); /* fclose(f): mem and len are final */
	if (len < 24 || len > sizeof d->hdr) {
		tool_warn("%s: unexpected pcap file header (%zu bytes)", d->base, len);
		free(mem);
		return -1;
	}
	memcpy(d->hdr, mem, len);
	d->hdr_len = len;
	free(mem);
	return 0;
}

/* tcpdump's MakeFilename(): FILE for the first file without -W, else FILE
   followed by the number, zero-padded to the digits of -W's largest. */
static void file_name(struct sniff_dump *d, int index)
{
	if (index == 0 && d->digits == 0)
		snprintf(d->name, d->name_cap, "%s", d->base);
	else
		snprintf(d->name, d->name_cap, "%s%0*d", d->base, d->digits, index);
}

static int write_all(struct sniff_dump *d, const void *p, size_t n)
{
	const unsigned char *c = p;
	while (n) {
		ssize_t w = write(d->fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (errno == EPIPE && d->to_stdout)
				d->epipe = true;
			else
				tool_warn_errno(errno, "%s: write error", d->name);
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Create the file, or (it exists) truncate it. Only a regular file this
   run created is ever removed again (sniff_dump_discard): never a file
   that was there before, and never a device such as /dev/null. */
static int open_file(struct sniff_dump *d)
{
	if (d->keep_dac)
		sniff_priv_dac(true);
	d->created = true;
	d->fd = open(d->name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (d->fd < 0 && errno == EEXIST) {
		d->created = false;
		d->fd = open(d->name, O_WRONLY | O_TRUNC | O_CLOEXEC);
	}
	int err = errno;
	if (d->keep_dac)
		sniff_priv_dac(false);
	if (d->fd < 0) {
		tool_warn_errno(err, "%s", d->name);
		return -1;
	}
	memcpy(d->buf, d->hdr, d->hdr_len);
	d->used = d->hdr_len;
	d->size = d->hdr_len;
	return 0;
}

int sniff_dump_open(struct sniff_dump **out, const struct sniff_opts *o, pcap_t *p)
{
	*out = NULL;
	struct sniff_dump *d = calloc(1, sizeof *d);
	if (!d)
		tool_die("out of memory");
	d->fd = -1;
	d->base = o->write_file;
	d->to_stdout = strcmp(o->write_file, "-") == 0;
	d->per_frame = o->packet_buffered;
	d->limit = o->rotate_bytes;
	d->nfiles = o->rotate_files;
	for (int x = d->nfiles - 1; x > 0; x /= 10)
		d->digits++;
	d->name_cap = strlen(d->base) + 32; /* a number, or "standard output" */
	d->name = malloc(d->name_cap);
	d->buf = malloc(DUMP_BUFSIZE);
	if (!d->name || !d->buf)
		tool_die("out of memory");
	if (make_header(d, p) < 0) {
		free(d->name);
		free(d->buf);
		free(d);
		return -1;
	}
	if (d->to_stdout) {
		snprintf(d->name, d->name_cap, "standard output");
		d->fd = STDOUT_FILENO;
		memcpy(d->buf, d->hdr, d->hdr_len);
		d->used = d->size = d->hdr_len;
	} else {
		file_name(d, 0);
		if (open_file(d) < 0) {
			free(d->name);
			free(d->buf);
			free(d);
			return -1;
		}
	}
	/* The header goes out at once: the file is a valid, empty capture
	   from the start (a reader on -w - sees the link type at once). */
	if (sniff_dump_flush(d) < 0) {
		sniff_dump_discard(d);
		return -1;
	}
	*out = d;
	return 0;
}

void sniff_dump_keep_dac(struct sniff_dump *d, bool on)
{
	d->keep_dac = on;
}

bool sniff_dump_epipe(const struct sniff_dump *d)
{
	return d && d->epipe;
}

int sniff_dump_flush(struct sniff_dump *d)
{
	if (!d->used)
		return 0;
	size_t n = d->used;
	d->used = 0;
	return write_all(d, d->buf, n);
}

static int rotate(struct sniff_dump *d)
{
	if (sniff_dump_flush(d) < 0)
		return -1;
	if (close(d->fd) < 0) {
		tool_warn_errno(errno, "%s: write error", d->name);
		d->fd = -1;
		return -1;
	}
	d->fd = -1;
	d->index++;
	if (d->nfiles > 0 && d->index >= d->nfiles)
		d->index = 0;
	file_name(d, d->index);
	return open_file(d);
}

int sniff_dump_frame(struct sniff_dump *d, const struct pcap_pkthdr *h, const uint8_t *data)
{
	/* tcpdump rotates before a frame once the file is over the limit,
	   counting what is still buffered (pcap_dump_ftell). */
	if (d->limit && d->size > (uint64_t)d->limit && rotate(d) < 0)
		return -1;
	uint32_t caplen = h->caplen;
	size_t need = REC_HDR + caplen;
	if (DUMP_BUFSIZE - d->used < need && sniff_dump_flush(d) < 0)
		return -1;
	uint32_t rec[4] = {(uint32_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, caplen, h->len};
	unsigned char *w = d->buf + d->used;
	memcpy(w, rec, REC_HDR);
	if (need <= DUMP_BUFSIZE) {
		memcpy(w + REC_HDR, data, caplen);
		d->used += need;
	} else {
		/* Larger than the buffer (only with a snap length past 1 MiB,
		   which libpcap does not give): straight through. */
		d->used += REC_HDR;
		if (sniff_dump_flush(d) < 0 || write_all(d, data, caplen) < 0)
			return -1;
	}
	d->size += need;
	if (d->per_frame)
		return sniff_dump_flush(d);
	return 0;
}

int sniff_dump_close(struct sniff_dump *d)
{
	if (!d)
		return 0;
	int rc = d->epipe ? -1 : sniff_dump_flush(d);
	if (!d->to_stdout && d->fd >= 0 && close(d->fd) < 0 && rc == 0) {
		tool_warn_errno(errno, "%s: write error", d->name);
		rc = -1;
	}
	free(d->name);
	free(d->buf);
	free(d);
	return rc;
}

void sniff_dump_discard(struct sniff_dump *d)
{
	if (!d)
		return;
	if (!d->to_stdout) {
		/* Setup failed before the first frame: only file 0 exists. */
		struct stat st;
		bool regular = d->fd >= 0 && fstat(d->fd, &st) == 0 && S_ISREG(st.st_mode);
		if (d->fd >= 0)
			close(d->fd);
		if (d->created && regular)
			(void)unlink(d->name);
	}
	free(d->name);
	free(d->buf);
	free(d);
}
