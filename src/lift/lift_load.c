/* Lift: loads (payload, meta, ct) → named expressions, and the protocol context
 * that names them: what earlier matches established (meta l4proto 6 → tcp), which
 * of those matches are mere dependencies to drop from the listing. */
#include <string.h>
#include <linux/netfilter.h>
#include "lift_int.h"

#define ARPHRD_ETHER_NUM 1

static const struct proto_desc *desc_at_base(struct lift_state *st, uint32_t base)
{
	switch (base) {
	case PROTO_BASE_LL:
		return st->proto.ll ? st->proto.ll : &proto_eth;
	case PROTO_BASE_NETWORK:
		return st->proto.network;
	case PROTO_BASE_TRANSPORT:
		if (st->proto.transport || st->proto.l4_unknown)
			return st->proto.transport;
		return &proto_th;
	default:
		return NULL;
	}
}

/* The header at `base` holding bit `abs_off`, and the offset inside that header. */
const struct proto_desc *lift_desc_for(struct lift_state *st, uint32_t base, uint32_t abs_off,
				       uint32_t *rel)
{
	*rel = abs_off;
	if (base == PROTO_BASE_LL && st->proto.ll2 && abs_off >= st->proto.ll2_off) {
		*rel = abs_off - st->proto.ll2_off;
		return st->proto.ll2;
	}
	return desc_at_base(st, base);
}

struct expr *lift_payload_expr(struct lift_state *st, const struct proto_desc *desc,
			       const struct proto_field *f, uint32_t base,
			       uint32_t off_bits, uint32_t len_bits)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_PAYLOAD, NULL);
	e->payload.base = base;
	e->payload.offset = off_bits;
	if (f) {
		e->payload.proto = desc;
		e->payload.field = f;
		e->payload.offset = f->offset;
		e->dtype = f->dtype;
		e->byteorder = f->byteorder;
		e->len = f->len;
	} else {
		e->payload.is_raw = true;
		e->dtype = &dt_integer;
		e->byteorder = BYTEORDER_BIG;
		e->len = len_bits;
	}
	return e;
}

struct expr *lift_payload(struct lift_state *st, uint32_t base, uint32_t off_bytes,
			  uint32_t len_bytes)
{
	uint32_t rel;
	const struct proto_desc *desc = lift_desc_for(st, base, off_bytes * 8, &rel);
	const struct proto_field *f = proto_field_at_type(desc, rel, len_bytes * 8, st->proto.icmp_type);
	return lift_payload_expr(st, desc, f, base, off_bytes * 8, len_bytes * 8);
}

bool lift_split_match(struct lift_state *st, const struct expr *load, const uint8_t *p,
		      uint32_t plen)
{
	uint32_t rel;
	const struct proto_desc *desc = lift_desc_for(st, load->payload.base, load->payload.offset, &rel);
	const struct proto_field *parts[16];
	uint32_t n = 0, cur = rel, end = rel + load->len;
	uint32_t last_bits = 0;      /* the last part is an address's first bits: a prefix */
	if (!desc || load->len % 8)
		return false;
	while (cur < end && n < 16) {
		const struct proto_field *f = NULL;
		for (uint32_t l = end - cur; l >= 8 && !f; l -= 8)
			f = proto_field_at_type(desc, cur, l, st->proto.icmp_type);
		if (!f && n > 0) {
			/* `ip6 hoplimit 255 ip6 saddr fe80::/64`, merged into one compare by
			 * nft: the load ends inside an address */
			for (const struct proto_field *x = desc->fields; x && x->name && !f; x++)
				if (x->offset == cur && x->len > end - cur && x->dtype &&
				    (x->dtype->flags & DTYPE_F_PREFIX))
					f = x;
			if (f)
				last_bits = end - cur;
		}
		if (!f)
			return false;
		parts[n++] = f;
		cur += last_bits ? last_bits : f->len;
	}
	if (n < 2 || cur != end)
		return false;
	uint32_t byte = 0;
	for (uint32_t i = 0; i < n; i++) {
		struct expr *fe = lift_payload_expr(st, desc, parts[i], load->payload.base, 0, 0);
		uint32_t nb = parts[i]->len / 8;
		struct expr *v = lift_data_as(st->ctx, fe, byte < plen ? p + byte : p,
					      byte < plen ? plen - byte : 0);
		if (i == n - 1 && last_bits) {
			struct expr *pfx = expr_alloc(st->ctx->arena, EXPR_PREFIX, NULL);
			pfx->bin.left = v;
			pfx->bin.prefix_len = last_bits;
			pfx->dtype = fe->dtype;
			pfx->len = fe->len;
			v = pfx;
		}
		struct expr *rel_e = expr_bin(st->ctx->arena, EXPR_RELATION, NULL, fe, OP_IMPLICIT, v);
		struct stmt *s = stmt_alloc(st->ctx->arena, STMT_EXPR, NULL);
		s->expr = rel_e;
		lift_add_stmt(st, s);
		lift_note_proto_match(st, s);
		byte += nb;
	}
	return true;
}

