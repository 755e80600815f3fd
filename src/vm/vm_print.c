/* `nft -d netlink` text of VM expressions, in libnftnl's exact format, e.g.
 *   [ payload load 2b @ transport header + 2 => reg 1 ]
 * Each printer writes the expression's kind and its fields without the
 * surrounding "[ " and " ]"; vm_print_expr adds those. Key and op names are
 * tables indexed by the kernel's numbers. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include "vm.h"
#include "../util/nf_tables_uapi.h"
#include "vm_print_int.h"
#include "../types/family.h"
#include "../types/stmt_words.h"
#include "../types/keys.h"

#define OR_UNKNOWN(name) ((name) ? (name) : "unknown")
#define NAME_OF(tbl, i) ((i) < sizeof(tbl) / sizeof(tbl[0]) && tbl[i] ? tbl[i] : "unknown")

static const char *const payload_bases[] = {
	[NFT_PAYLOAD_LL_HEADER] = "link", [NFT_PAYLOAD_NETWORK_HEADER] = "network",
	[NFT_PAYLOAD_TRANSPORT_HEADER] = "transport", [NFT_PAYLOAD_INNER_HEADER] = "inner",
	[NFT_PAYLOAD_TUN_HEADER] = "tunnel",
};
static const char *const cmp_ops[] = {
	[NFT_CMP_EQ] = "eq", [NFT_CMP_NEQ] = "neq", [NFT_CMP_LT] = "lt",
	[NFT_CMP_LTE] = "lte", [NFT_CMP_GT] = "gt", [NFT_CMP_GTE] = "gte",
};
static const char *const ct_dirs[] = { "original", "reply" };
static const char *const rt_keys[] = {
	[NFT_RT_CLASSID] = "classid", [NFT_RT_NEXTHOP4] = "nexthop4",
	[NFT_RT_NEXTHOP6] = "nexthop6", [NFT_RT_TCPMSS] = "tcpmss", [NFT_RT_XFRM] = "ipsec",
};
static const char *const socket_keys[] = {
	[NFT_SOCKET_TRANSPARENT] = "transparent", [NFT_SOCKET_MARK] = "mark",
	[NFT_SOCKET_WILDCARD] = "wildcard", [NFT_SOCKET_CGROUPV2] = "cgroupv2",
};
static const char *const xfrm_keys[] = {
	[NFT_XFRM_KEY_DADDR_IP4] = "daddr4", [NFT_XFRM_KEY_DADDR_IP6] = "daddr6",
	[NFT_XFRM_KEY_SADDR_IP4] = "saddr4", [NFT_XFRM_KEY_SADDR_IP6] = "saddr6",
	[NFT_XFRM_KEY_REQID] = "reqid", [NFT_XFRM_KEY_SPI] = "spi",
};
static const char *const xfrm_dirs[] = { "in", "out" };
static const char *const fib_results[] = {
	[NFT_FIB_RESULT_UNSPEC] = "unspec", [NFT_FIB_RESULT_OIF] = "oif",
	[NFT_FIB_RESULT_OIFNAME] = "oifname", [NFT_FIB_RESULT_ADDRTYPE] = "type",
};
/* fib input flags in bit order, printed joined by " . " */
static const char *const fib_flags[] = { "saddr", "daddr", "mark", "iif", "oif" };
static const char *const nat_types[] = { [NFT_NAT_SNAT] = "snat", [NFT_NAT_DNAT] = "dnat" };
static const char *const dynset_ops[] = {
	[NFT_DYNSET_OP_ADD] = "add", [NFT_DYNSET_OP_UPDATE] = "update",
	[NFT_DYNSET_OP_DELETE] = "delete",
};
static const char *const numgen_types[] = { [NFT_NG_INCREMENTAL] = "inc", [NFT_NG_RANDOM] = "random" };
static const char *const limit_types[] = { [NFT_LIMIT_PKTS] = "packets", [NFT_LIMIT_PKT_BYTES] = "bytes" };
static const char *const byteorder_ops[] = { [NFT_BYTEORDER_NTOH] = "ntoh", [NFT_BYTEORDER_HTON] = "hton" };

struct flag_name { uint32_t bit; const char *name; };
static const struct flag_name log_flags[] = {
	{ NF_LOG_TCPSEQ, "tcpseq" }, { NF_LOG_TCPOPT, "tcpopt" }, { NF_LOG_IPOPT, "ipopt" },
	{ NF_LOG_UID, "uid" }, { NF_LOG_MACDECODE, "macdecode" },
};

