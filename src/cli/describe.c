/* `describe EXPR`: what kind of expression it is, its datatype and width, and the
 * symbolic constants its type knows, in nft's layout. The expression is evaluated as
 * the left side of a match (nothing is asked of the kernel). */
#include <inttypes.h>
#include <linux/netfilter.h>
#include "cli.h"
#include "../eval/rule_ctx.h"
#include "../eval/eval_set_decl.h"
#include "../types/dt_impl.h"

static const char *kind_name(enum expr_kind k)
{
	switch (k) {
	case EXPR_PAYLOAD: return "payload";
	case EXPR_EXTHDR: return "exthdr";
	case EXPR_META: return "meta";
	case EXPR_CT: return "ct";
	case EXPR_RT: return "rt";
	case EXPR_FIB: return "fib";
	case EXPR_NUMGEN: return "numgen";
	case EXPR_HASH: return "hash";
	case EXPR_SOCKET: return "socket";
	case EXPR_OSF: return "osf";
	case EXPR_XFRM: return "xfrm";
	case EXPR_BINOP: return "binop";
	default: return "symbol";
	}
}

/* nft prints the constants of bitmasks and of the types it lists in hex in hex */
static bool symbols_in_hex(const struct datatype *dt)
{
	return dt->print == dt_print_symbolic_hex || (dt->flags & DTYPE_F_FLAGS);
}

int run_describe(struct run *r, struct cmd *cmd)
{
	struct expr *e = cmd->elems;
	if (!e)
		return diag_error(&r->errs, &cmd->loc, "describe what?");
	struct eval_ctx ec = { .arena = &r->arena, .errs = &r->errs };
	struct rule_ctx rc;
	struct nl_rule scratch;
	struct lowered_list out;
	rule_ctx_scratch(&rc, &ec, NFPROTO_IPV4, "", &scratch, &out);
	rc.typeof_key = true;               /* a type, not a packet: no dependencies */
	const struct datatype *dt = NULL;
	if (e->kind == EXPR_SYMBOL || e->kind == EXPR_VALUE) {
		/* a constant alone has no type to describe: as nft says it */
		wr_printf(r->out, "symbol expression, datatype invalid (invalid)\n");
		return 0;
	}
	if (eval_lhs(&rc, e) < 0)
		return -1;
	dt = e->dtype ? e->dtype : &dt_integer;
	struct writer *w = r->out;
	wr_printf(w, "%s expression, datatype %s (%s)", kind_name(e->kind), dt->name,
		  dt->desc ? dt->desc : dt->name);
	if (dt->basetype) {
		wr_puts(w, " (basetype ");
		for (const struct datatype *b = dt->basetype; b; b = b->basetype)
			wr_printf(w, "%s%s", b == dt->basetype ? "" : ", ", b->desc ? b->desc : b->name);
		wr_putc(w, ')');
	}
	const struct datatype *base = dt;
	while (base->basetype)
		base = base->basetype;
	if (base->id == TYPE_STRING) {
		if (e->len)
			wr_printf(w, ", %u characters", e->len / 8);
		else
			wr_puts(w, ", dynamic length");
	} else {
		wr_printf(w, ", %u bits", e->len);
	}
	wr_putc(w, '\n');
	if (!dt->symbols || !dt->symbols[0].name)
		return 0;
	bool hex = symbols_in_hex(dt);
	wr_printf(w, "\npre-defined symbolic constants (in %s):\n", hex ? "hexadecimal"
									  : "decimal");
	int digits = (int)((dt->size + 7) / 8) * 2;
	for (const struct symbol *s = dt->symbols; s->name; s++) {
		if (hex)
			wr_printf(w, "\t%-30s\t0x%.*" PRIx64 "\n", s->name, digits, s->value);
		else
			wr_printf(w, "\t%-30s\t%20" PRIu64 "\n", s->name, s->value);
	}
	return 0;
}
