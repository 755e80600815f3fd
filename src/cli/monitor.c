/* `nftc monitor [new|destroy] [tables|chains|sets|rules|elements|ruleset|trace]
 * [vm json]`: listens to the kernel's notifications and prints each change as nft
 * 1.1.4 does (`add rule ip t c tcp dport 22 accept`, `{"add": {...}}` with -j). Every
 * event goes the listing's reverse path: decoded by src/netlink into the nl_* structs,
 * lifted into the AST, printed by the listing's printers. A rule needs its table's
 * sets (anonymous ones with their elements), so the monitor keeps them: those that
 * exist when it starts, then every set and anonymous element an event announces. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "monitor.h"
#include "../lift/lift.h"
#include "../ast/print.h"
#include "../ast/print_obj.h"
#include "../ast/json_print.h"
#include "../types/objtypes.h"

/* What the command line asked to see. */
enum mon_what {
	MON_TABLES = 1, MON_CHAINS = 2, MON_SETS = 4, MON_RULES = 8, MON_ELEMS = 16,
	MON_OBJS = 32, MON_FLOWTABLES = 64, MON_TRACE = 128,
	MON_RULESET = 127, MON_ALL = 255,
};

/* The sets the monitor knows, by family, table and name. Those that exist when it
 * starts live in `arena`; each one an event announces has an arena of its own, freed
 * when it is deleted: a monitor that runs for weeks over rules coming and going (each
 * with its anonymous set) does not grow. */
struct mon_set {
	struct nl_set set;
	struct arena *own;              /* NULL: in mon_sets.arena */
};
struct mon_sets {
	struct arena arena;
	struct mon_set **v;
	uint32_t n, cap;
};

/* Element events waiting to be printed: the start and end of an interval come as two
 * notifications, and are shown as one range. */
struct mon_pending {
	struct arena arena;
	const struct nl_set *set;       /* the cached set they belong to */
	bool is_new;
	struct nl_elem *v;
	uint32_t n, cap;
};

struct monitor {
	struct run *r;
	unsigned what;
	bool only_new, only_destroy, json;
	struct mon_sets sets;
	struct mon_pending pend;
	struct arena scratch;           /* one event: emptied before the next */
	struct mon_trace trace;
	bool tracing;
	struct writer tmp;
};

static struct mon_set **sets_find(struct mon_sets *ms, uint32_t family, const char *table,
				  const char *name)
{
	for (uint32_t i = 0; i < ms->n; i++) {
		struct nl_set *s = &ms->v[i]->set;
		if (s->family == family && !strcmp(s->table, table) && !strcmp(s->name, name))
			return &ms->v[i];
	}
	return NULL;
}

static void set_free(struct mon_set *m)
{
	if (!m->own)
		return;        /* in the shared arena, with its struct */
	arena_free(m->own);
	free(m->own);
	free(m);
}

/* Takes `m` (a set with its own arena, or one in the shared arena). */
static void sets_add(struct mon_sets *ms, struct mon_set *m)
{
	struct mon_set **old = sets_find(ms, m->set.family, m->set.table, m->set.name);
	if (old) {
		set_free(*old);
		*old = m;
		return;
	}
	if (ms->n == ms->cap) {
		ms->cap = ms->cap ? ms->cap * 2 : 64;
		ms->v = xrealloc(ms->v, ms->cap * sizeof(*ms->v));
	}
	ms->v[ms->n++] = m;
}

/* Forgets set `name` (NULL: every set of the table, `table` NULL: of the family). */
static void sets_drop(struct mon_sets *ms, uint32_t family, const char *table, const char *name)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < ms->n; i++) {
		struct nl_set *s = &ms->v[i]->set;
		bool gone = s->family == family && (!table || !strcmp(s->table, table)) &&
			    (!name || !strcmp(s->name, name));
		if (gone)
			set_free(ms->v[i]);
		else
			ms->v[k++] = ms->v[i];
	}
	ms->n = k;
}

static void sets_free(struct mon_sets *ms)
{
	for (uint32_t i = 0; i < ms->n; i++)
		set_free(ms->v[i]);
	free(ms->v);
	arena_free(&ms->arena);
}

