/* Internal to the JSON printer: helpers shared by json_expr.c, json_value.c and
 * json_stmt.c. Not a contract with other parts. */
#ifndef NFTC_JSON_INT_H
#define NFTC_JSON_INT_H
#include "json_print.h"
#include "print_int.h"

/* A constant as nft's JSON writes it: a number where nft's datatype gives one, a
 * symbol's name, flags as a name, `["a", "b"]` (PF_COMMA) or `{"|": ["a", "b"]}`
 * (PF_PIPE), otherwise the text the listing prints, as a string. */
void json_print_value(const struct expr *e, const struct print_opts *po,
		      enum print_flags_style style, struct json_out *j);
/* A flag value of several named bits as one item per name (the operands of a chain
 * of `|`); false, writing nothing, for any other expression. */
bool json_print_flag_items(const struct expr *e, struct json_out *j);
/* An expression in a context whose flag values join as `style` says. */
void json_print_expr_styled(const struct expr *e, const struct print_opts *po,
			    enum print_flags_style style, struct json_out *j);

/* A load (payload, exthdr, meta, ct, rt, fib, socket, osf, ipsec, numgen, hash) as its
 * `"payload": {…}` member of the caller's object. */
void json_print_load_members(const struct expr *e, const struct print_opts *po,
			     struct json_out *j);
/* An extension header, tcp option, ip option, sctp chunk or dccp option as its
 * `"exthdr": {…}` member; `len` is the length written for an unnamed tcp option. */
void json_print_exthdr_members(const struct expr *e, uint32_t len, struct json_out *j);
/* A statement's key and value (`"counter": {…}`) without the braces around them, for
 * the objects that hold statements among other members (set elements). */
void json_print_stmt_members(const struct stmt *s, const struct print_opts *po,
			     struct json_out *j);

/* snat/dnat/masquerade/redirect, reject, and tproxy/dup/fwd as their members
 * (json_stmt_nat.c) */
void json_print_nat_members(const struct stmt *s, const struct print_opts *po,
			    struct json_out *j);
void json_print_reject_members(const struct stmt *s, struct json_out *j);
void json_print_forward_members(const struct stmt *s, const struct print_opts *po,
				struct json_out *j);

/* A set of named bits as nft lists it: nothing for none, one name as a string,
 * several as an array, in the order of `names`. */
struct json_flag_name {
	uint32_t bit;
	const char *name;
};
void json_print_flag_names(const struct json_flag_name *names, unsigned n, uint32_t bits,
			   struct json_out *j);
/* `"key": …` only when some bit of `names` is set in `bits` */
void json_print_kflags(const char *key, const struct json_flag_name *names, unsigned n,
		       uint32_t bits, struct json_out *j);
#endif
