/* eval_lower_cmd: one command (add/create/insert/replace/delete/destroy/flush/rename of
 * tables, chains, rules, sets, maps, elements) → the nl_* objects and netlink message
 * types/flags nft would send for it. Statements are delegated to eval_lower_stmt, sets
 * to eval_set_decl, chains to eval_chain_decl, elements to eval_lower_elems. */
#include <string.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include "interval_merge.h"
#include "eval.h"
#include "rule_ctx.h"
#include "eval_chain.h"
#include "eval_set_decl.h"
#include "udata.h"
#include "eval_obj.h"
#include "eval_get.h"

/* Newer kernels' destroy messages (delete without ENOENT), missing in older headers. */
enum {
	MSG_DESTROYTABLE = 26, MSG_DESTROYCHAIN = 27, MSG_DESTROYRULE = 28,
	MSG_DESTROYSET = 29, MSG_DESTROYSETELEM = 30,
};

static const struct lowered_delete_row table_delete = {
	LOWERED_TABLE, NFT_MSG_DELTABLE, MSG_DESTROYTABLE, NFTA_TABLE_NAME, NFTA_TABLE_HANDLE,
	"table",
};
static const struct lowered_delete_row chain_delete = {
	LOWERED_CHAIN, NFT_MSG_DELCHAIN, MSG_DESTROYCHAIN, NFTA_CHAIN_NAME, NFTA_CHAIN_HANDLE,
	"chain",
};
static const struct lowered_delete_row set_delete = {
	LOWERED_SET, NFT_MSG_DELSET, MSG_DESTROYSET, NFTA_SET_NAME, NFTA_SET_HANDLE, "set",
};

static struct lowered *push(struct eval_ctx *ctx, struct lowered_list *out,
			    enum lowered_kind kind, uint16_t msg, uint16_t flags)
{
	return lowered_append(ctx->arena, out, kind, msg, flags);
}


static const struct loc *cmd_loc(const struct cmd *cmd, const struct loc *l)
{
	return l && l->src ? l : &cmd->loc;
}

static int need_table(struct eval_ctx *ctx, const struct cmd *cmd)
{
	if (!cmd->h.table)
		return diag_error(ctx->errs, &cmd->loc, "missing table name");
	return 0;
}

/* ---------------------------------------------------------------- tables */

static int lower_table(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	struct nl_table *t = arena_alloc(ctx->arena, sizeof(*t));
	t->family = cmd->h.family;
	t->name = cmd->h.table;
	if (t->name)
		t->present |= 1u << NFTA_TABLE_NAME;

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE: {
		if (need_table(ctx, cmd) < 0)
			return -1;
		struct table_decl *d = cmd->table;
		t->flags = d ? d->flags : 0;
		t->present |= 1u << NFTA_TABLE_FLAGS;
		if (d && udata_comment(ctx->arena, d->comment, &t->udata, &t->udata_len) < 0)
			return diag_error(ctx->errs, &d->loc,
					  "comment too long, %d characters maximum allowed",
					  UDATA_COMMENT_MAXLEN);
		if (t->udata)
			t->present |= 1u << NFTA_TABLE_USERDATA;
		/* nft sends NEWTABLE without NLM_F_CREATE: add → 0, create → EXCL */
		push(ctx, out, LOWERED_TABLE, NFT_MSG_NEWTABLE,
		     cmd->op == CMD_CREATE ? NLM_F_EXCL : 0)->table = t;
		return 0;
	}
	case CMD_DELETE:
	case CMD_DESTROY:
		return lowered_delete(ctx, cmd, out, &table_delete, t, &t->name, &t->handle,
				      &t->present);
	case CMD_FLUSH: {
		if (need_table(ctx, cmd) < 0)
			return -1;
		struct nl_rule *r = arena_alloc(ctx->arena, sizeof(*r));
		r->family = cmd->h.family;
		r->table = cmd->h.table;
		r->present = 1u << NFTA_RULE_TABLE;
		push(ctx, out, LOWERED_RULE, NFT_MSG_DELRULE, 0)->rule = r;
		return 0;
	}
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on tables");
	}
}

