/* Named objects and flowtables: declarations (struct obj_decl / flowtable_decl) →
 * struct nl_obj / nl_flowtable with the attributes nft sends for each object type,
 * and delete/destroy by name or handle. The per-type attribute layout is the table
 * in netlink/obj_data.h. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <linux/netlink.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_obj.h"
#include "eval_chain.h"
#include "udata.h"
#include "rule_ctx.h"
#include "../netlink/obj_data.h"
#include "../types/hooks.h"

/* Newer kernels' destroy messages, missing in older headers. */
enum { MSG_DESTROYOBJ = 31, MSG_DESTROYFLOWTABLE = 32 };

static const struct { enum cmd_obj obj; uint32_t type; } obj_types[] = {
	{ OBJ_COUNTER, NFT_OBJECT_COUNTER }, { OBJ_COUNTERS, NFT_OBJECT_COUNTER },
	{ OBJ_QUOTA, NFT_OBJECT_QUOTA }, { OBJ_QUOTAS, NFT_OBJECT_QUOTA },
	{ OBJ_LIMIT, NFT_OBJECT_LIMIT }, { OBJ_LIMITS, NFT_OBJECT_LIMIT },
	{ OBJ_CT_HELPER, NFT_OBJECT_CT_HELPER }, { OBJ_CT_HELPERS, NFT_OBJECT_CT_HELPER },
	{ OBJ_CT_TIMEOUT, NFT_OBJECT_CT_TIMEOUT }, { OBJ_CT_EXPECT, NFT_OBJECT_CT_EXPECT },
	{ OBJ_SYNPROXY, NFT_OBJECT_SYNPROXY }, { OBJ_SYNPROXYS, NFT_OBJECT_SYNPROXY },
	{ OBJ_SECMARK, NFT_OBJECT_SECMARK }, { OBJ_SECMARKS, NFT_OBJECT_SECMARK },
};

uint32_t eval_obj_type_of_cmd(enum cmd_obj obj)
{
	for (unsigned i = 0; i < sizeof(obj_types) / sizeof(obj_types[0]); i++)
		if (obj_types[i].obj == obj)
			return obj_types[i].type;
	return 0;
}

static const struct lowered_delete_row obj_delete = {
	LOWERED_OBJ, NFT_MSG_DELOBJ, MSG_DESTROYOBJ, NFTA_OBJ_NAME, NFTA_OBJ_HANDLE, "object",
};
static const struct lowered_delete_row flowtable_delete = {
	LOWERED_FLOWTABLE, NFT_MSG_DELFLOWTABLE, MSG_DESTROYFLOWTABLE, NFTA_FLOWTABLE_NAME,
	NFTA_FLOWTABLE_HANDLE, "flowtable",
};

static struct lowered *push(struct eval_ctx *ctx, struct lowered_list *out,
			    enum lowered_kind kind, uint16_t msg, uint16_t flags)
{
	return lowered_append(ctx->arena, out, kind, msg, flags);
}


/* ---------------------------------------------------------------- ct timeout policy */

/* "122", "2m", "1h30s" → seconds; false if not a time. */
static bool parse_seconds(const char *s, uint64_t *out)
{
	uint64_t total = 0;
	if (!s || !*s)
		return false;
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return false;
		char *end;
		uint64_t n = strtoull(s, &end, 10);
		uint64_t mul = 1;
		switch (*end) {
		case 0: break;
		case 's': mul = 1; end++; break;
		case 'm': mul = 60; end++; break;
		case 'h': mul = 3600; end++; break;
		case 'd': mul = 86400; end++; break;
		default: return false;
		}
		total += n * mul;
		s = end;
	}
	*out = total;
	return true;
}

