/* BGP-4 (RFC 4271) on TCP port 179: without -v only ": BGP"; with -v every message found
 * in the segment (scanning for the 16-byte marker): OPEN with its optional parameters and
 * capabilities, UPDATE with withdrawn routes, path attributes (MP reach/unreach for the
 * IPv4, IPv6, labeled, VPN, RT-constraint, MDT, multicast-VPN, NSAP and L2VPN families,
 * communities, extended and large communities, PMSI tunnel, AIGP, attribute sets) and
 * NLRI (add-path guessed as tcpdump does), NOTIFICATION, KEEPALIVE, ROUTE-REFRESH.
 *
 * The names and decoders are tcpdump 4.99.3's: no BGPsec path, OTC, role or extended
 * message decoders, no extended optional parameters, route refresh without its subtype.
 *
 * Truncation: where tcpdump checks a length first, " [|bgp]" and the printer goes on
 * as it does (np_has + np_print_trunc); where it reads with its longjmp-ing accessors,
 * the packet ends there with the whole-packet dump (bgp_g8/g16/g24/g32).  The NLRI decoders
 * of the address families are in print-bgp-nlri.c. */
#include <string.h>

#include "capture/print-bgp.h"

static const np_tok msg_names[] = {
	{1, "Open"}, {2, "Update"}, {3, "Notification"}, {4, "Keepalive"}, {5, "Route Refresh"},
	{0, NULL},
};

static const np_tok attr_names[] = {
	{1, "Origin"}, {2, "AS Path"}, {17, "AS4 Path"}, {3, "Next Hop"},
	{4, "Multi Exit Discriminator"}, {5, "Local Preference"}, {6, "Atomic Aggregate"},
	{7, "Aggregator"}, {18, "Aggregator4"}, {8, "Community"}, {9, "Originator ID"},
	{10, "Cluster List"}, {14, "Multi-Protocol Reach NLRI"},
	{15, "Multi-Protocol Unreach NLRI"}, {16, "Extended Community"}, {22, "PMSI Tunnel"},
	{23, "Tunnel Encapsulation"}, {24, "Traffic Engineering"},
	{25, "IPv6 Extended Community"}, {26, "Accumulated IGP Metric"},
	{27, "PE Distinguisher Label"}, {28, "Entropy Label"}, {32, "Large Community"},
	{128, "Attribute Set"}, {255, "Reserved for development"}, {0, NULL},
};

static const np_tok seg_open[] = {{2, ""}, {1, "{ "}, {3, "( "}, {4, "({ "}, {0, NULL}};
static const np_tok seg_close[] = {{2, ""}, {1, "}"}, {3, ")"}, {4, "})"}, {0, NULL}};

static const np_tok opt_names[] = {
	{1, "Authentication Information"}, {2, "Capabilities Advertisement"}, {0, NULL},
};

static const np_tok cap_names[] = {
	{1, "Multiprotocol Extensions"}, {2, "Route Refresh"}, {3, "Cooperative Route Filtering"},
	{4, "Multiple Routes to a Destination"}, {5, "Extended Next Hop Encoding"},
	{8, "Multiple Labels"}, {64, "Graceful Restart"}, {65, "32-Bit AS Number"},
	{67, "Dynamic Capability"}, {68, "Multisession BGP"}, {69, "Multiple Paths"},
	{70, "Enhanced Route Refresh"}, {71, "Long-lived Graceful Restart"},
	{128, "Route Refresh (Cisco)"}, {0, NULL},
};

static const np_tok major_names[] = {
	{1, "Message Header Error"}, {2, "OPEN Message Error"}, {3, "UPDATE Message Error"},
	{4, "Hold Timer Expired"}, {5, "Finite State Machine Error"}, {6, "Cease"},
	{7, "Capability Message Error"}, {0, NULL},
};
static const np_tok minor_cease[] = {
	{1, "Maximum Number of Prefixes Reached"}, {2, "Administrative Shutdown"},
	{3, "Peer Unconfigured"}, {4, "Administrative Reset"}, {5, "Connection Rejected"},
	{6, "Other Configuration Change"}, {7, "Connection Collision Resolution"},
	{8, "Out of Resources"}, {0, NULL},
};
static const np_tok minor_msg[] = {
	{1, "Connection Not Synchronized"}, {2, "Bad Message Length"}, {3, "Bad Message Type"},
	{0, NULL},
};
static const np_tok minor_open[] = {
	{1, "Unsupported Version Number"}, {2, "Bad Peer AS"}, {3, "Bad BGP Identifier"},
	{4, "Unsupported Optional Parameter"}, {5, "Authentication Failure"},
	{6, "Unacceptable Hold Time"}, {7, "Capability Message Error"}, {0, NULL},
};
static const np_tok minor_update[] = {
	{1, "Malformed Attribute List"}, {2, "Unrecognized Well-known Attribute"},
	{3, "Missing Well-known Attribute"}, {4, "Attribute Flags Error"},
	{5, "Attribute Length Error"}, {6, "Invalid ORIGIN Attribute"}, {7, "AS Routing Loop"},
	{8, "Invalid NEXT_HOP Attribute"}, {9, "Optional Attribute Error"},
	{10, "Invalid Network Field"}, {11, "Malformed AS_PATH"}, {0, NULL},
};
static const np_tok minor_cap[] = {
	{1, "Invalid Action Value"}, {2, "Invalid Capability Length"},
	{3, "Malformed Capability Value"}, {4, "Unsupported Capability Code"}, {0, NULL},
};

