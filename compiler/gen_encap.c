/* Encapsulations that move the headers under the primitives that follow: vlan, mpls,
 * pppoed/pppoes, geneve and vxlan.
 *
 * As in libpcap, the shift is a property of the text, not of the boolean structure: once
 * `vlan` has been generated, every primitive generated after it (to its right in the
 * expression) reads the link-layer type and the network header 4 bytes further, whatever
 * and/or/not connect them. `vlan 100 and vlan 200` therefore looks at two nested tags.
 *
 * Live Linux sockets (opts.linux_live): the kernel usually removes the outermost 802.1Q tag
 * from the packet and reports it as ancillary data, but not always; the first `vlan` accepts
 * either and shifts what follows by a run-time amount (vlan_live). That choice is made here,
 * in vlan(), only. */
#include "compiler/gen.h"

static void shift(ns_gen *g, uint32_t linktype_by, uint32_t linkpl_by)
{
	g->linktype.k += linktype_by;
	g->linkpl.k += linkpl_by;
	g->llc.k += linkpl_by;
	g->is_encap = true;
}

static int var_reg(ns_gen *g, const ns_node *n);

/* 802.1Q, 802.1ad and the pre-standard 0x9100 QinQ tag */
static ns_cond tpid_test(ns_gen *g)
{
	ns_cond c = ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x8100);
	c = ns_ir_or(c, ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x88a8));
	return ns_ir_or(c, ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, 0x9100));
}

/* The outermost tag on a live Linux socket, as libpcap 1.10.3 tests it: the kernel usually
 * moves it into the metadata (then the headers after it are where an untagged frame has
 * them), but frames this host sends, and tags the NIC did not strip, keep it in the bytes
 * (then the headers are 4 bytes further). Which one holds is only known at run time, so the
 * shift goes into a scratch cell (zeroed by the prologue, so no path reads it unwritten),
 * written with 4 on the "no metadata tag" path before the TPID test, as libpcap does: in
 * `vlan or ip` the `ip` then looks past the 4 bytes when neither kind of tag is there. */
static ns_cond vlan_live(ns_gen *g, ns_node *n)
{
	ns_ir *ir = &g->ir;
	const uint32_t present = (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG_PRESENT);
	const uint32_t tag = (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG);
	ns_cond meta = ns_gen_cmp(g, NS_BASE_PACKET, present, 4, 0xffffffffu, NS_REL_EQ, 1);
	/* both byte tests are generated before the offsets become variable: constant loads */
	ns_cond tpid = tpid_test(g);
	ns_block *vid_bytes = n->has_num ? ns_gen_load(g, NS_BASE_LINKPL, 0, 2) : NULL;
	int r = var_reg(g, n);
	ns_block *sh = ns_ir_block(ir);
	ns_ir_stmt(ir, sh, NS_BPF_LD | NS_BPF_IMM, 4);
	ns_ir_stmt(ir, sh, NS_BPF_ST, (uint32_t)r);
	sh->jt = tpid.entry;
	ns_cond c = ns_ir_or(meta, (ns_cond){sh, tpid.t, tpid.f});
	if (n->has_num) {
		/* the VID from the metadata when the kernel has it, else from the bytes */
		ns_cond q = ns_ir_cond_jump(ir, ns_gen_load(g, NS_BASE_PACKET, present, 4),
					    NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 1);
		ns_block *vid_meta = ns_gen_load(g, NS_BASE_PACKET, tag, 4);
		ns_block *v = ns_ir_block(ir);
		ns_ir_stmt(ir, v, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, 0x0fff);
		ns_cond vc = ns_gen_cmp_a(g, v, NS_REL_EQ, n->num);
		ns_ir_patch(q.t, vid_meta);
		ns_ir_patch(q.f, vid_bytes);
		vid_meta->jt = v;
		vid_bytes->jt = v;
		c = ns_ir_and(c, (ns_cond){q.entry, vc.t, vc.f});
	}
	g->linktype.var_reg = r;
	g->linkpl.var_reg = r;
	g->llc.var_reg = r;
	g->is_encap = true;
	g->vlan_seen = true;
	return c;
}

