/* SPDX-License-Identifier: BSD-2-Clause */
/* netif.c - interface addresses through libnet (placeholder replaced by the I/O layer). */
