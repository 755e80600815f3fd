/* The offline inverse test: for every achievable vector of the core conformance files,
 * with no kernel, check that lower and lift are inverses:
 *   1. parse `add rule F T C RULE`, evaluate and lower it (named sets of the .t file's
 *      `!` lines are lowered first and answer eval's find_set);
 *   2. the `-d netlink` text of the lowered objects matches the .payload file (the
 *      runner's payload_match);
 *   3. the rule's expressions survive netlink encode → decode unchanged (codec);
 *   4. the decoded program, with anonymous sets named as the kernel names them, lifts
 *      and prints (-s -p) as the vector's expected listing (the runner's
 *      set-order-insensitive comparison).
 * Output is TAP-ish, one line per vector. Exit status is a ratchet: nonzero only when a
 * vector listed in tests/unit/roundtrip.pass fails. `--update` rewrites that file with
 * the vectors passing now (refusing to drop ids unless `--force`). */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "ast/ast.h"
#include "ast/print.h"
#include "eval/eval.h"
#include "eval/eval_set_decl.h"
#include "netlink/netlink.h"
#include "parser/parser.h"
#include "lift/lift.h"
#include "vm/vm.h"
#include "roundtrip_text.h"

#ifndef ROUNDTRIP_SRCDIR
#define ROUNDTRIP_SRCDIR "."
#endif

/* ------------------------------------------------------------ files and id lists */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	if (!buf)
		abort();
	buf[len] = 0;
	return buf;
}

/* A sorted list of strings, for id membership. */
struct idset {
	char **v;
	size_t n, cap;
};

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void idset_add(struct idset *s, const char *id)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = strdup(id);
}

static void idset_sort(struct idset *s)
{
	qsort(s->v, s->n, sizeof(*s->v), cmp_strp);
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (k && !strcmp(s->v[k - 1], s->v[i])) {
			free(s->v[i]);
			continue;
		}
		s->v[k++] = s->v[i];
	}
	s->n = k;
}

static bool idset_has(const struct idset *s, const char *id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof(*s->v), cmp_strp);
}

static void idset_free(struct idset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Lines of a file as ids (blank lines and '#' comments skipped); with strip_last,
 * the last ":field" is dropped (achievable.txt's chain). */
static bool idset_load(struct idset *s, const char *path, bool strip_last)
{
	char *t = slurp(path);
	if (!t)
		return false;
	for (char *save = NULL, *ln = strtok_r(t, "\n", &save); ln;
	     ln = strtok_r(NULL, "\n", &save)) {
		while (*ln && isspace((unsigned char)*ln))
			ln++;
		size_t n = strlen(ln);
		while (n && isspace((unsigned char)ln[n - 1]))
			ln[--n] = 0;
		if (!n || ln[0] == '#')
			continue;
		if (strip_last) {
			char *c = strrchr(ln, ':');
			if (c)
				*c = 0;
		}
		idset_add(s, ln);
	}
	free(t);
	idset_sort(s);
	return true;
}

/* ------------------------------------------------------------ payload files */

struct payload_block {
	char *rule;
	char *text;
};
struct payloads {
	struct payload_block *v;
	size_t n, cap;
};

/* load_payloads(): "# RULE" starts a block; the first block of a rule wins. */
static void payloads_load(struct payloads *p, const char *path)
{
	memset(p, 0, sizeof(*p));
	char *t = slurp(path);
	if (!t)
		return;
	char *cur = NULL;
	const char *body = NULL;
	char *s = t;
	for (;;) {
		char *e = strchr(s, '\n');
		bool at_end = !*s;
		if (at_end || (s[0] == '#' && s[1] == ' ')) {
			if (cur) {
				bool seen = false;
				for (size_t i = 0; i < p->n && !seen; i++)
					seen = !strcmp(p->v[i].rule, cur);
				if (!seen) {
					if (p->n == p->cap) {
						p->cap = p->cap ? 2 * p->cap : 64;
						p->v = realloc(p->v, p->cap * sizeof(*p->v));
					}
					p->v[p->n].rule = cur;
					p->v[p->n++].text = strndup(body, (size_t)(s - body));
				} else {
					free(cur);
				}
				cur = NULL;
			}
			if (at_end)
				break;
			const char *k = s + 2;
			size_t n = e ? (size_t)(e - k) : strlen(k);
			while (n && isspace((unsigned char)*k))
				k++, n--;
			while (n && isspace((unsigned char)k[n - 1]))
				n--;
			cur = strndup(k, n);
			body = e ? e + 1 : s + strlen(s);
		}
		if (!e)
			s += strlen(s);
		else
			s = e + 1;
	}
	free(t);
}

static const char *payloads_get(const struct payloads *p, const char *rule)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].rule, rule))
			return p->v[i].text;
	return NULL;
}

