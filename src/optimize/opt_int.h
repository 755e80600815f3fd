/* Private to src/optimize: what a statement is to the optimizer (its role, read from
 * one table), the comparisons the merge decisions are made of, and the builders of
 * merged statements. */
#ifndef NFTC_OPT_INT_H
#define NFTC_OPT_INT_H
#include "optimize.h"

/* What a statement kind is to a merge. */
enum opt_role {
	ROLE_NONE,       /* not understood: a rule holding it is merged with nothing */
	ROLE_MATCH,      /* `SELECTOR VALUE` (== or implicit) or `SELECTOR vmap { … }` */
	ROLE_VERDICT,    /* accept, drop, jump x …: the same in every rule, or a vmap */
	ROLE_NAT,        /* snat/dnat/masquerade/redirect: the same, or a nat map */
	ROLE_FIXED,      /* counter, log, limit …: must be the same in every rule */
};

/* The role of `s`, ROLE_NONE for shapes of a known kind that cannot be merged (a
 * match with `!=`, a concatenation on the left, a nat statement already using a map). */
enum opt_role opt_stmt_role(const struct stmt *s);
/* Statements of one column: the same kind, matching the same thing (`ip saddr`
 * whatever address; any counter; the same log). */
bool opt_stmt_same_column(const struct stmt *a, const struct stmt *b);
/* Statements identical in everything that is sent (verdicts, nat statements). */
bool opt_stmt_equal(const struct stmt *a, const struct stmt *b);
bool opt_expr_equal(const struct expr *a, const struct expr *b);
/* A match statement that is a verdict map (`tcp dport vmap { … }`). */
bool opt_stmt_is_vmap(const struct stmt *s);
/* The expression a define reference stands for. */
const struct expr *opt_deref(const struct expr *e);

/* A run of rules to merge: rows of the statement matrix. */
struct opt_run {
	struct arena *a;
	struct rule **rules;         /* the run's rules, in order */
	uint32_t nrules;
	struct stmt ***cells;        /* cells[i][col]: rule i's statement of column col */
	uint32_t ncols;
	uint32_t match_cols[32];     /* the ROLE_MATCH columns, in column order */
	uint32_t nmatch;
	int verdict_col, nat_col;    /* -1: none */
};

/* How nft shows a merged match in its report, where that differs from the rule sent:
 * a rule's own set stays a set inside the new one, and a set nft parsed (a merged
 * verdict map's) prints an element per line. */
struct opt_shown {
	const struct stmt *stmt;     /* the merged match; NULL: print the rule as it is */
	struct expr *set;            /* its set as nft shows it */
	bool lines;                  /* `set` itself an element per line */
};

/* Builds the merged rule of a run into a new rule; NULL when the run cannot be
 * merged after all (nothing is changed then). */
struct rule *opt_merge_run(const struct opt_run *run, struct opt_shown *shown);

/* Writes nft's report of one merge: the original rules' lines, then the new rule.
 * `written`: the rules as the block holds them (their spans say where they end). */
void opt_report(const struct optimize_ctx *oc, struct rule *const *rules,
		const struct rule *const *written, uint32_t n, const struct rule *merged,
		const struct opt_shown *shown);

#endif
