/* A transaction batch: BATCH_BEGIN, the object messages encoded straight into
 * one growing buffer, BATCH_END; committed with ONE sendmsg so the kernel sees
 * it in one skb. Every message remembers the caller's cookie; an error reply is
 * mapped back to it through its sequence number.
 *
 * How we know every reply arrived: the kernel handles a netlink datagram sent
 * to it synchronously, inside sendmsg, so by the time sendmsg returns all error
 * replies are queued on our socket. We read until the queue is empty
 * (MSG_DONTWAIT → EAGAIN); losing replies shows up as ENOBUFS. BATCH_END also
 * asks for an ACK: recent kernels send it after a successful commit only (an
 * aborted batch gets just the error replies), so it cannot be waited for. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink.h"
#include "codec.h"
#include "sock_int.h"
#include "obj_data.h"

#define ELEM_MSG_MAX (32 * 1024)   /* start a new element message past this size */

struct nl_batch {
	struct nl_buf buf;         /* BATCH_BEGIN + object messages */
	uint32_t *cookies;         /* per object message, in order */
	uint64_t *handles;         /* per object message, with echo: what the kernel gave */
	uint32_t n, cap;
	bool echo;                 /* NLM_F_ECHO on object messages */
	struct echoed_name { uint32_t msg; char *name; } *names;   /* chains echoed back */
	uint32_t nnames;
	/* rules a replace removed, as the kernel echoed their deletion (in `gone`) */
	struct echoed_rule { uint32_t msg; struct nl_rule *rule; } *olds;
	uint32_t nolds;
	struct arena gone;
	bool gone_init;
	bool dry_run;              /* no BATCH_END: the kernel checks, then aborts */
	bool unencodable;          /* a message could not be encoded faithfully ... */
	uint32_t unencodable_cookie;   /* ... the first one's cookie */
};

struct nl_batch *nl_batch_new(void)
{
	struct nl_batch *b = xmalloc(sizeof(*b));
	memset(b, 0, sizeof(*b));
	nlbuf_init(&b->buf);
	nlmsg_put_header(&b->buf, NFNL_MSG_BATCH_BEGIN, 0, 0, AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	return b;
}

void nl_batch_free(struct nl_batch *b)
{
	if (!b)
		return;
	nlbuf_free(&b->buf);
	free(b->cookies);
	free(b->handles);
	for (uint32_t i = 0; i < b->nnames; i++)
		free(b->names[i].name);
	free(b->names);
	free(b->olds);
	if (b->gone_init)
		arena_free(&b->gone);
	free(b);
}

uint32_t nl_batch_count(const struct nl_batch *b)
{
	return b->n;
}

/* Opens one object message and records its cookie; returns its offset. */
static size_t msg_open(struct nl_batch *b, uint16_t msg_type, uint16_t flags, uint32_t family,
		       uint32_t cookie)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->cookies = xrealloc(b->cookies, b->cap * sizeof(*b->cookies));
		if (b->echo)
			b->handles = xrealloc(b->handles, b->cap * sizeof(*b->handles));
	}
	enum nl_kind kind;
	if (b->echo) {
		b->handles[b->n] = 0;
		if (nl_kind_of_new_msg(msg_type, &kind))   /* not elements, not deletions */
			flags |= NLM_F_ECHO;
	}
	b->cookies[b->n++] = cookie;
	return nlmsg_put_header(&b->buf, (NFNL_SUBSYS_NFTABLES << 8) | msg_type, flags, 0,
				(uint8_t)family, 0);
}

/* Ends the message opened at `m`, noting whether all of it could be encoded. */
static void msg_close(struct nl_batch *b, size_t m)
{
	nlmsg_finish(&b->buf, m);
	if (b->buf.too_long && !b->unencodable) {
		b->unencodable = true;
		b->unencodable_cookie = b->cookies[b->n - 1];
	}
}

