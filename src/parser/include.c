/* `include "path"`: the path is tried relative to the including file's
 * directory, then in each -I directory; wildcards expand with glob(3) (no match
 * is not an error), and the files found are read in sorted order, each in the place of
 * the one before on the scanner's source stack. */
#include <glob.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../lexer/scan_state.h"

static bool has_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

/* Directory of the current source, or NULL for the command line / stdin. */
static const char *current_dir(struct pstate *ps)
{
	struct scan_state *st = scan_state_of(ps->scanner);
	const char *name = st->frames[st->depth].src->name;
	if (!name || name[0] == '<' || !strcmp(name, "/dev/stdin"))
		return NULL;
	const char *slash = strrchr(name, '/');
	if (!slash)
		return NULL;
	return arena_strndup(ps->a, name, (size_t)(slash - name) + (slash == name));
}

/* The first file is pushed; the others follow it at its level as it ends (scan_then),
 * so that the files of a glob count as one level of inclusion, as under nft. */
static int push_files(struct pstate *ps, const struct loc *l, char **paths, size_t n)
{
	if (!n)
		return 0;
	const struct source *src = source_read(ps->ctx, l, paths[0], paths[0]);
	if (!src)
		return -1;
	if (scan_push_source(ps->scanner, src))
		return diag_error(ps->ctx->errs, l, "Include nested too deeply, max %d levels",
				  SCAN_MAX_INCLUDE_DEPTH);
	scan_then(ps->scanner, paths + 1, (uint32_t)(n - 1), l);
	return 0;
}

/* Returns 1 if `path` (maybe a pattern) matched something and was pushed. */
static int try_path(struct pstate *ps, const struct loc *l, const char *path, int *err)
{
	if (!has_glob(path)) {
		if (access(path, R_OK))
			return 0;
		char *one = (char *)path;
		*err = push_files(ps, l, &one, 1);
		return 1;
	}
	glob_t g;
	memset(&g, 0, sizeof(g));
	/* GLOB_MARK: directories end with '/'; a pattern's directories are passed over,
	 * as nft does */
	if (glob(path, GLOB_MARK, NULL, &g) || g.gl_pathc == 0) {
		globfree(&g);
		return 0;
	}
	char **copies = arena_alloc(ps->a, g.gl_pathc * sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len = strlen(g.gl_pathv[i]);
		if (len && g.gl_pathv[i][len - 1] != '/')
			copies[n++] = arena_strdup(ps->a, g.gl_pathv[i]);
	}
	globfree(&g);
	*err = push_files(ps, l, copies, n);
	return 1;
}

int b_include(struct pstate *ps, const struct loc *l, const char *path)
{
	int err = 0;
	if (path[0] == '/') {
		if (try_path(ps, l, path, &err))
			return err;
	} else {
		const char *dir = current_dir(ps);
		const char *p = dir ? arena_printf(ps->a, "%s/%s", dir, path) : path;
		if (try_path(ps, l, p, &err))
			return err;
		for (const char **d = ps->ctx->include_dirs; d && *d; d++)
			if (try_path(ps, l, arena_printf(ps->a, "%s/%s", *d, path), &err))
				return err;
	}
	if (has_glob(path))
		return 0;
	return diag_error(ps->ctx->errs, l, "File not found: %s", path);
}
