/* Tests of the statement/command side of eval+lower (eval_cmd.c, eval_stmt*.c,
 * eval_chain.c, eval_set_decl.c, udata*.c):
 *  1. hand-built commands whose lowered objects, message types, flags, userdata bytes
 *     and `-d netlink` text are compared with what nft sends;
 *  2. a driver over the statement conformance vectors (counter, log, limit, quota,
 *     queue, nat, reject ...): each rule is parsed, lowered and its `-d netlink`
 *     lines compared with the .payload file. The driver reports its pass count as a
 *     comment and one informational test line (it never fails the suite, since rules
 *     also depend on the parser and the expression side). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <linux/netfilter.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include "ast/ast.h"
#include "eval/eval.h"
#include "eval/eval_set_decl.h"
#include "netlink/netlink.h"
#include "parser/parser.h"
#include "vm/vm.h"

static int ntests, nfailed;

static void check(int ok, const char *name)
{
	ntests++;
	if (!ok)
		nfailed++;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ntests, name);
}

/* ---------------------------------------------------------------- a batch cache */

struct test_cache {
	const struct known_set *sets[64];
	unsigned n;
};

static const struct known_set *tc_find(void *priv, uint32_t family, const char *table,
				       const char *name)
{
	struct test_cache *c = priv;
	for (unsigned i = c->n; i-- > 0;)
		if (c->sets[i]->family == family && !strcmp(c->sets[i]->table, table) &&
		    !strcmp(c->sets[i]->name, name))
			return c->sets[i];
	return NULL;
}

/* pretend chain "c" has handle 4 and its rules have handles 10, 11, 12 */
static uint64_t tc_chain_handle(void *priv, uint32_t family, const char *table,
				const char *chain)
{
	return !strcmp(chain, "c") ? 4 : 0;
}

static bool tc_rule_at(void *priv, uint32_t family, const char *table, const char *chain,
		      uint32_t index, uint64_t *handle, uint32_t *id)
{
	(void)priv; (void)family; (void)table;
	*id = 0;
	*handle = 10 + index;
	return !strcmp(chain, "c") && index < 3;
}

static const struct eval_cache_ops tc_ops = {
	.find_set = tc_find,
	.chain_handle = tc_chain_handle,
	.rule_at = tc_rule_at,
};

struct fixture {
	struct arena arena;
	struct diag_list errs;
	struct test_cache cache;
	struct eval_ctx ctx;
};

static void fx_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->arena, 1 << 16);
	diag_list_init(&f->errs);
	f->ctx.arena = &f->arena;
	f->ctx.errs = &f->errs;
	f->ctx.cache = &tc_ops;
	f->ctx.cache_priv = &f->cache;
}

static void fx_free(struct fixture *f)
{
	arena_free(&f->arena);
	diag_list_free(&f->errs);
}

/* Lowers one command; remembers declared sets for later commands. */
static int fx_lower(struct fixture *f, struct cmd *c, struct lowered_list *out)
{
	uint32_t first = out->n;
	int r = eval_lower_cmd(&f->ctx, c, out);
	if (r == 0 && (c->obj == OBJ_SET || c->obj == OBJ_MAP) &&
	    (c->op == CMD_ADD || c->op == CMD_CREATE))
		for (uint32_t i = first; i < out->n; i++)
			if (out->v[i].kind == LOWERED_SET && f->cache.n < 64) {
				const struct known_set *k =
					known_set_from_decl(&f->ctx, c, out->v[i].set);
				if (k)
					f->cache.sets[f->cache.n++] = k;
			}
	return r;
}

static const char *debug_text(const struct lowered_list *l, uint32_t from, struct writer *w)
{
	wr_reset(w);
	for (uint32_t i = from; i < l->n; i++) {
		if (l->v[i].kind == LOWERED_ELEMS && l->v[i].msg_type == NFT_MSG_NEWSETELEM)
			nl_debug_set(l->v[i].set, w);
		else if (l->v[i].kind == LOWERED_RULE && l->v[i].msg_type == NFT_MSG_NEWRULE)
			nl_debug_rule(l->v[i].rule, w);
	}
	return wr_cstr(w);
}

/* Only the bytecode lines ("[ ... ]"), trimmed, as the conformance runner compares. */
static void bracket_lines(const char *text, struct writer *out)
{
	wr_reset(out);
	const char *p = text;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (memchr(p, '[', n) && memchr(p, ']', n)) {
			while (n && (*p == ' ' || *p == '\t'))
				p++, n--;
			while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
				n--;
			/* collapse runs of blanks */
			int blank = 0;
			for (size_t i = 0; i < n; i++) {
				if (p[i] == ' ' || p[i] == '\t') {
					blank = 1;
					continue;
				}
				if (blank)
					wr_putc(out, ' ');
				blank = 0;
				wr_putc(out, p[i]);
			}
			wr_putc(out, '\n');
		}
		p = e ? e + 1 : NULL;
	}
}

/* Element lines compare as sets of "element ... [end]" items (anonymous set elements
 * may come in another order), other lines exactly, as the conformance runner does. */
