/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv_tcp_syn.c - live test of sending a crafted TCP SYN and reading the
 * answer: the SYN, built with rawkit (MSS option, a chosen sequence
 * number), goes to a listening port in the other namespace, and the
 * SYN-ACK must come back with SYN|ACK set, ack == our seq + 1 and the ports
 * swapped. Two receive paths: a raw IPPROTO_TCP socket with kernel
 * timestamps (mode "sock"), and the live wire backend, libpcap with a BPF
 * filter (mode "wire", which also sends through the wire; mode "any", the
 * same without naming an interface: routed sends, a cooked capture on
 * "any"). Our kernel
 * answers the unexpected SYN-ACK with a RST, as for any SYN scan. Run by
 * tcp_syn.sh.
 *
 *   priv_tcp_syn listen ADDR PORT SECONDS     (prints "ready")
 *   priv_tcp_syn syn sock|wire|any IFNAME SRC DST SPORT DPORT
 */
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rawkit/rawkit.h>
#include <rawkit/sock.h>
#include <rawkit/wire.h>

#include "privlib.h"

#define WAIT_MS 3000

static int do_listen(int argc, char **argv)
{
	if (argc != 5)
		die("usage: listen ADDR PORT SECONDS");
	struct priv_addr a = priv_parse_addr(argv[2]);
	uint16_t port = (uint16_t)priv_num(argv[3], 65535);
	unsigned secs = (unsigned)priv_num(argv[4], 60);
	if (a.family != 4)
		die("listen: IPv4 only");
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(port) };
	in.sin_addr.s_addr = htonl(a.v4);
	int on = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0 || listen(fd, 8) < 0)
		die("bind/listen: %s", strerror(errno));
	priv_ready();
	/* The kernel answers SYNs by itself; we only keep the port open. */
	sleep(secs);
	close(fd);
	return 0;
}

/* Check one IPv4 packet at p (len bytes): the SYN-ACK we want? 1 yes, 0 another packet. */
static int is_synack(const uint8_t *p, size_t len, const struct priv_addr *src,
		     const struct priv_addr *dst, uint16_t sport, uint16_t dport, uint32_t seq)
{
	struct rk_rd rd;
	rk_rd_init(&rd, p, len);
	struct rk_ipv4_hdr ip;
	if (rk_ipv4_decode(&rd, &ip) != RK_OK || ip.proto != RK_IPPROTO_TCP)
		return 0;
	struct rk_tcp_hdr tcp;
	if (rk_tcp_decode(&rd, &tcp) != RK_OK)
		return 0;
	if (ip.src != dst->v4 || ip.dst != src->v4 || tcp.sport != dport || tcp.dport != sport)
		return 0;
	if (tcp.flags != (RK_TCP_SYN | RK_TCP_ACK))
		die("answer has flags 0x%02x, not SYN|ACK (0x12)", tcp.flags);
	if (tcp.ack != seq + 1)
		die("answer acks %u, not our seq + 1 = %u", tcp.ack, seq + 1);
	printf("SYN-ACK %u -> %u seq %u ack %u\n", tcp.sport, tcp.dport, tcp.seq, tcp.ack);
	return 1;
}

/* The receive time must be now-ish: the kernel's, not garbage. */
static void check_ts(const struct timespec *ts)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	long long d = (long long)now.tv_sec - ts->tv_sec;
	if (d < 0 || d > 10 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		die("receive timestamp %lld.%09ld is not close to now", (long long)ts->tv_sec,
		    ts->tv_nsec);
}

