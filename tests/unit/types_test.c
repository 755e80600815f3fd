/* Unit tests of the datatype, protocol and key tables: text → value → text round
 * trips as nft lists them, byte order of parsed values, nft's error messages,
 * symbol lookups and the protocol/key table lookups used by eval and lift. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netfilter/nf_tables.h>
#include "types/datatype.h"
#include "types/proto.h"
#include "types/keys.h"
#include "types/exthdr.h"
#include "util/diag.h"

static int n_test, n_fail;

static void report(int ok, const char *name, const char *detail)
{
	n_test++;
	if (ok) {
		printf("ok %d - %s\n", n_test, name);
	} else {
		n_fail++;
		printf("not ok %d - %s%s%s\n", n_test, name, detail ? ": " : "", detail ? detail : "");
	}
}

static const struct print_opts po_default;
static void check(int cond, const char *name);

/* parse `in` as dt (context length len, 0 = the type's size) and expect `out` back */
static void rt_opts(const struct datatype *dt, const char *in, uint32_t len, const char *out,
		    const struct print_opts *po)
{
	struct diag_list errs;
	struct value v;
	struct writer w;
	char name[256], detail[700];
	diag_list_init(&errs);
	writer_init_mem(&w);
	snprintf(name, sizeof(name), "%s: %s -> %s", dt->name, in, out);
	if (datatype_parse(dt, in, len, &v, &errs, NULL) != 0) {
		snprintf(detail, sizeof(detail), "parse failed: %s", errs.n ? errs.items[0].msg : "?");
		report(0, name, detail);
	} else {
		datatype_print(dt, &v, po, &w);
		const char *got = wr_cstr(&w);
		snprintf(detail, sizeof(detail), "got '%s'", got);
		report(strcmp(got, out) == 0, name, detail);
	}
	writer_free(&w);
	diag_list_free(&errs);
}

static void rt(const struct datatype *dt, const char *in, const char *out)
{
	rt_opts(dt, in, 0, out, &po_default);
}

/* parse must fail with message `msg` */
static void bad(const struct datatype *dt, const char *in, uint32_t len, const char *msg)
{
	struct diag_list errs;
	struct value v;
	char name[256], detail[700];
	diag_list_init(&errs);
	snprintf(name, sizeof(name), "%s: '%s' fails", dt->name, in);
	int r = datatype_parse(dt, in, len, &v, &errs, NULL);
	const char *got = errs.n ? errs.items[0].msg : "";
	snprintf(detail, sizeof(detail), "r=%d msg='%s' want '%s'", r, got, msg);
	report(r != 0 && strcmp(got, msg) == 0, name, detail);
	diag_list_free(&errs);
}

/* parse and compare the stored bytes */
static void bytes(const struct datatype *dt, const char *in, uint32_t len, const char *hex)
{
	struct diag_list errs;
	struct value v;
	char name[256], got[2 * VALUE_MAX + 1] = "", detail[700];
	diag_list_init(&errs);
	snprintf(name, sizeof(name), "%s: %s bytes %s", dt->name, in, hex);
	if (datatype_parse(dt, in, len, &v, &errs, NULL) != 0) {
		report(0, name, errs.n ? errs.items[0].msg : "parse failed");
	} else {
		for (uint32_t i = 0; i < (v.len + 7) / 8; i++)
			sprintf(got + 2 * i, "%02x", v.bytes[i]);
		snprintf(detail, sizeof(detail), "got %s (len %u)", got, v.len);
		report(strcmp(got, hex) == 0, name, detail);
	}
	diag_list_free(&errs);
}

static void check(int cond, const char *name)
{
	report(cond, name, NULL);
}

