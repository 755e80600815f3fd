/* `-e`: after a successful commit, print what was added, inserted or replaced as the
 * commands nft echoes (`add rule ip t c tcp dport 22 accept`). Rules are lifted from
 * the programs we sent; their anonymous sets get distinct names first, as the kernel
 * would give them, so lift can find each one's elements. */
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "cli.h"
#include "../lift/lift.h"
#include "../ast/print.h"
#include "../ast/json_print.h"
#include "monitor.h"

struct echo_sets {
	const struct lowered_list *l;
	uint32_t family;
};

static const struct nl_set *echo_find_set(void *priv, const char *table, const char *name)
{
	const struct echo_sets *es = priv;
	for (uint32_t i = 0; i < es->l->n; i++) {
		const struct lowered *lo = &es->l->v[i];
		if (lo->kind == LOWERED_SET && lo->set->family == es->family &&
		    !strcmp(lo->set->table, table) && !strcmp(lo->set->name, name))
			return lo->set;
	}
	return NULL;
}

static const struct lift_sets_ops echo_sets_ops = { .find = echo_find_set };

/* Anonymous sets are sent as "__set%d"; name each after its set id and point the
 * lookups and dynsets that use that id at the new name. */
static void name_anon_sets(struct run *r, struct lowered_list *l)
{
	for (uint32_t i = 0; i < l->n; i++) {
		struct lowered *lo = &l->v[i];
		if (lo->kind != LOWERED_SET || !strchr(lo->set->name, '%'))
			continue;
		lo->set->name = arena_printf(&r->arena, "__echo%u", lo->set->id);
	}
	for (uint32_t i = 0; i < l->n; i++) {
		if (l->v[i].kind != LOWERED_RULE)
			continue;
		struct vm_exprs *ex = &l->v[i].rule->prog.exprs;
		for (uint32_t k = 0; k < ex->n; k++) {
			struct vm_expr *e = &ex->v[k];
			unsigned name_attr, id_attr;
			if (e->kind == VM_LOOKUP) {
				name_attr = NFTA_LOOKUP_SET;
				id_attr = NFTA_LOOKUP_SET_ID;
			} else if (e->kind == VM_DYNSET) {
				name_attr = NFTA_DYNSET_SET_NAME;
				id_attr = NFTA_DYNSET_SET_ID;
			} else {
				continue;
			}
			const char *n = vm_get_str(e, name_attr);
			if (n && strchr(n, '%') && vm_has(e, id_attr))
				vm_set_str(e, name_attr, arena_printf(&r->arena, "__echo%u",
					   (unsigned)vm_get_u(e, id_attr)));
		}
	}
}

/* The lines a block printer wrote between its first and last line, as `{ a; b; }`. */
void print_inner_as_braces(const char *text, struct writer *w)
{
	const char *first = strchr(text, '\n');
	if (!first)
		return;
	wr_puts(w, " {");
	for (const char *p = first + 1; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		while (n && (*s == '\t' || *s == ' '))
			s++, n--;
		if (!e || !e[1])
			break;     /* the closing brace */
		if (n) {
			wr_putc(w, ' ');
			wr_write(w, s, n);
			if (s[n - 1] != ';')
				wr_putc(w, ';');
		}
		p = e + 1;
	}
	wr_puts(w, " }");
}

/* ` # handle N` after an echoed object, with -a, when the kernel echoed one */
static void echo_handle(const struct print_opts *po, uint64_t handle, struct writer *w)
{
	if (po->handle && handle)
		wr_printf(w, " # handle %" PRIu64, handle);
}

static const char *verb(const struct cmd *cmd)
{
	switch (cmd->op) {
	case CMD_INSERT: return "insert";
	case CMD_REPLACE: return "replace";
	case CMD_CREATE: return "create";
	default: return "add";
	}
}

/* A chain as the kernel holds it after the batch: without a policy sent, accept. */
static const struct nl_chain *shown_chain(struct run *r, const struct nl_chain *c)
{
	if (c->present & (1u << NFTA_CHAIN_POLICY))
		return c;
	struct nl_chain *shown = arena_memdup(&r->arena, c, sizeof(*c));
	shown->policy = NF_ACCEPT;
	return shown;
}

/* Whether the echo shows lowered object `lo` of command `cmd`: what was added,
 * inserted or replaced, not anonymous sets, elements only of element commands. */
