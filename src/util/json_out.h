/* A streaming JSON writer over the one buffered writer: nftc never builds a document
 * tree for output, so a listing of a million elements costs what its text costs.
 * The layout is nft's (jansson's default): one line, `{"a": 1, "b": [2, 3]}`.
 * Commas and the `": "` after a key are placed by the writer; callers only say what
 * comes next. Nesting deeper than JO_MAX_DEPTH is a programming error (asserted). */
#ifndef NFTC_JSON_OUT_H
#define NFTC_JSON_OUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "writer.h"

#define JO_MAX_DEPTH 64

struct json_out {
	struct writer *w;
	uint32_t depth;
	uint64_t has_items;      /* bit d: the container at depth d has an item already */
	bool after_key;          /* a key was written: its value takes no comma */
	struct writer scratch;   /* jo_str_open: text gathered, then escaped */
};

void jo_init(struct json_out *j, struct writer *w);
void jo_free(struct json_out *j);

void jo_obj_open(struct json_out *j);
void jo_obj_close(struct json_out *j);
void jo_arr_open(struct json_out *j);
void jo_arr_close(struct json_out *j);
void jo_key(struct json_out *j, const char *key);

void jo_str(struct json_out *j, const char *s);
void jo_strn(struct json_out *j, const char *s, size_t n);
void jo_uint(struct json_out *j, uint64_t v);
void jo_int(struct json_out *j, int64_t v);
void jo_bool(struct json_out *j, bool v);
void jo_null(struct json_out *j);

/* A string value written by a text printer: write into the returned writer, then
 * jo_str_close escapes what was written as one JSON string. Not nestable. */
struct writer *jo_str_open(struct json_out *j);
void jo_str_close(struct json_out *j);

/* key + value, the common case */
void jo_kstr(struct json_out *j, const char *key, const char *s);
void jo_kuint(struct json_out *j, const char *key, uint64_t v);
void jo_kint(struct json_out *j, const char *key, int64_t v);
void jo_kbool(struct json_out *j, const char *key, bool v);
void jo_knull(struct json_out *j, const char *key);
/* `"key": {` / `"key": [` */
void jo_kobj_open(struct json_out *j, const char *key);
void jo_karr_open(struct json_out *j, const char *key);

#endif
