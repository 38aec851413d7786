/* Protocol keywords (`tcp`, `ip6`, `arp`, `isis`, `l1`, ...) and `[qual] proto N`.
 *
 * One table says what each keyword means: a link-layer protocol, an IP protocol over IPv4
 * and/or IPv6, an OSI network protocol (by NLPID), or a set of IS-IS PDU types. The IPv6 form
 * of "protocol P" follows libpcap exactly: the Next Header field is P, or it is a Fragment
 * header (44) whose Next Header is P; no other extension header is skipped (`protochain` does
 * the full walk). */
#include <stddef.h>

#include "compiler/gen.h"

enum { V4 = 1, V6 = 2 };

typedef enum kwkind { KW_LINK, KW_IP, KW_ISO, KW_ISIS_PDU, KW_ERROR } kwkind;

typedef struct kwdef {
	uint8_t kind;
	uint8_t ipver;   /* KW_IP: V4, V6 or both */
	uint32_t v;      /* ethertype/SAP, IP protocol, NLPID */
	uint8_t pdus[5]; /* KW_ISIS_PDU: PDU types, 0-terminated */
} kwdef;

static const kwdef keywords[NS_QP_COUNT] = {
	[NS_QP_IP] = {KW_LINK, 0, 0x0800, {0}},
	[NS_QP_IPV6] = {KW_LINK, 0, 0x86dd, {0}},
	[NS_QP_ARP] = {KW_LINK, 0, 0x0806, {0}},
	[NS_QP_RARP] = {KW_LINK, 0, 0x8035, {0}},
	[NS_QP_ATALK] = {KW_LINK, 0, 0x809b, {0}},
	[NS_QP_AARP] = {KW_LINK, 0, 0x80f3, {0}},
	[NS_QP_DECNET] = {KW_LINK, 0, 0x6003, {0}},
	[NS_QP_LAT] = {KW_LINK, 0, 0x6004, {0}},
	[NS_QP_SCA] = {KW_LINK, 0, 0x6007, {0}},
	[NS_QP_MOPRC] = {KW_LINK, 0, 0x6002, {0}},
	[NS_QP_MOPDL] = {KW_LINK, 0, 0x6001, {0}},
	[NS_QP_ISO] = {KW_LINK, 0, 0xfe, {0}},
	[NS_QP_STP] = {KW_LINK, 0, 0x42, {0}},
	[NS_QP_IPX] = {KW_LINK, 0, 0xe0, {0}},
	[NS_QP_NETBEUI] = {KW_LINK, 0, 0xf0, {0}},
	[NS_QP_TCP] = {KW_IP, V4 | V6, 6, {0}},
	[NS_QP_UDP] = {KW_IP, V4 | V6, 17, {0}},
	[NS_QP_SCTP] = {KW_IP, V4 | V6, 132, {0}},
	[NS_QP_ICMP] = {KW_IP, V4, 1, {0}},
	[NS_QP_IGMP] = {KW_IP, V4, 2, {0}},
	[NS_QP_IGRP] = {KW_IP, V4, 9, {0}},
	[NS_QP_PIM] = {KW_IP, V4 | V6, 103, {0}},
	[NS_QP_VRRP] = {KW_IP, V4, 112, {0}},
	[NS_QP_CARP] = {KW_IP, V4, 112, {0}},
	[NS_QP_AH] = {KW_IP, V4 | V6, 51, {0}},
	[NS_QP_ESP] = {KW_IP, V4 | V6, 50, {0}},
	[NS_QP_ICMPV6] = {KW_IP, V6, 58, {0}},
	[NS_QP_CLNP] = {KW_ISO, 0, 0x81, {0}},
	[NS_QP_ESIS] = {KW_ISO, 0, 0x82, {0}},
	[NS_QP_ISIS] = {KW_ISO, 0, 0x83, {0}},
	/* IS-IS PDU types: 15/16 LAN IIH L1/L2, 17 point-to-point IIH, 18/20 LSP L1/L2,
	 * 24/25 CSNP L1/L2, 26/27 PSNP L1/L2. */
	[NS_QP_ISIS_L1] = {KW_ISIS_PDU, 0, 0, {26, 24, 18, 15, 17}},
	[NS_QP_ISIS_L2] = {KW_ISIS_PDU, 0, 0, {27, 25, 20, 16, 17}},
	[NS_QP_ISIS_IIH] = {KW_ISIS_PDU, 0, 0, {17, 15, 16}},
	[NS_QP_ISIS_LSP] = {KW_ISIS_PDU, 0, 0, {20, 18}},
	[NS_QP_ISIS_SNP] = {KW_ISIS_PDU, 0, 0, {27, 25, 26, 24}},
	[NS_QP_ISIS_CSNP] = {KW_ISIS_PDU, 0, 0, {25, 24}},
	[NS_QP_ISIS_PSNP] = {KW_ISIS_PDU, 0, 0, {27, 26}},
	[NS_QP_LINK] = {KW_ERROR, 0, 0, {0}},
	[NS_QP_RADIO] = {KW_ERROR, 0, 0, {0}},
	[NS_QP_DEFAULT] = {KW_ERROR, 0, 0, {0}},
	[NS_QP_UNDEF] = {KW_ERROR, 0, 0, {0}},
};

