/* The types of named stateful objects (NFT_MSG_NEWOBJ/DELOBJ and their dumps) and
 * their NFTA_OBJ_DATA nest, whose attributes are read and written by walking the
 * per-type row of obj_descs[] below: the hooks of that attribute's row in
 * object_rows.c. The ct timeout policy nest is the one attribute that is not a
 * scalar. */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/netfilter/nf_tables.h>
#include "attr_rows.h"
#include "codec.h"
#include "obj_data.h"

static const struct obj_desc obj_descs[] = {
	{ NFT_OBJECT_COUNTER, "counter", "counters", VM_COUNTER, NFTA_COUNTER_PACKETS,
	  { [NFTA_COUNTER_BYTES] = VA_U64, [NFTA_COUNTER_PACKETS] = VA_U64 } },
	{ NFT_OBJECT_QUOTA, "quota", "quotas", VM_QUOTA, NFTA_QUOTA_CONSUMED,
	  { [NFTA_QUOTA_BYTES] = VA_U64, [NFTA_QUOTA_FLAGS] = VA_U32,
	    [NFTA_QUOTA_CONSUMED] = VA_U64 } },
	{ NFT_OBJECT_CT_HELPER, "ct helper", "ct helpers", VM_INVALID, NFTA_CT_HELPER_L4PROTO,
	  { [NFTA_CT_HELPER_NAME] = VA_STR, [NFTA_CT_HELPER_L3PROTO] = VA_U16,
	    [NFTA_CT_HELPER_L4PROTO] = VA_U8 } },
	{ NFT_OBJECT_LIMIT, "limit", "limits", VM_LIMIT, NFTA_LIMIT_FLAGS,
	  { [NFTA_LIMIT_RATE] = VA_U64, [NFTA_LIMIT_UNIT] = VA_U64, [NFTA_LIMIT_BURST] = VA_U32,
	    [NFTA_LIMIT_TYPE] = VA_U32, [NFTA_LIMIT_FLAGS] = VA_U32 } },
	{ NFT_OBJECT_CT_TIMEOUT, "ct timeout", "ct timeouts", VM_INVALID, NFTA_CT_TIMEOUT_DATA,
	  { [NFTA_CT_TIMEOUT_L3PROTO] = VA_U16, [NFTA_CT_TIMEOUT_L4PROTO] = VA_U8,
	    [NFTA_CT_TIMEOUT_DATA] = VA_EXPRS } },
	{ NFT_OBJECT_SECMARK, "secmark", "secmarks", VM_INVALID, NFTA_SECMARK_CTX,
	  { [NFTA_SECMARK_CTX] = VA_STR } },
	{ NFT_OBJECT_CT_EXPECT, "ct expectation", "ct expectations", VM_INVALID,
	  NFTA_CT_EXPECT_SIZE,
	  { [NFTA_CT_EXPECT_L3PROTO] = VA_U16, [NFTA_CT_EXPECT_L4PROTO] = VA_U8,
	    [NFTA_CT_EXPECT_DPORT] = VA_U16, [NFTA_CT_EXPECT_TIMEOUT] = VA_U32,
	    [NFTA_CT_EXPECT_SIZE] = VA_U8 },
	  1u << NFTA_CT_EXPECT_TIMEOUT },   /* the kernel reads it with nla_get_u32 */
	{ NFT_OBJECT_SYNPROXY, "synproxy", "synproxys", VM_SYNPROXY, NFTA_SYNPROXY_FLAGS,
	  { [NFTA_SYNPROXY_MSS] = VA_U16, [NFTA_SYNPROXY_WSCALE] = VA_U8,
	    [NFTA_SYNPROXY_FLAGS] = VA_U32 } },
};

const struct obj_desc *obj_desc_by_type(uint32_t type)
{
	for (unsigned i = 0; i < sizeof(obj_descs) / sizeof(obj_descs[0]); i++)
		if (obj_descs[i].type == type)
			return &obj_descs[i];
	return NULL;
}

struct obj_timeouts *obj_timeouts(const struct nl_obj *o)
{
	if (o->type != NFT_OBJECT_CT_TIMEOUT || !vm_has(&o->data, NFTA_CT_TIMEOUT_DATA))
		return NULL;
	return (struct obj_timeouts *)(void *)o->data.a[NFTA_CT_TIMEOUT_DATA].s;
}

void obj_timeouts_set(struct nl_obj *o, struct obj_timeouts *t)
{
	o->data.a[NFTA_CT_TIMEOUT_DATA].s = (const char *)(void *)t;
	o->data.present |= 1u << NFTA_CT_TIMEOUT_DATA;
}

/* ---------------------------------------------------------------- ct timeout states */