struct mon_lift {
	struct monitor *m;
	uint32_t family;
};

static const struct nl_set *mon_find_set(void *priv, const char *table, const char *name)
{
	struct mon_lift *ml = priv;
	struct mon_set **s = sets_find(&ml->m->sets, ml->family, table, name);
	return s ? &(*s)->set : NULL;
}

static const struct lift_sets_ops mon_sets_ops = { .find = mon_find_set };

static const char *verb_of(const struct nl_event *ev)
{
	if (ev->is_new)
		return "add";
	return ev->type >= 26 ? "destroy" : "delete";
}

/* ------------------------------------------------------------------ JSON */

static void json_begin(struct monitor *m, struct json_out *j, const char *verb)
{
	jo_init(j, m->r->out);
	jo_obj_open(j);
	jo_key(j, verb);
}

static void json_end(struct monitor *m, struct json_out *j)
{
	jo_obj_close(j);
	wr_putc(m->r->out, '\n');
	jo_free(j);
}

/* ------------------------------------------------------------------ elements */

/* One element line: `add element ip t s { 20-30 }`, or its JSON. */
static void print_elem_line(struct monitor *m, const struct nl_set *s, struct expr *one)
{
	const struct print_opts *po = &m->r->cli->o.po;
	const char *verb = m->pend.is_new ? "add" : "delete";
	if (m->json) {
		struct json_out j;
		json_begin(m, &j, verb);
		jo_obj_open(&j);
		jo_kobj_open(&j, "element");
		jo_kstr(&j, "family", family_name(s->family));
		jo_kstr(&j, "table", s->table);
		jo_kstr(&j, "name", s->name);
		jo_key(&j, "elem");
		json_print_expr(one, po, &j);
		jo_obj_close(&j);
		jo_obj_close(&j);
		json_end(m, &j);
		return;
	}
	wr_printf(m->r->out, "%s element %s %s %s ", verb, family_name(s->family), s->table,
		  s->name);
	print_expr(one, po, m->r->out);
	wr_putc(m->r->out, '\n');
}

/* Elements v[0..n) of the pending set, lifted as the listing lifts them (ranges
 * merged, sorted), each item on a line of its own. */
static void print_elem_group(struct monitor *m, const struct nl_elem *v, uint32_t n)
{
	struct nl_set s = *m->pend.set;
	s.elems = (struct nl_elem *)v;
	s.nelems = s.elems_cap = n;
	struct arena *a = &m->pend.arena;
	struct lift_ctx lc = { .arena = a, .family = s.family };
	struct expr *elems = lift_set_elems(&lc, &s);
	if (!elems || elems->kind != EXPR_SET)
		return;
	for (uint32_t i = 0; i < elems->list.n; i++) {
		struct expr *one = expr_alloc(a, EXPR_SET, NULL);
		*one = *elems;
		one->list = (struct expr_list){ 0 };
		expr_list_add(a, &one->list, elems->list.v[i]);
		print_elem_line(m, &s, one);
	}
}

static bool is_end(const struct nl_elem *e)
{
	return e->flags & NFT_SET_ELEM_INTERVAL_END;
}

static int key_cmp(const struct nl_elem *a, const struct nl_elem *b)
{
	uint32_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
	int c = a->key && b->key ? memcmp(a->key, b->key, n) : 0;
	return c ? c : (int)a->key_len - (int)b->key_len;
}

/* Prints the elements waiting, one line each in the order they came, the two
 * halves of an interval (start then end, or end then start when the kernel walks
 * a set backwards) as one range. */
