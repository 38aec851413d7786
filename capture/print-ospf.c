/* OSPFv2 (RFC 2328) with the extensions tcpdump 4.99.3 decodes: LSA headers and bodies
 * (router with multi-topology metrics, network, summary, external/NSSA, group), opaque LSAs
 * (traffic engineering with the GMPLS sub-TLVs of RFC 4203, graceful restart RFC 3623,
 * router information RFC 4970), MD5 and simple authentication, and link-local signalling;
 * over IPv6, OSPFv3 (RFC 5340) as tcpdump's print-ospf6.c prints it (end of this file).
 *
 * Key decisions:
 * - tcpdump's OSPF printer leaves a cut packet with its longjmp (a dump of the whole packet
 *   after " [|ospf2]"): every read here goes through np_need(), which does the same.
 * - As tcpdump does, an MD5 trailer is taken off the length and off the captured data
 *   before anything is decoded (so link-local signalling after it is read only as far as
 *   that leaves). */
#include <string.h>

#include "capture/netprint.h"

#define OSPF_HDRLEN 24
#define LSA_HDRLEN 20
#define OSPF_AUTH_MD5_LEN 16

enum { OSPF_HELLO = 1, OSPF_DD, OSPF_LS_REQ, OSPF_LS_UPDATE, OSPF_LS_ACK };
enum {
	LS_ROUTER = 1, LS_NETWORK, LS_SUM_IP, LS_SUM_ABR, LS_ASE, LS_GROUP, LS_NSSA,
	LS_OPAQUE_LL = 9, LS_OPAQUE_AL, LS_OPAQUE_DW,
};
enum { OPAQUE_TE = 1, OPAQUE_GRACE = 3, OPAQUE_RI = 4 };
enum { AUTH_NONE, AUTH_SIMPLE, AUTH_MD5 };
#define OPTION_L 0x10

static const np_tok option_names[] = {
	{0x01, "MultiTopology"}, {0x02, "External"}, {0x04, "Multicast"}, {0x08, "NSSA"},
	{0x10, "LLS"}, {0x20, "Demand Circuit"}, {0x40, "Opaque"}, {0x80, "Up/Down"},
	{0, NULL},
};
static const np_tok auth_names[] = {{0, "none"}, {1, "simple"}, {2, "MD5"}, {0, NULL}};
static const np_tok rla_flags[] = {
	{0x01, "ABR"}, {0x02, "ASBR"}, {0x04, "Virtual"}, {0x08, "Wildcard"}, {0x10, "Nt"},
	{0x80, "Host"}, {0, NULL},
};
static const np_tok type_names[] = {
	{OSPF_HELLO, "Hello"}, {OSPF_DD, "Database Description"}, {OSPF_LS_REQ, "LS-Request"},
	{OSPF_LS_UPDATE, "LS-Update"}, {OSPF_LS_ACK, "LS-Ack"}, {0, NULL},
};
static const np_tok lsa_names[] = {
	{LS_ROUTER, "Router"}, {LS_NETWORK, "Network"}, {LS_SUM_IP, "Summary"},
	{LS_SUM_ABR, "ASBR Summary"}, {LS_ASE, "External"}, {LS_GROUP, "Multicast Group"},
	{LS_NSSA, "NSSA"}, {LS_OPAQUE_LL, "Link Local Opaque"},
	{LS_OPAQUE_AL, "Area Local Opaque"}, {LS_OPAQUE_DW, "Domain Wide Opaque"}, {0, NULL},
};
static const np_tok dd_flags[] = {
	{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}, {0, NULL},
};
static const np_tok opaque_names[] = {
	{OPAQUE_TE, "Traffic Engineering"}, {OPAQUE_GRACE, "Graceful restart"},
	{OPAQUE_RI, "Router Information"}, {0, NULL},
};
static const np_tok te_tlv_names[] = {{1, "Router Address"}, {2, "Link"}, {0, NULL}};

enum {
	TE_LINK_TYPE = 1, TE_LINK_ID, TE_LOCAL_IP, TE_REMOTE_IP, TE_METRIC, TE_MAX_BW,
	TE_MAX_RES_BW, TE_UNRES_BW, TE_ADMIN_GROUP, TE_LOCAL_REMOTE_ID = 11,
	TE_PROTECTION = 14, TE_SW_CAP = 15, TE_SRLG = 16, TE_BW_CONSTRAINTS = 17,
};
static const np_tok te_subtlv_names[] = {
	{TE_LINK_TYPE, "Link Type"},
	{TE_LINK_ID, "Link ID"},
	{TE_LOCAL_IP, "Local Interface IP address"},
	{TE_REMOTE_IP, "Remote Interface IP address"},
	{TE_METRIC, "Traffic Engineering Metric"},
	{TE_MAX_BW, "Maximum Bandwidth"},
	{TE_MAX_RES_BW, "Maximum Reservable Bandwidth"},
	{TE_UNRES_BW, "Unreserved Bandwidth"},
	{TE_ADMIN_GROUP, "Administrative Group"},
	{TE_LOCAL_REMOTE_ID, "Link Local/Remote Identifier"},
	{TE_PROTECTION, "Link Protection Type"},
	{TE_SW_CAP, "Interface Switching Capability"},
	{TE_SRLG, "Shared Risk Link Group"},
	{TE_BW_CONSTRAINTS, "Bandwidth Constraints"},
	{0, NULL},
};
static const np_tok grace_tlv_names[] = {
	{1, "Grace Period"}, {2, "Graceful restart Reason"}, {3, "IPv4 interface address"},
	{0, NULL},
};
static const np_tok grace_reasons[] = {
	{0, "Unknown"}, {1, "Software Restart"}, {2, "Software Reload/Upgrade"},
	{3, "Control Processor Switch"}, {0, NULL},
};
static const np_tok link_types[] = {{1, "Point-to-point"}, {2, "Multi-Access"}, {0, NULL}};
static const np_tok ri_tlv_names[] = {{1, "Router Capabilities"}, {0, NULL}};
static const np_tok ri_caps[] = {
	{1, "Reserved"}, {2, "Reserved"}, {4, "Reserved"}, {8, "Reserved"},
	{16, "graceful restart capable"}, {32, "graceful restart helper"},
	{64, "Stub router support"}, {128, "Traffic engineering"}, {256, "p2p over LAN"},
	{512, "path computation server"}, {0, NULL},
};
static const np_tok lls_tlv_names[] = {
	{1, "Extended Options"}, {2, "MD5 Authentication"}, {0, NULL},
};
static const np_tok lls_eo_options[] = {{0x01, "LSDB resync"}, {0x02, "Restart"}, {0, NULL}};
static const np_tok topologies[] = {
	{0, "default"}, {1, "multicast"}, {2, "management"}, {0, NULL},
};
/* GMPLS (RFC 3471/4203/4124) values as tcpdump names them */
static const np_tok gmpls_protection[] = {
	{0x01, "Extra Traffic"}, {0x02, "Unprotected"}, {0x04, "Shared"},
	{0x08, "Dedicated 1:1"}, {0x10, "Dedicated 1+1"}, {0x20, "Enhanced"},
	{0x40, "Reserved"}, {0x80, "Reserved"}, {0, NULL},
};
static const np_tok gmpls_switch_caps[] = {
	{1, "Packet-Switch Capable-1"}, {2, "Packet-Switch Capable-2"},
	{3, "Packet-Switch Capable-3"}, {4, "Packet-Switch Capable-4"},
	{51, "Layer-2 Switch Capable"}, {100, "Time-Division-Multiplex"},
	{150, "Lambda-Switch Capable"}, {200, "Fiber-Switch Capable"}, {0, NULL},
};
static const np_tok gmpls_encodings[] = {
	{1, "Packet"}, {2, "Ethernet V2/DIX"}, {3, "ANSI/ETSI PDH"}, {4, "Reserved"},
	{5, "SDH ITU-T G.707 / SONET ANSI T1.105"}, {6, "Reserved"}, {7, "Digital Wrapper"},
	{8, "Lambda (photonic)"}, {9, "Fiber"}, {10, "Reserved"}, {11, "FiberChannel"},
	{12, "G.709 ODUk (Digital Path)"}, {13, "G.709 Optical Channel"}, {0, NULL},
};
static const np_tok diffserv_bc_models[] = {
	{0, "Russian dolls"}, {1, "Maximum allocation"},
	{2, "Maximum allocation with E-LSP support"}, {0, NULL},
};


