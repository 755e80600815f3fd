/* Lift: a set's `typeof` userdata (NFTNL_UDATA_SET_KEY_TYPEOF / DATA_TYPEOF, as nft
 * writes it and eval/udata_typeof.c encodes it) back into the expressions it names:
 * payload fields by nft's header and field ids (types/typeof.c), extension headers and
 * options by nft's ids (types/exthdr.c), meta, ct, rt, fib, socket, osf, numgen and
 * ipsec keys, concatenations of those. Anything else is not decodable: the set is then
 * listed with its `type`, as nft does. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lift_int.h"
#include "../types/typeof.h"
#include "../types/exthdr.h"
#include "../types/tunnel.h"
#include "../types/udata_attrs.h"
#include "../util/tlv.h"

/* concatenations nest at most this deep in what nft writes */
#define TYPEOF_DEPTH_MAX 2

static struct expr *payload_typeof(struct arena *a, const uint8_t *d, uint32_t dl)
{
	uint32_t id = 0, idx = 0;
	if (!tlv_u32(d, dl, UDATA_PAYLOAD_DESC, &id) || !tlv_u32(d, dl, UDATA_PAYLOAD_TYPE, &idx))
		return NULL;
	struct expr *e = expr_alloc(a, EXPR_PAYLOAD, NULL);
	if (!id) {          /* a raw payload: @base,offset,length */
		uint32_t base = 0, off = 0, len = 0;
		if (!tlv_u32(d, dl, UDATA_PAYLOAD_BASE, &base) ||
		    !tlv_u32(d, dl, UDATA_PAYLOAD_OFFSET, &off) ||
		    !tlv_u32(d, dl, UDATA_PAYLOAD_LEN, &len) || typeof_base_of_id(base) < 0)
			return NULL;
		e->payload.is_raw = true;
		e->payload.base = (enum proto_base)typeof_base_of_id(base);
		e->payload.offset = off;
		e->len = len;
		e->dtype = &dt_integer;
		e->byteorder = BYTEORDER_BIG;
		return e;
	}
	const struct proto_desc *p = typeof_proto_by_id(id);
	const char *name = typeof_field_name(id, idx);
	const struct proto_field *f = p && name ? proto_field_by_name(p, name) : NULL;
	if (!f)
		return NULL;
	e->payload.proto = p;
	e->payload.field = f;
	e->payload.base = p->base;
	e->payload.offset = f->offset;
	uint32_t inner = 0;
	if (tlv_u32(d, dl, UDATA_PAYLOAD_INNER_DESC, &inner)) {
		const struct tunnel_desc *t = NULL;
		for (const struct tunnel_desc *x = tunnel_all; x->name; x++)
			if (x->typeof_id == inner)
				t = x;
		if (!t)
			return NULL;
		e->payload.tunnel = t->proto;
	}
	e->len = f->len;
	e->dtype = f->dtype;
	e->byteorder = f->byteorder;
	return e;
}

static struct expr *exthdr_typeof(struct arena *a, const uint8_t *d, uint32_t dl)
{
	uint32_t desc = 0, idx = 0, op = NFT_EXTHDR_OP_IPV6;
	const struct proto_field *f = NULL;
	if (!tlv_u32(d, dl, UDATA_EXTHDR_DESC, &desc) || !tlv_u32(d, dl, UDATA_EXTHDR_TYPE, &idx))
		return NULL;
	tlv_u32(d, dl, UDATA_EXTHDR_OP, &op);
	const struct exthdr_desc *h = exthdr_by_typeof_ids(op, desc, idx, &f);
	return h ? lift_exthdr_field(a, h, f) : NULL;
}

/* rt, socket, fib, numgen, osf and ipsec: their attributes, numbered from 0, are the
 * kernel's key, then flags (fib), modulus and offset (numgen), state number and
 * direction (ipsec). */
