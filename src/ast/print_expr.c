/* Printer: expressions exactly as `nft list` writes them. Values go through their
 * datatype; flag values are spelled from the datatype's symbol table here, because
 * their separator depends on where they stand (`a,b` vs `a | b`). */
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"

void print_quoted(const char *s, struct writer *w)
{
	wr_putc(w, '"');
	wr_puts(w, s ? s : "");
	wr_putc(w, '"');
}

void print_time_ms(uint64_t ms, struct writer *w)
{
	static const struct { uint64_t ms; const char *unit; } units[] = {
		{ 86400000ull, "d" }, { 3600000ull, "h" }, { 60000ull, "m" }, { 1000ull, "s" },
		{ 1ull, "ms" },
	};
	if (!ms) {
		wr_puts(w, "0s");
		return;
	}
	for (unsigned i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		uint64_t n = ms / units[i].ms;
		if (!n)
			continue;
		wr_printf(w, "%" PRIu64 "%s", n, units[i].unit);
		ms -= n * units[i].ms;
	}
}

static uint64_t value_uint(const struct expr *e)
{
	uint32_t n = (e->value.len + 7) / 8;
	uint64_t x = 0;
	if (n > 8)
		n = 8;
	if (e->byteorder == BYTEORDER_HOST) {
		for (uint32_t i = n; i > 0; i--)
			x = (x << 8) | e->value.bytes[i - 1];
	} else {
		for (uint32_t i = 0; i < n; i++)
			x = (x << 8) | e->value.bytes[i];
	}
	return x;
}

/* A flag value as its symbols, lowest bit first. False if some bit has no symbol
 * (then the datatype prints the number). */
static bool print_flag_list(const struct expr *e, const struct print_opts *po,
			    struct writer *w, enum print_flags_style style)
{
	const struct symbol *syms = e->dtype->symbols;
	if (!syms || e->value.len > 64)
		return false;
	uint64_t v = value_uint(e);
	unsigned count = 0;
	if (!v)
		return false;
	uint64_t all = 0;
	for (const struct symbol *sym = syms; sym->name; sym++)
		if (sym->value && !(sym->value & (sym->value - 1)))
			all |= sym->value;
	if (v == all && style == PF_PIPE) {
		/* every flag of the type: nft compares with the number */
		wr_printf(w, "0x%" PRIx64, v);
		return true;
	}
	for (int b = 0; b < 64; b++)
		if ((v >> b) & 1) {
			if (!symbol_by_value(syms, 1ull << b))
				return false;
			count++;
		}
	if (count > 1 && style == PF_PIPE_PARENS)
		wr_putc(w, '(');
	bool first = true;
	for (int b = 0; b < 64; b++) {
		if (!((v >> b) & 1))
			continue;
		if (!first)
			wr_puts(w, style == PF_COMMA ? "," : " | ");
		wr_puts(w, symbol_by_value(syms, 1ull << b)->name);
		first = false;
	}
	if (count > 1 && style == PF_PIPE_PARENS)
		wr_putc(w, ')');
	(void)po;
	return true;
}

static void print_value(const struct expr *e, const struct print_opts *po, struct writer *w,
			enum print_flags_style style)
{
	if (!e->dtype) {
		uint32_t n = (e->value.len + 7) / 8;
		wr_puts(w, "0x");
		for (uint32_t i = 0; i < n; i++)
			wr_printf(w, "%02x", e->value.bytes[i]);
		return;
	}
	if (e->flags & (EXPR_F_PRINT_HEX | EXPR_F_PRINT_HEX_BYTES)) {
		uint32_t n = (e->value.len + 7) / 8, i = 0;
		uint8_t be[VALUE_MAX];
		for (uint32_t k = 0; k < n && k < VALUE_MAX; k++)
			be[k] = e->byteorder == BYTEORDER_HOST ? e->value.bytes[n - 1 - k]
							       : e->value.bytes[k];
		while (i + 1 < n && !be[i])
			i++;
		wr_printf(w, (e->flags & EXPR_F_PRINT_HEX) ? "0x%x" : "0x%02x", be[i]);
		for (i++; i < n; i++)
			wr_printf(w, "%02x", be[i]);
		return;
	}
	if ((e->dtype->flags & DTYPE_F_FLAGS) && print_flag_list(e, po, w, style))
		return;
	datatype_print_bo(e->dtype, &e->value, e->byteorder ? e->byteorder : e->dtype->byteorder,
			  po, w);
}

static const char *const binop_str[] = {
	[BINOP_AND] = "&", [BINOP_OR] = "|", [BINOP_XOR] = "^",
	[BINOP_LSHIFT] = "<<", [BINOP_RSHIFT] = ">>",
};

