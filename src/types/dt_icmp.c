/* ICMP-family datatype rows: ICMP / ICMPv6 types and codes, the family-neutral
 * ICMPx reject codes, and IGMP types. */
#include "dt_impl.h"

static const struct symbol icmp_type_syms[] = {
	{ "echo-reply", 0 }, { "destination-unreachable", 3 }, { "source-quench", 4 },
	{ "redirect", 5 }, { "echo-request", 8 }, { "router-advertisement", 9 },
	{ "router-solicitation", 10 }, { "time-exceeded", 11 },
	{ "parameter-problem", 12 }, { "timestamp-request", 13 },
	{ "timestamp-reply", 14 }, { "info-request", 15 }, { "info-reply", 16 },
	{ "address-mask-request", 17 }, { "address-mask-reply", 18 },
	{ NULL, 0 },
};

const struct datatype dt_icmp_type = {
	.id = TYPE_ICMP_TYPE, .name = "icmp_type", .desc = "ICMP type",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmp_type_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

static const struct symbol icmp_code_syms[] = {
	{ "net-unreachable", 0 }, { "host-unreachable", 1 }, { "prot-unreachable", 2 },
	{ "port-unreachable", 3 }, { "net-prohibited", 9 }, { "host-prohibited", 10 },
	{ "admin-prohibited", 13 }, { "frag-needed", 4 },
	{ NULL, 0 },
};

const struct datatype dt_icmp_code = {
	.id = TYPE_ICMP_CODE, .name = "icmp_code", .desc = "icmp code",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmp_code_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

/* The code field of the ICMP header: names accepted on input, listed as numbers
 * (`icmp code != { prot-unreachable, frag-needed }` lists as `{ 2, 4 }`). */
const struct datatype dt_icmp_code_field = {
	.id = TYPE_ICMP_CODE, .name = "icmp_code", .desc = "icmp code",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmp_code_syms,
	.parse = dt_parse_symbolic, .print = dt_print_decimal,
};

static const struct symbol icmp6_type_syms[] = {
	{ "destination-unreachable", 1 }, { "packet-too-big", 2 },
	{ "time-exceeded", 3 }, { "parameter-problem", 4 },
	{ "echo-request", 128 }, { "echo-reply", 129 },
	{ "mld-listener-query", 130 }, { "mld-listener-report", 131 },
	{ "mld-listener-done", 132 }, { "mld-listener-reduction", 132 },
	{ "nd-router-solicit", 133 }, { "nd-router-advert", 134 },
	{ "nd-neighbor-solicit", 135 }, { "nd-neighbor-advert", 136 },
	{ "nd-redirect", 137 }, { "router-renumbering", 138 },
	{ "ind-neighbor-solicit", 141 }, { "ind-neighbor-advert", 142 },
	{ "mld2-listener-report", 143 },
	{ NULL, 0 },
};

const struct datatype dt_icmp6_type = {
	.id = TYPE_ICMP6_TYPE, .name = "icmpv6_type", .desc = "ICMPv6 type",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmp6_type_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

static const struct symbol icmpv6_code_syms[] = {
	{ "no-route", 0 }, { "admin-prohibited", 1 }, { "addr-unreachable", 3 },
	{ "port-unreachable", 4 }, { "policy-fail", 5 }, { "reject-route", 6 },
	{ NULL, 0 },
};

const struct datatype dt_icmpv6_code = {
	.id = TYPE_ICMPV6_CODE, .name = "icmpv6_code", .desc = "icmpv6 code",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmpv6_code_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

/* The code field of the ICMPv6 header: like dt_icmp_code_field. */
const struct datatype dt_icmpv6_code_field = {
	.id = TYPE_ICMPV6_CODE, .name = "icmpv6_code", .desc = "icmpv6 code",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmpv6_code_syms,
	.parse = dt_parse_symbolic, .print = dt_print_decimal,
};

/* NFT_REJECT_ICMPX_* */
static const struct symbol icmpx_code_syms[] = {
	{ "port-unreachable", 1 }, { "admin-prohibited", 3 }, { "no-route", 0 },
	{ "host-unreachable", 2 },
	{ NULL, 0 },
};

const struct datatype dt_icmpx_code = {
	.id = TYPE_ICMPX_CODE, .name = "icmpx_code", .desc = "icmpx code",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = icmpx_code_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

static const struct symbol igmp_type_syms[] = {
	{ "membership-query", 0x11 }, { "membership-report-v1", 0x12 },
	{ "membership-report-v2", 0x16 }, { "membership-report-v3", 0x22 },
	{ "leave-group", 0x17 },
	{ NULL, 0 },
};

const struct datatype dt_igmp_type = {
	.id = TYPE_IGMP_TYPE, .name = "igmp_type", .desc = "IGMP type",
	.byteorder = BYTEORDER_BIG, .size = 8, .basetype = &dt_integer,
	.symbols = igmp_type_syms,
	.parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};
