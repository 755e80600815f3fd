/* Basic datatype rows: invalid, verdict, integer, bitmask, string, link-layer
 * address, mark, boolean, relative time, interface name, cgroupv2. */
#include "dt_impl.h"
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>

const struct datatype dt_invalid = {
	DT_HEAD(TYPE_INVALID, "invalid", "invalid", BYTEORDER_INVALID, 0),
};

static const struct symbol verdict_syms[] = {
	{ "accept", NF_ACCEPT }, { "drop", NF_DROP },
	{ "continue", (uint32_t)NFT_CONTINUE }, { "break", (uint32_t)NFT_BREAK },
	{ "jump", (uint32_t)NFT_JUMP }, { "goto", (uint32_t)NFT_GOTO },
	{ "return", (uint32_t)NFT_RETURN }, { "queue", NF_QUEUE },
	{ NULL, 0 },
};

const struct datatype dt_verdict = {
	DT_HEAD(TYPE_VERDICT, "verdict", "netfilter verdict", BYTEORDER_HOST, 32),
	.symbols = verdict_syms, .parse = dt_parse_symbolic, .print = dt_print_symbolic_dec,
};

const struct datatype dt_integer = {
	DT_HEAD(TYPE_INTEGER, "integer", "integer", BYTEORDER_HOST, 0),
	.parse = dt_parse_integer, .print = dt_print_decimal,
};

const struct datatype dt_xinteger = DT_INTEGER(TYPE_INTEGER, "integer", "integer",
	BYTEORDER_HOST, 0, dt_parse_integer, dt_print_hex);

/* The base of the flag rows (DT_FLAGS): no names of its own. */
const struct datatype dt_bitmask = {
	DT_HEAD(TYPE_BITMASK, "bitmask", "bitmask", BYTEORDER_HOST, 0),
	.flags = DTYPE_F_FLAGS, .basetype = &dt_integer,
	.parse = dt_parse_symbolic, .print = dt_print_bitmask,
};

/* ---------------------------------------------------------------- strings */

/* Text → NUL-padded bytes. A trailing unescaped '*' is a wildcard: the value then
 * holds only the prefix and out->len is the prefix length in bits (shorter than the
 * context's len); an escaped "\*" stands for a literal '*'. */
static int string_parse(const struct datatype *dt, const char *text, uint32_t len,
			struct value *out, struct diag_list *errs, const struct loc *loc)
{
	char buf[VALUE_MAX + 2];
	size_t n = strlen(text);
	bool wildcard = false;
	if (n == 0)
		return diag_error(errs, loc, "Empty string is not allowed");
	if (n >= 1 && text[n - 1] == '*') {
		if (n >= 2 && text[n - 2] == '\\') {
			if (n - 1 > sizeof(buf) - 1)
				n = sizeof(buf);
			memcpy(buf, text, n - 2);
			buf[n - 2] = '*';
			buf[n - 1] = 0;
			n = n - 1;
		} else {
			wildcard = true;
			n = n - 1;
			if (n > sizeof(buf) - 1)
				n = sizeof(buf) - 1;
			memcpy(buf, text, n);
			buf[n] = 0;
		}
	} else {
		if (n > sizeof(buf) - 1)
			n = sizeof(buf) - 1 + 1;   /* too long: caught below */
		snprintf(buf, sizeof(buf), "%s", text);
	}
	uint32_t max = len ? len / 8 : (dt->size ? dt->size / 8 : VALUE_MAX);
	if (max > VALUE_MAX)
		max = VALUE_MAX;
	/* fixed-size strings keep room for the terminating NUL */
	if (n > max || (n == max && (len || dt->size)))
		return diag_error(errs, loc, "String exceeds maximum length of %u", max);
	memset(out, 0, sizeof(*out));
	memcpy(out->bytes, buf, n);
	if (wildcard)
		out->len = (uint32_t)n * 8;
	else
		out->len = len ? len : (dt->size ? dt->size : (uint32_t)n * 8);
	return 0;
}

static void string_print(const struct datatype *dt, const struct value *v,
			 const struct print_opts *po, struct writer *w)
{
	uint32_t n = v->len / 8;
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	uint32_t k = 0;
	while (k < n && v->bytes[k])
		k++;
	bool wildcard = k == n && dt->size && v->len < dt->size;
	wr_putc(w, '"');
	if (k > 0 && v->bytes[k - 1] == '*' && !wildcard) {
		wr_write(w, v->bytes, k - 1);
		wr_puts(w, "\\*");
	} else {
		wr_write(w, v->bytes, k);
	}
	if (wildcard)
		wr_putc(w, '*');
	wr_putc(w, '"');
}