static struct expr *other_typeof(struct arena *a, enum expr_kind k, const uint8_t *d,
				 uint32_t dl)
{
	uint32_t v[3] = { 0, 0, 0 };
	if (k != EXPR_OSF && !tlv_u32(d, dl, 0, &v[0]))
		return NULL;
	for (uint8_t i = 1; i < 3; i++)
		tlv_u32(d, dl, i, &v[i]);
	switch (k) {
	case EXPR_NUMGEN: {
		struct expr *e = lift_other_expr(a, k, v[0], 0);
		e->other.mod = v[1];
		e->other.offset = v[2];
		return e;
	}
	case EXPR_XFRM: {
		struct expr *e = lift_other_expr(a, k, v[UDATA_XFRM_KEY], v[UDATA_XFRM_DIR]);
		e->other.mod = v[UDATA_XFRM_SPNUM];
		return e;
	}
	case EXPR_FIB:
		return lift_other_expr(a, k, v[0], v[1]);
	default:            /* rt, socket: a key; osf: nothing */
		return lift_other_expr(a, k, v[0], 0);
	}
}

static struct expr *one_typeof(struct arena *a, const uint8_t *p, uint32_t len, int depth)
{
	uint32_t kind = 0;
	uint8_t dl = 0;
	const uint8_t *d = tlv_find(p, len, UDATA_TYPEOF_DATA, &dl);
	if (!tlv_u32(p, len, UDATA_TYPEOF_EXPR, &kind) || !d || depth > TYPEOF_DEPTH_MAX)
		return NULL;
	switch (kind) {
	case UDATA_EXPR_PAYLOAD:
		return payload_typeof(a, d, dl);
	case UDATA_EXPR_META: {
		uint32_t key;
		const struct meta_key *k;
		if (!tlv_u32(d, dl, UDATA_META_KEY, &key) || !(k = meta_key_by_kernel(key)))
			return NULL;
		struct expr *e = expr_alloc(a, EXPR_META, NULL);
		e->meta.key = k;
		e->dtype = k->dtype;
		e->len = k->len;
		e->byteorder = k->byteorder;
		return e;
	}
	case UDATA_EXPR_CT: {
		uint32_t key, dir = (uint32_t)-1;
		const struct ct_key *k;
		if (!tlv_u32(d, dl, UDATA_CT_KEY, &key) || !(k = ct_key_by_kernel(key)))
			return NULL;
		tlv_u32(d, dl, UDATA_CT_DIR, &dir);
		struct expr *e = expr_alloc(a, EXPR_CT, NULL);
		e->ct.key = k;
		e->ct.dir = (int32_t)dir;
		e->dtype = k->dtype;
		e->len = k->len;
		e->byteorder = k->byteorder;
		return e;
	}
	case UDATA_EXPR_EXTHDR:
		return exthdr_typeof(a, d, dl);
	case UDATA_EXPR_RT:
		return other_typeof(a, EXPR_RT, d, dl);
	case UDATA_EXPR_SOCKET:
		return other_typeof(a, EXPR_SOCKET, d, dl);
	case UDATA_EXPR_FIB:
		return other_typeof(a, EXPR_FIB, d, dl);
	case UDATA_EXPR_NUMGEN:
		return other_typeof(a, EXPR_NUMGEN, d, dl);
	case UDATA_EXPR_OSF:
		return other_typeof(a, EXPR_OSF, d, dl);
	case UDATA_EXPR_XFRM:
		return other_typeof(a, EXPR_XFRM, d, dl);
	case UDATA_EXPR_CONCAT: {
		struct expr *c = expr_alloc(a, EXPR_CONCAT, NULL);
		for (uint8_t i = 0; i < 16; i++) {
			uint8_t il = 0;
			const uint8_t *item = tlv_find(d, dl, i, &il);
			if (!item)
				break;
			struct expr *e = one_typeof(a, item, il, depth + 1);
			if (!e)
				return NULL;
			expr_list_add(a, &c->list, e);
		}
		return c->list.n ? c : NULL;
	}
	default:
		return NULL;
	}
}

struct expr *lift_set_typeof(struct arena *a, const uint8_t *udata, uint32_t len, uint8_t attr)
{
	uint8_t l = 0;
	const uint8_t *p = tlv_find(udata, len, attr, &l);
	return p ? one_typeof(a, p, l, 0) : NULL;
}
