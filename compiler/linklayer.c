/* Per-link-type header layouts, and "the payload is protocol P" tests for each layout family.
 *
 * Protocols are named by their Ethernet type (0x0800, 0x86dd, ...) or, below 1500, by their
 * 802.2 LLC SAP (0xfe ISO, 0x42 STP, 0xe0 IPX, 0xf0 NetBEUI), as libpcap does; each family
 * translates that into its own field: PPP protocol numbers, loopback address families, the IP
 * version nibble of raw IP. Where a link type cannot carry the protocol at all the test is
 * constant false, which is libpcap's behaviour too (not an error). */
#include <stddef.h>

#include "compiler/gen.h"

static const ns_linklayer linklayers[] = {
	/* dlt, description, family, off_linktype, off_linkpl, has_mac, cooked, pkttype, ifindex,
	 * off_nl_nosnap */
	{1, "Ethernet", NS_LL_ETHER, 12, 14, true, false, -1, -1, 3},
	{113, "Linux cooked v1", NS_LL_SLL, 14, 16, false, true, 0, -1, 0},
	{276, "Linux cooked v2", NS_LL_SLL, 0, 20, false, true, 10, 4, 0},
	{12, "Raw IP", NS_LL_RAW, -1, 0, false, false, -1, -1, 0},
	{101, "Raw IP", NS_LL_RAW, -1, 0, false, false, -1, -1, 0}, /* LINKTYPE_RAW in files */
	{228, "Raw IPv4", NS_LL_IPV4, -1, 0, false, false, -1, -1, 0},
	{229, "Raw IPv6", NS_LL_IPV6, -1, 0, false, false, -1, -1, 0},
	{0, "BSD loopback", NS_LL_NULL, 0, 4, false, false, -1, -1, 0},
	{108, "OpenBSD loopback", NS_LL_LOOP, 0, 4, false, false, -1, -1, 0},
	{9, "PPP", NS_LL_PPP, 2, 4, false, false, -1, -1, 0},
};

const ns_linklayer *ns_linklayer_find(int dlt)
{
	for (size_t i = 0; i < sizeof(linklayers) / sizeof(linklayers[0]); i++)
		if (linklayers[i].dlt == dlt)
			return &linklayers[i];
	return NULL;
}

enum {
	ETHERMTU = 1500,
	ET_IP = 0x0800,
	ET_IPV6 = 0x86dd,
	ET_ATALK = 0x809b,
	ET_AARP = 0x80f3,
	ET_IPX = 0x8137,
	SAP_IP = 0x06,
	SAP_ISONS = 0xfe,
	SAP_NETBEUI = 0xf0,
	SAP_IPX = 0xe0,
	SLL_P_802_3 = 0x0001, /* Novell 802.3 frames without 802.2 */
	SLL_P_802_2 = 0x0004,
};

/* Ethertype (or SAP) -> PPP protocol number, where they differ. */
static const struct {
	uint32_t ethertype, ppp;
} ppp_map[] = {
	{ET_IP, 0x0021},   {ET_IPV6, 0x0057}, {0x6003, 0x0027}, {ET_ATALK, 0x0029},
	{0x0600, 0x0025},  {SAP_ISONS, 0x0023}, {0x42, 0x0031}, {SAP_IPX, 0x002b},
};

/* SNAP header "aa aa 03" + OUI + type, checked as libpcap does: the type word first. */
static ns_cond snap(ns_gen *g, uint32_t oui, uint32_t type)
{
	ns_cond t = ns_gen_cmp(g, NS_BASE_LLC, 4, 4, 0xffffffffu, NS_REL_EQ,
			       (oui & 0xff) << 16 | type);
	/* The header word is aa aa 03 and the OUI's first byte; the type word is the OUI's last
	 * two bytes and the type (the OUI's middle byte is 0 for both uses, 00-00-00 and
	 * AppleTalk's 08-00-07). */
	ns_cond hdr = ns_gen_cmp(g, NS_BASE_LLC, 0, 4, 0xffffffffu, NS_REL_EQ,
				 0xaaaa0300u | (oui >> 16));
	return ns_ir_and(t, hdr);
}

static ns_cond ether_type_eq(ns_gen *g, uint32_t v)
{
	return ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_EQ, v);
}

/* 802.3 length field (an 802.2 frame follows) rather than an Ethernet II type. */
static ns_cond ether_is_llc(ns_gen *g)
{
	return ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 2, 0xffffffffu, NS_REL_LE, ETHERMTU);
}

static ns_cond llc_for(ns_gen *g, ns_cond is_llc, uint32_t proto)
{
	switch (proto) {
	case SAP_ISONS:
	case SAP_IP:
	case SAP_NETBEUI:
		/* DSAP and SSAP both */
		return ns_ir_and(is_llc, ns_gen_cmp(g, NS_BASE_LLC, 0, 2, 0xffffffffu, NS_REL_EQ,
						    proto << 8 | proto));
	default:
		return ns_ir_and(is_llc, ns_gen_cmp(g, NS_BASE_LLC, 0, 1, 0xffffffffu, NS_REL_EQ, proto));
	}
}

