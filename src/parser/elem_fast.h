/* A large element list's common items read directly (elem_fast.c). */
#ifndef NFTC_PARSER_ELEM_FAST_H
#define NFTC_PARSER_ELEM_FAST_H
#include "build.h"

/* Where the grammar takes over: the first item the fast reader left alone. */
struct elems_resume {
	uint32_t pos, line, line_off;
};

/* Reads the items of `sp` and hands each to b_stream_item. Returns 1 when the whole
 * list was read, 0 when the rest, from `at`, is the grammar's (START_ELEMS_TAIL), and
 * -1 when b_stream_item failed (its callback reported an error). */
int elems_fast(struct pstate *ps, const struct elem_span *sp, struct elems_resume *at);

#endif
