/* Unit test of the object codecs (tables, chains, rules, sets, elements, named
 * objects, flowtables): every kind of object, with every attribute it can carry, must
 * encode to the bytes the hand-written encoders of commit f060c44 sent, kept below
 * as hex; decoding those bytes must fill the fields those decoders filled (a text
 * of every field, kept the same way), and encoding the result again must give the
 * same bytes. Hand-made messages check what a decoder refuses, skips and keeps.
 * `object_codec_test --print` writes the tables from the codecs being built. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_synproxy.h>
#include "netlink/codec.h"
#include "netlink/netlink.h"
#include "netlink/obj_data.h"
#include "util/nf_tables_uapi.h"
#include "util/writer.h"

static int test_no, failures;
static bool print_mode;
static struct arena A;

static void check(bool ok, const char *name)
{
	test_no++;
	printf("%sok %d - %s\n", ok ? "" : "not ", test_no, name);
	if (!ok)
		failures++;
}

/* ---------------------------------------------------------------- one object of any kind */

enum kind { K_TABLE, K_CHAIN, K_RULE, K_SET, K_ELEMS, K_OBJ, K_FLOWTABLE };

struct object {
	enum kind kind;
	union {
		struct nl_table table;
		struct nl_chain chain;
		struct nl_rule rule;
		struct nl_set set;        /* K_ELEMS: the elements and the list header */
		struct nl_obj obj;
		struct nl_flowtable flowtable;
	} u;
};

static void encode(struct nl_buf *b, const struct object *o)
{
	switch (o->kind) {
	case K_TABLE: nl_encode(b, NL_TABLE, &o->u.table); break;
	case K_CHAIN: nl_encode(b, NL_CHAIN, &o->u.chain); break;
	case K_RULE: nl_encode(b, NL_RULE, &o->u.rule); break;
	case K_SET: nl_encode(b, NL_SET, &o->u.set); break;
	case K_ELEMS: {   /* as nl_batch_elems writes one message */
		enc_elem_list_head(b, &o->u.set);
		size_t list = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
		for (uint32_t i = 0; i < o->u.set.nelems; i++)
			enc_elem(b, &o->u.set.elems[i]);
		attr_nest_end(b, list);
		break;
	}
	case K_OBJ: nl_encode(b, NL_OBJ, &o->u.obj); break;
	case K_FLOWTABLE: nl_encode(b, NL_FLOWTABLE, &o->u.flowtable); break;
	}
}

/* Decodes into *out; K_ELEMS keeps the list header of `head` (a dump's header is
 * never read into the set). */
static int decode(enum kind k, const uint8_t *p, size_t len, const struct object *head,
		  struct object *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = k;
	switch (k) {
	case K_TABLE: return nl_decode(&A, NL_TABLE, p, len, NFPROTO_INET, &out->u.table);
	case K_CHAIN: return nl_decode(&A, NL_CHAIN, p, len, NFPROTO_INET, &out->u.chain);
	case K_RULE: return nl_decode(&A, NL_RULE, p, len, NFPROTO_INET, &out->u.rule);
	case K_SET: return nl_decode(&A, NL_SET, p, len, NFPROTO_INET, &out->u.set);
	case K_ELEMS:
		if (head) {
			out->u.set.table = head->u.set.table;
			out->u.set.name = head->u.set.name;
			out->u.set.id = head->u.set.id;
		}
		return dec_elem_list(&A, p, len, &out->u.set);
	case K_OBJ: return nl_decode(&A, NL_OBJ, p, len, NFPROTO_INET, &out->u.obj);
	case K_FLOWTABLE: return nl_decode(&A, NL_FLOWTABLE, p, len, NFPROTO_INET, &out->u.flowtable);
	}
	return -1;
}

/* ---------------------------------------------------------------- every field as text */

static struct writer W, H;   /* describe(), hex_of() */

static void f_str(const char *k, const char *s)
{
	wr_printf(&W, " %s=%s", k, s ? s : "-");
}

