/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv_udp.c - live test of the raw send path (sock.h), IPv4 and IPv6:
 * UDP datagrams built with rawkit's layered builder leave one namespace
 * through an IP_HDRINCL (or IPv6 IPPROTO_RAW) socket, the first alone and
 * the rest in one sendmmsg batch, and an ordinary UDP socket in the other
 * namespace must receive every one, from the right address and port, with
 * the payload intact. Mode "sock" sends through sock.h directly, mode
 * "wire" through the live wire backend (rk_wire_send, rk_wire_send_batch).
 * Run by udp4.sh and udp6.sh.
 *
 *   priv_udp recv BIND PORT SRC SPORT COUNT TIMEOUT_MS   (prints "ready")
 *   priv_udp send sock|wire IFNAME SRC DST SPORT DPORT COUNT
 */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rawkit/rawkit.h>
#include <rawkit/sock.h>
#include <rawkit/wire.h>

#include "privlib.h"

#define MAX_COUNT 32
#define PKT_MAX 256

static int payload_of(unsigned i, char *buf, size_t size)
{
	return snprintf(buf, size, "rawkit-udp-%u", i);
}

static int build(uint8_t *buf, size_t cap, const struct priv_addr *src,
		 const struct priv_addr *dst, uint16_t sport, uint16_t dport, unsigned i)
{
	char payload[32];
	int plen = payload_of(i, payload, sizeof(payload));
	struct rk_build b;
	rk_build_init(&b, buf, cap);
	if (src->family == 4) {
		struct rk_ipv4_hdr ip;
		rk_ipv4_init(&ip);
		ip.src = src->v4;
		ip.dst = dst->v4;
		ip.id = (uint16_t)(0x7200 + i);
		(void)rk_build_ipv4(&b, &ip);
	} else {
		struct rk_ipv6_hdr ip;
		rk_ipv6_init(&ip);
		memcpy(ip.src, src->v6, 16);
		memcpy(ip.dst, dst->v6, 16);
		(void)rk_build_ipv6(&b, &ip);
	}
	struct rk_udp_hdr udp = { .sport = sport, .dport = dport };
	(void)rk_build_udp(&b, &udp);
	(void)rk_build_payload(&b, payload, (size_t)plen);
	int len = rk_build_finish(&b);
	if (len < 0)
		die("build: %s", rk_strerror(len));
	return len;
}

static int send_wire(const char *ifname, const struct rk_sock_pkt *pkts, unsigned count)
{
	char err[RK_ERRBUF_SIZE];
	struct rk_wire *w;
	int rc = rk_wire_open_live(&w, ifname, "udp", err);
	if (rc == RK_E_PERM) {
		fprintf(stderr, "%s\n", err);
		return PRIV_SKIP;
	}
	if (rc != RK_OK)
		die("%s", err);
	int n = rk_wire_send(w, pkts[0].data, pkts[0].len, RK_DLT_RAW, err);
	if (n != (int)pkts[0].len)
		die("wire send: %d (%s)", n, n < 0 ? err : "short");
	n = rk_wire_send_batch(w, &pkts[1], count - 1, RK_DLT_RAW, err);
	if (n != (int)(count - 1))
		die("wire send batch: %d of %u (%s)", n, count - 1, n < 0 ? err : "short");
	if (rk_wire_close(w, err) != RK_OK)
		die("%s", err);
	printf("sent %u through the wire\n", count);
	return 0;
}

