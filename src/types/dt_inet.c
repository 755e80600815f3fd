/* Internet datatype rows: IPv4/IPv6 addresses, ethertype, IP protocol, service
 * (port), DSCP, ECN, TCP flags, ARP operation, DCCP packet type, mobility header
 * type, fib address type, TCP option kind. */
#include "dt_impl.h"
#include <string.h>
#include <inttypes.h>
#include <arpa/inet.h>
#include <netdb.h>

/* ---------------------------------------------------------------- addresses */

/* Address text → bytes in network order, by the row: a dotted quad for ipv4_addr;
 * IPv6 text for ipv6_addr, also in brackets as written before a port. */
static int inet_addr_parse(const struct datatype *dt, const char *text, uint32_t len,
			   struct value *out, struct diag_list *errs, const struct loc *loc)
{
	bool v4 = dt->id == TYPE_IPADDR;
	struct in6_addr a;              /* room for either family */
	char buf[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(text);
	if (!v4 && n >= 2 && n < sizeof(buf) && text[0] == '[' && text[n - 1] == ']') {
		memcpy(buf, text + 1, n - 2);
		buf[n - 2] = 0;
		text = buf;
	}
	if (inet_pton(v4 ? AF_INET : AF_INET6, text, &a) != 1)
		return diag_error(errs, loc, "Could not resolve hostname: Name or service not known");
	memset(out, 0, sizeof(*out));
	memcpy(out->bytes, &a, v4 ? 4 : 16);
	out->len = v4 ? 32 : 128;
	return 0;
}

/* -N: the address's name from the resolver (/etc/hosts, then DNS), unquoted, as nft
 * prints it; false when it has none, and the address is printed as numbers. */
static bool addr_print_name(int family, const uint8_t *bytes, struct writer *w)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	const struct sockaddr *sa = (const struct sockaddr *)&sin;
	socklen_t len = sizeof(sin);
	char host[NI_MAXHOST];
	if (family == AF_INET) {
		memcpy(&sin.sin_addr, bytes, 4);
	} else {
		memcpy(&sin6.sin6_addr, bytes, 16);
		sa = (const struct sockaddr *)&sin6;
		len = sizeof(sin6);
	}
	if (getnameinfo(sa, len, host, sizeof(host), NULL, 0, NI_NAMEREQD) != 0)
		return false;
	wr_puts(w, host);
	return true;
}

static void ipaddr_print(const struct datatype *dt, const struct value *v,
			 const struct print_opts *po, struct writer *w)
{
	if (po->reversedns && addr_print_name(AF_INET, v->bytes, w))
		return;
	for (int i = 0; i < 4; i++) {
		if (i)
			wr_putc(w, '.');
		wr_uint(w, v->bytes[i]);
	}
}

static void ip6addr_print(const struct datatype *dt, const struct value *v,
			  const struct print_opts *po, struct writer *w)
{
	char buf[INET6_ADDRSTRLEN];
	if (po->reversedns && addr_print_name(AF_INET6, v->bytes, w))
		return;
	inet_ntop(AF_INET6, v->bytes, buf, sizeof(buf));
	wr_puts(w, buf);
}

const struct datatype dt_ipaddr = {
	DT_HEAD(TYPE_IPADDR, "ipv4_addr", "IPv4 address", BYTEORDER_BIG, 32),
	.flags = DTYPE_F_PREFIX, .basetype = &dt_integer,
	.parse = inet_addr_parse, .print = ipaddr_print,
};

const struct datatype dt_ip6addr = {
	DT_HEAD(TYPE_IP6ADDR, "ipv6_addr", "IPv6 address", BYTEORDER_BIG, 128),
	.flags = DTYPE_F_PREFIX, .basetype = &dt_integer,
	.parse = inet_addr_parse, .print = ip6addr_print,
};

/* ---------------------------------------------------------------- ethertype */

const struct datatype dt_ethertype = DT_SYMBOLIC(TYPE_ETHERTYPE, "ether_type",
	"Ethernet protocol", BYTEORDER_BIG, 16, dt_print_symbolic_hex, SYMBOLS(
	{ "ip", 0x0800 }, { "arp", 0x0806 }, { "ip6", 0x86dd }, { "8021q", 0x8100 },
	{ "8021ad", 0x88a8 }, { "vlan", 0x8100 }));

