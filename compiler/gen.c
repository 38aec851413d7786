/* Code generation driver: AST -> block DAG, then the optimizer and emission.
 *
 * This file holds the dispatch over node kinds, boolean structure (and/or/not as jump-list
 * splicing) and the load/compare helpers every family uses. Primitives are generated in source
 * order, which matters: vlan, mpls and pppoes shift the offsets of whatever follows them, as in
 * libpcap. */
#include <stdio.h>
#include <string.h>

#include "compiler/gen.h"
#include "compiler/gen_set.h"
#include "compiler/pcapmodel.h"

uint16_t ns_size_code(int size)
{
	return size == 1 ? NS_BPF_B : size == 2 ? NS_BPF_H : NS_BPF_W;
}

int ns_gen_reg_alloc(ns_gen *g, const ns_node *n)
{
	for (int r = 0; r < NS_BPF_MEMWORDS; r++)
		if (!(g->regs & (1u << r))) {
			g->regs |= 1u << r;
			return r;
		}
	ns_fail_at(g->ctx, n, "too many registers needed to evaluate expression");
}

void ns_gen_reg_free(ns_gen *g, int r)
{
	if (r >= 0)
		g->regs &= ~(1u << r);
}

static ns_absoff base_pos(const ns_gen *g, ns_base base)
{
	switch (base) {
	case NS_BASE_PACKET: return (ns_absoff){0, -1};
	case NS_BASE_LINKHDR: return g->linkhdr;
	case NS_BASE_LINKTYPE: return g->linktype;
	case NS_BASE_LLC: return g->llc;
	case NS_BASE_LINKPL:
	case NS_BASE_TRAN4: return g->linkpl;
	case NS_BASE_TRAN6: return (ns_absoff){g->linkpl.k + 40, g->linkpl.var_reg};
	}
	return (ns_absoff){0, -1};
}

void ns_gen_load_iphl(ns_gen *g, ns_block *b)
{
	ns_ir *ir = &g->ir;
	if (g->linkpl.var_reg < 0) {
		ns_ir_stmt(ir, b, NS_BPF_LDX | NS_BPF_MSH | NS_BPF_B, g->linkpl.k);
		return;
	}
	/* The header's position is only known at run time: X = M[r] + 4*(ip[0] & 0xf). */
	ns_ir_stmt(ir, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)g->linkpl.var_reg);
	ns_ir_stmt(ir, b, NS_BPF_LD | NS_BPF_IND | NS_BPF_B, g->linkpl.k);
	ns_ir_stmt(ir, b, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, 0xf);
	ns_ir_stmt(ir, b, NS_BPF_ALU | NS_BPF_LSH | NS_BPF_K, 2);
	ns_ir_stmt(ir, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
	ns_ir_stmt(ir, b, NS_BPF_MISC | NS_BPF_TAX, 0);
}

/* Appends "A = load(base + off, size)" to b. */
static void load_into(ns_gen *g, ns_block *b, ns_base base, uint32_t off, int size)
{
	ns_ir *ir = &g->ir;
	ns_absoff p = base_pos(g, base);
	uint16_t sz = ns_size_code(size);
	if (base == NS_BASE_TRAN4) {
		ns_gen_load_iphl(g, b);
		ns_ir_stmt(ir, b, NS_BPF_LD | NS_BPF_IND | sz, p.k + off);
		return;
	}
	if (p.var_reg >= 0) {
		ns_ir_stmt(ir, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)p.var_reg);
		ns_ir_stmt(ir, b, NS_BPF_LD | NS_BPF_IND | sz, p.k + off);
		return;
	}
	ns_ir_stmt(ir, b, NS_BPF_LD | NS_BPF_ABS | sz, p.k + off);
}

ns_block *ns_gen_load(ns_gen *g, ns_base base, uint32_t off, int size)
{
	ns_block *b = ns_ir_block(&g->ir);
	load_into(g, b, base, off, size);
	return b;
}

ns_cond ns_gen_cmp_a(ns_gen *g, ns_block *b, int relop, uint32_t v)
{
	static const struct {
		uint16_t op;
		bool negate;
	} rel[] = {
		[NS_REL_GT] = {NS_BPF_JGT, false}, [NS_REL_GE] = {NS_BPF_JGE, false},
		[NS_REL_EQ] = {NS_BPF_JEQ, false}, [NS_REL_LE] = {NS_BPF_JGT, true},
		[NS_REL_LT] = {NS_BPF_JGE, true},  [NS_REL_NE] = {NS_BPF_JEQ, true},
	};
	ns_cond c = ns_ir_cond_jump(&g->ir, b, NS_BPF_JMP | rel[relop].op | NS_BPF_K, v);
	return rel[relop].negate ? ns_ir_not(c) : c;
}

