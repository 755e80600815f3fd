/* Seed-corpus capture for the fuzz harnesses: dumps whatever ruleset the current
 * network namespace holds (run it inside `unshare -n`, never on the host) and
 * writes the raw kernel reply bytes in the input formats of the harnesses:
 *   OUT/dump/P.bin      every reply message (nlmsghdr included), all dumps in a row
 *   OUT/{table,chain,set,rule}/P-N.bin   one reply body (nfgenmsg + attributes)
 *   OUT/exprs/P-N.bin   family index byte + payload of NFTA_RULE_EXPRESSIONS
 *   OUT/elems/P-N.bin   u16le set body length, set body, one NEWSETELEM body
 * usage: capture OUTDIR PREFIX */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include "netlink/netlink.h"
#include "netlink/nlmsg.h"
#include "netlink/codec.h"
#include "netlink/sock_int.h"

struct out {
	const char *dir, *prefix;
	FILE *dump;
	unsigned count;
};

/* A reply body kept for the element requests that follow the set dump. */
struct body {
	uint8_t *p;
	size_t n;
};

static void write_file(struct out *o, const char *kind, const void *a, size_t an,
		       const void *b, size_t bn, const void *c, size_t cn)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", o->dir, kind);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s-%03u.bin", o->dir, kind, o->prefix, o->count++);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fwrite(a, 1, an, f);
	if (bn)
		fwrite(b, 1, bn, f);
	if (cn)
		fwrite(c, 1, cn, f);
	fclose(f);
}

static uint8_t family_index(uint8_t family)
{
	switch (family) {
	case NFPROTO_IPV6: return 1;
	case NFPROTO_INET: return 2;
	case NFPROTO_BRIDGE: return 3;
	case NFPROTO_ARP: return 4;
	case NFPROTO_NETDEV: return 5;
	default: return 0;
	}
}

static const struct attr_policy rule_exprs_only[NFTA_RULE_MAX + 1] = {
	[NFTA_RULE_EXPRESSIONS] = { AK_NESTED, 0 },
};

static void save_rule_exprs(struct out *o, const uint8_t *body, size_t n)
{
	struct attr tb[NFTA_RULE_MAX + 1];
	if (n < 4 || attr_parse(body + 4, n - 4, rule_exprs_only, NFTA_RULE_MAX, tb) < 0 ||
	    !attr_ok(&tb[NFTA_RULE_EXPRESSIONS]))
		return;
	uint8_t fam = family_index(body[0]);
	write_file(o, "exprs", &fam, 1, tb[NFTA_RULE_EXPRESSIONS].data,
		   tb[NFTA_RULE_EXPRESSIONS].len, NULL, 0);
}

typedef void (*put_fn)(struct nl_buf *b, const void *arg);

/* One dump request; each reply message goes to the dump file and to `on_msg`. */
static int dump(struct nl_sock *s, struct out *o, uint8_t family, uint16_t get_type, put_fn put,
		const void *arg, void (*on_msg)(struct out *, const uint8_t *, size_t, void *),
		void *priv)
{
	struct nl_buf req;
	nlbuf_init(&req);
	size_t m = nlmsg_put_header(&req, (NFNL_SUBSYS_NFTABLES << 8) | get_type, NLM_F_DUMP,
				    ++s->seq, family, 0);
	if (put)
		put(&req, arg);
	nlmsg_finish(&req, m);
	int r = nl_sock_send(s, req.p, req.len);
	nlbuf_free(&req);
	if (r < 0)
		return r;
	for (;;) {
		ssize_t n = nl_sock_recv(s, false);
		if (n < 0)
			return (int)n;
		size_t off = 0;
		const struct nlmsghdr *h;
		while ((h = nl_msg_next(s->rxbuf, (size_t)n, &off))) {
			fwrite(h, 1, h->nlmsg_len, o->dump);
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int err;
				uint32_t seq;
				const char *ext;
				nl_msg_error(h, &err, &seq, &ext, NULL);
				return err;
			}
			if (on_msg)
				on_msg(o, (const uint8_t *)h + NLMSG_HDRLEN, h->nlmsg_len - NLMSG_HDRLEN,
				       priv);
		}
	}
}

struct kind_ctx {
	const char *kind;
	struct body *keep;       /* set bodies kept for element requests, or NULL */
	unsigned nkeep, cap;
};

static void on_object(struct out *o, const uint8_t *p, size_t n, void *priv)
{
	struct kind_ctx *k = priv;
	write_file(o, k->kind, p, n, NULL, 0, NULL, 0);
	if (!strcmp(k->kind, "rule"))
		save_rule_exprs(o, p, n);
	if (k->keep && k->nkeep < k->cap) {
		k->keep[k->nkeep].p = malloc(n);
		memcpy(k->keep[k->nkeep].p, p, n);
		k->keep[k->nkeep++].n = n;
	}
}

struct elem_ctx {
	const struct body *set;
};

static void on_elems(struct out *o, const uint8_t *p, size_t n, void *priv)
{
	struct elem_ctx *e = priv;
	uint8_t len[2] = { (uint8_t)e->set->n, (uint8_t)(e->set->n >> 8) };
	write_file(o, "elems", len, 2, e->set->p, e->set->n, p, n);
}

static void put_elem_list(struct nl_buf *b, const void *arg)
{
	const struct nl_set *s = arg;
	attr_put_str(b, NFTA_SET_ELEM_LIST_TABLE, s->table);
	attr_put_str(b, NFTA_SET_ELEM_LIST_SET, s->name);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s OUTDIR PREFIX\n", argv[0]);
		return 2;
	}
	struct out o = { .dir = argv[1], .prefix = argv[2] };
	char path[512];
	mkdir(o.dir, 0755);
	snprintf(path, sizeof(path), "%s/dump", o.dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/dump/%s.bin", o.dir, o.prefix);
	o.dump = fopen(path, "wb");
	struct nl_sock s;
	int r = nl_sock_open(&s);
	if (r < 0 || !o.dump) {
		fprintf(stderr, "capture: cannot open socket/output: %s\n", strerror(-r));
		return 1;
	}
	struct kind_ctx kt = { .kind = "table" }, kc = { .kind = "chain" }, kr = { .kind = "rule" };
	struct body sets[256];
	struct kind_ctx ks = { .kind = "set", .keep = sets, .cap = 256 };
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETTABLE, NULL, NULL, on_object, &kt);
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETCHAIN, NULL, NULL, on_object, &kc);
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETSET, NULL, NULL, on_object, &ks);
	for (unsigned i = 0; i < ks.nkeep; i++) {
		struct arena a;
		arena_init(&a, 4096);
		struct nl_set set;
		memset(&set, 0, sizeof(set));
		if (nl_decode(&a, NL_SET, sets[i].p + 4, sets[i].n - 4, sets[i].p[0], &set) == 0 && set.table &&
		    set.name) {
			struct elem_ctx e = { .set = &sets[i] };
			dump(&s, &o, sets[i].p[0], NFT_MSG_GETSETELEM, put_elem_list, &set, on_elems, &e);
		}
		arena_free(&a);
		free(sets[i].p);
	}
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETRULE, NULL, NULL, on_object, &kr);
	/* named objects and flowtables: in the dump stream only (no harness of their own) */
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETOBJ, NULL, NULL, NULL, NULL);
	dump(&s, &o, NFPROTO_UNSPEC, NFT_MSG_GETFLOWTABLE, NULL, NULL, NULL, NULL);
	fclose(o.dump);
	nl_sock_close(&s);
	printf("capture: %u files for %s\n", o.count, o.prefix);
	return 0;
}
