/* The state of one nftc process: options, the (lazily opened) netlink socket and the
 * defines given with -D. Private to src/cli. */
#ifndef NFTC_CLI_H
#define NFTC_CLI_H
#include "run.h"
#include "../netlink/netlink.h"
#include "../ast/ast.h"
#include "../eval/eval.h"
#include "rule_order.h"

struct cli {
	struct cli_opts o;
	struct nl_sock sock;
	bool sock_open;
	int sock_err;              /* errno of a failed open, 0 otherwise */
};

/* Opens the socket on first use. Returns 0 or -errno. */
int cli_socket(struct cli *c);

/* A batch being run: everything allocated for it dies with `arena`. */
struct run {
	struct cli *cli;
	struct arena arena;
	struct diag_list errs;
	struct writer *out, *err;
	/* sets known to eval: declared earlier in this batch, or fetched from the kernel */
	struct known_set **sets;
	uint32_t nsets, sets_cap;
	struct eval_ctx ec;        /* the eval context of this batch's changes */
	struct rule_order order;   /* rule positions within the batch (`index N`) */
	struct nl_batch *batch;    /* the batch run_changes is building, else NULL */
	/* the commands of that batch and the one being lowered (what came before it) */
	const struct cmd_list *batch_cmds;
	uint32_t batch_at;
};

/* run.c: commands that only read the kernel and print (run after the batch). */
bool cmd_is_list(const struct cmd *cmd);
/* commit.c: evaluates, lowers and commits every command that changes the ruleset. */
int run_changes(struct run *r, struct cmd_list *cmds);
/* echo.c: `-e`, what a committed batch added, as commands. */
void run_echo(struct run *r, const struct cmd_list *cmds, struct lowered_list *l,
	      const uint32_t *owner);
/* echo.c: the lines a block printer wrote between its first and last, as ` { a; b; }`
 * (echo and monitor show declarations so). */
void print_inner_as_braces(const char *text, struct writer *w);
/* describe.c: `describe EXPR`, what nft says of an expression's type. 0 or -1. */
int run_describe(struct run *r, struct cmd *cmd);
/* list.c: one list command (and describe). Returns 0 or -1 (error recorded). */
int run_list(struct run *r, struct cmd *cmd);
/* get.c: `get element`, asked with the lowered keys `req`; prints the set with what the
 * kernel answered. 0, or -1 with the error recorded at the command. */
int run_get(struct run *r, struct cmd *cmd, const struct nl_set *req);
/* set_cache.c: eval's view of existing sets. */
extern const struct eval_cache_ops run_set_cache_ops;
void run_remember_set(struct run *r, struct known_set *ks);

#endif
