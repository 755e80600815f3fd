/* Datatypes: what a value is, how it is written in nft syntax and how it is printed.
 * One row per datatype (datatype.c and the symbol tables beside it); the parser's
 * eval, the set codec, the listing printer and the lifter all read the same row. */
#ifndef NFTC_DATATYPE_H
#define NFTC_DATATYPE_H
#include <stdint.h>
#include <stdbool.h>
#include "../util/writer.h"

/* Kernel/nft datatype ids: used in set key/data types (NFTA_SET_KEY_TYPE), where a
 * concatenation is encoded as (id1 << 6*(n-1)) | ... | idn (TYPE_BITS = 6). */
enum dtype_id {
	TYPE_INVALID, TYPE_VERDICT, TYPE_NFPROTO, TYPE_BITMASK, TYPE_INTEGER, TYPE_STRING,
	TYPE_LLADDR, TYPE_IPADDR, TYPE_IP6ADDR, TYPE_ETHERADDR, TYPE_ETHERTYPE, TYPE_ARPOP,
	TYPE_INET_PROTOCOL, TYPE_INET_SERVICE, TYPE_ICMP_TYPE, TYPE_TCP_FLAG,
	TYPE_DCCP_PKTTYPE, TYPE_MH_TYPE, TYPE_TIME, TYPE_MARK, TYPE_IFINDEX, TYPE_ARPHRD,
	TYPE_REALM, TYPE_CLASSID, TYPE_UID, TYPE_GID, TYPE_CT_STATE, TYPE_CT_DIR,
	TYPE_CT_STATUS, TYPE_ICMP6_TYPE, TYPE_CT_LABEL, TYPE_PKTTYPE, TYPE_ICMP_CODE,
	TYPE_ICMPV6_CODE, TYPE_ICMPX_CODE, TYPE_DEVGROUP, TYPE_DSCP, TYPE_ECN, TYPE_FIB_ADDR,
	TYPE_BOOLEAN, TYPE_CT_EVENTBIT, TYPE_IFNAME, TYPE_IGMP_TYPE, TYPE_TIME_DATE,
	TYPE_TIME_HOUR, TYPE_TIME_DAY, TYPE_CGROUPV2,
	TYPE_MAX_ID,
	/* internal-only types (never sent as a set type) */
	TYPE_CT_ID = 100, TYPE_TCPOPT, TYPE_PRIORITY_CLASSID,
};
#define TYPE_BITS 6
/* A set's type id split into the ids of its parts, first component first (it sits
 * in the highest bits); returns how many, at most 8, 0 for id 0. */
unsigned datatype_id_split(uint32_t id, uint32_t parts[8]);

enum byteorder { BYTEORDER_INVALID, BYTEORDER_HOST, BYTEORDER_BIG };

struct symbol {
	const char *name;
	uint64_t value;
};

/* A constant value as the kernel sees it: `len` bits stored in ceil(len/8) bytes,
 * in the datatype's byte order (network order for BIG, host order for HOST). */
#define VALUE_MAX 64
struct value {
	uint32_t len;                /* bits */
	uint8_t bytes[VALUE_MAX];
};

struct diag_list;
struct loc;

enum dtype_flags {
	DTYPE_F_PREFIX = 1,     /* accepts a/len prefixes (addresses) */
	DTYPE_F_FLAGS = 2,      /* a bitmask: `a,b` / `a | b` combine; printed as a list */
	DTYPE_F_STRING = 4,     /* value is a NUL-padded string (ifname) */
};

struct print_opts {
	bool numeric;           /* -n: names (services, protocols...) numerically */
	bool numeric_proto;     /* -p */
	bool numeric_time;      /* -T */
	bool guid;              /* -u */
	bool reversedns;        /* -N: addresses by their names (getnameinfo) */
	bool service;           /* -S: service names (/etc/services, also with -n) */
	bool stateless;         /* -s */
	bool handle;            /* -a */
	bool numeric_prio;      /* -y */
	bool terse;             /* -t */
	uint8_t bound_depth;    /* inside how many `jump { … }` blocks (the indentation) */
};

