/* The nf_tables objects on the wire, as rows (attr_rows.h): tables, chains, rules,
 * sets, element lists and elements, named objects and flowtables, each attribute in
 * the order nft sends it with its kind, limit, field and the rule for sending it.
 * The hooks below write and read what is not a scalar in a field: device lists,
 * expression lists, data registers, the concat fields of a set, and a named
 * object's data (obj_codec.c). nl_encode and nl_decode (netlink.h) read a kind's
 * rows through attr_rows.c; the element list entry points are in codec.h. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <net/if.h>
#include <linux/netfilter/nf_tables.h>
#include "../util/nf_tables_uapi.h"
#include "attr_rows.h"
#include "codec.h"
#include "netlink.h"
#include "obj_data.h"
#include "../util/nf_tables_uapi.h"

/* The field m of struct O, and the length beside a pointer */
#define FIELD(m) .off = offsetof(O, m), .size = sizeof(((O *)0)->m)
#define LENGTH(m) .len_off = offsetof(O, m)
#define ROWS(v) { v, sizeof(v) / sizeof(v[0]), offsetof(O, present) }
#define NEST_ROWS(v) { v, sizeof(v) / sizeof(v[0]), -1 }

/* every row's attribute has its entry in a rows_policy and its bit in `present` */
_Static_assert(NFTA_TABLE_MAX <= ROWS_ATTR_MAX && NFTA_CHAIN_MAX <= ROWS_ATTR_MAX &&
	       NFTA_HOOK_MAX <= ROWS_ATTR_MAX && NFTA_RULE_MAX <= ROWS_ATTR_MAX &&
	       NFTA_SET_MAX <= ROWS_ATTR_MAX && NFTA_SET_DESC_MAX <= ROWS_ATTR_MAX &&
	       NFTA_SET_FIELD_MAX <= ROWS_ATTR_MAX && NFTA_SET_ELEM_LIST_MAX <= ROWS_ATTR_MAX &&
	       NFTA_SET_ELEM_MAX <= ROWS_ATTR_MAX && NFTA_OBJ_MAX <= ROWS_ATTR_MAX &&
	       NFTA_FLOWTABLE_MAX <= ROWS_ATTR_MAX && NFTA_FLOWTABLE_HOOK_MAX <= ROWS_ATTR_MAX,
	       "an attribute above ROWS_ATTR_MAX");

/* ---------------------------------------------------------------- hooks: devices */

static void enc_device_list(struct nl_buf *b, uint16_t attr, const char *const *devs, uint32_t n)
{
	size_t nest = attr_nest_start(b, attr);
	for (uint32_t i = 0; i < n; i++)
		attr_put_str(b, NFTA_DEVICE_NAME, devs[i]);
	attr_nest_end(b, nest);
}

static int dec_device_list(struct arena *a, const struct attr *nest, const char ***devs,
			   uint32_t *n)
{
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	while ((r = attr_next(nest->data, nest->len, &off, &type, &at)) > 0) {
		if (type != NFTA_DEVICE_NAME || at.len == 0 || !memchr(at.data, 0, at.len))
			return -EINVAL;
		*devs = arena_grow(a, *devs, *n, *n + 1, sizeof(**devs));
		(*devs)[(*n)++] = arena_strdup(a, attr_str(&at));
	}
	return r;
}

/* A chain sends one device as NFTA_HOOK_DEV, several as NFTA_HOOK_DEVS, and reads
 * NFTA_HOOK_DEV only without a list. */
static void enc_chain_dev(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_chain *c = obj;
	if (c->ndevs == 1)
		attr_put_str(b, r->attr, c->devs[0]);
}

static int dec_chain_dev(struct arena *a, const struct attr_row *r, const struct attr *tb,
			 void *obj)
{
	struct nl_chain *c = obj;
	if (attr_ok(&tb[NFTA_HOOK_DEVS]))
		return 0;
	c->devs = arena_alloc(a, sizeof(*c->devs));
	c->devs[0] = arena_strdup(a, attr_str(&tb[r->attr]));
	c->ndevs = 1;
	return 0;
}

