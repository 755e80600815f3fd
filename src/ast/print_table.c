/* Printer: tables, chains and sets laid out as `nft list` lays them out — tabs,
 * blank lines between objects, priorities by name, set declarations with their
 * elements wrapped as nft wraps them. */
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"
#include "print_obj.h"
#include "../util/tlv.h"

#define UDATA_COMMENT_TABLE 0
#define UDATA_COMMENT_CHAIN 0
#define UDATA_COMMENT_SET 7
#define UDATA_SET_MERGE_ELEMENTS 2
#define UDATA_SET_KEY_TYPEOF 3
#define UDATA_SET_DATA_TYPEOF 4
#define NFT_DATA_VERDICT_TYPE 0xffffff00u

static const char *udata_string(const uint8_t *p, uint32_t len, uint8_t type, char *buf,
				size_t bufsz)
{
	uint8_t l = 0;
	const uint8_t *v = tlv_find(p, len, type, &l);
	if (!v || !l)
		return NULL;
	size_t n = l < bufsz ? l : bufsz - 1;
	memcpy(buf, v, n);
	buf[n] = 0;
	return buf;
}

/* The set's MERGE_ELEMENTS userdata, as nft writes it. */
static bool set_auto_merge(const uint8_t *p, uint32_t len)
{
	uint32_t v = 0;
	return tlv_u32(p, len, UDATA_SET_MERGE_ELEMENTS, &v) && v;
}

/* ------------------------------------------------------------ chains */

static const char *hook_name(uint32_t family, uint32_t hook)
{
	static const char *const inet[] = { "prerouting", "input", "forward", "output",
					     "postrouting", "ingress" };
	static const char *const arp[] = { "input", "output", "forward" };
	static const char *const netdev[] = { "ingress", "egress" };
	switch (family) {
	case NFPROTO_ARP:
		return hook < 3 ? arp[hook] : "unknown";
	case NFPROTO_NETDEV:
		return hook < 2 ? netdev[hook] : "unknown";
	default:
		return hook < 6 ? inet[hook] : "unknown";
	}
}

/* Standard priorities: one row per name, with the families and hooks it applies to. */
struct std_prio {
	const char *name;
	int32_t value;
	uint32_t families;   /* bit per NFPROTO_* */
	uint32_t hooks;      /* bit per hook number; 0: all */
};
#define FAM(x) (1u << (x))
#define F_INET (FAM(NFPROTO_IPV4) | FAM(NFPROTO_IPV6) | FAM(NFPROTO_INET))
static const struct std_prio std_prios[] = {
	{ "raw", -300, F_INET, 0 },
	{ "mangle", -150, F_INET, 0 },
	{ "dstnat", -100, F_INET, 1u << NF_INET_PRE_ROUTING },
	{ "filter", 0, F_INET | FAM(NFPROTO_ARP) | FAM(NFPROTO_NETDEV), 0 },
	{ "security", 50, F_INET, 0 },
	{ "srcnat", 100, F_INET, 1u << NF_INET_POST_ROUTING },
	{ "dstnat", -300, FAM(NFPROTO_BRIDGE), 1u << NF_INET_PRE_ROUTING },
	{ "filter", -200, FAM(NFPROTO_BRIDGE), 0 },
	{ "out", 100, FAM(NFPROTO_BRIDGE), 1u << NF_INET_LOCAL_OUT },
	{ "srcnat", 300, FAM(NFPROTO_BRIDGE), 1u << NF_INET_POST_ROUTING },
};

static void print_prio(uint32_t family, uint32_t hook, int32_t prio,
		       const struct print_opts *po, struct writer *w)
{
	if (!po->numeric_prio && family < 32) {
		for (unsigned i = 0; i < sizeof(std_prios) / sizeof(std_prios[0]); i++) {
			const struct std_prio *p = &std_prios[i];
			if (!(p->families & FAM(family)))
				continue;
			if (p->hooks && (hook >= 32 || !(p->hooks & (1u << hook))))
				continue;
			int64_t off = (int64_t)prio - p->value;   /* any kernel value, no overflow */
			if (off < -10 || off > 10)
				continue;
			if (!off)
				wr_puts(w, p->name);
			else
				wr_printf(w, "%s %c %d", p->name, off > 0 ? '+' : '-',
					  (int)(off > 0 ? off : -off));
			return;
		}
	}
	wr_printf(w, "%d", prio);
}

