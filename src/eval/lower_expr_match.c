/* Match statements: `lhs [op] rhs` becomes load + cmp / range / bitwise flag test /
 * lookup, with nft's choices: flag types test bits (`ct state established` →
 * & mask != 0), host-order keys are converted to big endian before range and
 * ordering compares, byte-aligned prefixes shorten the load, xor is folded into
 * the constant. A bare `key vmap { ... }` is a lookup into the verdict register. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"

static uint32_t cmp_op(uint32_t op)
{
	switch (op) {
	case OP_NEQ: return NFT_CMP_NEQ;
	case OP_LT: return NFT_CMP_LT;
	case OP_GT: return NFT_CMP_GT;
	case OP_LTE: return NFT_CMP_LTE;
	case OP_GTE: return NFT_CMP_GTE;
	default: return NFT_CMP_EQ;
	}
}

static int match_prefix(struct rule_ctx *rc, struct expr *lhs, struct expr *pfx, uint32_t op)
{
	struct lhs_shape sh;
	uint8_t v[VALUE_MAX], mask[VALUE_MAX], zero[VALUE_MAX] = { 0 };
	uint32_t plen = pfx->bin.prefix_len;
	int reg;

	lhs_shape_of(lhs, &sh);
	value_to_reg(pfx->bin.left, &sh, false, v);
	if (lhs->kind == EXPR_PAYLOAD && sh.shift == 0 && lhs->payload.offset % 8 == 0 &&
	    plen % 8 == 0 && plen > 0) {
		/* whole bytes: load just the prefix */
		deps_emit(rc, lhs);
		reg = rule_reg_alloc(rc, plen);
		emit_field_load(rc, lhs, reg, lhs->payload.offset / 8, plen / 8);
		emit_cmp(rc, reg, cmp_op(op), v, plen / 8);
		/* a prefix never merges with a neighbouring field's match, as in nft */
		rc->merge_floor = rc->rule->prog.exprs.n;
		return 0;
	}
	if (lhs->kind == EXPR_PAYLOAD && sh.shift) {
		/* sub-byte field: moved down to bit 0, then masked (ip dscp 1/6) */
		reg = lower_load(rc, lhs);
		if (reg < 0)
			return -1;
		if (sh.bytes > 1)
			emit_byteorder(rc, reg, NFT_BYTEORDER_NTOH, sh.bytes);
		emit_shift(rc, reg, sh.bytes, NFT_BITWISE_RSHIFT, sh.shift);
		uint64_t m = 0, x = value_uint(pfx->bin.left);
		for (uint32_t b = 0; b < plen && b < lhs->len; b++)
			m |= 1ull << (lhs->len - 1 - b);
		uint8_t mb[8], xb[8];
		for (uint32_t i = 0; i < sh.bytes && i < 8; i++) {
			mb[i] = (uint8_t)(m >> (8 * i));     /* host order after ntoh */
			xb[i] = (uint8_t)((x & m) >> (8 * i));
		}
		emit_mask_xor(rc, reg, sh.bytes, mb, zero);
		emit_cmp(rc, reg, cmp_op(op), xb, sh.bytes);
		return 0;
	}
	reg = lower_load(rc, lhs);
	if (reg < 0)
		return -1;
	if (sh.bo == BYTEORDER_BIG && sh.shift == 0 && plen % 8 == 0 && plen > 0) {
		/* whole bytes of a loaded value: compare just those */
		emit_cmp(rc, reg, cmp_op(op), v, plen / 8);
		return 0;
	}
	memset(mask, 0, sh.bytes);
	for (uint32_t b = 0; b < plen && b / 8 < sh.bytes; b++)
		mask[b / 8] |= (uint8_t)(0x80 >> (b % 8));
	if (sh.bo == BYTEORDER_HOST) {
		for (uint32_t i = 0; i < sh.bytes / 2; i++) {
			uint8_t t = mask[i];
			mask[i] = mask[sh.bytes - 1 - i];
			mask[sh.bytes - 1 - i] = t;
		}
	}
	for (uint32_t i = 0; i < sh.bytes; i++)
		v[i] &= mask[i];
	emit_mask_xor(rc, reg, sh.bytes, mask, zero);
	emit_cmp(rc, reg, cmp_op(op), v, sh.bytes);
	return 0;
}

static int match_range(struct rule_ctx *rc, struct expr *lhs, struct expr *range, uint32_t op)
{
	struct lhs_shape sh;
	uint8_t lo[VALUE_MAX], hi[VALUE_MAX];
	bool hton;
	int reg;

	lhs_shape_of(lhs, &sh);
	hton = lhs_needs_hton(lhs, &sh);
	value_to_reg(range->bin.left, &sh, hton, lo);
	value_to_reg(range->bin.right, &sh, hton, hi);
	if (memcmp(lo, hi, sh.bytes) > 0 && (hton || sh.bo == BYTEORDER_BIG) &&
	    lhs->dtype && lhs->dtype->id == TYPE_TIME_HOUR) {
		/* "21:00"-"02:00" wraps midnight: match outside "02:00"-"21:00" */
		uint8_t t[VALUE_MAX];
		memcpy(t, lo, sh.bytes);
		memcpy(lo, hi, sh.bytes);
		memcpy(hi, t, sh.bytes);
		op = op == OP_NEQ ? OP_EQ : OP_NEQ;
	}
	if (memcmp(lo, hi, sh.bytes) > 0 && (hton || sh.bo == BYTEORDER_BIG))
		return diag_error(rc->ec->errs, &range->loc, "Range has zero or negative size");
	reg = lower_load(rc, lhs);
	if (reg < 0)
		return -1;
	if (hton)
		emit_hton(rc, reg, sh.bytes);
	emit_range(rc, reg, op == OP_NEQ ? NFT_RANGE_NEQ : NFT_RANGE_EQ, lo, hi, sh.bytes);
	return 0;
}

