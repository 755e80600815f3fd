/* JSON sets, maps and element commands (libnftables-json(5) "SET / MAP", "ELEMENT")
 * → the set declaration and element list the grammar builds for `add set … { … }`
 * and `add element … { … }` (build_cmd.c, build_expr.c). Values are expressions,
 * read by jin_expr; what makes an element list is read here: a value, or a
 * `[key, data]` pair, which is a map's mapping, as nft reads it. */
#include <stddef.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_cmd.h"
#include "../types/objtypes.h"

/* ------------------------------------------------------------ types */

/* "ipv4_addr", ["ipv4_addr", "inet_service"], {"typeof": EXPR}: the key or data of a
 * set as the grammar's type_spec or typeof_expr; *is_typeof tells which. */
static struct expr *set_type(struct jcmd *j, const char *key, bool *is_typeof)
{
	struct jin *c = j->c;
	struct jval *v = jc_get(j, key);
	struct jpath kp = JPATH_KEY(j->p, key);
	struct loc l = jin_loc(c, v);
	*is_typeof = false;
	if (jv_is_string(v))
		return b_type(&c->ps, &l, jv_str(v));
	if (jv_is_array(v) && jv_count(v)) {
		struct expr *t = NULL;
		for (size_t i = 0; i < jv_count(v); i++) {
			struct jval *w = jv_item(v, i);
			struct jpath ip = JPATH_IDX(&kp, i);
			if (!jv_is_string(w)) {
				jin_err(c, w, &ip, "a type must be a string");
				return NULL;
			}
			struct loc wl = jin_loc(c, w);
			struct expr *part = b_type(&c->ps, &wl, jv_str(w));
			if (!part)
				return NULL;
			t = t ? b_concat(&c->ps, &l, t, part) : part;
		}
		return t;
	}
	struct jval *e = jv_is_object(v) ? jv_get(v, "typeof") : NULL;
	if (e && jv_members(v) == 1) {
		struct jpath tp = JPATH_KEY(&kp, "typeof");
		*is_typeof = true;
		return jin_expr(c, e, &tp);
	}
	jin_err(c, v, &kp, "\"%s\" must be a type name, an array of them or {\"typeof\": …}",
		key);
	return NULL;
}

/* "map": the data of a map: a type, or an object type ("counter", "ct helper" …) */
static int map_data(struct jcmd *j, struct set_decl *s, struct expr *key, bool key_typeof)
{
	struct pstate *ps = &j->c->ps;
	struct jval *v = jc_get(j, "map");
	if (!v)
		return jc_err(j, NULL, "a map needs a \"map\" type");
	const struct objtype *ot = jv_is_string(v) ? objtype_by_word(jv_str(v))
						     : NULL;
	if (ot) {
		struct loc l = jin_loc(j->c, v);
		b_setd_objtype(ps, s, key, &l, ot->word);
		s->key_typeof = key_typeof;
		return 0;
	}
	bool data_typeof;
	struct expr *data = set_type(j, "map", &data_typeof);
	if (!data)
		return -1;
	b_setd_type(ps, s, key, data, key_typeof);
	/* b_setd_type reads `typeof a : b` as both typeof; JSON says each on its own */
	if (s->data == data)
		s->data_typeof = data_typeof;
	return 0;
}

/* ------------------------------------------------------------ elements */

/* An element's key: a value, or an {"elem": …} with its options; "*" is the
 * catch-all element (`*` in text), alone or as the "val" of an "elem". */
static struct expr *elem_key(struct jin *c, struct jval *v, const struct jpath *p)
{
	struct pstate *ps = &c->ps;
	struct loc l = jin_loc(c, v);
	struct expr *e = jin_expr(c, v, p);
	if (!e)
		return NULL;
	struct expr *elem = b_elem(ps, &l, e);
	if (elem->kind != EXPR_SET_ELEM)
		return elem;
	/* nft's JSON shows an element's first statement only: kept when they are the
	 * set's (a counter's values read back), else the element takes the set's */
	elem->flags |= EXPR_F_FIRST_STMTS;
	struct expr *key = elem->elem.key;
	if (key && key->kind == EXPR_SYMBOL && !key->sym.quoted && !strcmp(key->sym.str, "*"))
		elem->elem.key = b_any(ps, &key->loc);
	return elem;
}

