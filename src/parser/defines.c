/* `define NAME = EXPR`, `redefine`, `undefine` and `$NAME`.
 *
 * The scope is ctx->defines: a list, newest first, that only grows (parser.h), shared
 * with -D and included files; rules and element lists kept as text hold the head of
 * their place and look names up from there. Lookups go through one hash index of all
 * nodes: a name's newest node, then back along its `shadowed` chain to the newest one
 * the given head can see, so 100 000 defines cost 100 000 steps, not their square.
 *
 * A `$name` inside a define's value stays a reference (EXPR_VARIABLE with sym.ref);
 * a use outside a define gets its own copy of the value with every reference expanded
 * (eval may rewrite it in place; its words, EXPR_SYMBOL, are shared, since nothing
 * changes a symbol after the parser), and a set among a set's items is spliced into it
 * as it is copied. So `define b = { $a, $a }` costs a node, not a copy of $a, and a chain
 * of such defines used once builds its elements once, never the nested sets between. */
#include <string.h>
#include "build.h"

struct define_index {
	struct define **slot;            /* open addressing: each name's newest node */
	uint32_t cap, used;              /* cap: a power of two */
	uint32_t seq;                    /* of the newest node */
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;        /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static struct define **index_slot(struct define_index *ix, const char *name)
{
	uint32_t mask = ix->cap - 1, i = name_hash(name) & mask;
	while (ix->slot[i] && strcmp(ix->slot[i]->name, name))
		i = (i + 1) & mask;
	return &ix->slot[i];
}

static void index_grow(struct arena *a, struct define_index *ix)
{
	struct define **old = ix->slot;
	uint32_t ocap = ix->cap;
	ix->cap = ocap ? ocap * 2 : 64;
	ix->slot = arena_alloc(a, ix->cap * sizeof(*ix->slot));
	memset(ix->slot, 0, ix->cap * sizeof(*ix->slot));
	for (uint32_t i = 0; i < ocap; i++)
		if (old[i])
			*index_slot(ix, old[i]->name) = old[i];
}

/* The node of `name` that the scope headed by `head` sees (maybe an undefine), or NULL. */
static struct define *find(const struct define *head, const char *name)
{
	if (!head)
		return NULL;
	struct define *d = *index_slot(head->index, name);
	while (d && d->seq > head->seq)
		d = d->shadowed;
	return d;
}

static void push(struct pstate *ps, const char *name, struct expr *value)
{
	struct parse_ctx *ctx = ps->ctx;
	struct define_index *ix = ctx->defines ? ctx->defines->index : NULL;
	if (!ix) {
		ix = arena_alloc(ps->a, sizeof(*ix));
		memset(ix, 0, sizeof(*ix));
	}
	if ((ix->used + 1) * 4 > ix->cap * 3)
		index_grow(ps->a, ix);
	struct define **slot = index_slot(ix, name);
	struct define *d = arena_alloc(ps->a, sizeof(*d));
	*d = (struct define){ .name = name, .value = value, .next = ctx->defines,
			      .shadowed = *slot, .seq = ++ix->seq, .index = ix };
	if (!*slot)
		ix->used++;
	*slot = d;
	ctx->defines = d;
}

int b_define(struct pstate *ps, const struct loc *l, const char *name, struct expr *e,
	     bool redefine)
{
	struct define *d = find(ps->ctx->defines, name);
	if (d && d->value && !redefine)
		return diag_error(ps->ctx->errs, l, "redefinition of symbol '%s'", name);
	push(ps, name, e);
	return 0;
}

int b_undefine(struct pstate *ps, const struct loc *l, const char *name)
{
	(void)l;
	struct define *d = find(ps->ctx->defines, name);
	if (d && d->value)
		push(ps, name, NULL);
	return 0;
}

/* Bounds on what one `$name` may expand to: define chains can double at every step
 * (a define bomb), and every pass after the parser recurses over the tree. */
#define EXPAND_NODES_MAX (1u << 24)
#define EXPAND_DEPTH_MAX 5000

struct expansion {
	struct arena *a;
	uint32_t nodes, depth;
	const char *too_big;             /* set when a bound is passed: the message */
};

static struct expr *expand(struct expansion *x, const struct expr *e);

static const struct expr *deref(const struct expr *e)
{
	while (e && e->kind == EXPR_VARIABLE && e->sym.ref)
		e = e->sym.ref;
	return e;
}

/* An item of a set being copied: a set (directly, or as an element's key) joins the
 * copy item by item, as eval would flatten it; anything else is copied. */
static void expand_item(struct expansion *x, struct expr_list *out, const struct expr *it)
{
	it = deref(it);
	const struct expr *key = deref(it->kind == EXPR_SET_ELEM ? it->elem.key : it);
	bool plain = it->kind != EXPR_SET_ELEM ||
		     (!it->elem.timeout && !it->elem.expires && !it->elem.comment && !it->elem.stmts);
	if (key && key->kind == EXPR_SET && plain) {     /* as b_set_add flattens */
		if (++x->depth > EXPAND_DEPTH_MAX) {
			x->too_big = "nested too deeply";
			return;
		}
		for (uint32_t i = 0; i < key->list.n && !x->too_big; i++)
			expand_item(x, out, key->list.v[i]);
		x->depth--;
		return;
	}
	/* a plain element that is a word (`10.0.0.1`, `ssh`) joins as that word itself,
	 * shared with the define: symbols are never changed after the parser (ast.h) */
	if (plain && key && key->kind == EXPR_SYMBOL) {
		if (++x->nodes > EXPAND_NODES_MAX) {
			x->too_big = "too large";
			return;
		}
		expr_list_add(x->a, out, (struct expr *)key);
		return;
	}
	expr_list_add(x->a, out, expand(x, it));
}

static void expand_list(struct expansion *x, struct expr *c, const struct expr *e)
{
	c->list.v = NULL;
	c->list.n = c->list.cap = 0;
	for (uint32_t i = 0; i < e->list.n && !x->too_big; i++) {
		if (e->kind == EXPR_SET)
			expand_item(x, &c->list, e->list.v[i]);
		else
			expr_list_add(x->a, &c->list, expand(x, e->list.v[i]));
	}
}

/* A copy of `e` with every define reference replaced by a copy of its value; NULL
 * (x->too_big set) past the bounds. */
static struct expr *expand(struct expansion *x, const struct expr *e)
{
	e = deref(e);
	if (!e || x->too_big)
		return NULL;
	if (++x->nodes > EXPAND_NODES_MAX) {
		x->too_big = "too large";
		return NULL;
	}
	if (e->kind == EXPR_SYMBOL && x->depth > 0)   /* shared, as above; the top is b_var's */
		return (struct expr *)e;
	if (++x->depth > EXPAND_DEPTH_MAX) {
		x->too_big = "nested too deeply";
		return NULL;
	}
	struct expr *c = arena_memdup(x->a, e, sizeof(*e));
	switch (e->kind) {
	case EXPR_PREFIX: case EXPR_RANGE: case EXPR_BINOP: case EXPR_RELATION:
	case EXPR_MAP: case EXPR_MAPPING:
		c->bin.left = expand(x, e->bin.left);
		c->bin.right = expand(x, e->bin.right);
		/* references count as constants until they are expanded: count again */
		if (e->kind == EXPR_BINOP && c->bin.left && c->bin.right) {
			expr_binop_count_update(c);
			if ((c->bin.on_field && c->bin.ops >= BINOP_FIELD_OPS_MAX) ||
			    c->bin.ops > BINOP_CONST_OPS_MAX)
				x->too_big = "beyond the limit of binary operations";
		}
		break;
	case EXPR_LIST: case EXPR_CONCAT: case EXPR_SET:
		expand_list(x, c, e);
		break;
	case EXPR_SET_ELEM:
		c->elem.key = expand(x, e->elem.key);
		break;
	case EXPR_VERDICT:
		c->verdict.chain_expr = expand(x, e->verdict.chain_expr);
		break;
	case EXPR_RT: case EXPR_FIB: case EXPR_NUMGEN: case EXPR_HASH: case EXPR_SOCKET:
	case EXPR_OSF: case EXPR_XFRM:
		c->other.arg = expand(x, e->other.arg);
		break;
	default:
		break;
	}
	x->depth--;
	return x->too_big ? NULL : c;
}

struct expr *b_var(struct pstate *ps, const struct loc *l, const char *name)
{
	struct define *d = find(ps->ctx->defines, name);
	if (!d || !d->value) {
		diag_error(ps->ctx->errs, l, "unknown identifier '%s'", name);
		return NULL;
	}
	if (ps->in_define) {
		struct expr *r = expr_alloc(ps->a, EXPR_VARIABLE, l);
		r->sym.str = name;
		r->sym.ref = d->value;
		return r;
	}
	struct expansion x = { .a = ps->a };
	struct expr *e = expand(&x, d->value);
	if (!e) {
		diag_error(ps->ctx->errs, l, "$%s expands to an expression %s (at most %u "
			   "expressions, %u levels)", name, x.too_big, EXPAND_NODES_MAX,
			   EXPAND_DEPTH_MAX);
		return NULL;
	}
	e->loc = *l;
	e->flags |= EXPR_F_DEFINE;
	return e;
}

struct expr *b_var_elems(struct pstate *ps, const struct loc *l, const char *name)
{
	struct expr *e = b_var(ps, l, name);
	if (!e || e->kind == EXPR_SET)
		return e;
	struct expr *set = b_set_add(ps, b_set(ps, l), b_elem(ps, l, e));
	set->loc = *l;
	return set;
}

struct expr *b_var_setref(struct pstate *ps, const struct loc *l, const char *name)
{
	struct expr *e = b_var(ps, l, name);
	if (e && e->kind != EXPR_SET_REF) {
		diag_error(ps->ctx->errs, l, "$%s is not a set reference (@name)", name);
		return NULL;
	}
	return e;
}