static int elems_equal(const char *a, size_t an, const char *b, size_t bn)
{
	const char *items[2][128];
	size_t lens[2][128];
	unsigned n[2] = { 0, 0 };
	const char *src[2] = { a, b };
	size_t srcn[2] = { an, bn };
	for (int k = 0; k < 2; k++) {
		const char *p = src[k], *end = src[k] + srcn[k];
		while (p < end && n[k] < 128) {
			const char *e = strstr(p, "[end]");
			if (!e || e > end)
				e = end;
			while (p < e && *p == ' ')
				p++;
			size_t len = (size_t)(e - p);
			while (len && p[len - 1] == ' ')
				len--;
			if (len) {
				items[k][n[k]] = p;
				lens[k][n[k]++] = len;
			}
			p = e < end ? e + 5 : end;
		}
	}
	if (n[0] != n[1])
		return 0;
	for (unsigned i = 0; i < n[0]; i++) {
		unsigned j;
		for (j = 0; j < n[1]; j++)
			if (lens[1][j] == lens[0][i] && !memcmp(items[1][j], items[0][i], lens[0][i]))
				break;
		if (j == n[1])
			return 0;
	}
	return 1;
}

static int payload_equal(const char *got, const char *want)
{
	while (*got || *want) {
		const char *ge = strchr(got, '\n'), *we = strchr(want, '\n');
		size_t gn = ge ? (size_t)(ge - got) : strlen(got);
		size_t wn = we ? (size_t)(we - want) : strlen(want);
		if (!(gn == wn && !memcmp(got, want, gn))) {
			bool ge_el = strstr(got, "element") && strstr(got, "element") < got + gn;
			bool we_el = strstr(want, "element") && strstr(want, "element") < want + wn;
			if (!ge_el || !we_el || !elems_equal(got, gn, want, wn))
				return 0;
		}
		got += gn + (ge ? 1 : 0);
		want += wn + (we ? 1 : 0);
	}
	return 1;
}

/* ---------------------------------------------------------------- hand-built commands */

static struct loc noloc;

static struct cmd *rule_cmd(struct fixture *f, uint32_t family, struct stmt **stmts, unsigned n)
{
	struct cmd *c = cmd_alloc(&f->arena, CMD_ADD, OBJ_RULE, &noloc);
	c->h.family = family;
	c->h.table = "t";
	c->h.chain = "c";
	c->rule = arena_alloc(&f->arena, sizeof(*c->rule));
	for (unsigned i = 0; i < n; i++)
		stmt_list_add(&f->arena, &c->rule->stmts, stmts[i]);
	return c;
}

/* Lower a one-statement rule and compare its bytecode lines. */
static void expect_stmt(const char *name, uint32_t family, struct stmt *s, const char *want)
{
	struct fixture f;
	fx_init(&f);
	struct lowered_list out = { 0 };
	struct writer w, b;
	writer_init_mem(&w);
	writer_init_mem(&b);
	struct stmt *v[1] = { s };
	int r = fx_lower(&f, rule_cmd(&f, family, v, 1), &out);
	if (r < 0) {
		check(0, name);
		if (f.errs.n)
			printf("# error: %s\n", f.errs.items[0].msg);
	} else {
		bracket_lines(debug_text(&out, 0, &w), &b);
		int ok = !strcmp(wr_cstr(&b), want);
		check(ok, name);
		if (!ok)
			printf("# got:\n%s# want:\n%s", wr_cstr(&b), want);
	}
	writer_free(&w);
	writer_free(&b);
	fx_free(&f);
}

static void expect_stmt_error(const char *name, uint32_t family, struct stmt *s,
			      const char *msg)
{
	struct fixture f;
	fx_init(&f);
	struct lowered_list out = { 0 };
	struct stmt *v[1] = { s };
	int r = fx_lower(&f, rule_cmd(&f, family, v, 1), &out);
	int ok = r < 0 && f.errs.n == 1 && strstr(f.errs.items[0].msg, msg);
	check(ok, name);
	if (!ok)
		printf("# r=%d errors=%u %s\n", r, f.errs.n, f.errs.n ? f.errs.items[0].msg : "");
	fx_free(&f);
}

static struct arena scratch;

static struct stmt *mk(enum stmt_kind k)
{
	return stmt_alloc(&scratch, k, &noloc);
}

