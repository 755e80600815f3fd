/* Lower and lift as inverses for tables, chains and sets with their elements (rules
 * have roundtrip_test, named objects and flowtables objects_test): each case is a
 * table as `nft list` prints it; it is parsed, evaluated and lowered into the kernel's
 * objects, each encoded and decoded as a batch message and a dump reply would be,
 * lifted back into declarations and printed. The text must come back unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval/eval.h"
#include "parser/parser.h"
#include "netlink/netlink.h"
#include "netlink/codec.h"
#include "ast/print.h"
#include "lift/lift.h"
#include "util/diag.h"

static int test_no, failures;

static void report(bool ok, const char *name, const char *got, const char *want)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++test_no, name);
	if (ok)
		return;
	failures++;
	printf("# want:\n%s# got:\n%s", want, got ? got : "(nothing)\n");
}

static const char *const cases[][2] = {
	{ "a table with flags and a comment",
	  "table inet t {\n"
	  "\tflags dormant\n"
	  "\tcomment \"the table\"\n"
	  "}\n" },
	{ "base chains of every priority kind, a regular chain",
	  "table ip t {\n"
	  "\tchain in {\n"
	  "\t\ttype filter hook input priority filter; policy drop;\n"
	  "\t}\n"
	  "\n"
	  "\tchain pre {\n"
	  "\t\ttype nat hook prerouting priority dstnat + 5; policy accept;\n"
	  "\t}\n"
	  "\n"
	  "\tchain out {\n"
	  "\t\tcomment \"routing\"\n"
	  "\t\ttype route hook output priority -123; policy accept;\n"
	  "\t}\n"
	  "\n"
	  "\tchain plain {\n"
	  "\t}\n"
	  "}\n" },
	{ "a netdev chain on a device",
	  "table netdev t {\n"
	  "\tchain ing {\n"
	  "\t\ttype filter hook ingress device \"lo\" priority filter; policy accept;\n"
	  "\t}\n"
	  "}\n" },
	{ "sets: plain, interval, timeout and size, concatenation, typeof",
	  "table ip t {\n"
	  "\tset a {\n"
	  "\t\ttype ipv4_addr\n"
	  "\t\telements = { 10.0.0.1, 10.0.0.2 }\n"
	  "\t}\n"
	  "\n"
	  "\tset r {\n"
	  "\t\ttype ipv4_addr\n"
	  "\t\tflags interval\n"
	  "\t\telements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }\n"
	  "\t}\n"
	  "\n"
	  "\tset tm {\n"
	  "\t\ttype inet_service\n"
	  "\t\tsize 128\n"
	  "\t\ttimeout 1h\n"
	  "\t\tgc-interval 10s\n"
	  "\t}\n"
	  "\n"
	  "\tset c {\n"
	  "\t\ttype ipv4_addr . inet_proto . inet_service\n"
	  "\t\telements = { 10.0.0.1 . tcp . 22 }\n"
	  "\t}\n"
	  "\n"
	  "\tset ty {\n"
	  "\t\ttypeof ip saddr . tcp dport\n"
	  "\t\tcomment \"by typeof\"\n"
	  "\t}\n"
	  "}\n" },
	{ "maps: verdicts, values, intervals; element comments",
	  "table inet t {\n"
	  "\tmap v {\n"
	  "\t\ttype inet_service : verdict\n"
	  "\t\telements = { 22 : accept,\n"
	  "\t\t\t     80 : drop }\n"
	  "\t}\n"
	  "\n"
	  "\tmap m {\n"
	  "\t\ttype ipv4_addr : mark\n"
	  "\t\tflags interval\n"
	  "\t\telements = { 10.0.0.0/24 : 0x00000001 }\n"
	  "\t}\n"
	  "\n"
	  "\tset cm {\n"
	  "\t\ttype ipv6_addr\n"
	  "\t\telements = { ::1 comment \"one\",\n"
	  "\t\t\t     ::2 }\n"
	  "\t}\n"
	  "}\n" },
};

/* The kernel's objects of one case, each through an encode and a decode. */
struct state {
	struct arena a;
	struct diag_list errs;
	struct nl_table *table;
	struct nl_chain *chains[8];
	struct nl_set *sets[8];
	unsigned nchains, nsets;
};

static void *through_wire(struct state *s, enum nl_kind kind, const void *obj, size_t size)
{
	struct nl_buf b;
	nlbuf_init(&b);
	nl_encode(&b, kind, obj);
	void *back = arena_alloc(&s->a, size);
	uint32_t family;
	memcpy(&family, obj, sizeof(family));
	int r = nl_decode(&s->a, kind, b.p, b.len, family, back);
	nlbuf_free(&b);
	return r < 0 ? NULL : back;
}

