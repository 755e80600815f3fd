/* Constructors for option-like headers and the remaining special expressions:
 * IPv6 extension headers, tcp/ip/dccp options, sctp chunks (EXPR_EXTHDR), tunnel
 * inner payloads (EXPR_PAYLOAD.tunnel), osf (EXPR_OSF) and ipsec (EXPR_XFRM).
 * The shapes are described in docs/ast-conventions.md. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "parser/build.h"
#include "types/exthdr.h"
#include "types/tunnel.h"

/* The words that name the header when printed (as lift writes them):
 * "frag", "exthdr hbh" (presence), "tcp option maxseg", "tcp option 6", "sctp chunk init",
 * "dccp option 43". */
static const char *exthdr_words(struct pstate *ps, uint32_t op, const struct exthdr_desc *d,
				uint32_t type, bool presence)
{
	switch (op) {
	case NFT_EXTHDR_OP_IPV6:
		return presence ? arena_printf(ps->a, "exthdr %s", d->name) : d->name;
	case NFT_EXTHDR_OP_TCPOPT:
		return d ? arena_printf(ps->a, "tcp option %s", d->name)
			 : arena_printf(ps->a, "tcp option %u", type);
	case NFT_EXTHDR_OP_SCTP:
		return arena_printf(ps->a, "sctp chunk %s", d->name);
	case NFT_EXTHDR_OP_DCCP:
		return arena_printf(ps->a, "dccp option %u", type);
	default:
		return d ? arena_printf(ps->a, "ip option %s", d->name)
			 : arena_printf(ps->a, "ip option %u", type);
	}
}

static struct expr *exthdr_new(struct pstate *ps, const struct loc *l, uint32_t op,
			       const struct exthdr_desc *d, uint32_t type)
{
	struct expr *e = expr_alloc(ps->a, EXPR_EXTHDR, l);
	e->exthdr.op = op;
	e->exthdr.hdr = exthdr_words(ps, op, d, d ? d->type : type, true);
	e->exthdr.type = d ? d->type : type;
	e->exthdr.flags = NFT_EXTHDR_F_PRESENT;     /* until a field is chosen */
	e->len = 8;
	return e;
}

static struct expr *exthdr_field_set(struct pstate *ps, struct expr *e,
				     const struct exthdr_desc *d, const struct loc *fl,
				     const char *field)
{
	uint32_t off = 0;
	const struct proto_field *f = d ? exthdr_field(d, field, &off) : NULL;
	if (!f) {
		diag_error(ps->ctx->errs, fl, "syntax error, unexpected %s", field);
		return NULL;
	}
	e->exthdr.field = f->name == field ? field : arena_strdup(ps->a, field);
	e->exthdr.hdr = exthdr_words(ps, e->exthdr.op, d, e->exthdr.type, false);
	e->exthdr.offset = off;
	e->exthdr.flags = 0;
	e->len = f->len;
	e->dtype = f->dtype;                     /* eval keeps a type set here */
	e->byteorder = f->byteorder;
	e->loc = loc_join(&e->loc, fl);
	return e;
}

/* `frag nexthdr`, `srh sid[2]`, `exthdr hbh` (field NULL: presence test) */
struct expr *b_exthdr6(struct pstate *ps, const struct loc *l, const struct loc *hl,
		       const char *hdr, const struct loc *fl, const char *field)
{
	const struct exthdr_desc *d = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, hdr);
	if (!d) {
		diag_error(ps->ctx->errs, hl, "syntax error, unexpected %s", hdr);
		return NULL;
	}
	struct expr *e = exthdr_new(ps, l, NFT_EXTHDR_OP_IPV6, d, 0);
	return field ? exthdr_field_set(ps, e, d, fl, field) : e;
}

static int option_op(const char *proto, uint32_t *op)
{
	if (!strcmp(proto, "tcp"))
		*op = NFT_EXTHDR_OP_TCPOPT;
	else if (!strcmp(proto, "ip"))
		*op = NFT_EXTHDR_OP_IPV4;
	else if (!strcmp(proto, "dccp"))
		*op = NFT_EXTHDR_OP_DCCP;
	else if (!strcmp(proto, "sctp"))
		*op = NFT_EXTHDR_OP_SCTP;
	else
		return -1;
	return 0;
}

