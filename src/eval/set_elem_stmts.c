/* The stateful statements of one set element (`1.1.1.1 limit rate 1/second counter`):
 * checked against the set's own statements as nft checks them (the same number, the
 * same kinds in the same order; a set without any takes none, unless it is dynamic),
 * then lowered into the element's NFTA_SET_ELEM_EXPRESSIONS. An element without
 * statements sends none: the kernel gives it copies of the set's. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "set_elems.h"
#include "rule_ctx.h"
#include "eval_set_decl.h"

static bool is_stateful(enum stmt_kind k)
{
	return k == STMT_COUNTER || k == STMT_QUOTA || k == STMT_LIMIT || k == STMT_LAST ||
	       k == STMT_CONNLIMIT;
}

int elem_stmts_lower(struct elems_job *j, struct arena *a, struct nl_elem *ne,
		     const struct expr *elem)
{
	const struct stmt_list *l = elem->elem.stmts;
	if (!l || l->n == 0)
		return 0;
	struct eval_ctx *ec = j->ec;
	const struct nl_set *set = j->set;
	uint8_t kinds[NL_SET_STMTS_MAX];
	uint32_t nk;
	if (set->exprs) {
		set_stmt_kinds(set->exprs, kinds, &nk);
	} else {
		nk = set->nstmt_kinds;
		memcpy(kinds, set->stmt_kinds, sizeof(kinds));
	}
	/* a rule's own set (`iif vmap { "lo" counter : jump c }`) declares none: its
	 * elements carry what they like, as nft takes them */
	if (nk == 0 && !(set->flags & (NFT_SET_EVAL | NFT_SET_ANONYMOUS)))
		return diag_error(ec->errs, &l->v[0]->loc, "missing statement in set declaration");
	const struct loc *at = elem->elem.key ? &elem->elem.key->loc : &elem->loc;
	if ((elem->flags & EXPR_F_FIRST_STMTS) && (!nk || l->n != nk))
		return 0;
	if (nk && l->n != nk)
		return diag_error(ec->errs, at,
				  "number of statements mismatch, set expects %u but element has %u",
				  nk, l->n);
	struct rule_ctx rc;
	struct nl_rule scratch;
	struct lowered_list tmp;
	rule_ctx_scratch(&rc, ec, j->family, set->table, &scratch, &tmp);
	for (uint32_t i = 0; i < l->n; i++) {
		struct stmt *s = l->v[i];
		if (!is_stateful(s->kind))
			return diag_error(ec->errs, &s->loc, "stateful statement expected");
		uint32_t mark = scratch.prog.exprs.n;
		if (eval_lower_stmt(&rc, s) < 0)
			return -1;
		rc.reg_next = 0;
		if (scratch.prog.exprs.n != mark + 1)
			return diag_error(ec->errs, &s->loc, "stateful statement expected");
		enum vm_kind got = scratch.prog.exprs.v[mark].kind;
		if (nk && got != (enum vm_kind)kinds[i])
			return diag_error(ec->errs, &s->loc,
					  "statement mismatch, element expects %s, but set has type %s",
					  vm_descs[got].name, vm_descs[kinds[i]].name);
	}
	struct vm_exprs *out = arena_alloc(a, sizeof(*out));
	out->n = out->cap = scratch.prog.exprs.n;
	out->v = arena_memdup(a, scratch.prog.exprs.v, out->n * sizeof(*out->v));
	ne->exprs = out;
	ne->present |= 1u << NFTA_SET_ELEM_EXPRESSIONS;
	return 0;
}
