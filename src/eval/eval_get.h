/* `get element`: the keys nft sends to ask the kernel for elements (eval_get.c). */
#ifndef NFTC_EVAL_GET_H
#define NFTC_EVAL_GET_H
#include "eval.h"

/* The items of `elems` (EXPR_SET) as the keys of a NFT_MSG_GETSETELEM request, in
 * their order, into set->elems; `key_tmpl` types them. 0, or -1 with the error
 * recorded. */
int eval_lower_get_elems(struct eval_ctx *ec, uint32_t family, struct expr *elems,
			 struct expr *key_tmpl, struct nl_set *set);

#endif
