/* Lift: register bytes → typed EXPR_VALUEs (and concatenations of them), plus the
 * small big-endian/mask helpers the folding code needs. */
#include <string.h>
#include "lift_int.h"

uint64_t lift_be_get(const uint8_t *p, uint32_t n)
{
	uint64_t x = 0;
	for (uint32_t i = 0; i < n && i < 8; i++)
		x = (x << 8) | p[i];
	return x;
}

void lift_be_put(uint8_t *p, uint32_t n, uint64_t x)
{
	for (uint32_t i = n; i > 0; i--) {
		p[i - 1] = x & 0xff;
		x >>= 8;
	}
}

uint64_t lift_host_get(const uint8_t *p, uint32_t n)
{
	uint64_t x = 0;
	for (uint32_t i = n < 8 ? n : 8; i > 0; i--)
		x = (x << 8) | p[i - 1];
	return x;
}

bool lift_all_ones(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != 0xff)
			return false;
	return true;
}

bool lift_all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int lift_prefix_len(const uint8_t *p, uint32_t n)
{
	int len = 0;
	bool zeros = false;
	for (uint32_t i = 0; i < n; i++) {
		for (int b = 7; b >= 0; b--) {
			bool one = (p[i] >> b) & 1;
			if (one && zeros)
				return -1;
			if (one)
				len++;
			else
				zeros = true;
		}
	}
	return len;
}

struct expr *lift_value(struct lift_ctx *ctx, const struct datatype *dt, enum byteorder bo,
			uint32_t len_bits, const uint8_t *p, uint32_t plen)
{
	uint8_t buf[VALUE_MAX] = {0};
	uint32_t nbytes = (len_bits + 7) / 8;
	if (nbytes > VALUE_MAX)
		nbytes = VALUE_MAX, len_bits = VALUE_MAX * 8;
	memcpy(buf, p, plen < nbytes ? plen : nbytes);
	struct expr *e = expr_value(ctx->arena, NULL, dt, bo, len_bits, buf);
	e->flags |= EXPR_F_CONSTANT;
	return e;
}

struct expr *lift_raw(struct lift_ctx *ctx, const uint8_t *p, uint32_t plen)
{
	return lift_value(ctx, &dt_integer, BYTEORDER_HOST, plen * 8, p, plen);
}

/* Retype a raw value (immediate, map data) once its consumer is known. */
void lift_retype(struct expr *e, const struct datatype *dt, enum byteorder bo, uint32_t len_bits)
{
	if (!e)
		return;
	switch (e->kind) {
	case EXPR_VALUE: {
		uint32_t nbytes = (len_bits + 7) / 8;
		e->dtype = dt;
		e->byteorder = bo;
		if (nbytes < VALUE_MAX)
			memset(e->value.bytes + nbytes, 0, VALUE_MAX - nbytes);
		e->len = len_bits;
		e->value.len = len_bits;
		break;
	}
	case EXPR_RANGE:
		lift_retype(e->bin.left, dt, bo, len_bits);
		lift_retype(e->bin.right, dt, bo, len_bits);
		break;
	case EXPR_PREFIX:
		lift_retype(e->bin.left, dt, bo, len_bits);
		break;
	case EXPR_MAP:
		/* the data side of the mappings */
		if (e->bin.right && e->bin.right->kind == EXPR_SET)
			for (uint32_t i = 0; i < e->bin.right->list.n; i++) {
				struct expr *m = e->bin.right->list.v[i];
				if (m->kind == EXPR_MAPPING)
					lift_retype(m->bin.right, dt, bo, len_bits);
			}
		break;
	case EXPR_BINOP:
		/* operands keep the type of the expression they combine with */
		if (e->bin.left->kind == EXPR_VALUE) {
			lift_retype(e->bin.left, dt, bo, len_bits);
			if (e->bin.op != BINOP_LSHIFT && e->bin.op != BINOP_RSHIFT)
				lift_retype(e->bin.right, dt, bo, len_bits);
		}
		e->dtype = dt;
		e->byteorder = bo;
		e->len = len_bits;
		break;
	default:
		break;
	}
}

void lift_type_like(struct expr *val, const struct expr *like)
{
	if (like)
		lift_retype(val, like->dtype, like->byteorder, like->len);
}

/* Bytes of a register/element typed like `like` (a load, a binop, a concat of
 * loads): a concatenation is split into 32-bit aligned pieces. */