static bool echoed(const struct lowered *lo, const struct cmd *cmd)
{
	if (cmd->op == CMD_DELETE || cmd->op == CMD_DESTROY || cmd->op == CMD_FLUSH ||
	    cmd->op == CMD_RENAME)
		return false;
	bool anon = (lo->kind == LOWERED_SET || lo->kind == LOWERED_ELEMS) &&
		    (lo->set->flags & NFT_SET_ANONYMOUS);
	/* a chain bound to a verdict and its rules: named by the kernel, unknown here */
	if ((lo->kind == LOWERED_CHAIN && !lo->chain->name) ||
	    (lo->kind == LOWERED_RULE && !lo->rule->chain))
		return false;
	return !anon && !(lo->kind == LOWERED_ELEMS && !lo->set->nelems);
}

/* A rule of the batch, lifted: its anonymous sets are in the batch too. */
static int lift_echoed_rule(struct run *r, const struct lowered_list *l,
			    const struct nl_rule *nr, struct rule *out)
{
	struct echo_sets es = { .l = l, .family = nr->family };
	struct lift_ctx lc = { .arena = &r->arena, .family = nr->family,
			       .sets = &echo_sets_ops, .sets_priv = &es };
	memset(out, 0, sizeof(*out));
	return lift_rule(&lc, nr, out);
}

/* Element commands of one set that follow each other are one list for nft (it
 * merges them before sending): lowered objects i.. that add to lo's set, their
 * elements gathered into one set. Returns how many lowered objects it took. */
static uint32_t gather_elems(struct run *r, const struct cmd_list *cmds,
			     const struct lowered_list *l, const uint32_t *owner, uint32_t i,
			     struct nl_set *out)
{
	const struct nl_set *s = l->v[i].set;
	uint32_t k = i + 1, n = s->nelems;
	while (k < l->n && l->v[k].kind == LOWERED_ELEMS && echoed(&l->v[k], cmds->v[owner[k]]) &&
	       l->v[k].set->family == s->family && !strcmp(l->v[k].set->table, s->table) &&
	       !strcmp(l->v[k].set->name, s->name))
		n += l->v[k++].set->nelems;
	*out = *s;
	if (k == i + 1)
		return 1;
	out->elems = arena_alloc(&r->arena, n * sizeof(*out->elems));
	out->nelems = out->elems_cap = 0;
	for (uint32_t j = i; j < k; j++) {
		memcpy(out->elems + out->nelems, l->v[j].set->elems,
		       l->v[j].set->nelems * sizeof(*out->elems));
		out->nelems += l->v[j].set->nelems;
	}
	out->elems_cap = out->nelems;
	return k - i;
}

/* The elements of `s`, lifted, one EXPR_SET of a single item each: nft echoes (and
 * monitors) each element on a line of its own. */
static struct expr **elems_one_by_one(struct run *r, const struct nl_set *s, uint32_t *n)
{
	struct lift_ctx lc = { .arena = &r->arena, .family = s->family };
	struct expr *elems = lift_set_elems(&lc, s);
	*n = 0;
	if (!elems || elems->kind != EXPR_SET)
		return NULL;
	struct expr **v = arena_alloc(&r->arena, (elems->list.n + 1) * sizeof(*v));
	for (uint32_t i = 0; i < elems->list.n; i++) {
		struct expr *one = expr_alloc(&r->arena, EXPR_SET, NULL);
		*one = *elems;
		one->list = (struct expr_list){ 0 };
		expr_list_add(&r->arena, &one->list, elems->list.v[i]);
		v[(*n)++] = one;
	}
	return v;
}

/* The rules of chains the echo has read back, to say where each new rule landed. */
struct echo_chains {
	struct arena a;
	const char *table, *chain;
	uint32_t family;
	struct nl_rule *rules;
	int n;
};

/* The handle of the rule before the echoed one when it sits between two others, as
 * the kernel's notification says it (NFTA_RULE_POSITION); 0 otherwise. */
static uint64_t echo_position(struct run *r, struct echo_chains *ec, const struct nl_rule *nr)
{
	if (!nr->prog.handle)
		return 0;
	if (!ec->table || ec->family != nr->family || strcmp(ec->table, nr->table) ||
	    strcmp(ec->chain, nr->chain)) {
		arena_reset(&ec->a);
		ec->family = nr->family;
		ec->table = arena_strdup(&ec->a, nr->table);
		ec->chain = arena_strdup(&ec->a, nr->chain);
		ec->n = nl_dump_rules(&r->cli->sock, &ec->a, nr->family, nr->table, nr->chain,
				      &ec->rules);
	}
	for (int i = 1; i + 1 < ec->n; i++)
		if (ec->rules[i].prog.handle == nr->prog.handle)
			return ec->rules[i - 1].prog.handle;
	return 0;
}

