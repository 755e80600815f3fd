/* The abstract syntax tree: commands, objects, rules, statements, expressions.
 *
 * The parser builds it (constructors in ast.c), eval types and checks it in place,
 * lower turns rules into VM programs, lift turns VM programs back into it, and the
 * printer writes it as nft text. All nodes live in an arena and carry a source
 * location (zero `loc` for nodes made by lift). */
#ifndef NFTC_AST_H
#define NFTC_AST_H
#include <stdint.h>
#include <stdbool.h>
#include "../util/arena.h"
#include "../util/diag.h"
#include "../types/datatype.h"
#include "../types/proto.h"
#include "../types/keys.h"
#include "../types/family.h"

/* ---------------------------------------------------------------- expressions */

enum expr_kind {
	EXPR_INVALID,
	EXPR_VALUE,      /* constant: dtype + value (typed by eval or by lift) */
	EXPR_SYMBOL,     /* unresolved word or "string": eval replaces it by a typed node,
			 * never changes it (define uses share symbols, defines.c) */
	EXPR_VARIABLE,   /* $name (resolved by the parser's define scope or eval) */
	EXPR_PAYLOAD,    /* header field: proto+field, or raw (base, offset, len) */
	EXPR_EXTHDR,     /* ip6 extension header / tcp option field */
	EXPR_META,       /* meta key */
	EXPR_CT,         /* ct key, optional direction */
	EXPR_RT, EXPR_FIB, EXPR_NUMGEN, EXPR_HASH, EXPR_SOCKET, EXPR_OSF, EXPR_XFRM,
	EXPR_PREFIX,     /* left / prefix_len */
	EXPR_RANGE,      /* left - right */
	EXPR_BINOP,      /* left op right: & | ^ << >> */
	EXPR_RELATION,   /* left op right: match (==, !=, <, >, <=, >=, implicit, flag test) */
	EXPR_LIST,       /* a,b,c for flags (ct state established,related) */
	EXPR_CONCAT,     /* a . b . c */
	EXPR_SET,        /* anonymous set { ... }: items are EXPR_SET_ELEM (or mappings) */
	EXPR_SET_ELEM,   /* one element: key + timeout/expires/comment */
	EXPR_SET_REF,    /* @name */
	EXPR_MAP,        /* key map { ... } / key map @name / key vmap ... */
	EXPR_MAPPING,    /* key : value (inside a map's set) */
	EXPR_VERDICT,    /* accept, drop, jump chain ... (as a value, e.g. in vmaps) */
	EXPR_ELEM_ANY,   /* `*` (catch-all element) */
	EXPR_KIND_MAX
};

enum rel_op {
	OP_IMPLICIT,     /* no operator written: == or a flag test, decided by eval */
	OP_EQ, OP_NEQ, OP_LT, OP_GT, OP_LTE, OP_GTE,
	OP_NEG,          /* `!` (reserved) */
};

enum binop_op { BINOP_AND, BINOP_OR, BINOP_XOR, BINOP_LSHIFT, BINOP_RSHIFT };

struct expr;
struct expr_list {
	struct expr **v;
	uint32_t n, cap;
};

