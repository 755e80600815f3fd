/* meta-side datatype rows: netfilter family, packet type, device group, interface
 * type, routing realm, TC classid, uid/gid, interface index, and the packet
 * reception time types (date, hour of day, day of week) which follow the local
 * time zone as nft does. */
#define _GNU_SOURCE
#include "dt_impl.h"
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <time.h>
#include <pwd.h>
#include <grp.h>
#include <net/if.h>

const struct datatype dt_nfproto = DT_SYMBOLIC(TYPE_NFPROTO, "nf_proto", "netfilter protocol",
	BYTEORDER_HOST, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "ipv4", 2 }, { "ipv6", 10 }));

const struct datatype dt_pkttype = DT_SYMBOLIC(TYPE_PKTTYPE, "pkt_type", "packet type",
	BYTEORDER_HOST, 8, dt_print_symbolic_dec, SYMBOLS(
	{ "host", 0 }, { "unicast", 0 }, { "broadcast", 1 }, { "multicast", 2 },
	{ "other", 3 }));

/* Device groups and realms take iproute2's names: built-in ones, then the host's
 * file (the row's id says which); printed quoted: iifgroup "default". */
static const char *const *rt_named_files(const struct datatype *dt)
{
	return dt->id == TYPE_REALM ? dt_realm_files : dt_devgroup_files;
}

static int rt_named_parse(const struct datatype *dt, const char *text, uint32_t len,
			  struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t x;
	if (!symbol_by_name(dt->symbols, text) &&
	    dt_file_name_to_num(rt_named_files(dt), text, &x) == 0)
		return dt_store_checked(dt, x, 32, out, errs, loc);
	return dt_parse_symbolic(dt, text, 32, out, errs, loc);
}

static void rt_named_print(const struct datatype *dt, const struct value *v,
			   const struct print_opts *po, struct writer *w)
{
	char name[256];
	uint64_t x = dt_get(dt, v);
	if (!po->numeric && !symbol_by_value(dt->symbols, x) &&
	    dt_file_num_to_name(rt_named_files(dt), x, name, sizeof(name)) == 0) {
		wr_printf(w, "\"%s\"", name);
		return;
	}
	dt_print_symbolic_quoted(dt, v, po, w);
}

/* iproute2's default /etc/iproute2/group */
const struct datatype dt_devgroup = DT_NAMED(TYPE_DEVGROUP, "devgroup", "devgroup name",
	BYTEORDER_HOST, 32, rt_named_parse, rt_named_print, SYMBOLS(
	{ "default", 0 }));

/* ARPHRD_* */
const struct datatype dt_arphrd = DT_SYMBOLIC(TYPE_ARPHRD, "iface_type",
	"network interface type", BYTEORDER_HOST, 16, dt_print_symbolic_dec, SYMBOLS(
	{ "ether", 1 }, { "ppp", 512 }, { "ipip", 768 }, { "ipip6", 769 },
	{ "loopback", 772 }, { "sit", 776 }, { "ipgre", 778 }));

/* iproute2's default /etc/iproute2/rt_realms */
const struct datatype dt_realm = DT_NAMED(TYPE_REALM, "realm", "routing realm",
	BYTEORDER_HOST, 32, rt_named_parse, rt_named_print, SYMBOLS(
	{ "cosmos", 0 }));

/* ---------------------------------------------------------------- TC classid */

#define TC_ROOT 0xffffffffu
#define TC_UNSPEC 0u