/* One item of an element list: a key, or a [key, data] mapping. */
static struct expr *elem_item(struct jin *c, struct jval *v, const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	if (jv_is_array(v) && jv_count(v) == 2) {
		struct jpath kp = JPATH_IDX(p, 0), dp = JPATH_IDX(p, 1);
		struct expr *key = elem_key(c, jv_item(v, 0), &kp);
		struct expr *data = key ? jin_expr(c, jv_item(v, 1), &dp) : NULL;
		if (!data)
			return NULL;
		return b_mapping(&c->ps, &l, key, data);
	}
	return elem_key(c, v, p);
}

/* Lists of more items than this are not read now: eval reads them a chunk at a time
 * (struct elem_span), so that their AST never exists whole, as for text. */
#define JELEMS_DEFER_MIN 256

/* A list kept for eval: the reader's state as it was at the list, and the path to it. */
struct kept_jelems {
	struct elem_span span;
	struct jin_kept c;
	struct jval *list;
	const char *path;
};

static int read_kept_elems(const struct elem_span *sp, struct diag_list *errs,
			   struct arena *scratch, uint32_t max,
			   int (*cb)(void *priv, struct expr *chunk), void *priv)
{
	const struct kept_jelems *k = (const struct kept_jelems *)
		((const char *)sp - offsetof(struct kept_jelems, span));
	struct parse_ctx ctx;
	struct jin c;
	jin_resume(&c, &k->c, &ctx, scratch, errs);
	struct jpath ep = JPATH_KEY(NULL, k->path);
	struct expr chunk = { .kind = EXPR_SET, .loc = sp->loc };
	if (!max)
		max = UINT32_MAX;
	struct jtree_items it;
	struct jval *v;
	int got, rc = 0;
	jtree_items_start(&it, c.src->text, k->list);
	for (size_t i = 0; rc == 0 && (got = jin_items_next(&c, &it, &v)) > 0; i++) {
		struct jpath ip = JPATH_IDX(&ep, i);
		struct expr *item = elem_item(&c, v, &ip);
		if (!item) {
			rc = -1;
			break;
		}
		b_set_add(&c.ps, &chunk, item);
		if (chunk.list.n < max)
			continue;
		if (cb(priv, &chunk) < 0)
			rc = -1;
		chunk.list = (struct expr_list){ 0 };
		arena_reset(scratch);
	}
	if (rc == 0 && got < 0)
		rc = -1;
	if (rc == 0 && chunk.list.n && cb(priv, &chunk) < 0)
		rc = -1;
	jtree_items_end(&it);
	return rc;
}

static struct elem_span *kept_elems(struct jcmd *j, struct jval *v, const struct jpath *ep)
{
	struct kept_jelems *k = arena_alloc(j->c->a, sizeof(*k));
	k->c = jin_keep(j->c);
	k->list = v;
	k->path = jpath_str(j->c->a, ep);
	k->span = (struct elem_span){
		.src = j->c->src, .start = v->off, .end = v->end,
		.loc = jin_loc(j->c, v), .parse = read_kept_elems,
	};
	k->span.line = k->span.loc.line;
	k->span.line_off = k->span.loc.line_off;
	return &k->span;
}

/* "elem": one value or an array of them → EXPR_SET, as the grammar's set_block; or,
 * for a long array, *span set instead */
static struct expr *elem_list(struct jcmd *j, struct jval *v, struct elem_span **span)
{
	struct pstate *ps = &j->c->ps;
	struct jpath ep = JPATH_KEY(j->p, "elem");
	struct loc l = jin_loc(j->c, v);
	if (jv_is_lazy(v) && v->n > JELEMS_DEFER_MIN) {
		*span = kept_elems(j, v, &ep);
		return NULL;
	}
	struct expr *set = b_set(ps, &l);
	if (jv_is_lazy(v)) {
		struct jtree_items it;
		struct jval *w;
		int got, rc = 0;
		jtree_items_start(&it, j->c->src->text, v);
		for (size_t i = 0; (got = jin_items_next(j->c, &it, &w)) > 0; i++) {
			struct jpath ip = JPATH_IDX(&ep, i);
			struct expr *item = elem_item(j->c, w, &ip);
			if (!item)
				rc = -1;
			else
				b_set_add(ps, set, item);
		}
		jtree_items_end(&it);
		return rc || got < 0 ? NULL : set;
	}
	if (!jv_is_array(v)) {
		struct expr *item = elem_item(j->c, v, &ep);
		return item ? b_set_add(ps, set, item) : NULL;
	}
	int rc = 0;
	for (size_t i = 0; i < jv_count(v); i++) {
		struct jpath ip = JPATH_IDX(&ep, i);
		struct expr *item = elem_item(j->c, jv_item(v, i), &ip);
		if (!item) {
			rc = -1;
			continue;
		}
		b_set_add(ps, set, item);
	}
	return rc ? NULL : set;
}

