/* Encoding of typeof expressions in set userdata, as nft writes it (see
 * udata_typeof.h). The ids below are nft's: its protocol header numbering and the
 * position of each field in its header templates (1-based). */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "udata_typeof.h"

/* nft's payload typeof attributes */
enum { TO_PAYLOAD_DESC, TO_PAYLOAD_TYPE, TO_PAYLOAD_BASE, TO_PAYLOAD_OFFSET, TO_PAYLOAD_LEN };
/* meta: key; ct: key, dir; rt/socket: key; fib: result, flags; numgen: mode, mod,
 * offset (attribute numbers 0, 1, 2 in that order) */
enum { TO_META_KEY = 0 };
enum { TO_CT_KEY = 0, TO_CT_DIR = 1 };

/* One row per header: nft's id and its fields in nft's template order. */
struct typeof_proto_row {
	const char *name;
	uint32_t id;
	const char *fields[16];
};

static const struct typeof_proto_row typeof_protos[] = {
	{ "ah", 1, { "nexthdr", "hdrlength", "reserved", "spi", "sequence" } },
	{ "esp", 2, { "spi", "sequence" } },
	{ "comp", 3, { "nexthdr", "flags", "cpi" } },
	{ "icmp", 4, { "type", "code", "checksum", "id", "sequence", "gateway", "mtu" } },
	{ "igmp", 5, { "type", "mrt", "checksum", "group" } },
	{ "udp", 6, { "sport", "dport", "length", "checksum" } },
	{ "udplite", 7, { "sport", "dport", "csumcov", "checksum" } },
	{ "tcp", 8, { "sport", "dport", "sequence", "ackseq", "doff", "reserved", "flags",
		      "window", "checksum", "urgptr" } },
	{ "dccp", 9, { "sport", "dport", "type" } },
	{ "sctp", 10, { "sport", "dport", "vtag", "checksum" } },
	{ "th", 11, { "sport", "dport" } },
	{ "ip", 12, { "version", "hdrlength", "dscp", "ecn", "length", "id", "frag-off",
		      "ttl", "protocol", "checksum", "saddr", "daddr" } },
	{ "ip6", 13, { "version", "dscp", "ecn", "flowlabel", "length", "nexthdr",
		       "hoplimit", "saddr", "daddr" } },
	{ "icmpv6", 14, { "type", "code", "checksum", "parameter-problem", "mtu", "id",
			  "sequence", "max-delay" } },
	{ "arp", 15, { "htype", "ptype", "hlen", "plen", "operation", "saddr ether",
		       "saddr ip", "daddr ether", "daddr ip" } },
	{ "vlan", 16, { "pcp", "dei", "cfi", "id", "type" } },
	{ "ether", 17, { "daddr", "saddr", "type" } },
};

static const struct typeof_proto_row *typeof_proto(const char *name)
{
	for (size_t i = 0; i < sizeof(typeof_protos) / sizeof(typeof_protos[0]); i++)
		if (!strcmp(typeof_protos[i].name, name))
			return &typeof_protos[i];
	return NULL;
}

/* nft's base numbering: invalid 0, ll 1, network 2, transport 3, inner 4 */
static uint32_t typeof_base(enum proto_base b)
{
	return (uint32_t)b + 1;
}

static bool put_payload(struct udata_buf *u, const struct expr *e)
{
	const struct proto_desc *p = e->payload.proto;
	if (e->payload.is_raw || !p || !e->payload.field) {
		udata_put_u32(u, TO_PAYLOAD_DESC, 0);
		udata_put_u32(u, TO_PAYLOAD_TYPE, 0);
		udata_put_u32(u, TO_PAYLOAD_BASE, typeof_base(e->payload.base));
		udata_put_u32(u, TO_PAYLOAD_OFFSET, e->payload.offset);
		udata_put_u32(u, TO_PAYLOAD_LEN, e->len);
		return true;
	}
	const struct typeof_proto_row *r = typeof_proto(p->name);
	if (!r)
		return false;
	uint32_t idx = 0;
	for (uint32_t i = 0; i < 16 && r->fields[i]; i++)
		if (!strcmp(r->fields[i], e->payload.field->name))
			idx = i + 1;
	if (!idx)
		return false;
	udata_put_u32(u, TO_PAYLOAD_DESC, r->id);
	udata_put_u32(u, TO_PAYLOAD_TYPE, idx);
	if (e->dtype && e->dtype->id == TYPE_INTEGER)
		udata_put_u32(u, TO_PAYLOAD_LEN, e->len);
	return true;
}

