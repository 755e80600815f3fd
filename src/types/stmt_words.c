/* Units and levels, one row each, as nft writes them. */
#include <stddef.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "stmt_words.h"
#include "../util/nf_tables_uapi.h"

static const struct { const char *name; uint64_t secs; } time_units[] = {
	{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 },
	{ "week", 604800 },
};

static const struct { const char *name; uint64_t bytes; } byte_units[] = {
	{ "bytes", 1 }, { "kbytes", 1024 }, { "mbytes", 1024 * 1024 },
	{ "gbytes", 1024ULL * 1024 * 1024 },     /* quotas only */
};
#define GBYTES_ROW 3

static const char *const log_levels[] = {
	[NFT_LOGLEVEL_EMERG] = "emerg", [NFT_LOGLEVEL_ALERT] = "alert",
	[NFT_LOGLEVEL_CRIT] = "crit", [NFT_LOGLEVEL_ERR] = "err",
	[NFT_LOGLEVEL_WARNING] = "warn", [NFT_LOGLEVEL_NOTICE] = "notice",
	[NFT_LOGLEVEL_INFO] = "info", [NFT_LOGLEVEL_DEBUG] = "debug",
	[NFT_LOGLEVEL_AUDIT] = "audit",
};

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

uint64_t time_unit_by_name(const char *name)
{
	for (size_t i = 0; i < NROWS(time_units); i++)
		if (!strcmp(time_units[i].name, name))
			return time_units[i].secs;
	return 0;
}

const char *time_unit_name(uint64_t secs)
{
	for (size_t i = 0; i < NROWS(time_units); i++)
		if (time_units[i].secs == secs)
			return time_units[i].name;
	return "error";
}

uint64_t byte_unit_by_name(const char *name, bool gbytes_too)
{
	for (size_t i = 0; i < NROWS(byte_units); i++)
		if (!strcmp(byte_units[i].name, name) && (gbytes_too || i != GBYTES_ROW))
			return byte_units[i].bytes;
	return 0;
}

const char *byte_unit_scaled(uint64_t n, uint64_t *count)
{
	size_t u = 0;
	while (u < 2 && n && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	*count = n;
	return byte_units[u].name;
}

bool log_level_by_name(const char *name, uint32_t *level)
{
	for (uint32_t i = 0; i < NROWS(log_levels); i++)
		if (log_levels[i] && !strcmp(log_levels[i], name)) {
			*level = i;
			return true;
		}
	return false;
}

const char *log_level_name(uint32_t level)
{
	return level < NROWS(log_levels) ? log_levels[level] : NULL;
}
