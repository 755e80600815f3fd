/* The VM expressions a match lowers to (cmp, bitwise, byteorder, range, lookup,
 * meta and payload loads), each built from its kernel attributes in one place. */
#include <linux/netfilter/nf_tables.h>
#include <string.h>
#include "../util/nf_tables_uapi.h"
#include "lower_expr.h"

struct vm_expr *emit(struct rule_ctx *rc, enum vm_kind kind)
{
	return vm_exprs_add(rc->ec->arena, &rc->rule->prog.exprs, kind);
}

void emit_cmp(struct rule_ctx *rc, int reg, uint32_t op, const uint8_t *p, uint32_t len)
{
	struct vm_expr *e = emit(rc, VM_CMP);

	vm_set_u(e, NFTA_CMP_SREG, (uint32_t)reg);
	vm_set_u(e, NFTA_CMP_OP, op);
	vm_set_data(rc->ec->arena, e, NFTA_CMP_DATA, p, len);
}

void emit_mask_xor(struct rule_ctx *rc, int reg, uint32_t len, const uint8_t *mask,
		   const uint8_t *xor)
{
	struct vm_expr *e = emit(rc, VM_BITWISE);

	vm_set_u(e, NFTA_BITWISE_SREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BITWISE_DREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BITWISE_LEN, len);
	vm_set_data(rc->ec->arena, e, NFTA_BITWISE_MASK, mask, len);
	vm_set_data(rc->ec->arena, e, NFTA_BITWISE_XOR, xor, len);
}

void emit_shift(struct rule_ctx *rc, int reg, uint32_t len, uint32_t op, uint32_t n)
{
	struct vm_expr *e = emit(rc, VM_BITWISE);
	uint8_t d[4];

	/* the shift amount is a 32-bit host-order datum */
	for (unsigned i = 0; i < 4; i++)
		d[i] = 0;
	*(uint32_t *)(void *)d = n;
	vm_set_u(e, NFTA_BITWISE_SREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BITWISE_DREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BITWISE_OP, op);
	vm_set_u(e, NFTA_BITWISE_LEN, len);
	vm_set_data(rc->ec->arena, e, NFTA_BITWISE_DATA, d, 4);
}

void emit_hton(struct rule_ctx *rc, int reg, uint32_t len)
{
	emit_byteorder(rc, reg, NFT_BYTEORDER_HTON, len);
}

void emit_byteorder(struct rule_ctx *rc, int reg, uint32_t op, uint32_t len)
{
	struct vm_expr *e = emit(rc, VM_BYTEORDER);

	vm_set_u(e, NFTA_BYTEORDER_SREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BYTEORDER_DREG, (uint32_t)reg);
	vm_set_u(e, NFTA_BYTEORDER_OP, op);
	vm_set_u(e, NFTA_BYTEORDER_LEN, len);
	vm_set_u(e, NFTA_BYTEORDER_SIZE, len);
}

void emit_range(struct rule_ctx *rc, int reg, uint32_t op, const uint8_t *from,
		const uint8_t *to, uint32_t len)
{
	struct vm_expr *e = emit(rc, VM_RANGE);

	vm_set_u(e, NFTA_RANGE_SREG, (uint32_t)reg);
	vm_set_u(e, NFTA_RANGE_OP, op);
	vm_set_data(rc->ec->arena, e, NFTA_RANGE_FROM_DATA, from, len);
	vm_set_data(rc->ec->arena, e, NFTA_RANGE_TO_DATA, to, len);
}

void emit_lookup(struct rule_ctx *rc, int sreg, int dreg, const char *set, uint32_t set_id,
		 bool inv)
{
	struct vm_expr *e = emit(rc, VM_LOOKUP);

	vm_set_str(e, NFTA_LOOKUP_SET, set);
	vm_set_u(e, NFTA_LOOKUP_SREG, (uint32_t)sreg);
	if (dreg >= 0)
		vm_set_u(e, NFTA_LOOKUP_DREG, (uint32_t)dreg);
	if (set_id)
		vm_set_u(e, NFTA_LOOKUP_SET_ID, set_id);
	if (inv)
		vm_set_u(e, NFTA_LOOKUP_FLAGS, NFT_LOOKUP_F_INV);
}

void emit_meta_load(struct rule_ctx *rc, int reg, uint32_t key)
{
	struct vm_expr *e = emit(rc, VM_META);

	vm_set_u(e, NFTA_META_KEY, key);
	vm_set_u(e, NFTA_META_DREG, (uint32_t)reg);
}

void emit_payload_load(struct rule_ctx *rc, int reg, uint32_t base, uint32_t off_bytes,
		       uint32_t len_bytes)
{
	struct vm_expr *e = emit(rc, VM_PAYLOAD);

	vm_set_u(e, NFTA_PAYLOAD_DREG, (uint32_t)reg);
	vm_set_u(e, NFTA_PAYLOAD_BASE, base);
	vm_set_u(e, NFTA_PAYLOAD_OFFSET, off_bytes);
	vm_set_u(e, NFTA_PAYLOAD_LEN, len_bytes);
}

