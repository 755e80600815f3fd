/* Fuzz harness: user text through parse_source and then eval_lower_cmd for every
 * command, with an empty set cache (no kernel). What gets lowered is printed as
 * `-d netlink` text and every rule's program is encoded, decoded again, lifted and
 * printed, so a lowering that produces something the reverse path chokes on shows
 * up too. Inputs mentioning `include` are skipped (no file reads). */
#define _GNU_SOURCE
#include "fuzz_common.h"
#include "parser/parser.h"
#include "eval/eval.h"
#include "util/diag.h"

static const struct known_set *no_set(void *priv, uint32_t family, const char *table,
				      const char *name)
{
	(void)priv; (void)family; (void)table; (void)name;
	return NULL;
}

static const struct eval_cache_ops empty_cache = { .find_set = no_set };

static void reverse(struct arena *a, const struct nl_rule *r)
{
	size_t cap = nl_encode_exprs(&r->prog.exprs, NULL, 0);
	uint8_t *buf = malloc(cap ? cap : 1);
	size_t n = nl_encode_exprs(&r->prog.exprs, buf, cap);
	if (n > 0 && n <= cap) {
		struct nl_rule back;
		memset(&back, 0, sizeof(back));
		back.family = r->family;
		back.table = r->table;
		back.chain = r->chain;
		if (nl_decode_exprs(a, buf, n, &back.prog.exprs) == 0)
			fuzz_lift_print_rule(a, r->family, NULL, &back);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memmem(data, size, "include", 7))
		return 0;
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
	if (parse_source(&pc, &src, &cmds) == 0) {
		struct eval_ctx ec = { .arena = &a, .errs = &errs, .cache = &empty_cache,
				       .next_set_id = 1 };
		struct lowered_list out = { 0 };
		for (uint32_t i = 0; i < cmds.n; i++) {
			struct cmd *c = cmds.v[i];
			if (c->op == CMD_LIST)
				continue;
			if (!c->rules_of) {
				eval_lower_cmd(&ec, c, &out);
				continue;
			}
			/* a chain block's rules kept as text: each its own command, as
			 * commit.c lowers them (parsed only now) */
			for (uint32_t k = 0; k < c->rules_of->nrules; k++) {
				struct cmd one = *c;
				one.rules_of = NULL;
				one.rule = c->rules_of->rules[k];
				one.loc = one.rule->loc;
				eval_lower_cmd(&ec, &one, &out);
			}
		}
		for (uint32_t j = 0; j < out.n; j++) {
			const struct lowered *l = &out.v[j];
			if (l->kind == LOWERED_RULE) {
				nl_debug_rule(l->rule, &w);
				reverse(&a, l->rule);
			} else if (l->kind == LOWERED_SET || l->kind == LOWERED_ELEMS) {
				nl_debug_set(l->set, &w);
			}
		}
	}
	diag_print_all(&errs, &w);
	writer_free(&w);
	diag_list_free(&errs);
	arena_free(&a);
	return 0;
}
