/* Chain declarations → nl_chain: hooks, types, priorities, policy and devices,
 * checked the way nft checks them (messages and locations as nft prints them). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_chain.h"
#include "../types/hooks.h"
#include "udata.h"

#define FAM(x) (1u << (x))
#define FAM_INET_ALL (FAM(NFPROTO_IPV4) | FAM(NFPROTO_IPV6) | FAM(NFPROTO_INET))

/* Chain types and the families that have them (for reference: as nft, nftc leaves a
 * type/family mismatch to the kernel, which answers EOPNOTSUPP/ENOENT). */
struct chain_type_row {
	const char *name;
	uint32_t families;
};

static const struct chain_type_row chain_type_rows[] = {
	{ "filter", FAM_INET_ALL | FAM(NFPROTO_ARP) | FAM(NFPROTO_BRIDGE) | FAM(NFPROTO_NETDEV) },
	{ "nat", FAM_INET_ALL },
	{ "route", FAM(NFPROTO_IPV4) | FAM(NFPROTO_IPV6) },
};

/* "filter", "filter + 10", "mangle-5", "-150", "0x10". */
static bool prio_parse_text(uint32_t family, uint32_t hook, const char *s, int32_t *out)
{
	while (*s == ' ' || *s == '\t')
		s++;
	const char *p = s;
	int64_t base = 0;
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			p++;
		int32_t v;
		if (!prio_std_value(family, hook, s, (size_t)(p - s), &v))
			return false;
		base = v;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0') {
			*out = (int32_t)base;
			return true;
		}
		if (*p != '+' && *p != '-')
			return false;
		int sign = *p == '-' ? -1 : 1;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		char *end;
		unsigned long long off = strtoull(p, &end, 0);
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end || off > 0x7fffffffULL)
			return false;
		int64_t v64 = base + sign * (int64_t)off;
		if (v64 < INT32_MIN || v64 > INT32_MAX)
			return false;
		*out = (int32_t)v64;
		return true;
	}
	char *end;
	long long v = strtoll(p, &end, 0);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == p || *end || v < INT32_MIN || v > INT32_MAX)
		return false;
	*out = (int32_t)v;
	return true;
}

static int eval_prio(struct eval_ctx *ctx, uint32_t family, uint32_t hook,
		     struct chain_decl *d, int32_t *out)
{
	struct expr *e = d->prio;
	const struct loc *loc = d->prio_loc.src ? &d->prio_loc : &d->loc;
	if (!e)
		return diag_error(ctx->errs, &d->loc,
				  "Missing `priority' in this chain definition");
	if (e->kind == EXPR_SYMBOL && e->sym.str &&
	    prio_parse_text(family, hook, e->sym.str, out))
		return 0;
	if (e->kind == EXPR_VALUE) {
		if (e->dtype && e->dtype->id == TYPE_STRING) {
			char buf[VALUE_MAX + 1];
			uint32_t n = (e->len + 7) / 8;
			if (n > VALUE_MAX)
				n = VALUE_MAX;
			memcpy(buf, e->value.bytes, n);
			buf[n] = '\0';
			if (prio_parse_text(family, hook, buf, out))
				return 0;
		} else {
			uint64_t v = value_get_uint(&e->value, e->byteorder ? e->byteorder
								   : BYTEORDER_HOST);
			*out = (int32_t)(uint32_t)v;
			return 0;
		}
	}
	return diag_error(ctx->errs, loc, "invalid priority expression value in this context.");
}

static int eval_policy(struct eval_ctx *ctx, struct expr *e, uint32_t *out)
{
	if (e->kind == EXPR_VERDICT &&
	    (e->verdict.code == NF_ACCEPT || e->verdict.code == NF_DROP)) {
		*out = (uint32_t)e->verdict.code;
		return 0;
	}
	if (e->kind == EXPR_SYMBOL && e->sym.str) {
		if (!strcmp(e->sym.str, "accept")) {
			*out = NF_ACCEPT;
			return 0;
		}
		if (!strcmp(e->sym.str, "drop")) {
			*out = NF_DROP;
			return 0;
		}
	}
	if (e->kind == EXPR_VALUE) {
		uint64_t v = value_get_uint(&e->value, BYTEORDER_HOST);
		if (v == NF_ACCEPT || v == NF_DROP) {
			*out = (uint32_t)v;
			return 0;
		}
	}
	return diag_error(ctx->errs, &e->loc, "invalid policy expression %s",
			  e->kind == EXPR_SYMBOL && e->sym.str ? e->sym.str : "");
}