/* `tcp option maxseg size`, `tcp option 6`, `dccp option 43`, `sctp chunk init` */
struct expr *b_option(struct pstate *ps, const struct loc *l, const char *proto,
		      const struct loc *nl, const char *name, const struct loc *fl,
		      const char *field)
{
	uint32_t op;
	if (option_op(proto, &op) || (op == NFT_EXTHDR_OP_SCTP) != (strcmp(proto, "sctp") == 0)) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", proto);
		return NULL;
	}
	const struct exthdr_desc *d = NULL;
	uint32_t type = 0;
	if (name[0] >= '0' && name[0] <= '9') {
		uint64_t v;
		if (op == NFT_EXTHDR_OP_SCTP) {        /* chunks are named, never numbered */
			diag_error(ps->ctx->errs, nl, "syntax error, unexpected number");
			return NULL;
		}
		if (!b_uint(ps, nl, name, 255, &v))
			return NULL;
		type = (uint32_t)v;
		d = exthdr_desc_by_type(op, type);
		/* `tcp option 254 length`: an option nft has no template for still has
		 * its length byte, read raw (nft lists it as @254,8,8) */
		if (!d && op == NFT_EXTHDR_OP_TCPOPT && field && !strcmp(field, "length"))
			return b_option_raw(ps, l, proto, name, "8", "8");
	} else if (!(d = exthdr_desc_by_name(op, name))) {
		diag_error(ps->ctx->errs, nl, "syntax error, unexpected %s", name);
		return NULL;
	}
	if (op == NFT_EXTHDR_OP_DCCP && field) {
		diag_error(ps->ctx->errs, fl, "syntax error, unexpected %s", field);
		return NULL;
	}
	uint32_t unused;
	if (op == NFT_EXTHDR_OP_IPV4 && field && d && !exthdr_field(d, field, &unused) &&
	    (!strcmp(field, "type") || !strcmp(field, "length") || !strcmp(field, "value") ||
	     !strcmp(field, "ptr") || !strcmp(field, "addr"))) {
		/* a field nft's grammar knows but this option lacks: its message, at `ip` */
		struct loc at = *l;
		at.last_col = at.first_col + 1;
		at.last_line = at.line;
		diag_error(ps->ctx->errs, &at, "unknown ip option type/field");
		return NULL;
	}
	struct expr *e = exthdr_new(ps, l, op, d, type);
	return field ? exthdr_field_set(ps, e, d, fl, field) : e;
}

/* `tcp option @kind,offset,len`: hdr and field NULL, offset/len in bits */
struct expr *b_option_raw(struct pstate *ps, const struct loc *l, const char *proto,
			  const char *kind, const char *off, const char *len)
{
	uint32_t op;
	if (option_op(proto, &op) || op != NFT_EXTHDR_OP_TCPOPT) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", proto);
		return NULL;
	}
	uint64_t k, o, n;
	if (!b_uint(ps, l, kind, 255, &k) || !b_uint(ps, l, off, 255 * 8, &o) ||
	    !b_uint(ps, l, len, 128, &n))
		return NULL;
	if (n == 0) {
		diag_error(ps->ctx->errs, l, "raw tcp option out of range");
		return NULL;
	}
	struct expr *e = exthdr_new(ps, l, op, NULL, (uint32_t)k);
	e->exthdr.hdr = arena_printf(ps->a, "tcp option @%s,%s,%s", kind, off, len);
	e->exthdr.flags = 0;
	e->exthdr.offset = (uint32_t)o;
	e->len = (uint32_t)n;
	return e;
}

/* `reset tcp option maxseg`: STMT_PAYLOAD{set.key = exthdr (no field), value NULL} */
struct stmt *b_exthdr_reset(struct pstate *ps, const struct loc *l, struct expr *e)
{
	if (e->exthdr.op != NFT_EXTHDR_OP_TCPOPT || e->exthdr.field) {
		diag_error(ps->ctx->errs, &e->loc, "syntax error, unexpected %s",
			   e->exthdr.field ? e->exthdr.field : "option");
		return NULL;
	}
	e->exthdr.flags = 0;
	e->exthdr.hdr = exthdr_words(ps, e->exthdr.op,
				     exthdr_desc_by_type(e->exthdr.op, e->exthdr.type),
				     e->exthdr.type, false);
	struct stmt *s = stmt_alloc(ps->a, STMT_PAYLOAD, l);
	s->set.key = e;
	s->set.value = NULL;
	return s;
}

