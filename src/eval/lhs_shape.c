/* How a left-hand side sits in its register once loaded: its byte length, the shift
 * of a sub-byte field and its byte order, as both eval (constants converted to
 * match) and lower (loads, lookups, set keys) need to know it. A leaf of the
 * expression side: it calls nothing of eval but the exthdr shape. */
#include <string.h>
#include "lower_expr.h"

uint32_t expr_bytes(const struct expr *e)
{
	return (e->len + 7) / 8;
}

uint32_t concat_slot_bytes(const struct expr *comp)
{
	struct lhs_shape sh;

	lhs_shape_of(comp, &sh);
	return (sh.bytes + 3) / 4 * 4;
}

void lhs_shape_of(const struct expr *lhs, struct lhs_shape *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->bo = lhs->byteorder ? lhs->byteorder : BYTEORDER_HOST;
	switch (lhs->kind) {
	case EXPR_PAYLOAD: {
		uint32_t off = lhs->payload.offset % 8;
		sh->bytes = (off + lhs->len + 7) / 8;
		sh->shift = sh->bytes * 8 - off - lhs->len;
		sh->bo = BYTEORDER_BIG;
		return;
	}
	case EXPR_BINOP:
		lhs_shape_of(lhs->bin.left, sh);
		if (lhs->bin.left->kind == EXPR_PAYLOAD && sh->shift) {
			/* nft moves a sub-byte field down to bit 0 (and to host order)
			 * before it operates on it: `ip dscp & 0x3f` */
			sh->shift = 0;
			if (sh->bytes > 1)
				sh->bo = BYTEORDER_HOST;
		}
		return;
	case EXPR_EXTHDR:
		exthdr_shape(lhs, sh);
		return;
	case EXPR_CONCAT:
		for (uint32_t i = 0; i < lhs->list.n; i++)
			sh->bytes += concat_slot_bytes(lhs->list.v[i]);
		sh->bo = BYTEORDER_BIG;
		return;
	default:
		sh->bytes = (lhs->len + 7) / 8;
		return;
	}
}

bool expr_is_constant(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_SYMBOL: case EXPR_VALUE: case EXPR_LIST: case EXPR_VARIABLE:
		return true;
	case EXPR_BINOP:
		return expr_is_constant(e->bin.left) && expr_is_constant(e->bin.right);
	default:
		return false;
	}
}
