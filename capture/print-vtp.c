/* Cisco's VLAN Trunking Protocol (SNAP OUI 00000c, PID 0x2003), as tcpdump 4.99.3 prints
 * it: version, message type and length; with -v the domain name and the summary, subset
 * (VLAN records with their 1-byte type / 1-byte length TLVs) and request bodies.
 * Malformed VLAN records print " (invalid)". */
#include "capture/netprint.h"

#define VTP_HEADER_LEN 36
#define VTP_VLAN_FIXED_LEN 12

static const np_tok msg_types[] = {
	{1, "Summary advertisement"}, {2, "Subset advertisement"},
	{3, "Advertisement request"}, {4, "Join message"},          {0, NULL},
};

/* what the third header byte means, by message type */
static const np_tok header_fields[] = {
	{1, "Followers"}, {2, "Seq number"}, {3, "Rsvd"}, {4, "Rsvd"}, {0, NULL},
};

static const np_tok vlan_types[] = {
	{1, "Ethernet"}, {2, "FDDI"}, {3, "TrCRF"}, {4, "FDDI-net"}, {5, "TrBRF"}, {0, NULL},
};

static const np_tok vlan_status[] = {{0, "Operational"}, {1, "Suspended"}, {0, NULL}};

static const np_tok vlan_tlvs[] = {
	{1, "Source-Routing Ring Number TLV"},
	{2, "Source-Routing Bridge Number TLV"},
	{3, "STP type TLV"},
	{4, "Parent VLAN TLV"},
	{5, "Translationally bridged VLANs TLV"},
	{6, "Pruning TLV"},
	{7, "Bridge Type TLV"},
	{8, "Max ARP Hop Count TLV"},
	{9, "Max STE Hop Count TLV"},
	{10, "Backup CRF Mode TLV"},
	{0, NULL},
};

static const np_tok stp_types[] = {{1, "SRT"}, {2, "SRB"}, {3, "Auto"}, {0, NULL}};

static const char *tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

/* One VLAN record's TLVs (len bytes); 0 when malformed. */
static int vlan_tlvs_print(np_ctx *c, const uint8_t *t, unsigned len)
{
	while (len) {
		if (len < 2)
			return 0;
		unsigned type = np_u8(c, t), tl = np_u8(c, t + 1);
		np_printf(c, "\n\t\t%s (0x%04x) TLV", tok(vlan_tlvs, "Unknown", type), type);
		if (len < tl * 2 + 2) {
			np_puts(c, " (TLV goes past the end of the packet)");
			return 0;
		}
		np_need(c, t, tl * 2 + 2);
		if (tl != 1) {
			np_printf(c, " [TLV length %u != 1]", tl);
			return 0;
		}
		unsigned v = np_be16(c, t + 2);
		switch (type) {
		case 9:
			np_printf(c, ", %u", v);
			break;
		case 6:
			np_printf(c, ", %s (%u)", v == 1 ? "Enabled" : "Disabled", v);
			break;
		case 3:
			np_printf(c, ", %s (%u)", tok(stp_types, "Unknown", v), v);
			break;
		case 7:
			np_printf(c, ", %s (%u)", v == 1 ? "SRB" : "SRT", v);
			break;
		case 10:
			np_printf(c, ", %s (%u)", v == 1 ? "Backup" : "Not backup", v);
			break;
		default:
			np_unknown_data(c, t, "\n\t\t  ", 2 + tl * 2);
			break;
		}
		len -= 2 + tl * 2;
		t += 2 + tl * 2;
	}
	return 1;
}

void np_vtp_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	np_set_proto(c, "vtp");
	np_puts(c, "VTP");
	if (length < VTP_HEADER_LEN) {
		np_printf(c, " [length %u < %u]", length, VTP_HEADER_LEN);
		goto invalid;
	}
	np_need(c, bp, VTP_HEADER_LEN);
	/* tcpdump 4.99.3 checks neither the version nor the domain name length */
	unsigned version = np_u8(c, bp), type = np_u8(c, bp + 1);
	np_printf(c, "v%u, Message %s (0x%02x), length %u", version,
		  tok(msg_types, "Unknown message type", type), type, length);
	if (!c->o.vflag)
		goto check;
	np_puts(c, "\n\tDomain name: ");
	unsigned dlen = np_u8(c, bp + 3);
	np_print_zchars(c, bp + 4, dlen);
	np_printf(c, ", %s: %u", tok(header_fields, "Unknown", type), np_u8(c, bp + 2));
	const uint8_t *t = bp + VTP_HEADER_LEN;
	char buf[NP_ADDRSTRLEN];
	switch (type) {
	case 1:
		np_printf(c, "\n\t  Config Rev %x, Updater %s", np_be32(c, t), np_ipv4_str(c, t + 4, buf));
		t += 8;
		np_printf(c, ", Timestamp 0x%08x 0x%08x 0x%08x", np_be32(c, t), np_be32(c, t + 4),
			  np_be32(c, t + 8));
		t += 12;
		np_printf(c, ", MD5 digest: %08x%08x%08x%08x", np_be32(c, t), np_be32(c, t + 4),
			  np_be32(c, t + 8), np_be32(c, t + 12));
		break;
	case 2:
		np_printf(c, ", Config Rev %x", np_be32(c, t));
		t += 4;
		while ((unsigned)(t - bp) < length) {
			unsigned len = np_u8(c, t);
			if (len == 0)
				break;
			np_need(c, t, len);
			if (len < VTP_VLAN_FIXED_LEN)
				goto invalid;
			np_printf(c, "\n\tVLAN info status %s, type %s, VLAN-id %u, MTU %u, SAID 0x%08x, "
				     "Name ",
				  tok(vlan_status, "Unknown", np_u8(c, t + 1)),
				  tok(vlan_types, "Unknown", np_u8(c, t + 2)), np_be16(c, t + 4),
				  np_be16(c, t + 6), np_be32(c, t + 8));
			unsigned nlen = np_u8(c, t + 3), padded = 4 * ((nlen + 3) / 4);
			len -= VTP_VLAN_FIXED_LEN;
			t += VTP_VLAN_FIXED_LEN;
			if (len < padded)
				goto invalid;
			np_print_zchars(c, t, nlen);
			len -= padded;
			t += padded;
			if (!vlan_tlvs_print(c, t, len))
				goto invalid;
			t += len;
		}
		break;
	case 3:
		np_printf(c, "\n\tStart value: %u", np_be32(c, t));
		break;
	}
	return;
invalid:
	np_print_invalid(c);
check:
	np_need(c, bp, length);
}
