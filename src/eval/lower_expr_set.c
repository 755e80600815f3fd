/* Anonymous sets and maps (`tcp dport { 22, 80 }`, `... vmap { 22 : accept }`):
 * an nl_set named __set%d / __map%d, anonymous and constant, interval when an
 * element is a range or prefix (concatenated ranges also take the concat flag and
 * per-field lengths), with the key/data types, an NFTA_SET_ID for the lookup in the
 * same batch, and the byte-order userdata nft writes; then its elements. Both go
 * to rc->out before the rule. Anonymous object maps (__objmap%d, `counter name ip
 * saddr map { ... }`) are made the same way, their elements naming objects. */
#include <string.h>
#include <linux/netlink.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "udata.h"

static void lowered_push(struct rule_ctx *rc, enum lowered_kind kind, uint16_t msg,
			 struct nl_set *set)
{
	lowered_append(rc->ec->arena, rc->out, kind, msg, NLM_F_CREATE)->set = set;
}

static void udata_u32(uint8_t *buf, uint32_t *len, uint8_t type, uint32_t v)
{
	buf[*len] = type;
	buf[*len + 1] = 4;
	memcpy(buf + *len + 2, &v, 4);
	*len += 6;
}

/* objtype: an object map's NFT_OBJECT_* (its elements name objects), else 0 */
static struct nl_set *anon_set(struct rule_ctx *rc, struct expr *set, struct expr *key,
			       struct expr *data, bool is_vmap, uint32_t objtype)
{
	struct eval_ctx *ec = rc->ec;
	struct nl_set *s = arena_alloc(ec->arena, sizeof(*s));
	struct lhs_shape sh;
	bool is_map = is_vmap || data;
	struct expr *dtmpl = data;

	if (is_vmap && !dtmpl) {
		dtmpl = expr_alloc(ec->arena, EXPR_VERDICT, &set->loc);
		dtmpl->dtype = &dt_verdict;
	}
	s->family = rc->family;
	s->table = rc->table;
	s->name = objtype ? "__objmap%d" : is_map ? "__map%d" : "__set%d";
	s->flags = NFT_SET_ANONYMOUS | NFT_SET_CONSTANT | (is_map ? NFT_SET_MAP : 0) |
		   (objtype ? NFT_SET_OBJECT : 0);
	if (objtype) {
		s->objtype = objtype;
		s->present |= 1u << NFTA_SET_OBJ_TYPE;
	}
	if (set_elems_have_ranges(set)) {
		s->flags |= NFT_SET_INTERVAL;
		if (key->kind == EXPR_CONCAT)
			s->flags |= NFT_SET_CONCAT;
	}
	lhs_shape_of(key, &sh);
	s->key_type = key_type_of(key);
	s->key_len = sh.bytes;
	if (ec->next_set_id == 0)
		ec->next_set_id = 1;
	s->id = ec->next_set_id++;
	s->present |= 1u << NFTA_SET_TABLE | 1u << NFTA_SET_NAME | 1u << NFTA_SET_FLAGS |
		     1u << NFTA_SET_KEY_TYPE | 1u << NFTA_SET_KEY_LEN | 1u << NFTA_SET_ID;
	if (is_vmap) {
		s->data_type = NFT_DATA_VERDICT;
		s->data_len = 0;
		s->present |= 1u << NFTA_SET_DATA_TYPE | 1u << NFTA_SET_DATA_LEN;
	} else if (data) {
		struct lhs_shape dsh;
		lhs_shape_of(data, &dsh);
		s->data_type = key_type_of(data);
		s->data_len = dsh.bytes;
		s->present |= 1u << NFTA_SET_DATA_TYPE | 1u << NFTA_SET_DATA_LEN;
	}
	if (key->kind == EXPR_CONCAT && (s->flags & NFT_SET_CONCAT)) {
		/* field lengths only for concatenated ranges (the kernel's pipapo) */
		for (uint32_t i = 0; i < key->list.n && i < 16; i++) {
			struct lhs_shape csh;
			lhs_shape_of(key->list.v[i], &csh);
			s->field_len[i] = (uint8_t)csh.bytes;
		}
		s->nfields = key->list.n < 16 ? key->list.n : 16;
		s->present |= 1u << NFTA_SET_DESC;
	}
	/* userdata: key (and data) byte order, so listings read host-order keys back */
	uint8_t *u = arena_alloc(ec->arena, 16);
	uint32_t ul = 0;
	if (key->kind != EXPR_CONCAT)
		udata_u32(u, &ul, UDATA_SET_KEYBYTEORDER, sh.bo);
	if (data && data->kind != EXPR_CONCAT) {
		struct lhs_shape dsh;
		lhs_shape_of(data, &dsh);
		udata_u32(u, &ul, UDATA_SET_DATABYTEORDER, dsh.bo);
	}
	if (ul) {
		s->udata = u;
		s->udata_len = ul;
		s->present |= 1u << NFTA_SET_USERDATA;
	}
	if (eval_lower_elems(ec, rc->family, set, key, dtmpl, s) < 0)
		return NULL;
	/* data wider than the map's (a range or prefix where one value goes, `: 80/3`)
	 * is sent as it is: the kernel refuses it, as it refuses nft's */
	/* no size: nft 1.1 sends an anonymous set's declaration without NFTA_SET_DESC_SIZE
	 * (1.0 sent its element count); a concatenation's field lengths still go */
	lowered_push(rc, LOWERED_SET, NFT_MSG_NEWSET, s);
	lowered_push(rc, LOWERED_ELEMS, NFT_MSG_NEWSETELEM, s);
	return s;
}

struct nl_set *lower_anon_set(struct rule_ctx *rc, struct expr *set, struct expr *key,
			      struct expr *data, bool is_vmap)
{
	return anon_set(rc, set, key, data, is_vmap, 0);
}

struct nl_set *lower_anon_objmap(struct rule_ctx *rc, struct expr *set, struct expr *key,
				 uint32_t objtype)
{
	return anon_set(rc, set, key, NULL, false, objtype);
}
