/* What an expression loads, as nft's JSON names it: `"payload": {"protocol": "tcp",
 * "field": "dport"}`, raw payloads by base, offset and length, extension headers and
 * options by name, meta and ct keys, and rt, fib, socket, osf, ipsec, numgen, jhash
 * and symhash with their parameters. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "json_int.h"
#include "../types/tunnel.h"

static const char *family_word(uint32_t nfproto)
{
	return nfproto == NFPROTO_IPV6 ? "ip6" : "ip";
}

static void payload(const struct expr *e, struct json_out *j)
{
	jo_kobj_open(j, "payload");
	if (e->payload.proto && e->payload.field && !e->payload.is_raw) {
		/* a field of the packet inside a tunnel names the tunnel first, as nft */
		if (e->payload.tunnel)
			jo_kstr(j, "tunnel", e->payload.tunnel->name);
		jo_kstr(j, "protocol", e->payload.proto->name);
		jo_kstr(j, "field", e->payload.field->name);
		if (!e->payload.tunnel && e->payload.base == PROTO_BASE_TUNNEL)
			jo_kstr(j, "tunnel", e->payload.proto->name);
	} else {
		static const char *const bases[] = { "ll", "nh", "th", "ih" };
		jo_kstr(j, "base", e->payload.base < 4 ? bases[e->payload.base] : "?");
		jo_kuint(j, "offset", e->payload.offset);
		jo_kuint(j, "len", e->len);
	}
	jo_obj_close(j);
}

/* the word after a prefix of the header text: "tcp option maxseg" → "maxseg" */
static const char *after(const char *hdr, const char *prefix)
{
	size_t n = strlen(prefix);
	return hdr && !strncmp(hdr, prefix, n) ? hdr + n : NULL;
}

void json_print_exthdr_members(const struct expr *e, uint32_t len, struct json_out *j)
{
	const char *hdr = e->exthdr.hdr ? e->exthdr.hdr : "";
	const char *name;
	switch (e->exthdr.op) {
	case NFT_EXTHDR_OP_TCPOPT:
		jo_kobj_open(j, "tcp option");
		name = after(hdr, "tcp option ");
		if (name && (*name == '@' || (*name >= '0' && *name <= '9'))) {
			/* a kind without a name: base, offset and length */
			jo_kuint(j, "base", e->exthdr.type);
			jo_kuint(j, "len", len);
			jo_kuint(j, "offset", e->exthdr.offset);
		} else {
			jo_kstr(j, "name", name ? name : hdr);
			if (e->exthdr.field)
				jo_kstr(j, "field", e->exthdr.field);
		}
		break;
	case NFT_EXTHDR_OP_SCTP:
	case NFT_EXTHDR_OP_IPV4:
		jo_kobj_open(j, e->exthdr.op == NFT_EXTHDR_OP_SCTP ? "sctp chunk" : "ip option");
		name = after(hdr, e->exthdr.op == NFT_EXTHDR_OP_SCTP ? "sctp chunk " : "ip option ");
		jo_kstr(j, "name", name ? name : hdr);
		if (e->exthdr.field)
			jo_kstr(j, "field", e->exthdr.field);
		break;
	case NFT_EXTHDR_OP_DCCP:
		jo_kobj_open(j, "dccp option");
		jo_kuint(j, "type", e->exthdr.type);
		break;
	default:
		jo_kobj_open(j, "exthdr");
		name = after(hdr, "exthdr ");
		jo_kstr(j, "name", name ? name : hdr);
		if (e->exthdr.field)
			jo_kstr(j, "field", e->exthdr.field);
		break;
	}
	jo_obj_close(j);
}

static void ct(const struct expr *e, struct json_out *j)
{
	const struct ct_key *k = e->ct.key;
	uint32_t nfproto = ct_key_nfproto(k);
	jo_kobj_open(j, "ct");
	jo_key(j, "key");
	if (nfproto) {
		struct writer *w = jo_str_open(j);
		wr_printf(w, "%s %s", family_word(nfproto), k->name);
		jo_str_close(j);
	} else {
		jo_str(j, k ? k->name : "unknown");
	}
	if (e->ct.dir == 0 && (!k || ct_key_prints_dir(k)))
		jo_kstr(j, "dir", "original");
	else if (e->ct.dir == 1)
		jo_kstr(j, "dir", "reply");
	jo_obj_close(j);
}