ns_cond ns_gen_cmp(ns_gen *g, ns_base base, uint32_t off, int size, uint32_t mask, int relop,
		   uint32_t v)
{
	ns_block *b = ns_gen_load(g, base, off, size);
	if (mask != 0xffffffffu)
		ns_ir_stmt(&g->ir, b, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, mask);
	return ns_gen_cmp_a(g, b, relop, v);
}

ns_cond ns_gen_jset(ns_gen *g, ns_base base, uint32_t off, int size, uint32_t bits)
{
	ns_block *b = ns_gen_load(g, base, off, size);
	return ns_ir_cond_jump(&g->ir, b, NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K, bits);
}

ns_cond ns_gen_bytes(ns_gen *g, ns_base base, uint32_t off, const uint8_t *p, int size)
{
	/* libpcap compares the trailing words first; the order decides which load fails first on
	 * a truncated packet, so it is kept. */
	ns_cond c = {0};
	bool have = false;
	while (size >= 4) {
		const uint8_t *q = p + size - 4;
		uint32_t w = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
		ns_cond t = ns_gen_cmp(g, base, off + (uint32_t)size - 4, 4, 0xffffffffu, NS_REL_EQ, w);
		c = have ? ns_ir_and(c, t) : t;
		have = true;
		size -= 4;
	}
	while (size >= 2) {
		const uint8_t *q = p + size - 2;
		uint32_t w = (uint32_t)q[0] << 8 | q[1];
		ns_cond t = ns_gen_cmp(g, base, off + (uint32_t)size - 2, 2, 0xffffffffu, NS_REL_EQ, w);
		c = have ? ns_ir_and(c, t) : t;
		have = true;
		size -= 2;
	}
	if (size > 0) {
		ns_cond t = ns_gen_cmp(g, base, off, 1, 0xffffffffu, NS_REL_EQ, p[0]);
		c = have ? ns_ir_and(c, t) : t;
		have = true;
	}
	return have ? c : ns_ir_true(&g->ir);
}

ns_cond ns_gen_node(ns_gen *g, ns_node *n)
{
	switch (n->kind) {
	case NS_N_AND: {
		ns_cond a = ns_gen_node(g, n->a);
		ns_cond b = ns_gen_node(g, n->b);
		return ns_ir_and(a, b);
	}
	case NS_N_OR:
		/* Runs of like primitives become one search (gen_set.c), except in the shape
		 * libpcap's optimizer is modelled on. */
		if (g->pcap_shape) {
			ns_cond a = ns_gen_node(g, n->a);
			return ns_ir_or(a, ns_gen_node(g, n->b));
		}
		return ns_gen_or_chain(g, n);
	case NS_N_NOT:
		return ns_ir_not(ns_gen_node(g, n->a));
	case NS_N_ID:
		return ns_gen_id(g, n);
	case NS_N_PROTO:
		return ns_gen_proto_kw(g, n);
	case NS_N_REL:
		return ns_gen_rel(g, n);
	case NS_N_BROADCAST:
	case NS_N_MULTICAST:
	case NS_N_LESS:
	case NS_N_GREATER:
	case NS_N_BYTE:
	case NS_N_INBOUND:
	case NS_N_OUTBOUND:
	case NS_N_IFINDEX:
	case NS_N_LLC:
	case NS_N_LINKKW:
		return ns_gen_link_prim(g, n);
	case NS_N_VLAN:
	case NS_N_MPLS:
	case NS_N_PPPOED:
	case NS_N_PPPOES:
		return ns_gen_encap(g, n);
	case NS_N_GENEVE:
	case NS_N_VXLAN:
		g->has_tunnel = true;
		return ns_gen_encap(g, n);
	default:
		ns_fail_at(g->ctx, n, "internal error: unexpected node kind %d", n->kind);
	}
}

