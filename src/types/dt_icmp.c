/* ICMP-family datatype rows: ICMP / ICMPv6 types and codes, the family-neutral
 * ICMPx reject codes, and IGMP types. */
#include "dt_impl.h"

/* Each ICMP code type has a twin for the code field of the header: both accept
 * names; the type lists names (`reject with icmp port-unreachable`), the field lists
 * numbers (`icmp code != { prot-unreachable, frag-needed }` lists as `{ 2, 4 }`). */
#define ICMP_CODE_ROWS(CODE, FIELD, ID, NAME, DESC, SYMS) \
	const struct datatype CODE = DT_SYMBOLIC(ID, NAME, DESC, BYTEORDER_BIG, 8, \
						 dt_print_symbolic_dec, SYMS); \
	const struct datatype FIELD = DT_SYMBOLIC(ID, NAME, DESC, BYTEORDER_BIG, 8, \
						  dt_print_decimal, SYMS)

const struct datatype dt_icmp_type = DT_SYMBOLIC(TYPE_ICMP_TYPE, "icmp_type", "ICMP type",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "echo-reply", 0 }, { "destination-unreachable", 3 }, { "source-quench", 4 },
	{ "redirect", 5 }, { "echo-request", 8 }, { "router-advertisement", 9 },
	{ "router-solicitation", 10 }, { "time-exceeded", 11 },
	{ "parameter-problem", 12 }, { "timestamp-request", 13 },
	{ "timestamp-reply", 14 }, { "info-request", 15 }, { "info-reply", 16 },
	{ "address-mask-request", 17 }, { "address-mask-reply", 18 }));

static const struct symbol icmp_code_syms[] = {
	{ "net-unreachable", 0 }, { "host-unreachable", 1 }, { "prot-unreachable", 2 },
	{ "port-unreachable", 3 }, { "net-prohibited", 9 }, { "host-prohibited", 10 },
	{ "admin-prohibited", 13 }, { "frag-needed", 4 },
	{ NULL, 0 },
};

ICMP_CODE_ROWS(dt_icmp_code, dt_icmp_code_field, TYPE_ICMP_CODE, "icmp_code", "icmp code",
	       icmp_code_syms);

const struct datatype dt_icmp6_type = DT_SYMBOLIC(TYPE_ICMP6_TYPE, "icmpv6_type", "ICMPv6 type",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "destination-unreachable", 1 }, { "packet-too-big", 2 },
	{ "time-exceeded", 3 }, { "parameter-problem", 4 },
	{ "echo-request", 128 }, { "echo-reply", 129 },
	{ "mld-listener-query", 130 }, { "mld-listener-report", 131 },
	{ "mld-listener-done", 132 }, { "mld-listener-reduction", 132 },
	{ "nd-router-solicit", 133 }, { "nd-router-advert", 134 },
	{ "nd-neighbor-solicit", 135 }, { "nd-neighbor-advert", 136 },
	{ "nd-redirect", 137 }, { "router-renumbering", 138 },
	{ "ind-neighbor-solicit", 141 }, { "ind-neighbor-advert", 142 },
	{ "mld2-listener-report", 143 }));

static const struct symbol icmpv6_code_syms[] = {
	{ "no-route", 0 }, { "admin-prohibited", 1 }, { "addr-unreachable", 3 },
	{ "port-unreachable", 4 }, { "policy-fail", 5 }, { "reject-route", 6 },
	{ NULL, 0 },
};

ICMP_CODE_ROWS(dt_icmpv6_code, dt_icmpv6_code_field, TYPE_ICMPV6_CODE, "icmpv6_code",
	       "icmpv6 code", icmpv6_code_syms);

/* NFT_REJECT_ICMPX_* */
const struct datatype dt_icmpx_code = DT_SYMBOLIC(TYPE_ICMPX_CODE, "icmpx_code", "icmpx code",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "port-unreachable", 1 }, { "admin-prohibited", 3 }, { "no-route", 0 },
	{ "host-unreachable", 2 }));

const struct datatype dt_igmp_type = DT_SYMBOLIC(TYPE_IGMP_TYPE, "igmp_type", "IGMP type",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "membership-query", 0x11 }, { "membership-report-v1", 0x12 },
	{ "membership-report-v2", 0x16 }, { "membership-report-v3", 0x22 },
	{ "leave-group", 0x17 }));
