/* The filter expression as a tree: what the grammar builds and the code generator reads.
 *
 * The parser (grammar/parser.y) only builds these nodes; it resolves no names and generates no
 * code. Qualifier inheritance (`host a or b`: b is a host too) is a separate pass
 * (compiler/inherit.c) run before code generation, so by the time the code generator sees an
 * NS_N_ID node its qualifiers are exactly what the user wrote or inherited, with NS_Q*_DEFAULT
 * where neither said anything (the code generator then applies the defaults of
 * `man 7 pcap-filter`). Every node carries the byte span of its source text, for diagnostics.
 *
 * All nodes live in the compilation's arena; nothing here is freed on its own. */
#ifndef NETSIFT_COMPILER_AST_H
#define NETSIFT_COMPILER_AST_H

#include <stdbool.h>
#include <stdint.h>

/* Protocol qualifiers: the `pname` keywords that may stand before a dir/type qualifier, alone
 * as a primitive (`tcp`), before broadcast/multicast, or before `[` as a packet accessor.
 * X(enum suffix, spelling used in messages). The order is fixed: tables elsewhere index by it. */
#define NS_QPROTO_LIST(X)        \
	X(DEFAULT, "")           \
	X(LINK, "link")          \
	X(IP, "ip")              \
	X(ARP, "arp")            \
	X(RARP, "rarp")          \
	X(SCTP, "sctp")          \
	X(TCP, "tcp")            \
	X(UDP, "udp")            \
	X(ICMP, "icmp")          \
	X(IGMP, "igmp")          \
	X(IGRP, "igrp")          \
	X(ATALK, "atalk")        \
	X(DECNET, "decnet")      \
	X(LAT, "lat")            \
	X(SCA, "sca")            \
	X(MOPRC, "moprc")        \
	X(MOPDL, "mopdl")        \
	X(IPV6, "ip6")           \
	X(ICMPV6, "icmp6")       \
	X(AH, "ah")              \
	X(ESP, "esp")            \
	X(PIM, "pim")            \
	X(VRRP, "vrrp")          \
	X(AARP, "aarp")          \
	X(ISO, "iso")            \
	X(ESIS, "esis")          \
	X(ISIS, "isis")          \
	X(CLNP, "clnp")          \
	X(STP, "stp")            \
	X(IPX, "ipx")            \
	X(NETBEUI, "netbeui")    \
	X(ISIS_L1, "l1")         \
	X(ISIS_L2, "l2")         \
	X(ISIS_IIH, "iih")       \
	X(ISIS_SNP, "snp")       \
	X(ISIS_CSNP, "csnp")     \
	X(ISIS_PSNP, "psnp")     \
	X(ISIS_LSP, "lsp")       \
	X(RADIO, "radio")        \
	X(CARP, "carp")          \
	X(UNDEF, "?")

/* Direction qualifiers. UNDEF marks "inherited from something that may not be followed by a
 * bare id" (libpcap's qerr): the code generator reports it. */
#define NS_QDIR_LIST(X)                  \
	X(DEFAULT, "")                   \
	X(SRC, "src")                    \
	X(DST, "dst")                    \
	X(OR, "src or dst")              \
	X(AND, "src and dst")            \
	X(ADDR1, "addr1")                \
	X(ADDR2, "addr2")                \
	X(ADDR3, "addr3")                \
	X(ADDR4, "addr4")                \
	X(RA, "ra")                      \
	X(TA, "ta")                      \
	X(UNDEF, "?")

/* Type qualifiers. */
#define NS_QTYPE_LIST(X)            \
	X(DEFAULT, "")              \
	X(HOST, "host")             \
	X(NET, "net")               \
	X(PORT, "port")             \
	X(GATEWAY, "gateway")       \
	X(PROTO, "proto")           \
	X(PROTOCHAIN, "protochain") \
	X(PORTRANGE, "portrange")   \
	X(UNDEF, "?")

#define NS_X_ENUM_QP(name, text) NS_QP_##name,
#define NS_X_ENUM_QD(name, text) NS_QD_##name,
#define NS_X_ENUM_QT(name, text) NS_QT_##name,
typedef enum ns_qproto { NS_QPROTO_LIST(NS_X_ENUM_QP) NS_QP_COUNT } ns_qproto;
typedef enum ns_qdir { NS_QDIR_LIST(NS_X_ENUM_QD) NS_QD_COUNT } ns_qdir;
typedef enum ns_qtype { NS_QTYPE_LIST(NS_X_ENUM_QT) NS_QT_COUNT } ns_qtype;
#undef NS_X_ENUM_QP
#undef NS_X_ENUM_QD
#undef NS_X_ENUM_QT