static const np_tok origin_names[] = {{0, "IGP"}, {1, "EGP"}, {2, "Incomplete"}, {0, NULL}};

static const np_tok pmsi_names[] = {
	{1, "RSVP-TE P2MP LSP"}, {2, "LDP P2MP LSP"}, {3, "PIM-SSM Tree"}, {4, "PIM-SM Tree"},
	{5, "PIM-Bidir Tree"}, {6, "Ingress Replication"}, {7, "LDP MP2MP LSP"}, {0, NULL},
};
static const np_tok pmsi_flags[] = {{0x01, "Leaf Information required"}, {0, NULL}};

const np_tok bgp_safi_names[] = {
	{0, "Reserved"}, {1, "Unicast"}, {2, "Multicast"}, {3, "Unicast+Multicast"},
	{4, "labeled Unicast"}, {64, "Tunnel"}, {65, "VPLS"}, {66, "MDT"}, {70, "EVPN"},
	{128, "labeled VPN Unicast"}, {129, "labeled VPN Multicast"},
	{130, "labeled VPN Unicast+Multicast"}, {132, "Route Target Routing Information"},
	{5, "Multicast VPN"}, {0, NULL},
};

/* tcpdump's af_values (RFC 1700 address families) */
const np_tok bgp_af_names[] = {
	{0, "Reserved"}, {1, "IPv4"}, {2, "IPv6"}, {3, "NSAP"}, {4, "HDLC"}, {5, "BBN 1822"},
	{6, "802"}, {7, "E.163"}, {8, "E.164"}, {9, "F.69"}, {10, "X.121"}, {11, "Novell IPX"},
	{12, "Appletalk"}, {13, "Decnet IV"}, {14, "Banyan Vines"},
	{15, "E.164 with NSAP subaddress"}, {196, "Layer-2 VPN"}, {25, "VPLS"}, {0, NULL},
};

static const np_tok gr_flags[] = {{0x8, "R"}, {0, NULL}}; /* 4.99.3 knows no N bit */
static const np_tok addpath_names[] = {{1, "Receive"}, {2, "Send"}, {3, "Both"}, {0, NULL}};

static const np_tok extcomm_flags[] = {
	{0x8000, "vendor-specific"}, {0x4000, "non-transitive"}, {0, NULL},
};
static const np_tok extcomm_names[] = {
	{0x0002, "target"}, {0x0102, "target"}, {0x0202, "target"}, {0x0003, "origin"},
	{0x0103, "origin"}, {0x0203, "origin"}, {0x4004, "link-BW"}, {0x0005, "ospf-domain"},
	{0x0105, "ospf-domain"}, {0x0205, "ospf-domain"}, {0x8005, "ospf-domain"},
	{0x0306, "ospf-route-type"}, {0x8000, "ospf-route-type"}, {0x030c, "encapsulation"},
	{0x0107, "ospf-router-id"}, {0x8001, "ospf-router-id"}, {0x800a, "layer2-info"},
	{0x8800, "eigrp-general-route (flag, tag)"}, {0x8801, "eigrp-route-metric (AS, delay)"},
	{0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)"},
	{0x8803, "eigrp-route-metric (load, MTU)"},
	{0x8804, "eigrp-external-route (remote-AS, remote-ID)"},
	{0x8805, "eigrp-external-route (remote-proto, remote-metric)"}, {0x0009, "source-AS"},
	{0x010b, "vrf-route-import"}, {0x000a, "l2vpn-id"}, {0xf10a, "l2vpn-id"}, {0, NULL},
};
static const np_tok encap_names[] = {
	{1, "L2TPv3 over IP"}, {2, "GRE"}, {3, "Transmit Tunnel"}, {4, "IPsec"},
	{5, "IP in IP with IPsec"}, {6, "MPLS in IP with IPsec"}, {7, "IP in IP"}, {8, "VXLAN"},
	{9, "NVGRE"}, {10, "MPLS"}, {11, "MPLS in GRE"}, {12, "VXLAN GPE"}, {13, "MPLS in UDP"},
	{14, "IPv6"}, {15, "SR TE"}, {16, "Bare"}, {17, "SR"}, {0, NULL},
};
static const np_tok ospf_rtypes[] = {
	{1, "Router"}, {2, "Network"}, {3, "Summary"}, {5, "External"}, {7, "NSSA External"},
	{129, "MPLS-VPN Sham"}, {0, NULL},
};
/* tcpdump's l2vpn_encaps_values (RFC 4446 pseudowire types) */
static const np_tok l2vpn_encaps[] = {
	{0, "Reserved"}, {1, "Frame Relay"}, {2, "ATM AAL5 VCC transport"},
	{3, "ATM transparent cell transport"}, {4, "Ethernet VLAN"}, {5, "Ethernet"},
	{6, "Cisco-HDLC"}, {7, "PPP"}, {8, "SONET/SDH Circuit Emulation Service over MPLS"},
	{9, "ATM n-to-one VCC cell transport"}, {10, "ATM n-to-one VPC cell transport"},
	{11, "IP Layer2 Transport"}, {12, "ATM one-to-one VCC Cell Mode"},
	{13, "ATM one-to-one VPC Cell Mode"}, {14, "ATM AAL5 PDU VCC transport"},
	{15, "Frame-Relay Port mode"}, {16, "SONET/SDH Circuit Emulation over Packet"},
	{17, "Structure-agnostic E1 over Packet"}, {18, "Structure-agnostic T1 (DS1) over Packet"},
	{19, "Structure-agnostic E3 over Packet"}, {20, "Structure-agnostic T3 (DS3) over Packet"},
	{21, "CESoPSN basic mode"}, {22, "TDMoIP basic mode"}, {23, "CESoPSN TDM with CAS"},
	{24, "TDMoIP TDM with CAS"}, {64, "IP-interworking"}, {0, NULL},
};
static const np_tok attr_flags[] = {{0x80, "O"}, {0x40, "T"}, {0x20, "P"}, {0x10, "E"}, {0, NULL}};