static void flush_elems(struct monitor *m)
{
	struct mon_pending *p = &m->pend;
	if (!p->set || !p->n) {
		p->set = NULL;
		p->n = 0;
		return;
	}
	bool interval = (p->set->flags & NFT_SET_INTERVAL) && !(p->set->flags & NFT_SET_ANONYMOUS);
	/* added intervals in the order of their keys: nft sends them so, merging every
	 * element command of a set in a transaction */
	if (interval && p->is_new)
		print_elem_group(m, p->v, p->n);
	for (uint32_t i = 0; i < p->n && !(interval && p->is_new);) {
		uint32_t take = 1;
		if (interval && i + 1 < p->n) {
			const struct nl_elem *a = &p->v[i], *b = &p->v[i + 1];
			if ((!is_end(a) && is_end(b) && key_cmp(a, b) < 0) ||
			    (is_end(a) && !is_end(b) && key_cmp(b, a) < 0))
				take = 2;
		}
		if (interval && take == 1 && is_end(&p->v[i])) {
			i++;             /* an end without its start: nothing to show */
			continue;
		}
		print_elem_group(m, &p->v[i], take);
		i += take;
	}
	p->set = NULL;
	p->n = 0;
	arena_reset(&p->arena);
}

static void on_elems(struct monitor *m, const struct nl_event *ev, const struct nlmsghdr *h)
{
	struct mon_set **cached = sets_find(&m->sets, ev->family, ev->set.table, ev->set.name);
	if (!cached) {
		wr_puts(m->r->err, "W: Received event for an unknown set.\n");
		wr_flush(m->r->err);
		return;
	}
	struct nl_set *s = &(*cached)->set;
	if (s->flags & NFT_SET_ANONYMOUS) {
		/* a rule's anonymous set: kept for the rule that follows, never shown */
		struct arena *a = (*cached)->own ? (*cached)->own : &m->sets.arena;
		if (!ev->is_new)
			return;
		struct nl_event again;
		if (nl_event_decode(a, h, &again) < 0)
			return;
		for (uint32_t i = 0; i < again.set.nelems; i++) {
			if (s->nelems == s->elems_cap) {
				s->elems_cap = s->elems_cap ? s->elems_cap * 2 : 16;
				struct nl_elem *nv = arena_alloc(a, s->elems_cap * sizeof(*nv));
				if (s->nelems)
					memcpy(nv, s->elems, s->nelems * sizeof(*nv));
				s->elems = nv;
			}
			s->elems[s->nelems++] = again.set.elems[i];
		}
		return;
	}
	if (!(m->what & MON_ELEMS) || (m->only_new && !ev->is_new) ||
	    (m->only_destroy && ev->is_new))
		return;
	if (m->pend.set != s || m->pend.is_new != ev->is_new)
		flush_elems(m);
	m->pend.set = s;
	m->pend.is_new = ev->is_new;
	/* the elements are in the event's scratch: copied into the pending arena */
	struct nl_event again;
	if (nl_event_decode(&m->pend.arena, h, &again) < 0)
		return;
	for (uint32_t i = 0; i < again.set.nelems; i++) {
		if (m->pend.n == m->pend.cap) {
			m->pend.cap = m->pend.cap ? m->pend.cap * 2 : 16;
			m->pend.v = xrealloc(m->pend.v, m->pend.cap * sizeof(*m->pend.v));
		}
		m->pend.v[m->pend.n++] = again.set.elems[i];
	}
}

/* ------------------------------------------------------------------ objects */

/* A declaration block as nft's monitor shows it: ` { type ...; flags ...; }`. */
static void braces(struct writer *w, const char *text, bool semicolons)
{
	if (semicolons) {
		print_inner_as_braces(text, w);
		return;
	}
	/* one line of body (counter, quota, limit): no semicolon */
	const char *first = strchr(text, '\n');
	if (!first)
		return;
	const char *s = first + 1;
	while (*s == '\t' || *s == ' ')
		s++;
	const char *e = strchr(s, '\n');
	wr_puts(w, " { ");
	wr_write(w, s, e ? (size_t)(e - s) : strlen(s));
	wr_puts(w, " }");
}

static bool obj_one_line(uint32_t type)
{
	return type == NFT_OBJECT_COUNTER || type == NFT_OBJECT_QUOTA ||
	       type == NFT_OBJECT_LIMIT || type == NFT_OBJECT_SECMARK ||
	       type == NFT_OBJECT_SYNPROXY;
}

