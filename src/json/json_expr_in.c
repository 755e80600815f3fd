/* JSON expressions (libnftables-json(5) "EXPRESSIONS") → the AST the grammar builds
 * for the same expression: strings and numbers are symbols (eval types them by the
 * other side, as for text), "@name" a set reference, booleans the `exists`/`missing`
 * of the boolean type, arrays flag lists; the objects that combine expressions
 * (`set`, `map`, `concat`, `prefix`, `range`, `elem`, the binary operators,
 * verdicts) here, the loads of packet data and state in json_load_in.c. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_in_help.h"
#include "../types/datatype.h"

/* An operand of an expression object, checked to be there. */
static struct expr *operand(struct jin *c, struct jval *arr, size_t i, const struct jpath *p)
{
	struct jpath ip = JPATH_IDX(p, i);
	return jin_expr(c, jv_item(arr, i), &ip);
}

/* How an array's operands are joined, as the grammar joins them: b_binop for the
 * operators; concatenations and flag lists take no operator. */
typedef struct expr *join_fn(struct pstate *ps, const struct loc *l, struct expr *a,
			     uint32_t op, struct expr *b);

static struct expr *join_concat(struct pstate *ps, const struct loc *l, struct expr *a,
				uint32_t op, struct expr *b)
{
	(void)op;
	return b_concat(ps, l, a, b);
}

static struct expr *join_list(struct pstate *ps, const struct loc *l, struct expr *a,
			      uint32_t op, struct expr *b)
{
	(void)op;
	return b_list(ps, l, a, b);
}

/* The operands of array `body` (at least `min`), folded from the left as text reads
 * `a | b | c`, `a . b . c`, `a, b, c`. */
static struct expr *fold(struct jin *c, struct jval *body, size_t min, join_fn *join, uint32_t op,
			 const struct loc *l, const struct jpath *p)
{
	if (!jv_is_array(body) || jv_count(body) < min)
		return NULL;
	struct expr *e = operand(c, body, 0, p);
	for (size_t i = 1; e && i < jv_count(body); i++) {
		struct expr *b = operand(c, body, i, p);
		e = b ? join(&c->ps, l, e, op, b) : NULL;
	}
	return e;
}

/* the binary operators: JSON's words are text's symbols */
static const struct {
	const char *word;
	uint32_t op;
} binops[] = {
	{ "|", BINOP_OR }, { "^", BINOP_XOR }, { "&", BINOP_AND },
	{ "<<", BINOP_LSHIFT }, { ">>", BINOP_RSHIFT },
};

static struct expr *binop(struct jin *c, uint32_t op, const char *word, struct jval *body,
			  const struct loc *l, const struct jpath *p)
{
	if (!jv_is_array(body) || jv_count(body) < 2)
		return jin_err(c, body, p, "\"%s\" takes an array of two or more operands",
			       word), NULL;
	return fold(c, body, 2, b_binop, op, l, p);
}

static struct expr *concat(struct jin *c, struct jval *body, const struct loc *l,
			   const struct jpath *p)
{
	if (!jv_is_array(body) || jv_count(body) < 1)
		return jin_err(c, body, p, "\"concat\" takes an array of expressions"), NULL;
	return fold(c, body, 1, join_concat, 0, l, p);
}

static struct expr *range(struct jin *c, struct jval *body, const struct loc *l,
			  const struct jpath *p)
{
	if (!jv_is_array(body) || jv_count(body) != 2)
		return jin_err(c, body, p, "\"range\" takes an array of two expressions"), NULL;
	struct expr *a = operand(c, body, 0, p), *b = operand(c, body, 1, p);
	return a && b ? b_range(&c->ps, l, a, b) : NULL;
}

static struct expr *prefix(struct jin *c, struct jval *body, const struct loc *l,
			   const struct jpath *p)
{
	static const char *const keys[] = { "addr", "len", NULL };
	const char *len;
	if (!jv_is_object(body))
		return jin_err(c, body, p, "\"prefix\" takes {\"addr\": …, \"len\": …}"), NULL;
	if (jin_keys(c, body, p, "prefix", keys) < 0 || jin_mnum(c, body, "len", p, true, &len) < 0)
		return NULL;
	struct expr *a = jin_mexpr(c, body, "addr", p, true);
	return a ? b_prefix(&c->ps, l, a, len) : NULL;
}