/* A payload load followed by `& mask`: if the mask selects exactly one sub-field
 * (ip dscp, ip6 flowlabel, ip hdrlength), that field; *shift_out is how far values
 * must be shifted right. NULL when the mask selects no known field. */
static struct expr *payload_masked(struct lift_state *st, const struct expr *load,
				 const uint8_t *mask, uint32_t mlen, uint32_t *shift_out)
{
	if (load->kind != EXPR_PAYLOAD || load->len % 8 || load->len > 64)
		return NULL;
	uint32_t nbytes = load->len / 8;
	if (mlen < nbytes)
		return NULL;
	uint64_t m = lift_be_get(mask, nbytes);
	if (!m)
		return NULL;
	int lo = __builtin_ctzll(m), hi = 63 - __builtin_clzll(m);
	uint64_t contig = (hi - lo + 1 == 64) ? ~0ull : (((1ull << (hi - lo + 1)) - 1) << lo);
	if (m != contig)
		return NULL;
	uint32_t fbits = hi - lo + 1;
	uint32_t foff = load->payload.offset + (load->len - 1 - hi), rel;
	const struct proto_desc *desc = lift_desc_for(st, load->payload.base, foff, &rel);
	if (!desc) {
		/* no header known there (inner header): a raw sub-byte field */
		*shift_out = lo;
		return lift_payload_expr(st, NULL, NULL, load->payload.base, foff, fbits);
	}
	const struct proto_field *f = proto_field_at_type(desc, rel, fbits, st->proto.icmp_type);
	if (!f)
		return NULL;
	*shift_out = lo;
	return lift_payload_expr(st, desc, f, load->payload.base, rel, fbits);
}

static struct expr *payload_covering(struct lift_state *st, const struct expr *load)
{
	uint32_t rel;
	const struct proto_desc *desc = lift_desc_for(st, load->payload.base, load->payload.offset, &rel);
	if (!desc || !desc->fields)
		return NULL;
	for (const struct proto_field *f = desc->fields; f->name; f++)
		if (f->offset == rel && f->len > load->len && f->dtype &&
		    (f->dtype->flags & DTYPE_F_PREFIX))
			return lift_payload_expr(st, desc, f, load->payload.base, f->offset, f->len);
	return NULL;
}

struct expr *lift_meta(struct lift_state *st, uint32_t key)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_META, NULL);
	const struct meta_key *k = meta_key_by_kernel(key);
	e->meta.key = k;
	e->dtype = k ? k->dtype : &dt_integer;
	e->len = k ? k->len : 32;
	e->byteorder = k ? k->byteorder : BYTEORDER_HOST;
	return e;
}

struct expr *lift_ct(struct lift_state *st, uint32_t key, int dir)
{
	if ((key == NFT_CT_SRC || key == NFT_CT_DST) && st->dep[PROTO_BASE_NETWORK].stmt) {
		/* `ct original ip saddr` implies the meta nfproto match before it */
		struct expr fake = { .kind = EXPR_PAYLOAD };
		fake.payload.base = PROTO_BASE_NETWORK;
		lift_dep_consume(st, &fake);
	}
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_CT, NULL);
	const struct ct_key *k = ct_key_by_kernel(key);
	e->ct.key = k;
	e->ct.dir = dir;
	e->dtype = k ? k->dtype : &dt_integer;
	e->len = k ? k->len : 32;
	e->byteorder = k ? k->byteorder : BYTEORDER_HOST;
	if (k && !k->dtype) {
		bool v6 = st->proto.network == &proto_ip6 ||
			  (!st->proto.network && st->ctx->family == NFPROTO_IPV6);
		e->dtype = v6 ? &dt_ip6addr : &dt_ipaddr;
		e->len = v6 ? 128 : 32;
		e->ct.nfproto = v6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
		e->byteorder = BYTEORDER_BIG;
	}
	return e;
}

/* ----------------------------------------------------------- dependencies */

static const struct proto_desc *transport_by_l4proto(uint32_t n)
{
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->base == PROTO_BASE_TRANSPORT && (*p)->l4proto == n && n)
			return *p;
	return NULL;
}

