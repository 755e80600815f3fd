/* Named stateful objects on the wire (NFT_MSG_NEWOBJ/DELOBJ and their dumps): table,
 * name, type, handle, userdata and the NFTA_OBJ_DATA nest, whose attributes are read
 * and written by walking the per-type row of obj_descs[] below. The ct timeout
 * policy nest is the one attribute that is not a scalar. */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/netfilter/nf_tables.h>
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

static void enc_obj_data(struct nl_buf *b, const struct nl_obj *o, const struct obj_desc *d)
{
	size_t nest = attr_nest_start(b, NFTA_OBJ_DATA);
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

void enc_obj(struct nl_buf *b, const struct nl_obj *o)
{
	if (o->table)
		attr_put_str(b, NFTA_OBJ_TABLE, o->table);
	if (o->name)
		attr_put_str(b, NFTA_OBJ_NAME, o->name);
	if (o->type)
		attr_put_u32(b, NFTA_OBJ_TYPE, o->type);
	if (o->handle)
		attr_put_u64(b, NFTA_OBJ_HANDLE, o->handle);
	const struct obj_desc *d = obj_desc_by_type(o->type);
	if (d && o->data.present)
		enc_obj_data(b, o, d);
	if (o->udata && o->udata_len)
		attr_put(b, NFTA_OBJ_USERDATA, o->udata, o->udata_len);
}

/* ---------------------------------------------------------------- decoding */

static const struct attr_policy obj_policy[NFTA_OBJ_MAX + 1] = {
	[NFTA_OBJ_TABLE] = { AK_STR, 256 },
	[NFTA_OBJ_NAME] = { AK_STR, 256 },
	[NFTA_OBJ_TYPE] = { AK_U32, 0 },
	[NFTA_OBJ_DATA] = { AK_NESTED, 0 },
	[NFTA_OBJ_USE] = { AK_U32, 0 },
	[NFTA_OBJ_HANDLE] = { AK_U64, 0 },
	[NFTA_OBJ_USERDATA] = { AK_BINARY, 256 },
};

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

static int dec_obj_data(struct arena *a, const struct attr *nest, const struct obj_desc *d,
			struct nl_obj *out)
{
	struct attr_policy pol[VM_MAX_ATTR];
	struct attr tb[VM_MAX_ATTR];
	memset(pol, 0, sizeof(pol));
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++)
		pol[i] = va_policy[d->attrs[i]];
	if (attr_parse(nest->data, nest->len, pol, d->max_attr, tb) < 0)
		return -EINVAL;
	out->data.kind = d->kind;
	for (unsigned i = 1; i <= d->max_attr && i < VM_MAX_ATTR; i++) {
		if (!attr_ok(&tb[i]))
			continue;
		switch (d->attrs[i]) {
		case VA_U8: vm_set_u(&out->data, i, attr_u8(&tb[i])); break;
		case VA_U16: vm_set_u(&out->data, i, attr_u16(&tb[i])); break;
		case VA_U32:
			if ((d->host_order >> i) & 1) {
				uint32_t h;
				memcpy(&h, tb[i].data, sizeof(h));
				vm_set_u(&out->data, i, h);
			} else {
				vm_set_u(&out->data, i, attr_u32(&tb[i]));
			}
			break;
		case VA_U64: vm_set_u(&out->data, i, attr_u64(&tb[i])); break;
		case VA_STR: vm_set_str(&out->data, i, arena_strdup(a, attr_str(&tb[i]))); break;
		case VA_EXPRS:
			if (dec_timeouts(a, &tb[i], out) < 0)
				return -EINVAL;
			break;
		default: break;
		}
	}
	return 0;
}

int dec_obj(struct arena *a, const uint8_t *p, size_t len, uint32_t family, struct nl_obj *out)
{
	struct attr tb[NFTA_OBJ_MAX + 1];
	*out = (struct nl_obj){ .family = family };
	if (attr_parse(p, len, obj_policy, NFTA_OBJ_MAX, tb) < 0)
		return -EINVAL;
	for (unsigned i = 1; i <= NFTA_OBJ_MAX; i++)
		if (attr_ok(&tb[i]))
			out->present |= 1u << i;
	if (attr_ok(&tb[NFTA_OBJ_TABLE]))
		out->table = arena_strdup(a, attr_str(&tb[NFTA_OBJ_TABLE]));
	if (attr_ok(&tb[NFTA_OBJ_NAME]))
		out->name = arena_strdup(a, attr_str(&tb[NFTA_OBJ_NAME]));
	if (attr_ok(&tb[NFTA_OBJ_TYPE]))
		out->type = attr_u32(&tb[NFTA_OBJ_TYPE]);
	if (attr_ok(&tb[NFTA_OBJ_USE]))
		out->use = attr_u32(&tb[NFTA_OBJ_USE]);
	if (attr_ok(&tb[NFTA_OBJ_HANDLE]))
		out->handle = attr_u64(&tb[NFTA_OBJ_HANDLE]);
	if (attr_ok(&tb[NFTA_OBJ_USERDATA])) {
		out->udata = arena_memdup(a, tb[NFTA_OBJ_USERDATA].data, tb[NFTA_OBJ_USERDATA].len);
		out->udata_len = tb[NFTA_OBJ_USERDATA].len;
	}
	const struct obj_desc *d = obj_desc_by_type(out->type);
	if (d && attr_ok(&tb[NFTA_OBJ_DATA]) && dec_obj_data(a, &tb[NFTA_OBJ_DATA], d, out) < 0)
		return -EINVAL;
	return out->name ? 0 : -EINVAL;
}
