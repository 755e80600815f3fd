/* Constructors for the "other" expressions — numgen, jhash, symhash, fib, rt,
 * socket — as EXPR_NUMGEN/HASH/FIB/RT/SOCKET{other.key = the kernel's NFT_*
 * value, flags, mod, offset, seed, arg}, the shape lift produces. Keywords are
 * read from one table per expression. */
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "build.h"

struct other_word {
	enum expr_kind kind;
	const char *word;
	uint32_t key;
	uint32_t flags;               /* other.flags implied by the word */
};

static const struct other_word other_words[] = {
	{ EXPR_NUMGEN, "inc", NFT_NG_INCREMENTAL },
	{ EXPR_NUMGEN, "random", NFT_NG_RANDOM },
	{ EXPR_HASH, "jhash", NFT_HASH_JENKINS },
	{ EXPR_HASH, "symhash", NFT_HASH_SYM },
	{ EXPR_FIB, "oif", NFT_FIB_RESULT_OIF },
	{ EXPR_FIB, "oifname", NFT_FIB_RESULT_OIFNAME },
	{ EXPR_FIB, "type", NFT_FIB_RESULT_ADDRTYPE },
	{ EXPR_FIB, "check", NFT_FIB_RESULT_OIF, NFTA_FIB_F_PRESENT },
	{ EXPR_RT, "classid", NFT_RT_CLASSID },
	{ EXPR_RT, "nexthop", NFT_RT_NEXTHOP4 },
	{ EXPR_RT, "mtu", NFT_RT_TCPMSS },
	{ EXPR_RT, "ipsec", NFT_RT_XFRM },
	{ EXPR_SOCKET, "transparent", NFT_SOCKET_TRANSPARENT },
	{ EXPR_SOCKET, "mark", NFT_SOCKET_MARK },
	{ EXPR_SOCKET, "wildcard", NFT_SOCKET_WILDCARD },
	{ EXPR_SOCKET, "cgroupv2", NFT_SOCKET_CGROUPV2 },
};

/* fib lookup inputs, as NFTA_FIB_F_* bits */
static const struct {
	const char *word;
	uint32_t flag;
} fib_inputs[] = {
	{ "saddr", NFTA_FIB_F_SADDR }, { "daddr", NFTA_FIB_F_DADDR },
	{ "mark", NFTA_FIB_F_MARK }, { "iif", NFTA_FIB_F_IIF }, { "oif", NFTA_FIB_F_OIF },
};

static int fib_input(struct pstate *ps, struct expr *e, const struct expr *w)
{
	for (size_t i = 0; i < sizeof(fib_inputs) / sizeof(fib_inputs[0]); i++)
		if (!strcmp(fib_inputs[i].word, w->sym.str)) {
			e->other.flags |= fib_inputs[i].flag;
			return 0;
		}
	return diag_error(ps->ctx->errs, &w->loc, "syntax error, unexpected %s", w->sym.str);
}

/* arg: jhash input; fib inputs (symbol or list); rt family word (ip/ip6). */
struct expr *b_other(struct pstate *ps, const struct loc *l, enum expr_kind k, const char *word,
		     struct expr *arg, const char *mod)
{
	const struct other_word *row = NULL;
	for (size_t i = 0; i < sizeof(other_words) / sizeof(other_words[0]); i++)
		if (other_words[i].kind == k && !strcmp(other_words[i].word, word))
			row = &other_words[i];
	if (!row) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", word);
		return NULL;
	}
	struct expr *e = expr_alloc(ps->a, k, l);
	e->other.key = row->key;
	e->other.flags = row->flags;
	uint64_t n;
	if (mod) {                              /* modulus; socket cgroupv2: level */
		if (!b_uint(ps, l, mod, UINT32_MAX, &n))
			return NULL;
		e->other.mod = (uint32_t)n;
	}
	if (k == EXPR_HASH)
		e->other.arg = arg;
	if (k == EXPR_FIB) {
		if (arg->kind == EXPR_SYMBOL)
			return fib_input(ps, e, arg) ? NULL : e;
		for (uint32_t i = 0; i < arg->list.n; i++)
			if (fib_input(ps, e, arg->list.v[i]))
				return NULL;
	}
	if (k == EXPR_RT && arg) {
		/* `rt ip|ip6 KEY`: the family says which next hop; other keys ignore it,
		 * as nft does */
		uint32_t nf;
		if (!b_ip_family(ps, &arg->loc, arg->sym.str, &nf))
			return NULL;
		if (row->key == NFT_RT_NEXTHOP4 && nf == NFPROTO_IPV6)
			e->other.key = NFT_RT_NEXTHOP6;
		e->other.mod = 1;
	}
	return e;
}

struct expr *b_other_opt(struct pstate *ps, struct expr *e, const struct loc *l, const char *opt,
			 const char *n)
{
	uint64_t v;
	if (!strcmp(opt, "seed") && e->kind == EXPR_HASH && e->other.key == NFT_HASH_JENKINS) {
		if (!b_uint(ps, l, n, UINT32_MAX, &v))
			return NULL;
		e->other.seed = (uint32_t)v;
		e->other.flags = 1;                     /* seed given */
	} else if (!strcmp(opt, "offset") && (e->kind == EXPR_HASH || e->kind == EXPR_NUMGEN)) {
		if (!b_uint(ps, l, n, UINT32_MAX, &v))
			return NULL;
		e->other.offset = (uint32_t)v;
	} else {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", opt);
		return NULL;
	}
	e->loc = loc_join(&e->loc, l);
	return e;
}
