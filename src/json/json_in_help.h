/* What the readers of JSON expressions and statements share beyond json_in.h:
 * strings (the AST points into the JSON tree, which lives as long as the arena),
 * numbers as the text the b_* constructors take, members checked against the keys
 * an object may have, and the readers of one another (json_expr_in.c,
 * json_load_in.c, json_stmt_in.c, json_action_in.c). */
#ifndef NFTC_JSON_IN_HELP_H
#define NFTC_JSON_IN_HELP_H
#include "json_in.h"

/* The text of string value `v` (NULL when `v` is no string). */
const char *jin_text(struct jin *c, const struct jval *v);
/* A non-negative integer as decimal text (what the b_* constructors read); NULL,
 * with an error naming `what`, for anything else. */
const char *jin_numtext(struct jin *c, struct jval *v, const struct jpath *p, const char *what);
/* An error for each member of object `o` not in the NULL-terminated `keys`, naming
 * the keys `what` takes; -1 when there was one. */
int jin_keys(struct jin *c, struct jval *o, const struct jpath *p, const char *what,
	     const char *const *keys);
/* The members an object may have, as a list for jin_keys. */
#define JIN_KEYS(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* `body` must be an object (the body of `word`) with only `keys`: 0, or -1 after an
 * error. */
int jin_body(struct jin *c, struct jval *body, const struct jpath *p, const char *word,
	     const char *const *keys);
/* `key` of object `o`, a string: 1 read, 0 absent (an error if `need`),
 * -1 mistyped. */
int jin_mstr(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool need,
	     const char **out);
/* `key` of object `o` as number text (jin_numtext): 1, 0 absent (error if `need`), -1. */
int jin_mnum(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool need,
	     const char **out);
/* `key` of object `o`, a boolean: 1, 0 absent, -1 mistyped. */
int jin_mbool(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool *out);
/* A string, or an array of strings: calls `each` with every string and its value; stops at the first that returns -1. */
int jin_words(struct jin *c, struct jval *v, const struct jpath *p, const char *what,
	      int (*each)(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
			  void *priv),
	      void *priv);

/* `key` of object `o` as an expression (jin_expr); NULL after an error, or when the
 * member is absent (an error only if `need`). */
struct expr *jin_mexpr(struct jin *c, struct jval *o, const char *key, const struct jpath *p,
		       bool need);
/* An element of a set or the key of a dynamic set update: `{"elem": {"val": …,
 * "timeout": …}}` or any expression, wrapped as the grammar wraps set items. */
struct expr *jin_set_elem(struct jin *c, struct jval *v, const struct jpath *p);
/* `{"payload": …}`, `{"meta": …}` … (json_load_in.c): the loads of packet data and
 * state; NULL with *known false when `word` is none of them. */
struct expr *jin_load(struct jin *c, const char *word, struct jval *body, struct jval *v,
		      const struct jpath *p, bool *known);
/* A statement the first reader (json_stmt_in.c) does not know: nat, reject, queue,
 * dup, fwd, tproxy, synproxy, set/map updates, flow offload, reset, notrack
 * (json_action_in.c); NULL with *known false when `word` is none of them. */
struct stmt *jin_action(struct jin *c, const char *word, struct jval *body, struct jval *v,
			const struct jpath *p, bool *known);
/* A statement given as its word and body (`"counter"`, `{"packets": 1, …}`), `v`
 * the object holding them (json_stmt_in.c). */
struct stmt *jin_stmt_word(struct jin *c, const char *word, struct jval *body, struct jval *v,
			   const struct jpath *p);
/* The verdict row (dt_verdict's symbols) of a JSON verdict word, NULL for others;
 * and the verdict expression of `{"accept": null}`, `{"jump": {"target": …}}`. */
struct symbol;
const struct symbol *jin_verdict_word(const char *word);
struct expr *jin_verdict(struct jin *c, const struct symbol *sym, struct jval *body,
			 const struct loc *l, const struct jpath *p);
/* The named-object reference form of a statement (`"counter": "name"`,
 * `"limit": {"map": …}`), for the object type `type`. */
struct stmt *jin_objref(struct jin *c, uint32_t type, struct jval *body, struct jval *v,
			const struct jpath *p);

#endif