/* ------------------------------------------------------------ declarations */

static int set_flag(const struct jcmd *j, struct jval *w, void *priv)
{
	struct loc l = jin_loc(j->c, w);
	struct expr *sym = expr_symbol(j->c->a, &l, jv_str(w), false);
	return b_setd_flags(&j->c->ps, priv, sym) ? 0 : -1;
}

/* "timeout", "gc-interval": seconds */
static int set_time(struct jcmd *j, struct set_decl *s, const char *key, bool gc)
{
	const char *n = NULL;
	int rc = jc_num(j, key, false, &n);
	if (rc <= 0)
		return rc;
	struct loc l = jc_loc(j, key);
	return b_setd_time(&j->c->ps, s, &l, n, gc) ? 0 : -1;
}

static int set_stmts(struct jcmd *j, struct set_decl *s)
{
	struct jval *v = jc_get(j, "stmt");
	if (!v)
		return 0;
	struct jpath sp = JPATH_KEY(j->p, "stmt");
	if (!jv_is_array(v))
		return jin_err(j->c, v, &sp, "\"stmt\" must be an array of statements");
	for (size_t i = 0; i < jv_count(v); i++) {
		struct jpath ip = JPATH_IDX(&sp, i);
		struct stmt *st = jin_stmt(j->c, jv_item(v, i), &ip);
		if (!st)
			return -1;
		b_setd_stmt(&j->c->ps, s, st);
	}
	return 0;
}

/* the members of a set declaration beside its type */
static int set_options(struct jcmd *j, struct set_decl *s)
{
	struct pstate *ps = &j->c->ps;
	const char *policy = NULL, *size = NULL, *comment = NULL;
	bool merge = false;
	if (jc_words(j, "flags", set_flag, s) < 0 || set_time(j, s, "timeout", false) < 0 ||
	    set_time(j, s, "gc-interval", true) < 0 || jc_str(j, "policy", false, &policy) < 0 ||
	    jc_num(j, "size", false, &size) < 0 || jc_str(j, "comment", false, &comment) < 0 ||
	    jc_bool(j, "auto-merge", &merge) < 0)
		return -1;
	struct loc pl = jc_loc(j, "policy"), sl = jc_loc(j, "size");
	if (policy && !b_setd_policy(ps, s, &pl, policy))
		return -1;
	if (size && !b_setd_size(ps, s, &sl, size))
		return -1;
	if (comment)
		b_setd_comment(ps, s, comment);
	if (merge)
		b_setd_automerge(ps, s);
	if (set_stmts(j, s) < 0)
		return -1;
	struct jval *elems = jc_get(j, "elem");
	if (elems) {
		struct expr *set = elem_list(j, elems, &s->elems_span);
		if (!set && !s->elems_span)
			return -1;
		if (set)
			b_setd_elems(ps, s, set);
	}
	return 0;
}

int jin_set_cmd(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	bool declares = j->op == CMD_ADD || j->op == CMD_CREATE;
	struct handle_spec *h = &j->h;
	if (jc_handle(j, JC_NAME_SET, true) < 0)
		return -1;
	if (!declares) {
		b_emit(ps, b_cmd(ps, &j->l, j->op, j->obj, h));
		return 0;
	}
	struct set_decl *s = b_setd(ps, &j->l);
	if (!jc_get(j, "type"))
		return jc_err(j, NULL, "a set needs a \"type\"");
	bool key_typeof;
	struct expr *key = set_type(j, "type", &key_typeof);
	if (!key)
		return -1;
	if (j->obj == OBJ_MAP) {
		if (map_data(j, s, key, key_typeof) < 0)
			return -1;
	} else {
		b_setd_type(ps, s, key, NULL, key_typeof);
	}
	if (set_options(j, s) < 0)
		return -1;
	b_emit_set(ps, &j->l, j->op, j->obj, h, s);
	return 0;
}

int jin_element_cmd(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	if (jc_handle(j, JC_NAME_SET, true) < 0)
		return -1;
	struct jval *v = jc_get(j, "elem");
	if (!v)
		return jc_err(j, NULL, "missing member \"elem\"");
	struct elem_span *span = NULL;
	struct expr *set = elem_list(j, v, &span);
	if (!set && !span)
		return -1;
	struct cmd *cmd = b_emit(ps, b_cmd(ps, &j->l, j->op, OBJ_ELEMENT, &j->h));
	cmd->elems = set;
	cmd->elems_span = span;
	return 0;
}
