/* JSON expressions that load packet data or state (libnftables-json(5) "PAYLOAD",
 * "META", "CT", "EXTHDR" … ): each object's members are handed to the constructor
 * the grammar calls for the same words (b_payload, b_meta, b_ct, b_option,
 * b_other …), so names are looked up in the same tables and refused with the same
 * errors. One row per JSON word: its members and its reader. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "json_in_help.h"

struct load_args {
	struct jin *c;
	struct jval *o;                   /* the object's body */
	const struct jpath *p;
	struct loc l;                /* the whole expression */
};

/* A member's location, or the expression's when it has none. */
static struct loc mloc(const struct load_args *a, const char *key)
{
	struct jval *v = jv_get(a->o, key);
	return v ? jin_loc(a->c, v) : a->l;
}

static const char *str_or_null(const struct load_args *a, const char *key, bool need, int *rc)
{
	const char *s = NULL;
	if (jin_mstr(a->c, a->o, key, a->p, need, &s) < 0 || (need && !s))
		*rc = -1;
	return s;
}

static const char *num_or_null(const struct load_args *a, const char *key, bool need, int *rc)
{
	const char *s = NULL;
	if (jin_mnum(a->c, a->o, key, a->p, need, &s) < 0 || (need && !s))
		*rc = -1;
	return s;
}

static struct expr *payload(struct load_args *a)
{
	int rc = 0;
	struct pstate *ps = &a->c->ps;
	const char *base = str_or_null(a, "base", false, &rc);
	if (base) {
		const char *off = num_or_null(a, "offset", true, &rc);
		const char *len = num_or_null(a, "len", true, &rc);
		if (rc)
			return NULL;
		struct loc ol = mloc(a, "offset"), ll = mloc(a, "len");
		return b_raw(ps, &a->l, base, &ol, off, &ll, len);
	}
	const char *proto = str_or_null(a, "protocol", true, &rc);
	const char *field = str_or_null(a, "field", true, &rc);
	const char *tunnel = str_or_null(a, "tunnel", false, &rc);
	if (rc)
		return NULL;
	struct loc fl = mloc(a, "field");
	if (!tunnel)
		return b_payload(ps, &a->l, proto, &fl, field);
	struct loc tl = mloc(a, "tunnel");
	/* the tunnel's own header (`vxlan vni`) names the tunnel as its protocol */
	return b_tunnel(ps, &a->l, &tl, tunnel, strcmp(proto, tunnel) ? proto : NULL, &fl,
			field);
}

static struct expr *meta(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	struct loc kl = mloc(a, "key");
	return rc ? NULL : b_meta(&a->c->ps, &a->l, &kl, key);
}

static struct expr *ct(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	const char *dir = str_or_null(a, "dir", false, &rc);
	const char *family = str_or_null(a, "family", false, &rc);
	if (rc)
		return NULL;
	size_t fam_len = strcspn(key, " ");
	if (key[fam_len] && !family) {       /* "ip saddr": the family, then the key */
		family = arena_printf(a->c->a, "%.*s", (int)fam_len, key);
		key += fam_len + 1;
	}
	int d = CTDIR_NONE;
	if (dir && !strcmp(dir, "original"))
		d = CTDIR_ORIGINAL;
	else if (dir && !strcmp(dir, "reply"))
		d = CTDIR_REPLY;
	else if (dir) {
		struct jpath dp = JPATH_KEY(a->p, "dir");
		return jin_err(a->c, jv_get(a->o, "dir"), &dp,
			       "\"dir\" must be \"original\" or \"reply\""), NULL;
	}
	struct loc kl = mloc(a, "key");
	return b_ct(&a->c->ps, &a->l, d, family, &kl, key);
}

static struct expr *exthdr(struct load_args *a)
{
	int rc = 0;
	const char *name = str_or_null(a, "name", true, &rc);
	const char *field = str_or_null(a, "field", false, &rc);
	const char *off = num_or_null(a, "offset", false, &rc);
	if (rc)
		return NULL;
	if (field && off)                    /* `rt0 addr[1]`, `srh sid[2]` */
		field = arena_printf(a->c->a, "%s[%s]", field, off);
	struct loc nl = mloc(a, "name"), fl = mloc(a, "field");
	return b_exthdr6(&a->c->ps, &a->l, &nl, name, field ? &fl : NULL, field);
}

