/* Printer: statements and rules exactly as `nft list` writes them. */
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_log.h>
#include "print_int.h"
#include "../types/objtypes.h"
#include "../types/stmt_words.h"


static void print_log(const struct stmt *s, struct writer *w)
{
	uint32_t p = s->log.present, f = s->log.logflags;
	wr_puts(w, "log");
	if (s->log.prefix && (p & (1u << NFTA_LOG_PREFIX))) {
		wr_puts(w, " prefix ");
		print_quoted(s->log.prefix, w);
	}
	if (p & (1u << NFTA_LOG_GROUP))
		wr_printf(w, " group %u", s->log.group);
	if ((p & (1u << NFTA_LOG_SNAPLEN)) && s->log.snaplen)
		wr_printf(w, " snaplen %u", s->log.snaplen);
	if ((p & (1u << NFTA_LOG_QTHRESHOLD)) && s->log.qthreshold)
		wr_printf(w, " queue-threshold %u", s->log.qthreshold);
	if ((p & (1u << NFTA_LOG_LEVEL)) && s->log.level != NFT_LOGLEVEL_WARNING) {
		const char *level = log_level_name(s->log.level);
		if (level)
			wr_printf(w, " level %s", level);
		else
			wr_printf(w, " level %u", s->log.level);
	}
	if ((f & NF_LOG_MASK) == NF_LOG_MASK) {
		wr_puts(w, " flags all");
		return;
	}
	if (f & (NF_LOG_TCPSEQ | NF_LOG_TCPOPT)) {
		wr_puts(w, " flags tcp");
		if (f & NF_LOG_TCPSEQ)
			wr_puts(w, " sequence");
		if (f & NF_LOG_TCPOPT)
			wr_puts(w, (f & NF_LOG_TCPSEQ) ? ",options" : " options");
	}
	if (f & NF_LOG_IPOPT)
		wr_puts(w, " flags ip options");
	if (f & NF_LOG_UID)
		wr_puts(w, " flags skuid");
	if (f & NF_LOG_MACDECODE)
		wr_puts(w, " flags ether");
}

/* bytes → (n, "bytes"/"kbytes"/"mbytes") as nft scales them */
static void print_bytes(uint64_t n, struct writer *w, const char *sep)
{
	uint64_t count;
	const char *unit = byte_unit_scaled(n, &count);
	wr_printf(w, "%" PRIu64 "%s%s", count, sep, unit);
}

static void print_limit(const struct stmt *s, struct writer *w)
{
	bool over = s->limit.flags & NFT_LIMIT_F_INV;
	wr_printf(w, "limit rate %s", over ? "over " : "");
	if (s->limit.type == NFT_LIMIT_PKT_BYTES) {
		print_bytes(s->limit.rate, w, " ");
		wr_printf(w, "/%s", time_unit_name(s->limit.unit));
		if (s->limit.burst) {
			wr_puts(w, " burst ");
			print_bytes(s->limit.burst, w, " ");
		}
		return;
	}
	wr_printf(w, "%" PRIu64 "/%s", s->limit.rate, time_unit_name(s->limit.unit));
	if (s->limit.burst)
		wr_printf(w, " burst %u packets", s->limit.burst);
}

static void print_nat_flags(uint32_t f, struct writer *w)
{
	static const struct { uint32_t bit; const char *name; } names[] = {
		{ NF_NAT_RANGE_PROTO_RANDOM, "random" },
		{ NF_NAT_RANGE_PROTO_RANDOM_FULLY, "fully-random" },
		{ NF_NAT_RANGE_PERSISTENT, "persistent" },
	};
	const char *sep = " ";
	for (unsigned i = 0; i < 3; i++)
		if (f & names[i].bit) {
			wr_printf(w, "%s%s", sep, names[i].name);
			sep = ",";
		}
}

/* An IPv6 address (or range of them) before a `:port` is bracketed: [a]-[b] */
static void print_addr_bracketed(const struct expr *a, const struct print_opts *po,
				 struct writer *w)
{
	bool v6 = a->dtype == &dt_ip6addr ||
		  (a->kind == EXPR_RANGE && a->bin.left && a->bin.left->dtype == &dt_ip6addr);
	if (!v6 || (a->kind != EXPR_VALUE && a->kind != EXPR_RANGE)) {
		print_expr(a, po, w);
		return;
	}
	if (a->kind == EXPR_RANGE) {
		wr_putc(w, '[');
		print_expr(a->bin.left, po, w);
		wr_puts(w, "]-[");
		print_expr(a->bin.right, po, w);
		wr_putc(w, ']');
		return;
	}
	wr_putc(w, '[');
	print_expr(a, po, w);
	wr_putc(w, ']');
}

