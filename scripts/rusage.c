/* Runs one command and prints what it cost, for scripts/bench. It exists because peak
 * RSS is inherited across fork: a command forked from the Python bench script would
 * report Python's own footprint as its peak. This launcher is a few hundred KiB, so the
 * peak it reports is the command's.
 *
 *   rusage OUT ERR COMMAND [ARG...]
 *
 * Runs COMMAND with standard output to OUT and standard error to ERR, waits for it and
 * prints one line: wall user sys maxrss_kib exit_status. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: rusage OUT ERR COMMAND [ARG...]\n");
		return 2;
	}
	int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0 || err < 0) {
		perror("rusage: open");
		return 2;
	}
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 2;
	}
	if (pid == 0) {
		dup2(out, 1);
		dup2(err, 2);
		execv(argv[3], argv + 3);
		perror("rusage: exec");
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("rusage: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	double wall = (double)(end.tv_sec - start.tv_sec) +
		      (double)(end.tv_nsec - start.tv_nsec) / 1e9;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("%.6f %.6f %.6f %ld %d\n", wall, seconds(ru.ru_utime), seconds(ru.ru_stime),
	       ru.ru_maxrss, code);
	return 0;
}
