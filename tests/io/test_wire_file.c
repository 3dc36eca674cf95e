/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_wire_file.c - the I/O layer without root or a network: pcap files
 * written with rk_dump_* and read back with rk_cap_* (nanosecond times kept,
 * microsecond files converted), the wire file backend (frames received with
 * their recorded times, the virtual clock and timeouts, sent packets
 * appended to the tx file with that clock, link-type rules, filters, end of
 * file), damaged files, and argument checks of sock.h and netif.h that fail
 * before any system call needing privilege.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rawkit/rawkit.h>
#include <rawkit/cap.h>
#include <rawkit/netif.h>
#include <rawkit/sock.h>
#include <rawkit/wire.h>

#include "testlib.h"

static char dir[256];

static void path_in_dir(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

/* An Ethernet + IPv4 + UDP (or TCP) frame, with a tag byte in the payload. */
static int frame(uint8_t *buf, size_t cap, int tcp, uint8_t tag)
{
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	struct rk_eth_hdr eth = { .dst = { 2, 0x72, 0x6b, 0, 0, 0x0b },
				  .src = { 2, 0x72, 0x6b, 0, 0, 0x0a } };
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = 0xc6120001;
	ip.dst = 0xc6120002;
	(void)rk_build_eth(&b, &eth);
	(void)rk_build_ipv4(&b, &ip);
	if (tcp) {
		struct rk_tcp_hdr t;
		rk_tcp_init(&t);
		t.sport = 40000;
		t.dport = 80;
		(void)rk_build_tcp(&b, &t);
	} else {
		struct rk_udp_hdr u = { .sport = 40000, .dport = 53 };
		(void)rk_build_udp(&b, &u);
	}
	(void)rk_build_payload(&b, &tag, 1);
	return rk_build_finish(&b);
}

/* A whole IPv4 or IPv6 packet (UDP), for sending. */
static int ip_packet(uint8_t *buf, size_t cap, int v6)
{
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	if (v6) {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		ip.src[0] = 0x20, ip.src[1] = 0x01, ip.src[3] = 0x02, ip.src[15] = 1;
		ip.dst[0] = 0x20, ip.dst[1] = 0x01, ip.dst[3] = 0x02, ip.dst[15] = 2;
		(void)rk_build_ipv6(&b, &ip);
	} else {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = 0xc6120001;
		ip.dst = 0xc6120002;
		(void)rk_build_ipv4(&b, &ip);
	}
	struct rk_udp_hdr u = { .sport = 1, .dport = 2 };
	(void)rk_build_udp(&b, &u);
	(void)rk_build_payload(&b, "x", 1);
	return rk_build_finish(&b);
}

#define T0 1700000000
#define TS_EQ(a, s, ns) CHECK((a).tv_sec == (s) && (a).tv_nsec == (ns))

/* rx.pcap: four frames, UDP / TCP / UDP / TCP, at T0+.123456789, +0.5 s,
   +3 s (from the second), +3 s. */
static const struct timespec rx_ts[4] = {
	{ T0, 123456789 }, { T0, 623456789 }, { T0 + 3, 623456789 }, { T0 + 6, 623456789 },
};
static uint8_t rx_frame[4][128];
static int rx_len[4];

static void write_rx(const char *path)
{
	char err[RK_ERRBUF_SIZE];
	struct rk_dump *d;
	CHECK_EQ(rk_dump_open(&d, path, RK_DLT_EN10MB, 0, err), RK_OK);
	for (int i = 0; i < 4; i++) {
		rx_len[i] = frame(rx_frame[i], sizeof(rx_frame[i]), i % 2, (uint8_t)i);
		CHECK(rx_len[i] > 0);
		CHECK_EQ(rk_dump_write(d, rx_frame[i], (uint32_t)rx_len[i], (uint32_t)rx_len[i],
				       &rx_ts[i], err), RK_OK);
	}
	CHECK_EQ(rk_dump_flush(d, err), RK_OK);
	CHECK_EQ(rk_dump_close(d, err), RK_OK);
}

static void test_cap_file(const char *rx)
{
	char err[RK_ERRBUF_SIZE];
	struct rk_cap *c;
	CHECK_EQ(rk_cap_open_file(&c, rx, err), RK_OK);
	CHECK_EQ(rk_cap_linktype(c), RK_DLT_EN10MB);
	CHECK_EQ(rk_cap_snaplen(c), 262144);
	struct rk_frame f;
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(rk_cap_next(c, &f, err), 1);
		CHECK_EQ(f.caplen, rx_len[i]);
		CHECK_EQ(f.len, rx_len[i]);
		CHECK_MEM(f.data, rx_frame[i], (size_t)rx_len[i]);
		TS_EQ(f.ts, rx_ts[i].tv_sec, rx_ts[i].tv_nsec);
		CHECK_EQ(f.linktype, RK_DLT_EN10MB);
	}
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	uint64_t r, d;
	CHECK_EQ(rk_cap_stats(c, &r, &d, err), RK_E_UNSUPPORTED);
	rk_cap_close(c);

	/* A filter on a file. */
	CHECK_EQ(rk_cap_open_file(&c, rx, err), RK_OK);
	CHECK_EQ(rk_cap_set_filter(c, "tcp", err), RK_OK);
	CHECK_EQ(rk_cap_next(c, &f, err), 1);
	CHECK_MEM(f.data, rx_frame[1], (size_t)rx_len[1]);
	CHECK_EQ(rk_cap_next(c, &f, err), 1);
	CHECK_MEM(f.data, rx_frame[3], (size_t)rx_len[3]);
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	CHECK_EQ(rk_cap_set_filter(c, "no such filter (", err), RK_E_INVAL);
	CHECK(strncmp(err, "filter \"no such filter (\": ", 27) == 0);
	rk_cap_close(c);

	/* Snap length: a dump cuts frames to it but keeps the wire length. */
	char cut[300];
	path_in_dir(cut, sizeof(cut), "cut.pcap");
	struct rk_dump *dp;
	CHECK_EQ(rk_dump_open(&dp, cut, RK_DLT_EN10MB, 20, err), RK_OK);
	CHECK_EQ(rk_dump_write(dp, rx_frame[0], (uint32_t)rx_len[0], 1000, &rx_ts[0], err), RK_OK);
	CHECK_EQ(rk_dump_close(dp, err), RK_OK);
	CHECK_EQ(rk_cap_open_file(&c, cut, err), RK_OK);
	CHECK_EQ(rk_cap_next(c, &f, err), 1);
	CHECK_EQ(f.caplen, 20);
	CHECK_EQ(f.len, 1000);
	CHECK_MEM(f.data, rx_frame[0], 20);
	rk_cap_close(c);
}