static void test_basic(void)
{
	rt(&dt_integer, "22", "22");
	rt(&dt_integer, "0x10", "16");
	rt(&dt_integer, "010", "8");
	rt_opts(&dt_integer, "0x0102030405060708090a0b0c0d0e0f10", 128,
		"0x102030405060708090a0b0c0d0e0f10", &po_default);
	bad(&dt_integer, "foo", 32, "Could not parse integer");
	rt_opts(&dt_xinteger, "0", 16, "0x0", &po_default);
	rt_opts(&dt_xinteger, "0xff", 8, "0xff", &po_default);
	rt_opts(&dt_xinteger, "0xfedcba987654321001234567890abcde", 128,
		"0xfedcba987654321001234567890abcde", &po_default);
	struct value xv;
	struct diag_list xe;
	diag_list_init(&xe);
	check(datatype_parse_bo(&dt_xinteger, "0xfedcba987654321001234567890abcde", 128,
				BYTEORDER_BIG, &xv, &xe, NULL) == 0 &&
	      xv.bytes[0] == 0xfe && xv.bytes[15] == 0xde, "wide hex in big-endian order");
	diag_list_free(&xe);
	bad(&dt_integer, "22", 4, "Value 22 exceeds valid range 0-15");
	rt(&dt_mark, "0x4", "0x00000004");
	rt(&dt_mark, "12345", "0x00003039");
	bad(&dt_mark, "018", 32, "Could not parse packet mark");
	bad(&dt_mark, "0x1ffffffff", 32, "Value 8589934591 exceeds valid range 0-4294967295");
	bytes(&dt_mark, "0x4", 32, "04000000");
	rt(&dt_boolean, "exists", "exists");
	rt(&dt_boolean, "missing", "missing");
	rt(&dt_ifname, "dummy0", "\"dummy0\"");
	rt(&dt_ifname, "dummy\\*", "\"dummy\\*\"");
	rt(&dt_ifname, "dummy*", "\"dummy*\"");
	bytes(&dt_ifname, "dummy*", 128, "64756d6d79");
	bytes(&dt_ifname, "dummy\\*", 128, "64756d6d792a00000000000000000000");
	bad(&dt_ifname, "", 128, "Empty string is not allowed");
	bad(&dt_ifname, "0123456789abcdef", 128, "String exceeds maximum length of 16");
	rt_opts(&dt_string, "ftp", 128, "\"ftp\"", &po_default);
	bad(&dt_string, "12345678901234567", 128, "String exceeds maximum length of 16");
	rt(&dt_etheraddr, "aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:ff");
	rt(&dt_etheraddr, "0:1:2:3:4:5", "00:01:02:03:04:05");
	bad(&dt_etheraddr, "aa:bb", 48, "Could not parse Ethernet address");
	rt(&dt_time, "30s", "30s");
	rt(&dt_time, "30000ms", "30s");
	rt(&dt_time, "1m", "1m");
	rt_opts(&dt_time, "233", 32, "3m53s", &po_default);
	rt_opts(&dt_time, "4d23h59m59s", 32, "4d23h59m59s", &po_default);
	rt_opts(&dt_time, "1500", 32, "25m", &po_default);
	bytes(&dt_time, "30s", 32, "30750000");
	bad(&dt_time, "abc", 32, "wrong time format");
	bad(&dt_time, "50d", 32, "value too large");
	rt(&dt_verdict, "accept", "accept");
}