/* ---- accessors --------------------------------------------------------------------- */

/* tcpdump's GET_ macros: past the capture, " [|bgp]" and the whole-packet dump. */
void bgp_need(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_need(c, p, len);
}
unsigned bgp_g8(np_ctx *c, const uint8_t *p) { bgp_need(c, p, 1); return p[0]; }
unsigned bgp_g16(np_ctx *c, const uint8_t *p) { bgp_need(c, p, 2); return np_be16(c, p); }
unsigned bgp_g24(np_ctx *c, const uint8_t *p) { bgp_need(c, p, 3); return np_be24(c, p); }
uint32_t bgp_g32(np_ctx *c, const uint8_t *p) { bgp_need(c, p, 4); return np_be32(c, p); }

const char *bgp_tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

const char *bgp_ip4s(np_ctx *c, const uint8_t *p, char *buf)
{
	bgp_need(c, p, 4);
	return np_ipv4_str(c, p, buf);
}
const char *bgp_ip6s(np_ctx *c, const uint8_t *p, char *buf)
{
	bgp_need(c, p, 16);
	return np_ipv6_str(c, p, buf);
}

/* tcpdump's hex_print: longjmps when the bytes are not all captured */
void bgp_hex_print(np_ctx *c, const char *indent, const uint8_t *p, unsigned len)
{
	unsigned avail = np_avail(c, p);
	if (avail < len) {
		np_hex(c, indent, p, avail);
		bgp_need(c, p, len);
	}
	np_hex(c, indent, p, len);
}

/* ---- extended communities ----------------------------------------------------------- */

static void extcomm_value(np_ctx *c, const uint8_t *p)
{
	char s[NP_ADDRSTRLEN];
	unsigned t = bgp_g16(c, p);
	switch (t) {
	case 0x0002: case 0x0003: case 0x000a:
		np_printf(c, "%u:%u (= %s)", bgp_g16(c, p + 2), bgp_g32(c, p + 4), bgp_ip4s(c, p + 4, s));
		break;
	case 0x0102: case 0x0103: case 0xf10a: case 0x010b:
		np_printf(c, "%s:%u", bgp_ip4s(c, p + 2, s), bgp_g16(c, p + 6));
		break;
	case 0x0202: case 0x0203:
		np_printf(c, "%u:%u", bgp_g32(c, p + 2), bgp_g16(c, p + 6));
		break;
	case 0x4004: {
		uint32_t raw = bgp_g32(c, p + 4);
		float f;
		memcpy(&f, &raw, sizeof(f));
		np_printf(c, "bandwidth: %.3f Mbps", f * 8 / 1000000);
		break;
	}
	case 0x0005: case 0x0105: case 0x0205: case 0x8005: case 0x0107: case 0x8001:
		np_puts(c, bgp_ip4s(c, p + 2, s));
		break;
	case 0x0306: case 0x8000: {
		bgp_ip4s(c, p + 2, s);
		unsigned rt = bgp_g8(c, p + 6), opt = bgp_g8(c, p + 7);
		char ub[32];
		np_printf(c, "area:%s, router-type:%s, metric-type:%s%s", s,
			  np_tok_str(ospf_rtypes, "unknown (0x%02x)", rt, ub, sizeof(ub)),
			  (opt & 1) ? "E2" : "", (rt == 5 || rt == 7) ? "E1" : "");
		break;
	}
	case 0x800a:
		np_printf(c, "%s Control Flags [0x%02x]:MTU %u",
			  bgp_tok(l2vpn_encaps, "unknown encaps", bgp_g8(c, p + 2)), bgp_g8(c, p + 3),
			  bgp_g16(c, p + 4));
		break;
	case 0x0009:
		np_printf(c, "AS %u", bgp_g16(c, p + 2));
		break;
	case 0x030c:
		np_printf(c, "Tunnel type: %s", bgp_tok(encap_names, "unknown encaps", bgp_g16(c, p + 6)));
		break;
	default:
		bgp_need(c, p + 2, 6);
		np_printf(c, "%02x%02x%02x%02x%02x%02x", p[2], p[3], p[4], p[5], p[6], p[7]);
		break;
	}
}

/* ---- path attributes ------------------------------------------------------------- */

static int attr_print(np_ctx *c, unsigned atype, const uint8_t *pptr, unsigned len, unsigned level);

static void attr_header(np_ctx *c, const char *indent, unsigned atype, unsigned alen, unsigned fl)
{
	np_printf(c, "%s%s (%u), length: %u", indent, bgp_tok(attr_names, "Unknown Attribute", atype),
		  atype, alen);
	if (fl) {
		np_puts(c, ", Flags [");
		for (const np_tok *e = attr_flags; e->s; e++)
			if (fl & e->v)
				np_puts(c, e->s);
		if (fl & 0xf)
			np_printf(c, "+%x", fl & 0xf);
		np_putc(c, ']');
	}
}

static unsigned as_size(np_ctx *c, unsigned atype, const uint8_t *p, unsigned len)
{
	if (atype == 17)
		return 4;
	const uint8_t *t = p;
	while (t < p + len) {
		unsigned st = bgp_g8(c, t);
		if (st < 1 || st > 4)
			return 4;
		t += 2 + bgp_g8(c, t + 1) * 2;
	}
	return t == p + len ? 2 : 4;
}

