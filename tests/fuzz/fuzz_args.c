/* Fuzz harness: the command line. The input is split at NUL bytes into argv[1..]
 * (argv[0] "nftc") and parsed by cli_args_parse, as main does; what -h, -v and usage
 * errors print goes to /dev/null (stderr stays the sanitizers'). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	if (size > 4096)
		return 0;
	char *copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	int argc = 1;
	for (size_t i = 0; i < size; i++)
		argc += copy[i] == '\0';
	char **argv = calloc((size_t)argc + 2, sizeof(*argv));
	argv[0] = "nftc";
	int k = 1;
	for (char *p = copy; p < copy + size; p += strlen(p) + 1)
		argv[k++] = p;
	if (size && copy[size - 1] != '\0')
		argc = k;
	argv[argc] = NULL;
	struct cli_args a;
	int rc = cli_args_parse(argc, argv, null, null, &a);
	/* a command line that runs has every option where main looks for it */
	if (rc < 0 && a.file)
		(void)strlen(a.file);
	for (const char **d = a.o.defines; rc < 0 && d && *d; d++)
		(void)strlen(*d);
	cli_args_free(&a);
	free(argv);
	free(copy);
	return 0;
}