/* -j -e: one document, `{"nftables": [{"add": {"rule": {…}}}, …]}`, each object as the
 * JSON listing prints it (handles included, as the kernel echoed them). */
static void echo_json(struct run *r, const struct cmd_list *cmds, struct lowered_list *l,
		      const uint32_t *owner)
{
	const struct print_opts *po = &r->cli->o.po;
	struct json_out jo, *j = &jo;
	uint32_t shown = 0;
	for (uint32_t i = 0; i < l->n; i++)
		shown += echoed(&l->v[i], cmds->v[owner[i]]);
	if (!shown)               /* nft prints no document when nothing is echoed */
		return;
	jo_init(j, r->out);
	jo_obj_open(j);
	jo_karr_open(j, "nftables");
	for (uint32_t i = 0; i < l->n; i++) {
		const struct lowered *lo = &l->v[i];
		const struct cmd *cmd = cmds->v[owner[i]];
		if (!echoed(lo, cmd))
			continue;
		if (lo->kind == LOWERED_RULE && cmd->op == CMD_REPLACE && lo->replaced) {
			/* the kernel reports a replace as the old rule's deletion and an add */
			const struct nl_rule *old = lo->replaced;
			struct json_names n = { old->family, old->table, old->chain };
			struct rule ru;
			if (lift_echoed_rule(r, l, old, &ru) == 0) {
				jo_obj_open(j);
				jo_key(j, "delete");
				json_print_rule_obj(&ru, &n, po, j);
				jo_obj_close(j);
			}
		}
		jo_obj_open(j);
		jo_key(j, lo->kind == LOWERED_RULE && cmd->op == CMD_REPLACE ? "add" : verb(cmd));
		switch (lo->kind) {
		case LOWERED_TABLE:
			json_print_table_obj(lift_table(&r->arena, lo->table), po, j);
			break;
		case LOWERED_CHAIN: {
			struct json_names n = { lo->chain->family, lo->chain->table, NULL };
			json_print_chain_obj(lift_chain(&r->arena, shown_chain(r, lo->chain)), &n,
					     po, j);
			break;
		}
		case LOWERED_SET: {
			struct json_names n = { lo->set->family, lo->set->table, NULL };
			struct listed_set ls = { .set = lift_set_decl(&r->arena, lo->set) };
			json_print_set_obj(&ls, &n, po, j);
			break;
		}
		case LOWERED_ELEMS: {
			const struct nl_set *s = lo->set;
			struct lift_ctx lc = { .arena = &r->arena, .family = s->family };
			jo_obj_open(j);
			jo_kobj_open(j, "element");
			jo_kstr(j, "family", family_name(s->family));
			jo_kstr(j, "table", s->table);
			jo_kstr(j, "name", s->name);
			(void)lc;
			struct nl_set all;
			uint32_t took = gather_elems(r, cmds, l, owner, i, &all), n;
			struct expr **one = elems_one_by_one(r, &all, &n);
			for (uint32_t e = 0; e < n; e++) {
				if (e) {
					jo_obj_close(j);
					jo_obj_close(j);
					jo_obj_close(j);
					jo_obj_open(j);
					jo_key(j, verb(cmd));
					jo_obj_open(j);
					jo_kobj_open(j, "element");
					jo_kstr(j, "family", family_name(s->family));
					jo_kstr(j, "table", s->table);
					jo_kstr(j, "name", s->name);
				}
				jo_key(j, "elem");
				json_print_expr(one[e], po, j);
			}
			i += took - 1;
			jo_obj_close(j);
			jo_obj_close(j);
			break;
		}
		case LOWERED_RULE: {
			const struct nl_rule *nr = lo->rule;
			struct rule ru;
			struct json_names n = { nr->family, nr->table, nr->chain };
			if (lift_echoed_rule(r, l, nr, &ru) == 0)
				json_print_rule_obj(&ru, &n, po, j);
			else
				jo_null(j);
			break;
		}
		case LOWERED_OBJ: {
			struct json_names n = { lo->obj->family, lo->obj->table, NULL };
			json_print_obj_obj(lift_obj(&r->arena, lo->obj), &n, po, j);
			break;
		}
		case LOWERED_FLOWTABLE: {
			struct json_names n = { lo->flowtable->family, lo->flowtable->table, NULL };
			json_print_flowtable_obj(lift_flowtable(&r->arena, lo->flowtable), &n, po, j);
			break;
		}
		}
		jo_obj_close(j);
	}
	jo_arr_close(j);
	jo_obj_close(j);
	wr_putc(r->out, '\n');
	jo_free(j);
}

