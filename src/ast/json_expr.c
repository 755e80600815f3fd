/* Expressions as nft's JSON (libnftables-json(5) "EXPRESSIONS"): loads as
 * `{"payload": …}`, `{"meta": …}` …, sets, ranges, prefixes, concatenations, maps,
 * binary operations and verdicts. Constants are json_value.c's. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_int.h"
#include "../types/tunnel.h"

void json_print_flag_names(const struct json_flag_name *names, unsigned n, uint32_t bits,
			   struct json_out *j)
{
	unsigned count = 0;
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit)
			count++;
	if (count > 1)
		jo_arr_open(j);
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit)
			jo_str(j, names[i].name);
	if (count > 1)
		jo_arr_close(j);
}

void json_print_kflags(const char *key, const struct json_flag_name *names, unsigned n,
		       uint32_t bits, struct json_out *j)
{
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit) {
			jo_key(j, key);
			json_print_flag_names(names, n, bits, j);
			return;
		}
}

static const char *family_word(uint32_t nfproto)
{
	return nfproto == NFPROTO_IPV6 ? "ip6" : "ip";
}

static void payload(const struct expr *e, struct json_out *j)
{
	jo_kobj_open(j, "payload");
	if (e->payload.proto && e->payload.field && !e->payload.is_raw) {
		jo_kstr(j, "protocol", e->payload.proto->name);
		jo_kstr(j, "field", e->payload.field->name);
		if (e->payload.tunnel)
			jo_kstr(j, "tunnel", e->payload.tunnel->name);
		else if (e->payload.base == PROTO_BASE_TUNNEL)
			jo_kstr(j, "tunnel", e->payload.proto->name);
	} else {
		static const char *const bases[] = { "ll", "nh", "th", "ih" };
		jo_kstr(j, "base", e->payload.base < 4 ? bases[e->payload.base] : "?");
		jo_kuint(j, "offset", e->payload.offset);
		jo_kuint(j, "len", e->len);
	}
	jo_obj_close(j);
}

/* the word after a prefix of the header text: "tcp option maxseg" → "maxseg" */
static const char *after(const char *hdr, const char *prefix)
{
	size_t n = strlen(prefix);
	return hdr && !strncmp(hdr, prefix, n) ? hdr + n : NULL;
}

void json_print_exthdr_members(const struct expr *e, uint32_t len, struct json_out *j)
{
	const char *hdr = e->exthdr.hdr ? e->exthdr.hdr : "";
	const char *name;
	switch (e->exthdr.op) {
	case NFT_EXTHDR_OP_TCPOPT:
		jo_kobj_open(j, "tcp option");
		name = after(hdr, "tcp option ");
		if (name && (*name == '@' || (*name >= '0' && *name <= '9'))) {
			/* a kind without a name: base, offset and length */
			jo_kuint(j, "base", e->exthdr.type);
			jo_kuint(j, "len", len);
			jo_kuint(j, "offset", e->exthdr.offset);
		} else {
			jo_kstr(j, "name", name ? name : hdr);
			if (e->exthdr.field)
				jo_kstr(j, "field", e->exthdr.field);
		}
		break;
	case NFT_EXTHDR_OP_SCTP:
	case NFT_EXTHDR_OP_IPV4:
		jo_kobj_open(j, e->exthdr.op == NFT_EXTHDR_OP_SCTP ? "sctp chunk" : "ip option");
		name = after(hdr, e->exthdr.op == NFT_EXTHDR_OP_SCTP ? "sctp chunk " : "ip option ");
		jo_kstr(j, "name", name ? name : hdr);
		if (e->exthdr.field)
			jo_kstr(j, "field", e->exthdr.field);
		break;
	case NFT_EXTHDR_OP_DCCP:
		jo_kobj_open(j, "dccp option");
		jo_kuint(j, "type", e->exthdr.type);
		break;
	default:
		jo_kobj_open(j, "exthdr");
		name = after(hdr, "exthdr ");
		jo_kstr(j, "name", name ? name : hdr);
		if (e->exthdr.field)
			jo_kstr(j, "field", e->exthdr.field);
		break;
	}
	jo_obj_close(j);
}

static void ct(const struct expr *e, struct json_out *j)
{
	const struct ct_key *k = e->ct.key;
	uint32_t nfproto = ct_key_nfproto(k);
	jo_kobj_open(j, "ct");
	jo_key(j, "key");
	if (nfproto) {
		struct writer *w = jo_str_open(j);
		wr_printf(w, "%s %s", family_word(nfproto), k->name);
		jo_str_close(j);
	} else {
		jo_str(j, k ? k->name : "unknown");
	}
	if (e->ct.dir == 0 && (!k || ct_key_prints_dir(k)))
		jo_kstr(j, "dir", "original");
	else if (e->ct.dir == 1)
		jo_kstr(j, "dir", "reply");
	jo_obj_close(j);
}

