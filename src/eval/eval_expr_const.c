/* Constants: symbols resolved through the datatype of the other side, byte order
 * fixed up to the left-hand side's, flag lists and constant binops folded, and the
 * conversion of a typed value to the bytes a register holds (sub-byte shifts). */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <arpa/inet.h>
#include "lower_expr.h"

enum byteorder dtype_byteorder(const struct datatype *dt)
{
	for (; dt; dt = dt->basetype)
		if (dt->byteorder != BYTEORDER_INVALID)
			return dt->byteorder;
	return BYTEORDER_HOST;
}

bool dtype_is_flags(const struct datatype *dt)
{
	for (; dt; dt = dt->basetype)
		if ((dt->flags & DTYPE_F_FLAGS) || dt->id == TYPE_BITMASK)
			return true;
	return false;
}

bool dtype_is_string(const struct datatype *dt)
{
	for (; dt; dt = dt->basetype)
		if ((dt->flags & DTYPE_F_STRING) || dt->id == TYPE_STRING)
			return true;
	return false;
}

void value_swap(struct value *v)
{
	uint32_t n = (v->len + 7) / 8;

	for (uint32_t i = 0; i < n / 2; i++) {
		uint8_t t = v->bytes[i];
		v->bytes[i] = v->bytes[n - 1 - i];
		v->bytes[n - 1 - i] = t;
	}
}

static uint64_t be_get(const uint8_t *p, uint32_t n)
{
	uint64_t x = 0;

	for (uint32_t i = 0; i < n; i++)
		x = x << 8 | p[i];
	return x;
}

static void be_put(uint8_t *p, uint32_t n, uint64_t x)
{
	for (uint32_t i = n; i-- > 0; x >>= 8)
		p[i] = (uint8_t)x;
}

uint64_t value_uint(const struct expr *val)
{
	uint32_t n = (val->value.len + 7) / 8;
	uint64_t x = 0;

	if (n > 8)
		n = 8;
	if (val->byteorder == BYTEORDER_BIG)
		return be_get(val->value.bytes, n);
	for (uint32_t i = n; i-- > 0;)
		x = x << 8 | val->value.bytes[i];
	return x;
}

int value_to_reg(const struct expr *val, const struct lhs_shape *sh, bool force_big,
		 uint8_t *out)
{
	uint32_t vbytes = (val->value.len + 7) / 8;
	enum byteorder want = force_big ? BYTEORDER_BIG : sh->bo;

	memset(out, 0, sh->bytes);
	if (sh->shift == 0 && vbytes >= sh->bytes) {
		/* whole bytes: copy, then convert the order if needed */
		memcpy(out, val->value.bytes, sh->bytes);
		if (val->byteorder == BYTEORDER_HOST && want == BYTEORDER_BIG &&
		    !dtype_is_string(val->dtype)) {
			for (uint32_t i = 0; i < sh->bytes / 2; i++) {
				uint8_t t = out[i];
				out[i] = out[sh->bytes - 1 - i];
				out[sh->bytes - 1 - i] = t;
			}
		}
		return 0;
	}
	if (vbytes > 8 || sh->bytes > 8) {
		/* strings shorter than the field (ifname): NUL padded */
		memcpy(out, val->value.bytes, vbytes < sh->bytes ? vbytes : sh->bytes);
		return 0;
	}
	uint64_t x = value_uint(val) << sh->shift;
	if (want == BYTEORDER_BIG) {
		be_put(out, sh->bytes, x);
	} else {
		for (uint32_t i = 0; i < sh->bytes; i++, x >>= 8)
			out[i] = (uint8_t)x;
	}
	return 0;
}

static struct expr *make_value(struct eval_ctx *ec, const struct loc *loc,
			       const struct datatype *dt, enum byteorder bo, uint32_t len,
			       const struct value *v)
{
	struct expr *e = expr_value(ec->arena, loc, dt, bo, len, v->bytes);

	e->value.len = len;
	e->flags |= EXPR_F_CONSTANT | EXPR_F_SINGLETON;
	return e;
}

static void uint_to_value(struct value *v, uint64_t x, uint32_t len, enum byteorder bo)
{
	uint32_t n = (len + 7) / 8;

	memset(v, 0, sizeof(*v));
	v->len = len;
	if (n > 8)
		n = 8;
	if (bo == BYTEORDER_BIG) {
		be_put(v->bytes + ((len + 7) / 8 - n), n, x);
	} else {
		for (uint32_t i = 0; i < n; i++, x >>= 8)
			v->bytes[i] = (uint8_t)x;
	}
}

