/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_spec_captures.c - the spec round trip on real frames: every frame of
 * every classic pcap file in captures/ (kernel-made and synthetic fixtures,
 * truncated and malformed ones included) is decoded, printed as a spec
 * (minimal form, no fallback), parsed and built, and must give back its
 * captured bytes. The files are read here with a few lines of code, not
 * libpcap: unit tests link rawkit_core only.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/spec.h"
#include "testlib.h"

static uint8_t frame[262144 + 16];
static uint8_t built[262144 + 16];
static char text[2 * 262144 + 65536];
static struct rk_spec spec;
static struct rk_pkt pkt;

static uint32_t get32(const uint8_t *p, int swap)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

/* Round-trip every frame of one file; returns frames checked, -1 when the
   file is not classic pcap (pcapng, or not a capture). */
static long check_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t gh[24], rh[16];
	long n = 0;
	if (!f)
		return -1;
	if (fread(gh, 1, 24, f) != 24) {
		fclose(f);
		return -1;
	}
	uint32_t magic;
	memcpy(&magic, gh, 4);
	int swap;
	if (magic == 0xa1b2c3d4u || magic == 0xa1b23c4du)
		swap = 0;
	else if (magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u)
		swap = 1;
	else {
		fclose(f);
		return -1;
	}
	int linktype = (int)(get32(gh + 20, swap) & 0x0fffffffu);
	if (linktype == RK_LINKTYPE_RAW)
		linktype = RK_DLT_RAW;
	while (fread(rh, 1, 16, f) == 16) {
		uint32_t caplen = get32(rh + 8, swap), len = get32(rh + 12, swap);
		if (caplen > sizeof(frame) || fread(frame, 1, caplen, f) != caplen)
			break;
		n++;
		if (rk_decode(frame, caplen, len, linktype, &pkt) != RK_OK)
			continue; /* a link type the decoder does not know */
		int tl = rk_spec_format(&pkt, text, sizeof(text));
		CHECK(tl > 0);
		if (tl <= 0)
			continue;
		struct rk_spec_error err;
		int rc = rk_spec_parse(&spec, text, NULL, &err);
		CHECK_EQ(rc, RK_OK);
		if (rc != RK_OK) {
			fprintf(stderr, "  %s frame %ld: %s\n  spec:%u:%u: %s\n", path, n, text, err.line,
				err.col, err.msg);
			continue;
		}
		int bl = rk_spec_build(&spec, 0, built, sizeof(built));
		int same = bl == (int)caplen && memcmp(built, frame, caplen) == 0;
		CHECK(same);
		if (!same) {
			fprintf(stderr, "  %s frame %ld (%u bytes, built %d):\n  %s\n", path, n, caplen, bl, text);
			if (bl == (int)caplen)
				test_hexdiff(frame, built, caplen);
		}
	}
	fclose(f);
	return n;
}

int main(void)
{
	/* captures/ next to tests/: found from this file's own path. */
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", __FILE__);
	char *cut = strstr(dir, "tests/unit/test_spec_captures.c");
	if (!cut) {
		fprintf(stderr, "SKIP: cannot locate captures/ from %s\n", __FILE__);
		return TEST_END();
	}
	strcpy(cut, "captures");
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "SKIP: no %s\n", dir);
		return TEST_END();
	}
	long files = 0, frames = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 5, ".pcap") != 0)
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		long n = check_file(path);
		if (n >= 0) {
			files++;
			frames += n;
		}
	}
	closedir(d);
	fprintf(stderr, "%ld frames of %ld capture files round-tripped\n", frames, files);
	return TEST_END();
}
