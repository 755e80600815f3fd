/* Printer: `typeof EXPR` of a set declaration, read back from the set's userdata
 * (NFTNL_UDATA_SET_KEY_TYPEOF / DATA_TYPEOF) in nft's encoding: nft's ids for the
 * expression kinds, protocol headers and header fields (1-based, template order). */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "print_int.h"
#include "../util/tlv.h"

enum { TYPEOF_EXPR = 0, TYPEOF_DATA = 1 };
enum { TO_EXPR_PAYLOAD = 7, TO_EXPR_META = 9, TO_EXPR_CT = 12, TO_EXPR_CONCAT = 13 };
enum { TO_PAYLOAD_DESC, TO_PAYLOAD_TYPE, TO_PAYLOAD_BASE, TO_PAYLOAD_OFFSET, TO_PAYLOAD_LEN };

/* nft's header ids and each header's fields in nft's template order */
static const struct {
	uint32_t id;
	const struct proto_desc *desc;
	const char *fields[12];
} typeof_protos[] = {
	{ 1, &proto_ah, { "nexthdr", "hdrlength", "reserved", "spi", "sequence" } },
	{ 2, &proto_esp, { "spi", "sequence" } },
	{ 3, &proto_comp, { "nexthdr", "flags", "cpi" } },
	{ 4, &proto_icmp, { "type", "code", "checksum", "id", "sequence", "gateway", "mtu" } },
	{ 5, &proto_igmp, { "type", "mrt", "checksum", "group" } },
	{ 6, &proto_udp, { "sport", "dport", "length", "checksum" } },
	{ 7, &proto_udplite, { "sport", "dport", "csumcov", "checksum" } },
	{ 8, &proto_tcp, { "sport", "dport", "sequence", "ackseq", "doff", "reserved", "flags",
			   "window", "checksum", "urgptr" } },
	{ 9, &proto_dccp, { "sport", "dport", "type" } },
	{ 10, &proto_sctp, { "sport", "dport", "vtag", "checksum" } },
	{ 11, &proto_th, { "sport", "dport" } },
	{ 12, &proto_ip, { "version", "hdrlength", "dscp", "ecn", "length", "id", "frag-off",
			   "ttl", "protocol", "checksum", "saddr", "daddr" } },
	{ 13, &proto_ip6, { "version", "dscp", "ecn", "flowlabel", "length", "nexthdr",
			    "hoplimit", "saddr", "daddr" } },
	{ 14, &proto_icmp6, { "type", "code", "checksum", "parameter-problem", "mtu", "id",
			      "sequence", "max-delay" } },
	{ 15, &proto_arp, { "htype", "ptype", "hlen", "plen", "operation", "saddr ether",
			    "saddr ip", "daddr ether", "daddr ip" } },
	{ 16, &proto_vlan, { "pcp", "dei", "cfi", "id", "type" } },
	{ 17, &proto_eth, { "daddr", "saddr", "type" } },
};

static bool print_payload_typeof(const uint8_t *d, uint32_t dl, struct writer *w)
{
	uint32_t id = 0, idx = 0;
	if (!tlv_u32(d, dl, TO_PAYLOAD_DESC, &id) || !tlv_u32(d, dl, TO_PAYLOAD_TYPE, &idx))
		return false;
	if (!id) {
		uint32_t base = 0, off = 0, len = 0;
		static const char *const bases[] = { "?", "ll", "nh", "th", "ih" };
		if (!tlv_u32(d, dl, TO_PAYLOAD_BASE, &base) || !tlv_u32(d, dl, TO_PAYLOAD_OFFSET, &off) ||
		    !tlv_u32(d, dl, TO_PAYLOAD_LEN, &len) || base > 4)
			return false;
		wr_printf(w, "@%s,%u,%u", bases[base], off, len);
		return true;
	}
	for (unsigned i = 0; i < sizeof(typeof_protos) / sizeof(typeof_protos[0]); i++) {
		if (typeof_protos[i].id != id)
			continue;
		if (!idx || idx > 12 || !typeof_protos[i].fields[idx - 1])
			return false;
		wr_printf(w, "%s %s", typeof_protos[i].desc->name, typeof_protos[i].fields[idx - 1]);
		return true;
	}
	return false;
}

/* One expression: TYPEOF_EXPR kind + TYPEOF_DATA nest. Printed into `w` (the caller
 * discards the text when this fails). */
static bool print_one(const uint8_t *p, uint32_t len, struct writer *w, int depth)
{
	uint32_t kind = 0;
	uint8_t dl = 0;
	const uint8_t *d = tlv_find(p, len, TYPEOF_DATA, &dl);
	if (!tlv_u32(p, len, TYPEOF_EXPR, &kind) || !d || depth > 2)
		return false;
	switch (kind) {
	case TO_EXPR_PAYLOAD:
		return print_payload_typeof(d, dl, w);
	case TO_EXPR_META: {
		uint32_t key;
		const struct meta_key *k;
		if (!tlv_u32(d, dl, 0, &key) || !(k = meta_key_by_kernel(key)))
			return false;
		struct expr e = { .kind = EXPR_META };
		e.meta.key = k;
		print_expr(&e, NULL, w);
		return true;
	}
	case TO_EXPR_CT: {
		uint32_t key, dir = (uint32_t)-1;
		const struct ct_key *k;
		if (!tlv_u32(d, dl, 0, &key) || !(k = ct_key_by_kernel(key)))
			return false;
		tlv_u32(d, dl, 1, &dir);
		struct expr e = { .kind = EXPR_CT };
		e.ct.key = k;
		e.ct.dir = (int32_t)dir;
		print_expr(&e, NULL, w);
		return true;
	}
	case TO_EXPR_CONCAT: {
		unsigned n = 0;
		for (uint8_t i = 0; i < 16; i++) {
			uint8_t il = 0;
			const uint8_t *item = tlv_find(d, dl, i, &il);
			if (!item)
				break;
			if (n++)
				wr_puts(w, " . ");
			if (!print_one(item, il, w, depth + 1))
				return false;
		}
		return n > 0;
	}
	default:
		return false;
	}
}

bool print_typeof(const uint8_t *udata, uint32_t len, uint8_t attr, struct writer *w)
{
	uint8_t l = 0;
	const uint8_t *p = tlv_find(udata, len, attr, &l);
	if (!p)
		return false;
	struct writer tmp;
	writer_init_mem(&tmp);
	bool ok = print_one(p, l, &tmp, 0);
	if (ok)
		wr_puts(w, wr_cstr(&tmp));
	writer_free(&tmp);
	return ok;
}
