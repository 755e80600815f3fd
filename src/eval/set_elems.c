/* Set and map elements in the kernel's format. Keys are laid out as the lookup's
 * register holds them: concatenations in 4-byte slots; a sub-byte field where it sits
 * in the header in an anonymous set, moved down to bit 0 in a named set and in a
 * concatenation (their rules shift the loaded field down; see elem_shape).
 * Interval sets become sorted, merged [start, end) pairs: a start element and an
 * interval-end element at end+1, plus a leading all-zero end element when the first
 * interval does not start at zero — as nft sends them. Concatenated intervals use
 * key + key_end instead. Used for anonymous sets and for named sets' elements. */
#define _GNU_SOURCE
#include <string.h>
#include <stdlib.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "set_elems.h"
#include "udata.h"
#include "eval_set_decl.h"
#include "rule_ctx.h"

/* One element of an interval set while the set is lowered. Its bounds live in the
 * job's pool (2 × key bytes per element, addressed by slot, so the pool may grow), and
 * nothing in it points into the AST: a list parsed in chunks (elem_span) has forgotten
 * each chunk's AST by the time the intervals are sorted and merged. */
struct ival {
	uint32_t slot;                          /* bounds at pool + slot * 2 * kb */
	bool pooled_data;                       /* data at dpool + slot * dlen */
	struct vm_data *data;                   /* else: verdicts, odd lengths (or none) */
	const struct nl_elem *extras;           /* timeout, comment ...; NULL: none */
	const char *objref;                     /* an object map's object name */
	struct loc loc;                         /* its key, for error locations */
};

uint32_t key_type_of(const struct expr *key)
{
	if (key->kind == EXPR_CONCAT) {
		uint32_t t = 0;
		for (uint32_t i = 0; i < key->list.n; i++)
			t = t << TYPE_BITS | key_type_of(key->list.v[i]);
		return t;
	}
	return key->dtype ? (uint32_t)key->dtype->id : TYPE_INTEGER;
}

/* Where an element holds a sub-byte field (one not in whole bytes where it sits). */
enum field_place {
	FIELD_AS_LOADED,        /* anonymous sets: where it sits in the header bytes */
	FIELD_DOWN_NET,         /* named sets: at bit 0, network order (nft's typeof) */
	FIELD_DOWN_REG,         /* anonymous concatenations: as the shifted register */
};

/* The rules looking up a named set or a concatenation shift a sub-byte field down,
 * converting one over several bytes to host order first; the elements follow nft:
 * - a named set's are written by its typeof field at bit 0, in the bytes of the
 *   field's own width and network order: `typeof ip version` 4 as 04, `typeof ip6
 *   dscp` (6 bits over 2 header bytes) in one byte, `typeof frag frag-off` 1 as 00 01;
 * - an anonymous concatenation's as the register holds the field: 2 bytes of host
 *   order for frag-off (3 as 03 00), or network order again in an interval set (its
 *   rule converts back).
 * Returns true when the network-order bytes sh describes are to be reversed. */
static bool elem_shape(const struct expr *tmpl, enum field_place place, bool big,
		       struct lhs_shape *sh)
{
	lhs_shape_of(tmpl, sh);
	if (place == FIELD_AS_LOADED || !sh->shift)
		return false;
	sh->shift = 0;
	if (place == FIELD_DOWN_REG)
		return !big && sh->bytes > 1 && sh->bo == BYTEORDER_BIG;
	sh->bytes = (tmpl->len + 7) / 8;
	return false;
}

static void reverse_bytes(uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n / 2; i++) {
		uint8_t t = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}

static uint32_t key_bytes(const struct expr *tmpl, enum field_place place)
{
	struct lhs_shape sh;

	elem_shape(tmpl, place, false, &sh);
	return sh.bytes;
}

static bool is_verdict_tmpl(const struct expr *t)
{
	return t && (t->kind == EXPR_VERDICT || t->dtype == &dt_verdict ||
		     (t->dtype && t->dtype->id == TYPE_VERDICT));
}

