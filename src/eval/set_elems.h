/* Lowering a set's elements as a job that may be fed in parts (set_elems.c): the whole
 * list at once for the AST's lists, or chunk after chunk for a large list parsed from
 * its source text (set_elems_stream.c). Elements that need no merging go out as soon as
 * they are lowered and can be handed on (flush) every so many; interval sets gather
 * compact bounds and are sorted, merged and emitted by elems_job_finish. */
#ifndef NFTC_EVAL_SET_ELEMS_H
#define NFTC_EVAL_SET_ELEMS_H
#include "eval.h"

struct ival;
struct elems_job {
	struct eval_ctx *ec;
	struct arena *keep;          /* interval bounds and data, until finish */
	struct arena *out;           /* set->elems and what they point to */
	uint32_t family;
	struct expr *key_tmpl, *data_tmpl;
	struct nl_set *set;
	uint32_t kb;                 /* key bytes */
	bool interval, concat;
	/* delete, destroy: a map's items may give their data (`k : v`), which is checked
	 * against the map's type and not sent, as nft sends keys only */
	bool data_unsent;
	bool objmap;                 /* an object map: items are `key : "object name"` */
	struct ival *iv;
	uint8_t *pool;
	uint8_t *dpool;              /* interval data of the map's one length */
	uint32_t dlen;
	uint32_t ni, cap;
	uint32_t cap_hint;           /* intervals expected (0: unknown): the first capacity */
	struct loc list_loc;         /* the (first) list, for errors without an element */
	bool list_loc_set;
	/* When set: called before an element is added once set->elems holds
	 * flush_every; it takes the elements away (set->nelems = 0). */
	void (*flush)(struct elems_job *j);
	uint32_t flush_every;
	void *flush_priv;
};

/* keep and out start as ec->arena; callers streaming a list change them. */
void elems_job_init(struct elems_job *j, struct eval_ctx *ec, uint32_t family,
		    struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set);
int elems_job_add(struct elems_job *j, struct expr *elems);
int elems_job_finish(struct elems_job *j);
/* An element's statements → ne->exprs, in `a` (set_elem_stmts.c). */
int elem_stmts_lower(struct elems_job *j, struct arena *a, struct nl_elem *ne,
		     const struct expr *elem);

#endif
