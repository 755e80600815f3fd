/* Lift: the register file and the matching expressions. cmp, range and lookup
 * become relations against the expression a register holds; bitwise becomes a
 * binop, which a following cmp folds into a prefix, a flag test or a sub-field. */
#include <string.h>
#include "lift_int.h"

int lift_reg_slot(uint32_t reg)
{
	if (reg >= VM_REG_1 && reg <= 4)
		return (reg - 1) * 4;
	if (reg >= VM_REG32_00 && reg < VM_REG32_00 + LIFT_SLOTS)
		return reg - VM_REG32_00;
	return -1;
}

static uint32_t expr_slots(const struct expr *e)
{
	uint32_t bytes = (e->len + 7) / 8;
	uint32_t n = (bytes + 3) / 4;
	return n ? n : 1;
}

void lift_set_reg(struct lift_state *st, uint32_t reg, struct expr *e)
{
	int s = lift_reg_slot(reg);
	if (s < 0)
		return;
	uint32_t n = e ? expr_slots(e) : 1;
	for (uint32_t i = 0; i < n && s + i < LIFT_SLOTS; i++) {
		st->slot[s + i] = NULL;
		st->slot_gen[s + i] = 0;
	}
	st->slot[s] = e;
	st->slot_gen[s] = ++st->gen;
}

/* The expression in `reg`; when `len_bytes` asks for more than it holds, the
 * concatenation of the expressions in the following slots. */
struct expr *lift_get_reg(struct lift_state *st, uint32_t reg, uint32_t len_bytes)
{
	return lift_get_reg_upto(st, reg, len_bytes, LIFT_SLOTS);
}

/* Unknown length (a set we know nothing about): the loads made one after the other
 * into consecutive slots, up to slot `stop`. */
static uint32_t guess_len(struct lift_state *st, int s, int stop)
{
	uint32_t bytes = 0, gen = 0;
	while (s < stop && s < LIFT_SLOTS && st->slot[s] && st->slot_gen[s] > gen) {
		gen = st->slot_gen[s];
		bytes += expr_slots(st->slot[s]) * 4;
		s += expr_slots(st->slot[s]);
	}
	return bytes;
}

struct expr *lift_get_reg_upto(struct lift_state *st, uint32_t reg, uint32_t len_bytes,
			       int stop)
{
	int s = lift_reg_slot(reg);
	if (s < 0 || !st->slot[s])
		return NULL;
	struct expr *e = st->slot[s];
	uint32_t have = expr_slots(e) * 4;
	if (len_bytes == LIFT_LEN_GUESS)
		len_bytes = guess_len(st, s, stop);
	if (!len_bytes || have >= len_bytes)
		return e;
	struct expr *c = expr_alloc(st->ctx->arena, EXPR_CONCAT, NULL);
	uint32_t total = 0;
	while (s < LIFT_SLOTS && st->slot[s] && total < len_bytes) {
		struct expr *part = st->slot[s];
		expr_list_add(st->ctx->arena, &c->list, part);
		total += expr_slots(part) * 4;
		c->len += expr_slots(part) * 32;
		s += expr_slots(part);
	}
	if (c->list.n == 1)
		return e;
	return c;
}

static struct stmt *match_stmt(struct lift_state *st, struct expr *l, uint32_t op,
			       struct expr *r)
{
	struct expr *rel = expr_bin(st->ctx->arena, EXPR_RELATION, NULL, l, op, r);
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_EXPR, NULL);
	s->expr = rel;
	lift_add_stmt(st, s);
	return s;
}

static uint32_t cmp_op(uint32_t kop, bool explicit_eq)
{
	switch (kop) {
	case NFT_CMP_EQ: return explicit_eq ? OP_EQ : OP_IMPLICIT;
	case NFT_CMP_NEQ: return OP_NEQ;
	case NFT_CMP_LT: return OP_LT;
	case NFT_CMP_LTE: return OP_LTE;
	case NFT_CMP_GT: return OP_GT;
	case NFT_CMP_GTE: return OP_GTE;
	}
	return OP_IMPLICIT;
}

static bool is_flags(const struct expr *e)
{
	return e && e->dtype && (e->dtype->flags & DTYPE_F_FLAGS);
}

/* A string compared on fewer bytes than the field holds: a `name*` wildcard. */
static struct expr *string_value(struct lift_state *st, const struct expr *left,
				 const uint8_t *p, uint32_t plen)
{
	uint8_t buf[VALUE_MAX] = {0};
	uint32_t fbytes = left->len / 8;
	if (plen < fbytes && plen < VALUE_MAX - 1) {
		/* the string type prints a value shorter than its size as `name*` */
		uint32_t n = 0;
		while (n < plen && p[n])
			n++;
		memcpy(buf, p, n);
		return lift_value(st->ctx, left->dtype, left->byteorder, n * 8, buf, n);
	}
	return lift_data_as(st->ctx, left, p, plen);
}

