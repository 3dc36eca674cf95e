/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * loop.h - rk-ping's send/receive loop: requests out on schedule (interval,
 * flood, count, deadline, linger as iputils ping times them), every packet
 * in sorted and counted, lines printed as they happen. It sees the network
 * only through io.h, so the same loop runs live and over a recording.
 */
#ifndef RK_PING_LOOP_H
#define RK_PING_LOOP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "echo.h"
#include "io.h"
#include "opts.h"
#include "output.h"
#include "session.h"

/* How an address is shown: numeric, or "name (address)" (iputils' pr_addr). */
typedef void (*ping_addr_fn)(void *ctx, int family, uint32_t a4, const uint8_t *a6, char *buf,
			     size_t size);

struct ping_loop {
	const struct ping_opts *o;
	struct ping_probe *probe;
	struct ping_io *io;
	const struct ping_out *out;
	struct ping_session *s;
	ping_addr_fn addr_name; /* NULL: numeric */
	void *addr_ctx;
	volatile sig_atomic_t *stop;   /* set by SIGINT / SIGTERM */
	volatile sig_atomic_t *status; /* set by SIGQUIT: print a status line */
};

/* Run until done (count, deadline, linger, a signal, the end of a
   recording). Returns 0, or 2 after a receive failure was reported. */
int ping_loop_run(struct ping_loop *lp);

#endif