/* + 2^shift on a big-endian number; returns false on overflow */
static bool be_inc(uint8_t *p, uint32_t n, uint32_t shift)
{
	uint32_t carry = 1u << (shift % 8);
	for (uint32_t i = n - shift / 8; i-- > 0 && carry;) {
		uint32_t s = p[i] + carry;
		p[i] = (uint8_t)s;
		carry = s >> 8;
	}
	return carry == 0;
}

/* Sets or clears bits [from, to) of a big endian register (bit 0: the top bit of
 * byte 0): a prefix's host part, a byte at a time. */
static void host_bits(uint8_t *r, uint32_t from, uint32_t to, bool set)
{
	while (from < to) {
		uint32_t at = from % 8, n = to - from < 8 - at ? to - from : 8 - at;
		uint8_t m = (uint8_t)((0xffu >> at) & ~(0xffu >> (at + n)));
		r[from / 8] = set ? r[from / 8] | m : r[from / 8] & (uint8_t)~m;
		from += n;
	}
}

/* A value, range or prefix → [lo, hi], big endian unless the shape says otherwise. */
static int scalar_bounds(struct eval_ctx *ec, const struct expr *k, const struct expr *tmpl,
			 const struct lhs_shape *sh, bool big, uint8_t *lo, uint8_t *hi)
{
	switch (k->kind) {
	case EXPR_VALUE:
		value_to_reg(k, sh, big, lo);
		memcpy(hi, lo, sh->bytes);
		if ((k->flags & EXPR_F_INTERVAL) && dtype_is_string(k->dtype)) {
			/* "eth*": every name that starts so, from the prefix and NULs up to
			 * the prefix and `ff ff …` */
			uint32_t pb = (k->value.len + 7) / 8;
			if (pb > sh->bytes)
				pb = sh->bytes;
			memcpy(lo, k->value.bytes, pb);
			memcpy(hi, k->value.bytes, pb);
			memset(lo + pb, 0, sh->bytes - pb);
			memset(hi + pb, 0xff, sh->bytes - pb);
		}
		return 0;
	case EXPR_RANGE:
		value_to_reg(k->bin.left, sh, big, lo);
		value_to_reg(k->bin.right, sh, big, hi);
		if (memcmp(lo, hi, sh->bytes) > 0)
			return diag_error(ec->errs, &k->loc, "Range has zero or negative size");
		return 0;
	case EXPR_PREFIX: {
		value_to_reg(k->bin.left, sh, big, lo);
		uint32_t first = sh->bytes * 8 - sh->shift - tmpl->len;
		uint32_t from = first + k->bin.prefix_len, to = sh->bytes * 8 - sh->shift;
		host_bits(lo, from, to, false);
		memcpy(hi, lo, sh->bytes);
		host_bits(hi, from, to, true);
		return 0;
	}
	default:
		return diag_error(ec->errs, &k->loc, "Expression is not a constant set element");
	}
}

/* One scalar key (value, range or prefix) → [lo, hi] in its element's layout. */
static int key_bounds(struct eval_ctx *ec, const struct expr *k, const struct expr *tmpl,
		      bool big, uint8_t *lo, uint8_t *hi, enum field_place place)
{
	struct lhs_shape sh;
	bool host = elem_shape(tmpl, place, big, &sh);

	if (scalar_bounds(ec, k, tmpl, &sh, big, lo, hi) < 0)
		return -1;
	if (host) {
		reverse_bytes(lo, sh.bytes);
		reverse_bytes(hi, sh.bytes);
	}
	return 0;
}

/* Key of any element: concatenations component by component into their slots. */
static int elem_key(struct eval_ctx *ec, const struct expr *k, const struct expr *tmpl,
		    bool big, bool named, uint8_t *lo, uint8_t *hi)
{
	if (tmpl->kind != EXPR_CONCAT)
		return key_bounds(ec, k, tmpl, big, lo, hi,
				  named ? FIELD_DOWN_NET : FIELD_AS_LOADED);
	uint32_t off = 0;
	for (uint32_t i = 0; i < tmpl->list.n; i++) {
		uint32_t slot = concat_slot_bytes(tmpl->list.v[i]);
		if (off + slot > VALUE_MAX)
			return diag_error(ec->errs, &k->loc, "concatenation too long");
		if (key_bounds(ec, k->list.v[i], tmpl->list.v[i], big, lo + off, hi + off,
			       named ? FIELD_DOWN_NET : FIELD_DOWN_REG) < 0)
			return -1;
		off += slot;
	}
	return 0;
}

