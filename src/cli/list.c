/* `list …`: fetch from the kernel only what the command shows, lift each rule back
 * into the AST, and print it through the listing printer.
 *
 * A listing is a snapshot: everything it prints (tables, chains, sets and their
 * elements, rules, objects) is fetched before anything is printed, between two reads
 * of the ruleset's generation id; if a commit moved it, the fetch starts over (a
 * bounded number of times, then a clear error). Each dump also retries itself when the
 * kernel flags it interrupted (NLM_F_DUMP_INTR) or repeats elements (dump.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "args.h"
#include "../lift/lift.h"
#include "../ast/print.h"
#include "../ast/print_obj.h"
#include "../ast/json_print.h"
#include "../eval/eval_obj.h"
#include "../types/udata_attrs.h"
#include "../util/tlv.h"

/* What one list command fetched, grouped per table. */
struct listing {
	struct run *r;
	struct arena *a;             /* what one attempt fetched; emptied for the next */
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
	uint32_t bound_depth;    /* chains bound inside chains bound … being lifted */
	bool only_dynamic;       /* `list meters`: the sets rules add to (NFT_SET_EVAL) */
	enum cmd_obj cmd_obj;    /* what the list command names */
	struct json_out *jo;     /* -j: the listing goes here, as JSON */
	bool jo_table_too;       /* -j: the table object precedes its contents */
};

static int fetch_elems(struct listing *l, int i, bool reset)
{
	if (l->elems_loaded[i])
		return 0;
	l->elems_loaded[i] = true;
	int rc = (reset ? nl_dump_elems_reset : nl_dump_elems)(&l->r->cli->sock, l->a,
								&l->sets[i]);
	return rc < 0 ? rc : 0;
}