int lift_cmp(struct lift_state *st, const struct vm_expr *v)
{
	const struct vm_data *d = vm_get_data(v, NFTA_CMP_DATA);
	uint32_t kop = vm_get_u(v, NFTA_CMP_OP);
	if (!d)
		return -1;
	struct expr *left = lift_get_reg(st, vm_get_u(v, NFTA_CMP_SREG), d->len);
	if (!left)
		return -1;
	struct lift_ctx *ctx = st->ctx;

	if (left->kind == EXPR_BINOP && left->bin.op == BINOP_AND &&
	    left->bin.right->kind == EXPR_VALUE && (kop == NFT_CMP_EQ || kop == NFT_CMP_NEQ)) {
		struct expr *load = left->bin.left;
		const struct expr *mask = left->bin.right;
		uint32_t mbytes = (mask->len + 7) / 8;
		int plen = lift_prefix_len(mask->value.bytes, mbytes);
		if (plen >= 0 && load->dtype && (load->dtype->flags & DTYPE_F_PREFIX) &&
		    mask->byteorder != BYTEORDER_HOST) {
			struct expr *pfx = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
			pfx->bin.left = lift_data_as(ctx, load, d->bytes, d->len);
			pfx->bin.prefix_len = plen;
			pfx->dtype = load->dtype;
			pfx->len = load->len;
			match_stmt(st, load, kop == NFT_CMP_EQ ? OP_IMPLICIT : OP_NEQ, pfx);
			return 0;
		}
		if (is_flags(load) && lift_all_zero(d->bytes, d->len)) {
			/* flag test: `ct state established,related`, `tcp flags ! syn` */
			struct expr *r = lift_data_as(ctx, load, mask->value.bytes, mbytes);
			match_stmt(st, load, kop == NFT_CMP_NEQ ? OP_IMPLICIT : OP_NEG, r);
			return 0;
		}
		if (lift_all_ones(mask->value.bytes, mbytes)) {
			match_stmt(st, load, cmp_op(kop, true),
				   lift_data_as(ctx, load, d->bytes, d->len));
			return 0;
		}
	}
	if (left->kind == EXPR_PAYLOAD && left->payload.is_raw && kop == NFT_CMP_EQ &&
	    lift_split_match(st, left, d->bytes, d->len))
		return 0;
	if (left->kind == EXPR_PAYLOAD && left->payload.is_raw &&
	    (kop == NFT_CMP_EQ || kop == NFT_CMP_NEQ)) {
		/* a load of the first bytes of an address: a byte-aligned prefix */
		struct expr *field = lift_payload_covering(st, left);
		if (field) {
			struct expr *pfx = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
			pfx->bin.left = lift_data_as(ctx, field, d->bytes, d->len);
			pfx->bin.prefix_len = left->len;
			pfx->dtype = field->dtype;
			pfx->len = field->len;
			match_stmt(st, field, kop == NFT_CMP_EQ ? OP_IMPLICIT : OP_NEQ, pfx);
			return 0;
		}
	}
	if (left->kind != EXPR_BINOP && left->kind != EXPR_CONCAT && left->dtype &&
	    (left->dtype->flags & DTYPE_F_PREFIX) && d->len * 8 < left->len &&
	    (kop == NFT_CMP_EQ || kop == NFT_CMP_NEQ)) {
		/* compared on its first bytes only: a byte-aligned prefix */
		struct expr *pfx = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
		pfx->bin.left = lift_data_as(ctx, left, d->bytes, d->len);
		pfx->bin.prefix_len = d->len * 8;
		pfx->dtype = left->dtype;
		pfx->len = left->len;
		match_stmt(st, left, kop == NFT_CMP_EQ ? OP_IMPLICIT : OP_NEQ, pfx);
		return 0;
	}
	if (left->kind == EXPR_BINOP) {
		struct expr *r = lift_data_as(ctx, left, d->bytes, d->len);
		match_stmt(st, left, cmp_op(kop, true), r);
		return 0;
	}
	struct expr *r;
	if (left->dtype && (left->dtype->flags & DTYPE_F_STRING))
		r = string_value(st, left, d->bytes, d->len);
	else
		r = lift_data_as(ctx, left, d->bytes, d->len);
	bool explicit_eq = is_flags(left) && !lift_all_zero(d->bytes, d->len);
	struct stmt *s = match_stmt(st, left, cmp_op(kop, explicit_eq), r);
	if (kop == NFT_CMP_EQ)
		lift_note_proto_match(st, s);
	return 0;
}

