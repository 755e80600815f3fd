/* Text comparisons of the conformance runner (nft-py-conformance), ported to C so the
 * offline round-trip test judges payloads and listings exactly as the runner does:
 * which lines of `-d netlink` output count, how set elements may be reordered, and
 * how a listing is normalised before comparison. */
#ifndef NFTC_ROUNDTRIP_TEXT_H
#define NFTC_ROUNDTRIP_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* The runner's payload_match(): 1 match, 0 mismatch, -1 when `want` has no bytecode
 * lines (no check). On mismatch, `why` (if not NULL) gets the first differing pair. */
int rt_payload_match(const char *want, const char *got, char *why, size_t why_cap);

/* The runner's set_aware_equal(): equal after whitespace/punctuation normalisation,
 * with the items of every innermost `{...}` sorted. */
bool rt_listing_equal(const char *want, const char *got);

#endif
