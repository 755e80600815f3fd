/* The nft grammar (bison, pure, with locations). Actions are one line each and call
 * the constructors of build.h (build_*.c); `table { }` blocks are collected and expanded into
 * commands when they close. Errors: bison's "syntax error, unexpected X, expecting
 * Y" at the lookahead token, then recovery at the next command separator. */
%define api.pure full
%define api.prefix {nftc_yy}
%define api.token.prefix {TOK_}
%define api.location.type {struct loc}
%define parse.error verbose
%locations
%param {void *scanner}
%parse-param {struct pstate *ps}

%code requires {
#include "parser/build.h"
}

%code {
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
/* bison's default, named: how deep input may nest (sets in sets, blocks), documented
 * in nftc(8); deeper input is a located error, never a crash */
#define YYMAXDEPTH 10000
int nftc_yylex(NFTC_YYSTYPE *lval, NFTC_YYLTYPE *lloc, void *scanner);
/* nft has one token for quoted and unquoted strings: say "string" for both. */
static void nftc_yyerror(NFTC_YYLTYPE *l, void *scanner, struct pstate *ps, const char *msg)
{
	char buf[512];
	const char *dup = "string or quoted string";
	const char *p = strstr(msg, dup);
	(void)scanner;
	if (!strcmp(msg, "memory exhausted")) {
		/* bison's stack reached YYMAXDEPTH: input nested deeper than nft takes */
		diag_error(ps->ctx->errs, l, "nested too deeply (more than %d levels of parsing)",
			   YYMAXDEPTH);
		return;
	}
	if (p && (size_t)(p - msg) < sizeof(buf)) {
		snprintf(buf, sizeof(buf), "%.*sstring%s", (int)(p - msg), msg, p + strlen(dup));
		msg = buf;
	}
	diag_error(ps->ctx->errs, l, "%s", msg);
}
/* A unit reduction (most of them: `shift_expr: primary` and the like) keeps its one
 * symbol's location as it is. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
	if ((N) == 1) (Cur) = YYRHSLOC(Rhs, 1); \
	else if (N) (Cur) = loc_join(&YYRHSLOC(Rhs, 1), &YYRHSLOC(Rhs, N)); \
	else { (Cur) = YYRHSLOC(Rhs, 0); (Cur).first_col = (Cur).last_col + 1; (Cur).last_col = (Cur).first_col; } \
} while (0)
#define CHK(x) do { if (!(x)) YYERROR; } while (0)
#define A (ps->a)
}

%union {
	struct obj_decl *obj;
	struct flowtable_decl *ft;
	char *str;
	struct expr *expr;
	struct stmt *stmt;
	struct rule *rule;
	struct handle_spec *hs;   /* a pointer: the parser stack copies its values */
	struct tblock *tblock;
	struct chain_decl *chain;
	struct set_decl *set;
	uint32_t u32;
	int num;
	struct elem_span *span;
	struct rule_span *rspan;
}

%token END 0 "end of file"
%token <str> NEWLINE "newline" SEMICOLON "semicolon" COMMA "comma"
%token <str> STRING "string" QUOTED "quoted string" NUMBER "number" VARIABLE "variable"
%token <str> JUNK "junk"
%token <span> ELEMS_RAW "element list"
%token START_ELEMS "start of an element list"
%token START_ELEMS_TAIL "rest of an element list"
%token <rspan> RULE_RAW "rule text"
%token START_RULE "start of a rule"
%token EQ "==" NEQ "!=" LT "<" GT ">" LTE "<=" GTE ">=" LSHIFT "<<" RSHIFT ">>"
%token <str> COLON "colon"
%token <str> '{' '}' '[' ']' '(' ')' '.' '=' '@' '/' '-' '+' '*' '|' '&' '^' '!'

%token <str> ADD "add" CREATE "create" INSERT "insert" REPLACE "replace" DELETE "delete"
%token <str> DESTROY "destroy" LIST "list" FLUSH "flush" RENAME "rename" RESET "reset"
%token <str> GET "get" UPDATE "update" DESCRIBE "describe"
%token <str> TABLE "table" CHAIN "chain" RULE "rule" SET "set" MAP "map" ELEMENT "element"
%token <str> RULESET "ruleset" TABLES "tables" CHAINS "chains" SETS "sets" MAPS "maps"
%token <str> COUNTERS "counters" RULES "rules"
%token <str> HANDLE "handle" POSITION "position" INDEX "index"
%token <str> INCLUDE "include" DEFINE "define" REDEFINE "redefine" UNDEFINE "undefine"
%token <str> INET "inet" BRIDGE "bridge" NETDEV "netdev" PROTO "protocol name"
%token <str> TYPE "type" HOOK "hook" DEVICE "device" DEVICES "devices" PRIORITY "priority"
%token <str> POLICY "policy" FLAGS "flags" COMMENT "comment" TYPEOF "typeof"
%token <str> TIMEOUT "timeout" EXPIRES "expires" GC_INTERVAL "gc-interval" SIZE "size"
%token <str> ELEMENTS "elements" AUTO_MERGE "auto-merge"
%token <str> ACCEPT "accept" DROP "drop" CONTINUE "continue" RETURN "return" JUMP "jump"
%token <str> GOTO "goto" QUEUE "queue" COUNTER "counter" PACKETS "packets" BYTES "bytes"
%token <str> LOG "log" PREFIX "prefix" LEVEL "level" GROUP "group" SNAPLEN "snaplen"
%token <str> QUEUE_THRESHOLD "queue-threshold" LIMIT "limit" RATE "rate" OVER "over"
%token <str> BURST "burst" META "meta" CT "ct" SNAT "snat" DNAT "dnat" ADDR "addr"
%token <str> MASQUERADE "masquerade" REDIRECT "redirect" TO "to" RANDOM "random"
%token <str> PERSISTENT "persistent" FULLY_RANDOM "fully-random" REJECT "reject" WITH "with"
%token <str> NOTRACK "notrack" VMAP "vmap" ORIGINAL "original" REPLY "reply"
%token <str> NUM "num" BYPASS "bypass" FANOUT "fanout"
%token <str> COUNT "count" QUOTA "quota" UNTIL "until" USED "used"
%token <str> NAME "name" DUP "dup" FWD "fwd" TPROXY "tproxy" SYNPROXY "synproxy" LAST "last"
%token <str> NUMGEN "numgen" JHASH "jhash" SYMHASH "symhash" MOD "mod" SEED "seed" OFFSET "offset"
%token <str> FIB "fib" RT "rt" SOCKET "socket"
%token <str> CHUNK "chunk" EXTHDR_NAME "exthdr name" EXISTS "exists" MISSING "missing"
%token <str> EXTHDR "exthdr" OPTION "option" TUNNEL "tunnel name" OSF "osf" IPSEC "ipsec"
%token <str> SPNUM "spnum" TTL "ttl" VERSION "version"
%token <str> FLOWTABLE "flowtable" FLOW "flow" SECMARK "secmark" QUOTAS "quotas" LIMITS "limits"
%token <str> FLOWTABLES "flowtables"
%token <str> METER "meter" METERS "meters"
%token <str> MSS "mss" WSCALE "wscale" TIMESTAMP "timestamp" SACK_PERM "sack-perm"

%type <str> queue_flag ident string_val any_word field_word key_word type_word
%type <hs> table_spec chain_spec set_spec rule_spec table_or_handle chain_or_handle
%type <hs> set_or_handle family_only
%type <u32> relop nat_flags nat_flag nat_kw nat_tflags
%type <num> family_opt ct_dir dynset_op
%type <expr> expr concat_expr or_expr xor_expr and_expr shift_expr primary
%type <expr> rhs_pconcat rhs_pfx
%type <expr> value_expr value_list rhs_expr rhs_flags rhs_flaglist rhs_concat rhs_item
%type <expr> rhs_or rhs_prim kw_value set_block set_body set_list set_item elem_key
%type <expr> elem_concat elem_part elem_data verdict_expr map_target
%type <expr> set_ref dyn_ref port_expr prio_spec policy_val dev_spec type_spec typeof_expr
%type <expr> exthdr_expr opt_field
%type <str> inner_field hdr_field opt_name osf_ttl osf_key spnum_opt
%type <expr> other_expr fib_flags define_value log_words set_flags set_flag_word reject_code nat_target
%type <num> over_opt
%type <stmt> stmt counter_stmt log_stmt limit_stmt nat_stmt reject_stmt queue_stmt
%type <stmt> dynset_stmt meter_stmt meter_head quota_stmt steer_stmt synproxy_stmt
%type <obj> obj_items obj_cfg_ne counter_cfg quota_cfg limit_cfg synproxy_cfg secmark_cfg ct_body ct_line obj_cfg obj_block
%type <ft> ft_body
%type <u32> simple_obj ct_obj_word
%type <str> name_ident obj_name obj_ident ct_val obj_map_word
%type <stmt> limit_body synproxy_body dyn_stmts dyn_stmt
%type <rule> rule
%type <tblock> table_block table_body
%type <chain> chain_block chain_body bound_chain bound_body
%type <set> set_decl_block set_decl_body

%expect 7  /* 1: `log flags ether` followed by a bare meta key: shift (log words); 6: after `tcp option X`, `sctp chunk X`, `gre ip` a following word or `flags` is taken as the field (longest match) */

%start top

%%

top		: input
		| START_ELEMS stream_block nl_opt
		| START_ELEMS_TAIL stream_body '}' nl_opt
		| START_RULE rule nl_opt				{ ps->rule_out = $2; }
		;

/* A raw element list parsed again (elem_span.c), item by item; shaped as set_block so
 * that a syntax error reads as it would there. START_ELEMS_TAIL: the rest of such a
 * list from an item on, after the fast reader (elem_fast.c) has taken the items before. */
stream_block	: '{' stream_body '}'
		;
