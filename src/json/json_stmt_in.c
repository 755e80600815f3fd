/* JSON statements (libnftables-json(5) "STATEMENTS") → the AST the grammar builds
 * for the same statement: `{"match": …}` a relation, `{"mangle": …}` a set
 * statement, `{"vmap": …}`, verdicts, counter, limit, quota, log, ct count, last, and
 * the named-object references (`"counter": "name"`). The others (nat, reject,
 * queue, dup/fwd/tproxy, synproxy, set updates …) are read in json_action_in.c. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_in_help.h"
#include "../types/objtypes.h"

/* relational operators: JSON's words; "in" is text's operator-less match */
static const struct {
	const char *word;
	enum rel_op op;
} rel_ops[] = {
	{ "==", OP_EQ }, { "!=", OP_NEQ }, { "<", OP_LT }, { ">", OP_GT }, { "<=", OP_LTE },
	{ ">=", OP_GTE }, { "in", OP_IMPLICIT }, { "!", OP_NEG },
};

static struct stmt *match(struct jin *c, struct jval *body, const struct loc *l,
			  const struct jpath *p)
{
	const char *op;
	if (jin_body(c, body, p, "match", JIN_KEYS("left", "right", "op")) < 0 ||
	    jin_mstr(c, body, "op", p, true, &op) < 0)
		return NULL;
	size_t i;
	for (i = 0; i < sizeof(rel_ops) / sizeof(rel_ops[0]); i++)
		if (rel_ops[i].word[0] == op[0] && !strcmp(rel_ops[i].word, op))
			break;
	if (i == sizeof(rel_ops) / sizeof(rel_ops[0])) {
		struct jpath op_p = JPATH_KEY(p, "op");
		return jin_err(c, jv_get(body, "op"), &op_p,
			       "unknown operator \"%s\" (==, !=, <, >, <=, >=, in or !)", op),
		       NULL;
	}
	struct expr *left = jin_mexpr(c, body, "left", p, true);
	struct expr *right = left ? jin_mexpr(c, body, "right", p, true) : NULL;
	if (!right)
		return NULL;
	return b_stmt_expr(&c->ps, l, b_relation(&c->ps, l, left, rel_ops[i].op, right));
}

/* `{"WORD": {"K1": expr, "K2": expr}}`: both expressions, or -1 */
static int expr_pair(struct jin *c, struct jval *body, const struct jpath *p, const char *word,
		     const char *k1, const char *k2, struct expr **e1, struct expr **e2)
{
	if (jin_body(c, body, p, word, (const char *const[]){ k1, k2, NULL }) < 0)
		return -1;
	*e1 = jin_mexpr(c, body, k1, p, true);
	*e2 = *e1 ? jin_mexpr(c, body, k2, p, true) : NULL;
	return *e2 ? 0 : -1;
}

static struct stmt *mangle(struct jin *c, struct jval *body, const struct loc *l,
			   const struct jpath *p)
{
	struct expr *key, *value;
	if (expr_pair(c, body, p, "mangle", "key", "value", &key, &value) < 0)
		return NULL;
	return b_set_stmt(&c->ps, l, key, value);
}

static struct stmt *vmap(struct jin *c, struct jval *body, const struct loc *l,
			 const struct jpath *p)
{
	struct expr *key, *data;
	if (expr_pair(c, body, p, "vmap", "key", "data", &key, &data) < 0)
		return NULL;
	return b_stmt_expr(&c->ps, l, b_map(&c->ps, l, key, data, true));
}

/* `"counter": "name"` or `{"map": …}` name an object; else the statement itself */
static bool names_object(struct jval *body)
{
	return jv_is_string(body) || (jv_is_object(body) && jv_members(body) == 1 &&
					jv_get(body, "map"));
}

struct stmt *jin_objref(struct jin *c, uint32_t type, struct jval *body, struct jval *v,
			const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	struct expr *name = jin_expr(c, body, p);
	return name ? b_objref(&c->ps, &l, type, name) : NULL;
}

static struct stmt *counter(struct jin *c, struct jval *body, const struct loc *l,
			    const struct jpath *p)
{
	const char *packets = NULL, *bytes = NULL;
	if (jv_is_null(body))
		return b_counter(&c->ps, l, NULL, NULL);
	if (jin_body(c, body, p, "counter", JIN_KEYS("packets", "bytes")) < 0 ||
	    jin_mnum(c, body, "packets", p, false, &packets) < 0 ||
	    jin_mnum(c, body, "bytes", p, false, &bytes) < 0)
		return NULL;
	return b_counter(&c->ps, l, packets, bytes);
}