static void hash(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	bool sym = e->other.key == NFT_HASH_SYM;
	jo_kobj_open(j, sym ? "symhash" : "jhash");
	jo_kuint(j, "mod", e->other.mod);
	if (!sym && e->other.flags)
		jo_kuint(j, "seed", e->other.seed);
	if (e->other.offset)
		jo_kuint(j, "offset", e->other.offset);
	if (!sym && e->other.arg) {
		jo_key(j, "expr");
		json_print_expr(e->other.arg, po, j);
	}
	jo_obj_close(j);
}

static void fib(const struct expr *e, struct json_out *j)
{
	static const char *const results[] = { "unspec", "oif", "oifname", "type" };
	static const struct json_flag_name inputs[] = {
		{ NFTA_FIB_F_SADDR, "saddr" }, { NFTA_FIB_F_DADDR, "daddr" },
		{ NFTA_FIB_F_MARK, "mark" }, { NFTA_FIB_F_IIF, "iif" }, { NFTA_FIB_F_OIF, "oif" },
	};
	uint32_t k = e->other.key;
	jo_kobj_open(j, "fib");
	if (e->other.flags & NFTA_FIB_F_PRESENT)
		jo_kstr(j, "result", "check");
	else
		jo_kstr(j, "result", k < 4 ? results[k] : "unknown");
	json_print_kflags("flags", inputs, 5, e->other.flags, j);
	jo_obj_close(j);
}

/* rt, socket, osf, ipsec, numgen */
static void other(const struct expr *e, struct json_out *j)
{
	uint32_t k = e->other.key;
	switch (e->kind) {
	case EXPR_RT: {
		static const char *const keys[] = { "classid", "nexthop", "nexthop", "mtu", "ipsec" };
		jo_kobj_open(j, "rt");
		jo_kstr(j, "key", k < 5 ? keys[k] : "unknown");
		if (k == NFT_RT_NEXTHOP4 || k == NFT_RT_NEXTHOP6)
			jo_kstr(j, "family", k == NFT_RT_NEXTHOP6 ? "ip6" : "ip");
		break;
	}
	case EXPR_SOCKET: {
		static const char *const keys[] = { "transparent", "mark", "wildcard", "cgroupv2" };
		jo_kobj_open(j, "socket");
		jo_kstr(j, "key", k < 4 ? keys[k] : "unknown");   /* nft writes no level */
		break;
	}
	case EXPR_OSF: {
		static const char *const ttls[] = { NULL, "loose", "skip" };
		jo_kobj_open(j, "osf");
		jo_kstr(j, "key", e->other.flags & 1 ? "version" : "name");
		if (e->other.mod < 3 && ttls[e->other.mod])
			jo_kstr(j, "ttl", ttls[e->other.mod]);
		break;
	}
	case EXPR_XFRM: {
		static const char *const keys[] = { "unknown", "daddr", "daddr", "saddr", "saddr",
						    "reqid", "spi" };
		jo_kobj_open(j, "ipsec");
		jo_kstr(j, "key", k < 7 ? keys[k] : "unknown");
		if (k >= 1 && k <= 4)
			jo_kstr(j, "family", (k == 2 || k == 4) ? "ip6" : "ip");
		jo_kstr(j, "dir", e->other.flags ? "out" : "in");
		jo_kuint(j, "spnum", e->other.mod);
		break;
	}
	default:                /* EXPR_NUMGEN */
		jo_kobj_open(j, "numgen");
		jo_kstr(j, "mode", k == NFT_NG_RANDOM ? "random" : "inc");
		jo_kuint(j, "mod", e->other.mod);
		jo_kuint(j, "offset", e->other.offset);
		break;
	}
	jo_obj_close(j);
}

static const char *verdict_word(int32_t code)
{
	switch (code) {
	case NF_ACCEPT: return "accept";
	case NF_DROP: return "drop";
	case NF_QUEUE: return "queue";
	case NFT_CONTINUE: return "continue";
	case NFT_BREAK: return "break";
	case NFT_RETURN: return "return";
	case NFT_JUMP: return "jump";
	case NFT_GOTO: return "goto";
	default: return "unknown";
	}
}

