/* The order of a chain's rules as the batch being built leaves it (rule_order.c), for
 * `add|insert rule … index N`. */
#ifndef NFTC_RULE_ORDER_H
#define NFTC_RULE_ORDER_H
#include <stdbool.h>
#include <stdint.h>
#include "../ast/ast.h"
#include "../eval/eval.h"

/* A rule: by its kernel handle, or by the NFTA_RULE_ID it was sent with. */
struct rule_ref {
	uint64_t handle;
	uint32_t id;
};

struct rule_event;
struct rule_order {
	bool on;                     /* some command uses `index`: changes are logged */
	struct rule_event *log;
	uint32_t n, cap;
	uint32_t next_id;
};

struct run;
struct nl_rule;
/* Whether any command of the input places a rule by `index`. */
bool rule_order_wanted(const struct cmd_list *cmds);
/* Logs what one lowered object does to some chain's rules (nothing unless on); a new
 * rule gets its NFTA_RULE_ID here. */
void rule_order_note(struct run *r, const struct lowered *lo);
/* The rule at 0-based `index` of the chain, given the kernel's rules of it: false when
 * there is none. */
bool rule_order_at(struct run *r, uint32_t family, const char *table, const char *chain,
		   uint32_t index, const struct nl_rule *kernel, int nkernel,
		   struct rule_ref *out);

#endif
