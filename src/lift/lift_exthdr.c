/* Lift: extension header loads (ip6 extension headers, ip options, tcp options, sctp
 * chunks, dccp options) into EXPR_EXTHDR, named from the shared rows of types/exthdr.h so
 * that parser, lower and lift agree on every header and field. A load that covers
 * no whole field stays raw (`tcp option @30,16,8`) until a mask narrows it to a
 * sub-byte field (`frag frag-off`, `tcp option mptcp subtype`). */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lift_int.h"
#include "../types/exthdr.h"
#include "../util/nf_tables_uapi.h"

/* Rows sharing one (op, type), tried in this order when the first has no field at
 * the loaded offset: the routing header variants and the sack blocks. */
static const char *const rt_rows[] = { "rt", "srh", "rt2", "rt0", NULL };
static const char *const sack_rows[] = { "sack", "sack1", "sack2", "sack3", NULL };

static const char *op_prefix(uint32_t op)
{
	switch (op) {
	case NFT_EXTHDR_OP_TCPOPT: return "tcp option ";
	case NFT_EXTHDR_OP_SCTP: return "sctp chunk ";
	case NFT_EXTHDR_OP_DCCP: return "dccp option ";
	case NFT_EXTHDR_OP_IPV4: return "ip option ";
	default: return "";
	}
}

/* The field of `d` at (off, len); array rows (`sid[N]`) give their index in *idx. */
static const struct proto_field *field_in(const struct exthdr_desc *d, uint32_t off, uint32_t len,
					  uint32_t *idx)
{
	const struct proto_field *f = exthdr_field_at(d, off, len);
	*idx = 0;
	if (f && d->array_stride && f->len == d->array_stride)
		*idx = 1;                        /* sid[1]: array fields carry their index */
	if (f || !d->array_stride)
		return f;
	for (f = d->fields; f->name; f++)
		if (f->len == len && off > f->offset && (off - f->offset) % d->array_stride == 0) {
			*idx = (off - f->offset) / d->array_stride + 1;
			return f;
		}
	return NULL;
}

static const struct exthdr_desc *find_field(uint32_t op, uint32_t type, uint32_t off, uint32_t len,
					    const struct proto_field **fout, uint32_t *idx)
{
	const struct exthdr_desc *d = exthdr_desc_by_type(op, type);
	*fout = NULL;
	if (d && (*fout = field_in(d, off, len, idx)))
		return d;
	const char *const *alt = NULL;
	if (op == NFT_EXTHDR_OP_IPV6 && type == 43)
		alt = rt_rows;
	else if (op == NFT_EXTHDR_OP_TCPOPT && type == 5)
		alt = sack_rows;
	for (; alt && *alt; alt++) {
		const struct exthdr_desc *a = exthdr_desc_by_name(op, *alt);
		if (a && (*fout = field_in(a, off, len, idx)))
			return a;
	}
	return NULL;
}

/* Name `e` (op, type set) after field f of row d. */
static void name_field(struct arena *a, struct expr *e, const struct exthdr_desc *d,
		       const struct proto_field *f, uint32_t idx, uint32_t off)
{
	e->exthdr.hdr = arena_printf(a, "%s%s", op_prefix(d->op), d->name);
	e->exthdr.field = idx ? arena_printf(a, "%s[%u]", f->name, idx) : f->name;
	e->exthdr.offset = off;
	/* nft lists extension header next-header values as numbers */
	e->dtype = f->dtype && f->dtype != &dt_inet_protocol ? f->dtype : &dt_integer;
	e->byteorder = BYTEORDER_BIG;
	e->len = f->len;
	e->flags &= ~EXPR_F_PRINT_HEX;
}

struct expr *lift_exthdr_field(struct arena *a, const struct exthdr_desc *d,
			       const struct proto_field *f)
{
	struct expr *e = expr_alloc(a, EXPR_EXTHDR, NULL);
	e->exthdr.op = d->op;
	e->exthdr.type = d->type;
	name_field(a, e, d, f, 0, f->offset);
	return e;
}

static void name_raw(struct lift_state *st, struct expr *e)
{
	const char *p = e->exthdr.op == NFT_EXTHDR_OP_IPV6 ? "exthdr " : op_prefix(e->exthdr.op);
	e->exthdr.hdr = arena_printf(st->ctx->arena, "%s@%u,%u,%u", p, e->exthdr.type,
				     e->exthdr.offset, e->len);
	e->exthdr.field = NULL;
	e->dtype = &dt_integer;
	e->byteorder = BYTEORDER_BIG;
	e->flags |= EXPR_F_PRINT_HEX;
}

