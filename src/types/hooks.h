/* Netfilter hooks by family and the standard priority names (hooks.c): one row each,
 * read by eval (a chain's `hook input priority filter + 10` → numbers) and by lift
 * (numbers → the words nft lists). */
#ifndef NFTC_HOOKS_H
#define NFTC_HOOKS_H
#include <stdbool.h>
#include <stdint.h>

/* The hook number of a hook name in a family (NFPROTO_*), or -1. */
int hook_by_name(uint32_t family, const char *name);
/* The name of hook `num` in a family, or "unknown". */
const char *hook_name(uint32_t family, uint32_t num);

/* The value of a standard priority name (`filter`, `dstnat` ...) where nft allows it
 * (the name's families and hooks); `len`: the name's length in `name`. */
bool prio_std_value(uint32_t family, uint32_t hook, const char *name, size_t len,
		    int32_t *value);
/* The standard name within ±10 of `prio` for a family and hook, as nft lists it:
 * true with the name and the offset (prio = value of the name + offset). */
bool prio_std_name(uint32_t family, uint32_t hook, int32_t prio, const char **name,
		   int32_t *offset);

#endif
