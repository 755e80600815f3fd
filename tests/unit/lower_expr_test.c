/* Unit test of the expression side of eval/lower: matches, loads, constants, sets.
 * A small reader turns the match subset of nft syntax into the AST shapes of
 * docs/ast-conventions.md (so the test does not depend on the parser), the rules go
 * through eval_lower_match, and the VM program and anonymous set elements are
 * compared with the conformance payload files, as the conformance runner compares
 * them. Fixed cases are pass/fail; the walk over the core .t files reports a count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval/rule_ctx.h"
#include "parser/parser.h"
#include "netlink/netlink.h"

/* ------------------------------------------------------------------ mini reader */

struct reader {
	struct arena *a;
	char **tok;
	int n, i;
	bool fail;
};

static void tokenize(struct reader *r, const char *s)
{
	int cap = 64, depth = 0;
	r->tok = arena_alloc(r->a, sizeof(char *) * (size_t)cap);
	r->n = 0;
	while (*s) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		const char *b = s;
		if (*s == '{' || *s == '}' || (depth > 0 && *s == ',')) {
			if (*s == '{')
				depth++;
			if (*s == '}')
				depth--;
			s++;
		} else if (*s == '"') {
			s++;
			while (*s && *s != '"')
				s++;
			if (*s)
				s++;
		} else {
			while (*s && !isspace((unsigned char)*s) && *s != '{' && *s != '}' &&
			       !(depth > 0 && *s == ','))
				s++;
		}
		if (r->n + 1 >= cap) {
			r->tok = arena_grow(r->a, r->tok, (size_t)cap, (size_t)cap * 2, sizeof(char *));
			cap *= 2;
		}
		char *t = arena_strndup(r->a, b, (size_t)(s - b));
		size_t pl = r->n ? strlen(r->tok[r->n - 1]) : 0;
		if (depth == 0 && pl && r->tok[r->n - 1][pl - 1] == ',') {
			/* `a, b` outside a set: one flag list */
			r->tok[r->n - 1] = arena_printf(r->a, "%s%s", r->tok[r->n - 1], t);
			continue;
		}
		r->tok[r->n++] = t;
	}
	r->tok[r->n] = NULL;
	r->i = 0;
}

static const char *peek(struct reader *r) { return r->i < r->n ? r->tok[r->i] : NULL; }
static const char *next(struct reader *r) { return r->i < r->n ? r->tok[r->i++] : NULL; }
static bool is(struct reader *r, const char *s) { return peek(r) && !strcmp(peek(r), s); }

static const char *const unqualified_meta[] = {
	"mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid", "skgid",
	"rtclassid", "iifgroup", "oifgroup", "cgroup", "cpu", "pkttype", "priority", NULL,
};

static struct expr *read_lhs1(struct reader *r)
{
	const char *t = peek(r);
	struct expr *e;

	if (!t)
		return NULL;
	if (!strcmp(t, "meta")) {
		next(r);
		const struct meta_key *k = peek(r) ? meta_key_by_name(peek(r)) : NULL;
		if (!k)
			return NULL;
		next(r);
		e = expr_alloc(r->a, EXPR_META, NULL);
		e->meta.key = k;
		return e;
	}
	for (int i = 0; unqualified_meta[i]; i++)
		if (!strcmp(t, unqualified_meta[i]) && meta_key_by_name(t)) {
			next(r);
			e = expr_alloc(r->a, EXPR_META, NULL);
			e->meta.key = meta_key_by_name(t);
			return e;
		}
	if (!strcmp(t, "ct")) {
		next(r);
		e = expr_alloc(r->a, EXPR_CT, NULL);
		e->ct.dir = -1;
		if (is(r, "original") || is(r, "reply"))
			e->ct.dir = !strcmp(next(r), "reply");
		if (is(r, "ip") || is(r, "ip6"))
			e->ct.nfproto = !strcmp(next(r), "ip") ? NFPROTO_IPV4 : NFPROTO_IPV6;
		const struct ct_key *k = peek(r) ? ct_key_by_name(peek(r)) : NULL;
		if (!k)
			return NULL;
		next(r);
		e->ct.key = k;
		return e;
	}
	if (t[0] == '@') {
		char base[8];
		unsigned off, len;
		if (sscanf(t, "@%7[a-z],%u,%u", base, &off, &len) != 3)
			return NULL;
		next(r);
		e = expr_alloc(r->a, EXPR_PAYLOAD, NULL);
		e->payload.is_raw = true;
		e->payload.base = !strcmp(base, "ll") ? PROTO_BASE_LL :
				  !strcmp(base, "nh") ? PROTO_BASE_NETWORK : PROTO_BASE_TRANSPORT;
		e->payload.offset = off;
		e->len = len;
		return e;
	}
	const struct proto_desc *p = proto_by_name(t);
	if (!p && !strcmp(t, "ether"))
		p = &proto_eth;
	if (!p || r->i + 1 >= r->n)
		return NULL;
	const struct proto_field *f = proto_field_by_name(p, r->tok[r->i + 1]);
	if (!f)
		return NULL;
	r->i += 2;
	e = expr_alloc(r->a, EXPR_PAYLOAD, NULL);
	e->payload.proto = p;
	e->payload.field = f;
	return e;
}

static const struct datatype *dtype_guess(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_PAYLOAD: return e->payload.field ? e->payload.field->dtype : &dt_integer;
	case EXPR_META: return e->meta.key->dtype;
	case EXPR_CT: return e->ct.key->dtype ? e->ct.key->dtype : &dt_ipaddr;
	default: return &dt_integer;
	}
}

