/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-sniff: capture live (live.c) or read a capture file
 * (offline.c), print each frame like tcpdump -n -S or as packet JSON
 * (shared/packet-json.md) through the output sink (out.c), and/or write
 * the frames to a pcap file (dump.c). The command line is opts.c's.
 */
#include <stdlib.h>
#include "sniff.h"
#include "tool.h"

int main(int argc, char **argv)
{
	struct sniff_opts opts;
	tool_init("rk-sniff");
	sniff_opts_parse(&opts, argc, argv);
	if (opts.list_ifaces) {
		sniff_opts_free(&opts);
		return sniff_list_ifaces();
	}

	/* The sink holds a decoded frame; keep it off the stack. */
	struct sniff_out *out = NULL;
	if (sniff_printing(&opts)) {
		out = malloc(sizeof *out);
		if (!out)
			tool_die("out of memory");
		sniff_out_init(out, stdout, &opts);
	}
	int status = opts.read_file ? sniff_offline(&opts, out) : sniff_live(&opts, out);
	free(out);
	sniff_opts_free(&opts);
	return status;
}
