/* Command constructors and the expansion of blocks: a `table { … }` block becomes
 * add table, add chain (each, without rules), add set/map (each, with elements),
 * then add rule for every rule of every chain, in source order. Chain and set
 * bodies are collected into chain_decl / set_decl here. */
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "build.h"
#include "../types/objtypes.h"

#define FAMILY_UNSET UINT32_MAX

struct cmd *b_cmd(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		  const struct handle_spec *h)
{
	struct cmd *c = cmd_alloc(ps->a, op, obj, l);
	if (h)
		c->h = *h;
	c->family_given = c->h.family != FAMILY_UNSET;
	if (!c->family_given) {
		c->h.family = NFPROTO_IPV4;
		switch (obj) {
		case OBJ_RULESET: case OBJ_TABLES: case OBJ_CHAINS: case OBJ_SETS: case OBJ_MAPS:
		case OBJ_COUNTERS: case OBJ_QUOTAS: case OBJ_FLOWTABLES:
			c->list_all_families = true;
			break;
		default:
			break;
		}
	}
	return c;
}

struct cmd *b_emit(struct pstate *ps, struct cmd *c)
{
	cmd_list_add(ps->a, ps->out, c);
	return c;
}

void b_cmd_through(struct pstate *ps, const struct loc *end, bool at_end)
{
	struct cmd *c = ps->out->n ? ps->out->v[ps->out->n - 1] : NULL;
	if (!c || c->op != CMD_GET || !c->loc.src || c->loc.src != end->src ||
	    c->loc.line != c->loc.last_line || c->loc.line != end->line)
		return;
	if (!at_end && end->last_col > c->loc.last_col)
		c->loc.last_col = end->last_col;
	else if (at_end && !strcmp(c->loc.src->name, "<cmdline>"))
		c->loc.last_col++;
}

static void emit_rules(struct pstate *ps, enum cmd_op op, const struct handle_spec *h,
		       struct chain_decl *c)
{
	(void)op;
	bool all_text = c->nrules > 0;
	for (uint32_t i = 0; i < c->nrules && all_text; i++)
		all_text = c->rules[i]->span != NULL;
	if (all_text) {
		/* rules kept as text: one command stands for the block (commit expands it) */
		struct handle_spec rh = *h;
		rh.chain = c->name;
		rh.chain_loc = c->loc;
		struct cmd *rc = b_cmd(ps, &c->rules[0]->loc, CMD_ADD, OBJ_RULE, &rh);
		rc->rules_of = c;
		b_emit(ps, rc);
		return;
	}
	for (uint32_t i = 0; i < c->nrules; i++) {
		struct handle_spec rh = *h;
		rh.chain = c->name;
		rh.chain_loc = c->loc;
		struct cmd *rc = b_cmd(ps, &c->rules[i]->loc, CMD_ADD, OBJ_RULE, &rh);
		rc->rule = c->rules[i];
		b_emit(ps, rc);
	}
}

static struct chain_decl *chain_without_rules(struct pstate *ps, struct chain_decl *c)
{
	struct chain_decl *copy = arena_memdup(ps->a, c, sizeof(*c));
	copy->rules = NULL;
	copy->nrules = 0;
	return copy;
}

struct handle_spec *b_handle(struct pstate *ps)
{
	return arena_alloc(ps->a, sizeof(struct handle_spec));
}

