/* Unit test of lift + printer: the conformance payloads (`nft -d netlink` text of
 * each rule) are read back into VM programs, lifted, printed with -s -p and compared
 * with the listing the .t file expects. Also a few hand-made programs. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lift/lift.h"
#include "ast/print.h"
#include "vm_text.h"

static int test_no;
static int failures;

static void report(bool ok, const char *name)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++test_no, name);
	if (!ok)
		failures++;
}

/* ------------------------------------------------------------ normalisation */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The conformance runner's comparison: whitespace collapsed, none around : , { }
 * and " - ", items of each innermost { } sorted. */
static void normalise(const char *in, char *out, size_t cap)
{
	char a[8192], b[8192];
	size_t n = 0;
	bool sp = false;
	for (const char *p = in; *p && n + 2 < sizeof(a); p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			sp = n > 0;
			continue;
		}
		if (sp)
			a[n++] = ' ';
		sp = false;
		a[n++] = *p;
	}
	a[n] = 0;
	size_t m = 0;
	for (size_t i = 0; a[i] && m + 2 < sizeof(b); i++) {
		char c = a[i];
		bool dash = c == '-' && i > 0 && a[i - 1] == ' ' && a[i + 1] == ' ';
		if (strchr(":,{}", c) || dash) {
			while (m && b[m - 1] == ' ')
				m--;
			b[m++] = c;
			while (a[i + 1] == ' ')
				i++;
			continue;
		}
		b[m++] = c;
	}
	b[m] = 0;
	/* sort innermost sets */
	size_t o = 0;
	for (size_t i = 0; b[i] && o + 2 < cap;) {
		if (b[i] == '{') {
			size_t j = i + 1;
			while (b[j] && b[j] != '{' && b[j] != '}')
				j++;
			if (b[j] == '}') {
				char tmp[8192];
				memcpy(tmp, b + i + 1, j - i - 1);
				tmp[j - i - 1] = 0;
				char *items[512];
				size_t k = 0;
				char *save = NULL;
				for (char *t = strtok_r(tmp, ",", &save); t && k < 512; t = strtok_r(NULL, ",", &save))
					items[k++] = t;
				qsort(items, k, sizeof(items[0]), cmp_str);
				out[o++] = '{';
				for (size_t q = 0; q < k && o + strlen(items[q]) + 3 < cap; q++) {
					if (q)
						out[o++] = ',';
					memcpy(out + o, items[q], strlen(items[q]));
					o += strlen(items[q]);
				}
				out[o++] = '}';
				i = j + 1;
				continue;
			}
		}
		out[o++] = b[i++];
	}
	out[o] = 0;
}

static bool listing_equal(const char *want, const char *got)
{
	static char a[8192], b[8192];
	if (!strcmp(want, got))
		return true;
	normalise(want, a, sizeof(a));
	normalise(got, b, sizeof(b));
	return !strcmp(a, b);
}

/* ------------------------------------------------------------ payload blocks */

#define MAX_SETS 16
struct block_sets {
	struct nl_set sets[MAX_SETS];
	uint32_t n;
	uint32_t anon_used;      /* lookups of "__set%d" take anonymous sets in order */
};

static const struct nl_set *find_set(void *priv, const char *table, const char *name)
{
	struct block_sets *bs = priv;
	for (uint32_t i = 0; i < bs->n; i++)
		if (!strcmp(bs->sets[i].name, name))
			return &bs->sets[i];
	return NULL;
}

static const struct lift_sets_ops sets_ops = { find_set };