/* Spellings for messages ("" for DEFAULT); defined in compiler/ast.c. */
extern const char *const ns_qproto_names[NS_QP_COUNT];
extern const char *const ns_qdir_names[NS_QD_COUNT];
extern const char *const ns_qtype_names[NS_QT_COUNT];

typedef struct ns_qual {
	uint8_t proto; /* ns_qproto */
	uint8_t dir;   /* ns_qdir */
	uint8_t type;  /* ns_qtype */
} ns_qual;

/* The operand of a qualified primitive, exactly as the lexer classified it. */
typedef enum ns_idkind {
	/* a name: host, network, service, protocol or ethers name, `\tcp` (text "tcp"), or a
	 * portrange such as `1-1024` or `ftp-data-http` (the code generator splits it) */
	NS_ID_NAME,
	NS_ID_NUM,       /* a number: decimal, 0x hex or 0-prefixed octal, as written (num); also
	                  * an undotted `10` in `net 10`: libpcap's lexer makes it a number too */
	NS_ID_IPV4,      /* dotted, possibly partial: `10.1`, `10.1.2`, `10.1.2.3` (v4, v4_bits) */
	NS_ID_IPV4_LEN,  /* `10.1/16`, `10.1.2.3/24`: v4 and v4_bits as written, prefix_len */
	NS_ID_IPV4_MASK, /* `10.0.0.0 mask 255.0.0.0`: v4 and mask4 */
	NS_ID_IPV6,      /* an IPv6 address (v6) */
	NS_ID_IPV6_LEN,  /* an IPv6 address with a prefix length (v6, prefix_len) */
	NS_ID_MAC,       /* a 6-byte MAC address in any accepted spelling (mac) */
	NS_ID_ARCNET,    /* `$xx` ARCnet address (mac[0]) */
} ns_idkind;

typedef struct ns_id {
	uint8_t kind;       /* ns_idkind */
	const char *text;   /* the token text, NUL-terminated, for messages and name look-ups */
	uint32_t num;       /* NS_ID_NUM */
	uint32_t v4;        /* host byte order: `10.1` is 0x0a01 with v4_bits 16 (as written) */
	uint8_t v4_bits;    /* 8, 16, 24 or 32: how many octets were written, times 8 */
	/* NS_ID_IPV4*: a part exceeded 255 (`12.500`, or in the mask of `10.0.0.0 mask 255.300`),
	 * so v4 (or mask4) is meaningless (each part was taken modulo 256); not an IPv4 address,
	 * though text may still be a DECnet address (`17.1023`). The code generator reports it
	 * ("invalid IPv4 address '12.500'"). Added by the grammar. */
	bool v4_invalid;
	uint32_t mask4;     /* NS_ID_IPV4_MASK, host byte order; a partial mask is left-aligned
	                     * as libpcap reads it (`mask 255.0` is 0xff000000) */
	int prefix_len;     /* NS_ID_IPV4_LEN, NS_ID_IPV6_LEN; -1 otherwise */
	uint8_t v6[16];
	uint8_t mac[6];
} ns_id;

/* Relational and arithmetic operators of the accessor sublanguage. */
typedef enum ns_relop { NS_REL_GT, NS_REL_GE, NS_REL_EQ, NS_REL_LE, NS_REL_LT, NS_REL_NE } ns_relop;
typedef enum ns_binop {
	NS_BIN_ADD, NS_BIN_SUB, NS_BIN_MUL, NS_BIN_DIV, NS_BIN_MOD,
	NS_BIN_AND, NS_BIN_OR, NS_BIN_XOR, NS_BIN_LSH, NS_BIN_RSH
} ns_binop;

/* `byte N op M` (libpcap's CBYTE form): op is one of these. */
typedef enum ns_byteop { NS_BYTE_EQ, NS_BYTE_LT, NS_BYTE_GT, NS_BYTE_AND, NS_BYTE_OR } ns_byteop;

/* LLC frame kinds for `llc`, `llc i`, `llc s`, `llc u` and the named S and U frames. */
typedef enum ns_llckind {
	NS_LLC_ANY, NS_LLC_I, NS_LLC_S, NS_LLC_U,
	NS_LLC_S_RR, NS_LLC_S_RNR, NS_LLC_S_REJ,
	NS_LLC_U_UI, NS_LLC_U_UA, NS_LLC_U_DISC, NS_LLC_U_DM, NS_LLC_U_SABME, NS_LLC_U_TEST,
	NS_LLC_U_XID, NS_LLC_U_FRMR
} ns_llckind;

