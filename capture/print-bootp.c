/* BOOTP and DHCP for IPv4 (RFC 951, 1048, 2132 and the option RFCs): the fixed header and,
 * with -v, the addresses, server name, boot file and the vendor area, either RFC 1048
 * options (one line each, decoded by a per-option format letter) or the old CMU layout.
 *
 * Key decision: the option table follows tcpdump 4.99.3's: each name carries a format letter
 * (i address, p address pair, l/L 32-bit unsigned/signed, s 16-bit, b decimal bytes,
 * x hex bytes, a text, B boolean, $ decoded by its own code), so adding an option is one
 * table line.  Unknown options get a format from their length, as tcpdump does. */
#include <string.h>

#include "capture/netprint.h"

#define BOOTP_FIXED_LEN 236 /* up to the vendor area */
#define BOOTPREQUEST 1
#define BOOTPREPLY 2

enum {
	TAG_PAD = 0, TAG_NETBIOS_NODE = 46, TAG_OPT_OVERLOAD = 52, TAG_DHCP_MESSAGE = 53,
	TAG_PARM_REQUEST = 55, TAG_CLIENT_ID = 61, TAG_USER_CLASS = 77, TAG_CLIENT_FQDN = 81,
	TAG_AGENT_CIRCUIT = 82, TAG_CLASSLESS_STATIC_RT = 121, TAG_CLASSLESS_STA_RT_MS = 249,
	TAG_END = 255,
};

/* Format letter + name, as tcpdump 4.99.3's tag2str. */
static const np_tok tag_names[] = {
	{0, " PAD"}, {1, "iSubnet-Mask"}, {2, "LTime-Zone"}, {3, "iDefault-Gateway"},
	{4, "iTime-Server"}, {5, "iIEN-Name-Server"}, {6, "iDomain-Name-Server"}, {7, "iLOG"},
	{8, "iCS"}, {9, "iLPR-Server"}, {10, "iIM"}, {11, "iRL"}, {12, "aHostname"},
	{13, "sBS"}, {255, " END"}, {14, "aDP"}, {15, "aDomain-Name"}, {16, "iSS"},
	{17, "aRP"}, {18, "aEP"}, {19, "BIPF"}, {20, "BSRT"}, {21, "pPF"}, {22, "sRSZ"},
	{23, "bTTL"}, {24, "lMTU-Timeout"}, {25, "sMTU-Table"}, {26, "sMTU"}, {27, "BLSN"},
	{28, "iBR"}, {29, "BMD"}, {30, "BMS"}, {31, "BRouter-Discovery"}, {32, "iRSA"},
	{33, "pStatic-Route"}, {34, "BUT"}, {35, "lAT"}, {36, "BIE"}, {37, "bTT"},
	{38, "lKI"}, {39, "BKG"}, {40, "aYD"}, {41, "iYS"}, {42, "iNTP"},
	{43, "bVendor-Option"}, {44, "iNetbios-Name-Server"}, {45, "iWDD"},
	{46, "$Netbios-Node"}, {47, "aNetbios-Scope"}, {48, "iXFS"}, {49, "iXDM"},
	{64, "sN+D"}, {65, "iN+S"}, {68, "iMH"}, {69, "iSMTP"}, {70, "iPOP3"}, {71, "iNNTP"},
	{72, "iWWW"}, {73, "iFG"}, {74, "iIRC"}, {75, "iSTS"}, {76, "iSTDA"},
	{50, "iRequested-IP"}, {51, "lLease-Time"}, {52, "$OO"}, {66, "aTFTP"}, {67, "aBF"},
	{53, " DHCP-Message"}, {54, "iServer-ID"}, {55, "bParameter-Request"}, {56, "aMSG"},
	{57, "sMSZ"}, {58, "lRN"}, {59, "lRB"}, {60, "aVendor-Class"}, {61, "$Client-ID"},
	{98, "aUAP"}, {116, "BNOAUTO"}, {78, "bSLP-DA"}, {79, "bSLP-SCOPE"},
	{117, "sNSSEARCH"}, {77, "$User-Class"}, {118, "iSUBNET"},
	{121, "$Classless-Static-Route"}, {249, "$Classless-Static-Route-Microsoft"},
	{150, "iTFTP-Server-Address"}, {80, "aSLP-NA"}, {81, "$FQDN"},
	{82, "$Agent-Information"}, {83, "bARMT"}, {84, "bAMSK"}, {88, "aTZSTR"},
	{89, "bFQDNS"}, {90, "bAUTH"}, {91, "LLast-Transaction-Time"}, {92, "iAssociated-IP"},
	{93, "sARCH"},
	{94, "bNDI"}, {97, "bGUID"}, {95, "aLDAP"}, {96, "i6o4"}, {100, "aPOSIX-TZ"},
	{101, "aTZ-Name"}, {110, "bIPX"}, {112, "iNI"}, {113, "aNITAG"}, {114, "aURL"},
	{115, "bFAIL"}, {161, "aMUD-URL"},
	{0, NULL},
};

