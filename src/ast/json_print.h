/* AST → nft's JSON (libnftables-json(5)), exactly as `nft -j list` prints it. The
 * other writer of the AST beside print.h: it reads the same lifted declarations
 * (struct listed_table …) and streams through struct json_out, so a listing never
 * exists as a document tree. Each *_obj function writes one item of the top-level
 * "nftables" array. */
#ifndef NFTC_JSON_PRINT_H
#define NFTC_JSON_PRINT_H
#include "print.h"
#include "../util/json_out.h"

/* expressions and statements (json_expr.c, json_stmt.c) */
void json_print_expr(const struct expr *e, const struct print_opts *po, struct json_out *j);
void json_print_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j);
/* A rule's statements as the "expr" array: `[{"match": …}, {"accept": null}]`. */
void json_print_rule_exprs(const struct rule *r, const struct print_opts *po,
			   struct json_out *j);

/* objects (json_table.c) */
struct json_names {                  /* where an object lives */
	uint32_t family;
	const char *table;
	const char *chain;               /* rules */
};
/* `{"metainfo": …}`: the nft version whose JSON this is (1.1.4, for programs that
 * compare it) and, as release name, the program that wrote it. */
void json_print_metainfo(struct json_out *j, const char *version, const char *release_name);
void json_print_table_obj(const struct table_decl *t, const struct print_opts *po,
			  struct json_out *j);
void json_print_chain_obj(const struct chain_decl *c, const struct json_names *n,
			  const struct print_opts *po, struct json_out *j);
void json_print_rule_obj(const struct rule *r, const struct json_names *n,
			 const struct print_opts *po, struct json_out *j);
void json_print_set_obj(const struct listed_set *s, const struct json_names *n,
			const struct print_opts *po, struct json_out *j);
void json_print_obj_obj(const struct obj_decl *o, const struct json_names *n,
			const struct print_opts *po, struct json_out *j);
void json_print_flowtable_obj(const struct flowtable_decl *f, const struct json_names *n,
			      const struct print_opts *po, struct json_out *j);
/* A whole table as nft -j lists it: the table, its chains, objects, sets, flowtables,
 * then the rules of each chain. */
void json_print_table(const struct listed_table *t, const struct print_opts *po,
		      struct json_out *j);
/* The same without the table object: `list chain`, `list set`, `list sets` … */
void json_print_table_contents(const struct listed_table *t, const struct print_opts *po,
			       struct json_out *j);

#endif
