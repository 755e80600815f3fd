/* `monitor` (monitor.c) and its traced packets (monitor_trace.c). Private to src/cli. */
#ifndef NFTC_MONITOR_H
#define NFTC_MONITOR_H
#include "cli.h"

/* `monitor trace` and `monitor`: what the printer of traced rules needs, read once
 * when the monitor starts. 0 or -errno. */
int monitor_trace_init(struct run *r);
/* Prints one trace event as nft does (`trace id 1a2b3c4d ip t c packet: …`). */
void monitor_trace(struct run *r, const struct nl_trace *t, struct arena *scratch);

#endif