static const np_tok dhcp_msg_names[] = {
	{1, "Discover"}, {2, "Offer"}, {3, "Request"}, {4, "Decline"}, {5, "ACK"},
	{6, "NACK"}, {7, "Release"}, {8, "Inform"}, {10, "LeaseQuery"},
	{11, "LeaseUnassigned"}, {12, "LeaseUnknown"}, {13, "LeaseActive"}, {0, NULL},
};
static const np_tok overload_names[] = {{1, "file"}, {2, "sname"}, {3, "file+sname"}, {0, NULL}};
static const np_tok netbios_node_names[] = {
	{1, "b-node"}, {2, "p-node"}, {4, "m-node"}, {8, "h-node"}, {0, NULL},
};
static const np_tok hwtype_names[] = {
	{1, "ether"}, {6, "ieee802"}, {7, "arcnet"}, {15, "frelay"}, {23, "strip"},
	{24, "ieee1394"}, {0, NULL},
};
static const np_tok agent_subopt_names[] = {
	{1, "Circuit-ID"}, {2, "Remote-ID"}, {6, "Subscriber-ID"}, {0, NULL},
};

/* tcpdump 4.99.3 reads BOOTP with its longjmp-ing accessors: a field cut by the capture ends
 * the packet with " [|bootp]" and a dump of the whole packet. */
/* The table entry of a tag: format letter first, "?Unknown" when there is none. */
static const char *tag_entry(unsigned tag)
{
	const char *s = np_tok_find(tag_names, tag);
	return s ? s : "?Unknown";
}

/* Text of at most len bytes; 1 (after the closing quote) when the capture ran out. */
static int quoted(np_ctx *c, const uint8_t *p, unsigned len)
{
	np_putc(c, '"');
	int cut = np_print_chars(c, p, len);
	np_putc(c, '"');
	return cut;
}

static void ipaddr(np_ctx *c, const uint8_t *p)
{
	char buf[NP_ADDRSTRLEN];
	np_puts(c, np_ipv4_str(c, p, buf));
}

