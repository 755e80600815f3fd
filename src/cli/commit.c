/* Applying changes: every non-list command is evaluated and lowered into kernel
 * objects, printed for `-d netlink`, and sent as one atomic batch. A kernel error is
 * reported against the command (and source line) whose message the kernel refused. */
#include <errno.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "../eval/eval_set_decl.h"
#include "../netlink/obj_data.h"

static void debug_print(struct run *r, const struct lowered *l)
{
	switch (l->kind) {
	case LOWERED_CHAIN:
		if (l->msg_type == NFT_MSG_NEWCHAIN)
			nl_debug_chain(l->chain, r->out);
		break;
	case LOWERED_SET:
		if (l->msg_type == NFT_MSG_NEWSET)
			nl_debug_set_decl(l->set, r->out);
		break;
	case LOWERED_ELEMS:
		if (l->msg_type == NFT_MSG_NEWSETELEM || l->msg_type == NFT_MSG_DELSETELEM)
			nl_debug_set_elems(l->set, r->out);
		break;
	case LOWERED_RULE:
		nl_debug_rule(l->rule, r->out);
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

/* Returns where the message starts in the batch (0 for element messages). */
static size_t batch_append(struct nl_batch *b, const struct lowered *l, uint32_t cookie)
{
	uint16_t t = l->msg_type, f = l->nlm_flags;
	switch (l->kind) {
	case LOWERED_TABLE: return nl_batch_add(b, t, f, NL_TABLE, l->table, cookie);
	case LOWERED_CHAIN: return nl_batch_add(b, t, f, NL_CHAIN, l->chain, cookie);
	case LOWERED_SET: return nl_batch_add(b, t, f, NL_SET, l->set, cookie);
	case LOWERED_ELEMS: nl_batch_elems(b, t, f, l->set, cookie); return 0;
	case LOWERED_RULE: return nl_batch_add(b, t, f, NL_RULE, l->rule, cookie);
	case LOWERED_OBJ: return nl_batch_add(b, t, f, NL_OBJ, l->obj, cookie);
	case LOWERED_FLOWTABLE: return nl_batch_add(b, t, f, NL_FLOWTABLE, l->flowtable, cookie);
	}
	return 0;
}

/* -e: a chain bound to a verdict (`jump { … }`) is named by the kernel; its name goes
 * into the chain, its rules and the verdicts that name it by id, so that the echo
 * shows `add chain ip t __chain4372`, its rules, and `jump __chain4372`, as nft. */
static void name_bound_chains(struct run *r, struct lowered_list *kept, const struct nl_batch *b)
{
	for (uint32_t j = 0; j < kept->n; j++) {
		struct lowered *lo = &kept->v[j];
		if (lo->kind != LOWERED_CHAIN || lo->chain->name || !lo->chain->id)
			continue;
		const char *name = nl_batch_chain_name(b, j);
		if (!name)
			continue;
		uint32_t id = lo->chain->id;
		lo->chain->name = arena_strdup(&r->arena, name);
		for (uint32_t k = 0; k < kept->n; k++) {
			if (kept->v[k].kind != LOWERED_RULE)
				continue;
			struct nl_rule *ru = kept->v[k].rule;
			if (!ru->chain && ru->chain_id == id)
				ru->chain = lo->chain->name;
			for (uint32_t e = 0; e < ru->prog.exprs.n; e++) {
				struct vm_expr *x = &ru->prog.exprs.v[e];
				if (x->kind != VM_IMMEDIATE || !vm_has(x, NFTA_IMMEDIATE_DATA))
					continue;
				struct vm_data *d = x->a[NFTA_IMMEDIATE_DATA].d;
				if (d && d->is_verdict && !d->chain && d->chain_id == id)
					d->chain = lo->chain->name;
			}
		}
	}
}

/* The handle the kernel gave an object the batch created (echo), into the object. */
static void set_handle(struct lowered *l, uint64_t h)
{
	if (!h)
		return;
	switch (l->kind) {
	case LOWERED_TABLE: l->table->handle = h; break;
	case LOWERED_CHAIN: l->chain->handle = h; break;
	case LOWERED_SET: l->set->handle = h; break;
	case LOWERED_RULE: l->rule->prog.handle = h; break;
	case LOWERED_OBJ: l->obj->handle = h; break;
	case LOWERED_FLOWTABLE: l->flowtable->handle = h; break;
	default: break;
	}
}

static const char *socket_error_text(int err)
{
	switch (err) {
	case EPERM: return "Operation not permitted";
	default: return strerror(err);
	}
}

/* The owning command of each kept lowered object, as run_echo wants it. With -e every
 * lowered object is kept, so origins and kept objects share their indices. */
struct origin;
static const uint32_t *origin_cmds(struct run *r, const struct origin *o, uint32_t n);

/* Where each batch message came from: its command and, for rules, the source of
 * each expression (a kernel error names an expression by its position). */
struct origin {
	uint32_t cmd;
	uint32_t nlocs;
	const struct loc *locs;
	bool relower;      /* a rule kept as text: lower it again to find its locations */
	int32_t sub;       /* the rule's index in a command's block of rules (-1: none) */
};

static const uint32_t *origin_cmds(struct run *r, const struct origin *o, uint32_t n)
{
	uint32_t *v = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*v));
	for (uint32_t j = 0; j < n; j++)
		v[j] = o[j].cmd;
	return v;
}