/* Devices may be written as symbols, strings, lists or a set from a variable. */
static int collect_devices(struct eval_ctx *ctx, struct expr *e, const char ***devs,
			   uint32_t *n, uint32_t *cap)
{
	switch (e->kind) {
	case EXPR_SET:
	case EXPR_LIST:
	case EXPR_CONCAT:
		for (uint32_t i = 0; i < e->list.n; i++)
			if (collect_devices(ctx, e->list.v[i], devs, n, cap) < 0)
				return -1;
		return 0;
	case EXPR_SET_ELEM:
		return e->elem.key ? collect_devices(ctx, e->elem.key, devs, n, cap) : 0;
	case EXPR_SYMBOL:
	case EXPR_VALUE: {
		const char *name;
		if (e->kind == EXPR_SYMBOL) {
			name = e->sym.str;
		} else {
			uint32_t len = (e->len + 7) / 8;
			if (len > VALUE_MAX)
				len = VALUE_MAX;
			name = arena_strndup(ctx->arena, (const char *)e->value.bytes, len);
		}
		if (!name || !*name)
			return diag_error(ctx->errs, &e->loc, "invalid device name");
		if (strlen(name) >= 16)
			return diag_error(ctx->errs, &e->loc,
					  "Device name %s is too long", name);
		if (*n == *cap) {
			uint32_t nc = *cap ? *cap * 2 : 4;
			*devs = arena_grow(ctx->arena, *devs, *cap, nc, sizeof(**devs));
			*cap = nc;
		}
		(*devs)[(*n)++] = name;
		return 0;
	}
	default:
		return diag_error(ctx->errs, &e->loc, "invalid device expression");
	}
}

int eval_chain_decl(struct eval_ctx *ctx, uint32_t family, struct chain_decl *d,
		    struct nl_chain *out)
{
	if (udata_comment(ctx->arena, d->comment, &out->udata, &out->udata_len) < 0)
		return diag_error(ctx->errs, &d->loc, "comment too long, %d characters maximum allowed",
				  UDATA_COMMENT_MAXLEN);
	if (out->udata)
		out->present |= 1u << NFTA_CHAIN_USERDATA;
	if (d->flags) {
		out->flags = d->flags;
		out->present |= 1u << NFTA_CHAIN_FLAGS;
	}
	if (!d->hook && !d->type && d->devices.n)
		return diag_error(ctx->errs, &d->loc, "This chain has devices but no hook: only a "
				  "base chain (`type … hook …`) is bound to devices");
	if (!d->hook && !d->type) {
		/* a policy on a regular chain is refused by the kernel (EOPNOTSUPP), as nft */
		if (d->policy) {
			if (eval_policy(ctx, d->policy, &out->policy) < 0)
				return -1;
			out->present |= 1u << NFTA_CHAIN_POLICY;
		}
		return 0;
	}

	const struct loc *type_loc = d->type_loc.src ? &d->type_loc : &d->loc;
	const struct loc *hook_loc = d->hook_loc.src ? &d->hook_loc : &d->loc;
	const char *type = d->type ? d->type : "filter";
	const struct chain_type_row *tr = NULL;
	for (size_t i = 0; i < sizeof(chain_type_rows) / sizeof(chain_type_rows[0]); i++)
		if (!strcmp(chain_type_rows[i].name, type))
			tr = &chain_type_rows[i];
	if (!tr)
		return diag_error(ctx->errs, type_loc, "unknown chain type");
	if (!d->hook)
		return diag_error(ctx->errs, &d->loc, "Missing `hook' in this chain definition");
	int hook = hook_by_name(family, d->hook);
	if (hook < 0)
		return diag_error(ctx->errs, hook_loc, "unknown chain hook");

	int32_t prio;
	if (eval_prio(ctx, family, (uint32_t)hook, d, &prio) < 0)
		return -1;

	const char **devs = NULL;
	uint32_t ndevs = 0, cap = 0;
	for (uint32_t i = 0; i < d->devices.n; i++)
		if (collect_devices(ctx, d->devices.v[i], &devs, &ndevs, &cap) < 0)
			return -1;
	bool needs_dev = family == NFPROTO_NETDEV || (family == NFPROTO_INET && hook == 5);
	if (needs_dev && ndevs == 0)
		return diag_error(ctx->errs, &d->loc, "Missing `device' in this chain definition");
	if (!needs_dev && ndevs)
		return diag_error(ctx->errs, &d->loc,
				  "This chain type cannot be bound to device");

	out->has_hook = true;
	out->hooknum = (uint32_t)hook;
	out->prio = prio;
	out->type = type;
	out->devs = devs;
	out->ndevs = ndevs;
	out->present |= (1u << NFTA_CHAIN_HOOK) | (1u << NFTA_CHAIN_TYPE);
	if (d->policy) {
		if (eval_policy(ctx, d->policy, &out->policy) < 0)
			return -1;
		out->present |= 1u << NFTA_CHAIN_POLICY;
	}
	return 0;
}
