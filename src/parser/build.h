/* Small constructors the grammar actions call, one per construct, so that every
 * action stays one line. They build the AST shapes fixed in docs/ast-conventions.md,
 * look names up in the type tables (proto, meta, ct) and record errors at the
 * offending location; a NULL/-1 return means an error was recorded. */
#ifndef NFTC_PARSER_BUILD_H
#define NFTC_PARSER_BUILD_H
#include "parser.h"

/* The state of one parse_source() call, shared by all actions. */
struct pstate {
	struct parse_ctx *ctx;
	struct arena *a;
	struct cmd_list *out;
	void *scanner;
	/* the parse of a raw element list (elem_span.c): items are gathered into
	 * stream_chunk and handed to stream_cb every stream_max items */
	struct expr *stream_chunk;
	int (*stream_cb)(void *priv, struct expr *chunk);
	void *stream_priv;
	uint32_t stream_max;
	struct rule *rule_out;           /* the parse of a raw rule (rule_span.c) */
	/* the raw rules of this parse, in order, checked only if the parse fails */
	struct rule_span *raw_first, *raw_last;
	/* parsing the value of a `define`: a `$name` in it stays a reference to that
	 * define's value, expanded only where the define is used (defines.c) */
	bool in_define;
};

/* A `table … { … }` block being collected; expanded into commands at its end. */
struct tblock {
	struct table_decl *table;
	struct chain_decl **chains;
	uint32_t nchains;
	struct set_decl **sets;
	uint32_t nsets;
	bool has_flags;
	struct obj_decl **objs;             /* named objects, in source order */
	uint32_t nobjs;
	struct flowtable_decl **flowtables;
	uint32_t nflowtables;
};

/* STMT_NAT type_flags (nft's STMT_NAT_F_*). */
enum nat_type_flags { NAT_TF_INTERVAL = 1, NAT_TF_PREFIX = 2, NAT_TF_CONCAT = 4 };

/* Marks the temporary node of `value / mask` until b_relation folds it. */
#define EXPR_F_PARSER_MASK 0x80000000u
/* Marks `ct helper|timeout|expectation` (a symbol) until b_set_stmt makes it an objref. */
#define EXPR_F_PARSER_CTOBJ 0x40000000u

enum log_opt { LOGOPT_PREFIX, LOGOPT_LEVEL, LOGOPT_GROUP, LOGOPT_SNAPLEN, LOGOPT_QTHRESH };
enum elem_opt { ELEMOPT_TIMEOUT, ELEMOPT_EXPIRES, ELEMOPT_COMMENT };
enum ct_dir_word { CTDIR_NONE = -1, CTDIR_ORIGINAL = 0, CTDIR_REPLY = 1 };

/* values and expressions */
struct expr *b_sym(struct pstate *ps, const struct loc *l, const char *s, bool quoted);
struct expr *b_neg(struct pstate *ps, const struct loc *l, const char *num);
struct expr *b_var(struct pstate *ps, const struct loc *l, const char *name);
/* `$name` where an element list goes (`add element t s $name`): a set, a single
 * value becoming a set of one. */
struct expr *b_var_elems(struct pstate *ps, const struct loc *l, const char *name);
/* `$name` where a set reference goes (`add $name { ip saddr }`): `define s = @y`. */
struct expr *b_var_setref(struct pstate *ps, const struct loc *l, const char *name);
struct expr *b_word(struct pstate *ps, const struct loc *l, const char *word);
/* The load of header field `f` of `p` (the caller has looked both up). */
struct expr *b_payload_field(struct pstate *ps, const struct loc *l,
			     const struct proto_desc *p, const struct proto_field *f);
struct expr *b_payload(struct pstate *ps, const struct loc *l, const char *proto,
		       const struct loc *fl, const char *field);
struct expr *b_raw(struct pstate *ps, const struct loc *l, const char *base,
		   const struct loc *offl, const char *off, const struct loc *lenl,
		   const char *len);
struct expr *b_meta(struct pstate *ps, const struct loc *l, const struct loc *kl, const char *key);
struct expr *b_ct(struct pstate *ps, const struct loc *l, int dir, const char *proto,
		  const struct loc *kl, const char *key);
/* The most binary operations one expression may have: fewer than 16 where a packet
 * field is an operand (nft's limit), 4096 on constants alone (nft folds any number;
 * ours keeps constant folding's recursion bounded). Documented in nftc(8). */
