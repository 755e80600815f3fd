/* nft's command-line options: what each option sets, and the checks of the whole
 * command line (-f with commands, -i with other input ...). Kept apart from main so
 * that the command line is fuzzed as the other inputs are (tests/fuzz/fuzz_args.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "../util/arena.h"

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
"  -o, --optimize                  Optimize ruleset\n"
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
"  -j, --json                      Format output in JSON\n"
"  -d, --debug <level [,level...]> Specify debugging level (scanner, parser, eval, netlink, mnl, proto-ctx, segtree, all)\n"
"\n", prog);
}

static int parse_debug(const char *arg, FILE *err, unsigned *out)
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
			fprintf(err, "invalid debug parameter `%s'\n", tok);
			rc = -1;
			break;
		}
		*out |= levels[i].bit;
	}
	free(copy);
	return rc;
}

void cli_args_free(struct cli_args *a)
{
	free(a->incs);
	free(a->defs);
	a->incs = a->defs = NULL;
}

int cli_args_parse(int argc, char **argv, FILE *out, FILE *err, struct cli_args *a)
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

	memset(a, 0, sizeof(*a));
	optind = 0;              /* getopt starts afresh (GNU: 0 also resets its state) */
	opterr = 0;              /* its messages: ours, below, go to `err` */

	a->incs = xmalloc(sizeof(char *) * (size_t)(argc + 1));
	a->defs = xmalloc(sizeof(char *) * (size_t)(argc + 1));
	a->incs[0] = a->defs[0] = NULL;
	while ((c = getopt_long(argc, argv, "+:hvVcf:iI:D:oastSNunypTejd:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(argv[0], out); return 0;
		case 'v':
			fprintf(out, "nftables v%s (nftc %s)\n", NFT_COMPAT_VERSION, NFTC_VERSION);
			return 0;
		case 'V':
			fprintf(out, "nftables v%s (nftc %s)\n  cli:\t\treadline\n  json:\t\tyes\n"
			       "  minigmp:\tno\n  libxtables:\tno\n", NFT_COMPAT_VERSION, NFTC_VERSION);
			return 0;
		case 'c': o->check = true; break;
		case 'f':
			if (a->file) {
				fprintf(err, "Error: -f/--file can only be specified once\n");
				return 1;
			}
			a->file = optarg;
			break;
		case 'i': o->interactive = true; break;
		case 'I': a->incs[ninc++] = optarg; a->incs[ninc] = NULL; break;
		case 'D': a->defs[ndef++] = optarg; a->defs[ndef] = NULL; break;
		case 'o': o->optimize = true; break;
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
		case 'j': o->json = true; break;
		case 'd':
			if (parse_debug(optarg, err, &o->debug))
				return 1;
			break;
		case ':':     /* getopt's own words, as nft prints them */
			if (optopt)
				fprintf(err, "%s: option requires an argument -- '%c'\n", argv[0], optopt);
			else
				fprintf(err, "%s: option '%s' requires an argument\n", argv[0],
					argv[optind - 1]);
			return 1;
		default:
			if (optopt)
				fprintf(err, "%s: invalid option -- '%c'\n", argv[0], optopt);
			else
				fprintf(err, "%s: unrecognized option '%s'\n", argv[0], argv[optind - 1]);
			return 1;
		}
	}
	o->include_dirs = a->incs;
	o->defines = a->defs;
	a->first_cmd = optind;

	int nargs = argc - optind;
	if (a->file && nargs > 0) {
		fprintf(err, "Error: -f/--file and commands on the command line are exclusive\n");
		return 1;
	}
	if (o->interactive && (a->file || nargs > 0)) {
		fprintf(err, "Error: -i/--interactive and other input are exclusive\n");
		return 1;
	}
	if (!a->file && !nargs && !o->interactive) {
		usage(argv[0], err);
		return 1;
	}
	return -1;
}
