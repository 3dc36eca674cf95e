/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-sniff: print the frames of a capture file like tcpdump -n -S,
 * or as packet JSON (shared/packet-json.md). The command line is opts.c's,
 * the output sink out.c's, the file reader offline.c's; a live reader joins
 * them later.
 */
#include <stdlib.h>
#include "sniff.h"
#include "tool.h"

int main(int argc, char **argv)
{
	struct sniff_opts opts;
	tool_init("rk-sniff");
	sniff_opts_parse(&opts, argc, argv);

	/* The sink holds a decoded frame; keep it off the stack. */
	struct sniff_out *out = malloc(sizeof *out);
	if (!out)
		tool_die("out of memory");
	sniff_out_init(out, stdout, &opts);
	int status = sniff_offline(&opts, out);
	free(out);
	sniff_opts_free(&opts);
	return status;
}