static int do_syn(int argc, char **argv)
{
	if (argc != 8)
		die("usage: syn sock|wire|any IFNAME SRC DST SPORT DPORT");
	int any_mode = strcmp(argv[2], "any") == 0;
	int wire_mode = any_mode || strcmp(argv[2], "wire") == 0;
	if (!wire_mode && strcmp(argv[2], "sock") != 0)
		die("mode is sock, wire or any");
	const char *ifname = argv[3];
	struct priv_addr src = priv_parse_addr(argv[4]);
	struct priv_addr dst = priv_parse_addr(argv[5]);
	uint16_t sport = (uint16_t)priv_num(argv[6], 65535);
	uint16_t dport = (uint16_t)priv_num(argv[7], 65535);
	if (src.family != 4 || dst.family != 4)
		die("IPv4 addresses only");
	uint32_t seq = 0x72617700u + sport;

	uint8_t opts[4];
	struct rk_wr ow;
	rk_wr_init(&ow, opts, sizeof(opts));
	rk_tcpopt_mss(&ow, 1460);
	struct rk_ipv4_hdr ip;
	rk_ipv4_init(&ip);
	ip.src = src.v4;
	ip.dst = dst.v4;
	ip.id = 0x5259;
	struct rk_tcp_hdr tcp;
	rk_tcp_init(&tcp);
	tcp.sport = sport;
	tcp.dport = dport;
	tcp.seq = seq;
	tcp.flags = RK_TCP_SYN;
	tcp.opts = opts;
	tcp.opts_len = rk_wr_len(&ow);
	uint8_t pkt[128];
	struct rk_build b;
	rk_build_init(&b, pkt, sizeof(pkt));
	(void)rk_build_ipv4(&b, &ip);
	(void)rk_build_tcp(&b, &tcp);
	int len = rk_build_finish(&b);
	if (len < 0)
		die("build: %s", rk_strerror(len));

	char err[RK_ERRBUF_SIZE];
	struct timespec deadline = priv_deadline(WAIT_MS);
	if (!wire_mode) {
		/* Receive socket first, so the answer cannot slip past it. */
		struct rk_sock *rx, *tx;
		int rc = rk_sock_open_recv(&rx, 4, RK_IPPROTO_TCP, err);
		if (rc == RK_E_PERM) {
			fprintf(stderr, "%s\n", err);
			return PRIV_SKIP;
		}
		if (rc != RK_OK || rk_sock_bind_dev(rx, ifname, err) != RK_OK)
			die("%s", err);
		if (rk_sock_open_send4(&tx, err) != RK_OK ||
		    rk_sock_bind_dev(tx, ifname, err) != RK_OK)
			die("%s", err);
		int n = rk_sock_send(tx, pkt, (size_t)len, err);
		if (n != len)
			die("send: %s", n < 0 ? err : "short");
		for (;;) {
			uint8_t buf[2048];
			struct rk_sock_msg msg;
			int left = priv_ms_left(&deadline);
			int r = rk_sock_recv(rx, buf, sizeof(buf), &msg, left, err);
			if (r < 0)
				die("%s", err);
			if (r == 0)
				die("no SYN-ACK within %d ms", WAIT_MS);
			if (msg.family != 4 || msg.len != msg.wire_len)
				die("odd message: family %d, %zu of %zu bytes", msg.family, msg.len,
				    msg.wire_len);
			if (is_synack(buf, msg.len, &src, &dst, sport, dport, seq)) {
				if (msg.src4 != dst.v4)
					die("message source differs from the packet's");
				check_ts(&msg.ts);
				break;
			}
		}
		rk_sock_close(tx);
		rk_sock_close(rx);
	} else {
		char filter[160];
		snprintf(filter, sizeof(filter),
			 "tcp and src host %s and src port %u and dst port %u", argv[5], dport,
			 sport);
		struct rk_wire *w;
		int rc = rk_wire_open_live(&w, any_mode ? NULL : ifname, filter, err);
		if (rc == RK_E_PERM) {
			fprintf(stderr, "%s\n", err);
			return PRIV_SKIP;
		}
		if (rc != RK_OK)
			die("%s", err);
		int lt = any_mode ? rk_wire_linktype(w) : RK_DLT_EN10MB;
		if (lt != RK_DLT_LINUX_SLL && lt != RK_DLT_LINUX_SLL2)
			lt = RK_DLT_EN10MB;
		if (!rk_wire_is_live(w) || rk_wire_fd(w) < 0 || rk_wire_linktype(w) != lt)
			die("live wire: not live, no fd, or link type %d", rk_wire_linktype(w));
		/* Without an interface there is no Ethernet to inject on. */
		if (any_mode && rk_wire_send(w, pkt, 20, RK_DLT_EN10MB, err) != RK_E_UNSUPPORTED)
			die("an Ethernet send without an interface was not refused");
		int n = rk_wire_send(w, pkt, (size_t)len, RK_DLT_RAW, err);
		if (n != len)
			die("wire send: %s", n < 0 ? err : "short");
		for (;;) {
			struct rk_frame f;
			int r = rk_wire_recv(w, &f, priv_ms_left(&deadline), err);
			if (r < 0)
				die("%s", err);
			if (r == 0)
				die("no SYN-ACK within %d ms", WAIT_MS);
			if (f.linktype != lt)
				die("frame of link type %d, not %d", f.linktype, lt);
			struct rk_rd rd;
			rk_rd_init(&rd, f.data, f.caplen);
			uint16_t type;
			if (lt == RK_DLT_EN10MB) {
				struct rk_eth_hdr eth;
				if (rk_eth_decode(&rd, &eth) != RK_OK)
					continue;
				type = eth.type;
			} else if (lt == RK_DLT_LINUX_SLL) {
				struct rk_sll_hdr sll;
				if (rk_sll_decode(&rd, &sll) != RK_OK)
					continue;
				type = sll.type;
			} else {
				struct rk_sll2_hdr sll2;
				if (rk_sll2_decode(&rd, &sll2) != RK_OK)
					continue;
				type = sll2.type;
			}
			if (type != RK_ETHERTYPE_IPV4)
				continue;
			if (is_synack(rk_rd_ptr(&rd), rk_rd_left(&rd), &src, &dst, sport, dport,
				      seq)) {
				check_ts(&f.ts);
				break;
			}
		}
		if (rk_wire_close(w, err) != RK_OK)
			die("%s", err);
	}
	printf("ok %s\n", argv[2]);
	return 0;
}

int main(int argc, char **argv)
{
	priv_prog = "priv_tcp_syn";
	if (argc >= 2 && strcmp(argv[1], "listen") == 0)
		return do_listen(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "syn") == 0)
		return do_syn(argc, argv);
	die("usage: priv_tcp_syn listen|syn ...");
}
