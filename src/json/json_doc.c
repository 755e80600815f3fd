/* Reading one JSON document: json_tree.c parses it (duplicate keys refused, so that
 * the order of an object's members is the order of the text; every value knows its
 * bytes in the text), and the top-level `{"nftables": [ … ]}` array is read command by
 * command. A value's offset and a table of line starts are what turn a semantic error
 * ("unknown expression") into `file:line:col` with a caret, as the text parser's
 * errors are. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_in.h"
#include "../types/family.h"

/* ------------------------------------------------------------ positions */

/* Where each line of the text starts: two passes (count, then fill), so that a value's line is a binary
 * search from its offset. */
static void index_lines(struct jin *c)
{
	const char *t = c->src->text, *end = t + c->src->len, *nl;
	size_t n = 1;
	for (const char *p = t; (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1)
		n++;
	/* in the arena: readers kept for eval (long element lists, rules) locate too */
	uint32_t *starts = arena_alloc(c->a, n * sizeof(*starts));
	n = 1;
	for (const char *p = t; (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1)
		starts[n++] = (uint32_t)(nl + 1 - t);
	c->line_starts = starts;
	c->n_lines = n;
}

/* The 0-based line holding byte `off`. */
static size_t line_of(const struct jin *c, uint32_t off)
{
	size_t lo = 0, hi = c->n_lines;          /* line_starts[lo] <= off < [hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct loc jin_loc(const struct jin *c, const struct jval *v)
{
	struct loc l = { 0 };
	if (!v || !c->src || !c->n_lines)
		return l;
	const char *t = c->src->text;
	size_t line = line_of(c, v->off);
	uint32_t off = c->line_starts[line];
	/* the span, on its first line only */
	const char *nl = v->end > v->off ? memchr(t + v->off, '\n', v->end - v->off) : NULL;
	uint32_t last = nl ? (uint32_t)(nl - t) - 1 : (v->end > v->off ? v->end - 1 : v->off);
	if (last < v->off)
		last = v->off;
	l.src = c->src;
	l.line = l.last_line = (uint32_t)line + 1;
	l.line_off = off;
	l.first_col = v->off - off + 1;
	l.last_col = last - off + 1;
	return l;
}

const char *jin_int_text(struct jin *c, const struct jval *v)
{
	if (v->u.i >= 0 && c->src && v->end <= c->src->len && c->src->text[v->off] != '-')
		return arena_strndup(c->a, c->src->text + v->off, v->end - v->off);
	return arena_printf(c->a, "%lld", (long long)v->u.i);
}

struct jin_kept jin_keep(struct jin *c)
{
	if (!c->kept) {
		struct jin *doc = arena_alloc(c->a, sizeof(*doc));
		*doc = *c;
		c->kept = doc;
	}
	return (struct jin_kept){ .doc = c->kept, .family = c->family, .table = c->table };
}

void jin_resume(struct jin *out, const struct jin_kept *k, struct parse_ctx *ctx,
		struct arena *a, struct diag_list *errs)
{
	*ctx = (struct parse_ctx){ .arena = a, .errs = errs };
	*out = *k->doc;
	out->ps = (struct pstate){ .ctx = ctx, .a = a };
	out->a = a;
	out->errs = errs;
	out->family = k->family;
	out->table = k->table;
}

int jin_items_next(struct jin *c, struct jtree_items *it, struct jval **out)
{
	struct jval *v = arena_alloc(c->a, sizeof(*v));
	struct jtree_error e;
	int rc = jtree_items_next(it, c->a, v, &e);
	if (rc < 0) {
		struct jval at = { .off = e.off, .end = e.off };
		struct loc l = jin_loc(c, &at);
		return diag_error(c->errs, &l, "JSON: %s", e.msg);
	}
	*out = v;
	return rc;
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

int jin_err(struct jin *c, const struct jval *v, const struct jpath *p, const char *fmt, ...)
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

int jin_member(struct jin *c, struct jval *o, const char *key, const struct jpath *p,
	       enum jkind type, const char *what, struct jval **out)
{
	struct jval *v = jv_get(o, key);
	if (!v)
		return 0;
	bool ok = type == JK_TRUE ? jv_is_boolean(v) : v->kind == type;
	if (!ok) {
		struct jpath kp = JPATH_KEY(p, key);
		return jin_err(c, v, &kp, "\"%s\" must be %s", key, what);
	}
	*out = v;
	return 1;
}

int jin_opt_u64(struct jin *c, struct jval *obj, const char *key, const struct jpath *p,
		uint64_t *out)
{
	struct jval *v = NULL;
	int rc = jin_member(c, obj, key, p, JK_INTEGER, "a non-negative integer", &v);
	if (rc > 0 && jv_int(v) < 0) {
		struct jpath kp = JPATH_KEY(p, key);
		return jin_err(c, v, &kp, "\"%s\" must be a non-negative integer", key);
	}
	if (rc > 0)
		*out = (uint64_t)jv_int(v);
	return rc;
}

int jin_single(struct jin *c, struct jval *v, const struct jpath *p, const char **key,
	       struct jval **val)
{
	if (!jv_is_object(v) || jv_members(v) != 1)
		return jin_err(c, v, p, "expected an object with exactly one member");
	*key = jv_key_at(v, 0);
	*val = jv_val_at(v, 0);
	return 0;
}

int jin_family(struct jin *c, struct jval *v, const struct jpath *p, uint32_t *out)
{
	if (!jv_is_string(v))
		return jin_err(c, v, p, "\"family\" must be a string");
	if (family_by_name(jv_str(v), out) < 0)
		return jin_err(c, v, p, "unknown family \"%s\"", jv_str(v));
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

static int read_metainfo(struct jin *c, struct jval *meta, const struct jpath *p)
{
	struct jpath mp = JPATH_KEY(p, "metainfo");
	uint64_t v = 0;
	int rc = jv_is_object(meta) ?
		 jin_opt_u64(c, meta, "json_schema_version", &mp, &v) :
		 jin_err(c, meta, &mp, "\"metainfo\" must be an object");
	if (rc > 0 && v > JSON_SCHEMA_VERSION) {
		struct jpath vp = JPATH_KEY(&mp, "json_schema_version");
		return jin_err(c, jv_get(meta, "json_schema_version"), &vp,
			       "JSON schema version %llu is newer than this reader's (%d)",
			       (unsigned long long)v, JSON_SCHEMA_VERSION);
	}
	return rc < 0 ? -1 : 0;
}

static int read_root(struct jin *c, struct jval *root)
{
	struct jpath top = JPATH_KEY(NULL, "nftables");
	struct jval *list = jv_is_object(root) ? jv_get(root, "nftables") : NULL;
	if (!list || !jv_is_array(list))
		return jin_err(c, root, NULL,
			       "expected a JSON object with an \"nftables\" array");
	int rc = 0;
	for (size_t i = 0; i < jv_count(list); i++) {
		struct jval *item = jv_item(list, i);
		struct jpath ip = JPATH_IDX(&top, i);
		struct jval *meta = jv_is_object(item) && jv_members(item) == 1 ?
			       jv_get(item, "metainfo") : NULL;
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

int json_parse_source(struct parse_ctx *ctx, const struct source *src, struct cmd_list *out)
{
	struct jin c = {
		.ps = { .ctx = ctx, .a = ctx->arena, .out = out },
		.a = ctx->arena,
		.errs = ctx->errs,
		.src = src,
	};
	index_lines(&c);
	/* the tree lives in the arena, as long as the AST that points into its strings */
	struct jtree_error jerr;
	struct jval *root = jtree_parse(ctx->arena, src->text, src->len, &jerr);
	int rc;
	if (!root) {
		struct jval at = { .off = jerr.off, .end = jerr.off };
		struct loc l = jin_loc(&c, &at);
		rc = diag_error(ctx->errs, &l, "JSON: %s", jerr.msg);
	} else {
		unsigned before = ctx->errs->n;
		rc = read_root(&c, root) < 0 || ctx->errs->n > before ? -1 : 0;
	}
	return rc;
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
