/* AST → nft text, exactly as `nft list` prints it. The printer reads only the AST:
 * what the kernel holds reaches it lifted (src/lift) into the nodes the parser builds. */
#ifndef NFTC_PRINT_H
#define NFTC_PRINT_H
#include "ast.h"

void print_expr(const struct expr *e, const struct print_opts *po, struct writer *w);
void print_stmt(const struct stmt *s, const struct print_opts *po, struct writer *w);
/* Statements separated by spaces (plus ` comment "..."`, ` # handle N` with -a). */
void print_rule(const struct rule *r, const struct print_opts *po, struct writer *w);

/* A listing: declarations lifted from the kernel, laid out as nft does:
 *   table ip t {\n\tset s {\n\t\ttype ...\n\t}\n\n\tchain c {\n\t\ttype filter hook input priority filter; policy accept;\n\t\trule\n\t}\n}\n */
struct listed_chain {
	const struct chain_decl *chain;
	struct rule **rules;
	uint32_t nrules;
	/* Instead of `rules`: the next rule, NULL after the last; each may be freed by
	 * the next call, so a chain of many rules is never lifted whole. */
	const struct rule *(*next_rule)(void *priv);
	void *rules_priv;
};
struct listed_set {
	const struct set_decl *set;
	struct expr *elems;          /* lifted elements (EXPR_SET), NULL if not fetched */
	/* Instead of `elems`: the elements a chunk at a time (EXPR_SET), NULL after the
	 * last; each chunk may be freed by the next call. Large sets never exist whole as
	 * AST. */
	struct expr *(*next_elems)(void *priv);
	void *elems_priv;
};
struct listed_table {
	const struct table_decl *table;
	struct listed_set *sets;
	uint32_t nsets;
	struct listed_chain *chains;
	uint32_t nchains;
	struct obj_decl **objs;              /* named objects, printed before sets as nft does */
	uint32_t nobjs;
	struct flowtable_decl **flowtables;
	uint32_t nflowtables;
	bool packed;                         /* `list sets|maps|meters`: no blank lines */
};

void print_table(const struct listed_table *t, const struct print_opts *po, struct writer *w);
/* `list chain`: the table wrapper with one chain; `list set`: with one set. */
void print_table_header(const struct table_decl *t, const struct print_opts *po,
			struct writer *w);
void print_chain(const struct listed_chain *c, const struct print_opts *po, struct writer *w);
void print_set(const struct listed_set *s, const struct print_opts *po, struct writer *w);

#endif
