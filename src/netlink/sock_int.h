/* Socket helpers shared by batch.c and dump.c: sending one datagram, receiving
 * into the socket's buffer, walking the messages of one datagram and reading
 * the extended ACK of an NLMSG_ERROR. */
#ifndef NFTC_SOCK_INT_H
#define NFTC_SOCK_INT_H
#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>
#include <linux/netlink.h>
#include "netlink.h"

/* Sends buf[0..len) as ONE datagram, growing SO_SNDBUF to fit. 0 or -errno. */
int nl_sock_send(struct nl_sock *s, const void *buf, size_t len);
/* Receives one datagram into s->rxbuf (EINTR retried). Returns its length,
 * -EAGAIN when nonblocking and empty, or -errno (-ENOBUFS: replies lost). */
ssize_t nl_sock_recv(struct nl_sock *s, bool nonblock);
/* Makes sure the receive buffer can hold `bytes` of queued replies. */
void nl_sock_grow_rcvbuf(struct nl_sock *s, size_t bytes);

/* Walks the messages of a datagram: returns the next complete message or NULL
 * (at the end or if the rest is truncated). */
const struct nlmsghdr *nl_msg_next(const uint8_t *buf, size_t len, size_t *off);
/* For an NLMSG_ERROR message: its error code (negative errno, 0 = ack), the
 * sequence number it answers and the NLMSGERR_ATTR_MSG text (or NULL).
 * Returns -EINVAL if the message is too short. */
/* attr_off (may be NULL): NLMSGERR_ATTR_OFFS, the offending attribute's offset in the
 * request, or 0. */
int nl_msg_error(const struct nlmsghdr *h, int *err, uint32_t *seq, const char **ext_msg,
		 uint32_t *attr_off);

#endif