/* The options decoded by their own code ('$'); returns -1 when the capture ran out. */
static int special_print(np_ctx *c, unsigned tag, const uint8_t *bp, unsigned *lenp)
{
	unsigned len = *lenp;
	int first = 1;
	switch (tag) {
	case TAG_NETBIOS_NODE:
	case TAG_OPT_OVERLOAD:
		if (len < 1) {
			np_puts(c, "[ERROR: length < 1 bytes]");
			return 0;
		}
		{
			const char *s = np_tok_find(tag == TAG_OPT_OVERLOAD ? overload_names
									     : netbios_node_names,
						    np_u8(c, bp));
			np_printf(c, "%s", s ? s : "#");
		}
		*lenp = len - 1;
		return 0;
	case TAG_CLIENT_FQDN: {
		if (len < 3) {
			np_puts(c, "[ERROR: length < 3 bytes]");
			*lenp = 0;
			return 0;
		}
		unsigned flags = np_u8(c, bp);
		if (flags) {
			np_putc(c, '[');
			if (flags & 0x01) np_putc(c, 'S');
			if (flags & 0x02) np_putc(c, 'O');
			if (flags & 0x04) np_putc(c, 'E');
			if (flags & 0x08) np_putc(c, 'N');
			np_puts(c, "] ");
		}
		if (np_u8(c, bp + 1) || np_u8(c, bp + 2))
			np_printf(c, "%u/%u ", np_u8(c, bp + 1), np_u8(c, bp + 2));
		*lenp = 0;
		return quoted(c, bp + 3, len - 3) ? -1 : 0;
	}
	case TAG_CLIENT_ID: {
		if (len < 1) {
			np_puts(c, "[ERROR: length < 1 bytes]");
			return 0;
		}
		unsigned type = np_u8(c, bp);
		bp++;
		len--;
		*lenp = 0;
		if (type == 0)
			return quoted(c, bp, len) ? -1 : 0;
		const char *s = np_tok_find(hwtype_names, type);
		if (s)
			np_printf(c, "%s ", s);
		else
			np_printf(c, "hardware-type %u, ", type);
		for (unsigned k = 0; k < len; k++)
			np_printf(c, k ? ":%02x" : "%02x", np_u8(c, bp + k));
		return 0;
	}
	case TAG_AGENT_CIRCUIT:
		while (len >= 2) {
			unsigned sub = np_u8(c, bp), sublen = np_u8(c, bp + 1);
			const char *s = np_tok_find(agent_subopt_names, sub);
			bp += 2;
			len -= 2;
			if (sublen > len) {
				np_printf(c, "\n\t      %s SubOption %u, length %u: length goes past end of option",
					  s ? s : "Unknown", sub, sublen);
				len = 0;
				break;
			}
			np_printf(c, "\n\t      %s SubOption %u, length %u: ", s ? s : "Unknown", sub,
				  sublen);
			if (s) {
				if (np_print_chars(c, bp, sublen))
					return -1;
			} else {
				unsigned avail = np_avail(c, bp);
				np_hex(c, "\n\t\t", bp, sublen < avail ? sublen : avail);
			}
			len -= sublen;
			bp += sublen;
		}
		*lenp = len;
		return 0;
	case TAG_CLASSLESS_STATIC_RT:
	case TAG_CLASSLESS_STA_RT_MS:
		if (len < 5) {
			np_puts(c, "[ERROR: length < 5 bytes]");
			*lenp = 0;
			return 0;
		}
		while (len > 0) {
			if (!first)
				np_putc(c, ',');
			first = 0;
			unsigned width = np_u8(c, bp);
			bp++;
			len--;
			if (width > 32) {
				np_printf(c, "[ERROR: Mask width (%u) > 32]", width);
				len = 0;
				break;
			}
			unsigned octets = (width + 7) / 8;
			if (len < octets + 4) {
				np_printf(c, "[ERROR: Remaining length (%u) < %u bytes]", len, octets + 4);
				len = 0;
				break;
			}
			np_putc(c, '(');
			if (width == 0) {
				np_puts(c, "default");
			} else {
				for (unsigned k = 0; k < octets; k++)
					np_printf(c, k ? ".%u" : "%u", np_u8(c, bp + k));
				for (unsigned k = octets; k < 4; k++)
					np_puts(c, ".0");
				np_printf(c, "/%u", width);
			}
			bp += octets;
			np_putc(c, ':');
			ipaddr(c, bp);
			np_putc(c, ')');
			bp += 4;
			len -= octets + 4;
		}
		*lenp = len;
		return 0;
	case TAG_USER_CLASS: {
		if (len < 2) {
			np_puts(c, "[ERROR: length < 2 bytes]");
			*lenp = 0;
			return 0;
		}
		unsigned n = 1;
		while (len > 0) {
			unsigned sublen = np_u8(c, bp);
			bp++;
			len--;
			np_printf(c, "\n\t      instance#%u: ", n);
			if (sublen == 0) {
				np_puts(c, "[ERROR: suboption length must be non-zero]");
				len = 0;
				break;
			}
			if (len < sublen) {
				np_puts(c, "[ERROR: invalid option]");
				len = 0;
				break;
			}
			if (quoted(c, bp, sublen))
				return -1;
			np_printf(c, ", length %u", sublen);
			n++;
			len -= sublen;
			bp += sublen;
		}
		*lenp = len;
		return 0;
	}
	default:
		np_printf(c, "[unknown special tag %u, size %u]", tag, len);
		*lenp = 0;
		return 0;
	}
}

