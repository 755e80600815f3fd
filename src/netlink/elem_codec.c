/* Set elements on the wire: the list header (table, set name or id) and one
 * NFTA_LIST_ELEM nest per element with key, key end, data or verdict, flags,
 * timeout, expiration, userdata, object reference and expressions. */
#include <errno.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

static const struct attr_policy list_policy[NFTA_SET_ELEM_LIST_MAX + 1] = {
	[NFTA_SET_ELEM_LIST_TABLE] = { AK_STR, 256 },
	[NFTA_SET_ELEM_LIST_SET] = { AK_STR, 256 },
	[NFTA_SET_ELEM_LIST_ELEMENTS] = { AK_NESTED, 0 },
	[NFTA_SET_ELEM_LIST_SET_ID] = { AK_U32, 0 },
};

static const struct attr_policy elem_policy[NFTA_SET_ELEM_MAX + 1] = {
	[NFTA_SET_ELEM_KEY] = { AK_NESTED, 0 },
	[NFTA_SET_ELEM_DATA] = { AK_NESTED, 0 },
	[NFTA_SET_ELEM_FLAGS] = { AK_U32, 0 },
	[NFTA_SET_ELEM_TIMEOUT] = { AK_U64, 0 },
	[NFTA_SET_ELEM_EXPIRATION] = { AK_U64, 0 },
	[NFTA_SET_ELEM_USERDATA] = { AK_BINARY, 256 },
	[NFTA_SET_ELEM_EXPR] = { AK_NESTED, 0 },
	[NFTA_SET_ELEM_OBJREF] = { AK_STR, 256 },
	[NFTA_SET_ELEM_KEY_END] = { AK_NESTED, 0 },
	[NFTA_SET_ELEM_EXPRESSIONS] = { AK_NESTED, 0 },
};

void enc_elem_list_head(struct nl_buf *b, const struct nl_set *s)
{
	if (s->table)
		attr_put_str(b, NFTA_SET_ELEM_LIST_TABLE, s->table);
	if (s->name)
		attr_put_str(b, NFTA_SET_ELEM_LIST_SET, s->name);
	if (s->id)
		attr_put_u32(b, NFTA_SET_ELEM_LIST_SET_ID, s->id);
}

void enc_elem(struct nl_buf *b, const struct nl_elem *e)
{
	size_t nest = attr_nest_start(b, NFTA_LIST_ELEM);
	if (e->key)
		enc_value(b, NFTA_SET_ELEM_KEY, e->key, e->key_len);
	if (e->key_end)
		enc_value(b, NFTA_SET_ELEM_KEY_END, e->key_end, e->key_end_len);
	if (e->data)
		enc_data(b, NFTA_SET_ELEM_DATA, e->data);
	if (e->flags || NL_HAS(e, NFTA_SET_ELEM_FLAGS))
		attr_put_u32(b, NFTA_SET_ELEM_FLAGS, e->flags);
	if (e->timeout)
		attr_put_u64(b, NFTA_SET_ELEM_TIMEOUT, e->timeout);
	if (e->expiration)
		attr_put_u64(b, NFTA_SET_ELEM_EXPIRATION, e->expiration);
	if (e->udata && e->udata_len)
		attr_put(b, NFTA_SET_ELEM_USERDATA, e->udata, e->udata_len);
	if (e->objref)
		attr_put_str(b, NFTA_SET_ELEM_OBJREF, e->objref);
	if (e->exprs && e->exprs->n)
		enc_expr_list(b, NFTA_SET_ELEM_EXPRESSIONS, e->exprs);
	attr_nest_end(b, nest);
}

