/* snat/dnat/masquerade/redirect → nat/masq/redir expressions.
 *
 * Addresses and ports become immediates (ranges and prefixes as min/max registers);
 * a map (`snat ip to ip saddr map { ... }`) becomes a lookup whose data register holds
 * the address, and for `addr . port` or interval data the port and the range ends in
 * the 32-bit registers that follow, laid out as [addr_min port_min addr_max port_max]. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include "eval_stmt.h"
#include "eval_set_decl.h"
#include "lower_expr.h"

/* stmt->nat.type_flags bits (the parser's record of the syntax used) */
enum { NAT_TF_INTERVAL = 1, NAT_TF_PREFIX = 2, NAT_TF_CONCAT = 4 };

/* Data layout of a nat map. */
struct nat_map_shape {
	bool concat;     /* addr . port */
	bool interval;   /* ranges/prefixes in the data: min and max halves */
};

static uint32_t reg32_of(int reg)
{
	/* NFT_REG_1..4 (16 bytes) start at 32-bit register 8 + 4*(n-1) */
	if (reg >= VM_REG32_00)
		return (uint32_t)reg;
	return VM_REG32_00 + ((uint32_t)reg - 1) * 4;
}

static uint32_t reg_at(int base, uint32_t word)
{
	return word == 0 ? (uint32_t)base : reg32_of(base) + word;
}

/* nft gives each nat operand a whole 128-bit register (reg 1, reg 2 ...). */
static int nat_value(struct rule_ctx *rc, struct expr *e, const struct datatype *dt,
		     uint32_t len, enum byteorder bo)
{
	rc->reg_next = (rc->reg_next + 3) & ~3u;
	return eval_lower_value(rc, e, dt, len, bo);
}

static bool rule_matched_l4proto(const struct rule_ctx *rc);

static bool is_interval_expr(const struct expr *e)
{
	return e && (e->kind == EXPR_RANGE || e->kind == EXPR_PREFIX);
}

static void nat_map_shape_of_set(const struct expr *set, struct nat_map_shape *sh)
{
	for (uint32_t i = 0; set && i < set->list.n; i++) {
		const struct expr *m = set->list.v[i];
		if (m->kind != EXPR_MAPPING || !m->bin.right)
			continue;
		const struct expr *d = m->bin.right;
		if (d->kind == EXPR_CONCAT) {
			sh->concat = true;
			for (uint32_t j = 0; j < d->list.n; j++)
				if (is_interval_expr(d->list.v[j]))
					sh->interval = true;
		} else if (is_interval_expr(d)) {
			sh->interval = true;
		}
	}
}

static const struct datatype *nat_addr_dtype(uint32_t family)
{
	return family == NFPROTO_IPV6 ? &dt_ip6addr : &dt_ipaddr;
}

/* The statement's keyword, which nft underlines (`~`) beside the place of an error in
 * its arguments. */
static struct loc nat_keyword(const struct stmt *s)
{
	static const char *const words[] = { [NAT_SNAT] = "snat", [NAT_DNAT] = "dnat",
					     [NAT_MASQ] = "masquerade", [NAT_REDIR] = "redirect" };
	struct loc at = s->loc;
	at.last_col = at.first_col + (uint32_t)strlen(words[s->nat.type]) - 1;
	at.last_line = at.line;
	return at;
}

static int l4_mapping_error(struct rule_ctx *rc, const struct stmt *s, const struct loc *at)
{
	struct loc kw = nat_keyword(s);
	return diag_error_also(rc->ec->errs, at, &kw, "transport protocol mapping is only "
			       "valid after transport protocol match");
}

/* The network header a map's key reads (`dnat to ip daddr . tcp dport map { … }`):
 * nft learns it as it evaluates the key, before it needs the nat family. */
static uint32_t key_network_family(const struct expr *addr)
{
	if (!addr || addr->kind != EXPR_MAP || !addr->bin.left)
		return 0;
	const struct expr *k = addr->bin.left;
	uint32_t n = k->kind == EXPR_CONCAT ? k->list.n : 1;
	for (uint32_t i = 0; i < n; i++) {
		const struct expr *p = k->kind == EXPR_CONCAT ? k->list.v[i] : k;
		if (p->kind != EXPR_PAYLOAD || !p->payload.proto)
			continue;
		if (p->payload.proto == &proto_ip)
			return NFPROTO_IPV4;
		if (p->payload.proto == &proto_ip6)
			return NFPROTO_IPV6;
	}
	return 0;
}

