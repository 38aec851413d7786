/* OpenFlow (TCP ports 6633 and 6653): the version-independent message walk and the
 * OpenFlow 1.0 messages (OF 1.0.0 specification, Big Switch Networks vendor extensions)
 * as tcpdump 4.99.3 prints them: one line per message header; with -v the message body
 * (matches, actions, ports, statistics), with -vv the port details and data in hex, with
 * -vvv the Ethernet frames carried by PACKET_IN/PACKET_OUT.  OpenFlow 1.3 messages as far
 * as 4.99.3 decodes them (the rest print their header); other versions their header only.
 *
 * tcpdump reads OpenFlow with its longjmp-ing accessors everywhere (ND_LONGJMP_FROM_TCHECK):
 * a cut message ends the packet with " [|openflow]" and the whole-packet dump (np_need()). */
#include <string.h>

#include "capture/netprint.h"

#define HDR 8

/* ---- accessors ------------------------------------------------------------------------ */

static unsigned long long g64(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 8);
	return (unsigned long long)np_be64(c, p);
}

/* n is evaluated once: it may be fields()'s return */
#define FWD(n)                       \
	do {                         \
		unsigned fwd_ = (n); \
		cp += fwd_;          \
		len -= fwd_;         \
	} while (0)
#define CHK_FWD(n)                \
	do {                      \
		np_need(c, cp, (n)); \
		FWD(n);           \
	} while (0)

static const char *tokf(const np_tok *t, const char *fmt, unsigned v, char *buf, size_t n)
{
	return np_tok_str(t, fmt, v, buf, n);
}

static const char *mac_str(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 6);
	return np_fmt_mac(buf, p);
}

static const char *ip4_str(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}

/* nd_printjnp: at most n characters, up to a NUL */
static void printjnp(np_ctx *c, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (np_u8(c, p + i) == 0)
			break;
		np_print_chars(c, p + i, 1);
	}
}

/* ---- names ---------------------------------------------------------------------------- */

/* tcpdump's oui_values and onf_exp_str */
static const np_tok oui_names[] = {
	{0x000000, "Ethernet"}, {0x00000c, "Cisco"}, {0x00005e, "IANA"},
	{0x000081, "Nortel Networks SONMP"}, {0x0000f8, "Cisco bridged"}, {0x0019a7, "ITU-T"},
	{0x0080c2, "Ethernet bridged"}, {0x00a03e, "ATM Forum"}, {0x00e02f, "DOCSIS Spanning Tree"},
	{0x080007, "Appletalk"}, {0x009069, "Juniper"}, {0x080009, "Hewlett-Packard"},
	{0x00120f, "IEEE 802.3 Private"}, {0x0012bb, "ANSI/TIA"}, {0x001b21, "DCBX"},
	{0x002320, "Nicira Networks"}, {0x5c16c7, "Big Switch Networks"},
	{0xb0d2f5, "Vello Systems"}, {0x002481, "HP"}, {0x0004ea, "HP-Labs"},
	{0x748771, "Infoblox Inc"}, {0xa42305, "Open Networking Lab"}, {0x00049f, "Freescale"},
	{0x0015ad, "Netronome"}, {0x001018, "Broadcom"}, {0x00e004, "PMC-Sierra"},
	{0xd0f0db, "Ericsson"}, {0, NULL},
};
static const np_tok onf_exp_names[] = {
	{0x4f4e4600, "ONF Extensions"},
	{0xff000001, "Budapest University of Technology and Economics"},
	{0xff000002, "NoviFlow"}, {0xff000003, "L3+ Extensions, Vendor Neutral"},
	{0xff000004, "L4-L7 Extensions"}, {0xff000005, "Wireless and Mobility Extensions"},
	{0xff000006, "Forwarding Abstractions Extensions"},
	{0xff000007, "Optical Transport Extensions"}, {0, NULL},
};

static const char *vendor_name(uint32_t v)
{
	const char *s = np_tok_find((v & 0xff000000) == 0 ? oui_names : onf_exp_names, v);
	return s ? s : "unknown";
}

