/* The JSON reader behind json_tree.h: recursive descent over the text, which it only
 * reads. A string is checked whole, then copied into the arena and its escapes decoded
 * there (a decoded escape is never longer than the escape); the items of an open
 * container wait on one scratch stack and move into the arena, contiguous, when it
 * closes. Every rule of RFC 8259 is checked, UTF-8 included. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "json_tree.h"

struct jp {
	const char *s, *p, *end;     /* the text (a NUL after it), the cursor, its end */
	struct arena *a;
	struct jval *stk;            /* items of the open containers, innermost last */
	size_t n, cap;
	unsigned depth;
	struct jtree_error *err;
	uint32_t base;               /* the offset of s in the whole text */
};

/* offset in the whole text */
static uint32_t off_of(const struct jp *jp, const char *at)
{
	return jp->base + (uint32_t)(at - jp->s);
}

static int fail_at(struct jp *jp, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(struct jp *jp, const char *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(jp->err->msg, sizeof(jp->err->msg), fmt, ap);
	va_end(ap);
	jp->err->off = off_of(jp, at);
	return -1;
}

/* what stands at `at`, for a message: a character, or the end of the input */
static int fail_unexpected(struct jp *jp, const char *at, const char *expected)
{
	if (at >= jp->end)
		return fail_at(jp, at, "%s expected, found the end of the input", expected);
	unsigned char ch = (unsigned char)*at;
	if (ch > 0x20 && ch < 0x7f)
		return fail_at(jp, at, "%s expected, found '%c'", expected, ch);
	return fail_at(jp, at, "%s expected, found byte 0x%02x", expected, ch);
}

static void skip_ws(struct jp *jp)
{
	const char *p = jp->p;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	jp->p = p;               /* the text ends in a NUL, which stops the loop */
}

static void __attribute__((noinline)) grow_stack(struct jp *jp)
{
	jp->cap = jp->cap ? jp->cap * 2 : 256;
	jp->stk = xrealloc(jp->stk, jp->cap * sizeof(*jp->stk));
}

static inline void push(struct jp *jp, const struct jval *v)
{
	if (jp->n == jp->cap)
		grow_stack(jp);
	jp->stk[jp->n++] = *v;
}

/* Bytes a scan can step over without looking closer, one table look-up each: inside a
 * string, everything but '"', '\\', control characters and non-ASCII; outside, what is
 * not a bracket, a quote, a comma or a NUL (skim_array). */
enum { SK_PLAIN, SK_QUOTE, SK_OPEN, SK_CLOSE, SK_COMMA, SK_NUL };
static const uint8_t str_plain[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20-0x2f, not '"' */
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* not '\\' */
	[0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};
static const uint8_t skim_class[256] = {
	['\0'] = SK_NUL, ['"'] = SK_QUOTE, ['['] = SK_OPEN, ['{'] = SK_OPEN,
	[']'] = SK_CLOSE, ['}'] = SK_CLOSE, [','] = SK_COMMA,
};

/* ------------------------------------------------------------ strings */

static int hex4(struct jp *jp, const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
			     c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
			     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
		if (d == 16)
			return fail_at(jp, p - 2, "invalid \\u escape: four hex digits expected");
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *w, unsigned cp)
{
	if (cp < 0x80) {
		*w++ = (char)cp;
	} else if (cp < 0x800) {
		*w++ = (char)(0xc0 | cp >> 6);
		*w++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*w++ = (char)(0xe0 | cp >> 12);
		*w++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*w++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*w++ = (char)(0xf0 | cp >> 18);
		*w++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*w++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*w++ = (char)(0x80 | (cp & 0x3f));
	}
	return w;
}

/* The escape at *pp (its backslash), checked and decoded to w (at most 4 bytes);
 * both advanced. */
static int unescape(struct jp *jp, const char **pp, char **ww)
{
	const char *p = *pp;
	char *w = *ww;
	char c = p[1];
	static const char simple_in[] = "\"\\/bfnrt", simple_out[] = "\"\\/\b\f\n\r\t";
	const char *k = c ? strchr(simple_in, c) : NULL;
	if (k) {
		*w++ = simple_out[k - simple_in];
		p += 2;
	} else if (c == 'u') {
		unsigned cp, lo;
		if (p + 6 > jp->end || hex4(jp, p + 2, &cp) < 0)
			return p + 6 > jp->end ? fail_at(jp, p, "unterminated \\u escape") : -1;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return fail_at(jp, p, "invalid \\u escape: a lone low surrogate (\\u%04X)", cp);
		p += 6;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (p + 6 > jp->end || p[0] != '\\' || p[1] != 'u')
				return fail_at(jp, p - 6, "invalid \\u escape: a high surrogate "
					       "(\\u%04X) without its low half", cp);
			if (hex4(jp, p + 2, &lo) < 0)
				return -1;
			if (lo < 0xdc00 || lo > 0xdfff)
				return fail_at(jp, p - 6, "invalid \\u escape: a high surrogate "
					       "(\\u%04X) without its low half", cp);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		}
		if (cp == 0)
			return fail_at(jp, p - 6, "\\u0000 is not allowed in a string");
		w = put_utf8(w, cp);
	} else {
		return fail_at(jp, p, "invalid escape '\\%c' in a string",
			       c > 0x20 && c < 0x7f ? c : '?');
	}
	*pp = p;
	*ww = w;
	return 0;
}

/* Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static int utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	int n;
	unsigned char lo = 0x80, hi = 0xbf;      /* the second byte's range */
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;                       /* overlong */
		if (c == 0xed)
			hi = 0x9f;                       /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;                       /* overlong */
		if (c == 0xf4)
			hi = 0x8f;                       /* past U+10FFFF */
	} else {
		return 0;
	}
	if (end - p < n || p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* An escape-free copy of a checked string's text: decoded where it stands (a decoded
 * escape is never longer than the escape). Returns the decoded length. */