/* The nat family: table family, or for inet the written/implied one. */
static int nat_family(struct rule_ctx *rc, struct stmt *s, uint32_t *out)
{
	if (rc->family == NFPROTO_IPV4 || rc->family == NFPROTO_IPV6) {
		if (s->nat.family && s->nat.family != rc->family)
			return diag_error(rc->ec->errs, &s->loc,
					  "conflicting protocols specified: %s vs. %s",
					  family_name(rc->family), family_name(s->nat.family));
		*out = rc->family;
		return 0;
	}
	if (rc->family != NFPROTO_INET)
		return diag_error(rc->ec->errs, &s->loc,
				  "NAT is only supported for IPv4/IPv6");
	if (s->nat.family == NFPROTO_IPV4 || s->nat.family == NFPROTO_IPV6) {
		if (rc->ps.network && rc->ps.network->nfproto &&
		    rc->ps.network->nfproto != s->nat.family)
			return diag_error(rc->ec->errs, &s->loc,
					  "conflicting protocols specified: %s vs. %s",
					  rc->ps.network->name,
					  s->nat.family == NFPROTO_IPV4 ? "ip" : "ip6");
		*out = s->nat.family;
		return 0;
	}
	if (rc->ps.network && (rc->ps.network->nfproto == NFPROTO_IPV4 ||
			       rc->ps.network->nfproto == NFPROTO_IPV6)) {
		*out = rc->ps.network->nfproto;
		return 0;
	}
	uint32_t from_key = key_network_family(s->nat.addr);
	if (from_key) {
		*out = from_key;
		return 0;
	}
	if (s->nat.addr) {
		/* nft points at the statement's keyword */
		const char *kw = s->nat.type == NAT_SNAT ? "snat" : "dnat";
		struct loc at = nat_keyword(s);
		return diag_error(rc->ec->errs, &at, "specify `%s ip' or '%s ip6' in inet table "
				  "to disambiguate", kw, kw);
	}
	*out = NFPROTO_INET;
	return 0;
}

/* Prefix → [first, last] address values. */
static int prefix_bounds(struct rule_ctx *rc, struct expr *p, struct expr **lo,
			 struct expr **hi)
{
	struct expr *base = p->bin.left;
	if (!base || base->kind != EXPR_VALUE)
		return diag_error(rc->ec->errs, &p->loc, "invalid prefix");
	uint32_t bytes = (base->len + 7) / 8, plen = p->bin.prefix_len;
	struct value a = base->value, b = base->value;
	for (uint32_t i = 0; i < bytes; i++) {
		uint32_t bit0 = i * 8;
		uint8_t mask;
		if (plen >= bit0 + 8)
			mask = 0xff;
		else if (plen <= bit0)
			mask = 0;
		else
			mask = (uint8_t)(0xff << (8 - (plen - bit0)));
		a.bytes[i] &= mask;
		b.bytes[i] |= (uint8_t)~mask;
	}
	*lo = expr_value(rc->ec->arena, &p->loc, base->dtype, base->byteorder, base->len, a.bytes);
	*hi = expr_value(rc->ec->arena, &p->loc, base->dtype, base->byteorder, base->len, b.bytes);
	return 0;
}

