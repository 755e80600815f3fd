/* Protocol dependencies: a header field can only be read once the rule has made
 * sure that header is there. Per family, nft inserts one match before the load:
 *   link (ether) ..... meta iiftype ether       (not in bridge)
 *   vlan ............. ether type vlan          (inner tags: after `vlan type 8021q`)
 *   network (ip/ip6) . meta nfproto (inet), meta protocol (bridge, netdev); vlan type
 *                      behind a vlan tag; ether type once ethernet is known (inet,
 *                      netdev)
 *   transport ........ meta l4proto; icmp/icmpv6 also their network header when none
 *                      is known, and the message type for fields that need one
 *                      (icmp mtu → type 3; icmp id → type { 0, 8 })
 * An earlier explicit match (ip protocol tcp, meta l4proto tcp, ether type vlan ...)
 * satisfies it; a header that contradicts an established one is an error. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "../util/nf_tables_uapi.h"
#include "../types/tunnel.h"

#define ARPHRD_ETHER_NUM 1
#define ETH_P_8021Q_NUM 0x8100
#define ETH_P_8021AD_NUM 0x88a8
#define VLAN_TYPE_OFFSET 16             /* bytes: ethernet header + vlan tci */
#define VLAN_TAG_BYTES 4                /* each tag inside the first moves it on */

static const struct proto_desc *network_implied(const struct rule_ctx *rc)
{
	if (rc->ps.network)
		return rc->ps.network;
	if (rc->family == NFPROTO_IPV4)
		return &proto_ip;
	if (rc->family == NFPROTO_IPV6)
		return &proto_ip6;
	if (rc->family == NFPROTO_ARP)
		return &proto_arp;
	return NULL;
}

static bool ll_implied(const struct rule_ctx *rc)
{
	return rc->ps.ll || rc->family == NFPROTO_BRIDGE;
}

/* The network header a transport header only exists on. */
static const struct proto_desc *transport_parent(const struct proto_desc *p)
{
	if (p == &proto_icmp || p == &proto_igmp)
		return &proto_ip;
	if (p == &proto_icmp6)
		return &proto_ip6;
	return NULL;
}

static int conflict(struct rule_ctx *rc, const struct expr *e, const struct proto_desc *have,
		    const struct proto_desc *want)
{
	return diag_error(rc->ec->errs, &e->loc, "conflicting protocols specified: %s vs. %s",
			  have->name, want->name);
}

static int check_network(struct rule_ctx *rc, const struct expr *e, const struct proto_desc *p)
{
	const struct proto_desc *have = network_implied(rc);

	if (have && have != p)
		return conflict(rc, e, have, p);
	return 0;
}

static int check_icmp_type(struct rule_ctx *rc, const struct expr *e);
static const struct tunnel_desc *payload_tunnel(const struct expr *e);

static int check_payload(struct rule_ctx *rc, const struct expr *e)
{
	const struct proto_desc *p = e->payload.proto;

	if (!p || e->payload.is_raw || p == &proto_th)
		return 0;
	switch (p->base) {
	case PROTO_BASE_LL:
		if (p == &proto_vlan && rc->ps.network && rc->ps.ll != &proto_vlan)
			return conflict(rc, e, &proto_eth, p);
		return 0;
	case PROTO_BASE_NETWORK:
		return check_network(rc, e, p);
	case PROTO_BASE_TRANSPORT: {
		const struct proto_desc *parent = transport_parent(p);
		/* icmp/icmpv6 only ask for their network header when none is known yet:
		 * `meta nfproto ipv6 icmp type ...` is accepted as nft does */
		(void)parent;
		if (rc->ps.transport == &proto_unknown_l4)
			return diag_error(rc->ec->errs, &e->loc, "conflicting transport layer "
					  "protocols specified: unknown vs. %s", p->name);
		if (rc->ps.transport && rc->ps.transport != p)
			return conflict(rc, e, rc->ps.transport, p);
		return check_icmp_type(rc, e);
	}
	default:
		return 0;
	}
}

