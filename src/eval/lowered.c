/* The lowered-object list every command appends to: one place that grows it, and the
 * NLM_F_* flags nft sends for `add` versus `create`. */
#include <string.h>
#include <linux/netlink.h>
#include "eval.h"

struct lowered *lowered_append(struct arena *a, struct lowered_list *out,
			       enum lowered_kind kind, uint16_t msg, uint16_t flags)
{
	out->v = arena_room(a, out->v, out->n, &out->cap, 8, sizeof(*out->v));
	struct lowered *l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->msg_type = msg;
	l->nlm_flags = flags;
	return l;
}

uint16_t lowered_new_flags(const struct cmd *cmd)
{
	return cmd->op == CMD_CREATE ? NLM_F_CREATE | NLM_F_EXCL : NLM_F_CREATE;
}
