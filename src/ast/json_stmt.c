/* Statements as nft's JSON (libnftables-json(5) "STATEMENTS"): matches, verdicts,
 * counters, limits, nat, log … each one object keyed by its name, `null` where the
 * statement has nothing to say (`{"counter": null}` in a stateless listing). The
 * conditions under which a member is written are the text printer's. */
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include "json_int.h"
#include "../types/objtypes.h"
#include "../types/stmt_words.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void log_stmt(const struct stmt *s, struct json_out *j)
{
	static const struct json_flag_name flags[] = {
		{ NF_LOG_TCPSEQ, "tcp sequence" }, { NF_LOG_TCPOPT, "tcp options" },
		{ NF_LOG_IPOPT, "ip options" }, { NF_LOG_UID, "skuid" },
		{ NF_LOG_MACDECODE, "ether" },
	};
	uint32_t p = s->log.present, f = s->log.logflags;
	bool prefix = s->log.prefix && (p & (1u << NFTA_LOG_PREFIX));
	bool group = p & (1u << NFTA_LOG_GROUP);
	bool snaplen = (p & (1u << NFTA_LOG_SNAPLEN)) && s->log.snaplen;
	bool qthreshold = (p & (1u << NFTA_LOG_QTHRESHOLD)) && s->log.qthreshold;
	bool level = (p & (1u << NFTA_LOG_LEVEL)) && s->log.level != NFT_LOGLEVEL_WARNING;
	if (!prefix && !group && !snaplen && !qthreshold && !level && !(f & NF_LOG_MASK)) {
		jo_knull(j, "log");
		return;
	}
	jo_kobj_open(j, "log");
	if (prefix)
		jo_kstr(j, "prefix", s->log.prefix);
	if (group)
		jo_kuint(j, "group", s->log.group);
	if (snaplen)
		jo_kuint(j, "snaplen", s->log.snaplen);
	if (qthreshold)
		jo_kuint(j, "queue-threshold", s->log.qthreshold);
	if (level) {
		const char *name = log_level_name(s->log.level);
		if (name)
			jo_kstr(j, "level", name);
		else
			jo_kuint(j, "level", s->log.level);
	}
	if ((f & NF_LOG_MASK) == NF_LOG_MASK)
		jo_kstr(j, "flags", "all");
	else
		json_print_kflags("flags", flags, N(flags), f, j);
	jo_obj_close(j);
}

static void limit_stmt(const struct stmt *s, struct json_out *j)
{
	/* nft's order: rate, burst, per, inv, then the byte units */
	uint64_t rate = s->limit.rate, burst = s->limit.burst;
	const char *rate_unit = NULL, *burst_unit = NULL;
	if (s->limit.type == NFT_LIMIT_PKT_BYTES) {
		rate_unit = byte_unit_scaled(s->limit.rate, &rate);
		burst_unit = byte_unit_scaled(s->limit.burst, &burst);
	}
	jo_kobj_open(j, "limit");
	jo_kuint(j, "rate", rate);
	jo_kuint(j, "burst", burst);
	jo_kstr(j, "per", time_unit_name(s->limit.unit));
	if (s->limit.flags & NFT_LIMIT_F_INV)
		jo_kbool(j, "inv", true);
	if (rate_unit) {
		jo_kstr(j, "rate_unit", rate_unit);
		jo_kstr(j, "burst_unit", burst_unit);
	}
	jo_obj_close(j);
}

static void quota_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	uint64_t n;
	const char *unit = byte_unit_scaled(s->quota.bytes, &n);
	jo_kobj_open(j, "quota");
	jo_kuint(j, "val", n);
	jo_kstr(j, "val_unit", unit);
	if (s->quota.flags & NFT_QUOTA_F_INV)
		jo_kbool(j, "inv", true);
	if (s->quota.used && !po->stateless) {
		unit = byte_unit_scaled(s->quota.used, &n);
		jo_kuint(j, "used", n);
		jo_kstr(j, "used_unit", unit);
	}
	jo_obj_close(j);
}

