/* Netlink attributes: a policy-checked parser so no reader ever touches bytes the
 * kernel did not send. The writers (type-length-value, 4-byte aligned, integers in
 * network byte order) are inline in nlmsg.h. */
#include <errno.h>
#include <string.h>
#include <endian.h>
#include "nlmsg.h"

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
