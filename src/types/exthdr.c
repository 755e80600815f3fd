/* Tables of IPv6 extension headers, TCP options, IPv4 options and SCTP chunks: one row per header
 * (name, NFT_EXTHDR_OP_*, type number) with its field rows (bits from the header or
 * option start). Read by parser, eval, lower and lift through exthdr.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "exthdr.h"
#include "proto_impl.h"

/* ---- IPv6 extension headers (NFT_EXTHDR_OP_IPV6, type = next-header value) */
#define NL F("nexthdr", &dt_inet_protocol, 0, 8), F("hdrlength", &dt_integer, 8, 8)
/* hop-by-hop and destination options: the common start and nothing more */
static const struct proto_field ext_nl[] = { NL, END };
static const struct proto_field rt_fields[] = {
	NL, F("type", &dt_integer, 16, 8), F("seg-left", &dt_integer, 24, 8), END,
};
/* type 0 and type 2 routing data: a reserved word, then the address(es) */
static const struct proto_field rt_addr_fields[] = {
	F("reserved", &dt_integer, 32, 32), F("addr", &dt_ip6addr, 64, 128), END,
};
static const struct proto_field srh_fields[] = {
	F("last-entry", &dt_integer, 32, 8), F("flags", &dt_integer, 40, 8),
	F("tag", &dt_integer, 48, 16), F("sid", &dt_ip6addr, 64, 128), END,
};
static const struct proto_field frag_fields[] = {
	F("nexthdr", &dt_inet_protocol, 0, 8), F("reserved", &dt_integer, 8, 8),
	F("frag-off", &dt_integer, 16, 13), F("reserved2", &dt_integer, 29, 2),
	F("more-fragments", &dt_integer, 31, 1), F("id", &dt_integer, 32, 32), END,
};
static const struct proto_field mh_fields[] = {
	NL, F("type", &dt_mh_type, 16, 8), F("reserved", &dt_integer, 24, 8),
	F("checksum", &dt_integer, 32, 16), END,
};

/* ---- TCP options (NFT_EXTHDR_OP_TCPOPT, type = option kind) */
#define KL F("kind", &dt_tcpopt_kind, 0, 8), F("length", &dt_integer, 8, 8)
static const struct proto_field opt_kind_only[] = { F("kind", &dt_tcpopt_kind, 0, 8), END };
static const struct proto_field opt_kl[] = { KL, END };
static const struct proto_field opt_maxseg[] = { KL, F("size", &dt_integer, 16, 16), END };
static const struct proto_field opt_window[] = { KL, F("count", &dt_integer, 16, 8), END };
static const struct proto_field opt_sack0[] = {
	KL, F("left", &dt_integer, 16, 32), F("right", &dt_integer, 48, 32), END,
};
static const struct proto_field opt_sack1[] = {
	KL, F("left", &dt_integer, 80, 32), F("right", &dt_integer, 112, 32), END,
};
static const struct proto_field opt_sack2[] = {
	KL, F("left", &dt_integer, 144, 32), F("right", &dt_integer, 176, 32), END,
};
static const struct proto_field opt_sack3[] = {
	KL, F("left", &dt_integer, 208, 32), F("right", &dt_integer, 240, 32), END,
};
static const struct proto_field opt_timestamp[] = {
	KL, F("tsval", &dt_integer, 16, 32), F("tsecr", &dt_integer, 48, 32), END,
};
static const struct proto_field opt_mptcp[] = {
	KL, F("subtype", &dt_mptcp_subtype, 16, 4), END,
};

/* ---- SCTP chunks (NFT_EXTHDR_OP_SCTP, type = chunk type) */
#define CH F("type", &dt_integer, 0, 8), F("flags", &dt_integer, 8, 8), F("length", &dt_integer, 16, 16)
static const struct proto_field ch_common[] = { CH, END };
static const struct proto_field ch_data[] = {
	CH, F("tsn", &dt_integer, 32, 32), F("stream", &dt_integer, 64, 16),
	F("ssn", &dt_integer, 80, 16), F("ppid", &dt_integer, 96, 32), END,
};
static const struct proto_field ch_init[] = {
	CH, F("init-tag", &dt_integer, 32, 32), F("a-rwnd", &dt_integer, 64, 32),
	F("num-outbound-streams", &dt_integer, 96, 16),
	F("num-inbound-streams", &dt_integer, 112, 16),
	F("initial-tsn", &dt_integer, 128, 32), END,
};
static const struct proto_field ch_sack[] = {
	CH, F("cum-tsn-ack", &dt_integer, 32, 32), F("a-rwnd", &dt_integer, 64, 32),
	F("num-gap-ack-blocks", &dt_integer, 96, 16), F("num-dup-tsns", &dt_integer, 112, 16),
	END,
};
static const struct proto_field ch_cumtsn[] = { CH, F("cum-tsn-ack", &dt_integer, 32, 32), END };
static const struct proto_field ch_lowtsn[] = { CH, F("lowest-tsn", &dt_integer, 32, 32), END };
static const struct proto_field ch_seqno[] = { CH, F("seqno", &dt_integer, 32, 32), END };
static const struct proto_field ch_fwdtsn[] = { CH, F("new-cum-tsn", &dt_integer, 32, 32), END };

