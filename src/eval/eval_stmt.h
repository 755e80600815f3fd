/* The statement files eval_stmt.c dispatches to (nat, reject, payload set, set
 * updates, dup/fwd/tproxy/synproxy). */
#ifndef NFTC_EVAL_STMT_H
#define NFTC_EVAL_STMT_H
#include "rule_ctx.h"
#include "stmt_emit.h"

int eval_stmt_nat(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_reject(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_payload(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_dynset(struct rule_ctx *rc, struct stmt *s);
/* eval_stmt_fwd.c: the packet-steering statements */
int eval_stmt_dup(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_fwd(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_tproxy(struct rule_ctx *rc, struct stmt *s);
int eval_stmt_synproxy(struct rule_ctx *rc, struct stmt *s);

#endif
