/* Lift: the statements of a rule program — verdicts, counters, log, limit, meta/ct/
 * payload set, nat, reject, queue, quota, objref, dynset — from their VM expressions
 * and the registers that feed them. */
#include <string.h>
#include <linux/netfilter.h>
#include "lift_int.h"

void lift_add_stmt(struct lift_state *st, struct stmt *s)
{
	/* a statement between a protocol match and the load needing it keeps the match */
	if (s->kind != STMT_EXPR || !s->expr || s->expr->kind != EXPR_RELATION)
		memset(st->dep, 0, sizeof(st->dep));
	stmt_list_add(st->ctx->arena, &st->rule->stmts, s);
}

static struct stmt *new_stmt(struct lift_state *st, enum stmt_kind k)
{
	struct stmt *s = stmt_alloc(st->ctx->arena, k, NULL);
	lift_add_stmt(st, s);
	return s;
}

/* A register feeding a statement, typed as the statement's target wants. */
static struct expr *typed_reg(struct lift_state *st, uint32_t reg, const struct expr *like)
{
	uint32_t bytes = like ? (like->len + 7) / 8 : 0;
	struct expr *e = lift_get_reg(st, reg, bytes);
	if (e && like && like->kind != EXPR_CONCAT)
		lift_retype(e, like->dtype, like->byteorder, like->len);
	return e;
}

static struct expr *verdict_expr(struct lift_state *st, const struct vm_data *d)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_VERDICT, NULL);
	e->verdict.code = d->verdict;
	e->verdict.chain = d->chain;
	e->dtype = &dt_verdict;
	const struct lift_sets_ops *ops = st->ctx->sets;
	if (d->chain && !strncmp(d->chain, "__chain", 7) && ops && ops->bound_chain)
		e->verdict.bound = ops->bound_chain(st->ctx->sets_priv, st->ctx, st->table, d->chain);
	return e;
}

static int lift_immediate(struct lift_state *st, const struct vm_expr *v)
{
	const struct vm_data *d = vm_get_data(v, NFTA_IMMEDIATE_DATA);
	uint32_t dreg = vm_get_u(v, NFTA_IMMEDIATE_DREG);
	if (!d)
		return -1;
	if (dreg == VM_REG_VERDICT || d->is_verdict) {
		struct stmt *s = new_stmt(st, STMT_VERDICT);
		s->expr = verdict_expr(st, d);
		return 0;
	}
	lift_set_reg(st, dreg, lift_raw(st->ctx, d->bytes, d->len));
	return 0;
}

static int lift_meta_stmt(struct lift_state *st, const struct vm_expr *v)
{
	struct expr *key = lift_meta(st, vm_get_u(v, NFTA_META_KEY));
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_META, NULL);
	s->set.key = key;
	s->set.value = typed_reg(st, vm_get_u(v, NFTA_META_SREG), key);
	if (!s->set.value)
		return -1;
	lift_add_stmt(st, s);
	return 0;
}

static int lift_ct_stmt(struct lift_state *st, const struct vm_expr *v)
{
	int dir = vm_has(v, NFTA_CT_DIRECTION) ? (int)vm_get_u(v, NFTA_CT_DIRECTION) : -1;
	struct expr *key = lift_ct(st, vm_get_u(v, NFTA_CT_KEY), dir);
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_CT, NULL);
	s->set.key = key;
	s->set.value = typed_reg(st, vm_get_u(v, NFTA_CT_SREG), key);
	if (!s->set.value)
		return -1;
	lift_add_stmt(st, s);
	return 0;
}

/* The (load & m) ^ x shape a read-modify-write of a sub-byte field produces, as
 * big-endian integers over the written region. */