/* A constant address, range or prefix → min (and max) registers. */
static int nat_addr_const(struct rule_ctx *rc, struct stmt *s, uint32_t family,
			  int *rmin, int *rmax)
{
	const struct datatype *dt = nat_addr_dtype(family);
	uint32_t len = dt->size;
	struct expr *a = s->nat.addr;
	*rmax = -1;
	if (a->kind == EXPR_RANGE) {
		if (eval_constant(rc, &s->nat.addr, dt, len, BYTEORDER_BIG) < 0)
			return -1;
		a = s->nat.addr;
		if (a->kind == EXPR_RANGE) {
			*rmin = nat_value(rc, a->bin.left, dt, len, BYTEORDER_BIG);
			if (*rmin < 0)
				return -1;
			*rmax = nat_value(rc, a->bin.right, dt, len, BYTEORDER_BIG);
			return *rmax < 0 ? -1 : 0;
		}
	}
	if (a->kind == EXPR_PREFIX) {
		if (eval_constant(rc, &s->nat.addr, dt, len, BYTEORDER_BIG) < 0)
			return -1;
		a = s->nat.addr;
		if (a->kind == EXPR_PREFIX) {
			struct expr *lo = NULL, *hi = NULL;
			if (prefix_bounds(rc, a, &lo, &hi) < 0)
				return -1;
			*rmin = nat_value(rc, lo, dt, len, BYTEORDER_BIG);
			if (*rmin < 0)
				return -1;
			*rmax = nat_value(rc, hi, dt, len, BYTEORDER_BIG);
			return *rmax < 0 ? -1 : 0;
		}
	}
	*rmin = nat_value(rc, s->nat.addr, dt, len, BYTEORDER_BIG);
	return *rmin < 0 ? -1 : 0;
}

/* One part of an interval map's data (address or port) → its [min, max] values. */
static int nat_part_bounds(struct rule_ctx *rc, struct expr **part, const struct datatype *dt,
			   uint32_t len, struct expr **lo, struct expr **hi)
{
	if (eval_constant(rc, part, dt, len, BYTEORDER_BIG) < 0)
		return -1;
	struct expr *p = *part;
	switch (p->kind) {
	case EXPR_RANGE:
		*lo = p->bin.left;
		*hi = p->bin.right;
		return 0;
	case EXPR_PREFIX:
		return prefix_bounds(rc, p, lo, hi);
	case EXPR_VALUE:
		*lo = *hi = p;
		return 0;
	default:
		return diag_error(rc->ec->errs, &p->loc, "Expected a constant value");
	}
}

/* Interval data is sent as [addr_min (port_min) addr_max (port_max)]: rewrite each
 * element's data as that flat concatenation of constants. */
static int nat_flatten_interval_data(struct rule_ctx *rc, struct expr *set, uint32_t family,
				     bool concat)
{
	struct arena *a = rc->ec->arena;
	const struct datatype *adt = nat_addr_dtype(family);
	for (uint32_t i = 0; i < set->list.n; i++) {
		struct expr *m = set->list.v[i];
		if (m->kind != EXPR_MAPPING || !m->bin.right)
			continue;
		struct expr *d = m->bin.right;
		struct expr *alo, *ahi, *plo = NULL, *phi = NULL;
		if (concat) {
			if (d->kind != EXPR_CONCAT || d->list.n != 2)
				return diag_error(rc->ec->errs, &d->loc,
						  "expected address . port");
			if (nat_part_bounds(rc, &d->list.v[0], adt, adt->size, &alo, &ahi) < 0 ||
			    nat_part_bounds(rc, &d->list.v[1], &dt_inet_service, 16, &plo, &phi) < 0)
				return -1;
		} else if (nat_part_bounds(rc, &m->bin.right, adt, adt->size, &alo, &ahi) < 0) {
			return -1;
		}
		struct expr *flat = expr_alloc(a, EXPR_CONCAT, &d->loc);
		expr_list_add(a, &flat->list, alo);
		if (plo)
			expr_list_add(a, &flat->list, plo);
		expr_list_add(a, &flat->list, ahi);
		if (phi)
			expr_list_add(a, &flat->list, phi);
		m->bin.right = flat;
	}
	return 0;
}

static struct expr *nat_data_template(struct rule_ctx *rc, uint32_t family,
				      const struct nat_map_shape *sh)
{
	struct eval_ctx *ec = rc->ec;
	const struct datatype *dt = nat_addr_dtype(family);
	if (!sh->concat && !sh->interval)
		return set_template_of_dtype(ec, dt, dt->size);
	struct expr *t = expr_alloc(ec->arena, EXPR_CONCAT, NULL);
	uint32_t halves = sh->interval ? 2 : 1, bytes = 0;
	for (uint32_t h = 0; h < halves; h++) {
		expr_list_add(ec->arena, &t->list, set_template_of_dtype(ec, dt, dt->size));
		bytes += (dt->size / 8 + 3) / 4 * 4;
		if (sh->concat) {
			expr_list_add(ec->arena, &t->list,
				      set_template_of_dtype(ec, &dt_inet_service, 16));
			bytes += 4;
		}
	}
	t->len = bytes * 8;
	return t;
}

