/* The nf_tables netlink API nftc uses: a socket, a batch that is encoded straight
 * into its send buffer, commit with per-message error correlation, and dumps decoded
 * into the nl_* structs of objects.h. No libmnl/libnftnl: nlmsg/attr code lives in
 * nlmsg.c/attr.c, the attributes of every object as rows in object_rows.c. */
#ifndef NFTC_NETLINK_H
#define NFTC_NETLINK_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "objects.h"
#include "../util/arena.h"

struct nl_sock {
	int fd;
	uint32_t portid;
	uint32_t seq;
	uint8_t *rxbuf;
	size_t rxcap;
};

/* Opens a NETLINK_NETFILTER socket (with NETLINK_EXT_ACK, large rcvbuf).
 * Returns 0, or -errno. */
int nl_sock_open(struct nl_sock *s);
void nl_sock_close(struct nl_sock *s);

/* ---------------------------------------------------------------- batches */

/* A batch: one growing buffer of messages between BATCH_BEGIN and BATCH_END.
 * Every message remembers an opaque `cookie` (the caller's command index) so an
 * error from the kernel can be reported against the command that caused it. */
struct nl_batch;
struct nl_batch *nl_batch_new(void);
void nl_batch_free(struct nl_batch *b);
/* Appends one object message: obj is the struct of its kind (struct nl_table for
 * NL_TABLE ...). msg_type: NFT_MSG_NEWTABLE, NFT_MSG_DELCHAIN ...; flags: extra
 * NLM_F_* (CREATE, EXCL, APPEND, REPLACE). */
size_t nl_batch_add(struct nl_batch *b, uint16_t msg_type, uint16_t flags, enum nl_kind kind,
		    const void *obj, uint32_t cookie);
/* ORs `flags` into the NFTA_SET_FLAGS of the NEWSET message nl_batch_add put at
 * `msg` (its return value): a rule later in the batch found the set must be
 * dynamic. False when that message has no such attribute. */
bool nl_batch_set_flags_or(struct nl_batch *b, size_t msg, uint32_t flags);
/* NFT_MSG_NEWSETELEM / DELSETELEM for s->elems (split over several messages if large). */
void nl_batch_elems(struct nl_batch *b, uint16_t msg_type, uint16_t flags,
		    const struct nl_set *s, uint32_t cookie);
/* Flush a whole family/table (NFT_MSG_DELTABLE with no name = flush ruleset). */
uint32_t nl_batch_count(const struct nl_batch *b);   /* object messages so far */

struct nl_error {
	uint32_t cookie;             /* of the message the kernel refused */
	int32_t expr_index;          /* rule messages: the expression the kernel named, or -1 */
	int err;                     /* positive errno */
	const char *ext_msg;         /* NLMSGERR_ATTR_MSG, or NULL; points into ext_text */
	char ext_text[256];          /* holds the message, so it outlives the batch */
};
/* Every error of one commit, in the order the kernel sent them (it reports each
 * refused message, however many). */
struct nl_errors {
	struct nl_error *v;
	unsigned n, cap;
};
void nl_errors_free(struct nl_errors *e);
/* cookie of an error the kernel reported against the batch as a whole
 * (BATCH_BEGIN/END: permission, commit failure) rather than one message. */
#define NL_COOKIE_BATCH UINT32_MAX
/* Sends the batch (BEGIN/END added here) and reads every reply. Returns 0 when the
 * kernel applied it; otherwise -1 and appends every error to `errs`. A batch with no
 * object messages sends nothing. Negative errno, with no error appended, when it never
 * got to the kernel's answers (-ENOBUFS ..., -EPERM: too big to send without
 * privilege, -EMSGSIZE: see nl_batch_unencodable). */
int nl_batch_commit(struct nl_sock *s, struct nl_batch *b, struct nl_errors *errs);
/* A message holds an attribute longer than netlink's 16-bit lengths can say (a name
 * or a nest of 64 KiB and more): true, with the cookie of the first such message.
 * Such a batch is never sent (nl_batch_commit returns -EMSGSIZE): a truncated length
 * would make the kernel read something else than what was meant. */
bool nl_batch_unencodable(const struct nl_batch *b, uint32_t *cookie);

/* Echo (`-e`): each object message asks the kernel to send the object back as it
 * created it (NLM_F_ECHO); nl_batch_handle then gives the handle it got, by the
 * cookie of its message (0 when none came back: elements, deletions). */
