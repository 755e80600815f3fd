/* Interval element commands against the kernel's ranges (see interval_merge.h). Keys
 * of interval sets are big endian in the kernel, so byte order is numeric order: a
 * range is two keys compared with memcmp, stepped by one with a carry. */
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "interval_merge.h"
#include "../types/udata_attrs.h"

struct range {
	uint8_t *lo, *hi;        /* inclusive, klen bytes each */
	uint32_t klen;           /* here for the comparison qsort calls */
};

struct ranges {
	struct range *v;
	uint32_t n, cap;
	uint32_t klen;
};

/* b + 1 into out; false when b is the largest key (nothing follows it) */
static bool key_next(const uint8_t *b, uint8_t *out, uint32_t n)
{
	memcpy(out, b, n);
	for (uint32_t i = n; i-- > 0;)
		if (++out[i] != 0)
			return true;
	return false;
}

/* b - 1 into out; false when b is zero */
static bool key_prev(const uint8_t *b, uint8_t *out, uint32_t n)
{
	memcpy(out, b, n);
	for (uint32_t i = n; i-- > 0;)
		if (out[i]-- != 0)
			return true;
	return false;
}

static bool key_is_max(const uint8_t *b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (b[i] != 0xff)
			return false;
	return true;
}

static void push(struct arena *a, struct ranges *r, const uint8_t *lo, const uint8_t *hi)
{
	r->v = arena_room(a, r->v, r->n, &r->cap, 16, sizeof(*r->v));
	struct range *x = &r->v[r->n++];
	x->lo = arena_memdup(a, lo, r->klen);
	x->hi = arena_memdup(a, hi, r->klen);
	x->klen = r->klen;
}

/* The userdata of a range's start that reaches the largest key (it has no end): the
 * element-flags TLV saying "interval open", as nft writes it (u32 in host order). */
static void open_udata(uint8_t tlv[6])
{
	uint32_t f = UDATA_ELEM_F_INTERVAL_OPEN;
	tlv[0] = UDATA_ELEM_FLAGS;
	tlv[1] = 4;
	memcpy(tlv + 2, &f, 4);
}

static bool is_open_udata(const uint8_t *u, uint32_t n)
{
	uint8_t tlv[6];
	open_udata(tlv);
	return n == 6 && !memcmp(u, tlv, 6);
}

/* Elements a merge must not touch: they carry more than their key (the open flag of
 * a range to the largest key aside). */
static bool plain(const struct nl_elem *e)
{
	return !e->key_end && !e->data && !e->objref && !e->exprs && !e->timeout &&
	       !e->expiration && (!e->udata_len || is_open_udata(e->udata, e->udata_len));
}

struct keyed {
	const struct nl_elem *e;
	uint32_t klen;           /* the width compared (qsort passes no context) */
};

static int by_key(const void *pa, const void *pb)
{
	const struct keyed *ka = pa, *kb = pb;
	const struct nl_elem *a = ka->e, *b = kb->e;
	int c = memcmp(a->key, b->key, ka->klen);
	if (c)
		return c;
	/* at the same key an end closes the range before it, then a start opens one */
	bool ea = a->flags & NFT_SET_ELEM_INTERVAL_END, eb = b->flags & NFT_SET_ELEM_INTERVAL_END;
	return eb - ea;
}

/* The kernel form (starts, and ends one past) → ranges in key order. False when an
 * element is not a plain key of the set's width. */
static bool to_ranges(struct arena *a, const struct nl_set *s, uint32_t klen,
		      struct ranges *out)
{
	*out = (struct ranges){ .klen = klen };
	if (!s->nelems)
		return true;
	struct keyed *k = malloc(s->nelems * sizeof(*k));
	if (!k)
		die_oom();
	for (uint32_t i = 0; i < s->nelems; i++) {
		const struct nl_elem *e = &s->elems[i];
		if (!e->key || e->key_len != klen || !plain(e) ||
		    (e->flags & ~(uint32_t)NFT_SET_ELEM_INTERVAL_END)) {
			free(k);
			return false;
		}
		k[i] = (struct keyed){ .e = e, .klen = klen };
	}
	qsort(k, s->nelems, sizeof(*k), by_key);
	uint8_t *last = arena_alloc(a, klen);
	const uint8_t *open = NULL;
	for (uint32_t i = 0; i < s->nelems; i++) {
		const struct nl_elem *e = k[i].e;
		if (!(e->flags & NFT_SET_ELEM_INTERVAL_END)) {
			if (!open)
				open = e->key;
			continue;
		}
		/* an end with nothing open is the zero sentinel nft puts first */
		if (open && key_prev(e->key, last, klen) && memcmp(last, open, klen) >= 0)
			push(a, out, open, last);
		open = NULL;
	}
	if (open) {
		memset(last, 0xff, klen);
		push(a, out, open, last);
	}
	free(k);
	return true;
}

static int by_lo(const void *pa, const void *pb)
{
	const struct range *a = pa, *b = pb;
	return memcmp(a->lo, b->lo, a->klen);
}

/* Sorted, overlapping or touching ranges joined. */
static void merge(struct arena *a, struct ranges *r)
{
	if (r->n < 2)
		return;
	qsort(r->v, r->n, sizeof(*r->v), by_lo);
	uint8_t *next = arena_alloc(a, r->klen);
	uint32_t w = 0;
	for (uint32_t i = 1; i < r->n; i++) {
		struct range *cur = &r->v[w], *x = &r->v[i];
		bool touches = key_is_max(cur->hi, r->klen) ||
			       (key_next(cur->hi, next, r->klen) && memcmp(x->lo, next, r->klen) <= 0);
		if (touches) {
			if (memcmp(x->hi, cur->hi, r->klen) > 0)
				cur->hi = x->hi;
			continue;
		}
		r->v[++w] = *x;
	}
	r->n = w + 1;
}