void print_chain(const struct listed_chain *lc, uint32_t family, const struct print_opts *po,
		 struct writer *w)
{
	static const struct print_opts none;
	const struct nl_chain *c = lc->chain;
	char buf[260];
	if (!po)
		po = &none;
	wr_printf(w, "\tchain %s {", c->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, c->handle);
	const char *comment = udata_string(c->udata, c->udata_len, UDATA_COMMENT_CHAIN, buf,
					   sizeof(buf));
	if (comment) {
		wr_puts(w, "\n\t\tcomment ");
		print_quoted(comment, w);
	}
	wr_putc(w, '\n');
	if (c->has_hook) {
		wr_printf(w, "\t\ttype %s hook %s", c->type ? c->type : "filter",
			  hook_name(family, c->hooknum));
		if (c->ndevs == 1) {
			wr_puts(w, " device ");
			print_quoted(c->devs[0], w);
		} else if (c->ndevs > 1) {
			wr_puts(w, " devices = { ");
			for (uint32_t i = 0; i < c->ndevs; i++)
				wr_printf(w, "%s%s", i ? ", " : "", c->devs[i]);
			wr_puts(w, " }");
		}
		wr_puts(w, " priority ");
		print_prio(family, c->hooknum, c->prio, po, w);
		wr_printf(w, "; policy %s;", c->policy == NF_DROP ? "drop" : "accept");
		if (c->flags & NFT_CHAIN_HW_OFFLOAD)
			wr_puts(w, " flags offload;");
		wr_putc(w, '\n');
	}
	for (uint32_t i = 0; i < lc->nrules; i++) {
		wr_puts(w, "\t\t");
		print_rule(lc->rules[i], po, w);
		wr_putc(w, '\n');
	}
	const struct rule *ru;
	while (lc->next_rule && (ru = lc->next_rule(lc->rules_priv)) != NULL) {
		wr_puts(w, "\t\t");
		print_rule(ru, po, w);
		wr_putc(w, '\n');
	}
	wr_puts(w, "\t}\n");
}

/* ------------------------------------------------------------ sets */

static void print_type_id(uint32_t id, struct writer *w)
{
	if (id == NFT_DATA_VERDICT_TYPE) {
		wr_puts(w, "verdict");
		return;
	}
	uint32_t ids[8], n = 0;
	if (id < (1u << TYPE_BITS))
		ids[n++] = id;
	else
		for (uint32_t t = id; t && n < 8; t >>= TYPE_BITS)
			ids[n++] = t & ((1u << TYPE_BITS) - 1);
	for (uint32_t i = 0; i < n; i++) {
		const struct datatype *dt = datatype_by_id(ids[n - 1 - i]);
		wr_printf(w, "%s%s", i ? " . " : "", dt ? dt->name : "invalid");
	}
}

static const char *objtype_word(uint32_t t)
{
	switch (t) {
	case NFT_OBJECT_COUNTER: return "counter";
	case NFT_OBJECT_QUOTA: return "quota";
	case NFT_OBJECT_LIMIT: return "limit";
	case NFT_OBJECT_CT_HELPER: return "ct helper";
	case NFT_OBJECT_CT_TIMEOUT: return "ct timeout";
	case NFT_OBJECT_CT_EXPECT: return "ct expectation";
	case NFT_OBJECT_SECMARK: return "secmark";
	case NFT_OBJECT_SYNPROXY: return "synproxy";
	}
	return "unknown";
}

