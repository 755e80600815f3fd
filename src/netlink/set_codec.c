/* Sets on the wire: identity (table, name, handle, id), key/data types and
 * lengths, flags, policy, the description nest (size, concat field lengths),
 * timeout, gc interval, raw userdata and set-wide stateful expressions. */
#include <errno.h>
#include <stddef.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

static const struct attr_policy set_policy[NFTA_SET_MAX + 1] = {
	[NFTA_SET_TABLE] = { AK_STR, 256 },
	[NFTA_SET_NAME] = { AK_STR, 256 },
	[NFTA_SET_FLAGS] = { AK_U32, 0 },
	[NFTA_SET_KEY_TYPE] = { AK_U32, 0 },
	[NFTA_SET_KEY_LEN] = { AK_U32, 0 },
	[NFTA_SET_DATA_TYPE] = { AK_U32, 0 },
	[NFTA_SET_DATA_LEN] = { AK_U32, 0 },
	[NFTA_SET_POLICY] = { AK_U32, 0 },
	[NFTA_SET_DESC] = { AK_NESTED, 0 },
	[NFTA_SET_ID] = { AK_U32, 0 },
	[NFTA_SET_TIMEOUT] = { AK_U64, 0 },
	[NFTA_SET_GC_INTERVAL] = { AK_U32, 0 },
	[NFTA_SET_USERDATA] = { AK_BINARY, 256 },
	[NFTA_SET_OBJ_TYPE] = { AK_U32, 0 },
	[NFTA_SET_HANDLE] = { AK_U64, 0 },
	[NFTA_SET_EXPR] = { AK_NESTED, 0 },
	[NFTA_SET_EXPRESSIONS] = { AK_NESTED, 0 },
};

static const struct attr_policy desc_policy[NFTA_SET_DESC_MAX + 1] = {
	[NFTA_SET_DESC_SIZE] = { AK_U32, 0 },
	[NFTA_SET_DESC_CONCAT] = { AK_NESTED, 0 },
};

static const struct attr_policy field_policy[NFTA_SET_FIELD_MAX + 1] = {
	[NFTA_SET_FIELD_LEN] = { AK_U32, 0 },
};

/* a u32 member is sent when it is set, or flagged present */
#define PUT_U32(attr, field) \
	do { if (s->field || NL_HAS(s, attr)) attr_put_u32(b, attr, s->field); } while (0)

void enc_set(struct nl_buf *b, const struct nl_set *s)
{
	if (s->table)
		attr_put_str(b, NFTA_SET_TABLE, s->table);
	if (s->name)
		attr_put_str(b, NFTA_SET_NAME, s->name);
	if (s->handle)
		attr_put_u64(b, NFTA_SET_HANDLE, s->handle);
	PUT_U32(NFTA_SET_FLAGS, flags);
	PUT_U32(NFTA_SET_KEY_TYPE, key_type);
	PUT_U32(NFTA_SET_KEY_LEN, key_len);
	PUT_U32(NFTA_SET_DATA_TYPE, data_type);
	PUT_U32(NFTA_SET_DATA_LEN, data_len);
	PUT_U32(NFTA_SET_OBJ_TYPE, objtype);
	if (NL_HAS(s, NFTA_SET_POLICY))
		attr_put_u32(b, NFTA_SET_POLICY, s->policy);
	if (s->desc_size || s->nfields) {
		size_t desc = attr_nest_start(b, NFTA_SET_DESC);
		if (s->desc_size)
			attr_put_u32(b, NFTA_SET_DESC_SIZE, s->desc_size);
		if (s->nfields) {
			size_t concat = attr_nest_start(b, NFTA_SET_DESC_CONCAT);
			for (uint32_t i = 0; i < s->nfields && i < 16; i++) {
				size_t f = attr_nest_start(b, NFTA_LIST_ELEM);
				attr_put_u32(b, NFTA_SET_FIELD_LEN, s->field_len[i]);
				attr_nest_end(b, f);
			}
			attr_nest_end(b, concat);
		}
		attr_nest_end(b, desc);
	}
	PUT_U32(NFTA_SET_ID, id);
	if (s->timeout)
		attr_put_u64(b, NFTA_SET_TIMEOUT, s->timeout);
	PUT_U32(NFTA_SET_GC_INTERVAL, gc_interval);
	if (s->udata && s->udata_len)
		attr_put(b, NFTA_SET_USERDATA, s->udata, s->udata_len);
	if (s->exprs && s->exprs->n == 1)
		enc_expr_one(b, NFTA_SET_EXPR, &s->exprs->v[0]);
	else if (s->exprs && s->exprs->n > 1)
		enc_expr_list(b, NFTA_SET_EXPRESSIONS, s->exprs);
}

