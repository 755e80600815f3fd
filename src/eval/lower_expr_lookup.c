/* Lookups: `key { ... }`, `key @set`, `key vmap { ... }`, `key map @m` — the key is
 * loaded field by field (sub-byte fields moved to bit 0 for named sets, host-order
 * fields converted for interval sets), the anonymous set built or the named one
 * checked against the key, then one lookup expression, with a data register for
 * maps or the verdict register for vmaps. */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "lower_expr.h"
#include "eval_set_decl.h"     /* set_template_from_type */

/* "IPv4 address", or "concatenation of (IPv4 address, internet network service)"
 * for a packed concatenation type id, as nft names types in its errors. */
static void type_desc(uint32_t id, char *buf, size_t n)
{
	uint32_t parts[8];
	unsigned np = datatype_id_split(id, parts);
	if (np <= 1) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)id);
		snprintf(buf, n, "%s", dt && dt->desc ? dt->desc : "unknown");
		return;
	}
	size_t o = (size_t)snprintf(buf, n, "concatenation of (");
	for (unsigned i = 0; i < np && o < n; i++) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)parts[i]);
		o += (size_t)snprintf(buf + o, n - o, "%s%s", dt && dt->desc ? dt->desc : "unknown",
				      i + 1 < np ? ", " : ")");
	}
}

/* How a lookup key is loaded: component by component, then each one fixed up. */
struct key_load {
	bool normalize;                  /* sub-byte fields moved down to bit 0 */
	bool hton;                       /* an interval set: keys in network order */
	const struct expr *keep_order;   /* a field nft shifts without ntoh (deps_emit_key) */
};

/* Named sets hold sub-byte fields at bit 0 (`type dscp`): after the mask, nft
 * converts the loaded bytes to host order and shifts the field down (`normalize`).
 * Interval sets hold big-endian keys, so host-order components (and fields converted
 * for the shift) are converted back (`hton`). */
static void key_part_fixup(struct rule_ctx *rc, struct expr *e, int reg,
			   const struct key_load *kl)
{
	struct lhs_shape sh;
	bool converted = false;

	lhs_shape_of(e, &sh);
	if (kl->normalize && (e->kind == EXPR_PAYLOAD || e->kind == EXPR_EXTHDR) && sh.shift) {
		if (sh.bytes > 1 && e != kl->keep_order) {
			emit_byteorder(rc, reg, NFT_BYTEORDER_NTOH, sh.bytes);
			converted = true;
		}
		emit_shift(rc, reg, sh.bytes, NFT_BITWISE_RSHIFT, sh.shift);
	}
	if (kl->hton && (converted || lhs_needs_hton(e, &sh)))
		emit_hton(rc, reg, sh.bytes);
}

static int load_key(struct rule_ctx *rc, struct expr *key, const struct key_load *kl)
{
	if (key->kind != EXPR_CONCAT) {
		int reg = lower_load_nodeps(rc, key);
		if (reg >= 0)
			key_part_fixup(rc, key, reg, kl);
		return reg;
	}
	int first = reg_alloc_concat(rc, key, &key->loc);
	if (first < 0)
		return -1;
	for (uint32_t i = 0; i < key->list.n; i++) {
		int reg = concat_part_reg(first, key, i);
		if (lower_load_at(rc, key->list.v[i], reg) < 0)
			return -1;
		key_part_fixup(rc, key->list.v[i], reg, kl);
	}
	return first;
}

const struct expr *set_ref_key(struct rule_ctx *rc, const struct expr *set)
{
	if (!set || set->kind != EXPR_SET_REF || !set->setref.name || !rc->ec->cache ||
	    !rc->ec->cache->find_set)
		return NULL;
	const struct known_set *ks = rc->ec->cache->find_set(rc->ec->cache_priv, rc->family,
							     rc->table, set->setref.name);
	if (!ks)
		return NULL;
	if (ks->key_expr)
		return ks->key_expr;
	return set_template_from_type(rc->ec, ks->key_type, ks->key_len);
}