static int eval_timeout_policy(struct eval_ctx *ctx, struct obj_decl *d, struct nl_obj *o)
{
	const struct ct_timeout_proto *p = ct_timeout_proto(d->l4proto);
	if (!p)
		return diag_error(ctx->errs, &d->loc, "timeout policy for protocol %u is not supported",
				  d->l4proto);
	struct obj_timeouts *t = arena_alloc(ctx->arena, sizeof(*t));
	memset(t, 0, sizeof(*t));
	for (uint32_t i = 0; i < d->policy.n; i++) {
		struct expr *m = d->policy.v[i];
		if (!m || m->kind != EXPR_MAPPING || !m->bin.left || !m->bin.right ||
		    m->bin.left->kind != EXPR_SYMBOL)
			return diag_error(ctx->errs, m ? &m->loc : &d->loc, "invalid timeout policy");
		const char *state = m->bin.left->sym.str;
		unsigned idx = 0;
		for (unsigned k = 0; k < p->nstates; k++)
			if (strcmp(p->names[k], state) == 0)
				idx = k + 1;
		if (!idx)
			return diag_error(ctx->errs, &m->bin.left->loc,
					  "invalid state for this protocol");
		uint64_t secs = 0;
		const struct expr *v = m->bin.right;
		if (v->kind == EXPR_SYMBOL) {
			if (!parse_seconds(v->sym.str, &secs))
				return diag_error(ctx->errs, &v->loc, "invalid timeout value \"%s\"",
						  v->sym.str);
		} else if (v->kind == EXPR_VALUE && v->len <= 64) {
			secs = 0;
			for (uint32_t b = 0; b < (v->len + 7) / 8 && b < 8; b++)
				secs = secs << 8 | v->value.bytes[b];
		} else {
			return diag_error(ctx->errs, &v->loc, "invalid timeout value");
		}
		if (secs > UINT32_MAX)
			return diag_error(ctx->errs, &v->loc, "timeout value out of range");
		t->v[idx] = (uint32_t)secs;
		t->present |= 1u << idx;
	}
	obj_timeouts_set(o, t);
	return 0;
}

/* ---------------------------------------------------------------- object data */

static int eval_obj_data(struct eval_ctx *ctx, struct cmd *cmd, struct obj_decl *d,
			 struct nl_obj *o)
{
	struct vm_expr *e = &o->data;
	const struct stmt *s = d->stmt;
	const struct obj_desc *desc = obj_desc_by_type(o->type);
	e->kind = desc ? desc->kind : VM_INVALID;
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		vm_set_u(e, NFTA_COUNTER_BYTES, s ? s->counter.bytes : 0);
		vm_set_u(e, NFTA_COUNTER_PACKETS, s ? s->counter.packets : 0);
		return 0;
	case NFT_OBJECT_QUOTA:
		if (!s)
			return diag_error(ctx->errs, &d->loc, "quota needs a byte amount");
		vm_set_u(e, NFTA_QUOTA_BYTES, s->quota.bytes);
		vm_set_u(e, NFTA_QUOTA_FLAGS, s->quota.flags);
		vm_set_u(e, NFTA_QUOTA_CONSUMED, s->quota.used);
		return 0;
	case NFT_OBJECT_LIMIT:
		if (!s)
			return diag_error(ctx->errs, &d->loc, "limit needs a rate");
		if (!s->limit.rate)
			return diag_error(ctx->errs, &d->loc, "limit rate must be > 0");
		vm_set_u(e, NFTA_LIMIT_RATE, s->limit.rate);
		vm_set_u(e, NFTA_LIMIT_UNIT, s->limit.unit);
		vm_set_u(e, NFTA_LIMIT_BURST, s->limit.burst);
		vm_set_u(e, NFTA_LIMIT_TYPE, s->limit.type);
		vm_set_u(e, NFTA_LIMIT_FLAGS, s->limit.flags);
		return 0;
	case NFT_OBJECT_SYNPROXY: {
		if (!s)
			return diag_error(ctx->errs, &d->loc, "synproxy needs its options");
		if (s->misc.a > 65535)
			return diag_error(ctx->errs, &s->loc, "synproxy mss out of range");
		if (s->misc.b > 14)
			return diag_error(ctx->errs, &s->loc, "synproxy wscale out of range");
		/* NF_SYNPROXY_OPT_MSS 0x1 / _WSCALE 0x2 mark the values that were given */
		uint32_t flags = s->misc.flags;
		if (s->misc.a)
			flags |= 0x1;
		if (s->misc.b)
			flags |= 0x2;
		vm_set_u(e, NFTA_SYNPROXY_MSS, s->misc.a);
		vm_set_u(e, NFTA_SYNPROXY_WSCALE, s->misc.b);
		vm_set_u(e, NFTA_SYNPROXY_FLAGS, flags);
		return 0;
	}
	case NFT_OBJECT_CT_HELPER:
		if (!d->str || !*d->str)
			return diag_error(ctx->errs, &d->loc, "ct helper needs a type");
		if (strlen(d->str) >= 16)
			return diag_error(ctx->errs, &d->loc, "helper name too long");
		if (!d->l4proto)
			return diag_error(ctx->errs, &d->loc, "ct helper needs a protocol");
		vm_set_str(e, NFTA_CT_HELPER_NAME, d->str);
		if (d->l3proto)
			vm_set_u(e, NFTA_CT_HELPER_L3PROTO, d->l3proto);
		vm_set_u(e, NFTA_CT_HELPER_L4PROTO, d->l4proto);
		return 0;
	case NFT_OBJECT_CT_TIMEOUT:
		if (!d->l4proto)
			return diag_error(ctx->errs, &d->loc, "ct timeout needs a protocol");
		if (d->l3proto)
			vm_set_u(e, NFTA_CT_TIMEOUT_L3PROTO, d->l3proto);
		else if (cmd->h.family != NFPROTO_INET)
			vm_set_u(e, NFTA_CT_TIMEOUT_L3PROTO, cmd->h.family);
		vm_set_u(e, NFTA_CT_TIMEOUT_L4PROTO, d->l4proto);
		return eval_timeout_policy(ctx, d, o);
	case NFT_OBJECT_CT_EXPECT:
		if (!d->l4proto)
			return diag_error(ctx->errs, &d->loc, "ct expectation needs a protocol");
		if (d->l3proto)
			vm_set_u(e, NFTA_CT_EXPECT_L3PROTO, d->l3proto);
		vm_set_u(e, NFTA_CT_EXPECT_L4PROTO, d->l4proto);
		if (d->dport)
			vm_set_u(e, NFTA_CT_EXPECT_DPORT, d->dport);
		if (d->timeout)
			vm_set_u(e, NFTA_CT_EXPECT_TIMEOUT, d->timeout);
		if (d->size)
			vm_set_u(e, NFTA_CT_EXPECT_SIZE, d->size);
		return 0;
	case NFT_OBJECT_SECMARK:
		if (!d->str || !*d->str)
			return diag_error(ctx->errs, &d->loc, "secmark needs a context");
		if (strlen(d->str) >= 256)
			return diag_error(ctx->errs, &d->loc, "secmark context too long");
		vm_set_str(e, NFTA_SECMARK_CTX, d->str);
		return 0;
	default:
		return diag_error(ctx->errs, &d->loc, "this object type is not supported");
	}
}

