/* Front-end unit test: parses representative inputs and checks the AST shapes
 * (dumped as compact text), error messages and locations, defines and includes;
 * then parses every `RULE;ok` vector of the core conformance files as
 * `add rule FAMILY t c RULE` and reports how many parse. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glob.h>
#include "parser/parser.h"
#include "util/writer.h"

#ifndef CONFORMANCE_DIR
#define CONFORMANCE_DIR "../shared/conformance"
#endif

static int test_no, failures;

static void ok(bool cond, const char *name)
{
	test_no++;
	printf("%s %d - ", cond ? "ok" : "not ok", test_no);
	for (const char *p = name; *p; p++)
		fputs(*p == '\n' ? "\\n" : *p == '\t' ? " " : (char[]){ *p, 0 }, stdout);
	putchar('\n');
	if (!cond)
		failures++;
}

/* ------------------------------------------------------------ AST dump */

struct buf {
	char s[8192];
	size_t n;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (b->n < sizeof(b->s))
		b->n += (size_t)vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	if (b->n >= sizeof(b->s))
		b->n = sizeof(b->s) - 1;
	va_end(ap);
}

static const char *const relops[] = { "imp", "==", "!=", "<", ">", "<=", ">=", "!" };
static const char *const binops[] = { "&", "|", "^", "<<", ">>" };

static void dump_expr(struct buf *b, const struct expr *e);

static void dump_list(struct buf *b, const char *open, const char *sep, const char *close,
		      const struct expr_list *l)
{
	put(b, "%s", open);
	for (uint32_t i = 0; i < l->n; i++) {
		if (i)
			put(b, "%s", sep);
		dump_expr(b, l->v[i]);
	}
	put(b, "%s", close);
}

static void dump_expr(struct buf *b, const struct expr *e)
{
	if (!e) {
		put(b, "NULL");
		return;
	}
	switch (e->kind) {
	case EXPR_SYMBOL:
		put(b, e->sym.quoted ? "\"%s\"" : "%s", e->sym.str);
		break;
	case EXPR_VALUE:
		put(b, "type:%s", e->dtype ? e->dtype->name : "?");
		break;
	case EXPR_PAYLOAD:
		if (e->payload.is_raw)
			put(b, "@%d,%u,%u", e->payload.base, e->payload.offset, e->len);
		else
			put(b, "%s%s%s.%s", e->payload.tunnel ? e->payload.tunnel->name : "",
			    e->payload.tunnel ? ">" : "", e->payload.proto->name, e->payload.field->name);
		break;
	case EXPR_EXTHDR:
		put(b, "exthdr(op=%u hdr=%s type=%u field=%s off=%u len=%u flags=%u)", e->exthdr.op,
		    e->exthdr.hdr ? e->exthdr.hdr : "-", e->exthdr.type,
		    e->exthdr.field ? e->exthdr.field : "-", e->exthdr.offset, e->len, e->exthdr.flags);
		break;
	case EXPR_OSF:
	case EXPR_XFRM:
		put(b, "%s(key=%u flags=%u mod=%u)", e->kind == EXPR_OSF ? "osf" : "xfrm",
		    e->other.key, e->other.flags, e->other.mod);
		break;
	case EXPR_META:
		put(b, "meta.%s", e->meta.key->name);
		break;
	case EXPR_CT:
		put(b, "ct%s%s.%s", e->ct.dir == 0 ? "[original]" : e->ct.dir == 1 ? "[reply]" : "",
		    e->ct.nfproto ? "[l3]" : "", e->ct.key->name);
		break;
	case EXPR_PREFIX:
		put(b, "(/ ");
		dump_expr(b, e->bin.left);
		put(b, " %u)", e->bin.prefix_len);
		break;
	case EXPR_RANGE:
		put(b, "(- ");
		dump_expr(b, e->bin.left);
		put(b, " ");
		dump_expr(b, e->bin.right);
		put(b, ")");
		break;
	case EXPR_BINOP:
	case EXPR_RELATION:
	case EXPR_MAPPING:
	case EXPR_MAP:
		put(b, "(%s ", e->kind == EXPR_BINOP ? binops[e->bin.op]
			       : e->kind == EXPR_RELATION ? relops[e->bin.op]
			       : e->kind == EXPR_MAPPING ? ":" : e->bin.op ? "vmap" : "map");
		dump_expr(b, e->bin.left);
		put(b, " ");
		dump_expr(b, e->bin.right);
		put(b, ")");
		break;
	case EXPR_LIST:
		dump_list(b, "(list ", " ", ")", &e->list);
		break;
	case EXPR_CONCAT:
		dump_list(b, "(. ", " ", ")", &e->list);
		break;
	case EXPR_SET:
		dump_list(b, "{", ", ", "}", &e->list);
		break;
	case EXPR_SET_ELEM:
		dump_expr(b, e->elem.key);
		if (e->elem.timeout)
			put(b, "[timeout=%llu]", (unsigned long long)e->elem.timeout);
		if (e->elem.comment)
			put(b, "[comment=%s]", e->elem.comment);
		break;
	case EXPR_SET_REF:
		put(b, "@%s", e->setref.name);
		break;
	case EXPR_VERDICT:
		put(b, "verdict:%d%s%s", e->verdict.code, e->verdict.chain ? ":" : "",
		    e->verdict.chain ? e->verdict.chain : "");
		break;
	case EXPR_ELEM_ANY:
		put(b, "*");
		break;
	case EXPR_NUMGEN:
	case EXPR_HASH:
	case EXPR_FIB:
	case EXPR_RT:
	case EXPR_SOCKET:
		put(b, "other%d(key=%u flags=%#x mod=%u off=%u seed=%#x", e->kind, e->other.key,
		    e->other.flags, e->other.mod, e->other.offset, e->other.seed);
		if (e->other.arg) {
			put(b, " ");
			dump_expr(b, e->other.arg);
		}
		put(b, ")");
		break;
	default:
		put(b, "kind%d", e->kind);
	}
}

