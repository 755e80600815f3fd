/* Fuzz harness: a JSON document (libnftables-json(5)) through json_parse_source and
 * then eval_lower_cmd for every command, with an empty set cache (no kernel), the
 * lowered rules printed as `-d netlink` text: the JSON readers of src/json build the
 * grammar's AST from hostile trees (wrong types, missing and unknown members, deep
 * nesting), and eval must take whatever they build. Seeds: the rules of the
 * conformance .t.json files as documents (tests/fuzz/corpus/json). */
#define _GNU_SOURCE
#include "fuzz_common.h"
#include "parser/parser.h"
#include "json/json_read.h"
#include "eval/eval.h"
#include "util/diag.h"

static const struct known_set *no_set(void *priv, uint32_t family, const char *table,
				      const char *name)
{
	(void)priv; (void)family; (void)table; (void)name;
	return NULL;
}

static const struct eval_cache_ops empty_cache = { .find_set = no_set };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	char *text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
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
			if (cmds.v[i]->op != CMD_LIST && !cmds.v[i]->rules_of)
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
	parse_ctx_release(&pc);
	arena_free(&a);
	return 0;
}
