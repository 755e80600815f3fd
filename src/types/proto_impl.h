/* Building blocks of the header tables (proto_*.c, exthdr.c): one macro per row
 * shape, so that a table reads as one field per line and a header as one line of
 * facts. Private to src/types. */
#ifndef NFTC_PROTO_IMPL_H
#define NFTC_PROTO_IMPL_H
#include "proto.h"
#include "tunnel.h"          /* PROTO_BASE_TUNNEL */

/* A wire field: name, datatype, offset and length in bits; network byte order. */
#define F(NAME, DT, OFF, LEN) { NAME, DT, OFF, LEN, BYTEORDER_BIG }
/* A wire field that payload writes must account for (enum proto_field_csum bits). */
#define FC(NAME, DT, OFF, LEN, CSUM) { NAME, DT, OFF, LEN, BYTEORDER_BIG, CSUM }
/* Ends a field table. */
#define END { NULL, NULL, 0, 0, 0 }

/* What every header has: its keyword, base, length in bytes, field table, and the
 * index of the field that names the next header (-1: none) with the headers it
 * may name (NULL: none). The rest of a proto_desc follows in the initialiser. */
#define PROTO_HEAD(NAME, BASE, BYTES, FIELDS, PROTO_FIELD, UPPER) \
	.name = (NAME), .base = (BASE), .length = (BYTES) * 8, .fields = (FIELDS), \
	.protocol_field = (PROTO_FIELD), .upper = (UPPER)
/* A transport header that names no next header: keyword, length, fields, IPPROTO_*. */
#define PROTO_L4(NAME, BYTES, FIELDS, L4PROTO) \
	{ PROTO_HEAD(NAME, PROTO_BASE_TRANSPORT, BYTES, FIELDS, -1, NULL), .l4proto = (L4PROTO) }
/* A tunnel header (tunnel.h): what follows it is said by its tunnel_desc row. */
#define PROTO_TUNNEL(NAME, BYTES, FIELDS) \
	{ PROTO_HEAD(NAME, PROTO_BASE_TUNNEL, BYTES, FIELDS, -1, NULL) }

#endif
