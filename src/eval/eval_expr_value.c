/* Values for statements (meta/ct/payload set, nat addresses and ports ...):
 * a constant becomes an `immediate` into a fresh register, a packet expression is
 * loaded (with its dependencies; sub-byte fields moved down to bit 0, host-order
 * numbers converted for network-order targets), `key map { ... }` / `key map @m`
 * becomes a lookup whose data register is the result, and binops are computed in
 * the target's width. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"

static int lower_immediate(struct rule_ctx *rc, struct expr *v, uint32_t len_bits,
			   enum byteorder bo)
{
	struct lhs_shape sh = { .bytes = (len_bits + 7) / 8, .shift = 0, .bo = bo };
	uint8_t buf[VALUE_MAX];
	int reg = rule_reg_alloc(rc, len_bits);

	if (reg < 0)
		return diag_error(rc->ec->errs, &v->loc, "Ran out of registers");
	if (sh.bytes > VALUE_MAX)
		return diag_error(rc->ec->errs, &v->loc, "Value too long");
	value_to_reg(v, &sh, false, buf);
	struct vm_expr *x = emit(rc, VM_IMMEDIATE);
	vm_set_u(x, NFTA_IMMEDIATE_DREG, (uint32_t)reg);
	vm_set_data(rc->ec->arena, x, NFTA_IMMEDIATE_DATA, buf, sh.bytes);
	return reg;
}

/* A statement value built of packet fields and constants (`ct mark | ip dscp |
 * 0x200`, `ip dscp << 2 | 0x10`): nft computes it in the width of the target.
 * Fields are loaded and moved down to bit 0, constants take the target's type,
 * width and byte order, and every operation works on the target's width. */
struct value_ctx {
	const struct datatype *dt;
	uint32_t len;
	enum byteorder bo;
};

/* The constant of `field op constant`. A name is one of the field's own, as nft reads
 * it (`ct mark set ip dscp & af33`); the number, like any other constant here, then
 * takes the target's type, width and byte order. */
static int value_const(struct rule_ctx *rc, struct expr *e, const struct value_ctx *vc)
{
	const struct datatype *fdt = e->bin.left->dtype;
	struct expr *r = e->bin.right;

	if (r->kind == EXPR_SYMBOL && fdt && fdt->symbols && e->bin.left->len <= 64 &&
	    vc->len <= 64 && symbol_by_name(fdt->symbols, r->sym.str)) {
		struct value v;
		if (eval_constant(rc, &e->bin.right, fdt, e->bin.left->len,
				  BYTEORDER_INVALID) < 0)
			return -1;
		value_set_uint(&v, value_uint(e->bin.right), vc->len, vc->bo);
		e->bin.right = expr_value(rc->ec->arena, &r->loc, vc->dt, vc->bo, vc->len,
					  v.bytes);
		return 0;
	}
	return eval_constant(rc, &e->bin.right, vc->dt, vc->len, vc->bo);
}

static int value_eval(struct rule_ctx *rc, struct expr *e, const struct value_ctx *vc)
{
	if (e->kind != EXPR_BINOP)
		return eval_lhs(rc, e);
	/* `0x1 or ct mark`: the constant goes to the right */
	if (expr_is_constant(e->bin.left) && !expr_is_constant(e->bin.right) &&
	    e->bin.op != BINOP_LSHIFT && e->bin.op != BINOP_RSHIFT) {
		struct expr *t = e->bin.left;
		e->bin.left = e->bin.right;
		e->bin.right = t;
	}
	if (value_eval(rc, e->bin.left, vc) < 0)
		return -1;
	if (e->bin.op == BINOP_LSHIFT || e->bin.op == BINOP_RSHIFT)
		return eval_constant(rc, &e->bin.right, &dt_integer, 32, BYTEORDER_HOST);
	if (expr_is_constant(e->bin.right))
		return value_const(rc, e, vc);
	return value_eval(rc, e->bin.right, vc);
}

static int value_load(struct rule_ctx *rc, struct expr *e, const struct value_ctx *vc, int reg)
{
	uint32_t bytes = (vc->len + 7) / 8;

	if (e->kind != EXPR_BINOP) {
		if (lower_load_at(rc, e, reg) < 0)
			return -1;
		struct lhs_shape sh;
		lhs_shape_of(e, &sh);
		if (e->kind == EXPR_PAYLOAD && sh.shift) {
			if (sh.bytes > 1)
				emit_byteorder(rc, reg, NFT_BYTEORDER_NTOH, sh.bytes);
			emit_shift(rc, reg, sh.bytes, NFT_BITWISE_RSHIFT, sh.shift);
		}
		return 0;
	}
	if (value_load(rc, e->bin.left, vc, reg) < 0)
		return -1;
	struct expr *r = e->bin.right;
	if (e->bin.op == BINOP_LSHIFT || e->bin.op == BINOP_RSHIFT) {
		emit_shift(rc, reg, bytes,
			   e->bin.op == BINOP_LSHIFT ? NFT_BITWISE_LSHIFT : NFT_BITWISE_RSHIFT,
			   (uint32_t)value_uint(r));
		return 0;
	}
	if (r->kind == EXPR_VALUE) {
		struct lhs_shape sh = { .bytes = bytes, .shift = 0, .bo = vc->bo };
		uint8_t v[VALUE_MAX], mask[VALUE_MAX], xor[VALUE_MAX];
		if (bytes > VALUE_MAX)
			return diag_error(rc->ec->errs, &r->loc, "Value too long");
		value_to_reg(r, &sh, false, v);
		for (uint32_t i = 0; i < bytes; i++) {
			switch (e->bin.op) {
			case BINOP_AND: mask[i] = v[i]; xor[i] = 0; break;
			case BINOP_OR: mask[i] = (uint8_t)~v[i]; xor[i] = v[i]; break;
			default: mask[i] = 0xff; xor[i] = v[i]; break;
			}
		}
		emit_mask_xor(rc, reg, bytes, mask, xor);
		return 0;
	}
	/* field op field: a second register, then a register-register bitwise */
	uint32_t saved = rc->reg_next;
	int reg2 = rule_reg_alloc(rc, vc->len);
	if (reg2 < 0)
		return diag_error(rc->ec->errs, &e->loc, "Ran out of registers");
	if (value_load(rc, r, vc, reg2) < 0)
		return -1;
	emit_bitwise_regs(rc, reg, reg2, bytes, e->bin.op);
	rc->reg_next = saved;
	return 0;
}

