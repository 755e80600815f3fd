/* Families as nft names them ("ip" ↔ NFPROTO_IPV4 ...): family.c. */
#ifndef NFTC_FAMILY_H
#define NFTC_FAMILY_H
#include <stdint.h>

/* 0 and the family of `name`, or -1. */
int family_by_name(const char *name, uint32_t *out);
/* The name of a family, "unknown" for any other number. */
const char *family_name(uint32_t family);
/* The i-th family name (0 ...), NULL past the last: for completion. */
const char *family_name_at(unsigned i);

#endif
