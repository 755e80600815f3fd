/* Statement and rule constructors for the grammar: counter, log, limit, nat,
 * reject, set statements, dynamic set updates, queue, quota, connlimit. Keyword
 * arguments (log levels, limit units, flags) are read from small tables. */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include <linux/netfilter/nf_synproxy.h>
#include "build.h"
#include "../types/stmt_words.h"

struct word_value {
	const char *word;
	uint64_t value;
};

static const struct word_value *find_word(const struct word_value *tab, const char *w)
{
	for (; tab->word; tab++)
		if (!strcmp(tab->word, w))
			return tab;
	return NULL;
}


/* log flags: (protocol word or NULL, flag word) → NF_LOG_* */
static const struct {
	const char *proto, *word;
	uint32_t flag;
} log_flag_tab[] = {
	{ "tcp", "sequence", NF_LOG_TCPSEQ },
	{ "tcp", "options", NF_LOG_TCPOPT },
	{ "ip", "options", NF_LOG_IPOPT },
	{ "ether", NULL, NF_LOG_MACDECODE },
	{ NULL, "skuid", NF_LOG_UID },
	{ NULL, "all", NF_LOG_MASK },
};


static const struct word_value queue_flags[] = {
	{ "bypass", NFT_QUEUE_FLAG_BYPASS }, { "fanout", NFT_QUEUE_FLAG_CPU_FANOUT },
	{ NULL, 0 },
};

struct stmt *b_stmt_expr(struct pstate *ps, const struct loc *l, struct expr *e)
{
	if (!e)
		return NULL;
	struct stmt *s = stmt_alloc(ps->a, STMT_EXPR, l);
	s->expr = e;
	return s;
}

struct stmt *b_stmt_verdict(struct pstate *ps, const struct loc *l, struct expr *v)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_VERDICT, l);
	s->expr = v;
	return s;
}

struct stmt *b_counter(struct pstate *ps, const struct loc *l, const char *packets,
		       const char *bytes)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_COUNTER, l);
	if (packets && !b_uint(ps, l, packets, UINT64_MAX, &s->counter.packets))
		return NULL;
	if (bytes && !b_uint(ps, l, bytes, UINT64_MAX, &s->counter.bytes))
		return NULL;
	return s;
}

struct stmt *b_log(struct pstate *ps, const struct loc *l)
{
	return stmt_alloc(ps->a, STMT_LOG, l);
}

/* A numeric log option: the value must fit `max` (nft's attribute width). */
static struct stmt *log_number(struct pstate *ps, struct stmt *s, const struct loc *l,
			       const char *v, uint64_t max, unsigned attr, uint32_t *field)
{
	uint64_t n;
	if (!b_uint(ps, l, v, max, &n))
		return NULL;
	*field = (uint32_t)n;
	s->log.present |= 1u << attr;
	return s;
}

/* `log prefix "state $st:"`: nft replaces each `$name` in the prefix by the value of
 * that define, which must be a string or a word. NULL (error recorded) otherwise. */