static const char *addr(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}

static const char *tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

/* "PREFIX[names]" with the value read before anything is printed, as tcpdump's
 * ND_PRINT(..., bittok2str(..., GET_...)) evaluates its arguments first. */
static void bits_field(np_ctx *c, const char *prefix, const np_tok *t, const uint8_t *p)
{
	unsigned v = np_u8(c, p);
	np_puts(c, prefix);
	np_print_bits_or(c, t, "none", v);
	np_putc(c, ']');
}

/* A 32-bit IEEE float in bytes per second, printed in Mbit/s as tcpdump computes it. */
static void mbps_print(np_ctx *c, const char *fmt, uint32_t raw)
{
	float f;
	memcpy(&f, &raw, sizeof(f));
	float v = f * 8;
	v = v / 1000000;
	np_printf(c, fmt, (double)v);
}

/* The head of the next TLV of a Grace or TE LSA, *left bytes left in it: reads type and
 * length, prints the name line with fmt (name, type, length) and moves *p past the head.
 * 0 when the walk ends there: the LSA is cut short (a checked read: it just ends), too short
 * for the head or for the length it gives (said so), or the type or length is zero. */
static int tlv_head(np_ctx *c, const uint8_t **p, unsigned *left, const np_tok *names,
		    const char *fmt, unsigned *type, unsigned *len)
{
	if (!np_has(c, *p, 4))
		return 0;
	if (*left < 4) {
		np_printf(c, "\n\t    Remaining LS length %u < 4", *left);
		return 0;
	}
	*type = np_be16(c, *p);
	*len = np_be16(c, *p + 2);
	*p += 4;
	*left -= 4;
	np_printf(c, fmt, tok(names, "unknown", *type), *type, *len);
	if (*len > *left) {
		np_printf(c, "\n\t    Bogus length %u > %u", *len, *left);
		return 0;
	}
	return *type != 0 && *len != 0;
}

/* A TLV length check with tcpdump's message: 1 when len is as required */
static int len_is(np_ctx *c, unsigned len, unsigned want)
{
	if (len == want)
		return 1;
	np_printf(c, "\n\t    Bogus length %u != %u", len, want);
	return 0;
}

static int grace_print(np_ctx *c, const uint8_t *p, unsigned left)
{
	char buf[NP_ADDRSTRLEN];
	while (left > 0) {
		unsigned type, len;
		if (!tlv_head(c, &p, &left, grace_tlv_names, "\n\t    %s TLV (%u), length %u, value: ",
			      &type, &len))
			return -1;
		if (!np_has(c, p, len))
			return -1;
		switch (type) {
		case 1:
			if (!len_is(c, len, 4))
				return -1;
			np_printf(c, "%us", np_be32(c, p));
			break;
		case 2:
			if (!len_is(c, len, 1))
				return -1;
			np_printf(c, "%s (%u)", tok(grace_reasons, "Unknown", np_u8(c, p)),
				  np_u8(c, p));
			break;
		case 3:
			if (!len_is(c, len, 4))
				return -1;
			np_puts(c, addr(c, p, buf));
			break;
		default:
			if (c->o.vflag <= 1 && !np_unknown_data(c, p, "\n\t      ", len))
				return -1;
			break;
		}
		len += (4 - len % 4) % 4;
		if (len > left) /* tcpdump's unsigned arithmetic ends the loop here */
			return 0;
		left -= len;
		p += len;
	}
	return 0;
}

/* One TE link sub-TLV value; -1 when it is malformed (" (invalid)" already printed),
 * otherwise how far past the sub-TLV the next one is looked for: tcpdump 4.99.3 steps over
 * a shared-risk-group list twice. */
