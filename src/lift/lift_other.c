/* Lift: the loads that are neither headers nor meta/ct — numgen, hash, fib, rt,
 * socket, osf, xfrm — into their expressions, typed by the rows eval types them
 * with (ast/other_types.c), so matches against them type their values. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lift_int.h"
#include "../util/nf_tables_uapi.h"
#include "../ast/other_types.h"

/* An expression of kind k for kernel key `key`, typed by its row in other_types.c;
 * a key no row knows (a newer kernel's) loads a plain 32-bit number. */
struct expr *lift_other_expr(struct arena *a, enum expr_kind k, uint32_t key, uint32_t flags)
{
	static const struct other_type unknown = { 0, 0, 0, &dt_integer, 32, BYTEORDER_HOST };
	const struct other_type *t = other_type_of(k, key, flags);
	struct expr *e = expr_alloc(a, k, NULL);
	if (!t)
		t = &unknown;
	e->dtype = t->dtype;
	e->byteorder = t->bo;
	e->len = t->len;
	e->other.key = key;
	e->other.flags = flags;
	return e;
}

static struct expr *other(struct lift_state *st, enum expr_kind k, uint32_t key, uint32_t flags)
{
	return lift_other_expr(st->ctx->arena, k, key, flags);
}

/* The expression a load-type VM expression puts in its register, or NULL. */
int lift_other_load(struct lift_state *st, const struct vm_expr *v)
{
	struct expr *e;
	uint32_t dreg;
	switch (v->kind) {
	case VM_NUMGEN:
		e = other(st, EXPR_NUMGEN, vm_get_u(v, NFTA_NG_TYPE), 0);
		e->other.mod = vm_get_u(v, NFTA_NG_MODULUS);
		e->other.offset = vm_get_u(v, NFTA_NG_OFFSET);
		dreg = vm_get_u(v, NFTA_NG_DREG);
		break;
	case VM_HASH:
		e = other(st, EXPR_HASH, vm_get_u(v, NFTA_HASH_TYPE), vm_has(v, NFTA_HASH_SEED));
		e->other.mod = vm_get_u(v, NFTA_HASH_MODULUS);
		e->other.offset = vm_get_u(v, NFTA_HASH_OFFSET);
		e->other.seed = vm_get_u(v, NFTA_HASH_SEED);
		if (e->other.key == NFT_HASH_JENKINS)
			e->other.arg = lift_get_reg(st, vm_get_u(v, NFTA_HASH_SREG),
						    vm_get_u(v, NFTA_HASH_LEN));
		dreg = vm_get_u(v, NFTA_HASH_DREG);
		break;
	case VM_FIB:
		e = other(st, EXPR_FIB, vm_get_u(v, NFTA_FIB_RESULT), vm_get_u(v, NFTA_FIB_FLAGS));
		dreg = vm_get_u(v, NFTA_FIB_DREG);
		break;
	case VM_RT:
		e = other(st, EXPR_RT, vm_get_u(v, NFTA_RT_KEY), 0);
		dreg = vm_get_u(v, NFTA_RT_DREG);
		break;
	case VM_SOCKET:
		e = other(st, EXPR_SOCKET, vm_get_u(v, NFTA_SOCKET_KEY), 0);
		e->other.mod = vm_get_u(v, NFTA_SOCKET_LEVEL);
		dreg = vm_get_u(v, NFTA_SOCKET_DREG);
		break;
	case VM_OSF:
		e = other(st, EXPR_OSF, 0, vm_get_u(v, NFTA_OSF_FLAGS));
		e->other.mod = vm_get_u(v, NFTA_OSF_TTL);
		dreg = vm_get_u(v, NFTA_OSF_DREG);
		break;
	case VM_XFRM:
		e = other(st, EXPR_XFRM, vm_get_u(v, NFTA_XFRM_KEY), vm_get_u(v, NFTA_XFRM_DIR));
		e->other.mod = vm_get_u(v, NFTA_XFRM_SPNUM);
		dreg = vm_get_u(v, NFTA_XFRM_DREG);
		break;
	default:
		return -1;
	}
	lift_set_reg(st, dreg, e);
	return 0;
}
