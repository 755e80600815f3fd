/* GNU readline, loaded when the interactive shell starts rather than when nftc does:
 * linking it costs every `nftc -f` and `nftc add rule` about 0.8 ms of start-up for a
 * library that only `nftc -i` on a terminal uses. The types come from readline's own
 * headers; the functions and variables are looked up in libreadline.so.8. */
#ifndef NFTC_CLI_READLINE_DL_H
#define NFTC_CLI_READLINE_DL_H
#include <stdio.h>
#include <readline/history.h>
#include <readline/readline.h>

struct readline_api {
	char *(*readline)(const char *prompt);
	void (*using_history)(void);
	void (*stifle_history)(int max);
	int (*read_history)(const char *file);
	int (*append_history)(int n, const char *file);
	int (*history_truncate_file)(const char *file, int lines);
	void (*add_history)(const char *line);
	HIST_ENTRY *(*history_get)(int offset);
	char **(*rl_completion_matches)(const char *text, rl_compentry_func_t *entry);
	int *rl_attempted_completion_over;
	char **rl_line_buffer;
	const char **rl_readline_name;
	rl_completion_func_t **rl_attempted_completion_function;
	char *history_comment_char;
	int *history_write_timestamps;
	int *history_multiline_entries;
	int *history_length;
	int *history_base;
};

/* Fills `api`; returns 0, or -1 with the loader's message in `why`. */
int readline_load(struct readline_api *api, const char **why);

#endif