/* nft merges `payload == constant` matches of adjacent bytes of one header into one
 * load and compare (`tcp sport 1024 tcp dport 22` → 4 bytes; `ether saddr x` and
 * the `ether type vlan` dependency → 8 bytes), within the sizes of merge_size_ok.
 * It looks at the run of consecutive payload equality matches (masked ones
 * included, though they never merge) and keeps the merged match where the earlier
 * of the two was. */
#define MERGE_MAX_BYTES 16
#define MERGE_WORD 4

/* Sizes nft merges: up to one 128-bit register, but two fields of at most 32 bits
 * each stay apart when together they would exceed 32 bits (the kernel compares
 * 32 bits fastest): tcp sport + dport merge, ip saddr + ip daddr do not, ether saddr
 * + ether type do. */
static bool merge_size_ok(uint32_t a, uint32_t b)
{
	uint32_t total = a + b;

	if (total > MERGE_MAX_BYTES)
		return false;
	return total <= MERGE_WORD || a > MERGE_WORD || b > MERGE_WORD;
}

/* Start index of the payload-equality group ending at `end` (exclusive), or -1. */
static int group_start(const struct vm_exprs *l, uint32_t end)
{
	if (end < 2)
		return -1;
	const struct vm_expr *cmp = &l->v[end - 1];
	if (cmp->kind != VM_CMP || vm_get_u(cmp, NFTA_CMP_OP) != NFT_CMP_EQ ||
	    vm_get_u(cmp, NFTA_CMP_SREG) != VM_REG_1)
		return -1;
	uint32_t i = end - 2;
	if (l->v[i].kind == VM_BITWISE && i > 0)
		i--;
	const struct vm_expr *ld = &l->v[i];
	if (ld->kind != VM_PAYLOAD || vm_get_u(ld, NFTA_PAYLOAD_DREG) != VM_REG_1)
		return -1;
	return (int)i;
}

bool emit_merge_payload_cmp(struct rule_ctx *rc, uint32_t base, uint32_t noff,
			    const uint8_t *v, uint32_t len)
{
	struct vm_exprs *l = &rc->rule->prog.exprs;

	if (rc->reg_next != 0)
		return false;
	for (int end = (int)l->n, start; (start = group_start(l, (uint32_t)end)) >= 0 &&
	     (uint32_t)start >= rc->merge_floor; end = start) {
		if (end - start != 2)
			continue;                       /* masked: part of the run only */
		struct vm_expr *ld = &l->v[start], *cmp = &l->v[start + 1];
		if (vm_get_u(ld, NFTA_PAYLOAD_BASE) != base)
			continue;
		uint32_t off = (uint32_t)vm_get_u(ld, NFTA_PAYLOAD_OFFSET);
		uint32_t plen = (uint32_t)vm_get_u(ld, NFTA_PAYLOAD_LEN);
		const struct vm_data *d = vm_get_data(cmp, NFTA_CMP_DATA);
		if (!d || d->len != plen || !merge_size_ok(plen, len))
			continue;
		uint8_t buf[MERGE_MAX_BYTES];
		if (off + plen == noff) {               /* new field right after */
			memcpy(buf, d->bytes, plen);
			memcpy(buf + plen, v, len);
		} else if (noff + len == off) {         /* right before */
			memcpy(buf, v, len);
			memcpy(buf + len, d->bytes, plen);
			vm_set_u(ld, NFTA_PAYLOAD_OFFSET, noff);
		} else {
			continue;
		}
		vm_set_u(ld, NFTA_PAYLOAD_LEN, plen + len);
		vm_set_data(rc->ec->arena, cmp, NFTA_CMP_DATA, buf, plen + len);
		return true;
	}
	return false;
}

/* Host-order keys longer than a byte are compared in network order. */
bool lhs_needs_hton(const struct expr *lhs, const struct lhs_shape *sh)
{
	return sh->bo == BYTEORDER_HOST && sh->bytes > 1 && lhs->kind != EXPR_CONCAT &&
	       !dtype_is_string(lhs->dtype);
}

/* dreg = reg op reg2 (kernel 6.13 register-register bitwise). */
void emit_bitwise_regs(struct rule_ctx *rc, int reg, int reg2, uint32_t len, uint32_t binop)
{
	struct vm_expr *x = emit(rc, VM_BITWISE);

	vm_set_u(x, NFTA_BITWISE_SREG, (uint32_t)reg);
	vm_set_u(x, NFTA_BITWISE_SREG2, (uint32_t)reg2);
	vm_set_u(x, NFTA_BITWISE_DREG, (uint32_t)reg);
	vm_set_u(x, NFTA_BITWISE_LEN, len);
	vm_set_u(x, NFTA_BITWISE_OP, binop == BINOP_AND ? NFT_BITWISE_AND :
				     binop == BINOP_OR ? NFT_BITWISE_OR : NFT_BITWISE_XOR);
}
