/* Lift a rule: walk the VM program with a register file, turning loads into
 * expressions, matches into relations and the rest into statements (lift.h). */
#include <string.h>
#include <linux/netfilter.h>
#include "lift_int.h"
#include "../util/nf_tables_uapi.h"
#include "../types/tunnel.h"
#include "../types/udata_attrs.h"
#include "../util/tlv.h"

static void init_proto(struct lift_state *st)
{
	switch (st->ctx->family) {
	case NFPROTO_IPV4:
		st->proto.network = &proto_ip;
		break;
	case NFPROTO_IPV6:
		st->proto.network = &proto_ip6;
		break;
	case NFPROTO_ARP:
		st->proto.network = &proto_arp;
		break;
	case NFPROTO_BRIDGE:
	case NFPROTO_NETDEV:
		st->proto.ll = &proto_eth;
		break;
	default:
		break;
	}
}

static int lift_load_or_stmt(struct lift_state *st, const struct vm_expr *v)
{
	switch (v->kind) {
	case VM_PAYLOAD:
		if (vm_has(v, NFTA_PAYLOAD_DREG)) {
			struct expr *e = lift_payload(st, vm_get_u(v, NFTA_PAYLOAD_BASE),
						      vm_get_u(v, NFTA_PAYLOAD_OFFSET),
						      vm_get_u(v, NFTA_PAYLOAD_LEN));
			lift_dep_consume(st, e);
			lift_set_reg(st, vm_get_u(v, NFTA_PAYLOAD_DREG), e);
			return 0;
		}
		break;
	case VM_META:
		if (vm_has(v, NFTA_META_DREG)) {
			lift_set_reg(st, vm_get_u(v, NFTA_META_DREG),
				     lift_meta(st, vm_get_u(v, NFTA_META_KEY)));
			return 0;
		}
		break;
	case VM_CT:
		if (vm_has(v, NFTA_CT_DREG)) {
			int dir = vm_has(v, NFTA_CT_DIRECTION) ? (int)vm_get_u(v, NFTA_CT_DIRECTION)
							       : -1;
			lift_set_reg(st, vm_get_u(v, NFTA_CT_DREG),
				     lift_ct(st, vm_get_u(v, NFTA_CT_KEY), dir));
			return 0;
		}
		break;
	case VM_CMP:
		return lift_cmp(st, v);
	case VM_RANGE:
		return lift_range(st, v);
	case VM_LOOKUP:
		return lift_lookup(st, v);
	case VM_BITWISE:
		return lift_bitwise(st, v);
	case VM_BYTEORDER: {
		struct expr *e = lift_get_reg(st, vm_get_u(v, NFTA_BYTEORDER_SREG),
					      vm_get_u(v, NFTA_BYTEORDER_LEN));
		if (!e)
			return -1;
		if (vm_get_u(v, NFTA_BYTEORDER_OP) == NFT_BYTEORDER_HTON &&
		    e->byteorder == BYTEORDER_HOST) {
			struct expr *c = arena_memdup(st->ctx->arena, e, sizeof(*e));
			c->flags |= LIFT_F_SWAPPED;
			e = c;
		} else if (vm_get_u(v, NFTA_BYTEORDER_OP) == NFT_BYTEORDER_NTOH &&
			   lift_is_subbyte_field(e)) {
			/* before the shift down: an anonymous concatenation holds the
			 * field in host order (ip6 dscp . frag frag-off { cs1 . 3 }) */
			struct expr *c = arena_memdup(st->ctx->arena, e, sizeof(*e));
			c->byteorder = BYTEORDER_HOST;
			e = c;
		}
		lift_set_reg(st, vm_get_u(v, NFTA_BYTEORDER_DREG), e);
		return 0;
	}
	case VM_NUMGEN:
	case VM_HASH:
	case VM_FIB:
	case VM_RT:
	case VM_SOCKET:
	case VM_OSF:
	case VM_XFRM:
		return lift_other_load(st, v);
	case VM_EXTHDR:
		if (vm_has(v, NFTA_EXTHDR_DREG))
			return lift_exthdr(st, v);
		break;
	default:
		break;
	}
	return lift_stmt(st, v);
}

