/* meta and ct keys as data: name, kernel key, datatype, length, byte order.
 * One row per key; eval, lower, lift and the printer read the same row. */
#ifndef NFTC_KEYS_H
#define NFTC_KEYS_H
#include <stdint.h>
#include <stdbool.h>
#include "datatype.h"

struct meta_key {
	const char *name;             /* "l4proto"; NULL ends the table */
	uint32_t key;                 /* NFT_META_* */
	const struct datatype *dtype;
	uint32_t len;                 /* bits */
	enum byteorder byteorder;
	bool unqualified;             /* printed without "meta " (iif, oifname, mark ...) */
	bool settable;                /* `meta KEY set` allowed */
};

struct ct_key {
	const char *name;             /* "state" */
	uint32_t key;                 /* NFT_CT_* */
	const struct datatype *dtype; /* NULL: depends on the l3 protocol (saddr/daddr) */
	uint32_t len;                 /* bits; 0: depends on l3 (addresses) */
	enum byteorder byteorder;
	bool directional;             /* may/must take original|reply */
	bool settable;
};

extern const struct meta_key meta_keys[];
extern const struct ct_key ct_keys[];
const struct meta_key *meta_key_by_name(const char *name);
const struct meta_key *meta_key_by_kernel(uint32_t key);
const struct ct_key *ct_key_by_name(const char *name);
const struct ct_key *ct_key_by_kernel(uint32_t key);

#endif
