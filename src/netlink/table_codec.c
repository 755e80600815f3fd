/* Tables on the wire: name, flags, handle, userdata (and use/owner when dumped). */
#include <errno.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

static const struct attr_policy table_policy[NFTA_TABLE_MAX + 1] = {
	[NFTA_TABLE_NAME] = { AK_STR, 256 },
	[NFTA_TABLE_FLAGS] = { AK_U32, 0 },
	[NFTA_TABLE_USE] = { AK_U32, 0 },
	[NFTA_TABLE_HANDLE] = { AK_U64, 0 },
	[NFTA_TABLE_USERDATA] = { AK_BINARY, 256 },
	[NFTA_TABLE_OWNER] = { AK_U32, 0 },
};

void enc_table(struct nl_buf *b, const struct nl_table *t)
{
	if (t->name)
		attr_put_str(b, NFTA_TABLE_NAME, t->name);
	if (t->flags || NL_HAS(t, NFTA_TABLE_FLAGS))
		attr_put_u32(b, NFTA_TABLE_FLAGS, t->flags);
	if (t->handle)
		attr_put_u64(b, NFTA_TABLE_HANDLE, t->handle);
	if (t->udata && t->udata_len)
		attr_put(b, NFTA_TABLE_USERDATA, t->udata, t->udata_len);
}

int dec_table(struct arena *a, const uint8_t *p, size_t len, uint32_t family, struct nl_table *out)
{
	struct attr tb[NFTA_TABLE_MAX + 1];
	*out = (struct nl_table){ .family = family };
	if (attr_parse(p, len, table_policy, NFTA_TABLE_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_TABLE_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_TABLE_NAME]))
		out->name = arena_strdup(a, attr_str(&tb[NFTA_TABLE_NAME]));
	if (attr_ok(&tb[NFTA_TABLE_FLAGS]))
		out->flags = attr_u32(&tb[NFTA_TABLE_FLAGS]);
	if (attr_ok(&tb[NFTA_TABLE_USE]))
		out->use = attr_u32(&tb[NFTA_TABLE_USE]);
	if (attr_ok(&tb[NFTA_TABLE_HANDLE]))
		out->handle = attr_u64(&tb[NFTA_TABLE_HANDLE]);
	if (attr_ok(&tb[NFTA_TABLE_USERDATA])) {
		out->udata = arena_memdup(a, tb[NFTA_TABLE_USERDATA].data, tb[NFTA_TABLE_USERDATA].len);
		out->udata_len = tb[NFTA_TABLE_USERDATA].len;
	}
	return out->name ? 0 : -EINVAL;
}
