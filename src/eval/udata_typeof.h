/* `typeof EXPR` hints in set userdata (NFTNL_UDATA_SET_KEY_TYPEOF / DATA_TYPEOF), in
 * nft's encoding: nft's own ids for expression kinds, protocol headers and header
 * fields, so that nft can list a set nftc created with `typeof`. */
#ifndef NFTC_UDATA_TYPEOF_H
#define NFTC_UDATA_TYPEOF_H
#include "../ast/ast.h"
#include "udata.h"

/* Appends attribute `type` (UDATA_SET_KEY_TYPEOF/DATA_TYPEOF) describing the evaluated
 * expression `e`. Returns false (leaving `u` unchanged) for expressions nft cannot
 * describe this way. */
bool udata_put_typeof(struct udata_buf *u, uint8_t type, const struct expr *e);

/* The empty concatenation hint nft writes for `type a . b` keys. */
void udata_put_typeof_empty_concat(struct udata_buf *u, uint8_t type);

#endif