struct datatype {
	enum dtype_id id;
	const char *name;              /* "ipv4_addr" */
	const char *desc;              /* "IPv4 address" */
	enum byteorder byteorder;
	uint32_t size;                 /* bits; 0 = variable (string) */
	uint32_t flags;                /* enum dtype_flags */
	const struct datatype *basetype; /* integer, bitmask, string ... */
	const struct symbol *symbols;  /* NULL-name terminated, may be NULL */
	/* Text → value. `len` is the length in bits the context wants (may differ from
	 * size, e.g. integer of a 4-bit field). Returns 0, or -1 after recording an error
	 * at `loc` with nft's message. */
	int (*parse)(const struct datatype *dt, const char *text, uint32_t len,
		     struct value *out, struct diag_list *errs, const struct loc *loc);
	/* value → text, exactly as nft lists it. */
	void (*print)(const struct datatype *dt, const struct value *v,
		      const struct print_opts *po, struct writer *w);
};

/* Lookups */
const struct datatype *datatype_by_id(enum dtype_id id);
const struct datatype *datatype_by_name(const char *name);   /* "ipv4_addr", for `type` */
/* Generic entry points (dispatch to the row's parse/print, then basetype's). */
int datatype_parse(const struct datatype *dt, const char *text, uint32_t len,
		   struct value *out, struct diag_list *errs, const struct loc *loc);
void datatype_print(const struct datatype *dt, const struct value *v,
		    const struct print_opts *po, struct writer *w);
/* Symbol table helpers */
const struct symbol *symbol_by_name(const struct symbol *tab, const char *name);
const struct symbol *symbol_by_value(const struct symbol *tab, uint64_t value);

/* value helpers: integers are read/written honouring byte order and bit length */
void value_set_uint(struct value *v, uint64_t x, uint32_t len_bits, enum byteorder bo);
uint64_t value_get_uint(const struct value *v, enum byteorder bo);

/* The well-known rows, for code that names a type directly. */
extern const struct datatype dt_invalid, dt_verdict, dt_nfproto, dt_bitmask, dt_integer,
	dt_string, dt_lladdr, dt_ipaddr, dt_ip6addr, dt_etheraddr, dt_ethertype, dt_arpop,
	dt_inet_protocol, dt_inet_service, dt_icmp_type, dt_tcp_flag, dt_dccp_pkttype,
	dt_mh_type, dt_time, dt_mark, dt_ifindex, dt_arphrd, dt_realm, dt_classid, dt_uid,
	dt_gid, dt_ct_state, dt_ct_dir, dt_ct_status, dt_icmp6_type, dt_ct_label,
	dt_pkttype, dt_icmp_code, dt_icmpv6_code, dt_icmpx_code, dt_devgroup, dt_dscp,
	dt_ecn, dt_fib_addr, dt_boolean, dt_ct_eventbit, dt_ifname, dt_igmp_type,
	dt_time_date, dt_time_hour, dt_time_day, dt_cgroupv2, dt_ct_id, dt_tcpopt_kind;

/* Row byte order of a parsed value is dt->byteorder; these convert for a context
 * whose byte order differs (e.g. integer in a big-endian header field). Strings and
 * addresses are never swapped. */
void value_convert(struct value *v, enum byteorder from, enum byteorder to);
int datatype_parse_bo(const struct datatype *dt, const char *text, uint32_t len,
		      enum byteorder bo, struct value *out, struct diag_list *errs,
		      const struct loc *loc);
void datatype_print_bo(const struct datatype *dt, const struct value *v, enum byteorder bo,
		       const struct print_opts *po, struct writer *w);
/* True if dt is `id` or has it among its basetypes (e.g. ct_state is a bitmask). */
int datatype_is(const struct datatype *dt, enum dtype_id id);
/* The outermost basetype (integer, string, ...) or dt itself. */
const struct datatype *datatype_root(const struct datatype *dt);
/* Name used in set declarations (`type ipv4_addr`) and `typeof` storage. */
extern const struct datatype *const datatype_all[];   /* NULL-terminated */
/* An integer that lists in hex (0x%x, any width): raw payloads `@nh,8,16 0x0`.
 * Same id and name as dt_integer; not in datatype_all. */
extern const struct datatype dt_xinteger;
/* MPTCP option subtype (`tcp option mptcp subtype mp-join`), 4 bits; internal id. */
#define TYPE_MPTCP_SUBTYPE ((enum dtype_id)103)
extern const struct datatype dt_mptcp_subtype;

#endif
