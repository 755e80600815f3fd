/* Building netlink messages into a growing buffer: the header (nlmsghdr +
 * nfgenmsg) and its completion. Attribute writers live in attr.c. */
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nfnetlink.h>
#include "nlmsg.h"
#include "../util/arena.h"
#include "../util/bigmem.h"

void nlbuf_init(struct nl_buf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
	b->too_long = false;
}

/* Past this a buffer is a batch that goes on growing: it moves to huge pages at once
 * rather than through 256 KiB, 512 KiB and 1 MiB of copies and fresh small pages. */
#define NLBUF_BIG_FROM ((size_t)256 << 10)

void nlbuf_free(struct nl_buf *b)
{
	if (b->cap >= NLBUF_BIG_FROM)
		bigmem_free(b->p, b->cap);
	else
		free(b->p);
	nlbuf_init(b);
}

/* Small buffers (requests, single messages) live in malloc; a batch that outgrows
 * NLBUF_BIG_FROM moves to bigmem's huge pages and grows there. */
void nlbuf_grow(struct nl_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 16384;
	while (cap < need)
		cap *= 2;
	if (cap < NLBUF_BIG_FROM) {
		b->p = xrealloc(b->p, cap);
	} else if (b->cap >= NLBUF_BIG_FROM) {
		b->p = bigmem_grow(b->p, b->cap, cap);
	} else {
		uint8_t *q = bigmem_alloc(cap);
		if (b->len)
			memcpy(q, b->p, b->len);
		free(b->p);
		b->p = q;
	}
	b->cap = cap;
}

size_t nlbuf_reserve(struct nl_buf *b, size_t n)
{
	size_t off = nlbuf_extend(b, n);
	memset(b->p + off, 0, n);
	return off;
}

struct nlmsghdr *nlmsg_at(const struct nl_buf *b, size_t off)
{
	return (struct nlmsghdr *)(b->p + off);
}

size_t nlmsg_put_header(struct nl_buf *b, uint16_t type, uint16_t flags, uint32_t seq,
			uint8_t family, uint16_t res_id)
{
	size_t off = nlbuf_reserve(b, NLMSG_HDRLEN + NL_ALIGN(sizeof(struct nfgenmsg)));
	struct nlmsghdr *h = nlmsg_at(b, off);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = seq;
	struct nfgenmsg *g = (struct nfgenmsg *)(b->p + off + NLMSG_HDRLEN);
	g->nfgen_family = family;
	g->version = NFNETLINK_V0;
	g->res_id = __builtin_bswap16(res_id);
	nlmsg_finish(b, off);
	return off;
}

void nlmsg_finish(struct nl_buf *b, size_t off)
{
	nlmsg_at(b, off)->nlmsg_len = (uint32_t)(b->len - off);
}
