/* Numbers and addresses as flex reads them, for the fast readers (see fast_lex.h). */
#include "fast_lex.h"

uint32_t fl_run(const char *t, uint32_t p, uint32_t end, bool (*in)(char))
{
	while (p < end && in(t[p]))
		p++;
	return p;
}

static bool digit_char(char c)
{
	return fl_digit(c);
}

static bool hex_char(char c)
{
	return fl_hex(c);
}

static bool hex_or_dot(char c)
{
	return fl_hex(c) || c == '.';
}

uint32_t fl_number(const char *t, uint32_t p, uint32_t end, bool decimal_only, bool *dotted)
{
	*dotted = false;
	if (p >= end || !fl_digit(t[p]))
		return 0;
	uint32_t e = fl_run(t, p, end, hex_or_dot);
	if (e < end && t[e] == ':')
		return 0;
	if (!decimal_only && t[p] == '0' && p + 2 < end && (t[p + 1] == 'x' || t[p + 1] == 'X') &&
	    fl_hex(t[p + 2]))
		return fl_run(t, p + 2, end, hex_char);
	e = fl_run(t, p, end, digit_char);
	if (decimal_only || e >= end || t[e] != '.')
		return e;
	for (int part = 0; part < 3; part++) {
		if (e + 1 >= end || t[e] != '.' || !fl_digit(t[e + 1]))
			return 0;
		e = fl_run(t, e + 1, end, digit_char);
	}
	*dotted = true;
	return e;
}