static void verdict(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	jo_obj_open(j);
	if (e->verdict.code != NFT_JUMP && e->verdict.code != NFT_GOTO) {
		jo_knull(j, verdict_word(e->verdict.code));
	} else {
		jo_kobj_open(j, verdict_word(e->verdict.code));
		jo_key(j, "target");
		if (e->verdict.chain)
			jo_str(j, e->verdict.chain);
		else if (e->verdict.chain_expr)
			json_print_expr(e->verdict.chain_expr, po, j);
		else
			jo_null(j);
		jo_obj_close(j);
	}
	jo_obj_close(j);
}

static void set_elem(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	bool plain = !e->elem.timeout && !(e->elem.expires && !po->stateless) &&
		     !e->elem.comment && !(e->elem.stmts && e->elem.stmts->n);
	if (plain) {
		json_print_expr(e->elem.key, po, j);
		return;
	}
	jo_obj_open(j);
	jo_kobj_open(j, "elem");
	jo_key(j, "val");
	json_print_expr(e->elem.key, po, j);
	if (e->elem.timeout)
		jo_kuint(j, "timeout", e->elem.timeout / 1000);
	if (e->elem.expires && !po->stateless)
		jo_kuint(j, "expires", e->elem.expires / 1000);
	if (e->elem.comment)
		jo_kstr(j, "comment", e->elem.comment);
	if (e->elem.stmts)
		for (uint32_t i = 0; i < e->elem.stmts->n; i++)
			json_print_stmt_members(e->elem.stmts->v[i], po, j);
	jo_obj_close(j);
	jo_obj_close(j);
}

static void binop(const struct expr *e, const struct print_opts *po, struct json_out *j);

/* `a | b | c` as one `{"|": [a, b, c]}`, as nft flattens a chain of one operator */
static void binop_operands(const struct expr *e, uint32_t op, const struct print_opts *po,
			   struct json_out *j)
{
	if (e->kind == EXPR_BINOP && e->bin.op == op) {
		binop_operands(e->bin.left, op, po, j);
		binop_operands(e->bin.right, op, po, j);
		return;
	}
	if (op == BINOP_OR && json_print_flag_items(e, j))
		return;
	json_print_expr_styled(e, po, op == BINOP_OR ? PF_PIPE : PF_PIPE_PARENS, j);
}

static void binop(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	static const char *const ops[] = {
		[BINOP_AND] = "&", [BINOP_OR] = "|", [BINOP_XOR] = "^",
		[BINOP_LSHIFT] = "<<", [BINOP_RSHIFT] = ">>",
	};
	jo_obj_open(j);
	jo_karr_open(j, e->bin.op <= BINOP_RSHIFT ? ops[e->bin.op] : "?");
	binop_operands(e->bin.left, e->bin.op, po, j);
	binop_operands(e->bin.right, e->bin.op, po, j);
	jo_arr_close(j);
	jo_obj_close(j);
}

/* nft keeps the implicit operator only for flag tests, which it names "in" */
static bool is_flag_test(const struct expr *rel)
{
	const struct expr *r = rel->bin.right, *l = rel->bin.left;
	if (r->kind == EXPR_LIST)
		return true;
	if (r->kind == EXPR_RANGE && r->bin.left->kind == EXPR_VALUE &&
	    r->bin.right->kind == EXPR_VALUE && r->bin.left->value.len <= 64) {
		/* an hour range across midnight (UTC): nft matches the complement and
		 * lists the written bounds, high first, with "in" */
		const struct expr *lo = r->bin.left, *hi = r->bin.right;
		return value_get_uint(&lo->value, lo->byteorder) >
		       value_get_uint(&hi->value, hi->byteorder);
	}
	if (r->kind != EXPR_VALUE)
		return false;
	/* `flags 0` is a plain comparison */
	const struct datatype *dt = r->dtype ? r->dtype : l->dtype;
	if (!dt || !(dt->flags & DTYPE_F_FLAGS))
		return false;
	for (uint32_t i = 0; i < (r->value.len + 7) / 8 && i < VALUE_MAX; i++)
		if (r->value.bytes[i])
			return true;
	return false;
}

static void relation(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	static const char *const ops[] = {
		[OP_IMPLICIT] = "==", [OP_EQ] = "==", [OP_NEQ] = "!=", [OP_LT] = "<",
		[OP_GT] = ">", [OP_LTE] = "<=", [OP_GTE] = ">=", [OP_NEG] = "!",
	};
	uint32_t op = e->bin.op <= OP_NEG ? e->bin.op : OP_IMPLICIT;
	jo_obj_open(j);
	jo_kobj_open(j, "match");
	jo_kstr(j, "op", op == OP_IMPLICIT && is_flag_test(e) ? "in" : ops[op]);
	jo_key(j, "left");
	json_print_expr(e->bin.left, po, j);
	jo_key(j, "right");
	json_print_expr_styled(e->bin.right, po,
			       op == OP_IMPLICIT || op == OP_NEG ||
			       (op == OP_NEQ && e->bin.left->kind != EXPR_BINOP) ? PF_COMMA
										 : PF_PIPE, j);
	jo_obj_close(j);
	jo_obj_close(j);
}

