/* nftc's entry point: nft's command-line options, then a file, the command line or
 * the interactive shell is run through cli_run_*. Exit codes as nft: 0, 1 error,
 * 2 out of memory, 3 no netlink socket. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "run.h"
#include "../util/arena.h"

#define NFTC_VERSION "0.1.0"

static void usage(const char *prog, FILE *f)
{
	fprintf(f,
"Usage: %s [ options ] [ cmds... ]\n"
"\n"
"Options (general):\n"
"  -h, --help                      Show this help\n"
"  -v, --version                   Show version information\n"
"  -V                              Show extended version information\n"
"\n"
"Options (ruleset input handling):\n"
"  -f, --file <filename>           Read input from <filename> (- is stdin)\n"
"  -D, --define <name=value>       Define variable, e.g. --define foo=1.2.3.4\n"
"  -i, --interactive               Read input from interactive CLI\n"
"  -I, --includepath <directory>   Add <directory> to the paths searched for include files.\n"
"  -c, --check                     Check commands validity without actually applying the changes.\n"
"  -o, --optimize                  Optimize ruleset (not supported)\n"
"\n"
"Options (ruleset list formatting):\n"
"  -a, --handle                    Output rule handle.\n"
"  -s, --stateless                 Omit stateful information of ruleset.\n"
"  -t, --terse                     Omit contents of sets.\n"
"  -S, --service                   Translate ports to service names as described in /etc/services.\n"
"  -N, --reversedns                Translate IP addresses to names.\n"
"  -u, --guid                      Print UID/GID as defined in /etc/passwd and /etc/group.\n"
"  -n, --numeric                   Print fully numerical output.\n"
"  -y, --numeric-priority          Print chain priority numerically.\n"
"  -p, --numeric-protocol          Print layer 4 protocols numerically.\n"
"  -T, --numeric-time              Print time values numerically.\n"
"\n"
"Options (command output formatting):\n"
"  -e, --echo                      Echo what has been added, inserted or replaced.\n"
"  -j, --json                      Format output in JSON (not supported)\n"
"  -d, --debug <level [,level...]> Specify debugging level (scanner, parser, eval, netlink, mnl, proto-ctx, segtree, all)\n"
"\n", prog);
}

static int parse_debug(const char *arg, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } levels[] = {
		{ "scanner", DEBUG_SCANNER }, { "parser", DEBUG_PARSER }, { "eval", DEBUG_EVAL },
		{ "netlink", DEBUG_NETLINK }, { "mnl", DEBUG_MNL }, { "proto-ctx", DEBUG_PROTO },
		{ "segtree", DEBUG_SEGTREE }, { "all", ~0u },
	};
	char *copy = xstrdup(arg), *save = NULL;
	int rc = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (!strcmp(tok, levels[i].name))
				break;
		if (i == sizeof(levels) / sizeof(levels[0])) {
			fprintf(stderr, "invalid debug parameter `%s'\n", tok);
			rc = -1;
			break;
		}
		*out |= levels[i].bit;
	}
	free(copy);
	return rc;
}

/* Everything the command line asked for. */
struct args {
	struct cli_opts o;
	const char *file;
	const char **incs, **defs;   /* NULL-terminated; freed by args_free */
	int first_cmd;               /* argv index of the first command word */
};

static void args_free(struct args *a)
{
	free(a->incs);
	free(a->defs);
}

/* Parses the options. Returns -1 to go on and run, or the exit code to leave with
 * (`-h`, `-v` and usage errors end here). */
