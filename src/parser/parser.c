/* parse_source / parse_file: run the scanner and grammar over one buffer and
 * report whether any error was recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	/* rc 2 is bison's stack at YYMAXDEPTH (a located error already): the arena
	 * allocator aborts on real out-of-memory, so this is never one */
	int rc = nftc_yyparse(ps.scanner, &ps);
	scan_close(ps.scanner);
	if (count_errors(ctx->errs, before))
		check_raw_rules(&ps, before);
	if (rc && !count_errors(ctx->errs, before))
		diag_error(ctx->errs, NULL, "syntax error");
	return count_errors(ctx->errs, before) ? -1 : 0;
}

int parse_file(struct parse_ctx *ctx, const char *path, struct cmd_list *out)
{
	const char *name = strcmp(path, "-") ? path : "/dev/stdin";
	const struct source *src = source_read(ctx, NULL, path, name);
	if (!src)
		return -1;
	return parse_source(ctx, src, out);
}

int parse_again(struct pstate *ps, struct span_scanner *again, const struct source *src,
		uint32_t start, uint32_t end, uint32_t line, uint32_t line_off, int start_token)
{
	struct scan_state st;
	unsigned before = ps->ctx->errs->n;
	if (scan_open_again(again, &st, ps->ctx, src, start, end, line, line_off, start_token,
			    &ps->scanner))
		die_oom();
	int rc = nftc_yyparse(ps->scanner, ps);
	scan_close_again(again, ps->scanner);
	return rc || ps->ctx->errs->n > before ? -1 : 0;
}