static void dump_stmt(struct buf *b, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_EXPR:
	case STMT_VERDICT:
		dump_expr(b, s->expr);
		break;
	case STMT_COUNTER:
		put(b, "counter(%llu,%llu)", (unsigned long long)s->counter.packets,
		    (unsigned long long)s->counter.bytes);
		break;
	case STMT_LOG:
		put(b, "log(prefix=%s level=%u group=%u flags=%#x present=%#x)",
		    s->log.prefix ? s->log.prefix : "-", s->log.level, s->log.group,
		    s->log.logflags, s->log.present);
		break;
	case STMT_LIMIT:
		put(b, "limit(%llu/%llu burst=%u type=%u flags=%u)",
		    (unsigned long long)s->limit.rate, (unsigned long long)s->limit.unit,
		    s->limit.burst, s->limit.type, s->limit.flags);
		break;
	case STMT_META:
	case STMT_CT:
	case STMT_PAYLOAD:
		put(b, "set(");
		dump_expr(b, s->set.key);
		put(b, " ");
		dump_expr(b, s->set.value);
		put(b, ")");
		break;
	case STMT_NAT:
		put(b, "nat%d(fam=%u ", s->nat.type, s->nat.family);
		dump_expr(b, s->nat.addr);
		put(b, " ");
		dump_expr(b, s->nat.proto);
		put(b, " flags=%#x tf=%u)", s->nat.flags, s->nat.type_flags);
		break;
	case STMT_REJECT:
		put(b, "reject(%d,%u,", s->reject.type, s->reject.family);
		dump_expr(b, s->reject.code_expr);
		put(b, ")");
		break;
	case STMT_OBJREF:
		put(b, "objref%u(", s->objref.type);
		dump_expr(b, s->objref.name);
		put(b, ")");
		break;
	case STMT_DUP:
	case STMT_FWD:
	case STMT_TPROXY:
		put(b, "%s(fam=%u ", s->kind == STMT_DUP ? "dup" : s->kind == STMT_FWD ? "fwd" : "tproxy",
		    s->misc.family);
		dump_expr(b, s->misc.addr);
		put(b, " ");
		dump_expr(b, s->misc.dev);
		put(b, " ");
		dump_expr(b, s->misc.port);
		put(b, ")");
		break;
	case STMT_QUEUE:
		put(b, "queue(%u,%u,%#x,", s->queue.num, s->queue.total, s->queue.flags);
		dump_expr(b, s->queue.queue_expr);
		put(b, ")");
		break;
	case STMT_SET:
	case STMT_MAP:
		put(b, "dynset%u(", s->dyn.op);
		dump_expr(b, s->dyn.set);
		put(b, " ");
		dump_expr(b, s->dyn.key);
		put(b, " ");
		dump_expr(b, s->dyn.data);
		put(b, ")");
		break;
	default:
		put(b, "stmt%d", s->kind);
	}
}

static const char *const ops[] = { "add", "create", "insert", "replace", "delete", "destroy",
				   "list", "flush", "rename", "reset", "get", "describe",
				   "monitor" };
static const char *const objs[] = { "table", "chain", "rule", "set", "map", "element",
				    "ruleset", "tables", "chains", "sets", "maps", "counter",
				    "counters", "quota", "quotas", "flowtable", "flowtables",
				    "hooks", "limit", "limits", "ct helper", "ct helpers",
				    "ct timeout", "ct expectation", "synproxy", "synproxys",
				    "secmark", "secmarks" };

