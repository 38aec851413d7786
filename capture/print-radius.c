/* RADIUS (RFC 2865/2866 and the attribute RFCs: 2868, 2869, 3162, 4675, 5176, 5580, ...):
 * code, id, length; with -v the authenticator and every attribute, decoded by a per-type
 * table entry (name, value names, printer), with a hex dump of each value at -vv.
 *
 * Key decisions:
 * - The attribute table is indexed by type, as tcpdump 4.99.3's (each line's comment is the
 *   type of its first entry).
 * - tcpdump reads some fields with its checked style (" [|radius]" and the usual dump) and
 *   others with its longjmp-ing accessors (" [|radius]" and a dump of the whole packet):
 *   np_need_plain() and np_need() follow it field by field. */
#include <string.h>
#include <time.h>

#include "capture/netprint.h"

#define RADIUS_HDRLEN 20

enum {
	SERV_TYPE = 6, FRM_IPADDR = 8, LOG_IPHOST = 14, FRM_IPX = 23, SESSION_TIMEOUT = 27,
	IDLE_TIMEOUT = 28, FRM_ATALK_LINK = 37, FRM_ATALK_NETWORK = 38, ACCT_DELAY = 41,
	ACCT_SESSION_TIME = 46, EGRESS_VLAN_ID = 56, EGRESS_VLAN_NAME = 58, TUNNEL_TYPE = 64,
	TUNNEL_MEDIUM = 65, TUNNEL_CLIENT_END = 66, TUNNEL_SERVER_END = 67, TUNNEL_PASS = 69,
	ARAP_PASS = 70, ARAP_FEATURES = 71, EAP_MESSAGE = 79, TUNNEL_PRIV_GROUP = 81,
	TUNNEL_ASSIGN_ID = 82, TUNNEL_PREFERENCE = 83, ARAP_CHALLENGE_RESP = 84,
	ACCT_INT_INTERVAL = 85, TUNNEL_CLIENT_AUTH = 90, TUNNEL_SERVER_AUTH = 91,
	ERROR_CAUSE = 101,
};

static const np_tok command_names[] = {
	{1, "Access-Request"}, {2, "Access-Accept"}, {3, "Access-Reject"},
	{4, "Accounting-Request"}, {5, "Accounting-Response"}, {11, "Access-Challenge"},
	{12, "Status-Server"}, {13, "Status-Client"}, {40, "Disconnect-Request"},
	{41, "Disconnect-ACK"}, {42, "Disconnect-NAK"}, {43, "CoA-Request"}, {44, "CoA-ACK"},
	{45, "CoA-NAK"}, {255, "Reserved"}, {0, NULL},
};

static const np_tok vlan_tags[] = {{0x31, "Tagged"}, {0x32, "Untagged"}, {0, NULL}};

