/* Reading one JSON document: jansson parses it (duplicate keys refused, so that the
 * order of an object's members is the order of the text), one pass over the text in
 * step with the parsed tree records where each value starts and ends, and the
 * top-level `{"nftables": [ … ]}` array is read command by command. The positions
 * are what turn a semantic error ("unknown expression") into `file:line:col` with a
 * caret, as the text parser's errors are. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_in.h"
#include "../types/family.h"

/* ------------------------------------------------------------ positions */

struct jpos {
	const json_t *v;
	uint32_t start, end, line;   /* byte offsets, 1-based line of start */
	uint32_t line_off;           /* where that line starts */
};

struct jpos_map {
	struct jpos *slots;          /* open addressing on the pointer */
	size_t cap, n;
};

static size_t slot_of(const struct jpos_map *m, const json_t *v)
{
	/* pointers from malloc share their low bits: multiply, then fold the well-mixed
	 * high half down */
	uint64_t h = (uint64_t)(uintptr_t)v;
	h *= 0x9e3779b97f4a7c15ull;
	h ^= h >> 32;
	return (size_t)h & (m->cap - 1);
}

static void pos_put(struct jpos_map *m, const struct jpos *at)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct jpos_map bigger = { .cap = m->cap ? m->cap * 2 : 1024 };
		bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
		if (!bigger.slots)
			die_oom();
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].v)
				pos_put(&bigger, &m->slots[i]);
		free(m->slots);
		*m = bigger;
	}
	size_t i = slot_of(m, at->v);
	while (m->slots[i].v && m->slots[i].v != at->v)
		i = (i + 1) & (m->cap - 1);
	if (!m->slots[i].v)
		m->n++;
	m->slots[i] = *at;
}