/* Map data given as ranges/prefixes (nat maps: `: 192.168.2.0/24`, `: 1.2.3.4 .
 * 80-90`): the data is every field's low end, then every field's high end. The
 * template may already list both halves, or just the fields once. */
static bool has_interval_part(const struct expr *d)
{
	if (d->kind == EXPR_RANGE || d->kind == EXPR_PREFIX)
		return true;
	if (d->kind == EXPR_CONCAT)
		for (uint32_t i = 0; i < d->list.n; i++)
			if (has_interval_part(d->list.v[i]))
				return true;
	return false;
}

/* Whether the map's data are ranges (both ends stored): some element says so, or
 * the template lists every field twice. Then every element stores both ends. */
static bool data_halves(const struct expr *elems, const struct expr *tmpl)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		const struct expr *it = elems->list.v[i];
		if (it->kind != EXPR_MAPPING || !it->bin.right)
			continue;
		const struct expr *d = it->bin.right;
		uint32_t nparts = d->kind == EXPR_CONCAT ? d->list.n : 1;
		if (has_interval_part(d) ||
		    (tmpl->kind == EXPR_CONCAT && tmpl->list.n == 2 * nparts))
			return true;
	}
	return false;
}

static int elem_data_halves(struct eval_ctx *ec, struct expr **d, const struct expr *tmpl,
			    bool named, struct vm_data *vd, struct vm_data **out)
{
	uint32_t n = (*d)->kind == EXPR_CONCAT ? (*d)->list.n : 1, half = 0, off = 0;
	struct expr **parts = (*d)->kind == EXPR_CONCAT ? (*d)->list.v : d;
	const struct expr *const *tf = tmpl->kind == EXPR_CONCAT ?
				       (const struct expr *const *)tmpl->list.v : &tmpl;
	uint32_t nt = tmpl->kind == EXPR_CONCAT ? tmpl->list.n : 1;

	enum field_place place = named ? FIELD_DOWN_NET : FIELD_AS_LOADED;

	if (nt != n && nt != 2 * n)
		return diag_error(ec->errs, &(*d)->loc, "map data does not match its type");
	for (uint32_t i = 0; i < n; i++)
		half += concat_slot_bytes(tf[i]);
	if (2 * half > VM_DATA_MAX)
		return diag_error(ec->errs, &(*d)->loc, "map data too long");
	memset(vd->bytes, 0, 2 * half);
	for (uint32_t i = 0; i < n; i++) {
		const struct expr *t = tf[i];
		uint8_t lo[VALUE_MAX], hi[VALUE_MAX];
		if (eval_const_for(ec, &parts[i], t) < 0 ||
		    key_bounds(ec, parts[i], t, false, lo, hi, place) < 0)
			return -1;
		uint32_t nb = key_bytes(t, place);
		memcpy(vd->bytes + off, lo, nb);
		memcpy(vd->bytes + half + off, hi, nb);
		off += concat_slot_bytes(t);
	}
	vd->len = 2 * half;
	*out = vd;
	return 0;
}