static ns_cond vlan(ns_gen *g, ns_node *n)
{
	if (n->has_num && n->num > 4095)
		ns_fail_at(g->ctx, n, "VLAN tag %u greater than maximum 4095", n->num);
	if (g->label_stack_depth > 0)
		ns_fail_at(g->ctx, n, "'vlan' inside MPLS is not supported");
	/* Ethernet, or an Ethernet type inside Geneve */
	if (g->family != NS_LL_ETHER && g->family != NS_LL_PLAIN)
		ns_fail_at(g->ctx, n, "no VLAN support for %s", g->ll->description);
	/* the kernel's metadata only describes the outermost tag of the real link layer */
	if (g->ctx->opts.linux_live && !g->vlan_seen && g->linkhdr.var_reg < 0 &&
	    g->linkhdr.k == 0 && g->linkpl.var_reg < 0 && g->linktype.var_reg < 0)
		return vlan_live(g, n);
	ns_cond c = tpid_test(g);
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
		case NS_LL_PLAIN:
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
	g->llc = g->linkpl;
	g->family = NS_LL_PPP;
	g->is_encap = true;
	return c;
}

/* Geneve (UDP 6081) and VXLAN (UDP 4789) over IPv4 or IPv6: the tunnel header's position
 * depends on the IPv4 header length, so what follows them reads the link-layer header, type
 * and network header at offsets kept in scratch cells (as libpcap master does). */
typedef struct tunnel {
	bool geneve;
	uint32_t port;
} tunnel;

static ns_cond tunnel_match(ns_gen *g, ns_node *n, const tunnel *t, bool v6)
{
	ns_base tb = v6 ? NS_BASE_TRAN6 : NS_BASE_TRAN4;
	ns_cond c = v6 ? ns_ir_and(ns_gen_linktype(g, 0x86dd),
				   ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, 17))
		       : ns_ir_and(ns_ir_and(ns_gen_linktype(g, 0x0800),
					     ns_gen_cmp(g, NS_BASE_LINKPL, 9, 1, 0xffffffffu, NS_REL_EQ, 17)),
				   ns_gen_ipfrag_not(g));
	c = ns_ir_and(c, ns_gen_cmp(g, tb, 2, 2, 0xffffffffu, NS_REL_EQ, t->port));
	/* Geneve version 0; VXLAN's I flag alone */
	c = ns_ir_and(c, t->geneve ? ns_gen_cmp(g, tb, 8, 1, 0xc0, NS_REL_EQ, 0)
				   : ns_gen_cmp(g, tb, 8, 1, 0xffffffffu, NS_REL_EQ, 0x08));
	if (n->has_num)
		c = ns_ir_and(c, ns_gen_cmp(g, tb, 12, 4, 0xffffff00u, NS_REL_EQ, n->num << 8));
	return c;
}

static int var_reg(ns_gen *g, const ns_node *n)
{
	int r = ns_gen_reg_alloc(g, n);
	g->var_regs |= 1u << r;
	return r;
}

