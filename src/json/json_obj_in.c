/* JSON named objects and flowtables (libnftables-json(5) "COUNTER", "QUOTA", "LIMIT",
 * "CT HELPER", "CT TIMEOUT", "CT EXPECTATION", "FLOWTABLE"; synproxy and secmark as
 * nft writes them) → the declarations the grammar builds for `add counter …`,
 * `add ct helper … { … }`, `add flowtable … { … }` (build_obj.c), each member handed
 * to the constructor of its text twin as the words the text would hold. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_cmd.h"

/* ------------------------------------------------------------ stateful objects */

static struct stmt *counter_obj(struct jcmd *j)
{
	const char *packets = NULL, *bytes = NULL;
	if (jc_num(j, "packets", false, &packets) < 0 || jc_num(j, "bytes", false, &bytes) < 0)
		return NULL;
	return b_counter(&j->c->ps, &j->l, packets, bytes);
}

static struct stmt *quota_obj(struct jcmd *j)
{
	const char *bytes = NULL, *used = NULL;
	bool inv = false;
	if (jc_num(j, "bytes", true, &bytes) < 0 || jc_num(j, "used", false, &used) < 0 ||
	    jc_bool(j, "inv", &inv) < 0)
		return NULL;
	struct loc bl = jc_loc(j, "bytes"), ul = jc_loc(j, "used");
	struct stmt *q = b_quota(&j->c->ps, &bl, inv, bytes, "bytes");
	if (!q || !used)
		return q;
	struct stmt *u = b_quota(&j->c->ps, &ul, false, used, "bytes");
	if (!u)
		return NULL;
	q->quota.used = u->quota.bytes;
	return q;
}

/* rate (per "per", needed as nft needs it) in "rate_unit" (packets, or bytes, kbytes …);
 * burst in "burst_unit" (bytes) for byte limits; nft's JSON default burst is 0 */
static struct stmt *limit_obj(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	const char *rate, *per, *rate_unit = "packets", *burst = NULL;
	const char *burst_unit = "bytes";
	bool inv = false;
	if (jc_num(j, "rate", true, &rate) < 0 || jc_str(j, "per", true, &per) < 0 ||
	    jc_str(j, "rate_unit", false, &rate_unit) < 0 || jc_num(j, "burst", false, &burst) < 0 ||
	    jc_str(j, "burst_unit", false, &burst_unit) < 0 || jc_bool(j, "inv", &inv) < 0)
		return NULL;
	bool packets = !strcmp(rate_unit, "packets");
	struct loc ul = jc_loc(j, "per"), bl = jc_loc(j, "burst");
	struct stmt *s = b_limit(ps, &j->l, inv, rate, packets ? NULL : rate_unit, &ul, per);
	if (!s)
		return NULL;
	if (!burst) {
		s->limit.burst = 0;
		return s;
	}
	return b_limit_burst(ps, s, &bl, burst, packets ? NULL : burst_unit);
}

static int synproxy_flag(const struct jcmd *j, struct jval *w, void *priv)
{
	const char *f = jv_str(w);
	struct loc l = jin_loc(j->c, w);
	if (strcmp(f, "timestamp") && strcmp(f, "sack-perm"))
		return jin_err(j->c, w, j->p, "unknown synproxy flag \"%s\"", f);
	return b_synproxy_opt(&j->c->ps, priv, &l, f, NULL) ? 0 : -1;
}

static struct stmt *synproxy_obj(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	struct stmt *s = b_simple(ps, &j->l, STMT_SYNPROXY);
	static const char *const numbers[] = { "mss", "wscale" };
	for (unsigned i = 0; i < 2; i++) {
		const char *n = NULL;
		int rc = jc_num(j, numbers[i], false, &n);
		struct loc l = jc_loc(j, numbers[i]);
		if (rc < 0 || (rc && !b_synproxy_opt(ps, s, &l, numbers[i], n)))
			return NULL;
	}
	return jc_words(j, "flags", synproxy_flag, s) < 0 ? NULL : s;
}

/* ------------------------------------------------------------ ct objects */

/* one `key value` of a ct helper/timeout/expectation block, the value as text */
static int ct_opt(struct jcmd *j, struct obj_decl *o, const char *key, const char *value)
{
	struct loc kl = jc_loc(j, key);
	return b_obj_opt(&j->c->ps, o, &kl, key, &kl, value) ? 0 : -1;
}

/* ct timeout "policy": {"established": 122, …} → the mappings of `policy = { … }` */
static int timeout_policy(struct jcmd *j, struct obj_decl *o)
{
	struct jin *c = j->c;
	struct jval *v = jc_get(j, "policy");
	if (!v)
		return 0;
	struct jpath pp = JPATH_KEY(j->p, "policy");
	if (!jv_is_object(v))
		return jin_err(c, v, &pp, "\"policy\" must be an object of states and timeouts");
	struct loc l = jin_loc(c, v);
	struct expr *set = b_set(&c->ps, &l);
	const char *state;
	struct jval *t;
	jv_foreach_member(v, state, t) {
		struct jpath sp = JPATH_KEY(&pp, state);
		if (!jv_is_integer(t) || jv_int(t) < 0)
			return jin_err(c, t, &sp, "a timeout must be a number of seconds");
		struct loc tl = jin_loc(c, t);
		struct expr *left = expr_symbol(c->a, &tl, state, false);
		struct expr *right = expr_symbol(c->a, &tl, arena_printf(c->a, "%lld",
						 (long long)jv_int(t)), false);
		b_set_add(&c->ps, set, b_mapping(&c->ps, &tl, b_elem(&c->ps, &tl, left), right));
	}
	return b_obj_policy(&c->ps, o, &l, set) ? 0 : -1;
}