static struct nl_set *set_named(struct state *s, const char *name)
{
	for (unsigned i = 0; i < s->nsets; i++)
		if (!strcmp(s->sets[i]->name, name))
			return s->sets[i];
	return NULL;
}

/* A set's elements, as one NEWSETELEM message and a dump reply carry them. */
static int elems_through_wire(struct state *s, const struct nl_set *sent)
{
	struct nl_set *back = set_named(s, sent->name);
	if (!back)
		return -1;
	struct nl_buf b;
	nlbuf_init(&b);
	enc_elem_list_head(&b, sent);
	size_t list = attr_nest_start(&b, NFTA_SET_ELEM_LIST_ELEMENTS);
	for (uint32_t i = 0; i < sent->nelems; i++)
		enc_elem(&b, &sent->elems[i]);
	attr_nest_end(&b, list);
	int r = dec_elem_list(&s->a, b.p, b.len, back);
	nlbuf_free(&b);
	return r;
}

static int lower_case(struct state *s, const char *text)
{
	struct parse_ctx pc = { .arena = &s->a, .errs = &s->errs };
	struct source *src = arena_alloc(&s->a, sizeof(*src));
	*src = (struct source){ .name = "<case>", .text = text, .len = strlen(text) };
	struct cmd_list cl = { 0 };
	if (parse_source(&pc, src, &cl) < 0)
		return -1;
	struct eval_ctx ec = { .arena = &s->a, .errs = &s->errs };
	for (uint32_t c = 0; c < cl.n; c++) {
		struct lowered_list out = { 0 };
		if (eval_lower_cmd(&ec, cl.v[c], &out) < 0)
			return -1;
		for (uint32_t i = 0; i < out.n; i++) {
			const struct lowered *l = &out.v[i];
			switch (l->kind) {
			case LOWERED_TABLE:
				s->table = through_wire(s, NL_TABLE, l->table, sizeof(*s->table));
				if (!s->table)
					return -1;
				break;
			case LOWERED_CHAIN:
				if (s->nchains == 8 || !(s->chains[s->nchains++] =
					through_wire(s, NL_CHAIN, l->chain, sizeof(struct nl_chain))))
					return -1;
				break;
			case LOWERED_SET:
				if (s->nsets == 8 || !(s->sets[s->nsets++] =
					through_wire(s, NL_SET, l->set, sizeof(struct nl_set))))
					return -1;
				break;
			case LOWERED_ELEMS:
				if (elems_through_wire(s, l->set) < 0)
					return -1;
				break;
			default:
				return -1;
			}
		}
	}
	return s->table ? 0 : -1;
}

/* Lifts what came back and prints it as `nft list table` would. */
static const char *lift_and_print(struct state *s, struct writer *w)
{
	struct lift_ctx lc = { .arena = &s->a, .family = s->table->family };
	struct listed_table lt = { .table = lift_table(&s->a, s->table) };
	lt.sets = arena_alloc(&s->a, sizeof(*lt.sets) * 8);
	lt.chains = arena_alloc(&s->a, sizeof(*lt.chains) * 8);
	for (unsigned i = 0; i < s->nsets; i++)
		lt.sets[lt.nsets++] = (struct listed_set){
			.set = lift_set_decl(&s->a, s->sets[i]),
			.elems = s->sets[i]->nelems ? lift_set_elems(&lc, s->sets[i]) : NULL,
		};
	for (unsigned i = 0; i < s->nchains; i++)
		lt.chains[lt.nchains++] = (struct listed_chain){
			.chain = lift_chain(&s->a, s->chains[i]),
		};
	static const struct print_opts po;
	print_table(&lt, &po, w);
	return wr_cstr(w);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct state s = { 0 };
		struct writer w;
		arena_init(&s.a, 64 * 1024);
		writer_init_mem(&w);
		const char *got = NULL;
		if (lower_case(&s, cases[i][1]) == 0)
			got = lift_and_print(&s, &w);
		for (uint32_t e = 0; e < s.errs.n; e++)
			diag_print(&s.errs.items[e], &w);
		if (!got)
			got = wr_cstr(&w);
		report(got && !strcmp(got, cases[i][1]), cases[i][0], got, cases[i][1]);
		writer_free(&w);
		diag_list_free(&s.errs);
		arena_free(&s.a);
	}
	printf("%d passed, %d failed\n", test_no - failures, failures);
	return failures != 0;
}
