/* Expression constructors for the grammar: names are resolved through the type
 * tables (proto_by_name, meta_key_by_name, ct_key_by_name), values stay symbols,
 * and the shapes follow docs/ast-conventions.md. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "build.h"
#include "../lexer/scan_state.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The token name bison would print for a word. */
static const char *word_token_name(const char *w)
{
	return keyword_token(w) ? w : "string";
}

struct expr *b_sym(struct pstate *ps, const struct loc *l, const char *s, bool quoted)
{
	return expr_symbol(ps->a, l, s, quoted);
}

struct expr *b_neg(struct pstate *ps, const struct loc *l, const char *num)
{
	return expr_symbol(ps->a, l, arena_printf(ps->a, "-%s", num), false);
}

/* Meta keys nft's grammar accepts without the `meta` word (whatever the listing
 * does): a fact of the syntax, the keys themselves come from meta_keys[]. */
static bool meta_bare_ok(const struct meta_key *k)
{
	static const char *const bare[] = {
		"mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid",
		"skgid", "nftrace", "rtclassid", "ibriport", "obriport", "ibrname", "obrname",
		"pkttype", "cpu", "iifgroup", "oifgroup", "cgroup", "ipsec", "time", "day",
		"hour", NULL
	};
	if (k->unqualified)
		return true;
	for (int i = 0; bare[i]; i++)
		if (!strcmp(bare[i], k->name))
			return true;
	return false;
}

struct expr *b_word(struct pstate *ps, const struct loc *l, const char *word)
{
	const struct meta_key *k = meta_key_by_name(word);
	if (k && meta_bare_ok(k)) {
		struct expr *e = expr_alloc(ps->a, EXPR_META, l);
		e->meta.key = k;
		e->len = k->len;
		return e;
	}
	return expr_symbol(ps->a, l, word, false);
}

struct expr *b_payload(struct pstate *ps, const struct loc *l, const char *proto,
		       const struct loc *fl, const char *field)
{
	const struct proto_desc *p = proto_by_name(proto);
	if (!p) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", proto);
		return NULL;
	}
	const struct proto_field *f = proto_field_by_name(p, field);
	if (!f) {
		diag_error(ps->ctx->errs, fl, "syntax error, unexpected %s", word_token_name(field));
		return NULL;
	}
	return b_payload_field(ps, l, p, f);
}

struct expr *b_payload_field(struct pstate *ps, const struct loc *l,
			     const struct proto_desc *p, const struct proto_field *f)
{
	struct expr *e = expr_alloc(ps->a, EXPR_PAYLOAD, l);
	e->payload.proto = p;
	e->payload.field = f;
	e->payload.base = p->base;
	e->payload.offset = f->offset;
	e->len = f->len;
	return e;
}

static const struct {
	const char *name;
	enum proto_base base;
} raw_bases[] = {
	{ "ll", PROTO_BASE_LL }, { "nh", PROTO_BASE_NETWORK },
	{ "th", PROTO_BASE_TRANSPORT }, { "ih", PROTO_BASE_INNER },
};

/* The widest value the kernel's registers hold, in bits (NFT_REG32_COUNT words). */
#define RAW_PAYLOAD_MAX_BITS (16 * 32)
/* The widest bitwise operand, in bits (one register, NFT_REG_SIZE bytes). */
#define RAW_PAYLOAD_MAX_MASK 128

