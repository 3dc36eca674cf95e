/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_input.h - the fuzz targets' input format: byte 0 selects the link
 * type (modulo the table below), byte 1 is how many bytes the wire length
 * exceeds the captured length (so truncation is explored), the rest is the
 * captured frame.
 */
#ifndef RK_FUZZ_INPUT_H
#define RK_FUZZ_INPUT_H

#include "rawkit/link.h"

static const int fuzz_linktypes[] = {
	RK_DLT_EN10MB, RK_DLT_RAW, RK_LINKTYPE_RAW, RK_DLT_IPV4, RK_DLT_IPV6,
	RK_DLT_LINUX_SLL, RK_DLT_LINUX_SLL2, RK_DLT_NULL, RK_DLT_LOOP,
};
#define FUZZ_NLINKTYPES (sizeof fuzz_linktypes / sizeof fuzz_linktypes[0])

static inline int fuzz_selector_of(int dlt)
{
	for (unsigned i = 0; i < FUZZ_NLINKTYPES; i++)
		if (fuzz_linktypes[i] == dlt)
			return (int)i;
	return -1;
}

#endif