static const char *exthdr_op_name(uint64_t op)
{
	switch (op) {
	case NFT_EXTHDR_OP_TCPOPT: return " tcpopt";
	case NFT_EXTHDR_OP_IPV6: return " ipv6";
	case NFT_EXTHDR_OP_IPV4: return " ipv4";
	default: return "";
	}
}


const char *vm_verdict_name(int32_t v)
{
	switch (v) {
	case NF_ACCEPT: return "accept";
	case NF_DROP: return "drop";
	case NF_STOLEN: return "stolen";
	case NF_QUEUE: return "queue";
	case NF_REPEAT: return "repeat";
	case NF_STOP: return "stop";
	case NFT_RETURN: return "return";
	case NFT_JUMP: return "jump";
	case NFT_GOTO: return "goto";
	case NFT_CONTINUE: return "continue";
	case NFT_BREAK: return "break";
	default: return "unknown";
	}
}

#define U(attr) ((unsigned)vm_get_u(e, attr))
#define U64(attr) ((unsigned long long)vm_get_u(e, attr))

void vm_print_data(const uint8_t *p, uint32_t len, struct writer *w)
{
	for (uint32_t off = 0; off < len; off += 4) {
		uint32_t word = 0;
		uint32_t n = len - off < 4 ? len - off : 4;
		memcpy(&word, p + off, n);
		wr_printf(w, "%s0x%08x", off ? " " : "", word);
	}
}

/* A data register or a verdict, as libnftnl prints either. */
static void print_reg_data(const struct vm_data *d, struct writer *w)
{
	if (!d)
		return;
	if (d->is_verdict) {
		wr_puts(w, vm_verdict_name(d->verdict));
		if (d->chain)
			wr_printf(w, " -> %s", d->chain);
	} else {
		vm_print_data(d->bytes, d->len, w);
	}
}

void vm_print_payload(const struct vm_expr *e, struct writer *w)
{
	const char *base = NAME_OF(payload_bases, U(NFTA_PAYLOAD_BASE));
	if (vm_has(e, NFTA_PAYLOAD_SREG))
		wr_printf(w, "payload write reg %u => %ub @ %s header + %u csum_type %u csum_off %u csum_flags 0x%x",
			  U(NFTA_PAYLOAD_SREG), U(NFTA_PAYLOAD_LEN), base, U(NFTA_PAYLOAD_OFFSET),
			  U(NFTA_PAYLOAD_CSUM_TYPE), U(NFTA_PAYLOAD_CSUM_OFFSET),
			  U(NFTA_PAYLOAD_CSUM_FLAGS));
	else
		wr_printf(w, "payload load %ub @ %s header + %u => reg %u", U(NFTA_PAYLOAD_LEN),
			  base, U(NFTA_PAYLOAD_OFFSET), U(NFTA_PAYLOAD_DREG));
}

void vm_print_cmp(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "cmp %s reg %u ", NAME_OF(cmp_ops, U(NFTA_CMP_OP)), U(NFTA_CMP_SREG));
	print_reg_data(vm_get_data(e, NFTA_CMP_DATA), w);
}

void vm_print_bitwise(const struct vm_expr *e, struct writer *w)
{
	static const char bool_ops[] = { [NFT_BITWISE_AND] = '&', [NFT_BITWISE_OR] = '|',
					 [NFT_BITWISE_XOR] = '^' };
	unsigned op = U(NFTA_BITWISE_OP);
	wr_printf(w, "bitwise reg %u = ( reg %u ", U(NFTA_BITWISE_DREG), U(NFTA_BITWISE_SREG));
	switch (op) {
	case NFT_BITWISE_LSHIFT:
	case NFT_BITWISE_RSHIFT:
		wr_puts(w, op == NFT_BITWISE_LSHIFT ? "<< " : ">> ");
		print_reg_data(vm_get_data(e, NFTA_BITWISE_DATA), w);
		wr_puts(w, " )");
		break;
	case NFT_BITWISE_AND:
	case NFT_BITWISE_OR:
	case NFT_BITWISE_XOR:
		wr_printf(w, "%c reg %u )", bool_ops[op], U(NFTA_BITWISE_SREG2));
		break;
	default:
		wr_puts(w, "& ");
		print_reg_data(vm_get_data(e, NFTA_BITWISE_MASK), w);
		wr_puts(w, " ) ^ ");
		print_reg_data(vm_get_data(e, NFTA_BITWISE_XOR), w);
		break;
	}
}

