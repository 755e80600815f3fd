/* eval_lower_stmt: one statement of a rule → VM expressions. Matches go to the
 * expression side (eval_lower_match); this file holds verdicts and the simple
 * statements (counter, log, limit, quota, queue, notrack, objref, meta/ct set), and
 * dispatches nat, reject, payload set and set updates to their own files. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include "eval_stmt.h"
#include "../util/nf_tables_uapi.h"

/* ---------------------------------------------------------------- verdicts */

static int stmt_verdict(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *v = s->expr;
	if (!v || v->kind != EXPR_VERDICT)
		return eval_lower_match(rc, s);   /* e.g. a verdict map written as statement */
	if (v->verdict.bound) {
		uint32_t id;
		if (eval_lower_bound_chain(rc, v->verdict.bound, &id) < 0)
			return -1;
		struct vm_expr *e = stmt_emit(rc, VM_IMMEDIATE);
		vm_set_u(e, NFTA_IMMEDIATE_DREG, VM_REG_VERDICT);
		vm_set_verdict(rc->ec->arena, e, NFTA_IMMEDIATE_DATA, v->verdict.code, NULL);
		e->a[NFTA_IMMEDIATE_DATA].d->chain_id = id;
		return 0;
	}
	const char *chain = v->verdict.chain;
	if ((v->verdict.code == NFT_JUMP || v->verdict.code == NFT_GOTO) && !chain) {
		struct expr *ce = v->verdict.chain_expr;
		if (ce && ce->kind == EXPR_SYMBOL)
			chain = ce->sym.str;
		else if (ce && ce->kind == EXPR_VALUE)
			chain = arena_strndup(rc->ec->arena, (const char *)ce->value.bytes,
					      (ce->len + 7) / 8);
		if (!chain)
			return diag_error(rc->ec->errs, &v->loc, "missing chain name");
	}
	if (chain && strlen(chain) >= 256)
		return diag_error(rc->ec->errs, &v->loc, "chain name too long");
	struct vm_expr *e = stmt_emit(rc, VM_IMMEDIATE);
	vm_set_u(e, NFTA_IMMEDIATE_DREG, VM_REG_VERDICT);
	vm_set_verdict(rc->ec->arena, e, NFTA_IMMEDIATE_DATA, v->verdict.code, chain);
	return 0;
}

/* ---------------------------------------------------------------- stateful */

static int stmt_counter(struct rule_ctx *rc, struct stmt *s)
{
	struct vm_expr *e = stmt_emit(rc, VM_COUNTER);
	/* nft sends only the non-zero starting values */
	if (s->counter.packets)
		vm_set_u(e, NFTA_COUNTER_PACKETS, s->counter.packets);
	if (s->counter.bytes)
		vm_set_u(e, NFTA_COUNTER_BYTES, s->counter.bytes);
	return 0;
}

static int stmt_log(struct rule_ctx *rc, struct stmt *s)
{
	uint32_t present = s->log.present;
	if (s->log.prefix)
		present |= 1u << NFTA_LOG_PREFIX;
	if (s->log.logflags)
		present |= 1u << NFTA_LOG_FLAGS;
	bool has_level = present & (1u << NFTA_LOG_LEVEL);
	uint32_t group_like = (1u << NFTA_LOG_GROUP) | (1u << NFTA_LOG_SNAPLEN) |
			      (1u << NFTA_LOG_QTHRESHOLD);
	if (has_level && s->log.level == NFT_LOGLEVEL_AUDIT &&
	    (present & ~(1u << NFTA_LOG_LEVEL)))
		return diag_error(rc->ec->errs, &s->loc,
				  "log level audit doesn't support any further options");
	if (has_level && (present & group_like))
		return diag_error(rc->ec->errs, &s->loc,
				  "level and group are mutually exclusive");
	if ((present & (1u << NFTA_LOG_FLAGS)) && (present & group_like))
		return diag_error(rc->ec->errs, &s->loc,
				  "flags and group are mutually exclusive");
	if (has_level && s->log.level > NFT_LOGLEVEL_AUDIT)
		return diag_error(rc->ec->errs, &s->loc, "invalid log level");
	if (s->log.prefix && strlen(s->log.prefix) >= NF_LOG_PREFIXLEN)
		return diag_error(rc->ec->errs, &s->loc,
				  "log prefix is too long, %d characters maximum allowed",
				  NF_LOG_PREFIXLEN - 1);

	struct vm_expr *e = stmt_emit(rc, VM_LOG);
	if (present & (1u << NFTA_LOG_PREFIX))
		vm_set_str(e, NFTA_LOG_PREFIX, s->log.prefix ? s->log.prefix : "");
	if (present & (1u << NFTA_LOG_GROUP))
		vm_set_u(e, NFTA_LOG_GROUP, s->log.group);
	if (present & (1u << NFTA_LOG_SNAPLEN))
		vm_set_u(e, NFTA_LOG_SNAPLEN, s->log.snaplen);
	if (present & (1u << NFTA_LOG_QTHRESHOLD))
		vm_set_u(e, NFTA_LOG_QTHRESHOLD, s->log.qthreshold);
	if (has_level)
		vm_set_u(e, NFTA_LOG_LEVEL, s->log.level);
	if (present & (1u << NFTA_LOG_FLAGS))
		vm_set_u(e, NFTA_LOG_FLAGS, s->log.logflags);
	return 0;
}

