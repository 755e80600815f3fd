/* ICMP, ICMPv6 and IGMP header tables, and the message types that some ICMP
 * fields imply (`icmp mtu` only exists in destination-unreachable messages). */
#include "proto_impl.h"
#include "dt_impl.h"
#include <netinet/in.h>

enum { ICMP_F_TYPE, ICMP_F_CODE, ICMP_F_CSUM, ICMP_F_ID, ICMP_F_SEQ, ICMP_F_GW,
       ICMP_F_MTU };

static const struct proto_field icmp_fields[] = {
	[ICMP_F_TYPE] = F("type", &dt_icmp_type, 0, 8),
	[ICMP_F_CODE] = F("code", &dt_icmp_code_field, 8, 8),
	[ICMP_F_CSUM] = FC("checksum", &dt_integer, 16, 16, PF_CSUM_INET),
	[ICMP_F_ID]   = F("id", &dt_integer, 32, 16),
	[ICMP_F_SEQ]  = F("sequence", &dt_integer, 48, 16),
	[ICMP_F_GW]   = F("gateway", &dt_integer, 32, 32),
	[ICMP_F_MTU]  = F("mtu", &dt_integer, 48, 16),
	END,
};

const struct proto_desc proto_icmp = PROTO_L4("icmp", 8, icmp_fields, IPPROTO_ICMP);

enum { ICMP6_F_TYPE, ICMP6_F_CODE, ICMP6_F_CSUM, ICMP6_F_MTU, ICMP6_F_PPTR,
       ICMP6_F_ID, ICMP6_F_SEQ, ICMP6_F_MAXDELAY, ICMP6_F_TADDR, ICMP6_F_DADDR };

static const struct proto_field icmp6_fields[] = {
	[ICMP6_F_TYPE]     = F("type", &dt_icmp6_type, 0, 8),
	[ICMP6_F_CODE]     = F("code", &dt_icmpv6_code_field, 8, 8),
	[ICMP6_F_CSUM]     = FC("checksum", &dt_integer, 16, 16, PF_CSUM_INET),
	/* mtu before parameter-problem: same bits, the first is the default for lift */
	[ICMP6_F_MTU]      = F("mtu", &dt_integer, 32, 32),
	[ICMP6_F_PPTR]     = F("parameter-problem", &dt_integer, 32, 32),
	[ICMP6_F_ID]       = F("id", &dt_integer, 32, 16),
	[ICMP6_F_SEQ]      = F("sequence", &dt_integer, 48, 16),
	[ICMP6_F_MAXDELAY] = F("max-delay", &dt_integer, 32, 16),
	[ICMP6_F_TADDR]    = F("taddr", &dt_ip6addr, 64, 128),
	[ICMP6_F_DADDR]    = F("daddr", &dt_ip6addr, 192, 128),
	END,
};

const struct proto_desc proto_icmp6 = PROTO_L4("icmpv6", 8, icmp6_fields, IPPROTO_ICMPV6);

enum { IGMP_F_TYPE, IGMP_F_MRT, IGMP_F_CSUM, IGMP_F_GROUP };

static const struct proto_field igmp_fields[] = {
	[IGMP_F_TYPE]  = F("type", &dt_igmp_type, 0, 8),
	[IGMP_F_MRT]   = F("mrt", &dt_integer, 8, 8),
	[IGMP_F_CSUM]  = FC("checksum", &dt_integer, 16, 16, PF_CSUM_INET),
	[IGMP_F_GROUP] = F("group", &dt_integer, 32, 32),
	END,
};

const struct proto_desc proto_igmp = PROTO_L4("igmp", 8, igmp_fields, IPPROTO_IGMP);

/* Message types implied by a field (values of the type field). */
const struct proto_field_dep proto_field_deps[] = {
	{ &proto_icmp, "id", 2, { 8, 0 } },                  /* echo-request, echo-reply */
	{ &proto_icmp, "sequence", 2, { 8, 0 } },
	{ &proto_icmp, "gateway", 1, { 5 } },                /* redirect */
	{ &proto_icmp, "mtu", 1, { 3 } },                    /* destination-unreachable */
	{ &proto_icmp6, "parameter-problem", 1, { 4 } },
	{ &proto_icmp6, "mtu", 1, { 2 } },                   /* packet-too-big */
	{ &proto_icmp6, "id", 2, { 128, 129 } },
	{ &proto_icmp6, "sequence", 2, { 128, 129 } },
	{ &proto_icmp6, "max-delay", 1, { 130 } },           /* mld-listener-query */
	{ &proto_icmp6, "taddr", 6, { 130, 131, 132, 135, 136, 137 } },
	{ &proto_icmp6, "daddr", 1, { 137 } },               /* nd-redirect */
	{ NULL, NULL, 0, { 0 } },
};