static void payloads_free(struct payloads *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].rule);
		free(p->v[i].text);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ------------------------------------------------------------ `!` set lines */

/* set_cmd(): a `!NAME type T [: D] [timeout X] [flags F]` spec → `add set|map ...`
 * text for FAMILY TABLE, following the runner token by token. */
static char *set_cmd_text(const char *spec, const char *fam, const char *table)
{
	char *copy = strdup(spec);
	char *tok[64];
	int nt = 0;
	/* Python str.split(" "): empty tokens kept */
	for (char *p = copy;;) {
		char *sp = strchr(p, ' ');
		if (nt < 64)
			tok[nt++] = p;
		if (!sp)
			break;
		*sp = 0;
		p = sp + 1;
	}
	char *out = NULL;
	if (nt < 3)
		goto done;
	bool is_typeof = !strcmp(tok[1], "typeof");
	char stype[512], data[256] = "", flags[128] = "", timeout[128] = "";
	snprintf(stype, sizeof(stype), "%s %s", tok[1], tok[2]);
	int i = 3;
	if (is_typeof && i < nt && !strcmp(tok[i], "id"))
		strncat(stype, " id", sizeof(stype) - strlen(stype) - 1), i++;
	while (i + 1 < nt && !strcmp(tok[i], ".")) {
		strncat(stype, " . ", sizeof(stype) - strlen(stype) - 1);
		strncat(stype, tok[i + 1], sizeof(stype) - strlen(stype) - 1);
		i += 2;
	}
	while (i + 1 < nt && !strcmp(tok[i], ":")) {
		snprintf(data, sizeof(data), "%s", tok[i + 1]);
		i += 2;
	}
	while (i + 1 < nt && !strcmp(tok[i], ".")) {
		strncat(data, " . ", sizeof(data) - strlen(data) - 1);
		strncat(data, tok[i + 1], sizeof(data) - strlen(data) - 1);
		i += 2;
	}
	if (is_typeof && i < nt && !strcmp(tok[i], "mark"))
		strncat(data, " mark", sizeof(data) - strlen(data) - 1), i++;
	if (nt == i + 2 && !strcmp(tok[i], "timeout")) {
		snprintf(timeout, sizeof(timeout), "timeout %s;", tok[i + 1]);
		i += 2;
	}
	if (nt == i + 2 && !strcmp(tok[i], "flags"))
		snprintf(flags, sizeof(flags), "flags %s; ", tok[i + 1]);
	const char *kind = *data ? "map" : "set";
	size_t cap = strlen(spec) + strlen(fam) + strlen(table) + 256;
	out = malloc(cap);
	snprintf(out, cap, "add %s %s %s %s { %s%s%s;%s %s}\n", kind, fam, table, tok[0], stype,
		 *data ? " : " : "", data, timeout, flags);
done:
	free(copy);
	return out;
}

/* ------------------------------------------------------------ per-table state */

#define MAX_NAMED 64
struct table_state {
	char fam[16];
	uint32_t family;
	bool family_ok;
	char *table;
	char *chain;                         /* the first declared chain */
	struct payloads perfam;
	struct arena arena;                  /* named sets live here */
	struct diag_list errs;
	const struct known_set *known[MAX_NAMED];
	const struct nl_set *named[MAX_NAMED];
	unsigned nknown, nnamed;
	uint32_t next_set_id;
};

static const struct known_set *ts_find_set(void *priv, uint32_t family, const char *table,
					   const char *name)
{
	struct table_state *ts = priv;
	for (unsigned i = ts->nknown; i-- > 0;)
		if (ts->known[i]->family == family && !strcmp(ts->known[i]->table, table) &&
		    !strcmp(ts->known[i]->name, name))
			return ts->known[i];
	return NULL;
}

static const struct eval_cache_ops ts_cache_ops = { .find_set = ts_find_set };

/* Parses text in `a`; returns the command list or NULL (errors in errs). */
static int parse_text(struct arena *a, struct diag_list *errs, const char *text,
		      struct cmd_list *out)
{
	struct parse_ctx pc = { .arena = a, .errs = errs };
	struct source *src = arena_alloc(a, sizeof(*src));
	src->name = "<roundtrip>";
	src->text = arena_strdup(a, text);
	src->len = strlen(text);
	memset(out, 0, sizeof(*out));
	return parse_source(&pc, src, out);
}

