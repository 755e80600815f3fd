/* Fuzz harness: one NFT_MSG_NEWSET reply body (nfgenmsg + attributes) through
 * dec_set, then printed (declaration only: type/typeof from the key types and
 * udata, flags, timeouts, set expressions). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t family;
	if (fuzz_split_nfgen(&data, &size, &family) < 0)
		return 0;
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_set s;
	memset(&s, 0, sizeof(s));
	if (nl_decode(&a, NL_SET, data, size, family, &s) == 0) {
		struct writer w;
		writer_init_mem(&w);
		struct print_opts po = { .handle = true };
		struct listed_set ls = { .set = lift_set_decl(&a, &s) };
		print_set(&ls, &po, &w);
		nl_debug_set(&s, &w);
		writer_free(&w);
	}
	arena_free(&a);
	return 0;
}