static int do_send(int argc, char **argv)
{
	if (argc != 9)
		die("usage: send sock|wire IFNAME SRC DST SPORT DPORT COUNT");
	int wire_mode = strcmp(argv[2], "wire") == 0;
	if (!wire_mode && strcmp(argv[2], "sock") != 0)
		die("mode is sock or wire");
	const char *ifname = argv[3];
	struct priv_addr src = priv_parse_addr(argv[4]);
	struct priv_addr dst = priv_parse_addr(argv[5]);
	uint16_t sport = (uint16_t)priv_num(argv[6], 65535);
	uint16_t dport = (uint16_t)priv_num(argv[7], 65535);
	unsigned count = (unsigned)priv_num(argv[8], MAX_COUNT);
	if (src.family != dst.family || count < 2)
		die("SRC and DST of one family, COUNT at least 2");

	static uint8_t bufs[MAX_COUNT][PKT_MAX];
	struct rk_sock_pkt pkts[MAX_COUNT];
	for (unsigned i = 0; i < count; i++) {
		pkts[i].data = bufs[i];
		pkts[i].len = (size_t)build(bufs[i], PKT_MAX, &src, &dst, sport, dport, i);
	}

	char err[RK_ERRBUF_SIZE];
	if (wire_mode)
		return send_wire(ifname, pkts, count);
	struct rk_sock *s;
	int rc = src.family == 4 ? rk_sock_open_send4(&s, err) : rk_sock_open_send6(&s, err);
	if (rc == RK_E_PERM) {
		fprintf(stderr, "%s\n", err);
		return PRIV_SKIP;
	}
	if (rc != RK_OK)
		die("%s", err);
	if (rk_sock_bind_dev(s, ifname, err) != RK_OK)
		die("%s", err);

	/* The first one alone, the rest as one batch. */
	int n = rk_sock_send(s, pkts[0].data, pkts[0].len, err);
	if (n != (int)pkts[0].len)
		die("send: %d (%s)", n, n < 0 ? err : "short");
	n = rk_sock_send_batch(s, &pkts[1], count - 1, err);
	if (n != (int)(count - 1))
		die("send batch: %d of %u (%s)", n, count - 1, n < 0 ? err : "short");

	/* What must fail, fails cleanly. */
	uint8_t tiny[8] = { 0x45 };
	if (rk_sock_send(s, tiny, sizeof(tiny), err) != RK_E_INVAL)
		die("an 8-byte packet was not refused");
	struct rk_msg_probe { char b[64]; } probe;
	struct rk_sock_msg msg;
	if (rk_sock_recv(s, &probe, sizeof(probe), &msg, 0, err) != RK_E_INVAL)
		die("a send socket received");
	rk_sock_close(s);
	printf("sent %u\n", count);
	return 0;
}

static int do_recv(int argc, char **argv)
{
	if (argc != 8)
		die("usage: recv BIND PORT SRC SPORT COUNT TIMEOUT_MS");
	struct priv_addr bind_to = priv_parse_addr(argv[2]);
	uint16_t port = (uint16_t)priv_num(argv[3], 65535);
	struct priv_addr src = priv_parse_addr(argv[4]);
	uint16_t sport = (uint16_t)priv_num(argv[5], 65535);
	unsigned count = (unsigned)priv_num(argv[6], MAX_COUNT);
	int timeout_ms = (int)priv_num(argv[7], 30000);

	int fam = bind_to.family == 4 ? AF_INET : AF_INET6;
	int fd = socket(fam, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	socklen_t sl;
	if (fam == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		in->sin_addr.s_addr = htonl(bind_to.v4);
		sl = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		memcpy(&in6->sin6_addr, bind_to.v6, 16);
		sl = sizeof(*in6);
	}
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0)
		die("bind: %s", strerror(errno));
	priv_ready();

	int seen[MAX_COUNT] = { 0 };
	unsigned got = 0;
	struct timespec deadline = priv_deadline(timeout_ms);
	while (got < count) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int left = priv_ms_left(&deadline);
		if (left == 0 || poll(&pfd, 1, left) <= 0)
			break;
		char buf[512];
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			die("recvfrom: %s", strerror(errno));
		buf[n] = '\0';
		unsigned i;
		char tail;
		if (sscanf(buf, "rawkit-udp-%u%c", &i, &tail) != 1 || i >= count)
			die("unexpected payload \"%s\"", buf);
		char want[32];
		int wlen = payload_of(i, want, sizeof(want));
		if (wlen != (int)n || memcmp(want, buf, (size_t)n) != 0)
			die("payload %u differs", i);
		if (seen[i]++)
			die("payload %u arrived twice", i);
		if (fam == AF_INET) {
			struct sockaddr_in *in = (struct sockaddr_in *)&from;
			if (ntohl(in->sin_addr.s_addr) != src.v4 || ntohs(in->sin_port) != sport)
				die("datagram %u from the wrong address or port", i);
		} else {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&from;
			if (memcmp(&in6->sin6_addr, src.v6, 16) || ntohs(in6->sin6_port) != sport)
				die("datagram %u from the wrong address or port", i);
		}
		got++;
	}
	close(fd);
	printf("received %u of %u\n", got, count);
	return got == count ? 0 : 1;
}

int main(int argc, char **argv)
{
	priv_prog = "priv_udp";
	if (argc >= 2 && strcmp(argv[1], "send") == 0)
		return do_send(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "recv") == 0)
		return do_recv(argc, argv);
	die("usage: priv_udp send|recv ...");
}