/* "0xff", "4294901760": an IPv4 address written as one number (inet_aton's form). */
static bool ipv4_number(const char *text, struct value *out)
{
	struct in_addr a;

	if (!isdigit((unsigned char)text[0]) || strchr(text, '.') || strchr(text, ':') ||
	    inet_aton(text, &a) == 0)
		return false;
	memset(out, 0, sizeof(*out));
	out->len = 32;
	memcpy(out->bytes, &a.s_addr, 4);       /* network order */
	return true;
}

/* A parsed value of another width than the context's (an integer for a 4-bit or
 * 8-byte field): keep the low-order bytes, in the value's byte order. */
static void value_resize(struct value *v, uint32_t len, enum byteorder bo)
{
	uint32_t have = (v->len + 7) / 8, want = (len + 7) / 8;
	struct value w;

	memset(&w, 0, sizeof(w));
	if (have > want)
		memcpy(w.bytes, v->bytes + (bo == BYTEORDER_BIG ? have - want : 0), want);
	else
		memcpy(w.bytes + (bo == BYTEORDER_BIG ? want - have : 0), v->bytes, have);
	w.len = len;
	*v = w;
}

static int eval_symbol(struct eval_ctx *ec, struct expr **e, const struct datatype *dt,
		       uint32_t len, enum byteorder bo)
{
	struct expr *s = *e;
	struct value v;
	const char *text = s->sym.str;

	memset(&v, 0, sizeof(v));
	if (!dt)
		return diag_error(ec->errs, &s->loc, "Cannot resolve \"%s\" without a type", text);
	if (dt->id == TYPE_IPADDR && ipv4_number(text, &v)) {
		/* `ip saddr & 0xff`: nft's address parser takes a plain number too */
		*e = make_value(ec, &s->loc, dt, BYTEORDER_BIG, 32, &v);
		return 0;
	}
	if (datatype_parse_bo(dt, text, len, bo ? bo : dt->byteorder, &v, ec->errs,
			      &s->loc) < 0)
		return -1;
	if (bo == BYTEORDER_INVALID)
		bo = dt->byteorder ? dt->byteorder : dtype_byteorder(dt);
	if (dtype_is_string(dt)) {
		/* "eth*": the datatype returns only the prefix (shorter len) */
		bool wildcard = v.len && len && v.len < len;
		uint32_t vlen = wildcard ? v.len : len;
		*e = make_value(ec, &s->loc, dt, BYTEORDER_HOST, vlen, &v);
		if (wildcard) {
			(*e)->flags &= ~(uint32_t)EXPR_F_SINGLETON;
			(*e)->flags |= EXPR_F_INTERVAL;   /* marks a wildcard */
		}
		return 0;
	}
	if (v.len == 0)
		v.len = len;
	if (v.len != len && len)
		value_resize(&v, len, bo);
	*e = make_value(ec, &s->loc, dt, bo, v.len, &v);
	return 0;
}

static int eval_const(struct eval_ctx *ec, struct expr **e, const struct datatype *dt,
		      uint32_t len, enum byteorder bo);

/* a,b,c of a bitmask type, and constant `a | b`, `a & b` ...: folded to one value */
static int fold_binop(struct eval_ctx *ec, struct expr **e, const struct datatype *dt,
		      uint32_t len, enum byteorder bo)
{
	struct expr *b = *e;

	if (eval_const(ec, &b->bin.left, dt, len, bo) < 0 ||
	    eval_const(ec, &b->bin.right, dt, len, bo) < 0)
		return -1;
	struct expr *l = b->bin.left, *r = b->bin.right;
	if (l->kind != EXPR_VALUE || r->kind != EXPR_VALUE || len > 64)
		return diag_error(ec->errs, &b->loc, "Binary operation is not constant");
	uint64_t x = value_uint(l), y = value_uint(r), z = 0;
	switch (b->bin.op) {
	case BINOP_AND: z = x & y; break;
	case BINOP_OR: z = x | y; break;
	case BINOP_XOR: z = x ^ y; break;
	case BINOP_LSHIFT: z = x << y; break;
	case BINOP_RSHIFT: z = x >> y; break;
	}
	if (len < 64)
		z &= (1ull << len) - 1;
	struct value v;
	uint_to_value(&v, z, len, l->byteorder);
	*e = make_value(ec, &b->loc, dt, l->byteorder, len, &v);
	return 0;
}