static void f_bytes(const char *k, const uint8_t *p, uint32_t n)
{
	wr_printf(&W, " %s=", k);
	if (!p) {
		wr_puts(&W, "-");
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		wr_printf(&W, "%02x", p[i]);
	wr_printf(&W, "/%u", n);
}

static void f_devs(const char *const *devs, uint32_t n)
{
	wr_printf(&W, " devs=%u", n);
	for (uint32_t i = 0; i < n; i++)
		wr_printf(&W, ",%s", devs[i]);
}

static void f_exprs(const char *k, const struct vm_exprs *l)
{
	wr_printf(&W, " %s=", k);
	if (!l) {
		wr_puts(&W, "-");
		return;
	}
	struct vm_rule r = { .exprs = *l };
	wr_printf(&W, "%u{", l->n);
	vm_print_rule(&r, &W);
	wr_puts(&W, "}");
}

static void f_data(const char *k, const struct vm_data *d)
{
	wr_printf(&W, " %s=", k);
	if (!d)
		wr_puts(&W, "-");
	else if (d->is_verdict)
		wr_printf(&W, "verdict:%d:%s", d->verdict, d->chain ? d->chain : "-");
	else
		f_bytes("value", d->bytes, d->len);
}

static void describe_obj_data(const struct nl_obj *o)
{
	wr_printf(&W, " data.kind=%d data.present=%#x", o->data.kind, o->data.present);
	const struct obj_desc *d = obj_desc_by_type(o->type);
	for (unsigned i = 1; d && i <= d->max_attr && i < VM_MAX_ATTR; i++) {
		if (!vm_has(&o->data, i))
			continue;
		if (d->attrs[i] == VA_STR) {
			wr_printf(&W, " a%u=%s", i, o->data.a[i].s);
		} else if (d->attrs[i] == VA_EXPRS) {
			const struct obj_timeouts *t = obj_timeouts(o);
			wr_printf(&W, " a%u=timeouts:%#x", i, t->present);
			for (unsigned j = 0; j < OBJ_TIMEOUT_MAX; j++)
				if ((t->present >> j) & 1)
					wr_printf(&W, ",%u:%u", j, t->v[j]);
		} else {
			wr_printf(&W, " a%u=%llu", i, (unsigned long long)o->data.a[i].u);
		}
	}
}

static void describe_elem(const struct nl_elem *e)
{
	wr_printf(&W, " [present=%#x", e->present);
	f_bytes("key", e->key, e->key_len);
	f_bytes("key_end", e->key_end, e->key_end_len);
	f_data("data", e->data);
	wr_printf(&W, " flags=%u timeout=%llu expiration=%llu", e->flags,
		  (unsigned long long)e->timeout, (unsigned long long)e->expiration);
	f_bytes("udata", e->udata, e->udata_len);
	f_str("objref", e->objref);
	f_exprs("exprs", e->exprs);
	wr_puts(&W, "]");
}

static const char *describe(const struct object *o)
{
	wr_reset(&W);
	switch (o->kind) {
	case K_TABLE: {
		const struct nl_table *t = &o->u.table;
		wr_printf(&W, "family=%u present=%#x", t->family, t->present);
		f_str("name", t->name);
		wr_printf(&W, " flags=%u handle=%llu use=%u", t->flags,
			  (unsigned long long)t->handle, t->use);
		f_bytes("udata", t->udata, t->udata_len);
		break;
	}
	case K_CHAIN: {
		const struct nl_chain *c = &o->u.chain;
		wr_printf(&W, "family=%u present=%#x", c->family, c->present);
		f_str("table", c->table);
		f_str("name", c->name);
		wr_printf(&W, " handle=%llu id=%u has_hook=%d hooknum=%u prio=%d",
			  (unsigned long long)c->handle, c->id, c->has_hook, c->hooknum, c->prio);
		f_str("type", c->type);
		f_devs(c->devs, c->ndevs);
		wr_printf(&W, " policy=%u flags=%u use=%u", c->policy, c->flags, c->use);
		f_bytes("udata", c->udata, c->udata_len);
		break;
	}
	case K_RULE: {
		const struct nl_rule *r = &o->u.rule;
		wr_printf(&W, "family=%u present=%#x", r->family, r->present);
		f_str("table", r->table);
		f_str("chain", r->chain);
		wr_printf(&W, " chain_id=%u handle=%llu position=%llu position_id=%u", r->chain_id,
			  (unsigned long long)r->prog.handle, (unsigned long long)r->prog.position,
			  r->prog.position_id);
		f_bytes("udata", r->prog.udata, r->prog.udata_len);
		f_exprs("exprs", &r->prog.exprs);
		break;
	}
	case K_SET: {
		const struct nl_set *s = &o->u.set;
		wr_printf(&W, "family=%u present=%#x", s->family, s->present);
		f_str("table", s->table);
		f_str("name", s->name);
		wr_printf(&W, " handle=%llu id=%u flags=%u key=%u/%u data=%u/%u objtype=%u "
			  "policy=%u size=%u fields=%u", (unsigned long long)s->handle, s->id,
			  s->flags, s->key_type, s->key_len, s->data_type, s->data_len, s->objtype,
			  s->policy, s->desc_size, s->nfields);
		for (uint32_t i = 0; i < s->nfields && i < 16; i++)
			wr_printf(&W, ",%u", s->field_len[i]);
		wr_printf(&W, " timeout=%llu gc=%u", (unsigned long long)s->timeout, s->gc_interval);
		f_bytes("udata", s->udata, s->udata_len);
		f_exprs("exprs", s->exprs);
		break;
	}
	case K_ELEMS:
		wr_printf(&W, "elems=%u", o->u.set.nelems);
		for (uint32_t i = 0; i < o->u.set.nelems; i++)
			describe_elem(&o->u.set.elems[i]);
		break;
	case K_OBJ: {
		const struct nl_obj *ob = &o->u.obj;
		wr_printf(&W, "family=%u present=%#x", ob->family, ob->present);
		f_str("table", ob->table);
		f_str("name", ob->name);
		wr_printf(&W, " type=%u handle=%llu use=%u", ob->type,
			  (unsigned long long)ob->handle, ob->use);
		f_bytes("udata", ob->udata, ob->udata_len);
		describe_obj_data(ob);
		break;
	}
	case K_FLOWTABLE: {
		const struct nl_flowtable *f = &o->u.flowtable;
		wr_printf(&W, "family=%u present=%#x", f->family, f->present);
		f_str("table", f->table);
		f_str("name", f->name);
		wr_printf(&W, " handle=%llu hooknum=%u prio=%d", (unsigned long long)f->handle,
			  f->hooknum, f->prio);
		f_devs(f->devs, f->ndevs);
		wr_printf(&W, " flags=%u use=%u", f->flags, f->use);
		break;
	}
	}
	return wr_cstr(&W);
}

/* ---------------------------------------------------------------- the objects */

static const uint8_t comment[] = { 0x00, 0x05, 'h', 'e', 'l', 'l', 'o' };   /* not a multiple of 4 */

static const char *const one_dev[] = { "eth0" };
static const char *const three_devs[] = { "lo", "eth0", "veth-peer1" };

static struct vm_exprs *exprs_new(void)
{
	struct vm_exprs *l = arena_alloc(&A, sizeof(*l));
	memset(l, 0, sizeof(*l));
	return l;
}

static void add_counter(struct vm_exprs *l, uint64_t packets, uint64_t bytes)
{
	struct vm_expr *e = vm_exprs_add(&A, l, VM_COUNTER);
	vm_set_u(e, NFTA_COUNTER_PACKETS, packets);
	vm_set_u(e, NFTA_COUNTER_BYTES, bytes);
}

static void add_quota(struct vm_exprs *l, uint64_t bytes)
{
	struct vm_expr *e = vm_exprs_add(&A, l, VM_QUOTA);
	vm_set_u(e, NFTA_QUOTA_BYTES, bytes);
	vm_set_u(e, NFTA_QUOTA_FLAGS, 0);
}

/* [meta load l4proto => reg 1][cmp eq reg 1 6][counter][immediate jump other] */
static void rule_program(struct vm_exprs *l)
{
	struct vm_expr *e = vm_exprs_add(&A, l, VM_META);
	vm_set_u(e, NFTA_META_KEY, NFT_META_L4PROTO);
	vm_set_u(e, NFTA_META_DREG, NFT_REG_1);
	e = vm_exprs_add(&A, l, VM_CMP);
	uint8_t tcp = IPPROTO_TCP;
	vm_set_u(e, NFTA_CMP_SREG, NFT_REG_1);
	vm_set_u(e, NFTA_CMP_OP, NFT_CMP_EQ);
	vm_set_data(&A, e, NFTA_CMP_DATA, &tcp, 1);
	add_counter(l, 0, 0);
	e = vm_exprs_add(&A, l, VM_IMMEDIATE);
	vm_set_u(e, NFTA_IMMEDIATE_DREG, NFT_REG_VERDICT);
	vm_set_verdict(&A, e, NFTA_IMMEDIATE_DATA, NFT_JUMP, "other");
}

static struct vm_data *verdict(int32_t code, const char *chain)
{
	struct vm_data *d = arena_alloc(&A, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->is_verdict = true;
	d->verdict = code;
	d->chain = chain;
	return d;
}

static struct vm_data *value(const void *p, uint32_t len)
{
	struct vm_data *d = arena_alloc(&A, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->len = len;
	memcpy(d->bytes, p, len);
	return d;
}

static struct nl_elem *elems_new(struct nl_set *s, uint32_t n)
{
	s->elems = arena_alloc(&A, n * sizeof(*s->elems));
	memset(s->elems, 0, n * sizeof(*s->elems));
	s->nelems = s->elems_cap = n;
	return s->elems;
}

static const uint8_t k10[] = { 10, 0, 0, 1 }, k11[] = { 10, 0, 0, 255 };
static const uint8_t port[] = { 0x00, 0x16 }, mark[] = { 0, 0, 0, 42 };
static const uint8_t concat[] = { 192, 168, 1, 1, 0x00, 0x50, 0, 0 };

#define P(attr) (1u << (attr))

/* Fills o with test object n; returns its name, NULL past the last. */
static const char *object_at(unsigned n, struct object *o)
{
	memset(o, 0, sizeof(*o));
	switch (n) {
	case 0:
		o->kind = K_TABLE;
		o->u.table = (struct nl_table){ .family = NFPROTO_IPV4, .name = "filter",
			.flags = NFT_TABLE_F_DORMANT, .handle = 7, .use = 3, .udata = comment, .udata_len = sizeof(comment),
			.present = P(NFTA_TABLE_FLAGS) };
		return "table with every attribute";
	case 1:
		o->kind = K_TABLE;
		o->u.table = (struct nl_table){ .name = "t", .present = P(NFTA_TABLE_FLAGS) };
		return "table: flags 0 sent when present";
	case 2:
		o->kind = K_TABLE;
		o->u.table = (struct nl_table){ .name = "t", .udata = comment, .udata_len = 0 };
		return "table: empty userdata not sent";
	case 3:
		o->kind = K_CHAIN;
		o->u.chain = (struct nl_chain){ .table = "t", .name = "in", .handle = 9, .id = 3,
			.has_hook = true, .hooknum = NF_NETDEV_INGRESS, .prio = -150,
			.type = "filter", .devs = (const char **)one_dev, .ndevs = 1,
			.policy = NF_ACCEPT, .flags = NFT_CHAIN_HW_OFFLOAD, .udata = comment, .udata_len = sizeof(comment) };
		return "base chain with one device";
	case 4:
		o->kind = K_CHAIN;
		o->u.chain = (struct nl_chain){ .table = "t", .name = "in", .has_hook = true,
			.hooknum = NF_NETDEV_EGRESS, .prio = 0, .type = "filter",
			.devs = (const char **)three_devs, .ndevs = 3, .policy = NF_DROP,
			.present = P(NFTA_CHAIN_FLAGS) };
		return "base chain with three devices, policy drop unsaid";
	case 5:
		o->kind = K_CHAIN;
		o->u.chain = (struct nl_chain){ .table = "t", .name = "in", .has_hook = true,
			.hooknum = NF_INET_LOCAL_IN, .prio = 0x7fffffff, .type = "nat",
			.policy = NF_DROP, .present = P(NFTA_CHAIN_POLICY) };
		return "base chain without devices, policy drop said";
	case 6:
		o->kind = K_CHAIN;
		o->u.chain = (struct nl_chain){ .table = "t", .name = "regular", .policy = NF_ACCEPT,
			.udata = comment, .udata_len = sizeof(comment) };
		return "regular chain: policy unsent without a hook";
	case 7:
		o->kind = K_RULE;
		o->u.rule = (struct nl_rule){ .family = NFPROTO_INET, .table = "t", .chain = "c",
			.chain_id = 5, .prog = { .handle = 4, .position = 3, .position_id = 2,
						 .udata = comment, .udata_len = sizeof(comment) } };
		rule_program(&o->u.rule.prog.exprs);
		return "rule with every attribute (chain name wins over chain id)";
	case 8:
		o->kind = K_RULE;
		o->u.rule = (struct nl_rule){ .table = "t", .chain_id = 5,
			.present = P(NFTA_RULE_POSITION) };
		return "rule by chain id, position 0 present, no expressions";
	case 9: {
		o->kind = K_SET;
		struct nl_set *s = &o->u.set;
		*s = (struct nl_set){ .family = NFPROTO_IPV4, .table = "t", .name = "s",
			.handle = 12, .id = 1, .flags = NFT_SET_INTERVAL | NFT_SET_MAP | NFT_SET_CONCAT,
			.key_type = 0x1234, .key_len = 8, .data_type = 19, .data_len = 4,
			.objtype = 0, .policy = NFT_SET_POL_MEMORY, .desc_size = 64,
			.field_len = { 4, 2 }, .nfields = 2, .timeout = 60000, .gc_interval = 1000,
			.udata = comment, .udata_len = sizeof(comment), .present = P(NFTA_SET_POLICY) };
		s->exprs = exprs_new();
		add_counter(s->exprs, 1, 2);
		return "set with every attribute, one expression";
	}
	case 10: {
		o->kind = K_SET;
		struct nl_set *s = &o->u.set;
		*s = (struct nl_set){ .table = "t", .name = "__set%d", .id = 7, .key_len = 4,
			.desc_size = 3, .objtype = NFT_OBJECT_COUNTER,
			.present = P(NFTA_SET_KEY_TYPE) | P(NFTA_SET_FLAGS) | P(NFTA_SET_GC_INTERVAL) };
		s->exprs = exprs_new();
		add_counter(s->exprs, 0, 0);
		add_quota(s->exprs, 1000);
		return "anonymous set, zeros present, two expressions";
	}
	case 11: {
		o->kind = K_SET;
		struct nl_set *s = &o->u.set;
		*s = (struct nl_set){ .table = "t", .name = "c", .key_len = 16, .nfields = 16,
			.field_len = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 },
			.policy = NFT_SET_POL_PERFORMANCE, .exprs = exprs_new() };
		return "set with sixteen fields, policy unsent, no expressions";
	}
	case 12: {
		o->kind = K_ELEMS;
		struct nl_set *s = &o->u.set;
		*s = (struct nl_set){ .table = "t", .name = "s", .id = 4 };
		struct nl_elem *e = elems_new(s, 5);
		e[0] = (struct nl_elem){ .key = k10, .key_len = 4 };
		e[1] = (struct nl_elem){ .key = concat, .key_len = 8, .key_end = concat,
			.key_end_len = 8, .data = value(mark, 4), .flags = 0,
			.timeout = 30000, .expiration = 29000, .udata = comment, .udata_len = sizeof(comment),
			.present = P(NFTA_SET_ELEM_FLAGS) };
		e[1].exprs = exprs_new();
		add_counter(e[1].exprs, 3, 4);
		add_quota(e[1].exprs, 5);
		e[2] = (struct nl_elem){ .key = k11, .key_len = 4, .data = verdict(NFT_GOTO, "other"),
			.flags = NFT_SET_ELEM_INTERVAL_END };
		e[2].exprs = exprs_new();
		add_counter(e[2].exprs, 0, 0);
		e[3] = (struct nl_elem){ .flags = NFT_SET_ELEM_CATCHALL, .data = verdict(NF_ACCEPT, NULL) };
		e[4] = (struct nl_elem){ .key = port, .key_len = 2, .objref = "cnt",
			.exprs = exprs_new() };
		return "elements of every shape";
	}
	case 13: {
		o->kind = K_ELEMS;
		struct nl_set *s = &o->u.set;
		*s = (struct nl_set){ .id = 9 };
		struct nl_elem *e = elems_new(s, 1);
		e[0] = (struct nl_elem){ .key = port, .key_len = 2 };
		return "elements of a set known by id only";
	}
	case 14: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .family = NFPROTO_IPV4, .table = "t", .name = "cnt",
			.handle = 5, .type = NFT_OBJECT_COUNTER, .use = 2, .udata = comment, .udata_len = sizeof(comment) };
		ob->data.kind = VM_COUNTER;
		vm_set_u(&ob->data, NFTA_COUNTER_PACKETS, 10);
		vm_set_u(&ob->data, NFTA_COUNTER_BYTES, 1ull << 40);
		return "counter object";
	}
	case 15: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "q", .type = NFT_OBJECT_QUOTA };
		ob->data.kind = VM_QUOTA;
		vm_set_u(&ob->data, NFTA_QUOTA_BYTES, 1000000);
		vm_set_u(&ob->data, NFTA_QUOTA_FLAGS, NFT_QUOTA_F_INV);
		vm_set_u(&ob->data, NFTA_QUOTA_CONSUMED, 999);
		return "quota object";
	}
	case 16: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "ftp", .type = NFT_OBJECT_CT_HELPER };
		vm_set_str(&ob->data, NFTA_CT_HELPER_NAME, "ftp");
		vm_set_u(&ob->data, NFTA_CT_HELPER_L3PROTO, NFPROTO_IPV4);
		vm_set_u(&ob->data, NFTA_CT_HELPER_L4PROTO, IPPROTO_TCP);
		return "ct helper object";
	}
	case 17: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "lim", .type = NFT_OBJECT_LIMIT };
		ob->data.kind = VM_LIMIT;
		vm_set_u(&ob->data, NFTA_LIMIT_RATE, 400);
		vm_set_u(&ob->data, NFTA_LIMIT_UNIT, 60);
		vm_set_u(&ob->data, NFTA_LIMIT_BURST, 5);
		vm_set_u(&ob->data, NFTA_LIMIT_TYPE, NFT_LIMIT_PKT_BYTES);
		vm_set_u(&ob->data, NFTA_LIMIT_FLAGS, NFT_LIMIT_F_INV);
		return "limit object";
	}
	case 18: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "tmo", .type = NFT_OBJECT_CT_TIMEOUT };
		vm_set_u(&ob->data, NFTA_CT_TIMEOUT_L3PROTO, NFPROTO_IPV4);
		vm_set_u(&ob->data, NFTA_CT_TIMEOUT_L4PROTO, IPPROTO_TCP);
		struct obj_timeouts *t = arena_alloc(&A, sizeof(*t));
		memset(t, 0, sizeof(*t));
		t->present = 1u << 1 | 1u << 3 | 1u << 11;
		t->v[1] = 120;
		t->v[3] = 432000;
		t->v[11] = 300;
		obj_timeouts_set(ob, t);
		return "ct timeout object";
	}
	case 19: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "sec", .type = NFT_OBJECT_SECMARK };
		vm_set_str(&ob->data, NFTA_SECMARK_CTX, "system_u:object_r:ssh_server_packet_t:s0");
		return "secmark object";
	}
	case 20: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "exp", .type = NFT_OBJECT_CT_EXPECT };
		vm_set_u(&ob->data, NFTA_CT_EXPECT_L3PROTO, NFPROTO_IPV4);
		vm_set_u(&ob->data, NFTA_CT_EXPECT_L4PROTO, IPPROTO_TCP);
		vm_set_u(&ob->data, NFTA_CT_EXPECT_DPORT, 22);
		vm_set_u(&ob->data, NFTA_CT_EXPECT_TIMEOUT, 3000);
		vm_set_u(&ob->data, NFTA_CT_EXPECT_SIZE, 2);
		return "ct expectation object (timeout in host order)";
	}
	case 21: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "syn", .type = NFT_OBJECT_SYNPROXY };
		ob->data.kind = VM_SYNPROXY;
		vm_set_u(&ob->data, NFTA_SYNPROXY_MSS, 1460);
		vm_set_u(&ob->data, NFTA_SYNPROXY_WSCALE, 7);
		vm_set_u(&ob->data, NFTA_SYNPROXY_FLAGS, NF_SYNPROXY_OPT_TIMESTAMP);
		return "synproxy object";
	}
	case 22: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "odd", .type = 99 };
		vm_set_u(&ob->data, 1, 1);
		return "object of an unknown type: no data";
	}
	case 23: {
		o->kind = K_OBJ;
		struct nl_obj *ob = &o->u.obj;
		*ob = (struct nl_obj){ .table = "t", .name = "q", .type = NFT_OBJECT_QUOTA };
		return "quota object without data (a delete)";
	}
	case 24:
		o->kind = K_FLOWTABLE;
		o->u.flowtable = (struct nl_flowtable){ .family = NFPROTO_INET, .table = "t",
			.name = "ft", .handle = 3, .hooknum = NF_NETDEV_INGRESS, .prio = -10,
			.devs = (const char **)three_devs, .ndevs = 3, .flags = NFT_FLOWTABLE_COUNTER,
			.use = 1, .present = P(NFTA_FLOWTABLE_HOOK) };
		return "flowtable with every attribute";
	case 25:
		o->kind = K_FLOWTABLE;
		o->u.flowtable = (struct nl_flowtable){ .table = "t", .name = "ft",
			.devs = (const char **)one_dev, .ndevs = 1,
			.present = P(NFTA_FLOWTABLE_HOOK) | P(NFTA_FLOWTABLE_FLAGS) };
		return "flowtable with one device and flags 0 present";
	case 26:
		o->kind = K_FLOWTABLE;
		o->u.flowtable = (struct nl_flowtable){ .table = "t", .name = "ft", .hooknum = 1,
			.devs = (const char **)one_dev, .ndevs = 1 };
		return "flowtable without its hook present";
	}
	return NULL;
}