struct expr *b_raw(struct pstate *ps, const struct loc *l, const char *base,
		   const struct loc *offl, const char *off, const struct loc *lenl,
		   const char *len)
{
	for (size_t i = 0; i < sizeof(raw_bases) / sizeof(raw_bases[0]); i++) {
		if (strcmp(raw_bases[i].name, base))
			continue;
		uint64_t o, n;
		if (!b_uint(ps, offl, off, UINT32_MAX, &o) || !b_uint(ps, lenl, len, UINT64_MAX, &n))
			return NULL;
		if (n > RAW_PAYLOAD_MAX_BITS) {
			diag_error(ps->ctx->errs, lenl,
				   "raw payload length %llu exceeds upper limit of %u",
				   (unsigned long long)n, RAW_PAYLOAD_MAX_BITS);
			return NULL;
		}
		/* a field not in whole bytes is loaded whole and masked: the mask is one
		 * bitwise operand, at most a register's 128 bits (nft's check and words) */
		uint32_t lead = (uint32_t)(o % 8), mask = (uint32_t)((lead + n + 7) / 8 * 8) - lead;
		if ((lead || n % 8) && mask > RAW_PAYLOAD_MAX_MASK) {
			diag_error(ps->ctx->errs, l, "mask length %u exceeds allowed maximum of %u",
				   mask, RAW_PAYLOAD_MAX_MASK);
			return NULL;
		}
		struct expr *e = expr_alloc(ps->a, EXPR_PAYLOAD, l);
		e->payload.is_raw = true;
		e->payload.base = raw_bases[i].base;
		e->payload.offset = (uint32_t)o;
		e->len = (uint32_t)n;
		return e;
	}
	diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", word_token_name(base));
	return NULL;
}

struct expr *b_meta(struct pstate *ps, const struct loc *l, const struct loc *kl, const char *key)
{
	const struct meta_key *k = meta_key_by_name(key);
	if (!k) {
		char known[1024] = "";
		size_t n = 0;
		for (const struct meta_key *m = meta_keys; m->name && n + 40 < sizeof(known); m++)
			n += (size_t)snprintf(known + n, sizeof(known) - n, "%s%s", n ? ", " : "",
					      m->name);
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s, known keys are %s", key,
			   known);
		return NULL;
	}
	struct expr *e = expr_alloc(ps->a, EXPR_META, l);
	e->meta.key = k;
	e->len = k->len;
	return e;
}

struct expr *b_ct(struct pstate *ps, const struct loc *l, int dir, const char *proto,
		  const struct loc *kl, const char *key)
{
	const struct ct_key *k = ct_key_by_name(key);
	bool objkey = dir == CTDIR_NONE && !proto &&
		(!strcmp(key, "helper") || !strcmp(key, "timeout") || !strcmp(key, "expectation"));
	if (objkey && !k) {
		/* `ct timeout set "x"` names an object (b_set_stmt); there is no such ct key */
		struct expr *e = expr_symbol(ps->a, l, key, false);
		e->flags |= EXPR_F_PARSER_CTOBJ;
		return e;
	}
	if (!k) {
		diag_error(ps->ctx->errs, kl, "syntax error, unexpected %s", word_token_name(key));
		return NULL;
	}
	if (dir != CTDIR_NONE && !k->directional) {
		diag_error(ps->ctx->errs, kl, "syntax error, unexpected %s", key);
		return NULL;
	}
	if (proto && dir == CTDIR_NONE) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", proto);
		return NULL;
	}
	struct expr *e = expr_alloc(ps->a, EXPR_CT, l);
	e->ct.key = k;
	e->ct.dir = dir;
	e->len = k->len;
	if (proto && !b_ip_family(ps, l, proto, &e->ct.nfproto))
		return NULL;
	return e;
}

/* `x | a | b` with constants a, b is built as `x | (a | b)`, so that a value
 * expression keeps one variable operand (the order nft folds constants in). */