/* Commands whose lowering must outlive the command: declarations that later commands
 * of the batch look up (sets, maps), and everything when -d netlink or -e prints the
 * lowered objects after the loop. The bulk of a large input (rules, elements) is
 * lowered into a scratch arena that is emptied once its messages are in the batch. */
static bool lowering_kept(const struct run *r, const struct cmd *cmd)
{
	if ((r->cli->o.debug & DEBUG_NETLINK) || r->cli->o.echo)
		return true;
	return cmd->obj != OBJ_RULE && cmd->obj != OBJ_ELEMENT;
}

/* The batch being built and where each of its messages came from. */
struct building {
	struct run *r;
	struct nl_batch *b;
	struct origin *origin;
	uint32_t norigin, origin_cap;
	/* the command being lowered: its objects in `out` from `appended` on are not
	 * in the batch yet */
	uint32_t cmd_index;
	int32_t sub;                 /* the rule lowered from the command's block, or -1 */
	struct cmd *cmd;
	struct lowered_list *out;
	uint32_t appended;
	bool kept;
	/* `get element` commands and their lowered requests, asked before the commit */
	struct cmd **get_cmds;
	const struct nl_set **get_reqs;
	uint32_t ngets, gets_cap;
};

static uint32_t new_origin(struct building *bd)
{
	if (bd->norigin == bd->origin_cap) {
		uint32_t ncap = bd->origin_cap ? bd->origin_cap * 2 : 64;
		bd->origin = arena_grow(&bd->r->arena, bd->origin, bd->origin_cap, ncap,
					sizeof(*bd->origin));
		bd->origin_cap = ncap;
	}
	bd->origin[bd->norigin] = (struct origin){ .cmd = bd->cmd_index, .sub = bd->sub };
	return bd->norigin++;
}

/* Makes a set declared by `cmd` known to the rest of the batch. The record outlives
 * the command (and the element sink may call this mid-chunk): it goes in the run's arena. */
static void remember_declared_set(struct run *r, const struct cmd *cmd, const struct nl_set *set,
				  size_t msg)
{
	struct arena *was = r->ec.arena;
	r->ec.arena = &r->arena;
	struct known_set *ks = known_set_from_decl(&r->ec, cmd, set);
	r->ec.arena = was;
	if (!ks)
		return;
	ks->batch_msg = msg;
	run_remember_set(r, ks);
}

/* Puts the command's lowered objects not yet sent into the batch. */
static void append_pending(struct building *bd)
{
	struct run *r = bd->r;
	for (; bd->appended < bd->out->n; bd->appended++) {
		const struct lowered *lo = &bd->out->v[bd->appended];
		uint32_t id = new_origin(bd);
		struct origin *o = &bd->origin[id];
		if (lo->kind == LOWERED_RULE && lo->rule->prog.expr_locs) {
			o->nlocs = lo->rule->prog.exprs.n;
			if (bd->kept)
				o->locs = lo->rule->prog.expr_locs;
			else if (bd->cmd->obj == OBJ_RULE && bd->cmd->rule && bd->cmd->rule->span)
				o->relower = true;   /* no copy: its text can say it again */
			else
				o->locs = arena_memdup(&r->arena, lo->rule->prog.expr_locs,
						       o->nlocs * sizeof(*o->locs));
		}
		size_t msg = batch_append(bd->b, lo, id);   /* cookie: the origin index */
		/* later commands of this batch may use a set declared here */
		if (lo->kind == LOWERED_SET && (bd->cmd->obj == OBJ_SET || bd->cmd->obj == OBJ_MAP)) {
			remember_declared_set(r, bd->cmd, lo->set,
					      lo->msg_type == NFT_MSG_NEWSET ? msg : 0);
		}
	}
}

