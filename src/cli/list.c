/* `list …`: fetch from the kernel only what the command shows, lift each rule back
 * into the AST, and print it through the listing printer. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "../vm/lift.h"
#include "../ast/print.h"
#include "../ast/print_obj.h"
#include "../eval/eval_obj.h"

/* What one list command fetched, grouped per table. */
struct listing {
	struct run *r;
	struct nl_table *tables;
	int ntables;
	struct nl_chain *chains;
	int nchains;
	struct nl_set *sets;
	int nsets;
	struct nl_raw_rules rules;   /* as dumped; decoded one by one while printed */
	struct nl_obj *objs;
	int nobjs;
	struct nl_flowtable *flowtables;
	int nflowtables;
	bool *elems_loaded;      /* per set */
	uint32_t cur_family;     /* for the lift callback */
};

static int fetch_elems(struct listing *l, int i)
{
	if (l->elems_loaded[i])
		return 0;
	l->elems_loaded[i] = true;
	int rc = nl_dump_elems(&l->r->cli->sock, &l->r->arena, &l->sets[i]);
	return rc < 0 ? rc : 0;
}

static const struct nl_set *lift_find_set(void *priv, const char *table, const char *name)
{
	struct listing *l = priv;
	for (int i = 0; i < l->nsets; i++) {
		struct nl_set *s = &l->sets[i];
		if (s->family == l->cur_family && !strcmp(s->table, table) && !strcmp(s->name, name)) {
			fetch_elems(l, i);
			return s;
		}
	}
	return NULL;
}

static const struct lift_sets_ops lift_sets = { .find = lift_find_set };

static int kernel_error(struct run *r, const struct loc *loc, int err)
{
	return diag_error(&r->errs, loc, "%s", strerror(err));
}

enum what {
	SHOW_RULES = 1, SHOW_SETS = 2, SHOW_ELEMS = 4, SHOW_CHAINS = 8,
	SHOW_OBJS = 16, SHOW_FLOWTABLES = 32,
	ONLY_OBJS = 64,          /* `list counters`, `list flowtable …`: nothing else, packed */
};

/* The named objects and flowtables of table `t` into `lt`. */
static void collect_objs(struct listing *l, const struct nl_table *t, struct listed_table *lt)
{
	struct nl_obj *objs = arena_alloc(&l->r->arena, sizeof(*objs) * (size_t)(l->nobjs + 1));
	struct nl_flowtable *fts =
		arena_alloc(&l->r->arena, sizeof(*fts) * (size_t)(l->nflowtables + 1));
	for (int i = 0; i < l->nobjs; i++)
		if (l->objs[i].family == t->family && l->objs[i].table &&
		    !strcmp(l->objs[i].table, t->name))
			objs[lt->nobjs++] = l->objs[i];
	for (int i = 0; i < l->nflowtables; i++)
		if (l->flowtables[i].family == t->family && l->flowtables[i].table &&
		    !strcmp(l->flowtables[i].table, t->name))
			fts[lt->nflowtables++] = l->flowtables[i];
	lt->objs = objs;
	lt->flowtables = fts;
}

/* `list counters` and friends: the table line and the objects of type `objtype`
 * (0: flowtables), no blank lines. nft shows every table that holds some object (of
 * any type) for object listings, and every table for `list flowtables`. */
static void print_objs_only(struct listing *l, const struct nl_table *t, uint32_t objtype)
{
	struct listed_table lt = { .table = t };
	const struct print_opts *po = &l->r->cli->o.po;
	collect_objs(l, t, &lt);
	if (objtype && !lt.nobjs)
		return;
	wr_printf(l->r->out, "table %s %s {\n", family_name(t->family), t->name);
	for (uint32_t i = 0; i < lt.nobjs; i++)
		if (lt.objs[i].type == objtype)
			print_obj(&lt.objs[i], po, l->r->out);
	for (uint32_t i = 0; i < lt.nflowtables; i++)
		print_flowtable(&lt.flowtables[i], po, l->r->out);
	wr_puts(l->r->out, "}\n");
}

/* A named set's elements, lifted for the printer a chunk at a time in a scratch arena
 * emptied before each chunk: a set of a million elements is never a million AST nodes. */
