/* IEEE 802.2 LLC and the SNAP header after it, as tcpdump 4.99.3 prints them on 802.3
 * (length-field) Ethernet frames.
 *
 * Key decisions, all tcpdump's:
 * - np_llc_print returns the length of the LLC (+SNAP) header when it decoded the payload,
 *   its negative when it did not: the Ethernet printer then dumps the payload from the LLC
 *   header on, and the -x/-X dump skips the LLC header either way.
 * - The addresses are printed here only when the payload is not decoded and -e is off:
 *   STP and the SNAP payloads print without them.
 * - The control field is one byte for U frames, two little-endian bytes for I and S
 *   frames. */
#include "capture/netprint.h"

#define LLC_U_FMT 0x03
#define LLC_S_FMT 0x01
#define LLC_GSAP 0x01
#define LLC_IG 0x01
#define LLC_U_POLL 0x10
#define LLC_IS_POLL 0x0100
#define LLC_UI 0x03
#define LLC_XID 0xaf
#define LLC_XID_FI 0x81

#define SAP_GLOBAL 0xff
#define SAP_IP 0x06
#define SAP_STP 0x42
#define SAP_SNAP 0xaa

#define OUI_ETHER 0x000000
#define OUI_CISCO 0x00000c
#define OUI_CISCO_90 0x0000f8
#define OUI_APPLETALK 0x080007
#define ETHERTYPE_ATALK 0x809b

static const np_tok sap_names[] = {
	{0x00, "Null"},     {0xff, "Global"},   {0x02, "802.1B I"}, {0x03, "802.1B G"},
	{0x06, "IP"},       {0x04, "SNA"},      {0x0e, "ProWay NM"}, {0x42, "STP"},
	{0x4e, "RS511"},    {0x7e, "ISO8208"},  {0x8e, "ProWay"},   {0xaa, "SNAP"},
	{0xe0, "IPX"},      {0xf0, "NetBeui"},  {0xfe, "OSI"},      {0, NULL},
};

static const np_tok u_cmd_names[] = {
	{0x03, "ui"},  {0xe3, "test"}, {0xaf, "xid"},   {0x63, "ua"},
	{0x43, "disc"}, {0x0f, "dm"},  {0x6f, "sabme"}, {0x87, "frmr"}, {0, NULL},
};

/* Command/response bit of the SSAP combined with the poll bit of the control field. */
static const np_tok flag_names[] = {
	{0, "Command"},
	{LLC_GSAP, "Response"},
	{LLC_U_POLL, "Poll"},
	{LLC_GSAP | LLC_U_POLL, "Final"},
	{LLC_IS_POLL, "Poll"},
	{LLC_GSAP | LLC_IS_POLL, "Final"},
	{0, NULL},
};

static const np_tok supervisory_names[] = {
	{0, "Receiver Ready"}, {1, "Receiver not Ready"}, {2, "Reject"}, {0, NULL},
};

static const np_tok oui_names[] = {
	{0x000000, "Ethernet"},
	{0x00000c, "Cisco"},
	{0x00005e, "IANA"},
	{0x000081, "Nortel Networks SONMP"},
	{0x0000f8, "Cisco bridged"},
	{0x0080c2, "Ethernet bridged"},
	{0x00a03e, "ATM Forum"},
	{0x00e02f, "DOCSIS Spanning Tree"},
	{0x080007, "Appletalk"},
	{0x009069, "Juniper"},
	{0x080009, "Hewlett-Packard"},
	{0x00120f, "IEEE 802.3 Private"},
	{0x0012bb, "ANSI/TIA"},
	{0, NULL},
};

static const np_tok cisco_pid_names[] = {
	{0x2000, "CDP"},  {0x2003, "VTP"},  {0x2004, "DTP"},
	{0x0111, "UDLD"}, {0x010b, "PVST"}, {0x010c, "VLAN Bridge"}, {0, NULL},
};

static const np_tok bridged_pid_names[] = {
	{0x0001, "Ethernet + FCS"},    {0x0007, "Ethernet w/o FCS"},
	{0x0002, "802.4 + FCS"},       {0x0008, "802.4 w/o FCS"},
	{0x0003, "Token Ring + FCS"},  {0x0009, "Token Ring w/o FCS"},
	{0x0004, "FDDI + FCS"},        {0x000a, "FDDI w/o FCS"},
	{0x0005, "802.6 + FCS"},       {0x000b, "802.6 w/o FCS"},
	{0x000e, "BPDU"},              {0, NULL},
};

