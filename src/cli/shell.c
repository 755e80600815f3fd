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

static const char *const family_words[] = {
	"arp", "bridge", "inet", "ip", "ip6", "netdev", NULL,
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
static const char *const *words_for(const char *line, int start)
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
		return depth > 0 ? rule_words : command_words;
	if (n == 1 && in_list(command_words, w[0], wl[0]))
		return (wl[0] == 5 && strncmp(w[0], "table", 5) == 0) ? family_words : object_words;
	if (n == 2 && in_list(command_words, w[0], wl[0]) && in_list(object_words, w[1], wl[1]))
		return family_words;
	return rule_words;
}

/* readline's completion callbacks take no context argument: the list being walked
 * and the loaded readline live here, for the one shell a process runs. */
static struct {
	const char *const *list;
	size_t next;
} completion;
static struct readline_api rl;

static char *next_keyword(const char *text, int state)
{
	size_t len = strlen(text);

	if (state == 0)
		completion.next = 0;
	while (completion.list[completion.next]) {
		const char *w = completion.list[completion.next++];
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

/* ---- when is an input complete? ------------------------------------------------- */

/* Brace depth of `text`, ignoring braces in "strings" and # comments. */
static int brace_depth(const char *text)
{
	int depth = 0, quoted = 0;

	for (const char *p = text; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = 0;
		} else if (*p == '"') {
			quoted = 1;
		} else if (*p == '#') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		}
	}
	return depth;
}

/* Strips a trailing backslash (and blanks after it); returns 1 if there was one. */
static int strip_continuation(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
		n--;
	if (n == 0 || line[n - 1] != '\\')
		return 0;
	line[n - 1] = '\0';
	return 1;
}

/* ---- one shell session ---------------------------------------------------------- */

struct shell {
	int tty;              /* stdin is a terminal: readline, prompts, history */
	char *histfile;       /* NULL: no history file */
	char *buf;            /* the input being gathered */
	size_t len, cap;
};

static int buf_append(struct shell *s, const char *text, const char *sep)
{
	size_t need = s->len + strlen(sep) + strlen(text) + 1;

	if (need > s->cap) {
		size_t cap = s->cap ? s->cap : 256;
		while (cap < need)
			cap *= 2;
		char *nb = realloc(s->buf, cap);
		if (!nb)
			return -1;
		s->buf = nb;
		s->cap = cap;
	}
	if (s->len) {
		memcpy(s->buf + s->len, sep, strlen(sep));
		s->len += strlen(sep);
	}
	memcpy(s->buf + s->len, text, strlen(text));
	s->len += strlen(text);
	s->buf[s->len] = '\0';
	return 0;
}

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

/* Reads one physical line, without its newline; NULL at end of input. */
static char *read_line(struct shell *s, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (s->tty)
		return rl.readline(prompt);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

/* Gathers one complete input into s->buf. Returns 1 with input, 0 at end of input. */
static int read_input(struct shell *s)
{
	const char *sep = "";

	s->len = 0;
	if (s->buf)
		s->buf[0] = '\0';
	for (;;) {
		char *line = read_line(s, s->len ? CONT_PROMPT : PROMPT);
		int more;

		if (!line)
			return s->len > 0; /* run a partial block once: its error says what is missing */
		more = strip_continuation(line);
		if (buf_append(s, line, sep) < 0) {
			free(line);
			return 0;
		}
		free(line);
		/* a backslash joins lines into one; inside braces a newline separates */
		sep = more ? " " : "\n";
		if (!more && brace_depth(s->buf) <= 0)
			return 1;
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
	struct shell s = { .tty = isatty(STDIN_FILENO) };

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
		if (is_blank(s.buf))
			continue;
		if (is_leave_word(s.buf))
			break;
		if (s.tty)
			history_remember(&s, s.buf);
		cli_run_buffer(c, "<cli>", s.buf, out, err);
		wr_flush(out);
		wr_flush(err);
	}
	if (s.tty) {
		if (!s.len)
			putchar('\n'); /* end of input: leave the prompt line */
		fflush(stdout);
		history_close(&s);
	}
	free(s.buf);
	return 0;
}