static int hexu32(const char *s, size_t n, uint32_t *out)
{
	uint32_t x = 0;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {   /* nft reads "1:0xc7cb" */
		s += 2;
		n -= 2;
	}
	if (n == 0 || n > 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 :
			(c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		x = x * 16 + (uint32_t)d;
	}
	*out = x;
	return 0;
}

/* root | none | MAJOR:MINOR (hex) | a plain 32-bit number */
static int classid_parse(const struct datatype *dt, const char *text, uint32_t len,
			 struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint32_t major, minor;
	const char *colon = strchr(text, ':');
	if (strcmp(text, "root") == 0)
		return dt_store_checked(dt, TC_ROOT, 32, out, errs, loc);
	if (strcmp(text, "none") == 0)
		return dt_store_checked(dt, TC_UNSPEC, 32, out, errs, loc);
	if (colon) {
		if (hexu32(text, (size_t)(colon - text), &major) < 0 ||
		    hexu32(colon + 1, strlen(colon + 1), &minor) < 0)
			return diag_error(errs, loc, "Could not parse %s", dt->desc);
		return dt_store_checked(dt, (major << 16) | minor, 32, out, errs, loc);
	}
	bool nn;
	int r = dt_parse_number(dt, text, 32, out, errs, loc, &nn);
	if (r < 0 && nn)
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	return r;
}

static void classid_print(const struct datatype *dt, const struct value *v,
			  const struct print_opts *po, struct writer *w)
{
	uint32_t x = (uint32_t)dt_get(dt, v);
	if (x == TC_ROOT)
		wr_puts(w, "root");
	else if (x == TC_UNSPEC)
		wr_puts(w, "none");
	else
		wr_printf(w, "%x:%x", x >> 16, x & 0xffff);
}

const struct datatype dt_classid = DT_INTEGER(TYPE_CLASSID, "classid", "TC classid",
	BYTEORDER_HOST, 32, classid_parse, classid_print);

/* ---------------------------------------------------------------- uid / gid */

/* A user or group name → its id on this host (the row's id says which database);
 * 0 when found. */
static int owner_id_by_name(const struct datatype *dt, const char *name, uint32_t *id)
{
	char buf[4096];
	if (dt->id == TYPE_UID) {
		struct passwd pw, *res = NULL;
		if (getpwnam_r(name, &pw, buf, sizeof(buf), &res) != 0 || !res)
			return -1;
		*id = res->pw_uid;
	} else {
		struct group gr, *res = NULL;
		if (getgrnam_r(name, &gr, buf, sizeof(buf), &res) != 0 || !res)
			return -1;
		*id = res->gr_gid;
	}
	return 0;
}

/* Writes the quoted user or group name of `id`; false when the host has none. */
static bool owner_print_name(const struct datatype *dt, uint32_t id, struct writer *w)
{
	char buf[4096];
	const char *name = NULL;
	if (dt->id == TYPE_UID) {
		struct passwd pw, *res = NULL;
		if (getpwuid_r(id, &pw, buf, sizeof(buf), &res) == 0 && res)
			name = res->pw_name;
	} else {
		struct group gr, *res = NULL;
		if (getgrgid_r(id, &gr, buf, sizeof(buf), &res) == 0 && res)
			name = res->gr_name;
	}
	if (name)
		wr_printf(w, "\"%s\"", name);
	return name != NULL;
}

/* uid and gid: a number or a name; listed as the number, with -u as the name. */
static int owner_parse(const struct datatype *dt, const char *text, uint32_t len,
		       struct value *out, struct diag_list *errs, const struct loc *loc)
{
	bool nn;
	uint32_t id;
	int r = dt_parse_number(dt, text, 32, out, errs, loc, &nn);
	if (r == 0 || !nn)
		return r;
	if (owner_id_by_name(dt, text, &id) != 0)
		return diag_error(errs, loc, dt->id == TYPE_UID ? "User does not exist" :
				  "Group does not exist");
	return dt_store_checked(dt, id, 32, out, errs, loc);
}

static void owner_print(const struct datatype *dt, const struct value *v,
			const struct print_opts *po, struct writer *w)
{
	uint32_t x = (uint32_t)dt_get(dt, v);
	if (!po->guid || !owner_print_name(dt, x, w))
		wr_printf(w, "%u", x);
}

const struct datatype dt_uid = DT_INTEGER(TYPE_UID, "uid", "user ID",
	BYTEORDER_HOST, 32, owner_parse, owner_print);

const struct datatype dt_gid = DT_INTEGER(TYPE_GID, "gid", "group ID",
	BYTEORDER_HOST, 32, owner_parse, owner_print);

/* ---------------------------------------------------------------- ifindex */

static int ifindex_parse(const struct datatype *dt, const char *text, uint32_t len,
			 struct value *out, struct diag_list *errs, const struct loc *loc)
{
	unsigned idx = if_nametoindex(text);
	if (idx == 0) {
		uint64_t x;
		if (dt_strtou64(text, &x) == 0)
			return dt_store_checked(dt, x, 32, out, errs, loc);
		return diag_error(errs, loc, "Interface does not exist");
	}
	return dt_store_checked(dt, idx, 32, out, errs, loc);
}

static void ifindex_print(const struct datatype *dt, const struct value *v,
			  const struct print_opts *po, struct writer *w)
{
	char name[IF_NAMESIZE];
	uint32_t x = (uint32_t)dt_get(dt, v);
	if (x && if_indextoname(x, name))
		wr_printf(w, "\"%s\"", name);
	else
		wr_printf(w, "%u", x);
}

const struct datatype dt_ifindex = DT_INTEGER(TYPE_IFINDEX, "iface_index",
	"network interface index", BYTEORDER_HOST, 32, ifindex_parse, ifindex_print);

/* ---------------------------------------------------------------- reception time */

static long local_gmtoff(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_gmtoff;
}

static int full_match(const char *text, const char *fmt, struct tm *tm)
{
	memset(tm, 0, sizeof(*tm));
	const char *end = strptime(text, fmt, tm);
	return end && *end == '\0';
}

/* "YYYY-MM-DD[ HH:MM[:SS]]" in local time, or seconds since the epoch → ns. */
static int date_parse(const struct datatype *dt, const char *text, uint32_t len,
		      struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t secs;
	struct tm tm;
	if (dt_strtou64(text, &secs) == 0) {
		value_set_uint(out, secs * 1000000000ULL, 64, BYTEORDER_HOST);
		return 0;
	}
	if (!full_match(text, "%Y-%m-%d %H:%M:%S", &tm) &&
	    !full_match(text, "%Y-%m-%d %H:%M", &tm)) {
		memset(&tm, 0, sizeof(tm));
		if (!strptime(text, "%Y-%m-%d", &tm))
			return diag_error(errs, loc, "Cannot parse date");
	}
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return diag_error(errs, loc, "Cannot parse date");
	value_set_uint(out, (uint64_t)(int64_t)t * 1000000000ULL, 64, BYTEORDER_HOST);
	return 0;
}

static void date_print(const struct datatype *dt, const struct value *v,
		       const struct print_opts *po, struct writer *w)
{
	int64_t ns = (int64_t)dt_get(dt, v);
	time_t t = (time_t)(ns / 1000000000LL);
	struct tm tm;
	char buf[64];
	if (!localtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm)) {
		wr_printf(w, "%" PRId64, (int64_t)t);
		return;
	}
	wr_printf(w, "\"%s\"", buf);
}