/* lookups into an anonymous set, a named set, or a map (dreg >= 0) */
int lower_lookup(struct rule_ctx *rc, struct expr *key, struct expr *set, struct expr *data_tmpl,
		 bool is_vmap, bool inv, int dreg_len_bits)
{
	const char *name;
	uint32_t id = 0, flags = 0;
	struct lhs_shape sh;
	int reg, dreg = -1;

	if (key->kind == EXPR_CT && key->ct.key && !key->ct.key->dtype && !key->ct.nfproto)
		return diag_error(rc->ec->errs, &key->loc,
				  "specify either ip or ip6 for address matching");
	uint32_t saved = rc->reg_next;
	/* dependency sets come before this one */
	const struct expr *keep_order = deps_emit_key(rc, key);
	if (set->kind == EXPR_SET) {
		struct nl_set *ns = lower_anon_set(rc, set, key, data_tmpl, is_vmap);
		if (!ns)
			return -1;
		name = ns->name;
		id = ns->id;
		flags = ns->flags;
	} else if (set->kind == EXPR_SET_REF) {
		const struct known_set *ks = NULL;
		if (rc->ec->cache && rc->ec->cache->find_set)
			ks = rc->ec->cache->find_set(rc->ec->cache_priv, rc->family, rc->table,
						     set->setref.name);
		if (!ks)
			return diag_error(rc->ec->errs, &set->loc, "No such file or directory");
		lhs_shape_of(key, &sh);
		if (ks->key_len && ks->key_len != sh.bytes && ks->key_len != expr_bytes(key) &&
		    !(key->kind == EXPR_CONCAT && ks->key_len == key->len / 8)) {
			char want[160], have[160];
			type_desc(key_type_of(key), want, sizeof(want));
			type_desc(ks->key_type, have, sizeof(have));
			return diag_error(rc->ec->errs, &set->loc,
					  "datatype mismatch, expected %s, expression has type %s",
					  want, have);
		}
		if (is_vmap && ks->data_type != NFT_DATA_VERDICT && (ks->flags & NFT_SET_MAP)) {
			char have[160];
			type_desc(ks->data_type, have, sizeof(have));
			return diag_error(rc->ec->errs, &set->loc,
					  "datatype mismatch: expected netfilter verdict, "
					  "expression has type %s", have);
		}
		if ((is_vmap || data_tmpl) && !(ks->flags & NFT_SET_MAP))
			return diag_error(rc->ec->errs, &set->loc, "Expression is not a map");
		name = ks->name;
		flags = ks->flags;
	} else {
		return diag_error(rc->ec->errs, &set->loc, "Expected a set or a set reference");
	}
	/* named sets and concatenations hold sub-byte fields moved down to bit 0 */
	struct key_load kl = {
		.normalize = set->kind == EXPR_SET_REF || key->kind == EXPR_CONCAT,
		.hton = (flags & NFT_SET_INTERVAL) != 0,
		.keep_order = keep_order,
	};
	reg = load_key(rc, key, &kl);
	if (reg < 0)
		return -1;
	if (is_vmap) {
		dreg = VM_REG_VERDICT;
	} else if (dreg_len_bits > 0) {
		rc->reg_next = saved;
		dreg = rule_reg_alloc(rc, (uint32_t)dreg_len_bits);
	}
	emit_lookup(rc, reg, dreg, name, id, inv);
	if (!is_vmap && dreg_len_bits <= 0) {
		deps_learn_lookup(rc, key, inv);
		/* `ip protocol { tcp, udp }`: nft takes the last element as the
		 * protocol from here on (a later `tcp dport` conflicts with udp) */
		if (!inv && set->kind == EXPR_SET && set->list.n) {
			struct expr *last = set->list.v[set->list.n - 1];
			if (last->kind == EXPR_SET_ELEM)
				last = last->elem.key;
			deps_learn(rc, key, last);
		}
		/* `meta l4proto @set`: some transport header, which one unknown (nft
		 * accepts it as tproxy's dependency, and refuses `tcp dport` after it) */
		if (!inv && set->kind == EXPR_SET_REF && key->kind == EXPR_META &&
		    key->meta.key && key->meta.key->key == NFT_META_L4PROTO)
			rc->ps.transport = &proto_unknown_l4;
	}
	return dreg >= 0 ? dreg : reg;
}