static struct stmt *limit(struct jin *c, struct jval *body, const struct loc *l,
			  const struct jpath *p)
{
	const char *rate, *per = "second", *unit = NULL, *burst = NULL, *bunit = NULL;
	bool inv = false;
	if (jin_body(c, body, p, "limit",
		      JIN_KEYS("rate", "rate_unit", "per", "burst", "burst_unit", "inv")) < 0 ||
	    jin_mnum(c, body, "rate", p, true, &rate) < 0 ||
	    jin_mstr(c, body, "per", p, false, &per) < 0 ||
	    jin_mstr(c, body, "rate_unit", p, false, &unit) < 0 ||
	    jin_mnum(c, body, "burst", p, false, &burst) < 0 ||
	    jin_mstr(c, body, "burst_unit", p, false, &bunit) < 0 ||
	    jin_mbool(c, body, "inv", p, &inv) < 0)
		return NULL;
	if (unit && !strcmp(unit, "packets"))
		unit = NULL;
	if (!unit || (bunit && !strcmp(bunit, "packets")))
		bunit = NULL;                    /* a packet rate's burst is in packets */
	struct jval *pv = jv_get(body, "per");
	struct loc ul = pv ? jin_loc(c, pv) : *l;
	struct stmt *s = b_limit(&c->ps, l, inv, rate, unit, &ul, per);
	if (!s || !burst)
		return s;
	/* a byte rate's burst is in bytes unless it says otherwise */
	if (!bunit && unit)
		bunit = "bytes";
	struct loc bl = jin_loc(c, jv_get(body, "burst"));
	if (!b_limit_burst(&c->ps, s, &bl, burst, bunit))
		return NULL;
	s->loc = *l;
	return s;
}

static struct stmt *quota(struct jin *c, struct jval *body, const struct loc *l,
			  const struct jpath *p)
{
	const char *val, *unit = "bytes", *used = NULL, *uunit = "bytes";
	bool inv = false;
	if (jin_body(c, body, p, "quota", JIN_KEYS("val", "val_unit", "inv", "used", "used_unit")) < 0 ||
	    jin_mnum(c, body, "val", p, true, &val) < 0 ||
	    jin_mstr(c, body, "val_unit", p, false, &unit) < 0 ||
	    jin_mnum(c, body, "used", p, false, &used) < 0 ||
	    jin_mstr(c, body, "used_unit", p, false, &uunit) < 0 ||
	    jin_mbool(c, body, "inv", p, &inv) < 0)
		return NULL;
	struct stmt *s = b_quota(&c->ps, l, inv, val, unit);
	if (s && used) {
		struct stmt *u = b_quota(&c->ps, l, false, used, uunit);
		if (!u)
			return NULL;
		s->quota.used = u->quota.bytes;
	}
	return s;
}

struct log_flag_args {
	struct stmt *s;
};

/* "tcp sequence", "ip options", "ether", "skuid", "all": the protocol word, if
 * any, then the flag, as text writes them */
static int log_flag(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
		    void *priv)
{
	(void)p;
	struct log_flag_args *a = priv;
	struct loc l = jin_loc(c, w);
	const char *sp = strchr(word, ' ');
	const char *proto = NULL, *flag = word;
	if (sp) {
		proto = arena_printf(c->a, "%.*s", (int)(sp - word), word);
		flag = sp + 1;
	} else if (!strcmp(word, "ether")) {
		proto = word;
		flag = NULL;
	}
	struct expr *fw = flag ? b_sym(&c->ps, &l, flag, false) : NULL;
	return b_log_flags(&c->ps, a->s, &l, proto, fw) ? 0 : -1;
}

static struct stmt *log_stmt(struct jin *c, struct jval *body, const struct loc *l,
			     const struct jpath *p)
{
	static const struct {
		const char *key;
		enum log_opt opt;
		bool number;
	} opts[] = {
		{ "prefix", LOGOPT_PREFIX, false }, { "level", LOGOPT_LEVEL, false },
		{ "group", LOGOPT_GROUP, true }, { "snaplen", LOGOPT_SNAPLEN, true },
		{ "queue-threshold", LOGOPT_QTHRESH, true },
	};
	struct stmt *s = b_log(&c->ps, l);
	if (jv_is_null(body))
		return s;
	if (jin_body(c, body, p, "log", JIN_KEYS("prefix", "level", "group", "snaplen",
					      "queue-threshold", "flags")) < 0)
		return NULL;
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		const char *v = NULL;
		int rc = opts[i].number ? jin_mnum(c, body, opts[i].key, p, false, &v)
					: jin_mstr(c, body, opts[i].key, p, false, &v);
		if (rc < 0)
			return NULL;
		if (!rc)
			continue;
		struct loc vl = jin_loc(c, jv_get(body, opts[i].key));
		if (!b_log_opt(&c->ps, s, opts[i].opt, &vl, v))
			return NULL;
	}
	struct jval *flags = jv_get(body, "flags");
	if (flags) {
		struct log_flag_args a = { s };
		struct jpath fp = JPATH_KEY(p, "flags");
		if (jin_words(c, flags, &fp, "\"flags\"", log_flag, &a) < 0)
			return NULL;
	}
	s->loc = *l;
	return s;
}