bool nl_batch_unencodable(const struct nl_batch *b, uint32_t *cookie)
{
	if (b->unencodable)
		*cookie = b->unencodable_cookie;
	return b->unencodable;
}

size_t nl_batch_add(struct nl_batch *b, uint16_t msg_type, uint16_t flags, enum nl_kind kind,
		    const void *obj, uint32_t cookie)
{
	uint32_t family;
	memcpy(&family, obj, sizeof(family));     /* every object struct starts with it */
	size_t m = msg_open(b, msg_type, flags, family, cookie);
	nl_encode(&b->buf, kind, obj);
	msg_close(b, m);
	return m;
}

bool nl_batch_set_flags_or(struct nl_batch *b, size_t msg, uint32_t flags)
{
	if (msg + NLMSG_HDRLEN + sizeof(struct nfgenmsg) > b->buf.len)
		return false;
	struct nlmsghdr nh;
	memcpy(&nh, b->buf.p + msg, sizeof(nh));
	if (nh.nlmsg_len > b->buf.len - msg)
		return false;
	size_t at = msg + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));
	size_t end = msg + nh.nlmsg_len;
	while (at + NLA_HDRLEN <= end) {
		struct nlattr na;
		memcpy(&na, b->buf.p + at, sizeof(na));
		if (na.nla_len < NLA_HDRLEN || na.nla_len > end - at)
			return false;
		if ((na.nla_type & NLA_TYPE_MASK) == NFTA_SET_FLAGS &&
		    na.nla_len == NLA_HDRLEN + sizeof(uint32_t)) {
			uint32_t v;
			memcpy(&v, b->buf.p + at + NLA_HDRLEN, sizeof(v));
			v = htonl(ntohl(v) | flags);
			memcpy(b->buf.p + at + NLA_HDRLEN, &v, sizeof(v));
			return true;
		}
		at += NLA_ALIGN(na.nla_len);
	}
	return false;
}

void nl_batch_elems(struct nl_batch *b, uint16_t msg_type, uint16_t flags,
		    const struct nl_set *s, uint32_t cookie)
{
	uint32_t i = 0;
	do {
		size_t m = msg_open(b, msg_type, flags, s->family, cookie);
		enc_elem_list_head(&b->buf, s);
		if (s->nelems) {
			size_t list = attr_nest_start(&b->buf, NFTA_SET_ELEM_LIST_ELEMENTS);
			do
				enc_elem(&b->buf, &s->elems[i++]);
			while (i < s->nelems && b->buf.len - m < ELEM_MSG_MAX);
			attr_nest_end(&b->buf, list);
		}
		msg_close(b, m);
	} while (i < s->nelems);
}

uint32_t nl_batch_number(struct nl_batch *b, uint32_t *seq)
{
	uint32_t base = *seq;
	size_t off = 0;
	uint32_t i = 0;
	const struct nlmsghdr *h;
	while ((h = nl_msg_next(b->buf.p, b->buf.len, &off)) != NULL)
		((struct nlmsghdr *)h)->nlmsg_seq = base + i++;
	*seq = base + i;
	return base;
}

/* The index of the rule expression holding byte `off` of the message numbered `seq`
 * (as the kernel's extended ACK points at an attribute), or -1. */
static int32_t expr_at_offset(const struct nl_batch *b, uint32_t seq, uint32_t off)
{
	size_t pos = 0;
	const struct nlmsghdr *h;
	while ((h = nl_msg_next(b->buf.p, b->buf.len, &pos)) != NULL) {
		if (h->nlmsg_seq != seq)
			continue;
		if ((h->nlmsg_type & 0xff) != NFT_MSG_NEWRULE || off >= h->nlmsg_len)
			return -1;
		const uint8_t *msg = (const uint8_t *)h;
		size_t at = NLMSG_HDRLEN + NL_ALIGN(sizeof(struct nfgenmsg)), aoff = 0;
		struct attr a;
		uint16_t type;
		while (at < h->nlmsg_len &&
		       attr_next(msg + at, h->nlmsg_len - at, &aoff, &type, &a) == 1) {
			if ((type & 0x3fff) != NFTA_RULE_EXPRESSIONS)
				continue;
			size_t eoff = 0;
			int32_t idx = 0;
			struct attr e;
			while (attr_next(a.data, a.len, &eoff, &type, &e) == 1) {
				size_t start = (size_t)(e.data - msg) - 4;   /* its header */
				size_t end = (size_t)(e.data - msg) + e.len;
				if (off >= start && off < end)
					return idx;
				idx++;
			}
			return -1;
		}
		return -1;
	}
	return -1;
}

