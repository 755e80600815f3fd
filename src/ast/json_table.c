/* Tables, chains, rules, sets, named objects and flowtables as nft's JSON objects
 * (libnftables-json(5) "RULESET ELEMENTS"), from the declarations lift builds; the
 * order of a table's objects is nft's: the table, its chains, objects, sets,
 * flowtables, then every chain's rules. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_print.h"
#include "../types/family.h"

void json_print_metainfo(struct json_out *j)
{
	jo_obj_open(j);
	jo_kobj_open(j, "metainfo");
	jo_kstr(j, "version", "1.1.4");
	jo_kstr(j, "release_name", "Commodore Bullmoose #5");
	jo_kuint(j, "json_schema_version", 1);
	jo_obj_close(j);
	jo_obj_close(j);
}

/* {"KIND": {"family": …, then the caller's members */
static void open_obj(struct json_out *j, const char *kind, uint32_t family)
{
	jo_obj_open(j);
	jo_kobj_open(j, kind);
	jo_kstr(j, "family", family_name(family));
}

static void close_obj(struct json_out *j)
{
	jo_obj_close(j);
	jo_obj_close(j);
}

void json_print_table_obj(const struct table_decl *t, const struct print_opts *po,
			  struct json_out *j)
{
	open_obj(j, "table", t->family);
	jo_kstr(j, "name", t->name);
	jo_kuint(j, "handle", t->handle);
	if (t->comment)
		jo_kstr(j, "comment", t->comment);
	if (t->flags & NFT_TABLE_F_DORMANT)
		jo_kstr(j, "flags", "dormant");
	close_obj(j);
}

static void chain_prio(const struct chain_decl *c, const struct print_opts *po,
		       struct json_out *j)
{
	jo_key(j, "prio");
	jo_int(j, c->prio_value);
}

void json_print_chain_obj(const struct chain_decl *c, const struct json_names *n,
			  const struct print_opts *po, struct json_out *j)
{
	open_obj(j, "chain", n->family);
	jo_kstr(j, "table", n->table);
	jo_kstr(j, "name", c->name);
	jo_kuint(j, "handle", c->handle);
	if (c->comment)
		jo_kstr(j, "comment", c->comment);
	if (c->hook) {
		jo_kstr(j, "type", c->type ? c->type : "filter");
		jo_kstr(j, "hook", c->hook);
		chain_prio(c, po, j);
		if (c->devices.n == 1) {
			jo_kstr(j, "dev", c->devices.v[0]->sym.str);
		} else if (c->devices.n > 1) {
			jo_karr_open(j, "dev");
			for (uint32_t i = 0; i < c->devices.n; i++)
				jo_str(j, c->devices.v[i]->sym.str);
			jo_arr_close(j);
		}
		jo_key(j, "policy");
		if (c->policy)
			json_print_expr(c->policy, po, j);
		else
			jo_str(j, "accept");
	}
	close_obj(j);
}

void json_print_rule_obj(const struct rule *r, const struct json_names *n,
			 const struct print_opts *po, struct json_out *j)
{
	open_obj(j, "rule", n->family);
	jo_kstr(j, "table", n->table);
	jo_kstr(j, "chain", n->chain);
	jo_kuint(j, "handle", r->handle);
	if (r->comment)
		jo_kstr(j, "comment", r->comment);
	jo_key(j, "expr");
	json_print_rule_exprs(r, po, j);
	close_obj(j);
}

void json_print_set_obj(const struct listed_set *ls, const struct json_names *n,
			const struct print_opts *po, struct json_out *j)
{
	const struct set_decl *s = ls->set;
	open_obj(j, s->is_map ? "map" : "set", n->family);
	jo_kstr(j, "name", s->name);
	jo_kstr(j, "table", n->table);
	jo_kuint(j, "handle", s->handle);
	bool any = false;
	struct expr *chunk;
	if (ls->elems && ls->elems->list.n) {
		jo_karr_open(j, "elem");
		any = true;
		for (uint32_t i = 0; i < ls->elems->list.n; i++)
			json_print_expr(ls->elems->list.v[i], po, j);
	}
	while (ls->next_elems && (chunk = ls->next_elems(ls->elems_priv)) != NULL) {
		if (!any && chunk->list.n) {
			jo_karr_open(j, "elem");
			any = true;
		}
		for (uint32_t i = 0; i < chunk->list.n; i++)
			json_print_expr(chunk->list.v[i], po, j);
	}
	if (any)
		jo_arr_close(j);
	close_obj(j);
}

void json_print_obj_obj(const struct obj_decl *o, const struct json_names *n,
			const struct print_opts *po, struct json_out *j)
{
	open_obj(j, "object", n->family);
	jo_kstr(j, "name", o->name);
	jo_kstr(j, "table", n->table);
	jo_kuint(j, "handle", o->handle);
	close_obj(j);
}

void json_print_flowtable_obj(const struct flowtable_decl *f, const struct json_names *n,
			      const struct print_opts *po, struct json_out *j)
{
	open_obj(j, "flowtable", n->family);
	jo_kstr(j, "name", f->name);
	jo_kstr(j, "table", n->table);
	jo_kuint(j, "handle", f->handle);
	close_obj(j);
}

void json_print_table(const struct listed_table *t, const struct print_opts *po,
		      struct json_out *j)
{
	struct json_names n = { .family = t->table->family, .table = t->table->name };
	json_print_table_obj(t->table, po, j);
	for (uint32_t i = 0; i < t->nchains; i++)
		json_print_chain_obj(t->chains[i].chain, &n, po, j);
	for (uint32_t i = 0; i < t->nobjs; i++)
		json_print_obj_obj(t->objs[i], &n, po, j);
	for (uint32_t i = 0; i < t->nsets; i++)
		json_print_set_obj(&t->sets[i], &n, po, j);
	for (uint32_t i = 0; i < t->nflowtables; i++)
		json_print_flowtable_obj(t->flowtables[i], &n, po, j);
	for (uint32_t i = 0; i < t->nchains; i++) {
		const struct listed_chain *lc = &t->chains[i];
		n.chain = lc->chain->name;
		for (uint32_t k = 0; k < lc->nrules; k++)
			json_print_rule_obj(lc->rules[k], &n, po, j);
		const struct rule *ru;
		while (lc->next_rule && (ru = lc->next_rule(lc->rules_priv)) != NULL)
			json_print_rule_obj(ru, &n, po, j);
	}
}