/* A named map's data must be what the nat statement takes: the family's address, or
 * `address . inet_service`; nft says which part is not, at the map's declaration
 * when the batch declares it. */
static int nat_map_data_check(struct rule_ctx *rc, const struct stmt *s, const struct expr *m,
			      const struct expr *d, uint32_t family)
{
	const struct datatype *want = nat_addr_dtype(family);
	const struct expr *bad = NULL;
	const struct datatype *bad_want = want;
	if (d->kind == EXPR_CONCAT) {
		if (d->list.n != 2 || !d->list.v[0]->dtype || d->list.v[0]->dtype->id != want->id)
			bad = d->list.n ? d->list.v[0] : d;
		else if (!d->list.v[1]->dtype || d->list.v[1]->dtype->id != TYPE_INET_SERVICE) {
			bad = d->list.v[1];
			bad_want = &dt_inet_service;
		}
	} else if (d->dtype && d->dtype->id != want->id) {
		bad = d;
	}
	if (!bad || !bad->dtype)
		return 0;
	/* a plain address is wrong at the rule, a part of a concatenation at its place */
	const struct loc *at = bad != d && bad->loc.src ? &bad->loc : &m->loc;
	struct loc kw = nat_keyword(s);
	return diag_error_also(rc->ec->errs, at, &kw, "datatype mismatch: expected %s, "
			       "expression has type %s", bad_want->desc, bad->dtype->desc);
}

/* `... to KEY map { ... }` / `map @name`: lookup with a data register. */
static int nat_addr_map(struct rule_ctx *rc, struct stmt *s, uint32_t family,
			struct nat_map_shape *sh)
{
	struct expr *m = s->nat.addr;
	struct expr *key = m->bin.left, *set = m->bin.right;
	if (!set || set->kind != EXPR_SET) {
		/* named map: its declared data type tells the layout */
		if (set && set->kind == EXPR_SET_REF && rc->ec->cache && rc->ec->cache->find_set) {
			const struct known_set *k = rc->ec->cache->find_set(
				rc->ec->cache_priv, rc->family, rc->table, set->setref.name);
			if (k && k->data_expr) {
				sh->concat = k->data_expr->kind == EXPR_CONCAT;
				sh->interval = (k->data_expr->flags & EXPR_F_INTERVAL) != 0;
				if (nat_map_data_check(rc, s, m, k->data_expr, family) < 0)
					return -1;
			}
		}
		const struct datatype *dt = nat_addr_dtype(family);
		int reg = eval_lower_value(rc, m, dt, dt->size, BYTEORDER_BIG);
		/* after the key, whose own fields may bring the transport (`tcp dport`) */
		if (reg >= 0 && sh->concat && !rc->ps.transport && !rule_matched_l4proto(rc))
			return l4_mapping_error(rc, s, &m->loc);
		return reg;
	}
	nat_map_shape_of_set(set, sh);
	if (sh->interval && nat_flatten_interval_data(rc, set, family, sh->concat) < 0)
		return -1;
	if (eval_lhs(rc, key) < 0)
		return -1;
	struct expr *data = nat_data_template(rc, family, sh);
	uint32_t regs_before = rc->reg_next;
	int sreg = lower_load(rc, key);
	if (sreg < 0)
		return -1;
	if (sh->concat && !rc->ps.transport && !rule_matched_l4proto(rc))
		return l4_mapping_error(rc, s, &m->loc);
	struct nl_set *ns = lower_anon_set(rc, set, key, data, false);
	if (!ns)
		return -1;
	if ((ns->flags & NFT_SET_INTERVAL) && key->kind != EXPR_CONCAT) {
		/* interval keys are big endian: convert a host-order key (numgen, mark) */
		struct lhs_shape ksh;
		lhs_shape_of(key, &ksh);
		if (lhs_needs_hton(key, &ksh))
			emit_hton(rc, sreg, ksh.bytes);
	}
	/* the lookup consumes the key before writing its data: nft reuses the registers */
	rc->reg_next = regs_before;
	int dreg = rule_reg_alloc(rc, data->len ? data->len : 32);
	if (dreg < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_LOOKUP);
	vm_set_str(e, NFTA_LOOKUP_SET, ns->name);
	vm_set_u(e, NFTA_LOOKUP_SREG, (uint64_t)sreg);
	vm_set_u(e, NFTA_LOOKUP_DREG, (uint64_t)dreg);
	vm_set_u(e, NFTA_LOOKUP_SET_ID, ns->id);
	return dreg;
}