ns_cond ns_gen_ip_proto(ns_gen *g, uint32_t p)
{
	ns_cond lt = ns_gen_linktype(g, 0x0800);
	return ns_ir_and(lt, ns_gen_cmp(g, NS_BASE_LINKPL, 9, 1, 0xffffffffu, NS_REL_EQ, p));
}

ns_cond ns_gen_ip6_proto(ns_gen *g, uint32_t p)
{
	ns_cond lt = ns_gen_linktype(g, 0x86dd);
	ns_cond direct = ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, p);
	ns_cond frag = ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, 44);
	ns_cond inner = ns_gen_cmp(g, NS_BASE_LINKPL, 40, 1, 0xffffffffu, NS_REL_EQ, p);
	return ns_ir_and(lt, ns_ir_or(direct, ns_ir_and(frag, inner)));
}

ns_cond ns_gen_ipfrag_not(ns_gen *g)
{
	/* The fragment offset is zero: the transport header is in this packet. */
	return ns_ir_not(ns_gen_jset(g, NS_BASE_LINKPL, 6, 2, 0x1fff));
}

static ns_cond iso_proto(ns_gen *g, uint32_t nlpid)
{
	ns_cond lt = ns_gen_linktype(g, 0xfe);
	uint32_t at = (uint32_t)g->ll->off_nl_nosnap;
	return ns_ir_and(lt, ns_gen_cmp(g, NS_BASE_LINKPL, at, 1, 0xffffffffu, NS_REL_EQ, nlpid));
}

ns_cond ns_gen_proto_abbrev(ns_gen *g, int qp, const ns_node *n)
{
	const kwdef *k = &keywords[qp];
	switch (k->kind) {
	case KW_LINK:
		return ns_gen_linktype(g, k->v);
	case KW_IP: {
		if (k->ipver == V4)
			return ns_gen_ip_proto(g, k->v);
		if (k->ipver == V6)
			return ns_gen_ip6_proto(g, k->v);
		ns_cond a = ns_gen_ip_proto(g, k->v);
		return ns_ir_or(a, ns_gen_ip6_proto(g, k->v));
	}
	case KW_ISO:
		return iso_proto(g, k->v);
	case KW_ISIS_PDU: {
		ns_cond c = {0};
		for (int i = 0; i < 5 && k->pdus[i]; i++) {
			ns_cond isis = iso_proto(g, 0x83);
			ns_cond pdu = ns_gen_cmp(g, NS_BASE_LINKPL, (uint32_t)g->ll->off_nl_nosnap + 4, 1, 0xffffffffu, NS_REL_EQ,
						 k->pdus[i]);
			ns_cond one = ns_ir_and(isis, pdu);
			c = i ? ns_ir_or(c, one) : one;
		}
		return c;
	}
	default:
		break;
	}
	if (qp == NS_QP_LINK)
		ns_fail_at(g->ctx, n, "link layer applied in wrong context");
	if (qp == NS_QP_RADIO)
		ns_fail_at(g->ctx, n, "'radio' is not a valid protocol for this link type");
	ns_fail_at(g->ctx, n, "'%s' is not a protocol here", ns_qproto_names[qp]);
}