/* A set whose declaration was fine but whose elements were not is still known to the
 * rest of the batch: its users are not errors of their own (nft reports one). */
static void remember_failed_set(struct building *bd)
{
	struct run *r = bd->r;
	if (bd->cmd->obj != OBJ_SET && bd->cmd->obj != OBJ_MAP)
		return;
	for (uint32_t j = bd->appended; j < bd->out->n; j++) {
		const struct lowered *lo = &bd->out->v[j];
		if (lo->kind != LOWERED_SET)
			continue;
		remember_declared_set(r, bd->cmd, lo->set, 0);
	}
}

/* eval's element sink: a large list's elements go into the batch as they are made,
 * after whatever the command lowered before them (its NEWSET). */
static void elems_to_batch(void *priv, const struct nl_set *set, uint16_t msg, uint16_t flags)
{
	struct building *bd = priv;
	append_pending(bd);
	nl_batch_elems(bd->b, msg, flags, set, new_origin(bd));
}

/* The source of expression `index` of a rule lowered earlier and forgotten: lowered
 * again (the same text and sets give the same program) into a throwaway arena. */
static bool relowered_loc(struct run *r, struct cmd *cmd, uint32_t index, struct loc *out)
{
	struct eval_ctx ec = r->ec;
	struct arena tmp;
	struct diag_list quiet;
	struct lowered_list l = { 0 };
	bool found = false;
	arena_init(&tmp, 64 * 1024);
	diag_list_init(&quiet);
	ec.arena = &tmp;
	ec.errs = &quiet;
	ec.elems_sink = NULL;
	if (eval_lower_cmd(&ec, cmd, &l) == 0)
		for (uint32_t j = 0; j < l.n && !found; j++) {
			const struct vm_rule *p = l.v[j].kind == LOWERED_RULE ? &l.v[j].rule->prog : NULL;
			if (p && p->expr_locs && index < p->exprs.n && p->expr_locs[index].src) {
				*out = p->expr_locs[index];
				found = true;
			}
		}
	diag_list_free(&quiet);
	arena_free(&tmp);
	return found;
}

/* Rule k of a command standing for a chain block's rules, as a command of its own. */
static struct cmd block_rule(const struct cmd *block, uint32_t k)
{
	struct cmd one = *block;
	one.rules_of = NULL;
	one.rule = block->rules_of->rules[k];
	one.loc = one.rule->loc;
	return one;
}

/* Evaluates and lowers one command and puts its messages into the batch. */
static void lower_into_batch(struct building *bd, struct cmd *cmd, bool keep,
			     struct lowered_list *kept, struct arena *scratch)
{
	struct run *r = bd->r;
	struct lowered_list one = { 0 };
	bd->cmd = cmd;
	bd->out = keep ? kept : &one;
	bd->appended = bd->out->n;
	bd->kept = keep;
	r->ec.arena = keep ? &r->arena : scratch;
	int rc = eval_lower_cmd(&r->ec, cmd, bd->out);
	r->ec.arena = &r->arena;
	if (rc == 0 && !r->errs.n) {
		for (uint32_t i = bd->appended; i < bd->out->n; i++)
			rule_order_note(r, &bd->out->v[i]);
		append_pending(bd);
	}
	else
		remember_failed_set(bd);
	arena_reset(scratch);   /* keep going after an error: report every one */
}

/* `get element`: evaluated with the rest (its request kept in the run's arena) but
 * not part of the batch: nft asks the kernel as it meets the command, before the
 * batch is sent, and a failed get sends nothing. */
static void lower_get(struct building *bd, struct cmd *cmd)
{
	struct run *r = bd->r;
	struct lowered_list l = { 0 };
	r->ec.arena = &r->arena;
	if (eval_lower_cmd(&r->ec, cmd, &l) < 0 || l.n != 1 || r->errs.n)
		return;
	if (bd->ngets == bd->gets_cap) {
		uint32_t ncap = bd->gets_cap ? bd->gets_cap * 2 : 8;
		bd->get_cmds = arena_grow(&r->arena, bd->get_cmds, bd->gets_cap, ncap,
					  sizeof(*bd->get_cmds));
		bd->get_reqs = arena_grow(&r->arena, bd->get_reqs, bd->gets_cap, ncap,
					  sizeof(*bd->get_reqs));
		bd->gets_cap = ncap;
	}
	bd->get_cmds[bd->ngets] = cmd;
	bd->get_reqs[bd->ngets++] = l.v[0].set;
}

