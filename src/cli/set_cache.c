/* Eval's view of what already exists: sets declared earlier in the same batch
 * (remembered as they are lowered) and sets, chains and rules in the kernel
 * (fetched on demand, only the one object asked for). */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "rule_order.h"
#include "../eval/eval_set_decl.h"
#include "../eval/udata.h"
#include "../lift/lift.h"

void run_remember_set(struct run *r, struct known_set *ks)
{
	if (r->nsets == r->sets_cap) {
		r->sets_cap = r->sets_cap ? r->sets_cap * 2 : 16;
		r->sets = xrealloc(r->sets, r->sets_cap * sizeof(*r->sets));
	}
	r->sets[r->nsets++] = ks;
}

static const struct known_set *find_set(void *priv, uint32_t family, const char *table,
					const char *name)
{
	struct run *r = priv;
	for (uint32_t i = r->nsets; i-- > 0;) {
		const struct known_set *ks = r->sets[i];
		if (ks->family == family && !strcmp(ks->table, table) && !strcmp(ks->name, name))
			return ks;
	}
	if (cli_socket(r->cli) < 0)
		return NULL;
	struct nl_set *sets = NULL;
	int n = nl_dump_sets(&r->cli->sock, &r->arena, family, table, name, &sets);
	/* What is cached outlives the command being evaluated, whose scratch arena
	 * eval is using now: the templates are built in the run's arena. */
	struct eval_ctx ec = r->ec;
	ec.arena = &r->arena;
	for (int i = 0; i < n; i++) {
		if (strcmp(sets[i].name, name))
			continue;
		struct known_set *ks = arena_alloc(&r->arena, sizeof(*ks));
		ks->family = family;
		ks->table = arena_strdup(&r->arena, table);
		ks->name = arena_strdup(&r->arena, name);
		ks->flags = sets[i].flags;
		ks->key_type = sets[i].key_type;
		ks->key_len = sets[i].key_len;
		ks->data_type = sets[i].data_type;
		ks->data_len = sets[i].data_len;
		ks->auto_merge = set_udata_auto_merge(sets[i].udata, sets[i].udata_len);
		set_stmt_kinds(sets[i].exprs, ks->stmt_kinds, &ks->nstmt_kinds);
		/* a typeof key knows a field's byte order and width (frag frag-off,
		 * ip version), which elements added now are written by */
		ks->key_expr = lift_set_typeof_template(&r->arena, &sets[i], false);
		if (!ks->key_expr)
			ks->key_expr = set_template_from_type(&ec, ks->key_type, ks->key_len);
		if (ks->flags & NFT_SET_MAP) {
			ks->data_expr = lift_set_typeof_template(&r->arena, &sets[i], true);
			if (!ks->data_expr)
				ks->data_expr = set_template_from_type(&ec, ks->data_type,
								       ks->data_len);
		}
		run_remember_set(r, ks);
		return ks;
	}
	return NULL;
}

static uint64_t chain_handle(void *priv, uint32_t family, const char *table, const char *chain)
{
	struct run *r = priv;
	struct nl_chain *chains = NULL;
	if (cli_socket(r->cli) < 0)
		return 0;
	int n = nl_dump_chains(&r->cli->sock, &r->arena, family, table, chain, &chains);
	for (int i = 0; i < n; i++)
		if (!strcmp(chains[i].name, chain))
			return chains[i].handle;
	return 0;
}

static bool rule_at(void *priv, uint32_t family, const char *table, const char *chain,
		    uint32_t index, uint64_t *handle, uint32_t *id)
{
	struct run *r = priv;
	struct nl_rule *rules = NULL;
	if (cli_socket(r->cli) < 0)
		return false;
	int n = nl_dump_rules(&r->cli->sock, &r->arena, family, table, chain, &rules);
	struct rule_ref ref;
	if (!rule_order_at(r, family, table, chain, index, rules, n > 0 ? n : 0, &ref))
		return false;
	*handle = ref.handle;
	*id = ref.id;
	return true;
}

