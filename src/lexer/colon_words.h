/* How the scanner splits words containing colons (addresses vs `key : value`). */
#ifndef NFTC_COLON_WORDS_H
#define NFTC_COLON_WORDS_H
#include <stdbool.h>
#include <stddef.h>

enum colon_word {
	COLON_WORD_ADDR,          /* s[0..len) is one word (IPv6, MAC, classid) */
	COLON_WORD_COLON,         /* a lone ':' (len 1) */
	COLON_WORD_PREFIX_NUMBER, /* s[0..len) is a decimal number before a ':' */
	COLON_WORD_PREFIX_WORD,   /* s[0..len) is some other word before a ':' */
};

enum colon_word colon_run_split(const char *s, size_t n, size_t *len);

#endif
