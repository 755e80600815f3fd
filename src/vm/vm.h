/* The nf_tables register machine, as data.
 *
 * A VM expression is a kernel expression name plus its attributes, keyed by the
 * kernel's own attribute numbers (NFTA_PAYLOAD_DREG, NFTA_CMP_OP ...). One table
 * (vm_desc.c) describes every expression: its kernel name and each attribute's wire
 * type. The netlink codec encodes/decodes any expression by walking that table; the
 * `-d netlink` printer, lower (AST → VM) and lift (VM → AST) use the same structs.
 */
#ifndef NFTC_VM_H
#define NFTC_VM_H
#include <stdint.h>
#include <stdbool.h>
#include "../util/arena.h"
#include "../util/writer.h"
#include "../util/diag.h"

enum vm_kind {
	VM_INVALID,
	VM_PAYLOAD, VM_CMP, VM_BITWISE, VM_BYTEORDER, VM_META, VM_CT, VM_IMMEDIATE,
	VM_LOOKUP, VM_RANGE, VM_COUNTER, VM_LOG, VM_LIMIT, VM_NAT, VM_MASQ, VM_REDIR,
	VM_REJECT, VM_DYNSET, VM_EXTHDR, VM_RT, VM_FIB, VM_NUMGEN, VM_HASH, VM_QUEUE,
	VM_QUOTA, VM_NOTRACK, VM_OBJREF, VM_CONNLIMIT, VM_LAST, VM_SOCKET, VM_TPROXY,
	VM_DUP, VM_FWD, VM_SYNPROXY, VM_XFRM, VM_OSF, VM_FLOW_OFFLOAD, VM_INNER,
	VM_KIND_MAX
};

/* Wire type of one attribute. */
enum vm_attr_type {
	VA_NONE, VA_U8, VA_U16, VA_U32, VA_U64, /* big-endian on the wire, host here */
	VA_STR,                                 /* NUL-terminated string */
	VA_DATA,                                /* nested NFTA_DATA_VALUE (bytes) */
	VA_DATA_VERDICT,                        /* nested NFTA_DATA_VALUE or NFTA_DATA_VERDICT */
	VA_EXPRS,                               /* nested list of expressions (dynset) */
	VA_EXPR,                                /* one nested expression (dynset, legacy) */
};
#define VA_KIND_COUNT (VA_EXPR + 1)

#define VM_MAX_ATTR 16          /* > every NFTA_<expr>_MAX we use */
#define VM_DATA_MAX 64

/* Data register contents or a verdict (NFTA_DATA_*). */
struct vm_data {
	uint32_t len;                    /* bytes of `bytes` in use */
	bool is_verdict;
	int32_t verdict;                 /* NF_ACCEPT, NFT_JUMP ... when is_verdict */
	const char *chain;               /* jump/goto target */
	uint32_t chain_id;               /* or, without a name, its NFTA_CHAIN_ID (a bound chain) */
	uint8_t bytes[VM_DATA_MAX];      /* as sent: the kernel's byte order */
};

struct vm_expr;
struct vm_exprs {
	struct vm_expr *v;
	uint32_t n, cap;
};

union vm_attr_val {
	uint64_t u;                /* VA_U8..VA_U64 (host order) */
	const char *s;             /* VA_STR */
	struct vm_data *d;         /* VA_DATA, VA_DATA_VERDICT */
	struct vm_exprs *exprs;    /* VA_EXPRS, VA_EXPR (n == 1) */
};

struct vm_expr {
	enum vm_kind kind;
	uint32_t present;                      /* bit n: attribute n is set */
	union vm_attr_val a[VM_MAX_ATTR];      /* indexed by kernel attribute number */
};

/* A rule's program plus what rides with it. */
struct vm_rule {
	struct vm_exprs exprs;
	uint64_t handle;           /* NFTA_RULE_HANDLE (0: none) */
	uint64_t position;         /* NFTA_RULE_POSITION (0: none) */
	uint32_t position_id;
	uint32_t id;               /* NFTA_RULE_ID, for a later rule's position_id */
	const uint8_t *udata;      /* NFTA_RULE_USERDATA (comment TLV), raw */
	uint32_t udata_len;
	/* Where each expression came from (lower fills it; NULL for decoded rules), so a
	 * kernel error naming an attribute is shown at that source text. */
	const struct loc *expr_locs;
};

/* The table: one row per expression kind. */
struct vm_attr_desc {
	const char *name;          /* for diagnostics */
	enum vm_attr_type type;
	uint32_t max;              /* integers: largest valid value (0: any), checked on decode */
};
struct vm_desc {
	enum vm_kind kind;
	const char *name;                          /* kernel name: "payload", "cmp" ... */
	uint16_t max_attr;                         /* highest attribute number */
	struct vm_attr_desc attrs[VM_MAX_ATTR];    /* indexed by attribute number */
	/* `-d netlink` text of one expression, libnftnl's format, without "[ " and " ]". */
	void (*print)(const struct vm_expr *e, struct writer *w);
};

extern const struct vm_desc vm_descs[VM_KIND_MAX];
const struct vm_desc *vm_desc_by_name(const char *name, uint32_t len);

/* Building and reading expressions (vm.c). */
struct vm_expr *vm_exprs_add(struct arena *a, struct vm_exprs *l, enum vm_kind kind);
static inline bool vm_has(const struct vm_expr *e, unsigned attr)
{
	return attr < VM_MAX_ATTR && (e->present >> attr) & 1;
}
void vm_set_u(struct vm_expr *e, unsigned attr, uint64_t v);
void vm_set_str(struct vm_expr *e, unsigned attr, const char *s);  /* s kept by pointer */
void vm_set_data(struct arena *a, struct vm_expr *e, unsigned attr, const void *p, uint32_t len);
void vm_set_verdict(struct arena *a, struct vm_expr *e, unsigned attr, int32_t code,
		    const char *chain);
uint64_t vm_get_u(const struct vm_expr *e, unsigned attr);     /* 0 if absent */
const char *vm_get_str(const struct vm_expr *e, unsigned attr);  /* NULL if absent */
const struct vm_data *vm_get_data(const struct vm_expr *e, unsigned attr); /* NULL if absent */

/* `-d netlink` printing (vm_print.c): "  [ payload load 2b @ ... ]\n" per expression. */
void vm_print_expr(const struct vm_expr *e, struct writer *w);
void vm_print_rule(const struct vm_rule *r, struct writer *w);
/* Data as libnftnl prints it: 32-bit words in host order, "0x%08x" separated by spaces. */
void vm_print_data(const uint8_t *p, uint32_t len, struct writer *w);
/* "accept", "jump" … as libnftnl prints verdict codes. */
const char *vm_verdict_name(int32_t code);
/* Registers: NFT_REG_VERDICT 0, NFT_REG_1..4 = 1..4, NFT_REG32_00..15 = 8..23. */
#define VM_REG_VERDICT 0
#define VM_REG_1 1
#define VM_REG32_00 8

#endif
