/* Expressions as nft's JSON (libnftables-json(5) "EXPRESSIONS"): values as strings
 * or numbers, loads as `{"payload": …}`, `{"meta": …}` …, sets, ranges, prefixes,
 * concatenations, maps. */
#include "json_print.h"

void json_print_expr(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	/* placeholder until every kind has its form: the text printer's words */
	print_expr(e, po, jo_str_open(j));
	jo_str_close(j);
}
