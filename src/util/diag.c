/* Printing diagnostics the way nft does: position, message, source line, carets. */
#include "diag.h"
#include "arena.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

void diag_list_init(struct diag_list *l)
{
	l->items = NULL;
	l->n = l->cap = 0;
}

void diag_list_free(struct diag_list *l)
{
	free(l->items);
	diag_list_init(l);
}

static struct diag *new_item(struct diag_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	return &l->items[l->n++];
}

void diag_append(struct diag_list *l, const struct diag *d)
{
	*new_item(l) = *d;
}

static int vadd(struct diag_list *l, enum diag_level lvl, const struct loc *loc,
		const char *fmt, va_list ap)
{
	struct diag *d = new_item(l);
	memset(d, 0, sizeof(*d));
	d->level = lvl;
	if (loc)
		d->loc = *loc;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	return -1;
}

int diag_error(struct diag_list *l, const struct loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(l, DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_error_also(struct diag_list *l, const struct loc *loc, const struct loc *also,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(l, DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
	if (also)
		l->items[l->n - 1].also = *also;
	return -1;
}

/* Source lines longer than this are shown in part: DIAG_LINE_CONTEXT bytes on either
 * side of the place (and at most that much of the place itself). */
#define DIAG_LINE_MAX 4096
#define DIAG_LINE_CONTEXT 128

void diag_print(const struct diag *d, struct writer *w)
{
	const char *lvl = d->level == DIAG_ERROR ? "Error" : "Warning";
	const struct loc *l = &d->loc;
	if (!l->src) {
		wr_printf(w, "%s: %s\n", lvl, d->msg);
		return;
	}
	if (l->src->unnamed)
		wr_printf(w, "%s: %s\n", lvl, d->msg);
	else if (l->first_col == l->last_col || l->last_col == 0)
		wr_printf(w, "%s:%u:%u-%u: %s: %s\n", l->src->name, l->line, l->first_col,
			  l->last_col ? l->last_col : l->first_col, lvl, d->msg);
	else
		wr_printf(w, "%s:%u:%u-%u: %s: %s\n", l->src->name, l->line, l->first_col,
			  l->last_col, lvl, d->msg);
	if (l->line_off > l->src->len)
		return;
	uint32_t off = l->line_off;
	/* the empty line after a file's last newline (the end of input): nft shows the
	 * file's last line instead */
	if (off == l->src->len && off > 0 && l->src->text[off - 1] == '\n') {
		off--;
		while (off > 0 && l->src->text[off - 1] != '\n')
			off--;
	}
	const char *s = l->src->text + off;
	const char *e = memchr(s, '\n', l->src->len - off);
	size_t n = e ? (size_t)(e - s) : l->src->len - off;
	/* `^` under the place, `~` under the second one (by its columns, on this line
	 * whatever its own line, as nft draws it), tabs kept so the marks line up */
	const struct loc *a = d->also.src ? &d->also : NULL;
	uint32_t last = l->last_col >= l->first_col ? l->last_col : l->first_col;
	uint32_t a_last = a ? (a->last_col >= a->first_col ? a->last_col : a->first_col) : 0;
	uint32_t end = last > a_last ? last : a_last;
	/* A line too long to show (a generated file's one-line set of a million
	 * elements): the part around the place only, "..." where it is cut. */
	uint32_t from = 1, to = (uint32_t)n;
	if (n > DIAG_LINE_MAX) {
		from = l->first_col > DIAG_LINE_CONTEXT ? l->first_col - DIAG_LINE_CONTEXT : 1;
		uint32_t wend = (last > l->first_col + DIAG_LINE_CONTEXT
					 ? l->first_col + DIAG_LINE_CONTEXT : last) + DIAG_LINE_CONTEXT;
		if (to > wend)
			to = wend;
		if (end > wend)
			end = wend;
		a = NULL;
	}
	if (from > 1)
		wr_puts(w, "...");
	wr_write(w, s + from - 1, to >= from ? to - from + 1 : 0);
	if (to < n)
		wr_puts(w, "...");
	wr_putc(w, '\n');
	if (from > 1)
		wr_puts(w, "   ");
	for (uint32_t c = from; c <= end; c++) {
		if (c >= l->first_col && c <= last)
			wr_putc(w, '^');
		else if (a && c >= a->first_col && c <= a_last)
			wr_putc(w, '~');
		else
			wr_putc(w, c <= n && s[c - 1] == '\t' ? '\t' : ' ');
	}
	wr_putc(w, '\n');
}

void diag_print_all(const struct diag_list *l, struct writer *w)
{
	for (unsigned i = 0; i < l->n; i++)
		diag_print(&l->items[i], w);
}
