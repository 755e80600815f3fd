/* Link-layer header tables: Ethernet, 802.1Q VLAN, ARP. Offsets are bits from the
 * start of each header (a VLAN header sits after the 14-byte Ethernet header on the
 * link-layer base; eval adds the offset of the headers below it). */
#include "proto.h"
#include <linux/if_ether.h>

enum { ETH_F_DADDR, ETH_F_SADDR, ETH_F_TYPE };

static const struct proto_field eth_fields[] = {
	[ETH_F_DADDR] = { "daddr", &dt_etheraddr, 0, 48, BYTEORDER_BIG },
	[ETH_F_SADDR] = { "saddr", &dt_etheraddr, 48, 48, BYTEORDER_BIG },
	[ETH_F_TYPE]  = { "type", &dt_ethertype, 96, 16, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

static const struct proto_upper ll_uppers[] = {
	{ ETH_P_IP, &proto_ip },
	{ ETH_P_ARP, &proto_arp },
	{ ETH_P_IPV6, &proto_ip6 },
	{ ETH_P_8021Q, &proto_vlan },
	{ ETH_P_8021AD, &proto_vlan },
	{ 0, NULL },
};

const struct proto_desc proto_eth = {
	.name = "ether", .base = PROTO_BASE_LL, .length = 14 * 8,
	.fields = eth_fields, .protocol_field = ETH_F_TYPE, .upper = ll_uppers,
};

enum { VLAN_F_PCP, VLAN_F_DEI, VLAN_F_ID, VLAN_F_TYPE };

static const struct proto_field vlan_fields[] = {
	[VLAN_F_PCP]  = { "pcp", &dt_integer, 0, 3, BYTEORDER_BIG },
	[VLAN_F_DEI]  = { "dei", &dt_integer, 3, 1, BYTEORDER_BIG },
	[VLAN_F_ID]   = { "id", &dt_integer, 4, 12, BYTEORDER_BIG },
	[VLAN_F_TYPE] = { "type", &dt_ethertype, 16, 16, BYTEORDER_BIG },
	/* old name of dei, accepted on input (proto_field_by_name), never printed */
	{ "cfi", &dt_integer, 3, 1, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_vlan = {
	.name = "vlan", .base = PROTO_BASE_LL, .length = 4 * 8,
	.fields = vlan_fields, .protocol_field = VLAN_F_TYPE, .upper = ll_uppers,
	.ethertype = ETH_P_8021Q,
};

enum { ARP_F_HTYPE, ARP_F_PTYPE, ARP_F_HLEN, ARP_F_PLEN, ARP_F_OP,
       ARP_F_SHA, ARP_F_SIP, ARP_F_THA, ARP_F_TIP };

/* Addresses assume Ethernet/IPv4 (hlen 6, plen 4), as nft does. */
static const struct proto_field arp_fields[] = {
	[ARP_F_HTYPE] = { "htype", &dt_integer, 0, 16, BYTEORDER_BIG },
	[ARP_F_PTYPE] = { "ptype", &dt_ethertype, 16, 16, BYTEORDER_BIG },
	[ARP_F_HLEN]  = { "hlen", &dt_integer, 32, 8, BYTEORDER_BIG },
	[ARP_F_PLEN]  = { "plen", &dt_integer, 40, 8, BYTEORDER_BIG },
	[ARP_F_OP]    = { "operation", &dt_arpop, 48, 16, BYTEORDER_BIG },
	[ARP_F_SHA]   = { "saddr ether", &dt_etheraddr, 64, 48, BYTEORDER_BIG },
	[ARP_F_SIP]   = { "saddr ip", &dt_ipaddr, 112, 32, BYTEORDER_BIG },
	[ARP_F_THA]   = { "daddr ether", &dt_etheraddr, 144, 48, BYTEORDER_BIG },
	[ARP_F_TIP]   = { "daddr ip", &dt_ipaddr, 192, 32, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_arp = {
	.name = "arp", .base = PROTO_BASE_NETWORK, .length = 28 * 8,
	.fields = arp_fields, .protocol_field = -1, .upper = NULL,
	.ethertype = ETH_P_ARP, .nfproto = 3 /* NFPROTO_ARP */,
};
