/* Entry point of the front end: text → list of commands (AST).
 * Handles `define`/`$var`, `include` (with -I directories and globs), nested
 * `table { chain { } set { } }` blocks (expanded into add commands, in order) and the
 * flat command form. Errors are recorded in ctx->errs with their source location. */
#ifndef NFTC_PARSER_H
#define NFTC_PARSER_H
#include "../ast/ast.h"

/* `define NAME = EXPR` (defines.c). The scope is a list, newest first, that only ever
 * grows: redefine and undefine push a node too (undefine one without a value), so a
 * list head taken earlier (a rule kept as text, rule_span) still sees the defines of
 * its place in the input. A hash index over all nodes makes a lookup O(1). */
struct define_index;
struct define {
	const char *name;
	struct expr *value;              /* NULL: undefined from here on */
	struct define *next;             /* the scope below this node */
	struct define *shadowed;         /* the previous node of the same name */
	uint32_t seq;                    /* 1, 2, ... in the order of the input */
	struct define_index *index;      /* shared by every node of one run */
};

struct parse_ctx {
	struct arena *arena;             /* AST and sources live here */
	struct diag_list *errs;
	const char **include_dirs;       /* -I, in order; NULL-terminated */
	struct define *defines;          /* -D NAME=VALUE and file defines */
	size_t input_bytes;              /* read from files so far (source_read.c) */
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
