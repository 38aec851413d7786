/* Link-level and whole-packet primitives: broadcast, multicast, less, greater, `byte`,
 * inbound/outbound/ifindex, llc and its frame kinds, and the keywords of other link types.
 *
 * Packet direction and interface index come from packet bytes on the Linux cooked link types
 * (capture files), or from the kernel's ancillary data when compiling for a live socket: the
 * choice is made in one place, direction_field(). */
#include <string.h>

#include "compiler/gen.h"

static ns_cond broadcast(ns_gen *g, ns_node *n)
{
	switch (n->qual.proto) {
	case NS_QP_DEFAULT:
	case NS_QP_LINK: {
		static const uint8_t ones[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
		if (!ns_gen_has_mac(g))
			ns_fail_at(g->ctx, n, "not a broadcast link");
		return ns_gen_bytes(g, NS_BASE_LINKHDR, 0, ones, 6);
	}
	case NS_QP_IP: {
		if (g->ctx->opts.netmask == NS_NETMASK_UNKNOWN)
			ns_fail_at(g->ctx, n, "netmask not known, so 'ip broadcast' not supported");
		uint32_t host = ~g->ctx->opts.netmask;
		ns_cond lt = ns_gen_linktype(g, 0x0800);
		ns_cond zero = ns_gen_cmp(g, NS_BASE_LINKPL, 16, 4, host, NS_REL_EQ, 0);
		ns_cond all = ns_gen_cmp(g, NS_BASE_LINKPL, 16, 4, host, NS_REL_EQ, host);
		return ns_ir_and(lt, ns_ir_or(zero, all));
	}
	default:
		ns_fail_at(g->ctx, n, "only link-layer/IP broadcast filters supported");
	}
}

static ns_cond multicast(ns_gen *g, ns_node *n)
{
	switch (n->qual.proto) {
	case NS_QP_DEFAULT:
	case NS_QP_LINK:
		if (!ns_gen_has_mac(g))
			ns_fail_at(g->ctx, n, "link-layer multicast filters supported only on "
					      "ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
		/* the group bit: the first bit on the wire of the destination address */
		return ns_gen_jset(g, NS_BASE_LINKHDR, 0, 1, 1);
	case NS_QP_IP: {
		ns_cond lt = ns_gen_linktype(g, 0x0800);
		return ns_ir_and(lt, ns_gen_cmp(g, NS_BASE_LINKPL, 16, 1, 0xffffffffu, NS_REL_GE, 224));
	}
	case NS_QP_IPV6: {
		ns_cond lt = ns_gen_linktype(g, 0x86dd);
		return ns_ir_and(lt, ns_gen_cmp(g, NS_BASE_LINKPL, 24, 1, 0xffffffffu, NS_REL_EQ, 255));
	}
	default:
		ns_fail_at(g->ctx, n, "link-layer multicast filters supported only on "
				      "ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
	}
}

static ns_cond length(ns_gen *g, int relop, uint32_t v)
{
	ns_block *b = ns_ir_block(&g->ir);
	ns_ir_stmt(&g->ir, b, NS_BPF_LD | NS_BPF_W | NS_BPF_LEN, 0);
	return ns_gen_cmp_a(g, b, relop, v);
}

static ns_cond byteop(ns_gen *g, ns_node *n)
{
	if (n->num2 > 255)
		ns_fail_at(g->ctx, n, "byte argument %u greater than maximum 255", n->num2);
	switch (n->byteop) {
	case NS_BYTE_EQ:
		return ns_gen_cmp(g, NS_BASE_LINKHDR, n->num, 1, 0xffffffffu, NS_REL_EQ, n->num2);
	case NS_BYTE_LT:
		return ns_gen_cmp(g, NS_BASE_LINKHDR, n->num, 1, 0xffffffffu, NS_REL_LT, n->num2);
	case NS_BYTE_GT:
		return ns_gen_cmp(g, NS_BASE_LINKHDR, n->num, 1, 0xffffffffu, NS_REL_GT, n->num2);
	case NS_BYTE_AND:
		/* libpcap 1.10 forgets the load here and tests A's initial 0; we test the byte, as
		 * the manual says (docs/filter-semantics.md) */
		return ns_gen_cmp(g, NS_BASE_LINKHDR, n->num, 1, n->num2, NS_REL_NE, 0);
	case NS_BYTE_OR: {
		ns_block *b = ns_gen_load(g, NS_BASE_LINKHDR, n->num, 1);
		ns_ir_stmt(&g->ir, b, NS_BPF_ALU | NS_BPF_OR | NS_BPF_K, n->num2);
		return ns_gen_cmp_a(g, b, NS_REL_NE, 0);
	}
	}
	ns_fail_at(g->ctx, n, "internal error: bad byte operator");
}

/* Outgoing packets: PACKET_OUTGOING in the cooked header, or SKF_AD_PKTTYPE when live. */
static ns_cond outgoing(ns_gen *g, ns_node *n)
{
	if (g->ctx->opts.linux_live)
		return ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_PKTTYPE), 2,
				  0xffffffffu, NS_REL_EQ, 4);
	if (!g->ll->cooked)
		ns_fail_at(g->ctx, n, "inbound/outbound not supported on %s when not doing a live "
				      "capture", g->ll->description);
	int size = g->ll->dlt == 276 ? 1 : 2;
	return ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)g->ll->off_pkttype, size, 0xffffffffu,
			  NS_REL_EQ, 4);
}