void vm_print_byteorder(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "byteorder reg %u = %s(reg %u, %u, %u)", U(NFTA_BYTEORDER_DREG),
		  NAME_OF(byteorder_ops, U(NFTA_BYTEORDER_OP)), U(NFTA_BYTEORDER_SREG),
		  U(NFTA_BYTEORDER_SIZE), U(NFTA_BYTEORDER_LEN));
}

void vm_print_meta(const struct vm_expr *e, struct writer *w)
{
	const char *key = OR_UNKNOWN(meta_key_vm_name(U(NFTA_META_KEY)));
	if (vm_has(e, NFTA_META_SREG))
		wr_printf(w, "meta set %s with reg %u", key, U(NFTA_META_SREG));
	else
		wr_printf(w, "meta load %s => reg %u", key, U(NFTA_META_DREG));
}

void vm_print_ct(const struct vm_expr *e, struct writer *w)
{
	const char *key = OR_UNKNOWN(ct_key_vm_name(U(NFTA_CT_KEY)));
	if (vm_has(e, NFTA_CT_SREG))
		wr_printf(w, "ct set %s with reg %u", key, U(NFTA_CT_SREG));
	else
		wr_printf(w, "ct load %s => reg %u", key, U(NFTA_CT_DREG));
	if (vm_has(e, NFTA_CT_DIRECTION))
		wr_printf(w, " , dir %s", NAME_OF(ct_dirs, U(NFTA_CT_DIRECTION)));
}

void vm_print_immediate(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "immediate reg %u ", U(NFTA_IMMEDIATE_DREG));
	print_reg_data(vm_get_data(e, NFTA_IMMEDIATE_DATA), w);
}

void vm_print_lookup(const struct vm_expr *e, struct writer *w)
{
	const char *set = vm_get_str(e, NFTA_LOOKUP_SET);
	wr_printf(w, "lookup reg %u set %s", U(NFTA_LOOKUP_SREG), set ? set : "");
	if (vm_has(e, NFTA_LOOKUP_DREG))
		wr_printf(w, " dreg %u", U(NFTA_LOOKUP_DREG));
	if (U(NFTA_LOOKUP_FLAGS))
		wr_printf(w, " 0x%x", U(NFTA_LOOKUP_FLAGS));
}

void vm_print_range(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "range %s reg %u ", NAME_OF(cmp_ops, U(NFTA_RANGE_OP)), U(NFTA_RANGE_SREG));
	print_reg_data(vm_get_data(e, NFTA_RANGE_FROM_DATA), w);
	wr_putc(w, ' ');
	print_reg_data(vm_get_data(e, NFTA_RANGE_TO_DATA), w);
}

void vm_print_counter(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "counter pkts %llu bytes %llu", U64(NFTA_COUNTER_PACKETS),
		  U64(NFTA_COUNTER_BYTES));
}

void vm_print_log(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "log");
	if (vm_has(e, NFTA_LOG_PREFIX))
		wr_printf(w, " prefix %s", vm_get_str(e, NFTA_LOG_PREFIX));
	if (vm_has(e, NFTA_LOG_GROUP)) {
		wr_printf(w, " group %u snaplen %u qthreshold %u", U(NFTA_LOG_GROUP),
			  U(NFTA_LOG_SNAPLEN), U(NFTA_LOG_QTHRESHOLD));
		return;
	}
	if (vm_has(e, NFTA_LOG_LEVEL))
		wr_printf(w, " level %u", U(NFTA_LOG_LEVEL));
	if (vm_has(e, NFTA_LOG_FLAGS))
		for (unsigned i = 0; i < sizeof(log_flags) / sizeof(log_flags[0]); i++)
			if (U(NFTA_LOG_FLAGS) & log_flags[i].bit)
				wr_printf(w, " %s", log_flags[i].name);
}

void vm_print_limit(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "limit rate %llu/%s burst %u type %s flags 0x%x", U64(NFTA_LIMIT_RATE),
		  time_unit_name(vm_get_u(e, NFTA_LIMIT_UNIT)), U(NFTA_LIMIT_BURST),
		  NAME_OF(limit_types, U(NFTA_LIMIT_TYPE)), U(NFTA_LIMIT_FLAGS));
}