int deps_check(struct rule_ctx *rc, struct expr *e)
{
	if (rc->typeof_key)
		return 0;
	if (expr_in_tunnel(e)) {
		/* inner headers have their own context; the tunnel needs its carrier */
		const struct tunnel_desc *t = payload_tunnel(e);
		if (t->udp_port && rc->ps.transport != &proto_udp)
			return diag_error(rc->ec->errs, &e->loc,
					  "%s header requires a udp dport match", t->name);
		return 0;
	}
	if (e->kind == EXPR_PAYLOAD)
		return check_payload(rc, e);
	return 0;
}

/* One dependency match: load into a scratch register, compare, free it. */
static void dep_match(struct rule_ctx *rc, uint32_t meta_key, const uint8_t *want,
		      uint32_t len, bool payload, uint32_t base, uint32_t off)
{
	uint32_t saved = rc->reg_next;

	if (payload && emit_merge_payload_cmp(rc, base, off, want, len))
		return;
	int reg = rule_reg_alloc(rc, len * 8);

	if (payload)
		emit_payload_load(rc, reg, base, off, len);
	else
		emit_meta_load(rc, reg, meta_key);
	emit_cmp(rc, reg, NFT_CMP_EQ, want, len);
	rc->reg_next = saved;
}

static void dep_iiftype(struct rule_ctx *rc)
{
	uint16_t t = ARPHRD_ETHER_NUM;       /* host order, as meta iiftype */
	uint8_t b[2];

	memcpy(b, &t, 2);
	dep_match(rc, NFT_META_IIFTYPE, b, 2, false, 0, 0);
	rc->ps.ll = &proto_eth;
}

static void dep_ether_type(struct rule_ctx *rc, uint16_t type)
{
	uint8_t b[2] = { (uint8_t)(type >> 8), (uint8_t)type };

	dep_match(rc, 0, b, 2, true, NFT_PAYLOAD_LL_HEADER, 12);
}

/* `via_ether`: the header is asked for by an icmp field, for which nft uses the
 * ethernet type field in bridge tables. */
static void dep_network(struct rule_ctx *rc, const struct proto_desc *p, bool via_ether)
{
	uint8_t et[2] = { (uint8_t)(p->ethertype >> 8), (uint8_t)p->ethertype };

	if (network_implied(rc) == p)
		return;
	if (rc->ps.ll == &proto_eth && (rc->family == NFPROTO_INET || rc->family == NFPROTO_NETDEV)) {
		/* inet/netdev with ethernet known from an earlier match: ether type */
		dep_ether_type(rc, (uint16_t)p->ethertype);
	} else if (via_ether && rc->family == NFPROTO_BRIDGE) {
		dep_ether_type(rc, (uint16_t)p->ethertype);
	} else if (rc->family == NFPROTO_INET) {
		uint8_t b[1] = { (uint8_t)p->nfproto };
		dep_match(rc, NFT_META_NFPROTO, b, 1, false, 0, 0);
	} else if (rc->family == NFPROTO_BRIDGE || rc->family == NFPROTO_NETDEV) {
		if (rc->ps.ll == &proto_vlan)   /* behind a vlan tag: the innermost's type */
			dep_match(rc, 0, et, 2, true, NFT_PAYLOAD_LL_HEADER,
				  VLAN_TYPE_OFFSET + VLAN_TAG_BYTES * deps_vlan_depth(rc));
		else
			dep_match(rc, NFT_META_PROTOCOL, et, 2, false, 0, 0);
	}
	rc->ps.network = p;
}

/* ICMP fields that only exist for some message types: nft first matches the type. */
#define DEP_ICMP_TYPE_KNOWN 1u
#define DEP_ICMP_TYPE_VALUE 2u          /* one known type, in bits 8..15 */

/* The message types a field needs come from proto_field_deps (types/proto.h). */
static const struct proto_field_dep *icmp_dep_of(const struct expr *e)
{
	if (!e->payload.field || !e->payload.proto)
		return NULL;
	return proto_field_dep_find(e->payload.proto, e->payload.field);
}

static int check_icmp_type(struct rule_ctx *rc, const struct expr *e)
{
	const struct proto_field_dep *d = icmp_dep_of(e);

	if (!d || !(rc->dep_flags & DEP_ICMP_TYPE_VALUE))
		return 0;
	uint8_t have = (uint8_t)(rc->dep_flags >> 8);
	for (uint8_t i = 0; i < d->ntypes; i++)
		if (d->types[i] == have)
			return 0;
	return diag_error(rc->ec->errs, &e->loc, "incompatible icmp match: rule has %u, need %u",
			  have, d->types[0]);
}

