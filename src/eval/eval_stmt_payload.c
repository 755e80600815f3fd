/* `PAYLOAD set VALUE` → payload write, with nft's checksum handling: headers with an
 * internet checksum (ip, tcp, icmp...) are rewritten in 16-bit aligned units and the
 * kernel is told where the checksum sits; fields in the L4 pseudo-header (addresses,
 * protocol) also ask for the transport checksum fix-up. Fields that do not cover
 * whole write units become load + mask/xor + write. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_stmt.h"
#include "lower_expr.h"     /* deps_emit: the dependency matches without a load */

/* The internet checksum field of a header (the proto rows say which), or NULL. */
static const struct proto_field *inet_csum_field(const struct proto_desc *p)
{
	for (const struct proto_field *f = p ? p->fields : NULL; f && f->name; f++)
		if (f->csum & PF_CSUM_INET)
			return f;
	return NULL;
}

static bool is_same_field(const struct expr *key, const struct expr *l)
{
	return l && l->kind == EXPR_PAYLOAD && l->payload.base == key->payload.base &&
	       l->payload.offset == key->payload.offset &&
	       (l->len == key->len || !l->len) && l->payload.field == key->payload.field;
}

/* `field & c` / `field | c | d` / `field ^ c` where field is the written field itself
 * (a left-leaning chain of one operator). */
static bool is_self_binop(const struct expr *key, const struct expr *v)
{
	if (v->kind != EXPR_BINOP)
		return false;
	uint32_t op = v->bin.op;
	const struct expr *l = v;
	while (l->kind == EXPR_BINOP && l->bin.op == op)
		l = l->bin.left;
	return is_same_field(key, l);
}

static int const_bits(struct rule_ctx *rc, struct expr **e, const struct expr *key,
		      uint64_t *out);

/* The combined constant of such a chain: c | d for `field | c | d`. */
static int self_binop_const(struct rule_ctx *rc, struct expr *v, const struct expr *key,
			    uint64_t *out)
{
	if (v->kind != EXPR_BINOP || is_same_field(key, v))
		return diag_error(rc->ec->errs, &v->loc, "Expression is not a constant");
	uint64_t right;
	if (const_bits(rc, &v->bin.right, key, &right) < 0)
		return -1;
	if (is_same_field(key, v->bin.left)) {
		*out = right;
		return 0;
	}
	uint64_t left;
	if (self_binop_const(rc, v->bin.left, key, &left) < 0)
		return -1;
	switch (v->bin.op) {
	case BINOP_AND: *out = left & right; break;
	case BINOP_OR: *out = left | right; break;
	default: *out = left ^ right; break;
	}
	return 0;
}

static int const_bits(struct rule_ctx *rc, struct expr **e, const struct expr *key,
		      uint64_t *out)
{
	if (stmt_const_uint(rc, e, key->dtype ? key->dtype : &dt_integer, key->len,
			    BYTEORDER_BIG, out) < 0)
		return -1;
	if (key->len < 64 && (*out >> key->len))
		return diag_error(rc->ec->errs, &(*e)->loc, "Value %llu exceeds valid range 0-%llu",
				  (unsigned long long)*out,
				  (unsigned long long)((1ull << key->len) - 1));
	return 0;
}

static void put_be(uint8_t *p, uint32_t n, uint64_t v)
{
	for (uint32_t i = 0; i < n; i++)
		p[n - 1 - i] = (uint8_t)(v >> (8 * i));
}

/* `tcp option maxseg size set 1360` and other extension header writes. */
static int eval_stmt_exthdr(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *key = s->set.key;
	if (!s->set.value) {
		/* reset tcp option X: the kernel replaces the option with nops */
		struct vm_expr *e = stmt_emit(rc, VM_EXTHDR);
		vm_set_u(e, NFTA_EXTHDR_TYPE, key->exthdr.type);
		vm_set_u(e, NFTA_EXTHDR_OP, key->exthdr.op);
		return 0;
	}
	if (eval_lhs(rc, key) < 0)
		return -1;
	if (key->len % 8)
		return diag_error(rc->ec->errs, &key->loc,
				  "cannot set a sub-byte extension header field");
	int reg = eval_lower_value(rc, s->set.value, key->dtype, key->len, key->byteorder);
	if (reg < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_EXTHDR);
	vm_set_u(e, NFTA_EXTHDR_SREG, (uint64_t)reg);
	vm_set_u(e, NFTA_EXTHDR_TYPE, key->exthdr.type);
	vm_set_u(e, NFTA_EXTHDR_OFFSET, key->exthdr.offset / 8);
	vm_set_u(e, NFTA_EXTHDR_LEN, key->len / 8);
	vm_set_u(e, NFTA_EXTHDR_OP, key->exthdr.op);
	if (key->exthdr.flags)
		vm_set_u(e, NFTA_EXTHDR_FLAGS, key->exthdr.flags);
	return 0;
}