static void enc_chain_devs(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_chain *c = obj;
	if (c->ndevs > 1)
		enc_device_list(b, r->attr, c->devs, c->ndevs);
}

static int dec_chain_devs(struct arena *a, const struct attr_row *r, const struct attr *tb,
			  void *obj)
{
	struct nl_chain *c = obj;
	return dec_device_list(a, &tb[r->attr], &c->devs, &c->ndevs);
}

/* A flowtable sends its devices as a list, however many. */
static void enc_flowtable_devs(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_flowtable *f = obj;
	enc_device_list(b, r->attr, f->devs, f->ndevs);
}

static int dec_flowtable_devs(struct arena *a, const struct attr_row *r, const struct attr *tb,
			      void *obj)
{
	struct nl_flowtable *f = obj;
	return dec_device_list(a, &tb[r->attr], &f->devs, &f->ndevs);
}

/* ---------------------------------------------------------------- hooks: expressions */

static void enc_rule_exprs(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_rule *ru = obj;
	enc_expr_list(b, r->attr, &ru->prog.exprs);
}

static int dec_rule_exprs(struct arena *a, const struct attr_row *r, const struct attr *tb,
			  void *obj)
{
	struct nl_rule *ru = obj;
	return dec_expr_list(a, tb[r->attr].data, tb[r->attr].len, &ru->prog.exprs, 0);
}

/* A set sends one expression as NFTA_SET_EXPR, several as NFTA_SET_EXPRESSIONS; an
 * element sends the list however many. */
static void enc_set_exprs(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_set *s = obj;
	if (s->exprs->n > 1)
		enc_expr_list(b, r->attr, s->exprs);
}

static void enc_set_expr(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_set *s = obj;
	if (s->exprs->n == 1)
		enc_expr_one(b, r->attr, &s->exprs->v[0]);
}

static void enc_elem_exprs(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_elem *e = obj;
	if (e->exprs->n)
		enc_expr_list(b, r->attr, e->exprs);
}

/* The struct vm_exprs * at off, of a set or an element. The single form is read
 * only when the list, whose row comes first, was not. */
static int dec_exprs(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj)
{
	struct vm_exprs **l = (void *)((char *)obj + r->off);
	*l = arena_alloc(a, sizeof(**l));
	return dec_expr_list(a, tb[r->attr].data, tb[r->attr].len, *l, 0);
}

static int dec_expr(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj)
{
	struct vm_exprs **l = (void *)((char *)obj + r->off);
	if (*l)
		return 0;
	*l = arena_alloc(a, sizeof(**l));
	return dec_expr_one(a, tb[r->attr].data, tb[r->attr].len, *l, 0);
}

/* ---------------------------------------------------------------- hooks: element data */

/* An element's key or key end: the bytes at off, their length at len_off, sent in
 * an NFTA_DATA_VALUE nest. */
static void enc_key(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const uint8_t *const *p = (const void *)((const char *)obj + r->off);
	const uint32_t *len = (const void *)((const char *)obj + r->len_off);
	enc_value(b, r->attr, *p, *len);
}

static int dec_key(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj)
{
	const uint8_t **p = (void *)((char *)obj + r->off);
	uint32_t *len = (void *)((char *)obj + r->len_off);
	return dec_value(a, &tb[r->attr], p, len);
}

static void enc_elem_data(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_elem *e = obj;
	enc_data(b, r->attr, e->data);
}

static int dec_elem_data(struct arena *a, const struct attr_row *r, const struct attr *tb,
			 void *obj)
{
	struct nl_elem *e = obj;
	return dec_data(a, &tb[r->attr], &e->data);
}

/* ---------------------------------------------------------------- hooks: set fields */

