/* ct keys as data: one row per `ct KEY` with its kernel key, type, length, byte
 * order, whether it takes a direction (original|reply) and whether `ct KEY set`
 * is meaningful. Address keys exist in a generic form (type from the family) and
 * in the per-family forms that `ct original ip saddr` compiles to. */
#include "keys_impl.h"
#include <linux/netfilter/nf_tables.h>
#include "../util/nf_tables_uapi.h"

/*                 name          kernel key           dtype              len  byteorder        dir    set */
const struct ct_key ct_keys[] = {
	{ "state",      NFT_CT_STATE,      &dt_ct_state,      32, BYTEORDER_HOST, false, false },
	{ "direction",  NFT_CT_DIRECTION,  &dt_ct_dir,         8, BYTEORDER_HOST, false, false },
	{ "status",     NFT_CT_STATUS,     &dt_ct_status,     32, BYTEORDER_HOST, false, false },
	{ "mark",       NFT_CT_MARK,       &dt_mark,          32, BYTEORDER_HOST, false, true  },
	{ "secmark",    NFT_CT_SECMARK,    &dt_integer,       32, BYTEORDER_HOST, false, true  },
	{ "expiration", NFT_CT_EXPIRATION, &dt_time,          32, BYTEORDER_HOST, false, false },
	{ "helper",     NFT_CT_HELPER,     &dt_string,       128, BYTEORDER_HOST, false, false },
	{ "l3proto",    NFT_CT_L3PROTOCOL, &dt_nfproto,        8, BYTEORDER_HOST, true,  false, "l3protocol" },
	{ "saddr",      NFT_CT_SRC,        NULL,               0, BYTEORDER_BIG,  true,  false, "src" },
	{ "daddr",      NFT_CT_DST,        NULL,               0, BYTEORDER_BIG,  true,  false, "dst" },
	{ "protocol",   NFT_CT_PROTOCOL,   &dt_inet_protocol,  8, BYTEORDER_BIG,  true,  false },
	{ "proto-src",  NFT_CT_PROTO_SRC,  &dt_inet_service,  16, BYTEORDER_BIG,  true,  false, "proto_src" },
	{ "proto-dst",  NFT_CT_PROTO_DST,  &dt_inet_service,  16, BYTEORDER_BIG,  true,  false, "proto_dst" },
	{ "label",      NFT_CT_LABELS,     &dt_ct_label,     128, BYTEORDER_HOST, false, true  },
	{ "packets",    NFT_CT_PKTS,       &dt_integer,       64, BYTEORDER_HOST, true,  false },
	{ "bytes",      NFT_CT_BYTES,      &dt_integer,       64, BYTEORDER_HOST, true,  false },
	{ "avgpkt",     NFT_CT_AVGPKT,     &dt_integer,       64, BYTEORDER_HOST, true,  false },
	{ "zone",       NFT_CT_ZONE,       &dt_integer,       16, BYTEORDER_HOST, true,  true  },
	{ "event",      NFT_CT_EVENTMASK,  &dt_ct_eventbit,   32, BYTEORDER_HOST, false, true  },
	/* per-family address keys (`ct original ip saddr`, `ct reply ip6 daddr`) */
	{ "saddr",      NFT_CT_SRC_IP,     &dt_ipaddr,        32, BYTEORDER_BIG,  true,  false, "src_ip" },
	{ "daddr",      NFT_CT_DST_IP,     &dt_ipaddr,        32, BYTEORDER_BIG,  true,  false, "dst_ip" },
	{ "saddr",      NFT_CT_SRC_IP6,    &dt_ip6addr,      128, BYTEORDER_BIG,  true,  false, "src_ip6" },
	{ "daddr",      NFT_CT_DST_IP6,    &dt_ip6addr,      128, BYTEORDER_BIG,  true,  false, "dst_ip6" },
	{ "id",         NFT_CT_ID,         &dt_ct_id,         32, BYTEORDER_BIG,  false, false },
	{ NULL, 0, NULL, 0, 0, false, false },
};

KEY_TABLE_LOOKUPS(struct ct_key, ct_keys, ct_key_by_name, ct_key_by_kernel, ct_key_vm_name)

bool ct_key_prints_dir(const struct ct_key *k)
{
	return k && k->directional && k->key != NFT_CT_L3PROTOCOL && k->key != NFT_CT_PROTOCOL;
}

const struct ct_key *ct_key_for_family(const struct ct_key *k, uint32_t nfproto)
{
	uint32_t want;
	if (!k)
		return NULL;
	if (k->key == NFT_CT_SRC)
		want = nfproto == 2 ? NFT_CT_SRC_IP : nfproto == 10 ? NFT_CT_SRC_IP6 : NFT_CT_SRC;
	else if (k->key == NFT_CT_DST)
		want = nfproto == 2 ? NFT_CT_DST_IP : nfproto == 10 ? NFT_CT_DST_IP6 : NFT_CT_DST;
	else
		return k;
	return ct_key_by_kernel(want);
}

uint32_t ct_key_nfproto(const struct ct_key *k)
{
	if (!k)
		return 0;
	switch (k->key) {
	case NFT_CT_SRC_IP: case NFT_CT_DST_IP: return 2;
	case NFT_CT_SRC_IP6: case NFT_CT_DST_IP6: return 10;
	default: return 0;
	}
}
