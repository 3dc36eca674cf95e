/* SPDX-License-Identifier: BSD-2-Clause */
/* rawkit.h - umbrella header: the whole pure core of librawkit. The I/O layer
   has its own headers (sock.h, cap.h, wire.h, netif.h). */
#ifndef RAWKIT_RAWKIT_H
#define RAWKIT_RAWKIT_H

#include "err.h"
#include "rd.h"
#include "wr.h"
#include "csum.h"
#include "eth.h"
#include "link.h"
#include "arp.h"
#include "ipv4.h"
#include "ipv6.h"
#include "tcp.h"
#include "udp.h"
#include "icmp.h"
#include "icmp6.h"
#include "pkt.h"
#include "build.h"
#include "fmt.h"
#include "spec.h"

#endif
