/* Printer: tables, chains and sets laid out as `nft list` lays them out — tabs,
 * blank lines between objects, set declarations with their elements wrapped as nft
 * wraps them — from their declarations (lifted from the kernel by src/lift). */
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"
#include "print_obj.h"
#include "../types/objtypes.h"

/* ------------------------------------------------------------ chains */

/* `device "lo"` for one device, `devices = { a, b }` for more */
static void print_devices(const struct expr_list *d, struct writer *w)
{
	if (d->n == 1) {
		wr_puts(w, " device ");
		print_quoted(d->v[0]->sym.str, w);
	} else if (d->n > 1) {
		wr_puts(w, " devices = { ");
		for (uint32_t i = 0; i < d->n; i++)
			wr_printf(w, "%s%s", i ? ", " : "", d->v[i]->sym.str);
		wr_puts(w, " }");
	}
}

/* a lifted priority: its words (`filter + 10`), or the number with -y */
static void print_prio(const struct expr *prio, int32_t value, const struct print_opts *po,
		       struct writer *w)
{
	if (po->numeric_prio || !prio)
		wr_printf(w, "%" PRId32, value);
	else
		print_expr(prio, po, w);
}

void print_chain(const struct listed_chain *lc, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	const struct chain_decl *c = lc->chain;
	if (!po)
		po = &none;
	wr_printf(w, "\tchain %s {", c->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, c->handle);
	if (c->comment) {
		wr_puts(w, "\n\t\tcomment ");
		print_quoted(c->comment, w);
	}
	wr_putc(w, '\n');
	if (c->hook) {
		wr_printf(w, "\t\ttype %s hook %s", c->type ? c->type : "filter", c->hook);
		print_devices(&c->devices, w);
		wr_puts(w, " priority ");
		print_prio(c->prio, c->prio_value, po, w);
		wr_puts(w, "; policy ");
		if (c->policy)
			print_expr(c->policy, po, w);
		else
			wr_puts(w, "accept");
		wr_putc(w, ';');
		if (c->flags & NFT_CHAIN_HW_OFFLOAD)
			wr_puts(w, " flags offload;");
		wr_putc(w, '\n');
	}
	for (uint32_t i = 0; i < lc->nrules; i++) {
		wr_puts(w, "\t\t");
		print_rule(lc->rules[i], po, w);
		wr_putc(w, '\n');
	}
	const struct rule *ru;
	while (lc->next_rule && (ru = lc->next_rule(lc->rules_priv)) != NULL) {
		wr_puts(w, "\t\t");
		print_rule(ru, po, w);
		wr_putc(w, '\n');
	}
	wr_puts(w, "\t}\n");
}

/* ------------------------------------------------------------ sets */

/* A `type` line's datatypes: the names of the template's dtypes, " . " between the
 * parts of a concatenation. */
static void print_type_names(const struct expr *e, struct writer *w)
{
	if (e->kind == EXPR_CONCAT) {
		for (uint32_t i = 0; i < e->list.n; i++) {
			wr_puts(w, i ? " . " : "");
			print_type_names(e->list.v[i], w);
		}
		return;
	}
	wr_puts(w, e->dtype ? e->dtype->name : "invalid");
}

/* the key or data of a set: `typeof` expressions, or `type` names */
static void print_set_key(const struct expr *e, bool is_typeof, const struct print_opts *po,
			  struct writer *w)
{
	if (is_typeof)
		print_expr(e, po, w);
	else
		print_type_names(e, w);
}

/* nft's wrapping of set elements: short types five or two to a line, the rest one;
 * a map's elements one to a line whatever their key. */