struct expr *lift_data_as(struct lift_ctx *ctx, const struct expr *like, const uint8_t *p,
			  uint32_t plen)
{
	if (like && like->kind == EXPR_CONCAT) {
		struct expr *c = expr_alloc(ctx->arena, EXPR_CONCAT, NULL);
		uint32_t off = 0;
		for (uint32_t i = 0; i < like->list.n; i++) {
			const struct expr *part = like->list.v[i];
			uint32_t nbytes = (part->len + 7) / 8;
			const uint8_t *src = off < plen ? p + off : (const uint8_t *)"";
			uint32_t avail = off < plen ? plen - off : 0;
			expr_list_add(ctx->arena, &c->list, lift_data_as(ctx, part, src, avail));
			off += (nbytes + 3) / 4 * 4;
		}
		c->dtype = like->dtype;
		c->len = like->len;
		return c;
	}
	if (!like)
		return lift_raw(ctx, p, plen);
	uint32_t like_off = like->kind == EXPR_PAYLOAD ? like->payload.offset
			  : like->kind == EXPR_EXTHDR ? like->exthdr.offset : 0;
	if ((like->kind == EXPR_PAYLOAD || (like->kind == EXPR_EXTHDR && like->exthdr.field)) &&
	    !(like->flags & LIFT_F_NORMALISED) && (like_off % 8 || like->len % 8) &&
	    like->len < 64) {
		/* a sub-byte field: its bytes as loaded, shifted down and masked */
		uint32_t lead = like_off % 8;
		uint32_t nload = (lead + like->len + 7) / 8;
		uint64_t x = lift_be_get(p, nload < plen ? nload : plen);
		x >>= nload * 8 - lead - like->len;
		x &= (1ull << like->len) - 1;
		uint8_t buf[8] = {0};
		uint32_t nb = (like->len + 7) / 8;
		lift_be_put(buf, nb, x);
		struct expr *v = lift_value(ctx, like->dtype, like->byteorder, like->len, buf, nb);
		if (like->kind == EXPR_PAYLOAD && like->payload.is_raw)
			v->flags |= EXPR_F_PRINT_HEX;
		return v;
	}
	const struct datatype *dt = like->dtype ? like->dtype : &dt_integer;
	uint32_t len = like->len ? like->len : plen * 8;
	if (like->kind == EXPR_PAYLOAD && like->payload.is_raw) {
		struct expr *v = lift_value(ctx, dt, BYTEORDER_BIG, len, p, plen);
		v->flags |= EXPR_F_PRINT_HEX;
		return v;
	}
	if (like->kind == EXPR_BINOP && (like->flags & EXPR_F_PRINT_HEX)) {
		struct expr *v = lift_value(ctx, dt, like->byteorder, len, p, plen);
		v->flags |= EXPR_F_PRINT_HEX;
		return v;
	}
	if ((like->flags & LIFT_F_SWAPPED) && like->byteorder == BYTEORDER_HOST) {
		/* converted to network order before the match: swap back */
		uint8_t buf[VALUE_MAX] = {0};
		uint32_t nb = (len + 7) / 8;
		if (nb > VALUE_MAX)
			nb = VALUE_MAX;
		for (uint32_t i = 0; i < nb && i < plen; i++)
			buf[nb - 1 - i] = p[i];
		return lift_value(ctx, dt, like->byteorder, len, buf, nb);
	}
	return lift_value(ctx, dt, like->byteorder, len, p, plen);
}

/* A raw register value (immediates, concatenations of them) given the type of
 * what it is stored into; concatenations are typed component by component. */
struct expr *lift_type_as(struct lift_ctx *ctx, struct expr *e, const struct expr *like)
{
	if (!e || !like)
		return e;
	if (like->kind == EXPR_CONCAT) {
		if (e->kind == EXPR_CONCAT && e->list.n == like->list.n) {
			for (uint32_t i = 0; i < e->list.n; i++)
				e->list.v[i] = lift_type_as(ctx, e->list.v[i], like->list.v[i]);
			return e;
		}
		if (e->kind == EXPR_VALUE)
			return lift_data_as(ctx, like, e->value.bytes, (e->value.len + 7) / 8);
		return e;
	}
	lift_retype(e, like->dtype, like->byteorder, like->len);
	return e;
}

/* The key of a lookup or set update as nft wrote it: constants in it (immediates,
 * `ip saddr . 80 @s`) take the set's key type at their place; loaded parts keep
 * their own. */
struct expr *lift_key_consts(struct lift_ctx *ctx, struct expr *key, const struct expr *like)
{
	if (!key || !like)
		return key;
	if (key->kind == EXPR_VALUE)
		return lift_type_as(ctx, key, like);
	if (key->kind != EXPR_CONCAT || like->kind != EXPR_CONCAT ||
	    key->list.n != like->list.n)
		return key;
	for (uint32_t i = 0; i < key->list.n; i++)
		if (key->list.v[i]->kind == EXPR_VALUE)
			key->list.v[i] = lift_type_as(ctx, key->list.v[i], like->list.v[i]);
	return key;
}
