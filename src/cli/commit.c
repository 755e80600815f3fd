/* Applying changes: every non-list command is evaluated and lowered into kernel
 * objects, printed for `-d netlink`, and sent as one atomic batch. A kernel error is
 * reported against the command (and source line) whose message the kernel refused. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "../eval/eval_set_decl.h"
#include "../netlink/obj_data.h"

/* Which command each batch message came from. */
struct origin {
	const struct cmd *cmd;
};

static void debug_print(struct run *r, const struct lowered *l)
{
	switch (l->kind) {
	case LOWERED_SET:
		break;   /* printed with its elements, like nft */
	case LOWERED_ELEMS:
		nl_debug_set(l->set, r->out);
		break;
	case LOWERED_RULE:
		nl_debug_rule(l->rule, r->out);
		wr_putc(r->out, '\n');
		break;
	case LOWERED_OBJ:
		if (l->msg_type == NFT_MSG_NEWOBJ)
			obj_debug_print(l->obj, r->out);
		break;
	case LOWERED_FLOWTABLE:
		if (l->msg_type == NFT_MSG_NEWFLOWTABLE)
			flowtable_debug_print(l->flowtable, r->out);
		break;
	default:
		break;
	}
}

static void batch_append(struct nl_batch *b, const struct lowered *l, uint32_t cookie)
{
	switch (l->kind) {
	case LOWERED_TABLE: nl_batch_table(b, l->msg_type, l->nlm_flags, l->table, cookie); break;
	case LOWERED_CHAIN: nl_batch_chain(b, l->msg_type, l->nlm_flags, l->chain, cookie); break;
	case LOWERED_SET: nl_batch_set(b, l->msg_type, l->nlm_flags, l->set, cookie); break;
	case LOWERED_ELEMS: nl_batch_elems(b, l->msg_type, l->nlm_flags, l->set, cookie); break;
	case LOWERED_RULE: nl_batch_rule(b, l->msg_type, l->nlm_flags, l->rule, cookie); break;
	case LOWERED_OBJ: nl_batch_obj(b, l->msg_type, l->nlm_flags, l->obj, cookie); break;
	case LOWERED_FLOWTABLE:
		nl_batch_flowtable(b, l->msg_type, l->nlm_flags, l->flowtable, cookie);
		break;
	}
}

static const char *socket_error_text(int err)
{
	switch (err) {
	case EPERM: return "Operation not permitted";
	default: return strerror(err);
	}
}

int run_changes(struct run *r, struct cmd_list *cmds)
{
	r->ec = (struct eval_ctx){
		.arena = &r->arena,
		.errs = &r->errs,
		.cache = &run_set_cache_ops,
		.cache_priv = r,
		.next_set_id = 1,
	};
	struct eval_ctx *ec = &r->ec;
	struct lowered_list lowered = { 0 };
	uint32_t *owner = NULL, owner_cap = 0;
	bool any = false;


	for (uint32_t i = 0; i < cmds->n; i++) {
		struct cmd *cmd = cmds->v[i];
		if (cmd_is_list(cmd))
			continue;
		any = true;
		uint32_t before = lowered.n;
		if (eval_lower_cmd(ec, cmd, &lowered) < 0)
			continue;   /* keep going: report every error in the input */
		if (lowered.n > owner_cap) {
			uint32_t ncap = lowered.cap > owner_cap * 2 ? lowered.cap : owner_cap * 2 + 16;
			owner = arena_grow(&r->arena, owner, owner_cap, ncap, sizeof(*owner));
			owner_cap = ncap;
		}
		for (uint32_t j = before; j < lowered.n; j++) {
			owner[j] = i;
			/* later commands of this batch may use a set declared here */
			if (lowered.v[j].kind == LOWERED_SET && (cmd->obj == OBJ_SET || cmd->obj == OBJ_MAP)) {
				struct known_set *ks = known_set_from_decl(ec, cmd, lowered.v[j].set);
				if (ks)
					run_remember_set(r, ks);
			}
		}
	}
	if (!any)
		return 0;
	if (r->errs.n)
		return -1;

	if (r->cli->o.debug & DEBUG_NETLINK) {
		for (uint32_t j = 0; j < lowered.n; j++)
			debug_print(r, &lowered.v[j]);
		wr_flush(r->out);
	}
	if (!lowered.n)
		return 0;

	int rc = cli_socket(r->cli);
	if (rc < 0) {
		/* -c works offline: everything that needs no kernel state has been checked */
		if (r->cli->o.check)
			return 0;
		diag_error(&r->errs, NULL, "cannot open netlink socket: %s", socket_error_text(-rc));
		return -1;
	}
	struct nl_batch *b = nl_batch_new();
	nl_batch_set_dry_run(b, r->cli->o.check);
	for (uint32_t j = 0; j < lowered.n; j++)
		batch_append(b, &lowered.v[j], j);   /* cookie: the lowered object */

	struct nl_error errs[16];
	unsigned nerrs = 0;
	rc = nl_batch_commit(&r->cli->sock, b, errs, 16, &nerrs);
	nl_batch_free(b);
	if (rc == 0) {
		if (r->cli->o.echo && !r->cli->o.check)
			run_echo(r, cmds, &lowered, owner);
		return 0;
	}
	/* unprivileged -c: the kernel refuses the whole batch; the offline check stands */
	if (r->cli->o.check && nerrs && errs[0].cookie == NL_COOKIE_BATCH && errs[0].err == EPERM)
		return 0;
	if (rc < 0 && nerrs == 0) {
		diag_error(&r->errs, NULL, "Could not process rule: %s", strerror(rc == -1 ? EIO : -rc));
		return -1;
	}
	for (unsigned k = 0; k < nerrs; k++) {
		uint32_t j = errs[k].cookie;
		const struct cmd *cmd = j < lowered.n ? cmds->v[owner[j]] : NULL;
		const struct loc *loc = cmd ? &cmd->loc : NULL;
		/* the kernel named an expression: show the text it came from, as nft does */
		if (cmd && lowered.v[j].kind == LOWERED_RULE && errs[k].expr_index >= 0) {
			const struct vm_rule *p = &lowered.v[j].rule->prog;
			if (p->expr_locs && (uint32_t)errs[k].expr_index < p->exprs.n &&
			    p->expr_locs[errs[k].expr_index].src)
				loc = &p->expr_locs[errs[k].expr_index];
		}
		const char *why = strerror(errs[k].err);
		if (errs[k].ext_msg && *errs[k].ext_msg)
			diag_error(&r->errs, loc, "Could not process rule: %s (%s)", why,
				   errs[k].ext_msg);
		else
			diag_error(&r->errs, loc, "Could not process rule: %s", why);
	}
	return -1;
}
