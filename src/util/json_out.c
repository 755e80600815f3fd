/* The streaming JSON writer (json_out.h): nft's one-line layout, escaping as jansson
 * does (control characters as \uXXXX, `"` and `\` escaped, `/` and UTF-8 kept). */
#include <assert.h>
#include <string.h>
#include "json_out.h"

void jo_init(struct json_out *j, struct writer *w)
{
	*j = (struct json_out){ .w = w };
	writer_init_mem(&j->scratch);
}

void jo_free(struct json_out *j)
{
	writer_free(&j->scratch);
}

/* Before any value or key: the comma that separates it from the previous item. */
static void item(struct json_out *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	uint64_t bit = 1ull << j->depth;
	if (j->depth && (j->has_items & bit))
		wr_puts(j->w, ", ");
	j->has_items |= bit;
}

static void open(struct json_out *j, char c)
{
	item(j);
	wr_putc(j->w, c);
	assert(j->depth + 1 < JO_MAX_DEPTH);
	j->depth++;
	j->has_items &= ~(1ull << j->depth);
}

static void close(struct json_out *j, char c)
{
	assert(j->depth > 0);
	j->depth--;
	wr_putc(j->w, c);
}

void jo_obj_open(struct json_out *j) { open(j, '{'); }
void jo_obj_close(struct json_out *j) { close(j, '}'); }
void jo_arr_open(struct json_out *j) { open(j, '['); }
void jo_arr_close(struct json_out *j) { close(j, ']'); }

static void escaped(struct writer *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	wr_putc(w, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		wr_write(w, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': wr_puts(w, "\\\""); break;
		case '\\': wr_puts(w, "\\\\"); break;
		case '\n': wr_puts(w, "\\n"); break;
		case '\t': wr_puts(w, "\\t"); break;
		case '\r': wr_puts(w, "\\r"); break;
		case '\b': wr_puts(w, "\\b"); break;
		case '\f': wr_puts(w, "\\f"); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			wr_write(w, u, sizeof(u));
		}
		}
	}
	wr_write(w, s + run, n - run);
	wr_putc(w, '"');
}

void jo_key(struct json_out *j, const char *key)
{
	item(j);
	escaped(j->w, key, strlen(key));
	wr_puts(j->w, ": ");
	j->after_key = true;
}

void jo_strn(struct json_out *j, const char *s, size_t n)
{
	item(j);
	escaped(j->w, s, n);
}

void jo_str(struct json_out *j, const char *s) { jo_strn(j, s, strlen(s)); }

void jo_uint(struct json_out *j, uint64_t v)
{
	item(j);
	wr_uint(j->w, v);
}

void jo_int(struct json_out *j, int64_t v)
{
	item(j);
	if (v < 0) {
		wr_putc(j->w, '-');
		wr_uint(j->w, (uint64_t)0 - (uint64_t)v);
	} else {
		wr_uint(j->w, (uint64_t)v);
	}
}

void jo_bool(struct json_out *j, bool v)
{
	item(j);
	wr_puts(j->w, v ? "true" : "false");
}

void jo_null(struct json_out *j)
{
	item(j);
	wr_puts(j->w, "null");
}

struct writer *jo_str_open(struct json_out *j)
{
	wr_reset(&j->scratch);
	return &j->scratch;
}

void jo_str_close(struct json_out *j)
{
	jo_strn(j, j->scratch.buf ? j->scratch.buf : "", j->scratch.len);
}

void jo_kstr(struct json_out *j, const char *key, const char *s) { jo_key(j, key); jo_str(j, s); }
void jo_kuint(struct json_out *j, const char *key, uint64_t v) { jo_key(j, key); jo_uint(j, v); }
void jo_kint(struct json_out *j, const char *key, int64_t v) { jo_key(j, key); jo_int(j, v); }
void jo_kbool(struct json_out *j, const char *key, bool v) { jo_key(j, key); jo_bool(j, v); }
void jo_knull(struct json_out *j, const char *key) { jo_key(j, key); jo_null(j); }
void jo_kobj_open(struct json_out *j, const char *key) { jo_key(j, key); jo_obj_open(j); }
void jo_karr_open(struct json_out *j, const char *key) { jo_key(j, key); jo_arr_open(j); }