static int dec_concat(const struct attr *nest, struct nl_set *out)
{
	size_t off = 0;
	uint16_t type;
	struct attr at, tb[NFTA_SET_FIELD_MAX + 1];
	int r;
	while ((r = attr_next(nest->data, nest->len, &off, &type, &at)) > 0) {
		if (type != NFTA_LIST_ELEM || out->nfields >= 16 ||
		    attr_parse(at.data, at.len, field_policy, NFTA_SET_FIELD_MAX, tb) < 0 ||
		    !attr_ok(&tb[NFTA_SET_FIELD_LEN]))
			return -EINVAL;
		out->field_len[out->nfields++] = (uint8_t)attr_u32(&tb[NFTA_SET_FIELD_LEN]);
	}
	return r;
}

static int dec_desc(const struct attr *nest, struct nl_set *out)
{
	struct attr tb[NFTA_SET_DESC_MAX + 1];
	if (attr_parse(nest->data, nest->len, desc_policy, NFTA_SET_DESC_MAX, tb) < 0)
		return -EINVAL;
	if (attr_ok(&tb[NFTA_SET_DESC_SIZE]))
		out->desc_size = attr_u32(&tb[NFTA_SET_DESC_SIZE]);
	if (attr_ok(&tb[NFTA_SET_DESC_CONCAT]))
		return dec_concat(&tb[NFTA_SET_DESC_CONCAT], out);
	return 0;
}

/* u32 attributes straight into struct members, as data */
static const struct { uint16_t attr; size_t off; } set_u32s[] = {
	{ NFTA_SET_FLAGS, offsetof(struct nl_set, flags) },
	{ NFTA_SET_KEY_TYPE, offsetof(struct nl_set, key_type) },
	{ NFTA_SET_KEY_LEN, offsetof(struct nl_set, key_len) },
	{ NFTA_SET_DATA_TYPE, offsetof(struct nl_set, data_type) },
	{ NFTA_SET_DATA_LEN, offsetof(struct nl_set, data_len) },
	{ NFTA_SET_POLICY, offsetof(struct nl_set, policy) },
	{ NFTA_SET_ID, offsetof(struct nl_set, id) },
	{ NFTA_SET_GC_INTERVAL, offsetof(struct nl_set, gc_interval) },
	{ NFTA_SET_OBJ_TYPE, offsetof(struct nl_set, objtype) },
};

int dec_set(struct arena *a, const uint8_t *p, size_t len, uint32_t family, struct nl_set *out)
{
	struct attr tb[NFTA_SET_MAX + 1];
	*out = (struct nl_set){ .family = family };
	if (attr_parse(p, len, set_policy, NFTA_SET_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_SET_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_SET_TABLE]))
		out->table = arena_strdup(a, attr_str(&tb[NFTA_SET_TABLE]));
	if (attr_ok(&tb[NFTA_SET_NAME]))
		out->name = arena_strdup(a, attr_str(&tb[NFTA_SET_NAME]));
	if (attr_ok(&tb[NFTA_SET_HANDLE]))
		out->handle = attr_u64(&tb[NFTA_SET_HANDLE]);
	for (unsigned i = 0; i < sizeof(set_u32s) / sizeof(set_u32s[0]); i++)
		if (attr_ok(&tb[set_u32s[i].attr]))
			*(uint32_t *)((char *)out + set_u32s[i].off) = attr_u32(&tb[set_u32s[i].attr]);
	if (attr_ok(&tb[NFTA_SET_TIMEOUT]))
		out->timeout = attr_u64(&tb[NFTA_SET_TIMEOUT]);
	if (attr_ok(&tb[NFTA_SET_USERDATA])) {
		out->udata = arena_memdup(a, tb[NFTA_SET_USERDATA].data, tb[NFTA_SET_USERDATA].len);
		out->udata_len = tb[NFTA_SET_USERDATA].len;
	}
	if (attr_ok(&tb[NFTA_SET_DESC]) && dec_desc(&tb[NFTA_SET_DESC], out) < 0)
		return -EINVAL;
	int r = 0;
	if (attr_ok(&tb[NFTA_SET_EXPRESSIONS])) {
		out->exprs = arena_alloc(a, sizeof(*out->exprs));
		r = dec_expr_list(a, tb[NFTA_SET_EXPRESSIONS].data, tb[NFTA_SET_EXPRESSIONS].len,
				  out->exprs, 0);
	} else if (attr_ok(&tb[NFTA_SET_EXPR])) {
		out->exprs = arena_alloc(a, sizeof(*out->exprs));
		r = dec_expr_one(a, tb[NFTA_SET_EXPR].data, tb[NFTA_SET_EXPR].len, out->exprs, 0);
	}
	if (r < 0)
		return r;
	return out->name ? 0 : -EINVAL;
}