static bool rmw_parts(const struct expr *v, uint32_t nbytes, uint32_t region_off,
		      uint64_t *m, uint64_t *x)
{
	uint64_t ones = nbytes >= 8 ? ~0ull : (1ull << (nbytes * 8)) - 1;
	if (v->kind == EXPR_PAYLOAD && v->payload.is_raw && v->len > 0 && v->len < 64 &&
	    v->payload.offset >= region_off &&
	    v->payload.offset + v->len <= region_off + nbytes * 8) {
		/* `load & mask` already read as the raw field the mask keeps */
		uint32_t shift = region_off + nbytes * 8 - v->payload.offset - v->len;
		*m = ((1ull << v->len) - 1) << shift;
		*x = 0;
		return true;
	}
	const struct expr *l = v->kind == EXPR_BINOP ? v->bin.left : NULL;
	const struct expr *r = v->kind == EXPR_BINOP ? v->bin.right : NULL;
	if (!l || !r || r->kind != EXPR_VALUE)
		return false;
	uint64_t rv = lift_be_get(r->value.bytes, nbytes);
	switch (v->bin.op) {
	case BINOP_AND:
		if (l->kind != EXPR_PAYLOAD)
			return false;
		*m = rv, *x = 0;
		return true;
	case BINOP_OR:
		if (l->kind != EXPR_PAYLOAD)
			return false;
		*m = ~rv & ones, *x = rv;
		return true;
	case BINOP_XOR:
		if (l->kind == EXPR_PAYLOAD) {
			*m = ones, *x = rv;
			return true;
		}
		if (l->kind == EXPR_BINOP && l->bin.op == BINOP_AND && l->bin.left->kind == EXPR_PAYLOAD &&
		    l->bin.right->kind == EXPR_VALUE) {
			*m = lift_be_get(l->bin.right->value.bytes, nbytes), *x = rv;
			return true;
		}
		return false;
	default:
		return false;
	}
}

static struct expr *field_value(struct lift_state *st, const struct expr *field, uint64_t x)
{
	uint8_t buf[8] = {0};
	uint32_t nb = (field->len + 7) / 8;
	lift_be_put(buf, nb, x);
	return lift_value(st->ctx, field->dtype, field->byteorder, field->len, buf, nb);
}

static struct expr *field_binop(struct lift_state *st, struct expr *field, uint32_t op, uint64_t x)
{
	struct expr *b = expr_bin(st->ctx->arena, EXPR_BINOP, NULL, field, op,
				  field_value(st, field, x));
	b->dtype = field->dtype;
	b->byteorder = field->byteorder;
	b->len = field->len;
	return b;
}

/* payload write of a read-modify-write value: find the field whose bits the mask
 * clears and express the value in terms of it (`ip ecn set ip ecn | ect0`). */
static bool lift_rmw(struct lift_state *st, uint32_t base, uint32_t off, uint32_t len,
		     struct expr *val, struct expr **key_out, struct expr **val_out)
{
	uint64_t m, x;
	if (len > 8 || !rmw_parts(val, len, off * 8, &m, &x))
		return false;
	uint32_t bits = len * 8;
	uint64_t ones = bits >= 64 ? ~0ull : (1ull << bits) - 1;
	uint64_t z = ~m & ones;
	if (!z)
		return false;
	uint32_t rel;
	const struct proto_desc *desc = lift_desc_for(st, base, off * 8, &rel);
	if (!desc) {
		/* no header there (inner header): a raw field over the cleared bits */
		int lo = __builtin_ctzll(z), hi = 63 - __builtin_clzll(z);
		uint64_t contig = ((hi - lo + 1 == 64) ? ~0ull : ((1ull << (hi - lo + 1)) - 1)) << lo;
		if (z != contig || x & ~z)
			return false;
		struct expr *raw = expr_alloc(st->ctx->arena, EXPR_PAYLOAD, NULL);
		raw->payload.is_raw = true;
		raw->payload.base = base;
		raw->payload.offset = off * 8 + bits - 1 - hi;
		raw->len = hi - lo + 1;
		raw->dtype = &dt_integer;
		raw->byteorder = BYTEORDER_BIG;
		*key_out = raw;
		*val_out = field_value(st, raw, x >> lo);
		(*val_out)->flags |= EXPR_F_PRINT_HEX;
		return true;
	}
	if (!desc->fields)
		return false;
	uint32_t hdr = off * 8 - rel;       /* where that header starts */
	const struct proto_field *best = NULL;
	uint64_t bestF = 0;
	uint32_t bestshift = 0;
	for (const struct proto_field *f = desc->fields; f->name; f++) {
		uint32_t fo = hdr + f->offset;
		if (fo < off * 8 || fo + f->len > off * 8 + bits || f->len >= 64)
			continue;
		uint32_t shift = off * 8 + bits - fo - f->len;
		uint64_t F = ((1ull << f->len) - 1) << shift;
		if ((z & F) != z)
			continue;
		if (!best || f->len < best->len)
			best = f, bestF = F, bestshift = shift;
	}
	if (!best)
		return false;
	struct expr *field = lift_payload_expr(st, desc, best, base, 0, 0);
	*key_out = field;
	if (z == bestF)
		*val_out = field_value(st, field, (x & bestF) >> bestshift);
	else if (!x)
		*val_out = field_binop(st, field, BINOP_AND, (~z & bestF) >> bestshift);
	else if (x == z)
		*val_out = field_binop(st, field, BINOP_OR, x >> bestshift);
	else
		*val_out = field_binop(st, field_binop(st, field, BINOP_AND, (~z & bestF) >> bestshift),
				       BINOP_XOR, (x & bestF) >> bestshift);
	return true;
}

