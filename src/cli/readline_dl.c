/* Looks GNU readline up at run time (see readline_dl.h for why). */
#include <dlfcn.h>
#include <stddef.h>
#include "readline_dl.h"

static const char *const sonames[] = { "libreadline.so.8", "libreadline.so" };

int readline_load(struct readline_api *api, const char **why)
{
	void *h = NULL;
	for (size_t i = 0; i < sizeof(sonames) / sizeof(sonames[0]) && !h; i++)
		h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = dlerror();
		return -1;
	}
	static const struct { const char *name; size_t off; } syms[] = {
#define SYM(n) { #n, offsetof(struct readline_api, n) }
		SYM(readline), SYM(using_history), SYM(stifle_history), SYM(read_history),
		SYM(append_history), SYM(history_truncate_file), SYM(add_history),
		SYM(history_get), SYM(rl_completion_matches), SYM(rl_attempted_completion_over),
		SYM(rl_line_buffer), SYM(rl_readline_name), SYM(rl_attempted_completion_function),
		SYM(history_comment_char), SYM(history_write_timestamps),
		SYM(history_multiline_entries), SYM(history_length), SYM(history_base),
#undef SYM
	};
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(h, syms[i].name);
		if (!p) {
			*why = dlerror();
			dlclose(h);
			return -1;
		}
		*(void **)((char *)api + syms[i].off) = p;
	}
	return 0;
}
