/* Entry point of the front end: text → list of commands (AST).
 * Handles `define`/`$var`, `include` (with -I directories and globs), nested
 * `table { chain { } set { } }` blocks (expanded into add commands, in order) and the
 * flat command form. Errors are recorded in ctx->errs with their source location. */
#ifndef NFTC_PARSER_H
#define NFTC_PARSER_H
#include "../ast/ast.h"

struct define {                  /* a `define NAME = EXPR` in scope */
	const char *name;
	struct expr *value;
	struct define *next;
};

struct parse_ctx {
	struct arena *arena;             /* AST and sources live here */
	struct diag_list *errs;
	const char **include_dirs;       /* -I, in order; NULL-terminated */
	struct define *defines;          /* -D NAME=VALUE and file defines */
	unsigned include_depth;
	/* every rule and element list through the grammar, none through the fast readers
	 * (rule_fast.c, elem_fast.c): NFTC_GRAMMAR_ONLY=1, for tests that compare them */
	bool grammar_only;
};

/* Parse a whole buffer (file contents, command line joined by spaces, shell line).
 * `src` must stay alive as long as the AST (locations point into it).
 * Returns 0, or -1 with errors recorded (nothing in `out` should then be run). */
int parse_source(struct parse_ctx *ctx, const struct source *src, struct cmd_list *out);
/* Reads FILE ("-" = stdin) into the arena and parses it. */
int parse_file(struct parse_ctx *ctx, const char *path, struct cmd_list *out);

#endif
