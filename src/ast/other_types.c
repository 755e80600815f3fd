/* What the loads that are neither headers nor meta/ct keys put in their register —
 * numgen, jhash/symhash, fib, rt, socket, osf, ipsec (xfrm) — by expression kind and
 * kernel key: the datatype, length and byte order that eval gives the expression
 * and lift gives it back, so that the values they are matched with type alike. */
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "other_types.h"
#include "../util/nf_tables_uapi.h"

#define ANY_KEY 0xffffffffu

static const struct other_type other_types[] = {
	{ EXPR_NUMGEN, ANY_KEY, 0, &dt_integer, 32, BYTEORDER_HOST },
	{ EXPR_HASH, ANY_KEY, 0, &dt_integer, 32, BYTEORDER_HOST },
	{ EXPR_FIB, ANY_KEY, NFTA_FIB_F_PRESENT, &dt_boolean, 1, BYTEORDER_HOST },
	{ EXPR_FIB, NFT_FIB_RESULT_OIFNAME, 0, &dt_ifname, 128, BYTEORDER_HOST },
	{ EXPR_FIB, NFT_FIB_RESULT_ADDRTYPE, 0, &dt_fib_addr, 32, BYTEORDER_HOST },
	{ EXPR_FIB, NFT_FIB_RESULT_OIF, 0, &dt_ifindex, 32, BYTEORDER_HOST },
	{ EXPR_RT, NFT_RT_CLASSID, 0, &dt_realm, 32, BYTEORDER_HOST },
	{ EXPR_RT, NFT_RT_NEXTHOP4, 0, &dt_ipaddr, 32, BYTEORDER_BIG },
	{ EXPR_RT, NFT_RT_NEXTHOP6, 0, &dt_ip6addr, 128, BYTEORDER_BIG },
	{ EXPR_RT, NFT_RT_TCPMSS, 0, &dt_integer, 16, BYTEORDER_HOST },
	{ EXPR_RT, NFT_RT_XFRM, 0, &dt_boolean, 1, BYTEORDER_HOST },
	{ EXPR_SOCKET, NFT_SOCKET_MARK, 0, &dt_mark, 32, BYTEORDER_HOST },
	{ EXPR_SOCKET, NFT_SOCKET_CGROUPV2, 0, &dt_cgroupv2, 64, BYTEORDER_HOST },
	{ EXPR_SOCKET, ANY_KEY, 0, &dt_integer, 1, BYTEORDER_HOST },
	{ EXPR_OSF, ANY_KEY, 0, &dt_string, 128, BYTEORDER_HOST },
	{ EXPR_XFRM, NFT_XFRM_KEY_DADDR_IP4, 0, &dt_ipaddr, 32, BYTEORDER_BIG },
	{ EXPR_XFRM, NFT_XFRM_KEY_SADDR_IP4, 0, &dt_ipaddr, 32, BYTEORDER_BIG },
	{ EXPR_XFRM, NFT_XFRM_KEY_DADDR_IP6, 0, &dt_ip6addr, 128, BYTEORDER_BIG },
	{ EXPR_XFRM, NFT_XFRM_KEY_SADDR_IP6, 0, &dt_ip6addr, 128, BYTEORDER_BIG },
	{ EXPR_XFRM, NFT_XFRM_KEY_REQID, 0, &dt_integer, 32, BYTEORDER_HOST },
	{ EXPR_XFRM, NFT_XFRM_KEY_SPI, 0, &dt_integer, 32, BYTEORDER_BIG },
};

const struct other_type *other_type_of(enum expr_kind kind, uint32_t key, uint32_t flags)
{
	for (size_t i = 0; i < sizeof(other_types) / sizeof(other_types[0]); i++) {
		const struct other_type *r = &other_types[i];
		if (r->kind != kind)
			continue;
		if (r->flags ? (flags & r->flags) == r->flags : (r->key == ANY_KEY || r->key == key))
			return r;
	}
	return NULL;
}