static size_t decode_in_place(char *t, size_t n)
{
	static const char simple_in[] = "\"\\/bfnrt", simple_out[] = "\"\\/\b\f\n\r\t";
	char *w = t;
	for (size_t i = 0; i < n;) {
		if (t[i] != '\\') {
			*w++ = t[i++];
			continue;
		}
		char c = t[i + 1];
		if (c != 'u') {
			*w++ = simple_out[strchr(simple_in, c) - simple_in];
			i += 2;
			continue;
		}
		unsigned cp = (unsigned)strtoul((char[5]){ t[i + 2], t[i + 3], t[i + 4], t[i + 5], 0 },
						NULL, 16);
		i += 6;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			unsigned lo = (unsigned)strtoul((char[5]){ t[i + 2], t[i + 3], t[i + 4],
								    t[i + 5], 0 }, NULL, 16);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 6;
		}
		w = put_utf8(w, cp);
	}
	return (size_t)(w - t);
}

/* The string at jp->p (its opening quote) → v: checked whole, then copied into the
 * arena (NUL-terminated). */
static int parse_string(struct jp *jp, struct jval *v)
{
	const char *start = jp->p + 1, *p = start;
	bool escaped = false;
	for (;;) {
		while (str_plain[(unsigned char)*p])
			p++;
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			break;
		if (p >= jp->end)
			return fail_at(jp, jp->p, "unterminated string");
		if (c == '\\') {
			char tmp[4], *w = tmp;
			if (unescape(jp, &p, &w) < 0)
				return -1;
			escaped = true;
		} else if (c < 0x20) {
			return fail_at(jp, p, "control character 0x%02x in a string", c);
		} else {
			int k = utf8_len((const unsigned char *)p, (const unsigned char *)jp->end);
			if (!k)
				return fail_at(jp, p, "invalid UTF-8 in a string");
			p += k;
		}
	}
	size_t raw = (size_t)(p - start);
	jp->p = p + 1;
	v->kind = JK_STRING;
	v->n = (uint32_t)raw;
	char *out = arena_bytes(jp->a, start, raw + 1);   /* with the closing quote */
	if (escaped)
		v->n = (uint32_t)decode_in_place(out, raw);
	out[v->n] = '\0';
	v->u.s = out;
	return 0;
}

