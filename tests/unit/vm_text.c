/* Test helper: parse `nft -d netlink` expression text back into VM expressions
 * (the inverse of vm_print_expr, for the forms the conformance payloads use). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include "vm_text.h"

#define MAXTOK 96

struct name_num { const char *name; uint32_t num; };

static const struct name_num meta_names[] = {
	{ "len", NFT_META_LEN }, { "protocol", NFT_META_PROTOCOL },
	{ "priority", NFT_META_PRIORITY }, { "mark", NFT_META_MARK }, { "iif", NFT_META_IIF },
	{ "oif", NFT_META_OIF }, { "iifname", NFT_META_IIFNAME }, { "oifname", NFT_META_OIFNAME },
	{ "iiftype", NFT_META_IIFTYPE }, { "oiftype", NFT_META_OIFTYPE },
	{ "skuid", NFT_META_SKUID }, { "skgid", NFT_META_SKGID }, { "nftrace", NFT_META_NFTRACE },
	{ "rtclassid", NFT_META_RTCLASSID }, { "secmark", NFT_META_SECMARK },
	{ "nfproto", NFT_META_NFPROTO }, { "l4proto", NFT_META_L4PROTO },
	{ "bri_iifname", NFT_META_BRI_IIFNAME }, { "bri_oifname", NFT_META_BRI_OIFNAME },
	{ "pkttype", NFT_META_PKTTYPE }, { "cpu", NFT_META_CPU }, { "iifgroup", NFT_META_IIFGROUP },
	{ "oifgroup", NFT_META_OIFGROUP }, { "cgroup", NFT_META_CGROUP },
	{ "prandom", NFT_META_PRANDOM }, { "secpath", NFT_META_SECPATH },
	{ "iifkind", NFT_META_IIFKIND }, { "oifkind", NFT_META_OIFKIND },
	{ "time", NFT_META_TIME_NS }, { "day", NFT_META_TIME_DAY }, { "hour", NFT_META_TIME_HOUR },
	{ "sdif", NFT_META_SDIF }, { "sdifname", NFT_META_SDIFNAME }, { NULL, 0 },
};
static const struct name_num ct_names[] = {
	{ "state", NFT_CT_STATE }, { "direction", NFT_CT_DIRECTION }, { "status", NFT_CT_STATUS },
	{ "mark", NFT_CT_MARK }, { "secmark", NFT_CT_SECMARK }, { "expiration", NFT_CT_EXPIRATION },
	{ "helper", NFT_CT_HELPER }, { "l3protocol", NFT_CT_L3PROTOCOL }, { "src", NFT_CT_SRC },
	{ "dst", NFT_CT_DST }, { "protocol", NFT_CT_PROTOCOL }, { "proto_src", NFT_CT_PROTO_SRC },
	{ "proto_dst", NFT_CT_PROTO_DST }, { "label", NFT_CT_LABELS }, { "packets", NFT_CT_PKTS },
	{ "bytes", NFT_CT_BYTES }, { "avgpkt", NFT_CT_AVGPKT }, { "zone", NFT_CT_ZONE },
	{ "event", NFT_CT_EVENTMASK }, { "src_ip", NFT_CT_SRC_IP }, { "dst_ip", NFT_CT_DST_IP },
	{ "src_ip6", NFT_CT_SRC_IP6 }, { "dst_ip6", NFT_CT_DST_IP6 }, { "id", NFT_CT_ID },
	{ NULL, 0 },
};
static const struct name_num cmp_names[] = {
	{ "eq", NFT_CMP_EQ }, { "neq", NFT_CMP_NEQ }, { "lt", NFT_CMP_LT }, { "lte", NFT_CMP_LTE },
	{ "gt", NFT_CMP_GT }, { "gte", NFT_CMP_GTE }, { NULL, 0 },
};
static const struct name_num base_names[] = {
	{ "link", 0 }, { "network", 1 }, { "transport", 2 }, { "inner", 3 }, { NULL, 0 },
};
static const struct name_num verdict_names[] = {
	{ "accept", NF_ACCEPT }, { "drop", NF_DROP }, { "continue", (uint32_t)NFT_CONTINUE },
	{ "return", (uint32_t)NFT_RETURN }, { "jump", (uint32_t)NFT_JUMP },
	{ "goto", (uint32_t)NFT_GOTO }, { "queue", NF_QUEUE }, { "stolen", NF_STOLEN },
	{ "break", (uint32_t)NFT_BREAK }, { NULL, 0 },
};
static const struct name_num log_flag_names[] = {
	{ "tcpseq", NF_LOG_TCPSEQ }, { "tcpopt", NF_LOG_TCPOPT }, { "ipopt", NF_LOG_IPOPT },
	{ "uid", NF_LOG_UID }, { "macdecode", NF_LOG_MACDECODE }, { NULL, 0 },
};
static const struct name_num unit_names[] = {
	{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 }, { "week", 604800 },
	{ NULL, 0 },
};

static int lookup(const struct name_num *t, const char *s, uint32_t *out)
{
	for (; t->name; t++)
		if (!strcmp(t->name, s)) {
			*out = t->num;
			return 0;
		}
	return -1;
}

static uint64_t num(const char *s)
{
	return strtoull(s, NULL, 0);
}

uint32_t vm_text_words(const char *const *tok, uint32_t ntok, uint8_t *out, uint32_t cap)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < ntok && n + 4 <= cap; i++) {
		if (strncmp(tok[i], "0x", 2))
			break;
		uint32_t w = (uint32_t)strtoul(tok[i], NULL, 16);
		memcpy(out + n, &w, 4);
		n += 4;
	}
	return n;
}

static uint32_t count_words(char **tok, uint32_t ntok)
{
	uint32_t n = 0;
	while (n < ntok && !strncmp(tok[n], "0x", 2))
		n++;
	return n;
}

static void set_words(struct arena *a, struct vm_expr *e, unsigned attr, char **tok, uint32_t n)
{
	uint8_t buf[VM_DATA_MAX];
	uint32_t len = vm_text_words((const char *const *)tok, n, buf, sizeof(buf));
	vm_set_data(a, e, attr, buf, len);
}

/* index of token `s` at or after i, or -1 */
static int find(char **tok, uint32_t ntok, uint32_t i, const char *s)
{
	for (; i < ntok; i++)
		if (!strcmp(tok[i], s))
			return (int)i;
	return -1;
}

