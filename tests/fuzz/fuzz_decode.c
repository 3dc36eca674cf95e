/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_decode.c - libFuzzer target over rk_decode and every formatter, for
 * every link type (input format: fuzz_input.h). The frame is copied into a
 * heap block of exactly caplen bytes so AddressSanitizer catches a read one
 * byte past the capture. Checked on every input:
 *  - the layer table is consistent (offsets and captured header bytes
 *    inside caplen, a truncated layer only last, error only with a
 *    malformed layer);
 *  - the JSON line parses as JSON (json_check.h), and is one line;
 *  - the text line is one line; the hex dumps fit their stated bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "json_check.h"
#include "rawkit/fmt.h"
#include "rawkit/pkt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_layers(const struct rk_pkt *p)
{
	if (p->n > RK_PKT_MAX_LAYERS)
		abort();
	int malformed = 0;
	for (unsigned i = 0; i < p->n; i++) {
		const struct rk_layer *l = &p->layer[i];
		if (l->kind == RK_LAYER_NONE || l->kind >= RK_LAYER_KIND_COUNT)
			abort();
		if (l->offset > p->caplen || l->cap_len > p->caplen - l->offset)
			abort();
		if ((l->flags & (RK_LAYER_TRUNCATED | RK_LAYER_MALFORMED)) && i + 1 != p->n)
			abort(); /* decoding stops after a truncated or malformed layer */
		malformed |= (l->flags & RK_LAYER_MALFORMED) != 0;
	}
	if (!!p->error != malformed)
		abort();
}

static void one_line(const char *s, int n)
{
	if (n <= 0 || s[n - 1] != '\n' || memchr(s, '\n', (size_t)n - 1))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[RK_FMT_JSON_MAX];
	if (size < 2)
		return 0;
	int linktype = fuzz_linktypes[data[0] % FUZZ_NLINKTYPES];
	uint32_t caplen = (uint32_t)(size - 2);
	uint8_t *frame = malloc(caplen ? caplen : 1);
	if (!frame)
		return 0;
	memcpy(frame, data + 2, caplen);

	struct rk_pkt p;
	if (rk_decode(frame, caplen, caplen + data[1], linktype, &p) != RK_OK)
		abort();
	check_layers(&p);

	struct rk_fmt_opts o;
	rk_fmt_opts_init(&o);
	o.ts_digits = (data[0] & 0x80) ? 9 : 6;
	o.link = (data[0] & 0x40) != 0;
	struct rk_fmt_meta m = {.n = 1, .ts = {1700000000, 123456789}, .ref = {1700000000, 0}};

	int n = rk_fmt_json(out, sizeof out, &p, &m, &o);
	one_line(out, n);
	if (!json_check(out, (size_t)n - 1))
		abort();
	n = rk_fmt_text(out, RK_FMT_TEXT_MAX, &p, &m, &o);
	one_line(out, n);
	uint32_t skip = rk_fmt_link_len(&p);
	if (skip > caplen)
		abort();
	size_t hex_len = caplen - skip < 1024 ? caplen - skip : 1024;
	n = rk_fmt_hex(out, rk_fmt_hex_size(hex_len), frame + skip, hex_len, 0, RK_HEX_ASCII);
	if (n < 0 || (size_t)n > rk_fmt_hex_size(hex_len))
		abort();
	free(frame);
	return 0;
}
