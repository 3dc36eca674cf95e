/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build_layer.h - what the layered builder's pushes (build.c) note in a
 * layer record's flags for rk_build_finish() (build_finish.c). The record
 * itself, struct rk_build_layer, is in rawkit/build.h.
 */
#ifndef RAWKIT_BUILD_LAYER_H
#define RAWKIT_BUILD_LAYER_H

/* Payload from rk_build_zero(): a caller may fill the bytes after the push
   (rk_spec_build() does), so finish sums them from the output. Only set
   when a checksum covers them. */
#define RKB_F_LAZY 0x1u

/* IPv6 routing header with segments left naming the final destination. */
#define RKB_F_FINAL_DST 0x2u

/* TCP, UDP, ICMPv6: aux holds the enclosing IP layer's address sum. */
#define RKB_F_PSEUDO 0x4u

/* TCP, UDP, ICMPv6: a routing header lies between it and its IP layer:
   finish scans back for the pseudo-header's addresses (rare). */
#define RKB_F_PSEUDO_SCAN 0x8u

/* Payload of an odd length (no header has one): what follows it starts at
   an odd offset from its start, so its sum counts byte-swapped there. */
#define RKB_F_ODD 0x10u

#endif
