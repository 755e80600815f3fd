/* Lift: the kernel's tables, chains, sets, named objects and flowtables into the AST
 * nodes the parser builds for them (table_decl, chain_decl, set_decl, obj_decl,
 * flowtable_decl), so that the printer reads only the AST. What the wire says in
 * numbers becomes what nft lists in words: hook names and standard priorities
 * (types/hooks.c), typeof keys (lift_typeof.c), comments from userdata, the ct
 * timeout states that differ from their defaults. */
#include <inttypes.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lift.h"
#include "lift_int.h"
#include "../netlink/obj_data.h"
#include "../types/datatype.h"
#include "../types/hooks.h"
#include "../types/udata_attrs.h"
#include "../util/nf_tables_uapi.h"
#include "../util/tlv.h"

static struct expr *word(struct arena *a, const char *s)
{
	return expr_symbol(a, NULL, s, false);
}

struct table_decl *lift_table(struct arena *a, const struct nl_table *t)
{
	struct table_decl *d = arena_alloc(a, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = t->name;
	d->family = t->family;
	d->flags = t->flags;
	d->handle = t->handle;
	d->comment = tlv_str(a, t->udata, t->udata_len, UDATA_COMMENT);
	return d;
}

/* A priority as nft lists it: a standard name ± offset where one is within 10. */
static struct expr *prio_words(struct arena *a, uint32_t family, uint32_t hook, int32_t prio)
{
	const char *name;
	int32_t off;
	if (!prio_std_name(family, hook, prio, &name, &off))
		return word(a, arena_printf(a, "%" PRId32, prio));
	if (!off)
		return word(a, name);
	return word(a, arena_printf(a, "%s %c %" PRId32, name, off > 0 ? '+' : '-',
				    off > 0 ? off : -off));
}

static void devices(struct arena *a, struct expr_list *out, const char *const *devs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		expr_list_add(a, out, word(a, devs[i]));
}

struct chain_decl *lift_chain(struct arena *a, const struct nl_chain *c)
{
	struct chain_decl *d = arena_alloc(a, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = c->name;
	d->handle = c->handle;
	d->flags = c->flags;
	d->comment = tlv_str(a, c->udata, c->udata_len, UDATA_COMMENT);
	if (!c->has_hook)
		return d;
	d->type = c->type ? c->type : "filter";
	d->hook = hook_name(c->family, c->hooknum);
	d->prio = prio_words(a, c->family, c->hooknum, c->prio);
	d->prio_value = c->prio;
	d->policy = word(a, c->policy == NF_DROP ? "drop" : "accept");
	devices(a, &d->devices, c->devs, c->ndevs);
	return d;
}

struct flowtable_decl *lift_flowtable(struct arena *a, const struct nl_flowtable *f)
{
	struct flowtable_decl *d = arena_alloc(a, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = f->name ? f->name : "";
	d->handle = f->handle;
	d->hook = hook_name(NFPROTO_NETDEV, f->hooknum);
	d->prio = prio_words(a, NFPROTO_NETDEV, f->hooknum, f->prio);
	d->prio_value = f->prio;
	d->flags = f->flags;
	devices(a, &d->devices, f->devs, f->ndevs);
	return d;
}

/* ---------------------------------------------------------------- sets */

/* The datatypes a `type` line names: a value per type id (its dtype NULL for an id
 * nftc does not know), a concatenation of them, or the verdict type. */
static struct expr *type_names(struct arena *a, uint32_t id)
{
	struct expr *e;
	if (id == NFT_DATA_VERDICT || id < (1u << TYPE_BITS)) {
		e = expr_alloc(a, EXPR_VALUE, NULL);
		e->dtype = id == NFT_DATA_VERDICT ? &dt_verdict : datatype_by_id(id);
		return e;
	}
	uint32_t ids[8];
	unsigned n = datatype_id_split(id, ids);
	e = expr_alloc(a, EXPR_CONCAT, NULL);
	for (unsigned i = 0; i < n; i++) {
		struct expr *part = expr_alloc(a, EXPR_VALUE, NULL);
		part->dtype = datatype_by_id(ids[i]);
		expr_list_add(a, &e->list, part);
	}
	return e;
}

struct set_decl *lift_set_decl(struct arena *a, const struct nl_set *s)
{
	struct set_decl *d = arena_alloc(a, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = s->name;
	d->handle = s->handle;
	d->is_map = s->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
	d->flags = s->flags;
	d->policy = s->policy;
	d->has_policy = s->policy == NFT_SET_POL_MEMORY;
	d->size = s->desc_size;
	d->count = s->count;
	d->timeout = s->timeout;
	d->gc_interval = s->gc_interval;
	d->comment = tlv_str(a, s->udata, s->udata_len, UDATA_SET_COMMENT);
	uint32_t merge = 0;
	d->auto_merge = tlv_u32(s->udata, s->udata_len, UDATA_SET_MERGE_ELEMENTS, &merge) && merge;

	/* typeof when the userdata says how the key (and the data) were written */
	bool map = s->flags & NFT_SET_MAP;
	bool verdict = s->data_type == NFT_DATA_VERDICT;
	struct expr *key = lift_set_typeof(a, s->udata, s->udata_len, UDATA_SET_KEY_TYPEOF);
	struct expr *data = map && !verdict
		? lift_set_typeof(a, s->udata, s->udata_len, UDATA_SET_DATA_TYPEOF) : NULL;
	if (key && (!map || verdict || data)) {
		d->key = key;
		d->key_typeof = true;
		d->data = data;
		d->data_typeof = data != NULL;
	} else {
		d->key = type_names(a, s->key_type);
	}
	if (map && !d->data)
		d->data = type_names(a, s->data_type);
	/* `type ipv4_addr : interval ipv4_addr`: the data are ranges (nat maps) */
	uint32_t dint = 0;
	if (map && d->data && tlv_u32(s->udata, s->udata_len, UDATA_SET_DATA_INTERVAL, &dint) &&
	    dint)
		d->data->flags |= EXPR_F_INTERVAL;
	if (s->flags & NFT_SET_OBJECT)
		d->data_objtype = s->objtype;

	/* set-wide stateful expressions: the printers show them stateless (`counter`) */
	if (s->exprs && s->exprs->n) {
		struct lift_ctx lc = { .arena = a, .family = s->family };
		d->stmts = lift_exprs_stmts(&lc, s->exprs);
	}
	return d;
}

/* ---------------------------------------------------------------- named objects */

static uint32_t l3proto_of(const struct vm_expr *e, unsigned attr, uint32_t family)
{
	return vm_has(e, attr) ? (uint32_t)vm_get_u(e, attr) : family;
}

/* The states of a ct timeout policy whose value is not nft's default, as mappings of
 * state words to numbers of seconds. */
static void timeout_policy(struct arena *a, const struct nl_obj *o, struct obj_decl *d)
{
	const struct obj_timeouts *t = obj_timeouts(o);
	const struct ct_timeout_proto *p =
		ct_timeout_proto((uint8_t)vm_get_u(&o->data, NFTA_CT_TIMEOUT_L4PROTO));
	for (unsigned i = 1; t && p && i <= p->nstates; i++) {
		if (!((t->present >> i) & 1) || t->v[i] == p->dflt[i - 1])
			continue;
		expr_list_add(a, &d->policy,
			      expr_bin(a, EXPR_MAPPING, NULL, word(a, p->names[i - 1]), 0,
				       word(a, arena_printf(a, "%u", t->v[i]))));
	}
}

struct obj_decl *lift_obj(struct arena *a, const struct nl_obj *o)
{
	const struct vm_expr *e = &o->data;
	struct obj_decl *d = arena_alloc(a, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->name = o->name ? o->name : "";
	d->type = o->type;
	d->handle = o->handle;
	d->comment = tlv_str(a, o->udata, o->udata_len, UDATA_COMMENT);
	struct stmt *s = NULL;
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		s = stmt_alloc(a, STMT_COUNTER, NULL);
		s->counter.packets = vm_get_u(e, NFTA_COUNTER_PACKETS);
		s->counter.bytes = vm_get_u(e, NFTA_COUNTER_BYTES);
		break;
	case NFT_OBJECT_QUOTA:
		s = stmt_alloc(a, STMT_QUOTA, NULL);
		s->quota.bytes = vm_get_u(e, NFTA_QUOTA_BYTES);
		s->quota.used = vm_get_u(e, NFTA_QUOTA_CONSUMED);
		s->quota.flags = (uint32_t)vm_get_u(e, NFTA_QUOTA_FLAGS);
		break;
	case NFT_OBJECT_LIMIT:
		s = stmt_alloc(a, STMT_LIMIT, NULL);
		s->limit.rate = vm_get_u(e, NFTA_LIMIT_RATE);
		s->limit.unit = vm_get_u(e, NFTA_LIMIT_UNIT);
		s->limit.burst = (uint32_t)vm_get_u(e, NFTA_LIMIT_BURST);
		s->limit.type = (uint32_t)vm_get_u(e, NFTA_LIMIT_TYPE);
		s->limit.flags = (uint32_t)vm_get_u(e, NFTA_LIMIT_FLAGS);
		break;
	case NFT_OBJECT_SYNPROXY:
		s = stmt_alloc(a, STMT_SYNPROXY, NULL);
		s->misc.a = (uint32_t)vm_get_u(e, NFTA_SYNPROXY_MSS);
		s->misc.b = (uint32_t)vm_get_u(e, NFTA_SYNPROXY_WSCALE);
		s->misc.flags = (uint32_t)vm_get_u(e, NFTA_SYNPROXY_FLAGS);
		break;
	case NFT_OBJECT_CT_HELPER:
		d->str = vm_get_str(e, NFTA_CT_HELPER_NAME) ? vm_get_str(e, NFTA_CT_HELPER_NAME) : "";
		d->l4proto = (uint8_t)vm_get_u(e, NFTA_CT_HELPER_L4PROTO);
		d->l3proto = l3proto_of(e, NFTA_CT_HELPER_L3PROTO, o->family);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		d->l4proto = (uint8_t)vm_get_u(e, NFTA_CT_TIMEOUT_L4PROTO);
		d->l3proto = l3proto_of(e, NFTA_CT_TIMEOUT_L3PROTO, o->family);
		timeout_policy(a, o, d);
		break;
	case NFT_OBJECT_CT_EXPECT:
		d->l4proto = (uint8_t)vm_get_u(e, NFTA_CT_EXPECT_L4PROTO);
		d->dport = (uint16_t)vm_get_u(e, NFTA_CT_EXPECT_DPORT);
		d->timeout = (uint32_t)vm_get_u(e, NFTA_CT_EXPECT_TIMEOUT);
		d->size = (uint8_t)vm_get_u(e, NFTA_CT_EXPECT_SIZE);
		d->l3proto = l3proto_of(e, NFTA_CT_EXPECT_L3PROTO, o->family);
		break;
	case NFT_OBJECT_SECMARK:
		d->str = vm_get_str(e, NFTA_SECMARK_CTX) ? vm_get_str(e, NFTA_SECMARK_CTX) : "";
		break;
	default:
		break;
	}
	d->stmt = s;
	return d;
}