/* Keywords with an optional argument that only some link types give a meaning to (pflog's
 * `ifname`/`rset`/..., 802.11's `type`/`subtype`/`dir`, ATM's `vpi`/`lane`/..., SS7's
 * `sio`/`dpc`/...). The grammar keeps them so the code generator can say why they do not apply
 * (for example "'vpi' supported only on SUNATM") rather than the parser calling them syntax
 * errors. keyword is the spelling, sarg the string argument if any. */
typedef struct ns_linkkw {
	const char *keyword;
	bool has_num;
	uint32_t num;
	const char *sarg;
	ns_relop op; /* for the SS7 and ATM comparisons (`vpi > 3`); NS_REL_EQ otherwise */
} ns_linkkw;

typedef enum ns_nodekind {
	/* Boolean structure. */
	NS_N_AND,       /* a, b */
	NS_N_OR,        /* a, b */
	NS_N_NOT,       /* a */
	/* Primitives. */
	NS_N_ID,        /* qual + id: `src host 1.2.3.4`, `net 10/8`, `port ftp`, `ip proto 6` */
	NS_N_PROTO,     /* a protocol keyword alone: `tcp`, `ip6`, `arp`, `iso`, `l1` (qual.proto) */
	NS_N_REL,       /* arithmetic relop arithmetic: `ip[0] & 0xf > 5`, `len >= 100` */
	NS_N_BROADCAST, /* `[ether|ip|ip6|...] broadcast`: qual.proto, DEFAULT when absent */
	NS_N_MULTICAST, /* `[ether|ip|ip6|...] multicast` */
	NS_N_LESS,      /* `less N`: num */
	NS_N_GREATER,   /* `greater N`: num */
	NS_N_BYTE,      /* `byte N op M`: num (offset), byteop, num2 */
	NS_N_INBOUND,
	NS_N_OUTBOUND,
	NS_N_IFINDEX,   /* num */
	NS_N_VLAN,      /* has_num, num: `vlan`, `vlan 100` */
	NS_N_MPLS,      /* has_num, num */
	NS_N_PPPOED,
	NS_N_PPPOES,    /* has_num, num */
	NS_N_GENEVE,    /* has_num, num */
	NS_N_VXLAN,     /* has_num, num */
	NS_N_LLC,       /* llc */
	NS_N_LINKKW,    /* linkkw: keywords for link types netsift does not target; for
	                 * `type T subtype S`, a is a second NS_N_LINKKW for `subtype S`; for
	                 * `vpi (1 or 2)` and `sio (1 or 2)` the grammar builds an NS_N_OR of them */
	/* Arithmetic (the operands of NS_N_REL). */
	NS_A_NUM,       /* num; named constants (`tcpflags`, `tcp-syn`, `icmp-echo`) arrive as NUM */
	NS_A_LEN,       /* `len`: the packet's wire length */
	NS_A_LOAD,      /* `proto[index]` or `proto[index : size]`: qual.proto, a (index), size */
	NS_A_BINOP,     /* a binop b */
	NS_A_NEG,       /* -a */
} ns_nodekind;

typedef struct ns_node ns_node;
struct ns_node {
	uint8_t kind;     /* ns_nodekind */
	int off, len;     /* source span in bytes; len >= 1 except for an empty expression */
	ns_qual qual;     /* NS_N_ID, NS_N_PROTO, NS_N_BROADCAST, NS_N_MULTICAST, NS_A_LOAD */
	ns_node *a, *b;   /* children: AND/OR (a, b), NOT (a), REL (a relop b), BINOP, NEG, LOAD index */
	ns_id id;         /* NS_N_ID */
	bool has_num;     /* VLAN, MPLS, PPPOES, GENEVE, VXLAN: was a number given */
	uint32_t num;     /* see the kinds above */
	uint32_t num2;    /* NS_N_BYTE */
	uint8_t relop;    /* ns_relop, NS_N_REL */
	uint8_t binop;    /* ns_binop, NS_A_BINOP */
	uint8_t byteop;   /* ns_byteop, NS_N_BYTE */
	uint8_t size;     /* NS_A_LOAD: 1, 2 or 4 */
	uint8_t llc;      /* ns_llckind, NS_N_LLC */
	/* True when an NS_N_ID came without any qualifier of its own in the source (`b` in
	 * `host a or b`); the inheritance pass fills qual from the preceding primitive. */
	bool bare;
	ns_linkkw linkkw; /* NS_N_LINKKW */
	/* The node is a parenthesized expression, `( expr )` where a primitive may stand (not a
	 * parenthesized operand group `host a or (b or c)`, number or arithmetic). Qualifier
	 * inheritance needs it: such a group passes on the qualifiers in force before it, not those
	 * of its last primitive (libpcap: `host a or (tcp port 80) or b` makes b a host). Added by
	 * the grammar. */
	bool paren;
};

#endif
