/* Lift: the loads that are neither headers nor meta/ct — numgen, hash, fib, rt,
 * socket — into EXPR_NUMGEN/HASH/FIB/RT/SOCKET with the datatype of what they
 * load (one row per key), so matches against them type their values. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lift_int.h"
#include "../util/nf_tables_uapi.h"

static struct expr *other(struct lift_state *st, enum expr_kind k, const struct datatype *dt,
			  enum byteorder bo, uint32_t bits)
{
	struct expr *e = expr_alloc(st->ctx->arena, k, NULL);
	e->dtype = dt;
	e->byteorder = bo;
	e->len = bits;
	return e;
}

/* The expression a load-type VM expression puts in its register, or NULL. */
int lift_other_load(struct lift_state *st, const struct vm_expr *v)
{
	struct expr *e;
	uint32_t dreg;
	switch (v->kind) {
	case VM_NUMGEN:
		e = other(st, EXPR_NUMGEN, &dt_integer, BYTEORDER_HOST, 32);
		e->other.key = vm_get_u(v, NFTA_NG_TYPE);
		e->other.mod = vm_get_u(v, NFTA_NG_MODULUS);
		e->other.offset = vm_get_u(v, NFTA_NG_OFFSET);
		dreg = vm_get_u(v, NFTA_NG_DREG);
		break;
	case VM_HASH:
		e = other(st, EXPR_HASH, &dt_integer, BYTEORDER_HOST, 32);
		e->other.key = vm_get_u(v, NFTA_HASH_TYPE);
		e->other.mod = vm_get_u(v, NFTA_HASH_MODULUS);
		e->other.offset = vm_get_u(v, NFTA_HASH_OFFSET);
		e->other.seed = vm_get_u(v, NFTA_HASH_SEED);
		e->other.flags = vm_has(v, NFTA_HASH_SEED);
		if (e->other.key == NFT_HASH_JENKINS)
			e->other.arg = lift_get_reg(st, vm_get_u(v, NFTA_HASH_SREG),
						    vm_get_u(v, NFTA_HASH_LEN));
		dreg = vm_get_u(v, NFTA_HASH_DREG);
		break;
	case VM_FIB: {
		uint32_t res = vm_get_u(v, NFTA_FIB_RESULT), fl = vm_get_u(v, NFTA_FIB_FLAGS);
		if (fl & NFTA_FIB_F_PRESENT)
			e = other(st, EXPR_FIB, &dt_boolean, BYTEORDER_HOST, 1);
		else if (res == NFT_FIB_RESULT_OIFNAME)
			e = other(st, EXPR_FIB, &dt_ifname, BYTEORDER_HOST, 128);
		else if (res == NFT_FIB_RESULT_ADDRTYPE)
			e = other(st, EXPR_FIB, &dt_fib_addr, BYTEORDER_HOST, 32);
		else
			e = other(st, EXPR_FIB, &dt_ifindex, BYTEORDER_HOST, 32);
		e->other.key = res;
		e->other.flags = fl;
		dreg = vm_get_u(v, NFTA_FIB_DREG);
		break;
	}
	case VM_RT: {
		uint32_t key = vm_get_u(v, NFTA_RT_KEY);
		switch (key) {
		case NFT_RT_CLASSID: e = other(st, EXPR_RT, &dt_realm, BYTEORDER_HOST, 32); break;
		case NFT_RT_NEXTHOP4: e = other(st, EXPR_RT, &dt_ipaddr, BYTEORDER_BIG, 32); break;
		case NFT_RT_NEXTHOP6: e = other(st, EXPR_RT, &dt_ip6addr, BYTEORDER_BIG, 128); break;
		case NFT_RT_TCPMSS: e = other(st, EXPR_RT, &dt_integer, BYTEORDER_HOST, 16); break;
		default: e = other(st, EXPR_RT, &dt_boolean, BYTEORDER_HOST, 1); break;
		}
		e->other.key = key;
		dreg = vm_get_u(v, NFTA_RT_DREG);
		break;
	}
	case VM_SOCKET: {
		uint32_t key = vm_get_u(v, NFTA_SOCKET_KEY);
		if (key == NFT_SOCKET_MARK)
			e = other(st, EXPR_SOCKET, &dt_mark, BYTEORDER_HOST, 32);
		else if (key == NFT_SOCKET_CGROUPV2)
			e = other(st, EXPR_SOCKET, &dt_cgroupv2, BYTEORDER_HOST, 64);
		else
			e = other(st, EXPR_SOCKET, &dt_integer, BYTEORDER_HOST, 1);
		e->other.key = key;
		e->other.mod = vm_get_u(v, NFTA_SOCKET_LEVEL);
		dreg = vm_get_u(v, NFTA_SOCKET_DREG);
		break;
	}
	case VM_OSF:
		e = other(st, EXPR_OSF, &dt_string, BYTEORDER_HOST, 128);
		e->other.mod = vm_get_u(v, NFTA_OSF_TTL);
		e->other.flags = vm_get_u(v, NFTA_OSF_FLAGS);
		dreg = vm_get_u(v, NFTA_OSF_DREG);
		break;
	case VM_XFRM: {
		uint32_t key = vm_get_u(v, NFTA_XFRM_KEY);
		switch (key) {
		case NFT_XFRM_KEY_DADDR_IP4:
		case NFT_XFRM_KEY_SADDR_IP4:
			e = other(st, EXPR_XFRM, &dt_ipaddr, BYTEORDER_BIG, 32);
			break;
		case NFT_XFRM_KEY_DADDR_IP6:
		case NFT_XFRM_KEY_SADDR_IP6:
			e = other(st, EXPR_XFRM, &dt_ip6addr, BYTEORDER_BIG, 128);
			break;
		case NFT_XFRM_KEY_REQID:
			e = other(st, EXPR_XFRM, &dt_integer, BYTEORDER_HOST, 32);
			break;
		default:
			e = other(st, EXPR_XFRM, &dt_integer, BYTEORDER_BIG, 32);
			break;
		}
		e->other.key = key;
		e->other.flags = vm_get_u(v, NFTA_XFRM_DIR);
		e->other.mod = vm_get_u(v, NFTA_XFRM_SPNUM);
		dreg = vm_get_u(v, NFTA_XFRM_DREG);
		break;
	}
	default:
		return -1;
	}
	lift_set_reg(st, dreg, e);
	return 0;
}
