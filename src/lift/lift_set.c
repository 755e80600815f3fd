/* Lift set elements: kernel keys/data → EXPR_SET of elements or mappings, typed by
 * the lookup's left side (anonymous sets) or by the set's key/data types (listing).
 * Interval sets arrive as [start, end) pairs and become ranges/prefixes again. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "lift_int.h"
#include "../util/tlv.h"
#include "../util/nf_tables_uapi.h"
#include "../types/udata_attrs.h"

struct expr *lift_type_template(struct lift_ctx *ctx, uint32_t type_id, uint32_t len_bytes,
				enum byteorder bo)
{
	struct expr *e = expr_alloc(ctx->arena, EXPR_VALUE, NULL);
	if (type_id == NFT_DATA_VERDICT) {
		e->dtype = &dt_verdict;
		return e;
	}
	const struct datatype *dt = datatype_by_id(type_id);
	e->dtype = dt ? dt : &dt_integer;
	e->len = e->dtype->size ? e->dtype->size : len_bytes * 8;
	e->byteorder = bo != BYTEORDER_INVALID ? bo : e->dtype->byteorder;
	return e;
}

/* An interval set's keys are compared by the kernel as big-endian numbers: host-order
 * values (marks, interface indexes, host integers) were stored byte-swapped, as nft
 * stores them, and are swapped back when read. */
static void mark_swapped(struct expr *key)
{
	if (key->kind == EXPR_CONCAT) {
		for (uint32_t i = 0; i < key->list.n; i++)
			mark_swapped(key->list.v[i]);
		return;
	}
	/* strings (interface names) are byte arrays, never swapped */
	if (key->byteorder == BYTEORDER_HOST && key->len > 8 && key->dtype &&
	    !(key->dtype->flags & DTYPE_F_STRING))
		key->flags |= LIFT_F_SWAPPED;
}

static struct expr *set_type_expr(struct lift_ctx *ctx, const struct nl_set *set, bool data);

/* The bytes a typed key takes in the kernel's key: concatenated parts 4-byte aligned;
 * 0 for a part of no known length or type. */
static uint32_t template_bytes(const struct expr *e)
{
	if (e->kind != EXPR_CONCAT)
		return e->dtype && e->len ? (e->len + 7) / 8 : 0;
	uint32_t n = 0;
	for (uint32_t i = 0; i < e->list.n; i++) {
		uint32_t b = template_bytes(e->list.v[i]);
		if (!b)
			return 0;
		n += (b + 3) / 4 * 4;
	}
	return n;
}

/* A named set holds sub-byte header fields shifted down to bit 0, as the rules that
 * look them up shift the loaded field (nft stores `typeof ip version` 4 as 0x04). */
static void mark_normalised(struct expr *e)
{
	if (e->kind == EXPR_CONCAT) {
		for (uint32_t i = 0; i < e->list.n; i++)
			mark_normalised(e->list.v[i]);
		return;
	}
	uint32_t off = e->kind == EXPR_PAYLOAD ? e->payload.offset
		     : e->kind == EXPR_EXTHDR ? e->exthdr.offset : 0;
	if ((e->kind == EXPR_PAYLOAD || e->kind == EXPR_EXTHDR) && (off % 8 || e->len % 8))
		e->flags |= LIFT_F_NORMALISED;
}

/* The expression of the set's typeof userdata, when it fits the kernel's key (or
 * data) length: it knows what the datatype ids do not — a field's byte order and
 * length, a raw payload, a sub-byte field — as nft decodes elements by it (and
 * encodes those added to the set later). */
struct expr *lift_set_typeof_template(struct arena *a, const struct nl_set *set, bool data)
{
	if (data && set->data_type == NFT_DATA_VERDICT)
		return NULL;
	struct expr *e = lift_set_typeof(a, set->udata, set->udata_len,
					 data ? UDATA_SET_DATA_TYPEOF : UDATA_SET_KEY_TYPEOF);
	uint32_t want = data ? set->data_len : set->key_len;
	if (!e || !want || template_bytes(e) != want)
		return NULL;
	if (e->kind == EXPR_CONCAT)
		e->len = want * 8;
	return e;
}

