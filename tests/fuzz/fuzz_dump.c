/* Fuzz harness: a whole dump as read from the socket — a stream of netlink
 * messages (nlmsghdr included) of any mix of NEWTABLE/NEWCHAIN/NEWSET/NEWSETELEM/
 * NEWRULE/NEWOBJ/NEWFLOWTABLE/NEWGEN replies, NLMSG_ERROR acks (with extended-ACK
 * TLVs) and NLMSG_DONE; a set's elements may come in many NEWSETELEM messages.
 * Messages are walked with nl_msg_next, errors read with nl_msg_error, objects
 * decoded by their codec, elements attached to their set by name; then every
 * table is listed as `nft list ruleset` does (rules lifted with set lookups). */
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include "fuzz_common.h"
#include "netlink/sock_int.h"
#include "netlink/obj_data.h"

#define MAX_OBJS 64

struct decoded {
	struct nl_table tables[MAX_OBJS];
	struct nl_chain chains[MAX_OBJS];
	struct nl_set sets[MAX_OBJS];
	struct nl_rule rules[MAX_OBJS];
	struct nl_obj objs[MAX_OBJS];
	struct nl_flowtable flowtables[MAX_OBJS];
	uint32_t ntables, nchains, nsets, nrules, nobjs, nflowtables;
};

static const struct attr_policy elem_list_names[NFTA_SET_ELEM_LIST_MAX + 1] = {
	[NFTA_SET_ELEM_LIST_TABLE] = { AK_STR, 256 },
	[NFTA_SET_ELEM_LIST_SET] = { AK_STR, 256 },
};

static void decode_elems(struct arena *a, struct decoded *d, uint32_t family,
			 const uint8_t *p, size_t n)
{
	struct attr tb[NFTA_SET_ELEM_LIST_MAX + 1];
	if (attr_parse(p, n, elem_list_names, NFTA_SET_ELEM_LIST_MAX, tb) < 0 ||
	    !attr_ok(&tb[NFTA_SET_ELEM_LIST_TABLE]) || !attr_ok(&tb[NFTA_SET_ELEM_LIST_SET]))
		return;
	const char *table = attr_str(&tb[NFTA_SET_ELEM_LIST_TABLE]);
	const char *name = attr_str(&tb[NFTA_SET_ELEM_LIST_SET]);
	for (uint32_t i = 0; i < d->nsets; i++) {
		struct nl_set *s = &d->sets[i];
		if (s->family == family && fuzz_str_eq(s->table, table) && fuzz_str_eq(s->name, name)) {
			dec_elem_list(a, p, n, s);
			return;
		}
	}
}

static void decode_msg(struct arena *a, struct decoded *d, const struct nlmsghdr *h)
{
	if (h->nlmsg_type == NLMSG_ERROR) {
		int err;
		uint32_t seq;
		const char *ext;
		uint32_t attr_off;
		if (nl_msg_error(h, &err, &seq, &ext, &attr_off) == 0 && ext)
			(void)strlen(ext);
		return;
	}
	if ((h->nlmsg_type >> 8) != NFNL_SUBSYS_NFTABLES)
		return;
	const uint8_t *p = (const uint8_t *)h + NLMSG_HDRLEN;
	size_t n = h->nlmsg_len - NLMSG_HDRLEN;
	uint32_t family;
	if (fuzz_split_nfgen(&p, &n, &family) < 0)
		return;
	switch (h->nlmsg_type & 0xff) {
	case NFT_MSG_NEWTABLE:
		if (d->ntables < MAX_OBJS && nl_decode(a, NL_TABLE, p, n, family, &d->tables[d->ntables]) == 0)
			d->ntables++;
		break;
	case NFT_MSG_NEWCHAIN:
		if (d->nchains < MAX_OBJS && nl_decode(a, NL_CHAIN, p, n, family, &d->chains[d->nchains]) == 0)
			d->nchains++;
		break;
	case NFT_MSG_NEWSET:
		if (d->nsets < MAX_OBJS && nl_decode(a, NL_SET, p, n, family, &d->sets[d->nsets]) == 0)
			d->nsets++;
		break;
	case NFT_MSG_NEWRULE:
		if (d->nrules < MAX_OBJS && nl_decode(a, NL_RULE, p, n, family, &d->rules[d->nrules]) == 0)
			d->nrules++;
		break;
	case NFT_MSG_NEWSETELEM:
		decode_elems(a, d, family, p, n);
		break;
	case NFT_MSG_NEWOBJ:
		if (d->nobjs < MAX_OBJS && nl_decode(a, NL_OBJ, p, n, family, &d->objs[d->nobjs]) == 0)
			d->nobjs++;
		break;
	case NFT_MSG_NEWFLOWTABLE:
		if (d->nflowtables < MAX_OBJS &&
		    nl_decode(a, NL_FLOWTABLE, p, n, family, &d->flowtables[d->nflowtables]) == 0)
			d->nflowtables++;
		break;
	}
}