/* ---------------------------------------------------------------- expected */

struct expected {
	const char *hex;         /* the message body the object encodes to */
	const char *decoded;     /* describe() of those bytes decoded */
};

/* From the hand-written codecs of f060c44, by `object_codec_test --print`. */
static const struct expected expected[] = {
	/* table with every attribute */
	{ "0b00010066696c746572000008000200000000010c00040000000000000000070b00060000056865"
	  "6c6c6f00",
	  "family=1 present=0x56 name=filter flags=1 handle=7 use=0 udata=000568656c6c6f/7" },
	/* table: flags 0 sent when present */
	{ "06000100740000000800020000000000",
	  "family=1 present=0x6 name=t flags=0 handle=0 use=0 udata=-" },
	/* table: empty userdata not sent */
	{ "0600010074000000",
	  "family=1 present=0x2 name=t flags=0 handle=0 use=0 udata=-" },
	/* base chain with one device */
	{ "06000100740000000c000200000000000000000907000300696e000008000b000000000320000480"
	  "080001000000000008000200ffffff6a09000300657468300000000008000500000000010b000700"
	  "66696c746572000008000a00000000020b000c00000568656c6c6f00",
	  "family=1 present=0x1cbe table=t name=in handle=9 id=3 has_hook=1 hooknum=0 prio="
	  "-150 type=filter devs=1,eth0 policy=1 flags=2 use=0 udata=000568656c6c6f/7" },
	/* base chain with three devices, policy drop unsaid */
	{ "060001007400000007000300696e00003c0004800800010000000001080002000000000028000480"
	  "070001006c6f00000900010065746830000000000f000100766574682d706565723100000b000700"
	  "66696c746572000008000a0000000000",
	  "family=1 present=0x49a table=t name=in handle=0 id=0 has_hook=1 hooknum=1 prio=0"
	  " type=filter devs=3,lo,eth0,veth-peer1 policy=0 flags=0 use=0 udata=-" },
	/* base chain without devices, policy drop said */
	{ "060001007400000007000300696e0000140004800800010000000001080002007fffffff08000500"
	  "00000000080007006e617400",
	  "family=1 present=0xba table=t name=in handle=0 id=0 has_hook=1 hooknum=1 prio=21"
	  "47483647 type=nat devs=0 policy=0 flags=0 use=0 udata=-" },
	/* regular chain: policy unsent without a hook */
	{ "06000100740000000c000300726567756c6172000b000c00000568656c6c6f00",
	  "family=1 present=0x100a table=t name=regular handle=0 id=0 has_hook=0 hooknum=0 "
	  "prio=0 type=- devs=0 policy=0 flags=0 use=0 udata=000568656c6c6f/7" },
	/* rule with every attribute (chain name wins over chain id) */
	{ "060001007400000006000200630000000c00030000000000000000040c0006000000000000000003"
	  "08000a00000000020b000700000568656c6c6f00bc00048024000180090001006d65746100000000"
	  "14000280080001000000000108000200000000102c00018008000100636d70002000028008000100"
	  "0000000108000200000000000c00038005000100060000002c0001800c000100636f756e74657200"
	  "1c0002800c00010000000000000000000c00020000000000000000003c0001800e000100696d6d65"
	  "64696174650000002800028008000100000000001c0002801800028008000100fffffffd0a000200"
	  "6f74686572000000",
	  "family=1 present=0x4de table=t chain=c chain_id=0 handle=4 position=3 position_i"
	  "d=2 udata=000568656c6c6f/7 exprs=4{  [ meta load l4proto => reg 1 ]\n"
	  "  [ cmp eq reg 1 0x00000006 ]\n"
	  "  [ counter pkts 0 bytes 0 ]\n"
	  "  [ immediate reg 0 jump -> other ]\n"
	  "}" },
	/* rule by chain id, position 0 present, no expressions */
	{ "060001007400000008000b00000000050c0006000000000000000000",
	  "family=1 present=0x842 table=t chain=- chain_id=5 handle=0 position=0 position_i"
	  "d=0 udata=- exprs=0{}" },
	/* set with every attribute, one expression */
	{ "060001007400000006000200730000000c001000000000000000000c080003000000008c08000400"
	  "00001234080005000000000808000600000000130800070000000004080008000000000128000980"
	  "08000100000000401c0002800c00018008000100000000040c000180080001000000000208000a00"
	  "000000010c000b00000000000000ea6008000c00000003e80b000d00000568656c6c6f002c001180"
	  "0c000100636f756e746572001c0002800c00010000000000000000020c0002000000000000000001",
	  "family=1 present=0x33ffe table=t name=s handle=12 id=1 flags=140 key=4660/8 data"
	  "=19/4 objtype=0 policy=1 size=64 fields=2,4,2 timeout=60000 gc=1000 udata=000568"
	  "656c6c6f/7 exprs=1{  [ counter pkts 1 bytes 2 ]\n"
	  "}" },
	/* anonymous set, zeros present, two expressions */
	{ "06000100740000000c0002005f5f7365742564000800030000000000080004000000000008000500"
	  "0000000408000f00000000010c000980080001000000000308000a000000000708000c0000000000"
	  "580012802c0001800c000100636f756e746572001c0002800c00010000000000000000000c000200"
	  "0000000000000000280001800a00010071756f7461000000180002800c00010000000000000003e8"
	  "0800020000000000",
	  "family=1 present=0x4963e table=t name=__set%d handle=0 id=7 flags=0 key=0/4 data"
	  "=0/0 objtype=1 policy=0 size=3 fields=0 timeout=0 gc=0 udata=- exprs=2{  [ count"
	  "er pkts 0 bytes 0 ]\n"
	  "  [ quota bytes 1000 consumed 0 flags 0 ]\n"
	  "}" },
	/* set with sixteen fields, policy unsent, no expressions */
	{ "060001007400000006000200630000000800050000000010c8000980c40002800c00018008000100"
	  "000000010c00018008000100000000020c00018008000100000000030c0001800800010000000004"
	  "0c00018008000100000000050c00018008000100000000060c00018008000100000000070c000180"
	  "08000100000000080c00018008000100000000090c000180080001000000000a0c00018008000100"
	  "0000000b0c000180080001000000000c0c000180080001000000000d0c000180080001000000000e"
	  "0c000180080001000000000f0c0001800800010000000010",
	  "family=1 present=0x226 table=t name=c handle=0 id=0 flags=0 key=0/16 data=0/0 ob"
	  "jtype=0 policy=0 size=0 fields=16,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 timeout"
	  "=0 gc=0 udata=- exprs=-" },
	/* elements of every shape */
	{ "06000100740000000600020073000000080004000000000460010380100001800c00018008000100"
	  "0a000001b4000180100001800c000100c0a801010050000010000a800c000100c0a8010100500000"
	  "0c000280080001000000002a08000300000000000c00040000000000000075300c00050000000000"
	  "000071480b000600000568656c6c6f0058000b802c0001800c000100636f756e746572001c000280"
	  "0c00010000000000000000040c0002000000000000000003280001800a00010071756f7461000000"
	  "180002800c00010000000000000000050800020000000000640001800c000180080001000a0000ff"
	  "1c0002801800028008000100fffffffc0a0002006f74686572000000080003000000000130000b80"
	  "2c0001800c000100636f756e746572001c0002800c00010000000000000000000c00020000000000"
	  "000000001c000180100002800c00028008000100000000010800030000000002180001800c000180"
	  "060001000016000008000900636e7400",
	  "elems=5 [present=0x2 key=0a000001/4 key_end=- data=- flags=0 timeout=0 expiratio"
	  "n=0 udata=- objref=- exprs=-] [present=0xc7e key=c0a8010100500000/8 key_end=c0a8"
	  "010100500000/8 data= value=0000002a/4 flags=0 timeout=30000 expiration=29000 uda"
	  "ta=000568656c6c6f/7 objref=- exprs=2{  [ counter pkts 3 bytes 4 ]\n"
	  "  [ quota bytes 5 consumed 0 flags 0 ]\n"
	  "}] [present=0x80e key=0a0000ff/4 key_end=- data=verdict:-4:other flags=1 timeout"
	  "=0 expiration=0 udata=- objref=- exprs=1{  [ counter pkts 0 bytes 0 ]\n"
	  "}] [present=0xc key=- key_end=- data=verdict:1:- flags=2 timeout=0 expiration=0 "
	  "udata=- objref=- exprs=-] [present=0x202 key=0016/2 key_end=- data=- flags=0 tim"
	  "eout=0 expiration=0 udata=- objref=cnt exprs=-]" },
	/* elements of a set known by id only */
	{ "080004000000000914000380100001800c0001800600010000160000",
	  "elems=1 [present=0x2 key=0016/2 key_end=- data=- flags=0 timeout=0 expiration=0 "
	  "udata=- objref=- exprs=-]" },
	/* counter object */
	{ "060001007400000008000200636e740008000300000000010c00060000000000000000051c000480"
	  "0c00010000000100000000000c000200000000000000000a0b000800000568656c6c6f00",
	  "family=1 present=0x15e table=t name=cnt type=1 handle=5 use=0 udata=000568656c6c"
	  "6f/7 data.kind=10 data.present=0x6 a1=1099511627776 a2=10" },
	/* quota object */
	{ "060001007400000006000200710000000800030000000002240004800c00010000000000000f4240"
	  "08000200000000010c00040000000000000003e7",
	  "family=1 present=0x1e table=t name=q type=2 handle=0 use=0 udata=- data.kind=24 "
	  "data.present=0x16 a1=1000000 a2=1 a4=999" },
	/* ct helper object */
	{ "0600010074000000080002006674700008000300000000031c000480080001006674700006000200"
	  "000200000500030006000000",
	  "family=1 present=0x1e table=t name=ftp type=3 handle=0 use=0 udata=- data.kind=0"
	  " data.present=0xe a1=ftp a2=2 a3=6" },
	/* limit object */
	{ "0600010074000000080002006c696d000800030000000004340004800c0001000000000000000190"
	  "0c000200000000000000003c080003000000000508000400000000010800050000000001",
	  "family=1 present=0x1e table=t name=lim type=4 handle=0 use=0 udata=- data.kind=1"
	  "2 data.present=0x3e a1=400 a2=60 a3=5 a4=1 a5=1" },
	/* ct timeout object */
	{ "060001007400000008000200746d6f00080003000000000730000480060001000002000005000200"
	  "060000001c0003800800010000000078080003000006978008000b000000012c",
	  "family=1 present=0x1e table=t name=tmo type=7 handle=0 use=0 udata=- data.kind=0"
	  " data.present=0xe a1=2 a2=6 a3=timeouts:0x80a,1:120,3:432000,11:300" },
	/* secmark object */
	{ "060001007400000008000200736563000800030000000008340004802d00010073797374656d5f75"
	  "3a6f626a6563745f723a7373685f7365727665725f7061636b65745f743a733000000000",
	  "family=1 present=0x1e table=t name=sec type=8 handle=0 use=0 udata=- data.kind=0"
	  " data.present=0x2 a1=system_u:object_r:ssh_server_packet_t:s0" },
	/* ct expectation object (timeout in host order) */
	{ "0600010074000000080002006578700008000300000000092c000480060001000002000005000200"
	  "06000000060003000016000008000400b80b00000500050002000000",
	  "family=1 present=0x1e table=t name=exp type=9 handle=0 use=0 udata=- data.kind=0"
	  " data.present=0x3e a1=2 a2=6 a3=22 a4=3000 a5=2" },
	/* synproxy object */
	{ "06000100740000000800020073796e00080003000000000a1c0004800600010005b4000005000200"
	  "070000000800030000000008",
	  "family=1 present=0x1e table=t name=syn type=10 handle=0 use=0 udata=- data.kind="
	  "33 data.present=0xe a1=1460 a2=7 a3=8" },
	/* object of an unknown type: no data */
	{ "0600010074000000080002006f6464000800030000000063",
	  "family=1 present=0xe table=t name=odd type=99 handle=0 use=0 udata=- data.kind=0"
	  " data.present=0" },
	/* quota object without data (a delete) */
	{ "060001007400000006000200710000000800030000000002",
	  "family=1 present=0xe table=t name=q type=2 handle=0 use=0 udata=- data.kind=0 da"
	  "ta.present=0" },
	/* flowtable with every attribute */
	{ "060001007400000007000200667400000c00050000000000000000033c0003800800010000000000"
	  "08000200fffffff628000380070001006c6f00000900010065746830000000000f00010076657468"
	  "2d706565723100000800070000000002",
	  "family=1 present=0xae table=t name=ft handle=3 hooknum=0 prio=-10 devs=3,lo,eth0"
	  ",veth-peer1 flags=2 use=0" },
	/* flowtable with one device and flags 0 present */
	{ "06000100740000000700020066740000240003800800010000000000080002000000000010000380"
	  "0900010065746830000000000800070000000000",
	  "family=1 present=0x8e table=t name=ft handle=0 hooknum=0 prio=0 devs=1,eth0 flag"
	  "s=0 use=0" },
	/* flowtable without its hook present */
	{ "06000100740000000700020066740000",
	  "family=1 present=0x6 table=t name=ft handle=0 hooknum=0 prio=0 devs=0 flags=0 us"
	  "e=0" },
};