/* nft compiles an hour range that crosses midnight in UTC as `!=` of the
 * complement; `meta hour` ranges are never listed with `!=`. */
static bool hour_range_wraps(const struct expr *r)
{
	const struct expr *a = r->bin.left;
	return a && a->kind == EXPR_VALUE && a->dtype && a->dtype->id == TYPE_TIME_HOUR;
}

int lift_range(struct lift_state *st, const struct vm_expr *v)
{
	const struct vm_data *from = vm_get_data(v, NFTA_RANGE_FROM_DATA);
	const struct vm_data *to = vm_get_data(v, NFTA_RANGE_TO_DATA);
	if (!from || !to)
		return -1;
	struct expr *left = lift_get_reg(st, vm_get_u(v, NFTA_RANGE_SREG), from->len);
	if (!left)
		return -1;
	struct expr *r = expr_bin(st->ctx->arena, EXPR_RANGE, NULL,
				  lift_data_as(st->ctx, left, from->bytes, from->len), 0,
				  lift_data_as(st->ctx, left, to->bytes, to->len));
	r->dtype = left->dtype;
	r->len = left->len;
	uint32_t op = vm_get_u(v, NFTA_RANGE_OP) == NFT_RANGE_NEQ ? OP_NEQ : OP_IMPLICIT;
	if (op == OP_NEQ && hour_range_wraps(r)) {
		/* `meta hour "23:00"-"01:00"` crosses midnight in UTC: nft stores the
		 * complement, listed back as the range the user wrote */
		struct expr *t = r->bin.left;
		r->bin.left = r->bin.right;
		r->bin.right = t;
		op = OP_IMPLICIT;
	}
	match_stmt(st, left, op, r);
	return 0;
}

static struct expr *set_ref(struct lift_state *st, const char *name)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_SET_REF, NULL);
	e->setref.name = name;
	return e;
}

int lift_lookup(struct lift_state *st, const struct vm_expr *v)
{
	struct lift_ctx *ctx = st->ctx;
	const char *name = vm_get_str(v, NFTA_LOOKUP_SET);
	if (!name)
		return -1;
	const struct nl_set *set = ctx->sets ? ctx->sets->find(ctx->sets_priv, st->table, name)
					     : NULL;
	struct expr *left = lift_get_reg(st, vm_get_u(v, NFTA_LOOKUP_SREG),
					 set ? set->key_len : LIFT_LEN_GUESS);
	if (!left)
		return -1;
	if (set && !(set->flags & NFT_SET_ANONYMOUS))
		left = lift_key_consts(ctx, left, lift_set_key_expr(ctx, set, false));
	bool has_dreg = vm_has(v, NFTA_LOOKUP_DREG);
	uint32_t dreg = vm_get_u(v, NFTA_LOOKUP_DREG);
	struct expr *right;
	if (set && (set->flags & NFT_SET_ANONYMOUS))
		right = lift_anon_set(st, set, left, NULL);
	else
		right = set_ref(st, name);
	if (right->kind == EXPR_SET)
		lift_note_icmp_set(st, left, right);
	if (!has_dreg) {
		uint32_t op = (vm_get_u(v, NFTA_LOOKUP_FLAGS) & NFT_LOOKUP_F_INV) ? OP_NEQ
			      : left->kind == EXPR_BINOP ? OP_EQ : OP_IMPLICIT;
		match_stmt(st, left, op, right);
		return 0;
	}
	struct expr *map = expr_bin(ctx->arena, EXPR_MAP, NULL, left, dreg == 0 ? 1 : 0, right);
	if (dreg == 0) {
		struct stmt *s = stmt_alloc(ctx->arena, STMT_EXPR, NULL);
		s->expr = map;
		lift_add_stmt(st, s);
		return 0;
	}
	map->len = set && set->data_len ? set->data_len * 8 : 32;
	lift_set_reg(st, dreg, map);
	return 0;
}

static struct expr *binop(struct lift_state *st, struct expr *l, uint32_t op, struct expr *r)
{
	struct expr *b = expr_bin(st->ctx->arena, EXPR_BINOP, NULL, l, op, r);
	if (l->kind == EXPR_PAYLOAD && l->payload.is_raw)
		b->flags |= EXPR_F_PRINT_HEX;
	b->dtype = l->dtype;
	b->byteorder = l->byteorder;
	b->len = l->len;
	return b;
}

/* The constant of `x | c` / `x ^ c`. Where the register is wider than what it
 * combines (a 6-bit dscp in a 32-bit mark), nft shows the constant as hex bytes. */
