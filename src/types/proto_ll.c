/* Link-layer header tables: Ethernet, 802.1Q VLAN, ARP. Offsets are bits from the
 * start of each header (a VLAN header sits after the 14-byte Ethernet header on the
 * link-layer base; eval adds the offset of the headers below it). */
#include "proto_impl.h"
#include <linux/if_ether.h>

enum { ETH_F_DADDR, ETH_F_SADDR, ETH_F_TYPE };

static const struct proto_field eth_fields[] = {
	[ETH_F_DADDR] = F("daddr", &dt_etheraddr, 0, 48),
	[ETH_F_SADDR] = F("saddr", &dt_etheraddr, 48, 48),
	[ETH_F_TYPE]  = F("type", &dt_ethertype, 96, 16),
	END,
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
	PROTO_HEAD("ether", PROTO_BASE_LL, 14, eth_fields, ETH_F_TYPE, ll_uppers),
};

enum { VLAN_F_PCP, VLAN_F_DEI, VLAN_F_ID, VLAN_F_TYPE };

static const struct proto_field vlan_fields[] = {
	[VLAN_F_PCP]  = F("pcp", &dt_integer, 0, 3),
	[VLAN_F_DEI]  = F("dei", &dt_integer, 3, 1),
	[VLAN_F_ID]   = F("id", &dt_integer, 4, 12),
	[VLAN_F_TYPE] = F("type", &dt_ethertype, 16, 16),
	/* old name of dei, accepted on input (proto_field_by_name), never printed */
	F("cfi", &dt_integer, 3, 1),
	END,
};

const struct proto_desc proto_vlan = {
	PROTO_HEAD("vlan", PROTO_BASE_LL, 4, vlan_fields, VLAN_F_TYPE, ll_uppers),
	.ethertype = ETH_P_8021Q,
};

enum { ARP_F_HTYPE, ARP_F_PTYPE, ARP_F_HLEN, ARP_F_PLEN, ARP_F_OP,
       ARP_F_SHA, ARP_F_SIP, ARP_F_THA, ARP_F_TIP };

/* Addresses assume Ethernet/IPv4 (hlen 6, plen 4), as nft does. */
static const struct proto_field arp_fields[] = {
	[ARP_F_HTYPE] = F("htype", &dt_integer, 0, 16),
	[ARP_F_PTYPE] = F("ptype", &dt_ethertype, 16, 16),
	[ARP_F_HLEN]  = F("hlen", &dt_integer, 32, 8),
	[ARP_F_PLEN]  = F("plen", &dt_integer, 40, 8),
	[ARP_F_OP]    = F("operation", &dt_arpop, 48, 16),
	[ARP_F_SHA]   = F("saddr ether", &dt_etheraddr, 64, 48),
	[ARP_F_SIP]   = F("saddr ip", &dt_ipaddr, 112, 32),
	[ARP_F_THA]   = F("daddr ether", &dt_etheraddr, 144, 48),
	[ARP_F_TIP]   = F("daddr ip", &dt_ipaddr, 192, 32),
	END,
};

const struct proto_desc proto_arp = {
	PROTO_HEAD("arp", PROTO_BASE_NETWORK, 28, arp_fields, -1, NULL),
	.ethertype = ETH_P_ARP, .nfproto = 3 /* NFPROTO_ARP */,
};