static const char *expand_prefix_vars(struct pstate *ps, const struct loc *l, const char *v)
{
	size_t cap = strlen(v) + 1, n = 0;
	char *out = xmalloc(cap);
	const char *p = v;
	while (*p) {
		const char *piece = p;
		size_t len = 1;
		const char *name_end = p + 1;
		bool starts = isalpha((unsigned char)*name_end) || *name_end == '_';
		while (*p == '$' && starts && (isalnum((unsigned char)*name_end) || *name_end == '_'))
			name_end++;
		if (*p == '$' && name_end > p + 1) {
			char *name = arena_strndup(ps->a, p + 1, (size_t)(name_end - p - 1));
			struct expr *e = b_var(ps, l, name);
			if (!e) {
				free(out);
				return NULL;
			}
			if (e->kind != EXPR_SYMBOL) {
				diag_error(ps->ctx->errs, l, "log prefix: $%s is not a string", name);
				free(out);
				return NULL;
			}
			piece = e->sym.str;
			len = strlen(piece);
			p = name_end;
		} else {
			p++;
		}
		if (n + len + 1 > cap) {
			cap = (n + len + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + n, piece, len);
		n += len;
	}
	out[n] = 0;
	const char *r = arena_strdup(ps->a, out);
	free(out);
	return r;
}

struct stmt *b_log_opt(struct pstate *ps, struct stmt *s, enum log_opt o, const struct loc *l,
		       const char *v)
{
	s->loc = loc_join(&s->loc, l);
	switch (o) {
	case LOGOPT_PREFIX:
		if (strchr(v, '$') && !(v = expand_prefix_vars(ps, l, v)))
			return NULL;
		s->log.prefix = v;
		s->log.present |= 1u << NFTA_LOG_PREFIX;
		break;
	case LOGOPT_LEVEL:
		if (!log_level_by_name(v, &s->log.level)) {
			diag_error(ps->ctx->errs, l, "invalid log level");
			return NULL;
		}
		s->log.present |= 1u << NFTA_LOG_LEVEL;
		break;
	case LOGOPT_GROUP:
		return log_number(ps, s, l, v, UINT16_MAX, NFTA_LOG_GROUP, &s->log.group);
	case LOGOPT_SNAPLEN:
		return log_number(ps, s, l, v, UINT32_MAX, NFTA_LOG_SNAPLEN, &s->log.snaplen);
	case LOGOPT_QTHRESH:
		return log_number(ps, s, l, v, UINT16_MAX, NFTA_LOG_QTHRESHOLD, &s->log.qthreshold);
	}
	return s;
}

static int log_flag(struct pstate *ps, struct stmt *s, const struct loc *l, const char *proto,
		    const char *word)
{
	for (size_t i = 0; i < sizeof(log_flag_tab) / sizeof(log_flag_tab[0]); i++) {
		bool pm = proto ? log_flag_tab[i].proto && !strcmp(proto, log_flag_tab[i].proto)
				: !log_flag_tab[i].proto;
		bool wm = word ? log_flag_tab[i].word && !strcmp(word, log_flag_tab[i].word)
			       : !log_flag_tab[i].word;
		if (pm && wm) {
			s->log.logflags |= log_flag_tab[i].flag;
			s->log.present |= 1u << NFTA_LOG_FLAGS;
			return 0;
		}
	}
	return diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", word ? word : proto);
}

struct stmt *b_log_flags(struct pstate *ps, struct stmt *s, const struct loc *l,
			 const char *proto, struct expr *words)
{
	s->loc = loc_join(&s->loc, words ? &words->loc : l);
	if (!words)
		return log_flag(ps, s, l, proto, NULL) ? NULL : s;
	if (words->kind == EXPR_SYMBOL)
		return log_flag(ps, s, &words->loc, proto, words->sym.str) ? NULL : s;
	for (uint32_t i = 0; i < words->list.n; i++)
		if (log_flag(ps, s, &words->list.v[i]->loc, proto, words->list.v[i]->sym.str))
			return NULL;
	return s;
}

/* Number `n` times `scale` (the bytes of its unit, or 1), at most `max`: false, with
 * the error reported at `l`, when n is not such a number or the product is larger
 * ("<what> too large"). */
static bool scaled_uint(struct pstate *ps, const struct loc *l, const char *n, uint64_t scale,
			uint64_t max, const char *what, uint64_t *out)
{
	uint64_t v;
	if (!b_uint(ps, l, n, max, &v))
		return false;
	if (__builtin_mul_overflow(v, scale, out) || *out > max) {
		diag_error(ps->ctx->errs, l, "%s too large", what);
		return false;
	}
	return true;
}

struct stmt *b_limit(struct pstate *ps, const struct loc *l, bool over, const char *rate,
		     const char *rate_unit, const struct loc *ul, const char *per)
{
	uint64_t per_secs = time_unit_by_name(per), bytes = 1;
	if (rate_unit && !(bytes = byte_unit_by_name(rate_unit, false)))
		per_secs = 0;
	if (!per_secs) {
		diag_error(ps->ctx->errs, ul, "Wrong rate format");
		return NULL;
	}
	struct stmt *s = stmt_alloc(ps->a, STMT_LIMIT, l);
	if (!scaled_uint(ps, l, rate, bytes, UINT64_MAX, "limit rate", &s->limit.rate))
		return NULL;
	s->limit.unit = per_secs;
	s->limit.type = rate_unit ? NFT_LIMIT_PKT_BYTES : NFT_LIMIT_PKTS;
	s->limit.burst = rate_unit ? 0 : 5;
	s->limit.flags = over ? NFT_LIMIT_F_INV : 0;
	return s;
}

struct stmt *b_limit_word(struct pstate *ps, const struct loc *l, bool over, const char *rate,
			  const struct loc *ul, const char *word)
{
	/* `kbytes/second` is one word, as names may hold '/' (kube-proxy's chains) */
	const char *slash = strchr(word, '/');
	if (!slash) {
		diag_error(ps->ctx->errs, ul, "Wrong rate format");
		return NULL;
	}
	return b_limit(ps, l, over, rate, arena_strndup(ps->a, word, (size_t)(slash - word)),
		       ul, slash + 1);
}

struct stmt *b_limit_burst(struct pstate *ps, struct stmt *s, const struct loc *l,
			   const char *n, const char *unit)
{
	uint64_t bytes = unit ? byte_unit_by_name(unit, false) : 0;
	if (s->limit.type == NFT_LIMIT_PKTS && unit) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s, expecting packets", unit);
		return NULL;
	}
	if (s->limit.type == NFT_LIMIT_PKT_BYTES && !bytes) {
		diag_error(ps->ctx->errs, l, "syntax error, unexpected %s, expecting string or bytes",
			   unit ? unit : "packets");
		return NULL;
	}
	uint64_t burst;
	if (!scaled_uint(ps, l, n, bytes ? bytes : 1, UINT32_MAX, "limit burst", &burst))
		return NULL;
	s->limit.burst = (uint32_t)burst;
	s->loc = loc_join(&s->loc, l);
	return s;
}

