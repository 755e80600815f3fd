/* nftc's JSON reader (src/json/json_tree.c) on the corners of RFC 8259: what it must
 * refuse (and where it says the fault is), what it must accept and the values it
 * builds, and its lazy arrays (a rule's "expr", a set's "elem") built an item at a
 * time. The fuzz harness (tests/fuzz/fuzz_json.c) compares it with libjansson on
 * mutated documents; these are the cases written down. */
#include <stdio.h>
#include <string.h>
#include "json/json_tree.h"

static int test_no, failures;

static void check(int ok, const char *name, const char *input)
{
	printf("%sok %d - %s: %s\n", ok ? "" : "not ", ++test_no, name, input);
	failures += !ok;
}

static struct jval *parse(struct arena *a, const char *text, struct jtree_error *e)
{
	return jtree_parse(a, text, strlen(text), e);
}

/* Refused, with the fault at byte `off` and `word` in the message. */
static void refused(const char *text, uint32_t off, const char *word)
{
	struct arena a;
	arena_init(&a, 4096);
	struct jtree_error e = { 0 };
	struct jval *v = parse(&a, text, &e);
	check(!v && e.off == off && strstr(e.msg, word), "refused", text);
	if (v || e.off != off || !strstr(e.msg, word))
		printf("# got %s, at %u: %s\n", v ? "a tree" : "an error", e.off, e.msg);
	arena_free(&a);
}

/* Accepted; the root's first item (array) or first member's value (object). */
static const struct jval *first(struct arena *a, const char *text)
{
	struct jtree_error e = { 0 };
	struct jval *v = parse(a, text, &e);
	if (!v) {
		printf("# refused at %u: %s\n", e.off, e.msg);
		return NULL;
	}
	return v->kind == JK_ARRAY ? jv_item(v, 0) : jv_members(v) ? jv_val_at(v, 0) : NULL;
}