/* ------------------------------------------------------------ numbers, words */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int parse_number(struct jp *jp, struct jval *v)
{
	const char *p = jp->p, *start = p;
	bool neg = *p == '-', real = false;
	if (neg)
		p++;
	if (*p == '0')
		p++;
	else if (is_digit(*p))
		while (is_digit(*p))
			p++;
	else
		return fail_at(jp, start, "invalid number");
	if (*p == '.') {
		real = true;
		if (!is_digit(*++p))
			return fail_at(jp, start, "invalid number: a digit expected after '.'");
		while (is_digit(*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		real = true;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return fail_at(jp, start, "invalid number: a digit expected in the exponent");
		while (is_digit(*p))
			p++;
	}
	if (real) {
		errno = 0;
		double d = strtod(start, NULL);
		if (errno == ERANGE && isinf(d))
			return fail_at(jp, start, "real number overflow");
		v->kind = JK_REAL;
		v->u.d = d;
	} else {
		/* magnitude first, as unsigned, so that LLONG_MIN fits */
		unsigned long long m = 0, lim = neg ? (unsigned long long)LLONG_MAX + 1 :
					      (unsigned long long)LLONG_MAX;
		for (const char *d = start + neg; d < p; d++) {
			unsigned dig = (unsigned)(*d - '0');
			if (m > (lim - dig) / 10)
				return fail_at(jp, start, neg ? "too big negative integer" :
					       "too big integer");
			m = m * 10 + dig;
		}
		v->kind = JK_INTEGER;
		v->u.i = neg ? (long long)(0 - m) : (long long)m;
	}
	jp->p = p;
	return 0;
}

static int parse_word(struct jp *jp, struct jval *v)
{
	static const struct { const char *w; uint8_t len, kind; } words[] = {
		{ "true", 4, JK_TRUE }, { "false", 5, JK_FALSE }, { "null", 4, JK_NULL },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (jp->end - jp->p >= words[i].len &&
		    memcmp(jp->p, words[i].w, words[i].len) == 0) {
			v->kind = words[i].kind;
			jp->p += words[i].len;
			return 0;
		}
	}
	return fail_unexpected(jp, jp->p, "a value");
}

/* ------------------------------------------------------------ containers */

static int parse_value(struct jp *jp, struct jval *v);
static int parse_member_value(struct jp *jp, const struct jval *key, struct jval *v);

/* The items pushed since `base` → the arena, as the container's. */
static void close_container(struct jp *jp, struct jval *v, size_t base, size_t count)
{
	size_t bytes = (jp->n - base) * sizeof(struct jval);
	v->u.items = bytes ? arena_memdup(jp->a, jp->stk + base, bytes) : NULL;
	v->n = (uint32_t)count;
	jp->n = base;
}

static int parse_array(struct jp *jp, struct jval *v)
{
	size_t base = jp->n, count = 0;
	v->kind = JK_ARRAY;
	jp->p++;
	skip_ws(jp);
	if (*jp->p != ']') {
		for (;;) {
			struct jval item = { 0 };
			if (parse_value(jp, &item) < 0)
				return -1;
			push(jp, &item);
			count++;
			skip_ws(jp);
			if (*jp->p == ',' && jp->p < jp->end) {
				jp->p++;
				continue;
			}
			if (*jp->p == ']' && jp->p < jp->end)
				break;
			return fail_unexpected(jp, jp->p, "',' or ']'");
		}
	}
	jp->p++;
	close_container(jp, v, base, count);
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const struct jval *x = *(const struct jval *const *)a, *y = *(const struct jval *const *)b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->u.s, y->u.s, n);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Duplicate keys are refused (the members' order must be the text's, and nft refuses
 * them too): pairwise for small objects, sorted for large ones. */
static int check_duplicates(struct jp *jp, size_t base, size_t members)
{
	const struct jval *m = jp->stk + base;
	const struct jval *dup = NULL;
	if (members <= 16) {
		for (size_t i = 1; i < members && !dup; i++)
			for (size_t j = 0; j < i && !dup; j++)
				if (m[2 * i].n == m[2 * j].n &&
				    memcmp(m[2 * i].u.s, m[2 * j].u.s, m[2 * i].n) == 0)
					dup = &m[2 * i];
	} else {
		const struct jval **keys = xmalloc(members * sizeof(*keys));
		for (size_t i = 0; i < members; i++)
			keys[i] = &m[2 * i];
		qsort(keys, members, sizeof(*keys), key_cmp);
		for (size_t i = 1; i < members && !dup; i++)
			if (key_cmp(&keys[i - 1], &keys[i]) == 0)
				dup = keys[i - 1]->off > keys[i]->off ? keys[i - 1] : keys[i];
		free(keys);
	}
	if (dup)
		return fail_at(jp, jp->s + (dup->off - jp->base), "duplicate object key \"%.60s\"",
			       dup->u.s);
	return 0;
}

static int parse_object(struct jp *jp, struct jval *v)
{
	size_t base = jp->n, count = 0;
	v->kind = JK_OBJECT;
	jp->p++;
	skip_ws(jp);
	if (*jp->p != '}') {
		for (;;) {
			struct jval key = { 0 }, val = { 0 };
			if (*jp->p != '"' || jp->p >= jp->end)
				return fail_unexpected(jp, jp->p, "a string (an object key)");
			key.off = off_of(jp, jp->p);
			if (parse_string(jp, &key) < 0)
				return -1;
			key.end = off_of(jp, jp->p);
			skip_ws(jp);
			if (*jp->p != ':' || jp->p >= jp->end)
				return fail_unexpected(jp, jp->p, "':'");
			jp->p++;
			if (parse_member_value(jp, &key, &val) < 0)
				return -1;
			push(jp, &key);
			push(jp, &val);
			count++;
			skip_ws(jp);
			if (*jp->p == ',' && jp->p < jp->end) {
				jp->p++;
				skip_ws(jp);
				continue;
			}
			if (*jp->p == '}' && jp->p < jp->end)
				break;
			return fail_unexpected(jp, jp->p, "',' or '}'");
		}
		if (check_duplicates(jp, base, count) < 0)
			return -1;
	}
	jp->p++;
	close_container(jp, v, base, count);
	return 0;
}

static int parse_value(struct jp *jp, struct jval *v)
{
	int rc;
	skip_ws(jp);
	v->off = off_of(jp, jp->p);
	char c = jp->p < jp->end ? *jp->p : '\0';
	if (c == '{' || c == '[') {
		if (++jp->depth > JTREE_MAX_DEPTH)
			return fail_at(jp, jp->p, "nested too deeply (more than %d levels)",
				       JTREE_MAX_DEPTH);
		rc = c == '{' ? parse_object(jp, v) : parse_array(jp, v);
		jp->depth--;
	} else if (c == '"') {
		rc = parse_string(jp, v);
	} else if (c == '-' || is_digit(c)) {
		rc = parse_number(jp, v);
	} else {
		rc = parse_word(jp, v);
	}
	v->end = off_of(jp, jp->p);
	return rc;
}

/* A lazy array (jp->p at its '['): only its end and its items are found — brackets
 * counted outside strings, commas at its own level — and v made JK_LAZY. Everything
 * else is checked when its items are built (jtree_items_next), which reads them
 * whole anyway. */
static int skim_array(struct jp *jp, struct jval *v)
{
	const char *p = jp->p + 1;
	unsigned depth = 1;
	uint32_t commas = 0;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	bool any = *p != ']';
	while (depth) {
		while (skim_class[(unsigned char)*p] == SK_PLAIN)
			p++;
		switch (skim_class[(unsigned char)*p]) {
		case SK_QUOTE:
			for (p++;;) {
				while (str_plain[(unsigned char)*p] || (unsigned char)*p >= 0x80)
					p++;
				if (*p == '"')
					break;
				if (p + (*p == '\\') >= jp->end)
					return fail_at(jp, jp->p, "unterminated array");
				p += *p == '\\' ? 2 : 1;
			}
			break;
		case SK_OPEN:
			depth++;
			break;
		case SK_CLOSE:
			depth--;
			break;
		case SK_COMMA:
			commas += depth == 1;
			break;
		case SK_NUL:
			if (p >= jp->end)
				return fail_at(jp, jp->p, "unterminated array");
			break;
		}
		p++;
	}
	v->kind = JK_LAZY;
	v->n = any ? commas + 1 : 0;
	jp->p = p;
	return 0;
}

/* A member's value; the bulk lists of commands and objects are left lazy. */
static int parse_member_value(struct jp *jp, const struct jval *key, struct jval *v)
{
	bool bulk = jp->depth <= JTREE_LAZY_DEPTH &&
		    ((key->n == 4 && !memcmp(key->u.s, "expr", 4)) ||
		     (key->n == 4 && !memcmp(key->u.s, "elem", 4)));
	if (bulk) {
		skip_ws(jp);
		bulk = *jp->p == '[' && jp->p < jp->end;
	}
	if (!bulk)
		return parse_value(jp, v);
	v->off = off_of(jp, jp->p);
	int rc = skim_array(jp, v);
	v->end = off_of(jp, jp->p);
	return rc;
}

struct jval *jtree_parse(struct arena *a, const char *text, size_t len,
			 struct jtree_error *err)
{
	if (len >= UINT32_MAX) {
		*err = (struct jtree_error){ .off = 0, .msg = "document too large" };
		return NULL;
	}
	struct jp jp = { .a = a, .err = err, .s = text, .p = text, .end = text + len };
	struct jval *root = arena_alloc(a, sizeof(*root));
	skip_ws(&jp);
	int rc;
	if (jp.p >= jp.end || (*jp.p != '{' && *jp.p != '['))
		rc = fail_unexpected(&jp, jp.p, "'{' or '['");
	else
		rc = parse_value(&jp, root);
	if (rc == 0) {
		skip_ws(&jp);
		if (jp.p < jp.end)
			rc = fail_at(&jp, jp.p, "the end of the input expected after the document");
	}
	free(jp.stk);
	return rc == 0 ? root : NULL;
}

/* ------------------------------------------------------------ lazy arrays */

void jtree_items_start(struct jtree_items *it, const char *text, const struct jval *lazy)
{
	*it = (struct jtree_items){ .base = lazy->off };
	it->s = text + lazy->off;
	it->end = text + lazy->end;
	it->p = it->s + 1;                        /* past the '[' */
	it->done = lazy->n == 0;
}

int jtree_items_next(struct jtree_items *it, struct arena *a, struct jval *out,
		     struct jtree_error *err)
{
	if (it->done)
		return 0;
	struct jp jp = {
		.s = it->s, .p = it->p, .end = it->end, .a = a, .stk = it->stk, .cap = it->cap,
		.depth = JTREE_LAZY_DEPTH + 1, .err = err, .base = it->base,
	};
	*out = (struct jval){ 0 };
	int rc = parse_value(&jp, out);
	if (rc == 0) {
		skip_ws(&jp);
		if ((*jp.p != ',' && *jp.p != ']') || jp.p >= jp.end)
			rc = fail_unexpected(&jp, jp.p, "',' or ']'");
		it->done = *jp.p == ']';
		jp.p++;
	}
	it->p = jp.p;
	it->stk = jp.stk;
	it->cap = jp.cap;
	return rc < 0 ? -1 : 1;
}

void jtree_items_end(struct jtree_items *it)
{
	free(it->stk);
	it->stk = NULL;
}
