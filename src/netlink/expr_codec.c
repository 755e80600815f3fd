/* Expressions on the wire, driven entirely by the vm_descs[] table: the kernel
 * name in NFTA_EXPR_NAME and each present attribute in NFTA_EXPR_DATA encoded
 * by its declared wire type; decoding builds the policy from the same row. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

#define EXPR_MAX_DEPTH 4

static const struct attr_policy expr_policy[NFTA_EXPR_MAX + 1] = {
	[NFTA_EXPR_NAME] = { AK_STR, 32 },
	[NFTA_EXPR_DATA] = { AK_NESTED, 0 },
};

/* wire type of a table row → parser policy (codec.h) */
const struct attr_policy va_policy[VA_KIND_COUNT] = {
	[VA_NONE] = { AK_NONE, 0 },
	[VA_U8] = { AK_U8, 0 }, [VA_U16] = { AK_U16, 0 },
	[VA_U32] = { AK_U32, 0 }, [VA_U64] = { AK_U64, 0 },
	[VA_STR] = { AK_STR, 0 },
	[VA_DATA] = { AK_NESTED, 0 }, [VA_DATA_VERDICT] = { AK_NESTED, 0 },
	[VA_EXPRS] = { AK_NESTED, 0 }, [VA_EXPR] = { AK_NESTED, 0 },
};

static void enc_expr_body(struct nl_buf *b, const struct vm_expr *e)
{
	if (e->kind <= VM_INVALID || e->kind >= VM_KIND_MAX)
		return;          /* unknown kind: an empty element the kernel refuses */
	const struct vm_desc *d = &vm_descs[e->kind];
	attr_put_str(b, NFTA_EXPR_NAME, d->name);
	if (!e->present)
		return;
	size_t data = attr_nest_start(b, NFTA_EXPR_DATA);
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++) {
		if (!vm_has(e, i))
			continue;
		const union vm_attr_val *v = &e->a[i];
		switch (d->attrs[i].type) {
		case VA_U8: attr_put_u8(b, i, (uint8_t)v->u); break;
		case VA_U16: attr_put_u16(b, i, (uint16_t)v->u); break;
		case VA_U32: attr_put_u32(b, i, (uint32_t)v->u); break;
		case VA_U64: attr_put_u64(b, i, v->u); break;
		case VA_STR: if (v->s) attr_put_str(b, i, v->s); break;
		case VA_DATA:
		case VA_DATA_VERDICT: if (v->d) enc_data(b, i, v->d); break;
		case VA_EXPRS: if (v->exprs) enc_expr_list(b, i, v->exprs); break;
		case VA_EXPR:
			if (v->exprs && v->exprs->n)
				enc_expr_one(b, i, &v->exprs->v[0]);
			break;
		case VA_NONE: break;
		}
	}
	attr_nest_end(b, data);
}

void enc_expr_one(struct nl_buf *b, uint16_t type, const struct vm_expr *e)
{
	size_t nest = attr_nest_start(b, type);
	enc_expr_body(b, e);
	attr_nest_end(b, nest);
}

void enc_expr_list(struct nl_buf *b, uint16_t type, const struct vm_exprs *l)
{
	size_t nest = attr_nest_start(b, type);
	for (uint32_t i = 0; i < l->n; i++)
		enc_expr_one(b, NFTA_LIST_ELEM, &l->v[i]);
	attr_nest_end(b, nest);
}

static int dec_attr_val(struct arena *a, const struct attr *at, enum vm_attr_type t,
			union vm_attr_val *v, int depth)
{
	switch (t) {
	case VA_U8: v->u = attr_u8(at); return 0;
	case VA_U16: v->u = attr_u16(at); return 0;
	case VA_U32: v->u = attr_u32(at); return 0;
	case VA_U64: v->u = attr_u64(at); return 0;
	case VA_STR: v->s = arena_strdup(a, attr_str(at)); return 0;
	case VA_DATA:
	case VA_DATA_VERDICT: {
		int r = dec_data(a, at, &v->d);
		if (r == 0 && t == VA_DATA && v->d->is_verdict)
			return -EINVAL;
		return r;
	}
	case VA_EXPRS:
		v->exprs = arena_alloc(a, sizeof(*v->exprs));
		return dec_expr_list(a, at->data, at->len, v->exprs, depth + 1);
	case VA_EXPR:
		v->exprs = arena_alloc(a, sizeof(*v->exprs));
		return dec_expr_one(a, at->data, at->len, v->exprs, depth + 1);
	default:
		return -EINVAL;
	}
}