/* One item of a set: `[key, data]` a mapping, anything else an element. */
static struct expr *set_item(struct jin *c, struct jval *v, const struct jpath *p)
{
	if (jv_is_array(v) && jv_count(v) == 2) {
		struct jpath kp = JPATH_IDX(p, 0), dp = JPATH_IDX(p, 1);
		struct expr *k = jin_set_elem(c, jv_item(v, 0), &kp);
		struct expr *d = jin_expr(c, jv_item(v, 1), &dp);
		if (!k || !d)
			return NULL;
		struct loc l = jin_loc(c, v);
		return b_mapping(&c->ps, &l, k, d);
	}
	return jin_set_elem(c, v, p);
}

static struct expr *set(struct jin *c, struct jval *body, const struct loc *l,
			const struct jpath *p)
{
	struct expr *s = b_set(&c->ps, l);
	if (!jv_is_array(body)) {
		struct expr *e = set_item(c, body, p);
		return e ? b_set_add(&c->ps, s, e) : NULL;
	}
	bool ok = true;
	for (size_t i = 0; i < jv_count(body); i++) {
		struct jpath ip = JPATH_IDX(p, i);
		struct expr *e = set_item(c, jv_item(body, i), &ip);
		if (!e)
			ok = false;
		else
			b_set_add(&c->ps, s, e);
	}
	return ok ? s : NULL;
}

/* `{"map": {"key": …, "data": …}}`; a vmap statement reads the same object. */
static struct expr *map(struct jin *c, struct jval *body, const struct loc *l,
			const struct jpath *p)
{
	static const char *const keys[] = { "key", "data", NULL };
	if (!jv_is_object(body))
		return jin_err(c, body, p, "\"map\" takes {\"key\": …, \"data\": …}"), NULL;
	if (jin_keys(c, body, p, "map", keys) < 0)
		return NULL;
	struct expr *k = jin_mexpr(c, body, "key", p, true);
	struct expr *d = k ? jin_mexpr(c, body, "data", p, true) : NULL;
	return d ? b_map(&c->ps, l, k, d, false) : NULL;
}

/* `{"elem": {"val": …, "timeout": s, "expires": s, "comment": "…", "counter": …}}` */
static struct expr *elem(struct jin *c, struct jval *body, const struct loc *l,
			 const struct jpath *p)
{
	if (!jv_is_object(body) || !jv_get(body, "val"))
		return jin_err(c, body, p, "\"elem\" takes {\"val\": …, …}"), NULL;
	struct expr *key = jin_mexpr(c, body, "val", p, true);
	if (!key)
		return NULL;
	struct expr *e = b_elem(&c->ps, l, key);
	if (e->kind != EXPR_SET_ELEM)
		return jin_err(c, body, p, "an element's \"val\" must be a value"), NULL;
	const char *k;
	struct jval *v;
	jv_foreach_member(body, k, v) {
		struct jpath kp = JPATH_KEY(p, k);
		struct loc vl = jin_loc(c, v);
		if (!strcmp(k, "val"))
			continue;
		if (!strcmp(k, "timeout") || !strcmp(k, "expires")) {
			const char *n = jin_numtext(c, v, &kp, k);
			if (!n || !b_elem_opt(&c->ps, e, strcmp(k, "timeout") ? ELEMOPT_EXPIRES
									   : ELEMOPT_TIMEOUT, &vl, n))
				return NULL;
		} else if (!strcmp(k, "comment")) {
			if (!jv_is_string(v))
				return jin_err(c, v, &kp, "\"comment\" must be a string"), NULL;
			b_elem_opt(&c->ps, e, ELEMOPT_COMMENT, &vl, jin_text(c, v));
		} else {
			/* a statement of the element: `"counter": {…}` */
			struct stmt *s = jin_stmt_word(c, k, v, v, p);
			if (!s)
				return NULL;
			b_elem_counter(&c->ps, e, s);
		}
	}
	return e;
}

struct expr *jin_set_elem(struct jin *c, struct jval *v, const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	if (jv_is_string(v) && !strcmp(jv_str(v), "*"))
		return b_elem(&c->ps, &l, b_any(&c->ps, &l));
	struct expr *e = jin_expr(c, v, p);
	return e ? b_elem(&c->ps, &l, e) : NULL;
}

