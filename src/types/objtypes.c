/* The named object types and nft's words for each. */
#include <stddef.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "objtypes.h"

static const struct objtype objtypes[] = {
	{ NFT_OBJECT_COUNTER, "counter", "counters", "counter" },
	{ NFT_OBJECT_QUOTA, "quota", "quotas", "quota" },
	{ NFT_OBJECT_CT_HELPER, "ct helper", "ct helpers", "ct helper" },
	{ NFT_OBJECT_LIMIT, "limit", "limits", "limit" },
	{ NFT_OBJECT_CONNLIMIT, "ct count", "ct counts", "ct count" },
	{ NFT_OBJECT_TUNNEL, "tunnel", "tunnels", "tunnel" },
	{ NFT_OBJECT_CT_TIMEOUT, "ct timeout", "ct timeouts", "ct timeout" },
	{ NFT_OBJECT_SECMARK, "secmark", "secmarks", "meta secmark" },
	{ NFT_OBJECT_CT_EXPECT, "ct expectation", "ct expectations", "ct expectation" },
	{ NFT_OBJECT_SYNPROXY, "synproxy", "synproxys", "synproxy" },
};

#define NROWS (sizeof(objtypes) / sizeof(objtypes[0]))

const struct objtype *objtype_by_type(uint32_t type)
{
	for (size_t i = 0; i < NROWS; i++)
		if (objtypes[i].type == type)
			return &objtypes[i];
	return NULL;
}

const struct objtype *objtype_by_word(const char *word)
{
	for (size_t i = 0; i < NROWS; i++)
		if (objtypes[i].word[0] == word[0] && !strcmp(objtypes[i].word, word))
			return &objtypes[i];
	return NULL;
}

const char *objtype_word(uint32_t type)
{
	const struct objtype *t = objtype_by_type(type);
	return t ? t->word : "unknown";
}
