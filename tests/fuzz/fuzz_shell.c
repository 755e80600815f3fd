/* Fuzz harness: the shell's line assembly (src/cli/shell_entry.c). The input is split
 * into lines at '\n' and fed to shell_entry_add as `nftc -i` feeds what it reads; at
 * each complete entry the incremental brace count is checked against a scan of the
 * whole entry from its start (the way it was computed before it was incremental):
 * any difference aborts, so this is a differential fuzz as well as a crash hunt. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/shell_entry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Brace depth of the whole text, braces in "strings" and # comments not counted. */
static int depth_of(const char *text)
{
	int depth = 0, quoted = 0;
	for (const char *p = text; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = 0;
		} else if (*p == '"') {
			quoted = 1;
		} else if (*p == '#') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		}
	}
	return depth;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shell_entry e = { 0 };
	shell_entry_reset(&e);
	size_t start = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] != '\n')
			continue;
		size_t n = i - start;
		char *line = malloc(n + 1);
		memcpy(line, data + start, n);
		line[n] = '\0';
		/* a NUL inside the line ends it, as it ends what getline gave a C string */
		enum shell_entry_state st = shell_entry_add(&e, line);
		free(line);
		start = i + 1;
		if (st == SHELL_ENTRY_COMPLETE || st == SHELL_ENTRY_MORE) {
			int whole = depth_of(e.buf);
			if (whole != e.depth) {
				fprintf(stderr, "incremental depth %d, whole-text depth %d\n", e.depth,
					whole);
				abort();
			}
		}
		if (st == SHELL_ENTRY_COMPLETE)
			shell_entry_reset(&e);
	}
	shell_entry_free(&e);
	return 0;
}
