/* The interactive shell (`nftc -i`): reads nft input with GNU readline, one complete
 * input (a line, or a block whose braces are balanced) at a time, and runs each as its
 * own atomic batch through cli_run_buffer. Errors are printed and the shell goes on.
 * History persists in $NFTC_HISTFILE or ~/.nftc_history; Tab completes keywords.
 * Without a terminal on stdin it reads lines plainly, without prompts or history. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readline_dl.h"
#include "shell_entry.h"
#include "../types/family.h"

#define PROMPT "nft> "
#define CONT_PROMPT "> "
#define HISTORY_MAX 1000

/* ---- keywords offered by Tab, by position in the command ------------------------ */

static const char *const command_words[] = {
	"add", "create", "delete", "describe", "destroy", "exit", "flush", "get", "insert",
	"list", "monitor", "quit", "rename", "replace", "reset", "define", "include", "table",
	NULL,
};

static const char *const object_words[] = {
	"chain", "chains", "counter", "counters", "ct", "element", "flowtable", "flowtables",
	"limit", "limits", "map", "maps", "meter", "meters", "quota", "quotas", "rule",
	"ruleset", "set", "sets", "table", "tables", NULL,
};


/* Words inside rules and blocks: matches, statements, verdicts, block keywords. */
static const char *const rule_words[] = {
	"accept", "ah", "arp", "bridge", "chain", "comment", "continue", "counter", "ct",
	"daddr", "dnat", "dport", "drop", "dup", "elements", "esp", "established", "ether",
	"fib", "filter", "flags", "forward", "fwd", "goto", "handle", "hook", "icmp",
	"icmpv6", "iif", "iifname", "index", "ingress", "input", "interval", "invalid", "ip",
	"ip6", "jump", "l4proto", "limit", "log", "map", "mark", "masquerade", "meta", "nat",
	"new", "nfproto", "notrack", "oif", "oifname", "output", "policy", "position",
	"postrouting", "prefix", "prerouting", "priority", "protocol", "queue", "quota",
	"rate", "redirect", "reject", "related", "return", "route", "saddr", "sctp", "set",
	"snat", "sport", "state", "status", "tcp", "timeout", "to", "type", "typeof", "udp",
	"vmap", "with", NULL,
};

/* A list of words to complete from: a NULL-terminated array here, or the rows of a
 * table of src/types read one at a time (the families). */
struct word_list {
	const char *const *words;
	const char *(*word_at)(unsigned i);
};
static const struct word_list commands = { command_words, NULL };
static const struct word_list objects = { object_words, NULL };
static const struct word_list families = { NULL, family_name_at };
static const struct word_list rules = { rule_words, NULL };

static const char *word_at(const struct word_list *l, unsigned i)
{
	return l->words ? l->words[i] : l->word_at(i);
}

static int in_list(const char *const *list, const char *word, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && strncmp(*list, word, len) == 0)
			return 1;
	return 0;
}

/* The word list for the word starting at `start` in the line being edited. Only the
 * text since the last ';', '{' or '}' counts: each of those begins a new command (at
 * the top level) or a new statement (inside a block). */
