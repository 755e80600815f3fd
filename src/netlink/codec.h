/* Encoders and decoders of the nf_tables objects (tables, chains, rules, sets,
 * elements, expressions) between the structs of objects.h and netlink
 * attributes. Encoders append attributes to an open message; decoders read the
 * attributes of one message body (after nfgenmsg), validated by policy tables,
 * copying whatever they keep into the arena. Objects are read and written through
 * their rows (object_rows.c), expressions through vm_descs (expr_codec.c). */
#ifndef NFTC_CODEC_H
#define NFTC_CODEC_H
#include "nlmsg.h"
#include "objects.h"
#include "../util/arena.h"

/* data registers (NFTA_DATA_VALUE / NFTA_DATA_VERDICT inside `type`) */
void enc_value(struct nl_buf *b, uint16_t type, const uint8_t *p, uint32_t len);
void enc_data(struct nl_buf *b, uint16_t type, const struct vm_data *d);
int dec_data(struct arena *a, const struct attr *nest, struct vm_data **out);
/* Raw bytes of NFTA_DATA_VALUE inside a nest (element keys); copied to the arena. */
int dec_value(struct arena *a, const struct attr *nest, const uint8_t **p, uint32_t *len);

/* expressions: a list of NFTA_LIST_ELEM, each NFTA_EXPR_NAME + NFTA_EXPR_DATA */
void enc_expr_list(struct nl_buf *b, uint16_t type, const struct vm_exprs *l);
void enc_expr_one(struct nl_buf *b, uint16_t type, const struct vm_expr *e);
int dec_expr_list(struct arena *a, const uint8_t *p, size_t len, struct vm_exprs *out, int depth);
int dec_expr_one(struct arena *a, const uint8_t *p, size_t len, struct vm_exprs *out, int depth);

/* elements: the list header of one NEWSETELEM/DELSETELEM message, then elements */
void enc_elem_list_head(struct nl_buf *b, const struct nl_set *s);
void enc_elem(struct nl_buf *b, const struct nl_elem *e);
/* Appends the elements of one GETSETELEM reply to set->elems. */
int dec_elem_list(struct arena *a, const uint8_t *p, size_t len, struct nl_set *set);

/* The hooks of NFTA_OBJ_DATA (obj_codec.c): a named object's attributes by its type. */
struct attr_row;
void enc_obj_data(struct nl_buf *b, const struct attr_row *r, const void *obj);
int dec_obj_data(struct arena *a, const struct attr_row *r, const struct attr *tb, void *obj);

/* The parser policy for each wire type of a VM description row (VA_*), shared by the
 * expression and object decoders. */
extern const struct attr_policy va_policy[VA_KIND_COUNT];

/* Batches (batch.c), for tests and fuzzing: the sequence numbers of a batch's
 * messages from *seq on (returns the first), and the errors a buffer of the kernel's
 * replies holds for them (-EPROTO if one is garbled); with echo, the handles of the
 * objects it echoes back. */
struct nl_batch;
struct nl_errors;
uint32_t nl_batch_number(struct nl_batch *b, uint32_t *seq);
int nl_batch_take_replies(struct nl_batch *b, uint32_t base, const uint8_t *buf,
			  size_t len, struct nl_errors *errs, bool *failed);

#define NL_HAS(obj, attr) (((obj)->present >> (attr)) & 1u)

#endif
