/* The code generator's private interface: its state, the link-layer table, and the helpers the
 * gen_*.c files (one per family of primitives) share.
 *
 * Offsets: every packet load names a base (ns_base) and an offset from it, as libpcap's
 * "offset relative to" does; the base's absolute position comes from the generator state, which
 * encapsulation primitives (vlan, mpls, pppoes) shift for the primitives that follow them. A
 * base may be at a constant position or at a position only known at run time (then it is in a
 * scratch cell, var_reg >= 0). */
#ifndef NETSIFT_COMPILER_GEN_H
#define NETSIFT_COMPILER_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/ir.h"

/* How a link type says which network protocol its payload carries. */
typedef enum ns_llfamily {
	NS_LL_ETHER, /* Ethernet II / 802.3 with LLC/SNAP */
	NS_LL_SLL,   /* Linux cooked v1/v2: a protocol field, 802.2 and Novell pseudo-types */
	NS_LL_RAW,   /* raw IP: the IP version nibble tells */
	NS_LL_IPV4,  /* raw IPv4 only */
	NS_LL_IPV6,  /* raw IPv6 only */
	NS_LL_NULL,  /* BSD loopback: AF_ value in host byte order (swapped for ours) */
	NS_LL_LOOP,  /* OpenBSD loopback: AF_ value in network byte order */
	NS_LL_PPP,   /* PPP protocol field */
	NS_LL_PLAIN, /* an Ethernet type compared as it is (inside Geneve) */
} ns_llfamily;

typedef struct ns_linklayer {
	int dlt;
	const char *description; /* as libpcap names it in messages */
	uint8_t family;          /* ns_llfamily */
	int off_linktype;        /* offset of the protocol field; -1 when there is none */
	int off_linkpl;          /* offset of the network-layer header */
	bool has_mac;            /* Ethernet addresses: ether host, broadcast, multicast */
	bool cooked;             /* Linux cooked: packet type for inbound/outbound */
	int off_pkttype;         /* cooked: offset of the packet-type field */
	int off_ifindex;         /* SLL2: interface index; -1 otherwise */
	/* Where an OSI (NLPID-led) packet starts, from the network-layer offset: past the 802.2
	 * header on Ethernet, right there on the others. */
	int off_nl_nosnap;
} ns_linklayer;

const ns_linklayer *ns_linklayer_find(int dlt);

typedef enum ns_base {
	NS_BASE_PACKET,  /* absolute */
	NS_BASE_LINKHDR, /* the (innermost) link-layer header */
	NS_BASE_LINKPL,  /* the network-layer header */
	NS_BASE_LLC,     /* the link-layer payload as 802.2 sees it: not moved by MPLS labels */
	NS_BASE_LINKTYPE, /* the protocol field of the link layer */
	NS_BASE_TRAN4,   /* past the IPv4 header (its length read at run time) */
	NS_BASE_TRAN6,   /* past the fixed IPv6 header */
} ns_base;

/* A run-time-or-constant position. */
typedef struct ns_absoff {
	uint32_t k;
	int var_reg; /* -1: constant k; else position = M[var_reg] + k */
} ns_absoff;

typedef struct ns_gen {
	ns_ctx *ctx;
	ns_ir ir;
	const ns_linklayer *ll;
	ns_absoff linkhdr, linkpl, linktype, llc;
	int family;             /* ns_llfamily currently in effect (changes after mpls/pppoes) */
	unsigned regs;          /* bitmask of scratch cells in use */
	unsigned var_regs;      /* cells holding run-time offsets (zeroed by the prologue) */
	ns_block *prologue;     /* runs first: initializes var_regs */
	/* libpcap's optimizer proves nothing through protochain's loop, so a filter with
	 * protochain is never refused as matching nothing. */
	bool has_protochain;
	/* geneve and vxlan: libpcap's optimizer leaves such programs alone too (tcpdump accepts
	 * `arp and geneve` on raw IP), so neither is ever refused by its optimizer. */
	bool has_tunnel;
	bool is_encap;          /* vlan/mpls/pppoes seen: offsets shifted */
	int label_stack_depth;  /* mpls */
	bool vlan_seen;
	/* Generate the program libpcap's code generator would build, for the acceptance model
	 * (pcapmodel.c) only: disjunctions term by term, arithmetic through scratch cells with
	 * nothing folded, as libpcap's gen_arth does. Never emitted. */
	bool pcap_shape;
	/* gen_arith.c: scratch cells each arithmetic node of the current relation needs. */
	struct ns_cellmap *cellmap;
} ns_gen;

/* Blocks and conditions (gen.c). */
ns_block *ns_gen_load(ns_gen *g, ns_base base, uint32_t off, int size);
/* `load(base + off, size) [& mask] op v` with op an ns_relop; mask 0xffffffff: none. */
ns_cond ns_gen_cmp(ns_gen *g, ns_base base, uint32_t off, int size, uint32_t mask, int relop,
		   uint32_t v);