/* ---------------------------------------------------------------- chains */

static struct nl_chain *chain_of_cmd(struct eval_ctx *ctx, struct cmd *cmd)
{
	struct nl_chain *c = arena_alloc(ctx->arena, sizeof(*c));
	c->family = cmd->h.family;
	c->table = cmd->h.table;
	c->name = cmd->h.chain;
	/* cmd->chain shares a union with new_name: only add/create carry a declaration */
	if (!c->name && cmd->chain && (cmd->op == CMD_ADD || cmd->op == CMD_CREATE))
		c->name = cmd->chain->name;
	c->present = 1u << NFTA_CHAIN_TABLE;
	if (c->name)
		c->present |= 1u << NFTA_CHAIN_NAME;
	return c;
}

static int lower_chain(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (need_table(ctx, cmd) < 0)
		return -1;
	struct nl_chain *c = chain_of_cmd(ctx, cmd);

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
		if (!c->name)
			return diag_error(ctx->errs, &cmd->loc, "missing chain name");
		if (cmd->chain && eval_chain_decl(ctx, cmd->h.family, cmd->chain, c) < 0)
			return -1;
		push(ctx, out, LOWERED_CHAIN, NFT_MSG_NEWCHAIN, lowered_new_flags(cmd))->chain = c;
		return 0;
	case CMD_DELETE:
	case CMD_DESTROY:
		return lowered_delete(ctx, cmd, out, &chain_delete, c, &c->name, &c->handle,
				      &c->present);
	case CMD_FLUSH: {
		struct nl_rule *r = arena_alloc(ctx->arena, sizeof(*r));
		r->family = cmd->h.family;
		r->table = cmd->h.table;
		r->chain = c->name;
		r->present = (1u << NFTA_RULE_TABLE) | (1u << NFTA_RULE_CHAIN);
		push(ctx, out, LOWERED_RULE, NFT_MSG_DELRULE, 0)->rule = r;
		return 0;
	}
	case CMD_RENAME: {
		/* the kernel renames by handle: NEWCHAIN with the handle and the new name */
		uint64_t handle = cmd->h.has_handle ? cmd->h.handle : 0;
		if (!handle && c->name && ctx->cache && ctx->cache->chain_handle)
			handle = ctx->cache->chain_handle(ctx->cache_priv, cmd->h.family,
							  cmd->h.table, c->name);
		if (!handle)
			return diag_error(ctx->errs, cmd_loc(cmd, &cmd->h.chain_loc),
					  "Could not process rule: No such file or directory");
		if (!cmd->new_name || !*cmd->new_name || strlen(cmd->new_name) >= 256)
			return diag_error(ctx->errs, &cmd->loc, "invalid chain name");
		c->handle = handle;
		c->name = cmd->new_name;
		c->present |= (1u << NFTA_CHAIN_HANDLE) | (1u << NFTA_CHAIN_NAME);
		push(ctx, out, LOWERED_CHAIN, NFT_MSG_NEWCHAIN, 0)->chain = c;
		return 0;
	}
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on chains");
	}
}

/* ---------------------------------------------------------------- rules */

/* Statements after which nothing else in the rule can run (nft refuses them). */
static bool stmt_is_terminal(const struct stmt *s)
{
	switch (s->kind) {
	case STMT_VERDICT:
		/* `continue` lets the rule go on */
		return s->expr && s->expr->kind == EXPR_VERDICT &&
		       s->expr->verdict.code != NFT_CONTINUE;
	case STMT_REJECT:
	case STMT_NAT:
	case STMT_QUEUE:
	case STMT_FWD:
		return true;
	default:
		return false;
	}
}

/* The text a kernel error about this statement's expressions points at: for a jump
 * or goto, the target chain's name (the last word of the statement), as nft shows it. */
