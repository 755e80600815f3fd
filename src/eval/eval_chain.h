/* Chain declarations: hook names per family, chain types, priorities (numbers or
 * standard names ± offset), policies and devices → struct nl_chain. */
#ifndef NFTC_EVAL_CHAIN_H
#define NFTC_EVAL_CHAIN_H
#include "eval.h"

/* Fills the base-chain part of `out` (hook, priority, type, policy, devices) and its
 * comment and flags from `decl`. Returns 0, or -1 with the error recorded. */
int eval_chain_decl(struct eval_ctx *ctx, uint32_t family, struct chain_decl *decl,
		    struct nl_chain *out);

#endif