static const char *hex_of(const uint8_t *p, size_t n)
{
	wr_reset(&H);
	for (size_t i = 0; i < n; i++)
		wr_printf(&H, "%02x", p[i]);
	return wr_cstr(&H);
}

/* s as C string literals of at most 80 characters, one a line, a line break
 * ending one */
static void print_c_string(const char *s, const char *indent)
{
	unsigned col = 0;
	putchar('"');
	for (; *s; s++) {
		if (col == 80) {
			printf("\"\n%s\"", indent);
			col = 0;
		}
		col++;
		if (*s == '\n') {
			printf("\\n");
			if (s[1])
				printf("\"\n%s\"", indent);
			col = 0;
			continue;
		}
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static void test_objects(void)
{
	struct object o, back;
	const char *name;
	for (unsigned n = 0; (name = object_at(n, &o)) != NULL; n++) {
		struct nl_buf b1, b2;
		nlbuf_init(&b1);
		nlbuf_init(&b2);
		encode(&b1, &o);
		int r = decode(o.kind, b1.p, b1.len, &o, &back);
		encode(&b2, &back);
		if (print_mode) {
			printf("\t/* %s */\n\t{ ", name);
			print_c_string(hex_of(b1.p, b1.len), "\t  ");
			printf(",\n\t  ");
			print_c_string(r < 0 ? "refused" : describe(&back), "\t  ");
			printf(" },\n");
		} else if (n >= sizeof(expected) / sizeof(expected[0])) {
			check(false, name);
		} else {
			char what[160];
			snprintf(what, sizeof(what), "%s: the bytes of f060c44", name);
			check(strcmp(hex_of(b1.p, b1.len), expected[n].hex) == 0, what);
			snprintf(what, sizeof(what), "%s: decoded as f060c44 decoded it", name);
			check(r == 0 && strcmp(describe(&back), expected[n].decoded) == 0, what);
			snprintf(what, sizeof(what), "%s: encode, decode, encode", name);
			check(b1.len == b2.len && memcmp(b1.p, b2.p, b1.len) == 0, what);
		}
		nlbuf_free(&b1);
		nlbuf_free(&b2);
	}
}

/* ---------------------------------------------------------------- hand-made messages */

static void put_name_devs(struct nl_buf *b, uint16_t attr, unsigned n)
{
	size_t devs = attr_nest_start(b, attr);
	for (unsigned i = 0; i < n; i++)
		attr_put_str(b, NFTA_DEVICE_NAME, three_devs[i % 3]);
	attr_nest_end(b, devs);
}

static void table_unnamed(struct nl_buf *b)
{
	attr_put_u32(b, NFTA_TABLE_FLAGS, 1);
	attr_put_u64(b, NFTA_TABLE_HANDLE, 2);
}

static void table_dumped(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	attr_put_u32(b, NFTA_TABLE_USE, 12);
	attr_put_u32(b, NFTA_TABLE_OWNER, 4242);
	attr_put_u32(b, 30, 1);                /* unknown: skipped */
	attr_put_u8(b, NFTA_TABLE_UNSPEC, 1);  /* no policy: skipped */
}

static void table_short_flags(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	attr_put_u16(b, NFTA_TABLE_FLAGS, 1);
}

static void table_owner_u64(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	attr_put_u64(b, NFTA_TABLE_OWNER, 1);
}

static void table_long_name(struct nl_buf *b)
{
	char name[300];
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	attr_put_str(b, NFTA_TABLE_NAME, name);
}

static void table_name_unterminated(struct nl_buf *b)
{
	attr_put(b, NFTA_TABLE_NAME, "abcd", 4);
}

static void table_udata_long(struct nl_buf *b)
{
	uint8_t u[257] = { 0 };
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	attr_put(b, NFTA_TABLE_USERDATA, u, sizeof(u));
}

static void table_twice(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "first");
	attr_put_str(b, NFTA_TABLE_NAME, "second");   /* the last one counts */
}

static void chain_hook_without_num(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_TABLE, "t");
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_PRIORITY, 0);
	attr_nest_end(b, h);
}

