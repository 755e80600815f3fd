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
	const char *vm_name;          /* its name in -d netlink text when not `name` */
};

struct ct_key {
	const char *name;             /* "state" */
	uint32_t key;                 /* NFT_CT_* */
	const struct datatype *dtype; /* NULL: depends on the l3 protocol (saddr/daddr) */
	uint32_t len;                 /* bits; 0: depends on l3 (addresses) */
	enum byteorder byteorder;
	bool directional;             /* may/must take original|reply */
	bool settable;
	const char *vm_name;          /* its name in -d netlink text when not `name` */
};

extern const struct meta_key meta_keys[];
extern const struct ct_key ct_keys[];
const struct meta_key *meta_key_by_name(const char *name);
const struct meta_key *meta_key_by_kernel(uint32_t key);
const struct ct_key *ct_key_by_name(const char *name);
const struct ct_key *ct_key_by_kernel(uint32_t key);
/* The key's name in `-d netlink` text (libnftnl's: "len", "src_ip6" ...); NULL for a
 * number no row has. */
const char *meta_key_vm_name(uint32_t key);
const char *ct_key_vm_name(uint32_t key);

/* Whether `ct original|reply KEY` lists with its direction: l3proto and protocol
 * accept one but nft lists them without (`ct original protocol 17` → `ct protocol 17`). */
bool ct_key_prints_dir(const struct ct_key *k);
/* The ct key for an address of a known family: ("saddr", NFPROTO_IPV4) → src_ip row
 * (NFT_CT_SRC_IP, ipv4_addr), NFPROTO_IPV6 → src_ip6; other keys: the key itself. */
const struct ct_key *ct_key_for_family(const struct ct_key *k, uint32_t nfproto);
/* For a kernel address key (NFT_CT_SRC_IP ...): NFPROTO_IPV4/IPV6, else 0. */
uint32_t ct_key_nfproto(const struct ct_key *k);

#endif
