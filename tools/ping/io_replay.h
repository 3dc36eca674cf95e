/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * io_replay.h - opening rk-ping's replay backend (io.h): a recorded
 * exchange played through rawkit's wire file backend (wire.h).
 */
#ifndef RK_PING_IO_REPLAY_H
#define RK_PING_IO_REPLAY_H

#include <stdint.h>

#include <rawkit/err.h>

#include "io.h"

/*
 * rx_pcap: the recording (pcap or pcapng, any link type rk_decode()
 * knows); tx_pcap: where the requests built go (NULL: nowhere). RK_OK,
 * RK_E_SYS (cannot open), RK_E_MALFORMED (not a capture); errbuf says why.
 */
int ping_io_open_replay(struct ping_io **out, const char *rx_pcap, const char *tx_pcap,
			char *errbuf);

/*
 * The first recorded echo request to the destination (family 4: dst4, 6:
 * dst6): its identifier and source, so a replay matches the recording
 * without -e / -I. 1 found, 0 none, or a negative rk_err (errbuf set).
 */
int ping_replay_scan(const char *rx_pcap, int family, uint32_t dst4, const uint8_t *dst6,
		     uint16_t *ident, uint32_t *src4, uint8_t *src6, char *errbuf);

#endif
