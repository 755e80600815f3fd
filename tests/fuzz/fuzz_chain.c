/* Fuzz harness: one NFT_MSG_NEWCHAIN reply body (nfgenmsg + attributes) through
 * nl_decode (NL_CHAIN), then printed as `nft list chain` would (plain and with -a -y). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t family;
	if (fuzz_split_nfgen(&data, &size, &family) < 0)
		return 0;
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_chain c;
	memset(&c, 0, sizeof(c));
	if (nl_decode(&a, NL_CHAIN, data, size, family, &c) == 0) {
		struct writer w;
		writer_init_mem(&w);
		struct print_opts plain = { 0 };
		struct print_opts all = { .handle = true, .numeric_prio = true };
		struct listed_chain lc = { .chain = lift_chain(&a, &c) };
		print_chain(&lc, &plain, &w);
		print_chain(&lc, &all, &w);
		writer_free(&w);
	}
	arena_free(&a);
	return 0;
}
