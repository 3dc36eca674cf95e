/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_synscan_reply.c - rk-synscan's reading of captured replies
 * (tools/synscan/reply.c, with neigh.c's ARP and neighbour-solicitation
 * parsing) on any bytes. The first byte picks the link type, the rest is
 * the frame. The scan is fixed: 192.0.2.0/28 and 2001:db8::/124, ports
 * 1-1024, our addresses 192.0.2.100 and 2001:db8::100 (documentation
 * addresses; nothing is sent: the answer socket is not open). Results go
 * to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/synscan/scan.h"
#include "rawkit/link.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct scan scan;

static void die(const char *what)
{
	fprintf(stderr, "fuzz_synscan_reply: %s\n", what);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct scan *sc = &scan;
	const char *why = NULL;
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))
		die("no /dev/null");
	rk_targets_init(&sc->targets, 0, 0);
	if (rk_targets_add(&sc->targets, "192.0.2.0/28", &why) != RK_OK ||
	    rk_targets_add(&sc->targets, "2001:db8::/124", &why) != RK_OK ||
	    rk_targets_finish(&sc->targets, &why) != RK_OK)
		die("targets");
	rk_ports_init(&sc->ports);
	if (rk_ports_parse(&sc->ports, "1-1024", &why) != RK_OK ||
	    rk_ports_finish(&sc->ports, &why) != RK_OK)
		die("ports");
	sc->nprobes = rk_targets_count(&sc->targets) * sc->ports.n;
	if (rk_perm_init(&sc->perm, sc->nprobes, 1) != RK_OK)
		die("perm");
	static const uint8_t key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	rk_siphash_key_from_bytes(&sc->key, key);
	sc->have_src4 = sc->have_src6 = true;
	sc->src4 = 0xc0000264; /* 192.0.2.100 */
	static const uint8_t src6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x64};
	memcpy(sc->src6, src6, 16);
	sc->sport_base = 40000;
	sc->sport_count = 16;
	sc->shards = 1;
	sc->json = true;
	sc->arp_answer = sc->nd_answer = true;
	sc->nb_fd = -1;
	if (results_init(&sc->res, 1024) != 0)
		die("results");
	pthread_mutex_init(&sc->out_lock, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int linktypes[] = {RK_DLT_EN10MB, RK_DLT_LINUX_SLL, RK_DLT_LINUX_SLL2,
					RK_DLT_RAW,    RK_DLT_IPV4,	 RK_DLT_IPV6,
					RK_DLT_NULL,   RK_DLT_LOOP};
	if (size < 1)
		return 0;
	struct rk_frame f = {.data = data + 1,
			     .caplen = (uint32_t)(size - 1),
			     .len = (uint32_t)(size - 1),
			     .linktype =
				 linktypes[data[0] % (sizeof linktypes / sizeof linktypes[0])]};
	scan.linktype = f.linktype;
	recv_frame(&scan, &f);
	return 0;
}
