/* Element commands on interval sets against the kernel's ranges (src/eval/
 * interval_merge.c), on 16-bit keys written as ranges: what an auto-merge add joins
 * and a delete cuts (checked as the ranges the set holds afterwards: kernel ranges,
 * minus what is deleted, plus what is added), and what a set without auto-merge
 * refuses. The cases are the ones nft 1.1.4 was seen to treat so (see the bats test
 * of the same name for the kernel's side). */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "eval/interval_merge.h"

static int test_no, failures;

static void check(int ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, name);
	failures += !ok;
}

/* "10-20 30" → a set in the kernel's form: starts, and ends one past (none at 65535),
 * each 16-bit key big endian; `sentinel` puts nft's leading zero end first. */
static struct nl_set *set_of(struct arena *a, const char *text, bool sentinel)
{
	struct nl_set *s = arena_alloc(a, sizeof(*s));
	s->key_len = 2;
	s->flags = NFT_SET_INTERVAL;
	s->elems = arena_alloc(a, 64 * sizeof(*s->elems));
	unsigned lo, hi;
	int used;
	if (sentinel) {
		uint8_t *z = arena_alloc(a, 2);
		s->elems[s->nelems++] = (struct nl_elem){ .key = z, .key_len = 2,
							  .flags = NFT_SET_ELEM_INTERVAL_END };
	}
	for (const char *p = text; *p;) {
		if (sscanf(p, "%u-%u%n", &lo, &hi, &used) == 2)
			;
		else if (sscanf(p, "%u%n", &lo, &used) == 1)
			hi = lo;
		else
			break;
		p += used;
		while (*p == ' ')
			p++;
		uint8_t *k = arena_alloc(a, 2);
		k[0] = (uint8_t)(lo >> 8), k[1] = (uint8_t)lo;
		s->elems[s->nelems++] = (struct nl_elem){ .key = k, .key_len = 2 };
		if (hi == 0xffff)
			continue;
		uint8_t *e = arena_alloc(a, 2);
		e[0] = (uint8_t)((hi + 1) >> 8), e[1] = (uint8_t)(hi + 1);
		s->elems[s->nelems++] = (struct nl_elem){ .key = e, .key_len = 2,
							  .flags = NFT_SET_ELEM_INTERVAL_END };
	}
	return s;
}

static unsigned key_of(const struct nl_elem *e)
{
	return (unsigned)e->key[0] << 8 | e->key[1];
}

/* The kernel's ranges after deleting del's and adding add's, as "lo-hi" text. */
static void after(const struct nl_set *kern, const struct nl_set *del,
		  const struct nl_set *add, char *out, size_t n)
{
	unsigned char on[65536];
	memset(on, 0, sizeof(on));
	const struct nl_set *sets[3] = { kern, del, add };
	for (int w = 0; w < 3; w++) {
		const struct nl_set *s = sets[w];
		for (uint32_t i = 0; i < s->nelems; i++) {
			if (s->elems[i].flags & NFT_SET_ELEM_INTERVAL_END)
				continue;
			unsigned lo = key_of(&s->elems[i]), hi = 0xffff;
			if (i + 1 < s->nelems && (s->elems[i + 1].flags & NFT_SET_ELEM_INTERVAL_END))
				hi = key_of(&s->elems[i + 1]) - 1;
			for (unsigned k = lo; k <= hi; k++)
				on[k] = w != 1;
		}
	}
	size_t len = 0;
	out[0] = '\0';
	for (unsigned k = 0; k < 65536;) {
		if (!on[k]) {
			k++;
			continue;
		}
		unsigned lo = k;
		while (k < 65536 && on[k])
			k++;
		len += (size_t)snprintf(out + len, n - len, "%s%u-%u", len ? " " : "", lo, k - 1);
	}
}