/* nft's wrapping of set elements: short types five or two to a line, the rest one. */
static unsigned elems_per_line(const struct expr *elems)
{
	const struct expr *first = elems->list.n ? elems->list.v[0] : NULL;
	if (first && first->kind == EXPR_MAPPING)
		first = first->bin.left;
	if (first && first->kind == EXPR_SET_ELEM)
		first = first->elem.key;
	if (!first || !first->dtype || first->kind == EXPR_CONCAT)
		return 1;
	switch (first->dtype->id) {
	case TYPE_NFPROTO: case TYPE_INTEGER: case TYPE_ARPOP: case TYPE_INET_PROTOCOL:
	case TYPE_INET_SERVICE: case TYPE_TCP_FLAG: case TYPE_DCCP_PKTTYPE: case TYPE_MARK:
	case TYPE_IFINDEX: case TYPE_CLASSID: case TYPE_UID: case TYPE_GID: case TYPE_CT_DIR:
		return 5;
	case TYPE_IPADDR: case TYPE_CT_STATE: case TYPE_CT_STATUS: case TYPE_PKTTYPE:
		return 2;
	default:
		return 1;
	}
}

/* Where a listing of elements is: they may arrive in several chunks. */
struct elems_out {
	unsigned per, count;
	bool any;
};

static void print_set_elements(struct elems_out *eo, const struct expr *elems,
			       const struct print_opts *po, struct writer *w)
{
	for (uint32_t i = 0; i < elems->list.n; i++) {
		if (!eo->any) {
			eo->per = elems_per_line(elems);
			eo->any = true;
			wr_puts(w, "\t\telements = { ");
		} else if (++eo->count >= eo->per) {
			wr_puts(w, ",\n\t\t\t     ");
			eo->count = 0;
		} else {
			wr_puts(w, ", ");
		}
		print_expr(elems->list.v[i], po, w);
	}
}

void print_set(const struct listed_set *ls, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	const struct nl_set *s = ls->set;
	bool is_map = s->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
	char buf[260];
	if (!po)
		po = &none;
	wr_printf(w, "\t%s %s {", is_map ? "map" : "set", s->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, s->handle);
	/* typeof when the userdata describes the key (and data) that way */
	struct writer key;
	writer_init_mem(&key);
	bool key_typeof = print_typeof(s->udata, s->udata_len, UDATA_SET_KEY_TYPEOF, &key);
	bool data_typeof = !(s->flags & NFT_SET_MAP) || s->data_type == NFT_DATA_VERDICT_TYPE ||
			   print_typeof(s->udata, s->udata_len, UDATA_SET_DATA_TYPEOF, &key);
	writer_free(&key);
	if (key_typeof && data_typeof) {
		wr_puts(w, "\n\t\ttypeof ");
		print_typeof(s->udata, s->udata_len, UDATA_SET_KEY_TYPEOF, w);
	} else {
		wr_puts(w, "\n\t\ttype ");
		print_type_id(s->key_type, w);
	}
	if (s->flags & NFT_SET_MAP) {
		wr_puts(w, " : ");
		if (key_typeof && data_typeof && s->data_type != NFT_DATA_VERDICT_TYPE)
			print_typeof(s->udata, s->udata_len, UDATA_SET_DATA_TYPEOF, w);
		else
			print_type_id(s->data_type, w);
	} else if (s->flags & NFT_SET_OBJECT) {
		wr_printf(w, " : %s", objtype_word(s->objtype));
	}
	wr_putc(w, '\n');
	if (s->policy == NFT_SET_POL_MEMORY)
		wr_puts(w, "\t\tpolicy memory\n");
	if (s->desc_size)
		wr_printf(w, "\t\tsize %u\n", s->desc_size);
	static const struct { uint32_t bit; const char *name; } flags[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_EVAL, "dynamic" },
		{ NFT_SET_INTERVAL, "interval" }, { NFT_SET_TIMEOUT, "timeout" },
	};
	const char *sep = "\t\tflags ";
	/* `timeout 1m` alone implies the timeout flag: nft does not repeat it */
	bool other = s->flags & (NFT_SET_CONSTANT | NFT_SET_EVAL | NFT_SET_INTERVAL);
	for (unsigned i = 0; i < 4; i++)
		if ((s->flags & flags[i].bit) &&
		    !(flags[i].bit == NFT_SET_TIMEOUT && !other && s->timeout)) {
			wr_printf(w, "%s%s", sep, flags[i].name);
			sep = ",";
		}
	if (sep[0] == ',')
		wr_putc(w, '\n');
	/* set-wide stateful expressions: their kind only (`counter`) */
	for (uint32_t i = 0; s->exprs && i < s->exprs->n; i++) {
		static const char *const names[VM_KIND_MAX] = {
			[VM_COUNTER] = "counter", [VM_LAST] = "last",
		};
		enum vm_kind k = s->exprs->v[i].kind;
		if (k < VM_KIND_MAX && names[k])
			wr_printf(w, "\t\t%s\n", names[k]);
	}
	if (set_auto_merge(s->udata, s->udata_len))
		wr_puts(w, "\t\tauto-merge\n");
	if (s->timeout) {
		wr_puts(w, "\t\ttimeout ");
		print_time_ms(s->timeout, w);
		wr_putc(w, '\n');
	}
	if (s->gc_interval) {
		wr_puts(w, "\t\tgc-interval ");
		print_time_ms(s->gc_interval, w);
		wr_putc(w, '\n');
	}
	const char *comment = udata_string(s->udata, s->udata_len, UDATA_COMMENT_SET, buf,
					   sizeof(buf));
	if (comment) {
		wr_puts(w, "\t\tcomment ");
		print_quoted(comment, w);
		wr_putc(w, '\n');
	}
	struct elems_out eo = { 0 };
	if (ls->next_elems) {
		const struct expr *chunk;
		while ((chunk = ls->next_elems(ls->elems_priv)) != NULL)
			print_set_elements(&eo, chunk, po, w);
	} else if (ls->elems) {
		print_set_elements(&eo, ls->elems, po, w);
	}
	if (eo.any)
		wr_puts(w, " }\n");
	wr_puts(w, "\t}\n");
}

