/* JSON statements that act on the packet or on state beyond a match (libnftables-
 * json(5) "STATEMENTS"): snat/dnat/masquerade/redirect, reject, queue, dup, fwd,
 * tproxy, synproxy, set and map updates, flow offload, reset of a tcp option,
 * notrack. Each is built by the constructors the grammar uses for its text. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include "json_in_help.h"

struct act {
	struct jin *c;
	struct jval *body;
	const struct jpath *p;
	struct loc l;
};

/* An optional member as an expression: 0 absent, 1 read, -1 after an error. */
static int opt_expr(const struct act *a, const char *key, struct expr **out)
{
	*out = NULL;
	if (!jv_is_object(a->body) || !jv_get(a->body, key))
		return 0;
	*out = jin_mexpr(a->c, a->body, key, a->p, true);
	return *out ? 1 : -1;
}

struct flag_word {
	const char *word;
	uint32_t flag;
};

struct flag_acc {
	const struct flag_word *tab;
	uint32_t flags;
};

static int add_flag(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
		    void *priv)
{
	struct flag_acc *acc = priv;
	for (const struct flag_word *f = acc->tab; f->word; f++)
		if (!strcmp(f->word, word)) {
			acc->flags |= f->flag;
			return 0;
		}
	return jin_err(c, w, p, "unknown flag \"%s\"", word);
}

/* A member of flag words (a string or an array of them) → their OR. */
static int flags_of(const struct act *a, const char *key, const struct flag_word *tab,
		    uint32_t *out)
{
	struct flag_acc acc = { tab, 0 };
	struct jval *v = jv_get(a->body, key);
	*out = 0;
	if (!v)
		return 0;
	struct jpath kp = JPATH_KEY(a->p, key);
	if (jin_words(a->c, v, &kp, arena_printf(a->c->a, "\"%s\"", key), add_flag, &acc) < 0)
		return -1;
	*out = acc.flags;
	return 0;
}

static const struct flag_word nat_flags[] = {
	{ "random", NF_NAT_RANGE_PROTO_RANDOM }, { "fully-random", NF_NAT_RANGE_PROTO_RANDOM_FULLY },
	{ "persistent", NF_NAT_RANGE_PERSISTENT }, { "netmap", NF_NAT_RANGE_NETMAP },
	{ NULL, 0 },
};

static const struct flag_word nat_type_flags[] = {
	{ "interval", NAT_TF_INTERVAL }, { "prefix", NAT_TF_PREFIX }, { "concat", NAT_TF_CONCAT },
	{ NULL, 0 },
};

static struct stmt *nat(const struct act *a, enum nat_kind kind, const char *word)
{
	struct pstate *ps = &a->c->ps;
	if (jv_is_null(a->body)) {
		if (kind == NAT_SNAT || kind == NAT_DNAT)
			return jin_err(a->c, a->body, a->p, "\"%s\" needs \"addr\" or \"port\"",
				       word), NULL;
		return b_nat(ps, &a->l, kind, NULL, 0);
	}
	const char *family = NULL;
	uint32_t flags, tflags;
	struct expr *addr, *port;
	if (jin_body(a->c, a->body, a->p, word, JIN_KEYS("addr", "port", "family", "flags", "type_flags")) < 0 ||
	    jin_mstr(a->c, a->body, "family", a->p, false, &family) < 0 ||
	    flags_of(a, "flags", nat_flags, &flags) < 0 ||
	    flags_of(a, "type_flags", nat_type_flags, &tflags) < 0 ||
	    opt_expr(a, "addr", &addr) < 0 || opt_expr(a, "port", &port) < 0)
		return NULL;
	struct loc fl = family ? jin_loc(a->c, jv_get(a->body, "family")) : a->l;
	struct stmt *s = b_nat(ps, &fl, kind, family, tflags);
	s->loc = a->l;
	if (addr || port)
		s = b_nat_to(ps, s, expr_bin(a->c->a, EXPR_MAPPING, &a->l, addr, 0, port));
	return b_nat_flags(ps, s, flags);
}