/* A `!` line: lower the declaration and remember the set for eval and lift. */
static void ts_add_set(struct table_state *ts, const char *spec)
{
	char *text = set_cmd_text(spec, ts->fam, ts->table);
	if (!text)
		return;
	struct cmd_list cl;
	if (parse_text(&ts->arena, &ts->errs, text, &cl) == 0) {
		struct eval_ctx ctx = { .arena = &ts->arena, .errs = &ts->errs,
					.cache = &ts_cache_ops, .cache_priv = ts,
					.next_set_id = ts->next_set_id };
		for (uint32_t c = 0; c < cl.n; c++) {
			struct lowered_list out = { 0 };
			if (eval_lower_cmd(&ctx, cl.v[c], &out) < 0)
				continue;
			for (uint32_t i = 0; i < out.n; i++) {
				if (out.v[i].kind != LOWERED_SET)
					continue;
				const struct known_set *k =
					known_set_from_decl(&ctx, cl.v[c], out.v[i].set);
				if (k && ts->nknown < MAX_NAMED)
					ts->known[ts->nknown++] = k;
				if (ts->nnamed < MAX_NAMED)
					ts->named[ts->nnamed++] = out.v[i].set;
			}
		}
		ts->next_set_id = ctx.next_set_id;
	}
	free(text);
}

/* ------------------------------------------------------------ one vector */

enum stage { ST_PARSE, ST_EVAL, ST_PAYLOAD, ST_CODEC, ST_LISTING, ST_CRASH, ST_REJECT,
	     ST_MAX };
static const char *const stage_names[ST_MAX] = {
	"parse", "eval", "payload", "codec", "listing", "crash", "reject",
};

struct result {
	bool expect_fail;
	int payload;        /* 1 ok, 0 mismatch, -1 not checked */
	int codec;
	int listing;
	int first_fail;     /* enum stage, or -1 */
	char detail[1024];
};

