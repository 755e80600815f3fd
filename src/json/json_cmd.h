/* What the readers of JSON commands share (json_cmd_in.c: verbs, tables, chains,
 * rules, listings; json_set_in.c: sets, maps, elements; json_obj_in.c: named objects,
 * flowtables): the command being read and checked accessors of its members. Private
 * to src/json. */
#ifndef NFTC_JSON_CMD_H
#define NFTC_JSON_CMD_H
#include "json_in.h"

/* One command being read: `{"add": {"set": {…}}}`. */
struct jcmd {
	struct jin *c;
	enum cmd_op op;
	enum cmd_obj obj;
	struct jval *o;                   /* the object's members; NULL for `{"list": {"ruleset": null}}` */
	const struct jpath *p;       /* the path of `o` */
	struct loc l;                /* the whole command */
	struct handle_spec h;        /* family, table and the object's names, as the grammar's */
};

/* A member, or NULL when absent (or when the command has no members). */
struct jval *jc_get(const struct jcmd *j, const char *key);
/* The location of a member (the object's when it is absent). */
struct loc jc_loc(const struct jcmd *j, const char *key);
/* Records an error at member `key` (or the object); returns -1. */
int jc_err(const struct jcmd *j, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A string member: 1 read, 0 absent (an error when `need`), -1 wrong type. */
int jc_str(const struct jcmd *j, const char *key, bool need, const char **out);
/* A number member as the decimal text the b_* builders take (a string is taken as
 * written): 1 read, 0 absent (an error when `need`), -1 wrong type. */
int jc_num(const struct jcmd *j, const char *key, bool need, const char **out);
/* A boolean member: 1 read, 0 absent, -1 wrong type. */
int jc_bool(const struct jcmd *j, const char *key, bool *out);
/* A string or an array of strings, each handed to `fn`; 0, or -1 on an error (a
 * wrong type recorded here, `fn`'s own by `fn`). */
int jc_words(const struct jcmd *j, const char *key,
	     int (*fn)(const struct jcmd *j, struct jval *word, void *priv), void *priv);

/* Where the names of each kind of object are: a table's own name is "name"; a
 * chain's, set's, object's or flowtable's is "name" beside "table". */
enum jc_name { JC_NAME_NONE, JC_NAME_TABLE, JC_NAME_CHAIN, JC_NAME_SET };
/* family, table, the object's name and handle into j->h, as the grammar's specs
 * (and j->c->family, j->c->table for what the object holds). A name is needed unless
 * a handle stands for it (delete, destroy) or `name_needed` is false (the listings
 * of all objects of a kind). The handle is read only where it names the object. */
int jc_handle(struct jcmd *j, enum jc_name slot, bool name_needed);

/* the readers of each kind of object: 0, or -1 with an error recorded */
int jin_set_cmd(struct jcmd *j);          /* set, map (json_set_in.c) */
int jin_element_cmd(struct jcmd *j);      /* element */
int jin_obj_cmd(struct jcmd *j, uint32_t objtype);   /* named objects (json_obj_in.c) */
int jin_flowtable_cmd(struct jcmd *j);

#endif