static const char *present_name(struct lift_state *st, uint32_t op, uint32_t type)
{
	const struct exthdr_desc *d = exthdr_desc_by_type(op, type);
	if (op == NFT_EXTHDR_OP_IPV6)
		return d ? arena_printf(st->ctx->arena, "exthdr %s", d->name)
			 : arena_printf(st->ctx->arena, "exthdr %u", type);
	if (d && op != NFT_EXTHDR_OP_DCCP)
		return arena_printf(st->ctx->arena, "%s%s", op_prefix(op), d->name);
	return arena_printf(st->ctx->arena, "%s%u", op_prefix(op), type);
}

struct expr *lift_exthdr_expr(struct lift_state *st, uint32_t op, uint32_t type, uint32_t off,
			      uint32_t len, bool present)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_EXTHDR, NULL);
	e->exthdr.type = type;
	e->exthdr.offset = off;
	e->exthdr.op = op;
	e->exthdr.flags = present ? NFT_EXTHDR_F_PRESENT : 0;
	e->len = len;
	if (present) {
		e->exthdr.hdr = present_name(st, op, type);
		e->dtype = &dt_boolean;
		e->byteorder = BYTEORDER_HOST;
		e->len = 8;
		return e;
	}
	const struct proto_field *f;
	uint32_t idx;
	const struct exthdr_desc *d = find_field(op, type, off, len, &f, &idx);
	if (d)
		name_field(st->ctx->arena, e, d, f, idx, off);
	else
		name_raw(st, e);
	return e;
}

struct expr *lift_exthdr_reset_key(struct lift_state *st, uint32_t op, uint32_t type)
{
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_EXTHDR, NULL);
	e->exthdr.type = type;
	e->exthdr.op = op;
	e->exthdr.hdr = present_name(st, op, type);
	e->dtype = &dt_integer;
	e->len = 8;
	return e;
}

int lift_exthdr(struct lift_state *st, const struct vm_expr *v)
{
	if (!vm_has(v, NFTA_EXTHDR_DREG))
		return -1;
	uint32_t op = vm_get_u(v, NFTA_EXTHDR_OP), type = vm_get_u(v, NFTA_EXTHDR_TYPE);
	uint32_t off = vm_get_u(v, NFTA_EXTHDR_OFFSET) * 8, len = vm_get_u(v, NFTA_EXTHDR_LEN) * 8;
	bool present = vm_get_u(v, NFTA_EXTHDR_FLAGS) & NFT_EXTHDR_F_PRESENT;
	if (op != NFT_EXTHDR_OP_IPV6 && op != NFT_EXTHDR_OP_IPV4 && op != NFT_EXTHDR_OP_TCPOPT &&
	    op != NFT_EXTHDR_OP_SCTP && op != NFT_EXTHDR_OP_DCCP)
		return -1;
	/* the protocol match before it (meta nfproto ipv6 or ipv4 / meta l4proto tcp) is
	 * implied */
	struct expr fake = { .kind = EXPR_PAYLOAD };
	fake.payload.base = op == NFT_EXTHDR_OP_IPV6 || op == NFT_EXTHDR_OP_IPV4
			    ? PROTO_BASE_NETWORK : PROTO_BASE_TRANSPORT;
	lift_dep_consume(st, &fake);
	lift_set_reg(st, vm_get_u(v, NFTA_EXTHDR_DREG),
		     lift_exthdr_expr(st, op, type, off, len, present));
	return 0;
}

struct expr *lift_exthdr_masked(struct lift_state *st, const struct expr *load,
				const uint8_t *mask, uint32_t mlen)
{
	if (load->kind != EXPR_EXTHDR || load->exthdr.field ||
	    (load->exthdr.flags & NFT_EXTHDR_F_PRESENT) || load->len / 8 != mlen || mlen > 8)
		return NULL;
	uint64_t m = lift_be_get(mask, mlen);
	if (!m)
		return NULL;
	uint32_t bits = mlen * 8;
	int lo = __builtin_ctzll(m), hi = 63 - __builtin_clzll(m);
	uint32_t flen = (uint32_t)(hi - lo + 1);
	uint64_t run = (flen >= 64 ? ~0ull : ((1ull << flen) - 1)) << lo;
	if (run != m)
		return NULL;                     /* not one contiguous field */
	uint32_t foff = load->exthdr.offset + bits - 1 - (uint32_t)hi;
	const struct proto_field *f;
	uint32_t idx;
	const struct exthdr_desc *d = find_field(load->exthdr.op, load->exthdr.type, foff, flen,
						 &f, &idx);
	if (!d)
		return NULL;
	struct expr *e = arena_memdup(st->ctx->arena, load, sizeof(*load));
	name_field(st->ctx->arena, e, d, f, idx, foff);
	return e;
}
