/* The reserved words of the nft language, one row per word, sorted by name:
 * the scanner looks every word up here. The names of protocol headers, IPv6
 * extension headers and tunnels are words too, read from their own tables in
 * src/types (one token each kind: PROTO, EXTHDR_NAME, TUNNEL, whose text the parser
 * resolves); anything else is a STRING. */
#include <stdlib.h>
#include <string.h>
#include "parser/parser.h"
#include "parser/build.h"
#include "parser/grammar.h"
#include "lexer/scan_state.h"
#include "types/proto.h"
#include "types/exthdr.h"
#include "types/tunnel.h"
#include "util/nf_tables_uapi.h"

struct keyword {
	const char *word;
	int token;
};

static const struct keyword keywords[] = {
	{ "accept", TOK_ACCEPT },
	{ "add", TOK_ADD },
	{ "addr", TOK_ADDR },
	{ "and", '&' },
	{ "auto-merge", TOK_AUTO_MERGE },
	{ "bridge", TOK_BRIDGE },
	{ "burst", TOK_BURST },
	{ "bypass", TOK_BYPASS },
	{ "bytes", TOK_BYTES },
	{ "chain", TOK_CHAIN },
	{ "chains", TOK_CHAINS },
	{ "chunk", TOK_CHUNK },
	{ "comment", TOK_COMMENT },
	{ "continue", TOK_CONTINUE },
	{ "count", TOK_COUNT },
	{ "counter", TOK_COUNTER },
	{ "counters", TOK_COUNTERS },
	{ "create", TOK_CREATE },
	{ "ct", TOK_CT },
	{ "define", TOK_DEFINE },
	{ "delete", TOK_DELETE },
	{ "describe", TOK_DESCRIBE },
	{ "destroy", TOK_DESTROY },
	{ "device", TOK_DEVICE },
	{ "devices", TOK_DEVICES },
	{ "dnat", TOK_DNAT },
	{ "drop", TOK_DROP },
	{ "dup", TOK_DUP },
	{ "element", TOK_ELEMENT },
	{ "elements", TOK_ELEMENTS },
	{ "eq", TOK_EQ },
	{ "exists", TOK_EXISTS },
	{ "expires", TOK_EXPIRES },
	{ "exthdr", TOK_EXTHDR },
	{ "fanout", TOK_FANOUT },
	{ "fib", TOK_FIB },
	{ "flags", TOK_FLAGS },
	{ "flow", TOK_FLOW },
	{ "flowtable", TOK_FLOWTABLE },
	{ "flowtables", TOK_FLOWTABLES },
	{ "flush", TOK_FLUSH },
	{ "fully-random", TOK_FULLY_RANDOM },
	{ "fwd", TOK_FWD },
	{ "gc-interval", TOK_GC_INTERVAL },
	{ "ge", TOK_GTE },
	{ "get", TOK_GET },
	{ "goto", TOK_GOTO },
	{ "group", TOK_GROUP },
	{ "gt", TOK_GT },
	{ "handle", TOK_HANDLE },
	{ "hook", TOK_HOOK },
	{ "include", TOK_INCLUDE },
	{ "index", TOK_INDEX },
	{ "inet", TOK_INET },
	{ "insert", TOK_INSERT },
	{ "ipsec", TOK_IPSEC },
	{ "jhash", TOK_JHASH },
	{ "jump", TOK_JUMP },
	{ "last", TOK_LAST },
	{ "le", TOK_LTE },
	{ "level", TOK_LEVEL },
	{ "limit", TOK_LIMIT },
	{ "limits", TOK_LIMITS },
	{ "list", TOK_LIST },
	{ "log", TOK_LOG },
	{ "lshift", TOK_LSHIFT },
	{ "lt", TOK_LT },
	{ "map", TOK_MAP },
	{ "maps", TOK_MAPS },
	{ "masquerade", TOK_MASQUERADE },
	{ "meta", TOK_META },
	{ "meter", TOK_METER },
	{ "meters", TOK_METERS },
	{ "missing", TOK_MISSING },
	{ "mod", TOK_MOD },
	{ "mss", TOK_MSS },
	{ "name", TOK_NAME },
	{ "ne", TOK_NEQ },
	{ "netdev", TOK_NETDEV },
	{ "notrack", TOK_NOTRACK },
	{ "num", TOK_NUM },
	{ "numgen", TOK_NUMGEN },
	{ "offset", TOK_OFFSET },
	{ "option", TOK_OPTION },
	{ "or", '|' },
	{ "original", TOK_ORIGINAL },
	{ "osf", TOK_OSF },
	{ "over", TOK_OVER },
	{ "packets", TOK_PACKETS },
	{ "persistent", TOK_PERSISTENT },
	{ "policy", TOK_POLICY },
	{ "position", TOK_POSITION },
	{ "prefix", TOK_PREFIX },
	{ "priority", TOK_PRIORITY },
	{ "queue", TOK_QUEUE },
	{ "queue-threshold", TOK_QUEUE_THRESHOLD },
	{ "quota", TOK_QUOTA },
	{ "quotas", TOK_QUOTAS },
	{ "random", TOK_RANDOM },
	{ "rate", TOK_RATE },
	{ "redefine", TOK_REDEFINE },
	{ "redirect", TOK_REDIRECT },
	{ "reject", TOK_REJECT },
	{ "rename", TOK_RENAME },
	{ "replace", TOK_REPLACE },
	{ "reply", TOK_REPLY },
	{ "reset", TOK_RESET },
	{ "return", TOK_RETURN },
	{ "rshift", TOK_RSHIFT },
	{ "rt", TOK_RT },
	{ "rule", TOK_RULE },
	{ "rules", TOK_RULES },
	{ "ruleset", TOK_RULESET },
	{ "sack-perm", TOK_SACK_PERM },
	{ "secmark", TOK_SECMARK },
	{ "seed", TOK_SEED },
	{ "set", TOK_SET },
	{ "sets", TOK_SETS },
	{ "size", TOK_SIZE },
	{ "snaplen", TOK_SNAPLEN },
	{ "snat", TOK_SNAT },
	{ "socket", TOK_SOCKET },
	{ "spnum", TOK_SPNUM },
	{ "symhash", TOK_SYMHASH },
	{ "synproxy", TOK_SYNPROXY },
	{ "table", TOK_TABLE },
	{ "tables", TOK_TABLES },
	{ "timeout", TOK_TIMEOUT },
	{ "timestamp", TOK_TIMESTAMP },
	{ "to", TOK_TO },
	{ "tproxy", TOK_TPROXY },
	{ "ttl", TOK_TTL },
	{ "type", TOK_TYPE },
	{ "typeof", TOK_TYPEOF },
	{ "undefine", TOK_UNDEFINE },
	{ "until", TOK_UNTIL },
	{ "update", TOK_UPDATE },
	{ "used", TOK_USED },
	{ "version", TOK_VERSION },
	{ "vmap", TOK_VMAP },
	{ "with", TOK_WITH },
	{ "wscale", TOK_WSCALE },
	{ "xor", '^' },
};

/* A binary search with the comparison inline: the scanner asks for every word. */
int keyword_token(const char *word)
{
	size_t lo = 0, hi = sizeof(keywords) / sizeof(keywords[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const unsigned char *a = (const unsigned char *)word;
		const unsigned char *b = (const unsigned char *)keywords[mid].word;
		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (*a == *b)
			return keywords[mid].token;
		if (*a < *b)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* a keyword of the table wins: `rt` is the routing expression, not the header */
	if (proto_by_name(word))
		return TOK_PROTO;
	if (exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, word))
		return TOK_EXTHDR_NAME;
	if (tunnel_by_name(word))
		return TOK_TUNNEL;
	return 0;
}