static void map(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	jo_obj_open(j);
	jo_kobj_open(j, e->bin.op == 1 ? "vmap" : "map");
	jo_key(j, "key");
	json_print_expr(e->bin.left, po, j);
	jo_key(j, "data");
	json_print_expr(e->bin.right, po, j);
	jo_obj_close(j);
	jo_obj_close(j);
}

static void list(const char *key, const struct expr *e, const struct print_opts *po,
		 enum print_flags_style style, struct json_out *j)
{
	if (key) {
		jo_obj_open(j);
		jo_karr_open(j, key);
	} else {
		jo_arr_open(j);
	}
	for (uint32_t i = 0; i < e->list.n; i++)
		json_print_expr_styled(e->list.v[i], po, style, j);
	jo_arr_close(j);
	if (key)
		jo_obj_close(j);
}

static void symbol(const struct expr *e, struct json_out *j)
{
	if (e->kind == EXPR_VARIABLE) {
		struct writer *w = jo_str_open(j);
		wr_printf(w, "$%s", e->sym.str);
		jo_str_close(j);
		return;
	}
	jo_str(j, e->sym.str ? e->sym.str : "");
}

void json_print_expr_styled(const struct expr *e, const struct print_opts *po,
			    enum print_flags_style style, struct json_out *j)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	if (!e) {
		jo_null(j);
		return;
	}
	switch (e->kind) {
	case EXPR_VALUE:
		json_print_value(e, po, style, j);
		return;
	case EXPR_SYMBOL:
	case EXPR_VARIABLE:
		symbol(e, j);
		return;
	case EXPR_VERDICT:
		verdict(e, po, j);
		return;
	case EXPR_ELEM_ANY:
		jo_str(j, "*");
		return;
	case EXPR_SET_REF: {
		struct writer *w = jo_str_open(j);
		wr_printf(w, "@%s", e->setref.name);
		jo_str_close(j);
		return;
	}
	case EXPR_BINOP:
		binop(e, po, j);
		return;
	case EXPR_RELATION:
		relation(e, po, j);
		return;
	case EXPR_MAP:
		map(e, po, j);
		return;
	case EXPR_MAPPING:
		jo_arr_open(j);
		json_print_expr(e->bin.left, po, j);
		json_print_expr(e->bin.right, po, j);
		jo_arr_close(j);
		return;
	case EXPR_LIST:
		list(NULL, e, po, style, j);
		return;
	case EXPR_CONCAT:
		list("concat", e, po, PF_PIPE, j);
		return;
	case EXPR_SET:
		list("set", e, po, PF_PIPE, j);
		return;
	case EXPR_SET_ELEM:
		set_elem(e, po, j);
		return;
	default:
		break;
	}
	jo_obj_open(j);
	switch (e->kind) {
	case EXPR_PAYLOAD:
		payload(e, j);
		break;
	case EXPR_EXTHDR:
		json_print_exthdr_members(e, e->len, j);
		break;
	case EXPR_META:
		jo_kobj_open(j, "meta");
		jo_kstr(j, "key", e->meta.key ? e->meta.key->name : "unknown");
		jo_obj_close(j);
		break;
	case EXPR_CT:
		ct(e, j);
		break;
	case EXPR_HASH:
		hash(e, po, j);
		break;
	case EXPR_FIB:
		fib(e, j);
		break;
	case EXPR_RT:
	case EXPR_SOCKET:
	case EXPR_OSF:
	case EXPR_XFRM:
	case EXPR_NUMGEN:
		other(e, j);
		break;
	case EXPR_PREFIX:
		jo_kobj_open(j, "prefix");
		jo_key(j, "addr");
		json_print_expr(e->bin.left, po, j);
		jo_kuint(j, "len", e->bin.prefix_len);
		jo_obj_close(j);
		break;
	case EXPR_RANGE:
		jo_karr_open(j, "range");
		json_print_expr(e->bin.left, po, j);
		json_print_expr(e->bin.right, po, j);
		jo_arr_close(j);
		break;
	default: {
		jo_key(j, "unsupported");
		print_expr(e, po, jo_str_open(j));
		jo_str_close(j);
		break;
	}
	}
	jo_obj_close(j);
}

void json_print_expr(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	json_print_expr_styled(e, po, PF_PIPE, j);
}
