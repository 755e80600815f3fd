/* Tunnel headers whose inner packet can be matched (`vxlan ip saddr …`): the tunnel's
 * own header table and the numbers of the kernel's inner expression. */
#ifndef NFTC_TUNNEL_H
#define NFTC_TUNNEL_H
#include <stdint.h>
#include "proto.h"

struct tunnel_desc {
	const char *name;               /* "vxlan"; NULL ends the table */
	const struct proto_desc *proto; /* the tunnel header's own fields (`vxlan vni`) */
	uint32_t inner_type;            /* NFTA_INNER_TYPE: vxlan 1, geneve 2, gre 3, gretap 4 */
	uint32_t hdrsize;               /* NFTA_INNER_HDRSIZE: tunnel header bytes */
	uint32_t udp_port;              /* well-known udp dport (0: not over udp) */
	int has_ll;                     /* inner packet starts with an ethernet header */
	uint32_t typeof_id;             /* nft's header id in typeof userdata (inner desc) */
};

/* NFT_PAYLOAD_TUN_HEADER: the tunnel header itself (`vxlan vni`), read inside the
 * kernel inner expression; proto.h stops at PROTO_BASE_INNER. */
#define PROTO_BASE_TUNNEL ((enum proto_base)4)

extern const struct proto_desc proto_vxlan, proto_geneve, proto_gretap;
extern const struct tunnel_desc tunnel_all[];
const struct tunnel_desc *tunnel_by_name(const char *name);
const struct tunnel_desc *tunnel_by_proto(const struct proto_desc *p);

#endif