static const np_tok ofppc_bm[] = {
	{1u << 0, "PORT_DOWN"}, {1u << 1, "NO_STP"}, {1u << 2, "NO_RECV"},
	{1u << 3, "NO_RECV_STP"}, {1u << 4, "NO_FLOOD"}, {1u << 5, "NO_FWD"},
	{1u << 6, "NO_PACKET_IN"}, {0, NULL},
};
#define OFPPC_U (~0x7fu)
static const np_tok ofpps_stp[] = {
	{0u << 8, "STP_LISTEN"}, {1u << 8, "STP_LEARN"}, {2u << 8, "STP_FORWARD"},
	{3u << 8, "STP_BLOCK"}, {0, NULL},
};
#define OFPPS_U (~(1u | (3u << 8)))
static const np_tok ofpp_names[] = {
	{0xff00, "MAX"}, {0xfff8, "IN_PORT"}, {0xfff9, "TABLE"}, {0xfffa, "NORMAL"},
	{0xfffb, "FLOOD"}, {0xfffc, "ALL"}, {0xfffd, "CONTROLLER"}, {0xfffe, "LOCAL"},
	{0xffff, "NONE"}, {0, NULL},
};
static const np_tok ofppf_bm[] = {
	{1u << 0, "10MB_HD"}, {1u << 1, "10MB_FD"}, {1u << 2, "100MB_HD"}, {1u << 3, "100MB_FD"},
	{1u << 4, "1GB_HD"}, {1u << 5, "1GB_FD"}, {1u << 6, "10GB_FD"}, {1u << 7, "COPPER"},
	{1u << 8, "FIBER"}, {1u << 9, "AUTONEG"}, {1u << 10, "PAUSE"}, {1u << 11, "PAUSE_ASYM"},
	{0, NULL},
};
#define OFPPF_U (~0xfffu)
static const np_tok ofpqt_names[] = {{0, "NONE"}, {1, "MIN_RATE"}, {0, NULL}};
static const np_tok ofpfw_bm[] = {
	{1u << 0, "IN_PORT"}, {1u << 1, "DL_VLAN"}, {1u << 2, "DL_SRC"}, {1u << 3, "DL_DST"},
	{1u << 4, "DL_TYPE"}, {1u << 5, "NW_PROTO"}, {1u << 6, "TP_SRC"}, {1u << 7, "TP_DST"},
	{1u << 20, "DL_VLAN_PCP"}, {1u << 21, "NW_TOS"}, {0, NULL},
};
#define OFPFW_U (~((1u << 22) - 1))
static const np_tok ofpat_names[] = {
	{0, "OUTPUT"}, {1, "SET_VLAN_VID"}, {2, "SET_VLAN_PCP"}, {3, "STRIP_VLAN"},
	{4, "SET_DL_SRC"}, {5, "SET_DL_DST"}, {6, "SET_NW_SRC"}, {7, "SET_NW_DST"},
	{8, "SET_NW_TOS"}, {9, "SET_TP_SRC"}, {10, "SET_TP_DST"}, {11, "ENQUEUE"},
	{0xffff, "VENDOR"}, {0, NULL},
};
static const np_tok ofpat_bm[] = {
	{1u << 0, "OUTPUT"}, {1u << 1, "SET_VLAN_VID"}, {1u << 2, "SET_VLAN_PCP"},
	{1u << 3, "STRIP_VLAN"}, {1u << 4, "SET_DL_SRC"}, {1u << 5, "SET_DL_DST"},
	{1u << 6, "SET_NW_SRC"}, {1u << 7, "SET_NW_DST"}, {1u << 8, "SET_NW_TOS"},
	{1u << 9, "SET_TP_SRC"}, {1u << 10, "SET_TP_DST"}, {1u << 11, "ENQUEUE"}, {0, NULL},
};
#define OFPAT_U (~0xfffu)
static const np_tok cap_bm[] = {
	{1u << 0, "FLOW_STATS"}, {1u << 1, "TABLE_STATS"}, {1u << 2, "PORT_STATS"},
	{1u << 3, "STP"}, {1u << 4, "RESERVED"}, {1u << 5, "IP_REASM"},
	{1u << 6, "QUEUE_STATS"}, {1u << 7, "ARP_MATCH_IP"}, {0, NULL},
};
#define OFPCAP_U (~(0xffu & ~(1u << 4)))
static const np_tok config_names[] = {
	{0, "FRAG_NORMAL"}, {1, "FRAG_DROP"}, {2, "FRAG_REASM"}, {0, NULL},
};
static const np_tok ofpfc_names[] = {
	{0, "ADD"}, {1, "MODIFY"}, {2, "MODIFY_STRICT"}, {3, "DELETE"}, {4, "DELETE_STRICT"},
	{0, NULL},
};
static const np_tok bufferid_names[] = {{0xffffffff, "NONE"}, {0, NULL}};
static const np_tok ofpff_bm[] = {
	{1, "SEND_FLOW_REM"}, {2, "CHECK_OVERLAP"}, {4, "EMERG"}, {0, NULL},
};
#define OFPFF_U (~7u)
static const np_tok ofpst_names[] = {
	{0, "DESC"}, {1, "FLOW"}, {2, "AGGREGATE"}, {3, "TABLE"}, {4, "PORT"}, {5, "QUEUE"},
	{0xffff, "VENDOR"}, {0, NULL},
};
static const np_tok tableid_names[] = {{0xfe, "EMERG"}, {0xff, "ALL"}, {0, NULL}};
static const np_tok ofpq_names[] = {{0xffffffff, "ALL"}, {0, NULL}};
static const np_tok reply_more_bm[] = {{1, "MORE"}, {0, NULL}};
static const np_tok ofpr_names[] = {{0, "NO_MATCH"}, {1, "ACTION"}, {0, NULL}};
static const np_tok ofprr_names[] = {
	{0, "IDLE_TIMEOUT"}, {1, "HARD_TIMEOUT"}, {2, "DELETE"}, {0, NULL},
};
static const np_tok ofppr_names[] = {{0, "ADD"}, {1, "DELETE"}, {2, "MODIFY"}, {0, NULL}};
static const np_tok ofpet_names[] = {
	{0, "HELLO_FAILED"}, {1, "BAD_REQUEST"}, {2, "BAD_ACTION"}, {3, "FLOW_MOD_FAILED"},
	{4, "PORT_MOD_FAILED"}, {5, "QUEUE_OP_FAILED"}, {0, NULL},
};
static const np_tok hfc_names[] = {{0, "INCOMPATIBLE"}, {1, "EPERM"}, {0, NULL}};
static const np_tok brc_names[] = {
	{0, "BAD_VERSION"}, {1, "BAD_TYPE"}, {2, "BAD_STAT"}, {3, "BAD_VENDOR"},
	{4, "BAD_SUBTYPE"}, {5, "EPERM"}, {6, "BAD_LEN"}, {7, "BUFFER_EMPTY"},
	{8, "BUFFER_UNKNOWN"}, {0, NULL},
};
static const np_tok bac_names[] = {
	{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_VENDOR"}, {3, "BAD_VENDOR_TYPE"},
	{4, "BAD_OUT_PORT"}, {5, "BAD_ARGUMENT"}, {6, "EPERM"}, {7, "TOO_MANY"},
	{8, "BAD_QUEUE"}, {0, NULL},
};
static const np_tok fmfc_names[] = {
	{0, "ALL_TABLES_FULL"}, {1, "OVERLAP"}, {2, "EPERM"}, {3, "BAD_EMERG_TIMEOUT"},
	{4, "BAD_COMMAND"}, {5, "UNSUPPORTED"}, {0, NULL},
};
static const np_tok pmfc_names[] = {{0, "BAD_PORT"}, {1, "BAD_HW_ADDR"}, {0, NULL}};
static const np_tok qofc_names[] = {{0, "BAD_PORT"}, {1, "BAD_QUEUE"}, {2, "EPERM"}, {0, NULL}};
static const np_tok *const error_codes[] = {hfc_names, brc_names, bac_names, fmfc_names,
					    pmfc_names, qofc_names};

static const np_tok bsn_subtypes[] = {
	{0, "SET_IP_MASK"}, {1, "GET_IP_MASK_REQUEST"}, {2, "GET_IP_MASK_REPLY"},
	{3, "SET_MIRRORING"}, {4, "GET_MIRRORING_REQUEST"}, {5, "GET_MIRRORING_REPLY"},
	{6, "SHELL_COMMAND"}, {7, "SHELL_OUTPUT"}, {8, "SHELL_STATUS"},
	{9, "GET_INTERFACES_REQUEST"}, {10, "GET_INTERFACES_REPLY"},
	{11, "SET_PKTIN_SUPPRESSION_REQUEST"}, {12, "SET_L2_TABLE_REQUEST"},
	{13, "GET_L2_TABLE_REQUEST"}, {14, "GET_L2_TABLE_REPLY"},
	{15, "VIRTUAL_PORT_CREATE_REQUEST"}, {16, "VIRTUAL_PORT_CREATE_REPLY"},
	{17, "VIRTUAL_PORT_REMOVE_REQUEST"}, {18, "BW_ENABLE_SET_REQUEST"},
	{19, "BW_ENABLE_GET_REQUEST"}, {20, "BW_ENABLE_GET_REPLY"}, {21, "BW_CLEAR_DATA_REQUEST"},
	{22, "BW_CLEAR_DATA_REPLY"}, {23, "BW_ENABLE_SET_REPLY"}, {24, "SET_L2_TABLE_REPLY"},
	{25, "SET_PKTIN_SUPPRESSION_REPLY"}, {26, "VIRTUAL_PORT_REMOVE_REPLY"},
	{27, "HYBRID_GET_REQUEST"}, {28, "HYBRID_GET_REPLY"}, {31, "PDU_TX_REQUEST"},
	{32, "PDU_TX_REPLY"}, {33, "PDU_RX_REQUEST"}, {34, "PDU_RX_REPLY"},
	{35, "PDU_RX_TIMEOUT"}, {0, NULL},
};
static const np_tok bsn_action_subtypes[] = {
	{1, "MIRROR"}, {2, "SET_TUNNEL_DST"}, {4, "CHECKSUM"}, {0, NULL},
};
static const np_tok bsn_copy_stage[] = {{0, "INGRESS"}, {1, "EGRESS"}, {0, NULL}};
static const np_tok bsn_onoff[] = {{0, "OFF"}, {1, "ON"}, {0, NULL}};
/* ---- helpers -------------------------------------------------------------------------- */

/* of_bitmap_print */
static void bitmap(np_ctx *c, const np_tok *t, uint32_t v, uint32_t u)
{
	if (v & ~u) {
		np_puts(c, " (");
		np_print_bits(c, t, ", ", v);
		np_putc(c, ')');
	}
	if (v & u)
		np_puts(c, " (bogus)");
}

static void invalid_skip(np_ctx *c, const uint8_t *cp, unsigned len)
{
	np_print_invalid(c);
	np_need(c, cp, len);
}

/* of_data_print */
static void data_print(np_ctx *c, const uint8_t *cp, unsigned len)
{
	if (len == 0)
		return;
	np_printf(c, "\n\t data (%u octets)", len);
	if (c->o.vflag >= 2) {
		unsigned avail = np_avail(c, cp);
		np_hex_ascii(c, "\n\t  ", cp, len < avail ? len : avail);
		np_need(c, cp, len);
	} else {
		np_need(c, cp, len);
	}
}

static const char *vlan_str(unsigned vid, char *buf, size_t n)
{
	if (vid == 0xffff)
		return "NONE";
	snprintf(buf, n, "%u%s", vid, (vid > 0 && vid < 0x0fff) ? "" : " (bogus)");
	return buf;
}

static const char *pcp_str(unsigned pcp, char *buf, size_t n)
{
	snprintf(buf, n, "%u%s", pcp, pcp <= 7 ? "" : " (bogus)");
	return buf;
}

static const char *port_str(unsigned p, char *buf, size_t n)
{
	return tokf(ofpp_names, "%u", p, buf, n);
}

/* ---- fixed layouts as tables ---------------------------------------------------------- */

/* Most message bodies and structures are a fixed sequence of fields, each printed as
 * "LABEL VALUE" in the order of the wire: they are rows of a table printed by fields(),
 * which reads each field as tcpdump does (the padding it skips unread or checks). */
enum {
	F_END,  /* ends a table */
	F_SKIP, /* padding, not read */
	F_CHK,  /* padding tcpdump checks is captured */
	F_DEC,  /* unsigned decimal */
	F_NZ,   /* unsigned decimal, printed only when not 0 */
	F_HEX,  /* 0x and two hex digits a byte */
	F_TOK,  /* the value's name in tbl, else unk formatted with it */
	F_BITS, /* hex as F_HEX, then the names of its bits in tbl; bits in bogus are invalid */
	F_MAC,  /* an Ethernet address */
	F_STR,  /* 'text' of at most size bytes, up to a NUL */
};

typedef struct {
	const char *label;
	uint16_t size; /* 1, 2, 4 or 8 bytes (F_STR, F_SKIP, F_CHK: any) */
	uint8_t kind;
	const np_tok *tbl;
	const char *unk;
	uint32_t bogus;
} ofield;

/* Table rows */
#define END {NULL, 0, F_END, NULL, NULL, 0}
#define SKIP(n) {NULL, n, F_SKIP, NULL, NULL, 0}
#define CHK(n) {NULL, n, F_CHK, NULL, NULL, 0}
#define DEC(label, n) {label, n, F_DEC, NULL, NULL, 0}
#define NZ(label, n) {label, n, F_NZ, NULL, NULL, 0}
#define HEX(label, n) {label, n, F_HEX, NULL, NULL, 0}
#define TOK(label, n, tbl, unk) {label, n, F_TOK, tbl, unk, 0}
#define BITS(label, n, tbl, bogus) {label, n, F_BITS, tbl, NULL, bogus}
#define MAC(label) {label, 6, F_MAC, NULL, NULL, 0}
#define STR(label, n) {label, n, F_STR, NULL, NULL, 0}

/* Prints the fields of table f found at cp; returns how many bytes they take. */
static unsigned fields(np_ctx *c, const uint8_t *cp, const ofield *f)
{
	char b[64];
	const uint8_t *p = cp;
	for (; f->kind != F_END; p += f->size, f++) {
		unsigned long long v = 0;
		switch (f->kind) {
		case F_SKIP:
			continue;
		case F_CHK:
			np_need(c, p, f->size);
			continue;
		case F_MAC:
			np_printf(c, "%s %s", f->label, mac_str(c, p, b));
			continue;
		case F_STR:
			np_printf(c, "%s '", f->label);
			printjnp(c, p, f->size);
			np_putc(c, '\'');
			continue;
		}
		switch (f->size) {
		case 1: v = np_u8(c, p); break;
		case 2: v = np_be16(c, p); break;
		case 4: v = np_be32(c, p); break;
		default: v = g64(c, p); break;
		}
		switch (f->kind) {
		case F_NZ:
			if (!v)
				break;
			/* fallthrough */
		case F_DEC:
			np_printf(c, "%s %llu", f->label, v);
			break;
		case F_HEX:
			np_printf(c, "%s 0x%0*llx", f->label, 2 * f->size, v);
			break;
		case F_TOK:
			np_printf(c, "%s %s", f->label, tokf(f->tbl, f->unk, (unsigned)v, b, sizeof(b)));
			break;
		case F_BITS:
			np_printf(c, "%s 0x%0*llx", f->label, 2 * f->size, v);
			bitmap(c, f->tbl, (uint32_t)v, f->bogus);
			break;
		}
	}
	return (unsigned)(p - cp);
}

/* One header of a list of type-length-value elements (queue properties, actions, hello
 * elements): the type by name and the length, which counts the header; 0 when the list
 * is too short for an element or the length is out of range. */
typedef struct {
	const char *type_label;
	const np_tok *types;
	const char *unk; /* the format of a type without a name */
	const char *len_label;
	unsigned min; /* the shortest element */
} tlv_kind;

static int tlv_head(np_ctx *c, const char *pfx, const tlv_kind *k, const uint8_t *cp,
		    unsigned len, unsigned *type, unsigned *tlen)
{
	char b[64];
	if (len < k->min)
		return 0;
	*type = np_be16(c, cp);
	np_printf(c, "%s%s %s", pfx, k->type_label, tokf(k->types, k->unk, *type, b, sizeof(b)));
	*tlen = np_be16(c, cp + 2);
	np_printf(c, ", %s %u", k->len_label, *tlen);
	return *tlen >= k->min && *tlen <= len;
}

/* ---- vendor extensions ---------------------------------------------------------------- */

/* A Big Switch Networks subtype: read and named. */
static uint32_t bsn_subtype(np_ctx *c, const char *label, const np_tok *t, const uint8_t *cp)
{
	char b[64];
	uint32_t st = np_be32(c, cp);
	np_printf(c, "%s %s", label, tokf(t, "unknown (0x%08x)", st, b, sizeof(b)));
	return st;
}

static void bsn_message(np_ctx *c, const uint8_t *cp, unsigned len)
{
	char b[64];
	if (len < 4)
		goto invalid;
	uint32_t st = bsn_subtype(c, "\n\t subtype", bsn_subtypes, cp);
	FWD(4);
	switch (st) {
	case 1:
		if (len != 8)
			goto invalid;
		np_printf(c, ", index %u", np_u8(c, cp));
		FWD(1);
		np_need(c, cp, 7);
		break;
	case 0:
	case 2:
		if (len != 8)
			goto invalid;
		np_printf(c, ", index %u", np_u8(c, cp));
		FWD(1);
		FWD(3);
		np_printf(c, ", mask %s", ip4_str(c, cp, b));
		break;
	case 3: case 4: case 5:
		if (len != 4)
			goto invalid;
		np_printf(c, ", report_mirror_ports %s", tokf(bsn_onoff, "bogus (%u)", np_u8(c, cp), b, sizeof(b)));
		FWD(1);
		np_need(c, cp, 3);
		break;
	case 9: case 13: case 19: case 21: case 27:
		if (len)
			goto invalid;
		break;
	case 17:
		if (len != 4)
			goto invalid;
		np_printf(c, ", vport_no %u", np_be32(c, cp));
		break;
	case 6:
		if (len < 4)
			goto invalid;
		np_printf(c, ", service %u", np_be32(c, cp));
		FWD(4);
		/* fallthrough */
	case 7:
		np_puts(c, ", data '");
		if (np_print_chars(c, cp, len)) /* cut: tcpdump's read longjmps mid-string */
			np_need(c, cp, len);
		np_putc(c, '\'');
		break;
	case 8:
		if (len != 4)
			goto invalid;
		np_printf(c, ", status 0x%08x", np_be32(c, cp));
		break;
	default:
		np_need(c, cp, len);
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

static void bsn_actions(np_ctx *c, const uint8_t *cp, unsigned len)
{
	char b[64];
	if (len < 4)
		goto invalid;
	uint32_t st = bsn_subtype(c, "\n\t  subtype", bsn_action_subtypes, cp);
	FWD(4);
	if (st == 1) {
		if (len != 12)
			goto invalid;
		np_printf(c, ", dest_port %u", np_be32(c, cp));
		FWD(4);
		uint32_t tag = np_be32(c, cp);
		FWD(4);
		if ((tag >> 16) == 0)
			np_puts(c, ", vlan_tag none");
		else if ((tag >> 16) == 0x8100)
			np_printf(c, ", vlan_tag 802.1Q (vlan %u, p %u%s)", tag & 0xfff, (tag & 0xffff) >> 13,
				  (tag & 0x1000) ? ", DEI" : "");
		else
			np_printf(c, ", vlan_tag unknown (0x%04x)", tag >> 16);
		np_printf(c, ", copy_stage %s", tokf(bsn_copy_stage, "unknown (%u)", np_u8(c, cp), b, sizeof(b)));
		FWD(1);
		np_need(c, cp, 3);
	} else {
		np_need(c, cp, len);
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

/* The vendor id and its data; Big Switch Networks' decoded by bsn when it is given. */
static void vendor_print(np_ctx *c, const uint8_t *cp, unsigned len,
			 void (*bsn)(np_ctx *, const uint8_t *, unsigned))
{
	if (len < 4) {
		invalid_skip(c, cp, len);
		return;
	}
	uint32_t v = np_be32(c, cp);
	FWD(4);
	np_printf(c, ", vendor 0x%08x (%s)", v, vendor_name(v));
	if (bsn && v == 0x5c16c7)
		bsn(c, cp, len);
	else
		data_print(c, cp, len);
}

static void vendor_message(np_ctx *c, const uint8_t *cp, unsigned len)
{
	vendor_print(c, cp, len, bsn_message);
}

static void vendor_data(np_ctx *c, const uint8_t *cp, unsigned len)
{
	vendor_print(c, cp, len, NULL);
}

static void packet_data(np_ctx *c, const uint8_t *cp, unsigned len)
{
	if (len == 0)
		return;
	np_printf(c, "\n\t data (%u octets)", len);
	if (c->o.vflag < 3) {
		np_need(c, cp, len);
		return;
	}
	c->o.vflag -= 3;
	np_puts(c, ", frame decoding below\n");
	const uint8_t *save = np_narrow(c, cp, len);
	np_ether_print(c, cp, len, np_avail(c, cp));
	np_restore_snapend(c, save);
	c->o.vflag += 3;
}

/* ---- structures ----------------------------------------------------------------------- */

/* The four port feature sets, in both versions' port descriptions */
#define PORT_FEATURES(indent, tbl, bogus)                                           \
	BITS(indent "curr", 4, tbl, bogus), BITS(indent "advertised", 4, tbl, bogus), \
	BITS(indent "supported", 4, tbl, bogus), \
	BITS(indent "peer", 4, tbl, bogus)

static const ofield phy_port_head[] = {
	TOK("\n\t  port_no", 2, ofpp_names, "%u"), MAC(", hw_addr"), STR(", name", 16), END,
};
static const ofield phy_port_config[] = {
	BITS("\n\t   config", 4, ofppc_bm, OFPPC_U), END,
};
static const ofield phy_port_features[] = {
	PORT_FEATURES("\n\t   ", ofppf_bm, OFPPF_U), END,
};

static void phy_port(np_ctx *c, const uint8_t *cp)
{
	char b[64];
	cp += fields(c, cp, phy_port_head);
	if (c->o.vflag < 2) {
		np_need(c, cp, 24);
		return;
	}
	cp += fields(c, cp, phy_port_config);
	uint32_t v = np_be32(c, cp);
	np_printf(c, "\n\t   state 0x%08x (%s%s)%s", v, tokf(ofpps_stp, "", v & (3u << 8), b, sizeof(b)),
		  (v & 1) ? ", LINK_DOWN" : "", (v & OFPPS_U) ? " (bogus)" : "");
	fields(c, cp + 4, phy_port_features);
}

static const tlv_kind queue_prop_kind = {"property", ofpqt_names, "invalid (0x%04x)", "len", 8};

static void queue_props(np_ctx *c, const uint8_t *cp, unsigned len)
{
	while (len) {
		unsigned prop, plen;
		if (!tlv_head(c, "\n\t   ", &queue_prop_kind, cp, len, &prop, &plen))
			goto invalid;
		FWD(4);
		CHK_FWD(4);
		int bogus = 0, skip = 0;
		if (prop == 0)
			bogus = plen != 8;
		else if (prop == 1)
			bogus = plen != 16;
		else
			skip = 1;
		if (bogus) {
			np_puts(c, " (bogus)");
			skip = 1;
		}
		if (skip) {
			CHK_FWD(plen - 8);
			continue;
		}
		if (prop == 1) {
			unsigned rate = np_be16(c, cp);
			FWD(2);
			if (rate > 1000)
				np_puts(c, ", rate disabled");
			else
				np_printf(c, ", rate %u.%u%%", rate / 10, rate % 10);
			CHK_FWD(6);
		}
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

static void queues(np_ctx *c, const uint8_t *cp, unsigned len)
{
	while (len) {
		if (len < 8)
			goto invalid;
		np_printf(c, "\n\t  queue_id %u", np_be32(c, cp));
		FWD(4);
		unsigned dl = np_be16(c, cp);
		FWD(2);
		np_printf(c, ", len %u", dl);
		if (dl < 8 || dl > len + 6)
			goto invalid;
		CHK_FWD(2);
		if (c->o.vflag >= 2)
			queue_props(c, cp, dl - 8);
		else
			np_need(c, cp, dl - 8);
		FWD(dl - 8);
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

static void match_print(np_ctx *c, const char *pfx, const uint8_t *cp)
{
	char b[64];
	uint32_t wc = np_be32(c, cp);
	if (wc & OFPFW_U)
		np_printf(c, "%swildcards 0x%08x (bogus)", pfx, wc);
	cp += 4;
	if (!(wc & 1))
		np_printf(c, "%smatch in_port %s", pfx, port_str(np_be16(c, cp), b, sizeof(b)));
	cp += 2;
	if (!(wc & 4))
		np_printf(c, "%smatch dl_src %s", pfx, mac_str(c, cp, b));
	cp += 6;
	if (!(wc & 8))
		np_printf(c, "%smatch dl_dst %s", pfx, mac_str(c, cp, b));
	cp += 6;
	if (!(wc & 2))
		np_printf(c, "%smatch dl_vlan %s", pfx, vlan_str(np_be16(c, cp), b, sizeof(b)));
	cp += 2;
	if (!(wc & (1u << 20)))
		np_printf(c, "%smatch dl_vlan_pcp %s", pfx, pcp_str(np_u8(c, cp), b, sizeof(b)));
	cp += 2;
	unsigned dl_type = np_be16(c, cp);
	cp += 2;
	if (!(wc & 16))
		np_printf(c, "%smatch dl_type 0x%04x", pfx, dl_type);
	if (!(wc & (1u << 21)))
		np_printf(c, "%smatch nw_tos 0x%02x", pfx, np_u8(c, cp));
	cp += 1;
	unsigned nw_proto = np_u8(c, cp);
	cp += 1;
	if (!(wc & 32))
		np_printf(c, "%smatch %s %u", pfx,
			  !(wc & 16) && dl_type == 0x0806 ? "arp_opcode" : "nw_proto", nw_proto);
	cp += 2;
	unsigned bits = (wc >> 8) & 0x3f;
	if (bits < 32)
		np_printf(c, "%smatch nw_src %s/%u", pfx, ip4_str(c, cp, b), 32 - bits);
	cp += 4;
	bits = (wc >> 14) & 0x3f;
	if (bits < 32)
		np_printf(c, "%smatch nw_dst %s/%u", pfx, ip4_str(c, cp, b), 32 - bits);
	cp += 4;
	int icmp = !(wc & 16) && dl_type == 0x0800 && !(wc & 32) && nw_proto == 1;
	if (!(wc & 64))
		np_printf(c, "%smatch %s %u", pfx, icmp ? "icmp_type" : "tp_src", np_be16(c, cp));
	cp += 2;
	if (!(wc & 128))
		np_printf(c, "%smatch %s %u", pfx, icmp ? "icmp_code" : "tp_dst", np_be16(c, cp));
	else
		np_need(c, cp, 2);
}

static const tlv_kind action_kind = {"action type", ofpat_names, "invalid (0x%04x)", "len", 8};

static void actions_print(np_ctx *c, const char *pfx, const uint8_t *cp, unsigned len)
{
	char b[64];
	while (len) {
		unsigned type, alen;
		if (!tlv_head(c, pfx, &action_kind, cp, len, &type, &alen))
			goto invalid;
		FWD(4);
		int bogus = 0, skip = 0;
		switch (type) {
		case 0: case 1: case 2: case 3: case 6: case 7: case 8: case 9: case 10:
			bogus = alen != 8;
			break;
		case 4: case 5: case 11:
			bogus = alen != 16;
			break;
		case 0xffff:
			bogus = alen % 8 != 0;
			break;
		default:
			skip = 1;
		}
		if (bogus) {
			np_puts(c, " (bogus)");
			skip = 1;
		}
		if (skip) {
			CHK_FWD(alen - 4);
			continue;
		}
		switch (type) {
		case 0: {
			unsigned port = np_be16(c, cp);
			FWD(2);
			np_printf(c, ", port %s", port_str(port, b, sizeof(b)));
			if (port == 0xfffd)
				np_printf(c, ", max_len %u", np_be16(c, cp));
			else
				np_need(c, cp, 2);
			FWD(2);
			break;
		}
		case 1:
			np_printf(c, ", vlan_vid %s", vlan_str(np_be16(c, cp), b, sizeof(b)));
			FWD(2);
			CHK_FWD(2);
			break;
		case 2:
			np_printf(c, ", vlan_pcp %s", pcp_str(np_u8(c, cp), b, sizeof(b)));
			FWD(1);
			CHK_FWD(3);
			break;
		case 4:
		case 5:
			np_printf(c, ", dl_addr %s", mac_str(c, cp, b));
			FWD(6);
			CHK_FWD(6);
			break;
		case 6:
		case 7:
			np_printf(c, ", nw_addr %s", ip4_str(c, cp, b));
			FWD(4);
			break;
		case 8:
			np_printf(c, ", nw_tos 0x%02x", np_u8(c, cp));
			FWD(1);
			CHK_FWD(3);
			break;
		case 9:
		case 10:
			np_printf(c, ", tp_port %u", np_be16(c, cp));
			FWD(2);
			CHK_FWD(2);
			break;
		case 11:
			np_printf(c, ", port %s", port_str(np_be16(c, cp), b, sizeof(b)));
			FWD(2);
			FWD(6);
			np_printf(c, ", queue_id %s", tokf(ofpq_names, "%u", np_be32(c, cp), b, sizeof(b)));
			FWD(4);
			break;
		case 0xffff:
			vendor_print(c, cp, alen - 4, bsn_actions);
			FWD(alen - 4);
			break;
		case 3:
			CHK_FWD(4);
			break;
		}
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

/* ---- messages ------------------------------------------------------------------------- */

static const ofield features_reply_fields[] = {
	HEX("\n\t dpid", 8), DEC(", n_buffers", 4), DEC(", n_tables", 1), SKIP(3),
	BITS("\n\t capabilities", 4, cap_bm, OFPCAP_U), BITS("\n\t actions", 4, ofpat_bm, OFPAT_U),
	END,
};

static void features_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	FWD(fields(c, cp, features_reply_fields));
	while (len) {
		if (len < 48) {
			invalid_skip(c, cp, len);
			return;
		}
		phy_port(c, cp);
		FWD(48);
	}
}

static const ofield switch_config_fields[] = {
	TOK("\n\t flags", 2, config_names, "invalid (0x%04x)"), DEC(", miss_send_len", 2), END,
};

/* FLOW_MOD from its cookie to its priority */
static const ofield flow_mod_fields[] = {
	HEX("\n\t cookie", 8), TOK(", command", 2, ofpfc_names, "invalid (0x%04x)"),
	NZ(", idle_timeout", 2), NZ(", hard_timeout", 2), NZ(", priority", 2), END,
};
static const ofield flow_mod_flags[] = {
	BITS(", flags", 2, ofpff_bm, OFPFF_U), END,
};

static void flow_mod(np_ctx *c, const uint8_t *cp, unsigned len)
{
	char b[64];
	match_print(c, "\n\t ", cp);
	FWD(40);
	unsigned n = fields(c, cp, flow_mod_fields);
	unsigned cmd = np_be16(c, cp + 8);
	FWD(n);
	if (cmd <= 2)
		np_printf(c, ", buffer_id %s", tokf(bufferid_names, "0x%08x", np_be32(c, cp), b, sizeof(b)));
	FWD(4);
	if (cmd == 3 || cmd == 4)
		np_printf(c, ", out_port %s", port_str(np_be16(c, cp), b, sizeof(b)));
	FWD(2);
	FWD(fields(c, cp, flow_mod_flags));
	actions_print(c, "\n\t ", cp, len);
}

static const ofield port_mod_fields[] = {
	TOK("\n\t port_no", 2, ofpp_names, "%u"), MAC(", hw_addr"),
	BITS("\n\t config", 4, ofppc_bm, OFPPC_U), BITS("\n\t mask", 4, ofppc_bm, OFPPC_U),
	BITS("\n\t advertise", 4, ofppf_bm, OFPPF_U), CHK(4), END,
};

static const ofield queue_get_config_request_fields[] = {
	TOK("\n\t port", 2, ofpp_names, "%u"), CHK(2), END,
};

static const ofield queue_get_config_reply_fields[] = {
	TOK("\n\t port", 2, ofpp_names, "%u"), CHK(6), END,
};

static void queue_get_config_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	FWD(fields(c, cp, queue_get_config_reply_fields));
	queues(c, cp, len);
}

static const ofield flow_stats_request_fields[] = {
	TOK("\n\t table_id", 1, tableid_names, "%u"), SKIP(1),
	TOK(", out_port", 2, ofpp_names, "%u"), END,
};
static const ofield port_stats_request_fields[] = {
	TOK("\n\t port_no", 2, ofpp_names, "%u"), CHK(6), END,
};
static const ofield queue_stats_request_fields[] = {
	TOK("\n\t port_no", 2, ofpp_names, "%u"), SKIP(2), TOK(", queue_id", 4, ofpq_names, "%u"),
	END,
};

static void stats_request(np_ctx *c, const uint8_t *cp, unsigned len)
{
	char b[64];
	unsigned type = np_be16(c, cp);
	FWD(2);
	np_printf(c, "\n\t type %s", tokf(ofpst_names, "invalid (0x%04x)", type, b, sizeof(b)));
	np_printf(c, ", flags 0x%04x", np_be16(c, cp));
	if (np_be16(c, cp))
		np_puts(c, " (bogus)");
	FWD(2);
	switch (type) {
	case 0:
	case 3:
		if (len)
			goto invalid;
		return;
	case 1:
	case 2:
		if (len != 44)
			goto invalid;
		match_print(c, "\n\t ", cp);
		fields(c, cp + 40, flow_stats_request_fields);
		return;
	case 4:
		if (len != 8)
			goto invalid;
		fields(c, cp, port_stats_request_fields);
		return;
	case 5:
		if (len != 8)
			goto invalid;
		fields(c, cp, queue_stats_request_fields);
		return;
	case 0xffff:
		vendor_data(c, cp, len);
		return;
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

static const ofield desc_stats_fields[] = {
	STR("\n\t  mfr_desc", 256), STR("\n\t  hw_desc", 256), STR("\n\t  sw_desc", 256),
	STR("\n\t  serial_num", 32), STR("\n\t  dp_desc", 256), END,
};
static const ofield flow_stats_head[] = {
	TOK(", table_id", 1, tableid_names, "%u"), SKIP(1), END,
};
static const ofield flow_stats_fields[] = {
	DEC("\n\t  duration_sec", 4), DEC(", duration_nsec", 4), DEC(", priority", 2),
	DEC(", idle_timeout", 2), DEC(", hard_timeout", 2), SKIP(6), HEX(", cookie", 8),
	DEC(", packet_count", 8), DEC(", byte_count", 8), END,
};
static const ofield aggregate_stats_fields[] = {
	DEC("\n\t packet_count", 8), DEC(", byte_count", 8), DEC(", flow_count", 4), CHK(4), END,
};
static const ofield table_stats_fields[] = {
	TOK("\n\t table_id", 1, tableid_names, "%u"), SKIP(3), STR(", name", 32),
	BITS("\n\t  wildcards", 4, ofpfw_bm, OFPFW_U), DEC("\n\t  max_entries", 4),
	DEC(", active_count", 4), DEC(", lookup_count", 8), DEC(", matched_count", 8), END,
};
static const ofield port_stats_head[] = {
	TOK("\n\t  port_no", 2, ofpp_names, "%u"), END,
};
static const ofield port_stats_fields[] = {
	SKIP(6), DEC(", rx_packets", 8), DEC(", tx_packets", 8), DEC(", rx_bytes", 8),
	DEC(", tx_bytes", 8), DEC(", rx_dropped", 8), DEC(", tx_dropped", 8), DEC(", rx_errors", 8),
	DEC(", tx_errors", 8), DEC(", rx_frame_err", 8), DEC(", rx_over_err", 8),
	DEC(", rx_crc_err", 8), DEC(", collisions", 8), END,
};
static const ofield queue_stats_fields[] = {
	TOK("\n\t  port_no", 2, ofpp_names, "%u"), SKIP(2), DEC(", queue_id", 4),
	DEC(", tx_bytes", 8), DEC(", tx_packets", 8), DEC(", tx_errors", 8), END,
};

static void desc_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	if (len != 1056)
		invalid_skip(c, cp, len);
	else
		fields(c, cp, desc_stats_fields);
}

static void flow_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	while (len) {
		if (len < 88)
			goto invalid;
		unsigned el = np_be16(c, cp);
		np_printf(c, "\n\t length %u", el);
		if (el < 88 || el > len)
			goto invalid;
		FWD(2);
		FWD(fields(c, cp, flow_stats_head));
		match_print(c, "\n\t  ", cp);
		FWD(40);
		FWD(fields(c, cp, flow_stats_fields));
		actions_print(c, "\n\t  ", cp, el - 88);
		FWD(el - 88);
	}
	return;
invalid:
	invalid_skip(c, cp, len);
}

static void aggregate_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	if (len != 24)
		invalid_skip(c, cp, len);
	else
		fields(c, cp, aggregate_stats_fields);
}

/* A reply made of records of `size` bytes each printed by table f */
static void records(np_ctx *c, const uint8_t *cp, unsigned len, unsigned size, const ofield *f)
{
	while (len) {
		if (len < size) {
			invalid_skip(c, cp, len);
			return;
		}
		fields(c, cp, f);
		FWD(size);
	}
}

static void table_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	records(c, cp, len, 64, table_stats_fields);
}

static void queue_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	records(c, cp, len, 32, queue_stats_fields);
}

static void port_stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	while (len) {
		if (len < 104) {
			invalid_skip(c, cp, len);
			return;
		}
		FWD(fields(c, cp, port_stats_head));
		if (c->o.vflag < 2) {
			CHK_FWD(102);
			continue;
		}
		FWD(fields(c, cp, port_stats_fields));
	}
}

static void stats_reply(np_ctx *c, const uint8_t *cp, unsigned len)
{
	char b[64];
	unsigned type = np_be16(c, cp);
	np_printf(c, "\n\t type %s", tokf(ofpst_names, "invalid (0x%04x)", type, b, sizeof(b)));
	FWD(2);
	unsigned fl = np_be16(c, cp);
	np_printf(c, ", flags 0x%04x", fl);
	bitmap(c, reply_more_bm, fl, ~1u);
	FWD(2);
	if (c->o.vflag > 0) {
		void (*fn)(np_ctx *, const uint8_t *, unsigned) =
			type == 0 ? desc_stats_reply : type == 1 ? flow_stats_reply
			: type == 2 ? aggregate_stats_reply : type == 3 ? table_stats_reply
			: type == 4 ? port_stats_reply : type == 5 ? queue_stats_reply
			: type == 0xffff ? vendor_data : NULL;
		if (fn) {
			fn(c, cp, len);
			return;
		}
	}
	np_need(c, cp, len);
}

static const ofield packet_out_fields[] = {
	HEX("\n\t buffer_id", 4), TOK(", in_port", 2, ofpp_names, "%u"), END,
};

static void packet_out(np_ctx *c, const uint8_t *cp, unsigned len)
{
	FWD(fields(c, cp, packet_out_fields));
	unsigned al = np_be16(c, cp);
	FWD(2);
	if (al > len) {
		invalid_skip(c, cp, len);
		return;
	}
	actions_print(c, "\n\t ", cp, al);
	FWD(al);
	packet_data(c, cp, len);
}

static const ofield packet_in_fields[] = {
	TOK("\n\t buffer_id", 4, bufferid_names, "0x%08x"), DEC(", total_len", 2),
	TOK(", in_port", 2, ofpp_names, "%u"), TOK(", reason", 1, ofpr_names, "invalid (0x%02x)"),
	CHK(1), END,
};

static void packet_in(np_ctx *c, const uint8_t *cp, unsigned len)
{
	FWD(fields(c, cp, packet_in_fields));
	packet_data(c, cp, len);
}

/* FLOW_REMOVED after its match */
static const ofield flow_removed_fields[] = {
	HEX("\n\t cookie", 8), NZ(", priority", 2),
	TOK(", reason", 1, ofprr_names, "unknown (0x%02x)"), SKIP(1), DEC(", duration_sec", 4),
	DEC(", duration_nsec", 4), NZ(", idle_timeout", 2), SKIP(2), DEC(", packet_count", 8),
	DEC(", byte_count", 8), END,
};

static void flow_removed(np_ctx *c, const uint8_t *cp, unsigned len)
{
	(void)len;
	match_print(c, "\n\t ", cp);
	fields(c, cp + 40, flow_removed_fields);
}

static const ofield port_status_fields[] = {
	TOK("\n\t reason", 1, ofppr_names, "invalid (0x%02x)"), SKIP(7), END,
};

static void port_status(np_ctx *c, const uint8_t *cp, unsigned len)
{
	(void)len;
	phy_port(c, cp + fields(c, cp, port_status_fields));
}

/* An error message: its type and the code by the type's table (ncodes of them). */
static void error_print(np_ctx *c, const uint8_t *cp, unsigned len, const np_tok *types,
			const np_tok *const *codes, unsigned ncodes)
{
	char b[64];
	unsigned type = np_be16(c, cp);
	FWD(2);
	np_printf(c, "\n\t type %s", tokf(types, "invalid (0x%04x)", type, b, sizeof(b)));
	unsigned code = np_be16(c, cp);
	FWD(2);
	if (type < ncodes)
		np_printf(c, ", code %s", tokf(codes[type], "invalid (0x%04x)", code, b, sizeof(b)));
	else
		np_printf(c, ", code invalid (0x%04x)", code);
	data_print(c, cp, len);
}

static void error_msg(np_ctx *c, const uint8_t *cp, unsigned len)
{
	error_print(c, cp, len, ofpet_names, error_codes, sizeof(error_codes) / sizeof(error_codes[0]));
}

/* A message body: printed by fn, else by the table fields, else not decoded. */
enum { REQ_NONE, REQ_MINLEN, REQ_FIXLEN };
typedef struct {
	const char *name;
	void (*fn)(np_ctx *, const uint8_t *, unsigned);
	const ofield *fields;
	int req;
	unsigned value;
} msgtype;

static const msgtype of10_types[] = {
	{"HELLO", data_print, NULL, REQ_MINLEN, 0},
	{"ERROR", error_msg, NULL, REQ_MINLEN, 4},
	{"ECHO_REQUEST", data_print, NULL, REQ_MINLEN, 0},
	{"ECHO_REPLY", data_print, NULL, REQ_MINLEN, 0},
	{"VENDOR", vendor_message, NULL, REQ_MINLEN, 4},
	{"FEATURES_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"FEATURES_REPLY", features_reply, NULL, REQ_MINLEN, 24},
	{"GET_CONFIG_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"GET_CONFIG_REPLY", NULL, switch_config_fields, REQ_FIXLEN, 4},
	{"SET_CONFIG", NULL, switch_config_fields, REQ_FIXLEN, 4},
	{"PACKET_IN", packet_in, NULL, REQ_MINLEN, 10},
	{"FLOW_REMOVED", flow_removed, NULL, REQ_FIXLEN, 80},
	{"PORT_STATUS", port_status, NULL, REQ_FIXLEN, 56},
	{"PACKET_OUT", packet_out, NULL, REQ_MINLEN, 8},
	{"FLOW_MOD", flow_mod, NULL, REQ_MINLEN, 64},
	{"PORT_MOD", NULL, port_mod_fields, REQ_FIXLEN, 24},
	{"STATS_REQUEST", stats_request, NULL, REQ_MINLEN, 4},
	{"STATS_REPLY", stats_reply, NULL, REQ_MINLEN, 4},
	{"BARRIER_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"BARRIER_REPLY", NULL, NULL, REQ_FIXLEN, 0},
	{"QUEUE_GET_CONFIG_REQUEST", NULL, queue_get_config_request_fields, REQ_FIXLEN, 4},
	{"QUEUE_GET_CONFIG_REPLY", queue_get_config_reply, NULL, REQ_MINLEN, 8},
};


/* ---- OpenFlow 1.3 (wire version 0x04) --------------------------------------------------- */

static const np_tok of13_cap_bm[] = {
	{1u << 0, "FLOW_STATS"}, {1u << 1, "TABLE_STATS"}, {1u << 2, "PORT_STATS"},
	{1u << 3, "GROUP_STATS"}, {1u << 5, "IP_REASM"}, {1u << 6, "QUEUE_STATS"},
	{1u << 8, "PORT_BLOCKED"}, {0, NULL},
};
#define OF13_CAP_U (~(0x0fu | (1u << 5) | (1u << 6) | (1u << 8)))
static const np_tok of13_ofptt[] = {{0xfe, "MAX"}, {0xff, "ALL"}, {0, NULL}};
static const np_tok of13_ofpcml[] = {{0xffe5, "MAX"}, {0xffff, "NO_BUFFER"}, {0, NULL}};
static const np_tok of13_ofppc_bm[] = {
	{1u << 0, "PORT_DOWN"}, {1u << 2, "NO_RECV"}, {1u << 5, "NO_FWD"},
	{1u << 6, "NO_PACKET_IN"}, {0, NULL},
};
#define OF13_PPC_U (~(1u | (1u << 2) | (1u << 5) | (1u << 6)))
static const np_tok of13_ofpps_bm[] = {{1, "LINK_DOWN"}, {2, "BLOCKED"}, {4, "LIVE"}, {0, NULL}};
#define OF13_PPS_U (~7u)
static const np_tok of13_ofppf_bm[] = {
	{1u << 0, "10MB_HD"}, {1u << 1, "10MB_FD"}, {1u << 2, "100MB_HD"}, {1u << 3, "100MB_FD"},
	{1u << 4, "1GB_HD"}, {1u << 5, "1GB_FD"}, {1u << 6, "10GB_FD"}, {1u << 7, "40GB_FD"},
	{1u << 8, "100GB_FD"}, {1u << 9, "1TB_FD"}, {1u << 10, "OTHER"}, {1u << 11, "COPPER"},
	{1u << 12, "FIBER"}, {1u << 13, "AUTONEG"}, {1u << 14, "PAUSE"}, {1u << 15, "PAUSE_ASYM"},
	{0, NULL},
};
#define OF13_PPF_U (~0xffffu)
static const np_tok of13_ofphet[] = {{1, "VERSIONBITMAP"}, {0, NULL}};
static const np_tok of13_ofpp[] = {
	{0xffffff00, "MAX"}, {0xfffffff8, "IN_PORT"}, {0xfffffff9, "TABLE"},
	{0xfffffffa, "NORMAL"}, {0xfffffffb, "FLOOD"}, {0xfffffffc, "ALL"},
	{0xfffffffd, "CONTROLLER"}, {0xfffffffe, "LOCAL"}, {0xffffffff, "ANY"}, {0, NULL},
};
static const np_tok of13_ofpcr[] = {
	{0, "NOCHANGE"}, {1, "EQUAL"}, {2, "MASTER"}, {3, "SLAVE"}, {0, NULL},
};
static const np_tok of13_verbm[] = {
	{1u << 0, "1.0"}, {1u << 1, "1.1"}, {1u << 2, "1.2"}, {1u << 3, "1.3"}, {1u << 4, "1.4"},
	{1u << 5, "1.5"}, {0, NULL},
};
#define OF13_VER_U (~0x3fu)
static const np_tok of13_async_ofpr_bm[] = {
	{1, "NO_MATCH"}, {2, "ACTION"}, {4, "INVALID_TTL"}, {0, NULL},
};
static const np_tok of13_async_ofppr_bm[] = {{1, "ADD"}, {2, "DELETE"}, {4, "MODIFY"}, {0, NULL}};
static const np_tok of13_ofppr[] = {{0, "ADD"}, {1, "DELETE"}, {2, "MODIFY"}, {0, NULL}};
static const np_tok of13_ofpet[] = {
	{0, "HELLO_FAILED"}, {1, "BAD_REQUEST"}, {2, "BAD_ACTION"}, {3, "BAD_INSTRUCTION"},
	{4, "BAD_MATCH"}, {5, "FLOW_MOD_FAILED"}, {6, "GROUP_MOD_FAILED"}, {7, "PORT_MOD_FAILED"},
	{8, "TABLE_MOD_FAILED"}, {9, "QUEUE_OP_FAILED"}, {10, "SWITCH_CONFIG_FAILED"},
	{11, "ROLE_REQUEST_FAILED"}, {12, "METER_MOD_FAILED"}, {13, "TABLE_FEATURES_FAILED"},
	{0xffff, "EXPERIMENTER"}, {0, NULL},
};
static const np_tok of13_brc[] = {
	{0, "BAD_VERSION"}, {1, "BAD_TYPE"}, {2, "BAD_MULTIPART"}, {3, "BAD_EXPERIMENTER"},
	{4, "BAD_EXP_TYPE"}, {5, "EPERM"}, {6, "BAD_LEN"}, {7, "BUFFER_EMPTY"},
	{8, "BUFFER_UNKNOWN"}, {9, "BAD_TABLE_ID"}, {10, "IS_SLAVE"}, {11, "BAD_PORT"},
	{12, "BAD_PACKET"}, {13, "MULTIPART_BUFFER_OVERFLOW"}, {0, NULL},
};
static const np_tok of13_bac[] = {
	{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_EXPERIMENTER"}, {3, "BAD_EXP_TYPE"},
	{4, "BAD_OUT_PORT"}, {5, "BAD_ARGUMENT"}, {6, "EPERM"}, {7, "TOO_MANY"},
	{8, "BAD_QUEUE"}, {9, "BAD_OUT_GROUP"}, {10, "MATCH_INCONSISTENT"},
	{11, "UNSUPPORTED_ORDER"}, {12, "BAD_TAG"}, {13, "BAD_SET_TYPE"}, {14, "BAD_SET_LEN"},
	{15, "BAD_SET_ARGUMENT"}, {0, NULL},
};
static const np_tok of13_bic[] = {
	{0, "UNKNOWN_INST"}, {1, "UNSUP_INST"}, {2, "BAD_TABLE_ID"}, {3, "UNSUP_METADATA"},
	{4, "UNSUP_METADATA_MASK"}, {5, "BAD_EXPERIMENTER"}, {6, "BAD_EXP_TYPE"},
	{7, "BAD_LEN"}, {8, "EPERM"}, {0, NULL},
};
static const np_tok of13_bmc[] = {
	{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_TAG"}, {3, "BAD_DL_ADDR_MASK"},
	{4, "BAD_NW_ADDR_MASK"}, {5, "BAD_WILDCARDS"}, {6, "BAD_FIELD"}, {7, "BAD_VALUE"},
	{8, "BAD_MASK"}, {9, "BAD_PREREQ"}, {10, "DUP_FIELD"}, {11, "EPERM"}, {0, NULL},
};
static const np_tok of13_fmfc[] = {
	{0, "UNKNOWN"}, {1, "TABLE_FULL"}, {2, "BAD_TABLE_ID"}, {3, "OVERLAP"}, {4, "EPERM"},
	{5, "BAD_TIMEOUT"}, {6, "BAD_COMMAND"}, {7, "BAD_FLAGS"}, {0, NULL},
};
static const np_tok of13_gmfc[] = {
	{0, "GROUP_EXISTS"}, {1, "INVALID_GROUP"}, {2, "WEIGHT_UNSUPPORTED"},
	{3, "OUT_OF_GROUPS"}, {4, "OUT_OF_BUCKETS"}, {5, "CHAINING_UNSUPPORTED"},
	{6, "WATCH_UNSUPPORTED"}, {7, "LOOP"}, {8, "UNKNOWN_GROUP"}, {9, "CHAINED_GROUP"},
	{10, "BAD_TYPE"}, {11, "BAD_COMMAND"}, {12, "BAD_BUCKET"}, {13, "BAD_MATCH"},
	{14, "EPERM"}, {0, NULL},
};
static const np_tok of13_pmfc[] = {
	{0, "BAD_PORT"}, {1, "BAD_HW_ADDR"}, {2, "BAD_CONFIG"}, {3, "BAD_ADVERTISE"},
	{4, "EPERM"}, {0, NULL},
};
static const np_tok of13_tmfc[] = {{0, "BAD_TABLE"}, {1, "BAD_CONFIG"}, {2, "EPERM"}, {0, NULL}};
static const np_tok of13_scfc[] = {{0, "BAD_FLAGS"}, {1, "BAD_LEN"}, {2, "EPERM"}, {0, NULL}};
static const np_tok of13_rrfc[] = {{0, "STALE"}, {1, "UNSUP"}, {2, "BAD_ROLE"}, {0, NULL}};
static const np_tok of13_mmfc[] = {
	{0, "UNKNOWN"}, {1, "METER_EXISTS"}, {2, "INVALID_METER"}, {3, "UNKNOWN_METER"},
	{4, "BAD_COMMAND"}, {5, "BAD_FLAGS"}, {6, "BAD_RATE"}, {7, "BAD_BURST"},
	{8, "BAD_BAND"}, {9, "BAD_BAND_VALUE"}, {10, "OUT_OF_METERS"}, {11, "OUT_OF_BANDS"},
	{0, NULL},
};
static const np_tok of13_tffc[] = {
	{0, "BAD_TABLE"}, {1, "BAD_METADATA"}, {2, "BAD_TYPE"}, {3, "BAD_LEN"},
	{4, "BAD_ARGUMENT"}, {5, "EPERM"}, {0, NULL},
};
static const np_tok *const of13_error_codes[] = {
	hfc_names, of13_brc, of13_bac, of13_bic, of13_bmc, of13_fmfc, of13_gmfc, of13_pmfc,
	of13_tmfc, qofc_names, of13_scfc, of13_rrfc, of13_mmfc, of13_tffc,
};

static const ofield of13_port_head[] = {
	TOK("\n\t  port_no", 4, of13_ofpp, "%u"), SKIP(4), MAC(", hw_addr"), SKIP(2),
	STR(", name", 16), END,
};
static const ofield of13_port_detail[] = {
	BITS("\n\t   config", 4, of13_ofppc_bm, OF13_PPC_U),
	BITS("\n\t   state", 4, of13_ofpps_bm, OF13_PPS_U),
	PORT_FEATURES("\n\t   ", of13_ofppf_bm, OF13_PPF_U), END,
};

static void of13_port(np_ctx *c, const uint8_t *cp)
{
	cp += fields(c, cp, of13_port_head);
	if (c->o.vflag < 2) {
		np_need(c, cp, 32);
		return;
	}
	cp += fields(c, cp, of13_port_detail);
	np_printf(c, "\n\t   curr_speed %ukbps", np_be32(c, cp));
	np_printf(c, "\n\t   max_speed %ukbps", np_be32(c, cp + 4));
}

static const ofield of13_features_reply_fields[] = {
	HEX("\n\t dpid", 8), DEC(", n_buffers", 4), DEC(", n_tables", 1), DEC(", auxiliary_id", 1),
	SKIP(2), BITS("\n\t capabilities", 4, of13_cap_bm, OF13_CAP_U), CHK(4), END,
};

static const ofield of13_switch_config_fields[] = {
	TOK("\n\t flags", 2, config_names, "invalid (0x%04x)"),
	TOK(", miss_send_len", 2, of13_ofpcml, "%u"), END,
};

static const ofield of13_table_mod_fields[] = {
	TOK("\n\t table_id", 1, of13_ofptt, "%u"), SKIP(3), HEX(", config", 4), END,
};

static const ofield of13_role_fields[] = {
	TOK("\n\t role", 4, of13_ofpcr, "invalid (0x%08x)"), SKIP(4), HEX(", generation_id", 8),
	END,
};

static const ofield of13_async_fields[] = {
	BITS("\n\t packet_in_mask[EM]", 4, of13_async_ofpr_bm, ~7u),
	BITS("\n\t packet_in_mask[S]", 4, of13_async_ofpr_bm, ~7u),
	BITS("\n\t port_status_mask[EM]", 4, of13_async_ofppr_bm, ~7u),
	BITS("\n\t port_status_mask[S]", 4, of13_async_ofppr_bm, ~7u),
	BITS("\n\t flow_removed_mask[EM]", 4, of13_async_ofppr_bm, ~7u),
	BITS("\n\t flow_removed_mask[S]", 4, of13_async_ofppr_bm, ~7u), END,
};

static const ofield of13_port_mod_fields[] = {
	TOK("\n\t port_no", 4, of13_ofpp, "%u"), SKIP(4), MAC(", hw_addr"), SKIP(2),
	BITS("\n\t  config", 4, of13_ofppc_bm, OF13_PPC_U),
	BITS("\n\t  mask", 4, of13_ofppc_bm, OF13_PPC_U),
	BITS("\n\t  advertise", 4, of13_ofppf_bm, OF13_PPF_U), CHK(4), END,
};

/* 4.99.3's format string lacks its '%': "invalid (0x02x)" */
static const ofield of13_port_status_fields[] = {
	TOK("\n\t reason", 1, of13_ofppr, "invalid (0x02x)"), SKIP(7), END,
};

static void of13_port_status(np_ctx *c, const uint8_t *cp, unsigned len)
{
	(void)len;
	of13_port(c, cp + fields(c, cp, of13_port_status_fields));
}

static const tlv_kind of13_hello_kind = {"type", of13_ofphet, "unknown (0x%04x)", "length", 4};

static void of13_hello(np_ctx *c, const uint8_t *cp, unsigned len)
{
	while (len) {
		unsigned type, bl;
		if (!tlv_head(c, "\n\t ", &of13_hello_kind, cp, len, &type, &bl)) {
			invalid_skip(c, cp, len);
			return;
		}
		FWD(4);
		if (type == 1 && bl == 8) {
			uint32_t bm = np_be32(c, cp);
			np_printf(c, ", bitmap 0x%08x", bm);
			bitmap(c, of13_verbm, bm, OF13_VER_U);
		} else {
			if (type == 1)
				np_puts(c, " (bogus)");
			np_need(c, cp, bl - 4);
		}
		FWD(bl - 4);
	}
}

static void of13_experimenter(np_ctx *c, const uint8_t *cp, unsigned len)
{
	uint32_t e = np_be32(c, cp);
	FWD(4);
	np_printf(c, "\n\t experimenter 0x%08x (%s)", e, vendor_name(e));
	np_printf(c, ", exp_type 0x%08x", np_be32(c, cp));
	FWD(4);
	data_print(c, cp, len);
}

static const ofield of13_queue_get_config_request_fields[] = {
	TOK("\n\t port", 4, of13_ofpp, "%u"), CHK(4), END,
};

static void of13_error(np_ctx *c, const uint8_t *cp, unsigned len)
{
	error_print(c, cp, len, of13_ofpet, of13_error_codes,
		    sizeof(of13_error_codes) / sizeof(of13_error_codes[0]));
}

static const msgtype of13_types[] = {
	{"HELLO", of13_hello, NULL, REQ_MINLEN, 0},
	{"ERROR", of13_error, NULL, REQ_MINLEN, 4},
	{"ECHO_REQUEST", data_print, NULL, REQ_MINLEN, 0},
	{"ECHO_REPLY", data_print, NULL, REQ_MINLEN, 0},
	{"EXPERIMENTER", of13_experimenter, NULL, REQ_MINLEN, 8},
	{"FEATURES_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"FEATURES_REPLY", NULL, of13_features_reply_fields, REQ_FIXLEN, 24},
	{"GET_CONFIG_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"GET_CONFIG_REPLY", NULL, of13_switch_config_fields, REQ_FIXLEN, 4},
	{"SET_CONFIG", NULL, of13_switch_config_fields, REQ_FIXLEN, 4},
	{"PACKET_IN", NULL, NULL, REQ_NONE, 0},
	{"FLOW_REMOVED", NULL, NULL, REQ_NONE, 0},
	{"PORT_STATUS", of13_port_status, NULL, REQ_FIXLEN, 72},
	{"PACKET_OUT", NULL, NULL, REQ_NONE, 0},
	{"FLOW_MOD", NULL, NULL, REQ_NONE, 0},
	{"GROUP_MOD", NULL, NULL, REQ_NONE, 0},
	{"PORT_MOD", NULL, of13_port_mod_fields, REQ_FIXLEN, 32},
	{"TABLE_MOD", NULL, of13_table_mod_fields, REQ_FIXLEN, 8},
	{"MULTIPART_REQUEST", NULL, NULL, REQ_NONE, 0},
	{"MULTIPART_REPLY", NULL, NULL, REQ_NONE, 0},
	{"BARRIER_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"BARRIER_REPLY", NULL, NULL, REQ_FIXLEN, 0},
	{"QUEUE_GET_CONFIG_REQUEST", NULL, of13_queue_get_config_request_fields, REQ_FIXLEN, 8},
	{"QUEUE_GET_CONFIG_REPLY", NULL, NULL, REQ_NONE, 0},
	{"ROLE_REQUEST", NULL, of13_role_fields, REQ_FIXLEN, 16},
	{"ROLE_REPLY", NULL, of13_role_fields, REQ_FIXLEN, 16},
	{"GET_ASYNC_REQUEST", NULL, NULL, REQ_FIXLEN, 0},
	{"GET_ASYNC_REPLY", NULL, of13_async_fields, REQ_FIXLEN, 24},
	{"SET_ASYNC", NULL, of13_async_fields, REQ_FIXLEN, 24},
	{"METER_MOD", NULL, NULL, REQ_NONE, 0},
};

static const np_tok version_names[] = {
	{1, "1.0"}, {2, "1.1"}, {3, "1.2"}, {4, "1.3"}, {5, "1.4"}, {6, "1.5"}, {0, NULL},
};

static void message(np_ctx *c, const uint8_t *cp, unsigned len, const msgtype *mt)
{
	if (mt) {
		if ((mt->req == REQ_FIXLEN && len != mt->value) ||
		    (mt->req == REQ_MINLEN && len < mt->value)) {
			np_print_invalid(c);
		} else if (c->o.vflag && mt->fn) {
			mt->fn(c, cp, len);
			return;
		} else if (c->o.vflag && mt->fields) {
			fields(c, cp, mt->fields);
			return;
		}
	}
	np_need(c, cp, len);
}

void np_openflow_print(np_ctx *c, const uint8_t *cp, unsigned len, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char b[64];
	np_set_proto(c, "openflow");
	np_puts(c, ": OpenFlow");
	while (len) {
		unsigned version = np_u8(c, cp);
		FWD(1);
		np_printf(c, "\n\tversion %s", tokf(version_names, "unknown (0x%02x)", version, b, sizeof(b)));
		if (len < 1)
			goto partial;
		unsigned type = np_u8(c, cp);
		FWD(1);
		const msgtype *mt =
			version == 1 && type < sizeof(of10_types) / sizeof(of10_types[0]) ? &of10_types[type]
			: version == 4 && type < sizeof(of13_types) / sizeof(of13_types[0]) ? &of13_types[type]
			: NULL;
		if (mt)
			np_printf(c, ", type %s", mt->name);
		else
			np_printf(c, ", type unknown (0x%02x)", type);
		if (len < 2)
			goto partial;
		unsigned length = np_be16(c, cp);
		FWD(2);
		np_printf(c, ", length %u%s", length, length < HDR ? " (too short!)" : "");
		if (len < 4)
			goto partial;
		np_printf(c, ", xid 0x%08x", np_be32(c, cp));
		FWD(4);
		if (length < HDR) {
			np_print_invalid(c);
			np_need(c, cp, len);
			return;
		}
		message(c, cp, length - HDR, mt);
		if (length - HDR > len)
			break;
		FWD(length - HDR);
	}
	return;
partial:
	np_puts(c, " (end of TCP payload)");
	np_need(c, cp, len);
}