static int lift_payload_stmt(struct lift_state *st, const struct vm_expr *v)
{
	uint32_t base = vm_get_u(v, NFTA_PAYLOAD_BASE), off = vm_get_u(v, NFTA_PAYLOAD_OFFSET);
	uint32_t len = vm_get_u(v, NFTA_PAYLOAD_LEN);
	struct expr *val = lift_get_reg(st, vm_get_u(v, NFTA_PAYLOAD_SREG), len);
	if (!val)
		return -1;
	struct expr *key = lift_payload(st, base, off, len);
	lift_dep_consume(st, key);
	struct expr *k2, *v2;
	if (lift_rmw(st, base, off, len, val, &k2, &v2)) {
		key = k2;
		val = v2;
	} else {
		lift_retype(val, key->dtype, key->byteorder, key->len);
	}
	struct stmt *s = new_stmt(st, STMT_PAYLOAD);
	s->set.key = key;
	s->set.value = val;
	return 0;
}

static const struct datatype *nat_addr_type(struct lift_state *st, uint32_t fam)
{
	if (fam == NFPROTO_IPV6 || (!fam && st->ctx->family == NFPROTO_IPV6))
		return &dt_ip6addr;
	return &dt_ipaddr;
}

static struct expr *reg_range(struct lift_state *st, const struct vm_expr *v, unsigned amin,
			      unsigned amax, const struct datatype *dt, uint32_t bits)
{
	struct expr like = { .kind = EXPR_VALUE, .dtype = dt, .byteorder = BYTEORDER_BIG,
			     .len = bits };
	if (!vm_has(v, amin))
		return NULL;
	uint32_t rmin = vm_get_u(v, amin);
	struct expr *lo = lift_get_reg(st, rmin, (bits + 7) / 8);
	if (!lo)
		return NULL;
	if (lo->kind == EXPR_MAP) {
		lift_retype(lo, dt, BYTEORDER_BIG, bits);
		return lo;
	}
	lift_type_like(lo, &like);
	if (!vm_has(v, amax) || vm_get_u(v, amax) == rmin)
		return lo;
	struct expr *hi = lift_get_reg(st, vm_get_u(v, amax), (bits + 7) / 8);
	if (!hi)
		return lo;
	lift_type_like(hi, &like);
	if (lo->kind == EXPR_VALUE && hi->kind == EXPR_VALUE &&
	    !memcmp(lo->value.bytes, hi->value.bytes, (bits + 7) / 8))
		return lo;
	/* an address range that is exactly a prefix prints as one */
	if (dt->flags & DTYPE_F_PREFIX && lo->kind == EXPR_VALUE && hi->kind == EXPR_VALUE) {
		uint32_t nb = bits / 8, plen = 0;
		bool ok = true, host = false;
		for (uint32_t i = 0; i < nb * 8 && ok; i++) {
			bool a = (lo->value.bytes[i / 8] >> (7 - i % 8)) & 1;
			bool b = (hi->value.bytes[i / 8] >> (7 - i % 8)) & 1;
			if (!host && a == b) {
				plen++;
				continue;
			}
			host = true;
			if (a || !b)
				ok = false;
		}
		if (ok) {
			struct expr *p = expr_alloc(st->ctx->arena, EXPR_PREFIX, NULL);
			p->bin.left = lo;
			p->bin.prefix_len = plen;
			p->dtype = dt;
			p->len = bits;
			return p;
		}
	}
	struct expr *r = expr_bin(st->ctx->arena, EXPR_RANGE, NULL, lo, 0, hi);
	r->dtype = dt;
	r->len = bits;
	return r;
}

