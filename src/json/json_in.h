/* What the readers of src/json share: the document being read, where each of its
 * values starts in the text, the path of a value for errors, and the readers of each
 * level (commands, expressions, statements). Private to src/json. */
#ifndef NFTC_JSON_IN_H
#define NFTC_JSON_IN_H
#include "json_tree.h"
#include "json_read.h"
#include "../parser/build.h"

/* The way from the document's root to a value: a chain of keys and indexes, kept on
 * the C stack while the readers descend, printed only when there is an error. */
struct jpath {
	const struct jpath *up;
	const char *key;             /* NULL: an array index */
	size_t index;
};
#define JPATH_KEY(parent, k) ((struct jpath){ .up = (parent), .key = (k) })
#define JPATH_IDX(parent, i) ((struct jpath){ .up = (parent), .index = (i) })

/* One document being read. */
struct jin {
	struct pstate ps;            /* the parser's state: the b_* builders take it */
	struct arena *a;
	struct diag_list *errs;
	const struct source *src;
	uint32_t *line_starts;       /* where each line of the text starts */
	size_t n_lines;
	uint32_t family;             /* NFPROTO_* of the command being read */
	const char *table;           /* and its table, for set references */
	/* a copy in the arena, made once, for the readers kept for eval (jin_kept) */
	const struct jin *kept;
	/* the last command emitted, when it adds a block of consecutive rules of one
	 * chain (json_cmd_in.c), which the next such rule joins */
	const struct cmd *rule_block;
	struct chain_decl *rule_block_rules;
	uint32_t rule_block_cap;
};

/* Where value `v` is in the text (its first line), or an empty location. */
struct loc jin_loc(const struct jin *c, const struct jval *v);
/* The reader's state for a reader kept until eval (a rule's statements, a long
 * element list): the document's part is shared, `family` and `table` are its own. */
struct jin_kept {
	const struct jin *doc;
	uint32_t family;
	const char *table;
};
struct jin_kept jin_keep(struct jin *c);
/* The reader a kept one reads with: in arena `a`, errors into `errs`. */
void jin_resume(struct jin *out, const struct jin_kept *k, struct parse_ctx *ctx,
		struct arena *a, struct diag_list *errs);
/* The next item of a lazy array (jtree_items_start), built in c->a: 1 with *out set,
 * 0 after the last, -1 with the error recorded (the syntax inside a lazy
 * list is checked as its items are built). */
int jin_items_next(struct jin *c, struct jtree_items *it, struct jval **out);
/* An integer's decimal text, as the b_* builders take numbers: a non-negative one's
 * digits as written (JSON has no leading zeros), without formatting it again. */
const char *jin_int_text(struct jin *c, const struct jval *v);
/* Records an error at `v` with the path `p` appended (`… (at nftables[0].add.rule)`);
 * returns -1. */
int jin_err(struct jin *c, const struct jval *v, const struct jpath *p, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "nftables[3].add.rule" into the arena. */
const char *jpath_str(struct arena *a, const struct jpath *p);

/* Members, checked. jin_member: the member `key` of `o` when its JSON type is `type`
 * (JK_TRUE stands for either boolean): 1 with *out set, 0 when absent, -1 with the
 * error recorded at the member ("\"key\" must be WHAT") when of another type.
 * jin_opt_u64: an integer member, 0 or more. */
int jin_member(struct jin *c, struct jval *o, const char *key, const struct jpath *p,
	       enum jkind type, const char *what, struct jval **out);
int jin_opt_u64(struct jin *c, struct jval *obj, const char *key, const struct jpath *p,
		uint64_t *out);
/* The one member of `{"word": value}`: its key and value, or -1 (not an object of one
 * member). */
int jin_single(struct jin *c, struct jval *v, const struct jpath *p, const char **key,
	       struct jval **val);
/* The family name ("ip", "inet" …) → NFPROTO_*, or -1 with the error recorded. */
int jin_family(struct jin *c, struct jval *v, const struct jpath *p, uint32_t *out);

/* A command object (`{"add": {"rule": {…}}}`) → commands appended to ps.out
 * (json_cmd_in.c). Returns 0 or -1. */
int jin_cmd(struct jin *c, struct jval *v, const struct jpath *p);
/* An expression value (`"192.168.0.1"`, `22`, `{"payload": …}`, `{"set": […]}` …)
 * → AST (json_expr_in.c); NULL after an error. */
struct expr *jin_expr(struct jin *c, struct jval *v, const struct jpath *p);
/* A statement object (`{"match": …}`, `{"counter": …}`, `{"accept": null}` …) → AST
 * (json_stmt_in.c); NULL after an error. */
struct stmt *jin_stmt(struct jin *c, struct jval *v, const struct jpath *p);
/* A rule's "expr" array (built or lazy) → r->stmts; 0 or -1 (json_stmt_in.c). */
int jin_rule_stmts(struct jin *c, struct jval *arr, const struct jpath *p, struct rule *r);

#endif
