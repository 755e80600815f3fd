/* Fuzz harness: a set and its elements as the kernel returns them. Input:
 * u16 (little endian) length L, L bytes of an NFT_MSG_NEWSET reply body, then an
 * NFT_MSG_NEWSETELEM reply body (each body = nfgenmsg + attributes). The set goes
 * through dec_set, the elements through dec_elem_list, then lift_set_elems and
 * print_set, as `nft list set` does. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t set_len = (size_t)data[0] | (size_t)data[1] << 8;
	data += 2;
	size -= 2;
	if (set_len > size)
		return 0;
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	/* each body gets its own aligned copy of the exact size, as a receive buffer
	 * would be aligned, and so ASan sees reads past either end */
	uint8_t *scopy = fuzz_dup(data, set_len), *ecopy = fuzz_dup(data + set_len, size - set_len);
	const uint8_t *sp = scopy, *ep = ecopy;
	size_t sn = set_len, en = size - set_len;
	uint32_t family, efamily;
	if (fuzz_split_nfgen(&sp, &sn, &family) < 0 || fuzz_split_nfgen(&ep, &en, &efamily) < 0) {
		arena_free(&a);
		free(scopy);
		free(ecopy);
		return 0;
	}
	struct nl_set s;
	memset(&s, 0, sizeof(s));
	if (nl_decode(&a, NL_SET, sp, sn, family, &s) == 0 && dec_elem_list(&a, ep, en, &s) == 0) {
		struct fuzz_sets sets = { .v = &s, .n = 1 };
		struct lift_ctx lc = fuzz_lift_ctx(&a, family, &sets);
		struct listed_set ls = { .set = lift_set_decl(&a, &s),
					 .elems = lift_set_elems(&lc, &s) };
		struct writer w;
		writer_init_mem(&w);
		struct print_opts plain = { 0 };
		struct print_opts all = { .handle = true, .numeric = true, .numeric_time = true };
		print_set(&ls, &plain, &w);
		print_set(&ls, &all, &w);
		nl_debug_set(&s, &w);
		writer_free(&w);
	}
	arena_free(&a);
	free(scopy);
	free(ecopy);
	return 0;
}