static struct obj_decl *ct_obj(struct jcmd *j, uint32_t type)
{
	struct obj_decl *o = b_obj(&j->c->ps, &j->l, 0, NULL);
	const char *helper = NULL, *proto = NULL, *l3 = NULL, *dport = NULL, *size = NULL;
	const char *timeout = NULL;
	if (jc_str(j, "type", type == NFT_OBJECT_CT_HELPER, &helper) < 0 ||
	    jc_str(j, "protocol", false, &proto) < 0 || jc_str(j, "l3proto", false, &l3) < 0 ||
	    jc_num(j, "dport", false, &dport) < 0 || jc_num(j, "size", false, &size) < 0 ||
	    jc_num(j, "timeout", false, &timeout) < 0)
		return NULL;
	if (type != NFT_OBJECT_CT_HELPER)
		helper = NULL;
	if (type != NFT_OBJECT_CT_EXPECT)
		dport = size = timeout = NULL;
	/* an expectation's timeout is in milliseconds */
	if (timeout)
		timeout = arena_printf(j->c->a, "%sms", timeout);
	if ((helper && ct_opt(j, o, "type", helper) < 0) ||
	    (proto && ct_opt(j, o, "protocol", proto) < 0) ||
	    (l3 && ct_opt(j, o, "l3proto", l3) < 0) ||
	    (dport && ct_opt(j, o, "dport", dport) < 0) ||
	    (timeout && ct_opt(j, o, "timeout", timeout) < 0) ||
	    (size && ct_opt(j, o, "size", size) < 0))
		return NULL;
	if (type == NFT_OBJECT_CT_TIMEOUT && timeout_policy(j, o) < 0)
		return NULL;
	return b_obj_finish(&j->c->ps, o, &j->l, type);
}

/* ------------------------------------------------------------ the command */

static struct obj_decl *obj_decl(struct jcmd *j, uint32_t type)
{
	struct pstate *ps = &j->c->ps;
	struct stmt *s = NULL;
	switch (type) {
	case NFT_OBJECT_COUNTER:
		s = counter_obj(j);
		break;
	case NFT_OBJECT_QUOTA:
		s = quota_obj(j);
		break;
	case NFT_OBJECT_LIMIT:
		s = limit_obj(j);
		break;
	case NFT_OBJECT_SYNPROXY:
		s = synproxy_obj(j);
		break;
	case NFT_OBJECT_SECMARK: {
		const char *ctx;
		if (jc_str(j, "context", true, &ctx) < 0)
			return NULL;
		struct obj_decl *o = b_obj(ps, &j->l, type, NULL);
		o->str = ctx;
		return o;
	}
	default:
		return ct_obj(j, type);
	}
	return s ? b_obj(ps, &j->l, type, s) : NULL;
}

int jin_obj_cmd(struct jcmd *j, uint32_t type)
{
	struct pstate *ps = &j->c->ps;
	bool declares = j->op == CMD_ADD || j->op == CMD_CREATE;
	if (jc_handle(j, JC_NAME_SET, true) < 0)
		return -1;
	struct obj_decl *o = NULL;
	if (declares) {
		const char *comment = NULL;
		if (!(o = obj_decl(j, type)) || jc_str(j, "comment", false, &comment) < 0)
			return -1;
		if (comment)
			o->comment = comment;
	}
	b_emit_obj(ps, &j->l, j->op, b_obj_kind(type), &j->h, o);
	return 0;
}

/* ------------------------------------------------------------ flowtables */

static int ft_dev(const struct jcmd *j, struct jval *w, void *priv)
{
	struct loc l = jin_loc(j->c, w);
	b_ft_devices(&j->c->ps, priv, expr_symbol(j->c->a, &l, jv_str(w), false));
	return 0;
}

static int ft_flag(const struct jcmd *j, struct jval *w, void *priv)
{
	struct loc l = jin_loc(j->c, w);
	return b_ft_flag(&j->c->ps, priv, &l, jv_str(w)) ? 0 : -1;
}

int jin_flowtable_cmd(struct jcmd *j)
{
	struct pstate *ps = &j->c->ps;
	if (jc_handle(j, JC_NAME_SET, true) < 0)
		return -1;
	if (j->op != CMD_ADD && j->op != CMD_CREATE) {
		b_emit_flowtable(ps, &j->l, j->op, &j->h, NULL);
		return 0;
	}
	struct flowtable_decl *f = b_flowtable(ps, &j->l);
	const char *hook = NULL, *prio = NULL;
	if (jc_str(j, "hook", false, &hook) < 0 || jc_num(j, "prio", false, &prio) < 0)
		return -1;
	if (hook || prio) {
		if (!hook || !prio)
			return jc_err(j, NULL, "a flowtable needs both \"hook\" and \"prio\"");
		struct loc hl = jc_loc(j, "hook"), pl = jc_loc(j, "prio");
		b_ft_hook(ps, f, &hl, hook, &pl, expr_symbol(j->c->a, &pl, prio, false));
	}
	if (jc_words(j, "dev", ft_dev, f) < 0 || jc_words(j, "flags", ft_flag, f) < 0)
		return -1;
	b_emit_flowtable(ps, &j->l, j->op, &j->h, f);
	return 0;
}
