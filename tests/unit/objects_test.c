/* Unit test of named objects and flowtables: hand-built declarations are lowered
 * (eval_obj.c), encoded and decoded (object_rows.c, obj_codec.c) and printed
 * (print_obj.c); the text must be what `nft list` shows. With NFTC_LIVE=1 (inside a
 * private network namespace only) the objects are also committed to the kernel,
 * dumped back and printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval/eval.h"
#include "eval/eval_obj.h"
#include "netlink/netlink.h"
#include "netlink/obj_data.h"
#include "ast/print_obj.h"
#include "lift/lift.h"
#include "util/diag.h"

static int test_no;
static int failures;

static void report(bool ok, const char *name)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++test_no, name);
	if (!ok)
		failures++;
}

static struct arena A;
static struct diag_list errs;
static const struct loc noloc;

static struct cmd *obj_cmd(enum cmd_op op, enum cmd_obj obj, uint32_t type, const char *name)
{
	struct cmd *c = cmd_alloc(&A, op, obj, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->h.set = name;
	c->objdecl = arena_alloc(&A, sizeof(*c->objdecl));
	memset(c->objdecl, 0, sizeof(*c->objdecl));
	c->objdecl->name = name;
	c->objdecl->type = type;
	return c;
}

static struct stmt *st(enum stmt_kind k)
{
	return stmt_alloc(&A, k, &noloc);
}

static struct expr *mapping(const char *state, const char *val)
{
	return expr_bin(&A, EXPR_MAPPING, &noloc, expr_symbol(&A, &noloc, state, false), 0,
			expr_symbol(&A, &noloc, val, false));
}

struct obj_case {
	const char *name;
	struct cmd *cmd;
	const char *want;
};

/* lower → encode → decode → print */
static struct nl_obj *roundtrip(struct cmd *c, const char **text, struct lowered_list *all)
{
	struct eval_ctx ec = { .arena = &A, .errs = &errs };
	struct lowered_list out = { 0 };
	static struct writer w;
	if (eval_lower_cmd(&ec, c, &out) < 0 || out.n != 1 || out.v[0].kind != LOWERED_OBJ)
		return NULL;
	if (all) {
		all->v = arena_grow(&A, all->v, all->n, all->n + 1, sizeof(*all->v));
		all->v[all->n++] = out.v[0];
	}
	struct nl_buf b;
	nlbuf_init(&b);
	nl_encode(&b, NL_OBJ, out.v[0].obj);
	struct nl_obj *back = arena_alloc(&A, sizeof(*back));
	int r = nl_decode(&A, NL_OBJ, b.p, b.len, NFPROTO_IPV4, back);
	nlbuf_free(&b);
	if (r < 0)
		return NULL;
	writer_free(&w);
	writer_init_mem(&w);
	static const struct print_opts po;
	print_obj(lift_obj(&A, back), &po, &w);
	*text = wr_cstr(&w);
	return back;
}

