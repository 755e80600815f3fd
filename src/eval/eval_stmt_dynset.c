/* `add @set { key }`, `update @set { key timeout T counter }`, `delete @set { key }`
 * and `add @map { key : data }` → dynset. The key is loaded into registers, map data
 * evaluated against the map's data type (from the batch/kernel cache), per-element
 * statements become the dynset's nested expressions. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netlink.h>
#include "eval_stmt.h"
#include "lower_expr.h"     /* eval_lower_value_tmpl: concatenated map data */
#include "eval_set_decl.h"

/* `meter NAME [size N] { key … }`: the rule declares its set, as nft does: a named set
 * typed by the (evaluated) key, flags dynamic (and timeout when the key has one), its
 * userdata the key's byte order alone; it goes into the batch before the rule. */
static int meter_set(struct rule_ctx *rc, struct stmt *s, struct expr *key)
{
	struct eval_ctx *ec = rc->ec;
	struct set_decl *d = arena_alloc(ec->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->loc = s->loc;
	d->name = s->dyn.set->setref.name;
	d->key = key;
	d->key_typeof = true;
	d->meter = true;
	d->flags = NFT_SET_EVAL | (s->dyn.timeout ? NFT_SET_TIMEOUT : 0);
	d->size = s->dyn.meter_size ? s->dyn.meter_size : 65535;   /* nft's default */
	struct handle_spec h = { .family = rc->family, .table = rc->table };
	struct nl_set *ns = arena_alloc(ec->arena, sizeof(*ns));
	memset(ns, 0, sizeof(*ns));
	struct expr *kt, *dt;
	if (eval_set_decl(ec, &h, d, ns, &kt, &dt) < 0)
		return -1;
	lowered_append(ec->arena, rc->out, LOWERED_SET, NFT_MSG_NEWSET, NLM_F_CREATE)->set = ns;
	/* later rules of the batch may look it up (`ip saddr @m`) */
	if (ec->cache && ec->cache->rule_declared_set)
		ec->cache->rule_declared_set(ec->cache_priv, ns);
	return 0;
}

static int dynset_stmts(struct rule_ctx *rc, struct stmt *s, struct vm_expr *e)
{
	struct stmt_list *l = s->dyn.stmts;
	if (!l || l->n == 0)
		return 0;
	struct vm_exprs *nested = arena_alloc(rc->ec->arena, sizeof(*nested));
	/* evaluate each statement into a scratch rule, then move its expressions */
	for (uint32_t i = 0; i < l->n; i++) {
		struct stmt *st = l->v[i];
		if (st->kind != STMT_COUNTER && st->kind != STMT_QUOTA && st->kind != STMT_LIMIT &&
		    st->kind != STMT_LAST && st->kind != STMT_CONNLIMIT)
			return diag_error(rc->ec->errs, &st->loc,
					  "stateful statement expected");
		uint32_t mark = rc->rule->prog.exprs.n;
		if (eval_lower_stmt(rc, st) < 0)
			return -1;
		struct vm_exprs *p = &rc->rule->prog.exprs;
		for (uint32_t j = mark; j < p->n; j++) {
			struct vm_expr *c = vm_exprs_add(rc->ec->arena, nested, p->v[j].kind);
			*c = p->v[j];
		}
		p->n = mark;
	}
	if (nested->n == 1)
		e->a[NFTA_DYNSET_EXPR].exprs = nested, e->present |= 1u << NFTA_DYNSET_EXPR;
	else {
		/* the kernel reads a list only when the flag says one is there */
		e->a[NFTA_DYNSET_EXPRESSIONS].exprs = nested;
		e->present |= 1u << NFTA_DYNSET_EXPRESSIONS;
		vm_set_u(e, NFTA_DYNSET_FLAGS, NFT_DYNSET_F_EXPR);
	}
	return 0;
}

int eval_stmt_dynset(struct rule_ctx *rc, struct stmt *s)
{
	struct eval_ctx *ec = rc->ec;
	struct expr *setref = s->dyn.set;
	if (!setref || setref->kind != EXPR_SET_REF || !setref->setref.name)
		return diag_error(ec->errs, &s->loc, "set reference expected");
	const struct known_set *k = NULL;
	if (s->dyn.meter)
		;                     /* its set is declared here, below */
	else if (ec->cache && ec->cache->find_set)
		k = ec->cache->find_set(ec->cache_priv, rc->family, rc->table, setref->setref.name);
	if (!k && !s->dyn.meter)
		return diag_error(ec->errs, &setref->loc, "No such file or directory");
	bool is_map = k && (k->flags & NFT_SET_MAP) != 0;
	/* a plain set the packet path adds to must be dynamic: one declared in this batch
	 * without the flag gets it (nft does so; a map is left as declared) */
	if (k && !is_map && k->decl && !(k->flags & NFT_SET_EVAL) && ec->cache->make_dynamic)
		ec->cache->make_dynamic(ec->cache_priv, (struct known_set *)k);
	if (s->kind == STMT_MAP && !is_map)
		return diag_error(ec->errs, &setref->loc, "%s is not a map", setref->setref.name);
	if (s->kind == STMT_SET && is_map && !s->dyn.data)
		return diag_error(ec->errs, &setref->loc, "%s is a map, data is missing",
				  setref->setref.name);

	if (!s->dyn.key)
		return diag_error(ec->errs, &s->loc, "missing key");
	/* constants in the key (`add @s { ip saddr . 22 }`) take the set's key types */
	if (eval_key(rc, &s->dyn.key, !k ? NULL : k->key_expr ? k->key_expr
				: set_template_from_type(ec, k->key_type, k->key_len)) < 0)
		return -1;
	struct expr *key = s->dyn.key;
	if (s->dyn.meter && meter_set(rc, s, key) < 0)
		return -1;
	int kreg = lower_load(rc, key);
	if (kreg < 0)
		return -1;
	int dreg = -1;
	if (s->dyn.data && k) {
		const struct expr *dt = k->data_expr;
		if (!dt)
			return diag_error(ec->errs, &s->dyn.data->loc, "unknown map data type");
		if (dt->kind == EXPR_CONCAT)
			dreg = eval_lower_value_tmpl(rc, s->dyn.data, dt);
		else
			dreg = eval_lower_value(rc, s->dyn.data, dt->dtype, dt->len, dt->byteorder);
		if (dreg < 0)
			return -1;
	}
	struct vm_expr *e = stmt_emit(rc, VM_DYNSET);
	vm_set_str(e, NFTA_DYNSET_SET_NAME, setref->setref.name);
	vm_set_u(e, NFTA_DYNSET_OP, s->dyn.op);
	vm_set_u(e, NFTA_DYNSET_SREG_KEY, (uint64_t)kreg);
	stmt_set_reg(e, NFTA_DYNSET_SREG_DATA, dreg);
	if (s->dyn.timeout)
		vm_set_u(e, NFTA_DYNSET_TIMEOUT, s->dyn.timeout);
	return dynset_stmts(rc, s, e);
}