void nl_batch_set_echo(struct nl_batch *b, bool echo);
uint64_t nl_batch_handle(const struct nl_batch *b, uint32_t cookie);
/* The name the kernel echoed for the chain of that message (a bound chain's
 * `__chain%d` name), or NULL. */
const char *nl_batch_chain_name(const struct nl_batch *b, uint32_t cookie);
/* The rule a `replace rule` of that message removed, as the kernel echoed it (decoded
 * into memory the batch owns), or NULL. */
const struct nl_rule *nl_batch_replaced_rule(const struct nl_batch *b, uint32_t cookie);

/* Dry run (`-c`): the batch is sent without BATCH_END, so the kernel validates every
 * message and then aborts the transaction; errors are reported as for a commit. */
void nl_batch_set_dry_run(struct nl_batch *b, bool dry_run);

/* `-d netlink` text for everything in a batch, the format of the conformance payload
 * files (set declarations and elements, then "family table chain" and the exprs). */
struct writer;
void nl_debug_rule(const struct nl_rule *r, struct writer *w);
void nl_debug_chain(const struct nl_chain *c, struct writer *w);
void nl_debug_set_decl(const struct nl_set *s, struct writer *w);
void nl_debug_set_elems(const struct nl_set *s, struct writer *w);
void nl_debug_set(const struct nl_set *s, struct writer *w);   /* both */

/* ---------------------------------------------------------------- dumps */

/* Each dump decodes every object into `arena` and returns an array.
 * family NFPROTO_UNSPEC (0) means all families; table/chain NULL means all.
 * Returns count >= 0, or -errno (e.g. -ENOENT for a missing table). */
int nl_dump_tables(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		   struct nl_table **out);
int nl_dump_chains(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		   const char *chain, struct nl_chain **out);
int nl_dump_rules(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		  const char *chain, struct nl_rule **out);
/* Rules kept as the kernel sent them (their attributes, packed), to be decoded one at
 * a time while they are printed: a listing of many rules holds their bytes, not their
 * decoded programs. `table`/`chain` point into `bytes`. */
struct nl_raw_rule {
	size_t off;
	uint32_t len, family;
	size_t table_off, chain_off;
};
struct nl_raw_rules {
	uint8_t *bytes;
	size_t len, cap;
	struct nl_raw_rule *v;
	uint32_t n, vcap;
};
int nl_dump_rules_raw(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		      const char *chain, struct nl_raw_rules *out);
/* As nl_dump_rules_raw, zeroing the counters and quotas of the rules read (GETRULE_RESET);
 * `handle` (not 0): that rule only. */
int nl_reset_rules_raw(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		       const char *chain, uint64_t handle, struct nl_raw_rules *out);
int nl_raw_rule_decode(struct arena *a, const struct nl_raw_rules *raw, uint32_t i,
		       struct nl_rule *out);
static inline const char *nl_raw_rule_table(const struct nl_raw_rules *raw, uint32_t i)
{
	return (const char *)raw->bytes + raw->v[i].table_off;
}
static inline const char *nl_raw_rule_chain(const struct nl_raw_rules *raw, uint32_t i)
{
	return (const char *)raw->bytes + raw->v[i].chain_off;
}
void nl_raw_rules_free(struct nl_raw_rules *raw);
int nl_dump_sets(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		 const char *set, struct nl_set **out);
/* type: NFT_OBJECT_* or 0 for all types; name NULL for all. */
int nl_dump_objs(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		 const char *name, uint32_t type, struct nl_obj **out);
int nl_dump_flowtables(struct nl_sock *s, struct arena *a, uint32_t family,
		       const char *table, struct nl_flowtable **out);
/* As nl_dump_objs, and the kernel zeroes the counters/quotas it returns (`reset`). */
int nl_dump_objs_reset(struct nl_sock *s, struct arena *a, uint32_t family, const char *table,
		       const char *name, uint32_t type, struct nl_obj **out);
/* Fills set->elems / nelems. A dump that repeats an element (a hash set being resized
 * while it is walked) is taken again; -EAGAIN if every try repeated one. */
int nl_dump_elems(struct nl_sock *s, struct arena *a, struct nl_set *set);
/* `reset set`: the same dump, once, with GETSETELEM_RESET (the kernel zeroes the
 * elements' counters and quotas as it answers). */
int nl_dump_elems_reset(struct nl_sock *s, struct arena *a, struct nl_set *set);
/* `get element`: asks the kernel for the elements of req->elems (keys, and the
 * interval-end flags of ranges) in one NFT_MSG_GETSETELEM (`reset element`:
 * GETSETELEM_RESET); what it answers is decoded into out->elems in its order. Count,
 * or -errno (-ENOENT: one of them is missing). */
