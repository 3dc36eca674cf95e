/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * runstat.c - rk-bench-run: run a command (stdout to /dev/null unless
 * RK_BENCH_KEEP_STDOUT is set) and print one line for the benchmarks:
 *   wall=SECONDS user=SECONDS sys=SECONDS maxrss_kb=N status=N
 * CPU time and peak RSS come from wait4()'s rusage, so they are the
 * command's own (and its children's that it waited for).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: rk-bench-run COMMAND [ARG...]\n");
		return 2;
	}
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("rk-bench-run: fork");
		return 2;
	}
	if (pid == 0) {
		if (!getenv("RK_BENCH_KEEP_STDOUT")) {
			int fd = open("/dev/null", O_WRONLY);
			if (fd >= 0)
				dup2(fd, 1);
		}
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("rk-bench-run: wait4");
		return 2;
	}
	double wall = now() - t0;
	printf("wall=%.3f user=%.3f sys=%.3f maxrss_kb=%ld status=%d\n", wall,
	       (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
