/* Large element lists kept as source text (struct elem_span, ast.h). The scanner skips
 * `elements = { … }` and `add|create element … { … }` to the matching brace; here a
 * short list is parsed at once, as any other part of the input, and a long one keeps
 * only its span and define scope. Eval parses a long list again, a chunk of items at a
 * time in a scratch arena, so its AST never exists whole. */
#include <stddef.h>
#include <stdint.h>
#include "build.h"
#include "parser/grammar.h"
#include "elem_fast.h"

/* Lists shorter than this (bytes of text) are parsed at once: the cost of a second
 * parse only pays for itself on large lists. */
#define ELEM_SPAN_DEFER_MIN 4096

/* A kept list and the scanner that reads it again (one per input, scan_state.h). */
struct kept_elems {
	struct elem_span span;
	struct span_scanner *again;
};

static struct span_scanner *again_of(const struct elem_span *sp)
{
	return ((const struct kept_elems *)
		((const char *)sp - offsetof(struct kept_elems, span)))->again;
}

struct elem_span *elem_span_new(struct arena *a, struct span_scanner *again)
{
	struct kept_elems *k = arena_alloc(a, sizeof(*k));
	k->again = again;
	return &k->span;
}

static int span_parse(const struct elem_span *sp, struct diag_list *errs, struct arena *scratch,
		      uint32_t max, int (*cb)(void *priv, struct expr *chunk), void *priv)
{
	struct parse_ctx ctx = {
		.arena = scratch,
		.errs = errs,
		.defines = (struct define *)sp->defines,
		.grammar_only = sp->grammar_only,
	};
	struct expr chunk = { .kind = EXPR_SET, .loc = sp->loc };
	struct pstate ps = {
		.ctx = &ctx, .a = scratch,
		.stream_chunk = &chunk, .stream_cb = cb, .stream_priv = priv,
		.stream_max = max ? max : UINT32_MAX,
	};
	struct elems_resume at = { sp->start + 1, sp->line, sp->line_off };
	int fast = sp->grammar_only ? 0 : elems_fast(&ps, sp, &at);
	if (fast < 0)
		return -1;
	if (!fast && parse_again(&ps, again_of(sp), sp->src, at.pos, sp->end,
				 at.line, at.line_off, TOK_START_ELEMS_TAIL) < 0)
		return -1;
	return chunk.list.n ? (cb(priv, &chunk) < 0 ? -1 : 0) : 0;
}

int b_stream_item(struct pstate *ps, struct expr *item)
{
	b_set_add(ps, ps->stream_chunk, item);
	if (ps->stream_chunk->list.n < ps->stream_max)
		return 0;
	int r = ps->stream_cb(ps->stream_priv, ps->stream_chunk);
	/* the lookahead is `,` or `}`: nothing the grammar still holds lives in the arena */
	ps->stream_chunk->list = (struct expr_list){ 0 };
	arena_reset(ps->a);
	return r < 0 ? -1 : 0;
}

/* A short list, parsed now: the whole list is one chunk, kept in the parse arena. */
static int keep_whole(void *priv, struct expr *chunk)
{
	struct expr **out = priv;
	**out = *chunk;
	return 0;
}

static int elems_now(struct pstate *ps, const struct loc *l, struct elem_span *sp,
		     struct expr **out)
{
	*out = b_set(ps, l);
	struct expr *set = *out;
	sp->defines = ps->ctx->defines;        /* `$name` items see the defines of here */
	sp->grammar_only = ps->ctx->grammar_only;
	if (span_parse(sp, ps->ctx->errs, ps->a, 0, keep_whole, &set) < 0)
		return -1;
	(*out)->loc = *l;
	return 0;
}

static struct elem_span *deferred(struct pstate *ps, const struct loc *l, struct elem_span *sp)
{
	sp->loc = *l;
	sp->defines = ps->ctx->defines;
	sp->grammar_only = ps->ctx->grammar_only;
	sp->parse = span_parse;
	return sp;
}

int b_setd_elems_raw(struct pstate *ps, struct set_decl *s, const struct loc *l,
		     struct elem_span *sp)
{
	if (sp->end - sp->start < ELEM_SPAN_DEFER_MIN)
		return elems_now(ps, l, sp, &s->elems);
	s->elems_span = deferred(ps, l, sp);
	return 0;
}

int b_elems_cmd(struct pstate *ps, struct cmd *c, const struct loc *l, struct elem_span *sp)
{
	if (sp->end - sp->start < ELEM_SPAN_DEFER_MIN) {
		if (elems_now(ps, l, sp, &c->elems) < 0)
			return -1;
	} else {
		c->elems_span = deferred(ps, l, sp);
	}
	b_emit(ps, c);
	return 0;
}
