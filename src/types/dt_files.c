/* Name tables kept in system files (`NUMBER NAME` per line, # comments), read on
 * each lookup so that nothing is cached: iproute2's device groups and routing
 * realms, and conntrack label names. The built-in rows of each datatype are tried
 * first; these files add the names a host defines. */
#include "dt_impl.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

const char *const dt_devgroup_files[] = { "/etc/iproute2/group", "/usr/share/iproute2/group", NULL };
const char *const dt_realm_files[] = { "/etc/iproute2/rt_realms", "/usr/share/iproute2/rt_realms", NULL };
const char *const dt_connlabel_files[] = { "/etc/xtables/connlabel.conf", "/etc/connlabel.conf", NULL };

/* Calls `match` on each (number, name) row of the first readable file; stops when it
 * returns nonzero and returns that value (0 if nothing matched). */
static int scan(const char *const *files, int (*match)(uint64_t num, const char *name, void *arg),
		void *arg)
{
	for (; *files; files++) {
		FILE *f = fopen(*files, "re");
		if (!f)
			continue;
		char line[512];
		int r = 0;
		while (!r && fgets(line, sizeof(line), f)) {
			char *p = line;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '#' || *p == '\n' || !*p)
				continue;
			char *end;
			unsigned long long num = strtoull(p, &end, 0);
			if (end == p || (*end != ' ' && *end != '\t'))
				continue;
			p = end;
			while (*p == ' ' || *p == '\t')
				p++;
			char *q = p;
			while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '#')
				q++;
			*q = 0;
			if (*p)
				r = match(num, p, arg);
		}
		fclose(f);
		return r;
	}
	return 0;
}

struct by_name { const char *name; uint64_t num; };
struct by_num { uint64_t num; char *buf; size_t size; };

static int match_name(uint64_t num, const char *name, void *arg)
{
	struct by_name *b = arg;
	if (strcmp(name, b->name) != 0)
		return 0;
	b->num = num;
	return 1;
}

static int match_num(uint64_t num, const char *name, void *arg)
{
	struct by_num *b = arg;
	if (num != b->num)
		return 0;
	snprintf(b->buf, b->size, "%s", name);
	return 1;
}

int dt_file_name_to_num(const char *const *files, const char *name, uint64_t *num)
{
	struct by_name b = { name, 0 };
	if (!scan(files, match_name, &b))
		return -1;
	*num = b.num;
	return 0;
}

int dt_file_num_to_name(const char *const *files, uint64_t num, char *buf, size_t size)
{
	struct by_num b = { num, buf, size };
	return scan(files, match_num, &b) ? 0 : -1;
}
