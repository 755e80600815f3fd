/* The conformance runner's text comparisons (payload_match, set_aware_equal) in C,
 * for the offline round-trip test. Kept apart from the test driver so the rules of
 * comparison can be read (and checked against the runner) on their own. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "roundtrip_text.h"

/* ------------------------------------------------------------ small string lists */

struct strs {
	char **v;
	size_t n, cap;
};

static void strs_add(struct strs *l, const char *p, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, p, n);
	s[n] = 0;
	l->v[l->n++] = s;
}

static void strs_free(struct strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Python's str.strip() bounds of p[0..n). */
static void strip(const char **p, size_t *n)
{
	while (*n && isspace((unsigned char)**p))
		(*p)++, (*n)--;
	while (*n && isspace((unsigned char)(*p)[*n - 1]))
		(*n)--;
}

/* re.sub(r"\s+", " ", s) into a fresh string. */
static char *collapse_ws(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	if (!out)
		abort();
	while (*s) {
		if (isspace((unsigned char)*s)) {
			while (isspace((unsigned char)*s))
				s++;
			*o++ = ' ';
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

/* ------------------------------------------------------------ payloads */

/* payload_lines(): lines holding both '[' and ']', stripped, minus the
 * "family ... [nf_tables]" header lines. */
static void payload_lines(const char *text, struct strs *out)
{
	const char *p = text;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;
		size_t m = n;
		bool keep = memchr(p, '[', n) && memchr(p, ']', n);
		if (keep && n >= 7 && !memcmp(p, "family ", 7)) {
			char *line = strndup(p, n);
			if (strstr(line, " [nf_tables]"))
				keep = false;
			free(line);
		}
		if (keep) {
			strip(&q, &m);
			strs_add(out, q, m);
		}
		p = e ? e + 1 : NULL;
	}
}

/* elem_set(): the "[end]"-separated pieces, stripped, as a sorted unique list. */
static void elem_set(const char *line, struct strs *out)
{
	const char *p = line;
	for (;;) {
		const char *e = strstr(p, "[end]");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;
		strip(&q, &n);
		if (n)
			strs_add(out, q, n);
		if (!e)
			break;
		p = e + 5;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (k && !strcmp(out->v[k - 1], out->v[i])) {
			free(out->v[i]);
			continue;
		}
		out->v[k++] = out->v[i];
	}
	out->n = k;
}

static bool elem_line(const char *s)
{
	return strstr(s, "element") && strstr(s, "[end]");
}

static bool elem_sets_equal(const char *a, const char *b)
{
	struct strs x = { 0 }, y = { 0 };
	elem_set(a, &x);
	elem_set(b, &y);
	bool eq = x.n == y.n;
	for (size_t i = 0; eq && i < x.n; i++)
		eq = !strcmp(x.v[i], y.v[i]);
	strs_free(&x);
	strs_free(&y);
	return eq;
}

int rt_payload_match(const char *want_text, const char *got_text, char *why, size_t why_cap)
{
	struct strs want = { 0 }, got = { 0 };
	payload_lines(want_text, &want);
	payload_lines(got_text ? got_text : "", &got);
	int r = 1;
	if (!want.n)
		r = -1;
	for (size_t i = 0; r == 1 && i < want.n; i++) {
		if (i >= got.n) {
			if (why)
				snprintf(why, why_cap, "missing '%s'", want.v[i]);
			r = 0;
			break;
		}
		char *w = collapse_ws(want.v[i]), *g = collapse_ws(got.v[i]);
		bool same = !strcmp(w, g);
		free(w);
		free(g);
		if (same)
			continue;
		if (elem_line(want.v[i]) && elem_line(got.v[i]) &&
		    elem_sets_equal(want.v[i], got.v[i]))
			continue;
		if (why)
			snprintf(why, why_cap, "got '%s' want '%s'", got.v[i], want.v[i]);
		r = 0;
	}
	strs_free(&want);
	strs_free(&got);
	return r;
}

/* ------------------------------------------------------------ listings */

/* re.sub(r"\s*([:,{}]|\s-\s)\s*", <group stripped>, t) */
static char *squeeze_punct(const char *t)
{
	size_t n = strlen(t);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		abort();
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		if (j < n && strchr(":,{}", t[j])) {
			*o++ = t[j];
			j++;
		} else if (j > i && j + 1 < n && t[j] == '-' && isspace((unsigned char)t[j + 1])) {
			*o++ = '-';
			j += 2;
		} else {
			*o++ = t[i++];
			continue;
		}
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		i = j;
	}
	*o = 0;
	return out;
}

/* re.sub(r"\{([^{}]*)\}", <items split on ',', stripped, sorted, joined by ','>, t) */
static char *sort_innermost_sets(const char *t)
{
	size_t n = strlen(t);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		abort();
	size_t i = 0;
	while (i < n) {
		if (t[i] != '{') {
			*o++ = t[i++];
			continue;
		}
		size_t j = i + 1;
		while (j < n && t[j] != '{' && t[j] != '}')
			j++;
		if (j >= n || t[j] == '{') {
			*o++ = t[i++];
			continue;
		}
		struct strs items = { 0 };
		size_t k = i + 1;
		for (;;) {
			size_t e = k;
			while (e < j && t[e] != ',')
				e++;
			const char *q = t + k;
			size_t m = e - k;
			strip(&q, &m);
			strs_add(&items, q, m);
			if (e >= j)
				break;
			k = e + 1;
		}
		qsort(items.v, items.n, sizeof(*items.v), cmp_str);
		*o++ = '{';
		for (size_t x = 0; x < items.n; x++) {
			if (x)
				*o++ = ',';
			size_t m = strlen(items.v[x]);
			memcpy(o, items.v[x], m);
			o += m;
		}
		*o++ = '}';
		strs_free(&items);
		i = j + 1;
	}
	*o = 0;
	return out;
}

static char *norm_listing(const char *t)
{
	const char *p = t;
	size_t n = strlen(t);
	strip(&p, &n);
	char *s0 = strndup(p, n);
	char *s1 = collapse_ws(s0);
	char *s2 = squeeze_punct(s1);
	char *s3 = sort_innermost_sets(s2);
	free(s0);
	free(s1);
	free(s2);
	return s3;
}

bool rt_listing_equal(const char *want, const char *got)
{
	if (!strcmp(want, got))
		return true;
	char *a = norm_listing(want), *b = norm_listing(got);
	bool eq = !strcmp(a, b);
	free(a);
	free(b);
	return eq;
}