ns_cond ns_gen_proto_kw(ns_gen *g, ns_node *n)
{
	return ns_gen_proto_abbrev(g, n->qual.proto, n);
}

/* `[qual] proto v`. */
ns_cond ns_gen_id_proto(ns_gen *g, ns_node *n, uint32_t v)
{
	int qp = n->qual.proto;
	switch (qp) {
	case NS_QP_DEFAULT: {
		if (v > 255)
			ns_fail_at(g->ctx, n, "IP protocol %u greater than maximum 255", v);
		ns_cond a = ns_gen_ip_proto(g, v);
		return ns_ir_or(a, ns_gen_ip6_proto(g, v));
	}
	case NS_QP_IP:
		if (v > 255)
			ns_fail_at(g->ctx, n, "IP protocol %u greater than maximum 255", v);
		return ns_gen_ip_proto(g, v);
	case NS_QP_IPV6:
		if (v > 255)
			ns_fail_at(g->ctx, n, "IPv6 next header %u greater than maximum 255", v);
		return ns_gen_ip6_proto(g, v);
	case NS_QP_LINK:
		if (v > 65535)
			ns_fail_at(g->ctx, n, "ether type %u greater than maximum 65535", v);
		/* Values up to 1500 name an 802.2 DSAP where the link layer can carry LLC. */
		if (v <= 1500 && v > 255 &&
		    (g->family == NS_LL_ETHER || (g->family == NS_LL_SLL && g->ll->dlt != 276)))
			ns_fail_at(g->ctx, n, "LLC DSAP %u greater than maximum 255", v);
		return ns_gen_linktype(g, v);
	case NS_QP_ISO:
		if (v > 255)
			ns_fail_at(g->ctx, n, "ISO protocol %u greater than maximum 255", v);
		return iso_proto(g, v);
	case NS_QP_ISIS: {
		if (v > 31)
			ns_fail_at(g->ctx, n, "IS-IS PDU type %u greater than maximum 31", v);
		ns_cond isis = iso_proto(g, 0x83);
		return ns_ir_and(isis, ns_gen_cmp(g, NS_BASE_LINKPL, (uint32_t)g->ll->off_nl_nosnap + 4, 1,
						  0xffffffffu, NS_REL_EQ, v));
	}
	default:
		ns_fail_at(g->ctx, n, "'%s proto' is not supported", ns_qproto_names[qp]);
	}
}

/* `protochain P`: walk the IPv6 extension headers (hop-by-hop 0, destination options 60,
 * routing 43, fragment 44) and IPsec AH (51) until a header of type P is found.
 *
 * libpcap loops with a backward jump, which the Linux kernel refuses and which never ends on
 * some packets; here the walk is unrolled to a fixed number of steps over headers (IPv6: 8,
 * more than hop-by-hop, routing, fragment, destination options and AH together; IPv4, where
 * only AH is stepped over: 5) and a packet whose chain is longer does not match
 * (docs/filter-semantics.md). Within that depth the verdict is libpcap's, including how it
 * steps over AH: the new offset is (AH length + 2) * 4 from the start of the IP header, not
 * from the AH header (as libpcap computes it), and including truncated packets: each step
 * over a header reads its next-header byte and its length byte, as libpcap's does.
 *
 * Between steps A holds the current header's type and X its offset from the network header
 * (IPv6's first header is at the constant 40: no X). A step tests the type (P matches; AH,
 * then the four extension headers in one set test, are stepped over; anything else, No Next
 * Header (59) included, does not match), then computes the new offset in A on one of two
 * short paths, ext (L + 1) * 8 + X and AH (L + 2) * 4, written as "L << s [+ X]" plus 8,
 * which a tail shared by the two paths adds before it loads the next type at the old offset:
 * M[r] only parks the new offset for that load. Both of libpcap's loads (type and length
 * byte) run in every step, so reading the length first changes no verdict. The last step only
 * reads the type it leads to, with a halfword load, so that the length byte libpcap's step
 * also reads must have been captured. About 14 instructions per step over IPv6, 8 over IPv4. */