/* A microsecond pcap file, written by hand: times gain three zeros. */
static void test_usec_file(void)
{
	static const uint8_t file[] = {
		0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* LE, usec */
		0xff, 0xff, 0, 0, 101, 0, 0, 0,                       /* snaplen, LINKTYPE_RAW */
		0x00, 0xf1, 0x53, 0x65, 0x40, 0xe2, 0x01, 0x00,       /* 1700000000.123456 */
		4, 0, 0, 0, 4, 0, 0, 0, 0x45, 0, 0, 4,
	};
	char path[300], err[RK_ERRBUF_SIZE];
	path_in_dir(path, sizeof(path), "usec.pcap");
	FILE *fp = fopen(path, "wb");
	CHECK(fp && fwrite(file, 1, sizeof(file), fp) == sizeof(file));
	if (fp)
		fclose(fp);
	struct rk_cap *c;
	CHECK_EQ(rk_cap_open_file(&c, path, err), RK_OK);
	CHECK_EQ(rk_cap_linktype(c), RK_DLT_RAW);
	struct rk_frame f;
	CHECK_EQ(rk_cap_next(c, &f, err), 1);
	TS_EQ(f.ts, T0, 123456000);
	CHECK_EQ(f.caplen, 4);
	CHECK_EQ(f.linktype, RK_DLT_RAW);
	rk_cap_close(c);

	/* The same file cut inside its record: RK_E_TRUNC, not EOF. */
	fp = fopen(path, "wb");
	CHECK(fp && fwrite(file, 1, sizeof(file) - 2, fp) == sizeof(file) - 2);
	if (fp)
		fclose(fp);
	CHECK_EQ(rk_cap_open_file(&c, path, err), RK_OK);
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_TRUNC);
	CHECK(strstr(err, path) == err);
	rk_cap_close(c);

	/* Not a capture file at all; no file at all. */
	fp = fopen(path, "wb");
	CHECK(fp && fputs("this is not a pcap file, it is text\n", fp) >= 0);
	if (fp)
		fclose(fp);
	CHECK_EQ(rk_cap_open_file(&c, path, err), RK_E_MALFORMED);
	char missing[300];
	path_in_dir(missing, sizeof(missing), "missing.pcap");
	CHECK_EQ(rk_cap_open_file(&c, missing, err), RK_E_SYS);
	CHECK(strstr(err, "No such file or directory") != NULL);
	struct rk_wire *w;
	CHECK_EQ(rk_wire_open_file(&w, missing, NULL, err), RK_E_SYS);
	struct rk_dump *d;
	CHECK_EQ(rk_dump_open(&d, "/nonexistent-dir/x.pcap", RK_DLT_EN10MB, 0, err), RK_E_SYS);
	CHECK_EQ(rk_dump_open(&d, missing, 99999, 0, err), RK_E_INVAL);
}