/* `add @s { key timeout 10s counter }`, `update @m { key : data }` */
static void dyn_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	static const char *const ops[] = { "add", "update", "delete" };
	bool is_map = s->kind == STMT_MAP || s->dyn.data;
	jo_kobj_open(j, is_map ? "map" : "set");
	jo_kstr(j, "op", s->dyn.op < 3 ? ops[s->dyn.op] : "add");
	jo_key(j, "elem");
	if (s->dyn.timeout) {
		jo_obj_open(j);
		jo_kobj_open(j, "elem");
		jo_key(j, "val");
		json_print_expr(s->dyn.key, po, j);
		jo_kuint(j, "timeout", s->dyn.timeout / 1000);
		jo_obj_close(j);
		jo_obj_close(j);
	} else {
		json_print_expr(s->dyn.key, po, j);
	}
	if (s->dyn.data) {
		jo_key(j, "data");
		json_print_expr(s->dyn.data, po, j);
	}
	jo_key(j, is_map ? "map" : "set");
	json_print_expr(s->dyn.set, po, j);
	if (s->dyn.stmts && s->dyn.stmts->n) {
		/* the element's statements hold no state of the rule's: no numbers */
		struct print_opts none = *po;
		none.stateless = true;
		jo_karr_open(j, "stmt");
		for (uint32_t i = 0; i < s->dyn.stmts->n; i++)
			json_print_stmt(s->dyn.stmts->v[i], &none, j);
		jo_arr_close(j);
	}
	jo_obj_close(j);
}

static void objref_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	if (s->objref.type == 0) {                    /* flow add @ft */
		jo_kobj_open(j, "flow");
		jo_kstr(j, "op", "add");
		jo_key(j, "flowtable");
		json_print_expr(s->objref.name, po, j);
		jo_obj_close(j);
		return;
	}
	const struct objtype *o = objtype_by_type(s->objref.type);
	const char *word = o ? o->word : "unknown";
	if (s->objref.type == NFT_OBJECT_SECMARK)
		word = "secmark";
	else if (s->objref.type == NFT_OBJECT_CT_EXPECT)
		word = "ct expectation";
	jo_key(j, word);
	json_print_expr(s->objref.name, po, j);
}

static void queue_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	static const struct json_flag_name flags[] = {
		{ NFT_QUEUE_FLAG_BYPASS, "bypass" }, { NFT_QUEUE_FLAG_CPU_FANOUT, "fanout" },
	};
	jo_kobj_open(j, "queue");
	jo_key(j, "num");
	if (s->queue.queue_expr) {
		json_print_expr(s->queue.queue_expr, po, j);
	} else if (s->queue.total > 1) {
		jo_obj_open(j);
		jo_karr_open(j, "range");
		jo_uint(j, s->queue.num);
		jo_uint(j, s->queue.num + s->queue.total - 1);
		jo_arr_close(j);
		jo_obj_close(j);
	} else {
		jo_uint(j, s->queue.num);
	}
	json_print_kflags("flags", flags, N(flags), s->queue.flags, j);
	jo_obj_close(j);
}

static void synproxy_stmt(const struct stmt *s, struct json_out *j)
{
	static const struct json_flag_name flags[] = {
		{ 0x08, "timestamp" }, { 0x04, "sack-perm" },
	};
	if (!(s->misc.flags & 0x0f)) {
		jo_knull(j, "synproxy");
		return;
	}
	jo_kobj_open(j, "synproxy");
	if (s->misc.flags & 0x01)
		jo_kuint(j, "mss", s->misc.a);
	if (s->misc.flags & 0x02)
		jo_kuint(j, "wscale", s->misc.b);
	json_print_kflags("flags", flags, N(flags), s->misc.flags, j);
	jo_obj_close(j);
}

