/* Shared by the fuzz harnesses: what happens to decoded kernel objects after the
 * decoder (lift + print, as `nft list` does), a lookup of decoded sets for lift,
 * and reading the nfgenmsg header at the front of a captured message body. */
#ifndef NFTC_FUZZ_COMMON_H
#define NFTC_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nfnetlink.h>
#include "netlink/netlink.h"
#include "netlink/codec.h"
#include "lift/lift.h"
#include "ast/print.h"
#include "util/arena.h"
#include "util/writer.h"

#define FUZZ_ARENA_BLOCK 4096     /* small: a fresh 64K block per run costs page faults */
#define FUZZ_NFGEN_LEN 4         /* NLMSG_ALIGN(sizeof(struct nfgenmsg)) */

/* The sets a listing decoded, for lift's `@name` lookups (NULL-safe on names,
 * since a hostile reply may omit NFTA_SET_TABLE / NFTA_SET_NAME). */
struct fuzz_sets {
	struct nl_set *v;
	uint32_t n;
};

static inline int fuzz_str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static inline const struct nl_set *fuzz_find_set(void *priv, const char *table, const char *name)
{
	const struct fuzz_sets *s = priv;
	for (uint32_t i = 0; s && i < s->n; i++)
		if (fuzz_str_eq(s->v[i].table, table) && fuzz_str_eq(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

static const struct lift_sets_ops fuzz_sets_ops = { .find = fuzz_find_set };

static inline struct lift_ctx fuzz_lift_ctx(struct arena *a, uint32_t family, struct fuzz_sets *sets)
{
	struct lift_ctx lc = { .arena = a, .family = family, .sets = &fuzz_sets_ops,
			       .sets_priv = sets };
	return lc;
}

/* Lift a decoded rule and print it twice (plain and with -a -n -s style options). */
static inline void fuzz_lift_print_rule(struct arena *a, uint32_t family, struct fuzz_sets *sets,
					const struct nl_rule *nr)
{
	struct lift_ctx lc = fuzz_lift_ctx(a, family, sets);
	struct rule *ru = arena_alloc(a, sizeof(*ru));
	if (lift_rule(&lc, nr, ru) < 0)
		return;
	struct writer w;
	writer_init_mem(&w);
	struct print_opts plain = { 0 };
	struct print_opts all = { .numeric = true, .numeric_proto = true, .numeric_time = true,
				  .stateless = true, .handle = true, .numeric_prio = true };
	print_rule(ru, &plain, &w);
	print_rule(ru, &all, &w);
	writer_free(&w);
}

/* An aligned copy of exactly n bytes (freed by the caller). */
static inline uint8_t *fuzz_dup(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n ? n : 1);
	if (!q)
		abort();
	memcpy(q, p, n);
	return q;
}

/* The body of a captured reply starts with nfgenmsg: its family, then attributes. */
static inline int fuzz_split_nfgen(const uint8_t **p, size_t *n, uint32_t *family)
{
	if (*n < FUZZ_NFGEN_LEN)
		return -1;
	*family = (*p)[0];
	*p += FUZZ_NFGEN_LEN;
	*n -= FUZZ_NFGEN_LEN;
	return 0;
}

#endif