static bool try_merge(struct rule_ctx *rc, struct expr *lhs, const uint8_t *v, uint32_t len)
{
	if (lhs->kind != EXPR_PAYLOAD || lhs->payload.offset % 8 || lhs->len % 8 ||
	    expr_in_tunnel(lhs))
		return false;
	return emit_merge_payload_cmp(rc, lhs->payload.base, lhs->payload.offset / 8, v, len);
}

static bool value_is_zero(const struct expr *val)
{
	for (uint32_t i = 0; i < (val->value.len + 7) / 8; i++)
		if (val->value.bytes[i])
			return false;
	return true;
}

static int match_value(struct rule_ctx *rc, struct expr *lhs, struct expr *val, uint32_t op)
{
	struct lhs_shape sh;
	uint8_t v[VALUE_MAX], zero[VALUE_MAX] = { 0 };
	bool flagtest = false, negflag = false, hton = false;
	uint32_t len;
	int reg;

	lhs_shape_of(lhs, &sh);
	if (op == OP_NEG && lhs->kind == EXPR_BINOP)
		return diag_error(rc->ec->errs, &lhs->loc,
				  "cannot combine negation with binary expression");
	if (op == OP_NEG)
		negflag = true;
	else if (op == OP_IMPLICIT && lhs->kind != EXPR_BINOP && dtype_is_flags(lhs->dtype) &&
		 !value_is_zero(val))
		flagtest = true;               /* `comp flags 0x0` stays an equality */
	if (op == OP_LT || op == OP_GT || op == OP_LTE || op == OP_GTE)
		hton = lhs_needs_hton(lhs, &sh);
	value_to_reg(val, &sh, hton, v);
	len = sh.bytes;
	if (dtype_is_string(lhs->dtype) && (val->flags & EXPR_F_INTERVAL)) {
		len = (val->value.len + 7) / 8;           /* "eth*": prefix bytes only */
		if (len == 0)
			len = 1;
	}
	if (!flagtest && !negflag && (op == OP_IMPLICIT || op == OP_EQ) && sh.shift == 0 &&
	    sh.bytes * 8 == lhs->len && lhs->kind == EXPR_PAYLOAD) {
		deps_emit(rc, lhs);
		if (try_merge(rc, lhs, v, len)) {
			deps_learn(rc, lhs, val);
			return 0;
		}
	}
	reg = lower_load(rc, lhs);
	if (reg < 0)
		return -1;
	if (flagtest || negflag) {
		emit_mask_xor(rc, reg, sh.bytes, v, zero);
		emit_cmp(rc, reg, negflag ? NFT_CMP_EQ : NFT_CMP_NEQ, zero, sh.bytes);
		return 0;
	}
	if (hton)
		emit_hton(rc, reg, sh.bytes);
	emit_cmp(rc, reg, cmp_op(op), v, len);
	if (op == OP_IMPLICIT || op == OP_EQ)
		deps_learn(rc, lhs, val);
	return 0;
}

/* The element of an anonymous set of one plain element (a value, range or prefix, with
 * no statement or timeout of its own; a comment is dropped, as nft drops it), or NULL. */
static struct expr *single_plain_element(const struct expr *set)
{
	if (set->list.n != 1)
		return NULL;
	struct expr *e = set->list.v[0];
	if (e->kind == EXPR_SET_ELEM) {
		if ((e->elem.stmts && e->elem.stmts->n) || e->elem.timeout || e->elem.expires)
			return NULL;
		e = e->elem.key;
	}
	switch (e->kind) {
	case EXPR_VALUE: case EXPR_SYMBOL: case EXPR_RANGE: case EXPR_PREFIX:
		return e;
	default:
		return NULL;
	}
}