/* `{"accept": null}`, `{"jump": {"target": "c"}}`: the verdict words of dt_verdict */
struct expr *jin_verdict(struct jin *c, const struct symbol *sym, struct jval *body,
			 const struct loc *l, const struct jpath *p)
{
	int32_t code = (int32_t)sym->value;
	if (code != NFT_JUMP && code != NFT_GOTO) {
		if (!jv_is_null(body))
			return jin_err(c, body, p, "\"%s\" takes null", sym->name), NULL;
		return b_verdict(&c->ps, l, code, NULL);
	}
	static const char *const keys[] = { "target", NULL };
	const char *target;
	if (!jv_is_object(body))
		return jin_err(c, body, p, "\"%s\" takes {\"target\": \"chain\"}", sym->name),
		       NULL;
	if (jin_keys(c, body, p, sym->name, keys) < 0 ||
	    jin_mstr(c, body, "target", p, true, &target) < 0)
		return NULL;
	return b_verdict(&c->ps, l, code, target);
}

const struct symbol *jin_verdict_word(const char *word)
{
	const struct symbol *s = symbol_by_name(dt_verdict.symbols, word);
	if (!s || s->value == NF_QUEUE || s->value == (uint64_t)(uint32_t)NFT_BREAK)
		return NULL;
	return s;
}


static struct expr *scalar(struct jin *c, struct jval *v, const struct loc *l)
{
	if (jv_is_string(v)) {
		const char *s = jv_str(v);
		if (s[0] == '@' && s[1])
			return b_setref(&c->ps, l, s + 1);
		return b_sym(&c->ps, l, jin_text(c, v), false);
	}
	if (jv_is_integer(v)) {
		long long n = jv_int(v);
		if (n < 0)
			return b_neg(&c->ps, l, arena_printf(c->a, "%llu",
							     -(unsigned long long)n));
		return b_sym(&c->ps, l, jin_int_text(c, v), false);
	}
	/* the boolean type's words: `exthdr hbh exists` is `"right": true` */
	return b_sym(&c->ps, l, jv_is_true(v) ? "exists" : "missing", false);
}

/* A flag list, `["syn", "ack"]` (EXPR_LIST), as text's `syn,ack`. */
static struct expr *list(struct jin *c, struct jval *v, const struct loc *l, const struct jpath *p)
{
	if (jv_count(v) == 0)
		return jin_err(c, v, p, "an empty array is no expression"), NULL;
	return fold(c, v, 1, join_list, 0, l, p);
}

/* The expressions made of others, by their JSON word. */
static const struct {
	const char *word;
	struct expr *(*read)(struct jin *c, struct jval *body, const struct loc *l,
			     const struct jpath *p);
} compounds[] = {
	{ "concat", concat }, { "range", range }, { "prefix", prefix },
	{ "set", set }, { "map", map }, { "elem", elem },
};

struct expr *jin_expr(struct jin *c, struct jval *v, const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	if (jv_is_string(v) || jv_is_integer(v) || jv_is_boolean(v))
		return scalar(c, v, &l);
	if (jv_is_array(v))
		return list(c, v, &l, p);
	if (!jv_is_object(v) || jv_members(v) != 1) {
		jin_err(c, v, p, "expected an expression: a string, a number, a boolean, an "
			"array or an object of one member");
		return NULL;
	}
	const char *word;
	struct jval *body;
	jin_single(c, v, p, &word, &body);
	struct jpath bp = JPATH_KEY(p, word);
	for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]); i++)
		if (binops[i].word[0] == word[0] && !strcmp(binops[i].word, word))
			return binop(c, binops[i].op, word, body, &l, &bp);
	for (size_t i = 0; i < sizeof(compounds) / sizeof(compounds[0]); i++)
		if (compounds[i].word[0] == word[0] && !strcmp(compounds[i].word, word))
			return compounds[i].read(c, body, &l, &bp);
	const struct symbol *vs = jin_verdict_word(word);
	if (vs)
		return jin_verdict(c, vs, body, &l, &bp);
	bool known = true;
	struct expr *e = jin_load(c, word, body, v, &bp, &known);
	if (!known)
		jin_err(c, v, p, "unknown expression \"%s\"", word);
	return e;
}
