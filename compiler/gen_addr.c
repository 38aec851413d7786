/* Address primitives: IPv4/ARP/RARP host and net, IPv6 host and net, Ethernet host.
 *
 * A direction qualifier picks the address fields: src, dst, `src or dst` (the default) and
 * `src and dst`; the source field is always tested first, which decides which load fails
 * first on a truncated packet (libpcap's order). */
#include <stdio.h>
#include <string.h>

#include "compiler/gen.h"

typedef struct addrfields {
	uint16_t ethertype;
	uint8_t src, dst; /* offsets from the network-layer header */
} addrfields;

/* Where each protocol keeps its IPv4 addresses. */
static const addrfields v4fields[NS_QP_COUNT] = {
	[NS_QP_IP] = {0x0800, 12, 16},
	[NS_QP_ARP] = {0x0806, 14, 24},
	[NS_QP_RARP] = {0x8035, 14, 24},
};

static ns_cond by_dir(ns_gen *g, const ns_node *n, int dir, ns_cond (*one)(ns_gen *, const void *, bool),
		      const void *arg)
{
	switch (dir) {
	case NS_QD_SRC:
		return one(g, arg, true);
	case NS_QD_DST:
		return one(g, arg, false);
	case NS_QD_AND: {
		ns_cond s = one(g, arg, true);
		return ns_ir_and(s, one(g, arg, false));
	}
	case NS_QD_DEFAULT:
	case NS_QD_OR: {
		ns_cond s = one(g, arg, true);
		return ns_ir_or(s, one(g, arg, false));
	}
	case NS_QD_UNDEF:
		ns_fail_at(g->ctx, n, "direction qualifier not allowed here");
	default:
		ns_fail_at(g->ctx, n, "'%s' is valid for 802.11 syntax only", ns_qdir_names[dir]);
	}
}

typedef struct v4arg {
	const addrfields *f;
	uint32_t addr, mask;
} v4arg;

static ns_cond v4one(ns_gen *g, const void *p, bool src)
{
	const v4arg *a = p;
	ns_cond lt = ns_gen_linktype(g, a->f->ethertype);
	ns_cond c = ns_gen_cmp(g, NS_BASE_LINKPL, src ? a->f->src : a->f->dst, 4, a->mask, NS_REL_EQ,
			       a->addr);
	return ns_ir_and(lt, c);
}

static ns_cond v4proto(ns_gen *g, const ns_node *n, int proto, int dir, uint32_t addr,
		       uint32_t mask)
{
	v4arg a = {&v4fields[proto], addr & mask, mask};
	return by_dir(g, n, dir, v4one, &a);
}

bool ns_gen_v4fields(int proto, uint16_t *ethertype, uint8_t *src, uint8_t *dst)
{
	if (proto != NS_QP_IP && proto != NS_QP_ARP && proto != NS_QP_RARP)
		return false;
	*ethertype = v4fields[proto].ethertype;
	*src = v4fields[proto].src;
	*dst = v4fields[proto].dst;
	return true;
}

bool ns_gen_v4_only(const ns_gen *g)
{
	/* With no link-layer type field there is no ARP, and inside MPLS only IP can be
	 * recognised: libpcap tests IPv4 only. */
	return (g->ll->off_linktype < 0 && !g->is_encap) || g->label_stack_depth > 0;
}

ns_cond ns_gen_host4(ns_gen *g, const ns_node *n, uint32_t addr, uint32_t mask, int proto,
		     int dir, bool is_net)
{
	const char *what = is_net ? "net" : "host";
	switch (proto) {
	case NS_QP_DEFAULT: {
		ns_cond c = v4proto(g, n, NS_QP_IP, dir, addr, mask);
		if (ns_gen_v4_only(g))
			return c;
		c = ns_ir_or(c, v4proto(g, n, NS_QP_ARP, dir, addr, mask));
		return ns_ir_or(c, v4proto(g, n, NS_QP_RARP, dir, addr, mask));
	}
	case NS_QP_IP:
	case NS_QP_ARP:
	case NS_QP_RARP:
		return v4proto(g, n, proto, dir, addr, mask);
	case NS_QP_LINK:
		ns_fail_at(g->ctx, n, "link-layer modifier applied to %s", what);
	default:
		ns_fail_at(g->ctx, n, "'%s' modifier applied to %s", ns_qproto_names[proto], what);
	}
}

typedef struct v6arg {
	const uint8_t *addr, *mask;
} v6arg;

static uint32_t word(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static ns_cond v6one(ns_gen *g, const void *p, bool src)
{
	const v6arg *a = p;
	uint32_t off = src ? 8 : 24;
	ns_cond lt = ns_gen_linktype(g, 0x86dd);
	/* All four words are loaded even where the mask is zero: the loads decide the verdict
	 * on truncated packets. */
	ns_cond c = {0};
	for (int i = 0; i < 4; i++) {
		uint32_t m = word(a->mask + 4 * i);
		ns_cond w = ns_gen_cmp(g, NS_BASE_LINKPL, off + 4 * (uint32_t)i, 4, m, NS_REL_EQ,
				       word(a->addr + 4 * i) & m);
		c = i ? ns_ir_and(c, w) : w;
	}
	return ns_ir_and(lt, c);
}

ns_cond ns_gen_host6(ns_gen *g, const ns_node *n, const uint8_t *addr, const uint8_t *mask,
		     int proto, int dir, bool is_net)
{
	if (proto != NS_QP_DEFAULT && proto != NS_QP_IPV6)
		ns_fail_at(g->ctx, n, "'%s' is not a valid qualifier for '%s <IPv6 %s>'",
			   ns_qproto_names[proto], is_net ? "net" : "host",
			   is_net ? "prefix" : "address");
	v6arg a = {addr, mask};
	return by_dir(g, n, dir, v6one, &a);
}

static ns_cond ehost_one(ns_gen *g, const void *p, bool src)
{
	return ns_gen_bytes(g, NS_BASE_LINKHDR, src ? 6 : 0, p, 6);
}

ns_cond ns_gen_ehost(ns_gen *g, const ns_node *n, const uint8_t *mac, int dir)
{
	if (!ns_gen_has_mac(g))
		ns_fail_at(g->ctx, n, "ethernet addresses supported only on ethernet/FDDI/token "
				      "ring/802.11/ATM LANE/Fibre Channel");
	return by_dir(g, n, dir, ehost_one, mac);
}