void b_emit_table(struct pstate *ps, const struct loc *l, enum cmd_op op,
		  const struct handle_spec *h, struct tblock *tb)
{
	struct cmd *c = b_cmd(ps, l, op, OBJ_TABLE, h);
	c->table = tb ? tb->table : arena_alloc(ps->a, sizeof(*c->table));
	c->table->name = h->table;
	c->table->loc = *l;
	b_emit(ps, c);
	if (!tb)
		return;
	for (uint32_t i = 0; i < tb->nchains; i++) {
		struct chain_decl *ch = tb->chains[i];
		struct handle_spec ch_h = *h;
		ch_h.chain = ch->name;
		ch_h.chain_loc = ch->loc;
		struct cmd *cc = b_cmd(ps, &ch->loc, CMD_ADD, OBJ_CHAIN, &ch_h);
		cc->chain = chain_without_rules(ps, ch);
		b_emit(ps, cc);
	}
	for (uint32_t i = 0; i < tb->nobjs; i++) {
		struct obj_decl *o = tb->objs[i];
		struct handle_spec o_h = *h;
		o_h.set = o->name;
		o_h.set_loc = o->loc;
		b_emit_obj(ps, &o->loc, CMD_ADD, b_obj_kind(o->type), &o_h, o);
	}
	for (uint32_t i = 0; i < tb->nsets; i++) {
		struct set_decl *s = tb->sets[i];
		struct handle_spec s_h = *h;
		s_h.set = s->name;
		s_h.set_loc = s->loc;
		struct cmd *sc = b_cmd(ps, &s->loc, CMD_ADD, s->is_map ? OBJ_MAP : OBJ_SET, &s_h);
		sc->set = s;
		b_emit(ps, sc);
	}
	for (uint32_t i = 0; i < tb->nflowtables; i++) {
		struct flowtable_decl *f = tb->flowtables[i];
		struct handle_spec f_h = *h;
		f_h.set = f->name;
		f_h.set_loc = f->loc;
		b_emit_flowtable(ps, &f->loc, CMD_ADD, &f_h, f);
	}
	for (uint32_t i = 0; i < tb->nchains; i++) {
		tb->chains[i]->in_table_block = true;
		emit_rules(ps, op, h, tb->chains[i]);
	}
}

void b_emit_chain(struct pstate *ps, const struct loc *l, enum cmd_op op,
		  const struct handle_spec *h, struct chain_decl *ch)
{
	struct cmd *c = b_cmd(ps, l, op, OBJ_CHAIN, h);
	if (!ch) {
		ch = arena_alloc(ps->a, sizeof(*ch));
		ch->loc = h->chain_loc;
	}
	ch->name = h->chain;
	c->chain = chain_without_rules(ps, ch);
	b_emit(ps, c);
	emit_rules(ps, op, h, ch);
}

void b_emit_set(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		const struct handle_spec *h, struct set_decl *s)
{
	struct cmd *c = b_cmd(ps, l, op, obj, h);
	s->name = h->set;
	s->is_map = obj == OBJ_MAP;
	s->loc = *l;
	c->set = s;
	b_emit(ps, c);
}

/* ---------------------------------------------------------------- table blocks */

static void *grow_ptrs(struct pstate *ps, void *v, uint32_t n)
{
	/* capacity doubles at powers of two */
	if (n && (n & (n - 1)))
		return v;
	return arena_grow(ps->a, v, n, n ? n * 2 : 4, sizeof(void *));
}

struct tblock *b_tblock(struct pstate *ps, const struct loc *l)
{
	struct tblock *t = arena_alloc(ps->a, sizeof(*t));
	t->table = arena_alloc(ps->a, sizeof(*t->table));
	t->table->loc = *l;
	return t;
}

static const struct {
	const char *word;
	uint32_t flag;
} table_flags[] = {
	{ "dormant", NFT_TABLE_F_DORMANT },
	{ "owner", 0x2 },
	{ "persist", 0x4 },
};

struct tblock *b_tblock_flag(struct pstate *ps, struct tblock *t, const struct loc *l,
			     const char *flag)
{
	for (size_t i = 0; i < sizeof(table_flags) / sizeof(table_flags[0]); i++)
		if (!strcmp(table_flags[i].word, flag)) {
			t->table->flags |= table_flags[i].flag;
			t->has_flags = true;
			return t;
		}
	diag_error(ps->ctx->errs, l, "unknown table option %s", flag);
	return NULL;
}

struct tblock *b_tblock_comment(struct pstate *ps, struct tblock *t, const char *c)
{
	t->table->comment = c;
	return t;
}

struct tblock *b_tblock_chain(struct pstate *ps, struct tblock *t, const struct loc *l,
			      const char *name, struct chain_decl *c)
{
	c->name = name;
	c->loc = *l;
	t->chains = grow_ptrs(ps, t->chains, t->nchains);
	t->chains[t->nchains++] = c;
	return t;
}

struct tblock *b_tblock_set(struct pstate *ps, struct tblock *t, const struct loc *l,
			    const char *name, struct set_decl *s, bool is_map)
{
	s->name = name;
	s->loc = *l;
	s->is_map = is_map;
	t->sets = grow_ptrs(ps, t->sets, t->nsets);
	t->sets[t->nsets++] = s;
	return t;
}

/* ---------------------------------------------------------------- chain blocks */

struct chain_decl *b_chain(struct pstate *ps, const struct loc *l)
{
	struct chain_decl *c = arena_alloc(ps->a, sizeof(*c));
	c->loc = *l;
	return c;
}