static int fold_list(struct eval_ctx *ec, struct expr **e, const struct datatype *dt,
		     uint32_t len, enum byteorder bo)
{
	struct expr *l = *e;
	uint64_t z = 0;
	enum byteorder vbo = bo ? bo : dtype_byteorder(dt);

	for (uint32_t i = 0; i < l->list.n; i++) {
		if (eval_const(ec, &l->list.v[i], dt, len, bo) < 0)
			return -1;
		if (l->list.v[i]->kind != EXPR_VALUE || len > 64)
			return diag_error(ec->errs, &l->list.v[i]->loc,
					  "List member is not a constant");
		z |= value_uint(l->list.v[i]);
		vbo = l->list.v[i]->byteorder;
	}
	struct value v;
	uint_to_value(&v, z, len, vbo);
	*e = make_value(ec, &l->loc, dt, vbo, len, &v);
	return 0;
}

static int eval_const(struct eval_ctx *ec, struct expr **e, const struct datatype *dt,
		      uint32_t len, enum byteorder bo)
{
	struct expr *x = *e;

	switch (x->kind) {
	case EXPR_SYMBOL:
		return eval_symbol(ec, e, dt, len, bo);
	case EXPR_VALUE:
		if (!x->dtype)
			x->dtype = dt;
		if (bo != BYTEORDER_INVALID && x->byteorder != BYTEORDER_INVALID &&
		    x->byteorder != bo && !dtype_is_string(dt)) {
			value_swap(&x->value);
			x->byteorder = bo;
		}
		if (!x->byteorder)
			x->byteorder = bo;
		if (!x->len)
			x->len = len;
		return 0;
	case EXPR_PREFIX:
		if (eval_const(ec, &x->bin.left, dt, len, bo) < 0)
			return -1;
		if (x->bin.prefix_len > len)
			return diag_error(ec->errs, &x->loc,
					  "Prefix length %u is invalid for type of %u bits width",
					  x->bin.prefix_len, len);
		break;
	case EXPR_RANGE:
		if (eval_const(ec, &x->bin.left, dt, len, bo) < 0 ||
		    eval_const(ec, &x->bin.right, dt, len, bo) < 0)
			return -1;
		break;
	case EXPR_LIST:
		return fold_list(ec, e, dt, len, bo);
	case EXPR_BINOP:
		return fold_binop(ec, e, dt, len, bo);
	case EXPR_SET_ELEM:
		if (eval_const(ec, &x->elem.key, dt, len, bo) < 0)
			return -1;
		break;
	case EXPR_ELEM_ANY:
		break;
	case EXPR_VARIABLE:
		return diag_error(ec->errs, &x->loc, "unknown identifier '%s'", x->sym.str);
	default:
		return diag_error(ec->errs, &x->loc, "Expression is not a constant");
	}
	x->dtype = dt;
	x->len = len;
	x->byteorder = bo;
	x->flags |= EXPR_F_CONSTANT;
	return 0;
}

int eval_constant(struct rule_ctx *rc, struct expr **e, const struct datatype *dt,
		  uint32_t len_bits, enum byteorder bo)
{
	return eval_const(rc->ec, e, dt, len_bits, bo);
}

int eval_const_for(struct eval_ctx *ec, struct expr **e, const struct expr *tmpl)
{
	struct expr *x = *e;

	if (tmpl->kind == EXPR_CONCAT) {
		if (x->kind == EXPR_SET_ELEM)
			return eval_const_for(ec, &x->elem.key, tmpl);
		if (x->kind != EXPR_CONCAT || x->list.n != tmpl->list.n) {
			char buf[256];
			size_t o = (size_t)snprintf(buf, sizeof(buf), "concatenation of (");
			for (uint32_t i = 0; i < tmpl->list.n && o < sizeof(buf); i++) {
				const struct datatype *dt = tmpl->list.v[i]->dtype;
				o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
						      dt && dt->desc ? dt->desc : "unknown",
						      i + 1 < tmpl->list.n ? ", " : ")");
			}
			return diag_error(ec->errs, &x->loc,
					  "invalid data type, expected %s", buf);
		}
		for (uint32_t i = 0; i < x->list.n; i++)
			if (eval_const_for(ec, &x->list.v[i], tmpl->list.v[i]) < 0)
				return -1;
		x->dtype = tmpl->dtype;
		x->len = tmpl->len;
		x->flags |= EXPR_F_CONSTANT;
		return 0;
	}
	return eval_const(ec, e, tmpl->dtype, tmpl->len, tmpl->byteorder);
}