static bool parses_as(const struct datatype *dt, const char *s)
{
	struct diag_list d;
	struct value v;
	diag_list_init(&d);
	int rc = datatype_parse(dt, s, dt->size ? dt->size : 32, &v, &d, NULL);
	diag_list_free(&d);
	return rc == 0;
}

static struct expr *verdict_of(struct reader *r)
{
	static const struct { const char *n; int code; } v[] = {
		{ "accept", NF_ACCEPT }, { "drop", NF_DROP }, { "continue", NFT_CONTINUE },
		{ "return", NFT_RETURN }, { "jump", NFT_JUMP }, { "goto", NFT_GOTO },
	};
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (is(r, v[i].n)) {
			next(r);
			struct expr *e = expr_alloc(r->a, EXPR_VERDICT, NULL);
			e->verdict.code = v[i].code;
			if (v[i].code == NFT_JUMP || v[i].code == NFT_GOTO)
				e->verdict.chain = next(r);
			return e;
		}
	return NULL;
}

/* one scalar: symbol, range a-b, prefix a/n, flag list a,b */
static struct expr *read_scalar(struct reader *r, const char *t, const struct datatype *dt)
{
	if (!strcmp(t, "*"))
		return expr_alloc(r->a, EXPR_ELEM_ANY, NULL);
	bool quoted = t[0] == '"';
	if (quoted)
		return expr_symbol(r->a, NULL, arena_strndup(r->a, t + 1, strlen(t) - 2), true);
	if (strchr(t, ',')) {
		struct expr *l = expr_alloc(r->a, EXPR_LIST, NULL);
		char *c = arena_strdup(r->a, t), *save = NULL;
		for (char *p = strtok_r(c, ",", &save); p; p = strtok_r(NULL, ",", &save))
			expr_list_add(r->a, &l->list, expr_symbol(r->a, NULL, p, false));
		return l;
	}
	const char *sl = strchr(t, '/');
	if (sl && isdigit((unsigned char)sl[1])) {
		struct expr *p = expr_alloc(r->a, EXPR_PREFIX, NULL);
		p->bin.left = expr_symbol(r->a, NULL, arena_strndup(r->a, t, (size_t)(sl - t)), false);
		p->bin.prefix_len = (uint32_t)atoi(sl + 1);
		return p;
	}
	if (strchr(t + 1, '-') && !parses_as(dt, t)) {
		for (const char *m = strchr(t + 1, '-'); m; m = strchr(m + 1, '-')) {
			char *a = arena_strndup(r->a, t, (size_t)(m - t));
			if (parses_as(dt, a) && parses_as(dt, m + 1))
				return expr_bin(r->a, EXPR_RANGE, NULL, expr_symbol(r->a, NULL, a, false),
						0, expr_symbol(r->a, NULL, m + 1, false));
		}
	}
	return expr_symbol(r->a, NULL, t, false);
}

static const struct datatype *component_dt(const struct expr *lhs, uint32_t i)
{
	if (lhs->kind == EXPR_CONCAT)
		return i < lhs->list.n ? dtype_guess(lhs->list.v[i]) : &dt_integer;
	if (lhs->kind == EXPR_BINOP)
		return dtype_guess(lhs->bin.left);
	return dtype_guess(lhs);
}

/* a . b . c */
static struct expr *read_value(struct reader *r, const struct expr *lhs)
{
	struct expr *c = NULL, *first;
	const char *t = next(r);
	if (!t)
		return NULL;
	first = read_scalar(r, t, component_dt(lhs, 0));
	uint32_t i = 1;
	while (is(r, ".")) {
		next(r);
		if (!c) {
			c = expr_alloc(r->a, EXPR_CONCAT, NULL);
			expr_list_add(r->a, &c->list, first);
		}
		t = next(r);
		if (!t)
			return NULL;
		expr_list_add(r->a, &c->list, read_scalar(r, t, component_dt(lhs, i++)));
	}
	return c ? c : first;
}

static struct expr *read_set(struct reader *r, const struct expr *lhs, bool map)
{
	struct expr *s = expr_alloc(r->a, EXPR_SET, NULL);
	next(r);                                           /* { */
	while (peek(r) && !is(r, "}")) {
		if (is(r, ",")) {
			next(r);
			continue;
		}
		struct expr *k = read_value(r, lhs);
		if (!k)
			return NULL;
		struct expr *el = expr_alloc(r->a, EXPR_SET_ELEM, NULL);
		el->elem.key = k;
		if (is(r, ":")) {
			next(r);
			struct expr *d = verdict_of(r);
			if (!d) {
				const char *t = next(r);
				if (!t)
					return NULL;
				d = read_scalar(r, t, &dt_integer);
			}
			expr_list_add(r->a, &s->list, expr_bin(r->a, EXPR_MAPPING, NULL, el, 0, d));
		} else {
			if (map)
				return NULL;
			expr_list_add(r->a, &s->list, el);
		}
	}
	if (!is(r, "}"))
		return NULL;
	next(r);
	return s;
}

static const struct { const char *t; uint32_t op; } rel_ops[] = {
	{ "==", OP_EQ }, { "eq", OP_EQ }, { "!=", OP_NEQ }, { "ne", OP_NEQ }, { "<", OP_LT },
	{ "lt", OP_LT }, { ">", OP_GT }, { "gt", OP_GT }, { "<=", OP_LTE }, { "le", OP_LTE },
	{ ">=", OP_GTE }, { "ge", OP_GTE }, { "!", OP_NEG },
};
static const struct { const char *t; uint32_t op; } bin_ops[] = {
	{ "&", BINOP_AND }, { "and", BINOP_AND }, { "|", BINOP_OR }, { "or", BINOP_OR },
	{ "^", BINOP_XOR }, { "xor", BINOP_XOR },
};