static struct stmt *ct_count(struct jin *c, struct jval *body, const struct loc *l,
			     const struct jpath *p)
{
	const char *val;
	bool inv = false;
	if (jin_body(c, body, p, "ct count", JIN_KEYS("val", "inv")) < 0 ||
	    jin_mnum(c, body, "val", p, true, &val) < 0 || jin_mbool(c, body, "inv", p, &inv) < 0)
		return NULL;
	return b_connlimit(&c->ps, l, inv, val);
}

static struct stmt *last(struct jin *c, struct jval *body, const struct loc *l,
			 const struct jpath *p)
{
	const char *used = NULL;
	if (jv_is_null(body))
		return b_last(&c->ps, l, NULL, NULL);
	if (jin_body(c, body, p, "last", JIN_KEYS("used")) < 0)
		return NULL;
	struct jval *uv = jv_get(body, "used");
	struct jpath up = JPATH_KEY(p, "used");
	if (uv && (!jv_is_integer(uv) || jv_int(uv) < 0))
		return jin_err(c, uv, &up, "\"used\" must be milliseconds, a number"), NULL;
	struct loc ul = jin_loc(c, uv);
	if (uv)
		used = arena_printf(c->a, "%lldms", (long long)jv_int(uv));
	return b_last(&c->ps, l, &ul, used);
}

static const struct {
	const char *word;
	struct stmt *(*read)(struct jin *c, struct jval *body, const struct loc *l,
			     const struct jpath *p);
} stmts[] = {
	{ "match", match }, { "mangle", mangle }, { "vmap", vmap }, { "counter", counter },
	{ "limit", limit }, { "quota", quota }, { "log", log_stmt }, { "ct count", ct_count },
	{ "last", last },
};

/* Statements that are also named-object references; their JSON word is the
 * object type's word (objtypes.c) */
static bool objref_word(const char *word, struct jval *body, uint32_t *type)
{
	const struct objtype *t = objtype_by_word(word);
	if (!t)
		return false;
	*type = t->type;
	/* ct helper|timeout|expectation and secmark are always references */
	return names_object(body) || t->type == NFT_OBJECT_CT_HELPER ||
	       t->type == NFT_OBJECT_CT_TIMEOUT || t->type == NFT_OBJECT_CT_EXPECT ||
	       t->type == NFT_OBJECT_SECMARK;
}

struct stmt *jin_stmt_word(struct jin *c, const char *word, struct jval *body, struct jval *v,
			   const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	struct jpath bp = JPATH_KEY(p, word);
	uint32_t type;
	if (objref_word(word, body, &type))
		return jin_objref(c, type, body, v, &bp);
	for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		if (stmts[i].word[0] == word[0] && !strcmp(stmts[i].word, word))
			return stmts[i].read(c, body, &l, &bp);
	const struct symbol *vs = jin_verdict_word(word);
	if (vs) {
		struct expr *e = jin_verdict(c, vs, body, &l, &bp);
		return e ? b_stmt_verdict(&c->ps, &l, e) : NULL;
	}
	bool known = true;
	struct stmt *s = jin_action(c, word, body, v, &bp, &known);
	if (!known)
		jin_err(c, v, p, "unknown statement \"%s\"", word);
	return s;
}

struct stmt *jin_stmt(struct jin *c, struct jval *v, const struct jpath *p)
{
	const char *word;
	struct jval *body;
	if (jin_single(c, v, p, &word, &body) < 0)
		return NULL;
	return jin_stmt_word(c, word, body, v, p);
}

int jin_rule_stmts(struct jin *c, struct jval *arr, const struct jpath *p, struct rule *r)
{
	int rc = 0;
	if (jv_is_lazy(arr)) {
		struct jtree_items it;
		struct jval *item;
		int got;
		jtree_items_start(&it, c->src->text, arr);
		for (size_t i = 0; (got = jin_items_next(c, &it, &item)) > 0; i++) {
			struct jpath ip = JPATH_IDX(p, i);
			struct stmt *s = jin_stmt(c, item, &ip);
			if (!s)
				rc = -1;
			else
				stmt_list_add(c->a, &r->stmts, s);
		}
		jtree_items_end(&it);
		return got < 0 ? -1 : rc;
	}
	for (size_t i = 0; i < jv_count(arr); i++) {
		struct jpath ip = JPATH_IDX(p, i);
		struct stmt *s = jin_stmt(c, jv_item(arr, i), &ip);
		if (!s) {
			rc = -1;
			continue;
		}
		stmt_list_add(c->a, &r->stmts, s);
	}
	return rc;
}
