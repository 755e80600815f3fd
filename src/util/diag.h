/* Source locations and error reports.
 * Every AST node carries a `struct loc`; an error is recorded once as a `struct diag`
 * (message + location) and printed once, nft-style:
 *   FILE:LINE:COL-COL: Error: message
 *   <the source line>
 *   <caret underline>
 */
#ifndef NFTC_DIAG_H
#define NFTC_DIAG_H
#include <stdint.h>
#include <stdbool.h>
#include "writer.h"

/* A source buffer: a file, a command line, a shell line. Kept alive for the batch. */
struct source {
	const char *name;      /* "<cmdline>", "/etc/rules.nft", ... */
	const char *text;      /* whole buffer, NUL terminated */
	size_t len;
	/* the command line or the shell's line: nft prints no `name:line:col:` before
	 * its errors there (the line and the caret under it show the place) */
	bool unnamed;
};

struct loc {
	const struct source *src;  /* NULL: no location (internal) */
	uint32_t line;             /* 1-based */
	uint32_t first_col;        /* 1-based, inclusive */
	uint32_t last_col;         /* 1-based, inclusive (on first line for multi-line spans) */
	uint32_t line_off;         /* byte offset of the start of `line` in src->text */
	uint32_t last_line;        /* line where the span ends */
};

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_level level;
	bool syntax;             /* found by a parse done late (a kept rule's text) */
	struct loc also;         /* a second place, underlined with `~` (src NULL: none) */
	struct loc loc;
	char msg[512];
};

/* A list of diagnostics collected while running one batch. */
struct diag_list {
	struct diag *items;
	unsigned n, cap;
};

void diag_list_init(struct diag_list *l);
void diag_list_free(struct diag_list *l);
/* Records an error; always returns -1 so callers can `return diag_error(...)`. */
int diag_error(struct diag_list *l, const struct loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error at `loc` that involves `also` too (e.g. the interval it overlaps). */
int diag_error_also(struct diag_list *l, const struct loc *loc, const struct loc *also,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Adds a copy of d at the end. */
void diag_append(struct diag_list *l, const struct diag *d);
/* Prints each diagnostic nft-style. */
void diag_print_all(const struct diag_list *l, struct writer *w);
void diag_print(const struct diag *d, struct writer *w);
/* Span from the start of a to the end of b. Inline: the parser joins locations at
 * every reduction, and a call returning the struct through memory stalls it. */
static inline struct loc loc_join(const struct loc *a, const struct loc *b)
{
	struct loc r = *a;
	if (b->src == a->src && b->line == a->line && b->last_col > r.last_col)
		r.last_col = b->last_col;
	if (b->src == a->src && b->line > a->line)
		r.last_line = b->last_line ? b->last_line : b->line;
	return r;
}

#endif
