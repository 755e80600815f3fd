/* Tables, chains, rules, sets, named objects and flowtables as nft's JSON objects
 * (libnftables-json(5) "RULESET ELEMENTS"), from the declarations lift builds. The
 * members come in the order nft 1.1.4 writes them (jansson keeps insertion order),
 * which is not always the text's order: a chain's `dev` precedes its `type`, a set's
 * `elem` precedes its `stmt`. The order of a table's objects is nft's: the table, its
 * chains, objects, sets, flowtables, then every chain's rules. */
#include <string.h>
#include <stdlib.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_print.h"
#include "../types/family.h"
#include "../types/objtypes.h"
#include "../types/stmt_words.h"

/* NF_SYNPROXY_OPT_* (linux/netfilter/nf_synproxy.h) */
enum { SYN_OPT_SACK_PERM = 0x04, SYN_OPT_TIMESTAMP = 0x08 };

void json_print_metainfo(struct json_out *j, const char *version, const char *release_name)
{
	jo_obj_open(j);
	jo_kobj_open(j, "metainfo");
	jo_kstr(j, "version", version);    /* the nft whose JSON this is */
	jo_kstr(j, "release_name", release_name);
	jo_kuint(j, "json_schema_version", 1);
	jo_obj_close(j);
	jo_obj_close(j);
}

/* {"KIND": {"family": …, then the caller's members */
static void open_obj(struct json_out *j, const char *kind, uint32_t family)
{
	const char *fam = family_name(family);
	jo_obj_open(j);
	jo_kobj_open(j, kind);
	jo_kstr(j, "family", fam ? fam : "unknown");
}

/* {"chain"|"rule": {"family": …, "table": …, "name"|"chain": NAME, "handle": N (and a
 * comment) — the head chains and rules share */
static void open_in_table(struct json_out *j, const char *kind, const struct json_names *n,
			  const char *name_key, const char *name, uint64_t handle,
			  const char *comment)
{
	open_obj(j, kind, n->family);
	jo_kstr(j, "table", n->table);
	jo_kstr(j, name_key, name);
	jo_kuint(j, "handle", handle);
	if (comment)
		jo_kstr(j, "comment", comment);
}

static void close_obj(struct json_out *j)
{
	jo_obj_close(j);
	jo_obj_close(j);
}

/* A list of words as nft writes it: one word alone, two or more as an array. */
struct word_list {
	const char *v[8];
	unsigned n;
};

static void words_add(struct word_list *l, const char *w)
{
	if (l->n < sizeof(l->v) / sizeof(l->v[0]))
		l->v[l->n++] = w;
}

static void kwords(struct json_out *j, const char *key, const struct word_list *l)
{
	if (!l->n)
		return;
	if (l->n == 1) {
		jo_kstr(j, key, l->v[0]);
		return;
	}
	jo_karr_open(j, key);
	for (unsigned i = 0; i < l->n; i++)
		jo_str(j, l->v[i]);
	jo_arr_close(j);
}

/* ------------------------------------------------------------ tables */

void json_print_table_obj(const struct table_decl *t, const struct print_opts *po,
			  struct json_out *j)
{
	(void)po;
	static const struct { uint32_t bit; const char *word; } flags[] = {
		{ NFT_TABLE_F_DORMANT, "dormant" }, { NFT_TABLE_F_OWNER, "owner" },
		{ 1u << 2 /* NFT_TABLE_F_PERSIST */, "persist" },
	};
	struct word_list fl = { 0 };
	for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (t->flags & flags[i].bit)
			words_add(&fl, flags[i].word);
	open_obj(j, "table", t->family);
	jo_kstr(j, "name", t->name);
	jo_kuint(j, "handle", t->handle);
	kwords(j, "flags", &fl);
	if (t->comment)
		jo_kstr(j, "comment", t->comment);
	close_obj(j);
}

/* ------------------------------------------------------------ chains */