/* One table's listing: its sets (elements lifted), chains and lifted rules. */
static void list_table(struct arena *a, struct decoded *d, struct fuzz_sets *all,
		       const struct nl_table *t, struct writer *w)
{
	struct listed_table lt = { .table = lift_table(a, t) };
	lt.sets = arena_alloc(a, sizeof(*lt.sets) * (d->nsets + 1));
	lt.chains = arena_alloc(a, sizeof(*lt.chains) * (d->nchains + 1));
	struct lift_ctx lc = fuzz_lift_ctx(a, t->family, all);
	for (uint32_t i = 0; i < d->nsets; i++) {
		const struct nl_set *s = &d->sets[i];
		if (s->family != t->family || !fuzz_str_eq(s->table, t->name) ||
		    (s->flags & NFT_SET_ANONYMOUS))
			continue;
		lt.sets[lt.nsets].set = lift_set_decl(a, s);
		lt.sets[lt.nsets].elems = lift_set_elems(&lc, s);
		lt.nsets++;
	}
	for (uint32_t i = 0; i < d->nchains; i++) {
		const struct nl_chain *c = &d->chains[i];
		if (c->family != t->family || !fuzz_str_eq(c->table, t->name))
			continue;
		struct listed_chain *lch = &lt.chains[lt.nchains++];
		lch->chain = lift_chain(a, c);
		lch->rules = arena_alloc(a, sizeof(*lch->rules) * (d->nrules + 1));
		for (uint32_t j = 0; j < d->nrules; j++) {
			const struct nl_rule *r = &d->rules[j];
			if (r->family != t->family || !fuzz_str_eq(r->table, t->name) ||
			    !fuzz_str_eq(r->chain, c->name))
				continue;
			struct rule *ru = arena_alloc(a, sizeof(*ru));
			lift_rule(&lc, r, ru);
			lch->rules[lch->nrules++] = ru;
		}
	}
	struct obj_decl **objs = arena_alloc(a, sizeof(*objs) * (d->nobjs + 1));
	struct flowtable_decl **fts = arena_alloc(a, sizeof(*fts) * (d->nflowtables + 1));
	for (uint32_t i = 0; i < d->nobjs; i++)
		if (d->objs[i].family == t->family && fuzz_str_eq(d->objs[i].table, t->name))
			objs[lt.nobjs++] = lift_obj(a, &d->objs[i]);
	for (uint32_t i = 0; i < d->nflowtables; i++)
		if (d->flowtables[i].family == t->family &&
		    fuzz_str_eq(d->flowtables[i].table, t->name))
			fts[lt.nflowtables++] = lift_flowtable(a, &d->flowtables[i]);
	lt.objs = objs;
	lt.flowtables = fts;
	struct print_opts plain = { 0 };
	struct print_opts all_opts = { .handle = true, .numeric = true, .stateless = true };
	print_table(&lt, &plain, w);
	print_table(&lt, &all_opts, w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct decoded *d = arena_alloc(&a, sizeof(*d));
	size_t off = 0;
	const struct nlmsghdr *h;
	while ((h = nl_msg_next(data, size, &off)))
		decode_msg(&a, d, h);
	struct fuzz_sets all = { .v = d->sets, .n = d->nsets };
	struct writer w;
	writer_init_mem(&w);
	for (uint32_t i = 0; i < d->ntables; i++)
		list_table(&a, d, &all, &d->tables[i], &w);
	writer_free(&w);
	arena_free(&a);
	return 0;
}
