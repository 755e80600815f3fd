/* Internal to lift: the register file and per-rule state shared by the lift
 * files (loads, matches, statements, sets). Not a contract with other parts. */
#ifndef NFTC_LIFT_INT_H
#define NFTC_LIFT_INT_H
#include <linux/netfilter/nf_tables.h>
#include "lift.h"
#include "../ast/print_int.h"
#include "../util/nf_tables_uapi.h"

/* 32-bit register slots: NFT_REG_1..4 are slots 0..15, NFT_REG32_00..15 too. */
#define LIFT_SLOTS 16

/* What lift has learnt about the packet, to name payload loads. */
struct lift_proto {
	const struct proto_desc *ll, *network, *transport;
	const struct proto_desc *ll2;    /* header stacked on the link layer (vlan) */
	uint32_t ll2_off;                /* its offset from the link-layer base, bits */
	int64_t icmp_type;               /* icmp/icmpv6 type the rule matched, -1 none */
	bool l4_unknown;                 /* l4proto matched to a protocol without a header */
};

/* Private marks on lifted expressions (above the EXPR_F_* bits):
 * NORMALISED: a sub-byte field whose register already holds the shifted value;
 * SWAPPED: a host-order value converted to network order (byteorder hton). */
#define LIFT_F_NORMALISED (1u << 30)
#define LIFT_F_SWAPPED (1u << 29)

/* A match that only states a protocol (meta l4proto 6, meta nfproto ipv4, ether
 * type ip, icmp type x): dropped from the listing if the next load needs it. */
struct lift_dep {
	struct stmt *stmt;            /* NULL: none pending */
	enum proto_base base;         /* the base a later load must be at */
	bool icmp_type;               /* dependency of an icmp field (not a header) */
};

struct lift_state {
	struct lift_ctx *ctx;
	const char *table;
	struct rule *rule;
	struct expr *slot[LIFT_SLOTS];   /* expression whose value starts in this slot */
	uint32_t slot_gen[LIFT_SLOTS];
	uint32_t gen;
	struct lift_proto proto;
	struct lift_dep dep[4];          /* indexed by proto_base, + [3] icmp */
	/* inside a tunnel (`vxlan ip saddr`): the inner packet's protocol context and
	 * dependencies, swapped with proto/dep while the inner loads are lifted */
	bool in_tunnel;
	uint32_t inner_type;             /* NFTA_INNER_TYPE of the inner context */
	struct lift_proto other_proto;   /* the context not in use */
	struct lift_dep other_dep[4];
	/* the last statement that set a register via a map: for typing map data */
};

/* lift_value.c: bytes ↔ typed values */
struct expr *lift_value(struct lift_ctx *ctx, const struct datatype *dt, enum byteorder bo,
			uint32_t len_bits, const uint8_t *p, uint32_t plen);
struct expr *lift_raw(struct lift_ctx *ctx, const uint8_t *p, uint32_t plen);
void lift_retype(struct expr *e, const struct datatype *dt, enum byteorder bo, uint32_t len_bits);
void lift_type_like(struct expr *val, const struct expr *like);
struct expr *lift_data_as(struct lift_ctx *ctx, const struct expr *like, const uint8_t *p,
			  uint32_t plen);
struct expr *lift_type_as(struct lift_ctx *ctx, struct expr *e, const struct expr *like);
/* Constants in a set's key (`ip saddr . 80 @s`) typed by the set's key `like`. */
struct expr *lift_key_consts(struct lift_ctx *ctx, struct expr *key, const struct expr *like);
uint64_t lift_be_get(const uint8_t *p, uint32_t n);
void lift_be_put(uint8_t *p, uint32_t n, uint64_t x);
uint64_t lift_host_get(const uint8_t *p, uint32_t n);
bool lift_all_ones(const uint8_t *p, uint32_t n);
bool lift_all_zero(const uint8_t *p, uint32_t n);
/* Number of leading one bits if the mask is a prefix mask (ones then zeros), else -1. */
int lift_prefix_len(const uint8_t *p, uint32_t n);

/* lift_load.c: loads → expressions */
/* A payload load: field `f` of `desc` (typed by the field), or, without a field, the
 * raw load of `len_bits` at `off_bits` of `base`. */
struct expr *lift_payload_expr(struct lift_state *st, const struct proto_desc *desc,
			       const struct proto_field *f, uint32_t base,
			       uint32_t off_bits, uint32_t len_bits);
struct expr *lift_payload(struct lift_state *st, uint32_t base, uint32_t off_bytes,
			  uint32_t len_bytes);
struct expr *lift_payload_masked(struct lift_state *st, const struct expr *load,
				 const uint8_t *mask, uint32_t mlen, uint32_t *shift_out);
