/* What the scanner carries between tokens: the stack of sources being read
 * (the main buffer plus nested includes) and, per source, the byte position and
 * current line, from which every token's `struct loc` is computed. */
#ifndef NFTC_SCAN_STATE_H
#define NFTC_SCAN_STATE_H
#include <stdbool.h>
#include <stdint.h>
#include "../util/diag.h"

struct parse_ctx;

#define SCAN_MAX_INCLUDE_DEPTH 16

struct scan_frame {
	const struct source *src;
	uint32_t pos;            /* byte offset of the next unread character */
	uint32_t line;           /* 1-based */
	uint32_t line_off;       /* offset of the start of `line` */
	void *buf;               /* flex buffer (YY_BUFFER_STATE) */
	bool nl_sent;            /* the synthetic end-of-buffer newline was returned */
};

struct scan_state {
	struct parse_ctx *ctx;
	struct scan_frame frames[SCAN_MAX_INCLUDE_DEPTH + 1];
	int depth;               /* index of the frame being read */
};

/* Scanner life cycle (scanner.l). `scanner` is a yyscan_t. */
int scan_open(struct scan_state *st, struct parse_ctx *ctx, const struct source *src,
	      void **scanner);
void scan_close(void *scanner);
/* Reads `src` next, then resumes the current buffer. Returns -1 if nested too deeply. */
int scan_push_source(void *scanner, const struct source *src);
struct scan_state *scan_state_of(void *scanner);
/* Word → keyword token, or 0 (keywords.c). */
int keyword_token(const char *word);

#endif