/* Asks every get, in order; stops at the first the kernel refuses. */
static int ask_gets(struct building *bd)
{
	for (uint32_t i = 0; i < bd->ngets; i++)
		if (run_get(bd->r, bd->get_cmds[i], bd->get_reqs[i]) < 0)
			return -1;
	return 0;
}

/* nft reports the syntax errors of its input first, then what evaluation found. The
 * rules kept as text are parsed only as commit lowers them, so their syntax errors
 * (marked) come mixed with evaluation's: they are moved to the front, each list in
 * input order. */
static void syntax_errors_first(struct diag_list *errs, unsigned from)
{
	struct diag_list rest;
	diag_list_init(&rest);
	unsigned w = from;
	for (unsigned i = from; i < errs->n; i++) {
		if (errs->items[i].syntax)
			errs->items[w++] = errs->items[i];
		else
			diag_append(&rest, &errs->items[i]);
	}
	for (unsigned i = 0; i < rest.n; i++)
		errs->items[w++] = rest.items[i];
	diag_list_free(&rest);
}

/* Every error the kernel gave for the batch, each at the source it came from. */
static void report_kernel_errors(struct run *r, struct cmd_list *cmds,
				 const struct origin *origin, uint32_t norigin,
				 const struct nl_errors *kerrs, int rc)
{
	const struct nl_error *errs = kerrs->v;
	unsigned nerrs = kerrs->n;
	if (rc < 0 && nerrs == 0) {
		diag_error(&r->errs, NULL, "Could not process rule: %s", strerror(-rc));
		return;
	}
	for (unsigned k = 0; k < nerrs; k++) {
		uint32_t j = errs[k].cookie;
		const struct origin *o = j < norigin ? &origin[j] : NULL;
		const struct loc *loc = o ? &cmds->v[o->cmd]->loc : NULL;
		struct loc again, whole;
		struct cmd one;
		struct cmd *cmd = o ? cmds->v[o->cmd] : NULL;
		if (o && o->sub >= 0) {
			/* a rule of a block: lowering it again also says where the rule is */
			one = block_rule(cmd, (uint32_t)o->sub);
			cmd = &one;
			if (relowered_loc(r, cmd, UINT32_MAX, &again) || cmd->loc.src) {
				whole = cmd->loc;
				loc = &whole;
			}
		}
		/* the kernel named an expression: show the text it came from, as nft does */
		if (o && errs[k].expr_index >= 0 && (uint32_t)errs[k].expr_index < o->nlocs &&
		    o->relower && relowered_loc(r, cmd, (uint32_t)errs[k].expr_index, &again))
			loc = &again;
		else if (o && errs[k].expr_index >= 0 && (uint32_t)errs[k].expr_index < o->nlocs &&
			 o->locs && o->locs[errs[k].expr_index].src)
			loc = &o->locs[errs[k].expr_index];
		const char *why = strerror(errs[k].err);
		if (errs[k].ext_msg && *errs[k].ext_msg)
			diag_error(&r->errs, loc, "Could not process rule: %s (%s)", why,
				   errs[k].ext_msg);
		else
			diag_error(&r->errs, loc, "Could not process rule: %s", why);
	}
}