static bool same(const struct range *x, const struct range *y, uint32_t klen)
{
	return !memcmp(x->lo, y->lo, klen) && !memcmp(x->hi, y->hi, klen);
}

static bool holds(const struct ranges *r, const struct range *x)
{
	for (uint32_t i = 0; i < r->n; i++)
		if (same(&r->v[i], x, r->klen))
			return true;
	return false;
}

static bool overlap(const struct range *x, const struct range *y, uint32_t klen)
{
	return memcmp(x->lo, y->hi, klen) <= 0 && memcmp(y->lo, x->hi, klen) <= 0;
}

/* The ranges of `from` that `other` lacks, as elements of a copy of `tmpl`. */
static struct nl_set *elems_of(struct arena *a, const struct nl_set *tmpl,
			       const struct ranges *from, const struct ranges *other)
{
	struct nl_set *s = arena_alloc(a, sizeof(*s));
	*s = *tmpl;
	s->elems = NULL;
	s->nelems = s->elems_cap = 0;
	uint32_t klen = from->klen;
	for (uint32_t i = 0; i < from->n; i++) {
		const struct range *x = &from->v[i];
		if (holds(other, x))
			continue;
		s->elems = arena_room(a, s->elems, s->nelems, &s->elems_cap, 16, sizeof(*s->elems));
		struct nl_elem *start = &s->elems[s->nelems++];
		*start = (struct nl_elem){ .key = x->lo, .key_len = klen,
					   .present = 1u << NFTA_SET_ELEM_KEY };
		uint8_t *end = arena_alloc(a, klen);
		if (!key_next(x->hi, end, klen)) {
			/* up to the largest key: no end element, the start says so */
			uint8_t *tlv = arena_alloc(a, 6);
			open_udata(tlv);
			start->udata = tlv;
			start->udata_len = 6;
			start->present |= 1u << NFTA_SET_ELEM_USERDATA;
			continue;
		}
		s->elems = arena_room(a, s->elems, s->nelems, &s->elems_cap, 16, sizeof(*s->elems));
		s->elems[s->nelems++] = (struct nl_elem){
			.key = end, .key_len = klen, .flags = NFT_SET_ELEM_INTERVAL_END,
			.present = 1u << NFTA_SET_ELEM_KEY | 1u << NFTA_SET_ELEM_FLAGS,
		};
	}
	return s;
}

/* Cuts x out of the working ranges; false when no one range holds all of it. */
static bool cut(struct arena *a, struct ranges *w, const struct range *x)
{
	uint32_t klen = w->klen;
	for (uint32_t i = 0; i < w->n; i++) {
		struct range *r = &w->v[i];
		if (memcmp(r->lo, x->lo, klen) > 0 || memcmp(x->hi, r->hi, klen) > 0)
			continue;
		struct range keep = *r;
		uint8_t *b = arena_alloc(a, klen), *c = arena_alloc(a, klen);
		bool left = key_prev(x->lo, b, klen) && memcmp(keep.lo, x->lo, klen) < 0;
		bool right = key_next(x->hi, c, klen) && memcmp(x->hi, keep.hi, klen) < 0;
		/* the range gives way to what is left on either side of x */
		memmove(&w->v[i], &w->v[i + 1], (w->n - i - 1) * sizeof(*w->v));
		w->n--;
		if (left)
			push(a, w, keep.lo, b);
		if (right)
			push(a, w, c, keep.hi);
		return true;
	}
	return false;
}

enum interval_result interval_reconcile(struct arena *a, const struct nl_set *kernel,
					const struct nl_set *req, enum interval_op op,
					bool auto_merge, struct nl_set **del, struct nl_set **add,
					const char **err)
{
	uint32_t klen = req->key_len;
	struct ranges have, want;
	if (!klen || !to_ranges(a, kernel, klen, &have) || !to_ranges(a, req, klen, &want))
		return INTERVAL_AS_IS;
	if (!auto_merge) {
		for (uint32_t i = 0; i < want.n; i++) {
			const struct range *x = &want.v[i];
			if (op == INTERVAL_DELETE && !holds(&have, x)) {
				*err = "element does not exist";
				return INTERVAL_ERROR;
			}
			if (op == INTERVAL_ADD && !holds(&have, x))
				for (uint32_t j = 0; j < have.n; j++)
					if (overlap(x, &have.v[j], klen)) {
						*err = "interval overlaps with an existing one";
						return INTERVAL_ERROR;
					}
		}
		return INTERVAL_AS_IS;
	}
	/* the ranges the set is to hold once the command is done */
	struct ranges after = { .klen = klen };
	for (uint32_t i = 0; i < have.n; i++)
		push(a, &after, have.v[i].lo, have.v[i].hi);
	if (op == INTERVAL_ADD) {
		for (uint32_t i = 0; i < want.n; i++)
			push(a, &after, want.v[i].lo, want.v[i].hi);
		merge(a, &after);
	} else {
		for (uint32_t i = 0; i < want.n; i++)
			if (!cut(a, &after, &want.v[i])) {
				*err = "element does not exist";
				return INTERVAL_ERROR;
			}
	}
	*del = elems_of(a, req, &have, &after);
	*add = elems_of(a, req, &after, &have);
	return INTERVAL_REPLACED;
}