static struct stmt *reject(const struct act *a)
{
	struct pstate *ps = &a->c->ps;
	struct stmt *s = b_reject(ps, &a->l);
	if (jv_is_null(a->body))
		return s;
	const char *type = NULL;
	struct expr *code;
	if (jin_body(a->c, a->body, a->p, "reject", JIN_KEYS("type", "expr")) < 0 ||
	    jin_mstr(a->c, a->body, "type", a->p, false, &type) < 0 ||
	    opt_expr(a, "expr", &code) < 0)
		return NULL;
	if (!type) {
		if (code)
			return jin_err(a->c, a->body, a->p, "\"expr\" needs a \"type\""), NULL;
		return s;
	}
	struct loc tl = jin_loc(a->c, jv_get(a->body, "type"));
	if (!strcmp(type, "tcp reset"))
		return code ? (jin_err(a->c, a->body, a->p, "\"tcp reset\" takes no \"expr\""),
			       NULL)
			    : b_reject_with(ps, s, &tl, "tcp", NULL);
	if (!code)                               /* the kernel's default code */
		code = b_sym(ps, &tl, "port-unreachable", false);
	return b_reject_with(ps, s, &tl, type, code);
}

static int queue_flag(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
		      void *priv)
{
	(void)p;
	struct loc l = jin_loc(c, w);
	return b_queue_opt(&c->ps, priv, &l, word, NULL, NULL) ? 0 : -1;
}

static struct stmt *queue(const struct act *a)
{
	struct stmt *s = b_queue(&a->c->ps, &a->l);
	if (jv_is_null(a->body))
		return s;
	struct expr *num;
	if (jin_body(a->c, a->body, a->p, "queue", JIN_KEYS("num", "flags")) < 0 || opt_expr(a, "num", &num) < 0)
		return NULL;
	if (num && !(s = b_queue_to(&a->c->ps, s, num)))
		return NULL;
	struct jval *flags = jv_get(a->body, "flags");
	struct jpath fp = JPATH_KEY(a->p, "flags");
	if (flags && jin_words(a->c, flags, &fp, "\"flags\"", queue_flag, s) < 0)
		return NULL;
	s->loc = a->l;
	return s;
}

/* dup, fwd, tproxy: an address, a device and/or a port, an optional family */
static struct stmt *steer(const struct act *a, enum stmt_kind k, const char *word)
{
	const char *family = NULL;
	struct expr *addr, *dev, *port;
	if (jin_body(a->c, a->body, a->p, word, JIN_KEYS("addr", "dev", "port", "family")) < 0 ||
	    jin_mstr(a->c, a->body, "family", a->p, false, &family) < 0 ||
	    opt_expr(a, "addr", &addr) < 0 || opt_expr(a, "dev", &dev) < 0 ||
	    opt_expr(a, "port", &port) < 0)
		return NULL;
	const char *extra = k != STMT_TPROXY && port ? "port"
			  : k == STMT_TPROXY && dev ? "dev"
			  : k == STMT_DUP && family ? "family" : NULL;
	if (extra)
		return jin_err(a->c, a->body, a->p, "\"%s\" takes no \"%s\"", word, extra),
		       NULL;
	if (k == STMT_DUP && !addr) {    /* `dup to "lo"` (netdev): eval makes it the device */
		addr = dev;
		dev = NULL;
	}
	if (!addr && !dev && !port)
		return jin_err(a->c, a->body, a->p, "\"%s\" needs a target", word), NULL;
	return b_steer(&a->c->ps, &a->l, k, family, addr, dev, port);
}

static const struct flag_word synproxy_flags[] = {
	{ "timestamp", 1 }, { "sack-perm", 2 }, { NULL, 0 },
};