static void emit_icmp_type_dep(struct rule_ctx *rc, const struct expr *e)
{
	const struct proto_desc *p = e->payload.proto;
	const struct proto_field_dep *d = icmp_dep_of(e);

	if (!d || (rc->dep_flags & DEP_ICMP_TYPE_KNOWN))
		return;
	const struct proto_field *tf = proto_field_by_name(p, "type");
	if (!tf)
		return;
	struct arena *a = rc->ec->arena;
	struct expr *type = expr_alloc(a, EXPR_PAYLOAD, &e->loc);
	type->payload.proto = p;
	type->payload.field = tf;
	if (eval_lhs(rc, type) < 0)
		return;
	uint32_t saved = rc->reg_next;
	if (d->ntypes == 1) {
		int reg = rule_reg_alloc(rc, 8);
		emit_payload_load(rc, reg, p->base, tf->offset / 8, 1);
		emit_cmp(rc, reg, NFT_CMP_EQ, d->types, 1);
	} else {
		struct expr *set = expr_alloc(a, EXPR_SET, &e->loc);
		for (uint8_t i = 0; i < d->ntypes; i++) {
			struct expr *el = expr_alloc(a, EXPR_SET_ELEM, &e->loc);
			el->elem.key = expr_value(a, &e->loc, tf->dtype, BYTEORDER_BIG, 8,
						  &d->types[i]);
			expr_list_add(a, &set->list, el);
		}
		struct nl_set *ns = lower_anon_set(rc, set, type, NULL, false);
		if (ns) {
			int reg = rule_reg_alloc(rc, 8);
			emit_payload_load(rc, reg, p->base, tf->offset / 8, 1);
			emit_lookup(rc, reg, -1, ns->name, ns->id, false);
		}
	}
	rc->reg_next = saved;
	rc->dep_flags |= DEP_ICMP_TYPE_KNOWN;
}

void deps_learn_lookup(struct rule_ctx *rc, const struct expr *lhs, bool inv)
{
	if (!inv && lhs->kind == EXPR_PAYLOAD && lhs->payload.field &&
	    (lhs->payload.proto == &proto_icmp || lhs->payload.proto == &proto_icmp6) &&
	    !strcmp(lhs->payload.field->name, "type"))
		rc->dep_flags |= DEP_ICMP_TYPE_KNOWN;
}

/* `meta protocol ip udp dport 67` in an ip table: once a transport match needs its
 * dependency, nft drops the explicit `meta protocol ip`, which the family implies.
 * The match's position is kept in dep_flags (bits 24..31, index + 1). */
#define DEP_PROTO_POS_SHIFT 24
#define DEP_PROTO_POS_MASK (0xffu << DEP_PROTO_POS_SHIFT)

static void remember_implied_protocol(struct rule_ctx *rc, uint64_t v)
{
	uint32_t n = rc->rule->prog.exprs.n;

	if (!((rc->family == NFPROTO_IPV4 && v == proto_ip.ethertype) ||
	      (rc->family == NFPROTO_IPV6 && v == proto_ip6.ethertype)) || n < 2 || n > 0xfe)
		return;
	rc->dep_flags = (rc->dep_flags & ~DEP_PROTO_POS_MASK) | (n - 2 + 1) << DEP_PROTO_POS_SHIFT;
}

static void drop_implied_protocol(struct rule_ctx *rc)
{
	struct vm_exprs *l = &rc->rule->prog.exprs;
	uint32_t pos = (rc->dep_flags & DEP_PROTO_POS_MASK) >> DEP_PROTO_POS_SHIFT;

	rc->dep_flags &= ~DEP_PROTO_POS_MASK;
	if (!pos || pos + 1 > l->n)
		return;
	uint32_t i = pos - 1;
	if (l->v[i].kind != VM_META || vm_get_u(&l->v[i], NFTA_META_KEY) != NFT_META_PROTOCOL ||
	    l->v[i + 1].kind != VM_CMP)
		return;
	memmove(&l->v[i], &l->v[i + 2], (l->n - i - 2) * sizeof(l->v[0]));
	l->n -= 2;
}

