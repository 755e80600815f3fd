/* The common shape of a chain block's rule read without the scanner and grammar:
 * statements that match a header field, meta or ct key (bare meta keys too) against
 * one value or a comma list of values (`ip saddr 10.0.0.1`, `tcp dport != 22`,
 * `ct state established,related`, `iifname "lo"`), `counter`, and a verdict. Rulesets of tens of thousands of rules are made mostly
 * of these, and flex and bison spend most of a rule's compile time on them.
 *
 * The reader builds exactly the AST the grammar builds (the same builders, called with
 * the same text and the same locations the grammar's default location rule computes),
 * so eval cannot tell the two apart. It accepts only tokens that flex would split the
 * same way and a sequence the grammar would reduce the same way; at the first thing it
 * is not sure of it gives up, drops whatever errors its builders recorded, and the
 * caller parses the rule with the grammar (which then reports them as it would).
 * NFTC_GRAMMAR_ONLY=1 turns it off, so that tests can compare the two. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "build.h"
#include "rule_fast.h"
#include "fast_lex.h"
#include "parser/grammar.h"
#include "../lexer/scan_state.h"

enum ftok_kind {
	FT_END,      /* the end of the rule's text, or a comment running to it */
	FT_WORD,     /* a {word}: a keyword (tok) or TOK_STRING */
	FT_NUMBER,   /* decimal or 0x hex: TOK_NUMBER */
	FT_ADDR,     /* a dotted IPv4 address: TOK_STRING */
	FT_QUOTED,   /* "…": TOK_QUOTED, text without the quotes */
	FT_RELOP,    /* == != < > <= >= (op) */
	FT_COMMA,
};

struct ftok {
	enum ftok_kind kind;
	int tok;             /* FT_WORD: keyword token or TOK_STRING */
	int op;              /* FT_RELOP: OP_* */
	const char *text;    /* words, numbers, addresses, quoted strings (arena) */
	struct loc loc;
};

