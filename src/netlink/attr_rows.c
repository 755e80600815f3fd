/* The one encoder and the one decoder of the object rows (attr_rows.h): what every
 * object codec did by hand, a field at a time, done once by reading its rows. Fields
 * are reached by offset and copied with memcpy, so a row may name a field of any
 * alignment and a signed one reads as its unsigned twin. */
#include <errno.h>
#include <string.h>
#include "attr_rows.h"

static inline uint64_t uint_at(const void *obj, const struct attr_row *r)
{
	const char *p = (const char *)obj + r->off;
	uint64_t u64;
	uint32_t u32;
	uint8_t u8;
	if (r->size == 8) {
		memcpy(&u64, p, 8);
		return u64;
	}
	if (r->size == 4) {
		memcpy(&u32, p, 4);
		return u32;
	}
	if (r->size == 1) {
		memcpy(&u8, p, 1);
		return u8;
	}
	return 0;
}

static void uint_put(void *obj, const struct attr_row *r, uint64_t v)
{
	char *p = (char *)obj + r->off;
	uint8_t u8 = (uint8_t)v;
	uint32_t u32 = (uint32_t)v;
	switch (r->size) {
	case 1: memcpy(p, &u8, 1); break;
	case 4: memcpy(p, &u32, 4); break;
	case 8: memcpy(p, &v, 8); break;
	default: break;
	}
}

static const void *ptr_at(const void *obj, uint16_t off)
{
	const void *v;
	memcpy(&v, (const char *)obj + off, sizeof(v));
	return v;
}

static void ptr_put(void *obj, uint16_t off, const void *v)
{
	memcpy((char *)obj + off, &v, sizeof(v));
}

static uint32_t u32_at(const void *obj, size_t off)
{
	uint32_t v;
	memcpy(&v, (const char *)obj + off, sizeof(v));
	return v;
}

static void u32_put(void *obj, size_t off, uint32_t v)
{
	memcpy((char *)obj + off, &v, sizeof(v));
}

/* The encoder asks this of every row of every object (ten rows an element, a
 * million elements a large map): tests rather than switches, the common case first. */
static inline bool row_has_value(const struct attr_row *r, const void *obj)
{
	if (!uint_at(obj, r))
		return false;
	return r->kind != AK_BINARY || u32_at(obj, r->len_off);
}

static bool row_present(const struct attr_rows *rows, const struct attr_row *r, const void *obj)
{
	return rows->present_off >= 0 && (u32_at(obj, (size_t)rows->present_off) >> r->attr) & 1u;
}

static bool row_sent(const struct attr_rows *rows, const struct attr_row *r, const void *obj)
{
	if (r->emit == EMIT_SET)
		return row_has_value(r, obj);
	if (r->emit == EMIT_SET_OR_PRESENT)
		return row_has_value(r, obj) || row_present(rows, r, obj);
	if (r->emit == EMIT_PRESENT)
		return row_present(rows, r, obj);
	if (r->emit == EMIT_WHEN)
		return r->when(obj);
	return r->emit == EMIT_ALWAYS;
}

static void row_encode(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	switch (r->kind) {
	case AK_U32: attr_put_u32(b, r->attr, (uint32_t)uint_at(obj, r)); break;
	case AK_U64: attr_put_u64(b, r->attr, uint_at(obj, r)); break;
	case AK_STR: attr_put_str(b, r->attr, ptr_at(obj, r->off)); break;
	case AK_BINARY: attr_put(b, r->attr, ptr_at(obj, r->off), u32_at(obj, r->len_off)); break;
	case AK_NESTED: {
		size_t nest = attr_nest_start(b, r->attr);
		rows_encode(b, r->nest, obj);
		attr_nest_end(b, nest);
		break;
	}
	default: break;
	}
}

void rows_encode(struct nl_buf *b, const struct attr_rows *rows, const void *obj)
{
	for (const struct attr_row *r = rows->v, *end = r + rows->n; r < end; r++) {
		if (!row_sent(rows, r, obj))
			continue;
		if (r->enc)
			r->enc(b, r, obj);
		else
			row_encode(b, r, obj);
	}
}

/* Built for each message, as the expression codec builds its own; the elements of a
 * message share one (rows_decode_by). */
void rows_policy(const struct attr_rows *rows, struct rows_policy *pol)
{
	pol->max = 0;
	for (const struct attr_row *r = rows->v, *end = r + rows->n; r < end; r++)
		if (r->attr > pol->max)
			pol->max = r->attr;
	memset(pol->v, 0, (pol->max + 1) * sizeof(pol->v[0]));
	for (const struct attr_row *r = rows->v, *end = r + rows->n; r < end; r++)
		pol->v[r->attr] = (struct attr_policy){ r->kind, r->max_len };
}

int rows_parse(const struct rows_policy *pol, const uint8_t *p, size_t len, struct attr *tb)
{
	return attr_parse(p, len, pol->v, pol->max, tb);
}

static int row_decode(struct arena *a, const struct attr_row *r, const struct attr *at, void *obj)
{
	switch (r->kind) {
	case AK_U32: uint_put(obj, r, attr_u32(at)); return 0;
	case AK_U64: uint_put(obj, r, attr_u64(at)); return 0;
	case AK_STR:
		if (r->size)
			ptr_put(obj, r->off, arena_strdup(a, attr_str(at)));
		return 0;
	case AK_BINARY:
		if (r->size) {
			ptr_put(obj, r->off, arena_memdup(a, at->data, at->len));
			u32_put(obj, r->len_off, at->len);
		}
		return 0;
	case AK_NESTED:
		if (r->nest && rows_decode(a, r->nest, at->data, at->len, obj) < 0)
			return -EINVAL;
		uint_put(obj, r, 1);
		return 0;
	default:
		return 0;
	}
}

int rows_decode_by(struct arena *a, const struct attr_rows *rows, const struct rows_policy *pol,
		   const uint8_t *p, size_t len, void *obj)
{
	struct attr tb[ROWS_ATTR_MAX + 1];
	uint32_t present = 0;
	if (rows_parse(pol, p, len, tb) < 0)
		return -EINVAL;
	for (const struct attr_row *r = rows->v, *end = r + rows->n; r < end; r++) {
		const struct attr *at = &tb[r->attr];
		if (!attr_ok(at)) {
			if (r->required)
				return -EINVAL;
			continue;
		}
		present |= 1u << r->attr;
		int ret = r->dec ? r->dec(a, r, tb, obj) : row_decode(a, r, at, obj);
		if (ret < 0)
			return -EINVAL;
	}
	if (rows->present_off >= 0) {
		size_t off = (size_t)rows->present_off;
		u32_put(obj, off, u32_at(obj, off) | present);
	}
	return 0;
}

int rows_decode(struct arena *a, const struct attr_rows *rows, const uint8_t *p, size_t len,
		void *obj)
{
	struct rows_policy pol;
	rows_policy(rows, &pol);
	return rows_decode_by(a, rows, &pol, p, len, obj);
}
