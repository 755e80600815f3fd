/* JSON statements (libnftables-json(5) "STATEMENTS") → the AST the grammar builds for
 * the same statement: `{"match": …}` a relation, `{"counter": …}`, verdicts, nat,
 * log, limit … */
#include <string.h>
#include "json_in.h"

struct stmt *jin_stmt(struct jin *c, json_t *v, const struct jpath *p)
{
	const char *word;
	json_t *val;
	if (jin_single(c, v, p, &word, &val) < 0)
		return NULL;
	jin_err(c, v, p, "unknown statement \"%s\"", word);
	return NULL;
}

int jin_rule_stmts(struct jin *c, json_t *arr, const struct jpath *p, struct rule *r)
{
	int rc = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		struct jpath ip = JPATH_IDX(p, i);
		struct stmt *s = jin_stmt(c, json_array_get(arr, i), &ip);
		if (!s) {
			rc = -1;
			continue;
		}
		stmt_list_add(c->a, &r->stmts, s);
	}
	return rc;
}