/* proto_min/proto_max/flags tail shared by masq and redir */
static void print_proto_range(const struct vm_expr *e, unsigned pmin, unsigned pmax,
			      unsigned flags, struct writer *w)
{
	if (vm_has(e, pmin))
		wr_printf(w, " proto_min reg %u", U(pmin));
	if (vm_has(e, pmax))
		wr_printf(w, " proto_max reg %u", U(pmax));
	if (vm_has(e, flags) && U(flags))
		wr_printf(w, " flags 0x%x", U(flags));
}

void vm_print_nat(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "nat %s %s", NAME_OF(nat_types, U(NFTA_NAT_TYPE)),
		  family_name(vm_get_u(e, NFTA_NAT_FAMILY)));
	if (vm_has(e, NFTA_NAT_REG_ADDR_MIN))
		wr_printf(w, " addr_min reg %u", U(NFTA_NAT_REG_ADDR_MIN));
	if (vm_has(e, NFTA_NAT_REG_ADDR_MAX))
		wr_printf(w, " addr_max reg %u", U(NFTA_NAT_REG_ADDR_MAX));
	print_proto_range(e, NFTA_NAT_REG_PROTO_MIN, NFTA_NAT_REG_PROTO_MAX, NFTA_NAT_FLAGS, w);
}

void vm_print_masq(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "masq");
	print_proto_range(e, NFTA_MASQ_REG_PROTO_MIN, NFTA_MASQ_REG_PROTO_MAX, NFTA_MASQ_FLAGS, w);
}

void vm_print_redir(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "redir");
	print_proto_range(e, NFTA_REDIR_REG_PROTO_MIN, NFTA_REDIR_REG_PROTO_MAX,
			  NFTA_REDIR_FLAGS, w);
}

void vm_print_reject(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "reject type %u code %u", U(NFTA_REJECT_TYPE), U(NFTA_REJECT_ICMP_CODE));
}

/* The nested expression(s) of dynset and inner, each as "[ text ]". */
static void print_nested(const struct vm_exprs *l, const char *lead, struct writer *w)
{
	for (uint32_t i = 0; l && i < l->n; i++) {
		wr_printf(w, "%s[ ", lead);
		vm_print_expr_text(&l->v[i], w);
		wr_puts(w, " ]");
	}
}

void vm_print_dynset(const struct vm_expr *e, struct writer *w)
{
	const char *set = vm_get_str(e, NFTA_DYNSET_SET_NAME);
	wr_printf(w, "dynset %s reg_key %u set %s", NAME_OF(dynset_ops, U(NFTA_DYNSET_OP)),
		  U(NFTA_DYNSET_SREG_KEY), set ? set : "");
	if (vm_has(e, NFTA_DYNSET_SREG_DATA))
		wr_printf(w, " sreg_data %u", U(NFTA_DYNSET_SREG_DATA));
	if (U64(NFTA_DYNSET_TIMEOUT))
		wr_printf(w, " timeout %llums", U64(NFTA_DYNSET_TIMEOUT));
	if (vm_has(e, NFTA_DYNSET_EXPR))
		print_nested(e->a[NFTA_DYNSET_EXPR].exprs, " expr ", w);
	if (vm_has(e, NFTA_DYNSET_EXPRESSIONS))
		print_nested(e->a[NFTA_DYNSET_EXPRESSIONS].exprs, " expr ", w);
}

void vm_print_exthdr(const struct vm_expr *e, struct writer *w)
{
	const char *op = exthdr_op_name(vm_get_u(e, NFTA_EXTHDR_OP));
	if (vm_has(e, NFTA_EXTHDR_DREG))
		wr_printf(w, "exthdr load%s %ub @ %u + %u%s => reg %u", op, U(NFTA_EXTHDR_LEN),
			  U(NFTA_EXTHDR_TYPE), U(NFTA_EXTHDR_OFFSET),
			  U(NFTA_EXTHDR_FLAGS) & NFT_EXTHDR_F_PRESENT ? " present" : "",
			  U(NFTA_EXTHDR_DREG));
	else if (vm_has(e, NFTA_EXTHDR_SREG))
		wr_printf(w, "exthdr write%s reg %u => %ub @ %u + %u", op, U(NFTA_EXTHDR_SREG),
			  U(NFTA_EXTHDR_LEN), U(NFTA_EXTHDR_TYPE), U(NFTA_EXTHDR_OFFSET));
	else
		wr_printf(w, "exthdr reset%s %u", op, U(NFTA_EXTHDR_TYPE));
}