int eval_lower_obj_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (!cmd->h.table)
		return diag_error(ctx->errs, &cmd->loc, "missing table name");
	struct nl_obj *o = arena_alloc(ctx->arena, sizeof(*o));
	memset(o, 0, sizeof(*o));
	o->family = cmd->h.family;
	o->table = cmd->h.table;
	o->type = eval_obj_type_of_cmd(cmd->obj);
	o->present = (1u << NFTA_OBJ_TABLE) | (1u << NFTA_OBJ_TYPE);
	if (cmd->objdecl && cmd->objdecl->type)
		o->type = cmd->objdecl->type;
	if (!o->type)
		return diag_error(ctx->errs, &cmd->loc, "unknown object type");

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE: {
		struct obj_decl *d = cmd->objdecl;
		if (!d)
			return diag_error(ctx->errs, &cmd->loc, "missing object definition");
		o->name = d->name ? d->name : cmd->h.set;
		if (!o->name || !*o->name)
			return diag_error(ctx->errs, &cmd->loc, "missing object name");
		if (strlen(o->name) >= 256)
			return diag_error(ctx->errs, &d->loc, "object name too long");
		o->present |= (1u << NFTA_OBJ_NAME) | (1u << NFTA_OBJ_DATA);
		if (eval_obj_data(ctx, cmd, d, o) < 0)
			return -1;
		if (udata_comment(ctx->arena, d->comment, &o->udata, &o->udata_len) < 0)
			return diag_error(ctx->errs, &d->loc,
					  "comment too long, %d characters maximum allowed",
					  UDATA_COMMENT_MAXLEN);
		if (o->udata)
			o->present |= 1u << NFTA_OBJ_USERDATA;
		push(ctx, out, LOWERED_OBJ, NFT_MSG_NEWOBJ, lowered_new_flags(cmd))->obj = o;
		return 0;
	}
	case CMD_DELETE:
	case CMD_DESTROY:
		o->name = cmd->h.set ? cmd->h.set : cmd->objdecl ? cmd->objdecl->name : NULL;
		return lowered_delete(ctx, cmd, out, &obj_delete, o, &o->name, &o->handle,
				      &o->present);
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on objects");
	}
}

/* ---------------------------------------------------------------- flowtables */