static void strings(void)
{
	struct arena a;
	arena_init(&a, 4096);
	const struct jval *v = first(&a, "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]");
	check(v && v->n == 12 && !memcmp(v->u.s, "a\"b\\c/d\b\f\n\r\t", 13), "simple escapes", "");
	v = first(&a, "[\"\\u00e9\\u20AC\\ud83d\\ude00\"]");
	check(v && v->n == 9 && !strcmp(v->u.s, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
	      "\\u escapes and a surrogate pair", "é€😀");
	v = first(&a, "[\"\xc3\xa9\xf4\x8f\xbf\xbf\"]");
	check(v && v->n == 6, "UTF-8 up to U+10FFFF", "");
	v = first(&a, "{\"k\" : \"\"}");
	check(v && v->kind == JK_STRING && v->n == 0 && !v->u.s[0], "empty string", "");
	arena_free(&a);
	refused("[\"abc]", 1, "unterminated");
	refused("[\"a\tb\"]", 3, "control character");
	refused("[\"\\x\"]", 2, "invalid escape");
	refused("[\"\\u12\"]", 2, "\\u");
	refused("[\"\\u0000\"]", 2, "\\u0000");
	refused("[\"\\udc00\"]", 2, "low surrogate");
	refused("[\"\\ud800x\"]", 2, "high surrogate");
	refused("[\"\\ud800\\u0041\"]", 2, "high surrogate");
	refused("[\"\xc0\xaf\"]", 2, "UTF-8");           /* overlong '/' */
	refused("[\"\xed\xa0\x80\"]", 2, "UTF-8");       /* a surrogate in UTF-8 */
	refused("[\"\xf4\x90\x80\x80\"]", 2, "UTF-8");   /* past U+10FFFF */
	refused("[\"\xe2\x82\"]", 2, "UTF-8");           /* cut short */
	refused("[\"\xff\"]", 2, "UTF-8");
}

static void numbers(void)
{
	struct arena a;
	arena_init(&a, 4096);
	const struct jval *v = first(&a, "[-9223372036854775808]");
	check(v && v->kind == JK_INTEGER && v->u.i == (-9223372036854775807LL - 1), "LLONG_MIN", "");
	v = first(&a, "[9223372036854775807]");
	check(v && v->kind == JK_INTEGER && v->u.i == 9223372036854775807LL, "LLONG_MAX", "");
	v = first(&a, "[0]");
	check(v && v->kind == JK_INTEGER && v->u.i == 0, "zero", "");
	v = first(&a, "[-1.5e2]");
	check(v && v->kind == JK_REAL && v->u.d == -150.0, "a real", "");
	v = first(&a, "[1E-2]");
	check(v && v->kind == JK_REAL, "an exponent makes a real", "");
	arena_free(&a);
	refused("[9223372036854775808]", 1, "too big integer");
	refused("[-9223372036854775809]", 1, "too big negative integer");
	refused("[1e999]", 1, "overflow");
	refused("[01]", 2, "',' or ']'");
	refused("[1.]", 1, "after '.'");
	refused("[.5]", 1, "a value");
	refused("[-]", 1, "invalid number");
	refused("[1e+]", 1, "exponent");
	refused("[+1]", 1, "a value");
}

static void structure(void)
{
	struct arena a;
	arena_init(&a, 4096);
	struct jtree_error e;
	struct jval *v = parse(&a, " \n\t{\"a\": [true, false, null], \"b\": {}}\r\n", &e);
	check(v && v->kind == JK_OBJECT && v->n == 2 && !strcmp(jv_key_at(v, 1), "b") &&
	      jv_count(jv_get(v, "a")) == 3 && jv_is_null(jv_item(jv_get(v, "a"), 2)) &&
	      jv_members(jv_get(v, "b")) == 0, "an object, in the text's order", "");
	check(v && v->off == 3 && v->end == 38 && jv_get(v, "a")->off == 9,
	      "each value knows its bytes", "");
	arena_free(&a);
	refused("", 0, "'{' or '['");
	refused("  ", 2, "end of the input");
	refused("\"text\"", 0, "'{' or '['");
	refused("42", 0, "'{' or '['");
	refused("[1,]", 3, "a value");
	refused("[1 2]", 3, "',' or ']'");
	refused("{\"a\" 1}", 5, "':'");
	refused("{\"a\":1,}", 7, "object key");
	refused("{a:1}", 1, "object key");
	refused("{\"a\":1,\"a\":2}", 7, "duplicate");
	refused("[] []", 3, "end of the input");
	refused("[tru]", 1, "a value");
	refused("[nul", 1, "a value");
	refused("[1", 2, "end of the input");
	/* a NUL byte is not white space */
	arena_init(&a, 4096);
	v = jtree_parse(&a, "[\"a\"\0]", 6, &e);
	check(!v && e.off == 4 && strstr(e.msg, "byte 0x00"), "refused", "a NUL byte");
	arena_free(&a);
	/* 2048 levels are taken, 2049 are not */
	char deep[4200];
	for (int n = 2048; n <= 2049; n++) {
		memset(deep, '[', (size_t)n);
		memset(deep + n, ']', (size_t)n);
		deep[2 * n] = '\0';
		arena_init(&a, 4096);
		v = parse(&a, deep, &e);
		check(n == 2048 ? v != NULL : !v && strstr(e.msg, "nested"), "nesting limit",
		      n == 2048 ? "2048 levels" : "2049 levels");
		arena_free(&a);
	}
	/* the large-object duplicate check (sorted) */
	char big[2048] = "{";
	for (int i = 0; i < 40; i++)
		sprintf(big + strlen(big), "%s\"k%d\":%d", i ? "," : "", i % 39, i);
	strcat(big, "}");
	arena_init(&a, 4096);
	v = parse(&a, big, &e);
	check(!v && strstr(e.msg, "duplicate object key \"k0\"") &&
	      !strncmp(big + e.off, "\"k0\":39", 7), "a duplicate among 40 keys, the later one", "k0");
	arena_free(&a);
}

static void lazy(void)
{
	const char *doc = "{\"nftables\": [{\"add\": {\"rule\": {\"chain\": \"c\", "
			  "\"expr\": [{\"accept\": null}, {\"x\": [\"\\u0041\", {\"a\": 1, \"a\": 2}]}]}}}, "
			  "{\"set\": {\"elem\": [1, [2, 3]], \"stmt\": [{\"elem\": [4]}]}}]}";
	struct arena a;
	arena_init(&a, 4096);
	struct jtree_error e;
	struct jval *root = parse(&a, doc, &e);
	struct jval *rule = root ? jv_get(jv_get(jv_item(jv_get(root, "nftables"), 0), "add"), "rule") : NULL;
	struct jval *exprs = jv_get(rule, "expr");
	check(jv_is_lazy(exprs) && exprs->n == 2 && jv_count(exprs) == 0,
	      "a rule's expr is lazy, with its count", "");
	struct jval *set = root ? jv_get(jv_item(jv_get(root, "nftables"), 1), "set") : NULL;
	struct jval *elems = jv_get(set, "elem");
	check(jv_is_lazy(elems) && elems->n == 2, "a set's elem is lazy", "");
	struct jval *stmts = jv_get(set, "stmt");
	check(jv_is_array(stmts) && jv_is_array(jv_get(jv_item(stmts, 0), "elem")),
	      "an elem deeper than the objects is built", "");
	struct jtree_items it;
	struct jval item;
	jtree_items_start(&it, doc, exprs);
	int r1 = jtree_items_next(&it, &a, &item, &e);
	check(r1 == 1 && jv_is_null(jv_get(&item, "accept")) &&
	      !memcmp(doc + item.off, "{\"accept\"", 9), "the first item, offsets in the text", "");
	int r2 = jtree_items_next(&it, &a, &item, &e);
	check(r2 == -1 && strstr(e.msg, "duplicate") && !memcmp(doc + e.off, "\"a\": 2", 6),
	      "a duplicate key is found when the item is built", "");
	jtree_items_end(&it);
	jtree_items_start(&it, doc, elems);
	int n = 0;
	while (jtree_items_next(&it, &a, &item, &e) == 1)
		n++;
	jtree_items_end(&it);
	check(n == 2 && item.kind == JK_ARRAY && item.n == 2, "every item, then the end", "");
	arena_free(&a);
	/* what is wrong inside a lazy list is found as its items are built */
	static const struct { const char *doc; uint32_t n, ok, off; const char *word; } bad[] = {
		{ "{\"expr\": [1, \"\\q\"]}", 2, 1, 14, "invalid escape" },
		{ "{\"elem\": [1,]}", 2, 1, 12, "a value" },
		{ "{\"elem\": [1 2]}", 1, 0, 12, "',' or ']'" },
		{ "{\"elem\": [[1}, 2]}", 2, 0, 12, "',' or ']'" },
		{ "{\"expr\": [{\"a\" 1}]}", 1, 0, 15, "':'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		arena_init(&a, 4096);
		root = parse(&a, bad[i].doc, &e);
		struct jval *list = root ? jv_val_at(root, 0) : NULL;
		int ok = jv_is_lazy(list) && list->n == bad[i].n, got = 0, r;
		if (ok) {
			jtree_items_start(&it, bad[i].doc, list);
			while ((r = jtree_items_next(&it, &a, &item, &e)) == 1)
				got++;
			jtree_items_end(&it);
			ok = r == -1 && (uint32_t)got == bad[i].ok && e.off == bad[i].off &&
			     strstr(e.msg, bad[i].word);
			if (!ok)
				printf("# %d items, then %d at %u: %s\n", got, r, e.off, e.msg);
		}
		check(ok, "refused when built", bad[i].doc);
		arena_free(&a);
	}
	refused("{\"expr\": [1, \"abc]}", 9, "unterminated array");
	refused("{\"elem\": [[1, 2]", 9, "unterminated array");
}

int main(void)
{
	strings();
	numbers();
	structure();
	lazy();
	printf("%d passed, %d failed\n", test_no - failures, failures);
	return failures ? 1 : 0;
}
