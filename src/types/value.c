/* Values and the generic datatype entry points: byte-order aware integer access,
 * symbol lookups, parse/print dispatch, and the shared row functions (numbers,
 * symbolic constants, bitmasks) that the dt_*.c tables point at. */
#include "dt_impl.h"
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>

static uint32_t nbytes(uint32_t bits) { return (bits + 7) / 8; }

void value_set_uint(struct value *v, uint64_t x, uint32_t len_bits, enum byteorder bo)
{
	uint32_t n = nbytes(len_bits);
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	memset(v, 0, sizeof(*v));
	v->len = len_bits;
	for (uint32_t i = 0; i < n && i < 8; i++) {
		uint8_t b = (uint8_t)(x >> (8 * i));
		if (bo == BYTEORDER_BIG)
			v->bytes[n - 1 - i] = b;
		else
			v->bytes[i] = b;
	}
}

uint64_t value_get_uint(const struct value *v, enum byteorder bo)
{
	uint32_t n = nbytes(v->len);
	uint64_t x = 0;
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	for (uint32_t i = 0; i < n && i < 8; i++) {
		uint8_t b = bo == BYTEORDER_BIG ? v->bytes[n - 1 - i] : v->bytes[i];
		x |= (uint64_t)b << (8 * i);
	}
	return x;
}

static int is_bytes_type(const struct datatype *dt)
{
	return datatype_is(dt, TYPE_STRING) || datatype_is(dt, TYPE_LLADDR) ||
	       dt->id == TYPE_IPADDR || dt->id == TYPE_IP6ADDR;
}

void value_convert(struct value *v, enum byteorder from, enum byteorder to)
{
	if (from == to || from == BYTEORDER_INVALID || to == BYTEORDER_INVALID)
		return;
	uint32_t n = nbytes(v->len);
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	for (uint32_t i = 0; i < n / 2; i++) {
		uint8_t t = v->bytes[i];
		v->bytes[i] = v->bytes[n - 1 - i];
		v->bytes[n - 1 - i] = t;
	}
}

/* ------------------------------------------------------------- lookups */

const struct symbol *symbol_by_name(const struct symbol *tab, const char *name)
{
	if (!tab || !name)
		return NULL;
	for (; tab->name; tab++)
		if (tab->name[0] == name[0] && strcmp(tab->name, name) == 0)
			return tab;
	return NULL;
}

const struct symbol *symbol_by_value(const struct symbol *tab, uint64_t value)
{
	if (!tab)
		return NULL;
	for (; tab->name; tab++)
		if (tab->value == value)
			return tab;
	return NULL;
}

const struct datatype *datatype_by_id(enum dtype_id id)
{
	for (const struct datatype *const *p = datatype_all; *p; p++)
		if ((*p)->id == id)
			return *p;
	return NULL;
}

unsigned datatype_id_split(uint32_t id, uint32_t parts[8])
{
	uint32_t rev[8];
	unsigned n = 0;
	for (uint32_t t = id; t && n < 8; t >>= TYPE_BITS)
		rev[n++] = t & ((1u << TYPE_BITS) - 1);
	for (unsigned i = 0; i < n; i++)
		parts[i] = rev[n - 1 - i];
	return n;
}

const struct datatype *datatype_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (const struct datatype *const *p = datatype_all; *p; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}

int datatype_is(const struct datatype *dt, enum dtype_id id)
{
	for (; dt; dt = dt->basetype)
		if (dt->id == id)
			return 1;
	return 0;
}

const struct datatype *datatype_root(const struct datatype *dt)
{
	while (dt && dt->basetype)
		dt = dt->basetype;
	return dt;
}

/* ------------------------------------------------------------- dispatch */

int datatype_parse(const struct datatype *dt, const char *text, uint32_t len,
		   struct value *out, struct diag_list *errs, const struct loc *loc)
{
	for (const struct datatype *d = dt; d; d = d->basetype)
		if (d->parse)
			return d->parse(dt, text, len, out, errs, loc);
	return diag_error(errs, loc, "Could not parse %s", dt->desc);
}

void datatype_print(const struct datatype *dt, const struct value *v,
		    const struct print_opts *po, struct writer *w)
{
	static const struct print_opts none;
	if (!po)
		po = &none;
	for (const struct datatype *d = dt; d; d = d->basetype)
		if (d->print) {
			d->print(dt, v, po, w);
			return;
		}
	dt_print_wide_hex(v, dt->byteorder, w);
}