int nl_get_elems(struct nl_sock *s, struct arena *a, const struct nl_set *req,
		 struct nl_set *out, bool reset);
/* Ruleset generation id (NFT_MSG_GETGEN). */
int nl_get_genid(struct nl_sock *s, uint32_t *genid);

/* One object's attributes (a message body after nfgenmsg) from or into the struct
 * of its kind; decoding zeroes `out`, sets its family and copies what it keeps into
 * the arena. 0 or -EINVAL. */
struct nl_buf;
void nl_encode(struct nl_buf *b, enum nl_kind kind, const void *obj);
int nl_decode(struct arena *a, enum nl_kind kind, const uint8_t *attrs, size_t len,
	      uint32_t family, void *out);
/* The names a decoded object is known by: its table's (NULL for a table) and its own
 * (a rule's chain). */
const char *nl_object_table(enum nl_kind kind, const void *obj);
const char *nl_object_name(enum nl_kind kind, const void *obj);
/* The handle in a decoded object; the kind a NFT_MSG_NEW* message creates (false for
 * any other type, elements included). */
uint64_t nl_object_handle(enum nl_kind kind, const void *obj);
bool nl_kind_of_new_msg(uint16_t msg_type, enum nl_kind *out);
int nl_decode_exprs(struct arena *a, const uint8_t *nest, size_t len, struct vm_exprs *out);
/* Encode a rule's expressions into a standalone buffer (tests: round trip). */
size_t nl_encode_exprs(const struct vm_exprs *exprs, uint8_t *buf, size_t cap);

/* ---------------------------------------------------------------- events (event.c, trace.c) */

/* A traced packet (NFT_MSG_TRACE); `present` has a bit per NFTA_TRACE_* attribute. */
struct nl_trace {
	uint32_t id, type;          /* NFT_TRACETYPE_* */
	const char *table, *chain, *jump_chain;
	uint64_t rule_handle;
	int32_t verdict;
	bool has_verdict;
	const uint8_t *ll, *nh, *th;     /* link-layer, network, transport headers */
	uint32_t ll_len, nh_len, th_len;
	uint32_t iif, oif, mark, nfproto, policy;
	uint16_t iiftype, oiftype;
	uint32_t ct_id, ct_status, ct_state;
	uint8_t ct_dir;
	uint32_t present;
};
int nl_trace_decode(struct arena *a, const uint8_t *p, size_t len, struct nl_trace *t);

enum nl_event_kind { NL_EV_TABLE, NL_EV_CHAIN, NL_EV_RULE, NL_EV_SET, NL_EV_ELEMS, NL_EV_OBJ,
		     NL_EV_FLOWTABLE, NL_EV_GEN, NL_EV_TRACE };
/* One notification. NL_EV_ELEMS: `set` names the set (table, name) and holds the
 * elements of the message, nothing else of the set. */
struct nl_event {
	uint16_t type;              /* NFT_MSG_* */
	uint16_t flags;             /* the message's NLM_F_* (NLM_F_APPEND ...) */
	uint32_t family;
	enum nl_event_kind kind;
	bool is_new;                /* NEW*, or DEL and DESTROY */
	union {
		struct nl_table table;
		struct nl_chain chain;
		struct nl_rule rule;
		struct nl_set set;
		struct nl_obj obj;
		struct nl_flowtable flowtable;
		struct { uint32_t id, pid; const char *proc; } gen;
		struct nl_trace trace;
	};
};
/* A socket for notifications: `changes` joins NFNLGRP_NFTABLES, `trace` NFNLGRP_NFTRACE;
 * rcvbuf > 0 forces that receive buffer size (tests). 0 or -errno. */
int nl_events_open(struct nl_sock *s, bool changes, bool trace, int rcvbuf);
/* One datagram into the socket's buffer: its length, or -errno (-ENOBUFS: the
 * socket overran and events were lost; the socket stays usable). */
ssize_t nl_events_recv(struct nl_sock *s);
const uint8_t *nl_events_buf(const struct nl_sock *s);
struct nlmsghdr;
/* The next message of a datagram, or NULL. */
const struct nlmsghdr *nl_events_next(const uint8_t *buf, size_t len, size_t *off);
/* Decodes one notification into `ev` (strings and arrays in `a`). 0, -EOPNOTSUPP
 * for a message type that is no event, or -EPROTO for a malformed one. */
int nl_event_decode(struct arena *a, const struct nlmsghdr *h, struct nl_event *ev);

#endif
