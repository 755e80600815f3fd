/* The families nft knows, one row each, read by the parser, the printers (listing and
 * -d netlink), the shell's completion and eval. */
#include <stddef.h>
#include <string.h>
#include <linux/netfilter.h>
#include "family.h"

static const struct {
	const char *name;
	uint32_t family;
} family_tab[] = {
	{ "ip", NFPROTO_IPV4 },
	{ "ip6", NFPROTO_IPV6 },
	{ "inet", NFPROTO_INET },
	{ "arp", NFPROTO_ARP },
	{ "bridge", NFPROTO_BRIDGE },
	{ "netdev", NFPROTO_NETDEV },
};

#define NROWS (sizeof(family_tab) / sizeof(family_tab[0]))

int family_by_name(const char *name, uint32_t *out)
{
	for (size_t i = 0; i < NROWS; i++)
		if (!strcmp(family_tab[i].name, name)) {
			*out = family_tab[i].family;
			return 0;
		}
	return -1;
}

const char *family_name(uint32_t family)
{
	for (size_t i = 0; i < NROWS; i++)
		if (family_tab[i].family == family)
			return family_tab[i].name;
	return "unknown";
}

const char *family_name_at(unsigned i)
{
	return i < NROWS ? family_tab[i].name : NULL;
}