void vm_print_rt(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "rt load %s => reg %u", NAME_OF(rt_keys, U(NFTA_RT_KEY)), U(NFTA_RT_DREG));
}

void vm_print_fib(const struct vm_expr *e, struct writer *w)
{
	uint32_t flags = U(NFTA_FIB_FLAGS);
	bool present = flags & NFTA_FIB_F_PRESENT;
	flags &= ~NFTA_FIB_F_PRESENT;
	wr_puts(w, "fib");
	for (unsigned i = 0; i < sizeof(fib_flags) / sizeof(fib_flags[0]); i++) {
		if (!(flags & (1u << i)))
			continue;
		flags &= ~(1u << i);
		wr_printf(w, " %s%s", fib_flags[i], flags ? " ." : "");
	}
	if (flags)
		wr_printf(w, " unknown 0x%x", flags);
	wr_printf(w, " %s%s => reg %u", NAME_OF(fib_results, U(NFTA_FIB_RESULT)),
		  present ? " present" : "", U(NFTA_FIB_DREG));
}

void vm_print_numgen(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "numgen reg %u = %s mod %u", U(NFTA_NG_DREG),
		  NAME_OF(numgen_types, U(NFTA_NG_TYPE)), U(NFTA_NG_MODULUS));
	if (U(NFTA_NG_OFFSET))
		wr_printf(w, " offset %u", U(NFTA_NG_OFFSET));
}

void vm_print_hash(const struct vm_expr *e, struct writer *w)
{
	if (U(NFTA_HASH_TYPE) == NFT_HASH_SYM)
		wr_printf(w, "hash reg %u = symhash() %% mod %u", U(NFTA_HASH_DREG),
			  U(NFTA_HASH_MODULUS));
	else
		wr_printf(w, "hash reg %u = jhash(reg %u, %u, 0x%x) %% mod %u", U(NFTA_HASH_DREG),
			  U(NFTA_HASH_SREG), U(NFTA_HASH_LEN), U(NFTA_HASH_SEED),
			  U(NFTA_HASH_MODULUS));
	if (U(NFTA_HASH_OFFSET))
		wr_printf(w, " offset %u", U(NFTA_HASH_OFFSET));
}

void vm_print_queue(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "queue");
	if (vm_has(e, NFTA_QUEUE_NUM)) {
		unsigned num = U(NFTA_QUEUE_NUM), total = U(NFTA_QUEUE_TOTAL);
		wr_printf(w, " num %u", num);
		if (total > 1)
			wr_printf(w, "-%u", num + total - 1);
	}
	if (vm_has(e, NFTA_QUEUE_SREG_QNUM))
		wr_printf(w, " sreg_qnum %u", U(NFTA_QUEUE_SREG_QNUM));
	if (U(NFTA_QUEUE_FLAGS) & NFT_QUEUE_FLAG_BYPASS)
		wr_puts(w, " bypass");
	if (U(NFTA_QUEUE_FLAGS) & NFT_QUEUE_FLAG_CPU_FANOUT)
		wr_puts(w, " fanout");
}

void vm_print_quota(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "quota bytes %llu consumed %llu flags %u", U64(NFTA_QUOTA_BYTES),
		  U64(NFTA_QUOTA_CONSUMED), U(NFTA_QUOTA_FLAGS));
}

void vm_print_notrack(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "notrack");
}

void vm_print_objref(const struct vm_expr *e, struct writer *w)
{
	if (vm_has(e, NFTA_OBJREF_SET_SREG)) {
		const char *set = vm_get_str(e, NFTA_OBJREF_SET_NAME);
		wr_printf(w, "objref sreg %u set %s", U(NFTA_OBJREF_SET_SREG), set ? set : "");
	} else {
		const char *name = vm_get_str(e, NFTA_OBJREF_IMM_NAME);
		wr_printf(w, "objref type %u name %s", U(NFTA_OBJREF_IMM_TYPE), name ? name : "");
	}
}

void vm_print_connlimit(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "connlimit count %u flags %x", U(NFTA_CONNLIMIT_COUNT),
		  U(NFTA_CONNLIMIT_FLAGS));
}

