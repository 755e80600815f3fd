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
#include "../types/udata_attrs.h"

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
