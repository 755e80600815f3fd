/* Conntrack datatype rows: state, direction, status, event bits, labels, id. */
#include "dt_impl.h"
#include <stdio.h>
#include <string.h>

const struct datatype dt_ct_state = DT_FLAGS(TYPE_CT_STATE, "ct_state", "conntrack state",
	BYTEORDER_HOST, 32, SYMBOLS(
	{ "invalid", 1 }, { "new", 8 }, { "established", 2 }, { "related", 4 },
	{ "untracked", 64 }));

const struct datatype dt_ct_dir = DT_SYMBOLIC(TYPE_CT_DIR, "ct_dir", "conntrack direction",
	BYTEORDER_HOST, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "original", 0 }, { "reply", 1 }));

const struct datatype dt_ct_status = DT_FLAGS(TYPE_CT_STATUS, "ct_status", "conntrack status",
	BYTEORDER_HOST, 32, SYMBOLS(
	{ "expected", 0x1 }, { "seen-reply", 0x2 }, { "assured", 0x4 },
	{ "confirmed", 0x8 }, { "snat", 0x10 }, { "dnat", 0x20 }, { "dying", 0x200 }));

const struct datatype dt_ct_eventbit = DT_FLAGS(TYPE_CT_EVENTBIT, "ct_event",
	"conntrack event bits", BYTEORDER_HOST, 32, SYMBOLS(
	{ "new", 0x1 }, { "related", 0x2 }, { "destroy", 0x4 }, { "reply", 0x8 },
	{ "assured", 0x10 }, { "protoinfo", 0x20 }, { "helper", 0x40 },
	{ "mark", 0x80 }, { "seqadj", 0x100 }, { "secmark", 0x200 },
	{ "label", 0x400 }));

/* Labels: a 128-bit host-order bitmap; bit n is byte n/8, bit n%8. Names come from
 * connlabel.conf when the host has one; otherwise labels are bit numbers. */
#define CT_LABEL_BITS 128

static int ct_label_parse(const struct datatype *dt, const char *text, uint32_t len,
			  struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t bit;
	if (dt_strtou64(text, &bit) != 0 &&
	    dt_file_name_to_num(dt_connlabel_files, text, &bit) != 0)
		return diag_error(errs, loc, "%s: could not parse conntrack label", text);
	if (bit >= CT_LABEL_BITS)
		return diag_error(errs, loc, "%s: bit %llu out of range (%u max)", text,
				  (unsigned long long)bit, CT_LABEL_BITS);
	memset(out, 0, sizeof(*out));
	out->len = CT_LABEL_BITS;
	out->bytes[bit / 8] = (uint8_t)(1u << (bit % 8));
	return 0;
}

static void ct_label_print(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w)
{
	bool first = true;
	uint32_t n = v->len / 8;
	if (n > CT_LABEL_BITS / 8)
		n = CT_LABEL_BITS / 8;
	for (uint32_t bit = 0; bit < n * 8; bit++) {
		if (!(v->bytes[bit / 8] & (1u << (bit % 8))))
			continue;
		char name[256];
		if (!first)
			wr_putc(w, ',');
		if (!po->numeric &&
		    dt_file_num_to_name(dt_connlabel_files, bit, name, sizeof(name)) == 0)
			wr_puts(w, name);
		else
			wr_printf(w, "%u", bit);
		first = false;
	}
	if (first)
		wr_puts(w, "0x0");
}

const struct datatype dt_ct_label = {
	DT_HEAD(TYPE_CT_LABEL, "ct_label", "conntrack label", BYTEORDER_HOST, CT_LABEL_BITS),
	.flags = DTYPE_F_FLAGS, .basetype = &dt_bitmask,
	.parse = ct_label_parse, .print = ct_label_print,
};

const struct datatype dt_ct_id = DT_INTEGER(TYPE_CT_ID, "ct_id", "conntrack id",
	BYTEORDER_BIG, 32, dt_parse_integer, dt_print_decimal);
