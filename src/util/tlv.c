/* The userdata TLV walker (see tlv.h). */
#include <string.h>
#include "tlv.h"

const uint8_t *tlv_find(const uint8_t *p, uint32_t len, uint8_t type, uint8_t *lout)
{
	uint32_t off = 0;
	while (p && off + 2 <= len) {
		uint8_t t = p[off], l = p[off + 1];
		if (off + 2 + l > len)
			return NULL;
		if (t == type) {
			*lout = l;
			return p + off + 2;
		}
		off += 2 + l;
	}
	return NULL;
}

bool tlv_u32(const uint8_t *p, uint32_t len, uint8_t type, uint32_t *out)
{
	uint8_t l = 0;
	const uint8_t *v = tlv_find(p, len, type, &l);
	if (!v || l < 4)
		return false;
	memcpy(out, v, 4);
	return true;
}

const char *tlv_str(struct arena *a, const uint8_t *p, uint32_t len, uint8_t type)
{
	uint8_t l = 0;
	const uint8_t *v = tlv_find(p, len, type, &l);
	return v && l ? arena_strndup(a, (const char *)v, l) : NULL;
}