/* The concat fields of a set: a list of nests of one length each, decoded through
 * the rows of this struct. */
struct set_field {
	uint32_t len;
};

#define O struct set_field
static const struct attr_row field_rows[] = {
	{ NFTA_SET_FIELD_LEN, AK_U32, 0, EMIT_ALWAYS, FIELD(len), .required = true },
};
#undef O
static const struct attr_rows set_field = NEST_ROWS(field_rows);

static void enc_concat(struct nl_buf *b, const struct attr_row *r, const void *obj)
{
	const struct nl_set *s = obj;
	size_t concat = attr_nest_start(b, r->attr);
	for (uint32_t i = 0; i < s->nfields && i < sizeof(s->field_len); i++) {
		size_t f = attr_nest_start(b, NFTA_LIST_ELEM);
		rows_encode(b, &set_field, &(struct set_field){ s->field_len[i] });
		attr_nest_end(b, f);
	}
	attr_nest_end(b, concat);
}

static int dec_concat(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj)
{
	struct nl_set *s = obj;
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int ret;
	while ((ret = attr_next(tb[r->attr].data, tb[r->attr].len, &off, &type, &at)) > 0) {
		struct set_field f = { 0 };
		if (type != NFTA_LIST_ELEM || s->nfields >= sizeof(s->field_len) ||
		    rows_decode(a, &set_field, at.data, at.len, &f) < 0)
			return -EINVAL;
		s->field_len[s->nfields++] = (uint8_t)f.len;
	}
	return ret;
}

/* ---------------------------------------------------------------- when to send */

/* The policy of a base chain, or one asked for */
static bool chain_policy_sent(const void *obj)
{
	const struct nl_chain *c = obj;
	return NL_HAS(c, NFTA_CHAIN_POLICY) || (c->has_hook && c->policy);
}

/* A chain added in the same batch is named by its id, when the rule has no name */
static bool rule_chain_id_sent(const void *obj)
{
	const struct nl_rule *r = obj;
	return !r->chain && r->chain_id;
}

static bool set_desc_sent(const void *obj)
{
	const struct nl_set *s = obj;
	return s->desc_size || s->nfields;
}

/* ---------------------------------------------------------------- the rows */

/* attribute, kind, longest payload, when it is sent, field (of struct O) */
#define O struct nl_table
static const struct attr_row table_rows[] = {
	{ NFTA_TABLE_NAME, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name), .required = true },
	{ NFTA_TABLE_FLAGS, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(flags) },
	{ NFTA_TABLE_HANDLE, AK_U64, 0, EMIT_SET, FIELD(handle) },
	{ NFTA_TABLE_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET,
	  FIELD(udata), LENGTH(udata_len) },
	{ NFTA_TABLE_USE, AK_U32, 0, EMIT_NEVER, FIELD(use) },
	{ NFTA_TABLE_OWNER, AK_U32, 0, EMIT_NEVER, FIELD(owner) },
};
static const struct attr_rows table = ROWS(table_rows);
#undef O

#define O struct nl_chain
static const struct attr_row chain_hook_rows[] = {
	{ NFTA_HOOK_HOOKNUM, AK_U32, 0, EMIT_ALWAYS, FIELD(hooknum), .required = true },
	{ NFTA_HOOK_PRIORITY, AK_U32, 0, EMIT_ALWAYS, FIELD(prio) },
	{ NFTA_HOOK_DEV, AK_STR, IFNAMSIZ, EMIT_SET, FIELD(ndevs),
	  .enc = enc_chain_dev, .dec = dec_chain_dev },
	{ NFTA_HOOK_DEVS, AK_NESTED, 0, EMIT_SET, FIELD(ndevs),
	  .enc = enc_chain_devs, .dec = dec_chain_devs },
};
static const struct attr_rows chain_hook = NEST_ROWS(chain_hook_rows);

