/* Reading the ruleset back: NLM_F_DUMP requests (or single GETs when one named
 * object is asked for, so a missing one is -ENOENT), replies read with a large
 * buffer until NLMSG_DONE, retried from scratch when the kernel flags the dump
 * as interrupted (NLM_F_DUMP_INTR) or replies were lost (ENOBUFS). Every object
 * is decoded into the caller's arena and filtered by family/table/name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink.h"
#include "../util/nf_tables_uapi.h"
#include "codec.h"
#include "sock_int.h"
#include "obj_data.h"

#define DUMP_RETRIES 16

/* What one request collects: the decoder of its reply type and the filter. */
struct collect {
	struct arena *a;
	uint16_t reply_type;                 /* NFT_MSG_NEWTABLE ... */
	size_t elem;                         /* sizeof the object */
	enum nl_kind kind;                   /* what decode_named decodes */
	int (*decode)(const struct collect *c, const uint8_t *p, size_t len, uint32_t family,
		      void *out);
	bool (*keep)(const struct collect *c, const void *obj);
	uint32_t family;
	const char *table, *name;
	void *v;
	uint32_t n, cap;
	struct nl_set *set;                  /* element dumps append here */
	const struct nl_set *ask;            /* `get element`: the elements asked for */
	struct nl_raw_rules *raw;            /* raw rule dumps append here */
	uint32_t objtype;                    /* object dumps: NFT_OBJECT_* or 0 */
	uint64_t handle;                     /* one rule's get (reset rule … handle N) */
};

static bool str_match(const char *want, const char *have)
{
	return !want || (have && strcmp(want, have) == 0);
}

/* An object of the kind whose table and name match the request's. */
static bool keep_named(const struct collect *c, const void *o)
{
	return str_match(c->table, nl_object_table(c->kind, o)) &&
	       str_match(c->name, nl_object_name(c->kind, o));
}

/* The decoders accept any attribute subset; a dumped object without the names that
 * identify it is malformed, and refused here so no consumer meets a NULL name. */
static int decode_checked(struct arena *a, enum nl_kind kind, const uint8_t *p, size_t len,
			  uint32_t family, void *out)
{
	int r = nl_decode(a, kind, p, len, family, out);
	if (r < 0)
		return r;
	if (!nl_object_name(kind, out) || (kind != NL_TABLE && !nl_object_table(kind, out)))
		return -EPROTO;
	return 0;
}

static int decode_named(const struct collect *c, const uint8_t *p, size_t len, uint32_t family,
			void *out)
{
	return decode_checked(c->a, c->kind, p, len, family, out);
}

/* A request for objects of kind k (struct T), whose replies are `reply` messages,
 * kept when `keep` says */
#define NAMED(k, T, reply, keep_fn) .reply_type = reply, .elem = sizeof(T), .kind = k, \
	.decode = decode_named, .keep = keep_fn

/* A rule message kept whole: only its table and chain names are read now. */
static int keep_raw_rule(struct collect *c, const uint8_t *p, size_t len, uint32_t family)
{
	size_t off = 0, toff = 0, coff = 0;
	uint16_t type;
	struct attr a;
	const char *table = NULL, *chain = NULL;
	int r;
	while ((r = attr_next(p, len, &off, &type, &a)) == 1) {
		if (type == NFTA_RULE_TABLE && (table = attr_str(&a)) != NULL)
			toff = (size_t)(a.data - p);
		else if (type == NFTA_RULE_CHAIN && (chain = attr_str(&a)) != NULL)
			coff = (size_t)(a.data - p);
	}
	if (r < 0 || !table || !chain)
		return -EPROTO;
	if (!str_match(c->table, table) || !str_match(c->name, chain))
		return 0;
	struct nl_raw_rules *raw = c->raw;
	if (raw->len + len > raw->cap) {
		raw->cap = raw->cap * 2 > raw->len + len ? raw->cap * 2 : raw->len + len + 65536;
		raw->bytes = xrealloc(raw->bytes, raw->cap);
	}
	if (raw->n == raw->vcap) {
		raw->vcap = raw->vcap ? raw->vcap * 2 : 256;
		raw->v = xrealloc(raw->v, raw->vcap * sizeof(*raw->v));
	}
	memcpy(raw->bytes + raw->len, p, len);
	raw->v[raw->n++] = (struct nl_raw_rule){ .off = raw->len, .len = (uint32_t)len,
						 .family = family, .table_off = raw->len + toff,
						 .chain_off = raw->len + coff };
	raw->len += len;
	return 0;
}

