/* JSON commands (libnftables-json(5) "COMMAND OBJECTS"): `{"add": {"rule": {…}}}` and
 * the other verbs (a bare `{"table": {…}}` is an add, as nft reads it), each object's
 * members read into the handle and declaration the text grammar builds for the same
 * command (build_cmd.c's constructors), so every command continues exactly as its
 * text twin does. Tables, chains, rules and the listing commands are read here; sets
 * and elements in json_set_in.c, named objects and flowtables in json_obj_in.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_cmd.h"

/* the grammar's "no family written" (family_opt), which b_cmd turns into ip or, for
 * listings of everything, into all families */
#define FAMILY_NONE UINT32_MAX

/* ------------------------------------------------------------ members */

struct jval *jc_get(const struct jcmd *j, const char *key)
{
	return j->o ? jv_get(j->o, key) : NULL;
}

struct loc jc_loc(const struct jcmd *j, const char *key)
{
	struct jval *v = jc_get(j, key);
	return jin_loc(j->c, v ? v : j->o);
}

int jc_err(const struct jcmd *j, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct jval *v = key ? jc_get(j, key) : NULL;
	struct jpath kp = JPATH_KEY(j->p, key);
	return jin_err(j->c, v ? v : j->o, v ? &kp : j->p, "%s", msg);
}

int jc_str(const struct jcmd *j, const char *key, bool need, const char **out)
{
	struct jval *v = jc_get(j, key);
	if (!v)
		return need ? jc_err(j, NULL, "missing string member \"%s\"", key) : 0;
	if (!jv_is_string(v))
		return jc_err(j, key, "\"%s\" must be a string", key);
	*out = jv_str(v);
	return 1;
}

int jc_num(const struct jcmd *j, const char *key, bool need, const char **out)
{
	struct jval *v = jc_get(j, key);
	if (!v)
		return need ? jc_err(j, NULL, "missing number member \"%s\"", key) : 0;
	if (jv_is_integer(v))
		*out = jin_int_text(j->c, v);
	else if (jv_is_string(v))
		*out = jv_str(v);
	else
		return jc_err(j, key, "\"%s\" must be a number", key);
	return 1;
}

int jc_bool(const struct jcmd *j, const char *key, bool *out)
{
	struct jval *v = jc_get(j, key);
	if (!v)
		return 0;
	if (!jv_is_boolean(v))
		return jc_err(j, key, "\"%s\" must be true or false", key);
	*out = jv_is_true(v);
	return 1;
}