static void test_simple_stmts(void)
{
	struct stmt *s = mk(STMT_COUNTER);
	expect_stmt("counter", NFPROTO_IPV4, s, "[ counter pkts 0 bytes 0 ]\n");
	s = mk(STMT_COUNTER);
	s->counter.packets = 2;
	s->counter.bytes = 1;
	expect_stmt("counter packets 2 bytes 1", NFPROTO_IPV4, s, "[ counter pkts 2 bytes 1 ]\n");

	s = mk(STMT_LOG);
	expect_stmt("log", NFPROTO_IPV4, s, "[ log ]\n");
	s = mk(STMT_LOG);
	s->log.level = 8;
	s->log.present = 1u << NFTA_LOG_LEVEL;
	expect_stmt("log level audit", NFPROTO_IPV4, s, "[ log level 8 ]\n");
	s = mk(STMT_LOG);
	s->log.prefix = "aaaaa-aaaaaa";
	s->log.group = 2;
	s->log.snaplen = 33;
	s->log.present = (1u << NFTA_LOG_PREFIX) | (1u << NFTA_LOG_GROUP) |
			 (1u << NFTA_LOG_SNAPLEN);
	expect_stmt("log prefix group snaplen", NFPROTO_IPV4, s,
		    "[ log prefix aaaaa-aaaaaa group 2 snaplen 33 qthreshold 0 ]\n");
	s = mk(STMT_LOG);
	s->log.logflags = 0x2f;
	s->log.present = 1u << NFTA_LOG_FLAGS;
	expect_stmt("log flags all", NFPROTO_IPV4, s, "[ log tcpseq tcpopt ipopt uid macdecode ]\n");
	s = mk(STMT_LOG);
	s->log.level = 8;
	s->log.prefix = "foo";
	s->log.present = (1u << NFTA_LOG_LEVEL) | (1u << NFTA_LOG_PREFIX);
	expect_stmt_error("log level audit prefix: error", NFPROTO_IPV4, s, "audit");
	s = mk(STMT_LOG);
	s->log.level = 0;
	s->log.group = 2;
	s->log.present = (1u << NFTA_LOG_LEVEL) | (1u << NFTA_LOG_GROUP);
	expect_stmt_error("log level emerg group 2: error", NFPROTO_IPV4, s, "group");

	s = mk(STMT_LIMIT);
	s->limit.rate = 400;
	s->limit.unit = 60;
	s->limit.type = NFT_LIMIT_PKTS;
	expect_stmt("limit rate 400/minute", NFPROTO_IPV4, s,
		    "[ limit rate 400/minute burst 5 type packets flags 0x0 ]\n");
	s = mk(STMT_LIMIT);
	s->limit.rate = 1049600;
	s->limit.unit = 1;
	s->limit.burst = 1047552;
	s->limit.type = NFT_LIMIT_PKT_BYTES;
	s->limit.flags = NFT_LIMIT_F_INV;
	expect_stmt("limit rate over 1025 kbytes/second burst 1023 kbytes", NFPROTO_IPV4, s,
		    "[ limit rate 1049600/second burst 1047552 type bytes flags 0x1 ]\n");

	s = mk(STMT_QUOTA);
	s->quota.bytes = 1024;
	s->quota.flags = NFT_QUOTA_F_INV;
	expect_stmt("quota over 1 kbytes", NFPROTO_IPV4, s,
		    "[ quota bytes 1024 consumed 0 flags 1 ]\n");

	s = mk(STMT_QUEUE);
	s->queue.num = 4;
	s->queue.total = 2;
	s->queue.flags = NFT_QUEUE_FLAG_BYPASS | NFT_QUEUE_FLAG_CPU_FANOUT;
	expect_stmt("queue num 4-5 fanout bypass", NFPROTO_IPV4, s,
		    "[ queue num 4-5 bypass fanout ]\n");
	s = mk(STMT_QUEUE);
	expect_stmt("queue", NFPROTO_IPV4, s, "[ queue num 0 ]\n");

	s = mk(STMT_NOTRACK);
	expect_stmt("notrack", NFPROTO_IPV4, s, "[ notrack ]\n");

	s = mk(STMT_VERDICT);
	s->expr = expr_alloc(&scratch, EXPR_VERDICT, &noloc);
	s->expr->verdict.code = NF_ACCEPT;
	expect_stmt("accept", NFPROTO_IPV4, s, "[ immediate reg 0 accept ]\n");
	s = mk(STMT_VERDICT);
	s->expr = expr_alloc(&scratch, EXPR_VERDICT, &noloc);
	s->expr->verdict.code = NFT_JUMP;
	s->expr->verdict.chain = "foo";
	expect_stmt("jump foo", NFPROTO_IPV4, s, "[ immediate reg 0 jump -> foo ]\n");

	s = mk(STMT_OBJREF);
	s->objref.type = NFT_OBJECT_COUNTER;
	s->objref.name = expr_symbol(&scratch, &noloc, "cnt2", false);
	expect_stmt("counter name cnt2", NFPROTO_IPV4, s, "[ objref type 1 name cnt2 ]\n");
}

