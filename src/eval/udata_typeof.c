/* Encoding of typeof expressions in set userdata, as nft writes it (see
 * udata_typeof.h); nft's ids for headers and fields are the table of types/typeof.c,
 * which lift reads back. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "udata_typeof.h"
#include "../types/typeof.h"
#include "../types/exthdr.h"
#include "../types/tunnel.h"

static bool put_payload(struct udata_buf *u, const struct expr *e)
{
	const struct proto_desc *p = e->payload.proto;
	if (e->payload.is_raw || !p || !e->payload.field) {
		udata_put_u32(u, UDATA_PAYLOAD_DESC, 0);
		udata_put_u32(u, UDATA_PAYLOAD_TYPE, 0);
		udata_put_u32(u, UDATA_PAYLOAD_BASE, typeof_base_id(e->payload.base));
		udata_put_u32(u, UDATA_PAYLOAD_OFFSET, e->payload.offset);
		udata_put_u32(u, UDATA_PAYLOAD_LEN, e->len);
		return true;
	}
	uint32_t id = typeof_proto_id(p), idx = typeof_field_index(p, e->payload.field->name);
	if (!id || !idx)
		return false;
	udata_put_u32(u, UDATA_PAYLOAD_DESC, id);
	udata_put_u32(u, UDATA_PAYLOAD_TYPE, idx);
	if (e->dtype && e->dtype->id == TYPE_INTEGER)
		udata_put_u32(u, UDATA_PAYLOAD_LEN, e->len);
	const struct tunnel_desc *t = e->payload.tunnel ? tunnel_by_proto(e->payload.tunnel) : NULL;
	if (t)
		udata_put_u32(u, UDATA_PAYLOAD_INNER_DESC, t->typeof_id);
	return true;
}

/* `frag frag-off`, `tcp option maxseg size`, `ip option ra value`, `sctp chunk init
 * num-inbound-streams`: nft's header id, the field's place, and the op but for IPv6 */
static bool put_exthdr(struct udata_buf *u, const struct expr *e)
{
	static const char *const prefixes[] = { "tcp option ", "sctp chunk ", "ip option " };
	const char *name = e->exthdr.hdr;
	uint32_t desc_id, idx;
	if (!name || !e->exthdr.field || (e->exthdr.flags & NFT_EXTHDR_F_PRESENT))
		return false;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			name += strlen(prefixes[i]);
	const struct exthdr_desc *d = exthdr_desc_by_name(e->exthdr.op, name);
	if (!d || !exthdr_typeof_ids(d, e->exthdr.field, &desc_id, &idx))
		return false;
	udata_put_u32(u, UDATA_EXTHDR_TYPE, idx);
	if (e->exthdr.op != NFT_EXTHDR_OP_IPV6)
		udata_put_u32(u, UDATA_EXTHDR_OP, e->exthdr.op);
	udata_put_u32(u, UDATA_EXTHDR_DESC, desc_id);
	return true;
}

/* nft stores `ct original ip saddr` with the per-family key (NFT_CT_SRC_IP ...). */
static uint32_t ct_typeof_key(const struct expr *e)
{
	uint32_t k = e->ct.key->key;
	bool v6 = e->ct.nfproto == NFPROTO_IPV6;
	if (e->ct.nfproto != NFPROTO_IPV4 && !v6)
		return k;
	if (k == NFT_CT_SRC)
		return v6 ? NFT_CT_SRC_IP6 : NFT_CT_SRC_IP;
	if (k == NFT_CT_DST)
		return v6 ? NFT_CT_DST_IP6 : NFT_CT_DST_IP;
	return k;
}

