/* nft's report of a merge, byte for byte: "Merging:", each original rule as
 * `FILE:LINE:FIRST-LAST: <its source line>`, "into:", then the merged rule. nft
 * writes the merged rule itself to standard output and the rest to standard error,
 * and so does this. */
#include <string.h>
#include <linux/netfilter.h>
#include "opt_int.h"
#include "../ast/print.h"

static void source_line(const struct loc *l, struct writer *w)
{
	const struct source *src = l->src;
	if (!src || l->line_off > src->len)
		return;
	const char *p = src->text + l->line_off;
	const char *end = memchr(p, '\n', src->len - l->line_off);
	wr_write(w, p, end ? (size_t)(end - p) : src->len - l->line_off);
}

/* The rule as nft prints the one it built: a nat map's family is written out. */
static const struct rule *print_form(struct arena *a, const struct rule *r)
{
	struct rule *c = arena_memdup(a, r, sizeof(*c));
	memset(&c->stmts, 0, sizeof(c->stmts));
	for (uint32_t i = 0; i < r->stmts.n; i++) {
		struct stmt *s = r->stmts.v[i];
		if (s->kind == STMT_NAT && s->nat.addr &&
		    (s->nat.family == NFPROTO_IPV4 || s->nat.family == NFPROTO_IPV6)) {
			s = arena_memdup(a, s, sizeof(*s));
			s->nat.type_flags |= 1;      /* the printer's "family written" */
		}
		stmt_list_add(a, &c->stmts, s);
	}
	return c;
}

/* Whether a rule kept as text runs over more than one line. */
static bool spans_lines(const struct rule *written)
{
	const struct rule_span *sp = written->span;
	if (!sp || !sp->src || sp->end > sp->src->len || sp->start >= sp->end)
		return false;
	uint32_t end = sp->end;
	while (end > sp->start && (sp->src->text[end - 1] == '\n' ||
				   sp->src->text[end - 1] == ' ' || sp->src->text[end - 1] == '\t'))
		end--;
	return memchr(sp->src->text + sp->start, '\n', end - sp->start) != NULL;
}

/* A set as nft's report prints it: a set inside it (a rule's own) and a set nft
 * parsed an element per line. */
static void print_shown_set(const struct expr *set, bool lines, const struct print_opts *po,
			    struct writer *w)
{
	wr_puts(w, "{ ");
	for (uint32_t i = 0; i < set->list.n; i++) {
		const struct expr *it = set->list.v[i];
		if (i)
			wr_puts(w, lines ? ",\n\t\t\t     " : ", ");
		if (it->kind == EXPR_SET)
			print_shown_set(it, true, po, w);
		else
			print_expr(it, po, w);
	}
	wr_puts(w, " }");
}

static void print_shown(const struct rule *r, const struct opt_shown *shown,
			const struct print_opts *po, struct writer *w)
{
	for (uint32_t i = 0; i < r->stmts.n; i++) {
		const struct stmt *s = r->stmts.v[i];
		if (i)
			wr_putc(w, ' ');
		if (s != shown->stmt) {
			print_stmt(s, po, w);
			continue;
		}
		print_expr(s->expr->bin.left, po, w);
		if (s->expr->kind == EXPR_MAP)
			wr_puts(w, " vmap ");
		else
			wr_puts(w, s->expr->bin.op == OP_EQ ? " == " :
				   s->expr->bin.op == OP_NEQ ? " != " : " ");
		print_shown_set(shown->set, shown->lines, po, w);
	}
}

void opt_report(const struct optimize_ctx *oc, struct rule *const *rules,
		const struct rule *const *written, uint32_t n, const struct rule *merged,
		const struct opt_shown *shown)
{
	struct writer *err = oc->err;
	wr_puts(err, "Merging:\n");
	for (uint32_t i = 0; i < n; i++) {
		const struct loc *l = &rules[i]->loc;
		/* a rule over several lines: nft gives its first column twice */
		wr_printf(err, "%s:%u:%u-%u: ", l->src ? l->src->name : "<internal>", l->line,
			  l->first_col,
			  l->last_line > l->line || spans_lines(written[i]) ? l->first_col
									   : l->last_col);
		source_line(l, err);
		wr_putc(err, '\n');
	}
	wr_puts(err, "into:\n\t");
	wr_flush(err);
	/* nft prints the rule it built, whose counters have counted nothing yet */
	struct print_opts po = *oc->po;
	po.stateless = true;
	if (shown->stmt)
		print_shown(merged, shown, &po, oc->out);
	else
		print_rule(print_form(oc->arena, merged), &po, oc->out);
	wr_flush(oc->out);
	wr_putc(err, '\n');
	wr_flush(err);
}