static void test_inet(void)
{
	rt(&dt_ipaddr, "1.2.3.4", "1.2.3.4");
	bytes(&dt_ipaddr, "192.168.0.1", 32, "c0a80001");
	bad(&dt_ipaddr, "1.2.3.400", 32, "Could not resolve hostname: Name or service not known");
	rt(&dt_ip6addr, "2001:db8::1", "2001:db8::1");
	rt(&dt_ip6addr, "0:0:0:0:1:0:0:0", "::1:0:0:0");
	rt(&dt_ip6addr, "1:0:0:1:0:0:0:1", "1:0:0:1::1");
	rt(&dt_ip6addr, "::ffff:1.2.3.4", "::ffff:1.2.3.4");
	rt(&dt_ip6addr, "[::1]", "::1");
	/* one parser serves both rows; only IPv6 takes [brackets] */
	bad(&dt_ipaddr, "[1.2.3.4]", 32, "Could not resolve hostname: Name or service not known");
	bad(&dt_ip6addr, "1.2.3.4", 128, "Could not resolve hostname: Name or service not known");
	rt(&dt_inet_service, "22", "22");
	rt(&dt_inet_service, "ssh", "22");
	rt(&dt_inet_service, "https", "443");
	bytes(&dt_inet_service, "22", 16, "0016");
	bad(&dt_inet_service, "htps", 16,
	    "Could not resolve service: Servname not supported for ai_socktype");
	bad(&dt_inet_service, "65536", 16, "Service out of range");
	struct print_opts pos = { .service = true };
	rt_opts(&dt_inet_service, "443", 16, "\"https\"", &pos);
	rt(&dt_inet_protocol, "tcp", "tcp");
	rt(&dt_inet_protocol, "6", "tcp");
	rt(&dt_inet_protocol, "ipv6-icmp", "ipv6-icmp");
	rt(&dt_inet_protocol, "icmpv6", "ipv6-icmp");
	struct print_opts pop = { .numeric_proto = true };
	rt_opts(&dt_inet_protocol, "udp", 8, "17", &pop);
	rt_opts(&dt_inet_protocol, "esp", 8, "50", &pop);
	rt_opts(&dt_inet_protocol, "comp", 8, "108", &pop);
	bad(&dt_inet_protocol, "foo", 8, "Could not resolve protocol name");
	bad(&dt_inet_protocol, "256", 8, "Protocol out of range");
	rt(&dt_ethertype, "ip", "ip");
	rt(&dt_ethertype, "vlan", "8021q");
	rt(&dt_ethertype, "0x8100", "8021q");
	rt(&dt_ethertype, "0x1234", "0x1234");
	bytes(&dt_ethertype, "ip6", 16, "86dd");
	bad(&dt_ethertype, "foo", 16, "Could not parse Ethernet protocol");
	rt(&dt_dscp, "cs1", "cs1");
	rt(&dt_dscp, "0x38", "cs7");
	rt(&dt_dscp, "0x20", "cs4");
	rt(&dt_dscp, "0x02", "0x02");
	rt(&dt_dscp, "0x3c", "0x3c");
	rt(&dt_dscp, "ef", "ef");
	bad(&dt_dscp, "99", 6, "Value 99 exceeds valid range 0-63");
	bad(&dt_dscp, "foo", 6, "Could not parse Differentiated Services Code Point");
	rt(&dt_ecn, "ce", "ce");
	rt(&dt_ecn, "1", "ect1");
	struct print_opts pon = { .numeric = true };
	rt_opts(&dt_ecn, "ect1", 2, "0x1", &pon);
	rt(&dt_tcp_flag, "syn", "syn");
	rt(&dt_tcp_flag, "0xff", "0xff");
	bad(&dt_tcp_flag, "foo", 8, "Could not parse TCP flag");
	rt(&dt_arpop, "request", "request");
	rt(&dt_arpop, "99", "99");
	struct print_opts pall = { .numeric = true, .numeric_proto = true, .numeric_time = true };
	rt_opts(&dt_arpop, "request", 16, "1", &pall);
	rt_opts(&dt_ethertype, "ip", 16, "0x0800", &pall);
	rt_opts(&dt_time, "1m", 32, "60s", &pall);
	rt_opts(&dt_inet_protocol, "tcp", 8, "6", &pall);
	rt_opts(&dt_ct_dir, "reply", 8, "1", &pall);
	rt_opts(&dt_time_hour, "17:00", 32, "\"17:00\"", &pall);
	rt(&dt_dccp_pkttype, "request", "request");
	rt(&dt_dccp_pkttype, "14", "14");
	rt(&dt_mh_type, "binding-update", "binding-update");
	rt(&dt_fib_addr, "local", "local");
	rt(&dt_fib_addr, "12", "12");
}

static void test_icmp(void)
{
	rt(&dt_icmp_type, "echo-request", "echo-request");
	rt(&dt_icmp_type, "8", "echo-request");
	rt(&dt_icmp_type, "99", "99");
	bad(&dt_icmp_type, "foo", 8, "Could not parse ICMP type");
	rt(&dt_icmp_code, "frag-needed", "frag-needed");
	rt(&dt_icmp_code, "99", "99");
	const struct proto_field *cf = proto_field_by_name(&proto_icmp, "code");
	rt(cf->dtype, "prot-unreachable", "2");
	cf = proto_field_by_name(&proto_icmp6, "code");
	rt(cf->dtype, "policy-fail", "5");
	cf = proto_field_by_name(&proto_ip, "frag-off");
	rt(cf->dtype, "0xde", "0xde");
	rt(&dt_icmp6_type, "mld-listener-reduction", "mld-listener-done");
	rt(&dt_icmp6_type, "nd-router-advert", "nd-router-advert");
	rt(&dt_icmpv6_code, "3", "addr-unreachable");
	rt(&dt_icmpx_code, "port-unreachable", "port-unreachable");
	bytes(&dt_icmpx_code, "admin-prohibited", 8, "03");
	rt(&dt_igmp_type, "leave-group", "leave-group");
	rt(&dt_igmp_type, "99", "99");
}

