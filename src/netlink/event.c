/* The kernel's notifications: a socket subscribed to the nf_tables multicast groups
 * (NFNLGRP_NFTABLES for changes, NFNLGRP_NFTRACE for traced packets), and one event
 * message decoded into the same nl_* structs a dump fills, so that `monitor` lifts
 * and prints events through the listing's own path. Every attribute is read through
 * the policies of object_rows.c (nl_decode, dec_elem_list) or the ones below. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink.h"
#include "codec.h"
#include "sock_int.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int nl_events_open(struct nl_sock *s, bool changes, bool trace, int rcvbuf)
{
	int rc = nl_sock_open(s);
	if (rc < 0)
		return rc;
	unsigned groups[2], n = 0;
	if (changes)
		groups[n++] = NFNLGRP_NFTABLES;
	if (trace)
		groups[n++] = NFNLGRP_NFTRACE;
	for (unsigned i = 0; i < n; i++)
		if (setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &groups[i],
			       sizeof(groups[i])) < 0) {
			rc = -errno;
			nl_sock_close(s);
			return rc;
		}
	if (rcvbuf > 0) {
		/* tests: a small buffer overruns soon */
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	}
	return 0;
}

ssize_t nl_events_recv(struct nl_sock *s)
{
	return nl_sock_recv(s, false);
}

const uint8_t *nl_events_buf(const struct nl_sock *s)
{
	return s->rxbuf;
}

const struct nlmsghdr *nl_events_next(const uint8_t *buf, size_t len, size_t *off)
{
	return nl_msg_next(buf, len, off);
}

static const struct attr_policy gen_policy[NFTA_GEN_MAX + 1] = {
	[NFTA_GEN_ID] = { AK_U32, 0 },
	[NFTA_GEN_PROC_PID] = { AK_U32, 0 },
	[NFTA_GEN_PROC_NAME] = { AK_STR, 0 },
};

static const struct attr_policy elem_head_policy[NFTA_SET_ELEM_LIST_MAX + 1] = {
	[NFTA_SET_ELEM_LIST_TABLE] = { AK_STR, NFT_NAME_MAXLEN },
	[NFTA_SET_ELEM_LIST_SET] = { AK_STR, NFT_NAME_MAXLEN },
	[NFTA_SET_ELEM_LIST_SET_ID] = { AK_U32, 0 },
	[NFTA_SET_ELEM_LIST_ELEMENTS] = { AK_NESTED, 0 },
};

/* The verb of an event type: new, del(ete) or destroy; false for types that are no
 * change of an object. */
static bool event_kind(uint16_t t, enum nl_event_kind *k, bool *is_new)
{
	static const struct { uint16_t type; enum nl_event_kind kind; bool is_new; } rows[] = {
		{ NFT_MSG_NEWTABLE, NL_EV_TABLE, true }, { NFT_MSG_DELTABLE, NL_EV_TABLE, false },
		{ NFT_MSG_NEWCHAIN, NL_EV_CHAIN, true }, { NFT_MSG_DELCHAIN, NL_EV_CHAIN, false },
		{ NFT_MSG_NEWRULE, NL_EV_RULE, true }, { NFT_MSG_DELRULE, NL_EV_RULE, false },
		{ NFT_MSG_NEWSET, NL_EV_SET, true }, { NFT_MSG_DELSET, NL_EV_SET, false },
		{ NFT_MSG_NEWSETELEM, NL_EV_ELEMS, true }, { NFT_MSG_DELSETELEM, NL_EV_ELEMS, false },
		{ NFT_MSG_NEWOBJ, NL_EV_OBJ, true }, { NFT_MSG_DELOBJ, NL_EV_OBJ, false },
		{ NFT_MSG_NEWFLOWTABLE, NL_EV_FLOWTABLE, true },
		{ NFT_MSG_DELFLOWTABLE, NL_EV_FLOWTABLE, false },
		{ NFT_MSG_NEWGEN, NL_EV_GEN, true }, { NFT_MSG_TRACE, NL_EV_TRACE, true },
		{ 26 /* DESTROYTABLE */, NL_EV_TABLE, false }, { 27, NL_EV_CHAIN, false },
		{ 28, NL_EV_RULE, false }, { 29, NL_EV_SET, false }, { 30, NL_EV_ELEMS, false },
		{ 31, NL_EV_OBJ, false }, { 32, NL_EV_FLOWTABLE, false },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].type == t) {
			*k = rows[i].kind;
			*is_new = rows[i].is_new;
			return true;
		}
	return false;
}

