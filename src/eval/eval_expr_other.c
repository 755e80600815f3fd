/* The loads that are neither headers nor meta/ct keys — numgen, jhash/symhash,
 * fib, rt, socket, osf, ipsec (xfrm): their datatype, length and byte order (the
 * rows of ast/other_types.c, which lift reads too), and their VM load (one row
 * per kind: the attribute each field goes to). */
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "../ast/other_types.h"
#include "../util/nf_tables_uapi.h"

/* fib inputs: one address, at most one interface. */
static int check_fib(struct rule_ctx *rc, const struct expr *e)
{
	uint32_t f = e->other.flags;

	if ((f & NFTA_FIB_F_SADDR) && (f & NFTA_FIB_F_DADDR))
		return diag_error(rc->ec->errs, &e->loc, "fib: saddr and daddr are mutually exclusive");
	if ((f & NFTA_FIB_F_IIF) && (f & NFTA_FIB_F_OIF))
		return diag_error(rc->ec->errs, &e->loc, "fib: iif and oif are mutually exclusive");
	if (!(f & (NFTA_FIB_F_SADDR | NFTA_FIB_F_DADDR)))
		return diag_error(rc->ec->errs, &e->loc, "fib: need either saddr or daddr");
	return 0;
}

/* `rt nexthop` takes the address family the rule is about: ip6 tables, or a
 * `meta nfproto ipv6` before it, make it the IPv6 next hop (even if written `rt ip
 * nexthop`, as nft reads it); the written family counts where nothing else says. */
static int resolve_nexthop(struct rule_ctx *rc, struct expr *e)
{
	const struct proto_desc *net = rc->ps.network;

	if (e->other.key == NFT_RT_NEXTHOP6 && (rc->family == NFPROTO_IPV4 || net == &proto_ip))
		return diag_error(rc->ec->errs, &e->loc, "ip6 nexthop will not match");
	if (e->other.key != NFT_RT_NEXTHOP4)
		return 0;
	if (rc->family == NFPROTO_IPV6 || net == &proto_ip6) {
		e->other.key = NFT_RT_NEXTHOP6;
		return 0;
	}
	if (rc->family == NFPROTO_IPV4 || net == &proto_ip || e->other.mod)
		return 0;           /* or `rt ip nexthop` where nothing else says */
	return diag_error(rc->ec->errs, &e->loc, "cannot determine ip protocol version, use "
			  "\"ip nexthop\" or \"ip6 nexthop\" instead");
}

int eval_other(struct rule_ctx *rc, struct expr *e)
{
	const struct other_type *t = NULL;

	if (e->kind == EXPR_FIB && check_fib(rc, e) < 0)
		return -1;
	if (e->kind == EXPR_RT && resolve_nexthop(rc, e) < 0)
		return -1;
	if (e->kind == EXPR_XFRM && e->other.mod > 255)
		return diag_error(rc->ec->errs, &e->loc, "spnum must be in the range 0-255");

	t = other_type_of(e->kind, e->other.key, e->other.flags);
	if (!t)
		return diag_error(rc->ec->errs, &e->loc, "unsupported expression");
	e->dtype = t->dtype;
	e->len = t->len;
	e->byteorder = t->bo;
	if (e->kind == EXPR_HASH && e->other.key == NFT_HASH_JENKINS) {
		if (!e->other.arg)
			return diag_error(rc->ec->errs, &e->loc, "jhash needs an expression to hash");
		return eval_lhs(rc, e->other.arg);
	}
	return 0;
}

/* Where each field of e->other goes in the kind's VM expression (0: not sent); the
 * fields named in `if_set` are sent only when not zero. What one kind alone has (the
 * hash input, its seed, the socket's cgroup level) is added in lower_other_at. */
struct other_attrs {
	enum expr_kind kind;
	enum vm_kind vm;
	uint8_t dreg, key, flags, mod, offset;
	uint8_t if_set;
};
enum { IF_SET_FLAGS = 1, IF_SET_OFFSET = 2 };

static const struct other_attrs other_attrs[] = {
	{ EXPR_NUMGEN, VM_NUMGEN, NFTA_NG_DREG, NFTA_NG_TYPE, 0, NFTA_NG_MODULUS,
	  NFTA_NG_OFFSET, IF_SET_OFFSET },
	{ EXPR_HASH, VM_HASH, NFTA_HASH_DREG, NFTA_HASH_TYPE, 0, NFTA_HASH_MODULUS,
	  NFTA_HASH_OFFSET, IF_SET_OFFSET },
	{ EXPR_FIB, VM_FIB, NFTA_FIB_DREG, NFTA_FIB_RESULT, NFTA_FIB_FLAGS, 0, 0, 0 },
	{ EXPR_RT, VM_RT, NFTA_RT_DREG, NFTA_RT_KEY, 0, 0, 0, 0 },
	{ EXPR_SOCKET, VM_SOCKET, NFTA_SOCKET_DREG, NFTA_SOCKET_KEY, 0, 0, 0, 0 },
	{ EXPR_OSF, VM_OSF, NFTA_OSF_DREG, 0, NFTA_OSF_FLAGS, NFTA_OSF_TTL, 0, IF_SET_FLAGS },
	{ EXPR_XFRM, VM_XFRM, NFTA_XFRM_DREG, NFTA_XFRM_KEY, NFTA_XFRM_DIR, NFTA_XFRM_SPNUM,
	  0, 0 },
};

static void set_other_attr(struct vm_expr *v, unsigned attr, uint32_t val, bool if_set)
{
	if (attr && (val || !if_set))
		vm_set_u(v, attr, val);
}

int lower_other_at(struct rule_ctx *rc, struct expr *e, int reg)
{
	const struct other_attrs *a = NULL;
	for (size_t i = 0; i < sizeof(other_attrs) / sizeof(other_attrs[0]) && !a; i++)
		if (other_attrs[i].kind == e->kind)
			a = &other_attrs[i];
	if (!a)
		return diag_error(rc->ec->errs, &e->loc, "Cannot load this expression");

	/* jhash: its input is loaded first, into registers freed again afterwards */
	uint32_t saved = rc->reg_next, len = 0;
	int sreg = -1;
	if (e->kind == EXPR_HASH && e->other.key == NFT_HASH_JENKINS) {
		sreg = lower_load(rc, e->other.arg);
		if (sreg < 0)
			return -1;
		struct lhs_shape sh;
		lhs_shape_of(e->other.arg, &sh);
		len = sh.bytes;
	}
	struct vm_expr *v = emit(rc, a->vm);
	vm_set_u(v, a->dreg, (uint32_t)reg);
	set_other_attr(v, a->key, e->other.key, false);
	set_other_attr(v, a->flags, e->other.flags, a->if_set & IF_SET_FLAGS);
	set_other_attr(v, a->mod, e->other.mod, false);
	set_other_attr(v, a->offset, e->other.offset, a->if_set & IF_SET_OFFSET);
	switch (e->kind) {
	case EXPR_HASH:
		if (sreg >= 0) {
			vm_set_u(v, NFTA_HASH_SREG, (uint32_t)sreg);
			vm_set_u(v, NFTA_HASH_LEN, len);
		}
		if (e->other.flags)
			vm_set_u(v, NFTA_HASH_SEED, e->other.seed);
		rc->reg_next = saved;
		break;
	case EXPR_SOCKET:
		if (e->other.key == NFT_SOCKET_CGROUPV2)
			vm_set_u(v, NFTA_SOCKET_LEVEL, e->other.mod);
		break;
	default:
		break;
	}
	return 0;
}
