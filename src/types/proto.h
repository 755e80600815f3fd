/* Protocol headers as data: one table per header (proto_ip, proto_tcp ...), one row
 * per field. Parser keywords, eval (dependencies), lower (payload load + mask),
 * lift (payload load → `tcp dport`) and the printer all read these rows. */
#ifndef NFTC_PROTO_H
#define NFTC_PROTO_H
#include <stdint.h>
#include "datatype.h"

/* Header bases, as the kernel's enum nft_payload_bases (NFT_PAYLOAD_*). */
enum proto_base {
	PROTO_BASE_LL = 0,          /* NFT_PAYLOAD_LL_HEADER */
	PROTO_BASE_NETWORK = 1,     /* NFT_PAYLOAD_NETWORK_HEADER */
	PROTO_BASE_TRANSPORT = 2,   /* NFT_PAYLOAD_TRANSPORT_HEADER */
	PROTO_BASE_INNER = 3,
};

/* What a payload write must tell the kernel about checksums (eval_stmt_payload.c). */
enum proto_field_csum {
	PF_CSUM_INET = 1,             /* the header's internet checksum is this field */
	PF_PSEUDO_HDR = 2,            /* part of the L4 pseudo-header: writes fix that up */
};

struct proto_field {
	const char *name;             /* "dport"; NULL ends the table */
	const struct datatype *dtype;
	uint32_t offset;              /* bits from the header start */
	uint32_t len;                 /* bits */
	enum byteorder byteorder;     /* BIG for wire fields */
	uint32_t csum;                /* enum proto_field_csum bits */
};

struct proto_desc;
struct proto_upper {
	uint32_t num;                 /* value of the protocol key (e.g. 6 for tcp) */
	const struct proto_desc *desc;
};

struct proto_desc {
	const char *name;             /* "tcp" */
	enum proto_base base;
	uint32_t length;              /* header length in bits (0 if variable) */
	const struct proto_field *fields;   /* NULL-name terminated */
	int protocol_field;           /* index of the field naming the next header, -1 none */
	const struct proto_upper *upper;    /* headers that may follow; {0,NULL}-terminated */
	/* How to require this header in a family where it is not implied: the datatype
	 * of the link/network selector and value, e.g. tcp → meta l4proto 6,
	 * ip in inet → meta nfproto ipv4, ip in bridge → ether type 0x0800. The eval
	 * pass owns the rules of which selector applies per family; these are the numbers. */
	uint32_t l4proto;             /* IPPROTO_* if this is a transport header, else 0 */
	uint32_t ethertype;           /* ETH_P_* if this is a network header, else 0 */
	uint32_t nfproto;             /* NFPROTO_* if this is a network header, else 0 */
	/* every write of this header needs the L4 pseudo-header fix-up (udp: its checksum
	 * covers the whole datagram, and it is not an internet checksum of the header) */
	bool l4csum_always;
};

/* All headers, NULL-terminated, for keyword lookup by name. */
extern const struct proto_desc *const proto_all[];
const struct proto_desc *proto_by_name(const char *name);
const struct proto_field *proto_field_by_name(const struct proto_desc *p, const char *field);
/* For lift: the field at (offset, len) of the header, or NULL. */
const struct proto_field *proto_field_at(const struct proto_desc *p, uint32_t offset_bits,
					  uint32_t len_bits);
/* The header that sits on `base` for a given family and known upper protocol. */
const struct proto_desc *proto_upper_find(const struct proto_desc *p, uint32_t num);

extern const struct proto_desc proto_eth, proto_vlan, proto_arp, proto_ip, proto_ip6,
	proto_icmp, proto_icmp6, proto_igmp, proto_tcp, proto_udp, proto_udplite, proto_sctp,
	proto_dccp, proto_ah, proto_esp, proto_comp, proto_th, proto_gre;
/* A transport header that is there but not known: `meta l4proto @set` (a named set's
 * contents may change). Only `th` fields go on it; nowhere in the look-up tables. */
extern const struct proto_desc proto_unknown_l4;

/* ICMP/ICMPv6 fields that exist only in some message types: `icmp mtu` implies
 * `icmp type destination-unreachable`, `icmp id` implies `icmp type { echo-request,
 * echo-reply }` (an anonymous set when there is more than one type, in this order). */
struct proto_field_dep {
	const struct proto_desc *proto;   /* NULL ends the table */
	const char *field;
	uint8_t ntypes;
	uint8_t types[6];
};
extern const struct proto_field_dep proto_field_deps[];
const struct proto_field_dep *proto_field_dep_find(const struct proto_desc *p,
						    const struct proto_field *f);
/* For lift: the field at (offset, len), passing over fields that exist only in message
 * types other than `msgtype` (the value the rule matched in the type field). With
 * msgtype < 0 (none matched) a field of no message type comes first, then the first
 * of those that have one. */
const struct proto_field *proto_field_at_type(const struct proto_desc *p, uint32_t offset_bits,
					       uint32_t len_bits, int msgtype);
/* Index of a field in its table (for proto->protocol_field comparisons), or -1. */
int proto_field_index(const struct proto_desc *p, const struct proto_field *f);
/* The header whose l4proto (transport) or ethertype (network/link) is `num`. */
const struct proto_desc *proto_by_l4proto(uint32_t num);
const struct proto_desc *proto_by_ethertype(uint32_t num);

#endif