static int elem_data(struct eval_ctx *ec, struct arena *a, struct expr **d,
		     const struct expr *tmpl, bool halves, bool named, struct vm_data **out)
{
	struct vm_data *vd = arena_alloc(a, sizeof(*vd));

	if (is_verdict_tmpl(tmpl)) {
		if ((*d)->kind != EXPR_VERDICT)
			return diag_error(ec->errs, &(*d)->loc,
					  "Datatype mismatch, expected verdict");
		vd->is_verdict = true;
		vd->verdict = (*d)->verdict.code;
		vd->chain = (*d)->verdict.chain ? arena_strdup(a, (*d)->verdict.chain) : NULL;
		*out = vd;
		return 0;
	}
	if (halves)
		return elem_data_halves(ec, d, tmpl, named, vd, out);
	if (eval_const_for(ec, d, tmpl) < 0)
		return -1;
	uint8_t lo[VALUE_MAX], hi[VALUE_MAX];
	memset(lo, 0, sizeof(lo));
	if (elem_key(ec, *d, tmpl, false, named, lo, hi) < 0)
		return -1;
	if ((*d)->kind != EXPR_VALUE && (*d)->kind != EXPR_CONCAT)
		return diag_error(ec->errs, &(*d)->loc, "Expected a constant value");
	vd->len = key_bytes(tmpl, named ? FIELD_DOWN_NET : FIELD_AS_LOADED);
	memcpy(vd->bytes, lo, vd->len);
	*out = vd;
	return 0;
}

/* An element's timeout, expiry and comment (nft's limit on its length, checked here
 * as for every other comment: nothing is cut to fit). */
static int elem_extras(struct elems_job *j, struct arena *a, struct nl_elem *ne,
		       const struct expr *item)
{
	struct eval_ctx *ec = j->ec;
	if (!item || item->kind != EXPR_SET_ELEM)
		return 0;
	if (elem_stmts_lower(j, a, ne, item) < 0)
		return -1;
	if (item->elem.objref) {
		ne->objref = item->elem.objref;
		ne->present |= 1u << NFTA_SET_ELEM_OBJREF;
	}
	if (item->elem.timeout) {
		ne->timeout = item->elem.timeout;
		ne->present |= 1u << NFTA_SET_ELEM_TIMEOUT;
	}
	if (item->elem.expires) {
		ne->expiration = item->elem.expires;
		ne->present |= 1u << NFTA_SET_ELEM_EXPIRATION;
	}
	if (udata_comment(a, item->elem.comment, &ne->udata, &ne->udata_len) < 0)
		return diag_error(ec->errs, &item->loc,
				  "comment too long, %d characters maximum allowed",
				  UDATA_COMMENT_MAXLEN);
	if (ne->udata)
		ne->present |= 1u << NFTA_SET_ELEM_USERDATA;
	return 0;
}

static void copy_extras(struct nl_elem *ne, const struct nl_elem *x)
{
	if (!x)
		return;
	ne->timeout = x->timeout;
	ne->expiration = x->expiration;
	ne->udata = x->udata;
	ne->udata_len = x->udata_len;
	ne->exprs = x->exprs;
	ne->objref = x->objref;
	ne->present |= x->present;
}

/* The last interval of a set reaching the key's top value has no end element; its
 * start says so in its userdata (elem flags TLV: interval open), as nft does. */

static void mark_interval_open(struct arena *a, struct nl_elem *ne)
{
	uint32_t old = ne->udata ? ne->udata_len : 0;
	uint8_t *u = arena_alloc(a, old + 6);
	if (old)
		memcpy(u, ne->udata, old);
	uint32_t f = UDATA_ELEM_F_INTERVAL_OPEN;
	u[old] = UDATA_ELEM_FLAGS;
	u[old + 1] = 4;
	memcpy(u + old + 2, &f, 4);             /* host order, like the other TLVs */
	ne->udata = u;
	ne->udata_len = old + 6;
	ne->present |= 1u << NFTA_SET_ELEM_USERDATA;
}

static void put_key(struct arena *a, struct nl_elem *ne, const uint8_t *k, uint32_t n)
{
	ne->key = arena_memdup(a, k, n);
	ne->key_len = n;
	ne->present |= 1u << NFTA_SET_ELEM_KEY;
}

static void put_data(struct nl_elem *ne, struct vm_data *d)
{
	if (!d)
		return;
	ne->data = d;
	ne->present |= 1u << NFTA_SET_ELEM_DATA;
}

static void put_flags(struct nl_elem *ne, uint32_t f)
{
	ne->flags |= f;
	ne->present |= 1u << NFTA_SET_ELEM_FLAGS;
}