/* tcp/ip options and sctp chunks by name, tcp options also by kind (`base`) */
static struct expr *option(struct load_args *a, const char *proto)
{
	int rc = 0;
	struct pstate *ps = &a->c->ps;
	const char *name = str_or_null(a, "name", false, &rc);
	const char *field = str_or_null(a, "field", false, &rc);
	if (rc)
		return NULL;
	struct loc nl = mloc(a, "name"), fl = mloc(a, "field");
	if (name)
		return b_option(ps, &a->l, proto, &nl, name, &fl, field);
	const char *kind = num_or_null(a, "base", true, &rc);
	const char *off = num_or_null(a, "offset", false, &rc);
	const char *len = num_or_null(a, "len", false, &rc);
	if (rc)
		return NULL;
	/* the kind byte alone (len 8, or 0 in `reset`) is the option itself:
	 * `tcp option 6 exists`, `reset tcp option 123` */
	if ((!off || !strcmp(off, "0")) && (!len || !strcmp(len, "8") || !strcmp(len, "0"))) {
		nl = mloc(a, "base");
		return b_option(ps, &a->l, proto, &nl, kind, &fl, NULL);
	}
	return b_option_raw(ps, &a->l, proto, kind, off ? off : "0", len ? len : "8");
}

static struct expr *tcp_option(struct load_args *a) { return option(a, "tcp"); }
static struct expr *ip_option(struct load_args *a) { return option(a, "ip"); }
static struct expr *sctp_chunk(struct load_args *a) { return option(a, "sctp"); }

static struct expr *dccp_option(struct load_args *a)
{
	int rc = 0;
	const char *type = num_or_null(a, "type", true, &rc);
	struct loc tl = mloc(a, "type");
	return rc ? NULL : b_option(&a->c->ps, &a->l, "dccp", &tl, type, NULL, NULL);
}

static struct expr *rt(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	const char *family = str_or_null(a, "family", false, &rc);
	if (rc)
		return NULL;
	struct loc fl = mloc(a, "family");
	struct expr *fam = family ? b_sym(&a->c->ps, &fl, family, false) : NULL;
	return b_other(&a->c->ps, &a->l, EXPR_RT, key, fam, NULL);
}

static int fib_flag(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
		    void *priv)
{
	(void)p;
	struct expr **list = priv;
	struct loc l = jin_loc(c, w);
	struct expr *s = b_sym(&c->ps, &l, word, false);
	*list = *list ? b_list(&c->ps, &l, *list, s) : s;
	return 0;
}

static struct expr *fib(struct load_args *a)
{
	int rc = 0;
	const char *result = str_or_null(a, "result", true, &rc);
	struct jval *flags = jv_get(a->o, "flags");
	if (rc)
		return NULL;
	if (!flags)
		return jin_err(a->c, a->o, a->p, "missing member \"flags\""), NULL;
	struct expr *list = NULL;
	struct jpath fp = JPATH_KEY(a->p, "flags");
	if (jin_words(a->c, flags, &fp, "\"flags\"", fib_flag, &list) < 0)
		return NULL;
	if (!list)
		return jin_err(a->c, flags, &fp, "\"flags\" names no lookup input"), NULL;
	return b_other(&a->c->ps, &a->l, EXPR_FIB, result, list, NULL);
}

static struct expr *socket(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	const char *level = num_or_null(a, "level", false, &rc);
	return rc ? NULL : b_other(&a->c->ps, &a->l, EXPR_SOCKET, key, NULL, level);
}

static struct expr *osf(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	const char *ttl = str_or_null(a, "ttl", false, &rc);
	struct loc tl = mloc(a, "ttl"), kl = mloc(a, "key");
	return rc ? NULL : b_osf(&a->c->ps, &a->l, &tl, ttl, &kl, key);
}

