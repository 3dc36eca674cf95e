/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_tsprec.c - rk-sniff's pcapng precision reader (tools/sniff/tsprec.c)
 * on hand-built files: if_tsresol in decimal and binary, both byte orders,
 * several interfaces and sections, interfaces after the first packet;
 * and on broken ones (cut at every length, zero, short, odd and
 * overlong block lengths, overlong options, mutated bytes), each passed
 * in a buffer of exactly its size so that ASan sees any read past it.
 */
#include <stdlib.h>
#include <string.h>

#include "sniff.h"
#include "testlib.h"

#define SHB 0x0A0D0D0Au
#define IDB 1u
#define PB 2u
#define SPB 3u
#define NRB 4u
#define EPB 6u
#define NONE (-1) /* idb(): no if_tsresol option */

/* A file being built, in one section's byte order. */
struct file {
	uint8_t b[1024];
	size_t n;
	bool le;
};

static void put8(struct file *f, uint8_t v)
{
	if (f->n < sizeof f->b)
		f->b[f->n++] = v;
}

static void put16(struct file *f, uint16_t v)
{
	put8(f, (uint8_t)(f->le ? v : v >> 8));
	put8(f, (uint8_t)(f->le ? v >> 8 : v));
}

static void put32(struct file *f, uint32_t v)
{
	put16(f, (uint16_t)(f->le ? v : v >> 16));
	put16(f, (uint16_t)(f->le ? v >> 16 : v));
}

static void pad(struct file *f)
{
	while (f->n % 4)
		put8(f, 0);
}

/* Write 32 bits at offset off, in the file's byte order. */
static void patch32(struct file *f, size_t off, uint32_t v)
{
	size_t n = f->n;
	f->n = off;
	put32(f, v);
	f->n = n;
}

/* Start a block: its type and a total length end() fills in. */
static size_t begin(struct file *f, uint32_t type)
{
	size_t start = f->n;
	put32(f, type);
	put32(f, 0);
	return start;
}

/* Pad, append the trailing length and set the leading one. */
static void end(struct file *f, size_t start)
{
	pad(f);
	uint32_t total = (uint32_t)(f->n - start + 4);
	put32(f, total);
	patch32(f, start + 4, total);
}

static void option(struct file *f, uint16_t code, const void *val, uint16_t len)
{
	put16(f, code);
	put16(f, len);
	for (uint16_t i = 0; i < len; i++)
		put8(f, ((const uint8_t *)val)[i]);
	pad(f);
}

/* A Section Header Block, version 1.0, section length unknown; le sets
   the byte order of the section it starts. */
static void shb(struct file *f, bool le)
{
	f->le = le;
	size_t s = begin(f, SHB);
	put32(f, 0x1A2B3C4D);
	put16(f, 1);
	put16(f, 0);
	put32(f, 0xffffffff);
	put32(f, 0xffffffff);
	option(f, 4, "rawkit", 6); /* shb_userappl */
	option(f, 0, NULL, 0);
	end(f, s);
}

/* An Ethernet interface with if_tsresol tsresol (NONE: no option). */
static void idb(struct file *f, int tsresol)
{
	size_t s = begin(f, IDB);
	put16(f, 1);
	put16(f, 0);
	put32(f, 262144);
	option(f, 2, "eth0", 4); /* if_name */
	if (tsresol != NONE) {
		uint8_t v = (uint8_t)tsresol;
		option(f, 9, &v, 1);
	}
	option(f, 0, NULL, 0);
	end(f, s);
}

/* A packet block of the given type (EPB, SPB or PB) with 4 bytes. */
static void packet(struct file *f, uint32_t type)
{
	size_t s = begin(f, type);
	if (type != SPB) {
		put32(f, 0);          /* interface (and PB's drop count) */
		put32(f, 0x00060a0b); /* time stamp, high */
		put32(f, 0x0c0d0e0f); /* time stamp, low */
		put32(f, 4);          /* captured length */
	}
	put32(f, 4);                  /* original length */
	put32(f, 0xc0000201);         /* 192.0.2.1: not a frame, only bytes */
	end(f, s);
}

/* The parser on exactly len bytes of p, in a buffer of its own. */
static bool nano_n(const uint8_t *p, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	if (len)
		memcpy(copy, p, len);
	bool r = sniff_pcapng_is_nano(copy, len);
	free(copy);
	return r;
}

static bool nano(const struct file *f)
{
	return nano_n(f->b, f->n);
}

/* SHB, one IDB with tsresol, one EPB, little-endian. */
static bool one_idb(int tsresol)
{
	struct file f = {.n = 0};
	shb(&f, true);
	idb(&f, tsresol);
	packet(&f, EPB);
	return nano(&f);
}

