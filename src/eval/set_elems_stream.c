/* The elements of a large list kept as source text (struct elem_span): parsed a chunk
 * at a time and lowered as they come, so memory follows the chunk, not the list. Each
 * chunk's AST and transient values live in a parse scratch arena that the parser
 * empties after every chunk; lowered elements go to the sink (straight into the batch)
 * every SPAN_FLUSH of them, from an output arena emptied after each hand-over. Only
 * interval sets keep something per element until the end: compact bounds (set_elems.c),
 * since they must be sorted and merged before anything is sent. */
#include <stdlib.h>
#include <linux/netfilter/nf_tables.h>
#include "eval.h"
#include "set_elems.h"

#define SPAN_CHUNK 256      /* items parsed per chunk: their AST stays in the cache */
#define SPAN_FLUSH 4096     /* lowered elements per hand-over to the sink */
#define SPAN_HUGE_FROM (1024 * 1024) /* bytes of list text: scratch in huge pages */

struct span_run {
	struct elems_job job;
	struct arena parse_scratch;   /* the chunk's AST (reset by the parser) */
	struct arena out_scratch;     /* lowered elements between hand-overs */
	uint16_t msg, flags;
	bool sent;
};

static void to_sink(struct elems_job *j)
{
	struct span_run *r = j->flush_priv;
	if (j->set->nelems)
		j->ec->elems_sink(j->ec->elems_sink_priv, j->set, r->msg, r->flags);
	j->set->nelems = 0;     /* the array is kept: it holds SPAN_FLUSH and never grows */
	arena_reset(&r->out_scratch);
	r->sent = true;
}

static int lower_chunk(void *priv, struct expr *chunk)
{
	struct span_run *r = priv;
	struct eval_ctx *ec = r->job.ec;
	struct arena *cmd_arena = ec->arena;
	ec->arena = &r->parse_scratch;    /* values made while lowering die with the chunk */
	int rc = elems_job_add(&r->job, chunk);
	ec->arena = cmd_arena;
	return rc;
}

int eval_lower_elem_span(struct eval_ctx *ec, uint32_t family, const struct elem_span *sp,
			 struct expr *key_tmpl, struct expr *data_tmpl, struct nl_set *set,
			 uint16_t msg, uint16_t flags, bool *sent)
{
	*sent = false;
	struct span_run r = { .msg = msg, .flags = flags };
	/* a chunk of a long list makes more AST than 256 KiB, and a hand-over more
	 * elements: huge-page blocks spare them hundreds of page faults */
	size_t block = sp->end - sp->start >= SPAN_HUGE_FROM ? ARENA_HUGE_BLOCK : 256 * 1024;
	arena_init(&r.parse_scratch, block);
	arena_init(&r.out_scratch, block);
	elems_job_init(&r.job, ec, family, key_tmpl, data_tmpl, set);
	r.job.data_unsent = msg != NFT_MSG_NEWSETELEM;   /* delete, destroy: keys only */
	/* An interval item takes a dozen bytes of text or more (`10.0.0.0/8, `): sized
	 * from the text, the interval arrays are not copied as they grow. Memory that is
	 * never written is never touched. */
	r.job.cap_hint = (sp->end - sp->start) / 12;
	if (ec->elems_sink) {
		r.job.out = &r.out_scratch;
		r.job.flush = to_sink;
		r.job.flush_every = SPAN_FLUSH;
		r.job.flush_priv = &r;
		set->elems = xmalloc(SPAN_FLUSH * sizeof(*set->elems));
		set->elems_cap = SPAN_FLUSH;
		set->nelems = 0;
	}
	int rc = sp->parse(sp, ec->errs, &r.parse_scratch, SPAN_CHUNK, lower_chunk, &r);
	if (rc == 0)
		rc = elems_job_finish(&r.job);
	if (rc == 0 && ec->elems_sink)
		to_sink(&r.job);
	*sent = r.sent;
	if (ec->elems_sink) {
		free(set->elems);
		set->elems = NULL;
		set->elems_cap = set->nelems = 0;
	}
	arena_free(&r.parse_scratch);
	arena_free(&r.out_scratch);
	return rc;
}