stream_body	: nl_opt
		| nl_opt stream_list nl_opt
		| nl_opt stream_list COMMA nl_opt
		;
stream_list	: set_item						{ CHK(!b_stream_item(ps, $1)); }
		| stream_list COMMA nl_opt set_item			{ CHK(!b_stream_item(ps, $4)); }
		;

input		: %empty
		| input line
		;

sep		: NEWLINE | SEMICOLON ;
nl_opt		: %empty | nl_opt NEWLINE ;

line		: sep
		| command sep						{ b_cmd_through(ps, &@2, false); }
		| command END						{ b_cmd_through(ps, &@2, true); }
		| TABLE table_spec table_block				{ b_emit_table(ps, &@$, CMD_ADD, $2, $3); }
		| DEFINE ident '=' define_value sep			{ CHK(!b_define(ps, &@2, $2, $4, false)); }
		| REDEFINE ident '=' define_value sep			{ CHK(!b_define(ps, &@2, $2, $4, true)); }
		| UNDEFINE ident sep					{ CHK(!b_undefine(ps, &@2, $2)); }
		| INCLUDE QUOTED sep					{ CHK(!b_include(ps, &@$, $2)); }
		| error sep						{ yyerrok; }
		;

/* a `$name` in a define's value stays a reference (defines.c) */
define_value	: define_start rhs_expr					{ ps->in_define = false; $$ = $2; }
		;
define_start	: %empty						{ ps->in_define = true; }
		;

/* ------------------------------------------------------------ commands */

command		: ADD TABLE table_spec					{ b_emit_table(ps, &@$, CMD_ADD, $3, NULL); }
		| ADD TABLE table_spec table_block			{ b_emit_table(ps, &@$, CMD_ADD, $3, $4); }
		| CREATE TABLE table_spec				{ b_emit_table(ps, &@$, CMD_CREATE, $3, NULL); }
		| CREATE TABLE table_spec table_block			{ b_emit_table(ps, &@$, CMD_CREATE, $3, $4); }
		| ADD CHAIN chain_spec					{ b_emit_chain(ps, &@$, CMD_ADD, $3, NULL); }
		| ADD CHAIN chain_spec chain_block			{ b_emit_chain(ps, &@$, CMD_ADD, $3, $4); }
		| CREATE CHAIN chain_spec				{ b_emit_chain(ps, &@$, CMD_CREATE, $3, NULL); }
		| CREATE CHAIN chain_spec chain_block			{ b_emit_chain(ps, &@$, CMD_CREATE, $3, $4); }
		| ADD SET set_spec set_decl_block			{ b_emit_set(ps, &@$, CMD_ADD, OBJ_SET, $3, $4); }
		| CREATE SET set_spec set_decl_block			{ b_emit_set(ps, &@$, CMD_CREATE, OBJ_SET, $3, $4); }
		| ADD MAP set_spec set_decl_block			{ b_emit_set(ps, &@$, CMD_ADD, OBJ_MAP, $3, $4); }
		| CREATE MAP set_spec set_decl_block			{ b_emit_set(ps, &@$, CMD_CREATE, OBJ_MAP, $3, $4); }
		| ADD RULE rule_spec rule				{ b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_RULE, $3))->rule = $4; }
		| INSERT RULE rule_spec rule				{ b_emit(ps, b_cmd(ps, &@$, CMD_INSERT, OBJ_RULE, $3))->rule = $4; }
		| REPLACE RULE rule_spec rule				{ b_emit(ps, b_cmd(ps, &@$, CMD_REPLACE, OBJ_RULE, $3))->rule = $4; }
		| ADD rule_spec rule					{ b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_RULE, $2))->rule = $3; }
		| ADD ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_ELEMENT, $3))->elems = $4; }
		| CREATE ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_CREATE, OBJ_ELEMENT, $3))->elems = $4; }
		| ADD ELEMENT set_spec ELEMS_RAW			{ CHK(!b_elems_cmd(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_ELEMENT, $3), &@4, $4)); }
		| CREATE ELEMENT set_spec ELEMS_RAW			{ CHK(!b_elems_cmd(ps, b_cmd(ps, &@$, CMD_CREATE, OBJ_ELEMENT, $3), &@4, $4)); }
		| ADD ELEMENT set_spec VARIABLE				{ struct expr *v; CHK(v = b_var_elems(ps, &@4, $4)); b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_ELEMENT, $3))->elems = v; }
		| CREATE ELEMENT set_spec VARIABLE			{ struct expr *v; CHK(v = b_var_elems(ps, &@4, $4)); b_emit(ps, b_cmd(ps, &@$, CMD_CREATE, OBJ_ELEMENT, $3))->elems = v; }
		| DELETE ELEMENT set_spec VARIABLE			{ struct expr *v; CHK(v = b_var_elems(ps, &@4, $4)); b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_ELEMENT, $3))->elems = v; }
		| DELETE ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_ELEMENT, $3))->elems = $4; }
		| DESTROY ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_ELEMENT, $3))->elems = $4; }
		| GET ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_GET, OBJ_ELEMENT, $3))->elems = $4; }
		| RESET ELEMENT set_spec set_block			{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_ELEMENT, $3))->elems = $4; }
		| DELETE TABLE table_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_TABLE, $3)); }
		| DESTROY TABLE table_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_TABLE, $3)); }
		| DESCRIBE expr						{ b_emit(ps, b_cmd(ps, &@$, CMD_DESCRIBE, OBJ_RULE, NULL))->elems = $2; }
		| DELETE CHAIN chain_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_CHAIN, $3)); }
		| DESTROY CHAIN chain_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_CHAIN, $3)); }
		| DELETE RULE rule_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_RULE, $3)); }
		| DESTROY RULE rule_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_RULE, $3)); }
		| DELETE SET set_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_SET, $3)); }
		| DESTROY SET set_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_SET, $3)); }
		| DELETE MAP set_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DELETE, OBJ_MAP, $3)); }
		| DESTROY MAP set_or_handle				{ b_emit(ps, b_cmd(ps, &@$, CMD_DESTROY, OBJ_MAP, $3)); }
		| LIST TABLE table_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_TABLE, $3)); }
		| LIST CHAIN chain_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_CHAIN, $3)); }
		| LIST SET set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_SET, $3)); }
		| LIST MAP set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_MAP, $3)); }
		| LIST RULESET family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_RULESET, $3)); }
		| LIST TABLES family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_TABLES, $3)); }
		| LIST CHAINS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_CHAINS, $3)); }
		| LIST METER set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_METER, $3)); }
		| LIST METERS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_METERS, $3)); }
		| LIST SETS family_only					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_SETS, $3)); }
		| LIST MAPS family_only					{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_MAPS, $3)); }
		| LIST SETS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_SETS, $4)); }
		| LIST MAPS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_MAPS, $4)); }
		| LIST CHAINS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_CHAINS, $4)); }
		| LIST COUNTERS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_COUNTERS, $3)); }
		| LIST COUNTERS TABLE table_spec			{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_COUNTERS, $4)); }
		| LIST QUOTAS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_QUOTAS, $4)); }
		| LIST LIMITS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_LIMITS, $4)); }
		| RESET COUNTERS TABLE table_spec			{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_COUNTERS, $4)); }
		| RESET QUOTAS TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_QUOTAS, $4)); }
		| FLUSH RULESET family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_FLUSH, OBJ_RULESET, $3)); }
		| FLUSH TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_FLUSH, OBJ_TABLE, $3)); }
		| FLUSH CHAIN chain_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_FLUSH, OBJ_CHAIN, $3)); }
		| FLUSH SET set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_FLUSH, OBJ_SET, $3)); }
		| FLUSH MAP set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_FLUSH, OBJ_MAP, $3)); }
		| RENAME CHAIN chain_spec obj_ident			{ b_emit(ps, b_cmd(ps, &@$, CMD_RENAME, OBJ_CHAIN, $3))->new_name = $4; }
		| RESET COUNTERS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_COUNTERS, $3)); }
		| RESET RULES family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_RULESET, $3)); }
		| RESET RULES TABLE table_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_TABLE, $4)); }
		| RESET RULES CHAIN chain_spec				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_CHAIN, $4)); }
		| RESET RULE rule_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_RULE, $3)); }
		| RESET SET set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_SET, $3)); }
		| RESET MAP set_spec					{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_MAP, $3)); }
		| ADD simple_obj set_spec obj_cfg			{ CHK($4 = b_obj_finish(ps, $4, &@$, $2)); b_emit_obj(ps, &@$, CMD_ADD, b_obj_kind($2), $3, $4); }
		| CREATE simple_obj set_spec obj_cfg			{ CHK($4 = b_obj_finish(ps, $4, &@$, $2)); b_emit_obj(ps, &@$, CMD_CREATE, b_obj_kind($2), $3, $4); }
		| ADD CT ct_obj_word set_spec '{' ct_body '}'		{ CHK($6 = b_obj_finish(ps, $6, &@$, $3)); b_emit_obj(ps, &@$, CMD_ADD, b_obj_kind($3), $4, $6); }
		| CREATE CT ct_obj_word set_spec '{' ct_body '}'	{ CHK($6 = b_obj_finish(ps, $6, &@$, $3)); b_emit_obj(ps, &@$, CMD_CREATE, b_obj_kind($3), $4, $6); }
		| DELETE simple_obj set_or_handle			{ b_emit_obj(ps, &@$, CMD_DELETE, b_obj_kind($2), $3, NULL); }
		| DESTROY simple_obj set_or_handle			{ b_emit_obj(ps, &@$, CMD_DESTROY, b_obj_kind($2), $3, NULL); }
		| LIST simple_obj set_spec				{ b_emit_obj(ps, &@$, CMD_LIST, b_obj_kind($2), $3, NULL); }
		| RESET simple_obj set_spec				{ b_emit_obj(ps, &@$, CMD_RESET, b_obj_kind($2), $3, NULL); }
		| DELETE CT ct_obj_word set_or_handle			{ b_emit_obj(ps, &@$, CMD_DELETE, b_obj_kind($3), $4, NULL); }
		| DESTROY CT ct_obj_word set_or_handle			{ b_emit_obj(ps, &@$, CMD_DESTROY, b_obj_kind($3), $4, NULL); }
		| LIST CT ct_obj_word set_spec				{ b_emit_obj(ps, &@$, CMD_LIST, b_obj_kind($3), $4, NULL); }
		| LIST QUOTAS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_QUOTAS, $3)); }
		| LIST LIMITS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_LIMITS, $3)); }
		| RESET QUOTAS family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_RESET, OBJ_QUOTAS, $3)); }
		| LIST FLOWTABLES family_only				{ b_emit(ps, b_cmd(ps, &@$, CMD_LIST, OBJ_FLOWTABLES, $3)); }
		| ADD FLOWTABLE set_spec '{' ft_body '}'		{ b_emit_flowtable(ps, &@$, CMD_ADD, $3, $5); }
		| CREATE FLOWTABLE set_spec '{' ft_body '}'		{ b_emit_flowtable(ps, &@$, CMD_CREATE, $3, $5); }
		| DELETE FLOWTABLE set_or_handle			{ b_emit_flowtable(ps, &@$, CMD_DELETE, $3, NULL); }
		| DESTROY FLOWTABLE set_or_handle			{ b_emit_flowtable(ps, &@$, CMD_DESTROY, $3, NULL); }
		| LIST FLOWTABLE set_spec				{ b_emit_flowtable(ps, &@$, CMD_LIST, $3, NULL); }
		/* `add` is optional, as in nft: `table inet fw4`, `chain inet fw4 input { … }` */
		| TABLE table_spec					{ b_emit_table(ps, &@$, CMD_ADD, $2, NULL); }
		| CHAIN chain_spec					{ b_emit_chain(ps, &@$, CMD_ADD, $2, NULL); }
		| CHAIN chain_spec chain_block				{ b_emit_chain(ps, &@$, CMD_ADD, $2, $3); }
		| SET set_spec set_decl_block				{ b_emit_set(ps, &@$, CMD_ADD, OBJ_SET, $2, $3); }
		| MAP set_spec set_decl_block				{ b_emit_set(ps, &@$, CMD_ADD, OBJ_MAP, $2, $3); }
		| RULE rule_spec rule					{ b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_RULE, $2))->rule = $3; }
		| ELEMENT set_spec set_block				{ b_emit(ps, b_cmd(ps, &@$, CMD_ADD, OBJ_ELEMENT, $2))->elems = $3; }
		| simple_obj set_spec obj_cfg				{ CHK($3 = b_obj_finish(ps, $3, &@$, $1)); b_emit_obj(ps, &@$, CMD_ADD, b_obj_kind($1), $2, $3); }
		| CT ct_obj_word set_spec '{' ct_body '}'		{ CHK($5 = b_obj_finish(ps, $5, &@$, $2)); b_emit_obj(ps, &@$, CMD_ADD, b_obj_kind($2), $3, $5); }
		| FLOWTABLE set_spec '{' ft_body '}'			{ b_emit_flowtable(ps, &@$, CMD_ADD, $2, $4); }
		;