/* nft stores `ct original ip saddr` with the per-family key (NFT_CT_SRC_IP ...). */
static uint32_t ct_typeof_key(const struct expr *e)
{
	uint32_t k = e->ct.key->key;
	bool v6 = e->ct.nfproto == NFPROTO_IPV6;
	if (e->ct.nfproto != NFPROTO_IPV4 && !v6)
		return k;
	if (k == NFT_CT_SRC)
		return v6 ? NFT_CT_SRC_IP6 : NFT_CT_SRC_IP;
	if (k == NFT_CT_DST)
		return v6 ? NFT_CT_DST_IP6 : NFT_CT_DST_IP;
	return k;
}

/* One expression: EXPR id + DATA nest. */
static bool put_one(struct udata_buf *u, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_PAYLOAD:
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_PAYLOAD);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		if (!put_payload(u, e))
			return false;
		udata_nest_end(u);
		return true;
	case EXPR_META:
		if (!e->meta.key)
			return false;
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_META);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_put_u32(u, TO_META_KEY, e->meta.key->key);
		udata_nest_end(u);
		return true;
	case EXPR_CT:
		if (!e->ct.key)
			return false;
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_CT);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_put_u32(u, TO_CT_KEY, ct_typeof_key(e));
		udata_put_u32(u, TO_CT_DIR, (uint32_t)e->ct.dir);
		udata_nest_end(u);
		return true;
	case EXPR_RT:          /* key */
	case EXPR_SOCKET:      /* key (a cgroupv2 level is not kept) */
		udata_put_u32(u, UDATA_TYPEOF_EXPR,
			      e->kind == EXPR_RT ? UDATA_EXPR_RT : UDATA_EXPR_SOCKET);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_put_u32(u, 0, e->other.key);
		udata_nest_end(u);
		return true;
	case EXPR_FIB:         /* result, flags */
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_FIB);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_put_u32(u, 0, e->other.key);
		udata_put_u32(u, 1, e->other.flags);
		udata_nest_end(u);
		return true;
	case EXPR_OSF:         /* nothing but the kind */
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_OSF);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_nest_end(u);
		return true;
	case EXPR_NUMGEN:      /* mode, modulus, offset */
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_NUMGEN);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		udata_put_u32(u, 0, e->other.key);
		udata_put_u32(u, 1, e->other.mod);
		udata_put_u32(u, 2, e->other.offset);
		udata_nest_end(u);
		return true;
	case EXPR_CONCAT:
		udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_CONCAT);
		udata_nest_start(u, UDATA_TYPEOF_DATA);
		for (uint32_t i = 0; i < e->list.n; i++) {
			udata_nest_start(u, (uint8_t)i);
			if (e->list.v[i]->kind == EXPR_CONCAT || !put_one(u, e->list.v[i]))
				return false;
			udata_nest_end(u);
		}
		udata_nest_end(u);
		return true;
	default:
		return false;
	}
}

bool udata_put_typeof(struct udata_buf *u, uint8_t type, const struct expr *e)
{
	struct udata_buf saved = *u;
	udata_nest_start(u, type);
	if (!put_one(u, e) || u->overflow) {
		*u = saved;
		return false;
	}
	udata_nest_end(u);
	return true;
}

void udata_put_typeof_empty_concat(struct udata_buf *u, uint8_t type)
{
	udata_nest_start(u, type);
	udata_put_u32(u, UDATA_TYPEOF_EXPR, UDATA_EXPR_CONCAT);
	udata_nest_start(u, UDATA_TYPEOF_DATA);
	udata_nest_end(u);
	udata_nest_end(u);
}
