/* Unit test of lift + printer for the expressions whose `nft -d netlink` text does not
 * say everything lift needs (sctp/dccp exthdr ops, inner tunnel loads, xfrm, osf,
 * exthdr reset): the VM programs are built directly, as a kernel dump gives them. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lift/lift.h"
#include "util/nf_tables_uapi.h"
#include "ast/print.h"

static int test_no, failures;

static void report(bool ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, name);
	if (!ok)
		failures++;
}

static struct vm_expr *add(struct arena *a, struct vm_exprs *l, enum vm_kind k)
{
	return vm_exprs_add(a, l, k);
}

static void cmp_eq(struct arena *a, struct vm_exprs *l, const void *p, uint32_t n)
{
	struct vm_expr *e = add(a, l, VM_CMP);
	vm_set_u(e, NFTA_CMP_SREG, 1);
	vm_set_u(e, NFTA_CMP_OP, NFT_CMP_EQ);
	vm_set_data(a, e, NFTA_CMP_DATA, p, n);
}

static void meta_l4(struct arena *a, struct vm_exprs *l, uint8_t proto)
{
	struct vm_expr *e = add(a, l, VM_META);
	vm_set_u(e, NFTA_META_KEY, NFT_META_L4PROTO);
	vm_set_u(e, NFTA_META_DREG, 1);
	cmp_eq(a, l, &proto, 1);
}

static struct vm_expr *exthdr(struct arena *a, struct vm_exprs *l, uint32_t op, uint32_t type,
			      uint32_t off, uint32_t len, uint32_t flags)
{
	struct vm_expr *e = add(a, l, VM_EXTHDR);
	vm_set_u(e, NFTA_EXTHDR_DREG, 1);
	vm_set_u(e, NFTA_EXTHDR_OP, op);
	vm_set_u(e, NFTA_EXTHDR_TYPE, type);
	vm_set_u(e, NFTA_EXTHDR_OFFSET, off);
	vm_set_u(e, NFTA_EXTHDR_LEN, len);
	if (flags)
		vm_set_u(e, NFTA_EXTHDR_FLAGS, flags);
	return e;
}

/* One inner expression (vxlan: type 1, hdrsize 8, flags 0xf) around `inner`. */
static struct vm_expr *inner(struct arena *a, struct vm_exprs *l, struct vm_exprs *nested)
{
	struct vm_expr *e = add(a, l, VM_INNER);
	vm_set_u(e, NFTA_INNER_NUM, 0);
	vm_set_u(e, NFTA_INNER_TYPE, 1);
	vm_set_u(e, NFTA_INNER_FLAGS, 0xf);
	vm_set_u(e, NFTA_INNER_HDRSIZE, 8);
	e->a[NFTA_INNER_EXPR].exprs = nested;
	e->present |= 1u << NFTA_INNER_EXPR;
	return e;
}

static void check(struct arena *a, const char *name, uint32_t family, struct vm_exprs *prog,
		  const char *want)
{
	struct nl_rule nr = { .family = family, .table = "t" };
	nr.prog.exprs = *prog;
	struct lift_ctx ctx = { .arena = a, .family = family };
	struct rule out;
	lift_rule(&ctx, &nr, &out);
	struct writer w;
	writer_init_mem(&w);
	struct print_opts po = { .stateless = true, .numeric_proto = true };
	print_rule(&out, &po, &w);
	bool ok = !strcmp(wr_cstr(&w), want);
	if (!ok)
		fprintf(stderr, "# %s: got '%s' want '%s'\n", name, wr_cstr(&w), want);
	report(ok, name);
	writer_free(&w);
}