/* numgen, jhash, symhash: their modulus, then offset (and seed) as text's options */
static struct expr *hash_opts(struct load_args *a, struct expr *e)
{
	int rc = 0;
	const char *seed = num_or_null(a, "seed", false, &rc);
	const char *off = num_or_null(a, "offset", false, &rc);
	struct loc sl = mloc(a, "seed"), ol = mloc(a, "offset");
	if (rc || !e)
		return NULL;
	if (seed && !(e = b_other_opt(&a->c->ps, e, &sl, "seed", seed)))
		return NULL;
	if (off && !(e = b_other_opt(&a->c->ps, e, &ol, "offset", off)))
		return NULL;
	return e;
}

static struct expr *numgen(struct load_args *a)
{
	int rc = 0;
	const char *mode = str_or_null(a, "mode", true, &rc);
	const char *mod = num_or_null(a, "mod", true, &rc);
	if (rc)
		return NULL;
	return hash_opts(a, b_other(&a->c->ps, &a->l, EXPR_NUMGEN, mode, NULL, mod));
}

static struct expr *jhash(struct load_args *a)
{
	int rc = 0;
	const char *mod = num_or_null(a, "mod", true, &rc);
	if (rc)
		return NULL;
	struct expr *arg = jin_mexpr(a->c, a->o, "expr", a->p, true);
	if (!arg)
		return NULL;
	return hash_opts(a, b_other(&a->c->ps, &a->l, EXPR_HASH, "jhash", arg, mod));
}

static struct expr *symhash(struct load_args *a)
{
	int rc = 0;
	const char *mod = num_or_null(a, "mod", true, &rc);
	if (rc)
		return NULL;
	return hash_opts(a, b_other(&a->c->ps, &a->l, EXPR_HASH, "symhash", NULL, mod));
}

static struct expr *ipsec(struct load_args *a)
{
	int rc = 0;
	const char *key = str_or_null(a, "key", true, &rc);
	const char *dir = str_or_null(a, "dir", true, &rc);
	const char *family = str_or_null(a, "family", false, &rc);
	const char *spnum = num_or_null(a, "spnum", false, &rc);
	if (rc)
		return NULL;
	struct loc dl = mloc(a, "dir"), kl = mloc(a, "key");
	return b_xfrm(&a->c->ps, &a->l, &dl, dir, spnum, family, &kl, key);
}

static const struct {
	const char *word;
	const char *const *keys;
	struct expr *(*read)(struct load_args *a);
} loads[] = {
	{ "payload", JIN_KEYS("protocol", "field", "tunnel", "base", "offset", "len"), payload },
	{ "meta", JIN_KEYS("key"), meta },
	{ "ct", JIN_KEYS("key", "dir", "family"), ct },
	{ "exthdr", JIN_KEYS("name", "field", "offset"), exthdr },
	{ "tcp option", JIN_KEYS("name", "field", "base", "offset", "len"), tcp_option },
	{ "ip option", JIN_KEYS("name", "field"), ip_option },
	{ "sctp chunk", JIN_KEYS("name", "field"), sctp_chunk },
	{ "dccp option", JIN_KEYS("type"), dccp_option },
	{ "rt", JIN_KEYS("key", "family"), rt },
	{ "fib", JIN_KEYS("result", "flags"), fib },
	{ "socket", JIN_KEYS("key", "level"), socket },
	{ "osf", JIN_KEYS("key", "ttl"), osf },
	{ "numgen", JIN_KEYS("mode", "mod", "offset"), numgen },
	{ "jhash", JIN_KEYS("expr", "mod", "seed", "offset"), jhash },
	{ "symhash", JIN_KEYS("mod", "offset"), symhash },
	{ "ipsec", JIN_KEYS("key", "dir", "family", "spnum"), ipsec },
};

struct expr *jin_load(struct jin *c, const char *word, struct jval *body, struct jval *v,
		      const struct jpath *p, bool *known)
{
	for (size_t i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		if (loads[i].word[0] != word[0] || strcmp(loads[i].word, word))
			continue;
		*known = true;
		if (jin_body(c, body, p, word, loads[i].keys) < 0)
			return NULL;
		struct load_args a = { c, body, p, jin_loc(c, v) };
		return loads[i].read(&a);
	}
	*known = false;
	return NULL;
}
