/* Named set and map declarations (`add set`, `add map`, `set x { ... }` in a table
 * block) → struct nl_set with nft's userdata, plus the key/data templates that element
 * evaluation and later commands in the batch need (struct known_set). */
#ifndef NFTC_EVAL_SET_DECL_H
#define NFTC_EVAL_SET_DECL_H
#include "rule_ctx.h"

/* Evaluates `d` for table `h` and fills `out` (flags, types, lengths, timeouts, desc,
 * userdata, set-wide expressions, NFTA_SET_ID). *key_tmpl / *data_tmpl receive the
 * typed templates to evaluate elements against (data NULL for plain sets).
 * Returns 0, or -1 with the error recorded. */
int eval_set_decl(struct eval_ctx *ctx, const struct handle_spec *h, struct set_decl *d,
		  struct nl_set *out, struct expr **key_tmpl, struct expr **data_tmpl);

/* For the lead's batch cache: what later commands need to know about a set that an
 * earlier command (`cmd`, already through eval_lower_cmd, which typed it in place) of
 * the same batch declares, given the nl_set it was lowered to. Arena-allocated. */
struct known_set *known_set_from_decl(struct eval_ctx *ctx, const struct cmd *cmd,
				      const struct nl_set *s);

/* Templates from a set's kernel description (a set known from the kernel without
 * typeof info): datatype ids (concatenations split by TYPE_BITS) and lengths. */
struct expr *set_template_from_type(struct eval_ctx *ctx, uint32_t type, uint32_t len_bytes);

/* A template for one datatype (EXPR_VALUE carrying dtype/len/byteorder). */
struct expr *set_template_of_dtype(struct eval_ctx *ctx, const struct datatype *dt,
				   uint32_t len_bits);

/* The kinds of a set's own expressions, which its elements' statements must repeat. */
void set_stmt_kinds(const struct vm_exprs *e, uint8_t *kinds, uint32_t *n);

/* Sets up `rc` for evaluating outside a real rule (typeof expressions, set-wide
 * statements): `rule` and `out` are scratch space owned by the caller. */
void rule_ctx_scratch(struct rule_ctx *rc, struct eval_ctx *ctx, uint32_t family,
		      const char *table, struct nl_rule *rule, struct lowered_list *out);

#endif