static void chain_dev_and_devs(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_TABLE, "t");
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	attr_put_u32(b, NFTA_CHAIN_USE, 7);
	size_t cnt = attr_nest_start(b, NFTA_CHAIN_COUNTERS);
	attr_put_u64(b, NFTA_COUNTER_BYTES, 1);
	attr_nest_end(b, cnt);
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_HOOKNUM, 0);
	attr_put_str(b, NFTA_HOOK_DEV, "dev0");
	put_name_devs(b, NFTA_HOOK_DEVS, 2);
	attr_nest_end(b, h);
}

static void chain_dev_alone(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_HOOKNUM, 1);
	attr_put_str(b, NFTA_HOOK_DEV, "dev0");
	put_name_devs(b, 9, 1);                /* unknown inside the hook: skipped */
	attr_nest_end(b, h);
}

static void chain_empty_devs(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_HOOKNUM, 1);
	attr_put_str(b, NFTA_HOOK_DEV, "dev0");
	put_name_devs(b, NFTA_HOOK_DEVS, 0);
	attr_nest_end(b, h);
}

static void chain_bad_dev(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_HOOKNUM, 1);
	size_t d = attr_nest_start(b, NFTA_HOOK_DEVS);
	attr_put(b, NFTA_DEVICE_NAME, "eth", 3);
	attr_nest_end(b, d);
	attr_nest_end(b, h);
}