static struct cmd *cases_build(int i)
{
	struct cmd *c;
	struct stmt *s;
	switch (i) {
	case 0:
		c = obj_cmd(CMD_ADD, OBJ_COUNTER, NFT_OBJECT_COUNTER, "c");
		s = st(STMT_COUNTER);
		s->counter.packets = 1;
		s->counter.bytes = 2;
		c->objdecl->stmt = s;
		c->objdecl->comment = "hi";
		return c;
	case 1:
		c = obj_cmd(CMD_ADD, OBJ_QUOTA, NFT_OBJECT_QUOTA, "q");
		s = st(STMT_QUOTA);
		s->quota.bytes = 25 * 1024 * 1024;
		s->quota.flags = NFT_QUOTA_F_INV;
		s->quota.used = 10;
		c->objdecl->stmt = s;
		return c;
	case 2:
		c = obj_cmd(CMD_ADD, OBJ_LIMIT, NFT_OBJECT_LIMIT, "l");
		s = st(STMT_LIMIT);
		s->limit.rate = 1024;
		s->limit.unit = 1;
		s->limit.burst = 512;
		s->limit.type = NFT_LIMIT_PKT_BYTES;
		s->limit.flags = NFT_LIMIT_F_INV;
		c->objdecl->stmt = s;
		return c;
	case 3:
		c = obj_cmd(CMD_ADD, OBJ_LIMIT, NFT_OBJECT_LIMIT, "l2");
		s = st(STMT_LIMIT);
		s->limit.rate = 400;
		s->limit.unit = 60;
		s->limit.burst = 5;
		c->objdecl->stmt = s;
		return c;
	case 4:
		c = obj_cmd(CMD_ADD, OBJ_CT_HELPER, NFT_OBJECT_CT_HELPER, "h");
		c->objdecl->str = "ftp";
		c->objdecl->l4proto = IPPROTO_TCP;
		c->objdecl->l3proto = NFPROTO_IPV4;
		return c;
	case 5:
		c = obj_cmd(CMD_ADD, OBJ_CT_TIMEOUT, NFT_OBJECT_CT_TIMEOUT, "tt");
		c->objdecl->l4proto = IPPROTO_TCP;
		expr_list_add(&A, &c->objdecl->policy, mapping("established", "122"));
		expr_list_add(&A, &c->objdecl->policy, mapping("close", "16"));
		return c;
	case 6:
		c = obj_cmd(CMD_ADD, OBJ_CT_EXPECT, NFT_OBJECT_CT_EXPECT, "e");
		c->objdecl->l4proto = IPPROTO_TCP;
		c->objdecl->l3proto = NFPROTO_IPV4;
		c->objdecl->dport = 1234;
		c->objdecl->timeout = 120000;
		c->objdecl->size = 12;
		return c;
	case 7:
		c = obj_cmd(CMD_ADD, OBJ_SYNPROXY, NFT_OBJECT_SYNPROXY, "s");
		s = st(STMT_SYNPROXY);
		s->misc.a = 1460;
		s->misc.b = 7;
		s->misc.flags = 0x04 | 0x08;   /* sack-perm, timestamp */
		c->objdecl->stmt = s;
		return c;
	}
	return NULL;
}

static const char *const wants[] = {
	"\tcounter c {\n\t\tcomment \"hi\"\n\t\tpackets 1 bytes 2\n\t}\n",
	"\tquota q {\n\t\tover 25 mbytes used 10 bytes\n\t}\n",
	"\tlimit l {\n\t\trate over 1 kbytes/second burst 512 bytes\n\t}\n",
	"\tlimit l2 {\n\t\trate 400/minute\n\t}\n",
	"\tct helper h {\n\t\ttype \"ftp\" protocol tcp\n\t\tl3proto ip\n\t}\n",
	"\tct timeout tt {\n\t\tprotocol tcp\n\t\tl3proto ip\n\t\tpolicy = { established : 2m2s, close : 16s }\n\t}\n",
	"\tct expectation e {\n\t\tprotocol tcp\n\t\tdport 1234\n\t\ttimeout 2m\n\t\tsize 12\n\t\tl3proto ip\n\t}\n",
	"\tsynproxy s {\n\t\tmss 1460\n\t\twscale 7\n\t\ttimestamp sack-perm\n\t}\n",
};

static struct cmd *ft_cmd(void)
{
	struct cmd *c = cmd_alloc(&A, CMD_ADD, OBJ_FLOWTABLE, &noloc);
	c->h.family = NFPROTO_IPV4;
	c->h.table = "t";
	c->flowtable = arena_alloc(&A, sizeof(*c->flowtable));
	memset(c->flowtable, 0, sizeof(*c->flowtable));
	c->flowtable->name = "f";
	c->flowtable->hook = "ingress";
	c->flowtable->prio = expr_symbol(&A, &noloc, "filter + 5", false);
	expr_list_add(&A, &c->flowtable->devices, expr_symbol(&A, &noloc, "lo", false));
	return c;
}

static void test_flowtable(void)
{
	struct eval_ctx ec = { .arena = &A, .errs = &errs };
	struct lowered_list out = { 0 };
	bool ok = eval_lower_cmd(&ec, ft_cmd(), &out) == 0 && out.n == 1 &&
		  out.v[0].kind == LOWERED_FLOWTABLE;
	if (ok) {
		struct nl_buf b;
		nlbuf_init(&b);
		nl_encode(&b, NL_FLOWTABLE, out.v[0].flowtable);
		struct nl_flowtable back;
		ok = nl_decode(&A, NL_FLOWTABLE, b.p, b.len, NFPROTO_IPV4, &back) == 0;
		nlbuf_free(&b);
		if (ok) {
			struct writer w;
			writer_init_mem(&w);
			static const struct print_opts po;
			print_flowtable(lift_flowtable(&A, &back), &po, &w);
			ok = !strcmp(wr_cstr(&w), "\tflowtable f {\n\t\thook ingress priority filter + 5\n"
						  "\t\tdevices = { lo }\n\t}\n");
			if (!ok)
				fprintf(stderr, "got:\n%s", wr_cstr(&w));
			writer_free(&w);
		}
	}
	report(ok, "flowtable lower/encode/decode/print");
}