struct stmt *b_quota(struct pstate *ps, const struct loc *l, bool over, const char *n,
		     const char *unit)
{
	uint64_t bytes = byte_unit_by_name(unit, true);
	if (!bytes) {
		diag_error(ps->ctx->errs, l, "Wrong quota format");
		return NULL;
	}
	struct stmt *s = stmt_alloc(ps->a, STMT_QUOTA, l);
	if (!scaled_uint(ps, l, n, bytes, UINT64_MAX, "quota", &s->quota.bytes))
		return NULL;
	s->quota.flags = over ? NFT_QUOTA_F_INV : 0;
	return s;
}

/* `… used N unit`: what a quota has already counted */
struct stmt *b_quota_used(struct pstate *ps, struct stmt *s, const struct loc *l, const char *n,
			  const char *unit)
{
	struct stmt *u = b_quota(ps, l, false, n, unit);
	if (!u)
		return NULL;
	s->quota.used = u->quota.bytes;
	return s;
}

/* `ct helper|timeout|expectation set "name"`: object types */
static const struct word_value ct_objects[] = {
	{ "helper", NFT_OBJECT_CT_HELPER }, { "timeout", 7 /* NFT_OBJECT_CT_TIMEOUT */ },
	{ "expectation", 9 /* NFT_OBJECT_CT_EXPECT */ }, { NULL, 0 },
};

struct stmt *b_set_stmt(struct pstate *ps, const struct loc *l, struct expr *key,
			struct expr *value)
{
	enum stmt_kind k;
	const struct word_value *obj = NULL;
	if (key->kind == EXPR_SYMBOL && (key->flags & EXPR_F_PARSER_CTOBJ))
		obj = find_word(ct_objects, key->sym.str);
	else if (key->kind == EXPR_CT && key->ct.dir < 0 && !key->ct.nfproto)
		obj = find_word(ct_objects, key->ct.key->name);
	if (obj)
		return b_objref(ps, l, (uint32_t)obj->value, value);
	/* as nft: a secmark object by name or map; a field (`ct secmark`) is copied */
	if (key->kind == EXPR_META && !strcmp(key->meta.key->name, "secmark") &&
	    value->kind != EXPR_CT && value->kind != EXPR_META)
		return b_objref(ps, l, NFT_OBJECT_SECMARK, value);
	if (key->kind == EXPR_PAYLOAD && key->payload.tunnel) {   /* inner fields are read-only */
		diag_error(ps->ctx->errs, l, "syntax error, unexpected set");
		return NULL;
	}
	switch (key->kind) {
	case EXPR_META: k = STMT_META; break;
	case EXPR_CT: k = STMT_CT; break;
	case EXPR_PAYLOAD: case EXPR_EXTHDR: k = STMT_PAYLOAD; break;
	default:
		diag_error(ps->ctx->errs, &key->loc, "syntax error, unexpected set");
		return NULL;
	}
	struct stmt *s = stmt_alloc(ps->a, k, l);
	s->set.key = key;
	s->set.value = value;
	return s;
}

struct stmt *b_nat(struct pstate *ps, const struct loc *l, enum nat_kind k, const char *family,
		   uint32_t type_flags)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_NAT, l);
	s->nat.type = k;
	s->nat.type_flags = type_flags;
	if (family)
		b_ip_family(ps, l, family, &s->nat.family);   /* an error is recorded; s goes on */
	return s;
}

struct stmt *b_nat_addr_port(struct pstate *ps, const struct loc *l, enum nat_kind k,
			     const char *family, const struct loc *wl, const char *word)
{
	if (strcmp(word, "port")) {
		diag_error(ps->ctx->errs, wl, "syntax error, unexpected %s, expecting port", word);
		return NULL;
	}
	return b_nat(ps, l, k, family, NAT_TF_CONCAT);
}