static struct expr *typeof_template(struct lift_ctx *ctx, const struct nl_set *set, bool data)
{
	struct expr *e = lift_set_typeof_template(ctx->arena, set, data);
	if (e)
		mark_normalised(e);
	return e;
}

/* The key (or data) of a set as a template expression: dtype/len/byteorder, an
 * EXPR_CONCAT for concatenations. */
struct expr *lift_set_key_expr(struct lift_ctx *ctx, const struct nl_set *set, bool data)
{
	struct expr *e = set_type_expr(ctx, set, data);
	if (!data && (set->flags & NFT_SET_INTERVAL))
		mark_swapped(e);
	return e;
}

static struct expr *set_type_expr(struct lift_ctx *ctx, const struct nl_set *set, bool data)
{
	struct expr *t = typeof_template(ctx, set, data);
	if (t)
		return t;
	uint32_t type = data ? set->data_type : set->key_type;
	uint32_t len = data ? set->data_len : set->key_len;
	uint8_t l = 0;
	const uint8_t *bo_p = tlv_find(set->udata, set->udata_len,
					 data ? UDATA_SET_DATABYTEORDER : UDATA_SET_KEYBYTEORDER, &l);
	enum byteorder bo = BYTEORDER_INVALID;
	if (bo_p && l >= 4) {
		uint32_t x;
		memcpy(&x, bo_p, 4);
		bo = x == UDATA_BYTEORDER_HOST ? BYTEORDER_HOST
		     : x == UDATA_BYTEORDER_BIG ? BYTEORDER_BIG : BYTEORDER_INVALID;
	}
	if (type == NFT_DATA_VERDICT || type < (1u << TYPE_BITS))
		return lift_type_template(ctx, type, len, bo);
	/* concatenation: ids packed TYPE_BITS apart, first component highest */
	uint32_t ids[8];
	unsigned n = datatype_id_split(type, ids);
	struct expr *c = expr_alloc(ctx->arena, EXPR_CONCAT, NULL);
	for (unsigned i = 0; i < n; i++) {
		uint32_t flen = (!data && i < set->nfields) ? set->field_len[i] : 0;
		/* a string (ifname) in a concatenation: its share of the total length */
		struct expr *part = lift_type_template(ctx, ids[i], flen ? flen : 16,
						       BYTEORDER_INVALID);
		expr_list_add(ctx->arena, &c->list, part);
		c->len += (part->len + 31) / 32 * 32;
	}
	return c;
}

static int key_cmp(const uint8_t *a, const uint8_t *b, uint32_t n, bool host)
{
	if (!host)
		return memcmp(a, b, n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = host ? n - 1 - i : i;
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	}
	return 0;
}

/* An element's key, zero-padded or cut to `kb` bytes (the catch-all has none). */
static void key_copy(uint8_t *dst, const struct nl_elem *e, uint32_t kb)
{
	if (e->key && e->key_len)
		memcpy(dst, e->key, e->key_len < kb ? e->key_len : kb);
}

/* An element's key over `n` bytes: its own bytes, or zero-padded into `buf`. */
static const uint8_t *elem_key(const struct nl_elem *e, uint32_t n, uint8_t *buf)
{
	if (e->key && e->key_len >= n)
		return e->key;
	memset(buf, 0, n);
	key_copy(buf, e, n);
	return buf;
}

/* The position of the lowest bit set in a key, -1 when none is. */
static int lowest_bit(const uint8_t *k, uint32_t n, bool host)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t b = k[host ? i : n - 1 - i];
		for (int bit = 0; b && bit < 8; bit++)
			if ((b >> bit) & 1)
				return (int)(i * 8) + bit;
	}
	return -1;
}

