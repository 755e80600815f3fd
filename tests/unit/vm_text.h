/* Test helper: `nft -d netlink` text of one VM expression ("[ payload load ... ]")
 * back into a struct vm_expr, so tests can feed the conformance payloads to lift. */
#ifndef NFTC_TEST_VM_TEXT_H
#define NFTC_TEST_VM_TEXT_H
#include "vm/vm.h"

/* Parses the text between "[ " and " ]" (the brackets may be included) and appends
 * the expression to `l`. Returns 0, or -1 if the text is not understood. */
int vm_text_parse(struct arena *a, const char *text, struct vm_exprs *l);
/* Hex words as libnftnl prints them ("0x00001600 0x..."): 32-bit host-order words. */
uint32_t vm_text_words(const char *const *tok, uint32_t ntok, uint8_t *out, uint32_t cap);

#endif
