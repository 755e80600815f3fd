/* Userdata TLV building (see udata.h for the format and why it must match nft). */
#include <string.h>
#include "udata.h"
#include "../util/tlv.h"

void udata_init(struct udata_buf *u)
{
	memset(u, 0, sizeof(*u));
}

static bool udata_room(struct udata_buf *u, uint32_t n)
{
	if (u->overflow || u->len + n > UDATA_MAX) {
		u->overflow = true;
		return false;
	}
	return true;
}

void udata_put(struct udata_buf *u, uint8_t type, const void *p, uint32_t len)
{
	if (len > 255 || !udata_room(u, 2 + len)) {
		u->overflow = true;
		return;
	}
	u->b[u->len++] = type;
	u->b[u->len++] = (uint8_t)len;
	if (len)
		memcpy(u->b + u->len, p, len);
	u->len += len;
}

void udata_put_u32(struct udata_buf *u, uint8_t type, uint32_t v)
{
	udata_put(u, type, &v, sizeof(v));   /* host order, as libnftnl */
}

void udata_put_str(struct udata_buf *u, uint8_t type, const char *s)
{
	udata_put(u, type, s, (uint32_t)strlen(s) + 1);
}

void udata_nest_start(struct udata_buf *u, uint8_t type)
{
	if (u->depth >= UDATA_MAX_NEST || !udata_room(u, 2)) {
		u->overflow = true;
		return;
	}
	u->nest[u->depth++] = u->len;
	u->b[u->len++] = type;
	u->b[u->len++] = 0;
}

void udata_nest_end(struct udata_buf *u)
{
	if (u->overflow || u->depth == 0)
		return;
	uint32_t start = u->nest[--u->depth];
	uint32_t inner = u->len - start - 2;
	if (inner > 255) {
		u->overflow = true;
		return;
	}
	u->b[start + 1] = (uint8_t)inner;
}

bool udata_ok(const struct udata_buf *u)
{
	return !u->overflow && u->depth == 0;
}

int udata_comment(struct arena *a, const char *comment, const uint8_t **out,
		  uint32_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (!comment)
		return 0;
	if (strlen(comment) > UDATA_COMMENT_MAXLEN)
		return -1;
	struct udata_buf u;
	udata_init(&u);
	udata_put_str(&u, UDATA_COMMENT, comment);
	if (!udata_ok(&u))
		return -1;
	*out = arena_memdup(a, u.b, u.len);
	*out_len = u.len;
	return 0;
}

bool set_udata_auto_merge(const uint8_t *p, uint32_t len)
{
	uint32_t on = 0;
	return tlv_u32(p, len, UDATA_SET_MERGE_ELEMENTS, &on) && on;
}