static int elem_order(const void *pa, const void *pb, void *ctx)
{
	const struct nl_elem *a = *(const struct nl_elem *const *)pa;
	const struct nl_elem *b = *(const struct nl_elem *const *)pb;
	const struct lift_elems_iter *it = ctx;
	/* the catch-all element is listed last */
	bool ca = a->flags & NFT_SET_ELEM_CATCHALL, cb = b->flags & NFT_SET_ELEM_CATCHALL;
	if (ca != cb)
		return ca ? 1 : -1;
	if (ca)
		return 0;
	uint32_t n = it->kb;
	uint8_t bufa[VM_DATA_MAX], bufb[VM_DATA_MAX];
	const uint8_t *ka = elem_key(a, n, bufa), *kb = elem_key(b, n, bufb);
	/* nft lists a combination of flags as `a | b` and sorts it by its first
	 * (lowest) flag, a stable sort: equal first flags keep the kernel's order */
	if (it->by_lowest_flag) {
		int la = lowest_bit(ka, n, it->host), lb = lowest_bit(kb, n, it->host);
		if (la != lb)
			return la < lb ? -1 : 1;
		return a < b ? -1 : a > b;      /* the elements' places in the dump */
	}
	int c = key_cmp(ka, kb, n, it->host);
	if (c)
		return c;
	/* an interval end sorts before a start at the same key */
	return (int)(b->flags & NFT_SET_ELEM_INTERVAL_END) -
	       (int)(a->flags & NFT_SET_ELEM_INTERVAL_END);
}

/* end - 1 over `n` bytes in the given byte order */
static void decrement(uint8_t *p, uint32_t n, bool host)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = host ? i : n - 1 - i;
		if (p[k]--)
			break;
	}
}

/* [lo, hi] as a value, a prefix (address types) or a range. */
struct expr *lift_interval_expr(struct lift_ctx *ctx, const struct expr *like,
				const uint8_t *lo, const uint8_t *hi, uint32_t n)
{
	struct expr *a = lift_data_as(ctx, like, lo, n);
	if (!memcmp(lo, hi, n))
		return a;
	if (like->kind != EXPR_CONCAT && like->dtype && (like->dtype->flags & DTYPE_F_STRING)) {
		/* "eth*": the prefix, then NULs up to `ff ff …` */
		uint32_t k = 0;
		while (k < n && lo[k] == hi[k] && lo[k])
			k++;
		bool wild = k > 0 && k < n;
		for (uint32_t i = k; i < n && wild; i++)
			wild = !lo[i] && hi[i] == 0xff;
		if (wild) {
			a->value.len = k * 8;    /* shorter than the type: printed with '*' */
			return a;
		}
	}
	bool host = like->byteorder == BYTEORDER_HOST && !(like->flags & LIFT_F_SWAPPED);
	if (!host && like->dtype && (like->dtype->flags & DTYPE_F_PREFIX)) {
		uint32_t bits = like->len ? like->len : n * 8, plen = 0;
		bool ok = true, inhost = false;
		while (plen + 8 <= bits && lo[plen / 8] == hi[plen / 8])
			plen += 8;       /* whole bytes of the network part at once */
		for (uint32_t i = plen; i < bits && ok; i++) {
			bool x = (lo[i / 8] >> (7 - i % 8)) & 1, y = (hi[i / 8] >> (7 - i % 8)) & 1;
			if (!inhost && x == y) {
				plen++;
				continue;
			}
			inhost = true;
			if (x || !y)
				ok = false;
		}
		if (ok) {
			struct expr *p = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
			p->bin.left = a;
			p->bin.prefix_len = plen;
			p->dtype = like->dtype;
			p->len = like->len;
			return p;
		}
	}
	struct expr *r = expr_bin(ctx->arena, EXPR_RANGE, NULL, a, 0,
				  lift_data_as(ctx, like, hi, n));
	r->dtype = like->dtype;
	r->len = like->len;
	return r;
}