static void parse_elements(struct arena *a, struct nl_set *s, const char *line)
{
	char *copy = arena_strdup(a, line);
	char *p = copy;
	for (;;) {
		char *el = strstr(p, "element ");
		if (!el)
			break;
		char *end = strstr(el, "[end]");
		if (!end)
			break;
		*end = 0;
		p = end + 5;
		char *tok[96];
		uint32_t nt = 0;
		char *save = NULL;
		for (char *t = strtok_r(el + 8, " \t", &save); t && nt < 96; t = strtok_r(NULL, " \t", &save))
			tok[nt++] = t;
		struct nl_elem e = {0};
		uint8_t buf[VM_DATA_MAX];
		uint32_t i = 0, w = 0;
		while (i < nt && strcmp(tok[i], "-") && strcmp(tok[i], ":")) {
			uint32_t x = strtoul(tok[i], NULL, 16);
			if (w + 4 <= sizeof(buf))
				memcpy(buf + w, &x, 4), w += 4;
			i++;
		}
		e.key = arena_memdup(a, buf, w);
		e.key_len = w;
		if (i < nt && !strcmp(tok[i], "-")) {
			i++;
			w = 0;
			while (i < nt && strcmp(tok[i], ":")) {
				uint32_t x = strtoul(tok[i], NULL, 16);
				if (w + 4 <= sizeof(buf))
					memcpy(buf + w, &x, 4), w += 4;
				i++;
			}
			e.key_end = arena_memdup(a, buf, w);
			e.key_end_len = w;
		}
		if (i < nt && !strcmp(tok[i], ":"))
			i++;
		if (i < nt) {
			e.flags = strtoul(tok[nt - 1], NULL, 0);
			uint32_t nd = nt - 1 - i;
			if (nd) {
				e.data = arena_alloc(a, sizeof(*e.data));
				static const struct { const char *n; int32_t v; } verdicts[] = {
					{ "accept", NF_ACCEPT }, { "drop", NF_DROP },
					{ "continue", NFT_CONTINUE }, { "return", NFT_RETURN },
					{ "jump", NFT_JUMP }, { "goto", NFT_GOTO },
				};
				bool is_v = false;
				for (unsigned k = 0; k < 6; k++)
					if (!strcmp(tok[i], verdicts[k].n)) {
						e.data->is_verdict = true;
						e.data->verdict = verdicts[k].v;
						if (nd > 1)
							e.data->chain = arena_strdup(a, tok[i + 1]);
						is_v = true;
					}
				if (!is_v) {
					w = 0;
					for (uint32_t k = 0; k < nd; k++) {
						uint32_t x = strtoul(tok[i + k], NULL, 16);
						if (w + 4 <= VM_DATA_MAX)
							memcpy(e.data->bytes + w, &x, 4), w += 4;
					}
					e.data->len = w;
					if (!s->data_len)
						s->data_len = w;
				}
			}
		}
		if (!s->key_len)
			s->key_len = e.key_len;
		if (s->nelems == s->elems_cap) {
			uint32_t cap = s->elems_cap ? s->elems_cap * 2 : 8;
			s->elems = arena_grow(a, s->elems, s->elems_cap, cap, sizeof(*s->elems));
			s->elems_cap = cap;
		}
		s->elems[s->nelems++] = e;
	}
}

struct result {
	int pass, total;
};

static bool verbose;