/* `"dev": "lo"` for one device, an array for more */
static void devices(const struct expr_list *d, struct json_out *j)
{
	if (d->n == 1) {
		jo_kstr(j, "dev", d->v[0]->sym.str);
	} else if (d->n > 1) {
		jo_karr_open(j, "dev");
		for (uint32_t i = 0; i < d->n; i++)
			jo_str(j, d->v[i]->sym.str);
		jo_arr_close(j);
	}
}

void json_print_chain_obj(const struct chain_decl *c, const struct json_names *n,
			  const struct print_opts *po, struct json_out *j)
{
	open_in_table(j, "chain", n, "name", c->name, c->handle, c->comment);
	if (c->hook) {
		devices(&c->devices, j);
		jo_kstr(j, "type", c->type ? c->type : "filter");
		jo_kstr(j, "hook", c->hook);
		jo_kint(j, "prio", c->prio_value);      /* always the number */
		jo_key(j, "policy");
		if (c->policy && c->policy->kind == EXPR_SYMBOL)
			jo_str(j, c->policy->sym.str);
		else if (c->policy)
			json_print_expr(c->policy, po, j);
		else
			jo_str(j, "accept");
	}
	close_obj(j);
}

void json_print_rule_obj(const struct rule *r, const struct json_names *n,
			 const struct print_opts *po, struct json_out *j)
{
	open_in_table(j, "rule", n, "chain", n->chain, r->handle, r->comment);
	jo_key(j, "expr");
	json_print_rule_exprs(r, po, j);
	close_obj(j);
}

/* ------------------------------------------------------------ sets */

/* The datatype names of a set's key or data: one name, or an array for a
 * concatenation. Typeof expressions carry their datatype too. */
static void type_names(const struct expr *e, struct json_out *j)
{
	if (e->kind == EXPR_CONCAT) {
		jo_arr_open(j);
		for (uint32_t i = 0; i < e->list.n; i++) {
			const struct expr *p = e->list.v[i];
			jo_str(j, p->dtype ? p->dtype->name : "invalid");
		}
		jo_arr_close(j);
		return;
	}
	jo_str(j, e->dtype ? e->dtype->name : "invalid");
}

static void set_flags(const struct set_decl *s, struct json_out *j)
{
	static const struct { uint32_t bit; const char *word; } flags[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_INTERVAL, "interval" },
		{ NFT_SET_TIMEOUT, "timeout" }, { NFT_SET_EVAL, "dynamic" },
	};
	struct word_list fl = { 0 };
	for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (s->flags & flags[i].bit)
			words_add(&fl, flags[i].word);
	kwords(j, "flags", &fl);
}

/* Elements arrive whole or a chunk at a time; "elem" is opened by the first. */
static void set_elems(const struct listed_set *ls, const struct print_opts *po,
		      struct json_out *j)
{
	bool any = false;
	struct expr *chunk = ls->elems;
	while (chunk || (ls->next_elems && (chunk = ls->next_elems(ls->elems_priv)))) {
		for (uint32_t i = 0; i < chunk->list.n; i++) {
			if (!any)
				jo_karr_open(j, "elem");
			any = true;
			json_print_expr(chunk->list.v[i], po, j);
		}
		chunk = NULL;
		if (!ls->next_elems)
			break;
	}
	if (any)
		jo_arr_close(j);
}