/* named objects: NFT_OBJECT_* of the keyword; their bodies with or without braces */
simple_obj	: COUNTER { $$ = NFT_OBJECT_COUNTER; } | QUOTA { $$ = NFT_OBJECT_QUOTA; }
		| LIMIT { $$ = NFT_OBJECT_LIMIT; } | SYNPROXY { $$ = NFT_OBJECT_SYNPROXY; }
		| SECMARK { $$ = NFT_OBJECT_SECMARK; }
		;
ct_obj_word	: STRING						{ CHK($$ = b_ct_obj_type($1)); }
		| TIMEOUT						{ $$ = NFT_OBJECT_CT_TIMEOUT; }
		;
/* the type is checked by b_obj_finish against the keyword */
obj_cfg		: obj_cfg_ne | synproxy_cfg | obj_block
		| %empty						{ $$ = b_obj(ps, &@$, NFT_OBJECT_COUNTER, b_counter(ps, &@$, NULL, NULL)); }
		;
obj_cfg_ne	: counter_cfg | quota_cfg | limit_cfg | secmark_cfg ;
obj_block	: '{' obj_items '}'					{ $$ = $2; }
		;
/* a block's items, split by newlines or semicolons: the type's fields (synproxy's one
 * option at a time) and a comment, in any order; the type is checked by b_obj_finish */
obj_items	: %empty						{ $$ = b_obj(ps, &@$, 0, NULL); }
		| obj_items sep
		| obj_items obj_cfg_ne					{ CHK($$ = b_obj_cfg(ps, $1, &@2, $2)); }
		| obj_items COMMENT string_val				{ CHK($$ = b_obj_opt(ps, $1, &@2, "comment", &@3, $3)); }
		| obj_items MSS NUMBER					{ CHK($$ = b_obj_synproxy(ps, $1, &@3, $2, $3)); }
		| obj_items WSCALE NUMBER				{ CHK($$ = b_obj_synproxy(ps, $1, &@3, $2, $3)); }
		| obj_items TIMESTAMP					{ CHK($$ = b_obj_synproxy(ps, $1, &@2, $2, NULL)); }
		| obj_items SACK_PERM					{ CHK($$ = b_obj_synproxy(ps, $1, &@2, $2, NULL)); }
		;
counter_cfg	: PACKETS NUMBER BYTES NUMBER				{ struct stmt *c; CHK(c = b_counter(ps, &@$, $2, $4)); $$ = b_obj(ps, &@$, NFT_OBJECT_COUNTER, c); }
		;
quota_cfg	: over_opt NUMBER STRING				{ struct stmt *q; CHK(q = b_quota(ps, &@$, $1, $2, $3)); $$ = b_obj(ps, &@$, NFT_OBJECT_QUOTA, q); }
		| over_opt NUMBER BYTES					{ struct stmt *q; CHK(q = b_quota(ps, &@$, $1, $2, $3)); $$ = b_obj(ps, &@$, NFT_OBJECT_QUOTA, q); }
		| quota_cfg USED NUMBER STRING				{ CHK(b_quota_used(ps, $1->stmt, &@3, $3, $4)); $$ = $1; }
		| quota_cfg USED NUMBER BYTES				{ CHK(b_quota_used(ps, $1->stmt, &@3, $3, $4)); $$ = $1; }
		;
limit_cfg	: limit_body						{ $$ = b_obj(ps, &@$, NFT_OBJECT_LIMIT, $1); }
		;
synproxy_cfg	: synproxy_body						{ $$ = b_obj(ps, &@$, NFT_OBJECT_SYNPROXY, $1); }
		;
secmark_cfg	: QUOTED						{ $$ = b_obj(ps, &@$, NFT_OBJECT_SECMARK, NULL); $$->str = $1; }
		;
/* a ct object's items: one or more on a line, which a separator ends (as nft has it) */
ct_body		: %empty						{ $$ = b_obj(ps, &@$, 0, NULL); }
		| ct_body sep
		| ct_line sep
		;
ct_line		: ct_body ct_item					{ $$ = $1; }
		| ct_line ct_item					{ $$ = $1; }
		;
ct_item		: TYPE string_val					{ CHK(b_obj_opt(ps, $<obj>0, &@1, "type", &@2, $2)); }
		| STRING ct_val						{ CHK(b_obj_opt(ps, $<obj>0, &@1, $1, &@2, $2)); }
		| TIMEOUT any_word					{ CHK(b_obj_opt(ps, $<obj>0, &@1, "timeout", &@2, $2)); }
		| SIZE NUMBER						{ CHK(b_obj_opt(ps, $<obj>0, &@1, "size", &@2, $2)); }
		| COMMENT string_val					{ CHK(b_obj_opt(ps, $<obj>0, &@1, "comment", &@2, $2)); }
		| POLICY '=' set_block					{ CHK(b_obj_policy(ps, $<obj>0, &@1, $3)); }
		;
ct_val		: STRING | NUMBER | QUOTED | PROTO | INET | BRIDGE | NETDEV ;

/* a flowtable's items: each ended by a separator, but `counter` (as nft has it) */
ft_body		: %empty						{ $$ = b_flowtable(ps, &@$); }
		| ft_body sep
		| ft_body HOOK STRING PRIORITY prio_spec sep		{ $$ = b_ft_hook(ps, $1, &@3, $3, &@5, $5); }
		| ft_body DEVICES '=' set_block sep			{ $$ = b_ft_devices(ps, $1, $4); }
		| ft_body DEVICES '=' VARIABLE sep			{ struct expr *v; CHK(v = b_var(ps, &@4, $4)); $$ = b_ft_devices(ps, $1, v); }
		| ft_body FLAGS STRING sep				{ CHK($$ = b_ft_flag(ps, $1, &@3, $3)); }
		| ft_body COUNTER					{ CHK($$ = b_ft_flag(ps, $1, &@2, "counter")); }
		;

family_opt	: %empty						{ $$ = -1; }
		| PROTO							{ uint32_t f; CHK(!b_family(ps, &@1, $1, &f)); $$ = (int)f; }
		| INET							{ $$ = NFPROTO_INET; }
		| BRIDGE						{ $$ = NFPROTO_BRIDGE; }
		| NETDEV						{ $$ = NFPROTO_NETDEV; }
		;

family_only	: family_opt						{ $$ = b_handle(ps); $$->family = (uint32_t)$1; }
		;

table_spec	: family_opt obj_name					{ $$ = b_handle(ps); $$->family = (uint32_t)$1; $$->table = $2; $$->table_loc = @2; }
		;
table_or_handle	: table_spec
		| family_only HANDLE NUMBER				{ $$ = $1; CHK(b_uint(ps, &@3, $3, UINT64_MAX, &$$->handle)); $$->has_handle = true; $$->handle_loc = @3; }
		;
