/* Left-hand sides of matches: payload fields, meta and ct keys, concatenations
 * and binops of those get their datatype, length and byte order from the protocol
 * and key tables, and the protocol dependency they need is checked. The keys of
 * lookups and set updates may hold constants, which take the set's key types. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"

/* Header fields of stacked link headers are relative to their own header: a vlan
 * tag sits after the ethernet header, and after each vlan tag already matched
 * (`vlan type 8021q vlan id 2`: the inner tag). */
#define VLAN_TAG_BITS 32

static uint32_t proto_start_bits(const struct rule_ctx *rc, const struct proto_desc *p)
{
	if (p == &proto_vlan)
		return (proto_eth.length ? proto_eth.length : 112) +
		       VLAN_TAG_BITS * deps_vlan_depth(rc);
	return 0;
}

static int eval_payload(struct rule_ctx *rc, struct expr *e)
{
	if (e->payload.is_raw || !e->payload.proto) {
		if (e->payload.is_raw && e->len == 0)
			return diag_error(rc->ec->errs, &e->loc, "raw payload length must be non-zero");
		if (!e->dtype)
			e->dtype = &dt_integer;
		e->byteorder = BYTEORDER_BIG;
		return 0;
	}
	const struct proto_field *f = e->payload.field;
	const struct proto_desc *p = e->payload.proto;
	if (!f)
		return diag_error(rc->ec->errs, &e->loc, "unknown %s field", p->name);
	uint32_t start = proto_start_bits(rc, p);
	e->payload.base = p->base;
	e->payload.offset = f->offset + start;
	e->len = f->len;
	e->dtype = f->dtype ? f->dtype : &dt_integer;
	e->byteorder = f->byteorder ? f->byteorder : BYTEORDER_BIG;
	return deps_check(rc, e);
}

static int eval_ct(struct rule_ctx *rc, struct expr *e)
{
	const struct ct_key *k = e->ct.key;

	if (!k)
		return diag_error(rc->ec->errs, &e->loc, "unknown ct key");
	e->dtype = k->dtype;
	e->len = k->len;
	e->byteorder = k->byteorder ? k->byteorder : BYTEORDER_HOST;
	if (e->ct.nfproto) {
		/* ct original ip saddr: must agree with the known network header */
		const struct proto_desc *want = e->ct.nfproto == NFPROTO_IPV4 ? &proto_ip : &proto_ip6;
		const struct proto_desc *have = rc->ps.network;
		if (!have && rc->family == NFPROTO_IPV4)
			have = &proto_ip;
		if (!have && rc->family == NFPROTO_IPV6)
			have = &proto_ip6;
		if (have && have != want)
			return diag_error(rc->ec->errs, &e->loc,
					  "conflicting protocols specified: %s vs. %s",
					  have->name, want->name);
	}
	if (!k->dtype || !k->len) {
		uint32_t nf = e->ct.nfproto;
		if (!nf && rc->family == NFPROTO_IPV4)
			nf = NFPROTO_IPV4;
		if (!nf && rc->family == NFPROTO_IPV6)
			nf = NFPROTO_IPV6;
		if (!nf && rc->ps.network == &proto_ip)
			nf = NFPROTO_IPV4;
		if (!nf && rc->ps.network == &proto_ip6)
			nf = NFPROTO_IPV6;
		if (nf == NFPROTO_IPV4) {
			e->dtype = &dt_ipaddr;
			e->len = 32;
		} else if (nf == NFPROTO_IPV6) {
			e->dtype = &dt_ip6addr;
			e->len = 128;
		} else {
			return diag_error(rc->ec->errs, &e->loc,
					  "cannot determine ip protocol version, use \"ip %s\" or "
					  "\"ip6 %s\" instead", k->name, k->name);
		}
		e->byteorder = BYTEORDER_BIG;
	}
	return 0;
}