static const struct attr_row chain_rows[] = {
	{ NFTA_CHAIN_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_CHAIN_HANDLE, AK_U64, 0, EMIT_SET, FIELD(handle) },
	{ NFTA_CHAIN_NAME, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name), .required = true },
	{ NFTA_CHAIN_ID, AK_U32, 0, EMIT_SET, FIELD(id) },
	{ NFTA_CHAIN_HOOK, AK_NESTED, 0, EMIT_SET, FIELD(has_hook), .nest = &chain_hook },
	{ NFTA_CHAIN_POLICY, AK_U32, 0, EMIT_WHEN, FIELD(policy), .when = chain_policy_sent },
	{ NFTA_CHAIN_TYPE, AK_STR, 32, EMIT_SET, FIELD(type) },
	{ NFTA_CHAIN_FLAGS, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(flags) },
	{ NFTA_CHAIN_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET,
	  FIELD(udata), LENGTH(udata_len) },
	{ NFTA_CHAIN_USE, AK_U32, 0, EMIT_NEVER, FIELD(use) },
	{ NFTA_CHAIN_COUNTERS, AK_NESTED, 0, EMIT_NEVER },
};
static const struct attr_rows chain = ROWS(chain_rows);
#undef O

#define O struct nl_rule
static const struct attr_row rule_rows[] = {
	{ NFTA_RULE_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_RULE_CHAIN, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(chain) },
	{ NFTA_RULE_CHAIN_ID, AK_U32, 0, EMIT_WHEN, FIELD(chain_id), .when = rule_chain_id_sent },
	{ NFTA_RULE_HANDLE, AK_U64, 0, EMIT_SET, FIELD(prog.handle) },
	{ NFTA_RULE_POSITION, AK_U64, 0, EMIT_SET_OR_PRESENT, FIELD(prog.position) },
	{ NFTA_RULE_POSITION_ID, AK_U32, 0, EMIT_SET, FIELD(prog.position_id) },
	{ NFTA_RULE_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET, FIELD(prog.udata),
	  LENGTH(prog.udata_len) },
	{ NFTA_RULE_EXPRESSIONS, AK_NESTED, 0, EMIT_SET, FIELD(prog.exprs.n),
	  .enc = enc_rule_exprs, .dec = dec_rule_exprs },
	{ NFTA_RULE_ID, AK_U32, 0, EMIT_SET, FIELD(prog.id) },
};
static const struct attr_rows rule = ROWS(rule_rows);
#undef O

#define O struct nl_set
static const struct attr_row set_desc_rows[] = {
	{ NFTA_SET_DESC_SIZE, AK_U32, 0, EMIT_SET, FIELD(desc_size) },
	{ NFTA_SET_DESC_CONCAT, AK_NESTED, 0, EMIT_SET, FIELD(nfields),
	  .enc = enc_concat, .dec = dec_concat },
};
static const struct attr_rows set_desc = NEST_ROWS(set_desc_rows);

static const struct attr_row set_rows[] = {
	{ NFTA_SET_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_SET_NAME, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name), .required = true },
	{ NFTA_SET_HANDLE, AK_U64, 0, EMIT_SET, FIELD(handle) },
	{ NFTA_SET_COUNT, AK_U32, 0, EMIT_NEVER, FIELD(count) },
	{ NFTA_SET_FLAGS, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(flags) },
	{ NFTA_SET_KEY_TYPE, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(key_type) },
	{ NFTA_SET_KEY_LEN, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(key_len) },
	{ NFTA_SET_DATA_TYPE, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(data_type) },
	{ NFTA_SET_DATA_LEN, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(data_len) },
	{ NFTA_SET_OBJ_TYPE, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(objtype) },
	{ NFTA_SET_POLICY, AK_U32, 0, EMIT_PRESENT, FIELD(policy) },
	{ NFTA_SET_DESC, AK_NESTED, 0, EMIT_WHEN, .nest = &set_desc, .when = set_desc_sent },
	{ NFTA_SET_ID, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(id) },
	{ NFTA_SET_TIMEOUT, AK_U64, 0, EMIT_SET, FIELD(timeout) },
	{ NFTA_SET_GC_INTERVAL, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(gc_interval) },
	{ NFTA_SET_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET,
	  FIELD(udata), LENGTH(udata_len) },
	{ NFTA_SET_EXPRESSIONS, AK_NESTED, 0, EMIT_SET, FIELD(exprs),
	  .enc = enc_set_exprs, .dec = dec_exprs },
	{ NFTA_SET_EXPR, AK_NESTED, 0, EMIT_SET, FIELD(exprs),
	  .enc = enc_set_expr, .dec = dec_expr },
};
static const struct attr_rows set = ROWS(set_rows);