static void chain_dev_too_long(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_NAME, "c");
	size_t h = attr_nest_start(b, NFTA_CHAIN_HOOK);
	attr_put_u32(b, NFTA_HOOK_HOOKNUM, 1);
	attr_put_str(b, NFTA_HOOK_DEV, "a-device-name-of-17");
	attr_nest_end(b, h);
}

static void chain_unnamed(struct nl_buf *b)
{
	attr_put_str(b, NFTA_CHAIN_TABLE, "t");
	attr_put_u32(b, NFTA_CHAIN_POLICY, 1);
}

static void rule_dumped(struct nl_buf *b)
{
	attr_put_str(b, NFTA_RULE_TABLE, "t");
	attr_put_str(b, NFTA_RULE_CHAIN, "c");
	attr_put_u32(b, NFTA_RULE_ID, 77);     /* validated, not kept */
	attr_put_u32(b, NFTA_RULE_CHAIN_ID, 3);
	size_t l = attr_nest_start(b, NFTA_RULE_EXPRESSIONS);
	attr_nest_end(b, l);
}

static void rule_bad_list(struct nl_buf *b)
{
	attr_put_str(b, NFTA_RULE_TABLE, "t");
	size_t l = attr_nest_start(b, NFTA_RULE_EXPRESSIONS);
	attr_put_u32(b, NFTA_LIST_ELEM + 1, 0);
	attr_nest_end(b, l);
}

static void rule_short_id(struct nl_buf *b)
{
	attr_put_u8(b, NFTA_RULE_POSITION_ID, 1);
}

static void set_unnamed(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_TABLE, "t");
	attr_put_u32(b, NFTA_SET_KEY_LEN, 4);
}

static void set_seventeen_fields(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_NAME, "s");
	size_t d = attr_nest_start(b, NFTA_SET_DESC);
	size_t c = attr_nest_start(b, NFTA_SET_DESC_CONCAT);
	for (int i = 0; i < 17; i++) {
		size_t f = attr_nest_start(b, NFTA_LIST_ELEM);
		attr_put_u32(b, NFTA_SET_FIELD_LEN, 4);
		attr_nest_end(b, f);
	}
	attr_nest_end(b, c);
	attr_nest_end(b, d);
}

static void set_field_without_len(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_NAME, "s");
	size_t d = attr_nest_start(b, NFTA_SET_DESC);
	size_t c = attr_nest_start(b, NFTA_SET_DESC_CONCAT);
	size_t f = attr_nest_start(b, NFTA_LIST_ELEM);
	attr_nest_end(b, f);
	attr_nest_end(b, c);
	attr_nest_end(b, d);
}

static void set_both_expr_forms(struct nl_buf *b)
{
	struct vm_exprs one = { 0 }, two = { 0 };
	add_counter(&one, 1, 1);
	add_counter(&two, 2, 2);
	add_quota(&two, 3);
	attr_put_str(b, NFTA_SET_NAME, "s");
	enc_expr_one(b, NFTA_SET_EXPR, &one.v[0]);
	enc_expr_list(b, NFTA_SET_EXPRESSIONS, &two);
}

static void set_desc_garbled(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_NAME, "s");
	attr_put(b, NFTA_SET_DESC, "\x01\x02", 2);
}