/* A concatenation with a closing key: each component a value or a range. */
static struct expr *concat_range(struct lift_ctx *ctx, const struct expr *like,
				 const struct nl_elem *e)
{
	struct expr *c = expr_alloc(ctx->arena, EXPR_CONCAT, NULL);
	uint32_t off = 0;
	for (uint32_t i = 0; i < like->list.n; i++) {
		const struct expr *part = like->list.v[i];
		uint32_t nb = (part->len + 7) / 8, step = (nb + 3) / 4 * 4;
		uint8_t lo[VM_DATA_MAX] = {0}, hi[VM_DATA_MAX] = {0};
		if (nb > VM_DATA_MAX)
			nb = VM_DATA_MAX;
		if (off + nb <= e->key_len)
			memcpy(lo, e->key + off, nb);
		if (off + nb <= e->key_end_len)
			memcpy(hi, e->key_end + off, nb);
		expr_list_add(ctx->arena, &c->list, lift_interval_expr(ctx, part, lo, hi, nb));
		off += step;
	}
	c->dtype = like->dtype;
	c->len = like->len;
	return c;
}

/* The bytes of one field of `like` (not a concatenation). */
static uint32_t field_bytes(const struct expr *like)
{
	if (like->dtype && like->dtype->size)
		return (like->dtype->size + 7) / 8;
	return (like->len + 7) / 8;
}

/* Data of a map declared `: interval T` (nat maps): every field's low end, then every
 * field's high end; each field a value, a prefix or a range. */
static struct expr *interval_data(struct lift_ctx *ctx, const struct expr *like,
				  const uint8_t *d, uint32_t len)
{
	uint32_t half = len / 2, n = like->kind == EXPR_CONCAT ? like->list.n : 1, off = 0;
	struct expr *c = n > 1 ? expr_alloc(ctx->arena, EXPR_CONCAT, NULL) : NULL;
	for (uint32_t i = 0; i < n; i++) {
		struct expr part = like->kind == EXPR_CONCAT ? *like->list.v[i] : *like;
		uint32_t nb = field_bytes(&part);
		if (nb > VM_DATA_MAX || off + nb > half)
			return lift_data_as(ctx, like, d, len);
		part.len = nb * 8;
		struct expr *f = lift_interval_expr(ctx, &part, d + off, d + half + off, nb);
		if (!c && f->kind == EXPR_VALUE && part.dtype &&
		    (part.dtype->flags & DTYPE_F_PREFIX)) {
			/* one address alone: nft shows it as a full-length prefix */
			struct expr *p = expr_alloc(ctx->arena, EXPR_PREFIX, NULL);
			p->bin.left = f;
			p->bin.prefix_len = part.len;
			p->dtype = part.dtype;
			p->len = part.len;
			return p;
		}
		if (!c)
			return f;
		expr_list_add(ctx->arena, &c->list, f);
		off += (nb + 3) / 4 * 4;
	}
	return c;
}

static struct expr *elem_data(struct lift_ctx *ctx, const struct nl_set *set,
			      const struct nl_elem *e, const struct expr *data_like)
{
	if (e->objref)
		return expr_symbol(ctx->arena, NULL, e->objref, true);
	if (!e->data)
		return NULL;
	if (e->data->is_verdict) {
		struct expr *v = expr_alloc(ctx->arena, EXPR_VERDICT, NULL);
		v->verdict.code = e->data->verdict;
		v->verdict.chain = e->data->chain;
		v->dtype = &dt_verdict;
		return v;
	}
	uint32_t dint = 0;
	/* a dump may say interval data for a set whose data type is unknown: no template */
	if (data_like && tlv_u32(set->udata, set->udata_len, UDATA_SET_DATA_INTERVAL, &dint) &&
	    dint && e->data->len % 2 == 0)
		return interval_data(ctx, data_like, e->data->bytes, e->data->len);
	return lift_data_as(ctx, data_like, e->data->bytes, e->data->len);
}

