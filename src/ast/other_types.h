/* The type of what a numgen, hash, fib, rt, socket, osf or xfrm expression loads
 * (other_types.c). */
#ifndef NFTC_OTHER_TYPES_H
#define NFTC_OTHER_TYPES_H
#include "ast.h"

struct other_type {
	enum expr_kind kind;
	uint32_t key;                   /* kernel key; ANY_KEY in the table: any */
	uint32_t flags;                 /* fib: flags that must be set (present) */
	const struct datatype *dtype;
	uint32_t len;                   /* bits */
	enum byteorder bo;
};

/* The row for an expression of `kind` with kernel key `key` (and fib flags), or NULL
 * for a key no row knows. */
const struct other_type *other_type_of(enum expr_kind kind, uint32_t key, uint32_t flags);

#endif
