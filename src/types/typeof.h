/* nft's numbering of protocol headers and their fields in `typeof` set userdata
 * (typeof.c): one table, read by eval to write `typeof tcp dport` and by lift to read
 * it back. */
#ifndef NFTC_TYPEOF_H
#define NFTC_TYPEOF_H
#include <stdint.h>
#include "proto.h"

/* nft's id of a header (0: none) and the 1-based position of one of its fields in
 * nft's template of that header (0: not there). */
uint32_t typeof_proto_id(const struct proto_desc *p);
uint32_t typeof_field_index(const struct proto_desc *p, const char *field);
/* Back: the header of an id and the name of field `index` in it (NULL if none). */
const struct proto_desc *typeof_proto_by_id(uint32_t id);
const char *typeof_field_name(uint32_t id, uint32_t index);

/* nft's numbering of payload bases in typeof (0 invalid, 1 ll, 2 network, 3 transport,
 * 4 inner) from and to enum proto_base; -1 from an unknown number. */
uint32_t typeof_base_id(enum proto_base b);
int typeof_base_of_id(uint32_t id);

#endif