static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ "check", no_argument, NULL, 'c' },
		{ "file", required_argument, NULL, 'f' },
		{ "define", required_argument, NULL, 'D' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "includepath", required_argument, NULL, 'I' },
		{ "optimize", no_argument, NULL, 'o' },
		{ "handle", no_argument, NULL, 'a' },
		{ "stateless", no_argument, NULL, 's' },
		{ "terse", no_argument, NULL, 't' },
		{ "service", no_argument, NULL, 'S' },
		{ "reversedns", no_argument, NULL, 'N' },
		{ "guid", no_argument, NULL, 'u' },
		{ "numeric", no_argument, NULL, 'n' },
		{ "numeric-priority", no_argument, NULL, 'y' },
		{ "numeric-protocol", no_argument, NULL, 'p' },
		{ "numeric-time", no_argument, NULL, 'T' },
		{ "echo", no_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "debug", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_opts *o = &a->o;
	int ninc = 0, ndef = 0, c;

	a->incs = xmalloc(sizeof(char *) * (size_t)(argc + 1));
	a->defs = xmalloc(sizeof(char *) * (size_t)(argc + 1));
	a->incs[0] = a->defs[0] = NULL;
	while ((c = getopt_long(argc, argv, "+hvVcf:iI:D:oastSNunypTejd:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(argv[0], stdout); return 0;
		case 'v': printf("nftc v%s (nft 1.1 compatible)\n", NFTC_VERSION); return 0;
		case 'V':
			printf("nftc v%s (nft 1.1 compatible)\n  cli:\t\treadline\n  json:\t\tno\n"
			       "  minigmp:\tno\n  libxtables:\tno\n", NFTC_VERSION);
			return 0;
		case 'c': o->check = true; break;
		case 'f':
			if (a->file) {
				fprintf(stderr, "Error: -f/--file can only be specified once\n");
				return 1;
			}
			a->file = optarg;
			break;
		case 'i': o->interactive = true; break;
		case 'I': a->incs[ninc++] = optarg; a->incs[ninc] = NULL; break;
		case 'D': a->defs[ndef++] = optarg; a->defs[ndef] = NULL; break;
		case 'o':
			fprintf(stderr, "Error: -o/--optimize is not supported by nftc\n");
			return 1;
		case 'a': o->po.handle = true; break;
		case 's': o->po.stateless = true; break;
		case 't': o->po.terse = true; break;
		case 'S': o->po.service = true; break;
		case 'N': o->po.reversedns = true; break;
		case 'u': o->po.guid = true; break;
		case 'n':   /* nft: fully numeric — symbols, protocols, priorities, times */
			o->po.numeric = o->po.numeric_proto = o->po.numeric_prio =
				o->po.numeric_time = true;
			break;
		case 'y': o->po.numeric_prio = true; break;
		case 'p': o->po.numeric_proto = true; break;
		case 'T': o->po.numeric_time = true; break;
		case 'e': o->echo = true; break;
		case 'j':
			fprintf(stderr, "Error: JSON support not compiled-in\n");
			return 1;
		case 'd':
			if (parse_debug(optarg, &o->debug))
				return 1;
			break;
		default:
			usage(argv[0], stderr);
			return 1;
		}
	}
	o->include_dirs = a->incs;
	o->defines = a->defs;
	a->first_cmd = optind;

	int nargs = argc - optind;
	if (a->file && nargs > 0) {
		fprintf(stderr, "Error: -f/--file and commands on the command line are exclusive\n");
		return 1;
	}
	if (o->interactive && (a->file || nargs > 0)) {
		fprintf(stderr, "Error: -i/--interactive and other input are exclusive\n");
		return 1;
	}
	if (!a->file && !nargs && !o->interactive) {
		usage(argv[0], stderr);
		return 1;
	}
	return -1;
}

/* The words of the command line, joined by spaces, as one input. */
static int run_cmdline(struct cli *cli, int argc, char **argv, int first, struct writer *out,
		       struct writer *err)
{
	size_t len = 0;
	for (int i = first; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *text = xmalloc(len + 1), *p = text;
	for (int i = first; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(p, argv[i], n);
		p += n;
		*p++ = i + 1 < argc ? ' ' : '\0';
	}
	if (p == text)
		*p = 0;
	int rc = cli_run_buffer(cli, "<cmdline>", text, out, err);
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	/* A fixed threshold: large arrays (a million decoded elements) stay mmapped, so
	 * growing them is mremap, not a copy. glibc's adaptive threshold would climb past
	 * them after the first large free and turn every growth into a copy. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	struct args a;
	memset(&a, 0, sizeof(a));
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0) {
		args_free(&a);
		/* -h and -v print to stdout: a failed write is an error there too */
		return fflush(stdout) || ferror(stdout) ? 1 : rc;
	}

	struct writer out, err;
	writer_init_fd(&out, STDOUT_FILENO);
	writer_init_fd(&err, STDERR_FILENO);
	struct cli *cli = cli_new(&a.o);
	if (a.o.interactive)
		rc = shell_run(cli, &out, &err);
	else if (a.file)
		rc = cli_run_file(cli, a.file, &out, &err);
	else
		rc = run_cmdline(cli, argc, argv, a.first_cmd, &out, &err);
	/* Output that did not reach its file is a failure, not a success: a listing
	 * redirected to a full disk must not exit 0. */
	int werr = wr_flush(&out);
	if (werr) {
		wr_printf(&err, "Error: cannot write to standard output: %s\n", strerror(werr));
		rc = rc ? rc : 1;
	}
	wr_flush(&err);
	cli_free(cli);
	writer_free(&out);
	writer_free(&err);
	args_free(&a);
	return rc;
}