static struct loc stmt_error_loc(const struct stmt *s)
{
	struct loc l = s->loc;
	const struct expr *v = s->kind == STMT_VERDICT ? s->expr : NULL;
	if (v && v->kind == EXPR_VERDICT && v->verdict.chain && l.src &&
	    (l.last_line == 0 || l.last_line == l.line)) {
		uint32_t n = (uint32_t)strlen(v->verdict.chain);
		if (l.last_col >= l.first_col + n)
			l.first_col = l.last_col - n + 1;
	}
	return l;
}

static int lower_rule_body(struct eval_ctx *ctx, struct cmd *cmd, struct nl_rule *r,
			   struct lowered_list *out)
{
	struct rule *ru = cmd->rule;
	struct rule_ctx rc;
	memset(&rc, 0, sizeof(rc));
	rc.ec = ctx;
	rc.cmd = cmd;
	rc.family = cmd->h.family;
	rc.table = cmd->h.table;
	rc.chain = cmd->h.chain;
	rc.rule = r;
	rc.out = out;
	rc.hook = ~0u;
	const struct stmt *terminal = NULL;
	struct loc *locs = NULL;
	uint32_t locs_cap = 0;
	for (uint32_t i = 0; i < ru->stmts.n; i++) {
		struct stmt *s = ru->stmts.v[i];
		if (terminal)
			return diag_error(ctx->errs, &s->loc,
					  "Statement after terminal statement has no effect");
		uint32_t first = r->prog.exprs.n;
		if (eval_lower_stmt(&rc, s) < 0)
			return -1;
		if (r->prog.exprs.n > locs_cap) {
			uint32_t ncap = r->prog.exprs.cap > r->prog.exprs.n ? r->prog.exprs.cap
									 : r->prog.exprs.n;
			locs = arena_grow(ctx->arena, locs, locs_cap, ncap, sizeof(*locs));
			locs_cap = ncap;
		}
		for (uint32_t k = first; k < r->prog.exprs.n; k++)
			locs[k] = stmt_error_loc(s);
		rc.reg_next = 0;        /* registers are allocated per statement */
		if (stmt_is_terminal(s))
			terminal = s;
	}
	r->prog.expr_locs = locs;
	if (udata_comment(ctx->arena, ru->comment, &r->prog.udata, &r->prog.udata_len) < 0)
		return diag_error(ctx->errs, &ru->loc,
				  "comment too long, %d characters maximum allowed",
				  UDATA_COMMENT_MAXLEN);
	if (r->prog.udata)
		r->present |= 1u << NFTA_RULE_USERDATA;
	r->present |= 1u << NFTA_RULE_EXPRESSIONS;
	return 0;
}

static int lower_rule_parsed(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out);

int eval_lower_bound_chain(struct rule_ctx *rc, const struct chain_decl *body, uint32_t *id)
{
	struct eval_ctx *ctx = rc->ec;
	struct nl_chain *c = arena_alloc(ctx->arena, sizeof(*c));
	c->family = rc->family;
	c->table = rc->table;
	if (!ctx->next_chain_id)
		ctx->next_chain_id = 1;
	c->id = ctx->next_chain_id++;
	c->flags = NFT_CHAIN_BINDING;
	c->present = (1u << NFTA_CHAIN_TABLE) | (1u << NFTA_CHAIN_ID) | (1u << NFTA_CHAIN_FLAGS);
	push(ctx, rc->out, LOWERED_CHAIN, NFT_MSG_NEWCHAIN, NLM_F_CREATE)->chain = c;
	for (uint32_t i = 0; i < body->nrules; i++) {
		struct nl_rule *r = arena_alloc(ctx->arena, sizeof(*r));
		r->family = rc->family;
		r->table = rc->table;
		r->chain_id = c->id;
		r->present = (1u << NFTA_RULE_TABLE) | (1u << NFTA_RULE_CHAIN_ID);
		/* the rule as a command of its own, for its errors (it outlives this call) */
		struct cmd *sub = arena_memdup(ctx->arena, rc->cmd, sizeof(*sub));
		sub->rule = body->rules[i];
		sub->loc = body->rules[i]->loc;
		sub->h.chain = NULL;
		if (lower_rule_body(ctx, sub, r, rc->out) < 0)
			return -1;
		push(ctx, rc->out, LOWERED_RULE, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND)->rule = r;
	}
	*id = c->id;
	return 0;
}

