/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * priv.h - rk-ping gives up its privileges once its sockets are open: back
 * to the real user id (a set-uid install), then every capability cleared
 * (root's included, or a file capability's CAP_NET_RAW), with the raw
 * capset() system call so that no libcap is needed.
 */
#ifndef RK_PING_PRIV_H
#define RK_PING_PRIV_H

#include <stdbool.h>
#include <stddef.h>

/* Drop. 0, or -1 with msg set (then the caller must not go on). */
int ping_priv_drop(char *msg, size_t size);

/* Whether the process holds CAP_NET_RAW in its effective set. */
bool ping_priv_has_net_raw(void);

#endif