chain_spec	: table_spec obj_name					{ $$ = $1; $$->chain = $2; $$->chain_loc = @2; }
		;
chain_or_handle	: chain_spec
		| table_spec HANDLE NUMBER				{ $$ = $1; CHK(b_uint(ps, &@3, $3, UINT64_MAX, &$$->handle)); $$->has_handle = true; $$->handle_loc = @3; }
		;
set_spec	: table_spec obj_ident					{ $$ = $1; $$->set = $2; $$->set_loc = @2; }
		;
set_or_handle	: set_spec
		| table_spec HANDLE NUMBER				{ $$ = $1; CHK(b_uint(ps, &@3, $3, UINT64_MAX, &$$->handle)); $$->has_handle = true; $$->handle_loc = @3; }
		;
rule_spec	: chain_spec
		| chain_spec HANDLE NUMBER				{ $$ = $1; CHK(b_uint(ps, &@3, $3, UINT64_MAX, &$$->handle)); $$->has_handle = true; $$->handle_loc = @3; }
		| chain_spec POSITION NUMBER				{ $$ = $1; CHK(b_uint(ps, &@3, $3, UINT64_MAX, &$$->position)); $$->has_position = true; $$->handle_loc = @3; }
		| chain_spec INDEX NUMBER				{ uint64_t n; $$ = $1; CHK(b_uint(ps, &@3, $3, UINT32_MAX, &n)); $$->index = (uint32_t)n; $$->has_index = true; $$->handle_loc = @3; }
		;

ident		: STRING | QUOTED | ADDR ;
name_ident	: ident
		| VARIABLE						{ CHK($$ = b_var_name(ps, &@1, $1)); }
		;
/* the name of a table, chain, set, map, object or flowtable being named */
obj_name	: name_ident						{ CHK(b_name_ok(ps, &@1, $1)); }
		;
obj_ident	: ident							{ CHK(b_name_ok(ps, &@1, $1)); }
		;
string_val	: STRING | QUOTED ;

/* ------------------------------------------------------------ table / chain / set blocks */

/* Each body collects items, each ended by a newline or a semicolon, the last one too:
 * nft refuses `{ accept }` and `chain c { … } }`, and so does nftc (a file one accepts
 * the other must too). Only the items nft lets stand without one say so below. Item
 * actions reach the body through $<>0. */
table_block	: '{' table_body '}'					{ $$ = $2; }
		;
table_body	: %empty						{ $$ = b_tblock(ps, &@$); }
		| table_body sep
		| table_body table_item sep
		| table_body table_block_item sep
		| table_body INCLUDE QUOTED sep				{ CHK(!b_include(ps, &@2, $3)); }
		| table_body error sep					{ $$ = $1; yyerrok; }
		;
table_item	: FLAGS table_flags
		| DEFINE ident '=' define_value				{ CHK(!b_define(ps, &@2, $2, $4, false)); }
		| REDEFINE ident '=' define_value			{ CHK(!b_define(ps, &@2, $2, $4, true)); }
		| UNDEFINE ident					{ CHK(!b_undefine(ps, &@2, $2)); }
		| COMMENT string_val					{ b_tblock_comment(ps, $<tblock>0, $2); }
		;
table_block_item: CHAIN obj_ident chain_block				{ b_tblock_chain(ps, $<tblock>0, &@2, $2, $3); }
		| SET obj_ident set_decl_block				{ b_tblock_set(ps, $<tblock>0, &@2, $2, $3, false); }
		| MAP obj_ident set_decl_block				{ b_tblock_set(ps, $<tblock>0, &@2, $2, $3, true); }
		| simple_obj obj_ident obj_block				{ CHK(b_obj_finish(ps, $3, &@2, $1)); b_tblock_obj(ps, $<tblock>0, &@2, $2, $3); }
		| CT ct_obj_word obj_ident '{' ct_body '}'		{ CHK(b_obj_finish(ps, $5, &@3, $2)); b_tblock_obj(ps, $<tblock>0, &@3, $3, $5); }
		| FLOWTABLE obj_ident '{' ft_body '}'			{ b_tblock_flowtable(ps, $<tblock>0, &@2, $2, $4); }
		;
table_flags	: STRING						{ CHK(b_tblock_flag(ps, $<tblock>-1, &@1, $1)); }
		| table_flags COMMA STRING				{ CHK(b_tblock_flag(ps, $<tblock>-1, &@3, $3)); }
		;

chain_block	: '{' chain_body '}'					{ $$ = $2; }
		;
chain_body	: %empty						{ $$ = b_chain(ps, &@$); }
		| chain_body sep
		| chain_body chain_item sep
		| chain_body INCLUDE QUOTED sep				{ CHK(!b_include(ps, &@2, $3)); }
		| chain_body error sep					{ $$ = $1; yyerrok; }
		;
chain_item	: DEFINE ident '=' define_value				{ CHK(!b_define(ps, &@2, $2, $4, false)); }
		| REDEFINE ident '=' define_value			{ CHK(!b_define(ps, &@2, $2, $4, true)); }
		| UNDEFINE ident					{ CHK(!b_undefine(ps, &@2, $2)); }
		| TYPE STRING HOOK STRING PRIORITY prio_spec		{ b_chain_hook(ps, $<chain>0, &@2, $2, &@4, $4, $6); }
		| TYPE STRING HOOK STRING dev_spec PRIORITY prio_spec	{ b_chain_dev(ps, b_chain_hook(ps, $<chain>0, &@2, $2, &@4, $4, $7), $5); }
		| DEVICES '=' set_block					{ b_chain_dev(ps, $<chain>0, $3); }
		| POLICY policy_val					{ b_chain_policy(ps, $<chain>0, $2); }
		| COMMENT string_val					{ b_chain_comment(ps, $<chain>0, $2); }
		| FLAGS STRING
		| rule							{ b_chain_rule(ps, $<chain>0, $1); }
		| RULE_RAW						{ struct rule *r; CHK(r = b_rule_raw(ps, &@1, $1)); b_chain_rule(ps, $<chain>0, r); }
		;
dev_spec	: DEVICE string_val					{ $$ = b_sym(ps, &@2, $2, false); }
		| DEVICE VARIABLE					{ CHK($$ = b_var(ps, &@2, $2)); }
		| DEVICES '=' set_block					{ $$ = $3; }
		;
prio_spec	: NUMBER						{ $$ = b_prio(ps, &@$, NULL, 0, $1); }
		| '-' NUMBER						{ $$ = b_prio(ps, &@$, NULL, '-', $2); }
		| STRING						{ $$ = b_prio(ps, &@$, $1, 0, NULL); }
		| STRING '+' NUMBER					{ $$ = b_prio(ps, &@$, $1, '+', $3); }
		| STRING '-' NUMBER					{ $$ = b_prio(ps, &@$, $1, '-', $3); }
		| VARIABLE						{ CHK($$ = b_var(ps, &@1, $1)); }
		;
policy_val	: ACCEPT						{ $$ = b_sym(ps, &@1, "accept", false); }
		| DROP							{ $$ = b_sym(ps, &@1, "drop", false); }
		| VARIABLE						{ CHK($$ = b_var(ps, &@1, $1)); }
		;

set_decl_block	: '{' set_decl_body '}'					{ $$ = $2; }
		;
set_decl_body	: %empty						{ $$ = b_setd(ps, &@$); }
		| set_decl_body sep
		| set_decl_body set_decl_item sep
		| set_decl_body set_decl_free
		| set_decl_body INCLUDE QUOTED sep			{ CHK(!b_include(ps, &@2, $3)); }
		| set_decl_body error sep				{ $$ = $1; yyerrok; }
		;
set_decl_item	: DEFINE ident '=' define_value				{ CHK(!b_define(ps, &@2, $2, $4, false)); }
		| TYPE type_spec					{ b_setd_type(ps, $<set>0, $2, NULL, false); }
		| TYPE type_spec COLON type_spec			{ b_setd_type(ps, $<set>0, $2, $4, false); }
		| TYPE type_spec COLON type_word type_spec		{ struct expr *d; CHK(d = b_data_interval(ps, &@4, $4, $5)); b_setd_type(ps, $<set>0, $2, d, false); }
		| TYPE type_spec COLON COUNTER				{ b_setd_objtype(ps, $<set>0, $2, &@4, "counter"); }
		| TYPE type_spec COLON QUOTA				{ b_setd_objtype(ps, $<set>0, $2, &@4, "quota"); }
		| TYPE type_spec COLON LIMIT				{ b_setd_objtype(ps, $<set>0, $2, &@4, "limit"); }
		| TYPE type_spec COLON SYNPROXY				{ b_setd_objtype(ps, $<set>0, $2, &@4, "synproxy"); }
		| TYPE type_spec COLON SECMARK				{ b_setd_objtype(ps, $<set>0, $2, &@4, "secmark"); }
		| TYPE type_spec COLON CT STRING			{ CHK(b_ct_obj_type($5)); b_setd_objtype(ps, $<set>0, $2, &@4, arena_printf(A, "ct %s", $5)); }
		| TYPE type_spec COLON CT TIMEOUT			{ b_setd_objtype(ps, $<set>0, $2, &@4, "ct timeout"); }
		| TYPEOF typeof_expr					{ b_setd_type(ps, $<set>0, $2, NULL, true); }
		| TYPEOF typeof_expr COLON typeof_expr			{ b_setd_type(ps, $<set>0, $2, $4, true); }
		| TYPEOF typeof_expr COLON obj_map_word			{ b_setd_objtype(ps, b_setd_type(ps, $<set>0, $2, NULL, true), $2, &@4, $4); }
		| TYPEOF typeof_expr COLON type_word typeof_expr	{ struct expr *d; CHK(d = b_data_interval(ps, &@4, $4, $5)); b_setd_type(ps, $<set>0, $2, d, true); }
		| FLAGS set_flags					{ CHK(b_setd_flags(ps, $<set>0, $2)); }
		| TIMEOUT any_word					{ CHK(b_setd_time(ps, $<set>0, &@2, $2, false)); }
		| GC_INTERVAL any_word					{ CHK(b_setd_time(ps, $<set>0, &@2, $2, true)); }
		| SIZE NUMBER						{ CHK(b_setd_size(ps, $<set>0, &@2, $2)); }
		| POLICY STRING						{ CHK(b_setd_policy(ps, $<set>0, &@2, $2)); }
		| COMMENT string_val					{ b_setd_comment(ps, $<set>0, $2); }
		| set_stmts						{ }
		;
