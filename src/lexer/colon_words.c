/* Splitting a run of hex digits, dots and colons the way nft reads it: the longest
 * prefix that is an IPv6 address, a MAC address or a tc classid (`1:2`) is one
 * word; anything else stops at the first colon (`25:accept` is 25, `:`, accept). */
#include "colon_words.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

static bool is_mac(const char *s, size_t n)
{
	unsigned groups = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ':') {
			if (!digits)
				return false;
			groups++;
			digits = 0;
		} else if (isxdigit((unsigned char)s[i]) && digits < 2) {
			digits++;
		} else {
			return false;
		}
	}
	return digits && groups == 5;
}

static bool is_classid(const char *s, size_t n)
{
	const char *c = memchr(s, ':', n);
	if (!c)
		return false;
	size_t a = (size_t)(c - s), b = n - a - 1;
	if (a < 1 || a > 4 || b < 1 || b > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != a && !isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool is_ip6(const char *s, size_t n)
{
	char buf[64];
	unsigned char out[16];
	if (n >= sizeof(buf) || !memchr(s, ':', n))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, out) == 1;
}

enum colon_word colon_run_split(const char *s, size_t n, size_t *len)
{
	for (size_t k = n; k > 0; k--) {
		char next = k < n ? s[k] : '\0';
		if (isalnum((unsigned char)next) || next == '_' || next == '.')
			continue;
		if (is_ip6(s, k) || is_mac(s, k) || is_classid(s, k)) {
			*len = k;
			return COLON_WORD_ADDR;
		}
	}
	const char *c = memchr(s, ':', n);
	size_t k = c ? (size_t)(c - s) : n;
	if (k == 0) {
		*len = 1;
		return COLON_WORD_COLON;
	}
	*len = k;
	for (size_t i = 0; i < k; i++)
		if (!isdigit((unsigned char)s[i]))
			return COLON_WORD_PREFIX_WORD;
	return COLON_WORD_PREFIX_NUMBER;
}
