/* Named objects and flowtables in nft's listing layout: a block per object with
 * its comment first, then the type's fields (the attribute layout comes from
 * netlink/obj_data.h), then flowtables with hook, priority, devices and flags. */
#include <string.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"
#include "print_obj.h"
#include "../netlink/obj_data.h"

/* NF_SYNPROXY_OPT_* (linux/netfilter/nf_synproxy.h) */
enum { SYN_OPT_MSS = 0x01, SYN_OPT_WSCALE = 0x02, SYN_OPT_SACK_PERM = 0x04,
       SYN_OPT_TIMESTAMP = 0x08 };

const char *obj_type_word(uint32_t type)
{
	const struct obj_desc *d = obj_desc_by_type(type);
	return d ? d->word : "unknown";
}

static const char *comment_of(const uint8_t *p, uint32_t len, char *buf, size_t bufsz)
{
	uint32_t off = 0;
	while (p && off + 2 <= len) {
		uint8_t t = p[off], l = p[off + 1];
		if (off + 2 + l > len)
			break;
		if (t == 0 && l) {        /* NFTNL_UDATA_OBJ_COMMENT */
			size_t n = l < bufsz ? l : bufsz - 1;
			memcpy(buf, p + off + 2, n);
			buf[n] = 0;
			return buf;
		}
		off += 2 + l;
	}
	return NULL;
}

static const char *unit_name(uint64_t secs)
{
	switch (secs) {
	case 1: return "second";
	case 60: return "minute";
	case 3600: return "hour";
	case 86400: return "day";
	case 604800: return "week";
	}
	return "error";
}