/* A nat map whose data holds more than an address: address range and/or ports at
 * the register offsets the nat expression names (`ip saddr map { a : b . 80 }`). */
static void nat_map_data(struct lift_state *st, const struct vm_expr *v, struct expr *map,
			 const struct datatype *adt, uint32_t abits)
{
	struct lift_ctx *ctx = st->ctx;
	int s0 = lift_reg_slot(vm_get_u(v, NFTA_NAT_REG_ADDR_MIN));
	int amax = vm_has(v, NFTA_NAT_REG_ADDR_MAX) ? lift_reg_slot(vm_get_u(v, NFTA_NAT_REG_ADDR_MAX)) : -1;
	int pmin = vm_has(v, NFTA_NAT_REG_PROTO_MIN) ? lift_reg_slot(vm_get_u(v, NFTA_NAT_REG_PROTO_MIN)) : -1;
	int pmax = vm_has(v, NFTA_NAT_REG_PROTO_MAX) ? lift_reg_slot(vm_get_u(v, NFTA_NAT_REG_PROTO_MAX)) : -1;
	struct expr alike = { .kind = EXPR_VALUE, .dtype = adt, .byteorder = BYTEORDER_BIG,
			      .len = abits };
	struct expr plike = { .kind = EXPR_VALUE, .dtype = &dt_inet_service,
			      .byteorder = BYTEORDER_BIG, .len = 16 };
	uint32_t ab = abits / 8;
	if (!map->bin.right || map->bin.right->kind != EXPR_SET || s0 < 0)
		return;
	for (uint32_t i = 0; i < map->bin.right->list.n; i++) {
		struct expr *m = map->bin.right->list.v[i];
		if (m->kind != EXPR_MAPPING || !m->bin.right || m->bin.right->kind != EXPR_VALUE)
			continue;
		const uint8_t *d = m->bin.right->value.bytes;
		uint32_t dl = (m->bin.right->value.len + 7) / 8;
		uint32_t hi_off = amax > s0 ? (amax - s0) * 4 : 0;
		struct expr *addr;
		if (amax > s0 && pmin < 0 && hi_off + ab <= dl && !memcmp(d, d + hi_off, ab)) {
			/* an interval of one address: nft shows it as a full-length prefix */
			addr = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
			addr->bin.left = lift_data_as(ctx, &alike, d, ab);
			addr->bin.prefix_len = abits;
			addr->dtype = adt;
			addr->len = abits;
		} else if (amax > s0 && hi_off + ab <= dl && memcmp(d, d + hi_off, ab)) {
			addr = lift_interval_expr(ctx, &alike, d, d + hi_off, ab);
		} else {
			addr = lift_data_as(ctx, &alike, d, ab);
		}
		struct expr *res = addr;
		if (pmin > s0 && (uint32_t)(pmin - s0) * 4 + 2 <= dl) {
			const uint8_t *plo = d + (pmin - s0) * 4;
			const uint8_t *phi = (pmax > s0 && (uint32_t)(pmax - s0) * 4 + 2 <= dl)
					     ? d + (pmax - s0) * 4 : plo;
			struct expr *port = lift_value(ctx, &dt_inet_service, BYTEORDER_BIG, 16, plo, 2);
			if (memcmp(plo, phi, 2)) {
				port = expr_bin(ctx->arena, EXPR_RANGE, NULL, port, 0,
						lift_data_as(ctx, &plike, phi, 2));
				port->dtype = &dt_inet_service;
				port->len = 16;
			}
			res = expr_alloc(ctx->arena, EXPR_CONCAT, NULL);
			expr_list_add(ctx->arena, &res->list, addr);
			expr_list_add(ctx->arena, &res->list, port);
		}
		m->bin.right = res;
	}
}

static void consume_network_dep(struct lift_state *st)
{
	struct expr fake = { .kind = EXPR_PAYLOAD };
	fake.payload.base = PROTO_BASE_NETWORK;
	if (st->dep[PROTO_BASE_NETWORK].stmt)
		lift_dep_consume(st, &fake);
}