static void test_ct(void)
{
	rt(&dt_ct_state, "new", "new");
	rt(&dt_ct_state, "8", "new");
	rt(&dt_ct_state, "0x100", "0x100");
	bad(&dt_ct_state, "xxx", 32, "Could not parse conntrack state");
	bytes(&dt_ct_state, "established", 32, "02000000");
	rt(&dt_ct_dir, "reply", "reply");
	rt(&dt_ct_dir, "2", "2");
	rt(&dt_ct_status, "seen-reply", "seen-reply");
	rt(&dt_ct_status, "dying", "dying");
	rt(&dt_ct_status, "0x400", "0x400");
	rt(&dt_ct_eventbit, "label", "label");
	rt(&dt_ct_eventbit, "0x0", "0x0");
	rt(&dt_ct_label, "127", "127");
	rt(&dt_ct_label, "5", "5");
	bytes(&dt_ct_label, "127", 128, "00000000000000000000000000000080");
	bad(&dt_ct_label, "128", 128, "128: bit 128 out of range (128 max)");
	rt(&dt_ct_id, "12345", "12345");
	bytes(&dt_ct_id, "12345", 32, "00003039");

}

static void test_meta(void)
{
	rt(&dt_nfproto, "ipv6", "ipv6");
	rt(&dt_nfproto, "7", "7");
	rt(&dt_pkttype, "host", "host");
	rt(&dt_pkttype, "unicast", "host");
	rt(&dt_pkttype, "broadcast", "broadcast");
	bad(&dt_pkttype, "broadcastttt", 8, "Could not parse packet type");
	rt(&dt_devgroup, "default", "\"default\"");
	rt(&dt_devgroup, "0", "\"default\"");
	rt(&dt_devgroup, "11", "11");
	bad(&dt_devgroup, "foo", 32, "Could not parse devgroup name");
	rt(&dt_realm, "cosmos", "\"cosmos\"");
	rt(&dt_realm, "5", "5");
	bad(&dt_realm, "foo", 32, "Could not parse routing realm");
	rt(&dt_arphrd, "ether", "ether");
	rt(&dt_arphrd, "ipgre", "ipgre");
	rt(&dt_arphrd, "5", "5");
	bytes(&dt_arphrd, "ppp", 16, "0002");
	bad(&dt_arphrd, "foo", 16, "Could not parse network interface type");
	rt(&dt_classid, "root", "root");
	rt(&dt_classid, "none", "none");
	rt(&dt_classid, "0x87654321", "8765:4321");
	rt(&dt_classid, "2271560481", "8765:4321");
	rt(&dt_classid, "1:1234", "1:1234");
	rt(&dt_classid, "bcad:dadc", "bcad:dadc");
	rt(&dt_classid, "aabb:0", "aabb:0");
	rt(&dt_classid, "0x10", "0:10");
	bytes(&dt_classid, "1:1234", 32, "34120100");
	rt(&dt_uid, "root", "0");
	rt(&dt_uid, "3000", "3000");
	bad(&dt_uid, "nosuchuser_x", 32, "User does not exist");
	rt(&dt_gid, "root", "0");
	bad(&dt_gid, "nosuchgroup_x", 32, "Group does not exist");
	struct print_opts pou = { .guid = true };
	rt_opts(&dt_uid, "0", 32, "\"root\"", &pou);
	rt_opts(&dt_gid, "0", 32, "\"root\"", &pou);
	rt_opts(&dt_gid, "3000", 32, "3000", &pou);
	rt(&dt_ifindex, "lo", "\"lo\"");
	rt(&dt_cgroupv2, "1234", "1234");
	bad(&dt_cgroupv2, "no/such/cgroup", 64, "cgroupv2 path fails: No such file or directory");
	rt(&dt_ifindex, "1", "\"lo\"");
	rt(&dt_time_day, "Saturday", "\"Saturday\"");
	rt(&dt_time_day, "6", "\"Saturday\"");
	bad(&dt_time_day, "Satturday", 8, "Could not parse Day of week of packet reception");
	bad(&dt_time_day, "7", 8, "Value 7 exceeds valid range 0-6");
	/* TZ=UTC-2 (set in main): local 17:00 is 15:00 UTC = 54000 s */
	rt(&dt_time_hour, "17:00", "\"17:00\"");
	bytes(&dt_time_hour, "17:00", 32, "f0d20000");
	rt(&dt_time_hour, "17:00:00", "\"17:00\"");
	rt(&dt_time_hour, "17:00:01", "\"17:00:01\"");
	rt(&dt_time_hour, "23:59:60", "\"00:00\"");
	rt(&dt_time_hour, "00:00", "\"00:00\"");
	rt(&dt_time_hour, "5:3", "\"05:03\"");
	rt(&dt_time_hour, "3600", "\"03:00\"");
	rt(&dt_time_hour, "1h", "\"01:00\"");
	bad(&dt_time_hour, "24:00", 32, "wrong time format");
	rt(&dt_time_date, "1970-05-23 21:07:14", "\"1970-05-23 21:07:14\"");
	bytes(&dt_time_date, "1970-05-23 21:07:14", 64, "0054f04303d52b00");
	rt(&dt_time_date, "12341234", "\"1970-05-23 22:07:14\"");
	rt(&dt_time_date, "2019-06-21", "\"2019-06-21 00:00:00\"");
	rt(&dt_time_date, "2019-06-21 17:00", "\"2019-06-21 17:00:00\"");
	bad(&dt_time_date, "meh", 64, "Cannot parse date");
}