static void fail_at(struct result *r, enum stage st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail_at(struct result *r, enum stage st, const char *fmt, ...)
{
	if (r->first_fail >= 0)
		return;
	r->first_fail = st;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
	va_end(ap);
	for (char *p = r->detail; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* Sets the lift sees: the anonymous sets of this rule (renamed as the kernel names
 * them, with their elements) and the table's named sets. */
struct lift_sets {
	const struct table_state *ts;
	struct nl_set **anon;
	uint32_t nanon;
};

static const struct nl_set *lift_find(void *priv, const char *table, const char *name)
{
	struct lift_sets *ls = priv;
	for (uint32_t i = 0; i < ls->nanon; i++)
		if (!strcmp(ls->anon[i]->name, name))
			return ls->anon[i];
	for (unsigned i = ls->ts->nnamed; i-- > 0;)
		if (!strcmp(ls->ts->named[i]->name, name) &&
		    (!table || !ls->ts->named[i]->table || !strcmp(ls->ts->named[i]->table, table)))
			return ls->ts->named[i];
	return NULL;
}

static const struct lift_sets_ops lift_sets_ops = { lift_find };

/* The attributes by which expressions name a set: (kind, name attr, id attr). */
static const struct set_ref_attr {
	enum vm_kind kind;
	unsigned name_attr, id_attr;
} set_ref_attrs[] = {
	{ VM_LOOKUP, NFTA_LOOKUP_SET, NFTA_LOOKUP_SET_ID },
	{ VM_DYNSET, NFTA_DYNSET_SET_NAME, NFTA_DYNSET_SET_ID },
	{ VM_OBJREF, NFTA_OBJREF_SET_NAME, NFTA_OBJREF_SET_ID },
};

/* Names "__set%d"-style sets as the kernel does (a counter per pattern, from 0), and
 * the lookups that refer to them by NFTA_*_SET_ID. */
static void name_anon_sets(struct arena *a, struct nl_set **sets, uint32_t n,
			   struct vm_exprs *prog)
{
	const char *pattern[16];
	unsigned count[16], npat = 0;
	const char *new_name[64];
	for (uint32_t i = 0; i < n && i < 64; i++) {
		const char *nm = sets[i]->name;
		new_name[i] = nm;
		const char *pct = nm ? strstr(nm, "%d") : NULL;
		if (!pct)
			continue;
		unsigned p = 0;
		while (p < npat && strcmp(pattern[p], nm))
			p++;
		if (p == npat && npat < 16)
			pattern[npat] = nm, count[npat++] = 0;
		if (p >= npat)
			continue;
		new_name[i] = arena_printf(a, "%.*s%u%s", (int)(pct - nm), nm, count[p]++, pct + 2);
	}
	for (uint32_t e = 0; e < prog->n; e++) {
		struct vm_expr *x = &prog->v[e];
		for (size_t k = 0; k < sizeof(set_ref_attrs) / sizeof(set_ref_attrs[0]); k++) {
			const struct set_ref_attr *ra = &set_ref_attrs[k];
			if (x->kind != ra->kind || !vm_has(x, ra->name_attr))
				continue;
			const char *nm = vm_get_str(x, ra->name_attr);
			for (uint32_t i = 0; i < n && i < 64; i++) {
				bool same = vm_has(x, ra->id_attr)
						    ? vm_get_u(x, ra->id_attr) == sets[i]->id
						    : nm && sets[i]->name && !strcmp(nm, sets[i]->name);
				if (same) {
					vm_set_str(x, ra->name_attr, new_name[i]);
					break;
				}
			}
		}
	}
	for (uint32_t i = 0; i < n && i < 64; i++)
		sets[i]->name = new_name[i];
}

/* What the kernel leaves out of a dump: the same-batch set ids. */
static void drop_batch_only_attrs(struct vm_exprs *prog)
{
	for (uint32_t e = 0; e < prog->n; e++) {
		struct vm_expr *x = &prog->v[e];
		for (size_t k = 0; k < sizeof(set_ref_attrs) / sizeof(set_ref_attrs[0]); k++)
			if (x->kind == set_ref_attrs[k].kind)
				x->present &= ~(1u << set_ref_attrs[k].id_attr);
	}
}

/* Elements in the order a dump returns them: the rbtree behind plain interval sets
 * walks them in descending key order; other set types keep insertion order. */
static void as_dumped_elems(struct arena *a, struct nl_set *s)
{
	if (!(s->flags & NFT_SET_INTERVAL) || s->nelems < 2)
		return;
	for (uint32_t i = 0; i < s->nelems; i++)
		if (s->elems[i].key_end)
			return;
	struct nl_elem *v = arena_alloc(a, s->nelems * sizeof(*v));
	for (uint32_t i = 0; i < s->nelems; i++)
		v[i] = s->elems[s->nelems - 1 - i];
	s->elems = v;
	s->elems_cap = s->nelems;
}

static const char *prog_text(struct writer *w, const struct vm_exprs *e)
{
	struct vm_rule r = { .exprs = *e };
	wr_reset(w);
	vm_print_rule(&r, w);
	return wr_cstr(w);
}

static sigjmp_buf crash_jmp;
static volatile sig_atomic_t crash_armed;

static void on_crash(int sig)
{
	if (crash_armed)
		siglongjmp(crash_jmp, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run_vector(struct table_state *ts, const char *rule, const char *want_payload,
		       const char *want_listing, struct result *res, bool verbose)
{
	struct arena a;
	struct diag_list errs;
	arena_init(&a, 1 << 16);
	diag_list_init(&errs);
	struct writer w1, w2;
	writer_init_mem(&w1);
	writer_init_mem(&w2);
	uint8_t *buf = NULL;
	int sig;

	crash_armed = 1;
	alarm(5);
	if ((sig = sigsetjmp(crash_jmp, 1)) != 0) {
		crash_armed = 0;
		alarm(0);
		res->first_fail = -1;
		fail_at(res, ST_CRASH, "signal %d (%s)", sig, strsignal(sig));
		goto out;
	}

	char *text = arena_printf(&a, "add rule %s %s %s %s\n", ts->fam, ts->table, ts->chain,
				  rule);
	struct cmd_list cl;
	int pr = parse_text(&a, &errs, text, &cl);
	if (res->expect_fail) {
		bool rejected = pr < 0 || cl.n == 0;
		if (!rejected) {
			struct eval_ctx ctx = { .arena = &a, .errs = &errs, .cache = &ts_cache_ops,
						.cache_priv = ts, .next_set_id = ts->next_set_id };
			struct lowered_list out = { 0 };
			for (uint32_t c = 0; c < cl.n && !rejected; c++)
				rejected = eval_lower_cmd(&ctx, cl.v[c], &out) < 0;
		}
		if (!rejected)
			fail_at(res, ST_REJECT, "accepted offline, should fail");
		goto out;
	}
	if (pr < 0 || cl.n != 1) {
		fail_at(res, ST_PARSE, "%s", errs.n ? errs.items[0].msg : "no command");
		res->payload = want_payload ? 0 : -1;
		res->codec = res->listing = 0;
		goto out;
	}
	struct eval_ctx ctx = { .arena = &a, .errs = &errs, .cache = &ts_cache_ops,
				.cache_priv = ts, .next_set_id = ts->next_set_id };
	struct lowered_list out = { 0 };
	if (eval_lower_cmd(&ctx, cl.v[0], &out) < 0 || errs.n) {
		fail_at(res, ST_EVAL, "%s", errs.n ? errs.items[0].msg : "eval failed");
		res->payload = want_payload ? 0 : -1;
		res->codec = res->listing = 0;
		goto out;
	}

	/* 2. the -d netlink text */
	struct nl_rule *lowered = NULL;
	struct nl_set *anon[64];
	uint32_t nanon = 0;
	wr_reset(&w1);
	for (uint32_t i = 0; i < out.n; i++) {
		struct lowered *l = &out.v[i];
		if ((l->kind == LOWERED_SET || l->kind == LOWERED_ELEMS) && l->set) {
			bool seen = false;
			for (uint32_t k = 0; k < nanon && !seen; k++)
				seen = anon[k] == l->set;
			if (!seen && nanon < 64)
				anon[nanon++] = l->set;
		}
		if (l->kind == LOWERED_ELEMS && l->msg_type == NFT_MSG_NEWSETELEM)
			nl_debug_set(l->set, &w1);
		else if (l->kind == LOWERED_RULE && !lowered) {
			lowered = l->rule;
			nl_debug_rule(l->rule, &w1);
		}
	}
	if (!lowered) {
		fail_at(res, ST_EVAL, "no rule lowered");
		res->payload = want_payload ? 0 : -1;
		res->codec = res->listing = 0;
		goto out;
	}
	char why[900] = "";
	res->payload = want_payload ? rt_payload_match(want_payload, wr_cstr(&w1), why, sizeof(why))
				    : -1;
	if (res->payload == 0) {
		fail_at(res, ST_PAYLOAD, "%s", why);
		if (verbose) {
			printf("# payload got:\n");
			for (const char *p = wr_cstr(&w1); *p;) {
				const char *e = strchr(p, '\n');
				int n = e ? (int)(e - p) : (int)strlen(p);
				printf("#   %.*s\n", n, p);
				p += n + (e ? 1 : 0);
			}
		}
	}

	/* 3. codec round trip, with anonymous sets named as the kernel names them */
	name_anon_sets(&a, anon, nanon, &lowered->prog.exprs);
	char *before = strdup(prog_text(&w1, &lowered->prog.exprs));
	size_t len = nl_encode_exprs(&lowered->prog.exprs, NULL, 0);
	buf = malloc(len ? len : 1);
	struct vm_exprs back = { 0 };
	if (!len || nl_encode_exprs(&lowered->prog.exprs, buf, len) != len) {
		res->codec = 0;
		fail_at(res, ST_CODEC, "encode failed");
	} else if (nl_decode_exprs(&a, buf, len, &back) < 0) {
		res->codec = 0;
		fail_at(res, ST_CODEC, "decode failed");
	} else {
		const char *after = prog_text(&w2, &back);
		res->codec = !strcmp(before, after);
		if (!res->codec)
			fail_at(res, ST_CODEC, "decoded program prints differently: '%s' vs '%s'",
				before, after);
		/* and re-encodes to the same bytes (attributes the printer does not show) */
		size_t len2 = nl_encode_exprs(&back, NULL, 0);
		uint8_t *buf2 = malloc(len2 ? len2 : 1);
		if (res->codec && (len2 != len || nl_encode_exprs(&back, buf2, len2) != len ||
				   memcmp(buf, buf2, len))) {
			res->codec = 0;
			fail_at(res, ST_CODEC, "re-encoding the decoded program gives other bytes");
		}
		free(buf2);
	}
	free(before);
	if (!res->codec) {
		res->listing = 0;
		goto out;
	}

	/* 4. lift the decoded program and print it */
	drop_batch_only_attrs(&back);
	for (uint32_t i = 0; i < nanon; i++)
		as_dumped_elems(&a, anon[i]);
	struct nl_rule nr = *lowered;
	nr.prog.exprs = back;
	nr.prog.handle = 0;
	nr.prog.position = 0;
	nr.prog.position_id = 0;
	struct lift_sets ls = { .ts = ts, .anon = anon, .nanon = nanon };
	struct lift_ctx lc = { .arena = &a, .family = ts->family, .sets = &lift_sets_ops,
			       .sets_priv = &ls };
	struct rule lifted;
	memset(&lifted, 0, sizeof(lifted));
	if (lift_rule(&lc, &nr, &lifted) < 0) {
		res->listing = 0;
		fail_at(res, ST_LISTING, "lift_rule failed");
		goto out;
	}
	struct print_opts po = { .stateless = true, .numeric_proto = true };
	wr_reset(&w2);
	print_rule(&lifted, &po, &w2);
	res->listing = rt_listing_equal(want_listing, wr_cstr(&w2));
	if (!res->listing)
		fail_at(res, ST_LISTING, "got '%s' want '%s'", wr_cstr(&w2), want_listing);
out:
	crash_armed = 0;
	alarm(0);
	free(buf);
	writer_free(&w1);
	writer_free(&w2);
	diag_list_free(&errs);
	arena_free(&a);
}

/* ------------------------------------------------------------ one .t file */

struct totals {
	unsigned vectors, passed, ok_vectors, fail_vectors, rejected;
	unsigned payload_ok, payload_n, codec_ok, codec_n, listing_ok, listing_n;
	unsigned by_stage[ST_MAX];
	unsigned regressions;
	unsigned n;         /* TAP counter */
};

struct options {
	bool verbose, quiet;
	const char *pydir;
	const struct idset *achievable;
	const struct idset *ratchet;
	struct idset *passing;
};

#define MAX_TABLES 8

static void trim_right(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
}

static char *strip_dup(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	char *d = strdup(s);
	trim_right(d);
	return d;
}

static void run_file(const struct options *o, const char *rel, struct totals *t)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", o->pydir, rel);
	char *text = slurp(path);
	if (!text) {
		printf("# cannot read %s\n", path);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s.payload", o->pydir, rel);
	struct payloads generic;
	payloads_load(&generic, path);

	/* chains (name → config) are not needed offline beyond the first chain's name */
	struct table_state ts[MAX_TABLES];
	unsigned nts = 0;
	unsigned lineno = 0;
	char *save = NULL;
	/* strtok_r would skip empty lines and break numbering: walk by hand */
	char *p = text;
	(void)save;
	while (p && *p) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		lineno++;
		char *line = p;
		p = e ? e + 1 : NULL;
		char *st = line;
		while (*st && isspace((unsigned char)*st))
			st++;
		if (!*st || line[0] == '#' || line[0] == '-' || line[0] == ':')
			continue;
		if (line[0] == '*') {
			if (nts == MAX_TABLES)
				continue;
			char *fam = line + 1, *tn = strchr(fam, ';');
			if (!tn)
				continue;
			*tn++ = 0;
			char *ch = strchr(tn, ';');
			if (!ch)
				continue;
			*ch++ = 0;
			char *comma = strchr(ch, ',');
			if (comma)
				*comma = 0;
			struct table_state *s = &ts[nts++];
			memset(s, 0, sizeof(*s));
			snprintf(s->fam, sizeof(s->fam), "%s", fam);
			s->family_ok = family_by_name(fam, &s->family) == 0;
			s->table = strdup(tn);
			s->chain = strip_dup(ch);
			snprintf(path, sizeof(path), "%s/%s.payload.%s", o->pydir, rel, fam);
			payloads_load(&s->perfam, path);
			arena_init(&s->arena, 1 << 16);
			diag_list_init(&s->errs);
			continue;
		}
		if (line[0] == '!' || line[0] == '?' || line[0] == '%') {
			if (line[0] == '!') {
				char *spec = strdup(line + 1);
				char *semi = strchr(spec, ';');
				if (semi)
					*semi = 0;
				for (unsigned i = 0; i < nts; i++)
					if (ts[i].family_ok)
						ts_add_set(&ts[i], spec);
				free(spec);
			}
			/* elements and objects only matter to the kernel */
			continue;
		}
		/* RULE;ok[;LISTING] or RULE;fail */
		char *f1 = strchr(line, ';');
		char *f2 = f1 ? strchr(f1 + 1, ';') : NULL;
		if (f1)
			*f1 = 0;
		if (f2)
			*f2 = 0;
		char *f3 = f2 ? strchr(f2 + 1, ';') : NULL;
		if (f3)
			*f3 = 0;
		char *rule = strip_dup(line);
		char *state = f1 ? strip_dup(f1 + 1) : strdup("ok");
		char *listing = f2 ? strip_dup(f2 + 1) : NULL;
		if (!listing || !*listing) {
			free(listing);
			listing = strdup(rule);
		}
		bool expect_fail = !strcmp(state, "fail");
		for (unsigned i = 0; i < nts; i++) {
			char id[1200];
			if (snprintf(id, sizeof(id), "%s:%u:%s", rel, lineno, ts[i].fam) >=
			    (int)sizeof(id))
				continue;
			if (o->achievable && !idset_has(o->achievable, id))
				continue;
			struct result r = { .expect_fail = expect_fail, .payload = -1, .codec = -1,
					    .listing = -1, .first_fail = -1 };
			const char *want = payloads_get(&ts[i].perfam, rule);
			if (!want)
				want = payloads_get(&generic, rule);
			if (!ts[i].family_ok)
				fail_at(&r, ST_PARSE, "unknown family %s", ts[i].fam);
			else
				run_vector(&ts[i], rule, want, listing, &r, o->verbose);
			bool pass = r.first_fail < 0;
			t->vectors++;
			t->passed += pass;
			if (expect_fail) {
				t->fail_vectors++;
				t->rejected += pass;
			} else {
				t->ok_vectors++;
				if (r.payload >= 0)
					t->payload_n++, t->payload_ok += r.payload;
				if (r.codec >= 0)
					t->codec_n++, t->codec_ok += r.codec;
				if (r.listing >= 0)
					t->listing_n++, t->listing_ok += r.listing;
			}
			if (!pass)
				t->by_stage[r.first_fail]++;
			bool ratcheted = idset_has(o->ratchet, id);
			if (!pass && ratcheted)
				t->regressions++;
			if (pass)
				idset_add(o->passing, id);
			t->n++;
			if (pass) {
				if (!o->quiet)
					printf("ok %u - %s %s\n", t->n, id, rule);
			} else {
				printf("not ok %u - %s %s (%s: %s)%s\n", t->n, id, rule,
				       stage_names[r.first_fail], r.detail,
				       ratcheted ? " REGRESSION" : "");
			}
		}
		free(rule);
		free(state);
		free(listing);
	}
	for (unsigned i = 0; i < nts; i++) {
		free(ts[i].table);
		free(ts[i].chain);
		payloads_free(&ts[i].perfam);
		arena_free(&ts[i].arena);
		diag_list_free(&ts[i].errs);
	}
	payloads_free(&generic);
	free(text);
}

/* ------------------------------------------------------------ main */

static const char *find_conformance_dir(void)
{
	static char buf[1100];
	const char *env = getenv("NFTC_CONFORMANCE_DIR");
	const char *cands[] = { env, ROUNDTRIP_SRCDIR "/../shared/conformance",
				"../shared/conformance", NULL };
	for (int i = 0; i < 3; i++) {
		if (!cands[i] || !*cands[i])
			continue;
		snprintf(buf, sizeof(buf), "%s/core-files.txt", cands[i]);
		if (access(buf, R_OK) == 0) {
			snprintf(buf, sizeof(buf), "%s", cands[i]);
			return buf;
		}
		if (i == 0)
			return NULL;    /* an explicit dir that is not there: skip */
	}
	return NULL;
}

static int write_pass_file(const char *path, const struct idset *ids)
{
	char tmp[1100];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -1;
	FILE *f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "roundtrip: cannot write %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < ids->n; i++)
		fprintf(f, "%s\n", ids->v[i]);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "roundtrip: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: roundtrip_test [--update [--force]] [-v] [-q] [--pass-file F] "
			"[--all] [FILE.t ...]\n"
			"  FILE.t relative to the conformance py/ folder (default: core-files.txt)\n"
			"  --all: every vector, not only those of achievable.txt\n");
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	bool update = false, force = false, all = false;
	const char *pass_file = getenv("NFTC_ROUNDTRIP_PASS");
	char default_pass[1100];
	snprintf(default_pass, sizeof(default_pass), "%s/tests/unit/roundtrip.pass",
		 ROUNDTRIP_SRCDIR);
	if (!pass_file)
		pass_file = default_pass;
	const char **files = calloc((size_t)argc + 1, sizeof(*files));
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--update"))
			update = true;
		else if (!strcmp(argv[i], "--force"))
			force = true;
		else if (!strcmp(argv[i], "-v"))
			o.verbose = true;
		else if (!strcmp(argv[i], "-q"))
			o.quiet = true;
		else if (!strcmp(argv[i], "--all"))
			all = true;
		else if (!strcmp(argv[i], "--pass-file") && i + 1 < argc)
			pass_file = argv[++i];
		else if (argv[i][0] == '-') {
			usage();
			return 2;
		} else
			files[nfiles++] = argv[i];
	}
	if (update && (nfiles || all)) {
		fprintf(stderr, "roundtrip: --update runs the whole achievable set only\n");
		return 2;
	}

	const char *dir = find_conformance_dir();
	if (!dir) {
		printf("ok 1 # SKIP conformance vectors not found (set NFTC_CONFORMANCE_DIR)\n");
		return 0;
	}
	/* the vectors' time values are written for this zone, as the runner runs them */
	setenv("TZ", "UTC-2", 1);
	tzset();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);

	char pydir[1100], path[1200];
	if (snprintf(pydir, sizeof(pydir), "%s/py", dir) >= (int)sizeof(pydir))
		return 2;
	o.pydir = pydir;
	struct idset achievable = { 0 }, ratchet = { 0 }, passing = { 0 };
	snprintf(path, sizeof(path), "%s/achievable.txt", dir);
	if (!all) {
		if (!idset_load(&achievable, path, true)) {
			printf("ok 1 # SKIP %s missing\n", path);
			return 0;
		}
		o.achievable = &achievable;
	}
	bool have_ratchet = idset_load(&ratchet, pass_file, false);
	o.ratchet = &ratchet;
	o.passing = &passing;

	struct totals t = { 0 };
	clock_t c0 = clock();
	char *core = NULL;
	if (nfiles) {
		for (int i = 0; i < nfiles; i++)
			run_file(&o, files[i], &t);
	} else {
		snprintf(path, sizeof(path), "%s/core-files.txt", dir);
		core = slurp(path);
		if (!core) {
			printf("ok 1 # SKIP %s missing\n", path);
			return 0;
		}
		for (char *save = NULL, *ln = strtok_r(core, "\n", &save); ln;
		     ln = strtok_r(NULL, "\n", &save)) {
			trim_right(ln);
			if (*ln && ln[0] != '#')
				run_file(&o, ln, &t);
		}
	}
	idset_sort(&passing);

	printf("1..%u\n", t.n);
	printf("# roundtrip: %u vectors, %u passed (%u expected to be accepted, %u to fail;"
	       " %u of those rejected offline)\n",
	       t.vectors, t.passed, t.ok_vectors, t.fail_vectors, t.rejected);
	printf("# payload %u/%u  codec %u/%u  listing %u/%u\n", t.payload_ok, t.payload_n,
	       t.codec_ok, t.codec_n, t.listing_ok, t.listing_n);
	printf("# first failing stage:");
	for (int s = 0; s < ST_MAX; s++)
		if (t.by_stage[s])
			printf(" %s %u", stage_names[s], t.by_stage[s]);
	printf("\n# %.2f s cpu\n", (double)(clock() - c0) / CLOCKS_PER_SEC);

	int rc = 0;
	if (update) {
		struct idset dropped = { 0 };
		for (size_t i = 0; i < ratchet.n; i++)
			if (!idset_has(&passing, ratchet.v[i]))
				idset_add(&dropped, ratchet.v[i]);
		if (dropped.n && !force) {
			fprintf(stderr, "roundtrip: refusing to drop %zu passing ids from %s "
					"(use --force):\n", dropped.n, pass_file);
			for (size_t i = 0; i < dropped.n; i++)
				fprintf(stderr, "  %s\n", dropped.v[i]);
			rc = 1;
		} else if (write_pass_file(pass_file, &passing) == 0) {
			printf("# wrote %zu ids to %s (%zu dropped)\n", passing.n, pass_file,
			       dropped.n);
		} else {
			rc = 1;
		}
		idset_free(&dropped);
	} else if (!have_ratchet) {
		printf("# no %s: nothing to hold the line against\n", pass_file);
	} else {
		printf("# ratchet: %zu ids in %s, %u regressed\n", ratchet.n, pass_file,
		       t.regressions);
		rc = t.regressions ? 1 : 0;
	}
	free(core);
	free(files);
	idset_free(&achievable);
	idset_free(&ratchet);
	idset_free(&passing);
	return rc;
}