/* ---- IPv4 options (NFT_EXTHDR_OP_IPV4, type = option type) */
#define TL F("type", &dt_integer, 0, 8), F("length", &dt_integer, 8, 8)
static const struct proto_field ipopt_route[] = {
	TL, F("ptr", &dt_integer, 16, 8), F("addr", &dt_ipaddr, 24, 32), END,
};
static const struct proto_field ipopt_ra[] = { TL, F("value", &dt_integer, 16, 16), END };

#define V6(n, t, st, f, stride) { n, NFT_EXTHDR_OP_IPV6, t, st, f, stride }
#define TO(n, t, f) { n, NFT_EXTHDR_OP_TCPOPT, t, -1, f, 0 }
#define SC(n, t, f) { n, NFT_EXTHDR_OP_SCTP, t, -1, f, 0 }
#define IO(n, t, f) { n, NFT_EXTHDR_OP_IPV4, t, -1, f, 0 }

static const struct exthdr_desc exthdrs[] = {
	V6("hbh", 0, -1, ext_nl, 0),
	V6("rt", 43, -1, rt_fields, 0),
	V6("rt0", 43, 0, rt_addr_fields, 128),
	V6("rt2", 43, 2, rt_addr_fields, 0),
	V6("srh", 43, 4, srh_fields, 128),
	V6("frag", 44, -1, frag_fields, 0),
	V6("dst", 60, -1, ext_nl, 0),
	V6("mh", 135, -1, mh_fields, 0),
	TO("eol", 0, opt_kind_only),
	TO("nop", 1, opt_kind_only),
	TO("maxseg", 2, opt_maxseg),
	TO("window", 3, opt_window),
	TO("sack-perm", 4, opt_kl),
	TO("sack", 5, opt_sack0),
	TO("sack0", 5, opt_sack0),
	TO("sack1", 5, opt_sack1),
	TO("sack2", 5, opt_sack2),
	TO("sack3", 5, opt_sack3),
	TO("timestamp", 8, opt_timestamp),
	TO("md5sig", 19, opt_kl),
	TO("mptcp", 30, opt_mptcp),
	TO("fastopen", 34, opt_kl),
	SC("data", 0, ch_data),
	SC("init", 1, ch_init),
	SC("init-ack", 2, ch_init),
	SC("sack", 3, ch_sack),
	SC("heartbeat", 4, ch_common),
	SC("heartbeat-ack", 5, ch_common),
	SC("abort", 6, ch_common),
	SC("shutdown", 7, ch_cumtsn),
	SC("shutdown-ack", 8, ch_common),
	SC("error", 9, ch_common),
	SC("cookie-echo", 10, ch_common),
	SC("cookie-ack", 11, ch_common),
	SC("ecne", 12, ch_lowtsn),
	SC("cwr", 13, ch_lowtsn),
	SC("shutdown-complete", 14, ch_common),
	SC("asconf-ack", 128, ch_seqno),
	SC("forward-tsn", 192, ch_fwdtsn),
	SC("asconf", 193, ch_seqno),
	IO("rr", 7, ipopt_route),
	IO("lsrr", 131, ipopt_route),
	IO("ssrr", 137, ipopt_route),
	IO("ra", 148, ipopt_ra),
	{ NULL, 0, 0, 0, NULL, 0 },
};

const struct exthdr_desc *exthdr_desc_by_name(uint32_t op, const char *name)
{
	for (const struct exthdr_desc *d = exthdrs; d->name; d++)
		if (d->op == op && !strcmp(d->name, name))
			return d;
	return NULL;
}

const struct exthdr_desc *exthdr_desc_by_type(uint32_t op, uint32_t type)
{
	const struct exthdr_desc *found = NULL;
	for (const struct exthdr_desc *d = exthdrs; d->name; d++)
		if (d->op == op && d->type == type && (!found || (found->subtype >= 0 && d->subtype < 0)))
			found = d;
	return found;
}