static void test_lookups(void)
{
	check(datatype_by_id(TYPE_IPADDR) == &dt_ipaddr, "datatype_by_id ipaddr");
	check(datatype_by_id(TYPE_CT_STATE) == &dt_ct_state, "datatype_by_id ct_state");
	uint32_t parts[8];
	unsigned np = datatype_id_split(TYPE_IPADDR << 2 * TYPE_BITS | TYPE_INET_SERVICE << TYPE_BITS |
					TYPE_MARK, parts);
	check(np == 3 && parts[0] == TYPE_IPADDR && parts[1] == TYPE_INET_SERVICE &&
	      parts[2] == TYPE_MARK, "datatype_id_split: first component first");
	check(datatype_id_split(TYPE_IPADDR, parts) == 1 && parts[0] == TYPE_IPADDR &&
	      datatype_id_split(0, parts) == 0, "datatype_id_split: one id, none");
	check(datatype_by_name("ipv4_addr") == &dt_ipaddr, "datatype_by_name ipv4_addr");
	check(datatype_by_name("inet_service") == &dt_inet_service, "datatype_by_name inet_service");
	check(datatype_by_name("ifname") == &dt_ifname, "datatype_by_name ifname");
	check(datatype_by_name("mark") == &dt_mark, "datatype_by_name mark");
	check(datatype_by_name("nosuch") == NULL, "datatype_by_name unknown");
	for (int id = 0; id < TYPE_MAX_ID; id++) {
		const struct datatype *dt = datatype_by_id((enum dtype_id)id);
		char name[64];
		snprintf(name, sizeof(name), "datatype id %d has a row", id);
		check(dt != NULL && dt->id == (enum dtype_id)id, name);
	}
	check(datatype_is(&dt_ct_state, TYPE_BITMASK), "ct_state is a bitmask");
	check(datatype_is(&dt_ifname, TYPE_STRING), "ifname is a string");
	check(!datatype_is(&dt_mark, TYPE_BITMASK), "mark is not a bitmask");
	check(datatype_root(&dt_etheraddr) == &dt_integer, "ether_addr root is integer");
	check(symbol_by_name(dt_ct_state.symbols, "related")->value == 4, "symbol_by_name related");
	check(strcmp(symbol_by_value(dt_ethertype.symbols, 0x8100)->name, "8021q") == 0,
	      "symbol_by_value 0x8100");
	check(symbol_by_name(dt_ct_state.symbols, "nope") == NULL, "symbol_by_name unknown");

	/* byte order helpers */
	struct value v;
	value_set_uint(&v, 22, 16, BYTEORDER_BIG);
	check(v.bytes[0] == 0 && v.bytes[1] == 0x16 && v.len == 16, "value_set_uint big 22");
	check(value_get_uint(&v, BYTEORDER_BIG) == 22, "value_get_uint big");
	value_convert(&v, BYTEORDER_BIG, BYTEORDER_HOST);
	check(v.bytes[0] == 0x16 && v.bytes[1] == 0, "value_convert big->host");
	struct diag_list errs;
	diag_list_init(&errs);
	check(datatype_parse_bo(&dt_integer, "22", 16, BYTEORDER_BIG, &v, &errs, NULL) == 0 &&
	      v.bytes[0] == 0 && v.bytes[1] == 0x16, "integer 22 in a big-endian 16-bit field");
	diag_list_free(&errs);
	struct writer w;
	writer_init_mem(&w);
	datatype_print_bo(&dt_integer, &v, BYTEORDER_BIG, &po_default, &w);
	check(strcmp(wr_cstr(&w), "22") == 0, "datatype_print_bo integer big");
	writer_free(&w);
}

