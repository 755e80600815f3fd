/* Internal to the printer: helpers shared by print_expr.c, print_stmt.c and
 * print_table.c. Not a contract with other parts. */
#ifndef NFTC_PRINT_INT_H
#define NFTC_PRINT_INT_H
#include "print.h"

/* How a flag value joins its bits: `a,b` in flag tests and statements, `a | b`
 * elsewhere; parenthesised when it is an operand of a binop. */
enum print_flags_style { PF_PIPE, PF_COMMA, PF_PIPE_PARENS };

/* Private mark set by lift on values of raw payloads (`@nh,8,8 0xff`): print in
 * hex. Above the EXPR_F_* bits of ast.h. */
#define EXPR_F_PRINT_HEX (1u << 28)
/* ... and values nft prints as whole hex bytes (`ip dscp | 0x04`) */
#define EXPR_F_PRINT_HEX_BYTES (1u << 27)

void print_expr_styled(const struct expr *e, const struct print_opts *po, struct writer *w,
		       enum print_flags_style style);
/* 90061000 ms → "1d1h1m1s"; 0 → "0s" */
void print_time_ms(uint64_t ms, struct writer *w);
void print_quoted(const char *s, struct writer *w);
#endif