static int lower_rule(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	struct rule *kept = cmd->rule;
	if (!kept || !kept->span)
		return lower_rule_parsed(ctx, cmd, out);
	/* a chain block's rule, kept as text: parsed now, in this command's arena, before
	 * anything can report an error at its location */
	struct rule *parsed;
	unsigned before = ctx->errs->n;
	if (kept->span->parse(kept->span, ctx->errs, ctx->arena, &parsed) < 0) {
		for (unsigned i = before; i < ctx->errs->n; i++)
			ctx->errs->items[i].syntax = true;   /* reported before eval's (commit) */
		return -1;
	}
	cmd->rule = parsed;
	cmd->loc = parsed->loc;   /* the rule's exact text, for kernel errors: it stays */
	int rc = lower_rule_parsed(ctx, cmd, out);
	cmd->rule = kept;
	return rc;
}

static int lower_rule_parsed(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (need_table(ctx, cmd) < 0)
		return -1;
	if (!cmd->h.chain)
		return diag_error(ctx->errs, &cmd->loc, "missing chain name");
	struct nl_rule *r = arena_alloc(ctx->arena, sizeof(*r));
	r->family = cmd->h.family;
	r->table = cmd->h.table;
	r->chain = cmd->h.chain;
	r->present = (1u << NFTA_RULE_TABLE) | (1u << NFTA_RULE_CHAIN);

	uint16_t msg = NFT_MSG_NEWRULE, flags = 0;
	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
		flags = NLM_F_CREATE | NLM_F_APPEND;
		break;
	case CMD_INSERT:
		flags = NLM_F_CREATE;
		break;
	case CMD_REPLACE:
		flags = NLM_F_REPLACE;
		if (!cmd->h.has_handle)
			return diag_error(ctx->errs, &cmd->loc, "replace requires a rule handle");
		r->prog.handle = cmd->h.handle;
		r->present |= 1u << NFTA_RULE_HANDLE;
		break;
	case CMD_DELETE:
	case CMD_DESTROY:
		if (!cmd->h.has_handle)
			return diag_error(ctx->errs, &cmd->loc,
					  "syntax error, rule handle expected");
		r->prog.handle = cmd->h.handle;
		r->present |= 1u << NFTA_RULE_HANDLE;
		push(ctx, out, LOWERED_RULE,
		     cmd->op == CMD_DELETE ? NFT_MSG_DELRULE : MSG_DESTROYRULE, 0)->rule = r;
		return 0;
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on rules");
	}
	if (cmd->h.has_index && cmd->op != CMD_REPLACE) {
		/* `index N` names the N-th rule (0-based): add goes after it, insert before */
		uint64_t handle = 0;
		uint32_t id = 0;
		if (!ctx->cache || !ctx->cache->rule_at ||
		    !ctx->cache->rule_at(ctx->cache_priv, cmd->h.family, cmd->h.table,
					 cmd->h.chain, cmd->h.index, &handle, &id))
			return diag_error(ctx->errs, &cmd->loc,
					  "Could not process rule: No such file or directory");
		if (handle) {
			r->prog.position = handle;
			r->present |= 1u << NFTA_RULE_POSITION;
		} else {
			r->prog.position_id = id;   /* a rule of this batch */
		}
	} else if (cmd->h.has_position && cmd->op != CMD_REPLACE) {
		r->prog.position = cmd->h.position;
		r->present |= 1u << NFTA_RULE_POSITION;
	} else if (cmd->h.has_handle && cmd->op != CMD_REPLACE) {
		/* `add|insert rule … handle N`: nft's older spelling of `position N` */
		r->prog.position = cmd->h.handle;
		r->present |= 1u << NFTA_RULE_POSITION;
	}
	if (!cmd->rule)
		return diag_error(ctx->errs, &cmd->loc, "missing rule");
	if (lower_rule_body(ctx, cmd, r, out) < 0)
		return -1;
	push(ctx, out, LOWERED_RULE, msg, flags)->rule = r;
	return 0;
}

