/* Netlink message building and attribute parsing, our own small libmnl-like
 * layer. Messages are built into a growing byte buffer addressed by offsets
 * (the buffer may move while it grows); parsing validates every attribute
 * against a policy table before anything reads its payload. */
#ifndef NFTC_NLMSG_H
#define NFTC_NLMSG_H
#include <endian.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <linux/netlink.h>

/* ---------------------------------------------------------------- building */

#define NL_ALIGN(n) (((n) + 3u) & ~3u)

struct nl_buf {
	uint8_t *p;
	size_t len, cap;
	/* An attribute or nest did not fit netlink's 16-bit length: what was written
	 * is not what was meant, and must never be sent. Sticky. */
	bool too_long;
};

/* The largest attribute payload netlink can describe (nla_len is 16 bits). */
#define NL_ATTR_PAYLOAD_MAX (UINT16_MAX - NLA_HDRLEN)

void nlbuf_init(struct nl_buf *b);
void nlbuf_free(struct nl_buf *b);
/* Reserves n zeroed bytes at the end, returns their offset. */
size_t nlbuf_reserve(struct nl_buf *b, size_t n);
/* Makes room for at least `need` bytes in all (the buffer may move). */
void nlbuf_grow(struct nl_buf *b, size_t need);
/* Reserves n bytes, not zeroed, for writers that fill every byte. This and the
 * attribute writers below are inline: a batch of 20 000 rules writes a million
 * attributes. */
static inline size_t nlbuf_extend(struct nl_buf *b, size_t n)
{
	size_t off = b->len;
	if (b->len + n > b->cap)
		nlbuf_grow(b, b->len + n);
	b->len += n;
	return off;
}

/* nlmsghdr + nfgenmsg; returns the message's offset. */
size_t nlmsg_put_header(struct nl_buf *b, uint16_t type, uint16_t flags, uint32_t seq,
			uint8_t family, uint16_t res_id);
/* Sets nlmsg_len of the message at `off` to the end of the buffer. */
void nlmsg_finish(struct nl_buf *b, size_t off);
struct nlmsghdr *nlmsg_at(const struct nl_buf *b, size_t off);

static inline void attr_put(struct nl_buf *b, uint16_t type, const void *data, size_t len)
{
	if (len > NL_ATTR_PAYLOAD_MAX) {
		b->too_long = true;   /* nothing is written: the length cannot be said */
		return;
	}
	size_t off = nlbuf_extend(b, NLA_HDRLEN + NL_ALIGN(len));
	struct nlattr *a = (struct nlattr *)(b->p + off);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy(b->p + off + NLA_HDRLEN, data, len);
	if (NL_ALIGN(len) != len)   /* the padding: every byte sent is written */
		memset(b->p + off + NLA_HDRLEN + len, 0, NL_ALIGN(len) - len);
}

static inline void attr_put_u8(struct nl_buf *b, uint16_t type, uint8_t v)
{
	attr_put(b, type, &v, sizeof(v));
}

static inline void attr_put_u16(struct nl_buf *b, uint16_t type, uint16_t v)   /* big-endian */
{
	uint16_t be = htobe16(v);
	attr_put(b, type, &be, sizeof(be));
}

static inline void attr_put_u32(struct nl_buf *b, uint16_t type, uint32_t v)   /* big-endian */
{
	uint32_t be = htobe32(v);
	attr_put(b, type, &be, sizeof(be));
}

static inline void attr_put_u64(struct nl_buf *b, uint16_t type, uint64_t v)   /* big-endian */
{
	uint64_t be = htobe64(v);
	attr_put(b, type, &be, sizeof(be));
}

static inline void attr_put_str(struct nl_buf *b, uint16_t type, const char *s)
{
	attr_put(b, type, s, strlen(s) + 1);
}

/* Opens a nested attribute; returns its offset for attr_nest_end. */
static inline size_t attr_nest_start(struct nl_buf *b, uint16_t type)
{
	size_t off = nlbuf_extend(b, NLA_HDRLEN);
	struct nlattr *a = (struct nlattr *)(b->p + off);
	a->nla_type = type | NLA_F_NESTED;
	a->nla_len = NLA_HDRLEN;    /* until attr_nest_end */
	return off;
}

static inline void attr_nest_end(struct nl_buf *b, size_t off)
{
	struct nlattr *a = (struct nlattr *)(b->p + off);
	if (b->len - off > UINT16_MAX)
		b->too_long = true;
	a->nla_len = (uint16_t)(b->len - off);
}

/* ---------------------------------------------------------------- parsing */

enum attr_kind {
	AK_NONE,      /* no policy: the attribute is skipped, never read */
	AK_U8, AK_U16, AK_U32, AK_U64,
	AK_STR,       /* NUL-terminated within its payload */
	AK_BINARY,    /* any length up to max_len (0: unlimited) */
	AK_NESTED,    /* a nest of further attributes */
};

struct attr_policy {
	enum attr_kind kind;
	uint16_t max_len;
};

/* A validated attribute: its payload. */
struct attr {
	const uint8_t *data;
	uint16_t len;
};

/* Parses the attribute stream p[0..len) into tb[0..max] (tb zeroed first).
 * Rejects truncated headers, lengths past the end and payloads whose size does
 * not match the policy; attributes above max or without policy are ignored.
 * Returns 0 or -EINVAL. */
int attr_parse(const uint8_t *p, size_t len, const struct attr_policy *pol, unsigned max,
	       struct attr *tb);
/* Iterates a nest's attributes one by one (lists of NFTA_LIST_ELEM).
 * *off starts at 0; returns 1 with *out filled, 0 at the end, -EINVAL if garbled. */
int attr_next(const uint8_t *p, size_t len, size_t *off, uint16_t *type, struct attr *out);

static inline bool attr_ok(const struct attr *a) { return a->data != NULL; }
uint8_t attr_u8(const struct attr *a);
uint16_t attr_u16(const struct attr *a);     /* from big-endian */
uint32_t attr_u32(const struct attr *a);     /* from big-endian */
uint64_t attr_u64(const struct attr *a);     /* from big-endian */
const char *attr_str(const struct attr *a);  /* validated NUL-terminated */

#endif