struct chain_decl *b_chain_hook(struct pstate *ps, struct chain_decl *c, const struct loc *tl,
				const char *type, const struct loc *hl, const char *hook,
				struct expr *prio)
{
	c->type = type;
	c->type_loc = *tl;
	c->hook = hook;
	c->hook_loc = *hl;
	c->prio = prio;
	if (prio)
		c->prio_loc = prio->loc;
	return c;
}

struct chain_decl *b_chain_dev(struct pstate *ps, struct chain_decl *c, struct expr *dev)
{
	if (dev->kind != EXPR_SET) {
		expr_list_add(ps->a, &c->devices, dev);
		return c;
	}
	for (uint32_t i = 0; i < dev->list.n; i++) {
		struct expr *e = dev->list.v[i];
		expr_list_add(ps->a, &c->devices, e->kind == EXPR_SET_ELEM ? e->elem.key : e);
	}
	return c;
}

struct chain_decl *b_chain_policy(struct pstate *ps, struct chain_decl *c, struct expr *p)
{
	c->policy = p;
	return c;
}

struct chain_decl *b_chain_comment(struct pstate *ps, struct chain_decl *c, const char *s)
{
	c->comment = s;
	return c;
}

struct chain_decl *b_chain_rule(struct pstate *ps, struct chain_decl *c, struct rule *r)
{
	c->rules = grow_ptrs(ps, c->rules, c->nrules);
	c->rules[c->nrules++] = r;
	return c;
}

struct expr *b_prio(struct pstate *ps, const struct loc *l, const char *base, char sign,
		    const char *num)
{
	const char *s;
	if (!base)
		s = sign ? arena_printf(ps->a, "-%s", num) : num;
	else if (sign)
		s = arena_printf(ps->a, "%s %c %s", base, sign, num);
	else
		s = base;
	return expr_symbol(ps->a, l, s, false);
}

/* ---------------------------------------------------------------- set / map blocks */

struct set_decl *b_setd(struct pstate *ps, const struct loc *l)
{
	struct set_decl *s = arena_alloc(ps->a, sizeof(*s));
	s->loc = *l;
	return s;
}

struct expr *b_type(struct pstate *ps, const struct loc *l, const char *name)
{
	const struct datatype *dt = datatype_by_name(name);
	if (!dt) {
		diag_error(ps->ctx->errs, l, "unknown datatype %s", name);
		return NULL;
	}
	return expr_value(ps->a, l, dt, dt->byteorder, dt->size, NULL);
}

struct set_decl *b_setd_type(struct pstate *ps, struct set_decl *s, struct expr *key,
			     struct expr *data, bool typeof_)
{
	s->key = key;
	s->key_typeof = typeof_;
	s->data = data;
	s->data_typeof = typeof_ && data;
	/* `typeof … : ct helper|timeout|expectation`: a map to ct objects */
	if (typeof_ && data && ((data->kind == EXPR_SYMBOL && (data->flags & EXPR_F_PARSER_CTOBJ)) ||
				(data->kind == EXPR_CT && data->ct.key && data->ct.dir < 0 &&
				 !data->ct.nfproto && !strcmp(data->ct.key->name, "helper")))) {
		const char *w = data->kind == EXPR_CT ? "helper" : data->sym.str;
		const struct objtype *t = objtype_by_word(arena_printf(ps->a, "ct %s", w));
		if (t) {
			s->data = NULL;
			s->data_typeof = false;
			s->data_objtype = t->type;
			return s;
		}
	}
	/* `typeof … : verdict` names the verdict type, not an expression */
	if (data && data->kind == EXPR_SYMBOL && !strcmp(data->sym.str, "verdict")) {
		s->data = expr_value(ps->a, &data->loc, &dt_verdict, dt_verdict.byteorder,
				     dt_verdict.size, NULL);
		s->data_typeof = false;
	}
	return s;
}

struct expr *b_data_interval(struct pstate *ps, const struct loc *wl, const char *w,
			     struct expr *data)
{
	if (strcmp(w, "interval")) {
		diag_error(ps->ctx->errs, wl, "syntax error, unexpected string");
		return NULL;
	}
	data->flags |= EXPR_F_INTERVAL;
	return data;
}

struct set_decl *b_setd_objtype(struct pstate *ps, struct set_decl *s, struct expr *key,
				const struct loc *l, const char *obj)
{
	const struct objtype *t = objtype_by_word(obj);
	s->key = key;
	if (t)
		s->data_objtype = t->type;
	return s;
}

