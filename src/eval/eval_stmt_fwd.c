/* Packet-steering statements: dup, fwd, tproxy, synproxy.
 *
 * AST convention (stmt->misc): addr = target address (may be a map), dev = device
 * (may be a map), port = tproxy port, family = NFPROTO_* written after the keyword
 * (`fwd ip to`, `tproxy ip6 to`) or 0; synproxy: a = mss, b = wscale, flags =
 * NF_SYNPROXY_OPT_* flags. */
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include "eval_stmt.h"

/* An operand the statement may leave out: when given, it gets its own 128-bit
 * register, as nft allocates them, and *reg names it; else *reg is left alone (-1).
 * Returns 0, or -1 with the error recorded. */
static int opt_value(struct rule_ctx *rc, struct expr *e, const struct datatype *dt,
		     uint32_t len, enum byteorder bo, int *reg)
{
	if (!e)
		return 0;
	rc->reg_next = (rc->reg_next + 3) & ~3u;
	*reg = eval_lower_value(rc, e, dt, len, bo);
	return *reg < 0 ? -1 : 0;
}

/* A target address of the family (NFPROTO_IPV6, else IPv4). */
static int addr_value(struct rule_ctx *rc, struct expr *addr, uint32_t family, int *reg)
{
	const struct datatype *dt = family == NFPROTO_IPV6 ? &dt_ip6addr : &dt_ipaddr;
	return opt_value(rc, addr, dt, dt->size, BYTEORDER_BIG, reg);
}

static int dev_value(struct rule_ctx *rc, struct expr *dev, int *reg)
{
	return opt_value(rc, dev, &dt_ifindex, 32, BYTEORDER_HOST, reg);
}

int eval_stmt_dup(struct rule_ctx *rc, struct stmt *s)
{
	int areg = -1, dreg = -1;
	if (rc->family == NFPROTO_NETDEV && s->misc.addr && !s->misc.dev) {
		/* netdev: `dup to "eth0"` names the device */
		s->misc.dev = s->misc.addr;
		s->misc.addr = NULL;
	}
	uint32_t fam = rc->family;
	if (fam != NFPROTO_IPV4 && fam != NFPROTO_IPV6)
		fam = s->misc.family ? s->misc.family : NFPROTO_IPV4;
	if (addr_value(rc, s->misc.addr, fam, &areg) < 0 ||
	    dev_value(rc, s->misc.dev, &dreg) < 0)
		return -1;
	if (areg < 0 && dreg < 0)
		return diag_error(rc->ec->errs, &s->loc, "dup requires an address or a device");
	struct vm_expr *e = stmt_emit(rc, VM_DUP);
	stmt_set_reg(e, NFTA_DUP_SREG_ADDR, areg);
	stmt_set_reg(e, NFTA_DUP_SREG_DEV, dreg);
	return 0;
}

int eval_stmt_fwd(struct rule_ctx *rc, struct stmt *s)
{
	if (rc->family != NFPROTO_NETDEV)
		return diag_error(rc->ec->errs, &s->loc,
				  "fwd statement is only supported in the netdev family");
	if (!s->misc.dev)
		return diag_error(rc->ec->errs, &s->loc, "fwd requires a device");
	int dreg = -1, areg = -1;
	if (dev_value(rc, s->misc.dev, &dreg) < 0)
		return -1;
	if (s->misc.addr && s->misc.family != NFPROTO_IPV4 && s->misc.family != NFPROTO_IPV6)
		return diag_error(rc->ec->errs, &s->loc,
				  "missing address family: fwd ip or fwd ip6");
	if (addr_value(rc, s->misc.addr, s->misc.family, &areg) < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_FWD);
	vm_set_u(e, NFTA_FWD_SREG_DEV, (uint64_t)dreg);
	if (areg >= 0) {
		vm_set_u(e, NFTA_FWD_SREG_ADDR, (uint64_t)areg);
		vm_set_u(e, NFTA_FWD_NFPROTO, s->misc.family);
	}
	return 0;
}

int eval_stmt_tproxy(struct rule_ctx *rc, struct stmt *s)
{
	if (rc->family != NFPROTO_IPV4 && rc->family != NFPROTO_IPV6 &&
	    rc->family != NFPROTO_INET)
		return diag_error(rc->ec->errs, &s->loc,
				  "tproxy is only supported for IPv4/IPv6/INET");
	if (!rc->ps.transport)
		return diag_error(rc->ec->errs, &s->loc,
				  "Transparent proxy support requires transport protocol match");
	if (!s->misc.addr && !s->misc.port)
		return diag_error(rc->ec->errs, &s->loc,
				  "Either address or port must be specified");
	uint32_t fam = s->misc.family;
	if (rc->family != NFPROTO_INET) {
		if (fam && fam != rc->family)
			return diag_error(rc->ec->errs, &s->loc,
					  "Family specified by tproxy must match the table family");
		fam = rc->family;
	} else if (s->misc.addr && !fam) {
		return diag_error(rc->ec->errs, &s->loc,
				  "Family required to specify an address in inet tables");
	}
	if (fam && rc->ps.network && rc->ps.network->nfproto &&
	    rc->ps.network->nfproto != fam)
		return diag_error(rc->ec->errs, &s->loc,
				  "conflicting protocols specified: %s vs. %s",
				  rc->ps.network->name, fam == NFPROTO_IPV4 ? "ip" : "ip6");
	int areg = -1, preg = -1;
	if (addr_value(rc, s->misc.addr, fam, &areg) < 0 ||
	    opt_value(rc, s->misc.port, &dt_inet_service, 16, BYTEORDER_BIG, &preg) < 0)
		return -1;
	struct vm_expr *e = stmt_emit(rc, VM_TPROXY);
	vm_set_u(e, NFTA_TPROXY_FAMILY, fam);   /* the kernel requires it, UNSPEC too */
	stmt_set_reg(e, NFTA_TPROXY_REG_ADDR, areg);
	stmt_set_reg(e, NFTA_TPROXY_REG_PORT, preg);
	return 0;
}

int eval_stmt_synproxy(struct rule_ctx *rc, struct stmt *s)
{
	if (s->misc.a > 65535)
		return diag_error(rc->ec->errs, &s->loc, "synproxy mss out of range");
	if (s->misc.b > 14)
		return diag_error(rc->ec->errs, &s->loc, "synproxy wscale out of range");
	struct vm_expr *e = stmt_emit(rc, VM_SYNPROXY);
	/* NF_SYNPROXY_OPT_MSS 0x1 / _WSCALE 0x2: values only when given */
	uint32_t flags = s->misc.flags;
	if (s->misc.a)
		flags |= 0x1;
	if (s->misc.b)
		flags |= 0x2;
	if (flags & 0x1)
		vm_set_u(e, NFTA_SYNPROXY_MSS, s->misc.a);
	if (flags & 0x2)
		vm_set_u(e, NFTA_SYNPROXY_WSCALE, s->misc.b);
	vm_set_u(e, NFTA_SYNPROXY_FLAGS, flags);
	return 0;
}
