/* Userdata TLVs as nft and libnftnl write them (NFTA_*_USERDATA).
 *
 * Userdata is opaque to the kernel; nft stores comments and set typing hints there and
 * reads them back when listing. nftc must write the same bytes so that nft lists what
 * nftc wrote and vice versa. Format: a sequence of TLVs, each `type:u8 len:u8 value`,
 * nests are TLVs whose value is again TLVs; u32 values are in host byte order. */
#ifndef NFTC_UDATA_H
#define NFTC_UDATA_H
#include <stdint.h>
#include <stdbool.h>
#include "../util/arena.h"

/* Rule/table/chain/element comment attribute type. */
#define UDATA_COMMENT 0

/* Set userdata attribute types (NFTNL_UDATA_SET_*). */
enum udata_set_type {
	UDATA_SET_KEYBYTEORDER = 0,
	UDATA_SET_DATABYTEORDER = 1,
	UDATA_SET_MERGE_ELEMENTS = 2,
	UDATA_SET_KEY_TYPEOF = 3,
	UDATA_SET_DATA_TYPEOF = 4,
	UDATA_SET_EXPR = 5,
	UDATA_SET_DATA_INTERVAL = 6,
	UDATA_SET_COMMENT = 7,
};

/* Inside KEY_TYPEOF / DATA_TYPEOF. */
enum udata_typeof_type {
	UDATA_TYPEOF_EXPR = 0,   /* u32: nft's expression kind id */
	UDATA_TYPEOF_DATA = 1,   /* nest: kind-specific attributes */
};

/* nft's expression kind ids, as stored in UDATA_TYPEOF_EXPR. */
enum udata_expr_id {
	UDATA_EXPR_PAYLOAD = 7, UDATA_EXPR_EXTHDR = 8, UDATA_EXPR_META = 9,
	UDATA_EXPR_SOCKET = 10, UDATA_EXPR_OSF = 11, UDATA_EXPR_CT = 12,
	UDATA_EXPR_CONCAT = 13, UDATA_EXPR_NUMGEN = 23, UDATA_EXPR_RT = 25,
	UDATA_EXPR_FIB = 26,
};

#define UDATA_MAX 256        /* NFT_USERDATA_MAXLEN */
#define UDATA_MAX_NEST 8

/* A TLV buffer being built. Overflow is sticky: `udata_ok` tells at the end. */
struct udata_buf {
	uint8_t b[UDATA_MAX];
	uint32_t len;
	uint32_t nest[UDATA_MAX_NEST];
	uint32_t depth;
	bool overflow;
};

void udata_init(struct udata_buf *u);
void udata_put(struct udata_buf *u, uint8_t type, const void *p, uint32_t len);
void udata_put_u32(struct udata_buf *u, uint8_t type, uint32_t v);
void udata_put_str(struct udata_buf *u, uint8_t type, const char *s);  /* with its NUL */
void udata_nest_start(struct udata_buf *u, uint8_t type);
void udata_nest_end(struct udata_buf *u);
bool udata_ok(const struct udata_buf *u);

/* The comment TLV of a rule, table, chain or element, copied into the arena.
 * Returns 0 (and *out NULL for no comment), or -1 if the comment is too long. */
int udata_comment(struct arena *a, const char *comment, const uint8_t **out,
		  uint32_t *out_len);

/* Whether a set's userdata says `auto-merge`. */
bool set_udata_auto_merge(const uint8_t *p, uint32_t len);

/* Longest comment nft accepts (NFTNL_UDATA_COMMENT_MAXLEN). */
#define UDATA_COMMENT_MAXLEN 128

#endif