/* ---------------------------------------------------------------- IP protocol */

extern const struct symbol dt_protocol_names[];

static int inet_protocol_parse(const struct datatype *dt, const char *text, uint32_t len,
			       struct value *out, struct diag_list *errs, const struct loc *loc)
{
	const struct symbol *s = symbol_by_name(dt_protocol_names, text);
	if (s)
		return dt_store_checked(dt, s->value, len ? len : 8, out, errs, loc);
	uint64_t x;
	int r = dt_strtou64(text, &x);
	if (r == -1)
		return diag_error(errs, loc, "Could not resolve protocol name");
	if (r == -2 || x > 0xff)
		return diag_error(errs, loc, "Protocol out of range");
	value_set_uint(out, x, len ? len : 8, BYTEORDER_BIG);
	return 0;
}

static void inet_protocol_print(const struct datatype *dt, const struct value *v,
				const struct print_opts *po, struct writer *w)
{
	uint64_t x = dt_get(dt, v);
	const struct symbol *s = symbol_by_value(dt_protocol_names, x);
	if (s && !po->numeric && !po->numeric_proto)
		wr_puts(w, s->name);
	else
		wr_printf(w, "%" PRIu64, x);
}

const struct datatype dt_inet_protocol = DT_INTEGER(TYPE_INET_PROTOCOL, "inet_proto",
	"Internet protocol", BYTEORDER_BIG, 8, inet_protocol_parse, inet_protocol_print);

/* ---------------------------------------------------------------- service */

extern const struct symbol dt_service_names[];

static int inet_service_parse(const struct datatype *dt, const char *text, uint32_t len,
			      struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t x;
	int r = dt_strtou64(text, &x);
	if (r == 0 || r == -2) {
		if (r == -2 || x > 0xffff)
			return diag_error(errs, loc, "Service out of range");
		value_set_uint(out, x, 16, BYTEORDER_BIG);
		return 0;
	}
	const struct symbol *s = symbol_by_name(dt_service_names, text);
	if (!s)
		return diag_error(errs, loc,
				  "Could not resolve service: Servname not supported for ai_socktype");
	value_set_uint(out, s->value, 16, BYTEORDER_BIG);
	return 0;
}

static void inet_service_print(const struct datatype *dt, const struct value *v,
			       const struct print_opts *po, struct writer *w)
{
	uint64_t x = value_get_uint(v, BYTEORDER_BIG);
	/* -S: the port's name in the host's services database (/etc/services), of any
	 * protocol, as nft prints it; also with -n, as in nft. Names in the input are
	 * read from the built-in list (dt_services.c), which does not depend on the host. */
	const struct servent *s = po->service ? getservbyport(htons((uint16_t)x), NULL) : NULL;
	if (s)
		wr_printf(w, "\"%s\"", s->s_name);
	else
		wr_printf(w, "%" PRIu64, x);
}

const struct datatype dt_inet_service = DT_INTEGER(TYPE_INET_SERVICE, "inet_service",
	"internet network service", BYTEORDER_BIG, 16, inet_service_parse, inet_service_print);

/* ---------------------------------------------------------------- DSCP, ECN */

const struct datatype dt_dscp = DT_SYMBOLIC(TYPE_DSCP, "dscp",
	"Differentiated Services Code Point", BYTEORDER_BIG, 6, dt_print_symbolic_hex, SYMBOLS(
	{ "cs0", 0x00 }, { "cs1", 0x08 }, { "cs2", 0x10 }, { "cs3", 0x18 },
	{ "cs4", 0x20 }, { "cs5", 0x28 }, { "cs6", 0x30 }, { "cs7", 0x38 },
	{ "df", 0x00 }, { "be", 0x00 }, { "lephb", 0x01 },
	{ "af11", 0x0a }, { "af12", 0x0c }, { "af13", 0x0e },
	{ "af21", 0x12 }, { "af22", 0x14 }, { "af23", 0x16 },
	{ "af31", 0x1a }, { "af32", 0x1c }, { "af33", 0x1e },
	{ "af41", 0x22 }, { "af42", 0x24 }, { "af43", 0x26 },
	{ "va", 0x2c }, { "ef", 0x2e }));