struct chain_decl;
struct expr {
	enum expr_kind kind;
	struct loc loc;
	const struct datatype *dtype;    /* set by eval (or lift) */
	enum byteorder byteorder;
	uint32_t len;                    /* bits */
	uint32_t flags;                  /* EXPR_F_* */
	union {
		struct value value;                     /* EXPR_VALUE */
		struct {                                /* EXPR_SYMBOL, EXPR_VARIABLE */
			const char *str;
			bool quoted;
			/* EXPR_VARIABLE inside a define's value: the value it names */
			const struct expr *ref;
		} sym;
		struct {                                /* EXPR_PAYLOAD */
			const struct proto_desc *proto; /* NULL: raw */
			const struct proto_field *field;
			enum proto_base base;
			uint32_t offset;                /* bits from the header start */
			bool is_raw;                    /* @ll,off,len syntax */
			/* added (parser): vxlan/geneve/gre/gretap when the field is of the
			 * packet inside that tunnel (`vxlan ip saddr`), else NULL */
			const struct proto_desc *tunnel;
		} payload;
		struct {                                /* EXPR_EXTHDR */
			const char *hdr;                /* "frag", "tcp option mss" ... */
			const char *field;
			uint32_t type, offset, op;      /* NFTA_EXTHDR_* */
			uint32_t flags;
		} exthdr;
		struct {                                /* EXPR_META */
			const struct meta_key *key;
		} meta;
		struct {                                /* EXPR_CT */
			const struct ct_key *key;
			int dir;                        /* -1 none, 0 original, 1 reply */
			uint32_t nfproto;               /* ip/ip6 for ct ip saddr */
		} ct;
		struct {                                /* EXPR_RT/FIB/NUMGEN/HASH/... */
			uint32_t key;
			uint32_t flags;
			uint32_t mod, offset, seed;    /* EXPR_RT: mod 1 when `rt ip|ip6` */
			struct expr *arg;
		} other;
		struct {                                /* PREFIX, RANGE, BINOP, RELATION, MAP, MAPPING */
			struct expr *left;
			struct expr *right;             /* NULL for PREFIX */
			uint32_t op;                    /* enum rel_op / enum binop_op; map: 1 = vmap */
			uint32_t prefix_len;            /* EXPR_PREFIX */
			/* EXPR_BINOP: the binary operations of this tree, itself included,
			 * and whether a packet field (not only constants) is among them */
			uint32_t ops;
			bool on_field;
		} bin;
		struct expr_list list;                  /* LIST, CONCAT, SET */
		struct {                                /* EXPR_SET_ELEM */
			struct expr *key;
			uint64_t timeout;               /* ms, 0 none */
			uint64_t expires;
			const char *comment;
			struct stmt_list *stmts;        /* counter etc. */
			const char *objref;             /* eval: the object an object map's
							 * element names */
		} elem;
		struct {                                /* EXPR_SET_REF */
			const char *name;
			struct set_decl *set;           /* resolved by eval, or NULL */
		} setref;
		struct {                                /* EXPR_VERDICT */
			int32_t code;                   /* NF_ACCEPT, NF_DROP, NFT_JUMP ... */
			const char *chain;
			struct expr *chain_expr;        /* jump $var / map-provided */
			/* `jump { … }`: the anonymous chain bound to this verdict (its
			 * rules; NFT_CHAIN_BINDING), written or lifted inline */
			struct chain_decl *bound;
		} verdict;
	};
};

enum expr_flags {
	EXPR_F_CONSTANT = 1,
	EXPR_F_SINGLETON = 2,
	EXPR_F_INTERVAL_END = 4,
	EXPR_F_BOOLEAN = 8,
	EXPR_F_INTERVAL = 16,     /* set contains ranges/prefixes */
	EXPR_F_DEFINE = 32,       /* the value of a `$var` (the parser's expansion) */
	/* a JSON element's statements, which may be only the first of the set's (nft's
	 * JSON lists one): kept when they match the set's, dropped otherwise */
	EXPR_F_FIRST_STMTS = 64,
};

/* ---------------------------------------------------------------- statements */

enum stmt_kind {
	STMT_INVALID,
	STMT_EXPR,       /* a match (EXPR_RELATION) or a bare expression (vmap lookup) */
	STMT_VERDICT,    /* accept, drop, jump x, goto x, return, continue, queue? */
	STMT_COUNTER,
	STMT_LOG,
	STMT_LIMIT,
	STMT_META,       /* meta KEY set EXPR */
	STMT_CT,         /* ct KEY set EXPR */
	STMT_PAYLOAD,    /* PAYLOAD set EXPR */
	STMT_NAT,        /* snat, dnat, masquerade, redirect */
	STMT_REJECT,
	STMT_NOTRACK,
	STMT_QUEUE,
	STMT_QUOTA,
	STMT_SET,        /* add/update @set { key } */
	STMT_MAP,        /* add/update @map { key : data } */
	STMT_OBJREF,     /* counter name x, quota name y ... */
	STMT_DUP, STMT_FWD, STMT_TPROXY, STMT_SYNPROXY, STMT_LAST, STMT_CONNLIMIT,
	STMT_XT,         /* opaque iptables-nft expression */
	STMT_KIND_MAX
};

enum nat_kind { NAT_SNAT, NAT_DNAT, NAT_MASQ, NAT_REDIR };