/* `(a | b)` or a plain value as binop operand */
static struct expr *read_operand(struct reader *r)
{
	const char *t = next(r);
	if (!t)
		return NULL;
	if (t[0] != '(')
		return read_scalar(r, t, &dt_integer);
	struct expr *acc = NULL;
	char *cur = arena_strdup(r->a, t + 1);
	for (;;) {
		size_t n = strlen(cur);
		bool end = n && cur[n - 1] == ')';
		if (end)
			cur[n - 1] = 0;
		struct expr *s = expr_symbol(r->a, NULL, cur, false);
		acc = acc ? expr_bin(r->a, EXPR_BINOP, NULL, acc, BINOP_OR, s) : s;
		if (end)
			return acc;
		if (!is(r, "|"))
			return NULL;
		next(r);
		t = next(r);
		if (!t)
			return NULL;
		cur = arena_strdup(r->a, t);
	}
}

static struct stmt *read_match(struct reader *r)
{
	struct expr *lhs = read_lhs1(r);
	if (!lhs)
		return NULL;
	if (is(r, ".")) {
		struct expr *c = expr_alloc(r->a, EXPR_CONCAT, NULL);
		expr_list_add(r->a, &c->list, lhs);
		while (is(r, ".")) {
			next(r);
			struct expr *x = read_lhs1(r);
			if (!x)
				return NULL;
			expr_list_add(r->a, &c->list, x);
		}
		lhs = c;
	}
	for (unsigned i = 0; i < sizeof(bin_ops) / sizeof(bin_ops[0]); i++)
		if (is(r, bin_ops[i].t)) {
			next(r);
			struct expr *v = read_operand(r);
			if (!v)
				return NULL;
			lhs = expr_bin(r->a, EXPR_BINOP, NULL, lhs, bin_ops[i].op, v);
			break;
		}
	struct stmt *st = stmt_alloc(r->a, STMT_EXPR, NULL);
	if (is(r, "vmap")) {
		next(r);
		struct expr *set;
		if (peek(r) && peek(r)[0] == '@') {
			set = expr_alloc(r->a, EXPR_SET_REF, NULL);
			set->setref.name = next(r) + 1;
		} else if (is(r, "{")) {
			set = read_set(r, lhs, true);
		} else {
			return NULL;
		}
		if (!set)
			return NULL;
		st->expr = expr_bin(r->a, EXPR_MAP, NULL, lhs, 1, set);
		return st;
	}
	uint32_t op = OP_IMPLICIT;
	for (unsigned i = 0; i < sizeof(rel_ops) / sizeof(rel_ops[0]); i++)
		if (is(r, rel_ops[i].t)) {
			next(r);
			op = rel_ops[i].op;
			break;
		}
	struct expr *rhs;
	if (is(r, "{")) {
		rhs = read_set(r, lhs, false);
	} else if (peek(r) && peek(r)[0] == '@') {
		rhs = expr_alloc(r->a, EXPR_SET_REF, NULL);
		rhs->setref.name = next(r) + 1;
	} else {
		rhs = read_value(r, lhs);
		if (rhs && is(r, "/")) {               /* tcp flags syn / syn,ack */
			next(r);
			const char *m = next(r);
			if (!m)
				return NULL;
			lhs = expr_bin(r->a, EXPR_BINOP, NULL, lhs, BINOP_AND,
				       read_scalar(r, m, component_dt(lhs, 0)));
		}
	}
	if (!rhs)
		return NULL;
	st->expr = expr_bin(r->a, EXPR_RELATION, NULL, lhs, op, rhs);
	return st;
}

static int read_rule(struct reader *r, const char *text, struct stmt_list *out)
{
	tokenize(r, text);
	while (peek(r)) {
		struct stmt *st;
		struct expr *v = verdict_of(r);
		if (v) {
			st = stmt_alloc(r->a, STMT_VERDICT, NULL);
			st->expr = v;
		} else if (is(r, "counter")) {
			next(r);
			st = stmt_alloc(r->a, STMT_COUNTER, NULL);
		} else {
			st = read_match(r);
		}
		if (!st)
			return -1;
		stmt_list_add(r->a, out, st);
	}
	return 0;
}

/* ------------------------------------------------------------------ lowering */

struct lowered_rule {
	struct nl_rule rule;
	struct lowered_list out;
};

/* Named sets of a .t file (`!name type a . b : c flags interval`), for @name. */
struct test_sets {
	struct known_set v[32];
	int n;
};

static uint32_t type_bytes(const struct datatype *dt)
{
	return dt && dt->size ? (dt->size + 7) / 8 : 4;
}

static struct expr *tmpl_of(const struct datatype **dts, int n)
{
	struct expr *c = NULL;
	uint32_t bytes = 0;
	for (int i = 0; i < n; i++) {
		struct expr *t = calloc(1, sizeof(*t));
		t->kind = EXPR_VALUE;
		t->dtype = dts[i];
		t->len = dts[i]->size ? dts[i]->size : 32;
		t->byteorder = dts[i]->byteorder ? dts[i]->byteorder : BYTEORDER_HOST;
		bytes += (type_bytes(dts[i]) + 3) / 4 * 4;
		if (n == 1)
			return t;
		if (!c) {
			c = calloc(1, sizeof(*c));
			c->kind = EXPR_CONCAT;
			c->dtype = &dt_invalid;
			c->list.v = calloc((size_t)n, sizeof(struct expr *));
			c->list.cap = (uint32_t)n;
		}
		c->list.v[c->list.n++] = t;
	}
	if (c)
		c->len = bytes * 8;
	return c;
}

