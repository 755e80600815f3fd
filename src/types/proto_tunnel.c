/* Tunnel header tables (VXLAN, Geneve, GRETAP) and the tunnel list used for inner
 * matches: `vxlan vni 10` is a field of proto_vxlan; `vxlan ip saddr x` is a field
 * of proto_ip inside the tunnel (EXPR_PAYLOAD.tunnel). GRE's own table is proto_gre. */
#include <string.h>
#include "tunnel.h"
#include "proto_impl.h"

static const struct proto_field vxlan_fields[] = {
	F("flags", &dt_integer, 0, 8),
	F("vni", &dt_integer, 32, 24),
	END,
};

const struct proto_desc proto_vxlan = PROTO_TUNNEL("vxlan", 8, vxlan_fields);

static const struct proto_field geneve_fields[] = {
	F("version", &dt_integer, 0, 2),
	F("opt-len", &dt_integer, 2, 6),
	F("o", &dt_integer, 8, 1),
	F("c", &dt_integer, 9, 1),
	F("protocol", &dt_ethertype, 16, 16),
	F("vni", &dt_integer, 32, 24),
	END,
};

const struct proto_desc proto_geneve = PROTO_TUNNEL("geneve", 8, geneve_fields);

static const struct proto_field gretap_fields[] = {
	F("flags", &dt_integer, 0, 16),
	F("protocol", &dt_ethertype, 16, 16),
	END,
};

const struct proto_desc proto_gretap = PROTO_TUNNEL("gretap", 4, gretap_fields);

const struct tunnel_desc tunnel_all[] = {
	{ "vxlan", &proto_vxlan, 1, 8, 4789, 1, 18 },
	{ "geneve", &proto_geneve, 2, 8, 6081, 1, 19 },
	{ "gre", &proto_gre, 3, 4, 0, 0, 20 },
	{ "gretap", &proto_gretap, 4, 4, 0, 1, 21 },
	{ NULL, NULL, 0, 0, 0, 0, 0 },
};

const struct tunnel_desc *tunnel_by_name(const char *name)
{
	for (const struct tunnel_desc *t = tunnel_all; t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

const struct tunnel_desc *tunnel_by_proto(const struct proto_desc *p)
{
	for (const struct tunnel_desc *t = tunnel_all; t->name; t++)
		if (t->proto == p)
			return t;
	return NULL;
}