/* True if an earlier statement of the rule matched the transport protocol, also with
 * a set (`meta l4proto { tcp, udp }`), which leaves no single protocol context. */
static bool rule_matched_l4proto(const struct rule_ctx *rc)
{
	if (!rc->cmd || rc->cmd->obj != OBJ_RULE || !rc->cmd->rule)
		return false;
	const struct stmt_list *l = &rc->cmd->rule->stmts;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct stmt *st = l->v[i];
		if (st->kind == STMT_NAT)
			break;
		if (st->kind != STMT_EXPR || !st->expr || st->expr->kind != EXPR_RELATION)
			continue;
		const struct expr *left = st->expr->bin.left;
		if (!left)
			continue;
		if (left->kind == EXPR_META && left->meta.key &&
		    !strcmp(left->meta.key->name, "l4proto"))
			return true;
		if (left->kind == EXPR_PAYLOAD && left->payload.field && left->payload.proto &&
		    ((!strcmp(left->payload.proto->name, "ip") &&
		      !strcmp(left->payload.field->name, "protocol")) ||
		     (!strcmp(left->payload.proto->name, "ip6") &&
		      !strcmp(left->payload.field->name, "nexthdr"))))
			return true;
	}
	return false;
}

/* The port part: constant, range, or an expression (map) → registers. */
static int nat_proto(struct rule_ctx *rc, struct stmt *s, int *pmin, int *pmax)
{
	struct expr *p = s->nat.proto;
	*pmin = *pmax = -1;
	if (!p)
		return 0;
	/* a constant port needs a transport match before it; an expression (a map on
	 * `tcp dport`) brings its own dependency */
	if (!rc->ps.transport && (p->kind == EXPR_SYMBOL || p->kind == EXPR_VALUE ||
				  p->kind == EXPR_RANGE) && !rule_matched_l4proto(rc))
		return l4_mapping_error(rc, s, &p->loc);
	if (p->kind == EXPR_RANGE) {
		if (eval_constant(rc, &s->nat.proto, &dt_inet_service, 16, BYTEORDER_BIG) < 0)
			return -1;
		p = s->nat.proto;
		if (p->kind == EXPR_RANGE) {
			*pmin = nat_value(rc, p->bin.left, &dt_inet_service, 16,
						 BYTEORDER_BIG);
			if (*pmin < 0)
				return -1;
			*pmax = nat_value(rc, p->bin.right, &dt_inet_service, 16,
						 BYTEORDER_BIG);
			return *pmax < 0 ? -1 : 0;
		}
	}
	*pmin = nat_value(rc, s->nat.proto, &dt_inet_service, 16, BYTEORDER_BIG);
	return *pmin < 0 ? -1 : 0;
}

/* The port registers and flags of nat, masquerade and redirect: each attribute is
 * sent only when set (a register >= 0, flags != 0). */
struct nat_proto_attrs {
	unsigned proto_min, proto_max, flags;
};
static const struct nat_proto_attrs nat_attrs = {
	NFTA_NAT_REG_PROTO_MIN, NFTA_NAT_REG_PROTO_MAX, NFTA_NAT_FLAGS,
};
static const struct nat_proto_attrs masq_attrs = {
	NFTA_MASQ_REG_PROTO_MIN, NFTA_MASQ_REG_PROTO_MAX, NFTA_MASQ_FLAGS,
};
static const struct nat_proto_attrs redir_attrs = {
	NFTA_REDIR_REG_PROTO_MIN, NFTA_REDIR_REG_PROTO_MAX, NFTA_REDIR_FLAGS,
};