static void add_test_set(struct test_sets *ts, const char *spec)
{
	char name[64], rest[512];
	if (ts->n >= 32 || sscanf(spec, "%63s type %511[^\n]", name, rest) != 2)
		return;
	struct known_set *k = &ts->v[ts->n];
	memset(k, 0, sizeof(*k));
	k->name = strdup(name);
	const struct datatype *kd[8], *dd[8];
	int nk = 0, nd = 0;
	bool data = false;
	for (char *save = NULL, *t = strtok_r(rest, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (!strcmp(t, ".")) {
			continue;
		} else if (!strcmp(t, ":")) {
			data = true;
			k->flags |= NFT_SET_MAP;
		} else if (!strcmp(t, "flags")) {
			t = strtok_r(NULL, " ", &save);
			if (t && strstr(t, "interval"))
				k->flags |= NFT_SET_INTERVAL;
		} else if (!strcmp(t, "timeout")) {
			strtok_r(NULL, " ", &save);
			k->flags |= NFT_SET_TIMEOUT;
		} else {
			const struct datatype *dt = datatype_by_name(t);
			if (!strcmp(t, "inet_proto"))
				dt = &dt_inet_protocol;
			if (!dt)
				return;
			if (data && nd < 8)
				dd[nd++] = dt;
			else if (!data && nk < 8)
				kd[nk++] = dt;
		}
	}
	if (nk == 0)
		return;
	k->key_expr = tmpl_of(kd, nk);
	k->key_len = nk == 1 ? type_bytes(kd[0]) : k->key_expr->len / 8;
	k->key_type = kd[0]->id;
	if (nd) {
		k->data_expr = tmpl_of(dd, nd);
		k->data_len = nd == 1 ? type_bytes(dd[0]) : k->data_expr->len / 8;
		k->data_type = dd[0]->id;
	}
	ts->n++;
}

static const struct known_set *find_test_set(void *priv, uint32_t f, const char *t, const char *n)
{
	struct test_sets *ts = priv;
	(void)f; (void)t;
	for (int i = 0; ts && i < ts->n; i++)
		if (!strcmp(ts->v[i].name, n))
			return &ts->v[i];
	return NULL;
}
static const struct eval_cache_ops no_cache = { find_test_set };

static int lower_stmts(struct eval_ctx *ec, uint32_t family, struct stmt_list *sl,
		       struct lowered_rule *lr)
{
	struct rule_ctx rc;
	memset(&rc, 0, sizeof(rc));
	memset(lr, 0, sizeof(*lr));
	rc.ec = ec;
	rc.family = family;
	rc.table = "t";
	rc.chain = "c";
	rc.rule = &lr->rule;
	rc.out = &lr->out;
	rc.hook = ~0u;
	for (uint32_t i = 0; i < sl->n; i++) {
		struct stmt *s = sl->v[i];
		if (s->kind == STMT_VERDICT) {
			struct vm_expr *e = vm_exprs_add(ec->arena, &lr->rule.prog.exprs, VM_IMMEDIATE);
			vm_set_u(e, NFTA_IMMEDIATE_DREG, 0);
			vm_set_verdict(ec->arena, e, NFTA_IMMEDIATE_DATA, s->expr->verdict.code,
				       s->expr->verdict.chain);
		} else if (s->kind == STMT_COUNTER) {
			struct vm_expr *e = vm_exprs_add(ec->arena, &lr->rule.prog.exprs, VM_COUNTER);
			vm_set_u(e, NFTA_COUNTER_PACKETS, 0);
			vm_set_u(e, NFTA_COUNTER_BYTES, 0);
		} else if (eval_lower_match(&rc, s) < 0) {
			return -1;
		}
		rc.reg_next = 0;
	}
	return 0;
}

static void print_words(const uint8_t *p, uint32_t len, struct writer *w)
{
	for (uint32_t i = 0; i < len; i += 4) {
		uint32_t x = 0;
		for (uint32_t j = 0; j < 4 && i + j < len; j++)
			x |= (uint32_t)p[i + j] << (8 * j);
		wr_printf(w, "%08x ", x);
	}
}

static const char *verdict_name(int32_t v)
{
	switch (v) {
	case NF_ACCEPT: return "accept";
	case NF_DROP: return "drop";
	case NFT_CONTINUE: return "continue";
	case NFT_RETURN: return "return";
	case NFT_JUMP: return "jump";
	case NFT_GOTO: return "goto";
	default: return "?";
	}
}

/* the element line of `nft -d netlink` for one set */
static void print_elems(const struct nl_set *s, struct writer *w)
{
	wr_puts(w, "\t");
	for (uint32_t i = 0; i < s->nelems; i++) {
		const struct nl_elem *e = &s->elems[i];
		wr_puts(w, "element ");
		print_words(e->key, e->key_len, w);
		if (e->key_end) {
			wr_puts(w, " - ");
			print_words(e->key_end, e->key_end_len, w);
		}
		wr_puts(w, " : ");
		if (e->data && e->data->is_verdict) {
			wr_printf(w, "%s ", verdict_name(e->data->verdict));
		} else if (e->data) {
			print_words(e->data->bytes, e->data->len, w);
		}
		wr_printf(w, "%u [end]\t", e->flags);
	}
	wr_puts(w, "\n");
}

static void print_lowered(const struct lowered_rule *lr, struct writer *w)
{
	for (uint32_t i = 0; i < lr->out.n; i++)
		if (lr->out.v[i].kind == LOWERED_ELEMS)
			print_elems(lr->out.v[i].set, w);
	vm_print_rule(&lr->rule.prog, w);
}

/* ------------------------------------------------------------------ payload compare */

static int payload_lines(char *text, char **out, int max)
{
	int n = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && n < max;
	     l = strtok_r(NULL, "\n", &save)) {
		if (!strchr(l, '[') || !strchr(l, ']'))
			continue;
		while (isspace((unsigned char)*l))
			l++;
		out[n++] = l;
	}
	return n;
}

