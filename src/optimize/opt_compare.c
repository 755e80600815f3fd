/* The optimizer's view of statements: one table says what each statement kind is to a
 * merge, and the comparisons below decide which statements share a column (match the
 * same thing) and which are the same in every respect. Everything reads the parser's
 * AST, so `80` and `http` are different values here, as they are in the text. */
#include <string.h>
#include "opt_int.h"

/* One row per statement kind the optimizer understands; a kind without a row is
 * ROLE_NONE. `any_value`: every statement of the kind shares one column (counter). */
static const struct {
	enum stmt_kind kind;
	enum opt_role role;
	bool any_value;
} roles[] = {
	{ STMT_EXPR, ROLE_MATCH, false },
	{ STMT_VERDICT, ROLE_VERDICT, false },
	{ STMT_NAT, ROLE_NAT, false },
	{ STMT_COUNTER, ROLE_FIXED, true },
	{ STMT_NOTRACK, ROLE_FIXED, true },
	{ STMT_LOG, ROLE_FIXED, false },
	{ STMT_LIMIT, ROLE_FIXED, false },
	{ STMT_REJECT, ROLE_FIXED, false },
};

static int role_row(enum stmt_kind k)
{
	for (unsigned i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].kind == k)
			return (int)i;
	return -1;
}

const struct expr *opt_deref(const struct expr *e)
{
	while (e && e->kind == EXPR_VARIABLE && e->sym.ref)
		e = e->sym.ref;
	return e;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool list_equal(const struct expr_list *a, const struct expr_list *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!opt_expr_equal(a->v[i], b->v[i]))
			return false;
	return true;
}

bool opt_expr_equal(const struct expr *a, const struct expr *b)
{
	a = opt_deref(a);
	b = opt_deref(b);
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case EXPR_VALUE:
		return a->dtype == b->dtype && a->value.len == b->value.len &&
		       !memcmp(a->value.bytes, b->value.bytes, (a->value.len + 7) / 8);
	case EXPR_SYMBOL:
	case EXPR_VARIABLE:
		return a->sym.quoted == b->sym.quoted && str_eq(a->sym.str, b->sym.str);
	case EXPR_PAYLOAD:
		return a->payload.proto == b->payload.proto &&
		       a->payload.field == b->payload.field &&
		       a->payload.base == b->payload.base &&
		       a->payload.offset == b->payload.offset && a->len == b->len &&
		       a->payload.is_raw == b->payload.is_raw &&
		       a->payload.tunnel == b->payload.tunnel;
	case EXPR_EXTHDR:
		return str_eq(a->exthdr.hdr, b->exthdr.hdr) &&
		       str_eq(a->exthdr.field, b->exthdr.field) &&
		       a->exthdr.type == b->exthdr.type && a->exthdr.offset == b->exthdr.offset &&
		       a->exthdr.op == b->exthdr.op && a->exthdr.flags == b->exthdr.flags &&
		       a->len == b->len;
	case EXPR_META:
		return a->meta.key == b->meta.key;
	case EXPR_CT:
		return a->ct.key == b->ct.key && a->ct.dir == b->ct.dir &&
		       a->ct.nfproto == b->ct.nfproto;
	case EXPR_RT: case EXPR_FIB: case EXPR_NUMGEN: case EXPR_HASH: case EXPR_SOCKET:
	case EXPR_OSF: case EXPR_XFRM:
		return a->other.key == b->other.key && a->other.flags == b->other.flags &&
		       a->other.mod == b->other.mod && a->other.offset == b->other.offset &&
		       a->other.seed == b->other.seed && opt_expr_equal(a->other.arg, b->other.arg);
	case EXPR_PREFIX:
		return a->bin.prefix_len == b->bin.prefix_len &&
		       opt_expr_equal(a->bin.left, b->bin.left);
	case EXPR_RANGE: case EXPR_BINOP: case EXPR_RELATION: case EXPR_MAP:
	case EXPR_MAPPING:
		return a->bin.op == b->bin.op && opt_expr_equal(a->bin.left, b->bin.left) &&
		       opt_expr_equal(a->bin.right, b->bin.right);
	case EXPR_LIST: case EXPR_CONCAT: case EXPR_SET:
		return list_equal(&a->list, &b->list);
	case EXPR_SET_ELEM:
		return !a->elem.stmts && !b->elem.stmts && a->elem.timeout == b->elem.timeout &&
		       a->elem.expires == b->elem.expires &&
		       str_eq(a->elem.comment, b->elem.comment) &&
		       opt_expr_equal(a->elem.key, b->elem.key);
	case EXPR_SET_REF:
		return str_eq(a->setref.name, b->setref.name);
	case EXPR_VERDICT:
		return a->verdict.code == b->verdict.code &&
		       str_eq(a->verdict.chain, b->verdict.chain) &&
		       opt_expr_equal(a->verdict.chain_expr, b->verdict.chain_expr);
	case EXPR_ELEM_ANY:
		return true;
	default:
		return false;
	}
}

bool opt_stmt_is_vmap(const struct stmt *s)
{
	return s->kind == STMT_EXPR && s->expr && s->expr->kind == EXPR_MAP &&
	       s->expr->bin.op == 1 && opt_deref(s->expr->bin.right) &&
	       opt_deref(s->expr->bin.right)->kind == EXPR_SET;
}

/* A constant written as flags combined (`fin | ack`): one value. */
static bool constant_binop(const struct expr *v)
{
	v = opt_deref(v);
	if (v && v->kind == EXPR_BINOP)
		return constant_binop(v->bin.left) && constant_binop(v->bin.right);
	return v && (v->kind == EXPR_VALUE || v->kind == EXPR_SYMBOL);
}