#define BINOP_FIELD_OPS_MAX 16
#define BINOP_CONST_OPS_MAX 4096
struct expr *b_binop(struct pstate *ps, const struct loc *l, struct expr *a, uint32_t op,
		     struct expr *b);
struct expr *b_concat(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b);
struct expr *b_range(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b);
struct expr *b_prefix(struct pstate *ps, const struct loc *l, struct expr *a, const char *len);
struct expr *b_list(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b);
struct expr *b_slash(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b);
struct expr *b_pfx_part(struct pstate *ps, const struct loc *l, struct expr *a, struct expr *b);
struct expr *b_relation(struct pstate *ps, const struct loc *l, struct expr *a, uint32_t op,
			struct expr *b);
struct expr *b_set(struct pstate *ps, const struct loc *l);
struct expr *b_set_add(struct pstate *ps, struct expr *set, struct expr *item);
/* raw element lists (elem_span.c): the scanner makes the span, with the scanner that
 * will read it again; the others return 0, or -1 with an error recorded */
struct span_scanner;
struct elem_span *elem_span_new(struct arena *a, struct span_scanner *again);
int b_setd_elems_raw(struct pstate *ps, struct set_decl *s, const struct loc *l,
		     struct elem_span *sp);
int b_elems_cmd(struct pstate *ps, struct cmd *c, const struct loc *l, struct elem_span *sp);
int b_stream_item(struct pstate *ps, struct expr *item);
/* Parses src[start, end) again, its locations continuing from line/line_off, with
 * `start_token` first (parser.c; for raw element lists and rules), through the span's
 * scanner `again` (scan_state.h; NULL: a scanner of its own). 0, or -1 with the error
 * recorded in ps->ctx->errs. */
int parse_again(struct pstate *ps, struct span_scanner *again, const struct source *src,
		uint32_t start, uint32_t end, uint32_t line, uint32_t line_off, int start_token);
/* a rule of a chain block kept as text (rule_span.c): the scanner makes its span, with
 * the scanner that will read it again, and the grammar its rule */
struct rule_span *rule_span_new(struct arena *a, struct span_scanner *again);
struct rule *b_rule_raw(struct pstate *ps, const struct loc *l, struct rule_span *sp);
/* After a failed parse: the syntax errors of its raw rules, each placed among the
 * parse's own errors where the rule was read (rule_span.c). */
void check_raw_rules(struct pstate *ps, unsigned errs_from);
struct expr *b_elem(struct pstate *ps, const struct loc *l, struct expr *key);
struct expr *b_elem_opt(struct pstate *ps, struct expr *elem, enum elem_opt o,
			const struct loc *l, const char *s);
struct expr *b_elem_counter(struct pstate *ps, struct expr *elem, struct stmt *s);
struct expr *b_mapping(struct pstate *ps, const struct loc *l, struct expr *elem,
		       struct expr *data);
struct expr *b_map(struct pstate *ps, const struct loc *l, struct expr *key, struct expr *set,
		   bool vmap);
struct expr *b_setref(struct pstate *ps, const struct loc *l, const char *name);
struct expr *b_any(struct pstate *ps, const struct loc *l);
struct expr *b_verdict(struct pstate *ps, const struct loc *l, int32_t code, const char *chain);
/* `jump { rules }`, `goto { rules }`: a verdict to a chain bound to it (chain bindings). */
struct expr *b_verdict_bound(struct pstate *ps, const struct loc *l, int32_t code,
			     struct chain_decl *body);
struct expr *b_verdict_expr(struct pstate *ps, const struct loc *l, int32_t code,
			    struct expr *chain);

struct expr *b_other(struct pstate *ps, const struct loc *l, enum expr_kind k, const char *word,
			struct expr *arg, const char *mod);
struct expr *b_other_opt(struct pstate *ps, struct expr *e, const struct loc *l, const char *opt,
			 const char *n);

/* statements */
struct stmt *b_stmt_expr(struct pstate *ps, const struct loc *l, struct expr *e);
struct stmt *b_stmt_verdict(struct pstate *ps, const struct loc *l, struct expr *v);
struct stmt *b_counter(struct pstate *ps, const struct loc *l, const char *packets,
		       const char *bytes);
struct stmt *b_log(struct pstate *ps, const struct loc *l);
struct stmt *b_log_opt(struct pstate *ps, struct stmt *s, enum log_opt o, const struct loc *l,
		       const char *v);
struct stmt *b_log_flags(struct pstate *ps, struct stmt *s, const struct loc *l,
			 const char *proto, struct expr *words);
