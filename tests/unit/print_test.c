/* Unit test of the listing printer: hand-built expressions, statements and rules, and
 * kernel objects lifted into declarations, printed and compared with what `nft list`
 * prints. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "ast/print.h"
#include "lift/lift.h"

static int test_no, failures;
static struct arena A;

static void check(const char *name, const char *got, const char *want)
{
	bool ok = !strcmp(got, want);
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++test_no, name);
	if (!ok) {
		failures++;
		printf("# got:  '%s'\n# want: '%s'\n", got, want);
	}
}

static struct expr *u32v(const struct datatype *dt, enum byteorder bo, uint32_t bits, uint64_t x)
{
	uint8_t b[8] = {0};
	uint32_t n = (bits + 7) / 8;
	for (uint32_t i = 0; i < n; i++)
		b[bo == BYTEORDER_BIG ? n - 1 - i : i] = (x >> (8 * i)) & 0xff;
	return expr_value(&A, NULL, dt, bo, bits, b);
}

static struct expr *tcp_dport(void)
{
	struct expr *e = expr_alloc(&A, EXPR_PAYLOAD, NULL);
	e->payload.proto = &proto_tcp;
	e->payload.field = proto_field_by_name(&proto_tcp, "dport");
	e->payload.base = PROTO_BASE_TRANSPORT;
	e->dtype = &dt_inet_service;
	e->byteorder = BYTEORDER_BIG;
	e->len = 16;
	return e;
}

static struct expr *elem(struct expr *k)
{
	struct expr *e = expr_alloc(&A, EXPR_SET_ELEM, NULL);
	e->elem.key = k;
	return e;
}

static struct stmt *match(struct expr *l, uint32_t op, struct expr *r)
{
	struct stmt *s = stmt_alloc(&A, STMT_EXPR, NULL);
	s->expr = expr_bin(&A, EXPR_RELATION, NULL, l, op, r);
	return s;
}

static struct stmt *verdict(int32_t code, const char *chain)
{
	struct stmt *s = stmt_alloc(&A, STMT_VERDICT, NULL);
	s->expr = expr_alloc(&A, EXPR_VERDICT, NULL);
	s->expr->verdict.code = code;
	s->expr->verdict.chain = chain;
	return s;
}

int main(void)
{
	struct writer w;
	struct print_opts po = { 0 }, stateless = { .stateless = true };
	arena_init(&A, 1 << 16);
	writer_init_mem(&w);

	/* tcp dport 22 counter packets 1 bytes 2 accept comment "hi" */
	struct rule r = { 0 };
	stmt_list_add(&A, &r.stmts, match(tcp_dport(), OP_IMPLICIT,
					  u32v(&dt_inet_service, BYTEORDER_BIG, 16, 22)));
	struct stmt *c = stmt_alloc(&A, STMT_COUNTER, NULL);
	c->counter.packets = 1;
	c->counter.bytes = 2;
	stmt_list_add(&A, &r.stmts, c);
	stmt_list_add(&A, &r.stmts, verdict(NF_ACCEPT, NULL));
	r.comment = "hi";
	r.handle = 7;
	print_rule(&r, &po, &w);
	check("rule with counter and comment", wr_cstr(&w),
	      "tcp dport 22 counter packets 1 bytes 2 accept comment \"hi\"");
	wr_reset(&w);
	struct print_opts handle = { .stateless = true, .handle = true };
	print_rule(&r, &handle, &w);
	check("rule stateless with handle", wr_cstr(&w),
	      "tcp dport 22 counter accept comment \"hi\" # handle 7");

	/* tcp dport != { 22, 23 } */
	wr_reset(&w);
	struct expr *set = expr_alloc(&A, EXPR_SET, NULL);
	expr_list_add(&A, &set->list, elem(u32v(&dt_inet_service, BYTEORDER_BIG, 16, 22)));
	expr_list_add(&A, &set->list, elem(u32v(&dt_inet_service, BYTEORDER_BIG, 16, 23)));
	print_stmt(match(tcp_dport(), OP_NEQ, set), &po, &w);
	check("anonymous set", wr_cstr(&w), "tcp dport != { 22, 23 }");

	/* tcp dport vmap { 22 : accept, 23 : jump x } */
	wr_reset(&w);
	struct expr *vset = expr_alloc(&A, EXPR_SET, NULL);
	struct stmt *v1 = verdict(NF_ACCEPT, NULL), *v2 = verdict(NFT_JUMP, "x");
	expr_list_add(&A, &vset->list, expr_bin(&A, EXPR_MAPPING, NULL,
		elem(u32v(&dt_inet_service, BYTEORDER_BIG, 16, 22)), 0, v1->expr));
	expr_list_add(&A, &vset->list, expr_bin(&A, EXPR_MAPPING, NULL,
		elem(u32v(&dt_inet_service, BYTEORDER_BIG, 16, 23)), 0, v2->expr));
	struct stmt *vm = stmt_alloc(&A, STMT_EXPR, NULL);
	vm->expr = expr_bin(&A, EXPR_MAP, NULL, tcp_dport(), 1, vset);
	print_stmt(vm, &po, &w);
	check("verdict map", wr_cstr(&w), "tcp dport vmap { 22 : accept, 23 : jump x }");

	/* ct state established,related (flag test) and tcp flags & (fin | syn) == syn */
	wr_reset(&w);
	struct expr *ct = expr_alloc(&A, EXPR_CT, NULL);
	ct->ct.key = ct_key_by_name("state");
	ct->ct.dir = -1;
	ct->dtype = &dt_ct_state;
	ct->byteorder = BYTEORDER_HOST;
	ct->len = 32;
	print_stmt(match(ct, OP_IMPLICIT, u32v(&dt_ct_state, BYTEORDER_HOST, 32, 6)), &po, &w);
	check("ct state flag list", wr_cstr(&w), "ct state established,related");

	/* meta mark & 0x3 == 0x1, iifname "lo" */
	wr_reset(&w);
	struct expr *mark = expr_alloc(&A, EXPR_META, NULL);
	mark->meta.key = meta_key_by_name("mark");
	mark->dtype = &dt_mark;
	mark->byteorder = BYTEORDER_HOST;
	mark->len = 32;
	struct expr *b = expr_bin(&A, EXPR_BINOP, NULL, mark, BINOP_AND,
				  u32v(&dt_mark, BYTEORDER_HOST, 32, 3));
	print_stmt(match(b, OP_EQ, u32v(&dt_mark, BYTEORDER_HOST, 32, 1)), &po, &w);
	check("binop relation", wr_cstr(&w), "meta mark & 0x00000003 == 0x00000001");

	/* log prefix "x" level debug, limit, counter stateless */
	wr_reset(&w);
	struct stmt *lg = stmt_alloc(&A, STMT_LOG, NULL);
	lg->log.prefix = "x";
	lg->log.level = 7;
	lg->log.present = (1u << NFTA_LOG_PREFIX) | (1u << NFTA_LOG_LEVEL);
	print_stmt(lg, &po, &w);
	check("log", wr_cstr(&w), "log prefix \"x\" level debug");
	wr_reset(&w);
	struct stmt *lim = stmt_alloc(&A, STMT_LIMIT, NULL);
	lim->limit.rate = 1024;
	lim->limit.unit = 1;
	lim->limit.burst = 3072;
	lim->limit.type = NFT_LIMIT_PKT_BYTES;
	print_stmt(lim, &po, &w);
	check("limit bytes", wr_cstr(&w), "limit rate 1 kbytes/second burst 3 kbytes");
	wr_reset(&w);
	print_stmt(c, &stateless, &w);
	check("counter stateless", wr_cstr(&w), "counter");

	/* a table with a set and two chains */
	wr_reset(&w);
	struct nl_table t = { .family = NFPROTO_IPV4, .name = "t" };
	static const uint8_t sc_udata[] = { 7, 3, 's', 'c', 0 };
	struct nl_set s = { .family = NFPROTO_IPV4, .table = "t", .name = "s",
			    .flags = NFT_SET_INTERVAL | NFT_SET_TIMEOUT, .key_type = TYPE_IPADDR,
			    .key_len = 4, .desc_size = 1000, .timeout = 3600000,
			    .udata = sc_udata, .udata_len = sizeof(sc_udata) };
	struct expr *se = expr_alloc(&A, EXPR_SET, NULL);
	uint8_t a1[4] = { 1, 2, 3, 4 }, a2[4] = { 10, 0, 0, 0 };
	expr_list_add(&A, &se->list, elem(expr_value(&A, NULL, &dt_ipaddr, BYTEORDER_BIG, 32, a1)));
	struct expr *pfx = expr_alloc(&A, EXPR_PREFIX, NULL);
	pfx->bin.left = expr_value(&A, NULL, &dt_ipaddr, BYTEORDER_BIG, 32, a2);
	pfx->bin.prefix_len = 8;
	expr_list_add(&A, &se->list, elem(pfx));
	struct listed_set ls = { lift_set_decl(&A, &s), se };
	struct nl_chain ch1 = { .family = NFPROTO_IPV4, .table = "t", .name = "c", .has_hook = true,
				.hooknum = NF_INET_LOCAL_IN, .prio = 10, .type = "filter",
				.policy = NF_DROP };
	struct nl_chain ch2 = { .family = NFPROTO_IPV4, .table = "t", .name = "n", .has_hook = true,
				.hooknum = NF_INET_POST_ROUTING, .prio = 100, .type = "nat",
				.policy = NF_ACCEPT };
	struct rule *rules[] = { &r };
	struct listed_chain lc[] = { { lift_chain(&A, &ch1), rules, 1 },
				     { lift_chain(&A, &ch2), NULL, 0 } };
	struct listed_table lt = { lift_table(&A, &t), &ls, 1, lc, 2 };
	print_table(&lt, &po, &w);
	check("table listing", wr_cstr(&w),
	      "table ip t {\n"
	      "\tset s {\n"
	      "\t\ttype ipv4_addr\n"
	      "\t\tsize 1000\n"
	      "\t\tflags interval,timeout\n"
	      "\t\ttimeout 1h\n"
	      "\t\tcomment \"sc\"\n"
	      /* a timeout set: one element a line, as nft 1.1.4 lists it */
	      "\t\telements = { 1.2.3.4,\n"
	      "\t\t\t     10.0.0.0/8 }\n"
	      "\t}\n"
	      "\n"
	      "\tchain c {\n"
	      "\t\ttype filter hook input priority filter + 10; policy drop;\n"
	      "\t\ttcp dport 22 counter packets 1 bytes 2 accept comment \"hi\"\n"
	      "\t}\n"
	      "\n"
	      "\tchain n {\n"
	      "\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
	      "\t}\n"
	      "}\n");

	/* netdev chain with one device, numeric priority */
	wr_reset(&w);
	const char *devs[] = { "lo" };
	struct nl_chain ch3 = { .family = NFPROTO_NETDEV, .table = "d", .name = "i", .has_hook = true,
				.hooknum = 0, .prio = -100, .type = "filter", .devs = devs, .ndevs = 1,
				.policy = NF_ACCEPT };
	struct listed_chain lc3 = { lift_chain(&A, &ch3), NULL, 0 };
	print_chain(&lc3, &po, &w);
	check("netdev chain", wr_cstr(&w),
	      "\tchain i {\n\t\ttype filter hook ingress device \"lo\" priority -100; policy accept;\n\t}\n");

	/* long element lists wrap five integers to a line */
	wr_reset(&w);
	struct nl_set s2 = { .name = "big", .key_type = TYPE_INET_SERVICE, .key_len = 2 };
	struct expr *se2 = expr_alloc(&A, EXPR_SET, NULL);
	for (int i = 1; i <= 7; i++)
		expr_list_add(&A, &se2->list, elem(u32v(&dt_inet_service, BYTEORDER_BIG, 16, i)));
	struct listed_set ls2 = { lift_set_decl(&A, &s2), se2 };
	print_set(&ls2, &po, &w);
	check("element wrapping", wr_cstr(&w),
	      "\tset big {\n\t\ttype inet_service\n\t\telements = { 1, 2, 3, 4, 5,\n\t\t\t     6, 7 }\n\t}\n");

	writer_free(&w);
	arena_free(&A);
	return failures ? 1 : 0;
}
