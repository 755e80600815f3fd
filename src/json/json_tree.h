/* nftc's own JSON reader (RFC 8259): a document → a tree of compact values in an arena,
 * each knowing where it is in the text. It exists because a general-purpose library
 * made JSON input several times slower and larger than the text input of the same
 * ruleset (docs/architecture.md gives the figures): here a value is 24 bytes, a
 * string is copied once into the arena, decoded there, an object's members are an
 * array in the order of the text, and positions cost nothing extra. Strict: what
 * libjansson (as nft uses it, duplicate keys refused) refuses is refused, and the
 * fuzz harness compares the two on every input. */
#ifndef NFTC_JSON_TREE_H
#define NFTC_JSON_TREE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "../util/arena.h"

enum jkind {
	JK_NULL, JK_FALSE, JK_TRUE, JK_INTEGER, JK_REAL, JK_STRING, JK_ARRAY, JK_OBJECT,
	JK_LAZY,                 /* an array checked but not built: see jtree_parse */
};

struct jval {
	uint32_t off, end;       /* the value's bytes in the text: [off, end) */
	uint32_t n;              /* string: bytes; array, lazy: items; object: members */
	uint8_t kind;            /* enum jkind */
	union {
		const char *s;   /* NUL-terminated (a \u0000 escape is refused) */
		long long i;
		double d;
		struct jval *items;  /* array: n items; object: 2n, key then value */
	} u;
};

/* Deepest nesting of arrays and objects accepted (libjansson's limit). */
#define JTREE_MAX_DEPTH 2048

struct jtree_error {
	uint32_t off;            /* where in the text */
	char msg[96];
};

/* Parses text[0, len), which text[len] == '\0' follows: one object or array with
 * white space around it. The tree and its strings live in `a` (the text is only
 * read). Returns the root, or NULL with *err filled in.
 *
 * The two lists that make a document large are not built: an array that is the
 * "expr" (a rule's statements) or the "elem" (a set's or element command's elements)
 * of an object at most JTREE_LAZY_DEPTH deep (where commands and objects are) is
 * only measured (its end, its count of items) and left as a JK_LAZY value. Its
 * reader builds it an item at a time when it uses it (struct jtree_items), from the
 * text, hot in cache and in an arena of its choosing, so that the trees of a
 * document's rules and elements never exist all at once; every other check of the
 * syntax inside it is made then. */
#define JTREE_LAZY_DEPTH 5
struct jval *jtree_parse(struct arena *a, const char *text, size_t len,
			 struct jtree_error *err);

/* The items of a JK_LAZY array, built one at a time. */
struct jtree_items {
	const char *s, *p, *end;     /* the array's text */
	uint32_t base;               /* the array's offset in the whole text */
	struct jval *stk;
	size_t n, cap;
	bool done;
};
/* `text` is the whole text the lazy value was found in (it must stay as it is). */
void jtree_items_start(struct jtree_items *it, const char *text, const struct jval *lazy);
/* The next item, built in `a`: 1 with *out set, 0 after the last, -1 with *err set
 * (anything wrong in the item or after it). */
int jtree_items_next(struct jtree_items *it, struct arena *a, struct jval *out,
		     struct jtree_error *err);
void jtree_items_end(struct jtree_items *it);

/* Accessors; each takes NULL or a value of another kind and answers "no". */
static inline bool jv_is(const struct jval *v, enum jkind k) { return v && v->kind == k; }
static inline bool jv_is_object(const struct jval *v) { return jv_is(v, JK_OBJECT); }
static inline bool jv_is_array(const struct jval *v) { return jv_is(v, JK_ARRAY); }
static inline bool jv_is_string(const struct jval *v) { return jv_is(v, JK_STRING); }
static inline bool jv_is_integer(const struct jval *v) { return jv_is(v, JK_INTEGER); }
static inline bool jv_is_lazy(const struct jval *v) { return jv_is(v, JK_LAZY); }
static inline bool jv_is_null(const struct jval *v) { return jv_is(v, JK_NULL); }
static inline bool jv_is_true(const struct jval *v) { return jv_is(v, JK_TRUE); }
static inline bool jv_is_boolean(const struct jval *v)
{
	return jv_is(v, JK_TRUE) || jv_is(v, JK_FALSE);
}
static inline const char *jv_str(const struct jval *v) { return jv_is_string(v) ? v->u.s : NULL; }
static inline long long jv_int(const struct jval *v) { return jv_is_integer(v) ? v->u.i : 0; }
/* Items of an array (0 for anything else), and the i-th (NULL past the end). */
static inline size_t jv_count(const struct jval *v) { return jv_is_array(v) ? v->n : 0; }
static inline struct jval *jv_item(const struct jval *v, size_t i)
{
	return jv_is_array(v) && i < v->n ? &v->u.items[i] : NULL;
}
/* Members of an object (0 for anything else), the i-th's key and value. */
static inline size_t jv_members(const struct jval *v) { return jv_is_object(v) ? v->n : 0; }
static inline const char *jv_key_at(const struct jval *o, size_t i) { return o->u.items[2 * i].u.s; }
static inline struct jval *jv_val_at(const struct jval *o, size_t i) { return &o->u.items[2 * i + 1]; }
/* The member `key` of an object, or NULL. */
static inline struct jval *jv_get(const struct jval *o, const char *key)
{
	size_t len = strlen(key);
	for (size_t i = 0; i < jv_members(o); i++) {
		const struct jval *k = &o->u.items[2 * i];
		if (k->n == len && memcmp(k->u.s, key, len) == 0)
			return &o->u.items[2 * i + 1];
	}
	return NULL;
}
/* for each member of an object, in the order of the text */
#define jv_foreach_member(obj, key, val)                                              \
	for (size_t jv_i_ = 0; jv_i_ < jv_members(obj) &&                            \
	     ((key) = jv_key_at((obj), jv_i_), (val) = jv_val_at((obj), jv_i_), 1); \
	     jv_i_++)

#endif