static void test_wire(const char *rx, const char *tx)
{
	char err[RK_ERRBUF_SIZE];
	struct rk_wire *w;
	CHECK_EQ(rk_wire_open_file(&w, rx, tx, err), RK_OK);
	CHECK(!rk_wire_is_live(w));
	CHECK_EQ(rk_wire_linktype(w), RK_DLT_EN10MB);
	CHECK(rk_wire_fd(w) >= 0);
	CHECK_EQ(rk_wire_set_filter(w, "udp or tcp", err), RK_OK);

	/* The clock starts at the first recorded frame. */
	struct timespec now;
	rk_wire_now(w, &now);
	TS_EQ(now, rx_ts[0].tv_sec, rx_ts[0].tv_nsec);
	CHECK_EQ(rk_wire_set_filter(w, "udp", err), RK_E_INVAL);

	/* Sent packets are stamped with it, bytes as given. */
	uint8_t p4[128], p6[128];
	int l4 = ip_packet(p4, sizeof(p4), 0), l6 = ip_packet(p6, sizeof(p6), 1);
	CHECK_EQ(rk_wire_send(w, p4, (size_t)l4, RK_DLT_RAW, err), l4);

	struct rk_frame f;
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), 1);
	CHECK_MEM(f.data, rx_frame[0], (size_t)rx_len[0]);
	TS_EQ(f.ts, rx_ts[0].tv_sec, rx_ts[0].tv_nsec);
	CHECK_EQ(f.linktype, RK_DLT_EN10MB);

	/* 0.5 s later, within a 1 s timeout. */
	CHECK_EQ(rk_wire_recv(w, &f, 1000, err), 1);
	CHECK_MEM(f.data, rx_frame[1], (size_t)rx_len[1]);
	rk_wire_now(w, &now);
	TS_EQ(now, rx_ts[1].tv_sec, rx_ts[1].tv_nsec);

	/* The next is 3 s away: a 1 s wait times out and moves the clock 1 s,
	   a wait of 0 does not move it. */
	CHECK_EQ(rk_wire_recv(w, &f, 1000, err), 0);
	rk_wire_now(w, &now);
	TS_EQ(now, T0 + 1, 623456789);
	CHECK_EQ(rk_wire_recv(w, &f, 0, err), 0);
	rk_wire_now(w, &now);
	TS_EQ(now, T0 + 1, 623456789);

	/* IPv6 in the same raw tx file, stamped with the moved clock. */
	CHECK_EQ(rk_wire_send(w, p6, (size_t)l6, RK_DLT_IPV6, err), l6);

	/* 2 s are left: a 2 s wait gets it exactly at its deadline. */
	CHECK_EQ(rk_wire_recv(w, &f, 2000, err), 1);
	CHECK_MEM(f.data, rx_frame[2], (size_t)rx_len[2]);
	TS_EQ(f.ts, rx_ts[2].tv_sec, rx_ts[2].tv_nsec);

	/* A batch of two. */
	struct rk_sock_pkt batch[2] = { { p4, (size_t)l4 }, { p6, (size_t)l6 } };
	CHECK_EQ(rk_wire_send_batch(w, batch, 2, RK_DLT_RAW, err), 2);

	/* What the file backend refuses. */
	CHECK_EQ(rk_wire_send(w, rx_frame[0], (size_t)rx_len[0], RK_DLT_EN10MB, err),
		 RK_E_UNSUPPORTED);
	CHECK(strstr(err, "raw IP") != NULL);
	CHECK_EQ(rk_wire_send(w, p4, 10, RK_DLT_RAW, err), RK_E_INVAL);
	uint8_t v5[40] = { 0x50 };
	CHECK_EQ(rk_wire_send(w, v5, sizeof(v5), RK_DLT_RAW, err), RK_E_INVAL);
	CHECK_EQ(rk_wire_send(w, p4, (size_t)l4, RK_DLT_LINUX_SLL, err), RK_E_UNSUPPORTED);

	/* Forever gets the last one; then the end. */
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), 1);
	CHECK_MEM(f.data, rx_frame[3], (size_t)rx_len[3]);
	CHECK_EQ(rk_wire_recv(w, &f, 1000, err), RK_E_EOF);
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), RK_E_EOF);
	CHECK_EQ(rk_wire_close(w, err), RK_OK);

	/* The tx file: raw IP, four packets, the virtual times. */
	struct rk_cap *c;
	CHECK_EQ(rk_cap_open_file(&c, tx, err), RK_OK);
	CHECK_EQ(rk_cap_linktype(c), RK_DLT_RAW);
	const struct {
		const uint8_t *p;
		int len;
		time_t s;
		long ns;
	} want[4] = {
		{ p4, l4, T0, 123456789 },
		{ p6, l6, T0 + 1, 623456789 },
		{ p4, l4, T0 + 3, 623456789 },
		{ p6, l6, T0 + 3, 623456789 },
	};
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(rk_cap_next(c, &f, err), 1);
		CHECK_EQ(f.caplen, want[i].len);
		CHECK_MEM(f.data, want[i].p, (size_t)want[i].len);
		TS_EQ(f.ts, want[i].s, want[i].ns);
	}
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	rk_cap_close(c);

	/* A filter before reading: only TCP frames arrive. */
	CHECK_EQ(rk_wire_open_file(&w, rx, NULL, err), RK_OK);
	CHECK_EQ(rk_wire_set_filter(w, "tcp", err), RK_OK);
	rk_wire_now(w, &now);
	TS_EQ(now, rx_ts[1].tv_sec, rx_ts[1].tv_nsec);
	CHECK_EQ(rk_wire_recv(w, &f, 0, err), 1);
	CHECK_MEM(f.data, rx_frame[1], (size_t)rx_len[1]);
	CHECK_EQ(rk_wire_send(w, p4, (size_t)l4, RK_DLT_RAW, err), l4); /* discarded */
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), 1);
	CHECK_MEM(f.data, rx_frame[3], (size_t)rx_len[3]);
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), RK_E_EOF);
	CHECK_EQ(rk_wire_close(w, err), RK_OK);
}