static const struct nl_set *lift_find_set(void *priv, const char *table, const char *name)
{
	struct listing *l = priv;
	for (int i = 0; i < l->nsets; i++) {
		struct nl_set *s = &l->sets[i];
		/* lift reads an anonymous set's elements (fetched with the snapshot); a
		 * named one is shown by name */
		if (s->family == l->cur_family && !strcmp(s->table, table) && !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

/* A kernel never binds a chain inside itself, but its reply is not trusted: a bound
 * chain is lifted inline at most this deep. */
#define BOUND_DEPTH_MAX 16

/* The rules of a chain bound to a verdict, lifted into the arena of the rule that
 * jumps to it (they print inline: `jump { … }`). */
static struct chain_decl *lift_bound_chain(void *priv, struct lift_ctx *lc, const char *table,
					   const char *name)
{
	struct listing *l = priv;
	const struct nl_chain *c = NULL;
	for (int i = 0; i < l->nchains && !c; i++)
		if (l->chains[i].family == l->cur_family && (l->chains[i].flags & NFT_CHAIN_BINDING) &&
		    !strcmp(l->chains[i].table, table) && !strcmp(l->chains[i].name, name))
			c = &l->chains[i];
	if (!c || l->bound_depth >= BOUND_DEPTH_MAX)
		return NULL;
	const struct nl_raw_rules *raw = &l->rules;
	struct chain_decl *d = arena_alloc(lc->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = c->name;
	d->rules = arena_alloc(lc->arena, sizeof(*d->rules) * (raw->n + 1));
	l->bound_depth++;
	for (uint32_t k = 0; k < raw->n; k++) {
		if (raw->v[k].family != c->family || strcmp(nl_raw_rule_table(raw, k), table) ||
		    strcmp(nl_raw_rule_chain(raw, k), name))
			continue;
		struct nl_rule nr;
		memset(&nr, 0, sizeof(nr));
		if (nl_raw_rule_decode(lc->arena, raw, k, &nr) < 0)
			continue;
		struct rule *ru = arena_alloc(lc->arena, sizeof(*ru));
		lift_rule(lc, &nr, ru);
		d->rules[d->nrules++] = ru;
	}
	l->bound_depth--;
	return d;
}

static const struct lift_sets_ops lift_sets = { .find = lift_find_set,
						.bound_chain = lift_bound_chain };

static int kernel_error(struct run *r, const struct loc *loc, int err)
{
	return diag_error(&r->errs, loc, "%s", strerror(err));
}

enum what {
	SHOW_RULES = 1, SHOW_SETS = 2, SHOW_ELEMS = 4, SHOW_CHAINS = 8,
	SHOW_OBJS = 16, SHOW_FLOWTABLES = 32,
	ONLY_OBJS = 64,          /* `list counters`, `list flowtable …`: nothing else, packed */
};

/* The named objects and flowtables of table `t` into `lt`, lifted. */
static void collect_objs(struct listing *l, const struct nl_table *t, struct listed_table *lt)
{
	struct obj_decl **objs = arena_alloc(l->a, sizeof(*objs) * (size_t)(l->nobjs + 1));
	struct flowtable_decl **fts =
		arena_alloc(l->a, sizeof(*fts) * (size_t)(l->nflowtables + 1));
	for (int i = 0; i < l->nobjs; i++)
		if (l->objs[i].family == t->family && l->objs[i].table &&
		    !strcmp(l->objs[i].table, t->name))
			objs[lt->nobjs++] = lift_obj(l->a, &l->objs[i]);
	for (int i = 0; i < l->nflowtables; i++)
		if (l->flowtables[i].family == t->family && l->flowtables[i].table &&
		    !strcmp(l->flowtables[i].table, t->name))
			fts[lt->nflowtables++] = lift_flowtable(l->a, &l->flowtables[i]);
	lt->objs = objs;
	lt->flowtables = fts;
}

/* A table as listed: lifted, and for a table with an owner the owning process's name,
 * which nft shows (`# progname nft`): the owner is a netlink port id, a process's
 * first socket's being its pid. */
static struct table_decl *table_shown(struct arena *a, const struct nl_table *t)
{
	struct table_decl *d = lift_table(a, t);
	if (!(t->flags & (1u << 1)) || !t->owner)
		return d;
	char path[48], name[64];
	snprintf(path, sizeof(path), "/proc/%u/comm", t->owner);
	FILE *f = fopen(path, "re");
	if (!f)
		return d;
	if (fgets(name, sizeof(name), f)) {
		name[strcspn(name, "\n")] = 0;
		d->progname = arena_strdup(a, name);
	}
	fclose(f);
	return d;
}

/* `list counters` and friends: the table line and the objects of type `objtype`
 * (0: flowtables), no blank lines. nft 1.1.4 shows the tables that hold an object of
 * that type for object listings, and every table for `list flowtables`. */
static void print_objs_only(struct listing *l, const struct nl_table *t, uint32_t objtype)
{
	struct listed_table lt = { .table = table_shown(l->a, t) };
	const struct print_opts *po = &l->r->cli->o.po;
	collect_objs(l, t, &lt);
	if (objtype && !lt.nobjs)
		return;
	/* a table is shown only when it holds one of them (nft 1.1.4) */
	bool any = !objtype;
	for (uint32_t i = 0; i < lt.nobjs && !any; i++)
		any = lt.objs[i]->type == objtype;
	if (!any)
		return;
	if (l->jo) {
		struct json_names n = { .family = t->family, .table = t->name };
		for (uint32_t i = 0; i < lt.nobjs; i++)
			if (lt.objs[i]->type == objtype)
				json_print_obj_obj(lt.objs[i], &n, po, l->jo);
		for (uint32_t i = 0; i < lt.nflowtables; i++)
			json_print_flowtable_obj(lt.flowtables[i], &n, po, l->jo);
		return;
	}
	wr_printf(l->r->out, "table %s %s {\n", family_name(t->family), t->name);
	for (uint32_t i = 0; i < lt.nobjs; i++)
		if (lt.objs[i]->type == objtype)
			print_obj(lt.objs[i], po, l->r->out);
	for (uint32_t i = 0; i < lt.nflowtables; i++)
		print_flowtable(lt.flowtables[i], po, l->r->out);
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

/* Whether an element of the set has a comment: nft then lists one element a line,
 * which the printer must know before the first chunk is lifted. */
static bool elems_have_comment(const struct nl_set *s)
{
	for (uint32_t i = 0; i < s->nelems; i++) {
		uint8_t len = 0;
		if (tlv_find(s->elems[i].udata, s->elems[i].udata_len, UDATA_COMMENT, &len) && len)
			return true;
	}
	return false;
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
	/* `list sets|maps|meters|chains` lists the declarations without blank lines, as
	 * nft does */
	enum cmd_obj obj = l->cmd_obj;
	struct listed_table lt = { .table = table_shown(l->a, t),
				   .packed = obj == OBJ_SETS || obj == OBJ_MAPS ||
					     obj == OBJ_METERS || obj == OBJ_CHAINS };
	struct lift_ctx lc = {
		.arena = l->a, .family = t->family, .sets = &lift_sets, .sets_priv = l,
	};
	l->cur_family = t->family;
	if (what & (SHOW_OBJS | SHOW_FLOWTABLES))
		collect_objs(l, t, &lt);

	lt.sets = arena_alloc(l->a, sizeof(*lt.sets) * (size_t)(l->nsets + 1));
	if (what & SHOW_SETS) {
		for (int i = 0; i < l->nsets; i++) {
			struct nl_set *s = &l->sets[i];
			if (s->family != t->family || strcmp(s->table, t->name) || is_anon(s))
				continue;
			if (l->only_dynamic && !(s->flags & NFT_SET_EVAL))
				continue;
			if (only_set && strcmp(s->name, only_set))
				continue;
			bool is_map = s->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
			if ((is_map && !want_maps) || (!is_map && !want_sets))
				continue;
			struct listed_set *ls = &lt.sets[lt.nsets++];
			ls->set = lift_set_decl(l->a, s);
			ls->one_per_line = lift_set_elems_one_per_line(s);
			if ((what & SHOW_ELEMS) && !po->terse) {
				struct elems_feed *f = arena_alloc(l->a, sizeof(*f));
				f->lc = lc;
				lift_set_elems_begin(&lc, s, &f->it);
				arena_init(&f->scratch, 64 * 1024);
				f->lc.arena = &f->scratch;
				ls->next_elems = feed_next;
				ls->elem_comments = elems_have_comment(s);
				ls->elems_priv = f;
			}
		}
	}
	lt.chains = arena_alloc(l->a, sizeof(*lt.chains) * (size_t)(l->nchains + 1));
	if (what & SHOW_CHAINS) {
		for (int i = 0; i < l->nchains; i++) {
			struct nl_chain *c = &l->chains[i];
			if (c->family != t->family || strcmp(c->table, t->name))
				continue;
			if (only_chain && strcmp(c->name, only_chain))
				continue;
			if (c->flags & NFT_CHAIN_BINDING)   /* listed inline, at its jump */
				continue;
			struct listed_chain *lc2 = &lt.chains[lt.nchains++];
			lc2->chain = lift_chain(l->a, c);
			if (!(what & SHOW_RULES))
				continue;
			const struct nl_raw_rules *raw = &l->rules;
			struct rules_feed *f = arena_alloc(l->a, sizeof(*f));
			f->idx = arena_alloc(l->a, sizeof(*f->idx) * (raw->n + 1));
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
	if (l->jo && l->jo_table_too)
		json_print_table(&lt, po, l->jo);
	else if (l->jo)
		json_print_table_contents(&lt, po, l->jo);
	else
		print_table(&lt, po, r->out);
	for (uint32_t i = 0; i < lt.nsets; i++)
		if (lt.sets[i].next_elems)
			arena_free(&((struct elems_feed *)lt.sets[i].elems_priv)->scratch);
	for (uint32_t i = 0; i < lt.nchains; i++)
		if (lt.chains[i].next_rule)
			arena_free(&((struct rules_feed *)lt.chains[i].rules_priv)->scratch);
}

/* What one list command asks for. */
struct list_req {
	struct cmd *cmd;
	uint32_t family;
	const char *table, *chain, *set, *objname;
	unsigned what;
	bool want_sets, want_maps;
	uint32_t objtype;
};

/* How many times a listing is fetched again because the ruleset changed under it. */
#define SNAPSHOT_TRIES 16
/* fetch()'s answer when the fetch must start over: no error is recorded */
#define FETCH_AGAIN 1

static int fetch_failed(struct listing *l, const struct loc *loc, int err)
{
	if (err == EINTR || err == EAGAIN)   /* a dump that never came whole: again */
		return FETCH_AGAIN;
	kernel_error(l->r, loc, err);
	return -1;
}

/* Everything the listing prints, element lists included. 0, FETCH_AGAIN, or -1 with
 * the error recorded. */
static int fetch(struct listing *l, const struct list_req *q)
{
	struct run *r = l->r;
	struct cmd *cmd = q->cmd;
	const struct handle_spec *h = &cmd->h;
	struct nl_sock *s = &r->cli->sock;
	unsigned what = q->what;

	l->ntables = nl_dump_tables(s, l->a, q->family, q->table, &l->tables);
	if (l->ntables < 0)
		return fetch_failed(l, q->table ? &h->table_loc : &cmd->loc, -l->ntables);
	if (q->table && l->ntables == 0)
		return fetch_failed(l, &h->table_loc, ENOENT);
	if (cmd->obj == OBJ_TABLES)
		return 0;
	/* one chain's rules, or the table's when it has chains bound to verdicts: the
	 * chain's rules may show theirs inline */
	const char *rules_of = q->chain;
	if (what & SHOW_CHAINS) {
		l->nchains = nl_dump_chains(s, l->a, q->family, q->table, q->chain, &l->chains);
		if (l->nchains < 0)
			return fetch_failed(l, &cmd->loc, -l->nchains);
		if (q->chain && l->nchains == 0)
			return fetch_failed(l, &h->chain_loc, ENOENT);
		struct nl_chain *all;
		int n = q->chain ? nl_dump_chains(s, l->a, q->family, q->table, NULL, &all) : 0;
		for (int i = 0; i < n && rules_of; i++)
			if (all[i].flags & NFT_CHAIN_BINDING) {
				l->chains = all;
				l->nchains = n;
				rules_of = NULL;
			}
	}
	/* rules need the table's sets too: anonymous ones hold their lookups' elements */
	if (what & (SHOW_SETS | SHOW_RULES)) {
		l->nsets = nl_dump_sets(s, l->a, q->family, q->table,
					(what & SHOW_RULES) ? NULL : q->set, &l->sets);
		if (l->nsets < 0)
			return fetch_failed(l, &cmd->loc, -l->nsets);
		if (q->set && cmd->obj != OBJ_RULESET) {
			bool found = false;
			for (int i = 0; i < l->nsets; i++)
				found |= !strcmp(l->sets[i].name, q->set);
			if (!found)
				return fetch_failed(l, &h->set_loc, ENOENT);
		}
		l->elems_loaded = arena_alloc(l->a, sizeof(bool) * (size_t)(l->nsets + 1));
		memset(l->elems_loaded, 0, sizeof(bool) * (size_t)(l->nsets + 1));
		/* the elements printed (named sets shown whole) and those lift reads
		 * (anonymous sets of rules) belong to the snapshot too */
		bool named = (what & SHOW_ELEMS) && !r->cli->o.po.terse;
		for (int i = 0; i < l->nsets; i++) {
			const struct nl_set *st = &l->sets[i];
			bool need = is_anon(st) ? (what & SHOW_RULES) != 0
				    : named && (!q->set || !strcmp(st->name, q->set));
			/* `reset set|map`: the named set's elements are read and zeroed */
			bool reset = cmd->op == CMD_RESET && !is_anon(st) &&
				     (cmd->obj == OBJ_SET || cmd->obj == OBJ_MAP);
			int rc = need ? fetch_elems(l, i, reset) : 0;
			if (rc < 0)
				return fetch_failed(l, &cmd->loc, -rc);
		}
	}
	if (what & SHOW_OBJS) {
		/* a plain listing fetches every type: tables with other objects show too */
		bool all_types = cmd->op != CMD_RESET && !q->objname && (what & ONLY_OBJS);
		l->nobjs = (cmd->op == CMD_RESET ? nl_dump_objs_reset : nl_dump_objs)(
			s, l->a, q->family, q->table, q->objname, all_types ? 0 : q->objtype,
			&l->objs);
		if (l->nobjs == -ENOENT && q->objname)
			return fetch_failed(l, &h->set_loc, ENOENT);
		if (l->nobjs < 0)
			return fetch_failed(l, &cmd->loc, -l->nobjs);
		if (q->objname && l->nobjs == 0)
			return fetch_failed(l, &h->set_loc, ENOENT);
	}
	if (what & SHOW_FLOWTABLES) {
		l->nflowtables = nl_dump_flowtables(s, l->a, q->family, q->table, &l->flowtables);
		if (l->nflowtables == -EOPNOTSUPP || l->nflowtables == -ENOENT)
			l->nflowtables = 0;      /* kernels without flowtable support */
		if (l->nflowtables < 0)
			return fetch_failed(l, &cmd->loc, -l->nflowtables);
		if (q->objname) {
			int k = 0;
			for (int i = 0; i < l->nflowtables; i++)
				if (!strcmp(l->flowtables[i].name, q->objname))
					l->flowtables[k++] = l->flowtables[i];
			l->nflowtables = k;
			if (!k)
				return fetch_failed(l, &h->set_loc, ENOENT);
		}
	}
	if (what & SHOW_RULES) {
		/* `reset rules …`, `reset rule … handle N`: read as they are zeroed */
		int n = cmd->op == CMD_RESET ?
			nl_reset_rules_raw(s, l->a, q->family, q->table, q->chain,
					   cmd->obj == OBJ_RULE ? h->handle : 0, &l->rules) :
			nl_dump_rules_raw(s, l->a, q->family, q->table, rules_of, &l->rules);
		if (n < 0)
			return fetch_failed(l, &cmd->loc, -n);
	}
	return 0;
}

/* Fetches the listing until it is one generation of the ruleset. */
static int snapshot(struct listing *l, const struct list_req *q)
{
	struct nl_sock *s = &l->r->cli->sock;
	/* a reset zeroes what it reads: it is read once, never again */
	int tries = q->cmd->op == CMD_RESET ? 1 : SNAPSHOT_TRIES;
	for (int t = 0; t < tries; t++) {
		uint32_t before, after;
		int rc = nl_get_genid(s, &before);
		if (rc < 0 && fetch_failed(l, &q->cmd->loc, -rc) < 0)
			return -1;
		if (rc < 0)
			continue;
		nl_raw_rules_free(&l->rules);
		arena_reset(l->a);
		struct arena *a = l->a;
		struct run *r = l->r;
		*l = (struct listing){ .r = r, .a = a, .only_dynamic = l->only_dynamic,
				       .cmd_obj = l->cmd_obj };
		rc = fetch(l, q);
		if (rc < 0)
			return -1;
		if (rc == 0 && nl_get_genid(s, &after) == 0 && after == before)
			return 0;
		if (q->cmd->op == CMD_RESET && rc == 0)
			return 0;
	}
	return diag_error(&l->r->errs, &q->cmd->loc,
			  "the ruleset changed %d times while it was being listed; nothing "
			  "listed (try again)", tries);
}

/* Prints what the snapshot holds. */
static void print_listing(struct listing *l, const struct list_req *q)
{
	struct run *r = l->r;
	if (q->cmd->obj == OBJ_TABLES) {
		for (int i = 0; i < l->ntables; i++)
			if (l->jo)
				json_print_table_obj(lift_table(l->a, &l->tables[i]),
						     &r->cli->o.po, l->jo);
			else
				wr_printf(r->out, "table %s %s\n",
					  family_name(l->tables[i].family), l->tables[i].name);
		return;
	}
	for (int i = 0; i < l->ntables; i++) {
		const struct nl_table *t = &l->tables[i];
		if (q->what & ONLY_OBJS) {
			print_objs_only(l, t, q->objtype);
			continue;
		}
		/* every table, holding some of the kind listed or none, as nft */
		print_one_table(l, t, q->what, q->chain, q->set, q->want_maps, q->want_sets);
	}
}

/* What each list command names of its handle, and what it shows. */
enum list_scope {
	LS_ALL,          /* every table (of the family given) */
	LS_TABLE,        /* family and table */
	LS_CHAIN,        /* family, table and chain */
	LS_SET,          /* family, table and set (or map) */
	LS_IN_TABLE,     /* a table if given, any family */
	LS_OBJECT,       /* a table if given, the object's name (and then its family) */
};
#define SHOW_ALL (SHOW_RULES | SHOW_SETS | SHOW_ELEMS | SHOW_CHAINS | SHOW_OBJS | SHOW_FLOWTABLES)
static const struct list_row {
	enum cmd_obj obj;
	enum list_scope scope;
	uint32_t what;
	bool sets, maps;
} list_rows[] = {
	{ OBJ_RULESET, LS_ALL, SHOW_ALL, true, true },
	{ OBJ_TABLES, LS_ALL, 0, true, true },
	{ OBJ_TABLE, LS_TABLE, SHOW_ALL, true, true },
	{ OBJ_CHAIN, LS_CHAIN, SHOW_RULES | SHOW_CHAINS, true, true },
	{ OBJ_RULE, LS_CHAIN, SHOW_RULES | SHOW_CHAINS, true, true },   /* reset rule */
	{ OBJ_CHAINS, LS_IN_TABLE, SHOW_CHAINS, true, true },
	{ OBJ_SET, LS_SET, SHOW_SETS | SHOW_ELEMS, true, true },
	{ OBJ_MAP, LS_SET, SHOW_SETS | SHOW_ELEMS, true, true },
	{ OBJ_SETS, LS_IN_TABLE, SHOW_SETS, true, false },
	{ OBJ_MAPS, LS_IN_TABLE, SHOW_SETS, false, true },
	{ OBJ_METER, LS_SET, SHOW_SETS | SHOW_ELEMS, true, true },
	{ OBJ_METERS, LS_IN_TABLE, SHOW_SETS, true, false },   /* the dynamic sets */
	{ OBJ_FLOWTABLES, LS_IN_TABLE, SHOW_FLOWTABLES | ONLY_OBJS, true, true },
	{ OBJ_FLOWTABLE, LS_OBJECT, SHOW_FLOWTABLES | ONLY_OBJS, true, true },
};
/* the named object types: `list counters`, `list quota t q` ... */
static const struct list_row list_objects = { 0, LS_OBJECT, SHOW_OBJS | ONLY_OBJS, true, true };

int run_list(struct run *r, struct cmd *cmd)
{
	if (cmd->op == CMD_DESCRIBE)
		return run_describe(r, cmd);
	const struct handle_spec *h = &cmd->h;
	struct list_req q = {
		.cmd = cmd, .family = cmd->family_given ? h->family : 0,
		.objtype = eval_obj_type_of_cmd(cmd->obj),
	};
	const struct list_row *row = q.objtype ? &list_objects : NULL;
	for (size_t i = 0; i < sizeof(list_rows) / sizeof(list_rows[0]); i++)
		if (list_rows[i].obj == cmd->obj)
			row = &list_rows[i];
	if (!row)
		return diag_error(&r->errs, &cmd->loc, "this list command is not supported yet");
	q.what = row->what;
	/* nft 1.1.4 shows the elements of `list sets` and `list maps` too */
	if (cmd->obj == OBJ_SETS || cmd->obj == OBJ_MAPS)
		q.what |= SHOW_ELEMS;
	q.want_sets = row->sets;
	q.want_maps = row->maps;
	if (row->scope != LS_ALL)
		q.table = h->table;
	if (row->scope == LS_TABLE || row->scope == LS_CHAIN || row->scope == LS_SET)
		q.family = h->family;
	if (row->scope == LS_CHAIN)
		q.chain = h->chain;
	if (row->scope == LS_SET)
		q.set = h->set;
	if (row->scope == LS_OBJECT) {
		q.objname = h->set;
		if (q.objname)
			q.family = h->family;
	}

	int rc = cli_socket(r->cli);
	if (rc < 0)
		return diag_error(&r->errs, &cmd->loc, "cannot open netlink socket: %s", strerror(-rc));

	struct arena a;
	arena_init(&a, 64 * 1024);
	struct listing l = { .r = r, .a = &a, .only_dynamic = cmd->obj == OBJ_METERS,
			     .cmd_obj = cmd->obj };
	rc = snapshot(&l, &q);
	if (rc == 0 && r->cli->o.json) {
		/* one document per list command, as nft prints it */
		struct json_out jo;
		jo_init(&jo, r->out);
		l.jo = &jo;
		/* a listing of tables shows each table, of chains or sets only those */
		l.jo_table_too = cmd->obj == OBJ_RULESET || cmd->obj == OBJ_TABLE;
		jo_obj_open(&jo);
		jo_karr_open(&jo, "nftables");
		json_print_metainfo(&jo, NFT_COMPAT_VERSION, "nftc " NFTC_VERSION);
		/* nft 1.1.4 lists a named ct timeout in JSON as nothing at all */
		if (cmd->obj != OBJ_CT_TIMEOUT)
			print_listing(&l, &q);
		jo_arr_close(&jo);
		jo_obj_close(&jo);
		wr_putc(r->out, '\n');
		jo_free(&jo);
	} else if (rc == 0) {
		print_listing(&l, &q);
	}
	nl_raw_rules_free(&l.rules);
	arena_free(&a);
	return rc;
}
