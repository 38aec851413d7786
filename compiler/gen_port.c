/* `port` and `portrange` for TCP, UDP and SCTP over IPv4 and IPv6.
 *
 * Over IPv4, only packets that carry the transport header are considered: a fragment with a
 * non-zero offset never matches (libpcap's rule). Over IPv6 the Next Header field of the fixed
 * header must name the protocol: a port behind an extension header does not match, again as
 * in libpcap. IPv6 is tested before IPv4, libpcap's order. */
#include "compiler/gen.h"

/* The transports `port` means when none is named, in libpcap's order: sctp, tcp, udp. */
const uint8_t ns_port_transports[NS_PORT_NTRANSPORTS] = {132, 6, 17};

typedef struct portarg {
	ns_base base;
	uint32_t lo, hi;
	bool range; /* compare as a range even when lo == hi */
} portarg;

static ns_cond port_field(ns_gen *g, const portarg *a, uint32_t off)
{
	if (a->lo == a->hi && !a->range)
		return ns_gen_cmp(g, a->base, off, 2, 0xffffffffu, NS_REL_EQ, a->lo);
	ns_cond ge = ns_gen_cmp(g, a->base, off, 2, 0xffffffffu, NS_REL_GE, a->lo);
	return ns_ir_and(ge, ns_gen_cmp(g, a->base, off, 2, 0xffffffffu, NS_REL_LE, a->hi));
}

static ns_cond port_dir(ns_gen *g, const ns_node *n, const portarg *a, int dir)
{
	switch (dir) {
	case NS_QD_SRC:
		return port_field(g, a, 0);
	case NS_QD_DST:
		return port_field(g, a, 2);
	case NS_QD_AND: {
		ns_cond s = port_field(g, a, 0);
		return ns_ir_and(s, port_field(g, a, 2));
	}
	case NS_QD_DEFAULT:
	case NS_QD_OR: {
		ns_cond s = port_field(g, a, 0);
		return ns_ir_or(s, port_field(g, a, 2));
	}
	case NS_QD_UNDEF:
		ns_fail_at(g->ctx, n, "direction qualifier not allowed here");
	default:
		ns_fail_at(g->ctx, n, "'%s' is valid for 802.11 syntax only", ns_qdir_names[dir]);
	}
}

static ns_cond one_proto(ns_gen *g, const ns_node *n, bool v6, uint32_t p, uint32_t lo,
			 uint32_t hi, int dir)
{
	/* Optimized, `portrange p-p` keeps the two comparisons libpcap's optimized program has:
	 * its optimizer infers nothing from them and moves them as two tests, and so does
	 * ours (and the shape pcapmodel.c models, generated in optimized mode). Unoptimized,
	 * one equality, as before. */
	portarg a = {v6 ? NS_BASE_TRAN6 : NS_BASE_TRAN4, lo, hi,
		     n->qual.type == NS_QT_PORTRANGE && g->ctx->opts.optimize};
	if (v6) {
		ns_cond nh = ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, p);
		return ns_ir_and(nh, port_dir(g, n, &a, dir));
	}
	ns_cond pr = ns_gen_cmp(g, NS_BASE_LINKPL, 9, 1, 0xffffffffu, NS_REL_EQ, p);
	ns_cond c = ns_ir_and(pr, ns_gen_ipfrag_not(g));
	return ns_ir_and(c, port_dir(g, n, &a, dir));
}

static ns_cond family(ns_gen *g, const ns_node *n, bool v6, int ipproto, uint32_t lo,
		      uint32_t hi, int dir)
{
	ns_cond lt = ns_gen_linktype(g, v6 ? 0x86dd : 0x0800);
	ns_cond c;
	if (ipproto >= 0) {
		c = one_proto(g, n, v6, (uint32_t)ipproto, lo, hi, dir);
	} else {
		c = one_proto(g, n, v6, ns_port_transports[0], lo, hi, dir);
		for (int i = 1; i < NS_PORT_NTRANSPORTS; i++)
			c = ns_ir_or(c, one_proto(g, n, v6, ns_port_transports[i], lo, hi, dir));
	}
	return ns_ir_and(lt, c);
}

ns_cond ns_gen_port(ns_gen *g, const ns_node *n, int ipproto, uint32_t lo, uint32_t hi, int dir)
{
	if (lo > hi) {
		uint32_t t = lo;
		lo = hi;
		hi = t;
	}
	ns_cond v6 = family(g, n, true, ipproto, lo, hi, dir);
	return ns_ir_or(v6, family(g, n, false, ipproto, lo, hi, dir));
}
