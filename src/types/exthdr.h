/* Option-like headers as data: IPv6 extension headers, TCP options, SCTP chunks and
 * DCCP options. The parser builds EXPR_EXTHDR from these rows (see
 * docs/ast-conventions.md); eval, lower and lift read the same rows. */
#ifndef NFTC_EXTHDR_H
#define NFTC_EXTHDR_H
#include <stdbool.h>
#include <stdint.h>
#include "proto.h"

struct exthdr_desc {
	const char *name;                   /* "frag", "maxseg", "init"; NULL ends a table */
	uint32_t op;                        /* NFT_EXTHDR_OP_IPV6/TCPOPT/IPV4/SCTP/DCCP */
	uint32_t type;                      /* IPv6 next-header value, TCP option kind,
					     * SCTP chunk type, DCCP option type */
	int32_t subtype;                    /* routing type for rt0/rt2/srh, else -1 */
	const struct proto_field *fields;   /* offsets in bits from the header/option start;
					     * NULL-name terminated */
	uint32_t array_stride;              /* bits between `sid[N]`/`addr[N]` entries (0: none) */
};

/* The descriptor named `name` for an op, or NULL. */
const struct exthdr_desc *exthdr_desc_by_name(uint32_t op, const char *name);
/* For lift: the descriptor of (op, type), preferring the one without a subtype. */
const struct exthdr_desc *exthdr_desc_by_type(uint32_t op, uint32_t type);
/* Field `name` of a descriptor; `sid[3]` style names resolve their base row and
 * return the element offset in *offset_bits (the row offset otherwise). */
const struct proto_field *exthdr_field(const struct exthdr_desc *d, const char *name,
				       uint32_t *offset_bits);
/* For lift: the field at (offset, len), or NULL. */
const struct proto_field *exthdr_field_at(const struct exthdr_desc *d, uint32_t offset_bits,
					  uint32_t len_bits);

/* nft's numbering of a header field in `typeof` set userdata: the header's id (IPv6:
 * nft's own list; else the option kind, chunk or option type) and the field's place
 * in nft's template. False for the fields nft numbers otherwise (array entries, the
 * routing variants, sack1..3, dccp). */
bool exthdr_typeof_ids(const struct exthdr_desc *d, const char *field, uint32_t *desc_id,
		       uint32_t *field_idx);
/* Back: the descriptor and field of those ids for an op, or NULL. */
const struct exthdr_desc *exthdr_by_typeof_ids(uint32_t op, uint32_t desc_id, uint32_t field_idx,
					       const struct proto_field **field);

#endif
