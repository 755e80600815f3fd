/* Commands on named stateful objects (counter, quota, limit, ct helper/timeout/
 * expectation, synproxy, secmark) and flowtables → NEWOBJ/DELOBJ and
 * NEWFLOWTABLE/DELFLOWTABLE messages. Called by eval_lower_cmd. */
#ifndef NFTC_EVAL_OBJ_H
#define NFTC_EVAL_OBJ_H
#include "eval.h"

/* NFT_OBJECT_* of an object command (OBJ_COUNTER, OBJ_CT_HELPER ...), 0 if none. */
uint32_t eval_obj_type_of_cmd(enum cmd_obj obj);

/* add/create/delete/destroy of one object. Returns 0, or -1 with the error recorded. */
int eval_lower_obj_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out);
/* add/create/delete/destroy of one flowtable. */
int eval_lower_flowtable_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out);

#endif
