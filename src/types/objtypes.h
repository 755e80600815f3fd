/* Named object types (objtypes.c): one row per NFT_OBJECT_*, with the words nft uses
 * for it, read by the parser, eval, lift, the printer and the netlink codec. */
#ifndef NFTC_OBJTYPES_H
#define NFTC_OBJTYPES_H
#include <stdint.h>

struct objtype {
	uint32_t type;          /* NFT_OBJECT_* */
	const char *word;       /* "ct helper": the declaration, the map data type */
	const char *plural;     /* "ct helpers": `list ct helpers` */
	const char *ref;        /* "meta secmark": the statement that names one */
};

const struct objtype *objtype_by_type(uint32_t type);
const struct objtype *objtype_by_word(const char *word);
/* The declaration word of a type, "unknown" if none. */
const char *objtype_word(uint32_t type);

#endif
