/* Fuzz harness: a receive buffer of `monitor`'s socket — whole netlink messages,
 * nlmsghdr included, of any nf_tables notification type (NEW/DEL/DESTROY of every
 * object, NEWSETELEM/DELSETELEM, NEWGEN, TRACE). Each is decoded by nl_event_decode
 * (trace attributes by nl_trace_decode) and lifted and printed as the monitor does:
 * sets announced earlier in the buffer are kept for the rules and elements after. */
#include <linux/netlink.h>
#include "fuzz_common.h"
#include "ast/print_obj.h"

#define MAX_SETS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = fuzz_dup(data, size);
	struct arena a;
	arena_init(&a, FUZZ_ARENA_BLOCK);
	struct nl_set sets[MAX_SETS];
	struct fuzz_sets fs = { sets, 0 };
	struct writer w;
	writer_init_mem(&w);
	struct print_opts po = { .handle = true };
	size_t off = 0;
	const struct nlmsghdr *h;
	while ((h = nl_events_next(buf, size, &off)) != NULL) {
		struct nl_event ev;
		if (nl_event_decode(&a, h, &ev) < 0)
			continue;
		switch (ev.kind) {
		case NL_EV_TABLE: {
			struct listed_table lt = { .table = lift_table(&a, &ev.table) };
			print_table(&lt, &po, &w);
			break;
		}
		case NL_EV_CHAIN: {
			struct listed_chain lc = { .chain = lift_chain(&a, &ev.chain) };
			print_chain(&lc, &po, &w);
			break;
		}
		case NL_EV_SET: {
			struct listed_set ls = { .set = lift_set_decl(&a, &ev.set) };
			print_set(&ls, &po, &w);
			if (fs.n < MAX_SETS)
				sets[fs.n++] = ev.set;
			break;
		}
		case NL_EV_ELEMS: {
			const struct nl_set *s = fuzz_find_set(&fs, ev.set.table, ev.set.name);
			struct nl_set one = s ? *s : ev.set;
			one.elems = ev.set.elems;
			one.nelems = ev.set.nelems;
			one.elems_cap = ev.set.elems_cap;
			struct lift_ctx lc = fuzz_lift_ctx(&a, ev.family, &fs);
			struct expr *e = lift_set_elems(&lc, &one);
			if (e)
				print_expr(e, &po, &w);
			break;
		}
		case NL_EV_RULE:
			fuzz_lift_print_rule(&a, ev.family, &fs, &ev.rule);
			break;
		case NL_EV_OBJ:
			print_obj(lift_obj(&a, &ev.obj), &po, &w);
			break;
		case NL_EV_FLOWTABLE:
			print_flowtable(lift_flowtable(&a, &ev.flowtable), &po, &w);
			break;
		case NL_EV_GEN:
		case NL_EV_TRACE:
			wr_printf(&w, "%u %u", ev.gen.id, ev.trace.id);
			break;
		}
	}
	writer_free(&w);
	arena_free(&a);
	free(buf);
	return 0;
}