/* ---------------------------------------------------------------- sets and elements */

static struct nl_set *set_of_cmd(struct eval_ctx *ctx, struct cmd *cmd)
{
	struct nl_set *s = arena_alloc(ctx->arena, sizeof(*s));
	s->family = cmd->h.family;
	s->table = cmd->h.table;
	s->name = cmd->h.set;
	if (!s->name && (cmd->obj == OBJ_SET || cmd->obj == OBJ_MAP) && cmd->set &&
	    (cmd->op == CMD_ADD || cmd->op == CMD_CREATE))
		s->name = cmd->set->name;
	s->present = 1u << NFTA_SET_TABLE;
	if (s->name)
		s->present |= 1u << NFTA_SET_NAME;
	return s;
}

static void drop_zero_end(struct nl_set *s);

/* An add or delete on an interval set the kernel holds elements in: nft 1.1 compares
 * the command with them first (interval_merge.h). The kernel's elements, or NULL when
 * there is nothing to compare with. */
static const struct nl_set *kernel_ranges(struct eval_ctx *ctx, enum cmd_op op,
					  const struct known_set *k)
{
	if ((op != CMD_ADD && op != CMD_DELETE) || !(k->flags & NFT_SET_INTERVAL) ||
	    (k->flags & (NFT_SET_CONCAT | NFT_SET_MAP | NFT_SET_OBJECT)) ||
	    !ctx->cache || !ctx->cache->kernel_elems)
		return NULL;
	const struct nl_set *ks = ctx->cache->kernel_elems(ctx->cache_priv, k);
	return ks && ks->nelems ? ks : NULL;
}

/* What one comparison with the kernel's ranges is about. */
struct reconcile {
	const struct nl_set *kern;   /* the kernel's elements */
	enum cmd_op op;              /* CMD_ADD or CMD_DELETE */
	bool auto_merge;
	struct expr *elems;          /* the command's element list (for locations) */
	struct expr *key, *data;     /* the templates it was lowered with */
};

static enum interval_result reconcile_one(struct eval_ctx *ctx, const struct reconcile *rq,
					  const struct nl_set *s, struct nl_set **del,
					  struct nl_set **add, const char **why)
{
	return interval_reconcile(ctx->arena, rq->kern, s,
				  rq->op == CMD_ADD ? INTERVAL_ADD : INTERVAL_DELETE,
				  rq->auto_merge, del, add, why);
}

/* Where an element command the kernel's ranges refuse went wrong: the first element
 * that is refused on its own (nft points at the element), else the command. */
static const struct loc *refused_element(struct eval_ctx *ctx, struct cmd *cmd,
					 const struct reconcile *rq, const struct nl_set *s)
{
	if (!rq->elems || rq->elems->kind != EXPR_SET)
		return &cmd->loc;
	unsigned errs_before = ctx->errs->n;
	for (uint32_t i = 0; i < rq->elems->list.n; i++) {
		struct expr *e = rq->elems->list.v[i];
		struct expr *one = expr_alloc(ctx->arena, EXPR_SET, &e->loc);
		expr_list_add(ctx->arena, &one->list, e);
		struct nl_set *t = arena_alloc(ctx->arena, sizeof(*t));
		*t = *s;
		t->elems = NULL;
		t->nelems = t->elems_cap = 0;
		int rc = rq->op == CMD_DELETE
			 ? eval_lower_elem_keys(ctx, cmd->h.family, one, rq->key, rq->data, t)
			 : eval_lower_elems(ctx, cmd->h.family, one, rq->key, rq->data, t);
		ctx->errs->n = errs_before;          /* it was lowered once already */
		if (rc < 0)
			continue;
		if (rq->op == CMD_DELETE)
			drop_zero_end(t);
		struct nl_set *del, *add;
		const char *why;
		if (reconcile_one(ctx, rq, t, &del, &add, &why) == INTERVAL_ERROR)
			return &e->loc;
	}
	return &cmd->loc;
}

