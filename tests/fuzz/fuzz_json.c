/* Fuzz harness: JSON documents (-j input). First nftc's JSON reader (json_tree.c)
 * against libjansson, the library nft reads JSON with (linked here only): both must
 * accept or both refuse each input, and what both accept must be the same values, in
 * the same order — any difference aborts. Then json_parse_source — the command,
 * expression and statement readers — and eval_lower_cmd for every command, with an
 * empty set cache (no kernel), printing what was lowered as `-d netlink` text and
 * every error with its location, so a location outside the text or a node the readers
 * built half-way shows up. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdlib.h>
#include "fuzz_common.h"
#include "json/json_read.h"
#include "json/json_tree.h"
#include "eval/eval.h"
#include "util/diag.h"

static const struct known_set *no_set(void *priv, uint32_t family, const char *table,
				      const char *name)
{
	(void)priv; (void)family; (void)table; (void)name;
	return NULL;
}

static const struct eval_cache_ops empty_cache = { .find_set = no_set };

/* The tree with its lazy arrays built, as the readers build them; NULL when building
 * one fails (a duplicate key inside it). */
static struct jval *built(struct arena *a, const char *text, struct jval *v)
{
	if (v->kind == JK_LAZY) {
		struct jtree_items it;
		struct jtree_error e;
		struct jval *items = arena_alloc(a, (v->n ? v->n : 1) * sizeof(*items));
		uint32_t n = 0;
		int got;
		jtree_items_start(&it, text, v);
		while (n < v->n && (got = jtree_items_next(&it, a, &items[n], &e)) > 0)
			n++;
		jtree_items_end(&it);
		if (n != v->n)
			return NULL;
		struct jval *arr = arena_alloc(a, sizeof(*arr));
		*arr = (struct jval){ .off = v->off, .end = v->end, .n = n, .kind = JK_ARRAY,
				      .u.items = items };
		v = arr;
	}
	if (v->kind == JK_ARRAY || v->kind == JK_OBJECT) {
		size_t k = v->kind == JK_ARRAY ? v->n : 2 * (size_t)v->n;
		for (size_t i = 0; i < k; i++) {
			struct jval *b = built(a, text, &v->u.items[i]);
			if (!b)
				return NULL;
			v->u.items[i] = *b;
		}
	}
	return v;
}

static void same_or_abort(const json_t *j, const struct jval *v)
{
	bool same = false;
	switch (v->kind) {
	case JK_NULL: same = json_is_null(j); break;
	case JK_TRUE: same = json_is_true(j); break;
	case JK_FALSE: same = json_is_false(j); break;
	case JK_INTEGER: same = json_is_integer(j) && json_integer_value(j) == v->u.i; break;
	case JK_REAL: same = json_is_real(j) && json_real_value(j) == v->u.d; break;
	case JK_STRING:
		same = json_is_string(j) && json_string_length(j) == v->n &&
		       !memcmp(json_string_value(j), v->u.s, v->n) && !v->u.s[v->n];
		break;
	case JK_ARRAY:
		same = json_is_array(j) && json_array_size(j) == v->n;
		for (size_t i = 0; same && i < v->n; i++)
			same_or_abort(json_array_get(j, i), &v->u.items[i]);
		break;
	case JK_OBJECT: {
		same = json_is_object(j) && json_object_size(j) == v->n;
		size_t i = 0;
		for (void *it = json_object_iter((json_t *)j); same && it;
		     it = json_object_iter_next((json_t *)j, it), i++)
			same = !strcmp(json_object_iter_key(it), jv_key_at(v, i));
		for (i = 0; same && i < v->n; i++)
			same_or_abort(json_object_get(j, jv_key_at(v, i)), jv_val_at(v, i));
		break;
	}
	}
	if (!same)
		abort();
}

/* nftc's reader and jansson agree on `text`, or abort. Not compared: a text with a
 * NUL byte, which RFC 8259 has nowhere outside a string's escapes and nftc refuses,
 * but json_loadb lets through in places (after a number, for one) — and nft, which
 * reads its input as a C string, stops at. */
static void differential(const char *text, size_t size)
{
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct jtree_error e;
	struct jval *root = jtree_parse(&a, text, size, &e);
	if (root)
		root = built(&a, text, root);
	json_error_t je;
	json_t *j = memchr(text, '\0', size) ? NULL :
		    json_loadb(text, size, JSON_REJECT_DUPLICATES, &je);
	if (!j && memchr(text, '\0', size)) {
		if (root)
			abort();                 /* nftc must refuse it */
		arena_free(&a);
		return;
	}
	if (!root != !j)
		abort();
	if (root)
		same_or_abort(j, root);
	json_decref(j);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	char *text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	differential(text, size);
	struct source src = { .name = "<fuzz>", .text = text, .len = size };
	struct diag_list errs;
	diag_list_init(&errs);
	static const char *no_dirs[] = { NULL };
	struct parse_ctx pc = { .arena = &a, .errs = &errs, .include_dirs = no_dirs };
	struct cmd_list cmds = { 0 };
	struct writer w;
	writer_init_mem(&w);
	if (json_parse_source(&pc, &src, &cmds) == 0) {
		struct eval_ctx ec = { .arena = &a, .errs = &errs, .cache = &empty_cache,
				       .next_set_id = 1 };
		struct lowered_list out = { 0 };
		for (uint32_t i = 0; i < cmds.n; i++)
			if (cmds.v[i]->op != CMD_LIST)
				eval_lower_cmd(&ec, cmds.v[i], &out);
		for (uint32_t j = 0; j < out.n; j++) {
			const struct lowered *l = &out.v[j];
			if (l->kind == LOWERED_RULE)
				nl_debug_rule(l->rule, &w);
			else if (l->kind == LOWERED_SET || l->kind == LOWERED_ELEMS)
				nl_debug_set(l->set, &w);
		}
	}
	diag_print_all(&errs, &w);
	writer_free(&w);
	diag_list_free(&errs);
	arena_free(&a);
	return 0;
}