static int lift_nat(struct lift_state *st, const struct vm_expr *v, enum vm_kind kind)
{
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_NAT, NULL);
	unsigned pmin, pmax, flags;
	if (kind == VM_NAT) {
		s->nat.type = vm_get_u(v, NFTA_NAT_TYPE) == NFT_NAT_DNAT ? NAT_DNAT : NAT_SNAT;
		s->nat.family = vm_get_u(v, NFTA_NAT_FAMILY);
		const struct datatype *adt = nat_addr_type(st, s->nat.family);
		uint32_t abits = adt == &dt_ip6addr ? 128 : 32;
		struct expr *a0 = vm_has(v, NFTA_NAT_REG_ADDR_MIN)
			? lift_get_reg(st, vm_get_u(v, NFTA_NAT_REG_ADDR_MIN), 0) : NULL;
		if (st->ctx->family == NFPROTO_INET && vm_has(v, NFTA_NAT_REG_ADDR_MIN))
			s->nat.type_flags |= 1;
		bool amax = vm_has(v, NFTA_NAT_REG_ADDR_MAX) &&
			    vm_get_u(v, NFTA_NAT_REG_ADDR_MAX) != vm_get_u(v, NFTA_NAT_REG_ADDR_MIN);
		if (a0 && a0->kind == EXPR_MAP && (amax || vm_has(v, NFTA_NAT_REG_PROTO_MIN))) {
			/* one map feeds address and ports: `ip to ... map { k : a . p }` */
			nat_map_data(st, v, a0, adt, abits);
			s->nat.addr = a0;
			s->nat.type_flags |= 1;
			s->nat.flags = vm_get_u(v, NFTA_NAT_FLAGS);
			lift_add_stmt(st, s);
			return 0;
		}
		s->nat.addr = reg_range(st, v, NFTA_NAT_REG_ADDR_MIN, NFTA_NAT_REG_ADDR_MAX, adt, abits);
		pmin = NFTA_NAT_REG_PROTO_MIN, pmax = NFTA_NAT_REG_PROTO_MAX, flags = NFTA_NAT_FLAGS;
	} else if (kind == VM_MASQ) {
		s->nat.type = NAT_MASQ;
		pmin = NFTA_MASQ_REG_PROTO_MIN, pmax = NFTA_MASQ_REG_PROTO_MAX;
		flags = NFTA_MASQ_FLAGS;
	} else {
		s->nat.type = NAT_REDIR;
		pmin = NFTA_REDIR_REG_PROTO_MIN, pmax = NFTA_REDIR_REG_PROTO_MAX;
		flags = NFTA_REDIR_FLAGS;
	}
	s->nat.proto = reg_range(st, v, pmin, pmax, &dt_inet_service, 16);
	s->nat.flags = vm_get_u(v, flags);
	lift_add_stmt(st, s);
	return 0;
}

static int lift_reject(struct lift_state *st, const struct vm_expr *v)
{
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_REJECT, NULL);
	s->reject.type = vm_get_u(v, NFTA_REJECT_TYPE);
	s->reject.icmp_code = vm_has(v, NFTA_REJECT_ICMP_CODE) ?
			      (int)vm_get_u(v, NFTA_REJECT_ICMP_CODE) : -1;
	uint32_t fam = st->ctx->family;
	if (st->proto.network == &proto_ip)
		fam = NFPROTO_IPV4;
	else if (st->proto.network == &proto_ip6)
		fam = NFPROTO_IPV6;
	s->reject.family = fam;
	int c = s->reject.icmp_code;
	uint32_t tf = st->ctx->family;
	if ((s->reject.type == NFT_REJECT_ICMP_UNREACH &&
	     ((tf == NFPROTO_IPV4 && c == 3) || (tf == NFPROTO_IPV6 && c == 4))) ||
	    (s->reject.type == NFT_REJECT_ICMPX_UNREACH && c == NFT_REJECT_ICMPX_PORT_UNREACH))
		s->reject.type = -1;
	if (s->reject.type == NFT_REJECT_TCP_RST && st->dep[PROTO_BASE_TRANSPORT].stmt &&
	    (tf == NFPROTO_IPV4 || tf == NFPROTO_IPV6)) {
		struct expr fake = { .kind = EXPR_PAYLOAD };
		fake.payload.base = PROTO_BASE_TRANSPORT;
		lift_dep_consume(st, &fake);
	}
	if (s->reject.type == NFT_REJECT_ICMP_UNREACH && st->ctx->family != NFPROTO_IPV4 &&
	    st->ctx->family != NFPROTO_IPV6)
		consume_network_dep(st);
	lift_add_stmt(st, s);
	return 0;
}

