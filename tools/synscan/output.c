/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * output.c - rk-synscan's results: text lines for people
 * ("198.18.0.2  80/tcp  open  (ttl 64, win 64240)"), JSON Lines for
 * scripts (ip, port, proto, state, reason, ttl, win, ts; then one
 * {"summary":true,...} object), nmap's grepable format for -oG, and the
 * run summary on stderr.
 *
 * Result lines are written as replies arrive (a line is formatted first,
 * then written under a lock, so the two threads never interleave);
 * no-response lines and the -oG file are written at the end.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"
#include "util.h"

const char *state_name(int st)
{
	switch (st) {
	case ST_OPEN: return "open";
	case ST_CLOSED: return "closed";
	case ST_FILTERED: return "filtered";
	}
	return "unknown";
}

/* nmap's reason names for ICMP destination unreachable codes. */
static const char *icmp_reason(int family, unsigned type, unsigned code)
{
	if (family == 4 && type == 3) {
		switch (code) {
		case 0: return "net-unreach";
		case 1: return "host-unreach";
		case 2: return "proto-unreach";
		case 3: return "port-unreach";
		case 9: return "net-prohibited";
		case 10: return "host-prohibited";
		case 13: return "admin-prohibited";
		}
		return "icmp-unreach";
	}
	if (family == 6 && type == 1) {
		switch (code) {
		case 0: return "no-route";
		case 1: return "admin-prohibited";
		case 2: return "beyond-scope";
		case 3: return "addr-unreach";
		case 4: return "port-unreach";
		case 5: return "failed-policy";
		case 6: return "reject-route";
		}
		return "icmpv6-unreach";
	}
	return "icmp";
}

const char *reason_name(const struct result *r)
{
	switch (r->reason) {
	case RS_SYNACK: return "syn-ack";
	case RS_RESET: return "reset";
	case RS_NORESPONSE: return "no-response";
	case RS_ICMP: return icmp_reason(r->family, r->icmp_type, r->icmp_code);
	}
	return "unknown";
}

void addr_str(const struct rk_target_addr *a, char *buf, size_t len)
{
	if (a->family == 4) {
		uint32_t n = htonl(a->v4);
		inet_ntop(AF_INET, &n, buf, (socklen_t)len);
	} else {
		inet_ntop(AF_INET6, a->v6, buf, (socklen_t)len);
	}
}

double ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) + (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

static bool shown(const struct scan *sc, const struct result *r)
{
	return r->state == ST_OPEN || sc->all_states;
}

static void result_target(const struct scan *sc, const struct result *r, struct rk_target_addr *a,
			  uint16_t *port)
{
	uint64_t idx = r->key - 1;
	rk_targets_get(&sc->targets, idx / sc->ports.n, a);
	*port = sc->ports.port[idx % sc->ports.n];
}

static int format_line(const struct scan *sc, const struct result *r, const struct timespec *ts,
		       char *line, size_t len)
{
	struct rk_target_addr a;
	uint16_t port;
	char ip[INET6_ADDRSTRLEN];

	result_target(sc, r, &a, &port);
	addr_str(&a, ip, sizeof ip);
	if (sc->json) {
		char ttl[8] = "null", win[8] = "null", icmp[48] = "";
		if (r->reason != RS_NORESPONSE)
			snprintf(ttl, sizeof ttl, "%u", r->ttl);
		if (r->reason == RS_SYNACK || r->reason == RS_RESET)
			snprintf(win, sizeof win, "%u", r->win);
		if (r->reason == RS_ICMP)
			snprintf(icmp, sizeof icmp, ",\"icmp_type\":%u,\"icmp_code\":%u",
				 r->icmp_type, r->icmp_code);
		return snprintf(
		    line, len,
		    "{\"ip\":\"%s\",\"port\":%u,\"proto\":\"tcp\",\"state\":\"%s\","
		    "\"reason\":\"%s\",\"ttl\":%s,\"win\":%s,\"ts\":\"%lld.%09ld\"%s}\n",
		    ip, port, state_name(r->state), reason_name(r), ttl, win, (long long)ts->tv_sec,
		    ts->tv_nsec, icmp);
	}
	switch (r->reason) {
	case RS_SYNACK:
		return snprintf(line, len, "%s  %u/tcp  open  (ttl %u, win %u)\n", ip, port, r->ttl,
				r->win);
	case RS_RESET:
		return snprintf(line, len, "%s  %u/tcp  closed  (reset, ttl %u, win %u)\n", ip,
				port, r->ttl, r->win);
	case RS_ICMP:
		return snprintf(line, len, "%s  %u/tcp  filtered  (%s, ttl %u)\n", ip, port,
				reason_name(r), r->ttl);
	default:
		return snprintf(line, len, "%s  %u/tcp  %s  (%s)\n", ip, port, state_name(r->state),
				reason_name(r));
	}
}

void out_result(struct scan *sc, const struct result *r, const struct timespec *ts)
{
	char line[256];
	if (!shown(sc, r))
		return;
	int n = format_line(sc, r, ts, line, sizeof line);
	if (n <= 0)
		return;
	pthread_mutex_lock(&sc->out_lock);
	fwrite(line, 1, (size_t)n, stdout);
	pthread_mutex_unlock(&sc->out_lock);
}

/* Was the probe at index idx sent (in this shard, at or past the resume
   index, before an interruption)? */
static bool was_sent(const struct scan *sc, uint64_t idx, uint64_t end)
{
	if (sc->shards == 1 && sc->resume == 0 && end == rk_perm_shard_count(sc->nprobes, 0, 1))
		return true;
	uint64_t pos = rk_perm_unmap(&sc->perm, idx);
	if (pos % sc->shards != sc->shard)
		return false;
	uint64_t k = pos / sc->shards;
	return k >= sc->resume && k < end;
}

void out_noresponse(struct scan *sc)
{
	struct timespec now;
	uint64_t end = sc->pass0_done ? rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards)
				      : sc->resume_hint;
	clock_gettime(CLOCK_REALTIME, &now);
	results_rdlock(&sc->res);
	for (uint64_t idx = 0; idx < sc->nprobes; idx++) {
		if (results_find_locked(&sc->res, idx + 1) || !was_sent(sc, idx, end))
			continue;
		struct result r = {.key = idx + 1, .state = ST_FILTERED, .reason = RS_NORESPONSE};
		out_result(sc, &r, &now);
	}
	results_unlock(&sc->res);
}

static int key_order(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return a < b ? -1 : a > b;
}

static void fmt_time(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	time_t t = ts->tv_sec;
	localtime_r(&t, &tm);
	strftime(buf, len, "%a %b %e %H:%M:%S %Y", &tm);
}

int out_grepable(struct scan *sc)
{
	FILE *f = sc->og;
	struct timespec now, mono;
	char when[64], ip[INET6_ADDRSTRLEN];

	fmt_time(&sc->wall_start, when, sizeof when);
	fprintf(f, "# rk-synscan %s scan initiated %s as:", rk_version(), when);
	for (int i = 0; i < sc->argc; i++)
		fprintf(f, " %s", sc->argv[i]);
	fputc('\n', f);

	/* Every result in probe order: grouped by host, ports ascending. */
	results_rdlock(&sc->res);
	uint64_t n = 0, *keys = malloc((sc->res.n + 1) * sizeof *keys);
	if (!keys) {
		results_unlock(&sc->res);
		return -1;
	}
	for (uint64_t i = 0; i < sc->res.cap; i++)
		if (sc->res.slot[i].key)
			keys[n++] = sc->res.slot[i].key;
	qsort(keys, n, sizeof *keys, key_order);
	uint64_t up = 0;
	for (uint64_t i = 0, j; i < n; i = j) {
		uint64_t host = (keys[i] - 1) / sc->ports.n;
		struct rk_target_addr a;
		rk_targets_get(&sc->targets, host, &a);
		addr_str(&a, ip, sizeof ip);
		fprintf(f, "Host: %s ()\tStatus: Up\n", ip);
		up++;
		bool listed = false;
		for (j = i; j < n && (keys[j] - 1) / sc->ports.n == host; j++) {
			const struct result *r = results_find_locked(&sc->res, keys[j]);
			if (!shown(sc, r))
				continue;
			if (!listed)
				fprintf(f, "Host: %s ()\tPorts: ", ip);
			fprintf(f, "%s%u/%s/tcp/////", listed ? ", " : "",
				sc->ports.port[(keys[j] - 1) % sc->ports.n], state_name(r->state));
			listed = true;
		}
		if (listed)
			fputc('\n', f);
	}
	results_unlock(&sc->res);
	free(keys);

	clock_gettime(CLOCK_REALTIME, &now);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	fmt_time(&now, when, sizeof when);
	fprintf(f,
		"# rk-synscan done at %s -- %" PRIu64 " IP addresses (%" PRIu64
		" hosts up) scanned in %.2f seconds\n",
		when, rk_targets_count(&sc->targets), up, ts_diff(&mono, &sc->t_start));
	return ferror(f) ? -1 : 0;
}

