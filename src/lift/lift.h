/* Reverse path: what the kernel holds (decoded by src/netlink) → the AST the parser
 * builds for the same text, which is all the printer reads. A rule's VM program
 * becomes statements, the exact inverse of lower: dependency matches dropped (`meta
 * l4proto 6` before `tcp dport`), payload loads named by the protocol tables,
 * cmp/bitwise/range/lookup folded back into relations, immediates into verdicts.
 * Tables, chains, sets, named objects and flowtables become their declarations. */
#ifndef NFTC_LIFT_H
#define NFTC_LIFT_H
#include "../ast/ast.h"
#include "../netlink/objects.h"

struct lift_ctx;
struct lift_sets_ops {
	/* The set a lookup/dynset names (anonymous ones with their elements). */
	const struct nl_set *(*find)(void *priv, const char *table, const char *name);
	/* The rules of `name` lifted inline when it is a chain bound to a verdict
	 * (NFT_CHAIN_BINDING, `jump { … }`); NULL for any other chain. May be NULL. */
	struct chain_decl *(*bound_chain)(void *priv, struct lift_ctx *ctx, const char *table,
					  const char *name);
};

struct lift_ctx {
	struct arena *arena;
	uint32_t family;                 /* table family: NFPROTO_* */
	const struct lift_sets_ops *sets;
	void *sets_priv;
};

/* Returns 0 and fills `out`; on an expression it cannot express it still succeeds,
 * emitting a placeholder statement that prints as nft prints unknown expressions. */
int lift_rule(struct lift_ctx *ctx, const struct nl_rule *in, struct rule *out);
/* Set elements (from a dump) → EXPR_SET of elements/mappings typed by the set's key
 * and data types (and typeof udata), intervals merged back into ranges/prefixes. */
struct expr *lift_set_elems(struct lift_ctx *ctx, const struct nl_set *set);

/* A set's elements lifted a chunk at a time, in the order nft lists them: begin sorts
 * (in ctx->arena, which must outlive the iteration); each next lifts up to `max` items
 * into an EXPR_SET in the ctx->arena of that call (a scratch arena may be emptied
 * between calls) and returns NULL once every element has been handed out. A `key` or
 * `data` template of NULL: plain integers. */
struct lift_elems_iter {
	const struct nl_set *set;
	const struct expr *key, *data;
	struct expr deflike;
	const struct nl_elem **v;        /* the elements, sorted */
	uint32_t n, i, kb;
	bool ranges, concat, host, started;
	bool by_lowest_flag;             /* flag types: by their lowest flag first */
};
void lift_elems_begin(struct lift_ctx *ctx, const struct nl_set *set, const struct expr *key,
		      const struct expr *data, struct lift_elems_iter *it);
/* begin with the set's own key and data types (as lift_set_elems lists them) */
/* Whether nft 1.1 lists the set's elements one to a line: a map's, and a set's when any
 * element has a timeout or a statement (an element's comment the printer sees). */
bool lift_set_elems_one_per_line(const struct nl_set *set);
void lift_set_elems_begin(struct lift_ctx *ctx, const struct nl_set *set,
			  struct lift_elems_iter *it);
struct expr *lift_elems_next(struct lift_ctx *ctx, struct lift_elems_iter *it, uint32_t max);

/* The objects of a listing as their declarations (lift_objects.c), in `a`. */
struct table_decl *lift_table(struct arena *a, const struct nl_table *t);
struct chain_decl *lift_chain(struct arena *a, const struct nl_chain *c);
struct set_decl *lift_set_decl(struct arena *a, const struct nl_set *s);
struct obj_decl *lift_obj(struct arena *a, const struct nl_obj *o);
struct flowtable_decl *lift_flowtable(struct arena *a, const struct nl_flowtable *f);
/* A set's typeof key or data (userdata attribute `attr`) as the expression it names,
 * or NULL when it cannot be read back (lift_typeof.c). */
struct expr *lift_set_typeof(struct arena *a, const uint8_t *udata, uint32_t len, uint8_t attr);
/* The set's typeof key (or data) when it fits the kernel's key (data) length: the
 * template its elements are read and written by; NULL: use the datatype ids
 * (lift_set.c). */
struct expr *lift_set_typeof_template(struct arena *a, const struct nl_set *set, bool data);

#endif
