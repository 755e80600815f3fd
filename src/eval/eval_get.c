/* The keys of `get element`: what nft 1.1.4 asks the kernel for, which is not what
 * add or delete send. Each item is evaluated and encoded by the ordinary element job,
 * alone (a get is never sorted nor merged: the kernel answers in the order asked), and
 * only its key is kept. In an interval set that is no concatenation a single value is
 * sent as its start alone (the kernel answers with the interval holding it), a range
 * or a prefix as its start and an interval-end element one past its top (zero when it
 * runs to the top, as nft wraps it); concatenations and plain sets send the key (and
 * key end) the job made. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "eval.h"
#include "rule_ctx.h"
#include "eval_get.h"

/* the key of an item of the list, past its mapping and element wrappers */
static const struct expr *item_key(const struct expr *it)
{
	if (it->kind == EXPR_MAPPING)
		it = it->bin.left;
	if (it->kind == EXPR_SET_ELEM)
		it = it->elem.key;
	return it;
}

static struct nl_elem *new_elem(struct arena *a, struct nl_set *s)
{
	if (s->nelems == s->elems_cap) {
		uint32_t cap = s->elems_cap ? s->elems_cap * 2 : 8;
		s->elems = arena_grow(a, s->elems, s->nelems, cap, sizeof(*s->elems));
		s->elems_cap = cap;
	}
	struct nl_elem *e = &s->elems[s->nelems++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void keep_key(struct arena *a, struct nl_set *s, const struct nl_elem *from,
		     uint32_t flags)
{
	struct nl_elem *e = new_elem(a, s);
	e->key = from->key;
	e->key_len = from->key_len;
	e->present = 1u << NFTA_SET_ELEM_KEY;
	if (from->key_end) {
		e->key_end = from->key_end;
		e->key_end_len = from->key_end_len;
		e->present |= 1u << NFTA_SET_ELEM_KEY_END;
	}
	if (flags) {
		e->flags = flags;
		e->present |= 1u << NFTA_SET_ELEM_FLAGS;
	}
}

/* The element job's answer for one item of a rbtree set: [zero end,] start[, end]. */
static void keep_interval(struct arena *a, struct nl_set *s, const struct nl_set *one,
			  bool ranged)
{
	uint32_t i = 0;
	while (i < one->nelems && (one->elems[i].flags & NFT_SET_ELEM_INTERVAL_END))
		i++;                               /* the leading zero end */
	if (i == one->nelems)
		return;
	keep_key(a, s, &one->elems[i], 0);
	if (!ranged)
		return;
	if (i + 1 < one->nelems) {
		keep_key(a, s, &one->elems[i + 1], NFT_SET_ELEM_INTERVAL_END);
		return;
	}
	/* runs to the top: nft's one past it wraps to zero */
	struct nl_elem zero = { .key = arena_alloc(a, one->elems[i].key_len),
				.key_len = one->elems[i].key_len };
	memset((uint8_t *)zero.key, 0, zero.key_len);
	keep_key(a, s, &zero, NFT_SET_ELEM_INTERVAL_END);
}

int eval_lower_get_elems(struct eval_ctx *ec, uint32_t family, struct expr *elems,
			 struct expr *key_tmpl, struct nl_set *set)
{
	bool rbtree = (set->flags & NFT_SET_INTERVAL) && key_tmpl->kind != EXPR_CONCAT;
	for (uint32_t i = 0; i < elems->list.n; i++) {
		/* `get element … { k : v }` asks for k: a map's data is not sent */
		struct expr *item = elems->list.v[i];
		if (item->kind == EXPR_MAPPING)
			item = item->bin.left;
		struct expr list = *elems;
		list.list.v = &item;
		list.list.n = 1;
		struct nl_set one = *set;
		one.elems = NULL;
		one.nelems = one.elems_cap = 0;
		one.auto_merge = false;
		if (eval_lower_elems(ec, family, &list, key_tmpl, NULL, &one) < 0)
			return -1;
		const struct expr *k = item_key(item);
		if (rbtree) {
			keep_interval(ec->arena, set, &one,
				      k->kind == EXPR_RANGE || k->kind == EXPR_PREFIX);
			continue;
		}
		for (uint32_t e = 0; e < one.nelems; e++)
			keep_key(ec->arena, set, &one.elems[e], 0);
	}
	return 0;
}
