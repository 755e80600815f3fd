/* The lowered-object list every command appends to: one place that grows it, the
 * NLM_F_* flags nft sends for `add` versus `create`, and what delete/destroy of a
 * named object sends (by handle or by name). */
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

int lowered_delete(struct eval_ctx *ctx, const struct cmd *cmd, struct lowered_list *out,
		   const struct lowered_delete_row *row, void *obj, const char **name,
		   uint64_t *handle, uint32_t *present)
{
	if (cmd->h.has_handle) {
		*handle = cmd->h.handle;
		*present |= 1u << row->handle_attr;
		*present &= ~(1u << row->name_attr);
		*name = NULL;
	} else if (!*name) {
		return diag_error(ctx->errs, &cmd->loc, "missing %s name", row->what);
	} else {
		*present |= 1u << row->name_attr;
	}
	struct lowered *l = lowered_append(ctx->arena, out, row->kind,
					   cmd->op == CMD_DELETE ? row->delete_msg
								 : row->destroy_msg, 0);
	switch (row->kind) {
	case LOWERED_TABLE: l->table = obj; break;
	case LOWERED_CHAIN: l->chain = obj; break;
	case LOWERED_SET: l->set = obj; break;
	case LOWERED_OBJ: l->obj = obj; break;
	case LOWERED_FLOWTABLE: l->flowtable = obj; break;
	default: break;
	}
	return 0;
}
