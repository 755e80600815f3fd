/* Semantic pass and lowering of commands to kernel objects.
 *
 * eval: resolves symbols against datatypes (`ssh` → 22, `established` → 0x2),
 * variables, priorities and policies; checks types, ranges and byte orders; inserts
 * protocol dependencies (`tcp dport` → `meta l4proto tcp` first); builds anonymous sets.
 * lower: typed AST → nl_* objects (tables, chains, sets + elements, rules with their VM
 * programs) ready for the netlink batch. */
#ifndef NFTC_EVAL_H
#define NFTC_EVAL_H
#include "../ast/ast.h"
#include "../netlink/objects.h"

/* What eval may need to know about sets that already exist (kernel or earlier in the
 * batch): key and data types for `@name` lookups and `add @name {...}`. */
struct known_set {
	uint32_t family;
	const char *table;
	const char *name;
	uint32_t flags;              /* NFT_SET_* */
	uint32_t key_type, key_len;  /* as nl_set */
	uint32_t data_type, data_len;
	bool auto_merge;             /* declared `auto-merge` */
	uint8_t stmt_kinds[NL_SET_STMTS_MAX]; /* its own expressions' enum vm_kind */
	uint32_t nstmt_kinds;
	const struct set_decl *decl; /* when declared in this batch (typeof info), else NULL */
	size_t batch_msg;            /* declared in this batch: its NEWSET message there */
	struct expr *key_expr;       /* typed key template (from udata typeof or type id), may be NULL */
	struct expr *data_expr;
};

struct eval_cache_ops {
	/* Returns the set, or NULL if unknown. May query the kernel (cached by caller). */
	const struct known_set *(*find_set)(void *priv, uint32_t family, const char *table,
					    const char *name);
	/* Optional (may be NULL; added by the statement side): the handle of an existing
	 * chain (`rename chain`), and of the rule at 0-based `index` in a chain
	 * (`add/insert rule ... index N`): its handle, or for a rule added earlier in the
	 * same batch its NFTA_RULE_ID (handle 0). 0 / false when there is no such object. */
	uint64_t (*chain_handle)(void *priv, uint32_t family, const char *table,
				 const char *chain);
	bool (*rule_at)(void *priv, uint32_t family, const char *table, const char *chain,
			uint32_t index, uint64_t *handle, uint32_t *id);
	/* Optional: whether the kernel holds the table (an unknown set of a missing
	 * table is reported at the table, as nft does). */
	bool (*table_exists)(void *priv, uint32_t family, const char *table);
	/* Optional: a set declared earlier in this batch is the target of `add|update
	 * @set`; its declaration is made dynamic (NFT_SET_EVAL), as nft repairs it. */
	void (*make_dynamic)(void *priv, struct known_set *k);
	/* Optional: the elements the kernel holds in a set it has (NULL when it has none
	 * or cannot say), for element commands on interval sets (interval_merge.h). */
	const struct nl_set *(*kernel_elems)(void *priv, const struct known_set *k);
	/* Optional: a rule declared a named set (a meter's), for the rest of the batch. */
	void (*rule_declared_set)(void *priv, const struct nl_set *s);
};

struct eval_ctx {
	struct arena *arena;
	struct diag_list *errs;
	const struct eval_cache_ops *cache;
	void *cache_priv;
	uint32_t next_set_id;        /* NFTA_SET_ID allocator for this batch */
	uint32_t anon_set_counter;
	uint32_t next_chain_id;      /* NFTA_CHAIN_ID allocator: chains bound to a verdict */
	/* Where the elements of a large list go as they are lowered (commit.c puts them
	 * straight into the batch); NULL keeps them all in set->elems. `msg`/`flags`: the
	 * message they travel in (NEWSETELEM, DELSETELEM ...). */
	void (*elems_sink)(void *priv, const struct nl_set *set, uint16_t msg, uint16_t flags);
	void *elems_sink_priv;
};

/* The objects one command becomes, in the order they go into the batch. */
enum lowered_kind { LOWERED_TABLE, LOWERED_CHAIN, LOWERED_SET, LOWERED_ELEMS, LOWERED_RULE,
		    LOWERED_OBJ, LOWERED_FLOWTABLE };
struct lowered {
	enum lowered_kind kind;
	uint16_t msg_type;           /* NFT_MSG_NEWTABLE, NFT_MSG_DELRULE ... */
	uint16_t nlm_flags;          /* NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND | NLM_F_REPLACE */
	union {
		struct nl_table *table;
		struct nl_chain *chain;
		struct nl_set *set;  /* LOWERED_SET and LOWERED_ELEMS (elements in set->elems) */
		struct nl_rule *rule;
		struct nl_obj *obj;
		struct nl_flowtable *flowtable;
	};
	const struct nl_rule *replaced;  /* -e: the rule a replace removed (kernel's echo) */
};
struct lowered_list {
	struct lowered *v;
	uint32_t n, cap;
};

/* Appends one object to `out` (lowered.c); add → NLM_F_CREATE, create → |NLM_F_EXCL. */
struct lowered *lowered_append(struct arena *a, struct lowered_list *out,
			       enum lowered_kind kind, uint16_t msg, uint16_t flags);
uint16_t lowered_new_flags(const struct cmd *cmd);

/* What delete/destroy of one kind of named object (table, chain, set, object,
 * flowtable) sends. */
struct lowered_delete_row {
	enum lowered_kind kind;
	uint16_t delete_msg, destroy_msg;  /* NFT_MSG_DEL*, and the kernel's DESTROY* */
	uint8_t name_attr, handle_attr;    /* NFTA_*_NAME, NFTA_*_HANDLE */
	const char *what;                  /* "chain": the error is "missing chain name" */
};
/* delete/destroy of `obj` (whose name, handle and attribute bits are passed): by
 * handle when the command gives one, and the name is then not sent; else by name.
 * Appends the message; returns 0, or -1 with the error recorded when there is
 * neither. */
int lowered_delete(struct eval_ctx *ctx, const struct cmd *cmd, struct lowered_list *out,
		   const struct lowered_delete_row *row, void *obj, const char **name,
		   uint64_t *handle, uint32_t *present);

/* Lowers the elements of a large list kept as source text (set_elems_stream.c): parsed
 * and lowered a chunk at a time; with a sink the elements leave as they are made and
 * *sent is set (nothing is left in set->elems). Returns 0 or -1 (error recorded). */
int eval_lower_elem_span(struct eval_ctx *ec, uint32_t family, const struct elem_span *sp,
			 struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set,
			 uint16_t msg, uint16_t flags, bool *sent);

/* Evaluate and lower one command (add/create/insert/replace/delete/flush/rename of
 * tables, chains, rules, sets, maps, elements). List commands are not lowered.
 * Appends to `out` (anonymous sets come before the rule that uses them).
 * Returns 0, or -1 with errors recorded at the offending node. */
int eval_lower_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out);

#endif
