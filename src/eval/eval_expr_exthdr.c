/* Extension header and option loads (`frag frag-off 22`, `tcp option maxseg size 1`,
 * `exthdr hbh exists`): the parser gives the header (type, op) and the field's bit
 * offset and length, as lift does; here they get their type, the ip6 dependency for
 * ipv6 extension headers (ip for ip options), and their exthdr load (masked when the
 * field does not fill its bytes, a one-byte `present` test for exists/missing). */
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "../types/exthdr.h"

/* The type of the field the parser named (nexthdr is an inet_protocol, mh type a
 * mh_type, sid[N] an address), from the shared rows. */
static const struct datatype *field_dtype(const struct expr *e)
{
	if (!e->exthdr.hdr || !e->exthdr.field)
		return NULL;
	const struct exthdr_desc *d = exthdr_desc_by_name(e->exthdr.op, e->exthdr.hdr);
	const struct proto_field *f = d ? exthdr_field(d, e->exthdr.field, NULL) : NULL;
	return f ? f->dtype : NULL;
}

int eval_exthdr(struct rule_ctx *rc, struct expr *e)
{
	if (e->exthdr.flags & NFT_EXTHDR_F_PRESENT) {
		e->dtype = &dt_boolean;
		e->len = 8;
		e->byteorder = BYTEORDER_HOST;
		return 0;
	}
	if (!e->len)
		return diag_error(rc->ec->errs, &e->loc, "unknown extension header field");
	if (!e->dtype || e->dtype == &dt_integer) {
		const struct datatype *dt = field_dtype(e);
		e->dtype = dt ? dt : &dt_integer;
	}
	e->byteorder = BYTEORDER_BIG;
	if (e->exthdr.op == NFT_EXTHDR_OP_IPV6 && rc->family == NFPROTO_IPV4)
		return diag_error(rc->ec->errs, &e->loc, "conflicting protocols specified: ip vs. ip6");
	if (e->exthdr.op == NFT_EXTHDR_OP_IPV4 && rc->family == NFPROTO_IPV6)
		return diag_error(rc->ec->errs, &e->loc, "cannot use exthdr with ip6");
	return 0;
}

void exthdr_shape(const struct expr *e, struct lhs_shape *sh)
{
	if (e->exthdr.flags & NFT_EXTHDR_F_PRESENT) {
		sh->bytes = 1;
		sh->shift = 0;
		sh->bo = BYTEORDER_HOST;
		return;
	}
	uint32_t off = e->exthdr.offset % 8;
	sh->bytes = (off + e->len + 7) / 8;
	sh->shift = sh->bytes * 8 - off - e->len;
	sh->bo = BYTEORDER_BIG;
}

int lower_exthdr_at(struct rule_ctx *rc, struct expr *e, int reg)
{
	struct lhs_shape sh;
	struct vm_expr *v = emit(rc, VM_EXTHDR);

	exthdr_shape(e, &sh);
	vm_set_u(v, NFTA_EXTHDR_DREG, (uint32_t)reg);
	vm_set_u(v, NFTA_EXTHDR_TYPE, e->exthdr.type);
	vm_set_u(v, NFTA_EXTHDR_OFFSET, e->exthdr.offset / 8);
	vm_set_u(v, NFTA_EXTHDR_LEN, sh.bytes);
	if (e->exthdr.flags & NFT_EXTHDR_F_PRESENT)
		vm_set_u(v, NFTA_EXTHDR_FLAGS, NFT_EXTHDR_F_PRESENT);
	vm_set_u(v, NFTA_EXTHDR_OP, e->exthdr.op);
	if (!(e->exthdr.flags & NFT_EXTHDR_F_PRESENT) && sh.bytes * 8 != e->len) {
		uint8_t mask[VALUE_MAX] = { 0 }, zero[VALUE_MAX] = { 0 };
		uint32_t first = sh.bytes * 8 - sh.shift - e->len;
		for (uint32_t b = first; b < first + e->len; b++)
			mask[b / 8] |= (uint8_t)(0x80 >> (b % 8));
		emit_mask_xor(rc, reg, sh.bytes, mask, zero);
	}
	return 0;
}