static ns_cond ether_linktype(ns_gen *g, uint32_t proto)
{
	switch (proto) {
	case SAP_IPX: {
		/* Ethernet II IPX, or 802.3 with SNAP, 802.2 or Novell raw ("ff ff") framing. */
		ns_cond et = ether_type_eq(g, ET_IPX);
		ns_cond llc = ether_is_llc(g);
		ns_cond s = snap(g, 0, ET_IPX);
		ns_cond sap = ns_gen_cmp(g, NS_BASE_LLC, 0, 1, 0xffffffffu, NS_REL_EQ, SAP_IPX);
		ns_cond raw = ns_gen_cmp(g, NS_BASE_LLC, 0, 2, 0xffffffffu, NS_REL_EQ, 0xffff);
		return ns_ir_or(et, ns_ir_and(llc, ns_ir_or(ns_ir_or(s, sap), raw)));
	}
	case ET_ATALK:
	case ET_AARP: {
		ns_cond et = ether_type_eq(g, proto);
		ns_cond llc = ether_is_llc(g);
		ns_cond s = proto == ET_ATALK ? snap(g, 0x080007, proto) : snap(g, 0, proto);
		return ns_ir_or(et, ns_ir_and(llc, s));
	}
	default:
		if (proto <= ETHERMTU)
			return llc_for(g, ether_is_llc(g), proto);
		return ether_type_eq(g, proto);
	}
}

static ns_cond sll_linktype(ns_gen *g, uint32_t proto)
{
	switch (proto) {
	case SAP_IPX: {
		ns_cond et = ether_type_eq(g, ET_IPX);
		ns_cond raw = ether_type_eq(g, SLL_P_802_3);
		ns_cond llc = ether_type_eq(g, SLL_P_802_2);
		ns_cond sap = ns_gen_cmp(g, NS_BASE_LLC, 0, 1, 0xffffffffu, NS_REL_EQ, SAP_IPX);
		ns_cond s = snap(g, 0, ET_IPX);
		return ns_ir_or(ns_ir_or(et, raw), ns_ir_and(llc, ns_ir_or(sap, s)));
	}
	case ET_ATALK:
	case ET_AARP: {
		ns_cond et = ether_type_eq(g, proto);
		ns_cond llc = ether_type_eq(g, SLL_P_802_2);
		ns_cond s = proto == ET_ATALK ? snap(g, 0x080007, proto) : snap(g, 0, proto);
		return ns_ir_or(et, ns_ir_and(llc, s));
	}
	default:
		if (proto <= ETHERMTU)
			return llc_for(g, ether_type_eq(g, SLL_P_802_2), proto);
		return ether_type_eq(g, proto);
	}
}

/* Inside an MPLS label stack only IP can be recognised: the last label has its
 * bottom-of-stack bit set, and the version nibble tells IPv4 from IPv6. */
static ns_cond mpls_linktype(ns_gen *g, uint32_t proto)
{
	if (proto != ET_IP && proto != ET_IPV6)
		ns_fail(g->ctx, -1, 0, "unsupported protocol over mpls");
	ns_cond bos = ns_gen_cmp(g, NS_BASE_LINKPL, (uint32_t)-2, 1, 0x01, NS_REL_EQ, 0x01);
	ns_cond ver = ns_gen_cmp(g, NS_BASE_LINKPL, 0, 1, 0xf0, NS_REL_EQ, proto == ET_IP ? 0x40 : 0x60);
	return ns_ir_and(bos, ver);
}

ns_cond ns_gen_linktype(ns_gen *g, uint32_t proto)
{
	if (g->label_stack_depth > 0)
		return mpls_linktype(g, proto);
	switch (g->family) {
	case NS_LL_ETHER:
		return ether_linktype(g, proto);
	case NS_LL_SLL:
		/* libpcap 1.10 gives Linux cooked v2 no 802.2 special cases: the field is compared
		 * as it is. */
		if (g->ll->dlt == 276 && !g->is_encap)
			return ether_type_eq(g, proto);
		return sll_linktype(g, proto);
	case NS_LL_RAW:
		if (proto == ET_IP || proto == ET_IPV6)
			return ns_gen_cmp(g, NS_BASE_LINKPL, 0, 1, 0xf0, NS_REL_EQ,
					  proto == ET_IP ? 0x40 : 0x60);
		return ns_ir_false(&g->ir);
	case NS_LL_IPV4:
		return proto == ET_IP ? ns_ir_true(&g->ir) : ns_ir_false(&g->ir);
	case NS_LL_IPV6:
		return proto == ET_IPV6 ? ns_ir_true(&g->ir) : ns_ir_false(&g->ir);
	case NS_LL_NULL:
	case NS_LL_LOOP: {
		uint32_t af;
		if (proto == ET_IP)
			af = 2;
		else if (proto == ET_IPV6)
			af = 10;
		else
			return ns_ir_false(&g->ir);
		/* DLT_NULL's family is in the capturing host's byte order; libpcap compiles for a
		 * little-endian host's files here, so the value is byte-swapped. */
		if (g->family == NS_LL_NULL)
			af = af << 24;
		return ns_gen_cmp(g, NS_BASE_LINKTYPE, 0, 4, 0xffffffffu, NS_REL_EQ, af);
	}
	case NS_LL_PLAIN:
		return ether_type_eq(g, proto);
	case NS_LL_PPP: {
		uint32_t v = proto;
		for (size_t i = 0; i < sizeof(ppp_map) / sizeof(ppp_map[0]); i++)
			if (ppp_map[i].ethertype == proto)
				v = ppp_map[i].ppp;
		return ether_type_eq(g, v);
	}
	}
	return ns_ir_false(&g->ir);
}

ns_cond ns_gen_llc_check(ns_gen *g, const ns_node *n)
{
	if (g->family == NS_LL_ETHER) {
		/* 802.3 frame, and not Novell's raw 802.3 ("ff ff" where the LLC header would be) */
		ns_cond llc = ether_is_llc(g);
		ns_cond raw = ns_gen_cmp(g, NS_BASE_LLC, 0, 2, 0xffffffffu, NS_REL_EQ, 0xffff);
		return ns_ir_and(llc, ns_ir_not(raw));
	}
	ns_fail_at(g->ctx, n, "'llc' not supported for %s", g->ll->description);
}
