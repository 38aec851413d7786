/* Geneve (RFC 8926): version, flags, protocol type, VNI, options (listed with -v, their
 * data words with -vv), then the payload by its protocol type.
 *
 * The option walk trusts only the header's option length, checked against the UDP length
 * before anything is read; each option's own length is checked against what is left. */
#include "capture/netprint.h"

#define GENEVE_HDRLEN 8
#define ETHERTYPE_TEB 0x6558

static const np_tok geneve_flags[] = {
	{0x80, "O"}, {0x40, "C"}, {0x20, "R1"}, {0x10, "R2"},
	{0x08, "R3"}, {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"},
	{0, NULL},
};

/* Option classes as tcpdump 4.99.3 names them. */
static const np_tok option_classes[] = {
	{0x0100, "Linux"},
	{0x0101, "Open vSwitch"},
	{0x0102, "Open Virtual Networking (OVN)"},
	{0x0103, "In-band Network Telemetry (INT)"},
	{0x0104, "VMware"},
	{0, NULL},
};

static const char *class_name(unsigned cls)
{
	const char *s = np_tok_find(option_classes, cls);
	if (s)
		return s;
	if (cls <= 0x00ff)
		return "Standard";
	if (cls >= 0xfff0)
		return "Experimental";
	return "Unknown";
}

static void options_print(np_ctx *c, const uint8_t *bp, unsigned len)
{
	const char *sep = "";
	while (len > 0) {
		np_puts(c, sep);
		sep = ", ";
		unsigned cls = np_be16(c, bp);
		unsigned type = np_u8(c, bp + 2);
		unsigned olen = 4 + (np_u8(c, bp + 3) & 0x1f) * 4;
		np_printf(c, "class %s (0x%x) type 0x%x%s len %u", class_name(cls), cls, type,
			  type & 0x80 ? "(C)" : "", olen);
		if (olen > len) {
			np_puts(c, " [bad length]");
			return;
		}
		if (c->o.vflag > 1 && olen > 4) {
			np_puts(c, " data");
			for (unsigned i = 4; i < olen; i += 4)
				np_printf(c, " %08x", np_be32(c, bp + i));
		}
		bp += olen;
		len -= olen;
	}
}

void np_geneve_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "geneve");
	np_puts(c, "Geneve");
	np_need_plain(c, bp, GENEVE_HDRLEN);
	unsigned ver_opt = np_u8(c, bp);
	if (ver_opt >> 6 != 0) {
		np_printf(c, " ERROR: unknown-version %u", ver_opt >> 6);
		return;
	}
	unsigned flags = np_u8(c, bp + 1);
	unsigned prot = np_be16(c, bp + 2);
	unsigned vni = np_be24(c, bp + 4);
	unsigned reserved = np_u8(c, bp + 7);
	/* tcpdump counts the header off an unsigned length without checking it first */
	unsigned len = length - GENEVE_HDRLEN;
	bp += GENEVE_HDRLEN;

	np_puts(c, ", Flags [");
	np_print_bits(c, geneve_flags, "", flags);
	np_printf(c, "], vni 0x%x", vni);
	if (reserved)
		np_printf(c, ", rsvd 0x%x", reserved);
	if (c->o.eflag) {
		const char *name = np_ethertype_name(prot);
		np_printf(c, ", proto %s (0x%04x)", name ? name : "unknown", prot);
	}
	unsigned opts_len = (ver_opt & 0x3f) * 4;
	if (len < opts_len) {
		np_printf(c, " truncated-geneve - %u bytes missing", opts_len - len);
		return;
	}
	np_need_plain(c, bp, opts_len);
	if (opts_len > 0) {
		np_puts(c, ", options [");
		if (c->o.vflag)
			options_print(c, bp, opts_len);
		else
			np_printf(c, "%u bytes", opts_len);
		np_putc(c, ']');
	}
	bp += opts_len;
	len -= opts_len;
	np_puts(c, c->o.vflag ? "\n\t" : ": ");
	if (np_ethertype_dispatch(c, prot, bp, len))
		return;
	if (prot == ETHERTYPE_TEB)
		np_ether_print(c, bp, len, np_avail(c, bp));
	else
		np_printf(c, "geneve-proto-0x%x", prot);
}