static int lift_dynset(struct lift_state *st, const struct vm_expr *v)
{
	struct lift_ctx *ctx = st->ctx;
	const char *name = vm_get_str(v, NFTA_DYNSET_SET_NAME);
	const struct nl_set *set = ctx->sets ? ctx->sets->find(ctx->sets_priv, st->table, name)
					     : NULL;
	bool is_map = vm_has(v, NFTA_DYNSET_SREG_DATA);
	struct stmt *s = stmt_alloc(ctx->arena, is_map ? STMT_MAP : STMT_SET, NULL);
	s->dyn.op = vm_get_u(v, NFTA_DYNSET_OP);
	s->dyn.set = expr_alloc(ctx->arena, EXPR_SET_REF, NULL);
	s->dyn.set->setref.name = name;
	int stop = is_map ? lift_reg_slot(vm_get_u(v, NFTA_DYNSET_SREG_DATA)) : LIFT_SLOTS;
	if (stop < 0 || stop <= lift_reg_slot(vm_get_u(v, NFTA_DYNSET_SREG_KEY)))
		stop = LIFT_SLOTS;
	s->dyn.key = lift_get_reg_upto(st, vm_get_u(v, NFTA_DYNSET_SREG_KEY),
				       set ? set->key_len : LIFT_LEN_GUESS, stop);
	if (!s->dyn.key)
		return -1;
	if (set)
		s->dyn.key = lift_key_consts(ctx, s->dyn.key, lift_set_key_expr(ctx, set, false));
	if (is_map) {
		struct expr *like = set ? lift_set_key_expr(ctx, set, true) : NULL;
		s->dyn.data = lift_get_reg(st, vm_get_u(v, NFTA_DYNSET_SREG_DATA),
					   set ? set->data_len : 0);
		if (like && s->dyn.data && s->dyn.data->kind != EXPR_MAP)
			s->dyn.data = lift_type_as(ctx, s->dyn.data, like);
	}
	s->dyn.timeout = vm_get_u(v, NFTA_DYNSET_TIMEOUT);
	const struct vm_exprs *inner = NULL;
	if (vm_has(v, NFTA_DYNSET_EXPRESSIONS))
		inner = v->a[NFTA_DYNSET_EXPRESSIONS].exprs;
	else if (vm_has(v, NFTA_DYNSET_EXPR))
		inner = v->a[NFTA_DYNSET_EXPR].exprs;
	if (inner && inner->n) {
		/* lift the per-element statements into a scratch rule */
		struct rule scratch = {0};
		struct rule *saved = st->rule;
		st->rule = &scratch;
		for (uint32_t i = 0; i < inner->n; i++)
			lift_stmt(st, &inner->v[i]);
		st->rule = saved;
		s->dyn.stmts = arena_alloc(ctx->arena, sizeof(*s->dyn.stmts));
		*s->dyn.stmts = scratch.stmts;
	}
	lift_add_stmt(st, s);
	return 0;
}

/* The typed value of an address/port/device register of a forwarding statement. */
static struct expr *reg_as(struct lift_state *st, uint32_t reg, const struct datatype *dt,
			   enum byteorder bo, uint32_t bits)
{
	struct expr like = { .kind = EXPR_VALUE, .dtype = dt, .byteorder = bo, .len = bits };
	struct expr *e = lift_get_reg(st, reg, (bits + 7) / 8);
	if (e && e->kind == EXPR_MAP)
		lift_retype(e, dt, bo, bits);
	else if (e && e->kind == EXPR_VALUE)
		lift_type_like(e, &like);
	return e;
}

static const struct datatype *family_addr_type(struct lift_state *st, uint32_t fam, uint32_t *bits)
{
	bool v6 = fam == NFPROTO_IPV6 || (!fam && (st->ctx->family == NFPROTO_IPV6 ||
						    st->proto.network == &proto_ip6));
	*bits = v6 ? 128 : 32;
	return v6 ? &dt_ip6addr : &dt_ipaddr;
}