static struct expr *make_elem(struct lift_ctx *ctx, const struct nl_set *set,
			      const struct nl_elem *e, struct expr *key,
			      const struct expr *data_like)
{
	struct expr *el = expr_alloc(ctx->arena, EXPR_SET_ELEM, NULL);
	el->elem.key = key;
	el->dtype = key->dtype;
	el->len = key->len;
	if (e->timeout && e->timeout != set->timeout)
		el->elem.timeout = e->timeout;
	el->elem.expires = e->expiration;
	uint8_t l = 0;
	const uint8_t *c = tlv_find(e->udata, e->udata_len, UDATA_COMMENT, &l);
	if (c && l)
		el->elem.comment = arena_strndup(ctx->arena, (const char *)c, l);
	if (e->exprs && e->exprs->n)
		el->elem.stmts = lift_exprs_stmts(ctx, e->exprs);
	struct expr *data = elem_data(ctx, set, e, data_like);
	if (!data && !(set->flags & NFT_SET_MAP))
		return el;
	if (!data)
		return el;
	struct expr *m = expr_bin(ctx->arena, EXPR_MAPPING, NULL, el, 0, data);
	return m;
}

void lift_elems_begin(struct lift_ctx *ctx, const struct nl_set *set, const struct expr *key,
		      const struct expr *data, struct lift_elems_iter *it)
{
	*it = (struct lift_elems_iter){ .set = set, .key = key, .data = data, .n = set->nelems };
	it->deflike = (struct expr){ .kind = EXPR_VALUE, .dtype = &dt_integer,
				     .byteorder = BYTEORDER_BIG };
	if (!it->key) {
		it->deflike.len = set->key_len * 8;
		it->key = &it->deflike;
	}
	key = it->key;
	it->concat = key->kind == EXPR_CONCAT;
	it->ranges = (set->flags & NFT_SET_INTERVAL) && !it->concat;
	if (!it->ranges) {
		it->kb = it->concat ? set->key_len : (key->len + 7) / 8;
		if (!it->kb || it->kb > VM_DATA_MAX)
			it->kb = set->key_len < VM_DATA_MAX ? set->key_len : VM_DATA_MAX;
		/* concatenations compare as one number in host order, as nft does */
		it->host = it->concat || (key->byteorder == BYTEORDER_HOST &&
					  !(key->flags & LIFT_F_SWAPPED));
		/* a rule's own set and a named one alike (sets/0055tcpflags_0) */
		it->by_lowest_flag = !it->concat && key->dtype &&
				     (key->dtype->flags & DTYPE_F_FLAGS);
	} else {
		it->kb = (key->len + 7) / 8;
		if (!it->kb)
			it->kb = set->key_len;
		if (it->kb > VM_DATA_MAX)
			it->kb = VM_DATA_MAX;
		/* a string's bounds are byte arrays: "abcdef*" ends at "abcdef\xff…", not at
		 * the first byte's predecessor */
		it->host = key->byteorder == BYTEORDER_HOST && !(key->flags & LIFT_F_SWAPPED) &&
			   !(key->dtype && (key->dtype->flags & DTYPE_F_STRING));
	}
	/* listed in key order, as nft sorts them */
	uint32_t n = it->n;
	it->v = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*it->v));
	for (uint32_t i = 0; i < n; i++)
		it->v[i] = &set->elems[i];
	/* except concatenations of intervals: nft lists those as the kernel dumps them
	 * (the order they were added in, the catch-all last) */
	if (it->concat && (set->flags & NFT_SET_INTERVAL))
		return;
	/* the kernel dumps tree-based sets in key order (or its reverse): check before
	 * paying for a sort of a million elements */
	uint32_t up = 1, down = 1;
	for (uint32_t i = 1; i < n && (up == i || down == i); i++) {
		int c = elem_order(&it->v[i - 1], &it->v[i], it);
		up += up == i && c <= 0;
		down += down == i && c >= 0;
	}
	if (n > 1 && up == n)
		return;
	if (n > 1 && down == n) {
		for (uint32_t i = 0, j = n - 1; i < j; i++, j--) {
			const struct nl_elem *t = it->v[i];
			it->v[i] = it->v[j];
			it->v[j] = t;
		}
		return;
	}
	qsort_r(it->v, n, sizeof(*it->v), elem_order, it);
}