static int mp_reach(np_ctx *c, const uint8_t *pptr, unsigned len, int reach)
{
	const uint8_t *t = pptr;
	unsigned tlen = len, af, safi;
	if (!np_has(c, t, 3))
		return 0;
	if (reach && tlen < 3)
		return 0;
	int r = bgp_mp_af_print(c, t, tlen, &af, &safi);
	if (r == -2)
		return 0;
	if (r < 0)
		return 1;
	if (!reach && len == 3)
		np_puts(c, "\n\t      End-of-Rib Marker (empty NLRI)");
	t += 3;
	tlen -= 3;
	if (reach) {
		if (!np_has(c, t, 1) || tlen < 1)
			return 0;
		unsigned nhlen = bgp_g8(c, t);
		t++;
		tlen--;
		if (nhlen) {
			if (tlen < nhlen)
				return 0;
			int k = bgp_nexthops(c, af, safi, &t, &tlen, nhlen);
			if (k < 0)
				return 0;
			if (k == 0)
				return 2;
		}
		np_printf(c, ", nh-length: %u", nhlen);
		if (tlen < 1)
			return 0;
		unsigned snpa = bgp_g8(c, t);
		t++;
		tlen--;
		if (snpa) {
			np_printf(c, "\n\t    %u SNPA", snpa);
			for (; snpa != 0; snpa--) {
				if (tlen < 1)
					return 0;
				unsigned sl = bgp_g8(c, t);
				np_printf(c, "\n\t      %u bytes", sl);
				t++;
				tlen--;
				if (tlen < sl || !np_has(c, t, sl))
					return 0;
				t += sl;
				tlen -= sl;
			}
		} else {
			np_puts(c, ", no SNPA");
		}
	}
	unsigned rest = len - (unsigned)(t - pptr);
	int ap4 = bgp_check_add_path(c, t, rest, 32), ap6 = bgp_check_add_path(c, t, rest, 128);
	while (t < pptr + len) {
		int adv = bgp_nlri_print(c, af, safi, t, len, ap4, ap6);
		if (adv == -2)
			return 0;
		if (adv < 0)
			break;
		t += adv;
	}
	return 1;
}

/* The lengths tcpdump decodes an attribute at; any other prints "invalid len" and only the
 * -vv dump of the attribute follows.  Attributes not listed take any length. */
enum { LEN_EQ, LEN_MULT, LEN_MULT_NZ, LEN_AGGREGATOR };

static const struct attr_len {
	uint8_t type, rule, n;
} attr_lens[] = {
	{1, LEN_EQ, 1},   {2, LEN_MULT, 2},  {3, LEN_EQ, 4},   {4, LEN_EQ, 4},
	{5, LEN_EQ, 4},   {6, LEN_EQ, 0},    {7, LEN_AGGREGATOR, 0}, {8, LEN_MULT, 4},
	{9, LEN_EQ, 4},   {10, LEN_MULT, 4}, {16, LEN_MULT, 8}, {17, LEN_MULT, 2},
	{18, LEN_EQ, 8},  {32, LEN_MULT_NZ, 12},
};

static int attr_len_ok(unsigned atype, unsigned len)
{
	for (size_t i = 0; i < sizeof attr_lens / sizeof attr_lens[0]; i++) {
		const struct attr_len *a = &attr_lens[i];
		if (a->type != atype)
			continue;
		switch (a->rule) {
		case LEN_EQ:
			return len == a->n;
		case LEN_MULT:
			return len % a->n == 0;
		case LEN_MULT_NZ:
			return len != 0 && len % a->n == 0;
		default: /* a 2-byte or a 4-byte AS number, then the IPv4 address */
			return len == 6 || len == 8;
		}
	}
	return 1;
}