struct stmt {
	enum stmt_kind kind;
	struct loc loc;
	union {
		struct expr *expr;                      /* STMT_EXPR, STMT_VERDICT */
		struct {                                /* STMT_COUNTER */
			uint64_t packets, bytes;
		} counter;
		struct {                                /* STMT_LOG */
			const char *prefix;             /* may contain nothing dynamic */
			uint32_t level, group, snaplen, qthreshold, logflags;
			uint32_t present;               /* bit NFTA_LOG_* */
		} log;
		struct {                                /* STMT_LIMIT */
			uint64_t rate;                  /* packets or bytes per unit */
			uint64_t unit;                  /* seconds: 1, 60, 3600, 86400, 604800 */
			uint32_t burst;
			uint32_t type;                  /* NFT_LIMIT_PKTS / NFT_LIMIT_PKT_BYTES */
			uint32_t flags;                 /* NFT_LIMIT_F_INV (over) */
		} limit;
		struct {                                /* STMT_META, STMT_CT, STMT_PAYLOAD */
			struct expr *key;               /* EXPR_META/EXPR_CT/EXPR_PAYLOAD lhs */
			struct expr *value;
		} set;
		struct {                                /* STMT_NAT */
			enum nat_kind type;
			uint32_t family;                /* NFPROTO_IPV4/IPV6 for inet `ip to` */
			struct expr *addr;              /* may be a range, prefix or map */
			struct expr *proto;             /* port or port range, may be NULL */
			uint32_t flags;                 /* NF_NAT_RANGE_* */
			uint32_t type_flags;            /* prefix / concat / interval syntax */
		} nat;
		struct {                                /* STMT_REJECT */
			int type;                       /* -1 default, NFT_REJECT_* */
			int icmp_code;                  /* -1 none */
			uint32_t family;                /* icmp vs icmpv6 vs icmpx */
			struct expr *code_expr;         /* as written, for errors */
		} reject;
		struct {                                /* STMT_SET, STMT_MAP */
			uint32_t op;                    /* NFT_DYNSET_OP_* */
			struct expr *set;               /* EXPR_SET_REF */
			struct expr *key;
			struct expr *data;              /* maps */
			uint64_t timeout;
			struct stmt_list *stmts;        /* counter ... per element */
			/* `meter NAME [size N] { … }`: the set is declared by the rule
			 * (dynamic, named NAME) and listed as `add|update @NAME { … }` */
			bool meter;
			uint32_t meter_size;
		} dyn;
		struct {                                /* STMT_QUEUE */
			uint32_t num, total, flags;
			struct expr *queue_expr;
		} queue;
		struct {                                /* STMT_QUOTA */
			uint64_t bytes, used;
			uint32_t flags;
		} quota;
		struct {                                /* STMT_OBJREF */
			uint32_t type;                  /* NFT_OBJECT_* */
			struct expr *name;              /* symbol, or a map expr */
		} objref;
		struct {                                /* STMT_DUP/FWD/TPROXY/SYNPROXY/LAST/... */
			struct expr *addr, *dev, *port;
			uint32_t family, flags, a, b, c;
			uint64_t u64;
		} misc;
	};
};

struct stmt_list {
	struct stmt **v;
	uint32_t n, cap;
};

struct define;
struct diag_list;
struct rule;
/* A rule of a chain block kept as its source text: the scanner skips it to its end, and
 * eval parses it when it lowers it, so a file of many rules never holds all their ASTs
 * (the same idea as struct elem_span). */
struct rule_span {
	const struct source *src;
	uint32_t start, end;             /* byte offsets of the rule's text */
	uint32_t line, line_off;         /* where it starts */
	const struct define *defines;    /* the define scope at the rule */
	bool grammar_only;               /* parse_ctx.grammar_only of its parse */
	struct rule_span *next;          /* the next raw rule of the same parse */
	unsigned errs_before;            /* errors of the parse before this rule */
	/* Parses the rule into `a`; 0, or -1 with the error in `errs`. */
	int (*parse)(const struct rule_span *sp, struct diag_list *errs, struct arena *a,
		     struct rule **out);
};

struct rule {
	struct loc loc;
	struct stmt_list stmts;
	const char *comment;
	uint64_t handle;
	const struct rule_span *span;    /* not parsed yet: stmts empty, loc approximate */
};

/* ---------------------------------------------------------------- objects */

struct handle_spec {
	uint32_t family;            /* NFPROTO_*; default NFPROTO_IPV4 ("ip") */
	const char *table;
	const char *chain;
	const char *set;            /* set/map/object name */
	uint64_t handle;            /* `handle N` */
	uint64_t position;          /* `position N` (add/insert rule) */
	uint32_t index;             /* `index N` */
	bool has_handle, has_position, has_index;
	struct loc table_loc, chain_loc, set_loc, handle_loc;
};