static const struct jpos *pos_get(const struct jpos_map *m, const json_t *v)
{
	if (!m || !m->cap || !v)
		return NULL;
	size_t i = slot_of(m, v);
	while (m->slots[i].v) {
		if (m->slots[i].v == v)
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

/* The text, walked in step with the tree jansson built from it. */
struct walk {
	const char *s;
	size_t n, i;
	uint32_t line, line_off;     /* the current line and where it starts */
	struct jpos_map *m;
};

static void skip_ws(struct walk *w)
{
	while (w->i < w->n && strchr(" \t\r\n", w->s[w->i]) && w->s[w->i]) {
		if (w->s[w->i] == '\n') {
			w->line++;
			w->line_off = (uint32_t)w->i + 1;
		}
		w->i++;
	}
}

static void skip_string(struct walk *w)
{
	w->i++;                                  /* the opening quote */
	while (w->i < w->n && w->s[w->i] != '"')
		w->i += w->s[w->i] == '\\' ? 2 : 1;
	w->i++;
}

static void walk_value(struct walk *w, const json_t *v, unsigned depth)
{
	skip_ws(w);
	struct jpos at = { .v = v, .start = (uint32_t)w->i, .line = w->line,
			   .line_off = w->line_off };

	if (json_is_object(v)) {
		void *it = json_object_iter((json_t *)v);
		w->i++;                          /* { */
		for (; it; it = json_object_iter_next((json_t *)v, it)) {
			skip_ws(w);
			skip_string(w);          /* the key */
			skip_ws(w);
			w->i++;                  /* : */
			walk_value(w, json_object_iter_value(it), depth + 1);
			skip_ws(w);
			if (w->i < w->n && w->s[w->i] == ',')
				w->i++;
		}
		skip_ws(w);
		w->i++;                          /* } */
	} else if (json_is_array(v)) {
		w->i++;                          /* [ */
		for (size_t k = 0; k < json_array_size(v); k++) {
			walk_value(w, json_array_get(v, k), depth + 1);
			skip_ws(w);
			if (w->i < w->n && w->s[w->i] == ',')
				w->i++;
		}
		skip_ws(w);
		w->i++;                          /* ] */
	} else if (json_is_string(v)) {
		skip_string(w);
	} else {                                 /* number, true, false, null */
		while (w->i < w->n && !strchr(" \t\r\n,]}", w->s[w->i]))
			w->i++;
	}
	if (w->i > w->n)
		w->i = w->n;
	at.end = (uint32_t)w->i;
	pos_put(w->m, &at);
}

struct loc jin_loc(const struct jin *c, const json_t *v)
{
	const struct jpos *p = pos_get(c->pos, v);
	struct loc l = { 0 };
	if (!p || !c->src)
		return l;
	const char *t = c->src->text;
	uint32_t off = p->line_off;
	/* the span, on its first line only (a container's end is found once, by memchr) */
	const char *nl = p->end > p->start ? memchr(t + p->start, '\n', p->end - p->start) : NULL;
	uint32_t last = nl ? (uint32_t)(nl - t) - 1 : (p->end > p->start ? p->end - 1 : p->start);
	if (last < p->start)
		last = p->start;
	l.src = c->src;
	l.line = l.last_line = p->line;
	l.line_off = off;
	l.first_col = p->start - off + 1;
	l.last_col = last - off + 1;
	return l;
}

/* ------------------------------------------------------------ errors and paths */

const char *jpath_str(struct arena *a, const struct jpath *p)
{
	const struct jpath *chain[256];
	size_t n = 0;
	for (; p && n < 256; p = p->up)
		chain[n++] = p;
	struct writer w;
	writer_init_mem(&w);
	while (n--) {
		if (chain[n]->key) {
			if (w.len)
				wr_putc(&w, '.');
			wr_puts(&w, chain[n]->key);
		} else {
			wr_putc(&w, '[');
			wr_uint(&w, chain[n]->index);
			wr_putc(&w, ']');
		}
	}
	const char *s = arena_strdup(a, wr_cstr(&w));
	writer_free(&w);
	return s;
}

int jin_err(struct jin *c, const json_t *v, const struct jpath *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct loc l = jin_loc(c, v);
	if (p)
		return diag_error(c->errs, &l, "%s (at %s)", msg, jpath_str(c->a, p));
	return diag_error(c->errs, &l, "%s", msg);
}

/* ------------------------------------------------------------ members */

int jin_member(struct jin *c, json_t *o, const char *key, const struct jpath *p,
	       json_type type, const char *what, json_t **out)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	bool ok = type == JSON_TRUE ? json_is_boolean(v) : json_typeof(v) == type;
	if (!ok) {
		struct jpath kp = JPATH_KEY(p, key);
		return jin_err(c, v, &kp, "\"%s\" must be %s", key, what);
	}
	*out = v;
	return 1;
}

int jin_opt_u64(struct jin *c, json_t *obj, const char *key, const struct jpath *p,
		uint64_t *out)
{
	json_t *v = NULL;
	int rc = jin_member(c, obj, key, p, JSON_INTEGER, "a non-negative integer", &v);
	if (rc > 0 && json_integer_value(v) < 0) {
		struct jpath kp = JPATH_KEY(p, key);
		return jin_err(c, v, &kp, "\"%s\" must be a non-negative integer", key);
	}
	if (rc > 0)
		*out = (uint64_t)json_integer_value(v);
	return rc;
}

int jin_single(struct jin *c, json_t *v, const struct jpath *p, const char **key,
	       json_t **val)
{
	if (!json_is_object(v) || json_object_size(v) != 1)
		return jin_err(c, v, p, "expected an object with exactly one member");
	void *it = json_object_iter(v);
	*key = json_object_iter_key(it);
	*val = json_object_iter_value(it);
	return 0;
}

int jin_family(struct jin *c, json_t *v, const struct jpath *p, uint32_t *out)
{
	if (!json_is_string(v))
		return jin_err(c, v, p, "\"family\" must be a string");
	if (family_by_name(json_string_value(v), out) < 0)
		return jin_err(c, v, p, "unknown family \"%s\"", json_string_value(v));
	return 0;
}

/* ------------------------------------------------------------ the document */

bool json_looks_like(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (strchr(" \t\r\n", text[i]) && text[i])
			continue;
		return text[i] == '{' || text[i] == '[';
	}
	return false;
}