/* nft's id of each expression kind that has a typeof form */
static const struct {
	enum expr_kind kind;
	uint32_t id;
} typeof_ids[] = {
	{ EXPR_PAYLOAD, UDATA_EXPR_PAYLOAD }, { EXPR_META, UDATA_EXPR_META },
	{ EXPR_CT, UDATA_EXPR_CT }, { EXPR_RT, UDATA_EXPR_RT },
	{ EXPR_SOCKET, UDATA_EXPR_SOCKET }, { EXPR_FIB, UDATA_EXPR_FIB },
	{ EXPR_OSF, UDATA_EXPR_OSF }, { EXPR_NUMGEN, UDATA_EXPR_NUMGEN },
	{ EXPR_CONCAT, UDATA_EXPR_CONCAT }, { EXPR_EXTHDR, UDATA_EXPR_EXTHDR },
	{ EXPR_XFRM, UDATA_EXPR_XFRM },
};

static bool put_one(struct udata_buf *u, const struct expr *e);

/* The attributes inside one expression's DATA nest. */
static bool put_data(struct udata_buf *u, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_PAYLOAD:
		return put_payload(u, e);
	case EXPR_EXTHDR:
		return put_exthdr(u, e);
	case EXPR_XFRM:        /* key, direction, state number */
		udata_put_u32(u, UDATA_XFRM_KEY, e->other.key);
		udata_put_u32(u, UDATA_XFRM_DIR, e->other.flags);
		udata_put_u32(u, UDATA_XFRM_SPNUM, e->other.mod);
		return true;
	case EXPR_META:
		if (!e->meta.key)
			return false;
		udata_put_u32(u, UDATA_META_KEY, e->meta.key->key);
		return true;
	case EXPR_CT:
		if (!e->ct.key)
			return false;
		udata_put_u32(u, UDATA_CT_KEY, ct_typeof_key(e));
		udata_put_u32(u, UDATA_CT_DIR, (uint32_t)e->ct.dir);
		return true;
	case EXPR_RT:          /* key */
	case EXPR_SOCKET:      /* key (a cgroupv2 level is not kept) */
		udata_put_u32(u, 0, e->other.key);
		return true;
	case EXPR_FIB:         /* result, flags */
		udata_put_u32(u, 0, e->other.key);
		udata_put_u32(u, 1, e->other.flags);
		return true;
	case EXPR_NUMGEN:      /* mode, modulus, offset */
		udata_put_u32(u, 0, e->other.key);
		udata_put_u32(u, 1, e->other.mod);
		udata_put_u32(u, 2, e->other.offset);
		return true;
	case EXPR_CONCAT:
		for (uint32_t i = 0; i < e->list.n; i++) {
			udata_nest_start(u, (uint8_t)i);
			if (e->list.v[i]->kind == EXPR_CONCAT || !put_one(u, e->list.v[i]))
				return false;
			udata_nest_end(u);
		}
		return true;
	default:               /* osf: nothing but the kind */
		return true;
	}
}

/* One expression: EXPR id + DATA nest. A false return leaves *u part-written: the
 * caller (udata_put_typeof) puts back what it held before. */
static bool put_one(struct udata_buf *u, const struct expr *e)
{
	for (size_t i = 0; i < sizeof(typeof_ids) / sizeof(typeof_ids[0]); i++) {
		if (typeof_ids[i].kind != e->kind)
			continue;
		udata_put_u32(u, UDATA_TYPEOF_EXPR, typeof_ids[i].id);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		if (!put_data(u, e))
			return false;
		udata_nest_end(u);
		return true;
	}
	return false;
}

bool udata_put_typeof(struct udata_buf *u, uint8_t type, const struct expr *e)
{
	struct udata_buf saved = *u;
	udata_nest_start(u, type);
	if (!put_one(u, e) || u->overflow) {
		*u = saved;
		return false;
	}
	udata_nest_end(u);
	return true;
}

void udata_put_typeof_empty_concat(struct udata_buf *u, uint8_t type)
{
	udata_nest_start(u, type);
	udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_CONCAT);
	udata_nest_start(u, UDATA_TYPEOF_DATA);
	udata_nest_end(u);
	udata_nest_end(u);
}