static void run_block(const char *rule, const char *want, char **lines, uint32_t nlines,
		      struct result *res, const char *fname)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct block_sets *bs = arena_alloc(&a, sizeof(*bs));
	struct nl_rule nr = {0};
	uint32_t family = 0;
	bool have_family = false, bad = false;
	const char *last_decl = NULL;
	uint32_t anon_lookups = 0;
	for (uint32_t i = 0; i < nlines; i++) {
		char *l = lines[i];
		const char *p = l;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;
		if (*p == '[') {
			/* anonymous set references: __set%d → the next declared one */
			char *line = arena_strdup(&a, p);
			char *pct = strstr(line, "%d");
			if (pct) {
				char *start = pct;
				while (start > line && start[-1] != ' ')
					start--;
				char name[64];
				snprintf(name, sizeof(name), "%.*s%u", (int)(pct - start), start, anon_lookups++);
				line = arena_printf(&a, "%.*s%s%s", (int)(start - line), line, name, pct + 2);
			}
			if (vm_text_parse(&a, line, &nr.prog.exprs) < 0) {
				if (verbose)
					fprintf(stderr, "unparsed: %s\n", p);
				bad = true;
			}
			continue;
		}
		if (strstr(p, "element ")) {
			if (bs->n)
				parse_elements(&a, &bs->sets[bs->n - 1], p);
			continue;
		}
		char w1[128] = "", w2[128] = "", w3[64] = "";
		int nw = sscanf(p, "%127s %127s %63s", w1, w2, w3);
		uint32_t fam;
		if (!have_family && nw >= 1 && !family_by_name(w1, &fam) &&
		    (nw < 3 || !strchr(w1, '%'))) {
			family = fam;
			have_family = true;
			nr.table = arena_strdup(&a, w2);
			continue;
		}
		if (nw >= 3) {
			if (last_decl && !strcmp(last_decl, w1)) {
				last_decl = NULL;
				continue;
			}
			if (bs->n < MAX_SETS) {
				struct nl_set *s = &bs->sets[bs->n];
				if (strchr(w1, '%'))
					s->name = arena_printf(&a, "%.*s%u", (int)(strchr(w1, '%') - w1), w1,
							       bs->n);
				else
					s->name = arena_strdup(&a, w1);
				s->table = arena_strdup(&a, w2);
				s->flags = strtoul(w3, NULL, 16);
				bs->n++;
				last_decl = arena_strdup(&a, w1);
			}
		}
	}
	/* anonymous names in lookups were numbered in order of use; number the sets
	 * in order of declaration among anonymous ones */
	uint32_t k = 0;
	for (uint32_t i = 0; i < bs->n; i++)
		if (bs->sets[i].flags & NFT_SET_ANONYMOUS) {
			const char *nm = bs->sets[i].name;
			size_t pre = strcspn(nm, "0123456789");
			bs->sets[i].name = arena_printf(&a, "%.*s%u", (int)pre, nm, k++);
		}
	/* lookups used one counter over all prefixes: renumber sets the same way */
	k = 0;
	for (uint32_t i = 0; i < bs->n; i++)
		if (bs->sets[i].flags & NFT_SET_ANONYMOUS) {
			const char *nm = bs->sets[i].name;
			size_t pre = strcspn(nm, "0123456789");
			bs->sets[i].name = arena_printf(&a, "%.*s%u", (int)pre, nm, k++);
		}
	if (!have_family)
		family = NFPROTO_IPV4, have_family = true, nr.table = "t";
	if (bad) {
		res->total++;
		if (verbose)
			fprintf(stderr, "FAIL %s: %s\n  (unparsed payload)\n", fname, rule);
		arena_free(&a);
		return;
	}
	nr.family = family;
	struct lift_ctx ctx = { .arena = &a, .family = family, .sets = &sets_ops, .sets_priv = bs };
	struct rule out;
	lift_rule(&ctx, &nr, &out);
	struct writer w;
	writer_init_mem(&w);
	struct print_opts po = { .stateless = true, .numeric_proto = true };
	print_rule(&out, &po, &w);
	const char *got = wr_cstr(&w);
	res->total++;
	if (listing_equal(want, got))
		res->pass++;
	else if (verbose)
		fprintf(stderr, "FAIL %s [%s]: %s\n  want: %s\n  got:  %s\n", fname,
			family_name(family), rule, want, got);
	writer_free(&w);
	arena_free(&a);
}

/* rule → expected listing, from the .t file */
struct expect {
	char *rule, *listing;
};

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static void run_file(const char *dir, const char *rel, struct result *total)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/py/%s", dir, rel);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	struct expect ex[2048];
	uint32_t nex = 0;
	char line[4096];
	while (fgets(line, sizeof(line), f) && nex < 2048) {
		if (strchr(":*!?%#-\n", line[0]))
			continue;
		char *parts[3] = { 0 };
		int np = 0;
		char *save = NULL;
		char *copy = strdup(line);
		for (char *t = strtok_r(copy, ";", &save); t && np < 3; t = strtok_r(NULL, ";", &save))
			parts[np++] = t;
		if (np < 2 || strcmp(trim(parts[1]), "ok")) {
			free(copy);
			continue;
		}
		ex[nex].rule = strdup(trim(parts[0]));
		ex[nex].listing = strdup(np > 2 && *trim(parts[2]) ? trim(parts[2]) : trim(parts[0]));
		nex++;
		free(copy);
	}
	fclose(f);
	struct result res = { 0, 0 };
	glob_t g;
	char pat[1100];
	snprintf(pat, sizeof(pat), "%s.payload*", path);
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t gi = 0; gi < g.gl_pathc; gi++) {
			FILE *pf = fopen(g.gl_pathv[gi], "r");
			if (!pf)
				continue;
			char *rule = NULL;
			char *lines[256];
			uint32_t nl = 0;
			for (;;) {
				char *got = fgets(line, sizeof(line), pf);
				if (!got || !strncmp(line, "# ", 2)) {
					if (rule) {
						const char *want = NULL;
						for (uint32_t i = 0; i < nex; i++)
							if (!strcmp(ex[i].rule, rule)) {
								want = ex[i].listing;
								break;
							}
						if (want)
							run_block(rule, want, lines, nl, &res, rel);
						free(rule);
						for (uint32_t i = 0; i < nl; i++)
							free(lines[i]);
					}
					nl = 0;
					rule = got ? strdup(trim(line + 2)) : NULL;
					if (!got)
						break;
					continue;
				}
				if (rule && nl < 256)
					lines[nl++] = strdup(line);
			}
			fclose(pf);
		}
		globfree(&g);
	}
	for (uint32_t i = 0; i < nex; i++) {
		free(ex[i].rule);
		free(ex[i].listing);
	}
	printf("# %s: %d/%d\n", rel, res.pass, res.total);
	total->pass += res.pass;
	total->total += res.total;
}