/* One reply message: decode, filter, append. */
static int collect_msg(struct collect *c, const struct nlmsghdr *h)
{
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));
	if (h->nlmsg_len < hdr)
		return -EPROTO;
	const struct nfgenmsg *g = (const void *)((const uint8_t *)h + NLMSG_HDRLEN);
	const uint8_t *attrs = (const uint8_t *)h + hdr;
	size_t len = h->nlmsg_len - hdr;
	if (c->family && g->nfgen_family != c->family)
		return 0;
	if (c->set)
		return dec_elem_list(c->a, attrs, len, c->set);
	if (c->raw)
		return keep_raw_rule(c, attrs, len, g->nfgen_family);
	c->v = arena_room(c->a, c->v, c->n, &c->cap, 16, c->elem);
	void *obj = (uint8_t *)c->v + c->n * c->elem;
	int r = c->decode(c, attrs, len, g->nfgen_family, obj);
	if (r < 0)
		return r;
	if (c->keep(c, obj))
		c->n++;
	else
		memset(obj, 0, c->elem);
	return 0;
}

/* Sends `req` and reads replies to it: until NLMSG_DONE for a dump, until the
 * ACK for a single GET. Returns 0, -EINTR if the dump was interrupted (caller
 * retries), or -errno. */
static int talk(struct nl_sock *s, struct nl_buf *req, bool dump, struct collect *c)
{
	uint32_t seq = ++s->seq;
	nlmsg_at(req, 0)->nlmsg_seq = seq;
	int r = nl_sock_send(s, req->p, req->len);
	if (r < 0)
		return r;
	bool intr = false;
	for (;;) {
		ssize_t n = nl_sock_recv(s, false);
		if (n == -ENOBUFS) {
			/* replies were lost: read this dump to its end (the kernel
			 * refuses a new dump while one runs), then start again */
			intr = true;
			continue;
		}
		if (n < 0)
			return (int)n;
		size_t off = 0;
		const struct nlmsghdr *h;
		while ((h = nl_msg_next(s->rxbuf, (size_t)n, &off)) != NULL) {
			if (h->nlmsg_seq != seq || (h->nlmsg_pid && h->nlmsg_pid != s->portid))
				continue;
			if (h->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = true;
			if (h->nlmsg_type == NLMSG_DONE)
				return intr ? -EINTR : 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int err;
				uint32_t eseq;
				const char *ext;
				if (nl_msg_error(h, &err, &eseq, &ext, NULL) < 0)
					return -EPROTO;
				if (err < 0 || !dump)
					return err == 0 && intr ? -EINTR : err;
				continue;
			}
			if (h->nlmsg_type == ((NFNL_SUBSYS_NFTABLES << 8) | c->reply_type)) {
				r = collect_msg(c, h);
				if (r < 0)
					return r;
			}
		}
	}
}

/* Builds a request message; `put` adds its attributes. */
typedef void (*put_fn)(struct nl_buf *b, const struct collect *c);

static int request(struct nl_sock *s, uint16_t get_type, bool dump, put_fn put, struct collect *c)
{
	int r = -EINTR;
	for (int tries = 0; tries < DUMP_RETRIES && r == -EINTR; tries++) {
		struct nl_buf req;
		nlbuf_init(&req);
		size_t m = nlmsg_put_header(&req, (NFNL_SUBSYS_NFTABLES << 8) | get_type,
					    dump ? NLM_F_DUMP : NLM_F_ACK, 0,
					    (uint8_t)c->family, 0);
		if (put)
			put(&req, c);
		nlmsg_finish(&req, m);
		if (req.too_long) {     /* a name netlink cannot carry: never ask for another */
			nlbuf_free(&req);
			return -ENAMETOOLONG;
		}
		c->n = 0;
		if (c->set)
			c->set->nelems = 0;
		if (c->raw)
			c->raw->n = c->raw->len = 0;
		r = talk(s, &req, dump, c);
		nlbuf_free(&req);
	}
	return r;
}

static void put_table_name(struct nl_buf *b, const struct collect *c)
{
	attr_put_str(b, NFTA_TABLE_NAME, c->name ? c->name : c->table);
}

static void put_chain_id(struct nl_buf *b, const struct collect *c)
{
	attr_put_str(b, NFTA_CHAIN_TABLE, c->table);
	attr_put_str(b, NFTA_CHAIN_NAME, c->name);
}