static void test_proto(void)
{
	const struct proto_field *f;
	check(proto_by_name("tcp") == &proto_tcp, "proto_by_name tcp");
	check(proto_by_name("ether") == &proto_eth, "proto_by_name ether");
	check(proto_by_name("icmpv6") == &proto_icmp6, "proto_by_name icmpv6");
	f = proto_field_by_name(&proto_tcp, "dport");
	check(f && f->offset == 16 && f->len == 16 && f->dtype == &dt_inet_service, "tcp dport row");
	check(proto_field_at(&proto_tcp, 16, 16) == f, "proto_field_at tcp 16/16 -> dport");
	check(proto_field_at(&proto_tcp, 17, 16) == NULL, "proto_field_at tcp 17/16 -> none");
	f = proto_field_at(&proto_ip, 96, 32);
	check(f && strcmp(f->name, "saddr") == 0, "proto_field_at ip 96/32 -> saddr");
	f = proto_field_at(&proto_ip, 8, 6);
	check(f && f->dtype == &dt_dscp, "proto_field_at ip 8/6 -> dscp");
	f = proto_field_at(&proto_ip6, 12, 20);
	check(f && strcmp(f->name, "flowlabel") == 0, "ip6 flowlabel at 12/20");
	f = proto_field_at(&proto_vlan, 3, 1);
	check(f && strcmp(f->name, "dei") == 0, "vlan 3/1 lifts as dei");
	check(proto_field_by_name(&proto_vlan, "cfi") != NULL, "vlan cfi accepted");
	f = proto_field_at(&proto_dccp, 67, 4);
	check(f && f->dtype == &dt_dccp_pkttype, "dccp type at 67/4");
	f = proto_field_by_name(&proto_arp, "daddr ip");
	check(f && f->offset == 192 && f->len == 32, "arp daddr ip at 192/32");
	check(proto_upper_find(&proto_ip, 6) == &proto_tcp, "ip protocol 6 -> tcp");
	check(proto_upper_find(&proto_ip6, 58) == &proto_icmp6, "ip6 nexthdr 58 -> icmpv6");
	check(proto_upper_find(&proto_eth, 0x0800) == &proto_ip, "ether type 0x0800 -> ip");
	check(proto_upper_find(&proto_eth, 0x8100) == &proto_vlan, "ether type 0x8100 -> vlan");
	check(proto_upper_find(&proto_vlan, 0x86dd) == &proto_ip6, "vlan type 0x86dd -> ip6");
	check(proto_upper_find(&proto_tcp, 6) == NULL, "tcp has no upper");
	check(proto_ip.protocol_field >= 0 &&
	      strcmp(proto_ip.fields[proto_ip.protocol_field].name, "protocol") == 0,
	      "ip protocol field");
	check(strcmp(proto_eth.fields[proto_eth.protocol_field].name, "type") == 0,
	      "ether protocol field");
	check(proto_tcp.l4proto == 6 && proto_udp.l4proto == 17 && proto_icmp6.l4proto == 58,
	      "l4proto numbers");
	check(proto_ip.ethertype == 0x0800 && proto_ip6.nfproto == 10, "ip/ip6 numbers");
	check(proto_by_l4proto(132) == &proto_sctp, "proto_by_l4proto 132");
	check(proto_by_ethertype(0x86dd) == &proto_ip6, "proto_by_ethertype 0x86dd");
	const struct proto_field_dep *d =
		proto_field_dep_find(&proto_icmp, proto_field_by_name(&proto_icmp, "mtu"));
	check(d && d->ntypes == 1 && d->types[0] == 3, "icmp mtu implies type 3");
	f = proto_field_at_type(&proto_icmp6, 32, 16, 130);
	check(f && strcmp(f->name, "max-delay") == 0, "icmpv6 32/16 with type 130 -> max-delay");
	f = proto_field_at_type(&proto_icmp6, 32, 16, 128);
	check(f && strcmp(f->name, "id") == 0, "icmpv6 32/16 with type 128 -> id");
	check(proto_field_index(&proto_ip, proto_field_by_name(&proto_ip, "protocol")) ==
	      proto_ip.protocol_field, "proto_field_index");
	for (const struct proto_desc *const *p = proto_all; *p; p++) {
		char name[80];
		int ok = 1;
		for (const struct proto_field *g = (*p)->fields; g->name; g++)
			if (!g->dtype || !g->len || g->byteorder != BYTEORDER_BIG)
				ok = 0;
		snprintf(name, sizeof(name), "%s fields are typed big-endian rows", (*p)->name);
		check(ok, name);
		ok = 1;
		for (const struct proto_field *g = (*p)->fields; g->name; g++) {
			const struct proto_field *h = proto_field_at(*p, g->offset, g->len);
			if (!h || h->offset != g->offset || h->len != g->len)
				ok = 0;
			if (proto_field_by_name(*p, g->name) != g && strcmp(g->name, "cfi") != 0)
				ok = 0;
		}
		snprintf(name, sizeof(name), "%s fields found by name and by (offset, len)", (*p)->name);
		check(ok, name);
	}
}