static void emit_payload_dep(struct rule_ctx *rc, const struct expr *e)
{
	const struct proto_desc *p = e->payload.proto;

	if (!p || e->payload.is_raw || p == &proto_th)
		return;
	switch (p->base) {
	case PROTO_BASE_LL:
		if (!ll_implied(rc))
			dep_iiftype(rc);
		if (p == &proto_vlan && rc->ps.ll != &proto_vlan) {
			dep_ether_type(rc, ETH_P_8021Q_NUM);
			rc->ps.ll = &proto_vlan;
		}
		if (!rc->ps.ll && p == &proto_eth)
			rc->ps.ll = &proto_eth;
		return;
	case PROTO_BASE_NETWORK:
		dep_network(rc, p, false);
		return;
	case PROTO_BASE_TRANSPORT: {
		const struct proto_desc *parent = transport_parent(p);
		if (parent && rc->ps.transport != p && !network_implied(rc))
			dep_network(rc, parent, true);
		if (rc->ps.transport != p) {
			uint8_t b[1] = { (uint8_t)p->l4proto };
			drop_implied_protocol(rc);
			dep_match(rc, NFT_META_L4PROTO, b, 1, false, 0, 0);
			rc->ps.transport = p;
		}
		if (p == &proto_icmp || p == &proto_icmp6)
			emit_icmp_type_dep(rc, e);
		return;
	}
	default:
		return;
	}
}

/* ---- tunnels: `vxlan ip saddr` reads the packet inside the tunnel through the
 * kernel's inner expression, which wraps each load; the dependencies of inner
 * fields are inner loads too, the tunnel itself needs udp (written by the user)
 * or gre (added here) outside. */
#define INNER_F_HDRSIZE 1
#define INNER_F_LL 2
#define INNER_F_NH 4
#define INNER_F_TH 8

static const struct tunnel_desc *payload_tunnel(const struct expr *e)
{
	if (e->kind != EXPR_PAYLOAD)
		return NULL;
	if (e->payload.tunnel)
		return tunnel_by_proto(e->payload.tunnel);
	if (e->payload.base == PROTO_BASE_TUNNEL && e->payload.proto)
		return tunnel_by_proto(e->payload.proto);
	return NULL;
}

bool expr_in_tunnel(const struct expr *e)
{
	return payload_tunnel(e) != NULL;
}

/* Move the expressions emitted since `mark` into one inner expression. */
static void wrap_inner(struct rule_ctx *rc, const struct tunnel_desc *t, uint32_t mark)
{
	struct vm_exprs *p = &rc->rule->prog.exprs;
	struct vm_exprs *nested = arena_alloc(rc->ec->arena, sizeof(*nested));
	memset(nested, 0, sizeof(*nested));
	for (uint32_t j = mark; j < p->n; j++) {
		struct vm_expr *c = vm_exprs_add(rc->ec->arena, nested, p->v[j].kind);
		*c = p->v[j];
	}
	p->n = mark;
	struct vm_expr *e = emit(rc, VM_INNER);
	uint32_t flags = INNER_F_NH | INNER_F_TH | (t->has_ll ? INNER_F_LL : 0) |
			 (t->udp_port ? INNER_F_HDRSIZE : 0);
	vm_set_u(e, NFTA_INNER_NUM, 0);
	vm_set_u(e, NFTA_INNER_TYPE, t->inner_type);
	vm_set_u(e, NFTA_INNER_FLAGS, flags);
	vm_set_u(e, NFTA_INNER_HDRSIZE, t->hdrsize);
	e->a[NFTA_INNER_EXPR].exprs = nested;
	e->present |= 1u << NFTA_INNER_EXPR;
}

void emit_field_load(struct rule_ctx *rc, const struct expr *e, int reg, uint32_t off,
		     uint32_t len)
{
	const struct tunnel_desc *t = payload_tunnel(e);
	uint32_t mark = rc->rule->prog.exprs.n;
	emit_payload_load(rc, reg, e->payload.base, off, len);
	if (t)
		wrap_inner(rc, t, mark);
}

/* An inner dependency already matched earlier in the rule (`vxlan ip saddr .
 * vxlan ip daddr` needs one `meta protocol ip`). */