void run_echo(struct run *r, const struct cmd_list *cmds, struct lowered_list *l,
	      const uint32_t *owner)
{
	const struct print_opts *po = &r->cli->o.po;
	struct writer *w = r->out, tmp;
	name_anon_sets(r, l);
	if (r->cli->o.json) {
		echo_json(r, cmds, l, owner);
		return;
	}
	writer_init_mem(&tmp);
	struct echo_chains chains = { 0 };
	arena_init(&chains.a, 16 * 1024);
	uint32_t shown = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct lowered *lo = &l->v[i];
		const struct cmd *cmd = cmds->v[owner[i]];
		if (!echoed(lo, cmd))
			continue;
		shown++;
		wr_reset(&tmp);
		switch (lo->kind) {
		case LOWERED_TABLE:
			monitor_table_line(w, verb(cmd), lift_table(&r->arena, lo->table),
					   lo->table->family, true, po);
			break;
		case LOWERED_CHAIN: {
			const struct nl_chain *c = lo->chain;
			struct listed_chain lc = { .chain = lift_chain(&r->arena, shown_chain(r, c)) };
			wr_printf(w, "%s chain %s %s %s", verb(cmd), family_name(c->family), c->table,
				  c->name);
			if (c->has_hook) {
				struct print_opts no_handle = *po;
				no_handle.handle = false;
				print_chain(&lc, &no_handle, &tmp);
				print_inner_as_braces(wr_cstr(&tmp), w);
			}
			echo_handle(po, c->handle, w);
			wr_putc(w, '\n');
			break;
		}
		case LOWERED_SET: {
			const struct nl_set *s = lo->set;
			if (s->flags & NFT_SET_ANONYMOUS)
				break;
			struct listed_set ls = { .set = lift_set_decl(&r->arena, s) };
			wr_printf(w, "%s %s %s %s %s", verb(cmd), s->flags & NFT_SET_MAP ? "map" : "set",
				  family_name(s->family), s->table, s->name);
			print_set(&ls, po, &tmp);
			print_inner_as_braces(wr_cstr(&tmp), w);
			wr_puts(w, " \n");     /* nft ends a set's line with a space */
			break;
		}
		case LOWERED_ELEMS: {
			const struct nl_set *s = lo->set;
			if ((s->flags & NFT_SET_ANONYMOUS) || !s->nelems)
				break;
			struct nl_set all;
			uint32_t took = gather_elems(r, cmds, l, owner, i, &all), n;
			struct expr **one = elems_one_by_one(r, &all, &n);
			for (uint32_t e = 0; e < n; e++) {
				wr_printf(w, "%s element %s %s %s ", verb(cmd), family_name(s->family),
					  s->table, s->name);
				print_expr(one[e], po, w);
				wr_putc(w, '\n');
			}
			i += took - 1;
			break;
		}
		case LOWERED_RULE: {
			const struct nl_rule *nr = lo->rule;
			struct rule ru;
			if (lift_echoed_rule(r, l, nr, &ru) < 0)
				break;
			/* the kernel reports a replace as the old rule's deletion and an add */
			if (cmd->op == CMD_REPLACE)
				wr_printf(w, "delete rule %s %s %s handle %" PRIu64 "\n",
					  family_name(nr->family), nr->table, nr->chain, cmd->h.handle);
			wr_printf(w, "%s rule %s %s %s ",
				  cmd->op == CMD_REPLACE ? "add" : verb(cmd),
				  family_name(nr->family), nr->table, nr->chain);
			uint64_t pos = echo_position(r, &chains, nr);
			if (pos)
				wr_printf(w, "handle %" PRIu64 " ", pos);
			print_rule(&ru, po, w);
			wr_putc(w, '\n');
			break;
		}
		case LOWERED_OBJ:
			monitor_obj_line(w, verb(cmd), lift_obj(&r->arena, lo->obj), lo->obj->family,
					 lo->obj->table, true, po);
			break;
		default:
			break;
		}
	}
	arena_free(&chains.a);
	writer_free(&tmp);
	uint32_t genid = 0;
	/* nft says nothing at all after a batch that echoed nothing (deletions) */
	if (shown && nl_get_genid(&r->cli->sock, &genid) == 0)
		wr_printf(w, "# new generation %u by process %ld (nftc)\n", genid, (long)getpid());
}
