/* Expressions as nft's JSON (libnftables-json(5) "EXPRESSIONS"): matches, sets,
 * ranges, prefixes, concatenations, maps, binary operations and verdicts. Constants
 * are json_value.c's, loads (payload, meta, ct …) json_load.c's. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_int.h"

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
	/* nft writes an element's first statement only */
	if (e->elem.stmts && e->elem.stmts->n)
		json_print_stmt_members(e->elem.stmts->v[0], po, j);
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
	case EXPR_EXTHDR:
	case EXPR_META:
	case EXPR_CT:
	case EXPR_HASH:
	case EXPR_FIB:
	case EXPR_RT:
	case EXPR_SOCKET:
	case EXPR_OSF:
	case EXPR_XFRM:
	case EXPR_NUMGEN:
		json_print_load_members(e, po, j);
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
		if (e->bin.left->kind == EXPR_VALUE && e->bin.right->kind == EXPR_VALUE &&
		    e->bin.left->dtype && e->bin.left->dtype->basetype &&
		    e->bin.left->dtype->id == TYPE_INET_PROTOCOL) {
			/* protocols in a range are numbers (nft's JSON turns numeric protocols
			 * on there; other symbolic types keep their names) */
			struct expr lo = *e->bin.left, hi = *e->bin.right;
			lo.dtype = hi.dtype = e->bin.left->dtype->basetype;
			json_print_expr(&lo, po, j);
			json_print_expr(&hi, po, j);
		} else {
			json_print_expr(e->bin.left, po, j);
			json_print_expr(e->bin.right, po, j);
		}
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