/* The schema this reader knows is version 1; a document written for a later one is
 * refused rather than half understood (as nft does). */
#define JSON_SCHEMA_VERSION 1

static int read_metainfo(struct jin *c, json_t *meta, const struct jpath *p)
{
	struct jpath mp = JPATH_KEY(p, "metainfo");
	uint64_t v = 0;
	int rc = json_is_object(meta) ?
		 jin_opt_u64(c, meta, "json_schema_version", &mp, &v) :
		 jin_err(c, meta, &mp, "\"metainfo\" must be an object");
	if (rc > 0 && v > JSON_SCHEMA_VERSION) {
		struct jpath vp = JPATH_KEY(&mp, "json_schema_version");
		return jin_err(c, json_object_get(meta, "json_schema_version"), &vp,
			       "JSON schema version %llu is newer than this reader's (%d)",
			       (unsigned long long)v, JSON_SCHEMA_VERSION);
	}
	return rc < 0 ? -1 : 0;
}

static int read_root(struct jin *c, json_t *root)
{
	struct jpath top = JPATH_KEY(NULL, "nftables");
	json_t *list = json_is_object(root) ? json_object_get(root, "nftables") : NULL;
	if (!list || !json_is_array(list))
		return jin_err(c, root, NULL,
			       "expected a JSON object with an \"nftables\" array");
	int rc = 0;
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *item = json_array_get(list, i);
		struct jpath ip = JPATH_IDX(&top, i);
		json_t *meta = json_is_object(item) && json_object_size(item) == 1 ?
			       json_object_get(item, "metainfo") : NULL;
		if (meta) {
			if (read_metainfo(c, meta, &ip) < 0)
				rc = -1;
			continue;
		}
		if (jin_cmd(c, item, &ip) < 0)
			rc = -1;
	}
	return rc;
}

static void release_tree(void *p)
{
	json_decref(p);
}

int json_parse_source(struct parse_ctx *ctx, const struct source *src, struct cmd_list *out)
{
	json_error_t jerr;
	json_t *root = json_loadb(src->text, src->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		struct loc l = { .src = src, .line = (uint32_t)(jerr.line > 0 ? jerr.line : 1) };
		/* jansson counts columns in characters from 1 on the line; its position is
		 * a byte offset: find the line's start from it */
		size_t pos = jerr.position > 0 && (size_t)jerr.position <= src->len ?
			(size_t)jerr.position : 0;
		size_t off = pos;
		while (off > 0 && src->text[off - 1] != '\n')
			off--;
		l.line_off = (uint32_t)off;
		l.first_col = l.last_col = (uint32_t)(pos > off ? pos - off : 1);
		l.last_line = l.line;
		return diag_error(ctx->errs, &l, "JSON: %s", jerr.text);
	}
	struct jpos_map pos = { 0 };
	struct walk w = { .s = src->text, .n = src->len, .line = 1, .m = &pos };
	walk_value(&w, root, 0);

	struct jin c = {
		.ps = { .ctx = ctx, .a = ctx->arena, .out = out },
		.a = ctx->arena,
		.errs = ctx->errs,
		.src = src,
		.pos = &pos,
	};
	/* the AST keeps the tree's strings: the tree lives as long as the arena */
	struct parse_keep *keep = arena_alloc(ctx->arena, sizeof(*keep));
	*keep = (struct parse_keep){ .release = release_tree, .p = root, .next = ctx->keep };
	ctx->keep = keep;
	unsigned before = ctx->errs->n;
	int rc = read_root(&c, root);
	free(pos.slots);
	return rc < 0 || ctx->errs->n > before ? -1 : 0;
}

int json_parse_file(struct parse_ctx *ctx, const char *path, struct cmd_list *out)
{
	const char *name = strcmp(path, "-") ? path : "/dev/stdin";
	const struct source *src = source_read(ctx, NULL, path, name);
	if (!src)
		return -1;
	if (!json_looks_like(src->text, src->len))
		return parse_source(ctx, src, out);
	return json_parse_source(ctx, src, out);
}