/* `vxlan vni` (tunnel's own field), `vxlan ip saddr`, `gre ip saddr` (inner field) */
struct expr *b_tunnel(struct pstate *ps, const struct loc *l, const struct loc *tl,
		      const char *tunnel, const char *proto, const struct loc *fl,
		      const char *field)
{
	const struct tunnel_desc *t = tunnel_by_name(tunnel);
	if (!t) {
		diag_error(ps->ctx->errs, tl, "syntax error, unexpected %s", tunnel);
		return NULL;
	}
	const struct proto_desc *p = proto ? proto_by_name(proto) : t->proto;
	if (!p) {
		diag_error(ps->ctx->errs, tl, "syntax error, unexpected %s", proto);
		return NULL;
	}
	if (proto && (tunnel_by_proto(p) || (p->base == PROTO_BASE_LL && !t->has_ll))) {
		diag_error(ps->ctx->errs, tl, "syntax error, unexpected %s", proto);
		return NULL;
	}
	const struct proto_field *f = proto_field_by_name(p, field);
	if (!f) {
		diag_error(ps->ctx->errs, fl, "syntax error, unexpected %s", field);
		return NULL;
	}
	struct expr *e = b_payload_field(ps, l, p, f);
	e->payload.tunnel = proto ? t->proto : NULL;
	return e;
}

/* `osf [ttl loose|skip] name|version` */
struct expr *b_osf(struct pstate *ps, const struct loc *l, const struct loc *tl, const char *ttl,
		   const struct loc *kl, const char *key)
{
	struct expr *e = expr_alloc(ps->a, EXPR_OSF, l);
	if (ttl) {
		if (!strcmp(ttl, "loose"))
			e->other.mod = 1;               /* NF_OSF_TTL_LESS */
		else if (!strcmp(ttl, "skip"))
			e->other.mod = 2;               /* NF_OSF_TTL_NOCHECK */
		else {
			diag_error(ps->ctx->errs, tl, "invalid ttl option");
			return NULL;
		}
	}
	if (!strcmp(key, "version"))
		e->other.flags = NFT_OSF_F_VERSION;
	else if (strcmp(key, "name")) {
		diag_error(ps->ctx->errs, kl, "syntax error, unexpected %s", key);
		return NULL;
	}
	e->len = 16 * 8;                                /* NFT_OSF_MAXGENRELEN */
	return e;
}

/* `ipsec in|out [spnum N] reqid|spi|ip saddr|ip daddr|ip6 saddr|ip6 daddr` */
struct expr *b_xfrm(struct pstate *ps, const struct loc *l, const struct loc *dl, const char *dir,
		    const char *spnum, const char *proto, const struct loc *kl, const char *key)
{
	static const struct {
		const char *proto, *key;
		uint32_t nft_key, len;
	} keys[] = {
		{ NULL, "reqid", NFT_XFRM_KEY_REQID, 32 }, { NULL, "spi", NFT_XFRM_KEY_SPI, 32 },
		{ "ip", "saddr", NFT_XFRM_KEY_SADDR_IP4, 32 },
		{ "ip", "daddr", NFT_XFRM_KEY_DADDR_IP4, 32 },
		{ "ip6", "saddr", NFT_XFRM_KEY_SADDR_IP6, 128 },
		{ "ip6", "daddr", NFT_XFRM_KEY_DADDR_IP6, 128 },
	};
	struct expr *e = expr_alloc(ps->a, EXPR_XFRM, l);
	if (!strcmp(dir, "in"))
		e->other.flags = 0;                     /* XFRM_POLICY_IN */
	else if (!strcmp(dir, "out"))
		e->other.flags = 1;                     /* XFRM_POLICY_OUT */
	else {
		diag_error(ps->ctx->errs, dl, "syntax error, unexpected %s", dir);
		return NULL;
	}
	if (spnum) {
		uint64_t n;
		if (!b_uint(ps, l, spnum, 255, &n))
			return NULL;
		e->other.mod = (uint32_t)n;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((!keys[i].proto) != (!proto) || strcmp(keys[i].key, key) ||
		    (proto && strcmp(keys[i].proto, proto)))
			continue;
		e->other.key = keys[i].nft_key;
		e->len = keys[i].len;
		return e;
	}
	diag_error(ps->ctx->errs, kl, "syntax error, unexpected %s", key);
	return NULL;
}

struct expr *b_rt_word(struct pstate *ps, const struct loc *l, const struct loc *wl,
		       const char *word)
{
	const struct exthdr_desc *d = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "rt");
	if (d && exthdr_field(d, word, NULL))
		return b_exthdr6(ps, l, l, "rt", wl, word);
	return b_other(ps, l, EXPR_RT, word, NULL, NULL);
}
