/* Kernel nf_tables constants newer than the installed linux-libc-dev headers.
 * Values are the kernel's UAPI numbers; each is only defined when missing. */
#ifndef NFTC_NFT_MISSING_H
#define NFTC_NFT_MISSING_H
#include <linux/netfilter/nf_tables.h>

/* bitwise with a second source register (kernel 6.13) */
#ifndef NFTA_BITWISE_SREG2
#define NFTA_BITWISE_SREG2 8
#endif
#ifndef NFT_BITWISE_AND
#define NFT_BITWISE_AND 3
#define NFT_BITWISE_OR 4
#define NFT_BITWISE_XOR 5
#endif

/* payload base of tunnel headers (kernel 6.2) */
#ifndef NFT_PAYLOAD_TUN_HEADER
#define NFT_PAYLOAD_TUN_HEADER 4
#endif

/* meta key for bridge "broute" (kernel 6.3) */
#ifndef NFT_META_BRI_BROUTE
#define NFT_META_BRI_BROUTE 35
#endif

/* inner expression (kernel 6.2) */
#ifndef NFTA_INNER_NUM
#define NFTA_INNER_UNSPEC 0
#define NFTA_INNER_NUM 1
#define NFTA_INNER_TYPE 2
#define NFTA_INNER_FLAGS 3
#define NFTA_INNER_HDRSIZE 4
#define NFTA_INNER_EXPR 5
#define NFTA_INNER_MAX 5
#endif

/* flow_offload expression */
#ifndef NFTA_FLOW_TABLE_NAME
#define NFTA_FLOW_TABLE_NAME 1
#endif

#endif