/* One element of an interval set: its start, and the end it implies (the next
 * element, an interval end or the next start, minus one). */
static struct expr *next_range(struct lift_ctx *ctx, struct lift_elems_iter *it,
			       const struct nl_elem *e)
{
	const struct expr *key = it->key;
	uint32_t kb = it->kb;
	uint8_t lo[VM_DATA_MAX] = {0}, hi[VM_DATA_MAX];
	key_copy(lo, e, kb);
	memset(hi, 0xff, sizeof(hi));
	/* the catch-all, sorted last, ends nothing: the range before it runs to the top */
	if (it->i + 1 < it->n && !(it->v[it->i + 1]->flags & NFT_SET_ELEM_CATCHALL)) {
		const struct nl_elem *end = it->v[it->i + 1];
		memset(hi, 0, sizeof(hi));
		key_copy(hi, end, kb);
		decrement(hi, kb, it->host);
		if (end->flags & NFT_SET_ELEM_INTERVAL_END)
			it->i++;
	} else if (key->len % 8) {
		memset(hi, 0, sizeof(hi));
		lift_be_put(hi, kb, (1ull << key->len) - 1);
	}
	return lift_interval_expr(ctx, key, lo, hi, kb);
}

struct expr *lift_elems_next(struct lift_ctx *ctx, struct lift_elems_iter *it, uint32_t max)
{
	if (it->i >= it->n && it->started)
		return NULL;
	it->started = true;
	struct expr *out = expr_alloc(ctx->arena, EXPR_SET, NULL);
	if (it->ranges)
		out->flags |= EXPR_F_INTERVAL;
	for (; it->i < it->n && out->list.n < max; it->i++) {
		const struct nl_elem *e = it->v[it->i];
		if (e->flags & NFT_SET_ELEM_INTERVAL_END)
			continue;
		struct expr *k;
		if (e->flags & NFT_SET_ELEM_CATCHALL)
			k = expr_alloc(ctx->arena, EXPR_ELEM_ANY, NULL);
		else if (it->concat && e->key_end)
			k = concat_range(ctx, it->key, e);
		else if (it->ranges)
			k = next_range(ctx, it, e);
		else
			k = lift_data_as(ctx, it->key, e->key, e->key_len);
		expr_list_add(ctx->arena, &out->list, make_elem(ctx, it->set, e, k, it->data));
	}
	return out;
}

struct expr *lift_elems_typed(struct lift_ctx *ctx, const struct nl_set *set,
			      const struct expr *key, const struct expr *data)
{
	struct lift_elems_iter it;
	lift_elems_begin(ctx, set, key, data, &it);
	return lift_elems_next(ctx, &it, UINT32_MAX);
}

struct expr *lift_set_elems(struct lift_ctx *ctx, const struct nl_set *set)
{
	struct expr *key = lift_set_key_expr(ctx, set, false);
	struct expr *data = (set->flags & NFT_SET_MAP) ? lift_set_key_expr(ctx, set, true) : NULL;
	return lift_elems_typed(ctx, set, key, data);
}

bool lift_set_elems_one_per_line(const struct nl_set *set)
{
	if (set->flags & (NFT_SET_MAP | NFT_SET_OBJECT))
		return true;
	for (uint32_t i = 0; i < set->nelems; i++) {
		const struct nl_elem *e = &set->elems[i];
		if (e->timeout || e->expiration || (e->exprs && e->exprs->n))
			return true;
	}
	return false;
}

void lift_set_elems_begin(struct lift_ctx *ctx, const struct nl_set *set,
			  struct lift_elems_iter *it)
{
	struct expr *key = lift_set_key_expr(ctx, set, false);
	struct expr *data = (set->flags & NFT_SET_MAP) ? lift_set_key_expr(ctx, set, true) : NULL;
	lift_elems_begin(ctx, set, key, data, it);
}
