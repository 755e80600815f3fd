/* Loading a typed left-hand side into registers: payload loads of the bytes that
 * hold the field (masked when the field does not fill them), meta and ct loads,
 * concatenations into consecutive 32-bit slots of one allocation, and binops on
 * top (with a constant: mask/xor or shift; with another expression: a second
 * register and a register-register bitwise). */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "../util/nf_tables_uapi.h"
#include "lower_expr.h"

static void field_mask(const struct expr *e, const struct lhs_shape *sh, uint8_t *mask)
{
	/* ones over the field's bits, big endian over sh->bytes */
	uint32_t first = sh->bytes * 8 - sh->shift - e->len;   /* bit index from the left */

	memset(mask, 0, sh->bytes);
	for (uint32_t b = first; b < first + e->len; b++)
		mask[b / 8] |= (uint8_t)(0x80 >> (b % 8));
}


static void load_payload(struct rule_ctx *rc, struct expr *e, int reg)
{
	struct lhs_shape sh;

	lhs_shape_of(e, &sh);
	emit_field_load(rc, e, reg, e->payload.offset / 8, sh.bytes);
	if (sh.bytes * 8 != e->len) {
		uint8_t mask[VALUE_MAX], zero[VALUE_MAX] = { 0 };
		field_mask(e, &sh, mask);
		emit_mask_xor(rc, reg, sh.bytes, mask, zero);
	}
}

/* A sub-byte field moved down to bit 0, in host order: how nft hands one to an
 * operation (lhs_shape_of describes the result). */
static void field_down(struct rule_ctx *rc, const struct expr *e, int reg)
{
	struct lhs_shape sh;

	lhs_shape_of(e, &sh);
	if (!sh.shift)
		return;
	if (sh.bytes > 1)
		emit_byteorder(rc, reg, NFT_BYTEORDER_NTOH, sh.bytes);
	emit_shift(rc, reg, sh.bytes, NFT_BITWISE_RSHIFT, sh.shift);
}

static void load_ct(struct rule_ctx *rc, struct expr *e, int reg)
{
	uint32_t key = e->ct.key->key;
	struct vm_expr *v;

	if (e->ct.nfproto) {
		/* ct original ip saddr → the family-specific kernel key (src_ip) */
		const struct ct_key *fk = ct_key_for_family(e->ct.key, e->ct.nfproto);
		if (fk)
			key = fk->key;
	}
	v = emit(rc, VM_CT);
	vm_set_u(v, NFTA_CT_KEY, key);
	vm_set_u(v, NFTA_CT_DREG, (uint32_t)reg);
	if (e->ct.dir >= 0)
		vm_set_u(v, NFTA_CT_DIRECTION, (uint32_t)e->ct.dir);
}

static bool is_const(const struct expr *e)
{
	return e->kind == EXPR_VALUE;
}

static int load_binop(struct rule_ctx *rc, struct expr *e, int reg)
{
	struct lhs_shape sh;
	uint8_t mask[VALUE_MAX], xor[VALUE_MAX], v[VALUE_MAX];

	if (lower_load_at(rc, e->bin.left, reg) < 0)
		return -1;
	lhs_shape_of(e, &sh);          /* the operand as the operation sees it */
	if (e->bin.left->kind == EXPR_PAYLOAD)
		field_down(rc, e->bin.left, reg);
	if (e->bin.op == BINOP_LSHIFT || e->bin.op == BINOP_RSHIFT) {
		if (!is_const(e->bin.right))
			return diag_error(rc->ec->errs, &e->bin.right->loc,
					  "Shift amount must be a constant");
		emit_shift(rc, reg, sh.bytes,
			   e->bin.op == BINOP_LSHIFT ? NFT_BITWISE_LSHIFT : NFT_BITWISE_RSHIFT,
			   (uint32_t)value_uint(e->bin.right));
		return 0;
	}
	if (!is_const(e->bin.right)) {
		/* expression op expression: second register, bitwise of both */
		uint32_t saved = rc->reg_next;
		int reg2 = rule_reg_alloc(rc, e->bin.right->len);
		if (reg2 < 0)
			return diag_error(rc->ec->errs, &e->loc, "Ran out of registers");
		if (lower_load_at(rc, e->bin.right, reg2) < 0)
			return -1;
		emit_bitwise_regs(rc, reg, reg2, sh.bytes, e->bin.op);
		rc->reg_next = saved;
		return 0;
	}
	value_to_reg(e->bin.right, &sh, false, v);
	for (uint32_t i = 0; i < sh.bytes; i++) {
		switch (e->bin.op) {
		case BINOP_AND: mask[i] = v[i]; xor[i] = 0; break;
		case BINOP_OR: mask[i] = (uint8_t)~v[i]; xor[i] = v[i]; break;
		default: mask[i] = 0xff; xor[i] = v[i]; break;
		}
	}
	emit_mask_xor(rc, reg, sh.bytes, mask, xor);
	return 0;
}

/* A constant part of a key (eval_key): an immediate into its slot. */
static int load_const(struct rule_ctx *rc, struct expr *e, int reg)
{
	struct lhs_shape sh;
	uint8_t buf[VALUE_MAX];

	lhs_shape_of(e, &sh);
	if (sh.bytes > VALUE_MAX)
		return diag_error(rc->ec->errs, &e->loc, "Value too long");
	value_to_reg(e, &sh, false, buf);
	struct vm_expr *x = emit(rc, VM_IMMEDIATE);
	vm_set_u(x, NFTA_IMMEDIATE_DREG, (uint32_t)reg);
	vm_set_data(rc->ec->arena, x, NFTA_IMMEDIATE_DATA, buf, sh.bytes);
	return 0;
}

int lower_load_at(struct rule_ctx *rc, struct expr *e, int reg)
{
	switch (e->kind) {
	case EXPR_VALUE:
		return load_const(rc, e, reg);
	case EXPR_PAYLOAD:
		load_payload(rc, e, reg);
		return 0;
	case EXPR_META:
		emit_meta_load(rc, reg, e->meta.key->key);
		return 0;
	case EXPR_CT:
		load_ct(rc, e, reg);
		return 0;
	case EXPR_BINOP:
		return load_binop(rc, e, reg);
	case EXPR_EXTHDR:
		return lower_exthdr_at(rc, e, reg);
	default:
		return lower_other_at(rc, e, reg);
	}
}

int concat_part_reg(int first_reg, const struct expr *concat, uint32_t i)
{
	uint32_t slot = first_reg >= VM_REG32_00 ? (uint32_t)first_reg - VM_REG32_00 :
			((uint32_t)first_reg - VM_REG_1) * 4;
	for (uint32_t k = 0; k < i; k++)
		slot += concat_slot_bytes(concat->list.v[k]) / 4;
	return (int)reg_to_vm(slot);
}

int lower_load_nodeps(struct rule_ctx *rc, struct expr *e)
{
	int reg;

	if (e->kind == EXPR_CONCAT) {
		reg = reg_alloc_concat(rc, e, &e->loc);
		if (reg < 0)
			return -1;
		for (uint32_t i = 0; i < e->list.n; i++)
			if (lower_load_at(rc, e->list.v[i], concat_part_reg(reg, e, i)) < 0)
				return -1;
		return reg;
	}
	reg = rule_reg_alloc(rc, e->len);
	if (reg < 0)
		return diag_error(rc->ec->errs, &e->loc, "Ran out of registers");
	return lower_load_at(rc, e, reg) < 0 ? -1 : reg;
}

int lower_load(struct rule_ctx *rc, struct expr *e)
{
	deps_emit(rc, e);
	return lower_load_nodeps(rc, e);
}
