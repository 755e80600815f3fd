/* Data registers on the wire: NFTA_DATA_VALUE (up to 64 bytes, the kernel's
 * byte order) or NFTA_DATA_VERDICT (code + chain), nested in the attribute that
 * carries them (NFTA_CMP_DATA, NFTA_SET_ELEM_KEY ...). */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"

static const struct attr_policy data_policy[NFTA_DATA_MAX + 1] = {
	[NFTA_DATA_VALUE] = { AK_BINARY, VM_DATA_MAX },
	[NFTA_DATA_VERDICT] = { AK_NESTED, 0 },
};

static const struct attr_policy verdict_policy[NFTA_VERDICT_MAX + 1] = {
	[NFTA_VERDICT_CODE] = { AK_U32, 0 },
	[NFTA_VERDICT_CHAIN] = { AK_STR, 256 },
	[NFTA_VERDICT_CHAIN_ID] = { AK_U32, 0 },
};

void enc_value(struct nl_buf *b, uint16_t type, const uint8_t *p, uint32_t len)
{
	size_t nest = attr_nest_start(b, type);
	attr_put(b, NFTA_DATA_VALUE, p, len);
	attr_nest_end(b, nest);
}

void enc_data(struct nl_buf *b, uint16_t type, const struct vm_data *d)
{
	if (!d->is_verdict) {
		enc_value(b, type, d->bytes, d->len);
		return;
	}
	size_t nest = attr_nest_start(b, type);
	size_t v = attr_nest_start(b, NFTA_DATA_VERDICT);
	attr_put_u32(b, NFTA_VERDICT_CODE, (uint32_t)d->verdict);
	if (d->chain)
		attr_put_str(b, NFTA_VERDICT_CHAIN, d->chain);
	else if (d->chain_id)
		attr_put_u32(b, NFTA_VERDICT_CHAIN_ID, d->chain_id);
	attr_nest_end(b, v);
	attr_nest_end(b, nest);
}

int dec_data(struct arena *a, const struct attr *nest, struct vm_data **out)
{
	struct attr tb[NFTA_DATA_MAX + 1];
	if (attr_parse(nest->data, nest->len, data_policy, NFTA_DATA_MAX, tb) < 0)
		return -EINVAL;
	struct vm_data *d = arena_alloc(a, sizeof(*d));
	if (attr_ok(&tb[NFTA_DATA_VALUE])) {
		d->len = tb[NFTA_DATA_VALUE].len;
		memcpy(d->bytes, tb[NFTA_DATA_VALUE].data, d->len);
	} else if (attr_ok(&tb[NFTA_DATA_VERDICT])) {
		struct attr vt[NFTA_VERDICT_MAX + 1];
		const struct attr *v = &tb[NFTA_DATA_VERDICT];
		if (attr_parse(v->data, v->len, verdict_policy, NFTA_VERDICT_MAX, vt) < 0 ||
		    !attr_ok(&vt[NFTA_VERDICT_CODE]))
			return -EINVAL;
		d->is_verdict = true;
		d->verdict = (int32_t)attr_u32(&vt[NFTA_VERDICT_CODE]);
		if (attr_ok(&vt[NFTA_VERDICT_CHAIN]))
			d->chain = arena_strdup(a, attr_str(&vt[NFTA_VERDICT_CHAIN]));
		if (attr_ok(&vt[NFTA_VERDICT_CHAIN_ID]))
			d->chain_id = attr_u32(&vt[NFTA_VERDICT_CHAIN_ID]);
	} else {
		return -EINVAL;
	}
	*out = d;
	return 0;
}

int dec_value(struct arena *a, const struct attr *nest, const uint8_t **p, uint32_t *len)
{
	struct attr tb[NFTA_DATA_MAX + 1];
	if (attr_parse(nest->data, nest->len, data_policy, NFTA_DATA_MAX, tb) < 0 ||
	    !attr_ok(&tb[NFTA_DATA_VALUE]))
		return -EINVAL;
	*len = tb[NFTA_DATA_VALUE].len;
	*p = arena_bytes(a, tb[NFTA_DATA_VALUE].data, *len);
	return 0;
}
