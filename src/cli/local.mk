# cli: options, running buffers, committing, listing, the shell
src_nftc_SOURCES += src/cli/main.c
src_libnftc_a_SOURCES += src/cli/args.c src/cli/args.h src/cli/run.c src/cli/run.h src/cli/cli.c src/cli/cli.h src/cli/commit.c \
	src/cli/list.c src/cli/set_cache.c src/cli/rule_order.c src/cli/rule_order.h src/cli/shell.c src/cli/shell_entry.c src/cli/shell_entry.h src/cli/readline_dl.c src/cli/readline_dl.h src/cli/echo.c src/cli/get.c src/cli/describe.c \
	src/cli/monitor.c src/cli/monitor.h src/cli/monitor_trace.c