static void dump_cmd(struct buf *b, const struct cmd *c)
{
	if (c->obj == OBJ_RULE && c->rules_of) {
		/* a chain block's rules, kept as text: one line each, as eval parses them */
		for (uint32_t k = 0; k < c->rules_of->nrules; k++) {
			struct cmd one = *c;
			one.rules_of = NULL;
			one.rule = c->rules_of->rules[k];
			if (k)
				put(b, "\n");
			dump_cmd(b, &one);
		}
		return;
	}
	put(b, "%s %s %s", ops[c->op], objs[c->obj], family_name(c->h.family));
	if (c->h.table)
		put(b, " %s", c->h.table);
	if (c->h.chain)
		put(b, " %s", c->h.chain);
	if (c->h.set)
		put(b, " %s", c->h.set);
	if (c->h.has_handle)
		put(b, " handle=%llu", (unsigned long long)c->h.handle);
	if (c->h.has_position)
		put(b, " position=%llu", (unsigned long long)c->h.position);
	if (c->obj == OBJ_RULE && c->rule) {
		const struct rule *ru = c->rule;
		struct arena a;
		struct diag_list errs;
		arena_init(&a, 0);
		diag_list_init(&errs);
		if (ru->span) {
			struct rule *parsed;
			ru = ru->span->parse(ru->span, &errs, &a, &parsed) == 0 ? parsed : NULL;
		}
		put(b, ":");
		for (uint32_t i = 0; ru && i < ru->stmts.n; i++) {
			put(b, " ");
			dump_stmt(b, ru->stmts.v[i]);
		}
		if (ru && ru->comment)
			put(b, " comment=%s", ru->comment);
		diag_list_free(&errs);
		arena_free(&a);
	}
	if (c->obj == OBJ_CHAIN && c->chain && c->chain->type) {
		put(b, ": %s %s ", c->chain->type, c->chain->hook);
		dump_expr(b, c->chain->prio);
		if (c->chain->policy) {
			put(b, " policy ");
			dump_expr(b, c->chain->policy);
		}
		for (uint32_t i = 0; i < c->chain->devices.n; i++) {
			put(b, " dev ");
			dump_expr(b, c->chain->devices.v[i]);
		}
	}
	if (c->obj == OBJ_FLOWTABLE && c->flowtable) {
		const struct flowtable_decl *f = c->flowtable;
		put(b, ": hook=%s prio=", f->hook ? f->hook : "-");
		dump_expr(b, f->prio);
		put(b, " flags=%u devs=", f->flags);
		dump_list(b, "(", " ", ")", &f->devices);
	}
	if (c->obj >= OBJ_COUNTER && c->obj != OBJ_FLOWTABLE && c->objdecl &&
	    c->obj != OBJ_COUNTERS && c->obj != OBJ_QUOTAS && c->obj != OBJ_FLOWTABLES) {
		const struct obj_decl *o = c->objdecl;
		put(b, ": type=%u", o->type);
		if (o->stmt) {
			put(b, " ");
			dump_stmt(b, o->stmt);
		}
		if (o->str)
			put(b, " str=%s", o->str);
		if (o->l4proto || o->l3proto)
			put(b, " l4=%u l3=%u", o->l4proto, o->l3proto);
		if (o->policy.n)
			dump_list(b, " policy=(", " ", ")", &o->policy);
		if (o->dport || o->timeout || o->size)
			put(b, " dport=%u timeout=%u size=%u", o->dport, o->timeout, o->size);
	}
	if ((c->obj == OBJ_SET || c->obj == OBJ_MAP) && c->set) {
		put(b, ": key=");
		dump_expr(b, c->set->key);
		if (c->set->data) {
			put(b, " data=");
			dump_expr(b, c->set->data);
		}
		put(b, " flags=%#x timeout=%llu size=%u", c->set->flags,
		    (unsigned long long)c->set->timeout, c->set->size);
		if (c->set->elems) {
			put(b, " elems=");
			dump_expr(b, c->set->elems);
		}
	}
	if (c->obj == OBJ_ELEMENT && c->elems) {
		put(b, ": ");
		dump_expr(b, c->elems);
	}
	if (c->obj == OBJ_TABLE && c->table && c->op == CMD_ADD)
		put(b, " flags=%u", c->table->flags);
}

/* ------------------------------------------------------------ helpers */

struct result {
	struct arena arena;
	struct diag_list errs;
	struct cmd_list cmds;
	int rc;
	struct buf dump;
};

static void parse_text(struct result *r, const char *text, const char **incdirs)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena, 0);
	diag_list_init(&r->errs);
	struct parse_ctx ctx = { .arena = &r->arena, .errs = &r->errs, .include_dirs = incdirs };
	struct source *src = arena_alloc(&r->arena, sizeof(*src));
	src->name = "<cmdline>";
	src->text = arena_strdup(&r->arena, text);
	src->len = strlen(text);
	r->rc = parse_source(&ctx, src, &r->cmds);
	for (uint32_t i = 0; i < r->cmds.n; i++) {
		if (i)
			put(&r->dump, "\n");
		dump_cmd(&r->dump, r->cmds.v[i]);
	}
}

/* Parses every rule kept as text, as commit does, collecting their errors. */
static void spans_parse(const struct cmd_list *cmds, struct diag_list *errs)
{
	struct arena a;
	arena_init(&a, 0);
	for (uint32_t i = 0; i < cmds->n; i++) {
		const struct chain_decl *block = cmds->v[i]->rules_of;
		for (uint32_t k = 0; block && k < block->nrules; k++) {
			struct rule *parsed;
			if (block->rules[k]->span)
				(void)block->rules[k]->span->parse(block->rules[k]->span, errs, &a,
								   &parsed);
		}
	}
	arena_free(&a);
}

static void done(struct result *r)
{
	diag_list_free(&r->errs);
	arena_free(&r->arena);
}

static void expect(const char *text, const char *want)
{
	struct result r;
	parse_text(&r, text, NULL);
	bool good = r.rc == 0 && !strcmp(r.dump.s, want);
	ok(good, text);
	if (!good) {
		printf("#   got:  %s\n#   want: %s\n", r.dump.s, want);
		for (unsigned i = 0; i < r.errs.n; i++)
			printf("#   error %u:%u-%u: %s\n", r.errs.items[i].loc.line,
			       r.errs.items[i].loc.first_col, r.errs.items[i].loc.last_col,
			       r.errs.items[i].msg);
	}
	done(&r);
}

static void expect_error(const char *text, unsigned line, unsigned first, unsigned last,
			 const char *msg)
{
	struct result r;
	parse_text(&r, text, NULL);
	bool good = r.rc == -1 && r.errs.n >= 1 && r.errs.items[0].loc.line == line &&
		    r.errs.items[0].loc.first_col == first && r.errs.items[0].loc.last_col == last &&
		    (!msg || !strcmp(r.errs.items[0].msg, msg));
	ok(good, text);
	if (!good)
		for (unsigned i = 0; i < r.errs.n; i++)
			printf("#   error %u:%u-%u: %s\n", r.errs.items[i].loc.line,
			       r.errs.items[i].loc.first_col, r.errs.items[i].loc.last_col,
			       r.errs.items[i].msg);
	done(&r);
}

/* ------------------------------------------------------------ tests */

