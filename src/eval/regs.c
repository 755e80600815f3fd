/* Register allocation for one rule, as nft does it: a value takes a whole 128-bit
 * register (4 slots of 32 bits), a concatenation exactly its 32-bit slots, handed
 * out in order. A slot is named by its 128-bit register when it starts one (slot 0 →
 * reg 1, slot 4 → reg 2), else by its 32-bit name (slot 1 → reg 9, slot 5 → reg 13). */
#include "lower_expr.h"

#define REG32_SLOTS 16
#define SLOTS_PER_REG 4

uint32_t reg_to_vm(uint32_t slot)
{
	if (slot % SLOTS_PER_REG == 0)
		return VM_REG_1 + slot / SLOTS_PER_REG;
	return VM_REG32_00 + slot;
}

/* n consecutive 32-bit slots; returns the kernel register or -1. */
static int reg_alloc_slots(struct rule_ctx *rc, uint32_t n)
{
	uint32_t slot = rc->reg_next;

	if (n == 0)
		n = 1;
	if (slot + n > REG32_SLOTS)
		return -1;
	rc->reg_next = slot + n;
	return (int)reg_to_vm(slot);
}

int reg_alloc_concat(struct rule_ctx *rc, const struct expr *concat, const struct loc *at)
{
	uint32_t slots = 0;
	for (uint32_t i = 0; i < concat->list.n; i++)
		slots += concat_slot_bytes(concat->list.v[i]) / 4;
	int first = reg_alloc_slots(rc, slots);
	if (first < 0)
		return diag_error(rc->ec->errs, at, "Ran out of registers");
	return first;
}

int rule_reg_alloc(struct rule_ctx *rc, uint32_t len_bits)
{
	uint32_t n = (len_bits + 31) / 32;

	return reg_alloc_slots(rc, n < SLOTS_PER_REG ? SLOTS_PER_REG : n);
}
