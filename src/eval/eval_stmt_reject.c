/* reject → reject expression, with nft's per-family rules: the ICMP flavour follows
 * the table family or the network protocol the rule matched (icmpx when unknown), and
 * missing protocol context is added as dependency matches at the start of the rule
 * (`meta l4proto tcp` for tcp reset; `meta nfproto`/`meta protocol` for icmp types). */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_stmt.h"

/* default codes: port unreachable */
#define ICMP_PORT_UNREACH 3
#define ICMPV6_PORT_UNREACH 4
#define ICMPX_PORT_UNREACH 1   /* NFT_REJECT_ICMPX_PORT_UNREACH */

enum reject_l3 { L3_NONE, L3_IP, L3_IP6, L3_OTHER };

static enum reject_l3 rule_l3(const struct rule_ctx *rc)
{
	if (rc->family == NFPROTO_IPV4)
		return L3_IP;
	if (rc->family == NFPROTO_IPV6)
		return L3_IP6;
	const struct proto_desc *n = rc->ps.network;
	if (!n)
		return L3_NONE;
	if (n->nfproto == NFPROTO_IPV4)
		return L3_IP;
	if (n->nfproto == NFPROTO_IPV6)
		return L3_IP6;
	return L3_OTHER;
}

/* Adds `meta nfproto X` (inet) or `meta protocol X` (bridge/netdev) at the rule start. */
static int reject_l3_dependency(struct rule_ctx *rc, enum reject_l3 want, const struct loc *loc)
{
	uint32_t mark = rc->rule->prog.exprs.n;
	int r;
	if (rc->family == NFPROTO_INET)
		r = stmt_emit_meta_match(rc, "nfproto",
					 want == L3_IP ? NFPROTO_IPV4 : NFPROTO_IPV6, loc);
	else
		r = stmt_emit_meta_match(rc, "protocol", want == L3_IP ? 0x0800 : 0x86dd, loc);
	if (r < 0)
		return -1;
	stmt_move_to_front(rc, mark);
	return 0;
}

static int reject_code(struct rule_ctx *rc, struct stmt *s, const struct datatype *dt,
		       uint32_t *code)
{
	if (s->reject.code_expr) {
		uint64_t v;
		if (stmt_const_uint(rc, &s->reject.code_expr, dt, 8, BYTEORDER_BIG, &v) < 0)
			return -1;
		*code = (uint32_t)v;
		return 0;
	}
	if (s->reject.icmp_code >= 0)
		*code = (uint32_t)s->reject.icmp_code;
	return 0;
}

int eval_stmt_reject(struct rule_ctx *rc, struct stmt *s)
{
	struct eval_ctx *ec = rc->ec;
	enum reject_l3 l3 = rule_l3(rc);
	int type = s->reject.type;
	uint32_t code = 0;
	bool has_code = true;
	const struct loc *cloc = s->reject.code_expr ? &s->reject.code_expr->loc : &s->loc;

	if (rc->family == NFPROTO_ARP)
		return diag_error(ec->errs, &s->loc, "cannot reject from arp family");
	if (l3 == L3_OTHER)
		return diag_error(ec->errs, &s->loc, "cannot reject this network family");

	if (type == NFT_REJECT_TCP_RST) {
		const struct proto_desc *t = rc->ps.transport;
		if (t && t != &proto_tcp && t->l4proto != 6)
			return diag_error(ec->errs, &s->loc,
					  "you cannot use tcp reset with this protocol");
		if (!t) {
			uint32_t mark = rc->rule->prog.exprs.n;
			if (stmt_emit_meta_match(rc, "l4proto", 6, &s->loc) < 0)
				return -1;
			stmt_move_to_front(rc, mark);
		}
		has_code = false;
	} else if (type == NFT_REJECT_ICMPX_UNREACH) {
		code = ICMPX_PORT_UNREACH;
		if (reject_code(rc, s, &dt_icmpx_code, &code) < 0)
			return -1;
	} else if (type == NFT_REJECT_ICMP_UNREACH) {
		enum reject_l3 want = s->reject.family == NFPROTO_IPV6 ? L3_IP6 : L3_IP;
		if (l3 != L3_NONE && l3 != want)   /* nft names them in this order either way */
			return diag_error(ec->errs, cloc, "conflicting protocols specified: ip vs ip6");
		code = want == L3_IP ? ICMP_PORT_UNREACH : ICMPV6_PORT_UNREACH;
		if (reject_code(rc, s, want == L3_IP ? &dt_icmp_code : &dt_icmpv6_code, &code) < 0)
			return -1;
		if (l3 == L3_NONE && reject_l3_dependency(rc, want, &s->loc) < 0)
			return -1;
	} else {
		/* plain `reject`: icmp(v6) port unreachable, or icmpx when unknown */
		switch (l3) {
		case L3_IP:
			type = NFT_REJECT_ICMP_UNREACH;
			code = ICMP_PORT_UNREACH;
			break;
		case L3_IP6:
			type = NFT_REJECT_ICMP_UNREACH;
			code = ICMPV6_PORT_UNREACH;
			break;
		default:
			type = NFT_REJECT_ICMPX_UNREACH;
			code = ICMPX_PORT_UNREACH;
			break;
		}
	}
	struct vm_expr *e = stmt_emit(rc, VM_REJECT);
	vm_set_u(e, NFTA_REJECT_TYPE, (uint64_t)type);
	if (has_code)
		vm_set_u(e, NFTA_REJECT_ICMP_CODE, code);
	return 0;
}