int run_changes(struct run *r, struct cmd_list *cmds)
{
	unsigned errs_before = r->errs.n;
	struct lowered_list kept = { 0 };        /* every lowered object, when they are kept */
	struct building bd = { .r = r };
	r->order = (struct rule_order){ .on = rule_order_wanted(cmds) };
	bool keep_all = (r->cli->o.debug & DEBUG_NETLINK) || r->cli->o.echo;
	r->ec = (struct eval_ctx){
		.arena = &r->arena,
		.errs = &r->errs,
		.cache = &run_set_cache_ops,
		.cache_priv = r,
		.next_set_id = 1,
		/* -d netlink and -e print every lowered element after the loop */
		.elems_sink = keep_all ? NULL : elems_to_batch,
		.elems_sink_priv = &bd,
	};
	bool any = false;
	struct arena scratch;
	arena_init(&scratch, 64 * 1024);
	/* each object goes into the batch as soon as it is lowered */
	bd.b = nl_batch_new();
	r->batch = bd.b;
	r->batch_cmds = cmds;
	nl_batch_set_dry_run(bd.b, r->cli->o.check);
	nl_batch_set_echo(bd.b, r->cli->o.echo && !r->cli->o.check);

	for (uint32_t i = 0; i < cmds->n; i++) {
		struct cmd *cmd = cmds->v[i];
		if (cmd_is_list(cmd))
			continue;
		if (cmd->op == CMD_GET || (cmd->op == CMD_RESET && cmd->obj == OBJ_ELEMENT)) {
			lower_get(&bd, cmd);
			continue;
		}
		any = true;
		bool keep = lowering_kept(r, cmd);
		bd.cmd_index = i;
		r->batch_at = i;
		if (!cmd->rules_of) {
			bd.sub = -1;
			lower_into_batch(&bd, cmd, keep, &kept, &scratch);
			continue;
		}
		/* a block of rules kept as text: each is one command of its own */
		for (uint32_t k = 0; k < cmd->rules_of->nrules; k++) {
			struct cmd one = block_rule(cmd, k);
			bd.sub = (int32_t)k;
			lower_into_batch(&bd, &one, keep, &kept, &scratch);
		}
	}
	arena_free(&scratch);
	r->batch = NULL;
	r->batch_cmds = NULL;
	syntax_errors_first(&r->errs, errs_before);
	struct nl_batch *b = bd.b;
	struct origin *origin = bd.origin;
	uint32_t norigin = bd.norigin;
	if (!r->errs.n && ask_gets(&bd) < 0) {
		nl_batch_free(b);
		return -1;
	}
	if (!any || r->errs.n || !norigin) {
		nl_batch_free(b);
		return r->errs.n ? -1 : 0;
	}

	if (r->cli->o.debug & DEBUG_NETLINK) {
		for (uint32_t j = 0; j < kept.n; j++)
			debug_print(r, &kept.v[j]);
		wr_flush(r->out);
	}

	/* what netlink cannot say faithfully is refused before anything is sent, -c too */
	uint32_t bad;
	if (nl_batch_unencodable(b, &bad)) {
		const struct origin *o = bad < norigin ? &origin[bad] : NULL;
		diag_error(&r->errs, o ? &cmds->v[o->cmd]->loc : NULL,
			   "Could not process rule: an attribute is longer than netlink allows "
			   "(%u bytes)", (unsigned)NL_ATTR_PAYLOAD_MAX);
		nl_batch_free(b);
		return -1;
	}
	int rc = cli_socket(r->cli);
	if (rc < 0) {
		nl_batch_free(b);
		/* -c works offline: everything that needs no kernel state has been checked */
		if (r->cli->o.check)
			return 0;
		diag_error(&r->errs, NULL, "cannot open netlink socket: %s", socket_error_text(-rc));
		return -1;
	}
	struct nl_errors kerrs = { 0 };
	rc = nl_batch_commit(&r->cli->sock, b, &kerrs);
	if (rc == 0) {
		if (r->cli->o.echo && !r->cli->o.check) {
			/* with -e every object is kept: its cookie is its index in `kept` */
			for (uint32_t j = 0; j < kept.n; j++) {
				set_handle(&kept.v[j], nl_batch_handle(b, j));
				if (kept.v[j].kind == LOWERED_RULE)
					kept.v[j].replaced = nl_batch_replaced_rule(b, j);
			}
			name_bound_chains(r, &kept, b);
			run_echo(r, cmds, &kept, origin_cmds(r, origin, norigin));
		}
		nl_batch_free(b);
		return 0;
	}
	nl_batch_free(b);
	/* unprivileged -c: the kernel refuses the whole batch; the offline check stands */
	bool offline_stands =
		r->cli->o.check &&
		((kerrs.n && kerrs.v[0].cookie == NL_COOKIE_BATCH && kerrs.v[0].err == EPERM) ||
		 (rc == -EPERM && kerrs.n == 0));          /* refused before it was sent */
	if (!offline_stands)
		report_kernel_errors(r, cmds, origin, norigin, &kerrs, rc);
	nl_errors_free(&kerrs);
	return offline_stands ? 0 : -1;
}