static int te_subtlv_print(np_ctx *c, unsigned type, const uint8_t *p, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	switch (type) {
	case TE_ADMIN_GROUP:
		if (len != 4)
			goto bad4;
		np_printf(c, ", 0x%08x", np_be32(c, p));
		return 0;
	case TE_LINK_ID:
	case TE_LOCAL_REMOTE_ID:
		if (len != 4 && len != 8) {
			np_puts(c, " != 4 && != 8");
			goto invalid;
		}
		np_printf(c, ", %s (0x%08x)", addr(c, p, buf), np_be32(c, p));
		if (len == 8)
			np_printf(c, ", %s (0x%08x)", addr(c, p + 4, buf), np_be32(c, p + 4));
		return 0;
	case TE_LOCAL_IP:
	case TE_REMOTE_IP:
		if (len != 4)
			goto bad4;
		np_printf(c, ", %s", addr(c, p, buf));
		return 0;
	case TE_MAX_BW:
	case TE_MAX_RES_BW:
		if (len != 4)
			goto bad4;
		mbps_print(c, ", %.3f Mbps", np_be32(c, p));
		return 0;
	case TE_UNRES_BW:
		if (len != 32) {
			np_puts(c, " != 32");
			goto invalid;
		}
		for (unsigned k = 0; k < 8; k++) {
			np_printf(c, "\n\t\tTE-Class %u: ", k);
			mbps_print(c, "%.3f Mbps", np_be32(c, p + 4 * k));
		}
		return 0;
	case TE_BW_CONSTRAINTS:
		if (len < 4) {
			np_puts(c, " < 4");
			goto invalid;
		}
		np_printf(c, "\n\t\tBandwidth Constraints Model ID: %s (%u)",
			  tok(diffserv_bc_models, "unknown", np_u8(c, p)), np_u8(c, p));
		if (len % 4) {
			np_printf(c, "\n\t\tlength %u != N x 4", len);
			goto invalid;
		}
		if (len > 36) {
			np_printf(c, "\n\t\tlength %u > 36", len);
			goto invalid;
		}
		for (unsigned k = 0; k < (len - 4) / 4; k++) {
			np_printf(c, "\n\t\t  Bandwidth constraint CT%u: ", k);
			mbps_print(c, "%.3f Mbps", np_be32(c, p + 4 + 4 * k));
		}
		return 0;
	case TE_METRIC:
		if (len != 4)
			goto bad4;
		np_printf(c, ", Metric %u", np_be32(c, p));
		return 0;
	case TE_PROTECTION:
		if (len != 4)
			goto bad4;
		np_puts(c, ", ");
		np_print_bits_or(c, gmpls_protection, "none", np_u8(c, p));
		return 0;
	case TE_SW_CAP:
		if (len < 36) {
			np_puts(c, " < 36");
			goto invalid;
		}
		np_printf(c, "\n\t\tInterface Switching Capability: %s",
			  tok(gmpls_switch_caps, "Unknown", np_u8(c, p)));
		np_printf(c, "\n\t\tLSP Encoding: %s\n\t\tMax LSP Bandwidth:",
			  tok(gmpls_encodings, "Unknown", np_u8(c, p + 1)));
		for (unsigned k = 0; k < 8; k++) {
			np_printf(c, "\n\t\t  priority level %u: ", k);
			mbps_print(c, "%.3f Mbps", np_be32(c, p + 4 + 4 * k));
		}
		return 0;
	case TE_LINK_TYPE:
		if (len != 1) {
			np_puts(c, " != 1");
			goto invalid;
		}
		np_printf(c, ", %s (%u)", tok(link_types, "unknown", np_u8(c, p)), np_u8(c, p));
		return 0;
	case TE_SRLG: {
		if (len % 4) {
			np_puts(c, " != N x 4");
			goto invalid;
		}
		unsigned n = len / 4;
		if (n)
			np_puts(c, "\n\t\t  Shared risk group: ");
		for (unsigned k = 0; k < n; k++)
			np_printf(c, k + 1 < n ? "%u, " : "%u", np_be32(c, p + 4 * k));
		return (int)(4 * n);
	}
	default:
		if (c->o.vflag <= 1 && !np_unknown_data(c, p, "\n\t\t", len))
			return -1;
		return 0;
	}
bad4:
	np_puts(c, " != 4");
invalid:
	np_print_invalid(c);
	return -1;
}

static int te_print(np_ctx *c, const uint8_t *p, unsigned left)
{
	char buf[NP_ADDRSTRLEN];
	while (left != 0) {
		unsigned type, len;
		if (!tlv_head(c, &p, &left, te_tlv_names, "\n\t    %s TLV (%u), length: %u", &type,
			      &len))
			return -1;
		if (type == 2) {
			const uint8_t *s = p;
			unsigned tl = len;
			while (tl != 0) {
				if (tl < 4) {
					np_printf(c, "\n\t    Remaining TLV length %u < 4", tl);
					return -1;
				}
				unsigned st = np_be16(c, s), sl = np_be16(c, s + 2);
				s += 4;
				tl -= 4;
				if (st == 0 || sl == 0) {
					np_print_invalid(c);
					return -1;
				}
				np_printf(c, "\n\t      %s subTLV (%u), length: %u",
					  tok(te_subtlv_names, "unknown", st), st, sl);
				if (tl < sl) {
					np_printf(c, "\n\t    Remaining TLV length %u < %u", tl + 4,
						  sl + 4);
					return -1;
				}
				if (!np_has(c, s, sl))
					return -1;
				int extra = te_subtlv_print(c, st, s, sl);
				if (extra < 0)
					return -1;
				s += extra;
				sl += (4 - sl % 4) % 4;
				if (tl < sl) {
					np_printf(c, "\n\t    Remaining TLV length %u < %u", tl + 4,
						  sl + 4);
					return -1;
				}
				tl -= sl;
				s += sl;
			}
		} else if (type == 1) {
			if (len < 4) {
				np_printf(c, "\n\t    TLV length %u < 4", len);
				return -1;
			}
			np_printf(c, ", %s", addr(c, p, buf));
		} else if (c->o.vflag <= 1 && !np_unknown_data(c, p, "\n\t      ", len)) {
			return -1;
		}
		len += (4 - len % 4) % 4;
		if (len > left) {
			np_printf(c, "\n\t    Bogus padded length %u > %u", len, left);
			return -1;
		}
		left -= len;
		p += len;
	}
	return 0;
}

