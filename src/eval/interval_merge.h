/* Element commands on an interval set that already holds elements in the kernel, as nft
 * 1.1 treats them: the kernel's ranges and the command's are compared before anything
 * is sent. With `auto-merge`, an add joins what overlaps or touches into one range (the
 * ranges it replaces are deleted in the same batch) and a delete may cut a piece out of
 * a range (what is left of it is added back); without it, an add that overlaps and a
 * delete of a range the set does not hold are refused here, with nft's words. */
#ifndef NFTC_INTERVAL_MERGE_H
#define NFTC_INTERVAL_MERGE_H
#include <stdbool.h>
#include "../netlink/objects.h"
#include "../util/arena.h"

enum interval_op { INTERVAL_ADD, INTERVAL_DELETE };

enum interval_result {
	INTERVAL_ERROR = -1,     /* *err says why; nothing may be sent */
	INTERVAL_AS_IS = 0,      /* send the request as it is */
	INTERVAL_REPLACED = 1,   /* send *del (DELSETELEM), then *add (NEWSETELEM) instead */
};

/* `kernel`: the set's elements as the kernel dumps them; `req`: the command's, lowered
 * (starts, and ends flagged NFT_SET_ELEM_INTERVAL_END one past the range). Both sets'
 * key_len is the key's width. *del and *add are copies of req's set with other
 * elements (either may hold none). Anything it does not understand (concatenated
 * ranges, timeouts, comments, statements) is left as it is. */
enum interval_result interval_reconcile(struct arena *a, const struct nl_set *kernel,
					const struct nl_set *req, enum interval_op op,
					bool auto_merge, struct nl_set **del, struct nl_set **add,
					const char **err);

#endif
