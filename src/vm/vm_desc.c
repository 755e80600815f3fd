/* The expression table: one row per nf_tables expression with its kernel name,
 * highest attribute number and each attribute's wire type, as the kernel's
 * netlink policy declares them (nf_tables.h, net/netfilter/nft_*.c). The codec
 * and the printer read this table instead of knowing expressions themselves. */
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include "vm.h"
#include "../util/nf_tables_uapi.h"
#include "vm_print_int.h"

#define A(attr, t) [attr] = { #attr, t, 0 }
/* A length in bytes of data bound for registers: never more than all 16 of them hold. */
#define LEN(attr) [attr] = { #attr, VA_U32, VM_DATA_MAX }

const struct vm_desc vm_descs[VM_KIND_MAX] = {
	[VM_PAYLOAD] = { VM_PAYLOAD, "payload", NFTA_PAYLOAD_CSUM_FLAGS, {
		A(NFTA_PAYLOAD_DREG, VA_U32), A(NFTA_PAYLOAD_BASE, VA_U32),
		[NFTA_PAYLOAD_OFFSET] = { "NFTA_PAYLOAD_OFFSET", VA_U32, 0xffff }, LEN(NFTA_PAYLOAD_LEN),
		A(NFTA_PAYLOAD_SREG, VA_U32), A(NFTA_PAYLOAD_CSUM_TYPE, VA_U32),
		A(NFTA_PAYLOAD_CSUM_OFFSET, VA_U32), A(NFTA_PAYLOAD_CSUM_FLAGS, VA_U32) },
		vm_print_payload },
	[VM_CMP] = { VM_CMP, "cmp", NFTA_CMP_DATA, {
		A(NFTA_CMP_SREG, VA_U32), A(NFTA_CMP_OP, VA_U32), A(NFTA_CMP_DATA, VA_DATA) },
		vm_print_cmp },
	[VM_BITWISE] = { VM_BITWISE, "bitwise", NFTA_BITWISE_SREG2, {
		A(NFTA_BITWISE_SREG, VA_U32), A(NFTA_BITWISE_DREG, VA_U32),
		LEN(NFTA_BITWISE_LEN), A(NFTA_BITWISE_MASK, VA_DATA),
		A(NFTA_BITWISE_XOR, VA_DATA), A(NFTA_BITWISE_OP, VA_U32),
		A(NFTA_BITWISE_DATA, VA_DATA), A(NFTA_BITWISE_SREG2, VA_U32) },
		vm_print_bitwise },
	[VM_BYTEORDER] = { VM_BYTEORDER, "byteorder", NFTA_BYTEORDER_SIZE, {
		A(NFTA_BYTEORDER_SREG, VA_U32), A(NFTA_BYTEORDER_DREG, VA_U32),
		A(NFTA_BYTEORDER_OP, VA_U32), LEN(NFTA_BYTEORDER_LEN),
		[NFTA_BYTEORDER_SIZE] = { "NFTA_BYTEORDER_SIZE", VA_U32, 8 } },
		vm_print_byteorder },
	[VM_META] = { VM_META, "meta", NFTA_META_SREG, {
		A(NFTA_META_DREG, VA_U32), A(NFTA_META_KEY, VA_U32), A(NFTA_META_SREG, VA_U32) },
		vm_print_meta },
	[VM_CT] = { VM_CT, "ct", NFTA_CT_SREG, {
		A(NFTA_CT_DREG, VA_U32), A(NFTA_CT_KEY, VA_U32),
		A(NFTA_CT_DIRECTION, VA_U8), A(NFTA_CT_SREG, VA_U32) },
		vm_print_ct },
	[VM_IMMEDIATE] = { VM_IMMEDIATE, "immediate", NFTA_IMMEDIATE_DATA, {
		A(NFTA_IMMEDIATE_DREG, VA_U32), A(NFTA_IMMEDIATE_DATA, VA_DATA_VERDICT) },
		vm_print_immediate },
	[VM_LOOKUP] = { VM_LOOKUP, "lookup", NFTA_LOOKUP_FLAGS, {
		A(NFTA_LOOKUP_SET, VA_STR), A(NFTA_LOOKUP_SREG, VA_U32),
		A(NFTA_LOOKUP_DREG, VA_U32), A(NFTA_LOOKUP_SET_ID, VA_U32),
		A(NFTA_LOOKUP_FLAGS, VA_U32) },
		vm_print_lookup },
	[VM_RANGE] = { VM_RANGE, "range", NFTA_RANGE_TO_DATA, {
		A(NFTA_RANGE_SREG, VA_U32), A(NFTA_RANGE_OP, VA_U32),
		A(NFTA_RANGE_FROM_DATA, VA_DATA), A(NFTA_RANGE_TO_DATA, VA_DATA) },
		vm_print_range },
	[VM_COUNTER] = { VM_COUNTER, "counter", NFTA_COUNTER_PAD, {
		A(NFTA_COUNTER_BYTES, VA_U64), A(NFTA_COUNTER_PACKETS, VA_U64) },
		vm_print_counter },
	[VM_LOG] = { VM_LOG, "log", NFTA_LOG_FLAGS, {
		A(NFTA_LOG_GROUP, VA_U16), A(NFTA_LOG_PREFIX, VA_STR),
		A(NFTA_LOG_SNAPLEN, VA_U32), A(NFTA_LOG_QTHRESHOLD, VA_U16),
		A(NFTA_LOG_LEVEL, VA_U32), A(NFTA_LOG_FLAGS, VA_U32) },
		vm_print_log },
	[VM_LIMIT] = { VM_LIMIT, "limit", NFTA_LIMIT_PAD, {
		A(NFTA_LIMIT_RATE, VA_U64), A(NFTA_LIMIT_UNIT, VA_U64),
		A(NFTA_LIMIT_BURST, VA_U32), A(NFTA_LIMIT_TYPE, VA_U32),
		A(NFTA_LIMIT_FLAGS, VA_U32) },
		vm_print_limit },
	[VM_NAT] = { VM_NAT, "nat", NFTA_NAT_FLAGS, {
		A(NFTA_NAT_TYPE, VA_U32), A(NFTA_NAT_FAMILY, VA_U32),
		A(NFTA_NAT_REG_ADDR_MIN, VA_U32), A(NFTA_NAT_REG_ADDR_MAX, VA_U32),
		A(NFTA_NAT_REG_PROTO_MIN, VA_U32), A(NFTA_NAT_REG_PROTO_MAX, VA_U32),
		A(NFTA_NAT_FLAGS, VA_U32) },
		vm_print_nat },
	[VM_MASQ] = { VM_MASQ, "masq", NFTA_MASQ_REG_PROTO_MAX, {
		A(NFTA_MASQ_FLAGS, VA_U32), A(NFTA_MASQ_REG_PROTO_MIN, VA_U32),
		A(NFTA_MASQ_REG_PROTO_MAX, VA_U32) },
		vm_print_masq },
	[VM_REDIR] = { VM_REDIR, "redir", NFTA_REDIR_FLAGS, {
		A(NFTA_REDIR_REG_PROTO_MIN, VA_U32), A(NFTA_REDIR_REG_PROTO_MAX, VA_U32),
		A(NFTA_REDIR_FLAGS, VA_U32) },
		vm_print_redir },
	[VM_REJECT] = { VM_REJECT, "reject", NFTA_REJECT_ICMP_CODE, {
		A(NFTA_REJECT_TYPE, VA_U32), A(NFTA_REJECT_ICMP_CODE, VA_U8) },
		vm_print_reject },
	[VM_DYNSET] = { VM_DYNSET, "dynset", NFTA_DYNSET_EXPRESSIONS, {
		A(NFTA_DYNSET_SET_NAME, VA_STR), A(NFTA_DYNSET_SET_ID, VA_U32),
		A(NFTA_DYNSET_OP, VA_U32), A(NFTA_DYNSET_SREG_KEY, VA_U32),
		A(NFTA_DYNSET_SREG_DATA, VA_U32), A(NFTA_DYNSET_TIMEOUT, VA_U64),
		A(NFTA_DYNSET_EXPR, VA_EXPR), A(NFTA_DYNSET_FLAGS, VA_U32),
		A(NFTA_DYNSET_EXPRESSIONS, VA_EXPRS) },
		vm_print_dynset },
	[VM_EXTHDR] = { VM_EXTHDR, "exthdr", NFTA_EXTHDR_SREG, {
		A(NFTA_EXTHDR_DREG, VA_U32), A(NFTA_EXTHDR_TYPE, VA_U8),
		[NFTA_EXTHDR_OFFSET] = { "NFTA_EXTHDR_OFFSET", VA_U32, 0xffff }, LEN(NFTA_EXTHDR_LEN),
		A(NFTA_EXTHDR_FLAGS, VA_U32), A(NFTA_EXTHDR_OP, VA_U32),
		A(NFTA_EXTHDR_SREG, VA_U32) },
		vm_print_exthdr },
	[VM_RT] = { VM_RT, "rt", NFTA_RT_KEY, {
		A(NFTA_RT_DREG, VA_U32), A(NFTA_RT_KEY, VA_U32) },
		vm_print_rt },
	[VM_FIB] = { VM_FIB, "fib", NFTA_FIB_FLAGS, {
		A(NFTA_FIB_DREG, VA_U32), A(NFTA_FIB_RESULT, VA_U32), A(NFTA_FIB_FLAGS, VA_U32) },
		vm_print_fib },
	[VM_NUMGEN] = { VM_NUMGEN, "numgen", NFTA_NG_OFFSET, {
		A(NFTA_NG_DREG, VA_U32), A(NFTA_NG_MODULUS, VA_U32),
		A(NFTA_NG_TYPE, VA_U32), A(NFTA_NG_OFFSET, VA_U32) },
		vm_print_numgen },
	[VM_HASH] = { VM_HASH, "hash", NFTA_HASH_TYPE, {
		A(NFTA_HASH_SREG, VA_U32), A(NFTA_HASH_DREG, VA_U32),
		LEN(NFTA_HASH_LEN), A(NFTA_HASH_MODULUS, VA_U32),
		A(NFTA_HASH_SEED, VA_U32), A(NFTA_HASH_OFFSET, VA_U32),
		A(NFTA_HASH_TYPE, VA_U32) },
		vm_print_hash },
	[VM_QUEUE] = { VM_QUEUE, "queue", NFTA_QUEUE_SREG_QNUM, {
		A(NFTA_QUEUE_NUM, VA_U16), A(NFTA_QUEUE_TOTAL, VA_U16),
		A(NFTA_QUEUE_FLAGS, VA_U16), A(NFTA_QUEUE_SREG_QNUM, VA_U32) },
		vm_print_queue },
	[VM_QUOTA] = { VM_QUOTA, "quota", NFTA_QUOTA_CONSUMED, {
		A(NFTA_QUOTA_BYTES, VA_U64), A(NFTA_QUOTA_FLAGS, VA_U32),
		A(NFTA_QUOTA_CONSUMED, VA_U64) },
		vm_print_quota },
	[VM_NOTRACK] = { VM_NOTRACK, "notrack", 0, { { 0 } }, vm_print_notrack },
	[VM_OBJREF] = { VM_OBJREF, "objref", NFTA_OBJREF_SET_ID, {
		A(NFTA_OBJREF_IMM_TYPE, VA_U32), A(NFTA_OBJREF_IMM_NAME, VA_STR),
		A(NFTA_OBJREF_SET_SREG, VA_U32), A(NFTA_OBJREF_SET_NAME, VA_STR),
		A(NFTA_OBJREF_SET_ID, VA_U32) },
		vm_print_objref },
	[VM_CONNLIMIT] = { VM_CONNLIMIT, "connlimit", NFTA_CONNLIMIT_FLAGS, {
		A(NFTA_CONNLIMIT_COUNT, VA_U32), A(NFTA_CONNLIMIT_FLAGS, VA_U32) },
		vm_print_connlimit },
	[VM_LAST] = { VM_LAST, "last", NFTA_LAST_PAD, {
		A(NFTA_LAST_SET, VA_U32), A(NFTA_LAST_MSECS, VA_U64) },
		vm_print_last },
	[VM_SOCKET] = { VM_SOCKET, "socket", NFTA_SOCKET_LEVEL, {
		A(NFTA_SOCKET_KEY, VA_U32), A(NFTA_SOCKET_DREG, VA_U32),
		A(NFTA_SOCKET_LEVEL, VA_U32) },
		vm_print_socket },
	[VM_TPROXY] = { VM_TPROXY, "tproxy", NFTA_TPROXY_REG_PORT, {
		A(NFTA_TPROXY_FAMILY, VA_U32), A(NFTA_TPROXY_REG_ADDR, VA_U32),
		A(NFTA_TPROXY_REG_PORT, VA_U32) },
		vm_print_tproxy },
	[VM_DUP] = { VM_DUP, "dup", NFTA_DUP_SREG_DEV, {
		A(NFTA_DUP_SREG_ADDR, VA_U32), A(NFTA_DUP_SREG_DEV, VA_U32) },
		vm_print_dup },
	[VM_FWD] = { VM_FWD, "fwd", NFTA_FWD_NFPROTO, {
		A(NFTA_FWD_SREG_DEV, VA_U32), A(NFTA_FWD_SREG_ADDR, VA_U32),
		A(NFTA_FWD_NFPROTO, VA_U32) },
		vm_print_fwd },
	[VM_SYNPROXY] = { VM_SYNPROXY, "synproxy", NFTA_SYNPROXY_FLAGS, {
		A(NFTA_SYNPROXY_MSS, VA_U16), A(NFTA_SYNPROXY_WSCALE, VA_U8),
		A(NFTA_SYNPROXY_FLAGS, VA_U32) },
		vm_print_synproxy },
	[VM_XFRM] = { VM_XFRM, "xfrm", NFTA_XFRM_SPNUM, {
		A(NFTA_XFRM_DREG, VA_U32), A(NFTA_XFRM_KEY, VA_U32),
		A(NFTA_XFRM_DIR, VA_U8), A(NFTA_XFRM_SPNUM, VA_U32) },
		vm_print_xfrm },
	[VM_OSF] = { VM_OSF, "osf", NFTA_OSF_FLAGS, {
		A(NFTA_OSF_DREG, VA_U32), A(NFTA_OSF_TTL, VA_U8), A(NFTA_OSF_FLAGS, VA_U32) },
		vm_print_osf },
	[VM_FLOW_OFFLOAD] = { VM_FLOW_OFFLOAD, "flow_offload", NFTA_FLOW_TABLE_NAME, {
		A(NFTA_FLOW_TABLE_NAME, VA_STR) },
		vm_print_flow_offload },
	[VM_INNER] = { VM_INNER, "inner", NFTA_INNER_EXPR, {
		A(NFTA_INNER_NUM, VA_U32), A(NFTA_INNER_TYPE, VA_U32),
		A(NFTA_INNER_FLAGS, VA_U32), A(NFTA_INNER_HDRSIZE, VA_U32),
		A(NFTA_INNER_EXPR, VA_EXPR) },
		vm_print_inner },
};

const struct vm_desc *vm_desc_by_name(const char *name, uint32_t len)
{
	for (unsigned k = VM_INVALID + 1; k < VM_KIND_MAX; k++) {
		const char *n = vm_descs[k].name;
		if (n && strlen(n) == len && memcmp(n, name, len) == 0)
			return &vm_descs[k];
	}
	return NULL;
}
