/* Constructors for named stateful objects (counter, quota, limit, synproxy, ct helper,
 * ct timeout, ct expectation, secmark) and flowtables, in commands (`add counter ip t c`)
 * and in table blocks (`counter c { packets 0 bytes 0 }`). Shapes: docs/ast-conventions.md. */
#include <string.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "parser/build.h"

struct obj_decl *b_obj(struct pstate *ps, const struct loc *l, uint32_t type, struct stmt *s)
{
	struct obj_decl *o = arena_alloc(ps->a, sizeof(*o));
	o->loc = *l;
	o->type = type;
	o->stmt = s;
	return o;
}

static const struct { const char *name; uint8_t num; } l4protos[] = {
	{ "tcp", IPPROTO_TCP }, { "udp", IPPROTO_UDP }, { "dccp", IPPROTO_DCCP },
	{ "sctp", IPPROTO_SCTP }, { "udplite", IPPROTO_UDPLITE }, { "icmp", IPPROTO_ICMP },
	{ "gre", IPPROTO_GRE }, { "icmpv6", IPPROTO_ICMPV6 },
};


static uint64_t obj_number(struct pstate *ps, const struct loc *l, const char *v, uint64_t max,
			   bool *bad)
{
	uint64_t n = 0;
	if (!b_uint(ps, l, v, max, &n))
		*bad = true;
	return n;
}

/* One `key value` property of a ct helper/timeout/expectation or secmark block. */
struct obj_decl *b_obj_opt(struct pstate *ps, struct obj_decl *o, const struct loc *kl,
			   const char *key, const struct loc *vl, const char *value)
{
	bool bad = false;
	if (!strcmp(key, "type")) {
		o->str = value;
	} else if (!strcmp(key, "protocol")) {
		size_t i;
		for (i = 0; i < sizeof(l4protos) / sizeof(l4protos[0]); i++)
			if (!strcmp(l4protos[i].name, value))
				break;
		if (i == sizeof(l4protos) / sizeof(l4protos[0])) {
			diag_error(ps->ctx->errs, vl, "invalid protocol %s", value);
			return NULL;
		}
		o->l4proto = l4protos[i].num;
	} else if (!strcmp(key, "l3proto")) {
		if (family_by_name(value, &o->l3proto) < 0) {
			diag_error(ps->ctx->errs, vl, "syntax error, unexpected %s", value);
			return NULL;
		}
	} else if (!strcmp(key, "dport")) {
		o->dport = (uint16_t)obj_number(ps, vl, value, 65535, &bad);
	} else if (!strcmp(key, "size")) {
		o->size = (uint8_t)obj_number(ps, vl, value, 255, &bad);
	} else if (!strcmp(key, "timeout")) {
		uint64_t ms;
		if (parse_time_ms(value, &ms) || ms > UINT32_MAX) {
			diag_error(ps->ctx->errs, vl, "invalid timeout %s", value);
			return NULL;
		}
		o->timeout = (uint32_t)ms;
	} else if (!strcmp(key, "comment")) {
		if (o->comment) {
			struct loc l = loc_join(kl, vl);
			diag_error(ps->ctx->errs, &l,
				   "You can only specify this once. This statement is duplicated.");
			return NULL;
		}
		o->comment = value;
	} else {
		diag_error(ps->ctx->errs, kl, "syntax error, unexpected %s", key);
		return NULL;
	}
	return bad ? NULL : o;
}

/* The fields of a counter, quota, limit or secmark given in a block: once. */
struct obj_decl *b_obj_cfg(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			   struct obj_decl *cfg)
{
	if (o->type || o->str) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", "definition");
		return NULL;
	}
	o->type = cfg->type;
	o->stmt = cfg->stmt;
	o->str = cfg->str;
	return o;
}

/* One synproxy option of a block; the first makes the block a synproxy's. */
struct obj_decl *b_obj_synproxy(struct pstate *ps, struct obj_decl *o, const struct loc *l,
				const char *opt, const char *n)
{
	if (o->type && o->type != NFT_OBJECT_SYNPROXY) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", opt);
		return NULL;
	}
	if (!o->stmt)
		o->stmt = b_simple(ps, l, STMT_SYNPROXY);
	o->type = NFT_OBJECT_SYNPROXY;
	return b_synproxy_opt(ps, o->stmt, l, opt, n) ? o : NULL;
}

/* A block that only had a comment (or nothing): the type's zero fields, as nft sends
 * them (a limit of rate 0, which the kernel refuses). */
static struct stmt *obj_default(struct pstate *ps, const struct loc *l, uint32_t type)
{
	switch (type) {
	case NFT_OBJECT_COUNTER: return b_counter(ps, l, NULL, NULL);
	case NFT_OBJECT_QUOTA: return b_quota(ps, l, false, "0", "bytes");
	case NFT_OBJECT_LIMIT: return b_limit(ps, l, false, "0", NULL, l, "second");
	case NFT_OBJECT_SYNPROXY: return b_simple(ps, l, STMT_SYNPROXY);
	default: return NULL;
	}
}