static int match_relation(struct rule_ctx *rc, struct expr *rel)
{
	struct expr *lhs = rel->bin.left;
	uint32_t op = rel->bin.op;

	struct expr *rhs = rel->bin.right;
	if (lhs->kind == EXPR_FIB && rhs->kind == EXPR_SYMBOL &&
	    (!strcmp(rhs->sym.str, "exists") || !strcmp(rhs->sym.str, "missing")))
		lhs->other.flags |= NFTA_FIB_F_PRESENT;   /* fib daddr oif exists */
	if (lhs->kind == EXPR_EXTHDR && rhs->kind == EXPR_SYMBOL &&
	    (!strcmp(rhs->sym.str, "exists") || !strcmp(rhs->sym.str, "missing")))
		lhs->exthdr.flags |= NFT_EXTHDR_F_PRESENT; /* exthdr hbh exists */
	if (eval_key(rc, &rel->bin.left, set_ref_key(rc, rhs)) < 0)
		return -1;
	lhs = rel->bin.left;
	/* `tcp dport { 22 }` is `tcp dport 22`, as nft 1.1 sends and lists it: no set for
	 * one element. Flags then become an equality (`tcp flags { syn }` is `tcp flags ==
	 * syn`, `ct status { dnat }` is `ct status == dnat`), but for ct state, whose
	 * implicit test stays one (`ct state { new }` is `ct state new`). */
	struct expr *one = rhs->kind == EXPR_SET && lhs->kind != EXPR_CONCAT ?
			   single_plain_element(rhs) : NULL;
	if (one) {
		rel->bin.right = rhs = one;
		if (op == OP_IMPLICIT && lhs->dtype && (lhs->dtype->flags & DTYPE_F_FLAGS) &&
		    strcmp(lhs->dtype->name, "ct_state"))
			rel->bin.op = op = OP_EQ;
	}
	if (rhs->kind == EXPR_SET || rhs->kind == EXPR_SET_REF) {
		if (op != OP_IMPLICIT && op != OP_EQ && op != OP_NEQ)
			return diag_error(rc->ec->errs, &rel->loc,
					  "Relational expression with a set only supports == and !=");
		return lower_lookup(rc, lhs, rhs, NULL, false, op == OP_NEQ, 0) < 0 ? -1 : 0;
	}
	if (lhs->kind == EXPR_CONCAT) {
		if (eval_const_for(rc->ec, &rel->bin.right, lhs) < 0)
			return -1;
		rhs = rel->bin.right;
		/* concatenated constant: compare the register-aligned bytes */
		uint8_t buf[VALUE_MAX];
		uint32_t off = 0;
		memset(buf, 0, sizeof(buf));
		for (uint32_t i = 0; i < lhs->list.n; i++) {
			struct lhs_shape sh;
			lhs_shape_of(lhs->list.v[i], &sh);
			if (rhs->list.v[i]->kind != EXPR_VALUE)
				return diag_error(rc->ec->errs, &rhs->list.v[i]->loc,
						  "Expected a constant");
			if (off + concat_slot_bytes(lhs->list.v[i]) > sizeof(buf))
				return diag_error(rc->ec->errs, &rhs->loc, "concatenation too long");
			value_to_reg(rhs->list.v[i], &sh, false, buf + off);
			off += concat_slot_bytes(lhs->list.v[i]);
		}
		int reg = lower_load(rc, lhs);
		if (reg < 0)
			return -1;
		emit_cmp(rc, reg, cmp_op(op), buf, off);
		return 0;
	}
	if (eval_constant(rc, &rel->bin.right, lhs->dtype, lhs->len, lhs->byteorder) < 0)
		return -1;
	rhs = rel->bin.right;
	/* (x ^ c1) == c2  →  x == c1 ^ c2 */
	if (lhs->kind == EXPR_BINOP && lhs->bin.op == BINOP_XOR && rhs->kind == EXPR_VALUE &&
	    lhs->bin.right->kind == EXPR_VALUE) {
		uint32_t n = (rhs->value.len + 7) / 8;
		for (uint32_t i = 0; i < n; i++)
			rhs->value.bytes[i] ^= lhs->bin.right->value.bytes[i];
		lhs = lhs->bin.left;
	}
	switch (rhs->kind) {
	case EXPR_RANGE:
		if (op != OP_IMPLICIT && op != OP_EQ && op != OP_NEQ)
			return diag_error(rc->ec->errs, &rel->loc,
					  "Range only supports == and !=");
		return match_range(rc, lhs, rhs, op);
	case EXPR_PREFIX:
		return match_prefix(rc, lhs, rhs, op);
	case EXPR_VALUE:
		return match_value(rc, lhs, rhs, op);
	default:
		return diag_error(rc->ec->errs, &rhs->loc, "Expression is not a constant");
	}
}

int eval_lower_match(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *x = s->expr;
	uint32_t saved = rc->reg_next;
	int r;

	if (!x)
		return diag_error(rc->ec->errs, &s->loc, "empty match");
	switch (x->kind) {
	case EXPR_RELATION:
		r = match_relation(rc, x);
		break;
	case EXPR_MAP:
		if (x->bin.op != 1) {
			r = diag_error(rc->ec->errs, &x->loc,
				       "map expression is not a statement, use vmap");
			break;
		}
		if (eval_key(rc, &x->bin.left, set_ref_key(rc, x->bin.right)) < 0) {
			r = -1;
			break;
		}
		r = lower_lookup(rc, x->bin.left, x->bin.right, NULL, true, false, 0);
		break;
	default:
		r = diag_error(rc->ec->errs, &x->loc, "Expression is not a match");
		break;
	}
	rc->reg_next = saved;
	return r < 0 ? -1 : 0;
}
