/* JSON commands (libnftables-json(5) "COMMAND OBJECTS"): `{"add": {"rule": {…}}}` and
 * the other verbs, each object's members read into the handle and declaration the
 * text grammar builds for the same command (build_cmd.c's constructors), so every
 * command continues exactly as its text twin does. */
#include <string.h>
#include <linux/netfilter.h>
#include "json_in.h"

static const struct {
	const char *word;
	enum cmd_op op;
} verbs[] = {
	{ "add", CMD_ADD }, { "create", CMD_CREATE }, { "insert", CMD_INSERT },
	{ "replace", CMD_REPLACE }, { "delete", CMD_DELETE }, { "destroy", CMD_DESTROY },
	{ "list", CMD_LIST }, { "reset", CMD_RESET }, { "flush", CMD_FLUSH },
	{ "rename", CMD_RENAME },
};

/* family, table (and the object's own name under `name_key`) into a handle */
static int read_handle(struct jin *c, json_t *o, const struct jpath *p, bool need_table,
		       struct handle_spec *h)
{
	*h = (struct handle_spec){ .family = NFPROTO_IPV4 };
	json_t *fam = json_object_get(o, "family");
	if (fam) {
		struct jpath fp = JPATH_KEY(p, "family");
		if (jin_family(c, fam, &fp, &h->family) < 0)
			return -1;
	}
	const char *tname = NULL;
	int rc = need_table ? jin_get_str(c, o, "table", p, &tname)
			    : jin_opt_str(c, o, "table", p, &tname);
	if (rc < 0)
		return -1;
	h->table = tname;
	h->table_loc = jin_loc(c, json_object_get(o, "table"));
	uint64_t handle;
	if ((rc = jin_opt_u64(c, o, "handle", p, &handle)) < 0)
		return -1;
	if (rc) {
		h->handle = handle;
		h->has_handle = true;
		h->handle_loc = jin_loc(c, json_object_get(o, "handle"));
	}
	c->family = h->family;
	c->table = h->table;
	return 0;
}

static int read_table(struct jin *c, enum cmd_op op, json_t *o, const struct jpath *p,
		      const struct loc *l)
{
	struct handle_spec h;
	if (read_handle(c, o, p, false, &h) < 0 || jin_get_str(c, o, "name", p, &h.table) < 0)
		return -1;
	h.table_loc = jin_loc(c, json_object_get(o, "name"));
	if (!b_name_ok(&c->ps, &h.table_loc, h.table))
		return -1;
	b_emit_table(&c->ps, l, op, &h, NULL);
	return 0;
}

static int read_chain(struct jin *c, enum cmd_op op, json_t *o, const struct jpath *p,
		      const struct loc *l)
{
	struct handle_spec h;
	if (read_handle(c, o, p, true, &h) < 0 || jin_get_str(c, o, "name", p, &h.chain) < 0)
		return -1;
	h.chain_loc = jin_loc(c, json_object_get(o, "name"));
	if (!b_name_ok(&c->ps, &h.chain_loc, h.chain))
		return -1;
	struct chain_decl *ch = NULL;
	const char *type = NULL, *hook = NULL, *policy = NULL;
	if (jin_opt_str(c, o, "type", p, &type) < 0 || jin_opt_str(c, o, "hook", p, &hook) < 0 ||
	    jin_opt_str(c, o, "policy", p, &policy) < 0)
		return -1;
	if (type || hook) {
		json_t *prio = json_object_get(o, "prio");
		if (!type || !hook || !prio)
			return jin_err(c, o, p, "a base chain needs \"type\", \"hook\" and \"prio\"");
		struct loc tl = jin_loc(c, json_object_get(o, "type"));
		struct loc hl = jin_loc(c, json_object_get(o, "hook"));
		struct loc pl = jin_loc(c, prio);
		const char *ptext;
		if (json_is_integer(prio))
			ptext = arena_printf(c->a, "%lld", (long long)json_integer_value(prio));
		else if (json_is_string(prio))
			ptext = json_string_value(prio);
		else {
			struct jpath pp = JPATH_KEY(p, "prio");
			return jin_err(c, prio, &pp, "\"prio\" must be a number or a name");
		}
		ch = b_chain(&c->ps, l);
		ch = b_chain_hook(&c->ps, ch, &tl, type, &hl, hook,
				  expr_symbol(c->a, &pl, ptext, false));
		json_t *dev = json_object_get(o, "dev");
		if (dev && json_is_string(dev)) {
			struct loc dl = jin_loc(c, dev);
			ch = b_chain_dev(&c->ps, ch,
					 expr_symbol(c->a, &dl, json_string_value(dev), true));
		}
		if (policy) {
			struct loc pol = jin_loc(c, json_object_get(o, "policy"));
			ch = b_chain_policy(&c->ps, ch, expr_symbol(c->a, &pol, policy, false));
		}
	}
	const char *comment = NULL;
	if (jin_opt_str(c, o, "comment", p, &comment) < 0)
		return -1;
	if (comment) {
		if (!ch)
			ch = b_chain(&c->ps, l);
		ch = b_chain_comment(&c->ps, ch, comment);
	}
	if (op == CMD_ADD || op == CMD_CREATE) {
		b_emit_chain(&c->ps, l, op, &h, ch);
		return 0;
	}
	b_emit(&c->ps, b_cmd(&c->ps, l, op, OBJ_CHAIN, &h));
	return 0;
}

