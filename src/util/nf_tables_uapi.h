/* The nf_tables constants nftc uses that the installed UAPI headers (linux-libc-dev)
 * may lack: one place for all of them, each with the kernel's value. configure
 * tells which the installed headers declare (HAVE_DECL_*); only the missing ones are
 * defined here, and tests/unit/uapi_test.c checks every value against the headers
 * that have it. A name the preprocessor cannot see (an enum constant) is never
 * guarded with #ifndef: that guard is always true. */
#ifndef NFTC_NF_TABLES_UAPI_H
#define NFTC_NF_TABLES_UAPI_H
#include <linux/netfilter/nf_tables.h>

/* X(name, the kernel's value): every constant of this header, for the unit test */
#define NFTC_UAPI_CONSTANTS(X) \
	X(NFT_CT_SRC_IP, 19) X(NFT_CT_DST_IP, 20) X(NFT_CT_SRC_IP6, 21) \
	X(NFT_CT_DST_IP6, 22) X(NFT_CT_ID, 23) \
	X(NFT_META_BRI_BROUTE, 35) \
	X(NFT_SOCKET_CGROUPV2, 3) \
	X(NFT_SET_CONCAT, 0x80) \
	X(NFT_SET_ELEM_CATCHALL, 0x2) \
	X(NFT_LOGLEVEL_AUDIT, 8) \
	X(NFT_EXTHDR_OP_SCTP, 3) X(NFT_EXTHDR_OP_DCCP, 4) \
	X(NFTA_FLOW_TABLE_NAME, 1) \
	X(NFTA_BITWISE_SREG2, 8) \
	X(NFT_BITWISE_AND, 3) X(NFT_BITWISE_OR, 4) X(NFT_BITWISE_XOR, 5) \
	X(NFT_PAYLOAD_TUN_HEADER, 4) \
	X(NFTA_INNER_UNSPEC, 0) X(NFTA_INNER_NUM, 1) X(NFTA_INNER_TYPE, 2) \
	X(NFTA_INNER_FLAGS, 3) X(NFTA_INNER_HDRSIZE, 4) X(NFTA_INNER_EXPR, 5) \
	X(NFT_MSG_GETRULE_RESET, 25) X(NFTA_SET_TYPE, 19) X(NFTA_SET_COUNT, 20)

/* a set's backend and its number of elements, in set dumps (6.16) */
#if !HAVE_DECL_NFTA_SET_COUNT
#define NFTA_SET_TYPE 19
#define NFTA_SET_COUNT 20
#endif
/* dump rules and zero their counters and quotas (6.4) */
#if !HAVE_DECL_NFT_MSG_GETRULE_RESET
#define NFT_MSG_GETRULE_RESET 25
#endif
/* conntrack addresses by family (kernel 4.17) and the conntrack id (5.1) */
#if !HAVE_DECL_NFT_CT_SRC_IP
#define NFT_CT_SRC_IP 19
#define NFT_CT_DST_IP 20
#define NFT_CT_SRC_IP6 21
#define NFT_CT_DST_IP6 22
#endif
#if !HAVE_DECL_NFT_CT_ID
#define NFT_CT_ID 23
#endif
/* bridge broute (6.3) */
#if !HAVE_DECL_NFT_META_BRI_BROUTE
#define NFT_META_BRI_BROUTE 35
#endif
/* socket cgroupv2 (5.13) */
#if !HAVE_DECL_NFT_SOCKET_CGROUPV2
#define NFT_SOCKET_CGROUPV2 3
#endif
/* set flags and the catch-all element (5.6, 5.13) */
#if !HAVE_DECL_NFT_SET_CONCAT
#define NFT_SET_CONCAT 0x80
#endif
#if !HAVE_DECL_NFT_SET_ELEM_CATCHALL
#define NFT_SET_ELEM_CATCHALL 0x2
#endif
/* log level audit (5.3) */
#if !HAVE_DECL_NFT_LOGLEVEL_AUDIT
#define NFT_LOGLEVEL_AUDIT 8
#endif
/* sctp chunks (5.14), dccp options (6.2) */
#if !HAVE_DECL_NFT_EXTHDR_OP_SCTP
#define NFT_EXTHDR_OP_SCTP 3
#endif
#if !HAVE_DECL_NFT_EXTHDR_OP_DCCP
#define NFT_EXTHDR_OP_DCCP 4
#endif
/* flow_offload's table name */
#if !HAVE_DECL_NFTA_FLOW_TABLE_NAME
#define NFTA_FLOW_TABLE_NAME 1
#endif
/* bitwise with a second source register and its boolean operations (6.13) */
#if !HAVE_DECL_NFTA_BITWISE_SREG2
#define NFTA_BITWISE_SREG2 8
#endif
#if !HAVE_DECL_NFT_BITWISE_AND
#define NFT_BITWISE_AND 3
#define NFT_BITWISE_OR 4
#define NFT_BITWISE_XOR 5
#endif
/* the payload base of tunnel headers, and the inner expression (6.2) */
#if !HAVE_DECL_NFT_PAYLOAD_TUN_HEADER
#define NFT_PAYLOAD_TUN_HEADER 4
#endif
#if !HAVE_DECL_NFTA_INNER_NUM
#define NFTA_INNER_UNSPEC 0
#define NFTA_INNER_NUM 1
#define NFTA_INNER_TYPE 2
#define NFTA_INNER_FLAGS 3
#define NFTA_INNER_HDRSIZE 4
#define NFTA_INNER_EXPR 5
#define NFTA_INNER_MAX 5
#endif
#endif