static unsigned what_of(enum nl_event_kind k)
{
	switch (k) {
	case NL_EV_TABLE: return MON_TABLES;
	case NL_EV_CHAIN: return MON_CHAINS;
	case NL_EV_SET: return MON_SETS;
	case NL_EV_RULE: return MON_RULES;
	case NL_EV_ELEMS: return MON_ELEMS;
	case NL_EV_OBJ: return MON_OBJS;
	case NL_EV_FLOWTABLE: return MON_FLOWTABLES;
	case NL_EV_TRACE: return MON_TRACE;
	case NL_EV_GEN: return 0;
	}
	return 0;
}

void monitor_table_line(struct writer *out, const char *verb, struct table_decl *t,
			uint32_t family, bool body, const struct print_opts *po)
{
	wr_printf(out, "%s table %s %s", verb, family_name(family), t->name);
	if (body && t->flags) {
		struct table_decl shown = *t;
		struct listed_table lt = { .table = &shown };
		struct print_opts p2 = *po;
		struct writer tmp;
		shown.comment = NULL;
		p2.handle = false;
		writer_init_mem(&tmp);
		print_table(&lt, &p2, &tmp);
		braces(out, wr_cstr(&tmp), true);
		writer_free(&tmp);
	}
	if (po->handle && t->handle)
		wr_printf(out, " # handle %" PRIu64, t->handle);
	wr_putc(out, '\n');
}

static void on_table(struct monitor *m, const struct nl_event *ev)
{
	const struct print_opts *po = &m->r->cli->o.po;
	struct table_decl *t = lift_table(&m->scratch, &ev->table);
	if (m->json) {
		struct json_out j;
		json_begin(m, &j, verb_of(ev));
		json_print_table_obj(t, po, &j);
		json_end(m, &j);
		return;
	}
	monitor_table_line(m->r->out, verb_of(ev), t, ev->family, ev->is_new, po);
}

static void on_chain(struct monitor *m, const struct nl_event *ev)
{
	const struct print_opts *po = &m->r->cli->o.po;
	const struct nl_chain *c = &ev->chain;
	struct chain_decl *d = lift_chain(&m->scratch, c);
	if (m->json) {
		struct json_out j;
		struct json_names n = { c->family, c->table, NULL };
		json_begin(m, &j, verb_of(ev));
		json_print_chain_obj(d, &n, po, &j);
		json_end(m, &j);
		return;
	}
	wr_printf(m->r->out, "%s chain %s %s %s", verb_of(ev), family_name(c->family), c->table,
		  c->name);
	if (ev->is_new && c->has_hook) {
		struct listed_chain lc = { .chain = d };
		struct print_opts p2 = *po;
		p2.handle = false;
		wr_reset(&m->tmp);
		print_chain(&lc, &p2, &m->tmp);
		braces(m->r->out, wr_cstr(&m->tmp), true);
	}
	if (po->handle)
		wr_printf(m->r->out, " # handle %" PRIu64, c->handle);
	wr_putc(m->r->out, '\n');
}

static void on_set(struct monitor *m, const struct nl_event *ev, const struct nlmsghdr *h)
{
	const struct nl_set *s = &ev->set;
	bool anon = s->flags & NFT_SET_ANONYMOUS;
	if (ev->is_new) {
		struct mon_set *c = xmalloc(sizeof(*c));
		struct nl_event keep;
		c->own = xmalloc(sizeof(*c->own));
		arena_init(c->own, 4096);
		if (nl_event_decode(c->own, h, &keep) == 0) {
			c->set = keep.set;
			sets_add(&m->sets, c);
		} else {
			set_free(c);
		}
	}
	bool shown = (m->what & MON_SETS) && !(m->only_new && !ev->is_new) &&
		     !(m->only_destroy && ev->is_new) && !(anon && ev->is_new);
	if (shown) {
		const struct print_opts *po = &m->r->cli->o.po;
		struct listed_set ls = { .set = lift_set_decl(&m->scratch, s) };
		const char *word = s->flags & (NFT_SET_MAP | NFT_SET_OBJECT) ? "map" : "set";
		if (m->json) {
			struct json_out j;
			struct json_names n = { s->family, s->table, NULL };
			json_begin(m, &j, verb_of(ev));
			json_print_set_obj(&ls, &n, po, &j);
			json_end(m, &j);
		} else {
			wr_printf(m->r->out, "%s %s %s %s %s", verb_of(ev), ev->is_new ? word : "set",
				  family_name(s->family), s->table, s->name);
			if (ev->is_new) {
				struct print_opts p2 = *po;
				p2.handle = false;
				wr_reset(&m->tmp);
				print_set(&ls, &p2, &m->tmp);
				braces(m->r->out, wr_cstr(&m->tmp), true);
				wr_putc(m->r->out, ' ');
			}
			if (po->handle)
				wr_printf(m->r->out, " # handle %" PRIu64, s->handle);
			wr_putc(m->r->out, '\n');
		}
	}
	if (!ev->is_new)
		sets_drop(&m->sets, s->family, s->table, s->name);
}