/* The lowered elements of `s`, compared with the kernel's ranges: pushed as they are,
 * or replaced by what to delete and what to add. */
static int push_reconciled(struct eval_ctx *ctx, struct cmd *cmd, const struct reconcile *rq,
			   struct nl_set *s, uint16_t msg, uint16_t flags,
			   struct lowered_list *out)
{
	struct nl_set *del = NULL, *add = NULL;
	const char *why = NULL;
	switch (reconcile_one(ctx, rq, s, &del, &add, &why)) {
	case INTERVAL_ERROR:
		return diag_error(ctx->errs, refused_element(ctx, cmd, rq, s), "%s", why);
	case INTERVAL_AS_IS:
		push(ctx, out, LOWERED_ELEMS, msg, flags)->set = s;
		return 0;
	case INTERVAL_REPLACED:
		if (del->nelems)
			push(ctx, out, LOWERED_ELEMS, NFT_MSG_DELSETELEM, 0)->set = del;
		if (add->nelems)
			push(ctx, out, LOWERED_ELEMS, NFT_MSG_NEWSETELEM,
			     rq->op == CMD_ADD ? flags : 0)->set = add;
		return 0;
	}
	return 0;
}

static int lower_set(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (need_table(ctx, cmd) < 0)
		return -1;
	struct nl_set *s = set_of_cmd(ctx, cmd);

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE: {
		if (!cmd->set)
			return diag_error(ctx->errs, &cmd->loc, "missing set definition");
		struct expr *key, *data;
		if (eval_set_decl(ctx, &cmd->h, cmd->set, s, &key, &data) < 0)
			return -1;
		push(ctx, out, LOWERED_SET, NFT_MSG_NEWSET, lowered_new_flags(cmd))->set = s;
		if (cmd->set->elems_span) {
			bool sent;
			if (eval_lower_elem_span(ctx, cmd->h.family, cmd->set->elems_span, key, data,
						 s, NFT_MSG_NEWSETELEM, lowered_new_flags(cmd),
						 &sent) < 0)
				return -1;
			if (!sent)
				push(ctx, out, LOWERED_ELEMS, NFT_MSG_NEWSETELEM,
				     lowered_new_flags(cmd))->set = s;
		} else if (cmd->set->elems && cmd->set->elems->list.n) {
			if (eval_lower_elems(ctx, cmd->h.family, cmd->set->elems, key, data, s) < 0)
				return -1;
			/* a set the kernel has already: its elements meet the kernel's */
			const struct known_set here = {
				.family = s->family, .table = s->table, .name = s->name,
				.flags = s->flags, .key_type = s->key_type, .key_len = s->key_len,
			};
			struct reconcile rq = {
				.kern = cmd->op == CMD_ADD ? kernel_ranges(ctx, CMD_ADD, &here) : NULL,
				.op = CMD_ADD, .auto_merge = cmd->set->auto_merge,
				.elems = cmd->set->elems, .key = key, .data = data,
			};
			if (rq.kern)
				return push_reconciled(ctx, cmd, &rq, s, NFT_MSG_NEWSETELEM,
						       lowered_new_flags(cmd), out);
			push(ctx, out, LOWERED_ELEMS, NFT_MSG_NEWSETELEM, lowered_new_flags(cmd))->set = s;
		}
		return 0;
	}
	case CMD_DELETE:
	case CMD_DESTROY:
		return lowered_delete(ctx, cmd, out, &set_delete, s, &s->name, &s->handle,
				      &s->present);
	case CMD_FLUSH:
		if (!s->name)
			return diag_error(ctx->errs, &cmd->loc, "missing set name");
		/* `flush set` names a set, `flush map` a map: nft finds no other */
		if (ctx->cache && ctx->cache->find_set) {
			const struct known_set *k = ctx->cache->find_set(ctx->cache_priv,
									 cmd->h.family, cmd->h.table,
									 s->name);
			bool is_map = k && (k->flags & (NFT_SET_MAP | NFT_SET_OBJECT));
			if (k && is_map != (cmd->obj == OBJ_MAP))
				return diag_error(ctx->errs, cmd_loc(cmd, &cmd->h.set_loc),
						  "No such file or directory");
		}
		/* DELSETELEM with no elements flushes the set */
		push(ctx, out, LOWERED_ELEMS, NFT_MSG_DELSETELEM, 0)->set = s;
		return 0;
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on sets");
	}
}

