/* `monitor` (monitor.c) and its traced packets (monitor_trace.c). Private to src/cli. */
#ifndef NFTC_MONITOR_H
#define NFTC_MONITOR_H
#include "cli.h"

/* `monitor trace` and `monitor`: what the printer of traced rules needs, read once
 * when the monitor starts. 0 or -errno. */
int monitor_trace_init(struct run *r);
/* Prints one trace event as nft does (`trace id 1a2b3c4d ip t c packet: …`). */
void monitor_trace(struct run *r, const struct nl_trace *t, struct arena *scratch);

/* `add counter ip t c { packets 0 bytes 0 } `: a named object as monitor and echo show
 * it (`body` false: the names only, as for a deletion). */
void monitor_obj_line(struct writer *out, const char *verb, const struct obj_decl *d,
		      uint32_t family, const char *table, bool body, const struct print_opts *po);

/* `add table ip t { flags dormant; }` */
void monitor_table_line(struct writer *out, const char *verb, struct table_decl *t,
			uint32_t family, bool body, const struct print_opts *po);

#endif
