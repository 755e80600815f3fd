/* The common shape of a large element list read without the scanner and grammar:
 * items that are an address or number, a prefix (`a/N`) or a range (`a-b`), with
 * optional map data that is one address or number (`… : 0x1`), separated by commas.
 * That is what address sets and GeoIP maps are made of, and flex and bison cost
 * several times what these few checks do.
 *
 * The reader builds exactly the AST the grammar builds for such an item (the same
 * builders, symbols with the same text and locations), so eval cannot tell the two
 * apart. It accepts only text whose tokens flex would split the same way; at the
 * first item it is not sure of, it stops and tells where, and the grammar parses the
 * rest of the list from that item on (START_ELEMS_TAIL). */
#include <string.h>
#include "build.h"
#include "elem_fast.h"
#include "fast_lex.h"

struct cursor {
	const struct source *src;
	const char *t;
	uint32_t pos, end;       /* end: the list's closing `}` */
	uint32_t line, line_off;
};

/* Characters that end a number or address token whatever flex rule matched it, and
 * that start nothing this reader would misread. */
static bool ends_token(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '}' ||
	       c == '/' || c == '-';
}

static void skip_blanks(struct cursor *c)
{
	while (c->pos < c->end && (c->t[c->pos] == ' ' || c->t[c->pos] == '\t' ||
				   c->t[c->pos] == '\r'))
		c->pos++;
}

/* Blanks and newlines (where the grammar allows nl_opt). */
static void skip_lines(struct cursor *c)
{
	for (;;) {
		skip_blanks(c);
		if (c->pos >= c->end || c->t[c->pos] != '\n')
			return;
		c->pos++;
		c->line++;
		c->line_off = c->pos;
	}
}

/* A number (decimal or 0x hex) or a dotted IPv4 address at the cursor: its end, or 0
 * when the text is anything else (or something flex would split otherwise). */
static uint32_t number_token(const struct cursor *c, bool decimal_only)
{
	bool dotted;
	uint32_t e = fl_number(c->t, c->pos, c->end, decimal_only, &dotted);
	if (!e || e >= c->end || !ends_token(c->t[e]))
		return 0;
	return e;
}

static struct loc loc_at(const struct cursor *c, uint32_t from, uint32_t to)
{
	return (struct loc){
		.src = c->src, .line = c->line, .last_line = c->line, .line_off = c->line_off,
		.first_col = from - c->line_off + 1, .last_col = to - c->line_off,
	};
}

/* One token as the grammar's symbol; NULL if the text is not one. */
static struct expr *symbol(struct pstate *ps, struct cursor *c, bool decimal_only)
{
	uint32_t e = number_token(c, decimal_only);
	if (!e)
		return NULL;
	struct loc l = loc_at(c, c->pos, e);
	struct expr *s = b_sym(ps, &l, arena_strndup(ps->a, c->t + c->pos, e - c->pos), false);
	c->pos = e;
	return s;
}

/* elem_part: a symbol, `a/N` or `a-b`. */
static struct expr *part(struct pstate *ps, struct cursor *c)
{
	struct expr *a = symbol(ps, c, false);
	if (!a)
		return NULL;
	skip_blanks(c);
	if (c->pos >= c->end || (c->t[c->pos] != '/' && c->t[c->pos] != '-'))
		return a;
	char op = c->t[c->pos++];
	skip_blanks(c);
	/* the prefix length as b_prefix reads it: decimal */
	struct expr *b = symbol(ps, c, op == '/');
	if (!b)
		return NULL;
	struct loc l = loc_join(&a->loc, &b->loc);
	return op == '/' ? b_prefix(ps, &l, a, b->sym.str) : b_range(ps, &l, a, b);
}

/* One set_item: elem_part, then optionally ` : ` and one symbol. */
static struct expr *item(struct pstate *ps, struct cursor *c)
{
	struct expr *key = part(ps, c);
	if (!key)
		return NULL;
	struct expr *elem = b_elem(ps, &key->loc, key);
	uint32_t before = c->pos;
	skip_blanks(c);
	if (c->pos >= c->end || c->t[c->pos] != ':')
		return elem;
	/* a colon standing alone, as flex reads ` : ` */
	if (c->pos == before || c->pos + 1 >= c->end ||
	    (c->t[c->pos + 1] != ' ' && c->t[c->pos + 1] != '\t'))
		return NULL;
	c->pos++;
	skip_blanks(c);
	struct expr *data = symbol(ps, c, false);
	if (!data)
		return NULL;
	skip_blanks(c);
	if (c->pos < c->end && (c->t[c->pos] == '/' || c->t[c->pos] == '-'))
		return NULL;            /* a range or prefix as data: the grammar's */
	struct loc l = loc_join(&key->loc, &data->loc);
	return b_mapping(ps, &l, elem, data);
}

int elems_fast(struct pstate *ps, const struct elem_span *sp, struct elems_resume *at)
{
	struct cursor c = {
		.src = sp->src, .t = sp->src->text, .pos = sp->start + 1, .end = sp->end - 1,
		.line = sp->line, .line_off = sp->line_off,
	};
	*at = (struct elems_resume){ c.pos, c.line, c.line_off };
	if (sp->end - sp->start < 2 || c.t[sp->start] != '{' || c.t[c.end] != '}')
		return 0;                /* unterminated: the grammar says so */
	for (;;) {
		skip_lines(&c);          /* after `{` or a comma */
		*at = (struct elems_resume){ c.pos, c.line, c.line_off };
		if (c.pos == c.end)
			return 1;        /* `{ }`, or a trailing comma */
		struct expr *it = item(ps, &c);
		if (!it)
			return 0;
		/* the item counts once what follows it is a comma or the list's end */
		skip_blanks(&c);
		bool comma = c.pos < c.end && c.t[c.pos] == ',';
		if (!comma) {
			skip_lines(&c);
			if (c.pos != c.end)
				return 0;
		}
		if (b_stream_item(ps, it) < 0)
			return -1;
		if (!comma)
			return 1;
		c.pos++;
	}
}
