/* `define NAME = EXPR`, `redefine`, `undefine` and `$NAME`: the scope is the
 * ctx->defines list (newest first, shared with -D and included files); a use
 * gets its own copy of the expression, so eval may rewrite it in place. */
#include <string.h>
#include "build.h"

static struct define *find(struct parse_ctx *ctx, const char *name)
{
	for (struct define *d = ctx->defines; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

int b_define(struct pstate *ps, const struct loc *l, const char *name, struct expr *e,
	     bool redefine)
{
	struct define *d = find(ps->ctx, name);
	if (d && !redefine)
		return diag_error(ps->ctx->errs, l, "redefinition of symbol '%s'", name);
	if (d) {
		d->value = e;
		return 0;
	}
	d = arena_alloc(ps->a, sizeof(*d));
	d->name = name;
	d->value = e;
	d->next = ps->ctx->defines;
	ps->ctx->defines = d;
	return 0;
}

int b_undefine(struct pstate *ps, const struct loc *l, const char *name)
{
	for (struct define **p = &ps->ctx->defines; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, name)) {
			*p = (*p)->next;
			return 0;
		}
	return 0;
}

struct expr *b_var(struct pstate *ps, const struct loc *l, const char *name)
{
	struct define *d = find(ps->ctx, name);
	if (!d || !d->value) {
		diag_error(ps->ctx->errs, l, "unknown identifier '%s'", name);
		return NULL;
	}
	struct expr *e = expr_clone(ps->a, d->value);
	e->loc = *l;
	return e;
}

static void clone_list(struct arena *a, struct expr_list *dst, const struct expr_list *src)
{
	dst->v = NULL;
	dst->n = dst->cap = 0;
	for (uint32_t i = 0; i < src->n; i++)
		expr_list_add(a, dst, expr_clone(a, src->v[i]));
}

struct expr *expr_clone(struct arena *a, const struct expr *e)
{
	if (!e)
		return NULL;
	struct expr *c = arena_memdup(a, e, sizeof(*e));
	switch (e->kind) {
	case EXPR_PREFIX: case EXPR_RANGE: case EXPR_BINOP: case EXPR_RELATION:
	case EXPR_MAP: case EXPR_MAPPING:
		c->bin.left = expr_clone(a, e->bin.left);
		c->bin.right = expr_clone(a, e->bin.right);
		break;
	case EXPR_LIST: case EXPR_CONCAT: case EXPR_SET:
		clone_list(a, &c->list, &e->list);
		break;
	case EXPR_SET_ELEM:
		c->elem.key = expr_clone(a, e->elem.key);
		break;
	case EXPR_VERDICT:
		c->verdict.chain_expr = expr_clone(a, e->verdict.chain_expr);
		break;
	case EXPR_RT: case EXPR_FIB: case EXPR_NUMGEN: case EXPR_HASH: case EXPR_SOCKET:
	case EXPR_OSF: case EXPR_XFRM:
		c->other.arg = expr_clone(a, e->other.arg);
		break;
	default:
		break;
	}
	return c;
}