static void test_shapes(void)
{
	expect("add rule ip t c tcp dport 22",
	       "add rule ip t c: (imp tcp.dport 22)");
	expect("add rule t c tcp dport != 22 accept",
	       "add rule ip t c: (!= tcp.dport 22) verdict:1");
	expect("add rule inet t c ip saddr 10.0.0.0/8 tcp dport 33-45",
	       "add rule inet t c: (imp ip.saddr (/ 10.0.0.0 8)) (imp tcp.dport (- 33 45))");
	expect("add rule ip t c tcp dport { 22, 23 }",
	       "add rule ip t c: (imp tcp.dport {22, 23})");
	expect("add rule ip t c ct state established,related",
	       "add rule ip t c: (imp ct.state (list established related))");
	expect("add rule ip t c tcp flags syn / syn,ack",
	       "add rule ip t c: (imp (& tcp.flags (list syn ack)) syn)");
	expect("add rule ip t c meta mark and 0x03 == 0x01",
	       "add rule ip t c: (== (& meta.mark 0x03) 0x01)");
	expect("add rule ip t c ip saddr . tcp dport { 1.2.3.4 . 22 }",
	       "add rule ip t c: (imp (. ip.saddr tcp.dport) {(. 1.2.3.4 22)})");
	expect("add rule ip t c tcp dport vmap { 22 : accept, 23:drop }",
	       "add rule ip t c: (vmap tcp.dport {(: 22 verdict:1), (: 23 verdict:0)})");
	expect("add rule ip t c meta mark set ip saddr map @geo",
	       "add rule ip t c: set(meta.mark (map ip.saddr @geo))");
	expect("add rule ip t c ip saddr @blocklist jump foo",
	       "add rule ip t c: (imp ip.saddr @blocklist) verdict:-3:foo");
	expect("add rule ip t c @nh,8,8 1",
	       "add rule ip t c: (imp @1,8,8 1)");
	expect("add rule ip t c iifname \"eth0\" oifname eth* mark 3",
	       "add rule ip t c: (imp meta.iifname \"eth0\") (imp meta.oifname eth*) (imp meta.mark 3)");
	expect("add rule ip t c ct original saddr 1.2.3.4 ct reply proto-dst 80",
	       "add rule ip t c: (imp ct[original].saddr 1.2.3.4) (imp ct[reply].proto-dst 80)");
	expect("add rule ip t c counter packets 1 bytes 2 log prefix \"x\" level debug",
	       "add rule ip t c: counter(1,2) log(prefix=x level=7 group=0 flags=0 present=0x24)");
	expect("add rule ip t c limit rate over 10/minute burst 3 packets",
	       "add rule ip t c: limit(10/60 burst=3 type=0 flags=1)");
	expect("add rule ip t c limit rate 1025 kbytes/second",
	       "add rule ip t c: limit(1049600/1 burst=0 type=1 flags=0)");
	expect("add rule ip t c snat to 1.2.3.4:80-90 persistent,random",
	       "add rule ip t c: nat0(fam=0 1.2.3.4 (- 80 90) flags=0xc tf=0)");
	expect("add rule ip6 t c dnat ip6 to [::1]:80",
	       "add rule ip6 t c: nat1(fam=10 ::1 80 flags=0 tf=0)");
	expect("add rule ip t c redirect to :tcp dport map { 22 : 8000 }",
	       "add rule ip t c: nat3(fam=0 NULL (map tcp.dport {(: 22 8000)}) flags=0 tf=0)");
	expect("add rule ip t c masquerade to :1024-2048 fully-random",
	       "add rule ip t c: nat2(fam=0 NULL (- 1024 2048) flags=0x10 tf=0)");
	expect("add rule ip t c reject with icmp type host-unreachable",
	       "add rule ip t c: reject(0,2,host-unreachable)");
	expect("add rule ip t c reject with tcp reset",
	       "add rule ip t c: reject(1,0,NULL)");
	expect("add rule ip t c ip6 saddr ::ffff:1.2.3.4 ether saddr 00:0f:54:0c:11:4",
	       "add rule ip t c: (imp ip6.saddr ::ffff:1.2.3.4) (imp ether.saddr 00:0f:54:0c:11:4)");
	expect("add rule ip t c ip6 saddr vmap {1234:1234:1234:1234:1234:1234:aaaa:::accept, ::bbbb : drop}",
	       "add rule ip t c: (vmap ip6.saddr {(: 1234:1234:1234:1234:1234:1234:aaaa:: verdict:1), (: ::bbbb verdict:0)})");
	expect("add rule ip t c tcp dport 22 comment \"ssh\"",
	       "add rule ip t c: (imp tcp.dport 22) comment=ssh");
	expect("add rule ip t c ct mark set (meta mark | 0x10) << 8",
	       "add rule ip t c: set(ct.mark (<< (| meta.mark 0x10) 8))");
	expect("add rule ip t c ip saddr { { 1.1.1.0, 3.3.3.0 }, 2.2.2.0 }",
	       "add rule ip t c: (imp ip.saddr {1.1.1.0, 3.3.3.0, 2.2.2.0})");
	expect("add rule ip t c add @s { ip saddr . ip daddr : meta mark }",
	       "add rule ip t c: dynset0(@s (. ip.saddr ip.daddr) meta.mark)");
	expect("add rule ip t c tcp flags ! fin,rst",
	       "add rule ip t c: (! tcp.flags (list fin rst))");
	expect("add rule ip t c meta skuid lt 3000",
	       "add rule ip t c: (< meta.skuid 3000)");
	expect("add rule ip t c position 5 accept",
	       "add rule ip t c position=5: verdict:1");
	expect("replace rule inet t c handle 7 drop",
	       "replace rule inet t c handle=7: verdict:0");
	expect("delete rule ip t c handle 3", "delete rule ip t c handle=3");
	expect("list ruleset; list tables ip6; flush ruleset",
	       "list ruleset ip\nlist tables ip6\nflush ruleset ip");
	expect("add chain ip t c { type filter hook input priority 0; policy drop; }",
	       "add chain ip t c: filter input 0 policy drop");
	expect("add chain netdev t c { type filter hook ingress device \"lo\" priority -150; }",
	       "add chain netdev t c: filter ingress -150 dev lo");
	expect("add table inet t { flags dormant; comment \"x\"; }",
	       "add table inet t flags=1");
	expect("add set ip t s { type ipv4_addr; flags interval,timeout; timeout 1h; size 1000; elements = { 1.2.3.4, 10.0.0.0/8 }; comment \"x\"; policy memory; auto-merge; }",
	       "add set ip t s: key=type:ipv4_addr flags=0x14 timeout=3600000 size=1000 elems={1.2.3.4, (/ 10.0.0.0 8)}");
	expect("add map ip t m { type ipv4_addr : verdict; }",
	       "add map ip t m: key=type:ipv4_addr data=type:verdict flags=0 timeout=0 size=0");
	expect("add map ip t m { typeof ip saddr . tcp dport : meta mark; }",
	       "add map ip t m: key=(. ip.saddr tcp.dport) data=meta.mark flags=0 timeout=0 size=0");
	expect("add element ip t s { 1.2.3.4, 10.0.0.0/8, 1-5 timeout 10s comment \"c\" }",
	       "add element ip t s: {1.2.3.4, (/ 10.0.0.0 8), (- 1 5)[timeout=10000][comment=c]}");
	expect("table inet f {\n\tchain in {\n\t\ttype filter hook input priority filter + 10; policy accept\n\t\ttcp dport 22 accept\n\t}\n\tset s {\n\t\ttype inet_service\n\t\telements = { 22,\n\t\t\t23 }\n\t}\n}\n",
	       "add table inet f flags=0\nadd chain inet f in: filter input filter + 10 policy accept\n"
	       "add set inet f s: key=type:inet_service flags=0 timeout=0 size=0 elems={22, 23}\n"
	       "add rule inet f in: (imp tcp.dport 22) verdict:1");
	expect("define ports = { 22, 80 }\nadd rule ip t c tcp dport $ports",
	       "add rule ip t c: (imp tcp.dport {22, 80})");
	expect("define x = 1; redefine x = 2; add rule ip t c mark $x",
	       "add rule ip t c: (imp meta.mark 2)");
	expect("add rule ip t c \\\n tcp dport 22 # comment\n",
	       "add rule ip t c: (imp tcp.dport 22)");
	expect("add rule ip t c meta hour \"00:00\"-\"02:02\" drop",
	       "add rule ip t c: (imp meta.hour (- \"00:00\" \"02:02\")) verdict:0");
	expect("add rule ip t c ct helper set \"ftp\" counter name \"c1\"",
	       "add rule ip t c: objref3(\"ftp\") objref1(\"c1\")");
	expect("add rule ip6 t c dup to abcd::1 device \"lo\"",
	       "add rule ip6 t c: dup(fam=0 abcd::1 \"lo\" NULL)");
	expect("add rule inet t c tproxy ip6 to [2001:db8::1]:50080",
	       "add rule inet t c: tproxy(fam=10 2001:db8::1 NULL 50080)");
	expect("add rule ip t c queue flags bypass to 1-3",
	       "add rule ip t c: queue(1,3,0x1,NULL)");
	expect("add rule ip6 t c snat to [2001:838:35f:1::]-[2001:838:35f:2::]:80-100",
	       "add rule ip6 t c: nat0(fam=0 (- 2001:838:35f:1:: 2001:838:35f:2::) (- 80 100) flags=0 tf=0)");
	expect("add rule arp t c arp saddr ip 1.2.3.4 arp daddr ether aa:bb:cc:aa:bb:cc",
	       "add rule arp t c: (imp arp.saddr ip 1.2.3.4) (imp arp.daddr ether aa:bb:cc:aa:bb:cc)");
	expect("add rule ip t c tcp flags set tcp flags | ecn | cwr",
	       "add rule ip t c: set(tcp.flags (| tcp.flags (| ecn cwr)))");
	expect("add rule ip t c meta mark set jhash ip saddr . tcp dport mod 2 seed 0xdead offset 100",
	       "add rule ip t c: set(meta.mark other11(key=0 flags=0x1 mod=2 off=100 seed=0xdead (. ip.saddr tcp.dport)))");
	expect("add rule ip t c fib saddr . iif oif missing drop",
	       "add rule ip t c: (imp other9(key=1 flags=0x9 mod=0 off=0 seed=0) missing) verdict:0");
	expect("add rule inet t c rt ip6 nexthop fd00::1 ct mark set numgen random mod 4",
	       "add rule inet t c: (imp other8(key=2 flags=0 mod=1 off=0 seed=0) fd00::1) set(ct.mark other10(key=1 flags=0 mod=4 off=0 seed=0))");
	expect("add rule ip t c ct expiration 1m-1h meta priority bcad:dada-bcad:dadc",
	       "add rule ip t c: (imp ct.expiration (- 1m 1h)) (imp meta.priority (- bcad:dada bcad:dadc))");
	/* option-like headers, tunnels, osf, ipsec */
	expect("add rule ip6 t c frag frag-off 3 srh sid[2] dead::beef",
	       "add rule ip6 t c: (imp exthdr(op=0 hdr=frag type=44 field=frag-off off=16 len=13 flags=0) 3) "
	       "(imp exthdr(op=0 hdr=srh type=43 field=sid[2] off=192 len=128 flags=0) dead::beef)");
	expect("add rule ip6 t c exthdr hbh == exists rt seg-left 2 rt mtu 3",
	       "add rule ip6 t c: (== exthdr(op=0 hdr=exthdr hbh type=0 field=- off=0 len=8 flags=1) exists) "
	       "(imp exthdr(op=0 hdr=rt type=43 field=seg-left off=24 len=8 flags=0) 2) (imp other8(key=3 flags=0 mod=0 off=0 seed=0) 3)");
	expect("add rule inet t c tcp option sack2 left 1 tcp option 6 exists tcp option @255,8,8 255",
	       "add rule inet t c: (imp exthdr(op=1 hdr=tcp option sack2 type=5 field=left off=144 len=32 flags=0) 1) "
	       "(imp exthdr(op=1 hdr=tcp option 6 type=6 field=- off=0 len=8 flags=1) exists) "
	       "(imp exthdr(op=1 hdr=tcp option @255,8,8 type=255 field=- off=8 len=8 flags=0) 255)");
	expect("add rule inet t c reset tcp option maxseg tcp option maxseg size set 1360",
	       "add rule inet t c: set(exthdr(op=1 hdr=tcp option maxseg type=2 field=- off=0 len=8 flags=0) NULL) "
	       "set(exthdr(op=1 hdr=tcp option maxseg type=2 field=size off=16 len=16 flags=0) 1360)");
	expect("add rule inet t c sctp chunk init-ack num-outbound-streams 3 dccp option 43 missing",
	       "add rule inet t c: (imp exthdr(op=3 hdr=sctp chunk init-ack type=2 field=num-outbound-streams off=96 len=16 flags=0) 3) "
	       "(imp exthdr(op=4 hdr=dccp option 43 type=43 field=- off=0 len=8 flags=1) missing)");
	expect("add rule netdev t c udp dport 4789 vxlan vni 10 vxlan ip saddr 1.2.3.4 gre ip protocol 1",
	       "add rule netdev t c: (imp udp.dport 4789) (imp vxlan.vni 10) (imp vxlan>ip.saddr 1.2.3.4) (imp gre>ip.protocol 1)");
	expect("add rule inet t c osf ttl skip version \"Linux:3.0\" ipsec out spnum 2 ip6 daddr ::1",
	       "add rule inet t c: (imp osf(key=0 flags=1 mod=2) \"Linux:3.0\") (imp xfrm(key=2 flags=1 mod=2) ::1)");
	/* named objects and flowtables */
	expect("add counter ip t c { packets 1 bytes 2 }; add quota ip t q over 1 kbytes",
	       "add counter ip t c: type=1 counter(1,2)\nadd quota ip t q: type=2 stmt13");
	expect("add ct timeout ip t h { protocol tcp; policy = { established:132, close:16 } ; l3proto ip ;}",
	       "add ct timeout ip t h: type=7 l4=6 l3=2 policy=((: established 132) (: close 16))");
	expect("add ct expectation ip t e { protocol tcp; dport 1234; timeout 2m; size 12; }",
	       "add ct expectation ip t e: type=9 l4=6 l3=0 dport=1234 timeout=120000 size=12");
	expect("table inet t { counter c { packets 0 bytes 0 }\n ct helper h { type \"ftp\" protocol tcp; }\n"
	       " flowtable f { hook ingress priority 0; devices = { lo }; }\n chain x { flow add @f counter name \"c\"; }\n}",
	       "add table inet t flags=0\nadd chain inet t x\nadd counter inet t c: type=1 counter(0,0)\n"
	       "add ct helper inet t h: type=3 str=ftp l4=6 l3=0\nadd flowtable inet t f: hook=ingress prio=0 flags=0 devs=(lo)\n"
	       "add rule inet t x: objref0(@f) objref1(\"c\")");
	expect("define T = t\nadd chain ip $T c", "add chain ip t c");
	expect("add rule ip t c meta secmark set \"sm\" ct secmark set meta secmark",
	       "add rule ip t c: objref8(\"sm\") set(ct.secmark meta.secmark)");
	expect("add rule ip t c ip saddr . ip daddr . tcp dport 1.2.3.4 . 10.0.0.0/8 . 22",
	       "add rule ip t c: (imp (. ip.saddr ip.daddr tcp.dport) (. 1.2.3.4 (/ 10.0.0.0 8) 22))");
}

