/* Reverse path: a rule's VM program (as decoded from the kernel) → AST statements,
 * the exact inverse of lower: dependency matches dropped (`meta l4proto 6` before
 * `tcp dport`), payload loads named by the protocol tables, cmp/bitwise/range/lookup
 * folded back into relations, immediates into verdicts, and so on. */
#ifndef NFTC_LIFT_H
#define NFTC_LIFT_H
#include "../ast/ast.h"
#include "../netlink/objects.h"

struct lift_sets_ops {
	/* The set a lookup/dynset names (anonymous ones with their elements). */
	const struct nl_set *(*find)(void *priv, const char *table, const char *name);
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

#endif
