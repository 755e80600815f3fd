/* Network-layer header tables: IPv4 and IPv6, and the transport headers each may
 * carry (by IP protocol number). */
#include "proto.h"
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
	[IP_F_VERSION]  = { "version", &dt_integer, 0, 4, BYTEORDER_BIG },
	[IP_F_HDRLEN]   = { "hdrlength", &dt_integer, 4, 4, BYTEORDER_BIG },
	[IP_F_DSCP]     = { "dscp", &dt_dscp, 8, 6, BYTEORDER_BIG },
	[IP_F_ECN]      = { "ecn", &dt_ecn, 14, 2, BYTEORDER_BIG },
	[IP_F_LENGTH]   = { "length", &dt_integer, 16, 16, BYTEORDER_BIG },
	[IP_F_ID]       = { "id", &dt_integer, 32, 16, BYTEORDER_BIG },
	[IP_F_FRAG]     = { "frag-off", &dt_xinteger, 48, 16, BYTEORDER_BIG },
	[IP_F_TTL]      = { "ttl", &dt_integer, 64, 8, BYTEORDER_BIG },
	[IP_F_PROTOCOL] = { "protocol", &dt_inet_protocol, 72, 8, BYTEORDER_BIG, PF_PSEUDO_HDR },
	[IP_F_CSUM]     = { "checksum", &dt_integer, 80, 16, BYTEORDER_BIG, PF_CSUM_INET },
	[IP_F_SADDR]    = { "saddr", &dt_ipaddr, 96, 32, BYTEORDER_BIG, PF_PSEUDO_HDR },
	[IP_F_DADDR]    = { "daddr", &dt_ipaddr, 128, 32, BYTEORDER_BIG, PF_PSEUDO_HDR },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_ip = {
	.name = "ip", .base = PROTO_BASE_NETWORK, .length = 20 * 8,
	.fields = ip_fields, .protocol_field = IP_F_PROTOCOL, .upper = ip_uppers,
	.ethertype = ETH_P_IP, .nfproto = 2 /* NFPROTO_IPV4 */,
};

enum { IP6_F_VERSION, IP6_F_DSCP, IP6_F_ECN, IP6_F_FLOWLABEL, IP6_F_LENGTH,
       IP6_F_NEXTHDR, IP6_F_HOPLIMIT, IP6_F_SADDR, IP6_F_DADDR };

static const struct proto_field ip6_fields[] = {
	[IP6_F_VERSION]   = { "version", &dt_integer, 0, 4, BYTEORDER_BIG },
	[IP6_F_DSCP]      = { "dscp", &dt_dscp, 4, 6, BYTEORDER_BIG },
	[IP6_F_ECN]       = { "ecn", &dt_ecn, 10, 2, BYTEORDER_BIG },
	[IP6_F_FLOWLABEL] = { "flowlabel", &dt_integer, 12, 20, BYTEORDER_BIG },
	[IP6_F_LENGTH]    = { "length", &dt_integer, 32, 16, BYTEORDER_BIG },
	[IP6_F_NEXTHDR]   = { "nexthdr", &dt_inet_protocol, 48, 8, BYTEORDER_BIG, PF_PSEUDO_HDR },
	[IP6_F_HOPLIMIT]  = { "hoplimit", &dt_integer, 56, 8, BYTEORDER_BIG },
	[IP6_F_SADDR]     = { "saddr", &dt_ip6addr, 64, 128, BYTEORDER_BIG, PF_PSEUDO_HDR },
	[IP6_F_DADDR]     = { "daddr", &dt_ip6addr, 192, 128, BYTEORDER_BIG, PF_PSEUDO_HDR },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_ip6 = {
	.name = "ip6", .base = PROTO_BASE_NETWORK, .length = 40 * 8,
	.fields = ip6_fields, .protocol_field = IP6_F_NEXTHDR, .upper = ip_uppers,
	.ethertype = ETH_P_IPV6, .nfproto = 10 /* NFPROTO_IPV6 */,
};