static void test_errors(void)
{
	struct eval_ctx ec = { .arena = &A, .errs = &errs };
	struct lowered_list out = { 0 };
	struct cmd *c = obj_cmd(CMD_ADD, OBJ_CT_TIMEOUT, NFT_OBJECT_CT_TIMEOUT, "bad");
	c->objdecl->l4proto = IPPROTO_UDP;
	expr_list_add(&A, &c->objdecl->policy, mapping("syn_sent", "122"));
	report(eval_lower_cmd(&ec, c, &out) < 0, "ct timeout: state of another protocol refused");
	c = obj_cmd(CMD_DELETE, OBJ_COUNTER, NFT_OBJECT_COUNTER, "c");
	c->objdecl = NULL;
	out.n = 0;
	report(eval_lower_cmd(&ec, c, &out) == 0 && out.n == 1 &&
	       out.v[0].msg_type == NFT_MSG_DELOBJ && !strcmp(out.v[0].obj->name, "c"),
	       "delete counter → DELOBJ by name");
}

static void test_debug(struct lowered_list *all)
{
	struct writer w;
	writer_init_mem(&w);
	obj_debug_print(all->v[0].obj, &w);
	bool ok = !strcmp(wr_cstr(&w), "table t name c use 0 [ counter pkts 1 bytes 2 ]\n");
	if (!ok)
		fprintf(stderr, "got: %s", wr_cstr(&w));
	report(ok, "-d netlink line of a counter");
	writer_free(&w);
}

static int live(struct lowered_list *all)
{
	struct nl_sock s;
	if (nl_sock_open(&s) < 0)
		return -1;
	struct nl_batch *b = nl_batch_new();
	struct nl_table t = { .family = NFPROTO_IPV4, .name = "t",
			      .present = 1u << NFTA_TABLE_NAME };
	nl_batch_add(b, NFT_MSG_NEWTABLE, 0, NL_TABLE, &t, 0);
	for (uint32_t i = 0; i < all->n; i++)
		nl_batch_add(b, all->v[i].msg_type, all->v[i].nlm_flags, NL_OBJ, all->v[i].obj, i + 1);
	struct nl_errors ke = { 0 };
	int r = nl_batch_commit(&s, b, &ke);
	for (unsigned i = 0; i < ke.n; i++)
		fprintf(stderr, "commit error cookie %u: %s\n", ke.v[i].cookie,
			strerror(ke.v[i].err));
	nl_errors_free(&ke);
	report(r == 0, "live: objects committed");
	nl_batch_free(b);
	struct nl_obj *objs;
	int n = nl_dump_objs(&s, &A, NFPROTO_IPV4, "t", NULL, 0, &objs);
	report(n == (int)all->n, "live: objects dumped back");
	struct writer w;
	writer_init_mem(&w);
	static const struct print_opts po;
	for (int i = 0; i < n; i++)
		print_obj(lift_obj(&A, &objs[i]), &po, &w);
	fputs(wr_cstr(&w), stdout);
	writer_free(&w);
	n = nl_dump_objs(&s, &A, NFPROTO_IPV4, "t", "q", NFT_OBJECT_QUOTA, &objs);
	report(n == 1 && !strcmp(objs[0].name, "q"), "live: one object by name");
	nl_sock_close(&s);
	return 0;
}

int main(void)
{
	arena_init(&A, 1 << 16);
	diag_list_init(&errs);
	struct lowered_list all = { 0 };
	for (int i = 0; i < (int)(sizeof(wants) / sizeof(wants[0])); i++) {
		const char *text = "";
		struct nl_obj *o = roundtrip(cases_build(i), &text, &all);
		bool ok = o && !strcmp(text, wants[i]);
		if (!ok)
			fprintf(stderr, "got:\n%s\nwant:\n%s", text, wants[i]);
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(wants[i] + 1, "{") - 1,
			 wants[i] + 1);
		report(ok, name);
	}
	test_flowtable();
	test_errors();
	if (all.n)
		test_debug(&all);
	if (getenv("NFTC_LIVE"))
		live(&all);
	printf("1..%d\n", test_no);
	return failures != 0;
}
