/* Eval's view of sets that already exist: those declared earlier in the same batch
 * (remembered as they are lowered) and those in the kernel (fetched once, by name). */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"

void run_remember_set(struct run *r, struct known_set *ks)
{
	if (r->nsets == r->sets_cap) {
		r->sets_cap = r->sets_cap ? r->sets_cap * 2 : 16;
		r->sets = xrealloc(r->sets, r->sets_cap * sizeof(*r->sets));
	}
	r->sets[r->nsets++] = ks;
}

static struct expr *one_type(struct arena *a, uint32_t id, uint32_t len_bits, enum byteorder bo)
{
	const struct datatype *dt = datatype_by_id((enum dtype_id)id);
	if (!dt)
		dt = &dt_integer;
	struct expr *e = expr_alloc(a, EXPR_VALUE, NULL);
	e->dtype = dt;
	e->len = len_bits ? len_bits : dt->size;
	e->byteorder = bo != BYTEORDER_INVALID ? bo : dt->byteorder;
	e->value.len = e->len;
	return e;
}

struct expr *set_type_template(struct arena *a, uint32_t type_id, uint32_t len_bytes,
			       enum byteorder bo)
{
	if (type_id == NFT_DATA_VERDICT) {
		struct expr *e = expr_alloc(a, EXPR_VERDICT, NULL);
		e->dtype = &dt_verdict;
		return e;
	}
	/* concatenations pack the ids TYPE_BITS apart, first field in the highest bits */
	uint32_t ids[8], n = 0;
	for (uint32_t t = type_id; t && n < 8; t >>= TYPE_BITS)
		ids[n++] = t & ((1u << TYPE_BITS) - 1);
	if (n <= 1)
		return one_type(a, type_id, len_bytes * 8, bo);
	struct expr *cat = expr_alloc(a, EXPR_CONCAT, NULL);
	uint32_t total = 0;
	for (uint32_t i = n; i-- > 0;) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)ids[i]);
		uint32_t bits = dt && dt->size ? dt->size : 32;
		struct expr *f = one_type(a, ids[i], bits, BYTEORDER_INVALID);
		expr_list_add(a, &cat->list, f);
		total += (bits + 31) / 32 * 32;
	}
	cat->len = total;
	cat->dtype = &dt_invalid;
	return cat;
}

static const struct known_set *find_set(void *priv, uint32_t family, const char *table,
					const char *name)
{
	struct run *r = priv;
	for (uint32_t i = r->nsets; i-- > 0;) {
		const struct known_set *ks = r->sets[i];
		if (ks->family == family && !strcmp(ks->table, table) && !strcmp(ks->name, name))
			return ks;
	}
	if (cli_socket(r->cli) < 0)
		return NULL;
	struct nl_set *sets = NULL;
	int n = nl_dump_sets(&r->cli->sock, &r->arena, family, table, name, &sets);
	for (int i = 0; i < n; i++) {
		if (strcmp(sets[i].name, name))
			continue;
		struct known_set *ks = arena_alloc(&r->arena, sizeof(*ks));
		ks->family = family;
		ks->table = arena_strdup(&r->arena, table);
		ks->name = arena_strdup(&r->arena, name);
		ks->flags = sets[i].flags;
		ks->key_type = sets[i].key_type;
		ks->key_len = sets[i].key_len;
		ks->data_type = sets[i].data_type;
		ks->data_len = sets[i].data_len;
		ks->key_expr = set_type_template(&r->arena, ks->key_type, ks->key_len,
						 BYTEORDER_INVALID);
		if (ks->flags & NFT_SET_MAP)
			ks->data_expr = set_type_template(&r->arena, ks->data_type, ks->data_len,
							  BYTEORDER_INVALID);
		run_remember_set(r, ks);
		return ks;
	}
	return NULL;
}

const struct eval_cache_ops run_set_cache_ops = {
	.find_set = find_set,
};