static void set_expr_one(struct nl_buf *b)
{
	struct vm_exprs one = { 0 };
	add_quota(&one, 8);
	attr_put_str(b, NFTA_SET_NAME, "s");
	size_t d = attr_nest_start(b, NFTA_SET_DESC);
	attr_put_u32(b, NFTA_SET_DESC_SIZE, 9);
	attr_nest_end(b, d);
	enc_expr_one(b, NFTA_SET_EXPR, &one.v[0]);
}

static void elems_keyless(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_ELEM_LIST_TABLE, "t");
	size_t l = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	size_t e = attr_nest_start(b, NFTA_LIST_ELEM);
	attr_put_u32(b, NFTA_SET_ELEM_FLAGS, NFT_SET_ELEM_INTERVAL_END);
	attr_nest_end(b, e);
	attr_nest_end(b, l);
}

static void elems_expr_forms(struct nl_buf *b)
{
	struct vm_exprs one = { 0 }, two = { 0 };
	add_counter(&one, 1, 1);
	add_counter(&two, 2, 2);
	add_quota(&two, 3);
	attr_put_str(b, NFTA_SET_ELEM_LIST_SET, "s");
	size_t l = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	size_t e = attr_nest_start(b, NFTA_LIST_ELEM);
	enc_value(b, NFTA_SET_ELEM_KEY, k10, 4);
	enc_expr_one(b, NFTA_SET_ELEM_EXPR, &one.v[0]);
	attr_nest_end(b, e);
	e = attr_nest_start(b, NFTA_LIST_ELEM);
	enc_value(b, NFTA_SET_ELEM_KEY, k11, 4);
	enc_expr_one(b, NFTA_SET_ELEM_EXPR, &one.v[0]);
	enc_expr_list(b, NFTA_SET_ELEM_EXPRESSIONS, &two);
	attr_nest_end(b, e);
	attr_nest_end(b, l);
}

static void elems_verdict_key(struct nl_buf *b)
{
	size_t l = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	size_t e = attr_nest_start(b, NFTA_LIST_ELEM);
	enc_data(b, NFTA_SET_ELEM_KEY, verdict(NF_DROP, NULL));
	attr_nest_end(b, e);
	attr_nest_end(b, l);
}

static void elems_wrong_list(struct nl_buf *b)
{
	size_t l = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	size_t e = attr_nest_start(b, NFTA_LIST_ELEM);
	enc_value(b, NFTA_SET_ELEM_KEY, k10, 4);
	attr_nest_end(b, e);
	e = attr_nest_start(b, NFTA_LIST_ELEM + 1);
	attr_nest_end(b, e);
	attr_nest_end(b, l);
}

static void elems_no_list(struct nl_buf *b)
{
	attr_put_str(b, NFTA_SET_ELEM_LIST_TABLE, "t");
	attr_put_u32(b, NFTA_SET_ELEM_LIST_SET_ID, 1);
}

static void elems_bad_head(struct nl_buf *b)
{
	attr_put_u64(b, NFTA_SET_ELEM_LIST_SET_ID, 1);
	size_t l = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	attr_nest_end(b, l);
}

static void obj_unknown_type(struct nl_buf *b)
{
	attr_put_str(b, NFTA_OBJ_TABLE, "t");
	attr_put_str(b, NFTA_OBJ_NAME, "o");
	attr_put_u32(b, NFTA_OBJ_TYPE, 99);
	attr_put_u32(b, NFTA_OBJ_USE, 4);
	size_t d = attr_nest_start(b, NFTA_OBJ_DATA);
	attr_put_u8(b, 1, 1);
	attr_nest_end(b, d);
}

static void obj_data_before_type(struct nl_buf *b)
{
	size_t d = attr_nest_start(b, NFTA_OBJ_DATA);
	attr_put_u64(b, NFTA_COUNTER_BYTES, 5);
	attr_nest_end(b, d);
	attr_put_str(b, NFTA_OBJ_NAME, "o");
	attr_put_u32(b, NFTA_OBJ_TYPE, NFT_OBJECT_COUNTER);
}

static void obj_bad_data(struct nl_buf *b)
{
	attr_put_str(b, NFTA_OBJ_NAME, "o");
	attr_put_u32(b, NFTA_OBJ_TYPE, NFT_OBJECT_COUNTER);
	size_t d = attr_nest_start(b, NFTA_OBJ_DATA);
	attr_put_u32(b, NFTA_COUNTER_BYTES, 5);
	attr_nest_end(b, d);
}

static void obj_bad_timeout(struct nl_buf *b)
{
	attr_put_str(b, NFTA_OBJ_NAME, "o");
	attr_put_u32(b, NFTA_OBJ_TYPE, NFT_OBJECT_CT_TIMEOUT);
	size_t d = attr_nest_start(b, NFTA_OBJ_DATA);
	size_t t = attr_nest_start(b, NFTA_CT_TIMEOUT_DATA);
	attr_put_u32(b, 2, 5);
	attr_put_u32(b, 20, 5);                /* past the states: skipped */
	attr_put_u64(b, 3, 5);
	attr_nest_end(b, t);
	attr_nest_end(b, d);
}

static void obj_unnamed(struct nl_buf *b)
{
	attr_put_str(b, NFTA_OBJ_TABLE, "t");
}

static void flowtable_dumped(struct nl_buf *b)
{
	attr_put_str(b, NFTA_FLOWTABLE_TABLE, "t");
	attr_put_str(b, NFTA_FLOWTABLE_NAME, "f");
	attr_put_u32(b, NFTA_FLOWTABLE_USE, 2);
	size_t h = attr_nest_start(b, NFTA_FLOWTABLE_HOOK);
	attr_put_u32(b, NFTA_FLOWTABLE_HOOK_PRIORITY, (uint32_t)-5);
	put_name_devs(b, NFTA_FLOWTABLE_HOOK_DEVS, 2);
	attr_nest_end(b, h);
}

static void flowtable_bad_dev(struct nl_buf *b)
{
	attr_put_str(b, NFTA_FLOWTABLE_NAME, "f");
	size_t h = attr_nest_start(b, NFTA_FLOWTABLE_HOOK);
	size_t d = attr_nest_start(b, NFTA_FLOWTABLE_HOOK_DEVS);
	attr_put_str(b, NFTA_DEVICE_NAME + 1, "eth0");
	attr_nest_end(b, d);
	attr_nest_end(b, h);
}

static void flowtable_bad_hook(struct nl_buf *b)
{
	attr_put_str(b, NFTA_FLOWTABLE_NAME, "f");
	size_t h = attr_nest_start(b, NFTA_FLOWTABLE_HOOK);
	attr_put_u8(b, NFTA_FLOWTABLE_HOOK_NUM, 1);
	attr_nest_end(b, h);
}

static void flowtable_unnamed(struct nl_buf *b)
{
	attr_put_str(b, NFTA_FLOWTABLE_TABLE, "t");
}

static void table_unpadded(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	b->len -= 2;                           /* the last attribute needs none */
}

static void table_cut_short(struct nl_buf *b)
{
	attr_put_str(b, NFTA_TABLE_NAME, "t");
	b->len -= 4;
}

