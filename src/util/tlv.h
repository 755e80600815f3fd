/* Reading the userdata TLVs nft stores in the kernel (`type:u8 len:u8 value`, nests
 * are TLVs holding TLVs): one bounds-checked walker for every reader (listing,
 * typeof, the set cache). */
#ifndef NFTC_UTIL_TLV_H
#define NFTC_UTIL_TLV_H
#include <stdbool.h>
#include <stdint.h>
#include "arena.h"

/* The value of the first attribute `type` directly inside [p, p+len) and its length
 * in *lout, or NULL (also for a list that runs past its end). */
const uint8_t *tlv_find(const uint8_t *p, uint32_t len, uint8_t type, uint8_t *lout);
/* A u32 attribute (host byte order, as nft writes it); false if absent or short. */
bool tlv_u32(const uint8_t *p, uint32_t len, uint8_t type, uint32_t *out);
/* A string attribute (a comment) copied into the arena, up to its NUL; NULL if absent
 * or empty. */
const char *tlv_str(struct arena *a, const uint8_t *p, uint32_t len, uint8_t type);

#endif
