/* The nf_tables objects (tables, chains, rules, sets, elements, named objects,
 * flowtables) as rows of attributes, as the expressions are in vm_desc.c: one row per
 * attribute saying its wire kind and limit, the field of the objects.h struct that
 * holds its value and when it is sent. One encoder and one decoder read the rows,
 * and the policy a message is validated against is built from them, so each
 * attribute is described once (object_rows.c has the rows). A value that is no
 * scalar in a field (devices, expressions, data registers, a named object's typed
 * data) is written and read by hooks of its row. */
#ifndef NFTC_ATTR_ROWS_H
#define NFTC_ATTR_ROWS_H
#include <stddef.h>
#include "nlmsg.h"
#include "../util/arena.h"

/* When the encoder sends a row's attribute. */
enum row_emit {
	EMIT_SET,              /* its field is not zero: a number, flag, count or pointer
				* (and, for bytes, their length) */
	EMIT_SET_OR_PRESENT,   /* that, or its bit set in the object's `present` */
	EMIT_PRESENT,          /* its bit in `present` alone */
	EMIT_ALWAYS,
	EMIT_WHEN,             /* when row->when(obj) says so */
	EMIT_NEVER,            /* received only (use counts), or read by another row's hook */
};

struct attr_rows;

struct attr_row {                  /* what the encoder reads for every row comes first */
	uint16_t attr;
	uint8_t kind;                  /* enum attr_kind: AK_U32, AK_U64, AK_STR, AK_BINARY
					* or AK_NESTED */
	uint16_t max_len;              /* AK_STR, AK_BINARY: the longest payload (0: any) */
	uint8_t emit;                  /* enum row_emit */
	/* The field: a uint32_t or int32_t (AK_U32), a uint64_t (AK_U64), a const char *
	 * (AK_STR), a const uint8_t * with its uint32_t length at len_off (AK_BINARY), a
	 * flag set when the nest was received (AK_NESTED). size 0: no field, the
	 * attribute is validated and marked present only. A row with hooks names the
	 * field its emit rule reads, which the hooks may use. */
	uint16_t off;
	uint8_t size;
	uint16_t len_off;
	bool required;                 /* a message without it is refused */
	const struct attr_rows *nest;  /* AK_NESTED: its attributes, fields of the same object */
	bool (*when)(const void *obj);
	/* A value that is no scalar in a field: enc writes it when the emit rule sends
	 * the row (and may still write nothing); dec reads it when it was received, and
	 * sees the whole message in tb. */
	void (*enc)(struct nl_buf *b, const struct attr_row *r, const void *obj);
	int (*dec)(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj);
};

struct attr_rows {
	const struct attr_row *v;      /* in the order the attributes are sent */
	unsigned n;
	int present_off;               /* the object's uint32_t `present`, or -1 */
};

/* `present` has a bit per attribute: no row's attribute is above this. */
#define ROWS_ATTR_MAX 31

/* The policy attr_parse validates a message against, built from rows. */
struct rows_policy {
	struct attr_policy v[ROWS_ATTR_MAX + 1];
	unsigned max;                  /* the highest attribute of a row */
};

/* Appends the attributes of obj the rows say to send, in their order. */
void rows_encode(struct nl_buf *b, const struct attr_rows *rows, const void *obj);
void rows_policy(const struct attr_rows *rows, struct rows_policy *pol);
/* Validates an attribute stream into tb, which has room for ROWS_ATTR_MAX + 1: a
 * short, long or garbled attribute is refused, one without a row skipped. */
int rows_parse(const struct rows_policy *pol, const uint8_t *p, size_t len, struct attr *tb);
/* rows_parse, then each received attribute into its field (strings and bytes copied
 * into the arena) and its bit into `present`; the caller has zeroed obj. 0 or -EINVAL
 * (a required attribute missing, a hook refusing). */
int rows_decode(struct arena *a, const struct attr_rows *rows, const uint8_t *p, size_t len,
		void *obj);
/* The same with the policy built once, for many objects of one message (elements). */
int rows_decode_by(struct arena *a, const struct attr_rows *rows, const struct rows_policy *pol,
		   const uint8_t *p, size_t len, void *obj);

#endif
