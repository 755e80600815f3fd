/* Netlink attributes: writers (type-length-value, 4-byte aligned, integers in
 * network byte order) and a policy-checked parser so no reader ever touches
 * bytes the kernel did not send. */
#include <errno.h>
#include <string.h>
#include <endian.h>
#include "nlmsg.h"

void attr_put(struct nl_buf *b, uint16_t type, const void *data, size_t len)
{
	size_t off = nlbuf_extend(b, NLA_HDRLEN + NL_ALIGN(len));
	struct nlattr *a = (struct nlattr *)(b->p + off);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy(b->p + off + NLA_HDRLEN, data, len);
	if (NL_ALIGN(len) != len)   /* the padding: every byte sent is written */
		memset(b->p + off + NLA_HDRLEN + len, 0, NL_ALIGN(len) - len);
}

void attr_put_u8(struct nl_buf *b, uint16_t type, uint8_t v)
{
	attr_put(b, type, &v, sizeof(v));
}

void attr_put_u16(struct nl_buf *b, uint16_t type, uint16_t v)
{
	uint16_t be = htobe16(v);
	attr_put(b, type, &be, sizeof(be));
}

void attr_put_u32(struct nl_buf *b, uint16_t type, uint32_t v)
{
	uint32_t be = htobe32(v);
	attr_put(b, type, &be, sizeof(be));
}

void attr_put_u64(struct nl_buf *b, uint16_t type, uint64_t v)
{
	uint64_t be = htobe64(v);
	attr_put(b, type, &be, sizeof(be));
}

void attr_put_str(struct nl_buf *b, uint16_t type, const char *s)
{
	attr_put(b, type, s, strlen(s) + 1);
}

size_t attr_nest_start(struct nl_buf *b, uint16_t type)
{
	size_t off = nlbuf_extend(b, NLA_HDRLEN);
	struct nlattr *a = (struct nlattr *)(b->p + off);
	a->nla_type = type | NLA_F_NESTED;
	a->nla_len = NLA_HDRLEN;    /* until attr_nest_end */
	return off;
}

void attr_nest_end(struct nl_buf *b, size_t off)
{
	struct nlattr *a = (struct nlattr *)(b->p + off);
	a->nla_len = (uint16_t)(b->len - off);
}

/* ---------------------------------------------------------------- parsing */

int attr_next(const uint8_t *p, size_t len, size_t *off, uint16_t *type, struct attr *out)
{
	if (*off >= len)
		return 0;
	if (len - *off < NLA_HDRLEN)
		return -EINVAL;
	struct nlattr h;
	memcpy(&h, p + *off, sizeof(h));
	if (h.nla_len < NLA_HDRLEN || h.nla_len > len - *off)
		return -EINVAL;
	*type = h.nla_type & NLA_TYPE_MASK;
	out->data = p + *off + NLA_HDRLEN;
	out->len = (uint16_t)(h.nla_len - NLA_HDRLEN);
	size_t step = NL_ALIGN(h.nla_len);
	*off = step > len - *off ? len : *off + step;
	return 1;
}

static int attr_validate(const struct attr *a, const struct attr_policy *pol)
{
	static const uint16_t int_size[] = { [AK_U8] = 1, [AK_U16] = 2, [AK_U32] = 4, [AK_U64] = 8 };
	switch (pol->kind) {
	case AK_U8: case AK_U16: case AK_U32: case AK_U64:
		return a->len == int_size[pol->kind] ? 0 : -EINVAL;
	case AK_STR:
		if (a->len == 0 || memchr(a->data, '\0', a->len) == NULL)
			return -EINVAL;
		return pol->max_len && a->len > pol->max_len ? -EINVAL : 0;
	case AK_BINARY:
		return pol->max_len && a->len > pol->max_len ? -EINVAL : 0;
	case AK_NESTED:
		return 0;
	default:
		return -EINVAL;
	}
}

int attr_parse(const uint8_t *p, size_t len, const struct attr_policy *pol, unsigned max,
	       struct attr *tb)
{
	memset(tb, 0, (max + 1) * sizeof(*tb));
	size_t off = 0;
	uint16_t type;
	struct attr a;
	int r;
	while ((r = attr_next(p, len, &off, &type, &a)) > 0) {
		if (type > max || pol[type].kind == AK_NONE)
			continue;
		if (attr_validate(&a, &pol[type]) < 0)
			return -EINVAL;
		tb[type] = a;
	}
	return r;
}

uint8_t attr_u8(const struct attr *a)
{
	return a->data[0];
}

uint16_t attr_u16(const struct attr *a)
{
	uint16_t v;
	memcpy(&v, a->data, sizeof(v));
	return be16toh(v);
}

uint32_t attr_u32(const struct attr *a)
{
	uint32_t v;
	memcpy(&v, a->data, sizeof(v));
	return be32toh(v);
}

uint64_t attr_u64(const struct attr *a)
{
	uint64_t v;
	memcpy(&v, a->data, sizeof(v));
	return be64toh(v);
}

const char *attr_str(const struct attr *a)
{
	return (const char *)a->data;
}