int main(void)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	{
		struct vm_exprs l = { 0 };
		uint8_t one = 1;
		meta_l4(&a, &l, 132);
		exthdr(&a, &l, NFT_EXTHDR_OP_SCTP, 1, 0, 1, NFT_EXTHDR_F_PRESENT);
		cmp_eq(&a, &l, &one, 1);
		check(&a, "sctp chunk present", NFPROTO_INET, &l, "sctp chunk init exists");
	}
	{
		struct vm_exprs l = { 0 };
		uint8_t v[2] = { 0x05, 0x39 };              /* 1337 */
		meta_l4(&a, &l, 132);
		exthdr(&a, &l, NFT_EXTHDR_OP_SCTP, 0, 8, 2, 0);
		cmp_eq(&a, &l, v, 2);
		check(&a, "sctp chunk field", NFPROTO_INET, &l, "sctp chunk data stream 1337");
	}
	{
		/* frag frag-off 22: 2 bytes at 2, masked to the top 13 bits */
		struct vm_exprs l = { 0 };
		uint8_t m[2] = { 0xff, 0xf8 }, x[2] = { 0, 0 }, v[2] = { 0x00, 0xb0 };
		exthdr(&a, &l, NFT_EXTHDR_OP_IPV6, 44, 2, 2, 0);
		struct vm_expr *b = add(&a, &l, VM_BITWISE);
		vm_set_u(b, NFTA_BITWISE_SREG, 1);
		vm_set_u(b, NFTA_BITWISE_DREG, 1);
		vm_set_u(b, NFTA_BITWISE_LEN, 2);
		vm_set_data(&a, b, NFTA_BITWISE_MASK, m, 2);
		vm_set_data(&a, b, NFTA_BITWISE_XOR, x, 2);
		cmp_eq(&a, &l, v, 2);
		check(&a, "frag frag-off", NFPROTO_IPV6, &l, "frag frag-off 22");
	}
	{
		struct vm_exprs l = { 0 };
		uint8_t addr[16] = { 0xde, 0xad, [14] = 0xbe, [15] = 0xef };
		exthdr(&a, &l, NFT_EXTHDR_OP_IPV6, 43, 8, 16, 0);
		cmp_eq(&a, &l, addr, 16);
		check(&a, "srh sid[1]", NFPROTO_IPV6, &l, "srh sid[1] dead::beef");
	}
	{
		struct vm_exprs l = { 0 };
		struct vm_expr *e = add(&a, &l, VM_EXTHDR);
		vm_set_u(e, NFTA_EXTHDR_OP, NFT_EXTHDR_OP_TCPOPT);
		vm_set_u(e, NFTA_EXTHDR_TYPE, 2);
		check(&a, "reset tcp option", NFPROTO_INET, &l, "reset tcp option maxseg");
	}
	{
		/* udp dport 4789 vxlan ip saddr 10.141.11.2 */
		struct vm_exprs l = { 0 };
		uint8_t port[2] = { 0x12, 0xb5 }, et[2] = { 0x08, 0x00 }, ip[4] = { 10, 141, 11, 2 };
		meta_l4(&a, &l, 17);
		struct vm_expr *p = add(&a, &l, VM_PAYLOAD);
		vm_set_u(p, NFTA_PAYLOAD_DREG, 1);
		vm_set_u(p, NFTA_PAYLOAD_BASE, NFT_PAYLOAD_TRANSPORT_HEADER);
		vm_set_u(p, NFTA_PAYLOAD_OFFSET, 2);
		vm_set_u(p, NFTA_PAYLOAD_LEN, 2);
		cmp_eq(&a, &l, port, 2);
		struct vm_exprs *n1 = arena_alloc(&a, sizeof(*n1));
		memset(n1, 0, sizeof(*n1));
		struct vm_expr *m = add(&a, n1, VM_META);
		vm_set_u(m, NFTA_META_KEY, NFT_META_PROTOCOL);
		vm_set_u(m, NFTA_META_DREG, 1);
		inner(&a, &l, n1);
		cmp_eq(&a, &l, et, 2);
		struct vm_exprs *n2 = arena_alloc(&a, sizeof(*n2));
		memset(n2, 0, sizeof(*n2));
		struct vm_expr *q = add(&a, n2, VM_PAYLOAD);
		vm_set_u(q, NFTA_PAYLOAD_DREG, 1);
		vm_set_u(q, NFTA_PAYLOAD_BASE, NFT_PAYLOAD_NETWORK_HEADER);
		vm_set_u(q, NFTA_PAYLOAD_OFFSET, 12);
		vm_set_u(q, NFTA_PAYLOAD_LEN, 4);
		inner(&a, &l, n2);
		cmp_eq(&a, &l, ip, 4);
		check(&a, "vxlan inner ip saddr", NFPROTO_INET, &l,
		      "udp dport 4789 vxlan ip saddr 10.141.11.2");
	}
	{
		struct vm_exprs l = { 0 };
		uint32_t one = 1;                           /* reqid: host order */
		struct vm_expr *x = add(&a, &l, VM_XFRM);
		vm_set_u(x, NFTA_XFRM_DREG, 1);
		vm_set_u(x, NFTA_XFRM_KEY, NFT_XFRM_KEY_REQID);
		vm_set_u(x, NFTA_XFRM_DIR, 0);
		vm_set_u(x, NFTA_XFRM_SPNUM, 2);
		cmp_eq(&a, &l, &one, 4);
		check(&a, "ipsec reqid", NFPROTO_INET, &l, "ipsec in spnum 2 reqid 1");
	}
	{
		struct vm_exprs l = { 0 };
		char name[16] = "Linux";
		struct vm_expr *o = add(&a, &l, VM_OSF);
		vm_set_u(o, NFTA_OSF_DREG, 1);
		vm_set_u(o, NFTA_OSF_TTL, 1);
		cmp_eq(&a, &l, name, 16);
		check(&a, "osf name", NFPROTO_INET, &l, "osf ttl loose name \"Linux\"");
	}
	arena_free(&a);
	return failures ? 1 : 0;
}