enum { NS_PROTOCHAIN_DEPTH6 = 8, NS_PROTOCHAIN_DEPTH4 = 5 };

static ns_block *test_a(ns_ir *ir, uint32_t k)
{
	ns_block *b = ns_ir_block(ir);
	b->jcode = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
	b->k = k;
	return b;
}

static void stmt(ns_ir *ir, ns_block *b, uint16_t code, uint32_t k)
{
	ns_ir_stmt(ir, b, code, k);
}

/* A set of header types tested in two instructions instead of one comparison per member:
 * for a byte T, (T * k) & m is 0 exactly when T is a member (among all bytes but the one
 * excepted, tested before). k is the smallest for which such an m exists (an exhaustive
 * search over k and the 256 bytes); m is the bits that no member's product has. The types
 * are bytes, so T * k never wraps. tests/unit/compiler/test_gen_proto.c tries every type at
 * every step against libpcap. */
typedef struct byteset {
	uint32_t k, m;
} byteset;
/* IPv6 extension headers libpcap steps over: 0, 43, 44, 60 (51, AH, excepted) */
static const byteset ext6_set = {143, 0xffffc66a};
/* every header the IPv6 walk steps over: 0, 43, 44, 51, 60 */
static const byteset walk6_set = {13503, 0xfff02122};

/* A = T * k, then jset m: true (jt) when T is not in the set, false (jf) when it is. The walk
 * needs T no more on either side: the next step reads its type from the packet. */
static ns_block *test_set(ns_ir *ir, const byteset *s)
{
	ns_block *b = ns_ir_block(ir);
	stmt(ir, b, NS_BPF_ALU | NS_BPF_MUL | NS_BPF_K, s->k);
	b->jcode = NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K;
	b->k = s->m;
	return b;
}

/* Loads the byte or halfword at `off` into the current header: the header starts at X, or
 * at the constant `at` from the network header when that is known (IPv6's first header, at
 * 40, which spares the scratch round trip of the first step). */
static void load_hdr(ns_ir *ir, ns_block *b, uint16_t size, uint32_t nl, int at, uint32_t off)
{
	if (at >= 0)
		stmt(ir, b, NS_BPF_LD | NS_BPF_ABS | size, nl + (uint32_t)at + off);
	else
		stmt(ir, b, NS_BPF_LD | NS_BPF_IND | size, nl + off);
}

/* The new offset, less 8, in A from the current header's length byte L:
 * ext: L * 8 + the header's offset; AH: L * 4 (libpcap does not add the offset). */