int jc_words(const struct jcmd *j, const char *key,
	     int (*fn)(const struct jcmd *j, struct jval *word, void *priv), void *priv)
{
	struct jval *v = jc_get(j, key);
	if (!v)
		return 0;
	if (jv_is_string(v))
		return fn(j, v, priv);
	if (!jv_is_array(v))
		return jc_err(j, key, "\"%s\" must be a string or an array of strings", key);
	for (size_t i = 0; i < jv_count(v); i++) {
		struct jval *w = jv_item(v, i);
		if (!jv_is_string(w)) {
			struct jpath kp = JPATH_KEY(j->p, key), ip = JPATH_IDX(&kp, i);
			return jin_err(j->c, w, &ip, "\"%s\" must hold strings", key);
		}
		if (fn(j, w, priv) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ handles */

int jc_handle(struct jcmd *j, enum jc_name slot, bool name_needed)
{
	struct jin *c = j->c;
	struct handle_spec *h = &j->h;
	*h = (struct handle_spec){ .family = FAMILY_NONE };
	struct jval *fam = jc_get(j, "family");
	if (fam) {
		struct jpath fp = JPATH_KEY(j->p, "family");
		if (jin_family(c, fam, &fp, &h->family) < 0)
			return -1;
	}
	uint64_t handle = 0;
	int has_handle = j->o ? jin_opt_u64(c, j->o, "handle", j->p, &handle) : 0;
	if (has_handle < 0)
		return -1;
	bool by_handle = has_handle && (j->op == CMD_DELETE || j->op == CMD_DESTROY);
	if (by_handle) {
		h->handle = handle;
		h->has_handle = true;
		h->handle_loc = jc_loc(j, "handle");
	}
	const char *table = NULL, *name = NULL;
	bool need = name_needed && !by_handle;
	if (slot != JC_NAME_TABLE && slot != JC_NAME_NONE &&
	    jc_str(j, "table", name_needed, &table) < 0)
		return -1;
	if (slot != JC_NAME_NONE && jc_str(j, "name", need, &name) < 0)
		return -1;
	if (slot == JC_NAME_TABLE) {
		table = name;
		name = NULL;
	}
	h->table = table;
	h->table_loc = jc_loc(j, slot == JC_NAME_TABLE ? "name" : "table");
	if (table && !b_name_ok(&c->ps, &h->table_loc, table))
		return -1;
	if (name) {
		struct loc nl = jc_loc(j, "name");
		if (!b_name_ok(&c->ps, &nl, name))
			return -1;
		if (slot == JC_NAME_CHAIN) {
			h->chain = name;
			h->chain_loc = nl;
		} else {
			h->set = name;
			h->set_loc = nl;
		}
	}
	c->family = h->family == FAMILY_NONE ? NFPROTO_IPV4 : h->family;
	c->table = h->table;
	return 0;
}

static bool declares(enum cmd_op op)
{
	return op == CMD_ADD || op == CMD_CREATE;
}

/* ------------------------------------------------------------ tables */

static int table_flag(const struct jcmd *j, struct jval *w, void *priv)
{
	struct loc l = jin_loc(j->c, w);
	return b_tblock_flag(&j->c->ps, priv, &l, jv_str(w)) ? 0 : -1;
}

static int read_table(struct jcmd *j)
{
	if (jc_handle(j, JC_NAME_TABLE, true) < 0)
		return -1;
	if (!declares(j->op)) {
		b_emit(&j->c->ps, b_cmd(&j->c->ps, &j->l, j->op, OBJ_TABLE, &j->h));
		return 0;
	}
	struct tblock *tb = b_tblock(&j->c->ps, &j->l);
	const char *comment = NULL;
	if (jc_words(j, "flags", table_flag, tb) < 0 || jc_str(j, "comment", false, &comment) < 0)
		return -1;
	if (comment)
		b_tblock_comment(&j->c->ps, tb, comment);
	b_emit_table(&j->c->ps, &j->l, j->op, &j->h, tb);
	return 0;
}

/* ------------------------------------------------------------ chains */

static int chain_dev(const struct jcmd *j, struct jval *w, void *priv)
{
	struct loc l = jin_loc(j->c, w);
	b_chain_dev(&j->c->ps, priv, expr_symbol(j->c->a, &l, jv_str(w), false));
	return 0;
}

/* type, hook, prio, dev, policy: a base chain's, all or none (policy alone is nft's
 * error too) */
static int chain_hook(struct jcmd *j, struct chain_decl *ch)
{
	struct pstate *ps = &j->c->ps;
	const char *type = NULL, *hook = NULL, *prio = NULL, *policy = NULL;
	if (jc_str(j, "type", false, &type) < 0 || jc_str(j, "hook", false, &hook) < 0 ||
	    jc_num(j, "prio", false, &prio) < 0 || jc_str(j, "policy", false, &policy) < 0)
		return -1;
	if (!type && !hook && !prio) {
		if (policy)
			return jc_err(j, "policy", "a policy needs a base chain (type, hook, prio)");
		return 0;
	}
	if (!type || !hook || !prio)
		return jc_err(j, NULL, "a base chain needs \"type\", \"hook\" and \"prio\"");
	struct loc tl = jc_loc(j, "type"), hl = jc_loc(j, "hook"), pl = jc_loc(j, "prio");
	b_chain_hook(ps, ch, &tl, type, &hl, hook, expr_symbol(j->c->a, &pl, prio, false));
	if (jc_words(j, "dev", chain_dev, ch) < 0)
		return -1;
	if (policy) {
		struct loc l = jc_loc(j, "policy");
		b_chain_policy(ps, ch, expr_symbol(j->c->a, &l, policy, false));
	}
	return 0;
}

static int read_chain(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	if (jc_handle(j, JC_NAME_CHAIN, true) < 0)
		return -1;
	if (j->op == CMD_RENAME) {
		const char *newname;
		if (jc_str(j, "newname", true, &newname) < 0)
			return -1;
		struct loc nl = jc_loc(j, "newname");
		if (!b_name_ok(ps, &nl, newname))
			return -1;
		b_emit(ps, b_cmd(ps, &j->l, CMD_RENAME, OBJ_CHAIN, &j->h))->new_name = newname;
		return 0;
	}
	if (!declares(j->op)) {
		b_emit(ps, b_cmd(ps, &j->l, j->op, OBJ_CHAIN, &j->h));
		return 0;
	}
	struct chain_decl *ch = b_chain(ps, &j->l);
	const char *comment = NULL;
	if (chain_hook(j, ch) < 0 || jc_str(j, "comment", false, &comment) < 0)
		return -1;
	if (comment)
		b_chain_comment(ps, ch, comment);
	b_emit_chain(ps, &j->l, j->op, &j->h, ch);
	return 0;
}

/* ------------------------------------------------------------ rules */

/* A rule's statements are not read now: eval reads them when it lowers the rule (struct
 * rule_span), in that command's arena, so that the ASTs of a document's rules never
 * exist all at once, as for a text file's. What is kept: the reader's state at the
 * rule, its "expr" array and the path to it. */
struct kept_jrule {
	struct rule_span span;
	struct rule rule;            /* the command's until eval reads the statements */
	struct jin_kept c;
	struct jval *exprs;
	const char *path;
};

static int read_kept_rule(const struct rule_span *sp, struct diag_list *errs, struct arena *a,
			  struct rule **out)
{
	const struct kept_jrule *k = (const struct kept_jrule *)
		((const char *)sp - offsetof(struct kept_jrule, span));
	struct parse_ctx ctx;
	struct jin c;
	jin_resume(&c, &k->c, &ctx, a, errs);
	struct rule *r = arena_alloc(a, sizeof(*r));
	r->loc = k->rule.loc;
	r->comment = k->rule.comment;
	struct jpath ep = JPATH_KEY(NULL, k->path);
	if (jin_rule_stmts(&c, k->exprs, &ep, r) < 0)
		return -1;
	*out = r;
	return 0;
}

static struct rule *kept_rule(struct jcmd *j, struct jval *exprs, const struct jpath *ep)
{
	struct kept_jrule *k = arena_alloc(j->c->a, sizeof(*k));
	k->c = jin_keep(j->c);
	k->exprs = exprs;
	k->path = jpath_str(j->c->a, ep);
	k->span = (struct rule_span){
		.src = j->c->src, .start = exprs->off, .end = exprs->end,
		.line = j->l.line, .line_off = j->l.line_off, .parse = read_kept_rule,
	};
	k->rule.loc = j->l;
	k->rule.span = &k->span;
	return &k->rule;
}

static bool same_chain(const struct handle_spec *a, const struct handle_spec *b)
{
	return a->family == b->family && !strcmp(a->table, b->table) &&
	       !strcmp(a->chain, b->chain);
}

/* Consecutive `add rule`s of one chain (a listing's rules, read back) become one command
 * standing for all of them, as a text file's chain block does (cmd.rules_of; commit
 * gives each rule its own place in the batch and its own errors): a document of 20000
 * rules costs no command each. The command the rule with handle spec `h` can join, or
 * NULL: the last one emitted, adding a rule kept unread to the same chain. */
static struct cmd *rule_block_of(struct jin *c, const struct handle_spec *h)
{
	const struct cmd_list *out = c->ps.out;
	struct cmd *last = out->n ? out->v[out->n - 1] : NULL;
	if (!last || last->op != CMD_ADD || last->obj != OBJ_RULE || last->h.has_index ||
	    !same_chain(&last->h, h))
		return NULL;
	if (last == c->rule_block || (last->rule && last->rule->span))
		return last;
	return NULL;
}

static void join_rule_block(struct jin *c, struct cmd *block, struct rule *r)
{
	if (block != c->rule_block) {
		/* the previous rule alone: it becomes the block's first */
		struct chain_decl *ch = arena_alloc(c->a, sizeof(*ch));
		ch->name = block->h.chain;
		ch->loc = block->h.chain_loc;
		c->rule_block_cap = 0;
		ch->rules = arena_room(c->a, NULL, 0, &c->rule_block_cap, 64, sizeof(*ch->rules));
		ch->rules[ch->nrules++] = block->rule;
		block->rule = NULL;
		block->rules_of = ch;
		c->rule_block = block;
		c->rule_block_rules = ch;
	}
	struct chain_decl *ch = c->rule_block_rules;
	ch->rules = arena_room(c->a, ch->rules, ch->nrules, &c->rule_block_cap, 64,
			       sizeof(*ch->rules));
	ch->rules[ch->nrules++] = r;
}

static int read_rule(struct jcmd *j)
{
	struct jin *c = j->c;
	struct handle_spec *h = &j->h;
	*h = (struct handle_spec){ .family = FAMILY_NONE };
	struct jval *fam = jc_get(j, "family");
	struct jpath fp = JPATH_KEY(j->p, "family");
	if (fam && jin_family(c, fam, &fp, &h->family) < 0)
		return -1;
	if (jc_str(j, "table", true, &h->table) < 0 || jc_str(j, "chain", true, &h->chain) < 0)
		return -1;
	h->table_loc = jc_loc(j, "table");
	h->chain_loc = jc_loc(j, "chain");
	c->family = h->family == FAMILY_NONE ? NFPROTO_IPV4 : h->family;
	c->table = h->table;
	uint64_t n;
	int rc = jin_opt_u64(c, j->o, "handle", j->p, &n);
	if (rc < 0)
		return -1;
	/* the handle names the rule to replace, delete or reset; nft 1.1.4 ignores it
	 * in add and insert (its listings carry every rule's handle, and read back they
	 * append in order), though libnftables-json(5) says it places the rule */
	bool adds = j->op == CMD_ADD || j->op == CMD_INSERT || j->op == CMD_CREATE;
	if (rc && !adds) {
		h->handle = n;
		h->has_handle = true;
	}
	h->handle_loc = jc_loc(j, "handle");
	if ((rc = jin_opt_u64(c, j->o, "index", j->p, &n)) < 0)
		return -1;
	if (rc) {
		if (n > UINT32_MAX)
			return jc_err(j, "index", "\"index\" is out of range");
		h->index = (uint32_t)n;
		h->has_index = true;
		h->handle_loc = jc_loc(j, "index");
	}
	if (j->op == CMD_REPLACE && !h->has_handle)
		return jc_err(j, NULL, "replacing a rule needs its \"handle\"");
	struct cmd *block = j->op == CMD_ADD && !h->has_index ? rule_block_of(c, h) : NULL;
	struct cmd *cmd = block ? NULL : b_cmd(&c->ps, &j->l, j->op, OBJ_RULE, h);
	if (j->op == CMD_ADD || j->op == CMD_INSERT || j->op == CMD_REPLACE ||
	    j->op == CMD_CREATE) {
		struct jval *exprs = jc_get(j, "expr");
		struct jpath ep = JPATH_KEY(j->p, "expr");
		if (!exprs || (!jv_is_array(exprs) && !jv_is_lazy(exprs)))
			return jc_err(j, exprs ? "expr" : NULL, "a rule needs an \"expr\" array");
		struct rule *r = kept_rule(j, exprs, &ep);
		const char *comment = NULL;
		if (jc_str(j, "comment", false, &comment) < 0)
			return -1;
		r->comment = comment;
		if (block) {
			join_rule_block(c, block, r);
			return 0;
		}
		cmd->rule = r;
	}
	b_emit(&c->ps, cmd);
	return 0;
}

/* ------------------------------------------------------------ listings */

/* `{"list": {"sets": {"family": "ip", "table": "t"}}}`, `{"flush": {"ruleset": null}}`:
 * a command on everything of a kind, filtered by what is given */
static int read_all(struct jcmd *j)
{
	if (jc_handle(j, JC_NAME_NONE, false) < 0)
		return -1;
	const char *table = NULL;
	if (jc_str(j, "table", false, &table) < 0)
		return -1;
	j->h.table = table;
	j->h.table_loc = jc_loc(j, "table");
	enum cmd_obj obj = j->obj;
	/* `reset rules table T`, `reset rules chain T C`: as the grammar names them */
	if (obj == OBJ_RULESET && j->op == CMD_RESET && table) {
		const char *chain = NULL;
		if (jc_str(j, "chain", false, &chain) < 0)
			return -1;
		j->h.chain = chain;
		j->h.chain_loc = jc_loc(j, "chain");
		obj = chain ? OBJ_CHAIN : OBJ_TABLE;
	}
	b_emit(&j->c->ps, b_cmd(&j->c->ps, &j->l, j->op, obj, &j->h));
	return 0;
}

/* ------------------------------------------------------------ the verbs */

static int read_set(struct jcmd *j) { return jin_set_cmd(j); }
static int read_element(struct jcmd *j) { return jin_element_cmd(j); }
static int read_flowtable(struct jcmd *j) { return jin_flowtable_cmd(j); }
static int read_counter(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_COUNTER); }
static int read_quota(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_QUOTA); }
static int read_limit(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_LIMIT); }
static int read_helper(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_CT_HELPER); }
static int read_timeout(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_CT_TIMEOUT); }
static int read_expect(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_CT_EXPECT); }
static int read_synproxy(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_SYNPROXY); }
static int read_secmark(struct jcmd *j) { return jin_obj_cmd(j, NFT_OBJECT_SECMARK); }