static unsigned elems_per_line(const struct expr *elems)
{
	const struct expr *first = elems->list.n ? elems->list.v[0] : NULL;
	if (first && first->kind == EXPR_MAPPING)
		return 1;
	if (first && first->kind == EXPR_SET_ELEM)
		first = first->elem.key;
	if (!first || !first->dtype || first->kind == EXPR_CONCAT)
		return 1;
	/* nftc's own ids (mptcp subtype) are nft's integers with symbols */
	uint32_t id = first->dtype->id;
	if (id >= TYPE_MAX_ID)
		id = datatype_root(first->dtype)->id;
	switch (id) {
	case TYPE_NFPROTO: case TYPE_INTEGER: case TYPE_ARPOP: case TYPE_INET_PROTOCOL:
	case TYPE_INET_SERVICE: case TYPE_TCP_FLAG: case TYPE_DCCP_PKTTYPE: case TYPE_MARK:
	case TYPE_IFINDEX: case TYPE_CLASSID: case TYPE_UID: case TYPE_GID: case TYPE_CT_DIR:
		return 5;
	case TYPE_IPADDR: case TYPE_CT_STATE: case TYPE_CT_STATUS: case TYPE_PKTTYPE:
		return 2;
	default:
		return 1;
	}
}

/* Where a listing of elements is: they may arrive in several chunks. */
struct elems_out {
	unsigned per, count;
	bool any, one_per_line;
};

static bool elems_have_comment(const struct expr *elems)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		const struct expr *e = elems->list.v[i];
		if (e->kind == EXPR_MAPPING)
			e = e->bin.left;
		if (e->kind == EXPR_SET_ELEM && e->elem.comment)
			return true;
	}
	return false;
}

static void print_set_elements(struct elems_out *eo, const struct expr *elems,
			       const struct print_opts *po, struct writer *w)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		if (!eo->any) {
			eo->per = eo->one_per_line ? 1 : elems_per_line(elems);
			eo->any = true;
			wr_puts(w, "\t\telements = { ");
		} else if (++eo->count >= eo->per) {
			wr_puts(w, ",\n\t\t\t     ");
			eo->count = 0;
		} else {
			wr_puts(w, ", ");
		}
		print_expr(elems->list.v[i], po, w);
	}
}

void print_set(const struct listed_set *ls, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	static const struct print_opts plain;
	const struct set_decl *s = ls->set;
	if (!po)
		po = &none;
	wr_printf(w, "\t%s %s {", s->is_map ? "map" : "set", s->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, s->handle);
	wr_puts(w, s->key_typeof ? "\n\t\ttypeof " : "\n\t\ttype ");
	print_set_key(s->key, s->key_typeof, &plain, w);
	if (s->flags & NFT_SET_MAP) {
		wr_puts(w, " : ");
		if (s->data->flags & EXPR_F_INTERVAL)
			wr_puts(w, "interval ");
		print_set_key(s->data, s->data_typeof, &plain, w);
	} else if (s->flags & NFT_SET_OBJECT) {
		wr_printf(w, " : %s", objtype_word(s->data_objtype));
	}
	wr_putc(w, '\n');
	if (s->has_policy && s->policy == NFT_SET_POL_MEMORY)
		wr_puts(w, "\t\tpolicy memory\n");
	if (s->size) {
		wr_printf(w, "\t\tsize %u", s->size);
		if (s->count)
			wr_printf(w, "\t# count %u", s->count);
		wr_putc(w, '\n');
	}
	static const struct { uint32_t bit; const char *name; } flags[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_EVAL, "dynamic" },
		{ NFT_SET_INTERVAL, "interval" }, { NFT_SET_TIMEOUT, "timeout" },
	};
	const char *sep = "\t\tflags ";
	/* `timeout 1m` alone implies the timeout flag: nft does not repeat it */
	bool other = s->flags & (NFT_SET_CONSTANT | NFT_SET_EVAL | NFT_SET_INTERVAL);
	for (unsigned i = 0; i < 4; i++)
		if ((s->flags & flags[i].bit) &&
		    !(flags[i].bit == NFT_SET_TIMEOUT && !other && s->timeout)) {
			wr_printf(w, "%s%s", sep, flags[i].name);
			sep = ",";
		}
	if (sep[0] == ',')
		wr_putc(w, '\n');
	/* set-wide stateful statements, on one line, without their state (`counter`) */
	if (s->stmts && s->stmts->n) {
		struct print_opts stateless = *po;
		stateless.stateless = true;
		for (uint32_t i = 0; i < s->stmts->n; i++) {
			wr_puts(w, i ? " " : "\t\t");
			print_stmt(s->stmts->v[i], &stateless, w);
		}
		wr_putc(w, '\n');
	}
	if (s->auto_merge)
		wr_puts(w, "\t\tauto-merge\n");
	if (s->timeout) {
		wr_puts(w, "\t\ttimeout ");
		print_time_ms(s->timeout, w);
		wr_putc(w, '\n');
	}
	if (s->gc_interval) {
		wr_puts(w, "\t\tgc-interval ");
		print_time_ms(s->gc_interval, w);
		wr_putc(w, '\n');
	}
	if (s->comment) {
		wr_puts(w, "\t\tcomment ");
		print_quoted(s->comment, w);
		wr_putc(w, '\n');
	}
	/* nft puts each element on a line of its own when elements may carry more
	 * than their key: a map's, a set's with a timeout or statements, or a comment
	 * on one (ls->one_per_line: what the kernel's elements say) */
	struct elems_out eo = {
		.one_per_line = ls->one_per_line || s->timeout || (s->flags & NFT_SET_TIMEOUT) ||
				(s->stmts && s->stmts->n) || ls->elem_comments ||
				(ls->elems && elems_have_comment(ls->elems)),
	};
	if (ls->next_elems) {
		const struct expr *chunk;
		while ((chunk = ls->next_elems(ls->elems_priv)) != NULL)
			print_set_elements(&eo, chunk, po, w);
	} else if (ls->elems) {
		print_set_elements(&eo, ls->elems, po, w);
	}
	if (eo.any)
		wr_puts(w, " }\n");
	wr_puts(w, "\t}\n");
}

