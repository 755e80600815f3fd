/* Fuzz harness: user text through parse_source (lexer, grammar, defines, nested
 * table blocks). Inputs mentioning `include` are skipped so a mutated input never
 * reads files of the machine running the fuzzer. */
#define _GNU_SOURCE
#include "fuzz_common.h"
#include "parser/parser.h"
#include "util/diag.h"

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
	parse_source(&pc, &src, &cmds);
	struct writer w;
	writer_init_mem(&w);
	diag_print_all(&errs, &w);      /* error locations must stay inside the source */
	writer_free(&w);
	diag_list_free(&errs);
	arena_free(&a);
	return 0;
}