/* "eth*", read or still to be read: a name wildcard, which stands for a range */
static bool is_name_wildcard(const struct expr *k)
{
	if (k->kind == EXPR_VALUE)
		return (k->flags & EXPR_F_INTERVAL) && dtype_is_string(k->dtype);
	if (k->kind != EXPR_SYMBOL || !k->sym.str)
		return false;
	size_t n = strlen(k->sym.str);
	return n > 1 && k->sym.str[n - 1] == '*' && k->sym.str[n - 2] != '\\';
}

static bool elem_has_range(const struct expr *k)
{
	if (k->kind == EXPR_SET_ELEM)
		return elem_has_range(k->elem.key);
	if (k->kind == EXPR_RANGE || k->kind == EXPR_PREFIX || is_name_wildcard(k))
		return true;
	if (k->kind == EXPR_SET)
		return set_elems_have_ranges(k);
	if (k->kind == EXPR_CONCAT)
		for (uint32_t i = 0; i < k->list.n; i++)
			if (elem_has_range(k->list.v[i]))
				return true;
	return false;
}

bool set_elems_have_ranges(const struct expr *elems)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		const struct expr *it = elems->list.v[i];
		if (it->kind == EXPR_MAPPING)
			it = it->bin.left;
		if (elem_has_range(it))
			return true;
	}
	return false;
}

/* `{ $web, 22 }` where $web is itself a set: its elements join the outer set. */
static void flatten_into(struct eval_ctx *ec, struct expr *out, const struct expr *set)
{
	for (uint32_t i = 0; i < set->list.n; i++) {
		struct expr *it = set->list.v[i];
		struct expr *inner = it->kind == EXPR_SET_ELEM ? it->elem.key : it;
		if (inner && inner->kind == EXPR_SET)
			flatten_into(ec, out, inner);
		else
			expr_list_add(ec->arena, &out->list, it);
	}
}

static struct expr *flatten(struct eval_ctx *ec, struct expr *elems)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		struct expr *it = elems->list.v[i];
		struct expr *inner = it->kind == EXPR_SET_ELEM ? it->elem.key : it;
		if (inner && inner->kind == EXPR_SET) {
			struct expr *flat = expr_alloc(ec->arena, EXPR_SET, &elems->loc);
			flatten_into(ec, flat, elems);
			return flat;
		}
	}
	return elems;
}

void elems_job_init(struct elems_job *j, struct eval_ctx *ec, uint32_t family,
		    struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set)
{
	*j = (struct elems_job){
		.ec = ec, .keep = ec->arena, .out = ec->arena, .family = family,
		.key_tmpl = key_tmpl, .data_tmpl = data_tmpl, .set = set,
		.kb = key_bytes(key_tmpl, set->flags & NFT_SET_ANONYMOUS ? FIELD_AS_LOADED
									 : FIELD_DOWN_NET),
		.interval = (set->flags & NFT_SET_INTERVAL) != 0,
		.concat = key_tmpl->kind == EXPR_CONCAT,
		.objmap = (set->flags & NFT_SET_OBJECT) != 0,
	};
}

/* A new element in set->elems; first hands the full ones to j->flush, if any. */
static struct nl_elem *add_elem(struct elems_job *j)
{
	struct nl_set *set = j->set;
	if (j->flush && set->nelems >= j->flush_every)
		j->flush(j);
	if (set->nelems == set->elems_cap) {
		uint32_t cap = set->elems_cap ? set->elems_cap * 2 : 16;
		set->elems = arena_grow(j->out, set->elems, set->nelems, cap, sizeof(*set->elems));
		set->elems_cap = cap;
	}
	struct nl_elem *e = &set->elems[set->nelems++];
	memset(e, 0, sizeof(*e));
	return e;
}

static uint8_t *lo_of(const struct elems_job *j, const struct ival *x)
{
	return j->pool + (size_t)x->slot * 2 * j->kb;
}

static uint8_t *hi_of(const struct elems_job *j, const struct ival *x)
{
	return lo_of(j, x) + j->kb;
}

