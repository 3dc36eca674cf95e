/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seed_from_pcap.c - turn pcap files into a libFuzzer seed corpus: one file
 * per packet, in the fuzz target's input format (see fuzz_decode.c): a
 * link-type selector byte, a "wire length extra" byte, then the frame.
 * Usage: rk-fuzz-seed OUTDIR FILE.pcap...
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include "fuzz_input.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s OUTDIR FILE.pcap...\n", argv[0]);
		return 2;
	}
	unsigned written = 0;
	for (int i = 2; i < argc; i++) {
		char err[PCAP_ERRBUF_SIZE];
		pcap_t *p = pcap_open_offline(argv[i], err);
		if (!p) {
			fprintf(stderr, "rk-fuzz-seed: %s\n", err);
			return 2;
		}
		int sel = fuzz_selector_of(pcap_datalink(p));
		if (sel < 0) {
			pcap_close(p);
			continue;
		}
		struct pcap_pkthdr *h;
		const u_char *data;
		unsigned n = 0;
		while (pcap_next_ex(p, &h, &data) == 1) {
			char path[4096];
			const char *base = strrchr(argv[i], '/');
			snprintf(path, sizeof path, "%s/%s-%u", argv[1], base ? base + 1 : argv[i], ++n);
			FILE *f = fopen(path, "wb");
			if (!f) {
				perror(path);
				return 2;
			}
			unsigned extra = h->len > h->caplen ? h->len - h->caplen : 0;
			fputc(sel, f);
			fputc(extra > 255 ? 255 : (int)extra, f);
			fwrite(data, 1, h->caplen, f);
			fclose(f);
			written++;
		}
		pcap_close(p);
	}
	fprintf(stderr, "rk-fuzz-seed: %u seeds\n", written);
	return 0;
}
