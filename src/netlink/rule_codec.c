/* Rules on the wire: table, chain (or chain id), handle/position, userdata and
 * the expression list, whose encoding is delegated to expr_codec.c. */
#include <errno.h>
#include <linux/netfilter/nf_tables.h>
#include "codec.h"
#include "netlink.h"

static const struct attr_policy rule_policy[NFTA_RULE_MAX + 1] = {
	[NFTA_RULE_TABLE] = { AK_STR, 256 },
	[NFTA_RULE_CHAIN] = { AK_STR, 256 },
	[NFTA_RULE_HANDLE] = { AK_U64, 0 },
	[NFTA_RULE_EXPRESSIONS] = { AK_NESTED, 0 },
	[NFTA_RULE_POSITION] = { AK_U64, 0 },
	[NFTA_RULE_USERDATA] = { AK_BINARY, 256 },
	[NFTA_RULE_ID] = { AK_U32, 0 },
	[NFTA_RULE_POSITION_ID] = { AK_U32, 0 },
	[NFTA_RULE_CHAIN_ID] = { AK_U32, 0 },
};

void enc_rule(struct nl_buf *b, const struct nl_rule *r)
{
	const struct vm_rule *p = &r->prog;
	if (r->table)
		attr_put_str(b, NFTA_RULE_TABLE, r->table);
	if (r->chain)
		attr_put_str(b, NFTA_RULE_CHAIN, r->chain);
	else if (r->chain_id)
		attr_put_u32(b, NFTA_RULE_CHAIN_ID, r->chain_id);
	if (p->handle)
		attr_put_u64(b, NFTA_RULE_HANDLE, p->handle);
	if (p->position || NL_HAS(r, NFTA_RULE_POSITION))
		attr_put_u64(b, NFTA_RULE_POSITION, p->position);
	if (p->position_id)
		attr_put_u32(b, NFTA_RULE_POSITION_ID, p->position_id);
	if (p->udata && p->udata_len)
		attr_put(b, NFTA_RULE_USERDATA, p->udata, p->udata_len);
	if (p->exprs.n)
		enc_expr_list(b, NFTA_RULE_EXPRESSIONS, &p->exprs);
}

int nl_decode_rule(struct arena *a, const uint8_t *attrs, size_t len, uint32_t family,
		   struct nl_rule *out)
{
	struct attr tb[NFTA_RULE_MAX + 1];
	*out = (struct nl_rule){ .family = family };
	if (attr_parse(attrs, len, rule_policy, NFTA_RULE_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_RULE_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_RULE_TABLE]))
		out->table = arena_strdup(a, attr_str(&tb[NFTA_RULE_TABLE]));
	if (attr_ok(&tb[NFTA_RULE_CHAIN]))
		out->chain = arena_strdup(a, attr_str(&tb[NFTA_RULE_CHAIN]));
	if (attr_ok(&tb[NFTA_RULE_CHAIN_ID]))
		out->chain_id = attr_u32(&tb[NFTA_RULE_CHAIN_ID]);
	if (attr_ok(&tb[NFTA_RULE_HANDLE]))
		out->prog.handle = attr_u64(&tb[NFTA_RULE_HANDLE]);
	if (attr_ok(&tb[NFTA_RULE_POSITION]))
		out->prog.position = attr_u64(&tb[NFTA_RULE_POSITION]);
	if (attr_ok(&tb[NFTA_RULE_POSITION_ID]))
		out->prog.position_id = attr_u32(&tb[NFTA_RULE_POSITION_ID]);
	if (attr_ok(&tb[NFTA_RULE_USERDATA])) {
		out->prog.udata = arena_memdup(a, tb[NFTA_RULE_USERDATA].data, tb[NFTA_RULE_USERDATA].len);
		out->prog.udata_len = tb[NFTA_RULE_USERDATA].len;
	}
	if (attr_ok(&tb[NFTA_RULE_EXPRESSIONS]))
		return dec_expr_list(a, tb[NFTA_RULE_EXPRESSIONS].data, tb[NFTA_RULE_EXPRESSIONS].len,
				     &out->prog.exprs, 0);
	return 0;
}