static void squeeze(const char *in, char *out)
{
	bool sp = false;
	for (; *in; in++) {
		if (isspace((unsigned char)*in)) {
			sp = true;
			continue;
		}
		if (sp && *out != 0)
			*out++ = ' ';
		sp = false;
		*out++ = *in;
		*out = 1;
	}
	*out = 0;
}

static int elem_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* elements of a line, normalised and sorted */
static int elem_items(const char *line, char **items, int max)
{
	char *c = strdup(line);
	int n = 0;
	char *p = c;
	for (;;) {
		char *e = strstr(p, "[end]");
		if (!e)
			break;
		*e = 0;
		char buf[512];
		buf[0] = 0;
		char tmp[512];
		snprintf(tmp, sizeof(tmp), "%s", p);
		char sq[512];
		sq[0] = 0;
		squeeze(tmp, sq);
		if (sq[0] && n < max)
			items[n++] = strdup(sq);
		(void)buf;
		p = e + 5;
	}
	free(c);
	qsort(items, (size_t)n, sizeof(char *), elem_cmp);
	return n;
}

static bool line_eq(const char *w, const char *g)
{
	char a[4096], b[4096];
	a[0] = b[0] = 0;
	if (strlen(w) >= sizeof(a) || strlen(g) >= sizeof(b))
		return false;
	squeeze(w, a);
	squeeze(g, b);
	if (!strcmp(a, b))
		return true;
	if (strstr(w, "element") && strstr(w, "[end]") && strstr(g, "element") && strstr(g, "[end]")) {
		char *x[512], *y[512];
		int nx = elem_items(w, x, 512), ny = elem_items(g, y, 512);
		bool eq = nx == ny;
		for (int i = 0; eq && i < nx; i++)
			eq = !strcmp(x[i], y[i]);
		for (int i = 0; i < nx; i++)
			free(x[i]);
		for (int i = 0; i < ny; i++)
			free(y[i]);
		return eq;
	}
	return false;
}

static bool payload_match(const char *want, const char *got)
{
	char *wc = strdup(want), *gc = strdup(got);
	char *wl[256], *gl[256];
	int nw = payload_lines(wc, wl, 256), ng = payload_lines(gc, gl, 256);
	bool ok = nw > 0;
	for (int i = 0; ok && i < nw; i++)
		ok = i < ng && line_eq(wl[i], gl[i]);
	free(wc);
	free(gc);
	return ok;
}

/* ------------------------------------------------------------------ fixed cases */

static int ntest, nfail;

static void report(bool ok, const char *name)
{
	ntest++;
	if (!ok)
		nfail++;
	printf("%sok %d - %s\n", ok ? "" : "not ", ntest, name);
}

static bool lower_text(uint32_t family, const char *rule, struct writer *w, struct diag_list *errs)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct eval_ctx ec = { .arena = &a, .errs = errs, .cache = &no_cache };
	struct reader r = { .a = &a };
	struct stmt_list sl = { 0 };
	struct lowered_rule lr;
	bool ok = read_rule(&r, rule, &sl) == 0 && lower_stmts(&ec, family, &sl, &lr) == 0;
	if (ok)
		print_lowered(&lr, w);
	arena_free(&a);
	return ok;
}

static void expect(uint32_t family, const char *rule, const char *want)
{
	struct writer w;
	struct diag_list errs;
	writer_init_mem(&w);
	diag_list_init(&errs);
	bool ok = lower_text(family, rule, &w, &errs) && payload_match(want, wr_cstr(&w));
	if (!ok) {
		printf("# got:\n%s", wr_cstr(&w));
		for (unsigned i = 0; i < errs.n; i++)
			printf("# error: %s\n", errs.items[i].msg);
	}
	report(ok, rule);
	writer_free(&w);
	diag_list_free(&errs);
}

static void expect_error(uint32_t family, const char *rule, const char *msg)
{
	struct writer w;
	struct diag_list errs;
	writer_init_mem(&w);
	diag_list_init(&errs);
	bool ok = !lower_text(family, rule, &w, &errs) && errs.n > 0 &&
		  strstr(errs.items[0].msg, msg) != NULL;
	if (!ok && errs.n)
		printf("# error was: %s\n", errs.items[0].msg);
	report(ok, rule);
	writer_free(&w);
	diag_list_free(&errs);
}

