/* The merged statement of a run of rules, built as the parser would have built it had
 * it been written so: the run's matches become one match against an anonymous set
 * (a concatenation when the rules match on several things), a verdict map when their
 * verdicts differ, or the address of a nat map when their nat statements differ. The
 * elements follow nft's order: rule by rule, a set or list in a rule multiplied out
 * column by column. The original rules are left as they were. */
#include <string.h>
#include "opt_int.h"

static struct expr *match_right(const struct opt_run *run, uint32_t i, uint32_t k)
{
	return (struct expr *)opt_deref(run->cells[i][run->match_cols[k]]->expr->bin.right);
}

static struct expr *match_left(const struct opt_run *run, uint32_t k)
{
	return run->cells[0][run->match_cols[k]]->expr->bin.left;
}

static struct expr *elem_of(struct arena *a, struct expr *key)
{
	key = (struct expr *)opt_deref(key);
	if (key->kind == EXPR_SET_ELEM)
		return arena_memdup(a, key, sizeof(*key));
	struct expr *e = expr_alloc(a, EXPR_SET_ELEM, &key->loc);
	e->elem.key = key;
	return e;
}

/* The values one column of a rule stands for: a set's keys, a list's items, or the
 * value itself. */
static uint32_t column_values(const struct expr *v, struct expr ***out)
{
	if (v->kind == EXPR_SET || v->kind == EXPR_LIST) {
		*out = v->list.v;
		return v->list.n;
	}
	return 0;
}

/* The element keys of rule i: with one column its values (set elements kept whole);
 * with several, every combination, in nft's order. */
static void rule_keys(const struct opt_run *run, uint32_t i, struct expr_list *keys)
{
	struct arena *a = run->a;
	if (run->nmatch == 1) {
		struct expr *v = match_right(run, i, 0), **items;
		uint32_t n = column_values(v, &items);
		if (!n)
			expr_list_add(a, keys, elem_of(a, v));
		for (uint32_t k = 0; k < n; k++)
			expr_list_add(a, keys, elem_of(a, items[k]));
		return;
	}
	struct expr_list part = { 0 };
	expr_list_add(a, &part, expr_alloc(a, EXPR_CONCAT, NULL));
	for (uint32_t c = 0; c < run->nmatch; c++) {
		struct expr *v = match_right(run, i, c), **items;
		uint32_t n = column_values(v, &items);
		struct expr_list next = { 0 };
		for (uint32_t p = 0; p < part.n; p++) {
			for (uint32_t k = 0; k < (n ? n : 1); k++) {
				struct expr *x = n ? (struct expr *)opt_deref(items[k]) : v;
				if (x->kind == EXPR_SET_ELEM)
					x = (struct expr *)opt_deref(x->elem.key);
				struct expr *cc = expr_alloc(a, EXPR_CONCAT, NULL);
				for (uint32_t j = 0; j < part.v[p]->list.n; j++)
					expr_list_add(a, &cc->list, part.v[p]->list.v[j]);
				expr_list_add(a, &cc->list, x);
				expr_list_add(a, &next, cc);
			}
		}
		part = next;
	}
	for (uint32_t p = 0; p < part.n; p++)
		expr_list_add(a, keys, elem_of(a, part.v[p]));
}

/* The selector of the merged match: the one column's, or their concatenation. */
static struct expr *merged_key(const struct opt_run *run)
{
	if (run->nmatch == 1)
		return match_left(run, 0);
	struct expr *cc = expr_alloc(run->a, EXPR_CONCAT, &match_left(run, 0)->loc);
	for (uint32_t k = 0; k < run->nmatch; k++)
		expr_list_add(run->a, &cc->list, match_left(run, k));
	return cc;
}

/* Keys given twice would be one element of two meanings: nft merges nothing then. */
static bool keys_repeat(const struct expr_list *items)
{
	for (uint32_t i = 0; i < items->n; i++)
		for (uint32_t j = i + 1; j < items->n; j++)
			if (opt_expr_equal(items->v[i]->bin.left->elem.key,
					   items->v[j]->bin.left->elem.key))
				return true;
	return false;
}

/* The family a nat map's addresses are of: as written, or that of the network header
 * the rules match (`ip daddr`), as nft sets it (in an inet table eval needs it). */
static uint32_t nat_family(const struct opt_run *run, uint32_t written)
{
	if (written)
		return written;
	for (uint32_t k = 0; k < run->nmatch; k++) {
		const struct expr *l = opt_deref(match_left(run, k));
		if (l && l->kind == EXPR_PAYLOAD && l->payload.proto && l->payload.proto->nfproto)
			return l->payload.proto->nfproto;
	}
	return 0;
}

