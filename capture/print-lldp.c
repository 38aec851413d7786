/* IEEE 802.1AB Link Layer Discovery Protocol, as tcpdump 4.99.3 prints it: the basic
 * TLVs, the organization-specific ones of IEEE 802.1 (VLANs, link aggregation, DCB: ETS,
 * PFC, application priority, congestion notification, EVB, CDCP), IEEE 802.3, IANA
 * (MUD URL), ANSI/TIA LLDP-MED and the DCBX protocol.
 *
 * Key decisions, tcpdump's:
 * - Without -v only the system name prints; -v decodes; -vv adds a hex dump of every TLV
 *   value, and -v dumps the values it could not decode (each decoder says so).
 * - A TLV header of type 0 (End) or length 0 ends the walk; a TLV longer than what is
 *   left, or too short for its fields, ends the packet with " [|lldp]". */
#include <inttypes.h>

#include "capture/netprint.h"

#define TLV_END 0
#define TLV_CHASSIS 1
#define TLV_PORT 2
#define TLV_TTL 3
#define TLV_PORT_DESCR 4
#define TLV_SYS_NAME 5
#define TLV_SYS_DESCR 6
#define TLV_SYS_CAP 7
#define TLV_MGMT_ADDR 8
#define TLV_PRIVATE 127

#define OUI_8021 0x0080c2
#define OUI_8023 0x00120f
#define OUI_IANA 0x00005e
#define OUI_TIA 0x0012bb
#define OUI_DCBX 0x001b21

/* A check failed: tcpdump's "goto trunc" (" [|lldp]" and the walk ends). */
#define LLDP_TRUNC 2

static const np_tok tlv_names[] = {
	{TLV_END, "End"},
	{TLV_CHASSIS, "Chassis ID"},
	{TLV_PORT, "Port ID"},
	{TLV_TTL, "Time to Live"},
	{TLV_PORT_DESCR, "Port Description"},
	{TLV_SYS_NAME, "System Name"},
	{TLV_SYS_DESCR, "System Description"},
	{TLV_SYS_CAP, "System Capabilities"},
	{TLV_MGMT_ADDR, "Management Address"},
	{TLV_PRIVATE, "Organization specific"},
	{0, NULL},
};