static int binop_prec(uint32_t op)
{
	switch (op) {
	case BINOP_LSHIFT: case BINOP_RSHIFT: return 4;
	case BINOP_AND: return 3;
	case BINOP_XOR: return 2;
	default: return 1;
	}
}

static void print_operand(const struct expr *child, uint32_t parent_op,
			  const struct print_opts *po, struct writer *w)
{
	if (child->kind == EXPR_BINOP && binop_prec(child->bin.op) < binop_prec(parent_op)) {
		wr_putc(w, '(');
		print_expr(child, po, w);
		wr_putc(w, ')');
		return;
	}
	print_expr_styled(child, po, w, parent_op == BINOP_OR ? PF_PIPE : PF_PIPE_PARENS);
}

static const char *const rel_str[] = {
	[OP_IMPLICIT] = "", [OP_EQ] = "==", [OP_NEQ] = "!=", [OP_LT] = "<", [OP_GT] = ">",
	[OP_LTE] = "<=", [OP_GTE] = ">=", [OP_NEG] = "!",
};

/* `jump {`, the bound chain's rules a level deeper than the rule, `}` under the rule */
static void print_bound(const struct chain_decl *b, const struct print_opts *po,
			struct writer *w)
{
	struct print_opts sub = po ? *po : (struct print_opts){ 0 };
	sub.bound_depth++;
	sub.handle = false;           /* nft shows the handle of the rule that jumps only */
	wr_puts(w, "{\n");
	for (uint32_t i = 0; i < b->nrules; i++) {
		for (unsigned t = 0; t < 2u + sub.bound_depth; t++)
			wr_putc(w, '\t');
		print_rule(b->rules[i], &sub, w);
		wr_putc(w, '\n');
	}
	for (unsigned t = 0; t < 1u + sub.bound_depth; t++)
		wr_putc(w, '\t');
	wr_putc(w, '}');
}

static void print_verdict(const struct expr *e, const struct print_opts *po, struct writer *w)
{
	switch (e->verdict.code) {
	case NF_ACCEPT: wr_puts(w, "accept"); break;
	case NF_DROP: wr_puts(w, "drop"); break;
	case NF_QUEUE: wr_puts(w, "queue"); break;
	case NF_STOLEN: wr_puts(w, "stolen"); break;
	case NFT_CONTINUE: wr_puts(w, "continue"); break;
	case NFT_BREAK: wr_puts(w, "break"); break;
	case NFT_RETURN: wr_puts(w, "return"); break;
	case NFT_JUMP: wr_puts(w, "jump "); break;
	case NFT_GOTO: wr_puts(w, "goto "); break;
	default: wr_printf(w, "verdict %d", e->verdict.code); break;
	}
	if (e->verdict.code == NFT_JUMP || e->verdict.code == NFT_GOTO) {
		if (e->verdict.bound)
			print_bound(e->verdict.bound, po, w);
		else if (e->verdict.chain)
			wr_puts(w, e->verdict.chain);
		else if (e->verdict.chain_expr)
			print_expr(e->verdict.chain_expr, NULL, w);
	}
}

static bool meta_unqualified(const struct meta_key *k)
{
	static const char *const names[] = { "iif", "oif", "iifname", "oifname", "iifgroup",
					      "oifgroup", NULL };
	for (unsigned i = 0; names[i]; i++)
		if (!strcmp(k->name, names[i]))
			return true;
	return false;
}

static void print_payload(const struct expr *e, struct writer *w)
{
	if (e->payload.proto && e->payload.field && !e->payload.is_raw) {
		if (e->payload.tunnel)           /* vxlan ip saddr */
			wr_printf(w, "%s ", e->payload.tunnel->name);
		wr_printf(w, "%s %s", e->payload.proto->name, e->payload.field->name);
		return;
	}
	static const char *const bases[] = { "ll", "nh", "th", "ih" };
	const char *b = e->payload.base < 4 ? bases[e->payload.base] : "?";
	wr_printf(w, "@%s,%u,%u", b, e->payload.offset, e->len);
}