static bool table_exists(void *priv, uint32_t family, const char *table)
{
	struct run *r = priv;
	struct nl_table *tables = NULL;
	if (cli_socket(r->cli) < 0)
		return true;             /* unknown: the set takes the blame */
	int n = nl_dump_tables(&r->cli->sock, &r->arena, family, table, &tables);
	return n != 0 && n != -ENOENT;
}

static void make_dynamic(void *priv, struct known_set *k)
{
	struct run *r = priv;
	if (!r->batch || !k->batch_msg)
		return;
	/* a declaration of a set the kernel has already changes nothing there: nft
	 * repairs only the set it creates */
	if (cli_socket(r->cli) >= 0) {
		struct nl_set *sets = NULL;
		int n = nl_dump_sets(&r->cli->sock, &r->arena, k->family, k->table, k->name,
				     &sets);
		for (int i = 0; i < n; i++)
			if (!strcmp(sets[i].name, k->name))
				return;
	}
	if (nl_batch_set_flags_or(r->batch, k->batch_msg, NFT_SET_EVAL))
		k->flags |= NFT_SET_EVAL;
}

/* Whether a command of the batch before the current one empties or removes the set,
 * or changes its elements: what the kernel holds is then not what the command will
 * meet (`flush set` and an add in one file; an add, then a delete of the same range),
 * and the kernel is left to judge. */
static bool touched_earlier(const struct run *r, const struct known_set *k)
{
	for (uint32_t i = 0; r->batch_cmds && i < r->batch_at && i < r->batch_cmds->n; i++) {
		const struct cmd *c = r->batch_cmds->v[i];
		if (c->obj == OBJ_ELEMENT && c->h.family == k->family && c->h.table &&
		    !strcmp(c->h.table, k->table) && c->h.set && !strcmp(c->h.set, k->name))
			return true;
		if (c->op != CMD_FLUSH && c->op != CMD_DELETE && c->op != CMD_DESTROY)
			continue;
		if (c->obj == OBJ_RULESET && (!c->family_given || c->h.family == k->family))
			return true;
		if (c->h.family != k->family || !c->h.table || strcmp(c->h.table, k->table))
			continue;
		if (c->obj == OBJ_TABLE)
			return true;
		if ((c->obj == OBJ_SET || c->obj == OBJ_MAP) && c->h.set &&
		    !strcmp(c->h.set, k->name))
			return true;
	}
	return false;
}

static const struct nl_set *kernel_elems(void *priv, const struct known_set *k)
{
	struct run *r = priv;
	if (touched_earlier(r, k) || cli_socket(r->cli) < 0)
		return NULL;
	struct nl_set *s = arena_alloc(&r->arena, sizeof(*s));
	s->family = k->family;
	s->table = k->table;
	s->name = k->name;
	s->flags = k->flags;
	s->key_type = k->key_type;
	s->key_len = k->key_len;
	return nl_dump_elems(&r->cli->sock, &r->arena, s) < 0 ? NULL : s;
}

/* A meter's set, declared by its rule: known to the rest of the batch by its types
 * (what the rule was lowered in goes away with it; this lives in the run's arena). */
static void rule_declared_set(void *priv, const struct nl_set *s)
{
	struct run *r = priv;
	struct eval_ctx ec = r->ec;
	ec.arena = &r->arena;
	struct known_set *ks = arena_alloc(&r->arena, sizeof(*ks));
	ks->family = s->family;
	ks->table = arena_strdup(&r->arena, s->table);
	ks->name = arena_strdup(&r->arena, s->name);
	ks->flags = s->flags;
	ks->key_type = s->key_type;
	ks->key_len = s->key_len;
	ks->key_expr = set_template_from_type(&ec, ks->key_type, ks->key_len);
	run_remember_set(r, ks);
}

const struct eval_cache_ops run_set_cache_ops = {
	.find_set = find_set,
	.chain_handle = chain_handle,
	.rule_at = rule_at,
	.table_exists = table_exists,
	.make_dynamic = make_dynamic,
	.kernel_elems = kernel_elems,
	.rule_declared_set = rule_declared_set,
};