struct expr *b_binop(struct pstate *ps, const struct loc *l, struct expr *a, uint32_t op,
		     struct expr *b)
{
	bool assoc = op == BINOP_OR || op == BINOP_AND || op == BINOP_XOR;
	struct expr *e;
	if (assoc && b->kind == EXPR_SYMBOL && a->kind == EXPR_BINOP && a->bin.op == op &&
	    a->bin.left->kind != EXPR_SYMBOL && a->bin.right->kind == EXPR_SYMBOL) {
		struct loc rl = loc_join(&a->bin.right->loc, &b->loc);
		a->bin.right = expr_bin(ps->a, EXPR_BINOP, &rl, a->bin.right, op, b);
		a->loc = *l;
		expr_binop_count_update(a);
		e = a;
	} else {
		e = expr_bin(ps->a, EXPR_BINOP, l, a, op, b);
	}
	/* nft's limit on operations over a packet field, and one of ours on constants:
	 * together they keep every pass over the tree (eval, constant folding, lower,
	 * print) within a fixed recursion depth */
	if (e->bin.on_field && e->bin.ops >= BINOP_FIELD_OPS_MAX) {
		diag_error(ps->ctx->errs, l, "Binary operation limit %u reached",
			   BINOP_FIELD_OPS_MAX);
		return NULL;
	}
	if (e->bin.ops > BINOP_CONST_OPS_MAX) {
		diag_error(ps->ctx->errs, l, "constant expression of more than %u operations",
			   BINOP_CONST_OPS_MAX);
		return NULL;
	}
	return e;
}

/* Appends to a list-shaped node of `kind` built here, or starts one. */
static struct expr *join(struct pstate *ps, enum expr_kind kind, const struct loc *l,
			 struct expr *a, struct expr *b)
{
	struct expr *e = a;
	if (a->kind != kind) {
		e = expr_alloc(ps->a, kind, l);
		expr_list_add(ps->a, &e->list, a);
	}
	expr_list_add(ps->a, &e->list, b);
	e->loc = *l;
	return e;
}

struct expr *b_concat(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b)
{
	return join(ps, EXPR_CONCAT, l, a, b);
}

struct expr *b_list(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b)
{
	return join(ps, EXPR_LIST, l, a, b);
}

struct expr *b_range(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b)
{
	return expr_bin(ps->a, EXPR_RANGE, l, a, 0, b);
}

struct expr *b_prefix(struct pstate *ps, const struct loc *l, struct expr *a, const char *len)
{
	struct expr *e = expr_bin(ps->a, EXPR_PREFIX, l, a, 0, NULL);
	/* too long a length saturates: eval refuses it for every type, never wraps it */
	unsigned long long n = strtoull(len, NULL, 10);
	e->bin.prefix_len = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	return e;
}

/* `a/8` is a prefix; `syn / syn,ack` a value under a mask (folded by b_relation). */
struct expr *b_slash(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b)
{
	if (a->kind != EXPR_LIST && b->kind == EXPR_SYMBOL && !b->sym.quoted &&
	    all_digits(b->sym.str))
		return b_prefix(ps, l, a, b->sym.str);
	struct expr *e = expr_bin(ps->a, EXPR_BINOP, l, a, BINOP_AND, b);
	e->flags |= EXPR_F_PARSER_MASK;
	return e;
}

static const char *sym_token_name(const struct expr *e)
{
	if (e->sym.quoted)
		return "quoted string";
	if (all_digits(e->sym.str) || !strncmp(e->sym.str, "0x", 2))
		return "number";
	return word_token_name(e->sym.str);
}

struct expr *b_relation(struct pstate *ps, const struct loc *l, struct expr *a, uint32_t op,
			struct expr *b)
{
	if (!a || !b)
		return NULL;
	if (a->kind == EXPR_SYMBOL) {
		diag_error(ps->ctx->errs, &a->loc, "syntax error, unexpected %s", sym_token_name(a));
		return NULL;
	}
	if (b->kind == EXPR_BINOP && (b->flags & EXPR_F_PARSER_MASK)) {
		b->flags &= ~EXPR_F_PARSER_MASK;
		a = expr_bin(ps->a, EXPR_BINOP, l, a, BINOP_AND, b->bin.right);
		b = b->bin.left;
	}
	return expr_bin(ps->a, EXPR_RELATION, l, a, op, b);
}

struct expr *b_set(struct pstate *ps, const struct loc *l)
{
	return expr_alloc(ps->a, EXPR_SET, l);
}