int datatype_parse_bo(const struct datatype *dt, const char *text, uint32_t len,
		      enum byteorder bo, struct value *out, struct diag_list *errs,
		      const struct loc *loc)
{
	int r = datatype_parse(dt, text, len, out, errs, loc);
	if (r == 0 && !is_bytes_type(dt))
		value_convert(out, dt->byteorder, bo);
	return r;
}

void datatype_print_bo(const struct datatype *dt, const struct value *v, enum byteorder bo,
		       const struct print_opts *po, struct writer *w)
{
	if (is_bytes_type(dt) || bo == dt->byteorder) {
		datatype_print(dt, v, po, w);
		return;
	}
	struct value c = *v;
	value_convert(&c, bo, dt->byteorder);
	datatype_print(dt, &c, po, w);
}

/* ------------------------------------------------------------- numbers */

int dt_strtou64(const char *text, uint64_t *out)
{
	if (!text || !*text)
		return -1;
	const char *p = text;
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!*p)
			return -1;
	} else if (p[0] == '0' && p[1]) {
		base = 8;
		p += 1;
	}
	uint64_t x = 0;
	int overflow = 0;
	for (; *p; p++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -1;
		if (d >= base)
			return -1;
		if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			overflow = 1;
		x = x * (uint64_t)base + (uint64_t)d;
	}
	*out = x;
	return overflow ? -2 : 0;
}

uint32_t dt_len(const struct datatype *dt, uint32_t len)
{
	if (len)
		return len;
	return dt->size ? dt->size : 64;
}

uint64_t dt_get(const struct datatype *dt, const struct value *v)
{
	return value_get_uint(v, dt->byteorder == BYTEORDER_BIG ? BYTEORDER_BIG : BYTEORDER_HOST);
}

int dt_store_checked(const struct datatype *dt, uint64_t x, uint32_t len, struct value *out,
		     struct diag_list *errs, const struct loc *loc)
{
	len = dt_len(dt, len);
	if (len < 64 && x >> len)
		return diag_error(errs, loc, "Value %" PRIu64 " exceeds valid range 0-%" PRIu64,
				  x, ((uint64_t)1 << len) - 1);
	value_set_uint(out, x, len,
		       dt->byteorder == BYTEORDER_BIG ? BYTEORDER_BIG : BYTEORDER_HOST);
	return 0;
}

int dt_parse_number(const struct datatype *dt, const char *text, uint32_t len,
		    struct value *out, struct diag_list *errs, const struct loc *loc, bool *not_number)
{
	uint64_t x;
	int r = dt_strtou64(text, &x);
	if (not_number)
		*not_number = r == -1;
	if (r == -1)
		return -1;
	if (r == -2) {
		len = dt_len(dt, len);
		if (len <= 64)
			return diag_error(errs, loc, "Value %s exceeds valid range 0-%" PRIu64, text,
					  len == 64 ? UINT64_MAX : ((uint64_t)1 << len) - 1);
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	}
	return dt_store_checked(dt, x, len, out, errs, loc);
}

/* 0x followed by more hex digits than 64 bits hold, for wide fields (raw payloads,
 * 128-bit labels): big-endian digits, right aligned in ceil(len/8) bytes. */