const struct datatype dt_string = {
	DT_HEAD(TYPE_STRING, "string", "string", BYTEORDER_HOST, 0),
	.flags = DTYPE_F_STRING, .parse = string_parse, .print = string_print,
};

const struct datatype dt_ifname = {
	DT_HEAD(TYPE_IFNAME, "ifname", "network interface name", BYTEORDER_HOST, 16 * 8),
	.flags = DTYPE_F_STRING, .basetype = &dt_string,
	.parse = string_parse, .print = string_print,
};

/* ---------------------------------------------------------------- link layer */

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static int lladdr_parse(const struct datatype *dt, const char *text, uint32_t len,
			struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint8_t b[VALUE_MAX];
	uint32_t n = 0;
	const char *p = text;
	while (*p) {
		int h = hexdigit(*p);
		if (h < 0 || n >= VALUE_MAX)
			goto bad;
		int x = h;
		p++;
		if (*p && *p != ':') {
			int l = hexdigit(*p);
			if (l < 0)
				goto bad;
			x = x * 16 + l;
			p++;
		}
		b[n++] = (uint8_t)x;
		if (*p == ':') {
			p++;
			if (!*p)
				goto bad;
		} else if (*p) {
			goto bad;
		}
	}
	if (n == 0)
		goto bad;
	uint32_t want = len ? len / 8 : (dt->size ? dt->size / 8 : n);
	if (n != want)
		goto bad;
	memset(out, 0, sizeof(*out));
	memcpy(out->bytes, b, n);
	out->len = n * 8;
	return 0;
bad:
	return diag_error(errs, loc, "Could not parse %s", dt->desc);
}

static void lladdr_print(const struct datatype *dt, const struct value *v,
			 const struct print_opts *po, struct writer *w)
{
	uint32_t n = v->len / 8;
	if (n > VALUE_MAX)
		n = VALUE_MAX;
	for (uint32_t i = 0; i < n; i++)
		wr_printf(w, i ? ":%02x" : "%02x", v->bytes[i]);
}

const struct datatype dt_lladdr = DT_INTEGER(TYPE_LLADDR, "lladdr", "link layer address",
	BYTEORDER_BIG, 0, lladdr_parse, lladdr_print);

const struct datatype dt_etheraddr = {
	DT_HEAD(TYPE_ETHERADDR, "ether_addr", "Ethernet address", BYTEORDER_BIG, 48),
	.basetype = &dt_lladdr, .parse = lladdr_parse, .print = lladdr_print,
};

/* ---------------------------------------------------------------- mark, boolean */

const struct datatype dt_mark = DT_INTEGER(TYPE_MARK, "mark", "packet mark",
	BYTEORDER_HOST, 32, dt_parse_integer, dt_print_hex_padded);

const struct datatype dt_boolean = DT_SYMBOLIC(TYPE_BOOLEAN, "boolean", "boolean type",
	BYTEORDER_HOST, 1, dt_print_symbolic_dec, SYMBOLS(
	{ "exists", 1 }, { "missing", 0 }));

/* ---------------------------------------------------------------- relative time */

/* "1d2h3m4s5ms", or a plain number of seconds → milliseconds. */
int dt_time_parse_ms(const char *text, uint64_t *ms_out)
{
	uint64_t total = 0, x;
	const char *p = text;
	if (!*p)
		return -1;
	if (dt_strtou64(text, &x) == 0) {
		*ms_out = x * 1000;
		return 0;
	}
	/* each unit may appear once, in order d h m s ms */
	int last = -1;
	while (*p) {
		if (*p < '0' || *p > '9')
			return -1;
		x = 0;
		while (*p >= '0' && *p <= '9') {
			if (x > UINT64_MAX / 10)
				return -1;
			x = x * 10 + (uint64_t)(*p++ - '0');
		}
		uint64_t mult;
		int unit;
		if (p[0] == 'm' && p[1] == 's') { mult = 1; unit = 4; p += 2; }
		else if (*p == 'd') { mult = 86400000ULL; unit = 0; p++; }
		else if (*p == 'h') { mult = 3600000ULL; unit = 1; p++; }
		else if (*p == 'm') { mult = 60000ULL; unit = 2; p++; }
		else if (*p == 's') { mult = 1000ULL; unit = 3; p++; }
		else return -1;
		if (unit <= last)
			return -1;
		last = unit;
		total += x * mult;
	}
	*ms_out = total;
	return 0;
}

