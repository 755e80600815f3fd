/* Shared state while one rule is evaluated and lowered, and the functions the
 * expression side (eval_expr*.c, lower_expr*.c: matches, loads, constants, sets) offers
 * the statement side (eval_stmt*.c: verdicts, counter, log, nat, meta set ...) and
 * the command side (eval_cmd.c: tables, chains, sets, elements, rules). */
#ifndef NFTC_RULE_CTX_H
#define NFTC_RULE_CTX_H
#include "eval.h"

/* What the rule has established so far about the packet, for dependencies:
 * after `ip protocol tcp` or `meta l4proto tcp`, `tcp dport` needs no extra match. */
struct proto_state {
	const struct proto_desc *ll, *network, *transport;
};

struct rule_ctx {
	struct eval_ctx *ec;
	struct cmd *cmd;
	uint32_t family;                 /* NFPROTO_* of the table */
	const char *table;
	const char *chain;
	struct nl_rule *rule;            /* program being built (rule->prog.exprs) */
	struct lowered_list *out;        /* anonymous sets go here, before the rule */
	struct proto_state ps;
	uint32_t hook;                   /* base chain hook if known (for nat checks), else ~0 */
	/* Next free 32-bit register slot (0 = NFT_REG_1). rule_reg_alloc advances it;
	 * eval_lower_match restores it when done; the statement side resets it to 0 after
	 * each statement (registers are per statement, as nft allocates them). */
	uint32_t reg_next;
	/* Expression side's private dependency state beyond ps (e.g. icmp type known). */
	uint32_t dep_flags;
	/* A set's `typeof` key, not a rule: no packet, so no protocol dependency to check
	 * (`typeof vxlan ip saddr` needs no `udp dport`). */
	bool typeof_key;
	/* Payload matches merge with earlier ones (emit_merge_payload_cmp) only from this
	 * expression index on: what comes before is not a plain equality (a prefix). */
	uint32_t merge_floor;
};

/* --- offered by the expression side ------------------------------------------ */

/* Resolve a constant-ish expression (symbol, value, prefix, range, list, set, concat,
 * variable) against the type of the left-hand side: `ssh` with inet_service → 22.
 * On success *e is replaced by the typed expression. */
int eval_constant(struct rule_ctx *rc, struct expr **e, const struct datatype *dt,
		  uint32_t len_bits, enum byteorder bo);
/* Evaluate a left-hand side (payload, meta, ct, concat, binop of those, ...): sets its
 * dtype/len/byteorder and records the protocol dependency it needs. */
int eval_lhs(struct rule_ctx *rc, struct expr *e);
/* The key of a lookup or a set update, given the set's key template (NULL: unknown,
 * then as eval_lhs): a constant, alone or as a part of a concatenation (`ip saddr .
 * 80 @s`, `update @s { 10.0.0.1 }`), takes the key's type at its place and is lowered
 * as an immediate. *e may be replaced. */
int eval_key(struct rule_ctx *rc, struct expr **e, const struct expr *tmpl);
/* Emit the dependency matches needed before `e` (e.g. meta l4proto tcp) and the loads
 * of `e` into a fresh register. Returns the register number (VM_REG_1 ...) or -1. */
int lower_load(struct rule_ctx *rc, struct expr *e);
/* A full match statement (STMT_EXPR holding a relation, or a bare vmap/map lookup). */
int eval_lower_match(struct rule_ctx *rc, struct stmt *s);
/* Evaluate+lower any value expression for a statement argument (nat address or port,
 * meta/ct set value, map on the right side of a statement): constants become an
 * `immediate` into a register, expressions are loaded, maps become lookups with dreg.
 * Returns the register or -1. */
int eval_lower_value(struct rule_ctx *rc, struct expr *e, const struct datatype *dt,
		     uint32_t len_bits, enum byteorder bo);
/* Build an anonymous set/map from an EXPR_SET (elements already evaluated or not):
 * appends LOWERED_SET + LOWERED_ELEMS to rc->out and returns the nl_set (named
 * "__set%d"/"__map%d", flags anonymous|constant[|interval], with an NFTA_SET_ID). */
struct nl_set *lower_anon_set(struct rule_ctx *rc, struct expr *set, struct expr *key,
			      struct expr *data, bool is_vmap);
/* The same for an anonymous object map (__objmap%d) of objects of type objtype
 * (NFT_OBJECT_*): its items are `key : "object name"`, intervals allowed. */
struct nl_set *lower_anon_objmap(struct rule_ctx *rc, struct expr *set, struct expr *key,
				 uint32_t objtype);
/* Evaluate the elements of `elems` (EXPR_SET of EXPR_SET_ELEM / EXPR_MAPPING) against
 * a typed key template (and data template for maps: dtype/len/byteorder, EXPR_CONCAT for
 * concatenations, EXPR_VERDICT-typed for vmaps) and fill set->elems in kernel format.
 * Interval sets (set->flags & NFT_SET_INTERVAL): prefixes/ranges become [start, end)
 * pairs, sorted and merged as nft does, with interval-end elements (and the leading
 * zero element) exactly as in the conformance payloads. Used for anonymous sets and
 * for named sets (`add element`, `elements = { }` in set blocks). */
int eval_lower_elems(struct eval_ctx *ec, uint32_t family, struct expr *elems,
		     struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set);
/* The same for delete and destroy: a map's items may be `key : data`; the data is
 * checked against data_tmpl and left out, as nft sends only the keys. */
int eval_lower_elem_keys(struct eval_ctx *ec, uint32_t family, struct expr *elems,
			 struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set);
/* Register allocation for this rule. */
int rule_reg_alloc(struct rule_ctx *rc, uint32_t len_bits);

/* --- offered by the command side --------------------------------------------- */
/* `jump { … }`: appends the chain bound to the verdict (nameless, NFT_CHAIN_BINDING,
 * an NFTA_CHAIN_ID) and its rules, which name it by that id, to rc->out, before the
 * rule that jumps to it; *id: the chain's id, for the verdict. */
int eval_lower_bound_chain(struct rule_ctx *rc, const struct chain_decl *body, uint32_t *id);

/* --- offered by the statement side ------------------------------------------- */
int eval_lower_stmt(struct rule_ctx *rc, struct stmt *s);   /* dispatches STMT_EXPR to eval_lower_match */

#endif