void nl_errors_free(struct nl_errors *e)
{
	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

static void record_error(const struct nl_batch *b, uint32_t base, uint32_t seq, int err,
			 const char *ext, uint32_t attr_off, struct nl_errors *errs)
{
	if (errs->n == errs->cap) {
		errs->cap = errs->cap ? errs->cap * 2 : 16;
		errs->v = xrealloc(errs->v, errs->cap * sizeof(*errs->v));
	}
	uint32_t idx = seq - base;   /* 0: BEGIN, 1..n: object messages, n+1: END */
	struct nl_error *e = &errs->v[errs->n++];
	e->cookie = idx >= 1 && idx <= b->n ? b->cookies[idx - 1] : NL_COOKIE_BATCH;
	e->err = -err;
	e->expr_index = attr_off ? expr_at_offset(b, seq, attr_off) : -1;
	e->ext_msg = NULL;
	if (ext) {
		snprintf(e->ext_text, sizeof(e->ext_text), "%s", ext);
		e->ext_msg = e->ext_text;
	}
}

void nl_batch_set_echo(struct nl_batch *b, bool echo)
{
	if (echo && !b->echo && b->cap)
		b->handles = xrealloc(b->handles, b->cap * sizeof(*b->handles));
	for (uint32_t i = 0; echo && !b->echo && i < b->n; i++)
		b->handles[i] = 0;     /* messages already in: no echo was asked for them */
	b->echo = echo;
}

const char *nl_batch_chain_name(const struct nl_batch *b, uint32_t cookie)
{
	for (uint32_t k = 0; k < b->nnames; k++)
		if (b->cookies[b->names[k].msg] == cookie)
			return b->names[k].name;
	return NULL;
}

uint64_t nl_batch_handle(const struct nl_batch *b, uint32_t cookie)
{
	for (uint32_t i = 0; b->echo && i < b->n; i++)
		if (b->cookies[i] == cookie && b->handles[i])
			return b->handles[i];
	return 0;
}

/* An object the kernel echoed back: the handle it was given, kept by its message. */
/* A replace's old rule, as the kernel echoed its deletion: kept for -j -e. */
static void take_deleted_rule(struct nl_batch *b, uint32_t idx, const struct nlmsghdr *h,
			      size_t hdr)
{
	if (!b->gone_init) {
		arena_init(&b->gone, 16 * 1024);
		b->gone_init = true;
	}
	struct nl_rule *r = arena_alloc(&b->gone, sizeof(*r));
	if (nl_decode(&b->gone, NL_RULE, (const uint8_t *)h + hdr, h->nlmsg_len - hdr, 0, r) < 0)
		return;
	struct nfgenmsg g;
	memcpy(&g, (const uint8_t *)h + NLMSG_HDRLEN, sizeof(g));
	r->family = g.nfgen_family;
	b->olds = xrealloc(b->olds, (b->nolds + 1) * sizeof(*b->olds));
	b->olds[b->nolds].msg = idx - 1;
	b->olds[b->nolds++].rule = r;
}

const struct nl_rule *nl_batch_replaced_rule(const struct nl_batch *b, uint32_t cookie)
{
	for (uint32_t k = 0; k < b->nolds; k++)
		if (b->cookies[b->olds[k].msg] == cookie)
			return b->olds[k].rule;
	return NULL;
}

static void take_echo(struct nl_batch *b, uint32_t base, const struct nlmsghdr *h)
{
	enum nl_kind kind;
	uint32_t idx = h->nlmsg_seq - base;   /* 1..n: the object messages */
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));
	if (b->echo && idx >= 1 && idx <= b->n && h->nlmsg_len >= hdr &&
	    (h->nlmsg_type >> 8) == NFNL_SUBSYS_NFTABLES &&
	    (h->nlmsg_type & 0xff) == NFT_MSG_DELRULE) {
		take_deleted_rule(b, idx, h, hdr);
		return;
	}
	if (!b->echo || idx < 1 || idx > b->n || h->nlmsg_len < hdr ||
	    (h->nlmsg_type >> 8) != NFNL_SUBSYS_NFTABLES ||
	    !nl_kind_of_new_msg(h->nlmsg_type & 0xff, &kind))
		return;
	union {
		struct nl_table t;
		struct nl_chain c;
		struct nl_rule r;
		struct nl_set s;
		struct nl_obj o;
		struct nl_flowtable f;
	} obj;
	struct arena a;
	arena_init(&a, 4096);
	if (nl_decode(&a, kind, (const uint8_t *)h + hdr, h->nlmsg_len - hdr, 0, &obj) == 0) {
		b->handles[idx - 1] = nl_object_handle(kind, &obj);
		/* a chain bound to a verdict is named by the kernel: keep the name */
		if (kind == NL_CHAIN && obj.c.name) {
			b->names = xrealloc(b->names, (b->nnames + 1) * sizeof(*b->names));
			b->names[b->nnames].msg = idx - 1;
			b->names[b->nnames++].name = xstrdup(obj.c.name);
		}
	}
	arena_free(&a);
}