/* tproxy, dup, fwd, synproxy */
static int lift_forward(struct lift_state *st, const struct vm_expr *v)
{
	struct stmt *s;
	uint32_t bits;
	const struct datatype *adt;
	switch (v->kind) {
	case VM_TPROXY:
		s = stmt_alloc(st->ctx->arena, STMT_TPROXY, NULL);
		s->misc.family = vm_get_u(v, NFTA_TPROXY_FAMILY);
		adt = family_addr_type(st, s->misc.family, &bits);
		if (vm_has(v, NFTA_TPROXY_REG_ADDR))
			s->misc.addr = reg_as(st, vm_get_u(v, NFTA_TPROXY_REG_ADDR), adt,
					      BYTEORDER_BIG, bits);
		if (vm_has(v, NFTA_TPROXY_REG_PORT))
			s->misc.port = reg_as(st, vm_get_u(v, NFTA_TPROXY_REG_PORT),
					      &dt_inet_service, BYTEORDER_BIG, 16);
		/* the family is written in inet tables only */
		if (st->ctx->family != NFPROTO_INET)
			s->misc.family = 0;
		s->misc.flags = adt == &dt_ip6addr;
		break;
	case VM_DUP:
	case VM_FWD: {
		bool dup = v->kind == VM_DUP;
		s = stmt_alloc(st->ctx->arena, dup ? STMT_DUP : STMT_FWD, NULL);
		s->misc.family = dup ? 0 : vm_get_u(v, NFTA_FWD_NFPROTO);
		adt = family_addr_type(st, s->misc.family, &bits);
		unsigned aattr = dup ? NFTA_DUP_SREG_ADDR : NFTA_FWD_SREG_ADDR;
		unsigned dattr = dup ? NFTA_DUP_SREG_DEV : NFTA_FWD_SREG_DEV;
		if (vm_has(v, aattr))
			s->misc.addr = reg_as(st, vm_get_u(v, aattr), adt, BYTEORDER_BIG, bits);
		if (vm_has(v, dattr))
			s->misc.dev = reg_as(st, vm_get_u(v, dattr), &dt_ifindex, BYTEORDER_HOST, 32);
		break;
	}
	case VM_SYNPROXY:
		s = stmt_alloc(st->ctx->arena, STMT_SYNPROXY, NULL);
		s->misc.a = vm_get_u(v, NFTA_SYNPROXY_MSS);
		s->misc.b = vm_get_u(v, NFTA_SYNPROXY_WSCALE);
		s->misc.flags = vm_get_u(v, NFTA_SYNPROXY_FLAGS);
		break;
	default:
		return -1;
	}
	lift_add_stmt(st, s);
	return 0;
}

/* `tcp option maxseg size set 1360` (sreg) and `reset tcp option maxseg` (neither
 * register): a payload statement on the option field, without a value for reset. */
static int lift_exthdr_stmt(struct lift_state *st, const struct vm_expr *v)
{
	uint32_t op = vm_get_u(v, NFTA_EXTHDR_OP), type = vm_get_u(v, NFTA_EXTHDR_TYPE);
	struct stmt *s = stmt_alloc(st->ctx->arena, STMT_PAYLOAD, NULL);
	if (!vm_has(v, NFTA_EXTHDR_SREG)) {
		s->set.key = lift_exthdr_reset_key(st, op, type);
		lift_add_stmt(st, s);
		return 0;
	}
	s->set.key = lift_exthdr_expr(st, op, type, vm_get_u(v, NFTA_EXTHDR_OFFSET) * 8,
				      vm_get_u(v, NFTA_EXTHDR_LEN) * 8, false);
	s->set.value = typed_reg(st, vm_get_u(v, NFTA_EXTHDR_SREG), s->set.key);
	if (!s->set.value)
		return -1;
	lift_add_stmt(st, s);
	return 0;
}