static int parse_wide_hex(const struct datatype *dt, const char *text, uint32_t len,
			  struct value *out)
{
	const char *h = text + 2;
	size_t nd = strlen(h);
	uint32_t n = nbytes(len);
	if (nd == 0 || nd > n * 2)
		return -1;
	memset(out, 0, sizeof(*out));
	out->len = len;
	for (size_t i = 0; i < nd; i++) {
		char c = h[nd - 1 - i];
		int d = isdigit((unsigned char)c) ? c - '0' :
			(c >= 'a' && c <= 'f') ? c - 'a' + 10 :
			(c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		out->bytes[n - 1 - i / 2] |= (uint8_t)(d << (4 * (i % 2)));
	}
	if (dt->byteorder != BYTEORDER_BIG)
		value_convert(out, BYTEORDER_BIG, BYTEORDER_HOST);
	return 0;
}

int dt_parse_integer(const struct datatype *dt, const char *text, uint32_t len,
		     struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint32_t bits = dt_len(dt, len);
	if (bits > 64 && bits <= VALUE_MAX * 8 && text[0] == '0' &&
	    (text[1] == 'x' || text[1] == 'X')) {
		if (parse_wide_hex(dt, text, bits, out) == 0)
			return 0;
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	}
	bool nn;
	int r = dt_parse_number(dt, text, len, out, errs, loc, &nn);
	if (r < 0 && nn)
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	return r;
}

int dt_parse_symbolic(const struct datatype *dt, const char *text, uint32_t len,
		      struct value *out, struct diag_list *errs, const struct loc *loc)
{
	const struct symbol *s = symbol_by_name(dt->symbols, text);
	if (s)
		return dt_store_checked(dt, s->value, len, out, errs, loc);
	bool nn;
	int r = dt_parse_number(dt, text, len, out, errs, loc, &nn);
	if (r < 0 && nn)
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	return r;
}

/* ------------------------------------------------------------- printing */

void dt_print_wide_hex(const struct value *v, enum byteorder bo, struct writer *w)
{
	uint32_t n = nbytes(v->len);
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	uint8_t be[VALUE_MAX];
	for (uint32_t i = 0; i < n; i++)
		be[i] = bo == BYTEORDER_BIG ? v->bytes[i] : v->bytes[n - 1 - i];
	uint32_t i = 0;
	while (i < n && be[i] == 0)
		i++;
	wr_puts(w, "0x");
	if (i == n) {
		wr_putc(w, '0');
		return;
	}
	wr_printf(w, "%x", be[i]);
	for (i++; i < n; i++)
		wr_printf(w, "%02x", be[i]);
}

/* Values wider than 64 bits list as one hex number, whatever the row; true when
 * the value was printed so. */
static bool print_if_wide(const struct datatype *dt, const struct value *v, struct writer *w)
{
	if (v->len <= 64)
		return false;
	dt_print_wide_hex(v, dt->byteorder, w);
	return true;
}

/* The symbol a value lists as: NULL with -n or when the row has no name for it. */
static const struct symbol *print_symbol(const struct datatype *dt, uint64_t x,
					 const struct print_opts *po)
{
	return po->numeric ? NULL : symbol_by_value(dt->symbols, x);
}

void dt_print_decimal(const struct datatype *dt, const struct value *v,
		      const struct print_opts *po, struct writer *w)
{
	if (!print_if_wide(dt, v, w))
		wr_printf(w, "%" PRIu64, dt_get(dt, v));
}

void dt_print_hex(const struct datatype *dt, const struct value *v,
		  const struct print_opts *po, struct writer *w)
{
	if (!print_if_wide(dt, v, w))
		wr_printf(w, "0x%" PRIx64, dt_get(dt, v));
}

void dt_print_hex_padded(const struct datatype *dt, const struct value *v,
			 const struct print_opts *po, struct writer *w)
{
	uint32_t bits = dt->size ? dt->size : v->len;
	if (print_if_wide(dt, v, w))
		return;
	wr_puts(w, "0x");
	wr_hex(w, dt_get(dt, v), (bits + 3) / 4);
}

/* The symbol's name, quoted for rows whose names are strings, or the decimal. */
static void print_symbolic_decimal(const struct datatype *dt, const struct value *v,
				   const struct print_opts *po, bool quoted, struct writer *w)
{
	uint64_t x = dt_get(dt, v);
	const struct symbol *s = print_symbol(dt, x, po);
	if (!s)
		wr_printf(w, "%" PRIu64, x);
	else if (quoted)
		wr_printf(w, "\"%s\"", s->name);
	else
		wr_puts(w, s->name);
}

void dt_print_symbolic_dec(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w)
{
	print_symbolic_decimal(dt, v, po, false, w);
}

void dt_print_symbolic_hex(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w)
{
	const struct symbol *s = print_symbol(dt, dt_get(dt, v), po);
	if (s)
		wr_puts(w, s->name);
	else
		dt_print_hex_padded(dt, v, po, w);
}

void dt_print_bitmask(const struct datatype *dt, const struct value *v,
		      const struct print_opts *po, struct writer *w)
{
	if (print_if_wide(dt, v, w))
		return;
	uint64_t x = dt_get(dt, v);
	const struct symbol *s = x ? print_symbol(dt, x, po) : NULL;
	if (s)
		wr_puts(w, s->name);
	else
		wr_printf(w, "0x%" PRIx64, x);
}

void dt_print_symbolic_quoted(const struct datatype *dt, const struct value *v,
			      const struct print_opts *po, struct writer *w)
{
	print_symbolic_decimal(dt, v, po, true, w);
}