/* ------------------------------------------------------------ tables */

void print_table_header(const struct table_decl *t, const struct print_opts *po,
			struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	const char *fam = family_name(t->family);
	wr_printf(w, "table %s %s {", fam ? fam : "unknown", t->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, t->handle);
	if (t->progname)
		wr_printf(w, " # progname %s", t->progname);
	wr_putc(w, '\n');
	/* print_table adds a blank line after the flags */
	static const struct { uint32_t bit; const char *word; } words[] = {
		{ NFT_TABLE_F_DORMANT, "dormant" }, { 1u << 1, "owner" }, { 1u << 2, "persist" },
	};
	const char *sep = "\tflags ";
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (t->flags & words[i].bit) {
			wr_printf(w, "%s%s", sep, words[i].word);
			sep = ",";
		}
	if (*sep == ',')
		wr_putc(w, '\n');
	if (t->comment) {
		wr_puts(w, "\tcomment ");
		print_quoted(t->comment, w);
		wr_putc(w, '\n');
	}
}

/* The declarations of a table are separated by blank lines: one before each but
 * the first. */
static void blank_line_between(bool *first, bool packed, struct writer *w)
{
	if (!*first && !packed)
		wr_putc(w, '\n');
	*first = false;
}

void print_table(const struct listed_table *t, const struct print_opts *po, struct writer *w)
{
	/* table flags are followed by a blank line, the comment is not */
	bool first = !(t->table->flags & 7u);   /* dormant, owner, persist */
	print_table_header(t->table, po, w);
	for (uint32_t i = 0; i < t->nobjs; i++) {
		blank_line_between(&first, t->packed, w);
		print_obj(t->objs[i], po, w);
	}
	for (uint32_t i = 0; i < t->nsets; i++) {
		if (t->sets[i].set->flags & NFT_SET_ANONYMOUS)
			continue;
		blank_line_between(&first, t->packed, w);
		print_set(&t->sets[i], po, w);
	}
	for (uint32_t i = 0; i < t->nflowtables; i++) {
		blank_line_between(&first, t->packed, w);
		print_flowtable(t->flowtables[i], po, w);
	}
	for (uint32_t i = 0; i < t->nchains; i++) {
		blank_line_between(&first, t->packed, w);
		print_chain(&t->chains[i], po, w);
	}
	wr_puts(w, "}\n");
}
