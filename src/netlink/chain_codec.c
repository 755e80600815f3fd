/* Chains on the wire: identity (table, name, handle, id), the base-chain hook
 * nest (hook number, priority, devices), type, policy, flags and userdata. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

static const struct attr_policy chain_policy[NFTA_CHAIN_MAX + 1] = {
	[NFTA_CHAIN_TABLE] = { AK_STR, 256 },
	[NFTA_CHAIN_HANDLE] = { AK_U64, 0 },
	[NFTA_CHAIN_NAME] = { AK_STR, 256 },
	[NFTA_CHAIN_HOOK] = { AK_NESTED, 0 },
	[NFTA_CHAIN_POLICY] = { AK_U32, 0 },
	[NFTA_CHAIN_USE] = { AK_U32, 0 },
	[NFTA_CHAIN_TYPE] = { AK_STR, 32 },
	[NFTA_CHAIN_COUNTERS] = { AK_NESTED, 0 },
	[NFTA_CHAIN_FLAGS] = { AK_U32, 0 },
	[NFTA_CHAIN_ID] = { AK_U32, 0 },
	[NFTA_CHAIN_USERDATA] = { AK_BINARY, 256 },
};

static const struct attr_policy hook_policy[NFTA_HOOK_MAX + 1] = {
	[NFTA_HOOK_HOOKNUM] = { AK_U32, 0 },
	[NFTA_HOOK_PRIORITY] = { AK_U32, 0 },
	[NFTA_HOOK_DEV] = { AK_STR, 16 },
	[NFTA_HOOK_DEVS] = { AK_NESTED, 0 },
};

void enc_chain(struct nl_buf *b, const struct nl_chain *c)
{
	if (c->table)
		attr_put_str(b, NFTA_CHAIN_TABLE, c->table);
	if (c->handle)
		attr_put_u64(b, NFTA_CHAIN_HANDLE, c->handle);
	if (c->name)
		attr_put_str(b, NFTA_CHAIN_NAME, c->name);
	if (c->id)
		attr_put_u32(b, NFTA_CHAIN_ID, c->id);
	if (c->has_hook) {
		size_t hook = attr_nest_start(b, NFTA_CHAIN_HOOK);
		attr_put_u32(b, NFTA_HOOK_HOOKNUM, c->hooknum);
		attr_put_u32(b, NFTA_HOOK_PRIORITY, (uint32_t)c->prio);
		if (c->ndevs == 1) {
			attr_put_str(b, NFTA_HOOK_DEV, c->devs[0]);
		} else if (c->ndevs > 1) {
			size_t devs = attr_nest_start(b, NFTA_HOOK_DEVS);
			for (uint32_t i = 0; i < c->ndevs; i++)
				attr_put_str(b, NFTA_DEVICE_NAME, c->devs[i]);
			attr_nest_end(b, devs);
		}
		attr_nest_end(b, hook);
	}
	if (NL_HAS(c, NFTA_CHAIN_POLICY) || (c->has_hook && c->policy))
			attr_put_u32(b, NFTA_CHAIN_POLICY, c->policy);
	if (c->type)
		attr_put_str(b, NFTA_CHAIN_TYPE, c->type);
	if (c->flags || NL_HAS(c, NFTA_CHAIN_FLAGS))
		attr_put_u32(b, NFTA_CHAIN_FLAGS, c->flags);
	if (c->udata && c->udata_len)
		attr_put(b, NFTA_CHAIN_USERDATA, c->udata, c->udata_len);
}

static int dec_devs(struct arena *a, const struct attr *nest, struct nl_chain *out)
{
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	while ((r = attr_next(nest->data, nest->len, &off, &type, &at)) > 0) {
		if (type != NFTA_DEVICE_NAME || at.len == 0 || !memchr(at.data, 0, at.len))
			return -EINVAL;
		out->devs = arena_grow(a, out->devs, out->ndevs, out->ndevs + 1, sizeof(*out->devs));
		out->devs[out->ndevs++] = arena_strdup(a, attr_str(&at));
	}
	return r;
}

static int dec_hook(struct arena *a, const struct attr *nest, struct nl_chain *out)
{
	struct attr tb[NFTA_HOOK_MAX + 1];
	if (attr_parse(nest->data, nest->len, hook_policy, NFTA_HOOK_MAX, tb) < 0 ||
	    !attr_ok(&tb[NFTA_HOOK_HOOKNUM]))
		return -EINVAL;
	out->has_hook = true;
	out->hooknum = attr_u32(&tb[NFTA_HOOK_HOOKNUM]);
	if (attr_ok(&tb[NFTA_HOOK_PRIORITY]))
		out->prio = (int32_t)attr_u32(&tb[NFTA_HOOK_PRIORITY]);
	if (attr_ok(&tb[NFTA_HOOK_DEVS]))
		return dec_devs(a, &tb[NFTA_HOOK_DEVS], out);
	if (attr_ok(&tb[NFTA_HOOK_DEV])) {
		out->devs = arena_alloc(a, sizeof(*out->devs));
		out->devs[0] = arena_strdup(a, attr_str(&tb[NFTA_HOOK_DEV]));
		out->ndevs = 1;
	}
	return 0;
}

int dec_chain(struct arena *a, const uint8_t *p, size_t len, uint32_t family, struct nl_chain *out)
{
	struct attr tb[NFTA_CHAIN_MAX + 1];
	*out = (struct nl_chain){ .family = family };
	if (attr_parse(p, len, chain_policy, NFTA_CHAIN_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_CHAIN_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_CHAIN_TABLE]))
		out->table = arena_strdup(a, attr_str(&tb[NFTA_CHAIN_TABLE]));
	if (attr_ok(&tb[NFTA_CHAIN_NAME]))
		out->name = arena_strdup(a, attr_str(&tb[NFTA_CHAIN_NAME]));
	if (attr_ok(&tb[NFTA_CHAIN_HANDLE]))
		out->handle = attr_u64(&tb[NFTA_CHAIN_HANDLE]);
	if (attr_ok(&tb[NFTA_CHAIN_ID]))
		out->id = attr_u32(&tb[NFTA_CHAIN_ID]);
	if (attr_ok(&tb[NFTA_CHAIN_POLICY]))
		out->policy = attr_u32(&tb[NFTA_CHAIN_POLICY]);
	if (attr_ok(&tb[NFTA_CHAIN_USE]))
		out->use = attr_u32(&tb[NFTA_CHAIN_USE]);
	if (attr_ok(&tb[NFTA_CHAIN_TYPE]))
		out->type = arena_strdup(a, attr_str(&tb[NFTA_CHAIN_TYPE]));
	if (attr_ok(&tb[NFTA_CHAIN_FLAGS]))
		out->flags = attr_u32(&tb[NFTA_CHAIN_FLAGS]);
	if (attr_ok(&tb[NFTA_CHAIN_USERDATA])) {
		out->udata = arena_memdup(a, tb[NFTA_CHAIN_USERDATA].data, tb[NFTA_CHAIN_USERDATA].len);
		out->udata_len = tb[NFTA_CHAIN_USERDATA].len;
	}
	if (attr_ok(&tb[NFTA_CHAIN_HOOK]) && dec_hook(a, &tb[NFTA_CHAIN_HOOK], out) < 0)
		return -EINVAL;
	return out->name ? 0 : -EINVAL;
}
