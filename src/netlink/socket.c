/* The NETLINK_NETFILTER socket: open/bind with extended ACKs and capped acks,
 * big receive buffer; send one datagram; receive with EINTR handling; and
 * the helpers that walk a datagram's messages and decode error replies. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include "sock_int.h"
#include "nlmsg.h"
#include "../util/arena.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

#define NL_RX_BUF (256 * 1024)
#define NL_RCVBUF_MIN (4 * 1024 * 1024)

/* Returns false when the forced size was refused for want of CAP_NET_ADMIN. */
static bool set_buf(int fd, int force_opt, int opt, size_t bytes)
{
	int v = bytes > (size_t)(1 << 30) ? 1 << 30 : (int)bytes;
	if (setsockopt(fd, SOL_SOCKET, force_opt, &v, sizeof(v)) == 0)
		return true;
	bool denied = errno == EPERM;
	setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v));
	return !denied;
}

int nl_sock_open(struct nl_sock *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
	if (s->fd < 0)
		return -errno;
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK };
	socklen_t alen = sizeof(addr);
	if (bind(s->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    getsockname(s->fd, (struct sockaddr *)&addr, &alen) < 0) {
		int err = -errno;
		close(s->fd);
		s->fd = -1;
		return err;
	}
	s->portid = addr.nl_pid;
	int one = 1;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	set_buf(s->fd, SO_RCVBUFFORCE, SO_RCVBUF, NL_RCVBUF_MIN);
	s->rxcap = NL_RX_BUF;
	s->rxbuf = xmalloc(s->rxcap);
	s->seq = (uint32_t)getpid() << 16;
	return 0;
}

void nl_sock_close(struct nl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->rxbuf);
	s->fd = -1;
	s->rxbuf = NULL;
	s->rxcap = 0;
}

void nl_sock_grow_rcvbuf(struct nl_sock *s, size_t bytes)
{
	int cur = 0;
	socklen_t len = sizeof(cur);
	if (getsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &cur, &len) == 0 && (size_t)cur >= bytes)
		return;
	set_buf(s->fd, SO_RCVBUFFORCE, SO_RCVBUF, bytes);
}

int nl_sock_send(struct nl_sock *s, const void *buf, size_t len)
{
	int cur = 0;
	socklen_t slen = sizeof(cur);
	bool capable = true;
	/* the kernel refuses a datagram larger than the send buffer */
	if (getsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &cur, &slen) < 0 || (size_t)cur < len + 4096)
		capable = set_buf(s->fd, SO_SNDBUFFORCE, SO_SNDBUF, len + 65536);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr m = { .msg_name = &kernel, .msg_namelen = sizeof(kernel),
			    .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;
	do
		n = sendmsg(s->fd, &m, 0);
	while (n < 0 && errno == EINTR);
	/* Too big for the buffer an unprivileged socket may have: nf_tables refuses such
	 * a sender's batches whatever their size, and says so (EPERM). */
	if (n < 0 && errno == EMSGSIZE && !capable)
		return -EPERM;
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

ssize_t nl_sock_recv(struct nl_sock *s, bool nonblock)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = s->rxbuf, .iov_len = s->rxcap };
	for (;;) {
		struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from),
				    .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(s->fd, &m, nonblock ? MSG_DONTWAIT : 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EWOULDBLOCK ? -EAGAIN : -errno;
		}
		if (m.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		if (from.nl_pid != 0)     /* only the kernel talks to us */
			continue;
		return n;
	}
}

const struct nlmsghdr *nl_msg_next(const uint8_t *buf, size_t len, size_t *off)
{
	if (*off >= len || len - *off < NLMSG_HDRLEN)
		return NULL;
	const struct nlmsghdr *h = (const struct nlmsghdr *)(buf + *off);
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len - *off)
		return NULL;
	size_t step = NLMSG_ALIGN(h->nlmsg_len);
	*off = step > len - *off ? len : *off + step;
	return h;
}

/* The largest errno (the kernel's MAX_ERRNO). */
#define NL_ERRNO_MAX 4095

int nl_msg_error(const struct nlmsghdr *h, int *err, uint32_t *seq, const char **ext_msg,
		 uint32_t *attr_off)
{
	if (attr_off)
		*attr_off = 0;
	const uint8_t *p = (const uint8_t *)h + NLMSG_HDRLEN;
	size_t len = h->nlmsg_len - NLMSG_HDRLEN;
	struct nlmsgerr e;
	*ext_msg = NULL;
	if (len < sizeof(e))
		return -EINVAL;
	memcpy(&e, p, sizeof(e));
	/* the kernel answers 0 or -errno; anything else is not an answer we can read */
	if (e.error > 0 || e.error < -NL_ERRNO_MAX)
		return -EPROTO;
	*err = e.error;
	*seq = e.msg.nlmsg_seq;
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	size_t tlv = sizeof(e);
	if (!(h->nlmsg_flags & NLM_F_CAPPED)) {
		/* the refused message comes back whole: the TLVs follow it */
		if (e.msg.nlmsg_len < NLMSG_HDRLEN || e.msg.nlmsg_len > len)
			return 0;
		tlv += ((size_t)e.msg.nlmsg_len + 3u) / 4u * 4u - NLMSG_HDRLEN;
	}
	if (tlv >= len)
		return 0;
	struct attr tb[NLMSGERR_ATTR_MAX + 1];
	static const struct attr_policy pol[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { AK_STR, 0 },
		[NLMSGERR_ATTR_OFFS] = { AK_U32, 0 },
	};
	if (attr_parse(p + tlv, len - tlv, pol, NLMSGERR_ATTR_MAX, tb) == 0) {
		if (attr_ok(&tb[NLMSGERR_ATTR_MSG]))
			*ext_msg = attr_str(&tb[NLMSGERR_ATTR_MSG]);
		if (attr_off && attr_ok(&tb[NLMSGERR_ATTR_OFFS]))
			memcpy(attr_off, tb[NLMSGERR_ATTR_OFFS].data, 4);  /* host order */
	}
	return 0;
}