static ns_cond gen_tunnel(ns_gen *g, ns_node *n, bool geneve)
{
	const char *name = geneve ? "geneve" : "vxlan";
	if (n->has_num && n->num > 0xffffff)
		ns_fail_at(g->ctx, n, "%s VNI %u greater than maximum 16777215", name, n->num);
	if (g->label_stack_depth > 0)
		ns_fail_at(g->ctx, n, "'%s' inside MPLS is not supported", name);
	tunnel t = {geneve, geneve ? 6081 : 4789};
	ns_ir *ir = &g->ir;
	uint32_t pl = g->linkpl.k;
	ns_cond c4 = tunnel_match(g, n, &t, false);
	ns_cond c6 = tunnel_match(g, n, &t, true);
	ns_ir_patch(c4.f, c6.entry);
	/* A = offset of the UDP header from the network header, or from the packet start when
	 * the network header is itself at a run-time offset (a tunnel in a tunnel); then pl is 0 */
	ns_block *b4 = ns_ir_block(ir), *b6 = ns_ir_block(ir), *tail = ns_ir_block(ir);
	ns_gen_load_iphl(g, b4);
	ns_ir_stmt(ir, b4, NS_BPF_MISC | NS_BPF_TXA, 0);
	if (g->linkpl.var_reg >= 0) {
		ns_ir_stmt(ir, b6, NS_BPF_LD | NS_BPF_MEM, (uint32_t)g->linkpl.var_reg);
		ns_ir_stmt(ir, b6, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 40);
	} else {
		ns_ir_stmt(ir, b6, NS_BPF_LD | NS_BPF_IMM, 40);
	}
	ns_ir_patch(c4.t, b4);
	ns_ir_patch(c6.t, b6);
	b4->jt = tail;
	b6->jt = tail;
	int r_hdr = var_reg(g, n), r_lt = var_reg(g, n), r_pl = var_reg(g, n);
	ns_block *done;
	if (!geneve) {
		/* the inner Ethernet header follows the 8-byte VXLAN header */
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, pl + 16);
		ns_ir_stmt(ir, tail, NS_BPF_ST, (uint32_t)r_hdr);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 12);
		ns_ir_stmt(ir, tail, NS_BPF_ST, (uint32_t)r_lt);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 2);
		ns_ir_stmt(ir, tail, NS_BPF_ST, (uint32_t)r_pl);
		done = tail;
		g->family = NS_LL_ETHER;
	} else {
		/* X = Geneve header; its protocol type is the link type; the payload follows the
		 * options (length in 4-byte words in the low 6 bits of the first byte). Protocol
		 * 0x6558 carries Ethernet, whose own type and payload are then used. */
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, pl + 8);
		ns_ir_stmt(ir, tail, NS_BPF_MISC | NS_BPF_TAX, 0);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 2);
		ns_ir_stmt(ir, tail, NS_BPF_ST, (uint32_t)r_lt);
		ns_ir_stmt(ir, tail, NS_BPF_LD | NS_BPF_IND | NS_BPF_B, 0);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, 0x3f);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_MUL | NS_BPF_K, 4);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 8);
		ns_ir_stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
		ns_ir_stmt(ir, tail, NS_BPF_ST, (uint32_t)r_hdr);
		ns_ir_stmt(ir, tail, NS_BPF_LD | NS_BPF_IND | NS_BPF_H, 2);
		ns_ir_stmt(ir, tail, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)r_hdr);
		tail->jcode = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
		tail->k = 0x6558;
		ns_block *eth = ns_ir_block(ir);
		done = ns_ir_block(ir);
		tail->jt = eth;
		tail->jf = done;
		ns_ir_stmt(ir, eth, NS_BPF_MISC | NS_BPF_TXA, 0);
		ns_ir_stmt(ir, eth, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 12);
		ns_ir_stmt(ir, eth, NS_BPF_ST, (uint32_t)r_lt);
		ns_ir_stmt(ir, eth, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 2);
		ns_ir_stmt(ir, eth, NS_BPF_MISC | NS_BPF_TAX, 0);
		eth->jt = done;
		ns_ir_stmt(ir, done, NS_BPF_STX, (uint32_t)r_pl);
		g->family = NS_LL_PLAIN;
	}
	g->linkhdr = (ns_absoff){0, r_hdr};
	g->linktype = (ns_absoff){0, r_lt};
	g->linkpl = (ns_absoff){0, r_pl};
	g->llc = g->linkpl;
	g->is_encap = true;
	return (ns_cond){c4.entry, ns_jlist_one(ir, &done->jt), c6.f};
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
		return gen_tunnel(g, n, true);
	case NS_N_VXLAN:
		return gen_tunnel(g, n, false);
	default:
		ns_fail_at(g->ctx, n, "internal error: not an encapsulation");
	}
}