static void put_rule_filter(struct nl_buf *b, const struct collect *c)
{
	if (c->table)
		attr_put_str(b, NFTA_RULE_TABLE, c->table);
	if (c->table && c->name)
		attr_put_str(b, NFTA_RULE_CHAIN, c->name);
	if (c->handle)
		attr_put_u64(b, NFTA_RULE_HANDLE, c->handle);
}

static void put_set_filter(struct nl_buf *b, const struct collect *c)
{
	if (!c->family)   /* the kernel looks the table up in one family */
		return;
	if (c->table)
		attr_put_str(b, NFTA_SET_TABLE, c->table);
	if (c->name)
		attr_put_str(b, NFTA_SET_NAME, c->name);
}

static void put_elem_filter(struct nl_buf *b, const struct collect *c)
{
	attr_put_str(b, NFTA_SET_ELEM_LIST_TABLE, c->set->table);
	attr_put_str(b, NFTA_SET_ELEM_LIST_SET, c->set->name);
}

/* -ENOENT unless the named table exists (only checkable with a family). */
static int table_exists(struct nl_sock *s, struct arena *a, uint32_t family, const char *table)
{
	struct collect c = { .a = a, NAMED(NL_TABLE, struct nl_table, NFT_MSG_NEWTABLE, keep_named),
			     .family = family, .name = table };
	if (!family || !table)
		return 0;
	return request(s, NFT_MSG_GETTABLE, false, put_table_name, &c);
}

static int chain_exists(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
			const char *chain)
{
	struct collect c = { .a = a, NAMED(NL_CHAIN, struct nl_chain, NFT_MSG_NEWCHAIN, keep_named),
			     .family = family, .table = table, .name = chain };
	if (!family || !table || !chain)
		return 0;
	return request(s, NFT_MSG_GETCHAIN, false, put_chain_id, &c);
}