static void test_keys(void)
{
	const struct meta_key *m = meta_key_by_name("mark");
	check(m && m->key == NFT_META_MARK && m->byteorder == BYTEORDER_HOST && !m->unqualified &&
	      m->settable && m->dtype == &dt_mark, "meta mark row");
	m = meta_key_by_name("iifname");
	check(m && m->unqualified && m->len == 128, "meta iifname unqualified");
	m = meta_key_by_name("iifgroup");
	check(m && m->unqualified, "meta iifgroup unqualified");
	m = meta_key_by_name("l4proto");
	check(m && m->key == NFT_META_L4PROTO && m->len == 8 && m->dtype == &dt_inet_protocol,
	      "meta l4proto row");
	m = meta_key_by_name("random");
	check(m && m->byteorder == BYTEORDER_BIG, "meta random big-endian");
	check(meta_key_by_name("secpath") == meta_key_by_name("ipsec"), "meta secpath alias");
	check(meta_key_by_name("obridgename") == meta_key_by_name("obrname") &&
	      !meta_key_by_name("nosuchkey") && !meta_key_by_name(NULL) && !ct_key_by_name(NULL),
	      "meta aliases after the rows; unknown and NULL names");
	check(meta_key_by_kernel(NFT_META_TIME_HOUR) == meta_key_by_name("hour"),
	      "meta_key_by_kernel hour");
	m = meta_key_by_name("nftrace");
	check(m && m->len == 1, "meta nftrace 1 bit");
	const struct ct_key *c = ct_key_by_name("state");
	check(c && c->key == NFT_CT_STATE && c->dtype == &dt_ct_state && !c->directional,
	      "ct state row");
	c = ct_key_by_name("zone");
	check(c && c->directional && c->settable && c->len == 16, "ct zone row");
	c = ct_key_by_name("saddr");
	check(c && c->key == NFT_CT_SRC && c->dtype == NULL, "ct saddr generic");
	const struct ct_key *c4 = ct_key_for_family(c, 2);
	check(c4 && c4->dtype == &dt_ipaddr && c4->len == 32 && ct_key_nfproto(c4) == 2,
	      "ct saddr for ipv4 -> src_ip");
	check(ct_key_by_kernel(c4->key) == c4, "ct_key_by_kernel src_ip");
	const struct ct_key *c6 = ct_key_for_family(ct_key_by_name("daddr"), 10);
	check(c6 && c6->dtype == &dt_ip6addr && ct_key_nfproto(c6) == 10, "ct daddr ipv6");
	check(!ct_key_prints_dir(ct_key_by_name("protocol")) &&
	      ct_key_prints_dir(ct_key_by_name("proto-src")), "ct key direction printing");
	c = ct_key_by_name("id");
	check(c && c->byteorder == BYTEORDER_BIG, "ct id big-endian");
	c = ct_key_by_name("mark");
	check(c && !c->directional && c->settable, "ct mark not directional");
	/* -d netlink names: libnftnl's where they differ from nft's keyword */
	check(strcmp(meta_key_vm_name(NFT_META_LEN), "len") == 0 &&
	      strcmp(meta_key_vm_name(NFT_META_MARK), "mark") == 0 &&
	      strcmp(meta_key_vm_name(NFT_META_BRI_IIFVPROTO), "bri_iifvproto") == 0 &&
	      !meta_key_vm_name(9999), "meta key -d netlink names");
	check(strcmp(ct_key_vm_name(NFT_CT_PROTO_SRC), "proto_src") == 0 &&
	      strcmp(ct_key_vm_name(NFT_CT_SRC_IP6), "src_ip6") == 0 &&
	      strcmp(ct_key_vm_name(NFT_CT_STATE), "state") == 0 &&
	      !ct_key_vm_name(9999), "ct key -d netlink names");
}