/* what nft lets stand without a separator after it */
set_decl_free	: ELEMENTS '=' set_block				{ b_setd_elems(ps, $<set>0, $3); }
		| ELEMENTS '=' ELEMS_RAW				{ CHK(!b_setd_elems_raw(ps, $<set>0, &@3, $3)); }
		| ELEMENTS '=' VARIABLE					{ struct expr *v; CHK(v = b_var(ps, &@3, $3)); b_setd_elems(ps, $<set>0, v); }
		| AUTO_MERGE						{ b_setd_automerge(ps, $<set>0); }
		;
/* a set's own stateful statements, one after another on a line */
set_stmts	: dyn_stmt						{ b_setd_stmt(ps, $<set>0, $1); }
		| set_stmts dyn_stmt					{ b_setd_stmt(ps, $<set>0, $2); }
		;
/* the stateful objects a typeof map may map to (ct objects read as ct expressions) */
obj_map_word	: COUNTER { $$ = "counter"; } | QUOTA { $$ = "quota"; } | LIMIT { $$ = "limit"; }
		| SYNPROXY { $$ = "synproxy"; } | SECMARK { $$ = "secmark"; }
		;
set_flags	: set_flag_word
		| set_flags COMMA set_flag_word				{ $$ = b_list(ps, &@$, $1, $3); }
		;
set_flag_word	: STRING						{ $$ = b_sym(ps, &@1, $1, false); }
		| TIMEOUT						{ $$ = b_sym(ps, &@1, $1, false); }
		;
type_spec	: type_word						{ CHK($$ = b_type(ps, &@1, $1)); }
		| type_spec '.' type_word				{ struct expr *t; CHK(t = b_type(ps, &@3, $3)); $$ = b_concat(ps, &@$, $1, t); }
		;
type_word	: STRING ;
typeof_expr	: primary
		| typeof_expr '.' primary				{ $$ = b_concat(ps, &@$, $1, $3); }
		;
any_word	: STRING | NUMBER | QUOTED ;

/* ------------------------------------------------------------ rules and statements */

rule		: stmt							{ $$ = b_rule(ps, &@$, $1); }
		| rule stmt						{ $$ = b_rule_add(ps, $1, $2); }
		| rule COMMENT string_val				{ $$ = b_rule_comment(ps, $1, $3); }
		;

stmt		: expr rhs_expr						{ CHK($$ = b_stmt_expr(ps, &@$, b_relation(ps, &@$, $1, OP_IMPLICIT, $2))); }
		| expr relop rhs_expr					{ CHK($$ = b_stmt_expr(ps, &@$, b_relation(ps, &@$, $1, $2, $3))); }
		| expr VMAP map_target					{ CHK($$ = b_stmt_expr(ps, &@$, b_map(ps, &@$, $1, $3, true))); }
		| expr SET value_expr					{ CHK($$ = b_set_stmt(ps, &@$, $1, $3)); }
		| verdict_expr						{ $$ = b_stmt_verdict(ps, &@$, $1); }
		| JUMP bound_chain					{ struct expr *v; CHK(v = b_verdict_bound(ps, &@$, NFT_JUMP, $2)); $$ = b_stmt_verdict(ps, &@$, v); }
		| GOTO bound_chain					{ struct expr *v; CHK(v = b_verdict_bound(ps, &@$, NFT_GOTO, $2)); $$ = b_stmt_verdict(ps, &@$, v); }
		| counter_stmt
		| log_stmt
		| limit_stmt
		| nat_stmt
		| reject_stmt
		| queue_stmt
		| dynset_stmt
		| meter_stmt
		/* nft's older spelling of a set update: `set update KEY [timeout T] @set` */
		| SET dynset_op expr set_ref				{ $$ = b_dynset(ps, &@$, $2, $4, $3, NULL); }
		| SET dynset_op expr TIMEOUT any_word set_ref		{ CHK($$ = b_dynset_timeout(ps, b_dynset(ps, &@$, $2, $6, $3, NULL), &@5, $5)); }
		| quota_stmt
		| NOTRACK						{ $$ = b_simple(ps, &@$, STMT_NOTRACK); }
		| steer_stmt
		| synproxy_stmt
		| COUNTER NAME value_expr				{ $$ = b_objref(ps, &@$, NFT_OBJECT_COUNTER, $3); }
		| QUOTA NAME value_expr					{ $$ = b_objref(ps, &@$, NFT_OBJECT_QUOTA, $3); }
		| LIMIT NAME value_expr					{ $$ = b_objref(ps, &@$, NFT_OBJECT_LIMIT, $3); }
		| SYNPROXY NAME value_expr				{ $$ = b_objref(ps, &@$, NFT_OBJECT_SYNPROXY, $3); }
		| LAST							{ CHK($$ = b_last(ps, &@$, NULL, NULL)); }
		| LAST USED any_word					{ CHK($$ = b_last(ps, &@$, &@3, $3)); }
		| CT COUNT NUMBER					{ CHK($$ = b_connlimit(ps, &@$, false, $3)); }
		| CT COUNT OVER NUMBER					{ CHK($$ = b_connlimit(ps, &@$, true, $4)); }
		| RESET exthdr_expr					{ CHK($$ = b_exthdr_reset(ps, &@$, $2)); }
		| FLOW ADD set_ref					{ $$ = b_flow_offload(ps, &@$, $3); }
		| FLOW STRING set_ref					{ CHK(!strcmp($2, "offload")); $$ = b_flow_offload(ps, &@$, $3); }
		;

relop		: EQ { $$ = OP_EQ; } | NEQ { $$ = OP_NEQ; } | LT { $$ = OP_LT; } | GT { $$ = OP_GT; }
		| LTE { $$ = OP_LTE; } | GTE { $$ = OP_GTE; } | '!' { $$ = OP_NEG; }
		;

verdict_expr	: ACCEPT						{ $$ = b_verdict(ps, &@$, NF_ACCEPT, NULL); }
		| DROP							{ $$ = b_verdict(ps, &@$, NF_DROP, NULL); }
		| CONTINUE						{ $$ = b_verdict(ps, &@$, NFT_CONTINUE, NULL); }
		| RETURN						{ $$ = b_verdict(ps, &@$, NFT_RETURN, NULL); }
		| JUMP ident						{ $$ = b_verdict(ps, &@$, NFT_JUMP, $2); }
		| GOTO ident						{ $$ = b_verdict(ps, &@$, NFT_GOTO, $2); }
		| JUMP VARIABLE						{ struct expr *v; CHK(v = b_var(ps, &@2, $2)); $$ = b_verdict_expr(ps, &@$, NFT_JUMP, v); }
		| GOTO VARIABLE						{ struct expr *v; CHK(v = b_var(ps, &@2, $2)); $$ = b_verdict_expr(ps, &@$, NFT_GOTO, v); }
		;
/* a chain bound to its jump or goto (`jump { accept; }`): rules apart, as in a chain block */
bound_chain	: '{' bound_body '}'					{ $$ = $2; $$->loc = @1; }
		| '{' bound_body rule '}'				{ $$ = b_chain_rule(ps, $2, $3); $$->loc = @1; }
		;
bound_body	: %empty						{ $$ = b_chain(ps, &@$); }
		| bound_body sep
		| bound_body rule sep					{ $$ = b_chain_rule(ps, $1, $2); }
		;

counter_stmt	: COUNTER						{ CHK($$ = b_counter(ps, &@$, NULL, NULL)); }
		| COUNTER PACKETS NUMBER BYTES NUMBER			{ CHK($$ = b_counter(ps, &@$, $3, $5)); }
		| COUNTER BYTES NUMBER PACKETS NUMBER			{ CHK($$ = b_counter(ps, &@$, $5, $3)); }
		;

log_stmt	: LOG							{ $$ = b_log(ps, &@$); }
		| log_stmt PREFIX string_val				{ CHK($$ = b_log_opt(ps, $1, LOGOPT_PREFIX, &@3, $3)); }
		| log_stmt LEVEL STRING					{ CHK($$ = b_log_opt(ps, $1, LOGOPT_LEVEL, &@3, $3)); }
		| log_stmt GROUP NUMBER					{ CHK($$ = b_log_opt(ps, $1, LOGOPT_GROUP, &@3, $3)); }
		| log_stmt SNAPLEN NUMBER				{ CHK($$ = b_log_opt(ps, $1, LOGOPT_SNAPLEN, &@3, $3)); }
		| log_stmt QUEUE_THRESHOLD NUMBER			{ CHK($$ = b_log_opt(ps, $1, LOGOPT_QTHRESH, &@3, $3)); }
		| log_stmt FLAGS STRING					{ CHK($$ = b_log_flags(ps, $1, &@3, NULL, b_sym(ps, &@3, $3, false))); }
		| log_stmt FLAGS PROTO					{ CHK($$ = b_log_flags(ps, $1, &@3, $3, NULL)); }
		| log_stmt FLAGS PROTO log_words			{ CHK($$ = b_log_flags(ps, $1, &@3, $3, $4)); }
		;
log_words	: STRING						{ $$ = b_sym(ps, &@1, $1, false); }
		| log_words COMMA STRING				{ $$ = b_list(ps, &@$, $1, b_sym(ps, &@3, $3, false)); }
		;