static void test_errors(void)
{
	expect_error("add rule ip t c tcp dport", 1, 26, 26, "syntax error, unexpected newline");
	expect_error("add rule ip t c tcp dport ;", 1, 27, 27, "syntax error, unexpected semicolon");
	expect_error("add rule ip t c tcp dport $x", 1, 27, 28, "unknown identifier 'x'");
	expect_error("add rule ip t c ct foo", 1, 20, 22, "syntax error, unexpected string");
	expect_error("add rule ip t c tcp foo 1", 1, 21, 23, "syntax error, unexpected string");
	expect_error("add rule ip t c limit rate 1023/second burst 10 bytes", 1, 49, 53,
		     "syntax error, unexpected bytes, expecting packets");
	expect_error("add rule inet t c gre ether saddr 1:2:3:4:5:6", 1, 19, 21, "syntax error, unexpected ether");
	expect_error("add rule inet t c vxlan ip saddr set 1.2.3.4", 1, 19, 44, "syntax error, unexpected set");
	expect_error("add rule inet t c tcp option foo exists", 1, 30, 32, "syntax error, unexpected foo");
	expect_error("add counter ip t c 25 mbytes", 1, 1, 28, "syntax error: wrong object definition for this type");
	expect_error("add ct helper ip t h { protocol tcp; }", 1, 1, 38, "incomplete or invalid ct object definition");
	expect_error("define x = 1; define x = 2", 1, 22, 22, "redefinition of symbol 'x'");
	expect_error("add table ip t\nadd rule ip t c tcp dport foo bar baz\n", 2, 31, 33, "syntax error, unexpected string");

	/* several errors, parsing continues after each */
	struct result r;
	parse_text(&r, "add rule ip t c tcp dport\nadd table ip ok\nadd rule ip t c ct foo\n", NULL);
	ok(r.rc == -1 && r.errs.n == 2 && r.errs.items[1].loc.line == 3, "two errors reported");
	done(&r);

	/* the command location spans the whole command */
	parse_text(&r, "add table ip t; add rule ip t c tcp dport 22 accept", NULL);
	ok(r.rc == 0 && r.cmds.n == 2 && r.cmds.v[1]->loc.first_col == 17 &&
	   r.cmds.v[1]->loc.last_col == 51 && r.cmds.v[1]->rule->stmts.v[0]->loc.first_col == 33,
	   "command and statement locations");
	done(&r);
}

