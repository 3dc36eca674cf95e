/* SPDX-License-Identifier: BSD-2-Clause */
/* consumer.c - a program outside the tree using the installed rawkit: it
   builds a UDP packet (pure core) and names an I/O error code, so it links
   the whole library. Prints the packet length. */
#include <stdio.h>
#include <rawkit/rawkit.h>

int main(void)
{
	unsigned char buf[128];
	struct rk_build b;
	struct rk_ipv4_hdr ip;
	struct rk_udp_hdr udp = {.sport = 1, .dport = 2};
	rk_ipv4_init(&ip);
	ip.src = 0xc0000201;
	ip.dst = 0xc0000202;
	rk_build_init(&b, buf, sizeof buf);
	rk_build_ipv4(&b, &ip);
	rk_build_udp(&b, &udp);
	int n = rk_build_finish(&b);
	printf("%d %s %s\n", n, rk_version(), rk_strerror(RK_E_PERM));
	return n == 28 && rk_csum(buf, 20) == 0 ? 0 : 1;
}