/* The header at `base` holding bit `abs_off`, and the offset inside that header. */
const struct proto_desc *lift_desc_for(struct lift_state *st, uint32_t base, uint32_t abs_off,
				       uint32_t *rel);
/* A raw load of the first bytes of an address field: that field, else NULL. */
struct expr *lift_payload_covering(struct lift_state *st, const struct expr *load);
struct expr *lift_meta(struct lift_state *st, uint32_t key);
struct expr *lift_ct(struct lift_state *st, uint32_t key, int dir);
/* A protocol match just lifted: remember it as a possible dependency and learn
 * the header it selects. */
void lift_note_proto_match(struct lift_state *st, struct stmt *s);
void lift_dep_consume(struct lift_state *st, const struct expr *load);
/* A raw load covering several whole fields compared at once (nft merges adjacent
 * matches): one relation per field. False if the load does not tile into fields. */
bool lift_split_match(struct lift_state *st, const struct expr *load, const uint8_t *p,
		      uint32_t plen);
void lift_note_icmp_set(struct lift_state *st, const struct expr *key, const struct expr *set);

/* lift_match.c: cmp/range/lookup/bitwise */
void lift_set_reg(struct lift_state *st, uint32_t reg, struct expr *e);
struct expr *lift_get_reg(struct lift_state *st, uint32_t reg, uint32_t len_bytes);
#define LIFT_LEN_GUESS 0xffffffffu  /* len_bytes: unknown, take consecutive loads */
struct expr *lift_get_reg_upto(struct lift_state *st, uint32_t reg, uint32_t len_bytes,
			       int stop);
int lift_reg_slot(uint32_t reg);
int lift_cmp(struct lift_state *st, const struct vm_expr *v);
int lift_range(struct lift_state *st, const struct vm_expr *v);
int lift_lookup(struct lift_state *st, const struct vm_expr *v);
int lift_bitwise(struct lift_state *st, const struct vm_expr *v);
/* A named header field (payload or extension header) not in whole bytes where it sits:
 * rules shift it down before a lookup or a statement. */
bool lift_is_subbyte_field(const struct expr *e);
struct expr *lift_anon_set(struct lift_state *st, const struct nl_set *set,
			   const struct expr *key, const struct expr *data_like);

/* lift_other.c: numgen, hash, fib, rt, socket loads; -1 if not one of those */
int lift_other_load(struct lift_state *st, const struct vm_expr *v);
/* An expression of kind k for kernel key `key` (and flags), typed by its row. */
struct expr *lift_other_expr(struct arena *a, enum expr_kind k, uint32_t key, uint32_t flags);

/* lift_exthdr.c: ip6 extension header and tcp option loads; -1 if not handled */
int lift_exthdr(struct lift_state *st, const struct vm_expr *v);
/* The expression of an exthdr load or write at (off, len) in bits. */
struct expr *lift_exthdr_expr(struct lift_state *st, uint32_t op, uint32_t type, uint32_t off,
			      uint32_t len, bool present);
/* Field f of header d, as a typeof names it (`tcp option maxseg size`). */
struct exthdr_desc;
struct expr *lift_exthdr_field(struct arena *a, const struct exthdr_desc *d,
			       const struct proto_field *f);
/* The header named by `reset tcp option X`. */
struct expr *lift_exthdr_reset_key(struct lift_state *st, uint32_t op, uint32_t type);
/* A raw exthdr load masked down to one sub-byte field (frag frag-off), else NULL. */
struct expr *lift_exthdr_masked(struct lift_state *st, const struct expr *load,
				const uint8_t *mask, uint32_t mlen);

/* lift_stmt.c: statements */
int lift_stmt(struct lift_state *st, const struct vm_expr *v);
void lift_add_stmt(struct lift_state *st, struct stmt *s);

/* Stateful expressions riding on an element or a dynset (counter, quota, limit...)
 * as statements. */
struct stmt_list *lift_exprs_stmts(struct lift_ctx *ctx, const struct vm_exprs *l);

/* lift_set.c */
struct expr *lift_elems_typed(struct lift_ctx *ctx, const struct nl_set *set,
			      const struct expr *key, const struct expr *data);
/* [lo, hi] as a value, a prefix (address types) or a range, typed like `like`. */
struct expr *lift_interval_expr(struct lift_ctx *ctx, const struct expr *like,
				const uint8_t *lo, const uint8_t *hi, uint32_t n);
/* The expression of a set's key/data from its typeof userdata or type id. */
struct expr *lift_set_key_expr(struct lift_ctx *ctx, const struct nl_set *set, bool data);
struct expr *lift_type_template(struct lift_ctx *ctx, uint32_t type_id, uint32_t len_bytes,
				enum byteorder bo);

#endif