/* Nested anonymous sets (and $vars holding sets) are flattened into the outer set. */
struct expr *b_set_add(struct pstate *ps, struct expr *set, struct expr *item)
{
	if (item->kind == EXPR_SET_ELEM && item->elem.key->kind == EXPR_SET &&
	    !item->elem.timeout && !item->elem.expires && !item->elem.comment &&
	    !item->elem.stmts) {
		struct expr *inner = item->elem.key;
		for (uint32_t i = 0; i < inner->list.n; i++)
			b_set_add(ps, set, inner->list.v[i]);
		return set;
	}
	expr_list_add(ps->a, &set->list, item);
	return set;
}

struct expr *b_elem(struct pstate *ps, const struct loc *l, struct expr *key)
{
	if (key->kind == EXPR_SET_ELEM || key->kind == EXPR_MAPPING)
		return key;
	struct expr *e = expr_alloc(ps->a, EXPR_SET_ELEM, l);
	e->elem.key = key;
	return e;
}

struct expr *b_elem_opt(struct pstate *ps, struct expr *item, enum elem_opt o,
			const struct loc *l, const char *s)
{
	struct expr *elem = item->kind == EXPR_MAPPING ? item->bin.left : item;
	uint64_t ms;
	switch (o) {
	case ELEMOPT_COMMENT:
		elem->elem.comment = s;
		return item;
	case ELEMOPT_TIMEOUT:
	case ELEMOPT_EXPIRES:
		if (parse_time_ms(s, &ms)) {
			diag_error(ps->ctx->errs, l, "Wrong time format: %s", s);
			return NULL;
		}
		if (o == ELEMOPT_TIMEOUT)
			elem->elem.timeout = ms;
		else
			elem->elem.expires = ms;
		return item;
	}
	return item;
}

struct expr *b_elem_counter(struct pstate *ps, struct expr *item, struct stmt *s)
{
	struct expr *elem = item->kind == EXPR_MAPPING ? item->bin.left : item;
	if (!elem->elem.stmts)
		elem->elem.stmts = arena_alloc(ps->a, sizeof(*elem->elem.stmts));
	stmt_list_add(ps->a, elem->elem.stmts, s);
	return item;
}

struct expr *b_mapping(struct pstate *ps, const struct loc *l, struct expr *elem,
		       struct expr *data)
{
	if (elem->kind == EXPR_MAPPING) {
		diag_error(ps->ctx->errs, &data->loc, "syntax error, unexpected colon");
		return NULL;
	}
	struct expr *keys = elem->kind == EXPR_SET_ELEM ? elem->elem.key : NULL;
	if (keys && keys->kind == EXPR_SET) {
		/* `$ifs : drop` with `define ifs = { eth0, eth1 }`: a mapping per element,
		 * handed to b_set_add as a set to splice */
		struct expr *maps = b_set(ps, l);
		for (uint32_t i = 0; i < keys->list.n; i++) {
			struct expr *d = arena_memdup(ps->a, data, sizeof(*data));
			expr_list_add(ps->a, &maps->list,
				      expr_bin(ps->a, EXPR_MAPPING, l, b_elem(ps, l, keys->list.v[i]), 0, d));
		}
		return b_elem(ps, l, maps);
	}
	return expr_bin(ps->a, EXPR_MAPPING, l, elem, 0, data);
}

struct expr *b_map(struct pstate *ps, const struct loc *l, struct expr *key, struct expr *set,
		   bool vmap)
{
	return expr_bin(ps->a, EXPR_MAP, l, key, vmap ? 1 : 0, set);
}

struct expr *b_setref(struct pstate *ps, const struct loc *l, const char *name)
{
	struct expr *e = expr_alloc(ps->a, EXPR_SET_REF, l);
	e->setref.name = name;
	return e;
}

struct expr *b_any(struct pstate *ps, const struct loc *l)
{
	return expr_alloc(ps->a, EXPR_ELEM_ANY, l);
}