#define V(op) (1u << (op))
#define DECL (V(CMD_ADD) | V(CMD_CREATE) | V(CMD_DELETE) | V(CMD_DESTROY) | V(CMD_LIST))

/* Every object a command may name, the verbs nft takes it with, and its reader. */
static const struct {
	const char *word;
	enum cmd_obj obj;
	uint32_t verbs;
	int (*read)(struct jcmd *j);
} objects[] = {
	{ "table", OBJ_TABLE, DECL | V(CMD_FLUSH), read_table },
	{ "chain", OBJ_CHAIN, DECL | V(CMD_FLUSH) | V(CMD_RENAME), read_chain },
	{ "rule", OBJ_RULE, V(CMD_ADD) | V(CMD_CREATE) | V(CMD_INSERT) | V(CMD_REPLACE) |
		V(CMD_DELETE) | V(CMD_DESTROY) | V(CMD_RESET), read_rule },
	{ "set", OBJ_SET, DECL | V(CMD_FLUSH) | V(CMD_RESET), read_set },
	{ "map", OBJ_MAP, DECL | V(CMD_FLUSH) | V(CMD_RESET), read_set },
	{ "element", OBJ_ELEMENT, V(CMD_ADD) | V(CMD_CREATE) | V(CMD_DELETE) |
		V(CMD_DESTROY) | V(CMD_RESET), read_element },
	{ "flowtable", OBJ_FLOWTABLE, DECL, read_flowtable },
	{ "counter", OBJ_COUNTER, DECL | V(CMD_RESET), read_counter },
	{ "quota", OBJ_QUOTA, DECL | V(CMD_RESET), read_quota },
	{ "limit", OBJ_LIMIT, DECL, read_limit },
	{ "ct helper", OBJ_CT_HELPER, DECL, read_helper },
	{ "ct timeout", OBJ_CT_TIMEOUT, DECL, read_timeout },
	{ "ct expectation", OBJ_CT_EXPECT, DECL, read_expect },
	{ "synproxy", OBJ_SYNPROXY, DECL, read_synproxy },
	{ "secmark", OBJ_SECMARK, DECL, read_secmark },
	/* everything of a kind */
	{ "ruleset", OBJ_RULESET, V(CMD_LIST) | V(CMD_FLUSH), read_all },
	{ "rules", OBJ_RULESET, V(CMD_RESET), read_all },
	{ "tables", OBJ_TABLES, V(CMD_LIST), read_all },
	{ "chains", OBJ_CHAINS, V(CMD_LIST), read_all },
	{ "sets", OBJ_SETS, V(CMD_LIST), read_all },
	{ "maps", OBJ_MAPS, V(CMD_LIST), read_all },
	{ "flowtables", OBJ_FLOWTABLES, V(CMD_LIST), read_all },
	{ "counters", OBJ_COUNTERS, V(CMD_LIST) | V(CMD_RESET), read_all },
	{ "quotas", OBJ_QUOTAS, V(CMD_LIST) | V(CMD_RESET), read_all },
	{ "limits", OBJ_LIMITS, V(CMD_LIST), read_all },
	{ "ct helpers", OBJ_CT_HELPERS, V(CMD_LIST), read_all },
	{ "synproxys", OBJ_SYNPROXYS, V(CMD_LIST), read_all },
	{ "secmarks", OBJ_SECMARKS, V(CMD_LIST), read_all },
};

