/* -o/--optimize: consecutive rules of a table block's chain that differ only in the
 * values they match are merged into one rule (an anonymous set, a concatenation, a
 * verdict map, a nat map), and each merge is reported as nft reports it ("Merging:" …
 * "into:"). A pass over the parser's AST, after parsing and before eval: eval and
 * lower then see the merged rules as if they had been written so. */
#ifndef NFTC_OPTIMIZE_H
#define NFTC_OPTIMIZE_H
#include "../ast/ast.h"
#include "../util/writer.h"

struct optimize_ctx {
	struct arena *arena;         /* the merged rules live here (the input's arena) */
	struct diag_list *errs;      /* syntax errors of the rules kept as text */
	struct writer *out;          /* the merged rule (nft writes it to stdout) */
	struct writer *err;          /* "Merging:", the original lines, "into:" */
	const struct print_opts *po;
};

/* Merges the rules of every chain written in a `table { … }` block of `cmds` (nft
 * optimizes nothing else: separate `add rule` commands and JSON input stay as they
 * are). A chain whose rules do not parse is left to eval, which reports the error.
 * Returns the number of merges. */
unsigned optimize_cmds(struct optimize_ctx *oc, struct cmd_list *cmds);

#endif