static const struct {
	const char *name;
	enum kind kind;
	void (*build)(struct nl_buf *b);
} decode_inputs[] = {
	{ "table without a name", K_TABLE, table_unnamed },
	{ "table as dumped, unknown attributes skipped", K_TABLE, table_dumped },
	{ "table with 2-byte flags", K_TABLE, table_short_flags },
	{ "table with an 8-byte owner", K_TABLE, table_owner_u64 },
	{ "table with a 300-byte name", K_TABLE, table_long_name },
	{ "table with an unterminated name", K_TABLE, table_name_unterminated },
	{ "table with 257 bytes of userdata", K_TABLE, table_udata_long },
	{ "table named twice", K_TABLE, table_twice },
	{ "table without its last padding", K_TABLE, table_unpadded },
	{ "table cut short", K_TABLE, table_cut_short },
	{ "chain hook without a hook number", K_CHAIN, chain_hook_without_num },
	{ "chain with a device and a device list", K_CHAIN, chain_dev_and_devs },
	{ "chain with one device", K_CHAIN, chain_dev_alone },
	{ "chain with a device and an empty list", K_CHAIN, chain_empty_devs },
	{ "chain with an unterminated device", K_CHAIN, chain_bad_dev },
	{ "chain with a 20-byte device", K_CHAIN, chain_dev_too_long },
	{ "chain without a name", K_CHAIN, chain_unnamed },
	{ "rule as dumped", K_RULE, rule_dumped },
	{ "rule with a garbled expression list", K_RULE, rule_bad_list },
	{ "rule with a 1-byte position id", K_RULE, rule_short_id },
	{ "set without a name", K_SET, set_unnamed },
	{ "set with seventeen fields", K_SET, set_seventeen_fields },
	{ "set field without a length", K_SET, set_field_without_len },
	{ "set with both forms of expressions", K_SET, set_both_expr_forms },
	{ "set with a garbled description", K_SET, set_desc_garbled },
	{ "set with one expression, size only", K_SET, set_expr_one },
	{ "element without a key", K_ELEMS, elems_keyless },
	{ "elements with both forms of expressions", K_ELEMS, elems_expr_forms },
	{ "element with a verdict for a key", K_ELEMS, elems_verdict_key },
	{ "elements with a stranger in the list", K_ELEMS, elems_wrong_list },
	{ "element list header without elements", K_ELEMS, elems_no_list },
	{ "element list header with an 8-byte set id", K_ELEMS, elems_bad_head },
	{ "object of an unknown type", K_OBJ, obj_unknown_type },
	{ "object data before its type", K_OBJ, obj_data_before_type },
	{ "counter object with a 4-byte counter", K_OBJ, obj_bad_data },
	{ "ct timeout with an 8-byte state", K_OBJ, obj_bad_timeout },
	{ "object without a name", K_OBJ, obj_unnamed },
	{ "flowtable as dumped", K_FLOWTABLE, flowtable_dumped },
	{ "flowtable with a stranger among its devices", K_FLOWTABLE, flowtable_bad_dev },
	{ "flowtable with a 1-byte hook number", K_FLOWTABLE, flowtable_bad_hook },
	{ "flowtable without a name", K_FLOWTABLE, flowtable_unnamed },
};

/* What the decoders of f060c44 made of each input above: describe(), or "refused"
 * (by `object_codec_test --print`). */
static const char *const decoded[] = {
	/* table without a name */
	"refused",
	/* table as dumped, unknown attributes skipped */
	"family=1 present=0x8a name=t flags=0 handle=0 use=12 udata=-",
	/* table with 2-byte flags */
	"refused",
	/* table with an 8-byte owner */
	"refused",
	/* table with a 300-byte name */
	"refused",
	/* table with an unterminated name */
	"refused",
	/* table with 257 bytes of userdata */
	"refused",
	/* table named twice */
	"family=1 present=0x2 name=second flags=0 handle=0 use=0 udata=-",
	/* table without its last padding */
	"family=1 present=0x2 name=t flags=0 handle=0 use=0 udata=-",
	/* table cut short */
	"refused",
	/* chain hook without a hook number */
	"refused",
	/* chain with a device and a device list */
	"family=1 present=0x15a table=t name=c handle=0 id=0 has_hook=1 hooknum=0 prio=0 "
	"type=- devs=2,lo,eth0 policy=0 flags=0 use=7 udata=-",
	/* chain with one device */
	"family=1 present=0x18 table=- name=c handle=0 id=0 has_hook=1 hooknum=1 prio=0 t"
	"ype=- devs=1,dev0 policy=0 flags=0 use=0 udata=-",
	/* chain with a device and an empty list */
	"family=1 present=0x18 table=- name=c handle=0 id=0 has_hook=1 hooknum=1 prio=0 t"
	"ype=- devs=0 policy=0 flags=0 use=0 udata=-",
	/* chain with an unterminated device */
	"refused",
	/* chain with a 20-byte device */
	"refused",
	/* chain without a name */
	"refused",
	/* rule as dumped */
	"family=1 present=0xa16 table=t chain=c chain_id=3 handle=0 position=0 position_i"
	"d=0 udata=- exprs=0{}",
	/* rule with a garbled expression list */
	"refused",
	/* rule with a 1-byte position id */
	"refused",
	/* set without a name */
	"refused",
	/* set with seventeen fields */
	"refused",
	/* set field without a length */
	"refused",
	/* set with both forms of expressions */
	"family=1 present=0x60004 table=- name=s handle=0 id=0 flags=0 key=0/0 data=0/0 o"
	"bjtype=0 policy=0 size=0 fields=0 timeout=0 gc=0 udata=- exprs=2{  [ counter pkt"
	"s 2 bytes 2 ]\n"
	"  [ quota bytes 3 consumed 0 flags 0 ]\n"
	"}",
	/* set with a garbled description */
	"refused",
	/* set with one expression, size only */
	"family=1 present=0x20204 table=- name=s handle=0 id=0 flags=0 key=0/0 data=0/0 o"
	"bjtype=0 policy=0 size=9 fields=0 timeout=0 gc=0 udata=- exprs=1{  [ quota bytes"
	" 8 consumed 0 flags 0 ]\n"
	"}",
	/* element without a key */
	"refused",
	/* elements with both forms of expressions */
	"elems=2 [present=0x82 key=0a000001/4 key_end=- data=- flags=0 timeout=0 expirati"
	"on=0 udata=- objref=- exprs=1{  [ counter pkts 1 bytes 1 ]\n"
	"}] [present=0x882 key=0a0000ff/4 key_end=- data=- flags=0 timeout=0 expiration=0"
	" udata=- objref=- exprs=2{  [ counter pkts 2 bytes 2 ]\n"
	"  [ quota bytes 3 consumed 0 flags 0 ]\n"
	"}]",
	/* element with a verdict for a key */
	"refused",
	/* elements with a stranger in the list */
	"refused",
	/* element list header without elements */
	"elems=0",
	/* element list header with an 8-byte set id */
	"refused",
	/* object of an unknown type */
	"family=1 present=0x3e table=t name=o type=99 handle=0 use=4 udata=- data.kind=0 "
	"data.present=0",
	/* object data before its type */
	"family=1 present=0x1c table=- name=o type=1 handle=0 use=0 udata=- data.kind=10 "
	"data.present=0x2 a1=5",
	/* counter object with a 4-byte counter */
	"refused",
	/* ct timeout with an 8-byte state */
	"refused",
	/* object without a name */
	"refused",
	/* flowtable as dumped */
	"family=1 present=0x1e table=t name=f handle=0 hooknum=0 prio=-5 devs=2,lo,eth0 f"
	"lags=0 use=2",
	/* flowtable with a stranger among its devices */
	"refused",
	/* flowtable with a 1-byte hook number */
	"refused",
	/* flowtable without a name */
	"refused",
};

static void test_decoders(void)
{
	unsigned n = sizeof(decode_inputs) / sizeof(decode_inputs[0]);
	for (unsigned i = 0; i < n; i++) {
		struct nl_buf b;
		struct object out;
		nlbuf_init(&b);
		decode_inputs[i].build(&b);
		int r = decode(decode_inputs[i].kind, b.p, b.len, NULL, &out);
		const char *got = r < 0 ? "refused" : describe(&out);
		if (print_mode) {
			printf("\t/* %s */\n\t", decode_inputs[i].name);
			print_c_string(got, "\t");
			printf(",\n");
		} else {
			bool ok = i < sizeof(decoded) / sizeof(decoded[0]) &&
				  strcmp(got, decoded[i]) == 0;
			if (!ok)
				fprintf(stderr, "# got: %s\n", got);
			check(ok, decode_inputs[i].name);
		}
		nlbuf_free(&b);
	}
}

int main(int argc, char **argv)
{
	print_mode = argc > 1 && strcmp(argv[1], "--print") == 0;
	arena_init(&A, 1 << 16);
	writer_init_mem(&W);
	writer_init_mem(&H);
	if (print_mode)
		printf("/* expected[] */\n");
	test_objects();
	if (print_mode)
		printf("/* decoded[] */\n");
	test_decoders();
	writer_free(&W);
	writer_free(&H);
	arena_free(&A);
	if (!print_mode)
		printf("1..%d\n", test_no);
	return failures ? 1 : 0;
}
