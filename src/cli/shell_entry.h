/* The shell's entries (shell_entry.c): physical lines gathered into one complete input,
 * a line or a block whose braces balance, as `nftc -i` runs them. */
#ifndef NFTC_SHELL_ENTRY_H
#define NFTC_SHELL_ENTRY_H
#include <stdbool.h>
#include <stddef.h>

/* The most one entry may hold: as much as one input file (parser's INPUT_MAX). */
#define SHELL_ENTRY_MAX ((size_t)256 << 20)

struct shell_entry {
	char *buf;            /* the entry so far, NUL-terminated */
	size_t len, cap;
	/* where the scan of the text so far stands: braces open, inside "a string" (and
	 * just after its backslash), inside a # comment, the last line's separator */
	int depth;
	bool quoted, escape, comment;
	const char *sep;
};

enum shell_entry_state {
	SHELL_ENTRY_MORE,       /* braces still open, or the line ended in a backslash */
	SHELL_ENTRY_COMPLETE,   /* run it */
	SHELL_ENTRY_TOO_LONG,   /* past SHELL_ENTRY_MAX: dropped, and so is the rest of it */
};

/* Adds one line (without its newline; a trailing backslash joins the next line).
 * Each line is scanned once: a block of a million lines costs a million lines. */
enum shell_entry_state shell_entry_add(struct shell_entry *e, char *line);
/* Empties the entry for the next one (keeps its buffer). */
void shell_entry_reset(struct shell_entry *e);
void shell_entry_free(struct shell_entry *e);

#endif