/* 1 done, 0 truncated ("[|bgp]" by the caller) */
static int attr_print(np_ctx *c, unsigned atype, const uint8_t *pptr, unsigned len, unsigned level)
{
	const uint8_t *t = pptr;
	unsigned tlen = len, i;
	char s[NP_ADDRSTRLEN];

	if (!attr_len_ok(atype, len)) {
		np_puts(c, "invalid len");
		goto done;
	}
	switch (atype) {
	case 1:
		np_puts(c, bgp_tok(origin_names, "Unknown Origin Typecode", bgp_g8(c, t)));
		break;
	case 2:
	case 17: {
		if (!len) {
			np_puts(c, "empty");
			break;
		}
		unsigned asz = as_size(c, atype, pptr, len);
		while (t < pptr + len) {
			np_puts(c, bgp_tok(seg_open, "?", bgp_g8(c, t)));
			for (i = 0; i < bgp_g8(c, t + 1) * asz; i += asz) {
				if (!np_has(c, t + 2 + i, asz))
					return 0;
				np_printf(c, "%u ", asz == 2 ? bgp_g16(c, t + i + 2) : bgp_g32(c, t + i + 2));
			}
			np_puts(c, bgp_tok(seg_close, "?", bgp_g8(c, t)));
			t += 2 + bgp_g8(c, t + 1) * asz;
		}
		break;
	}
	case 3:
	case 9:
		np_puts(c, bgp_ip4s(c, t, s));
		break;
	case 4:
	case 5:
		np_printf(c, "%u", bgp_g32(c, t));
		break;
	case 6:
		break;
	case 7:
		if (!np_has(c, t, len))
			return 0;
		if (len == 6)
			np_printf(c, " AS #%u, origin %s", bgp_g16(c, t), bgp_ip4s(c, t + 2, s));
		else
			np_printf(c, " AS #%u, origin %s", bgp_g32(c, t), bgp_ip4s(c, t + 4, s));
		break;
	case 18:
		np_printf(c, " AS #%u, origin %s", bgp_g32(c, t), bgp_ip4s(c, t + 4, s));
		break;
	case 8:
		while (tlen != 0) {
			if (!np_has(c, t, 4))
				return 0;
			uint32_t comm = bgp_g32(c, t);
			if (comm == 0xffffff01)
				np_puts(c, " NO_EXPORT");
			else if (comm == 0xffffff02)
				np_puts(c, " NO_ADVERTISE");
			else if (comm == 0xffffff03)
				np_puts(c, " NO_EXPORT_SUBCONFED");
			else
				np_printf(c, "%u:%u%s", comm >> 16, comm & 0xffff, tlen > 4 ? ", " : "");
			tlen -= 4;
			t += 4;
		}
		break;
	case 10:
		while (tlen != 0) {
			np_printf(c, "%s%s", bgp_ip4s(c, t, s), tlen > 4 ? ", " : "");
			tlen -= 4;
			t += 4;
		}
		break;
	case 14:
	case 15: {
		int r = mp_reach(c, pptr, len, atype == 14);
		if (r == 0)
			return 0;
		if (r == 2)
			goto done;
		break;
	}
	case 16:
		while (tlen != 0) {
			if (!np_has(c, t, 2))
				return 0;
			unsigned ec = bgp_g16(c, t);
			np_printf(c, "\n\t    %s (0x%04x), Flags [",
				  bgp_tok(extcomm_names, "unknown extd community typecode", ec), ec);
			np_print_bits_or(c, extcomm_flags, "none", ec);
			np_putc(c, ']');
			if (!np_has(c, t, 8))
				return 0;
			np_puts(c, ": ");
			extcomm_value(c, t);
			tlen -= 8;
			t += 8;
		}
		break;
	case 22: {
		if (!np_has(c, t, 5))
			return 0;
		if (tlen < 5)
			return 0;
		unsigned flags = bgp_g8(c, t), tt = bgp_g8(c, t + 1);
		unsigned label = bgp_g24(c, t + 2) >> 4;
		np_printf(c, "\n\t    Tunnel-type %s (%u), Flags [", bgp_tok(pmsi_names, "Unknown", tt), tt);
		np_print_bits_or(c, pmsi_flags, "none", flags);
		np_printf(c, "], MPLS Label %u", label);
		t += 5;
		tlen -= 5;
		char s2[NP_ADDRSTRLEN];
		switch (tt) {
		case 4:
		case 5:
			bgp_ip4s(c, t, s);
			np_printf(c, "\n\t      Sender %s, P-Group %s", s, bgp_ip4s(c, t + 4, s2));
			break;
		case 3:
			bgp_ip4s(c, t, s);
			np_printf(c, "\n\t      Root-Node %s, P-Group %s", s, bgp_ip4s(c, t + 4, s2));
			break;
		case 6:
			np_printf(c, "\n\t      Tunnel-Endpoint %s", bgp_ip4s(c, t, s));
			break;
		case 2:
		case 7:
			bgp_ip4s(c, t, s);
			np_printf(c, "\n\t      Root-Node %s, LSP-ID 0x%08x", s, bgp_g32(c, t + 4));
			break;
		case 1:
			bgp_ip4s(c, t, s);
			np_printf(c, "\n\t      Extended-Tunnel-ID %s, P2MP-ID 0x%08x", s, bgp_g32(c, t + 4));
			break;
		default:
			if (c->o.vflag <= 1)
				np_unknown_data(c, t, "\n\t      ", tlen);
		}
		break;
	}
	case 26:
		while (tlen >= 3) {
			unsigned type = bgp_g8(c, t), l = bgp_g16(c, t + 1);
			t += 3;
			tlen -= 3;
			np_printf(c, "\n\t    %s TLV (%u), length %u", type == 1 ? "AIGP" : "Unknown",
				  type, l);
			if (l < 3)
				return 0;
			l -= 3;
			if (tlen < l)
				return 0;
			if (type == 1) {
				if (l < 8)
					return 0;
				bgp_need(c, t, 8);
				np_printf(c, ", metric %llu", (unsigned long long)np_be64(c, t));
			} else if (c->o.vflag <= 1) {
				np_unknown_data(c, t, "\n\t      ", l);
			}
			t += l;
			tlen -= l;
		}
		break;
	case 128:
		if (!np_has(c, t, 4))
			return 0;
		if (len < 4)
			return 0;
		np_printf(c, "\n\t    Origin AS: %u", bgp_g32(c, t));
		t += 4;
		len -= 4;
		while (len) {
			if (!np_has(c, t, 2))
				return 0;
			if (len < 2) {
				np_puts(c, " [path attr too short]");
				t += len;
				break;
			}
			unsigned fl = bgp_g8(c, t), at = bgp_g8(c, t + 1);
			t += 2;
			len -= 2;
			unsigned ll = (fl & 0x10) ? 2 : 1;
			if (!np_has(c, t, ll))
				return 0;
			if (len < ll) {
				np_puts(c, " [path attr too short]");
				t += len;
				break;
			}
			unsigned al = ll == 2 ? bgp_g16(c, t) : bgp_g8(c, t);
			t += ll;
			len -= ll;
			attr_header(c, "\n\t      ", at, al, fl);
			np_puts(c, ": ");
			if (len < al) {
				np_puts(c, " [path attr too short]");
				t += len;
				break;
			}
			if (level == 10)
				np_puts(c, "(too many nested levels, not recursing)");
			else if (!attr_print(c, at, t, al, level + 1))
				return 0;
			t += al;
			len -= al;
		}
		break;
	case 32:
		np_puts(c, "\n\t    ");
		while (len != 0) {
			np_printf(c, "%u:%u:%u%s", bgp_g32(c, t), bgp_g32(c, t + 4), bgp_g32(c, t + 8),
				  len > 12 ? ", " : "");
			t += 12;
			len -= 12;
		}
		break;
	default:
		if (!np_has(c, pptr, len))
			return 0;
		np_printf(c, "\n\t    no Attribute %u decoder", atype);
		if (c->o.vflag <= 1)
			np_unknown_data(c, pptr, "\n\t    ", len);
		break;
	}
done:
	if (c->o.vflag > 1 && len) {
		if (!np_has(c, pptr, len))
			return 0;
		np_unknown_data(c, pptr, "\n\t    ", len);
	}
	return 1;
}