const struct proto_field *exthdr_field(const struct exthdr_desc *d, const char *name,
				       uint32_t *offset_bits)
{
	size_t n = strcspn(name, "[");
	for (const struct proto_field *f = d->fields; f->name; f++) {
		if (strlen(f->name) != n || strncmp(f->name, name, n))
			continue;
		uint32_t off = f->offset;
		if (name[n] == '[') {
			char *end;
			unsigned long idx = strtoul(name + n + 1, &end, 10);
			if (!d->array_stride || idx < 1 || idx > 255 || strcmp(end, "]"))
				return NULL;
			off += (uint32_t)(idx - 1) * d->array_stride;
		}
		if (offset_bits)
			*offset_bits = off;
		return f;
	}
	return NULL;
}

const struct proto_field *exthdr_field_at(const struct exthdr_desc *d, uint32_t offset_bits,
					  uint32_t len_bits)
{
	for (const struct proto_field *f = d->fields; f->name; f++)
		if (f->offset == offset_bits && f->len == len_bits)
			return f;
	return NULL;
}

/* ---- nft's numbering in `typeof` set userdata */

/* nft's ids of the IPv6 extension headers whose field list starts, as nft's does,
 * with the common nexthdr/hdrlength pair (rt0, rt2 and srh do not: not numbered). */
static const struct { const char *name; uint32_t id; } ipv6_typeof_ids[] = {
	{ "hbh", 1 }, { "rt", 2 }, { "frag", 6 }, { "dst", 7 }, { "mh", 8 },
};

/* nft numbers the fields of all IPv4 options in one list (0: invalid). */
static const char *const ipopt_typeof_fields[] = { "type", "length", "value", "ptr", "addr" };

/* The place in nft's template of field i of d; UINT32_MAX: none. */
static uint32_t typeof_field_place(const struct exthdr_desc *d, uint32_t i)
{
	if (d->op == NFT_EXTHDR_OP_IPV6)
		return i + 1;                    /* nft's 0: invalid */
	if (d->op != NFT_EXTHDR_OP_IPV4)
		return i;
	for (uint32_t k = 0; k < sizeof(ipopt_typeof_fields) / sizeof(ipopt_typeof_fields[0]); k++)
		if (!strcmp(ipopt_typeof_fields[k], d->fields[i].name))
			return k + 1;
	return UINT32_MAX;
}

/* A descriptor whose field positions are nft's: sack1..3 are one template in nft. */
static bool typeof_numbered(const struct exthdr_desc *d)
{
	return d->op != NFT_EXTHDR_OP_DCCP && d->subtype < 0 &&
	       (strncmp(d->name, "sack", 4) || !strcmp(d->name, "sack"));
}

bool exthdr_typeof_ids(const struct exthdr_desc *d, const char *field, uint32_t *desc_id,
		       uint32_t *field_idx)
{
	*desc_id = d->type;
	if (d->op == NFT_EXTHDR_OP_IPV6) {
		*desc_id = 0;
		for (size_t i = 0; i < sizeof(ipv6_typeof_ids) / sizeof(ipv6_typeof_ids[0]); i++)
			if (!strcmp(ipv6_typeof_ids[i].name, d->name))
				*desc_id = ipv6_typeof_ids[i].id;
		if (!*desc_id)
			return false;
	}
	if (!typeof_numbered(d))
		return false;
	for (uint32_t i = 0; d->fields[i].name; i++)
		if (!strcmp(d->fields[i].name, field)) {
			*field_idx = typeof_field_place(d, i);
			return *field_idx != UINT32_MAX;
		}
	return false;
}

const struct exthdr_desc *exthdr_by_typeof_ids(uint32_t op, uint32_t desc_id, uint32_t field_idx,
					       const struct proto_field **field)
{
	const struct exthdr_desc *d = NULL;
	if (op == NFT_EXTHDR_OP_IPV6) {
		for (size_t i = 0; i < sizeof(ipv6_typeof_ids) / sizeof(ipv6_typeof_ids[0]); i++)
			if (ipv6_typeof_ids[i].id == desc_id)
				d = exthdr_desc_by_name(op, ipv6_typeof_ids[i].name);
	} else if (op == NFT_EXTHDR_OP_TCPOPT && desc_id == 5) {
		d = exthdr_desc_by_name(op, "sack");
	} else {
		d = exthdr_desc_by_type(op, desc_id);
	}
	if (!d || !typeof_numbered(d))
		return NULL;
	for (uint32_t i = 0; d->fields[i].name; i++)
		if (typeof_field_place(d, i) == field_idx) {
			*field = &d->fields[i];
			return d;
		}
	return NULL;
}