static int dec_elem(struct arena *a, const struct attr *nest, struct nl_elem *out)
{
	struct attr tb[NFTA_SET_ELEM_MAX + 1];
	*out = (struct nl_elem){ 0 };
	if (attr_parse(nest->data, nest->len, elem_policy, NFTA_SET_ELEM_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_SET_ELEM_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_SET_ELEM_KEY]) &&
	    dec_value(a, &tb[NFTA_SET_ELEM_KEY], &out->key, &out->key_len) < 0)
		return -EINVAL;
	if (attr_ok(&tb[NFTA_SET_ELEM_KEY_END]) &&
	    dec_value(a, &tb[NFTA_SET_ELEM_KEY_END], &out->key_end, &out->key_end_len) < 0)
		return -EINVAL;
	if (attr_ok(&tb[NFTA_SET_ELEM_DATA]) && dec_data(a, &tb[NFTA_SET_ELEM_DATA], &out->data) < 0)
		return -EINVAL;
	if (attr_ok(&tb[NFTA_SET_ELEM_FLAGS]))
		out->flags = attr_u32(&tb[NFTA_SET_ELEM_FLAGS]);
	/* only the catch-all element has no key; anything else is malformed */
	if (!out->key && !(out->flags & NFT_SET_ELEM_CATCHALL))
		return -EINVAL;
	if (attr_ok(&tb[NFTA_SET_ELEM_TIMEOUT]))
		out->timeout = attr_u64(&tb[NFTA_SET_ELEM_TIMEOUT]);
	if (attr_ok(&tb[NFTA_SET_ELEM_EXPIRATION]))
		out->expiration = attr_u64(&tb[NFTA_SET_ELEM_EXPIRATION]);
	if (attr_ok(&tb[NFTA_SET_ELEM_USERDATA])) {
		out->udata = arena_memdup(a, tb[NFTA_SET_ELEM_USERDATA].data,
					  tb[NFTA_SET_ELEM_USERDATA].len);
		out->udata_len = tb[NFTA_SET_ELEM_USERDATA].len;
	}
	if (attr_ok(&tb[NFTA_SET_ELEM_OBJREF]))
		out->objref = arena_strdup(a, attr_str(&tb[NFTA_SET_ELEM_OBJREF]));
	int r = 0;
	if (attr_ok(&tb[NFTA_SET_ELEM_EXPRESSIONS])) {
		out->exprs = arena_alloc(a, sizeof(*out->exprs));
		r = dec_expr_list(a, tb[NFTA_SET_ELEM_EXPRESSIONS].data,
				  tb[NFTA_SET_ELEM_EXPRESSIONS].len, out->exprs, 0);
	} else if (attr_ok(&tb[NFTA_SET_ELEM_EXPR])) {
		out->exprs = arena_alloc(a, sizeof(*out->exprs));
		r = dec_expr_one(a, tb[NFTA_SET_ELEM_EXPR].data, tb[NFTA_SET_ELEM_EXPR].len,
				 out->exprs, 0);
	}
	return r;
}

/* A new slot at the end of set->elems; the caller assigns it whole. */
static struct nl_elem *elem_append(struct arena *a, struct nl_set *set)
{
	if (set->nelems == set->elems_cap) {
		/* large arrays grow by a quarter: realloc moves pages, not bytes */
		uint32_t c = set->elems_cap;
		uint32_t cap = !c ? 16 : c < 4096 ? c * 2 : c + c / 4;
		set->elems = arena_grow_filled(a, set->elems, set->nelems, cap,
					       sizeof(*set->elems));
		set->elems_cap = cap;
	}
	return &set->elems[set->nelems++];
}

int dec_elem_list(struct arena *a, const uint8_t *p, size_t len, struct nl_set *set)
{
	struct attr tb[NFTA_SET_ELEM_LIST_MAX + 1];
	if (attr_parse(p, len, list_policy, NFTA_SET_ELEM_LIST_MAX, tb) < 0)
		return -EINVAL;
	if (!attr_ok(&tb[NFTA_SET_ELEM_LIST_ELEMENTS]))
		return 0;
	const struct attr *l = &tb[NFTA_SET_ELEM_LIST_ELEMENTS];
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	while ((r = attr_next(l->data, l->len, &off, &type, &at)) > 0) {
		if (type != NFTA_LIST_ELEM)
			return -EINVAL;
		struct nl_elem e;
		if (dec_elem(a, &at, &e) < 0)
			return -EINVAL;
		*elem_append(a, set) = e;
	}
	return r;
}
