/* Shared building blocks of the datatype rows (dt_*.c): the generic parse/print
 * functions that several rows point at, and helpers for numbers and symbols.
 * Private to src/types. */
#ifndef NFTC_DT_IMPL_H
#define NFTC_DT_IMPL_H
#include <stddef.h>
#include "datatype.h"
#include "../util/diag.h"

/* Parses an unsigned number as nft does (decimal, 0x hex, leading-0 octal).
 * Returns 0 on success, -1 if the text is not a number, -2 on overflow of 64 bits. */
int dt_strtou64(const char *text, uint64_t *out);
/* Number → value of `len` bits in the row's byte order, with nft's range error. */
int dt_parse_number(const struct datatype *dt, const char *text, uint32_t len,
		    struct value *out, struct diag_list *errs, const struct loc *loc, bool *not_number);
/* Stores x in `len` bits in dt's byte order; checks the range (nft's message). */
int dt_store_checked(const struct datatype *dt, uint64_t x, uint32_t len, struct value *out,
		     struct diag_list *errs, const struct loc *loc);
/* The effective number of bits of a value/row for parsing. */
uint32_t dt_len(const struct datatype *dt, uint32_t len);
/* Value in dt's byte order → integer (values up to 64 bits). */
uint64_t dt_get(const struct datatype *dt, const struct value *v);

/* Row shapes. Every row begins with the same five facts (id, name, description, byte
 * order, size in bits); most rows are an integer with names for some values, or a
 * bitmask with names for its bits, and list those names last. A row that is
 * neither spells out what it adds after DT_HEAD. */
#define DT_HEAD(ID, NAME, DESC, BO, SIZE) \
	.id = (ID), .name = (NAME), .desc = (DESC), .byteorder = (BO), .size = (SIZE)
/* A row's names: SYMBOLS({ "a", 1 }, { "b", 2 }) is a table ending in { NULL, 0 }. */
#define SYMBOLS(...) ((const struct symbol[]){ __VA_ARGS__, { NULL, 0 } })
/* An integer with its own parse and print functions; SYMS may be NULL. */
#define DT_NAMED(ID, NAME, DESC, BO, SIZE, PARSE, PRINT, SYMS) { \
	DT_HEAD(ID, NAME, DESC, BO, SIZE), .basetype = &dt_integer, .symbols = (SYMS), \
	.parse = (PARSE), .print = (PRINT) }
/* An integer written as a name from SYMS or as a number. */
#define DT_SYMBOLIC(ID, NAME, DESC, BO, SIZE, PRINT, SYMS) \
	DT_NAMED(ID, NAME, DESC, BO, SIZE, dt_parse_symbolic, PRINT, SYMS)
/* An integer with no names, in its own text form (addresses, times, ids). */
#define DT_INTEGER(ID, NAME, DESC, BO, SIZE, PARSE, PRINT) \
	DT_NAMED(ID, NAME, DESC, BO, SIZE, PARSE, PRINT, NULL)
/* A bitmask whose bits have names: `a,b` and `a | b` combine them. */
#define DT_FLAGS(ID, NAME, DESC, BO, SIZE, SYMS) { \
	DT_HEAD(ID, NAME, DESC, BO, SIZE), .flags = DTYPE_F_FLAGS, .basetype = &dt_bitmask, \
	.symbols = (SYMS), .parse = dt_parse_symbolic, .print = dt_print_bitmask }

/* Generic row functions */
int dt_parse_integer(const struct datatype *dt, const char *text, uint32_t len,
		     struct value *out, struct diag_list *errs, const struct loc *loc);
int dt_parse_symbolic(const struct datatype *dt, const char *text, uint32_t len,
		      struct value *out, struct diag_list *errs, const struct loc *loc);
void dt_print_decimal(const struct datatype *dt, const struct value *v,
		      const struct print_opts *po, struct writer *w);
void dt_print_hex(const struct datatype *dt, const struct value *v,
		  const struct print_opts *po, struct writer *w);       /* 0x%x */
void dt_print_hex_padded(const struct datatype *dt, const struct value *v,
			 const struct print_opts *po, struct writer *w); /* 0x%0*x, width from size */
/* Symbol name if the value is in the table, else the decimal (symbolic tables in
 * decimal) or padded hex (symbolic tables in hexadecimal) number. */
void dt_print_symbolic_dec(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w);
void dt_print_symbolic_hex(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w);
/* Bitmask: exact symbol, else 0x%x. */
void dt_print_bitmask(const struct datatype *dt, const struct value *v,
		      const struct print_opts *po, struct writer *w);
/* Quoted names (devgroup, realm, day): "name" or the decimal number. */
void dt_print_symbolic_quoted(const struct datatype *dt, const struct value *v,
			      const struct print_opts *po, struct writer *w);
/* Hex of the whole value, any width (integers wider than 64 bits). */
void dt_print_wide_hex(const struct value *v, enum byteorder bo, struct writer *w);

/* Names from system files (NUMBER NAME per line): iproute2 groups and realms,
 * conntrack labels. Return 0 when found. */
extern const char *const dt_devgroup_files[], *const dt_realm_files[],
	*const dt_connlabel_files[];
int dt_file_name_to_num(const char *const *files, const char *name, uint64_t *num);
int dt_file_num_to_name(const char *const *files, uint64_t num, char *buf, size_t size);

/* Header-field variants of the ICMP code rows (parse names, list numbers). */
extern const struct datatype dt_icmp_code_field, dt_icmpv6_code_field;

/* Relative time: "1d2h3m4s5ms" or seconds → ms, and back (nft layout). */
int dt_time_parse_ms(const char *text, uint64_t *ms_out);
void dt_time_print_ms(uint64_t ms, const struct print_opts *po, struct writer *w);

#endif
