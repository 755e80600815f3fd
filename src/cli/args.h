/* The command line (args.c). */
#ifndef NFTC_ARGS_H
#define NFTC_ARGS_H
#include <stdio.h>
#include "run.h"

#define NFTC_VERSION "0.1.0"
/* The nft release whose syntax, listings and JSON nftc follows: `--version` prints it
 * in nft's format (programs compare it against a minimum), and so does the JSON
 * metainfo. */
#define NFT_COMPAT_VERSION "1.1.4"

/* Everything the command line asked for. */
struct cli_args {
	struct cli_opts o;
	const char *file;            /* -f */
	const char **incs, **defs;   /* -I, -D: NULL-terminated; freed by cli_args_free */
	int first_cmd;               /* argv index of the first command word */
};

/* Parses argv. Returns -1 to go on and run, or the exit code to leave with (`-h`,
 * `-v` and usage errors end here: their text goes to `out` and `err`). Always
 * cli_args_free after. */
int cli_args_parse(int argc, char **argv, FILE *out, FILE *err, struct cli_args *a);
void cli_args_free(struct cli_args *a);

#endif
