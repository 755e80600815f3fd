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

void obj_debug_print(const struct nl_obj *o, struct writer *w)
{
	const struct vm_expr *e = &o->data;
	wr_printf(w, "table %s name %s use %u [ ", o->table ? o->table : "(null)",
		  o->name ? o->name : "(null)", o->use);
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		wr_printf(w, "counter pkts %" PRIu64 " bytes %" PRIu64,
			  vm_get_u(e, NFTA_COUNTER_PACKETS), vm_get_u(e, NFTA_COUNTER_BYTES));
		break;
	case NFT_OBJECT_QUOTA:
		wr_printf(w, "quota bytes %" PRIu64 " flags %" PRIu64,
			  vm_get_u(e, NFTA_QUOTA_BYTES), vm_get_u(e, NFTA_QUOTA_FLAGS));
		break;
	case NFT_OBJECT_LIMIT:
		wr_printf(w, "limit rate %" PRIu64 " unit %" PRIu64 " burst %" PRIu64
			  " type %" PRIu64 " flags %" PRIu64,
			  vm_get_u(e, NFTA_LIMIT_RATE), vm_get_u(e, NFTA_LIMIT_UNIT),
			  vm_get_u(e, NFTA_LIMIT_BURST), vm_get_u(e, NFTA_LIMIT_TYPE),
			  vm_get_u(e, NFTA_LIMIT_FLAGS));
		break;
	case NFT_OBJECT_CT_HELPER:
		wr_printf(w, "ct_helper name %s family %" PRIu64 " protocol %" PRIu64,
			  vm_get_str(e, NFTA_CT_HELPER_NAME) ? vm_get_str(e, NFTA_CT_HELPER_NAME) : "",
			  vm_get_u(e, NFTA_CT_HELPER_L3PROTO), vm_get_u(e, NFTA_CT_HELPER_L4PROTO));
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		wr_printf(w, "ct_timeout family %" PRIu64 " protocol %" PRIu64,
			  vm_get_u(e, NFTA_CT_TIMEOUT_L3PROTO), vm_get_u(e, NFTA_CT_TIMEOUT_L4PROTO));
		debug_timeouts(o, w);
		break;
	case NFT_OBJECT_CT_EXPECT:
		wr_printf(w, "ct_expect family %" PRIu64 " protocol %" PRIu64 " dport %" PRIu64
			  " timeout %" PRIu64 " size %" PRIu64,
			  vm_get_u(e, NFTA_CT_EXPECT_L3PROTO), vm_get_u(e, NFTA_CT_EXPECT_L4PROTO),
			  vm_get_u(e, NFTA_CT_EXPECT_DPORT), vm_get_u(e, NFTA_CT_EXPECT_TIMEOUT),
			  vm_get_u(e, NFTA_CT_EXPECT_SIZE));
		break;
	case NFT_OBJECT_SYNPROXY:
		wr_printf(w, "synproxy mss %" PRIu64 " wscale %" PRIu64,
			  vm_get_u(e, NFTA_SYNPROXY_MSS), vm_get_u(e, NFTA_SYNPROXY_WSCALE));
		break;
	case NFT_OBJECT_SECMARK:
		wr_printf(w, "secmark context %s",
			  vm_get_str(e, NFTA_SECMARK_CTX) ? vm_get_str(e, NFTA_SECMARK_CTX) : "");
		break;
	default:
		wr_printf(w, "type %u", o->type);
		break;
	}
	wr_puts(w, " ]\n");
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