static uint64_t opt_u(char **tok, uint32_t ntok, const char *key, bool *found)
{
	int i = find(tok, ntok, 0, key);
	*found = i >= 0 && (uint32_t)i + 1 < ntok;
	return *found ? num(tok[i + 1]) : 0;
}

/* "reg N" after keyword `key` */
static void opt_reg(struct vm_expr *e, unsigned attr, char **tok, uint32_t ntok, const char *key)
{
	int i = find(tok, ntok, 0, key);
	if (i >= 0 && (uint32_t)i + 2 < ntok && !strcmp(tok[i + 1], "reg"))
		vm_set_u(e, attr, num(tok[i + 2]));
}

static int parse_payload(struct arena *a, struct vm_exprs *l, char **t, uint32_t n)
{
	uint32_t base;
	struct vm_expr *e;
	/* payload load 2b @ transport header + 2 => reg 1 */
	if (n >= 10 && !strcmp(t[1], "load")) {
		if (lookup(base_names, t[4], &base))
			return -1;
		e = vm_exprs_add(a, l, VM_PAYLOAD);
		vm_set_u(e, NFTA_PAYLOAD_LEN, num(t[2]));
		vm_set_u(e, NFTA_PAYLOAD_BASE, base);
		vm_set_u(e, NFTA_PAYLOAD_OFFSET, num(t[7]));
		vm_set_u(e, NFTA_PAYLOAD_DREG, num(t[n - 1]));
		return 0;
	}
	/* payload write reg 1 => 2b @ transport header + 2 csum_type 1 csum_off 16 csum_flags 0x0 */
	if (n >= 11 && !strcmp(t[1], "write")) {
		if (lookup(base_names, t[7], &base))
			return -1;
		e = vm_exprs_add(a, l, VM_PAYLOAD);
		vm_set_u(e, NFTA_PAYLOAD_SREG, num(t[3]));
		vm_set_u(e, NFTA_PAYLOAD_LEN, num(t[5]));
		vm_set_u(e, NFTA_PAYLOAD_BASE, base);
		vm_set_u(e, NFTA_PAYLOAD_OFFSET, num(t[10]));
		bool f;
		vm_set_u(e, NFTA_PAYLOAD_CSUM_TYPE, opt_u(t, n, "csum_type", &f));
		vm_set_u(e, NFTA_PAYLOAD_CSUM_OFFSET, opt_u(t, n, "csum_off", &f));
		uint32_t fl = opt_u(t, n, "csum_flags", &f);
		if (f)
			vm_set_u(e, NFTA_PAYLOAD_CSUM_FLAGS, fl);
		return 0;
	}
	return -1;
}