static void test_dynset_stmts(void)
{
	struct result r;
	parse_text(&r, "add rule ip t c add @s { ip saddr timeout 10s counter limit rate 10/second ct count 3 }", NULL);
	const struct stmt *s = r.rc == 0 && r.cmds.n == 1 ? r.cmds.v[0]->rule->stmts.v[0] : NULL;
	ok(s && s->kind == STMT_SET && s->dyn.timeout == 10000 && s->dyn.stmts && s->dyn.stmts->n == 3 &&
	   s->dyn.stmts->v[0]->kind == STMT_COUNTER && s->dyn.stmts->v[1]->kind == STMT_LIMIT &&
	   s->dyn.stmts->v[2]->kind == STMT_CONNLIMIT, "stateful statements in a dynamic set update");
	done(&r);
}

/* a whole file using objects, flowtables, tunnels, ipsec, osf, defines as names */
static void test_object_ruleset(void)
{
	static const char text[] =
		"#!/usr/sbin/nft -f\n"
		"define ifs = { \"eth0\", \"eth1\" }\n"
		"define T = filter\n"
		"flush ruleset\n"
		"table inet $T {\n"
		"	counter cnt_ssh { packets 0 bytes 0 }\n"
		"	quota q1 { over 100 mbytes used 0 bytes }\n"
		"	limit lim1 { rate 400/minute burst 5 packets }\n"
		"	ct helper ftp-std { type \"ftp\" protocol tcp; l3proto inet; }\n"
		"	ct timeout tmo { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }\n"
		"	ct expectation exp1 { protocol tcp; dport 21; timeout 1m; size 10; l3proto ip; }\n"
		"	synproxy sp { mss 1460; wscale 7; timestamp sack-perm; }\n"
		"	secmark sm { \"system_u:object_r:ssh_server_packet_t:s0\" }\n"
		"	flowtable ft {\n"
		"		hook ingress priority filter\n"
		"		devices = $ifs\n"
		"		counter\n"
		"	}\n"
		"	map cmap { type inet_service : counter; elements = { 22 : \"cnt_ssh\" } }\n"
		"	set s4 { typeof ip saddr . tcp dport; flags dynamic,timeout; timeout 1m; }\n"
		"	chain forward {\n"
		"		type filter hook forward priority 0; policy accept;\n"
		"		ip protocol { tcp, udp } flow add @ft\n"
		"		counter name tcp dport map @cmap\n"
		"		ct helper set \"ftp-std\"\n"
		"		ct timeout set \"tmo\"\n"
		"		synproxy name \"sp\"\n"
		"		meta secmark set \"sm\"\n"
		"		add @s4 { ip saddr . tcp dport counter }\n"
		"		tcp flags syn tcp option maxseg size set rt mtu\n"
		"		udp dport 4789 vxlan ip saddr 10.0.0.1 drop\n"
		"		ipsec in reqid 1 accept\n"
		"		osf ttl loose name \"Linux\" accept\n"
		"	}\n"
		"}\n";
	struct result r;
	parse_text(&r, text, NULL);
	/* a chain block's rules are one command (kept as text); the dump has a line each,
	 * joined by newlines */
	uint32_t lines = 1;
	for (const char *p = r.dump.s; p && *p; p++)
		lines += *p == '\n';
	ok(r.rc == 0 && lines == 25, "ruleset with named objects and flowtable");
	if (r.rc || lines != 25)
		printf("# %u commands, %u lines\n%s\n", r.cmds.n, lines, r.dump.s);
	done(&r);
}