int eval_stmt_payload(struct rule_ctx *rc, struct stmt *s)
{
	struct eval_ctx *ec = rc->ec;
	struct expr *key = s->set.key, *val = s->set.value;
	if (key && key->kind == EXPR_EXTHDR && (!val || val->kind != EXPR_SET))
		return eval_stmt_exthdr(rc, s);
	if (!key || key->kind != EXPR_PAYLOAD)
		return diag_error(ec->errs, &s->loc, "this statement is not supported yet");
	if (!val)
		return diag_error(ec->errs, &s->loc, "missing value");
	if (val->kind == EXPR_SET || val->kind == EXPR_SET_REF)
		return diag_error(ec->errs, &val->loc, "you cannot use a set here");
	if (eval_lhs(rc, key) < 0)
		return -1;
	if (deps_emit(rc, key) < 0)
		return -1;

	const struct proto_desc *hdr = key->payload.is_raw ? NULL : key->payload.proto;
	const struct proto_field *csum = inet_csum_field(hdr);
	uint32_t csum_type = 0, csum_off = 0, csum_flags = 0;
	if (csum) {
		csum_type = NFT_PAYLOAD_CSUM_INET;
		csum_off = csum->offset / 8;
	}
	if ((hdr && hdr->l4csum_always) ||
	    (hdr && key->payload.field && (key->payload.field->csum & PF_PSEUDO_HDR)))
		csum_flags = NFT_PAYLOAD_L4CSUM_PSEUDOHDR;
	if (key->payload.is_raw &&
	    (key->payload.base == PROTO_BASE_TRANSPORT || key->payload.base == PROTO_BASE_INNER))
		csum_flags = NFT_PAYLOAD_L4CSUM_PSEUDOHDR;

	uint32_t off = key->payload.offset, len = key->len;
	uint32_t start = off / 8, end = (off + len + 7) / 8;
	if (csum_type || csum_flags) {
		start &= ~1u;
		end = (end + 1) & ~1u;
	}
	uint32_t wlen = end - start;
	bool masked = (off % 8) || (len % 8) || wlen * 8 != len;
	int reg;

	if (!masked) {
		reg = eval_lower_value(rc, val, key->dtype, key->len, key->byteorder);
		if (reg < 0)
			return -1;
	} else {
		if (wlen > 8)
			return diag_error(ec->errs, &s->loc, "payload write is too large");
		uint32_t shift = end * 8 - (off + len);
		uint64_t field = (len >= 64 ? ~0ull : ((1ull << len) - 1)) << shift;
		uint64_t all = wlen >= 8 ? ~0ull : ((1ull << (wlen * 8)) - 1);
		uint64_t mask, xor, c;
		if (is_self_binop(key, val)) {
			if (self_binop_const(rc, val, key, &c) < 0)
				return -1;
			c <<= shift;
			switch (val->bin.op) {
			case BINOP_AND:
				mask = (~field & all) | c;
				xor = 0;
				break;
			case BINOP_OR:
				mask = ~c & all;
				xor = c;
				break;
			case BINOP_XOR:
				mask = all;
				xor = c;
				break;
			default:
				return diag_error(ec->errs, &val->loc,
						  "unsupported operation on a sub-byte field");
			}
		} else {
			if (const_bits(rc, &s->set.value, key, &c) < 0)
				return -1;
			mask = ~field & all;
			xor = c << shift;
		}
		uint8_t mb[8], xb[8];
		put_be(mb, wlen, mask);
		put_be(xb, wlen, xor);
		reg = rule_reg_alloc(rc, wlen * 8);
		if (reg < 0)
			return diag_error(ec->errs, &s->loc, "out of registers");
		struct vm_expr *ld = stmt_emit(rc, VM_PAYLOAD);
		vm_set_u(ld, NFTA_PAYLOAD_DREG, (uint64_t)reg);
		vm_set_u(ld, NFTA_PAYLOAD_BASE, key->payload.base);
		vm_set_u(ld, NFTA_PAYLOAD_OFFSET, start);
		vm_set_u(ld, NFTA_PAYLOAD_LEN, wlen);
		struct vm_expr *bw = stmt_emit(rc, VM_BITWISE);
		vm_set_u(bw, NFTA_BITWISE_SREG, (uint64_t)reg);
		vm_set_u(bw, NFTA_BITWISE_DREG, (uint64_t)reg);
		vm_set_u(bw, NFTA_BITWISE_LEN, wlen);
		vm_set_data(ec->arena, bw, NFTA_BITWISE_MASK, mb, wlen);
		vm_set_data(ec->arena, bw, NFTA_BITWISE_XOR, xb, wlen);
	}

	struct vm_expr *w = stmt_emit(rc, VM_PAYLOAD);
	vm_set_u(w, NFTA_PAYLOAD_SREG, (uint64_t)reg);
	vm_set_u(w, NFTA_PAYLOAD_BASE, key->payload.base);
	vm_set_u(w, NFTA_PAYLOAD_OFFSET, start);
	vm_set_u(w, NFTA_PAYLOAD_LEN, wlen);
	if (csum_type) {
		vm_set_u(w, NFTA_PAYLOAD_CSUM_TYPE, csum_type);
		vm_set_u(w, NFTA_PAYLOAD_CSUM_OFFSET, csum_off);
	}
	if (csum_flags)
		vm_set_u(w, NFTA_PAYLOAD_CSUM_FLAGS, csum_flags);
	return 0;
}
