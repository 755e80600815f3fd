/* Named set/map declarations → nl_set (see eval_set_decl.h). */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_set_decl.h"
#include "udata.h"
#include "udata_typeof.h"
#include "../util/nf_tables_uapi.h"

void rule_ctx_scratch(struct rule_ctx *rc, struct eval_ctx *ctx, uint32_t family,
		      const char *table, struct nl_rule *rule, struct lowered_list *out)
{
	memset(rc, 0, sizeof(*rc));
	memset(rule, 0, sizeof(*rule));
	memset(out, 0, sizeof(*out));
	rc->ec = ctx;
	rc->family = family;
	rc->table = table;
	rc->rule = rule;
	rc->out = out;
	rc->hook = ~0u;
	rule->family = family;
	rule->table = table;
}

struct expr *set_template_of_dtype(struct eval_ctx *ctx, const struct datatype *dt,
				   uint32_t len_bits)
{
	struct expr *e = expr_alloc(ctx->arena, EXPR_VALUE, NULL);
	e->dtype = dt;
	e->byteorder = dt->byteorder;
	e->len = len_bits ? len_bits : dt->size;
	e->value.len = e->len;
	return e;
}

static uint32_t bytes_of(uint32_t bits)
{
	return (bits + 7) / 8;
}

static uint32_t round4(uint32_t n)
{
	return (n + 3) & ~3u;
}

struct expr *set_template_from_type(struct eval_ctx *ctx, uint32_t type, uint32_t len_bytes)
{
	uint32_t ids[8];
	if (type == NFT_DATA_VERDICT) {
		struct expr *v = expr_alloc(ctx->arena, EXPR_VERDICT, NULL);
		v->dtype = &dt_verdict;
		return v;
	}
	unsigned n = datatype_id_split(type, ids);
	if (n == 0)
		return NULL;
	if (n == 1) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)ids[0]);
		if (!dt)
			return NULL;
		uint32_t bits = dt->size ? dt->size : len_bytes * 8;
		if (len_bytes && len_bytes * 8 < bits)
			bits = len_bytes * 8;
		return set_template_of_dtype(ctx, dt, bits);
	}
	struct expr *c = expr_alloc(ctx->arena, EXPR_CONCAT, NULL);
	uint32_t total = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)ids[i]);
		if (!dt)
			return NULL;
		struct expr *f = set_template_of_dtype(ctx, dt, dt->size ? dt->size : 128);
		expr_list_add(ctx->arena, &c->list, f);
		total += round4(bytes_of(f->len));
	}
	c->len = total * 8;
	c->byteorder = BYTEORDER_INVALID;
	c->dtype = NULL;
	return c;
}

/* ------------------------------------------------------------ type / typeof keys */

static const struct datatype *dtype_of_type_expr(struct expr *e)
{
	if (e->kind == EXPR_SYMBOL && e->sym.str)
		return datatype_by_name(e->sym.str);
	if (e->kind == EXPR_VERDICT)
		return &dt_verdict;
	if (e->kind == EXPR_VALUE)
		return e->dtype;
	return e->dtype;
}

/* `type a . b` → template; records the error for an unknown type. */
static struct expr *template_of_type_expr(struct eval_ctx *ctx, struct expr *e)
{
	if (e->kind == EXPR_CONCAT) {
		struct expr *c = expr_alloc(ctx->arena, EXPR_CONCAT, &e->loc);
		uint32_t total = 0;
		for (uint32_t i = 0; i < e->list.n; i++) {
			struct expr *f = template_of_type_expr(ctx, e->list.v[i]);
			if (!f)
				return NULL;
			if (f->kind == EXPR_CONCAT || f->kind == EXPR_VERDICT) {
				diag_error(ctx->errs, &e->list.v[i]->loc,
					   "invalid type in concatenation");
				return NULL;
			}
			expr_list_add(ctx->arena, &c->list, f);
			total += round4(bytes_of(f->len));
		}
		c->len = total * 8;
		c->byteorder = BYTEORDER_INVALID;
		c->flags = e->flags;
		return c;
	}
	const struct datatype *dt = dtype_of_type_expr(e);
	if (!dt) {
		diag_error(ctx->errs, &e->loc, "unknown datatype %s",
			   e->kind == EXPR_SYMBOL && e->sym.str ? e->sym.str : "");
		return NULL;
	}
	if (dt->id == TYPE_VERDICT) {
		struct expr *v = expr_alloc(ctx->arena, EXPR_VERDICT, &e->loc);
		v->dtype = &dt_verdict;
		return v;
	}
	if (dt->size == 0 && e->kind != EXPR_VALUE) {
		diag_error(ctx->errs, &e->loc, "unqualified type %s specified in map definition"
			   ", use typeof instead", dt->name);
		return NULL;
	}
	struct expr *t = set_template_of_dtype(ctx, dt, e->len && e->kind == EXPR_VALUE
						      ? e->len : dt->size);
	t->loc = e->loc;
	t->flags = e->flags;
	return t;
}