static void on_rule(struct monitor *m, const struct nl_event *ev)
{
	const struct print_opts *po = &m->r->cli->o.po;
	const struct nl_rule *nr = &ev->rule;
	struct mon_lift ml = { m, nr->family };
	struct lift_ctx lc = { .arena = &m->scratch, .family = nr->family,
			       .sets = &mon_sets_ops, .sets_priv = &ml };
	struct rule ru;
	memset(&ru, 0, sizeof(ru));
	if (lift_rule(&lc, nr, &ru) < 0)
		return;
	const char *verb = !ev->is_new ? verb_of(ev)
			   : (ev->flags & NLM_F_APPEND) ? "add" : "insert";
	if (m->json) {
		struct json_out j;
		struct json_names n = { nr->family, nr->table, nr->chain };
		json_begin(m, &j, verb);
		json_print_rule_obj(&ru, &n, po, &j);
		json_end(m, &j);
		return;
	}
	struct writer *w = m->r->out;
	wr_printf(w, "%s rule %s %s %s ", verb, family_name(nr->family), nr->table, nr->chain);
	if (!ev->is_new) {
		wr_printf(w, "handle %" PRIu64 "\n", nr->prog.handle);
		return;
	}
	if (nr->prog.position)
		wr_printf(w, "handle %" PRIu64 " ", nr->prog.position);
	print_rule(&ru, po, w);
	wr_putc(w, '\n');
}

void monitor_obj_line(struct writer *out, const char *verb, const struct obj_decl *d,
		      uint32_t family, const char *table, bool body, const struct print_opts *po)
{
	struct writer tmp;
	wr_printf(out, "%s %s %s %s %s", verb, objtype_word(d->type), family_name(family), table,
		  d->name);
	if (body) {
		struct obj_decl shown = *d;
		struct print_opts p2 = *po;
		p2.handle = false;
		shown.comment = NULL;
		writer_init_mem(&tmp);
		print_obj(&shown, &p2, &tmp);
		braces(out, wr_cstr(&tmp), !obj_one_line(d->type));
		writer_free(&tmp);
		wr_putc(out, ' ');
	}
	if (po->handle)
		wr_printf(out, " # handle %" PRIu64, d->handle);
	wr_putc(out, '\n');
}

static void on_obj(struct monitor *m, const struct nl_event *ev)
{
	const struct print_opts *po = &m->r->cli->o.po;
	const struct nl_obj *o = &ev->obj;
	struct obj_decl *d = lift_obj(&m->scratch, o);
	if (m->json) {
		struct json_out j;
		struct json_names n = { o->family, o->table, NULL };
		json_begin(m, &j, verb_of(ev));
		json_print_obj_obj(d, &n, po, &j);
		json_end(m, &j);
		return;
	}
	monitor_obj_line(m->r->out, verb_of(ev), d, o->family, o->table, ev->is_new, po);
}