void out_summary(struct scan *sc, bool interrupted)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = ts_diff(&now, &sc->t_start);
	double send_time = ts_diff(&sc->t_send_end, &sc->t_start);
	uint64_t sent = atomic_load(&sc->sent);
	double rate = send_time > 0 ? (double)sent / send_time : 0;
	uint64_t rx = 0, drops = 0;
	bool have_stats = sc->cap && rk_cap_stats(sc->cap, &rx, &drops, NULL) == RK_OK;
	uint64_t probes = rk_perm_shard_count(sc->nprobes, sc->shard, sc->shards) - sc->resume;
	uint64_t attempted = sc->pass0_done ? probes : sc->resume_hint - sc->resume;
	uint64_t noresp = attempted > sc->res.n ? attempted - sc->res.n : 0;
	uint64_t open = atomic_load(&sc->n_open), closed = atomic_load(&sc->n_closed);
	uint64_t filtered = atomic_load(&sc->n_filtered) + noresp;

	if (sc->json) {
		printf("{\"summary\":true,\"probes\":%" PRIu64 ",\"sent\":%" PRIu64
		       ",\"send_errors\":%" PRIu64 ",\"replies\":%" PRIu64
		       ",\"duplicates\":%" PRIu64 ",\"invalid\":%" PRIu64 ",\"open\":%" PRIu64
		       ",\"closed\":%" PRIu64 ",\"filtered\":%" PRIu64 ",\"no_response\":%" PRIu64
		       ",\"rate\":%.0f,\"rate_1s_min\":%.0f,\"rate_1s_max\":%.0f"
		       ",\"send_time\":%.6f,\"elapsed\":%.6f,\"capture_drops\":%" PRIu64
		       ",\"seed\":%" PRIu64
		       ",\"shard\":\"%u/%u\",\"send\":\"%s\",\"interrupted\":%s",
		       attempted, sent, (uint64_t)atomic_load(&sc->send_errors),
		       (uint64_t)atomic_load(&sc->rx_valid), (uint64_t)atomic_load(&sc->rx_dup),
		       (uint64_t)atomic_load(&sc->rx_invalid), open, closed, filtered, noresp, rate,
		       sc->rate_1s_min, sc->rate_1s_max, send_time, elapsed, drops, sc->seed,
		       sc->shard + 1, sc->shards, sc->use_l2 ? "l2" : "l3",
		       interrupted ? "true" : "false");
		if (interrupted && !sc->pass0_done)
			printf(",\"resume_index\":%" PRIu64, sc->resume_hint);
		printf("}\n");
	}
	fflush(stdout);
	if (!sc->quiet) {
		tool_warn("%" PRIu64 " probes, %" PRIu64
			  " packets sent in %.2f s (%.0f/s); %" PRIu64 " replies: %" PRIu64
			  " open, %" PRIu64 " closed, %" PRIu64 " filtered (%" PRIu64
			  " no response); %.2f s in all",
			  attempted, sent, send_time, rate, (uint64_t)atomic_load(&sc->rx_valid),
			  open, closed, filtered, noresp, elapsed);
		if (have_stats && drops)
			tool_warn("the capture dropped %" PRIu64
				  " packets: results may be missing; "
				  "try a lower --rate",
				  drops);
	}
}