static struct expr *or_operand(struct lift_state *st, const struct expr *left, const uint8_t *p,
			       uint32_t n)
{
	if (left->len >= n * 8 || left->kind == EXPR_VALUE)
		return lift_data_as(st->ctx, left, p, n);
	struct expr *v = lift_value(st->ctx, &dt_integer, BYTEORDER_HOST, n * 8, p, n);
	v->flags |= EXPR_F_PRINT_HEX_BYTES;
	return v;
}

int lift_bitwise(struct lift_state *st, const struct vm_expr *v)
{
	struct lift_ctx *ctx = st->ctx;
	uint32_t len = vm_get_u(v, NFTA_BITWISE_LEN);
	struct expr *left = lift_get_reg(st, vm_get_u(v, NFTA_BITWISE_SREG), len);
	if (!left)
		return -1;
	uint32_t op = vm_get_u(v, NFTA_BITWISE_OP);
	uint32_t dreg = vm_get_u(v, NFTA_BITWISE_DREG);
	struct expr *res = left;
	if (vm_has(v, NFTA_BITWISE_SREG2)) {
		struct expr *r = lift_get_reg(st, vm_get_u(v, NFTA_BITWISE_SREG2), len);
		if (!r)
			return -1;
		uint32_t bop = op == NFT_BITWISE_OR ? BINOP_OR : op == NFT_BITWISE_XOR ? BINOP_XOR
									    : BINOP_AND;
		res = binop(st, left, bop, r);
	} else if (op == NFT_BITWISE_RSHIFT && lift_is_subbyte_field(left)) {
		/* a sub-byte field shifted down to its value (maps, concatenations) */
		res = arena_memdup(ctx->arena, left, sizeof(*left));
		res->flags |= LIFT_F_NORMALISED;
	} else if (op == NFT_BITWISE_LSHIFT || op == NFT_BITWISE_RSHIFT) {
		const struct vm_data *d = vm_get_data(v, NFTA_BITWISE_DATA);
		if (!d)
			return -1;
		struct expr *n = lift_value(ctx, &dt_integer, BYTEORDER_HOST, 32, d->bytes, d->len);
		res = binop(st, left, op == NFT_BITWISE_LSHIFT ? BINOP_LSHIFT : BINOP_RSHIFT, n);
		/* a shifted value is a number no more of its field's type: nft lists it,
		 * and what it is compared or combined with, in plain hex (`& 0xf`) */
		res->dtype = &dt_xinteger;
	} else {
		const struct vm_data *m = vm_get_data(v, NFTA_BITWISE_MASK);
		const struct vm_data *x = vm_get_data(v, NFTA_BITWISE_XOR);
		if (!m || !x)
			return -1;
		uint32_t n = len < m->len ? len : m->len;
		bool mask_ones = lift_all_ones(m->bytes, n), xor_zero = lift_all_zero(x->bytes, n);
		bool is_or = !xor_zero;
		for (uint32_t i = 0; i < n && is_or; i++)
			if ((m->bytes[i] & x->bytes[i]) || (uint8_t)(m->bytes[i] | x->bytes[i]) != 0xff)
				is_or = false;
		uint32_t shift;
		struct expr *field = NULL;
		if (xor_zero && !mask_ones && left->kind == EXPR_PAYLOAD && left->payload.is_raw)
			field = lift_payload_masked(st, left, m->bytes, n, &shift);
		else if (xor_zero && !mask_ones && left->kind == EXPR_EXTHDR)
			field = lift_exthdr_masked(st, left, m->bytes, n);
		if (field) {
			res = field;
		} else if (xor_zero) {
			if (!mask_ones)
				res = binop(st, left, BINOP_AND, lift_data_as(ctx, left, m->bytes, n));
		} else if (is_or) {
			res = binop(st, left, BINOP_OR, or_operand(st, left, x->bytes, n));
		} else if (mask_ones) {
			res = binop(st, left, BINOP_XOR, or_operand(st, left, x->bytes, n));
		} else {
			res = binop(st, left, BINOP_AND, lift_data_as(ctx, left, m->bytes, n));
			res = binop(st, res, BINOP_XOR, lift_data_as(ctx, left, x->bytes, n));
		}
	}
	lift_set_reg(st, dreg, res);
	return 0;
}

bool lift_is_subbyte_field(const struct expr *e)
{
	if (e->kind == EXPR_PAYLOAD && !e->payload.is_raw)
		return e->payload.offset % 8 || e->len % 8;
	if (e->kind == EXPR_EXTHDR && e->exthdr.field)
		return e->exthdr.offset % 8 || e->len % 8;
	return false;
}

struct expr *lift_anon_set(struct lift_state *st, const struct nl_set *set,
			   const struct expr *key, const struct expr *data_like)
{
	return lift_elems_typed(st->ctx, set, key, data_like);
}
