/* AST constructors: every node is zero-filled in the arena and stamped with its
 * source location; lists grow inside the arena. */
#include "ast.h"
#include <string.h>
#include <linux/netfilter.h>

struct expr *expr_alloc(struct arena *a, enum expr_kind kind, const struct loc *loc)
{
	struct expr *e = arena_alloc(a, sizeof(*e));
	e->kind = kind;
	if (loc)
		e->loc = *loc;
	return e;
}

struct expr *expr_value(struct arena *a, const struct loc *loc, const struct datatype *dt,
			enum byteorder bo, uint32_t len_bits, const void *bytes)
{
	struct expr *e = expr_alloc(a, EXPR_VALUE, loc);
	uint32_t nbytes = (len_bits + 7) / 8;
	e->dtype = dt;
	e->byteorder = bo;
	e->len = len_bits;
	e->value.len = len_bits;
	if (nbytes > VALUE_MAX)
		nbytes = VALUE_MAX;
	if (bytes && nbytes)
		memcpy(e->value.bytes, bytes, nbytes);
	return e;
}

struct expr *expr_symbol(struct arena *a, const struct loc *loc, const char *s, bool quoted)
{
	struct expr *e = expr_alloc(a, EXPR_SYMBOL, loc);
	e->sym.str = s;
	e->sym.quoted = quoted;
	return e;
}

struct expr *expr_bin(struct arena *a, enum expr_kind kind, const struct loc *loc,
		      struct expr *l, uint32_t op, struct expr *r)
{
	struct expr *e = expr_alloc(a, kind, loc);
	e->bin.left = l;
	e->bin.right = r;
	e->bin.op = op;
	if (kind == EXPR_BINOP)
		expr_binop_count_update(e);
	return e;
}

static uint32_t binop_ops(const struct expr *e)
{
	return e && e->kind == EXPR_BINOP ? e->bin.ops : 0;
}

static bool binop_on_field(const struct expr *e)
{
	if (!e)
		return false;
	switch (e->kind) {
	case EXPR_BINOP: return e->bin.on_field;
	case EXPR_SYMBOL: case EXPR_VALUE: case EXPR_VARIABLE: return false;
	default: return true;
	}
}

void expr_binop_count_update(struct expr *e)
{
	e->bin.ops = 1 + binop_ops(e->bin.left) + binop_ops(e->bin.right);
	e->bin.on_field = binop_on_field(e->bin.left) || binop_on_field(e->bin.right);
}

void expr_list_add(struct arena *a, struct expr_list *l, struct expr *e)
{
	l->v = arena_room(a, l->v, l->n, &l->cap, 4, sizeof(*l->v));
	l->v[l->n++] = e;
}

struct stmt *stmt_alloc(struct arena *a, enum stmt_kind kind, const struct loc *loc)
{
	struct stmt *s = arena_alloc(a, sizeof(*s));
	s->kind = kind;
	if (loc)
		s->loc = *loc;
	return s;
}

void stmt_list_add(struct arena *a, struct stmt_list *l, struct stmt *s)
{
	l->v = arena_room(a, l->v, l->n, &l->cap, 4, sizeof(*l->v));
	l->v[l->n++] = s;
}

struct cmd *cmd_alloc(struct arena *a, enum cmd_op op, enum cmd_obj obj, const struct loc *loc)
{
	struct cmd *c = arena_alloc(a, sizeof(*c));
	c->op = op;
	c->obj = obj;
	if (loc)
		c->loc = *loc;
	c->h.family = NFPROTO_IPV4;
	return c;
}

void cmd_list_add(struct arena *a, struct cmd_list *l, struct cmd *c)
{
	l->v = arena_room(a, l->v, l->n, &l->cap, 8, sizeof(*l->v));
	l->v[l->n++] = c;
}