int lift_stmt(struct lift_state *st, const struct vm_expr *v)
{
	struct lift_ctx *ctx = st->ctx;
	struct stmt *s;
	switch (v->kind) {
	case VM_EXTHDR:
		return lift_exthdr_stmt(st, v);
	case VM_IMMEDIATE:
		return lift_immediate(st, v);
	case VM_META:
		return lift_meta_stmt(st, v);
	case VM_CT:
		return lift_ct_stmt(st, v);
	case VM_PAYLOAD:
		return lift_payload_stmt(st, v);
	case VM_COUNTER:
		s = new_stmt(st, STMT_COUNTER);
		s->counter.packets = vm_get_u(v, NFTA_COUNTER_PACKETS);
		s->counter.bytes = vm_get_u(v, NFTA_COUNTER_BYTES);
		return 0;
	case VM_LOG:
		s = new_stmt(st, STMT_LOG);
		s->log.prefix = vm_get_str(v, NFTA_LOG_PREFIX);
		s->log.level = vm_get_u(v, NFTA_LOG_LEVEL);
		s->log.group = vm_get_u(v, NFTA_LOG_GROUP);
		s->log.snaplen = vm_get_u(v, NFTA_LOG_SNAPLEN);
		s->log.qthreshold = vm_get_u(v, NFTA_LOG_QTHRESHOLD);
		s->log.logflags = vm_get_u(v, NFTA_LOG_FLAGS);
		s->log.present = v->present;
		return 0;
	case VM_LIMIT:
		s = new_stmt(st, STMT_LIMIT);
		s->limit.rate = vm_get_u(v, NFTA_LIMIT_RATE);
		s->limit.unit = vm_get_u(v, NFTA_LIMIT_UNIT);
		s->limit.burst = vm_get_u(v, NFTA_LIMIT_BURST);
		s->limit.type = vm_get_u(v, NFTA_LIMIT_TYPE);
		s->limit.flags = vm_get_u(v, NFTA_LIMIT_FLAGS);
		return 0;
	case VM_NAT:
	case VM_MASQ:
	case VM_REDIR:
		return lift_nat(st, v, v->kind);
	case VM_REJECT:
		return lift_reject(st, v);
	case VM_NOTRACK:
		new_stmt(st, STMT_NOTRACK);
		return 0;
	case VM_QUEUE:
		s = new_stmt(st, STMT_QUEUE);
		s->queue.num = vm_get_u(v, NFTA_QUEUE_NUM);
		s->queue.total = vm_get_u(v, NFTA_QUEUE_TOTAL);
		s->queue.flags = vm_get_u(v, NFTA_QUEUE_FLAGS);
		if (vm_has(v, NFTA_QUEUE_SREG_QNUM))
			s->queue.queue_expr = lift_get_reg(st, vm_get_u(v, NFTA_QUEUE_SREG_QNUM), 0);
		return 0;
	case VM_QUOTA:
		s = new_stmt(st, STMT_QUOTA);
		s->quota.bytes = vm_get_u(v, NFTA_QUOTA_BYTES);
		s->quota.used = vm_get_u(v, NFTA_QUOTA_CONSUMED);
		s->quota.flags = vm_get_u(v, NFTA_QUOTA_FLAGS);
		return 0;
	case VM_CONNLIMIT:
		s = new_stmt(st, STMT_CONNLIMIT);
		s->misc.a = vm_get_u(v, NFTA_CONNLIMIT_COUNT);
		s->misc.flags = vm_get_u(v, NFTA_CONNLIMIT_FLAGS);
		return 0;
	case VM_OBJREF:
		s = new_stmt(st, STMT_OBJREF);
		if (vm_has(v, NFTA_OBJREF_IMM_NAME)) {
			s->objref.type = vm_get_u(v, NFTA_OBJREF_IMM_TYPE);
			s->objref.name = expr_symbol(ctx->arena, NULL,
						     vm_get_str(v, NFTA_OBJREF_IMM_NAME), true);
		} else {
			const char *name = vm_get_str(v, NFTA_OBJREF_SET_NAME);
			const struct nl_set *set = ctx->sets && name ?
				ctx->sets->find(ctx->sets_priv, st->table, name) : NULL;
			struct expr *key = lift_get_reg(st, vm_get_u(v, NFTA_OBJREF_SET_SREG),
							set ? set->key_len : 0);
			struct expr *right;
			if (set && (set->flags & NFT_SET_ANONYMOUS))
				right = lift_anon_set(st, set, key, NULL);
			else {
				right = expr_alloc(ctx->arena, EXPR_SET_REF, NULL);
				right->setref.name = name;
			}
			s->objref.type = set ? set->objtype : 0;
			s->objref.name = expr_bin(ctx->arena, EXPR_MAP, NULL, key, 0, right);
		}
		return 0;
	case VM_DYNSET:
		return lift_dynset(st, v);
	case VM_LAST:
		new_stmt(st, STMT_LAST);
		return 0;
	case VM_TPROXY:
	case VM_DUP:
	case VM_FWD:
	case VM_SYNPROXY:
		return lift_forward(st, v);
	default:
		s = new_stmt(st, STMT_XT);
		s->misc.u64 = v->kind;
		return 0;
	}
}