static bool inner_dep_done(struct rule_ctx *rc, const struct tunnel_desc *t, bool payload,
			   uint32_t key, const uint8_t *want, uint32_t len)
{
	const struct vm_exprs *p = &rc->rule->prog.exprs;
	for (uint32_t i = 0; i + 1 < p->n; i++) {
		const struct vm_expr *v = &p->v[i];
		if (v->kind != VM_INNER || vm_get_u(v, NFTA_INNER_TYPE) != t->inner_type ||
		    !vm_has(v, NFTA_INNER_EXPR) || v->a[NFTA_INNER_EXPR].exprs->n != 1)
			continue;
		const struct vm_expr *l = &v->a[NFTA_INNER_EXPR].exprs->v[0];
		if (payload ? l->kind != VM_PAYLOAD || vm_get_u(l, NFTA_PAYLOAD_OFFSET) != key
			    : l->kind != VM_META || vm_get_u(l, NFTA_META_KEY) != key)
			continue;
		const struct vm_data *d = vm_get_data(&p->v[i + 1], NFTA_CMP_DATA);
		if (p->v[i + 1].kind == VM_CMP && d && d->len == len && !memcmp(d->bytes, want, len))
			return true;
	}
	return false;
}

/* payload: link header offset `key`; else meta key `key` */
static void inner_dep(struct rule_ctx *rc, const struct tunnel_desc *t, bool payload, uint32_t key,
		      const uint8_t *want, uint32_t len)
{
	if (inner_dep_done(rc, t, payload, key, want, len))
		return;
	uint32_t saved = rc->reg_next;
	int reg = rule_reg_alloc(rc, len * 8);
	uint32_t mark = rc->rule->prog.exprs.n;
	if (payload)
		emit_payload_load(rc, reg, NFT_PAYLOAD_LL_HEADER, key, len);
	else
		emit_meta_load(rc, reg, key);
	wrap_inner(rc, t, mark);
	emit_cmp(rc, reg, NFT_CMP_EQ, want, len);
	rc->reg_next = saved;
}

static void tunnel_deps(struct rule_ctx *rc, const struct expr *e, const struct tunnel_desc *t)
{
	if (!t->udp_port && rc->ps.transport != &proto_gre) {
		uint8_t b[1] = { IPPROTO_GRE };
		dep_match(rc, NFT_META_L4PROTO, b, 1, false, 0, 0);
		rc->ps.transport = &proto_gre;
	}
	const struct proto_desc *p = e->payload.proto;
	if (!e->payload.tunnel || !p)
		return;                          /* the tunnel's own header (vxlan vni) */
	if (p == &proto_vlan) {
		uint8_t et[2] = { 0x81, 0x00 };
		inner_dep(rc, t, true, 12, et, 2);
		return;
	}
	const struct proto_desc *net = p->base == PROTO_BASE_NETWORK ? p : transport_parent(p);
	if (net) {
		uint8_t et[2] = { (uint8_t)(net->ethertype >> 8), (uint8_t)net->ethertype };
		if (p != net && t->has_ll)
			inner_dep(rc, t, true, 12, et, 2);
		else
			inner_dep(rc, t, false, NFT_META_PROTOCOL, et, 2);
	}
	if (p->base == PROTO_BASE_TRANSPORT && p->l4proto) {
		uint8_t b[1] = { (uint8_t)p->l4proto };
		inner_dep(rc, t, false, NFT_META_L4PROTO, b, 1);
	}
}

int deps_emit(struct rule_ctx *rc, struct expr *e)
{
	switch (e->kind) {
	case EXPR_PAYLOAD:
		if (payload_tunnel(e)) {
			tunnel_deps(rc, e, payload_tunnel(e));
			return 0;
		}
		emit_payload_dep(rc, e);
		return 0;
	case EXPR_EXTHDR:
		/* ipv6 extension headers need ip6, ip options ip (by the ether type in
		 * bridge tables, as nft does); tcp options need nothing more */
		if (e->exthdr.op == NFT_EXTHDR_OP_IPV6)
			dep_network(rc, &proto_ip6, true);
		else if (e->exthdr.op == NFT_EXTHDR_OP_IPV4)
			dep_network(rc, &proto_ip, true);
		return 0;
	case EXPR_CONCAT:
		for (uint32_t i = 0; i < e->list.n; i++)
			deps_emit(rc, e->list.v[i]);
		return 0;
	case EXPR_BINOP:
		return deps_emit(rc, e->bin.left);
	default:
		return 0;
	}
}