static void test_reject_nat(void)
{
	struct stmt *s = mk(STMT_REJECT);
	s->reject.type = -1;
	s->reject.icmp_code = -1;
	expect_stmt("ip reject", NFPROTO_IPV4, s, "[ reject type 0 code 3 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = -1;
	s->reject.icmp_code = -1;
	expect_stmt("ip6 reject", NFPROTO_IPV6, s, "[ reject type 0 code 4 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = -1;
	s->reject.icmp_code = -1;
	expect_stmt("inet reject", NFPROTO_INET, s, "[ reject type 2 code 1 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = NFT_REJECT_TCP_RST;
	s->reject.icmp_code = -1;
	expect_stmt("ip reject with tcp reset", NFPROTO_IPV4, s,
		    "[ meta load l4proto => reg 1 ]\n[ cmp eq reg 1 0x00000006 ]\n"
		    "[ reject type 1 code 0 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = NFT_REJECT_ICMP_UNREACH;
	s->reject.family = NFPROTO_IPV4;
	s->reject.icmp_code = -1;
	s->reject.code_expr = expr_symbol(&scratch, &noloc, "host-unreachable", false);
	expect_stmt("inet reject with icmp host-unreachable", NFPROTO_INET, s,
		    "[ meta load nfproto => reg 1 ]\n[ cmp eq reg 1 0x00000002 ]\n"
		    "[ reject type 0 code 1 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = NFT_REJECT_ICMP_UNREACH;
	s->reject.family = NFPROTO_IPV4;
	s->reject.icmp_code = -1;
	s->reject.code_expr = expr_symbol(&scratch, &noloc, "net-unreachable", false);
	expect_stmt("bridge reject with icmp net-unreachable", NFPROTO_BRIDGE, s,
		    "[ meta load protocol => reg 1 ]\n[ cmp eq reg 1 0x00000008 ]\n"
		    "[ reject type 0 code 0 ]\n");
	s = mk(STMT_REJECT);
	s->reject.type = NFT_REJECT_ICMP_UNREACH;
	s->reject.family = NFPROTO_IPV6;
	s->reject.icmp_code = -1;
	s->reject.code_expr = expr_symbol(&scratch, &noloc, "no-route", false);
	expect_stmt_error("ip reject with icmpv6: error", NFPROTO_IPV4, s,
			  "conflicting protocols");

	s = mk(STMT_NAT);
	s->nat.type = NAT_MASQ;
	s->nat.flags = NF_NAT_RANGE_PROTO_RANDOM | NF_NAT_RANGE_PERSISTENT |
		       NF_NAT_RANGE_PROTO_RANDOM_FULLY;
	expect_stmt("masquerade random,fully-random,persistent", NFPROTO_IPV4, s,
		    "[ masq flags 0x1c ]\n");
	s = mk(STMT_NAT);
	s->nat.type = NAT_REDIR;
	expect_stmt("redirect", NFPROTO_IPV6, s, "[ redir ]\n");
	s = mk(STMT_NAT);
	s->nat.type = NAT_SNAT;
	s->nat.addr = expr_symbol(&scratch, &noloc, "192.168.3.2", false);
	expect_stmt("snat to 192.168.3.2", NFPROTO_IPV4, s,
		    "[ immediate reg 1 0x0203a8c0 ]\n[ nat snat ip addr_min reg 1 ]\n");
	s = mk(STMT_NAT);
	s->nat.type = NAT_DNAT;
	s->nat.addr = expr_bin(&scratch, EXPR_RANGE, &noloc,
			       expr_symbol(&scratch, &noloc, "192.168.3.15", false), 0,
			       expr_symbol(&scratch, &noloc, "192.168.3.240", false));
	expect_stmt("dnat to range", NFPROTO_IPV4, s,
		    "[ immediate reg 1 0x0f03a8c0 ]\n[ immediate reg 2 0xf003a8c0 ]\n"
		    "[ nat dnat ip addr_min reg 1 addr_max reg 2 ]\n");
	s = mk(STMT_NAT);
	s->nat.type = NAT_SNAT;
	s->nat.addr = expr_symbol(&scratch, &noloc, "192.168.3.2", false);
	expect_stmt_error("inet snat without family: error", NFPROTO_INET, s,
			  "specify `snat ip' or 'snat ip6' in inet table to disambiguate");
	s = mk(STMT_NAT);
	s->nat.type = NAT_REDIR;
	s->nat.proto = expr_symbol(&scratch, &noloc, "1234", false);
	expect_stmt_error("redirect to :1234 without l4 match: error", NFPROTO_IPV4, s,
			  "transport protocol mapping");
}

/* ---------------------------------------------------------------- objects */

static int bytes_eq(const uint8_t *p, uint32_t n, const uint8_t *want, uint32_t wn)
{
	return p && n == wn && !memcmp(p, want, n);
}

static void test_objects(void)
{
	struct fixture f;
	fx_init(&f);
	struct lowered_list out = { 0 };

	struct cmd *c = cmd_alloc(&f.arena, CMD_ADD, OBJ_TABLE, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->table = arena_alloc(&f.arena, sizeof(*c->table));
	c->table->comment = "tc";
	int r = fx_lower(&f, c, &out);
	static const uint8_t tc[] = { 0x00, 0x03, 't', 'c', 0 };
	check(r == 0 && out.n == 1 && out.v[0].msg_type == NFT_MSG_NEWTABLE &&
	      out.v[0].nlm_flags == 0 &&
	      bytes_eq(out.v[0].table->udata, out.v[0].table->udata_len, tc, sizeof(tc)),
	      "add table with comment: NEWTABLE, no flags, comment TLV as nft");

	c = cmd_alloc(&f.arena, CMD_CREATE, OBJ_TABLE, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t2";
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].nlm_flags == NLM_F_EXCL, "create table: EXCL");

	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.chain = "c";
	c->chain = arena_alloc(&f.arena, sizeof(*c->chain));
	c->chain->type = "filter";
	c->chain->hook = "input";
	c->chain->prio = expr_symbol(&f.arena, &noloc, "filter + 10", false);
	c->chain->policy = expr_symbol(&f.arena, &noloc, "drop", false);
	r = fx_lower(&f, c, &out);
	struct nl_chain *ch = out.v[out.n - 1].chain;
	check(r == 0 && ch->has_hook && ch->hooknum == 1 && ch->prio == 10 &&
	      !strcmp(ch->type, "filter") && ch->policy == NF_DROP &&
	      (ch->present & (1u << NFTA_CHAIN_POLICY)),
	      "base chain: hook input, priority filter + 10, policy drop");

	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_BRIDGE;
	c->h.table = "b";
	c->h.chain = "c";
	c->chain = arena_alloc(&f.arena, sizeof(*c->chain));
	c->chain->type = "filter";
	c->chain->hook = "output";
	c->chain->prio = expr_symbol(&f.arena, &noloc, "out", false);
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].chain->prio == 100, "bridge priority out = 100");

	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.chain = "c3";
	c->chain = arena_alloc(&f.arena, sizeof(*c->chain));
	c->chain->type = "filter";
	c->chain->hook = "forward";
	c->chain->prio = expr_symbol(&f.arena, &noloc, "dstnat", false);
	r = fx_lower(&f, c, &out);
	check(r < 0 && f.errs.n && strstr(f.errs.items[f.errs.n - 1].msg, "invalid priority"),
	      "priority dstnat in forward: error");

	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_NETDEV;
	c->h.table = "n";
	c->h.chain = "c";
	c->chain = arena_alloc(&f.arena, sizeof(*c->chain));
	c->chain->type = "filter";
	c->chain->hook = "ingress";
	c->chain->prio = expr_symbol(&f.arena, &noloc, "0", false);
	r = fx_lower(&f, c, &out);
	check(r < 0 && strstr(f.errs.items[f.errs.n - 1].msg, "Missing `device'"),
	      "netdev chain without device: error");

	/* set s { type ipv4_addr; flags interval; auto-merge; comment "sc"; } */
	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_SET, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.set = "s";
	c->set = arena_alloc(&f.arena, sizeof(*c->set));
	c->set->name = "s";
	c->set->key = expr_symbol(&f.arena, &noloc, "ipv4_addr", false);
	c->set->flags = NFT_SET_INTERVAL;
	c->set->auto_merge = true;
	c->set->comment = "sc";
	r = fx_lower(&f, c, &out);
	static const uint8_t sud[] = { 0, 4, 2, 0, 0, 0, 2, 4, 1, 0, 0, 0, 7, 3, 's', 'c', 0 };
	struct nl_set *st = r == 0 ? out.v[out.n - 1].set : NULL;
	check(st && st->key_type == 7 && st->key_len == 4 && st->flags == NFT_SET_INTERVAL &&
	      bytes_eq(st->udata, st->udata_len, sud, sizeof(sud)),
	      "set with interval/auto-merge/comment: types and userdata as nft");

	/* map f { type ifname : verdict; flags constant; } */
	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_MAP, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.set = "f";
	c->set = arena_alloc(&f.arena, sizeof(*c->set));
	c->set->name = "f";
	c->set->is_map = true;
	c->set->key = expr_symbol(&f.arena, &noloc, "ifname", false);
	c->set->data = expr_symbol(&f.arena, &noloc, "verdict", false);
	c->set->flags = NFT_SET_CONSTANT;
	r = fx_lower(&f, c, &out);
	static const uint8_t mud[] = { 0, 4, 1, 0, 0, 0, 1, 4, 0, 0, 0, 0, 6, 4, 0, 0, 0, 0 };
	st = r == 0 ? out.v[out.n - 1].set : NULL;
	check(st && st->key_type == 41 && st->key_len == 16 && st->flags == 0x0a &&
	      st->data_type == NFT_DATA_VERDICT && st->data_len == 0 &&
	      bytes_eq(st->udata, st->udata_len, mud, sizeof(mud)),
	      "verdict map: flags, types and userdata as nft");

	/* set b { type ipv4_addr . inet_service; flags interval; } */
	c = cmd_alloc(&f.arena, CMD_ADD, OBJ_SET, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.set = "b";
	c->set = arena_alloc(&f.arena, sizeof(*c->set));
	c->set->name = "b";
	c->set->key = expr_alloc(&f.arena, EXPR_CONCAT, &noloc);
	expr_list_add(&f.arena, &c->set->key->list, expr_symbol(&f.arena, &noloc, "ipv4_addr", 0));
	expr_list_add(&f.arena, &c->set->key->list,
		      expr_symbol(&f.arena, &noloc, "inet_service", 0));
	c->set->flags = NFT_SET_INTERVAL;
	r = fx_lower(&f, c, &out);
	static const uint8_t cud[] = { 0, 4, 0, 0, 0, 0, 3, 8, 0, 4, 13, 0, 0, 0, 1, 0 };
	st = r == 0 ? out.v[out.n - 1].set : NULL;
	check(st && st->key_type == 0x1cd && st->key_len == 8 && st->flags == 0x84 &&
	      st->nfields == 2 && st->field_len[0] == 4 && st->field_len[1] == 2 &&
	      bytes_eq(st->udata, st->udata_len, cud, sizeof(cud)),
	      "interval concat set: concat flag, field lengths, userdata as nft");

	c = cmd_alloc(&f.arena, CMD_FLUSH, OBJ_RULESET, &noloc);
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].msg_type == NFT_MSG_DELTABLE &&
	      out.v[out.n - 1].table->family == 0 && !out.v[out.n - 1].table->name,
	      "flush ruleset: DELTABLE, family unspec, no name");

	c = cmd_alloc(&f.arena, CMD_FLUSH, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.chain = "c";
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].msg_type == NFT_MSG_DELRULE &&
	      !strcmp(out.v[out.n - 1].rule->chain, "c"), "flush chain: DELRULE table+chain");

	c = cmd_alloc(&f.arena, CMD_FLUSH, OBJ_SET, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.set = "s";
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].msg_type == NFT_MSG_DELSETELEM &&
	      out.v[out.n - 1].set->nelems == 0, "flush set: DELSETELEM without elements");

	c = cmd_alloc(&f.arena, CMD_DELETE, OBJ_RULE, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.chain = "c";
	c->h.handle = 5;
	c->h.has_handle = true;
	r = fx_lower(&f, c, &out);
	check(r == 0 && out.v[out.n - 1].msg_type == NFT_MSG_DELRULE &&
	      out.v[out.n - 1].rule->prog.handle == 5, "delete rule handle 5");

	struct stmt *sv[2];
	sv[0] = mk(STMT_COUNTER);
	c = rule_cmd(&f, NFPROTO_IPV4, sv, 1);
	c->op = CMD_INSERT;
	c->h.position = 7;
	c->h.has_position = true;
	c->rule->comment = "rc";
	r = fx_lower(&f, c, &out);
	static const uint8_t rud[] = { 0, 3, 'r', 'c', 0 };
	struct lowered *l = &out.v[out.n - 1];
	check(r == 0 && l->msg_type == NFT_MSG_NEWRULE && l->nlm_flags == NLM_F_CREATE &&
	      l->rule->prog.position == 7 &&
	      bytes_eq(l->rule->prog.udata, l->rule->prog.udata_len, rud, sizeof(rud)),
	      "insert rule position 7 with comment");

	c = cmd_alloc(&f.arena, CMD_RENAME, OBJ_CHAIN, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.chain = "c";
	c->new_name = "d";
	r = fx_lower(&f, c, &out);
	l = &out.v[out.n - 1];
	check(r == 0 && l->msg_type == NFT_MSG_NEWCHAIN && l->chain->handle == 4 &&
	      !strcmp(l->chain->name, "d") && (l->chain->present & (1u << NFTA_CHAIN_HANDLE)),
	      "rename chain: NEWCHAIN with handle and new name");

	sv[0] = mk(STMT_COUNTER);
	c = rule_cmd(&f, NFPROTO_IPV4, sv, 1);
	c->h.index = 1;
	c->h.has_index = true;
	r = fx_lower(&f, c, &out);
	l = &out.v[out.n - 1];
	check(r == 0 && l->nlm_flags == (NLM_F_CREATE | NLM_F_APPEND) &&
	      l->rule->prog.position == 11, "add rule index 1: position of the second rule");

	sv[0] = mk(STMT_VERDICT);
	sv[0]->expr = expr_alloc(&f.arena, EXPR_VERDICT, &noloc);
	sv[0]->expr->verdict.code = NF_ACCEPT;
	sv[1] = mk(STMT_COUNTER);
	c = rule_cmd(&f, NFPROTO_IPV4, sv, 2);
	r = fx_lower(&f, c, &out);
	check(r < 0 && strstr(f.errs.items[f.errs.n - 1].msg, "terminal statement"),
	      "statement after accept: error");
	fx_free(&f);
}

/* ---------------------------------------------------------------- the vector driver */

static const char *const driver_files[] = {
	"any/counter.t", "any/log.t", "any/limit.t", "any/quota.t", "any/queue.t",
	"ip/snat.t", "ip/dnat.t", "ip/masquerade.t", "ip/redirect.t", "ip6/snat.t",
	"ip6/dnat.t", "ip6/masquerade.t", "ip6/redirect.t", "inet/snat.t", "inet/dnat.t",
	"ip/reject.t", "ip6/reject.t", "inet/reject.t", "bridge/reject.t", "netdev/reject.t",
	"any/ct.t", "ip/objects.t", "any/last.t", "ip/dup.t", "netdev/dup.t", "netdev/fwd.t",
	"ip/tproxy.t", "inet/tproxy.t", "inet/synproxy.t", "ip/sets.t", "inet/sets.t",
	"any/meta.t", "ip/ip.t", "ip6/ip6.t", "inet/udp.t", "inet/tcp.t", "bridge/vlan.t",
	"bridge/ether.t", "any/rawpayload.t", "arp/arp.t", "any/tcpopt.t", NULL,
};

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, fp);
	b[got] = 0;
	fclose(fp);
	return b;
}