static void test_resolutions(void)
{
	CHECK(!one_idb(NONE));         /* absent: 10^-6 */
	CHECK(!one_idb(6));            /* microseconds */
	CHECK(!one_idb(0));            /* seconds */
	CHECK(!one_idb(3));            /* milliseconds */
	CHECK(one_idb(7));             /* 10^-7 */
	CHECK(one_idb(9));             /* nanoseconds */
	CHECK(one_idb(12));            /* picoseconds */
	CHECK(one_idb(0x80 | 30));     /* 2^-30 */
	CHECK(!one_idb(0x80 | 10));    /* 2^-10: about a millisecond */
	CHECK(!one_idb(0x80 | 19));    /* 2^-19: 1.9 us */
	CHECK(one_idb(0x80 | 20));     /* 2^-20: 0.95 us */
	CHECK(!one_idb(0x80));         /* 2^0 */
}

static void test_big_endian(void)
{
	struct file f = {.n = 0};
	shb(&f, false);
	idb(&f, 9);
	packet(&f, EPB);
	CHECK(f.b[8] == 0x1A && f.b[11] == 0x4D);
	CHECK(nano(&f));

	f.n = 0;
	shb(&f, false);
	idb(&f, NONE);
	packet(&f, EPB);
	CHECK(!nano(&f));

	f.n = 0;
	shb(&f, false);
	idb(&f, 0x80 | 30);
	CHECK(nano(&f)); /* no packet at all: the interfaces still count */
}

static void test_interfaces(void)
{
	struct file f = {.n = 0};
	/* Two interfaces, the second in nanoseconds. */
	shb(&f, true);
	idb(&f, 6);
	idb(&f, 9);
	packet(&f, EPB);
	CHECK(nano(&f));

	/* Other blocks between them are skipped. */
	f.n = 0;
	shb(&f, true);
	size_t s = begin(&f, NRB);
	put32(&f, 0);
	end(&f, s);
	idb(&f, NONE);
	s = begin(&f, 0x00000BAD); /* custom block */
	put32(&f, 32473);
	end(&f, s);
	idb(&f, 9);
	packet(&f, EPB);
	CHECK(nano(&f));

	/* A second section, in the other byte order. */
	f.n = 0;
	shb(&f, true);
	idb(&f, NONE);
	shb(&f, false);
	idb(&f, 9);
	packet(&f, EPB);
	CHECK(nano(&f));

	/* An interface after the first packet block is not looked at. */
	const uint32_t first[] = {EPB, SPB, PB};
	for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
		f.n = 0;
		shb(&f, true);
		idb(&f, NONE);
		packet(&f, first[i]);
		idb(&f, 9);
		packet(&f, EPB);
		CHECK(!nano(&f));
	}

	/* Options after opt_endofopt are not options. */
	f.n = 0;
	shb(&f, true);
	s = begin(&f, IDB);
	put16(&f, 1);
	put16(&f, 0);
	put32(&f, 0);
	option(&f, 0, NULL, 0);
	option(&f, 9, "\x09", 1);
	end(&f, s);
	CHECK(!nano(&f));

	/* No options at all, and options without opt_endofopt. */
	f.n = 0;
	shb(&f, true);
	s = begin(&f, IDB);
	put16(&f, 1);
	put16(&f, 0);
	put32(&f, 0);
	end(&f, s);
	size_t bare = f.n;
	s = begin(&f, IDB);
	put16(&f, 1);
	put16(&f, 0);
	put32(&f, 0);
	option(&f, 1, "a comment", 9);
	option(&f, 9, "\x09", 1);
	end(&f, s);
	CHECK(!nano_n(f.b, bare));
	CHECK(nano(&f));
}

/* A valid nanosecond file cut at every length: nano exactly when its
   whole interface block is there. */
static void test_truncated(void)
{
	for (int le = 0; le <= 1; le++) {
		struct file f = {.n = 0};
		shb(&f, le);
		size_t shb_end = f.n;
		idb(&f, 9);
		size_t idb_end = f.n;
		packet(&f, EPB);
		for (size_t len = 0; len <= f.n; len++) {
			bool want = len >= idb_end;
			bool got = nano_n(f.b, len);
			CHECK_EQ(got, want);
			if (got != want)
				fprintf(stderr, "  cut at %zu (SHB ends at %zu, IDB at %zu)\n",
					len, shb_end, idb_end);
		}
	}
	CHECK(!sniff_pcapng_is_nano(NULL, 0));
}

