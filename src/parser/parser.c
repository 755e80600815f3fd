/* parse_source / parse_file: run the scanner and grammar over one buffer and
 * report whether any error was recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "build.h"
#include "parser/grammar.h"
#include "../lexer/scan_state.h"

int nftc_yyparse(void *scanner, struct pstate *ps);

static unsigned count_errors(const struct diag_list *l, unsigned from)
{
	unsigned n = 0;
	for (unsigned i = from; i < l->n; i++)
		n += l->items[i].level == DIAG_ERROR;
	return n;
}

int parse_source(struct parse_ctx *ctx, const struct source *src, struct cmd_list *out)
{
	struct scan_state st;
	struct pstate ps = { .ctx = ctx, .a = ctx->arena, .out = out };
	unsigned before = ctx->errs->n;
	if (scan_open(&st, ctx, src, &ps.scanner))
		die_oom();
	int rc = nftc_yyparse(ps.scanner, &ps);
	scan_close(ps.scanner);
	if (ps.rule_scratch)
		arena_free(ps.rule_scratch);
	if (rc == 2)
		die_oom();
	if (rc && !count_errors(ctx->errs, before))
		diag_error(ctx->errs, NULL, "syntax error");
	return count_errors(ctx->errs, before) ? -1 : 0;
}

const struct source *source_from_file(struct arena *a, const char *path, const char *name)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	bool failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return NULL;
	}
	struct source *src = arena_alloc(a, sizeof(*src));
	src->text = arena_strndup(a, buf, len);
	src->len = len;
	src->name = arena_strdup(a, name);
	free(buf);
	return src;
}

int parse_file(struct parse_ctx *ctx, const char *path, struct cmd_list *out)
{
	const char *name = strcmp(path, "-") ? path : "/dev/stdin";
	const struct source *src = source_from_file(ctx->arena, path, name);
	if (!src)
		return diag_error(ctx->errs, NULL, "Could not process rule: No such file or directory");
	return parse_source(ctx, src, out);
}

int parse_again(struct pstate *ps, const struct source *src, uint32_t start, uint32_t end,
		uint32_t line, uint32_t line_off, int start_token)
{
	struct scan_state st;
	unsigned before = ps->ctx->errs->n;
	if (scan_open_span(&st, ps->ctx, src, start, end, line, line_off, start_token,
			   &ps->scanner))
		die_oom();
	int rc = nftc_yyparse(ps->scanner, ps);
	scan_close(ps->scanner);
	if (rc == 2)
		die_oom();
	return rc || ps->ctx->errs->n > before ? -1 : 0;
}