/* Checks a ct helper/timeout/expectation block once its type is known. */
struct obj_decl *b_obj_finish(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			      uint32_t type)
{
	if (o->type && o->type != type) {
		diag_error(ps->ctx->errs, l, "syntax error: wrong object definition for this type");
		return NULL;
	}
	if (!o->type && !o->stmt && !o->str)
		o->stmt = obj_default(ps, l, type);
	o->type = type;
	o->loc = *l;
	bool ok = true;
	if (type == NFT_OBJECT_CT_HELPER)
		ok = o->str && o->l4proto && !o->policy.n && !o->dport;
	else if (type == NFT_OBJECT_CT_TIMEOUT)
		ok = !o->str && o->l4proto && !o->dport;
	else if (type == NFT_OBJECT_CT_EXPECT)
		ok = !o->str && o->l4proto && !o->policy.n;
	if (!ok) {
		diag_error(ps->ctx->errs, l, "incomplete or invalid ct object definition");
		return NULL;
	}
	return o;
}

/* ct timeout `policy = { established : 122, close : 16 }`: the set's mappings */
struct obj_decl *b_obj_policy(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			      struct expr *set)
{
	for (uint32_t i = 0; i < set->list.n; i++) {
		struct expr *m = set->list.v[i];
		if (m->kind != EXPR_MAPPING) {
			diag_error(ps->ctx->errs, &m->loc, "syntax error, expecting state : timeout");
			return NULL;
		}
		if (m->bin.left && m->bin.left->kind == EXPR_SET_ELEM)
			m->bin.left = m->bin.left->elem.key;
		expr_list_add(ps->a, &o->policy, m);
	}
	return o;
}

void b_emit_obj(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		const struct handle_spec *h, struct obj_decl *o)
{
	struct cmd *c = b_cmd(ps, l, op, obj, h);
	if (o) {
		o->name = h->set;
		c->objdecl = o;
	}
	b_emit(ps, c);
}

/* `NFT_OBJECT_*` → the command object kind */
enum cmd_obj b_obj_kind(uint32_t type)
{
	switch (type) {
	case NFT_OBJECT_QUOTA: return OBJ_QUOTA;
	case NFT_OBJECT_LIMIT: return OBJ_LIMIT;
	case NFT_OBJECT_CT_HELPER: return OBJ_CT_HELPER;
	case NFT_OBJECT_CT_TIMEOUT: return OBJ_CT_TIMEOUT;
	case NFT_OBJECT_CT_EXPECT: return OBJ_CT_EXPECT;
	case NFT_OBJECT_SYNPROXY: return OBJ_SYNPROXY;
	case NFT_OBJECT_SECMARK: return OBJ_SECMARK;
	default: return OBJ_COUNTER;
	}
}

/* `ct helper|timeout|expectation` word → NFT_OBJECT_* (0 if none) */
uint32_t b_ct_obj_type(const char *word)
{
	if (!strcmp(word, "helper"))
		return NFT_OBJECT_CT_HELPER;
	if (!strcmp(word, "timeout"))
		return NFT_OBJECT_CT_TIMEOUT;
	if (!strcmp(word, "expectation"))
		return NFT_OBJECT_CT_EXPECT;
	return 0;
}

/* ---------------------------------------------------------------- flowtables */

struct flowtable_decl *b_flowtable(struct pstate *ps, const struct loc *l)
{
	struct flowtable_decl *f = arena_alloc(ps->a, sizeof(*f));
	f->loc = *l;
	return f;
}

struct flowtable_decl *b_ft_hook(struct pstate *ps, struct flowtable_decl *f,
				 const struct loc *hl, const char *hook, const struct loc *pl,
				 struct expr *prio)
{
	f->hook = hook;
	f->hook_loc = *hl;
	f->prio = prio;
	f->prio_loc = *pl;
	return f;
}

struct flowtable_decl *b_ft_devices(struct pstate *ps, struct flowtable_decl *f, struct expr *d)
{
	if (d->kind == EXPR_SET) {
		for (uint32_t i = 0; i < d->list.n; i++) {
			struct expr *e = d->list.v[i];
			expr_list_add(ps->a, &f->devices,
				      e->kind == EXPR_SET_ELEM ? e->elem.key : e);
		}
	} else {
		expr_list_add(ps->a, &f->devices, d);
	}
	return f;
}

struct flowtable_decl *b_ft_flag(struct pstate *ps, struct flowtable_decl *f,
				 const struct loc *l, const char *flag)
{
	if (!strcmp(flag, "offload"))
		f->flags |= NFT_FLOWTABLE_HW_OFFLOAD;
	else if (!strcmp(flag, "counter"))
		f->flags |= NFT_FLOWTABLE_COUNTER;
	else {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", flag);
		return NULL;
	}
	return f;
}

void b_emit_flowtable(struct pstate *ps, const struct loc *l, enum cmd_op op,
		      const struct handle_spec *h, struct flowtable_decl *f)
{
	struct cmd *c = b_cmd(ps, l, op, OBJ_FLOWTABLE, h);
	if (f) {
		f->name = h->set;
		c->flowtable = f;
	}
	b_emit(ps, c);
}

/* `flow add @ft` / `flow offload @ft`: STMT_OBJREF-like reference kept as a
 * STMT_FWD-free shape: STMT_OBJREF{type = 0 (flowtable), name = EXPR_SET_REF} */
struct stmt *b_flow_offload(struct pstate *ps, const struct loc *l, struct expr *ref)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_OBJREF, l);
	s->objref.type = 0;
	s->objref.name = ref;
	return s;
}
