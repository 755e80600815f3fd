/* The state one nftc process keeps across its inputs: the options and the netlink
 * socket, opened on the first command that needs the kernel (`-c` and `-d netlink`
 * offline never open it). run.c, commit.c, list.c and set_cache.c all reach the
 * kernel through cli_socket. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

struct cli *cli_new(const struct cli_opts *o)
{
	struct cli *c = xmalloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->o = *o;
	c->sock.fd = -1;
	return c;
}

void cli_free(struct cli *c)
{
	if (!c)
		return;
	if (c->sock_open)
		nl_sock_close(&c->sock);
	free(c);
}

int cli_socket(struct cli *c)
{
	if (c->sock_open)
		return 0;
	if (c->sock_err)
		return -c->sock_err;
	int rc = nl_sock_open(&c->sock);
	if (rc < 0) {
		c->sock_err = -rc;
		return rc;
	}
	c->sock_open = true;
	return 0;
}