/* No rx file: nothing arrives, bounded waits pass on the clock from 0. */
static void test_wire_silent(void)
{
	char err[RK_ERRBUF_SIZE], tx[300];
	path_in_dir(tx, sizeof(tx), "silent-tx.pcap");
	struct rk_wire *w;
	CHECK_EQ(rk_wire_open_file(&w, NULL, tx, err), RK_OK);
	CHECK_EQ(rk_wire_fd(w), -1);
	CHECK_EQ(rk_wire_linktype(w), RK_DLT_RAW);
	struct timespec now;
	rk_wire_now(w, &now);
	TS_EQ(now, 0, 0);
	struct rk_frame f;
	CHECK_EQ(rk_wire_recv(w, &f, 1500, err), 0);
	rk_wire_now(w, &now);
	TS_EQ(now, 1, 500000000);
	CHECK_EQ(rk_wire_recv(w, &f, -1, err), RK_E_EOF);
	/* Ethernet first: the tx file becomes EN10MB, and IP is refused. */
	CHECK_EQ(rk_wire_send(w, rx_frame[0], (size_t)rx_len[0], RK_DLT_EN10MB, err), rx_len[0]);
	uint8_t p4[128];
	int l4 = ip_packet(p4, sizeof(p4), 0);
	CHECK_EQ(rk_wire_send(w, p4, (size_t)l4, RK_DLT_RAW, err), RK_E_UNSUPPORTED);
	CHECK_EQ(rk_wire_close(w, err), RK_OK);

	struct rk_cap *c;
	CHECK_EQ(rk_cap_open_file(&c, tx, err), RK_OK);
	CHECK_EQ(rk_cap_linktype(c), RK_DLT_EN10MB);
	CHECK_EQ(rk_cap_next(c, &f, err), 1);
	TS_EQ(f.ts, 1, 500000000);
	CHECK_MEM(f.data, rx_frame[0], (size_t)rx_len[0]);
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	rk_cap_close(c);

	/* Nothing sent: the tx file still exists, empty, raw IP. */
	CHECK_EQ(rk_wire_open_file(&w, NULL, tx, err), RK_OK);
	CHECK_EQ(rk_wire_close(w, err), RK_OK);
	CHECK_EQ(rk_cap_open_file(&c, tx, err), RK_OK);
	CHECK_EQ(rk_cap_linktype(c), RK_DLT_RAW);
	CHECK_EQ(rk_cap_next(c, &f, err), RK_E_EOF);
	rk_cap_close(c);
}