/* Decodes one NFTA_EXPR_NAME/NFTA_EXPR_DATA pair and appends it to out. */
int dec_expr_one(struct arena *a, const uint8_t *p, size_t len, struct vm_exprs *out, int depth)
{
	struct attr tb[NFTA_EXPR_MAX + 1];
	if (depth > EXPR_MAX_DEPTH)
		return -EINVAL;
	if (attr_parse(p, len, expr_policy, NFTA_EXPR_MAX, tb) < 0 || !attr_ok(&tb[NFTA_EXPR_NAME]))
		return -EINVAL;
	const char *name = attr_str(&tb[NFTA_EXPR_NAME]);
	const struct vm_desc *d = vm_desc_by_name(name, strlen(name));
	if (!d) {
		/* an expression we do not know (xtables "match" ...): kept as a
		 * VM_INVALID placeholder holding its name in attribute 0, so the
		 * rest of the ruleset still lists */
		struct vm_expr *u = vm_exprs_add(a, out, VM_INVALID);
		vm_set_str(u, 0, arena_strdup(a, name));   /* a[0]: its kernel name */
		return 0;
	}

	struct vm_expr *e = vm_exprs_add(a, out, d->kind);
	if (!attr_ok(&tb[NFTA_EXPR_DATA]))
		return 0;
	struct attr_policy pol[VM_MAX_ATTR];
	struct attr at[VM_MAX_ATTR];
	unsigned max = d->max_attr < VM_MAX_ATTR ? d->max_attr : VM_MAX_ATTR - 1;
	for (unsigned i = 0; i <= max; i++)
		pol[i] = va_policy[d->attrs[i].type];
	if (attr_parse(tb[NFTA_EXPR_DATA].data, tb[NFTA_EXPR_DATA].len, pol, max, at) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= max; i++) {
		if (!attr_ok(&at[i]))
			continue;
		int r = dec_attr_val(a, &at[i], d->attrs[i].type, &e->a[i], depth);
		if (r < 0)
			return r;
		/* a value the kernel could never have accepted (e.g. a 1 MiB load) */
		if (d->attrs[i].max && e->a[i].u > d->attrs[i].max)
			return -EINVAL;
		e->present |= 1u << i;
	}
	return 0;
}

int dec_expr_list(struct arena *a, const uint8_t *p, size_t len, struct vm_exprs *out, int depth)
{
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	if (depth > EXPR_MAX_DEPTH)
		return -EINVAL;
	while ((r = attr_next(p, len, &off, &type, &at)) > 0) {
		if (type != NFTA_LIST_ELEM)
			return -EINVAL;
		r = dec_expr_one(a, at.data, at.len, out, depth);
		if (r < 0)
			return r;
	}
	return r;
}

/* ---------------------------------------------------------------- netlink.h API */

int nl_decode_exprs(struct arena *a, const uint8_t *nest, size_t len, struct vm_exprs *out)
{
	return dec_expr_list(a, nest, len, out, 0);
}

size_t nl_encode_exprs(const struct vm_exprs *exprs, uint8_t *buf, size_t cap)
{
	struct nl_buf b;
	nlbuf_init(&b);
	for (uint32_t i = 0; i < exprs->n; i++)
		enc_expr_one(&b, NFTA_LIST_ELEM, &exprs->v[i]);
	size_t n = b.len;
	if (n <= cap && buf)
		memcpy(buf, b.p, n);
	nlbuf_free(&b);
	return n;
}
