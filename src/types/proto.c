/* Lookups over the protocol header tables: by name, by field, by (offset, len) for
 * lift, by upper-protocol number, and the ICMP field→message-type dependencies. */
#include "proto.h"
#include <string.h>

const struct proto_desc *const proto_all[] = {
	&proto_eth, &proto_vlan, &proto_arp, &proto_ip, &proto_ip6, &proto_icmp,
	&proto_icmp6, &proto_igmp, &proto_tcp, &proto_udp, &proto_udplite, &proto_sctp,
	&proto_dccp, &proto_ah, &proto_esp, &proto_comp, &proto_th, &proto_gre,
	NULL,
};

const struct proto_desc *proto_by_name(const char *name)
{
	if (!name)
		return NULL;
	/* the first letter first: a rule names a protocol or two, and each is a lookup */
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->name[0] == name[0] && strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}

const struct proto_field *proto_field_by_name(const struct proto_desc *p, const char *field)
{
	if (!p || !field)
		return NULL;
	for (const struct proto_field *f = p->fields; f && f->name; f++)
		if (f->name[0] == field[0] && strcmp(f->name, field) == 0)
			return f;
	return NULL;
}

const struct proto_field *proto_field_at(const struct proto_desc *p, uint32_t offset_bits,
					  uint32_t len_bits)
{
	if (!p)
		return NULL;
	for (const struct proto_field *f = p->fields; f && f->name; f++)
		if (f->offset == offset_bits && f->len == len_bits)
			return f;
	return NULL;
}

const struct proto_field_dep *proto_field_dep_find(const struct proto_desc *p,
						    const struct proto_field *f)
{
	if (!p || !f)
		return NULL;
	for (const struct proto_field_dep *d = proto_field_deps; d->proto; d++)
		if (d->proto == p && strcmp(d->field, f->name) == 0)
			return d;
	return NULL;
}

const struct proto_field *proto_field_at_type(const struct proto_desc *p, uint32_t offset_bits,
					       uint32_t len_bits, int msgtype)
{
	const struct proto_field *fallback = NULL;

	for (const struct proto_field *f = p ? p->fields : NULL; f && f->name; f++) {
		if (f->offset != offset_bits || f->len != len_bits)
			continue;
		const struct proto_field_dep *d = proto_field_dep_find(p, f);
		if (!d)
			return f;
		if (msgtype < 0) {
			if (!fallback)
				fallback = f;
			continue;
		}
		for (unsigned i = 0; i < d->ntypes; i++)
			if (d->types[i] == (uint32_t)msgtype)
				return f;
	}
	return fallback;
}

int proto_field_index(const struct proto_desc *p, const struct proto_field *f)
{
	if (!p || !f || f < p->fields)
		return -1;
	for (const struct proto_field *g = p->fields; g->name; g++)
		if (g == f)
			return (int)(g - p->fields);
	return -1;
}

const struct proto_desc *proto_upper_find(const struct proto_desc *p, uint32_t num)
{
	if (!p || !p->upper)
		return NULL;
	for (const struct proto_upper *u = p->upper; u->desc; u++)
		if (u->num == num)
			return u->desc;
	return NULL;
}

const struct proto_desc *proto_by_l4proto(uint32_t num)
{
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->base == PROTO_BASE_TRANSPORT && (*p)->l4proto == num && num)
			return *p;
	return NULL;
}

const struct proto_desc *proto_by_ethertype(uint32_t num)
{
	for (const struct proto_desc *const *p = proto_all; *p; p++)
		if ((*p)->ethertype == num && num)
			return *p;
	return NULL;
}
