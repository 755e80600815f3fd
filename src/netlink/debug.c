/* `nft -d netlink` text of batch objects, as nft 1.1.4 prints them: a new chain's
 * line, a set's declaration line, its elements line, then a rule's "family table
 * chain" line and one "  [ ... ]" line per expression (the lines the conformance
 * payload files hold). */
#include <ctype.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink.h"
#include "../util/writer.h"
#include "../types/family.h"

void nl_debug_rule(const struct nl_rule *r, struct writer *w)
{
	/* a rule of a bound chain names it by id: libnftnl prints no chain at all */
	wr_printf(w, "%s %s%s%s\n", family_name(r->family), r->table ? r->table : "",
		  r->chain ? " " : "", r->chain ? r->chain : "");
	vm_print_rule(&r->prog, w);
}

/* Element bytes as libnftnl prints them: host-order 32-bit words "%08x ". */
static void print_words(const uint8_t *p, uint32_t len, struct writer *w)
{
	for (uint32_t off = 0; off < len; off += 4) {
		uint32_t word = 0;
		memcpy(&word, p + off, len - off < 4 ? len - off : 4);
		wr_printf(w, "%08x ", word);
	}
}

static void print_elem(const struct nl_elem *e, struct writer *w)
{
	wr_puts(w, "\telement ");
	print_words(e->key, e->key ? e->key_len : 0, w);
	if (e->key_end) {
		wr_puts(w, " - ");
		print_words(e->key_end, e->key_end_len, w);
	}
	wr_puts(w, " : ");
	if (e->data && e->data->is_verdict) {
		wr_printf(w, "%s ", vm_verdict_name(e->data->verdict));
		if (e->data->chain)
			wr_printf(w, "-> %s ", e->data->chain);
	} else if (e->data) {
		print_words(e->data->bytes, e->data->len, w);
	}
	wr_printf(w, "%u [end]", e->flags);
	if (e->udata && e->udata_len) {
		wr_puts(w, "  userdata = { ");
		for (uint32_t i = 0; i < e->udata_len; i++) {
			uint8_t c = e->udata[i];
			if (isprint(c))
				wr_putc(w, (char)c);
			else
				wr_printf(w, "\\x%02x", c);
		}
		wr_puts(w, " }");
	}
}

void nl_debug_chain(const struct nl_chain *c, struct writer *w)
{
	/* a bound chain has no name: nft prints glibc's "(null)" for it */
	wr_printf(w, "%s %s %s use 0\n", family_name(c->family), c->table ? c->table : "",
		  c->name && *c->name ? c->name : "(null)");
}

void nl_debug_set_decl(const struct nl_set *s, struct writer *w)
{
	wr_printf(w, "family %u %s %s %x", s->family, s->name ? s->name : "",
		  s->table ? s->table : "", s->flags);
	if (s->timeout)
		wr_printf(w, " timeout %llums", (unsigned long long)s->timeout);
	if (s->gc_interval)
		wr_printf(w, " gc_interval %ums", s->gc_interval);
	if ((s->present >> NFTA_SET_POLICY) & 1)
		wr_printf(w, " policy %u", s->policy);
	if (s->desc_size)
		wr_printf(w, " size %u", s->desc_size);
	wr_putc(w, '\n');
}

void nl_debug_set_elems(const struct nl_set *s, struct writer *w)
{
	if (!s->nelems)
		return;
	wr_printf(w, "family %u %s %s 0\n", s->family, s->name ? s->name : "",
		  s->table ? s->table : "");
	for (uint32_t i = 0; i < s->nelems; i++)
		print_elem(&s->elems[i], w);
	wr_putc(w, '\n');
}

void nl_debug_set(const struct nl_set *s, struct writer *w)
{
	nl_debug_set_decl(s, w);
	nl_debug_set_elems(s, w);
}