static const struct {
	const char *word;
	enum cmd_op op;
} verbs[] = {
	{ "add", CMD_ADD }, { "create", CMD_CREATE }, { "insert", CMD_INSERT },
	{ "replace", CMD_REPLACE }, { "delete", CMD_DELETE }, { "destroy", CMD_DESTROY },
	{ "list", CMD_LIST }, { "reset", CMD_RESET }, { "flush", CMD_FLUSH },
	{ "rename", CMD_RENAME },
};

#define NROWS(t) (sizeof(t) / sizeof((t)[0]))

static int object_row(const char *word)
{
	for (size_t k = 0; k < NROWS(objects); k++)
		if (objects[k].word[0] == word[0] && !strcmp(objects[k].word, word))
			return (int)k;
	return -1;
}

/* `{"OBJECT": {…}}` under verb `op` (`body` the object, `bp` its path) */
static int read_object(struct jin *c, enum cmd_op op, const char *verb, struct jval *body,
		       const struct jpath *bp, const struct loc *l)
{
	const char *what;
	struct jval *o;
	if (jin_single(c, body, bp, &what, &o) < 0)
		return -1;
	int k = object_row(what);
	if (k < 0)
		return jin_err(c, body, bp, "unknown object \"%s\"", what);
	if (!(objects[k].verbs & V(op)))
		return jin_err(c, body, bp, "\"%s\" cannot be given to \"%s\"", what, verb);
	struct jpath op_path = JPATH_KEY(bp, what);
	bool members_optional = objects[k].read == read_all;
	if (!jv_is_object(o) && !(members_optional && jv_is_null(o)))
		return jin_err(c, o, &op_path, "\"%s\" must be an object", what);
	struct jcmd j = {
		.c = c, .op = op, .obj = objects[k].obj, .o = jv_is_object(o) ? o : NULL,
		.p = &op_path, .l = *l,
	};
	return objects[k].read(&j);
}

int jin_cmd(struct jin *c, struct jval *v, const struct jpath *p)
{
	const char *verb;
	struct jval *body;
	if (jin_single(c, v, p, &verb, &body) < 0)
		return -1;
	struct loc l = jin_loc(c, v);
	/* a bare object is added, as in nft's own listings read back */
	if (object_row(verb) >= 0)
		return read_object(c, CMD_ADD, "add", v, p, &l);
	for (size_t i = 0; i < NROWS(verbs); i++)
		if (!strcmp(verbs[i].word, verb)) {
			struct jpath vp = JPATH_KEY(p, verb);
			return read_object(c, verbs[i].op, verb, body, &vp, &l);
		}
	return jin_err(c, v, p, "unknown command \"%s\"", verb);
}