static int stmt_limit(struct rule_ctx *rc, struct stmt *s)
{
	if (s->limit.rate == 0)
		return diag_error(rc->ec->errs, &s->loc, "limit rate must be > 0");
	if (s->limit.unit == 0)
		return diag_error(rc->ec->errs, &s->loc, "invalid limit unit");
	uint32_t burst = s->limit.burst;
	if (s->limit.type == NFT_LIMIT_PKTS && burst == 0)
		burst = 5;                      /* nft's default packet burst */
	struct vm_expr *e = stmt_emit(rc, VM_LIMIT);
	vm_set_u(e, NFTA_LIMIT_RATE, s->limit.rate);
	vm_set_u(e, NFTA_LIMIT_UNIT, s->limit.unit);
	vm_set_u(e, NFTA_LIMIT_BURST, burst);
	vm_set_u(e, NFTA_LIMIT_TYPE, s->limit.type);
	vm_set_u(e, NFTA_LIMIT_FLAGS, s->limit.flags);
	return 0;
}

static int stmt_quota(struct rule_ctx *rc, struct stmt *s)
{
	struct vm_expr *e = stmt_emit(rc, VM_QUOTA);
	vm_set_u(e, NFTA_QUOTA_BYTES, s->quota.bytes);
	vm_set_u(e, NFTA_QUOTA_CONSUMED, s->quota.used);
	vm_set_u(e, NFTA_QUOTA_FLAGS, s->quota.flags);
	return 0;
}

static int stmt_queue(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *qe = s->queue.queue_expr;
	uint32_t num = s->queue.num, total = s->queue.total ? s->queue.total : 1;
	uint32_t flags = s->queue.flags;
	int sreg = -1;
	if (qe) {
		switch (qe->kind) {
		case EXPR_SYMBOL:
		case EXPR_VALUE: {
			uint64_t v;
			if (stmt_const_uint(rc, &s->queue.queue_expr, &dt_integer, 16,
					    BYTEORDER_HOST, &v) < 0)
				return -1;
			num = (uint32_t)v;
			total = 1;
			break;
		}
		case EXPR_RANGE: {
			uint64_t lo, hi;
			if (stmt_const_uint(rc, &qe->bin.left, &dt_integer, 16, BYTEORDER_HOST,
					    &lo) < 0 ||
			    stmt_const_uint(rc, &qe->bin.right, &dt_integer, 16, BYTEORDER_HOST,
					    &hi) < 0)
				return -1;
			if (hi < lo)
				return diag_error(rc->ec->errs, &qe->loc,
						  "Range has zero or negative size");
			num = (uint32_t)lo;
			total = (uint32_t)(hi - lo + 1);
			break;
		}
		case EXPR_HASH:
		case EXPR_NUMGEN:
		case EXPR_MAP:
			if (flags & NFT_QUEUE_FLAG_CPU_FANOUT)
				return diag_error(rc->ec->errs, &qe->loc,
						  "fanout flag is not supported when using expression");
			sreg = eval_lower_value(rc, qe, &dt_integer, 16, BYTEORDER_HOST);
			if (sreg < 0)
				return -1;
			break;
		default:
			return diag_error(rc->ec->errs, &qe->loc,
					  "queue number is not constant");
		}
	}
	if (sreg < 0 && (uint64_t)num + total - 1 > 65535)
		return diag_error(rc->ec->errs, qe ? &qe->loc : &s->loc,
				  "queue number out of range");
	struct vm_expr *e = stmt_emit(rc, VM_QUEUE);
	if (sreg >= 0) {
		vm_set_u(e, NFTA_QUEUE_SREG_QNUM, (uint64_t)sreg);
	} else {
		vm_set_u(e, NFTA_QUEUE_NUM, num);
		vm_set_u(e, NFTA_QUEUE_TOTAL, total);
	}
	if (flags)
		vm_set_u(e, NFTA_QUEUE_FLAGS, flags);
	return 0;
}

