/* `monitor trace`: traced packets (NFT_MSG_TRACE) printed as nft 1.1.4 prints them:
 *
 *   trace id 80d427d3 ip filter output packet: oif "lo" ip saddr 127.0.0.1 … icmp sequence 1
 *   trace id 80d427d3 ip filter output rule icmp type echo-request jump sub (verdict jump sub)
 *   trace id 80d427d3 ip filter output policy accept
 *
 * Nothing here prints a value: the packet's interfaces, mark and header fields become a
 * program of loads and comparisons, one per field nft shows, which lift turns into the
 * matches `list` would print (`ip dscp cs0`, `icmp type echo-request`); the rule a
 * verdict came from is the kernel's own rule, read when the monitor starts (or when a
 * trace names one it has not seen) and lifted like any listed rule. */
#include <inttypes.h>
#include <string.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "monitor.h"
#include "../lift/lift.h"
#include "../ast/print.h"
#include "../types/proto.h"

/* The fields nft shows of each header, in its order. */
static const struct trace_fields {
	const struct proto_desc *desc;
	const char *names[10];
} shown_fields[] = {
	{ &proto_ip, { "saddr", "daddr", "dscp", "ecn", "ttl", "id", "protocol", "length" } },
	{ &proto_ip6, { "saddr", "daddr", "dscp", "ecn", "hoplimit", "flowlabel", "nexthdr",
			"length" } },
	{ &proto_icmp, { "type", "code", "id", "sequence" } },
	{ &proto_icmp6, { "type", "code", "id", "sequence" } },
	{ &proto_tcp, { "sport", "dport", "flags", "window" } },
	{ &proto_udp, { "sport", "dport", "length", "checksum" } },
};

int monitor_trace_init(struct run *r, struct mon_trace *t)
{
	arena_init(&t->arena, 64 * 1024);
	t->nrules = nl_dump_rules(&r->cli->sock, &t->arena, 0, NULL, NULL, &t->rules);
	return t->nrules < 0 ? t->nrules : 0;
}

void monitor_trace_free(struct mon_trace *t)
{
	arena_free(&t->arena);
}

static const struct nl_rule *find_rule(struct mon_trace *t, uint32_t family, const char *table,
				       const char *chain, uint64_t handle)
{
	for (int i = 0; i < t->nrules; i++) {
		const struct nl_rule *nr = &t->rules[i];
		if (nr->family == family && nr->prog.handle == handle &&
		    !strcmp(nr->table, table) && !strcmp(nr->chain, chain))
			return nr;
	}
	return NULL;
}

/* `reg 1 == bytes`, the bytes of a field masked to its bits when it does not fill them */
static void match_bytes(struct arena *a, struct vm_exprs *p, const uint8_t *v, uint32_t n,
			const uint8_t *mask)
{
	uint8_t val[16];
	for (uint32_t i = 0; i < n; i++)
		val[i] = mask ? v[i] & mask[i] : v[i];
	if (mask) {
		uint8_t zero[16] = { 0 };
		struct vm_expr *b = vm_exprs_add(a, p, VM_BITWISE);
		vm_set_u(b, NFTA_BITWISE_SREG, NFT_REG_1);
		vm_set_u(b, NFTA_BITWISE_DREG, NFT_REG_1);
		vm_set_u(b, NFTA_BITWISE_LEN, n);
		vm_set_data(a, b, NFTA_BITWISE_MASK, mask, n);
		vm_set_data(a, b, NFTA_BITWISE_XOR, zero, n);
	}
	struct vm_expr *c = vm_exprs_add(a, p, VM_CMP);
	vm_set_u(c, NFTA_CMP_SREG, NFT_REG_1);
	vm_set_u(c, NFTA_CMP_OP, NFT_CMP_EQ);
	vm_set_data(a, c, NFTA_CMP_DATA, val, n);
}