static const struct {
	const char *word;
	uint32_t flag;
} set_flags[] = {
	{ "constant", NFT_SET_CONSTANT }, { "interval", NFT_SET_INTERVAL },
	{ "timeout", NFT_SET_TIMEOUT }, { "dynamic", NFT_SET_EVAL },
};

static int set_flag(struct pstate *ps, struct set_decl *s, const struct expr *w)
{
	for (size_t i = 0; i < sizeof(set_flags) / sizeof(set_flags[0]); i++)
		if (!strcmp(set_flags[i].word, w->sym.str)) {
			s->flags |= set_flags[i].flag;
			return 0;
		}
	return diag_error(ps->ctx->errs, &w->loc, "syntax error, unexpected %s", w->sym.str);
}

struct set_decl *b_setd_flags(struct pstate *ps, struct set_decl *s, struct expr *flags)
{
	if (flags->kind == EXPR_SYMBOL)
		return set_flag(ps, s, flags) ? NULL : s;
	for (uint32_t i = 0; i < flags->list.n; i++)
		if (set_flag(ps, s, flags->list.v[i]))
			return NULL;
	return s;
}

struct set_decl *b_setd_time(struct pstate *ps, struct set_decl *s, const struct loc *l,
			     const char *t, bool gc)
{
	uint64_t ms;
	if (parse_time_ms(t, &ms)) {
		diag_error(ps->ctx->errs, l, "Wrong time format: %s", t);
		return NULL;
	}
	if (gc)
		s->gc_interval = ms;
	else
		s->timeout = ms;
	return s;
}

struct set_decl *b_setd_size(struct pstate *ps, struct set_decl *s, const struct loc *l,
			     const char *n)
{
	uint64_t v;
	if (!b_uint(ps, l, n, UINT32_MAX, &v))
		return NULL;
	s->size = (uint32_t)v;
	return s;
}

struct set_decl *b_setd_policy(struct pstate *ps, struct set_decl *s, const struct loc *l,
			       const char *p)
{
	if (!strcmp(p, "performance"))
		s->policy = NFT_SET_POL_PERFORMANCE;
	else if (!strcmp(p, "memory"))
		s->policy = NFT_SET_POL_MEMORY;
	else {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected string, expecting memory or performance");
		return NULL;
	}
	s->has_policy = true;
	return s;
}

struct set_decl *b_setd_elems(struct pstate *ps, struct set_decl *s, struct expr *elems)
{
	s->elems = elems;
	return s;
}

struct set_decl *b_setd_comment(struct pstate *ps, struct set_decl *s, const char *c)
{
	s->comment = c;
	return s;
}

struct set_decl *b_setd_stmt(struct pstate *ps, struct set_decl *s, struct stmt *st)
{
	if (!s->stmts)
		s->stmts = arena_alloc(ps->a, sizeof(*s->stmts));
	stmt_list_add(ps->a, s->stmts, st);
	return s;
}

struct set_decl *b_setd_automerge(struct pstate *ps, struct set_decl *s)
{
	s->auto_merge = true;
	return s;
}

struct tblock *b_tblock_obj(struct pstate *ps, struct tblock *t, const struct loc *l,
			    const char *name, struct obj_decl *o)
{
	o->name = name;
	o->loc = *l;
	t->objs = grow_ptrs(ps, t->objs, t->nobjs);
	t->objs[t->nobjs++] = o;
	return t;
}

struct tblock *b_tblock_flowtable(struct pstate *ps, struct tblock *t, const struct loc *l,
				  const char *name, struct flowtable_decl *f)
{
	f->name = name;
	f->loc = *l;
	t->flowtables = grow_ptrs(ps, t->flowtables, t->nflowtables);
	t->flowtables[t->nflowtables++] = f;
	return t;
}

char *b_var_name(struct pstate *ps, const struct loc *l, const char *name)
{
	struct expr *e = b_var(ps, l, name);
	if (!e)
		return NULL;
	if (e->kind != EXPR_SYMBOL) {
		diag_error(ps->ctx->errs, l, "invalid name: $%s is not a plain word", name);
		return NULL;
	}
	return (char *)e->sym.str;
}

bool b_name_ok(struct pstate *ps, const struct loc *l, const char *name)
{
	if (strlen(name) <= NFT_NAME_MAXLEN)
		return true;
	diag_error(ps->ctx->errs, l, "name too long, %d characters maximum allowed",
		   NFT_NAME_MAXLEN);
	return false;
}