static int read_rule(struct jin *c, enum cmd_op op, json_t *o, const struct jpath *p,
		     const struct loc *l)
{
	struct handle_spec h;
	if (read_handle(c, o, p, true, &h) < 0 || jin_get_str(c, o, "chain", p, &h.chain) < 0)
		return -1;
	h.chain_loc = jin_loc(c, json_object_get(o, "chain"));
	uint64_t pos;
	int rc = jin_opt_u64(c, o, "position", p, &pos);
	if (rc < 0)
		return -1;
	if (rc) {
		h.position = pos;
		h.has_position = true;
	}
	uint64_t index;
	if ((rc = jin_opt_u64(c, o, "index", p, &index)) < 0)
		return -1;
	if (rc) {
		h.index = (uint32_t)index;
		h.has_index = true;
	}
	struct cmd *cmd = b_cmd(&c->ps, l, op, OBJ_RULE, &h);
	if (op == CMD_ADD || op == CMD_INSERT || op == CMD_REPLACE || op == CMD_CREATE) {
		json_t *exprs = json_object_get(o, "expr");
		struct jpath ep = JPATH_KEY(p, "expr");
		if (!exprs || !json_is_array(exprs))
			return jin_err(c, exprs ? exprs : o, exprs ? &ep : p,
				       "a rule needs an \"expr\" array");
		struct rule *r = arena_alloc(c->a, sizeof(*r));
		r->loc = *l;
		if (jin_rule_stmts(c, exprs, &ep, r) < 0)
			return -1;
		const char *comment = NULL;
		if (jin_opt_str(c, o, "comment", p, &comment) < 0)
			return -1;
		r->comment = comment;
		cmd->rule = r;
	}
	b_emit(&c->ps, cmd);
	return 0;
}

static const struct {
	const char *word;
	int (*read)(struct jin *c, enum cmd_op op, json_t *o, const struct jpath *p,
		    const struct loc *l);
} objects[] = {
	{ "table", read_table },
	{ "chain", read_chain },
	{ "rule", read_rule },
};

int jin_cmd(struct jin *c, json_t *v, const struct jpath *p)
{
	const char *verb, *what;
	json_t *body, *obj;
	if (jin_single(c, v, p, &verb, &body) < 0)
		return -1;
	struct jpath vp = JPATH_KEY(p, verb);
	size_t i;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(verbs[i].word, verb))
			break;
	if (i == sizeof(verbs) / sizeof(verbs[0]))
		return jin_err(c, v, p, "unknown command \"%s\"", verb);
	if (jin_single(c, body, &vp, &what, &obj) < 0)
		return -1;
	struct jpath op = JPATH_KEY(&vp, what);
	struct loc l = jin_loc(c, v);
	for (size_t k = 0; k < sizeof(objects) / sizeof(objects[0]); k++)
		if (!strcmp(objects[k].word, what)) {
			if (!json_is_object(obj))
				return jin_err(c, obj, &op, "\"%s\" must be an object", what);
			return objects[k].read(c, verbs[i].op, obj, &op, &l);
		}
	return jin_err(c, body, &vp, "unknown object \"%s\"", what);
}