static void print_forward(const struct stmt *s, const struct print_opts *po, struct writer *w)
{
	switch (s->kind) {
	case STMT_TPROXY:
		wr_puts(w, "tproxy");
		if (s->misc.family == NFPROTO_IPV4)
			wr_puts(w, " ip");
		else if (s->misc.family == NFPROTO_IPV6)
			wr_puts(w, " ip6");
		wr_puts(w, " to");
		if (s->misc.addr) {
			wr_putc(w, ' ');
			if (s->misc.flags && s->misc.addr->kind == EXPR_VALUE) {
				wr_putc(w, '[');
				print_expr(s->misc.addr, po, w);
				wr_putc(w, ']');
			} else {
				print_expr(s->misc.addr, po, w);
			}
		} else {
			wr_putc(w, ' ');
		}
		if (s->misc.port) {
			wr_putc(w, ':');
			print_expr(s->misc.port, po, w);
		}
		break;
	case STMT_DUP:
	case STMT_FWD:
		wr_puts(w, s->kind == STMT_DUP ? "dup" : "fwd");
		if (s->kind == STMT_FWD && s->misc.addr)
			wr_puts(w, s->misc.family == NFPROTO_IPV6 ? " ip6" : " ip");
		wr_puts(w, " to ");
		if (s->misc.addr) {
			print_expr(s->misc.addr, po, w);
			if (s->misc.dev) {
				wr_puts(w, " device ");
				print_expr(s->misc.dev, po, w);
			}
		} else if (s->misc.dev) {
			print_expr(s->misc.dev, po, w);
		}
		break;
	case STMT_SYNPROXY:
		wr_puts(w, "synproxy");
		if (s->misc.flags & 0x01)
			wr_printf(w, " mss %u", s->misc.a);
		if (s->misc.flags & 0x02)
			wr_printf(w, " wscale %u", s->misc.b);
		if (s->misc.flags & 0x08)
			wr_puts(w, " timestamp");
		if (s->misc.flags & 0x04)
			wr_puts(w, " sack-perm");
		break;
	default:
		break;
	}
}

static void print_nat(const struct stmt *s, const struct print_opts *po, struct writer *w)
{
	static const char *const names[] = { "snat", "dnat", "masquerade", "redirect" };
	wr_puts(w, names[s->nat.type]);
	if (s->nat.addr || s->nat.proto) {
		if (s->nat.family == NFPROTO_IPV4 && s->nat.type <= NAT_DNAT &&
		    s->nat.type_flags & 1)
			wr_puts(w, " ip");
		else if (s->nat.family == NFPROTO_IPV6 && s->nat.type <= NAT_DNAT &&
			 s->nat.type_flags & 1)
			wr_puts(w, " ip6");
		if (s->nat.flags & NF_NAT_RANGE_NETMAP)
			wr_puts(w, " prefix");
		wr_puts(w, " to");
		if (s->nat.addr) {
			wr_putc(w, ' ');
			if (s->nat.proto)
				print_addr_bracketed(s->nat.addr, po, w);
			else
				print_expr(s->nat.addr, po, w);
		} else {
			wr_putc(w, ' ');
		}
		if (s->nat.proto) {
			wr_putc(w, ':');
			print_expr(s->nat.proto, po, w);
		}
	}
	print_nat_flags(s->nat.flags, w);
}

/* a reject code by its name in the code datatype, else as a number */
static void print_code(const struct datatype *dt, int code, struct writer *w)
{
	const struct symbol *sym = code >= 0 ? symbol_by_value(dt->symbols, (uint64_t)code) : NULL;
	if (sym)
		wr_puts(w, sym->name);
	else
		wr_printf(w, "%d", code);
}

/* type -1: the family's default (port unreachable), written as bare `reject` */
static void print_reject(const struct stmt *s, struct writer *w)
{
	wr_puts(w, "reject");
	int code = s->reject.icmp_code;
	switch (s->reject.type) {
	case NFT_REJECT_TCP_RST:
		wr_puts(w, " with tcp reset");
		break;
	case NFT_REJECT_ICMPX_UNREACH:
		wr_puts(w, " with icmpx ");
		print_code(&dt_icmpx_code, code, w);
		break;
	case NFT_REJECT_ICMP_UNREACH:
		if (s->reject.family == NFPROTO_IPV6) {
			wr_puts(w, " with icmpv6 ");
			print_code(&dt_icmpv6_code, code, w);
		} else {
			wr_puts(w, " with icmp ");
			print_code(&dt_icmp_code, code, w);
		}
		break;
	default:
		break;
	}
}

static void print_dyn(const struct stmt *s, const struct print_opts *po, struct writer *w)
{
	static const char *const ops[] = { "add", "update", "delete" };
	wr_printf(w, "%s ", s->dyn.op < 3 ? ops[s->dyn.op] : "add");
	print_expr(s->dyn.set, po, w);
	wr_puts(w, " { ");
	print_expr(s->dyn.key, po, w);
	if (s->dyn.timeout) {
		wr_puts(w, " timeout ");
		print_time_ms(s->dyn.timeout, w);
	}
	if (s->dyn.stmts) {
		/* the statements of the element a rule adds: a template, without values
		 * (nft lists `counter`, as its JSON says `{"counter": null}`) */
		struct print_opts tmpl = po ? *po : (struct print_opts){ 0 };
		tmpl.stateless = true;
		for (uint32_t i = 0; i < s->dyn.stmts->n; i++) {
			wr_putc(w, ' ');
			print_stmt(s->dyn.stmts->v[i], &tmpl, w);
		}
	}
	if (s->dyn.data) {
		wr_puts(w, " : ");
		print_expr(s->dyn.data, po, w);
	}
	wr_puts(w, " }");
}