static const struct word_list *words_for(const char *line, int start)
{
	const char *from = line, *p;
	const char *w[3];
	size_t wl[3];
	int n = 0, depth = 0;

	for (p = line; p < line + start; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		if (*p == ';' || *p == '{' || *p == '}' || *p == '\n')
			from = p + 1;
	}
	for (p = from; p < line + start && n < 3;) {
		while (p < line + start && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= line + start)
			break;
		w[n] = p;
		while (p < line + start && *p != ' ' && *p != '\t')
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
	if (n == 0)
		return depth > 0 ? &rules : &commands;
	if (n == 1 && in_list(command_words, w[0], wl[0]))
		return (wl[0] == 5 && strncmp(w[0], "table", 5) == 0) ? &families : &objects;
	if (n == 2 && in_list(command_words, w[0], wl[0]) && in_list(object_words, w[1], wl[1]))
		return &families;
	return &rules;
}

/* readline's completion callbacks take no context argument: the list being walked
 * and the loaded readline live here, for the one shell a process runs. */
static struct {
	const struct word_list *list;
	unsigned next;
} completion;
static struct readline_api rl;

static char *next_keyword(const char *text, int state)
{
	size_t len = strlen(text);

	if (state == 0)
		completion.next = 0;
	const char *w;
	while ((w = word_at(completion.list, completion.next)) != NULL) {
		completion.next++;
		if (strncmp(w, text, len) == 0)
			return strdup(w);
	}
	return NULL;
}

static char **complete_keyword(const char *text, int start, int end)
{
	(void)end;
	*rl.rl_attempted_completion_over = 1; /* never fall back to file names */
	completion.list = words_for(*rl.rl_line_buffer, start);
	return rl.rl_completion_matches(text, next_keyword);
}

/* ---- one shell session ---------------------------------------------------------- */

struct shell {
	int tty;              /* stdin is a terminal: readline, prompts, history */
	char *histfile;       /* NULL: no history file */
	struct shell_entry in;   /* the input being gathered (shell_entry.c) */
	struct writer *err;
};

static char *history_path(void)
{
	const char *env = getenv("NFTC_HISTFILE");
	const char *home = getenv("HOME");
	char *path;

	if (env)
		return *env ? strdup(env) : NULL; /* NFTC_HISTFILE= disables the file */
	if (!home || !*home)
		return NULL;
	path = malloc(strlen(home) + sizeof("/.nftc_history"));
	if (path)
		sprintf(path, "%s/.nftc_history", home);
	return path;
}

static void history_open(struct shell *s)
{
	rl.using_history();
	rl.stifle_history(HISTORY_MAX);
	/* timestamps (lines "#<seconds>") delimit entries in the file, so a multi-line
	 * block stays one entry; readline writes them only with a comment character */
	*rl.history_comment_char = '#';
	*rl.history_write_timestamps = 1;
	*rl.history_multiline_entries = 1;
	s->histfile = history_path();
	if (s->histfile)
		rl.read_history(s->histfile); /* a missing file is a first session */
}

static void history_remember(struct shell *s, const char *text)
{
	HIST_ENTRY *last = *rl.history_length > 0 ?
			   rl.history_get(*rl.history_base + *rl.history_length - 1) : NULL;
	int fd;

	if (last && strcmp(last->line, text) == 0)
		return; /* do not repeat the previous entry */
	rl.add_history(text);
	if (!s->histfile)
		return;
	fd = open(s->histfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	close(fd);
	rl.append_history(1, s->histfile);
}

static void history_close(struct shell *s)
{
	if (s->histfile)
		rl.history_truncate_file(s->histfile, HISTORY_MAX);
	free(s->histfile);
	s->histfile = NULL;
}

/* One line of plain input, without its newline; NULL at end of input. A line longer
 * than an entry may be is read to its end and dropped (*too_long). */
static char *read_plain_line(bool *too_long)
{
	size_t cap = 256, n = 0;
	char *line = malloc(cap);
	int c;
	*too_long = false;
	if (!line)
		return NULL;
	while ((c = getc_unlocked(stdin)) != EOF && c != '\n') {
		if (n + 1 == cap) {
			char *nl = cap <= SHELL_ENTRY_MAX ? realloc(line, cap * 2) : NULL;
			if (!nl) {
				*too_long = true;
				continue;
			}
			line = nl;
			cap *= 2;
		}
		line[n++] = (char)c;
	}
	if (c == EOF && n == 0 && !*too_long) {
		free(line);
		return NULL;
	}
	line[n] = '\0';
	return line;
}

/* Reads one physical line, without its newline; NULL at end of input. */
static char *read_line(struct shell *s, const char *prompt, bool *too_long)
{
	*too_long = false;
	if (s->tty)
		return rl.readline(prompt);
	return read_plain_line(too_long);
}

/* Gathers one complete input into s->in. Returns 1 with input, 0 at end of input. */
static int read_input(struct shell *s)
{
	bool dropping = false;     /* an entry grew too long: skip it to its end */
	shell_entry_reset(&s->in);
	for (;;) {
		bool too_long;
		char *line = read_line(s, s->in.len || dropping ? CONT_PROMPT : PROMPT, &too_long);
		if (!line)   /* run a partial block once: its error says what is missing */
			return s->in.len > 0 && !dropping;
		enum shell_entry_state st = too_long ? SHELL_ENTRY_TOO_LONG
						     : shell_entry_add(&s->in, line);
		free(line);
		if (st == SHELL_ENTRY_TOO_LONG) {
			wr_printf(s->err, "Error: input longer than %u MiB, dropped\n",
				  (unsigned)(SHELL_ENTRY_MAX >> 20));
			wr_flush(s->err);
			shell_entry_reset(&s->in);
			dropping = true;
			continue;
		}
		if (st == SHELL_ENTRY_COMPLETE) {
			if (!dropping)
				return 1;
			dropping = false;   /* the end of the dropped entry */
			shell_entry_reset(&s->in);
		}
	}
}

static int is_blank(const char *p)
{
	return p[strspn(p, " \t\r\n")] == '\0';
}

static int is_leave_word(const char *text)
{
	size_t b = strspn(text, " \t"), n = strcspn(text + b, " \t\r\n");

	if (!is_blank(text + b + n))
		return 0;
	return (n == 4 && strncmp(text + b, "quit", 4) == 0) ||
	       (n == 4 && strncmp(text + b, "exit", 4) == 0);
}

int shell_run(struct cli *c, struct writer *out, struct writer *err)
{
	struct shell s = { .tty = isatty(STDIN_FILENO), .err = err };

	const char *why = NULL;
	if (s.tty && readline_load(&rl, &why) < 0) {
		/* still a shell, without line editing */
		wr_printf(err, "Warning: no line editing (%s)\n", why ? why : "readline not found");
		wr_flush(err);
		s.tty = 0;
	}
	if (s.tty) {
		*rl.rl_readline_name = "nftc";
		*rl.rl_attempted_completion_function = complete_keyword;
		history_open(&s);
	}
	while (read_input(&s)) {
		const char *text = s.in.buf;
		if (is_blank(text))
			continue;
		if (is_leave_word(text))
			break;
		if (s.tty)
			history_remember(&s, text);
		cli_run_buffer(c, "<cli>", text, out, err);
		wr_flush(out);
		wr_flush(err);
	}
	if (s.tty) {
		if (!s.in.len)
			putchar('\n'); /* end of input: leave the prompt line */
		fflush(stdout);
		history_close(&s);
	}
	shell_entry_free(&s.in);
	return 0;
}
