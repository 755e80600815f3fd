/* How a named object's NFTA_OBJ_DATA attributes sit in `struct nl_obj.data`: one row
 * per object type naming the kernel attributes and their wire types, shared by the
 * codec (obj_codec.c), eval (eval_obj.c) and the printer (print_obj.c). The ct
 * timeout policy nest (NFTA_CT_TIMEOUT_DATA) does not fit a scalar attribute: it is
 * kept as a `struct obj_timeouts` reached through obj_timeouts(). */
#ifndef NFTC_OBJ_DATA_H
#define NFTC_OBJ_DATA_H
#include <stdint.h>
#include "objects.h"
#include "nlmsg.h"
#include "../util/arena.h"

#define OBJ_TIMEOUT_MAX 16   /* > every CTA_TIMEOUT_<proto>_MAX */

/* Timeouts in seconds, index = kernel attribute number inside NFTA_CT_TIMEOUT_DATA. */
struct obj_timeouts {
	uint32_t present;                 /* bit n: v[n] set */
	uint32_t v[OBJ_TIMEOUT_MAX];
};

struct obj_desc {
	uint32_t type;                    /* NFT_OBJECT_* */
	const char *word;                 /* "counter", "ct helper" ... as nft writes it */
	const char *plural;               /* "counters", "ct helpers" ... */
	enum vm_kind kind;                /* matching VM kind, or VM_INVALID */
	uint16_t max_attr;
	enum vm_attr_type attrs[VM_MAX_ATTR];   /* VA_NONE: unused; the timeout nest is VA_EXPRS */
	uint32_t host_order;              /* bit n: attribute n is a u32 in host byte order */
};

const struct obj_desc *obj_desc_by_type(uint32_t type);

/* The policy of a ct timeout object (NULL if none); obj_timeouts_set attaches one. */
struct obj_timeouts *obj_timeouts(const struct nl_obj *o);
void obj_timeouts_set(struct nl_obj *o, struct obj_timeouts *t);

/* ct timeout states of a layer 4 protocol: names in attribute order (index 1 first)
 * and nft's default values, which listings leave out. */
struct ct_timeout_proto {
	uint8_t l4proto;
	uint8_t nstates;
	const char *const *names;         /* names[i] is attribute i + 1 */
	const uint32_t *dflt;             /* seconds, same indexing */
};
const struct ct_timeout_proto *ct_timeout_proto(uint8_t l4proto);

/* `-d netlink` lines (obj_debug.c). */
struct writer;
void obj_debug_print(const struct nl_obj *o, struct writer *w);
void flowtable_debug_print(const struct nl_flowtable *f, struct writer *w);

#endif
