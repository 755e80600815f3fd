/* Helpers shared by the expression side of eval/lower (eval_expr*.c, lower_expr*.c,
 * set_elems.c, deps.c, regs.c): VM emitters, the register layout of a loaded
 * left-hand side, constant → register bytes conversion, dependencies. The contract
 * with the statement side is rule_ctx.h; of this file it also uses deps_emit (a
 * payload write's dependencies) and eval_lower_value_tmpl (constant concatenations). */
#ifndef NFTC_LOWER_EXPR_H
#define NFTC_LOWER_EXPR_H
#include "rule_ctx.h"

/* How a typed left-hand side sits in its register after lower_load:
 * `bytes` loaded, the field's value shifted left by `shift` bits inside them
 * (sub-byte header fields), in byte order `bo`. */
struct lhs_shape {
	uint32_t bytes;
	uint32_t shift;
	enum byteorder bo;
};

/* ---- regs.c */
uint32_t reg_to_vm(uint32_t slot);          /* 32-bit slot index → kernel register */
/* The slots of a concatenation laid out as `concat` (each component padded to 32
 * bits); returns the first register, or -1 with "Ran out of registers" at `at`. */
int reg_alloc_concat(struct rule_ctx *rc, const struct expr *concat, const struct loc *at);

/* ---- lower_expr_emit.c: one VM expression each, appended to the rule */
struct vm_expr *emit(struct rule_ctx *rc, enum vm_kind kind);
void emit_cmp(struct rule_ctx *rc, int reg, uint32_t op, const uint8_t *p, uint32_t len);
void emit_mask_xor(struct rule_ctx *rc, int reg, uint32_t len, const uint8_t *mask,
		   const uint8_t *xor);
void emit_shift(struct rule_ctx *rc, int reg, uint32_t len, uint32_t op, uint32_t n);
void emit_hton(struct rule_ctx *rc, int reg, uint32_t len);
void emit_byteorder(struct rule_ctx *rc, int reg, uint32_t op, uint32_t len);
void emit_range(struct rule_ctx *rc, int reg, uint32_t op, const uint8_t *from,
		const uint8_t *to, uint32_t len);
void emit_lookup(struct rule_ctx *rc, int sreg, int dreg, const char *set, uint32_t set_id,
		 bool inv);
void emit_meta_load(struct rule_ctx *rc, int reg, uint32_t key);
void emit_bitwise_regs(struct rule_ctx *rc, int reg, int reg2, uint32_t len, uint32_t binop);
/* Folds `payload @base+off (len) == v` into the previous payload compare when nft
 * would merge them; returns false (nothing emitted) otherwise. */
bool emit_merge_payload_cmp(struct rule_ctx *rc, uint32_t base, uint32_t off,
			    const uint8_t *v, uint32_t len);
void emit_payload_load(struct rule_ctx *rc, int reg, uint32_t base, uint32_t off_bytes,
		       uint32_t len_bytes);

/* Host-order keys longer than a byte are compared (and kept in interval sets) in
 * network order: a byteorder hton goes after the load. */
bool lhs_needs_hton(const struct expr *lhs, const struct lhs_shape *sh);

/* ---- eval_expr_const.c */
enum byteorder dtype_byteorder(const struct datatype *dt);
bool dtype_is_flags(const struct datatype *dt);
bool dtype_is_string(const struct datatype *dt);
/* Bytes of `v` (bits `len`) reversed: host <-> big endian. */
void value_swap(struct value *v);
/* A typed value converted to how the loaded lhs holds it: byte order of the shape
 * (or big endian if `force_big`), shifted for sub-byte fields, `shape->bytes` long. */
int value_to_reg(const struct expr *val, const struct lhs_shape *sh, bool force_big,
		 uint8_t *out);
/* Evaluate a constant against a typed template expression (handles concatenations). */
int eval_const_for(struct eval_ctx *ec, struct expr **e, const struct expr *tmpl);
/* Number (<= 64 bits) out of a typed EXPR_VALUE. */
uint64_t value_uint(const struct expr *val);