/* `typeof EXPR`: evaluate the expression itself; it is its own template. */
static struct expr *template_of_typeof(struct eval_ctx *ctx, uint32_t family,
				       const char *table, struct expr *e)
{
	struct rule_ctx rc;
	struct nl_rule scratch;
	struct lowered_list out;
	rule_ctx_scratch(&rc, ctx, family, table, &scratch, &out);
	rc.typeof_key = true;
	if (e->dtype && e->len)        /* already evaluated (known_set_from_decl) */
		return e;
	if (eval_lhs(&rc, e) < 0)
		return NULL;
	if (e->kind == EXPR_CONCAT) {
		uint32_t total = 0;
		for (uint32_t i = 0; i < e->list.n; i++)
			total += round4(bytes_of(e->list.v[i]->len));
		e->len = total * 8;
	}
	return e;
}

/* Kernel type id and length in bytes of a template; field lengths for concats. */
static void template_kernel_type(const struct expr *t, uint32_t *type, uint32_t *len,
				 uint8_t *field_len, uint32_t *nfields)
{
	*type = 0;
	*len = 0;
	if (nfields)
		*nfields = 0;
	if (t->kind == EXPR_VERDICT) {
		*type = NFT_DATA_VERDICT;
		return;
	}
	if (t->kind == EXPR_CONCAT) {
		for (uint32_t i = 0; i < t->list.n; i++) {
			const struct expr *f = t->list.v[i];
			uint32_t id = f->dtype ? (uint32_t)f->dtype->id : TYPE_INTEGER;
			if (id >= TYPE_MAX_ID && f->dtype && f->dtype->basetype)
				id = f->dtype->basetype->id;
			*type = (*type << TYPE_BITS) | id;
			*len += round4(bytes_of(f->len));
			if (nfields && *nfields < 16)
				field_len[(*nfields)++] = (uint8_t)bytes_of(f->len);
		}
		return;
	}
	uint32_t id = t->dtype ? (uint32_t)t->dtype->id : TYPE_INTEGER;
	if (id >= TYPE_MAX_ID && t->dtype && t->dtype->basetype)
		id = t->dtype->basetype->id;
	*type = id;
	*len = bytes_of(t->len);
}

static uint32_t template_byteorder(const struct expr *t)
{
	if (t->kind == EXPR_CONCAT || t->kind == EXPR_VERDICT)
		return BYTEORDER_INVALID;
	return (uint32_t)t->byteorder;
}

