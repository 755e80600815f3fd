/* Fuzz harness: one NFT_MSG_NEWRULE reply body (nfgenmsg + attributes) through
 * nl_decode (NL_RULE), then lift and print, as `nft list` treats a dumped rule. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t family;
	if (fuzz_split_nfgen(&data, &size, &family) < 0)
		return 0;
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_rule r;
	memset(&r, 0, sizeof(r));
	if (nl_decode(&a, NL_RULE, data, size, family, &r) == 0)
		fuzz_lift_print_rule(&a, family, NULL, &r);
	arena_free(&a);
	return 0;
}