static struct ival *new_ival(struct elems_job *j)
{
	if (j->ni == j->cap) {
		uint32_t cap = j->cap ? j->cap * 2 : j->cap_hint > 64 ? j->cap_hint : 64;
		/* every slot is written before it is read: no zeroing */
		j->iv = arena_grow_filled(j->keep, j->iv, j->cap, cap, sizeof(*j->iv));
		j->pool = arena_grow_filled(j->keep, j->pool, (size_t)j->cap * 2 * j->kb,
				     (size_t)cap * 2 * j->kb, 1);
		if (j->dlen)
			j->dpool = arena_grow_filled(j->keep, j->dpool, (size_t)j->cap * j->dlen,
					      (size_t)cap * j->dlen, 1);
		j->cap = cap;
	}
	struct ival *x = &j->iv[j->ni];
	memset(x, 0, sizeof(*x));
	x->slot = j->ni++;
	return x;
}

/* An interval's data, kept until the intervals are merged: plain values of the map's
 * one length in a pool (a few bytes each), anything else as a copy. */
static void keep_data(struct elems_job *j, struct ival *x, const struct vm_data *d)
{
	if (!d)
		return;
	if (!d->is_verdict && d->len && (!j->dlen || d->len == j->dlen)) {
		if (!j->dlen) {
			j->dlen = d->len;
			j->dpool = arena_alloc(j->keep, (size_t)j->cap * j->dlen);
		}
		memcpy(j->dpool + (size_t)x->slot * j->dlen, d->bytes, j->dlen);
		x->pooled_data = true;
		return;
	}
	struct vm_data *c = arena_memdup(j->keep, d, sizeof(*d));
	if (c->chain)
		c->chain = arena_strdup(j->keep, c->chain);
	x->data = c;
}

static struct vm_data *ival_data(struct elems_job *j, const struct ival *x)
{
	if (!x->pooled_data)
		return x->data;
	struct vm_data *d = arena_alloc(j->out, sizeof(*d));
	d->len = j->dlen;
	memcpy(d->bytes, j->dpool + (size_t)x->slot * j->dlen, j->dlen);
	return d;
}

/* An object map's data: the name of a named object, as a symbol or a quoted
 * string. NULL when it is neither. */
static const char *objref_name(struct arena *a, const struct expr *v)
{
	if (v->kind == EXPR_SYMBOL && v->sym.str && *v->sym.str)
		return arena_strdup(a, v->sym.str);
	if (v->kind == EXPR_VALUE && dtype_is_string(v->dtype) && v->len)
		return arena_strndup(a, (const char *)v->value.bytes, (v->len + 7) / 8);
	return NULL;
}

static void put_objref(struct nl_elem *ne, const char *name)
{
	if (!name)
		return;
	ne->objref = name;
	ne->present |= 1u << NFTA_SET_ELEM_OBJREF;
}