/* Checks that fail before any privileged call, and netif on loopback. */
static void test_args(void)
{
	char err[RK_ERRBUF_SIZE];
	struct rk_sock *s = (struct rk_sock *)&s;
	CHECK_EQ(rk_sock_open_recv(&s, 5, RK_IPPROTO_TCP, err), RK_E_INVAL);
	CHECK(s == NULL);
	CHECK_EQ(rk_sock_open_recv(&s, 4, 255, err), RK_E_INVAL);
	CHECK_EQ(rk_sock_open_recv(&s, 6, 0, err), RK_E_INVAL);

	uint32_t a = 0;
	CHECK_EQ(rk_netif_ipv4("lo", &a, err), RK_OK);
	CHECK_EQ(a, 0x7f000001);
	uint8_t mac[6] = { 1, 1, 1, 1, 1, 1 }, zero[6] = { 0 };
	CHECK_EQ(rk_netif_mac("lo", mac, err), RK_OK);
	CHECK_MEM(mac, zero, 6);
	CHECK_EQ(rk_netif_ipv4("rk-no-such-if0", &a, err), RK_E_INVAL);
	CHECK(strcmp(err, "interface rk-no-such-if0: No such device") == 0);
	CHECK_EQ(rk_netif_mac("rk-no-such-if0", mac, err), RK_E_INVAL);
	CHECK_EQ(rk_netif_mac("a-name-much-too-long-for-linux", mac, err), RK_E_INVAL);
	CHECK(strstr(rk_cap_lib_version(), "libpcap") != NULL);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/rk-wire-file.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char rx[300], tx[300];
	path_in_dir(rx, sizeof(rx), "rx.pcap");
	path_in_dir(tx, sizeof(tx), "tx.pcap");

	write_rx(rx);
	test_cap_file(rx);
	test_usec_file();
	test_wire(rx, tx);
	test_wire_silent();
	test_args();

	const char *names[] = { "rx.pcap", "tx.pcap", "cut.pcap", "usec.pcap", "silent-tx.pcap" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char p[300];
		path_in_dir(p, sizeof(p), names[i]);
		unlink(p);
	}
	rmdir(dir);
	return TEST_END();
}