const struct datatype dt_time_date = DT_INTEGER(TYPE_TIME_DATE, "time",
	"Relative time of packet reception", BYTEORDER_HOST, 64, date_parse, date_print);

/* "HH:MM[:SS]" local time, or a relative time ("1h"), → seconds since midnight UTC;
 * a plain number is taken as UTC seconds already. */
static int hour_parse(const struct datatype *dt, const char *text, uint32_t len,
		      struct value *out, struct diag_list *errs, const struct loc *loc)
{
	uint64_t x;
	int64_t secs;
	struct tm tm;
	if (dt_strtou64(text, &x) == 0)
		return dt_store_checked(dt, x, 32, out, errs, loc);
	if (full_match(text, "%H:%M:%S", &tm) || full_match(text, "%H:%M", &tm)) {
		secs = (int64_t)tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	} else {
		uint64_t ms;
		if (dt_time_parse_ms(text, &ms) < 0)
			return diag_error(errs, loc, "wrong time format");
		secs = (int64_t)(ms / 1000);
	}
	secs -= local_gmtoff();
	secs %= 86400;
	if (secs < 0)
		secs += 86400;
	value_set_uint(out, (uint64_t)secs, 32, BYTEORDER_HOST);
	return 0;
}

static void hour_print(const struct datatype *dt, const struct value *v,
		       const struct print_opts *po, struct writer *w)
{
	int64_t secs = (int64_t)dt_get(dt, v) + local_gmtoff();
	secs %= 86400;
	if (secs < 0)
		secs += 86400;
	int h = (int)(secs / 3600), m = (int)(secs / 60 % 60), s = (int)(secs % 60);
	if (s)
		wr_printf(w, "\"%02d:%02d:%02d\"", h, m, s);
	else
		wr_printf(w, "\"%02d:%02d\"", h, m);
}

const struct datatype dt_time_hour = DT_INTEGER(TYPE_TIME_HOUR, "hour",
	"Hour of day of packet reception", BYTEORDER_HOST, 32, hour_parse, hour_print);

static int day_parse(const struct datatype *dt, const char *text, uint32_t len,
		     struct value *out, struct diag_list *errs, const struct loc *loc)
{
	const struct symbol *s = symbol_by_name(dt->symbols, text);
	uint64_t x;
	if (s)
		x = s->value;
	else if (dt_strtou64(text, &x) != 0)
		return diag_error(errs, loc, "Could not parse %s", dt->desc);
	if (x > 6)
		return diag_error(errs, loc, "Value %" PRIu64 " exceeds valid range 0-6", x);
	value_set_uint(out, x, 8, BYTEORDER_HOST);
	return 0;
}

const struct datatype dt_time_day = DT_NAMED(TYPE_TIME_DAY, "day",
	"Day of week of packet reception", BYTEORDER_HOST, 8, day_parse,
	dt_print_symbolic_quoted, SYMBOLS(
	{ "Sunday", 0 }, { "Monday", 1 }, { "Tuesday", 2 }, { "Wednesday", 3 },
	{ "Thursday", 4 }, { "Friday", 5 }, { "Saturday", 6 }));
