/* The numbers of nft's userdata TLVs (libnftnl's NFTNL_UDATA_*): what nft stores in a
 * table's, chain's, rule's, set's, element's or object's NFTA_*_USERDATA, read and
 * written by eval (udata.c, udata_typeof.c), lift and the set cache alike. */
#ifndef NFTC_UDATA_ATTRS_H
#define NFTC_UDATA_ATTRS_H

/* the comment of a table, chain, rule, element or object */
#define UDATA_COMMENT 0

/* sets (NFTNL_UDATA_SET_*) */
enum udata_set_type {
	UDATA_SET_KEYBYTEORDER = 0,
	UDATA_SET_DATABYTEORDER = 1,
	UDATA_SET_MERGE_ELEMENTS = 2,
	UDATA_SET_KEY_TYPEOF = 3,
	UDATA_SET_DATA_TYPEOF = 4,
	UDATA_SET_EXPR = 5,
	UDATA_SET_DATA_INTERVAL = 6,
	UDATA_SET_COMMENT = 7,
};

/* byte order values of UDATA_SET_KEYBYTEORDER / DATABYTEORDER */
enum { UDATA_BYTEORDER_HOST = 1, UDATA_BYTEORDER_BIG = 2 };

/* elements (NFTNL_UDATA_SET_ELEM_*): the comment is UDATA_COMMENT */
#define UDATA_ELEM_FLAGS 1
#define UDATA_ELEM_F_INTERVAL_OPEN 1

/* inside KEY_TYPEOF / DATA_TYPEOF: the expression kind and its attributes */
enum udata_typeof_type {
	UDATA_TYPEOF_EXPR = 0,   /* u32: nft's expression kind id */
	UDATA_TYPEOF_DATA = 1,   /* nest: kind-specific attributes */
};

/* nft's expression kind ids, as stored in UDATA_TYPEOF_EXPR */
enum udata_expr_id {
	UDATA_EXPR_PAYLOAD = 7, UDATA_EXPR_EXTHDR = 8, UDATA_EXPR_META = 9,
	UDATA_EXPR_SOCKET = 10, UDATA_EXPR_OSF = 11, UDATA_EXPR_CT = 12,
	UDATA_EXPR_CONCAT = 13, UDATA_EXPR_NUMGEN = 23, UDATA_EXPR_RT = 25,
	UDATA_EXPR_FIB = 26, UDATA_EXPR_XFRM = 27,
};

/* the attributes inside a payload's UDATA_TYPEOF_DATA */
enum { UDATA_PAYLOAD_DESC, UDATA_PAYLOAD_TYPE, UDATA_PAYLOAD_BASE, UDATA_PAYLOAD_OFFSET,
       UDATA_PAYLOAD_LEN, UDATA_PAYLOAD_INNER_DESC /* the tunnel of `vxlan ip saddr` */ };
/* ... of a meta (its key), a ct (key, direction) */
enum { UDATA_META_KEY = 0 };
enum { UDATA_CT_KEY = 0, UDATA_CT_DIR = 1 };
/* ... of an extension header, option or chunk (OP absent: an IPv6 header) */
enum { UDATA_EXTHDR_DESC = 0, UDATA_EXTHDR_TYPE = 1, UDATA_EXTHDR_OP = 2 };
/* ... of an ipsec (xfrm) key */
enum { UDATA_XFRM_KEY = 0, UDATA_XFRM_SPNUM = 1, UDATA_XFRM_DIR = 2 };

#endif