void nl_batch_set_dry_run(struct nl_batch *b, bool dry_run)
{
	b->dry_run = dry_run;
}

int nl_batch_commit(struct nl_sock *s, struct nl_batch *b, struct nl_errors *errs)
{
	if (b->n == 0)
		return 0;
	if (b->unencodable)
		return -EMSGSIZE;
	size_t end_at = b->buf.len;
	if (!b->dry_run)
		nlmsg_put_header(&b->buf, NFNL_MSG_BATCH_END, NLM_F_ACK, 0, AF_UNSPEC,
				 NFNL_SUBSYS_NFTABLES);
	uint32_t base = nl_batch_number(b, &s->seq);
	nl_sock_grow_rcvbuf(s, (size_t)b->n * 1024);
	int r = nl_sock_send(s, b->buf.p, b->buf.len);
	b->buf.len = end_at;          /* the batch may be committed again */
	if (r < 0)
		return r;

	bool failed = false;
	for (;;) {
		ssize_t n = nl_sock_recv(s, true);
		if (n == -EAGAIN)
			break;
		if (n < 0)
			return (int)n;
		r = nl_batch_take_replies(b, base, s->rxbuf, (size_t)n, errs, &failed);
		if (r < 0)
			return r;
	}
	return failed ? -1 : 0;
}

int nl_batch_take_replies(struct nl_batch *b, uint32_t base, const uint8_t *buf,
			  size_t len, struct nl_errors *errs, bool *failed)
{
	size_t off = 0;
	const struct nlmsghdr *h;
	while ((h = nl_msg_next(buf, len, &off)) != NULL) {
		if (h->nlmsg_type != NLMSG_ERROR) {
			take_echo(b, base, h);
			continue;
		}
		int err;
		uint32_t seq;
		const char *ext;
		uint32_t attr_off;
		if (nl_msg_error(h, &err, &seq, &ext, &attr_off) < 0)
			return -EPROTO;
		if (seq - base > b->n + 1)     /* not ours (stale reply) */
			continue;
		if (err == 0)
			continue;
		*failed = true;
		record_error(b, base, seq, err, ext, attr_off, errs);
	}
	return 0;
}
