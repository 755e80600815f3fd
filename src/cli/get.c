/* `get element` and `reset element`: asks the kernel for the elements a command names and prints the set
 * holding only those, as nft 1.1.4 does. The answer is the kernel's (NFT_MSG_GETSETELEM
 * without a dump, one NEWSETELEM per key asked); it is lifted and printed by the
 * listing's own lift and printer. An interval set that is no concatenation answers
 * with the bounds of the interval that holds each key: like nft, the interval is then
 * taken whole from the set's elements (dumped), so it prints as `list set` prints it.
 * Plain sets print sorted, as listed; interval sets in the order asked. nft prints
 * this text under -j too. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "../lift/lift.h"
#include "../ast/print.h"
#include "../types/family.h"
#include "../types/udata_attrs.h"

static int get_failed(struct run *r, const struct cmd *cmd, int err)
{
	return diag_error(&r->errs, &cmd->loc, "Could not process rule: %s", strerror(err));
}

/* nft prints the set of a get from a copy that keeps neither the typeof expressions,
 * the comment nor the set-wide statements: the same copy, of the kernel's set. */
static struct nl_set decl_as_get_prints(struct arena *a, const struct nl_set *s)
{
	struct nl_set c = *s;
	uint8_t *u = arena_alloc(a, s->udata_len + 1);
	uint32_t n = 0;
	for (uint32_t off = 0; s->udata && off + 2 <= s->udata_len;) {
		uint8_t type = s->udata[off], len = s->udata[off + 1];
		if (off + 2u + len > s->udata_len)
			break;
		if (type != UDATA_SET_KEY_TYPEOF && type != UDATA_SET_DATA_TYPEOF &&
		    type != UDATA_SET_COMMENT) {
			memcpy(u + n, s->udata + off, 2u + len);
			n += 2u + len;
		}
		off += 2u + len;
	}
	c.udata = n ? u : NULL;
	c.udata_len = n;
	c.exprs = NULL;
	c.elems = NULL;
	c.nelems = c.elems_cap = 0;
	return c;
}

/* `elems` of `set` (with its own key and data types) lifted, appended to `out` */
static void lift_some(struct lift_ctx *lc, const struct nl_set *set, struct nl_elem *elems,
		      uint32_t n, struct expr *out)
{
	struct nl_set part = *set;
	part.elems = elems;
	part.nelems = part.elems_cap = n;
	struct expr *got = lift_set_elems(lc, &part);
	for (uint32_t i = 0; got && i < got->list.n; i++)
		expr_list_add(lc->arena, &out->list, got->list.v[i]);
}

static bool is_end(const struct nl_elem *e)
{
	return e->flags & NFT_SET_ELEM_INTERVAL_END;
}

static int key_cmp(const uint8_t *a, const uint8_t *b, uint32_t len)
{
	return memcmp(a, b, len);
}

/* The interval of `cache` holding [lo, end) (end NULL: lo alone; an end of zero: to
 * the top): its start element, and in *endp its end element (NULL: it runs to the
 * top). The kernel orders an interval set's keys as bytes: so do we. */
static const struct nl_elem *interval_holding(const struct nl_set *cache, const uint8_t *lo,
					      const uint8_t *end, uint32_t kb,
					      const struct nl_elem **endp)
{
	static const uint8_t zero[64];
	bool to_top = end && kb <= sizeof(zero) && !key_cmp(end, zero, kb);
	for (uint32_t i = 0; i < cache->nelems; i++) {
		const struct nl_elem *s = &cache->elems[i];
		if (is_end(s) || s->key_len != kb || key_cmp(s->key, lo, kb) > 0)
			continue;
		const struct nl_elem *hi = NULL;   /* the lowest end above the start */
		for (uint32_t k = 0; k < cache->nelems; k++) {
			const struct nl_elem *e = &cache->elems[k];
			if (is_end(e) && e->key_len == kb && key_cmp(e->key, s->key, kb) > 0 &&
			    (!hi || key_cmp(e->key, hi->key, kb) < 0))
				hi = e;
		}
		if (hi && key_cmp(lo, hi->key, kb) >= 0)
			continue;
		if (end && (to_top ? hi != NULL
			    : key_cmp(end, s->key, kb) <= 0 || (hi && key_cmp(end, hi->key, kb) > 0)))
			continue;
		*endp = hi;
		return s;
	}
	return NULL;
}

