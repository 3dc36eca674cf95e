/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ifaces.c - the interfaces libpcap can capture on: -D prints them as
 * tcpdump -D does ("1.eth0 [Up, Running, Connected]"), the default
 * interface is the first of them (tcpdump 4.99 picks it so), and -i N
 * names the Nth.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sniff.h"
#include "tool.h"

static pcap_if_t *find_all(void)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *list = NULL;
	if (pcap_findalldevs(&list, errbuf) < 0) {
		tool_warn("cannot list the interfaces: %s", errbuf);
		return NULL;
	}
	if (!list)
		tool_warn("no interfaces available for capture");
	return list;
}

/* tcpdump's bittok2str(status_flags, "none", flags), then the connection
   status words tcpdump adds. */
static void print_flags(bpf_u_int32 flags)
{
	static const struct {
		bpf_u_int32 bit;
		const char *name;
	} names[] = {
		{PCAP_IF_UP, "Up"},
		{PCAP_IF_RUNNING, "Running"},
		{PCAP_IF_LOOPBACK, "Loopback"},
		{PCAP_IF_WIRELESS, "Wireless"},
	};
	bool any = false;
	fputs(" [", stdout);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (flags & names[i].bit) {
			printf("%s%s", any ? ", " : "", names[i].name);
			any = true;
		}
	}
	if (!any)
		fputs("none", stdout);
	const char *status = NULL;
	switch (flags & PCAP_IF_CONNECTION_STATUS) {
	case PCAP_IF_CONNECTION_STATUS_UNKNOWN:
		status = flags & PCAP_IF_WIRELESS ? "Association status unknown" :
						    "Connection status unknown";
		break;
	case PCAP_IF_CONNECTION_STATUS_CONNECTED:
		status = flags & PCAP_IF_WIRELESS ? "Associated" : "Connected";
		break;
	case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
		status = flags & PCAP_IF_WIRELESS ? "Not associated" : "Disconnected";
		break;
	default:
		break;
	}
	if (status)
		printf(", %s", status);
	fputc(']', stdout);
}

int sniff_list_ifaces(void)
{
	pcap_if_t *list = find_all();
	if (!list)
		return TOOL_EXIT_FAIL;
	int i = 1;
	for (pcap_if_t *d = list; d; d = d->next) {
		printf("%d.%s", i++, d->name);
		if (d->description)
			printf(" (%s)", d->description);
		if (d->flags)
			print_flags(d->flags);
		putchar('\n');
	}
	pcap_freealldevs(list);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		tool_warn("write error");
		return TOOL_EXIT_FAIL;
	}
	return TOOL_EXIT_OK;
}

char *sniff_default_iface(void)
{
	pcap_if_t *list = find_all();
	if (!list)
		return NULL;
	char *name = strdup(list->name);
	pcap_freealldevs(list);
	if (!name)
		tool_die("out of memory");
	return name;
}

char *sniff_iface_by_number(long n)
{
	if (n < 1) {
		tool_warn("-i %ld: interfaces are numbered from 1 (%s -D lists them)", n,
			  tool_name());
		return NULL;
	}
	pcap_if_t *list = find_all();
	if (!list)
		return NULL;
	long i = 1;
	pcap_if_t *d = list;
	while (d && i < n) {
		d = d->next;
		i++;
	}
	char *name = NULL;
	if (d) {
		name = strdup(d->name);
		if (!name)
			tool_die("out of memory");
	} else {
		tool_warn("-i %ld: there are only %ld interfaces (rk-sniff -D lists them)", n,
			  d ? i : i - 1);
	}
	pcap_freealldevs(list);
	return name;
}