static ns_cond ifindex(ns_gen *g, ns_node *n)
{
	if (g->ctx->opts.linux_live)
		return ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)(NS_SKF_AD_OFF + NS_SKF_AD_IFINDEX), 4,
				  0xffffffffu, NS_REL_EQ, n->num);
	if (g->ll->off_ifindex < 0)
		ns_fail_at(g->ctx, n, "ifindex not supported on %s when not doing a live capture",
			   g->ll->description);
	return ns_gen_cmp(g, NS_BASE_PACKET, (uint32_t)g->ll->off_ifindex, 4, 0xffffffffu,
			  NS_REL_EQ, n->num);
}

/* LLC control-field tests: mask and value on the control byte after DSAP and SSAP. */
static const struct {
	uint8_t mask, value;
	bool negate_jset; /* `llc i`: the low bit is clear */
} llc_kinds[] = {
	[NS_LLC_I] = {0x01, 0x00, true},  [NS_LLC_S] = {0x03, 0x01, false},
	[NS_LLC_U] = {0x03, 0x03, false}, [NS_LLC_S_RR] = {0x0f, 0x01, false},
	[NS_LLC_S_RNR] = {0x0f, 0x05, false}, [NS_LLC_S_REJ] = {0x0f, 0x09, false},
	[NS_LLC_U_UI] = {0xef, 0x03, false}, [NS_LLC_U_UA] = {0xef, 0x63, false},
	[NS_LLC_U_DISC] = {0xef, 0x43, false}, [NS_LLC_U_DM] = {0xef, 0x0f, false},
	[NS_LLC_U_SABME] = {0xef, 0x6f, false}, [NS_LLC_U_TEST] = {0xef, 0xe3, false},
	[NS_LLC_U_XID] = {0xef, 0xaf, false}, [NS_LLC_U_FRMR] = {0xef, 0x87, false},
};

static ns_cond llc(ns_gen *g, ns_node *n)
{
	ns_cond c = ns_gen_llc_check(g, n);
	if (n->llc == NS_LLC_ANY)
		return c;
	if (n->llc >= sizeof(llc_kinds) / sizeof(llc_kinds[0]))
		ns_fail_at(g->ctx, n, "internal error: bad llc kind");
	ns_cond k;
	if (llc_kinds[n->llc].negate_jset)
		k = ns_ir_not(ns_gen_jset(g, NS_BASE_LLC, 2, 1, 1));
	else
		k = ns_gen_cmp(g, NS_BASE_LLC, 2, 1, llc_kinds[n->llc].mask, NS_REL_EQ,
			       llc_kinds[n->llc].value);
	return ns_ir_and(c, k);
}

ns_cond ns_gen_link_prim(ns_gen *g, ns_node *n)
{
	switch (n->kind) {
	case NS_N_BROADCAST:
		return broadcast(g, n);
	case NS_N_MULTICAST:
		return multicast(g, n);
	case NS_N_LESS:
		return length(g, NS_REL_LE, n->num);
	case NS_N_GREATER:
		return length(g, NS_REL_GE, n->num);
	case NS_N_BYTE:
		return byteop(g, n);
	case NS_N_OUTBOUND:
		return outgoing(g, n);
	case NS_N_INBOUND:
		return ns_ir_not(outgoing(g, n));
	case NS_N_IFINDEX:
		return ifindex(g, n);
	case NS_N_LLC:
		return llc(g, n);
	case NS_N_LINKKW:
	default:
		ns_fail_at(g->ctx, n, "'%s' not supported on %s",
			   n->linkkw.keyword ? n->linkkw.keyword : "?", g->ll->description);
	}
}