bool expr_is_constant_concat(const struct expr *e)
{
	if (e->kind != EXPR_CONCAT)
		return false;
	for (uint32_t i = 0; i < e->list.n; i++)
		if (!expr_is_constant(e->list.v[i]))
			return false;
	return true;
}

int eval_lower_value(struct rule_ctx *rc, struct expr *e, const struct datatype *dt,
		     uint32_t len_bits, enum byteorder bo)
{
	if (expr_is_constant(e)) {
		struct expr *c = e;
		if (eval_constant(rc, &c, dt, len_bits, bo) < 0)
			return -1;
		if (c->kind != EXPR_VALUE)
			return diag_error(rc->ec->errs, &c->loc, "Expected a constant value");
		return lower_immediate(rc, c, len_bits, bo);
	}
	switch (e->kind) {
	case EXPR_MAP: {
		if (eval_key(rc, &e->bin.left, set_ref_key(rc, e->bin.right)) < 0)
			return -1;
		struct expr *key = e->bin.left;
		struct expr *tmpl = expr_alloc(rc->ec->arena, EXPR_VALUE, &e->loc);
		tmpl->dtype = dt;
		tmpl->len = len_bits;
		tmpl->byteorder = bo;
		return lower_lookup(rc, key, e->bin.right, tmpl, false, false, (int)len_bits);
	}
	case EXPR_BINOP: {
		struct value_ctx vc = { .dt = dt, .len = len_bits, .bo = bo };
		if (value_eval(rc, e, &vc) < 0)
			return -1;
		deps_emit(rc, e);
		int reg = rule_reg_alloc(rc, len_bits);
		if (reg < 0)
			return diag_error(rc->ec->errs, &e->loc, "Ran out of registers");
		return value_load(rc, e, &vc, reg) < 0 ? -1 : reg;
	}
	case EXPR_CONCAT:
		if (expr_is_constant_concat(e))
			return diag_error(rc->ec->errs, &e->loc,
					  "constant concatenation needs a typed template "
					  "(eval_lower_value_tmpl)");
		/* fall through */
	case EXPR_PAYLOAD: case EXPR_META: case EXPR_CT:
	case EXPR_NUMGEN: case EXPR_HASH: case EXPR_FIB: case EXPR_RT: case EXPR_SOCKET: {
		if (eval_lhs(rc, e) < 0)
			return -1;
		int reg = lower_load(rc, e);
		struct lhs_shape sh;
		lhs_shape_of(e, &sh);
		if (reg >= 0 && e->kind == EXPR_PAYLOAD && sh.shift) {
			/* a sub-byte field as a value: moved down to bit 0 */
			if (sh.bytes > 1)
				emit_byteorder(rc, reg, NFT_BYTEORDER_NTOH, sh.bytes);
			emit_shift(rc, reg, sh.bytes, NFT_BITWISE_RSHIFT, sh.shift);
		} else if (reg >= 0 && sh.bo == BYTEORDER_HOST && bo == BYTEORDER_BIG &&
			   sh.bytes > 1 && !dtype_is_string(e->dtype)) {
			/* `dnat to numgen ...`: a host-order number into a network field */
			emit_hton(rc, reg, sh.bytes);
		}
		return reg;
	}
	default:
		return diag_error(rc->ec->errs, &e->loc, "unsupported value expression");
	}
}

int eval_lower_value_tmpl(struct rule_ctx *rc, struct expr *e, const struct expr *tmpl)
{
	if (tmpl->kind != EXPR_CONCAT || e->kind != EXPR_CONCAT || !expr_is_constant_concat(e))
		return eval_lower_value(rc, e, tmpl->dtype, tmpl->len, tmpl->byteorder);
	/* constant concatenation: one immediate per field, in consecutive slots */
	if (eval_const_for(rc->ec, &e, tmpl) < 0)
		return -1;
	int first = reg_alloc_concat(rc, tmpl, &e->loc);
	if (first < 0)
		return -1;
	for (uint32_t i = 0; i < tmpl->list.n; i++) {
		const struct expr *t = tmpl->list.v[i];
		struct lhs_shape sh;
		uint8_t buf[VALUE_MAX];
		lhs_shape_of(t, &sh);
		if (e->list.v[i]->kind != EXPR_VALUE)
			return diag_error(rc->ec->errs, &e->list.v[i]->loc, "Expected a constant value");
		value_to_reg(e->list.v[i], &sh, false, buf);
		struct vm_expr *x = emit(rc, VM_IMMEDIATE);
		vm_set_u(x, NFTA_IMMEDIATE_DREG, (uint32_t)concat_part_reg(first, tmpl, i));
		vm_set_data(rc->ec->arena, x, NFTA_IMMEDIATE_DATA, buf, sh.bytes);
	}
	return first;
}
