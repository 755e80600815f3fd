/* Small checked readers of JSON members for the expression and statement readers:
 * strings, numbers as text for the b_* constructors, booleans,
 * flag words given as one string or an array, and the check that an object has no
 * member its reader does not know. */
#include <stdio.h>
#include <string.h>
#include "json_in_help.h"

const char *jin_text(struct jin *c, const struct jval *v)
{
	(void)c;
	return jv_is_string(v) ? jv_str(v) : NULL;
}

const char *jin_numtext(struct jin *c, struct jval *v, const struct jpath *p, const char *what)
{
	if (jv_is_integer(v) && jv_int(v) >= 0)
		return jin_int_text(c, v);
	jin_err(c, v, p, "%s must be a non-negative integer", what);
	return NULL;
}

int jin_keys(struct jin *c, struct jval *o, const struct jpath *p, const char *what,
	     const char *const *keys)
{
	const char *k;
	struct jval *v;
	int rc = 0;
	jv_foreach_member(o, k, v) {
		size_t i;
		for (i = 0; keys[i]; i++)
			if (keys[i][0] == k[0] && !strcmp(keys[i], k))
				break;
		if (keys[i])
			continue;
		char known[256] = "";
		size_t n = 0;
		for (i = 0; keys[i] && n + 32 < sizeof(known); i++)
			n += (size_t)snprintf(known + n, sizeof(known) - n, "%s\"%s\"",
					      i ? ", " : "", keys[i]);
		struct jpath kp = JPATH_KEY(p, k);
		rc = jin_err(c, v, &kp, "unknown member \"%s\" of \"%s\" (it takes %s)", k, what,
			     n ? known : "no members");
	}
	return rc;
}

int jin_body(struct jin *c, struct jval *body, const struct jpath *p, const char *word,
	     const char *const *keys)
{
	if (!jv_is_object(body))
		return jin_err(c, body, p, "\"%s\" takes an object", word);
	return jin_keys(c, body, p, word, keys);
}

int jin_mstr(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool need,
	     const char **out)
{
	struct jval *v = NULL;
	int rc = jin_member(c, o, key, p, JK_STRING, "a string", &v);
	if (rc == 0 && need)
		return jin_err(c, o, p, "missing string member \"%s\"", key);
	if (rc > 0)
		*out = jin_text(c, v);
	return rc;
}

int jin_mnum(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool need,
	     const char **out)
{
	struct jval *v = jv_get(o, key);
	if (!v)
		return need ? jin_err(c, o, p, "missing number member \"%s\"", key) : 0;
	struct jpath kp = JPATH_KEY(p, key);
	const char *what = arena_printf(c->a, "\"%s\"", key);
	return (*out = jin_numtext(c, v, &kp, what)) ? 1 : -1;
}

int jin_mbool(struct jin *c, struct jval *o, const char *key, const struct jpath *p, bool *out)
{
	struct jval *v = NULL;
	int rc = jin_member(c, o, key, p, JK_TRUE, "true or false", &v);
	if (rc > 0)
		*out = jv_is_true(v);
	return rc;
}

int jin_words(struct jin *c, struct jval *v, const struct jpath *p, const char *what,
	      int (*each)(struct jin *c, struct jval *w, const struct jpath *p, const char *word,
			  void *priv),
	      void *priv)
{
	if (jv_is_string(v))
		return each(c, v, p, jin_text(c, v), priv);
	if (!jv_is_array(v))
		return jin_err(c, v, p, "%s must be a string or an array of strings", what);
	for (size_t i = 0; i < jv_count(v); i++) {
		struct jval *w = jv_item(v, i);
		struct jpath ip = JPATH_IDX(p, i);
		if (!jv_is_string(w))
			return jin_err(c, w, &ip, "%s must be strings", what);
		if (each(c, w, &ip, jin_text(c, w), priv) < 0)
			return -1;
	}
	return 0;
}

struct expr *jin_mexpr(struct jin *c, struct jval *o, const char *key, const struct jpath *p,
		       bool need)
{
	struct jval *v = jv_get(o, key);
	if (!v) {
		if (need)
			jin_err(c, o, p, "missing member \"%s\"", key);
		return NULL;
	}
	struct jpath kp = JPATH_KEY(p, key);
	return jin_expr(c, v, &kp);
}