/* A match built by hand: `lhs op rhs-symbol`, for expressions the reader lacks. */
static void expect_built(uint32_t family, const char *name, struct expr *(*lhs)(struct arena *),
			 const char *rhs, const char *want)
{
	struct arena a;
	struct writer w;
	struct diag_list errs;
	arena_init(&a, 1 << 16);
	writer_init_mem(&w);
	diag_list_init(&errs);
	struct eval_ctx ec = { .arena = &a, .errs = &errs, .cache = &no_cache };
	struct stmt_list sl = { 0 };
	struct stmt *st = stmt_alloc(&a, STMT_EXPR, NULL);
	st->expr = expr_bin(&a, EXPR_RELATION, NULL, lhs(&a), OP_IMPLICIT,
			    expr_symbol(&a, NULL, rhs, false));
	stmt_list_add(&a, &sl, st);
	struct lowered_rule lr;
	bool ok = lower_stmts(&ec, family, &sl, &lr) == 0;
	if (ok)
		print_lowered(&lr, &w);
	ok = ok && payload_match(want, wr_cstr(&w));
	if (!ok) {
		printf("# got:\n%s", wr_cstr(&w));
		for (unsigned i = 0; i < errs.n; i++)
			printf("# error: %s\n", errs.items[i].msg);
	}
	report(ok, name);
	writer_free(&w);
	diag_list_free(&errs);
	arena_free(&a);
}

static struct expr *frag_off(struct arena *a)
{
	struct expr *e = expr_alloc(a, EXPR_EXTHDR, NULL);
	e->exthdr.hdr = "frag";
	e->exthdr.field = "frag-off";
	e->exthdr.type = 44;
	e->exthdr.offset = 16;
	e->exthdr.op = NFT_EXTHDR_OP_IPV6;
	e->len = 13;
	e->dtype = &dt_integer;
	return e;
}

static struct expr *sack_perm(struct arena *a)
{
	struct expr *e = expr_alloc(a, EXPR_EXTHDR, NULL);
	e->exthdr.hdr = "tcp option sack-perm";
	e->exthdr.type = 4;
	e->exthdr.op = NFT_EXTHDR_OP_TCPOPT;
	e->len = 8;
	return e;
}

static struct expr *numgen_mod2(struct arena *a)
{
	struct expr *e = expr_alloc(a, EXPR_NUMGEN, NULL);
	e->other.key = NFT_NG_INCREMENTAL;
	e->other.mod = 2;
	return e;
}

static void fixed_cases(void)
{
	expect_built(NFPROTO_INET, "frag frag-off 22", frag_off, "22",
		     "[ meta load nfproto => reg 1 ]\n[ cmp eq reg 1 0x0000000a ]\n"
		     "[ exthdr load ipv6 2b @ 44 + 2 => reg 1 ]\n"
		     "[ bitwise reg 1 = ( reg 1 & 0x0000f8ff ) ^ 0x00000000 ]\n"
		     "[ cmp eq reg 1 0x0000b000 ]\n");
	expect_built(NFPROTO_INET, "tcp option sack-perm exists", sack_perm, "exists",
		     "[ exthdr load tcpopt 1b @ 4 + 0 present => reg 1 ]\n"
		     "[ cmp eq reg 1 0x00000001 ]\n");
	expect_built(NFPROTO_IPV4, "numgen inc mod 2 1", numgen_mod2, "1",
		     "[ numgen reg 1 = inc mod 2 ]\n[ cmp eq reg 1 0x00000001 ]\n");
	expect(NFPROTO_INET, "tcp dport 22",
	       "[ meta load l4proto => reg 1 ]\n[ cmp eq reg 1 0x00000006 ]\n"
	       "[ payload load 2b @ transport header + 2 => reg 1 ]\n[ cmp eq reg 1 0x00001600 ]\n");
	expect(NFPROTO_IPV4, "ip dscp cs1",
	       "[ payload load 1b @ network header + 1 => reg 1 ]\n"
	       "[ bitwise reg 1 = ( reg 1 & 0x000000fc ) ^ 0x00000000 ]\n"
	       "[ cmp eq reg 1 0x00000020 ]\n");
	expect(NFPROTO_BRIDGE, "ip length 333-435",
	       "[ meta load protocol => reg 1 ]\n[ cmp eq reg 1 0x00000008 ]\n"
	       "[ payload load 2b @ network header + 2 => reg 1 ]\n"
	       "[ range eq reg 1 0x00004d01 0x0000b301 ]\n");
	expect(NFPROTO_IPV4, "meta length { 33-55, 56-88, 100-120}",
	       "element 00000000 : 1 [end] element 21000000 : 0 [end] element 59000000 : 1 [end] "
	       "element 64000000 : 0 [end] element 79000000 : 1 [end]\n"
	       "[ meta load len => reg 1 ]\n[ byteorder reg 1 = hton(reg 1, 4, 4) ]\n"
	       "[ lookup reg 1 set __set%d ]\n");
	expect(NFPROTO_IPV4, "ct state new,established, related, untracked",
	       "[ ct load state => reg 1 ]\n[ bitwise reg 1 = ( reg 1 & 0x0000004e ) ^ 0x00000000 ]\n"
	       "[ cmp neq reg 1 0x00000000 ]\n");
	expect(NFPROTO_IPV4, "ip saddr 192.168.2.0/24",
	       "[ payload load 3b @ network header + 12 => reg 1 ]\n[ cmp eq reg 1 0x0002a8c0 ]\n");
	expect(NFPROTO_IPV4, "ct mark xor 0x23 == 0x11",
	       "[ ct load mark => reg 1 ]\n[ cmp eq reg 1 0x00000032 ]\n");
	expect(NFPROTO_IPV4, "ct original bytes > 100000",
	       "[ ct load bytes => reg 1 , dir original ]\n[ byteorder reg 1 = hton(reg 1, 8, 8) ]\n"
	       "[ cmp gt reg 1 0x00000000 0xa0860100 ]\n");
	expect(NFPROTO_INET, "ct state . ct mark { new . 0x12345678, established . 0x12785634}",
	       "element 00000008 12345678 : 0 [end] element 00000002 12785634 : 0 [end]\n"
	       "[ ct load state => reg 1 ]\n[ ct load mark => reg 9 ]\n[ lookup reg 1 set __set%d ]\n");
	expect(NFPROTO_NETDEV, "vlan id 1",
	       "[ meta load iiftype => reg 1 ]\n[ cmp eq reg 1 0x00000001 ]\n"
	       "[ payload load 2b @ link header + 12 => reg 1 ]\n[ cmp eq reg 1 0x00000081 ]\n"
	       "[ payload load 2b @ link header + 14 => reg 1 ]\n"
	       "[ bitwise reg 1 = ( reg 1 & 0x0000ff0f ) ^ 0x00000000 ]\n"
	       "[ cmp eq reg 1 0x00000100 ]\n");
	expect(NFPROTO_INET, "tcp sport 1024 tcp dport 22",
	       "[ meta load l4proto => reg 1 ]\n[ cmp eq reg 1 0x00000006 ]\n"
	       "[ payload load 4b @ transport header + 0 => reg 1 ]\n[ cmp eq reg 1 0x16000004 ]\n");
	expect(NFPROTO_IPV4, "icmp id 22",
	       "element 00000008 : 0 [end] element 00000000 : 0 [end]\n"
	       "[ meta load l4proto => reg 1 ]\n[ cmp eq reg 1 0x00000001 ]\n"
	       "[ payload load 1b @ transport header + 0 => reg 1 ]\n[ lookup reg 1 set __set%d ]\n"
	       "[ payload load 2b @ transport header + 4 => reg 1 ]\n[ cmp eq reg 1 0x00001600 ]\n");
	expect(NFPROTO_IPV4, "ip hdrlength vmap { 0-4 : drop, 5 : accept, 6 : continue }",
	       "element 00000000 : drop 0 [end] element 00000005 : accept 0 [end] "
	       "element 00000006 : continue 0 [end] element 00000007 : 1 [end]\n"
	       "[ payload load 1b @ network header + 0 => reg 1 ]\n"
	       "[ bitwise reg 1 = ( reg 1 & 0x0000000f ) ^ 0x00000000 ]\n"
	       "[ lookup reg 1 set __map%d dreg 0 ]\n");
	expect_error(NFPROTO_IPV4, "tcp dport 33-22", "Range has zero or negative size");
	expect_error(NFPROTO_INET, "ip saddr 1.1.1.1 ip6 daddr ::1",
		     "conflicting protocols specified: ip vs. ip6");
	expect_error(NFPROTO_IPV4, "ip hdrlength 22", "exceeds valid range 0-15");
}

