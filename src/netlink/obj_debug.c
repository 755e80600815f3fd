/* `nft -d netlink` lines of named objects and flowtables in a batch, in libnftnl's
 * layout: "table T name N use 0 [ counter pkts 1 bytes 2 ]". */
#include <ctype.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "obj_data.h"
#include "../util/writer.h"

static void debug_timeouts(const struct nl_obj *o, struct writer *w)
{
	const struct obj_timeouts *t = obj_timeouts(o);
	const struct ct_timeout_proto *p =
		ct_timeout_proto((uint8_t)vm_get_u(&o->data, NFTA_CT_TIMEOUT_L4PROTO));
	wr_puts(w, " policy = {");
	for (unsigned i = 1; t && p && i <= p->nstates; i++) {
		if (!((t->present >> i) & 1))
			continue;
		for (const char *c = p->names[i - 1]; *c; c++)
			wr_putc(w, (char)toupper((unsigned char)*c));
		wr_printf(w, " = %u,", t->v[i]);
	}
	wr_puts(w, "}");
}

/* Each type's line: its word, then its attributes in order, each as "label value"
 * (a number, or a string when `str`). */
struct debug_field { const char *label; uint16_t attr; bool str; };
static const struct obj_debug_row {
	uint32_t type;
	const char *word;
	struct debug_field f[5];
} debug_rows[] = {
	{ NFT_OBJECT_COUNTER, "counter",
	  { { "pkts", NFTA_COUNTER_PACKETS }, { "bytes", NFTA_COUNTER_BYTES } } },
	{ NFT_OBJECT_QUOTA, "quota",
	  { { "bytes", NFTA_QUOTA_BYTES }, { "flags", NFTA_QUOTA_FLAGS } } },
	{ NFT_OBJECT_LIMIT, "limit",
	  { { "rate", NFTA_LIMIT_RATE }, { "unit", NFTA_LIMIT_UNIT }, { "burst", NFTA_LIMIT_BURST },
	    { "type", NFTA_LIMIT_TYPE }, { "flags", NFTA_LIMIT_FLAGS } } },
	{ NFT_OBJECT_CT_HELPER, "ct_helper",
	  { { "name", NFTA_CT_HELPER_NAME, true }, { "family", NFTA_CT_HELPER_L3PROTO },
	    { "protocol", NFTA_CT_HELPER_L4PROTO } } },
	{ NFT_OBJECT_CT_TIMEOUT, "ct_timeout",
	  { { "family", NFTA_CT_TIMEOUT_L3PROTO }, { "protocol", NFTA_CT_TIMEOUT_L4PROTO } } },
	{ NFT_OBJECT_CT_EXPECT, "ct_expect",
	  { { "family", NFTA_CT_EXPECT_L3PROTO }, { "protocol", NFTA_CT_EXPECT_L4PROTO },
	    { "dport", NFTA_CT_EXPECT_DPORT }, { "timeout", NFTA_CT_EXPECT_TIMEOUT },
	    { "size", NFTA_CT_EXPECT_SIZE } } },
	{ NFT_OBJECT_SYNPROXY, "synproxy",
	  { { "mss", NFTA_SYNPROXY_MSS }, { "wscale", NFTA_SYNPROXY_WSCALE } } },
	{ NFT_OBJECT_SECMARK, "secmark", { { "context", NFTA_SECMARK_CTX, true } } },
};

void obj_debug_print(const struct nl_obj *o, struct writer *w)
{
	const struct vm_expr *e = &o->data;
	const struct obj_debug_row *row = NULL;
	wr_printf(w, "table %s name %s use %u [ ", o->table ? o->table : "(null)",
		  o->name ? o->name : "(null)", o->use);
	for (size_t i = 0; i < sizeof(debug_rows) / sizeof(debug_rows[0]); i++)
		if (debug_rows[i].type == o->type)
			row = &debug_rows[i];
	if (!row) {
		wr_printf(w, "type %u ]\n", o->type);
		return;
	}
	wr_puts(w, row->word);
	for (const struct debug_field *f = row->f; f < row->f + 5 && f->label; f++) {
		const char *str = f->str ? vm_get_str(e, f->attr) : NULL;
		if (f->str)
			wr_printf(w, " %s %s", f->label, str ? str : "");
		else
			wr_printf(w, " %s %" PRIu64, f->label, vm_get_u(e, f->attr));
	}
	/* libnftnl closes a timeout policy's braces against the bracket */
	if (o->type == NFT_OBJECT_CT_TIMEOUT)
		debug_timeouts(o, w);
	wr_puts(w, o->type == NFT_OBJECT_CT_TIMEOUT ? "]\n" : " ]\n");
}

void flowtable_debug_print(const struct nl_flowtable *f, struct writer *w)
{
	wr_printf(w, "flow table %s %s use %u size 0 flags %x hook ingress prio %d ",
		  f->table ? f->table : "(null)", f->name ? f->name : "(null)", f->use, f->flags,
		  f->prio);
	if (f->ndevs) {
		wr_puts(w, " dev { ");
		for (uint32_t i = 0; i < f->ndevs; i++)
			wr_printf(w, " %s ", f->devs[i]);
		wr_puts(w, " } ");
	}
	wr_putc(w, '\n');
}
