/* Token shapes that both fast readers (elem_fast.c, rule_fast.c) read without flex,
 * exactly as flex's rules in scanner.l would split them. */
#ifndef NFTC_PARSER_FAST_LEX_H
#define NFTC_PARSER_FAST_LEX_H
#include <stdbool.h>
#include <stdint.h>

static inline bool fl_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool fl_hex(char c)
{
	return fl_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The end of the run of characters `in` accepts, from p, before end. */
uint32_t fl_run(const char *t, uint32_t p, uint32_t end, bool (*in)(char));

/* A number (decimal, or 0x hex unless decimal_only) or, unless decimal_only, a dotted
 * IPv4 address starting at p (a digit): its end, or 0 when the text there is neither,
 * or is what flex's colon-run rule would take (hex digits and dots up to a colon).
 * *dotted tells an address. What may follow the token is the caller's to check. */
uint32_t fl_number(const char *t, uint32_t p, uint32_t end, bool decimal_only, bool *dotted);

#endif