struct chain_decl {
	struct loc loc;
	const char *name;
	/* base chain */
	const char *type;           /* "filter" ... NULL: regular chain */
	const char *hook;           /* "input" ... */
	struct expr *prio;          /* number, or name ± offset (symbol), eval → int */
	struct expr *policy;        /* accept/drop or $var */
	struct expr_list devices;   /* device "lo" / devices = { ... } */
	const char *comment;
	uint32_t flags;             /* NFT_CHAIN_* */
	struct rule **rules;        /* rules written inside a chain block */
	uint32_t nrules;
	bool in_table_block;        /* written inside `table { … }` (what -o merges) */
	struct loc type_loc, hook_loc, prio_loc;
	/* lifted from the kernel: its handle, and the priority as a number (`prio`
	 * holds it as nft lists it, a standard name ± offset where one fits) */
	uint64_t handle;
	int32_t prio_value;
};

/* A large element list kept as its source text (`elements = { … }`, `add element … { …
 * }`): the first parse only checks where it ends, and eval parses it again in chunks,
 * so a list of a million elements never exists as a million AST nodes. Small lists are
 * parsed at once and never take this form. */
struct define;
struct diag_list;
struct elem_span {
	const struct source *src;
	uint32_t start, end;             /* byte offsets of `{` and just past `}` */
	uint32_t line, line_off;         /* the line of `{` and where it starts */
	struct loc loc;                  /* the `{` (errors about the list as a whole) */
	const struct define *defines;    /* the define scope at the list */
	bool grammar_only;               /* parse_ctx.grammar_only of its parse */
	/* Parses the list, handing `chunk` with up to `max` items to `cb` at a time; the
	 * items live in `scratch`, which is emptied after each call. Errors go to `errs`.
	 * Returns 0, or -1 (a syntax error, or -1 from `cb`). */
	int (*parse)(const struct elem_span *sp, struct diag_list *errs, struct arena *scratch,
		     uint32_t max, int (*cb)(void *priv, struct expr *chunk), void *priv);
};

struct set_decl {
	struct loc loc;
	const char *name;
	bool is_map;
	struct expr *key;           /* type: EXPR_VALUE/CONCAT of types; typeof: expressions */
	bool key_typeof;
	struct expr *data;          /* maps: type or typeof; verdict maps: EXPR_VERDICT type */
	bool data_typeof;
	uint32_t data_objtype;      /* map to objects (counter, quota...) */
	uint32_t flags;             /* NFT_SET_* */
	uint64_t timeout;           /* ms */
	uint64_t gc_interval;       /* ms */
	uint32_t size;
	uint32_t count;             /* lifted: elements the kernel holds (`# count N`) */
	uint32_t policy;            /* 0 performance, 1 memory */
	bool has_policy;
	struct expr *elems;         /* EXPR_SET or NULL */
	struct elem_span *elems_span;   /* instead of `elems`: a large list, parsed by eval */
	struct stmt_list *stmts;    /* set-wide counter etc. */
	bool auto_merge;
	bool meter;                 /* declared by a meter: no typeof in its userdata */
	const char *comment;
	uint64_t handle;            /* lifted from the kernel */
};

struct table_decl {
	struct loc loc;
	const char *name;
	uint32_t flags;             /* NFT_TABLE_F_DORMANT ... */
	const char *comment;
	uint32_t family;            /* NFPROTO_*: lifted tables (commands have theirs in h) */
	uint64_t handle;            /* lifted from the kernel */
	/* flags owner: the owning process's name (`# progname nft`), found by the
	 * listing side from the owner's port id; NULL when unknown */
	const char *progname;
};

/* ---------------------------------------------------------------- commands */

enum cmd_op {
	CMD_ADD, CMD_CREATE, CMD_INSERT, CMD_REPLACE, CMD_DELETE, CMD_DESTROY, CMD_LIST,
	CMD_FLUSH, CMD_RENAME, CMD_RESET, CMD_GET, CMD_DESCRIBE, CMD_MONITOR,
};

enum cmd_obj {
	OBJ_TABLE, OBJ_CHAIN, OBJ_RULE, OBJ_SET, OBJ_MAP, OBJ_ELEMENT, OBJ_RULESET,
	OBJ_TABLES, OBJ_CHAINS, OBJ_SETS, OBJ_MAPS, OBJ_COUNTER, OBJ_COUNTERS, OBJ_QUOTA,
	OBJ_QUOTAS, OBJ_FLOWTABLE, OBJ_FLOWTABLES, OBJ_HOOKS,
	OBJ_LIMIT, OBJ_LIMITS, OBJ_CT_HELPER, OBJ_CT_HELPERS, OBJ_CT_TIMEOUT, OBJ_CT_EXPECT,
	OBJ_SYNPROXY, OBJ_SYNPROXYS, OBJ_SECMARK, OBJ_SECMARKS, OBJ_METER, OBJ_METERS,
};

