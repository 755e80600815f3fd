/* Lift: extension header loads (ip6 extension headers, tcp options) into
 * EXPR_EXTHDR named from a table: one row per header, one per field. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "lift_int.h"

struct exthdr_field {
	const char *name;
	uint32_t offset, len;           /* bits */
	const struct datatype *dtype;
};

struct exthdr_desc {
	uint32_t op;                    /* NFT_EXTHDR_OP_* */
	uint32_t type;                  /* header number / option kind */
	const char *name;               /* "frag", "tcp option maxseg" */
	const char *exists_name;        /* how `exists` is written */
	struct exthdr_field fields[8];
};

#define I &dt_integer
#define P &dt_inet_protocol
static const struct exthdr_desc exthdrs[] = {
	{ NFT_EXTHDR_OP_IPV6, 0, "hbh", "exthdr hbh",
	  { { "nexthdr", 0, 8, P }, { "hdrlength", 8, 8, I } } },
	{ NFT_EXTHDR_OP_IPV6, 43, "rt", "exthdr rt",
	  { { "nexthdr", 0, 8, P }, { "hdrlength", 8, 8, I }, { "type", 16, 8, I },
	    { "seg-left", 24, 8, I } } },
	{ NFT_EXTHDR_OP_IPV6, 44, "frag", "exthdr frag",
	  { { "nexthdr", 0, 8, P }, { "reserved", 8, 8, I }, { "frag-off", 16, 13, I },
	    { "reserved2", 29, 2, I }, { "more-fragments", 31, 1, I }, { "id", 32, 32, I } } },
	{ NFT_EXTHDR_OP_IPV6, 60, "dst", "exthdr dst",
	  { { "nexthdr", 0, 8, P }, { "hdrlength", 8, 8, I } } },
	{ NFT_EXTHDR_OP_IPV6, 135, "mh", "exthdr mh",
	  { { "nexthdr", 0, 8, P }, { "hdrlength", 8, 8, I }, { "type", 16, 8, I },
	    { "reserved", 24, 8, I }, { "checksum", 32, 16, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 0, "tcp option eol", NULL, { { "kind", 0, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 1, "tcp option nop", NULL, { { "kind", 0, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 2, "tcp option maxseg", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I }, { "size", 16, 16, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 3, "tcp option window", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I }, { "count", 16, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 4, "tcp option sack-perm", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 5, "tcp option sack", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I }, { "left", 16, 32, I },
	    { "right", 48, 32, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 8, "tcp option timestamp", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I }, { "tsval", 16, 32, I },
	    { "tsecr", 48, 32, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 19, "tcp option md5sig", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 30, "tcp option mptcp", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I } } },
	{ NFT_EXTHDR_OP_TCPOPT, 34, "tcp option fastopen", NULL,
	  { { "kind", 0, 8, I }, { "length", 8, 8, I } } },
};
#undef I
#undef P

static const struct exthdr_desc *exthdr_find(uint32_t op, uint32_t type)
{
	for (size_t i = 0; i < sizeof(exthdrs) / sizeof(exthdrs[0]); i++)
		if (exthdrs[i].op == op && exthdrs[i].type == type)
			return &exthdrs[i];
	return NULL;
}

int lift_exthdr(struct lift_state *st, const struct vm_expr *v)
{
	if (!vm_has(v, NFTA_EXTHDR_DREG))
		return -1;
	uint32_t op = vm_get_u(v, NFTA_EXTHDR_OP), type = vm_get_u(v, NFTA_EXTHDR_TYPE);
	uint32_t off = vm_get_u(v, NFTA_EXTHDR_OFFSET) * 8, len = vm_get_u(v, NFTA_EXTHDR_LEN) * 8;
	bool present = vm_get_u(v, NFTA_EXTHDR_FLAGS) & NFT_EXTHDR_F_PRESENT;
	if (op != NFT_EXTHDR_OP_IPV6 && op != NFT_EXTHDR_OP_TCPOPT)
		return -1;
	/* the protocol match before it (meta nfproto ipv6 / meta l4proto tcp) is implied */
	struct expr fake = { .kind = EXPR_PAYLOAD };
	fake.payload.base = op == NFT_EXTHDR_OP_IPV6 ? PROTO_BASE_NETWORK : PROTO_BASE_TRANSPORT;
	lift_dep_consume(st, &fake);

	const struct exthdr_desc *d = exthdr_find(op, type);
	struct expr *e = expr_alloc(st->ctx->arena, EXPR_EXTHDR, NULL);
	e->exthdr.type = type;
	e->exthdr.offset = off;
	e->exthdr.op = op;
	e->exthdr.flags = present;
	e->dtype = &dt_integer;
	e->byteorder = BYTEORDER_BIG;
	e->len = len;
	if (present) {
		e->exthdr.hdr = d ? (d->exists_name ? d->exists_name : d->name)
				  : arena_printf(st->ctx->arena, op == NFT_EXTHDR_OP_TCPOPT ?
						 "tcp option %u" : "exthdr %u", type);
		e->dtype = &dt_boolean;
		e->byteorder = BYTEORDER_HOST;
		e->len = 8;
		lift_set_reg(st, vm_get_u(v, NFTA_EXTHDR_DREG), e);
		return 0;
	}
	const struct exthdr_field *f = NULL;
	uint32_t rel = off, block = 0;
	if (d && op == NFT_EXTHDR_OP_TCPOPT && type == 5 && off >= 80) {
		block = (off - 16) / 64;          /* sack1..sack3 */
		rel = off - block * 64;
	}
	for (unsigned i = 0; d && i < 8 && d->fields[i].name; i++)
		if (d->fields[i].offset == rel && d->fields[i].len == len)
			f = &d->fields[i];
	if (!f) {
		/* raw: tcp option @kind,offset,len */
		e->exthdr.hdr = arena_printf(st->ctx->arena, "%s @%u,%u,%u",
					     op == NFT_EXTHDR_OP_TCPOPT ? "tcp option" : "exthdr",
					     type, off, len);
		e->flags |= EXPR_F_PRINT_HEX;
		lift_set_reg(st, vm_get_u(v, NFTA_EXTHDR_DREG), e);
		return 0;
	}
	e->exthdr.hdr = block ? arena_printf(st->ctx->arena, "%s%u", d->name, block) : d->name;
	e->exthdr.field = f->name;
	e->dtype = f->dtype;
	e->len = f->len;
	lift_set_reg(st, vm_get_u(v, NFTA_EXTHDR_DREG), e);
	return 0;
}