static void test_include(void)
{
	char dir[] = "/tmp/nftc_parser_test_XXXXXX";
	if (!mkdtemp(dir)) {
		ok(false, "mkdtemp");
		return;
	}
	char path[256];
	snprintf(path, sizeof(path), "%s/a.nft", dir);
	FILE *f = fopen(path, "w");
	fputs("define p = 22\nadd table ip inc_a", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/b.nft", dir);
	f = fopen(path, "w");
	fputs("add table ip inc_b\n", f);
	fclose(f);
	const char *incdirs[] = { dir, NULL };
	struct result r;
	parse_text(&r, "include \"*.nft\"\nadd rule ip t c tcp dport $p", incdirs);
	ok(r.rc == 0 && !strcmp(r.dump.s, "add table ip inc_a flags=0\nadd table ip inc_b flags=0\n"
				       "add rule ip t c: (imp tcp.dport 22)"),
	   "include with glob and -I directory");
	if (r.rc)
		printf("# %s\n", r.dump.s);
	done(&r);
	snprintf(path, sizeof(path), "%s/rules.inc", dir);
	f = fopen(path, "w");
	fputs("tcp dport 22 accept\nudp dport foo bar\n", f);
	fclose(f);
	parse_text(&r, "table ip t {\n\tchain c {\n\t\tinclude \"rules.inc\"\n\t\tdrop\n\t}\n}\n",
		   incdirs);
	/* a chain block's rules are kept as text: their syntax is checked when commit
	 * parses them, and the error still points into the included file */
	struct diag_list late;
	diag_list_init(&late);
	spans_parse(&r.cmds, &late);
	ok(r.rc == 0 && late.n == 1 && late.items[0].loc.line == 2 &&
	   late.items[0].loc.first_col == 18 && strstr(late.items[0].loc.src->name, "rules.inc"),
	   "error located in an included file");
	diag_list_free(&late);
	done(&r);
	parse_text(&r, "table ip t {\n\tchain c {\n\t\tinclude \"rules.inc\"\n\t\tdrop\n\t}\n}\nadd bogus\n",
		   incdirs);
	ok(r.rc == -1 && r.errs.n == 2 && r.errs.items[0].loc.line == 2 &&
	   strstr(r.errs.items[0].loc.src->name, "rules.inc") && r.errs.items[1].loc.line == 7,
	   "a failed parse also reports its kept rules' syntax errors, in input order");
	done(&r);
	parse_text(&r, "include \"nonexistent.nft\"", incdirs);
	ok(r.rc == -1 && r.errs.n == 1 && !strcmp(r.errs.items[0].msg, "File not found: nonexistent.nft"),
	   "missing include file");
	done(&r);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path)) {
	}
}