static const char *const tcp_states[] = {
	"syn_sent", "syn_recv", "established", "fin_wait", "close_wait", "last_ack",
	"time_wait", "close", "syn_sent2", "retrans", "unacknowledged",
};
static const uint32_t tcp_dflt[] = { 120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300 };
static const char *const udp_states[] = { "unreplied", "replied" };
static const uint32_t udp_dflt[] = { 30, 120 };
static const char *const one_state[] = { "timeout" };
static const uint32_t icmp_dflt[] = { 30 };

static const struct ct_timeout_proto ct_timeout_protos[] = {
	{ IPPROTO_TCP, 11, tcp_states, tcp_dflt },
	{ IPPROTO_UDP, 2, udp_states, udp_dflt },
	{ IPPROTO_ICMP, 1, one_state, icmp_dflt },
	{ IPPROTO_ICMPV6, 1, one_state, icmp_dflt },
};

const struct ct_timeout_proto *ct_timeout_proto(uint8_t l4proto)
{
	for (unsigned i = 0; i < sizeof(ct_timeout_protos) / sizeof(ct_timeout_protos[0]); i++)
		if (ct_timeout_protos[i].l4proto == l4proto)
			return &ct_timeout_protos[i];
	return NULL;
}

/* ---------------------------------------------------------------- encoding */

static void enc_timeouts(struct nl_buf *b, const struct obj_timeouts *t)
{
	size_t nest = attr_nest_start(b, NFTA_CT_TIMEOUT_DATA);
	for (unsigned i = 1; i < OBJ_TIMEOUT_MAX; i++)
		if ((t->present >> i) & 1)
			attr_put_u32(b, i, t->v[i]);
	attr_nest_end(b, nest);
}

void enc_obj_data(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_obj *o = obj;
	const struct obj_desc *d = obj_desc_by_type(o->type);
	if (!d)
		return;
	size_t nest = attr_nest_start(b, r->attr);
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++) {
		if (!vm_has(&o->data, i))
			continue;
		const union vm_attr_val *v = &o->data.a[i];
		switch (d->attrs[i]) {
		case VA_U8: attr_put_u8(b, i, (uint8_t)v->u); break;
		case VA_U16: attr_put_u16(b, i, (uint16_t)v->u); break;
		case VA_U32:
			if ((d->host_order >> i) & 1) {
				uint32_t h = (uint32_t)v->u;
				attr_put(b, i, &h, sizeof(h));
			} else {
				attr_put_u32(b, i, (uint32_t)v->u);
			}
			break;
		case VA_U64: attr_put_u64(b, i, v->u); break;
		case VA_STR: if (v->s) attr_put_str(b, i, v->s); break;
		case VA_EXPRS: {
			const struct obj_timeouts *t = obj_timeouts(o);
			if (t)
				enc_timeouts(b, t);
			break;
		}
		default: break;
		}
	}
	attr_nest_end(b, nest);
}

/* ---------------------------------------------------------------- decoding */

static int dec_timeouts(struct arena *a, const struct attr *nest, struct nl_obj *out)
{
	struct obj_timeouts *t = arena_alloc(a, sizeof(*t));
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	memset(t, 0, sizeof(*t));
	while ((r = attr_next(nest->data, nest->len, &off, &type, &at)) > 0) {
		if (type == 0 || type >= OBJ_TIMEOUT_MAX)
			continue;
		if (at.len != 4)
			return -EINVAL;
		t->v[type] = attr_u32(&at);
		t->present |= 1u << type;
	}
	if (r < 0)
		return r;
	obj_timeouts_set(out, t);
	return 0;
}

int dec_obj_data(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj)
{
	struct nl_obj *out = obj;
	const struct obj_desc *d = obj_desc_by_type(out->type);
	const struct attr *nest = &tb[r->attr];
	if (!d)
		return 0;
	struct attr_policy pol[VM_MAX_ATTR];
	struct attr at[VM_MAX_ATTR];
	memset(pol, 0, sizeof(pol));
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++)
		pol[i] = va_policy[d->attrs[i]];
	if (attr_parse(nest->data, nest->len, pol, d->max_attr, at) < 0)
		return -EINVAL;
	out->data.kind = d->kind;
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++) {
		if (!attr_ok(&at[i]))
			continue;
		switch (d->attrs[i]) {
		case VA_U8: vm_set_u(&out->data, i, attr_u8(&at[i])); break;
		case VA_U16: vm_set_u(&out->data, i, attr_u16(&at[i])); break;
		case VA_U32:
			if ((d->host_order >> i) & 1) {
				uint32_t h;
				memcpy(&h, at[i].data, sizeof(h));
				vm_set_u(&out->data, i, h);
			} else {
				vm_set_u(&out->data, i, attr_u32(&at[i]));
			}
			break;
		case VA_U64: vm_set_u(&out->data, i, attr_u64(&at[i])); break;
		case VA_STR: vm_set_str(&out->data, i, arena_strdup(a, attr_str(&at[i]))); break;
		case VA_EXPRS:
			if (dec_timeouts(a, &at[i], out) < 0)
				return -EINVAL;
			break;
		default: break;
		}
	}
	return 0;
}