static int parse_meta_ct(struct arena *a, struct vm_exprs *l, char **t, uint32_t n, bool ct)
{
	uint32_t key;
	if (n < 5 || lookup(ct ? ct_names : meta_names, t[2], &key))
		return -1;
	struct vm_expr *e = vm_exprs_add(a, l, ct ? VM_CT : VM_META);
	vm_set_u(e, ct ? NFTA_CT_KEY : NFTA_META_KEY, key);
	/* "meta load mark => reg 1", "ct set mark with reg 1", "ct load src => reg 1 , dir original" */
	if (!strcmp(t[1], "load"))
		vm_set_u(e, ct ? NFTA_CT_DREG : NFTA_META_DREG, num(t[5]));
	else
		vm_set_u(e, ct ? NFTA_CT_SREG : NFTA_META_SREG, num(t[5]));
	int d = find(t, n, 0, "dir");
	if (ct && d >= 0 && (uint32_t)d + 1 < n)
		vm_set_u(e, NFTA_CT_DIRECTION, !strcmp(t[d + 1], "reply"));
	return 0;
}

static void set_verdict_or_words(struct arena *a, struct vm_expr *e, unsigned attr, char **t,
				 uint32_t n)
{
	uint32_t v;
	if (n && !lookup(verdict_names, t[0], &v)) {
		const char *chain = n > 1 ? t[1] : NULL;
		if (chain && !strcmp(chain, "->") && n > 2)
			chain = t[2];
		vm_set_verdict(a, e, attr, (int32_t)v,
			       ((int32_t)v == NFT_JUMP || (int32_t)v == NFT_GOTO) && chain
				       ? arena_strdup(a, chain) : NULL);
		return;
	}
	set_words(a, e, attr, t, count_words(t, n));
}

static int parse_bitwise(struct arena *a, struct vm_exprs *l, char **t, uint32_t n)
{
	/* tokens (parentheses dropped): bitwise reg D = reg S OP operand [^ xor] */
	if (n < 8)
		return -1;
	struct vm_expr *e = vm_exprs_add(a, l, VM_BITWISE);
	vm_set_u(e, NFTA_BITWISE_DREG, num(t[2]));
	vm_set_u(e, NFTA_BITWISE_SREG, num(t[5]));
	const char *op = t[6];
	if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
		vm_set_u(e, NFTA_BITWISE_OP, !strcmp(op, "<<") ? NFT_BITWISE_LSHIFT : NFT_BITWISE_RSHIFT);
		set_words(a, e, NFTA_BITWISE_DATA, t + 7, 1);
		vm_set_u(e, NFTA_BITWISE_LEN, 4);
		return 0;
	}
	if (!strcmp(t[7], "reg") && n >= 9) {
		vm_set_u(e, NFTA_BITWISE_OP, !strcmp(op, "&") ? 3 : !strcmp(op, "|") ? 4 : 5);
		vm_set_u(e, 8 /* NFTA_BITWISE_SREG2 */, num(t[8]));
		vm_set_u(e, NFTA_BITWISE_LEN, 4);
		return 0;
	}
	uint32_t nm = count_words(t + 7, n - 7);
	set_words(a, e, NFTA_BITWISE_MASK, t + 7, nm);
	int x = find(t, n, 7 + nm, "^");
	if (x < 0)
		return -1;
	set_words(a, e, NFTA_BITWISE_XOR, t + x + 1, count_words(t + x + 1, n - x - 1));
	vm_set_u(e, NFTA_BITWISE_LEN, vm_get_data(e, NFTA_BITWISE_MASK)->len);
	vm_set_u(e, NFTA_BITWISE_OP, NFT_BITWISE_MASK_XOR);
	return 0;
}

