/* Network-layer header tables: IPv4 and IPv6, and the transport headers each may
 * carry (by IP protocol number). */
#include "proto_impl.h"
#include <linux/if_ether.h>
#include <netinet/in.h>

/* Transport headers that may follow IPv4 or IPv6, keyed by IPPROTO_*. */
static const struct proto_upper ip_uppers[] = {
	{ IPPROTO_ICMP, &proto_icmp },
	{ IPPROTO_IGMP, &proto_igmp },
	{ IPPROTO_TCP, &proto_tcp },
	{ IPPROTO_UDP, &proto_udp },
	{ IPPROTO_UDPLITE, &proto_udplite },
	{ IPPROTO_SCTP, &proto_sctp },
	{ IPPROTO_DCCP, &proto_dccp },
	{ IPPROTO_AH, &proto_ah },
	{ IPPROTO_ESP, &proto_esp },
	{ IPPROTO_COMP, &proto_comp },
	{ IPPROTO_ICMPV6, &proto_icmp6 },
	{ IPPROTO_GRE, &proto_gre },
	{ 0, NULL },
};

enum { IP_F_VERSION, IP_F_HDRLEN, IP_F_DSCP, IP_F_ECN, IP_F_LENGTH, IP_F_ID,
       IP_F_FRAG, IP_F_TTL, IP_F_PROTOCOL, IP_F_CSUM, IP_F_SADDR, IP_F_DADDR };

static const struct proto_field ip_fields[] = {
	[IP_F_VERSION]  = F("version", &dt_integer, 0, 4),
	[IP_F_HDRLEN]   = F("hdrlength", &dt_integer, 4, 4),
	[IP_F_DSCP]     = F("dscp", &dt_dscp, 8, 6),
	[IP_F_ECN]      = F("ecn", &dt_ecn, 14, 2),
	[IP_F_LENGTH]   = F("length", &dt_integer, 16, 16),
	[IP_F_ID]       = F("id", &dt_integer, 32, 16),
	[IP_F_FRAG]     = F("frag-off", &dt_xinteger, 48, 16),
	[IP_F_TTL]      = F("ttl", &dt_integer, 64, 8),
	[IP_F_PROTOCOL] = FC("protocol", &dt_inet_protocol, 72, 8, PF_PSEUDO_HDR),
	[IP_F_CSUM]     = FC("checksum", &dt_integer, 80, 16, PF_CSUM_INET),
	[IP_F_SADDR]    = FC("saddr", &dt_ipaddr, 96, 32, PF_PSEUDO_HDR),
	[IP_F_DADDR]    = FC("daddr", &dt_ipaddr, 128, 32, PF_PSEUDO_HDR),
	END,
};

const struct proto_desc proto_ip = {
	PROTO_HEAD("ip", PROTO_BASE_NETWORK, 20, ip_fields, IP_F_PROTOCOL, ip_uppers),
	.ethertype = ETH_P_IP, .nfproto = 2 /* NFPROTO_IPV4 */,
};

enum { IP6_F_VERSION, IP6_F_DSCP, IP6_F_ECN, IP6_F_FLOWLABEL, IP6_F_LENGTH,
       IP6_F_NEXTHDR, IP6_F_HOPLIMIT, IP6_F_SADDR, IP6_F_DADDR };

static const struct proto_field ip6_fields[] = {
	[IP6_F_VERSION]   = F("version", &dt_integer, 0, 4),
	[IP6_F_DSCP]      = F("dscp", &dt_dscp, 4, 6),
	[IP6_F_ECN]       = F("ecn", &dt_ecn, 10, 2),
	[IP6_F_FLOWLABEL] = F("flowlabel", &dt_integer, 12, 20),
	[IP6_F_LENGTH]    = F("length", &dt_integer, 32, 16),
	[IP6_F_NEXTHDR]   = FC("nexthdr", &dt_inet_protocol, 48, 8, PF_PSEUDO_HDR),
	[IP6_F_HOPLIMIT]  = F("hoplimit", &dt_integer, 56, 8),
	[IP6_F_SADDR]     = FC("saddr", &dt_ip6addr, 64, 128, PF_PSEUDO_HDR),
	[IP6_F_DADDR]     = FC("daddr", &dt_ip6addr, 192, 128, PF_PSEUDO_HDR),
	END,
};

const struct proto_desc proto_ip6 = {
	PROTO_HEAD("ip6", PROTO_BASE_NETWORK, 40, ip6_fields, IP6_F_NEXTHDR, ip_uppers),
	.ethertype = ETH_P_IPV6, .nfproto = 10 /* NFPROTO_IPV6 */,
};