struct stmt *b_nat_to(struct pstate *ps, struct stmt *s, struct expr *target)
{
	if (!s)
		return NULL;
	s->nat.addr = target->bin.left;
	s->nat.proto = target->bin.right;
	s->loc = loc_join(&s->loc, &target->loc);
	return s;
}

struct stmt *b_nat_flags(struct pstate *ps, struct stmt *s, uint32_t flags)
{
	s->nat.flags |= flags;
	return s;
}

struct stmt *b_reject(struct pstate *ps, const struct loc *l)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_REJECT, l);
	s->reject.type = -1;
	s->reject.icmp_code = -1;
	return s;
}

struct stmt *b_reject_with(struct pstate *ps, struct stmt *s, const struct loc *wl,
			   const char *what, struct expr *code)
{
	if (!strcmp(what, "tcp") && !code) {
		s->reject.type = NFT_REJECT_TCP_RST;
	} else if (!strcmp(what, "icmp") && code) {
		s->reject.type = NFT_REJECT_ICMP_UNREACH;
		s->reject.family = NFPROTO_IPV4;
	} else if (!strcmp(what, "icmpv6") && code) {
		s->reject.type = NFT_REJECT_ICMP_UNREACH;
		s->reject.family = NFPROTO_IPV6;
	} else if (!strcmp(what, "icmpx") && code) {
		s->reject.type = NFT_REJECT_ICMPX_UNREACH;
		s->reject.family = NFPROTO_INET;
	} else {
		diag_error(ps->ctx->errs, wl, "syntax error, unexpected %s", what);
		return NULL;
	}
	s->reject.code_expr = code;
	return s;
}

struct stmt *b_simple(struct pstate *ps, const struct loc *l, enum stmt_kind k)
{
	return stmt_alloc(ps->a, k, l);
}

struct stmt *b_connlimit(struct pstate *ps, const struct loc *l, bool over, const char *n)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_CONNLIMIT, l);
	uint64_t v;
	if (!b_uint(ps, l, n, UINT32_MAX, &v))
		return NULL;
	s->misc.a = (uint32_t)v;
	s->misc.flags = over ? NFT_CONNLIMIT_F_INV : 0;
	return s;
}

struct stmt *b_dynset(struct pstate *ps, const struct loc *l, uint32_t op, struct expr *set,
		      struct expr *key, struct expr *data)
{
	struct stmt *s = stmt_alloc(ps->a, data ? STMT_MAP : STMT_SET, l);
	s->dyn.op = op;
	s->dyn.set = set;
	s->dyn.key = key;
	s->dyn.data = data;
	return s;
}

struct stmt *b_meter_head(struct pstate *ps, const struct loc *l, const struct loc *nl,
			  const char *name, const struct loc *sl, const char *size)
{
	struct stmt *s = b_dynset(ps, l, NFT_DYNSET_OP_ADD, b_setref(ps, nl, name), NULL, NULL);
	s->dyn.meter = true;
	uint64_t n = 0;
	if (size && !b_uint(ps, sl, size, UINT32_MAX, &n))
		return NULL;
	s->dyn.meter_size = (uint32_t)n;
	return s;
}

struct stmt *b_meter(struct pstate *ps, struct stmt *head, struct expr *key, const struct loc *l)
{
	(void)ps;
	head->dyn.key = key;
	head->loc = *l;
	return head;
}

struct stmt *b_dynset_timeout(struct pstate *ps, struct stmt *s, const struct loc *l,
			      const char *t)
{
	if (parse_time_ms(t, &s->dyn.timeout)) {
		diag_error(ps->ctx->errs, l, "Wrong time format: %s", t);
		return NULL;
	}
	if (s->dyn.meter)        /* a meter whose elements time out refreshes them */
		s->dyn.op = NFT_DYNSET_OP_UPDATE;
	return s;
}

struct stmt *b_queue(struct pstate *ps, const struct loc *l)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_QUEUE, l);
	s->queue.total = 1;
	return s;
}

struct stmt *b_queue_opt(struct pstate *ps, struct stmt *s, const struct loc *l,
			 const char *word, const char *a, const char *b)
{
	const struct word_value *f;
	s->loc = loc_join(&s->loc, l);
	if (!strcmp(word, "num") && a) {
		uint64_t lo, hi;
		if (!b_uint(ps, l, a, UINT16_MAX, &lo) ||
		    (b && !b_uint(ps, l, b, UINT16_MAX, &hi)))
			return NULL;
		if (b && hi < lo) {
			diag_error(ps->ctx->errs, l, "queue range %s-%s is empty", a, b);
			return NULL;
		}
		s->queue.num = (uint32_t)lo;
		s->queue.total = b ? (uint32_t)(hi - lo + 1) : 1;
		return s;
	}
	if (!a && (f = find_word(queue_flags, word))) {
		s->queue.flags |= (uint32_t)f->value;
		return s;
	}
	diag_error(ps->ctx->errs, l, "syntax error, unexpected %s", word);
	return NULL;
}

