/* Named objects and flowtables in nft's listing layout, from their declarations: a
 * block per object with its comment first, then the type's fields; flowtables with
 * hook, priority, devices and flags. */
#include <stdlib.h>
#include <string.h>
#include <stdlib.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"
#include "print_obj.h"
#include "../types/objtypes.h"
#include "../types/stmt_words.h"

/* NF_SYNPROXY_OPT_* (linux/netfilter/nf_synproxy.h) */
enum { SYN_OPT_MSS = 0x01, SYN_OPT_WSCALE = 0x02, SYN_OPT_SACK_PERM = 0x04,
       SYN_OPT_TIMESTAMP = 0x08 };

static void print_bytes(uint64_t n, struct writer *w)
{
	uint64_t count;
	const char *unit = byte_unit_scaled(n, &count);
	wr_printf(w, "%" PRIu64 " %s", count, unit);
}

/* nft names the protocol of a ct object even with -n */
static void print_l4proto(uint8_t p, const struct print_opts *po, struct writer *w)
{
	(void)po;
	const struct protoent *pe = getprotobynumber(p);
	static const struct { uint8_t n; const char *name; } known[] = {
		{ IPPROTO_TCP, "tcp" }, { IPPROTO_UDP, "udp" }, { IPPROTO_ICMP, "icmp" },
		{ IPPROTO_SCTP, "sctp" }, { IPPROTO_DCCP, "dccp" }, { IPPROTO_UDPLITE, "udplite" },
		{ IPPROTO_ICMPV6, "ipv6-icmp" }, { IPPROTO_GRE, "gre" },
	};
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].n == p) {
			wr_puts(w, known[i].name);
			return;
		}
	if (pe && pe->p_name)
		wr_puts(w, pe->p_name);
	else
		wr_printf(w, "%u", p);
}

static void print_l3proto(uint32_t l3, struct writer *w)
{
	const char *n = family_name(l3);
	wr_printf(w, "\t\tl3proto %s\n", n ? n : "unknown");
}

static void print_timeout_policy(const struct obj_decl *o, struct writer *w)
{
	wr_puts(w, "\t\tpolicy = { ");
	for (uint32_t i = 0; i < o->policy.n; i++) {
		const struct expr *m = o->policy.v[i];
		const char *v = m->bin.right->sym.str;
		wr_printf(w, "%s%s : ", i ? ", " : "", m->bin.left->sym.str);
		/* seconds, printed as nft 1.1.4 prints times: `3s`, `2m3s` */
		char *end;
		unsigned long long secs = strtoull(v, &end, 10);
		if (*v >= '0' && *v <= '9' && !*end && secs <= UINT64_MAX / 1000)
			print_time_ms((uint64_t)secs * 1000, w);
		else
			wr_puts(w, v);
	}
	wr_puts(w, " }\n");
}

