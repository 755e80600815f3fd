/* Fuzz harness: the payload of NFTA_RULE_EXPRESSIONS (a list of NFTA_LIST_ELEM)
 * through nl_decode_exprs, then lifted and printed as a rule of table ip "t"
 * chain "c"; the `-d netlink` text of the decoded program is printed too. The
 * first byte picks the family so every family's lift tables are reached. */
#include <linux/netfilter.h>
#include "fuzz_common.h"

static const uint8_t families[] = { NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_INET, NFPROTO_BRIDGE,
				    NFPROTO_ARP, NFPROTO_NETDEV };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint32_t family = families[data[0] % sizeof(families)];
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	/* the kernel's attributes are 4-aligned: realign what follows the family byte
	 * (malloc of the exact size, so ASan sees any read past the end) */
	size--;
	uint8_t *copy = fuzz_dup(data + 1, size);
	data = copy;
	struct nl_rule r;
	memset(&r, 0, sizeof(r));
	r.family = family;
	r.table = "t";
	r.chain = "c";
	if (nl_decode_exprs(&a, data, size, &r.prog.exprs) == 0) {
		struct writer w;
		writer_init_mem(&w);
		nl_debug_rule(&r, &w);
		writer_free(&w);
		fuzz_lift_print_rule(&a, family, NULL, &r);
	}
	arena_free(&a);
	free(copy);
	return 0;
}