limit_stmt	: LIMIT limit_body					{ $$ = $2; $$->loc = @$; }
		;
limit_body	: RATE over_opt NUMBER '/' STRING			{ CHK($$ = b_limit(ps, &@$, $2, $3, NULL, &@5, $5)); }
		| RATE over_opt NUMBER STRING '/' STRING		{ CHK($$ = b_limit(ps, &@$, $2, $3, $4, &@4, $6)); }
		| RATE over_opt NUMBER BYTES '/' STRING			{ CHK($$ = b_limit(ps, &@$, $2, $3, $4, &@4, $6)); }
		| RATE over_opt NUMBER STRING				{ CHK($$ = b_limit_word(ps, &@$, $2, $3, &@4, $4)); }
		| limit_body BURST NUMBER PACKETS			{ CHK($$ = b_limit_burst(ps, $1, &@4, $3, NULL)); }
		| limit_body BURST NUMBER BYTES				{ CHK($$ = b_limit_burst(ps, $1, &@4, $3, $4)); }
		| limit_body BURST NUMBER STRING			{ CHK($$ = b_limit_burst(ps, $1, &@4, $3, $4)); }
		;
over_opt	: %empty { $$ = 0; } | OVER { $$ = 1; } | UNTIL { $$ = 0; } ;

quota_stmt	: QUOTA over_opt NUMBER STRING				{ CHK($$ = b_quota(ps, &@$, $2, $3, $4)); }
		| QUOTA over_opt NUMBER BYTES				{ CHK($$ = b_quota(ps, &@$, $2, $3, $4)); }
		| quota_stmt USED NUMBER STRING				{ CHK($$ = b_quota_used(ps, $1, &@3, $3, $4)); }
		| quota_stmt USED NUMBER BYTES				{ CHK($$ = b_quota_used(ps, $1, &@3, $3, $4)); }
		;

nat_kw		: SNAT { $$ = NAT_SNAT; } | DNAT { $$ = NAT_DNAT; }
		;
nat_stmt	: nat_kw TO nat_target					{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, $1, NULL, 0), $3)); }
		| nat_kw PROTO TO nat_target				{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, $1, $2, 0), $4)); }
		| nat_kw PROTO nat_tflags TO nat_target		{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, $1, $2, $3), $5)); }
		| nat_kw nat_tflags TO nat_target			{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, $1, NULL, $2), $4)); }
		| nat_kw PROTO ADDR '.' STRING TO nat_target		{ CHK($$ = b_nat_to(ps, b_nat_addr_port(ps, &@$, $1, $2, &@5, $5), $7)); }
		| nat_kw value_expr					{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, $1, NULL, 0), expr_bin(A, EXPR_MAPPING, &@2, $2, 0, NULL))); }
		| MASQUERADE						{ $$ = b_nat(ps, &@$, NAT_MASQ, NULL, 0); }
		| MASQUERADE TO nat_target				{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, NAT_MASQ, NULL, 0), $3)); }
		| REDIRECT						{ $$ = b_nat(ps, &@$, NAT_REDIR, NULL, 0); }
		| REDIRECT TO nat_target				{ CHK($$ = b_nat_to(ps, b_nat(ps, &@$, NAT_REDIR, NULL, 0), $3)); }
		| nat_stmt nat_flags					{ $$ = b_nat_flags(ps, $1, $2); }
		;
nat_tflags	: PREFIX { $$ = NAT_TF_PREFIX; }
		;
/* nat_target: a temporary EXPR_MAPPING {address, port} that b_nat_to unpacks. */
nat_target	: value_expr						{ $$ = expr_bin(A, EXPR_MAPPING, &@$, $1, 0, NULL); }
		| value_expr COLON port_expr				{ $$ = expr_bin(A, EXPR_MAPPING, &@$, $1, 0, $3); }
		| COLON port_expr						{ $$ = expr_bin(A, EXPR_MAPPING, &@$, NULL, 0, $2); }
		| '[' value_expr ']'					{ $$ = expr_bin(A, EXPR_MAPPING, &@$, $2, 0, NULL); }
		| '[' value_expr ']' COLON port_expr			{ $$ = expr_bin(A, EXPR_MAPPING, &@$, $2, 0, $5); }
		| '[' value_expr ']' '/' NUMBER				{ $$ = expr_bin(A, EXPR_MAPPING, &@$, b_prefix(ps, &@$, $2, $5), 0, NULL); }
		| '[' value_expr ']' '-' '[' value_expr ']'		{ $$ = expr_bin(A, EXPR_MAPPING, &@$, b_range(ps, &@$, $2, $6), 0, NULL); }
		| '[' value_expr ']' '-' '[' value_expr ']' COLON port_expr	{ $$ = expr_bin(A, EXPR_MAPPING, &@$, b_range(ps, &@$, $2, $6), 0, $9); }
		;
port_expr	: value_expr ;
nat_flags	: nat_flag
		| nat_flags COMMA nat_flag				{ $$ = $1 | $3; }
		;
nat_flag	: RANDOM { $$ = NF_NAT_RANGE_PROTO_RANDOM; } | PERSISTENT { $$ = NF_NAT_RANGE_PERSISTENT; }
		| FULLY_RANDOM { $$ = NF_NAT_RANGE_PROTO_RANDOM_FULLY; }
		;

reject_stmt	: REJECT						{ $$ = b_reject(ps, &@$); }
		| REJECT WITH PROTO RESET				{ CHK($$ = b_reject_with(ps, b_reject(ps, &@$), &@3, $3, NULL)); }
		| REJECT WITH PROTO reject_code				{ CHK($$ = b_reject_with(ps, b_reject(ps, &@$), &@3, $3, $4)); }
		| REJECT WITH PROTO TYPE reject_code			{ CHK($$ = b_reject_with(ps, b_reject(ps, &@$), &@3, $3, $5)); }
		| REJECT WITH STRING reject_code			{ CHK($$ = b_reject_with(ps, b_reject(ps, &@$), &@3, $3, $4)); }
		| REJECT WITH STRING TYPE reject_code			{ CHK($$ = b_reject_with(ps, b_reject(ps, &@$), &@3, $3, $5)); }
		;
reject_code	: STRING { $$ = b_sym(ps, &@1, $1, false); } | NUMBER { $$ = b_sym(ps, &@1, $1, false); }
		;

queue_stmt	: QUEUE							{ $$ = b_queue(ps, &@$); }
		| queue_stmt NUM NUMBER					{ CHK($$ = b_queue_opt(ps, $1, &@3, "num", $3, NULL)); }
		| queue_stmt NUM NUMBER '-' NUMBER			{ CHK($$ = b_queue_opt(ps, $1, &@3, "num", $3, $5)); }
		| queue_stmt TO expr					{ CHK($$ = b_queue_to(ps, $1, $3)); }
		| queue_stmt TO expr MAP map_target			{ CHK($$ = b_queue_to(ps, $1, b_map(ps, &@3, $3, $5, false))); }
		| queue_stmt TO or_expr '-' or_expr			{ CHK($$ = b_queue_to(ps, $1, b_range(ps, &@3, $3, $5))); }
		| queue_stmt queue_flag					{ CHK($$ = b_queue_opt(ps, $1, &@2, $2, NULL, NULL)); }
		| queue_stmt FLAGS queue_flag				{ CHK($$ = b_queue_opt(ps, $1, &@3, $3, NULL, NULL)); }
		| queue_stmt COMMA queue_flag				{ CHK($$ = b_queue_opt(ps, $1, &@3, $3, NULL, NULL)); }
		;
queue_flag	: BYPASS | FANOUT ;

/* dup / fwd / tproxy: misc.addr, misc.dev, misc.port, misc.family */
steer_stmt	: DUP TO value_expr					{ CHK($$ = b_steer(ps, &@$, STMT_DUP, NULL, $3, NULL, NULL)); }
		| DUP TO value_expr DEVICE value_expr			{ CHK($$ = b_steer(ps, &@$, STMT_DUP, NULL, $3, $5, NULL)); }
		| FWD TO value_expr					{ CHK($$ = b_steer(ps, &@$, STMT_FWD, NULL, NULL, $3, NULL)); }
		| FWD PROTO TO value_expr DEVICE value_expr		{ CHK($$ = b_steer(ps, &@$, STMT_FWD, $2, $4, $6, NULL)); }
		| TPROXY TO nat_target					{ CHK($$ = b_steer(ps, &@$, STMT_TPROXY, NULL, $3->bin.left, NULL, $3->bin.right)); }
		| TPROXY PROTO TO nat_target				{ CHK($$ = b_steer(ps, &@$, STMT_TPROXY, $2, $4->bin.left, NULL, $4->bin.right)); }
		;
synproxy_stmt	: SYNPROXY						{ $$ = b_simple(ps, &@$, STMT_SYNPROXY); }
		| SYNPROXY synproxy_body				{ $$ = $2; $$->loc = @$; }
		;
synproxy_body	: MSS NUMBER						{ CHK($$ = b_synproxy_opt(ps, b_simple(ps, &@$, STMT_SYNPROXY), &@2, $1, $2)); }
		| WSCALE NUMBER						{ CHK($$ = b_synproxy_opt(ps, b_simple(ps, &@$, STMT_SYNPROXY), &@2, $1, $2)); }
		| TIMESTAMP						{ CHK($$ = b_synproxy_opt(ps, b_simple(ps, &@$, STMT_SYNPROXY), &@1, $1, NULL)); }
		| SACK_PERM						{ CHK($$ = b_synproxy_opt(ps, b_simple(ps, &@$, STMT_SYNPROXY), &@1, $1, NULL)); }
		| synproxy_body MSS NUMBER				{ CHK($$ = b_synproxy_opt(ps, $1, &@3, $2, $3)); }
		| synproxy_body WSCALE NUMBER				{ CHK($$ = b_synproxy_opt(ps, $1, &@3, $2, $3)); }
		| synproxy_body TIMESTAMP				{ CHK($$ = b_synproxy_opt(ps, $1, &@2, $2, NULL)); }
		| synproxy_body SACK_PERM				{ CHK($$ = b_synproxy_opt(ps, $1, &@2, $2, NULL)); }
		;

