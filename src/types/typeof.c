/* nft's ids for protocol headers in typeof userdata, and each header's fields in the
 * order of nft's header templates (the field's id is its position, from 1). */
#include <stddef.h>
#include <string.h>
#include "typeof.h"

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

#define NROWS (sizeof(typeof_protos) / sizeof(typeof_protos[0]))
#define NFIELDS (sizeof(typeof_protos[0].fields) / sizeof(typeof_protos[0].fields[0]))

uint32_t typeof_proto_id(const struct proto_desc *p)
{
	for (size_t i = 0; i < NROWS; i++)
		if (typeof_protos[i].desc == p)
			return typeof_protos[i].id;
	return 0;
}

uint32_t typeof_field_index(const struct proto_desc *p, const char *field)
{
	for (size_t i = 0; i < NROWS; i++) {
		if (typeof_protos[i].desc != p)
			continue;
		for (size_t k = 0; k < NFIELDS && typeof_protos[i].fields[k]; k++)
			if (!strcmp(typeof_protos[i].fields[k], field))
				return (uint32_t)k + 1;
		return 0;
	}
	return 0;
}

const struct proto_desc *typeof_proto_by_id(uint32_t id)
{
	for (size_t i = 0; i < NROWS; i++)
		if (typeof_protos[i].id == id)
			return typeof_protos[i].desc;
	return NULL;
}

const char *typeof_field_name(uint32_t id, uint32_t index)
{
	for (size_t i = 0; i < NROWS; i++)
		if (typeof_protos[i].id == id)
			return index && index <= NFIELDS ? typeof_protos[i].fields[index - 1] : NULL;
	return NULL;
}

uint32_t typeof_base_id(enum proto_base b)
{
	return (uint32_t)b + 1;
}

int typeof_base_of_id(uint32_t id)
{
	return id >= 1 && id <= 4 ? (int)id - 1 : -1;
}