/* A named stateful object: `counter c { packets 1 bytes 2 }`, `quota q { over 10 mbytes }`,
 * `limit l { rate 10/second }`, `ct helper h { type "ftp" protocol tcp; l3proto ip; }`,
 * `ct timeout t { protocol tcp; policy = { established: 100 } }`, `ct expectation e {…}`,
 * `synproxy s { mss 1460 wscale 7 timestamp }`, `secmark s { "ctx" }`. The statement-shaped
 * ones reuse struct stmt (STMT_COUNTER/STMT_QUOTA/STMT_LIMIT/STMT_SYNPROXY fields). */
struct obj_decl {
	struct loc loc;
	const char *name;
	uint32_t type;              /* NFT_OBJECT_* */
	struct stmt *stmt;          /* counter, quota, limit, synproxy: the statement's fields */
	const char *str;            /* ct helper type name, secmark context */
	uint32_t l3proto;           /* NFPROTO_* (ct helper/timeout/expectation), 0 = table's */
	uint8_t l4proto;            /* IPPROTO_* */
	struct expr_list policy;    /* ct timeout: EXPR_MAPPING{state symbol : timeout value} */
	uint16_t dport;             /* ct expectation */
	uint32_t timeout;           /* ct expectation (ms) */
	uint8_t size;               /* ct expectation */
	const char *comment;
	uint64_t handle;            /* lifted from the kernel */
};

/* `flowtable f { hook ingress priority 0; devices = { lo }; flags offload; counter; }` */
struct flowtable_decl {
	struct loc loc;
	const char *name;
	const char *hook;
	struct expr *prio;          /* as chain_decl.prio */
	struct expr_list devices;
	uint32_t flags;             /* NFT_FLOWTABLE_* */
	struct loc hook_loc, prio_loc;
	uint64_t handle;            /* lifted: the handle, the priority as a number */
	int32_t prio_value;
};

struct cmd {
	enum cmd_op op;
	enum cmd_obj obj;
	struct loc loc;             /* the whole command, for kernel errors */
	struct handle_spec h;
	union {
		struct table_decl *table;
		struct chain_decl *chain;
		struct rule *rule;
		struct set_decl *set;
		struct expr *elems;     /* OBJ_ELEMENT: EXPR_SET */
		const char *new_name;   /* CMD_RENAME */
		struct obj_decl *objdecl;       /* OBJ_COUNTER, OBJ_QUOTA, OBJ_LIMIT, OBJ_CT_* ... */
		struct flowtable_decl *flowtable;
	};
	struct elem_span *elems_span;   /* OBJ_ELEMENT: instead of `elems`, a large list */
	/* OBJ_RULE: instead of `rule`, every rule of this chain block (all kept as text),
	 * added in order: one command for a block of rules, not one each */
	const struct chain_decl *rules_of;
	bool list_all_families;     /* `list tables` with no family given */
	bool family_given;
};

struct cmd_list {
	struct cmd **v;
	uint32_t n, cap;
};

/* ---------------------------------------------------------------- constructors (ast.c) */

struct expr *expr_alloc(struct arena *a, enum expr_kind kind, const struct loc *loc);
struct expr *expr_value(struct arena *a, const struct loc *loc, const struct datatype *dt,
			enum byteorder bo, uint32_t len_bits, const void *bytes);
struct expr *expr_symbol(struct arena *a, const struct loc *loc, const char *s, bool quoted);
struct expr *expr_bin(struct arena *a, enum expr_kind kind, const struct loc *loc,
		      struct expr *l, uint32_t op, struct expr *r);
/* Recounts a binop's operations after one of its operands was replaced. */
void expr_binop_count_update(struct expr *e);
void expr_list_add(struct arena *a, struct expr_list *l, struct expr *e);
struct stmt *stmt_alloc(struct arena *a, enum stmt_kind kind, const struct loc *loc);
void stmt_list_add(struct arena *a, struct stmt_list *l, struct stmt *s);
struct cmd *cmd_alloc(struct arena *a, enum cmd_op op, enum cmd_obj obj, const struct loc *loc);
void cmd_list_add(struct arena *a, struct cmd_list *l, struct cmd *c);

#endif