/* An interval set's answer: each start (and the end that follows a range's start)
 * becomes the interval of the set holding it, in the order of the answer. */
static int lift_intervals(struct run *r, struct lift_ctx *lc, const struct nl_set *set,
			  const struct nl_set *got, struct expr *out)
{
	struct nl_set cache = *set;
	int n = nl_dump_elems(&r->cli->sock, lc->arena, &cache);
	if (n < 0)
		return n;
	uint32_t kb = set->key_len;
	for (uint32_t i = 0; i < got->nelems; i++) {
		const struct nl_elem *lo = &got->elems[i];
		if (is_end(lo) || lo->key_len != kb)
			continue;
		const struct nl_elem *end = NULL;
		if (i + 1 < got->nelems && is_end(&got->elems[i + 1]) &&
		    got->elems[i + 1].key_len == kb)
			end = &got->elems[++i];
		const struct nl_elem *hi = NULL;
		const struct nl_elem *s = interval_holding(&cache, lo->key, end ? end->key : NULL,
							   kb, &hi);
		if (!s)
			return -ENOENT;
		struct nl_elem pair[2] = { *s };
		/* the state is the answer's: a reset answers with what it then zeroed */
		if (lo->exprs)
			pair[0].exprs = lo->exprs;
		if (hi)
			pair[1] = *hi;
		lift_some(lc, set, pair, hi ? 2 : 1, out);
	}
	return 0;
}

/* The kernel's answer as the elements nft prints. 0 or -errno. */
static int lift_answer(struct run *r, struct lift_ctx *lc, const struct nl_set *set,
		       struct nl_set *got, struct expr *out)
{
	bool interval = set->flags & NFT_SET_INTERVAL;
	bool concat = set->nfields > 1;
	if (interval && !concat)
		return lift_intervals(r, lc, set, got, out);
	if (interval) {                     /* key and key end: one by one, as answered */
		for (uint32_t i = 0; i < got->nelems; i++)
			lift_some(lc, set, &got->elems[i], 1, out);
		return 0;
	}
	lift_some(lc, set, got->elems, got->nelems, out);   /* sorted, as listed */
	return 0;
}

static void print_got(struct run *r, const struct nl_set *set, const struct set_decl *d,
		      struct expr *elems)
{
	/* -t: the set without its elements, as nft prints it */
	bool shown = elems->list.n && !r->cli->o.po.terse;
	struct listed_set ls = { .set = d, .elems = shown ? elems : NULL };
	wr_printf(r->out, "table %s %s {\n", family_name(set->family), set->table);
	print_set(&ls, &r->cli->o.po, r->out);
	wr_puts(r->out, "}\n");
}

int run_get(struct run *r, struct cmd *cmd, const struct nl_set *req)
{
	int rc = cli_socket(r->cli);
	if (rc < 0)
		return diag_error(&r->errs, &cmd->loc, "cannot open netlink socket: %s",
				  strerror(-rc));
	struct arena a;
	arena_init(&a, 64 * 1024);
	struct nl_sock *s = &r->cli->sock;
	struct nl_set got = { .family = req->family, .table = req->table, .name = req->name };
	struct nl_set *sets = NULL;
	rc = nl_get_elems(s, &a, req, &got, cmd->op == CMD_RESET);
	int n = rc < 0 ? 0 : nl_dump_sets(s, &a, req->family, req->table, req->name, &sets);
	if (rc >= 0 && n < 0)
		rc = n;
	if (rc >= 0 && n != 1)
		rc = -ENOENT;
	struct expr *elems = expr_alloc(&a, EXPR_SET, NULL);
	struct lift_ctx lc = { .arena = &a, .family = req->family };
	if (rc >= 0)
		rc = lift_answer(r, &lc, &sets[0], &got, elems);
	if (rc >= 0) {
		struct nl_set shown = decl_as_get_prints(&a, &sets[0]);
		print_got(r, &sets[0], lift_set_decl(&a, &shown), elems);
		wr_flush(r->out);
	}
	arena_free(&a);
	return rc < 0 ? get_failed(r, cmd, -rc) : 0;
}