static void print_obj_body(const struct obj_decl *o, const struct print_opts *po,
			   struct writer *w)
{
	const struct stmt *s = o->stmt;
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		if (!po->stateless)
			wr_printf(w, "\t\tpackets %" PRIu64 " bytes %" PRIu64 "\n",
				  s->counter.packets, s->counter.bytes);
		break;
	case NFT_OBJECT_QUOTA:
		wr_printf(w, "\t\t%s", (s->quota.flags & NFT_QUOTA_F_INV) ? "over " : "");
		print_bytes(s->quota.bytes, w);
		if (s->quota.used && !po->stateless) {
			wr_puts(w, " used ");
			print_bytes(s->quota.used, w);
		}
		wr_putc(w, '\n');
		break;
	case NFT_OBJECT_LIMIT: {
		bool over = s->limit.flags & NFT_LIMIT_F_INV;
		uint32_t burst = s->limit.burst;
		wr_printf(w, "\t\trate %s", over ? "over " : "");
		if (s->limit.type == NFT_LIMIT_PKT_BYTES) {
			print_bytes(s->limit.rate, w);
			wr_printf(w, "/%s", time_unit_name(s->limit.unit));
			if (burst) {
				wr_puts(w, " burst ");
				print_bytes(burst, w);
			}
		} else {
			wr_printf(w, "%" PRIu64 "/%s", s->limit.rate, time_unit_name(s->limit.unit));
			if (burst && burst != 5)
				wr_printf(w, " burst %u packets", burst);
		}
		wr_putc(w, '\n');
		break;
	}
	case NFT_OBJECT_CT_HELPER:
		wr_puts(w, "\t\ttype ");
		print_quoted(o->str ? o->str : "", w);
		wr_puts(w, " protocol ");
		print_l4proto(o->l4proto, po, w);
		wr_putc(w, '\n');
		print_l3proto(o->l3proto, w);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		wr_puts(w, "\t\tprotocol ");
		print_l4proto(o->l4proto, po, w);
		wr_putc(w, '\n');
		print_l3proto(o->l3proto, w);
		print_timeout_policy(o, w);
		break;
	case NFT_OBJECT_CT_EXPECT:
		wr_puts(w, "\t\tprotocol ");
		print_l4proto(o->l4proto, po, w);
		wr_printf(w, "\n\t\tdport %u\n\t\ttimeout ", o->dport);
		print_time_ms(o->timeout, w);
		wr_printf(w, "\n\t\tsize %u\n", o->size);
		print_l3proto(o->l3proto, w);
		break;
	case NFT_OBJECT_SYNPROXY: {
		uint32_t f = s->misc.flags;
		if (f & SYN_OPT_MSS)
			wr_printf(w, "\t\tmss %u\n", s->misc.a);
		if (f & SYN_OPT_WSCALE)
			wr_printf(w, "\t\twscale %u\n", s->misc.b);
		if (f & (SYN_OPT_TIMESTAMP | SYN_OPT_SACK_PERM)) {
			/* nft joins the two words with a space even when one is absent */
			wr_printf(w, "\t\t%s %s\n", (f & SYN_OPT_TIMESTAMP) ? "timestamp" : "",
				  (f & SYN_OPT_SACK_PERM) ? "sack-perm" : "");
		}
		break;
	}
	case NFT_OBJECT_SECMARK:
		wr_puts(w, "\t\t");
		print_quoted(o->str ? o->str : "", w);
		wr_putc(w, '\n');
		break;
	default:
		break;
	}
}

void print_obj(const struct obj_decl *o, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	wr_printf(w, "\t%s %s {", objtype_word(o->type), o->name ? o->name : "");
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, o->handle);
	wr_putc(w, '\n');
	if (o->comment) {
		wr_puts(w, "\t\tcomment ");
		print_quoted(o->comment, w);
		wr_putc(w, '\n');
	}
	print_obj_body(o, po, w);
	wr_puts(w, "\t}\n");
}

void print_flowtable(const struct flowtable_decl *f, const struct print_opts *po,
		     struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	wr_printf(w, "\tflowtable %s {", f->name ? f->name : "");
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, f->handle);
	wr_printf(w, "\n\t\thook %s priority ", f->hook ? f->hook : "ingress");
	if (po->numeric_prio || !f->prio)
		wr_printf(w, "%" PRId32, f->prio_value);
	else
		print_expr(f->prio, po, w);
	wr_putc(w, '\n');
	if (f->devices.n) {
		wr_puts(w, "\t\tdevices = { ");
		for (uint32_t i = 0; i < f->devices.n; i++)
			wr_printf(w, "%s%s", i ? ", " : "", f->devices.v[i]->sym.str);
		wr_puts(w, " }\n");
	}
	if (f->flags & NFT_FLOWTABLE_HW_OFFLOAD)
		wr_puts(w, "\t\tflags offload\n");
	if (f->flags & NFT_FLOWTABLE_COUNTER)
		wr_puts(w, "\t\tcounter\n");
	wr_puts(w, "\t}\n");
}
