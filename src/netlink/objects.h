/* The kernel's nf_tables objects as plain structs: what a command encodes and what
 * a dump decodes into. Strings and arrays point into the batch arena (or into the
 * receive buffer, for decoded dumps). Field presence is tracked with `present` bits
 * named after the kernel attribute (1u << NFTA_CHAIN_HOOK ...). */
#ifndef NFTC_OBJECTS_H
#define NFTC_OBJECTS_H
#include <stdint.h>
#include <stdbool.h>
#include "../vm/vm.h"

/* The kinds of object a batch message carries and a dump returns. Each struct below
 * starts with its family; object_rows.c has a row per kind (its attributes, the
 * struct that holds them, the fields that name it). */
enum nl_kind { NL_TABLE, NL_CHAIN, NL_RULE, NL_SET, NL_OBJ, NL_FLOWTABLE, NL_KIND_COUNT };

struct nl_table {
	uint32_t family;
	const char *name;
	uint32_t flags;           /* NFT_TABLE_F_* */
	uint64_t handle;
	uint32_t use;
	uint32_t owner;           /* NFTA_TABLE_OWNER: the owning socket's port id */
	const uint8_t *udata;     /* NFTA_TABLE_USERDATA (comment TLV) */
	uint32_t udata_len;
	uint32_t present;
};

struct nl_chain {
	uint32_t family;
	const char *table;
	const char *name;
	uint64_t handle;
	uint32_t id;              /* NFTA_CHAIN_ID, for same-batch references */
	/* base chain */
	bool has_hook;
	uint32_t hooknum;         /* NF_INET_* / NF_NETDEV_* */
	int32_t prio;
	const char *type;         /* "filter", "nat", "route" */
	const char **devs;        /* device names (ingress/egress, netdev) */
	uint32_t ndevs;
	uint32_t policy;          /* NF_ACCEPT/NF_DROP */
	uint32_t flags;           /* NFT_CHAIN_* */
	uint32_t use;
	const uint8_t *udata;     /* comment TLV */
	uint32_t udata_len;
	uint32_t present;
};

struct nl_rule {
	uint32_t family;
	const char *table;
	const char *chain;
	uint32_t chain_id;        /* refer to a chain added in the same batch */
	struct vm_rule prog;      /* handle, position, exprs, udata */
	uint32_t present;
};

/* The kernel keeps at most two expressions per set (NFT_SET_EXPR_MAX). */
#define NL_SET_STMTS_MAX 2

/* One set element. Keys/data are in the kernel's byte order. */
struct nl_elem {                  /* pointers, then 64-bit, then 32-bit: no padding */
	const uint8_t *key;
	const uint8_t *key_end;   /* NFTA_SET_ELEM_KEY_END (concat ranges) */
	struct vm_data *data;     /* map data or verdict, NULL for sets */
	const uint8_t *udata;     /* comment TLV */
	const char *objref;       /* NFTA_SET_ELEM_OBJREF */
	struct vm_exprs *exprs;   /* counter etc. (NFTA_SET_ELEM_EXPRESSIONS) */
	uint64_t timeout;         /* ms */
	uint64_t expiration;      /* ms */
	uint32_t key_len;
	uint32_t key_end_len;
	uint32_t flags;           /* NFT_SET_ELEM_INTERVAL_END ... */
	uint32_t udata_len;
	uint32_t present;
};

struct nl_set {
	uint32_t family;
	const char *table;
	const char *name;         /* "__set%d" for anonymous sets before the kernel names them */
	uint64_t handle;
	uint32_t id;              /* NFTA_SET_ID: lookups in the same batch refer to it */
	uint32_t flags;           /* NFT_SET_* */
	uint32_t key_type;        /* datatype id(s), concatenations packed by TYPE_BITS */
	uint32_t key_len;         /* bytes */
	uint32_t data_type;       /* for maps: datatype id or NFT_DATA_VERDICT */
	uint32_t data_len;
	uint32_t objtype;
	uint32_t policy;          /* NFT_SET_POL_* */
	uint32_t desc_size;       /* NFTA_SET_DESC_SIZE */
	uint32_t count;           /* NFTA_SET_COUNT (kernels since 6.18): elements held */
	uint8_t field_len[16];    /* NFTA_SET_DESC_CONCAT: bytes per concat field */
	uint32_t nfields;
	uint64_t timeout;         /* ms */
	uint32_t gc_interval;     /* ms */
	const uint8_t *udata;     /* NFTSET_UDATA_* TLVs (key/data byteorder, typeof, comment) */
	uint32_t udata_len;
	struct vm_exprs *exprs;   /* set-wide stateful expressions */
	struct nl_elem *elems;    /* flat array */
	uint32_t nelems, elems_cap;
	uint32_t present;
	bool auto_merge;          /* `auto-merge` (sent in udata): eval merges new elements */
	/* Not sent: the kinds (enum vm_kind) of the set's own expressions when an element
	 * command names an existing set, which its elements' statements are checked
	 * against (a set being declared has them in `exprs`). */
	uint8_t stmt_kinds[NL_SET_STMTS_MAX];
	uint32_t nstmt_kinds;
};

/* A named stateful object (NFT_MSG_NEWOBJ): counter, quota, limit, ct helper/timeout/
 * expectation, synproxy, secmark ... Its NFTA_OBJ_DATA attributes are kept as an
 * attribute bag keyed by the kernel attribute numbers of that object type
 * (NFTA_COUNTER_*, NFTA_QUOTA_*, NFTA_LIMIT_*, NFTA_CT_HELPER_* ...); `data.kind` is the
 * VM kind whose attribute table matches (VM_COUNTER, VM_QUOTA, VM_LIMIT) or VM_INVALID
 * with the codec choosing by `type`. */
struct nl_obj {
	uint32_t family;
	const char *table;
	const char *name;
	uint64_t handle;
	uint32_t type;            /* NFT_OBJECT_* */
	struct vm_expr data;
	uint32_t use;
	const uint8_t *udata;     /* comment TLV */
	uint32_t udata_len;
	uint32_t present;
};

/* A flowtable (NFT_MSG_NEWFLOWTABLE). */
struct nl_flowtable {
	uint32_t family;
	const char *table;
	const char *name;
	uint64_t handle;
	uint32_t hooknum;
	int32_t prio;
	const char **devs;
	uint32_t ndevs;
	uint32_t flags;           /* NFT_FLOWTABLE_* */
	uint32_t use;
	uint32_t present;
};

#endif
