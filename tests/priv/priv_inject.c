/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv_inject.c - live test of link-layer injection (inject.h) and live
 * capture (cap.h): an Ethernet frame carrying an IPv4/UDP packet with a
 * deliberately wrong header checksum (0xdead) and a UDP checksum left 0,
 * which the raw IP socket could not send unchanged, is injected in one
 * namespace and must be captured byte-identical in the other. The capture
 * side also writes what it saw to a pcap file and reads it back through
 * the wire file backend. The sender checks netif.h against the addresses
 * the harness gave its interface. Run by inject.sh.
 *
 *   priv_inject capture IFNAME SRCMAC DSTMAC SRC DST TIMEOUT_MS PCAP  ("ready")
 *   priv_inject send IFNAME SRCMAC DSTMAC SRC DST
 */
#include <rawkit/rawkit.h>
#include <rawkit/cap.h>
#include <rawkit/inject.h>
#include <rawkit/netif.h>
#include <rawkit/wire.h>

#include "privlib.h"

#define UDP_PORT 40004
#define BAD_CSUM 0xdead

/* The frame both sides build from the same arguments. */
static int build_frame(uint8_t *buf, size_t cap, const uint8_t smac[6], const uint8_t dmac[6],
		       const struct priv_addr *src, const struct priv_addr *dst)
{
	struct rk_eth_hdr eth;
	memset(&eth, 0, sizeof(eth));
	memcpy(eth.src, smac, 6);
	memcpy(eth.dst, dmac, 6);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src->v4;
	ip.dst = dst->v4;
	ip.id = 0x4a4b;
	ip.csum = BAD_CSUM;
	ip.set = RK_IPV4_SET_CSUM;
	struct rk_udp_hdr udp = { .sport = UDP_PORT, .dport = UDP_PORT, .csum = 0,
				  .set = RK_UDP_SET_CSUM };
	static const char payload[] = "rawkit injected frame, bad IPv4 checksum";
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	(void)rk_build_eth(&b, &eth);
	(void)rk_build_ipv4(&b, &ip);
	(void)rk_build_udp(&b, &udp);
	(void)rk_build_payload(&b, payload, sizeof(payload) - 1);
	int len = rk_build_finish(&b);
	if (len < 0)
		die("build: %s", rk_strerror(len));
	/* The builder kept the wrong checksum: bytes 24-25 of the frame. */
	if (buf[24] != (BAD_CSUM >> 8) || buf[25] != (BAD_CSUM & 0xff))
		die("builder did not keep the IPv4 checksum 0x%04x", BAD_CSUM);
	return len;
}

struct args {
	const char *ifname;
	uint8_t smac[6], dmac[6];
	struct priv_addr src, dst;
};

static void parse_common(char **argv, struct args *a)
{
	a->ifname = argv[2];
	priv_parse_mac(argv[3], a->smac);
	priv_parse_mac(argv[4], a->dmac);
	a->src = priv_parse_addr(argv[5]);
	a->dst = priv_parse_addr(argv[6]);
	if (a->src.family != 4 || a->dst.family != 4)
		die("IPv4 addresses only");
}

static int do_send(int argc, char **argv)
{
	if (argc != 7)
		die("usage: send IFNAME SRCMAC DSTMAC SRC DST");
	struct args a;
	parse_common(argv, &a);
	char err[RK_ERRBUF_SIZE];

	/* netif.h against what the harness configured. */
	uint8_t mac[6];
	uint32_t addr;
	if (rk_netif_mac(a.ifname, mac, err) != RK_OK)
		die("%s", err);
	if (memcmp(mac, a.smac, 6) != 0)
		die("rk_netif_mac(%s) differs from %s", a.ifname, argv[3]);
	if (rk_netif_ipv4(a.ifname, &addr, err) != RK_OK)
		die("%s", err);
	if (addr != a.src.v4)
		die("rk_netif_ipv4(%s) = 0x%08x, not %s", a.ifname, addr, argv[5]);
	if (rk_netif_ipv4("rk-no-such-if0", &addr, err) != RK_E_INVAL)
		die("rk_netif_ipv4 on a missing interface did not give RK_E_INVAL");

	uint8_t frame[256];
	int len = build_frame(frame, sizeof(frame), a.smac, a.dmac, &a.src, &a.dst);
	struct rk_inject *inj;
	int rc = rk_inject_open(&inj, a.ifname, err);
	if (rc == RK_E_PERM) {
		fprintf(stderr, "%s\n", err);
		return PRIV_SKIP;
	}
	if (rc != RK_OK)
		die("%s", err);
	int n = rk_inject_send(inj, frame, (size_t)len, err);
	if (n != len)
		die("inject: %d (%s)", n, n < 0 ? err : "short");
	if (rk_inject_send(inj, frame, 10, err) != RK_E_INVAL)
		die("a 10-byte frame was not refused");
	rk_inject_close(inj);
	struct rk_inject *none;
	if (rk_inject_open(&none, "rk-no-such-if0", err) != RK_E_INVAL)
		die("rk_inject_open on a missing interface did not give RK_E_INVAL");
	printf("injected %d bytes\n", len);
	return 0;
}