static bool column_all_equal(const struct opt_run *run, int col)
{
	if (col < 0)
		return true;
	for (uint32_t i = 1; i < run->nrules; i++)
		if (!opt_stmt_equal(run->cells[0][col], run->cells[i][col]))
			return false;
	return true;
}

static int column_of(const struct opt_run *run, const struct stmt *s)
{
	for (uint32_t c = 0; c < run->ncols; c++)
		if (run->cells[0][c] == s)
			return (int)c;
	return -1;
}

static bool is_match_col(const struct opt_run *run, int c)
{
	for (uint32_t k = 0; k < run->nmatch; k++)
		if ((int)run->match_cols[k] == c)
			return true;
	return false;
}

enum merge_kind { MERGE_SET, MERGE_VMAP, MERGE_VMAPS, MERGE_NAT };

/* The first rule with its statements replaced: the merged statement where the first
 * match column was (or the nat statement's place), the other matches dropped, and for
 * a verdict map its verdict and counters (moved into the elements). */
static struct rule *rebuild(const struct opt_run *run, enum merge_kind mk, struct stmt *merged)
{
	struct arena *a = run->a;
	const struct rule *first = run->rules[0];
	struct rule *r = arena_memdup(a, first, sizeof(*r));
	memset(&r->stmts, 0, sizeof(r->stmts));
	r->comment = NULL;
	r->span = NULL;
	for (uint32_t j = 0; j < first->stmts.n; j++) {
		struct stmt *s = first->stmts.v[j];
		int c = column_of(run, s);
		if (c >= 0 && is_match_col(run, c)) {
			if (c == (int)run->match_cols[0] && mk != MERGE_NAT)
				stmt_list_add(a, &r->stmts, merged);
			continue;
		}
		if (mk == MERGE_VMAP && (c == run->verdict_col || s->kind == STMT_COUNTER))
			continue;
		if (mk == MERGE_NAT && c == run->nat_col) {
			stmt_list_add(a, &r->stmts, merged);
			continue;
		}
		stmt_list_add(a, &r->stmts, s);
	}
	return r;
}

static struct stmt *counter_of(const struct opt_run *run, uint32_t i)
{
	for (uint32_t c = 0; c < run->ncols; c++) {
		struct stmt *s = run->cells[i][c];
		if (s && s->kind == STMT_COUNTER)
			return s;
	}
	return NULL;
}

static struct rule *merge_set(const struct opt_run *run, struct opt_shown *shown)
{
	struct arena *a = run->a;
	struct stmt *m0 = run->cells[0][run->match_cols[0]];
	struct expr *set = expr_alloc(a, EXPR_SET, &m0->expr->bin.right->loc);
	for (uint32_t i = 0; i < run->nrules; i++)
		rule_keys(run, i, &set->list);
	uint32_t op = run->nmatch == 1 ? m0->expr->bin.op : OP_IMPLICIT;
	struct stmt *s = stmt_alloc(a, STMT_EXPR, &m0->loc);
	s->expr = expr_bin(a, EXPR_RELATION, &m0->expr->loc, merged_key(run), op, set);
	if (run->nmatch == 1) {
		/* nft's report keeps a rule's own set whole, as an element */
		shown->stmt = s;
		shown->set = expr_alloc(a, EXPR_SET, &set->loc);
		for (uint32_t i = 0; i < run->nrules; i++) {
			struct expr *v = match_right(run, i, 0);
			if (v->kind == EXPR_LIST)
				for (uint32_t k = 0; k < v->list.n; k++)
					expr_list_add(a, &shown->set->list, v->list.v[k]);
			else
				expr_list_add(a, &shown->set->list, v);
		}
	}
	return rebuild(run, MERGE_SET, s);
}

