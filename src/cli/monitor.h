/* `monitor` (monitor.c) and its traced packets (monitor_trace.c). Private to src/cli. */
#ifndef NFTC_MONITOR_H
#define NFTC_MONITOR_H
#include "cli.h"

/* What `monitor trace` keeps: the rules that exist when it starts (the rule a verdict
 * came from is printed from them, as nft prints it from its cache). */
struct mon_trace {
	struct arena arena;
	struct nl_rule *rules;
	int nrules;
};
int monitor_trace_init(struct run *r, struct mon_trace *t);
void monitor_trace_free(struct mon_trace *t);
/* Prints one trace event as nft does (`trace id 1a2b3c4d ip t c packet: …`); `lc`
 * lifts in the event's family with the monitor's sets. */
struct lift_ctx;
void monitor_trace(struct run *r, struct mon_trace *mt, const struct nl_trace *t,
		   struct lift_ctx *lc);

/* `add counter ip t c { packets 0 bytes 0 } `: a named object as monitor and echo show
 * it (`body` false: the names only, as for a deletion). */
void monitor_obj_line(struct writer *out, const char *verb, const struct obj_decl *d,
		      uint32_t family, const char *table, bool body, const struct print_opts *po);

/* `add table ip t { flags dormant; }` */
void monitor_table_line(struct writer *out, const char *verb, struct table_decl *t,
			uint32_t family, bool body, const struct print_opts *po);

#endif
