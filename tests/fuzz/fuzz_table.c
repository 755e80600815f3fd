/* Fuzz harness: one NFT_MSG_NEWTABLE reply body (nfgenmsg + attributes) through
 * nl_decode (NL_TABLE) and lift_table, then printed as an (empty) listed table and as a table
 * header. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t family;
	if (fuzz_split_nfgen(&data, &size, &family) < 0)
		return 0;
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_table t;
	memset(&t, 0, sizeof(t));
	if (nl_decode(&a, NL_TABLE, data, size, family, &t) == 0) {
		struct writer w;
		writer_init_mem(&w);
		struct print_opts po = { .handle = true };
		struct listed_table lt = { .table = lift_table(&a, &t) };
		print_table(&lt, &po, &w);
		print_table_header(lt.table, &po, &w);
		writer_free(&w);
	}
	arena_free(&a);
	return 0;
}