static const struct proto_desc *network_by_ethertype(uint32_t n)
{
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->ethertype == n && n)
			return *p;
	return NULL;
}

static uint64_t value_uint(const struct expr *v)
{
	uint32_t n = (v->value.len + 7) / 8;
	if (v->byteorder == BYTEORDER_HOST)
		return lift_host_get(v->value.bytes, n);
	return lift_be_get(v->value.bytes, n);
}

static void set_dep(struct lift_state *st, int idx, struct stmt *s, enum proto_base base,
		    bool icmp)
{
	st->dep[idx].stmt = s;
	st->dep[idx].base = base;
	st->dep[idx].icmp_type = icmp;
}

void lift_note_proto_match(struct lift_state *st, struct stmt *s)
{
	if (s->kind != STMT_EXPR || !s->expr || s->expr->kind != EXPR_RELATION)
		return;
	struct expr *rel = s->expr;
	if (rel->bin.op != OP_IMPLICIT && rel->bin.op != OP_EQ)
		return;
	struct expr *l = rel->bin.left, *r = rel->bin.right;
	if (!r || r->kind != EXPR_VALUE)
		return;
	uint64_t n = value_uint(r);
	if (l->kind == EXPR_META && l->meta.key) {
		switch (l->meta.key->key) {
		case NFT_META_L4PROTO: {
			const struct proto_desc *t = transport_by_l4proto(n);
			st->proto.l4_unknown = !t;
			if (t) {
				st->proto.transport = t;
				set_dep(st, PROTO_BASE_TRANSPORT, s, PROTO_BASE_TRANSPORT, false);
			}
			break;
		}
		case NFT_META_NFPROTO: {
			const struct proto_desc *d = n == NFPROTO_IPV4 ? &proto_ip
						   : n == NFPROTO_IPV6 ? &proto_ip6 : NULL;
			if (d) {
				st->proto.network = d;
				set_dep(st, PROTO_BASE_NETWORK, s, PROTO_BASE_NETWORK, false);
			}
			break;
		}
		case NFT_META_PROTOCOL: {
			const struct proto_desc *d = network_by_ethertype(n);
			if (d && d->base == PROTO_BASE_NETWORK) {
				st->proto.network = d;
				set_dep(st, PROTO_BASE_NETWORK, s, PROTO_BASE_NETWORK, false);
			}
			break;
		}
		case NFT_META_IIFTYPE:
			if (n == ARPHRD_ETHER_NUM) {
				st->proto.ll = &proto_eth;
				set_dep(st, PROTO_BASE_LL, s, PROTO_BASE_LL, false);
			}
			break;
		default:
			break;
		}
		return;
	}
	if (l->kind != EXPR_PAYLOAD || !l->payload.proto || !l->payload.field)
		return;
	const struct proto_desc *p = l->payload.proto;
	const struct proto_field *f = l->payload.field;
	if ((p == &proto_icmp || p == &proto_icmp6) && !strcmp(f->name, "type")) {
		st->proto.icmp_type = (int64_t)n;
		set_dep(st, 3, s, PROTO_BASE_TRANSPORT, true);
		return;
	}
	if (p->protocol_field < 0 || f != &p->fields[p->protocol_field])
		return;
	const struct proto_desc *up = proto_upper_find(p, (uint32_t)n);
	if (!up)
		return;
	if (up->base == PROTO_BASE_TRANSPORT) {
		st->proto.transport = up;
		/* nft itself writes `ip protocol` only where the network header is the
		 * table's own (ip, ip6); elsewhere it is the user's and stays */
		if (st->ctx->family == NFPROTO_IPV4 || st->ctx->family == NFPROTO_IPV6)
			set_dep(st, PROTO_BASE_TRANSPORT, s, PROTO_BASE_TRANSPORT, false);
	} else if (up->base == PROTO_BASE_NETWORK) {
		st->proto.network = up;
		set_dep(st, PROTO_BASE_NETWORK, s, PROTO_BASE_NETWORK, false);
	} else if (up->base == PROTO_BASE_LL) {
		/* a header stacked on the link layer (ether type vlan → vlan); only the
		 * `ether type 8021q` nft writes for `vlan ...` is a dependency */
		uint32_t base_off = (p == st->proto.ll2) ? st->proto.ll2_off : 0;
		st->proto.ll2 = up;
		st->proto.ll2_off = base_off + p->length;
		if (p == &proto_eth && n == up->ethertype)
			set_dep(st, PROTO_BASE_LL, s, PROTO_BASE_LL, false);
	}
}

