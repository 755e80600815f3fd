/* Running one input buffer: parse it whole, apply every change as one batch, then
 * run the list commands. A buffer with any error applies nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../parser/parser.h"
#include "../json/json_read.h"
#include "../optimize/optimize.h"

/* Commands that read the kernel and print, after the batch: list, and `reset` of
 * stateful objects and rules (which lists them as it zeroes them, as nft does). */
bool cmd_is_list(const struct cmd *cmd)
{
	return cmd->op == CMD_LIST || cmd->op == CMD_DESCRIBE ||
	       (cmd->op == CMD_RESET && cmd->obj != OBJ_ELEMENT);
}

/* -D NAME=VALUE: parsed as `define NAME = VALUE` in a source of its own, so a bad value
 * is reported against the option text. */
static int load_defines(struct run *r, struct parse_ctx *pc)
{
	for (const char **d = r->cli->o.defines; d && *d; d++) {
		const char *eq = strchr(*d, '=');
		if (!eq || eq == *d) {
			diag_error(&r->errs, NULL, "invalid define: %s (expected NAME=VALUE)", *d);
			return -1;
		}
		struct source *src = arena_alloc(&r->arena, sizeof(*src));
		src->name = "<cmdline>";
		src->text = arena_printf(&r->arena, "define %.*s = %s", (int)(eq - *d), *d, eq + 1);
		src->len = strlen(src->text);
		struct cmd_list none = { 0 };
		if (parse_source(pc, src, &none) < 0)
			return -1;
	}
	return 0;
}

static int run_cmds(struct run *r, struct parse_ctx *pc, const struct source *src,
		    const char *path)
{
	struct cmd_list cmds = { 0 };
	int rc;

	if (load_defines(r, pc) < 0)
		return -1;
	if (r->cli->o.json && path)
		rc = json_parse_file(pc, path, &cmds);
	else if (r->cli->o.json && json_looks_like(src->text, src->len))
		rc = json_parse_source(pc, src, &cmds);
	else
		rc = path ? parse_file(pc, path, &cmds) : parse_source(pc, src, &cmds);
	if (rc < 0 || r->errs.n)
		return -1;
	if (r->cli->o.optimize) {
		struct optimize_ctx oc = {
			.arena = &r->arena, .errs = &r->errs, .out = r->out, .err = r->err,
			.po = &r->cli->o.po,
		};
		optimize_cmds(&oc, &cmds);
	}

	/* changes first, as one batch; then listings, in order */
	if (run_changes(r, &cmds) < 0)
		return -1;
	for (uint32_t i = 0; i < cmds.n; i++) {
		if (!cmd_is_list(cmds.v[i]))
			continue;
		/* -c lists too, as nft does (what a checked batch would have made is not
		 * there: listing it fails); a reset would change something: not under -c */
		if (r->cli->o.check && cmds.v[i]->op == CMD_RESET)
			continue;
		if (run_list(r, cmds.v[i]) < 0)
			return -1;
	}
	return 0;
}

static int run_common(struct cli *c, const char *name, const char *text, const char *path,
		      struct writer *out, struct writer *err)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	r.cli = c;
	r.out = out;
	r.err = err;
	arena_init(&r.arena, 256 * 1024);
	diag_list_init(&r.errs);

	struct parse_ctx pc = {
		.arena = &r.arena,
		.errs = &r.errs,
		.include_dirs = c->o.include_dirs,
		.grammar_only = getenv("NFTC_GRAMMAR_ONLY") != NULL,
	};
	struct source *src = NULL;
	if (text) {
		src = arena_alloc(&r.arena, sizeof(*src));
		src->name = arena_strdup(&r.arena, name);
		src->unnamed = !strcmp(name, "<cmdline>") || !strcmp(name, "<cli>");
		src->text = arena_strdup(&r.arena, text);
		src->len = strlen(text);
	}
	int rc = run_cmds(&r, &pc, src, path);
	wr_flush(out);
	int code = 0;
	if (rc < 0 || r.errs.n) {
		bool any_error = false;
		for (unsigned i = 0; i < r.errs.n; i++)
			any_error |= r.errs.items[i].level == DIAG_ERROR;
		diag_print_all(&r.errs, err);
		wr_flush(err);
		code = (rc < 0 || any_error) ? 1 : 0;
		if (c->sock_err && rc < 0 && r.errs.n == 0)
			code = 3;
	}
	diag_list_free(&r.errs);
	free(r.sets);
	arena_free(&r.arena);
	return code;
}

int cli_run_buffer(struct cli *c, const char *name, const char *text, struct writer *out,
		   struct writer *err)
{
	return run_common(c, name, text, NULL, out, err);
}

int cli_run_file(struct cli *c, const char *path, struct writer *out, struct writer *err)
{
	return run_common(c, path, NULL, path, out, err);
}