struct reader {
	struct pstate *ps;
	const struct source *src;
	const char *t;
	uint32_t pos, end;
	uint32_t line, line_off;
	struct ftok cur;     /* the token at hand */
};

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* flex's {word} after its first character */
static bool in_word(char c)
{
	return is_letter(c) || fl_digit(c) || c == '_' || c == '-' || c == '.' || c == '/';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* What may follow a word, number, address or quoted string here so that flex's
 * longest match ends the token exactly where this reader does: a blank, a comma, a
 * comment or the end. Anything else (`:`, `*`, `/`, `-`, `.`, letters after digits)
 * belongs to a token shape this reader leaves to flex. */
static bool token_ends(const struct reader *r, uint32_t p)
{
	return p >= r->end || is_blank(r->t[p]) || r->t[p] == ',' || r->t[p] == '#';
}

static void set_loc(struct reader *r, uint32_t from, uint32_t to)
{
	r->cur.loc = (struct loc){
		.src = r->src, .line = r->line, .last_line = r->line, .line_off = r->line_off,
		.first_col = from - r->line_off + 1, .last_col = to - r->line_off,
	};
}

static char *text(struct reader *r, uint32_t from, uint32_t to)
{
	return arena_strndup(r->ps->a, r->t + from, to - from);
}

/* A number or address at p (a digit): its kind and end, or false. */
static bool number_at(struct reader *r, uint32_t p, enum ftok_kind *kind, uint32_t *end)
{
	bool dotted;
	uint32_t e = fl_number(r->t, p, r->end, false, &dotted);
	if (!e)
		return false;
	*kind = dotted ? FT_ADDR : FT_NUMBER;
	*end = e;
	return token_ends(r, e);
}

/* Reads the next token into r->cur; false if it is one this reader leaves alone. */
static bool next(struct reader *r)
{
	while (r->pos < r->end && is_blank(r->t[r->pos]))
		r->pos++;
	uint32_t p = r->pos, e;
	memset(&r->cur, 0, sizeof(r->cur));
	if (p >= r->end || r->t[p] == '#') {           /* a comment runs to the end */
		r->cur.kind = FT_END;
		set_loc(r, p, p);
		return true;
	}
	char c = r->t[p];
	if (fl_digit(c)) {
		if (!number_at(r, p, &r->cur.kind, &e))
			return false;
		r->cur.text = text(r, p, e);
	} else if (is_letter(c) || c == '_') {
		e = fl_run(r->t, p + 1, r->end, in_word);
		if (!token_ends(r, e))
			return false;
		r->cur.kind = FT_WORD;
		r->cur.text = text(r, p, e);
		/* arp's `saddr ip`, `daddr ether` … are one token to flex */
		if (!strcmp(r->cur.text, "saddr") || !strcmp(r->cur.text, "daddr")) {
			uint32_t q = e;
			while (q < r->end && is_blank(r->t[q]))
				q++;
			if (q < r->end && is_letter(r->t[q]))
				return false;
		}
		int kw = keyword_token(r->cur.text);
		r->cur.tok = kw ? kw : TOK_STRING;
	} else if (c == '"') {
		e = p + 1;
		while (e < r->end && r->t[e] != '"' && r->t[e] != '\n') {
			if (r->t[e] == '\\' && (e + 1 >= r->end || r->t[e + 1] == '\n'))
				return false;
			e += r->t[e] == '\\' ? 2 : 1;
		}
		if (e >= r->end || r->t[e] != '"' || !token_ends(r, e + 1))
			return false;
		r->cur.kind = FT_QUOTED;
		r->cur.text = text(r, p + 1, e);
		e++;
	} else if (c == ',') {
		r->cur.kind = FT_COMMA;
		e = p + 1;
	} else if (c == '=' || c == '!' || c == '<' || c == '>') {
		char d = p + 1 < r->end ? r->t[p + 1] : 0;
		r->cur.kind = FT_RELOP;
		e = p + 2;
		if (c == '=' && d == '=')
			r->cur.op = OP_EQ;
		else if (c == '!' && d == '=')
			r->cur.op = OP_NEQ;
		else if (c == '<' && d == '=')
			r->cur.op = OP_LTE;
		else if (c == '>' && d == '=')
			r->cur.op = OP_GTE;
		else if (c == '<' && d != '<')
			r->cur.op = OP_LT, e = p + 1;
		else if (c == '>' && d != '>')
			r->cur.op = OP_GT, e = p + 1;
		else
			return false;              /* `!`, `=`, shifts: the grammar's */
	} else {
		return false;
	}
	set_loc(r, p, e);
	r->pos = e;
	return true;
}

/* One value on the right of a match: rhs_prim's NUMBER, STRING, QUOTED or a protocol
 * name (kw_value). */
static struct expr *value(struct reader *r)
{
	const struct ftok *k = &r->cur;
	bool ok = k->kind == FT_NUMBER || k->kind == FT_ADDR || k->kind == FT_QUOTED ||
		  (k->kind == FT_WORD && (k->tok == TOK_STRING || k->tok == TOK_PROTO));
	if (!ok)
		return NULL;
	return b_sym(r->ps, &k->loc, k->text, k->kind == FT_QUOTED);
}

/* rhs_expr as a value or a flag list (rhs_flaglist): `v` or `v, v, …`. */
static struct expr *rhs(struct reader *r, struct loc *l)
{
	struct expr *v = value(r);
	if (!v || !next(r))
		return NULL;
	*l = v->loc;
	if (r->cur.kind != FT_COMMA)
		return v;
	struct expr *list = NULL;
	struct loc first = v->loc;
	while (r->cur.kind == FT_COMMA) {
		if (!next(r))
			return NULL;
		struct expr *w = value(r);
		if (!w)
			return NULL;
		struct loc j = loc_join(list ? l : &first, &w->loc);
		list = b_list(r->ps, &j, list ? list : v, w);
		*l = j;
		if (!next(r))
			return NULL;
	}
	return list;
}

/* A match on the left-hand expression `lhs` (location `ll`): an optional relational
 * operator, then rhs_expr; the token after it is at hand. */
static struct stmt *match(struct reader *r, struct expr *lhs, const struct loc *ll)
{
	if (!lhs || !next(r))
		return NULL;
	int op = OP_IMPLICIT;
	if (r->cur.kind == FT_RELOP) {
		op = r->cur.op;
		if (!next(r))
			return NULL;
	}
	struct loc rl;
	struct expr *v = rhs(r, &rl);
	if (!v)
		return NULL;
	struct loc l = loc_join(ll, &rl);
	struct expr *rel = b_relation(r->ps, &l, lhs, (uint32_t)op, v);
	return rel ? b_stmt_expr(r->ps, &l, rel) : NULL;
}

/* A word token that the grammar takes as a key or field name here. */
static bool key_word(const struct ftok *k, bool field)
{
	if (k->kind != FT_WORD)
		return false;
	return k->tok == TOK_STRING || (field && (k->tok == TOK_TYPE || k->tok == TOK_FLAGS));
}

#define NOT_A_VERDICT INT32_MIN

static int32_t verdict_code(int tok)
{
	switch (tok) {
	case TOK_ACCEPT: return NF_ACCEPT;
	case TOK_DROP: return NF_DROP;
	case TOK_CONTINUE: return NFT_CONTINUE;
	case TOK_RETURN: return NFT_RETURN;
	case TOK_JUMP: return NFT_JUMP;
	case TOK_GOTO: return NFT_GOTO;
	default: return NOT_A_VERDICT;
	}
}

/* One statement starting at the token at hand; afterwards the token after it is. */
static struct stmt *statement(struct reader *r)
{
	struct pstate *ps = r->ps;
	struct ftok first = r->cur;
	if (first.kind != FT_WORD)
		return NULL;
	if (first.tok == TOK_STRING)      /* a bare meta key (`iifname "lo"`) or a symbol */
		return match(r, b_word(ps, &first.loc, first.text), &first.loc);
	if (first.tok == TOK_PROTO || first.tok == TOK_META || first.tok == TOK_CT) {
		if (!next(r) || !key_word(&r->cur, first.tok == TOK_PROTO))
			return NULL;
		struct ftok key = r->cur;
		struct loc l = loc_join(&first.loc, &key.loc);
		struct expr *lhs;
		if (first.tok == TOK_PROTO)
			lhs = b_payload(ps, &l, first.text, &key.loc, key.text);
		else if (first.tok == TOK_META)
			lhs = b_meta(ps, &l, &key.loc, key.text);
		else
			lhs = b_ct(ps, &l, CTDIR_NONE, NULL, &key.loc, key.text);
		return match(r, lhs, &l);
	}
	if (first.tok == TOK_COUNTER) {
		if (!next(r))
			return NULL;
		return b_counter(ps, &first.loc, NULL, NULL);
	}
	int32_t code = verdict_code(first.tok);
	if (code == NOT_A_VERDICT)
		return NULL;
	const char *chain = NULL;
	struct loc l = first.loc;
	if (code == NFT_JUMP || code == NFT_GOTO) {
		if (!next(r) || !(r->cur.kind == FT_QUOTED ||
				  (r->cur.kind == FT_WORD && r->cur.tok == TOK_STRING)))
			return NULL;
		chain = r->cur.text;
		l = loc_join(&first.loc, &r->cur.loc);
	}
	if (!next(r))
		return NULL;
	struct expr *v = b_verdict(ps, &l, code, chain);
	return v ? b_stmt_verdict(ps, &l, v) : NULL;
}

int rule_fast(struct pstate *ps, const struct rule_span *sp, struct rule **out)
{
	struct reader r = {
		.ps = ps, .src = sp->src, .t = sp->src->text, .pos = sp->start, .end = sp->end,
		.line = sp->line, .line_off = sp->line_off,
	};
	struct diag_list *errs = ps->ctx->errs;
	unsigned errs_before = errs->n;
	struct rule *rule = NULL;
	/* A rule's text holds a newline only after a `\` continuation outside strings and
	 * comments, where next() gives up: the locations stay on the rule's first line. */
	if (!next(&r))
		return 0;
	while (r.cur.kind != FT_END) {
		struct stmt *s = statement(&r);
		if (!s || errs->n != errs_before) {
			errs->n = errs_before;          /* the grammar will say it again */
			return 0;
		}
		rule = rule ? b_rule_add(ps, rule, s) : b_rule(ps, &s->loc, s);
	}
	if (!rule)
		return 0;
	*out = rule;
	return 1;
}
