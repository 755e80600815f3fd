/* A traced packet's notification (NFT_MSG_TRACE on NFNLGRP_NFTRACE): which table,
 * chain and rule saw it, the verdict, the interfaces and mark, and the headers it
 * carried, all bounds-checked through the policy below. `monitor trace` prints it. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink.h"
#include "nlmsg.h"

/* newer than some installed headers: the conntrack facts of a traced packet */
#define TRACE_CT_ID 17
#define TRACE_CT_DIRECTION 18
#define TRACE_CT_STATUS 19
#define TRACE_CT_STATE 20
#define TRACE_ATTR_MAX 20

static const struct attr_policy trace_policy[TRACE_ATTR_MAX + 1] = {
	[NFTA_TRACE_TABLE] = { AK_STR, NFT_NAME_MAXLEN },
	[NFTA_TRACE_CHAIN] = { AK_STR, NFT_NAME_MAXLEN },
	[NFTA_TRACE_RULE_HANDLE] = { AK_U64, 0 },
	[NFTA_TRACE_TYPE] = { AK_U32, 0 },
	[NFTA_TRACE_VERDICT] = { AK_NESTED, 0 },
	[NFTA_TRACE_ID] = { AK_U32, 0 },
	[NFTA_TRACE_LL_HEADER] = { AK_BINARY, 0 },
	[NFTA_TRACE_NETWORK_HEADER] = { AK_BINARY, 0 },
	[NFTA_TRACE_TRANSPORT_HEADER] = { AK_BINARY, 0 },
	[NFTA_TRACE_IIF] = { AK_U32, 0 },
	[NFTA_TRACE_IIFTYPE] = { AK_U16, 0 },
	[NFTA_TRACE_OIF] = { AK_U32, 0 },
	[NFTA_TRACE_OIFTYPE] = { AK_U16, 0 },
	[NFTA_TRACE_MARK] = { AK_U32, 0 },
	[NFTA_TRACE_NFPROTO] = { AK_U32, 0 },
	[NFTA_TRACE_POLICY] = { AK_U32, 0 },
	[TRACE_CT_ID] = { AK_U32, 0 },
	[TRACE_CT_DIRECTION] = { AK_U8, 0 },
	[TRACE_CT_STATUS] = { AK_U32, 0 },
	[TRACE_CT_STATE] = { AK_U32, 0 },
};

static const struct attr_policy verdict_policy[NFTA_VERDICT_MAX + 1] = {
	[NFTA_VERDICT_CODE] = { AK_U32, 0 },
	[NFTA_VERDICT_CHAIN] = { AK_STR, NFT_NAME_MAXLEN },
};

static void bytes(struct arena *a, const struct attr *at, const uint8_t **p, uint32_t *len)
{
	if (!attr_ok(at))
		return;
	*p = arena_memdup(a, at->data, at->len);
	*len = at->len;
}

int nl_trace_decode(struct arena *a, const uint8_t *p, size_t len, struct nl_trace *t)
{
	struct attr tb[TRACE_ATTR_MAX + 1];
	memset(t, 0, sizeof(*t));
	if (attr_parse(p, len, trace_policy, TRACE_ATTR_MAX, tb) < 0 ||
	    !attr_ok(&tb[NFTA_TRACE_ID]) || !attr_ok(&tb[NFTA_TRACE_TYPE]))
		return -EPROTO;
	t->id = attr_u32(&tb[NFTA_TRACE_ID]);
	t->type = attr_u32(&tb[NFTA_TRACE_TYPE]);
	for (unsigned i = 0; i <= TRACE_ATTR_MAX; i++)
		if (attr_ok(&tb[i]))
			t->present |= 1u << i;
	if (attr_ok(&tb[NFTA_TRACE_TABLE]))
		t->table = arena_strdup(a, attr_str(&tb[NFTA_TRACE_TABLE]));
	if (attr_ok(&tb[NFTA_TRACE_CHAIN]))
		t->chain = arena_strdup(a, attr_str(&tb[NFTA_TRACE_CHAIN]));
	if (attr_ok(&tb[NFTA_TRACE_RULE_HANDLE]))
		t->rule_handle = attr_u64(&tb[NFTA_TRACE_RULE_HANDLE]);
	if (attr_ok(&tb[NFTA_TRACE_VERDICT])) {
		struct attr vb[NFTA_VERDICT_MAX + 1];
		const struct attr *v = &tb[NFTA_TRACE_VERDICT];
		if (attr_parse(v->data, v->len, verdict_policy, NFTA_VERDICT_MAX, vb) < 0 ||
		    !attr_ok(&vb[NFTA_VERDICT_CODE]))
			return -EPROTO;
		t->verdict = (int32_t)attr_u32(&vb[NFTA_VERDICT_CODE]);
		t->has_verdict = true;
		if (attr_ok(&vb[NFTA_VERDICT_CHAIN]))
			t->jump_chain = arena_strdup(a, attr_str(&vb[NFTA_VERDICT_CHAIN]));
	}
	bytes(a, &tb[NFTA_TRACE_LL_HEADER], &t->ll, &t->ll_len);
	bytes(a, &tb[NFTA_TRACE_NETWORK_HEADER], &t->nh, &t->nh_len);
	bytes(a, &tb[NFTA_TRACE_TRANSPORT_HEADER], &t->th, &t->th_len);
	if (attr_ok(&tb[NFTA_TRACE_IIF]))
		t->iif = attr_u32(&tb[NFTA_TRACE_IIF]);
	if (attr_ok(&tb[NFTA_TRACE_IIFTYPE]))
		t->iiftype = attr_u16(&tb[NFTA_TRACE_IIFTYPE]);
	if (attr_ok(&tb[NFTA_TRACE_OIF]))
		t->oif = attr_u32(&tb[NFTA_TRACE_OIF]);
	if (attr_ok(&tb[NFTA_TRACE_OIFTYPE]))
		t->oiftype = attr_u16(&tb[NFTA_TRACE_OIFTYPE]);
	if (attr_ok(&tb[NFTA_TRACE_MARK]))
		t->mark = attr_u32(&tb[NFTA_TRACE_MARK]);
	if (attr_ok(&tb[NFTA_TRACE_NFPROTO]))
		t->nfproto = attr_u32(&tb[NFTA_TRACE_NFPROTO]);
	if (attr_ok(&tb[NFTA_TRACE_POLICY]))
		t->policy = attr_u32(&tb[NFTA_TRACE_POLICY]);
	if (attr_ok(&tb[TRACE_CT_ID]))
		t->ct_id = attr_u32(&tb[TRACE_CT_ID]);
	if (attr_ok(&tb[TRACE_CT_DIRECTION]))
		t->ct_dir = attr_u8(&tb[TRACE_CT_DIRECTION]);
	if (attr_ok(&tb[TRACE_CT_STATUS]))
		t->ct_status = attr_u32(&tb[TRACE_CT_STATUS]);
	if (attr_ok(&tb[TRACE_CT_STATE]))
		t->ct_state = attr_u32(&tb[TRACE_CT_STATE]);
	return 0;
}