static void on_flowtable(struct monitor *m, const struct nl_event *ev)
{
	const struct print_opts *po = &m->r->cli->o.po;
	const struct nl_flowtable *f = &ev->flowtable;
	struct flowtable_decl *d = lift_flowtable(&m->scratch, f);
	if (m->json) {
		struct json_out j;
		struct json_names n = { f->family, f->table, NULL };
		json_begin(m, &j, verb_of(ev));
		json_print_flowtable_obj(d, &n, po, &j);
		json_end(m, &j);
		return;
	}
	wr_printf(m->r->out, "%s flowtable %s %s %s", verb_of(ev), family_name(f->family),
		  f->table, f->name);
	if (ev->is_new) {
		struct print_opts p2 = *po;
		p2.handle = false;
		wr_reset(&m->tmp);
		print_flowtable(d, &p2, &m->tmp);
		braces(m->r->out, wr_cstr(&m->tmp), true);
	}
	wr_putc(m->r->out, '\n');
}

static void on_event(struct monitor *m, const struct nlmsghdr *h)
{
	struct nl_event ev;
	arena_reset(&m->scratch);
	if (nl_event_decode(&m->scratch, h, &ev) < 0)
		return;
	if (ev.kind != NL_EV_ELEMS)
		flush_elems(m);
	if (ev.kind == NL_EV_TABLE && !ev.is_new)
		sets_drop(&m->sets, ev.family, ev.table.name, NULL);
	if (ev.kind == NL_EV_SET) {
		on_set(m, &ev, h);
		return;
	}
	if (ev.kind == NL_EV_ELEMS) {
		on_elems(m, &ev, h);
		return;
	}
	if (ev.kind == NL_EV_GEN) {
		if (!m->json && (m->what & MON_RULESET) == MON_RULESET &&
		    !m->only_new && !m->only_destroy)
			wr_printf(m->r->out, "# new generation %u by process %u (%s)\n", ev.gen.id,
				  ev.gen.pid, ev.gen.proc ? ev.gen.proc : "");
		return;
	}
	if (!(m->what & what_of(ev.kind)))
		return;
	if (ev.kind == NL_EV_TRACE) {
		struct mon_lift ml = { m, ev.family };
		struct lift_ctx lc = { .arena = &m->scratch, .family = ev.family,
				       .sets = &mon_sets_ops, .sets_priv = &ml };
		if (!m->json)     /* nft 1.1.4 prints no JSON for traces */
			monitor_trace(m->r, &m->trace, &ev.trace, &lc);
		return;
	}
	if ((m->only_new && !ev.is_new) || (m->only_destroy && ev.is_new))
		return;
	switch (ev.kind) {
	case NL_EV_TABLE: on_table(m, &ev); break;
	case NL_EV_CHAIN: on_chain(m, &ev); break;
	case NL_EV_RULE: on_rule(m, &ev); break;
	case NL_EV_OBJ: on_obj(m, &ev); break;
	case NL_EV_FLOWTABLE: on_flowtable(m, &ev); break;
	default: break;
	}
}

/* The words after `monitor`. 0, or -1 with the error printed. */
static int parse_words(struct monitor *m, const char *text, struct writer *err)
{
	static const struct { const char *word; unsigned what; } objs[] = {
		{ "tables", MON_TABLES }, { "chains", MON_CHAINS }, { "sets", MON_SETS },
		{ "rules", MON_RULES }, { "elements", MON_ELEMS }, { "ruleset", MON_RULESET },
		{ "trace", MON_TRACE },
	};
	char buf[256];
	size_t n = strlen(text);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, text, n);
	buf[n] = 0;
	char *save = NULL;
	int stage = 0;     /* 0 `monitor`, 1 event, 2 object, 3 format */
	m->what = MON_ALL;
	for (char *w = strtok_r(buf, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
		if (stage == 0) {
			stage = 1;
			continue;
		}
		if (stage == 1 && (!strcmp(w, "new") || !strcmp(w, "destroy"))) {
			m->only_new = w[0] == 'n';
			m->only_destroy = !m->only_new;
			stage = 2;
			continue;
		}
		size_t i;
		for (i = 0; stage <= 2 && i < sizeof(objs) / sizeof(objs[0]); i++)
			if (!strcmp(w, objs[i].word))
				break;
		if (stage <= 2 && i < sizeof(objs) / sizeof(objs[0])) {
			m->what = objs[i].what;
			stage = 3;
			continue;
		}
		if (!strcmp(w, "vm") && stage <= 3) {
			stage = 4;
			continue;
		}
		if (!strcmp(w, "json") && stage <= 4) {
			m->json = true;
			stage = 5;
			continue;
		}
		/* nft's words, the word underlined */
		size_t at = (size_t)(w - buf), len = strlen(w);
		wr_printf(err, "Error: invalid event %s\n%s\n%*s", w, text, (int)at, "");
		for (size_t k = 0; k < len; k++)
			wr_putc(err, '^');
		wr_putc(err, '\n');
		return -1;
	}
	return stage == 4 ? (wr_puts(err, "Error: syntax error, expecting json\n"), -1) : 0;
}

