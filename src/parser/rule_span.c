/* Rules of chain blocks kept as source text (struct rule_span, ast.h). The scanner skips
 * each rule in a `chain … { }` block to its end; the grammar records the span with the
 * define scope, and eval parses the rule when it lowers it, in the arena of that
 * command, so the ASTs of a file's rules never exist all at once and each rule is
 * parsed once. */
#include <stddef.h>
#include <stdint.h>
#include "build.h"
#include "parser/grammar.h"
#include "rule_fast.h"

/* A kept rule in one allocation: its span, the scanner that reads it again (one per
 * input, scan_state.h) and the rule the grammar puts in the chain block for it. */
struct kept_rule {
	struct rule_span span;
	struct span_scanner *again;
	struct rule rule;
};

static struct kept_rule *kept_rule_of(const struct rule_span *sp)
{
	return (struct kept_rule *)((char *)(uintptr_t)sp - offsetof(struct kept_rule, span));
}

struct rule_span *rule_span_new(struct arena *a, struct span_scanner *again)
{
	struct kept_rule *k = arena_alloc(a, sizeof(*k));
	k->again = again;
	return &k->span;
}

static int parse_rule_span(const struct rule_span *sp, struct diag_list *errs, struct arena *a,
			   struct rule **out)
{
	struct parse_ctx ctx = {
		.arena = a,
		.errs = errs,
		.defines = (struct define *)sp->defines,
		.grammar_only = sp->grammar_only,
	};
	struct pstate ps = { .ctx = &ctx, .a = a };
	if (!sp->grammar_only && rule_fast(&ps, sp, out))
		return 0;
	if (parse_again(&ps, kept_rule_of(sp)->again, sp->src, sp->start, sp->end, sp->line,
			sp->line_off, TOK_START_RULE) < 0 || !ps.rule_out)
		return -1;
	*out = ps.rule_out;
	return 0;
}

struct rule *b_rule_raw(struct pstate *ps, const struct loc *l, struct rule_span *sp)
{
	sp->defines = ps->ctx->defines;
	sp->grammar_only = ps->ctx->grammar_only;
	sp->parse = parse_rule_span;
	sp->errs_before = ps->ctx->errs->n;
	if (ps->raw_last)
		ps->raw_last->next = sp;
	else
		ps->raw_first = sp;
	ps->raw_last = sp;
	/* Not parsed here: the scanner found its end, and commit parses it once, when it
	 * lowers it. A syntax error found then sends commit back over every kept rule
	 * (run_changes), and so does a parse that fails elsewhere (check_raw_rules): the
	 * errors reported are still exactly the input's syntax errors, as nft reports
	 * them. */
	struct rule *r = &kept_rule_of(sp)->rule;
	r->loc = *l;
	r->span = sp;
	return r;
}

void check_raw_rules(struct pstate *ps, unsigned errs_from)
{
	struct diag_list *errs = ps->ctx->errs, found, merged;
	struct arena scratch;
	diag_list_init(&found);
	diag_list_init(&merged);
	arena_init(&scratch, 64 * 1024);
	unsigned next = errs_from;
	for (unsigned i = 0; i < errs_from; i++)
		diag_append(&merged, &errs->items[i]);
	for (const struct rule_span *sp = ps->raw_first; sp; sp = sp->next) {
		struct rule *parsed;
		found.n = 0;
		if (sp->parse(sp, &found, &scratch, &parsed) == 0 && !found.n) {
			arena_reset(&scratch);
			continue;
		}
		arena_reset(&scratch);
		for (; next < sp->errs_before && next < errs->n; next++)
			diag_append(&merged, &errs->items[next]);
		for (unsigned i = 0; i < found.n; i++)
			diag_append(&merged, &found.items[i]);
	}
	for (; next < errs->n; next++)
		diag_append(&merged, &errs->items[next]);
	arena_free(&scratch);
	diag_list_free(&found);
	diag_list_free(errs);
	*errs = merged;
}