static const np_tok chassis_subtypes[] = {
	{1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"},
	{4, "MAC address"},       {5, "Network address"}, {6, "Interface name"},
	{7, "Local"},             {0, NULL},
};

static const np_tok port_subtypes[] = {
	{1, "Interface alias"}, {2, "Port component"}, {3, "MAC address"},
	{4, "Network Address"}, {5, "Interface Name"}, {6, "Agent circuit ID"},
	{7, "Local"},           {0, NULL},
};

static const np_tok cap_names[] = {
	{0x01, "Other"},  {0x02, "Repeater"},  {0x04, "Bridge"}, {0x08, "WLAN AP"},
	{0x10, "Router"}, {0x20, "Telephone"}, {0x40, "Docsis"}, {0x80, "Station Only"},
	{0, NULL},
};

static const np_tok sub8021_names[] = {
	{1, "Port VLAN Id"},
	{2, "Port and Protocol VLAN ID"},
	{3, "VLAN name"},
	{4, "Protocol Identity"},
	{7, "Link aggregation"},
	{8, "Congestion Notification"},
	{9, "ETS Configuration"},
	{10, "ETS Recommendation"},
	{11, "Priority Flow Control Configuration"},
	{12, "Application Priority"},
	{13, "EVB"},
	{14, "CDCP"},
	{0, NULL},
};

static const np_tok ppvid_flags[] = {{0x02, "supported"}, {0x04, "enabled"}, {0, NULL}};

static const np_tok sub8023_names[] = {
	{1, "MAC/PHY configuration/status"}, {2, "Power via MDI"}, {3, "Link aggregation"},
	{4, "Max frame size"},               {0, NULL},
};

static const np_tok tia_names[] = {
	{1, "LLDP-MED Capabilities"},
	{2, "Network policy"},
	{3, "Location identification"},
	{4, "Extended power-via-MDI"},
	{5, "Inventory - hardware revision"},
	{6, "Inventory - firmware revision"},
	{7, "Inventory - software revision"},
	{8, "Inventory - serial number"},
	{9, "Inventory - manufacturer name"},
	{10, "Inventory - model name"},
	{11, "Inventory - asset ID"},
	{0, NULL},
};

static const np_tok tia_inventory_names[] = {
	{5, "Hardware revision"}, {6, "Firmware revision"}, {7, "Software revision"},
	{8, "Serial number"},     {9, "Manufacturer name"}, {10, "Model name"},
	{11, "Asset ID"},         {0, NULL},
};

static const np_tok altitude_types[] = {{1, "meters"}, {2, "floors"}, {0, NULL}};

static const np_tok lci_catypes[] = {
	{1, "national subdivisions (state,canton,region,province,prefecture)"},
	{2, "county, parish, gun, district"},
	{3, "city, township, shi"},
	{4, "city division, borough, city district, ward chou"},
	{5, "neighborhood, block"},
	{6, "street"},
	{0, NULL},
};

static const np_tok lci_what[] = {
	{0, "location of DHCP server"},
	{1, "location of the network element believed to be closest to the client"},
	{2, "location of the client"},
	{0, NULL},
};

static const np_tok mau_types[] = {
	{0, "Unknown"},        {1, "AUI"},           {2, "10BASE_5"},
	{3, "FOIRL"},          {4, "10BASE2"},       {5, "10BASET duplex mode unknown"},
	{6, "10BASEFP"},       {7, "10BASEFB"},      {8, "10BASEFL duplex mode unknown"},
	{9, "10BROAD36"},      {10, "10BASET hdx"},  {11, "10BASET fdx"},
	{12, "10BASEFL hdx"},  {13, "10BASEFL fdx"}, {14, "100BASET4"},
	{15, "100BASETX hdx"}, {16, "100BASETX fdx"}, {17, "100BASEFX hdx"},
	{18, "100BASEFX fdx"}, {19, "100BASET2 hdx"}, {20, "100BASET2 fdx"},
	{21, "1000BASEX hdx"}, {22, "1000BASEX fdx"}, {23, "1000BASELX hdx"},
	{24, "1000BASELX fdx"}, {25, "1000BASESX hdx"}, {26, "1000BASESX fdx"},
	{27, "1000BASECX hdx"}, {28, "1000BASECX fdx"}, {29, "1000BASET hdx"},
	{30, "1000BASET fdx"}, {31, "10GBASEX"},     {32, "10GBASELX4"},
	{33, "10GBASER"},      {34, "10GBASEER"},    {35, "10GBASELR"},
	{36, "10GBASESR"},     {37, "10GBASEW"},     {38, "10GBASEEW"},
	{39, "10GBASELW"},     {40, "10GBASESW"},    {0, NULL},
};

static const np_tok autoneg_names[] = {{0x01, "supported"}, {0x02, "enabled"}, {0, NULL}};

static const np_tok tia_caps[] = {
	{0x01, "LLDP-MED capabilities"},
	{0x02, "network policy"},
	{0x04, "location identification"},
	{0x08, "extended power via MDI-PSE"},
	{0x10, "extended power via MDI-PD"},
	{0x20, "Inventory"},
	{0, NULL},
};

static const np_tok tia_device_types[] = {
	{1, "endpoint class 1"}, {2, "endpoint class 2"}, {3, "endpoint class 3"},
	{4, "network connectivity"}, {0, NULL},
};

static const np_tok tia_app_types[] = {
	{1, "voice"},           {2, "voice signaling"},    {3, "guest voice"},
	{4, "guest voice signaling"}, {5, "softphone voice"}, {6, "video conferencing"},
	{7, "streaming video"}, {8, "video signaling"},    {0, NULL},
};

static const np_tok tia_policy_bits[] = {
	{0x80, "Unknown"}, {0x40, "Tagged"}, {0x20, "reserved"}, {0, NULL},
};

static const np_tok tia_location_formats[] = {
	{1, "coordinate-based LCI"}, {2, "civic address LCI"}, {3, "ECS ELIN"}, {0, NULL},
};

static const np_tok tia_datums[] = {
	{1, "World Geodesic System 1984"},
	{2, "North American Datum 1983 (NAVD88)"},
	{3, "North American Datum 1983 (MLLW)"},
	{0, NULL},
};

static const np_tok tia_power_sources[] = {
	{1, "PSE - primary power source"}, {2, "local - backup power source"},
	{3, "PSE+local - reserved"},       {0, NULL},
};

static const np_tok tia_power_priorities[] = {
	{1, "critical"}, {2, "high"}, {3, "low"}, {0, NULL},
};

static const np_tok pmd_caps[] = {
	{1 << 14, "10BASE-T hdx"},
	{1 << 13, "10BASE-T fdx"},
	{1 << 12, "100BASE-T4"},
	{1 << 11, "100BASE-TX hdx"},
	{1 << 10, "100BASE-TX fdx"},
	{1 << 9, "100BASE-T2 hdx"},
	{1 << 8, "100BASE-T2 fdx"},
	{1 << 7, "Pause for fdx links"},
	{1 << 6, "Asym PAUSE for fdx"},
	{1 << 5, "Sym PAUSE for fdx"},
	{1 << 4, "Asym and Sym PAUSE for fdx"},
	{1 << 3, "1000BASE-{X LX SX CX} hdx"},
	{1 << 2, "1000BASE-{X LX SX CX} fdx"},
	{1 << 1, "1000BASE-T hdx"},
	{1 << 0, "1000BASE-T fdx"},
	{0, NULL},
};

static const np_tok mdi_names[] = {
	{0x01, "PSE"}, {0x02, "supported"}, {0x04, "enabled"}, {0x08, "can be controlled"},
	{0, NULL},
};

static const np_tok mdi_pairs[] = {{1, "signal"}, {2, "spare"}, {0, NULL}};

static const np_tok mdi_classes[] = {
	{1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}, {0, NULL},
};

static const np_tok aggregation_names[] = {{0x01, "supported"}, {0x02, "enabled"}, {0, NULL}};

static const np_tok dcbx_subtypes[] = {
	{1, "DCB Capability Exchange Protocol Rev 1"},
	{2, "DCB Capability Exchange Protocol Rev 1.01"},
	{0, NULL},
};

static const np_tok intf_numb_subtypes[] = {
	{2, "Interface Index"}, {3, "System Port Number"}, {0, NULL},
};

static const np_tok evb_modes[] = {
	{0, "Not Supported"}, {1, "EVB Bridge"}, {2, "EVB Station"},
	{3, "Reserved for future Standardization"}, {0, NULL},
};

static const np_tok iana_subtypes[] = {{1, "MUD-URL"}, {0, NULL}};

/* RFC 1700 address families, as tcpdump's af_values names them */
static const np_tok af_names[] = {
	{0, "Reserved"},   {1, "IPv4"},        {2, "IPv6"},         {3, "NSAP"},
	{4, "HDLC"},       {5, "BBN 1822"},    {6, "802"},          {7, "E.163"},
	{8, "E.164"},      {9, "F.69"},        {10, "X.121"},       {11, "Novell IPX"},
	{12, "Appletalk"}, {13, "Decnet IV"},  {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"},
	{16, "DNS"},       {17, "Distinguished Name"}, {18, "AS Number"}, {0, NULL},
};

static const char *tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

static void bits(np_ctx *c, const np_tok *t, unsigned v)
{
	np_print_bits(c, t, ", ", v);
}

/* "%-2d " per bit, lowest first */
static void bit_row(np_ctx *c, unsigned v)
{
	for (unsigned i = 0; i < 8; i++)
		np_printf(c, "%-2u ", (v >> i) & 1);
}

static void row8(np_ctx *c, const char *title, const char *head, const char *lead,
		 const uint8_t *p, int nibbles)
{
	np_printf(c, "\n\t    %s", title);
	np_printf(c, "\n\t     %s", head);
	np_printf(c, "\n\t     %s", lead);
	for (unsigned i = 0; i < 8; i++) {
		unsigned v = nibbles ? (np_u8(c, p + i / 2) >> (i % 2 ? 0 : 4)) & 0x0f : np_u8(c, p + i);
		np_printf(c, i < 7 ? "%-3u " : "%-3u", v);
	}
}

static void ets_tables(np_ctx *c, const uint8_t *p)
{
	row8(c, "Priority Assignment Table", "Priority : 0   1   2   3   4   5   6   7",
	     "Value    : ", p + 5, 1);
	row8(c, "TC Bandwidth Table", "TC%   : 0   1   2   3   4   5   6   7", "Value : ", p + 9, 0);
	row8(c, "TSA Assignment Table", "Traffic Class: 0   1   2   3   4   5   6   7",
	     "Value        : ", p + 17, 0);
}

/* The subtype every organizationally specific TLV starts with, after its OUI: named, or -1
 * when the TLV is shorter than min */
static int subtype_head(np_ctx *c, const uint8_t *t, unsigned len, unsigned min,
			const np_tok *names)
{
	if (len < min)
		return -1;
	unsigned sub = np_u8(c, t + 3);
	np_printf(c, "\n\t  %s Subtype (%u)", tok(names, "unknown", sub), sub);
	return (int)sub;
}

/* 1 when a subtype's value is shorter than its entry in min[] (n entries) requires */
static int too_short(const uint8_t *min, unsigned n, unsigned sub, unsigned len)
{
	return sub < n && len < min[sub];
}

static void aggregation_print(np_ctx *c, const uint8_t *t)
{
	np_puts(c, "\n\t    aggregation status [");
	bits(c, aggregation_names, np_u8(c, t + 4));
	np_printf(c, "], aggregation port ID %u", np_be32(c, t + 5));
}

/* One bit per priority under its title */
static void priority_row(np_ctx *c, const char *title, unsigned v)
{
	np_puts(c, title);
	np_puts(c, "\n\t     Priority : 0  1  2  3  4  5  6  7");
	np_puts(c, "\n\t     Value    : ");
	bit_row(c, v);
}

/* The private decoders return 1 when the value should be hex-dumped at -v. */
static int private_8021(np_ctx *c, const uint8_t *t, unsigned len)
{
	/* the shortest value of each subtype */
	static const uint8_t min[] = {0, 6, 7, 6, 5, 0, 0, 9, 6, 25, 25, 6, 5, 9, 8};
	int sub = subtype_head(c, t, len, 4, sub8021_names);
	unsigned v;
	if (sub < 0 || too_short(min, sizeof(min), (unsigned)sub, len))
		return 0;
	switch (sub) {
	case 1:
		np_printf(c, "\n\t    port vlan id (PVID): %u", np_be16(c, t + 4));
		break;
	case 2:
		np_printf(c, "\n\t    port and protocol vlan id (PPVID): %u, flags [", np_be16(c, t + 5));
		bits(c, ppvid_flags, np_u8(c, t + 4));
		np_printf(c, "] (0x%02x)", np_u8(c, t + 4));
		break;
	case 3: {
		np_printf(c, "\n\t    vlan id (VID): %u", np_be16(c, t + 4));
		if (len < 7)
			return 0;
		unsigned sl = np_u8(c, t + 6);
		if (len < 7 + sl)
			return 0;
		np_puts(c, "\n\t    vlan name: ");
		np_print_zchars(c, t + 7, sl);
		break;
	}
	case 4: {
		unsigned sl = np_u8(c, t + 4);
		if (len < 5 + sl)
			return 0;
		np_puts(c, "\n\t    protocol identity: ");
		np_print_zchars(c, t + 5, sl);
		break;
	}
	case 7:
		aggregation_print(c, t);
		break;
	case 8:
		priority_row(c, "\n\t    Pre-Priority CNPV Indicator", np_u8(c, t + 4));
		priority_row(c, "\n\t    Pre-Priority Ready Indicator", np_u8(c, t + 5));
		break;
	case 9:
		v = np_u8(c, t + 4);
		np_printf(c, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", v >> 7, (v >> 6) & 0x02,
			  (v >> 3) & 0x07, v & 0x07);
		ets_tables(c, t);
		break;
	case 10:
		np_printf(c, "\n\t    RES: %u", np_u8(c, t + 4));
		ets_tables(c, t);
		break;
	case 11:
		v = np_u8(c, t + 4);
		np_printf(c, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", v >> 7, (v >> 6) & 1,
			  (v >> 4) & 3, v & 0x0f);
		priority_row(c, "\n\t    PFC Enable", np_u8(c, t + 5));
		break;
	case 12: {
		np_printf(c, "\n\t    RES: %u", np_u8(c, t + 4));
		if (len <= 5)
			return 0;
		unsigned sl = len - 5;
		if (sl % 3)
			return 0;
		np_puts(c, "\n\t    Application Priority Table");
		for (unsigned i = 0; i < sl; i += 3) {
			v = np_u8(c, t + i + 5);
			np_printf(c, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u", v >> 5,
				  (v >> 3) & 3, v & 7, np_be16(c, t + i + 6));
		}
		break;
	}
	case 13:
		np_puts(c, "\n\t    EVB Bridge Status");
		v = np_u8(c, t + 4);
		np_printf(c, "\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u", v >> 3, (v >> 2) & 1,
			  (v >> 1) & 1, v & 1);
		np_puts(c, "\n\t    EVB Station Status");
		v = np_u8(c, t + 5);
		np_printf(c, "\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u", v >> 4, (v >> 3) & 1,
			  (v >> 2) & 1, v & 3);
		v = np_u8(c, t + 6);
		np_printf(c, "\n\t    R: %u, RTE: %u, ", v >> 5, v & 0x1f);
		v = np_u8(c, t + 7);
		np_printf(c, "EVB Mode: %s [%u]", tok(evb_modes, "unknown", v >> 6), v >> 6);
		np_printf(c, "\n\t    ROL: %u, RWD: %u, ", (v >> 5) & 1, v & 0x1f);
		v = np_u8(c, t + 8);
		np_printf(c, "RES: %u, ROL: %u, RKA: %u", v >> 6, (v >> 5) & 1, v & 0x1f);
		break;
	case 14: {
		v = np_u8(c, t + 4);
		np_printf(c, "\n\t    Role: %u, RES: %u, Scomp: %u ", v >> 7, (v >> 4) & 7, (v >> 3) & 1);
		np_printf(c, "ChnCap: %u", np_be16(c, t + 6) & 0x0fff);
		unsigned sl = len - 8;
		if (sl % 3)
			return 0;
		for (unsigned i = 0; i < sl; i += 3) {
			v = np_be24(c, t + i + 8);
			np_printf(c, "\n\t    SCID: %u, SVID: %u", v >> 12, v & 0xfff);
		}
		break;
	}
	default:
		return 1;
	}
	return 0;
}

static int private_8023(np_ctx *c, const uint8_t *t, unsigned len)
{
	static const uint8_t min[] = {0, 9, 7, 9, 6}; /* by subtype */
	int sub = subtype_head(c, t, len, 4, sub8023_names);
	if (sub < 0 || too_short(min, sizeof(min), (unsigned)sub, len))
		return 0;
	switch (sub) {
	case 1: {
		unsigned an = np_u8(c, t + 4), pmd = np_be16(c, t + 5), mau = np_be16(c, t + 7);
		np_puts(c, "\n\t    autonegotiation [");
		bits(c, autoneg_names, an);
		np_printf(c, "] (0x%02x)", an);
		np_puts(c, "\n\t    PMD autoneg capability [");
		if (pmd & 0x7fff)
			bits(c, pmd_caps, pmd);
		else
			np_puts(c, "unknown");
		np_printf(c, "] (0x%04x)", pmd);
		np_printf(c, "\n\t    MAU type %s (0x%04x)", tok(mau_types, "unknown", mau), mau);
		break;
	}
	case 2:
		np_puts(c, "\n\t    MDI power support [");
		bits(c, mdi_names, np_u8(c, t + 4));
		np_printf(c, "], power pair %s, power class %s", tok(mdi_pairs, "unknown", np_u8(c, t + 5)),
			  tok(mdi_classes, "unknown", np_u8(c, t + 6)));
		break;
	case 3:
		aggregation_print(c, t);
		break;
	case 4:
		np_printf(c, "\n\t    MTU size %u", np_be16(c, t + 4));
		break;
	default:
		return 1;
	}
	return 0;
}

static int private_iana(np_ctx *c, const uint8_t *t, unsigned len)
{
	int sub = subtype_head(c, t, len, 8, iana_subtypes);
	if (sub < 0)
		return 0;
	if (sub != 1)
		return 1;
	np_puts(c, "\n\t  MUD-URL=");
	np_need(c, t + 4, len - 4);
	np_print_chars(c, t + 4, len - 4);
	return 0;
}

static uint64_t latlon(np_ctx *c, const uint8_t *p)
{
	return (uint64_t)(np_u8(c, p) & 3) << 32 | np_be32(c, p + 1);
}

static int private_tia(np_ctx *c, const uint8_t *t, unsigned len)
{
	static const uint8_t min[] = {0, 7, 8, 5, 7}; /* by subtype */
	int sub = subtype_head(c, t, len, 4, tia_names);
	if (sub < 0 || too_short(min, sizeof(min), (unsigned)sub, len))
		return 0;
	switch (sub) {
	case 1:
		np_puts(c, "\n\t    Media capabilities [");
		bits(c, tia_caps, np_be16(c, t + 4));
		np_printf(c, "] (0x%04x)", np_be16(c, t + 4));
		np_printf(c, "\n\t    Device type [%s] (0x%02x)",
			  tok(tia_device_types, "unknown", np_u8(c, t + 6)), np_u8(c, t + 6));
		break;
	case 2:
		np_printf(c, "\n\t    Application type [%s] (0x%02x)",
			  tok(tia_app_types, "none", np_u8(c, t + 4)), np_u8(c, t + 4));
		np_puts(c, ", Flags [");
		bits(c, tia_policy_bits, np_u8(c, t + 5));
		np_putc(c, ']');
		np_printf(c, "\n\t    Vlan id %u", (np_be16(c, t + 5) & 0x1ffe) >> 1);
		np_printf(c, ", L2 priority %u", (np_be16(c, t + 6) & 0x01ff) >> 6);
		np_printf(c, ", DSCP value %u", np_be16(c, t + 6) & 0x003f);
		break;
	case 3: {
		unsigned fmt = np_u8(c, t + 4);
		np_printf(c, "\n\t    Location data format %s (0x%02x)",
			  tok(tia_location_formats, "unknown", fmt), fmt);
		switch (fmt) {
		case 1:
			if (len < 21)
				return 0;
			np_printf(c, "\n\t    Latitude resolution %u, latitude value %" PRIu64,
				  np_u8(c, t + 5) >> 2, latlon(c, t + 5));
			np_printf(c, "\n\t    Longitude resolution %u, longitude value %" PRIu64,
				  np_u8(c, t + 10) >> 2, latlon(c, t + 10));
			np_printf(c, "\n\t    Altitude type %s (%u)",
				  tok(altitude_types, "unknown", np_u8(c, t + 15) >> 4),
				  np_u8(c, t + 15) >> 4);
			np_printf(c, "\n\t    Altitude resolution %u, altitude value 0x%x",
				  (np_be16(c, t + 15) >> 6) & 0x3f, np_be32(c, t + 16) & 0x3fffffff);
			np_printf(c, "\n\t    Datum %s (0x%02x)", tok(tia_datums, "unknown", np_u8(c, t + 20)),
				  np_u8(c, t + 20));
			break;
		case 2: {
			if (len < 6)
				return 0;
			unsigned lci = np_u8(c, t + 5);
			if (lci < 3 || len < 7 + lci)
				return 0;
			np_printf(c, "\n\t    LCI length %u, LCI what %s (0x%02x), Country-code ", lci,
				  tok(lci_what, "unknown", np_u8(c, t + 6)), np_u8(c, t + 6));
			np_print_zchars(c, t + 7, 2);
			lci -= 3;
			const uint8_t *p = t + 9;
			while (lci) {
				if (lci < 2)
					return 0;
				unsigned ct = np_u8(c, p), cl = np_u8(c, p + 1);
				p += 2;
				lci -= 2;
				np_printf(c, "\n\t      CA type '%s' (%u), length %u: ",
					  tok(lci_catypes, "unknown", ct), ct, cl);
				if (ct == 0 || cl == 0 || lci < cl)
					return 0;
				np_print_zchars(c, p, cl);
				p += cl;
				lci -= cl;
			}
			break;
		}
		case 3:
			np_puts(c, "\n\t    ECS ELIN id ");
			np_print_zchars(c, t + 5, len - 5);
			break;
		default:
			np_puts(c, "\n\t    Location ID ");
			np_unknown_data(c, t + 5, "\n\t      ", len - 5);
		}
		break;
	}
	case 4: {
		unsigned b = np_u8(c, t + 4);
		/* tcpdump masks with (0xC0 >> 6), i.e. bit 0x03 */
		np_printf(c, "\n\t    Power type [%s]", b & 0x03 ? "PD device" : "PSE device");
		np_printf(c, ", Power source [%s]", tok(tia_power_sources, "none", (b & 0x30) >> 4));
		np_printf(c, "\n\t    Power priority [%s] (0x%02x)",
			  tok(tia_power_priorities, "none", b & 0x0f), b & 0x0f);
		unsigned pv = np_be16(c, t + 5);
		if (pv < 1024)
			np_printf(c, ", Power %.1f Watts", (float)pv / 10);
		else
			np_printf(c, ", Power %u (Reserved)", pv);
		break;
	}
	case 5:
	case 6:
	case 7:
	case 8:
	case 9:
	case 10:
	case 11:
		np_printf(c, "\n\t  %s ", tok(tia_inventory_names, "unknown", (unsigned)sub));
		np_print_zchars(c, t + 4, len - 4);
		break;
	default:
		return 1;
	}
	return 0;
}

static void dcbx_info_block(np_ctx *c, const uint8_t *t)
{
	np_printf(c, "\n\t      Oper_Version: %u", np_u8(c, t));
	np_printf(c, "\n\t      Max_Version: %u", np_u8(c, t + 1));
	unsigned v = np_u8(c, t + 2);
	np_printf(c, "\n\t      Info block(0x%02X): ", v);
	np_printf(c, "Enable bit: %u, Willing bit: %u, Error Bit: %u", !!(v & 0x80), !!(v & 0x40),
		  !!(v & 0x20));
	np_printf(c, "\n\t      SubType: %u", np_u8(c, t + 3));
}

static int private_dcbx(np_ctx *c, const uint8_t *pp, unsigned len)
{
	int hexdump = 0;
	int sub = subtype_head(c, pp, len, 4, dcbx_subtypes);
	if (sub < 0)
		return 0;
	if (sub == 1)
		return 1;
	const uint8_t *t = pp + 4;
	unsigned tlen = len - 4;
	while (tlen >= 2) {
		unsigned tlv = np_be16(c, t), type = tlv >> 9, tl = tlv & 0x1ff;
		hexdump = 0;
		tlen -= 2;
		t += 2;
		if (!type || !tl)
			break;
		np_need(c, t, tl);
		if (tlen < tl)
			return hexdump;
		switch (type) {
		case 1:
			if (tl < 10)
				return hexdump;
			np_printf(c, "\n\t    Control - Protocol Control (type 0x%x, length %u)", 1, tl);
			np_printf(c, "\n\t      Oper_Version: %u", np_u8(c, t));
			np_printf(c, "\n\t      Max_Version: %u", np_u8(c, t + 1));
			np_printf(c, "\n\t      Sequence Number: %u", np_be32(c, t + 2));
			np_printf(c, "\n\t      Acknowledgement Number: %u", np_be32(c, t + 6));
			break;
		case 2: {
			if (tl < 17)
				return hexdump;
			np_printf(c, "\n\t    Feature - Priority Group (type 0x%x, length %u)", 2, tl);
			dcbx_info_block(c, t);
			np_puts(c, "\n\t      Priority Allocation");
			uint32_t pg = np_be32(c, t + 4);
			for (unsigned i = 0; i <= 7; i++)
				np_printf(c, "\n\t          PgId_%u: %u", i, (pg >> (28 - 4 * i)) & 0xf);
			np_puts(c, "\n\t      Priority Group Allocation");
			for (unsigned i = 0; i <= 7; i++)
				np_printf(c, "\n\t          Pg percentage[%u]: %u", i, np_u8(c, t + 8 + i));
			np_printf(c, "\n\t      NumTCsSupported: %u", np_u8(c, t + 16));
			break;
		}
		case 3: {
			if (tl < 6)
				return hexdump;
			np_puts(c, "\n\t    Feature - Priority Flow Control");
			np_printf(c, " (type 0x%x, length %u)", 3, tl);
			dcbx_info_block(c, t);
			unsigned v = np_u8(c, t + 4);
			np_printf(c, "\n\t      PFC Config (0x%02X)", v);
			for (unsigned i = 0; i <= 7; i++)
				np_printf(c, "\n\t          Priority Bit %u: %s", i,
					  v & (1u << i) ? "Enabled" : "Disabled");
			np_printf(c, "\n\t      NumTCPFCSupported: %u", np_u8(c, t + 5));
			break;
		}
		case 4: {
			if (tl < 4)
				return hexdump;
			np_printf(c, "\n\t    Feature - Application (type 0x%x, length %u)", 4, tl);
			dcbx_info_block(c, t);
			unsigned left = tl - 4;
			const uint8_t *m = t + 4;
			while (left >= 6) {
				np_puts(c, "\n\t      Application Value");
				np_printf(c, "\n\t          Application Protocol ID: 0x%04x", np_be16(c, m));
				uint32_t u = np_be24(c, m + 2);
				np_printf(c, "\n\t          SF (0x%x) Application Protocol ID is %s", u >> 22,
					  u >> 22 ? "Socket Number" : "L2 EtherType");
				np_printf(c, "\n\t          OUI: 0x%06x", u & 0x3fffff);
				np_printf(c, "\n\t          User Priority Map: 0x%02x", np_u8(c, m + 5));
				left -= 6;
				m += 6;
			}
			break;
		}
		default:
			hexdump = 1;
			break;
		}
		if (c->o.vflag > 1 || (c->o.vflag && hexdump))
			np_unknown_data(c, t, "\n\t    ", tl);
		tlen -= tl;
		t += tl;
	}
	return hexdump;
}

/* "AFI NAME (N): ADDRESS"; 0 when the address does not fit. */
static int network_addr_print(np_ctx *c, const uint8_t *t, unsigned len)
{
	if (len < 1)
		return 0;
	len--;
	unsigned af = np_u8(c, t);
	char buf[NP_ADDRSTRLEN + 32];
	const char *s = NULL;
	switch (af) {
	case 1:
		if (len < 4)
			return 0;
		s = np_ipv4_str(c, t + 1, buf);
		break;
	case 2:
		if (len < 16)
			return 0;
		s = np_ipv6_str(c, t + 1, buf);
		break;
	case 6:
		if (len < 6)
			return 0;
		np_need(c, t + 1, 6);
		s = np_mac_str(c, t + 1, buf);
		break;
	}
	if (s)
		np_printf(c, "AFI %s (%u): %s", tok(af_names, "Unknown", af), af, s);
	else
		np_printf(c, "AFI %s (%u), no AF printer !", tok(af_names, "Unknown", af), af);
	return 1;
}

static int mgmt_addr_print(np_ctx *c, const uint8_t *t, unsigned len)
{
	if (len < 1)
		return 0;
	unsigned alen = np_u8(c, t);
	t++;
	len--;
	if (len < alen)
		return 0;
	/* tcpdump formats the address before printing the line */
	if (alen < 1)
		return 0;
	unsigned af = np_u8(c, t);
	if ((af == 1 && alen - 1 < 4) || (af == 2 && alen - 1 < 16) || (af == 6 && alen - 1 < 6))
		return 0;
	np_printf(c, "\n\t  Management Address length %u, ", alen);
	network_addr_print(c, t, alen);
	t += alen;
	len -= alen;
	if (len < 5)
		return 0;
	unsigned st = np_u8(c, t);
	np_printf(c, "\n\t  %s Interface Numbering (%u): %u", tok(intf_numb_subtypes, "Unknown", st), st,
		  np_be32(c, t + 1));
	t += 5;
	len -= 5;
	if (len) {
		unsigned ol = np_u8(c, t);
		if (len < 1 + ol)
			return 0;
		if (ol) {
			np_printf(c, "\n\t  OID length %u", ol);
			np_print_zchars(c, t + 1, ol);
		}
	}
	return 1;
}

static const char *oui_name(unsigned oui)
{
	static const np_tok ouis[] = {
		{0x000000, "Ethernet"},          {0x00000c, "Cisco"},
		{0x00005e, "IANA"},              {0x000081, "Nortel Networks SONMP"},
		{0x0000f8, "Cisco bridged"},     {0x0080c2, "Ethernet bridged"},
		{0x00a03e, "ATM Forum"},         {0x00e02f, "DOCSIS Spanning Tree"},
		{0x080007, "Appletalk"},         {0x009069, "Juniper"},
		{0x080009, "Hewlett-Packard"},   {0x00120f, "IEEE 802.3 Private"},
		{0x0012bb, "ANSI/TIA"},          {0x001b21, "DCBX"},
		{0x002320, "Nicira Networks"},   {0x5c16c7, "Big Switch Networks"},
		{0, NULL},
	};
	return tok(ouis, "Unknown", oui);
}

/* One TLV's value: returns 1 to hex-dump it at -v, LLDP_TRUNC to end the packet. */
static int tlv_value(np_ctx *c, unsigned type, const uint8_t *t, unsigned len)
{
	unsigned v = c->o.vflag;
	char buf[NP_ADDRSTRLEN + 32];
	switch (type) {
	case TLV_CHASSIS:
	case TLV_PORT: {
		if (!v)
			return 0;
		if (len < 2)
			return LLDP_TRUNC;
		unsigned sub = np_u8(c, t);
		int chassis = type == TLV_CHASSIS;
		np_printf(c, "\n\t  Subtype %s (%u): ",
			  tok(chassis ? chassis_subtypes : port_subtypes, "Unknown", sub), sub);
		unsigned mac = chassis ? 4 : 3, net = chassis ? 5 : 4;
		if (sub == mac) {
			if (len < 7)
				return LLDP_TRUNC;
			np_need(c, t + 1, 6);
			np_puts(c, np_mac_str(c, t + 1, buf));
		} else if (sub == net) {
			if (!network_addr_print(c, t + 1, len - 1))
				return LLDP_TRUNC;
		} else if (sub >= 1 && sub <= 7) {
			np_print_zchars(c, t + 1, len - 1);
		} else {
			return 1;
		}
		return 0;
	}
	case TLV_TTL:
		if (!v)
			return 0;
		if (len < 2)
			return LLDP_TRUNC;
		np_printf(c, ": TTL %us", np_be16(c, t));
		return 0;
	case TLV_PORT_DESCR:
		if (v) {
			np_puts(c, ": ");
			np_print_zchars(c, t, len);
		}
		return 0;
	case TLV_SYS_NAME:
		/* printed without -v too, as CDP's device name */
		np_puts(c, ": ");
		np_print_zchars(c, t, len);
		return 0;
	case TLV_SYS_DESCR:
		if (v) {
			np_puts(c, "\n\t  ");
			np_print_zchars(c, t, len);
		}
		return 0;
	case TLV_SYS_CAP: {
		if (!v)
			return 0;
		if (len < 4)
			return LLDP_TRUNC;
		unsigned cap = np_be16(c, t), ena = np_be16(c, t + 2);
		np_puts(c, "\n\t  System  Capabilities [");
		bits(c, cap_names, cap);
		np_printf(c, "] (0x%04x)", cap);
		np_puts(c, "\n\t  Enabled Capabilities [");
		bits(c, cap_names, ena);
		np_printf(c, "] (0x%04x)", ena);
		return 0;
	}
	case TLV_MGMT_ADDR:
		if (v && !mgmt_addr_print(c, t, len))
			return LLDP_TRUNC;
		return 0;
	case TLV_PRIVATE: {
		if (!v)
			return 0;
		if (len < 3)
			return LLDP_TRUNC;
		unsigned oui = np_be24(c, t);
		np_printf(c, ": OUI %s (0x%06x)", oui_name(oui), oui);
		switch (oui) {
		case OUI_8021:
			return private_8021(c, t, len);
		case OUI_8023:
			return private_8023(c, t, len);
		case OUI_IANA:
			return private_iana(c, t, len);
		case OUI_TIA:
			return private_tia(c, t, len);
		case OUI_DCBX:
			return private_dcbx(c, t, len);
		}
		return 1;
	}
	default:
		return 1;
	}
}

void np_lldp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "lldp");
	const uint8_t *t = bp;
	unsigned tlen = length;
	np_printf(c, "LLDP, length %u", length);
	while (tlen >= 2) {
		/* tcpdump checks the TLV header and value itself: a short capture ends the
		 * packet normally, so the dumps skip the link header */
		if (!np_has(c, t, 2))
			goto trunc;
		unsigned tlv = np_be16(c, t), type = tlv >> 9, len = tlv & 0x1ff;
		tlen -= 2;
		t += 2;
		if (c->o.vflag)
			np_printf(c, "\n\t%s TLV (%u), length %u", tok(tlv_names, "Unknown", type), type,
				  len);
		if (!type || !len)
			break;
		if (!np_has(c, t, len))
			goto trunc;
		if (tlen < len)
			goto trunc;
		int r = tlv_value(c, type, t, len);
		if (r == LLDP_TRUNC)
			goto trunc;
		if (c->o.vflag > 1 || (c->o.vflag && r))
			np_unknown_data(c, t, "\n\t  ", len);
		tlen -= len;
		t += len;
	}
	return;
trunc:
	np_print_trunc(c);
}
