/* meta keys as data: one row per `meta KEY` of nft 1.1 with its kernel key, type,
 * length and byte order; whether it lists without the `meta` keyword and whether
 * `meta KEY set` is meaningful. */
#include "keys_impl.h"
#include <linux/netfilter/nf_tables.h>
#include "../util/nf_tables_uapi.h"

#define IFNAME_BITS (16 * 8)

/*                 name          kernel key                dtype              len  byteorder        unq    set */
const struct meta_key meta_keys[] = {
	{ "length",    NFT_META_LEN,            &dt_integer,       32, BYTEORDER_HOST, false, false, "len" },
	{ "protocol",  NFT_META_PROTOCOL,       &dt_ethertype,     16, BYTEORDER_BIG,  false, false },
	{ "priority",  NFT_META_PRIORITY,       &dt_classid,       32, BYTEORDER_HOST, false, true  },
	{ "mark",      NFT_META_MARK,           &dt_mark,          32, BYTEORDER_HOST, false, true  },
	{ "iif",       NFT_META_IIF,            &dt_ifindex,       32, BYTEORDER_HOST, true,  false },
	{ "oif",       NFT_META_OIF,            &dt_ifindex,       32, BYTEORDER_HOST, true,  false },
	{ "iifname",   NFT_META_IIFNAME,        &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, true, false },
	{ "oifname",   NFT_META_OIFNAME,        &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, true, false },
	{ "iiftype",   NFT_META_IIFTYPE,        &dt_arphrd,        16, BYTEORDER_HOST, false, false },
	{ "oiftype",   NFT_META_OIFTYPE,        &dt_arphrd,        16, BYTEORDER_HOST, false, false },
	{ "skuid",     NFT_META_SKUID,          &dt_uid,           32, BYTEORDER_HOST, false, false },
	{ "skgid",     NFT_META_SKGID,          &dt_gid,           32, BYTEORDER_HOST, false, false },
	{ "nftrace",   NFT_META_NFTRACE,        &dt_integer,        1, BYTEORDER_HOST, false, true  },
	{ "rtclassid", NFT_META_RTCLASSID,      &dt_realm,         32, BYTEORDER_HOST, false, false },
	{ "secmark",   NFT_META_SECMARK,        &dt_integer,       32, BYTEORDER_HOST, false, true  },
	{ "nfproto",   NFT_META_NFPROTO,        &dt_nfproto,        8, BYTEORDER_HOST, false, false },
	{ "l4proto",   NFT_META_L4PROTO,        &dt_inet_protocol,  8, BYTEORDER_HOST, false, false },
	{ "ibrname",   NFT_META_BRI_IIFNAME,    &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, false, false, "bri_iifname" },
	{ "obrname",   NFT_META_BRI_OIFNAME,    &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, false, false, "bri_oifname" },
	{ "pkttype",   NFT_META_PKTTYPE,        &dt_pkttype,        8, BYTEORDER_HOST, false, true  },
	{ "cpu",       NFT_META_CPU,            &dt_integer,       32, BYTEORDER_HOST, false, false },
	{ "iifgroup",  NFT_META_IIFGROUP,       &dt_devgroup,      32, BYTEORDER_HOST, true,  false },
	{ "oifgroup",  NFT_META_OIFGROUP,       &dt_devgroup,      32, BYTEORDER_HOST, true,  false },
	{ "cgroup",    NFT_META_CGROUP,         &dt_integer,       32, BYTEORDER_HOST, false, false },
	{ "random",    NFT_META_PRANDOM,        &dt_integer,       32, BYTEORDER_BIG,  false, false, "prandom" },
	{ "ipsec",     NFT_META_SECPATH,        &dt_boolean,        8, BYTEORDER_HOST, false, false, "secpath" },
	{ "iifkind",   NFT_META_IIFKIND,        &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, false, false },
	{ "oifkind",   NFT_META_OIFKIND,        &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, false, false },
	{ "ibrpvid",   NFT_META_BRI_IIFPVID,    &dt_integer,       16, BYTEORDER_HOST, false, false, "bri_iifpvid" },
	{ "ibrvproto", NFT_META_BRI_IIFVPROTO,  &dt_ethertype,     16, BYTEORDER_BIG,  false, false, "bri_iifvproto" },
	{ "time",      NFT_META_TIME_NS,        &dt_time_date,     64, BYTEORDER_HOST, false, false },
	{ "day",       NFT_META_TIME_DAY,       &dt_time_day,       8, BYTEORDER_HOST, false, false },
	{ "hour",      NFT_META_TIME_HOUR,      &dt_time_hour,     32, BYTEORDER_HOST, false, false },
	{ "sdif",      NFT_META_SDIF,           &dt_ifindex,       32, BYTEORDER_HOST, false, false },
	{ "sdifname",  NFT_META_SDIFNAME,       &dt_ifname,        IFNAME_BITS, BYTEORDER_HOST, false, false },
	{ "broute",    NFT_META_BRI_BROUTE,     &dt_integer,        1, BYTEORDER_HOST, false, true  },
	{ NULL, 0, NULL, 0, 0, false, false },
};

/* Other spellings accepted on input; listings use the row's name. */
static const struct { const char *alias, *name; } meta_aliases[] = {
	{ "secpath", "ipsec" },
	{ "ibridgename", "ibrname" },
	{ "obridgename", "obrname" },
	{ NULL, NULL },
};

static const struct meta_key *meta_key_by_row_name(const char *name);
KEY_TABLE_LOOKUPS(struct meta_key, meta_keys, meta_key_by_row_name, meta_key_by_kernel,
		  meta_key_vm_name)

const struct meta_key *meta_key_by_name(const char *name)
{
	const struct meta_key *k = meta_key_by_row_name(name);
	if (k || !name)
		return k;
	for (unsigned i = 0; meta_aliases[i].alias; i++)
		if (strcmp(meta_aliases[i].alias, name) == 0)
			return meta_key_by_row_name(meta_aliases[i].name);
	return NULL;
}