struct stmt *b_limit(struct pstate *ps, const struct loc *l, bool over, const char *rate,
		     const char *rate_unit, const struct loc *ul, const char *per);
/* `limit rate N kbytes/second`: the unit and the time in one word */
struct stmt *b_limit_word(struct pstate *ps, const struct loc *l, bool over, const char *rate,
			  const struct loc *ul, const char *word);
struct stmt *b_limit_burst(struct pstate *ps, struct stmt *s, const struct loc *l,
			   const char *n, const char *unit);
struct stmt *b_set_stmt(struct pstate *ps, const struct loc *l, struct expr *key,
			struct expr *value);
struct stmt *b_nat(struct pstate *ps, const struct loc *l, enum nat_kind k, const char *family,
		   uint32_t type_flags);
struct stmt *b_nat_to(struct pstate *ps, struct stmt *s, struct expr *target);
/* `type K : interval D`: map data that are ranges (w, at wl, must be `interval`) */
struct expr *b_data_interval(struct pstate *ps, const struct loc *wl, const char *w,
			     struct expr *data);
/* `dnat ip addr . port to …`: `port` checked (wl: where it is written) */
struct stmt *b_nat_addr_port(struct pstate *ps, const struct loc *l, enum nat_kind k,
			     const char *family, const struct loc *wl, const char *word);
struct stmt *b_nat_flags(struct pstate *ps, struct stmt *s, uint32_t flags);
struct stmt *b_reject(struct pstate *ps, const struct loc *l);
struct stmt *b_reject_with(struct pstate *ps, struct stmt *s, const struct loc *wl,
			   const char *what, struct expr *code);
struct stmt *b_simple(struct pstate *ps, const struct loc *l, enum stmt_kind k);
struct stmt *b_connlimit(struct pstate *ps, const struct loc *l, bool over, const char *n);
struct stmt *b_dynset(struct pstate *ps, const struct loc *l, uint32_t op, struct expr *set,
		      struct expr *key, struct expr *data);
/* `meter NAME [size N]` (its key added by b_meter): a STMT_SET with dyn.meter. */
struct stmt *b_meter_head(struct pstate *ps, const struct loc *l, const struct loc *nl,
			  const char *name, const struct loc *sl, const char *size);
struct stmt *b_meter(struct pstate *ps, struct stmt *head, struct expr *key, const struct loc *l);
struct stmt *b_dynset_timeout(struct pstate *ps, struct stmt *s, const struct loc *l,
			      const char *t);
struct stmt *b_dynset_stmts(struct pstate *ps, struct stmt *s, struct stmt *add);
struct stmt *b_queue(struct pstate *ps, const struct loc *l);
struct stmt *b_queue_opt(struct pstate *ps, struct stmt *s, const struct loc *l,
			 const char *word, const char *a, const char *b);
struct stmt *b_queue_to(struct pstate *ps, struct stmt *s, struct expr *e);
struct stmt *b_quota(struct pstate *ps, const struct loc *l, bool over, const char *n,
		     const char *unit);

struct stmt *b_quota_used(struct pstate *ps, struct stmt *s, const struct loc *l, const char *n,
			  const char *unit);
struct stmt *b_objref(struct pstate *ps, const struct loc *l, uint32_t type, struct expr *name);
struct stmt *b_steer(struct pstate *ps, const struct loc *l, enum stmt_kind k, const char *family,
		     struct expr *addr, struct expr *dev, struct expr *port);
struct stmt *b_synproxy_opt(struct pstate *ps, struct stmt *s, const struct loc *l,
			    const char *opt, const char *n);
struct stmt *b_last(struct pstate *ps, const struct loc *l, const struct loc *tl, const char *t);

/* option-like headers, tunnels, osf, ipsec (build_exthdr.c) */
struct expr *b_exthdr6(struct pstate *ps, const struct loc *l, const struct loc *hl,
		       const char *hdr, const struct loc *fl, const char *field);
struct expr *b_option(struct pstate *ps, const struct loc *l, const char *proto,
		      const struct loc *nl, const char *name, const struct loc *fl,
		      const char *field);
struct expr *b_option_raw(struct pstate *ps, const struct loc *l, const char *proto,
			  const char *kind, const char *off, const char *len);
/* `rt classid|mtu|…` (EXPR_RT) or the ip6 routing header `rt nexthdr|hdrlength|seg-left` */
struct expr *b_rt_word(struct pstate *ps, const struct loc *l, const struct loc *wl,
		       const char *word);
