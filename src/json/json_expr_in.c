/* JSON expressions (libnftables-json(5) "EXPRESSIONS") → the AST the grammar builds
 * for the same expression: strings and numbers are symbols (eval types them by the
 * other side, as for text), `{"payload": …}`, `{"meta": …}`, `{"set": […]}`,
 * `{"prefix": …}`, `{"range": […]}` … */
#include <string.h>
#include "json_in.h"

struct expr *jin_expr(struct jin *c, json_t *v, const struct jpath *p)
{
	struct loc l = jin_loc(c, v);
	if (json_is_string(v))
		return expr_symbol(c->a, &l, json_string_value(v), false);
	if (json_is_integer(v))
		return expr_symbol(c->a, &l,
				   arena_printf(c->a, "%lld", (long long)json_integer_value(v)),
				   false);
	jin_err(c, v, p, "unknown expression");
	return NULL;
}
