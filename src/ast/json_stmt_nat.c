/* The statements that send a packet elsewhere, as nft's JSON writes them: snat, dnat,
 * masquerade and redirect (`{"snat": {"family": "ip", "addr": …, "port": …}}`),
 * reject by type and code, and tproxy, dup and fwd. */
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include "json_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct json_flag_name nat_flags[] = {
	{ NF_NAT_RANGE_PROTO_RANDOM, "random" },
	{ NF_NAT_RANGE_PROTO_RANDOM_FULLY, "fully-random" },
	{ NF_NAT_RANGE_PERSISTENT, "persistent" },
	{ NF_NAT_RANGE_NETMAP, "netmap" },
};

void json_print_nat_members(const struct stmt *s, const struct print_opts *po,
			    struct json_out *j)
{
	static const char *const names[] = { "snat", "dnat", "masquerade", "redirect" };
	const char *name = names[s->nat.type];
	bool family = (s->nat.family == NFPROTO_IPV4 || s->nat.family == NFPROTO_IPV6) &&
		      s->nat.type <= NAT_DNAT && (s->nat.type_flags & 1);
	if (!s->nat.addr && !s->nat.proto && !s->nat.flags) {
		jo_knull(j, name);
		return;
	}
	jo_kobj_open(j, name);
	if (family)             /* first, as nft writes it */
		jo_kstr(j, "family", s->nat.family == NFPROTO_IPV6 ? "ip6" : "ip");
	if (s->nat.addr) {
		jo_key(j, "addr");
		json_print_expr(s->nat.addr, po, j);
	}
	if (s->nat.proto) {
		jo_key(j, "port");
		json_print_expr(s->nat.proto, po, j);
	}
	json_print_kflags("flags", nat_flags, N(nat_flags), s->nat.flags, j);
	if (s->nat.flags & NF_NAT_RANGE_NETMAP)       /* `snat ip prefix to …` */
		jo_kstr(j, "type_flags", "prefix");
	jo_obj_close(j);
}

static void code_word(const struct datatype *dt, int code, struct json_out *j)
{
	const struct symbol *sym = code >= 0 ? symbol_by_value(dt->symbols, (uint64_t)code) : NULL;
	if (sym)
		jo_str(j, sym->name);
	else
		jo_int(j, code);
}

/* A lifted `reject` (type -1) keeps its code: nft's JSON names the type it stands for,
 * port-unreachable of icmp (3), icmpv6 (4) or icmpx (1). */
static int reject_type(const struct stmt *s)
{
	int code = s->reject.icmp_code;
	if (s->reject.type >= 0 || code < 0)
		return s->reject.type;
	if ((s->reject.family == NFPROTO_IPV4 && code == 3) ||
	    (s->reject.family == NFPROTO_IPV6 && code == 4))
		return NFT_REJECT_ICMP_UNREACH;
	return NFT_REJECT_ICMPX_UNREACH;
}

void json_print_reject_members(const struct stmt *s, struct json_out *j)
{
	int code = s->reject.icmp_code;
	switch (reject_type(s)) {
	case NFT_REJECT_TCP_RST:
		jo_kobj_open(j, "reject");
		jo_kstr(j, "type", "tcp reset");
		break;
	case NFT_REJECT_ICMPX_UNREACH:
		jo_kobj_open(j, "reject");
		jo_kstr(j, "type", "icmpx");
		jo_key(j, "expr");
		code_word(&dt_icmpx_code, code, j);
		break;
	case NFT_REJECT_ICMP_UNREACH: {
		bool v6 = s->reject.family == NFPROTO_IPV6;
		jo_kobj_open(j, "reject");
		jo_kstr(j, "type", v6 ? "icmpv6" : "icmp");
		jo_key(j, "expr");
		code_word(v6 ? &dt_icmpv6_code : &dt_icmp_code, code, j);
		break;
	}
	default:
		jo_knull(j, "reject");
		return;
	}
	jo_obj_close(j);
}

void json_print_forward_members(const struct stmt *s, const struct print_opts *po,
				struct json_out *j)
{
	const char *name = s->kind == STMT_TPROXY ? "tproxy" : s->kind == STMT_DUP ? "dup" : "fwd";
	jo_kobj_open(j, name);
	if (s->misc.addr) {
		jo_key(j, "addr");
		json_print_expr(s->misc.addr, po, j);
	}
	if (s->misc.dev) {
		/* `dup to DEV` of netdev tables: nft names the one target "addr" */
		jo_key(j, s->kind == STMT_DUP && !s->misc.addr ? "addr" : "dev");
		json_print_expr(s->misc.dev, po, j);
	}
	if ((s->kind == STMT_TPROXY || (s->kind == STMT_FWD && s->misc.addr)) &&
	    (s->misc.family == NFPROTO_IPV4 || s->misc.family == NFPROTO_IPV6))
		jo_kstr(j, "family", s->misc.family == NFPROTO_IPV6 ? "ip6" : "ip");
	if (s->kind == STMT_TPROXY && s->misc.port) {
		jo_key(j, "port");
		json_print_expr(s->misc.port, po, j);
	}
	jo_obj_close(j);
}
