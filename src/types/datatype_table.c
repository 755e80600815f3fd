/* The list of all datatype rows, for lookups by id (set key types) and by name
 * (`type ipv4_addr` in set declarations). Rows with the same name resolve to the
 * first listed (relative `time` before the reception-date `time`). */
#include "dt_impl.h"

const struct datatype *const datatype_all[] = {
	&dt_invalid, &dt_verdict, &dt_nfproto, &dt_bitmask, &dt_integer, &dt_string,
	&dt_lladdr, &dt_ipaddr, &dt_ip6addr, &dt_etheraddr, &dt_ethertype, &dt_arpop,
	&dt_inet_protocol, &dt_inet_service, &dt_icmp_type, &dt_tcp_flag,
	&dt_dccp_pkttype, &dt_mh_type, &dt_time, &dt_mark, &dt_ifindex, &dt_arphrd,
	&dt_realm, &dt_classid, &dt_uid, &dt_gid, &dt_ct_state, &dt_ct_dir,
	&dt_ct_status, &dt_icmp6_type, &dt_ct_label, &dt_pkttype, &dt_icmp_code,
	&dt_icmpv6_code, &dt_icmpx_code, &dt_devgroup, &dt_dscp, &dt_ecn, &dt_fib_addr,
	&dt_boolean, &dt_ct_eventbit, &dt_ifname, &dt_igmp_type, &dt_time_date,
	&dt_time_hour, &dt_time_day, &dt_cgroupv2,
	&dt_ct_id, &dt_tcpopt_kind, &dt_mptcp_subtype,
	NULL,
};