static ns_block *step_offset(ns_ir *ir, uint32_t nl, int at, bool ah, ns_block *tail)
{
	ns_block *b = ns_ir_block(ir);
	load_hdr(ir, b, NS_BPF_B, nl, at, 1);
	stmt(ir, b, NS_BPF_ALU | NS_BPF_LSH | NS_BPF_K, ah ? 2 : 3);
	if (!ah) {
		if (at >= 0)
			stmt(ir, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, (uint32_t)at);
		else
			stmt(ir, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
	}
	b->jt = tail;
	return b;
}

/* A chain of `jeq` over the wanted types, entered at the returned block: a hit joins *yes,
 * a miss leaves through *miss (the last block's jf). The first block is b when given (it
 * carries statements already). */
static ns_block *test_any(ns_ir *ir, ns_block *b, const uint32_t *vals, int nv, ns_jlist *yes,
			  ns_block ***miss)
{
	ns_block *first = NULL, *prev = NULL;
	for (int i = 0; i < nv; i++) {
		ns_block *t = i == 0 && b ? b : ns_ir_block(ir);
		t->jcode = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
		t->k = vals[i];
		*yes = ns_jlist_concat(*yes, ns_jlist_one(ir, &t->jt));
		if (prev)
			prev->jf = t;
		else
			first = t;
		prev = t;
	}
	*miss = &prev->jf;
	return first;
}

static ns_cond protochain1(ns_gen *g, const ns_node *n, const uint32_t *vals, int nv, bool v6)
{
	ns_ir *ir = &g->ir;
	uint32_t nl = g->linkpl.k;
	if (g->linkpl.var_reg >= 0)
		ns_fail_at(g->ctx, n, "'protochain' after a variable-length encapsulation is not supported");
	ns_cond lt = ns_gen_linktype(g, v6 ? 0x86dd : 0x0800);
	int r = ns_gen_reg_alloc(g, n);
	ns_block *init = ns_ir_block(ir);
	int at = -1; /* the current header's offset when constant, else it is in X */
	if (v6) {
		stmt(ir, init, NS_BPF_LD | NS_BPF_ABS | NS_BPF_B, nl + 6);
		at = 40;
	} else {
		stmt(ir, init, NS_BPF_LD | NS_BPF_ABS | NS_BPF_B, nl + 9);
		/* `ip protochain 51` steps over nothing: all that is left is one test, which
		 * the optimizer drops, with the load, where its outcome does not matter; the
		 * store keeps the load, as in the last step below */
		if (nv == 1 && vals[0] == 51)
			stmt(ir, init, NS_BPF_ST, (uint32_t)r);
		stmt(ir, init, NS_BPF_LDX | NS_BPF_MSH | NS_BPF_B, nl);
	}
	ns_ir_patch(lt.t, init);
	ns_jlist yes = {NULL, NULL}, no = lt.f;
	ns_jlist next = ns_jlist_one(ir, &init->jt);
	int depth = v6 ? NS_PROTOCHAIN_DEPTH6 : NS_PROTOCHAIN_DEPTH4;
	for (int step = 0; step < depth; step++, at = -1) {
		bool last = step == depth - 1;
		ns_block **miss;
		ns_block *eq = test_any(ir, NULL, vals, nv, &yes, &miss);
		ns_ir_patch(next, eq);
		/* No `jeq #59` as in libpcap: it ends the walk on a type that is not P, which the
		 * tests below do too, and P = 59 has matched above. */
		ns_jlist ext = {NULL, NULL}, ah = {NULL, NULL};
		if (v6 && last) {
			/* the last step treats extension headers and AH alike */
			ns_block *walk = test_set(ir, &walk6_set);
			*miss = walk;
			no = ns_jlist_concat(no, ns_jlist_one(ir, &walk->jt));
			ext = ns_jlist_one(ir, &walk->jf);
		} else {
			ns_block *is_ah = test_a(ir, 51);
			*miss = is_ah;
			ah = ns_jlist_one(ir, &is_ah->jt);
			if (v6) {
				ns_block *is_ext = test_set(ir, &ext6_set);
				is_ah->jf = is_ext;
				no = ns_jlist_concat(no, ns_jlist_one(ir, &is_ext->jt));
				ext = ns_jlist_one(ir, &is_ext->jf);
			} else {
				no = ns_jlist_concat(no, ns_jlist_one(ir, &is_ah->jf));
			}
		}
		if (last) {
			/* A = the next type; the halfword's low byte is the length byte. The store
			 * keeps the load where the optimizer finds that the walk's outcome does
			 * not matter (it keeps every store of a protochain program and what feeds
			 * it: ns_ir.keep_stores): libpcap does not optimize these programs, its
			 * walk reads these bytes, so a packet cut before them is rejected. For
			 * the same reason every tail stores: its loads feed that store or the
			 * tests of the next step, which lead to blocks that store. */
			ns_block *fin = ns_ir_block(ir);
			load_hdr(ir, fin, NS_BPF_H, nl, at, 0);
			stmt(ir, fin, NS_BPF_ST, (uint32_t)r);
			stmt(ir, fin, NS_BPF_ALU | NS_BPF_RSH | NS_BPF_K, 8);
			test_any(ir, fin, vals, nv, &yes, &miss);
			ns_ir_patch(ext, fin);
			ns_ir_patch(ah, fin);
			no = ns_jlist_concat(no, ns_jlist_one(ir, miss));
			break;
		}
		ns_block *tail = ns_ir_block(ir);
		if (v6)
			ns_ir_patch(ext, step_offset(ir, nl, at, false, tail));
		ns_ir_patch(ah, step_offset(ir, nl, at, true, tail));
		/* A = new offset; then A = next type (read at the old offset), X = new offset */
		stmt(ir, tail, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 8);
		stmt(ir, tail, NS_BPF_ST, (uint32_t)r);
		if (at >= 0) {
			/* the store is only there to keep the loads (see the last step) */
			stmt(ir, tail, NS_BPF_MISC | NS_BPF_TAX, 0);
			load_hdr(ir, tail, NS_BPF_B, nl, at, 0);
		} else {
			load_hdr(ir, tail, NS_BPF_B, nl, at, 0);
			stmt(ir, tail, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)r);
		}
		next = ns_jlist_one(ir, &tail->jt);
	}
	ns_gen_reg_free(g, r);
	return (ns_cond){lt.entry, yes, no};
}

