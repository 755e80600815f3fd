/* The constants of src/util/nf_tables_uapi.h against the installed UAPI headers:
 * where the headers declare a name, ours must be the kernel's value (a wrong one once
 * sent `meta set unknown` for `meta broute set 1`); where they do not, the header's
 * own definition is checked against the same list. */
#include <stdio.h>
#include "util/nf_tables_uapi.h"
#include "types/keys.h"

static int test_no, failures;

static void check(int ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, name);
	failures += !ok;
}

int main(void)
{
#define CHECK_ONE(name, value) check((name) == (value), #name " is " #value);
	NFTC_UAPI_CONSTANTS(CHECK_ONE)
	const struct meta_key *k = meta_key_by_name("broute");
	check(k && k->key == 35, "meta broute is NFT_META_BRI_BROUTE (35)");
	printf("%d passed, %d failed\n", test_no - failures, failures);
	return failures ? 1 : 0;
}