void json_print_set_obj(const struct listed_set *ls, const struct json_names *n,
			const struct print_opts *po, struct json_out *j)
{
	const struct set_decl *s = ls->set;
	open_obj(j, s->is_map ? "map" : "set", n->family);
	jo_kstr(j, "name", s->name);
	jo_kstr(j, "table", n->table);
	jo_key(j, "type");
	if (s->key_typeof) {
		jo_obj_open(j);
		jo_key(j, "typeof");
		json_print_expr(s->key, po, j);
		jo_obj_close(j);
	} else {
		type_names(s->key, j);
	}
	jo_kuint(j, "handle", s->handle);
	if (s->comment)
		jo_kstr(j, "comment", s->comment);
	if (s->flags & NFT_SET_OBJECT) {
		jo_kstr(j, "map", objtype_word(s->data_objtype));
	} else if ((s->flags & NFT_SET_MAP) && s->data) {
		jo_key(j, "map");
		type_names(s->data, j);
	}
	if (s->has_policy && s->policy == NFT_SET_POL_MEMORY)
		jo_kstr(j, "policy", "memory");
	if (s->size)
		jo_kuint(j, "size", s->size);
	set_flags(s, j);
	if (s->timeout)
		jo_kuint(j, "timeout", s->timeout / 1000);
	if (s->gc_interval)
		jo_kuint(j, "gc-interval", s->gc_interval / 1000);
	if (s->auto_merge)
		jo_kbool(j, "auto-merge", true);
	if (!po->terse)
		set_elems(ls, po, j);
	if (s->stmts && s->stmts->n) {
		/* set-wide statements are templates: printed without their state */
		struct print_opts stateless = *po;
		stateless.stateless = true;
		jo_karr_open(j, "stmt");
		for (uint32_t i = 0; i < s->stmts->n; i++)
			json_print_stmt(s->stmts->v[i], &stateless, j);
		jo_arr_close(j);
	}
	close_obj(j);
}

/* ------------------------------------------------------------ named objects */

/* a layer 4 protocol by name ("tcp"), or its number when it has none */
static void l4proto(const char *key, uint8_t p, struct json_out *j)
{
	static const struct print_opts names;
	struct value v;
	struct writer w;
	writer_init_mem(&w);
	value_set_uint(&v, p, 8, dt_inet_protocol.byteorder);
	datatype_print(&dt_inet_protocol, &v, &names, &w);
	const char *text = wr_cstr(&w);
	if (text[0] && (text[0] < '0' || text[0] > '9'))
		jo_kstr(j, key, text);
	else
		jo_kuint(j, key, p);
	writer_free(&w);
}

static void l3proto(uint32_t family, struct json_out *j)
{
	const char *name = family_name(family);
	jo_kstr(j, "l3proto", name ? name : "unknown");
}

/* the members of a byte count in its largest whole unit: `"rate": 1, "rate_unit": "kbytes"` */
static uint64_t scaled(uint64_t bytes, const char **unit)
{
	uint64_t n;
	*unit = byte_unit_scaled(bytes, &n);
	return n;
}

static void limit_obj(const struct stmt *s, struct json_out *j)
{
	bool bytes = s->limit.type == NFT_LIMIT_PKT_BYTES;
	const char *rate_unit = NULL, *burst_unit = NULL;
	uint64_t rate = bytes ? scaled(s->limit.rate, &rate_unit) : s->limit.rate;
	uint64_t burst = bytes ? scaled(s->limit.burst, &burst_unit) : s->limit.burst;
	jo_kuint(j, "rate", rate);
	jo_kstr(j, "per", time_unit_name(s->limit.unit));
	if (s->limit.flags & NFT_LIMIT_F_INV)
		jo_kbool(j, "inv", true);
	if (!bytes) {
		jo_kuint(j, "burst", burst);
		return;
	}
	jo_kstr(j, "rate_unit", rate_unit);
	if (burst) {
		jo_kuint(j, "burst", burst);
		jo_kstr(j, "burst_unit", burst_unit);
	}
}

/* a ct timeout's policy: `{"established": 122, "close": 16}` (seconds) */
static void timeout_policy(const struct obj_decl *o, struct json_out *j)
{
	jo_kobj_open(j, "policy");
	for (uint32_t i = 0; i < o->policy.n; i++) {
		const struct expr *m = o->policy.v[i];
		jo_kuint(j, m->bin.left->sym.str, strtoull(m->bin.right->sym.str, NULL, 10));
	}
	jo_obj_close(j);
}

