/* Constants as nft's JSON writes them. nft asks the datatype: integers (marks, ports,
 * lengths, uids) become JSON numbers, relative times their seconds, booleans true or
 * false, a symbol its name, and every other type (addresses, strings, hours, classids)
 * the text the listing prints, as a string. The text printer already knows each
 * type's words, so a value is printed as text first and the text decides its form. */
#include <string.h>
#include <stdlib.h>
#include "json_int.h"

static enum byteorder value_order(const struct expr *e)
{
	if (e->byteorder)
		return e->byteorder;
	return e->dtype && e->dtype->byteorder ? e->dtype->byteorder : BYTEORDER_BIG;
}

/* A flag value as its symbols: one name, `["a", "b"]` or `{"|": ["a", "b"]}`. False
 * when some bit has no name (the number is written instead). */
static bool flag_value(const struct expr *e, enum print_flags_style style, struct json_out *j)
{
	const struct symbol *syms = e->dtype->symbols;
	if (!syms || e->value.len > 64)
		return false;
	uint64_t v = value_get_uint(&e->value, value_order(e)), all = 0;
	unsigned count = 0;
	if (!v)
		return false;
	for (const struct symbol *s = syms; s->name; s++)
		if (s->value && !(s->value & (s->value - 1)))
			all |= s->value;
	for (int b = 0; b < 64; b++)
		if ((v >> b) & 1) {
			if (!symbol_by_value(syms, 1ull << b))
				return false;
			count++;
		}
	if (count == 1) {
		jo_str(j, symbol_by_value(syms, v)->name);
		return true;
	}
	if (v == all && style == PF_PIPE) {      /* every flag: nft compares the number */
		jo_uint(j, v);
		return true;
	}
	if (style != PF_COMMA) {
		jo_obj_open(j);
		jo_key(j, "|");
	}
	jo_arr_open(j);
	for (int b = 0; b < 64; b++)
		if ((v >> b) & 1)
			jo_str(j, symbol_by_value(syms, 1ull << b)->name);
	jo_arr_close(j);
	if (style != PF_COMMA)
		jo_obj_close(j);
	return true;
}

bool json_print_flag_items(const struct expr *e, struct json_out *j)
{
	if (e->kind != EXPR_VALUE || !e->dtype || !(e->dtype->flags & DTYPE_F_FLAGS) ||
	    !e->dtype->symbols || e->value.len > 64)
		return false;
	const struct symbol *syms = e->dtype->symbols;
	uint64_t v = value_get_uint(&e->value, value_order(e));
	unsigned count = 0;
	for (int b = 0; b < 64; b++)
		if ((v >> b) & 1) {
			if (!symbol_by_value(syms, 1ull << b))
				return false;
			count++;
		}
	if (count < 2)
		return false;
	for (int b = 0; b < 64; b++)
		if ((v >> b) & 1)
			jo_str(j, symbol_by_value(syms, 1ull << b)->name);
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n || n > 19)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Types nft writes by their text even when the text is a number: an interface, a
 * cgroup or a realm without a name stays a string ("0", "1"). */
static bool always_text(const struct datatype *dt)
{
	static const enum dtype_id ids[] = { TYPE_IFINDEX, TYPE_CGROUPV2, TYPE_REALM };
	for (unsigned i = 0; dt && i < sizeof(ids) / sizeof(ids[0]); i++)
		if (dt->id == ids[i])
			return true;
	return false;
}

static bool integer_rooted(const struct datatype *dt)
{
	if (!dt)
		return true;
	const struct datatype *root = datatype_root(dt);
	return root->id == TYPE_INTEGER || root->id == TYPE_BITMASK ||
	       datatype_is(dt, TYPE_UID) || datatype_is(dt, TYPE_GID);
}

void json_print_value(const struct expr *e, const struct print_opts *po,
		      enum print_flags_style style, struct json_out *j)
{
	const struct datatype *dt = e->dtype;
	if (dt && datatype_is(dt, TYPE_BOOLEAN)) {
		jo_bool(j, value_get_uint(&e->value, value_order(e)) != 0);
		return;
	}
	if (dt && dt->id == TYPE_TIME && e->value.len <= 64) {
		jo_uint(j, value_get_uint(&e->value, value_order(e)) / 1000);
		return;
	}
	if (dt && (dt->flags & DTYPE_F_FLAGS) && flag_value(e, style, j))
		return;

	struct writer *w = jo_str_open(j);
	print_expr_styled(e, po, w, style);
	const char *s = w->buf ? w->buf : "";
	size_t n = w->len;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		jo_strn(j, s + 1, n - 2);
		return;
	}
	if (all_digits(s, n) && !always_text(dt)) {
		jo_uint(j, strtoull(wr_cstr(w), NULL, 10));
		return;
	}
	/* hex-listed integers (marks, raw payloads, unnamed symbolic values) and uids
	 * listed by name are numbers to nft's JSON */
	if (integer_rooted(dt) && e->value.len <= 64 &&
	    ((n > 2 && s[0] == '0' && s[1] == 'x') || (dt && (datatype_is(dt, TYPE_UID) ||
							    datatype_is(dt, TYPE_GID))))) {
		jo_uint(j, value_get_uint(&e->value, value_order(e)));
		return;
	}
	jo_str_close(j);
}

void json_print_flag_names(const struct json_flag_name *names, unsigned n, uint32_t bits,
			   struct json_out *j)
{
	unsigned count = 0;
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit)
			count++;
	if (count > 1)
		jo_arr_open(j);
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit)
			jo_str(j, names[i].name);
	if (count > 1)
		jo_arr_close(j);
}

void json_print_kflags(const char *key, const struct json_flag_name *names, unsigned n,
		       uint32_t bits, struct json_out *j)
{
	for (unsigned i = 0; i < n; i++)
		if (bits & names[i].bit) {
			jo_key(j, key);
			json_print_flag_names(names, n, bits, j);
			return;
		}
}