static void set_proto_attrs(struct vm_expr *e, const struct nat_proto_attrs *a, int pmin,
			    int pmax, uint32_t flags)
{
	stmt_set_reg(e, a->proto_min, pmin);
	stmt_set_reg(e, a->proto_max, pmax);
	if (flags)
		vm_set_u(e, a->flags, flags);
}

static int nat_masq_redir(struct rule_ctx *rc, struct stmt *s)
{
	bool masq = s->nat.type == NAT_MASQ;
	if (rc->family != NFPROTO_IPV4 && rc->family != NFPROTO_IPV6 &&
	    rc->family != NFPROTO_INET)
		return diag_error(rc->ec->errs, &s->loc, "%s is only supported for IPv4/IPv6",
				  masq ? "masquerade" : "redirect");
	if (s->nat.addr)
		return diag_error(rc->ec->errs, &s->nat.addr->loc,
				  "%s does not take an address", masq ? "masquerade" : "redirect");
	int pmin, pmax;
	if (nat_proto(rc, s, &pmin, &pmax) < 0)
		return -1;
	uint32_t flags = s->nat.flags;
	if (pmin >= 0)
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	struct vm_expr *e = stmt_emit(rc, masq ? VM_MASQ : VM_REDIR);
	set_proto_attrs(e, masq ? &masq_attrs : &redir_attrs, pmin, pmax, flags);
	return 0;
}

int eval_stmt_nat(struct rule_ctx *rc, struct stmt *s)
{
	if (s->nat.type == NAT_MASQ || s->nat.type == NAT_REDIR)
		return nat_masq_redir(rc, s);

	uint32_t family = 0;
	if (nat_family(rc, s, &family) < 0)
		return -1;
	int amin = -1, amax = -1, pmin = -1, pmax = -1;
	uint32_t flags = s->nat.flags;
	if (s->nat.addr && s->nat.addr->kind == EXPR_MAP) {
		struct nat_map_shape sh = { false, false };
		int base = nat_addr_map(rc, s, family, &sh);
		if (base < 0)
			return -1;
		uint32_t aw = family == NFPROTO_IPV6 ? 4 : 1, pw = sh.concat ? 1 : 0;
		amin = base;
		if (sh.concat)
			pmin = (int)reg_at(base, aw);
		if (sh.interval) {
			amax = (int)reg_at(base, aw + pw);
			if (sh.concat)
				pmax = (int)reg_at(base, 2 * aw + pw);
		}
		if (s->nat.type_flags & NAT_TF_PREFIX)
			flags |= NF_NAT_RANGE_NETMAP;
		if (s->nat.proto)
			return diag_error(rc->ec->errs, &s->nat.proto->loc,
					  "port is not allowed with an address map");
	} else {
		if (s->nat.addr && nat_addr_const(rc, s, family, &amin, &amax) < 0)
			return -1;
		if (nat_proto(rc, s, &pmin, &pmax) < 0)
			return -1;
		if (pmin >= 0)
			flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
		if (s->nat.type_flags & NAT_TF_PREFIX)
			flags |= NF_NAT_RANGE_NETMAP;
	}
	if (amin < 0 && pmin < 0)
		return diag_error(rc->ec->errs, &s->loc, "%s requires an address or a port",
				  s->nat.type == NAT_SNAT ? "snat" : "dnat");

	struct vm_expr *e = stmt_emit(rc, VM_NAT);
	vm_set_u(e, NFTA_NAT_TYPE, s->nat.type == NAT_SNAT ? NFT_NAT_SNAT : NFT_NAT_DNAT);
	vm_set_u(e, NFTA_NAT_FAMILY, family);
	stmt_set_reg(e, NFTA_NAT_REG_ADDR_MIN, amin);
	stmt_set_reg(e, NFTA_NAT_REG_ADDR_MAX, amax);
	set_proto_attrs(e, &nat_attrs, pmin, pmax, flags);
	return 0;
}