/* The LSA header; returns the LSA length or -1 when it is shorter than the header. */
static int lshdr_print(np_ctx *c, const uint8_t *h)
{
	char buf[NP_ADDRSTRLEN];
	unsigned len = np_be16(c, h + 18);
	if (len < LSA_HDRLEN) {
		np_printf(c, "\n\t    Bogus length %u < header (%u)", len, LSA_HDRLEN);
		return -1;
	}
	np_printf(c, "\n\t  Advertising Router %s, seq 0x%08x, age %us, length %u",
		  addr(c, h + 8, buf), np_be32(c, h + 12), np_be16(c, h), len - LSA_HDRLEN);
	unsigned type = np_u8(c, h + 3);
	if (type == LS_OPAQUE_LL || type == LS_OPAQUE_AL || type == LS_OPAQUE_DW)
		np_printf(c, "\n\t    %s LSA (%u), Opaque-Type %s LSA (%u), Opaque-ID %u",
			  tok(lsa_names, "unknown", type), type,
			  tok(opaque_names, "unknown", np_u8(c, h + 4)), np_u8(c, h + 4), np_be24(c, h + 5));
	else
		np_printf(c, "\n\t    %s LSA (%u), LSA-ID: %s", tok(lsa_names, "unknown", type),
			  type, addr(c, h + 4, buf));
	bits_field(c, "\n\t    Options: [", option_names, h + 2);
	return (int)len;
}

static void tos_metrics_print(np_ctx *c, const uint8_t *link)
{
	unsigned count = np_u8(c, link + 9) + 1;
	const uint8_t *t = link + 8;
	for (unsigned k = 0; k < count; k++, t = k == 1 ? link + 12 : t + 4) {
		unsigned topo = k ? np_u8(c, t) : 0;
		np_printf(c, "\n\t\ttopology %s (%u), metric %u", tok(topologies, "Unknown", topo),
			  topo, np_be16(c, t + 2));
	}
}

/* One LSA; returns its end, or NULL when the LSA header was bogus. */
static const uint8_t *lsa_print(np_ctx *c, const uint8_t *lsa)
{
	char buf[NP_ADDRSTRLEN], buf2[NP_ADDRSTRLEN];
	int r = lshdr_print(c, lsa);
	if (r < 0)
		return NULL;
	const uint8_t *end = lsa + r, *b = lsa + LSA_HDRLEN;
	unsigned left = (unsigned)r - LSA_HDRLEN;
	unsigned type = np_u8(c, lsa + 3);
	switch (type) {
	case LS_ROUTER: {
		bits_field(c, "\n\t    Router LSA Options: [", rla_flags, b);
		unsigned n = np_be16(c, b + 2);
		const uint8_t *l = b + 4;
		np_need(c, l, 12);
		for (unsigned k = n; k != 0; k--) {
			np_need(c, l, 12);
			unsigned lt = np_u8(c, l + 8);
			static const char *const fmt[] = {
				NULL,
				"\n\t      Neighbor Router-ID: %s, Interface Address: %s",
				"\n\t      Neighbor Network-ID: %s, Interface Address: %s",
				"\n\t      Stub Network: %s, Mask: %s",
				"\n\t      Virtual Link: Neighbor Router-ID: %s, Interface Address: %s",
			};
			if (lt < 1 || lt > 4) {
				np_printf(c, "\n\t      Unknown Router Link Type (%u)", lt);
				return end;
			}
			np_printf(c, fmt[lt], addr(c, l, buf), addr(c, l + 4, buf2));
			tos_metrics_print(c, l);
			l += 12 + np_u8(c, l + 9) * 4;
		}
		break;
	}
	case LS_NETWORK:
		np_printf(c, "\n\t    Mask %s\n\t    Connected Routers:", addr(c, b, buf));
		for (const uint8_t *a = b + 4; a < end; a += 4)
			np_printf(c, "\n\t      %s", addr(c, a, buf));
		break;
	case LS_SUM_IP:
	case LS_SUM_ABR:
		if (type == LS_SUM_IP)
			np_printf(c, "\n\t    Mask %s", addr(c, b, buf));
		np_need(c, b + 4, 4);
		for (const uint8_t *m = b + 4; m < end; m += 4) {
			uint32_t v = np_be32(c, m);
			unsigned topo = (v & 0x7f000000) >> 24;
			np_printf(c, "\n\t\ttopology %s (%u) metric %u",
				  tok(topologies, "Unknown", topo), topo, v & 0x00ffffff);
		}
		break;
	case LS_ASE:
	case LS_NSSA:
		np_printf(c, "\n\t    Mask %s", addr(c, b, buf));
		np_need(c, b + 4, 4);
		for (const uint8_t *m = b + 4; m < end; m += 12) {
			uint32_t v = np_be32(c, m);
			unsigned topo = (v & 0x7f000000) >> 24;
			np_printf(c, "\n\t\ttopology %s (%u), type %u, metric",
				  tok(topologies, "Unknown", topo), topo, v & 0x80000000 ? 2 : 1);
			if ((v & 0x00ffffff) == 0xffffff)
				np_puts(c, " infinite");
			else
				np_printf(c, " %u", v & 0x00ffffff);
			if (np_be32(c, m + 4))
				np_printf(c, ", forward %s", addr(c, m + 4, buf));
			if (np_be32(c, m + 8))
				np_printf(c, ", tag %s", addr(c, m + 8, buf));
		}
		break;
	case LS_GROUP:
		for (const uint8_t *m = b; m < end; m += 8) {
			uint32_t vt = np_be32(c, m);
			if (vt == 1)
				np_printf(c, "\n\t    Router Router-ID %s", addr(c, m + 4, buf));
			else if (vt == 2)
				np_printf(c, "\n\t    Network Designated Router %s", addr(c, m + 4, buf));
			else
				np_printf(c, "\n\t    unknown VertexType (%u)", vt);
		}
		break;
	case LS_OPAQUE_LL:
	case LS_OPAQUE_AL:
	case LS_OPAQUE_DW:
		switch (np_u8(c, lsa + 4)) {
		case OPAQUE_RI: {
			/* tcpdump 4.99.3 steps over router-information TLVs without padding */
			const uint8_t *t = b;
			unsigned rem = left;
			while (rem != 0) {
				np_need(c, t, 4);
				if (rem < 4) {
					np_printf(c, "\n\t    Remaining LS length %u < 4", rem);
					return end;
				}
				unsigned tt = np_be16(c, t), tl = np_be16(c, t + 2);
				t += 4;
				rem -= 4;
				np_printf(c, "\n\t    %s TLV (%u), length: %u, value: ",
					  tok(ri_tlv_names, "unknown", tt), tt, tl);
				if (tl > rem) {
					np_printf(c, "\n\t    Bogus length %u > remaining LS length %u",
						  tl, rem);
					return end;
				}
				np_need(c, t, tl);
				if (tt == 1) {
					if (!len_is(c, tl, 4))
						return end;
					np_puts(c, "Capabilities: ");
					np_print_bits_or(c, ri_caps, "Unknown", np_be32(c, t));
				} else if (c->o.vflag <= 1 && !np_unknown_data(c, t, "\n\t      ", tl)) {
					return end;
				}
				t += tl;
				rem -= tl;
			}
			break;
		}
		case OPAQUE_GRACE:
			if (grace_print(c, b, left) == -1)
				return end;
			break;
		case OPAQUE_TE:
			/* decoded in line in tcpdump 4.99.3: the LSA length is used up, no -vv
			 * dump follows */
			if (te_print(c, b, left) == -1)
				return end;
			left = 0;
			break;
		default:
			if (c->o.vflag <= 1 && !np_unknown_data(c, b, "\n\t    ", left))
				return end;
			break;
		}
		break;
	}
	if (c->o.vflag > 1 && !np_unknown_data(c, b, "\n\t    ", left))
		return end;
	return end;
}