static void hash(const struct expr *e, const struct print_opts *po, struct json_out *j)
{
	bool sym = e->other.key == NFT_HASH_SYM;
	jo_kobj_open(j, sym ? "symhash" : "jhash");
	jo_kuint(j, "mod", e->other.mod);
	if (!sym && e->other.flags)
		jo_kuint(j, "seed", e->other.seed);
	if (e->other.offset)
		jo_kuint(j, "offset", e->other.offset);
	if (!sym && e->other.arg) {
		jo_key(j, "expr");
		json_print_expr(e->other.arg, po, j);
	}
	jo_obj_close(j);
}

static void fib(const struct expr *e, struct json_out *j)
{
	static const char *const results[] = { "unspec", "oif", "oifname", "type" };
	static const struct json_flag_name inputs[] = {
		{ NFTA_FIB_F_SADDR, "saddr" }, { NFTA_FIB_F_DADDR, "daddr" },
		{ NFTA_FIB_F_MARK, "mark" }, { NFTA_FIB_F_IIF, "iif" }, { NFTA_FIB_F_OIF, "oif" },
	};
	uint32_t k = e->other.key;
	jo_kobj_open(j, "fib");
	if (e->other.flags & NFTA_FIB_F_PRESENT)
		jo_kstr(j, "result", "check");
	else
		jo_kstr(j, "result", k < 4 ? results[k] : "unknown");
	json_print_kflags("flags", inputs, 5, e->other.flags, j);
	jo_obj_close(j);
}

/* rt, socket, osf, ipsec, numgen */
static void other(const struct expr *e, struct json_out *j)
{
	uint32_t k = e->other.key;
	switch (e->kind) {
	case EXPR_RT: {
		static const char *const keys[] = { "classid", "nexthop", "nexthop", "mtu", "ipsec" };
		jo_kobj_open(j, "rt");
		jo_kstr(j, "key", k < 5 ? keys[k] : "unknown");
		if (k == NFT_RT_NEXTHOP4 || k == NFT_RT_NEXTHOP6)
			jo_kstr(j, "family", k == NFT_RT_NEXTHOP6 ? "ip6" : "ip");
		break;
	}
	case EXPR_SOCKET: {
		static const char *const keys[] = { "transparent", "mark", "wildcard", "cgroupv2" };
		jo_kobj_open(j, "socket");
		jo_kstr(j, "key", k < 4 ? keys[k] : "unknown");   /* nft writes no level */
		break;
	}
	case EXPR_OSF: {
		static const char *const ttls[] = { NULL, "loose", "skip" };
		jo_kobj_open(j, "osf");
		jo_kstr(j, "key", e->other.flags & 1 ? "version" : "name");
		if (e->other.mod < 3 && ttls[e->other.mod])
			jo_kstr(j, "ttl", ttls[e->other.mod]);
		break;
	}
	case EXPR_XFRM: {
		static const char *const keys[] = { "unknown", "daddr", "daddr", "saddr", "saddr",
						    "reqid", "spi" };
		jo_kobj_open(j, "ipsec");
		jo_kstr(j, "key", k < 7 ? keys[k] : "unknown");
		if (k >= 1 && k <= 4)
			jo_kstr(j, "family", (k == 2 || k == 4) ? "ip6" : "ip");
		jo_kstr(j, "dir", e->other.flags ? "out" : "in");
		jo_kuint(j, "spnum", e->other.mod);
		break;
	}
	default:                /* EXPR_NUMGEN */
		jo_kobj_open(j, "numgen");
		jo_kstr(j, "mode", k == NFT_NG_RANDOM ? "random" : "inc");
		jo_kuint(j, "mod", e->other.mod);
		jo_kuint(j, "offset", e->other.offset);
		break;
	}
	jo_obj_close(j);
}

void json_print_load_members(const struct expr *e, const struct print_opts *po,
			     struct json_out *j)
{
	switch (e->kind) {
	case EXPR_PAYLOAD:
		payload(e, j);
		break;
	case EXPR_EXTHDR:
		json_print_exthdr_members(e, e->len, j);
		break;
	case EXPR_META:
		jo_kobj_open(j, "meta");
		jo_kstr(j, "key", e->meta.key ? e->meta.key->name : "unknown");
		jo_obj_close(j);
		break;
	case EXPR_CT:
		ct(e, j);
		break;
	case EXPR_HASH:
		hash(e, po, j);
		break;
	case EXPR_FIB:
		fib(e, j);
		break;
	default:
		other(e, j);
		break;
	}
}