/* ------------------------------------------------------------ conformance rules */

/* Parses the rules of the .t files named by `names` (paths relative to py/). */
static void conformance(const char *what, char **names, size_t n_names, bool all, bool verbose)
{
	char line[4096], cmd[4300];
	unsigned total = 0, parsed = 0, fail_total = 0, fail_rejected = 0;
	for (size_t k = 0; k < n_names; k++) {
		const char *name = names[k];
		char path[512];
		snprintf(path, sizeof(path), CONFORMANCE_DIR "/py/%s", name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		char family[32] = "ip";
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			if (line[0] == '*') {
				sscanf(line + 1, "%31[^;]", family);
				continue;
			}
			if (!line[0] || strchr("#-:!?%*", line[0]))
				continue;
			char *semi = strstr(line, ";ok");
			bool want_ok = semi != NULL;
			if (semi && semi[3] == ';') {           /* the listing must parse too */
				snprintf(cmd, sizeof(cmd), "add rule %s t c %s", family, semi + 4);
				struct result r;
				parse_text(&r, cmd, NULL);
				total++;
				parsed += r.rc == 0;
				if (r.rc && verbose)
					printf("# %s: %s\n#    %s\n", name, cmd,
					       r.errs.n ? r.errs.items[0].msg : "?");
				done(&r);
			}
			if (!semi)
				semi = strstr(line, ";fail");
			if (!semi)
				continue;
			*semi = '\0';
			snprintf(cmd, sizeof(cmd), "add rule %s t c %s", family, line);
			struct result r;
			parse_text(&r, cmd, NULL);
			if (want_ok) {
				total++;
				parsed += r.rc == 0;
				if (r.rc && verbose)
					printf("# %s: %s\n#    %s\n", name, cmd,
					       r.errs.n ? r.errs.items[0].msg : "?");
			} else {
				fail_total++;
				fail_rejected += r.rc != 0;
			}
			done(&r);
		}
		fclose(f);
	}
	printf("# %s: %u of %u ok-rules (and listings) parse; %u of %u fail-rules rejected by the parser\n",
	       what, parsed, total, fail_rejected, fail_total);
	if (all)
		ok(parsed == total, what);
}

/* The core files (core-files.txt), then every .t file under py/. */
static void conformance_all(bool verbose)
{
	char *names[512];
	size_t n = 0;
	char name[256];
	FILE *list = fopen(CONFORMANCE_DIR "/core-files.txt", "r");
	if (!list) {
		printf("# no conformance files, skipped\n");
		return;
	}
	while (n < 512 && fgets(name, sizeof(name), list)) {
		name[strcspn(name, "\n")] = '\0';
		if (*name)
			names[n++] = strdup(name);
	}
	fclose(list);
	conformance("core conformance ok-rules parse", names, n, true, verbose);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	glob_t g;
	if (glob(CONFORMANCE_DIR "/py/*/*.t", 0, NULL, &g) == 0) {
		size_t skip = strlen(CONFORMANCE_DIR "/py/");
		n = 0;
		for (size_t i = 0; i < g.gl_pathc && n < 512; i++)
			names[n++] = g.gl_pathv[i] + skip;
		conformance("all-files conformance ok-rules parse", names, n,
			    getenv("NFTC_PARSER_ALL") != NULL, verbose);
		globfree(&g);
	}
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "-e")) {       /* debugging aid: parse and dump */
		struct result r;
		parse_text(&r, argv[2], NULL);
		printf("%s\n", r.dump.s);
		for (unsigned i = 0; i < r.errs.n; i++)
			printf("%u:%u-%u: %s\n", r.errs.items[i].loc.line, r.errs.items[i].loc.first_col,
			       r.errs.items[i].loc.last_col, r.errs.items[i].msg);
		done(&r);
		return r.rc ? 1 : 0;
	}
	test_shapes();
	test_errors();
	test_dynset_stmts();
	test_object_ruleset();
	test_include();
	conformance_all(argc > 1);
	return failures ? 1 : 0;
}