dynset_op	: ADD { $$ = NFT_DYNSET_OP_ADD; } | UPDATE { $$ = NFT_DYNSET_OP_UPDATE; }
		| DELETE { $$ = NFT_DYNSET_OP_DELETE; }
		;
dynset_stmt	: dynset_op dyn_ref '{' expr '}'			{ $$ = b_dynset(ps, &@$, $1, $2, $4, NULL); }
		| dynset_op dyn_ref '{' expr COLON value_expr '}'	{ $$ = b_dynset(ps, &@$, $1, $2, $4, $6); }
		| dynset_op dyn_ref '{' expr TIMEOUT any_word '}'	{ CHK($$ = b_dynset_timeout(ps, b_dynset(ps, &@$, $1, $2, $4, NULL), &@6, $6)); }
		| dynset_op dyn_ref '{' expr TIMEOUT any_word COLON value_expr '}'	{ CHK($$ = b_dynset_timeout(ps, b_dynset(ps, &@$, $1, $2, $4, $8), &@6, $6)); }
		| dynset_op dyn_ref '{' expr dyn_stmts '}'		{ $$ = b_dynset_stmts(ps, b_dynset(ps, &@$, $1, $2, $4, NULL), $5); }
		| dynset_op dyn_ref '{' expr TIMEOUT any_word dyn_stmts '}'	{ CHK($$ = b_dynset_timeout(ps, b_dynset(ps, &@$, $1, $2, $4, NULL), &@6, $6)); $$ = b_dynset_stmts(ps, $$, $7); }
		;
/* `meter NAME [size N] { key [timeout T] [stateful statements] }`: a dynset on a set the
 * rule declares (b_meter: add, or update with a timeout) */
meter_stmt	: meter_head '{' expr '}'				{ $$ = b_meter(ps, $1, $3, &@$); }
		| meter_head '{' expr TIMEOUT any_word '}'		{ CHK($$ = b_dynset_timeout(ps, b_meter(ps, $1, $3, &@$), &@5, $5)); }
		| meter_head '{' expr dyn_stmts '}'			{ $$ = b_dynset_stmts(ps, b_meter(ps, $1, $3, &@$), $4); }
		| meter_head '{' expr TIMEOUT any_word dyn_stmts '}'	{ CHK($$ = b_dynset_timeout(ps, b_meter(ps, $1, $3, &@$), &@5, $5)); $$ = b_dynset_stmts(ps, $$, $6); }
		;
meter_head	: METER obj_ident					{ $$ = b_meter_head(ps, &@$, &@2, $2, NULL, NULL); }
		| METER obj_ident SIZE NUMBER				{ CHK($$ = b_meter_head(ps, &@$, &@2, $2, &@4, $4)); }
		;
dyn_ref		: set_ref
		| VARIABLE						{ CHK($$ = b_var_setref(ps, &@1, $1)); }
		;
/* stateful statements attached to the element added by the rule: a temporary
 * STMT_SET whose dyn.stmts b_dynset_stmts moves to the real one */
dyn_stmts	: dyn_stmt						{ $$ = b_dynset_stmts(ps, b_dynset(ps, &@$, 0, NULL, NULL, NULL), $1); }
		| dyn_stmts dyn_stmt					{ $$ = b_dynset_stmts(ps, $1, $2); }
		;
dyn_stmt	: counter_stmt | limit_stmt | quota_stmt
		| LAST							{ CHK($$ = b_last(ps, &@$, NULL, NULL)); }
		| LAST USED any_word					{ CHK($$ = b_last(ps, &@$, &@3, $3)); }
		| CT COUNT NUMBER					{ CHK($$ = b_connlimit(ps, &@$, false, $3)); }
		| CT COUNT OVER NUMBER					{ CHK($$ = b_connlimit(ps, &@$, true, $4)); }
		;

/* ------------------------------------------------------------ expressions (left side, values) */

expr		: concat_expr ;
concat_expr	: or_expr
		| concat_expr '.' or_expr				{ $$ = b_concat(ps, &@$, $1, $3); }
		;
or_expr		: xor_expr
		| or_expr '|' xor_expr					{ CHK($$ = b_binop(ps, &@$, $1, BINOP_OR, $3)); }
		;
xor_expr	: and_expr
		| xor_expr '^' and_expr					{ CHK($$ = b_binop(ps, &@$, $1, BINOP_XOR, $3)); }
		;
and_expr	: shift_expr
		| and_expr '&' shift_expr				{ CHK($$ = b_binop(ps, &@$, $1, BINOP_AND, $3)); }
		;
shift_expr	: primary
		| shift_expr LSHIFT primary				{ CHK($$ = b_binop(ps, &@$, $1, BINOP_LSHIFT, $3)); }
		| shift_expr RSHIFT primary				{ CHK($$ = b_binop(ps, &@$, $1, BINOP_RSHIFT, $3)); }
		;
primary		: PROTO field_word					{ CHK($$ = b_payload(ps, &@$, $1, &@2, $2)); }
		| '@' STRING COMMA NUMBER COMMA NUMBER			{ CHK($$ = b_raw(ps, &@$, $2, &@4, $4, &@6, $6)); }
		| '@' PROTO COMMA NUMBER COMMA NUMBER			{ CHK($$ = b_raw(ps, &@$, $2, &@4, $4, &@6, $6)); }
		| META key_word						{ CHK($$ = b_meta(ps, &@$, &@2, $2)); }
		| CT ct_dir key_word					{ CHK($$ = b_ct(ps, &@$, $2, NULL, &@3, $3)); }
		| CT ct_dir PROTO key_word				{ CHK($$ = b_ct(ps, &@$, $2, $3, &@4, $4)); }
		| STRING						{ CHK($$ = b_word(ps, &@1, $1)); }
		| NUMBER						{ $$ = b_sym(ps, &@1, $1, false); }
		| QUOTED						{ $$ = b_sym(ps, &@1, $1, true); }
		| VARIABLE						{ CHK($$ = b_var(ps, &@1, $1)); }
		| ORIGINAL						{ $$ = b_sym(ps, &@1, $1, false); }
		| REPLY							{ $$ = b_sym(ps, &@1, $1, false); }
		| DESTROY						{ $$ = b_sym(ps, &@1, $1, false); }
		| '(' expr ')'						{ $$ = $2; }
		| other_expr
		| exthdr_expr
		;
/* option-like headers (EXPR_EXTHDR), tunnel payloads, osf, ipsec */
exthdr_expr	: EXTHDR_NAME field_word				{ CHK($$ = b_exthdr6(ps, &@$, &@1, $1, &@2, $2)); }
		| EXTHDR_NAME STRING '[' NUMBER ']'			{ CHK($$ = b_exthdr6(ps, &@$, &@1, $1, &@2, arena_printf(A, "%s[%s]", $2, $4))); }
		| RT TYPE						{ CHK($$ = b_exthdr6(ps, &@$, &@1, "rt", &@2, "type")); }
		| EXTHDR EXTHDR_NAME					{ CHK($$ = b_exthdr6(ps, &@$, &@2, $2, NULL, NULL)); }
		| EXTHDR RT						{ CHK($$ = b_exthdr6(ps, &@$, &@2, "rt", NULL, NULL)); }
		| PROTO OPTION opt_name					{ CHK($$ = b_option(ps, &@$, $1, &@3, $3, NULL, NULL)); }
		| PROTO OPTION opt_name opt_field			{ CHK($$ = b_option(ps, &@$, $1, &@3, $3, &@4, $4->sym.str)); }
		| PROTO OPTION '@' NUMBER COMMA NUMBER COMMA NUMBER	{ CHK($$ = b_option_raw(ps, &@$, $1, $4, $6, $8)); }
		| PROTO CHUNK STRING					{ CHK($$ = b_option(ps, &@$, $1, &@3, $3, NULL, NULL)); }
		| PROTO CHUNK STRING opt_field				{ CHK($$ = b_option(ps, &@$, $1, &@3, $3, &@4, $4->sym.str)); }
		| TUNNEL hdr_field					{ CHK($$ = b_tunnel(ps, &@$, &@1, $1, NULL, &@2, $2)); }
		| TUNNEL PROTO inner_field				{ CHK($$ = b_tunnel(ps, &@$, &@1, $1, $2, &@3, $3)); }
		| PROTO PROTO inner_field				{ CHK($$ = b_tunnel(ps, &@$, &@1, $1, $2, &@3, $3)); }
		| OSF osf_ttl osf_key					{ CHK($$ = b_osf(ps, &@$, &@2, $2, &@3, $3)); }
		| IPSEC STRING spnum_opt STRING				{ CHK($$ = b_xfrm(ps, &@$, &@2, $2, $3, NULL, &@4, $4)); }
		| IPSEC STRING spnum_opt PROTO field_word		{ CHK($$ = b_xfrm(ps, &@$, &@2, $2, $3, $4, &@5, $5)); }
		;
opt_name	: STRING | NUMBER | SACK_PERM | TIMESTAMP
		| MSS							{ $$ = "maxseg"; }
		;
/* fields of options, chunks and tunnel headers: never a protocol name, so that
 * `reset tcp option maxseg tcp dport 22` ends the option before `tcp` */
opt_field	: hdr_field						{ $$ = b_sym(ps, &@1, $1, false); }
		| ADDR							{ $$ = b_sym(ps, &@1, $1, false); }   /* ip option rr addr */
		;