static void lls_print(np_ctx *c, const uint8_t *op, unsigned length)
{
	unsigned type = np_u8(c, op + 1);
	if (type == OSPF_HELLO) {
		if (!(np_u8(c, op + 24 + 6) & OPTION_L))
			return;
	} else if (type == OSPF_DD) {
		if (!(np_u8(c, op + 24 + 2) & OPTION_L))
			return;
	} else {
		return;
	}
	unsigned len2 = np_be16(c, op + 2);
	const uint8_t *d = op + len2, *end = op + length;
	if (np_be16(c, op + 14) == AUTH_MD5) {
		d += np_u8(c, op + 16 + 3);
		len2 += np_u8(c, op + 16 + 3);
	}
	if (len2 >= length) {
		np_puts(c, "\n\t[LLS truncated]");
		return;
	}
	np_printf(c, "\n\t  LLS: checksum: 0x%04x", np_be16(c, d));
	d += 2;
	np_printf(c, ", length: %u", np_be16(c, d));
	d += 2;
	while (d < end) {
		unsigned lt = np_be16(c, d);
		np_printf(c, "\n\t    %s (%u)", tok(lls_tlv_names, "Unknown TLV", lt), lt);
		d += 2;
		unsigned ll = np_be16(c, d);
		np_printf(c, ", length: %u", ll);
		d += 2;
		if (lt == 1) {
			if (ll != 4) {
				np_puts(c, " [should be 4]");
				ll = 4;
			}
			uint32_t f = np_be32(c, d);
			np_printf(c, "\n\t      Options: 0x%08x [", f);
			np_print_bits_or(c, lls_eo_options, "?", f);
			np_putc(c, ']');
		} else if (lt == 2) {
			if (ll != 20) {
				np_puts(c, " [should be 20]");
				ll = 20;
			}
			np_printf(c, "\n\t      Sequence number: 0x%08x", np_be32(c, d));
		}
		d += ll;
	}
}

static void decode_v2(np_ctx *c, const uint8_t *op, const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN], buf2[NP_ADDRSTRLEN];
	const uint8_t *b = op + OSPF_HDRLEN;
	switch (np_u8(c, op + 1)) {
	case OSPF_HELLO:
		bits_field(c, "\n\tOptions [", option_names, b + 6);
		np_printf(c, "\n\t  Hello Timer %us, Dead Timer %us, Mask %s, Priority %u",
			  np_be16(c, b + 4), np_be32(c, b + 8), addr(c, b, buf), np_u8(c, b + 7));
		if (np_be32(c, b + 12))
			np_printf(c, "\n\t  Designated Router %s", addr(c, b + 12, buf));
		if (np_be32(c, b + 16))
			np_printf(c, ", Backup Designated Router %s", addr(c, b + 16, buf));
		if (b + 20 < end)
			np_puts(c, "\n\t  Neighbor List:");
		for (const uint8_t *a = b + 20; a < end; a += 4)
			np_printf(c, "\n\t    %s", addr(c, a, buf));
		break;
	case OSPF_DD:
		bits_field(c, "\n\tOptions [", option_names, b + 2);
		bits_field(c, ", DD Flags [", dd_flags, b + 3);
		if (np_be16(c, b))
			np_printf(c, ", MTU: %u", np_be16(c, b));
		np_printf(c, ", Sequence: 0x%08x", np_be32(c, b + 4));
		for (const uint8_t *h = b + 8; h < end && lshdr_print(c, h) != -1; h += LSA_HDRLEN)
			;
		break;
	case OSPF_LS_REQ:
		for (const uint8_t *r = b; r < end; r += 12) {
			np_need(c, r, 12);
			uint32_t type = np_be32(c, r);
			np_printf(c, "\n\t  Advertising Router: %s, %s LSA (%u)", addr(c, r + 8, buf),
				  tok(lsa_names, "unknown", type), type);
			if (type == LS_OPAQUE_LL || type == LS_OPAQUE_AL || type == LS_OPAQUE_DW)
				np_printf(c, ", Opaque-Type: %s LSA (%u), Opaque-ID: %u",
					  tok(opaque_names, "unknown", np_u8(c, r + 4)),
					  np_u8(c, r + 4), np_be24(c, r + 5));
			else
				np_printf(c, ", LSA-ID: %s", addr(c, r + 4, buf2));
		}
		break;
	case OSPF_LS_UPDATE: {
		uint32_t n = np_be32(c, b);
		np_printf(c, ", %u LSA%s", n, n == 1 ? "" : "s");
		const uint8_t *l = b + 4;
		for (uint32_t k = 1; k <= n; k++) {
			np_printf(c, "\n\t  LSA #%u", k);
			l = lsa_print(c, l);
			if (!l)
				np_trunc(c);
		}
		break;
	}
	case OSPF_LS_ACK:
		/* tcpdump 4.99.3 reads LSA headers until one is bogus or the capture ends (which
		 * ends the packet with " [|ospf2]"), not up to the OSPF length */
		for (const uint8_t *h = b; lshdr_print(c, h) != -1; h += LSA_HDRLEN)
			;
		break;
	default:
		break;
	}
}