/* ------------------------------------------------------------------ conformance walk */

struct payloads {
	char **rule, **text;
	int n, cap;
};

static void load_payloads(const char *path, struct payloads *p)
{
	memset(p, 0, sizeof(*p));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[8192];
	char *buf = NULL;
	size_t blen = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' && line[1] == ' ') {
			if (p->n == p->cap) {
				p->cap = p->cap ? p->cap * 2 : 64;
				p->rule = realloc(p->rule, sizeof(char *) * (size_t)p->cap);
				p->text = realloc(p->text, sizeof(char *) * (size_t)p->cap);
			}
			size_t n = strlen(line + 2);
			while (n && (line[2 + n - 1] == '\n' || line[2 + n - 1] == ' '))
				line[2 + --n] = 0;
			p->rule[p->n] = strdup(line + 2);
			p->text[p->n] = strdup("");
			p->n++;
			buf = NULL;
			blen = 0;
		} else if (p->n) {
			size_t l = strlen(line);
			buf = p->text[p->n - 1];
			blen = strlen(buf);
			buf = realloc(buf, blen + l + 1);
			memcpy(buf + blen, line, l + 1);
			p->text[p->n - 1] = buf;
		}
	}
	fclose(f);
}

static const char *payload_for(const struct payloads *p, const char *rule)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->rule[i], rule))
			return p->text[i];
	return NULL;
}

/* The whole front end: `add rule FAMILY TABLE CHAIN RULE` parsed by the real
 * parser, evaluated and lowered by eval_lower_cmd, printed as `nft -d netlink`.
 * Returns 1 lowered, 0 rejected by eval, -1 not parsed. */
static int lower_full(struct eval_ctx *ec, const char *fam, const char *rule, struct writer *w)
{
	char *text = arena_printf(ec->arena, "add rule %s t c %s", fam, rule);
	struct source *src = arena_alloc(ec->arena, sizeof(*src));
	src->name = "<cmdline>";
	src->text = text;
	src->len = strlen(text);
	struct parse_ctx pc = { .arena = ec->arena, .errs = ec->errs };
	struct cmd_list cmds = { 0 };
	if (parse_source(&pc, src, &cmds) < 0 || cmds.n != 1)
		return -1;
	struct lowered_list out = { 0 };
	if (eval_lower_cmd(ec, cmds.v[0], &out) < 0)
		return 0;
	for (uint32_t i = 0; i < out.n; i++) {
		if (out.v[i].kind == LOWERED_ELEMS)
			nl_debug_set(out.v[i].set, w);
		else if (out.v[i].kind == LOWERED_RULE)
			nl_debug_rule(out.v[i].rule, w);
	}
	return 1;
}