/* "0", "-100", "filter", "filter + 10", "filter - 5" → priority */
static int eval_ft_prio(struct eval_ctx *ctx, const struct expr *e, int32_t *out)
{
	if (!e) {
		*out = 0;
		return 0;
	}
	if (e->kind == EXPR_VALUE && e->len <= 32) {
		uint32_t v = 0;
		for (uint32_t b = 0; b < (e->len + 7) / 8; b++)
			v = v << 8 | e->value.bytes[b];
		*out = (int32_t)v;
		return 0;
	}
	if (e->kind != EXPR_SYMBOL || !e->sym.str)
		return diag_error(ctx->errs, &e->loc, "invalid flowtable priority");
	const char *s = e->sym.str;
	long base = 0;
	char *end;
	if (strncmp(s, "filter", 6) == 0) {
		end = (char *)s + 6;
	} else {
		base = strtol(s, &end, 10);
		if (end == s)
			return diag_error(ctx->errs, &e->loc,
					  "'%s' is invalid priority in this context.", s);
	}
	while (*end == ' ')
		end++;
	if (*end == '+' || *end == '-') {
		char sign = *end++;
		char *e2;
		long off = strtol(end, &e2, 10);
		if (e2 == end)
			return diag_error(ctx->errs, &e->loc, "invalid flowtable priority");
		base += sign == '+' ? off : -off;
		end = e2;
	}
	while (*end == ' ')
		end++;
	if (*end)
		return diag_error(ctx->errs, &e->loc, "'%s' is invalid priority in this context.", s);
	*out = (int32_t)base;
	return 0;
}

static int add_dev(struct eval_ctx *ctx, struct nl_flowtable *f, const struct expr *e)
{
	if (!e)
		return 0;
	switch (e->kind) {
	case EXPR_SYMBOL:
		if (!e->sym.str || !*e->sym.str || strlen(e->sym.str) >= 16)
			return diag_error(ctx->errs, &e->loc, "invalid device name");
		f->devs = arena_grow(ctx->arena, f->devs, f->ndevs, f->ndevs + 1, sizeof(*f->devs));
		f->devs[f->ndevs++] = e->sym.str;
		return 0;
	case EXPR_SET_ELEM:
		return add_dev(ctx, f, e->elem.key);
	case EXPR_SET:
	case EXPR_LIST:
		for (uint32_t i = 0; i < e->list.n; i++)
			if (add_dev(ctx, f, e->list.v[i]) < 0)
				return -1;
		return 0;
	default:
		return diag_error(ctx->errs, &e->loc, "invalid device expression");
	}
}

int eval_lower_flowtable_cmd(struct eval_ctx *ctx, struct cmd *cmd, struct lowered_list *out)
{
	if (!cmd->h.table)
		return diag_error(ctx->errs, &cmd->loc, "missing table name");
	struct nl_flowtable *f = arena_alloc(ctx->arena, sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->family = cmd->h.family;
	f->table = cmd->h.table;
	f->present = 1u << NFTA_FLOWTABLE_TABLE;
	struct flowtable_decl *d = cmd->flowtable;

	switch (cmd->op) {
	case CMD_ADD:
	case CMD_CREATE:
		if (!d)
			return diag_error(ctx->errs, &cmd->loc, "missing flowtable definition");
		f->name = d->name ? d->name : cmd->h.set;
		if (!f->name)
			return diag_error(ctx->errs, &cmd->loc, "missing flowtable name");
		f->present |= 1u << NFTA_FLOWTABLE_NAME;
		if (d->hook) {
			int hook = hook_by_name(NFPROTO_NETDEV, d->hook);
			if (hook != NF_NETDEV_INGRESS)
				return diag_error(ctx->errs, d->hook_loc.src ? &d->hook_loc : &d->loc,
						  "unknown flowtable hook %s", d->hook);
			f->hooknum = (uint32_t)hook;
			if (eval_ft_prio(ctx, d->prio, &f->prio) < 0)
				return -1;
			for (uint32_t i = 0; i < d->devices.n; i++)
				if (add_dev(ctx, f, d->devices.v[i]) < 0)
					return -1;
			f->present |= 1u << NFTA_FLOWTABLE_HOOK;
		}
		f->flags = d->flags;
		if (f->flags)
			f->present |= 1u << NFTA_FLOWTABLE_FLAGS;
		push(ctx, out, LOWERED_FLOWTABLE, NFT_MSG_NEWFLOWTABLE, lowered_new_flags(cmd))->flowtable = f;
		return 0;
	case CMD_DELETE:
	case CMD_DESTROY:
		f->name = cmd->h.set ? cmd->h.set : d ? d->name : NULL;
		return lowered_delete(ctx, cmd, out, &flowtable_delete, f, &f->name, &f->handle,
				      &f->present);
	default:
		return diag_error(ctx->errs, &cmd->loc, "this command is not supported on flowtables");
	}
}