static void obj_body(const struct obj_decl *o, struct json_out *j)
{
	const struct stmt *s = o->stmt;
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		jo_kuint(j, "packets", s->counter.packets);
		jo_kuint(j, "bytes", s->counter.bytes);
		break;
	case NFT_OBJECT_QUOTA:
		jo_kuint(j, "bytes", s->quota.bytes);
		jo_kuint(j, "used", s->quota.used);
		jo_kbool(j, "inv", s->quota.flags & NFT_QUOTA_F_INV);
		break;
	case NFT_OBJECT_LIMIT:
		limit_obj(s, j);
		break;
	case NFT_OBJECT_CT_HELPER:
		jo_kstr(j, "type", o->str ? o->str : "");
		l4proto("protocol", o->l4proto, j);
		l3proto(o->l3proto, j);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		l4proto("protocol", o->l4proto, j);
		l3proto(o->l3proto, j);
		timeout_policy(o, j);
		break;
	case NFT_OBJECT_CT_EXPECT:
		l4proto("protocol", o->l4proto, j);
		jo_kuint(j, "dport", o->dport);
		jo_kuint(j, "timeout", o->timeout);
		jo_kuint(j, "size", o->size);
		l3proto(o->l3proto, j);
		break;
	case NFT_OBJECT_SYNPROXY: {
		struct word_list fl = { 0 };
		jo_kuint(j, "mss", s->misc.a);
		jo_kuint(j, "wscale", s->misc.b);
		if (s->misc.flags & SYN_OPT_TIMESTAMP)
			words_add(&fl, "timestamp");
		if (s->misc.flags & SYN_OPT_SACK_PERM)
			words_add(&fl, "sack-perm");
		kwords(j, "flags", &fl);
		break;
	}
	case NFT_OBJECT_SECMARK:
		jo_kstr(j, "context", o->str ? o->str : "");
		break;
	default:
		break;
	}
}

void json_print_obj_obj(const struct obj_decl *o, const struct json_names *n,
			const struct print_opts *po, struct json_out *j)
{
	(void)po;
	open_obj(j, objtype_word(o->type), n->family);
	jo_kstr(j, "name", o->name);
	jo_kstr(j, "table", n->table);
	jo_kuint(j, "handle", o->handle);
	if (o->comment)
		jo_kstr(j, "comment", o->comment);
	obj_body(o, j);
	close_obj(j);
}

/* ------------------------------------------------------------ flowtables */

void json_print_flowtable_obj(const struct flowtable_decl *f, const struct json_names *n,
			      const struct print_opts *po, struct json_out *j)
{
	(void)po;
	open_obj(j, "flowtable", n->family);
	jo_kstr(j, "name", f->name);
	jo_kstr(j, "table", n->table);
	jo_kuint(j, "handle", f->handle);
	jo_kstr(j, "hook", f->hook ? f->hook : "ingress");
	jo_kint(j, "prio", f->prio_value);
	devices(&f->devices, j);
	close_obj(j);
}

/* ------------------------------------------------------------ a table */

void json_print_table_contents(const struct listed_table *t, const struct print_opts *po,
			       struct json_out *j)
{
	struct json_names n = { .family = t->table->family, .table = t->table->name };
	for (uint32_t i = 0; i < t->nchains; i++)
		json_print_chain_obj(t->chains[i].chain, &n, po, j);
	for (uint32_t i = 0; i < t->nobjs; i++)
		json_print_obj_obj(t->objs[i], &n, po, j);
	for (uint32_t i = 0; i < t->nsets; i++)
		if (!(t->sets[i].set->flags & NFT_SET_ANONYMOUS))
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

void json_print_table(const struct listed_table *t, const struct print_opts *po,
		      struct json_out *j)
{
	json_print_table_obj(t->table, po, j);
	json_print_table_contents(t, po, j);
}