/* The header of an element message names the set; a dump's header is validated, not
 * read. nl_batch_elems writes the list, dec_elem_list reads it. */
static const struct attr_row elem_list_rows[] = {
	{ NFTA_SET_ELEM_LIST_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_SET_ELEM_LIST_SET, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name) },
	{ NFTA_SET_ELEM_LIST_SET_ID, AK_U32, 0, EMIT_SET, FIELD(id) },
	{ NFTA_SET_ELEM_LIST_ELEMENTS, AK_NESTED, 0, EMIT_NEVER },
};
static const struct attr_rows elem_list = NEST_ROWS(elem_list_rows);
#undef O

#define O struct nl_elem
static const struct attr_row elem_rows[] = {
	{ NFTA_SET_ELEM_KEY, AK_NESTED, 0, EMIT_SET, FIELD(key), LENGTH(key_len),
	  .enc = enc_key, .dec = dec_key },
	{ NFTA_SET_ELEM_KEY_END, AK_NESTED, 0, EMIT_SET, FIELD(key_end), LENGTH(key_end_len),
	  .enc = enc_key, .dec = dec_key },
	{ NFTA_SET_ELEM_DATA, AK_NESTED, 0, EMIT_SET, FIELD(data),
	  .enc = enc_elem_data, .dec = dec_elem_data },
	{ NFTA_SET_ELEM_FLAGS, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(flags) },
	{ NFTA_SET_ELEM_TIMEOUT, AK_U64, 0, EMIT_SET, FIELD(timeout) },
	{ NFTA_SET_ELEM_EXPIRATION, AK_U64, 0, EMIT_SET, FIELD(expiration) },
	{ NFTA_SET_ELEM_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET,
	  FIELD(udata), LENGTH(udata_len) },
	{ NFTA_SET_ELEM_OBJREF, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(objref) },
	{ NFTA_SET_ELEM_EXPRESSIONS, AK_NESTED, 0, EMIT_SET, FIELD(exprs),
	  .enc = enc_elem_exprs, .dec = dec_exprs },
	{ NFTA_SET_ELEM_EXPR, AK_NESTED, 0, EMIT_NEVER, FIELD(exprs), .dec = dec_expr },
};
static const struct attr_rows elem = ROWS(elem_rows);
#undef O

#define O struct nl_obj
static const struct attr_row obj_rows[] = {
	{ NFTA_OBJ_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_OBJ_NAME, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name), .required = true },
	{ NFTA_OBJ_TYPE, AK_U32, 0, EMIT_SET, FIELD(type) },
	{ NFTA_OBJ_HANDLE, AK_U64, 0, EMIT_SET, FIELD(handle) },
	{ NFTA_OBJ_DATA, AK_NESTED, 0, EMIT_SET, FIELD(data.present),
	  .enc = enc_obj_data, .dec = dec_obj_data },
	{ NFTA_OBJ_USERDATA, AK_BINARY, NFT_USERDATA_MAXLEN, EMIT_SET,
	  FIELD(udata), LENGTH(udata_len) },
	{ NFTA_OBJ_USE, AK_U32, 0, EMIT_NEVER, FIELD(use) },
};
static const struct attr_rows obj = ROWS(obj_rows);
#undef O

