/* nft's report of a merge, byte for byte: "Merging:", each original rule as
 * `FILE:LINE:FIRST-LAST: <its source line>`, "into:", then the merged rule. nft
 * writes the merged rule itself to standard output and the rest to standard error,
 * and so does this. */
#include <string.h>
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

void opt_report(const struct optimize_ctx *oc, struct rule *const *rules, uint32_t n,
		const struct rule *merged)
{
	struct writer *err = oc->err;
	wr_puts(err, "Merging:\n");
	for (uint32_t i = 0; i < n; i++) {
		const struct loc *l = &rules[i]->loc;
		wr_printf(err, "%s:%u:%u-%u: ", l->src ? l->src->name : "<internal>", l->line,
			  l->first_col, l->last_col);
		source_line(l, err);
		wr_putc(err, '\n');
	}
	wr_puts(err, "into:\n\t");
	wr_flush(err);
	/* nft prints the rule it built, whose counters have counted nothing yet */
	struct print_opts po = *oc->po;
	po.stateless = true;
	print_rule(merged, &po, oc->out);
	wr_flush(oc->out);
	wr_putc(err, '\n');
	wr_flush(err);
}