struct stmt *b_exthdr_reset(struct pstate *ps, const struct loc *l, struct expr *e);
struct expr *b_tunnel(struct pstate *ps, const struct loc *l, const struct loc *tl,
		      const char *tunnel, const char *proto, const struct loc *fl,
		      const char *field);
struct expr *b_osf(struct pstate *ps, const struct loc *l, const struct loc *tl, const char *ttl,
		   const struct loc *kl, const char *key);
struct expr *b_xfrm(struct pstate *ps, const struct loc *l, const struct loc *dl, const char *dir,
		    const char *spnum, const char *proto, const struct loc *kl, const char *key);

/* named objects and flowtables (build_obj.c) */
struct obj_decl *b_obj(struct pstate *ps, const struct loc *l, uint32_t type, struct stmt *s);
struct obj_decl *b_obj_opt(struct pstate *ps, struct obj_decl *o, const struct loc *kl,
			   const char *key, const struct loc *vl, const char *value);
struct obj_decl *b_obj_cfg(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			   struct obj_decl *cfg);
struct obj_decl *b_obj_synproxy(struct pstate *ps, struct obj_decl *o, const struct loc *l,
				const char *opt, const char *n);
struct obj_decl *b_obj_finish(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			      uint32_t type);
struct obj_decl *b_obj_policy(struct pstate *ps, struct obj_decl *o, const struct loc *l,
			      struct expr *set);
void b_emit_obj(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		const struct handle_spec *h, struct obj_decl *o);
enum cmd_obj b_obj_kind(uint32_t type);
uint32_t b_ct_obj_type(const char *word);
struct flowtable_decl *b_flowtable(struct pstate *ps, const struct loc *l);
struct flowtable_decl *b_ft_hook(struct pstate *ps, struct flowtable_decl *f,
				 const struct loc *hl, const char *hook, const struct loc *pl,
				 struct expr *prio);
struct flowtable_decl *b_ft_devices(struct pstate *ps, struct flowtable_decl *f, struct expr *d);
struct flowtable_decl *b_ft_flag(struct pstate *ps, struct flowtable_decl *f,
				 const struct loc *l, const char *flag);
void b_emit_flowtable(struct pstate *ps, const struct loc *l, enum cmd_op op,
		      const struct handle_spec *h, struct flowtable_decl *f);
struct stmt *b_flow_offload(struct pstate *ps, const struct loc *l, struct expr *ref);
struct tblock *b_tblock_obj(struct pstate *ps, struct tblock *t, const struct loc *l,
			    const char *name, struct obj_decl *o);
struct tblock *b_tblock_flowtable(struct pstate *ps, struct tblock *t, const struct loc *l,
				  const char *name, struct flowtable_decl *f);
/* `$name` where a table or chain name is expected: the define must be a plain word */
char *b_var_name(struct pstate *ps, const struct loc *l, const char *name);

/* rules */
struct rule *b_rule(struct pstate *ps, const struct loc *l, struct stmt *s);
struct rule *b_rule_add(struct pstate *ps, struct rule *r, struct stmt *s);
struct rule *b_rule_comment(struct pstate *ps, struct rule *r, const char *c);

/* object names */
int b_family(struct pstate *ps, const struct loc *l, const char *name, uint32_t *out);
/* `ip` or `ip6` before an address or key (`ct original ip saddr`, `fwd ip to`,
 * `snat ip6 to`, `rt ip6 nexthop`) → NFPROTO_IPV4/IPV6; false, with the error reported
 * at `l` and *out untouched, for any other word. */
bool b_ip_family(struct pstate *ps, const struct loc *l, const char *word, uint32_t *out);
/* A number of the input that must fit `max`: false, with the error reported at `l`,
 * when it is not a number or does not fit (nothing is silently truncated). */
bool b_uint(struct pstate *ps, const struct loc *l, const char *num, uint64_t max,
	    uint64_t *out);
/* An object name (table, chain, set, object, flowtable): false, with nft's error,
 * when it is longer than the kernel's names can be. */
bool b_name_ok(struct pstate *ps, const struct loc *l, const char *name);

/* commands */
struct cmd *b_cmd(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		  const struct handle_spec *h);
struct cmd *b_emit(struct pstate *ps, struct cmd *c);
/* nft's location of a `get element` runs through the newline or `;` that ends it (and
 * on the command line through the newline nft adds to it): the last command's span is
 * stretched to `end`, the separator (at_end: the end of the input). */
