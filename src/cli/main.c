/* nftc's entry point: the command line (args.c), then a file, the command words or
 * the interactive shell is run through cli_run_*. Exit codes as nft: 0, 1 error,
 * 2 out of memory, 3 no netlink socket. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "run.h"
#include "../util/arena.h"

/* The words of the command line, joined by spaces, as one input. */
static int run_cmdline(struct cli *cli, int argc, char **argv, int first, struct writer *out,
		       struct writer *err)
{
	size_t len = 0;
	for (int i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *text = xmalloc(len + 1), *p = text;
	for (int i = first; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(p, argv[i], n);
		p += n;
		*p++ = i + 1 < argc ? ' ' : '\0';
	}
	if (p == text)
		*p = 0;
	int rc = !strncmp(text, "monitor", 7) && (!text[7] || text[7] == ' ')
		 ? cli_monitor(cli, text, out, err)
		 : cli_run_buffer(cli, "<cmdline>", text, out, err);
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	/* A fixed threshold: large arrays (a million decoded elements) stay mmapped, so
	 * growing them is mremap, not a copy. glibc's adaptive threshold would climb past
	 * them after the first large free and turn every growth into a copy. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	struct cli_args a;
	int rc = cli_args_parse(argc, argv, stdout, stderr, &a);
	if (rc >= 0) {
		cli_args_free(&a);
		/* -h and -v print to stdout: a failed write is an error there too */
		return fflush(stdout) || ferror(stdout) ? 1 : rc;
	}

	struct writer out, err;
	writer_init_fd(&out, STDOUT_FILENO);
	writer_init_fd(&err, STDERR_FILENO);
	struct cli *cli = cli_new(&a.o);
	if (a.o.interactive)
		rc = shell_run(cli, &out, &err);
	else if (a.file)
		rc = cli_run_file(cli, a.file, &out, &err);
	else
		rc = run_cmdline(cli, argc, argv, a.first_cmd, &out, &err);
	/* Output that did not reach its file is a failure, not a success: a listing
	 * redirected to a full disk must not exit 0. */
	int werr = wr_flush(&out);
	if (werr) {
		wr_printf(&err, "Error: cannot write to standard output: %s\n", strerror(werr));
		rc = rc ? rc : 1;
	}
	wr_flush(&err);
	cli_free(cli);
	writer_free(&out);
	writer_free(&err);
	cli_args_free(&a);
	return rc;
}
