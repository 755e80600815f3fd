/* The optimizer's driver: for each chain of a table block, its rules (parsed from the
 * text they were kept as) become rows of a statement matrix whose columns are the
 * things matched or done (a column per selector, one for verdicts, one for counters
 * …, in order of first appearance in the chain). Consecutive rows with statements in
 * the same columns are a run, and a run of two or more is merged (opt_merge.c). */
#include <string.h>
#include "opt_int.h"

#define MAX_COLS 32

struct matrix {
	struct stmt *cols[MAX_COLS];     /* a representative statement of each column */
	uint32_t ncols;
	struct stmt ***cells;            /* per rule: MAX_COLS statements, NULL if none */
	bool *alone;                     /* a rule that can merge with nothing */
};

static int column_find(struct matrix *m, struct stmt *s, bool add)
{
	for (uint32_t c = 0; c < m->ncols; c++)
		if (opt_stmt_same_column(m->cols[c], s))
			return (int)c;
	if (!add || m->ncols == MAX_COLS)
		return -1;
	m->cols[m->ncols] = s;
	return (int)m->ncols++;
}

/* Fills the matrix; -1 when the chain has more kinds of statement than it can hold
 * (nft then leaves the chain alone too). */
static int matrix_build(struct arena *a, struct matrix *m, struct rule **rules, uint32_t n)
{
	m->cells = arena_alloc(a, sizeof(*m->cells) * n);
	m->alone = arena_alloc(a, sizeof(*m->alone) * n);
	for (uint32_t i = 0; i < n; i++) {
		m->cells[i] = arena_alloc(a, sizeof(**m->cells) * MAX_COLS);
		for (uint32_t j = 0; j < rules[i]->stmts.n; j++) {
			struct stmt *s = rules[i]->stmts.v[j];
			int c = column_find(m, s, true);
			if (c < 0)
				return -1;
			if (m->cells[i][c] || opt_stmt_role(s) == ROLE_NONE)
				m->alone[i] = true;
			m->cells[i][c] = s;
		}
	}
	return 0;
}

static bool rows_alike(const struct matrix *m, uint32_t i, uint32_t j)
{
	if (m->alone[i] || m->alone[j])
		return false;
	for (uint32_t c = 0; c < m->ncols; c++) {
		const struct stmt *a = m->cells[i][c], *b = m->cells[j][c];
		if (!a != !b || (a && !opt_stmt_same_column(a, b)))
			return false;
	}
	return true;
}

static struct rule *merge_rows(struct arena *a, const struct matrix *m, struct rule **rules,
			       uint32_t from, uint32_t n, struct opt_shown *shown)
{
	struct opt_run run = {
		.a = a, .rules = rules + from, .nrules = n, .cells = m->cells + from,
		.ncols = m->ncols, .verdict_col = -1, .nat_col = -1,
	};
	for (uint32_t c = 0; c < m->ncols; c++) {
		const struct stmt *s = m->cells[from][c];
		if (!s)
			continue;
		switch (opt_stmt_role(s)) {
		case ROLE_MATCH:
			run.match_cols[run.nmatch++] = c;
			break;
		case ROLE_VERDICT:
			run.verdict_col = (int)c;
			break;
		case ROLE_NAT:
			run.nat_col = (int)c;
			break;
		default:
			break;
		}
	}
	return opt_merge_run(&run, shown);
}

/* Every rule of the block parsed (into `out`); false when one does not parse. */
static bool parse_rules(struct optimize_ctx *oc, const struct chain_decl *c, struct rule **out)
{
	struct diag_list quiet;
	diag_list_init(&quiet);
	bool ok = true;
	for (uint32_t i = 0; i < c->nrules && ok; i++) {
		struct rule *r = c->rules[i];
		if (r->span)
			ok = r->span->parse(r->span, &quiet, oc->arena, &out[i]) == 0 && !quiet.n;
		else
			out[i] = r;
	}
	diag_list_free(&quiet);
	return ok;
}

static unsigned optimize_block(struct optimize_ctx *oc, struct cmd *cmd)
{
	const struct chain_decl *c = cmd->rules_of;
	uint32_t n = c->nrules;
	if (n < 2)
		return 0;
	struct rule **rules = arena_alloc(oc->arena, sizeof(*rules) * n);
	struct matrix m;
	memset(&m, 0, sizeof(m));
	if (!parse_rules(oc, c, rules) || matrix_build(oc->arena, &m, rules, n) < 0)
		return 0;
	struct rule **kept = arena_alloc(oc->arena, sizeof(*kept) * n);
	uint32_t nkept = 0;
	unsigned merges = 0;
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && rows_alike(&m, i, j))
			j++;
		struct opt_shown shown;
		struct rule *merged = j - i > 1 ? merge_rows(oc->arena, &m, rules, i, j - i, &shown)
						: NULL;
		if (merged) {
			opt_report(oc, rules + i, (const struct rule *const *)c->rules + i, j - i,
				   merged, &shown);
			kept[nkept++] = merged;
			merges++;
		} else {
			for (uint32_t k = i; k < j; k++)
				kept[nkept++] = rules[k];
		}
		i = j;
	}
	if (!merges)
		return 0;
	struct chain_decl *copy = arena_memdup(oc->arena, c, sizeof(*copy));
	copy->rules = kept;
	copy->nrules = nkept;
	cmd->rules_of = copy;
	return merges;
}

unsigned optimize_cmds(struct optimize_ctx *oc, struct cmd_list *cmds)
{
	unsigned merges = 0;
	for (uint32_t i = 0; i < cmds->n; i++) {
		struct cmd *cmd = cmds->v[i];
		if (cmd->op == CMD_ADD && cmd->obj == OBJ_RULE && cmd->rules_of &&
		    cmd->rules_of->in_table_block)
			merges += optimize_block(oc, cmd);
	}
	return merges;
}
