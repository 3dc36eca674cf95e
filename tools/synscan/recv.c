/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * recv.c - rk-synscan's receive side: a thread reading a libpcap capture
 * (a large kernel ring, a BPF filter on replies to our address and source
 * ports, and on address resolution for an unowned source) so that sending
 * never waits for receiving. Each frame goes to reply.c.
 */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "scan.h"
#include "util.h"

#define SNAPLEN 256
#define RING_MIN (4u << 20)
#define RING_MAX (64u << 20)
#define RING_PER_REPLY 128

int recv_open(struct scan *sc, char *errbuf)
{
	struct rk_cap_opts o;
	char filter[1024], part[320];
	const char *dev = sc->ifname[0] ? sc->ifname : "any";

	rk_cap_opts_init(&o);
	o.snaplen = SNAPLEN;
	o.promisc = false;
	/* Block mode (TPACKET_V3) moves many replies per wakeup; a block is
	   handed over at the latest 2 ms after its first reply, so the end of
	   a scan is seen quickly. */
	o.immediate = false;
	o.timeout_ms = 2;
	/* 128 bytes per probe, 4-64 MiB: room for every reply (a TPACKET_V3
	   frame of a SYN-ACK or RST is about 128 bytes), or for 0.5 s of them
	   at 1 M/s when this thread is starved of CPU by the senders. More
	   would only cost setup time: the kernel zeroes the whole ring. */
	uint64_t replies = rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards);
	uint64_t ring = replies < RING_MAX / RING_PER_REPLY ? replies * RING_PER_REPLY : RING_MAX;
	o.buffer_size = (int)(ring < RING_MIN ? RING_MIN : ring);
	int r = rk_cap_open_live(&sc->cap, dev, &o, errbuf);
	if (r != RK_OK)
		return r;
	sc->linktype = rk_cap_linktype(sc->cap);

	unsigned lo = sc->sport_base, hi = sc->sport_base + sc->sport_count - 1u;
	filter[0] = '\0';
	if (sc->have_src4) {
		uint8_t a[4] = {(uint8_t)(sc->src4 >> 24), (uint8_t)(sc->src4 >> 16),
				(uint8_t)(sc->src4 >> 8), (uint8_t)sc->src4};
		snprintf(part, sizeof part,
			 "(dst host %u.%u.%u.%u and ((tcp and dst portrange %u-%u and "
			 "tcp[13] & 0x14 != 0) or (icmp and icmp[0] == 3)))",
			 a[0], a[1], a[2], a[3], lo, hi);
		strcat(filter, part);
	}
	if (sc->have_src6) {
		char s6[INET6_ADDRSTRLEN];
		struct rk_target_addr a = {.family = 6};
		memcpy(a.v6, sc->src6, 16);
		addr_str(&a, s6, sizeof s6);
		snprintf(part, sizeof part,
			 "%s(ip6 dst host %s and ((tcp and dst portrange %u-%u) or "
			 "(icmp6 and ip6[40] == 1)))",
			 filter[0] ? " or " : "", s6, lo, hi);
		strcat(filter, part);
	}
	if (sc->arp_answer) {
		/* ARP requests for src4 (the target protocol address at 24). */
		snprintf(part, sizeof part, " or (arp and arp[6:2] == 1 and arp[24:4] == 0x%08x)",
			 (unsigned)sc->src4);
		strcat(filter, part);
	}
	if (sc->nd_answer) {
		/* Neighbour solicitations for src6 (the target address at 48). */
		const uint8_t *a = sc->src6;
		snprintf(part, sizeof part,
			 " or (icmp6 and ip6[40] == 135 and ip6[48:4] == 0x%02x%02x%02x%02x and "
			 "ip6[52:4] == 0x%02x%02x%02x%02x and ip6[56:4] == 0x%02x%02x%02x%02x and "
			 "ip6[60:4] == 0x%02x%02x%02x%02x)",
			 a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11],
			 a[12], a[13], a[14], a[15]);
		strcat(filter, part);
	}
	r = rk_cap_set_filter(sc->cap, filter, errbuf);
	if (r == RK_OK) {
		/* Not every device can tell directions; the filter suffices. */
		int dir = rk_cap_set_inbound_only(sc->cap, true, NULL);
		(void)dir;
#ifdef PACKET_IGNORE_OUTGOING
		/* Keep our own SYNs out of the capture path entirely: without
		   this the kernel clones each one for the filter to refuse. */
		int one = 1, fd = rk_cap_fd(sc->cap);
		if (fd >= 0)
			(void)setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
#endif
	}
	return r;
}

/*
 * After the stop: the replies already in the ring arrived during the scan
 * and are results too, however far behind this thread fell (a loaded
 * machine, a sanitizer build). Read them without blocking until the ring
 * is empty, and at most DRAIN_MAX frames. The main thread's one
 * rk_cap_break() may land during the drain: its break is skipped once.
 */
#define DRAIN_MAX (1u << 22)
static void drain(struct scan *sc)
{
	struct rk_frame f;
	char eb[RK_ERRBUF_SIZE];
	bool broke = false;
	if (rk_cap_set_nonblock(sc->cap, true, eb) != RK_OK)
		return;
	for (unsigned i = 0; i < DRAIN_MAX; i++) {
		int r = rk_cap_next(sc->cap, &f, eb);
		if (r == 1)
			recv_frame(sc, &f);
		else if (r == RK_E_EOF && !broke)
			broke = true;
		else
			return;
	}
}

void *recv_thread(void *arg)
{
	struct scan *sc = arg;
	struct rk_frame f;
	char eb[RK_ERRBUF_SIZE];

	while (!atomic_load_explicit(&sc->stop_recv, memory_order_relaxed)) {
		int r = rk_cap_next(sc->cap, &f, eb);
		if (r == 1)
			recv_frame(sc, &f);
		else if (r == RK_E_EOF)
			break;
		else if (r < 0) {
			tool_warn("capture: %s", eb);
			return NULL;
		}
	}
	drain(sc);
	return NULL;
}