static void ospf6_print(np_ctx *c, const uint8_t *bp, unsigned length);

/* The start of the header both versions share: version, packet type and length.  0 when the
 * type is unknown (unknown_fmt says so with its number): nothing more is decoded then. */
static int head_print(np_ctx *c, const uint8_t *bp, unsigned length, const np_tok *names,
		      const char *unknown_fmt)
{
	unsigned type = np_u8(c, bp + 1);
	const char *name = np_tok_find(names, type);
	np_printf(c, "OSPFv%u, ", np_u8(c, bp));
	if (name)
		np_puts(c, name);
	else
		np_printf(c, unknown_fmt, type);
	np_printf(c, ", length %u", length);
	return name != NULL;
}

/* The Router ID and Area ID of either version's header */
static void ids_print(np_ctx *c, const uint8_t *bp)
{
	char buf[NP_ADDRSTRLEN];
	np_printf(c, "\n\tRouter-ID %s", addr(c, bp + 4, buf));
	if (np_be32(c, bp + 8))
		np_printf(c, ", Area %s", addr(c, bp + 8, buf));
	else
		np_puts(c, ", Backbone Area");
}

void np_ospf_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)frag;
	if ((np_u8(c, ip) >> 4) == 6) { /* OSPFv3 over IPv6: tcpdump's ospf6_print */
		ospf6_print(c, bp, length);
		return;
	}
	np_set_proto(c, "ospf2");
	const uint8_t *saved_end = c->snapend;
	if (np_be16(c, bp + 14) == AUTH_MD5) {
		/* tcpdump strips the MD5 trailer off the length and the captured data first */
		length -= OSPF_AUTH_MD5_LEN;
		c->snapend = c->snapend - OSPF_AUTH_MD5_LEN > c->packet
				     ? c->snapend - OSPF_AUTH_MD5_LEN
				     : c->packet;
	}
	if (!head_print(c, bp, length, type_names, "unknown LS-type %u") || !c->o.vflag)
		goto done;
	unsigned olen = np_be16(c, bp + 2);
	if (length != olen)
		np_printf(c, " [len %u]", olen);
	const uint8_t *end = bp + (length > olen ? olen : length);
	ids_print(c, bp);
	np_need(c, bp + 16, 8);
	unsigned auth = np_be16(c, bp + 14);
	np_printf(c, ", Authentication Type: %s (%u)", tok(auth_names, "unknown", auth), auth);
	switch (auth) {
	case AUTH_NONE:
		break;
	case AUTH_SIMPLE:
		np_puts(c, "\n\tSimple text password: ");
		for (unsigned k = 0; k < 8 && np_u8(c, bp + 16 + k); k++)
			np_print_chars(c, bp + 16 + k, 1);
		break;
	case AUTH_MD5:
		np_printf(c, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  np_u8(c, bp + 18), np_u8(c, bp + 19), np_be32(c, bp + 20));
		break;
	default:
		goto done;
	}
	if (np_u8(c, bp) == 2) {
		decode_v2(c, bp, end);
		if (length > olen)
			lls_print(c, bp, length);
	} else {
		np_printf(c, " ospf [version %u]", np_u8(c, bp));
	}
done:
	np_restore_snapend(c, saved_end);
}

/* ---- OSPFv3 (RFC 5340, over IPv6) ------------------------------------------------------ */

static const np_tok v6_option_names[] = {
	{0x01, "V6"}, {0x02, "External"}, {0x04, "Deprecated"}, {0x08, "NSSA"}, {0x10, "Router"},
	{0x20, "Demand Circuit"}, {0x0100, "AFs Support"}, {0x0200, "LLS"},
	{0x0400, "Authentication Trailer"}, {0, NULL},
};
static const np_tok v6_rla_flag_names[] = {
	{0x01, "ABR"}, {0x02, "External"}, {0x04, "Virtual-Link Endpoint"}, {0x08, "Deprecated"},
	{0x10, "NSSA Translator"}, {0, NULL},
};
static const np_tok v6_asla_flag_names[] = {
	{0x04000000, "External Type 2"}, {0x02000000, "Forwarding"}, {0x01000000, "Tag"}, {0, NULL},
};
static const np_tok v6_type_names[] = {
	{1, "Hello"}, {2, "Database Description"}, {3, "LS-Request"}, {4, "LS-Update"},
	{5, "LS-Ack"}, {0, NULL},
};
static const np_tok v6_lsa_names[] = {
	{1, "Router"}, {2, "Network"}, {3, "Inter-Area Prefix"}, {4, "Inter-Area Router"},
	{5, "External"}, {6, "Deprecated"}, {7, "NSSA"}, {8, "Link"}, {9, "Intra-Area Prefix"},
	{10, "Intra-Area TE"}, {11, "Grace"}, {12, "Router Information"}, {13, "Inter-AS-TE"},
	{14, "Layer 1 VPN"}, {0, NULL},
};
static const np_tok v6_scope_names[] = {
	{0x0000, "Link Local"}, {0x2000, "Area Local"}, {0x4000, "Domain Wide"}, {0, NULL},
};
static const np_tok v6_dd_flag_names[] = {
	{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x10, "IPv6 MTU"}, {0, NULL},
};
static const np_tok v6_prefix_opt_names[] = {
	{0x01, "No Unicast"}, {0x02, "Local address"}, {0x04, "Deprecated"}, {0x08, "Propagate"},
	{0x10, "Down"}, {0x20, "N-bit"}, {0, NULL},
};

#define LSA6_HDRLEN 20

static void v6_ls_type(np_ctx *c, unsigned t, const uint8_t *stateid)
{
	char buf[NP_ADDRSTRLEN];
	addr(c, stateid, buf);
	np_printf(c, "\n\t    %s LSA (%u), %s Scope%s, LSA-ID %s",
		  tok(v6_lsa_names, "Unknown", t & 0x1fff), t & 0x1fff,
		  tok(v6_scope_names, "Unknown", t & 0x6000), (t & 0x8000) ? ", transitive" : "", buf);
}