/* nft evaluates an extension header's own dependency (meta nfproto ipv6 in inet) as a
 * statement of its own, which forgets that the field is a set's key: that one field
 * is then not converted to host order before it is shifted down. */
const struct expr *deps_emit_key(struct rule_ctx *rc, struct expr *key)
{
	struct expr **parts = key->kind == EXPR_CONCAT ? key->list.v : &key;
	uint32_t n = key->kind == EXPR_CONCAT ? key->list.n : 1;
	const struct expr *own = NULL;

	for (uint32_t i = 0; i < n; i++) {
		bool known = network_implied(rc) != NULL;
		deps_emit(rc, parts[i]);
		if (!own && !known && parts[i]->kind == EXPR_EXTHDR && network_implied(rc))
			own = parts[i];
	}
	return own;
}

static const struct proto_desc *by_l4proto(uint64_t v)
{
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->base == PROTO_BASE_TRANSPORT && (*p)->l4proto == v && *p != &proto_th)
			return *p;
	return NULL;
}

static const struct proto_desc *by_ethertype(uint64_t v)
{
	if (v == ETH_P_8021Q_NUM || v == ETH_P_8021AD_NUM)
		return &proto_vlan;
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->base == PROTO_BASE_NETWORK && (*p)->ethertype == v)
			return *p;
	return NULL;
}

static const struct proto_desc *by_nfproto(uint64_t v)
{
	if (v == NFPROTO_IPV4)
		return &proto_ip;
	if (v == NFPROTO_IPV6)
		return &proto_ip6;
	return NULL;
}

#define DEP_VLAN_DEPTH_SHIFT 16
#define DEP_VLAN_DEPTH_MASK (0xfu << DEP_VLAN_DEPTH_SHIFT)

uint32_t deps_vlan_depth(const struct rule_ctx *rc)
{
	return (rc->dep_flags & DEP_VLAN_DEPTH_MASK) >> DEP_VLAN_DEPTH_SHIFT;
}

static void learn_ethertype(struct rule_ctx *rc, uint64_t v, bool from_vlan)
{
	const struct proto_desc *p = by_ethertype(v);

	if (p == &proto_vlan && from_vlan && deps_vlan_depth(rc) < 0xf)
		rc->dep_flags += 1u << DEP_VLAN_DEPTH_SHIFT;   /* another tag inside */
	if (p == &proto_vlan)
		rc->ps.ll = p;
	else if (p)
		rc->ps.network = p;
}

void deps_learn(struct rule_ctx *rc, const struct expr *lhs, const struct expr *val)
{
	if (!val || val->kind != EXPR_VALUE || expr_in_tunnel(lhs))
		return;
	uint64_t v = value_uint(val);

	if (lhs->kind == EXPR_META && lhs->meta.key) {
		switch (lhs->meta.key->key) {
		case NFT_META_L4PROTO:
			if (by_l4proto(v))
				rc->ps.transport = by_l4proto(v);
			break;
		case NFT_META_NFPROTO:
			if (by_nfproto(v))
				rc->ps.network = by_nfproto(v);
			break;
		case NFT_META_PROTOCOL:
			learn_ethertype(rc, v, false);
			remember_implied_protocol(rc, v);
			break;
		case NFT_META_IIFTYPE:
			if (v == ARPHRD_ETHER_NUM && !rc->ps.ll)
				rc->ps.ll = &proto_eth;
			break;
		}
		return;
	}
	if (lhs->kind != EXPR_PAYLOAD || !lhs->payload.proto || !lhs->payload.field)
		return;
	const struct proto_desc *p = lhs->payload.proto;
	deps_learn_lookup(rc, lhs, false);
	if ((p == &proto_icmp || p == &proto_icmp6) && !strcmp(lhs->payload.field->name, "type"))
		rc->dep_flags = (rc->dep_flags & 0xffu) | DEP_ICMP_TYPE_VALUE | (uint32_t)(v & 0xff) << 8;
	if (p->protocol_field < 0 || lhs->payload.field != &p->fields[p->protocol_field])
		return;
	if (p->base == PROTO_BASE_NETWORK) {
		if (by_l4proto(v))
			rc->ps.transport = by_l4proto(v);
	} else if (p->base == PROTO_BASE_LL) {
		learn_ethertype(rc, v, p == &proto_vlan);
	}
}
