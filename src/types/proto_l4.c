/* Transport header tables: TCP, UDP, UDP-Lite, SCTP, DCCP, AH, ESP, IPComp, GRE and
 * the generic transport header `th` (ports only). */
#include "proto_impl.h"
#include <linux/if_ether.h>
#include <netinet/in.h>

/* Source and destination port at the usual place: the first two fields of TCP, UDP,
 * UDP-Lite, SCTP and DCCP, and all that `th` knows. */
#define PORTS F("sport", &dt_inet_service, 0, 16), F("dport", &dt_inet_service, 16, 16)

static const struct proto_field tcp_fields[] = {
	PORTS,
	F("sequence", &dt_integer, 32, 32),
	F("ackseq", &dt_integer, 64, 32),
	F("doff", &dt_integer, 96, 4),
	F("reserved", &dt_integer, 100, 4),
	F("flags", &dt_tcp_flag, 104, 8),
	F("window", &dt_integer, 112, 16),
	FC("checksum", &dt_integer, 128, 16, PF_CSUM_INET),
	F("urgptr", &dt_integer, 144, 16),
	END,
};

const struct proto_desc proto_tcp = PROTO_L4("tcp", 20, tcp_fields, IPPROTO_TCP);

static const struct proto_field udp_fields[] = {
	PORTS,
	F("length", &dt_integer, 32, 16),
	F("checksum", &dt_integer, 48, 16),
	END,
};

const struct proto_desc proto_udp = {
	PROTO_HEAD("udp", PROTO_BASE_TRANSPORT, 8, udp_fields, -1, NULL),
	.l4proto = IPPROTO_UDP, .l4csum_always = true,
};

static const struct proto_field udplite_fields[] = {
	PORTS,
	F("csumcov", &dt_integer, 32, 16),
	F("checksum", &dt_integer, 48, 16),
	END,
};

const struct proto_desc proto_udplite = {
	PROTO_HEAD("udplite", PROTO_BASE_TRANSPORT, 8, udplite_fields, -1, NULL),
	.l4proto = IPPROTO_UDPLITE, .l4csum_always = true,
};

static const struct proto_field sctp_fields[] = {
	PORTS,
	F("vtag", &dt_integer, 32, 32),
	F("checksum", &dt_integer, 64, 32),
	END,
};

const struct proto_desc proto_sctp = PROTO_L4("sctp", 12, sctp_fields, IPPROTO_SCTP);

static const struct proto_field dccp_fields[] = {
	PORTS,
	F("type", &dt_dccp_pkttype, 67, 4),
	END,
};

const struct proto_desc proto_dccp = PROTO_L4("dccp", 16, dccp_fields, IPPROTO_DCCP);

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
	PROTO_HEAD("ah", PROTO_BASE_TRANSPORT, 16, ah_fields, 0, ah_uppers),
	.l4proto = IPPROTO_AH,
};

static const struct proto_field esp_fields[] = {
	F("spi", &dt_integer, 0, 32),
	F("sequence", &dt_integer, 32, 32),
	END,
};

const struct proto_desc proto_esp = PROTO_L4("esp", 8, esp_fields, IPPROTO_ESP);

static const struct proto_field comp_fields[] = {
	F("nexthdr", &dt_inet_protocol, 0, 8),
	F("flags", &dt_bitmask, 8, 8),
	F("cpi", &dt_integer, 16, 16),
	END,
};

const struct proto_desc proto_comp = {
	PROTO_HEAD("comp", PROTO_BASE_TRANSPORT, 4, comp_fields, 0, ah_uppers),
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
	PROTO_HEAD("gre", PROTO_BASE_TRANSPORT, 4, gre_fields, 2, gre_uppers),
	.l4proto = IPPROTO_GRE,
};

/* Any transport header with ports at the usual place (`th dport 22`). */
static const struct proto_field th_fields[] = {
	PORTS,
	END,
};

const struct proto_desc proto_th = {
	PROTO_HEAD("th", PROTO_BASE_TRANSPORT, 4, th_fields, -1, NULL),
};

static const struct proto_field no_fields[] = {
	END,
};

const struct proto_desc proto_unknown_l4 = {
	PROTO_HEAD("unknown", PROTO_BASE_TRANSPORT, 0, no_fields, -1, NULL),
};