ns_cond ns_gen_jset(ns_gen *g, ns_base base, uint32_t off, int size, uint32_t bits);
/* Compares size bytes at base + off with bytes, libpcap's order (last word first). */
ns_cond ns_gen_bytes(ns_gen *g, ns_base base, uint32_t off, const uint8_t *bytes, int size);
/* A condition on the value the block's statements leave in A. */
ns_cond ns_gen_cmp_a(ns_gen *g, ns_block *b, int relop, uint32_t v);
int ns_gen_reg_alloc(ns_gen *g, const ns_node *n);
void ns_gen_reg_free(ns_gen *g, int r);
/* Appends the code that sets X to the IPv4 header length. */
void ns_gen_load_iphl(ns_gen *g, ns_block *b);
uint16_t ns_size_code(int size);
/* Ethernet addresses exist here: an Ethernet link layer, or the inner Ethernet header of
 * a Geneve or VXLAN tunnel; not inside PPPoE, where PPP replaced Ethernet. */
static inline bool ns_gen_has_mac(const ns_gen *g)
{
	return g->family == NS_LL_ETHER || g->family == NS_LL_PLAIN;
}

/* Link-layer protocol tests (linklayer.c): "the payload is ethertype proto". */
ns_cond ns_gen_linktype(ns_gen *g, uint32_t proto);
ns_cond ns_gen_llc_check(ns_gen *g, const ns_node *n); /* the `llc` keyword */

/* Families (gen_*.c). */
ns_cond ns_gen_node(ns_gen *g, ns_node *n);                /* gen.c: dispatch */
ns_cond ns_gen_proto_kw(ns_gen *g, ns_node *n);            /* gen_proto.c */
ns_cond ns_gen_ip_proto(ns_gen *g, uint32_t p);            /* ip proto p */
ns_cond ns_gen_ip6_proto(ns_gen *g, uint32_t p);           /* ip6 proto p (one fragment hop) */
ns_cond ns_gen_proto_abbrev(ns_gen *g, int qproto, const ns_node *n);
ns_cond ns_gen_id_proto(ns_gen *g, ns_node *n, uint32_t v); /* `[qual] proto v` */
ns_cond ns_gen_ipfrag_not(ns_gen *g);                      /* not a non-first IPv4 fragment */
ns_cond ns_gen_protochain(ns_gen *g, ns_node *n, uint32_t v);
/* A run of OR-ed protochain terms with one qualifier as one walk (gen_proto.c): whether n
 * can join one (and its type), and the walk for the values. */
bool ns_gen_protochain_value(const ns_node *n, uint32_t *v);
ns_cond ns_gen_protochain_set(ns_gen *g, ns_node *n, const uint32_t *vals, int nv);
ns_cond ns_gen_id(ns_gen *g, ns_node *n);                  /* gen_id.c: qualified ids */
ns_cond ns_gen_host4(ns_gen *g, const ns_node *n, uint32_t addr, uint32_t mask, int proto,
		     int dir, bool is_net);
/* Where protocol proto (NS_QP_IP, ARP, RARP) keeps its IPv4 addresses; false for others. */
bool ns_gen_v4fields(int proto, uint16_t *ethertype, uint8_t *src, uint8_t *dst);
/* Whether an unqualified IPv4 address means IPv4 only here (no ARP/RARP). */
bool ns_gen_v4_only(const ns_gen *g);
ns_cond ns_gen_host6(ns_gen *g, const ns_node *n, const uint8_t *addr, const uint8_t *mask,
		     int proto, int dir, bool is_net);
ns_cond ns_gen_ehost(ns_gen *g, const ns_node *n, const uint8_t *mac, int dir);
enum { NS_PORT_NTRANSPORTS = 3 };
extern const uint8_t ns_port_transports[NS_PORT_NTRANSPORTS];
ns_cond ns_gen_port(ns_gen *g, const ns_node *n, int ipproto, uint32_t lo, uint32_t hi,
		    int dir);                              /* gen_port.c; ipproto -1: any */
ns_cond ns_gen_gateway(ns_gen *g, ns_node *n);
ns_cond ns_gen_rel(ns_gen *g, ns_node *n);                 /* gen_arith.c */
ns_cond ns_gen_link_prim(ns_gen *g, ns_node *n);           /* gen_link.c */
ns_cond ns_gen_encap(ns_gen *g, ns_node *n);               /* gen_encap.c */

/* Name resolution (names.c). */
typedef struct ns_addrs {
	int n4, n6;
	uint32_t *v4; /* host byte order */
	uint8_t (*v6)[16];
} ns_addrs;
bool ns_name_host(ns_ctx *ctx, const char *name, ns_addrs *out);
/* Service name -> port; *proto set to 6, 17, 132, or -1 when several agree. */
bool ns_name_port(const char *name, uint32_t *port, int *proto);
bool ns_name_portrange(const char *text, uint32_t *lo, uint32_t *hi, int *proto);
bool ns_name_proto(const char *name, uint32_t *proto);
bool ns_name_ether(const char *name, uint8_t mac[6]);
bool ns_name_net(const char *name, uint32_t *net);
/* Keyword names for `ether proto \NAME`, `ip proto \NAME`, ...: -1 if unknown. */
int64_t ns_name_ethertype(const char *name);
int64_t ns_name_ipproto(const char *name);

#endif