static int parse_log(struct arena *a, struct vm_exprs *l, const char *body)
{
	struct vm_expr *e = vm_exprs_add(a, l, VM_LOG);
	const char *p = body + 3;
	while (*p == ' ')
		p++;
	if (!strncmp(p, "prefix ", 7)) {
		p += 7;
		const char *end = strstr(p, " group ");
		const char *lvl = strstr(p, " level ");
		if (!end || (lvl && lvl < end))
			end = lvl;
		if (!end)
			end = p + strlen(p);
		vm_set_str(e, NFTA_LOG_PREFIX, arena_strndup(a, p, end - p));
		p = end;
	}
	char buf[256];
	snprintf(buf, sizeof(buf), "%.255s", p);   /* words past 255 bytes are not flags */
	char *save = NULL;
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		uint32_t f;
		char *v;
		if (!strcmp(w, "group") && (v = strtok_r(NULL, " ", &save)))
			vm_set_u(e, NFTA_LOG_GROUP, num(v));
		else if (!strcmp(w, "snaplen") && (v = strtok_r(NULL, " ", &save)))
			vm_set_u(e, NFTA_LOG_SNAPLEN, num(v));
		else if (!strcmp(w, "qthreshold") && (v = strtok_r(NULL, " ", &save)))
			vm_set_u(e, NFTA_LOG_QTHRESHOLD, num(v));
		else if (!strcmp(w, "level") && (v = strtok_r(NULL, " ", &save)))
			vm_set_u(e, NFTA_LOG_LEVEL, num(v));
		else if (!lookup(log_flag_names, w, &f))
			vm_set_u(e, NFTA_LOG_FLAGS, vm_get_u(e, NFTA_LOG_FLAGS) | f);
	}
	return 0;
}