const struct datatype dt_ecn = DT_SYMBOLIC(TYPE_ECN, "ecn", "Explicit Congestion Notification",
	BYTEORDER_BIG, 2, dt_print_symbolic_hex, SYMBOLS(
	{ "not-ect", 0 }, { "ect1", 1 }, { "ect0", 2 }, { "ce", 3 }));

/* ---------------------------------------------------------------- TCP flags */

const struct datatype dt_tcp_flag = DT_FLAGS(TYPE_TCP_FLAG, "tcp_flag", "TCP flag",
	BYTEORDER_BIG, 8, SYMBOLS(
	{ "fin", 0x01 }, { "syn", 0x02 }, { "rst", 0x04 }, { "psh", 0x08 },
	{ "ack", 0x10 }, { "urg", 0x20 }, { "ecn", 0x40 }, { "cwr", 0x80 }));

/* ---------------------------------------------------------------- ARP, DCCP, MH */

const struct datatype dt_arpop = DT_SYMBOLIC(TYPE_ARPOP, "arp_op", "ARP operation",
	BYTEORDER_BIG, 16, dt_print_symbolic_dec, SYMBOLS(
	{ "request", 1 }, { "reply", 2 }, { "rrequest", 3 }, { "rreply", 4 },
	{ "inrequest", 8 }, { "inreply", 9 }, { "nak", 10 }));

const struct datatype dt_dccp_pkttype = DT_SYMBOLIC(TYPE_DCCP_PKTTYPE, "dccp_pkttype",
	"DCCP packet type", BYTEORDER_BIG, 4, dt_print_symbolic_dec, SYMBOLS(
	{ "request", 0 }, { "response", 1 }, { "data", 2 }, { "ack", 3 },
	{ "dataack", 4 }, { "closereq", 5 }, { "close", 6 }, { "reset", 7 },
	{ "sync", 8 }, { "syncack", 9 }));

const struct datatype dt_mh_type = DT_SYMBOLIC(TYPE_MH_TYPE, "mh_type", "Mobility Header Type",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "binding-refresh-request", 0 }, { "home-test-init", 1 },
	{ "careof-test-init", 2 }, { "home-test", 3 }, { "careof-test", 4 },
	{ "binding-update", 5 }, { "binding-acknowledgement", 6 },
	{ "binding-error", 7 }, { "fast-binding-update", 8 },
	{ "fast-binding-acknowledgement", 9 }, { "fast-binding-advertisement", 10 },
	{ "experimental-mobility-header", 11 }, { "home-agent-switch-message", 12 }));

/* ---------------------------------------------------------------- fib, tcp option */

const struct datatype dt_fib_addr = DT_SYMBOLIC(TYPE_FIB_ADDR, "fib_addrtype",
	"fib address type", BYTEORDER_HOST, 32, dt_print_symbolic_dec, SYMBOLS(
	{ "unspec", 0 }, { "unicast", 1 }, { "local", 2 }, { "broadcast", 3 },
	{ "anycast", 4 }, { "multicast", 5 }, { "blackhole", 6 },
	{ "unreachable", 7 }, { "prohibit", 8 }));

const struct datatype dt_tcpopt_kind = DT_SYMBOLIC(TYPE_TCPOPT, "tcp_option", "TCP option",
	BYTEORDER_BIG, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "eol", 0 }, { "nop", 1 }, { "maxseg", 2 }, { "window", 3 },
	{ "sack-perm", 4 }, { "sack", 5 }, { "timestamp", 8 }, { "md5sig", 19 },
	{ "mptcp", 30 }, { "fastopen", 34 }));

/* ---------------------------------------------------------------- MPTCP subtype */

const struct datatype dt_mptcp_subtype = DT_SYMBOLIC(TYPE_MPTCP_SUBTYPE, "mptcpopt_subtype",
	"Multipath TCP Sub Type", BYTEORDER_BIG, 4, dt_print_symbolic_dec, SYMBOLS(
	{ "mp-capable", 0 }, { "mp-join", 1 }, { "dss", 2 }, { "add-addr", 3 },
	{ "remove-addr", 4 }, { "mp-prio", 5 }, { "mp-fail", 6 }, { "mp-fastclose", 7 },
	{ "mp-tcprst", 8 }));