/* 1 when cut */
static int v6_lshdr(np_ctx *c, const uint8_t *h, const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN];
	if (h + LSA6_HDRLEN > end)
		return 1;
	addr(c, h + 8, buf);
	unsigned seq = np_be32(c, h + 12), age = np_be16(c, h), len = np_be16(c, h + 18);
	np_printf(c, "\n\t  Advertising Router %s, seq 0x%08x, age %us, length %zu", buf, seq, age,
		  (size_t)len - LSA6_HDRLEN);
	v6_ls_type(c, np_be16(c, h + 2), h + 4);
	return 0;
}

/* bytes used, -1 when cut */
static int v6_prefix(np_ctx *c, const uint8_t *p, unsigned left)
{
	char buf[NP_ADDRSTRLEN];
	uint8_t a[16] = {0};
	if (left < 4)
		return -1;
	left -= 4;
	np_need(c, p, 4);
	unsigned plen = np_u8(c, p);
	unsigned words = (plen + 31) / 32;
	if (words * 4 > 16) {
		np_printf(c, " bogus prefixlen /%u", plen);
		return -1;
	}
	if (left < words * 4)
		return -1;
	np_need(c, p + 4, words * 4);
	memcpy(a, p + 4, words * 4);
	np_printf(c, "\n\t\t%s/%u", np_fmt_ipv6(buf, a), plen);
	unsigned opt = np_u8(c, p + 1);
	if (opt) {
		np_puts(c, ", Options [");
		np_print_bits_or(c, v6_prefix_opt_names, "none", opt);
		np_putc(c, ']');
	}
	np_printf(c, ", metric %u", np_be16(c, p + 2));
	return 4 + (int)words * 4;
}

static void v6_options_field(np_ctx *c, const char *prefix, uint32_t v)
{
	np_puts(c, prefix);
	np_print_bits_or(c, v6_option_names, "none", v);
	np_putc(c, ']');
}

/* 1 when cut */
static int v6_lsa(np_ctx *c, const uint8_t *l, const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN], b3[NP_ADDRSTRLEN];
	if (v6_lshdr(c, l, end))
		return 1;
	unsigned length = np_be16(c, l + 18);
	if (length < LSA6_HDRLEN || l + length > end)
		return 1;
	unsigned left = length - LSA6_HDRLEN;
	const uint8_t *t = l + LSA6_HDRLEN;
	int n;
	unsigned prefixes;
	switch (np_be16(c, l + 2)) {
	case 0x2001: /* router, area scope */
		if (left < 4)
			return 1;
		left -= 4;
		v6_options_field(c, "\n\t      Options [", np_be32(c, t));
		np_puts(c, ", RLA-Flags [");
		np_print_bits_or(c, v6_rla_flag_names, "none", np_u8(c, t));
		np_putc(c, ']');
		for (const uint8_t *r = t + 4; left != 0; r += 16) {
			if (left < 16)
				return 1;
			left -= 16;
			np_need(c, r, 16);
			unsigned lt = np_u8(c, r);
			const char *what = lt == 4 ? "Virtual Link: Neighbor Router-ID"
					   : lt == 1 ? "Neighbor Router-ID"
					   : lt == 2 ? "Neighbor Network-ID" : NULL;
			if (!what) {
				np_printf(c, "\n\t      Unknown Router Links Type 0x%02x", lt);
				return 0;
			}
			addr(c, r + 12, buf), addr(c, r + 8, b2), addr(c, r + 4, b3);
			np_printf(c, "\n\t      %s %s\n\t      Neighbor Interface-ID %s, Interface %s", what,
				  buf, b2, b3);
			np_printf(c, ", metric %u", np_be16(c, r + 2));
		}
		break;
	case 0x2002: /* network */
		if (left < 4)
			return 1;
		left -= 4;
		v6_options_field(c, "\n\t      Options [", np_be32(c, t));
		np_puts(c, "\n\t      Connected Routers:");
		for (const uint8_t *a = t + 4; left != 0; a += 4) {
			if (left < 4)
				return 1;
			left -= 4;
			np_printf(c, "\n\t\t%s", addr(c, a, buf));
		}
		break;
	case 0x2003: /* inter-area prefix */
		if (left < 4)
			return 1;
		left -= 4;
		np_printf(c, ", metric %u", np_be32(c, t) & 0x00ffffff);
		for (t += 4; left != 0; t += n, left -= (unsigned)n)
			if ((n = v6_prefix(c, t, left)) < 0)
				return 1;
		break;
	case 0x4005: { /* external */
		if (left < 4)
			return 1;
		left -= 4;
		uint32_t f = np_be32(c, t);
		np_puts(c, "\n\t     Flags [");
		np_print_bits_or(c, v6_asla_flag_names, "none", f);
		np_putc(c, ']');
		np_printf(c, " metric %u", np_be32(c, t) & 0x00ffffff);
		t += 4;
		const uint8_t *pfx = t;
		if ((n = v6_prefix(c, t, left)) < 0)
			return 1;
		left -= (unsigned)n;
		t += n;
		if (f & 0x02000000) {
			if (left < 16)
				return 1;
			left -= 16;
			np_need(c, t, 16);
			np_printf(c, " forward %s", np_ipv6_str(c, t, buf));
			t += 16;
		}
		if (f & 0x01000000) {
			if (left < 4)
				return 1;
			left -= 4;
			np_printf(c, " tag %s", addr(c, t, buf));
			t += 4;
		}
		/* tcpdump tests the first octet of the prefix metric for a referenced LS-ID */
		if (np_u8(c, pfx + 2)) {
			if (left < 4)
				return 1;
			left -= 4;
			np_printf(c, " RefLSID: %s", addr(c, t, buf));
			t += 4;
		}
		break;
	}
	case 0x0008: /* link */
		if (left < 4)
			return 1;
		left -= 4;
		np_need(c, t, 4);
		v6_options_field(c, "\n\t      Options [", np_be32(c, t));
		if (left < 20)
			return 1;
		left -= 20;
		prefixes = np_be32(c, t + 20);
		np_need(c, t + 4, 16);
		np_printf(c, "\n\t      Priority %u, Link-local address %s, Prefixes %u:", np_u8(c, t),
			  np_ipv6_str(c, t + 4, buf), prefixes);
		for (t += 24; prefixes > 0; prefixes--, t += n, left -= (unsigned)n)
			if ((n = v6_prefix(c, t, left)) < 0)
				return 1;
		break;
	case 0x2009: /* intra-area prefix */
		if (left < 4)
			return 1;
		left -= 4;
		np_need(c, t + 8, 4);
		v6_ls_type(c, np_be16(c, t + 2), t + 4);
		if (left < 2)
			return 1;
		left -= 2;
		prefixes = np_be16(c, t);
		np_printf(c, "\n\t      Prefixes %u:", prefixes);
		for (t += 12; prefixes > 0; prefixes--, t += n, left -= (unsigned)n)
			if ((n = v6_prefix(c, t, left)) < 0)
				return 1;
		break;
	case 0x000b: /* grace, link-local scope */
		if (grace_print(c, t, left) == -1)
			return 1;
		break;
	case 0x000a: /* intra-area TE, link-local scope */
		if (te_print(c, t, left) == -1)
			return 1;
		break;
	default:
		if (!np_unknown_data(c, t, "\n\t      ", left))
			return 1;
		break;
	}
	return 0;
}