/* ---- messages ----------------------------------------------------------------------- */

static void caps_print(np_ctx *c, const uint8_t *opt, unsigned caps_len)
{
	unsigned i = 0;
	while (i < caps_len) {
		if (!np_has(c, opt + i, 2)) {
			np_print_trunc(c);
			return;
		}
		unsigned type = bgp_g8(c, opt + i), clen = bgp_g8(c, opt + i + 1);
		np_printf(c, "\n\t      %s (%u), length: %u", bgp_tok(cap_names, "Unknown", type), type,
			  clen);
		if (!np_has(c, opt + 2 + i, clen)) {
			np_print_trunc(c);
			return;
		}
		const uint8_t *v = opt + i + 2;
		unsigned off, left;
		switch (type) {
		case 1:
			if (clen < 4) {
				np_puts(c, " (too short, < 4)");
				return;
			}
			np_printf(c, "\n\t\tAFI %s (%u), SAFI %s (%u)", bgp_tok(bgp_af_names, "Unknown", bgp_g16(c, v)),
				  bgp_g16(c, v), bgp_tok(bgp_safi_names, "Unknown", bgp_g8(c, v + 3)), bgp_g8(c, v + 3));
			break;
		case 8:
			for (off = 0, left = clen; left >= 4; left -= 4, off += 4)
				np_printf(c, "\n\t\tAFI %s (%u), SAFI %s (%u), Count: %u",
					  bgp_tok(bgp_af_names, "Unknown", bgp_g16(c, v + off)), bgp_g16(c, v + off),
					  bgp_tok(bgp_safi_names, "Unknown", bgp_g8(c, v + off + 2)),
					  bgp_g8(c, v + off + 2), bgp_g8(c, v + off + 3));
			break;
		case 64:
			if (clen < 2) {
				np_puts(c, " (too short, < 2)");
				return;
			}
			np_puts(c, "\n\t\tRestart Flags: [");
			np_print_bits_or(c, gr_flags, "none", bgp_g8(c, v) >> 4);
			np_printf(c, "], Restart Time %us", bgp_g16(c, v) & 0xfff);
			for (off = 2, left = clen - 2; left >= 4; left -= 4, off += 4)
				np_printf(c,
					  "\n\t\t  AFI %s (%u), SAFI %s (%u), Forwarding state preserved: %s",
					  bgp_tok(bgp_af_names, "Unknown", bgp_g16(c, v + off)), bgp_g16(c, v + off),
					  bgp_tok(bgp_safi_names, "Unknown", bgp_g8(c, v + off + 2)),
					  bgp_g8(c, v + off + 2), (bgp_g8(c, v + off + 3) & 0x80) ? "yes" : "no");
			break;
		case 2:
		case 71:
		case 128:
			break;
		case 65:
			if (clen < 4) {
				np_puts(c, " (too short, < 4)");
				return;
			}
			np_printf(c, "\n\t\t 4 Byte AS %u", bgp_g32(c, v));
			break;
		case 69:
			if (clen == 0) {
				np_puts(c, " (bogus)");
				break;
			}
			for (off = 0, left = clen; left != 0; left -= 4, off += 4) {
				if (left < 4) {
					np_print_invalid(c);
					break;
				}
				char rb[32];
				np_printf(c, "\n\t\tAFI %s (%u), SAFI %s (%u), Send/Receive: %s",
					  bgp_tok(bgp_af_names, "Unknown", bgp_g16(c, v + off)), bgp_g16(c, v + off),
					  bgp_tok(bgp_safi_names, "Unknown", bgp_g8(c, v + off + 2)),
					  bgp_g8(c, v + off + 2),
					  np_tok_str(addpath_names, "Bogus (0x%02x)", bgp_g8(c, v + off + 3),
						     rb, sizeof(rb)));
			}
			break;
		default:
			np_printf(c, "\n\t\tno decoder for Capability %u", type);
			if (c->o.vflag <= 1)
				np_unknown_data(c, v, "\n\t\t", clen);
			break;
		}
		if (c->o.vflag > 1 && clen != 0)
			np_unknown_data(c, v, "\n\t\t", clen);
		i += 2 + clen;
	}
}