/* The value of an option with a plain format letter; returns what it did not consume. */
static unsigned plain_print(np_ctx *c, int fmt, const uint8_t *bp, unsigned len)
{
	int first = 1;
	switch (fmt) {
	case 'i':
	case 'l':
	case 'L':
		for (; len >= 4; bp += 4, len -= 4, first = 0) {
			if (!first)
				np_putc(c, ',');
			if (fmt == 'i')
				ipaddr(c, bp);
			else if (fmt == 'L')
				np_printf(c, "%d", (int32_t)np_be32(c, bp));
			else
				np_printf(c, "%u", np_be32(c, bp));
		}
		return len;
	case 'p':
		for (; len >= 8; bp += 8, len -= 8, first = 0) {
			if (!first)
				np_putc(c, ',');
			np_putc(c, '(');
			ipaddr(c, bp);
			np_putc(c, ':');
			ipaddr(c, bp + 4);
			np_putc(c, ')');
		}
		return len;
	case 's':
		for (; len >= 2; bp += 2, len -= 2, first = 0)
			np_printf(c, first ? "%u" : ",%u", np_be16(c, bp));
		return len;
	case 'B':
		for (; len > 0; bp++, len--, first = 0) {
			unsigned v = np_u8(c, bp);
			if (!first)
				np_putc(c, ',');
			if (v <= 1)
				np_putc(c, v ? 'Y' : 'N');
			else
				np_printf(c, "%u?", v);
		}
		return 0;
	default: /* 'b', 'x' */
		for (; len > 0; bp++, len--, first = 0) {
			if (!first)
				np_putc(c, fmt == 'x' ? ':' : '.');
			np_printf(c, fmt == 'x' ? "%02x" : "%u", np_u8(c, bp));
		}
		return 0;
	}
}

/* RFC 1048 options after the magic cookie. */
static void rfc1048_print(np_ctx *c, const uint8_t *bp)
{
	np_puts(c, "\n\t  Vendor-rfc1048 Extensions");
	np_printf(c, "\n\t    Magic Cookie 0x%08x", np_be32(c, bp));
	bp += 4;
	while (np_has(c, bp, 1)) {
		unsigned tag = np_u8(c, bp);
		bp++;
		if (tag == TAG_PAD && c->o.vflag < 3)
			continue;
		if (tag == TAG_END && c->o.vflag < 3)
			return;
		const char *entry = tag_entry(tag);
		int fmt = entry[0];
		unsigned len = 0;
		if (tag != TAG_PAD && tag != TAG_END) {
			np_need(c, bp, 1);
			len = np_u8(c, bp);
			bp++;
		}
		np_printf(c, "\n\t    %s (%u), length %u%s", entry + 1, tag, len, len ? ": " : "");
		if (tag == TAG_PAD && c->o.vflag > 2) {
			unsigned n = 1;
			while (np_has(c, bp, 1) && np_u8(c, bp) == TAG_PAD) {
				bp++;
				n++;
			}
			if (n > 1)
				np_printf(c, ", occurs %u", n);
		}
		if (!np_has(c, bp, len)) {
			np_print_trunc(c);
			return;
		}
		if (tag == TAG_DHCP_MESSAGE && len == 1) {
			const char *s = np_tok_find(dhcp_msg_names, np_u8(c, bp));
			if (s)
				np_puts(c, s);
			else
				np_printf(c, "Unknown (%u)", np_u8(c, bp));
			bp++;
			continue;
		}
		if (tag == TAG_PARM_REQUEST) {
			for (unsigned k = 0; k < len; k++) {
				unsigned t = np_u8(c, bp + k);
				np_puts(c, k % 4 == 0 ? "\n\t      " : ", ");
				np_printf(c, "%s (%u)", tag_entry(t) + 1, t);
			}
			bp += len;
			continue;
		}
		if (fmt == '?')
			fmt = len & 1 ? 'b' : len & 2 ? 's' : 'l';
		unsigned left;
		if (fmt == 'a') {
			if (quoted(c, bp, len))
				goto trunc;
			left = 0;
		} else if (fmt == '$') {
			left = len;
			if (special_print(c, tag, bp, &left) < 0)
				goto trunc;
		} else {
			left = plain_print(c, fmt, bp, len);
		}
		bp += len;
		if (left)
			np_printf(c, "\n\t  trailing data length %u", left);
	}
	return;
trunc:
	np_print_trunc(c);
}

