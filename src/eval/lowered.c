/* The lowered-object list every command appends to: one place that grows it, and the
 * NLM_F_* flags nft sends for `add` versus `create`. */
#include <string.h>
#include <linux/netlink.h>
#include "eval.h"

struct lowered *lowered_append(struct arena *a, struct lowered_list *out,
			       enum lowered_kind kind, uint16_t msg, uint16_t flags)
{
	if (out->n == out->cap) {
		uint32_t nc = out->cap ? out->cap * 2 : 8;
		out->v = arena_grow(a, out->v, out->n, nc, sizeof(*out->v));
		out->cap = nc;
	}
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
