/* Encapsulations that move the headers under the primitives that follow: vlan, mpls,
 * pppoed/pppoes (and geneve/vxlan, not yet).
 *
 * As in libpcap, the shift is a property of the text, not of the boolean structure: once
 * `vlan` has been generated, every primitive generated after it (to its right in the
 * expression) reads the link-layer type and the network header 4 bytes further, whatever
 * and/or/not connect them. `vlan 100 and vlan 200` therefore looks at two nested tags.
 *
 * Live Linux sockets (opts.linux_live): the kernel removes the outermost 802.1Q tag from the
 * packet and reports it as ancillary data, so the first `vlan` tests SKF_AD_VLAN_TAG_PRESENT /
 * SKF_AD_VLAN_TAG and does not shift anything. That choice is made here, in vlan(), only. */
#include "compiler/gen.h"

static void shift(ns_gen *g, uint32_t linktype_by, uint32_t linkpl_by)
{
	g->linktype.k += linktype_by;
	g->linkpl.k += linkpl_by;
	g->is_encap = true;
}

static ns_cond vlan_live(ns_gen *g, ns_node *n)
{
	ns_cond c = ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG_PRESENT),
			       4, 0xffffffffu, NS_REL_EQ, 1);
	if (n->has_num)
		c = ns_ir_and(c, ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG),
					    4, 0x0fff, NS_REL_EQ, n->num));
	g->vlan_seen = true;
	return c;
}

static ns_cond vlan(ns_gen *g, ns_node *n)
{
	if (n->has_num && n->num > 4095)
		ns_fail_at(g->ctx, n, "VLAN tag %u greater than maximum 4095", n->num);
	if (g->label_stack_depth > 0)
		ns_fail_at(g->ctx, n, "'vlan' inside MPLS is not supported");
	if (g->family != NS_LL_ETHER)
		ns_fail_at(g->ctx, n, "no VLAN support for %s", g->ll->description);
	if (g->ctx->opts.linux_live && !g->vlan_seen)
		return vlan_live(g, n);
	/* 802.1Q, 802.1ad and the pre-standard 0x9100 QinQ tag */
	ns_cond c = ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x8100);
	c = ns_ir_or(c, ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x88a8));
	c = ns_ir_or(c, ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x9100));
	if (n->has_num)
		c = ns_ir_and(c, ns_gen_cmp(g, NS_BASE_LINKPL, 0, 2, 0x0fff, NS_REL_EQ, n->num));
	shift(g, 4, 4);
	g->vlan_seen = true;
	return c;
}

static ns_cond mpls(ns_gen *g, ns_node *n)
{
	if (n->has_num && n->num > 0xfffff)
		ns_fail_at(g->ctx, n, "MPLS label %u greater than maximum 1048575", n->num);
	ns_cond c;
	if (g->label_stack_depth > 0) {
		/* the previous label was not the bottom of the stack */
		ns_block *b = ns_gen_load(g, NS_BASE_LINKPL, (uint32_t)-2, 1);
		ns_ir_stmt(&g->ir, b, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, 1);
		c = ns_gen_cmp_a(g, b, NS_REL_EQ, 0);
	} else {
		switch (g->family) {
		case NS_LL_ETHER:
			c = ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x8847);
			break;
		case NS_LL_PPP:
			c = ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x0281);
			break;
		default:
			ns_fail_at(g->ctx, n, "no MPLS support for %s", g->ll->description);
		}
	}
	if (n->has_num)
		c = ns_ir_and(c, ns_gen_cmp(g, NS_BASE_LINKPL, 0, 4, 0xfffff000u, NS_REL_EQ, n->num << 12));
	g->linkpl.k += 4;
	g->is_encap = true;
	g->label_stack_depth++;
	return c;
}

static ns_cond pppoe(ns_gen *g, ns_node *n, bool session)
{
	if (!session)
		return ns_gen_linktype(g, 0x8863);
	if (n->has_num && n->num > 0xffff)
		ns_fail_at(g->ctx, n, "PPPoE session number %u greater than maximum 65535", n->num);
	ns_cond c = ns_gen_linktype(g, 0x8864);
	if (n->has_num)
		c = ns_ir_and(c, ns_gen_cmp(g, NS_BASE_LINKPL, 0, 4, 0xffff, NS_REL_EQ, n->num));
	/* What follows is PPP: the protocol field 6 bytes into the PPPoE header, the payload
	 * after it. */
	g->linktype = (ns_absoff){g->linkpl.k + 6, g->linkpl.var_reg};
	g->linkpl.k += 8;
	g->family = NS_LL_PPP;
	g->is_encap = true;
	return c;
}

ns_cond ns_gen_encap(ns_gen *g, ns_node *n)
{
	switch (n->kind) {
	case NS_N_VLAN:
		return vlan(g, n);
	case NS_N_MPLS:
		return mpls(g, n);
	case NS_N_PPPOED:
		return pppoe(g, n, false);
	case NS_N_PPPOES:
		return pppoe(g, n, true);
	case NS_N_GENEVE:
		ns_fail_at(g->ctx, n, "'geneve' is not supported yet");
	case NS_N_VXLAN:
		ns_fail_at(g->ctx, n, "'vxlan' is not supported yet");
	default:
		ns_fail_at(g->ctx, n, "internal error: not an encapsulation");
	}
}
