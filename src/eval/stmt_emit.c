/* What every statement file needs to build its part of a rule: append a VM
 * expression, set an optional register operand, move a statement's dependencies to the front of the rule, emit a
 * `meta KEY VALUE` dependency match, read a constant number. The statement files
 * (eval_stmt*.c) call these; these call none of them. */
#include <string.h>
#include "stmt_emit.h"

struct vm_expr *stmt_emit(struct rule_ctx *rc, enum vm_kind kind)
{
	return vm_exprs_add(rc->ec->arena, &rc->rule->prog.exprs, kind);
}

void stmt_set_reg(struct vm_expr *e, unsigned attr, int reg)
{
	if (reg >= 0)
		vm_set_u(e, attr, (uint64_t)reg);
}

void stmt_move_to_front(struct rule_ctx *rc, uint32_t mark)
{
	struct vm_exprs *l = &rc->rule->prog.exprs;
	if (mark >= l->n || mark == 0)
		return;
	uint32_t moved = l->n - mark;
	struct vm_expr *tmp = arena_alloc(rc->ec->arena, moved * sizeof(*tmp));
	memcpy(tmp, l->v + mark, moved * sizeof(*tmp));
	memmove(l->v + moved, l->v, mark * sizeof(*tmp));
	memcpy(l->v, tmp, moved * sizeof(*tmp));
}

int stmt_emit_meta_match(struct rule_ctx *rc, const char *meta_key, uint64_t val,
			 const struct loc *loc)
{
	struct arena *a = rc->ec->arena;
	const struct meta_key *k = meta_key_by_name(meta_key);
	if (!k)
		return diag_error(rc->ec->errs, loc, "internal: unknown meta key %s", meta_key);
	struct expr *left = expr_alloc(a, EXPR_META, loc);
	left->meta.key = k;
	struct value v;
	memset(&v, 0, sizeof(v));
	value_set_uint(&v, val, k->len, k->byteorder);
	struct expr *right = expr_value(a, loc, k->dtype, k->byteorder, k->len, v.bytes);
	struct expr *rel = expr_bin(a, EXPR_RELATION, loc, left, OP_EQ, right);
	struct stmt *st = stmt_alloc(a, STMT_EXPR, loc);
	st->expr = rel;
	return eval_lower_match(rc, st);
}

int stmt_const_uint(struct rule_ctx *rc, struct expr **e, const struct datatype *dt,
		    uint32_t len_bits, enum byteorder bo, uint64_t *out)
{
	if (eval_constant(rc, e, dt, len_bits, bo) < 0)
		return -1;
	if ((*e)->kind != EXPR_VALUE)
		return diag_error(rc->ec->errs, &(*e)->loc, "constant value expected");
	*out = value_get_uint(&(*e)->value, (*e)->byteorder ? (*e)->byteorder : bo);
	return 0;
}