void b_cmd_through(struct pstate *ps, const struct loc *end, bool at_end);
/* A zeroed handle spec for the grammar's table/chain/set specs. */
struct handle_spec *b_handle(struct pstate *ps);
void b_emit_table(struct pstate *ps, const struct loc *l, enum cmd_op op,
		  const struct handle_spec *h, struct tblock *tb);
void b_emit_chain(struct pstate *ps, const struct loc *l, enum cmd_op op,
		  const struct handle_spec *h, struct chain_decl *c);
void b_emit_set(struct pstate *ps, const struct loc *l, enum cmd_op op, enum cmd_obj obj,
		const struct handle_spec *h, struct set_decl *s);

/* table blocks */
struct tblock *b_tblock(struct pstate *ps, const struct loc *l);
struct tblock *b_tblock_flag(struct pstate *ps, struct tblock *t, const struct loc *l,
			     const char *flag);
struct tblock *b_tblock_comment(struct pstate *ps, struct tblock *t, const char *c);
struct tblock *b_tblock_chain(struct pstate *ps, struct tblock *t, const struct loc *l,
			      const char *name, struct chain_decl *c);
struct tblock *b_tblock_set(struct pstate *ps, struct tblock *t, const struct loc *l,
			    const char *name, struct set_decl *s, bool is_map);

/* chain blocks */
struct chain_decl *b_chain(struct pstate *ps, const struct loc *l);
struct chain_decl *b_chain_hook(struct pstate *ps, struct chain_decl *c, const struct loc *tl,
				const char *type, const struct loc *hl, const char *hook,
				struct expr *prio);
struct chain_decl *b_chain_dev(struct pstate *ps, struct chain_decl *c, struct expr *dev);
struct chain_decl *b_chain_policy(struct pstate *ps, struct chain_decl *c, struct expr *p);
struct chain_decl *b_chain_comment(struct pstate *ps, struct chain_decl *c, const char *s);
struct chain_decl *b_chain_rule(struct pstate *ps, struct chain_decl *c, struct rule *r);
struct expr *b_prio(struct pstate *ps, const struct loc *l, const char *base, char sign,
		    const char *num);

/* set / map blocks */
struct set_decl *b_setd(struct pstate *ps, const struct loc *l);
struct expr *b_type(struct pstate *ps, const struct loc *l, const char *name);
struct set_decl *b_setd_type(struct pstate *ps, struct set_decl *s, struct expr *key,
			     struct expr *data, bool typeof_);
struct set_decl *b_setd_objtype(struct pstate *ps, struct set_decl *s, struct expr *key,
				const struct loc *l, const char *obj);
struct set_decl *b_setd_flags(struct pstate *ps, struct set_decl *s, struct expr *flags);
struct set_decl *b_setd_time(struct pstate *ps, struct set_decl *s, const struct loc *l,
			     const char *t, bool gc);
struct set_decl *b_setd_size(struct pstate *ps, struct set_decl *s, const struct loc *l,
			     const char *n);
struct set_decl *b_setd_policy(struct pstate *ps, struct set_decl *s, const struct loc *l,
			       const char *p);
struct set_decl *b_setd_elems(struct pstate *ps, struct set_decl *s, struct expr *elems);
struct set_decl *b_setd_comment(struct pstate *ps, struct set_decl *s, const char *c);
struct set_decl *b_setd_stmt(struct pstate *ps, struct set_decl *s, struct stmt *st);
struct set_decl *b_setd_automerge(struct pstate *ps, struct set_decl *s);

/* define / include (defines.c, include.c) */
int b_define(struct pstate *ps, const struct loc *l, const char *name, struct expr *e,
	     bool redefine);
int b_undefine(struct pstate *ps, const struct loc *l, const char *name);
int b_include(struct pstate *ps, const struct loc *l, const char *path);

/* Reads a file into the arena as a source named `name` (parser.c); NULL if unreadable. */
/* The most input one run reads, all files and includes together, and how long a FIFO
 * named as input may stay without a writer when stdin is not a terminal (nftc(8)). */
#define INPUT_MAX ((size_t)256 << 20)
#define FIFO_WAIT_SECONDS 10
/* Reads FILE ("-": stdin) into the arena (source_read.c). NULL, with the error
 * recorded at `at` (the include; NULL for -f) in nft's words ("Could not open file",
 * "Not a regular file" ...), when it cannot be read or is beyond the limits above. */
const struct source *source_read(struct parse_ctx *ctx, const struct loc *at, const char *path,
				 const char *name);

/* time strings: "1h2m3s", "100ms", bare number = seconds */
int parse_time_ms(const char *s, uint64_t *ms);

#endif