/* A nanosecond file whose IDB (at idb) is changed by fix, then looked at. */
static bool broken(void (*fix)(struct file *f, size_t idb))
{
	struct file f = {.n = 0};
	shb(&f, true);
	size_t at = f.n;
	idb(&f, 9);
	packet(&f, EPB);
	fix(&f, at);
	return nano(&f);
}

static void len_zero(struct file *f, size_t at)
{
	patch32(f, at + 4, 0);
}

static void len_eight(struct file *f, size_t at)
{
	patch32(f, at + 4, 8);
}

static void len_odd(struct file *f, size_t at)
{
	patch32(f, at + 4, 30);
}

static void len_past_end(struct file *f, size_t at)
{
	patch32(f, at + 4, 0x1000);
}

static void len_huge(struct file *f, size_t at)
{
	patch32(f, at + 4, 0xfffffffc);
}

static void trailer_differs(struct file *f, size_t at)
{
	uint32_t total = (uint32_t)f->b[at + 4] | (uint32_t)f->b[at + 5] << 8;
	patch32(f, at + total - 4, total + 4);
}

/* The IDB's options start at at + 16 with if_name (4 bytes): the
   if_tsresol option header is at at + 24. */
static void opt_len_huge(struct file *f, size_t at)
{
	CHECK(f->b[at + 24] == 9);
	f->b[at + 26] = 0xff;
	f->b[at + 27] = 0xff;
}

static void opt_len_past_block(struct file *f, size_t at)
{
	f->b[at + 26] = 12; /* 12 bytes from at + 28: past the IDB's end */
}

static void opt_len_two(struct file *f, size_t at)
{
	f->b[at + 26] = 2;
}

static void bad_bom(struct file *f, size_t at)
{
	(void)at;
	f->b[8] = 0x1B;
}

static void shb_len_zero(struct file *f, size_t at)
{
	(void)at;
	patch32(f, 4, 0);
}

static void shb_too_short(struct file *f, size_t at)
{
	(void)at;
	patch32(f, 4, 16); /* the byte-order magic, then the trailing length */
	patch32(f, 12, 16);
}

static void not_pcapng(struct file *f, size_t at)
{
	(void)at;
	patch32(f, 0, 0xa1b23c4d); /* a pcap's magic */
}

static void test_malformed(void)
{
	CHECK(!broken(len_zero));
	CHECK(!broken(len_eight));
	CHECK(!broken(len_odd));
	CHECK(!broken(len_past_end));
	CHECK(!broken(len_huge));
	CHECK(!broken(trailer_differs));
	CHECK(!broken(opt_len_huge));
	CHECK(!broken(opt_len_past_block));
	CHECK(!broken(opt_len_two));
	CHECK(!broken(bad_bom));
	CHECK(!broken(shb_len_zero));
	CHECK(!broken(shb_too_short));
	CHECK(!broken(not_pcapng));

	/* A malformed block after a nanosecond interface: the file is
	   broken, not nano. A zero length must not loop. */
	struct file f = {.n = 0};
	shb(&f, true);
	idb(&f, 9);
	put32(&f, NRB);
	put32(&f, 0);
	put32(&f, 0);
	CHECK(!nano(&f));
}

/* Every byte of a valid file set to a few values, and random tails after
   a valid section header: any answer, but no crash (ASan, UBSan). */
static void test_mutated(void)
{
	struct file f = {.n = 0};
	shb(&f, true);
	size_t shb_end = f.n;
	idb(&f, 6);
	idb(&f, 9);
	packet(&f, EPB);
	const uint8_t vals[] = {0x00, 0x01, 0x03, 0x04, 0x09, 0x0c, 0x7f, 0x80, 0xff};
	int yes = 0;
	for (size_t i = 0; i < f.n; i++) {
		uint8_t keep = f.b[i];
		for (size_t v = 0; v < sizeof vals; v++) {
			f.b[i] = vals[v];
			yes += nano(&f);
		}
		f.b[i] = keep;
	}
	CHECK(yes > 0);

	uint32_t x = 12345;
	for (int round = 0; round < 2000; round++) {
		size_t len = shb_end + (size_t)(round % 97);
		for (size_t i = shb_end; i < len; i++) {
			x = x * 1103515245u + 12345u;
			uint8_t r = (uint8_t)(x >> 16);
			f.b[i] = (i % 4 == 0 && r < 64) ? (uint8_t)(r % 8) : r;
		}
		(void)nano_n(f.b, len);
	}
	CHECK(1);
}

int main(void)
{
	test_resolutions();
	test_big_endian();
	test_interfaces();
	test_truncated();
	test_malformed();
	test_mutated();
	return TEST_END();
}