#define ELEMS_PER_CHUNK 512

struct elems_feed {
	struct lift_ctx lc;              /* .arena: the scratch */
	struct arena scratch;
	struct lift_elems_iter it;
};

static struct expr *feed_next(void *priv)
{
	struct elems_feed *f = priv;
	arena_reset(&f->scratch);
	return lift_elems_next(&f->lc, &f->it, ELEMS_PER_CHUNK);
}

/* A chain's rules, decoded and lifted one at a time in a scratch arena emptied before
 * each: what a listing of many rules holds is their raw bytes. */
struct rules_feed {
	struct lift_ctx lc;              /* .arena: the scratch */
	struct arena scratch;
	const struct nl_raw_rules *raw;
	uint32_t *idx, n, pos;
	struct run *r;
};

static const struct rule *rule_next(void *priv)
{
	struct rules_feed *f = priv;
	arena_reset(&f->scratch);
	while (f->pos < f->n) {
		struct nl_rule nr;
		memset(&nr, 0, sizeof(nr));
		if (nl_raw_rule_decode(&f->scratch, f->raw, f->idx[f->pos++], &nr) < 0) {
			diag_error(&f->r->errs, NULL, "malformed rule in the kernel's reply");
			continue;
		}
		struct rule *ru = arena_alloc(&f->scratch, sizeof(*ru));
		lift_rule(&f->lc, &nr, ru);
		return ru;
	}
	return NULL;
}

static bool is_anon(const struct nl_set *s)
{
	return s->flags & NFT_SET_ANONYMOUS;
}

static void print_one_table(struct listing *l, const struct nl_table *t, unsigned what,
			    const char *only_chain, const char *only_set, bool want_maps,
			    bool want_sets)
{
	struct run *r = l->r;
	const struct print_opts *po = &r->cli->o.po;
	struct listed_table lt = { .table = t };
	struct lift_ctx lc = {
		.arena = &r->arena, .family = t->family, .sets = &lift_sets, .sets_priv = l,
	};
	l->cur_family = t->family;
	if (what & (SHOW_OBJS | SHOW_FLOWTABLES))
		collect_objs(l, t, &lt);

	lt.sets = arena_alloc(&r->arena, sizeof(*lt.sets) * (size_t)(l->nsets + 1));
	if (what & SHOW_SETS) {
		for (int i = 0; i < l->nsets; i++) {
			struct nl_set *s = &l->sets[i];
			if (s->family != t->family || strcmp(s->table, t->name) || is_anon(s))
				continue;
			if (only_set && strcmp(s->name, only_set))
				continue;
			bool is_map = s->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
			if ((is_map && !want_maps) || (!is_map && !want_sets))
				continue;
			struct listed_set *ls = &lt.sets[lt.nsets++];
			ls->set = s;
			if ((what & SHOW_ELEMS) && !po->terse) {
				fetch_elems(l, i);
				struct elems_feed *f = arena_alloc(&r->arena, sizeof(*f));
				f->lc = lc;
				lift_set_elems_begin(&lc, s, &f->it);
				arena_init(&f->scratch, 64 * 1024);
				f->lc.arena = &f->scratch;
				ls->next_elems = feed_next;
				ls->elems_priv = f;
			}
		}
	}
	lt.chains = arena_alloc(&r->arena, sizeof(*lt.chains) * (size_t)(l->nchains + 1));
	if (what & SHOW_CHAINS) {
		for (int i = 0; i < l->nchains; i++) {
			struct nl_chain *c = &l->chains[i];
			if (c->family != t->family || strcmp(c->table, t->name))
				continue;
			if (only_chain && strcmp(c->name, only_chain))
				continue;
			struct listed_chain *lc2 = &lt.chains[lt.nchains++];
			lc2->chain = c;
			if (!(what & SHOW_RULES))
				continue;
			const struct nl_raw_rules *raw = &l->rules;
			struct rules_feed *f = arena_alloc(&r->arena, sizeof(*f));
			f->idx = arena_alloc(&r->arena, sizeof(*f->idx) * (raw->n + 1));
			for (uint32_t k = 0; k < raw->n; k++)
				if (raw->v[k].family == t->family &&
				    !strcmp(nl_raw_rule_table(raw, k), t->name) &&
				    !strcmp(nl_raw_rule_chain(raw, k), c->name))
					f->idx[f->n++] = k;
			f->lc = lc;
			arena_init(&f->scratch, 64 * 1024);
			f->lc.arena = &f->scratch;
			f->raw = raw;
			f->r = r;
			lc2->next_rule = rule_next;
			lc2->rules_priv = f;
		}
	}
	print_table(&lt, po, r->out);
	for (uint32_t i = 0; i < lt.nsets; i++)
		if (lt.sets[i].next_elems)
			arena_free(&((struct elems_feed *)lt.sets[i].elems_priv)->scratch);
	for (uint32_t i = 0; i < lt.nchains; i++)
		if (lt.chains[i].next_rule)
			arena_free(&((struct rules_feed *)lt.chains[i].rules_priv)->scratch);
}

