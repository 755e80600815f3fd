/* Flowtables on the wire (NFT_MSG_NEWFLOWTABLE/DELFLOWTABLE and dumps): identity,
 * the hook nest (hook number, priority, device list) and flags. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"
#include "obj_data.h"

void enc_flowtable(struct nl_buf *b, const struct nl_flowtable *f)
{
	if (f->table)
		attr_put_str(b, NFTA_FLOWTABLE_TABLE, f->table);
	if (f->name)
		attr_put_str(b, NFTA_FLOWTABLE_NAME, f->name);
	if (f->handle)
		attr_put_u64(b, NFTA_FLOWTABLE_HANDLE, f->handle);
	if (NL_HAS(f, NFTA_FLOWTABLE_HOOK)) {
		size_t hook = attr_nest_start(b, NFTA_FLOWTABLE_HOOK);
		attr_put_u32(b, NFTA_FLOWTABLE_HOOK_NUM, f->hooknum);
		attr_put_u32(b, NFTA_FLOWTABLE_HOOK_PRIORITY, (uint32_t)f->prio);
		if (f->ndevs) {
			size_t devs = attr_nest_start(b, NFTA_FLOWTABLE_HOOK_DEVS);
			for (uint32_t i = 0; i < f->ndevs; i++)
				attr_put_str(b, NFTA_DEVICE_NAME, f->devs[i]);
			attr_nest_end(b, devs);
		}
		attr_nest_end(b, hook);
	}
	if (f->flags || NL_HAS(f, NFTA_FLOWTABLE_FLAGS))
		attr_put_u32(b, NFTA_FLOWTABLE_FLAGS, f->flags);
}

static const struct attr_policy flowtable_policy[NFTA_FLOWTABLE_MAX + 1] = {
	[NFTA_FLOWTABLE_TABLE] = { AK_STR, 256 },
	[NFTA_FLOWTABLE_NAME] = { AK_STR, 256 },
	[NFTA_FLOWTABLE_HOOK] = { AK_NESTED, 0 },
	[NFTA_FLOWTABLE_USE] = { AK_U32, 0 },
	[NFTA_FLOWTABLE_HANDLE] = { AK_U64, 0 },
	[NFTA_FLOWTABLE_FLAGS] = { AK_U32, 0 },
};

static const struct attr_policy ft_hook_policy[NFTA_FLOWTABLE_HOOK_MAX + 1] = {
	[NFTA_FLOWTABLE_HOOK_NUM] = { AK_U32, 0 },
	[NFTA_FLOWTABLE_HOOK_PRIORITY] = { AK_U32, 0 },
	[NFTA_FLOWTABLE_HOOK_DEVS] = { AK_NESTED, 0 },
};

static int dec_ft_devs(struct arena *a, const struct attr *nest, struct nl_flowtable *out)
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

int dec_flowtable(struct arena *a, const uint8_t *p, size_t len, uint32_t family,
		  struct nl_flowtable *out)
{
	struct attr tb[NFTA_FLOWTABLE_MAX + 1];
	*out = (struct nl_flowtable){ .family = family };
	if (attr_parse(p, len, flowtable_policy, NFTA_FLOWTABLE_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_FLOWTABLE_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_FLOWTABLE_TABLE]))
		out->table = arena_strdup(a, attr_str(&tb[NFTA_FLOWTABLE_TABLE]));
	if (attr_ok(&tb[NFTA_FLOWTABLE_NAME]))
		out->name = arena_strdup(a, attr_str(&tb[NFTA_FLOWTABLE_NAME]));
	if (attr_ok(&tb[NFTA_FLOWTABLE_USE]))
		out->use = attr_u32(&tb[NFTA_FLOWTABLE_USE]);
	if (attr_ok(&tb[NFTA_FLOWTABLE_HANDLE]))
		out->handle = attr_u64(&tb[NFTA_FLOWTABLE_HANDLE]);
	if (attr_ok(&tb[NFTA_FLOWTABLE_FLAGS]))
		out->flags = attr_u32(&tb[NFTA_FLOWTABLE_FLAGS]);
	if (attr_ok(&tb[NFTA_FLOWTABLE_HOOK])) {
		struct attr ht[NFTA_FLOWTABLE_HOOK_MAX + 1];
		const struct attr *h = &tb[NFTA_FLOWTABLE_HOOK];
		if (attr_parse(h->data, h->len, ft_hook_policy, NFTA_FLOWTABLE_HOOK_MAX, ht) < 0)
			return -EINVAL;
		if (attr_ok(&ht[NFTA_FLOWTABLE_HOOK_NUM]))
			out->hooknum = attr_u32(&ht[NFTA_FLOWTABLE_HOOK_NUM]);
		if (attr_ok(&ht[NFTA_FLOWTABLE_HOOK_PRIORITY]))
			out->prio = (int32_t)attr_u32(&ht[NFTA_FLOWTABLE_HOOK_PRIORITY]);
		if (attr_ok(&ht[NFTA_FLOWTABLE_HOOK_DEVS]) &&
		    dec_ft_devs(a, &ht[NFTA_FLOWTABLE_HOOK_DEVS], out) < 0)
			return -EINVAL;
	}
	return out->name ? 0 : -EINVAL;
}