static void open_print(np_ctx *c, const uint8_t *dat, unsigned length)
{
	char s[NP_ADDRSTRLEN];
	if (!np_has(c, dat, OPEN_HDR) || length < OPEN_HDR) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "\n\t  Version %u, ", bgp_g8(c, dat + 19));
	np_printf(c, "my AS %u, ", bgp_g16(c, dat + 20));
	np_printf(c, "Holdtime %us, ", bgp_g16(c, dat + 22));
	np_printf(c, "ID %s", bgp_ip4s(c, dat + 24, s));
	unsigned optslen = bgp_g8(c, dat + 28);
	np_printf(c, "\n\t  Optional parameters, length: %u", optslen);
	const uint8_t *opt = dat + OPEN_HDR;
	length -= OPEN_HDR;
	unsigned i = 0;
	while (i < optslen) {
		if (!np_has(c, opt + i, 2) || length < 2 + i) {
			np_print_trunc(c);
			return;
		}
		unsigned type = bgp_g8(c, opt + i), olen = bgp_g8(c, opt + i + 1);
		if (2 + i + olen > optslen) {
			np_printf(c, "\n\t     Option %u, length: %u, goes past the end of the options",
				  type, olen);
			break;
		}
		np_printf(c, "\n\t    Option %s (%u), length: %u", bgp_tok(opt_names, "Unknown", type), type,
			  olen);
		if (type == 2)
			caps_print(c, opt + 2 + i, olen);
		else
			np_printf(c, "\n\t      no decoder for option %u", type);
		i += 2 + olen;
	}
}

/* One IPv4 route of an UPDATE's withdrawn or updated list, at most `left` bytes, with its
 * add-path ID when ap: the size of the prefix, -1 after an illegal prefix length (said so, and
 * tcpdump ends the list there), -2 when it is cut short. */
static int route4_print(np_ctx *c, const uint8_t *p, unsigned left, int ap, uint32_t path_id)
{
	char buf[512];
	int k = bgp_prefix4(c, p, left, buf, sizeof(buf));
	if (k == -1)
		np_puts(c, "\n\t    (illegal prefix length)");
	if (k < 0)
		return k;
	np_printf(c, "\n\t    %s", buf);
	if (ap)
		np_printf(c, "   Path Id: %u", path_id);
	return k;
}

static void update_print(np_ctx *c, const uint8_t *dat, unsigned length)
{
	const uint8_t *p;
	unsigned wlen, len;
	uint32_t path_id = 0;
	int ap, k;

	if (!np_has(c, dat, BGP_HDR) || length < BGP_HDR)
		goto trunc;
	p = dat + BGP_HDR;
	length -= BGP_HDR;
	if (!np_has(c, p, 2) || length < 2)
		goto trunc;
	wlen = bgp_g16(c, p);
	p += 2;
	length -= 2;
	if (wlen > 1) {
		if (!np_has(c, p, wlen) || length < wlen)
			goto trunc;
		np_puts(c, "\n\t  Withdrawn routes:");
		ap = bgp_check_add_path(c, p, wlen, 32);
		while (wlen != 0) {
			if (ap) {
				if (wlen < 4) {
					p += wlen;
					length -= wlen;
					break;
				}
				path_id = bgp_g32(c, p);
				p += 4;
				length -= 4;
				wlen -= 4;
			}
			k = route4_print(c, p, wlen, ap, path_id);
			if (k == -1)
				break;
			if (k == -2)
				goto trunc;
			p += k;
			length -= (unsigned)k;
			wlen -= (unsigned)k;
		}
	} else {
		if (!np_has(c, p, wlen) || length < wlen)
			goto trunc;
		p += wlen;
		length -= wlen;
	}

	if (!np_has(c, p, 2) || length < 2)
		goto trunc;
	len = bgp_g16(c, p);
	p += 2;
	length -= 2;
	if (wlen == 0 && len == 0 && length == 0) {
		np_puts(c, "\n\t  End-of-Rib Marker (empty NLRI)");
		return;
	}
	if (len) {
		if (length < len)
			goto trunc;
		while (len) {
			if (!np_has(c, p, 2) || length < 2)
				goto trunc;
			if (len < 2) {
				np_puts(c, "\n\t  [path attrs too short]");
				p += len;
				length -= len;
				break;
			}
			unsigned fl = bgp_g8(c, p), at = bgp_g8(c, p + 1);
			p += 2;
			len -= 2;
			length -= 2;
			unsigned ll = (fl & 0x10) ? 2 : 1;
			if (!np_has(c, p, ll) || length < ll)
				goto trunc;
			if (len < ll) {
				np_puts(c, "\n\t  [path attrs too short]");
				p += len;
				length -= len;
				break;
			}
			unsigned al = ll == 2 ? bgp_g16(c, p) : bgp_g8(c, p);
			p += ll;
			len -= ll;
			length -= ll;
			attr_header(c, "\n\t  ", at, al, fl);
			if (fl)
				np_puts(c, ": ");
			if (len < al) {
				np_puts(c, " [path attrs too short]");
				p += len;
				length -= len;
				break;
			}
			if (length < al)
				goto trunc;
			if (!attr_print(c, at, p, al, 0))
				goto trunc;
			p += al;
			len -= al;
			length -= al;
		}
	}
	if (length) {
		ap = bgp_check_add_path(c, p, length, 32);
		np_puts(c, "\n\t  Updated routes:");
		while (length != 0) {
			if (ap) {
				if (!np_has(c, p, 4) || length < 4)
					goto trunc;
				path_id = bgp_g32(c, p);
				p += 4;
				length -= 4;
			}
			k = route4_print(c, p, length, ap, path_id);
			if (k == -1)
				break;
			if (k == -2)
				goto trunc;
			p += k;
			length -= (unsigned)k;
		}
	}
	return;
trunc:
	np_print_trunc(c);
}

/* What a Cease notification carries after its subcode (RFC 4486, RFC 9003): the prefix limit
 * that was hit, or the shutdown communication and any data after it. */