/* The payload block of `rule` in a .payload file text, or NULL. */
static char *payload_of(const char *text, const char *rule)
{
	if (!text)
		return NULL;
	const char *p = text;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 2 && p[0] == '#' && p[1] == ' ') {
			const char *r = p + 2;
			size_t rn = n - 2;
			while (rn && (r[rn - 1] == ' ' || r[rn - 1] == '\r'))
				rn--;
			if (rn == strlen(rule) && !memcmp(r, rule, rn)) {
				const char *start = e ? e + 1 : p + n;
				const char *q = start;
				while (*q && !(q[0] == '#' && q[1] == ' '))
					q = strchr(q, '\n') ? strchr(q, '\n') + 1 : q + strlen(q);
				return strndup(start, (size_t)(q - start));
			}
		}
		p = e ? e + 1 : NULL;
	}
	return NULL;
}

static const char *conformance_dir(void)
{
	static const char *const dirs[] = { "../shared/conformance/py",
		"../shared/conformance/py", "../../shared/conformance/py", NULL };
	const char *env = getenv("NFTC_CONFORMANCE_PY");
	if (env)
		return env;
	for (int i = 0; dirs[i]; i++) {
		char p[512];
		snprintf(p, sizeof(p), "%s/any/counter.t", dirs[i]);
		FILE *fp = fopen(p, "r");
		if (fp) {
			fclose(fp);
			return dirs[i];
		}
	}
	return NULL;
}