int run_list(struct run *r, struct cmd *cmd)
{
	struct listing l = { .r = r };
	const struct handle_spec *h = &cmd->h;
	uint32_t family = cmd->family_given ? h->family : 0;
	const char *table = NULL, *chain = NULL, *set = NULL;
	unsigned what = 0;
	bool want_sets = true, want_maps = true;
	uint32_t objtype = eval_obj_type_of_cmd(cmd->obj);
	const char *objname = NULL;

	switch (cmd->obj) {
	case OBJ_RULESET:
		what = SHOW_RULES | SHOW_SETS | SHOW_ELEMS | SHOW_CHAINS | SHOW_OBJS |
		       SHOW_FLOWTABLES;
		break;
	case OBJ_TABLES:
		break;
	case OBJ_TABLE:
		family = h->family;
		table = h->table;
		what = SHOW_RULES | SHOW_SETS | SHOW_ELEMS | SHOW_CHAINS | SHOW_OBJS |
		       SHOW_FLOWTABLES;
		break;
	case OBJ_CHAIN:
		family = h->family;
		table = h->table;
		chain = h->chain;
		what = SHOW_RULES | SHOW_CHAINS;
		break;
	case OBJ_CHAINS:
		if (h->table)
			table = h->table;
		what = SHOW_CHAINS;
		break;
	case OBJ_SET:
	case OBJ_MAP:
		family = h->family;
		table = h->table;
		set = h->set;
		what = SHOW_SETS | SHOW_ELEMS;
		break;
	case OBJ_SETS:
		what = SHOW_SETS;
		want_maps = false;
		table = h->table;
		break;
	case OBJ_MAPS:
		what = SHOW_SETS;
		want_sets = false;
		table = h->table;
		break;
	case OBJ_FLOWTABLES:
		table = h->table;
		what = SHOW_FLOWTABLES | ONLY_OBJS;
		break;
	case OBJ_FLOWTABLE:
		table = h->table;
		objname = h->set;
		if (objname)
			family = h->family;
		what = SHOW_FLOWTABLES | ONLY_OBJS;
		break;
	default:
		if (!objtype)
			return diag_error(&r->errs, &cmd->loc,
					  "this list command is not supported yet");
		table = h->table;
		objname = h->set;
		if (objname)
			family = h->family;
		what = SHOW_OBJS | ONLY_OBJS;
		break;
	}

	int rc = cli_socket(r->cli);
	if (rc < 0)
		return diag_error(&r->errs, &cmd->loc, "cannot open netlink socket: %s", strerror(-rc));
	struct nl_sock *s = &r->cli->sock;

	l.ntables = nl_dump_tables(s, &r->arena, family, table, &l.tables);
	if (l.ntables < 0)
		return kernel_error(r, table ? &h->table_loc : &cmd->loc, -l.ntables);
	if (table && l.ntables == 0)
		return kernel_error(r, &h->table_loc, ENOENT);

	if (cmd->obj == OBJ_TABLES) {
		for (int i = 0; i < l.ntables; i++)
			wr_printf(r->out, "table %s %s\n", family_name(l.tables[i].family),
				  l.tables[i].name);
		return 0;
	}
	if (what & SHOW_CHAINS) {
		l.nchains = nl_dump_chains(s, &r->arena, family, table, chain, &l.chains);
		if (l.nchains < 0)
			return kernel_error(r, &cmd->loc, -l.nchains);
		if (chain && l.nchains == 0)
			return kernel_error(r, &h->chain_loc, ENOENT);
	}
	/* rules need the table's sets too: anonymous ones hold their lookups' elements */
	if (what & (SHOW_SETS | SHOW_RULES)) {
		l.nsets = nl_dump_sets(s, &r->arena, family, table,
				       (what & SHOW_RULES) ? NULL : set, &l.sets);
		if (l.nsets < 0)
			return kernel_error(r, &cmd->loc, -l.nsets);
		if (set && cmd->obj != OBJ_RULESET) {
			bool found = false;
			for (int i = 0; i < l.nsets; i++)
				found |= !strcmp(l.sets[i].name, set);
			if (!found)
				return kernel_error(r, &h->set_loc, ENOENT);
		}
		l.elems_loaded = arena_alloc(&r->arena, sizeof(bool) * (size_t)(l.nsets + 1));
	}
	if (what & SHOW_OBJS) {
		/* a plain listing fetches every type: tables with other objects show too */
		bool all_types = cmd->op != CMD_RESET && !objname && (what & ONLY_OBJS);
		l.nobjs = (cmd->op == CMD_RESET ? nl_dump_objs_reset : nl_dump_objs)(
			s, &r->arena, family, table, objname, all_types ? 0 : objtype, &l.objs);
		if (l.nobjs == -ENOENT && objname)
			return kernel_error(r, &h->set_loc, ENOENT);
		if (l.nobjs < 0)
			return kernel_error(r, &cmd->loc, -l.nobjs);
		if (objname && l.nobjs == 0)
			return kernel_error(r, &h->set_loc, ENOENT);
	}
	if (what & SHOW_FLOWTABLES) {
		l.nflowtables = nl_dump_flowtables(s, &r->arena, family, table, &l.flowtables);
		if (l.nflowtables == -EOPNOTSUPP || l.nflowtables == -ENOENT)
			l.nflowtables = 0;      /* kernels without flowtable support */
		if (l.nflowtables < 0)
			return kernel_error(r, &cmd->loc, -l.nflowtables);
		if (objname) {
			int k = 0;
			for (int i = 0; i < l.nflowtables; i++)
				if (!strcmp(l.flowtables[i].name, objname))
					l.flowtables[k++] = l.flowtables[i];
			l.nflowtables = k;
			if (!k)
				return kernel_error(r, &h->set_loc, ENOENT);
		}
	}
	if (what & SHOW_RULES) {
		int n = nl_dump_rules_raw(s, &r->arena, family, table, chain, &l.rules);
		if (n < 0) {
			nl_raw_rules_free(&l.rules);
			return kernel_error(r, &cmd->loc, -n);
		}
	}
	for (int i = 0; i < l.ntables; i++) {
		if (what & ONLY_OBJS) {
			print_objs_only(&l, &l.tables[i], objtype);
			continue;
		}
		if (cmd->obj == OBJ_SETS || cmd->obj == OBJ_MAPS || cmd->obj == OBJ_CHAINS) {
			/* nft prints only tables that hold something of that kind */
			bool has = false;
			for (int k = 0; k < l.nsets && !has && (what & SHOW_SETS); k++)
				has = l.sets[k].family == l.tables[i].family &&
				      !strcmp(l.sets[k].table, l.tables[i].name) && !is_anon(&l.sets[k]) &&
				      (((l.sets[k].flags & (NFT_SET_MAP | NFT_SET_OBJECT)) && want_maps) ||
				       (!(l.sets[k].flags & (NFT_SET_MAP | NFT_SET_OBJECT)) && want_sets));
			for (int k = 0; k < l.nchains && !has; k++)
				has = l.chains[k].family == l.tables[i].family &&
				      !strcmp(l.chains[k].table, l.tables[i].name);
			if (!has)
				continue;
		}
		print_one_table(&l, &l.tables[i], what, chain, set, want_maps, want_sets);
	}
	nl_raw_rules_free(&l.rules);
	return 0;
}