static void cease_print(np_ctx *c, unsigned minor, const uint8_t *d, unsigned length)
{
	if (minor == 1 && length >= 7) {
		unsigned af = bgp_g16(c, d), safi = bgp_g8(c, d + 2);
		np_printf(c, ", AFI %s (%u), SAFI %s (%u), Max Prefixes: %u",
			  bgp_tok(bgp_af_names, "Unknown", af), af, bgp_tok(bgp_safi_names, "Unknown", safi), safi,
			  bgp_g32(c, d + 3));
	}
	if ((minor == 2 || minor == 4) && length >= 1) {
		unsigned sl = bgp_g8(c, d), rem = 0;
		if (sl > length - 1) {
			np_puts(c, ", invalid Shutdown Communication length");
		} else if (sl == 0) {
			np_puts(c, ", empty Shutdown Communication");
			rem = 1;
		} else {
			np_printf(c, ", Shutdown Communication (length: %u): \"", sl);
			bgp_need(c, d + 1, sl);
			np_print_chars(c, d + 1, sl);
			np_putc(c, '"');
			rem = sl + 1;
		}
		if (length > rem) {
			np_printf(c, ", Data: (length: %u)", length - rem);
			bgp_hex_print(c, "\n\t\t", d + rem, length - rem);
		}
	}
}

/* The subcode names of the error codes that have them.  tcpdump 4.99.3 prints the
 * Capability Message error's subcode without the comma the others have. */
typedef struct minor_table {
	unsigned major;
	const np_tok *names;
	const char *sep;
} minor_table;

static const minor_table minor_tables[] = {
	{1, minor_msg, ","}, {2, minor_open, ","}, {3, minor_update, ","},
	{6, minor_cease, ","}, {7, minor_cap, ""},
};

static const minor_table *minor_find(unsigned major)
{
	for (size_t i = 0; i < sizeof minor_tables / sizeof minor_tables[0]; i++)
		if (minor_tables[i].major == major)
			return &minor_tables[i];
	return NULL;
}

static void notification_print(np_ctx *c, const uint8_t *dat, unsigned length)
{
	if (!np_has(c, dat, NOTIF_HDR)) {
		np_print_trunc(c);
		return;
	}
	if (length < NOTIF_HDR)
		return;
	unsigned major = bgp_g8(c, dat + 19), minor = bgp_g8(c, dat + 20);
	const uint8_t *d = dat + NOTIF_HDR;
	length -= NOTIF_HDR;
	np_printf(c, ", %s (%u)", bgp_tok(major_names, "Unknown Error", major), major);
	const minor_table *mt = minor_find(major);
	if (!mt) {
		if (minor != 0)
			np_printf(c, ", subcode %u", minor);
		return;
	}
	np_printf(c, "%s subcode %s (%u)", mt->sep, bgp_tok(mt->names, "Unknown", minor), minor);
	if (major == 6)
		cease_print(c, minor, d, length);
}

static void route_refresh_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (len < RR_HDR)
		return;
	unsigned af = bgp_g16(c, p + 19), safi = bgp_g8(c, p + 22);
	np_printf(c, "\n\t  AFI %s (%u), SAFI %s (%u)", bgp_tok(bgp_af_names, "Unknown", af), af,
		  bgp_tok(bgp_safi_names, "Unknown", safi), safi);
	if (c->o.vflag > 1) {
		if (!np_has(c, p, len)) {
			np_print_trunc(c);
			return;
		}
		np_unknown_data(c, p, "\n\t  ", len);
	}
}

static int pdu_print(np_ctx *c, const uint8_t *dat, unsigned length)
{
	unsigned type = bgp_g8(c, dat + 18);
	np_printf(c, "\n\t%s Message (%u), length: %u", bgp_tok(msg_names, "Unknown", type), type, length);
	switch (type) {
	case 1:
		open_print(c, dat, length);
		break;
	case 2:
		update_print(c, dat, length);
		break;
	case 3:
		notification_print(c, dat, length);
		break;
	case 4:
		break;
	case 5:
		route_refresh_print(c, dat, length);
		break;
	default:
		if (!np_has(c, dat, length)) {
			np_print_trunc(c);
			return 0;
		}
		np_printf(c, "\n\t  no Message %u decoder", type);
		np_unknown_data(c, dat, "\n\t  ", length);
		break;
	}
	return 1;
}

void np_bgp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)length, (void)ip, (void)frag;
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	np_set_proto(c, "bgp");
	np_puts(c, ": BGP");
	if (c->o.vflag < 1)
		return;
	const uint8_t *p = bp, *start = bp;
	while (np_has(c, p, 1)) {
		if (*p != 0xff) {
			p++;
			continue;
		}
		if (!np_has(c, p, sizeof(marker)))
			break;
		if (memcmp(p, marker, sizeof(marker)) != 0) {
			p++;
			continue;
		}
		if (!np_has(c, p, BGP_HDR)) {
			np_print_trunc(c);
			return;
		}
		if (start != p)
			np_print_trunc(c);
		unsigned hlen = np_be16(c, p + 16);
		if (hlen < BGP_HDR) {
			np_printf(c, "\nmessage length %u < %u", hlen, BGP_HDR);
			np_print_invalid(c);
			break;
		}
		if (np_has(c, p, hlen)) {
			if (!pdu_print(c, p, hlen))
				return;
			p += hlen;
			start = p;
		} else {
			np_printf(c, "\n[|BGP %s]", bgp_tok(msg_names, "Unknown Message Type", p[18]));
			break;
		}
	}
}