void vm_print_last(const struct vm_expr *e, struct writer *w)
{
	if (U(NFTA_LAST_SET))
		wr_printf(w, "last %llu", U64(NFTA_LAST_MSECS));
	else
		wr_puts(w, "last never");
}

void vm_print_socket(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "socket load %s => reg %u", NAME_OF(socket_keys, U(NFTA_SOCKET_KEY)),
		  U(NFTA_SOCKET_DREG));
	if (U(NFTA_SOCKET_KEY) == NFT_SOCKET_CGROUPV2)
		wr_printf(w, " level %u", U(NFTA_SOCKET_LEVEL));
}

void vm_print_tproxy(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "tproxy");
	if (U(NFTA_TPROXY_FAMILY))
		wr_printf(w, " %s", family_name(vm_get_u(e, NFTA_TPROXY_FAMILY)));
	if (vm_has(e, NFTA_TPROXY_REG_ADDR))
		wr_printf(w, " addr reg %u", U(NFTA_TPROXY_REG_ADDR));
	if (vm_has(e, NFTA_TPROXY_REG_PORT))
		wr_printf(w, " port reg %u", U(NFTA_TPROXY_REG_PORT));
}

void vm_print_dup(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "dup");
	if (vm_has(e, NFTA_DUP_SREG_ADDR))
		wr_printf(w, " sreg_addr %u", U(NFTA_DUP_SREG_ADDR));
	if (vm_has(e, NFTA_DUP_SREG_DEV))
		wr_printf(w, " sreg_dev %u", U(NFTA_DUP_SREG_DEV));
}

void vm_print_fwd(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "fwd");
	if (vm_has(e, NFTA_FWD_SREG_DEV))
		wr_printf(w, " sreg_dev %u", U(NFTA_FWD_SREG_DEV));
	if (vm_has(e, NFTA_FWD_SREG_ADDR))
		wr_printf(w, " sreg_addr %u", U(NFTA_FWD_SREG_ADDR));
	if (vm_has(e, NFTA_FWD_NFPROTO))
		wr_printf(w, " nfproto %u", U(NFTA_FWD_NFPROTO));
}

void vm_print_synproxy(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "synproxy mss %u wscale %u", U(NFTA_SYNPROXY_MSS), U(NFTA_SYNPROXY_WSCALE));
}

void vm_print_xfrm(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "xfrm load %s %u %s => reg %u", NAME_OF(xfrm_dirs, U(NFTA_XFRM_DIR)),
		  U(NFTA_XFRM_SPNUM), NAME_OF(xfrm_keys, U(NFTA_XFRM_KEY)), U(NFTA_XFRM_DREG));
}

void vm_print_osf(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "osf dreg %u", U(NFTA_OSF_DREG));
}

void vm_print_flow_offload(const struct vm_expr *e, struct writer *w)
{
	const char *name = vm_get_str(e, NFTA_FLOW_TABLE_NAME);
	wr_printf(w, "flow_offload flowtable %s", name ? name : "");
}

void vm_print_inner(const struct vm_expr *e, struct writer *w)
{
	wr_printf(w, "inner type %u hdrsize %u flags %x", U(NFTA_INNER_TYPE),
		  U(NFTA_INNER_HDRSIZE), U(NFTA_INNER_FLAGS));
	if (vm_has(e, NFTA_INNER_EXPR))
		print_nested(e->a[NFTA_INNER_EXPR].exprs, " ", w);
}

/* ---------------------------------------------------------------- entry points */

void vm_print_expr_text(const struct vm_expr *e, struct writer *w)
{
	if (e->kind > VM_INVALID && e->kind < VM_KIND_MAX && vm_descs[e->kind].print)
		vm_descs[e->kind].print(e, w);
	else if (vm_has(e, 0) && e->a[0].s)
		wr_puts(w, e->a[0].s);   /* an expression the kernel named but we do not know */
	else
		wr_puts(w, "unknown");
}

void vm_print_expr(const struct vm_expr *e, struct writer *w)
{
	wr_puts(w, "  [ ");
	vm_print_expr_text(e, w);
	wr_puts(w, " ]\n");
}

void vm_print_rule(const struct vm_rule *r, struct writer *w)
{
	for (uint32_t i = 0; i < r->exprs.n; i++)
		vm_print_expr(&r->exprs.v[i], w);
}