static struct stmt *synproxy(const struct act *a)
{
	struct pstate *ps = &a->c->ps;
	struct stmt *s = b_simple(ps, &a->l, STMT_SYNPROXY);
	if (jv_is_null(a->body))
		return s;
	const char *mss = NULL, *wscale = NULL;
	uint32_t flags;
	if (jin_body(a->c, a->body, a->p, "synproxy", JIN_KEYS("mss", "wscale", "flags")) < 0 ||
	    jin_mnum(a->c, a->body, "mss", a->p, false, &mss) < 0 ||
	    jin_mnum(a->c, a->body, "wscale", a->p, false, &wscale) < 0 ||
	    flags_of(a, "flags", synproxy_flags, &flags) < 0)
		return NULL;
	struct loc ml = mss ? jin_loc(a->c, jv_get(a->body, "mss")) : a->l;
	struct loc wl = wscale ? jin_loc(a->c, jv_get(a->body, "wscale")) : a->l;
	if ((mss && !b_synproxy_opt(ps, s, &ml, "mss", mss)) ||
	    (wscale && !b_synproxy_opt(ps, s, &wl, "wscale", wscale)))
		return NULL;
	if ((flags & 1) && !b_synproxy_opt(ps, s, &a->l, "timestamp", NULL))
		return NULL;
	if ((flags & 2) && !b_synproxy_opt(ps, s, &a->l, "sack-perm", NULL))
		return NULL;
	s->loc = a->l;
	return s;
}

/* "@name" (or "name") of a set, map or flowtable → a set reference */
static struct expr *ref(const struct act *a, const char *key)
{
	const char *name;
	if (jin_mstr(a->c, a->body, key, a->p, true, &name) < 0)
		return NULL;
	struct loc l = jin_loc(a->c, jv_get(a->body, key));
	return b_setref(&a->c->ps, &l, name[0] == '@' ? name + 1 : name);
}

static const struct {
	const char *word;
	uint32_t op;
} dynset_ops[] = {
	{ "add", NFT_DYNSET_OP_ADD }, { "update", NFT_DYNSET_OP_UPDATE },
	{ "delete", NFT_DYNSET_OP_DELETE },
};

/* `{"set": {"op": "add", "elem": …, "set": "@s", "stmt": […]}}`, and "map" with "data" */
static struct stmt *dynset(const struct act *a, bool is_map)
{
	struct jin *c = a->c;
	const char *word = is_map ? "map" : "set", *op;
	if (jin_body(a->c, a->body, a->p, word, is_map ? JIN_KEYS("op", "elem", "data", "map", "stmt")
				      : JIN_KEYS("op", "elem", "set", "stmt")) < 0 ||
	    jin_mstr(c, a->body, "op", a->p, true, &op) < 0)
		return NULL;
	size_t i;
	for (i = 0; i < sizeof(dynset_ops) / sizeof(dynset_ops[0]); i++)
		if (!strcmp(dynset_ops[i].word, op))
			break;
	if (i == sizeof(dynset_ops) / sizeof(dynset_ops[0])) {
		struct jpath op_p = JPATH_KEY(a->p, "op");
		return jin_err(c, jv_get(a->body, "op"), &op_p,
			       "\"op\" must be \"add\", \"update\" or \"delete\""), NULL;
	}
	struct expr *set = ref(a, word);
	if (!set)
		return NULL;
	struct jval *ev = jv_get(a->body, "elem");
	struct jpath ep = JPATH_KEY(a->p, "elem");
	if (!ev)
		return jin_err(c, a->body, a->p, "missing member \"elem\""), NULL;
	struct expr *key = jin_set_elem(c, ev, &ep);
	struct expr *data = NULL;
	if (!key || (is_map && !(data = jin_mexpr(c, a->body, "data", a->p, true))))
		return NULL;
	/* the element's options belong to the update: timeout, statements */
	struct expr *el = key;
	key = el->elem.key;
	struct stmt *s = b_dynset(&c->ps, &a->l, dynset_ops[i].op, set, key, data);
	s->dyn.timeout = el->elem.timeout;
	for (uint32_t k = 0; el->elem.stmts && k < el->elem.stmts->n; k++)
		b_dynset_stmts(&c->ps, s, el->elem.stmts->v[k]);
	struct jval *sv = jv_get(a->body, "stmt");
	if (!sv)
		return s;
	struct jpath sp = JPATH_KEY(a->p, "stmt");
	if (!jv_is_array(sv))
		return jin_err(c, sv, &sp, "\"stmt\" must be an array of statements"), NULL;
	for (size_t k = 0; k < jv_count(sv); k++) {
		struct jpath kp = JPATH_IDX(&sp, k);
		struct stmt *st = jin_stmt(c, jv_item(sv, k), &kp);
		if (!st)
			return NULL;
		b_dynset_stmts(&c->ps, s, st);
	}
	return s;
}