static void match_meta(struct arena *a, struct vm_exprs *p, uint32_t key, uint32_t v)
{
	struct vm_expr *m = vm_exprs_add(a, p, VM_META);
	vm_set_u(m, NFTA_META_KEY, key);
	vm_set_u(m, NFTA_META_DREG, NFT_REG_1);
	match_bytes(a, p, (const uint8_t *)&v, 4, NULL);      /* meta values: host order */
}

/* One field of a header the trace carried: load, mask, compare. */
static void match_field(struct arena *a, struct vm_exprs *p, uint32_t base,
			const struct proto_field *f, const uint8_t *hdr, uint32_t hlen)
{
	uint32_t off = f->offset / 8, shift = f->offset % 8;
	uint32_t n = (shift + f->len + 7) / 8;
	if (n == 0 || n > 16 || off + n > hlen)
		return;            /* not in what the kernel sent */
	struct vm_expr *l = vm_exprs_add(a, p, VM_PAYLOAD);
	vm_set_u(l, NFTA_PAYLOAD_DREG, NFT_REG_1);
	vm_set_u(l, NFTA_PAYLOAD_BASE, base);
	vm_set_u(l, NFTA_PAYLOAD_OFFSET, off);
	vm_set_u(l, NFTA_PAYLOAD_LEN, n);
	uint8_t mask[16] = { 0 };
	bool partial = shift || f->len % 8;
	for (uint32_t bit = shift; partial && bit < shift + f->len; bit++)
		mask[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
	match_bytes(a, p, hdr + off, n, partial ? mask : NULL);
}

static const struct trace_fields *fields_of(const struct proto_desc *d)
{
	for (size_t i = 0; d && i < sizeof(shown_fields) / sizeof(shown_fields[0]); i++)
		if (shown_fields[i].desc == d)
			return &shown_fields[i];
	return NULL;
}

static void match_header(struct arena *a, struct vm_exprs *p, uint32_t base,
			 const struct proto_desc *d, const uint8_t *hdr, uint32_t hlen)
{
	const struct trace_fields *tf = fields_of(d);
	for (unsigned i = 0; tf && i < 10 && tf->names[i]; i++) {
		const struct proto_field *f = proto_field_by_name(d, tf->names[i]);
		if (f)
			match_field(a, p, base, f, hdr, hlen);
	}
}

/* The network header's protocol and the next header's number. */
static const struct proto_desc *network_of(const struct nl_trace *t, uint32_t family)
{
	uint32_t nf = family == NFPROTO_INET || family == NFPROTO_BRIDGE ||
		      family == NFPROTO_NETDEV ? t->nfproto : family;
	if (nf == NFPROTO_IPV4 && t->nh_len >= 20)
		return &proto_ip;
	if (nf == NFPROTO_IPV6 && t->nh_len >= 40)
		return &proto_ip6;
	return NULL;
}

/* `packet: iif "lo" ip saddr …`: the packet as matches, lifted and printed. */
static void print_packet(struct run *r, const struct nl_trace *t, uint32_t family,
			 struct lift_ctx *lc)
{
	struct arena *a = lc->arena;
	struct nl_rule nr;
	memset(&nr, 0, sizeof(nr));
	nr.family = family;
	nr.table = t->table;
	nr.chain = t->chain;
	struct vm_exprs *p = &nr.prog.exprs;
	if (t->present & (1u << NFTA_TRACE_IIF))
		match_meta(a, p, NFT_META_IIF, t->iif);
	if (t->present & (1u << NFTA_TRACE_OIF))
		match_meta(a, p, NFT_META_OIF, t->oif);
	if (t->mark)
		match_meta(a, p, NFT_META_MARK, t->mark);
	const struct proto_desc *nh = network_of(t, family);
	if (nh) {
		if (family == NFPROTO_INET || family == NFPROTO_BRIDGE || family == NFPROTO_NETDEV)
			match_meta(a, p, NFT_META_NFPROTO, t->nfproto);
		match_header(a, p, NFT_PAYLOAD_NETWORK_HEADER, nh, t->nh, t->nh_len);
		const struct proto_field *pf = nh->protocol_field >= 0
					       ? &nh->fields[nh->protocol_field] : NULL;
		uint32_t off = pf ? pf->offset / 8 : 0;
		const struct proto_desc *th = pf && off < t->nh_len
					      ? proto_upper_find(nh, t->nh[off]) : NULL;
		if (th && t->th_len)
			match_header(a, p, NFT_PAYLOAD_TRANSPORT_HEADER, th, t->th, t->th_len);
	}
	struct rule ru;
	memset(&ru, 0, sizeof(ru));
	if (lift_rule(lc, &nr, &ru) < 0)
		return;
	wr_printf(r->out, "trace id %08x %s %s %s packet: ", t->id, family_name(family),
		  t->table ? t->table : "", t->chain ? t->chain : "");
	print_rule(&ru, &r->cli->o.po, r->out);
	wr_puts(r->out, " \n");
}

static void print_verdict(struct run *r, const struct nl_trace *t)
{
	const char *v = vm_verdict_name(t->verdict);
	wr_puts(r->out, v ? v : "unknown");
	if (t->jump_chain)
		wr_printf(r->out, " %s", t->jump_chain);
}

void monitor_trace(struct run *r, struct mon_trace *mt, const struct nl_trace *t,
		   struct lift_ctx *lc)
{
	uint32_t family = lc->family;
	if (t->nh_len || t->th_len || t->ll_len)
		print_packet(r, t, family, lc);
	/* the end of a chain comes as a rule event naming no rule: nft shows nothing */
	if (t->type == NFT_TRACETYPE_RULE && !(t->present & (1u << NFTA_TRACE_RULE_HANDLE)))
		return;
	wr_printf(r->out, "trace id %08x %s %s %s ", t->id, family_name(family),
		  t->table ? t->table : "", t->chain ? t->chain : "");
	switch (t->type) {
	case NFT_TRACETYPE_RULE: {
		const struct nl_rule *nr = NULL;
		if (t->table && t->chain) {
			nr = find_rule(mt, family, t->table, t->chain, t->rule_handle);
			if (!nr) {
				/* a rule added since the monitor started: its chain read again,
				 * into the event's scratch (a long-running monitor keeps nothing
				 * of it) */
				struct nl_rule *v;
				int n = nl_dump_rules(&r->cli->sock, lc->arena, family, t->table,
						      t->chain, &v);
				for (int i = 0; i < n && !nr; i++)
					if (v[i].prog.handle == t->rule_handle)
						nr = &v[i];
			}
		}
		struct rule ru;
		memset(&ru, 0, sizeof(ru));
		if (nr && lift_rule(lc, nr, &ru) == 0) {
			wr_puts(r->out, "rule ");
			print_rule(&ru, &r->cli->o.po, r->out);
		} else {
			wr_printf(r->out, "unknown rule handle %" PRIu64, t->rule_handle);
		}
		wr_puts(r->out, " (verdict ");
		print_verdict(r, t);
		wr_puts(r->out, ")\n");
		break;
	}
	case NFT_TRACETYPE_POLICY:
		wr_puts(r->out, "policy ");
		wr_puts(r->out, t->policy == NF_DROP ? "drop" : "accept");
		if (t->mark) {
			struct nl_rule nr;
			struct rule ru;
			memset(&nr, 0, sizeof(nr));
			memset(&ru, 0, sizeof(ru));
			nr.family = family;
			match_meta(lc->arena, &nr.prog.exprs, NFT_META_MARK, t->mark);
			if (lift_rule(lc, &nr, &ru) == 0) {
				wr_putc(r->out, ' ');
				print_rule(&ru, &r->cli->o.po, r->out);
			}
		}
		wr_puts(r->out, " \n");
		break;
	case NFT_TRACETYPE_RETURN:
		wr_puts(r->out, "verdict ");
		print_verdict(r, t);
		wr_puts(r->out, " \n");
		break;
	default:
		wr_puts(r->out, "\n");
		break;
	}
}