/* Two loads of the same thing (for merging `>= a` `<= b` into a range). */
static bool same_load(const struct expr *a, const struct expr *b)
{
	if (a->kind != b->kind || a->len != b->len)
		return false;
	switch (a->kind) {
	case EXPR_PAYLOAD:
		return a->payload.base == b->payload.base && a->payload.offset == b->payload.offset &&
		       a->payload.field == b->payload.field && a->payload.proto == b->payload.proto;
	case EXPR_META:
		return a->meta.key == b->meta.key;
	case EXPR_CT:
		return a->ct.key == b->ct.key && a->ct.dir == b->ct.dir;
	default:
		return false;
	}
}

/* Older nft writes a range as `cmp gte` + `cmp lte`: list it as `a-b`. */
static void merge_ranges(struct lift_ctx *ctx, struct rule *r)
{
	for (uint32_t i = 0; i + 1 < r->stmts.n; i++) {
		struct stmt *s1 = r->stmts.v[i], *s2 = r->stmts.v[i + 1];
		if (s1->kind != STMT_EXPR || s2->kind != STMT_EXPR || !s1->expr || !s2->expr ||
		    s1->expr->kind != EXPR_RELATION || s2->expr->kind != EXPR_RELATION ||
		    s1->expr->bin.op != OP_GTE || s2->expr->bin.op != OP_LTE ||
		    !same_load(s1->expr->bin.left, s2->expr->bin.left))
			continue;
		struct expr *rg = expr_bin(ctx->arena, EXPR_RANGE, NULL, s1->expr->bin.right, 0,
					   s2->expr->bin.right);
		rg->dtype = s1->expr->bin.left->dtype;
		rg->len = s1->expr->bin.left->len;
		s1->expr->bin.op = OP_IMPLICIT;
		s1->expr->bin.right = rg;
		memmove(&r->stmts.v[i + 1], &r->stmts.v[i + 2],
			(r->stmts.n - i - 2) * sizeof(r->stmts.v[0]));
		r->stmts.n--;
	}
}

/* ---- tunnels: the kernel's inner expression wraps each load of the packet inside a
 * tunnel. While inner loads and the matches on them are lifted, the inner packet's
 * protocol context replaces the outer one (its dependencies are dropped the same
 * way); the loaded fields are marked with their tunnel (`vxlan ip saddr`). */
static void swap_context(struct lift_state *st)
{
	struct lift_proto p = st->proto;
	struct lift_dep d[4];
	memcpy(d, st->dep, sizeof(d));
	st->proto = st->other_proto;
	memcpy(st->dep, st->other_dep, sizeof(d));
	st->other_proto = p;
	memcpy(st->other_dep, d, sizeof(d));
	st->in_tunnel = !st->in_tunnel;
}

static const struct tunnel_desc *tunnel_of_type(uint32_t type)
{
	for (const struct tunnel_desc *t = tunnel_all; t->name; t++)
		if (t->inner_type == type)
			return t;
	return NULL;
}

static void enter_tunnel(struct lift_state *st, const struct tunnel_desc *t)
{
	if (st->in_tunnel && st->inner_type == t->inner_type)
		return;
	if (st->in_tunnel)
		swap_context(st);
	if (!t->udp_port) {
		/* gre: the `meta l4proto gre` before it is implied by the tunnel */
		struct expr fake = { .kind = EXPR_PAYLOAD };
		fake.payload.base = PROTO_BASE_TRANSPORT;
		lift_dep_consume(st, &fake);
	}
	if (st->inner_type != t->inner_type) {
		memset(&st->other_proto, 0, sizeof(st->other_proto));
		memset(st->other_dep, 0, sizeof(st->other_dep));
		st->other_proto.icmp_type = -1;
		st->other_proto.ll = t->has_ll ? &proto_eth : NULL;
		st->inner_type = t->inner_type;
	}
	swap_context(st);
}

static int lift_load_or_stmt(struct lift_state *st, const struct vm_expr *v);