/* Where an element command naming an unknown set is wrong: at the table when the
 * kernel has no such table (get, delete and destroy only: an add may follow the
 * table's creation in the same batch), else at the set. */
static const struct loc *missing_set_loc(struct eval_ctx *ctx, const struct cmd *cmd)
{
	bool asks = cmd->op == CMD_GET || cmd->op == CMD_RESET || cmd->op == CMD_DELETE ||
		    cmd->op == CMD_DESTROY;
	if (asks && ctx->cache && ctx->cache->table_exists &&
	    !ctx->cache->table_exists(ctx->cache_priv, cmd->h.family, cmd->h.table))
		return cmd_loc(cmd, &cmd->h.table_loc);
	return cmd_loc(cmd, &cmd->h.set_loc);
}

/* A deletion names the intervals' own elements only, as nft sends it: the all-zero
 * end element an add puts before a first interval that does not start at zero is not
 * one of them (deleting it twice fails: the second batch finds it gone). */
static void drop_zero_end(struct nl_set *s)
{
	if (!(s->flags & NFT_SET_INTERVAL) || !s->nelems)
		return;
	const struct nl_elem *e = &s->elems[0];
	if (!(e->flags & NFT_SET_ELEM_INTERVAL_END) || e->key_end || !e->key)
		return;
	for (uint32_t i = 0; i < e->key_len; i++)
		if (e->key[i])
			return;
	memmove(&s->elems[0], &s->elems[1], (s->nelems - 1) * sizeof(*s->elems));
	s->nelems--;
}

static int lower_elements(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (need_table(ctx, cmd) < 0)
		return -1;
	if (!cmd->h.set)
		return diag_error(ctx->errs, &cmd->loc, "missing set name");
	const struct known_set *k = NULL;
	if (ctx->cache && ctx->cache->find_set)
		k = ctx->cache->find_set(ctx->cache_priv, cmd->h.family, cmd->h.table, cmd->h.set);
	if (!k)
		return diag_error(ctx->errs, missing_set_loc(ctx, cmd), "No such file or directory");
	struct nl_set *s = set_of_cmd(ctx, cmd);
	s->flags = k->flags;
	s->key_type = k->key_type;
	s->key_len = k->key_len;
	s->data_type = k->data_type;
	s->data_len = k->data_len;
	s->auto_merge = k->auto_merge;
	memcpy(s->stmt_kinds, k->stmt_kinds, sizeof(s->stmt_kinds));
	s->nstmt_kinds = k->nstmt_kinds;
	struct expr *key = k->key_expr ? k->key_expr
				       : set_template_from_type(ctx, k->key_type, k->key_len);
	struct expr *data = NULL;
	if (k->flags & NFT_SET_MAP) {
		data = k->data_expr ? k->data_expr
				    : set_template_from_type(ctx, k->data_type, k->data_len);
		if (cmd->op == CMD_GET || cmd->op == CMD_RESET)
			data = NULL;
	}
	bool keys_only = cmd->op == CMD_DELETE || cmd->op == CMD_DESTROY;
	if (!key)
		return diag_error(ctx->errs, &cmd->loc, "set %s has an unknown key type", cmd->h.set);

	uint16_t msg, flags = 0;
	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
		msg = NFT_MSG_NEWSETELEM;
		flags = lowered_new_flags(cmd);
		break;
	case CMD_DELETE:
		msg = NFT_MSG_DELSETELEM;
		break;
	case CMD_DESTROY:
		msg = MSG_DESTROYSETELEM;
		break;
	case CMD_GET:
	case CMD_RESET:
		/* a question, not a change: commit asks it before the batch is sent */
		if (!cmd->elems)
			return diag_error(ctx->errs, &cmd->loc, "missing elements");
		if (eval_lower_get_elems(ctx, cmd->h.family, cmd->elems, key, s) < 0)
			return -1;
		push(ctx, out, LOWERED_ELEMS, NFT_MSG_GETSETELEM, 0)->set = s;
		return 0;
	default:
		return diag_error(ctx->errs, &cmd->loc,
				  "this command is not supported on elements");
	}
	const struct nl_set *kern = k->decl ? NULL : kernel_ranges(ctx, cmd->op, k);
	struct reconcile rq = { .kern = kern, .op = cmd->op, .auto_merge = k->auto_merge,
				.elems = cmd->elems, .key = key, .data = data };
	if (cmd->elems_span) {
		bool sent;
		/* compared with the kernel's ranges, the list is needed whole */
		void (*sink)(void *, const struct nl_set *, uint16_t, uint16_t) = ctx->elems_sink;
		if (kern)
			ctx->elems_sink = NULL;
		int rc = eval_lower_elem_span(ctx, cmd->h.family, cmd->elems_span, key, data, s,
					      msg, flags, &sent);
		ctx->elems_sink = sink;
		if (rc < 0)
			return -1;
		if (kern) {
			if (msg != NFT_MSG_NEWSETELEM)
				drop_zero_end(s);
			return push_reconciled(ctx, cmd, &rq, s, msg, flags, out);
		}
		if (!sent)
			push(ctx, out, LOWERED_ELEMS, msg, flags)->set = s;
		return 0;
	}
	if (!cmd->elems)
		return diag_error(ctx->errs, &cmd->loc, "missing elements");
	if (keys_only ? eval_lower_elem_keys(ctx, cmd->h.family, cmd->elems, key, data, s) < 0
		      : eval_lower_elems(ctx, cmd->h.family, cmd->elems, key, data, s) < 0)
		return -1;
	if (msg != NFT_MSG_NEWSETELEM)
		drop_zero_end(s);
	if (kern)
		return push_reconciled(ctx, cmd, &rq, s, msg, flags, out);
	push(ctx, out, LOWERED_ELEMS, msg, flags)->set = s;
	return 0;
}