static int set_udata(struct eval_ctx *ctx, struct set_decl *d, struct expr *key,
		     struct expr *data, bool data_interval, struct nl_set *out)
{
	struct udata_buf u;
	udata_init(&u);
	udata_put_u32(&u, UDATA_SET_KEYBYTEORDER, template_byteorder(key));
	if (data)
		udata_put_u32(&u, UDATA_SET_DATABYTEORDER, template_byteorder(data));
	if (d->auto_merge) {
		udata_put_u32(&u, UDATA_SET_MERGE_ELEMENTS, 1);
		out->auto_merge = true;
	}
	if (d->meter)
		;                     /* nft writes the key's byte order alone */
	else if (d->key_typeof)
		udata_put_typeof(&u, UDATA_SET_KEY_TYPEOF, key);
	else if (key->kind == EXPR_CONCAT)
		udata_put_typeof_empty_concat(&u, UDATA_SET_KEY_TYPEOF);
	if (data) {
		if (d->data_typeof)
			udata_put_typeof(&u, UDATA_SET_DATA_TYPEOF, data);
		else if (data->kind == EXPR_CONCAT)
			udata_put_typeof_empty_concat(&u, UDATA_SET_DATA_TYPEOF);
		udata_put_u32(&u, UDATA_SET_DATA_INTERVAL, data_interval ? 1 : 0);
	}
	if (d->comment) {
		if (strlen(d->comment) > UDATA_COMMENT_MAXLEN)
			return diag_error(ctx->errs, &d->loc,
					  "comment too long, %d characters maximum allowed",
					  UDATA_COMMENT_MAXLEN);
		udata_put_str(&u, UDATA_SET_COMMENT, d->comment);
	}
	if (!udata_ok(&u))
		return diag_error(ctx->errs, &d->loc, "set userdata too long");
	out->udata = arena_memdup(ctx->arena, u.b, u.len);
	out->udata_len = u.len;
	out->present |= 1u << NFTA_SET_USERDATA;
	return 0;
}

/* Set-wide statements (counter, quota, limit...) → set->exprs. */
static int set_stmts(struct eval_ctx *ctx, const struct handle_spec *h, struct set_decl *d,
		     struct nl_set *out)
{
	if (!d->stmts || d->stmts->n == 0)
		return 0;
	struct rule_ctx rc;
	struct nl_rule scratch;
	struct lowered_list tmp;
	rule_ctx_scratch(&rc, ctx, h->family, h->table, &scratch, &tmp);
	for (uint32_t i = 0; i < d->stmts->n; i++) {
		struct stmt *s = d->stmts->v[i];
		if (s->kind != STMT_COUNTER && s->kind != STMT_QUOTA && s->kind != STMT_LIMIT &&
		    s->kind != STMT_LAST && s->kind != STMT_CONNLIMIT)
			return diag_error(ctx->errs, &s->loc, "stateful statement expected");
		if (eval_lower_stmt(&rc, s) < 0)
			return -1;
		rc.reg_next = 0;
	}
	out->exprs = arena_alloc(ctx->arena, sizeof(*out->exprs));
	*out->exprs = scratch.prog.exprs;
	out->present |= 1u << NFTA_SET_EXPRESSIONS;
	out->flags |= NFT_SET_EXPR;   /* the kernel takes the expressions only with it */
	return 0;
}

int eval_set_decl(struct eval_ctx *ctx, const struct handle_spec *h, struct set_decl *d,
		  struct nl_set *out, struct expr **key_tmpl, struct expr **data_tmpl)
{
	*key_tmpl = *data_tmpl = NULL;
	out->family = h->family;
	out->table = h->table;
	out->name = d->name ? d->name : h->set;
	out->present |= (1u << NFTA_SET_TABLE) | (1u << NFTA_SET_NAME);
	if (!d->key)
		return diag_error(ctx->errs, &d->loc, "set definition does not specify key");

	struct expr *key = d->key_typeof ? template_of_typeof(ctx, h->family, h->table, d->key)
					 : template_of_type_expr(ctx, d->key);
	if (!key)
		return -1;
	if (key->kind == EXPR_VERDICT)
		return diag_error(ctx->errs, &d->key->loc, "invalid key type verdict");

	struct expr *data = NULL;
	bool data_interval = false;
	if (d->is_map && !d->data_objtype) {
		if (!d->data)
			return diag_error(ctx->errs, &d->loc, "map definition does not specify data");
		data = d->data_typeof ? template_of_typeof(ctx, h->family, h->table, d->data)
				      : template_of_type_expr(ctx, d->data);
		if (!data)
			return -1;
		data_interval = (d->data->flags & EXPR_F_INTERVAL) != 0;
	}

	uint32_t flags = d->flags;
	if (d->is_map)
		flags |= d->data_objtype ? NFT_SET_OBJECT : NFT_SET_MAP;
	if (d->timeout)
		flags |= NFT_SET_TIMEOUT;
	if (d->auto_merge && !(flags & NFT_SET_INTERVAL))
		return diag_error(ctx->errs, &d->loc, "auto-merge only works with interval sets");