/* ------------------------------------------------------------ hand-made cases */

static void check_one(const char *name, uint32_t family, const char *const *prog, const char *want)
{
	struct arena a;
	arena_init(&a, 1 << 14);
	struct nl_rule nr = { .family = family, .table = "t" };
	bool ok = true;
	for (const char *const *p = prog; *p; p++)
		if (vm_text_parse(&a, *p, &nr.prog.exprs) < 0)
			ok = false;
	struct lift_ctx ctx = { .arena = &a, .family = family };
	struct rule out;
	lift_rule(&ctx, &nr, &out);
	struct writer w;
	writer_init_mem(&w);
	struct print_opts po = { .stateless = true, .numeric_proto = true };
	print_rule(&out, &po, &w);
	if (strcmp(wr_cstr(&w), want)) {
		ok = false;
		fprintf(stderr, "# %s: got '%s' want '%s'\n", name, wr_cstr(&w), want);
	}
	report(ok, name);
	writer_free(&w);
	arena_free(&a);
}

int main(int argc, char **argv)
{
	verbose = getenv("LIFT_TEST_VERBOSE") != NULL;
	setenv("TZ", "UTC-2", 1);    /* as the conformance runner lists times */
	tzset();
	{
		const char *p[] = { "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000006 ]",
				    "[ payload load 2b @ transport header + 2 => reg 1 ]",
				    "[ cmp eq reg 1 0x00001600 ]", "[ immediate reg 0 accept ]", NULL };
		check_one("tcp dport 22 accept", NFPROTO_INET, p, "tcp dport 22 accept");
	}
	{
		const char *p[] = { "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000006 ]",
				    NULL };
		check_one("meta l4proto 6 kept", NFPROTO_INET, p, "meta l4proto 6");
	}
	{
		const char *p[] = { "[ ct load state => reg 1 ]",
				    "[ bitwise reg 1 = ( reg 1 & 0x00000006 ) ^ 0x00000000 ]",
				    "[ cmp neq reg 1 0x00000000 ]", NULL };
		check_one("ct state flag test", NFPROTO_IPV4, p, "ct state established,related");
	}
	{
		const char *p[] = { "[ payload load 4b @ network header + 12 => reg 1 ]",
				    "[ bitwise reg 1 = ( reg 1 & 0x0000ffff ) ^ 0x00000000 ]",
				    "[ cmp eq reg 1 0x0000000a ]", NULL };
		check_one("ip saddr prefix", NFPROTO_IPV4, p, "ip saddr 10.0.0.0/16");
	}
	{
		const char *p[] = { "[ counter pkts 3 bytes 4 ]", NULL };
		check_one("counter stateless", NFPROTO_IPV4, p, "counter");
	}
	const char *dir = getenv("NFTC_CONFORMANCE_DIR");
	if (!dir)
		dir = "../shared/conformance";
	char listp[1024];
	snprintf(listp, sizeof(listp), "%s/core-files.txt", dir);
	FILE *lf = fopen(listp, "r");
	struct result total = { 0, 0 };
	if (lf || argc > 1) {
		char line[512];
		if (argc > 1)
			for (int i = 1; i < argc; i++)
				run_file(dir, argv[i], &total);
		else
			while (fgets(line, sizeof(line), lf))
				run_file(dir, trim(line), &total);
		if (lf)
			fclose(lf);
		printf("# lift conformance: %d/%d listings match\n", total.pass, total.total);
		report(total.total == 0 || total.pass * 2 >= total.total, "lift conformance payloads");
	} else {
		printf("ok %d - lift conformance payloads # SKIP no conformance dir\n", ++test_no);
	}
	return failures ? 1 : 0;
}
