/* When is a shell input complete? Lines are appended to the entry and scanned once, the
 * scan's state (brace depth, strings, comments) carried from line to line: braces in
 * "strings" and # comments do not count, a line ending in `\` goes on on the next (the
 * two joined by a space), and a newline separates the lines of an open block. */
#include <stdlib.h>
#include <string.h>
#include "shell_entry.h"

/* Strips a trailing backslash (and blanks after it); true if there was one. */
static bool strip_continuation(char *line)
{
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
		n--;
	if (n == 0 || line[n - 1] != '\\')
		return false;
	line[n - 1] = '\0';
	return true;
}

static void scan(struct shell_entry *e, const char *p, size_t n)
{
	for (const char *end = p + n; p < end; p++) {
		if (e->comment) {
			e->comment = *p != '\n';
		} else if (e->quoted) {
			if (e->escape)
				e->escape = false;
			else if (*p == '\\')
				e->escape = true;
			else if (*p == '"')
				e->quoted = false;
		} else if (*p == '"') {
			e->quoted = true;
		} else if (*p == '#') {
			e->comment = true;
		} else if (*p == '{') {
			e->depth++;
		} else if (*p == '}') {
			e->depth--;
		}
	}
}

static bool append(struct shell_entry *e, const char *text, size_t n)
{
	if (e->len + n + 1 > e->cap) {
		size_t cap = e->cap ? e->cap : 256;
		while (cap < e->len + n + 1)
			cap *= 2;
		char *nb = realloc(e->buf, cap);
		if (!nb)
			return false;
		e->buf = nb;
		e->cap = cap;
	}
	memcpy(e->buf + e->len, text, n);
	scan(e, text, n);
	e->len += n;
	e->buf[e->len] = '\0';
	return true;
}

enum shell_entry_state shell_entry_add(struct shell_entry *e, char *line)
{
	if (!e->sep)
		e->sep = "";
	bool more = strip_continuation(line);
	size_t sl = e->len ? strlen(e->sep) : 0, ll = strlen(line);
	if (e->len + sl + ll > SHELL_ENTRY_MAX || !append(e, e->sep, sl) || !append(e, line, ll)) {
		shell_entry_reset(e);
		return SHELL_ENTRY_TOO_LONG;
	}
	e->sep = more ? " " : "\n";
	return !more && e->depth <= 0 ? SHELL_ENTRY_COMPLETE : SHELL_ENTRY_MORE;
}

void shell_entry_reset(struct shell_entry *e)
{
	e->len = 0;
	if (e->buf)
		e->buf[0] = '\0';
	e->depth = 0;
	e->quoted = e->escape = e->comment = false;
	e->sep = "";
}

void shell_entry_free(struct shell_entry *e)
{
	free(e->buf);
	*e = (struct shell_entry){ 0 };
}
