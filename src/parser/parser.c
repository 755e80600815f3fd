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
	int rc = nftc_yyparse(ps.scanner, &ps);
	scan_close(ps.scanner);
	if (rc == 2)
		die_oom();
	if (count_errors(ctx->errs, before))
		check_raw_rules(&ps, before);
	if (rc && !count_errors(ctx->errs, before))
		diag_error(ctx->errs, NULL, "syntax error");
	return count_errors(ctx->errs, before) ? -1 : 0;
}

/* Regular files are read straight into the arena (a large file gets its own block of
 * fresh pages); pipes and the like through a growing buffer. */
const struct source *source_from_file(struct arena *a, const char *path, const char *name)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return NULL;
	struct stat stb;
	size_t len = 0;
	char *text = NULL;
	bool failed = false;
	if (f != stdin && fstat(fileno(f), &stb) == 0 && S_ISREG(stb.st_mode) && stb.st_size < UINT32_MAX) {
		size_t want = (size_t)stb.st_size;
		text = arena_alloc(a, want + 1);
		len = fread(text, 1, want, f);
		failed = ferror(f);
	} else {
		size_t cap = 4096, n;
		char *buf = xmalloc(cap);
		while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
			len += n;
			if (cap - len - 1 == 0) {
				cap *= 2;
				buf = xrealloc(buf, cap);
			}
		}
		failed = ferror(f) || len >= UINT32_MAX;
		if (!failed)
			text = arena_strndup(a, buf, len);
		free(buf);
	}
	if (f != stdin)
		fclose(f);
	if (failed)
		return NULL;
	text[len] = 0;
	struct source *src = arena_alloc(a, sizeof(*src));
	src->text = text;
	src->len = len;
	src->name = arena_strdup(a, name);
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