/* Generates root into g->ir (pcap_shape: the program libpcap's generator would build). */
static void generate(ns_gen *g, ns_ctx *ctx, ns_node *root, bool pcap_shape)
{
	memset(g, 0, sizeof(*g));
	g->ctx = ctx;
	g->pcap_shape = pcap_shape;
	ns_ir_init(&g->ir, ctx);
	g->ll = ns_linklayer_find(ctx->opts.linktype);
	if (!g->ll) {
		const char *name = ns_linktype_name(ctx->opts.linktype);
		ns_fail(ctx, -1, 0, "link type %s%s%d not supported by the code generator",
			name ? name : "", name ? " = " : "", ctx->opts.linktype);
	}
	g->family = g->ll->family;
	g->linkhdr = (ns_absoff){0, -1};
	g->linkpl = (ns_absoff){(uint32_t)g->ll->off_linkpl, -1};
	g->llc = g->linkpl;
	g->linktype = (ns_absoff){(uint32_t)(g->ll->off_linktype < 0 ? 0 : g->ll->off_linktype), -1};

	/* Cells that hold run-time offsets (after geneve, vxlan) are read by every primitive after
	 * the encapsulation, also on paths where it did not match: the prologue writes them first,
	 * so no path reads a cell before writing it (the kernel's rule). */
	g->prologue = ns_ir_block(&g->ir);
	ns_cond c = root ? ns_gen_node(g, root) : ns_ir_true(&g->ir);
	if (g->var_regs) {
		ns_ir_stmt(&g->ir, g->prologue, NS_BPF_LD | NS_BPF_IMM, 0);
		for (int r = 0; r < NS_BPF_MEMWORDS; r++)
			if (g->var_regs & (1u << r))
				ns_ir_stmt(&g->ir, g->prologue, NS_BPF_ST, (uint32_t)r);
	}
	g->prologue->jt = c.entry;
	c.entry = g->prologue;
	ns_ir_finish(&g->ir, c, ctx->opts.snaplen);
}

/* Whether the filter has more primitives than the model takes blocks (each makes at least one):
 * then the model would give up, and its program is not worth generating. Counted without
 * recursion. */
static bool too_big_for_model(ns_ctx *ctx, const ns_node *root)
{
	if (!root)
		return false;
	enum { CAP = 4096 };
	const ns_node **stack = ns_alloc(ctx, CAP * sizeof(*stack));
	int top = 0, leaves = 0;
	stack[top++] = root;
	while (top) {
		const ns_node *n = stack[--top];
		if (n->kind != NS_N_AND && n->kind != NS_N_OR && n->kind != NS_N_NOT) {
			if (++leaves > NS_PCAPMODEL_MAX_BLOCKS)
				return true;
			continue;
		}
		if (top + 2 > CAP)
			return true; /* nested deeper than any filter the model could take */
		if (n->b)
			stack[top++] = n->b;
		if (n->a)
			stack[top++] = n->a;
	}
	return false;
}

void ns_generate(ns_ctx *ctx, ns_node *root, ns_program *out)
{
	ns_gen g;
	if (!ns_linklayer_find(ctx->opts.linktype) && !root) {
		/* The empty filter reads no header, so it applies to every link type, as in
		 * libpcap: reading or capturing on a link type we cannot generate code for still
		 * works without an expression. */
		memset(&g, 0, sizeof(g));
		ns_ir_init(&g.ir, ctx);
		ns_ir_finish(&g.ir, ns_ir_true(&g.ir), ctx->opts.snaplen);
		ns_emit(&g.ir, out);
		return;
	}
	/* Whether libpcap refuses the filter when optimizing is decided on the program its own
	 * generator would build, by a model of what its optimizer can prove (pcapmodel.c); our
	 * optimizer proves more, and what it proves changes only the program we emit. libpcap
	 * does not optimize at all with protochain, geneve or vxlan. */
	ns_pcapmodel verdict = NS_PCAPMODEL_UNKNOWN;
	if (ctx->opts.optimize && !too_big_for_model(ctx, root)) {
		generate(&g, ctx, root, true);
		if (!g.has_protochain && !g.has_tunnel)
			verdict = ns_pcapmodel_run(&g.ir);
		else
			verdict = NS_PCAPMODEL_ACCEPTS;
		if (verdict == NS_PCAPMODEL_REJECTS_ALL)
			ns_fail(ctx, -1, 0, "expression rejects all packets");
	}
	generate(&g, ctx, root, false);
	FILE *dump = ctx->opts.dump_ir;
	if (dump)
		ns_ir_dump(&g.ir, dump, "generation");
	if (ctx->opts.optimize) {
		g.ir.keep_stores = g.has_protochain;
		ns_opt(&g.ir);
		if (dump)
			ns_ir_dump(&g.ir, dump, "optimization");
		if (!ns_ir_reaches(&g.ir, g.ir.ret_accept)) {
			/* Proven to match nothing. Where libpcap's optimizer proves it too, it is an
			 * error (tcpdump refuses `arp` on raw IP, `ip6 and ip`); where only ours does,
			 * the program is the equivalent `ret #0`. The model gives up on huge programs:
			 * then our proof decides. */
			if (verdict == NS_PCAPMODEL_ACCEPTS || g.has_protochain || g.has_tunnel)
				g.ir.root = g.ir.ret_reject;
			else
				ns_fail(ctx, -1, 0, "expression rejects all packets");
		}
	}
	ns_emit(&g.ir, out);
}