static void mangle_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	if (!s->set.value) {                     /* reset tcp option maxseg */
		jo_kobj_open(j, "reset");
		if (s->set.key->kind == EXPR_EXTHDR)
			json_print_exthdr_members(s->set.key, 0, j);   /* nothing is loaded */
		else
			json_print_expr(s->set.key, po, j);
		jo_obj_close(j);
		return;
	}
	jo_kobj_open(j, "mangle");
	jo_key(j, "key");
	json_print_expr(s->set.key, po, j);
	jo_key(j, "value");
	json_print_expr_styled(s->set.value, po, PF_COMMA, j);
	jo_obj_close(j);
}

void json_print_stmt_members(const struct stmt *s, const struct print_opts *po,
			     struct json_out *j)
{
	switch (s->kind) {
	case STMT_EXPR:
	case STMT_VERDICT:
		/* a match or verdict is an object of its own: spliced by the caller */
		break;
	case STMT_COUNTER:
		if (po->stateless) {
			jo_knull(j, "counter");
			break;
		}
		jo_kobj_open(j, "counter");
		jo_kuint(j, "packets", s->counter.packets);
		jo_kuint(j, "bytes", s->counter.bytes);
		jo_obj_close(j);
		break;
	case STMT_LOG:
		log_stmt(s, j);
		break;
	case STMT_LIMIT:
		limit_stmt(s, j);
		break;
	case STMT_META:
	case STMT_CT:
	case STMT_PAYLOAD:
		mangle_stmt(s, po, j);
		break;
	case STMT_NAT:
		json_print_nat_members(s, po, j);
		break;
	case STMT_REJECT:
		json_print_reject_members(s, j);
		break;
	case STMT_NOTRACK:
		jo_knull(j, "notrack");
		break;
	case STMT_QUEUE:
		queue_stmt(s, po, j);
		break;
	case STMT_QUOTA:
		quota_stmt(s, po, j);
		break;
	case STMT_SET:
	case STMT_MAP:
		dyn_stmt(s, po, j);
		break;
	case STMT_OBJREF:
		objref_stmt(s, po, j);
		break;
	case STMT_CONNLIMIT:
		jo_kobj_open(j, "ct count");
		jo_kuint(j, "val", s->misc.a);
		if (s->misc.flags & NFT_CONNLIMIT_F_INV)
			jo_kbool(j, "inv", true);
		jo_obj_close(j);
		break;
	case STMT_TPROXY:
	case STMT_DUP:
	case STMT_FWD:
		json_print_forward_members(s, po, j);
		break;
	case STMT_SYNPROXY:
		synproxy_stmt(s, j);
		break;
	case STMT_LAST:
		if (po->stateless || !s->misc.u64) {
			jo_knull(j, "last");
			break;
		}
		jo_kobj_open(j, "last");
		jo_kuint(j, "used", s->misc.u64);
		jo_obj_close(j);
		break;
	default:
		jo_key(j, "unsupported");
		print_stmt(s, po, jo_str_open(j));
		jo_str_close(j);
		break;
	}
}

void json_print_stmt(const struct stmt *s, const struct print_opts *po, struct json_out *j)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	if (s->kind == STMT_VERDICT && s->expr && s->expr->kind == EXPR_VERDICT &&
	    s->expr->verdict.bound) {
		/* nft has no JSON for a bound chain: it writes the statement's text */
		struct writer w;
		writer_init_mem(&w);
		print_stmt(s, po, &w);
		jo_str(j, wr_cstr(&w));
		writer_free(&w);
		return;
	}
	if (s->kind == STMT_EXPR || s->kind == STMT_VERDICT) {
		json_print_expr(s->expr, po, j);
		return;
	}
	jo_obj_open(j);
	json_print_stmt_members(s, po, j);
	jo_obj_close(j);
}

void json_print_rule_exprs(const struct rule *r, const struct print_opts *po,
			   struct json_out *j)
{
	jo_arr_open(j);
	for (uint32_t i = 0; i < r->stmts.n; i++)
		json_print_stmt(r->stmts.v[i], po, j);
	jo_arr_close(j);
}