static int walk_file(const char *dir, const char *file, int *pass, int *total, int *unread,
		     bool verbose)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	struct test_sets *sets = calloc(1, sizeof(*sets));
	struct { char fam[16]; } tables[8];
	int ntables = 0;
	char line[8192];
	char *lines[4096];
	int nlines = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || line[0] == '#' || line[0] == '-' || line[0] == ':')
			continue;
		if (line[0] == '*') {
			if (ntables < 8)
				sscanf(line + 1, "%15[^;]", tables[ntables++].fam);
			continue;
		}
		if (line[0] == '!') {
			char *semi = strchr(line, ';');
			if (semi)
				*semi = 0;
			add_test_set(sets, line + 1);
			continue;
		}
		if (line[0] == '?' || line[0] == '%')
			continue;
		if (nlines < 4096)
			lines[nlines++] = strdup(line);
	}
	fclose(f);
	struct payloads generic, fam[8];
	snprintf(path, sizeof(path), "%s/%s.payload", dir, file);
	load_payloads(path, &generic);
	for (int t = 0; t < ntables; t++) {
		snprintf(path, sizeof(path), "%s/%s.payload.%s", dir, file, tables[t].fam);
		load_payloads(path, &fam[t]);
	}
	for (int i = 0; i < nlines; i++) {
		char *rule = lines[i], *semi = strchr(rule, ';');
		if (!semi)
			continue;
		*semi = 0;
		bool ok_expected = !strncmp(semi + 1, "ok", 2);
		char *end = rule + strlen(rule);
		while (end > rule && end[-1] == ' ')
			*--end = 0;
		for (int t = 0; t < ntables; t++) {
			uint32_t family;
			if (family_by_name(tables[t].fam, &family) < 0)
				continue;
			const char *want = payload_for(&fam[t], rule);
			if (!want)
				want = payload_for(&generic, rule);
			if (ok_expected && !want)
				continue;
			struct writer w;
			struct diag_list errs;
			writer_init_mem(&w);
			diag_list_init(&errs);
			struct arena a;
			arena_init(&a, 1 << 16);
			struct eval_ctx ec = { .arena = &a, .errs = &errs, .cache = &no_cache,
					       .cache_priv = sets };
			struct reader r = { .a = &a };
			struct stmt_list sl = { 0 };
			struct lowered_rule lr;
			(*total)++;
			int st = lower_full(&ec, tables[t].fam, rule, &w);
			(void)r;
			(void)sl;
			(void)lr;
			if (st < 0 && ok_expected) {
				(*unread)++;
				if (verbose) {
					printf("# unparsed %s: %s\n", file, rule);
					for (unsigned k = 0; k < errs.n; k++)
						printf("#   error: %s\n", errs.items[k].msg);
				}
			} else {
				bool lowered = st > 0;
				bool ok = ok_expected ? lowered && payload_match(want, wr_cstr(&w)) : !lowered;
				if (ok && !ok_expected && verbose && getenv("NFTC_SHOW_ERRORS")) {
					struct writer ew;
					writer_init_mem(&ew);
					diag_print_all(&errs, &ew);
					printf("# REJECT %s [%s] %s\n%s", file, tables[t].fam, rule,
					       wr_cstr(&ew));
					writer_free(&ew);
				}
				if (ok)
					(*pass)++;
				else if (verbose) {
					printf("# FAIL %s [%s] %s\n", file, tables[t].fam, rule);
					if (!ok_expected)
						printf("#   (should fail)\n");
					for (unsigned k = 0; k < errs.n; k++)
						printf("#   error: %s\n", errs.items[k].msg);
					if (ok_expected && lowered)
						printf("#   want:\n%s#   got:\n%s", want, wr_cstr(&w));
				}
			}
			arena_free(&a);
			writer_free(&w);
			diag_list_free(&errs);
		}
	}
	return 0;
}

static const char *const core_files[] = {
	"ip/ip.t", "ip6/ip6.t", "inet/tcp.t", "inet/udp.t", "ip/icmp.t", "ip6/icmpv6.t",
	"inet/ether.t", "any/ct.t", "any/meta.t", "ip/sets.t", "ip6/sets.t", "inet/sets.t",
	"inet/vmap.t", "ip6/vmap.t", "inet/map.t", NULL,
};

int main(int argc, char **argv)
{
	fixed_cases();

	const char *dir = getenv("NFTC_CONFORMANCE_DIR");
	static const char *const guesses[] = {
		"../shared/conformance/py", "../../shared/conformance/py",
		"../shared/conformance/py", NULL,
	};
	for (int i = 0; !dir && guesses[i]; i++) {
		char p[512];
		snprintf(p, sizeof(p), "%s/ip/ip.t", guesses[i]);
		FILE *f = fopen(p, "r");
		if (f) {
			fclose(f);
			dir = guesses[i];
		}
	}
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	const char *const *files = core_files;
	if (argc > 2) {                     /* lower_expr_test -v FILE.t ...: those files */
		files = (const char *const *)(argv + 2);
	}
	if (dir) {
		int pass = 0, total = 0, unread = 0;
		setenv("TZ", "UTC-2", 1);           /* as the conformance runner runs nft */
		tzset();
		for (int i = 0; files[i]; i++) {
			int p0 = pass, t0 = total, u0 = unread;
			walk_file(dir, files[i], &pass, &total, &unread, verbose);
			printf("# %-14s %d/%d (not parsed: %d)\n", files[i],
			       pass - p0, total - t0, unread - u0);
		}
		printf("# conformance walk (parser + eval + lower): %d of %d vectors match "
		       "(%d not parsed)\n", pass, total, unread);
	}
	printf("%d passed, %d failed\n", ntest - nfail, nfail);
	return nfail ? 1 : 0;
}