/* numgen, hash, fib, rt, socket */
static void print_other(const struct expr *e, const struct print_opts *po, struct writer *w)
{
	static const char *const fib_results[] = { "unspec", "oif", "oifname", "type" };
	static const char *const fib_flags[] = { "saddr", "daddr", "mark", "iif", "oif" };
	static const char *const rt_keys[] = { "classid", "ip nexthop", "ip6 nexthop", "mtu",
						"ipsec" };
	static const char *const socket_keys[] = { "transparent", "mark", "wildcard", "cgroupv2" };
	uint32_t k = e->other.key;
	switch (e->kind) {
	case EXPR_NUMGEN:
		wr_printf(w, "numgen %s mod %u", k == NFT_NG_RANDOM ? "random" : "inc", e->other.mod);
		break;
	case EXPR_HASH:
		if (k == NFT_HASH_SYM) {
			wr_printf(w, "symhash mod %u", e->other.mod);
		} else {
			wr_puts(w, "jhash ");
			print_expr(e->other.arg, po, w);
			wr_printf(w, " mod %u", e->other.mod);
			if (e->other.flags)     /* seed given by the user (else kernel-made) */
				wr_printf(w, " seed 0x%x", e->other.seed);
		}
		break;
	case EXPR_FIB: {
		bool first = true;
		wr_puts(w, "fib ");
		for (unsigned i = 0; i < 5; i++)
			if (e->other.flags & (1u << i)) {
				wr_printf(w, "%s%s", first ? "" : " . ", fib_flags[i]);
				first = false;
			}
		if (e->other.flags & NFTA_FIB_F_PRESENT)
			wr_puts(w, " check");   /* existence: `fib daddr check exists` */
		else
			wr_printf(w, " %s", k < 4 ? fib_results[k] : "unknown");
		return;
	}
	case EXPR_RT:
		wr_printf(w, "rt %s", k < 5 ? rt_keys[k] : "unknown");
		return;
	case EXPR_SOCKET:
		wr_printf(w, "socket %s", k < 4 ? socket_keys[k] : "unknown");
		if (k == 3)
			wr_printf(w, " level %u", e->other.mod);
		return;
	case EXPR_OSF: {
		static const char *const ttls[] = { "", "ttl loose ", "ttl skip " };
		wr_printf(w, "osf %s%s", e->other.mod < 3 ? ttls[e->other.mod] : "",
			  e->other.flags & 1 ? "version" : "name");
		return;
	}
	case EXPR_XFRM: {
		static const char *const keys[] = { "unknown", "ip daddr", "ip6 daddr", "ip saddr",
						    "ip6 saddr", "reqid", "spi" };
		wr_printf(w, "ipsec %s ", e->other.flags ? "out" : "in");
		if (e->other.mod)
			wr_printf(w, "spnum %u ", e->other.mod);
		wr_puts(w, k < 7 ? keys[k] : "unknown");
		return;
	}
	default:
		return;
	}
	if (e->other.offset)
		wr_printf(w, " offset %u", e->other.offset);
}

static void print_set_elem(const struct expr *e, const struct print_opts *po, struct writer *w)
{
	print_expr(e->elem.key, po, w);
	/* nft's order: statements (counter …), then timeout and expiry */
	if (e->elem.stmts)
		for (uint32_t i = 0; i < e->elem.stmts->n; i++) {
			wr_putc(w, ' ');
			print_stmt(e->elem.stmts->v[i], po, w);
		}
	if (e->elem.timeout) {
		wr_puts(w, " timeout ");
		print_time_ms(e->elem.timeout, w);
	}
	if (e->elem.expires && !po->stateless) {
		wr_puts(w, " expires ");
		print_time_ms(e->elem.expires, w);
	}
	if (e->elem.comment) {
		wr_puts(w, " comment ");
		print_quoted(e->elem.comment, w);
	}
}