/* The PID's name: an ethertype under the encapsulation OUIs, a Cisco or bridged PID. */
static const char *pid_name(unsigned oui, unsigned pid)
{
	const char *s = NULL;
	switch (oui) {
	case OUI_ETHER:
	case OUI_CISCO_90:
	case OUI_APPLETALK:
		s = np_ethertype_name(pid);
		break;
	case OUI_CISCO:
		s = np_tok_find(cisco_pid_names, pid);
		break;
	case 0x0080c2:
		s = np_tok_find(bridged_pid_names, pid);
		break;
	}
	return s ? s : "Unknown";
}

static const char *sap_str(unsigned sap, const char *fmt, char *buf, size_t n)
{
	return np_tok_str(sap_names, fmt, sap, buf, n);
}

/* The Cisco protocols on SNAP by their PID */
static const struct {
	unsigned pid;
	void (*print)(np_ctx *c, const uint8_t *bp, unsigned length);
} cisco_pids[] = {
	{0x2000, np_cdp_print}, {0x2003, np_vtp_print}, {0x0111, np_udld_print},
	{0x2004, np_dtp_print}, {0x010b, np_stp_print /* PVST */},
	{0x010c, np_stp_print /* VLAN bridge */},
};

/* SNAP: 3-byte OUI and 2-byte PID.  Returns 1 when the payload was decoded. */
static int snap_print(np_ctx *c, const uint8_t *p, unsigned length, const uint8_t *src,
		      const uint8_t *dst)
{
	np_set_proto(c, "snap");
	unsigned caplen = np_avail(c, p);
	if (caplen < 5 || length < 5) {
		np_print_trunc(c);
		return 1;
	}
	unsigned oui = np_be24(c, p), pid = np_be16(c, p + 3);
	const char *oname = np_tok_find(oui_names, oui);
	if (c->o.eflag)
		np_printf(c, "oui %s (0x%06x), %s %s (0x%04x), length %u: ",
			  oname ? oname : "Unknown", oui, oui == OUI_ETHER ? "ethertype" : "pid",
			  pid_name(oui, pid), pid, length - 5);
	p += 5;
	length -= 5;
	switch (oui) {
	case OUI_ETHER:
	case OUI_CISCO_90:
		if (np_ethertype_dispatch(c, pid, p, length))
			return 1;
		break;
	case OUI_APPLETALK:
		if (pid == ETHERTYPE_ATALK && np_ethertype_dispatch(c, pid, p, length))
			return 1;
		break;
	case OUI_CISCO:
		for (size_t i = 0; i < sizeof cisco_pids / sizeof cisco_pids[0]; i++) {
			if (cisco_pids[i].pid == pid) {
				cisco_pids[i].print(c, p, length);
				return 1;
			}
		}
		break;
	}
	if (!c->o.eflag) {
		char b1[NP_ADDRSTRLEN + 32], b2[NP_ADDRSTRLEN + 32];
		if (src && dst)
			np_printf(c, "%s > %s ", np_mac_str(c, src, b1), np_mac_str(c, dst, b2));
		if (oui == OUI_ETHER) {
			const char *tn = np_ethertype_name(pid);
			np_printf(c, "SNAP, ethertype %s (0x%04x), length %u: ", tn ? tn : "Unknown",
				  pid, length);
		} else {
			np_printf(c, "SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: ",
				  oname ? oname : "Unknown", oui, pid_name(oui, pid), pid, length);
		}
	}
	return 0;
}