/* `counter name KEY map { k : "name", ... }`: an anonymous object map (__objmap%d)
 * whose elements carry object names instead of data. */
static int stmt_objref_anon_map(struct rule_ctx *rc, struct stmt *s, struct expr *m)
{
	struct expr *src = m->bin.right, *key = m->bin.left;
	for (uint32_t i = 0; i < src->list.n; i++) {
		struct expr *mp = src->list.v[i];
		if (mp->kind != EXPR_MAPPING || !mp->bin.right)
			return diag_error(rc->ec->errs, &mp->loc, "object map element expected");
	}
	if (eval_lhs(rc, key) < 0)
		return -1;
	uint32_t regs_before = rc->reg_next;
	int reg = lower_load(rc, key);
	if (reg < 0)
		return -1;
	struct nl_set *ns = lower_anon_objmap(rc, src, key, s->objref.type);
	if (!ns)
		return -1;
	rc->reg_next = regs_before;
	struct vm_expr *e = stmt_emit(rc, VM_OBJREF);
	vm_set_u(e, NFTA_OBJREF_SET_SREG, (uint64_t)reg);
	vm_set_str(e, NFTA_OBJREF_SET_NAME, ns->name);
	vm_set_u(e, NFTA_OBJREF_SET_ID, ns->id);
	return 0;
}

static int stmt_objref(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *n = s->objref.name;
	if (!n)
		return diag_error(rc->ec->errs, &s->loc, "missing object name");
	if (n->kind == EXPR_SYMBOL || n->kind == EXPR_VALUE) {
		const char *name = n->kind == EXPR_SYMBOL
			? n->sym.str
			: arena_strndup(rc->ec->arena, (const char *)n->value.bytes,
					(n->len + 7) / 8);
		if (!name || !*name)
			return diag_error(rc->ec->errs, &n->loc, "invalid object name");
		struct vm_expr *e = stmt_emit(rc, VM_OBJREF);
		vm_set_u(e, NFTA_OBJREF_IMM_TYPE, s->objref.type);
		vm_set_str(e, NFTA_OBJREF_IMM_NAME, name);
		return 0;
	}
	if (n->kind == EXPR_MAP && n->bin.right && n->bin.right->kind == EXPR_SET_REF) {
		/* name map @objmap: look the key up in a named object map */
		if (eval_lhs(rc, n->bin.left) < 0)
			return -1;
		int reg = lower_load(rc, n->bin.left);
		if (reg < 0)
			return -1;
		struct vm_expr *e = stmt_emit(rc, VM_OBJREF);
		vm_set_u(e, NFTA_OBJREF_SET_SREG, (uint64_t)reg);
		vm_set_str(e, NFTA_OBJREF_SET_NAME, n->bin.right->setref.name);
		return 0;
	}
	if (n->kind == EXPR_MAP && n->bin.right && n->bin.right->kind == EXPR_SET)
		return stmt_objref_anon_map(rc, s, n);
	return diag_error(rc->ec->errs, &n->loc, "object name must be a string or a map");
}

/* ---------------------------------------------------------------- meta / ct set */

/* The value a meta or ct key (`what`) is set to, in a register typed as the key;
 * -1 with the error recorded. */
static int key_set_value(struct rule_ctx *rc, struct stmt *s, const char *what,
			 const char *name, bool settable)
{
	struct expr *k = s->set.key;
	if (!settable)
		return diag_error(rc->ec->errs, &k->loc, "%s key %s is not settable", what, name);
	if (eval_lhs(rc, k) < 0)
		return -1;
	return eval_lower_value(rc, s->set.value, k->dtype, k->len, k->byteorder);
}

static int stmt_meta_set(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *k = s->set.key;
	if (!k || k->kind != EXPR_META || !k->meta.key)
		return diag_error(rc->ec->errs, &s->loc, "meta key expected");
	int reg = key_set_value(rc, s, "meta", k->meta.key->name, k->meta.key->settable);
	if (reg < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_META);
	vm_set_u(e, NFTA_META_KEY, k->meta.key->key);
	vm_set_u(e, NFTA_META_SREG, (uint64_t)reg);
	return 0;
}