void print_expr_styled(const struct expr *e, const struct print_opts *po, struct writer *w,
		       enum print_flags_style style)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	if (!e) {
		wr_puts(w, "<null>");
		return;
	}
	switch (e->kind) {
	case EXPR_VALUE:
		print_value(e, po, w, style);
		break;
	case EXPR_SYMBOL:
	case EXPR_VARIABLE:
		if (e->kind == EXPR_VARIABLE)
			wr_putc(w, '$');
		if (e->sym.quoted)
			print_quoted(e->sym.str, w);
		else
			wr_puts(w, e->sym.str);
		break;
	case EXPR_PAYLOAD:
		print_payload(e, w);
		break;
	case EXPR_EXTHDR:
		wr_puts(w, e->exthdr.hdr ? e->exthdr.hdr : "exthdr");
		if (e->exthdr.field)
			wr_printf(w, " %s", e->exthdr.field);
		break;
	case EXPR_META:
		if (!e->meta.key)
			wr_puts(w, "meta unknown");
		else if (meta_unqualified(e->meta.key))
			wr_puts(w, e->meta.key->name);
		else
			wr_printf(w, "meta %s", e->meta.key->name);
		break;
	case EXPR_CT: {
		const struct ct_key *k = e->ct.key;
		/* an address key of the family-neutral kind takes the rule's family */
		uint32_t nfproto = ct_key_nfproto(k);
		if (!nfproto && k && (k->key == NFT_CT_SRC || k->key == NFT_CT_DST))
			nfproto = e->ct.nfproto;
		wr_puts(w, "ct ");
		if (e->ct.dir == 0 && (!k || ct_key_prints_dir(k)))
			wr_puts(w, "original ");
		else if (e->ct.dir == 1)
			wr_puts(w, "reply ");
		if (nfproto == NFPROTO_IPV4)
			wr_puts(w, "ip ");
		else if (nfproto == NFPROTO_IPV6)
			wr_puts(w, "ip6 ");
		wr_puts(w, k ? k->name : "unknown");
		break;
	}
	case EXPR_NUMGEN:
	case EXPR_HASH:
	case EXPR_FIB:
	case EXPR_RT:
	case EXPR_SOCKET:
	case EXPR_OSF:
	case EXPR_XFRM:
		print_other(e, po, w);
		break;
	case EXPR_PREFIX:
		print_expr(e->bin.left, po, w);
		wr_putc(w, '/');
		wr_uint(w, e->bin.prefix_len);
		break;
	case EXPR_RANGE:
		if (e->bin.left->kind == EXPR_VALUE && e->bin.left->dtype &&
		    e->bin.left->dtype->id == TYPE_TIME && e->bin.right->kind == EXPR_VALUE) {
			/* nft lists time ranges in plain seconds */
			wr_printf(w, "%" PRIu64 "s-%" PRIu64 "s", value_uint(e->bin.left) / 1000,
				  value_uint(e->bin.right) / 1000);
			break;
		}
		if (e->bin.left->kind == EXPR_VALUE && e->bin.right->kind == EXPR_VALUE &&
		    e->bin.left->dtype && e->bin.left->dtype->basetype &&
		    (e->bin.left->dtype->symbols || e->bin.left->dtype->id == TYPE_INET_PROTOCOL)) {
			/* ranges of symbolic types are listed as numbers */
			const struct datatype *bt = e->bin.left->dtype->basetype;
			datatype_print_bo(bt, &e->bin.left->value, e->bin.left->byteorder, po, w);
			wr_putc(w, '-');
			datatype_print_bo(bt, &e->bin.right->value, e->bin.right->byteorder, po, w);
			break;
		}
		{
			/* nft lists ranges without names of services, hosts or users */
			struct print_opts n = *po;
			n.service = n.reversedns = n.guid = false;
			print_expr(e->bin.left, &n, w);
			wr_putc(w, '-');
			print_expr(e->bin.right, &n, w);
		}
		break;
	case EXPR_BINOP:
		print_operand(e->bin.left, e->bin.op, po, w);
		wr_printf(w, " %s ", e->bin.op <= BINOP_RSHIFT ? binop_str[e->bin.op] : "?");
		print_operand(e->bin.right, e->bin.op, po, w);
		break;
	case EXPR_RELATION: {
		uint32_t op = e->bin.op <= OP_NEG ? e->bin.op : OP_IMPLICIT;
		print_expr(e->bin.left, po, w);
		wr_putc(w, ' ');
		if (op != OP_IMPLICIT)
			wr_printf(w, "%s ", rel_str[op]);
		print_expr_styled(e->bin.right, po, w,
				  op == OP_IMPLICIT || op == OP_NEG ||
				  (op == OP_NEQ && e->bin.left->kind != EXPR_BINOP) ? PF_COMMA
										    : PF_PIPE);
		break;
	}
	case EXPR_LIST:
		for (uint32_t i = 0; i < e->list.n; i++) {
			if (i)
				wr_putc(w, ',');
			print_expr_styled(e->list.v[i], po, w, style);
		}
		break;
	case EXPR_CONCAT:
		for (uint32_t i = 0; i < e->list.n; i++) {
			if (i)
				wr_puts(w, " . ");
			print_expr(e->list.v[i], po, w);
		}
		break;
	case EXPR_SET:
		wr_puts(w, "{ ");
		for (uint32_t i = 0; i < e->list.n; i++) {
			if (i)
				wr_puts(w, ", ");
			print_expr(e->list.v[i], po, w);
		}
		wr_puts(w, " }");
		break;
	case EXPR_SET_ELEM:
		print_set_elem(e, po, w);
		break;
	case EXPR_SET_REF:
		wr_printf(w, "@%s", e->setref.name);
		break;
	case EXPR_MAP:
		print_expr(e->bin.left, po, w);
		wr_puts(w, e->bin.op == 1 ? " vmap " : " map ");
		print_expr(e->bin.right, po, w);
		break;
	case EXPR_MAPPING:
		print_expr(e->bin.left, po, w);
		wr_puts(w, " : ");
		print_expr(e->bin.right, po, w);
		break;
	case EXPR_VERDICT:
		print_verdict(e, po, w);
		break;
	case EXPR_ELEM_ANY:
		wr_putc(w, '*');
		break;
	default:
		wr_printf(w, "<expr %d>", e->kind);
		break;
	}
}

void print_expr(const struct expr *e, const struct print_opts *po, struct writer *w)
{
	print_expr_styled(e, po, w, PF_PIPE);
}