#define O struct nl_flowtable
static const struct attr_row flowtable_hook_rows[] = {
	{ NFTA_FLOWTABLE_HOOK_NUM, AK_U32, 0, EMIT_ALWAYS, FIELD(hooknum) },
	{ NFTA_FLOWTABLE_HOOK_PRIORITY, AK_U32, 0, EMIT_ALWAYS, FIELD(prio) },
	{ NFTA_FLOWTABLE_HOOK_DEVS, AK_NESTED, 0, EMIT_SET, FIELD(ndevs),
	  .enc = enc_flowtable_devs, .dec = dec_flowtable_devs },
};
static const struct attr_rows flowtable_hook = NEST_ROWS(flowtable_hook_rows);

static const struct attr_row flowtable_rows[] = {
	{ NFTA_FLOWTABLE_TABLE, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(table) },
	{ NFTA_FLOWTABLE_NAME, AK_STR, NFT_NAME_MAXLEN, EMIT_SET, FIELD(name), .required = true },
	{ NFTA_FLOWTABLE_HANDLE, AK_U64, 0, EMIT_SET, FIELD(handle) },
	{ NFTA_FLOWTABLE_HOOK, AK_NESTED, 0, EMIT_PRESENT, .nest = &flowtable_hook },
	{ NFTA_FLOWTABLE_FLAGS, AK_U32, 0, EMIT_SET_OR_PRESENT, FIELD(flags) },
	{ NFTA_FLOWTABLE_USE, AK_U32, 0, EMIT_NEVER, FIELD(use) },
};
static const struct attr_rows flowtable = ROWS(flowtable_rows);
#undef O

/* ---------------------------------------------------------------- entry points */

/* Each kind: its rows, the struct that holds them and the fields that name it. */
struct kind_row {
	const struct attr_rows *rows;
	size_t size;
	int table_off;                 /* its table's name; -1 for a table */
	size_t name_off;
	size_t handle_off;             /* the handle the kernel gave it */
	uint16_t new_msg;              /* NFT_MSG_NEW*: how it is created (and echoed) */
};
#define KIND(T, rows, table_field, name_field, handle_field, msg) \
	{ &rows, sizeof(T), table_field, offsetof(T, name_field), offsetof(T, handle_field), msg }
static const struct kind_row kinds[NL_KIND_COUNT] = {
	[NL_TABLE] = KIND(struct nl_table, table, -1, name, handle, NFT_MSG_NEWTABLE),
	[NL_CHAIN] = KIND(struct nl_chain, chain, offsetof(struct nl_chain, table), name, handle,
			  NFT_MSG_NEWCHAIN),
	[NL_RULE] = KIND(struct nl_rule, rule, offsetof(struct nl_rule, table), chain,
			 prog.handle, NFT_MSG_NEWRULE),
	[NL_SET] = KIND(struct nl_set, set, offsetof(struct nl_set, table), name, handle,
			NFT_MSG_NEWSET),
	[NL_OBJ] = KIND(struct nl_obj, obj, offsetof(struct nl_obj, table), name, handle,
			NFT_MSG_NEWOBJ),
	[NL_FLOWTABLE] = KIND(struct nl_flowtable, flowtable, offsetof(struct nl_flowtable, table),
			      name, handle, NFT_MSG_NEWFLOWTABLE),
};
_Static_assert(offsetof(struct nl_table, family) == 0 && offsetof(struct nl_chain, family) == 0 &&
	       offsetof(struct nl_rule, family) == 0 && offsetof(struct nl_set, family) == 0 &&
	       offsetof(struct nl_obj, family) == 0 && offsetof(struct nl_flowtable, family) == 0,
	       "every object struct starts with its family");

void nl_encode(struct nl_buf *b, enum nl_kind kind, const void *obj)
{
	rows_encode(b, kinds[kind].rows, obj);
}

