/* Helpers the statement files (eval_stmt*.c) share to build a rule (stmt_emit.c). */
#ifndef NFTC_STMT_EMIT_H
#define NFTC_STMT_EMIT_H
#include "rule_ctx.h"

/* Appends an expression to the rule being built. */
struct vm_expr *stmt_emit(struct rule_ctx *rc, enum vm_kind kind);

/* The register attribute of an operand the statement may leave out: set only when
 * there is one (reg >= 0). */
void stmt_set_reg(struct vm_expr *e, unsigned attr, int reg);

/* Moves the expressions emitted since `mark` to the front of the rule (nft puts
 * statement dependencies such as `meta l4proto tcp` for `reject with tcp reset`
 * at the start of the rule). */
void stmt_move_to_front(struct rule_ctx *rc, uint32_t mark);

/* Emits the dependency match `meta KEY VAL` (value in the key's own length/order). */
int stmt_emit_meta_match(struct rule_ctx *rc, const char *meta_key, uint64_t val,
			 const struct loc *loc);

/* A constant integer (symbol or value) evaluated against dt/len; -1 on error. */
int stmt_const_uint(struct rule_ctx *rc, struct expr **e, const struct datatype *dt,
		    uint32_t len_bits, enum byteorder bo, uint64_t *out);

#endif