static int parse_tokens(struct arena *a, struct vm_exprs *l, char **t, uint32_t n,
			const char *body)
{
	struct vm_expr *e;
	bool f;
	uint32_t v;
	const char *k = t[0];
	if (!strcmp(k, "payload"))
		return parse_payload(a, l, t, n);
	if (!strcmp(k, "meta") || !strcmp(k, "ct"))
		return parse_meta_ct(a, l, t, n, k[0] == 'c');
	if (!strcmp(k, "cmp") && n >= 5) {
		if (lookup(cmp_names, t[1], &v))
			return -1;
		e = vm_exprs_add(a, l, VM_CMP);
		vm_set_u(e, NFTA_CMP_OP, v);
		vm_set_u(e, NFTA_CMP_SREG, num(t[3]));
		set_words(a, e, NFTA_CMP_DATA, t + 4, count_words(t + 4, n - 4));
		return 0;
	}
	if (!strcmp(k, "range") && n >= 6) {
		e = vm_exprs_add(a, l, VM_RANGE);
		vm_set_u(e, NFTA_RANGE_OP, !strcmp(t[1], "neq") ? NFT_RANGE_NEQ : NFT_RANGE_EQ);
		vm_set_u(e, NFTA_RANGE_SREG, num(t[3]));
		uint32_t w = count_words(t + 4, n - 4) / 2;
		set_words(a, e, NFTA_RANGE_FROM_DATA, t + 4, w);
		set_words(a, e, NFTA_RANGE_TO_DATA, t + 4 + w, w);
		return 0;
	}
	if (!strcmp(k, "bitwise"))
		return parse_bitwise(a, l, t, n);
	if (!strcmp(k, "byteorder") && n >= 7) {
		/* byteorder reg 1 = hton(reg 1, 4, 4) */
		e = vm_exprs_add(a, l, VM_BYTEORDER);
		vm_set_u(e, NFTA_BYTEORDER_DREG, num(t[2]));
		if (n < 9)
			return -1;
		vm_set_u(e, NFTA_BYTEORDER_OP, !strncmp(t[4], "hton", 4));
		vm_set_u(e, NFTA_BYTEORDER_SREG, num(t[6]));
		vm_set_u(e, NFTA_BYTEORDER_SIZE, num(t[7]));
		vm_set_u(e, NFTA_BYTEORDER_LEN, num(t[8]));
		return 0;
	}
	if (!strcmp(k, "lookup") && n >= 5) {
		e = vm_exprs_add(a, l, VM_LOOKUP);
		vm_set_u(e, NFTA_LOOKUP_SREG, num(t[2]));
		vm_set_str(e, NFTA_LOOKUP_SET, arena_strdup(a, t[4]));
		int d = find(t, n, 5, "dreg");
		if (d >= 0)
			vm_set_u(e, NFTA_LOOKUP_DREG, num(t[d + 1]));
		if (!strncmp(t[n - 1], "0x", 2))
			vm_set_u(e, NFTA_LOOKUP_FLAGS, num(t[n - 1]));
		return 0;
	}
	if (!strcmp(k, "immediate") && n >= 4) {
		e = vm_exprs_add(a, l, VM_IMMEDIATE);
		vm_set_u(e, NFTA_IMMEDIATE_DREG, num(t[2]));
		set_verdict_or_words(a, e, NFTA_IMMEDIATE_DATA, t + 3, n - 3);
		return 0;
	}
	if (!strcmp(k, "counter")) {
		e = vm_exprs_add(a, l, VM_COUNTER);
		vm_set_u(e, NFTA_COUNTER_PACKETS, opt_u(t, n, "pkts", &f));
		vm_set_u(e, NFTA_COUNTER_BYTES, opt_u(t, n, "bytes", &f));
		return 0;
	}
	if (!strcmp(k, "log"))
		return parse_log(a, l, body);
	if (!strcmp(k, "limit") && n >= 3) {
		/* limit rate 400/minute burst 5 type packets flags 0x0 */
		e = vm_exprs_add(a, l, VM_LIMIT);
		char *slash = strchr(t[2], '/');
		if (!slash || lookup(unit_names, slash + 1, &v))
			return -1;
		vm_set_u(e, NFTA_LIMIT_RATE, num(t[2]));
		vm_set_u(e, NFTA_LIMIT_UNIT, v);
		vm_set_u(e, NFTA_LIMIT_BURST, opt_u(t, n, "burst", &f));
		int ty = find(t, n, 0, "type");
		vm_set_u(e, NFTA_LIMIT_TYPE, ty >= 0 && !strcmp(t[ty + 1], "bytes") ? NFT_LIMIT_PKT_BYTES
										: NFT_LIMIT_PKTS);
		vm_set_u(e, NFTA_LIMIT_FLAGS, opt_u(t, n, "flags", &f));
		return 0;
	}
	if (!strcmp(k, "nat") && n >= 3) {
		e = vm_exprs_add(a, l, VM_NAT);
		vm_set_u(e, NFTA_NAT_TYPE, !strcmp(t[1], "dnat") ? NFT_NAT_DNAT : NFT_NAT_SNAT);
		vm_set_u(e, NFTA_NAT_FAMILY, !strcmp(t[2], "ip6") ? NFPROTO_IPV6 : NFPROTO_IPV4);
		opt_reg(e, NFTA_NAT_REG_ADDR_MIN, t, n, "addr_min");
		opt_reg(e, NFTA_NAT_REG_ADDR_MAX, t, n, "addr_max");
		opt_reg(e, NFTA_NAT_REG_PROTO_MIN, t, n, "proto_min");
		opt_reg(e, NFTA_NAT_REG_PROTO_MAX, t, n, "proto_max");
		v = opt_u(t, n, "flags", &f);
		if (f)
			vm_set_u(e, NFTA_NAT_FLAGS, v);
		return 0;
	}
	if (!strcmp(k, "masq") || !strcmp(k, "redir")) {
		bool m = k[0] == 'm';
		e = vm_exprs_add(a, l, m ? VM_MASQ : VM_REDIR);
		opt_reg(e, m ? NFTA_MASQ_REG_PROTO_MIN : NFTA_REDIR_REG_PROTO_MIN, t, n, "proto_min");
		opt_reg(e, m ? NFTA_MASQ_REG_PROTO_MAX : NFTA_REDIR_REG_PROTO_MAX, t, n, "proto_max");
		v = opt_u(t, n, "flags", &f);
		if (f)
			vm_set_u(e, m ? NFTA_MASQ_FLAGS : NFTA_REDIR_FLAGS, v);
		return 0;
	}
	if (!strcmp(k, "reject")) {
		e = vm_exprs_add(a, l, VM_REJECT);
		vm_set_u(e, NFTA_REJECT_TYPE, opt_u(t, n, "type", &f));
		vm_set_u(e, NFTA_REJECT_ICMP_CODE, opt_u(t, n, "code", &f));
		return 0;
	}
	if (!strcmp(k, "notrack")) {
		vm_exprs_add(a, l, VM_NOTRACK);
		return 0;
	}
	if (!strcmp(k, "quota")) {
		e = vm_exprs_add(a, l, VM_QUOTA);
		vm_set_u(e, NFTA_QUOTA_BYTES, opt_u(t, n, "bytes", &f));
		vm_set_u(e, NFTA_QUOTA_CONSUMED, opt_u(t, n, "consumed", &f));
		vm_set_u(e, NFTA_QUOTA_FLAGS, opt_u(t, n, "flags", &f));
		return 0;
	}
	if (!strcmp(k, "connlimit")) {
		e = vm_exprs_add(a, l, VM_CONNLIMIT);
		vm_set_u(e, NFTA_CONNLIMIT_COUNT, opt_u(t, n, "count", &f));
		int i = find(t, n, 0, "flags");
		vm_set_u(e, NFTA_CONNLIMIT_FLAGS, i >= 0 ? strtoul(t[i + 1], NULL, 16) : 0);
		return 0;
	}
	if (!strcmp(k, "queue")) {
		e = vm_exprs_add(a, l, VM_QUEUE);
		int i = find(t, n, 0, "num");
		if (i >= 0) {
			char *dash = strchr(t[i + 1], '-');
			uint32_t lo = num(t[i + 1]);
			vm_set_u(e, NFTA_QUEUE_NUM, lo);
			vm_set_u(e, NFTA_QUEUE_TOTAL, dash ? num(dash + 1) - lo + 1 : 1);
		}
		i = find(t, n, 0, "sreg_qnum");
		if (i >= 0)
			vm_set_u(e, NFTA_QUEUE_SREG_QNUM, num(t[i + 1]));
		uint32_t fl = 0;
		if (find(t, n, 0, "bypass") >= 0)
			fl |= NFT_QUEUE_FLAG_BYPASS;
		if (find(t, n, 0, "fanout") >= 0)
			fl |= NFT_QUEUE_FLAG_CPU_FANOUT;
		if (fl)
			vm_set_u(e, NFTA_QUEUE_FLAGS, fl);
		return 0;
	}
	if (!strcmp(k, "objref") && n >= 5) {
		e = vm_exprs_add(a, l, VM_OBJREF);
		if (!strcmp(t[1], "sreg")) {
			vm_set_u(e, NFTA_OBJREF_SET_SREG, num(t[2]));
			vm_set_str(e, NFTA_OBJREF_SET_NAME, arena_strdup(a, t[4]));
		} else {
			vm_set_u(e, NFTA_OBJREF_IMM_TYPE, num(t[2]));
			vm_set_str(e, NFTA_OBJREF_IMM_NAME, arena_strdup(a, t[4]));
		}
		return 0;
	}
	if (!strcmp(k, "dynset") && n >= 6) {
		static const struct name_num ops[] = { { "add", NFT_DYNSET_OP_ADD },
			{ "update", NFT_DYNSET_OP_UPDATE }, { "delete", NFT_DYNSET_OP_DELETE },
			{ NULL, 0 } };
		if (lookup(ops, t[1], &v))
			return -1;
		e = vm_exprs_add(a, l, VM_DYNSET);
		vm_set_u(e, NFTA_DYNSET_OP, v);
		vm_set_u(e, NFTA_DYNSET_SREG_KEY, num(t[3]));
		vm_set_str(e, NFTA_DYNSET_SET_NAME, arena_strdup(a, t[5]));
		int i = find(t, n, 6, "sreg_data");
		if (i >= 0)
			vm_set_u(e, NFTA_DYNSET_SREG_DATA, num(t[i + 1]));
		i = find(t, n, 6, "timeout");
		if (i >= 0)
			vm_set_u(e, NFTA_DYNSET_TIMEOUT, num(t[i + 1]));
		const char *ex = strstr(body, "expr [");
		if (ex) {
			struct vm_exprs *inner = arena_alloc(a, sizeof(*inner));
			const char *s = ex + 5;
			while (s && *s == '[') {
				const char *close = strstr(s, " ]");
				if (!close)
					break;
				char *one = arena_strndup(a, s, close + 2 - s);
				vm_text_parse(a, one, inner);
				s = close + 2;
				while (*s == ' ')
					s++;
			}
			e->a[NFTA_DYNSET_EXPRESSIONS].exprs = inner;
			e->present |= 1u << NFTA_DYNSET_EXPRESSIONS;
		}
		return 0;
	}
	if (!strcmp(k, "exthdr") && n >= 8 && !strcmp(t[1], "load")) {
		/* exthdr load[ tcpopt|ipv6|ipv4] 4b @ 5 + 18[ present] => reg 1 */
		uint32_t i = 2, op = NFT_EXTHDR_OP_IPV6;
		if (!strcmp(t[i], "tcpopt"))
			op = NFT_EXTHDR_OP_TCPOPT, i++;
		else if (!strcmp(t[i], "ipv6"))
			i++;
		else if (!strcmp(t[i], "ipv4"))
			op = NFT_EXTHDR_OP_IPV4, i++;
		if (i + 4 >= n)
			return -1;
		e = vm_exprs_add(a, l, VM_EXTHDR);
		vm_set_u(e, NFTA_EXTHDR_OP, op);
		vm_set_u(e, NFTA_EXTHDR_LEN, num(t[i]));
		vm_set_u(e, NFTA_EXTHDR_TYPE, num(t[i + 2]));
		vm_set_u(e, NFTA_EXTHDR_OFFSET, num(t[i + 4]));
		if (find(t, n, i, "present") >= 0)
			vm_set_u(e, NFTA_EXTHDR_FLAGS, NFT_EXTHDR_F_PRESENT);
		vm_set_u(e, NFTA_EXTHDR_DREG, num(t[n - 1]));
		return 0;
	}
	if (!strcmp(k, "numgen") && n >= 7) {
		/* numgen reg 1 = inc mod 2 [offset 5] */
		e = vm_exprs_add(a, l, VM_NUMGEN);
		vm_set_u(e, NFTA_NG_DREG, num(t[2]));
		vm_set_u(e, NFTA_NG_TYPE, !strcmp(t[4], "random") ? NFT_NG_RANDOM : NFT_NG_INCREMENTAL);
		vm_set_u(e, NFTA_NG_MODULUS, num(t[6]));
		v = opt_u(t, n, "offset", &f);
		if (f)
			vm_set_u(e, NFTA_NG_OFFSET, v);
		return 0;
	}
	if (!strcmp(k, "hash") && n >= 5) {
		/* hash reg 1 = jhash(reg 2, 8, 0x0) % mod 32 | hash reg 1 = symhash() % mod 2 */
		e = vm_exprs_add(a, l, VM_HASH);
		vm_set_u(e, NFTA_HASH_DREG, num(t[2]));
		int m = find(t, n, 0, "mod");
		if (m < 0)
			return -1;
		vm_set_u(e, NFTA_HASH_MODULUS, num(t[m + 1]));
		if (!strcmp(t[4], "symhash")) {
			vm_set_u(e, NFTA_HASH_TYPE, NFT_HASH_SYM);
		} else {
			vm_set_u(e, NFTA_HASH_TYPE, NFT_HASH_JENKINS);
			vm_set_u(e, NFTA_HASH_SREG, num(t[6]));
			vm_set_u(e, NFTA_HASH_LEN, num(t[7]));
			if (num(t[8]))      /* a zero seed is indistinguishable from none */
				vm_set_u(e, NFTA_HASH_SEED, num(t[8]));
		}
		v = opt_u(t, n, "offset", &f);
		if (f)
			vm_set_u(e, NFTA_HASH_OFFSET, v);
		return 0;
	}
	if (!strcmp(k, "fib") && n >= 4) {
		/* fib saddr . iif oif [present] => reg 1 */
		static const struct name_num ff[] = { { "saddr", NFTA_FIB_F_SADDR },
			{ "daddr", NFTA_FIB_F_DADDR }, { "mark", NFTA_FIB_F_MARK },
			{ "iif", NFTA_FIB_F_IIF }, { "oif", NFTA_FIB_F_OIF }, { NULL, 0 } };
		static const struct name_num fr[] = { { "oif", NFT_FIB_RESULT_OIF },
			{ "oifname", NFT_FIB_RESULT_OIFNAME }, { "type", NFT_FIB_RESULT_ADDRTYPE },
			{ NULL, 0 } };
		int arrow = find(t, n, 0, "=>");
		if (arrow < 3)
			return -1;
		uint32_t flags = 0, res = 0, i = (uint32_t)arrow - 1;
		if (!strcmp(t[i], "present"))
			i--;
		if (lookup(fr, t[i], &res))
			return -1;
		for (uint32_t j = 1; j < i; j++)
			if (!lookup(ff, t[j], &v))
				flags |= v;
		if (!strcmp(t[(uint32_t)arrow - 1], "present"))
			flags |= NFTA_FIB_F_PRESENT;
		e = vm_exprs_add(a, l, VM_FIB);
		vm_set_u(e, NFTA_FIB_FLAGS, flags);
		vm_set_u(e, NFTA_FIB_RESULT, res);
		vm_set_u(e, NFTA_FIB_DREG, num(t[n - 1]));
		return 0;
	}
	if (!strcmp(k, "rt") && n >= 6) {
		static const struct name_num rk[] = { { "classid", NFT_RT_CLASSID },
			{ "nexthop4", NFT_RT_NEXTHOP4 }, { "nexthop6", NFT_RT_NEXTHOP6 },
			{ "tcpmss", NFT_RT_TCPMSS }, { "ipsec", NFT_RT_XFRM }, { NULL, 0 } };
		if (lookup(rk, t[2], &v))
			return -1;
		e = vm_exprs_add(a, l, VM_RT);
		vm_set_u(e, NFTA_RT_KEY, v);
		vm_set_u(e, NFTA_RT_DREG, num(t[n - 1]));
		return 0;
	}
	if (!strcmp(k, "last")) {
		vm_exprs_add(a, l, VM_LAST);
		return 0;
	}
	return -1;
}

int vm_text_parse(struct arena *a, const char *text, struct vm_exprs *l)
{
	char buf[1024];
	const char *p = text;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '[')
		p++;
	while (*p == ' ')
		p++;
	snprintf(buf, sizeof(buf), "%s", p);
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	if (n && buf[n - 1] == ']' && !strstr(buf, "expr ["))
		buf[--n] = 0;
	else if (n && buf[n - 1] == ']' && n >= 2 && buf[n - 2] == ' ' && buf[n - 3] == ']')
		buf[--n] = 0;
	while (n && buf[n - 1] == ' ')
		buf[--n] = 0;
	char body[1024];
	memcpy(body, buf, n + 1);
	char *tok[MAXTOK];
	uint32_t nt = 0;
	char *save = NULL;
	for (char *w = strtok_r(buf, " ,()", &save); w && nt < MAXTOK; w = strtok_r(NULL, " ,()", &save))
		tok[nt++] = w;
	if (!nt)
		return -1;
	return parse_tokens(a, l, tok, nt, body);
}
