/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synscan_listen.c - the target side of rk-synscan's live tests: listen on
 * the TCP ports given (every address, IPv4 and IPv6), print "ready", then
 * sit until killed or SECONDS pass. Connections are never accepted: a SYN
 * scan needs only the kernel's SYN-ACK.
 *
 * Usage: synscan_listen SECONDS PORT...
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: synscan_listen SECONDS PORT...\n");
		return 2;
	}
	int secs = atoi(argv[1]);
	for (int i = 2; i < argc; i++) {
		int port = atoi(argv[i]);
		/* One IPv6 socket with IPV6_V6ONLY off takes IPv4 too. */
		int fd = socket(AF_INET6, SOCK_STREAM, 0);
		int on = 1, off = 0;
		struct sockaddr_in6 sa = {.sin6_family = AF_INET6,
					  .sin6_port = htons((uint16_t)port),
					  .sin6_addr = IN6ADDR_ANY_INIT};
		if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) < 0 ||
		    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 4096) < 0) {
			perror("listen");
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	sleep((unsigned)secs);
	return 0;
}