int nl_dump_tables(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		   struct nl_table **out)
{
	struct collect c = { .a = a, NAMED(NL_TABLE, struct nl_table, NFT_MSG_NEWTABLE, keep_named),
			     .family = family, .name = table };
	bool one = family && table;
	int r = request(s, NFT_MSG_GETTABLE, !one, one ? put_table_name : NULL, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

int nl_dump_chains(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		   const char *chain, struct nl_chain **out)
{
	struct collect c = { .a = a, NAMED(NL_CHAIN, struct nl_chain, NFT_MSG_NEWCHAIN, keep_named),
			     .family = family, .table = table, .name = chain };
	bool one = family && table && chain;
	int r = one ? 0 : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETCHAIN, !one, one ? put_chain_id : NULL, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

int nl_dump_rules(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		  const char *chain, struct nl_rule **out)
{
	struct collect c = { .a = a, NAMED(NL_RULE, struct nl_rule, NFT_MSG_NEWRULE, keep_named),
			     .family = family, .table = table, .name = chain };
	int r = chain ? chain_exists(s, a, family, table, chain) : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETRULE, true, put_rule_filter, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

int nl_dump_rules_raw(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		      const char *chain, struct nl_raw_rules *out)
{
	struct collect c = { .a = a, .reply_type = NFT_MSG_NEWRULE, .family = family,
			     .table = table, .name = chain, .raw = out };
	int r = chain ? chain_exists(s, a, family, table, chain) : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETRULE, true, put_rule_filter, &c);
	return r < 0 ? r : (int)out->n;
}

int nl_reset_rules_raw(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		       const char *chain, uint64_t handle, struct nl_raw_rules *out)
{
	struct collect c = { .a = a, .reply_type = NFT_MSG_NEWRULE, .family = family,
			     .table = table, .name = chain, .raw = out, .handle = handle };
	int r = chain ? chain_exists(s, a, family, table, chain) : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETRULE_RESET, !handle, put_rule_filter, &c);
	return r < 0 ? r : (int)out->n;
}

int nl_raw_rule_decode(struct arena *a, const struct nl_raw_rules *raw, uint32_t i,
		       struct nl_rule *out)
{
	const struct nl_raw_rule *m = &raw->v[i];
	return decode_checked(a, NL_RULE, raw->bytes + m->off, m->len, m->family, out);
}

void nl_raw_rules_free(struct nl_raw_rules *raw)
{
	free(raw->bytes);
	free(raw->v);
	*raw = (struct nl_raw_rules){ 0 };
}

int nl_dump_sets(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		 const char *set, struct nl_set **out)
{
	struct collect c = { .a = a, NAMED(NL_SET, struct nl_set, NFT_MSG_NEWSET, keep_named),
			     .family = family, .table = table, .name = set };
	bool one = family && table && set;
	int r = one ? 0 : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETSET, !one, put_set_filter, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

static uint32_t elem_hash(const struct nl_elem *e)
{
	uint32_t h = 2166136261u ^ e->flags;          /* FNV-1a over key, key end */
	for (uint32_t i = 0; i < e->key_len; i++)
		h = (h ^ e->key[i]) * 16777619u;
	for (uint32_t i = 0; i < e->key_end_len; i++)
		h = (h ^ e->key_end[i]) * 16777619u;
	return h;
}

static bool elem_same(const struct nl_elem *a, const struct nl_elem *b)
{
	return a->flags == b->flags && a->key_len == b->key_len &&
	       a->key_end_len == b->key_end_len &&
	       (!a->key_len || !memcmp(a->key, b->key, a->key_len)) &&
	       (!a->key_end_len || !memcmp(a->key_end, b->key_end, a->key_end_len));
}

/* Whether the dump repeated an element: a set holds each key once (an interval's start
 * and end differ in their flags), so a repeat is the kernel's walk of a hash table
 * being resized under it, right after a large load. */
static bool elems_repeat(const struct nl_set *set)
{
	uint32_t n = set->nelems, cap = 16;
	while (cap < 2 * (uint64_t)n)
		cap *= 2;
	uint32_t *slot = xmalloc(cap * sizeof(*slot));
	memset(slot, 0xff, cap * sizeof(*slot));
	bool rep = false;
	for (uint32_t i = 0; i < n && !rep; i++) {
		uint32_t k = elem_hash(&set->elems[i]) & (cap - 1);
		for (; slot[k] != UINT32_MAX && !rep; k = (k + 1) & (cap - 1))
			rep = elem_same(&set->elems[slot[k]], &set->elems[i]);
		slot[k] = i;
	}
	free(slot);
	return rep;
}

/* NFT_MSG_GETSETELEM_RESET (kernel 6.5): answers as GETSETELEM, then zeroes the
 * elements' counters and quotas */
#define MSG_GETSETELEM_RESET 33

static int dump_elems(struct nl_sock *s, struct arena *a, struct nl_set *set, bool reset)
{
	struct collect c = { .a = a, .reply_type = NFT_MSG_NEWSETELEM, .family = set->family,
			     .set = set };
	if (!set->table || !set->name)
		return -EINVAL;
	/* a reset zeroes what it reads: it is read once */
	for (int tries = 0; tries < (reset ? 1 : DUMP_RETRIES); tries++) {
		set->elems = NULL;
		set->elems_cap = 0;
		int r = request(s, reset ? MSG_GETSETELEM_RESET : NFT_MSG_GETSETELEM, true,
				put_elem_filter, &c);
		if (r < 0)
			return r;
		if (reset || !elems_repeat(set))
			return (int)set->nelems;
	}
	return -EAGAIN;
}

int nl_dump_elems(struct nl_sock *s, struct arena *a, struct nl_set *set)
{
	return dump_elems(s, a, set, false);
}

int nl_dump_elems_reset(struct nl_sock *s, struct arena *a, struct nl_set *set)
{
	return dump_elems(s, a, set, true);
}

/* `get element`: the elements the request names, asked for one by one in a single
 * GETSETELEM (no dump); the kernel answers each with a NEWSETELEM, then the ACK. */
static void put_elem_request(struct nl_buf *b, const struct collect *c)
{
	const struct nl_set *req = c->ask;
	enc_elem_list_head(b, req);
	size_t list = attr_nest_start(b, NFTA_SET_ELEM_LIST_ELEMENTS);
	for (uint32_t i = 0; i < req->nelems; i++)
		enc_elem(b, &req->elems[i]);
	attr_nest_end(b, list);
}

int nl_get_elems(struct nl_sock *s, struct arena *a, const struct nl_set *req,
		 struct nl_set *out, bool reset)
{
	struct collect c = { .a = a, .reply_type = NFT_MSG_NEWSETELEM, .family = req->family,
			     .set = out, .ask = req };
	if (!req->table || !req->name || !req->nelems)
		return -EINVAL;
	out->elems = NULL;
	out->nelems = out->elems_cap = 0;
	int r = request(s, reset ? MSG_GETSETELEM_RESET : NFT_MSG_GETSETELEM, false,
			put_elem_request, &c);
	return r < 0 ? r : (int)out->nelems;
}

/* ---------------------------------------------------------------- objects, flowtables */

static bool keep_obj(const struct collect *c, const void *o)
{
	const struct nl_obj *ob = o;
	return keep_named(c, o) && (!c->objtype || c->objtype == ob->type);
}

static void put_obj_filter(struct nl_buf *b, const struct collect *c)
{
	if (c->family && c->table)
		attr_put_str(b, NFTA_OBJ_TABLE, c->table);
	if (c->family && c->table && c->name)
		attr_put_str(b, NFTA_OBJ_NAME, c->name);
	/* the kind, also across families: a reset dump resets what it returns, and
	 * `reset counters` must not reset the quotas it does not print */
	if (c->objtype)
		attr_put_u32(b, NFTA_OBJ_TYPE, c->objtype);
}

static void put_flowtable_filter(struct nl_buf *b, const struct collect *c)
{
	if (!c->family)
		return;
	if (c->table)
		attr_put_str(b, NFTA_FLOWTABLE_TABLE, c->table);
	if (c->table && c->name)
		attr_put_str(b, NFTA_FLOWTABLE_NAME, c->name);
}

static int dump_objs(struct nl_sock *s, struct arena *a, uint16_t get_type, uint32_t family,
		     const char *table, const char *name, uint32_t type, struct nl_obj **out)
{
	struct collect c = { .a = a, NAMED(NL_OBJ, struct nl_obj, NFT_MSG_NEWOBJ, keep_obj),
			     .family = family, .table = table, .name = name, .objtype = type };
	bool one = family && table && name && type;
	int r = one ? 0 : table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, get_type, !one, put_obj_filter, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

int nl_dump_objs(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		 const char *name, uint32_t type, struct nl_obj **out)
{
	return dump_objs(s, a, NFT_MSG_GETOBJ, family, table, name, type, out);
}

int nl_dump_objs_reset(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		       const char *name, uint32_t type, struct nl_obj **out)
{
	return dump_objs(s, a, NFT_MSG_GETOBJ_RESET, family, table, name, type, out);
}

int nl_dump_flowtables(struct nl_sock *s, struct arena *a, uint32_t family,
		       const char *table, struct nl_flowtable **out)
{
	struct collect c = { .a = a,
			     NAMED(NL_FLOWTABLE, struct nl_flowtable, NFT_MSG_NEWFLOWTABLE, keep_named),
			     .family = family, .table = table };
	int r = table_exists(s, a, family, table);
	if (r == 0)
		r = request(s, NFT_MSG_GETFLOWTABLE, true, put_flowtable_filter, &c);
	*out = c.v;
	return r < 0 ? r : (int)c.n;
}

/* ---------------------------------------------------------------- generation */

static const struct attr_policy gen_policy[NFTA_GEN_MAX + 1] = {
	[NFTA_GEN_ID] = { AK_U32, 0 },
};

struct genid { uint32_t id; bool seen; };

static int dec_gen_v(const struct collect *c, const uint8_t *p, size_t len, uint32_t f,
		     void *out)
{
	struct attr tb[NFTA_GEN_MAX + 1];
	struct genid *g = out;
	if (attr_parse(p, len, gen_policy, NFTA_GEN_MAX, tb) < 0 || !attr_ok(&tb[NFTA_GEN_ID]))
		return -EINVAL;
	g->id = attr_u32(&tb[NFTA_GEN_ID]);
	g->seen = true;
	return 0;
}

static bool keep_all(const struct collect *c, const void *o)
{
	return true;
}

int nl_get_genid(struct nl_sock *s, uint32_t *genid)
{
	struct arena a;
	arena_init(&a, 1024);
	struct collect c = { .a = &a, .reply_type = NFT_MSG_NEWGEN, .elem = sizeof(struct genid),
			     .decode = dec_gen_v, .keep = keep_all };
	int r = request(s, NFT_MSG_GETGEN, false, NULL, &c);
	if (r == 0 && c.n == 1)
		*genid = ((struct genid *)c.v)->id;
	else if (r == 0)
		r = -EPROTO;
	arena_free(&a);
	return r;
}