int eval_lhs(struct rule_ctx *rc, struct expr *e)
{
	switch (e->kind) {
	case EXPR_PAYLOAD:
		return eval_payload(rc, e);
	case EXPR_META:
		if (!e->meta.key)
			return diag_error(rc->ec->errs, &e->loc, "unknown meta key");
		if (e->meta.key->key == NFT_META_NFPROTO && rc->family != NFPROTO_INET)
			return diag_error(rc->ec->errs, &e->loc,
					  "meta nfproto is only useful in the inet family");
		e->dtype = e->meta.key->dtype;
		e->len = e->meta.key->len;
		e->byteorder = e->meta.key->byteorder ? e->meta.key->byteorder : BYTEORDER_HOST;
		return 0;
	case EXPR_CT:
		return eval_ct(rc, e);
	case EXPR_CONCAT: {
		uint32_t bytes = 0;
		for (uint32_t i = 0; i < e->list.n; i++) {
			struct expr *c = e->list.v[i];
			if (c->kind == EXPR_CONCAT)
				return diag_error(rc->ec->errs, &c->loc,
						  "nested concatenations are not supported");
			if (c->kind == EXPR_CT && c->ct.key && !c->ct.key->dtype && !c->ct.nfproto)
				return diag_error(rc->ec->errs, &c->loc,
						  "specify either ip or ip6 for address matching");
			if (eval_lhs(rc, c) < 0)
				return -1;
			bytes += concat_slot_bytes(c);
		}
		e->len = bytes * 8;
		e->byteorder = BYTEORDER_BIG;
		e->dtype = &dt_invalid;
		return 0;
	}
	case EXPR_BINOP: {
		struct expr *l = e->bin.left;
		if (eval_lhs(rc, l) < 0)
			return -1;
		e->dtype = l->dtype;
		e->len = l->len;
		e->byteorder = l->byteorder;
		if (e->bin.op == BINOP_LSHIFT || e->bin.op == BINOP_RSHIFT)
			return eval_constant(rc, &e->bin.right, &dt_integer, 32, BYTEORDER_HOST);
		if (!expr_is_constant(e->bin.right)) {
			/* meta mark | iif: both sides are loaded */
			if (eval_lhs(rc, e->bin.right) < 0)
				return -1;
			if (e->bin.right->len != l->len)
				return diag_error(rc->ec->errs, &e->loc,
						  "Binary operation with operands of different "
						  "lengths (%u vs %u)", l->len, e->bin.right->len);
			return 0;
		}
		return eval_constant(rc, &e->bin.right, l->dtype, l->len, l->byteorder);
	}
	case EXPR_NUMGEN: case EXPR_HASH: case EXPR_FIB: case EXPR_RT: case EXPR_SOCKET:
	case EXPR_OSF: case EXPR_XFRM:
		return eval_other(rc, e);
	case EXPR_EXTHDR:
		return eval_exthdr(rc, e);
	case EXPR_VALUE:
	case EXPR_SYMBOL:
		return diag_error(rc->ec->errs, &e->loc,
				  "Left hand side of relational expression is a constant");
	default:
		return diag_error(rc->ec->errs, &e->loc, "unsupported expression on the left side");
	}
}

/* A constant part of a key, typed by the set's key at its place. */
static int eval_key_const(struct rule_ctx *rc, struct expr **e, const struct expr *tmpl)
{
	if (eval_const_for(rc->ec, e, tmpl) < 0)
		return -1;
	if ((*e)->kind != EXPR_VALUE)
		return diag_error(rc->ec->errs, &(*e)->loc, "Expected a constant value");
	return 0;
}

int eval_key(struct rule_ctx *rc, struct expr **e, const struct expr *tmpl)
{
	struct expr *x = *e;

	if (!tmpl)
		return eval_lhs(rc, x);
	if (x->kind != EXPR_CONCAT) {
		if (!expr_is_constant(x) || tmpl->kind == EXPR_CONCAT)
			return eval_lhs(rc, x);
		return eval_key_const(rc, e, tmpl);
	}
	if (tmpl->kind != EXPR_CONCAT || tmpl->list.n != x->list.n)
		return eval_lhs(rc, x);
	uint32_t bytes = 0;
	for (uint32_t i = 0; i < x->list.n; i++) {
		struct expr **c = &x->list.v[i];
		if (expr_is_constant(*c)) {
			if (eval_key_const(rc, c, tmpl->list.v[i]) < 0)
				return -1;
		} else {
			if ((*c)->kind == EXPR_CONCAT)
				return diag_error(rc->ec->errs, &(*c)->loc,
						  "nested concatenations are not supported");
			if (eval_lhs(rc, *c) < 0)
				return -1;
		}
		bytes += concat_slot_bytes(*c);
	}
	x->len = bytes * 8;
	x->byteorder = BYTEORDER_BIG;
	x->dtype = &dt_invalid;
	return 0;
}