/* A `!name type ...` line → the set/map declaration command text. */
static void set_decl_text(const char *spec, const char *fam, const char *table, char *out,
			  size_t cap)
{
	char name[64] = "", rest[512] = "";
	sscanf(spec, "%63s %511[^\n]", name, rest);
	const char *kind = strstr(rest, " : ") ? "map" : "set";
	char body[512];
	snprintf(body, sizeof(body), "%s", rest);
	char *fl = strstr(body, " flags ");
	char *to = strstr(body, " timeout ");
	char extra[256] = "";
	if (fl) {
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), "flags %s; ", fl + 7);
		*fl = 0;
	}
	if (to) {
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), "timeout %s; ",
			 to + 9);
		*to = 0;
	}
	snprintf(out, cap, "add %s %s %s %s { %s; %s}\n", kind, fam, table, name, body, extra);
}

struct driver_stats {
	unsigned total, passed;
};

static int driver_family(const char *name, uint32_t *fam)
{
	return family_by_name(name, fam);
}

static void driver_one(const char *dir, const char *file, struct driver_stats *st)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	char *t = slurp(path);
	if (!t)
		return;
	snprintf(path, sizeof(path), "%s/%s.payload", dir, file);
	char *generic = slurp(path);

	/* collect chains, tables, setup and rule lines */
	char *chains[32][2];
	unsigned nchains = 0;
	char *tables[8][3];
	unsigned ntables = 0;
	char *lines[512];
	unsigned nlines = 0;
	for (char *save = NULL, *ln = strtok_r(t, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		if (!*ln || ln[0] == '#' || ln[0] == '-')
			continue;
		if (ln[0] == ':' && nchains < 32) {
			char *semi = strchr(ln, ';');
			if (!semi)
				continue;
			*semi = 0;
			chains[nchains][0] = ln + 1;
			chains[nchains++][1] = semi + 1;
		} else if (ln[0] == '*' && ntables < 8) {
			char *a = ln + 1, *b = strchr(a, ';');
			if (!b)
				continue;
			*b++ = 0;
			char *c = strchr(b, ';');
			if (!c)
				continue;
			*c++ = 0;
			tables[ntables][0] = a;
			tables[ntables][1] = b;
			tables[ntables++][2] = c;
		} else if (nlines < 512) {
			lines[nlines++] = ln;
		}
	}
	unsigned f_total = 0, f_pass = 0;
	for (unsigned ti = 0; ti < ntables; ti++) {
		const char *fam = tables[ti][0], *tname = tables[ti][1];
		char first_chain[64];
		snprintf(first_chain, sizeof(first_chain), "%s", tables[ti][2]);
		char *comma = strchr(first_chain, ',');
		if (comma)
			*comma = 0;
		uint32_t family;
		if (driver_family(fam, &family) < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s.payload.%s", dir, file, fam);
		char *perfam = slurp(path);
		const char *chain_cfg = "";
		for (unsigned ci = 0; ci < nchains; ci++)
			if (!strcmp(chains[ci][0], first_chain))
				chain_cfg = chains[ci][1];
		char setup[8192];
		snprintf(setup, sizeof(setup), "add table %s %s\nadd chain %s %s %s { %s; }\n", fam,
			 tname, fam, tname, first_chain, chain_cfg);
		for (unsigned li = 0; li < nlines; li++) {
			char *ln = lines[li];
			if (ln[0] == '!' || ln[0] == '?' || ln[0] == '%') {
				char *semi = strrchr(ln, ';');
				if (semi && (!strcmp(semi, ";ok") || !strcmp(semi, ";fail")))
					*semi = 0;
			}
			if (ln[0] == '!') {
				char d[1024];
				set_decl_text(ln + 1, fam, tname, d, sizeof(d));
				strncat(setup, d, sizeof(setup) - strlen(setup) - 1);
				continue;
			}
			if (ln[0] == '?') {
				char name[64] = "", el[900] = "";
				sscanf(ln + 1, "%63s %899[^\n]", name, el);
				char d[1100];
				snprintf(d, sizeof(d), "add element %s %s %s { %s }\n", fam, tname,
					 name, el);
				strncat(setup, d, sizeof(setup) - strlen(setup) - 1);
				continue;
			}
			if (ln[0] == '%')
				continue;
			/* RULE;ok[;LISTING] or RULE;fail */
			char rule[1024];
			snprintf(rule, sizeof(rule), "%s", ln);
			char *semi = strchr(rule, ';');
			if (!semi)
				continue;
			*semi = 0;
			int want_ok = !strncmp(semi + 1, "ok", 2);
			char *want = payload_of(perfam, rule);
			if (!want)
				want = payload_of(generic, rule);

			struct fixture fx;
			fx_init(&fx);
			struct parse_ctx pc = { .arena = &fx.arena, .errs = &fx.errs };
			char *text = arena_printf(&fx.arena, "%sadd rule %s %s %s %s\n", setup, fam,
						  tname, first_chain, rule);
			struct source *src = arena_alloc(&fx.arena, sizeof(*src));
			src->name = "<driver>";
			src->text = text;
			src->len = strlen(text);
			struct cmd_list cl = { 0 };
			int ok;
			struct lowered_list out = { 0 };
			struct writer w, b1, b2;
			writer_init_mem(&w);
			writer_init_mem(&b1);
			writer_init_mem(&b2);
			if (parse_source(&pc, src, &cl) < 0 || cl.n == 0) {
				ok = !want_ok;
				if (!ok && getenv("LOWER_STMT_VERBOSE"))
					printf("# %s [%s] %s: parse error: %s\n", file, fam, rule,
					       fx.errs.n ? fx.errs.items[0].msg : "");
			} else {
				int r = 0;
				for (uint32_t i = 0; i + 1 < cl.n; i++)
					fx_lower(&fx, cl.v[i], &out);
				uint32_t from = out.n;
				unsigned errs_before = fx.errs.n;
				r = fx_lower(&fx, cl.v[cl.n - 1], &out);
				if (!want_ok) {
					ok = r < 0;
					if (!ok && getenv("LOWER_STMT_VERBOSE"))
						printf("# %s [%s] %s: accepted, should fail\n", file,
						       fam, rule);
				} else if (r < 0 || fx.errs.n > errs_before) {
					ok = 0;
				} else if (!want) {
					ok = 1;
				} else {
					bracket_lines(debug_text(&out, from, &w), &b1);
					bracket_lines(want, &b2);
					ok = payload_equal(wr_cstr(&b1), wr_cstr(&b2));
					if (!ok && getenv("LOWER_STMT_VERBOSE"))
						printf("# %s [%s] %s\n# got:\n%s# want:\n%s", file, fam,
						       rule, wr_cstr(&b1), wr_cstr(&b2));
				}
				if (!ok && getenv("LOWER_STMT_VERBOSE") && fx.errs.n > errs_before)
					printf("# %s [%s] %s: error: %s\n", file, fam, rule,
					       fx.errs.items[fx.errs.n - 1].msg);
			}
			f_total++;
			f_pass += ok;
			writer_free(&w);
			writer_free(&b1);
			writer_free(&b2);
			free(want);
			fx_free(&fx);
		}
		free(perfam);
	}
	printf("# driver %s: %u/%u\n", file, f_pass, f_total);
	st->total += f_total;
	st->passed += f_pass;
	free(t);
	free(generic);
}

/* LOWER_STMT_ALL=1: every .t file of every family folder, for triage. */
static void driver_all(const char *dir, struct driver_stats *st)
{
	static const char *const fams[] = { "any", "arp", "bridge", "inet", "ip", "ip6",
					    "netdev", NULL };
	for (int f = 0; fams[f]; f++) {
		char d[600];
		snprintf(d, sizeof(d), "%s/%s", dir, fams[f]);
		DIR *dp = opendir(d);
		if (!dp)
			continue;
		struct dirent *de;
		while ((de = readdir(dp))) {
			size_t n = strlen(de->d_name);
			if (n < 3 || strcmp(de->d_name + n - 2, ".t"))
				continue;
			char rel[600];
			snprintf(rel, sizeof(rel), "%s/%s", fams[f], de->d_name);
			driver_one(dir, rel, st);
		}
		closedir(dp);
	}
}

static void test_driver(void)
{
	const char *dir = conformance_dir();
	if (!dir) {
		printf("ok %d - conformance driver # SKIP vectors not found\n", ++ntests);
		return;
	}
	struct driver_stats st = { 0, 0 };
	if (getenv("LOWER_STMT_ALL"))
		driver_all(dir, &st);
	else
		for (int i = 0; driver_files[i]; i++)
			driver_one(dir, driver_files[i], &st);
	printf("# driver total: %u/%u statement vectors lowered as the payload files say\n",
	       st.passed, st.total);
	/* informational: the count depends on the parser and expression side too */
	printf("ok %d - conformance driver ran (%u/%u)\n", ++ntests, st.passed, st.total);
}

int main(int argc, char **argv)
{
	arena_init(&scratch, 1 << 16);
	if (argc > 1 && !strcmp(argv[1], "--driver-only")) {
		test_driver();
		arena_free(&scratch);
		return 0;
	}
	test_simple_stmts();
	test_reject_nat();
	test_objects();
	test_driver();
	arena_free(&scratch);
	printf("# %d tests, %d failed\n", ntests, nfailed);
	return nfailed ? 1 : 0;
}