static struct stmt *flow(const struct act *a)
{
	const char *op;
	if (jin_body(a->c, a->body, a->p, "flow", JIN_KEYS("op", "flowtable")) < 0 ||
	    jin_mstr(a->c, a->body, "op", a->p, true, &op) < 0)
		return NULL;
	if (strcmp(op, "add"))
		return jin_err(a->c, jv_get(a->body, "op"), a->p,
			       "\"flow\" takes \"op\": \"add\""), NULL;
	struct expr *ft = ref(a, "flowtable");
	return ft ? b_flow_offload(&a->c->ps, &a->l, ft) : NULL;
}

static struct stmt *reset(const struct act *a)
{
	struct expr *e = jin_expr(a->c, a->body, a->p);
	if (!e)
		return NULL;
	if (e->kind != EXPR_EXTHDR)
		return jin_err(a->c, a->body, a->p, "\"reset\" takes a \"tcp option\""), NULL;
	return b_exthdr_reset(&a->c->ps, &a->l, e);
}

static struct stmt *notrack(const struct act *a)
{
	if (!jv_is_null(a->body))
		return jin_err(a->c, a->body, a->p, "\"notrack\" takes null"), NULL;
	return b_simple(&a->c->ps, &a->l, STMT_NOTRACK);
}

static struct stmt *snat(const struct act *a) { return nat(a, NAT_SNAT, "snat"); }
static struct stmt *dnat(const struct act *a) { return nat(a, NAT_DNAT, "dnat"); }
static struct stmt *masq(const struct act *a) { return nat(a, NAT_MASQ, "masquerade"); }
static struct stmt *redir(const struct act *a) { return nat(a, NAT_REDIR, "redirect"); }
static struct stmt *dup(const struct act *a) { return steer(a, STMT_DUP, "dup"); }
static struct stmt *fwd(const struct act *a) { return steer(a, STMT_FWD, "fwd"); }
static struct stmt *tproxy(const struct act *a) { return steer(a, STMT_TPROXY, "tproxy"); }
static struct stmt *set_upd(const struct act *a) { return dynset(a, false); }
static struct stmt *map_upd(const struct act *a) { return dynset(a, true); }

static const struct {
	const char *word;
	struct stmt *(*read)(const struct act *a);
} actions[] = {
	{ "snat", snat }, { "dnat", dnat }, { "masquerade", masq }, { "redirect", redir },
	{ "reject", reject }, { "queue", queue }, { "dup", dup }, { "fwd", fwd },
	{ "tproxy", tproxy }, { "synproxy", synproxy }, { "set", set_upd }, { "map", map_upd },
	{ "flow", flow }, { "reset", reset }, { "notrack", notrack },
};

struct stmt *jin_action(struct jin *c, const char *word, struct jval *body, struct jval *v,
			const struct jpath *p, bool *known)
{
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		if (strcmp(actions[i].word, word))
			continue;
		*known = true;
		struct act a = { c, body, p, jin_loc(c, v) };
		return actions[i].read(&a);
	}
	*known = false;
	if (!strcmp(word, "xt")) {
		*known = true;
		/* listed (an iptables-nft rule's match or target), never added: nft's words */
		jin_err(c, v, p, "unsupported xtables compat expression, use iptables-nft with "
			"this ruleset");
	}
	return NULL;
}
