/* `add|insert rule … index N` inside a batch: the N-th rule of a chain is the N-th as
 * the batch leaves it so far, which may be a rule added a few lines earlier and not yet
 * in the kernel. The kernel's own list is fetched once per chain asked about; the
 * batch's rule changes are logged (only when some command of the input uses `index`)
 * and replayed over it. A new rule is named by its NFTA_RULE_ID, which the kernel
 * resolves within the transaction (NFTA_RULE_POSITION_ID). */
#include <string.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "rule_order.h"

enum rule_event_kind { EV_APPEND, EV_INSERT, EV_DELETE, EV_FLUSH };

struct rule_event {
	uint8_t kind;
	uint32_t family;             /* EV_FLUSH: 0 for every family */
	const char *table, *chain;   /* EV_FLUSH: NULL for every table / chain */
	struct rule_ref self;        /* the rule added or deleted */
	struct rule_ref at;          /* where it was placed (0, 0: the end or start) */
};

struct rule_ref_list {
	struct rule_ref *v;
	uint32_t n, cap;
};

bool rule_order_wanted(const struct cmd_list *cmds)
{
	for (uint32_t i = 0; i < cmds->n; i++)
		if (cmds->v[i]->obj == OBJ_RULE && cmds->v[i]->h.has_index)
			return true;
	return false;
}

static void log_event(struct run *r, const struct rule_event *ev)
{
	struct rule_order *o = &r->order;
	o->log = arena_room(&r->arena, o->log, o->n, &o->cap, 16, sizeof(*o->log));
	o->log[o->n++] = *ev;
}

static bool ref_is(const struct rule_ref *a, const struct rule_ref *b)
{
	return (a->handle && a->handle == b->handle) || (a->id && a->id == b->id);
}

void rule_order_note(struct run *r, const struct lowered *lo)
{
	if (!r->order.on)
		return;
	if (lo->kind == LOWERED_TABLE && lo->msg_type == NFT_MSG_DELTABLE) {
		const struct nl_table *t = lo->table;
		log_event(r, &(struct rule_event){ .kind = EV_FLUSH, .family = t->family,
						   .table = t->name });
		return;
	}
	if (lo->kind == LOWERED_CHAIN && lo->msg_type == NFT_MSG_DELCHAIN) {
		const struct nl_chain *c = lo->chain;
		if (c->name)
			log_event(r, &(struct rule_event){ .kind = EV_FLUSH, .family = c->family,
							   .table = c->table, .chain = c->name });
		return;
	}
	if (lo->kind != LOWERED_RULE)
		return;
	struct nl_rule *ru = lo->rule;
	struct rule_event ev = { .family = ru->family, .table = ru->table, .chain = ru->chain };
	if (lo->msg_type == NFT_MSG_DELRULE) {
		ev.kind = ru->prog.handle ? EV_DELETE : EV_FLUSH;
		ev.self.handle = ru->prog.handle;
	} else if (lo->msg_type == NFT_MSG_NEWRULE && !(lo->nlm_flags & NLM_F_REPLACE)) {
		ru->prog.id = ++r->order.next_id;
		ev.kind = lo->nlm_flags & NLM_F_APPEND ? EV_APPEND : EV_INSERT;
		ev.self.id = ru->prog.id;
		ev.at.handle = ru->prog.position;
		ev.at.id = ru->prog.position_id;
	} else {
		return;
	}
	log_event(r, &ev);
}

static bool event_touches(const struct rule_event *ev, uint32_t family, const char *table,
			  const char *chain)
{
	return (!ev->family || ev->family == family) &&
	       (!ev->table || !strcmp(ev->table, table)) &&
	       (!ev->chain || !strcmp(ev->chain, chain));
}

static void list_put(struct arena *a, struct rule_ref_list *l, uint32_t at,
		     const struct rule_ref *ref)
{
	l->v = arena_room(a, l->v, l->n, &l->cap, 16, sizeof(*l->v));
	memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof(*l->v));
	l->v[at] = *ref;
	l->n++;
}

/* index of `ref` in the list, or n */
static uint32_t list_find(const struct rule_ref_list *l, const struct rule_ref *ref)
{
	uint32_t i = 0;
	while (i < l->n && !ref_is(&l->v[i], ref))
		i++;
	return i;
}

static void replay(struct arena *a, struct rule_ref_list *l, const struct rule_event *ev)
{
	bool placed = ev->at.handle || ev->at.id;
	uint32_t at;
	switch (ev->kind) {
	case EV_FLUSH:
		l->n = 0;
		return;
	case EV_DELETE:
		at = list_find(l, &ev->self);
		if (at < l->n) {
			memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof(*l->v));
			l->n--;
		}
		return;
	case EV_APPEND:
		at = placed ? list_find(l, &ev->at) : l->n;
		list_put(a, l, at < l->n ? at + 1 : l->n, &ev->self);
		return;
	case EV_INSERT:
		at = placed ? list_find(l, &ev->at) : 0;
		list_put(a, l, at < l->n ? at : 0, &ev->self);
		return;
	}
}

bool rule_order_at(struct run *r, uint32_t family, const char *table, const char *chain,
		   uint32_t index, const struct nl_rule *kernel, int nkernel,
		   struct rule_ref *out)
{
	struct rule_ref_list l = { 0 };
	for (int i = 0; i < nkernel; i++)
		list_put(&r->arena, &l, l.n, &(struct rule_ref){ .handle = kernel[i].prog.handle });
	for (uint32_t i = 0; i < r->order.n; i++)
		if (event_touches(&r->order.log[i], family, table, chain))
			replay(&r->arena, &l, &r->order.log[i]);
	if (index >= l.n)
		return false;
	*out = l.v[index];
	return true;
}
