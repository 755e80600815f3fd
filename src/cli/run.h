/* Running nft input: one buffer (a file, the command line, a shell line) is parsed,
 * evaluated, lowered and committed as one atomic batch; list commands read the
 * kernel and print. Used by main (files, command line) and the interactive shell. */
#ifndef NFTC_RUN_H
#define NFTC_RUN_H
#include <stdbool.h>
#include "../types/datatype.h"
#include "../util/writer.h"

enum debug_flags { DEBUG_NETLINK = 1, DEBUG_SCANNER = 2, DEBUG_PARSER = 4, DEBUG_EVAL = 8,
		   DEBUG_MNL = 16, DEBUG_PROTO = 32, DEBUG_SEGTREE = 64 };

struct cli_opts {
	bool check;                  /* -c */
	bool optimize;               /* -o: merge the rules of table blocks (src/optimize) */
	bool echo;                   /* -e */
	bool interactive;            /* -i */
	bool json;                   /* -j: JSON input (a document) and output */
	unsigned debug;              /* -d, enum debug_flags */
	struct print_opts po;        /* -a -n -s -t -y -p -T -u -S -N */
	const char **include_dirs;   /* -I, NULL-terminated */
	const char **defines;        /* -D NAME=VALUE, NULL-terminated */
};

struct cli;
struct cli *cli_new(const struct cli_opts *o);
void cli_free(struct cli *c);
/* Runs `text` named `name` ("<cmdline>", a path). Output (listings, -d netlink) goes
 * to `out`, errors to `err`. Returns the nft exit code: 0, 1 error, 2 OOM, 3 no socket. */
int cli_run_buffer(struct cli *c, const char *name, const char *text, struct writer *out,
		   struct writer *err);
int cli_run_file(struct cli *c, const char *path, struct writer *out, struct writer *err);

/* `monitor …` (monitor.c): `text` is the command line from `monitor` on. Prints the
 * kernel's notifications until killed; returns an exit code when it cannot go on. */
int cli_monitor(struct cli *c, const char *text, struct writer *out, struct writer *err);

/* The interactive shell (shell.c). */
int shell_run(struct cli *c, struct writer *out, struct writer *err);

#endif