static void merged(const char *kern, const char *req, enum interval_op op, const char *want)
{
	struct arena a;
	arena_init(&a, 4096);
	struct nl_set *k = set_of(&a, kern, true), *r = set_of(&a, req, op == INTERVAL_ADD);
	struct nl_set *del = NULL, *add = NULL;
	const char *why = NULL;
	enum interval_result res = interval_reconcile(&a, k, r, op, true, &del, &add, &why);
	char got[512] = "";
	if (res == INTERVAL_REPLACED)
		after(k, del, add, got, sizeof(got));
	char name[256];
	snprintf(name, sizeof(name), "auto-merge: {%s} %s {%s} -> {%s}", kern,
		 op == INTERVAL_ADD ? "add" : "delete", req, want);
	check(res == INTERVAL_REPLACED && !strcmp(got, want), name);
	if (res != INTERVAL_REPLACED || strcmp(got, want))
		printf("# got %d {%s} %s\n", res, got, why ? why : "");
	arena_free(&a);
}

static void refused(const char *kern, const char *req, enum interval_op op, bool automerge,
		    const char *word)
{
	struct arena a;
	arena_init(&a, 4096);
	struct nl_set *k = set_of(&a, kern, true), *r = set_of(&a, req, false);
	struct nl_set *del = NULL, *add = NULL;
	const char *why = NULL;
	enum interval_result res = interval_reconcile(&a, k, r, op, automerge, &del, &add, &why);
	char name[256];
	snprintf(name, sizeof(name), "%s: {%s} %s {%s} refused (%s)",
		 automerge ? "auto-merge" : "plain", kern, op == INTERVAL_ADD ? "add" : "delete",
		 req, word);
	check(res == INTERVAL_ERROR && why && strstr(why, word), name);
	arena_free(&a);
}

static void as_is(const char *kern, const char *req, enum interval_op op)
{
	struct arena a;
	arena_init(&a, 4096);
	struct nl_set *k = set_of(&a, kern, true), *r = set_of(&a, req, false);
	struct nl_set *del = NULL, *add = NULL;
	const char *why = NULL;
	char name[256];
	snprintf(name, sizeof(name), "plain: {%s} %s {%s} sent as it is", kern,
		 op == INTERVAL_ADD ? "add" : "delete", req);
	check(interval_reconcile(&a, k, r, op, false, &del, &add, &why) == INTERVAL_AS_IS, name);
	arena_free(&a);
}

int main(void)
{
	/* what nft 1.1.4 did with the same commands */
	merged("10-20 30-40", "21-25", INTERVAL_ADD, "10-25 30-40");
	merged("10-14 16-25 31-35 39-40", "26-28", INTERVAL_ADD, "10-14 16-28 31-35 39-40");
	merged("10-20 30-40", "15-35", INTERVAL_ADD, "10-40");
	merged("10-20", "50", INTERVAL_ADD, "10-20 50-50");
	merged("65280-65535", "0-65280", INTERVAL_ADD, "0-65535");
	merged("10-20 30-40", "15", INTERVAL_DELETE, "10-14 16-20 30-40");
	merged("10-20 30-40", "30 36-38", INTERVAL_DELETE, "10-20 31-35 39-40");
	merged("0-65535", "0-65535", INTERVAL_DELETE, "");
	merged("100-65535", "65535", INTERVAL_DELETE, "100-65534");
	refused("10-14 16-25", "10-29", INTERVAL_DELETE, true, "element does not exist");
	refused("10-20", "50", INTERVAL_DELETE, true, "element does not exist");
	refused("10-20 30-40", "1-11", INTERVAL_ADD, false, "overlaps with an existing one");
	refused("10-20 30-40", "15", INTERVAL_DELETE, false, "element does not exist");
	as_is("10-20 30-40", "21-25", INTERVAL_ADD);
	as_is("10-20 30-40", "30-40", INTERVAL_DELETE);
	printf("%d passed, %d failed\n", test_no - failures, failures);
	return failures ? 1 : 0;
}