/* The values a merged match can take: the ones a set element can be. */
static bool value_mergeable(const struct expr *v)
{
	/* nft merges before it expands variables: a `$var` value is left alone */
	if (v && (v->kind == EXPR_VARIABLE || (v->flags & EXPR_F_DEFINE)))
		return false;
	if (!v)
		return false;
	switch (v->kind) {
	case EXPR_VALUE: case EXPR_SYMBOL: case EXPR_PREFIX: case EXPR_RANGE:
		return true;
	case EXPR_BINOP:
		return constant_binop(v);
	case EXPR_LIST:
		for (uint32_t i = 0; i < v->list.n; i++)
			if (!value_mergeable(v->list.v[i]))
				return false;
		return true;
	case EXPR_SET:
		for (uint32_t i = 0; i < v->list.n; i++) {
			const struct expr *it = opt_deref(v->list.v[i]);
			if (!it || it->kind == EXPR_MAPPING)
				return false;
			if (it->kind == EXPR_SET_ELEM)
				it = it->elem.key;
			if (!value_mergeable(it) || opt_deref(it)->kind == EXPR_LIST)
				return false;
		}
		return v->list.n > 0;
	default:
		return false;
	}
}

static bool nat_part_plain(const struct expr *e)
{
	if (e && (e->kind == EXPR_VARIABLE || (e->flags & EXPR_F_DEFINE)))
		return false;
	return !e || e->kind == EXPR_VALUE || e->kind == EXPR_SYMBOL || e->kind == EXPR_RANGE;
}

enum opt_role opt_stmt_role(const struct stmt *s)
{
	int row = role_row(s->kind);
	if (row < 0)
		return ROLE_NONE;
	const struct expr *e = s->expr;
	switch (s->kind) {
	case STMT_EXPR:
		if (opt_stmt_is_vmap(s))
			return opt_deref(e->bin.left)->kind == EXPR_CONCAT ? ROLE_NONE : ROLE_MATCH;
		if (!e || e->kind != EXPR_RELATION ||
		    (e->bin.op != OP_IMPLICIT && e->bin.op != OP_EQ))
			return ROLE_NONE;
		if (!opt_deref(e->bin.left) || opt_deref(e->bin.left)->kind == EXPR_CONCAT ||
		    !value_mergeable(e->bin.right))
			return ROLE_NONE;
		return ROLE_MATCH;
	case STMT_VERDICT:
		return e && e->kind == EXPR_VERDICT ? ROLE_VERDICT : ROLE_NONE;
	case STMT_NAT:
		if (!nat_part_plain(s->nat.addr) || !nat_part_plain(s->nat.proto))
			return ROLE_NONE;
		return ROLE_NAT;
	case STMT_REJECT:
		return s->reject.code_expr && opt_deref(s->reject.code_expr)->kind != EXPR_SYMBOL
		       ? ROLE_NONE : ROLE_FIXED;
	default:
		return roles[row].role;
	}
}

static bool log_equal(const struct stmt *a, const struct stmt *b)
{
	return str_eq(a->log.prefix, b->log.prefix) && a->log.level == b->log.level &&
	       a->log.group == b->log.group && a->log.snaplen == b->log.snaplen &&
	       a->log.qthreshold == b->log.qthreshold && a->log.logflags == b->log.logflags &&
	       a->log.present == b->log.present;
}

static bool nat_same_shape(const struct stmt *a, const struct stmt *b)
{
	return a->nat.type == b->nat.type && a->nat.family == b->nat.family &&
	       a->nat.flags == b->nat.flags && a->nat.type_flags == b->nat.type_flags &&
	       !a->nat.addr == !b->nat.addr && !a->nat.proto == !b->nat.proto;
}

bool opt_stmt_same_column(const struct stmt *a, const struct stmt *b)
{
	if (a->kind != b->kind || opt_stmt_role(a) == ROLE_NONE || opt_stmt_role(b) == ROLE_NONE)
		return false;
	int row = role_row(a->kind);
	if (roles[row].any_value)
		return true;
	switch (a->kind) {
	case STMT_EXPR:
		if (opt_stmt_is_vmap(a) != opt_stmt_is_vmap(b))
			return false;
		if (!opt_stmt_is_vmap(a) && a->expr->bin.op != b->expr->bin.op)
			return false;
		return opt_expr_equal(a->expr->bin.left, b->expr->bin.left);
	case STMT_VERDICT:
		return true;
	case STMT_NAT:
		return nat_same_shape(a, b);
	default:
		return opt_stmt_equal(a, b);
	}
}

bool opt_stmt_equal(const struct stmt *a, const struct stmt *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case STMT_EXPR:
	case STMT_VERDICT:
		return opt_expr_equal(a->expr, b->expr);
	case STMT_NAT:
		return nat_same_shape(a, b) && opt_expr_equal(a->nat.addr, b->nat.addr) &&
		       opt_expr_equal(a->nat.proto, b->nat.proto);
	case STMT_COUNTER:
		return a->counter.packets == b->counter.packets &&
		       a->counter.bytes == b->counter.bytes;
	case STMT_NOTRACK:
		return true;
	case STMT_LOG:
		return log_equal(a, b);
	case STMT_LIMIT:
		return a->limit.rate == b->limit.rate && a->limit.unit == b->limit.unit &&
		       a->limit.burst == b->limit.burst && a->limit.type == b->limit.type &&
		       a->limit.flags == b->limit.flags;
	case STMT_REJECT:
		return a->reject.type == b->reject.type &&
		       a->reject.icmp_code == b->reject.icmp_code &&
		       a->reject.family == b->reject.family &&
		       opt_expr_equal(a->reject.code_expr, b->reject.code_expr);
	default:
		return false;
	}
}
