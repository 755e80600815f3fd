/* ICMP, ICMPv6 and IGMP header tables, and the message types that some ICMP
 * fields imply (`icmp mtu` only exists in destination-unreachable messages). */
#include "proto.h"
#include "dt_impl.h"
#include <netinet/in.h>

enum { ICMP_F_TYPE, ICMP_F_CODE, ICMP_F_CSUM, ICMP_F_ID, ICMP_F_SEQ, ICMP_F_GW,
       ICMP_F_MTU };

static const struct proto_field icmp_fields[] = {
	[ICMP_F_TYPE] = { "type", &dt_icmp_type, 0, 8, BYTEORDER_BIG },
	[ICMP_F_CODE] = { "code", &dt_icmp_code_field, 8, 8, BYTEORDER_BIG },
	[ICMP_F_CSUM] = { "checksum", &dt_integer, 16, 16, BYTEORDER_BIG, PF_CSUM_INET },
	[ICMP_F_ID]   = { "id", &dt_integer, 32, 16, BYTEORDER_BIG },
	[ICMP_F_SEQ]  = { "sequence", &dt_integer, 48, 16, BYTEORDER_BIG },
	[ICMP_F_GW]   = { "gateway", &dt_integer, 32, 32, BYTEORDER_BIG },
	[ICMP_F_MTU]  = { "mtu", &dt_integer, 48, 16, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_icmp = {
	.name = "icmp", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = icmp_fields, .protocol_field = -1, .upper = NULL,
	.l4proto = IPPROTO_ICMP,
};

enum { ICMP6_F_TYPE, ICMP6_F_CODE, ICMP6_F_CSUM, ICMP6_F_MTU, ICMP6_F_PPTR,
       ICMP6_F_ID, ICMP6_F_SEQ, ICMP6_F_MAXDELAY, ICMP6_F_TADDR, ICMP6_F_DADDR };

static const struct proto_field icmp6_fields[] = {
	[ICMP6_F_TYPE]     = { "type", &dt_icmp6_type, 0, 8, BYTEORDER_BIG },
	[ICMP6_F_CODE]     = { "code", &dt_icmpv6_code_field, 8, 8, BYTEORDER_BIG },
	[ICMP6_F_CSUM]     = { "checksum", &dt_integer, 16, 16, BYTEORDER_BIG, PF_CSUM_INET },
	/* mtu before parameter-problem: same bits, the first is the default for lift */
	[ICMP6_F_MTU]      = { "mtu", &dt_integer, 32, 32, BYTEORDER_BIG },
	[ICMP6_F_PPTR]     = { "parameter-problem", &dt_integer, 32, 32, BYTEORDER_BIG },
	[ICMP6_F_ID]       = { "id", &dt_integer, 32, 16, BYTEORDER_BIG },
	[ICMP6_F_SEQ]      = { "sequence", &dt_integer, 48, 16, BYTEORDER_BIG },
	[ICMP6_F_MAXDELAY] = { "max-delay", &dt_integer, 32, 16, BYTEORDER_BIG },
	[ICMP6_F_TADDR]    = { "taddr", &dt_ip6addr, 64, 128, BYTEORDER_BIG },
	[ICMP6_F_DADDR]    = { "daddr", &dt_ip6addr, 192, 128, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_icmp6 = {
	.name = "icmpv6", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = icmp6_fields, .protocol_field = -1, .upper = NULL,
	.l4proto = IPPROTO_ICMPV6,
};

enum { IGMP_F_TYPE, IGMP_F_MRT, IGMP_F_CSUM, IGMP_F_GROUP };

static const struct proto_field igmp_fields[] = {
	[IGMP_F_TYPE]  = { "type", &dt_igmp_type, 0, 8, BYTEORDER_BIG },
	[IGMP_F_MRT]   = { "mrt", &dt_integer, 8, 8, BYTEORDER_BIG },
	[IGMP_F_CSUM]  = { "checksum", &dt_integer, 16, 16, BYTEORDER_BIG, PF_CSUM_INET },
	[IGMP_F_GROUP] = { "group", &dt_integer, 32, 32, BYTEORDER_BIG },
	{ NULL, NULL, 0, 0, 0 },
};

const struct proto_desc proto_igmp = {
	.name = "igmp", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = igmp_fields, .protocol_field = -1, .upper = NULL,
	.l4proto = IPPROTO_IGMP,
};

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