static int do_capture(int argc, char **argv)
{
	if (argc != 9)
		die("usage: capture IFNAME SRCMAC DSTMAC SRC DST TIMEOUT_MS PCAP");
	struct args a;
	parse_common(argv, &a);
	int timeout_ms = (int)priv_num(argv[7], 30000);
	const char *pcap_path = argv[8];
	uint8_t want[256];
	int want_len = build_frame(want, sizeof(want), a.smac, a.dmac, &a.src, &a.dst);

	char err[RK_ERRBUF_SIZE];
	struct rk_cap *c;
	struct rk_cap_opts o;
	rk_cap_opts_init(&o);
	o.snaplen = 2048;
	int rc = rk_cap_open_live(&c, a.ifname, &o, err);
	if (rc == RK_E_PERM) {
		fprintf(stderr, "%s\n", err);
		return PRIV_SKIP;
	}
	if (rc != RK_OK)
		die("%s", err);
	char filter[96];
	snprintf(filter, sizeof(filter), "ether src host %s and udp port %d", argv[3], UDP_PORT);
	if (rk_cap_set_filter(c, "this is not a filter", err) != RK_E_INVAL)
		die("a bad filter was accepted");
	if (rk_cap_set_filter(c, filter, err) != RK_OK)
		die("%s", err);
	if (rk_cap_set_nonblock(c, true, err) != RK_OK)
		die("%s", err);
	if (rk_cap_linktype(c) != RK_DLT_EN10MB || rk_cap_snaplen(c) != 2048 || rk_cap_fd(c) < 0)
		die("capture: link type %d, snaplen %d, fd %d", rk_cap_linktype(c),
		    rk_cap_snaplen(c), rk_cap_fd(c));
	struct rk_dump *d;
	if (rk_dump_open(&d, pcap_path, rk_cap_linktype(c), rk_cap_snaplen(c), err) != RK_OK)
		die("%s", err);
	priv_ready();

	struct timespec deadline = priv_deadline(timeout_ms);
	struct rk_frame f;
	for (;;) {
		int r = rk_cap_next(c, &f, err);
		if (r < 0)
			die("%s", err);
		if (r == 1)
			break;
		if (priv_ms_left(&deadline) == 0)
			die("no frame within %d ms", timeout_ms);
		struct timespec nap = { 0, 10 * 1000000L };
		nanosleep(&nap, NULL);
	}
	if (f.caplen != (uint32_t)want_len || f.len != (uint32_t)want_len)
		die("captured %u of %u bytes, sent %d", f.caplen, f.len, want_len);
	if (memcmp(f.data, want, (size_t)want_len) != 0)
		die("captured frame differs from the one injected");
	if (rk_dump_frame(d, &f, err) != RK_OK || rk_dump_close(d, err) != RK_OK)
		die("%s", err);
	struct timespec ts = f.ts;
	uint64_t recv = 0, drop = 0;
	if (rk_cap_stats(c, &recv, &drop, err) != RK_OK || recv < 1)
		die("stats: %s", err);
	rk_cap_close(c);

	/* The same frame, back from the file through the wire file backend. */
	struct rk_wire *w;
	if (rk_wire_open_file(&w, pcap_path, NULL, err) != RK_OK)
		die("%s", err);
	struct timespec now;
	rk_wire_now(w, &now);
	if (now.tv_sec != ts.tv_sec || now.tv_nsec != ts.tv_nsec)
		die("wire clock does not start at the recorded time");
	if (rk_wire_recv(w, &f, 1000, err) != 1)
		die("wire file: %s", err);
	if (f.caplen != (uint32_t)want_len || memcmp(f.data, want, (size_t)want_len) != 0 ||
	    f.ts.tv_sec != ts.tv_sec || f.ts.tv_nsec != ts.tv_nsec || f.linktype != RK_DLT_EN10MB)
		die("the pcap file does not hold the frame as captured");
	if (rk_wire_recv(w, &f, 1000, err) != RK_E_EOF)
		die("wire file: no end of file after one frame");
	if (rk_wire_close(w, err) != RK_OK)
		die("%s", err);
	printf("captured %d identical bytes at %lld.%09ld\n", want_len, (long long)ts.tv_sec,
	       ts.tv_nsec);
	return 0;
}

int main(int argc, char **argv)
{
	priv_prog = "priv_inject";
	if (argc >= 2 && strcmp(argv[1], "send") == 0)
		return do_send(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "capture") == 0)
		return do_capture(argc, argv);
	die("usage: priv_inject send|capture ...");
}