/* Every name of every row is found by name and back by value (tables built by
 * SYMBOLS end where they should), and -n lists the number instead. */
static void test_symbol_tables(void)
{
	static const struct print_opts numeric = { .numeric = true };
	int ok = 1, rows = 0;
	for (const struct datatype *const *p = datatype_all; *p; p++) {
		const struct datatype *dt = *p;
		if (!dt->symbols)
			continue;
		rows++;
		for (const struct symbol *s = dt->symbols; s->name; s++) {
			const struct symbol *n = symbol_by_name(dt->symbols, s->name);
			const struct symbol *v = symbol_by_value(dt->symbols, s->value);
			if (!n || n->value != s->value || !v || v->value != s->value) {
				printf("# %s: %s\n", dt->name, s->name);
				ok = 0;
			}
		}
	}
	check(ok && rows >= 25, "every symbol table round-trips its names");
	rt(&dt_arpop, "reply", "reply");
	rt_opts(&dt_arpop, "reply", 0, "2", &numeric);
	rt(&dt_ct_state, "established", "established");
	rt(&dt_time_day, "Monday", "\"Monday\"");
	rt_opts(&dt_time_day, "Monday", 0, "1", &numeric);
	rt(&dt_dscp, "cs1", "cs1");
	rt_opts(&dt_dscp, "cs1", 0, "0x08", &numeric);
}

/* IPv6 extension headers that share a field table keep their own descriptor. */
static void test_exthdr_tables(void)
{
	const struct exthdr_desc *hbh = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "hbh");
	const struct exthdr_desc *dst = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "dst");
	check(hbh && dst && hbh->type == 0 && dst->type == 60 &&
	      exthdr_field_at(dst, 8, 8) && !strcmp(exthdr_field_at(dst, 8, 8)->name, "hdrlength"),
	      "exthdr hbh and dst: own type, common fields");
	const struct exthdr_desc *rt0 = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "rt0");
	const struct exthdr_desc *rt2 = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "rt2");
	uint32_t off = 0;
	check(rt0 && exthdr_field(rt0, "addr[2]", &off) && off == 64 + 128,
	      "exthdr rt0 addr[2] strides");
	check(rt2 && rt2->subtype == 2 && exthdr_field(rt2, "addr", &off) && off == 64 &&
	      !exthdr_field(rt2, "addr[2]", NULL), "exthdr rt2 addr has no array");
	const struct exthdr_desc *mh = exthdr_desc_by_name(NFT_EXTHDR_OP_IPV6, "mh");
	check(mh && exthdr_field_at(mh, 0, 8) && exthdr_field(mh, "checksum", NULL),
	      "exthdr mh starts with nexthdr");
}

int main(void)
{
	setenv("TZ", "UTC-2", 1);
	tzset();
	test_basic();
	test_inet();
	test_icmp();
	test_ct();
	test_meta();
	test_lookups();
	test_proto();
	test_keys();
	test_symbol_tables();
	test_exthdr_tables();
	printf("%d passed, %d failed\n", n_test - n_fail, n_fail);
	return n_fail != 0;
}
