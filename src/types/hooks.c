/* Hooks and standard priorities as nft 1.1 names them (man nft, "CHAINS"): the hook
 * names of each family, and the priority names with the families and hooks each may
 * be used with — the same rows for reading a priority and for listing it. */
#include <stddef.h>
#include <string.h>
#include <linux/netfilter.h>
#include "hooks.h"

#define FAM(x) (1u << (x))
#define FAM_INET_ALL (FAM(NFPROTO_IPV4) | FAM(NFPROTO_IPV6) | FAM(NFPROTO_INET))
#define HOOKBIT(h) (1u << (h))

static const struct {
	uint32_t families;
	const char *name;
	uint32_t num;
} hook_rows[] = {
	{ FAM_INET_ALL | FAM(NFPROTO_BRIDGE), "prerouting", 0 },
	{ FAM_INET_ALL | FAM(NFPROTO_BRIDGE), "input", 1 },
	{ FAM_INET_ALL | FAM(NFPROTO_BRIDGE), "forward", 2 },
	{ FAM_INET_ALL | FAM(NFPROTO_BRIDGE), "output", 3 },
	{ FAM_INET_ALL | FAM(NFPROTO_BRIDGE), "postrouting", 4 },
	{ FAM(NFPROTO_INET), "ingress", 5 },               /* NF_INET_INGRESS */
	{ FAM(NFPROTO_ARP), "input", 0 },                  /* NF_ARP_IN */
	{ FAM(NFPROTO_ARP), "output", 1 },                 /* NF_ARP_OUT */
	{ FAM(NFPROTO_ARP), "forward", 2 },                /* NF_ARP_FORWARD */
	{ FAM(NFPROTO_NETDEV), "ingress", 0 },             /* NF_NETDEV_INGRESS */
	{ FAM(NFPROTO_NETDEV), "egress", 1 },              /* NF_NETDEV_EGRESS */
};

/* `hooks`: the hook numbers where the name may be used (bit per hook), 0: any. */
static const struct {
	const char *name;
	int32_t value;
	uint32_t families;
	uint32_t hooks;
} prio_rows[] = {
	{ "raw", -300, FAM_INET_ALL, 0 },
	{ "mangle", -150, FAM_INET_ALL, 0 },
	{ "dstnat", -100, FAM_INET_ALL, HOOKBIT(0) | HOOKBIT(3) },
	{ "filter", 0, FAM_INET_ALL | FAM(NFPROTO_ARP) | FAM(NFPROTO_NETDEV), 0 },
	{ "security", 50, FAM_INET_ALL, 0 },
	{ "srcnat", 100, FAM_INET_ALL, HOOKBIT(1) | HOOKBIT(4) },
	/* bridge */
	{ "dstnat", -300, FAM(NFPROTO_BRIDGE), HOOKBIT(0) },
	{ "filter", -200, FAM(NFPROTO_BRIDGE), 0 },
	{ "out", 100, FAM(NFPROTO_BRIDGE), HOOKBIT(3) },
	{ "srcnat", 300, FAM(NFPROTO_BRIDGE), HOOKBIT(4) },
};

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

int hook_by_name(uint32_t family, const char *name)
{
	for (size_t i = 0; family < 32 && i < NROWS(hook_rows); i++)
		if ((hook_rows[i].families & FAM(family)) && !strcmp(hook_rows[i].name, name))
			return (int)hook_rows[i].num;
	return -1;
}

const char *hook_name(uint32_t family, uint32_t num)
{
	/* ip, ip6, inet and bridge share the names: inet's stand for all four */
	uint32_t fam = family == NFPROTO_ARP || family == NFPROTO_NETDEV ? family
								     : NFPROTO_INET;
	for (size_t i = 0; i < NROWS(hook_rows); i++)
		if ((hook_rows[i].families & FAM(fam)) && hook_rows[i].num == num)
			return hook_rows[i].name;
	return "unknown";
}

static bool prio_row_fits(size_t i, uint32_t family, uint32_t hook)
{
	if (family >= 32 || !(prio_rows[i].families & FAM(family)))
		return false;
	return !prio_rows[i].hooks || (hook < 32 && (prio_rows[i].hooks & HOOKBIT(hook)));
}

bool prio_std_value(uint32_t family, uint32_t hook, const char *name, size_t len,
		    int32_t *value)
{
	for (size_t i = 0; i < NROWS(prio_rows); i++) {
		if (strlen(prio_rows[i].name) != len || strncmp(prio_rows[i].name, name, len) ||
		    !prio_row_fits(i, family, hook))
			continue;
		*value = prio_rows[i].value;
		return true;
	}
	return false;
}

bool prio_std_name(uint32_t family, uint32_t hook, int32_t prio, const char **name,
		   int32_t *offset)
{
	for (size_t i = 0; i < NROWS(prio_rows); i++) {
		if (!prio_row_fits(i, family, hook))
			continue;
		int64_t off = (int64_t)prio - prio_rows[i].value;   /* any kernel value */
		if (off < -10 || off > 10)
			continue;
		*name = prio_rows[i].name;
		*offset = (int32_t)off;
		return true;
	}
	return false;
}