static void print_bytes(uint64_t n, struct writer *w)
{
	static const char *const units[] = { "bytes", "kbytes", "mbytes" };
	unsigned u = 0;
	while (u < 2 && n && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	wr_printf(w, "%" PRIu64 " %s", n, units[u]);
}

static void print_l4proto(uint8_t p, const struct print_opts *po, struct writer *w)
{
	const struct protoent *pe = po->numeric_proto ? NULL : getprotobynumber(p);
	static const struct { uint8_t n; const char *name; } known[] = {
		{ IPPROTO_TCP, "tcp" }, { IPPROTO_UDP, "udp" }, { IPPROTO_ICMP, "icmp" },
		{ IPPROTO_SCTP, "sctp" }, { IPPROTO_DCCP, "dccp" }, { IPPROTO_UDPLITE, "udplite" },
		{ IPPROTO_ICMPV6, "ipv6-icmp" }, { IPPROTO_GRE, "gre" },
	};
	if (!po->numeric_proto)
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

static void print_l3proto(const struct vm_expr *e, unsigned attr, uint32_t family,
			  struct writer *w)
{
	uint32_t l3 = vm_has(e, attr) ? (uint32_t)vm_get_u(e, attr) : family;
	const char *n = family_name(l3);
	wr_printf(w, "\t\tl3proto %s\n", n ? n : "unknown");
}

static void print_timeout_policy(const struct nl_obj *o, struct writer *w)
{
	const struct obj_timeouts *t = obj_timeouts(o);
	const struct ct_timeout_proto *p =
		ct_timeout_proto((uint8_t)vm_get_u(&o->data, NFTA_CT_TIMEOUT_L4PROTO));
	wr_puts(w, "\t\tpolicy = { ");
	const char *sep = "";
	for (unsigned i = 1; t && p && i <= p->nstates; i++) {
		if (!((t->present >> i) & 1) || t->v[i] == p->dflt[i - 1])
			continue;
		wr_printf(w, "%s%s : %u", sep, p->names[i - 1], t->v[i]);
		sep = ", ";
	}
	wr_puts(w, " }\n");
}

static void print_obj_body(const struct nl_obj *o, const struct print_opts *po,
			   struct writer *w)
{
	const struct vm_expr *e = &o->data;
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		if (!po->stateless)
			wr_printf(w, "\t\tpackets %" PRIu64 " bytes %" PRIu64 "\n",
				  vm_get_u(e, NFTA_COUNTER_PACKETS), vm_get_u(e, NFTA_COUNTER_BYTES));
		break;
	case NFT_OBJECT_QUOTA: {
		uint64_t used = vm_get_u(e, NFTA_QUOTA_CONSUMED);
		wr_printf(w, "\t\t%s", (vm_get_u(e, NFTA_QUOTA_FLAGS) & NFT_QUOTA_F_INV) ? "over " : "");
		print_bytes(vm_get_u(e, NFTA_QUOTA_BYTES), w);
		if (used && !po->stateless) {
			wr_puts(w, " used ");
			print_bytes(used, w);
		}
		wr_putc(w, '\n');
		break;
	}
	case NFT_OBJECT_LIMIT: {
		bool over = vm_get_u(e, NFTA_LIMIT_FLAGS) & NFT_LIMIT_F_INV;
		uint64_t rate = vm_get_u(e, NFTA_LIMIT_RATE), unit = vm_get_u(e, NFTA_LIMIT_UNIT);
		uint32_t burst = (uint32_t)vm_get_u(e, NFTA_LIMIT_BURST);
		wr_printf(w, "\t\trate %s", over ? "over " : "");
		if (vm_get_u(e, NFTA_LIMIT_TYPE) == NFT_LIMIT_PKT_BYTES) {
			print_bytes(rate, w);
			wr_printf(w, "/%s", unit_name(unit));
			if (burst) {
				wr_puts(w, " burst ");
				print_bytes(burst, w);
			}
		} else {
			wr_printf(w, "%" PRIu64 "/%s", rate, unit_name(unit));
			if (burst && burst != 5)
				wr_printf(w, " burst %u packets", burst);
		}
		wr_putc(w, '\n');
		break;
	}
	case NFT_OBJECT_CT_HELPER:
		wr_puts(w, "\t\ttype ");
		print_quoted(vm_get_str(e, NFTA_CT_HELPER_NAME) ? vm_get_str(e, NFTA_CT_HELPER_NAME)
								 : "", w);
		wr_puts(w, " protocol ");
		print_l4proto((uint8_t)vm_get_u(e, NFTA_CT_HELPER_L4PROTO), po, w);
		wr_putc(w, '\n');
		print_l3proto(e, NFTA_CT_HELPER_L3PROTO, o->family, w);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		wr_puts(w, "\t\tprotocol ");
		print_l4proto((uint8_t)vm_get_u(e, NFTA_CT_TIMEOUT_L4PROTO), po, w);
		wr_putc(w, '\n');
		print_l3proto(e, NFTA_CT_TIMEOUT_L3PROTO, o->family, w);
		print_timeout_policy(o, w);
		break;
	case NFT_OBJECT_CT_EXPECT:
		wr_puts(w, "\t\tprotocol ");
		print_l4proto((uint8_t)vm_get_u(e, NFTA_CT_EXPECT_L4PROTO), po, w);
		wr_printf(w, "\n\t\tdport %" PRIu64 "\n\t\ttimeout ",
			  vm_get_u(e, NFTA_CT_EXPECT_DPORT));
		print_time_ms(vm_get_u(e, NFTA_CT_EXPECT_TIMEOUT), w);
		wr_printf(w, "\n\t\tsize %" PRIu64 "\n", vm_get_u(e, NFTA_CT_EXPECT_SIZE));
		print_l3proto(e, NFTA_CT_EXPECT_L3PROTO, o->family, w);
		break;
	case NFT_OBJECT_SYNPROXY: {
		uint32_t f = (uint32_t)vm_get_u(e, NFTA_SYNPROXY_FLAGS);
		if (f & SYN_OPT_MSS)
			wr_printf(w, "\t\tmss %" PRIu64 "\n", vm_get_u(e, NFTA_SYNPROXY_MSS));
		if (f & SYN_OPT_WSCALE)
			wr_printf(w, "\t\twscale %" PRIu64 "\n", vm_get_u(e, NFTA_SYNPROXY_WSCALE));
		if (f & (SYN_OPT_TIMESTAMP | SYN_OPT_SACK_PERM)) {
			/* nft joins the two words with a space even when one is absent */
			wr_printf(w, "\t\t%s %s\n", (f & SYN_OPT_TIMESTAMP) ? "timestamp" : "",
				  (f & SYN_OPT_SACK_PERM) ? "sack-perm" : "");
		}
		break;
	}
	case NFT_OBJECT_SECMARK:
		wr_puts(w, "\t\t");
		print_quoted(vm_get_str(e, NFTA_SECMARK_CTX) ? vm_get_str(e, NFTA_SECMARK_CTX) : "",
			     w);
		wr_putc(w, '\n');
		break;
	default:
		break;
	}
}

void print_obj(const struct nl_obj *o, const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	char buf[260];
	if (!po)
		po = &none;
	wr_printf(w, "\t%s %s {", obj_type_word(o->type), o->name ? o->name : "");
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, o->handle);
	wr_putc(w, '\n');
	const char *comment = comment_of(o->udata, o->udata_len, buf, sizeof(buf));
	if (comment) {
		wr_puts(w, "\t\tcomment ");
		print_quoted(comment, w);
		wr_putc(w, '\n');
	}
	print_obj_body(o, po, w);
	wr_puts(w, "\t}\n");
}

static void print_ft_prio(int32_t prio, const struct print_opts *po, struct writer *w)
{
	if (!po->numeric_prio && prio >= -10 && prio <= 10) {
		if (!prio)
			wr_puts(w, "filter");
		else
			wr_printf(w, "filter %c %d", prio > 0 ? '+' : '-', prio > 0 ? prio : -prio);
		return;
	}
	wr_printf(w, "%d", prio);
}

void print_flowtable(const struct nl_flowtable *f, const struct print_opts *po,
		     struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	wr_printf(w, "\tflowtable %s {", f->name ? f->name : "");
	if (po->handle)
		wr_printf(w, " # handle %" PRIu64, f->handle);
	wr_puts(w, "\n\t\thook ingress priority ");
	print_ft_prio(f->prio, po, w);
	wr_putc(w, '\n');
	if (f->ndevs) {
		wr_puts(w, "\t\tdevices = { ");
		for (uint32_t i = 0; i < f->ndevs; i++)
			wr_printf(w, "%s%s", i ? ", " : "", f->devs[i]);
		wr_puts(w, " }\n");
	}
	if (f->flags & NFT_FLOWTABLE_HW_OFFLOAD)
		wr_puts(w, "\t\tflags offload\n");
	if (f->flags & NFT_FLOWTABLE_COUNTER)
		wr_puts(w, "\t\tcounter\n");
	wr_puts(w, "\t}\n");
}