inner_field	: STRING | TYPE | FLAGS | PRIORITY | SIZE | PREFIX | LEVEL | GROUP | TTL | VERSION ;
hdr_field	: STRING | TYPE | FLAGS | SIZE | COUNT | TTL | VERSION ;
osf_ttl		: %empty						{ $$ = NULL; }
		| TTL STRING						{ $$ = $2; }
		;
osf_key		: NAME | VERSION ;
spnum_opt	: %empty						{ $$ = NULL; }
		| SPNUM NUMBER						{ $$ = $2; }
		;
/* numgen, jhash, symhash, fib, rt, socket: EXPR_NUMGEN/HASH/FIB/RT/SOCKET{other.*} */
other_expr	: NUMGEN STRING MOD NUMBER				{ CHK($$ = b_other(ps, &@$, EXPR_NUMGEN, $2, NULL, $4)); }
		| NUMGEN RANDOM MOD NUMBER				{ CHK($$ = b_other(ps, &@$, EXPR_NUMGEN, $2, NULL, $4)); }
		| JHASH concat_expr MOD NUMBER				{ CHK($$ = b_other(ps, &@$, EXPR_HASH, "jhash", $2, $4)); }
		| SYMHASH MOD NUMBER					{ CHK($$ = b_other(ps, &@$, EXPR_HASH, "symhash", NULL, $3)); }
		| FIB fib_flags STRING					{ CHK($$ = b_other(ps, &@$, EXPR_FIB, $3, $2, NULL)); }
		| FIB fib_flags TYPE					{ CHK($$ = b_other(ps, &@$, EXPR_FIB, "type", $2, NULL)); }
		| RT STRING						{ CHK($$ = b_rt_word(ps, &@$, &@2, $2)); }
		| RT IPSEC						{ CHK($$ = b_other(ps, &@$, EXPR_RT, $2, NULL, NULL)); }
		| RT PROTO STRING					{ CHK($$ = b_other(ps, &@$, EXPR_RT, $3, b_sym(ps, &@2, $2, false), NULL)); }
		| SOCKET STRING						{ CHK($$ = b_other(ps, &@$, EXPR_SOCKET, $2, NULL, NULL)); }
		| SOCKET STRING LEVEL NUMBER				{ CHK($$ = b_other(ps, &@$, EXPR_SOCKET, $2, NULL, $4)); }
		| other_expr SEED NUMBER				{ CHK($$ = b_other_opt(ps, $1, &@3, $2, $3)); }
		| other_expr OFFSET NUMBER				{ CHK($$ = b_other_opt(ps, $1, &@3, $2, $3)); }
		;
fib_flags	: STRING						{ $$ = b_sym(ps, &@1, $1, false); }
		| fib_flags '.' STRING					{ $$ = b_list(ps, &@$, $1, b_sym(ps, &@3, $3, false)); }
		;
ct_dir		: %empty { $$ = CTDIR_NONE; } | ORIGINAL { $$ = CTDIR_ORIGINAL; }
		| REPLY { $$ = CTDIR_REPLY; }
		;
field_word	: STRING | TYPE | FLAGS | PRIORITY | PROTO | SIZE | PREFIX | LEVEL | GROUP | TTL | VERSION ;
key_word	: STRING | PRIORITY | RANDOM | BYTES | PACKETS | LEVEL | TIMEOUT | IPSEC | SECMARK ;

/* Values on the right of `set`, nat addresses and ports: expressions, ranges,
 * prefixes, lists, maps. */
value_expr	: expr
		| expr MAP map_target					{ $$ = b_map(ps, &@$, $1, $3, false); }
		| or_expr '-' or_expr					{ $$ = b_range(ps, &@$, $1, $3); }
		| or_expr '/' NUMBER					{ $$ = b_prefix(ps, &@$, $1, $3); }
		| value_list
		;
value_list	: or_expr COMMA or_expr					{ $$ = b_list(ps, &@$, $1, $3); }
		| value_list COMMA or_expr				{ $$ = b_list(ps, &@$, $1, $3); }
		;
map_target	: set_block
		| set_ref
		| VARIABLE						{ CHK($$ = b_var(ps, &@1, $1)); }
		;
set_ref		: '@' ident						{ $$ = b_setref(ps, &@$, $2); }
		;

/* ------------------------------------------------------------ right-hand side constants */

rhs_expr	: rhs_concat
		| rhs_pconcat
		| rhs_flaglist
		| rhs_flags '/' rhs_flags				{ $$ = b_slash(ps, &@$, $1, $3); }
		| set_block
		| set_ref
		;
rhs_flags	: rhs_or
		| rhs_flaglist
		;
rhs_flaglist	: rhs_or COMMA rhs_or					{ $$ = b_list(ps, &@$, $1, $3); }
		| rhs_flaglist COMMA rhs_or				{ $$ = b_list(ps, &@$, $1, $3); }
		;
rhs_concat	: rhs_item
		| rhs_concat '.' rhs_item				{ $$ = b_concat(ps, &@$, $1, $3); }
		;
/* a concatenation with at least one prefix part: `10.0.0.0/8 . 22`, `1.2.3.4 . 10.0.0.0/8` */
rhs_pconcat	: rhs_concat '.' rhs_pfx				{ $$ = b_concat(ps, &@$, $1, $3); }
		| rhs_pfx '.' rhs_item					{ $$ = b_concat(ps, &@$, $1, $3); }
		| rhs_pfx '.' rhs_pfx					{ $$ = b_concat(ps, &@$, $1, $3); }
		| rhs_pconcat '.' rhs_item				{ $$ = b_concat(ps, &@$, $1, $3); }
		| rhs_pconcat '.' rhs_pfx				{ $$ = b_concat(ps, &@$, $1, $3); }
		;
rhs_pfx		: rhs_flags '/' rhs_or					{ CHK($$ = b_pfx_part(ps, &@$, $1, $3)); }
		;
rhs_item	: rhs_or
		| rhs_or '-' rhs_or					{ $$ = b_range(ps, &@$, $1, $3); }
		;
rhs_or		: rhs_prim
		| rhs_or '|' rhs_prim					{ CHK($$ = b_binop(ps, &@$, $1, BINOP_OR, $3)); }
		;
rhs_prim	: NUMBER						{ $$ = b_sym(ps, &@1, $1, false); }
		| '-' NUMBER						{ $$ = b_neg(ps, &@$, $2); }
		| STRING						{ $$ = b_sym(ps, &@1, $1, false); }
		| QUOTED						{ $$ = b_sym(ps, &@1, $1, true); }
		| VARIABLE						{ CHK($$ = b_var(ps, &@1, $1)); }
		| kw_value
		| '(' rhs_or ')'					{ $$ = $2; }
		;
kw_value	: PROTO							{ $$ = b_sym(ps, &@1, $1, false); }
		| INET							{ $$ = b_sym(ps, &@1, $1, false); }
		| BRIDGE						{ $$ = b_sym(ps, &@1, $1, false); }
		| NETDEV						{ $$ = b_sym(ps, &@1, $1, false); }
		| ORIGINAL						{ $$ = b_sym(ps, &@1, $1, false); }
		| REPLY							{ $$ = b_sym(ps, &@1, $1, false); }
		| SNAT							{ $$ = b_sym(ps, &@1, $1, false); }
		| DNAT							{ $$ = b_sym(ps, &@1, $1, false); }
		| REDIRECT						{ $$ = b_sym(ps, &@1, $1, false); }
		| DESTROY						{ $$ = b_sym(ps, &@1, $1, false); }
		| RANDOM						{ $$ = b_sym(ps, &@1, $1, false); }
		| RESET							{ $$ = b_sym(ps, &@1, $1, false); }
		| TIMESTAMP						{ $$ = b_sym(ps, &@1, $1, false); }
		| EXISTS						{ $$ = b_sym(ps, &@1, $1, false); }
		| MISSING						{ $$ = b_sym(ps, &@1, $1, false); }
		| EXTHDR_NAME						{ $$ = b_sym(ps, &@1, $1, false); }
		| TUNNEL						{ $$ = b_sym(ps, &@1, $1, false); }
		;

/* ------------------------------------------------------------ anonymous sets and maps */

set_block	: '{' set_body '}'					{ $$ = $2; $$->loc = @$; }
		;
set_body	: nl_opt						{ $$ = b_set(ps, &@$); }
		| nl_opt set_list nl_opt				{ $$ = $2; }
		| nl_opt set_list COMMA nl_opt				{ $$ = $2; }
		;
set_list	: set_item						{ $$ = b_set_add(ps, b_set(ps, &@$), $1); }
		| set_list COMMA nl_opt set_item			{ $$ = b_set_add(ps, $1, $4); }
		;
set_item	: elem_key						{ $$ = b_elem(ps, &@$, $1); }
		| set_item TIMEOUT any_word				{ CHK($$ = b_elem_opt(ps, $1, ELEMOPT_TIMEOUT, &@3, $3)); }
		| set_item EXPIRES any_word				{ CHK($$ = b_elem_opt(ps, $1, ELEMOPT_EXPIRES, &@3, $3)); }
		| set_item COMMENT string_val				{ CHK($$ = b_elem_opt(ps, $1, ELEMOPT_COMMENT, &@3, $3)); }
		| set_item dyn_stmt					{ $$ = b_elem_counter(ps, $1, $2); }
		| set_item COLON elem_data				{ CHK($$ = b_mapping(ps, &@$, $1, $3)); }
		;
elem_key	: elem_concat
		| '*'							{ $$ = b_any(ps, &@1); }
		| set_block
		;
elem_concat	: elem_part
		| elem_concat '.' elem_part				{ $$ = b_concat(ps, &@$, $1, $3); }
		;
elem_part	: rhs_or
		| rhs_or '-' rhs_or					{ $$ = b_range(ps, &@$, $1, $3); }
		| rhs_or '/' NUMBER					{ $$ = b_prefix(ps, &@$, $1, $3); }
		;
elem_data	: verdict_expr
		| elem_concat
		;

%%