ns_cond ns_gen_protochain_set(ns_gen *g, ns_node *n, const uint32_t *vals, int nv)
{
	g->has_protochain = true;
	switch (n->qual.proto) {
	case NS_QP_IP:
		return protochain1(g, n, vals, nv, false);
	case NS_QP_IPV6:
		return protochain1(g, n, vals, nv, true);
	case NS_QP_DEFAULT: {
		ns_cond a = protochain1(g, n, vals, nv, false);
		return ns_ir_or(a, protochain1(g, n, vals, nv, true));
	}
	default:
		ns_fail_at(g->ctx, n, "bad protocol applied for 'protochain'");
	}
}

ns_cond ns_gen_protochain(ns_gen *g, ns_node *n, uint32_t v)
{
	if (v > 255)
		ns_fail_at(g->ctx, n, "protocol number %u greater than maximum 255", v);
	return ns_gen_protochain_set(g, n, &v, 1);
}

/* `protochain P1 or protochain P2 ...` term by term walks the chain once per P, libpcap's
 * program does so too. One walk testing every P at each step gives the same verdict on
 * every packet, truncated ones included, when no P is a type the walk steps over (0, 43, 44,
 * 51, 60): the walk for P1 then stops at the header where P2 is found, having read exactly
 * what the combined walk reads, and the walk for P2 reads it again. A P the walk steps over
 * could be found early by the combined walk while the walk for P1 reads on and may run off a
 * cut packet: such terms stay apart. */
bool ns_gen_protochain_value(const ns_node *n, uint32_t *v)
{
	if (n->kind != NS_N_ID || n->qual.type != NS_QT_PROTOCHAIN || n->qual.dir != NS_QD_DEFAULT)
		return false;
	if (n->qual.proto != NS_QP_DEFAULT && n->qual.proto != NS_QP_IP &&
	    n->qual.proto != NS_QP_IPV6)
		return false;
	int64_t r = n->id.kind == NS_ID_NUM    ? (int64_t)n->id.num
		    : n->id.kind == NS_ID_NAME ? ns_name_ipproto(n->id.text)
					       : -1;
	if (r < 0 || r > 255 || r == 0 || r == 43 || r == 44 || r == 51 || r == 60)
		return false;
	*v = (uint32_t)r;
	return true;
}