int np_llc_print(np_ctx *c, const uint8_t *p, unsigned length, const uint8_t *src,
		 const uint8_t *dst)
{
	np_set_proto(c, "llc");
	unsigned caplen = np_avail(c, p);
	if (caplen < 3 || length < 3) {
		np_print_trunc(c);
		np_default_print(c, p, caplen);
		return (int)(caplen < 3 ? caplen : length);
	}
	unsigned dsap_field = np_u8(c, p), ssap_field = np_u8(c, p + 1);
	unsigned control = np_u8(c, p + 2);
	int is_u = (control & LLC_U_FMT) == LLC_U_FMT;
	unsigned hdrlen = 3;
	if (!is_u) {
		if (caplen < 4 || length < 4) {
			np_print_trunc(c);
			np_default_print(c, p, caplen);
			return (int)(caplen < 4 ? caplen : length);
		}
		control = np_le16(c, p + 2);
		hdrlen = 4;
	}
	if (dsap_field == SAP_GLOBAL && ssap_field == SAP_GLOBAL) {
		/* Novell's raw 802.3 IPX: no LLC header at all; IPX is not decoded here */
		if (c->o.eflag)
			np_puts(c, "IPX 802.3: ");
		np_default_print(c, p, caplen);
		return 0;
	}
	unsigned dsap = dsap_field & ~LLC_IG, ssap = ssap_field & ~LLC_GSAP;
	char b1[64], b2[64];
	if (c->o.eflag) {
		np_printf(c, "LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s",
			  sap_str(dsap, "Unknown", b1, sizeof b1), dsap,
			  dsap_field & LLC_IG ? "Group" : "Individual",
			  sap_str(ssap, "Unknown", b2, sizeof b2), ssap,
			  ssap_field & LLC_GSAP ? "Response" : "Command");
		np_printf(c, is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", control);
	}
	p += hdrlen;
	length -= hdrlen;

	if (ssap == SAP_SNAP && dsap == SAP_SNAP && control == LLC_UI)
		return snap_print(c, p, length, src, dst) ? (int)hdrlen + 5 : -((int)hdrlen + 5);
	if (ssap == SAP_STP && dsap == SAP_STP && control == LLC_UI) {
		np_stp_print(c, p, length);
		return (int)hdrlen;
	}
	if (ssap == SAP_IP && dsap == SAP_IP && control == LLC_UI) {
		/* RFC 948: IP straight after the LLC header */
		np_ip_print(c, p, length);
		return (int)hdrlen;
	}
	np_set_proto(c, "llc");
	if (!c->o.eflag) {
		char m1[NP_ADDRSTRLEN + 32], m2[NP_ADDRSTRLEN + 32];
		if (ssap == dsap) {
			if (src && dst)
				np_printf(c, "%s > %s ", np_mac_str(c, src, m1), np_mac_str(c, dst, m2));
			np_printf(c, "%s ", sap_str(dsap, "Unknown DSAP 0x%02x", b1, sizeof b1));
		} else if (src && dst) {
			np_printf(c, "%s %s > ", np_mac_str(c, src, m1),
				  sap_str(ssap, "Unknown SSAP 0x%02x", b1, sizeof b1));
			np_printf(c, "%s %s ", np_mac_str(c, dst, m2),
				  sap_str(dsap, "Unknown DSAP 0x%02x", b2, sizeof b2));
		} else {
			np_printf(c, "%s > %s ", sap_str(ssap, "Unknown SSAP 0x%02x", b1, sizeof b1),
				  sap_str(dsap, "Unknown DSAP 0x%02x", b2, sizeof b2));
		}
	}
	char fb[32];
	if (is_u) {
		np_printf(c, "Unnumbered, %s, Flags [%s], length %u",
			  np_tok_str(u_cmd_names, "%02x", control & 0xef, b1, sizeof b1),
			  np_tok_str(flag_names, "?", (ssap_field & LLC_GSAP) | (control & LLC_U_POLL),
				     fb, sizeof fb),
			  length + hdrlen);
		if ((control & ~LLC_U_POLL) == LLC_XID) {
			if (length == 0)
				return (int)hdrlen;
			caplen = np_avail(c, p);
			if (caplen < 1) {
				np_print_trunc(c);
				return (int)hdrlen;
			}
			if (np_u8(c, p) == LLC_XID_FI) {
				if (caplen < 3 || length < 3) {
					np_print_trunc(c);
					np_default_print(c, p, caplen);
				} else {
					np_printf(c, ": %02x %02x", np_u8(c, p + 1), np_u8(c, p + 2));
				}
				return (int)hdrlen;
			}
		}
	} else if ((control & LLC_S_FMT) == LLC_S_FMT) {
		np_printf(c, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
			  np_tok_str(supervisory_names, "?", (control >> 2) & 3, b1, sizeof b1),
			  (control >> 9) & 0x7f,
			  np_tok_str(flag_names, "?", (ssap_field & LLC_GSAP) | (control & LLC_IS_POLL),
				     fb, sizeof fb),
			  length + hdrlen);
		return (int)hdrlen;
	} else {
		np_printf(c, "Information, send seq %u, rcv seq %u, Flags [%s], length %u",
			  (control >> 1) & 0x7f, (control >> 9) & 0x7f,
			  np_tok_str(flag_names, "?", (ssap_field & LLC_GSAP) | (control & LLC_IS_POLL),
				     fb, sizeof fb),
			  length + hdrlen);
	}
	return -(int)hdrlen;
}