void dt_time_print_ms(uint64_t ms, const struct print_opts *po, struct writer *w)
{
	if (po && po->numeric_time) {
		wr_printf(w, "%" PRIu64 "s", ms / 1000);
		return;
	}
	uint64_t d = ms / 86400000ULL; ms %= 86400000ULL;
	uint64_t h = ms / 3600000ULL; ms %= 3600000ULL;
	uint64_t m = ms / 60000ULL; ms %= 60000ULL;
	uint64_t s = ms / 1000ULL; ms %= 1000ULL;
	/* each non-zero unit; nft prints nothing at all for a zero time */
	if (d) wr_printf(w, "%" PRIu64 "d", d);
	if (h) wr_printf(w, "%" PRIu64 "h", h);
	if (m) wr_printf(w, "%" PRIu64 "m", m);
	if (s) wr_printf(w, "%" PRIu64 "s", s);
	if (ms) wr_printf(w, "%" PRIu64 "ms", ms);
}

static int time_parse(const struct datatype *dt, const char *text, uint32_t len,
		      struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t ms;
	if (dt_time_parse_ms(text, &ms) < 0)
		return diag_error(errs, loc, "wrong time format");
	uint32_t bits = dt_len(dt, len);
	if (bits < 64 && ms >> bits)
		return diag_error(errs, loc, "value too large");
	value_set_uint(out, ms, bits, BYTEORDER_HOST);
	return 0;
}

static void time_print(const struct datatype *dt, const struct value *v,
		       const struct print_opts *po, struct writer *w)
{
	dt_time_print_ms(dt_get(dt, v), po, w);
}

const struct datatype dt_time = DT_INTEGER(TYPE_TIME, "time", "relative time",
	BYTEORDER_HOST, 64, time_parse, time_print);

/* ---------------------------------------------------------------- cgroupv2 */

#define CGROUP_ROOT "/sys/fs/cgroup"

/* A cgroup path under /sys/fs/cgroup → its inode number (64 bits, host order). */
static int cgroupv2_parse(const struct datatype *dt, const char *text, uint32_t len,
			  struct value *out, struct diag_list *errs, const struct loc *loc)
{
	char path[4096];
	struct stat st;
	uint64_t x;
	if (dt_strtou64(text, &x) == 0)
		return dt_store_checked(dt, x, len, out, errs, loc);
	snprintf(path, sizeof(path), CGROUP_ROOT "/%s", text);
	if (stat(path, &st) < 0)
		return diag_error(errs, loc, "cgroupv2 path fails: %s", strerror(errno));
	value_set_uint(out, (uint64_t)st.st_ino, len ? len : 64, BYTEORDER_HOST);
	return 0;
}

/* Depth-first search below `dir` (path buffer of `size`) for a directory whose inode
 * is `ino`; on success the buffer holds its path. */
static bool cgroup_find(char *dir, size_t size, uint64_t ino, int depth)
{
	if (depth > 32)
		return false;
	DIR *d = opendir(dir);
	if (!d)
		return false;
	size_t base = strlen(dir);
	struct dirent *e;
	bool found = false;
	while (!found && (e = readdir(d))) {
		if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(dir + base, size - base, "/%s", e->d_name) >= size - base)
			continue;
		if ((uint64_t)e->d_ino == ino)
			found = true;
		else
			found = cgroup_find(dir, size, ino, depth + 1);
		if (!found)
			dir[base] = 0;
	}
	closedir(d);
	return found;
}

/* The path below /sys/fs/cgroup, quoted, or the number if no cgroup has it. */
static void cgroupv2_print(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w)
{
	char path[4096] = CGROUP_ROOT;
	uint64_t ino = dt_get(dt, v);
	if (cgroup_find(path, sizeof(path), ino, 0))
		wr_printf(w, "\"%s\"", path + strlen(CGROUP_ROOT) + 1);
	else
		wr_printf(w, "%" PRIu64, ino);
}

const struct datatype dt_cgroupv2 = DT_INTEGER(TYPE_CGROUPV2, "cgroupsv2", "cgroupsv2 path",
	BYTEORDER_HOST, 64, cgroupv2_parse, cgroupv2_print);
