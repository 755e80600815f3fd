/* Transport header tables: TCP, UDP, UDP-Lite, SCTP, DCCP, AH, ESP, IPComp, GRE and
 * the generic transport header `th` (ports only). */
#include "proto.h"
#include <linux/if_ether.h>
#include <netinet/in.h>

#define F(n, dt, off, len) { n, dt, off, len, BYTEORDER_BIG }
#define END { NULL, NULL, 0, 0, 0 }

static const struct proto_field tcp_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	F("sequence", &dt_integer, 32, 32),
	F("ackseq", &dt_integer, 64, 32),
	F("doff", &dt_integer, 96, 4),
	F("reserved", &dt_integer, 100, 4),
	F("flags", &dt_tcp_flag, 104, 8),
	F("window", &dt_integer, 112, 16),
	{ "checksum", &dt_integer, 128, 16, BYTEORDER_BIG, PF_CSUM_INET },
	F("urgptr", &dt_integer, 144, 16),
	END,
};

const struct proto_desc proto_tcp = {
	.name = "tcp", .base = PROTO_BASE_TRANSPORT, .length = 20 * 8,
	.fields = tcp_fields, .protocol_field = -1, .l4proto = IPPROTO_TCP,
};

static const struct proto_field udp_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	F("length", &dt_integer, 32, 16),
	F("checksum", &dt_integer, 48, 16),
	END,
};

const struct proto_desc proto_udp = {
	.name = "udp", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = udp_fields, .protocol_field = -1, .l4proto = IPPROTO_UDP,
	.l4csum_always = true,
};

static const struct proto_field udplite_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	F("csumcov", &dt_integer, 32, 16),
	F("checksum", &dt_integer, 48, 16),
	END,
};

const struct proto_desc proto_udplite = {
	.name = "udplite", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = udplite_fields, .protocol_field = -1, .l4proto = IPPROTO_UDPLITE,
	.l4csum_always = true,
};

static const struct proto_field sctp_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	F("vtag", &dt_integer, 32, 32),
	F("checksum", &dt_integer, 64, 32),
	END,
};

const struct proto_desc proto_sctp = {
	.name = "sctp", .base = PROTO_BASE_TRANSPORT, .length = 12 * 8,
	.fields = sctp_fields, .protocol_field = -1, .l4proto = IPPROTO_SCTP,
};

static const struct proto_field dccp_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	F("type", &dt_dccp_pkttype, 67, 4),
	END,
};

const struct proto_desc proto_dccp = {
	.name = "dccp", .base = PROTO_BASE_TRANSPORT, .length = 16 * 8,
	.fields = dccp_fields, .protocol_field = -1, .l4proto = IPPROTO_DCCP,
};

static const struct proto_field ah_fields[] = {
	F("nexthdr", &dt_inet_protocol, 0, 8),
	F("hdrlength", &dt_integer, 8, 8),
	F("reserved", &dt_integer, 16, 16),
	F("spi", &dt_integer, 32, 32),
	F("sequence", &dt_integer, 64, 32),
	END,
};

static const struct proto_upper ah_uppers[] = {
	{ IPPROTO_ESP, &proto_esp }, { IPPROTO_AH, &proto_ah },
	{ IPPROTO_COMP, &proto_comp }, { IPPROTO_UDP, &proto_udp },
	{ IPPROTO_UDPLITE, &proto_udplite }, { IPPROTO_TCP, &proto_tcp },
	{ IPPROTO_DCCP, &proto_dccp }, { IPPROTO_SCTP, &proto_sctp },
	{ 0, NULL },
};

const struct proto_desc proto_ah = {
	.name = "ah", .base = PROTO_BASE_TRANSPORT, .length = 16 * 8,
	.fields = ah_fields, .protocol_field = 0, .upper = ah_uppers,
	.l4proto = IPPROTO_AH,
};

static const struct proto_field esp_fields[] = {
	F("spi", &dt_integer, 0, 32),
	F("sequence", &dt_integer, 32, 32),
	END,
};

const struct proto_desc proto_esp = {
	.name = "esp", .base = PROTO_BASE_TRANSPORT, .length = 8 * 8,
	.fields = esp_fields, .protocol_field = -1, .l4proto = IPPROTO_ESP,
};

static const struct proto_field comp_fields[] = {
	F("nexthdr", &dt_inet_protocol, 0, 8),
	F("flags", &dt_bitmask, 8, 8),
	F("cpi", &dt_integer, 16, 16),
	END,
};

const struct proto_desc proto_comp = {
	.name = "comp", .base = PROTO_BASE_TRANSPORT, .length = 4 * 8,
	.fields = comp_fields, .protocol_field = 0, .upper = ah_uppers,
	.l4proto = IPPROTO_COMP,
};

static const struct proto_field gre_fields[] = {
	F("flags", &dt_integer, 0, 5),
	F("version", &dt_integer, 13, 3),
	F("protocol", &dt_ethertype, 16, 16),
	END,
};

static const struct proto_upper gre_uppers[] = {
	{ ETH_P_IP, &proto_ip }, { ETH_P_IPV6, &proto_ip6 },
	{ 0, NULL },
};

const struct proto_desc proto_gre = {
	.name = "gre", .base = PROTO_BASE_TRANSPORT, .length = 4 * 8,
	.fields = gre_fields, .protocol_field = 2, .upper = gre_uppers,
	.l4proto = IPPROTO_GRE,
};

/* Any transport header with ports at the usual place (`th dport 22`). */
static const struct proto_field th_fields[] = {
	F("sport", &dt_inet_service, 0, 16),
	F("dport", &dt_inet_service, 16, 16),
	END,
};

const struct proto_desc proto_th = {
	.name = "th", .base = PROTO_BASE_TRANSPORT, .length = 4 * 8,
	.fields = th_fields, .protocol_field = -1,
};
