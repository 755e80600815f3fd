/* Rules of chain blocks kept as source text (struct rule_span, ast.h). The scanner skips
 * each rule in a `chain … { }` block to its end; the grammar records the span with the
 * define scope, and eval parses the rule when it lowers it, in the arena of that
 * command, so the ASTs of a file's rules never exist all at once. */
#include "build.h"
#include "parser/grammar.h"

static int parse_rule_span(const struct rule_span *sp, struct diag_list *errs, struct arena *a,
			   struct rule **out)
{
	struct parse_ctx ctx = {
		.arena = a,
		.errs = errs,
		.defines = (struct define *)sp->defines,
	};
	struct pstate ps = { .ctx = &ctx, .a = a };
	if (parse_again(&ps, sp->src, sp->start, sp->end, sp->line, sp->line_off,
			TOK_START_RULE) < 0 || !ps.rule_out)
		return -1;
	*out = ps.rule_out;
	return 0;
}

struct rule *b_rule_raw(struct pstate *ps, const struct loc *l, struct rule_span *sp)
{
	sp->defines = ps->ctx->defines;
	sp->parse = parse_rule_span;
	/* Checked now, so a syntax error is a parse error as anywhere else (nft reports
	 * every syntax error of an input and nothing more); the AST is dropped. */
	if (!ps->rule_scratch) {
		ps->rule_scratch = &ps->rule_scratch_storage;
		arena_init(ps->rule_scratch, 64 * 1024);
	}
	struct rule *checked;
	int rc = parse_rule_span(sp, ps->ctx->errs, ps->rule_scratch, &checked);
	struct loc exact = rc == 0 ? checked->loc : *l;
	arena_reset(ps->rule_scratch);
	if (rc < 0)
		return NULL;
	struct rule *r = arena_alloc(ps->a, sizeof(*r));
	r->loc = exact;
	r->span = sp;
	return r;
}
