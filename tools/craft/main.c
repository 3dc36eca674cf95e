/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c - rk-craft: packets from a one-line spec (docs/SPEC.md), printed,
 * written to a pcap file, or sent at layer 3 or 2, with --reply waiting for
 * each answer; --from-pcap prints a capture's frames, as specs too.
 * Everything the user gave is checked (command line, spec, interface)
 * before anything is opened, so bad input sends nothing.
 */
#include <net/if.h>
#include <stdlib.h>
#include "craft.h"
#include "tool.h"

int main(int argc, char **argv)
{
	static struct craft_opts o;
	static struct rk_spec spec;
	struct craft_env ce;
	struct rk_spec_error err;

	tool_init(argv[0]);
	craft_opts_parse(&o, argc, argv);
	if (o.ifname && if_nametoindex(o.ifname) == 0) {
		tool_warn("unknown interface '%s'", o.ifname);
		return TOOL_EXIT_FAIL;
	}
	if (o.from_pcap)
		return craft_from_pcap(&o);
	if (rk_spec_parse(&spec, o.spec_text, NULL, &err) != RK_OK) {
		tool_warn("spec:%u:%u: %s", err.line, err.col, err.msg);
		return TOOL_EXIT_FAIL;
	}
	craft_env_setup(&o, &spec, &ce);
	if (o.send)
		return craft_send(&o, &spec);
	return craft_show_spec(&o, &spec);
}