/* 1 when cut */
static int decode_v3(np_ctx *c, const uint8_t *op, const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN];
	const uint8_t *b = op + 16;
	switch (np_u8(c, op + 1)) {
	case 1: {
		v6_options_field(c, "\n\tOptions [", np_be32(c, b + 4));
		unsigned hi = np_be16(c, b + 8), dead = np_be16(c, b + 10);
		addr(c, b, buf);
		np_printf(c, "\n\t  Hello Timer %us, Dead Timer %us, Interface-ID %s, Priority %u", hi,
			  dead, buf, np_u8(c, b + 4));
		if (np_be32(c, b + 12))
			np_printf(c, "\n\t  Designated Router %s", addr(c, b + 12, buf));
		if (np_be32(c, b + 16))
			np_printf(c, ", Backup Designated Router %s", addr(c, b + 16, buf));
		if (c->o.vflag > 1) {
			np_puts(c, "\n\t  Neighbor List:");
			for (const uint8_t *a = b + 20; a < end; a += 4)
				np_printf(c, "\n\t    %s", addr(c, a, buf));
		}
		break;
	}
	case 2:
		v6_options_field(c, "\n\tOptions [", np_be32(c, b));
		np_puts(c, ", DD Flags [");
		np_print_bits_or(c, v6_dd_flag_names, "none", np_u8(c, b + 7));
		np_putc(c, ']');
		np_printf(c, ", MTU %u, DD-Sequence 0x%08x", np_be16(c, b + 4), np_be32(c, b + 8));
		if (c->o.vflag > 1)
			for (const uint8_t *h = b + 12; h < end; h += LSA6_HDRLEN)
				if (v6_lshdr(c, h, end))
					return 1;
		break;
	case 3:
		if (c->o.vflag > 1)
			for (const uint8_t *r = b; r < end; r += 12) {
				np_need(c, r, 12);
				np_printf(c, "\n\t  Advertising Router %s", addr(c, r + 8, buf));
				v6_ls_type(c, np_be16(c, r + 2), r + 4);
			}
		break;
	case 4:
		if (c->o.vflag > 1) {
			/* The LSA count is a 32-bit field: count it down unsigned. */
			uint32_t n = np_be32(c, b);
			for (const uint8_t *l = b + 4; l < end && n != 0; n--, l += np_be16(c, l + 18))
				if (v6_lsa(c, l, end))
					return 1;
		}
		break;
	case 5:
		if (c->o.vflag > 1)
			for (const uint8_t *h = b; h < end; h += LSA6_HDRLEN)
				if (v6_lshdr(c, h, end))
					return 1;
		break;
	}
	return 0;
}

/* LLS (RFC 5613) header only, then the authentication trailer (RFC 6506); 1 when cut */
static int v3_trailer(np_ctx *c, const uint8_t *op, const uint8_t *cp, unsigned len)
{
	int llslen = 0;
	unsigned type = np_u8(c, op + 1);
	int lls = (type == 1 && (np_be32(c, op + 16 + 4) & 0x0200)) ||
		  (type == 2 && (np_be32(c, op + 16) & 0x0200));
	if (lls && len != 0) {
		if (len < 4)
			return 1;
		np_printf(c, "\n\tLLS Checksum 0x%04x", np_be16(c, cp));
		unsigned dl = np_be16(c, cp + 2);
		np_printf(c, ", Data Length %u", dl);
		if (dl < 4 || dl > len)
			return 1;
		np_need(c, cp + 4, dl - 4);
		llslen = (int)dl;
	}
	cp += llslen;
	len -= (unsigned)llslen;
	if (len == 0)
		return 0;
	if (len < 16)
		return 1;
	unsigned at = np_be16(c, cp);
	if (at == 1)
		np_puts(c, "\n\tAuthentication Type HMAC");
	else
		np_printf(c, "\n\tAuthentication Type unknown (0x%04x)", at);
	unsigned al = np_be16(c, cp + 2);
	np_printf(c, ", Length %u", al);
	if (al < 16 || al > len)
		return 1;
	np_printf(c, ", SAID %u", np_be16(c, cp + 6));
	np_printf(c, ", CSN 0x%08x", np_be32(c, cp + 8));
	np_printf(c, ":%08x", np_be32(c, cp + 12));
	np_need(c, cp + 16, al - 16);
	if (c->o.vflag > 1)
		np_unknown_data(c, cp + 16, "\n\tAuthentication Data ", al - 16);
	return 0;
}

static void ospf6_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "ospf3");
	if (!head_print(c, bp, length, v6_type_names, "unknown packet type (%u)") || !c->o.vflag)
		return;
	unsigned datalen = np_be16(c, bp + 2);
	if (datalen > length) {
		np_printf(c, " [len %u]", datalen);
		return;
	}
	const uint8_t *end = bp + datalen;
	ids_print(c, bp);
	if (np_u8(c, bp + 14))
		np_printf(c, ", Instance %u", np_u8(c, bp + 14));
	if (np_u8(c, bp) == 3 && (decode_v3(c, bp, end) || v3_trailer(c, bp, end, length - datalen)))
		np_print_trunc(c);
}