/* The sets that exist now: rules and elements of later events name them. */
static int load_sets(struct monitor *m)
{
	struct nl_set *v;
	int n = nl_dump_sets(&m->r->cli->sock, &m->sets.arena, 0, NULL, NULL, &v);
	if (n < 0)
		return n;
	struct mon_set *ms = arena_alloc(&m->sets.arena, sizeof(*ms) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		/* a traced rule's anonymous sets are shown with their elements */
		if ((m->what & MON_TRACE) && (v[i].flags & NFT_SET_ANONYMOUS)) {
			int rc = nl_dump_elems(&m->r->cli->sock, &m->sets.arena, &v[i]);
			if (rc < 0)
				return rc;
		}
		ms[i] = (struct mon_set){ .set = v[i], .own = NULL };
		sets_add(&m->sets, &ms[i]);
	}
	return 0;
}

int cli_monitor(struct cli *c, const char *text, struct writer *out, struct writer *err)
{
	struct run r = { .cli = c, .out = out, .err = err };
	struct monitor m = { .r = &r };
	if (parse_words(&m, text, err) < 0) {
		wr_flush(err);
		return 1;
	}
	m.json |= c->o.json;
	int rc = cli_socket(c);
	struct nl_sock ev_sock;
	const char *rb = getenv("NFTC_MONITOR_RCVBUF");     /* tests: provoke overruns */
	if (rc == 0)
		rc = nl_events_open(&ev_sock, (m.what & MON_RULESET) != 0,
				    (m.what & MON_TRACE) != 0, rb ? atoi(rb) : 0);
	if (rc < 0) {
		wr_printf(err, "Error: cannot open netlink socket: %s\n", strerror(-rc));
		wr_flush(err);
		return 3;
	}
	arena_init(&m.sets.arena, 64 * 1024);
	arena_init(&m.pend.arena, 16 * 1024);
	arena_init(&m.scratch, 64 * 1024);
	writer_init_mem(&m.tmp);
	rc = load_sets(&m);
	if (rc == 0 && (m.what & MON_TRACE)) {
		rc = monitor_trace_init(&r, &m.trace);
		m.tracing = true;
	}
	if (rc < 0) {
		wr_printf(err, "Error: cannot read the ruleset: %s\n", strerror(-rc));
		wr_flush(err);
	}
	int code = rc < 0 ? 1 : 0;
	while (rc == 0) {
		ssize_t n = nl_events_recv(&ev_sock);
		if (n == -ENOBUFS) {
			/* the socket overran: what was lost is lost, the rest goes on */
			flush_elems(&m);
			wr_flush(out);
			wr_puts(err, "# ERROR: We lost some netlink events!\n");
			wr_flush(err);
			continue;
		}
		if (n < 0) {
			wr_printf(err, "Error: netlink: %s\n", strerror((int)-n));
			code = 1;
			break;
		}
		size_t off = 0;
		const struct nlmsghdr *h;
		const uint8_t *buf = nl_events_buf(&ev_sock);
		while ((h = nl_events_next(buf, (size_t)n, &off)) != NULL)
			on_event(&m, h);
		if (wr_flush(out)) {
			code = 1;
			break;
		}
	}
	flush_elems(&m);
	wr_flush(out);
	wr_flush(err);
	nl_sock_close(&ev_sock);
	writer_free(&m.tmp);
	sets_free(&m.sets);
	free(m.pend.v);
	arena_free(&m.pend.arena);
	arena_free(&m.scratch);
	if (m.tracing)
		monitor_trace_free(&m.trace);
	return code;
}