static void drop_stmt(struct lift_state *st, struct stmt *s)
{
	struct stmt_list *l = &st->rule->stmts;
	for (uint32_t i = 0; i < l->n; i++) {
		if (l->v[i] != s)
			continue;
		memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(l->v[0]));
		l->n--;
		return;
	}
}

/* A match on a link-layer header field (`ether type ip`). */
static bool dep_is_link_match(const struct stmt *s)
{
	const struct expr *l = s->expr->bin.left;
	return l->kind == EXPR_PAYLOAD && l->payload.base == PROTO_BASE_LL;
}

/* A load at `base` follows: the pending match that established its header is a
 * dependency and leaves the listing. */
void lift_dep_consume(struct lift_state *st, const struct expr *load)
{
	if (load->kind != EXPR_PAYLOAD)
		return;
	uint32_t base = load->payload.base;
	if (base > PROTO_BASE_TRANSPORT)
		return;
	/* `vlan type` after `ether type 8021q` is itself a protocol match */
	if (base == PROTO_BASE_LL && load->payload.proto && load->payload.proto == st->proto.ll2 &&
	    load->payload.field && load->payload.proto->protocol_field >= 0 &&
	    load->payload.field == &load->payload.proto->fields[load->payload.proto->protocol_field])
		return;
	if (st->dep[base].stmt) {
		drop_stmt(st, st->dep[base].stmt);
		st->dep[base].stmt = NULL;
		/* icmp implies ipv4 and icmpv6 ipv6: `meta nfproto` goes with `meta l4proto` */
		if (base == PROTO_BASE_TRANSPORT && st->dep[PROTO_BASE_NETWORK].stmt &&
		    ((st->proto.transport == &proto_icmp && st->proto.network == &proto_ip) ||
		     (st->proto.transport == &proto_icmp6 && st->proto.network == &proto_ip6))) {
			drop_stmt(st, st->dep[PROTO_BASE_NETWORK].stmt);
			st->dep[PROTO_BASE_NETWORK].stmt = NULL;
		}
	}
	/* `ether type ip` before a transport field, in the table of that network
	 * header (ip, ip6): nothing the family does not already say, and nft lists the
	 * rule without it */
	if (base == PROTO_BASE_TRANSPORT && st->dep[PROTO_BASE_NETWORK].stmt &&
	    st->proto.network && st->proto.network->nfproto == st->ctx->family &&
	    dep_is_link_match(st->dep[PROTO_BASE_NETWORK].stmt)) {
		drop_stmt(st, st->dep[PROTO_BASE_NETWORK].stmt);
		st->dep[PROTO_BASE_NETWORK].stmt = NULL;
	}
	if (base == PROTO_BASE_TRANSPORT && st->dep[3].stmt && load->payload.field) {
		/* `icmpv6 type packet-too-big` is implied by `icmpv6 mtu` alone */
		const struct proto_field_dep *d = proto_field_dep_find(load->payload.proto,
								       load->payload.field);
		if (d && d->ntypes == 1 && d->types[0] == st->proto.icmp_type) {
			drop_stmt(st, st->dep[3].stmt);
			st->dep[3].stmt = NULL;
		}
	}
}

void lift_note_icmp_set(struct lift_state *st, const struct expr *key, const struct expr *set)
{
	if (key->kind != EXPR_PAYLOAD || !key->payload.field || set->list.n == 0 ||
	    (key->payload.proto != &proto_icmp && key->payload.proto != &proto_icmp6) ||
	    strcmp(key->payload.field->name, "type"))
		return;
	const struct expr *el = set->list.v[0];
	if (el->kind == EXPR_MAPPING)
		el = el->bin.left;
	if (el->kind == EXPR_SET_ELEM)
		el = el->elem.key;
	if (el->kind == EXPR_VALUE)
		st->proto.icmp_type = el->value.bytes[0];
}

/* The narrowed field keeps the tunnel its load was read through (`vxlan ip dscp`). */
static struct expr *keep_tunnel(struct lift_state *st, struct expr *e, const struct expr *load)
{
	if (!e || !load->payload.tunnel || e->kind != EXPR_PAYLOAD)
		return e;
	struct expr *c = arena_memdup(st->ctx->arena, e, sizeof(*e));
	c->payload.tunnel = load->payload.tunnel;
	return c;
}

struct expr *lift_payload_masked(struct lift_state *st, const struct expr *load,
				 const uint8_t *mask, uint32_t mlen, uint32_t *shift_out)
{
	return keep_tunnel(st, payload_masked(st, load, mask, mlen, shift_out), load);
}

struct expr *lift_payload_covering(struct lift_state *st, const struct expr *load)
{
	return keep_tunnel(st, payload_covering(st, load), load);
}
