/* Cisco's UniDirectional Link Detection (SNAP OUI 00000c, PID 0x0111), as tcpdump 4.99.3
 * prints it: version, opcode, flags and length; with -v the checksum (not verified) and the
 * TLVs.  A TLV length that covers no value or runs past the message ends it as
 * " (invalid)" (which also stops a zero-length loop). */
#include "capture/netprint.h"

#define UDLD_HEADER_LEN 4
#define UDLD_TLV_HEADER_LEN 4

static const np_tok tlv_names[] = {
	{1, "Device-ID TLV"},        {2, "Port-ID TLV"},         {3, "Echo TLV"},
	{4, "Message Interval TLV"}, {5, "Timeout Interval TLV"}, {6, "Device Name TLV"},
	{7, "Sequence Number TLV"},  {0, NULL},
};

static const np_tok codes[] = {
	{0, "Reserved"}, {1, "Probe message"}, {2, "Echo message"}, {3, "Flush message"},
	{0, NULL},
};

static const np_tok flag_names[] = {
	{1u << 0, "RT"},    {1u << 1, "RSY"},   {1u << 2, "MBZ-2"}, {1u << 3, "MBZ-3"},
	{1u << 4, "MBZ-4"}, {1u << 5, "MBZ-5"}, {1u << 6, "MBZ-6"}, {1u << 7, "MBZ-7"},
	{0, NULL},
};

void np_udld_print(np_ctx *c, const uint8_t *t, unsigned length)
{
	np_set_proto(c, "udld");
	if (length < UDLD_HEADER_LEN)
		goto invalid;
	unsigned b = np_u8(c, t), code = b & 0x1f, flags = np_u8(c, t + 1);
	const char *cn = np_tok_find(codes, code);
	np_printf(c, "UDLDv%u, Code %s (%x), Flags [", (b & 0xe0) >> 5, cn ? cn : "Reserved", code);
	np_print_bits(c, flag_names, ", ", flags);
	np_printf(c, "] (0x%02x), length %u", flags, length);
	t += 2;
	length -= 2;
	if (!c->o.vflag)
		goto check;
	np_printf(c, "\n\tChecksum 0x%04x (unverified)", np_be16(c, t));
	t += 2;
	length -= 2;
	while (length) {
		if (length < UDLD_TLV_HEADER_LEN)
			goto invalid;
		unsigned type = np_be16(c, t), len = np_be16(c, t + 2);
		t += 4;
		length -= 4;
		const char *name = np_tok_find(tlv_names, type);
		np_printf(c, "\n\t%s (0x%04x) TLV, length %u", name ? name : "Unknown", type, len);
		if (len <= UDLD_TLV_HEADER_LEN)
			goto invalid;
		len -= UDLD_TLV_HEADER_LEN;
		if (length < len)
			goto invalid;
		switch (type) {
		case 1:
		case 2:
		case 6:
			np_puts(c, ", ");
			np_print_zchars(c, t, len);
			break;
		case 3:
			np_puts(c, ", ");
			np_need(c, t, len);
			np_print_chars(c, t, len);
			break;
		case 4:
		case 5:
			if (len != 1)
				goto invalid;
			np_printf(c, ", %us", np_u8(c, t));
			break;
		case 7:
			if (len != 4)
				goto invalid;
			np_printf(c, ", %u", np_be32(c, t));
			break;
		default:
			np_need(c, t, len);
			break;
		}
		t += len;
		length -= len;
	}
	return;
invalid:
	np_print_invalid(c);
check:
	np_need(c, t, length);
}