/* ------------------------------------------------------------ tables */

void print_table_header(const struct nl_table *t, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	char buf[260];
	if (!po)
		po = &none;
	const char *fam = family_name(t->family);
	wr_printf(w, "table %s %s {", fam ? fam : "unknown", t->name);
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, t->handle);
	wr_putc(w, '\n');
	if (t->flags & NFT_TABLE_F_DORMANT)
		wr_puts(w, "\tflags dormant\n");  /* print_table adds a blank line after it */
	const char *comment = udata_string(t->udata, t->udata_len, UDATA_COMMENT_TABLE, buf,
					   sizeof(buf));
	if (comment) {
		wr_puts(w, "\tcomment ");
		print_quoted(comment, w);
		wr_putc(w, '\n');
	}
}

void print_table(const struct listed_table *t, const struct print_opts *po, struct writer *w)
{
	/* table flags are followed by a blank line, the comment is not */
	bool first = !(t->table->flags & NFT_TABLE_F_DORMANT);
	print_table_header(t->table, po, w);
	for (uint32_t i = 0; i < t->nobjs; i++) {
		if (!first)
			wr_putc(w, '\n');
		first = false;
		print_obj(&t->objs[i], po, w);
	}
	for (uint32_t i = 0; i < t->nsets; i++) {
		if (t->sets[i].set->flags & NFT_SET_ANONYMOUS)
			continue;
		if (!first)
			wr_putc(w, '\n');
		first = false;
		print_set(&t->sets[i], po, w);
	}
	for (uint32_t i = 0; i < t->nflowtables; i++) {
		if (!first)
			wr_putc(w, '\n');
		first = false;
		print_flowtable(&t->flowtables[i], po, w);
	}
	for (uint32_t i = 0; i < t->nchains; i++) {
		if (!first)
			wr_putc(w, '\n');
		first = false;
		print_chain(&t->chains[i], t->table->family, po, w);
	}
	wr_puts(w, "}\n");
}
