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
	uint32_t rd, end;        /* what flex has not yet read of the text, [rd, end) */
	uint32_t chunk;          /* most bytes the next refill copies (0: as flex asks);
				    small after a raw skip, doubling while flex reads on */
	void *buf;               /* flex buffer (YY_BUFFER_STATE) */
	bool nl_sent;            /* the synthetic end-of-buffer newline was returned */
};

/* Where the scanner is in spotting a list it may skip as raw text (see elem_span). */
enum raw_arm {
	RAW_IDLE,
	RAW_ELEMENTS,            /* after `elements` */
	RAW_ELEMENTS_EQ,         /* after `elements =`: a `{` opens a raw list */
	RAW_CMD,                 /* after `add`/`create` at the start of a command */
	RAW_ELEMENT_CMD,         /* after `add element`: the set spec, then a `{` */
};

struct scan_state {
	struct parse_ctx *ctx;
	struct scan_frame frames[SCAN_MAX_INCLUDE_DEPTH + 1];
	int depth;               /* index of the frame being read */
	int start_token;         /* returned before the first real token (0: none) */
	bool raw_lists;          /* skip element lists as raw text (the main parse) */
	bool at_cmd_start;       /* the last token ended a command (or none yet) */
	enum raw_arm arm;
	struct loc raw_open;     /* the `{` of the raw list being skipped */
	/* chain blocks, whose rules are skipped as raw text (struct rule_span) */
	int chain_arm;           /* 1: after `chain`, until its `{` or the command's end */
	uint32_t chain_depth;    /* braces open inside the chain block (0: not in one) */
	bool rule_start;         /* the next token starts a chain block item */
};

/* Scanner life cycle (scanner.l). `scanner` is a yyscan_t. */
int scan_open(struct scan_state *st, struct parse_ctx *ctx, const struct source *src,
	      void **scanner);
/* Scans a span of a source (a raw element list) for a sub-parse: locations continue
 * from `line`/`line_off`, and `start_token` comes first. */
int scan_open_span(struct scan_state *st, struct parse_ctx *ctx, const struct source *src,
		   uint32_t start, uint32_t end, uint32_t line, uint32_t line_off,
		   int start_token, void **scanner);
void scan_close(void *scanner);
/* Reads `src` next, then resumes the current buffer. Returns -1 if nested too deeply. */
int scan_push_source(void *scanner, const struct source *src);
struct scan_state *scan_state_of(void *scanner);
/* Word → keyword token, or 0 (keywords.c). */
int keyword_token(const char *word);

#endif
