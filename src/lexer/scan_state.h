/* What the scanner carries between tokens: the stack of sources being read
 * (the main buffer plus nested includes) and, per source, the byte position and
 * current line, from which every token's `struct loc` is computed. */
#ifndef NFTC_SCAN_STATE_H
#define NFTC_SCAN_STATE_H
#include <stdbool.h>
#include <stdint.h>
#include "../util/diag.h"

struct parse_ctx;
struct arena;

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
	/* the files a glob matched after this one: read in its place, one after another,
	 * so that a glob's files are one level of inclusion, not one each */
	char **more;
	uint32_t nmore;
	struct loc more_loc;     /* the include, for their errors */
};

/* Where the scanner is in spotting a list it may skip as raw text (see elem_span). */
enum raw_arm {
	RAW_IDLE,
	RAW_ELEMENTS,            /* after `elements` */
	RAW_ELEMENTS_EQ,         /* after `elements =`: a `{` opens a raw list */
	RAW_CMD,                 /* after `add`/`create` at the start of a command */
	RAW_ELEMENT_CMD,         /* after `add element`: the set spec, then a `{` */
};

struct span_scanner;

struct scan_state {
	struct parse_ctx *ctx;
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
	/* the scanner that reads this scan's rule and element spans again (created with
	 * the first span, in ctx->arena, the spans' own arena) */
	struct span_scanner *again;
	/* where flex's own memory comes from: NULL for malloc; a span scanner's arena */
	struct arena *flex_arena;
	/* last, so that a span scanner pointed at a new span clears what is above and
	 * sets frame 0 (the only one it uses) */
	struct scan_frame frames[SCAN_MAX_INCLUDE_DEPTH + 1];
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
/* Sub-parses of spans go through the span scanner of the scan that found them: one per
 * scan, handed out with each span (rule_span_new, elem_span_new), so that a rule or an
 * element list read again costs a reset of that scanner, not a flex scanner built and
 * freed. scan_open_again points `again` at the span as scan_open_span would open a
 * scanner; when `again` is NULL or already reading a span, it opens one of its own in
 * `st`. scan_close_again ends either (`again` itself is never freed: its memory is in
 * the spans' arena). */
int scan_open_again(struct span_scanner *again, struct scan_state *st, struct parse_ctx *ctx,
		    const struct source *src, uint32_t start, uint32_t end, uint32_t line,
		    uint32_t line_off, int start_token, void **scanner);
void scan_close_again(struct span_scanner *again, void *scanner);
/* Reads `src` next, then resumes the current buffer. Returns -1 if nested too deeply. */
int scan_push_source(void *scanner, const struct source *src);
/* Gives the source just pushed the files to read after it, at its level (a glob). */
void scan_then(void *scanner, char **more, uint32_t nmore, const struct loc *at);
struct scan_state *scan_state_of(void *scanner);
/* Word → keyword token, or 0 (keywords.c). */
int keyword_token(const char *word);

#endif