/* Value names, indexed from `first` (tcpdump's subtype arrays). */
static const char *const serv_type[] = {
	"Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative",
	"NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check",
	"Callback Administrative", "Voice", "Fax", "Modem Relay", "IAPP-Register",
	"IAPP-AP-Check", "Authorize Only", "Framed-Management", "Additional-Authorization",
};
static const char *const frm_proto[] = {
	"PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous",
	"GPRS PDP Context",
};
static const char *const frm_routing[] = {"None", "Send", "Listen", "Send&Listen"};
static const char *const frm_comp[] = {"None", "VJ TCP/IP", "IPX", "Stac-LZS"};
static const char *const login_serv[] = {
	"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD",
	"X.25-T3POS", "Unassigned", "TCP Clear Quiet",
};
static const char *const term_action[] = {"Default", "RADIUS-Request"};
static const char *const ingress_filters[] = {"Enabled", "Disabled"};
static const char *const nas_port_type[] = {
	"Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS",
	"HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT",
	"ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other", "Wireless - IEEE 802.11",
	"Token-Ring", "FDDI", "Wireless - CDMA200", "Wireless - UMTS", "Wireless - 1X-EV",
	"IAPP", "FTTP", "Wireless - IEEE 802.16", "Wireless - IEEE 802.20",
	"Wireless - IEEE 802.22", "PPPoA", "PPPoEoA", "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ",
	"xPON", "Wireless - XGP", "WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK",
	"WIMAX-SFF", "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS", "WIMAX-WVS",
};
static const char *const acct_status[] = {
	"Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned",
	"Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject",
	"Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed",
};
static const char *const acct_auth[] = {"RADIUS", "Local", "Remote", "Diameter"};
static const char *const acct_term[] = {
	"User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout",
	"Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot",
	"Port Unneeded", "Port Preempted", "Port Suspended", "Service Unavailable", "Callback",
	"User Error", "Host Request", "Supplicant Restart", "Reauthentication Failure",
	"Port Reinitialized", "Port Administratively Disabled", "Lost Power",
};
static const char *const tunnel_type[] = {
	"PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE", "DVS",
	"IP-in-IP Tunneling", "VLAN",
};
static const char *const tunnel_medium[] = {
	"IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69", "X.121",
	"IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress",
};
static const char *const arap_zone[] = {
	"Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc.",
};
static const char *const prompt[] = {"No Echo", "Echo"};

static const np_tok error_causes[] = {
	{201, "Residual Session Context Removed"},
	{202, "Invalid EAP Packet (Ignored)"},
	{401, "Unsupported Attribute"},
	{402, "Missing Attribute"},
	{403, "NAS Identification Mismatch"},
	{404, "Invalid Request"},
	{405, "Unsupported Service"},
	{406, "Unsupported Extension"},
	{407, "Invalid Attribute Value"},
	{501, "Administratively Prohibited"},
	{502, "Request Not Routable (Proxy)"},
	{503, "Session Context Not Found"},
	{504, "Session Context Not Removable"},
	{505, "Other Proxy Processing Error"},
	{506, "Resources Unavailable"},
	{507, "Request Initiated"},
	{508, "Multiple Session Selection Unsupported"},
	{509, "Location Info Required"},
	{0, NULL},
};

static const struct {
	uint64_t bit;
	const char *name;
} mip6_features[] = {
	{0x0000000000000001ull, "MIP6_INTEGRATED"},
	{0x0000000000000002ull, "LOCAL_HOME_AGENT_ASSIGNMENT"},
	{0x0000010000000000ull, "PMIP6_SUPPORTED"},
	{0x0000020000000000ull, "IP4_HOA_SUPPORTED"},
	{0x0000040000000000ull, "LOCAL_MAG_ROUTING_SUPPORTED"},
	{0x0000080000000000ull, "ASSIGN_LOCAL_IP"},
	{0x0000100000000000ull, "MIP4_SUPPORTED"},
	{0x0000200000000000ull, "OPTIMIZED_IDLE_MODE_MOBILITY"},
	{0x0000400000000000ull, "GTPv2_SUPPORTED"},
	{0x0000800000000000ull, "IP4_TRANSPORT_SUPPORTED"},
	{0x0001000000000000ull, "IP4_HOA_ONLY_SUPPORTED"},
	{0x0002000000000000ull, "INTER_MAG_ROUTING_SUPPORTED"},
};

static const np_tok operator_namespaces[] = {
	{0x30, "TADIG"}, {0x31, "REALM"}, {0x32, "E212"}, {0x33, "ICC"}, {0, NULL},
};
static const np_tok location_codes[] = {{0, "Civic"}, {1, "Geospatial"}, {0, NULL}};
static const np_tok location_entities[] = {{0, "User"}, {1, "RADIUS"}, {0, NULL}};
static const np_tok policy_flags[] = {
	{0x0001, "MBZ-15"}, {0x0002, "MBZ-14"}, {0x0004, "MBZ-13"}, {0x0008, "MBZ-12"},
	{0x0010, "MBZ-11"}, {0x0020, "MBZ-10"}, {0x0040, "MBZ-9"}, {0x0080, "MBZ-8"},
	{0x0100, "MBZ-7"}, {0x0200, "MBZ-6"}, {0x0400, "MBZ-5"}, {0x0800, "MBZ-4"},
	{0x1000, "MBZ-3"}, {0x2000, "MBZ-2"}, {0x4000, "MBZ-1"},
	{0x8000, "Retransmission Allowed"}, {0, NULL},
};

