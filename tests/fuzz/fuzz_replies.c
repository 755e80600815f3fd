/* Fuzz harness: the kernel's answers to a batch (NLMSG_ERROR messages, extended ACKs
 * naming an attribute's offset), as nl_batch_commit reads them. A fixed batch (a
 * table, a chain, a rule of several expressions, a set with elements) is numbered
 * from sequence 1000; the input is a receive buffer of replies to it. Each error is
 * mapped back to its message's cookie and, for a rule, to the expression at the
 * offset the kernel named (which walks our own copy of the message). The batch asks
 * for echo, so any other message of the input is read as an object the kernel
 * echoed back (its handle decoded, as -e does). */
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter.h>
#include "fuzz_common.h"
#include "vm/vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nl_batch *fixed_batch(struct arena *a)
{
	static const uint8_t key[4] = { 10, 0, 0, 1 };
	static struct nl_elem el[2] = {
		{ .key = key, .key_len = 4, .present = 1u << NFTA_SET_ELEM_KEY },
		{ .key = key, .key_len = 4, .present = 1u << NFTA_SET_ELEM_KEY },
	};
	struct nl_batch *b = nl_batch_new();
	nl_batch_set_echo(b, true);
	struct nl_table t = { .family = NFPROTO_IPV4, .name = "t" };
	struct nl_chain c = { .family = NFPROTO_IPV4, .table = "t", .name = "c" };
	nl_batch_add(b, NFT_MSG_NEWTABLE, NLM_F_CREATE, NL_TABLE, &t, 1);
	nl_batch_add(b, NFT_MSG_NEWCHAIN, NLM_F_CREATE, NL_CHAIN, &c, 2);
	struct nl_rule r = { .family = NFPROTO_IPV4, .table = "t", .chain = "c" };
	for (int i = 0; i < 4; i++) {
		struct vm_expr *e = vm_exprs_add(a, &r.prog.exprs, VM_IMMEDIATE);
		vm_set_u(e, NFTA_IMMEDIATE_DREG, 0);
		vm_set_verdict(a, e, NFTA_IMMEDIATE_DATA, NFT_JUMP, "nowhere");
	}
	nl_batch_add(b, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND, NL_RULE, &r, 3);
	struct nl_set s = { .family = NFPROTO_IPV4, .table = "t", .name = "s", .id = 1,
			    .key_type = 7, .key_len = 4, .elems = el, .nelems = 2 };
	nl_batch_add(b, NFT_MSG_NEWSET, NLM_F_CREATE, NL_SET, &s, 4);
	nl_batch_elems(b, NFT_MSG_NEWSETELEM, NLM_F_CREATE, &s, 5);
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_batch *b = fixed_batch(&a);
	uint32_t seq = 1000;
	uint32_t base = nl_batch_number(b, &seq);
	uint8_t *copy = fuzz_dup(data, size);
	struct nl_errors errs = { 0 };
	bool failed = false;
	nl_batch_take_replies(b, base, copy, size, &errs, &failed);
	for (unsigned i = 0; i < errs.n; i++)
		if (errs.v[i].ext_msg)
			(void)strlen(errs.v[i].ext_msg);
	for (uint32_t cookie = 1; cookie <= 5; cookie++)
		(void)nl_batch_handle(b, cookie);
	nl_errors_free(&errs);
	free(copy);
	nl_batch_free(b);
	arena_free(&a);
	return 0;
}
