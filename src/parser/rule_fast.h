/* A chain block rule's common shape read directly (rule_fast.c). */
#ifndef NFTC_PARSER_RULE_FAST_H
#define NFTC_PARSER_RULE_FAST_H
#include "build.h"

/* Reads the rule of `sp` into *out and returns 1; returns 0, with nothing recorded in
 * the errors, when the rule is not one the fast reader takes (the grammar's, then). */
int rule_fast(struct pstate *ps, const struct rule_span *sp, struct rule **out);

#endif