static int lift_inner(struct lift_state *st, const struct vm_expr *v)
{
	const struct tunnel_desc *t = tunnel_of_type(vm_get_u(v, NFTA_INNER_TYPE));
	if (!t || !vm_has(v, NFTA_INNER_EXPR) || v->a[NFTA_INNER_EXPR].exprs->n != 1)
		return -1;
	const struct vm_expr *l = &v->a[NFTA_INNER_EXPR].exprs->v[0];
	enter_tunnel(st, t);
	if (l->kind == VM_PAYLOAD && vm_has(l, NFTA_PAYLOAD_DREG) &&
	    vm_get_u(l, NFTA_PAYLOAD_BASE) == NFT_PAYLOAD_TUN_HEADER) {
		/* the tunnel's own header: vxlan vni */
		uint32_t off = vm_get_u(l, NFTA_PAYLOAD_OFFSET) * 8, len = vm_get_u(l, NFTA_PAYLOAD_LEN) * 8;
		const struct proto_field *f = proto_field_at(t->proto, off, len);
		if (!f)
			return -1;
		struct expr *e = expr_alloc(st->ctx->arena, EXPR_PAYLOAD, NULL);
		e->payload.proto = t->proto;
		e->payload.field = f;
		e->payload.base = PROTO_BASE_TUNNEL;
		e->payload.offset = off;
		e->dtype = f->dtype;
		e->byteorder = f->byteorder;
		e->len = f->len;
		lift_set_reg(st, vm_get_u(l, NFTA_PAYLOAD_DREG), e);
		return 0;
	}
	if (lift_load_or_stmt(st, l) < 0)
		return -1;
	if (l->kind == VM_PAYLOAD && vm_has(l, NFTA_PAYLOAD_DREG)) {
		int slot = lift_reg_slot(vm_get_u(l, NFTA_PAYLOAD_DREG));
		if (slot >= 0 && slot < LIFT_SLOTS && st->slot[slot] &&
		    st->slot[slot]->kind == EXPR_PAYLOAD) {
			struct expr *c = arena_memdup(st->ctx->arena, st->slot[slot], sizeof(*c));
			c->payload.tunnel = t->proto;
			st->slot[slot] = c;
		}
	}
	return 0;
}

/* Matches and register arithmetic stay in the context of the loads they work on. */
static bool keeps_context(enum vm_kind k)
{
	return k == VM_CMP || k == VM_BITWISE || k == VM_RANGE || k == VM_LOOKUP ||
	       k == VM_BYTEORDER;
}

int lift_rule(struct lift_ctx *ctx, const struct nl_rule *in, struct rule *out)
{
	struct lift_state st;
	memset(&st, 0, sizeof(st));
	st.proto.icmp_type = -1;
	memset(out, 0, sizeof(*out));
	st.ctx = ctx;
	st.table = in->table;
	st.rule = out;
	init_proto(&st);
	out->handle = in->prog.handle;
	if (in->prog.udata)
		out->comment = tlv_str(ctx->arena, in->prog.udata, in->prog.udata_len, UDATA_COMMENT);
	for (uint32_t i = 0; i < in->prog.exprs.n; i++) {
		const struct vm_expr *v = &in->prog.exprs.v[i];
		if (v->kind == VM_INNER) {
			if (lift_inner(&st, v) == 0)
				continue;
		} else if (st.in_tunnel && !keeps_context(v->kind)) {
			swap_context(&st);
		}
		if (lift_load_or_stmt(&st, v) < 0) {
			/* an expression we cannot fold: keep a placeholder */
			struct stmt *s = stmt_alloc(ctx->arena, STMT_XT, NULL);
			s->misc.u64 = v->kind;
			lift_add_stmt(&st, s);
		}
	}
	merge_ranges(ctx, out);
	return 0;
}

struct stmt_list *lift_exprs_stmts(struct lift_ctx *ctx, const struct vm_exprs *l)
{
	struct lift_state st;
	struct rule scratch;
	memset(&st, 0, sizeof(st));
	memset(&scratch, 0, sizeof(scratch));
	st.ctx = ctx;
	st.rule = &scratch;
	st.proto.icmp_type = -1;
	for (uint32_t i = 0; l && i < l->n; i++)
		lift_stmt(&st, &l->v[i]);
	struct stmt_list *out = arena_alloc(ctx->arena, sizeof(*out));
	*out = scratch.stmts;
	return out;
}