int nl_event_decode(struct arena *a, const struct nlmsghdr *h, struct nl_event *ev)
{
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));
	memset(ev, 0, sizeof(*ev));
	if (h->nlmsg_len < hdr || (h->nlmsg_type >> 8) != NFNL_SUBSYS_NFTABLES)
		return -EPROTO;
	const struct nfgenmsg *g = (const void *)((const uint8_t *)h + NLMSG_HDRLEN);
	const uint8_t *p = (const uint8_t *)h + hdr;
	size_t len = h->nlmsg_len - hdr;
	ev->type = h->nlmsg_type & 0xff;
	ev->flags = h->nlmsg_flags;
	ev->family = g->nfgen_family;
	if (!event_kind(ev->type, &ev->kind, &ev->is_new))
		return -EOPNOTSUPP;
	switch (ev->kind) {
	case NL_EV_TABLE:
		return nl_decode(a, NL_TABLE, p, len, ev->family, &ev->table) < 0 || !ev->table.name
		       ? -EPROTO : 0;
	case NL_EV_CHAIN:
		return nl_decode(a, NL_CHAIN, p, len, ev->family, &ev->chain) < 0 ||
		       !ev->chain.name || !ev->chain.table ? -EPROTO : 0;
	case NL_EV_RULE:
		return nl_decode(a, NL_RULE, p, len, ev->family, &ev->rule) < 0 ||
		       !ev->rule.table || !ev->rule.chain ? -EPROTO : 0;
	case NL_EV_SET:
		return nl_decode(a, NL_SET, p, len, ev->family, &ev->set) < 0 ||
		       !ev->set.name || !ev->set.table ? -EPROTO : 0;
	case NL_EV_OBJ:
		return nl_decode(a, NL_OBJ, p, len, ev->family, &ev->obj) < 0 ||
		       !ev->obj.name || !ev->obj.table ? -EPROTO : 0;
	case NL_EV_FLOWTABLE:
		return nl_decode(a, NL_FLOWTABLE, p, len, ev->family, &ev->flowtable) < 0 ||
		       !ev->flowtable.name || !ev->flowtable.table ? -EPROTO : 0;
	case NL_EV_ELEMS: {
		struct attr tb[NFTA_SET_ELEM_LIST_MAX + 1];
		if (attr_parse(p, len, elem_head_policy, NFTA_SET_ELEM_LIST_MAX, tb) < 0 ||
		    !attr_ok(&tb[NFTA_SET_ELEM_LIST_TABLE]) || !attr_ok(&tb[NFTA_SET_ELEM_LIST_SET]))
			return -EPROTO;
		ev->set.family = ev->family;
		ev->set.table = arena_strdup(a, attr_str(&tb[NFTA_SET_ELEM_LIST_TABLE]));
		ev->set.name = arena_strdup(a, attr_str(&tb[NFTA_SET_ELEM_LIST_SET]));
		return dec_elem_list(a, p, len, &ev->set) < 0 ? -EPROTO : 0;
	}
	case NL_EV_GEN: {
		struct attr tb[NFTA_GEN_MAX + 1];
		if (attr_parse(p, len, gen_policy, NFTA_GEN_MAX, tb) < 0 ||
		    !attr_ok(&tb[NFTA_GEN_ID]))
			return -EPROTO;
		ev->gen.id = attr_u32(&tb[NFTA_GEN_ID]);
		if (attr_ok(&tb[NFTA_GEN_PROC_PID]))
			ev->gen.pid = attr_u32(&tb[NFTA_GEN_PROC_PID]);
		if (attr_ok(&tb[NFTA_GEN_PROC_NAME]))
			ev->gen.proc = arena_strdup(a, attr_str(&tb[NFTA_GEN_PROC_NAME]));
		return 0;
	}
	case NL_EV_TRACE:
		return nl_trace_decode(a, p, len, &ev->trace);
	}
	return -EPROTO;
}