int elems_job_add(struct elems_job *j, struct expr *elems)
{
	struct eval_ctx *ec = j->ec;
	struct expr *key_tmpl = j->key_tmpl, *data_tmpl = j->data_tmpl;
	uint32_t kb = j->kb;
	bool via_ivals = j->interval && !j->concat;
	/* a named set's rules shift sub-byte fields down: its elements hold them so */
	bool named = !(j->set->flags & NFT_SET_ANONYMOUS);
	/* intervals keep their data until they are merged; the others go out at once */
	struct arena *data_arena = via_ivals ? j->keep : j->out;

	elems = flatten(ec, elems);
	bool halves = data_tmpl && !is_verdict_tmpl(data_tmpl) && data_halves(elems, data_tmpl);
	for (uint32_t i = 0; i < elems->list.n; i++) {
		struct expr **itp = &elems->list.v[i], **keyp, **datap = NULL;
		struct expr *item = *itp, *elem = NULL;

		const char *objref = NULL;
		if (item->kind == EXPR_MAPPING) {
			keyp = &item->bin.left;
			datap = &item->bin.right;
			if (j->objmap) {
				/* kept until the intervals are merged, or sent now */
				objref = objref_name(via_ivals ? j->keep : j->out, *datap);
				if (!objref)
					return diag_error(ec->errs, &(*datap)->loc,
							  "object name expected");
				if (j->data_unsent)
					objref = NULL;
				datap = NULL;
			} else if (!data_tmpl) {
				return diag_error(ec->errs, &item->bin.left->loc,
						  "mapping outside of map context");
			}
		} else {
			keyp = itp;
			if (!j->data_unsent &&
			    (j->objmap || (data_tmpl && (j->set->flags & NFT_SET_MAP))))
				return diag_error(ec->errs, &item->loc,
						  "Map elements need a value: key : value");
		}
		if ((*keyp)->kind == EXPR_SET_ELEM) {
			elem = *keyp;
			keyp = &elem->elem.key;
		}
		struct vm_data *data = NULL;
		/* interval data is kept in the job's pool: made in the transient arena */
		if (datap && elem_data(ec, via_ivals ? ec->arena : data_arena, datap, data_tmpl,
				       halves, named, &data) < 0)
			return -1;
		if (j->data_unsent)
			data = NULL;
		if ((*keyp)->kind == EXPR_ELEM_ANY) {
			struct nl_elem *ne = add_elem(j);
			put_flags(ne, NFT_SET_ELEM_CATCHALL);
			put_data(ne, data);
			put_objref(ne, objref);
			if (elem_extras(j, j->out, ne, elem) < 0)
				return -1;
			continue;
		}
		if (eval_const_for(ec, keyp, key_tmpl) < 0)
			return -1;
		uint8_t lo[VALUE_MAX] = { 0 }, hi[VALUE_MAX] = { 0 };
		if (elem_key(ec, *keyp, key_tmpl, j->interval, named, lo, hi) < 0)
			return -1;
		if (!j->interval && memcmp(lo, hi, kb) != 0)
			return diag_error(ec->errs, &(*keyp)->loc,
					  "Set member is a range, but the set has no interval flag");
		if (!via_ivals) {
			struct nl_elem *ne = add_elem(j);
			put_key(j->out, ne, lo, kb);
			if (j->interval) {
				ne->key_end = arena_memdup(j->out, hi, kb);
				ne->key_end_len = kb;
				ne->present |= 1u << NFTA_SET_ELEM_KEY_END;
			}
			put_data(ne, data);
			put_objref(ne, objref);
			if (elem_extras(j, j->out, ne, elem) < 0)
				return -1;
			continue;
		}
		struct ival *x = new_ival(j);
		memcpy(lo_of(j, x), lo, kb);
		memcpy(hi_of(j, x), hi, kb);
		keep_data(j, x, data);
		x->objref = objref;
		x->loc = (*keyp)->loc;
		if (elem && elem->kind == EXPR_SET_ELEM &&
		    (elem->elem.timeout || elem->elem.expires || elem->elem.comment ||
	     elem->elem.stmts || elem->elem.objref)) {
			struct nl_elem *ex = arena_alloc(j->keep, sizeof(*ex));
			if (elem_extras(j, j->keep, ex, elem) < 0)
				return -1;
			x->extras = ex;
		}
	}
	if (!j->list_loc_set) {
		j->list_loc = elems->loc;
		j->list_loc_set = true;
	}
	return 0;
}

static int ival_cmp_r(const void *a, const void *b, void *job)
{
	const struct elems_job *j = job;
	return memcmp(lo_of(j, a), lo_of(j, b), j->kb);
}