/* ---------------------------------------------------------------- ruleset */

static int lower_ruleset(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (cmd->op != CMD_FLUSH)
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on rulesets");
	struct nl_table *t = arena_alloc(ctx->arena, sizeof(*t));
	t->family = cmd->family_given ? cmd->h.family : 0;   /* NFPROTO_UNSPEC: all */
	push(ctx, out, LOWERED_TABLE, NFT_MSG_DELTABLE, 0)->table = t;
	return 0;
}

int eval_lower_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	switch (cmd->op) {
	case CMD_GET:
		if (cmd->obj == OBJ_ELEMENT)
			return lower_elements(ctx, cmd, out);
		return 0;
	case CMD_RESET:
		/* `reset element` asks as `get element` does; other resets are listings */
		if (cmd->obj == OBJ_ELEMENT)
			return lower_elements(ctx, cmd, out);
		return 0;
	case CMD_LIST: case CMD_DESCRIBE: case CMD_MONITOR:
		return 0;               /* not lowered: handled by the listing side */
	default:
		break;
	}
	switch (cmd->obj) {
	case OBJ_TABLE:
		return lower_table(ctx, cmd, out);
	case OBJ_CHAIN:
		return lower_chain(ctx, cmd, out);
	case OBJ_RULE:
		return lower_rule(ctx, cmd, out);
	case OBJ_SET:
	case OBJ_MAP:
		return lower_set(ctx, cmd, out);
	case OBJ_ELEMENT:
		return lower_elements(ctx, cmd, out);
	case OBJ_RULESET:
		return lower_ruleset(ctx, cmd, out);
	case OBJ_FLOWTABLE:
		return eval_lower_flowtable_cmd(ctx, cmd, out);
	default:
		if (eval_obj_type_of_cmd(cmd->obj))
			return eval_lower_obj_cmd(ctx, cmd, out);
		return diag_error(ctx->errs, &cmd->loc, "this object type is not supported yet");
	}
}