/* The CMU vendor area: flags and the non-zero addresses. */
static void cmu_print(np_ctx *c, const uint8_t *bp)
{
	static const struct {
		unsigned off;
		const char *name;
	} fields[] = {
		{12, "DG"}, {8, NULL}, {16, "NS1"}, {20, "NS2"}, {24, "IEN1"}, {28, "IEN2"},
		{32, "TS1"}, {36, "TS2"},
	};
	np_puts(c, " vend-cmu");
	np_need_plain(c, bp + 4, 4);
	unsigned flags = np_u8(c, bp + 4);
	if (flags & ~1u)
		np_printf(c, " F:0x%x", flags);
	for (unsigned k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		const uint8_t *a = bp + fields[k].off;
		np_need_plain(c, a, 4);
		if (np_be32(c, a) == 0)
			continue;
		np_printf(c, " %s:", fields[k].name ? fields[k].name : flags & 1 ? "SM" : "SM*");
		ipaddr(c, a);
	}
}

/* sname and file: NUL-terminated text in a fixed field; 1 when the capture ran out first. */
static int fixed_text(np_ctx *c, const char *label, const uint8_t *p, unsigned size)
{
	np_need(c, p, 1);
	if (!np_u8(c, p))
		return 0;
	np_printf(c, "\n\t  %s \"", label);
	unsigned n = 0;
	while (n < size && np_has(c, p + n, 1) && p[n])
		n++;
	np_print_chars(c, p, n);
	np_putc(c, '"');
	if (n < size && !np_has(c, p + n, 1)) {
		np_print_trunc(c);
		return 1;
	}
	return 0;
}

void np_bootp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int frag)
{
	(void)ip, (void)frag;
	char buf[NP_ADDRSTRLEN];
	np_set_proto(c, "bootp");
	np_need(c, bp, 1);
	unsigned op = np_u8(c, bp);
	np_printf(c, "BOOTP/DHCP, %s",
		  np_tok_str((const np_tok[]){{BOOTPREQUEST, "Request"}, {BOOTPREPLY, "Reply"},
					      {0, NULL}},
			     "unknown (0x%02x)", op, buf, sizeof(buf)));
	np_need(c, bp + 1, 2);
	unsigned htype = np_u8(c, bp + 1), hlen = np_u8(c, bp + 2);
	const uint8_t *chaddr = bp + 28;
	if (htype == 1 && hlen == 6 && op == BOOTPREQUEST) {
		np_need(c, chaddr, 6);
		np_puts(c, " from ");
		np_print_mac(c, chaddr);
	}
	np_printf(c, ", length %u", length);
	if (!c->o.vflag)
		return;
	np_need_plain(c, bp + 8, 2); /* tcpdump checks the secs field first: a plain [|bootp] */
	if (htype != 1)
		np_printf(c, ", htype %u", htype);
	if (htype != 1 || hlen != 6)
		np_printf(c, ", hlen %u", hlen);
	if (np_u8(c, bp + 3))
		np_printf(c, ", hops %u", np_u8(c, bp + 3));
	if (np_be32(c, bp + 4))
		np_printf(c, ", xid 0x%x", np_be32(c, bp + 4));
	if (np_be16(c, bp + 8))
		np_printf(c, ", secs %u", np_be16(c, bp + 8));
	np_need(c, bp + 10, 2);
	unsigned flags = np_be16(c, bp + 10);
	np_printf(c, ", Flags [%s]", flags & 0x8000 ? "Broadcast" : "none");
	if (c->o.vflag > 1)
		np_printf(c, " (0x%04x)", flags);
	static const char *const addr_labels[] = {"Client-IP", "Your-IP", "Server-IP",
						  "Gateway-IP"};
	for (unsigned k = 0; k < 4; k++) {
		const uint8_t *a = bp + 12 + 4 * k;
		np_need(c, a, 4);
		if (np_be32(c, a)) {
			np_printf(c, "\n\t  %s ", addr_labels[k]);
			ipaddr(c, a);
		}
	}
	if (htype == 1 && hlen == 6) {
		np_puts(c, "\n\t  Client-Ethernet-Address ");
		np_print_mac(c, chaddr);
	}
	if (fixed_text(c, "sname", bp + 44, 64) || fixed_text(c, "file", bp + 108, 128))
		return;
	const uint8_t *vend = bp + BOOTP_FIXED_LEN;
	np_need_plain(c, vend, 4);
	static const uint8_t rfc1048_magic[4] = {99, 130, 83, 99};
	if (memcmp(vend, rfc1048_magic, 4) == 0)
		rfc1048_print(c, vend);
	else if (memcmp(vend, "CMU", 4) == 0)
		cmu_print(c, vend);
	else if (np_be32(c, vend))
		np_printf(c, "\n\t  Vendor-#0x%x", np_be32(c, vend));
}