	template_kernel_type(key, &out->key_type, &out->key_len, out->field_len, &out->nfields);
	if (out->key_len == 0)
		return diag_error(ctx->errs, &d->key->loc, "invalid key length 0");
	if (key->kind == EXPR_CONCAT && (flags & NFT_SET_INTERVAL))
		flags |= NFT_SET_CONCAT;
	else
		out->nfields = 0;
	out->present |= (1u << NFTA_SET_KEY_TYPE) | (1u << NFTA_SET_KEY_LEN) |
			(1u << NFTA_SET_FLAGS);

	if (data) {
		uint32_t nf = 0;
		uint8_t fl[16];
		template_kernel_type(data, &out->data_type, &out->data_len, fl, &nf);
		if (data_interval)
			out->data_len *= 2;
		out->present |= (1u << NFTA_SET_DATA_TYPE) | (1u << NFTA_SET_DATA_LEN);
	} else if (d->is_map && d->data_objtype) {
		out->objtype = d->data_objtype;
		out->present |= 1u << NFTA_SET_OBJ_TYPE;
	}
	out->flags = flags;
	if (d->has_policy) {
		out->policy = d->policy;
		out->present |= 1u << NFTA_SET_POLICY;
	}
	if (d->size || out->nfields) {
		out->desc_size = d->size;
		out->present |= 1u << NFTA_SET_DESC;
	}
	if (d->timeout) {
		out->timeout = d->timeout;
		out->present |= 1u << NFTA_SET_TIMEOUT;
	}
	if (d->gc_interval) {
		out->gc_interval = (uint32_t)d->gc_interval;
		out->present |= 1u << NFTA_SET_GC_INTERVAL;
	}
	/* same allocator as anonymous sets: ids start at 1 */
	if (ctx->next_set_id == 0)
		ctx->next_set_id = 1;
	out->id = ctx->next_set_id++;
	out->present |= 1u << NFTA_SET_ID;

	if (set_udata(ctx, d, key, data, data_interval, out) < 0)
		return -1;
	if (set_stmts(ctx, h, d, out) < 0)
		return -1;
	*key_tmpl = key;
	*data_tmpl = data;
	return 0;
}

void set_stmt_kinds(const struct vm_exprs *e, uint8_t *kinds, uint32_t *n)
{
	*n = 0;
	for (uint32_t i = 0; e && i < e->n && i < NL_SET_STMTS_MAX; i++)
		kinds[(*n)++] = (uint8_t)e->v[i].kind;
}

struct known_set *known_set_from_decl(struct eval_ctx *ctx, const struct cmd *cmd,
				      const struct nl_set *s)
{
	struct set_decl *d = cmd->set;
	if (!d || !s)
		return NULL;
	struct known_set *k = arena_alloc(ctx->arena, sizeof(*k));
	k->family = s->family;
	k->table = s->table;
	k->name = s->name;
	k->flags = s->flags;
	k->key_type = s->key_type;
	k->key_len = s->key_len;
	k->data_type = s->data_type;
	k->data_len = s->data_len;
	k->auto_merge = d->auto_merge;
	set_stmt_kinds(s->exprs, k->stmt_kinds, &k->nstmt_kinds);
	k->decl = d;
	/* the decl's expressions were typed in place by eval_set_decl */
	if (d->key_typeof && d->key && d->key->dtype)
		k->key_expr = d->key;
	else if (d->key_typeof && d->key && d->key->kind == EXPR_CONCAT && d->key->len)
		k->key_expr = d->key;
	else
		k->key_expr = set_template_from_type(ctx, s->key_type, s->key_len);
	if (s->flags & NFT_SET_MAP) {
		if (d->data_typeof && d->data && d->data->len)
			k->data_expr = d->data;
		else if (d->data && !d->data_typeof)
			k->data_expr = template_of_type_expr(ctx, d->data);
		else
			k->data_expr = set_template_from_type(ctx, s->data_type, s->data_len);
	}
	return k;
}
