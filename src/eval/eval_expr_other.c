/* The loads that are neither headers nor meta/ct keys — numgen, jhash/symhash,
 * fib, rt, socket, osf, ipsec (xfrm): their datatype, length and byte order (the
 * rows of ast/other_types.c, which lift reads too), and their VM load. */
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
 * `meta nfproto ipv6` before it, make it the IPv6 next hop. */
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
	if (rc->family == NFPROTO_IPV4 || net == &proto_ip)
		return 0;
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

int lower_other_at(struct rule_ctx *rc, struct expr *e, int reg)
{
	struct vm_expr *v;

	switch (e->kind) {
	case EXPR_NUMGEN:
		v = emit(rc, VM_NUMGEN);
		vm_set_u(v, NFTA_NG_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_NG_MODULUS, e->other.mod);
		vm_set_u(v, NFTA_NG_TYPE, e->other.key);
		if (e->other.offset)
			vm_set_u(v, NFTA_NG_OFFSET, e->other.offset);
		return 0;
	case EXPR_HASH: {
		int sreg = -1;
		uint32_t saved = rc->reg_next, len = 0;
		if (e->other.key == NFT_HASH_JENKINS) {
			sreg = lower_load(rc, e->other.arg);
			if (sreg < 0)
				return -1;
			struct lhs_shape sh;
			lhs_shape_of(e->other.arg, &sh);
			len = sh.bytes;
		}
		v = emit(rc, VM_HASH);
		if (sreg >= 0) {
			vm_set_u(v, NFTA_HASH_SREG, (uint32_t)sreg);
			vm_set_u(v, NFTA_HASH_LEN, len);
		}
		vm_set_u(v, NFTA_HASH_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_HASH_MODULUS, e->other.mod);
		if (e->other.flags)
			vm_set_u(v, NFTA_HASH_SEED, e->other.seed);
		if (e->other.offset)
			vm_set_u(v, NFTA_HASH_OFFSET, e->other.offset);
		vm_set_u(v, NFTA_HASH_TYPE, e->other.key);
		rc->reg_next = saved;
		return 0;
	}
	case EXPR_FIB:
		v = emit(rc, VM_FIB);
		vm_set_u(v, NFTA_FIB_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_FIB_RESULT, e->other.key);
		vm_set_u(v, NFTA_FIB_FLAGS, e->other.flags);
		return 0;
	case EXPR_RT:
		v = emit(rc, VM_RT);
		vm_set_u(v, NFTA_RT_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_RT_KEY, e->other.key);
		return 0;
	case EXPR_SOCKET:
		v = emit(rc, VM_SOCKET);
		vm_set_u(v, NFTA_SOCKET_KEY, e->other.key);
		vm_set_u(v, NFTA_SOCKET_DREG, (uint32_t)reg);
		if (e->other.key == NFT_SOCKET_CGROUPV2)
			vm_set_u(v, NFTA_SOCKET_LEVEL, e->other.mod);
		return 0;
	case EXPR_OSF:
		v = emit(rc, VM_OSF);
		vm_set_u(v, NFTA_OSF_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_OSF_TTL, e->other.mod);
		if (e->other.flags)
			vm_set_u(v, NFTA_OSF_FLAGS, e->other.flags);
		return 0;
	case EXPR_XFRM:
		v = emit(rc, VM_XFRM);
		vm_set_u(v, NFTA_XFRM_DREG, (uint32_t)reg);
		vm_set_u(v, NFTA_XFRM_KEY, e->other.key);
		vm_set_u(v, NFTA_XFRM_DIR, e->other.flags);
		vm_set_u(v, NFTA_XFRM_SPNUM, e->other.mod);
		return 0;
	default:
		return diag_error(rc->ec->errs, &e->loc, "Cannot load this expression");
	}
}