int nl_decode(struct arena *a, enum nl_kind kind, const uint8_t *attrs, size_t len,
	      uint32_t family, void *out)
{
	memset(out, 0, kinds[kind].size);
	memcpy(out, &family, sizeof(family));
	return rows_decode(a, kinds[kind].rows, attrs, len, out);
}

static const char *string_at(const void *obj, size_t off)
{
	const char *s;
	memcpy(&s, (const char *)obj + off, sizeof(s));
	return s;
}

const char *nl_object_table(enum nl_kind kind, const void *obj)
{
	return kinds[kind].table_off < 0 ? NULL : string_at(obj, (size_t)kinds[kind].table_off);
}

const char *nl_object_name(enum nl_kind kind, const void *obj)
{
	return string_at(obj, kinds[kind].name_off);
}

uint64_t nl_object_handle(enum nl_kind kind, const void *obj)
{
	uint64_t h;
	memcpy(&h, (const char *)obj + kinds[kind].handle_off, sizeof(h));
	return h;
}

bool nl_kind_of_new_msg(uint16_t msg_type, enum nl_kind *out)
{
	for (int k = 0; k < NL_KIND_COUNT; k++)
		if (kinds[k].new_msg == msg_type) {
			*out = (enum nl_kind)k;
			return true;
		}
	return false;
}

void enc_elem_list_head(struct nl_buf *b, const struct nl_set *s)
{
	rows_encode(b, &elem_list, s);
}

void enc_elem(struct nl_buf *b, const struct nl_elem *e)
{
	size_t nest = attr_nest_start(b, NFTA_LIST_ELEM);
	rows_encode(b, &elem, e);
	attr_nest_end(b, nest);
}

static int dec_elem(struct arena *a, const struct rows_policy *pol, const struct attr *nest,
		    struct nl_elem *out)
{
	*out = (struct nl_elem){ 0 };
	if (rows_decode_by(a, &elem, pol, nest->data, nest->len, out) < 0)
		return -EINVAL;
	/* only the catch-all element has no key; anything else is malformed */
	return !out->key && !(out->flags & NFT_SET_ELEM_CATCHALL) ? -EINVAL : 0;
}

/* A new slot at the end of set->elems; the caller assigns it whole. */
static struct nl_elem *elem_append(struct arena *a, struct nl_set *set)
{
	if (set->nelems == set->elems_cap) {
		/* large arrays grow by a quarter: realloc moves pages, not bytes */
		uint32_t c = set->elems_cap;
		uint32_t cap = !c ? 16 : c < 4096 ? c * 2 : c + c / 4;
		set->elems = arena_grow_filled(a, set->elems, set->nelems, cap,
					       sizeof(*set->elems));
		set->elems_cap = cap;
	}
	return &set->elems[set->nelems++];
}

int dec_elem_list(struct arena *a, const uint8_t *p, size_t len, struct nl_set *set)
{
	struct rows_policy pol;
	struct attr tb[ROWS_ATTR_MAX + 1];
	rows_policy(&elem_list, &pol);
	if (rows_parse(&pol, p, len, tb) < 0)
		return -EINVAL;
	if (!attr_ok(&tb[NFTA_SET_ELEM_LIST_ELEMENTS]))
		return 0;
	const struct attr *l = &tb[NFTA_SET_ELEM_LIST_ELEMENTS];
	size_t off = 0;
	uint16_t type;
	struct attr at;
	int r;
	rows_policy(&elem, &pol);   /* built once for all the elements */
	while ((r = attr_next(l->data, l->len, &off, &type, &at)) > 0) {
		if (type != NFTA_LIST_ELEM)
			return -EINVAL;
		struct nl_elem e;
		if (dec_elem(a, &pol, &at, &e) < 0)
			return -EINVAL;
		*elem_append(a, set) = e;
	}
	return r;
}