/* Intervals: sort, merge overlapping/adjacent ranges of sets, emit start/end. */
int elems_job_finish(struct elems_job *j)
{
	if (!j->interval || j->concat)
		return 0;
	struct eval_ctx *ec = j->ec;
	struct ival *iv = j->iv;
	uint32_t kb = j->kb, ni = j->ni;
	struct lhs_shape sh;
	elem_shape(j->key_tmpl, j->set->flags & NFT_SET_ANONYMOUS ? FIELD_AS_LOADED : FIELD_DOWN_NET,
		   true, &sh);
	/* lists are mostly written in order (generated GeoIP maps are): check first */
	uint32_t sorted = 1;
	while (sorted < ni && ival_cmp_r(&iv[sorted - 1], &iv[sorted], j) <= 0)
		sorted++;
	if (sorted < ni)
		qsort_r(iv, ni, sizeof(*iv), ival_cmp_r, j);
	bool is_map = j->set->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
	bool anonymous = j->set->flags & NFT_SET_ANONYMOUS;
	/* Anonymous sets and `auto-merge` ones merge what overlaps or touches; a named set
	 * without it keeps touching intervals apart and refuses overlapping ones (an exact
	 * repeat is dropped), as nft does. Maps never merge. */
	bool merge = !is_map && (anonymous || j->set->auto_merge);
	uint32_t m = 0;
	for (uint32_t i = 0; i < ni; i++) {
		if (m > 0) {
			struct ival *p = &iv[m - 1];
			uint8_t next[VALUE_MAX];
			memcpy(next, hi_of(j, p), kb);
			bool ok = be_inc(next, kb, sh.shift);
			const uint8_t *lo = lo_of(j, &iv[i]);
			bool overlap = memcmp(lo, hi_of(j, p), kb) <= 0;
			if (overlap && !merge && !is_map && memcmp(lo, lo_of(j, p), kb) == 0 &&
			    memcmp(hi_of(j, &iv[i]), hi_of(j, p), kb) == 0)
				continue;
			if (overlap && !merge)
				return diag_error_also(ec->errs,
						       iv[i].loc.src ? &iv[i].loc : &j->list_loc,
						       p->loc.src ? &p->loc : NULL,
						       "conflicting intervals specified");
			if (merge && (overlap || (ok && memcmp(lo, next, kb) == 0))) {
				if (memcmp(hi_of(j, &iv[i]), hi_of(j, p), kb) > 0)
					memcpy(hi_of(j, p), hi_of(j, &iv[i]), kb);
				continue;
			}
		}
		iv[m++] = iv[i];
	}
	static const uint8_t zero[VALUE_MAX];
	if (m > 0 && memcmp(lo_of(j, &iv[0]), zero, kb) != 0) {
		struct nl_elem *ne = add_elem(j);
		put_key(j->out, ne, zero, kb);
		put_flags(ne, NFT_SET_ELEM_INTERVAL_END);
	}
	for (uint32_t i = 0; i < m; i++) {
		struct nl_elem *ne = add_elem(j);
		put_key(j->out, ne, lo_of(j, &iv[i]), kb);
		put_data(ne, ival_data(j, &iv[i]));
		put_objref(ne, iv[i].objref);
		copy_extras(ne, iv[i].extras);
		uint8_t end[VALUE_MAX];
		memcpy(end, hi_of(j, &iv[i]), kb);
		if (!be_inc(end, kb, sh.shift)) {
			mark_interval_open(j->out, ne);   /* runs to the top: no end element */
			continue;
		}
		/* The next interval starts right here: an anonymous set needs no end, but
		 * the kernel refuses two starts in a row in a named one, so it gets the end
		 * and then the start at the same key (as nft sends them). */
		if (anonymous && i + 1 < m && memcmp(lo_of(j, &iv[i + 1]), end, kb) == 0)
			continue;
		ne = add_elem(j);
		put_key(j->out, ne, end, kb);
		put_flags(ne, NFT_SET_ELEM_INTERVAL_END);
	}
	return 0;
}

int eval_lower_elems(struct eval_ctx *ec, uint32_t family, struct expr *elems,
		     struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set)
{
	struct elems_job j;
	elems_job_init(&j, ec, family, key_tmpl, data_tmpl, set);
	if (elems_job_add(&j, elems) < 0)
		return -1;
	return elems_job_finish(&j);
}

int eval_lower_elem_keys(struct eval_ctx *ec, uint32_t family, struct expr *elems,
			 struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set)
{
	struct elems_job j;
	elems_job_init(&j, ec, family, key_tmpl, data_tmpl, set);
	j.data_unsent = true;
	if (elems_job_add(&j, elems) < 0)
		return -1;
	return elems_job_finish(&j);
}