static struct rule *merge_vmap(const struct opt_run *run)
{
	struct arena *a = run->a;
	/* statements the elements cannot carry stay in the rule: only a counter moves */
	for (uint32_t c = 0; c < run->ncols; c++) {
		struct stmt *s = run->cells[0][c];
		if (s && opt_stmt_role(s) == ROLE_FIXED && s->kind != STMT_COUNTER)
			return NULL;
	}
	if (run->nat_col >= 0)
		return NULL;
	struct stmt *m0 = run->cells[0][run->match_cols[0]];
	struct expr *set = expr_alloc(a, EXPR_SET, &m0->expr->bin.right->loc);
	for (uint32_t i = 0; i < run->nrules; i++) {
		struct expr_list keys = { 0 };
		rule_keys(run, i, &keys);
		struct stmt *ctr = counter_of(run, i);
		struct expr *verdict = run->cells[i][run->verdict_col]->expr;
		for (uint32_t k = 0; k < keys.n; k++) {
			struct expr *elem = keys.v[k];
			if (ctr) {
				struct stmt_list *l = arena_alloc(a, sizeof(*l));
				stmt_list_add(a, l, arena_memdup(a, ctr, sizeof(*ctr)));
				elem->elem.stmts = l;
			}
			expr_list_add(a, &set->list,
				      expr_bin(a, EXPR_MAPPING, &elem->loc, elem, 0, verdict));
		}
	}
	if (keys_repeat(&set->list))
		return NULL;
	struct stmt *s = stmt_alloc(a, STMT_EXPR, &m0->loc);
	s->expr = expr_bin(a, EXPR_MAP, &m0->expr->loc, merged_key(run), 1, set);
	return rebuild(run, MERGE_VMAP, s);
}

/* Verdict maps on the same key: one map with the elements of all. */
static struct rule *merge_vmaps(const struct opt_run *run, struct opt_shown *shown)
{
	struct arena *a = run->a;
	struct stmt *m0 = run->cells[0][run->match_cols[0]];
	struct expr *set = expr_alloc(a, EXPR_SET, &m0->expr->bin.right->loc);
	for (uint32_t i = 0; i < run->nrules; i++) {
		const struct expr *items = opt_deref(run->cells[i][run->match_cols[0]]->expr->bin.right);
		for (uint32_t k = 0; k < items->list.n; k++)
			expr_list_add(a, &set->list, items->list.v[k]);
	}
	struct stmt *s = stmt_alloc(a, STMT_EXPR, &m0->loc);
	s->expr = expr_bin(a, EXPR_MAP, &m0->expr->loc, m0->expr->bin.left, 1, set);
	shown->stmt = s;               /* the first rule's set, parsed: a line each */
	shown->set = set;
	shown->lines = true;
	return rebuild(run, MERGE_VMAPS, s);
}

/* nat statements that differ: their addresses (and ports) become the data of a map
 * keyed by the matches. */
static struct rule *merge_nat(const struct opt_run *run)
{
	struct arena *a = run->a;
	struct stmt *n0 = run->cells[0][run->nat_col];
	struct expr *set = expr_alloc(a, EXPR_SET, &n0->loc);
	for (uint32_t i = 0; i < run->nrules; i++) {
		const struct stmt *n = run->cells[i][run->nat_col];
		struct expr *data;
		if (n->nat.addr && n->nat.proto) {
			data = expr_alloc(a, EXPR_CONCAT, &n->loc);
			expr_list_add(a, &data->list, (struct expr *)opt_deref(n->nat.addr));
			expr_list_add(a, &data->list, (struct expr *)opt_deref(n->nat.proto));
		} else {
			data = (struct expr *)opt_deref(n->nat.addr ? n->nat.addr : n->nat.proto);
		}
		struct expr_list keys = { 0 };
		rule_keys(run, i, &keys);
		for (uint32_t k = 0; k < keys.n; k++)
			expr_list_add(a, &set->list,
				      expr_bin(a, EXPR_MAPPING, &keys.v[k]->loc, keys.v[k], 0, data));
	}
	if (keys_repeat(&set->list))
		return NULL;
	struct stmt *s = arena_memdup(a, n0, sizeof(*n0));
	if (s->nat.addr)
		s->nat.family = nat_family(run, s->nat.family);
	struct expr *map = expr_bin(a, EXPR_MAP, &n0->loc, merged_key(run), 0, set);
	if (n0->nat.addr) {
		s->nat.addr = map;
		s->nat.proto = NULL;
	} else {
		s->nat.proto = map;
	}
	return rebuild(run, MERGE_NAT, s);
}

struct rule *opt_merge_run(const struct opt_run *run, struct opt_shown *shown)
{
	memset(shown, 0, sizeof(*shown));
	if (run->nmatch == 0 || run->nrules < 2)
		return NULL;
	bool vmaps = false;
	for (uint32_t k = 0; k < run->nmatch; k++)
		vmaps |= opt_stmt_is_vmap(run->cells[0][run->match_cols[k]]);
	if (vmaps)
		return run->nmatch == 1 ? merge_vmaps(run, shown) : NULL;
	bool same_verdict = column_all_equal(run, run->verdict_col);
	if (!column_all_equal(run, run->nat_col))
		return same_verdict ? merge_nat(run) : NULL;
	if (same_verdict)
		return merge_set(run, shown);
	return merge_vmap(run);
}