struct expr *b_verdict(struct pstate *ps, const struct loc *l, int32_t code, const char *chain)
{
	struct expr *e = expr_alloc(ps->a, EXPR_VERDICT, l);
	e->verdict.code = code;
	e->verdict.chain = chain;
	return e;
}

struct expr *b_verdict_bound(struct pstate *ps, const struct loc *l, int32_t code,
			     struct chain_decl *body)
{
	/* nft takes one level: a bound chain's rules jump to named chains only */
	for (uint32_t i = 0; i < body->nrules; i++)
		for (uint32_t k = 0; k < body->rules[i]->stmts.n; k++) {
			const struct stmt *s = body->rules[i]->stmts.v[k];
			if (s->kind == STMT_VERDICT && s->expr && s->expr->kind == EXPR_VERDICT &&
			    s->expr->verdict.bound) {
				diag_error(ps->ctx->errs, &s->expr->verdict.bound->loc,
					   "too many levels of nesting");
				return NULL;
			}
		}
	struct expr *e = b_verdict(ps, l, code, NULL);
	e->verdict.bound = body;
	return e;
}

struct expr *b_verdict_expr(struct pstate *ps, const struct loc *l, int32_t code,
			    struct expr *chain)
{
	struct expr *e = b_verdict(ps, l, code, NULL);
	if (chain->kind == EXPR_SYMBOL)
		e->verdict.chain = chain->sym.str;
	else
		e->verdict.chain_expr = chain;
	return e;
}

bool b_uint(struct pstate *ps, const struct loc *l, const char *num, uint64_t max,
	    uint64_t *out)
{
	char *end;
	errno = 0;
	uint64_t v = strtoull(num, &end, 0);
	if (*end || end == num || num[0] == '-') {
		diag_error(ps->ctx->errs, l, "invalid number '%s'", num);
		return false;
	}
	if (errno == ERANGE || v > max) {
		diag_error(ps->ctx->errs, l, "Value %s exceeds valid range 0-%llu", num,
			   (unsigned long long)max);
		return false;
	}
	*out = v;
	return true;
}

int b_family(struct pstate *ps, const struct loc *l, const char *name, uint32_t *out)
{
	if (family_by_name(name, out) == 0)
		return 0;
	return diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", name);
}

bool b_ip_family(struct pstate *ps, const struct loc *l, const char *word, uint32_t *out)
{
	if (!strcmp(word, "ip"))
		*out = NFPROTO_IPV4;
	else if (!strcmp(word, "ip6"))
		*out = NFPROTO_IPV6;
	else {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", word);
		return false;
	}
	return true;
}

int parse_time_ms(const char *s, uint64_t *ms)
{
	uint64_t total = 0;
	if (!*s)
		return -1;
	if (all_digits(s)) {
		*ms = strtoull(s, NULL, 10) * 1000;
		return 0;
	}
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return -1;
		uint64_t n = 0;
		while (isdigit((unsigned char)*s))
			n = n * 10 + (uint64_t)(*s++ - '0');
		if (s[0] == 'm' && s[1] == 's') {
			total += n;
			s += 2;
			continue;
		}
		switch (*s++) {
		case 'd': total += n * 86400000ULL; break;
		case 'h': total += n * 3600000ULL; break;
		case 'm': total += n * 60000ULL; break;
		case 's': total += n * 1000ULL; break;
		default: return -1;
		}
	}
	*ms = total;
	return 0;
}

/* `ADDR/LEN` as one part of a concatenation (`10.0.0.0/8 . 22`): only a prefix */
struct expr *b_pfx_part(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b)
{
	if (a->kind == EXPR_LIST || b->kind != EXPR_SYMBOL || b->sym.quoted ||
	    !all_digits(b->sym.str)) {
		diag_error(ps->ctx->errs, &b->loc, "syntax error, expecting prefix length");
		return NULL;
	}
	return b_prefix(ps, l, a, b->sym.str);
}