struct stmt *b_objref(struct pstate *ps, const struct loc *l, uint32_t type, struct expr *name)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_OBJREF, l);
	s->objref.type = type;
	s->objref.name = name;
	return s;
}

struct stmt *b_steer(struct pstate *ps, const struct loc *l, enum stmt_kind k, const char *family,
		     struct expr *addr, struct expr *dev, struct expr *port)
{
	struct stmt *s = stmt_alloc(ps->a, k, l);
	s->misc.addr = addr;
	s->misc.dev = dev;
	s->misc.port = port;
	if (family && !b_ip_family(ps, l, family, &s->misc.family))
		return NULL;
	return s;
}

struct stmt *b_synproxy_opt(struct pstate *ps, struct stmt *s, const struct loc *l,
			    const char *opt, const char *n)
{
	uint64_t v;
	s->loc = loc_join(&s->loc, l);
	if (!strcmp(opt, "mss")) {
		if (!b_uint(ps, l, n, UINT16_MAX, &v))
			return NULL;
		s->misc.a = (uint32_t)v;
	} else if (!strcmp(opt, "wscale")) {
		if (!b_uint(ps, l, n, UINT8_MAX, &v))
			return NULL;
		s->misc.b = (uint32_t)v;
	} else if (!strcmp(opt, "timestamp"))
		s->misc.flags |= NF_SYNPROXY_OPT_TIMESTAMP;
	else
		s->misc.flags |= NF_SYNPROXY_OPT_SACK_PERM;
	return s;
}

struct stmt *b_last(struct pstate *ps, const struct loc *l, const struct loc *tl, const char *t)
{
	struct stmt *s = stmt_alloc(ps->a, STMT_LAST, l);
	if (t && strcmp(t, "never") && parse_time_ms(t, &s->misc.u64)) {
		diag_error(ps->ctx->errs, tl, "Wrong time format: %s", t);
		return NULL;
	}
	return s;
}

/* `queue to 3`, `queue to 1-3` are numbers; anything else is a queue expression. */
struct stmt *b_queue_to(struct pstate *ps, struct stmt *s, struct expr *e)
{
	s->loc = loc_join(&s->loc, &e->loc);
	if (e->kind == EXPR_SYMBOL && !e->sym.quoted)
		return b_queue_opt(ps, s, &e->loc, "num", e->sym.str, NULL);
	if (e->kind == EXPR_RANGE && e->bin.left->kind == EXPR_SYMBOL &&
	    e->bin.right->kind == EXPR_SYMBOL)
		return b_queue_opt(ps, s, &e->loc, "num", e->bin.left->sym.str,
				   e->bin.right->sym.str);
	s->queue.queue_expr = e;
	return s;
}

struct rule *b_rule(struct pstate *ps, const struct loc *l, struct stmt *s)
{
	struct rule *r = arena_alloc(ps->a, sizeof(*r));
	r->loc = *l;
	stmt_list_add(ps->a, &r->stmts, s);
	return r;
}

struct rule *b_rule_add(struct pstate *ps, struct rule *r, struct stmt *s)
{
	stmt_list_add(ps->a, &r->stmts, s);
	r->loc = loc_join(&r->loc, &s->loc);
	return r;
}

struct rule *b_rule_comment(struct pstate *ps, struct rule *r, const char *c)
{
	r->comment = c;
	return r;
}

/* Appends `add` (a statement, or the statements of a temporary STMT_SET) to s->dyn.stmts. */
struct stmt *b_dynset_stmts(struct pstate *ps, struct stmt *s, struct stmt *add)
{
	if (!s->dyn.stmts)
		s->dyn.stmts = arena_alloc(ps->a, sizeof(*s->dyn.stmts));
	if ((add->kind == STMT_SET || add->kind == STMT_MAP) && !add->dyn.set) {
		for (uint32_t i = 0; add->dyn.stmts && i < add->dyn.stmts->n; i++)
			stmt_list_add(ps->a, s->dyn.stmts, add->dyn.stmts->v[i]);
	} else {
		stmt_list_add(ps->a, s->dyn.stmts, add);
	}
	return s;
}