static const char *objtype_name(uint32_t t)
{
	const struct objtype *o = objtype_by_type(t);
	return o ? o->ref : "unknown";
}

void print_stmt(const struct stmt *s, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	switch (s->kind) {
	case STMT_EXPR:
	case STMT_VERDICT:
		print_expr(s->expr, po, w);
		break;
	case STMT_COUNTER:
		wr_puts(w, "counter");
		if (!po->stateless)
			wr_printf(w, " packets %" PRIu64 " bytes %" PRIu64, s->counter.packets,
				  s->counter.bytes);
		break;
	case STMT_LOG:
		print_log(s, w);
		break;
	case STMT_LIMIT:
		print_limit(s, w);
		break;
	case STMT_META:
	case STMT_CT:
	case STMT_PAYLOAD:
		if (!s->set.value) {             /* reset tcp option maxseg */
			wr_puts(w, "reset ");
			print_expr(s->set.key, po, w);
			break;
		}
		print_expr(s->set.key, po, w);
		wr_puts(w, " set ");
		print_expr_styled(s->set.value, po, w, PF_COMMA);
		break;
	case STMT_NAT:
		print_nat(s, po, w);
		break;
	case STMT_REJECT:
		print_reject(s, w);
		break;
	case STMT_NOTRACK:
		wr_puts(w, "notrack");
		break;
	case STMT_QUEUE: {
		wr_puts(w, "queue");
		uint32_t f = s->queue.flags;
		if (f & (NFT_QUEUE_FLAG_BYPASS | NFT_QUEUE_FLAG_CPU_FANOUT)) {
			wr_puts(w, " flags ");
			if (f & NFT_QUEUE_FLAG_BYPASS)
				wr_puts(w, "bypass");
			if (f & NFT_QUEUE_FLAG_CPU_FANOUT)
				wr_puts(w, (f & NFT_QUEUE_FLAG_BYPASS) ? ",fanout" : "fanout");
		}
		if (s->queue.queue_expr) {
			wr_puts(w, " to ");
			print_expr(s->queue.queue_expr, po, w);
		} else if (s->queue.total > 1) {
			wr_printf(w, " to %u-%u", s->queue.num, s->queue.num + s->queue.total - 1);
		} else {
			wr_printf(w, " to %u", s->queue.num);
		}
		break;
	}
	case STMT_QUOTA:
		wr_printf(w, "quota %s", (s->quota.flags & NFT_QUOTA_F_INV) ? "over " : "");
		print_bytes(s->quota.bytes, w, " ");
		if (s->quota.used && !po->stateless) {
			wr_puts(w, " used ");
			print_bytes(s->quota.used, w, " ");
		}
		break;
	case STMT_SET:
	case STMT_MAP:
		print_dyn(s, po, w);
		break;
	case STMT_OBJREF:
		/* ct helper/timeout/expectation and secmark are assigned, the rest named */
		switch (s->objref.type) {
		case NFT_OBJECT_CT_HELPER: wr_puts(w, "ct helper set "); break;
		case NFT_OBJECT_CT_TIMEOUT: wr_puts(w, "ct timeout set "); break;
		case NFT_OBJECT_CT_EXPECT: wr_puts(w, "ct expectation set "); break;
		case NFT_OBJECT_SECMARK: wr_puts(w, "meta secmark set "); break;
		default: wr_printf(w, "%s name ", objtype_name(s->objref.type)); break;
		}
		print_expr(s->objref.name, po, w);
		break;
	case STMT_CONNLIMIT:
		wr_printf(w, "ct count %s%u", (s->misc.flags & NFT_CONNLIMIT_F_INV) ? "over " : "",
			  s->misc.a);
		break;
	case STMT_TPROXY:
	case STMT_DUP:
	case STMT_FWD:
	case STMT_SYNPROXY:
		print_forward(s, po, w);
		break;
	case STMT_LAST:
		wr_puts(w, "last");
		if (!po->stateless)
			wr_puts(w, " used never");
		break;
	default:
		wr_printf(w, "# unknown statement %" PRIu64, s->misc.u64);
		break;
	}
}

void print_rule(const struct rule *r, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	for (uint32_t i = 0; i < r->stmts.n; i++) {
		if (i)
			wr_putc(w, ' ');
		print_stmt(r->stmts.v[i], po, w);
	}
	if (r->comment) {
		wr_puts(w, r->stmts.n ? " comment " : "comment ");
		print_quoted(r->comment, w);
	}
	if (po->handle && r->handle)
		wr_printf(w, " # handle %" PRIu64, r->handle);
}