/* ct helper/timeout/expectation set "name" are object references. */
struct ct_obj_row {
	const char *key;
	uint32_t objtype;
};
static const struct ct_obj_row ct_obj_rows[] = {
	{ "helper", NFT_OBJECT_CT_HELPER },
	{ "timeout", 7 /* NFT_OBJECT_CT_TIMEOUT */ },
	{ "expectation", 9 /* NFT_OBJECT_CT_EXPECT */ },
};

static int stmt_ct_set(struct rule_ctx *rc, struct stmt *s)
{
	struct expr *k = s->set.key;
	if (!k || k->kind != EXPR_CT || !k->ct.key)
		return diag_error(rc->ec->errs, &s->loc, "ct key expected");
	for (size_t i = 0; i < sizeof(ct_obj_rows) / sizeof(ct_obj_rows[0]); i++) {
		if (strcmp(ct_obj_rows[i].key, k->ct.key->name))
			continue;
		struct stmt o = *s;
		o.kind = STMT_OBJREF;
		o.objref.type = ct_obj_rows[i].objtype;
		o.objref.name = s->set.value;
		return stmt_objref(rc, &o);
	}
	int reg = key_set_value(rc, s, "ct", k->ct.key->name, k->ct.key->settable);
	if (reg < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_CT);
	vm_set_u(e, NFTA_CT_KEY, k->ct.key->key);
	if (k->ct.dir >= 0)
		vm_set_u(e, NFTA_CT_DIRECTION, (uint64_t)k->ct.dir);
	vm_set_u(e, NFTA_CT_SREG, (uint64_t)reg);
	return 0;
}

static int stmt_connlimit(struct rule_ctx *rc, struct stmt *s)
{
	struct vm_expr *e = stmt_emit(rc, VM_CONNLIMIT);
	vm_set_u(e, NFTA_CONNLIMIT_COUNT, s->misc.a);
	vm_set_u(e, NFTA_CONNLIMIT_FLAGS, s->misc.flags);
	return 0;
}

static int stmt_last(struct rule_ctx *rc, struct stmt *s)
{
	struct vm_expr *e = stmt_emit(rc, VM_LAST);
	/* `last used 1d2h` restores a timestamp; plain `last` starts unset */
	if (s->misc.u64) {
		vm_set_u(e, NFTA_LAST_SET, 1);
		vm_set_u(e, NFTA_LAST_MSECS, s->misc.u64);
	}
	return 0;
}

/* ---------------------------------------------------------------- dispatch */

static int stmt_notrack(struct rule_ctx *rc, struct stmt *s)
{
	(void)s;
	stmt_emit(rc, VM_NOTRACK);
	return 0;
}

/* One row per statement kind: what lowers it. A kind without a row (xt) is refused. */
static int (*const stmt_lowerers[STMT_KIND_MAX])(struct rule_ctx *rc, struct stmt *s) = {
	[STMT_EXPR] = eval_lower_match,
	[STMT_VERDICT] = stmt_verdict,
	[STMT_COUNTER] = stmt_counter,
	[STMT_LOG] = stmt_log,
	[STMT_LIMIT] = stmt_limit,
	[STMT_QUOTA] = stmt_quota,
	[STMT_QUEUE] = stmt_queue,
	[STMT_NOTRACK] = stmt_notrack,
	[STMT_OBJREF] = stmt_objref,
	[STMT_META] = stmt_meta_set,
	[STMT_CT] = stmt_ct_set,
	[STMT_PAYLOAD] = eval_stmt_payload,
	[STMT_NAT] = eval_stmt_nat,
	[STMT_REJECT] = eval_stmt_reject,
	[STMT_SET] = eval_stmt_dynset,
	[STMT_MAP] = eval_stmt_dynset,
	[STMT_CONNLIMIT] = stmt_connlimit,
	[STMT_LAST] = stmt_last,
	[STMT_DUP] = eval_stmt_dup,
	[STMT_FWD] = eval_stmt_fwd,
	[STMT_TPROXY] = eval_stmt_tproxy,
	[STMT_SYNPROXY] = eval_stmt_synproxy,
};

int eval_lower_stmt(struct rule_ctx *rc, struct stmt *s)
{
	if ((unsigned)s->kind >= STMT_KIND_MAX || !stmt_lowerers[s->kind])
		return diag_error(rc->ec->errs, &s->loc, "this statement is not supported yet");
	return stmt_lowerers[s->kind](rc, s);
}