typedef void (*attr_fn)(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);

static void attr_string(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_num(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_vendor(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_address(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_address6(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_netmask6(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_mip6_prefix(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_operator(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_location_info(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_location_data(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_policy_rules(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_time(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_vector64(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);
static void attr_strange(np_ctx *c, const uint8_t *p, unsigned len, unsigned type);

#define VALUES(a, first) a, sizeof(a) / sizeof(a[0]), first
/* Table rows: a string, a number, a number with value names, another printer (or none) */
#define TEXT(name) {name, NULL, 0, 0, attr_string}
#define NUM(name) {name, NULL, 0, 0, attr_num}
#define ENUM(name, a, first) {name, VALUES(a, first), attr_num}
#define FN(name, fn) {name, NULL, 0, 0, fn}

static const struct attr_type {
	const char *name;
	const char *const *values; /* value names, if the attribute has them */
	unsigned nvalues;
	unsigned first;            /* value of values[0] */
	attr_fn fn;
} attr_types[] = {
	/*   0 */ FN(NULL, NULL), TEXT("User-Name"), FN("User-Password", NULL),
	/*   3 */ FN("CHAP-Password", NULL), FN("NAS-IP-Address", attr_address), NUM("NAS-Port"),
	/*   6 */ ENUM("Service-Type", serv_type, 1), ENUM("Framed-Protocol", frm_proto, 1),
	/*   8 */ FN("Framed-IP-Address", attr_address), FN("Framed-IP-Netmask", attr_address),
	/*  10 */ ENUM("Framed-Routing", frm_routing, 0), TEXT("Filter-Id"), NUM("Framed-MTU"),
	/*  13 */ ENUM("Framed-Compression", frm_comp, 0), FN("Login-IP-Host", attr_address),
	/*  15 */ ENUM("Login-Service", login_serv, 0), NUM("Login-TCP-Port"),
	/*  17 */ FN("Unassigned", NULL), TEXT("Reply-Message"), TEXT("Callback-Number"),
	/*  20 */ TEXT("Callback-Id"), FN("Unassigned", NULL), TEXT("Framed-Route"),
	/*  23 */ NUM("Framed-IPX-Network"), TEXT("State"), TEXT("Class"),
	/*  26 */ FN("Vendor-Specific", attr_vendor), NUM("Session-Timeout"), NUM("Idle-Timeout"),
	/*  29 */ ENUM("Termination-Action", term_action, 0), TEXT("Called-Station-Id"),
	/*  31 */ TEXT("Calling-Station-Id"), TEXT("NAS-Identifier"), TEXT("Proxy-State"),
	/*  34 */ TEXT("Login-LAT-Service"), TEXT("Login-LAT-Node"), TEXT("Login-LAT-Group"),
	/*  37 */ NUM("Framed-AppleTalk-Link"), NUM("Framed-AppleTalk-Network"),
	/*  39 */ TEXT("Framed-AppleTalk-Zone"), ENUM("Acct-Status-Type", acct_status, 1),
	/*  41 */ NUM("Acct-Delay-Time"), NUM("Acct-Input-Octets"), NUM("Acct-Output-Octets"),
	/*  44 */ TEXT("Acct-Session-Id"), ENUM("Acct-Authentic", acct_auth, 1),
	/*  46 */ NUM("Acct-Session-Time"), NUM("Acct-Input-Packets"), NUM("Acct-Output-Packets"),
	/*  49 */ ENUM("Acct-Terminate-Cause", acct_term, 1), TEXT("Acct-Multi-Session-Id"),
	/*  51 */ NUM("Acct-Link-Count"), NUM("Acct-Input-Gigawords"), NUM("Acct-Output-Gigawords"),
	/*  54 */ FN("Unassigned", NULL), FN("Event-Timestamp", attr_time), NUM("Egress-VLANID"),
	/*  57 */ ENUM("Ingress-Filters", ingress_filters, 1), TEXT("Egress-VLAN-Name"),
	/*  59 */ FN("User-Priority-Table", NULL), TEXT("CHAP-Challenge"),
	/*  61 */ ENUM("NAS-Port-Type", nas_port_type, 0), NUM("Port-Limit"),
	/*  63 */ TEXT("Login-LAT-Port"), ENUM("Tunnel-Type", tunnel_type, 1),
	/*  65 */ ENUM("Tunnel-Medium-Type", tunnel_medium, 1), TEXT("Tunnel-Client-Endpoint"),
	/*  67 */ TEXT("Tunnel-Server-Endpoint"), TEXT("Acct-Tunnel-Connection"),
	/*  69 */ TEXT("Tunnel-Password"), FN("ARAP-Password", attr_strange),
	/*  71 */ FN("ARAP-Features", attr_strange), ENUM("ARAP-Zone-Access", arap_zone, 1),
	/*  73 */ TEXT("ARAP-Security"), TEXT("ARAP-Security-Data"), NUM("Password-Retry"),
	/*  76 */ ENUM("Prompt", prompt, 0), TEXT("Connect-Info"), TEXT("Configuration-Token"),
	/*  79 */ TEXT("EAP-Message"), TEXT("Message-Authenticator"),
	/*  81 */ TEXT("Tunnel-Private-Group-ID"), TEXT("Tunnel-Assignment-ID"),
	/*  83 */ NUM("Tunnel-Preference"), FN("ARAP-Challenge-Response", attr_strange),
	/*  85 */ NUM("Acct-Interim-Interval"), NUM("Acct-Tunnel-Packets-Lost"),
	/*  87 */ TEXT("NAS-Port-Id"), TEXT("Framed-Pool"), TEXT("CUI"),
	/*  90 */ TEXT("Tunnel-Client-Auth-ID"), TEXT("Tunnel-Server-Auth-ID"),
	/*  92 */ TEXT("NAS-Filter-Rule"), FN("Unassigned", NULL),
	/*  94 */ FN("Originating-Line-Info", NULL), FN("NAS-IPv6-Address", attr_address6),
	/*  96 */ FN("Framed-Interface-ID", NULL), FN("Framed-IPv6-Prefix", attr_netmask6),
	/*  98 */ FN("Login-IPv6-Host", attr_address6), TEXT("Framed-IPv6-Route"),
	/* 100 */ TEXT("Framed-IPv6-Pool"), FN("Error-Cause", attr_strange),
	/* 102 */ FN("EAP-Key-Name", NULL), TEXT("Digest-Response"), TEXT("Digest-Realm"),
	/* 105 */ TEXT("Digest-Nonce"), TEXT("Digest-Response-Auth"), TEXT("Digest-Nextnonce"),
	/* 108 */ TEXT("Digest-Method"), TEXT("Digest-URI"), TEXT("Digest-Qop"),
	/* 111 */ TEXT("Digest-Algorithm"), TEXT("Digest-Entity-Body-Hash"), TEXT("Digest-CNonce"),
	/* 114 */ TEXT("Digest-Nonce-Count"), TEXT("Digest-Username"), TEXT("Digest-Opaque"),
	/* 117 */ TEXT("Digest-Auth-Param"), TEXT("Digest-AKA-Auts"), TEXT("Digest-Domain"),
	/* 120 */ TEXT("Digest-Stale"), TEXT("Digest-HA1"), TEXT("SIP-AOR"),
	/* 123 */ FN("Delegated-IPv6-Prefix", attr_netmask6),
	/* 124 */ FN("MIP6-Feature-Vector", attr_vector64),
	/* 125 */ FN("MIP6-Home-Link-Prefix", attr_mip6_prefix), FN("Operator-Name", attr_operator),
	/* 127 */ FN("Location-Information", attr_location_info),
	/* 128 */ FN("Location-Data", attr_location_data),
	/* 129 */ FN("Basic-Location-Policy-Rules", attr_policy_rules),
};

#define NTYPES (sizeof(attr_types) / sizeof(attr_types[0]))

/* Text as tcpdump prints an attribute string: up to a NUL, '.' for the unprintable. */
static void dotted_text(np_ctx *c, const uint8_t *p, unsigned len, int stop_at_nul)
{
	for (unsigned i = 0; i < len; i++) {
		np_need(c, p + i, 1);
		unsigned ch = p[i];
		if (stop_at_nul && ch == 0)
			break;
		np_putc(c, ch >= 0x20 && ch < 0x7f ? (int)ch : '.');
	}
}

/* Text as nd_printn prints it (escapes), read with the longjmp-ing accessor. */
static void escaped_text(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (np_print_chars(c, p, len))
		np_trunc(c);
}

static void tag_print(np_ctx *c, unsigned tag)
{
	if (tag)
		np_printf(c, "Tag[%u] ", tag);
	else
		np_puts(c, "Tag[Unused] ");
}

/* tcpdump's checks before a value, each with its message: 0 when the value is not printed */
static int len_is(np_ctx *c, unsigned len, unsigned want)
{
	if (len == want)
		return 1;
	np_printf(c, "ERROR: length %u != %u", len, want);
	return 0;
}

static int captured(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (np_has(c, p, len))
		return 1;
	np_print_trunc(c);
	return 0;
}

/* captured, then at least min bytes long */
static int captured_min(np_ctx *c, const uint8_t *p, unsigned len, unsigned min)
{
	if (!captured(c, p, len))
		return 0;
	if (len >= min)
		return 1;
	np_printf(c, "ERROR: length %u < %u", len, min);
	return 0;
}

static void attr_string(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	char buf[32];
	if (!captured(c, p, len))
		return;
	switch (type) {
	case TUNNEL_PASS:
		if (len < 3) {
			np_print_trunc(c);
			return;
		}
		tag_print(c, np_u8(c, p) <= 0x1f ? np_u8(c, p) : 0);
		np_printf(c, "Salt %u ", np_be16(c, p + 1));
		p += 3;
		len -= 3;
		break;
	case TUNNEL_CLIENT_END:
	case TUNNEL_SERVER_END:
	case TUNNEL_PRIV_GROUP:
	case TUNNEL_ASSIGN_ID:
	case TUNNEL_CLIENT_AUTH:
	case TUNNEL_SERVER_AUTH:
		if (np_u8(c, p) <= 0x1f) {
			tag_print(c, np_u8(c, p));
			p++;
			len--;
		}
		break;
	case EGRESS_VLAN_NAME:
		np_printf(c, "%s (0x%02x) ",
			  np_tok_str(vlan_tags, "Unknown tag", np_u8(c, p), buf, sizeof(buf)),
			  np_u8(c, p));
		p++;
		len--;
		break;
	case EAP_MESSAGE:
		np_eap_print(c, p, len);
		np_set_proto(c, "radius");
		return;
	}
	dotted_text(c, p, len, 1);
}

static void attr_vendor(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (len < 4) {
		np_print_trunc(c);
		return;
	}
	np_need(c, p, 4);
	/* tcpdump names the vendor from its SMI enterprise table; netsift has no copy of
	 * it yet and prints the number */
	np_printf(c, "Vendor: Unknown (%u)", np_be32(c, p));
	p += 4;
	len -= 4;
	while (len >= 2) {
		np_need(c, p, 2);
		unsigned vtype = np_u8(c, p), vlen = np_u8(c, p + 1);
		if (vlen < 2) {
			np_printf(c, "\n\t    Vendor Attribute: %u, Length: %u (bogus, must be >= 2)",
				  vtype, vlen);
			return;
		}
		if (vlen > len) {
			np_printf(c,
				  "\n\t    Vendor Attribute: %u, Length: %u (bogus, goes past end of "
				  "vendor-specific attribute)",
				  vtype, vlen);
			return;
		}
		p += 2;
		vlen -= 2;
		len -= 2;
		if (!np_has(c, p, vlen)) {
			np_print_trunc(c);
			return;
		}
		np_printf(c, "\n\t    Vendor Attribute: %u, Length: %u, Value: ", vtype, vlen);
		dotted_text(c, p, vlen, 0);
		p += vlen;
		len -= vlen;
	}
}

static void attr_num(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	char buf[32];
	if (!len_is(c, len, 4))
		return;
	const struct attr_type *t = &attr_types[type];
	if (t->nvalues) {
		uint32_t v;
		if (type == TUNNEL_TYPE || type == TUNNEL_MEDIUM) {
			np_need(c, p, 1);
			tag_print(c, np_u8(c, p));
			np_need(c, p + 1, 3);
			v = np_be24(c, p + 1);
		} else {
			np_need(c, p, 4);
			v = np_be32(c, p);
		}
		if (v >= t->first && v - t->first < t->nvalues)
			np_puts(c, t->values[v - t->first]);
		else
			np_printf(c, "#%u", v);
		return;
	}
	np_need(c, p, 4);
	uint32_t v = np_be32(c, p);
	switch (type) {
	case FRM_IPX:
		if (v == 0xfffffffe)
			np_puts(c, "NAS Select");
		else
			np_printf(c, "%u", v);
		break;
	case SESSION_TIMEOUT:
	case IDLE_TIMEOUT:
	case ACCT_DELAY:
	case ACCT_SESSION_TIME:
	case ACCT_INT_INTERVAL:
		if (v < 60)
			np_printf(c, "%02d secs", (int)v);
		else if (v < 3600)
			np_printf(c, "%02d:%02d min", (int)(v / 60), (int)(v % 60));
		else
			np_printf(c, "%02d:%02d:%02d hours", (int)(v / 3600), (int)(v % 3600 / 60),
				  (int)(v % 60));
		break;
	case FRM_ATALK_LINK:
	case FRM_ATALK_NETWORK:
		if (v)
			np_printf(c, "%u", v);
		else
			np_puts(c, type == FRM_ATALK_LINK ? "Unnumbered" : "NAS assigned");
		break;
	case TUNNEL_PREFERENCE:
		tag_print(c, np_u8(c, p));
		np_printf(c, "%u", np_be24(c, p + 1));
		break;
	case EGRESS_VLAN_ID:
		np_printf(c, "%s (0x%02x) ",
			  np_tok_str(vlan_tags, "Unknown tag", np_u8(c, p), buf, sizeof(buf)),
			  np_u8(c, p));
		np_printf(c, "%u", np_be24(c, p + 1));
		break;
	default:
		np_printf(c, "%u", v);
		break;
	}
}

static void attr_address(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	char buf[NP_ADDRSTRLEN];
	if (!len_is(c, len, 4))
		return;
	np_need(c, p, 4);
	uint32_t v = np_be32(c, p);
	if ((type == FRM_IPADDR || type == LOG_IPHOST) && v == 0xffffffff)
		np_puts(c, "User Selected");
	else if ((type == FRM_IPADDR || type == LOG_IPHOST) && v == 0xfffffffe)
		np_puts(c, "NAS Select");
	else
		np_puts(c, np_ipv4_str(c, p, buf));
}

static void attr_address6(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	char buf[NP_ADDRSTRLEN];
	if (!len_is(c, len, 16))
		return;
	np_need(c, p, 16);
	np_puts(c, np_ipv6_str(c, p, buf));
}

static void attr_netmask6(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (len < 2 || len > 18) {
		np_printf(c, "ERROR: length %u not in range (2..18)", len);
		return;
	}
	if (!captured(c, p, len))
		return;
	unsigned plen = np_u8(c, p + 1);
	if (plen > 128) {
		np_printf(c, "ERROR: netmask %u not in range (0..128)", plen);
		return;
	}
	uint8_t a[16] = {0};
	memcpy(a, p + 2, len - 2);
	char buf[NP_ADDRSTRLEN];
	np_printf(c, "%s/%u", np_fmt_ipv6(buf, a), plen);
	if (plen > 8 * (len - 2))
		np_puts(c, " (inconsistent prefix length)");
}

static void attr_mip6_prefix(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	char buf[NP_ADDRSTRLEN];
	if (!len_is(c, len, 17))
		return;
	if (!captured(c, p, len))
		return;
	if (np_u8(c, p) > 128) {
		np_printf(c, "ERROR: netmask %u not in range (0..128)", np_u8(c, p));
		return;
	}
	np_printf(c, "%s/%u", np_ipv6_str(c, p + 1, buf), np_u8(c, p));
}

static void attr_operator(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	char buf[40];
	if (!captured_min(c, p, len, 2))
		return;
	np_printf(c, "[%s] ", np_tok_str(operator_namespaces, "unknown namespace %u",
					 np_u8(c, p), buf, sizeof(buf)));
	escaped_text(c, p + 1, len - 1);
}

static void attr_location_info(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	char b1[32], b2[32];
	if (!captured_min(c, p, len, 21))
		return;
	np_printf(c, "index %u, code %s, entity %s, ", np_be16(c, p),
		  np_tok_str(location_codes, "Unknown (%u)", np_u8(c, p + 2), b1, sizeof(b1)),
		  np_tok_str(location_entities, "Unknown (%u)", np_u8(c, p + 3), b2, sizeof(b2)));
	np_puts(c, "sighting time ");
	np_ntp_time_print(c, p + 4);
	np_puts(c, ", time to live ");
	np_ntp_time_print(c, p + 12);
	np_puts(c, ", method \"");
	escaped_text(c, p + 20, len - 20);
	np_putc(c, '"');
}

static void attr_location_data(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (!captured_min(c, p, len, 3))
		return;
	np_printf(c, "index %u, location", np_be16(c, p));
	np_hex_ascii(c, "\n\t    ", p + 2, len - 2);
}

static void attr_policy_rules(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (!captured_min(c, p, len, 10))
		return;
	np_puts(c, "flags [");
	np_print_bits(c, policy_flags, ", ", np_be16(c, p));
	np_puts(c, "], retention expires ");
	np_ntp_time_print(c, p + 2);
	if (len > 10) {
		np_puts(c, ", note well \"");
		escaped_text(c, p + 10, len - 10);
		np_putc(c, '"');
	}
}

static void attr_time(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (!len_is(c, len, 4))
		return;
	np_need(c, p, 4);
	time_t t = (time_t)np_be32(c, p);
	struct tm tmv;
	char buf[64];
	/* ctime's layout, in the local time zone as tcpdump prints it */
	if (localtime_r(&t, &tmv) && strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tmv))
		np_printf(c, "%.24s", buf);
}

static void attr_vector64(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	(void)type;
	if (!len_is(c, len, 8))
		return;
	np_putc(c, '[');
	np_need(c, p, 8);
	uint64_t v = np_be64(c, p);
	const char *sep = "";
	for (unsigned i = 0; i < sizeof(mip6_features) / sizeof(mip6_features[0]); i++) {
		if (v & mip6_features[i].bit) {
			np_printf(c, "%s%s", sep, mip6_features[i].name);
			sep = ", ";
		}
	}
	np_putc(c, ']');
}

static void hex_upper(np_ctx *c, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		np_need(c, p + i, 1);
		np_printf(c, "%02X", p[i]);
	}
}

static void attr_strange(np_ctx *c, const uint8_t *p, unsigned len, unsigned type)
{
	char buf[48];
	switch (type) {
	case ARAP_PASS:
		if (!len_is(c, len, 16))
			return;
		np_puts(c, "User_challenge (");
		hex_upper(c, p, 8);
		np_puts(c, ") User_resp(");
		hex_upper(c, p + 8, 8);
		np_putc(c, ')');
		break;
	case ARAP_FEATURES:
		if (!len_is(c, len, 14))
			return;
		np_need(c, p, 1);
		np_puts(c, np_u8(c, p) ? "User can change password"
				       : "User cannot change password");
		np_need(c, p + 1, 1);
		np_printf(c, ", Min password length: %u", np_u8(c, p + 1));
		np_puts(c, ", created at: ");
		hex_upper(c, p + 2, 4);
		np_puts(c, ", expires in: ");
		hex_upper(c, p + 6, 4);
		np_puts(c, ", Current Time: ");
		hex_upper(c, p + 10, 4);
		break;
	case ARAP_CHALLENGE_RESP:
		if (len < 8) {
			np_printf(c, "ERROR: length %u != 8", len);
			return;
		}
		hex_upper(c, p, 8);
		break;
	case ERROR_CAUSE:
		if (len != 4) {
			np_printf(c, "Error: length %u != 4", len);
			return;
		}
		np_need(c, p, 4);
		np_printf(c, "Error cause %u: %s", np_be32(c, p),
			  np_tok_str(error_causes, "Error-Cause %u not known", np_be32(c, p), buf,
				     sizeof(buf)));
		break;
	}
}

static void attrs_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	while (length > 0) {
		if (length < 2 || !np_has(c, p, 2)) {
			np_print_trunc(c);
			return;
		}
		unsigned type = np_u8(c, p), len = np_u8(c, p + 1);
		const char *name = type != 0 && type < NTYPES ? attr_types[type].name : "Unknown";
		np_printf(c, "\n\t  %s Attribute (%u), length: %u", name, type, len);
		if (len < 2) {
			np_puts(c, " (bogus, must be >= 2)");
			return;
		}
		if (len > length) {
			np_puts(c, " (bogus, goes past end of packet)");
			return;
		}
		np_puts(c, ", Value: ");
		if (type < NTYPES && len > 2 && attr_types[type].fn)
			attr_types[type].fn(c, p + 2, len - 2, type);
		if (c->o.vflag > 1) {
			unsigned avail = np_avail(c, p + 2);
			np_hex(c, "\n\t    ", p + 2, len - 2 < avail ? len - 2 : avail);
		}
		length -= len;
		p += len;
	}
}

void np_radius_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag)
{
	(void)ip, (void)frag;
	char buf[32];
	np_set_proto(c, "radius");
	np_need_plain(c, bp, RADIUS_HDRLEN);
	unsigned len = np_be16(c, bp + 2);
	if (len < RADIUS_HDRLEN) {
		np_print_trunc(c);
		return;
	}
	if (len > length)
		len = length;
	unsigned code = np_u8(c, bp);
	const char *cmd = np_tok_str(command_names, "Unknown Command", code, buf, sizeof(buf));
	if (c->o.vflag < 1) {
		np_printf(c, "RADIUS, %s (%u), id: 0x%02x length: %u", cmd, code, np_u8(c, bp + 1),
			  len);
		return;
	}
	np_printf(c, "RADIUS, length: %u\n\t%s (%u), id: 0x%02x, Authenticator: ", len, cmd,
		  code, np_u8(c, bp + 1));
	for (unsigned i = 0; i < 16; i++)
		np_printf(c, "%02x", np_u8(c, bp + 4 + i));
	if (len > RADIUS_HDRLEN)
		attrs_print(c, bp + RADIUS_HDRLEN, len - RADIUS_HDRLEN);
}