/* ---- lhs_shape.c */
void lhs_shape_of(const struct expr *lhs, struct lhs_shape *sh);
/* Byte length of a register-aligned concatenation component (4-byte padded). */
uint32_t concat_slot_bytes(const struct expr *comp);
uint32_t expr_bytes(const struct expr *e);
/* Symbols, values, lists and binops of those. */
bool expr_is_constant(const struct expr *e);

/* ---- eval_expr_value.c */
bool expr_is_constant_concat(const struct expr *e);
/* eval_lower_value against a typed template: needed for constant concatenations
 * (`add @m { ip saddr . ip daddr : 10.0.0.1 . 80 }`, nat maps), which become one
 * immediate per field in consecutive slots. Other values: as eval_lower_value. */
int eval_lower_value_tmpl(struct rule_ctx *rc, struct expr *e, const struct expr *tmpl);

/* ---- lower_expr_load.c: lower_load without the dependency matches */
int lower_load_nodeps(struct rule_ctx *rc, struct expr *e);
/* Load of one non-concatenation expression into a given register. */
int lower_load_at(struct rule_ctx *rc, struct expr *e, int reg);
/* Register of component i of a concatenation loaded at first_reg. */
int concat_part_reg(int first_reg, const struct expr *concat, uint32_t i);

/* ---- lower_expr_lookup.c: lookup of `key` in an anonymous set/map or @name; maps
 * get a data register of dreg_len_bits (vmaps the verdict register). Returns the
 * register holding the result (dreg) or the key register, or -1. */
int lower_lookup(struct rule_ctx *rc, struct expr *key, struct expr *set, struct expr *data_tmpl,
		 bool is_vmap, bool inv, int dreg_len_bits);
/* The key template of the named set `@name` refers to (for eval_key), or NULL when
 * `set` is no reference or the set is unknown. */
const struct expr *set_ref_key(struct rule_ctx *rc, const struct expr *set);

/* ---- eval_expr_other.c: numgen, hash, fib, rt, socket */
int eval_other(struct rule_ctx *rc, struct expr *e);
int lower_other_at(struct rule_ctx *rc, struct expr *e, int reg);

/* ---- eval_expr_exthdr.c: ipv6 extension headers, tcp options */
int eval_exthdr(struct rule_ctx *rc, struct expr *e);
void exthdr_shape(const struct expr *e, struct lhs_shape *sh);
int lower_exthdr_at(struct rule_ctx *rc, struct expr *e, int reg);

/* ---- deps.c */
int deps_check(struct rule_ctx *rc, struct expr *e);     /* conflicts only */
int deps_emit(struct rule_ctx *rc, struct expr *e);      /* emit + record */
/* deps_emit for a lookup key; returns the extension header field that brought in
 * the network protocol it needs itself, if one did (nft does not convert it). */
const struct expr *deps_emit_key(struct rule_ctx *rc, struct expr *key);
/* Tunnel payloads (`vxlan ip saddr`): whether e is one, and a payload load of e's
 * header, wrapped in the kernel's inner expression when it is. */
bool expr_in_tunnel(const struct expr *e);
void emit_field_load(struct rule_ctx *rc, const struct expr *e, int reg, uint32_t off,
		     uint32_t len);
/* After a match `lhs == value`: record what it establishes (ip protocol tcp ...). */
void deps_learn(struct rule_ctx *rc, const struct expr *lhs, const struct expr *val);
/* vlan tags known beyond the first (`vlan type 8021q` matched). */
uint32_t deps_vlan_depth(const struct rule_ctx *rc);
/* After a lookup of `lhs` in a set (not inverted). */
void deps_learn_lookup(struct rule_ctx *rc, const struct expr *lhs, bool inv);

/* ---- set_elems.c */
uint32_t key_type_of(const struct expr *key);
bool set_elems_have_ranges(const struct expr *elems);

#endif
